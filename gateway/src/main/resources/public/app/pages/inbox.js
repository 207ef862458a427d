// The caller's own inbox, newest first; unread in bold, with a way to mark each read.
import { get, post } from '../api.js';
import { add, h, table, message, errorText, date } from '../ui.js';

// Where a notice leads: its link's hash (an absolute address of this web app, kept on the current
// origin and only when it is one of the app's own pages), else the requirement it names.
export function noticeHref(n) {
  if (n.link) {
    try {
      const hash = new URL(n.link).hash;
      if (hash.startsWith('#/')) return hash;
    } catch (e) { /* not an address: fall back to the requirement */ }
  }
  return n.requirementId ? '#/requirements/' + n.requirementId : null;
}

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
        const href = noticeHref(n);
        const row = h('tr', { class: n.readAt ? null : 'unread' },
          h('td', {}, date(n.createdAt)),
          h('td', {}, href ? h('a', { href }, n.subject) : n.subject),
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
