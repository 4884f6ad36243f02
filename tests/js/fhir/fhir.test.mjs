// FHIR checks on what trygg-fhir writes for every shipped form (target/fhir-artifacts/,
// written by `cargo run -p trygg-fhir --example artifacts -- forms target/fhir-artifacts`):
// the Questionnaire, every converted QuestionnaireResponse and every results Bundle validate
// against HL7's R4 JSON Schema; every scale's calculatedExpression, evaluated by fhirpath.js
// (HL7's FHIRPath engine) on the converted responses, gives Trygg's totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const fhirpath = require('fhirpath');
const r4 = require('fhirpath/fhir-context/r4');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DIR = process.env.TRYGG_FHIR_ARTIFACTS ?? join(ROOT, 'target', 'fhir-artifacts');
const docs = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));
const validator = new JSONSchemaValidator();

const CALC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';
function calculated(items, out = []) {
  for (const it of items ?? []) {
    const e = (it.extension ?? []).find((x) => x.url === CALC);
    if (e) out.push({ linkId: it.linkId, expression: e.valueExpression.expression });
    calculated(it.item, out);
  }
  return out;
}

test('every shipped form is written', () => {
  assert.ok(docs.length >= 12, `only ${docs.length} forms`);
});

test('every Questionnaire, QuestionnaireResponse and Bundle validates against the R4 JSON Schema', () => {
  let n = 0;
  for (const doc of docs) {
    assert.deepEqual(validator.validate(doc.questionnaire), [], `${doc.form}: Questionnaire`);
    for (const c of doc.cases) {
      assert.deepEqual(validator.validate(c.response), [], `${doc.form} ${c.name}: QuestionnaireResponse`);
      assert.deepEqual(validator.validate(c.bundle), [], `${doc.form} ${c.name}: Bundle`);
      n += 2;
    }
    n += 1;
  }
  assert.ok(n > 600, `${n} resources`);
});

test('the schema check can fail: a wrong item type is rejected', () => {
  const q = structuredClone(docs[0].questionnaire);
  q.item[0].type = 'no-such-type';
  assert.notDeepEqual(validator.validate(q), []);
});

test("fhirpath.js evaluates every scale's calculatedExpression to Trygg's total", () => {
  let checked = 0;
  for (const doc of docs) {
    const calcs = calculated(doc.questionnaire.item);
    for (const c of doc.cases) {
      for (const { linkId, expression } of calcs) {
        if (!(linkId in c.totals)) continue;
        const got = fhirpath.evaluate(c.response, expression,
          { resource: c.response, questionnaire: doc.questionnaire }, r4);
        assert.deepEqual(got, [c.totals[linkId]], `${doc.form} ${c.name}: ${linkId} = ${expression}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 300, `only ${checked} totals checked`);
});

// The CarePlans of the shipped programmes' examples (families offered the programme), written
// by the same example from programmes/ (target/fhir-artifacts/careplans/).
const PLANS = join(DIR, 'careplans');
const plans = readdirSync(PLANS).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(PLANS, f), 'utf8')));

test('every programme CarePlan validates against the R4 JSON Schema, an activity per visit', () => {
  assert.ok(plans.length >= 2, `only ${plans.length} programmes`);
  let n = 0;
  for (const doc of plans) {
    assert.ok(doc.cases.length >= 1, `${doc.programme}: no example is offered the programme`);
    for (const c of doc.cases) {
      assert.deepEqual(validator.validate(c.carePlan), [], `${doc.programme} ${c.name}: CarePlan`);
      assert.equal(c.carePlan.activity.length, doc.visits, `${doc.programme} ${c.name}: activities`);
      const roles = new Set((c.carePlan.contained ?? []).map((r) => `#${r.id}`));
      for (const a of c.carePlan.activity) {
        for (const p of a.detail.performer) assert.ok(roles.has(p.reference), `${p.reference} is contained`);
      }
      n += 1;
    }
  }
  assert.ok(n >= 2, `${n} CarePlans`);
});

test('the schema check can fail on a CarePlan: a wrong activity status is rejected', () => {
  const plan = structuredClone(plans[0].cases[0].carePlan);
  plan.activity[0].detail.status = 'no-such-status';
  assert.notDeepEqual(validator.validate(plan), []);
});
