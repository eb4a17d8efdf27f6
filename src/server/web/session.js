// The signed-in user ({id, username, display_name, roles[], lang}) or null.
import {get, post, put, setCsrf} from './api.js';
import {currentLang, setLang} from './i18n.js';

let user = null;
const listeners = new Set();

export const currentUser = () => user;
export const hasRole = (role) => Boolean(user && user.roles && user.roles.includes(role));
export function onSessionChange(fn) { listeners.add(fn); }
function changed() { for (const fn of [...listeners]) fn(user); }

/** Asks the server who we are (GET /me); null when not signed in. */
export async function refresh() {
  try {
    const me = await get('/me', {quiet401: true});
    setCsrf(me.csrf_token);
    user = me.user;
  } catch (e) {
    if (e.status !== 401) throw e;
    user = null;
    setCsrf('');
  }
  changed();
  return user;
}

/** Signs in; the user's remembered language wins over the one chosen before login. */
export async function login(username, password) {
  const res = await post('/login', {username, password}, {quiet401: true});
  setCsrf(res.csrf_token);
  user = res.user;
  if (user && user.lang && user.lang !== currentLang()) await setLang(user.lang);
  changed();
  return user;
}

export async function logout() {
  try {
    await post('/logout');
  } finally {
    user = null;
    setCsrf('');
    changed();
  }
}

/** Switches the language and, when signed in, remembers it for the user (PUT /me/lang). */
export async function chooseLang(code) {
  await setLang(code);
  if (user) {
    await put('/me/lang', {lang: code});
    user = {...user, lang: code};
  }
}

/** Marks the session gone (a 401 from any call). */
export function forget() {
  user = null;
  setCsrf('');
  changed();
}
