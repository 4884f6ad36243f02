// Trygg in Node through WASM against the JavaScript JsonLogic engines a vendor would
// otherwise pick (issue 8, item 3) → target/bench/node.json.
// Usage: node bench/node/bench.mjs [wasm/pkg] [target/bench]   (after `make wasm`)
//
// 1. node.evaluate.*: `Engine.evaluate` of every valid example response of the 6–8 weeks
//    form (the object a vendor gets back) against the same finding and rule conditions
//    evaluated one by one in JavaScript by json-logic-js (`jsonLogic.apply`) and by
//    json-logic-engine (compiled mode: `LogicEngine#build`, one function per condition,
//    built once), over the data object a vendor would build by hand — the port of the
//    native peer in engine/benches/peers.rs (`vendor_data`, `peer_evaluate`). As there, the
//    data object is built before timing (from Trygg's outcome: visibility, option scores,
//    scales, bands, cut-offs are the vendor's own code, not JsonLogic), so the peers are
//    timed on the rule evaluation alone; the set-up checks, for every example, that both
//    peers make the same findings, fire the same rules and make the same offers and actions
//    in the same order as Trygg, and exits non-zero if not.
// 2. node.session_set: `Session.set` on the largest shipped form (most items), one answer
//    changed per call (each answer of an example response switched to another value and
//    back), against `Engine.evaluate` of the same answers after the same change.
// 3. node.instantiate: module instantiate (`require` of the nodejs glue: reads the .wasm,
//    compiles and instantiates it, loads the built-in forms module) + `new Engine()` +
//    `loadForm` of the 6–8 weeks form, in fresh processes (the median of several); also
//    `Engine.withBuiltinForms()` (every shipped form) as an extra figure.
//
// Timing: process.hrtime.bigint, a warm-up, then rounds in which every contender takes one
// sample in turn (so a burst of other work on the shared machine hits all of them alike);
// each sample loops over the whole work enough times to last a few milliseconds; the figure
// is the median sample divided by the operations in it. Nothing here asserts a time.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = resolve(root, process.argv[2] ?? 'wasm/pkg');
const out = resolve(root, process.argv[3] ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'bench'));
// The JS peers are installed with the other JS tooling in tests/js (make setup-node).
const require = createRequire(join(root, 'tests/js/package.json'));
const jsonLogic = require('json-logic-js');
const { LogicEngine } = require('json-logic-engine');
const glue = join(pkg, 'node/trygg_wasm.js');
const { Engine } = require(glue);

const WHOLE_FORM = 'forms/trygg-start/6-8w/1.0.0.json';
const quick = process.env.TRYGG_BENCH_QUICK === '1';
const ROUNDS = quick ? 7 : 31;
const SAMPLE_MS = quick ? 2 : 5;

function version(name) {
  return JSON.parse(readFileSync(join(root, 'tests/js/node_modules', name, 'package.json'), 'utf8')).version;
}

function fail(msg) {
  console.error(`bench/node: ${msg}`);
  process.exit(1);
}

// ----------------------------------------------------------------------------- timing

function now() {
  return process.hrtime.bigint();
}

/** How many calls of `fn` make one sample of about SAMPLE_MS (after a warm-up). */
function calibrate(fn) {
  const warmUntil = now() + 300_000_000n;
  let calls = 0;
  while (now() < warmUntil) {
    fn();
    calls++;
  }
  const perCall = 300e6 / calls;
  return Math.max(1, Math.round((SAMPLE_MS * 1e6) / perCall));
}

/**
 * Interleaved rounds over contenders { name, fn, ops } (ops: operations per call).
 * Returns { name: median ns per operation }.
 */
function race(contenders) {
  const loops = contenders.map((c) => calibrate(c.fn));
  const samples = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    contenders.forEach((c, i) => {
      const n = loops[i];
      const t0 = now();
      for (let k = 0; k < n; k++) c.fn();
      const t1 = now();
      samples[i].push(Number(t1 - t0) / (n * c.ops));
    });
  }
  const result = {};
  contenders.forEach((c, i) => {
    const s = samples[i].sort((a, b) => a - b);
    result[c.name] = s[Math.floor(s.length / 2)];
  });
  return result;
}

// ----------------------------------------------------------------------------- the peers

const formJson = JSON.parse(readFileSync(join(root, WHOLE_FORM), 'utf8'));
const formRef = `${formJson.id}@${formJson.version}`;
const engine = Engine.withBuiltinForms();

