// #/users (admin): add a user, set roles, disable, revoke every session.
import {del, get, patch, post} from '../api.js';
import {field, h, table} from '../dom.js';
import {fmtDate, t} from '../i18n.js';
import {Page, alertBox} from '../page.js';

const kRoles = ['viewer', 'planner', 'editor', 'verifier', 'admin'];

class UsersPage extends Page {
  async load() {
    const res = await get('/users');
    this.users = Array.isArray(res) ? res : (res && res.users) || [];
  }

  render() {
    const rows = this.users.map((u) => {
      const boxes = kRoles.map((r) => h('label', {class: 'inline'},
        h('input', {type: 'checkbox', value: r, checked: (u.roles || []).includes(r), 'aria-label': t('users.role_for', {role: t(`role.${r}`), user: u.username})}),
        ' ', t(`role.${r}`)));
      const roleCell = h('fieldset', {class: 'roles'}, h('legend', {class: 'visually-hidden'}, t('users.roles_of', {user: u.username})),
                         boxes, h('button', {type: 'button', on: {click: () => this.act(() => patch(`/users/${u.id}`, {
                           roles: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value)}))}},
                                  t('users.save_roles')));
      return [u.username, u.display_name || '', roleCell, u.disabled ? t('users.disabled') : t('users.active'),
              fmtDate(u.created_at),
              h('span', {class: 'actions'},
                h('button', {type: 'button', on: {click: () => this.act(() => patch(`/users/${u.id}`, {disabled: !u.disabled}))}},
                  u.disabled ? t('users.enable', {user: u.username}) : t('users.disable', {user: u.username})),
                h('button', {type: 'button', on: {click: () => this.act(() => del(`/users/${u.id}/sessions`), t('users.revoked'))}},
                  t('users.revoke', {user: u.username})))];
    });
    return [this.heading(t('users.heading')), alertBox(this.error),
            this.notice ? h('p', {class: 'success', role: 'status'}, this.notice) : null,
            table(t('users.caption'), [t('login.username'), t('users.display_name'), t('users.roles'), t('users.state'),
                                      t('jobs.col.created'), t('common.actions')], rows, {id: 'users-table'}),
            this.addForm()];
  }

  addForm() {
    const username = h('input', {id: 'new-username', required: true, autocomplete: 'off'});
    const display = h('input', {id: 'new-display', autocomplete: 'off'});
    const password = h('input', {id: 'new-password', type: 'password', required: true, minlength: '12', maxlength: '128',
                                 autocomplete: 'new-password'});
    const roles = h('fieldset', {class: 'choices'}, h('legend', {}, t('users.roles')),
                    kRoles.map((r) => h('label', {}, h('input', {type: 'checkbox', name: 'new-role', value: r, checked: r === 'viewer'}),
                                        ' ', t(`role.${r}`))));
    return h('form', {class: 'card', id: 'add-user', on: {submit: (e) => {
      e.preventDefault();
      const chosen = Array.from(roles.querySelectorAll('input:checked')).map((i) => i.value);
      this.act(() => post('/users', {username: username.value, password: password.value, display_name: display.value,
                                     roles: chosen}), t('users.added', {user: username.value}));
    }}}, h('h2', {}, t('users.add')), field(t('login.username'), username), field(t('users.display_name'), display),
             field(t('login.password'), password, t('setup.password_hint')), roles,
             h('button', {type: 'submit', class: 'primary'}, t('users.add_submit')));
  }

  async act(fn, notice) {
    this.notice = null;
    try {
      await fn();
      this.notice = notice || t('common.saved');
      await this.reload();
      return;
    } catch (e) {
      this.error = e;
    }
    this.paint();
  }
}
customElements.define('page-users', UsersPage);
