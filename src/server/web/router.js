// A tiny router on location.hash: "#/scenarios/NAME?v=2" → {page, params, query}.
const routes = [];

/** Registers a pattern such as "/scenarios/:name" for a page (a custom element's tag). */
export function route(pattern, tag, options = {}) {
  const keys = [];
  const source = pattern.replace(/:(\w+)/g, (m, key) => { keys.push(key); return '([^/]+)'; });
  routes.push({regex: new RegExp(`^${source}$`), keys, tag, ...options});
}

/** The route of the current hash, or null. */
export function match(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  for (const r of routes) {
    const m = r.regex.exec(path);
    if (!m) continue;
    const params = {};
    r.keys.forEach((k, i) => { params[k] = decodeURIComponent(m[i + 1]); });
    return {...r, path, params, query: new URLSearchParams(search)};
  }
  return null;
}

/** A hash link for a path and its query (values escaped). */
export function href(path, query) {
  const q = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';
  return '#' + path + (q ? '?' + q : '');
}

export function go(path, query) { location.hash = href(path, query).slice(1); }
