// The glue-less Node host: trygg.wasm on Node's own WebAssembly API runs every shared
// vector (canonical, JsonLogic, forms, families, views, sessions) and writes
// tests/artifacts/<suite>-node-plain.txt for `make test-same`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Trygg, TryggError, Instance, DATA_DIR, module } from '../trygg.mjs';
import {
  canonicalCases, resultLine, failures, writeArtifact, jsonlogicCases, logicLine, logicFailures, formFiles,
} from '../../../tests/js/lib/vectors.mjs';
import { formFailures } from '../../../tests/js/browser/forms-runner.js';
import { runFhir } from '../../../tests/js/lib/fhir-vectors.mjs';

const RUNTIME = 'node-plain';
const trygg = Trygg.withBuiltinForms();

function attempt(call) {
  try {
    return { ok: call() };
  } catch (e) {
    if (!(e instanceof TryggError)) throw e;
    return { err: { code: e.code, path: e.path, type: e.type, value: e.value, isError: true } };
  }
}

test('trygg.wasm imports nothing and is the module make abi built', () => {
  assert.deepEqual(WebAssembly.Module.imports(module()), []);
  const want = readFileSync(join(DATA_DIR, 'trygg.wasm.sha256'), 'utf8').trim();
  const got = createHash('sha256').update(readFileSync(join(DATA_DIR, 'trygg.wasm'))).digest('hex');
  assert.equal(got, want);
  assert.equal(new Instance().x.trygg_abi_version(), 1);
});

test('canonical vectors', () => {
  const cases = canonicalCases();
  const outcomes = cases.map((c) => attempt(() => trygg.canonicalJson(c.input)));
  writeArtifact(`canonical-${RUNTIME}.txt`, cases.map((c, i) => resultLine(c.id, outcomes[i])).join(''));
  assert.ok(cases.length >= 50);
  assert.deepEqual(failures(cases, outcomes), []);
});

test('JsonLogic suites', () => {
  const cases = jsonlogicCases((t) => trygg.canonicalJson(t));
  const outcomes = cases.map((c) => attempt(() => trygg.evaluateLogic(c.rule, c.data)));
  writeArtifact(`jsonlogic-${RUNTIME}.txt`, cases.map((c, i) => logicLine(c.id, outcomes[i])).join(''));
  assert.ok(cases.length >= 1000);
  assert.deepEqual(logicFailures(cases, outcomes), []);
});

/** Mirrors tests/native/src/forms.rs::run_case (ids, order, line format). */
function runForms(files) {
  const lines = [];
  const push = (id, o) => lines.push(`${id}\t${'ok' in o ? o.ok : `!${o.err.code}\t${o.err.path}`}\n`);
  for (const { stem, cases, programmes } of files) {
    for (const c of cases) {
      const id = `${stem}/${c.name}`;
      if ('input' in c) {
        push(id, attempt(() => trygg.evaluateProgramme(JSON.stringify(programmes[c.programme]), JSON.stringify(c.input))));
      } else if ('explain' in c) {
        const { locale, textPacks = true } = c.explain;
        const response = JSON.stringify(c.response);
        const o = attempt(() => trygg.explain(c.form, response, locale, textPacks));
        push(id, o);
        if ('ok' in o) push(`${id}/text`, attempt(() => JSON.stringify(trygg.explainText(c.form, response, locale, textPacks))));
      } else if ('responses' in c) {
        const responses = JSON.stringify(c.responses);
        const o = attempt(() => trygg.evaluateFamily(c.form, responses));
        push(id, o);
        if (!('ok' in o)) continue;
        for (const r of c.responses) {
          const who = r?.respondent?.id;
          if (typeof who === 'string') push(`${id}/view/${who}`, attempt(() => trygg.viewFor(c.form, responses, who)));
        }
      } else if ('steps' in c) {
        const s = attempt(() => trygg.session(c.form, c.init === undefined ? '' : JSON.stringify(c.init)));
        if (!('ok' in s)) {
          push(id, s);
          continue;
        }
        const session = s.ok;
        c.steps.forEach((step, n) => {
          const o = attempt(() => ('decline' in step
            ? session.decline(step.decline)
            : session.set(step.set, JSON.stringify(step.value ?? null))));
          push(`${id}/step/${n}`, o);
        });
        const out = session.outcome();
        push(id, { ok: out });
        assert.equal(trygg.evaluate(c.form, session.response()), out, `${id}: outcome is evaluate(response())`);
        session.close();
      } else {
        push(id, attempt(() => trygg.evaluate(c.form, JSON.stringify(c.response))));
      }
    }
  }
  return lines.join('');
}

