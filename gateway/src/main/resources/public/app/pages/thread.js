// The thread of a requirement or a demand: DOJ and the jurisdiction write to each other; DOJ officers
// and admins may mark a message as an internal note, which the jurisdiction never receives (the
// grants service leaves it out of their answer). Auditors read and do not write.
import { get, post } from '../api.js';
import { fill, h, message, errorText, field, date, redrawWith } from '../ui.js';

const LABELS = { DOJ_OFFICER: 'DOJ', ADMIN: 'GrantLine admin', JURISDICTION_OFFICIAL: 'Official', LEGAL_OFFICER: 'Legal officer', SYSTEM: 'GrantLine reminder' };

export async function threadSection(path, role) {
  const list = h('ol', { class: 'thread', id: 'thread', 'aria-label': 'Messages, oldest first' });
  const section = h('section', { class: 'card conversation', 'aria-labelledby': 'thread-heading' },
    h('h2', { id: 'thread-heading' }, 'Conversation'), list);
  try {
    const thread = await get(path);
    fill(list, thread.messages.length ? thread.messages.map(item) : h('li', { class: 'hint' }, 'No messages yet.'));
  } catch (e) {
    fill(list, h('li', {}, message('error', 'The conversation cannot be shown right now. ' + errorText(e))));
  }
  if (role !== 'AUDITOR') section.append(form(path, role));
  return section;
}

function item(m) {
  const internal = m.visibility === 'INTERNAL';
  return h('li', { class: 'thread-message' + (internal ? ' internal' : ''), dataset: { messageId: m.id } },
    h('p', { class: 'thread-meta' }, internal ? h('strong', { class: 'badge' }, 'Internal note') : null, internal ? ' ' : null,
      `${LABELS[m.authorRole] || m.authorRole} · ${m.author} · ${date(m.createdAt)}`),
    h('p', { class: 'thread-body' }, m.body),
    m.documentIds.length ? h('p', { class: 'hint' }, `${m.documentIds.length} document${m.documentIds.length === 1 ? '' : 's'} attached`) : null);
}

function form(path, role) {
  const body = h('textarea', { id: 'thread-body', maxlength: '10000', required: true });
  const status = h('div', { id: 'thread-status', 'aria-live': 'polite' });
  const doj = role === 'DOJ_OFFICER' || role === 'ADMIN';
  const internal = doj ? h('input', { type: 'checkbox', id: 'thread-internal' }) : null;
  return h('form', { class: 'thread-form', onsubmit: async (e) => {
    e.preventDefault(); fill(status);
    if (!body.value.trim()) { fill(status, message('error', 'Write the message first.')); return; }
    try {
      await post(path, { body: body.value.trim(), internal: internal ? internal.checked : false });
      redrawWith(status, message('ok', internal && internal.checked ? 'Note added (DOJ only).' : 'Message sent.'), 400);
    } catch (err) { fill(status, message('error', 'The message was not sent. ' + errorText(err))); }
  } }, field(doj ? 'Message to the jurisdiction, or an internal note' : 'Message to DOJ', body),
  internal ? h('div', { class: 'field inline' }, internal, ' ', h('label', { for: 'thread-internal' }, 'Internal note: DOJ only, the jurisdiction never sees it')) : null,
  status, h('button', { type: 'submit', id: 'thread-send' }, 'Send'));
}
