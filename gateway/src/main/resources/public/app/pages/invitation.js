// Accepting an invitation (the link in the email): who is invited, then a password; the account is
// made once and the link then no longer works.
import { publicPost } from '../api.js';
import { add, fill, h, field, message, errorText, ROLE_NAMES } from '../ui.js';

export default async function (main, { token }) {
  const status = h('div', { id: 'invitation-status', 'aria-live': 'polite' });
  add(main, h('h1', {}, 'Your invitation to GrantLine'), status);
  let invitation;
  try {
    invitation = await publicPost('/api/invitations/preview', { token });
  } catch (e) {
    fill(status, message('error', errorText(e)));
    main.appendChild(h('p', {}, h('a', { href: '#/' }, 'Go to sign-in')));
    return;
  }
  const pass = h('input', { id: 'invitation-password', type: 'password', required: true, minlength: '12', maxlength: '72', autocomplete: 'new-password' });
  const again = h('input', { id: 'invitation-password-again', type: 'password', required: true, autocomplete: 'new-password' });
  const button = h('button', { type: 'submit', id: 'accept-invitation' }, 'Create my account');
  const form = h('form', { class: 'card narrow', onsubmit: async (e) => {
    e.preventDefault();
    if (pass.value !== again.value) { fill(status, message('error', 'The two passwords are not the same.')); return; }
    button.disabled = true;
    try {
      await publicPost('/api/invitations/accept', { token, password: pass.value });
      pass.value = ''; again.value = '';
      form.remove();
      fill(status, message('ok', `Your account ${invitation.username} is ready. Sign in with it now.`));
      main.appendChild(h('p', {}, h('a', { href: '#/', id: 'go-sign-in' }, 'Sign in')));
    } catch (err) {
      fill(status, message('error', errorText(err)));
      button.disabled = false;
    }
  } },
  h('p', {}, `${invitation.displayName}, you are invited as `, h('strong', {}, invitation.username), ' (',
    invitation.roles.map(r => ROLE_NAMES[r] || r).join(', '), `). The link works once, until ${new Date(invitation.expiresAt).toLocaleString()}.`),
  field('Password', pass, '12 to 72 characters'), field('Password again', again), button);
  main.appendChild(form);
  pass.focus();
}

