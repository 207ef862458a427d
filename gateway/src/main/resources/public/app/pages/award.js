// One award: its money movements and its requirements.
import { get } from '../api.js';
import { add, h, table, usd, jurisdiction, programs, localDeadline, statusBadge, date } from '../ui.js';

export default async function (main, { params }) {
  const a = await get('/api/awards/' + encodeURIComponent(params.id));
  const [place, progs, money, reqs] = await Promise.all([jurisdiction(a.jurisdictionId).catch(() => null), programs(),
    get(`/api/awards/${a.id}/money`), get(`/api/certifications/requirements?awardId=${a.id}&size=100`)]);
  const program = progs.find(p => p.id === a.programId) || {};
  add(main, h('p', {}, h('a', { href: '#/awards' }, '← All awards')),
    h('h1', {}, `Award ${a.awardNumber}`),
    h('section', { class: 'card' }, h('dl', { class: 'facts' },
      h('dt', {}, 'Jurisdiction'), h('dd', {}, place ? `${place.name}, ${place.state}` : a.jurisdictionId),
      h('dt', {}, 'Program'), h('dd', {}, program.name || '—'),
      h('dt', {}, 'Fiscal year'), h('dd', {}, 'FY' + a.fiscalYear),
      h('dt', {}, 'Amount'), h('dd', {}, usd(a.amount)),
      h('dt', {}, 'Disbursed'), h('dd', {}, usd(a.disbursed)),
      h('dt', {}, 'Clawed back'), h('dd', {}, usd(a.clawedBack)),
      h('dt', {}, 'Awarded'), h('dd', {}, a.awardDate),
      h('dt', {}, 'Acceptance due'), h('dd', {}, a.acceptanceDeadline),
      h('dt', {}, 'Status'), h('dd', {}, a.status))),
    table('Money', ['Date', 'Kind', 'Amount', 'Reason', 'Recorded'],
      (Array.isArray(money) ? money : (money.items || [])).map(m => h('tr', {}, h('td', {}, m.date), h('td', {}, m.kind),
        h('td', { class: 'num' }, usd(m.amount)), h('td', {}, m.reason), h('td', {}, `${date(m.recordedAt)} by ${m.recordedBy}`)))),
    table('Certification requirements', ['Due (local time)', 'Status', ''],
      reqs.items.map(r => h('tr', { class: r.overdue ? 'overdue' : null }, h('td', {}, localDeadline(r)), h('td', {}, statusBadge(r)),
        h('td', {}, h('a', { href: '#/requirements/' + r.id }, 'Open')))))
  );
}
