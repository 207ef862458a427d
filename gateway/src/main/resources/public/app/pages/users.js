// Users. Admins change anyone (and reset a lost second factor); auditors read; an agency administrator manages their own
// jurisdiction's users: invite, change role among the jurisdiction roles, disable and enable.
import { get, post, put } from '../api.js';
import { fill, add, h, table, message, errorText, field, select, ROLE_NAMES, jurisdiction } from '../ui.js';

const ROLES = ['ADMIN', 'DOJ_OFFICER', 'JURISDICTION_OFFICIAL', 'LEGAL_OFFICER', 'AGENCY_ADMIN', 'AUDITOR'];
const BOUND = ['JURISDICTION_OFFICIAL', 'LEGAL_OFFICER', 'AGENCY_ADMIN'];

export default async function (main, { role, session }) {
  const admin = role === 'ADMIN';
  const agency = !admin && session.roles.includes('AGENCY_ADMIN');
  const manages = admin || agency;
  const roles = agency ? BOUND : ROLES;
  const status = h('div', { id: 'users-status', 'aria-live': 'polite' });
  const warning = h('div', { id: 'agency-admin-warning' });
  const list = h('div');
  const invited = h('div');
  add(main, h('h1', {}, agency ? 'Users of your jurisdiction' : 'Users'), warning, status);
  if (admin) add(main, createForm(status, () => load()));
  if (manages) add(main, inviteForm(status, agency, () => load()));
  add(main, list, invited);

  async function load() {
    const items = [];
    for (let page = 0; page < 20; page++) {
      const p = await get(`/api/users?size=100&page=${page}`);
      items.push(...p.items);
      if (items.length >= p.total || !p.items.length) break;
    }
    items.sort((a, b) => a.username.localeCompare(b.username));
    if (agency) await warn(items);
    fill(list, table('Users', ['Username', 'Name', 'Roles', 'Jurisdiction', 'Status', ...(manages ? ['Change'] : [])],
      items.map(u => h('tr', { id: 'user-' + u.username, dataset: { username: u.username } },
        h('td', {}, u.username), h('td', {}, u.displayName, u.email ? h('br') : null, u.email || ''),
        h('td', {}, u.roles.map(r => ROLE_NAMES[r] || r).join(', ')),
        h('td', {}, u.jurisdictionId || '—'),
        h('td', {}, u.enabled ? (u.lockedUntil && new Date(u.lockedUntil) > new Date() ? 'Locked' : 'Active') : 'Disabled'),
        manages ? h('td', {}, actions(u)) : null)), { id: 'users' }));
    if (manages) {
      const pending = (await get('/api/invitations')).filter(i => i.status === 'PENDING');
      fill(invited, pending.length ? table('Invitations not yet accepted', ['Username', 'Email', 'Roles', 'Expires', ''],
        pending.map(i => h('tr', { id: 'invitation-' + i.username },
          h('td', {}, i.username), h('td', {}, i.email), h('td', {}, i.roles.map(r => ROLE_NAMES[r] || r).join(', ')),
          h('td', {}, new Date(i.expiresAt).toLocaleString()),
          h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: async () => {
            try {
              await post(`/api/invitations/${i.id}/revoke`);
              fill(status, message('ok', `The invitation for ${i.username} is withdrawn; its link no longer works.`));
              await load();
            } catch (e) { fill(status, message('error', errorText(e))); }
          } }, 'Withdraw', h('span', { class: 'sr-only' }, ' the invitation for ' + i.username))))), { id: 'invitations' }) : null);
    }
  }

  // No single point of failure: a jurisdiction needs two active agency administrators.
  async function warn(items) {
    const active = items.filter(u => u.enabled && u.roles.includes('AGENCY_ADMIN')).length;
    fill(warning, active < 2 ? message('error', active === 0
      ? 'Your jurisdiction has no active agency administrator. Make a colleague one.'
      : 'Your jurisdiction has only one active agency administrator. Make a second colleague one, so that nobody depends on a single person.') : null);
  }

  function actions(u) {
    const toggle = h('button', { type: 'button', class: u.enabled ? 'danger' : 'secondary', onclick: async () => {
      try {
        await post(`/api/users/${u.id}/${u.enabled ? 'disable' : 'enable'}`);
        fill(status, message('ok', `${u.username} is ${u.enabled ? 'disabled: they can no longer sign in' : 'enabled again'}.`));
        await load();
      } catch (e) { fill(status, message('error', errorText(e))); }
    } }, u.enabled ? 'Disable' : 'Enable', h('span', { class: 'sr-only' }, ' ' + u.username));
    const current = u.roles.find(r => roles.includes(r)) || roles[0];
    const roleSelect = select('role', roles.map(r => [r, ROLE_NAMES[r]]), current, { 'aria-label': 'Role of ' + u.username });
    const jur = agency ? null : h('input', { value: u.jurisdictionId || '', 'aria-label': 'Jurisdiction id of ' + u.username, placeholder: 'Jurisdiction id' });
    const save = h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        const jurisdictionId = agency ? u.jurisdictionId : (BOUND.includes(roleSelect.value) ? (jur.value.trim() || null) : null);
        await put(`/api/users/${u.id}/roles`, { roles: [roleSelect.value], jurisdictionId });
        fill(status, message('ok', `${u.username}'s role is saved; their sessions have ended.`));
        await load();
      } catch (e) { fill(status, message('error', errorText(e))); }
    } }, 'Save role', h('span', { class: 'sr-only' }, ' of ' + u.username));
    // Lost authenticator: admins only; the user's sessions end and they are told by email.
    const reset = admin ? h('button', { type: 'button', class: 'secondary', dataset: { action: 'reset-second-factor' }, onclick: async () => {
      if (!window.confirm(`Reset ${u.username}'s second factor? Their authenticator and recovery codes stop working and every session of theirs ends.`)) return;
      try {
        const r = await post(`/api/users/${u.id}/second-factor/reset`);
        fill(status, message('ok', `${u.username}'s second factor is reset and their sessions have ended; `
          + (r.userEmailed ? 'they were told by email.' : 'they could not be emailed (no address, or mail is down): tell them yourself.')));
      } catch (e) { fill(status, message('error', errorText(e))); }
    } }, 'Reset second factor', h('span', { class: 'sr-only' }, ' of ' + u.username)) : null;
    return h('div', { class: 'actions' }, toggle, roleSelect, jur, save, reset);
  }
  await load();
}

