// Court orders and what they enjoin. DOJ officers record an order (its scope — nationwide, listed
// jurisdictions, a state, an organisation's members — and the conditions it covers) and lift one
// on a stay or reversal; everyone else reads.
import { get, post } from '../api.js';
import { add, fill, h, table, field, select, message, errorText, programs, redrawWith } from '../ui.js';

export default async function (main, { role }) {
  const orders = await get('/api/court-orders');
  const writes = role === 'DOJ_OFFICER' || role === 'ADMIN';
  const status = h('div', { id: 'orders-status', 'aria-live': 'polite' });
  add(main, h('h1', {}, 'Court orders'),
    table('Court orders, with the conditions they enjoin', ['Case', 'Court', 'Ordered', 'Scope', 'In force', 'Conditions enjoined', ''],
      orders.map(o => h('tr', { dataset: { orderId: o.id } },
        h('td', {}, o.caseName, h('br'), h('span', { class: 'hint' }, o.caseNumber)),
        h('td', {}, o.court), h('td', {}, o.orderDate),
        h('td', {}, o.scope === 'STATE' ? `State: ${o.scopeState}` : o.scope === 'MEMBERS' ? `Members of ${o.organisation}` :
          o.scope === 'JURISDICTIONS' ? `${o.jurisdictionIds.length} jurisdiction(s)` : 'Nationwide'),
        h('td', {}, o.inForceToday ? 'In force today' : (o.liftedOn ? `Lifted ${o.liftedOn}: ${o.liftedReason || ''}` : `From ${o.inForceFrom}${o.inForceTo ? ' to ' + o.inForceTo : ''}`)),
        h('td', {}, String(o.conditionIds.length)),
        h('td', {}, writes && !o.liftedOn ? liftForm(o, status) : null))), { id: 'court-orders' }), status);
  if (writes) add(main, await createForm(status));
}

function liftForm(o, status) {
  const on = h('input', { type: 'date', class: 'lift-date', min: '1900-01-01', max: '2199-12-31', value: new Date().toISOString().slice(0, 10), 'aria-label': 'Lifted on' });
  const why = h('input', { class: 'lift-reason', maxlength: '1000', placeholder: 'Stay or reversal', 'aria-label': 'Why it is lifted' });
  return h('form', { class: 'inline-form', onsubmit: async (e) => {
    e.preventDefault(); fill(status);
    if (!why.value.trim()) { fill(status, message('error', 'Say why the order is lifted (a stay, a reversal).')); return; }
    try { await post(`/api/court-orders/${o.id}/lift`, { liftedOn: on.value, reason: why.value.trim() }); redrawWith(status, message('ok', 'Lifted.'), 500);
    } catch (err) { fill(status, message('error', errorText(err))); }
  } }, on, why, h('button', { type: 'submit', class: 'secondary lift' }, 'Lift'));
}

async function createForm(status) {
  const progs = await programs();
  const year = h('input', { id: 'order-fy', type: 'number', min: '2000', max: '2100', value: '2017' });
  const conditions = h('fieldset', { id: 'order-conditions' });
  let loads = 0;
  async function loadConditions() {
    const mine = ++loads;
    conditions.dataset.fy = '';
    const all = (await Promise.all(progs.map(p => get(`/api/programs/${p.id}/conditions?fiscalYear=${encodeURIComponent(year.value)}`)
      .then(cs => cs.map(c => ({ ...c, program: p.name }))).catch(() => [])))).flat();
    if (mine !== loads) return;   // a later fiscal year was asked for meanwhile
    conditions.dataset.fy = year.value;
    fill(conditions, h('legend', {}, 'Conditions the order enjoins'), ...(all.length ? all.map(c =>
      h('div', {}, h('input', { type: 'checkbox', id: 'cond-' + c.id, value: c.id, class: 'order-condition', dataset: { code: c.code } }), ' ',
        h('label', { for: 'cond-' + c.id }, `${c.program}: ${c.title} (${c.code})`))) : [h('p', {}, 'No conditions in that fiscal year.')]));
  }
  year.addEventListener('change', loadConditions);
  await loadConditions();
  const caseName = h('input', { id: 'order-case', maxlength: '300' });
  const caseNumber = h('input', { id: 'order-number', maxlength: '100' });
  const court = h('input', { id: 'order-court', maxlength: '200' });
  const orderDate = h('input', { id: 'order-date', type: 'date', min: '1900-01-01', max: '2199-12-31' });
  const scope = select('scope', [['NATIONWIDE', 'Nationwide'], ['JURISDICTIONS', 'Listed jurisdictions'], ['STATE', 'A state'], ['MEMBERS', 'Members of an organisation']], 'NATIONWIDE', { id: 'order-scope' });
  const state = h('input', { id: 'order-state', maxlength: '2', placeholder: 'e.g. CA' });
  const organisation = h('input', { id: 'order-organisation', maxlength: '200' });
  const ids = h('textarea', { id: 'order-jurisdictions', placeholder: 'Jurisdiction ids, one a line' });
  const from = h('input', { id: 'order-from', type: 'date', min: '1900-01-01', max: '2199-12-31' });
  const to = h('input', { id: 'order-to', type: 'date', min: '1900-01-01', max: '2199-12-31' });
  return h('form', { class: 'card', id: 'new-order', 'aria-labelledby': 'new-order-heading', onsubmit: async (e) => {
    e.preventDefault(); fill(status);
    const conditionIds = [...conditions.querySelectorAll('input.order-condition:checked')].map(c => c.value);
    const body = { caseName: caseName.value.trim(), caseNumber: caseNumber.value.trim(), court: court.value.trim(), orderDate: orderDate.value,
      scope: scope.value, conditionIds, inForceFrom: from.value || orderDate.value, inForceTo: to.value || null };
    if (scope.value === 'STATE') body.scopeState = state.value.trim().toUpperCase();
    if (scope.value === 'MEMBERS') body.organisation = organisation.value.trim();
    if (scope.value === 'JURISDICTIONS' || scope.value === 'MEMBERS') body.jurisdictionIds = ids.value.split(/\s+/).filter(Boolean);
    try { await post('/api/court-orders', body); redrawWith(status, message('ok', 'Recorded: the conditions it names stop running for the jurisdictions it covers.'), 500);
    } catch (err) { fill(status, message('error', 'The order was not recorded. ' + errorText(err))); }
  } },
  h('h2', { id: 'new-order-heading' }, 'Record a court order'),
  field('Case name', caseName, 'For example: City of Chicago v. Sessions'), field('Case number', caseNumber), field('Court', court),
  field('Order date', orderDate), field('Scope', scope), field('State (scope: a state)', state),
  field('Organisation (scope: members)', organisation), field('Jurisdictions (scope: listed or members)', ids),
  field('Fiscal year of the conditions', year), conditions,
  field('In force from (default: the order date)', from), field('In force until (optional)', to),
  h('button', { type: 'submit', id: 'create-order' }, 'Record the order'));
}
