// Trygg in Node through WASM against the JavaScript JsonLogic engines and datalogic-rs's own
// WASM build, interleaved in one process (issue 17) → target/bench/node.json.
// Usage: node bench/node/bench.mjs [wasm/pkg] [target/bench]   (after `make wasm` and
// `npm ci` in bench/node, both done by `make bench`)
//
// 1. node.evaluate.*: `Engine.evaluate` (the Outcome object) of every valid example response
//    of the 6–8 weeks form, against a vendor doing the **whole job** with a rules-only
//    engine, from the same response object, inside the timing: the form's `enableWhen` skip
//    rules, hidden items' answers dropped, option scores, the scales (count / sum / mean,
//    weights, missing-data policy, `hiddenItems`, prorating), bands and the cut-off of the
//    active profile — then every finding and every rule, offers and actions merged. The
//    vendor code (`makeVendor`) is the port of `Vendor` in engine/benches/versus.rs, written
//    from the form JSON and generic over its items and scales; the engines:
//    - json-logic-engine (compiled mode, `LogicEngine#build`: one JS function per condition);
//    - json-logic-js (`jsonLogic.apply`, interpreted; an extra row, no target);
//    - @goplasmatic/datalogic (datalogic-rs's own WASM build: `CompiledRule`, data passed as
//      JSON text once per phase — skip rules, findings, rules — results `JSON.parse`d).
//    A second, labelled row times json-logic-engine over a **pre-built** data object (built
//    by the same vendor code before timing): the conditions alone.
//    The set-up checks, for every example, that every vendor reaches the same scale values,
//    bands and cut-offs, findings, fired rules, offers and actions as Trygg; exits non-zero
//    if not.
// 2. node.session.*: on the largest shipped form (most items), `Session.set` of one answer +
//    `Session.outcome()`, against `Engine.evaluate` of the same answers after the same change
//    (each answered item of the fullest example switched to another value and back); `set`
//    alone as an extra row.
// 3. node.instantiate: runtime module instantiate (`require` of the nodejs glue) + `new Engine()` +
//    `loadPrecompiled` of the 6–8 weeks form, in fresh processes (the median of several); also
//    `Engine.withBuiltinForms()` (every shipped form).
//
// Timing: process.hrtime.bigint; a warm-up per contender, then rounds in which every
// contender takes one sample (whole passes over the work, all samples ~SAMPLE_MS or one pass
// of the slowest contender, whichever is longer), the order
// rotating by one each round. Figures: each side's median per operation, the median of the
// per-round ratios (ours ÷ peer) and the ratio of the minima. Nothing here asserts a time.
// TRYGG_BENCH_QUICK=1: 15 rounds of ~2 ms (default 41 of ~5 ms); TRYGG_BENCH_ROUNDS and
// TRYGG_BENCH_SAMPLE_MS override.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const pkg = resolve(root, process.argv[2] ?? 'wasm/pkg');
const out = resolve(root, process.argv[3] ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'bench'));
// The peers are pinned in bench/node/package.json (+ lockfile), installed by `make bench`.
const require = createRequire(join(here, 'package.json'));
const jsonLogic = require('json-logic-js');
const { LogicEngine } = require('json-logic-engine');
// The package's `nodejs` build is CommonJS under `"type": "module"` and does not load in
// Node 20; its `web` build (ES module) does, instantiated synchronously from its .wasm.
const datalogicDir = join(here, 'node_modules/@goplasmatic/datalogic');
const datalogic = await import(join(datalogicDir, 'web/datalogic_wasm.js'));
datalogic.initSync({ module: readFileSync(join(datalogicDir, 'web/datalogic_wasm_bg.wasm')) });
const glue = join(pkg, 'node/trygg_wasm.js');
const { Engine } = require(glue);

const WHOLE_FORM = 'forms/trygg-start/6-8w/1.0.0.json';
const quick = process.env.TRYGG_BENCH_QUICK === '1';
const ROUNDS = Number(process.env.TRYGG_BENCH_ROUNDS ?? (quick ? 15 : 41));
const SAMPLE_MS = Number(process.env.TRYGG_BENCH_SAMPLE_MS ?? (quick ? 2 : 5));
const WARM_MS = quick ? 100 : 300;

