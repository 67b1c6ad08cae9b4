// Auth servers: list (search by name, filter by label), create, edit, delete, and the page of
// one auth server with its tabs.
import { api, listAll } from './api.js';
import { h, field, select, formError, showErrors, copyButton, time, labelsText, parseLabels, labelsPatch,
  lines, badges, confirmDialog, flash, errorBox } from './dom.js';
import { scopesTab } from './scopes.js';
import { claimsTab } from './claims.js';
import { clientsTab } from './clients.js';
import { keysTab } from './keys.js';
import { activityTab } from './activity.js';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

export async function authServerList() {
  const search = h('input', { type: 'search', name: 'search', placeholder: 'Search by name', 'aria-label': 'Search by name' });
  const label = h('input', { type: 'search', name: 'label', placeholder: 'Label, e.g. team:payments', 'aria-label': 'Filter by label' });
  const body = h('div', { id: 'auth-server-results' });
  const load = async () => {
    const query = {};
    if (search.value.trim()) query['filter[name][contains]'] = search.value.trim();
    if (label.value.trim()) query['filter[labels]'] = label.value.trim();
    try {
      const servers = await listAll('/auth-servers', query);
      body.replaceChildren(servers.length === 0
        ? h('p', { class: 'muted' }, query['filter[name][contains]'] || query['filter[labels]'] ? 'No auth server matches.' : 'No auth servers yet. Create the first one.')
        : h('table', { class: 'list', id: 'auth-servers' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Audience'), h('th', {}, 'Labels'), h('th', {}, 'Created'))),
          h('tbody', {}, servers.map(s => h('tr', {},
            h('td', {}, h('a', { href: `#/auth-servers/${s.id}` }, s.name), s.description ? h('div', { class: 'muted small' }, s.description) : null),
            h('td', {}, s.audience),
            h('td', {}, badges(s.labels)),
            h('td', {}, time(s.created_at)))))));
    } catch (e) {
      body.replaceChildren(e.invalid.length ? h('p', { class: 'form-error' }, e.invalid.map(p => `${p.field} ${p.reason}`).join('; ')) : errorBox(e));
    }
  };
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(load, 250); };
  search.addEventListener('input', later);
  label.addEventListener('input', later);
  await load();
  return h('section', {},
    h('div', { class: 'title' }, h('h1', {}, 'Auth servers'),
      h('a', { class: 'button writes', href: '#/auth-servers/new', id: 'new-auth-server' }, 'New auth server')),
    h('div', { class: 'filters' }, search, label),
    body);
}

