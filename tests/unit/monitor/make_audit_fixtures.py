#!/usr/bin/env python3
"""Writes the audit-log fixtures of tests/data/monitor/audit/ (one defect each) from
ok.log, and the two monitor folders whose observations changed after they were logged.

ok.log itself was written by the CLI on a copy of ok_minimal:
  corridor monitor status DIR --as-of 2026-08-01 --actor analyst --now 2026-08-02T09:00:00Z
  corridor monitor status DIR --as-of 2026-09-01 --actor analyst --now 2026-09-02T09:30:00Z
Re-hashing (bad_rehashed.log) follows docs/monitor-format.md independently of corridor:
SHA-256 of the record's compact JSON without its hash key.

Usage: make_audit_fixtures.py   (from the repository root)"""
import hashlib
import json
import os
import shutil

DATA = os.path.join("tests", "data", "monitor")
AUDIT = os.path.join(DATA, "audit")


def lines():
    with open(os.path.join(AUDIT, "ok.log"), encoding="utf-8") as f:
        return f.read().splitlines()


def write(name, rows):
    with open(os.path.join(AUDIT, name), "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))


def rehash(line):
    rec = json.loads(line)
    del rec["hash"]
    canonical = json.dumps(rec, separators=(",", ":"), ensure_ascii=False)
    rec["hash"] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return json.dumps(rec, separators=(",", ":"), ensure_ascii=False)


def main():
    ok = lines()
    # E613: line 4 cut short at column 60 (a write interrupted), then the rest follows.
    rows = list(ok)
    rows[3] = rows[3][:60]
    write("bad_malformed.log", rows)
    # E614: one value of line 5 changed (O4's value 1 -> 0), its hash left as it was.
    rows = list(ok)
    assert '"value":"1"' in rows[4]
    rows[4] = rows[4].replace('"value":"1"', '"value":"0"')
    write("bad_edited.log", rows)
    # E615: line 7 (seq 7) removed.
    write("bad_deleted.log", ok[:6] + ok[7:])
    # E616: lines 8 and 9 swapped.
    write("bad_reordered.log", ok[:7] + [ok[8], ok[7]] + ok[9:])
    # E617: line 10 copied after itself.
    write("bad_duplicated.log", ok[:10] + [ok[9]] + ok[10:])
    # E618: line 6 edited (O5's source) and re-hashed: only line 7's prev betrays it.
    rows = list(ok)
    assert '"source":"fixture"' in rows[5]
    rows[5] = rehash(rows[5].replace('"source":"fixture"', '"source":"forged"'))
    write("bad_rehashed.log", rows)
    # E611 / E612: ok_minimal logged, then O1's value edited / O4's row removed.
    for name, edit in (("bad_observation_edited", lambda r: r.replace(
            "O1,I_TRUCKS,2026-03-02,610,", "O1,I_TRUCKS,2026-03-02,601,")),
                       ("bad_observation_removed", lambda r: "" if r.startswith("O4,") else r)):
        folder = os.path.join(DATA, name)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(os.path.join(DATA, "ok_minimal"), folder)
        shutil.copy(os.path.join(AUDIT, "ok.log"), os.path.join(folder, "audit.log"))
        path = os.path.join(folder, "observations.csv")
        with open(path, encoding="utf-8") as f:
            rows = f.read().splitlines(keepends=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(edit(r) for r in rows))


if __name__ == "__main__":
    main()