test('form vectors: evaluate, explanations, programmes, families, views, sessions', () => {
  const files = formFiles();
  const lines = runForms(files);
  writeArtifact(`forms-${RUNTIME}.txt`, lines);
  assert.deepEqual(formFailures(files, lines), []);
});

test('FHIR vectors: export, import, evaluateFhir, fhirBundle', () => {
  const { lines, failures } = runFhir(trygg);
  writeArtifact(`fhir-${RUNTIME}.txt`, lines);
  assert.ok(lines.split('\n').length > 40);
  assert.deepEqual(failures, []);
});

test('FHIR: bad input is located, a Bundle with problems lists them all', () => {
  assert.throws(() => trygg.evaluateFhir('{"resourceType":"Patient"}'), (e) => e instanceof TryggError && e.code === 'fhir.wrong_resource_type' && e.path === '/resourceType');
  assert.throws(() => trygg.importFhir('{"resourceType":"Questionnaire","a":1,"a":2}'), { code: 'fhir.duplicate_key', path: '/a' });
  assert.throws(() => trygg.exportFhir('phq-9@9.9.9'), { code: 'registry.unknown_form' });
  const bad = { resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://trygg.example.invalid/fhir/Questionnaire/phq-9|1.0.0',
    item: [{ linkId: 'phq9_1', answer: [{ valueString: 'x' }] }, { linkId: 'phq9_2', answer: [{ valueString: 'y' }] }] };
  assert.throws(() => trygg.fhirBundle(JSON.stringify(bad)), (e) => e.code === 'fhir.unknown_answer_code' && e.errors.length === 2);
  assert.throws(() => new Instance().call('trygg_no_such_export'), { code: 'abi.missing_export' });
});

test('bad input gives the native code and path', () => {
  const cases = [
    [() => trygg.canonicalJson('{"a": [1, 2,'), 'json.invalid', ''],
    [() => trygg.evaluateLogic('{"and":[true,{"nope":1}]}', 'null'), 'logic.unknown_operator', '/and/1/nope'],
    [() => trygg.evaluate('phq-9@9.9.9', '{}'), 'registry.unknown_form', ''],
    [() => trygg.evaluate('phq-9', '{"answers":'), 'response.not_json', ''],
    [() => trygg.session('phq-9').set('nope', 'true'), 'answer.unknown_item', '/answers/nope'],
    [() => trygg.loadForm('{"id":"x"}'), 'form.invalid', undefined],
  ];
  for (const [call, code, path] of cases) {
    assert.throws(call, (e) => e instanceof TryggError && e.code === code && (path === undefined || e.path === path) && e.errors.length >= 1 && e.message.startsWith(`${code}: `));
  }
  const logic = attempt(() => trygg.evaluateLogic('{"/":[1,0]}', '{}'));
  assert.equal(logic.err.type, 'NaN');
});

test('a trap poisons only that instance; the package recovers with a new one', () => {
  const other = Trygg.withBuiltinForms();
  const t = Trygg.withBuiltinForms();
  const session = t.session('phq-9');
  const response = '{"answers":{"phq9_1":"2"}}';
  const before = t.evaluate('phq-9', response);
  // A pointer past the end of memory: the module reads out of bounds and traps.
  assert.throws(() => t._call('trygg_canonical_json', 0xffff_ff00, 1000), (e) => e.code === 'internal.trap' && e.cause instanceof WebAssembly.RuntimeError);
  assert.equal(t.evaluate('phq-9', response), before, 'a new instance with the same forms');
  assert.throws(() => session.outcome(), { code: 'internal.poisoned' });
  assert.equal(other.evaluate('phq-9', response), before, 'other instances are untouched');
});
