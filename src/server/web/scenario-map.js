// <c-scenario-map>: a scenario's nodes, links and crossings on the report's map (the
// same projection, outlines and drawing code: /assets/report/map.js), names in the UI's
// language. .show(detail) draws; the tables beside it carry the same facts as text.
import {arc, drawCountries, labelPlacer, projector, svgEl, tooltips} from './report/map.js';
import {h, replace} from './dom.js';
import {fmtNum, localName, t} from './i18n.js';

let outlinePromise = null;
function outline() {
  outlinePromise ||= fetch('/assets/report/outline.json', {credentials: 'same-origin'}).then((r) => {
    if (!r.ok) throw new Error(`outline.json: HTTP ${r.status}`);
    return r.json();
  });
  return outlinePromise;
}

class ScenarioMap extends HTMLElement {
  async show(detail) {
    const shape = await outline();
    const view = shape.view;
    const svg = svgEl('svg', {viewBox: `0 0 ${view.width} ${view.height}`, class: 'map', role: 'group',
                              'aria-label': t('scenario.map_label')});
    const tip = h('div', {class: 'tooltip', hidden: true});
    const wrap = h('div', {class: 'map-wrap'}, svg, tip);
    replace(this, wrap);
    const interactive = tooltips(tip, wrap);
    const project = projector(shape);
    const nodes = new Map((detail.nodes || []).map((n) => [n.id, n]));
    const at = (id) => (nodes.has(id) && Number.isFinite(Number(nodes.get(id).lat)) ? project(nodes.get(id)) : null);
    const name = (id) => (nodes.has(id) ? localName(nodes.get(id)) : id);
    const layer = (cls) => svgEl('g', {class: cls}, svg);
    const gCountries = layer('countries'), gLinks = layer('flows'), gNodes = layer('nodes');
    const gCross = layer('crossings'), gLabels = layer('labels');
    const labels = labelPlacer(view.width);
    let count = drawCountries(gCountries, shape, project,
                              [[t('map.kazakhstan'), 48.6, 62.5], [t('map.xinjiang'), 40.6, 84.0]]);
    for (const l of detail.links || []) {
      const a = at(l.from), b = at(l.to);
      if (!a || !b) continue;
      const e = svgEl('path', {d: arc(a, b, l.mode), class: `flow ${l.mode}`, 'stroke-width': '2'}, gLinks);
      interactive(e, `${name(l.from)} → ${name(l.to)}`, '',
                  [[t('scenario.col.mode'), t(`mode.${l.mode}`)], [t('scenario.col.distance'), fmtNum(l.distance_km) + ' km']]);
      count++;
    }
    for (const n of detail.nodes || []) {
      const p = at(n.id);
      if (!p) continue;
      const e = svgEl('circle', {cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: n.kind === 'hub' ? 6 : 4,
                                 class: `node ${n.kind || ''}`}, gNodes);
      interactive(e, localName(n), n.name_local || '', [[t('scenario.col.kind'), t(`kind.${n.kind}`)],
                                                         [t('scenario.col.country'), n.country || '']]);
      labels.add(p, localName(n), n.kind === 'hub' ? 'major' : '', 7, 4, n.kind === 'hub' ? 0 : 3);
      count++;
    }
    for (const c of detail.crossings || []) {
      const a = at(c.cn_node), b = at(c.kz_node);
      if (!a || !b) continue;
      svgEl('line', {x1: a[0].toFixed(1), y1: a[1].toFixed(1), x2: b[0].toFixed(1), y2: b[1].toFixed(1), class: 'xlink'},
            gCross);
      const x = (a[0] + b[0]) / 2 + (c.mode === 'rail' ? -6 : 6), y = (a[1] + b[1]) / 2;
      const e = svgEl('rect', {x: (x - 5).toFixed(1), y: (y - 5).toFixed(1), width: 10, height: 10,
                               class: `crossing ${c.status || 'operating'}`,
                               transform: c.mode === 'road' ? `rotate(45 ${x.toFixed(1)} ${y.toFixed(1)})` : ''}, gCross);
      interactive(e, localName(c), '', [[t('scenario.col.mode'), t(`mode.${c.mode}`)],
                                        [t('scenario.col.status'), t(`status.${c.status || 'operating'}`)],
                                        [t('scenario.col.capacity'), fmtNum(c.capacity_per_day) + ' ' + (c.unit || '')]]);
      labels.add([x, y], localName(c), 'major', 8, 14, 1);
      count++;
    }
    labels.place(gLabels);
    svg.setAttribute('data-elements', String(count));
  }
}
customElements.define('c-scenario-map', ScenarioMap);
