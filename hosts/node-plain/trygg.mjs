// trygg on Node's own WebAssembly API: the plain-ABI trygg.wasm (abi/ABI.md), no glue.
//
//   import { Trygg } from './trygg.mjs';
//   const trygg = Trygg.withBuiltinForms();
//   const outcome = JSON.parse(trygg.evaluate('phq-9', '{"answers":{"phq9_1":"1"}}'));
//
// Every call takes and returns text (JSON text for structured values; results are canonical
// JSON). Failures throw TryggError with a stable `code` and a JSON-pointer `path`. A trap
// poisons the module instance: the call throws `internal.trap`, and the next call makes a
// new instance and loads again the forms and text packs this Trygg had (its sessions are
// gone: they throw `internal.poisoned`).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ABI_VERSION = 1;
const HERE = dirname(fileURLToPath(import.meta.url));
/** Where trygg.wasm and forms/ are: beside this file once packed, else `make abi`'s output. */
export const DATA_DIR = process.env.TRYGG_ABI_DIR ?? join(HERE, '..', '..', 'target', 'abi');

/** A failed call: `code` (e.g. `json.invalid`), `path` (JSON pointer), every error in `errors`. */
export class TryggError extends Error {
  constructor(detail) {
    super(detail.message);
    this.name = 'TryggError';
    this.code = detail.code;
    this.path = detail.path ?? '';
    this.errors = detail.errors ?? [{ code: detail.code, path: this.path, message: detail.message }];
    if (detail.type !== undefined) this.type = detail.type;
    if (detail.value !== undefined) this.value = detail.value;
  }
}

let compiled;
/** The compiled module (compiled once per process; instances are cheap). */
export function module(path = join(DATA_DIR, 'trygg.wasm')) {
  if (!compiled) compiled = new WebAssembly.Module(readFileSync(path));
  return compiled;
}

