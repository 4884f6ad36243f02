// Trygg studio: a clinician authors a new form version, previews it as a parent sees it,
// runs its examples and compares it with another version, and sees a programme's uptake
// report over records opened or made in the tab — all in this tab, on the WASM engine. Nothing is sent anywhere (the page requests only its own files) and nothing is
// stored (no localStorage, IndexedDB, cookies); a download is the only way out.
//
// Every check, outcome, example run, comparison and reason in words is the engine's
// (`loadForm`, `Session`, `runExamples`, `compareVersions`, `explain`); the preview is the
// demo's own parent-form renderer (parent-form.js). This file wires them to the editor.
// The authoring build (with the compiler): the studio loads definitions as they are edited.
import init, { Engine } from './pkg/authoring/web/trygg_wasm.js';
import { definitions as builtinFormTexts } from './pkg/forms/definitions.js';
import { programmes as programmeTexts } from './pkg/programmes.js';
import { EditorView, basicSetup, json, jsonParseLinter, linter, lintGutter } from './pkg/editor.js';
import { h, formElement, answerFrom, applyVisibility } from './parent-form.js';
import { locate, lineCol } from './json-pointer.js';
import { schemaAssist } from './schema-assist.js';
import { offerKey } from './offer-key.js';
import { st, STUDIO_LOCALES } from './i18n.js';

const $ = (id) => document.getElementById(id);
const LOCALE_NAMES = { sv: 'Svenska', en: 'English', ar: 'العربية', so: 'Soomaali' };
const nameOf = (l) => LOCALE_NAMES[l] ?? l;

/** The shipped versions (the package's built-in forms module). */
const shipped = builtinFormTexts.map((text) => ({ text, def: JSON.parse(text) }));
const refOf = (def) => `${def.id}@${def.version}`;

/** The draft as last checked: its text, definition, engine (when it compiled) and errors. */
let draft = { text: '', def: null, engine: null, ref: null, info: null, errors: [] };
/** The preview's answers, kept across edits (by item id). */
let previewAnswers = {};
/** The preview's live session (freed when the preview is rendered anew). */
let previewSession = null;
/** The last example run and comparison, for the report. */
let lastExamples = null;
let lastComparison = null;
/** The last comparison report (the HTML page `trygg diff --html` writes) and its synthetic input. */
let lastReport = null;
let lastSynthetic = null;
let view;
/** How many times the draft was checked (the editor's lint runs, debounced). */
let checks = 0;

/** The studio's own interface language (sv or en): the clinician's choice, kept in page memory only. */
let ui = 'en';
/** Whether the clinician has chosen it (the page starts in English). */
let uiChosen = false;
/** A studio text in the chosen language. */
const S = (key, vars) => st(ui, key, vars);

/** A text into `el`, with `code` in backticks as <code> (no markup parsed). */
function putText(el, text) {
  el.replaceChildren(...text.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part)));
}

/**
 * The page's own texts in `locale`: every element with data-i18n (its text) or
 * data-i18n-title (its title), <html lang>, the editor's label and the texts made so far
 * that depend on it; the language of the reasons and reports follows when the form has it.
 */
function setUiLocale(locale) {
  ui = STUDIO_LOCALES.includes(locale) ? locale : 'en';
  uiChosen = true;
  document.documentElement.lang = ui;
  $('ui-lang').value = ui;
  for (const el of document.querySelectorAll('[data-i18n]')) putText(el, S(el.dataset.i18n));
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = S(el.dataset.i18nTitle);
  view?.contentDOM.setAttribute('aria-label', S('editorLabel'));
  const explain = $('explain-locale');
  if ([...explain.options].some((o) => o.value === ui)) explain.value = ui;
  if (draft.text) { showProblems(); renderSummary(); if (!draft.engine) renderPreview(); }
}

function announce(text) {
  const s = $('status');
  s.textContent = '';
  requestAnimationFrame(() => { s.textContent = text; });
}

