// Roles: names, the comma list stored in users.roles, and the role check.

#include <algorithm>

#include "corridor/auth.hpp"

namespace corridor::auth {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kPlanner:
      return "planner";
    case Role::kEditor:
      return "editor";
    case Role::kVerifier:
      return "verifier";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles)
    if (role_name(r) == name) return r;
  return std::nullopt;
}

static std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

ParsedRoles parse_roles(std::string_view list) {
  ParsedRoles out;
  bool seen[std::size(kAllRoles)] = {};
  while (true) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) {
      if (auto r = parse_role(item))
        seen[static_cast<int>(*r)] = true;
      else
        out.unknown.emplace_back(item);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  for (Role r : kAllRoles)
    if (seen[static_cast<int>(r)]) out.roles.push_back(r);
  return out;
}

std::string format_roles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : kAllRoles) {
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) continue;
    if (!out.empty()) out += ',';
    out += role_name(r);
  }
  return out;
}

bool allows(const User& user, Role role) {
  if (user.disabled) return false;
  if (role == Role::kViewer) return !user.roles.empty();
  return std::find(user.roles.begin(), user.roles.end(), role) != user.roles.end();
}

nlohmann::json to_json(const User& user) {
  nlohmann::json roles = nlohmann::json::array();
  for (Role r : user.roles) roles.push_back(std::string(role_name(r)));
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"roles", roles},
          {"lang", user.lang},
          {"disabled", user.disabled},
          {"created_at", user.created_at}};
}

}  // namespace corridor::auth
