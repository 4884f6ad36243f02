// The shared JsonLogic conformance suites on the nodejs target, through evaluateLogic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, jsonlogicCases, logicOutcome, logicLine, logicFailures, writeArtifact } from '../lib/vectors.mjs';

const trygg = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));

test('every JsonLogic conformance case passes in Node', () => {
  const cases = jsonlogicCases(trygg.canonicalJson);
  assert.ok(cases.length >= 1000, `only ${cases.length} cases`);
  const outcomes = cases.map((c) => logicOutcome(trygg.evaluateLogic, c));
  writeArtifact('jsonlogic-node.txt', cases.map((c, i) => logicLine(c.id, outcomes[i])).join(''));
  assert.deepEqual(logicFailures(cases, outcomes), []);
});

test('evaluateLogic errors carry code, path, type and value', () => {
  assert.throws(() => trygg.evaluateLogic('{"and":[true,{"nope":1}]}', 'null'), (e) =>
    e instanceof Error && e.code === 'logic.unknown_operator' && e.path === '/and/1/nope' && e.type === 'Unknown Operator');
  assert.throws(() => trygg.evaluateLogic('{"/":[1,0]}', '{}'), (e) =>
    e.code === 'logic.nan' && e.path === '' && e.type === 'NaN' && e.value === '{"type":"NaN"}');
  assert.throws(() => trygg.evaluateLogic('{"throw":{"var":"e"}}', '{"e":{"type":"custom","why":1}}'), (e) =>
    e.code === 'logic.thrown' && e.type === 'custom' && e.value === '{"type":"custom","why":1}');
  assert.throws(() => trygg.evaluateLogic('{"var":"a"}', '{'), (e) =>
    e.code === 'json.invalid' && e.type === undefined && e.message.includes('data: '));
  // and the module is fine afterwards
  assert.equal(trygg.evaluateLogic('{"cat":["x",{"var":"a"}]}', '{"a":1.5}'), '"x1.5"');
});
