// The studio's programme exports give the CLI's bytes: `Engine.programmeSynth` writes what
// `trygg programme synth` writes, and `Engine.programmeReport` the uptake report
// `trygg programme report` writes (Markdown, `--json`, the `--html` page) for the same
// definitions, records and flags (tests/vectors/programme/, held to the CLI by
// cli/tests/programme_cli.rs). One generator each, in trygg-host, called by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUTHORING, REPO } from '../lib/vectors.mjs';

// programmeReport and programmeSynth are the studio's: the authoring build has them.
const { Engine } = createRequire(import.meta.url)(join(AUTHORING, 'node', 'trygg_wasm.js'));
const read = (p) => readFileSync(join(REPO, p), 'utf8');
const V = 'tests/vectors/programme';
const BASE = `${V}/skaggetorp-model.seed-3.n-120`;
const ID = 'skaggetorp-model';
const DEF = read('programmes/skaggetorp-model/1.0.0.json');

test('programmeSynth: the same bytes as trygg programme synth for the same programme and seed', () => {
  const engine = new Engine();
  assert.equal(engine.programmeSynth(DEF, { n: 120, seed: 3 }), read(`${BASE}.ndjson`));
  assert.equal(engine.programmeSynth(JSON.parse(DEF), '{"n":120,"seed":3}'), read(`${BASE}.ndjson`));
  assert.notEqual(engine.programmeSynth(DEF, { n: 120, seed: 4 }), read(`${BASE}.ndjson`));
  for (const line of engine.programmeSynth(DEF, { n: 20 }).trimEnd().split('\n')) assert.equal(JSON.parse(line).synthetic, true);
  assert.throws(() => engine.programmeSynth(DEF, { n: 200000 }), (e) => e.code === 'synth.options' && e.path === '/n');
  engine.free();
});

test('programmeReport: the page, the Markdown and the JSON trygg programme report writes, byte for byte', () => {
  const engine = new Engine();
  const records = read(`${BASE}.ndjson`);
  assert.equal(engine.programmeReport([DEF], ID, records), read(`${BASE}.quarter.html`));
  assert.equal(engine.programmeReport([JSON.parse(DEF)], ID, records, { format: 'markdown' }), read(`${BASE}.quarter.md`));
  assert.equal(engine.programmeReport([DEF], ID, records, { format: 'json', period: 'year' }) + '\n', read(`${BASE}.year.json`));
  // A byte-order mark, \r\n, blank lines and records that cannot be counted: listed at their lines.
  const mixed = read(`${V}/mixed.ndjson`);
  const flags = { period: 'year', suppressBelow: 3, asOf: '2025-06-30' };
  assert.equal(engine.programmeReport([DEF], ID, mixed, flags), read(`${V}/mixed.year.html`));
  const md = engine.programmeReport([DEF], ID, mixed, { ...flags, format: 'markdown' });
  assert.equal(md, read(`${V}/mixed.year.md`));
  assert.match(md, /\| 8 \| `programme.unknown_area` \| `\/family\/area` \|/);
  // Small counts are suppressed: "<5" in the page, and no count below 5 shown.
  const json = JSON.parse(engine.programmeReport([DEF], ID, records, { format: 'json' }));
  assert.equal(json.total.cells.families, 120);
  assert.ok(read(`${BASE}.quarter.html`).includes('&lt;5'));
  engine.free();
});

test('programmeReport: errors are located', () => {
  const engine = new Engine();
  const err = (defs, id, options) => {
    try {
      engine.programmeReport(defs, id, '', options);
    } catch (e) {
      return e;
    }
    assert.fail('no error');
  };
  let e = err([DEF], ID, { format: 'pdf' });
  assert.deepEqual([e.code, e.path], ['programme.report_options', '/format']);
  e = err([DEF], ID, { period: 'week' });
  assert.deepEqual([e.code, e.path], ['programme.report_options', '/period']);
  e = err([DEF], ID, { asOf: '30/6' });
  assert.deepEqual([e.code, e.path], ['programme.report_options', '/asOf']);
  e = err([DEF], 'rinkeby-model', {});
  assert.equal(e.code, 'programme.unknown');
  e = err([DEF, { id: 1 }], ID, {});
  assert.ok(e.path.startsWith('/programmes/1'), e.path);
  assert.ok(e.errors.length >= 1);
  engine.free();
});

test("the studio's CSP allows exactly the uptake report's inline style (by hash), and the page has no style attributes", async () => {
  const html = read(`${BASE}.quarter.html`);
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)[1];
  const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
  const { PROGRAMME_REPORT_STYLE_HASH, CSP } = await import(join(REPO, 'demo-web/server.mjs'));
  assert.equal(PROGRAMME_REPORT_STYLE_HASH, hash);
  assert.ok(CSP.split('; ').find((d) => d.startsWith('style-src ')).split(' ').includes(hash), CSP);
  for (const page of [html, read(`${V}/mixed.year.html`)]) {
    assert.equal((page.match(/<style>/g) ?? []).length, 1);
    assert.equal(/<style>([\s\S]*?)<\/style>/.exec(page)[1], css, 'one stylesheet, whatever the records');
    assert.ok(!/ style="/.test(page), 'no style attributes');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg")|<link|<img|@import|url\(/.test(page), 'nothing to fetch, nothing to run');
  }
});
