// The regression corpus (tests/regressions/) on the nodejs target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, regressionCases, runRegressions, regressionLines, regressionFailures, writeArtifact } from '../lib/vectors.mjs';

const trygg = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));

test('every regression case gives its expected result in Node', () => {
  const cases = regressionCases();
  assert.ok(cases.length >= 10, `only ${cases.length} cases`);
  const builtin = trygg.Engine.withBuiltinForms();
  const outcomes = runRegressions(trygg, builtin, cases);
  builtin.free();
  writeArtifact('regressions-node.txt', regressionLines(cases, outcomes));
  assert.deepEqual(regressionFailures(cases, outcomes), []);
  // and the module still works afterwards
  assert.equal(trygg.evaluateLogic('{"+":[1,2]}', 'null'), '3');
});
