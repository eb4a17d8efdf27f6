// Whole product space of one export matrix (proximity, density, ECI/PCI, COI, COG) timed
// on corridor's compute_complexity, for the side-by-side run against a numpy reference
// (bench/trade/complexity_vs_numpy.sh). Input: CSV `exporter,product,value` (the matrix
// built in sorted order of both); output: the results as raw little-endian doubles in
// OUT_DIR for the reference to compare, and the wall time of the computation.
//
// Usage: trade_complexity_bench MATRIX.csv OUT_DIR [repeats]

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "corridor/core/csv.hpp"
#include "corridor/trade.hpp"

namespace {

using corridor::trade::Matrix;

Matrix read_matrix(const std::string& path) {
  std::string text;
  if (!corridor::core::read_file(path, text)) return {};
  corridor::DiagnosticSink sink;
  const auto t = corridor::core::parse_csv(text, path, sink);
  std::map<std::string, std::size_t> ci, pi;
  for (const auto& r : t.rows) {
    ci.emplace(r.fields[0].text, 0);
    pi.emplace(r.fields[1].text, 0);
  }
  Matrix m;
  for (auto& [k, v] : ci) {
    v = m.countries.size();
    m.countries.push_back(k);
  }
  for (auto& [k, v] : pi) {
    v = m.products.size();
    m.products.push_back(k);
  }
  m.x.assign(m.countries.size() * m.products.size(), 0.0);
  for (const auto& r : t.rows)
    m.x[ci[r.fields[0].text] * m.products.size() + pi[r.fields[1].text]] +=
        std::stod(r.fields[2].text);
  return m;
}

void dump(const std::string& path, const std::vector<double>& v) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(v.data()),
            static_cast<std::streamsize>(v.size() * sizeof(double)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s MATRIX.csv OUT_DIR [repeats]\n", argv[0]);
    return 2;
  }
  const Matrix m = read_matrix(argv[1]);
  const int repeats = argc > 3 ? std::stoi(argv[3]) : 3;
  corridor::trade::Complexity c;
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    c = corridor::trade::compute_complexity(m);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  const std::string out = argv[2];
  const std::size_t np = c.np();
  std::vector<double> rowsum(np, 0.0);
  for (std::size_t p = 0; p < np; ++p)
    for (std::size_t q = 0; q < np; ++q) rowsum[p] += c.proximity[p * np + q];
  dump(out + "/eci.f64", c.eci);
  dump(out + "/pci.f64", c.pci);
  dump(out + "/coi.f64", c.coi);
  dump(out + "/density.f64", c.density);
  dump(out + "/cog.f64", c.cog);
  dump(out + "/proximity_rowsum.f64", rowsum);
  std::printf("corridor %zu countries x %zu products: %.3f s (best of %d)\n",
              c.countries.size(),
              np,
              best,
              repeats);
  return 0;
}
