#pragma once
// Header, cookie and bearer-token reading over http::Request's fields (web.cpp).

#include <optional>
#include <string>
#include <string_view>

#include "corridor/http.hpp"

namespace corridor::auth {

std::optional<std::string> header_of(const http::Request& request, std::string_view name);
std::optional<std::string> cookie_of(const http::Request& request, std::string_view name);
/// The token of `Authorization: Bearer TOKEN`.
std::optional<std::string> bearer_of(const http::Request& request);
/// Plain HTTP from a loopback peer: the one case without Secure (and so without __Host-).
bool plain_loopback(const http::Request& request);

}  // namespace corridor::auth
