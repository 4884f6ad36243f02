// The Engine and Session API on the nodejs target: errors, the instance after bad input,
// each parent's view, text packs, drafts, check-up lookup. The vectors cover the outputs;
// this covers the behaviour around them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, REPO } from '../lib/vectors.mjs';

const trygg = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const { Engine } = trygg;
const W = 'trygg-start.6-8w@1.0.0';
const mother = { id: 'parent-1', attributes: { sex: 'female' } };
const father = { id: 'parent-2', attributes: { sex: 'male' } };

const isTrygg = (code, path) => (e) => e instanceof Error && e.code === code && (path === undefined || e.path === path);

test('withBuiltinForms lists every shipped form, and formForCheckup finds the check-up form', () => {
  const engine = Engine.withBuiltinForms();
  const forms = engine.forms();
  assert.ok(forms.length >= 12, `${forms.length} forms`);
  const w = forms.find((f) => f.id === 'trygg-start.6-8w' && f.version === '1.0.0');
  assert.deepEqual(w.checkup, [35, 90]);
  assert.equal(w.respondent, 'each-parent');
  assert.match(w.hash, /^sha256:[0-9a-f]{64}$/);
  assert.ok(w.locales.includes('ar') && w.unverifiedLocales.includes('ar'));
  assert.equal(typeof w.title.sv, 'string');
  assert.equal(engine.formForCheckup(50).id, 'trygg-start.6-8w');
  assert.equal(engine.formForCheckup(50).version, '1.0.0', 'the pilot 1.1.0 does not serve check-ups');
  assert.throws(() => engine.formForCheckup(5), isTrygg('registry.no_checkup_form', ''));
  assert.throws(() => engine.formForCheckup(1.5), isTrygg('registry.bad_age'));
});

test('the instance stays usable after bad input of every kind', () => {
  const engine = Engine.withBuiltinForms();
  const good = () => assert.equal(JSON.parse(engine.evaluateJson(W, { answers: { money_worry: true } })).form.id, 'trygg-start.6-8w');
  for (let i = 0; i < 2; i++) {
    assert.throws(() => engine.evaluate(W, '{"answers":'), isTrygg('response.not_json', ''));
    good();
    assert.throws(() => engine.evaluate('nope', {}), isTrygg('registry.unknown_form', ''));
    good();
    assert.throws(() => engine.evaluate({ id: W, extra: 1 }, {}), isTrygg('registry.bad_reference'));
    const cyclic = {};
    cyclic.self = cyclic;
    assert.throws(() => engine.evaluate(W, cyclic), isTrygg('json.invalid'));
    good();
    const s = engine.session(W, { respondent: mother });
    assert.throws(() => s.set('nope', true), isTrygg('answer.unknown_item', '/answers/nope'));
    const c = s.set('money_worry', 'yes');
    assert.equal(c.problem.code, 'answer.wrong_type');
    assert.equal(s.items('sv').items.find((x) => x.id === 'money_worry').problem.code, 'answer.wrong_type');
    assert.equal(s.set('money_worry', true).problem, null);
    assert.equal(s.outcome().completeness, 'incomplete');
    s.free();
    good();
  }
});

test('a form that fails to compile throws every error, located', () => {
  const engine = new Engine();
  const form = JSON.parse(readFileSync(join(REPO, 'forms', 'phq-9', '1.0.0.json'), 'utf8'));
  form.items[1].id = form.items[2].id; // a duplicate id
  form.scales[0].items.push('nope'); // an unknown item
  assert.throws(() => engine.loadForm(form), (e) => {
    assert.ok(e instanceof Error);
    assert.ok(Array.isArray(e.errors) && e.errors.length >= 2, JSON.stringify(e.errors));
    assert.equal(e.code, e.errors[0].code);
    assert.equal(e.path, e.errors[0].path);
    for (const d of e.errors) assert.ok(typeof d.code === 'string' && typeof d.path === 'string' && typeof d.message === 'string');
    return true;
  });
  assert.throws(() => engine.loadForm('{'), isTrygg('form.not_json', ''));
  assert.deepEqual(engine.forms(), []);
  const ok = engine.loadForm(readFileSync(join(REPO, 'forms', 'phq-9', '1.0.0.json'), 'utf8'));
  assert.equal(ok.id, 'phq-9');
  assert.equal(engine.loadForm(readFileSync(join(REPO, 'forms', 'phq-9', '1.0.0.json'), 'utf8')).hash, ok.hash, 'the same version twice is fine');
  const changed = JSON.parse(readFileSync(join(REPO, 'forms', 'phq-9', '1.0.0.json'), 'utf8'));
  changed.examples.pop();
  assert.throws(() => engine.loadForm(changed), isTrygg('registry.conflict'));
});

