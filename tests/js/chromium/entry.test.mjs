// The package's web entry point in headless Chromium: calls go through it to the module,
// JS values JSON cannot carry are TypeErrors with code and path, and a spare instance (for
// recovery after an internal error) is prepared in the background from the module compiled
// once. (The swap itself is exercised in Node with the panic-probe build.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { openPage } from '../lib/browser.mjs';

let server;
let session;

before(async () => {
  server = await startServer();
  session = await openPage(`${server.origin}/tests/js/browser/entry.html`);
});

after(async () => {
  await session?.browser.close();
  await server?.close();
});

test('the web entry works, refuses non-JSON values and prepares a spare instance', async () => {
  assert.equal(session.ready, 'ok');
  const got = await session.page.evaluate(async () => {
    const t = window.trygg;
    const out = {};
    out.canonical = t.canonicalJson('{"b":1,"a":2}');
    // The package's default entry is the runtime module: no compiler, so a rule is refused
    // with a plain coded Error, and the instance goes on (not an internal error).
    try {
      t.evaluateLogic('{"+":[1,2]}', 'null');
      out.logic = 'ok';
    } catch (e) {
      out.logic = e.code;
    }
    out.after = t.canonicalJson('[1E2]');
    const engine = new t.Engine();
    out.isEngine = engine instanceof t.Engine;
    out.forms = engine.forms();
    try {
      engine.evaluate('x@1.0.0', { answers: { a: Number.NaN } });
      out.nan = 'accepted';
    } catch (e) {
      out.nan = { type: e.constructor.name, code: e.code, path: e.path };
    }
    return out;
  });
  assert.deepEqual(got, {
    canonical: '{"a":2,"b":1}',
    logic: 'precompiled.required',
    after: '[100]',
    isEngine: true,
    forms: [],
    nan: { type: 'TypeError', code: 'json.not_representable', path: '/answers/a' },
  });
  // The spare instance: a second copy of the glue, instantiated from the compiled module.
  await session.page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('trygg_wasm.js?instance=1')), null, { timeout: 30_000 });
  assert.ok(session.urls.every((u) => u.startsWith(server.origin)), session.urls.join('\n'));
  assert.deepEqual(session.pageErrors, []);
});