function version(name) {
  return JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function fail(msg) {
  console.error(`bench/node: ${msg}`);
  process.exit(1);
}

// ----------------------------------------------------------------------------- timing

function now() {
  return process.hrtime.bigint();
}

/** ns per call of `fn`, after a warm-up. */
function calibrate(fn) {
  const warmUntil = now() + BigInt(WARM_MS) * 1_000_000n;
  const t0 = now();
  let calls = 0;
  while (now() < warmUntil) {
    fn();
    calls++;
  }
  return Number(now() - t0) / calls;
}

/**
 * Interleaved rounds over contenders { name, fn, ops } (ops: operations per call), the order
 * rotating each round. Every contender's sample lasts about as long — SAMPLE_MS, or one call
 * of the slowest contender if that is longer — so that on a busy machine, where a long sample
 * is always cut by other work and a short one often is not, no side is favoured.
 * Returns { name: [ns per operation, one per round] }.
 */
function race(contenders) {
  const perCall = contenders.map((c) => calibrate(c.fn));
  const sample = Math.max(SAMPLE_MS * 1e6, ...perCall);
  const loops = perCall.map((t) => Math.max(1, Math.round(sample / t)));
  const samples = contenders.map(() => []);
  const n = contenders.length;
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < n; k++) {
      const i = (r + k) % n;
      const c = contenders[i];
      const loopsI = loops[i];
      const t0 = now();
      for (let j = 0; j < loopsI; j++) c.fn();
      const t1 = now();
      samples[i].push(Number(t1 - t0) / (loopsI * c.ops));
    }
  }
  const result = {};
  contenders.forEach((c, i) => {
    result[c.name] = samples[i];
  });
  return result;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const minimum = (xs) => Math.min(...xs);

/** A figure: ours against one peer, from the same rounds (times in µs). */
function figure(id, text, ours, peer, peerName, note) {
  const ratios = ours.map((o, i) => o / peer[i]);
  const f = {
    id,
    figure: text,
    unit: 'us',
    ours: median(ours) / 1000,
    peer: median(peer) / 1000,
    peer_name: peerName,
    ratio: median(ratios),
    ratio_of_minima: minimum(ours) / minimum(peer),
    rounds: ROUNDS,
  };
  if (note) f.note = note;
  console.log(
    `node: ${id}: ours ${f.ours.toFixed(2)} µs, peer ${f.peer.toFixed(2)} µs; median ratio ${f.ratio.toFixed(3)}×, ratio of minima ${f.ratio_of_minima.toFixed(3)}×`,
  );
  return f;
}

// ----------------------------------------------------------------------------- the vendor

const formJson = JSON.parse(readFileSync(join(root, WHOLE_FORM), 'utf8'));
const formRef = `${formJson.id}@${formJson.version}`;
const engine = Engine.withBuiltinForms();

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

/** Every `var` path a condition reads. */
function varsOf(rule, out = new Set()) {
  if (Array.isArray(rule)) for (const x of rule) varsOf(x, out);
  else if (rule !== null && typeof rule === 'object') {
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'var') {
        const p = Array.isArray(v) ? v[0] : v;
        if (typeof p === 'string') out.add(p);
      }
      varsOf(v, out);
    }
  }
  return out;
}

const halfUp = (x) => Math.floor(x + 0.5 + 1e-9);

/** One scale: [value, band, cut-off reached], as engine/benches/versus.rs `scale_value`. */
function scaleValue(s, visible, score, profile, locale, attributes) {
  let answered = 0;
  let missing = 0;
  let hidden = 0;
  let positive = 0;
  let total = 0;
  let weights = 0;
  for (const [i, w] of s.items) {
    if (!visible[i]) {
      hidden++;
      continue;
    }
    const x = score[i];
    if (x === null) missing++;
    else {
      answered++;
      total += w * x;
      weights += w;
      if (x > 0) positive++;
    }
  }
  const shown = answered + missing;
  let value = null;
  if (!(shown === 0 || (hidden > 0 && s.notApplicable) || missing > s.maxMissing || answered === 0)) {
    const raw =
      s.method === 'sum' ? total : s.method === 'count' ? positive : weights !== 0 ? total / weights : NaN;
    if (!Number.isFinite(raw)) value = null;
    else if (missing === 0 || !s.prorate || s.method === 'mean') value = raw;
    else {
      const x = (raw * shown) / answered;
      value = s.halfUp ? halfUp(x) : x;
    }
  }
  const band = value === null ? null : (s.bands.find((b) => b.min <= value && value <= b.max)?.id ?? null);
  let reached = null;
  if (profile !== null) {
    const c = s.cutoffs.find(
      (c) =>
        c.profile === profile &&
        Object.entries(c.when ?? {}).every(([k, want]) => (k === 'locale' ? locale : attributes[k]) === want),
    );
    if (c && value !== null) reached = value >= c.value;
  }
  return [value, band, reached];
}

