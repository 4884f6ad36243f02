// Differential testing on the nodejs target: the seeded random responses and rules the
// native runner generated (tests/artifacts/differential-inputs.ndjson), through
// Engine.evaluateJson and evaluateLogic; `make test-same` compares the results bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, differentialCases, runDifferential, differentialLines, writeArtifact } from '../lib/vectors.mjs';

const trygg = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));

test('the differential inputs run in Node', () => {
  const cases = differentialCases();
  assert.ok(cases.filter((c) => 'response' in c).length >= 10_000, `${cases.length} cases`);
  const engine = trygg.Engine.withBuiltinForms();
  const outcomes = runDifferential(trygg, engine, cases);
  engine.free();
  writeArtifact('differential-node.txt', differentialLines(cases, outcomes));
  // Every refusal is a coded error (a JS Error with code and path), never a crash.
  const uncoded = outcomes.filter((o) => 'err' in o && typeof o.err.code !== 'string');
  assert.deepEqual(uncoded, []);
});
