// The router: patterns are matched segment by segment with string_views, straight from
// the pattern text (no regex, no allocation but the parameters), against every route.
// O(routes × segments) per request, which for the ~40 routes of `corridor serve` is a
// few hundred character comparisons. The most specific match wins: more literal
// segments first, then {name} over {*rest}, then the route registered first.

#include <stdexcept>

#include "corridor/http.hpp"

namespace corridor::http {
namespace {

constexpr Method kAllMethods[] = {Method::kGet,
                                  Method::kHead,
                                  Method::kPost,
                                  Method::kPut,
                                  Method::kPatch,
                                  Method::kDelete,
                                  Method::kOptions};

unsigned bit(Method m) { return 1u << static_cast<unsigned>(m); }

// Splits off the next segment of a path or pattern that starts after a '/'.
std::string_view next_segment(std::string_view& rest) {
  std::size_t slash = rest.find('/');
  std::string_view seg = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return seg;
}

bool is_param(std::string_view seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}

// Matches `path` against `pattern` (both starting with '/'); on success returns the
// specificity score and fills `params` when given; -1 when it does not match.
int match(std::string_view pattern,
          std::string_view path,
          std::map<std::string, std::string>* params) {
  std::string_view p = pattern.substr(1), s = path.substr(1);
  bool p_done = false, s_done = false;
  int literals = 0;
  while (!p_done) {
    p_done = p.find('/') == std::string_view::npos;
    std::string_view ps = next_segment(p);
    if (is_param(ps) && ps[1] == '*') {
      if (s_done) return -1;
      if (params) (*params)[std::string(ps.substr(2, ps.size() - 3))] = std::string(s);
      return literals * 2;
    }
    if (s_done) return -1;
    s_done = s.find('/') == std::string_view::npos;
    std::string_view ss = next_segment(s);
    if (is_param(ps)) {
      if (ss.empty()) return -1;
      if (params) (*params)[std::string(ps.substr(1, ps.size() - 2))] = std::string(ss);
    } else if (ps != ss) {
      return -1;
    } else {
      ++literals;
    }
  }
  return s_done ? literals * 2 + 1 : -1;
}

// The best route for (method, path), HEAD falling back to GET; `allowed` collects the
// methods of every route whose pattern matches the path.
const Route* best_route(const std::vector<Route>& routes,
                        Method method,
                        std::string_view path,
                        unsigned* allowed) {
  const Route* best = nullptr;
  const Route* best_get = nullptr;
  int best_score = -1, best_get_score = -1;
  if (path.empty() || path.front() != '/') return nullptr;
  for (const Route& r : routes) {
    int score = match(r.pattern, path, nullptr);
    if (score < 0) continue;
    if (allowed) *allowed |= bit(r.method);
    if (r.method == method && score > best_score) best = &r, best_score = score;
    if (r.method == Method::kGet && score > best_get_score) best_get = &r, best_get_score = score;
  }
  if (best == nullptr && method == Method::kHead) return best_get;
  return best;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler, RouteInfo info) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  std::size_t rest = pattern.find("{*");
  if (rest != std::string::npos && pattern.find('/', rest) != std::string::npos) {
    throw std::invalid_argument("{*name} must be the last segment: " + pattern);
  }
  routes_.push_back(Route{method, std::move(pattern), std::move(info), std::move(handler)});
}

const Route* Router::find(Method method, std::string_view path) const {
  return best_route(routes_, method, path, nullptr);
}

Response Router::dispatch(Request& request) const {
  unsigned allowed = 0;
  const Route* route = best_route(routes_, request.method, request.path, &allowed);
  if (route != nullptr) {
    request.params.clear();
    match(route->pattern, request.path, &request.params);
    return route->handler(request);
  }
  if (allowed == 0) {
    return Response::error(404, "not_found", "no such resource: " + request.path);
  }
  if (allowed & bit(Method::kGet)) allowed |= bit(Method::kHead);
  std::string allow;
  for (Method m : kAllMethods) {
    if (!(allowed & bit(m))) continue;
    if (!allow.empty()) allow += ", ";
    allow += method_name(m);
  }
  Response r = Response::error(405,
                               "method_not_allowed",
                               std::string(method_name(request.method)) + " is not allowed on " +
                                   request.path + " (allowed: " + allow + ")");
  r.set("Allow", allow);
  return r;
}

}  // namespace corridor::http
