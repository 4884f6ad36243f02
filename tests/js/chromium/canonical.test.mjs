// tests/vectors/canonical/*.json in headless Chromium, on the runtime module's web target (wasm/pkg/web)
// imported by a page served from 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalCases, resultLine, writeArtifact, failures } from '../lib/vectors.mjs';
import { startServer } from '../lib/server.mjs';
import { openPage } from '../lib/browser.mjs';

const cases = canonicalCases();
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

/** Call `trygg[fn]` in the page for each input; same outcome shape as lib/vectors.mjs. */
function callAll(fn, inputs) {
  return session.page.evaluate(
    ([fn, inputs]) =>
      inputs.map((input) => {
        try {
          return { ok: window.trygg[fn](input) };
        } catch (e) {
          return { err: { code: e?.code, path: e?.path, isError: e instanceof Error } };
        }
      }),
    [fn, inputs],
  );
}

test('the page loads the web target from 127.0.0.1 only', () => {
  assert.equal(session.ready, 'ok');
  assert.deepEqual(session.pageErrors, []);
  const foreign = session.urls.filter((u) => !u.startsWith(server.origin + '/'));
  assert.deepEqual(foreign, []);
  assert.ok(server.requests.includes('/wasm/pkg/web/trygg_wasm_bg.wasm'), 'the .wasm was not fetched');
});

test('canonicalJson meets every vector in Chromium, and the results file is written', async () => {
  const outcomes = await callAll('canonicalJson', cases.map((c) => c.input));
  writeArtifact('canonical-chromium.txt', cases.map((c, i) => resultLine(c.id, outcomes[i])).join(''));
  assert.deepEqual(failures(cases, outcomes), []);
});

test('contentHash in Chromium is SHA-256 of the expected canonical bytes', async () => {
  const good = cases.filter((c) => c.expect !== undefined && c.xfail === undefined);
  const hashes = await callAll('contentHash', good.map((c) => c.input));
  good.forEach((c, i) => {
    const want = 'sha256:' + createHash('sha256').update(c.expect, 'utf8').digest('hex');
    assert.deepEqual(hashes[i], { ok: want }, c.id);
  });
});

test('errors in Chromium are Errors with code and path, and the module stays usable', async () => {
  const outcomes = await callAll('canonicalJson', ['{', '{"b":1,"a":[1e21]}', 'NaN', '[-0]']);
  assert.deepEqual(outcomes, [
    { err: { code: 'json.invalid', path: '', isError: true } },
    { ok: '{"a":[1e+21],"b":1}' },
    { err: { code: 'json.invalid', path: '', isError: true } },
    { ok: '[0]' },
  ]);
  // Chromium is a real browser, not a Node in disguise.
  const ua = await session.page.evaluate(() => navigator.userAgent);
  assert.match(ua, /HeadlessChrome|Chrome/);
});