/** Findings and rules of the form, in the order the peer evaluates them (as peers.rs). */
function peerForm(form) {
  const findings = form.findings.map((f) => {
    if (JSON.stringify(f.when).includes('"findings.')) {
      fail(`peer code assumes no finding reads another finding: ${JSON.stringify(f.when)}`);
    }
    return { id: f.id, when: f.when };
  });
  const rules = form.rules
    .map((r, i) => ({
      id: r.id,
      when: r.when,
      offers: r.offers ?? [],
      actions: r.actions ?? [],
      priority: r.priority ?? 0,
      i,
    }))
    .sort((a, b) => b.priority - a.priority || a.i - b.i);
  return { findings, rules };
}

const peer = peerForm(formJson);

/**
 * The data object a vendor builds by hand from a response (port of `vendor_data`):
 * effective answers (hidden items' answers dropped), option scores, declined flags, scale
 * values, bands and cut-off results, respondent attributes and context.
 */
function vendorData(form, response, outcome) {
  const hidden = new Set(outcome.ignored.map((x) => x.item));
  const answers = {};
  const scores = {};
  const declined = {};
  for (const item of form.items) {
    if (item.type === 'display') continue;
    const given = hidden.has(item.id) ? null : (response.answers[item.id] ?? null);
    const wasDeclined = given !== null && typeof given === 'object' && given.declined === true;
    const answer = wasDeclined ? null : given;
    let score;
    if (answer === null) score = null;
    else if (item.type === 'boolean') score = answer ? (item.scoreTrue ?? 1) : (item.scoreFalse ?? 0);
    else if (item.type === 'choice') score = item.options.find((o) => o.value === answer)?.score ?? null;
    else fail(`peer code handles boolean and choice items only; \`${item.id}\` is ${item.type}`);
    if (item.declinable === true) declined[item.id] = wasDeclined;
    answers[item.id] = answer;
    scores[item.id] = score;
  }
  const scales = {};
  const bands = {};
  const cutoff = {};
  for (const s of outcome.scales) {
    scales[s.id] = s.value;
    bands[s.id] = s.band;
    cutoff[s.id] = s.cutoff?.reached ?? null;
  }
  const respondent = { ...(response.respondent?.attributes ?? {}) };
  const context = { ...(response.context ?? {}), locale: outcome.locale };
  if (outcome.profile !== null) context.profile = outcome.profile;
  return { answers, scores, declined, scales, bands, cutoff, respondent, context };
}

/** A peer: every finding's condition, then `findings` beside the rest, then every rule. */
function makePeer(evaluate, truthy) {
  const findings = peer.findings.map((f) => ({ id: f.id, run: evaluate(f.when) }));
  const rules = peer.rules.map((r) => ({ ...r, run: evaluate(r.when) }));
  return (base) => {
    const made = {};
    for (const f of findings) made[f.id] = truthy(f.run(base));
    const data = { ...base, findings: made };
    const fired = [];
    const offers = [];
    const actions = [];
    const offerKeys = new Set();
    for (const r of rules) {
      if (!truthy(r.run(data))) continue;
      fired.push(r);
      for (const o of r.offers) {
        const key = canonical(o);
        if (!offerKeys.has(key)) {
          offerKeys.add(key);
          offers.push(o);
        }
      }
      for (const a of r.actions) if (!actions.includes(a)) actions.push(a);
    }
    return { findings: made, fired, offers, actions };
  };
}

function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

// json-logic-js: the rule is interpreted on every call (its only mode).
const viaJsonLogicJs = makePeer((rule) => (data) => jsonLogic.apply(rule, data), jsonLogic.truthy);
// json-logic-engine, compiled mode: each condition built once into a JS function.
const logicEngine = new LogicEngine();
const viaJsonLogicEngine = makePeer((rule) => logicEngine.build(rule), (v) => logicEngine.truthy(v));

function oursInPeerTerms(o) {
  const order = new Map(peer.rules.map((r, i) => [r.id, i]));
  const fired = [
    ...new Set(
      [...o.offers.flatMap((x) => x.because), ...o.actions.flatMap((x) => x.because)]
        .map((b) => b.rule)
        .sort((a, b) => order.get(a) - order.get(b)),
    ),
  ];
  return {
    findings: o.findings.map((f) => f.id),
    fired,
    offers: o.offers.map(({ because, ...offer }) => canonical(offer)),
    actions: o.actions.map((a) => a.action),
  };
}

function peerInPeerTerms(p) {
  return {
    findings: peer.findings.filter((f) => p.findings[f.id]).map((f) => f.id),
    // Trygg lists only rules that made an offer or an action; so does this.
    fired: p.fired.filter((r) => r.offers.length || r.actions.length).map((r) => r.id),
    offers: p.offers.map(canonical),
    actions: p.actions,
  };
}