function compareVersionsOf(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

// ---------------------------------------------------------------- checking the draft

/**
 * Compile `text` in a fresh engine that also holds the shipped versions of the same form
 * (to compare with), drafts allowed. The runtime module makes the compiler's checks, not
 * the JSON Schema check.
 */
function check(text) {
  let def;
  try {
    def = JSON.parse(text);
  } catch {
    return { text, def: null, engine: null, errors: [], syntax: true };
  }
  const engine = new Engine();
  engine.allowDrafts(true);
  if (def && typeof def === 'object') {
    for (const s of shipped) {
      if (s.def.id === def.id && s.def.version !== def.version) engine.loadForm(s.text);
    }
  }
  try {
    const info = engine.loadForm(text);
    return { text, def, engine, ref: `${info.id}@${info.version}`, info, errors: [] };
  } catch (e) {
    engine.free();
    const errors = Array.isArray(e.errors) ? e.errors : [{ code: e.code ?? 'error', path: e.path ?? '', message: e.message }];
    return { text, def, engine: null, errors };
  }
}

/** The editor's diagnostics for the engine's errors: each at the place its pointer names. */
function diagnosticsOf(text, errors) {
  return errors.map((e) => {
    const at = locate(text, e.path ?? '') ?? { from: 0, to: 0 };
    // A value over several lines is marked on its first line only.
    const nl = text.indexOf('\n', at.from);
    const to = Math.max(at.from + 1, nl >= 0 && nl < at.to ? nl : at.to);
    return { from: at.from, to: Math.min(to, text.length), severity: 'error', source: e.code, message: `${e.message}` };
  });
}

function lint(editorView) {
  const text = editorView.state.doc.toString();
  const result = check(text);
  let diagnostics;
  if (result.syntax) {
    diagnostics = jsonParseLinter()(editorView);
    result.errors = diagnostics.map((d) => ({ code: 'json.syntax', path: null, message: d.message, from: d.from }));
  } else {
    diagnostics = diagnosticsOf(text, result.errors);
    result.errors = result.errors.map((e, i) => ({ ...e, from: diagnostics[i].from }));
  }
  // The WASM memory of the previous check is given back (one engine per check).
  draft.engine?.free();
  draft = result;
  checks++;
  showProblems();
  $('problems').dataset.checks = String(checks);
  renderSummary();
  renderPreview();
  return diagnostics;
}

function goTo(offset) {
  view.dispatch({ selection: { anchor: offset }, scrollIntoView: true });
  view.focus();
}

function showProblems() {
  const list = $('problems');
  const text = draft.text;
  if (draft.errors.length === 0) {
    list.replaceChildren(h('li', { class: 'ok' }, S('noProblems')));
    return;
  }
  list.replaceChildren(...draft.errors.map((e) => {
    const { line, column } = lineCol(text, e.from ?? 0);
    return h('li', { class: 'problem' },
      h('button', { type: 'button', class: 'link', onclick: () => goTo(e.from ?? 0) }, `Line ${line}, column ${column}`),
      `: ${e.message}`, e.path ? ` (${e.code} at ${e.path})` : ` (${e.code})`);
  }));
  announce(`${draft.errors.length} problem${draft.errors.length === 1 ? '' : 's'} in the draft`);
}

function renderSummary() {
  const d = draft.def;
  const s = $('draft-summary');
  if (!d || typeof d !== 'object') { s.textContent = S('notJson'); return; }
  s.textContent = S(draft.engine ? 'editing' : 'editingBroken', { id: d.id ?? '?', version: d.version ?? '?', status: d.status ?? '?' });
  // A draft may leave a language untranslated (its texts show in the first language); the
  // compiler refuses any other status until every text is there (form.text_incomplete).
  const missing = untranslated(d);
  if (missing.length) {
    const list = missing.map(([l, n]) => S(n === 1 ? 'nText' : 'nTexts', { name: nameOf(l), n })).join(', ');
    s.append(h('span', { id: 'untranslated' }, ` ${S(d.status === 'draft' ? 'untranslatedDraft' : 'untranslated', { list })}`));
  }
  fillLocales();
  fillCompareWith();
}

/** The form's languages that some text lacks, with how many texts lack each. */
function untranslated(d) {
  if (!Array.isArray(d.locales)) return [];
  let texts;
  try { texts = textsOf(d); } catch { return []; }
  return d.locales
    .map((l) => [l, texts.filter(([, t]) => typeof t[l] !== 'string' || t[l].trim() === '').length])
    .filter(([, n]) => n > 0);
}

function fillSelect(sel, values, label = (v) => v) {
  const keep = sel.value;
  const same = [...sel.options].map((o) => o.value).join() === values.join();
  if (!same) sel.replaceChildren(...values.map((v) => h('option', { value: v }, label(v))));
  if (values.includes(keep)) sel.value = keep;
}

function fillLocales() {
  const locales = Array.isArray(draft.def?.locales) ? draft.def.locales.filter((l) => typeof l === 'string') : [];
  fillSelect($('preview-locale'), locales, nameOf);
  fillSelect($('xliff-locale'), locales.slice(1), nameOf);
  const explain = $('explain-locale');
  const before = explain.value;
  fillSelect(explain, locales.filter((l) => l === 'sv' || l === 'en').length ? locales.filter((l) => l === 'sv' || l === 'en') : locales, nameOf);
  // Once the clinician has chosen the page's language, the reasons (and so the comparison
  // report) start in it.
  if (uiChosen && !before && locales.includes(ui)) explain.value = ui;
}

function fillCompareWith() {
  const id = draft.def?.id;
  const others = shipped.filter((s) => s.def.id === id && s.def.version !== draft.def?.version)
    .sort((a, b) => compareVersionsOf(a.def.version, b.def.version))
    .map((s) => refOf(s.def));
  const sel = $('compare-with');
  const before = sel.value;
  fillSelect(sel, others, (r) => {
    const s = shipped.find((x) => refOf(x.def) === r);
    return `${r} (${s.def.status})`;
  });
  if (!others.includes(before)) {
    const active = shipped.filter((s) => s.def.id === id && s.def.status === 'active').map((s) => refOf(s.def));
    if (active.length) sel.value = active[active.length - 1];
  }
}

// ---------------------------------------------------------------- open

function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** A shipped version as the start of a new one: the next free minor version, status draft. */
function openBase() {
  const base = shipped.find((s) => refOf(s.def) === $('base').value);
  if (!base) return;
  const versions = shipped.filter((s) => s.def.id === base.def.id).map((s) => s.def.version);
  const top = versions.sort(compareVersionsOf).at(-1);
  const [major, minor] = top.split('.').map(Number);
  const def = { ...base.def, version: `${major}.${minor + 1}.0`, status: 'draft' };
  previewAnswers = {};
  setText(`${JSON.stringify(def, null, 2)}\n`);
  announce(`Opened a new version ${def.version} of ${def.id}, from ${base.def.version}`);
  view.focus();
}

async function openFile(file) {
  if (!file) return;
  const text = await file.text();
  previewAnswers = {};
  setText(text);
  announce(`Opened ${file.name}`);
}

// ---------------------------------------------------------------- preview

function renderPreview() {
  const box = $('preview');
  previewSession?.free();
  previewSession = null;
  if (!draft.engine) {
    box.replaceChildren(h('p', { class: 'hint' }, S('previewWait')));
    return;
  }
  const L = $('preview-locale').value || draft.info.locales[0];
  let session;
  try {
    session = draft.engine.session(draft.ref, { context: { locale: L } });
    previewSession = session;
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, e.message));
    return;
  }
  for (const [id, value] of Object.entries(previewAnswers)) {
    try { session.set(id, value); } catch { /* an item the draft no longer has */ }
  }
  const items = session.items(L);
  const form = formElement(items, L);
  form.addEventListener('change', (e) => {
    const input = e.target;
    if (!input.name) return;
    const changes = answerFrom(input, session, form.querySelector(`#q-${CSS.escape(input.name)}`));
    applyVisibility(form, changes);
    previewAnswers = session.response().answers ?? {};
  });
  const dir = items.rtl ? 'rtl' : 'ltr';
  box.replaceChildren(
    items.unverified ? h('p', { class: 'hint', id: 'preview-unverified' }, `The ${nameOf(L)} texts of this form are marked unverified (not yet checked by a professional translator); parents see a note saying so.`) : null,
    h('div', { class: 'preview-form', lang: items.locale, dir, id: 'preview-form' },
      h('p', { class: 'preview-title' }, items.title), form));
}

