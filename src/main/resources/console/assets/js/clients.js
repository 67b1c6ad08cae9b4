// Clients of one auth server: the list, and the create form (whose answer shows the secret once).
import { api, listAll } from './api.js';
import { h, field, checkbox, checkboxGroup, checked, select, formError, showErrors, labelsText, parseLabels,
  labelsPatch, lines, badges, time, flash } from './dom.js';
import { secretOnce } from './secrets.js';

export const GRANT_TYPES = ['client_credentials', 'authorization_code', 'implicit'];
export const RESPONSE_TYPES = ['none', 'token', 'code', 'id_token'];
export const AUTH_METHODS = ['client_secret_post', 'client_secret_basic', 'none'];

export async function clientsTab(server) {
  const [clients, scopes] = await Promise.all([listAll(`/auth-servers/${server.id}/clients`),
    listAll(`/auth-servers/${server.id}/scopes`)]);
  const result = h('div', { id: 'client-created' });
  const form = clientForm(server, null, scopes, (saved) => {
    result.replaceChildren(secretOnce(saved.id, saved.client_secret, `Client “${saved.name}” created`),
      h('p', {}, h('a', { href: `#/auth-servers/${server.id}/clients/${saved.id}`, id: 'open-new-client' }, `Open “${saved.name}” to get a test token`)));
    form.reset();
  });
  return h('div', { class: 'stack' },
    clients.length === 0 ? h('p', { class: 'muted' }, 'No clients yet.')
      : h('table', { class: 'list', id: 'clients' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Client'), h('th', {}, 'Id'), h('th', {}, 'Grant types'), h('th', {}, 'Labels'), h('th', {}, 'Created'))),
        h('tbody', {}, clients.map(c => h('tr', { 'data-client': c.name },
          h('td', {}, h('a', { href: `#/auth-servers/${server.id}/clients/${c.id}` }, c.name)),
          h('td', {}, h('code', {}, c.id)),
          h('td', {}, c.grant_types.join(', ')),
          h('td', {}, badges(c.labels)),
          h('td', {}, time(c.created_at)))))),
    result,
    form);
}

/** Create (client null) or edit form of a client; onSaved gets the API's answer. */
export function clientForm(server, client, scopes, onSaved) {
  const c = client || { grant_types: ['client_credentials'], response_types: ['token'], token_endpoint_auth_method: 'client_secret_post',
    access_token_duration: 300, id_token_duration: 300, allow_scopes: [], redirect_uris: [] };
  const form = h('form', { class: 'card writes', id: client ? 'edit-client' : 'create-client' },
    h('h2', {}, client ? 'Settings' : 'New client'),
    field('Name', 'name', h('input', { value: c.name || '' })),
    checkboxGroup('Grant types', 'grant_types', GRANT_TYPES.map(g => ({ value: g, label: g })), c.grant_types),
    checkboxGroup('Response types', 'response_types', RESPONSE_TYPES.map(g => ({ value: g, label: g })), c.response_types),
    field('Token endpoint authentication', 'token_endpoint_auth_method', select('token_endpoint_auth_method', AUTH_METHODS, c.token_endpoint_auth_method)),
    field('Redirect URIs', 'redirect_uris', h('textarea', { rows: 2, placeholder: 'https://app.example.com/callback' }, (c.redirect_uris || []).join('\n')), 'One per line; https, or http on localhost'),
    field('Login URI', 'login_uri', h('input', { value: c.login_uri || '', placeholder: 'https://app.example.com/login' })),
    field('Access token lifetime (seconds)', 'access_token_duration', h('input', { type: 'number', value: c.access_token_duration })),
    field('ID token lifetime (seconds)', 'id_token_duration', h('input', { type: 'number', value: c.id_token_duration })),
    checkbox('May ask for every scope', 'allow_all_scopes', c.allow_all_scopes),
    checkboxGroup('Or only these scopes', 'allow_scopes', scopes.map(s => ({ value: s.id, label: s.name })), c.allow_scopes),
    field('Labels', 'labels', h('textarea', { rows: 2, placeholder: 'team: payments' }, labelsText(c.labels)), 'One key: value per line'),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, client ? 'Save client' : 'Create client')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const e = form.elements;
    const number = (v) => (v.trim() === '' ? undefined : Number(v));
    const labels = parseLabels(e.labels.value);
    const body = {
      name: e.name.value.trim(), grant_types: checked(form, 'grant_types'), response_types: checked(form, 'response_types'),
      token_endpoint_auth_method: e.token_endpoint_auth_method.value, redirect_uris: lines(e.redirect_uris.value),
      login_uri: e.login_uri.value.trim() || null, access_token_duration: number(e.access_token_duration.value),
      id_token_duration: number(e.id_token_duration.value), allow_all_scopes: e.allow_all_scopes.checked,
      allow_scopes: checked(form, 'allow_scopes'), labels: client ? labelsPatch(c.labels, labels) : labels,
    };
    try {
      const saved = client ? await api('PATCH', `/auth-servers/${server.id}/clients/${client.id}`, body)
        : await api('POST', `/auth-servers/${server.id}/clients`, body);
      flash(`${client ? 'Saved' : 'Created'} client “${saved.name}”.`);
      onSaved(saved);
    } catch (err) {
      showErrors(form, err);
    }
  });
  return form;
}
