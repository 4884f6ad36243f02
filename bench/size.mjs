// Size of the runtime module and its JS glue (issues 8 and 17) → target/bench/size.json.
// Usage: node bench/size.mjs [wasm/pkg] [target/bench]   (after `make wasm` and `npm ci` in
// bench/node, both done by `make bench`)
//
// The same measures as `make size` (tests/js/size.mjs): raw bytes, gzip -9, brotli quality 11,
// all with Node's zlib. The runtime module is the same file for both targets (web = node).
// Peer: datalogic-rs's own WASM build, the `.wasm` of the npm package @goplasmatic/datalogic
// (pinned in bench/node/package.json), measured the same way.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pkg = process.argv[2] ?? 'wasm/pkg';
const out = process.argv[3] ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'bench');

const here = dirname(fileURLToPath(import.meta.url));
const peerDir = join(here, 'node/node_modules/@goplasmatic/datalogic');
const peerVersion = JSON.parse(readFileSync(join(peerDir, 'package.json'), 'utf8')).version;

function sizes(file, dir = pkg) {
  const bytes = readFileSync(join(dir, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const wasm = sizes('web/trygg_wasm_bg.wasm');
// The Node build of the same runtime code, built for speed (see the Makefile's `wasm`).
const wasmNode = sizes('node/trygg_wasm_bg.wasm');
const glueWeb = sizes('web/trygg_wasm.js');
const glueNode = sizes('node/trygg_wasm.js');
const authoring = sizes('authoring/web/trygg_wasm_bg.wasm');
// The built-in forms: one precompiled module per form version (forms/<id>@<version>.js).
const formFiles = readdirSync(join(pkg, 'forms')).filter((f) => /@.*\.js$/.test(f));
const forms = formFiles
  .map((f) => sizes(join('forms', f)))
  .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
const peer = sizes('web/datalogic_wasm_bg.wasm', peerDir);

const figures = [
  { id: 'size.wasm.raw', figure: 'runtime `.wasm`, raw', unit: 'B', ours: wasm.raw, peer: null },
  {
    id: 'size.wasm.gzip',
    figure: 'runtime `.wasm`, gzip -9',
    unit: 'B',
    ours: wasm.gzip,
    peer: null,
    limit: 120_000,
    note: 'target ≤ 120 KB gzipped, read as 120,000 B',
  },
  {
    id: 'size.wasm.gzip.datalogic',
    figure: 'runtime `.wasm`, gzip -9',
    unit: 'B',
    ours: wasm.gzip,
    peer: peer.gzip,
    peer_name: `@goplasmatic/datalogic ${peerVersion} \`web/datalogic_wasm_bg.wasm\` (datalogic-rs's WASM), gzip -9`,
    note: `peer raw ${peer.raw.toLocaleString('en')} B, brotli ${peer.brotli.toLocaleString('en')} B`,
  },
  {
    id: 'size.authoring.gzip',
    figure: 'authoring build `.wasm` (compiler, studio and FHIR calls; not the runtime module), gzip -9',
    unit: 'B',
    ours: authoring.gzip,
    peer: null,
    note: `raw ${authoring.raw.toLocaleString('en')} B, brotli ${authoring.brotli.toLocaleString('en')} B`,
  },
  { id: 'size.wasm.brotli', figure: 'runtime `.wasm`, brotli 11', unit: 'B', ours: wasm.brotli, peer: null },
  {
    id: 'size.wasm_node.gzip',
    figure: 'runtime `.wasm`, Node build (`node/`, built for speed; the web build above is the one a browser downloads), gzip -9',
    unit: 'B',
    ours: wasmNode.gzip,
    peer: null,
    note: `raw ${wasmNode.raw.toLocaleString('en')} B, brotli ${wasmNode.brotli.toLocaleString('en')} B`,
  },
  {
    id: 'size.js_glue',
    figure: 'JS glue, web target (ESM), gzip -9',
    unit: 'B',
    ours: glueWeb.gzip,
    peer: null,
    note: `raw ${glueWeb.raw.toLocaleString('en')} B, brotli ${glueWeb.brotli.toLocaleString('en')} B; nodejs target (CJS): raw ${glueNode.raw.toLocaleString('en')} B, gzip ${glueNode.gzip.toLocaleString('en')} B`,
  },
  {
    id: 'size.forms',
    figure: `built-in forms, precompiled, ${formFiles.length} modules \`forms/<id>@<version>.js\` together (loaded form by form, not in the \`.wasm\`), gzip -9 each`,
    unit: 'B',
    ours: forms.gzip,
    peer: null,
    note: `raw ${forms.raw.toLocaleString('en')} B, brotli ${forms.brotli.toLocaleString('en')} B`,
  },
];

mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'size.json'),
  `${JSON.stringify(
    {
      part: 'size',
      tool: `node bench/size.mjs ${pkg} (node:zlib gzip level 9, brotli quality 11)`,
      versions: { node: process.versions.node, '@goplasmatic/datalogic': peerVersion },
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log(
  `size: wasm ${wasm.raw} B raw, ${wasm.gzip} B gzip, ${wasm.brotli} B brotli; @goplasmatic/datalogic ${peer.gzip} B gzip → ${join(out, 'size.json')}`,
);
