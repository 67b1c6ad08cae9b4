// DOM helpers. Text is always set as text (never as HTML), so no value from the API can
// become markup or script.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  appendAll(el, children);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return el;
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) el.setAttribute(key, String(value));
  appendAll(el, children);
  return el;
}

function appendAll(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
}

let fieldIds = 0;

/** A labelled form field whose API errors are shown right under it (data-error-for). */
export function field(label, name, input, hint) {
  const id = `f${++fieldIds}`;
  input.id = id;
  if (!input.name) input.name = name;
  return h('div', { class: 'field', 'data-field': name },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'error', 'data-error-for': name, role: 'alert', hidden: true }));
}

export function checkbox(label, name, checked, hint) {
  const input = h('input', { type: 'checkbox', name, checked });
  return h('div', { class: 'field check', 'data-field': name },
    h('label', {}, input, ' ', label),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'error', 'data-error-for': name, role: 'alert', hidden: true }));
}

/** A group of checkboxes for an array field (grant types, scopes). */
export function checkboxGroup(label, name, options, selected) {
  const chosen = new Set(selected || []);
  return h('fieldset', { class: 'field group', 'data-field': name },
    h('legend', {}, label),
    options.length === 0 ? h('p', { class: 'muted' }, 'None yet.') : null,
    options.map(o => h('label', { class: 'option' },
      h('input', { type: 'checkbox', name, value: o.value, checked: chosen.has(o.value) }), ' ', o.label)),
    h('p', { class: 'error', 'data-error-for': name, role: 'alert', hidden: true }));
}

export function checked(form, name) {
  return [...form.querySelectorAll(`input[type=checkbox][name="${name}"]:checked`)].map(i => i.value);
}

export function select(name, options, value) {
  return h('select', { name, value }, options.map(o => h('option', { value: o }, o)));
}

/** The field an API error names: "redirect_uris[0]" and "labels.team" belong to their array or object. */
function baseField(name) {
  const m = /^[A-Za-z0-9_]+/.exec(name || '');
  return m ? m[0] : '';
}

export function clearErrors(form) {
  form.querySelectorAll('[data-error-for]').forEach(p => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) { general.hidden = true; general.textContent = ''; }
}

/** Shows an API error at the fields it names; what names no field here goes to the form's own line. */
export function showErrors(form, error) {
  clearErrors(form);
  const leftover = [];
  for (const p of error.invalid || []) {
    const target = form.querySelector(`[data-error-for="${CSS.escape(p.field)}"]`)
      || form.querySelector(`[data-error-for="${CSS.escape(baseField(p.field))}"]`);
    const text = p.field === baseField(p.field) ? p.reason : `${p.field} ${p.reason}`;
    if (target) {
      target.textContent = target.textContent ? `${target.textContent}; ${text}` : text;
      target.hidden = false;
      const input = target.closest('[data-field]')?.querySelector('input, textarea, select');
      if (input) input.setAttribute('aria-invalid', 'true');
    } else {
      leftover.push(`${p.field} ${p.reason}`);
    }
  }
  const general = form.querySelector('.form-error');
  if (general && (leftover.length > 0 || (error.invalid || []).length === 0)) {
    general.textContent = leftover.length > 0 ? leftover.join('; ') : error.message;
    general.hidden = false;
  }
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', hidden: true });
}

/** A button that copies a value; falls back to selecting a hidden text area where the Clipboard API is missing. */
export function copyButton(value, label = 'Copy') {
  const button = h('button', { type: 'button', class: 'copy', 'data-copy': value }, label);
  button.addEventListener('click', async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch (e) {
      const area = h('textarea', { class: 'offscreen', readonly: true }, value);
      document.body.append(area);
      area.select();
      ok = document.execCommand('copy');
      area.remove();
    }
    button.textContent = ok ? 'Copied' : 'Copy failed: select and copy by hand';
    button.classList.toggle('done', ok);
    setTimeout(() => { button.textContent = label; button.classList.remove('done'); }, 4000);
  });
  return button;
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** "team: payments" lines ↔ the API's labels object. */
export function labelsText(labels) {
  return Object.entries(labels || {}).map(([k, v]) => `${k}: ${v}`).join('\n');
}

export function parseLabels(text) {
  const out = {};
  for (const line of text.split('\n').map(l => l.trim()).filter(Boolean)) {
    const i = line.indexOf(':');
    if (i < 0) out[line] = '';
    else out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

/** Labels for a PATCH: keys that are gone are sent as null, which removes them. */
export function labelsPatch(before, after) {
  const out = { ...after };
  for (const key of Object.keys(before || {})) if (!(key in after)) out[key] = null;
  return out;
}

export function lines(text) {
  return text.split('\n').map(l => l.trim()).filter(Boolean);
}

export function badges(labels) {
  return Object.entries(labels || {}).map(([k, v]) => h('span', { class: 'badge' }, `${k}: ${v}`));
}

/** A modal confirmation naming what will happen; resolves true only on the explicit button. */
export function confirmDialog(title, message, action) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm' },
      h('h2', {}, title),
      h('p', {}, message),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel' }, 'Cancel'),
        h('button', { type: 'button', class: 'danger', 'data-action': 'confirm' }, action)));
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    dialog.querySelector('[data-action=cancel]').addEventListener('click', () => close(false));
    dialog.querySelector('[data-action=confirm]').addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

let flashTimer = null;
export function flash(message) {
  const el = document.getElementById('flash');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { el.hidden = true; }, 5000);
}

/** Renders an error that belongs to no form (a failed load) as a sentence, never as raw JSON. */
export function errorBox(error) {
  return h('p', { class: 'form-error' }, error.message || 'Something went wrong');
}