/** The built-in forms and text packs, in forms/index.txt order: [{ kind, text }]. */
export function builtinDocuments(dir = join(DATA_DIR, 'forms')) {
  return readFileSync(join(dir, 'index.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, path] = [line.slice(0, 4), line.slice(5)];
      return { kind, text: readFileSync(join(dir, path), 'utf8') };
    });
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** One instance of trygg.wasm: raw calls with text arguments. Not for sharing across workers. */
export class Instance {
  constructor(mod = module()) {
    this.x = new WebAssembly.Instance(mod, {}).exports;
    const v = this.x.trygg_abi_version();
    if (v !== ABI_VERSION) throw new TryggError({ code: 'abi.version_mismatch', path: '', message: `abi.version_mismatch: trygg.wasm has ABI version ${v}; this package needs ${ABI_VERSION}` });
  }

  /** Call `name` with numbers and strings; returns { status, text }. */
  call(name, ...args) {
    const x = this.x;
    if (typeof x[name] !== 'function') {
      throw new TryggError({ code: 'abi.missing_export', path: '', message: `abi.missing_export: this trygg.wasm has no export ${name} (built without the feature that adds it)` });
    }
    const owned = [];
    const flat = [];
    try {
      for (const a of args) {
        if (typeof a !== 'string') {
          flat.push(a);
          continue;
        }
        const bytes = enc.encode(a);
        const ptr = x.trygg_alloc(bytes.length);
        if (bytes.length) new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
        owned.push([ptr, bytes.length]);
        flat.push(ptr, bytes.length);
      }
      const status = x[name](...flat);
      const ptr = x.trygg_result_ptr();
      const len = x.trygg_result_len();
      const text = dec.decode(new Uint8Array(x.memory.buffer, ptr, len));
      for (const [p, n] of owned) x.trygg_free(p, n);
      return { status, text };
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw trap(e);
      throw e;
    }
  }
}

function trap(e) {
  const err = new TryggError({ code: 'internal.trap', path: '', message: `internal.trap: the module trapped (${e.message}); this instance is dropped and the next call makes a new one` });
  err.cause = e;
  return err;
}

/** Loaded forms and text packs: one engine in one module instance (one per thread/worker). */
export class Trygg {
  #inst = null;
  #engine = 0;
  #generation = 0;
  #loaded = [];
  #drafts = false;

  /** An empty engine: load forms with loadForm. */
  constructor() {
    this.#ensure();
  }

  /** An engine with every built-in form and text pack. */
  static withBuiltinForms() {
    const t = new Trygg();
    for (const { kind, text } of builtinDocuments()) {
      if (kind === 'form') t.loadForm(text);
      else t.loadTextPack(text);
    }
    return t;
  }

  #ensure() {
    if (this.#inst) return this.#inst;
    const inst = new Instance();
    const h = inst.x.trygg_engine_new();
    for (const { kind, text } of this.#loaded) {
      unwrap(inst.call(kind === 'form' ? 'trygg_engine_load_form' : 'trygg_engine_load_text_pack', h, text));
    }
    if (this.#drafts) unwrap(inst.call('trygg_engine_allow_drafts', h, 1));
    this.#inst = inst;
    this.#engine = h;
    this.#generation++;
    return inst;
  }

  /** Run a raw call on this engine's instance; a trap drops the instance. */
  _call(name, ...args) {
    const inst = this.#ensure();
    try {
      return unwrap(inst.call(name, ...args));
    } catch (e) {
      if (e.code === 'internal.trap') this.#inst = null;
      throw e;
    }
  }

  /** A raw call whose first argument is this engine's handle (after any new instance). */
  #onEngine(name, ...args) {
    this.#ensure();
    return this._call(name, this.#engine, ...args);
  }

  get _generation() { return this.#generation; }

  /** Compile and add a form definition (JSON text); its FormInfo (JSON text). */
  loadForm(json) {
    const info = this.#onEngine('trygg_engine_load_form', json);
    this.#loaded.push({ kind: 'form', text: json });
    return info;
  }
  loadTextPack(json) {
    this.#onEngine('trygg_engine_load_text_pack', json);
    this.#loaded.push({ kind: 'pack', text: json });
  }
  allowDrafts(allow) {
    this.#onEngine('trygg_engine_allow_drafts', allow ? 1 : 0);
    this.#drafts = !!allow;
  }
  forms() { return this.#onEngine('trygg_engine_forms'); }
  formForCheckup(ageDays) { return this.#onEngine('trygg_engine_form_for_checkup', ageDays); }
  evaluate(formRef, response) { return this.#onEngine('trygg_evaluate', formRef, response); }
  evaluateFamily(formRef, responses) { return this.#onEngine('trygg_evaluate_family', formRef, responses); }
  viewFor(formRef, responses, respondent) { return this.#onEngine('trygg_view_for', formRef, responses, respondent); }
  compareVersions(from, to, response) { return this.#onEngine('trygg_compare_versions', from, to, response); }
  /** An outcome's reasons in words, as canonical JSON text (`locale`: a form locale, any other falls back to the form's first; `textPacks`: use the loaded text packs). */
  explain(formRef, response, locale, textPacks = true) { return this.#onEngine('trygg_explain', formRef, response, locale, textPacks ? 1 : 0); }
  /** The same explanation as plain text. */
  explainText(formRef, response, locale, textPacks = true) { return JSON.parse(this.#onEngine('trygg_explain_text', formRef, response, locale, textPacks ? 1 : 0)); }
  /** A programme definition (JSON text) evaluated for one family's input (JSON text) against the loaded forms. */
  evaluateProgramme(programme, input) { return this.#onEngine('trygg_evaluate_programme', programme, input); }
  /** A loaded form version as an SDC Questionnaire (canonical JSON text; FHIR). */
  exportFhir(formRef) { return this.#onEngine('trygg_export_fhir', formRef); }
  /** An SDC Questionnaire (JSON text) imported as a Trygg form: `{form, mapping, report, formErrors}`. */
  importFhir(questionnaire) { return this.#onEngine('trygg_import_fhir', questionnaire); }
  /** A QuestionnaireResponse (JSON text) scored: `{outcome, problems, stored}`; `questionnaires`: JSON text of an array of Questionnaires it may name ('' for none). */
  evaluateFhir(response, questionnaires = '') { return this.#onEngine('trygg_evaluate_fhir', response, questionnaires); }
  /** Its results as a transaction Bundle (canonical JSON text); throws listing every problem (`errors`) when it has any. */
  fhirBundle(response, questionnaires = '') { return this.#onEngine('trygg_fhir_bundle', response, questionnaires); }
  evaluateLogic(rule, data) { return this._call('trygg_evaluate_logic', rule, data); }
  canonicalJson(json) { return this._call('trygg_canonical_json', json); }
  contentHash(json) { return JSON.parse(this._call('trygg_content_hash', json)); }
  engineVersion() { return this._call('trygg_engine_version'); }
  /** A live session; `init` is JSON text of `{ respondent?, context? }` ('' for none). */
  session(formRef, init = '') {
    const h = this.#onEngine('trygg_session_new', formRef, init);
    return new Session(this, h, this.#generation);
  }
  /** Drop the instance (and every session). */
  close() { this.#inst = null; this.#loaded = []; }
}

function unwrap({ status, text }) {
  if (status === -1) throw new TryggError(JSON.parse(text));
  return status > 0 ? status : text;
}

/** One respondent's live form. */
export class Session {
  #trygg; #h; #generation;
  constructor(trygg, h, generation) { this.#trygg = trygg; this.#h = h; this.#generation = generation; }
  #call(name, ...args) {
    if (this.#trygg._generation !== this.#generation) {
      throw new TryggError({ code: 'internal.poisoned', path: '', message: 'internal.poisoned: this session was lost with its module instance (a trap); start a new one' });
    }
    return this.#trygg._call(name, this.#h, ...args);
  }
  set(item, value) { return this.#call('trygg_session_set', item, value); }
  decline(item) { return this.#call('trygg_session_decline', item); }
  items(locale) { return this.#call('trygg_session_items', locale); }
  progress() { return this.#call('trygg_session_progress'); }
  outcome() { return this.#call('trygg_session_outcome'); }
  response() { return this.#call('trygg_session_response'); }
  close() { this.#call('trygg_session_free'); }
}
