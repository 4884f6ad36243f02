// Engine.runExamples: a form version's own examples, run by the engine (trygg::examples, as
// `trygg test` runs them) — the studio shows them passed or failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, REPO } from '../lib/vectors.mjs';

const { Engine } = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const W = 'trygg-start.6-8w@1.0.0';
const def = JSON.parse(readFileSync(join(REPO, 'forms/trygg-start/6-8w/1.0.0.json'), 'utf8'));

test('runExamples: every example of a shipped version passes, each with its response', () => {
  const engine = Engine.withBuiltinForms();
  const runs = engine.runExamples(W);
  assert.equal(runs.length, def.examples.length);
  runs.forEach((run, i) => {
    assert.equal(run.index, i);
    assert.equal(run.name, def.examples[i].name);
    assert.equal(run.passed, true, run.failures.join('\n'));
    assert.deepEqual(run.failures, []);
    assert.deepEqual(run.response.answers, def.examples[i].answers);
  });
  assert.throws(() => engine.runExamples('trygg-start.6-8w@9.9.9'), (e) => e.code === 'registry.unknown_form');
});

test('runExamples: a draft whose cut-off moved fails the examples written for the old one', () => {
  const engine = new Engine();
  const draft = structuredClone(def);
  draft.version = '1.2.0';
  draft.status = 'draft';
  const phq2 = draft.scales.find((s) => s.id === 'phq2');
  phq2.bands[0].max = 1;
  phq2.bands[1].min = 2;
  for (const c of phq2.cutoffs) c.value = 2;
  engine.loadForm(draft);
  const runs = engine.runExamples('trygg-start.6-8w@1.2.0');
  const failed = runs.filter((r) => !r.passed);
  assert.equal(failed.length, 1, failed.map((r) => r.name).join('\n'));
  assert.ok(failed[0].failures.some((f) => f.startsWith('band phq2: expected "negative", got positive')), failed[0].failures.join('\n'));
  assert.ok(failed[0].failures.some((f) => f.startsWith('findings: ')));
});
