// Type-checked by `tsc -p tests/js/tsconfig.json` (make test-types): the public API as a
// web form or a journal system would use it, and a compile-time proof that no export of
// either target has `any` in its parameters or result.
import init, * as web from "../../wasm/pkg/web/trygg_wasm.js";
import type { TryggError, TryggLogicError } from "../../wasm/pkg/web/trygg_wasm.js";
import * as node from "../../wasm/pkg/node/trygg_wasm.js";

type IsAny<T> = 0 extends 1 & T ? true : false;
type ParamsHaveAny<A extends unknown[]> = true extends { [K in keyof A]: IsAny<A[K]> }[number] ? true : false;
type HasAny<F> = IsAny<F> extends true
  ? true
  : F extends (...args: infer A) => infer R
    ? IsAny<R> extends true
      ? true
      : ParamsHaveAny<A>
    : false;
/** The names of the exports with `any` in them (`never` when there are none). */
type AnyExports<M> = { [K in keyof M]: HasAny<M[K]> extends true ? K : never }[keyof M];

// A compile error names the offending export if one appears.
const webHasNoAny: [AnyExports<typeof web>] extends [never] ? true : AnyExports<typeof web> = true;
const nodeHasNoAny: [AnyExports<typeof node>] extends [never] ? true : AnyExports<typeof node> = true;
// The check itself can fail: a function with `any` is caught.
declare const sloppy: { f(x: any): string; g(): any; h(x: string): string };
const caught: AnyExports<typeof sloppy> = "f";
const caughtToo: AnyExports<typeof sloppy> = "g";

function isTryggError(e: unknown): e is TryggError {
  return e instanceof Error && typeof (e as Partial<TryggError>).code === "string";
}

export async function inTheBrowser(wasmUrl: URL): Promise<string> {
  await init({ module_or_path: wasmUrl });
  const version: string = web.engineVersion();
  try {
    const canonical: string = web.canonicalJson('{"b": 1, "a": 2}');
    const hash: `sha256:${string}` | string = web.contentHash(canonical);
    return `${version} ${canonical} ${hash}`;
  } catch (e: unknown) {
    if (isTryggError(e)) {
      const where: string = e.path === "" ? "the document" : e.path;
      return `${e.code} at ${where}: ${e.message}`;
    }
    throw e;
  }
}

/** Try a skip-logic rule as a form editor would, reporting where it is wrong. */
export function tryRule(rule: object, answers: Record<string, string | number | boolean>): boolean | string {
  try {
    const result: string = web.evaluateLogic(JSON.stringify(rule), JSON.stringify({ answers }));
    return JSON.parse(result) === true;
  } catch (e: unknown) {
    if (isTryggError(e)) {
      const logic: TryggLogicError = e;
      return `${logic.code} ${logic.type ?? "(not JSON)"} at ${logic.path}${logic.value === undefined ? "" : ` ${logic.value}`}`;
    }
    throw e;
  }
}

export function inNode(text: string): string {
  return node.canonicalJson(text) + node.contentHash(text) + node.engineVersion() + node.evaluateLogic(text, "null");
}

export const checks = [webHasNoAny, nodeHasNoAny, caught, caughtToo];
