// Certifications submitted and waiting for DOJ; DOJ opens each to view its documents and decide.
// Auditors see the same list, read-only.
import { get } from '../api.js';
import { add, h, table, message, localDeadline, statusBadge, jurisdiction, describe, pool } from '../ui.js';

export default async function (main, { role }) {
  add(main, h('h1', {}, role === 'AUDITOR' ? 'Submitted certifications' : 'Certifications to review'));
  const page = await get('/api/certifications/requirements?status=SUBMITTED&size=500');
  const [places, described] = await Promise.all([pool(page.items, 6, r => jurisdiction(r.jurisdictionId)), pool(page.items, 6, r => describe(r))]);
  if (!page.items.length) add(main, message('info', 'Nothing is waiting for review.'));
  add(main, table('Submitted, waiting for a decision', ['Jurisdiction', 'Condition', 'Award', 'Due (local time)', 'Status', ''],
    page.items.map((r, i) => {
      const p = places[i]; const d = described[i] || {};
      return h('tr', { dataset: { requirementId: r.id } },
        h('td', {}, p ? `${p.name}, ${p.state}` : '—'),
        h('td', {}, d.condition ? d.condition.title : 'Certification'),
        h('td', {}, d.award ? d.award.awardNumber : '—'),
        h('td', {}, localDeadline(r)),
        h('td', {}, statusBadge(r)),
        h('td', {}, h('a', { href: '#/requirements/' + r.id, class: 'button secondary' }, role === 'AUDITOR' ? 'View' : 'Review',
          h('span', { class: 'sr-only' }, ' ' + (p ? p.name : '')))));
    }), { id: 'review' }));
}
