// Small custom elements shared by the pages.
import {h, replace, table} from './dom.js';
import {fmtNum, fmtPct, t} from './i18n.js';

/** <c-progress label="…">: a progress bar; .update(fraction 0..1, message). */
class ProgressBar extends HTMLElement {
  connectedCallback() {
    if (this.bar) return;
    this.bar = h('div', {class: 'bar-fill'});
    this.text = h('span', {class: 'bar-text'});
    this.track = h('div', {class: 'bar-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
                           'aria-valuenow': '0', 'aria-label': this.getAttribute('label') || t('job.progress')},
                   this.bar);
    replace(this, this.track, this.text);
    this.update(Number(this.getAttribute('value') || 0), this.getAttribute('message') || '');
  }

  update(fraction, message) {
    const f = Math.max(0, Math.min(1, Number(fraction) || 0));
    const pct = Math.round(f * 100);
    this.setAttribute('value', String(f));
    if (!this.track) return;
    this.track.setAttribute('aria-valuenow', String(pct));
    this.track.setAttribute('aria-valuetext', fmtPct(f) + (message ? ' — ' + message : ''));
    // CSSOM, not a style attribute in markup: allowed under the CSP's style-src 'self'.
    this.bar.style.width = `${pct}%`;
    this.text.textContent = fmtPct(f) + (message ? ' · ' + message : '');
  }
}
customElements.define('c-progress', ProgressBar);

/** The problems of an invalid upload: file:line:column, field, code, severity, message. */
export function problemsTable(details) {
  const rows = (Array.isArray(details) ? details : []).map((d) => [
    h('code', {}, `${d.file || ''}${d.line ? ':' + d.line : ''}${d.column ? ':' + d.column : ''}`),
    d.field || '', h('code', {}, d.code || ''), t(`severity.${d.severity || 'error'}`), d.message || '',
  ]);
  return table(t('upload.problems', {count: fmtNum(rows.length)}),
               [t('upload.col.where'), t('upload.col.field'), t('upload.col.code'), t('upload.col.severity'),
                t('upload.col.message')],
               rows, {class: 'problems', 'data-testid': 'problems'});
}

const kLight = {green: 'light-green', amber: 'light-amber', red: 'light-red', grey: 'light-grey'};
/** A traffic light: a coloured dot plus the status in words (colour is never the only cue). */
export function light(colour, status) {
  return h('span', {class: `light ${kLight[colour] || 'light-grey'}`},
           h('span', {class: 'dot', 'aria-hidden': 'true'}), t(`monitor.status.${status}`));
}

/** A job state as a badge. */
export function stateBadge(state) {
  return h('span', {class: `badge state-${state}`}, t(`job.state.${state}`));
}
