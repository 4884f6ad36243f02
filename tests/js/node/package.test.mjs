// wasm/pkg as an npm package: `exports` resolve to the right target, and the typings have
// no `any`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PKG } from '../lib/vectors.mjs';

const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));

function withInstalled(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'trygg-pkg-'));
  try {
    mkdirSync(join(dir, 'node_modules', '@trygg'), { recursive: true });
    symlinkSync(PKG, join(dir, 'node_modules', '@trygg', 'wasm'), 'dir');
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function node(dir, args) {
  return execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' }).trim();
}

test('package.json names the version and both targets', () => {
  assert.equal(pkg.name, '@trygg/wasm');
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(pkg.exports['.'].browser.default, './web/index.js');
  assert.equal(pkg.exports['.'].require.default, './node/index.js');
  assert.equal(pkg.exports['./authoring'].browser.default, './authoring/web/index.js');
  assert.equal(pkg.exports['./authoring'].require.default, './authoring/node/index.js');
});

test('exports: @trygg/wasm is the runtime module, @trygg/wasm/authoring the one with the compiler', () => {
  withInstalled((dir) => {
    const def = JSON.stringify(readFileSync(new URL('../../../forms/phq-9/1.0.0.json', import.meta.url), 'utf8'));
    const script = `for (const m of ['@trygg/wasm', '@trygg/wasm/authoring']) { const t = require(m); try { console.log(new t.Engine().loadForm(${def}).id); } catch (e) { console.log(e.code); } } console.log(require.resolve('@trygg/wasm/authoring'))`;
    const [runtime, authoring, where] = node(dir, ['-e', script]).split('\n');
    assert.deepEqual([runtime, authoring], ['precompiled.required', 'phq-9']);
    assert.match(where, /\/authoring\/node\/index\.js$/);
    writeFileSync(join(dir, 'a.mjs'), "console.log(import.meta.resolve('@trygg/wasm/authoring'))");
    assert.match(node(dir, ['--conditions=browser', 'a.mjs']), /\/authoring\/web\/index\.js$/);
  });
});

test('exports: require and import in Node get the nodejs target, ready to use', () => {
  withInstalled((dir) => {
    const script = "const t = require('@trygg/wasm'); console.log(require.resolve('@trygg/wasm'), t.canonicalJson('{\"b\":1,\"a\":2}'))";
    assert.match(node(dir, ['-e', script]), /\/node\/index\.js \{"a":2,"b":1\}$/);
    writeFileSync(join(dir, 'm.mjs'), "import { canonicalJson } from '@trygg/wasm'; console.log(import.meta.resolve('@trygg/wasm'), canonicalJson('[1E2]'));");
    assert.match(node(dir, ['m.mjs']), /\/node\/index\.js \[100\]$/);
  });
});

test('exports: the browser condition gets the web target', () => {
  withInstalled((dir) => {
    writeFileSync(join(dir, 'r.mjs'), "console.log(import.meta.resolve('@trygg/wasm'))");
    assert.match(node(dir, ['--conditions=browser', 'r.mjs']), /\/web\/index\.js$/);
  });
});

test('@trygg/wasm/forms gives the built-in forms to import and require, one module per version, and withBuiltinForms works in both', () => {
  withInstalled((dir) => {
    const script = "const f = require('@trygg/wasm/forms'); const t = require('@trygg/wasm'); console.log(f.forms.length, t.Engine.withBuiltinForms().forms().length)";
    const [a, b] = node(dir, ['-e', script]).split(' ').map(Number);
    assert.ok(a >= 12 && a === b, `${a} forms in the module, ${b} in the engine`);
    writeFileSync(join(dir, 'f.mjs'), "import { forms, textPacks } from '@trygg/wasm/forms'; import { definitions } from '@trygg/wasm/forms/definitions'; console.log(forms.length, textPacks.length, definitions.length)");
    assert.equal(node(dir, ['f.mjs']), `${a} 2 ${a}`);
    const one = "const { Engine } = require('@trygg/wasm'); const f = require('@trygg/wasm/forms/gad-7@1.0.0'); const e = new Engine(); console.log(e.loadPrecompiled(f.precompiled).id, e.forms().length)";
    assert.equal(node(dir, ['-e', one]), 'gad-7 1');
    writeFileSync(join(dir, 'o.mjs'), "import { id, version } from '@trygg/wasm/forms/gad-7@1.0.0'; console.log(id, version)");
    assert.equal(node(dir, ['o.mjs']), 'gad-7 1.0.0');
  });
});

test('the .d.ts files declare no `any`', () => {
  for (const target of ['web', 'node', 'authoring/web', 'authoring/node']) {
    const dts = readFileSync(join(PKG, target, 'trygg_wasm.d.ts'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    assert.ok(/export function canonicalJson\(/.test(dts), `${target}: canonicalJson not declared`);
    assert.deepEqual(dts.match(/\bany\b/g) ?? [], [], `${target}/trygg_wasm.d.ts uses any`);
  }
});

test('npm pack ships both targets, their typings and the README', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  for (const want of ['README.md', 'package.json', 'node/package.json', 'node/trygg_wasm.js', 'node/index.js', 'node/index.d.ts', 'web/index.js', 'web/index.d.ts', 'node/trygg_wasm.d.ts', 'node/trygg_wasm_bg.wasm', 'web/package.json', 'web/trygg_wasm.js', 'web/trygg_wasm.d.ts', 'web/trygg_wasm_bg.wasm', 'web/trygg_forms.js', 'node/trygg_forms.js', 'forms/index.js', 'forms/index.cjs', 'forms/index.d.ts', 'forms/package.json', 'forms/phq-9@1.0.0.js', 'forms/phq-9@1.0.0.cjs', 'forms/phq-9@1.0.0.d.ts', 'forms/definitions.js', 'authoring/web/index.js', 'authoring/web/trygg_wasm_bg.wasm', 'authoring/node/index.js', 'authoring/node/trygg_wasm_bg.wasm']) {
    assert.ok(files.includes(want), `${want} not packed: ${files.join(', ')}`);
  }
});
