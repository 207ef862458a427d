// One award: its money movements and its requirements.
import { get, post } from '../api.js';
import { add, fill, h, table, usd, jurisdiction, programs, localDeadline, statusBadge, date, field, select, message, errorText, redrawWith } from '../ui.js';

// The moves DOJ makes from each state (accepting and declining are the jurisdiction's own).
const NEXT = { OFFERED: ['EXPIRED'], ACCEPTED: ['ACTIVE'], ACTIVE: ['WITHHELD', 'SUSPENDED', 'CLAWBACK_INITIATED', 'CLOSED'],
  WITHHELD: ['ACTIVE', 'CLAWBACK_INITIATED', 'CLOSED'], SUSPENDED: ['ACTIVE', 'CLAWBACK_INITIATED', 'CLOSED'],
  CLAWBACK_INITIATED: ['CLAWED_BACK'], CLAWED_BACK: ['CLOSED'] };

/** Threatened: what a withhold or suspension holds back, or what a clawback seeks; recovered: what was clawed back. */
export function ledger(a) {
  const amount = Number(a.amount), disbursed = Number(a.disbursed || 0), clawed = Number(a.clawedBack || 0);
  let threatened = 0;
  if (a.status === 'WITHHELD' || a.status === 'SUSPENDED') threatened = amount - disbursed;
  if (a.status === 'CLAWBACK_INITIATED') threatened = disbursed - clawed;
  return { amount, disbursed, threatened, recovered: clawed };
}

export default async function (main, { params, role }) {
  const a = await get('/api/awards/' + encodeURIComponent(params.id));
  const [place, progs, money, reqs, reports] = await Promise.all([jurisdiction(a.jurisdictionId).catch(() => null), programs(),
    get(`/api/awards/${a.id}/money`), get(`/api/certifications/requirements?awardId=${a.id}&size=100`),
    get(`/api/awards/${a.id}/reports`).catch(() => [])]);
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
      h('dt', {}, 'Status'), h('dd', { id: 'award-state' }, a.status))),
    table('Money', ['Date', 'Kind', 'Amount', 'Reason', 'Recorded'],
      (Array.isArray(money) ? money : (money.items || [])).map(m => h('tr', {}, h('td', {}, m.date), h('td', {}, m.kind),
        h('td', { class: 'num' }, usd(m.amount)), h('td', {}, m.reason), h('td', {}, `${date(m.recordedAt)} by ${m.recordedBy}`)))),
    table('Certification requirements', ['Due (local time)', 'Status', ''],
      reqs.items.map(r => h('tr', { class: r.overdue ? 'overdue' : null }, h('td', {}, localDeadline(r)), h('td', {}, statusBadge(r)),
        h('td', {}, h('a', { href: '#/requirements/' + r.id }, 'Open'))))),
    reports.length ? table('Periodic reports, one per period', ['Period', 'Due', 'Status', 'Funds', ''],
      reports.map(p => h('tr', {}, h('td', {}, `${p.periodStart} to ${p.periodEnd}`), h('td', {}, date(p.deadline)), h('td', {}, p.status),
        h('td', {}, p.withheldAt ? `Withheld ${date(p.withheldAt)} for this missed report` : '—'),
        h('td', {}, h('a', { href: '#/requirements/' + p.requirementId }, 'Open')))), { id: 'reports' }) : null
  );
  const l = ledger(a);
  add(main, h('section', { class: 'card', id: 'ledger', 'aria-label': 'Ledger' }, h('h2', {}, 'Ledger'), h('dl', { class: 'facts' },
    h('dt', {}, 'Awarded'), h('dd', {}, usd(l.amount)), h('dt', {}, 'Disbursed'), h('dd', {}, usd(l.disbursed)),
    h('dt', {}, 'Threatened'), h('dd', { id: 'ledger-threatened' }, usd(l.threatened)),
    h('dt', {}, 'Recovered'), h('dd', { id: 'ledger-recovered' }, usd(l.recovered)))));
  if (role === 'DOJ_OFFICER' || role === 'ADMIN') add(main, dojForms(a));
}

function dojForms(a) {
  const status = h('div', { id: 'award-status', 'aria-live': 'polite' });
  const act = async (path, body, done) => {
    fill(status);
    try { await post(path, body); redrawWith(status, message('ok', done), 500); }
    catch (e) { fill(status, message('error', errorText(e))); }
  };
  const next = NEXT[a.status] || [];
  const to = select('status', next.map(s => [s, s.replace('_', ' ').toLowerCase()]), next[0], { id: 'transition-status' });
  const why = h('textarea', { id: 'transition-reason', maxlength: '1000' });
  const kind = select('kind', [['DISBURSEMENT', 'Disburse'], ['CLAWBACK', 'Claw back']], a.status === 'CLAWBACK_INITIATED' ? 'CLAWBACK' : 'DISBURSEMENT', { id: 'money-kind' });
  const amount = h('input', { id: 'money-amount', inputmode: 'decimal', pattern: '[0-9]+(\\.[0-9]{1,2})?' });
  const on = h('input', { id: 'money-date', type: 'date', min: '1900-01-01', max: '2199-12-31', value: new Date().toISOString().slice(0, 10) });
  const reason = h('textarea', { id: 'money-reason', maxlength: '1000' });
  return h('section', { class: 'card', id: 'award-actions' }, h('h2', {}, 'DOJ: the award\'s state and its money'),
    next.length ? h('form', { onsubmit: (e) => { e.preventDefault();
      act(`/api/awards/${a.id}/transitions`, { status: to.value, reason: why.value.trim() || null }, 'The award is now ' + to.value + '.'); } },
      field('Move the award to', to), field('Reason', why), h('button', { type: 'submit', id: 'transition' }, 'Change the state')) : h('p', {}, 'The award is ' + a.status + '; it moves no further.'),
    h('form', { onsubmit: (e) => { e.preventDefault();
      if (!/^[0-9]+(\.[0-9]{1,2})?$/.test(amount.value.trim())) { fill(status, message('error', 'Give the amount in dollars and cents, e.g. 1500.00.')); return; }
      if (!reason.value.trim()) { fill(status, message('error', 'Give the reason.')); return; }
      act(`/api/awards/${a.id}/money`, { kind: kind.value, amount: amount.value.trim(), date: on.value, reason: reason.value.trim() }, 'Recorded.'); } },
      field('Movement', kind), field('Amount (USD)', amount), field('Date', on), field('Reason', reason),
      h('button', { type: 'submit', id: 'record-money' }, 'Record the movement')),
    status);
}
