// The United States coloured by compliance status, with the funds at risk in each state; counties
// on request. Data: the requirements (each jurisdiction's state and county from the registry) and
// the funds-at-risk report. Shapes: us-atlas 3.0.1 (Census cartographic boundaries), pre-projected.
import { get } from '../api.js';
import { fill, add, h, svg, table, message, errorText, usd, jurisdiction, pool } from '../ui.js';
import { features } from '../topo.js';

const STATUS = {
  risk: 'Overdue or rejected: funds at risk', open: 'Certifications open', submitted: 'Submitted, awaiting review',
  ok: 'All certified or waived', none: 'No certifications'
};
const RANK = { none: 0, ok: 1, submitted: 2, open: 3, risk: 4 };
const FIPS_STATE = {};

async function allRequirements() {
  const items = [];
  for (let page = 0; page < 20; page++) {
    const p = await get(`/api/certifications/requirements?size=500&page=${page}`);
    items.push(...p.items);
    if (items.length >= p.total || !p.items.length) break;
  }
  return items;
}

function statusOf(r) {
  if (r.enjoined) return 'none';
  if (r.overdue || (r.status === 'OPEN' && r.rejectionReason)) return 'risk';
  if (r.status === 'OPEN') return 'open';
  if (r.status === 'SUBMITTED') return 'submitted';
  return 'ok';
}

export default async function (main) {
  add(main, h('h1', {}, 'Compliance map'));
  const wrap = h('div', { class: 'map-wrap', id: 'map' }, message('info', 'Loading the map…'));
  const showCounties = h('input', { type: 'checkbox', id: 'show-counties' });
  add(main, h('ul', { class: 'legend', 'aria-label': 'Legend' },
    Object.entries(STATUS).reverse().map(([k, t]) => h('li', {}, h('span', { class: 'swatch s-' + k, 'aria-hidden': 'true' }), t))),
  h('div', { class: 'field inline' }, showCounties, ' ', h('label', { for: 'show-counties' }, 'Show counties')), wrap);

  let topoStates, report, requirements;
  try {
    [topoStates, report, requirements] = await Promise.all([
      fetch('/app/data/states-albers-10m.json').then(r => r.json()),
      get('/api/awards/at-risk'),
      allRequirements()]);
  } catch (e) {
    fill(wrap, message('error', 'The map cannot be drawn right now. ' + errorText(e)));
    return;
  }
  const ids = [...new Set(requirements.map(r => r.jurisdictionId))];
  const places = new Map((await pool(ids, 6, id => jurisdiction(id))).filter(Boolean).map(p => [p.id, p]));
  // A city's county is its parent in the registry.
  const parents = [...new Set([...places.values()].filter(p => p.fips.length > 5 && p.parentId).map(p => p.parentId))];
  const parentPlaces = new Map((await pool(parents, 6, id => jurisdiction(id))).filter(Boolean).map(p => [p.id, p]));

  const byState = {}, byCounty = {};
  const bump = (map, key, s) => { if (key && (!map[key] || RANK[s] > RANK[map[key]])) map[key] = s; };
  for (const r of requirements) {
    const p = places.get(r.jurisdictionId);
    if (!p) continue;
    const s = statusOf(r);
    bump(byState, p.fips.slice(0, 2), s);
    FIPS_STATE[p.fips.slice(0, 2)] = p.state;
    const county = p.fips.length === 5 ? p.fips : (parentPlaces.get(p.parentId) || {}).fips;
    if (county && county.length === 5) bump(byCounty, county, s);
  }
  const atRisk = {};
  for (const row of report.rows) atRisk[row.state] = (atRisk[row.state] || 0) + Number(row.amountAtRisk);

  const statePaths = features(topoStates, 'states');
  const nameOf = Object.fromEntries(statePaths.map(f => [f.id, f.name]));
  const group = svg('g', { id: 'states' }, statePaths.map(f => {
    const s = byState[f.id] || 'none';
    const usps = FIPS_STATE[f.id];
    const money = usps && atRisk[usps] ? `; ${usd(atRisk[usps])} at risk` : '';
    return svg('path', { d: f.d, class: 's-' + s, tabindex: '0', 'data-fips': f.id, 'data-status': s, role: 'img', 'aria-label': `${f.name}: ${STATUS[s]}${money}` },
      svg('title', {}, `${f.name}: ${STATUS[s]}${money}`));
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
        const s = byCounty[f.id] || 'none';
        return svg('path', { d: f.d, class: 'county s-' + s, 'data-fips': f.id, 'data-status': s }, svg('title', {}, `${f.name}: ${STATUS[s]}`));
      }), ...features(topo, 'states').map(f => svg('path', { d: f.d, fill: 'none', stroke: '#fff', 'stroke-width': '1', 'pointer-events': 'none' })));
      group.setAttribute('display', 'none');
    } catch (e) {
      wrap.append(message('error', 'The counties cannot be drawn. ' + errorText(e)));
    }
  });

  const rows = Object.entries(byState).sort((a, b) => RANK[b[1]] - RANK[a[1]] || (nameOf[a[0]] || '').localeCompare(nameOf[b[0]] || ''));
  add(main, table('States with certifications (the map as a table)', ['State', 'Status', 'Funds at risk'],
    rows.map(([fips, s]) => h('tr', {}, h('td', {}, nameOf[fips] || fips), h('td', {}, STATUS[s]),
      h('td', { class: 'num' }, usd(atRisk[FIPS_STATE[fips]] || 0)))), { id: 'map-table' }),
  h('p', { class: 'hint' }, 'Shapes: us-atlas 3.0.1 (US Census Bureau cartographic boundaries, ISC licence).'));
}