// ---------------------------------------------------------------- examples

function findingTitle(id, L) {
  const f = (draft.def?.findings ?? []).find((x) => x.id === id);
  const t = f?.title;
  return (t && (t[L] ?? t[draft.def.locales?.[0]])) ?? id;
}

function runExamples() {
  const out = $('examples');
  if (!draft.engine) { $('examples-summary').textContent = S('fixFirst'); out.replaceChildren(); return; }
  const L = $('explain-locale').value || 'en';
  const runs = draft.engine.runExamples(draft.ref);
  const failed = runs.filter((r) => !r.passed);
  lastExamples = { ref: draft.ref, runs: [] };
  out.replaceChildren(...runs.map((run) => {
    const ex = draft.def.examples[run.index] ?? {};
    const expl = draft.engine.explain(draft.ref, run.response, L);
    const got = new Set(expl.findings.map((f) => f.id));
    const want = new Set(ex.expect?.findings ?? []);
    const missing = [...want].filter((id) => !got.has(id)).map((id) => findingTitle(id, L));
    const extra = expl.findings.filter((f) => !want.has(f.id)).map((f) => f.title ?? f.id);
    const words = [];
    if (ex.expect?.findings) {
      if (missing.length) words.push(`expected but not found: ${missing.join('; ')}`);
      if (extra.length) words.push(`found but not expected: ${extra.join('; ')}`);
    }
    if (ex.expect?.offers) {
      const matches = (e, o) => (typeof e === 'string' ? e === o.kind : offerKeyPrivate(e) === offerKeyPrivate({ ...o, private: e.private }));
      const made = expl.offers.filter((o) => !ex.expect.offers.some((e) => matches(e, o.offer))).map((o) => o.text);
      const notMade = ex.expect.offers.filter((e) => !expl.offers.some((o) => matches(e, o.offer))).map((e) => (typeof e === 'string' ? e : e.kind));
      if (notMade.length) words.push(`offers expected but not made: ${notMade.join('; ')}`);
      if (made.length) words.push(`offers made but not expected: ${made.join('; ')}`);
    }
    for (const [scaleId, bandId] of Object.entries(ex.expect?.bands ?? {})) {
      const sc = expl.scales.find((x) => x.scale === scaleId);
      if (!sc || sc.band === bandId) continue;
      const def = (draft.def.scales ?? []).find((x) => x.id === scaleId);
      const label = def?.bands?.find((b) => b.id === bandId)?.label;
      const want = (label && (label[L] ?? label[draft.def.locales[0]])) ?? bandId;
      words.push(`${sc.text ?? scaleId}: expected “${want}”, the draft gives ${sc.value ?? 'no value'} (“${sc.bandText ?? sc.band ?? '–'}”)`);
    }
    const actual = draft.engine.explainText(draft.ref, run.response, L).trim();
    lastExamples.runs.push({ name: run.name, passed: run.passed, words, failures: run.failures, actual });
    return h('li', { class: run.passed ? 'example passed' : 'example failed' },
      h('p', {}, h('strong', {}, S(run.passed ? 'passed' : 'failed')), run.name),
      run.passed ? null : h('div', {},
        words.length ? h('p', {}, `In words: ${words.join('. ')}.`) : null,
        h('ul', {}, run.failures.map((f) => h('li', {}, f))),
        h('details', {}, h('summary', {}, S('inWords')), h('pre', { class: 'explain' }, actual || S('nothingFound')))));
  }));
  const summary = S('examplesSummary', { passed: runs.length - failed.length, failed: failed.length });
  $('examples-summary').textContent = summary;
  announce(S('examplesAnnounce', { summary }));
}

