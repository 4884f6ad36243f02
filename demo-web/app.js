// Trygg demo: a parent fills in the check-up form on a tablet; the nurse sees the outcome.
//
// Every answer goes to the engine (WASM) with one Session.set/decline per change; which
// questions show, the progress, the outcome, the family summary and the pilot comparison
// all come from the engine. This file only renders what the engine returns — there is no
// scoring logic here.
//
// Two sides on one tablet. The staff side (set-up and the nurse's view) is open at the start,
// while the nurse chooses a PIN, and afterwards only after that PIN is entered. The parent's
// side (the form, the closing screen, the neutral screen for the next respondent) has no
// control that leads to the staff side; the neutral screen's "staff" button asks for the PIN.
//
// Privacy: answers live only in this tab's memory (nothing in localStorage, sessionStorage,
// IndexedDB or cookies, nothing sent anywhere). Finished responses go into `vault`, which
// only the nurse's screens read; a parent's screens render that parent's own session only.
import init, { Engine } from './pkg/web/trygg_wasm.js';
import { forms as builtinForms } from './pkg/forms/index.js';
import { h, DECLINE, formElement, answerFrom, applyVisibility } from './parent-form.js';
import { offerKey } from './offer-key.js';
import { t, c, dirOf, PARENT_LOCALES, CLINICIAN_LOCALES, UNVERIFIED, LANGUAGE_NAMES } from './i18n.js';

const $ = (id) => document.getElementById(id);
const main = $('main');
const SVG = 'http://www.w3.org/2000/svg';

/** The urgent mark: a warning icon (hidden from screen readers) and the word, never colour alone. */
function urgentMark(L) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 2 1 21h22L12 2zm-1 7h2v6h-2V9zm0 8h2v2h-2v-2z');
  svg.append(path);
  return h('span', { class: 'urgent-mark' }, svg, c(L, 'urgent'));
}

let engine;
/** Form definitions (for the set-up and the nurse's context: attributes, cut-off conditions). */
const defs = new Map();

const ui = {
  locale: 'sv', // the parent's form language, chosen at set-up
  clinicianLocale: 'sv', // the staff screens' language (sv/en)
  ageDays: 49,
  birth: '',
  visit: '',
  respondent: 'parent-1',
  sex: '',
  tab: 'parent-1',
  pilotParent: 'parent-1',
};

/**
 * The gate between the parent's side and the staff side. `pin` is chosen on the first set-up
 * (memory only); until then the staff side is open. A real deployment uses the journal's
 * login instead. Five wrong PINs in a row close the gate for a minute.
 */
const staff = { pin: null, open: true, failures: 0, lockedUntil: 0 };
const PIN_RE = /^\d{4,8}$/;
const MAX_FAILURES = 5;
const LOCKOUT_MS = 60_000;

/** The current parent's live form (null outside the form screen). */
let current = null;
/** Finished responses of one family, read by the nurse's screens only. */
const vault = { formRef: null, responses: new Map() };

const PARENTS = ['parent-1', 'parent-2'];
const parentName = (id, locale) => t(locale, id === 'parent-1' ? 'parent1' : 'parent2');
const refOf = (info) => `${info.id}@${info.version}`;

// ---------------------------------------------------------------- chrome and announcements

function setLang(locale) {
  document.documentElement.lang = locale;
  document.documentElement.dir = dirOf(locale);
}

/** The banner. Staff screens get the staff navigation; the parent's screens get none. */
function chrome(locale, { unverified = false, staffNav = false, title = t(locale, 'appName') } = {}) {
  setLang(locale);
  document.title = title;
  $('brand').textContent = title;
  $('skip').textContent = t(locale, 'skip');
  const u = $('unverified');
  u.hidden = !unverified;
  u.textContent = unverified ? t(locale, 'unverified') : '';
  const navEl = $('nav');
  navEl.replaceChildren();
  navEl.hidden = !staffNav;
  if (staffNav) {
    const L = ui.clinicianLocale;
    navEl.setAttribute('aria-label', c(L, 'staffNav'));
    navEl.append(
      h('button', { type: 'button', class: 'secondary', id: 'nav-start', 'aria-current': screen === 'setup' ? 'true' : null, onclick: () => show('setup') }, c(L, 'navSetup')),
      h('button', { type: 'button', class: 'secondary', id: 'nav-clinician', 'aria-current': screen === 'clinician' ? 'true' : null, onclick: () => show('clinician') }, c(L, 'title')),
      staff.pin ? h('button', { type: 'button', class: 'secondary', id: 'nav-lock', onclick: lock }, c(L, 'navLock')) : null,
    );
  } else {
    navEl.removeAttribute('aria-label');
  }
}

let announceTimer;
/** Say `text` through a live region (polite by default; `alert` for errors). */
function announce(text, { alert = false } = {}) {
  const region = alert ? $('alert') : $('status');
  region.textContent = '';
  clearTimeout(announceTimer);
  // A fresh text node after a tick, so the same message is announced again.
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

/** Empty both live regions (nothing said on one screen lingers into the next). */
function silence() {
  clearTimeout(announceTimer);
  $('status').textContent = '';
  $('alert').textContent = '';
}

function focusHeading() {
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus();
  }
}

