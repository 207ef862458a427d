// The shell: restores the session from the cookie, shows each role its own navigation, and routes
// by the part of the address after '#'.
import { current, restore, signOut, onSessionChange } from './api.js';
import { h, clear, message, errorText, ROLE_NAMES } from './ui.js';

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
  audit: () => import('./pages/audit.js'),
  users: () => import('./pages/users.js')
};

// Which pages each role may open, in menu order: [route, label, page].
const MENUS = {
  JURISDICTION_OFFICIAL: [['', 'What is due', 'home'], ['inbox', 'Inbox', 'inbox'], ['jurisdiction', 'Our jurisdiction', 'jurisdiction']],
  LEGAL_OFFICER: [['', 'What is due', 'home'], ['inbox', 'Inbox', 'inbox'], ['jurisdiction', 'Our jurisdiction', 'jurisdiction']],
  DOJ_OFFICER: [['', 'Deadlines', 'deadlines'], ['map', 'Map', 'map'], ['at-risk', 'Funds at risk', 'atrisk'],
    ['review', 'Review', 'review'], ['awards', 'Awards', 'awards'], ['court-orders', 'Court orders', 'courtorders'], ['inbox', 'Inbox', 'inbox']],
  AUDITOR: [['', 'Deadlines', 'deadlines'], ['map', 'Map', 'map'], ['at-risk', 'Funds at risk', 'atrisk'],
    ['review', 'Certifications', 'review'], ['awards', 'Awards', 'awards'], ['court-orders', 'Court orders', 'courtorders'],
    ['audit', 'Audit trails', 'audit'], ['users', 'Users', 'users']],
  ADMIN: [['', 'Users', 'users'], ['deadlines', 'Deadlines', 'deadlines'], ['audit', 'Audit trails', 'audit']]
};

export function role(s = current()) {
  const roles = (s && s.roles) || [];
  return ['ADMIN', 'DOJ_OFFICER', 'AUDITOR', 'LEGAL_OFFICER', 'JURISDICTION_OFFICIAL'].find(r => roles.includes(r)) || null;
}

export function go(hash) { location.hash = hash; }

function menu() { return MENUS[role()] || []; }

function resolve(path) {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'requirements' && parts[1]) return ['requirement', { id: parts[1] }];
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
    h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: async () => { await signOut(); go('#/'); render(); } }, 'Sign out'));
}

let renderId = 0;
export async function render() {
  const id = ++renderId;
  const main = document.getElementById('main');
  main.dataset.ready = 'false';
  const path = location.hash.replace(/^#/, '') || '/';
  let s = current();
  if (!s) s = await restore();
  if (id !== renderId) return;
  renderNav();
  try {
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
