// Engine.evaluateProgramme on the nodejs target: the behaviour around the programme
// vectors — errors are Errors with code/path (and `errors` for a definition that does not
// compile), the instance stays usable, object and text arguments give the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, REPO } from '../lib/vectors.mjs';

const { Engine } = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const rinkeby = JSON.parse(readFileSync(join(REPO, 'programmes', 'rinkeby-model', '1.0.0.json'), 'utf8'));
const family = {
  referenceDate: '2026-04-01',
  family: { firstChild: true, area: 'RK-01' },
  child: { birthDate: '2026-01-15', ageDaysAtFirstContact: 9 },
};

test('a family is offered the programme and gets visits and check-ups in one plan', () => {
  const engine = Engine.withBuiltinForms();
  const out = engine.evaluateProgramme(rinkeby, family);
  assert.equal(out.eligible, true);
  assert.deepEqual(out.offer, { kind: 'programme-enrolment', programme: 'rinkeby-model', version: '1.0.0' });
  assert.deepEqual(out.plan.slice(0, 2).map((e) => e.kind), ['checkup', 'visit']);
  assert.equal(out.plan[1].status, 'due');
  assert.equal(engine.evaluateProgrammeJson(JSON.stringify(rinkeby), JSON.stringify(family)),
    engine.evaluateProgrammeJson(rinkeby, family));
  engine.free();
});

test('bad definitions and bad inputs throw located errors; the engine stays usable', () => {
  const engine = Engine.withBuiltinForms();
  const typo = structuredClone(rinkeby);
  typo.eligibility[0].when = { var: 'family.firstChlid' };
  assert.throws(() => engine.evaluateProgramme(typo, family),
    (e) => e instanceof Error && e.code === 'logic.unknown_var' && e.path === '/eligibility/0/when/var');
  const twice = structuredClone(rinkeby);
  twice.visits[1].joint = false;
  twice.visits[2].professions = ['nurse'];
  assert.throws(() => engine.evaluateProgramme(twice, family), (e) =>
    e.code === 'programme.joint_mismatch' && e.path === '/visits/1/joint'
    && e.errors.map((d) => d.path).join(' ') === '/visits/1/joint /visits/2/joint');
  assert.throws(() => engine.evaluateProgramme(rinkeby, { ...family, family: { area: 'XX' } }),
    (e) => e.code === 'programme.unknown_area' && e.path === '/family/area');
  assert.throws(() => engine.evaluateProgramme(rinkeby, { ...family, referenceDate: '2025-12-31' }),
    (e) => e.code === 'programme.birth_date_in_future' && e.path === '/child/birthDate');
  assert.throws(() => engine.evaluateProgramme(rinkeby, '{not json'), (e) => e.code === 'programme.input_not_json');
  assert.equal(engine.evaluateProgramme(rinkeby, family).eligible, true, 'still usable');
  engine.free();
});