const STAFF_SCREENS = new Set(['setup', 'clinician']);
let screen = 'setup';
function show(name) {
  if (current && name !== 'form') {
    current.session.free();
    current = null;
  }
  // The staff side only behind the gate: anything else falls back to the neutral screen.
  if (STAFF_SCREENS.has(name) && !staff.open) name = 'neutral';
  screen = name;
  silence();
  main.classList.toggle('wide', name === 'clinician');
  ({ setup: renderSetup, done: renderDone, neutral: renderNeutral, unlock: renderUnlock, clinician: renderClinician })[name]();
  focusHeading();
}

/** Close the staff side and leave the tablet on the neutral screen. */
function lock() {
  staff.open = false;
  show('neutral');
}

// ---------------------------------------------------------------- setup (staff)

function formFor(days) {
  try {
    return engine.formForCheckup(days);
  } catch {
    return null;
  }
}

function ageFromDates() {
  if (!ui.birth || !ui.visit) return null;
  const b = Date.parse(ui.birth + 'T00:00:00Z');
  const v = Date.parse(ui.visit + 'T00:00:00Z');
  if (Number.isNaN(b) || Number.isNaN(v)) return null;
  return Math.round((v - b) / 86_400_000);
}

/** The staff screens' language picker (sv/en). */
function staffLangPick(rerender) {
  const L = ui.clinicianLocale;
  return h('div', { class: 'field' },
    h('label', { for: 'clin-lang' }, L === 'sv' ? 'Språk' : 'Language'),
    h('select', { id: 'clin-lang', onchange: (e) => { ui.clinicianLocale = e.target.value; rerender(); $('clin-lang').focus(); } },
      CLINICIAN_LOCALES.map((l) => h('option', { value: l, selected: l === L ? true : null, lang: l }, LANGUAGE_NAMES[l]))));
}

function renderSetup() {
  const L = ui.clinicianLocale;
  chrome(L, { staffNav: true, title: c(L, 'staffTitle') });
  const info = Number.isInteger(ui.ageDays) ? formFor(ui.ageDays) : null;
  const locales = info ? info.locales.filter((l) => PARENT_LOCALES.includes(l)) : PARENT_LOCALES;
  if (!locales.includes(ui.locale)) ui.locale = locales[0];
  const def = info ? defs.get(refOf(info)) : null;
  const hasSex = !!def?.attributes?.some((a) => a.id === 'sex');
  const fromDates = ageFromDates();

  const age = h('input', { id: 'age', type: 'number', inputmode: 'numeric', min: 0, step: 1, value: Number.isInteger(ui.ageDays) ? ui.ageDays : '', 'aria-describedby': 'age-hint age-err' });
  age.addEventListener('change', () => {
    const n = Number(age.value);
    ui.ageDays = age.value !== '' && Number.isInteger(n) && n >= 0 ? n : null;
    rerenderSetup('age');
  });
  const dateInput = (id, key, label) => h('div', { class: 'field' },
    h('label', { for: id }, t(L, label)),
    h('input', { id, type: 'date', value: ui[key], onchange: (e) => {
      ui[key] = e.target.value;
      const d = ageFromDates();
      if (d !== null && d >= 0) ui.ageDays = d;
      rerenderSetup(id);
    } }));

  const radio = (name, value, label, checked, extra = {}) => h('div', { class: 'option' },
    h('input', { type: 'radio', name, id: `${name}-${value || 'none'}`, value, checked, ...extra.input }),
    h('label', { for: `${name}-${value || 'none'}`, ...extra.label }, label));
  const pinField = (id, label, describedby) => h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 8, 'aria-describedby': describedby }));

  const form = h('form', { id: 'setup', novalidate: true, onsubmit: (e) => { e.preventDefault(); start(); } },
    h('fieldset', {},
      h('legend', {}, t(L, 'ageLegend')),
      h('div', { class: 'field' },
        h('label', { for: 'age' }, t(L, 'ageDays')),
        h('p', { class: 'hint', id: 'age-hint' }, t(L, 'ageHint')),
        age,
        h('p', { class: 'error', id: 'age-err', hidden: true })),
      h('details', { open: ui.birth || ui.visit ? true : null },
        h('summary', {}, t(L, 'datesSummary')),
        dateInput('birth', 'birth', 'birthDate'),
        dateInput('visit', 'visit', 'visitDate'),
        h('p', { id: 'dates-out', class: fromDates !== null && fromDates < 0 ? 'error' : 'hint' },
          fromDates === null ? '' : fromDates < 0 ? t(L, 'errDates') : t(L, 'ageFromDates', { n: fromDates }))),
      info ? h('p', { class: 'hint', id: 'form-name' }, t(L, 'formFor', { title: info.title[L] ?? info.title[info.locales[0]] })) : null),
    staff.pin ? null : h('fieldset', { id: 'pin' },
      h('legend', {}, c(L, 'pinLegend')),
      h('p', { class: 'hint', id: 'pin-hint' }, c(L, 'pinHint')),
      h('p', { class: 'hint', id: 'pin-journal' }, c(L, 'journalNote')),
      pinField('pin-new', c(L, 'pinNew'), 'pin-hint pin-journal pin-err'),
      pinField('pin-again', c(L, 'pinAgain'), 'pin-err'),
      h('p', { class: 'error', id: 'pin-err', hidden: true })),
    h('fieldset', { id: 'who' },
      h('legend', {}, t(L, 'parentLegend')),
      h('div', { class: 'options' },
        PARENTS.map((p) => radio('respondent', p, parentName(p, L), ui.respondent === p)))),
    hasSex ? h('fieldset', { id: 'sex' },
      h('legend', {}, t(L, 'sexLegend')),
      h('p', { class: 'hint', id: 'sex-hint' }, t(L, 'sexHint')),
      h('div', { class: 'options' },
        radio('sex', 'female', t(L, 'female'), ui.sex === 'female'),
        radio('sex', 'male', t(L, 'male'), ui.sex === 'male'),
        radio('sex', '', t(L, 'notGiven'), ui.sex === ''))) : null,
    h('fieldset', { id: 'language' },
      h('legend', {}, t(L, 'languageLegend')),
      h('div', { class: 'options' },
        locales.map((l) => radio('locale', l, LANGUAGE_NAMES[l], ui.locale === l, { label: { lang: l, dir: dirOf(l) } })))),
    h('p', { class: 'hint', id: 'handover-hint' }, c(L, 'handoverHint')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'start' }, c(L, 'handover'))));

  form.addEventListener('change', (e) => {
    if (e.target.name === 'respondent') ui.respondent = e.target.value;
    if (e.target.name === 'sex') ui.sex = e.target.value;
    if (e.target.name === 'locale') ui.locale = e.target.value;
  });
  main.replaceChildren(h('h1', {}, t(L, 'setupTitle')), h('p', { class: 'lead' }, t(L, 'setupIntro')),
    h('div', { class: 'toolbar' }, staffLangPick(renderSetup)), form);
}

