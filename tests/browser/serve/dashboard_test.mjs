// Browser test of the corridor serve dashboard: headless Debian chromium driven by npm
// playwright-core (no browser download), offline. Steps: first-admin setup (when a setup
// token is given) and log in; upload a scenario with an error and see the error listed
// with its file and line; fix it and upload; run a plan and watch the progress bar reach
// 100 %; open the report; switch to Kazakh and to Chinese and see the UI translated;
// tour every page in English, Russian, Kazakh and Chinese (headings and navigation as the
// catalogs say, no raw key, nothing left in English, no console error, no CSP report);
// log in with the keyboard alone. Screenshots of every step go to the artefacts folder.
// The server must have imported its default monitor (the tour visits its page).
//
// node dashboard_test.mjs BASE_URL [ARTEFACTS_DIR]
// Environment:
//   CORRIDOR_URL              base URL when not given as an argument (http://127.0.0.1:PORT)
//   CORRIDOR_ADMIN_USER       admin user name (default "admin")
//   CORRIDOR_ADMIN_PASSWORD   its password (default "correct horse battery staple")
//   CORRIDOR_SETUP_TOKEN      when set, the admin is first created through the setup form
//   CORRIDOR_SCENARIO         a tiny valid scenario folder (default tests/data/ok_minimal)
//   CORRIDOR_ARTEFACTS        screenshots folder when not given as an argument
//   CHROMIUM                  the browser (default /usr/bin/chromium)
// Exit 0 on success, 1 on a failed check (with a screenshot "FAILED-<step>.png"), 77 when
// no chromium is installed (outside CI).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = (process.argv[2] || process.env.CORRIDOR_URL || '').replace(/\/$/, '');
const out = path.resolve(process.argv[3] || process.env.CORRIDOR_ARTEFACTS || path.join(process.cwd(), 'serve_artefacts'));
const adminUser = process.env.CORRIDOR_ADMIN_USER || 'admin';
const adminPassword = process.env.CORRIDOR_ADMIN_PASSWORD || 'correct horse battery staple';
const setupToken = process.env.CORRIDOR_SETUP_TOKEN || '';
const scenarioDir = process.env.CORRIDOR_SCENARIO || path.resolve(here, '../../data/ok_minimal');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const kTimeout = Number(process.env.CORRIDOR_TIMEOUT_MS || 120000);  // against hangs, not a performance threshold

if (!base) {
  console.error('usage: node dashboard_test.mjs BASE_URL [ARTEFACTS_DIR]');
  process.exit(2);
}
if (!fs.existsSync(browserPath)) {
  console.log(`dashboard_test: no chromium at ${browserPath}; skipping`);
  process.exit(process.env.CI === 'true' ? 1 : 77);
}
// playwright-core comes from this folder's package-lock.json (npm ci, no browser download).
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch {
  console.log(`dashboard_test: playwright-core is not installed (run: npm ci --prefix ${here}); skipping`);
  process.exit(process.env.CI === 'true' ? 1 : 77);
}
fs.mkdirSync(out, {recursive: true});

// The scenario folders: a copy with one defect (a latitude out of range on a line we
// know), then the same folder fixed. The fixed one carries markup in a node name, which
// must show as text.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-dash-'));
const scenarioName = 'browser-test';
const folder = path.join(work, scenarioName);
fs.cpSync(scenarioDir, folder, {recursive: true});
const nodesPath = path.join(folder, 'nodes.csv');
const goodNodes = fs.readFileSync(nodesPath, 'utf8');
const nodeLines = goodNodes.split('\n');
const header = nodeLines[0].split(',');
const latCol = header.indexOf('lat');
const badLine = 3;  // 1-based line in the file: the second data row
const badCells = nodeLines[badLine - 1].split(',');
badCells[latCol] = '123.5';
const badNodes = [...nodeLines.slice(0, badLine - 1), badCells.join(','), ...nodeLines.slice(badLine)].join('\n');
const markup = '<img src=x onerror=window.__pwned=1>';
const siteRow = nodeLines.findIndex((l) => l.split(',')[header.indexOf('kind')] === 'warehouse_site');
const siteCells = nodeLines[siteRow].split(',');
const markedName = `${siteCells[header.indexOf('name')]} ${markup}`;
siteCells[header.indexOf('name')] = markedName;
const fixedNodes = [...nodeLines.slice(0, siteRow), siteCells.join(','), ...nodeLines.slice(siteRow + 1)].join('\n');

