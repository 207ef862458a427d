// DOJ and auditors: deadlines across jurisdictions, filtered by program, fiscal year, state and status.
import { get, post, download } from '../api.js';
import { fill, add, h, table, message, errorText, field, select, localDeadline, timeLeft, statusBadge, jurisdiction, describe, programs, pool } from '../ui.js';

const STATES = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
const filters = { programId: '', fiscalYear: '', state: '', status: 'OPEN', page: 0 };
const SIZE = 50;

export default async function (main, { role } = {}) {
  const progs = await programs();
  const year = new Date().getFullYear();
  const years = [];
  for (let y = year + 1; y >= 2017; y--) years.push([String(y), 'FY' + y]);
  const program = select('programId', [['', 'All programs'], ...progs.map(p => [p.id, p.name])], filters.programId, { id: 'f-program' });
  const fy = select('fiscalYear', [['', 'All years'], ...years], filters.fiscalYear, { id: 'f-year' });
  const state = select('state', [['', 'All states'], ...STATES.map(s => [s, s])], filters.state, { id: 'f-state' });
  const status = select('status', [['', 'Any status'], ['OPEN', 'Open'], ['SUBMITTED', 'Submitted'], ['ACCEPTED', 'Accepted'], ['WAIVED', 'Waived'], ['REJECTED', 'Rejected']], filters.status, { id: 'f-status' });
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const form = h('form', { class: 'card', role: 'search', onsubmit: (e) => { e.preventDefault(); filters.page = 0; load(); } },
    h('div', { class: 'filters' }, field('Program', program), field('Fiscal year', fy), field('State', state), field('Status', status),
      h('div', { class: 'field' }, h('button', { type: 'submit', id: 'apply-filters' }, 'Show deadlines'))));
  add(main, h('h1', {}, 'Deadlines across jurisdictions'), form, results);

  async function load() {
    Object.assign(filters, { programId: program.value, fiscalYear: fy.value, state: state.value, status: status.value });
    const q = new URLSearchParams({ page: filters.page, size: SIZE });
    for (const k of ['programId', 'fiscalYear', 'state', 'status']) if (filters[k]) q.set(k, filters[k]);
    fill(results, message('info', 'Loading…'));
    try {
      const page = await get('/api/certifications/requirements?' + q);
      const items = page.items;
      const [places, described] = await Promise.all([
        pool(items, 6, r => jurisdiction(r.jurisdictionId)),
        pool(items, 6, r => describe(r))]);
      const pages = Math.max(1, Math.ceil(page.total / SIZE));
      fill(results,
        h('p', {}, `${page.total} requirement${page.total === 1 ? '' : 's'}; deadlines in each jurisdiction's local time.`),
        table('Deadlines, earliest first', ['Jurisdiction', 'Program and award', 'Condition', 'Due (local time)', 'Time left', 'Status'],
          items.map((r, i) => {
            const p = places[i]; const d = described[i] || {};
            return h('tr', { class: r.overdue ? 'overdue' : null, dataset: { requirementId: r.id } },
              h('td', {}, p ? `${p.name}, ${p.state}` : '—'),
              h('td', {}, d.program ? d.program.code : '—', h('br'), d.award ? h('a', { href: '#/awards/' + d.award.id }, d.award.awardNumber) : ''),
              h('td', {}, h('a', { href: '#/requirements/' + r.id }, d.condition ? d.condition.title : 'Certification')),
              h('td', {}, localDeadline(r)),
              h('td', { class: 'left' + (r.overdue ? ' late' : '') }, (r.status === 'OPEN' || r.status === 'REJECTED') && !r.enjoined ? timeLeft(r.deadline) : '—'),
              h('td', {}, statusBadge(r)));
          }), { id: 'deadlines' }),
        bulkActions(page.total, q, role),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', disabled: filters.page === 0, onclick: () => { filters.page--; load(); } }, 'Previous page'),
          h('span', {}, `Page ${filters.page + 1} of ${pages}`),
          h('button', { type: 'button', class: 'secondary', disabled: filters.page + 1 >= pages, onclick: () => { filters.page++; load(); } }, 'Next page')));
    } catch (e) {
      fill(results, message('error', errorText(e)));
    }
  }
  await load();
}

// Act on every matching item, not only this page: the count is confirmed, the service refuses the
// job if the list no longer has that many, and reports what it changed and what it refused.
function bulkActions(total, query, role) {
  const filter = {};
  for (const k of ['programId', 'fiscalYear', 'state', 'status']) if (query.get(k)) filter[k] = k === 'fiscalYear' ? Number(query.get(k)) : query.get(k);
  const exportQuery = new URLSearchParams(filter);
  const status = h('div', { id: 'bulk-status', 'aria-live': 'polite' });
  const csv = h('button', { type: 'button', id: 'bulk-csv', class: 'secondary', onclick: async () => {
    fill(status);
    try { await download('/api/bulk/requirements/csv?' + exportQuery, 'deadlines.csv'); fill(status, message('ok', `Downloaded all ${total} rows.`)); }
    catch (e) { fill(status, message('error', errorText(e))); }
  } }, `Export all ${total} as CSV`);
  if (role !== 'DOJ_OFFICER' && role !== 'ADMIN') return h('section', { class: 'card', id: 'bulk' }, csv, status);
  const action = select('action', [['EXTEND', 'Extend the deadline of'], ['WAIVE', 'Waive'], ['REMIND', 'Send a reminder now to']], 'EXTEND', { id: 'bulk-action' });
  const date = h('input', { id: 'bulk-date', type: 'date', min: '1900-01-01', max: '2199-12-31' });
  const reason = h('input', { id: 'bulk-reason', maxlength: '1000' });
  const run = h('button', { type: 'button', id: 'bulk-run', disabled: total === 0, onclick: async () => {
    fill(status);
    if (!reason.value.trim() && action.value !== 'REMIND') { fill(status, message('error', 'Give one reason for all of them.')); return; }
    if (action.value === 'EXTEND' && !date.value) { fill(status, message('error', 'Choose the new deadline.')); return; }
    const { count } = await get('/api/bulk/requirements/count?' + exportQuery);
    const verb = { EXTEND: 'Extend', WAIVE: 'Waive', REMIND: 'Send a reminder now to' }[action.value];
    if (!window.confirm(`${verb} all ${count} matching requirements?`)) return;
    try {
      const job = await post('/api/bulk/requirements', { filter, action: action.value, expectedCount: count,
        deadlineDate: date.value || null, reason: reason.value.trim() });
      fill(status, message('ok', action.value === 'REMIND' ? `Done: ${job.changed} reminded (a message on each thread, emailed to the jurisdiction), ${job.refused} refused.`
        : `Done: ${job.changed} changed, ${job.refused} refused.`),
        job.refusals.length ? h('ul', { id: 'bulk-refusals' }, job.refusals.map(r => h('li', {}, h('a', { href: '#/requirements/' + r.id }, r.id), ': ', r.reason))) : null);
    } catch (e) { fill(status, message('error', errorText(e))); }
  } }, `Apply to all ${total} matching`);
  return h('section', { class: 'card', id: 'bulk', 'aria-labelledby': 'bulk-heading' }, h('h2', { id: 'bulk-heading' }, 'Act on all matching requirements'),
    h('div', { class: 'filters' }, field('Action', action), field('New deadline (local date; extensions)', date), field('Reason (for reminders: an optional note)', reason)),
    h('div', { class: 'actions' }, run, csv), status);
}
