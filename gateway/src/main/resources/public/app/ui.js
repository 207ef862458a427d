// Small DOM helpers: every text goes in as a text node (never as HTML), so data cannot inject markup.
import { get } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Appends children, skipping null and false (Element.append would write them as text). */
export function add(el, ...children) { append(el, children); return el; }

/** Replaces the children, skipping null and false. */
export function fill(el, ...children) { clear(el); append(el, children); return el; }

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

/** A status line read out by screen readers; errors in plain sentences. */
export function message(kind, text) {
  return h('p', { class: 'msg msg-' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function errorText(e) {
  return (e && e.message) ? e.message : 'Something went wrong.';
}

export function table(caption, headers, rows, { id } = {}) {
  // On a phone each row becomes a card; the labels come from the column headers.
  for (const row of rows) [...row.children].forEach((td, i) => { if (headers[i]) td.dataset.label = headers[i]; });
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length }, 'Nothing to show.')))));
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export function usd(v) { return v === null || v === undefined ? '—' : money.format(Number(v)); }

export function localDeadline(r) {
  const d = new Date(r.deadline);
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: r.timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
  });
  try { return fmt.format(d); } catch (e) { return r.deadlineLocalDate + ' ' + r.deadlineLocalTime + ' ' + r.timeZone; }
}

export function timeLeft(deadline, now = Date.now()) {
  const ms = new Date(deadline).getTime() - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86400000);
  const hours = Math.floor((abs % 86400000) / 3600000);
  const minutes = Math.floor((abs % 3600000) / 60000);
  const span = days > 0 ? `${days} day${days === 1 ? '' : 's'} ${hours} h` : (hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`);
  return ms < 0 ? `${span} overdue` : `${span} left`;
}

export function date(v) {
  if (!v) return '—';
  const d = new Date(v);
  return isNaN(d) ? String(v) : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export function statusBadge(r) {
  if (r.status === 'REJECTED') return h('span', { class: 'badge badge-rejected' }, r.overdue ? '⚠ Rejected by DOJ — OVERDUE' : 'Rejected by DOJ');
  if (r.overdue) return h('span', { class: 'badge badge-overdue' }, '⚠ OVERDUE');
  if (r.enjoined) return h('span', { class: 'badge badge-enjoined' }, 'Enjoined by court order');
  const labels = { OPEN: 'Open', SUBMITTED: 'Submitted — awaiting DOJ review', ACCEPTED: 'Accepted', WAIVED: 'Waived', REJECTED: 'Rejected by DOJ' };
  return h('span', { class: 'badge badge-' + String(r.status).toLowerCase() }, labels[r.status] || r.status);
}

export function link(href, text, attrs = {}) { return h('a', { href, ...attrs }, text); }

export function field(labelText, input, hint) {
  const id = input.id || ('f-' + Math.random().toString(36).slice(2, 9));
  input.id = id;
  const hintId = hint ? id + '-hint' : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), hint ? h('p', { class: 'hint', id: hintId }, hint) : null, input);
}

export function select(name, options, value, attrs = {}) {
  return h('select', { name, ...attrs }, options.map(([v, t]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, t)));
}

// Look-ups shared by the pages, cached for the life of the page.
const cache = new Map();
export function cached(key, loader) {
  if (!cache.has(key)) cache.set(key, loader().catch(e => { cache.delete(key); throw e; }));
  return cache.get(key);
}
export const jurisdiction = (id) => cached('j:' + id, () => get('/api/jurisdictions/' + id));
export const programs = () => cached('programs', () => get('/api/programs'));
export const award = (id) => cached('a:' + id, () => get('/api/awards/' + id));
export const conditions = (programId, fiscalYear) =>
  cached(`c:${programId}:${fiscalYear}`, () => get(`/api/programs/${programId}/conditions?fiscalYear=${fiscalYear}`));
export function forget(prefix) { for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k); }

/** Runs loaders with at most `limit` at a time. */
export async function pool(items, limit, fn) {
  const out = new Array(items.length);
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) { const k = i++; try { out[k] = await fn(items[k]); } catch (e) { out[k] = null; } }
  });
  await Promise.all(workers);
  return out;
}

/** The condition a requirement certifies, with its program: {condition, program, award}. */
export async function describe(r) {
  const a = await award(r.awardId);
  const [list, progs] = await Promise.all([conditions(a.programId, a.fiscalYear), programs()]);
  const items = Array.isArray(list) ? list : (list.items || []);
  return {
    award: a,
    condition: items.find(c => c.id === r.conditionId) || null,
    program: (Array.isArray(progs) ? progs : (progs.items || [])).find(p => p.id === a.programId) || null
  };
}

export const ROLE_NAMES = {
  ADMIN: 'Administrator', DOJ_OFFICER: 'DOJ officer', JURISDICTION_OFFICIAL: 'Jurisdiction official',
  LEGAL_OFFICER: 'Legal officer', AGENCY_ADMIN: 'Agency administrator', AUDITOR: 'Auditor'
};

// A confirmation that outlives the page being drawn again: shown now in `status`, and put back into
// the element with the same id once the page has been redrawn with the changed data (a user, or a
// test, must not miss it because the redraw replaced the element half a second later).
let pendingNotice = null;
export function redrawWith(status, notice, delay = 500) {
  fill(status, notice);
  pendingNotice = status.id ? { id: status.id, notice } : null;
  setTimeout(() => window.dispatchEvent(new HashChangeEvent('hashchange')), delay);
}
export function restoreNotice() {
  const p = pendingNotice;
  pendingNotice = null;
  const el = p && document.getElementById(p.id);
  if (el) fill(el, p.notice);
}
