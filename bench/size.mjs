// Size of the runtime module and its JS glue (issue 8, item 4) → target/bench/size.json.
// Usage: node bench/size.mjs [wasm/pkg] [target/bench]   (after `make wasm`)
//
// The same measures as `make size` (tests/js/size.mjs): raw bytes, gzip -9, brotli quality 11,
// all with Node's zlib. The runtime module is the same file for both targets (web = node).
// Peer: datalogic-rs's WASM build is quoted in issue 8 at 409 KB gzipped; it cannot be
// downloaded here, so it is given only as a quoted figure in a note, never as a measured peer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pkg = process.argv[2] ?? 'wasm/pkg';
const out = process.argv[3] ?? join(process.env.CARGO_TARGET_DIR ?? 'target', 'bench');

function sizes(file) {
  const bytes = readFileSync(join(pkg, file));
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
const glueWeb = sizes('web/trygg_wasm.js');
const glueNode = sizes('node/trygg_wasm.js');
const forms = sizes('forms/index.js');

const figures = [
  { id: 'size.wasm.raw', figure: 'runtime `.wasm`, raw', unit: 'B', ours: wasm.raw, peer: null },
  {
    id: 'size.wasm.gzip',
    figure: 'runtime `.wasm`, gzip -9',
    unit: 'B',
    ours: wasm.gzip,
    peer: null,
    note: 'peer for scale, quoted in issue 8 and not measured here: datalogic-rs WASM build 409 KB gzipped',
  },
  { id: 'size.wasm.brotli', figure: 'runtime `.wasm`, brotli 11', unit: 'B', ours: wasm.brotli, peer: null },
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
    figure: 'built-in forms module `forms/index.js` (imported by the glue, not in the `.wasm`), gzip -9',
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
      versions: { node: process.versions.node },
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log(`size: wasm ${wasm.raw} B raw, ${wasm.gzip} B gzip, ${wasm.brotli} B brotli → ${join(out, 'size.json')}`);
