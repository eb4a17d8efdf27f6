// corridor map drawing: projection, SVG elements, arcs, label placement, country
// outlines and accessible tooltips. One file for two users: the self-contained report
// inlines it before report.js (src/report/render.cpp drops the `export` keywords, so it
// runs as a classic script), and the serve dashboard imports it as an ES module from
// /assets/report/map.js. No innerHTML: names come from scenario files.

export const kSvgNs = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes, appends it to parent, sets its text. */
export function svgEl(tag, attrs, parent, text) {
  const e = document.createElementNS(kSvgNs, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

/** The outline's projection (outline.json "projection"): {lat, lon} → [x, y] in the view. */
export function projector(outline) {
  const p = outline.projection;
  return (n) => [(n.lon - p.lon_min) * p.k * p.scale, (p.lat_max - n.lat) * p.scale];
}

/** A leg as a gentle arc; the bend depends on the mode so parallel legs stay apart. */
export const kBend = {rail: 0.10, road: -0.10, last_mile: 0.06, direct: -0.14};
export function arc(a, b, mode) {
  const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2, dx = b[0] - a[0], dy = b[1] - a[1];
  const k = kBend[mode] || 0;
  return `M${a[0].toFixed(1)} ${a[1].toFixed(1)}Q${(mx - dy * k).toFixed(1)} ${(my + dx * k).toFixed(1)} ` +
      `${b[0].toFixed(1)} ${b[1].toFixed(1)}`;
}

/**
 * Labels placed after drawing, most important (lowest priority number) first, each
 * skipping any spot that would overlap one already placed: right of the symbol, then
 * left, above, below. Widths are estimated from the text length (no layout pass).
 */
export function labelPlacer(viewWidth) {
  let pending = [];
  return {
    add(p, text, cls, dx, dy, priority) { pending.push({p, text, cls, dx, dy, priority}); },
    place(layer) {
      const boxes = [];
      const free = (b) => b[2] <= viewWidth && b[0] >= 0 &&
          !boxes.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]);
      pending.sort((a, b) => a.priority - b.priority);
      for (const {p, text, cls, dx, dy} of pending) {
        if (!text) continue;
        const w = text.length * (cls === 'major' ? 7.2 : 6.0);
        const spots = [[p[0] + dx, p[1] + dy], [p[0] - dx - w, p[1] + dy], [p[0] - w / 2, p[1] - dx],
                       [p[0] - w / 2, p[1] + dx + 10]];
        for (const [x, y] of spots) {
          const box = [x - 1, y - 11, x + w + 1, y + 3];
          if (!free(box)) continue;
          boxes.push(box);
          svgEl('text', {x: x.toFixed(1), y: y.toFixed(1), class: 'node-label ' + (cls || '')}, layer, text);
          break;
        }
      }
      pending = [];
    },
  };
}

/** The country outlines, and country names [[text, lat, lon]] at their spots; returns the count. */
export function drawCountries(layer, outline, project, names) {
  for (const c of outline.countries) svgEl('path', {d: c.d, class: 'country ' + c.iso}, layer);
  for (const [text, lat, lon] of names || []) {
    const [x, y] = project({lat, lon});
    svgEl('text', {x: x.toFixed(1), y: y.toFixed(1), class: 'country-label', 'text-anchor': 'middle'}, layer, text);
  }
  return outline.countries.length;
}

/**
 * Returns interactive(e, title, local, rows): makes an SVG element focusable, gives it a
 * <title> for screen readers and, on hover or focus, fills the tooltip box (built from
 * text nodes) beside it, kept inside wrap.
 */
export function tooltips(tooltip, wrap) {
  function fill(title, local, rows) {
    tooltip.replaceChildren();
    const b = document.createElement('b');
    b.textContent = title;
    tooltip.appendChild(b);
    if (local) {
      const span = document.createElement('span');
      span.className = 't-local';
      span.textContent = local;
      tooltip.append(' ', span);
    }
    const table = document.createElement('table');
    for (const [k, v] of rows) {
      const tr = table.insertRow();
      tr.insertCell().textContent = k;
      tr.insertCell().textContent = v;
    }
    tooltip.appendChild(table);
  }
  return function interactive(e, title, local, rows) {
    e.classList.add('el');
    e.setAttribute('tabindex', '0');
    svgEl('title', {}, e, title + (local ? ' (' + local + ')' : '') + ': ' + rows.map((r) => r[0] + ' ' + r[1]).join(', '));
    const show = () => {
      fill(title, local, rows);
      tooltip.hidden = false;
      const box = e.getBoundingClientRect(), outer = wrap.getBoundingClientRect();
      let x = box.left - outer.left + box.width / 2 + 12, y = box.top - outer.top + box.height / 2 + 12;
      if (x + tooltip.offsetWidth > outer.width) x = Math.max(0, x - tooltip.offsetWidth - 24);
      if (y + tooltip.offsetHeight > outer.height) y = Math.max(0, y - tooltip.offsetHeight - 24);
      tooltip.style.left = x + 'px';  // CSSOM, allowed under a style-src 'self' CSP
      tooltip.style.top = y + 'px';
    };
    const hide = () => { tooltip.hidden = true; };
    e.addEventListener('mouseenter', show);
    e.addEventListener('focus', show);
    e.addEventListener('mouseleave', hide);
    e.addEventListener('blur', hide);
  };
}
