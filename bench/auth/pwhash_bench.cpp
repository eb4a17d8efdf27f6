// The cost of one argon2id hash and verification at libsodium's INTERACTIVE and
// MODERATE limits (bench/README.md, "Accounts"): what chose the default HashCost.
// Usage: auth_pwhash_bench [repetitions]

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "corridor/auth.hpp"

int main(int argc, char** argv) {
  using corridor::auth::HashCost;
  const int reps = argc > 1 ? std::atoi(argv[1]) : 5;
  const struct {
    const char* name;
    HashCost cost;
  } costs[] = {{"interactive", HashCost::interactive()}, {"moderate", HashCost::moderate()}};
  for (const auto& c : costs) {
    double best = 1e9, total = 0, verify_total = 0;
    for (int i = 0; i < reps; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto h = corridor::auth::hash_password("river-lantern-7-basalt", c.cost);
      const auto t1 = std::chrono::steady_clock::now();
      if (!corridor::auth::verify_password(h, "river-lantern-7-basalt")) return 1;
      const auto t2 = std::chrono::steady_clock::now();
      const double d = std::chrono::duration<double>(t1 - t0).count();
      best = d < best ? d : best;
      total += d;
      verify_total += std::chrono::duration<double>(t2 - t1).count();
    }
    std::printf("%-11s t=%llu m=%zu MiB: hash best %.3f s, mean %.3f s; verify mean %.3f s\n",
                c.name,
                c.cost.opslimit,
                c.cost.memlimit >> 20,
                best,
                total / reps,
                verify_total / reps);
  }
  return 0;
}
