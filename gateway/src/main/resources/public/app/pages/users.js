// Users (admins change them; auditors read): create, disable and enable, roles and jurisdiction.
import { get, post, put } from '../api.js';
import { fill, add, h, table, message, errorText, field, select, ROLE_NAMES } from '../ui.js';

const ROLES = ['ADMIN', 'DOJ_OFFICER', 'JURISDICTION_OFFICIAL', 'LEGAL_OFFICER', 'AUDITOR'];
const BOUND = ['JURISDICTION_OFFICIAL', 'LEGAL_OFFICER'];

export default async function (main, { role }) {
  const admin = role === 'ADMIN';
  const status = h('div', { id: 'users-status', 'aria-live': 'polite' });
  const list = h('div');
  add(main, h('h1', {}, 'Users'), status);
  if (admin) add(main, createForm(status, () => load()));
  add(main, list);

  async function load() {
    const items = [];
    for (let page = 0; page < 20; page++) {
      const p = await get(`/api/users?size=100&page=${page}`);
      items.push(...p.items);
      if (items.length >= p.total || !p.items.length) break;
    }
    items.sort((a, b) => a.username.localeCompare(b.username));
    fill(list, table('Users', ['Username', 'Name', 'Roles', 'Jurisdiction', 'Status', ...(admin ? ['Change'] : [])],
      items.map(u => h('tr', { id: 'user-' + u.username, dataset: { username: u.username } },
        h('td', {}, u.username), h('td', {}, u.displayName, u.email ? h('br') : null, u.email || ''),
        h('td', {}, u.roles.map(r => ROLE_NAMES[r] || r).join(', ')),
        h('td', {}, u.jurisdictionId || '—'),
        h('td', {}, u.enabled ? (u.lockedUntil && new Date(u.lockedUntil) > new Date() ? 'Locked' : 'Active') : 'Disabled'),
        admin ? h('td', {}, actions(u)) : null)), { id: 'users' }));
  }

  function actions(u) {
    const toggle = h('button', { type: 'button', class: u.enabled ? 'danger' : 'secondary', onclick: async () => {
      try {
        await post(`/api/users/${u.id}/${u.enabled ? 'disable' : 'enable'}`);
        fill(status, message('ok', `${u.username} is ${u.enabled ? 'disabled: they can no longer sign in' : 'enabled again'}.`));
        await load();
      } catch (e) { fill(status, message('error', errorText(e))); }
    } }, u.enabled ? 'Disable' : 'Enable', h('span', { class: 'sr-only' }, ' ' + u.username));
    const roleSelect = select('role', ROLES.map(r => [r, ROLE_NAMES[r]]), u.roles[0], { 'aria-label': 'Role of ' + u.username });
    const jur = h('input', { value: u.jurisdictionId || '', 'aria-label': 'Jurisdiction id of ' + u.username, placeholder: 'Jurisdiction id' });
    const save = h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        await put(`/api/users/${u.id}/roles`, { roles: [roleSelect.value], jurisdictionId: BOUND.includes(roleSelect.value) ? (jur.value.trim() || null) : null });
        fill(status, message('ok', `${u.username}'s role is saved; their sessions have ended.`));
        await load();
      } catch (e) { fill(status, message('error', errorText(e))); }
    } }, 'Save role', h('span', { class: 'sr-only' }, ' of ' + u.username));
    return h('div', { class: 'actions' }, toggle, roleSelect, jur, save);
  }
  await load();
}

function createForm(status, onCreated) {
  const username = h('input', { id: 'new-username', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._-]{2,63}' });
  const name = h('input', { id: 'new-name', required: true });
  const email = h('input', { id: 'new-email', type: 'email' });
  const password = h('input', { id: 'new-password', type: 'password', required: true, minlength: '12', maxlength: '72', autocomplete: 'new-password' });
  const roleSelect = select('role', ROLES.map(r => [r, ROLE_NAMES[r]]), 'JURISDICTION_OFFICIAL', { id: 'new-role' });
  const jur = h('input', { id: 'new-jurisdiction' });
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post('/api/users', { username: username.value.trim(), displayName: name.value.trim(), email: email.value.trim() || null,
        password: password.value, roles: [roleSelect.value], jurisdictionId: BOUND.includes(roleSelect.value) ? (jur.value.trim() || null) : null });
      fill(status, message('ok', `${username.value.trim()} can now sign in.`));
      form.reset();
      await onCreated();
    } catch (err) { fill(status, message('error', 'The user was not created. ' + errorText(err))); }
  } },
  h('h2', {}, 'Create a user'),
  h('div', { class: 'filters' }, field('Username', username, 'Lower-case letters, digits, dots, dashes'), field('Full name', name),
    field('Email', email), field('Password', password, '12 to 72 characters'), field('Role', roleSelect),
    field('Jurisdiction id', jur, 'Officials and legal officers only')),
  h('button', { type: 'submit', id: 'create-user' }, 'Create user'));
  return form;
}