const responses = [];
const data = [];
const skipped = [];
for (const ex of formJson.examples) {
  const response = { answers: ex.answers };
  if (ex.respondent) response.respondent = ex.respondent;
  if (ex.context) response.context = ex.context;
  const outcome = engine.evaluate(formRef, response);
  if (outcome.problems.length) {
    // An invalid answer: Trygg reports it and scores the rest; the hand-built object would
    // need the same validation, out of scope (as in peers.rs).
    skipped.push(ex.name);
    continue;
  }
  const base = vendorData(formJson, response, outcome);
  const want = JSON.stringify(oursInPeerTerms(outcome));
  for (const [name, run] of [
    ['json-logic-js', viaJsonLogicJs],
    ['json-logic-engine', viaJsonLogicEngine],
  ]) {
    const got = JSON.stringify(peerInPeerTerms(run(base)));
    if (got !== want) {
      fail(
        `${name} disagrees with trygg on example \`${ex.name}\` of ${WHOLE_FORM}\n` +
          `(findings, fired rules, offers, actions): trygg ${want}\n${name} ${got}`,
      );
    }
  }
  responses.push(response);
  data.push(base);
}
if (!responses.length) fail('no example responses to compare');
console.log(
  `node: json-logic-js and json-logic-engine agree with trygg on all ${responses.length} valid example responses of ${WHOLE_FORM} (skipped ${skipped.length} with an invalid answer)`,
);

// ----------------------------------------------------------------------------- 1. evaluate

let sink = 0;
const evalTimes = race([
  {
    name: 'trygg',
    ops: responses.length,
    fn: () => {
      for (const r of responses) sink += engine.evaluate(formRef, r).findings.length;
    },
  },
  {
    name: 'trygg-json',
    ops: responses.length,
    fn: () => {
      for (const r of responses) sink += engine.evaluateJson(formRef, r).length;
    },
  },
  {
    name: 'json-logic-js',
    ops: data.length,
    fn: () => {
      for (const d of data) sink += viaJsonLogicJs(d).fired.length;
    },
  },
  {
    name: 'json-logic-engine',
    ops: data.length,
    fn: () => {
      for (const d of data) sink += viaJsonLogicEngine(d).fired.length;
    },
  },
]);
console.log('node: evaluate (ns per response)', evalTimes);

// ----------------------------------------------------------------------------- 2. Session.set

function largestForm() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^\d+\.\d+\.\d+\.json$/.test(name)) files.push(p);
    }
  };
  walk(join(root, 'forms'));
  return files
    .map((p) => JSON.parse(readFileSync(p, 'utf8')))
    .filter((f) => Array.isArray(f.items))
    .sort((a, b) => b.items.length - a.items.length || (a.id < b.id ? -1 : 1))[0];
}

const big = largestForm();
const bigRef = `${big.id}@${big.version}`;
// The example that answers the most items: the fullest live form.
const bigEx = [...big.examples].sort(
  (a, b) => Object.keys(b.answers).length - Object.keys(a.answers).length,
)[0];
const init = {};
if (bigEx.respondent) init.respondent = bigEx.respondent;
if (bigEx.context) init.context = bigEx.context;
// One user action per step: each answered item switched to another valid value, then back.
const steps = [];
for (const item of big.items) {
  const v = bigEx.answers[item.id];
  if (v === undefined || (v !== null && typeof v === 'object')) continue;
  let other;
  if (item.type === 'boolean') other = !v;
  else if (item.type === 'choice') other = item.options.find((o) => o.value !== v)?.value;
  if (other === undefined) continue;
  steps.push([item.id, other], [item.id, v]);
}
if (!steps.length) fail(`no answer to change in ${bigRef}`);
const session = engine.session(bigRef, init);
for (const [id, v] of Object.entries(bigEx.answers)) session.set(id, v);
const liveAnswers = { ...bigEx.answers };
const liveResponse = { ...init, answers: liveAnswers };
// Same answers on both sides after every step (checked once).
for (const [id, v] of steps) {
  session.set(id, v);
  liveAnswers[id] = v;
  if (canonical(session.outcome()) !== canonical(engine.evaluate(bigRef, liveResponse))) {
    fail(`session and re-evaluation differ after set(${id}, ${JSON.stringify(v)})`);
  }
}
const setTimes = race([
  {
    name: 'set',
    ops: steps.length,
    fn: () => {
      for (const [id, v] of steps) sink += session.set(id, v).shown.length;
    },
  },
  {
    name: 'reevaluate',
    ops: steps.length,
    fn: () => {
      for (const [id, v] of steps) {
        liveAnswers[id] = v;
        sink += engine.evaluate(bigRef, liveResponse).findings.length;
      }
    },
  },
]);
session.free();
console.log(`node: ${bigRef} (${big.items.length} items), ${steps.length} steps (ns per step)`, setTimes);

