import { signIn, signInWithPasskey, secondFactor, secondFactorEnrolment, publicGet } from '../api.js';
import { supported as passkeysSupported } from '../passkeys.js';
import { fill, h, field, message, errorText, clear } from '../ui.js';
import { enrolmentPanel, recoveryCodesPanel, codeInput } from '../secondfactor.js';

const PROBLEM = 'urn:grantline:problem:';

export default async function (main, { onSignedIn }) {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('div', { id: 'signin-status' });
  const button = h('button', { type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h('form', {
    class: 'card narrow', 'aria-labelledby': 'signin-title', onsubmit: async (e) => {
      e.preventDefault();
      fill(status);
      button.disabled = true;
      try {
        await signIn(user.value.trim(), pass.value);
        pass.value = '';
        onSignedIn();
      } catch (err) {
        const type = err.problem && err.problem.type;
        if (type === PROBLEM + 'second-factor-required' || type === PROBLEM + 'second-factor-enrolment-required') {
          pass.value = '';
          await askForCode(main, err.problem, onSignedIn);
          return;
        }
        fill(status, message('error', err.status === 401
          ? 'The username or password is wrong, or the account is locked or disabled.' : errorText(err)));
        button.disabled = false;
        pass.focus();
      }
    }
  },
  h('h1', { id: 'signin-title' }, 'Sign in to GrantLine'),
  /sso=refused/.test(location.hash) ? message('error', 'Your organisation\'s sign-in did not give you access to GrantLine. Ask your agency administrator.') : null,
  field('Username', user), field('Password', pass), status, button);
  main.appendChild(form);
  user.focus();
  // Passkeys: a key the device keeps, unlocked with its PIN or biometrics, instead of password and code.
  if (passkeysSupported()) {
    const passkey = h('button', { type: 'button', class: 'secondary', id: 'sign-in-passkey', onclick: async () => {
      fill(status);
      passkey.disabled = true;
      try {
        await signInWithPasskey();
        onSignedIn();
      } catch (err) {
        fill(status, message('error', err.name === 'NotAllowedError'
          ? 'No passkey was chosen. Try again, or sign in with your password.'
          : err.status === 401 ? 'That passkey was not accepted. Sign in with your password, or ask an administrator.' : errorText(err)));
        passkey.disabled = false;
      }
    } }, 'Sign in with a passkey');
    form.appendChild(h('div', { class: 'passkey', id: 'passkey-sign-in' }, h('p', {}, 'Or, if you have set one up:'), passkey));
  }
  // The agencies' own identity providers (single sign-on), when any is configured.
  try {
    const providers = await publicGet('/web/sso/providers');
    if (providers.length) {
      form.appendChild(h('div', { class: 'sso', id: 'sso-providers' }, h('p', {}, 'Or sign in with your organisation:'),
        h('ul', {}, providers.map(p => h('li', {}, h('a', { href: p.loginUrl, class: 'button', id: 'sso-' + p.name }, p.displayName))))));
    }
  } catch (e) { /* no providers listed: password sign-in only */ }
}

/** The second step: a code from the authenticator (or a recovery code); first the set-up when the role requires one. */
async function askForCode(main, problem, onSignedIn) {
  const enrolling = problem.enrolment === true;
  const code = codeInput('code');
  const status = h('div', { id: 'code-status' });
  const button = h('button', { type: 'submit', id: 'verify-code' }, enrolling ? 'Confirm and sign in' : 'Sign in');
  const intro = enrolling
    ? h('p', {}, 'Your role requires a second factor. Set up an authenticator app, then enter the six-digit code it shows.')
    : h('p', {}, 'Enter the six-digit code from your authenticator app, or one of your recovery codes.');
  const form = h('form', {
    class: 'card narrow', 'aria-labelledby': 'code-title', onsubmit: async (e) => {
      e.preventDefault();
      fill(status);
      button.disabled = true;
      try {
        const signedIn = await secondFactor(problem.challenge, code.value.trim());
        if (signedIn.recovery_codes && signedIn.recovery_codes.length) {
          clear(main).appendChild(recoveryCodesPanel(signedIn.recovery_codes, onSignedIn));
          main.querySelector('#recovery-done').focus();
        } else {
          onSignedIn();
        }
      } catch (err) {
        const type = err.problem && err.problem.type;
        if (type === PROBLEM + 'challenge-invalid') {
          fill(status, message('error', 'This sign-in has expired. Reload the page and sign in again.'));
          return;
        }
        fill(status, message('error', type === PROBLEM + 'second-factor-locked'
          ? 'Too many wrong codes. Try again in 15 minutes, or ask an administrator.' : 'That code is not right, or was used already.'));
        button.disabled = false;
        code.value = '';
        code.focus();
      }
    }
  }, h('h1', { id: 'code-title' }, enrolling ? 'Set up two-factor sign-in' : 'Two-factor sign-in'), intro);
  if (enrolling) {
    try {
      form.appendChild(enrolmentPanel(await secondFactorEnrolment(problem.challenge)));
    } catch (err) {
      form.appendChild(message('error', errorText(err)));
    }
  }
  form.append(field('Code', code), status, button);
  clear(main).appendChild(form);
  code.focus();
}
