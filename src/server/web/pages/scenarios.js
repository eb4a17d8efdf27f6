// #/scenarios: the list, and the upload of a scenario folder (a zip, or the folder's
// files read in the browser and sent as JSON), with every validation problem shown.
import {get, post, seg} from '../api.js';
import {problemsTable} from '../components.js';
import {field, h, table} from '../dom.js';
import {fmtDate, fmtNum, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {href} from '../router.js';
import {hasRole} from '../session.js';

/** The files of a folder picked with <input webkitdirectory>, as {path, content}: the
 *  path relative to the folder (its first component, the folder's own name, dropped). */
export async function readFolder(files) {
  const out = [];
  for (const file of files) {
    const rel = file.webkitRelativePath || file.name;
    const parts = rel.split('/');
    const path = parts.length > 1 ? parts.slice(1).join('/') : rel;
    out.push({path, content: await file.text()});
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

/** The folder's name from the picked files (the default scenario name). */
function folderName(files) {
  const first = files[0] && files[0].webkitRelativePath;
  return first && first.includes('/') ? first.split('/')[0] : '';
}

class ScenariosPage extends Page {
  async load() {
    this.list = await get('/scenarios');
  }

  render() {
    const rows = (this.list || []).map((s) => {
      const v = s.latest || {};
      return [h('a', {href: href('/scenarios/' + encodeURIComponent(s.name))}, s.name), fmtNum(v.version),
              h('code', {title: v.fingerprint || ''}, (v.fingerprint || '').slice(0, 12)),
              v.published ? t('common.yes') : t('common.no'), fmtDate(v.created_at)];
    });
    return [
      this.heading(t('scenarios.heading')), alertBox(this.error),
      rows.length ? table(t('scenarios.caption'), [t('scenarios.col.name'), t('scenarios.col.version'),
                                                  t('scenarios.col.fingerprint'), t('scenarios.col.published'),
                                                  t('scenarios.col.created')], rows, {id: 'scenario-list'})
                  : h('p', {}, t('scenarios.none')),
      hasRole('planner') ? this.uploadForm() : null,
    ];
  }

  uploadForm() {
    const name = h('input', {id: 'upload-name', pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}', autocomplete: 'off'});
    const folder = h('input', {id: 'upload-folder', type: 'file', webkitdirectory: true, multiple: true});
    const zip = h('input', {id: 'upload-zip', type: 'file', accept: '.zip,application/zip'});
    folder.addEventListener('change', () => { if (!name.value) name.value = folderName(folder.files); });
    zip.addEventListener('change', () => {
      if (!name.value && zip.files[0]) name.value = zip.files[0].name.replace(/\.zip$/i, '');
    });
    const result = h('div', {id: 'upload-result', 'aria-live': 'polite'}, this.uploadResult());
    const form = h('form', {id: 'upload-form', class: 'card', on: {submit: (e) => {
      e.preventDefault();
      this.upload(name.value.trim(), zip.files[0], Array.from(folder.files));
    }}},
                   h('h2', {}, t('upload.heading')), h('p', {}, t('upload.explain')),
                   field(t('upload.name'), name, t('upload.name_hint')),
                   field(t('upload.folder'), folder), field(t('upload.zip'), zip),
                   h('button', {type: 'submit', id: 'upload-submit', class: 'primary', disabled: this.busy},
                     this.busy ? t('upload.busy') : t('upload.submit')),
                   result);
    return form;
  }

  uploadResult() {
    const r = this.upload_;
    if (!r) return null;
    if (r.ok) {
      return h('p', {class: 'success', role: 'status'},
               t('upload.ok', {name: r.name, version: fmtNum(r.version)}), ' ',
               h('a', {href: href('/scenarios/' + encodeURIComponent(r.name), {v: r.version})}, t('upload.open')));
    }
    if (r.error && r.error.code === 'invalid_scenario') {
      return [h('p', {class: 'alert', role: 'alert'}, t('upload.invalid')), problemsTable(r.error.details)];
    }
    return alertBox(r.error);
  }

  async upload(name, zipFile, folderFiles) {
    if (!name || (!zipFile && !folderFiles.length)) {
      this.upload_ = {error: {code: 'upload_missing', status: 400}};
      this.paint();
      return;
    }
    this.busy = true;
    this.paint();
    try {
      const path = `/scenarios/${seg(name)}/versions`;
      const res = zipFile ? await post(path, zipFile, {contentType: 'application/zip'})
                          : await post(path, {files: await readFolder(folderFiles)});
      this.upload_ = {ok: true, name, version: res.version};
      this.list = await get('/scenarios');
    } catch (e) {
      this.upload_ = {error: e};
    }
    this.busy = false;
    this.paint();
    document.getElementById('upload-result')?.querySelector('[role=alert],[role=status]')?.focus?.();
  }
}
customElements.define('page-scenarios', ScenariosPage);
