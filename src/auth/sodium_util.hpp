#pragma once
// libsodium behind small helpers: random tokens, their stored hash, constant-time
// comparison. libsodium is a private dependency of auth: only this module includes it.

#include <string>
#include <string_view>

namespace corridor::auth {

/// sodium_init() once (thread-safe); throws when libsodium cannot start.
void ensure_sodium();
/// 32 random bytes (randombytes_buf), base64url without padding (43 characters).
std::string random_token();
/// BLAKE2b-256 (crypto_generichash) of the token, lower-case hex: what the database keeps.
std::string token_hash(std::string_view token);
/// Equal length and content, in time independent of where they differ (sodium_memcmp).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace corridor::auth
