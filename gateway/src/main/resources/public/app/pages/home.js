// Officials and legal officers: their awards and every requirement still to do, earliest deadline
// first, with the time left in their jurisdiction's local time. Overdue rows are red and say so.
import { get } from '../api.js';
import { add, h, table, message, errorText, usd, localDeadline, timeLeft, statusBadge, jurisdiction, describe, programs } from '../ui.js';

export default async function (main, { role }) {
  const me = await get('/api/me');
  if (!me.jurisdictionId) {
    add(main, h('h1', {}, 'What is due'), message('error', 'Your account is not bound to a jurisdiction; ask an administrator.'));
    return;
  }
  const [place, open, rejected, submitted, awards, progs] = await Promise.all([
    jurisdiction(me.jurisdictionId),
    get(`/api/certifications/requirements?jurisdictionId=${me.jurisdictionId}&status=OPEN&size=500`),
    get(`/api/certifications/requirements?jurisdictionId=${me.jurisdictionId}&status=REJECTED&size=500`),
    get(`/api/certifications/requirements?jurisdictionId=${me.jurisdictionId}&status=SUBMITTED&size=500`),
    get(`/api/awards?jurisdictionId=${me.jurisdictionId}&size=100`),
    programs()
  ]);
  const todo = [...open.items, ...rejected.items, ...submitted.items].sort((a, b) => new Date(a.deadline) - new Date(b.deadline));
  const described = await Promise.all(todo.map(r => describe(r).catch(() => ({}))));
  const nowThere = new Intl.DateTimeFormat('en-US', { timeZone: place.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date());
  const overdue = todo.filter(r => r.overdue).length;

  add(main, h('h1', {}, `What is due for ${place.name}, ${place.state}`),
    h('p', {}, `Deadlines are shown in ${place.name}'s local time (${place.timeZone}). It is now ${nowThere} there.`),
    overdue ? message('error', `${overdue} certification${overdue === 1 ? ' is' : 's are'} overdue.`) : null,
    table('Requirements to certify, earliest deadline first', ['Condition', 'Program and award', 'Due (local time)', 'Time left', 'Status'],
      todo.map((r, i) => {
        const d = described[i] || {};
        return h('tr', { id: 'req-' + r.id, class: r.overdue ? 'overdue' : null, dataset: { requirementId: r.id, status: r.status } },
          h('td', {}, h('a', { href: '#/requirements/' + r.id }, d.condition ? d.condition.title : 'Certification')),
          h('td', {}, d.program ? d.program.name : '—', h('br'), d.award ? `${d.award.awardNumber} (FY${d.award.fiscalYear})` : ''),
          h('td', {}, localDeadline(r)),
          h('td', { class: 'left' + (r.overdue ? ' late' : '') }, r.status === 'SUBMITTED' ? 'Submitted' : (r.enjoined ? 'Enjoined' : timeLeft(r.deadline))),
          h('td', {}, statusBadge(r), r.rejectionReason && r.status === 'REJECTED' ? h('p', { class: 'hint' }, 'Rejected by DOJ: ' + r.rejectionReason) : null));
      }), { id: 'requirements' }),
    table('Our awards', ['Award', 'Program', 'Fiscal year', 'Amount', 'Disbursed', 'Status'],
      awards.items.map(a => h('tr', {},
        h('td', {}, a.awardNumber),
        h('td', {}, (progs.find(p => p.id === a.programId) || {}).name || '—'),
        h('td', {}, 'FY' + a.fiscalYear),
        h('td', { class: 'num' }, usd(a.amount)),
        h('td', { class: 'num' }, usd(a.disbursed)),
        h('td', {}, a.status))), { id: 'awards' }));
  if (role === 'JURISDICTION_OFFICIAL') {
    add(main, h('p', { class: 'hint' }, 'Open a requirement to upload the documents it rests on. Your legal officer signs the certification.'));
  }
}
