// The base of every page: load data once, render from it (again on a language switch),
// show errors as text in an alert.
import {h, replace} from './dom.js';
import {t} from './i18n.js';

/** A person's message for an ApiError (catalog text for known codes, else the server's). */
export function errorMessage(e) {
  if (!e) return '';
  if (e.status === 0) return t('error.network');
  const key = `error.${e.code}`;
  const known = t(key);
  if (known !== key) return known;
  if (e.status === 429) return t('error.rate_limited', {seconds: e.retryAfter || '?'});
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404) return t('error.not_found');
  return e.message || t('error.unknown');
}

export function alertBox(e) {
  return e ? h('div', {class: 'alert', role: 'alert'}, errorMessage(e)) : null;
}

export class Page extends HTMLElement {
  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
    this.error = null;
    this.loaded = false;
  }

  connectedCallback() {
    if (!this.started) {
      this.started = true;
      this.reload();
    }
  }

  /** Loads (load()) then paints; an error is kept and shown by paint(). */
  async reload() {
    this.error = null;
    try {
      await this.load();
    } catch (e) {
      this.error = e;
    }
    this.loaded = true;
    this.paint();
  }

  async load() {}

  /** Rebuilds the page's DOM from its state. */
  paint() {
    const focused = this.contains(document.activeElement) && document.activeElement.id;
    replace(this, this.loaded ? this.render() : h('p', {class: 'loading'}, t('app.loading')));
    if (focused) document.getElementById(focused)?.focus();
    if (this.focusHeading && this.loaded) {
      this.focusHeading = false;
      this.querySelector('h1')?.focus();
    }
    if (this.titleText) document.title = `${this.titleText} · corridor`;
  }

  render() { return []; }

  /** The page's heading (focused after navigation, for screen readers). */
  heading(text) {
    this.titleText = text;
    return h('h1', {tabindex: '-1', class: 'page-title'}, text);
  }
}
