// Differential testing in headless Chromium on the web target: the same inputs as the
// native and Node runners (tests/artifacts/differential-inputs.ndjson), in chunks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { differentialCases, runDifferential, differentialLines, writeArtifact } from '../lib/vectors.mjs';
import { startServer } from '../lib/server.mjs';
import { openPage } from '../lib/browser.mjs';

let server;
let session;

before(async () => {
  server = await startServer();
  session = await openPage(`${server.origin}/tests/js/browser/index.html`);
});

after(async () => {
  await session?.browser.close();
  await server?.close();
});

test('the differential inputs run in Chromium', async () => {
  assert.equal(session.ready, 'ok');
  const cases = differentialCases();
  assert.ok(cases.filter((c) => 'response' in c).length >= 10_000, `${cases.length} cases`);
  await session.page.evaluate((src) => {
    window.runDifferential = new Function(`return (${src})`)();
    window.diffEngine = window.trygg.Engine.withBuiltinForms();
  }, runDifferential.toString());
  const outcomes = [];
  for (let i = 0; i < cases.length; i += 1000) {
    const chunk = cases.slice(i, i + 1000);
    outcomes.push(...(await session.page.evaluate((chunk) => window.runDifferential(window.trygg, window.diffEngine, chunk), chunk)));
  }
  writeArtifact('differential-chromium.txt', differentialLines(cases, outcomes));
  assert.deepEqual(outcomes.filter((o) => 'err' in o && typeof o.err.code !== 'string'), []);
  assert.deepEqual(session.pageErrors, []);
});