/** Re-render the setup screen (form changed) and put focus back where it was. */
function rerenderSetup(focusId) {
  renderSetup();
  $(focusId)?.focus();
}

function fieldError(errId, inputId, message) {
  const err = $(errId);
  err.textContent = message;
  err.hidden = false;
  $(inputId).setAttribute('aria-invalid', 'true');
  $(inputId).focus();
  announce(message, { alert: true });
}

function start() {
  const L = ui.clinicianLocale;
  if (!Number.isInteger(ui.ageDays) || ui.ageDays < 0) return fieldError('age-err', 'age', t(L, 'errAge'));
  const info = formFor(ui.ageDays);
  if (!info) return fieldError('age-err', 'age', t(L, 'errNoForm', { n: ui.ageDays }));
  if (!info.locales.includes(ui.locale)) return fieldError('age-err', 'age', t(L, 'errLocale'));
  if (!staff.pin) {
    const pin = $('pin-new').value;
    if (!PIN_RE.test(pin)) return fieldError('pin-err', 'pin-new', c(L, 'errPinFormat'));
    if ($('pin-again').value !== pin) return fieldError('pin-err', 'pin-again', c(L, 'errPinAgain'));
    staff.pin = pin;
  }
  const ref = refOf(info);
  if (vault.formRef !== ref) {
    // Another check-up form: a new family.
    vault.formRef = ref;
    vault.responses.clear();
  }
  const P = ui.locale;
  const respondent = { id: ui.respondent };
  if (ui.sex) respondent.attributes = { sex: ui.sex };
  const session = engine.session(ref, { respondent, context: { childAgeDays: ui.ageDays, locale: P } });
  // The tablet goes to the parent: the staff side closes until the PIN is entered again.
  staff.open = false;
  current = { session, info, ref, locale: P };
  screen = 'form';
  silence();
  main.classList.remove('wide');
  renderForm();
  focusHeading();
}

// ---------------------------------------------------------------- the neutral screen and the gate

/** Between respondents: nothing of anyone's answers or set-up; one way on, through the PIN. */
function renderNeutral() {
  const L = ui.clinicianLocale;
  chrome(L, { title: c(L, 'neutralTitle') });
  main.replaceChildren(
    h('h1', {}, c(L, 'neutralTitle')),
    h('p', { class: 'lead' }, c(L, 'neutralText')),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'unlock', onclick: () => show('unlock') }, c(L, 'staffButton'))));
}

function renderUnlock() {
  const L = ui.clinicianLocale;
  chrome(L, { title: c(L, 'unlockTitle') });
  const form = h('form', { id: 'unlock-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); unlock(); } },
    h('div', { class: 'field' },
      h('label', { for: 'pin-enter' }, c(L, 'pinEnter')),
      h('input', { id: 'pin-enter', type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 8, 'aria-describedby': 'pin-journal pin-err' }),
      h('p', { class: 'error', id: 'pin-err', hidden: true })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'pin-submit' }, c(L, 'unlock')),
      h('button', { type: 'button', class: 'secondary', id: 'pin-cancel', onclick: () => show('neutral') }, c(L, 'cancel'))));
  main.replaceChildren(h('h1', {}, c(L, 'unlockTitle')), h('p', { class: 'hint', id: 'pin-journal' }, c(L, 'journalNote')), form);
}

function unlock() {
  const L = ui.clinicianLocale;
  const now = Date.now();
  if (now < staff.lockedUntil) return fieldError('pin-err', 'pin-enter', c(L, 'errPinLocked'));
  const entered = $('pin-enter').value;
  if (!staff.pin || entered !== staff.pin) {
    staff.failures += 1;
    if (staff.failures >= MAX_FAILURES) {
      staff.failures = 0;
      staff.lockedUntil = now + LOCKOUT_MS;
      $('pin-enter').value = '';
      return fieldError('pin-err', 'pin-enter', c(L, 'errPinLocked'));
    }
    $('pin-enter').value = '';
    return fieldError('pin-err', 'pin-enter', c(L, 'errPinWrong'));
  }
  staff.failures = 0;
  staff.open = true;
  show('setup');
}

// ---------------------------------------------------------------- the parent's form

