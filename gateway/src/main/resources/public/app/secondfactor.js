// Setting up an authenticator app: the QR code (drawn here from the path the gateway sends, never
// parsed from markup), the otpauth:// link and the key to type in; then the recovery codes, shown once.
import { h, svg } from './ui.js';

export function enrolmentPanel(enrolment) {
  const size = enrolment.qrSize;
  return h('div', { class: 'enrolment', id: 'totp-enrolment' },
    h('p', {}, 'Scan this code with an authenticator app (any app that supports TOTP), or open the link on this device:'),
    svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size * 5, height: size * 5, 'shape-rendering': 'crispEdges',
      role: 'img', 'aria-label': 'QR code of your authenticator key', id: 'totp-qr' },
      svg('rect', { width: size, height: size, fill: '#fff' }),
      svg('path', { fill: '#000', d: enrolment.qrPath })),
    h('p', {}, h('a', { href: enrolment.otpauthUri, id: 'totp-uri' }, 'Open in an authenticator app')),
    h('p', {}, 'Or type this key: ', h('code', { id: 'totp-secret' }, enrolment.secret.replace(/(.{4})/g, '$1 ').trim())));
}

export function recoveryCodesPanel(codes, onDone) {
  const done = h('button', { type: 'button', id: 'recovery-done' }, 'I have saved them');
  done.addEventListener('click', onDone);
  return h('div', { class: 'card', id: 'recovery-codes', role: 'region', 'aria-label': 'Recovery codes' },
    h('h2', {}, 'Your recovery codes'),
    h('p', {}, 'Each one signs you in once if you lose your authenticator. Keep them somewhere safe: they are shown only now.'),
    h('ul', { class: 'codes' }, codes.map(c => h('li', {}, h('code', {}, c)))),
    done);
}

export const codeInput = (id) => h('input', { id, name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
  required: true, autocapitalize: 'none', spellcheck: 'false', maxlength: '32' });
