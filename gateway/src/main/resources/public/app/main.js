// The shell: restores the session from the cookie, shows each role its own navigation, and routes
// by the part of the address after '#'.
import { current, restore, signOut, onSessionChange } from './api.js';
import { h, clear, message, errorText, ROLE_NAMES, restoreNotice } from './ui.js';

const PAGES = {
  signin: () => import('./pages/signin.js'),
  home: () => import('./pages/home.js'),
  requirement: () => import('./pages/requirement.js'),
  inbox: () => import('./pages/inbox.js'),
  jurisdiction: () => import('./pages/jurisdiction.js'),
  deadlines: () => import('./pages/deadlines.js'),
  map: () => import('./pages/map.js'),
  atrisk: () => import('./pages/atrisk.js'),
  review: () => import('./pages/review.js'),
  awards: () => import('./pages/awards.js'),
  award: () => import('./pages/award.js'),
  courtorders: () => import('./pages/courtorders.js'),
  letters: () => import('./pages/letters.js'),
  letter: () => import('./pages/letters.js').then(m => ({ default: m.letterPage })),
  demand: () => import('./pages/demand.js'),
  audit: () => import('./pages/audit.js'),
  users: () => import('./pages/users.js'),
  agencyadmins: () => import('./pages/users.js').then(m => ({ default: m.coveragePage })),
  invitation: () => import('./pages/invitation.js'),
  account: () => import('./pages/account.js'),
  preferences: () => import('./pages/preferences.js'),
  emailchoices: () => import('./pages/emailchoices.js')
};

// Which pages each role may open, in menu order: [route, label, page].
const MENUS = {
  JURISDICTION_OFFICIAL: [['', 'What is due', 'home'], ['inbox', 'Inbox', 'inbox'], ['letters', 'Letters', 'letters'], ['jurisdiction', 'Our jurisdiction', 'jurisdiction'], ['preferences', 'Notification preferences', 'preferences']],
  LEGAL_OFFICER: [['', 'What is due', 'home'], ['inbox', 'Inbox', 'inbox'], ['letters', 'Letters', 'letters'], ['jurisdiction', 'Our jurisdiction', 'jurisdiction'], ['preferences', 'Notification preferences', 'preferences']],
  DOJ_OFFICER: [['', 'Deadlines', 'deadlines'], ['map', 'Map', 'map'], ['at-risk', 'Funds at risk', 'atrisk'],
    ['review', 'Review', 'review'], ['awards', 'Awards', 'awards'], ['court-orders', 'Court orders', 'courtorders'], ['letters', 'Letters', 'letters'], ['inbox', 'Inbox', 'inbox'],
    ['agency-admins', 'Agency administrators', 'agencyadmins'], ['preferences', 'Notification preferences', 'preferences']],
  AUDITOR: [['', 'Deadlines', 'deadlines'], ['map', 'Map', 'map'], ['at-risk', 'Funds at risk', 'atrisk'],
    ['review', 'Certifications', 'review'], ['awards', 'Awards', 'awards'], ['court-orders', 'Court orders', 'courtorders'],
    ['letters', 'Letters', 'letters'], ['audit', 'Audit trails', 'audit'], ['users', 'Users', 'users'], ['agency-admins', 'Agency administrators', 'agencyadmins'],
    ['preferences', 'Notification preferences', 'preferences']],
  ADMIN: [['', 'Users', 'users'], ['deadlines', 'Deadlines', 'deadlines'], ['audit', 'Audit trails', 'audit'], ['agency-admins', 'Agency administrators', 'agencyadmins']],
  AGENCY_ADMIN: [['', 'Users', 'users'], ['preferences', 'Notification preferences', 'preferences']]
};

export function role(s = current()) {
  const roles = (s && s.roles) || [];
  return ['ADMIN', 'DOJ_OFFICER', 'AUDITOR', 'LEGAL_OFFICER', 'JURISDICTION_OFFICIAL', 'AGENCY_ADMIN'].find(r => roles.includes(r)) || null;
}