/**
 * A vendor's code over one JsonLogic engine: `compile(rule)` → a function of the prepared
 * data, `prepare(data)` once per phase (identity, or JSON text for the WASM peer), `truthy`.
 * Returns { build(response) → data object, conditions(data) → decisions, whole(response) }.
 */
function makeVendor(form, { compile, prepare, truthy }) {
  const items = [];
  const skipReads = new Set();
  for (const item of form.items) {
    if (item.type === 'display') continue;
    if (item.type !== 'boolean' && item.type !== 'choice') {
      fail(`vendor code handles boolean and choice items only; \`${item.id}\` is ${item.type}`);
    }
    if (item.enableWhen) varsOf(item.enableWhen, skipReads);
    items.push({
      id: item.id,
      type: item.type,
      scoreTrue: item.scoreTrue ?? 1,
      scoreFalse: item.scoreFalse ?? 0,
      options: item.options ?? [],
      declinable: item.declinable === true,
      enableWhen: item.enableWhen ? compile(item.enableWhen) : null,
    });
  }
  const index = new Map(items.map((x, i) => [x.id, i]));
  const scales = form.scales.map((s) => ({
    id: s.id,
    items: s.items.map((id) => [index.get(id), s.weights?.[id] ?? 1]),
    method: s.method,
    maxMissing: s.missing?.maxMissing ?? 0,
    prorate: s.missing?.handling === 'prorate',
    halfUp: s.missing?.rounding === 'half-up',
    notApplicable: s.hiddenItems === 'not-applicable',
    bands: s.bands ?? [],
    cutoffs: s.cutoffs ?? [],
  }));
  // One object for every skip rule, built before visibility (checked as in versus.rs).
  const skipScales = [];
  for (const path of skipReads) {
    const [space, id] = path.split('.');
    if (space === 'answers') {
      if (items[index.get(id)].enableWhen) fail(`vendor code assumes a skip rule reads only always-shown items: ${path}`);
    } else if (space === 'scales') {
      const s = scales.findIndex((x) => x.id === id);
      if (scales[s].items.some(([i]) => items[i].enableWhen)) fail(`skip rule reads a scale of conditional items: ${path}`);
      skipScales.push(s);
    } else fail(`vendor code assumes skip rules read answers and scales only: ${path}`);
  }
  const findings = form.findings.map((f) => {
    if (JSON.stringify(f.when).includes('"findings.')) fail(`vendor code assumes no finding reads another finding`);
    return { id: f.id, run: compile(f.when) };
  });
  const rules = form.rules
    .map((r, i) => ({ id: r.id, run: compile(r.when), offers: r.offers ?? [], actions: r.actions ?? [], p: r.priority ?? 0, i }))
    .sort((a, b) => b.p - a.p || a.i - b.i);
  const offerKeys = rules.map((r) => r.offers.map(canonical));
  const locales = form.locales;
  const profiles = form.profiles?.available ?? [];
  const alwaysShown = items.map((x) => !x.enableWhen);

  function build(response) {
    const n = items.length;
    const given = new Array(n).fill(null);
    const declined = new Array(n).fill(false);
    const score = new Array(n).fill(null);
    const visible = new Array(n).fill(true);
    const answersIn = response.answers ?? {};
    for (let i = 0; i < n; i++) {
      const item = items[i];
      const v = answersIn[item.id];
      if (v === undefined || v === null) continue;
      if (typeof v === 'object' && v.declined === true) {
        declined[i] = true;
        continue;
      }
      given[i] = v;
      if (item.type === 'boolean') score[i] = v === true ? item.scoreTrue : v === false ? item.scoreFalse : null;
      else score[i] = item.options.find((o) => o.value === v)?.score ?? null;
    }
    const context = response.context ?? {};
    const locale = locales.includes(context.locale) ? context.locale : (locales[0] ?? '');
    const profile = profiles.includes(context.profile) ? context.profile : (form.profiles?.default ?? null);
    const attributes = response.respondent?.attributes ?? {};
    // 1. Skip rules.
    const skipAnswers = {};
    for (let i = 0; i < n; i++) skipAnswers[items[i].id] = given[i];
    const skipScaleValues = {};
    for (const s of skipScales) {
      skipScaleValues[scales[s].id] = scaleValue(scales[s], alwaysShown, score, profile, locale, attributes)[0];
    }
    const skipData = prepare({ answers: skipAnswers, scales: skipScaleValues });
    for (let i = 0; i < n; i++) {
      const w = items[i].enableWhen;
      if (w && !truthy(w(skipData))) {
        visible[i] = false;
        given[i] = null;
        declined[i] = false;
        score[i] = null;
      }
    }
    // 2. The data object.
    const answers = {};
    const scores = {};
    const declinedOut = {};
    for (let i = 0; i < n; i++) {
      const item = items[i];
      answers[item.id] = given[i];
      scores[item.id] = score[i];
      if (item.declinable) declinedOut[item.id] = declined[i];
    }
    const scaleValues = {};
    const bands = {};
    const cutoff = {};
    for (const s of scales) {
      const [v, b, r] = scaleValue(s, visible, score, profile, locale, attributes);
      scaleValues[s.id] = v;
      bands[s.id] = b;
      cutoff[s.id] = r;
    }
    const ctx = { ...context, locale };
    if (profile !== null) ctx.profile = profile;
    return {
      answers,
      scores,
      declined: declinedOut,
      scales: scaleValues,
      bands,
      cutoff,
      respondent: { ...attributes },
      context: ctx,
    };
  }

  /** Findings, then rules in firing order; offers and actions merged by first occurrence. */
  function conditions(base) {
    const prepared = prepare(base);
    const made = {};
    for (const f of findings) made[f.id] = truthy(f.run(prepared));
    const full = prepare({ ...base, findings: made });
    const fired = [];
    const offers = [];
    const actions = [];
    const seen = new Set();
    rules.forEach((r, k) => {
      if (!truthy(r.run(full))) return;
      fired.push(r);
      r.offers.forEach((o, j) => {
        const key = offerKeys[k][j];
        if (!seen.has(key)) {
          seen.add(key);
          offers.push(o);
        }
      });
      for (const a of r.actions) if (!actions.includes(a)) actions.push(a);
    });
    return { findings: made, fired, offers, actions };
  }

  return { build, conditions, whole: (response) => conditions(build(response)), findings, rules };
}

