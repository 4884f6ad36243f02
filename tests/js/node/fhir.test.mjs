// The wasm-bindgen module's FHIR methods (cargo feature `fhir`, in the authoring build) on the nodejs target: the
// FHIR vectors (tests/vectors/fhir/) through Engine.exportFhirJson / importFhirJson /
// evaluateFhirJson / fhirBundleJson, writing tests/artifacts/fhir-node.txt for
// `make test-same`; the object-returning twins give the same values; errors are Errors
// with code, path and (for a Bundle refused for its problems) every problem in `errors`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, writeArtifact } from '../lib/vectors.mjs';
import { fhirFiles, runFhir } from '../lib/fhir-vectors.mjs';

const { Engine } = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const engine = Engine.withBuiltinForms();

test('FHIR vectors: export, import, evaluateFhir, fhirBundle', () => {
  const { lines, failures } = runFhir({
    exportFhir: (r) => engine.exportFhirJson(r),
    importFhir: (q) => engine.importFhirJson(q),
    evaluateFhir: (r, qs) => engine.evaluateFhirJson(r, qs || undefined),
    fhirBundle: (r, qs) => engine.fhirBundleJson(r, qs || undefined),
  });
  writeArtifact('fhir-node.txt', lines);
  assert.ok(lines.split('\n').length > 40);
  assert.deepEqual(failures, []);
});

test('objects in, objects out: the same values as the JSON twins', () => {
  const score = fhirFiles().find((f) => f.stem === 'score').cases;
  const c = score.find((x) => x.name.startsWith('phq-9@1.0.0 example 0'));
  assert.deepEqual(engine.evaluateFhir(c.response), JSON.parse(c.expect));
  assert.deepEqual(engine.fhirBundle(c.response), JSON.parse(c.bundle));
  const q = engine.exportFhir({ id: 'gad-7', version: '1.0.0' });
  assert.equal(q.resourceType, 'Questionnaire');
  const imported = engine.importFhir(q);
  assert.equal(imported.form.id, 'gad-7');
  assert.deepEqual(imported.formErrors, []);
  const withQ = score.find((x) => 'questionnaires' in x && 'bundle' in x);
  assert.deepEqual(engine.evaluateFhir(withQ.response, withQ.questionnaires), JSON.parse(withQ.expect));
});

test('bad input is a located Error; the instance stays usable', () => {
  assert.throws(() => engine.evaluateFhir({ resourceType: 'Patient' }), (e) => e instanceof Error && e.code === 'fhir.wrong_resource_type' && e.path === '/resourceType');
  assert.throws(() => engine.importFhir('{"resourceType":"Questionnaire","a":1,"a":2}'), { code: 'fhir.duplicate_key', path: '/a' });
  assert.throws(() => engine.exportFhir('phq-9@9.9.9'), { code: 'registry.unknown_form' });
  const bad = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://trygg.example.invalid/fhir/Questionnaire/phq-9|1.0.0',
    item: [{ linkId: 'phq9_1', answer: [{ valueString: 'x' }] }, { linkId: 'phq9_2', answer: [{ valueString: 'y' }] }] };
  assert.throws(() => engine.fhirBundle(bad), (e) => e.code === 'fhir.unknown_answer_code' && e.errors.length === 2 && e.errors[1].path === '/item/1/answer/0');
  assert.equal(engine.exportFhir('phq-9').resourceType, 'Questionnaire');
});
