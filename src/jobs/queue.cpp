// The queue over the jobs table (include/corridor/jobs.hpp has the method).

#include <fmt/format.h>

#include <ctime>

#include "corridor/jobs.hpp"

namespace corridor::jobs {

using store::Row;
using store::Tx;
using store::Value;

namespace {

constexpr const char* kJobColumns =
    "id, kind, version_id, options_json, state, progress, message, exit_code, attempts, "
    "cancel_requested, claimed_by, heartbeat_at, published, created_by, created_at, "
    "started_at, finished_at";

Job job_of(const Row& r) {
  Job j;
  j.id = r.integer(0);
  j.kind = r.text(1);
  j.version_id = r.integer(2);
  j.options_json = r.text(3);
  j.state = state_from_string(r.text(4)).value_or(State::kFailed);
  j.progress = r.real(5);
  j.message = r.text(6);
  if (auto c = r.opt_integer(7)) j.exit_code = static_cast<int>(*c);
  j.attempts = static_cast<int>(r.integer(8));
  j.cancel_requested = r.integer(9) != 0;
  j.claimed_by = r.opt_text(10).value_or("");
  j.heartbeat_at = r.opt_text(11).value_or("");
  j.published = r.integer(12) != 0;
  j.created_by = r.opt_integer(13);
  j.created_at = r.text(14);
  j.started_at = r.opt_text(15).value_or("");
  j.finished_at = r.opt_text(16).value_or("");
  return j;
}

Value text(std::string_view s) { return Value{std::string(s)}; }

}  // namespace

std::string to_string(State s) {
  switch (s) {
    case State::kQueued:
      return "queued";
    case State::kRunning:
      return "running";
    case State::kSucceeded:
      return "succeeded";
    case State::kFailed:
      return "failed";
    case State::kCancelled:
      return "cancelled";
  }
  return "failed";
}

std::optional<State> state_from_string(std::string_view s) {
  for (State x :
       {State::kQueued, State::kRunning, State::kSucceeded, State::kFailed, State::kCancelled})
    if (to_string(x) == s) return x;
  return std::nullopt;
}

bool is_final(State s) {
  return s == State::kSucceeded || s == State::kFailed || s == State::kCancelled;
}

std::string iso_utc(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Queue::Queue(store::Database& db, QueueOptions options) : db_(db), options_(std::move(options)) {
  if (!options_.clock) options_.clock = [] { return std::chrono::system_clock::now(); };
}

std::string Queue::now() const { return iso_utc(options_.clock()); }

std::int64_t Queue::enqueue(std::string_view kind,
                            std::int64_t version_id,
                            std::string_view options_json,
                            std::optional<std::int64_t> user) {
  auto problems = check_request(kind, options_json);
  if (!problems.empty()) throw InputError(std::move(problems));
  std::int64_t id = 0;
  db_.write([&](Tx& tx) {
    const Value params[] = {text(kind),
                            Value{version_id},
                            text(options_json.empty() ? "{}" : options_json),
                            user ? Value{*user} : Value{},
                            text(now())};
    id = tx.query_one(
               "INSERT INTO jobs (kind, version_id, options_json, created_by, created_at) "
               "VALUES (?, ?, ?, ?, ?) RETURNING id",
               params)
             ->integer(0);
  });
  return id;
}

std::optional<Job> Queue::get(std::int64_t id) {
  std::optional<Job> j;
  db_.read([&](Tx& tx) {
    const Value p[] = {Value{id}};
    if (auto r = tx.query_one(fmt::format("SELECT {} FROM jobs WHERE id = ?", kJobColumns), p))
      j = job_of(*r);
  });
  return j;
}

std::vector<Job> Queue::list(int limit, std::optional<State> state) {
  std::vector<Job> out;
  db_.read([&](Tx& tx) {
    std::vector<Row> rows;
    if (state) {
      const Value p[] = {text(to_string(*state)), Value{std::int64_t{limit}}};
      rows = tx.query(
          fmt::format("SELECT {} FROM jobs WHERE state = ? ORDER BY id DESC LIMIT ?", kJobColumns),
          p);
    } else {
      const Value p[] = {Value{std::int64_t{limit}}};
      rows = tx.query(fmt::format("SELECT {} FROM jobs ORDER BY id DESC LIMIT ?", kJobColumns), p);
    }
    for (const auto& r : rows) out.push_back(job_of(r));
  });
  return out;
}

std::vector<std::string> Queue::file_names(std::int64_t id) {
  std::vector<std::string> names;
  db_.read([&](Tx& tx) {
    const Value p[] = {Value{id}};
    for (const auto& r : tx.query("SELECT name FROM job_files WHERE job_id = ? ORDER BY name", p))
      names.push_back(r.text(0));
  });
  return names;
}

std::optional<std::string> Queue::file(std::int64_t id, std::string_view name) {
  std::optional<std::string> content;
  db_.read([&](Tx& tx) {
    const Value p[] = {Value{id}, text(name)};
    if (auto r = tx.query_one("SELECT content FROM job_files WHERE job_id = ? AND name = ?", p))
      content = r->blob(0);
  });
  return content;
}

bool Queue::request_cancel(std::int64_t id) {
  bool changed = false;
  db_.write([&](Tx& tx) {
    const Value q[] = {text(now()), Value{id}};
    // A queued job never starts; a running one is flagged for its runner.
    changed = tx.exec(
                  "UPDATE jobs SET state = 'cancelled', cancel_requested = 1, "
                  "message = 'cancelled before it started', finished_at = ? "
                  "WHERE id = ? AND state = 'queued'",
                  q) > 0;
    if (!changed) {
      const Value r[] = {Value{id}};
      changed =
          tx.exec("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running'", r) > 0;
    }
  });
  return changed;
}

std::optional<Job> Queue::claim(std::string_view worker_id) {
  std::optional<Job> job;
  db_.write([&](Tx& tx) {
    // SQLite: the write transaction is BEGIN IMMEDIATE, so the select and the update
    // are one serialised step. PostgreSQL: the row lock taken here, skipping rows other
    // claimers hold, makes the pick exclusive at READ COMMITTED.
    const std::string pick = tx.dialect() == store::Dialect::kPostgres
                                 ? "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 "
                                   "FOR UPDATE SKIP LOCKED"
                                 : "SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1";
    const auto row = tx.query_one(pick);
    if (!row) return;
    const std::int64_t id = row->integer(0);
    const std::string t = now();
    const Value p[] = {text(worker_id), text(t), text(t), Value{id}};
    if (tx.exec("UPDATE jobs SET state = 'running', claimed_by = ?, heartbeat_at = ?, "
                "started_at = ?, attempts = attempts + 1, progress = 0, message = '' "
                "WHERE id = ? AND state = 'queued'",
                p) != 1)
      return;
    const Value g[] = {Value{id}};
    job = job_of(*tx.query_one(fmt::format("SELECT {} FROM jobs WHERE id = ?", kJobColumns), g));
  });
  return job;
}

Heartbeat Queue::heartbeat(std::int64_t id,
                           std::string_view worker_id,
                           std::optional<double> progress,
                           std::optional<std::string_view> message) {
  Heartbeat hb;
  db_.write([&](Tx& tx) {
    // Only the columns given are set: an untyped NULL parameter is an error on PostgreSQL.
    std::string sql = "UPDATE jobs SET heartbeat_at = ?";
    std::vector<Value> params{text(now())};
    if (progress) {
      // Progress only grows: a late, smaller value never moves the bar back.
      sql += ", progress = CASE WHEN progress < ? THEN ? ELSE progress END";
      params.insert(params.end(), {Value{*progress}, Value{*progress}});
    }
    if (message) {
      sql += ", message = ?";
      params.push_back(text(*message));
    }
    sql += " WHERE id = ? AND state = 'running' AND claimed_by = ?";
    params.insert(params.end(), {Value{id}, text(worker_id)});
    const auto n = tx.exec(sql, params);
    hb.owned = n == 1;
    if (hb.owned) {
      const Value g[] = {Value{id}};
      hb.cancel_requested =
          tx.query_one("SELECT cancel_requested FROM jobs WHERE id = ?", g)->integer(0) != 0;
    }
  });
  return hb;
}

bool Queue::finish(std::int64_t id,
                   std::string_view worker_id,
                   State state,
                   std::optional<int> exit_code,
                   std::string_view message,
                   const std::vector<JobFile>& files) {
  if (!is_final(state)) throw std::invalid_argument("jobs::Queue::finish: state is not final");
  bool done = false;
  db_.write([&](Tx& tx) {
    const Value p[] = {text(to_string(state)),
                       exit_code ? Value{std::int64_t{*exit_code}} : Value{},
                       text(message),
                       Value{state == State::kSucceeded ? 1.0 : 0.0},
                       text(now()),
                       Value{id},
                       text(worker_id)};
    done = tx.exec(
               "UPDATE jobs SET state = ?, exit_code = ?, message = ?, "
               "progress = CASE WHEN ? > progress THEN 1.0 ELSE progress END, "
               "finished_at = ? WHERE id = ? AND state = 'running' AND claimed_by = ?",
               p) == 1;
    if (!done) return;
    for (const auto& f : files) {
      const Value fp[] = {Value{id}, text(f.name), Value{store::Blob{f.content}}};
      tx.exec("INSERT INTO job_files (job_id, name, content) VALUES (?, ?, ?)", fp);
    }
  });
  return done;
}

ReapResult Queue::put_back(const std::vector<std::pair<std::int64_t, int>>& jobs,
                           const std::string& why) {
  ReapResult out;
  for (const auto& [id, attempts] : jobs) {
    db_.write([&](Tx& tx) {
      // A cancel asked of a job whose run was lost ends it here rather than running it
      // again only to stop it.
      const Value c[] = {text(why + "; cancelled as requested"),
                         text(now()),
                         Value{id},
                         Value{std::int64_t{attempts}}};
      if (tx.exec("UPDATE jobs SET state = 'cancelled', message = ?, finished_at = ?, "
                  "claimed_by = NULL WHERE id = ? AND state = 'running' AND attempts = ? "
                  "AND cancel_requested = 1",
                  c) == 1) {
        out.cancelled.push_back(id);
        return;
      }
      const bool give_up = attempts >= options_.max_attempts;
      const std::string msg =
          give_up
              ? fmt::format("{}; attempt {} of {}: failed", why, attempts, options_.max_attempts)
              : fmt::format(
                    "{}; attempt {} of {}: queued again", why, attempts, options_.max_attempts);
      const Value p[] = {text(give_up ? "failed" : "queued"),
                         text(msg),
                         give_up ? text(now()) : Value{},
                         Value{id},
                         Value{std::int64_t{attempts}}};
      // Conditional on the attempt seen, so a job claimed again meanwhile is untouched.
      const auto n = tx.exec(
          "UPDATE jobs SET state = ?, message = ?, finished_at = ?, claimed_by = NULL "
          "WHERE id = ? AND state = 'running' AND attempts = ?",
          p);
      if (n == 1) (give_up ? out.failed : out.requeued).push_back(id);
    });
  }
  return out;
}

ReapResult Queue::reap(std::chrono::seconds stale_after) {
  const std::string cutoff = iso_utc(options_.clock() - stale_after);
  std::vector<std::pair<std::int64_t, int>> stale;
  std::string who;
  db_.read([&](Tx& tx) {
    const Value p[] = {text(cutoff)};
    for (const auto& r :
         tx.query("SELECT id, attempts FROM jobs WHERE state = 'running' AND heartbeat_at < ? "
                  "ORDER BY id",
                  p))
      stale.emplace_back(r.integer(0), static_cast<int>(r.integer(1)));
  });
  return put_back(stale,
                  fmt::format("its worker stopped sending heartbeats (none since {})", cutoff));
}

ReapResult Queue::recover_on_start(std::string_view worker_id) {
  std::vector<std::pair<std::int64_t, int>> mine;
  db_.read([&](Tx& tx) {
    const Value p[] = {text(worker_id)};
    for (const auto& r :
         tx.query("SELECT id, attempts FROM jobs WHERE state = 'running' AND claimed_by = ? "
                  "ORDER BY id",
                  p))
      mine.emplace_back(r.integer(0), static_cast<int>(r.integer(1)));
  });
  return put_back(mine, "server restarted while running");
}

}  // namespace corridor::jobs