// An official or legal officer who is also their jurisdiction's agency administrator gets the Users page too.
function menu() {
  const s = current();
  const own = MENUS[role()] || [];
  const extra = s && s.roles.includes('AGENCY_ADMIN') && !own.some(([, , page]) => page === 'users');
  return extra ? [...own, ['users', 'Users', 'users']] : own;
}

export function go(hash) { location.hash = hash; }


function resolve(path) {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'account') return ['account', {}];
  if (parts[0] === 'requirements' && parts[1]) return ['requirement', { id: parts[1] }];
  if (parts[0] === 'demands' && parts[1]) return ['demand', { id: parts[1] }];
  if (parts[0] === 'letters' && parts[1] && role() !== 'JURISDICTION_OFFICIAL' && role() !== 'LEGAL_OFFICER') return ['letter', { id: parts[1] }];
  if (parts[0] === 'awards' && parts[1] && role() !== 'JURISDICTION_OFFICIAL' && role() !== 'LEGAL_OFFICER') return ['award', { id: parts[1] }];
  const entry = menu().find(([route]) => route === (parts[0] || ''));
  return entry ? [entry[2], {}] : [null, {}];
}

function renderNav() {
  const nav = clear(document.getElementById('nav'));
  const who = clear(document.getElementById('who'));
  const s = current();
  if (!s) return;
  const here = (location.hash.replace(/^#\/?/, '').split('/')[0]) || '';
  nav.appendChild(h('ul', {}, menu().map(([route, label]) =>
    h('li', {}, h('a', { href: '#/' + route, 'aria-current': route === here ? 'page' : null }, label)))));
  who.append(h('span', {}, s.username, ' · ', ROLE_NAMES[role()] || ''),
    h('a', { href: '#/account', id: 'account-link', 'aria-current': here === 'account' ? 'page' : null }, 'Your account'),
    h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: async () => { await signOut(); go('#/'); render(); } }, 'Sign out'));
}

let renderId = 0;
export async function render() {
  const id = ++renderId;
  const main = document.getElementById('main');
  main.dataset.ready = 'false';
  const path = location.hash.replace(/^#/, '') || '/';
  const link = path.match(/^\/email-choices\/([A-Za-z0-9_.-]+)$/);
  if (link) {
    // A jurisdiction contact's choices through the signed link of an email: no account, no sign-in.
    try {
      const page = await PAGES.emailchoices();
      if (id !== renderId) return;
      clear(main);
      await page.default(main, { params: { token: link[1] } });
    } catch (e) {
      if (id === renderId) main.appendChild(message('error', errorText(e)));
    } finally {
      if (id === renderId) {
        document.title = ((main.querySelector('h1') || {}).textContent || 'GrantLine') + ' · GrantLine';
        main.dataset.ready = 'true';
      }
    }
    return;
  }
  let s = current();
  if (!s) s = await restore();
  if (id !== renderId) return;
  renderNav();
  try {
    // The link in an invitation email: open to anyone (the token in the address is the proof).
    if (path.startsWith('/invitation/')) {
      const page = await PAGES.invitation();
      clear(main);
      await page.default(main, { token: path.slice('/invitation/'.length) });
      return;
    }
    if (!s) {
      const page = await PAGES.signin();
      clear(main);
      await page.default(main, { onSignedIn: () => render() });
      return;
    }
    const [name, params] = resolve(path);
    clear(main);
    if (!name) {
      main.appendChild(h('section', {}, h('h1', {}, 'Not here'),
        message('error', 'This page does not exist, or your role does not use it.'), h('p', {}, h('a', { href: '#/' }, 'Go to your start page'))));
      return;
    }
    const page = await PAGES[name]();
    if (id !== renderId) return;
    await page.default(main, { params, role: role(), session: s });
    if (id === renderId) restoreNotice();
  } catch (e) {
    if (id !== renderId) return;
    main.appendChild(message('error', errorText(e)));
  } finally {
    if (id === renderId) {
      document.title = ((main.querySelector('h1') || {}).textContent || 'GrantLine') + ' · GrantLine';
      main.dataset.ready = 'true';
    }
  }
}

onSessionChange(() => renderNav());
window.addEventListener('hashchange', () => { document.getElementById('main').dataset.ready = 'false'; render().then(() => document.getElementById('main').focus()); });
render();
