// The runtime module (wasm/pkg/web: no compiler) in headless Chromium: the built-in forms
// arrive precompiled, one module per form version, and every form vector but the programme
// cases (a programme is compiled when evaluated: authoring build) gives the expected bytes;
// a definition is refused with `precompiled.required`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { formFiles } from '../lib/vectors.mjs';
import { formFailures } from '../browser/forms-runner.js';
import { startServer } from '../lib/server.mjs';
import { openPage } from '../lib/browser.mjs';

let server;
let session;

before(async () => {
  server = await startServer();
  session = await openPage(`${server.origin}/tests/js/browser/index.html?build=runtime`);
});

after(async () => {
  await session?.browser.close();
  await server?.close();
});

test('the runtime module scores the form vectors in Chromium and refuses definitions', async () => {
  assert.equal(session.ready, 'ok');
  const files = formFiles().map((f) => ({ ...f, cases: f.cases.filter((c) => !('input' in c)) }));
  const { lines, mismatches, refused } = await session.page.evaluate((files) => {
    const engine = window.trygg.Engine.withBuiltinForms();
    const out = window.tryggForms.runForms(engine, files);
    let refused;
    try {
      new window.trygg.Engine().loadForm({ id: 'x', version: '1.0.0', items: [] });
    } catch (e) {
      refused = e.code;
    }
    engine.free();
    return { ...out, refused };
  }, files);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(formFailures(files, lines), []);
  assert.equal(refused, 'precompiled.required');
  assert.deepEqual(session.pageErrors, []);
  assert.ok(server.requests.includes('/wasm/pkg/web/trygg_wasm_bg.wasm'), server.requests.join(' '));
  assert.ok(server.requests.includes('/wasm/pkg/forms/phq-9@1.0.0.js'), server.requests.join(' '));
  assert.ok(!server.requests.some((r) => r.startsWith('/wasm/pkg/authoring/')), 'the authoring build was loaded');
  assert.ok(!server.requests.includes('/wasm/pkg/forms/definitions.js'), 'the definitions were loaded');
  assert.deepEqual(session.urls.filter((u) => !u.startsWith(server.origin + '/')), []);
});
