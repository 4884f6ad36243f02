// `make demo-build`: put what the page imports beside it, in demo-web/pkg/ (git-ignored):
//   pkg/web/    the WASM module's web build (wasm/pkg/web, from `make wasm`)
//   pkg/forms/  the shipped form definitions, and index.json ("id@version" → path), read by
//               the nurse's screens for labels only (finding titles, scale titles, bands).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const web = join(repo, 'wasm/pkg/web');
if (!existsSync(join(web, 'trygg_wasm_bg.wasm'))) {
  console.error('wasm/pkg/web is missing: run `make wasm` first');
  process.exit(1);
}
const out = join(here, 'pkg');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'forms'), { recursive: true });
cpSync(web, join(out, 'web'), { recursive: true });

const forms = join(repo, 'forms');
const index = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'schema' && name !== 'tools') walk(path);
    } else if (/^\d+\.\d+\.\d+\.json$/.test(name)) {
      const def = JSON.parse(readFileSync(path, 'utf8'));
      const rel = relative(forms, path);
      mkdirSync(dirname(join(out, 'forms', rel)), { recursive: true });
      cpSync(path, join(out, 'forms', rel));
      index[`${def.id}@${def.version}`] = rel;
    }
  }
};
walk(forms);
writeFileSync(join(out, 'forms/index.json'), JSON.stringify(index, null, 1) + '\n');
console.log(`demo-web/pkg: web module + ${Object.keys(index).length} form definitions`);
