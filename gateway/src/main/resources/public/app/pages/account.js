// Your account: two-factor sign-in (set up an authenticator, recovery codes) and your sessions.
import { get, post, del } from '../api.js';
import { h, fill, clear, message, errorText, field, date, table } from '../ui.js';
import { enrolmentPanel, recoveryCodesPanel, codeInput } from '../secondfactor.js';

export default async function (main) {
  main.appendChild(h('h1', {}, 'Your account'));
  const factor = h('section', { class: 'card', id: 'second-factor', 'aria-labelledby': 'second-factor-title' });
  main.appendChild(factor);
  const sessions = h('section', { class: 'card', id: 'sessions', 'aria-labelledby': 'sessions-title' });
  main.appendChild(sessions);
  await Promise.all([showFactor(factor), showSessions(sessions)]);
}

async function showSessions(section) {
  clear(section).appendChild(h('h2', { id: 'sessions-title' }, 'Where you are signed in'));
  let list;
  try {
    list = await get('/api/me/sessions');
  } catch (e) {
    section.appendChild(message('error', errorText(e)));
    return;
  }
  const rows = list.map(s => {
    const end = h('button', { type: 'button', class: 'secondary', 'data-session': s.sessionId }, 'End');
    end.addEventListener('click', async () => {
      end.disabled = true;
      try {
        await del('/api/me/sessions/' + s.sessionId);
        await showSessions(section);
      } catch (e) {
        section.appendChild(message('error', errorText(e)));
        end.disabled = false;
      }
    });
    return h('tr', {}, h('td', {}, s.userAgent || 'Unknown device', s.current ? ' (this one)' : ''),
      h('td', {}, s.sourceAddress || '—'), h('td', {}, date(s.lastUsedAt)), h('td', {}, s.current ? '' : end));
  });
  section.appendChild(table('Active sessions', ['Device', 'Address', 'Last used', ''], rows, { id: 'session-list' }));
}

async function showFactor(section) {
  clear(section).appendChild(h('h2', { id: 'second-factor-title' }, 'Two-factor sign-in'));
  let status;
  try {
    status = await get('/api/me/second-factor');
  } catch (e) {
    section.appendChild(message('error', errorText(e)));
    return;
  }
  if (status.enrolled) {
    section.append(
      message('ok', 'An authenticator app is set up (since ' + date(status.confirmedAt) + '). Sign-in asks for its code.'),
      h('p', { id: 'recovery-left' }, status.recoveryCodesLeft + ' of 10 recovery codes left.'),
      h('p', {}, 'Lost your authenticator? An administrator can reset it; you then set up a new one at your next sign-in.'));
    return;
  }
  section.appendChild(h('p', {}, status.required
    ? 'Your role requires a second factor: set up an authenticator app.'
    : 'Protect your account with a code from an authenticator app at every sign-in.'));
  const start = h('button', { type: 'button', id: 'totp-start' }, status.pending ? 'Start again' : 'Set up an authenticator app');
  const area = h('div');
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const enrolment = await post('/api/me/second-factor/enrolment');
      fill(area, confirmForm(section, enrolment));
      area.querySelector('input').focus();
    } catch (e) {
      fill(area, message('error', errorText(e)));
    } finally {
      start.disabled = false;
    }
  });
  section.append(start, area);
}

function confirmForm(section, enrolment) {
  const code = codeInput('totp-code');
  const status = h('div', { id: 'totp-status' });
  const button = h('button', { type: 'submit', id: 'totp-confirm' }, 'Confirm');
  return h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      fill(status);
      button.disabled = true;
      try {
        const result = await post('/api/me/second-factor/enrolment/confirm', { code: code.value.trim() });
        clear(section).appendChild(recoveryCodesPanel(result.recoveryCodes, () => showFactor(section)));
        section.querySelector('#recovery-done').focus();
      } catch (err) {
        fill(status, message('error', err.status === 401 ? 'That code is not right; enter the one your app shows now.' : errorText(err)));
        button.disabled = false;
        code.focus();
      }
    }
  }, enrolmentPanel(enrolment), field('Code from the app', code), status, button);
}
