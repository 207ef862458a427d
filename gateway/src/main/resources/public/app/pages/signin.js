import { signIn } from '../api.js';
import { fill, h, field, message, errorText } from '../ui.js';

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
        fill(status, message('error', err.status === 401
          ? 'The username or password is wrong, or the account is locked or disabled.' : errorText(err)));
        button.disabled = false;
        pass.focus();
      }
    }
  },
  h('h1', { id: 'signin-title' }, 'Sign in to GrantLine'),
  field('Username', user), field('Password', pass), status, button);
  main.appendChild(form);
  user.focus();
}
