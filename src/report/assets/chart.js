// corridor charts: horizontal bars with an optional tick (a target or a maximum).
// Shared like map.js: inlined into the report (exports dropped) and imported by the
// serve dashboard from /assets/report/chart.js. Needs map.js's svgEl.
// (When inlined, map.js comes first; as a module, the import below provides it.)
import {svgEl} from './map.js';

/**
 * Draws rows [{label, value, tick?, bad?, tip}] into an SVG of viewBox 0 0 480 260,
 * the value axis from 0; fmt(value) writes the number beside each bar.
 */
export function barChart(svg, rows, unit, fmt) {
  if (!svg || !rows.length) return;
  const X0 = 120, X1 = 440, top = 8, rowH = Math.min(22, (248 - top) / rows.length);
  const vmax = Math.max(1e-9, ...rows.map((r) => Math.max(r.value, r.tick || 0)));
  const sx = (v) => X0 + ((X1 - X0) * v) / vmax;
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    svgEl('text', {x: X0 - 6, y: y + rowH * 0.7, 'text-anchor': 'end'}, svg, r.label);
    const bar = svgEl('rect', {x: X0, y: y + 2, width: Math.max(1, sx(r.value) - X0).toFixed(1),
                               height: Math.max(2, rowH - 5).toFixed(1), class: 'hbar' + (r.bad ? ' bad' : '')}, svg);
    svgEl('title', {}, bar, r.tip);
    if (r.tick !== undefined) svgEl('line', {x1: sx(r.tick), x2: sx(r.tick), y1: y, y2: y + rowH - 1, class: 'tick'}, svg);
    svgEl('text', {x: sx(r.value) + 4, y: y + rowH * 0.7}, svg, fmt(r.value));
  });
  svgEl('line', {x1: X0, y1: top, x2: X0, y2: top + rows.length * rowH, class: 'axis'}, svg);
  svgEl('text', {x: X1, y: 256, 'text-anchor': 'end'}, svg, unit);
}
