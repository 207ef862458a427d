// The caller's own inbox, newest first; unread in bold, with a way to mark each read.
import { get, post } from '../api.js';
import { add, h, table, message, errorText, date } from '../ui.js';

export default async function (main) {
  add(main, h('h1', {}, 'Inbox'));
  let page;
  try {
    page = await get('/api/notifications?size=50');
  } catch (e) {
    add(main, message('error', 'Your inbox cannot be shown right now. ' + errorText(e)));
    return;
  }
  const unread = (page.items || []).filter(n => !n.readAt).length;
  add(main, h('p', { id: 'unread' }, unread ? `${unread} unread on this page.` : 'Nothing unread.'),
    table('Notices, newest first', ['Received', 'Subject', 'Message', ''],
      (page.items || []).map(n => {
        const status = h('span', { role: 'status' });
        const row = h('tr', { class: n.readAt ? null : 'unread' },
          h('td', {}, date(n.createdAt)),
          h('td', {}, n.requirementId ? h('a', { href: '#/requirements/' + n.requirementId }, n.subject) : n.subject),
          h('td', { class: 'fulltext' }, n.body),
          h('td', {}, n.readAt ? 'Read' : h('button', {
            type: 'button', class: 'secondary', onclick: async (e) => {
              try { await post(`/api/notifications/${n.id}/read`); row.classList.remove('unread'); e.target.replaceWith('Read'); }
              catch (err) { status.textContent = errorText(err); }
            }
          }, 'Mark read', h('span', { class: 'sr-only' }, ': ' + n.subject)), status));
        return row;
      }), { id: 'inbox' }));
}
