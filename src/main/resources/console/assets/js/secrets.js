// Client secrets the page has just been given, kept in this module's memory only (never in
// storage), so that "get a test token" can use one right after creation or rotation. A reload
// forgets them.
import { h, copyButton } from './dom.js';

const remembered = new Map();

export function remember(clientId, secret) {
  remembered.set(clientId, secret);
}

export function recall(clientId) {
  return remembered.get(clientId) || '';
}

/** The one time a secret is shown: value, copy button, and a warning that it will not be shown again. */
export function secretOnce(clientId, secret, title) {
  remember(clientId, secret);
  return h('div', { class: 'card secret-once', id: 'secret-once', role: 'alert' },
    h('h2', {}, title),
    h('p', { class: 'warning' }, 'Copy this secret now. It is shown only once: Tessera stores only a hash of it and cannot show it again.'),
    h('div', { class: 'url-row' }, h('span', { class: 'url-label' }, 'Client id'), h('code', { id: 'new-client-id' }, clientId), copyButton(clientId)),
    h('div', { class: 'url-row' }, h('span', { class: 'url-label' }, 'Secret'), h('code', { id: 'new-client-secret' }, secret),
      copyButton(secret, 'Copy secret')));
}
