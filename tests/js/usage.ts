// Type-checked by `tsc -p tests/js/tsconfig.json` (make test-types): the public API as a
// web form or a journal system would use it, and a compile-time proof that no export of
// either target has `any` in its parameters or result.
import init, * as web from "../../wasm/pkg/web/trygg_wasm.js";
import type {
  TryggError, TryggLogicError, TryggErrorDetail, FormInfo, FormRef, Response, Outcome, FamilySummary,
  Changes, Progress, RenderForm, RenderItem, AnswerValue, JsonValue, SessionInit, Offer, Problem,
  VersionComparison, OutcomeChange, ScaleChange, FindingResult, OfferResult, Action, Completeness,
  ProgrammeEvaluation, PlanEntry, Explanation, Reason,
} from "../../wasm/pkg/web/trygg_wasm.js";
import type * as nodeTypes from "../../wasm/pkg/node/trygg_wasm.js";
import * as node from "../../wasm/pkg/node/trygg_wasm.js";
import * as authoring from "../../wasm/pkg/authoring/web/trygg_wasm.js";
import * as phq9 from "../../wasm/pkg/forms/phq-9@1.0.0.js";
import { forms as builtin, type BuiltinForm } from "../../wasm/pkg/forms/index.js";
import { definitions } from "../../wasm/pkg/forms/definitions.js";

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
const authoringHasNoAny: [AnyExports<typeof authoring>] extends [never] ? true : AnyExports<typeof authoring> = true;
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

// Classes: no method of Engine or Session may have `any` either.
const engineHasNoAny: [AnyExports<web.Engine>] extends [never] ? true : AnyExports<web.Engine> = true;
const sessionHasNoAny: [AnyExports<web.Session>] extends [never] ? true : AnyExports<web.Session> = true;
const nodeEngineHasNoAny: [AnyExports<nodeTypes.Engine>] extends [never] ? true : AnyExports<nodeTypes.Engine> = true;
const nodeSessionHasNoAny: [AnyExports<nodeTypes.Session>] extends [never] ? true : AnyExports<nodeTypes.Session> = true;
const staticsHaveNoAny: [AnyExports<typeof web.Engine>] extends [never] ? true : AnyExports<typeof web.Engine> = true;

/** The runtime module loads forms compiled ahead of time, one version at a time; the
 * authoring build compiles a definition and writes its precompiled text. */
export function precompiledForms(): FormInfo[] {
  const engine = new web.Engine();
  const info: FormInfo = engine.loadPrecompiled(phq9.precompiled);
  for (const pack of phq9.textPacks) engine.loadTextPack(pack);
  const first: BuiltinForm | undefined = builtin[0];
  if (first !== undefined && first.id !== info.id) engine.loadPrecompiled(first.precompiled);
  const studio = new authoring.Engine();
  const def: string | undefined = definitions[0];
  if (def !== undefined) {
    const loaded: FormInfo = studio.loadForm(def);
    const text: string = studio.precompiled(`${loaded.id}@${loaded.version}`);
    engine.loadPrecompiled(text);
  }
  const all: FormInfo[] = engine.forms();
  studio.free();
  engine.free();
  return all;
}

/** The studio's uptake report of a programme over records made in the tab (authoring build). */
export function uptakeReport(definition: string): string {
  const studio = new authoring.Engine();
  const options: authoring.ProgrammeSynthOptions = { n: 50, seed: 7, year: 2025 };
  const records: string = studio.programmeSynth(definition, options);
  const report: authoring.ProgrammeReportOptions = { format: "markdown", period: "year", suppressBelow: 5, asOf: "2026-12-31" };
  const markdown: string = studio.programmeReport([definition], "rinkeby-model", records, report);
  studio.free();
  return markdown;
}

/** A web form: one call per user action, texts in the parent's language. */
export async function webForm(wasmUrl: URL, locale: string): Promise<Outcome> {
  await init({ module_or_path: wasmUrl });
  const engine: web.Engine = web.Engine.withBuiltinForms();
  const info: FormInfo = engine.formForCheckup(50);
  const ref: FormRef = { id: info.id, version: info.version };
  const init2: SessionInit = { respondent: { id: "parent-1", attributes: { sex: "female" } }, context: { locale, childAgeDays: 50 } };
  const session: web.Session = engine.session(ref, init2);
  const form: RenderForm = session.items(locale);
  const dir: "rtl" | "ltr" = form.rtl ? "rtl" : "ltr";
  const first: RenderItem | undefined = form.items.find((i) => i.visible && i.type !== "display");
  const sections: [string, string][] = form.sections;
  if (first !== undefined) {
    const value: AnswerValue = first.type === "boolean" ? true : first.options[0]?.value ?? "";
    const changes: Changes = session.set(first.id, value);
    const shown: string[] = changes.shown;
    const problem: Problem | null = changes.problem;
    const left: number = changes.progress.requiredLeft;
    void [shown, problem, left, dir, sections];
    session.decline(first.id);
    session.set(first.id, null);
  }
  const progress: Progress = session.progress();
  const stored: Response = session.response();
  const text: string = session.outcomeJson();
  const outcome: Outcome = session.outcome();
  session.free();
  engine.free();
  void [progress, stored, text];
  return outcome;
}

