// Claims of one auth server. The value editor checks the template as it is typed, through the
// API's test-claim endpoint, and shows what it renders for a chosen client.
import { api, listAll } from './api.js';
import { h, field, checkbox, checkboxGroup, checked, formError, showErrors, confirmDialog, flash } from './dom.js';

export async function claimsTab(server) {
  const [claims, scopes, clients] = await Promise.all([
    listAll(`/auth-servers/${server.id}/claims`), listAll(`/auth-servers/${server.id}/scopes`),
    listAll(`/auth-servers/${server.id}/clients`)]);
  const scopeNames = new Map(scopes.map(s => [s.id, s.name]));
  const editor = h('div', { id: 'claim-editor' }, claimForm(server, null, scopes, clients));
  const when = (c) => !c.include_in_token ? 'userinfo only'
    : c.include_in_all_scopes ? 'every token'
      : c.include_in_scopes.length ? `with ${c.include_in_scopes.map(id => scopeNames.get(id) || id).join(', ')}`
        : 'when no scope is asked for';
  return h('div', { class: 'stack' },
    claims.length === 0 ? h('p', { class: 'muted' }, 'No claims yet.')
      : h('table', { class: 'list', id: 'claims' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Claim'), h('th', {}, 'Value'), h('th', {}, 'In tokens'), h('th', {}, 'State'), h('th', {}))),
        h('tbody', {}, claims.map(c => h('tr', { 'data-claim': c.name },
          h('td', {}, h('strong', {}, c.name)),
          h('td', {}, h('code', { class: 'value' }, c.value)),
          h('td', {}, when(c)),
          h('td', {}, h('span', { class: c.enabled ? 'state on' : 'state off' }, c.enabled ? 'enabled' : 'disabled')),
          h('td', { class: 'row-actions writes' },
            h('button', { type: 'button', class: 'secondary', 'data-action': 'toggle', onclick: () => patch(server, c, { enabled: !c.enabled }, c.enabled ? 'disabled' : 'enabled') }, c.enabled ? 'Disable' : 'Enable'),
            h('button', { type: 'button', class: 'secondary', 'data-action': 'edit', onclick: () => editor.replaceChildren(claimForm(server, c, scopes, clients)) }, 'Edit'),
            h('button', { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => remove(server, c) }, 'Delete')))))),
    editor);
}

function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function patch(server, claim, body, done) {
  try {
    await api('PATCH', `/auth-servers/${server.id}/claims/${claim.id}`, body);
    flash(`Claim “${claim.name}” ${done}.`);
    reload();
  } catch (e) {
    flash(e.message);
  }
}

async function remove(server, claim) {
  if (!await confirmDialog(`Delete claim “${claim.name}”?`, 'Tokens issued from now on no longer carry it.', `Delete “${claim.name}”`)) return;
  try {
    await api('DELETE', `/auth-servers/${server.id}/claims/${claim.id}`);
    flash(`Deleted claim “${claim.name}”.`);
    reload();
  } catch (e) {
    flash(e.message);
  }
}

function claimForm(server, claim, scopes, clients) {
  const c = claim || { enabled: true, include_in_token: true, include_in_scopes: [] };
  const value = h('textarea', { rows: 3, name: 'value', spellcheck: 'false', placeholder: '${ .Client.Name | upper }' }, c.value || '');
  const previewClient = h('select', { name: 'preview_client', 'aria-label': 'Client to render for' },
    clients.map(cl => h('option', { value: cl.id }, cl.name)));
  const preview = h('div', { class: 'preview', id: 'claim-preview', 'aria-live': 'polite' },
    clients.length ? 'Type a value to see what it renders.' : 'Create a client to see rendered values here.');
  const form = h('form', { class: 'card writes', id: claim ? 'edit-claim' : 'create-claim' },
    h('h2', {}, claim ? `Edit claim “${claim.name}”` : 'New claim'),
    field('Name', 'name', h('input', { value: c.name || '', placeholder: 'team' })),
    field('Value', 'value', value, 'Plain text, JSON, or a template such as ${ .Client.ID }; see CLAIM-TEMPLATES.md'),
    h('div', { class: 'field preview-field' }, h('span', { class: 'url-label' }, 'Rendered for'), previewClient, preview),
    checkbox('Include in tokens (otherwise userinfo only)', 'include_in_token', c.include_in_token),
    checkbox('Include whatever scopes are granted', 'include_in_all_scopes', c.include_in_all_scopes),
    checkboxGroup('Or only with these scopes (none: only when no scope is asked for)', 'include_in_scopes',
      scopes.map(s => ({ value: s.id, label: s.name })), c.include_in_scopes),
    checkbox('Enabled', 'enabled', c.enabled),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, claim ? 'Save claim' : 'Create claim'),
      claim ? h('button', { type: 'button', class: 'secondary', onclick: reload }, 'Cancel') : null));

  // "Every token" makes the scope list meaningless: it is hidden while that box is ticked.
  const allScopes = form.elements.include_in_all_scopes;
  const scopeGroup = form.querySelector('[data-field=include_in_scopes]');
  const showScopes = () => { scopeGroup.hidden = allScopes.checked; };
  allScopes.addEventListener('change', showScopes);
  showScopes();

  // Validation as you type: the latest request wins, older answers are dropped.
  let timer = null;
  let sequence = 0;
  const check = async () => {
    const valueError = form.querySelector('[data-error-for="value"]');
    if (!clients.length || !value.value) return;
    const mine = ++sequence;
    const name = form.elements.name.value.trim() || 'claim';
    try {
      const rendered = await api('POST', `/auth-servers/${server.id}/clients/${previewClient.value}/test-claim`, { [name]: value.value });
      if (mine !== sequence) return;
      valueError.hidden = true;
      value.removeAttribute('aria-invalid');
      preview.classList.remove('bad');
      preview.textContent = JSON.stringify(rendered[name], null, 2);
    } catch (e) {
      if (mine !== sequence) return;
      const reason = e.invalid.length ? e.invalid.map(p => p.reason).join('; ') : e.message;
      valueError.textContent = reason;
      valueError.hidden = false;
      value.setAttribute('aria-invalid', 'true');
      preview.classList.add('bad');
      preview.textContent = 'Not valid yet.';
    }
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(check, 300); };
  value.addEventListener('input', later);
  previewClient.addEventListener('change', check);
  if (c.value) later();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const e = form.elements;
    const body = { name: e.name.value.trim(), value: value.value, include_in_token: e.include_in_token.checked,
      include_in_all_scopes: e.include_in_all_scopes.checked, include_in_scopes: allScopes.checked ? [] : checked(form, 'include_in_scopes'),
      enabled: e.enabled.checked };
    try {
      const saved = claim ? await api('PATCH', `/auth-servers/${server.id}/claims/${claim.id}`, body)
        : await api('POST', `/auth-servers/${server.id}/claims`, body);
      flash(`${claim ? 'Saved' : 'Created'} claim “${saved.name}”.`);
      reload();
    } catch (err) {
      showErrors(form, err);
    }
  });
  return form;
}
