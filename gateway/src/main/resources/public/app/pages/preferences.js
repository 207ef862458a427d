// Notification preferences: which kinds of notice reach you (mandatory escalations cannot be turned
// off), the hour of your daily digest email, and your own calendar feed link. Auditors see their
// choices but change nothing (the service refuses their writes too).
import { get, put } from '../api.js';
import { h, fill, add, message, errorText, field, select } from '../ui.js';

export default async function (main, { role }) {
  const readOnly = role === 'AUDITOR';
  add(main, h('h1', {}, 'Notification preferences'));
  const choices = h('section', { class: 'card', id: 'notice-choices', 'aria-labelledby': 'notice-choices-title' });
  const feed = h('section', { class: 'card', id: 'my-feed', 'aria-labelledby': 'my-feed-title' });
  add(main, choices, feed);
  await Promise.all([showChoices(choices, readOnly), showFeed(feed)]);
}

async function showChoices(section, readOnly) {
  fill(section, h('h2', { id: 'notice-choices-title' }, 'What you receive'));
  let prefs;
  try {
    prefs = await get('/api/notifications/preferences/me');
  } catch (e) {
    add(section, message('error', errorText(e)));
    return;
  }
  const boxes = prefs.kinds.map(k => h('div', {},
    h('input', { type: 'checkbox', id: 'kind-' + k.kind, value: k.kind, class: 'notice-kind', checked: k.receives || k.mandatory,
      disabled: k.mandatory || readOnly }), ' ',
    h('label', { for: 'kind-' + k.kind }, k.label, k.mandatory ? ' (mandatory: the program requires it)' : '')));
  const hours = [['', 'When the reminders come due (09:00 by default)']]
    .concat(Array.from({ length: 24 }, (_, i) => [String(i), String(i).padStart(2, '0') + ':00']));
  const hour = select('digestHour', hours, prefs.digestHour ?? '', { id: 'digest-hour', disabled: readOnly });
  const status = h('div', { id: 'preferences-status', 'aria-live': 'polite' });
  const form = h('form', { id: 'preferences-form' },
    h('fieldset', {}, h('legend', {}, 'Notices in your inbox and by email'), boxes),
    field('Hour of your daily digest email', hour, 'In your jurisdiction\'s local time. An hour before the reminders come due sends them when they do.'),
    readOnly ? message('info', 'Auditors can read these choices but not change them.') : h('button', { type: 'submit', id: 'save-preferences' }, 'Save'),
    status);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (readOnly) return;
    const declined = [...form.querySelectorAll('.notice-kind')].filter(b => !b.checked && !b.disabled).map(b => b.value);
    const body = { declined, digestHour: hour.value === '' ? null : Number(hour.value) };
    if (prefs.version !== null && prefs.version !== undefined) body.version = prefs.version;
    try {
      prefs = await put('/api/notifications/preferences/me', body);
      fill(status, message('ok', 'Your choices are saved.'));
    } catch (e) {
      fill(status, message('error', errorText(e)));
    }
  });
  add(section, form);
}

async function showFeed(section) {
  fill(section, h('h2', { id: 'my-feed-title' }, 'Your calendar feed'),
    h('p', {}, 'Subscribe to the deadlines you may see from Outlook, Google or Apple Calendar. The link is private: '
      + 'anyone with it sees the deadlines. It stops when your account is disabled or your sessions are revoked.'));
  const status = h('div', { 'aria-live': 'polite' });
  const show = h('button', { type: 'button', id: 'show-feed' }, 'Show my calendar link');
  show.addEventListener('click', async () => {
    try {
      const { url } = await get('/api/calendar/feed-url');
      const input = h('input', { id: 'my-feed-url', readonly: true, value: url });
      fill(status, h('div', { class: 'field' }, h('label', { for: 'my-feed-url' }, 'Your calendar link'), input));
      input.select();
    } catch (e) {
      fill(status, message('error', errorText(e)));
    }
  });
  add(section, show, status);
}
