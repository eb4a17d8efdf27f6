// #/monitors/NAME: the status table with traffic lights (words beside the colours), the
// observation form for editors, verify / reject for verifiers, the HTML report.
import {get, kBase, post, seg} from '../api.js';
import {light} from '../components.js';
import {field, h, table} from '../dom.js';
import {currentLang, fmtDay, fmtNum, localName, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {currentUser, hasRole} from '../session.js';

class MonitorPage extends Page {
  constructor() {
    super();
    this.reloadOnLang = true;  // the status comes worded in the UI's language (?lang)
  }

  async load() {
    const name = seg(this.params.name);
    this.status = await get(`/monitors/${name}?lang=${currentLang()}`);
    this.observations = hasRole('editor') || hasRole('verifier')
        ? await get(`/monitors/${name}/observations`).then((r) => (Array.isArray(r) ? r : (r && r.observations) || []))
        : [];
  }

  render() {
    const name = this.params.name;
    const out = [this.heading(t('monitor.heading', {name})), alertBox(this.error)];
    if (this.notice) out.push(h('p', {class: 'success', role: 'status'}, this.notice));
    if (!this.status) return out;
    const s = this.status;
    out.push(h('p', {}, s.as_of ? t('monitor.as_of', {date: fmtDay(s.as_of)}) + ' · ' : '',
               h('a', {href: `${kBase}/monitors/${seg(name)}/report?lang=${currentLang()}`, target: '_blank', rel: 'noopener',
                       id: 'monitor-report'}, t('monitor.report'))));
    const indicators = s.indicators || [];
    out.push(h('section', {'aria-labelledby': 'sec-status'}, h('h2', {id: 'sec-status'}, t('monitor.status')),
               table(null, [t('monitor.col.commitment'), t('monitor.col.status'), t('monitor.col.due'), t('monitor.col.overdue')],
                     (s.commitments || []).map((c) => [h('span', {}, h('code', {}, c.id), ' ', localName(c, 'text') === c.id ? '' : localName(c, 'text')),
                                                       light(c.light, c.status), fmtDay(c.due), fmtNum(c.days_overdue)]),
                     {id: 'commitments-table'}),
               indicators.length ? table(t('monitor.indicators'), [t('monitor.col.indicator'), t('monitor.col.commitment'),
                                                                   t('monitor.col.status'), t('monitor.col.latest')],
                                         indicators.map((i) => [h('code', {}, i.id), i.commitment || '',
                                                                [light(i.light, i.status), i.stale ? ' ' + t('monitor.stale') : '',
                                                                 i.draft ? ' ' + t('monitor.draft_mark') : ''],
                                                                fmtDay(i.latest_date)]), {id: 'indicators-table'}) : null));
    if (hasRole('editor')) out.push(this.entryForm(indicators));
    if (this.observations.length) out.push(this.observationsTable());
    return out;
  }

  entryForm(indicators) {
    const id = h('input', {id: 'obs-id', required: true, autocomplete: 'off'});
    const indicator = h('select', {id: 'obs-indicator', required: true},
                        indicators.map((i) => h('option', {value: i.id}, i.id)));
    const date = h('input', {id: 'obs-date', type: 'date', required: true});
    const value = h('input', {id: 'obs-value', type: 'number', step: 'any', required: true});
    const evidence = h('input', {id: 'obs-evidence', autocomplete: 'off'});
    const supersedes = h('input', {id: 'obs-supersedes', autocomplete: 'off'});
    const reason = h('input', {id: 'obs-reason', autocomplete: 'off'});
    const source = h('input', {id: 'obs-source', required: true, autocomplete: 'off'});
    return h('form', {class: 'card', id: 'obs-form', on: {submit: (e) => {
      e.preventDefault();
      this.act(() => post(`/monitors/${seg(this.params.name)}/observations`, {
        id: id.value.trim(), indicator: indicator.value, date: date.value, value: Number(value.value),
        evidence: evidence.value.trim(), supersedes: supersedes.value.trim(), reason: reason.value.trim(),
        source: source.value.trim()}), t('monitor.entered'));
    }}}, h('h2', {}, t('monitor.enter')), h('p', {}, t('monitor.enter_explain')),
             field(t('monitor.obs.id'), id), field(t('monitor.col.indicator'), indicator), field(t('monitor.obs.date'), date),
             field(t('monitor.obs.value'), value, t('monitor.obs.value_hint')),
             field(t('monitor.obs.evidence'), evidence, t('monitor.obs.evidence_hint')),
             field(t('monitor.obs.supersedes'), supersedes), field(t('monitor.obs.reason'), reason),
             field(t('monitor.obs.source'), source, t('monitor.obs.source_hint')),
             h('button', {type: 'submit', class: 'primary'}, t('monitor.enter_submit')));
  }

  observationsTable() {
    const me = currentUser();
    const rows = this.observations.map((o) => {
      const row = o.row || o;
      const mine = me && (o.entered_by === me.id || o.entered_by === me.username);
      const note = h('input', {id: `note-${o.id}`, autocomplete: 'off'});
      const canVerify = hasRole('verifier') && o.state === 'draft' && !mine;
      return [h('code', {}, row.id || String(o.id)), row.indicator || '', fmtDay(row.date), fmtNum(row.value, 2),
              t(`monitor.obs_state.${o.state || 'draft'}`), o.entered_by_name || String(o.entered_by || row.entered_by || ''),
              canVerify ? h('span', {class: 'actions'}, field(t('monitor.note_for', {id: row.id || o.id}), note),
                            h('button', {type: 'button', on: {click: () => this.verify(o.id, 'verify', note.value)}},
                              t('monitor.verify', {id: row.id || o.id})),
                            h('button', {type: 'button', on: {click: () => this.verify(o.id, 'reject', note.value)}},
                              t('monitor.reject', {id: row.id || o.id})))
                        : (mine && o.state === 'draft' ? t('monitor.own') : o.note || '')];
    });
    return h('section', {'aria-labelledby': 'sec-obs'}, h('h2', {id: 'sec-obs'}, t('monitor.observations')),
             table(null, [t('monitor.obs.id'), t('monitor.col.indicator'), t('monitor.obs.date'), t('monitor.obs.value'),
                          t('monitor.obs.state'), t('monitor.obs.entered_by'), t('common.actions')], rows, {id: 'observations-table'}));
  }

  verify(id, decision, note) {
    return this.act(() => post(`/monitors/${seg(this.params.name)}/observations/${encodeURIComponent(id)}/verify`, {decision, note}),
                    decision === 'verify' ? t('monitor.verified') : t('monitor.rejected'));
  }

  async act(fn, notice) {
    this.notice = null;
    try {
      await fn();
      await this.reload();
      this.notice = notice;
    } catch (e) {
      this.error = e;
    }
    this.paint();
  }
}
customElements.define('page-monitor', MonitorPage);
