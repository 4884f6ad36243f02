// Writes the package entry points that sit in front of wasm-bindgen's glue:
//   node <dir>  → <dir>/index.js (CommonJS, nodejs target)
//   web <dir>   → <dir>/index.js (ES module, web target)
// plus index.d.ts re-exporting the glue's types.
//
// Why: the runtime module is built with panic = "abort". After an internal error (a panic,
// a trap, a stack overflow) its instance can no longer be trusted and every later call
// throws `internal.poisoned`. The entry points keep the call that failed a clear Error and
// give every later top-level call and every new `Engine` a fresh instance of the module
// (Node: the glue required again; browser: a spare instance prepared in the background after
// `init`, swapped in synchronously). Objects made by the broken instance keep throwing
// `internal.poisoned`.
//
// They also refuse, as a TypeError with code `json.not_representable` and the JSON pointer,
// JS values JSON cannot carry (NaN, ±Infinity, undefined inside an object or array,
// functions, symbols, BigInt) instead of letting JSON.stringify turn them into null or drop
// them (an answer of NaN silently "unanswered").
//
// The export list is read from the glue at build time, so the entry points stay in step
// with the Rust exports.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [target, dir] = process.argv.slice(2);
if (!['node', 'web'].includes(target) || !dir) {
  console.error('usage: node wrap.mjs node|web <dir>');
  process.exit(2);
}

const glue = readFileSync(join(dir, 'trygg_wasm.js'), 'utf8');
const names = [];
for (const m of glue.matchAll(/^export (?:class|function) ([A-Za-z_$][\w$]*)/gm)) names.push(m[1]);
for (const m of glue.matchAll(/^exports\.([A-Za-z_$][\w$]*) = /gm)) names.push(m[1]);
const classes = names.filter((n) => /^[A-Z]/.test(n));
const functions = names.filter((n) => !/^[A-Z]/.test(n) && !n.startsWith('__'));
if (!classes.includes('Engine') || !functions.includes('evaluateLogic')) {
  throw new Error(`${dir}: unexpected glue exports ${names.join(', ')}`);
}

// Shared by both targets: argument checks, fatal-error detection, patching a glue module.
const common = String.raw`
const CLASSES = ${JSON.stringify(classes)};

function notRepresentable(path, what) {
  // The pointer names the caller's keys: quoted as the engine quotes input (80 characters, …).
  const chars = Array.from(path);
  const shown = chars.length > 80 ? chars.slice(0, 80).join('') + '\u2026' : path;
  const e = new TypeError('json.not_representable: ' + what + ' at "' + shown + '" cannot be written as JSON');
  e.code = 'json.not_representable';
  e.path = path;
  return e;
}

function checkValue(v, path, top, parents) {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw notRepresentable(path, String(v));
      return;
    case 'undefined':
      if (!top) throw notRepresentable(path, 'undefined');
      return;
    case 'function':
      throw notRepresentable(path, 'a function');
    case 'symbol':
      throw notRepresentable(path, 'a symbol');
    case 'bigint':
      throw notRepresentable(path, 'a BigInt');
    case 'object': {
      // null, a cycle (JSON.stringify reports it), or an object with its own toJSON.
      if (v === null || parents.includes(v) || typeof v.toJSON === 'function') return;
      if (parents.length > 256) return; // too deep: the engine's depth limit reports it
      parents.push(v);
      if (Array.isArray(v)) {
        v.forEach((x, i) => checkValue(x, path + '/' + i, false, parents));
      } else {
        for (const k of Object.keys(v)) {
          checkValue(v[k], path + '/' + k.replace(/~/g, '~0').replace(/\//g, '~1'), false, parents);
        }
      }
      parents.pop();
      return;
    }
    default:
      return;
  }
}

function checkArgs(args) {
  for (const a of args) checkValue(a, '', true, []);
}

// An error after which the instance cannot be trusted.
function isFatal(e) {
  return (
    e?.code === 'internal.panic' ||
    e?.code === 'internal.poisoned' ||
    e instanceof WebAssembly.RuntimeError ||
    (e instanceof RangeError && /call stack/i.test(e.message))
  );
}

// The error the caller sees for the call that failed: internal errors keep theirs; a trap
// or a stack overflow becomes a coded Error instead of an opaque RuntimeError.
function clear(e) {
  if (e?.code) return e;
  const err = new Error('internal.trap: the engine stopped (' + e?.message + '); the next call uses a fresh instance');
  err.code = 'internal.trap';
  err.path = '';
  return err;
}

let stale = false;

function guard(fn) {
  return function (...args) {
    checkArgs(args);
    try {
      return fn.apply(this, args);
    } catch (e) {
      if (isFatal(e)) {
        stale = true;
        throw clear(e);
      }
      throw e;
    }
  };
}

// Wrap every method and static of the glue's classes (once per loaded glue module).
function patch(m) {
  for (const name of CLASSES) {
    const C = m[name];
    if (!C || C.__tryggPatched) continue;
    for (const k of Object.getOwnPropertyNames(C.prototype)) {
      const d = Object.getOwnPropertyDescriptor(C.prototype, k);
      if (k === 'constructor' || k.startsWith('__') || typeof d.value !== 'function') continue;
      C.prototype[k] = guard(d.value);
    }
    for (const k of Object.getOwnPropertyNames(C)) {
      if (['length', 'name', 'prototype'].includes(k) || k.startsWith('__') || typeof C[k] !== 'function') continue;
      C[k] = guard(C[k]);
    }
    Object.defineProperty(C, '__tryggPatched', { value: true });
  }
  return m;
}

const generations = [];

// A stable class: 'new Engine()' builds on the current instance; statics follow it too.
function wrapClass(name, first) {
  const W = function (...args) {
    if (!new.target) throw new TypeError('Class constructor ' + name + " cannot be invoked without 'new'");
    checkArgs(args);
    try {
      return new (load()[name])(...args);
    } catch (e) {
      if (isFatal(e)) {
        stale = true;
        throw clear(e);
      }
      throw e;
    }
  };
  Object.defineProperty(W, 'name', { value: name });
  for (const k of Object.getOwnPropertyNames(first[name])) {
    if (['length', 'name', 'prototype'].includes(k) || k.startsWith('__') || typeof first[name][k] !== 'function') continue;
    W[k] = (...args) => load()[name][k](...args);
  }
  Object.defineProperty(W, Symbol.hasInstance, { value: (x) => generations.some((g) => x instanceof g[name]) });
  return W;
}
`;

