// Token activity: tokens issued per bucket over the last hour or day, for the auth server and
// per client, drawn as small inline SVG bar charts.
import { api, listAll } from './api.js';
import { h, svg, replace } from './dom.js';

const WIDTH = 480;
const HEIGHT = 90;

/** A bar chart of counts; one rect per bucket, with a title (tooltip) giving the start and count. */
export function barChart(counts, starts, label) {
  const max = Math.max(1, ...counts);
  const step = WIDTH / counts.length;
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT + 14}`, class: 'chart', role: 'img', 'aria-label': label },
    svg('line', { x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT, class: 'axis' }),
    counts.map((n, i) => {
      const height = n === 0 ? 0 : Math.max(2, (n / max) * (HEIGHT - 12));
      return svg('rect', { x: i * step + 1, y: HEIGHT - height, width: Math.max(1, step - 2), height, class: 'bar', 'data-count': n },
        svg('title', {}, `${new Date(starts[i]).toLocaleString()}: ${n}`));
    }),
    svg('text', { x: 0, y: HEIGHT + 12, class: 'tick' }, new Date(starts[0]).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
    svg('text', { x: WIDTH, y: HEIGHT + 12, class: 'tick end' }, 'now'),
    svg('text', { x: 2, y: 10, class: 'tick' }, `max ${max}`));
}

export async function activityTab(server) {
  const clients = await listAll(`/auth-servers/${server.id}/clients`);
  const names = new Map(clients.map(c => [c.id, c.name]));
  const box = h('div', { id: 'activity-charts' });
  const windowSelect = h('select', { name: 'window', 'aria-label': 'Window' },
    h('option', { value: 'hour' }, 'Last hour'), h('option', { value: 'day' }, 'Last day'));
  const load = async () => {
    const a = await api('GET', `/auth-servers/${server.id}/token-activity?window=${windowSelect.value}`);
    const starts = a.buckets.map(b => b.start);
    replace(box,
      h('div', { class: 'card' },
        h('h2', {}, `All clients: `, h('span', { id: 'activity-total' }, String(a.total)), ` token(s)`),
        barChart(a.buckets.map(b => b.count), starts, 'Tokens issued by this auth server')),
      a.clients.length === 0 ? h('p', { class: 'muted' }, 'No tokens issued in this window.') : null,
      a.clients.map(c => h('div', { class: 'card', 'data-client-activity': c.client_id },
        h('h3', {}, `${names.get(c.client_id) || `${c.client_id} (deleted)`}: ${c.total} token(s)`),
        barChart(c.counts, starts, `Tokens issued to ${names.get(c.client_id) || c.client_id}`))));
  };
  windowSelect.addEventListener('change', load);
  await load();
  return h('div', { class: 'stack' },
    h('div', { class: 'filters' }, windowSelect, h('span', { class: 'muted' }, 'Buckets of 5 minutes (hour) or 1 hour (day).')),
    box);
}
