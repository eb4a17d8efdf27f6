// #/login: sign in, or create the first administrator with the one-time setup token.
import {post} from '../api.js';
import {field, h} from '../dom.js';
import {t} from '../i18n.js';
import {Page, alertBox} from '../page.js';
import {login} from '../session.js';

class LoginPage extends Page {
  render() {
    const user = h('input', {id: 'login-username', name: 'username', autocomplete: 'username', required: true});
    const pass = h('input', {id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password',
                             required: true});
    const form = h('form', {class: 'card narrow', 'aria-labelledby': 'login-title', on: {submit: (e) => {
      e.preventDefault();
      this.signIn(user.value, pass.value);
    }}},
                   h('h2', {id: 'login-title'}, t('login.title')),
                   field(t('login.username'), user), field(t('login.password'), pass),
                   h('button', {type: 'submit', id: 'login-submit', class: 'primary'}, t('login.submit')));
    return [this.heading(t('login.heading')), alertBox(this.error), form, this.setupForm()];
  }

  setupForm() {
    const token = h('input', {id: 'setup-token', autocomplete: 'one-time-code', required: true});
    const user = h('input', {id: 'setup-username', autocomplete: 'username', required: true});
    const pass = h('input', {id: 'setup-password', type: 'password', autocomplete: 'new-password', required: true,
                             minlength: '12', maxlength: '128'});
    const form = h('form', {on: {submit: async (e) => {
      e.preventDefault();
      this.error = null;
      try {
        await post('/setup', {token: token.value.trim(), username: user.value, password: pass.value});
        await this.signIn(user.value, pass.value);
      } catch (err) {
        this.error = err;
        this.paint();
      }
    }}},
                   h('p', {}, t('setup.explain')), field(t('setup.token'), token),
                   field(t('login.username'), user), field(t('login.password'), pass, t('setup.password_hint')),
                   h('button', {type: 'submit', id: 'setup-submit'}, t('setup.submit')));
    return h('details', {class: 'card narrow setup'}, h('summary', {}, t('setup.title')), form);
  }

  async signIn(username, password) {
    try {
      await login(username, password);
      const next = this.query.get('next');
      location.hash = next && next.startsWith('/') && !next.startsWith('/login') ? next : '/scenarios';
    } catch (e) {
      this.error = e.status === 401 ? {status: 401, code: 'bad_credentials'} : e;
      this.paint();
      document.getElementById('login-username')?.focus();
    }
  }
}
customElements.define('page-login', LoginPage);
