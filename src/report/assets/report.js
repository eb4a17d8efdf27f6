// corridor report: draws the map and the simulation charts from the embedded JSON.
// Every figure shown comes from the data block (computed by the C++ report model);
// this script only projects coordinates, scales line widths and formats numbers.
// The drawing primitives (svgEl, projector, arc, labelPlacer, drawCountries, tooltips,
// barChart) come from map.js and chart.js, shared with the serve dashboard and inlined
// before this script (src/report/render.cpp).
'use strict';
(function () {
  const errorBox = document.getElementById('js-errors');
  const errors = [];
  function logError(message) {
    errors.push(String(message));
    errorBox.textContent = errors.join('\n');
    errorBox.setAttribute('data-count', String(errors.length));
  }
  window.addEventListener('error', (e) => logError(e.message));
  window.addEventListener('unhandledrejection', (e) => logError(e.reason));

  const data = JSON.parse(document.getElementById('corridor-data').textContent);
  const outline = JSON.parse(document.getElementById('corridor-outline').textContent);
  const currency = data.plans[0].plan.currency || data.scenario.currency || '';
  // Words in the page's language: the data block's "phrases" (src/report/phrases.cpp);
  // "{}" in a phrase takes the arguments in order.
  const phrases = data.phrases || {};
  const T = (key) => (key in phrases ? phrases[key] : key);
  const F = (key, ...args) => { let i = 0; return T(key).replace(/\{\}/g, () => String(args[i++])); };
  const word = (prefix, w) => (prefix + w in phrases ? phrases[prefix + w] : w);

  // Formatting: the same rules as src/report/format.cpp.
  const fmtNum = (v, d) => Number(v).toLocaleString('en-US', {minimumFractionDigits: d, maximumFractionDigits: d});
  const fmtInt = (v) => fmtNum(Math.round(v), 0);
  const fmtPct = (v) => fmtNum(100 * v, 0) + ' %';
  const fmtMoney = (v) => fmtInt(v) + ' ' + currency;
  const perDay = (v) => fmtInt(v) + ' ' + T('parcels_day');
  const fmtDelta = (v, d) => {
    const body = fmtNum(Math.abs(v), d);
    return /^[0.,]*$/.test(body) ? body : (v > 0 ? '+' : '\u2212') + body;
  };
  const project = projector(outline);
  const nodes = new Map(data.scenario.nodes.map((n) => [n.id, n]));
  const at = (id) => (nodes.has(id) ? project(nodes.get(id)) : null);
  const nodeName = (id) => (nodes.has(id) ? nodes.get(id).name : id);
  const localName = (id) => (nodes.has(id) ? nodes.get(id).name_local : '');

  const make = svgEl;

  // Tooltip: the element's <title> for screen readers, a richer box for sighted users.
  const map = document.getElementById('map');
  const tooltip = document.getElementById('tooltip');
  const wrap = map.parentNode;
  const interactive = tooltips(tooltip, wrap);

  // Labels are placed after drawing, most important first, skipping any that would
  // overlap one already placed (hubs and crossings, then warehouses, then zones).
  const labels = labelPlacer(outline.view.width);
  const label = (...args) => labels.add(...args);
  const placeLabels = (layer) => labels.place(layer);

  let variant = 0;
  let view = 'plan';

  function draw() {
    while (map.lastChild && map.lastChild.nodeName !== 'title') map.removeChild(map.lastChild);
    const entry = data.plans[variant];
    const plan = entry.plan;
    const delta = variant > 0 && view === 'change' ? data.deltas[variant - 1] : null;
    const layer = (name) => make('g', {class: name}, map);
    const gCountries = layer('countries'), gFlows = layer('flows'), gSites = layer('sites');
    const gZones = layer('zones'), gCross = layer('crossings'), gHubs = layer('hubs');
    const gLabels = layer('labels');
    let count = 0;

    count += drawCountries(gCountries, outline, project, [[T('country_kz'), 48.6, 62.5], [T('country_xj'), 40.6, 84.0]]);

    // Flows: widest first so thin legs stay visible on top.
    const legs = (delta ? delta.segments.map((s) => ({...s, v: Math.abs(s.delta)}))
                        : entry.segments.map((s) => ({...s, v: s.parcels_per_day})))
        .filter((s) => at(s.from) && at(s.to)).sort((a, b) => b.v - a.v);
    const vmax = Math.max(1e-9, ...legs.map((s) => s.v));
    if (delta) {  // the variant's own flows, faint, for context under the changes
      const own = Math.max(1e-9, ...entry.segments.map((s) => s.parcels_per_day));
      for (const s of entry.segments) {
        if (!at(s.from) || !at(s.to)) continue;
        make('path', {d: arc(at(s.from), at(s.to), s.mode), class: 'flow ghost',
                      'stroke-width': (1 + 6 * s.parcels_per_day / own).toFixed(2)}, gFlows);
      }
    }
    for (const s of legs) {
      const cls = delta ? (s.delta > 0 ? 'more' : 'less') : s.mode;
      const e = make('path', {d: arc(at(s.from), at(s.to), s.mode), class: 'flow ' + cls,
                              'stroke-width': (1.2 + 10 * s.v / vmax).toFixed(2)}, gFlows);
      const mode = word('mode_', s.mode);
      const rows = delta
          ? [[T('mode'), mode], [T('base'), perDay(s.base)], [entry.label, perDay(s.value)],
             [T('change'), fmtDelta(s.delta, 0)]]
          : [[T('mode'), mode], [T('parcels_day'), fmtInt(s.parcels_per_day)], [T('stocked'), fmtInt(s.stocked_per_day)],
             [T('direct'), fmtInt(s.direct_per_day)]];
      interactive(e, nodeName(s.from) + ' \u2192 ' + nodeName(s.to), '', rows);
      count++;
    }

    // Candidate sites: open ones sized by capacity, the others faded.
    const open = new Map(plan.warehouses.map((w) => [w.site, w]));
    const base = new Map(data.plans[0].plan.warehouses.map((w) => [w.site, w]));
    const capMax = Math.max(1, ...plan.warehouses.map((w) => w.capacity_per_day));
    for (const site of data.scenario.sites) {
      const p = at(site.node);
      if (!p) continue;
      const w = open.get(site.id);
      let cls = w ? 'site open' : 'site closed';
      if (delta && w && !base.has(site.id)) cls += ' opened';
      if (delta && !w && base.has(site.id)) cls += ' removed';
      const r = w ? 5 + 13 * Math.sqrt(w.capacity_per_day / capMax) : 4;
      const e = make('circle', {cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: r.toFixed(1), class: cls}, gSites);
      const rows = w
          ? [[T('size'), w.size + (w.existing ? ' (' + T('existing') + ')' : '')], [T('capacity'), perDay(w.capacity_per_day)],
             [T('throughput'), perDay(w.throughput_per_day)], [T('utilisation'), fmtPct(w.utilisation)],
             [T('fixed_cost'), fmtMoney(w.fixed_cost_per_year) + T('per_year')], [T('zones_served'), String(w.zones.length)]]
          : [[T('status'), T('candidate')], [T('sizes'), site.sizes.map((o) => o.size + ' ' + fmtInt(o.capacity_per_day)).join(', ')]];
      if (delta && cls.includes('opened')) rows.unshift([T('change'), F('opened_in', entry.label)]);
      if (delta && cls.includes('removed')) rows.unshift([T('change'), F('closed_in', entry.label)]);
      interactive(e, F('warehouse', nodeName(site.node)), localName(site.node), rows);
      count++;
      if (w) label(p, nodeName(site.node).replace(/\s+warehouse site$/i, ''), 'major', r + 2, -r + 1, 2);
    }

    // Zones: small dots; red when part of their demand is unmet.
    const zres = new Map(plan.zones.map((z) => [z.zone, z]));
    const dmax = Math.max(1, ...data.scenario.zones.map((z) => z.parcels_per_day));
    for (const zone of data.scenario.zones) {
      const p = at(zone.node);
      if (!p) continue;
      const z = zres.get(zone.id);
      const r = 2.5 + 3.5 * Math.sqrt(zone.parcels_per_day / dmax);
      const e = make('circle', {cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: r.toFixed(1),
                                class: 'zone' + (z && z.unmet_per_day > 0 ? ' unmet' : '')}, gZones);
      const rows = z
          ? [[T('demand'), perDay(z.demand_per_day)], [T('stocked'), fmtInt(z.stocked_per_day)],
             [T('direct'), fmtInt(z.direct_per_day)], [T('unmet'), fmtInt(z.unmet_per_day)],
             [T('delivery'), fmtNum(z.delivery_days, 1) + ' ' + T('d') + ' (' + T('promise') + ' ' + fmtNum(z.promise_days, 1) + ' ' + T('d') + ')'],
             [T('cost_parcel'), fmtNum(z.cost_per_parcel, 2) + ' ' + currency]]
          : [[T('demand'), perDay(zone.parcels_per_day)]];
      interactive(e, F('zone', nodeName(zone.node)), localName(zone.node), rows);
      count++;
      // A zone beside an open warehouse is named by the warehouse's label.
      const nearSite = data.scenario.sites.some((st) => open.has(st.id) && at(st.node) &&
          Math.hypot(at(st.node)[0] - p[0], at(st.node)[1] - p[1]) < 14);
      if (!nearSite) label(p, nodeName(zone.node), '', r + 2, 4, 3);
    }

    // Crossings: square = rail, diamond = road; filled = operating, hollow = planned.
    const cres = new Map(plan.crossings.map((c) => [c.crossing, c]));
    const cdelta = new Map(delta ? delta.crossings.map((c) => [c.crossing, c]) : []);
    const labelled = new Set();
    for (const c of data.scenario.crossings) {
      const a = at(c.cn_node), b = at(c.kz_node);
      if (!a || !b) continue;
      // The border leg itself (CN-side node to KZ-side node), then the marker.
      make('line', {x1: a[0].toFixed(1), y1: a[1].toFixed(1), x2: b[0].toFixed(1), y2: b[1].toFixed(1), class: 'xlink'}, gCross);
      const x = (a[0] + b[0]) / 2 + (c.mode === 'rail' ? -6 : 6), y = (a[1] + b[1]) / 2;
      const res = cres.get(c.id);
      const status = res ? res.status : c.status;  // a variant may open a planned crossing
      const cls = 'crossing ' + status + (res && res.usable && res.flow_parcels_per_day <= 0 ? ' unused' : '');
      const e = make('rect', {x: (x - 5).toFixed(1), y: (y - 5).toFixed(1), width: 10, height: 10, class: cls,
                              transform: c.mode === 'road' ? `rotate(45 ${x.toFixed(1)} ${y.toFixed(1)})` : ''}, gCross);
      const rows = [[T('mode'), word('mode_', c.mode)],
                    [T('status'), word('st_', status) + (c.opening_year ? ' (' + c.opening_year + ')' : '')]];
      if (res) {
        rows.push([T('capacity'), perDay(res.capacity_parcels_per_day)],
                  [T('flow'), perDay(res.flow_parcels_per_day)], [T('utilisation'), fmtPct(res.utilisation)],
                  [T('shadow_price'), fmtMoney(res.shadow_price_per_unit_day) + T('per_unit_day')]);
      }
      const d = cdelta.get(c.id);
      if (d) rows.push([T('change_vs_base'), fmtDelta(d.delta, 0) + ' ' + T('parcels_day')]);
      interactive(e, c.name, [localName(c.kz_node), localName(c.cn_node)].filter(Boolean).join(' / '), rows);
      count++;
      const short = c.name.replace(/\s*\([^)]*\)/g, '').split(/\s+(?:rail|road)\b/i)[0];  // one label per place
      if (!labelled.has(short)) {
        labelled.add(short);
        label([x, y], short, 'major', 8, 14, 1);
      }
    }

    // Hubs in Xinjiang.
    for (const h of data.scenario.hubs) {
      const p = at(h.node);
      if (!p) continue;
      const e = make('path', {d: `M${p[0].toFixed(1)} ${(p[1] - 8).toFixed(1)}l7 12h-14z`, class: 'hub'}, gHubs);
      const out = plan.flows.filter((f) => f.hub === h.id && f.channel !== 'outbound')
          .reduce((s, f) => s + f.parcels_per_day, 0);
      interactive(e, F('hub', nodeName(h.node)), localName(h.node), [[T('ships'), perDay(out)]]);
      count++;
      label(p, nodeName(h.node), 'major', 9, 4, 0);
    }
    placeLabels(gLabels);
    map.setAttribute('data-elements', String(count));
    document.body.classList.toggle('show-change', Boolean(delta));
  }

  // Variant selector (compare reports).
  const buttons = Array.from(document.querySelectorAll('[data-select]'));
  const viewPlan = document.getElementById('view-plan');
  const viewChange = document.getElementById('view-change');
  function select(i) {
    variant = i;
    if (variant === 0) view = 'plan';
    for (const b of buttons) b.setAttribute('aria-pressed', String(Number(b.dataset.select) === i));
    for (const block of document.querySelectorAll('[data-variant]')) block.hidden = Number(block.dataset.variant) !== i;
    if (viewPlan) {
      viewPlan.setAttribute('aria-pressed', String(view === 'plan'));
      viewChange.setAttribute('aria-pressed', String(view === 'change'));
      viewChange.disabled = variant === 0;
    }
    draw();
  }
  for (const b of buttons) b.addEventListener('click', () => select(Number(b.dataset.select)));
  if (viewPlan) {
    viewPlan.addEventListener('click', () => { view = 'plan'; select(variant); });
    viewChange.addEventListener('click', () => { view = 'change'; select(variant); });
  }

  // Simulation charts from sim.json (schema corridor.sim/2, docs/report.md).
  const mean = (v) => (v && typeof v === 'object' ? v.mean : v) || 0;
  const zoneName = new Map(data.scenario.zones.map((z) => [z.id, nodeName(z.node)]));
  const crossingName = new Map(data.scenario.crossings.map((c) => [c.id, c.name]));

  // Horizontal bars (chart.js), numbers with one decimal.
  const bars = (svg, rows, unit) => barChart(svg, rows, unit, (v) => fmtNum(v, 1));

  function drawSim() {
    const sim = data.sim;
    if (!sim) return;
    const zones = ((sim.delivery || {}).zones || []).slice()
        .sort((a, b) => mean(b.p95_days) - mean(a.p95_days));
    bars(document.getElementById('sim-delivery'), zones.map((z) => ({
      label: zoneName.get(z.zone) || z.zone, value: mean(z.p95_days), tick: z.promise_days,
      bad: mean(z.p95_days) > z.promise_days,
      tip: `${zoneName.get(z.zone) || z.zone}: p95 ${fmtNum(mean(z.p95_days), 2)} ${T('d')}, ${T('promise')} ${fmtNum(z.promise_days, 1)} ${T('d')}`,
    })), T('days'));

    // Queue over time when the caller added the per-day series, else mean and max queue.
    const queue = document.getElementById('sim-queue');
    const series = sim.series;
    const cols = series && series.columns ? series.columns : [];
    const qcols = cols.map((c, i) => [c, i]).filter(([c]) => c.startsWith('queue:'));
    if (queue && qcols.length && series.rows.length) {
      const W = 440, H = 200, X0 = 34, Y0 = 228, colours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
      const qmax = Math.max(1e-9, ...series.rows.flatMap((r) => qcols.map(([, i]) => r[i])));
      const n = series.rows.length;
      make('line', {x1: X0, y1: Y0, x2: X0 + W, y2: Y0, class: 'axis'}, queue);
      qcols.forEach(([c, i], k) => {
        const d = series.rows.map((r, j) => (j ? 'L' : 'M') + (X0 + (W * j) / Math.max(1, n - 1)).toFixed(1) + ' ' +
            (Y0 - (H * r[i]) / qmax).toFixed(1)).join('');
        const line = make('path', {d, fill: 'none', stroke: colours[k % colours.length], 'stroke-width': 1.4,
                                   'stroke-dasharray': k % 2 ? '5 3' : ''}, queue);
        const name = crossingName.get(c.slice(6)) || c.slice(6);
        make('title', {}, line, name);
        make('text', {x: X0 + 6, y: 14 + 12 * k, fill: colours[k % colours.length]}, queue, name);
      });
      make('text', {x: 2, y: Y0 - H + 4}, queue, fmtNum(qmax, 0));
      make('text', {x: X0 + W, y: Y0 + 14, 'text-anchor': 'end'}, queue, F('day', fmtInt(n)));
    } else {
      bars(queue, (sim.crossings || []).map((x) => ({
        label: x.name || x.crossing, value: mean(x.queue_mean), tick: mean(x.queue_max),
        tip: `${x.name || x.crossing}: ${T('mean_queue')} ${fmtNum(mean(x.queue_mean), 1)}, ${T('max')} ${fmtNum(mean(x.queue_max), 0)} ${T('units')}`,
      })), T('units_waiting'));
    }
  }

  // "#variant=1&view=change" opens a comparison on a variant and its change map.
  const hash = new URLSearchParams(location.hash.slice(1));
  const wanted = Number(hash.get('variant') || 0);
  if (hash.get('view') === 'change') view = 'change';
  select(wanted >= 0 && wanted < data.plans.length ? wanted : 0);
  drawSim();
})();
