#pragma once
// The TLS context of an HTTPS server (OpenSSL through Asio's ssl::context). Private to
// the http module: only server.cpp and tls.cpp see Asio.

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace corridor::http {

/// A TLS 1.2+ server context with the PEM certificate chain and private key; throws
/// std::runtime_error naming the file that cannot be read or does not match.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::string& certificate,
                                                            const std::string& private_key);

}  // namespace corridor::http