function renderForm() {
  const { session, locale: L } = current;
  const view = session.items(L);
  chrome(L, { unverified: view.unverified });
  const form = formElement(view, L);
  form.addEventListener('change', onAnswer);
  form.addEventListener('input', (e) => { if (e.target.type === 'checkbox' && e.target.value === DECLINE) e.stopPropagation(); });

  const p = session.progress();
  main.replaceChildren(
    h('h1', {}, view.title),
    h('div', { class: 'progress', id: 'progress' },
      h('p', { id: 'progress-text' }, t(L, 'progress', { a: p.answered, v: p.visible })),
      h('progress', { id: 'progress-bar', max: p.visible, value: p.answered, 'aria-labelledby': 'progress-text' })),
    form,
    h('div', { id: 'finish-notice' }),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'finish', onclick: finish }, t(L, 'finish'))));
}

function updateProgress(p) {
  const L = current.locale;
  $('progress-text').textContent = t(L, 'progress', { a: p.answered, v: p.visible });
  const bar = $('progress-bar');
  bar.max = Math.max(p.visible, 1);
  bar.value = p.answered;
}

/** One answer changed: exactly one set (or decline) on the session. */
function onAnswer(e) {
  const input = e.target;
  const itemId = input.name;
  if (!itemId || !current) return;
  const { session, locale: L } = current;
  const fieldset = $(`q-${itemId}`);
  const changes = answerFrom(input, session, fieldset);
  applyChanges(itemId, changes, L);
}

function applyChanges(itemId, changes, L) {
  applyVisibility(main, changes);
  const fieldset = $(`q-${itemId}`);
  const err = $(`err-${itemId}`);
  fieldset.classList.toggle('has-error', !!changes.problem);
  for (const control of fieldset.querySelectorAll('input')) {
    if (changes.problem) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  err.hidden = !changes.problem;
  err.textContent = changes.problem ? t(L, 'problem') : '';
  updateProgress(changes.progress);
  const said = [];
  const count = (ids) => ids.filter((id) => !$(`q-${id}`).classList.contains('display')).length;
  if (count(changes.shown)) said.push(t(L, 'shown', { n: count(changes.shown) }));
  if (count(changes.hidden)) said.push(t(L, 'hidden', { n: count(changes.hidden) }));
  if (changes.problem) announce(`${fieldset.querySelector('legend').textContent}: ${t(L, 'problem')}`, { alert: true });
  else if (said.length) announce(said.join(' '));
  if ($('finish-notice').childElementCount && current.session.progress().requiredLeft === 0) $('finish-notice').replaceChildren();
}

function finish() {
  const { session, locale: L } = current;
  const left = session.progress().requiredLeft;
  if (left > 0) {
    const firstOpen = session.items(L).items.find((i) => i.visible && i.required && i.type !== 'display' && (i.answer === undefined || i.answer === null));
    const message = t(L, 'unanswered', { n: left });
    const notice = h('div', { class: 'notice', id: 'unanswered', tabindex: '-1' },
      h('p', {}, message),
      h('div', { class: 'actions' },
        firstOpen ? h('button', { type: 'button', class: 'secondary', id: 'goto-open', onclick: () => {
          const target = $(`q-${firstOpen.id}`).querySelector('input');
          target?.focus();
        } }, t(L, 'goToQuestion')) : null,
        h('button', { type: 'button', id: 'finish-anyway', onclick: () => done() }, t(L, 'finishAnyway'))));
    $('finish-notice').replaceChildren(notice);
    announce(message, { alert: true });
    notice.focus();
    return;
  }
  done();
}

function done() {
  const { session, info, locale } = current;
  const response = session.response();
  vault.responses.set(response.respondent.id, response);
  vault.info = info;
  // The next set-up preselects a parent who has not answered, and keeps nothing of this
  // parent's own set-up.
  ui.respondent = PARENTS.find((p) => !vault.responses.has(p)) ?? ui.respondent;
  ui.sex = '';
  doneLocale = locale;
  show('done');
}

/** The closing screen's language (the parent's); nothing else of the parent is kept for it. */
let doneLocale = 'sv';

/**
 * The parent's closing screen: the same text whatever was answered (built from the locale
 * alone), so someone looking over the parent's shoulder learns nothing. Its one button leads
 * to the neutral screen, never back to the answers or the set-up.
 */
function renderDone() {
  const L = doneLocale;
  chrome(L, { unverified: UNVERIFIED.has(L) });
  main.replaceChildren(
    h('h1', {}, t(L, 'doneTitle')),
    h('p', { class: 'lead' }, t(L, 'doneText1')),
    h('p', {}, t(L, 'doneText2')),
    h('p', {}, t(L, 'doneText3')),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'done-next', onclick: () => show('neutral') }, t(L, 'doneButton'))));
}

// ---------------------------------------------------------------- the nurse's screens

/** The same key for an offer wherever it comes from (outcome, family summary, explanation). */

/**
 * The engine's explanation of one response (`Engine.explain`): every title, question,
 * answer label, band label, offer and action name in words, in the nurse's locale, urgent
 * first. The demo renders it; it has no offer names or reasons of its own.
 */
const explain = (ref, response, L) => engine.explain(ref, response, L);

