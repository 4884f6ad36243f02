// The parent's form as the demo renders it — shared by the demo's parent flow (app.js) and
// the studio's preview (studio.js), so a draft is previewed with the very same renderer.
// Renders what the engine's `Session.items` returns; every answer is one `Session.set` or
// `decline`. No innerHTML, no style attributes (strict CSP).
import { t, dirOf } from './i18n.js';

/** Build an element: h('p', { class: 'x', lang: 'ar' }, 'text', child, …). No innerHTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'hidden') el.hidden = true;
    else if (k === 'checked') el.checked = true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const ch of children.flat()) {
    if (ch === null || ch === undefined || ch === false) continue;
    el.append(ch instanceof Node ? ch : String(ch));
  }
  return el;
}

export const DECLINE = '__declined';

/** Attributes marking a text whose locale differs from the page's (a fallback). */
export function langAttrs(textLang, pageLocale) {
  return textLang && textLang !== pageLocale ? { lang: textLang, dir: dirOf(textLang) } : {};
}

export function renderItem(item, L) {
  const la = langAttrs(item.lang, L);
  const id = `q-${item.id}`;
  if (item.type === 'display') {
    return h('p', { class: 'display', id, hidden: !item.visible, ...la }, item.text);
  }
  const helpId = item.help ? `help-${item.id}` : null;
  const errId = `err-${item.id}`;
  const answer = item.answer;
  const declined = answer && typeof answer === 'object' && !Array.isArray(answer) && answer.declined === true;
  const describedby = [helpId, errId].filter(Boolean).join(' ');
  const option = (value, text, checked, cls = 'option', textLa = la) => {
    const oid = `${id}-${value}`;
    return h('div', { class: cls },
      h('input', { type: 'radio', id: oid, name: item.id, value, checked }),
      h('label', { for: oid, ...textLa }, text));
  };
  let controls;
  if (item.type === 'boolean' || item.type === 'choice') {
    const opts = item.type === 'boolean'
      ? [['true', t(L, 'yes'), answer === true, {}], ['false', t(L, 'no'), answer === false, {}]]
      : item.options.map((o) => [o.value, o.text, answer === o.value, la]);
    controls = h('div', { class: 'options' },
      opts.map(([v, text, checked, a]) => option(v, text, checked, 'option', a)),
      item.declinable ? option(DECLINE, t(L, 'decline'), declined, 'option decline', {}) : null);
  } else if (item.type === 'multi') {
    const chosen = Array.isArray(answer) ? answer : [];
    controls = h('div', { class: 'options' },
      item.options.map((o) => h('div', { class: 'option' },
        h('input', { type: 'checkbox', id: `${id}-${o.value}`, name: item.id, value: o.value, checked: chosen.includes(o.value) }),
        h('label', { for: `${id}-${o.value}`, ...la }, o.text))),
      item.declinable ? h('div', { class: 'option decline' },
        h('input', { type: 'checkbox', id: `${id}-${DECLINE}`, name: item.id, value: DECLINE, checked: declined }),
        h('label', { for: `${id}-${DECLINE}` }, t(L, 'decline'))) : null);
  } else {
    const type = { integer: 'number', number: 'number', date: 'date' }[item.type] ?? 'text';
    const b = item.bounds ?? {};
    controls = h('div', { class: 'field' },
      h('label', { for: `${id}-input`, class: 'sr-only', ...la }, item.text),
      h('input', { id: `${id}-input`, name: item.id, type, min: b.min, max: b.max, maxlength: b.maxLength,
        step: item.type === 'integer' ? 1 : item.type === 'number' ? 'any' : null,
        value: !declined && answer !== undefined && answer !== null ? answer : '', 'data-kind': item.type, 'aria-describedby': describedby || null }),
      item.declinable ? h('div', { class: 'option decline' },
        h('input', { type: 'checkbox', id: `${id}-${DECLINE}`, name: item.id, value: DECLINE, checked: declined }),
        h('label', { for: `${id}-${DECLINE}` }, t(L, 'decline'))) : null);
  }
  return h('fieldset', { class: 'question', id, hidden: !item.visible, 'aria-describedby': describedby || null },
    h('legend', la, item.text, item.required ? null : h('span', { class: 'optional', lang: L, dir: dirOf(L) }, ' ', t(L, 'optional'))),
    item.help ? h('p', { class: 'hint', id: helpId, ...la }, item.help) : null,
    controls,
    h('p', { class: 'error', id: errId, hidden: !item.problem }, item.problem ? t(L, 'problem') : ''));
}

/** The form of a `Session.items` view: its sections (h2) and questions, in form order. */
export function formElement(view, L) {
  const sectionTitle = new Map(view.sections);
  const groups = [];
  for (const item of view.items) {
    const last = groups[groups.length - 1];
    if (last && last.id === item.section) last.items.push(item);
    else groups.push({ id: item.section, items: [item] });
  }
  return h('form', { id: 'questions', novalidate: true, onsubmit: (e) => e.preventDefault() },
    groups.map((g, i) => h('section', {
      class: 'form-section', id: `s-${g.id ?? i}`, 'aria-labelledby': g.id ? `s-${g.id}-h` : null,
      hidden: g.items.every((x) => !x.visible) },
    g.id ? h('h2', { id: `s-${g.id}-h` }, sectionTitle.get(g.id) ?? g.id) : null,
    g.items.map((it) => renderItem(it, L)))));
}

/** One control changed: exactly one `set` (or `decline`) on the session; its `Changes`. */
export function answerFrom(input, session, fieldset) {
  const itemId = input.name;
  let changes;
  if (input.type === 'radio') {
    if (input.value === DECLINE) changes = session.decline(itemId);
    else if (input.value === 'true' || input.value === 'false') changes = session.set(itemId, input.value === 'true');
    else changes = session.set(itemId, input.value);
  } else if (input.type === 'checkbox') {
    const boxes = [...fieldset.querySelectorAll(`input[name="${CSS.escape(itemId)}"]`)];
    const decline = boxes.find((b) => b.value === DECLINE);
    if (input.value === DECLINE && input.checked) {
      boxes.forEach((b) => { if (b !== input && b.type === 'checkbox') b.checked = false; });
      const text = fieldset.querySelector('[data-kind]');
      if (text) text.value = '';
      changes = session.decline(itemId);
    } else if (input.value === DECLINE) {
      changes = session.set(itemId, null);
    } else {
      if (decline) decline.checked = false;
      const chosen = boxes.filter((b) => b.checked && b.value !== DECLINE).map((b) => b.value);
      changes = session.set(itemId, chosen.length ? chosen : null);
    }
  } else {
    const decline = fieldset.querySelector(`input[value="${DECLINE}"]`);
    if (decline) decline.checked = false;
    const kind = input.dataset.kind;
    let value = input.value === '' ? null : input.value;
    if (value !== null && (kind === 'integer' || kind === 'number')) {
      const n = Number(value);
      value = Number.isFinite(n) ? n : value; // a non-number goes to the engine, which says what is wrong
    }
    changes = session.set(itemId, value);
  }
  return changes;
}

/** Show and hide the questions (and sections) `changes` names, inside `root`. */
export function applyVisibility(root, changes) {
  for (const id of changes.shown) root.querySelector(`#q-${CSS.escape(id)}`).hidden = false;
  for (const id of changes.hidden) root.querySelector(`#q-${CSS.escape(id)}`).hidden = true;
  for (const section of root.querySelectorAll('section.form-section')) {
    section.hidden = [...section.querySelectorAll(':scope > .question, :scope > .display')].every((x) => x.hidden);
  }
}
