// Prints the sizes raw / gzip -9 / brotli (quality 11) of the builds of the module, their JS
// glue and the built-in forms, and the runtime module against its budget.
// Usage: node tests/js/size.mjs wasm/pkg
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const pkg = process.argv[2] ?? 'wasm/pkg';
const formFiles = readdirSync(join(pkg, 'forms')).filter((f) => /@.*\.js$/.test(f)).sort();
const largest = formFiles
  .map((f) => [f, readFileSync(join(pkg, 'forms', f)).length])
  .sort((a, b) => b[1] - a[1])[0][0];
const files = [
  ['runtime module, web (.wasm, for size)', ['web/trygg_wasm_bg.wasm']],
  ['runtime module, Node (.wasm, for speed)', ['node/trygg_wasm_bg.wasm']],
  ['authoring module (.wasm)', ['authoring/web/trygg_wasm_bg.wasm']],
  ['glue, web target (ESM)', ['web/trygg_wasm.js']],
  ['glue, nodejs target (CJS)', ['node/trygg_wasm.js']],
  // The built-in forms, precompiled, one module per version (forms/<id>@<version>.js),
  // imported by the glue; not in the .wasm and not under the module's budget. Each file is
  // compressed on its own (a page loads only the versions it needs).
  [`built-in forms, ${formFiles.length} modules (sum)`, formFiles.map((f) => `forms/${f}`)],
  [`  largest (${largest})`, [`forms/${largest}`]],
  ['definitions as shipped (authoring)', ['forms/definitions.js']],
];
// The runtime module's transfer budget (issue 5): at most 120 KB gzipped.
const BUDGET_GZIP = 120 * 1024;
const pad = (s, n) => String(s).padStart(n);
const sizes = (bytes) => [
  bytes.length,
  gzipSync(bytes, { level: 9 }).length,
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
];
console.log(`${'size in bytes'.padEnd(40)}${pad('raw', 10)}${pad('gzip -9', 10)}${pad('brotli', 10)}`);
for (const [label, list] of files) {
  const sum = [0, 0, 0];
  for (const f of list) sizes(readFileSync(join(pkg, f))).forEach((n, i) => (sum[i] += n));
  console.log(`${label.padEnd(40)}${sum.map((n) => pad(n, 10)).join('')}`);
}
const gz = sizes(readFileSync(join(pkg, 'web/trygg_wasm_bg.wasm')))[1];
console.log(`budget: runtime module ${gz} of ${BUDGET_GZIP} bytes gzipped (${Math.round((100 * gz) / BUDGET_GZIP)} %)${gz > BUDGET_GZIP ? ' — OVER BUDGET' : ''}`);