// In the page: the form controls and buttons that have no accessible name.
function unlabelledControls() {
  const named = (el) => (el.labels && el.labels.length) || el.getAttribute('aria-label') ||
      el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim());
  return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
      .filter((el) => el.offsetParent !== null && !named(el)).map((el) => el.id || el.outerHTML.slice(0, 60));
}

// In the page: visible text whose contrast with its background is below WCAG AA (4.5:1,
// or 3:1 for large text: 24 px, or 18.66 px bold). The background is the first opaque
// one up the tree; text over the map or on images is not checked.
function lowContrastText() {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('svg, iframe, option') || el.offsetParent === null) continue;
    const style = getComputedStyle(el);
    const a = lum(rgb(style.color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) out.push(`"${n.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return out;
}

const problems = [];
let step = 'start';
let shot = 0;
async function snap(page, name) {
  shot += 1;
  await page.screenshot({path: path.join(out, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true});
}
function check(cond, message) {
  if (!cond) throw new Error(`${step}: ${message}`);
}

// Console errors the test provokes on purpose: the browser logs every 4xx answer, and the
// dashboard asks /me before anyone is signed in (401) and is sent an invalid scenario (422).
// Any other console error, page error or CSP report, in any step, fails the test.
const kExpectedConsole = {'login': /status of 401/, 'keyboard-login': /status of 401/, 'upload-invalid': /status of 422/};
function watch(page) {
  page.on('pageerror', (e) => problems.push(`${step}: page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`${step}: CSP: ${text}`);
    else if (m.type() === 'error' && !(kExpectedConsole[step] || /$^/).test(text)) {
      problems.push(`${step}: console error: ${text} (${m.location().url})`);
    }
  });
}

