// The runtime module (wasm/pkg/node: no compiler) against the authoring build and native:
// it loads the built-in forms precompiled, form by form or all at once, and scores every
// form vector to the expected bytes; the calls that need the compiler throw
// `precompiled.required`; the precompiled forms `make wasm` wrote are the native compiler's
// bytes (tests/vectors/precompiled/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PKG, AUTHORING, REPO, TESTS, formFiles } from '../lib/vectors.mjs';
import { runForms, formFailures } from '../browser/forms-runner.js';

const require = createRequire(import.meta.url);
const runtime = require(join(PKG, 'node', 'trygg_wasm.js'));
const authoring = require(join(AUTHORING, 'node', 'trygg_wasm.js'));
const isRequired = (e) => e instanceof Error && e.code === 'precompiled.required' && /authoring build/.test(e.message);

test('the runtime module scores every form vector to the expected bytes (programmes need the authoring build)', () => {
  const all = formFiles();
  const files = all.map((f) => ({ ...f, cases: f.cases.filter((c) => !('input' in c)) }));
  const programmes = all.flatMap((f) => f.cases.filter((c) => 'input' in c).map((c) => ({ f, c })));
  assert.ok(files.reduce((n, f) => n + f.cases.length, 0) >= 100);
  assert.ok(programmes.length > 0, 'no programme case to check the refusal with');
  const engine = runtime.Engine.withBuiltinForms();
  const { lines, mismatches } = runForms(engine, files);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(formFailures(files, lines), []);
  const { f, c } = programmes[0];
  assert.throws(() => engine.evaluateProgrammeJson(f.programmes[c.programme], c.input), isRequired);
  engine.free();
});

test('the runtime module refuses definitions and rules with precompiled.required, and keeps working', () => {
  const engine = new runtime.Engine();
  const definition = readFileSync(join(REPO, 'forms', 'phq-9', '1.0.0.json'), 'utf8');
  assert.throws(() => engine.loadForm(definition), (e) => isRequired(e) && e.errors.length === 1 && e.path === '');
  assert.throws(() => runtime.evaluateLogic('{"+":[1,2]}', 'null'), isRequired);
  assert.throws(() => engine.evaluateLogic({ '+': [1, 2] }, null), isRequired);
  const phq = require(join(PKG, 'forms', 'phq-9@1.0.0.cjs'));
  engine.loadPrecompiled(phq.precompiled);
  assert.throws(() => engine.precompiled('phq-9@1.0.0'), isRequired);
  assert.equal(runtime.canonicalJson('{"b":1,"a":2}'), '{"a":2,"b":1}');
  assert.equal(authoring.evaluateLogic('{"+":[1,2]}', 'null'), '3');
  engine.free();
});

test('the built-in forms load form by form: one module per version, precompiled', () => {
  const index = require(join(PKG, 'forms', 'index.cjs'));
  const defs = require(join(PKG, 'forms', 'definitions.cjs')).definitions;
  assert.equal(index.forms.length, defs.length);
  const phq = require(join(PKG, 'forms', 'phq-9@1.0.0.cjs'));
  assert.equal(phq.id, 'phq-9');
  assert.equal(phq.version, '1.0.0');
  const engine = new runtime.Engine();
  const info = engine.loadPrecompiled(phq.precompiled);
  assert.equal(info.id, 'phq-9');
  assert.deepEqual(engine.forms().map((x) => x.id), ['phq-9'], 'only the version asked for is loaded');
  const response = { answers: Object.fromEntries(JSON.parse(defs.find((d) => JSON.parse(d).id === 'phq-9')).items.filter((i) => i.type === 'choice').map((i) => [i.id, '1'])) };
  // The same outcome bytes as the authoring build compiling the definition itself.
  const full = new authoring.Engine();
  full.loadForm(defs.find((d) => JSON.parse(d).id === 'phq-9'));
  assert.equal(engine.evaluateJson('phq-9@1.0.0', response), full.evaluateJson('phq-9@1.0.0', response));
  assert.equal(full.precompiled('phq-9@1.0.0'), phq.precompiled);
  assert.throws(() => engine.loadPrecompiled('{"format":"trygg-compiled/0"}'), (e) => e.code === 'precompiled.format');
  // EPDS carries its placeholder text packs beside it.
  const epds = require(join(PKG, 'forms', 'epds@1.0.0.cjs'));
  assert.ok(epds.textPacks.length >= 1);
  engine.loadPrecompiled(epds.precompiled);
  for (const p of epds.textPacks) engine.loadTextPack(p);
  engine.free();
  full.free();
});

test('the precompiled forms make wasm wrote are the native compiler\'s bytes', () => {
  const dir = join(TESTS, 'vectors', 'precompiled');
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  const { forms } = require(join(PKG, 'forms', 'index.cjs'));
  assert.deepEqual(forms.map((f) => `${f.id}@${f.version}.json`).sort(), names.sort());
  for (const f of forms) {
    assert.equal(`${f.precompiled}\n`, readFileSync(join(dir, `${f.id}@${f.version}.json`), 'utf8'), `${f.id}@${f.version}`);
  }
});

test('the runtime module is the smaller one: the compiler is left out', () => {
  const size = (d) => statSync(join(d, 'web', 'trygg_wasm_bg.wasm')).size;
  assert.ok(size(PKG) < size(AUTHORING), `runtime ${size(PKG)} B, authoring ${size(AUTHORING)} B`);
});
