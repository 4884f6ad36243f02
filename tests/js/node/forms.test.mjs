// tests/vectors/forms/*.json on the nodejs target, through Engine.withBuiltinForms().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, formFiles, writeArtifact } from '../lib/vectors.mjs';
import { runForms, formFailures } from '../browser/forms-runner.js';

const trygg = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));

test('every form vector gives the expected bytes in Node, and the results file is written', () => {
  const files = formFiles();
  const count = files.reduce((n, f) => n + f.cases.length, 0);
  assert.ok(count >= 100, `only ${count} form vectors`);
  const engine = trygg.Engine.withBuiltinForms();
  const { lines, mismatches } = runForms(engine, files);
  writeArtifact('forms-node.txt', lines);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(formFailures(files, lines), []);
  engine.free();
});

test('the comparison can fail: a changed expectation is reported', () => {
  const files = formFiles().slice(0, 1).map((f) => ({ ...f, cases: f.cases.slice(0, 1).map((c) => ({ ...c, expect: c.expect + ' ' })) }));
  const { lines } = runForms(trygg.Engine.withBuiltinForms(), files);
  assert.equal(formFailures(files, lines).length, 1);
  assert.equal(formFailures(files, '').length, 1, 'a case that was not run is reported');
});
