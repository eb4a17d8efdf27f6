#pragma once
// Numbers for people: thousands separators, shared by the CLI summaries, the
// scenario info and the HTML report so that every figure reads the same way.

#include <string>

namespace corridor::core {

/// 12345678.9 -> "12,345,679" (decimals = 0), "12,345,678.90" (decimals = 2).
/// Rounds before signing, so -0.4 prints "0"; non-finite values print as "inf"/"nan".
std::string grouped(double value, int decimals = 0);

}  // namespace corridor::core