// ---------------------------------------------------------------- compare

const plural = (n) => `${n} response${n === 1 ? '' : 's'}`;
// An offer with whether it is private: an example may pin both.
const offerKeyPrivate = (o) => JSON.stringify([offerKey(o), o.private ?? null]);

function examplesResponses() {
  return (draft.def?.examples ?? []).map((ex) => ({ respondent: ex.respondent, context: ex.context, answers: ex.answers }));
}

/** The report's language: the reasons' language when it is Swedish, else English. */
const reportLocale = () => (($('explain-locale').value || 'en').startsWith('sv') ? 'sv' : 'en');

/**
 * The comparison report over NDJSON `text`, made by the engine (`compareReport`: the same
 * generator and bytes as `trygg diff --html` with the same versions, records, language and
 * input name), shown in a sandboxed frame (no scripts; its one inline style is allowed by
 * its hash in the page's CSP).
 */
function showReport(fromRef, text, input) {
  const frame = $('report-frame');
  try {
    lastReport = { html: draft.engine.compareReport(fromRef, draft.ref, text, { locale: reportLocale(), input }), input };
  } catch (e) {
    lastReport = null;
    frame.hidden = true;
    $('comparison').append(h('p', { class: 'error' }, `The report could not be made: ${e.code ?? ''} ${e.message}`));
    return;
  }
  frame.srcdoc = lastReport.html;
  frame.hidden = false;
}

/** An NDJSON record's response: the envelope fields (`id`, `family`, `synthetic`, `meta`) taken off. */
function responseOf(record) {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return record;
  const { id, family, synthetic, meta, ...response } = record;
  return response;
}

/** Synthetic responses answering both versions' questions (the engine's `synth`, as `trygg synth`). */
function compareSynthetic() {
  if (!draft.engine) { $('comparison').replaceChildren(h('p', {}, S('fixFirst'))); return; }
  const fromRef = $('compare-with').value;
  if (!fromRef) return;
  const n = Math.max(1, Math.min(100000, Number($('synth-n').value) || 500));
  const seed = Math.max(0, Math.floor(Number($('synth-seed').value) || 0));
  let text;
  try {
    text = draft.engine.synth([fromRef, draft.ref], { n, seed });
  } catch (e) {
    $('comparison').replaceChildren(h('p', { class: 'error' }, `No synthetic responses: ${e.code ?? ''} ${e.message}`));
    return;
  }
  // The name `trygg synth … --out` would write them to, so the CLI's report names them alike.
  const name = `synthetic-${fromRef}-${draft.ref}-seed-${seed}-n-${n}.ndjson`;
  lastSynthetic = { name, text };
  const responses = text.trimEnd().split('\n').map((l) => responseOf(JSON.parse(l)));
  compare(responses, `synthetic responses (made up in this tab by the engine's synth, seed ${seed}; not real families)`, { text, input: name });
  $('save-synthetic').disabled = false;
}

