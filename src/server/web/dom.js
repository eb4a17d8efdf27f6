// DOM helpers. Every text goes in through textContent or an attribute, never through
// innerHTML: names, messages and file paths come from users and may contain markup.

/**
 * Creates an element. attrs: attributes (false/null/undefined skipped, true → ""),
 * plus `on: {event: handler}` and `props: {name: value}` (DOM properties such as
 * value or checked). children: strings (text nodes), nodes, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'on') {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === 'props') {
      Object.assign(el, value);
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends strings (as text), nodes and (nested) arrays of them. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A table: headers (strings) and rows (arrays of cells: strings or nodes). */
export function table(caption, headers, rows, attrs = {}) {
  return h('table', attrs,
           caption ? h('caption', {}, caption) : null,
           h('thead', {}, h('tr', {}, headers.map((c) => h('th', {scope: 'col'}, c)))),
           h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
}

let uid = 0;
/** A fresh id for label/control pairs. */
export const newId = (prefix) => `${prefix}-${++uid}`;

/** A labelled form field: <div><label for=id>text</label> control</div>. */
export function field(labelText, control, hint) {
  if (!control.id) control.id = newId('f');
  const hintEl = hint ? h('p', {class: 'hint', id: control.id + '-hint'}, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', {class: 'field'}, h('label', {for: control.id}, labelText), control, hintEl);
}
