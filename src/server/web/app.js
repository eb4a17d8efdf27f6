// The dashboard's entry point: language, session, navigation, and the router that
// puts one page element into <main>.
import {onUnauthorised} from './api.js';
import {h, replace} from './dom.js';
import {applyStatic, currentLang, initialLang, onLangChange, setLang, t} from './i18n.js';
import {alertBox} from './page.js';
import {match, route} from './router.js';
import {chooseLang, currentUser, forget, hasRole, logout, onSessionChange, refresh} from './session.js';
import './components.js';
import './pages/login.js';
import './pages/scenarios.js';
import './pages/scenario.js';
import './pages/run.js';
import './pages/jobs.js';
import './pages/job.js';
import './pages/compare.js';
import './pages/users.js';
import './pages/monitors.js';
import './pages/monitor.js';

route('/login', 'page-login', {public: true});
route('/scenarios', 'page-scenarios');
route('/scenarios/:name', 'page-scenario');
route('/run', 'page-run', {role: 'planner'});
route('/jobs', 'page-jobs', {role: 'planner'});
route('/jobs/:id', 'page-job');
route('/compare', 'page-compare', {role: 'planner'});
route('/users', 'page-users', {role: 'admin'});
route('/monitors', 'page-monitors');
route('/monitors/:name', 'page-monitor');

const kNav = [
  {path: '/scenarios', key: 'nav.scenarios'},
  {path: '/run', key: 'nav.run', role: 'planner'},
  {path: '/jobs', key: 'nav.jobs', role: 'planner'},
  {path: '/compare', key: 'nav.compare', role: 'planner'},
  {path: '/monitors', key: 'nav.monitors'},
  {path: '/users', key: 'nav.users', role: 'admin'},
];

const main = document.getElementById('main');
let current = null;
// True until the first page is shown, and across a redirect: those are not navigations
// the user made, so focus stays at the top (Tab reaches the skip link first).
let quiet = true;

function paintNav() {
  const user = currentUser();
  const here = (location.hash.replace(/^#/, '').split('?')[0]) || '/';
  const items = user ? kNav.filter((n) => !n.role || hasRole(n.role)) : [];
  replace(document.getElementById('nav'), h('ul', {}, items.map((n) => h('li', {},
      h('a', {href: '#' + n.path, 'aria-current': here === n.path || here.startsWith(n.path + '/') ? 'page' : false},
        t(n.key))))));
  const who = document.getElementById('whoami');
  who.textContent = user ? t('app.signed_in_as', {name: user.display_name || user.username}) : '';
  document.getElementById('logout').hidden = !user;
}

function show(event) {
  const user = currentUser();
  const r = match();
  if (!r || (!r.public && !user)) {
    quiet = true;
    location.replace(!r ? (user ? '#/scenarios' : '#/login') : '#/login?next=' + encodeURIComponent(location.hash.slice(1)));
    return;
  }
  const focus = Boolean(event) && !quiet;
  quiet = false;
  paintNav();
  if (r.role && !hasRole(r.role)) {
    current = null;
    replace(main, h('h1', {tabindex: '-1'}, t('error.forbidden_title')), alertBox({status: 403}));
    if (focus) main.querySelector('h1').focus();
    return;
  }
  const page = document.createElement(r.tag);
  page.params = r.params;
  page.query = r.query;
  current = page;
  replace(main, page);
  // After a navigation (not the first load, where Tab must reach the skip link first),
  // focus the new page's heading once it is drawn, so screen readers announce it.
  page.focusHeading = focus;
}

async function start() {
  await setLang(initialLang());
  const select = document.getElementById('lang-select');
  onLangChange((code) => {
    select.value = code;
    paintNav();
    // Pages whose data the server words per language (the monitor's status) fetch it again.
    if (current && current.loaded) current.reloadOnLang ? current.reload() : current.paint();
  });
  select.value = currentLang();
  select.addEventListener('change', async () => {
    try {
      await chooseLang(select.value);
    } catch (e) {
      replace(document.getElementById('status'), alertBox(e));
    }
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await logout().catch(() => {});
    location.hash = '#/login';
  });
  onUnauthorised(() => {
    if (currentUser()) {
      forget();
      location.hash = '#/login';
    }
  });
  onSessionChange(paintNav);
  try {
    await refresh();
  } catch (e) {
    replace(main, alertBox(e));
  }
  const user = currentUser();
  if (user && user.lang && user.lang !== currentLang()) await setLang(user.lang);
  applyStatic(document);
  window.addEventListener('hashchange', show);
  show();
}

start();