const header = `// Generated by wasm/npm/wrap.mjs at build time; see that file for why this exists.\n`;

if (target === 'node') {
  const body = String.raw`'use strict';
${common}
const GLUE = require.resolve('./trygg_wasm.js');
let current = null;

function fresh() {
  delete require.cache[GLUE];
  const m = patch(require(GLUE));
  for (const name of ${JSON.stringify(functions)}) m['__guarded_' + name] = guard(m[name]);
  generations.push(m);
  return m;
}

function load() {
  if (current === null || stale) {
    stale = false;
    current = fresh();
  }
  return current;
}

const first = load();
${classes.map((c) => `exports.${c} = wrapClass('${c}', first);`).join('\n')}
${functions.map((f) => `exports.${f} = (...args) => load()['__guarded_${f}'](...args);`).join('\n')}
`;
  writeFileSync(join(dir, 'index.js'), header + body);
} else {
  const body = String.raw`${common}
import glueInit, * as glue0 from './trygg_wasm.js';

let compiled = null;
let current = null;
let spare = null;
let preparing = null;
let instances = 0;

function guardFunctions(m) {
  const out = { ...m };
  for (const name of ${JSON.stringify(functions)}) out['__guarded_' + name] = guard(m[name]);
  return out;
}

async function compile(input) {
  let src = input;
  if (src !== undefined && src !== null && Object.getPrototypeOf(src) === Object.prototype) src = src.module_or_path;
  if (src === undefined) src = new URL('trygg_wasm_bg.wasm', import.meta.url);
  if (src instanceof WebAssembly.Module) return src;
  if (typeof src === 'string' || src instanceof URL || (typeof Request === 'function' && src instanceof Request)) src = fetch(src);
  src = await src;
  if (typeof Response === 'function' && src instanceof Response) src = await src.arrayBuffer();
  return WebAssembly.compile(src);
}

// Prepare the next instance in the background: a fresh copy of the glue module (its own
// memory and state), instantiated from the module compiled once.
function prepareSpare() {
  if (preparing || spare || compiled === null) return;
  instances += 1;
  preparing = (async () => {
    const g = await import(new URL('./trygg_wasm.js?instance=' + instances, import.meta.url).href);
    await g.default({ module_or_path: compiled });
    return guardFunctions(patch(g));
  })().then(
    (g) => {
      spare = g;
      preparing = null;
    },
    () => {
      preparing = null;
    },
  );
}

function load() {
  if (current === null) {
    const e = new Error('internal.not_initialised: call init() (the default export) first');
    e.code = 'internal.not_initialised';
    e.path = '';
    throw e;
  }
  if (stale) {
    if (spare === null) {
      prepareSpare();
      const e = new Error('internal.recovering: the engine is being instantiated again after an internal error; retry shortly');
      e.code = 'internal.recovering';
      e.path = '';
      throw e;
    }
    current = spare;
    spare = null;
    stale = false;
    generations.push(current);
    prepareSpare();
  }
  return current;
}

/** Instantiate the module (as the glue's default export), and prepare a spare instance. */
export default async function init(input) {
  if (current !== null) return;
  compiled = await compile(input);
  await glueInit({ module_or_path: compiled });
  current = guardFunctions(patch(glue0));
  generations.push(current);
  prepareSpare();
}

/** The glue's initSync; a spare instance is prepared in the background. */
export function initSync(module) {
  if (current !== null) return;
  let m = module;
  if (m !== undefined && m !== null && Object.getPrototypeOf(m) === Object.prototype) m = m.module;
  if (!(m instanceof WebAssembly.Module)) m = new WebAssembly.Module(m);
  glue0.initSync({ module: m });
  compiled = m;
  current = guardFunctions(patch(glue0));
  generations.push(current);
  prepareSpare();
}

${classes.map((c) => `export const ${c} = wrapClass('${c}', glue0);`).join('\n')}
${functions
  .filter((f) => f !== 'initSync')
  .map((f) => `export const ${f} = (...args) => load()['__guarded_${f}'](...args);`)
  .join('\n')}
`;
  writeFileSync(join(dir, 'index.js'), header + body);
}

writeFileSync(
  join(dir, 'index.d.ts'),
  `// Generated by wasm/npm/wrap.mjs: the entry point has the glue's API.\nexport * from './trygg_wasm.js';\n` +
    (target === 'web' ? `export { default } from './trygg_wasm.js';\n` : ''),
);
