// Unit checks of the dashboard's files (node:test, no packages, no browser):
// - every message catalog has exactly the English catalog's keys, no empty text, the
//   same {placeholders}, and is really translated (its own script, few English copies);
// - every literal key the code uses (t('…'), data-i18n) is in the catalogs;
// - no .js file builds HTML from strings (innerHTML, outerHTML, insertAdjacentHTML,
//   document.write with anything but a constant), nothing inline the CSP would block;
// - every relative import resolves, and assets.cmake lists exactly the folder's files.
// node --test tests/browser/serve/unit_test.mjs [WEB_DIR]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(process.env.CORRIDOR_WEB_DIR || path.join(here, '../../../src/server/web'));
const reportAssets = path.resolve(web, '../../report/assets');
const langs = ['en', 'ru', 'kk', 'zh'];
const catalog = (l) => JSON.parse(fs.readFileSync(path.join(web, 'i18n', `${l}.json`), 'utf8'));

function walk(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]);
}
const files = walk(web).sort();
const jsFiles = files.filter((f) => f.endsWith('.js')).map((f) => path.join(web, f))
    .concat(['map.js', 'chart.js'].map((f) => path.join(reportAssets, f)));
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

test('every catalog has exactly the English keys, no empty text, the same placeholders', () => {
  const en = catalog('en');
  assert.ok(Object.keys(en).length > 100, 'the English catalog is the full one');
  for (const l of langs) {
    const c = catalog(l);
    assert.deepEqual(Object.keys(c).sort(), Object.keys(en).sort(), `${l}: keys differ from en`);
    for (const [k, v] of Object.entries(c)) {
      assert.equal(typeof v, 'string', `${l}.${k} is text`);
      assert.ok(v.trim().length > 0, `${l}.${k} is empty`);
      assert.equal(placeholders(v), placeholders(en[k]), `${l}.${k}: placeholders differ from en`);
    }
  }
});

test('the catalogs are translations in their own script', () => {
  const en = catalog('en');
  const script = {ru: /[а-яё]/i, kk: /[а-яёәғқңөұүһі]/i, zh: /[\u4e00-\u9fff]/};
  for (const l of ['ru', 'kk', 'zh']) {
    const c = catalog(l);
    const latinOnly = Object.keys(en).filter((k) => /[a-z]{3}/i.test(en[k]) && !script[l].test(c[k]));
    // Only the product's own name and code-like texts may stay in Latin letters.
    assert.ok(latinOnly.length <= 3, `${l}: untranslated: ${latinOnly.join(', ')}`);
  }
  assert.match(Object.values(catalog('kk')).join(' '), /[әғқңөұүһі]/, 'Kazakh letters in the Kazakh catalog');
});

test('every literal message key used by the code and the page is in the catalog', () => {
  const en = catalog('en');
  const used = new Set();
  for (const f of jsFiles.filter((f) => f.startsWith(web))) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\('([a-z0-9_.]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/\bkey: '([a-z0-9_.]+)'/g)) used.add(m[1]);
  }
  for (const m of fs.readFileSync(path.join(web, 'index.html'), 'utf8').matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) {
    used.add(m[1]);
  }
  assert.ok(used.size > 100);
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, [], 'keys used but not in en.json');
});

/** The places a source builds HTML from something other than a constant string. */
export function htmlSinks(src) {
  const found = [];
  const constant = /^\s*(?:'[^'\\]*'|"[^"\\]*"|`[^`$\\]*`)\s*[;,)]?\s*$/;
  for (const [i, line] of src.split('\n').entries()) {
    const code = line.replace(/\/\/.*$/, '');
    let m = /\.(?:innerHTML|outerHTML)\s*\+?=(?!=)(.*)$/.exec(code);
    if (m && !constant.test(m[1])) found.push(i + 1);
    m = /\.insertAdjacentHTML\s*\(\s*[^,]+,(.*)$/.exec(code);
    if (m && !constant.test(m[1])) found.push(i + 1);
    m = /document\.write(?:ln)?\s*\((.*)$/.exec(code);
    if (m && !constant.test(m[1])) found.push(i + 1);
    if (/\.(?:innerHTML|outerHTML)\s*\+=/.test(code)) found.push(i + 1);
  }
  return [...new Set(found)];
}

test('the HTML scan finds what it must (so that the next test can fail)', () => {
  assert.deepEqual(htmlSinks("el.innerHTML = '';"), []);
  assert.deepEqual(htmlSinks('el.innerHTML = "<b>constant</b>";'), []);
  assert.deepEqual(htmlSinks('if (a.innerHTML === b) x();'), []);
  assert.deepEqual(htmlSinks('el.innerHTML = name;'), [1]);
  assert.deepEqual(htmlSinks("x();\nel.innerHTML = '<b>' + name + '</b>';"), [2]);
  assert.deepEqual(htmlSinks('el.innerHTML = `<b>${name}</b>`;'), [1]);
  assert.deepEqual(htmlSinks("el.outerHTML += '<i></i>';"), [1]);
  assert.deepEqual(htmlSinks("el.insertAdjacentHTML('beforeend', html);"), [1]);
  assert.deepEqual(htmlSinks('document.write(s);'), [1]);
});

test('no .js file builds HTML from strings that are not constant', () => {
  for (const f of jsFiles) {
    assert.deepEqual(htmlSinks(fs.readFileSync(f, 'utf8')), [], `${path.relative(web, f)}: HTML built from strings`);
  }
});

test('nothing inline that the CSP (script-src/style-src \'self\') would block', () => {
  const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'an inline <script>');
  assert.doesNotMatch(html, /<style\b/i, 'an inline <style>');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'a style attribute');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an inline event handler');
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//i, 'a link off the server');
  for (const f of jsFiles) {
    const src = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /setAttribute\(\s*['"](?:style|on[a-z]+)['"]/, `${f}: inline style or handler`);
    assert.doesNotMatch(src, /\b(?:eval|Function)\s*\(|setTimeout\(\s*['"`]/, `${f}: code from a string`);
    assert.doesNotMatch(src, /(?:import|from)\s*\(?\s*['"]https?:/, `${f}: a module off the server`);
  }
});

test('every relative import resolves to a file that is served', () => {
  for (const f of jsFiles) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/^import\s[^'"]*['"](\.[^'"]+)['"]/gm)) {
      const target = path.resolve(path.dirname(f), m[1]);
      // /assets/report/* is served from src/report/assets.
      const real = target.startsWith(path.join(web, 'report') + path.sep)
          ? path.join(reportAssets, path.relative(path.join(web, 'report'), target)) : target;
      assert.ok(fs.existsSync(real), `${path.relative(web, f)} imports ${m[1]}, which does not exist`);
    }
  }
});

test('assets.cmake lists exactly the files of the folder', () => {
  const cmake = fs.readFileSync(path.join(web, 'assets.cmake'), 'utf8').replace(/#.*$/gm, '');
  const list = (name) => {
    const m = new RegExp(`set\\(${name}\\s([^)]*)\\)`).exec(cmake);
    assert.ok(m, `assets.cmake sets ${name}`);
    return m[1].split(/\s+/).filter(Boolean).sort();
  };
  assert.deepEqual(list('corridor_web_assets'), files.filter((f) => f !== 'assets.cmake' && f !== 'README.md'));
  for (const f of list('corridor_web_report_assets')) assert.ok(fs.existsSync(path.join(reportAssets, f)), f);
});
