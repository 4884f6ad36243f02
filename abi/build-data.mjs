// The plain-ABI module's data beside it (run by `make abi`):
//
//   node abi/build-data.mjs target/abi
//
// Copies every form definition and text pack under forms/ (not forms/schema/) to
// <out>/forms/<path below forms/>, byte for byte, and writes <out>/forms/index.txt: one
// `form <path>` or `pack <path>` a line, forms first, each in byte order of their paths (the
// order wasm/build-forms.mjs and tests/native use), which is the order host packages load
// them in. Writes <out>/trygg.wasm.sha256 (hex) for the hosts' tests.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(REPO, 'target', 'abi'));
const FORMS = join(REPO, 'forms');

function walk(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path !== join(FORMS, 'schema')) found.push(...walk(path));
    } else if (name.endsWith('.json')) {
      found.push(path);
    }
  }
  return found;
}

const files = walk(FORMS)
  .map((p) => relative(FORMS, p))
  .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
const forms = [];
const packs = [];
for (const file of files) {
  const doc = JSON.parse(readFileSync(join(FORMS, file), 'utf8'));
  if (typeof doc.textPack === 'string') packs.push(file);
  else if (Array.isArray(doc.items)) forms.push(file);
  else throw new Error(`forms/${file}: neither a form definition nor a text pack`);
}
if (forms.length === 0) throw new Error('no forms found under forms/');

rmSync(join(out, 'forms'), { recursive: true, force: true });
for (const file of [...forms, ...packs]) {
  mkdirSync(dirname(join(out, 'forms', file)), { recursive: true });
  copyFileSync(join(FORMS, file), join(out, 'forms', file));
}
const index = [...forms.map((f) => `form ${f}`), ...packs.map((p) => `pack ${p}`)].join('\n') + '\n';
writeFileSync(join(out, 'forms', 'index.txt'), index);
const wasm = readFileSync(join(out, 'trygg.wasm'));
writeFileSync(join(out, 'trygg.wasm.sha256'), createHash('sha256').update(wasm).digest('hex') + '\n');
console.log(`${relative(process.cwd(), out)}: trygg.wasm ${wasm.length} B, ${forms.length} forms, ${packs.length} text packs`);
