// Shared by the Node and Chromium runners: the vector files, the results-file format, and
// an independent ECMAScript implementation of RFC 8785 to check the expectations with.
// Mirrors tests/native/src/lib.rs: same file order, same case ids, same result lines.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const TESTS = join(REPO, 'tests');
export const PKG = join(REPO, 'wasm', 'pkg');
/** The authoring build (with the compiler): for the runners that load definitions or compile rules. */
export const AUTHORING = join(PKG, 'authoring');

/** The `*.json` files directly in `dir`, sorted by name (byte order, as the Rust runner). */
export function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map((f) => join(dir, f));
}

/** Every case in tests/vectors/canonical/: { id, input, expect?, error?, xfail? }. */
export function canonicalCases() {
  const cases = [];
  for (const file of jsonFiles(join(TESTS, 'vectors', 'canonical'))) {
    const stem = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(doc.cases)) throw new Error(`${stem}: no "cases" array`);
    for (const c of doc.cases) {
      if (typeof c.name !== 'string' || typeof c.input !== 'string') {
        throw new Error(`${stem}: a case needs string "name" and "input"`);
      }
      if ((typeof c.expect === 'string') === (c.error !== undefined)) {
        throw new Error(`${stem}/${c.name}: needs exactly one of "expect" (string) or "error"`);
      }
      cases.push({
        id: `${stem}/${c.name}`,
        input: c.input,
        expect: c.expect,
        error: c.error && { code: c.error.code, path: c.error.path ?? '' },
        xfail: c.xfail,
      });
    }
  }
  return cases;
}

/**
 * Run `call(input)` for every case, where `call` returns the output text or throws a
 * trygg error. Returns { outcomes, lines } with one outcome per case.
 */
export function outcomeOf(call, input) {
  try {
    return { ok: call(input) };
  } catch (e) {
    return { err: { code: e?.code, path: e?.path, isError: e instanceof Error } };
  }
}

/** One results-file line, byte-identical to trygg_conformance::result_line. */
export function resultLine(id, outcome) {
  return 'ok' in outcome
    ? `${id}\t${outcome.ok}\n`
    : `${id}\t!${outcome.err.code}\t${outcome.err.path}\n`;
}

export function writeArtifact(name, text) {
  const dir = join(TESTS, 'artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
}

/** Does `outcome` meet the case's expectation? */
export function meets(c, outcome) {
  if (c.expect !== undefined) return outcome.ok === c.expect;
  return (
    'err' in outcome &&
    outcome.err.isError === true &&
    outcome.err.code === c.error.code &&
    outcome.err.path === c.error.path
  );
}

/**
 * Check every case; returns the failure messages (empty when all pass). An `xfail` case
 * must still fail (so the marker is dropped once the engine is fixed).
 */
export function failures(cases, outcomes) {
  const out = [];
  cases.forEach((c, i) => {
    const ok = meets(c, outcomes[i]);
    if (c.xfail !== undefined) {
      if (ok) out.push(`${c.id}: marked xfail but passes now: drop the marker`);
    } else if (!ok) {
      out.push(`${c.id}: want ${JSON.stringify(c.expect ?? c.error)}, got ${JSON.stringify(outcomes[i])}`);
    }
  });
  return out;
}

/** RFC 8785 written independently in ECMAScript (JSON.stringify prints numbers and strings
 * as the RFC requires; Array.prototype.sort compares UTF-16 code units). */
export function jcs(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`)
    .join(',')}}`;
}

/** ../shared/conformance/jsonlogic/suites beside the repository (never copied into it). */
export const SUITES = join(REPO, '..', 'shared', 'conformance', 'jsonlogic', 'suites');

/**
 * Every case of the shared JsonLogic suites, mirroring trygg_conformance::jsonlogic_cases:
 * { id, rule, data, result? , errorType? } with rule, data and result as canonical JSON
 * text made by `canon` (the module's canonicalJson), so all runtimes get the same bytes.
 */
export function jsonlogicCases(canon) {
  const read = (name) => JSON.parse(readFileSync(join(SUITES, name), 'utf8'));
  const suites = read('index.json').map((name) => [name, read(name)]);
  // Then the project's own suites in the same format, vectors/logic/*.json.
  for (const file of jsonFiles(join(TESTS, 'vectors', 'logic'))) {
    suites.push([`logic/${file.slice(file.lastIndexOf('/') + 1)}`, JSON.parse(readFileSync(file, 'utf8'))]);
  }
  const cases = [];
  for (const [name, suite] of suites) {
    suite
      .filter((c) => c !== null && typeof c === 'object' && !Array.isArray(c))
      .forEach((c, n) => {
        const id = `${name}#${n}`;
        if (('result' in c) === ('error' in c)) throw new Error(`${id}: needs exactly one of result or error`);
        cases.push({
          id,
          rule: canon(JSON.stringify(c.rule)),
          data: canon(JSON.stringify(c.data ?? null)),
          result: 'result' in c ? canon(JSON.stringify(c.result)) : undefined,
          errorType: 'error' in c ? c.error.type : undefined,
        });
      });
  }
  return cases;
}

/** Run evaluateLogic on a case: { ok } or { err: { code, path, type, isError } }. */
export function logicOutcome(evaluateLogic, c) {
  try {
    return { ok: evaluateLogic(c.rule, c.data) };
  } catch (e) {
    return { err: { code: e?.code, path: e?.path, type: e?.type, value: e?.value, isError: e instanceof Error } };
  }
}

/** Mirrors trygg_conformance::logic_line. */
export function logicLine(id, o) {
  return 'ok' in o
    ? `${id}\t${o.ok}\n`
    : `${id}\t!${o.err.code}\t${o.err.path}\t${o.err.type ?? ''}\t${o.err.value ?? ''}\n`;
}

/** Failure messages for JsonLogic outcomes against the suites' expectations. */
export function logicFailures(cases, outcomes) {
  const out = [];
  cases.forEach((c, i) => {
    const o = outcomes[i];
    const ok = c.result !== undefined ? o.ok === c.result : o.err?.isError === true && o.err.type === c.errorType;
    if (!ok) out.push(`${c.id}: rule ${c.rule} data ${c.data}: want ${c.result ?? `error ${c.errorType}`}, got ${JSON.stringify(o)}`);
  });
  return out;
}

/** The form vectors, tests/vectors/forms/*.json, as [{ stem, cases, programmes }] in file
 * order (`programmes`: the programme definitions a file's programme cases name). */
export function formFiles() {
  return jsonFiles(join(TESTS, 'vectors', 'forms')).map((file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(doc.cases)) throw new Error(`${file}: no "cases" array`);
    return { stem: file.slice(file.lastIndexOf('/') + 1, -'.json'.length), cases: doc.cases, programmes: doc.programmes ?? {} };
  });
}

