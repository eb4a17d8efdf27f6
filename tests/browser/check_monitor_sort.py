#!/usr/bin/env python3
"""Checks the monitor report's table order after headless chromium ran its JS (stdlib).

check_monitor_sort.py PAGE.html MONITOR.json SORT=DOM.html...

The expected order of each sort is computed here from the data-* keys of the rows in the
page as written (independent of the page's JS): due = earliest due date first, status =
worst first (data-status rank, 0 = late), overdue = most days overdue first, order = the
report's order; "_reverse" reverses the first click's direction; ties keep the report's
order. SORT "none" (no hash, as a reader without JS sees it) must be monitor.json's order.
"""
import json
import re
import sys

ROW_RE = re.compile(r'<tr id="row-([^"]+)" data-order="(\d+)" data-status="(\d+)" '
                    r'data-due="(-?\d+)" data-overdue="(-?\d+)"')
FIRST_DIR = {"order": 1, "due": 1, "status": 1, "overdue": -1}


def fail(msg):
    print(f"check_monitor_sort: FAIL: {msg}")
    sys.exit(1)


def rows(html):
    return [(m[0], {"order": int(m[1]), "status": int(m[2]), "due": int(m[3]),
                    "overdue": int(m[4])}) for m in ROW_RE.findall(html)]


def main():
    page_path, json_path, *dumps = sys.argv[1:]
    with open(page_path, encoding="utf-8") as f:
        written = rows(f.read())
    with open(json_path, encoding="utf-8") as f:
        report = [c["id"] for c in json.load(f)["commitments"]]
    if [r[0] for r in written] != report:
        fail(f"page order {[r[0] for r in written]} is not the report's {report}")
    distinct = set()
    for item in dumps:
        sort, path = item.split("=", 1)
        with open(path, encoding="utf-8") as f:
            dom = f.read()
        got = [r[0] for r in rows(dom)]
        if sort == "none":
            want = report
        else:
            key, _, rev = sort.partition("_")
            direction = FIRST_DIR[key] * (-1 if rev else 1)
            want = [r[0] for r in sorted(written, key=lambda r: (direction * r[1][key],
                                                                   r[1]["order"]))]
            if 'aria-sort="' not in dom:
                fail(f"{sort}: no header marked aria-sort")
        if got != want:
            fail(f"{sort}: rows {got}, expected {want}")
        distinct.add(tuple(got))
        print(f"check_monitor_sort: {sort}: {' '.join(got)}")
    if len(distinct) < 3:
        fail("the sorts tried give fewer than 3 different orders: the fixture tests nothing")


if __name__ == "__main__":
    main()