function compare(responses, source, ndjson) {
  const box = $('comparison');
  if (!draft.engine) { box.replaceChildren(h('p', {}, S('fixFirst'))); return; }
  const fromRef = $('compare-with').value;
  if (!fromRef) { box.replaceChildren(h('p', {}, S('noOther'))); return; }
  const L = $('explain-locale').value || 'en';
  const rows = new Map(); // key → { what, gained, lost }
  const row = (key, what) => { if (!rows.has(key)) rows.set(key, { what, gained: 0, lost: 0 }); return rows.get(key); };
  let changed = 0;
  let bad = 0;
  for (const response of responses) {
    let cmp;
    try {
      cmp = draft.engine.compareVersions(fromRef, draft.ref, response);
    } catch {
      bad++;
      continue;
    }
    const c = cmp.change;
    const any = c.findingsAdded.length + c.findingsRemoved.length + c.offersAdded.length + c.offersRemoved.length + c.actionsAdded.length + c.actionsRemoved.length;
    if (!any) continue;
    changed++;
    const toEx = draft.engine.explain(draft.ref, response, L);
    const fromEx = draft.engine.explain(fromRef, response, L);
    const title = (ex, id) => ex.findings.find((f) => f.id === id)?.title ?? id;
    const offerText = (ex, o) => ex.offers.find((x) => offerKeyPrivate({ ...x.offer, private: x.private }) === offerKeyPrivate(o))?.text ?? o.kind;
    for (const f of c.findingsAdded) row(`f:${f.id}`, `Finding: ${title(toEx, f.id)}`).gained++;
    for (const f of c.findingsRemoved) row(`f:${f.id}`, `Finding: ${title(fromEx, f.id)}`).lost++;
    for (const o of c.offersAdded) row(`o:${offerKeyPrivate(o)}`, `Offer: ${offerText(toEx, o)}`).gained++;
    for (const o of c.offersRemoved) row(`o:${offerKeyPrivate(o)}`, `Offer: ${offerText(fromEx, o)}`).lost++;
    for (const a of c.actionsAdded) row(`a:${a}`, `Action: ${toEx.actions.find((x) => x.action === a)?.text ?? a}`).gained++;
    for (const a of c.actionsRemoved) row(`a:${a}`, `Action: ${fromEx.actions.find((x) => x.action === a)?.text ?? a}`).lost++;
  }
  const n = responses.length - bad;
  const statement = `${fromRef} → ${draft.ref}, over ${n} ${source}. ${changed} of them change outcome.${bad ? ` ${bad} line(s) were not responses and were left out.` : ''}`;
  lastComparison = { statement, rows: [...rows.values()] };
  box.replaceChildren(
    h('p', { id: 'comparison-statement' }, statement),
    rows.size === 0 ? h('p', {}, S('noChanges')) : h('table', { id: 'transitions' },
      h('caption', {}, S('gainsCaption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, S('colWhat')), h('th', { scope: 'col' }, S('colGained')), h('th', { scope: 'col' }, S('colLost')))),
      h('tbody', {}, [...rows.values()].map((r) => h('tr', {}, h('th', { scope: 'row' }, r.what), h('td', {}, plural(r.gained)), h('td', {}, plural(r.lost)))))));
  announce(`Comparison: ${changed} of ${n} responses change outcome`);
  const text = ndjson?.text ?? responses.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
  showReport(fromRef, text, ndjson?.input ?? source);
}

async function compareFile(file) {
  if (!file) return;
  const lines = (await file.text()).split('\n').map((l) => l.trim()).filter(Boolean);
  const responses = [];
  for (const line of lines) {
    try { responses.push(responseOf(JSON.parse(line))); } catch { responses.push(line); }
  }
  compare(responses, `responses from the file ${file.name}`, { text: await file.text(), input: file.name });
}

// ---------------------------------------------------------------- programme uptake

/** The shipped programme definitions (demo-web/build.mjs from programmes/). */
const programmeDefs = programmeTexts.map((text) => ({ text, def: JSON.parse(text) }));
/** The records the last uptake report counted (NDJSON text, what they are, synthetic name). */
let uptakeRecords = null;
/** The last uptake report (the page `trygg programme report --html` writes). */
let uptakeReport = null;
/** An engine for the uptake report (it holds no forms: the definitions go with each call). */
let uptakeEngine = null;

/**
 * The uptake report of the chosen programme over `uptakeRecords`, made by the engine
 * (`programmeReport`: the same generator and bytes as `trygg programme report --html` over
 * every shipped version of the programme), shown in a sandboxed frame (no scripts; its one
 * inline style allowed by its hash in the page's CSP).
 */
function showUptake() {
  if (!uptakeRecords) return;
  const id = $('programme').value;
  const defs = programmeDefs.filter((p) => p.def.id === id).map((p) => p.text);
  const suppressBelow = Math.max(0, Math.floor(Number($('programme-suppress').value) || 0));
  const period = $('programme-period').value;
  const frame = $('uptake-frame');
  try {
    uptakeReport = uptakeEngine.programmeReport(defs, id, uptakeRecords.text, { period, suppressBelow });
  } catch (e) {
    uptakeReport = null;
    frame.hidden = true;
    $('save-uptake').disabled = true;
    $('uptake-summary').replaceChildren(h('span', { class: 'error' }, `The report could not be made: ${e.code ?? ''} ${e.message}`));
    announce('The uptake report could not be made');
    return;
  }
  const suppressed = suppressBelow > 0 ? `; counts below ${suppressBelow} shown as “<${suppressBelow}”` : '; every count shown';
  $('uptake-summary').textContent = `The uptake of ${id} over ${uptakeRecords.source}, by ${period}${suppressed}.`;
  frame.srcdoc = uptakeReport;
  frame.hidden = false;
  $('save-uptake').disabled = false;
  announce(`The uptake report of ${id} is shown`);
}

async function uptakeFile(file) {
  if (!file) return;
  uptakeRecords = { text: await file.text(), source: `the records of the file ${file.name}` };
  $('save-uptake-records').disabled = true;
  showUptake();
}

/** Synthetic family records of the chosen programme (the engine's `programmeSynth`, as `trygg programme synth`). */
function uptakeSynthetic() {
  const id = $('programme').value;
  const versions = programmeDefs.filter((p) => p.def.id === id);
  const active = versions.filter((p) => p.def.status === 'active');
  const pick = (active.length ? active : versions).sort((a, b) => compareVersionsOf(a.def.version, b.def.version)).at(-1);
  if (!pick) return;
  const n = Math.max(1, Math.min(100000, Math.floor(Number($('programme-synth-n').value) || 300)));
  const seed = Math.max(0, Math.floor(Number($('programme-synth-seed').value) || 0));
  let text;
  try {
    text = uptakeEngine.programmeSynth(pick.text, { n, seed });
  } catch (e) {
    $('uptake-summary').replaceChildren(h('span', { class: 'error' }, `No synthetic records: ${e.code ?? ''} ${e.message}`));
    return;
  }
  // The name `trygg programme synth … --out` would write them to.
  const name = `synthetic-${id}@${pick.def.version}-seed-${seed}-n-${n}.ndjson`;
  uptakeRecords = { text, name, source: `${n} synthetic families (made up in this tab by the engine's programme synth, seed ${seed}; not real families)` };
  $('save-uptake-records').disabled = false;
  showUptake();
}

// ---------------------------------------------------------------- save

function download(name, type, text) {
  const a = $('save-link');
  const url = URL.createObjectURL(new Blob([text], { type }));
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.removeAttribute('href'); }, 0);
}

