// #/jobs: the queue and history, with cancel for queued and running jobs.
import {get, post} from '../api.js';
import {stateBadge} from '../components.js';
import {h, table} from '../dom.js';
import {fmtDate, fmtPct, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {href} from '../router.js';

export const kFinal = new Set(['succeeded', 'failed', 'cancelled']);

class JobsPage extends Page {
  async load() {
    const res = await get('/jobs');
    this.jobs = Array.isArray(res) ? res : (res && res.jobs) || [];
  }

  render() {
    const rows = (this.jobs || []).map((j) => [
      h('a', {href: href('/jobs/' + j.id)}, '#' + j.id), t(`run.kind.${j.kind}`),
      `${j.scenario || ''}${j.version ? ' v' + j.version : ''}`, stateBadge(j.state),
      kFinal.has(j.state) ? '' : fmtPct(j.progress), fmtDate(j.created_at),
      kFinal.has(j.state) ? '' : h('button', {type: 'button', 'aria-label': t('jobs.cancel_one', {id: j.id}),
                                               on: {click: () => this.cancel(j.id)}}, t('job.cancel')),
    ]);
    return [this.heading(t('jobs.heading')), alertBox(this.error),
            h('p', {}, h('button', {type: 'button', id: 'jobs-refresh', on: {click: () => this.reload()}}, t('common.refresh')),
              ' ', h('a', {class: 'button', href: '#/run'}, t('nav.run'))),
            rows.length ? table(t('jobs.caption'), [t('jobs.col.id'), t('jobs.col.kind'), t('jobs.col.scenario'),
                                                   t('jobs.col.state'), t('jobs.col.progress'), t('jobs.col.created'),
                                                   t('common.actions')], rows, {id: 'jobs-table'})
                        : h('p', {}, t('jobs.none'))];
  }

  async cancel(id) {
    try {
      await post(`/jobs/${id}/cancel`);
    } catch (e) {
      this.error = e;
    }
    await this.reload();
  }
}
customElements.define('page-jobs', JobsPage);
