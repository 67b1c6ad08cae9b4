// Signing keys of an auth server and their states, from GET .../keys. A server without that
// endpoint answers 404: the tab then says so instead of failing.
import { api } from './api.js';
import { h, time } from './dom.js';

export async function keysTab(server) {
  let keys;
  try {
    keys = (await api('GET', `/auth-servers/${server.id}/keys`)).data;
  } catch (e) {
    if (e.status === 404) return h('div', { class: 'card', id: 'keys' }, h('p', { class: 'muted', id: 'keys-unavailable' }, 'Key information unavailable.'));
    throw e;
  }
  return h('div', { class: 'card', id: 'keys' },
    h('h2', {}, 'Signing keys'),
    h('p', { class: 'muted' }, 'next: published, not yet signing · active: signs new tokens · retired: published until its last token expires.'),
    keys.length === 0 ? h('p', { class: 'muted' }, 'No key yet: one is created with the first token.')
      : h('table', { class: 'list', id: 'key-list' },
        h('thead', {}, h('tr', {}, ['Key id', 'Algorithm', 'State', 'Created', 'Activates', 'Retires', 'Removed'].map(t => h('th', {}, t)))),
        h('tbody', {}, keys.map(k => h('tr', { 'data-kid': k.kid },
          h('td', {}, h('code', {}, k.kid)), h('td', {}, k.alg),
          h('td', {}, h('span', { class: `state ${k.state === 'active' ? 'on' : 'off'}` }, k.state)),
          h('td', {}, time(k.created_at)), h('td', {}, time(k.activates_at)), h('td', {}, time(k.retires_at)), h('td', {}, time(k.removes_at)))))));
}
