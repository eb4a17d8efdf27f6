// The JSON API of corridor serve (docs/serve.md): same-origin fetch with the session
// cookie, the CSRF header on unsafe methods, errors turned into ApiError.
export const kBase = '/api/v1';

let csrfToken = '';
/** The session's CSRF token, from POST /login or GET /me. */
export function setCsrf(token) { csrfToken = token || ''; }

/** An error the server answered ({"error":{code,message,details}}) or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
    this.details = details;
  }
}

const kUnsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const listeners = new Set();
/** Called with every ApiError of status 401 (the session is gone). */
export function onUnauthorised(fn) { listeners.add(fn); }

/**
 * Calls the API. body: a plain object (sent as JSON), a Blob/File (sent as is, with
 * contentType or its own type) or undefined. Returns the parsed JSON (or null).
 */
export async function api(method, path, body, {contentType, quiet401} = {}) {
  const headers = {Accept: 'application/json'};
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (kUnsafe.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(kBase + path, {method, headers, body: payload, credentials: 'same-origin'});
  } catch (e) {
    throw new ApiError(0, 'network', String(e && e.message ? e.message : e));
  }
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code, err.message, err.details);
    e.retryAfter = res.headers.get('Retry-After');
    if (res.status === 401 && !quiet401) for (const fn of [...listeners]) fn(e);
    throw e;
  }
  return data;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body === undefined ? {} : body, opts);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

/** A path segment, escaped. */
export const seg = (s) => encodeURIComponent(String(s));
