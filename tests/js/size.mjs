// Prints the runtime module's size raw / gzip -9 / brotli (quality 11), and the JS glue's.
// Usage: node tests/js/size.mjs wasm/pkg
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const pkg = process.argv[2] ?? 'wasm/pkg';
const files = [
  ['module (.wasm, web = node)', 'web/trygg_wasm_bg.wasm'],
  ['glue, web target (ESM)', 'web/trygg_wasm.js'],
  ['glue, nodejs target (CJS)', 'node/trygg_wasm.js'],
  // The built-in forms (forms/**, examples included), imported by the glue; not in the .wasm
  // and not under the module's budget. index.cjs is the same data for the nodejs target.
  ['built-in forms (forms/index.js)', 'forms/index.js'],
];
// The runtime module's transfer budget (issue 5): at most 120 KB gzipped.
const BUDGET_GZIP = 120 * 1024;
const pad = (s, n) => String(s).padStart(n);
console.log(`${'size in bytes'.padEnd(32)}${pad('raw', 10)}${pad('gzip -9', 10)}${pad('brotli', 10)}`);
for (const [label, file] of files) {
  const bytes = readFileSync(join(pkg, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  console.log(`${label.padEnd(32)}${pad(bytes.length, 10)}${pad(gz, 10)}${pad(br, 10)}`);
}
const gz = gzipSync(readFileSync(join(pkg, 'web/trygg_wasm_bg.wasm')), { level: 9 }).length;
console.log(`budget: ${gz} of ${BUDGET_GZIP} bytes gzipped (${Math.round((100 * gz) / BUDGET_GZIP)} %)${gz > BUDGET_GZIP ? ' — OVER BUDGET' : ''}`);
