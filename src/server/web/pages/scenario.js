// #/scenarios/NAME?v=N: versions (download, publish), the chosen version's map, sites,
// crossings and variants, names in the UI's language.
import {get, kBase, post, seg} from '../api.js';
import {h, table} from '../dom.js';
import {fmtDate, fmtNum, localName, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {href} from '../router.js';
import {hasRole} from '../session.js';
import '../scenario-map.js';

class ScenarioPage extends Page {
  async load() {
    const name = this.params.name;
    this.scenario = await get(`/scenarios/${seg(name)}`);
    const versions = this.scenario.versions || [];
    const wanted = Number(this.query.get('v'));
    const latest = versions.reduce((m, v) => Math.max(m, v.version), 0);
    this.version = versions.some((v) => v.version === wanted) ? wanted : latest;
    this.detail = this.version ? await get(`/scenarios/${seg(name)}/versions/${this.version}`) : null;
  }

  render() {
    const name = this.params.name;
    const out = [this.heading(t('scenario.heading', {name})), alertBox(this.error)];
    if (!this.scenario) return out;
    if (this.actionError) out.push(alertBox(this.actionError));
    out.push(this.versionsTable());
    const d = this.detail;
    if (!d) return out;
    const nodes = new Map((d.nodes || []).map((n) => [n.id, n]));
    const nodeName = (id) => (nodes.has(id) ? localName(nodes.get(id)) : id);
    const map = document.createElement('c-scenario-map');
    out.push(h('section', {'aria-labelledby': 'sec-map'},
               h('h2', {id: 'sec-map'}, t('scenario.version_heading', {version: fmtNum(this.version)})),
               d.description ? h('p', {}, localName(d, 'description')) : null,
               hasRole('planner') ? h('p', {}, h('a', {class: 'button', href: href('/run', {scenario: name, version: this.version})},
                                                 t('scenario.run'))) : null,
               map));
    map.show(d).catch((e) => map.replaceChildren(alertBox(e)));
    out.push(h('section', {'aria-labelledby': 'sec-sites'}, h('h2', {id: 'sec-sites'}, t('scenario.sites')),
               table(null, [t('scenario.col.id'), t('scenario.col.place'), t('scenario.col.size'),
                            t('scenario.col.capacity'), t('scenario.col.existing')],
                     (d.sites || []).map((s) => [s.id || s.site, nodeName(s.node), s.size || (s.sizes || []).map((z) => z.size).join(', '),
                                                 fmtNum(s.capacity_per_day ?? Math.max(0, ...(s.sizes || []).map((z) => z.capacity_per_day))),
                                                 s.existing ? t('common.yes') : t('common.no')]),
                     {id: 'sites-table'})));
    out.push(h('section', {'aria-labelledby': 'sec-crossings'}, h('h2', {id: 'sec-crossings'}, t('scenario.crossings')),
               table(null, [t('scenario.col.name'), t('scenario.col.mode'), t('scenario.col.between'),
                            t('scenario.col.capacity'), t('scenario.col.status')],
                     (d.crossings || []).map((c) => [localName(c), t(`mode.${c.mode}`), `${nodeName(c.cn_node)} – ${nodeName(c.kz_node)}`,
                                                     `${fmtNum(c.capacity_per_day)} ${c.unit || ''}`, t(`status.${c.status || 'operating'}`)]),
                     {id: 'crossings-table'})));
    if ((d.variants || []).length) {
      out.push(h('section', {'aria-labelledby': 'sec-variants'}, h('h2', {id: 'sec-variants'}, t('scenario.variants')),
                 h('ul', {}, d.variants.map((v) => h('li', {}, h('strong', {}, v.name || v.id || v),
                                                      v.description ? ' — ' + v.description : '')))));
    }
    return out;
  }

  versionsTable() {
    const name = this.params.name;
    const rows = (this.scenario.versions || []).slice().sort((a, b) => b.version - a.version).map((v) => [
      v.version === this.version ? h('strong', {'aria-current': 'true'}, fmtNum(v.version))
                                 : h('a', {href: href('/scenarios/' + encodeURIComponent(name), {v: v.version})}, fmtNum(v.version)),
      h('code', {title: v.fingerprint || ''}, (v.fingerprint || '').slice(0, 12)), fmtDate(v.created_at),
      v.published ? t('common.yes') : t('common.no'),
      h('span', {class: 'actions'},
        h('a', {href: `${kBase}/scenarios/${seg(name)}/versions/${v.version}/zip`, download: `${name}-v${v.version}.zip`},
          t('scenario.download', {version: fmtNum(v.version)})),
        hasRole('planner') ? h('button', {type: 'button', on: {click: () => this.publish(v.version, !v.published)}},
                               v.published ? t('scenario.unpublish') : t('scenario.publish')) : null),
    ]);
    return h('section', {'aria-labelledby': 'sec-versions'}, h('h2', {id: 'sec-versions'}, t('scenario.versions')),
             table(null, [t('scenarios.col.version'), t('scenarios.col.fingerprint'), t('scenarios.col.created'),
                          t('scenarios.col.published'), t('common.actions')], rows, {id: 'versions-table'}));
  }

  async publish(version, published) {
    this.actionError = null;
    try {
      await post(`/scenarios/${seg(this.params.name)}/versions/${version}/publish`, {published});
      await this.reload();
      return;
    } catch (e) {
      this.actionError = e;
    }
    this.paint();
  }
}
customElements.define('page-scenario', ScenarioPage);
