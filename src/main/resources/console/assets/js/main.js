// The console's entry point: session, navigation and the route table (hash routes, so the
// server serves one page at /console).
import { api, session, setSession, whenSignedOut } from './api.js';
import { h, replace, field, formError, showErrors, flash } from './dom.js';
import { authServerList, authServerForm, authServerPage } from './authservers.js';
import { clientPage } from './client.js';
import { auditPage } from './audit.js';

const view = () => document.getElementById('view');
let current = null;

const routes = [
  [/^#?\/?$/, () => authServerList()],
  [/^#\/auth-servers\/new$/, () => authServerForm(null)],
  [/^#\/auth-servers\/([0-9a-f-]{36})(?:\/(\w[\w-]*))?$/, (m) => authServerPage(m[1], m[2] || 'overview')],
  [/^#\/auth-servers\/([0-9a-f-]{36})\/clients\/([-\w]{1,36})$/, (m) => clientPage(m[1], m[2])],
  [/^#\/audit$/, () => auditPage()],
];

async function render() {
  if (!current) return;
  const hash = location.hash || '#/';
  for (const [pattern, page] of routes) {
    const m = pattern.exec(hash);
    if (m) {
      replace(view(), h('p', { class: 'muted' }, 'Loading…'));
      try {
        const content = await page(m);
        replace(view(), content);
      } catch (e) {
        if (e.status === 401) return;
        replace(view(), h('section', {}, h('h1', {}, e.status === 404 ? 'Not found' : 'Something went wrong'),
          h('p', { class: 'form-error' }, e.message), h('p', {}, h('a', { href: '#/' }, 'Back to auth servers'))));
      }
      return;
    }
  }
  replace(view(), h('section', {}, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to auth servers'))));
}

function showSignedIn(s) {
  current = s;
  setSession(s);
  replace(document.getElementById('nav'),
    h('a', { href: '#/' }, 'Auth servers'),
    h('a', { href: '#/audit' }, 'Audit log'),
    h('a', { href: '/console/api', id: 'api-docs' }, 'API reference'));
  replace(document.getElementById('who'),
    h('span', { class: 'muted', id: 'signed-in-as' }, `Signed in with “${s.admin_token_name}”${s.read_only ? ' (read-only)' : ''}`),
    h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut }, 'Sign out'));
  document.body.classList.toggle('read-only', Boolean(s.read_only));
}

async function signOut() {
  try {
    await session.signOut();
  } finally {
    showSignIn('You are signed out.');
  }
}

function showSignIn(message) {
  current = null;
  setSession(null);
  document.body.classList.remove('read-only');
  replace(document.getElementById('nav'));
  replace(document.getElementById('who'));
  const input = h('input', { type: 'password', name: 'admin_token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    message ? h('p', { class: 'notice', id: 'sign-in-message' }, message) : null,
    h('p', { class: 'muted' }, 'Paste an admin token. It is sent once to open a session and is not kept by this page.'),
    field('Admin token', 'admin_token', input),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const s = await session.signIn(input.value);
      input.value = '';
      showSignedIn(s);
      if (!location.hash) location.hash = '#/';
      render();
    } catch (e) {
      input.value = '';
      if (e.status === 401) e.invalid = [{ field: 'admin_token', reason: 'is not a valid admin token' }];
      showErrors(form, e);
    }
  });
  replace(view(), form);
  input.focus();
}

whenSignedOut((message) => showSignIn(message));
window.addEventListener('hashchange', render);

(async () => {
  try {
    showSignedIn(await session.current());
    render();
  } catch (e) {
    showSignIn(null);
  }
})();

export { flash, api };
