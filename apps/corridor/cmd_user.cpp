// `corridor user add [--admin] [--roles LIST] [--display-name NAME] --db URL USERNAME`:
// creates an account on the machine that holds the database (the other way to the first
// admin than the setup token, docs/serve.md). The password is read from standard input
// (one line; not echoed on a terminal), never from the command line, where `ps` and the
// shell history would show it.

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "corridor/auth.hpp"
#include "corridor/error.hpp"
#include "corridor/store.hpp"

namespace corridor::cli {

namespace {

struct UserAddOptions {
  std::string db;
  std::string username;
  std::string display_name;
  std::string roles;
  bool admin = false;
};

std::string read_password() {
  const bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "password: ");
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string password_message(auth::PasswordProblem p, const std::string& password) {
  using P = auth::PasswordProblem;
  const std::string code(auth::problem_code(p));
  const auto n = auth::utf8_length(password).value_or(0);
  switch (p) {
    case P::kTooShort:
    case P::kTooLong:
      return "refused: " + code + " (got " + std::to_string(n) + " characters, expected 12 to 128)";
    case P::kInvalidUtf8:
      return "refused: " + code + " (got bytes that are not UTF-8, expected UTF-8 text)";
    case P::kUsername:
      return "refused: " + code +
             " (got the username with digits or symbols at most, expected a password of its own)";
    case P::kProductName:
      return "refused: " + code +
             " (got \"corridor\" with digits or symbols at most, expected a password of its own)";
    case P::kRepetitive:
      return "refused: " + code +
             " (got one short unit repeated, expected a password that is not a repetition)";
    case P::kCommon:
      break;
  }
  return "refused: " + code +
         " (got a common password or one with digits or symbols around it, expected a password "
         "that is not in the list of common ones)";
}

// Every problem with the account's fields at once.
std::vector<auth::Role> checked_roles(const UserAddOptions& o,
                                      const std::string& password,
                                      DiagnosticSink& sink) {
  const auto bad = ErrorCode::kAccountRefused;
  if (auto p = auth::check_username(o.username))
    sink.error(bad,
               "username",
               0,
               0,
               "",
               "refused: " + *p + " (got \"" + o.username +
                   "\", expected 1 to 64 characters without control "
                   "characters or surrounding spaces)");
  if (auto p = auth::check_display_name(o.display_name))
    sink.error(
        bad,
        "--display-name",
        0,
        0,
        "",
        "refused: " + *p +
            " (expected 0 to 200 characters without control characters or surrounding spaces)");
  auto parsed = auth::parse_roles(o.roles.empty() ? (o.admin ? "admin" : "viewer") : o.roles);
  for (const auto& u : parsed.unknown)
    sink.error(
        bad,
        "--roles",
        0,
        0,
        "",
        "unknown role (got \"" + u + "\", expected viewer, planner, editor, verifier or admin)");
  if (o.admin && parsed.unknown.empty())
    parsed = auth::parse_roles(auth::format_roles(parsed.roles) + ",admin");
  if (auto p = auth::check_password(password, o.username))
    sink.error(bad, "<stdin>", 0, 0, "password", password_message(*p, password));
  return parsed.roles;
}

int run_user_add(const UserAddOptions& o) {
  auto db = store::Database::open(o.db);
  try {
    db->read([](store::Tx& tx) { tx.query("SELECT COUNT(*) FROM users"); });
  } catch (const store::DbError&) {
    throw InputError({{ErrorCode::kDatabaseNotMigrated,
                       Severity::kError,
                       "--db",
                       0,
                       0,
                       "",
                       "database not migrated (got " + db->describe() +
                           " without the users table, expected a migrated database; run "
                           "corridor db migrate --db URL first)"}});
  }
  const std::string password = read_password();
  DiagnosticSink sink;
  const auto roles = checked_roles(o, password, sink);
  sink.throw_if_errors();
  auth::Auth service(*db);
  http::Request local;
  local.remote_address = "local";
  local.request_id = "cli";
  auto r = service.create_user(nullptr, {o.username, password, o.display_name, roles}, local);
  if (!r.ok()) {
    const bool taken = r.failure.code == "username_taken";
    throw InputError(
        {{taken ? ErrorCode::kUsernameTaken : ErrorCode::kAccountRefused,
          Severity::kError,
          "username",
          0,
          0,
          "",
          taken ? "taken (got \"" + o.username + "\", expected a username not yet in the database)"
                : r.failure.message + " (" + r.failure.reason + ")"}});
  }
  std::printf("corridor: user %s created (id %lld, roles %s)\n",
              r.value->username.c_str(),
              static_cast<long long>(r.value->id),
              auth::format_roles(r.value->roles).c_str());
  return kExitOk;
}

}  // namespace

Runner add_user(CLI::App& app) {
  auto opt = std::make_shared<UserAddOptions>();
  auto* user = app.add_subcommand("user", "Manage accounts of corridor serve on this machine");
  user->require_subcommand(1);
  auto* add = user->add_subcommand(
      "add", "Create an account; the password is read from standard input (one line)");
  add->add_option("username", opt->username, "The new account's username")->required();
  add->add_option("--db", opt->db, "Database: sqlite:PATH, a path, or postgresql://…")->required();
  add->add_flag("--admin", opt->admin, "Grant the admin role (users, roles, sessions, audit)");
  add->add_option("--roles",
                  opt->roles,
                  "Comma list of viewer, planner, editor, verifier, admin (default: viewer; "
                  "admin with --admin)");
  add->add_option("--display-name", opt->display_name, "Name shown in the dashboard");
  return [opt] { return run_user_add(*opt); };
}

}  // namespace corridor::cli
