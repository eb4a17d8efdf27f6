-- The workspace's tables (docs/serve.md). Portable SQL for SQLite and PostgreSQL:
-- {{id}} and {{blob}} are the two types the dialects spell differently
-- (store::Database::migrate substitutes them). Times are UTC ISO-8601 text
-- ("2026-12-01T13:35:00Z"), booleans are 0/1 integers.

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT 'viewer',  -- comma-separated: viewer,planner,editor,verifier,admin
  lang TEXT NOT NULL DEFAULT 'en',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- Browser sessions: only the hash of the token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  remote_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Tokens for scripts (Authorization: Bearer …), hashed likewise.
CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Failed logins per account ('user:NAME') and per address ('addr:IP').
CREATE TABLE login_failures (
  subject TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  blocked_until TEXT
);

-- The one-time token that creates the first admin.
CREATE TABLE setup_tokens (
  token_hash TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  used_at TEXT
);

-- Every write: who, when, what, before and after.
CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT ''
);

CREATE TABLE scenarios (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL
);

-- Uploading the same name again makes a new version; the fingerprint identifies it.
CREATE TABLE scenario_versions (
  id {{id}},
  scenario_id BIGINT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  published INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (scenario_id, version)
);

CREATE TABLE scenario_files (
  version_id BIGINT NOT NULL REFERENCES scenario_versions(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  content {{blob}} NOT NULL,
  PRIMARY KEY (version_id, path)
);

-- The job queue. state: queued | running | succeeded | failed | cancelled.
CREATE TABLE jobs (
  id {{id}},
  kind TEXT NOT NULL,
  version_id BIGINT NOT NULL REFERENCES scenario_versions(id),
  options_json TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'queued',
  progress DOUBLE PRECISION NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  exit_code INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  heartbeat_at TEXT,
  published INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX jobs_state ON jobs(state, id);

-- A finished job's outputs (plan.json, sim.json, CSV, report.html), kept in the
-- database so that workers on other machines can hand them back.
CREATE TABLE job_files (
  job_id BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content {{blob}} NOT NULL,
  PRIMARY KEY (job_id, name)
);

-- Agreement monitors: the imported folder's tables, and observations entered on the
-- server (an editor enters, a verifier other than the editor approves).
CREATE TABLE monitors (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE monitor_files (
  monitor_id BIGINT NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  content {{blob}} NOT NULL,
  PRIMARY KEY (monitor_id, path)
);

CREATE TABLE monitor_observations (
  id {{id}},
  monitor_id BIGINT NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  row_json TEXT NOT NULL,  -- the observations.csv columns of docs/monitor-format.md
  state TEXT NOT NULL DEFAULT 'draft',  -- draft | verified | rejected
  entered_by BIGINT REFERENCES users(id),
  entered_at TEXT NOT NULL,
  verified_by BIGINT REFERENCES users(id),
  verified_at TEXT,
  note TEXT NOT NULL DEFAULT ''
);

-- The monitor's hash-chained audit log (docs/monitor-format.md), one record per row.
CREATE TABLE monitor_audit (
  monitor_id BIGINT NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (monitor_id, seq)
);
