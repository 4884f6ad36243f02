// tests/vectors/canonical/*.json on the nodejs target (wasm/pkg/node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PKG, canonicalCases, outcomeOf, resultLine, writeArtifact, failures, jcs } from '../lib/vectors.mjs';

const trygg = createRequire(import.meta.url)(join(PKG, 'node', 'trygg_wasm.js'));
const cases = canonicalCases();

test('canonicalJson meets every vector, and the results file is written', () => {
  assert.ok(cases.length >= 50, `only ${cases.length} cases`);
  const outcomes = cases.map((c) => outcomeOf(trygg.canonicalJson, c.input));
  writeArtifact('canonical-node.txt', cases.map((c, i) => resultLine(c.id, outcomes[i])).join(''));
  assert.deepEqual(failures(cases, outcomes), []);
});

test('contentHash is SHA-256 of the expected canonical bytes', () => {
  for (const c of cases.filter((c) => c.expect !== undefined && c.xfail === undefined)) {
    const want = 'sha256:' + createHash('sha256').update(c.expect, 'utf8').digest('hex');
    assert.equal(trygg.contentHash(c.input), want, c.id);
  }
});

test('the expectations agree with an independent ECMAScript RFC 8785', () => {
  // Also covers the xfail cases: their expectation is right, the engine is not (yet).
  for (const c of cases.filter((c) => c.expect !== undefined)) {
    assert.equal(jcs(JSON.parse(c.input)), c.expect, c.id);
  }
});

test('errors are Errors with code and path, and the instance stays usable', () => {
  for (let i = 0; i < 3; i++) {
    assert.throws(
      () => trygg.canonicalJson('{"a": [1, 2,'),
      (e) => e instanceof Error && e.code === 'json.invalid' && e.path === '' && /^json\.invalid: /.test(e.message),
    );
    assert.throws(() => trygg.contentHash('\u0000'), { code: 'json.invalid', path: '' });
    assert.equal(trygg.canonicalJson('{"b":[],"a":-0}'), '{"a":0,"b":[]}');
  }
  // Over the size limit: refused before parsing, and the module is still fine after it.
  const big = ' '.repeat(4 * 1024 * 1024) + '1';
  assert.throws(() => trygg.canonicalJson(big), { code: 'json.too_large', path: '' });
  assert.equal(trygg.canonicalJson('[1e21]'), '[1e+21]');
});

test('engineVersion is the crate version', () => {
  assert.match(trygg.engineVersion(), /^\d+\.\d+\.\d+/);
});
