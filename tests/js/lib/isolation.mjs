// What a trygg .wasm module may import: wasm-bindgen's own glue and nothing that reaches
// the network, storage, a clock or randomness.

/** Modules wasm-bindgen's glue provides imports under (web, nodejs and bundler targets). */
export const GLUE_MODULES = new Set(['wbg', './trygg_wasm_bg.js', '__wbindgen_placeholder__']);

/** Matched as whole words of an import name (split at `_` and camelCase boundaries). */
const FORBIDDEN_WORDS = new Set(['date', 'now', 'time', 'timeout', 'interval', 'random', 'crypto', 'performance', 'clock', 'fetch', 'request', 'socket', 'storage', 'cookie', 'worker', 'navigator', 'location', 'eval', 'function', 'import', 'require', 'process', 'fs', 'env', 'console', 'log']);
/** Matched anywhere in the lower-cased name. */
const FORBIDDEN_SUBSTRINGS = ['fetch', 'xmlhttprequest', 'websocket', 'localstorage', 'sessionstorage', 'indexeddb', 'cookie', 'crypto', 'random', 'performance', 'date', 'clock', 'sendbeacon', 'eventsource', 'rtcpeer', 'broadcastchannel', 'settimeout', 'setinterval', 'getrandomvalues', 'hrtime'];

export function words(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Problems with a module's import list ([] when it is only wasm-bindgen glue). */
export function importProblems(imports) {
  const problems = [];
  for (const { module, name, kind } of imports) {
    const where = `${module} :: ${name} (${kind})`;
    if (!GLUE_MODULES.has(module)) problems.push(`${where}: not wasm-bindgen glue`);
    if (!/^__wbg_|^__wbindgen_/.test(name)) problems.push(`${where}: not a wasm-bindgen import name`);
    if (kind !== 'function') problems.push(`${where}: imports a ${kind}, not a function`);
    // wasm-bindgen names imports __wbg_<js name>_<hash>: judge the js name's words.
    const jsName = name.replace(/^__wbg_/, '').replace(/_[0-9a-f]{16}$/, '');
    const bad = words(jsName).filter((w) => FORBIDDEN_WORDS.has(w));
    const lower = jsName.toLowerCase();
    bad.push(...FORBIDDEN_SUBSTRINGS.filter((s) => lower.includes(s)));
    if (bad.length) problems.push(`${where}: suggests ${[...new Set(bad)].join(', ')}`);
  }
  return problems;
}