function saveForm() {
  const d = draft.def;
  download(`${d?.id ?? 'form'}-${d?.version ?? 'draft'}.json`, 'application/json', view.state.doc.toString());
}

function report() {
  const lines = [`Trygg studio report: ${draft.ref ?? 'a draft that does not compile'}`, ''];
  lines.push('Problems:', ...(draft.errors.length ? draft.errors.map((e) => `- ${e.code} ${e.path ?? ''}: ${e.message}`) : ['- none: the draft compiles']), '');
  if (lastExamples) {
    lines.push(`Examples (${lastExamples.ref}):`);
    for (const r of lastExamples.runs) {
      lines.push(`- ${r.passed ? 'passed' : 'FAILED'}: ${r.name}`);
      if (!r.passed) lines.push(...r.words.map((w) => `    ${w}`), ...r.failures.map((f) => `    ${f}`));
    }
    lines.push('');
  }
  if (lastComparison) {
    lines.push('Comparison:', lastComparison.statement);
    for (const r of lastComparison.rows) lines.push(`- ${r.what}: gained in ${plural(r.gained)}, lost in ${plural(r.lost)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- translations (CSV)

/** Every text of a definition: objects whose keys are all the form's locales' (pointer → texts). */
function textsOf(def) {
  const locales = new Set(def.locales ?? []);
  const out = [];
  const walk = (v, ptr) => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${ptr}/${i}`)); return; }
    if (!v || typeof v !== 'object') return;
    const keys = Object.keys(v);
    if (keys.length && keys.every((k) => locales.has(k) && typeof v[k] === 'string')) { out.push([ptr, v]); return; }
    for (const k of keys) if (k !== 'examples') walk(v[k], `${ptr}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(def, '');
  return out;
}

const csvCell = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function exportTexts() {
  const d = draft.def;
  if (!Array.isArray(d?.locales)) return;
  const rows = [['pointer', ...d.locales], ...textsOf(d).map(([p, t]) => [p, ...d.locales.map((l) => t[l] ?? '')])];
  download(`${d.id}-${d.version}-texts.csv`, 'text/csv', `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
}