test("each parent's view holds only their own outcome", () => {
  const engine = Engine.withBuiltinForms();
  const responses = [
    { respondent: mother, answers: { violence_ever: true, violence_now: true } },
    { respondent: father, answers: { money_worry: true } },
  ];
  const summary = engine.evaluateFamily(W, responses);
  assert.deepEqual(summary.respondents.map((o) => o.respondent), ['parent-1', 'parent-2']);
  const view = engine.viewForJson(W, responses, 'parent-2');
  assert.equal(view, engine.evaluateJson(W, responses[1]), 'the view is their response alone');
  assert.ok(!view.includes('violence_now') || !/"violence_now":true/.test(view));
  assert.ok(!view.includes('parent-1'));
  assert.equal(engine.viewFor(W, responses, 'parent-1').respondent, 'parent-1');
  assert.throws(() => engine.viewFor(W, responses, 'parent-3'), isTrygg('family.unknown_respondent'));
});

test('text packs: checked against the form, then rendered', () => {
  const engine = new Engine();
  const epds = readFileSync(join(REPO, 'forms', 'epds', '1.0.0.json'), 'utf8');
  const pack = JSON.parse(readFileSync(join(REPO, 'forms', 'epds', 'textpack.placeholder.sv.json'), 'utf8'));
  assert.throws(() => engine.loadTextPack(pack), isTrygg('pack.unknown_form', '/form'));
  engine.loadForm(epds);
  const before = engine.session('epds').items('sv');
  assert.match(before.items[1].text, /^\[.+\]$/, 'a key without a pack renders visibly as [key]');
  const broken = { ...pack, texts: { ...pack.texts, extra: 'x' } };
  assert.throws(() => engine.loadTextPack(broken), (e) => e.code === 'pack.unknown_key' && e.path === '/texts/extra' && e.errors.length === 1);
  engine.loadTextPack(JSON.stringify(pack));
  const after = engine.session('epds').items('sv');
  assert.equal(after.items[1].text, pack.texts[Object.keys(pack.texts).find((k) => pack.texts[k] === after.items[1].text)]);
  assert.doesNotMatch(after.items[1].text, /^\[.+\]$/);
});

test('sessions: rtl, fallback, drafts and retired forms', () => {
  const engine = Engine.withBuiltinForms();
  const s = engine.session(W);
  const ar = s.items('ar');
  assert.equal(ar.rtl, true);
  assert.equal(ar.locale, 'ar');
  assert.equal(ar.unverified, true);
  const xx = s.items('xx');
  assert.equal(xx.locale, 'sv', 'an unknown locale falls back to the default');
  assert.equal(xx.rtl, false);
  const c = s.decline('money_worry');
  assert.deepEqual(s.response().answers, { money_worry: { declined: true } });
  assert.equal(c.progress.answered, 1);
  assert.deepEqual(s.progress(), c.progress);
  s.free();
  const draft = JSON.parse(readFileSync(join(REPO, 'forms', 'gad-7', '1.0.0.json'), 'utf8'));
  draft.version = '1.1.0-draft';
  draft.status = 'draft';
  engine.loadForm(draft);
  assert.throws(() => engine.session({ id: 'gad-7', version: '1.1.0-draft' }), isTrygg('registry.draft'));
  engine.allowDrafts(true);
  assert.equal(engine.session({ id: 'gad-7', version: '1.1.0-draft' }).items('en').version, '1.1.0-draft');
  const retired = JSON.parse(readFileSync(join(REPO, 'forms', 'gad-7', '1.0.0.json'), 'utf8'));
  retired.version = '0.9.0';
  retired.status = 'retired';
  engine.loadForm(retired);
  assert.throws(() => engine.session('gad-7@0.9.0'), isTrygg('registry.retired'));
  assert.equal(engine.evaluate('gad-7@0.9.0', {}).form.version, '0.9.0', 'a retired version still re-scores');
});

test('evaluateLogic on the Engine takes and returns JS values', () => {
  const engine = new Engine();
  assert.equal(engine.evaluateLogic({ '+': [1, { var: 'a' }] }, { a: 2.5 }), 3.5);
  assert.deepEqual(engine.evaluateLogic({ merge: [[1], [{ var: 'b' }]] }, { b: 'x' }), [1, 'x']);
  assert.throws(() => engine.evaluateLogic({ nope: [] }, null), (e) => e.code === 'logic.unknown_operator' && e.type === 'Unknown Operator');
});

