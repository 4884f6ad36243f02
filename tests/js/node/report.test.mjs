// The studio's authoring exports give the CLI's bytes: `Engine.synth` writes what
// `trygg synth` writes (tests/vectors/synth/), and `Engine.compareReport` the report
// `trygg diff` writes for the same versions, records, language and input name
// (tests/vectors/report/, held to the CLI by cli/tests/report_cli.rs). One generator each,
// in trygg-host, called by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, REPO } from '../lib/vectors.mjs';

// synth and compareReport are the studio's: the authoring build has them.
const { Engine } = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const A = 'trygg-start.6-8w@1.0.0';
const B = 'trygg-start.6-8w@1.1.0';
const SYNTH = 'tests/vectors/synth/trygg-start.6-8w-1.0.0+1.1.0.seed-7.n-60.ndjson';
const REPORT = 'tests/vectors/report/trygg-start.6-8w-1.0.0-1.1.0.seed-7';
const read = (p) => readFileSync(join(REPO, p), 'utf8');

test('synth: the same bytes as trygg synth for the same forms, seed and profile', () => {
  const engine = Engine.withBuiltinForms();
  assert.equal(engine.synth([A, B], { n: 60, seed: 7 }), read(SYNTH));
  assert.equal(
    engine.synth([A], { n: 40, seed: 3, profile: 'high-risk' }),
    read('tests/vectors/synth/trygg-start.6-8w-1.0.0.seed-3.n-40.high-risk.ndjson'),
  );
  assert.notEqual(engine.synth([A], { n: 40, seed: 4, profile: 'high-risk' }), read('tests/vectors/synth/trygg-start.6-8w-1.0.0.seed-3.n-40.high-risk.ndjson'));
  for (const line of engine.synth([B], { n: 20 }).trimEnd().split('\n')) assert.equal(JSON.parse(line).synthetic, true);
  assert.throws(() => engine.synth([A], { n: 5, config: { missing: 2 } }), (e) => e.code === 'synth.config' && e.path === '/config/missing');
  assert.throws(() => engine.synth([A], { n: 5, profile: 'odd' }), (e) => e.code === 'synth.options' && e.path === '/profile');
});

test('compareReport: the page and the Markdown trygg diff writes, byte for byte', () => {
  const engine = Engine.withBuiltinForms();
  const responses = read(SYNTH);
  for (const locale of ['sv', 'en']) {
    const html = engine.compareReport(A, B, responses, { locale, input: SYNTH });
    assert.equal(html, read(`${REPORT}.${locale}.html`), `${locale}.html`);
  }
  assert.equal(engine.compareReport(A, B, responses, { locale: 'sv', input: SYNTH, format: 'markdown' }), read(`${REPORT}.sv.md`));
  const json = JSON.parse(engine.compareReport(A, B, responses, { format: 'json', input: SYNTH }));
  assert.equal(json.synthetic, 60);
  assert.equal(json.responses, 60);
  assert.throws(() => engine.compareReport(A, B, responses, { format: 'pdf' }), (e) => e.code === 'compare.report_options' && e.path === '/format');
});

test("the studio's CSP allows exactly the report's inline style (by hash), and the page has no style attributes", async () => {
  const html = read(`${REPORT}.sv.html`);
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
  const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
  const { REPORT_STYLE_HASH, CSP } = await import(join(REPO, 'demo-web/server.mjs'));
  assert.equal(REPORT_STYLE_HASH, hash);
  assert.ok(CSP.includes(`style-src 'self' ${hash}`), CSP);
  assert.equal((html.match(/<style>/g) ?? []).length, 1);
  assert.ok(!/ style="/.test(html), 'no style attributes');
  assert.ok(!/<script|https?:|<link|<img|@import|url\(/.test(html), 'nothing to fetch, nothing to run');
});