/** RFC 4180 CSV into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c !== ''));
}

/** One target language's texts as XLIFF 2.0 (source: the form's first locale). */
function exportXliff() {
  const d = draft.def;
  if (!Array.isArray(d?.locales) || !$('xliff-locale').value) return;
  const src = d.locales[0];
  const trg = $('xliff-locale').value;
  const doc = document.implementation.createDocument('urn:oasis:names:tc:xliff:document:2.0', 'xliff', null);
  const x = doc.documentElement;
  x.setAttribute('version', '2.0');
  x.setAttribute('srcLang', src);
  x.setAttribute('trgLang', trg);
  const fileEl = doc.createElementNS(x.namespaceURI, 'file');
  fileEl.setAttribute('id', `${d.id}@${d.version}`);
  x.append(fileEl);
  for (const [ptr, t] of textsOf(d)) {
    const unit = doc.createElementNS(x.namespaceURI, 'unit');
    unit.setAttribute('id', ptr);
    const seg = doc.createElementNS(x.namespaceURI, 'segment');
    const source = doc.createElementNS(x.namespaceURI, 'source');
    source.textContent = t[src] ?? '';
    seg.append(source);
    if (t[trg]) {
      const target = doc.createElementNS(x.namespaceURI, 'target');
      target.textContent = t[trg];
      seg.append(target);
    }
    unit.append(seg);
    fileEl.append(unit);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
  download(`${d.id}-${d.version}-${trg}.xlf`, 'application/xliff+xml', xml);
}

/** XLIFF 2.0 as the CSV table: ['pointer', trgLang], then [unit id, target] per unit. */
function xliffTable(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const x = doc.documentElement;
  if (doc.querySelector('parsererror') || x.localName !== 'xliff' || x.getAttribute('version') !== '2.0' || !x.getAttribute('trgLang')) return [];
  const units = [...doc.getElementsByTagNameNS('*', 'unit')];
  return [['pointer', x.getAttribute('trgLang')], ...units.map((u) => [u.getAttribute('id') ?? '', [...u.getElementsByTagNameNS('*', 'target')].map((t) => t.textContent).join('')])];
}

async function importTexts(file) {
  if (!file) return;
  const report = [];
  const d = draft.def;
  if (!Array.isArray(d?.locales)) {
    $('texts-report').replaceChildren(h('li', {}, 'The draft has no list of locales to check texts against.'));
    return;
  }
  const raw = (await file.text()).replace(/^\uFEFF/, '');
  const xliff = raw.trimStart().startsWith('<');
  const [head, ...rows] = xliff ? xliffTable(raw) : parseCsv(raw);
  if (!head || head[0] !== 'pointer') {
    $('texts-report').replaceChildren(h('li', {}, xliff
      ? 'Not an XLIFF 2.0 texts file: it needs <xliff version="2.0"> with a trgLang.'
      : 'Not a texts file: its first column must be "pointer".'));
    return;
  }
  const where = (r) => (xliff ? `Unit ${r + 1}` : `Line ${r + 2}`);
  const texts = new Map(textsOf(d));
  const cols = head.slice(1);
  for (const l of cols) if (!d.locales.includes(l)) report.push(`Unknown language "${l}": the form has ${d.locales.join(', ')}; ${xliff ? 'the file' : 'its column'} is ignored.`);
  if (!xliff) for (const l of d.locales) if (!cols.includes(l)) report.push(`The file has no column for ${nameOf(l)} (${l}): those texts are unchanged.`);
  const changes = [];
  let applied = 0;
  const seen = new Set();
  const text = view.state.doc.toString();
  rows.forEach((row, r) => {
    const ptr = row[0];
    seen.add(ptr);
    if (!texts.has(ptr)) { report.push(`${where(r)}: ${ptr} is not a text of this version: ignored.`); return; }
    cols.forEach((l, k) => {
      if (!d.locales.includes(l)) return;
      const value = row[k + 1] ?? '';
      if (value === '') { report.push(`${where(r)}: ${ptr} has no ${nameOf(l)} text (untranslated).`); return; }
      if (texts.get(ptr)[l] === value) return;
      const at = locate(text, `${ptr}/${l}`);
      if (!at?.exact || !at.key) { report.push(`${where(r)}: ${ptr} has no ${l} entry to fill in the draft: add it by hand.`); return; }
      const valueFrom = text.indexOf('"', text.indexOf(':', at.key[1]));
      changes.push({ from: valueFrom, to: at.to, insert: JSON.stringify(value) });
      applied++;
    });
  });
  for (const ptr of texts.keys()) if (!seen.has(ptr)) report.push(`${ptr} is not in the file: unchanged.`);
  changes.sort((a, b) => a.from - b.from);
  if (changes.length) view.dispatch({ changes });
  $('texts-report').replaceChildren(h('li', {}, `${applied} text${applied === 1 ? '' : 's'} changed from ${file.name}.`), ...report.map((x) => h('li', {}, x)));
  announce(`${applied} texts imported, ${report.length} notes`);
}

// ---------------------------------------------------------------- start

async function boot() {
  await init();
  const base = $('base');
  const sorted = [...shipped].sort((a, b) => (a.def.id < b.def.id ? -1 : a.def.id > b.def.id ? 1 : compareVersionsOf(a.def.version, b.def.version)));
  base.replaceChildren(...sorted.map((s) => h('option', { value: refOf(s.def) }, `${refOf(s.def)} (${s.def.status})`)));
  const start = shipped.find((s) => s.def.id === 'trygg-start.6-8w' && s.def.status === 'active');
  if (start) base.value = refOf(start.def);
  // The editor lives in a shadow root: CodeMirror then styles it with constructed style
  // sheets (adoptedStyleSheets), which the page's CSP (style-src 'self', no inline style
  // elements) allows, instead of the <style> element it adds to a document's head.
  const root = $('editor').attachShadow({ mode: 'open' });
  // The form schema: completion and hover only (the checks are the engine's).
  const schema = await (await fetch('pkg/form.schema.json')).json();
  view = new EditorView({
    root,
    parent: root,
    extensions: [
      basicSetup,
      EditorView.theme({
        '&': { height: '28rem', fontSize: '0.85rem', backgroundColor: '#ffffff', color: '#1b1f23' },
        '&.cm-focused': { outline: '3px solid #b3400a', outlineOffset: '2px' },
        '.cm-scroller': { overflow: 'auto' },
        '.cm-schema-hover': { padding: '0.25rem 0.5rem', maxWidth: '30rem' },
        // The lint marks without the base theme's data: images (img-src 'self'): a wavy
        // underline and a round gutter mark, both in the page's error colour (7:1).
        '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy #a4161a', textDecorationSkipInk: 'none' },
        '.cm-lint-marker-error': { content: 'normal', backgroundColor: '#a4161a', borderRadius: '50%', width: '0.8em', height: '0.8em', marginTop: '0.2em' },
      }),
      json(),
      lintGutter(),
      schemaAssist(schema),
      EditorView.lineWrapping,
      linter(lint, { delay: 400 }),
      // tabindex: the editable text is the scroller's focusable content (as axe-core checks).
      EditorView.contentAttributes.of({ 'aria-label': S('editorLabel'), tabindex: '0' }),
    ],
  });
  $('open-base').addEventListener('click', openBase);
  $('file').addEventListener('change', (e) => openFile(e.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('dragging'); openFile(e.dataTransfer.files[0]); });
  $('preview-locale').addEventListener('change', renderPreview);
  $('run-examples').addEventListener('click', runExamples);
  $('compare').addEventListener('click', () => compare(examplesResponses(), "responses made from the draft's own examples (synthetic: written by the form's authors, not real families)"));
  $('ndjson').addEventListener('change', (e) => compareFile(e.target.files[0]));
  $('save-form').addEventListener('click', saveForm);
  $('save-report').addEventListener('click', () => download(`${draft.def?.id ?? 'form'}-${draft.def?.version ?? 'draft'}-report.txt`, 'text/plain', report()));
  $('compare-synth').addEventListener('click', compareSynthetic);
  $('save-comparison').addEventListener('click', () => lastReport && download(`${draft.def?.id ?? 'form'}-${draft.def?.version ?? 'draft'}-comparison.html`, 'text/html', lastReport.html));
  $('save-synthetic').addEventListener('click', () => lastSynthetic && download(lastSynthetic.name, 'application/x-ndjson', lastSynthetic.text));
  $('export-texts').addEventListener('click', exportTexts);
  $('export-xliff').addEventListener('click', exportXliff);
  $('import-texts').addEventListener('change', (e) => importTexts(e.target.files[0]));
  uptakeEngine = new Engine();
  const ids = [...new Set(programmeDefs.map((p) => p.def.id))].sort();
  $('programme').replaceChildren(...ids.map((id) => {
    const versions = programmeDefs.filter((p) => p.def.id === id).map((p) => p.def.version).sort(compareVersionsOf);
    return h('option', { value: id }, `${id} (${versions.join(', ')})`);
  }));
  $('programme-records').addEventListener('change', (e) => uptakeFile(e.target.files[0]));
  $('programme-synth').addEventListener('click', uptakeSynthetic);
  // Another programme: synthetic records are made anew for it; a file's are counted again.
  $('programme').addEventListener('change', () => (uptakeRecords?.name ? uptakeSynthetic() : showUptake()));
  for (const id of ['programme-period', 'programme-suppress']) $(id).addEventListener('change', showUptake);
  $('save-uptake').addEventListener('click', () => uptakeReport && download(`${$('programme').value}-uptake.html`, 'text/html', uptakeReport));
  $('save-uptake-records').addEventListener('click', () => uptakeRecords?.name && download(uptakeRecords.name, 'application/x-ndjson', uptakeRecords.text));
  $('ui-lang').addEventListener('change', (e) => setUiLocale(e.target.value));
  $('loading').remove();
  document.body.dataset.ready = 'ok';
}

boot().catch((e) => {
  document.body.dataset.ready = 'failed';
  $('main').append(h('p', { class: 'error', role: 'alert' }, `The studio could not start: ${e?.code ?? ''} ${e?.message ?? e}`));
  console.error(e);
});
