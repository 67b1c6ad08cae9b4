// One client: settings, secrets (rotation with two enabled secrets), live tokens (revoke one or
// all) and "get a test token".
import { api, listAll, requestToken } from './api.js';
import { h, field, formError, showErrors, time, confirmDialog, flash, copyButton, replace } from './dom.js';
import { clientForm } from './clients.js';
import { secretOnce, recall, remember } from './secrets.js';

export async function clientPage(serverId, clientId) {
  const [server, client, scopes] = await Promise.all([api('GET', `/auth-servers/${serverId}`),
    api('GET', `/auth-servers/${serverId}/clients/${clientId}`), listAll(`/auth-servers/${serverId}/scopes`)]);
  const base = `/auth-servers/${serverId}/clients/${clientId}`;
  const secrets = h('div', { class: 'card', id: 'secrets' });
  const tokens = h('div', { class: 'card', id: 'tokens' });
  const refreshSecrets = () => renderSecrets(secrets, base, client);
  const refreshTokens = () => renderTokens(tokens, base);
  await Promise.all([refreshSecrets(), refreshTokens()]);
  const del = h('button', { type: 'button', class: 'danger', id: 'delete-client' }, 'Delete client');
  del.addEventListener('click', async () => {
    if (!await confirmDialog(`Delete client “${client.name}”?`, 'Its secrets are deleted and every token it holds stops working at once.',
      `Delete “${client.name}”`)) return;
    try {
      await api('DELETE', base);
      flash(`Deleted client “${client.name}”.`);
      location.hash = `#/auth-servers/${serverId}/clients`;
    } catch (e) {
      flash(e.message);
    }
  });
  return h('section', {},
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, 'Auth servers'), ' / ',
      h('a', { href: `#/auth-servers/${serverId}/clients` }, server.name), ' / ', client.name),
    h('div', { class: 'title' }, h('h1', {}, client.name), h('code', { id: 'client-id' }, client.id), copyButton(client.id, 'Copy id')),
    h('div', { class: 'stack' },
      testToken(server, client, scopes, refreshTokens),
      secrets,
      tokens,
      clientForm(server, client, scopes, () => window.dispatchEvent(new HashChangeEvent('hashchange'))),
      h('div', { class: 'card danger-zone writes' }, h('h2', {}, 'Delete'), del)));
}

async function renderSecrets(box, base, client) {
  const list = await listAll(`${base}/secrets`, { sort: 'created_at' });
  const enabled = list.filter(s => s.enabled).length;
  const shown = h('div', { id: 'rotated' });
  const rotate = h('button', { type: 'button', id: 'rotate-secret', class: 'writes' }, 'Rotate: add a new secret');
  rotate.addEventListener('click', async () => {
    try {
      const created = await api('POST', `${base}/secrets`, {});
      await renderSecrets(box, base, client);
      box.querySelector('#rotated').replaceChildren(secretOnce(client.id, created.secret, 'New secret'),
        h('p', { class: 'notice' }, 'Both enabled secrets work now. Move your application to the new one, then disable or delete the old one.'));
    } catch (e) {
      flash(e.message);
    }
  });
  const action = (secret, label, request, done, cls = 'secondary') => h('button', { type: 'button', class: cls, 'data-action': label.toLowerCase(), onclick: async () => {
    if (label === 'Delete' && !await confirmDialog('Delete this secret?', `Secret ${secret.id} stops working at once for client “${client.name}”.`, 'Delete secret')) return;
    try {
      await request();
      flash(done);
      await renderSecrets(box, base, client);
    } catch (e) {
      flash(e.message);
    }
  } }, label);
  replace(box,
    h('h2', {}, 'Secrets'),
    h('p', { class: enabled >= 2 ? 'notice overlap' : 'muted', id: 'secret-overlap' }, enabled >= 2
      ? 'Two secrets are enabled: both are accepted (rotation in progress). Disable the old one once every caller uses the new one.'
      : `${enabled} enabled secret. Rotation adds a second one; at most two are enabled at once.`),
    h('table', { class: 'list', id: 'secret-list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Secret id'), h('th', {}, 'State'), h('th', {}, 'Created'), h('th', {}))),
      h('tbody', {}, list.map(s => h('tr', { 'data-secret': s.id },
        h('td', {}, h('code', {}, s.id)),
        h('td', {}, h('span', { class: s.enabled ? 'state on' : 'state off' }, s.enabled ? 'enabled' : 'disabled')),
        h('td', {}, time(s.created_at)),
        h('td', { class: 'row-actions writes' },
          action(s, s.enabled ? 'Disable' : 'Enable', () => api('PATCH', `${base}/secrets/${s.id}`, { enabled: !s.enabled }),
            s.enabled ? 'Secret disabled.' : 'Secret enabled.'),
          action(s, 'Delete', () => api('DELETE', `${base}/secrets/${s.id}`), 'Secret deleted.', 'danger')))))),
    h('div', { class: 'actions' }, rotate),
    shown);
}

