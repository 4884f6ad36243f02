// `make demo-build`: put what the page imports beside it, in demo-web/pkg/ (git-ignored),
// from the package `make wasm` builds:
//   pkg/web/    the runtime module's web build (wasm/pkg/web: no compiler), for the parent
//               and nurse demo; its glue imports ../forms/
//   pkg/authoring/web/ the authoring build (wasm/pkg/authoring/web: with the compiler), for
//               the studio; its glue imports ../../forms/
//   pkg/forms/  the built-in forms (wasm/pkg/forms: every shipped version precompiled, one
//               module each; the demo reads their definitions for the set-up and the nurse's
//               context — never for scoring — and the studio the definitions as shipped,
//               definitions.js).
//   pkg/editor.js the studio's editor (CodeMirror 6: editor-src/editor.mjs and the versions
//               pinned in demo-web/package.json), bundled by esbuild into one ES module.
//   pkg/form.schema.json forms/schema/form.schema.json: the studio's completion and hover.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(dirname(here), 'wasm/pkg');
for (const need of ['web/trygg_wasm_bg.wasm', 'web/trygg_wasm.js', 'authoring/web/trygg_wasm_bg.wasm', 'authoring/web/trygg_wasm.js', 'forms/index.js', 'forms/definitions.js']) {
  if (!existsSync(join(pkg, need))) {
    console.error(`wasm/pkg/${need} is missing: run \`make wasm\` first`);
    process.exit(1);
  }
}
const out = join(here, 'pkg');
rmSync(out, { recursive: true, force: true });
for (const dir of ['web', 'authoring/web', 'forms']) cpSync(join(pkg, dir), join(out, dir), { recursive: true });
console.log('demo-web/pkg: the runtime and authoring web modules and the built-in forms, from wasm/pkg');
await build({
  entryPoints: [join(here, 'editor-src/editor.mjs')],
  outfile: join(out, 'editor.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
console.log('demo-web/pkg/editor.js: CodeMirror 6, bundled by esbuild');
// The form schema, for the studio's completion and hover (never for validation).
cpSync(join(dirname(here), 'forms/schema/form.schema.json'), join(out, 'form.schema.json'));
