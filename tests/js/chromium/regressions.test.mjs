// The regression corpus (tests/regressions/) in headless Chromium, on the web target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { regressionCases, runRegressions, regressionLines, regressionFailures, writeArtifact } from '../lib/vectors.mjs';
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

test('every regression case gives its expected result in Chromium', async () => {
  assert.equal(session.ready, 'ok');
  const cases = regressionCases();
  assert.ok(cases.length >= 10, `only ${cases.length} cases`);
  const outcomes = await session.page.evaluate(
    ([src, cases]) => {
      const run = new Function(`return (${src})`)();
      const builtin = window.trygg.Engine.withBuiltinForms();
      const out = run(window.trygg, builtin, cases);
      builtin.free();
      return out;
    },
    [runRegressions.toString(), cases],
  );
  writeArtifact('regressions-chromium.txt', regressionLines(cases, outcomes));
  assert.deepEqual(regressionFailures(cases, outcomes), []);
  assert.equal(await session.page.evaluate(() => window.trygg.evaluateLogic('{"+":[1,2]}', 'null')), '3');
  assert.deepEqual(session.pageErrors, []);
});
