// The FHIR vectors (tests/vectors/fhir/*.json) for the JS runners: the glue-less host
// (hosts/node-plain) and the wasm-bindgen module in Node. Mirrors
// tests/native/src/fhir.rs::run_case: ids, order, results-line format
// (`<stem>/<name>\t<text>` or `\t!code\tpath`, and `<id>/bundle` for a response).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TESTS, jsonFiles } from './vectors.mjs';

/** Every FHIR vector file as { stem, cases }, in byte order of the file names. */
export function fhirFiles() {
  return jsonFiles(join(TESTS, 'vectors', 'fhir')).map((file) => ({
    stem: file.slice(file.lastIndexOf('/') + 1, -'.json'.length),
    cases: JSON.parse(readFileSync(file, 'utf8')).cases,
  }));
}

/**
 * Run every case through `api` ({ exportFhir(ref), importFhir(text), evaluateFhir(text, qs),
 * fhirBundle(text, qs) }, each returning canonical JSON text or throwing an error with
 * `code` and `path`): { lines, failures }.
 */
export function runFhir(api, files = fhirFiles()) {
  const lines = [];
  const failures = [];
  const attempt = (call) => {
    try {
      return `${call()}`;
    } catch (e) {
      if (typeof e?.code !== 'string') throw e;
      return `!${e.code}\t${e.path ?? ''}`;
    }
  };
  const want = (c, ok, bad) => (ok in c ? c[ok] : `!${c[bad].code}\t${c[bad].path ?? ''}`);
  const push = (id, got, expected) => {
    lines.push(`${id}\t${got}\n`);
    if (got !== expected) failures.push(id);
  };
  for (const { stem, cases } of files) {
    for (const c of cases) {
      const id = `${stem}/${c.name}`;
      if ('export' in c) {
        push(id, attempt(() => api.exportFhir(c.export)), want(c, 'expect', 'error'));
      } else if ('import' in c) {
        push(id, attempt(() => api.importFhir(JSON.stringify(c.import))), want(c, 'expect', 'error'));
      } else {
        const response = JSON.stringify(c.response);
        const qs = 'questionnaires' in c ? JSON.stringify(c.questionnaires) : '';
        push(id, attempt(() => api.evaluateFhir(response, qs)), want(c, 'expect', 'error'));
        push(`${id}/bundle`, attempt(() => api.fhirBundle(response, qs)), want(c, 'bundle', 'bundleError'));
      }
    }
  }
  return { lines: lines.join(''), failures };
}
