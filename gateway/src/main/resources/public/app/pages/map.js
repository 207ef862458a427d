// The United States coloured by compliance status, with the funds at risk in each state; counties
// on request. Data: one request, GET /api/awards/compliance-map (grants computes status, counts and
// funds at risk by state and county in the database). Shapes: us-atlas 3.0.1 (Census cartographic boundaries), pre-projected.
import { get } from '../api.js';
import { fill, add, h, svg, table, message, errorText, usd } from '../ui.js';
import { features } from '../topo.js';

const STATUS = {
  risk: 'Overdue or rejected: funds at risk', open: 'Certifications open', submitted: 'Submitted, awaiting review',
  ok: 'All certified or waived', none: 'No certifications'
};
const RANK = { none: 0, ok: 1, submitted: 2, open: 3, risk: 4 };

export default async function (main) {
  add(main, h('h1', {}, 'Compliance map'));
  const wrap = h('div', { class: 'map-wrap', id: 'map' }, message('info', 'Loading the map…'));
  const showCounties = h('input', { type: 'checkbox', id: 'show-counties' });
  add(main, h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUS).reverse().map(([k, t]) => h('li', {}, h('span', { class: 'swatch s-' + k, 'aria-hidden': 'true' }), t))),
  h('div', { class: 'field inline' }, showCounties, ' ', h('label', { for: 'show-counties' }, 'Show counties')), wrap);

  let topoStates, picture;
  try {
    [topoStates, picture] = await Promise.all([
      fetch('/app/data/states-albers-10m.json').then(r => r.json()),
      get('/api/awards/compliance-map')]);
  } catch (e) {
    fill(wrap, message('error', 'The map cannot be drawn right now. ' + errorText(e)));
    return;
  }
  const byState = Object.fromEntries(picture.states.filter(a => a.fips).map(a => [a.fips, a]));
  const byCounty = Object.fromEntries(picture.counties.map(a => [a.county, a]));
  const money = a => a && Number(a.fundsAtRisk) ? `; ${usd(a.fundsAtRisk)} at risk` : '';

  const statePaths = features(topoStates, 'states');
  const nameOf = Object.fromEntries(statePaths.map(f => [f.id, f.name]));
  const group = svg('g', { id: 'states' }, statePaths.map(f => {
    const a = byState[f.id], s = a ? a.status : 'none';
    return svg('path', { d: f.d, class: 's-' + s, tabindex: '0', 'data-fips': f.id, 'data-status': s, role: 'img', 'aria-label': `${f.name}: ${STATUS[s]}${money(a)}` },
      svg('title', {}, `${f.name}: ${STATUS[s]}${money(a)}`));
  }));
  const countyGroup = svg('g', { id: 'counties' });
  const map = svg('svg', { viewBox: '0 0 975 610', role: 'group', 'aria-labelledby': 'map-caption' },
    svg('title', { id: 'map-caption' }, 'States coloured by the status of their certifications'), countyGroup, group);
  fill(wrap, map);

  showCounties.addEventListener('change', async () => {
    if (!showCounties.checked) { countyGroup.replaceChildren(); group.removeAttribute('display'); return; }
    try {
      const topo = await fetch('/app/data/counties-albers-10m.json').then(r => r.json());
      fill(countyGroup, ...features(topo, 'counties').map(f => {
        const a = byCounty[f.id], s = a ? a.status : 'none';
        return svg('path', { d: f.d, class: 'county s-' + s, 'data-fips': f.id, 'data-status': s }, svg('title', {}, `${f.name}: ${STATUS[s]}${money(a)}`));
      }), ...features(topo, 'states').map(f => svg('path', { d: f.d, fill: 'none', stroke: '#fff', 'stroke-width': '1', 'pointer-events': 'none' })));
      group.setAttribute('display', 'none');
    } catch (e) {
      wrap.append(message('error', 'The counties cannot be drawn. ' + errorText(e)));
    }
  });

  const rows = picture.states.slice().sort((a, b) => RANK[b.status] - RANK[a.status]
    || (nameOf[a.fips] || a.state).localeCompare(nameOf[b.fips] || b.state));
  add(main, table('States with certifications (the map as a table)', ['State', 'Status', 'Certifications', 'At risk', 'Funds at risk'],
    rows.map(a => h('tr', { 'data-state': a.state }, h('td', {}, nameOf[a.fips] || a.state), h('td', {}, STATUS[a.status]),
      h('td', { class: 'num' }, String(a.requirements)), h('td', { class: 'num' }, String(a.atRisk)),
      h('td', { class: 'num' }, usd(a.fundsAtRisk)))), { id: 'map-table' }),
  h('p', { class: 'hint' }, 'Shapes: us-atlas 3.0.1 (US Census Bureau cartographic boundaries, ISC licence).'));
}
