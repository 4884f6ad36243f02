// The built modules import wasm-bindgen glue only: no network, storage, clock or randomness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PKG } from '../lib/vectors.mjs';
import { importProblems } from '../lib/isolation.mjs';

for (const target of ['web', 'node', 'authoring/web', 'authoring/node']) {
  test(`${target}/trygg_wasm_bg.wasm imports only wasm-bindgen glue`, () => {
    const module = new WebAssembly.Module(readFileSync(join(PKG, target, 'trygg_wasm_bg.wasm')));
    const imports = WebAssembly.Module.imports(module);
    console.log(`${target}: ${imports.length} imports: ${imports.map((i) => i.name).join(', ')}`);
    assert.ok(imports.length > 0, 'a wasm-bindgen module with no imports: wrong file?');
    assert.deepEqual(importProblems(imports), []);
  });
}

test('the import check rejects what it should (it can fail)', () => {
  const glue = (name, kind = 'function') => ({ module: './trygg_wasm_bg.js', name, kind });
  const bad = [
    glue('__wbg_now_2c95c9de01293173'), // Date.now / performance.now
    glue('__wbg_fetch_3d1b6f5d4e2f1a0b'),
    glue('__wbg_getRandomValues_1c6185f1d9bb5a3e'),
    glue('__wbg_crypto_574e78ad8b13b65f'),
    glue('__wbg_localStorage_0123456789abcdef'),
    glue('__wbg_indexedDB_0123456789abcdef'),
    glue('__wbg_new_XMLHttpRequest'),
    glue('__wbg_newWebSocket_0123456789abcdef'),
    glue('__wbg_random_3ad904d98382defe'),
    glue('__wbg_performance_0123456789abcdef'),
    glue('__wbg_getTime_0123456789abcdef'),
    { module: 'env', name: 'read_file', kind: 'function' },
    { module: 'wasi_snapshot_preview1', name: 'clock_time_get', kind: 'function' },
    glue('__wbindgen_table', 'table'),
  ];
  for (const imp of bad) {
    assert.notDeepEqual(importProblems([imp]), [], `${imp.module} :: ${imp.name} passed the check`);
  }
  const ok = [glue('__wbg_new_616f2cc8b7dd08ef'), glue('__wbg_set_code_7f31ab4375b399e0'), glue('__wbindgen_init_externref_table'), { module: 'wbg', name: '__wbindgen_throw', kind: 'function' }];
  assert.deepEqual(importProblems(ok), []);
});

/** The module specifiers a JS file imports or requires. */
function specifiers(file) {
  const js = readFileSync(join(PKG, file), 'utf8');
  const found = [];
  for (const m of js.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)) found.push(m[1]);
  for (const m of js.matchAll(/require\((?:String\.raw)?[`'"]([^`'"]+)[`'"]\)/g)) found.push(m[1]);
  return found.sort();
}

test('the JS around each module loads only the .wasm and the built-in forms', () => {
  for (const [dir, up] of [['', '..'], ['authoring/', '../..']]) {
    assert.deepEqual(specifiers(`${dir}web/trygg_wasm.js`), ['./trygg_forms.js']);
    assert.deepEqual(specifiers(`${dir}web/trygg_forms.js`), [`${up}/forms/index.js`]);
    assert.deepEqual(specifiers(`${dir}node/trygg_wasm.js`), ['./trygg_forms.js', 'fs']);
    assert.deepEqual(specifiers(`${dir}node/trygg_forms.js`), [`${up}/forms/index.cjs`, `${up}/forms/index.cjs`]);
  }
  const forms = readdirSync(join(PKG, 'forms')).filter((f) => /\.c?js$/.test(f));
  assert.ok(forms.length >= 2 * 12 + 4, forms.join(' '));
  for (const f of forms) {
    const js = readFileSync(join(PKG, 'forms', f), 'utf8');
    // The index imports the per-version modules beside it, nothing else.
    for (const s of specifiers(`forms/${f}`)) assert.match(s, /^\.\/[A-Za-z0-9._-]+@[A-Za-z0-9.+_-]+\.c?js$/, `forms/${f} imports ${s}`);
    assert.doesNotMatch(js, /\bfetch\(|XMLHttpRequest|import\(/, `forms/${f} reaches out`);
  }
});
