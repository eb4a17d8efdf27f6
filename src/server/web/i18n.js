// Message catalogs (i18n/<lang>.json, one per language, the same keys as en.json),
// locale-aware numbers and dates, and names in the chosen language.
export const kLangs = ['en', 'ru', 'kk', 'zh'];
// BCP 47 tags for the lang attribute and Intl; Kazakh in Cyrillic, Simplified Chinese.
const kLocale = {en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ', zh: 'zh-CN'};
const kStorage = 'corridor.lang';

let lang = 'en';
let catalog = {};
let english = {};
const cache = new Map();
const listeners = new Set();

async function loadCatalog(code) {
  if (!cache.has(code)) {
    const res = await fetch(`/assets/i18n/${code}.json`, {credentials: 'same-origin'});
    if (!res.ok) throw new Error(`catalog ${code}: HTTP ${res.status}`);
    cache.set(code, await res.json());
  }
  return cache.get(code);
}

/** The language stored in this browser (before login), else the browser's, else en. */
export function initialLang() {
  const stored = localStorage.getItem(kStorage);
  if (kLangs.includes(stored)) return stored;
  for (const l of navigator.languages || []) {
    const base = l.toLowerCase().split('-')[0];
    if (kLangs.includes(base)) return base;
  }
  return 'en';
}

/** Switches the UI language: loads its catalog, sets <html lang>, tells listeners. */
export async function setLang(code) {
  if (!kLangs.includes(code)) code = 'en';
  english = await loadCatalog('en');
  catalog = await loadCatalog(code);
  lang = code;
  localStorage.setItem(kStorage, code);
  document.documentElement.lang = kLocale[code];
  applyStatic(document);
  for (const fn of [...listeners]) fn(code);  // a copy: a listener may add another
}

export const currentLang = () => lang;
export const locale = () => kLocale[lang];

// Some engines (Chromium's reduced ICU) have no Kazakh data, and Intl falls back to the
// root locale ("2026 M12 1", "1,234.5"). Kazakhstan writes numbers as Russian does
// (1 234,5) and dates as 01.12.2026: use those forms when the engine lacks kk.
const kHasKazakh = Intl.DateTimeFormat.supportedLocalesOf(['kk']).length > 0 &&
    !/M\d/.test(new Intl.DateTimeFormat('kk-KZ', {dateStyle: 'medium'}).format(new Date(0)));
const numberLocale = () => (lang === 'kk' && !kHasKazakh ? 'ru-RU' : kLocale[lang]);
function dateFormat(options) {
  if (lang === 'kk' && !kHasKazakh) {
    const numeric = {year: 'numeric', month: '2-digit', day: '2-digit'};
    if (options.timeStyle) Object.assign(numeric, {hour: '2-digit', minute: '2-digit'});
    if (options.timeZone) numeric.timeZone = options.timeZone;
    return new Intl.DateTimeFormat('ru-RU', numeric);
  }
  return new Intl.DateTimeFormat(kLocale[lang], options);
}
export function onLangChange(fn) { listeners.add(fn); }

/** The message for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = catalog[key] ?? english[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fills elements marked data-i18n (text) and data-i18n-label (aria-label). */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

/** A number in the UI's locale with `digits` decimals. */
export function fmtNum(value, digits = 0) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '—';
  return new Intl.NumberFormat(numberLocale(), {minimumFractionDigits: digits, maximumFractionDigits: digits})
      .format(Number(value));
}

/** A fraction (0..1) as a percentage in the UI's locale. */
export function fmtPct(fraction) {
  return new Intl.NumberFormat(numberLocale(), {style: 'percent', maximumFractionDigits: 0}).format(fraction || 0);
}

/** An ISO-8601 time (UTC) as a local date and time in the UI's locale. */
export function fmtDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return dateFormat({dateStyle: 'medium', timeStyle: 'short'}).format(d);
}

/** An ISO date (yyyy-mm-dd) in the UI's locale. */
export function fmtDay(iso) {
  if (!iso) return '—';
  const d = new Date(iso + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return String(iso);
  return dateFormat({dateStyle: 'medium', timeZone: 'UTC'}).format(d);
}

/** An object's name in the UI's language: name_<lang> when given, else name. */
export function localName(obj, field = 'name') {
  if (!obj) return '';
  return (lang !== 'en' && obj[`${field}_${lang}`]) || obj[field] || obj.id || '';
}