/** One reason (what a rule or finding read), in words. */
function reasonText(r, L) {
  switch (r.kind) {
    case 'answer': {
      // Licensed wording without its text pack comes as null: named by its key or value.
      const question = r.text ?? c(L, 'itemKey', { key: r.item });
      const value = Array.isArray(r.value) ? r.value.join(', ') : typeof r.value === 'object' && r.value !== null ? c(L, 'declinedAnswer') : r.value;
      const answer = r.answer ?? (value === null || value === undefined ? c(L, 'unanswered') : String(value));
      return c(L, 'answered', { q: question, a: answer });
    }
    case 'scale': {
      const parts = [`${r.text ?? r.scale}: ${r.value === null ? c(L, 'noValue') : r.value}`];
      if (r.bandText ?? r.band) parts.push(r.bandText ?? r.band);
      if (r.cutoff) parts.push(c(L, 'cutoffWords', { v: r.cutoff.value, r: r.cutoff.reached === true ? c(L, 'reached') : r.cutoff.reached === false ? c(L, 'notReached') : c(L, 'noValue') }));
      return parts.join(' – ');
    }
    case 'finding':
      return r.made ? r.title ?? r.id : c(L, 'findingNotMade', { f: r.title ?? r.id });
    case 'respondent':
      return `${c(L, 'attrNames')[r.attribute] ?? r.attribute}: ${c(L, 'attrValues')[r.value] ?? r.value ?? c(L, 'attrNotGiven')}`;
    case 'context':
      return `${c(L, 'contextNames')[r.key] ?? r.key}: ${r.value ?? '–'}`;
    default:
      return '';
  }
}

const reasonList = (reasons, L) => (reasons.length ? h('ul', { class: 'read' }, reasons.map((r) => h('li', {}, reasonText(r, L)))) : null);

/** "Why": each rule by its title, the findings it rests on (urgent marked), what else it read. */
function rulesWhy(rules, L) {
  return h('details', { class: 'trace' },
    h('summary', {}, c(L, 'why')),
    h('ol', {}, rules.map((r) => h('li', {},
      h('strong', {}, r.title ?? c(L, 'untitledRule')),
      r.findings.length ? h('ul', {}, r.findings.map((f) => h('li', {}, f.urgent ? [urgentMark(L), ' '] : null, f.title ?? f.id))) : null,
      reasonList(r.reasons, L)))));
}

/** Has this outcome anything urgent (an action, or a finding the form calls urgent)? */
const isUrgentFinding = (f) => f.severity === 'urgent';
const hasUrgent = (outcome) => outcome.actions.length > 0 || outcome.findings.some(isUrgentFinding);

/** What the nurse needs to know about the answering itself: language, attributes, age, form. */
function contextView(ex, response, ref, L, idPrefix) {
  const def = defs.get(ref);
  const locale = response?.context?.locale ?? ex.locale;
  const age = response?.context?.childAgeDays;
  const given = response?.respondent?.attributes ?? {};
  const attrs = def?.attributes ?? [];
  const scaleTitle = new Map(ex.scales.map((s) => [s.scale, s.text ?? s.scale]));
  const usedBy = (attr) => (def?.scales ?? [])
    .filter((s) => (s.cutoffs ?? []).some((k) => k.when && attr in k.when))
    .map((s) => scaleTitle.get(s.id) ?? s.id);
  const row = (term, ...desc) => [h('dt', {}, term), h('dd', {}, ...desc)];
  return h('section', { class: 'context', id: `${idPrefix}-context`, 'aria-labelledby': `${idPrefix}-context-h` },
    h('h3', { id: `${idPrefix}-context-h` }, c(L, 'context')),
    h('dl', {},
      row(c(L, 'answeredIn'), h('span', { id: `${idPrefix}-language` }, `${c(L, 'langNames')[locale] ?? locale} (`, h('span', { lang: locale, dir: dirOf(locale) }, LANGUAGE_NAMES[locale] ?? locale), ')'),
        locale !== 'sv' ? h('p', { class: 'interpreter', id: `${idPrefix}-interpreter` }, c(L, 'interpreter')) : null),
      attrs.flatMap((a) => row(c(L, 'attrNames')[a.id] ?? a.id,
        h('span', { 'data-attribute': a.id }, given[a.id] ? c(L, 'attrValues')[given[a.id]] ?? given[a.id] : c(L, 'attrNotGiven')),
        usedBy(a.id).length ? h('span', { class: 'hint' }, ` – ${c(L, 'usedFor', { list: usedBy(a.id).join(', ') })}`) : null)),
      row(c(L, 'profile'), ex.profile ?? response?.context?.profile ?? def?.profiles?.default ?? '–'),
      row(c(L, 'childAge'), Number.isInteger(age) ? c(L, 'ageValue', { d: age, w: Math.floor(age / 7) }) : '–'),
      row(c(L, 'form'), h('span', { id: `${idPrefix}-form` }, `${ex.form.id} ${c(L, 'version')} ${ex.form.version}`))));
}