function createForm(status, onCreated) {
  const username = h('input', { id: 'new-username', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._\\-]{2,63}' });
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
    field('Jurisdiction id', jur, 'Officials, legal officers and agency administrators only')),
  h('button', { type: 'submit', id: 'create-user' }, 'Create user'));
  return form;
}

function inviteForm(status, agency, onInvited) {
  const email = h('input', { id: 'invite-email', type: 'email', required: true });
  const username = h('input', { id: 'invite-username', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9._\\-]{2,63}' });
  const name = h('input', { id: 'invite-name', required: true });
  const roleSelect = select('role', BOUND.map(r => [r, ROLE_NAMES[r]]), 'JURISDICTION_OFFICIAL', { id: 'invite-role' });
  const jur = agency ? null : h('input', { id: 'invite-jurisdiction', required: true });
  const form = h('form', { class: 'card', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await post('/api/invitations', { email: email.value.trim(), username: username.value.trim(), displayName: name.value.trim(),
        roles: [roleSelect.value], jurisdictionId: jur ? jur.value.trim() : null });
      fill(status, message('ok', `An invitation is on its way to ${email.value.trim()}; its link works once, for 72 hours.`));
      form.reset();
      await onInvited();
    } catch (err) { fill(status, message('error', 'Nobody was invited. ' + errorText(err))); }
  } },
  h('h2', {}, 'Invite a colleague'),
  h('div', { class: 'filters' }, field('Email', email), field('Username', username, 'Lower-case letters, digits, dots, dashes'),
    field('Full name', name), field('Role', roleSelect), jur ? field('Jurisdiction id', jur) : null),
  h('button', { type: 'submit', id: 'invite-user' }, 'Send invitation'));
  return form;
}

/** DOJ, admins and auditors: the jurisdictions whose users have no active agency administrator. */
export async function coveragePage(main) {
  const below = h('select', { id: 'coverage-below', 'aria-label': 'Show jurisdictions with' },
    h('option', { value: '1' }, 'no active agency administrator'), h('option', { value: '2' }, 'fewer than two'));
  const list = h('div');
  add(main, h('h1', {}, 'Agency administrators'),
    h('p', {}, 'Jurisdictions whose users depend on GrantLine administrators because they have ', below, '. Counted over enabled accounts; a jurisdiction with no accounts is not listed.'),
    list);
  async function load() {
    const rows = await get('/api/users/agency-admins/missing?below=' + below.value);
    const names = await Promise.all(rows.map(r => jurisdiction(r.jurisdictionId).then(j => j.name).catch(() => r.jurisdictionId)));
    fill(list, rows.length ? table('Jurisdictions', ['Jurisdiction', 'Active users', 'Active agency administrators'],
      rows.map((r, i) => h('tr', { dataset: { jurisdiction: r.jurisdictionId } }, h('td', {}, names[i]),
        h('td', {}, String(r.activeUsers)), h('td', {}, String(r.activeAgencyAdmins)))), { id: 'coverage' })
      : message('ok', 'Every jurisdiction with users has enough agency administrators.'));
  }
  below.addEventListener('change', load);
  await load();
}