// ----------------------------------------------------------------------------- 3. instantiate

const RUNS = quick ? 3 : 11;
function childMedian(script) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const text = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    times.push(Number(text.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const instantiateOne = childMedian(
  `const text = require('node:fs').readFileSync(${JSON.stringify(join(root, WHOLE_FORM))}, 'utf8');
   const t0 = process.hrtime.bigint();
   const { Engine } = require(${JSON.stringify(glue)});
   const e = new Engine(); e.loadForm(text);
   console.log(Number(process.hrtime.bigint() - t0));`,
);
const instantiateAll = childMedian(
  `const t0 = process.hrtime.bigint();
   const { Engine } = require(${JSON.stringify(glue)});
   const e = Engine.withBuiltinForms();
   console.log(Number(process.hrtime.bigint() - t0));`,
);
console.log('node: instantiate + loadForm', instantiateOne, 'ns; + withBuiltinForms', instantiateAll, 'ns');

// ----------------------------------------------------------------------------- write

const us = (ns) => ns / 1000;
const ms = (ns) => ns / 1e6;
const n = responses.length;
const figures = [
  {
    id: 'node.evaluate.json-logic-js',
    figure: `Node, WASM: \`Engine.evaluate\` of one 6–8 w response (mean of ${n} example responses; the Outcome object)`,
    unit: 'us',
    ours: us(evalTimes.trygg),
    peer: us(evalTimes['json-logic-js']),
    peer_name: 'json-logic-js: the 18 findings + 20 rules one by one over a pre-built data object',
  },
  {
    id: 'node.evaluate.json-logic-engine',
    figure: `Node, WASM: \`Engine.evaluate\` of one 6–8 w response (mean of ${n} example responses; the Outcome object)`,
    unit: 'us',
    ours: us(evalTimes.trygg),
    peer: us(evalTimes['json-logic-engine']),
    peer_name: 'json-logic-engine compiled (`build`), same rules, same data',
  },
  {
    id: 'node.evaluate_json.json-logic-engine',
    figure: 'Node, WASM: `Engine.evaluateJson` (canonical JSON text, no JSON.parse) of one 6–8 w response',
    unit: 'us',
    ours: us(evalTimes['trygg-json']),
    peer: us(evalTimes['json-logic-engine']),
    peer_name: 'json-logic-engine compiled',
  },
  {
    id: 'node.session_set',
    figure: `WASM \`Session.set\`, largest form (${bigRef}, ${big.items.length} items), one answer changed per call`,
    unit: 'us',
    ours: us(setTimes.set),
    peer: us(setTimes.reevaluate),
    peer_name: '`Engine.evaluate` of the same answers',
  },
  {
    id: 'node.instantiate',
    figure: 'WASM module instantiate (`require` of the nodejs glue) + `new Engine()` + `loadForm` of the 6–8 w form, fresh process',
    unit: 'ms',
    ours: ms(instantiateOne),
    peer: null,
    note: `median of ${RUNS} processes; the glue also loads the built-in forms module`,
  },
  {
    id: 'node.instantiate.builtin',
    figure: 'WASM module instantiate + `Engine.withBuiltinForms()` (all 12 shipped forms compiled), fresh process',
    unit: 'ms',
    ours: ms(instantiateAll),
    peer: null,
    note: `median of ${RUNS} processes`,
  },
];
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'node.json'),
  `${JSON.stringify(
    {
      part: 'node',
      tool: `node bench/node/bench.mjs (Node ${process.versions.node}; process.hrtime.bigint, 300 ms warm-up, ${ROUNDS} interleaved samples of ~${SAMPLE_MS} ms, median)`,
      versions: {
        node: process.versions.node,
        'json-logic-js': version('json-logic-js'),
        'json-logic-engine': version('json-logic-engine'),
      },
      checked: `json-logic-js and json-logic-engine give the same findings, fired rules, offers and actions as trygg on all ${n} valid example responses of ${WHOLE_FORM}; skipped (invalid answer): ${JSON.stringify(skipped)}`,
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log(`node: → ${join(out, 'node.json')} (${sink > 0 ? 'ok' : 'empty'})`);