/**
 * The differential inputs written by the native runner
 * (tests/native/tests/differential.rs): [{ id, form, response } | { id, rule, data }].
 */
export function differentialCases() {
  const file = join(TESTS, 'artifacts', 'differential-inputs.ndjson');
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing: run \`cargo test -p trygg-conformance --test differential\` first (make unit does)`);
  }
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

/**
 * Run the differential cases with `trygg` (either target) on `engine`
 * (`Engine.withBuiltinForms()`): { ok } or { err: { code, path, type } } per case. No Node
 * imports: the Chromium runner passes this function's source to the page.
 */
export function runDifferential(trygg, engine, cases) {
  return cases.map((c) => {
    try {
      return { ok: 'rule' in c ? trygg.evaluateLogic(c.rule, c.data) : engine.evaluateJson(c.form, c.response) };
    } catch (e) {
      return { err: { code: e?.code, path: e?.path, type: e?.type, value: e?.value } };
    }
  });
}

/** The results file, byte-identical to the native runner's (result_line / logic_line). */
export function differentialLines(cases, outcomes) {
  return cases
    .map((c, i) => {
      const o = outcomes[i];
      if ('ok' in o) return `${c.id}\t${o.ok}\n`;
      return 'rule' in c ? logicLine(c.id, o) : `${c.id}\t!${o.err.code}\t${o.err.path}\n`;
    })
    .join('');
}

/** The regression corpus, tests/regressions/*.json (mirrors trygg_conformance::regression_cases). */
export function regressionCases() {
  const cases = [];
  for (const file of jsonFiles(join(TESTS, 'regressions'))) {
    const stem = file.slice(file.lastIndexOf('/') + 1, -'.json'.length);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const c of doc.cases) {
      cases.push({
        id: `${stem}/${c.name}`,
        kind: c.kind,
        rule: c.rule,
        data: c.data ?? 'null',
        form: c.form,
        input: c.input,
        response: c.response ?? '{}',
        error: c.error && { code: c.error.code ?? '', path: c.error.path ?? '' },
        expect: c.expect,
        includes: c.includes,
      });
    }
  }
  return cases;
}

/**
 * Run the regression cases: { ok } or { err: { code, path, type } } per case. No Node
 * imports: the Chromium runner passes this function's source to the page.
 */
export function runRegressions(trygg, builtin, cases) {
  const attempt = (call) => {
    try {
      return { ok: call() };
    } catch (e) {
      return { err: { code: e?.code, path: e?.path, type: e?.type, value: e?.value } };
    }
  };
  return cases.map((c) => {
    if (c.kind === 'logic') return attempt(() => trygg.evaluateLogic(c.rule, c.data));
    if (c.kind === 'response') return attempt(() => builtin.evaluateJson(c.form, c.input));
    if (c.kind === 'canonical') return attempt(() => trygg.canonicalJson(c.input));
    const engine = new trygg.Engine();
    try {
      return attempt(() => {
        const info = engine.loadForm(c.input);
        return engine.evaluateJson(`${info.id}@${info.version}`, c.response);
      });
    } finally {
      engine.free();
    }
  });
}

/** The results file (mirrors tests/native/tests/regressions.rs). */
export function regressionLines(cases, outcomes) {
  return cases
    .map((c, i) => {
      const o = outcomes[i];
      if ('ok' in o) return `${c.id}\t${o.ok}\n`;
      return c.kind === 'logic' ? logicLine(c.id, o) : `${c.id}\t!${o.err.code}\t${o.err.path}\n`;
    })
    .join('');
}

/** Cases whose outcome misses their expectation (empty when all pass). */
export function regressionFailures(cases, outcomes) {
  const lines = regressionLines(cases, outcomes).split('\n');
  const out = [];
  cases.forEach((c, i) => {
    const o = outcomes[i];
    if (c.error && !(o.err && o.err.code === c.error.code && o.err.path === c.error.path)) {
      out.push(`${c.id}: want error ${JSON.stringify(c.error)}, got ${lines[i].slice(0, 300)}`);
    }
    if (c.expect !== undefined && o.ok !== c.expect) out.push(`${c.id}: want ${JSON.stringify(c.expect)}, got ${lines[i].slice(0, 300)}`);
    if (c.includes !== undefined && !lines[i].includes(c.includes)) out.push(`${c.id}: want ${JSON.stringify(c.includes)} in ${lines[i].slice(0, 300)}`);
  });
  return out;
}
