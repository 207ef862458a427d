// Your account: two-factor sign-in (set up an authenticator, recovery codes), passkeys and your sessions.
import { get, post, del } from '../api.js';
import { supported as passkeysSupported, create as createPasskey } from '../passkeys.js';
import { h, fill, clear, message, errorText, field, date, table } from '../ui.js';
import { enrolmentPanel, recoveryCodesPanel, codeInput } from '../secondfactor.js';

export default async function (main) {
  main.appendChild(h('h1', {}, 'Your account'));
  const factor = h('section', { class: 'card', id: 'second-factor', 'aria-labelledby': 'second-factor-title' });
  main.appendChild(factor);
  const keys = h('section', { class: 'card', id: 'passkeys', 'aria-labelledby': 'passkeys-title' });
  main.appendChild(keys);
  const sessions = h('section', { class: 'card', id: 'sessions', 'aria-labelledby': 'sessions-title' });
  main.appendChild(sessions);
  await Promise.all([showFactor(factor), showPasskeys(keys), showSessions(sessions)]);
}

async function showPasskeys(section) {
  clear(section).append(h('h2', { id: 'passkeys-title' }, 'Passkeys'),
    h('p', {}, 'A passkey signs you in with your device\'s PIN, fingerprint or face instead of your password and code.'));
  let list;
  try {
    list = await get('/api/me/passkeys');
  } catch (e) {
    section.appendChild(message('error', errorText(e)));
    return;
  }
  const status = h('div', { id: 'passkeys-status', 'aria-live': 'polite' });
  const rows = list.map(p => {
    const remove = h('button', { type: 'button', class: 'secondary', 'data-passkey': p.id }, 'Remove', h('span', { class: 'sr-only' }, ' ' + p.name));
    remove.addEventListener('click', async () => {
      if (!window.confirm(`Remove the passkey "${p.name}"? It will no longer sign you in.`)) return;
      remove.disabled = true;
      try {
        await del('/api/me/passkeys/' + p.id);
        await showPasskeys(section);
      } catch (e) {
        fill(status, message('error', errorText(e)));
        remove.disabled = false;
      }
    });
    return h('tr', {}, h('td', {}, p.name), h('td', {}, date(p.createdAt)), h('td', {}, p.lastUsedAt ? date(p.lastUsedAt) : 'never'), h('td', {}, remove));
  });
  if (rows.length) section.appendChild(table('Your passkeys', ['Name', 'Added', 'Last used', ''], rows, { id: 'passkey-list' }));
  if (!passkeysSupported()) {
    section.appendChild(message('error', 'This browser cannot make passkeys.'));
    return;
  }
  const name = h('input', { id: 'passkey-name', required: true, maxlength: '100', placeholder: 'e.g. Work laptop' });
  const add = h('button', { type: 'submit', id: 'add-passkey' }, 'Add a passkey');
  section.append(h('form', { onsubmit: async (e) => {
    e.preventDefault();
    add.disabled = true;
    fill(status);
    try {
      const options = await post('/api/me/passkeys/registration');
      const credential = await createPasskey(options.publicKey);
      await post('/api/me/passkeys', { challengeId: options.challengeId, name: name.value.trim(), credential });
      await showPasskeys(section);
      fill(section.querySelector('#passkeys-status'), message('ok', 'The passkey is added: you can sign in with it now.'));
    } catch (err) {
      fill(status, message('error', err.name === 'NotAllowedError' ? 'No passkey was made.'
        : err.name === 'InvalidStateError' ? 'This device has a passkey for you already.' : errorText(err)));
      add.disabled = false;
    }
  } }, field('Name of the passkey', name), add), status);
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
