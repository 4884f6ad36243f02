// The shared JsonLogic conformance suites in headless Chromium, on the web target.
// Inputs are prepared in Node (canonical text from the nodejs target, the same bytes the
// native runner uses); evaluation happens in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PKG, jsonlogicCases, logicLine, logicFailures, writeArtifact } from '../lib/vectors.mjs';
import { startServer } from '../lib/server.mjs';
import { openPage } from '../lib/browser.mjs';

const node = createRequire(import.meta.url)(join(PKG, 'node', 'trygg_wasm.js'));
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

test('every JsonLogic conformance case passes in Chromium', async () => {
  assert.equal(session.ready, 'ok');
  const cases = jsonlogicCases(node.canonicalJson);
  assert.ok(cases.length >= 1000, `only ${cases.length} cases`);
  const outcomes = await session.page.evaluate(
    (inputs) =>
      inputs.map(([rule, data]) => {
        try {
          return { ok: window.trygg.evaluateLogic(rule, data) };
        } catch (e) {
          return { err: { code: e?.code, path: e?.path, type: e?.type, value: e?.value, isError: e instanceof Error } };
        }
      }),
    cases.map((c) => [c.rule, c.data]),
  );
  writeArtifact('jsonlogic-chromium.txt', cases.map((c, i) => logicLine(c.id, outcomes[i])).join(''));
  assert.deepEqual(logicFailures(cases, outcomes), []);
  assert.deepEqual(session.pageErrors, []);
});
