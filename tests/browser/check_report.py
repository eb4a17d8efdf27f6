#!/usr/bin/env python3
"""Checks one report after headless chromium rendered it (stdlib only).

check_report.py REPORT.html DOM.html SCREENSHOT.png CHROMIUM.log
(DOM.html "-" checks the screenshot and the log only.)

- the map's SVG reports as many drawn elements (data-elements) as the embedded data
  implies (outline countries + flow legs + sites + zones + crossings + hubs whose nodes
  are known), and that many interactive/country elements are really in the DOM;
- no JS error was collected (#js-errors empty) and chromium logged no console error;
- the screenshot is a real picture: more than 200 distinct colours, and the map area is
  not a single colour.
"""
import json
import re
import struct
import sys
import zlib


def fail(msg):
    print(f"check_report: FAIL: {msg}")
    sys.exit(1)


def script_json(html, element_id):
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % element_id, html, re.S)
    if not m:
        fail(f"no {element_id} block")
    return json.loads(m.group(1))


def expected_elements(data, outline):
    nodes = {n["id"] for n in data["scenario"]["nodes"]}
    sc = data["scenario"]
    n = len(outline["countries"])
    n += sum(1 for s in data["plans"][0]["segments"] if s["from"] in nodes and s["to"] in nodes)
    n += sum(1 for s in sc["sites"] if s["node"] in nodes)
    n += sum(1 for z in sc["zones"] if z["node"] in nodes)
    n += sum(1 for c in sc["crossings"] if c["cn_node"] in nodes and c["kz_node"] in nodes)
    n += sum(1 for h in sc["hubs"] if h["node"] in nodes)
    return n


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG into (width, height, rows of bytes)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        fail("screenshot is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        body = raw[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                fail(f"unexpected PNG format depth={depth} colour={colour}")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    data = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = data[y * (stride + 1)]
        cur = bytearray(data[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif ftype == 2:
            cur = bytearray((a + b) & 255 for a, b in zip(cur, prev))
        elif ftype == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[i] = (cur[i] + pred) & 255
        rows.append(bytes(cur))
        prev = cur
    return width, height, bpp, rows


def main():
    report_path, dom_path, png_path, log_path = sys.argv[1:5]
    html = open(report_path, encoding="utf-8").read()
    data = script_json(html, "corridor-data")
    outline = script_json(html, "corridor-outline")
    want = check_dom(dom_path, data, outline) if dom_path != "-" else 0
    log = open(log_path, encoding="utf-8", errors="replace").read()
    console = [l for l in log.splitlines() if "CONSOLE" in l and ("Uncaught" in l or "rror" in l)]
    if console:
        fail("console errors: " + " | ".join(console[:5]))

    width, height, bpp, rows = png_pixels(png_path)
    colours = set()
    for row in rows[::3]:
        for i in range(0, len(row), bpp * 3):
            colours.add(row[i:i + 3])
    if len(colours) <= 200:
        fail(f"screenshot looks blank: {len(colours)} distinct colours")
    print(f"check_report: ok: {png_path}: {want} map elements, {len(colours)} colours "
          f"in a {width}x{height} screenshot, report {len(html.encode())} bytes")


def check_dom(dom_path, data, outline):
    dom = open(dom_path, encoding="utf-8").read()

    m = re.search(r'<svg id="map"[^>]*data-elements="(\d+)"', dom)
    if not m:
        fail("no map SVG with data-elements in the rendered DOM")
    drawn = int(m.group(1))
    want = expected_elements(data, outline)
    svg = dom[m.start():dom.index("</svg>", m.start())]
    in_dom = len(re.findall(r'class="[^"]*\bel\b[^"]*"', svg)) + \
        len(re.findall(r'class="country [A-Z]{2}"', svg))
    if drawn != want or in_dom != want:
        fail(f"map elements: data-elements={drawn}, in DOM={in_dom}, expected {want}")
    if len(re.findall(r'<title>', svg)) < want - len(outline["countries"]):
        fail("some interactive map elements have no <title>")

    errs = re.search(r'<pre id="js-errors"[^>]*>(.*?)</pre>', dom, re.S)
    if errs is None or errs.group(1).strip():
        fail(f"JS errors: {errs.group(1).strip() if errs else 'no error collector in DOM'}")
    return want


if __name__ == "__main__":
    main()
