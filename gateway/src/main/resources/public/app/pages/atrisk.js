// Funds at risk by state, program and fiscal year, with the CSV download.
import { get, download } from '../api.js';
import { add, h, table, message, errorText, usd, date } from '../ui.js';

export default async function (main) {
  add(main, h('h1', {}, 'Funds at risk'));
  const report = await get('/api/awards/at-risk');
  const status = h('span', { role: 'status' });
  add(main, 
    h('p', {}, `${report.awards} award${report.awards === 1 ? '' : 's'} with ${usd(report.amountAtRisk)} at risk, as of ${date(report.asOf)}: `
      + 'an award is at risk when one of its certifications is overdue or was rejected, and no court order enjoins it.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'csv', onclick: async () => {
      status.textContent = '';
      try { await download('/api/awards/at-risk/csv', 'funds-at-risk.csv'); status.textContent = 'Downloaded.'; }
      catch (e) { status.textContent = errorText(e); }
    } }, 'Download as CSV'), status),
    table('Funds at risk by state, program and fiscal year', ['State', 'Program', 'Fiscal year', 'Awards', 'Amount at risk'],
      report.rows.map(r => h('tr', {}, h('td', {}, r.state), h('td', {}, r.programCode), h('td', {}, 'FY' + r.fiscalYear),
        h('td', { class: 'num' }, r.awards), h('td', { class: 'num' }, usd(r.amountAtRisk)))), { id: 'at-risk' }));
}
