// Scopes of one auth server: create, edit, enable/disable, delete.
import { api, listAll } from './api.js';
import { h, field, checkbox, formError, showErrors, confirmDialog, flash } from './dom.js';

export async function scopesTab(server) {
  const scopes = await listAll(`/auth-servers/${server.id}/scopes`);
  const editor = h('div', { id: 'scope-editor' }, scopeForm(server, null));
  const rows = scopes.map(s => h('tr', { 'data-scope': s.name },
    h('td', {}, h('strong', {}, s.name), s.description ? h('div', { class: 'muted small' }, s.description) : null),
    h('td', {}, s.default ? 'default' : ''),
    h('td', {}, s.include_in_metadata ? 'published' : ''),
    h('td', {}, h('span', { class: s.enabled ? 'state on' : 'state off' }, s.enabled ? 'enabled' : 'disabled')),
    h('td', { class: 'row-actions writes' },
      h('button', { type: 'button', class: 'secondary', 'data-action': 'toggle', onclick: () => toggle(server, s) }, s.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'edit', onclick: () => editor.replaceChildren(scopeForm(server, s)) }, 'Edit'),
      h('button', { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => remove(server, s) }, 'Delete'))));
  return h('div', { class: 'stack' },
    scopes.length === 0 ? h('p', { class: 'muted' }, 'No scopes yet.')
      : h('table', { class: 'list', id: 'scopes' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Scope'), h('th', {}, 'Default'), h('th', {}, 'Metadata'), h('th', {}, 'State'), h('th', {}))),
        h('tbody', {}, rows)),
    editor);
}

function reload() {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function toggle(server, scope) {
  try {
    await api('PATCH', `/auth-servers/${server.id}/scopes/${scope.id}`, { enabled: !scope.enabled });
    flash(`Scope “${scope.name}” ${scope.enabled ? 'disabled' : 'enabled'}.`);
    reload();
  } catch (e) {
    flash(e.message);
  }
}

async function remove(server, scope) {
  const ok = await confirmDialog(`Delete scope “${scope.name}”?`,
    'It is removed from every client that may ask for it and from every claim tied to it.', `Delete “${scope.name}”`);
  if (!ok) return;
  try {
    await api('DELETE', `/auth-servers/${server.id}/scopes/${scope.id}`);
    flash(`Deleted scope “${scope.name}”.`);
    reload();
  } catch (e) {
    flash(e.message);
  }
}

function scopeForm(server, scope) {
  const s = scope || { enabled: true };
  const form = h('form', { class: 'card writes', id: scope ? 'edit-scope' : 'create-scope' },
    h('h2', {}, scope ? `Edit scope “${scope.name}”` : 'New scope'),
    field('Name', 'name', h('input', { value: s.name || '', placeholder: 'orders:read' })),
    field('Description', 'description', h('input', { value: s.description || '' })),
    checkbox('Default (granted when a client asks for no scope)', 'default', s.default),
    checkbox('Include in metadata (scopes_supported)', 'include_in_metadata', s.include_in_metadata),
    checkbox('Enabled', 'enabled', s.enabled),
    formError(),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, scope ? 'Save scope' : 'Create scope'),
      scope ? h('button', { type: 'button', class: 'secondary', onclick: reload }, 'Cancel') : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const e = form.elements;
    const body = { name: e.name.value.trim(), description: e.description.value, default: e.default.checked,
      include_in_metadata: e.include_in_metadata.checked, enabled: e.enabled.checked };
    try {
      const saved = scope ? await api('PATCH', `/auth-servers/${server.id}/scopes/${scope.id}`, body)
        : await api('POST', `/auth-servers/${server.id}/scopes`, body);
      flash(`${scope ? 'Saved' : 'Created'} scope “${saved.name}”.`);
      reload();
    } catch (err) {
      showErrors(form, err);
    }
  });
  return form;
}
