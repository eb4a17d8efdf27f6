// #/compare?a=JOB&b=JOB: two plan runs side by side (GET /compare): their KPIs, the
// change, and the two costs as bars drawn by the report's own chart code.
import {barChart} from '../report/chart.js';
import {svgEl} from '../report/map.js';
import {get} from '../api.js';
import {field, h, table} from '../dom.js';
import {fmtNum, fmtPct, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {go, href} from '../router.js';

// KPI keys (report::Kpis) and how many decimals each shows; 'pct': a share (0–1) shown
// as a percentage, its change in percentage points.
const kKpis = [['total_cost_per_year', 0], ['cost_per_parcel', 2], ['demand_per_day', 0], ['delivered_per_day', 0],
               ['unmet_per_day', 0], ['unmet_share', 'pct'], ['mean_delivery_days', 2], ['planned_p95_zone_days', 2],
               ['within_promise_share', 'pct']];
const show = (v, d) => (d === 'pct' ? fmtPct(v) : fmtNum(v, d));
const change = (v, d) => (v > 0 ? '+' : v < 0 ? '−' : '') +
    (d === 'pct' ? t('compare.points', {value: fmtNum(Math.abs(v) * 100, 1)}) : fmtNum(Math.abs(v), d));

class ComparePage extends Page {
  async load() {
    const res = await get('/jobs');
    const jobs = Array.isArray(res) ? res : (res && res.jobs) || [];
    this.plans = jobs.filter((j) => j.kind === 'plan' && j.state === 'succeeded');
    this.a = this.query.get('a') || '';
    this.b = this.query.get('b') || '';
    this.result = this.a && this.b ? await get(`/compare?a=${encodeURIComponent(this.a)}&b=${encodeURIComponent(this.b)}`) : null;
  }

  render() {
    const pick = (id, value) => h('select', {id, required: true}, h('option', {value: ''}, t('compare.choose')),
                                   this.plans.map((j) => h('option', {value: j.id, selected: String(j.id) === String(value)},
                                                           `#${j.id} · ${j.scenario || ''}${j.version ? ' v' + j.version : ''}`)));
    const a = pick('compare-a', this.a), b = pick('compare-b', this.b);
    const form = h('form', {class: 'card', on: {submit: (e) => {
      e.preventDefault();
      go('/compare', {a: a.value, b: b.value});
    }}}, field(t('compare.a'), a), field(t('compare.b'), b),
                   h('button', {type: 'submit', class: 'primary'}, t('compare.submit')));
    return [this.heading(t('compare.heading')), alertBox(this.error), this.plans ? form : null, this.resultView()];
  }

  resultView() {
    const r = this.result;
    if (!r) return null;
    const ka = (r.a && (r.a.kpis || r.a)) || {}, kb = (r.b && (r.b.kpis || r.b)) || {};
    const rows = kKpis.filter(([k]) => k in ka || k in kb).map(([k, d]) => {
      const delta = Number(kb[k]) - Number(ka[k]);
      return [t(`kpi.${k}`), show(ka[k], d), show(kb[k], d), Number.isFinite(delta) ? change(delta, d) : '—'];
    });
    const chart = svgEl('svg', {viewBox: '0 0 480 260', class: 'chart', role: 'img', 'aria-label': t('compare.chart')});
    barChart(chart, [['a', ka], ['b', kb]].filter(([, k]) => Number.isFinite(Number(k.total_cost_per_year)))
                 .map(([side, k]) => ({label: `#${side === 'a' ? this.a : this.b}`, value: Number(k.total_cost_per_year),
                                       tip: `#${side === 'a' ? this.a : this.b}: ${fmtNum(k.total_cost_per_year)}`})),
             t('kpi.total_cost_per_year'), (v) => fmtNum(v));
    return h('section', {'aria-labelledby': 'sec-cmp'}, h('h2', {id: 'sec-cmp'}, t('compare.result')),
             table(null, [t('compare.kpi'), h('a', {href: href('/jobs/' + this.a)}, `#${this.a}`),
                          h('a', {href: href('/jobs/' + this.b)}, `#${this.b}`), t('compare.change')], rows, {id: 'compare-table'}),
             chart);
  }
}
customElements.define('page-compare', ComparePage);