const identity = (x) => x;
const viaJsonLogicEngine = (() => {
  const le = new LogicEngine();
  return makeVendor(formJson, { compile: (rule) => le.build(rule), prepare: identity, truthy: (v) => le.truthy(v) });
})();
const viaJsonLogicJs = makeVendor(formJson, {
  compile: (rule) => (data) => jsonLogic.apply(rule, data),
  prepare: identity,
  truthy: jsonLogic.truthy,
});
// datalogic-rs's WASM: rules compiled once; the data crosses as JSON text, once per phase.
const datalogicRules = [];
const viaDatalogic = makeVendor(formJson, {
  compile: (rule) => {
    const compiled = new datalogic.CompiledRule(JSON.stringify(rule), false);
    datalogicRules.push(compiled);
    return (text) => {
      try {
        return JSON.parse(compiled.evaluate(text));
      } catch {
        return null; // an evaluation error is false, as in the other peers
      }
    };
  },
  prepare: (data) => JSON.stringify(data),
  truthy: jsonLogic.truthy,
});

function oursInPeerTerms(o, rules) {
  const order = new Map(rules.map((r, i) => [r.id, i]));
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

function peerInPeerTerms(p, vendor) {
  return {
    findings: vendor.findings.filter((f) => p.findings[f.id]).map((f) => f.id),
    // Trygg lists only rules that made an offer or an action; so does this.
    fired: p.fired.filter((r) => r.offers.length || r.actions.length).map((r) => r.id),
    offers: p.offers.map(canonical),
    actions: p.actions,
  };
}

const vendors = [
  ['json-logic-engine', viaJsonLogicEngine],
  ['json-logic-js', viaJsonLogicJs],
  ['@goplasmatic/datalogic', viaDatalogic],
];
const responses = [];
const prebuilt = [];
const skipped = [];
for (const ex of formJson.examples) {
  const response = { answers: ex.answers };
  if (ex.respondent) response.respondent = ex.respondent;
  if (ex.context) response.context = ex.context;
  const outcome = engine.evaluate(formRef, response);
  if (outcome.problems.length) {
    // An invalid answer: Trygg reports it and scores the rest; the vendor code does no
    // answer validation (as in versus.rs).
    skipped.push(ex.name);
    continue;
  }
  const want = JSON.stringify(oursInPeerTerms(outcome, viaJsonLogicEngine.rules));
  const wantScales = JSON.stringify(outcome.scales.map((s) => [s.id, s.value, s.band, s.cutoff?.reached ?? null]));
  for (const [name, vendor] of vendors) {
    const data = vendor.build(response);
    const gotScales = JSON.stringify(outcome.scales.map((s) => [s.id, data.scales[s.id], data.bands[s.id], data.cutoff[s.id]]));
    if (gotScales !== wantScales) fail(`${name} vendor code: scales differ on \`${ex.name}\`: trygg ${wantScales}\n${gotScales}`);
    const got = JSON.stringify(peerInPeerTerms(vendor.conditions(data), vendor));
    if (got !== want) {
      fail(
        `${name} disagrees with trygg on example \`${ex.name}\` of ${WHOLE_FORM}\n` +
          `(findings, fired rules, offers, actions): trygg ${want}\n${name} ${got}`,
      );
    }
  }
  responses.push(response);
  prebuilt.push(viaJsonLogicEngine.build(response));
}
if (!responses.length) fail('no example responses to compare');
const n = responses.length;
const skipRules = formJson.items.filter((x) => x.enableWhen).length;
console.log(
  `node: json-logic-engine, json-logic-js and @goplasmatic/datalogic vendor code agree with trygg on all ${n} valid example responses of ${WHOLE_FORM} (skipped ${skipped.length} with an invalid answer)`,
);

// ----------------------------------------------------------------------------- 1. evaluate

let sink = 0;
const ev = race([
  {
    name: 'trygg',
    ops: n,
    fn: () => {
      for (const r of responses) sink += engine.evaluate(formRef, r).findings.length;
    },
  },
  {
    name: 'json-logic-engine',
    ops: n,
    fn: () => {
      for (const r of responses) sink += viaJsonLogicEngine.whole(r).fired.length;
    },
  },
  {
    name: 'json-logic-engine-prebuilt',
    ops: n,
    fn: () => {
      for (const d of prebuilt) sink += viaJsonLogicEngine.conditions(d).fired.length;
    },
  },
  {
    name: 'json-logic-js',
    ops: n,
    fn: () => {
      for (const r of responses) sink += viaJsonLogicJs.whole(r).fired.length;
    },
  },
]);
// @goplasmatic/datalogic takes ~100× longer per response: a race of its own with trygg, so that
// its long samples do not set the sample length of the others.
const evD = race([
  {
    name: 'trygg',
    ops: n,
    fn: () => {
      for (const r of responses) sink += engine.evaluate(formRef, r).findings.length;
    },
  },
  {
    name: 'datalogic',
    ops: n,
    fn: () => {
      for (const r of responses) sink += viaDatalogic.whole(r).fired.length;
    },
  },
]);
const evalWhat = `Node, WASM: \`Engine.evaluate\` of one 6–8 w response (the Outcome object; mean over ${n} example responses)`;
const whole = `the vendor's whole job (${skipRules} skip rules, scores, ${formJson.scales.length} scales with bands and cut-offs, ${formJson.findings.length} findings + ${formJson.rules.length} rules; data built from the response inside the timing)`;
const figures = [
  figure('node.evaluate.json-logic-engine-whole', evalWhat, ev.trygg, ev['json-logic-engine'], `json-logic-engine ${version('json-logic-engine')} compiled, ${whole}`),
  figure('node.evaluate.json-logic-engine-prebuilt', evalWhat, ev.trygg, ev['json-logic-engine-prebuilt'], 'json-logic-engine compiled over a pre-built data object (findings + rules only)'),
  figure('node.evaluate.datalogic-whole', evalWhat, evD.trygg, evD.datalogic, `@goplasmatic/datalogic ${version('@goplasmatic/datalogic')} (datalogic-rs's WASM; \`CompiledRule\`, data as JSON text once per phase), ${whole}`),
  figure('node.evaluate.json-logic-js-whole', evalWhat, ev.trygg, ev['json-logic-js'], `json-logic-js ${version('json-logic-js')} (interpreted), ${whole}`),
];
for (const r of datalogicRules) r.free();

// ----------------------------------------------------------------------------- 2. Session

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
  const cmpVersion = (a, b) => {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  return files
    .map((p) => JSON.parse(readFileSync(p, 'utf8')))
    .filter((f) => Array.isArray(f.items))
    .sort((a, b) => b.items.length - a.items.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || cmpVersion(b.version, a.version))[0];
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
const sessionSetOnly = engine.session(bigRef, init);
for (const [id, v] of Object.entries(bigEx.answers)) {
  session.set(id, v);
  sessionSetOnly.set(id, v);
}
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
const st = race([
  {
    name: 'set+outcome',
    ops: steps.length,
    fn: () => {
      for (const [id, v] of steps) {
        sink += session.set(id, v).shown.length;
        sink += session.outcome().findings.length;
      }
    },
  },
  {
    name: 'evaluate',
    ops: steps.length,
    fn: () => {
      for (const [id, v] of steps) {
        liveAnswers[id] = v;
        sink += engine.evaluate(bigRef, liveResponse).findings.length;
      }
    },
  },
  {
    name: 'set',
    ops: steps.length,
    fn: () => {
      for (const [id, v] of steps) sink += sessionSetOnly.set(id, v).shown.length;
    },
  },
]);
session.free();
sessionSetOnly.free();
const bigWhat = `${bigRef}, ${big.items.length} items, one answer changed per step (${steps.length} steps)`;
figures.push(
  figure('node.session.set_outcome', `WASM \`Session.set\` + \`outcome()\`, largest form (${bigWhat})`, st['set+outcome'], st.evaluate, '`Engine.evaluate` of the same answers'),
  figure('node.session.set', `WASM \`Session.set\` alone (no outcome), ${bigRef}`, st.set, st.evaluate, '`Engine.evaluate` of the same answers'),
);

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
  `const t0 = process.hrtime.bigint();
   const { Engine } = require(${JSON.stringify(glue)});
   const { precompiled } = require(${JSON.stringify(join(pkg, 'forms/trygg-start.6-8w@1.0.0.cjs'))});
   const e = new Engine(); e.loadPrecompiled(precompiled);
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

figures.push(
  {
    id: 'node.instantiate',
    figure: 'runtime WASM module instantiate (`require` of the nodejs glue) + `new Engine()` + `loadPrecompiled` of the 6–8 w form (its precompiled module required), fresh process',
    unit: 'ms',
    ours: instantiateOne / 1e6,
    peer: null,
    note: `median of ${RUNS} processes`,
  },
  {
    id: 'node.instantiate.builtin',
    figure: 'runtime WASM module instantiate + `Engine.withBuiltinForms()` (every shipped form loaded precompiled), fresh process',
    unit: 'ms',
    ours: instantiateAll / 1e6,
    peer: null,
    note: `median of ${RUNS} processes`,
  },
);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'node.json'),
  `${JSON.stringify(
    {
      part: 'node',
      tool: `node bench/node/bench.mjs (Node ${process.versions.node}; process.hrtime.bigint, ${WARM_MS} ms warm-up per contender, ${ROUNDS} interleaved rounds with rotating order, one sample per contender per round, all of one length (~${SAMPLE_MS} ms, or one call of the slowest contender); median of per-round ratios and ratio of minima)`,
      versions: {
        node: process.versions.node,
        'json-logic-js': version('json-logic-js'),
        'json-logic-engine': version('json-logic-engine'),
        '@goplasmatic/datalogic': version('@goplasmatic/datalogic'),
      },
      checked: `json-logic-engine, json-logic-js and @goplasmatic/datalogic vendor code reach the same scale values, bands, cut-offs, findings, fired rules, offers and actions as trygg on all ${n} valid example responses of ${WHOLE_FORM}; skipped (invalid answer): ${JSON.stringify(skipped)}; the session's outcome equals Engine.evaluate after every step`,
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log(`node: → ${join(out, 'node.json')} (${sink > 0 ? 'ok' : 'empty'})`);
