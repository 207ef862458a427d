// Awards and their money, a page at a time.
import { get } from '../api.js';
import { fill, add, h, table, usd, jurisdiction, programs, pool } from '../ui.js';

let pageNo = 0;
export default async function (main) {
  add(main, h('h1', {}, 'Awards and their money'));
  const box = h('div', { 'aria-live': 'polite' });
  add(main, box);
  const progs = await programs();
  async function load() {
    const page = await get(`/api/awards?page=${pageNo}&size=50`);
    const places = await pool(page.items, 6, a => jurisdiction(a.jurisdictionId));
    const pages = Math.max(1, Math.ceil(page.total / 50));
    fill(box, table('Awards', ['Award', 'Jurisdiction', 'Program', 'Fiscal year', 'Amount', 'Disbursed', 'Clawed back', 'Status'],
      page.items.map((a, i) => h('tr', {},
        h('td', {}, h('a', { href: '#/awards/' + a.id }, a.awardNumber)),
        h('td', {}, places[i] ? `${places[i].name}, ${places[i].state}` : '—'),
        h('td', {}, (progs.find(p => p.id === a.programId) || {}).code || '—'),
        h('td', {}, 'FY' + a.fiscalYear),
        h('td', { class: 'num' }, usd(a.amount)), h('td', { class: 'num' }, usd(a.disbursed)), h('td', { class: 'num' }, usd(a.clawedBack)),
        h('td', {}, a.status))), { id: 'awards' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', disabled: pageNo === 0, onclick: () => { pageNo--; load(); } }, 'Previous page'),
      h('span', {}, `Page ${pageNo + 1} of ${pages} (${page.total} awards)`),
      h('button', { type: 'button', class: 'secondary', disabled: pageNo + 1 >= pages, onclick: () => { pageNo++; load(); } }, 'Next page')));
  }
  await load();
}
