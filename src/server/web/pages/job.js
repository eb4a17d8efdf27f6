// #/jobs/ID: one job: a live progress bar (server-sent events on /jobs/ID/events),
// cancel, and when it is done its files and its report (in a sandboxed frame).
import {get, kBase, post} from '../api.js';
import {stateBadge} from '../components.js';
import {h, table} from '../dom.js';
import {fmtDate, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {hasRole} from '../session.js';
import {kFinal} from './jobs.js';

const fileName = (f) => (typeof f === 'string' ? f : f.name);

class JobPage extends Page {
  async load() {
    this.job = await get(`/jobs/${encodeURIComponent(this.params.id)}`);
    if (!kFinal.has(this.job.state)) this.follow();
  }

  disconnectedCallback() { this.stop(); }

  stop() {
    if (this.events) this.events.close();
    this.events = null;
  }

  /** Subscribes to the job's progress; at a final state, reloads its detail (files). */
  follow() {
    if (this.events) return;
    const source = new EventSource(`${kBase}/jobs/${encodeURIComponent(this.params.id)}/events`, {withCredentials: true});
    this.events = source;
    const onProgress = (ev) => {
      let p;
      try {
        p = JSON.parse(ev.data);
      } catch {
        return;
      }
      Object.assign(this.job, p);
      const bar = this.querySelector('c-progress');
      if (bar) bar.update(this.job.progress, t(`job.state.${this.job.state}`));
      const state = this.querySelector('#job-state');
      if (state) state.replaceChildren(stateBadge(this.job.state));
      if (kFinal.has(this.job.state)) {
        this.stop();
        this.reload();
      }
    };
    // docs/serve.md names the event `progress`; an unnamed event is taken the same way.
    source.addEventListener('progress', onProgress);
    source.addEventListener('message', onProgress);
    // The server ends the stream at a final state; a dropped stream is reloaded once.
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED && this.events === source) {
        this.stop();
        this.reload();
      }
    });
  }

  render() {
    const id = this.params.id;
    const out = [this.heading(t('job.heading', {id})), alertBox(this.error)];
    const j = this.job;
    if (!j) return out;
    if (this.actionError) out.push(alertBox(this.actionError));
    const bar = document.createElement('c-progress');
    bar.setAttribute('label', t('job.progress'));
    bar.setAttribute('value', String(j.state === 'succeeded' ? 1 : j.progress || 0));
    // The child's progress lines are English diagnostics; the bar says the state in the
    // user's language (the message stays in the API for scripts).
    bar.setAttribute('message', t(`job.state.${j.state}`));
    out.push(h('dl', {class: 'facts'},
               h('dt', {}, t('jobs.col.kind')), h('dd', {}, t(`run.kind.${j.kind}`)),
               h('dt', {}, t('jobs.col.scenario')), h('dd', {}, `${j.scenario || ''}${j.version ? ' v' + j.version : ''}`),
               h('dt', {}, t('jobs.col.state')), h('dd', {id: 'job-state'}, stateBadge(j.state)),
               h('dt', {}, t('jobs.col.created')), h('dd', {}, fmtDate(j.created_at)),
               j.finished_at ? [h('dt', {}, t('job.finished')), h('dd', {}, fmtDate(j.finished_at))] : null),
             bar);
    if (j.message && kFinal.has(j.state) && j.state !== 'succeeded') {
      out.push(h('p', {class: 'alert', role: 'alert'}, j.message));
    }
    const actions = [];
    if (!kFinal.has(j.state) && hasRole('planner')) {
      actions.push(h('button', {type: 'button', id: 'job-cancel', on: {click: () => this.act('cancel')}}, t('job.cancel')));
    }
    if (j.state === 'succeeded' && hasRole('planner')) {
      actions.push(h('button', {type: 'button', id: 'job-publish', on: {click: () => this.act('publish', {published: !j.published})}},
                     j.published ? t('job.unpublish') : t('job.publish')));
    }
    if (actions.length) out.push(h('p', {class: 'actions'}, actions));
    const files = (j.files || []).map(fileName);
    if (files.length) {
      const url = (n) => `${kBase}/jobs/${encodeURIComponent(id)}/files/${encodeURIComponent(n)}`;
      out.push(h('section', {'aria-labelledby': 'sec-files'}, h('h2', {id: 'sec-files'}, t('job.files')),
                 table(null, [t('job.file'), t('common.actions')], files.map((n) => [
                   h('code', {}, n),
                   h('span', {class: 'actions'}, h('a', {href: url(n), download: n}, t('job.download', {name: n})),
                     n.endsWith('.html') ? h('a', {href: url(n), target: '_blank', rel: 'noopener', id: n === 'report.html' ? 'open-report' : null},
                                             t('job.open_tab', {name: n})) : null)]), {id: 'files-table'})));
      const report = files.find((n) => n === 'report.html') || files.find((n) => n.endsWith('.html'));
      if (report) {
        // No allow-same-origin: the report's scripts run in an opaque origin, away from the session.
        out.push(h('section', {'aria-labelledby': 'sec-report'}, h('h2', {id: 'sec-report'}, t('job.report')),
                   h('iframe', {src: url(report), sandbox: 'allow-scripts', title: t('job.report_frame', {id}),
                                class: 'report-frame', id: 'report-frame', loading: 'lazy'})));
      }
    }
    return out;
  }

  async act(what, body) {
    this.actionError = null;
    try {
      await post(`/jobs/${encodeURIComponent(this.params.id)}/${what}`, body);
    } catch (e) {
      this.actionError = e;
    }
    await this.reload();
  }
}
customElements.define('page-job', JobPage);