test('compareVersions: a 6–8 w response under 1.0.0 and the 1.1.0 pilot', () => {
  const engine = Engine.withBuiltinForms();
  const P = 'trygg-start.6-8w@1.1.0';
  const response = {
    form: 'trygg-start.6-8w', version: '1.0.0',
    respondent: mother, context: { childAgeDays: 49, locale: 'sv' },
    answers: {
      safety_sleep_back: true, safety_car_seat: 'yes', safety_crying_plan: false,
      money_worry: true, hvs1: 'sometimes', hvs2: 'never',
      phq9_1: '2', phq9_2: '1', phq9_3: '1', phq9_4: '2', phq9_5: '0', phq9_6: '1', phq9_7: '0', phq9_8: '0',
      phq9_9: { declined: true },
      stress_overwhelmed: true, stress_support: false, stress_irritable: false, child_harm_fear: false,
      auditc1: '0', violence_ever: true, violence_now: false, support_wish: true,
    },
  };
  const cmp = engine.compareVersions(W, P, response);
  // Answers to items only in 1.0.0 are left out of the 1.1.0 side, and named.
  assert.deepEqual(cmp.dropped, ['stress_overwhelmed']);
  assert.deepEqual(cmp.droppedFrom, []);
  assert.equal(cmp.from.form.version, '1.0.0');
  assert.equal(cmp.to.form.version, '1.1.0');
  // Each side is exactly `evaluate` of the response carried over to it.
  const carried = (answers) => ({ respondent: response.respondent, context: response.context, answers });
  const { stress_overwhelmed: _gone, ...kept } = response.answers;
  assert.deepEqual(cmp.from, engine.evaluate(W, carried(response.answers)));
  assert.deepEqual(cmp.to, engine.evaluate(P, carried(kept)));
  // The change names what differs, and only that.
  const ids = (o) => o.findings.map((f) => f.id);
  const key = (o) => JSON.stringify([o.kind, o.socialServices ?? null, o.to ?? null, o.topic ?? null]);
  assert.deepEqual(cmp.change.findingsRemoved.map((f) => f.id), ids(cmp.from).filter((id) => !ids(cmp.to).includes(id)));
  assert.deepEqual(cmp.change.findingsAdded.map((f) => f.id), ids(cmp.to).filter((id) => !ids(cmp.from).includes(id)));
  assert.ok(cmp.change.findingsRemoved.some((f) => f.id === 'parental_stress'), JSON.stringify(cmp.change));
  assert.deepEqual(cmp.change.offersRemoved.map(key), cmp.from.offers.map(key).filter((k) => !cmp.to.offers.map(key).includes(k)));
  assert.deepEqual(cmp.change.offersAdded.map(key), cmp.to.offers.map(key).filter((k) => !cmp.from.offers.map(key).includes(k)));
  assert.ok(cmp.change.scales.length > 0, 'a stress scale differs');
  for (const s of cmp.change.scales) assert.ok(typeof s.id === 'string' && 'before' in s && 'after' in s);
  // The JSON twin is the canonical text of the same object; a version against itself changes nothing.
  assert.deepEqual(JSON.parse(engine.compareVersionsJson(W, P, JSON.stringify(response))), cmp);
  const same = engine.compareVersions(W, W, response).change;
  assert.deepEqual(same, { findingsAdded: [], findingsRemoved: [], offersAdded: [], offersRemoved: [], actionsAdded: [], actionsRemoved: [], scales: [] });
  assert.throws(() => engine.compareVersions(W, 'trygg-start.6-8w@9.9.9', response), isTrygg('registry.unknown_form'));
  assert.throws(() => engine.compareVersions(W, P, '{"answers":'), isTrygg('response.not_json'));
});

test('explain: reasons in words, urgent first, private offers apart; text packs optional', () => {
  const engine = Engine.withBuiltinForms();
  const p1 = { respondent: mother, answers: { violence_ever: true, violence_now: true, support_wish: true } };
  const p2 = { respondent: father, answers: { support_wish: true } };
  const e = engine.explain(W, p1, 'en');
  assert.equal(e.urgent, true);
  assert.equal(e.actions[0].text, 'Same-day contact');
  assert.equal(e.findings[0].id, 'violence_ongoing');
  assert.equal(e.findings[0].reasons[0].answer, 'Yes');
  assert.equal(e.offers[0].private, true);
  const text = engine.explainText(W, p1, 'sv');
  assert.ok(text.indexOf('⚠ BRÅDSKANDE') < text.indexOf('Fynd:'), text);
  for (const term of ['answers.', 'scores.', '{"', 'violence-ongoing']) assert.ok(!text.includes(term), `${term} in ${text}`);
  // The family summary never merges parent-1's private talk with parent-2's talk.
  const talks = engine.evaluateFamily(W, [p1, p2]).offers.filter((o) => o.kind === 'bvc-talk');
  assert.deepEqual(talks.map((o) => [o.private ?? false, o.respondents]), [[true, ['parent-1']], [false, ['parent-2']]]);
  // Licensed wording: from the loaded pack, or null (named by key) without packs.
  const epds = { answers: { epds1: 'a', epds2: 'a', epds3: 'a', epds4: 'a', epds5: 'a', epds6: 'a', epds7: 'a', epds8: 'a', epds9: 'a', epds10: 'b' } };
  const withPacks = engine.explain('epds@1.0.0', epds, 'en');
  assert.equal(typeof withPacks.findings[0].reasons[0].text, 'string');
  const without = engine.explain('epds@1.0.0', epds, 'en', false);
  assert.equal(without.findings[0].reasons[0].text, null);
  assert.ok(engine.explainText('epds@1.0.0', epds, 'en', false).includes('item epds10'));
  assert.throws(() => engine.explain('nope@1.0.0', epds, 'en'), isTrygg('registry.unknown_form'));
  engine.free();
});