/** The create form (server null) or the edit form of an auth server. */
export function authServerForm(server, onSaved) {
  const s = server || {};
  const form = h('form', { class: 'card', id: server ? 'edit-auth-server' : 'create-auth-server' },
    h('h2', {}, server ? 'Settings' : 'New auth server'),
    field('Name', 'name', h('input', { value: s.name || '', maxlength: 255 })),
    field('Description', 'description', h('input', { value: s.description || '' })),
    field('Audience', 'audience', h('input', { value: s.audience || '' }), 'Becomes the aud claim of every token, e.g. https://api.example.com'),
    field('Signing algorithm', 'signing_algorithm', select('signing_algorithm', ALGORITHMS, s.signing_algorithm || 'RS256')),
    field('Access token typ', 'access_token_typ', select('access_token_typ', ['JWT', 'at+jwt'], s.access_token_typ || 'JWT'),
      'JWT suits most validators; at+jwt is RFC 9068'),
    field('Labels', 'labels', h('textarea', { rows: 2, placeholder: 'team: payments' }, labelsText(s.labels)), 'One key: value per line'),
    field('Trusted origins', 'trusted_origins', h('textarea', { rows: 2, placeholder: 'https://app.example.com' }, (s.trusted_origins || []).join('\n')),
      'Browser origins that may call the OAuth endpoints (CORS); one per line'),
    formError(),
    h('div', { class: 'actions writes' }, h('button', { type: 'submit' }, server ? 'Save changes' : 'Create auth server'),
      server ? null : h('a', { class: 'button secondary', href: '#/' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = (name) => form.elements[name].value;
    const labels = parseLabels(v('labels'));
    const body = {
      name: v('name').trim(), description: v('description'), audience: v('audience').trim(),
      signing_algorithm: v('signing_algorithm'), access_token_typ: v('access_token_typ'),
      labels: server ? labelsPatch(s.labels, labels) : labels, trusted_origins: lines(v('trusted_origins')),
    };
    try {
      const saved = server ? await api('PATCH', `/auth-servers/${s.id}`, body) : await api('POST', '/auth-servers', body);
      flash(server ? `Saved “${saved.name}”.` : `Created auth server “${saved.name}”.`);
      if (onSaved) onSaved(saved); else location.hash = `#/auth-servers/${saved.id}`;
    } catch (e) {
      showErrors(form, e);
    }
  });
  return server ? form : h('section', {}, form);
}

const TABS = [['overview', 'Overview'], ['scopes', 'Scopes'], ['claims', 'Claims'], ['clients', 'Clients'],
  ['keys', 'Signing keys'], ['activity', 'Token activity']];

export async function authServerPage(id, tab) {
  const server = await api('GET', `/auth-servers/${id}`);
  const content = {
    overview: overview, scopes: scopesTab, claims: claimsTab, clients: clientsTab, keys: keysTab, activity: activityTab,
  }[tab];
  if (!content) throw Object.assign(new Error('No such tab'), { status: 404 });
  return h('section', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Auth servers'), ' / ', server.name),
    h('div', { class: 'title' }, h('h1', { id: 'auth-server-name' }, server.name), badges(server.labels)),
    h('nav', { class: 'tabs' }, TABS.map(([key, label]) =>
      h('a', { href: `#/auth-servers/${id}/${key}`, class: key === tab ? 'active' : null, 'data-tab': key }, label))),
    await content(server));
}

function urlRow(label, value, id) {
  return h('div', { class: 'url-row' }, h('span', { class: 'url-label' }, label),
    h('code', { id }, value), copyButton(value));
}

async function overview(server) {
  const edit = authServerForm(server, () => window.dispatchEvent(new HashChangeEvent('hashchange')));
  const del = h('button', { type: 'button', class: 'danger writes', id: 'delete-auth-server' }, 'Delete auth server');
  del.addEventListener('click', async () => {
    const counts = await Promise.all(['scopes', 'claims', 'clients'].map(kind =>
      api('GET', `/auth-servers/${server.id}/${kind}?page[size]=1`).then(p => p.meta.page.total)));
    const [scopes, claims, clients] = counts;
    const total = scopes + claims + clients;
    const what = total === 0 ? 'It has no scopes, claims or clients.'
      : `Its ${scopes} scope(s), ${claims} claim(s) and ${clients} client(s) are deleted with it, and every token it issued stops working.`;
    const ok = await confirmDialog(`Delete auth server “${server.name}”?`, `${what} This cannot be undone.`,
      `Delete “${server.name}”`);
    if (!ok) return;
    try {
      await api('DELETE', `/auth-servers/${server.id}${total > 0 ? '?force=true' : ''}`);
      flash(`Deleted auth server “${server.name}”.`);
      location.hash = '#/';
    } catch (e) {
      flash(e.message);
    }
  });
  return h('div', { class: 'stack' },
    h('div', { class: 'card' },
      h('h2', {}, 'Endpoints'),
      urlRow('Issuer', server.issuer, 'issuer-url'),
      urlRow('Discovery', server.metadata_uri, 'discovery-url'),
      urlRow('JWKS', server.jwks_uri, 'jwks-url'),
      h('p', { class: 'muted small' }, `Created ${time(server.created_at)}, updated ${time(server.updated_at)}. Id ${server.id}`)),
    edit,
    h('div', { class: 'card danger-zone writes' }, h('h2', {}, 'Delete'), h('p', {}, 'Deleting an auth server deletes its scopes, claims, clients and tokens.'), del));
}
