// Court orders and what they enjoin.
import { get } from '../api.js';
import { add, h, table } from '../ui.js';

export default async function (main) {
  const orders = await get('/api/court-orders');
  add(main, h('h1', {}, 'Court orders'),
    table('Court orders, with the conditions they enjoin', ['Case', 'Court', 'Ordered', 'Scope', 'In force', 'Conditions enjoined'],
      orders.map(o => h('tr', {},
        h('td', {}, o.caseName, h('br'), h('span', { class: 'hint' }, o.caseNumber)),
        h('td', {}, o.court), h('td', {}, o.orderDate),
        h('td', {}, o.scope === 'STATE' ? `State: ${o.scopeState}` : o.scope === 'MEMBERS' ? `Members of ${o.organisation}` :
          o.scope === 'JURISDICTIONS' ? `${o.jurisdictionIds.length} jurisdiction(s)` : 'Nationwide'),
        h('td', {}, o.inForceToday ? 'In force today' : (o.liftedOn ? `Lifted ${o.liftedOn}: ${o.liftedReason || ''}` : `From ${o.inForceFrom}${o.inForceTo ? ' to ' + o.inForceTo : ''}`)),
        h('td', {}, String(o.conditionIds.length)))), { id: 'court-orders' }));
}
