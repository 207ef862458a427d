// A jurisdiction contact's email choices, reached from the link in a reminder email: no account and
// no sign-in, the signed link is the credential. Unsubscribe from the kinds of notice in that email,
// or choose every kind and the hour of the daily digest. Mandatory escalations cannot be turned off.
import { publicSend } from '../api.js';
import { h, fill, add, message, errorText, field, select } from '../ui.js';

export default async function (main, { params }) {
  const base = '/api/notifications/links/' + params.token;
  add(main, h('h1', {}, 'Your GrantLine emails'));
  let prefs;
  try {
    prefs = await publicSend('GET', base + '/preferences');
  } catch (e) {
    add(main, message('error', errorText(e)));
    return;
  }
  add(main, h('p', {}, 'Emails to ', h('strong', {}, prefs.subject), '.'));

  const stop = h('section', { class: 'card', id: 'unsubscribe', 'aria-labelledby': 'unsubscribe-title' });
  const stopStatus = h('div', { id: 'unsubscribe-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: 'unsubscribe-button' }, 'Unsubscribe');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await publicSend('POST', base + '/unsubscribe', {});
      prefs = await publicSend('GET', base + '/preferences');
      fill(stopStatus, message('ok', 'You are unsubscribed from the kinds of email this link came with.'));
      drawChoices();
    } catch (e) {
      fill(stopStatus, message('error', errorText(e)));
      button.disabled = false;
    }
  });
  add(stop, h('h2', { id: 'unsubscribe-title' }, 'Stop these emails'),
    h('p', {}, 'Stops the kinds of reminder the email you came from held. Escalations that a program makes mandatory still reach you.'),
    button, stopStatus);

  const choices = h('section', { class: 'card', id: 'email-choices', 'aria-labelledby': 'email-choices-title' });
  add(main, stop, choices);

  function drawChoices() {
    const boxes = prefs.kinds.map(k => h('div', {},
      h('input', { type: 'checkbox', id: 'kind-' + k.kind, value: k.kind, class: 'notice-kind', checked: k.receives || k.mandatory, disabled: k.mandatory }), ' ',
      h('label', { for: 'kind-' + k.kind }, k.label, k.mandatory ? ' (mandatory: the program requires it)' : '')));
    const hours = [['', 'When the reminders come due (09:00 by default)']]
      .concat(Array.from({ length: 24 }, (_, i) => [String(i), String(i).padStart(2, '0') + ':00']));
    const hour = select('digestHour', hours, prefs.digestHour ?? '', { id: 'digest-hour' });
    const status = h('div', { id: 'email-choices-status', 'aria-live': 'polite' });
    const form = h('form', { id: 'email-choices-form' },
      h('fieldset', {}, h('legend', {}, 'Emails you receive'), boxes),
      field('Hour of your daily digest email', hour, 'In your jurisdiction\'s local time.'),
      h('button', { type: 'submit', id: 'save-email-choices' }, 'Save'), status);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const declined = [...form.querySelectorAll('.notice-kind')].filter(b => !b.checked && !b.disabled).map(b => b.value);
      const body = { declined, digestHour: hour.value === '' ? null : Number(hour.value) };
      if (prefs.version !== null && prefs.version !== undefined) body.version = prefs.version;
      try {
        prefs = await publicSend('PUT', base + '/preferences', body);
        fill(status, message('ok', 'Your choices are saved.'));
      } catch (e) {
        fill(status, message('error', errorText(e)));
      }
    });
    fill(choices, h('h2', { id: 'email-choices-title' }, 'Choose what you receive'), form);
  }
  drawChoices();
}
