// The panic hook and the package entry's recovery, on a test-only build with feature `panic-probe` (make wasm-probe): a panic
// becomes an `internal.panic` Error, and the instance then refuses every call with
// `internal.poisoned` instead of trapping or running on possibly broken state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO } from '../lib/vectors.mjs';

const probe = join(REPO, 'target', 'panic-probe', 'pkg', 'trygg_wasm.js');

test('a panic is thrown as internal.panic, then the instance is poisoned', () => {
  assert.ok(existsSync(probe), `${probe} missing: run make wasm-probe`);
  const trygg = createRequire(import.meta.url)(probe);
  assert.equal(typeof trygg.panicProbe, 'function');
  // Bad input before the panic: an ordinary error, and the instance stays usable.
  assert.throws(() => trygg.canonicalJson('{'), { code: 'json.invalid' });
  assert.equal(trygg.canonicalJson('{"b":1,"a":2}'), '{"a":2,"b":1}');
  assert.throws(
    () => trygg.panicProbe('deliberate'),
    (e) => e instanceof Error && e.code === 'internal.panic' && e.path === '' && e.message.includes('deliberate'),
  );
  for (const call of [() => trygg.canonicalJson('{}'), () => trygg.contentHash('{}'), () => trygg.panicProbe('again')]) {
    assert.throws(call, (e) => e instanceof Error && e.code === 'internal.poisoned');
  }
});

test('the shipped module has no panic probe', () => {
  const shipped = createRequire(import.meta.url)(join(REPO, 'wasm', 'pkg', 'node', 'trygg_wasm.js'));
  assert.equal(shipped.panicProbe, undefined);
});

// The package entry (index.js, made by wasm/npm/wrap.mjs) recovers: the call that hit the
// internal error fails clearly, then every later call and every new Engine get a fresh
// instance; objects of the broken instance keep saying so.
const probeEntry = join(REPO, 'target', 'panic-probe', 'pkg', 'index.js');

test('after an internal error the package entry gives the next call a fresh instance', () => {
  assert.ok(existsSync(probeEntry), `${probeEntry} missing: run make wasm-probe`);
  const trygg = createRequire(import.meta.url)(probeEntry);
  const before = new trygg.Engine();
  assert.equal(trygg.canonicalJson('{"b":1,"a":2}'), '{"a":2,"b":1}');
  assert.throws(
    () => trygg.panicProbe('deliberate'),
    (e) => e instanceof Error && e.code === 'internal.panic' && e.message.includes('deliberate'),
  );
  // The next call works, on a fresh instance.
  assert.equal(trygg.canonicalJson('{"b":1,"a":2}'), '{"a":2,"b":1}');
  assert.equal(trygg.evaluateLogic('{"+":[1,2]}', 'null'), '3');
  // A new Engine works; the one made before the panic says what happened.
  const after = new trygg.Engine();
  assert.ok(after instanceof trygg.Engine);
  assert.deepEqual(after.forms(), []);
  assert.throws(() => before.forms(), (e) => e instanceof Error && e.code === 'internal.poisoned');
  // And it recovers again after a second internal error.
  assert.throws(() => trygg.panicProbe('twice'), { code: 'internal.panic' });
  assert.equal(trygg.contentHash('{}').slice(0, 7), 'sha256:');
});

test('JS values JSON cannot carry are type errors, not silently null or dropped', () => {
  const trygg = createRequire(import.meta.url)(join(REPO, 'wasm', 'pkg', 'node', 'index.js'));
  const engine = trygg.Engine.withBuiltinForms();
  const [form] = engine.forms();
  const cases = [
    [{ answers: { x: Number.NaN } }, '/answers/x', 'NaN'],
    [{ answers: { x: Infinity } }, '/answers/x', 'Infinity'],
    [{ answers: { x: undefined } }, '/answers/x', 'undefined'],
    [{ answers: { x: () => 1 } }, '/answers/x', 'a function'],
    [{ answers: { x: [1, 10n] } }, '/answers/x/1', 'a BigInt'],
  ];
  for (const [response, path, what] of cases) {
    assert.throws(
      () => engine.evaluate({ id: form.id, version: form.version }, response),
      (e) => e instanceof TypeError && e.code === 'json.not_representable' && e.path === path && e.message.includes(what),
      `${what} at ${path}`,
    );
  }
  // A long key is kept whole in `path` and quoted short in the message, as the engine does.
  const key = 'k'.repeat(5000);
  assert.throws(
    () => engine.evaluate({ id: form.id, version: form.version }, { answers: { [key]: Number.NaN } }),
    (e) => e.code === 'json.not_representable' && e.path === `/answers/${key}` && e.message.length < 200
      && e.message.includes(`/answers/${'k'.repeat(71)}\u2026`),
  );
  // The engine is fine afterwards, and a plain response still scores.
  assert.equal(typeof engine.evaluateJson({ id: form.id, version: form.version }, { answers: {} }), 'string');
});
