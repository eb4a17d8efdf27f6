// #/run?scenario=NAME&version=N&kind=plan: start a plan, comparison or simulation
// (POST /jobs) and follow it on its job page.
import {get, post, seg} from '../api.js';
import {field, h} from '../dom.js';
import {currentLang, fmtNum, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {go} from '../router.js';

const kKinds = ['plan', 'compare', 'simulate'];

class RunPage extends Page {
  async load() {
    this.scenarios = await get('/scenarios');
    this.kind = kKinds.includes(this.query.get('kind')) ? this.query.get('kind') : (this.kind || 'plan');
    this.scenario = this.scenario || this.query.get('scenario') || (this.scenarios[0] && this.scenarios[0].name) || '';
    await this.loadVersions(Number(this.query.get('version')) || 0);
  }

  async loadVersions(wanted) {
    this.versions = [];
    this.variants = [];
    if (!this.scenario) return;
    const s = await get(`/scenarios/${seg(this.scenario)}`);
    this.versions = (s.versions || []).map((v) => v.version).sort((a, b) => b - a);
    this.version = this.versions.includes(wanted) ? wanted : this.versions[0];
    if (this.version) {
      const d = await get(`/scenarios/${seg(this.scenario)}/versions/${this.version}`);
      this.variants = (d.variants || []).map((v) => (typeof v === 'string' ? v : v.name || v.id));
    }
  }

  render() {
    const kind = h('fieldset', {class: 'choices'}, h('legend', {}, t('run.kind')),
                   kKinds.map((k) => h('label', {},
                     h('input', {type: 'radio', name: 'kind', value: k, id: `kind-${k}`, checked: k === this.kind,
                                 on: {change: () => { this.kind = k; this.paint(); }}}), ' ', t(`run.kind.${k}`))));
    const scenario = h('select', {id: 'run-scenario', on: {change: async () => {
      this.scenario = scenario.value;
      await this.loadVersions(0).catch((e) => { this.error = e; });
      this.paint();
    }}}, (this.scenarios || []).map((s) => h('option', {value: s.name, selected: s.name === this.scenario}, s.name)));
    const version = h('select', {id: 'run-version', on: {change: () => { this.version = Number(version.value); }}},
                      (this.versions || []).map((v) => h('option', {value: v, selected: v === this.version}, fmtNum(v))));
    const variantSelect = h('select', {id: 'run-variant'}, h('option', {value: ''}, t('run.base')),
                            (this.variants || []).map((v) => h('option', {value: v}, v)));
    const variantBoxes = h('fieldset', {class: 'choices'}, h('legend', {}, t('run.variants')),
                           (this.variants || []).length
                               ? this.variants.map((v, i) => h('label', {}, h('input', {type: 'checkbox', name: 'variants', value: v,
                                                                                       id: `variant-${i}`, checked: true}), ' ', v))
                               : h('p', {}, t('run.no_variants')));
    const seed = h('input', {id: 'run-seed', type: 'number', min: '0', step: '1', value: '1'});
    const reps = h('input', {id: 'run-replications', type: 'number', min: '1', max: '1000', step: '1', value: '10'});
    // The K best plans (corridor plan --alternatives): near-equal plans to choose among.
    const alternatives = h('input', {id: 'run-alternatives', type: 'number', min: '1', max: '50', step: '1', value: '1'});
    const options = this.kind === 'compare' ? [variantBoxes]
        : this.kind === 'simulate' ? [field(t('run.variant'), variantSelect), field(t('run.seed'), seed),
                                      field(t('run.replications'), reps)]
        : [field(t('run.variant'), variantSelect), field(t('run.alternatives'), alternatives)];
    const form = h('form', {class: 'card', id: 'run-form', on: {submit: (e) => {
      e.preventDefault();
      // The job's report.html is written in the language the user reads the dashboard in.
      const opts = {lang: currentLang()};
      if (this.kind === 'compare') {
        opts.variants = Array.from(form.querySelectorAll('input[name=variants]:checked')).map((b) => b.value);
      } else if (variantSelect.value) {
        opts.variant = variantSelect.value;
      }
      if (this.kind === 'plan' && Number(alternatives.value) > 1) opts.alternatives = Number(alternatives.value);
      if (this.kind === 'simulate') {
        opts.seed = Number(seed.value);
        opts.replications = Number(reps.value);
      }
      this.start({kind: this.kind, scenario: this.scenario, version: this.version, options: opts});
    }}},
                   kind, field(t('run.scenario'), scenario), field(t('run.version'), version), options,
                   h('button', {type: 'submit', class: 'primary', id: 'run-submit', disabled: !this.version || this.busy},
                     t('run.submit')));
    return [this.heading(t('run.heading')), alertBox(this.error),
            (this.scenarios || []).length ? form : h('p', {}, t('scenarios.none'))];
  }

  async start(body) {
    this.busy = true;
    this.error = null;
    this.paint();
    try {
      const res = await post('/jobs', body);
      go('/jobs/' + res.id);
    } catch (e) {
      this.error = e;
      this.busy = false;
      this.paint();
    }
  }
}
customElements.define('page-run', RunPage);
