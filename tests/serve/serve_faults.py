#!/usr/bin/env python3
"""Fault and process tests of `corridor serve`, with real processes: the server is
killed with SIGKILL during a burst of writes and during a running job and restarted on
the same database; a job's child is killed from outside; a stop (SIGTERM) is clean.
Also the process-level behaviour of serve: first start (import, one-time setup token),
refusal of a non-loopback address without TLS, `corridor db migrate`.

Usage: serve_faults.py CORRIDOR_BIN REPO_DIR CASE     (CASE = list: print the case names)
Exit 0 pass, 1 fail."""
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

BIN, REPO = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("", "")
MINIMAL = os.path.join(REPO, "tests", "data", "ok_minimal")
PASSWORD = "Steppe-Caravan-2026!"
CASES = {}


class Failure(Exception):
    pass


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def check(cond, what):
    if not cond:
        raise Failure(what)


class Server:
    """One `corridor serve` process on a free port over the database `db`."""

    def __init__(self, tmp, db, *extra):
        self.tmp, self.db = tmp, db
        self.port_file = os.path.join(tmp, "port")
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        self.log = open(os.path.join(tmp, "serve.log"), "a")
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", "--port-file", self.port_file, "--db", db,
                                      "--slots", "1", *extra],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        for _ in range(600):
            if os.path.exists(self.port_file) and open(self.port_file).read().strip():
                break
            if self.proc.poll() is not None:
                raise Failure(f"serve exited with {self.proc.returncode}: {self.read_log()}")
            time.sleep(0.05)
        else:
            raise Failure("serve did not start: " + self.read_log())
        self.port = int(open(self.port_file).read())
        self.origin = f"http://127.0.0.1:{self.port}"

    def read_log(self):
        self.log.flush()
        return open(os.path.join(self.tmp, "serve.log")).read()[-4000:]

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=60)
        return self.proc.returncode


class Session:
    def __init__(self, server, user=None):
        self.server, self.cookie, self.csrf = server, None, None
        if user:
            r = self.call("POST", "/api/v1/login", {"username": user, "password": PASSWORD})
            check(r[0] == 200, f"login {user}: {r}")

    def call(self, method, path, body=None, raw=None, ctype="application/json"):
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        headers = {"Origin": self.server.origin}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        if data is not None or method in ("POST", "PUT", "PATCH"):
            headers["Content-Type"] = ctype
            data = data or b""
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        payload = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                self.cookie = v.split(";")[0]
        c.close()
        try:
            payload = json.loads(payload)
        except ValueError:
            payload = payload.decode("utf-8", "replace")
        if path == "/api/v1/login" and r.status == 200:
            self.csrf = payload["csrf_token"]
        return r.status, payload


def add_user(db, name, *flags, roles=None):
    args = [BIN, "user", "add", "--db", db, name, *flags]
    if roles:
        args += ["--roles", roles]
    p = subprocess.run(args, input=PASSWORD + "\n", capture_output=True, text=True, timeout=120)
    check(p.returncode == 0, f"user add {name}: {p.stdout}{p.stderr}")


def upload_minimal(s, name="tiny"):
    files = [{"path": f, "content": open(os.path.join(MINIMAL, f), encoding="utf-8").read()}
             for f in sorted(os.listdir(MINIMAL))]
    r = s.call("POST", f"/api/v1/scenarios/{name}/versions", {"files": files})
    check(r[0] in (200, 201), f"upload: {r}")


def wait_state(s, job, states, timeout=300):
    end = time.time() + timeout
    while time.time() < end:
        st, j = s.call("GET", f"/api/v1/jobs/{job}")
        if st == 200 and j["state"] in states:
            return j
        time.sleep(0.2)
    raise Failure(f"job {job} never reached {states}: {j}")


def children_of(pid):
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                stat = open(f"/proc/{p}/stat").read()
                ppid = int(stat[stat.rfind(")") + 2:].split()[1])
                if ppid == pid:
                    out.append(int(p))
            except OSError:
                pass
    return out


def integrity(db):
    p = subprocess.run(["sqlite3", db, "PRAGMA integrity_check;"], capture_output=True, text=True, timeout=60)
    return p.stdout.strip()


@case
def first_start_imports_and_prints_a_setup_token(tmp):
    db = os.path.join(tmp, "w.db")
    srv = Server(tmp, db)
    try:
        line = ""
        for _ in range(2):
            line = srv.proc.stdout.readline()
            if "token" in line:
                break
        token = srv.proc.stdout.readline().strip()
        check(len(token) >= 20, f"a one-time token is printed: {line!r} {token!r}")
        s = Session(srv)
        check(s.call("GET", "/api/v1/scenarios")[0] == 401, "no anonymous access")
        r = s.call("POST", "/api/v1/setup", {"token": "wrong" + token, "username": "root", "password": PASSWORD})
        check(r[0] == 403, f"a wrong token is refused: {r}")
        r = s.call("POST", "/api/v1/setup", {"token": token, "username": "root", "password": PASSWORD})
        check(r[0] == 201, f"setup: {r}")
        r = s.call("POST", "/api/v1/setup", {"token": token, "username": "root2", "password": PASSWORD})
        check(r[0] == 403, f"the token works once: {r}")
        s = Session(srv, "root")
        st, scenarios = s.call("GET", "/api/v1/scenarios")
        check(st == 200 and [x["name"] for x in scenarios] == ["kz-xj"], f"default scenario imported: {scenarios}")
        st, monitors = s.call("GET", "/api/v1/monitors")
        check([m["name"] for m in monitors] == ["kz-xj"], f"default monitor imported: {monitors}")
    finally:
        check(srv.stop() == 0, "SIGTERM stops serve cleanly with exit 0")
    srv = Server(tmp, db)  # a second start imports nothing again and prints no token
    try:
        s = Session(srv, "root")
        check(len(s.call("GET", "/api/v1/scenarios")[1]) == 1, "no second import")
    finally:
        srv.stop()


