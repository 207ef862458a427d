// An official's own jurisdiction: its contacts, the cooperation policy in force, and a private
// calendar feed of its deadlines.
import { get, post, del } from '../api.js';
import { fill, add, h, table, message, errorText, jurisdiction, date } from '../ui.js';

const LABELS = {
  HONOURS_ALL: 'Honours all detainers', JUDICIAL_WARRANT_ONLY: 'Only with a judicial warrant', HONOURS_NONE: 'Honours none',
  NO_POLICY: 'No written policy', YES: 'Yes', NO: 'No', PARTIAL: 'Partial', CERTIFIED_COMPLIANT: 'Certified compliant',
  DISPUTED: 'Disputed', UNKNOWN: 'Unknown'
};

export default async function (main) {
  const me = await get('/api/me');
  if (!me.jurisdictionId) { add(main, h('h1', {}, 'Our jurisdiction'), message('error', 'Your account is not bound to a jurisdiction.')); return; }
  const place = await jurisdiction(me.jurisdictionId);
  add(main, h('h1', {}, `${place.name}, ${place.state}`),
    h('p', {}, `${place.type.toLowerCase()} · FIPS ${place.fips} · time zone ${place.timeZone}`));

  add(main, h('h2', {}, 'Calendar feed'), await calendar());

  add(main, h('h2', {}, 'Contacts'));
  try {
    const contacts = await get(`/api/jurisdictions/${me.jurisdictionId}/contacts`);
    const items = Array.isArray(contacts) ? contacts : (contacts.items || []);
    add(main, table('People to contact', ['Name', 'Role', 'Title', 'Email', 'Phone'],
      items.map(c => h('tr', {}, h('td', {}, c.name), h('td', {}, c.role.replaceAll('_', ' ').toLowerCase()), h('td', {}, c.title || '—'),
        h('td', {}, h('a', { href: 'mailto:' + c.email }, c.email)), h('td', {}, c.phone || '—'))), { id: 'contacts' }));
  } catch (e) { add(main, message('error', 'The contacts cannot be shown. ' + errorText(e))); }

  add(main, h('h2', {}, 'Cooperation policy in force'));
  try {
    const p = await get(`/api/jurisdictions/${me.jurisdictionId}/policies/in-force`);
    add(main, h('section', { class: 'card', id: 'policy' }, h('dl', { class: 'facts' },
      h('dt', {}, 'In force since'), h('dd', {}, p.effectiveDate),
      h('dt', {}, 'Sanctuary'), h('dd', {}, p.sanctuary ? 'Yes' : 'No'),
      h('dt', {}, 'Detainers'), h('dd', {}, LABELS[p.detainerPolicy] || p.detainerPolicy),
      h('dt', {}, 'Federal access to facilities'), h('dd', {}, LABELS[p.facilityAccess] || p.facilityAccess),
      h('dt', {}, '48-hour release notice'), h('dd', {}, p.releaseNotice ? 'Given' : 'Not given'),
      h('dt', {}, '8 U.S.C. 1373'), h('dd', {}, LABELS[p.section1373] || p.section1373),
      h('dt', {}, 'Notes'), h('dd', {}, p.notes || '—'),
      h('dt', {}, 'Recorded'), h('dd', {}, `${date(p.recordedAt)} by ${p.recordedBy}`))));
  } catch (e) {
    add(main, e.status === 404 ? message('info', 'No cooperation policy is on record.') : message('error', errorText(e)));
  }
}

async function calendar() {
  const box = h('section', { class: 'card', id: 'calendar' });
  const status = h('div', { 'aria-live': 'polite' });
  const render = async () => {
    let feeds;
    try {
      feeds = await get('/api/calendar/feeds');
    } catch (e) {
      fill(box, message('info', e.status === 404
        ? 'Calendar feeds are not available on this server yet.' : 'Calendar feeds cannot be shown right now. ' + errorText(e)));
      return;
    }
    const active = (feeds || []).filter(f => !f.revokedAt);
    fill(box,
      h('p', {}, 'Subscribe to your deadlines from Outlook, Google or Apple Calendar with a private link. '
        + 'Anyone with the link sees the deadlines, so keep it to yourself; revoke it if it leaks.'),
      active.length ? h('ul', {}, active.map(f => h('li', {}, `Feed made ${date(f.createdAt)} `,
        h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await del('/api/calendar/feeds/' + f.id); await render(); } catch (e) { fill(status, message('error', errorText(e))); }
        } }, 'Revoke')))) : null,
      h('button', { type: 'button', id: 'new-feed', onclick: async () => {
        try {
          const feed = await post('/api/calendar/feeds');
          const input = h('input', { id: 'feed-url', readonly: true, value: feed.url });
          await render();
          box.append(h('div', { class: 'field' }, h('label', { for: 'feed-url' }, 'Your new calendar link (shown once: copy it now)'), input));
          input.select();
        } catch (e) { fill(status, message('error', errorText(e))); }
      } }, 'Make a calendar link'), status);
  };
  await render();
  return box;
}
