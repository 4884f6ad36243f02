// The panic hook, on a test-only build with feature `panic-probe` (make wasm-probe): a panic
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