// In every frame, before its scripts: a CSP violation is logged as a console error even
// when the browser itself would not log it (reports of attributes, of workers).
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (e) =>
    console.error(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || document.URL}`));
}

// In the page: every text node under <body>, the text of attributes a person hears or sees
// (aria-label, title, placeholder, alt, aria-valuetext), the title, the page's heading and
// the navigation's links.
function shownText() {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (text && !n.parentElement.closest('script, style, noscript')) texts.push(text);
  }
  const attrs = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'];
  for (const el of document.querySelectorAll(attrs.map((a) => `[${a}]`).join(', '))) {
    for (const a of attrs) if (el.getAttribute(a)) texts.push(el.getAttribute(a).trim());
  }
  texts.push(document.title);
  return {texts, h1: document.querySelector('main h1')?.textContent.trim() ?? null,
          nav: [...document.querySelectorAll('#nav a')].map((a) => a.textContent.trim())};
}

// The four-language tour: every page of the dashboard in English, Russian, Kazakh and
// Chinese. On each page in each language: <html lang> is the language's; the heading and
// the navigation read as that language's catalog says (the catalogs fetched from the
// server: the files the browser loads); no catalog key and no message left in English
// (a message the language translates, shown in its English wording) in the text or the
// labels; no error box; every control labelled; no console error, page error or CSP
// report; in English, text contrast at WCAG AA. A screenshot of each: NN-<lang>-<page>.png.
const kLocales = {en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ', zh: 'zh-CN'};
const kNavKeys = ['nav.scenarios', 'nav.run', 'nav.jobs', 'nav.compare', 'nav.monitors', 'nav.users'];
// A key missing from every catalog is shown as itself by i18n.js's t().
const kRawKey = /\b(?:app|nav|common|error|login|setup|scenarios?|upload|severity|map|mode|kind|status|run|jobs?|compare|kpi|users?|role|monitors?)\.[a-z_]+(?:\.[a-z_]+)*\b/;
async function tour(page, jobId) {
  const catalogs = {};
  for (const lang of Object.keys(kLocales)) {
    const res = await fetch(`${base}/assets/i18n/${lang}.json`);
    check(res.ok, `the ${lang} catalog: HTTP ${res.status}`);
    catalogs[lang] = await res.json();
  }
  const keys = new Set(Object.keys(catalogs.en));
  await page.goto(base + '/#/monitors');
  await page.waitForSelector('page-monitors h1');
  const monitorLink = page.locator('#monitors-table a').first();
  const monitorHash = (await monitorLink.count()) ? await monitorLink.getAttribute('href') : null;
  check(monitorHash, 'the default monitor is listed (serve imports it on first start)');
  const pages = [
    ['scenarios', '#/scenarios', 'scenarios.heading'],
    ['scenario', `#/scenarios/${scenarioName}`, 'scenario.heading', {name: scenarioName}],
    ['run', '#/run', 'run.heading'],
    ['jobs', '#/jobs', 'jobs.heading'],
    ['job', `#/jobs/${jobId}`, 'job.heading', {id: jobId}],
    ['compare', `#/compare?a=${jobId}&b=${jobId}`, 'compare.heading'],
    ['users', '#/users', 'users.heading'],
    ['monitors', '#/monitors', 'monitors.heading'],
    ['monitor', monitorHash, 'monitor.heading', {name: decodeURIComponent(monitorHash.split('/').pop())}],
  ];
  for (const [lang, cat] of Object.entries(catalogs)) {
    const msg = (key, params = {}) => cat[key].replace(/\{(\w+)\}/g, (m, n) => (n in params ? String(params[n]) : m));
    // The English wording of every message this language words differently.
    const english = new Set(Object.entries(catalogs.en)
        .filter(([k, v]) => cat[k] !== v && /\p{L}{2}/u.test(v) && !v.includes('{')).map(([, v]) => v));
    await page.locator('#lang-select').selectOption(lang);
    await page.waitForFunction((tag) => document.documentElement.lang === tag, kLocales[lang]);
    for (const [name, hash, heading, params] of pages) {
      step = `tour ${lang} ${hash}`;
      const problemsBefore = problems.length;
      await page.goto(base + '/' + hash);
      await page.waitForFunction(() => {
        const p = document.querySelector('main > *');
        return p && p.loaded && !document.querySelector('main .loading');
      });
      const seen = await page.evaluate(shownText);
      check(seen.h1 === msg(heading, params), `the heading is ${JSON.stringify(seen.h1)}, expected ${JSON.stringify(msg(heading, params))}`);
      const nav = kNavKeys.map((k) => msg(k));
      check(JSON.stringify(seen.nav) === JSON.stringify(nav), `the navigation reads ${seen.nav.join(' | ')}, expected ${nav.join(' | ')}`);
      const raw = seen.texts.flatMap((t) => t.match(/[a-z][a-z_]*(?:\.[a-z0-9_]+)+/g) || [])
          .filter((w) => keys.has(w) || kRawKey.test(w));
      check(!raw.length, `a message key shown raw: ${raw.join(', ')}`);
      const untranslated = seen.texts.filter((t) => english.has(t));
      check(!untranslated.length, `left in English: ${untranslated.map((t) => JSON.stringify(t)).join(', ')}`);
      const alerts = await page.locator('main .alert').allTextContents();
      check(!alerts.length, `an error box: ${alerts.join('; ')}`);
      const unlabelled = await page.evaluate(unlabelledControls);
      check(!unlabelled.length, `controls without a label: ${unlabelled.join(', ')}`);
      if (lang === 'en') {
        const low = await page.evaluate(lowContrastText);
        check(!low.length, `text below WCAG AA contrast: ${low.join('; ')}`);
      }
      await snap(page, `${lang}-${name}`);
      check(problems.length === problemsBefore, `console:\n  ${problems.slice(problemsBefore).join('\n  ')}`);
    }
  }
  await page.locator('#lang-select').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en-GB');
}