/** One parent's outcome in words: the engine's explanation, in its (urgent-first) order. */
function outcomeView(outcome, ex, response, ref, L, idPrefix) {
  const sev = (f) => (f.urgent ? urgentMark(L) : h('span', { class: `badge sev-${f.severity}` }, c(L, 'severity')[f.severity] ?? f.severity));
  const urgentCount = ex.actions.length + ex.findings.filter((f) => f.urgent).length;
  return h('div', { class: 'outcome', id: `${idPrefix}-outcome` },
    urgentCount ? h('div', { class: 'urgent-banner', id: `${idPrefix}-urgent` }, urgentMark(L), ' ',
      c(L, 'urgentFirst', { n: urgentCount })) : null,
    contextView(ex, response, ref, L, idPrefix),
    h('p', {}, h('strong', {}, c(L, 'completeness'), ': '), h('span', { id: `${idPrefix}-completeness` }, c(L, outcome.completeness))),
    outcome.problems.length ? h('div', {}, h('h3', {}, c(L, 'problems')),
      h('ul', {}, outcome.problems.map((p) => h('li', {}, p.message)))) : null,
    h('h3', {}, c(L, 'actions')),
    ex.actions.length
      ? h('ul', { class: 'results', id: `${idPrefix}-actions` }, ex.actions.map((a) => h('li', { class: 'urgent', 'data-action': a.action, 'data-urgent': 'true' },
        urgentMark(L), ' ', h('strong', {}, a.text), rulesWhy(a.rules, L))))
      : h('p', {}, c(L, 'noActions')),
    h('h3', {}, c(L, 'findings')),
    ex.findings.length
      ? h('ul', { class: 'results', id: `${idPrefix}-findings` }, ex.findings.map((f) => h('li', { class: f.urgent ? 'urgent' : null, 'data-finding': f.id, 'data-urgent': f.urgent ? 'true' : null },
        sev(f), ' ', h('strong', {}, f.title ?? f.id),
        h('details', { class: 'trace' }, h('summary', {}, c(L, 'why')), reasonList(f.reasons, L)))))
      : h('p', {}, c(L, 'noFindings')),
    h('h3', {}, c(L, 'offers')),
    ex.offers.length
      ? h('ul', { class: 'results', id: `${idPrefix}-offers` }, ex.offers.map((o) => h('li', { class: o.urgent ? 'urgent' : null, 'data-offer': offerKey(o.offer), 'data-urgent': o.urgent ? 'true' : null, 'data-private': o.private ? 'true' : null },
        o.urgent ? [urgentMark(L), ' '] : null, o.private ? [privateMark(L), ' '] : null,
        h('strong', {}, o.text), rulesWhy(o.rules, L))))
      : h('p', {}, c(L, 'noOffers')),
    h('h3', {}, c(L, 'scales')),
    scalesTable(ex.scales, L, `${idPrefix}-scales`));
}

/** The private mark: a lock icon (hidden from screen readers) and the words. */
function privateMark(L) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M6 10V7a6 6 0 0 1 12 0v3h1a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V11a1 1 0 0 1 1-1h1zm2 0h8V7a4 4 0 0 0-8 0v3z');
  svg.append(path);
  return h('span', { class: 'private-mark' }, svg, c(L, 'private'));
}

