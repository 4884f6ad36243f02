// The form-vector runner shared by Node and Chromium (no Node imports: the page loads it
// too). Mirrors tests/native/src/forms.rs::run_case: same case ids, same line order, same
// results-line format. `trygg` is the module (either target); the engine is built with
// `Engine.withBuiltinForms()`, so the built-in forms module is under test as well.

/** RFC 8785 written independently in ECMAScript (JSON.stringify prints numbers and strings
 * as the RFC requires; Array.prototype.sort compares UTF-16 code units). */
export function jcs(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`)
    .join(',')}}`;
}

function attempt(call) {
  try {
    return { ok: call() };
  } catch (e) {
    return { err: { code: e?.code, path: e?.path, isError: e instanceof Error } };
  }
}

const text = (o) => ('ok' in o ? o.ok : `!${o.err.code}\t${o.err.path}`);

function kind(c) {
  if ('input' in c) return 'programme';
  if ('explain' in c) return 'explain';
  if ('responses' in c) return 'family';
  if ('steps' in c) return 'session';
  return 'evaluate';
}

/**
 * Run every case of `files` ([{ stem, cases }]) on `engine`. Returns `lines` (the results
 * file) and `mismatches`: outputs where the object-returning call and the `*Json` call of
 * the same API disagree (they must be the same value).
 */
export function runForms(engine, files) {
  const lines = [];
  const mismatches = [];
  const push = (id, o) => lines.push(`${id}\t${text(o)}\n`);
  for (const { stem, cases, programmes } of files) {
    for (const c of cases) {
      const id = `${stem}/${c.name}`;
      const k = kind(c);
      if (k === 'programme') {
        const def = (programmes ?? {})[c.programme];
        const o = attempt(() => engine.evaluateProgrammeJson(def, c.input));
        push(id, o);
        if ('ok' in o && jcs(engine.evaluateProgramme(JSON.stringify(def), c.input)) !== o.ok) {
          mismatches.push(`${id}: evaluateProgramme and evaluateProgrammeJson differ`);
        }
      } else if (k === 'evaluate') {
        const o = attempt(() => engine.evaluateJson(c.form, c.response));
        push(id, o);
        if ('ok' in o) {
          const obj = jcs(engine.evaluate(c.form, c.response));
          if (obj !== o.ok) mismatches.push(`${id}: evaluate and evaluateJson differ`);
        }
      } else if (k === 'explain') {
        const { locale, textPacks } = c.explain;
        const o = attempt(() => engine.explainJson(c.form, c.response, locale, textPacks));
        push(id, o);
        if ('ok' in o) {
          if (jcs(engine.explain(c.form, c.response, locale, textPacks)) !== o.ok) mismatches.push(`${id}: explain and explainJson differ`);
          push(`${id}/text`, attempt(() => JSON.stringify(engine.explainText(c.form, c.response, locale, textPacks))));
        }
      } else if (k === 'family') {
        const o = attempt(() => engine.evaluateFamilyJson(c.form, c.responses));
        push(id, o);
        if ('ok' in o) {
          if (jcs(engine.evaluateFamily(c.form, c.responses)) !== o.ok) mismatches.push(`${id}: evaluateFamily and evaluateFamilyJson differ`);
          for (const r of c.responses) {
            const who = r?.respondent?.id;
            if (typeof who !== 'string') continue;
            const v = attempt(() => engine.viewForJson(c.form, c.responses, who));
            push(`${id}/view/${who}`, v);
            if ('ok' in v && jcs(engine.viewFor(c.form, c.responses, who)) !== v.ok) mismatches.push(`${id}: viewFor ${who} differs`);
          }
        }
      } else {
        const s = attempt(() => engine.session(c.form, c.init));
        if (!('ok' in s)) {
          push(id, s);
          continue;
        }
        const session = s.ok;
        c.steps.forEach((step, n) => {
          const o = attempt(() =>
            jcs('decline' in step ? session.decline(step.decline) : session.set(step.set, step.value ?? null)),
          );
          push(`${id}/step/${n}`, o);
        });
        const out = session.outcomeJson();
        push(id, { ok: out });
        if (jcs(session.outcome()) !== out) mismatches.push(`${id}: outcome and outcomeJson differ`);
        if (engine.evaluateJson(c.form, session.response()) !== out) mismatches.push(`${id}: the session's outcome is not evaluate(response())`);
        session.free();
      }
    }
  }
  return { lines: lines.join(''), mismatches };
}

/** The expected output per line id, from the vector files (mirrors the runner's ids). */
export function expectations(files) {
  const want = new Map();
  const exp = (c) => ('expect' in c ? c.expect : `!${c.error.code}\t${c.error.path ?? ''}`);
  for (const { stem, cases } of files) {
    for (const c of cases) {
      const id = `${stem}/${c.name}`;
      want.set(id, exp(c));
      if ('text' in c) want.set(`${id}/text`, JSON.stringify(c.text));
      for (const [who, v] of Object.entries(c.views ?? {})) want.set(`${id}/view/${who}`, v);
      (c.steps ?? []).forEach((step, n) => want.set(`${id}/step/${n}`, exp(step)));
    }
  }
  return want;
}

/** Lines that differ from the expectations, and expectations no line met. */
export function formFailures(files, lines) {
  const want = expectations(files);
  const out = [];
  const seen = new Set();
  for (const l of lines.split('\n').filter(Boolean)) {
    const tab = l.indexOf('\t');
    const id = l.slice(0, tab);
    const got = l.slice(tab + 1);
    seen.add(id);
    if (!want.has(id)) out.push(`${id}: no expectation`);
    else if (want.get(id) !== got) out.push(`${id}: want ${want.get(id).slice(0, 200)}, got ${got.slice(0, 200)}`);
  }
  for (const id of want.keys()) if (!seen.has(id)) out.push(`${id}: not run`);
  return out;
}
