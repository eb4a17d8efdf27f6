// TLS context set-up, kept apart from server.cpp so that the OpenSSL-facing options
// are in one short place.

#include "tls.hpp"

#include <openssl/ssl.h>

#include <stdexcept>

namespace corridor::http {

std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::string& certificate,
                                                            const std::string& private_key) {
  namespace ssl = boost::asio::ssl;
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  // TLS 1.2 is the oldest version without known protocol-level breaks; no compression
  // (CRIME), no session tickets (keys that would live as long as the process).
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::no_compression | ssl::context::single_dh_use);
  SSL_CTX_set_options(ctx->native_handle(), SSL_OP_NO_TICKET);
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(certificate, ec);
  if (ec) {
    throw std::runtime_error("cannot use TLS certificate " + certificate + ": " + ec.message());
  }
  ctx->use_private_key_file(private_key, ssl::context::pem, ec);
  if (ec) {
    throw std::runtime_error("cannot use TLS private key " + private_key + ": " + ec.message());
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    throw std::runtime_error("TLS private key " + private_key + " does not match certificate " +
                             certificate);
  }
  return ctx;
}

}  // namespace corridor::http