async function renderTokens(box, base) {
  const list = await listAll(`${base}/tokens`, { sort: 'created_at desc' });
  const revokeAll = h('button', { type: 'button', class: 'danger writes', id: 'revoke-all' }, 'Revoke all tokens');
  revokeAll.addEventListener('click', async () => {
    if (!await confirmDialog('Revoke all tokens of this client?', `${list.length} live token(s) stop working at once.`, 'Revoke all')) return;
    try {
      await api('DELETE', `${base}/tokens`);
      flash('All tokens revoked.');
      await renderTokens(box, base);
    } catch (e) {
      flash(e.message);
    }
  });
  replace(box,
    h('h2', {}, 'Live tokens'),
    list.length === 0 ? h('p', { class: 'muted', id: 'no-tokens' }, 'No live tokens.')
      : h('table', { class: 'list', id: 'token-list' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Token id (jti)'), h('th', {}, 'Scopes'), h('th', {}, 'Issued'), h('th', {}, 'Expires'), h('th', {}))),
        h('tbody', {}, list.map(t => h('tr', { 'data-token': t.id },
          h('td', {}, h('code', {}, t.id)),
          h('td', {}, t.granted_scope_names.join(' ') || '—'),
          h('td', {}, time(t.created_at)),
          h('td', {}, time(t.expires_at)),
          h('td', { class: 'row-actions writes' }, h('button', { type: 'button', class: 'danger', 'data-action': 'revoke', onclick: async () => {
            try {
              await api('DELETE', `${base}/tokens/${t.id}`);
              flash('Token revoked.');
              await renderTokens(box, base);
            } catch (e) {
              flash(e.message);
            }
          } }, 'Revoke')))))),
    list.length ? h('div', { class: 'actions' }, revokeAll) : null);
}

function decode(part) {
  const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent([...text].map(ch => '%' + ch.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

function shellQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function testToken(server, client, scopes, afterIssue) {
  const secret = h('input', { type: 'password', name: 'client_secret', autocomplete: 'off', spellcheck: 'false', value: recall(client.id) });
  const scope = h('input', { name: 'scope', placeholder: scopes.filter(s => s.enabled).map(s => s.name).slice(0, 3).join(' ') });
  const out = h('div', { id: 'test-token-result' });
  const form = h('form', { class: 'card', id: 'test-token' },
    h('h2', {}, 'Get a test token'),
    h('p', { class: 'muted' }, 'Asks this auth server’s token endpoint for a client-credentials token, as an application would. '
      + 'The secret stays in this page’s memory and is sent only to the token endpoint.'),
    field('Client secret', 'client_secret', secret, recall(client.id) ? 'Filled in with the secret this page was just given' : 'Paste one of the client’s secrets'),
    field('Scope (optional)', 'scope', scope, 'Space-separated scope names; empty asks for the default scopes'),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Get a test token')),
    out);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = { grant_type: 'client_credentials', client_id: client.id, client_secret: secret.value };
    if (scope.value.trim()) params.scope = scope.value.trim();
    const curl = `curl -s -X POST ${shellQuote(server.issuer + '/oauth/token')} \\\n  -d grant_type=client_credentials \\\n  -d client_id=${shellQuote(client.id)} \\\n  -d client_secret="$CLIENT_SECRET"`
      + (params.scope ? ` \\\n  --data-urlencode scope=${shellQuote(params.scope)}` : '');
    const curlBlock = h('div', {}, h('h3', {}, 'The same with curl'), h('pre', { id: 'test-token-curl' }, curl), copyButton(curl, 'Copy command'));
    let answer;
    try {
      answer = await requestToken(server.issuer, params);
    } catch (e) {
      answer = { status: 0, data: null };
    }
    if (answer.status === 200 && answer.data && answer.data.access_token) {
      remember(client.id, secret.value);
      const [header, payload] = answer.data.access_token.split('.');
      replace(out,
        h('p', { class: 'notice', id: 'test-token-ok' }, `Token issued: expires in ${answer.data.expires_in} s, scope “${answer.data.scope}”.`),
        h('div', { class: 'columns' },
          h('div', {}, h('h3', {}, 'Header'), h('pre', { id: 'token-header' }, JSON.stringify(decode(header), null, 2))),
          h('div', {}, h('h3', {}, 'Payload'), h('pre', { id: 'token-payload' }, JSON.stringify(decode(payload), null, 2)))),
        h('div', { class: 'url-row' }, h('span', { class: 'url-label' }, 'Access token'), copyButton(answer.data.access_token, 'Copy token')),
        curlBlock);
      afterIssue();
    } else if (answer.data && answer.data.error) {
      const known = { invalid_client: ['client_secret', 'is not a valid secret of this client'], invalid_scope: ['scope', answer.data.error_description] };
      const hit = known[answer.data.error];
      showErrors(form, { invalid: hit ? [{ field: hit[0], reason: hit[1] }] : [], message: `${answer.data.error}: ${answer.data.error_description || ''}` });
      replace(out, curlBlock);
    } else {
      showErrors(form, { invalid: [], message: 'This page cannot reach the token endpoint on its own address (the OAuth endpoints are on another listener or host). Run the command below instead.' });
      replace(out, curlBlock);
    }
  });
  return form;
}
