// The audit log: every management change, newest first, with who (the admin token) made it.
import { api } from './api.js';
import { h, time, replace } from './dom.js';

const SIZE = 25;

export async function auditPage() {
  const box = h('div', { id: 'audit' });
  const type = h('select', { name: 'resource_type', 'aria-label': 'Resource type' },
    ['', 'auth_server', 'scope', 'claim', 'client', 'client_secret', 'token', 'admin_token', 'console_session'].map(t => h('option', { value: t }, t || 'all resources')));
  let number = 1;
  const load = async () => {
    const params = new URLSearchParams({ 'page[size]': String(SIZE), 'page[number]': String(number), sort: 'created_at desc' });
    if (type.value) params.set('filter[resource_type]', type.value);
    const page = await api('GET', `/audit-events?${params}`);
    const pages = Math.max(1, Math.ceil(page.meta.page.total / SIZE));
    replace(box,
      page.data.length === 0 ? h('p', { class: 'muted' }, 'No changes recorded yet.')
        : h('table', { class: 'list', id: 'audit-events' },
          h('thead', {}, h('tr', {}, ['When', 'Admin token', 'Change', 'Resource', 'Fields sent'].map(t => h('th', {}, t)))),
          h('tbody', {}, page.data.map(e => h('tr', {},
            h('td', {}, time(e.created_at)),
            h('td', {}, e.admin_token_name),
            h('td', {}, h('span', { class: `method ${e.method.toLowerCase()}` }, e.method), ' ', h('code', { class: 'small' }, e.path)),
            h('td', {}, e.resource_type, e.resource_id ? h('div', { class: 'muted small' }, e.resource_id) : null),
            h('td', {}, Object.keys(e.changes || {}).join(', ') || '—'))))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: number <= 1, onclick: () => { number--; load(); } }, 'Newer'),
        h('span', { class: 'muted' }, `Page ${number} of ${pages} (${page.meta.page.total} changes)`),
        h('button', { type: 'button', class: 'secondary', disabled: number >= pages, onclick: () => { number++; load(); } }, 'Older')));
  };
  type.addEventListener('change', () => { number = 1; load(); });
  await load();
  return h('section', {}, h('div', { class: 'title' }, h('h1', {}, 'Audit log')), h('div', { class: 'filters' }, type), box);
}
