// bench/hosts.sh's Node side: evaluate of each 6–8 w example response through trygg.wasm on
// Node's own WebAssembly (no glue), and instantiate + every built-in form. One JSON line.
import { readFileSync } from 'node:fs';
import { Trygg } from './trygg.mjs';

const vectors = process.argv[2];
const cases = JSON.parse(readFileSync(vectors, 'utf8')).cases.map((c) => [c.form, JSON.stringify(c.response)]);
const loads = [];
for (let i = 0; i < 5; i++) {
  const t = process.hrtime.bigint();
  Trygg.withBuiltinForms();
  loads.push(Number(process.hrtime.bigint() - t) / 1e6);
}
loads.sort((a, b) => a - b);
const trygg = Trygg.withBuiltinForms();
for (const [f, r] of cases) trygg.evaluate(f, r);
let n = 0;
const t0 = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < 2e9) {
  for (const [f, r] of cases) trygg.evaluate(f, r);
  n += cases.length;
  elapsed = Number(process.hrtime.bigint() - t0);
}
console.log(JSON.stringify({ runtime: 'node-plain', evaluate_us: elapsed / 1e3 / n, responses: cases.length, instantiate_ms: loads[2] }));
