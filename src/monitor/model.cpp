// read_model_values(): the values of model indicators, read from named corridor runs
// (plan.json or sim.json) along the paths of docs/monitor-format.md.

#include <fmt/format.h>

#include <filesystem>
#include <variant>

#include "corridor/core/artefact.hpp"
#include "corridor/monitor.hpp"
#include "corridor/plan.hpp"
#include "corridor/sim.hpp"

namespace corridor::monitor {

namespace {

struct Step {
  std::string key;
  std::vector<std::string> selectors;  // "3" or "crossing=DOSTYK_RAIL"
};

std::vector<Step> split_path(const std::string& path) {
  std::vector<Step> out;
  std::size_t i = 0;
  while (i < path.size()) {
    Step s;
    while (i < path.size() && path[i] != '.' && path[i] != '[') s.key += path[i++];
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      s.selectors.push_back(path.substr(i + 1, close - i - 1));
      i = close + 1;
    }
    if (i < path.size() && path[i] == '.') ++i;
    out.push_back(std::move(s));
  }
  return out;
}

/// Follows `path` in `j`: the number it names, or why it names none.
std::variant<double, std::string> follow(const nlohmann::json& j, const std::string& path) {
  const nlohmann::json* at = &j;
  std::string walked;
  for (const Step& s : split_path(path)) {
    if (!at->is_object() || !at->contains(s.key))
      return fmt::format("no key {} at {}", s.key, walked.empty() ? "the top" : walked);
    at = &(*at)[s.key];
    walked += (walked.empty() ? "" : ".") + s.key;
    for (const std::string& sel : s.selectors) {
      if (!at->is_array()) return fmt::format("{} is not a list", walked);
      const std::size_t eq = sel.find('=');
      const nlohmann::json* next = nullptr;
      if (eq == std::string::npos) {
        std::size_t k = 0;
        try {
          k = std::stoul(sel);
        } catch (const std::exception&) {
          return fmt::format("[{}] after {} is neither an index nor key=value", sel, walked);
        }
        if (k < at->size()) next = &(*at)[k];
      } else {
        const std::string key = sel.substr(0, eq);
        const std::string want = sel.substr(eq + 1);
        for (const auto& e : *at)
          if (e.is_object() && e.contains(key) && e[key].is_string() && e[key] == want) {
            next = &e;
            break;
          }
      }
      if (next == nullptr) return fmt::format("no element [{}] in {}", sel, walked);
      at = next;
      walked += "[" + sel + "]";
    }
  }
  if (at->is_number()) return at->get<double>();
  if (at->is_object() && at->contains("mean"))
    return fmt::format(
        "{} is a statistic, not a number (expected {}.mean, .ci95, .min or .max)", walked, walked);
  return fmt::format("{} is {}, not a number", walked, at->type_name());
}

/// The artefact's header, checked to be a plan or a simulation.
ArtefactHeader run_header(const nlohmann::json& j, const std::string& file, DiagnosticSink& sink) {
  const bool sim = j.is_object() && j.contains("schema") && j["schema"].is_string() &&
                   j["schema"].get<std::string>().rfind(std::string(sim::kSimSchema) + "/", 0) == 0;
  if (sim) return read_header(j, sim::kSimSchema, sim::kSimSchemaVersion, file, sink);
  int version = 0;  // corridor.plan/2 and /3 alike: the monitor reads values by path
  return design::read_plan_header(j, file, sink, version);
}

}  // namespace

std::vector<ModelValue> read_model_values(const Monitor& m,
                                          const std::map<std::string, std::string>& files) {
  DiagnosticSink sink;
  const std::string table = (std::filesystem::path(m.folder) / "indicators.csv").string();
  std::map<std::string, std::string> file_of;
  for (const Run& r : m.runs)
    if (!r.file.empty()) file_of[r.id] = (std::filesystem::path(m.folder) / r.file).string();
  for (const auto& [id, f] : files) file_of[id] = f;
  std::map<std::string, std::pair<nlohmann::json, ArtefactHeader>> loaded;
  std::vector<ModelValue> out;
  for (const Indicator& ind : m.indicators) {
    if (ind.feed != Feed::kModel) continue;
    ModelValue v;
    v.indicator = ind.id;
    v.run = ind.run;
    const auto f = file_of.find(ind.run);
    if (f == file_of.end() || !std::filesystem::exists(f->second)) {
      v.problem =
          f == file_of.end()
              ? fmt::format("run {} has no file (give it with --run {}=FILE)", ind.run, ind.run)
              : fmt::format("run {}: {} does not exist (make it, or give --run {}=FILE)",
                            ind.run,
                            f->second,
                            ind.run);
      out.push_back(std::move(v));
      continue;
    }
    v.file = f->second;
    auto it = loaded.find(ind.run);
    if (it == loaded.end()) {
      nlohmann::json j = read_json_file(v.file);
      ArtefactHeader h = run_header(j, v.file, sink);
      it = loaded.emplace(ind.run, std::make_pair(std::move(j), std::move(h))).first;
    }
    v.fingerprint = it->second.second.scenario_fingerprint;
    auto got = follow(it->second.first, ind.path);
    if (const double* x = std::get_if<double>(&got))
      v.value = *x;
    else
      sink.error(ErrorCode::kModelPathNamesNothing,
                 table,
                 ind.line,
                 0,
                 "path",
                 fmt::format("names no number in run {} (got {}: {} in {})",
                             "\"" + ind.run + "\"",
                             ind.path,
                             std::get<std::string>(got),
                             v.file));
    out.push_back(std::move(v));
  }
  sink.throw_if_errors();
  return out;
}

}  // namespace corridor::monitor