/** A journal system: load its forms, score stored responses, summarise a family. */
export function journal(formJson: string, packJson: string, responses: Response[]): string {
  const engine = new node.Engine();
  engine.allowDrafts(false);
  try {
    const info: FormInfo = engine.loadForm(formJson);
    engine.loadForm(JSON.parse(formJson) as object);
    engine.loadTextPack(packJson);
    const all: FormInfo[] = engine.forms();
    const first: Response | undefined = responses[0];
    if (first === undefined) return `${info.id}: no responses`;
    const outcome: Outcome = engine.evaluate(`${info.id}@${info.version}`, first);
    const bytes: string = engine.evaluateJson(info.id, JSON.stringify(first));
    const summary: FamilySummary = engine.evaluateFamily(info.id, responses);
    const summaryBytes: string = engine.evaluateFamilyJson(info.id, responses);
    const mine: Outcome = engine.viewFor(info.id, responses, "parent-1");
    const mineBytes: string = engine.viewForJson(info.id, responses, "parent-1");
    const offers: Offer[] = summary.offers;
    const who: string[] = summary.offers.flatMap((o) => o.respondents);
    const alone: boolean = summary.offers.some((o) => o.private === true);
    const why: Explanation = engine.explain(info.id, first, "sv");
    const whyBytes: string = engine.explainJson(info.id, first, "en", false);
    const whyText: string = engine.explainText(info.id, first, "sv");
    const reasons: Reason[] = why.findings.flatMap((f) => f.reasons);
    const answered: (string | null)[] = reasons.map((r) => (r.kind === "answer" ? r.answer : null));
    const urgent: boolean = outcome.actions.some((a) => a.action === "same-day-contact");
    const cmp: VersionComparison = engine.compareVersions(`${info.id}@${info.version}`, { id: info.id }, first);
    const cmpBytes: string = engine.compareVersionsJson(info.id, info.id, JSON.stringify(first));
    const change: OutcomeChange = cmp.change;
    const before: Outcome = cmp.from;
    const after: Outcome = cmp.to;
    const dropped: string[] = [...cmp.dropped, ...cmp.droppedFrom];
    const lost: FindingResult[] = change.findingsRemoved;
    const gained: OfferResult[] = change.offersAdded;
    const urgentNow: Action[] = change.actionsAdded;
    const moved: ScaleChange[] = change.scales.filter((s) => s.before !== s.after);
    const done: [Completeness, Completeness] | undefined = change.completeness;
    void [cmpBytes, before, after, dropped, lost, gained, urgentNow, moved, done, change.findingsAdded, change.offersRemoved, change.actionsRemoved];
    const logic: JsonValue = engine.evaluateLogic({ ">=": [{ var: "x" }, 3] }, { x: 4 });
    const programme: object = { id: "example", version: "1.0.0" };
    const family = { referenceDate: "2026-04-01", family: { firstChild: true, area: "A" }, child: { birthDate: "2026-01-15" } };
    const plan: ProgrammeEvaluation = engine.evaluateProgramme(programme, family);
    const planBytes: string = engine.evaluateProgrammeJson(JSON.stringify(programme), JSON.stringify(family));
    const due: PlanEntry[] = plan.plan.filter((e) => e.status === "due");
    const enrol: Offer | undefined = plan.offer;
    void [planBytes, due, enrol, plan.eligible, plan.reason["sv"]];
    return [all.length, bytes, summaryBytes, mine.completeness, mineBytes, offers.length, who, urgent, alone, whyBytes, whyText, answered, logic].join(" ");
  } catch (e: unknown) {
    if (isTryggError(e)) {
      const details: TryggErrorDetail[] = e.errors ?? [];
      return details.map((d) => `${d.code} at ${d.path}: ${d.message}`).join("\n") || `${e.code} at ${e.path}`;
    }
    throw e;
  } finally {
    engine.free();
  }
}

export const checks = [webHasNoAny, nodeHasNoAny, authoringHasNoAny, caught, caughtToo, engineHasNoAny, sessionHasNoAny, nodeEngineHasNoAny, nodeSessionHasNoAny, staticsHaveNoAny];
