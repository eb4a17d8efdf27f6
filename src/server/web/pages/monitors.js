// #/monitors: the agreement monitors.
import {get} from '../api.js';
import {h, table} from '../dom.js';
import {fmtDay, localName, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {href} from '../router.js';

class MonitorsPage extends Page {
  async load() {
    const res = await get('/monitors');
    this.monitors = Array.isArray(res) ? res : (res && res.monitors) || [];
  }

  render() {
    const rows = this.monitors.map((m) => [h('a', {href: href('/monitors/' + encodeURIComponent(m.name))}, m.name),
                                           localName(m, 'title') === m.name ? '' : localName(m, 'title'),
                                           fmtDay(m.as_of)]);
    return [this.heading(t('monitors.heading')), alertBox(this.error),
            rows.length ? table(t('monitors.caption'), [t('scenarios.col.name'), t('monitors.col.title'), t('monitors.col.as_of')],
                                rows, {id: 'monitors-table'})
                        : h('p', {}, t('monitors.none'))];
  }
}
customElements.define('page-monitors', MonitorsPage);
