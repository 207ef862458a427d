// The session and every call to the API. The access token lives in this module's memory only; the
// refresh token sits in an HttpOnly cookie that only /web/session/* receives, so a page reload
// restores the session through POST /web/session/refresh.
import { get as passkey } from './passkeys.js';

const CSRF = { 'X-GrantLine-Web': '1' };
let session = null;          // { token, expiresAt, username, roles }
let refreshing = null;
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, sentence, problem) {
    super(sentence);
    this.status = status;
    this.problem = problem;
  }
}

export function onSessionChange(fn) { listeners.add(fn); }
function changed() { listeners.forEach(fn => fn(session)); }
export function current() { return session; }

function accept(body) {
  session = {
    token: body.access_token,
    expiresAt: Date.now() + (body.expires_in - 30) * 1000,
    username: body.username,
    roles: body.roles || []
  };
  changed();
  return session;
}

export async function signIn(username, password) {
  const res = await fetch('/web/session', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', ...CSRF },
    body: JSON.stringify({ username, password })
  });
  if (!res.ok) throw await toError(res);
  return accept(await res.json());
}

/** Signs in with a passkey: no username, no password, no code (the passkey is both factors). */
export async function signInWithPasskey() {
  const options = await publicPost('/login/passkey/options', {});
  const credential = await passkey(options.publicKey);
  const res = await fetch('/web/session/passkey', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', ...CSRF },
    body: JSON.stringify({ challengeId: options.challengeId, credential })
  });
  if (!res.ok) throw await toError(res);
  return accept(await res.json());
}

/** A public GET without a token (the sign-in page's list of identity providers). */
export async function publicGet(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
  if (!res.ok) throw await toError(res);
  return res.json();
}

/** A public POST without a token (accepting an invitation: the token is in the body, never in an address). */
export async function publicPost(path, body) {
  const res = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json' },
    body: JSON.stringify(body)
  });
  if (!res.ok) throw await toError(res);
  return res.json();
}

/** A request without a token whose path carries its own credential (a signed link from an email). */
export async function publicSend(method, path, body) {
  const res = await fetch(path, {
    method, credentials: 'same-origin',
    headers: { 'Accept': 'application/json, application/problem+json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (!res.ok) throw await toError(res);
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/** The second step of sign-in: the challenge from the first step's 401 and a code. */
export async function secondFactor(challenge, code) {
  const res = await fetch('/web/session/second-factor', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', ...CSRF },
    body: JSON.stringify({ challenge, code })
  });
  if (!res.ok) throw await toError(res);
  const body = await res.json();
  accept(body);
  return body;
}

/** A new authenticator key during a sign-in whose role requires one. */
export async function secondFactorEnrolment(challenge) {
  const res = await fetch('/web/session/second-factor/enrolment', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', ...CSRF },
    body: JSON.stringify({ challenge })
  });
  if (!res.ok) throw await toError(res);
  return res.json();
}

/** Quietly asks for a new access token with the cookie; null when there is no session. */
export function restore() {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await fetch('/web/session/refresh', {
          method: 'POST', credentials: 'same-origin', headers: { 'Accept': 'application/json', ...CSRF }
        });
        if (!res.ok) { session = null; changed(); return null; }
        return accept(await res.json());
      } catch (e) {
        return null;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

export async function signOut() {
  try {
    await fetch('/web/session', { method: 'DELETE', credentials: 'same-origin', headers: CSRF });
  } finally {
    session = null;
    changed();
  }
}

async function token() {
  if (session && Date.now() < session.expiresAt) return session.token;
  const s = await restore();
  if (!s) throw new ApiError(401, 'Your session has ended. Please sign in again.');
  return s.token;
}

/** A problem+json (or any failed answer) as one plain sentence. */
export async function toError(res) {
  let problem = null;
  try {
    const type = res.headers.get('Content-Type') || '';
    if (type.includes('json')) problem = await res.json();
  } catch (e) { /* not JSON */ }
  return new ApiError(res.status, sentence(res.status, problem), problem);
}

export function sentence(status, problem) {
  const fallback = {
    400: 'The request was not accepted.', 401: 'Please sign in again.',
    403: 'You are not allowed to do that.', 404: 'That was not found, or it is not yours to see.',
    409: 'Someone changed this in the meantime; reload and try again.', 413: 'The file is too large.',
    415: 'That kind of file is not accepted.', 422: 'The request could not be processed.',
    503: 'A part of GrantLine is not available right now; try again in a minute.',
    504: 'GrantLine took too long to answer; try again.'
  };
  let text = '';
  if (problem && typeof problem === 'object') {
    text = problem.detail || problem.message || problem.title || '';
    const errors = Array.isArray(problem.errors) ? problem.errors : [];
    const parts = errors.map(e => (e.field ? humanField(e.field) + ' ' : '') + (e.message || '')).filter(Boolean);
    if (parts.length) text = (text ? text.replace(/\.?$/, ': ') : '') + parts.join('; ');
  }
  if (!text) text = fallback[status] || (status >= 500 ? 'Something went wrong on our side (' + status + ').' : 'The request failed (' + status + ').');
  text = text.trim();
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : text + '.';
}

function humanField(field) {
  return String(field).replace(/^[a-z]+\./, '').replace(/([A-Z])/g, ' $1').toLowerCase();
}

export async function api(method, path, body, { raw = false, headers = {} } = {}) {
  const send = async (t) => fetch(path, {
    method, credentials: 'same-origin',
    headers: {
      'Authorization': 'Bearer ' + t, 'Accept': 'application/json, application/problem+json',
      ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
      ...headers
    },
    body: body === undefined ? undefined : (body instanceof FormData ? body : JSON.stringify(body))
  });
  let res;
  try {
    res = await send(await token());
    if (res.status === 401) {
      const s = await restore();
      if (!s) throw new ApiError(401, 'Your session has ended. Please sign in again.');
      res = await send(s.token);
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, 'GrantLine cannot be reached; check your connection and try again.');
  }
  if (!res.ok) throw await toError(res);
  if (raw) return res;
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path) => api('DELETE', path);

/** Multipart upload with progress (XMLHttpRequest: fetch cannot report upload progress). */
export async function upload(path, form, onProgress) {
  const t = await token();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', 'Bearer ' + t);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(body); }
      else reject(new ApiError(xhr.status, sentence(xhr.status, body), body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload was interrupted; check your connection and try again.'));
    xhr.send(form);
  });
}

/** Downloads an authenticated resource (a CSV, a document) and hands it to the browser as a file. */
export async function download(path, fallbackName) {
  const res = await api('GET', path, undefined, { raw: true, headers: { 'Accept': '*/*' } });
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name; a.hidden = true;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Tokens refresh quietly a little before they expire.
setInterval(() => {
  if (session && Date.now() > session.expiresAt - 60000) restore();
}, 30000);
