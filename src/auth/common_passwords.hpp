#pragma once
// The embedded list of common passwords the policy refuses (common_passwords.cpp).

#include <span>
#include <string_view>

namespace corridor::auth {

/// Lower-case entries, each refused alone or with digits/symbols around it.
std::span<const std::string_view> common_passwords();

}  // namespace corridor::auth