// A fresh profile (--user-data-dir, which playwright takes as launchPersistentContext's
// first argument), removed at the end.
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: {width: 1280, height: 900},
  locale: 'en-GB',
});
context.setDefaultTimeout(kTimeout);
await context.addInitScript(reportCspViolations);
let page;
let failed = false;
try {
  page = await context.newPage();
  watch(page);

  step = 'login';
  await page.goto(base + '/');
  await page.waitForSelector('#login-username');
  check(await page.locator('html').getAttribute('lang') === 'en-GB', 'the page starts in English');
  await snap(page, 'login');
  if (setupToken) {
    await page.locator('details.setup summary').click();
    await page.getByLabel('Setup token').fill(setupToken);
    await page.locator('#setup-username').fill(adminUser);
    await page.locator('#setup-password').fill(adminPassword);
    await page.locator('#setup-submit').click();
  } else {
    await page.getByLabel('User name').first().fill(adminUser);
    await page.getByLabel('Password').first().fill(adminPassword);
    await page.getByRole('button', {name: 'Sign in'}).click();
  }
  await page.waitForSelector('page-scenarios h1');
  check((await page.locator('#whoami').textContent()).includes(adminUser), 'the header names the user');

  step = 'upload-invalid';
  fs.writeFileSync(nodesPath, badNodes);
  await page.locator('#upload-folder').setInputFiles(folder);
  check(await page.locator('#upload-name').inputValue() === scenarioName, 'the folder name fills the scenario name');
  await page.locator('#upload-submit').click();
  const problemsTable = page.locator('table.problems');
  await problemsTable.waitFor();
  const where = await problemsTable.locator('tbody tr td:first-child').allTextContents();
  check(where.some((w) => w.startsWith(`nodes.csv:${badLine}`)), `an error at nodes.csv:${badLine}, got ${JSON.stringify(where)}`);
  await snap(page, 'upload-invalid');

  step = 'upload-fixed';
  fs.writeFileSync(nodesPath, fixedNodes);
  await page.locator('#upload-folder').setInputFiles(folder);
  await page.locator('#upload-submit').click();
  await page.locator('#upload-result .success').waitFor();
  check(await page.locator('#scenario-list').getByRole('link', {name: scenarioName}).count() === 1, 'the scenario is listed');
  await snap(page, 'upload-fixed');

  step = 'scenario-page';
  await page.locator('#upload-result a').click();
  await page.waitForSelector('#sites-table');
  await page.waitForSelector('c-scenario-map svg[data-elements]');
  const sitesText = await page.locator('#sites-table').textContent();
  check(sitesText.includes(markup), 'a name with markup shows as text');
  check(await page.evaluate(() => window.__pwned === undefined), 'markup in a name did not run');
  check(await page.locator('#sites-table img').count() === 0, 'no element was made from a name');
  await snap(page, 'scenario');

  step = 'run-plan';
  await page.getByRole('link', {name: 'Run this version'}).click();
  await page.waitForSelector('#run-form');
  await page.getByLabel('Plan', {exact: true}).check();
  // The three best plans; the minimal scenario has two (corridor plan --alternatives 3).
  await page.locator('#run-alternatives').fill('3');
  await page.locator('#run-submit').click();
  await page.waitForSelector('page-job [role=progressbar]');
  const seen = [];
  let midShot = false;
  const bar = page.locator('page-job [role=progressbar]');
  for (;;) {
    const now = Number(await bar.getAttribute('aria-valuenow'));
    if (!seen.length || seen[seen.length - 1] !== now) seen.push(now);
    if (now >= 100) break;
    if (!midShot && now > 0) {
      midShot = true;
      await snap(page, 'run-progress');
    }
    await page.waitForTimeout(100);
  }
  check(seen.every((v, i) => i === 0 || v >= seen[i - 1]), `progress never goes back: ${seen.join(', ')}`);
  check(seen[seen.length - 1] === 100, 'progress reaches 100 %');
  await page.locator('#files-table').waitFor();
  check((await page.locator('#job-state').textContent()).trim() === 'succeeded', 'the job succeeded');
  console.log(`dashboard_test: progress seen ${seen.join(' → ')} %`);
  const jobId = page.url().split('#/jobs/')[1];
  const plan = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/jobs/${encodeURIComponent(id)}/files/plan.json`, {credentials: 'same-origin'});
    return res.json();
  }, jobId);
  const ranks = (plan.alternatives || []).map((a) => a.rank).join(',');
  check(ranks === '2,3', `the form's alternatives reach the plan: ranks ${ranks}`);
  await snap(page, 'run-done');

  step = 'report';
  const frame = page.locator('#report-frame');
  check(await frame.getAttribute('sandbox') === 'allow-scripts', 'the report frame is sandboxed without same-origin');
  const [tab] = await Promise.all([context.waitForEvent('page'), page.locator('#open-report').click()]);
  await tab.waitForLoadState('load');
  const response = await tab.evaluate(() => document.contentType);
  check(response === 'text/html', `the report opens as HTML, got ${response}`);
  check((await tab.locator('body').textContent()).trim().length > 0, 'the report has content');
  await tab.screenshot({path: path.join(out, `${String(++shot).padStart(2, '0')}-report.png`), fullPage: true});
  await tab.close();

  step = 'kazakh';
  await page.goto(base + '/#/scenarios');
  await page.waitForSelector('#scenario-list');
  await page.getByLabel('Language').selectOption('kk');
  await page.waitForFunction(() => document.documentElement.lang === 'kk-KZ');
  check(await page.locator('nav').getByRole('link', {name: 'Сценарийлер'}).count() === 1, 'nav in Kazakh');
  check((await page.locator('h1').textContent()).trim() === 'Сценарийлер', 'heading in Kazakh');
  check(await page.getByRole('button', {name: 'Жүктеу және тексеру'}).count() === 1, 'upload button in Kazakh');
  check(await page.locator('label[for=lang-select]').textContent() === 'Тіл', 'language label in Kazakh');
  // A Kazakh date: with the engine's Kazakh data ("1 жел. 2026 ж.") or, without it, the
  // numeric form used in Kazakhstan (01.12.2026), never ICU's root fallback ("2026 M12 1").
  const kkDate = await page.locator('#scenario-list tbody tr td').nth(4).textContent();
  check(/\d{2}\.\d{2}\.\d{4}|ж\./.test(kkDate) && !/M\d/.test(kkDate), `a date in Kazakh form, got ${kkDate}`);
  await snap(page, 'kazakh');
  // Remembered for the user: a fresh load (same session) comes back in Kazakh.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('#scenario-list');
  check(await page.locator('html').getAttribute('lang') === 'kk-KZ', 'the language is remembered for the user');

  step = 'chinese';
  await page.locator('#lang-select').selectOption('zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  check((await page.locator('h1').textContent()).trim() === '情景', 'heading in Chinese');
  check(await page.locator('nav').getByRole('link', {name: '任务'}).count() === 1, 'nav in Chinese');
  check(await page.locator('#scenario-list th').first().textContent() === '名称', 'table header in Chinese');
  // Dates per locale: a zh-CN medium date reads "2026年12月1日".
  const created = await page.locator('#scenario-list tbody tr td').nth(4).textContent();
  check(/\d{4}年\d{1,2}月\d{1,2}日/.test(created), `a date in Chinese form, got ${created}`);
  await page.goto(base + `/#/scenarios/${scenarioName}`);
  await page.waitForSelector('#crossings-table');
  check((await page.locator('#sec-crossings').textContent()) === '边境口岸', 'scenario page in Chinese');
  await snap(page, 'chinese');
  await page.locator('#lang-select').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en-GB');

  step = 'tour';
  await tour(page, jobId);

  step = 'keyboard-login';
  // A signed-out browser: no session cookie, nothing remembered.
  await page.evaluate(() => localStorage.clear());
  await context.clearCookies();
  const kp = await context.newPage();
  watch(kp);
  await kp.goto(base + '/');
  await kp.waitForSelector('#login-username');
  await kp.keyboard.press('Tab');
  check(await kp.evaluate(() => document.activeElement.classList.contains('skip-link')), 'the first Tab reaches the skip link');
  const outline = await kp.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(outline !== 'none', 'focus is visible');
  let hops = 0;
  while (!(await kp.evaluate(() => document.activeElement.id === 'login-username'))) {
    check(++hops < 12, 'Tab reaches the user name field');
    await kp.keyboard.press('Tab');
  }
  await kp.keyboard.type(adminUser);
  await kp.keyboard.press('Tab');
  check(await kp.evaluate(() => document.activeElement.id === 'login-password'), 'Tab moves to the password');
  await kp.keyboard.type(adminPassword);
  await kp.keyboard.press('Enter');
  await kp.waitForSelector('page-scenarios h1');
  // The skip link moves focus past the header to the page.
  await kp.reload();
  await kp.waitForSelector('page-scenarios h1');
  await kp.keyboard.press('Tab');
  check(await kp.evaluate(() => document.activeElement.classList.contains('skip-link')), 'the skip link comes first');
  await kp.keyboard.press('Enter');
  check(await kp.evaluate(() => document.activeElement.id === 'main'), 'the skip link focuses the main content');
  await kp.screenshot({path: path.join(out, `${String(++shot).padStart(2, '0')}-keyboard-login.png`), fullPage: true});
  await kp.close();

  step = 'console';
  check(problems.length === 0, `no page errors or CSP violations:\n  ${problems.join('\n  ')}`);
  console.log(`dashboard_test: ok; ${shot} screenshots in ${out}`);
} catch (e) {
  failed = true;
  console.error(`dashboard_test: FAIL: ${e.message}`);
  if (problems.length) console.error(`  also: ${problems.join('\n  ')}`);
  if (page) await page.screenshot({path: path.join(out, `FAILED-${step}.png`), fullPage: true}).catch(() => {});
} finally {
  await context.close();
  fs.rmSync(work, {recursive: true, force: true});
  fs.rmSync(profile, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
