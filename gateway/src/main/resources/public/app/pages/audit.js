// The audit trails of the services (auditors and admins): who changed what, when, before and after.
import { get } from '../api.js';
import { fill, add, h, table, message, errorText, field, select, date } from '../ui.js';

const TRAILS = [['/api/programs/audit', 'Grants: programs, awards, certifications, court orders'],
  ['/api/jurisdictions/audit', 'Registry: jurisdictions, policies, contacts'],
  ['/api/documents/audit', 'Documents'], ['/api/reminders/audit', 'Notifications and reminders'],
  ['/api/identity/audit', 'Users and sign-in (gateway)']];
const state = { trail: TRAILS[0][0], entityType: '', entityId: '', actor: '', page: 0 };

export default async function (main) {
  const trail = select('trail', TRAILS, state.trail, { id: 'audit-trail' });
  const type = h('input', { id: 'audit-type', name: 'entityType', value: state.entityType, placeholder: 'e.g. submission' });
  const entity = h('input', { id: 'audit-entity', name: 'entityId', value: state.entityId });
  const actor = h('input', { id: 'audit-actor', name: 'actor', value: state.actor, placeholder: 'e.g. doj.officer' });
  const results = h('div', { 'aria-live': 'polite' });
  add(main, h('h1', {}, 'Audit trails'),
    h('form', { class: 'card', role: 'search', onsubmit: (e) => { e.preventDefault(); state.page = 0; load(); } },
      h('div', { class: 'filters' }, field('Trail', trail), field('Record type', type), field('Record id', entity, 'Needs the record type'),
        field('Who', actor), h('div', { class: 'field' }, h('button', { type: 'submit', id: 'audit-show' }, 'Show')))),
    results);
  async function load() {
    Object.assign(state, { trail: trail.value, entityType: type.value.trim(), entityId: entity.value.trim(), actor: actor.value.trim() });
    const q = new URLSearchParams({ page: state.page, size: 50 });
    for (const k of ['entityType', 'entityId', 'actor']) if (state[k]) q.set(k, state[k]);
    try {
      const page = await get(state.trail + '?' + q);
      const pages = Math.max(1, Math.ceil(page.total / 50));
      fill(results, table(`${page.total} events, newest first`, ['When', 'Who', 'What', 'Record', 'Request', 'Change'],
        page.items.map(ev => h('tr', {},
          h('td', {}, date(ev.occurredAt)), h('td', {}, ev.actor), h('td', {}, ev.action),
          h('td', {}, ev.entityType, ev.entityId ? h('br') : null, ev.entityId ? h('span', { class: 'hint' }, ev.entityId) : null),
          h('td', {}, h('span', { class: 'hint' }, ev.requestId || '—')),
          h('td', {}, h('details', {}, h('summary', {}, 'Before and after'),
            h('p', {}, h('strong', {}, 'Before: ')), h('pre', { class: 'fulltext' }, pretty(ev.beforeState)),
            h('p', {}, h('strong', {}, 'After: ')), h('pre', { class: 'fulltext' }, pretty(ev.afterState)))))), { id: 'audit' }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', disabled: state.page === 0, onclick: () => { state.page--; load(); } }, 'Newer'),
        h('span', {}, `Page ${state.page + 1} of ${pages}`),
        h('button', { type: 'button', class: 'secondary', disabled: state.page + 1 >= pages, onclick: () => { state.page++; load(); } }, 'Older')));
    } catch (e) {
      fill(results, message('error', e.status === 404 ? 'This audit trail is not available on this server yet.' : errorText(e)));
    }
  }
  await load();
}

function pretty(text) {
  if (!text) return '—';
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
}