/** The explanation's scales: title, value, band label, cut-off and missing-item handling. */
function scalesTable(scales, L, id, differs = () => false, label = c(L, 'scales')) {
  // Scrolls sideways on a narrow screen instead of widening the page; focusable so a
  // keyboard user can scroll it too.
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, h('table', { id },
    h('thead', {}, h('tr', {}, [c(L, 'scale'), c(L, 'value'), c(L, 'band'), c(L, 'cutoff'), c(L, 'handling')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, scales.map((s) => h('tr', { 'data-scale': s.scale, class: differs(s) ? 'differs' : null },
      h('th', { scope: 'row' }, s.text ?? s.scale, differs(s) ? h('span', { class: 'diff-tag' }, ` (${c(L, 'differs')})`) : null),
      h('td', {}, s.value === null ? c(L, 'noValue') : String(s.value)),
      h('td', {}, s.bandText ?? s.band ?? '–'),
      h('td', {}, s.cutoff ? `≥ ${s.cutoff.value} (${s.cutoff.profile}): ${s.cutoff.reached === true ? c(L, 'reached') : s.cutoff.reached === false ? c(L, 'notReached') : c(L, 'noValue')}` : '–'),
      h('td', {}, `${c(L, 'handlings')[s.handling] ?? s.handling}`))))));
}

function renderClinician() {
  const L = ui.clinicianLocale;
  chrome(L, { staffNav: true, title: c(L, 'title') });
  const ref = vault.formRef;
  const responses = [...vault.responses.values()];
  // The engine's one-parent views: each built from that parent's response alone, and each
  // explained from that response alone.
  const answered = ref ? PARENTS.filter((p) => vault.responses.has(p)) : [];
  const views = new Map(answered.map((p) => [p, engine.viewFor(ref, responses, p)]));
  const tabs = [...PARENTS.map((p) => [p, parentName(p, L)]), ['family', c(L, 'family')], ['pilot', c(L, 'pilot')]];
  const tabNav = h('nav', { 'aria-label': c(L, 'tabsLabel'), class: 'toolbar', id: 'clin-tabs' },
    tabs.map(([id, name]) => h('button', { type: 'button', id: `tab-${id}`, class: 'secondary', 'aria-current': ui.tab === id ? 'true' : null,
      onclick: () => { ui.tab = id; renderClinician(); $(`tab-${id}`).focus(); } },
    name, views.has(id) && hasUrgent(views.get(id)) ? [' ', urgentMark(L)] : null)));
  const panel = h('section', { class: 'panel', id: `panel-${ui.tab}`, 'aria-labelledby': 'panel-h' });
  const title = tabs.find(([id]) => id === ui.tab)[1];
  panel.append(h('h2', { id: 'panel-h' }, title));
  if (!ref || responses.length === 0) {
    panel.append(h('p', {}, c(L, 'noAnswers')));
  } else if (PARENTS.includes(ui.tab)) {
    if (!views.has(ui.tab)) panel.append(h('p', {}, c(L, 'notAnswered', { who: parentName(ui.tab, L) })));
    else {
      const response = vault.responses.get(ui.tab);
      panel.append(outcomeView(views.get(ui.tab), explain(ref, response, L), response, ref, L, ui.tab));
    }
  } else if (ui.tab === 'family') {
    const explained = answered.map((p) => explain(ref, vault.responses.get(p), L));
    panel.append(familyView(engine.evaluateFamily(ref, responses), explained, L));
  } else {
    panel.append(pilotView(ref, L));
  }
  main.replaceChildren(h('h1', {}, c(L, 'title')), h('p', { class: 'clin-note' }, c(L, 'note')),
    h('p', { class: 'clin-note', id: 'journal-note' }, c(L, 'journalNote')),
    h('div', { class: 'toolbar' }, staffLangPick(renderClinician)), tabNav, panel);
}

/** Offer and action names in words, from the parents' explanations (the engine's words). */
function namesFrom(explanations) {
  const offers = new Map();
  const actions = new Map();
  for (const ex of explanations) {
    for (const o of ex.offers) offers.set(offerKey(o.offer), o.text);
    for (const a of ex.actions) actions.set(a.action, a.text);
  }
  return { offer: (o) => offers.get(offerKey(o)) ?? o.kind, action: (a) => actions.get(a) ?? a };
}

/**
 * The family summary: which parent has an urgent finding (named, not what it is — the
 * answers stay in that parent's own view), the urgent actions, each private offer on its
 * own for its one parent, and the offers shared between the parents.
 */
function familyView(summary, explanations, L) {
  const named = namesFrom(explanations);
  const names = (ids) => ids.map((id) => parentName(id, L)).join(', ');
  const who = (ids) => c(L, 'from', { who: names(ids) });
  const urgentParents = summary.respondents.filter(hasUrgent).map((o) => o.respondent);
  const shared = summary.offers.filter((o) => !o.private);
  const privateOffers = summary.offers.filter((o) => o.private);
  return h('div', { id: 'family-outcome' },
    urgentParents.length ? h('div', { class: 'urgent-banner', id: 'family-urgent' },
      h('ul', {}, urgentParents.map((p) => h('li', { 'data-respondent': p }, urgentMark(L), ' ', c(L, 'parentUrgent', { who: parentName(p, L) }))))) : null,
    h('p', {}, h('strong', {}, c(L, 'completeness'), ': '), c(L, summary.completeness)),
    h('ul', {}, summary.respondents.map((o) => h('li', {}, `${parentName(o.respondent, L)}: ${c(L, o.completeness)}`))),
    h('h3', {}, c(L, 'actions')),
    summary.actions.length
      ? h('ul', { class: 'results', id: 'family-actions' }, summary.actions.map((a) => h('li', { class: 'urgent', 'data-action': a.action, 'data-urgent': 'true' },
        urgentMark(L), ' ', h('strong', {}, named.action(a.action)), h('p', { class: 'hint' }, who(a.respondents)))))
      : h('p', {}, c(L, 'noActions')),
    privateOffers.length ? [
      h('h3', {}, c(L, 'privateOffers')),
      h('p', { class: 'hint' }, c(L, 'privateIntro')),
      h('ul', { class: 'results', id: 'family-private' }, privateOffers.map((o) => h('li', { class: 'private', 'data-offer': offerKey(o), 'data-private': 'true', 'data-respondent': o.respondents.join(' ') },
        privateMark(L), ' ', h('strong', {}, named.offer(o)), h('p', { class: 'hint' }, c(L, 'privateWith', { who: names(o.respondents) }))))),
    ] : null,
    h('h3', {}, privateOffers.length ? c(L, 'sharedOffers') : c(L, 'offers')),
    shared.length
      ? h('ul', { class: 'results', id: 'family-offers' }, shared.map((o) => h('li', { 'data-offer': offerKey(o) },
        h('strong', {}, named.offer(o)), h('p', { class: 'hint' }, who(o.respondents)))))
      : h('p', {}, c(L, 'noOffers')));
}

/** Item ids of a form version, as the engine renders it (to list the pilot's new items). */
function itemIds(ref) {
  const s = engine.session(ref, {});
  try {
    return s.items('sv').items.filter((i) => i.type !== 'display').map((i) => i.id);
  } finally {
    s.free();
  }
}

/** The response as the engine carried it to one version: without the answers it left out. */
function carried(response, dropped) {
  const left = new Set(dropped);
  return { ...response, answers: Object.fromEntries(Object.entries(response.answers ?? {}).filter(([k]) => !left.has(k))) };
}

function pilotView(activeRef, L) {
  const [id] = activeRef.split('@');
  const pilot = engine.forms().find((f) => f.id === id && f.status === 'pilot');
  const wrap = h('div', { id: 'pilot' }, h('p', {}, c(L, 'pilotIntro')));
  if (!pilot) return wrap.append(h('p', {}, c(L, 'pilotMissing'))), wrap;
  const answered = PARENTS.filter((p) => vault.responses.has(p));
  if (!answered.includes(ui.pilotParent)) ui.pilotParent = answered[0];
  wrap.append(h('div', { class: 'field' },
    h('label', { for: 'pilot-parent' }, c(L, 'pilotFor')),
    h('select', { id: 'pilot-parent', onchange: (e) => { ui.pilotParent = e.target.value; renderClinician(); $('pilot-parent').focus(); } },
      answered.map((p) => h('option', { value: p, selected: p === ui.pilotParent ? true : null }, parentName(p, L))))));
  const response = vault.responses.get(ui.pilotParent);
  const pilotRef = refOf(pilot);
  // The engine carries the answers over by item id, scores both versions and says what
  // differs (trygg::compare): the comparison policy lives there, not here. Each side is
  // shown in words through the engine's explanation of the answers carried to it.
  const cmp = engine.compareVersions(activeRef, pilotRef, response);
  const ch = cmp.change;
  const activeIds = new Set(itemIds(activeRef));
  const sides = [
    { ref: activeRef, dropped: cmp.droppedFrom, notAsked: [],
      findings: new Set(ch.findingsRemoved.map((f) => f.id)), offers: new Set(ch.offersRemoved.map(offerKey)), actions: new Set(ch.actionsRemoved), outcome: cmp.from },
    { ref: pilotRef, dropped: cmp.dropped, notAsked: itemIds(pilotRef).filter((k) => !activeIds.has(k)),
      findings: new Set(ch.findingsAdded.map((f) => f.id)), offers: new Set(ch.offersAdded.map(offerKey)), actions: new Set(ch.actionsAdded), outcome: cmp.to },
  ];
  const scalesDiffer = new Set(ch.scales.map((s) => s.id));
  const grid = h('div', { class: 'pilot-grid' }, sides.map((side, i) => {
    const o = side.outcome;
    const ex = explain(side.ref, carried(response, side.dropped), L);
    const tag = (differs) => (differs ? h('span', { class: 'diff-tag' }, ` (${c(L, 'differs')})`) : null);
    const mark = (differs, urgent = false) => ({ class: [differs ? 'differs' : null, urgent ? 'urgent' : null].filter(Boolean).join(' ') || null, 'data-differs': differs ? 'true' : null });
    const [version] = [side.ref.split('@')[1]];
    return h('section', { class: 'panel', id: `pilot-${i === 0 ? 'active' : 'pilot'}`, 'aria-labelledby': `pilot-h-${i}` },
      h('h3', { id: `pilot-h-${i}` }, i === 0 ? c(L, 'active', { v: version }) : c(L, 'pilotVersion', { v: version })),
      h('p', { ...mark(ch.completeness !== undefined) }, h('strong', {}, c(L, 'completeness'), ': '), c(L, o.completeness), tag(ch.completeness !== undefined)),
      h('p', { class: 'hint' }, c(L, 'dropped', { list: side.dropped.join(', ') || c(L, 'none') })),
      i === 1 ? h('p', { class: 'hint' }, c(L, 'notAsked', { list: side.notAsked.join(', ') || c(L, 'none') })) : null,
      h('h4', {}, c(L, 'actions')),
      ex.actions.length ? h('ul', { class: 'results' }, ex.actions.map((x) => h('li', { ...mark(side.actions.has(x.action), true), 'data-action': x.action, 'data-urgent': 'true' },
        urgentMark(L), ' ', x.text, tag(side.actions.has(x.action))))) : h('p', {}, c(L, 'noActions')),
      h('h4', {}, c(L, 'offers')),
      ex.offers.length ? h('ul', { class: 'results' }, ex.offers.map((x) => {
        const key = offerKey(x.offer);
        return h('li', { ...mark(side.offers.has(key), x.urgent), 'data-offer': key, 'data-urgent': x.urgent ? 'true' : null, 'data-private': x.private ? 'true' : null },
          x.urgent ? [urgentMark(L), ' '] : null, x.private ? [privateMark(L), ' '] : null, x.text, tag(side.offers.has(key)));
      })) : h('p', {}, c(L, 'noOffers')),
      h('h4', {}, c(L, 'findings')),
      ex.findings.length ? h('ul', { class: 'results' }, ex.findings.map((f) => h('li', { ...mark(side.findings.has(f.id), f.urgent), 'data-finding': f.id, 'data-urgent': f.urgent ? 'true' : null },
        f.urgent ? urgentMark(L) : h('span', { class: `badge sev-${f.severity}` }, c(L, 'severity')[f.severity] ?? f.severity), ' ', f.title ?? f.id, tag(side.findings.has(f.id))))) : h('p', {}, c(L, 'noFindings')),
      h('h4', {}, c(L, 'scales')),
      scalesTable(ex.scales, L, `pilot-scales-${i}`, (s) => scalesDiffer.has(s.scale), `${c(L, 'scales')} ${version}`));
  }));
  wrap.append(grid);
  return wrap;
}

// ---------------------------------------------------------------- start

async function boot() {
  await init();
  engine = Engine.withBuiltinForms();
  // The definitions (inside the precompiled forms the engine loaded: the runtime module has
  // no compiler), for the set-up and the nurse's context only: which attributes a form asks
  // for and which cut-offs they set. Never used for scoring, and no label or reason is taken
  // from them.
  for (const form of builtinForms) {
    const { def } = JSON.parse(form.precompiled);
    defs.set(`${def.id}@${def.version}`, def);
  }
  const info = formFor(ui.ageDays);
  if (info) ui.locale = info.locales[0];
  document.body.dataset.ready = 'ok';
  show('setup');
}

boot().catch((e) => {
  document.body.dataset.ready = 'failed';
  main.replaceChildren(h('h1', {}, 'Trygg'), h('p', { class: 'error', role: 'alert' }, `Trygg could not start: ${e?.code ?? ''} ${e?.message ?? e}`));
  console.error(e);
});
