// tests/vectors/forms/*.json in headless Chromium, on the web target: the page builds
// Engine.withBuiltinForms() (the glue imports the package's built-in forms module) and runs
// the same runner as Node (browser/forms-runner.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { formFiles, writeArtifact } from '../lib/vectors.mjs';
import { formFailures } from '../browser/forms-runner.js';
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

test('every form vector gives the expected bytes in Chromium', async () => {
  assert.equal(session.ready, 'ok');
  const files = formFiles();
  const { lines, mismatches } = await session.page.evaluate((files) => {
    const engine = window.trygg.Engine.withBuiltinForms();
    const out = window.tryggForms.runForms(engine, files);
    engine.free();
    return out;
  }, files);
  writeArtifact('forms-chromium.txt', lines);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(formFailures(files, lines), []);
  assert.deepEqual(session.pageErrors, []);
  // The built-in forms came with the glue from 127.0.0.1, not from a fetch at call time.
  assert.ok(server.requests.includes('/wasm/pkg/forms/index.js'), server.requests.join(' '));
  assert.deepEqual(session.urls.filter((u) => !u.startsWith(server.origin + '/')), []);
});