@case
def refuses_a_public_address_without_tls(tmp):
    p = subprocess.run([BIN, "serve", "--address", "0.0.0.0", "--db", os.path.join(tmp, "x.db")],
                       capture_output=True, text=True, timeout=60)
    check(p.returncode == 2, f"exit 2 (usage), got {p.returncode}")
    check("TLS" in p.stderr and "--behind-proxy" in p.stderr, p.stderr)
    check(not os.path.exists(os.path.join(tmp, "x.db")), "nothing created")


@case
def db_migrate_applies_once(tmp):
    db = os.path.join(tmp, "m.db")
    a = subprocess.run([BIN, "db", "migrate", "--db", db], capture_output=True, text=True, timeout=60)
    check(a.returncode == 0 and "0001" in a.stdout, a.stdout + a.stderr)
    b = subprocess.run([BIN, "db", "migrate", "--db", db], capture_output=True, text=True, timeout=60)
    check(b.returncode == 0 and "0 migrations applied" in b.stdout, b.stdout + b.stderr)


@case
def kill9_during_a_burst_of_writes_loses_no_acknowledged_write(tmp):
    db = os.path.join(tmp, "w.db")
    subprocess.run([BIN, "db", "migrate", "--db", db], check=True, capture_output=True)
    add_user(db, "root", "--admin")
    srv = Server(tmp, db, "--no-import")
    acked, lock, stop = [], threading.Lock(), threading.Event()

    def writer(k):
        s = Session(srv, "root")
        i = 0
        while not stop.is_set():
            try:
                st, body = s.call("POST", "/api/v1/tokens", {"name": f"w{k}-{i}"})
            except (OSError, http.client.HTTPException):
                return
            if st == 201:
                with lock:
                    acked.append(f"w{k}-{i}")
            i += 1

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    while len(acked) < 150:
        time.sleep(0.01)
    srv.kill9()
    stop.set()
    for t in threads:
        t.join()
    check(integrity(db) == "ok", f"integrity_check: {integrity(db)}")
    srv = Server(tmp, db, "--no-import")
    try:
        st, tokens = Session(srv, "root").call("GET", "/api/v1/tokens")
        names = {t["name"] for t in tokens}
        lost = [a for a in acked if a not in names]
        check(not lost, f"{len(lost)} of {len(acked)} acknowledged writes lost: {lost[:5]}")
        print(f"{len(acked)} acknowledged writes before SIGKILL, all present; {len(names)} stored")
    finally:
        srv.stop()


@case
def kill9_during_a_job_requeues_it_and_a_killed_child_fails_it(tmp):
    db = os.path.join(tmp, "w.db")
    subprocess.run([BIN, "db", "migrate", "--db", db], check=True, capture_output=True)
    add_user(db, "root", "--admin")
    add_user(db, "plan", roles="planner")
    srv = Server(tmp, db, "--no-import")
    s = Session(srv, "plan")
    upload_minimal(s)
    long_job = {"kind": "simulate", "scenario": "tiny", "version": 1,
                "options": {"days": 20000, "warmup": 0, "replications": 1}}
    st, r = s.call("POST", "/api/v1/jobs", long_job)
    check(st == 202, f"job: {st} {r}")
    job = r["id"]
    wait_state(s, job, {"running"})
    time.sleep(1.0)
    kids = children_of(srv.proc.pid)
    srv.kill9()
    time.sleep(1.0)
    alive = [k for k in kids if os.path.exists(f"/proc/{k}") and "corridor" in open(f"/proc/{k}/cmdline").read()]
    check(not alive, f"the job's child dies with its server: {alive}")
    check(integrity(db) == "ok", "integrity after SIGKILL")
    srv = Server(tmp, db, "--no-import")
    try:
        s = Session(srv, "plan")
        j = wait_state(s, job, {"queued", "running", "failed"})
        check(j["attempts"] <= 2, f"never run twice at once: {j}")
        if j["state"] == "failed":
            check("restart" in j["message"], f"failed with a reason: {j}")
        else:
            # The re-queued job runs again; kill its child from outside.
            j = wait_state(s, job, {"running"})
            time.sleep(1.0)
            kids = [k for k in children_of(srv.proc.pid) if "corridor" in open(f"/proc/{k}/cmdline").read()]
            check(kids, "the re-run has a child process")
            for k in kids:
                os.kill(k, signal.SIGKILL)
            j = wait_state(s, job, {"failed", "succeeded", "cancelled"})
            check(j["state"] == "failed" and "signal 9" in j["message"], f"failed naming the signal: {j}")
        check(s.call("GET", "/api/v1/health")[0] == 200, "the server goes on")
        st, r = s.call("POST", "/api/v1/jobs", {"kind": "plan", "scenario": "tiny", "version": 1})
        j = wait_state(s, r["id"], {"succeeded", "failed"})
        check(j["state"] == "succeeded", f"the next job runs: {j}")
    finally:
        srv.stop()


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "list":
        print("\n".join(CASES))
        return 0
    name = sys.argv[3]
    tmp = tempfile.mkdtemp(prefix="corridor-serve-")
    try:
        CASES[name](tmp)
        print(f"ok {name}")
        return 0
    except Failure as e:
        print(f"FAIL {name}: {e}")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
