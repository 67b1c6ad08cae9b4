// The console's only way to the server: same-origin fetch with the session cookie (sent by the
// browser, never readable here) and the CSRF token (held in this module's memory only).

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.error_description)) || `Request failed (${status})`);
    this.status = status;
    this.body = body || {};
    this.invalid = Array.isArray(this.body.invalid_parameters) ? this.body.invalid_parameters : [];
  }
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function setSession(session) {
  csrfToken = session ? session.csrf_token : null;
}

async function send(method, path, body, extraHeaders = {}) {
  const headers = { Accept: 'application/json', ...extraHeaders };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { detail: 'The server could not be reached' });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { detail: `Unexpected answer from the server (${response.status})` }; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A /v1 call; a 401 means the session ended, which sends the operator back to sign-in. */
export async function api(method, path, body) {
  try {
    return await send(method, '/v1' + path, body);
  } catch (e) {
    if (e.status === 401) {
      csrfToken = null;
      onSignedOut('Your session has ended. Sign in again.');
    }
    throw e;
  }
}

export const session = {
  current: () => send('GET', '/console/session'),
  signIn: (adminToken) => send('POST', '/console/session', { admin_token: adminToken }),
  signOut: () => send('DELETE', '/console/session'),
};

/** Every page of a list (the console's lists are small: at most 100 a page, 20 pages). */
export async function listAll(path, query = {}) {
  const out = [];
  for (let number = 1; number <= 20; number++) {
    const params = new URLSearchParams({ ...query, 'page[size]': '100', 'page[number]': String(number) });
    const page = await api('GET', `${path}?${params}`);
    out.push(...page.data);
    if (out.length >= page.meta.page.total || page.data.length === 0) break;
  }
  return out;
}

/** Token requests go to the issuer's own endpoint, on this origin (see docs/CONSOLE.md). */
export async function requestToken(issuer, form) {
  const path = new URL(issuer).pathname + '/oauth/token';
  const response = await fetch(path, {
    method: 'POST', credentials: 'omit', cache: 'no-store',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  return { status: response.status, data };
}
