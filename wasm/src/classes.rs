//! The JS classes `Engine` and `Session`: conversions at the boundary only.
//!
//! JS values come in as JSON text (a string argument that stands for a document is taken
//! as JSON text; an object is `JSON.stringify`'d), the calls are those of
//! [`crate::engine`], and structured results go back out through `JSON.parse` of the
//! engine's JSON — canonical JSON for outcomes, so the `*Json` variants return the very
//! text the object was parsed from. Imports are JS built-ins (`JSON`) and the package's
//! own built-in forms module: nothing that reaches the network, storage or a clock.

use crate::{guard, js_error, to_js};

// FHIR R4 / SDC methods of `Engine` (feature `fhir`): a child module, so it reaches the
// engine's core.
#[cfg(feature = "fhir")]
#[path = "fhir.rs"]
mod fhir;
use trygg_host::engine::{EngineCore, FormRefArg, SessionCore};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A form: `"id@version"`, `"id"` (the highest active version), or `{ id, version? }`. */
export type FormRef = string | { id: string; version?: string };
export type FormStatus = "draft" | "pilot" | "active" | "retired";
export type RespondentMode = "single" | "each-parent";

/** A loaded form version. */
export interface FormInfo {
  id: string;
  version: string;
  status: FormStatus;
  /** `"sha256:<hex>"` of the definition's canonical JSON. */
  hash: string;
  /** The check-up window `[minAgeDays, maxAgeDays]`, or `null`. */
  checkup: [number, number] | null;
  locales: string[];
  unverifiedLocales: string[];
  /** The title in each of the form's locales. */
  title: Record<string, string>;
  respondent: RespondentMode;
}

/** An answer: a boolean, an option value, option values (multi), a number, text, a
 * `YYYY-MM-DD` date, or `{ declined: true }`. */
export type AnswerValue = boolean | number | string | string[] | { declined: true };

export interface Respondent {
  /** e.g. `"parent-1"`; required in a family. */
  id?: string;
  /** e.g. `{ sex: "female" }`, as the form's `attributes` allow. */
  attributes?: Record<string, string>;
}

export interface Context {
  childAgeDays?: number;
  locale?: string;
  profile?: string;
  [key: string]: JsonValue | undefined;
}

/** One respondent's answers, as a journal system stores them. */
export interface Response {
  form?: string;
  version?: string;
  respondent?: Respondent;
  context?: Context;
  answers?: Record<string, AnswerValue>;
}

export interface SessionInit {
  respondent?: Respondent;
  context?: Context;
}

export type Completeness = "complete" | "incomplete" | "invalid";
export type Severity = "info" | "positive" | "urgent";
export type ReferralTo = "adult-psychiatry" | "addiction-care" | "economic-support" | "womens-shelter" | "voluntary-organisation" | "social-services" | "child-psychiatry" | "family-counselling";
export type Action = "same-day-contact" | "consider-report-of-concern";
export type Offer =
  | { kind: "bvc-talk"; socialServices: boolean }
  | { kind: "home-visit"; socialServices: boolean }
  | { kind: "referral"; to: ReferralTo }
  | { kind: "written-info"; topic: string }
  | { kind: "programme-enrolment"; programme: string; version: string };

/** Which form version produced an outcome. */
export interface FormVersion { id: string; version: string; hash: string; }

/** A located problem with a response or an answer. */
export interface Problem {
  code: string;
  /** JSON pointer into the response. */
  path: string;
  item?: string;
  message: string;
}

export interface Ignored { item: string; reason: string; }

export interface CutoffResult { profile: string; value: number; reached: boolean | null; }

export interface ScaleResult {
  id: string;
  value: number | null;
  band: string | null;
  answered: number;
  missing: number;
  hidden: number;
  handling: "complete" | "answered-only" | "prorated" | "invalid" | "not-applicable";
  cutoff?: CutoffResult;
}

export interface Because { when: JsonValue; read: Record<string, JsonValue>; }
export interface FindingResult { id: string; domain: string; severity: Severity; because: Because; }
export interface RuleFired { rule: string; findings: string[]; read: Record<string, JsonValue>; }
/** `private: true` when the offer is held with the respondent alone (absent otherwise). */
export type OfferResult = Offer & { private?: true; because: RuleFired[] };
export interface ActionResult { action: Action; because: RuleFired[]; }

/** The outcome of one response (`JSON.parse` of its canonical JSON). */
export interface Outcome {
  form: FormVersion;
  engine: string;
  respondent: string | null;
  profile: string | null;
  locale: string;
  completeness: Completeness;
  problems: Problem[];
  ignored: Ignored[];
  scales: ScaleResult[];
  findings: FindingResult[];
  offers: OfferResult[];
  actions: ActionResult[];
}

/** A scale whose value differs between two outcomes (or that exists in one only). */
export interface ScaleChange {
  id: string;
  /** `null` when invalid, not applicable or not in that version. */
  before: number | null;
  after: number | null;
}

/** How one response's outcome differs between two form versions (`from` → `to`). */
export interface OutcomeChange {
  /** `[from, to]`, only when completeness changed. */
  completeness?: [Completeness, Completeness];
  /** Findings made only under `to` (with `to`'s reason). */
  findingsAdded: FindingResult[];
  /** Findings made only under `from`. */
  findingsRemoved: FindingResult[];
  offersAdded: OfferResult[];
  offersRemoved: OfferResult[];
  actionsAdded: Action[];
  actionsRemoved: Action[];
  scales: ScaleChange[];
}

/** One response scored under two form versions (`Engine.compareVersions`). */
export interface VersionComparison {
  /** The outcome under `from`, of the response carried over to it. */
  from: Outcome;
  /** The outcome under `to`, of the response carried over to it. */
  to: Outcome;
  /** Answered items `to` does not have: left out of the `to` side. */
  dropped: string[];
  /** Answered items `from` does not have: left out of the `from` side. */
  droppedFrom: string[];
  change: OutcomeChange;
}

/** A window of a plan entry: ages in days, and dates when the birth date is known. */
export interface DueWindow { fromAgeDays: number; toAgeDays: number; fromDate?: string; toDate?: string; }

/** One entry of a child's plan: a programme visit or a check-up questionnaire. */
export type PlanEntry =
  | { kind: "visit"; id: string; title: Record<string, string>; professions: string[]; joint: boolean;
      window: DueWindow; status?: "done" | "due" | "upcoming" | "missed"; done?: string | number }
  | { kind: "checkup"; form: string; version: string; window: DueWindow; status?: "due" | "upcoming" | "passed" };

/** One family against an extended home-visiting programme (`Engine.evaluateProgramme`). */
export interface ProgrammeEvaluation {
  engine: string;
  programme: { id: string; version: string; hash: string; status: FormStatus };
  eligible: boolean;
  criteria: { id: string; held: boolean; title: Record<string, string>; read: Record<string, JsonValue> }[];
  /** Why, per locale of the programme. */
  reason: Record<string, string>;
  offer?: Offer;
  area?: { code: string; name: string; designated: boolean };
  referenceDate?: string;
  childAgeDays: number | null;
  plan: PlanEntry[];
}

/** A private offer is never merged: it names its one respondent and has `private: true`. */
export type FamilyOffer = Offer & { private?: true; respondents: string[] };
export interface FamilyAction { action: Action; respondents: string[]; }

/** The clinician's summary of a family: every respondent's outcome, offers merged. */
export interface FamilySummary {
  form: FormVersion;
  engine: string;
  respondents: Outcome[];
  offers: FamilyOffer[];
  actions: FamilyAction[];
  completeness: Completeness;
}

/** An outcome's reasons in words (`Engine.explain`; see docs/explanation.md). */
export interface Explanation {
  form: FormVersion;
  respondent: string | null;
  locale: string;
  urgent: boolean;
  actions: { action: Action; text: string; urgent: true; rules: RuleExplained[] }[];
  findings: { id: string; severity: Severity; urgent: boolean; domain: string; title: string | null; reasons: Reason[] }[];
  offers: { offer: Offer; private?: true; urgent: boolean; text: string; rules: RuleExplained[] }[];
  scales: ScaleExplained[];
}
export interface RuleExplained {
  rule: string;
  title: string | null;
  findings: { id: string; title: string | null; urgent: boolean }[];
  reasons: Reason[];
}
export interface ScaleExplained {
  scale: string; text: string | null; value: number | null; band: string | null;
  bandText: string | null; cutoff: CutoffResult | null; handling: ScaleResult["handling"];
}
export type Reason =
  | { kind: "answer"; item: string; text: string | null; value: JsonValue; answer: string | null; score?: JsonValue }
  | ({ kind: "scale" } & ScaleExplained)
  | { kind: "finding"; id: string; title: string | null; made: boolean }
  | { kind: "respondent"; attribute: string; value: JsonValue }
  | { kind: "context"; key: string; value: JsonValue };

/** One of a form's own examples, run (`Engine.runExamples`). */
export interface ExampleRun {
  index: number;
  name: string;
  passed: boolean;
  /** Every mismatch (expected versus got, by id); empty when passed. */
  failures: string[];
  /** The response the example describes. */
  response: Response;
}

export interface Progress { answered: number; visible: number; requiredLeft: number; }

/** What one `Session.set` did. */
export interface Changes {
  /** Items that became visible, in form order. */
  shown: string[];
  /** Items that became hidden (their answers are kept but ignored). */
  hidden: string[];
  /** The changed item's problem, when its new answer is invalid. */
  problem: Problem | null;
  progress: Progress;
}

export type ItemType = "boolean" | "choice" | "multi" | "integer" | "number" | "text" | "date" | "display";
export interface RenderOption { value: string; text: string; }
export interface RenderBounds { min?: number | string; max?: number | string; maxLength?: number; minSelected?: number; maxSelected?: number; }

export interface RenderItem {
  id: string;
  type: ItemType;
  section: string | null;
  visible: boolean;
  required: boolean;
  declinable: boolean;
  text: string;
  help: string | null;
  /** The locale `text` is in (differs from the asked one after a fallback). */
  lang: string;
  options: RenderOption[];
  bounds: RenderBounds;
  /** The current answer as given (also when invalid), or `null`. */
  answer: JsonValue;
  problem: Problem | null;
}

/** The form ready to render in one locale. */
export interface RenderForm {
  id: string;
  version: string;
  locale: string;
  rtl: boolean;
  unverified: boolean;
  title: string;
  /** `[id, title]` in form order. */
  sections: [string, string][];
  items: RenderItem[];
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

// The built-in forms: a JS module generated by `make wasm` beside each target's glue
// (`trygg_forms.js`: every shipped form version compiled ahead of time, one module per
// version under the package's forms/), imported by the glue — never fetched, never in the
// .wasm.
#[wasm_bindgen(raw_module = "./trygg_forms.js")]
extern "C" {
    #[wasm_bindgen(js_name = builtinForms)]
    fn builtin_forms() -> Vec<String>;

    #[wasm_bindgen(js_name = builtinTextPacks)]
    fn builtin_text_packs() -> Vec<String>;
}

/// `JSON.stringify(value)`; `undefined` (and functions) become `null`.
fn stringify(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".to_string());
    }
    match json_stringify(value) {
        Ok(text) => Ok(text.as_string().unwrap_or_else(|| "null".to_string())),
        Err(_) => Err(js_error(
            "json.invalid",
            "",
            "json.invalid: the value cannot be written as JSON (a cycle or a BigInt)",
        )),
    }
}

/// A document argument: a string is JSON text, anything else is `JSON.stringify`'d.
pub(crate) fn document(value: &JsValue) -> Result<String, JsValue> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => stringify(value),
    }
}

/// JSON text (made by the engine) to a JS value.
pub(crate) fn parse(text: &str) -> Result<JsValue, JsValue> {
    json_parse(text).map_err(|_| {
        js_error(
            "internal.json",
            "",
            "internal.json: the engine produced text JSON.parse refused (a bug)",
        )
    })
}

pub(crate) fn form_ref(value: &JsValue) -> Result<FormRefArg, JsValue> {
    match value.as_string() {
        Some(s) => Ok(FormRefArg::from_str_ref(&s)),
        None => FormRefArg::from_json(&stringify(value)?).map_err(to_js),
    }
}

/// Every error of a document: thrown as the first one, with all of them in `errors`.
pub(crate) fn errors_to_js(errors: trygg::Errors) -> JsValue {
    crate::host_error_to_js(&errors.into(), true)
}

/// Compiled forms (a registry by id and version) and their text packs.
#[wasm_bindgen]
pub struct Engine {
    pub(crate) core: EngineCore,
}

#[wasm_bindgen]
impl Engine {
    /// An empty engine: load forms with `loadForm`.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Result<Engine, JsValue> {
        guard()?;
        Ok(Engine {
            core: EngineCore::new(),
        })
    }

    /// An engine with every form shipped in the package (forms/** of the repository,
    /// compiled ahead of time by `make wasm`, and the neutral placeholder text packs of
    /// EPDS) — from the package's `trygg_forms.js`, without any fetch. The same in the
    /// runtime and the authoring build.
    ///
    /// @throws {TryggError} only if a shipped form does not load (a packaging bug).
    #[wasm_bindgen(js_name = withBuiltinForms)]
    pub fn with_builtin_forms() -> Result<Engine, JsValue> {
        guard()?;
        let mut core = EngineCore::new();
        for text in builtin_forms() {
            core.load_precompiled(&text).map_err(errors_to_js)?;
        }
        for text in builtin_text_packs() {
            core.load_text_pack(&text).map_err(errors_to_js)?;
        }
        Ok(Engine { core })
    }

    /// Compile a form definition (JSON text or an object) and add it. The module makes
    /// the compiler's semantic checks, not the JSON Schema check. Authoring build only: the
    /// runtime module has no compiler and throws `precompiled.required` (load the form
    /// compiled ahead of time with `loadPrecompiled`).
    ///
    /// @throws {TryggError} with `errors` listing every problem (`form.*`, `logic.*`), or
    /// `registry.conflict` when the same id and version is loaded with other content;
    /// `precompiled.required` in the runtime module.
    #[wasm_bindgen(js_name = loadForm, unchecked_return_type = "FormInfo")]
    pub fn load_form(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] form: JsValue,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let text = document(&form)?;
        let info = self.core.load_form(&text).map_err(errors_to_js)?;
        to_object(&info)
    }

    /// Add a form compiled ahead of time (`trygg-compiled/1` text: a file of the package's
    /// `forms/`, `precompiled()` of the authoring build, or the engine's
    /// `CompiledForm::to_precompiled`). Both builds; scores to the same bytes as the
    /// definition compiled here.
    ///
    /// @throws {TryggError} `precompiled.*` (another format tag: compile it again with this
    /// engine), or `registry.conflict`.
    #[wasm_bindgen(js_name = loadPrecompiled, unchecked_return_type = "FormInfo")]
    pub fn load_precompiled(&mut self, text: &str) -> Result<JsValue, JsValue> {
        guard()?;
        let info = self.core.load_precompiled(text).map_err(errors_to_js)?;
        to_object(&info)
    }

    /// A loaded form version (`"id@version"` or `{ id, version }`) compiled ahead of time,
    /// as the text `loadPrecompiled` takes: what a deployment of the runtime module ships.
    ///
    /// @throws {TryggError} `registry.bad_reference` without a version,
    /// `registry.unknown_form`; `precompiled.required` in the runtime module (authoring
    /// build only).
    pub fn precompiled(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        self.core.precompiled(&r).map_err(to_js)
    }

    /// Load a text pack (JSON text or an object) for a loaded form: checked against the
    /// form's declared keys and locales.
    ///
    /// @throws {TryggError} `pack.*` with `errors` listing every problem.
    #[wasm_bindgen(js_name = loadTextPack)]
    pub fn load_text_pack(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] pack: JsValue,
    ) -> Result<(), JsValue> {
        guard()?;
        let text = document(&pack)?;
        self.core.load_text_pack(&text).map_err(errors_to_js)
    }

    /// Allow (or refuse, the default) `draft` forms for sessions and new responses.
    #[wasm_bindgen(js_name = allowDrafts)]
    pub fn allow_drafts(&mut self, allow: bool) -> Result<(), JsValue> {
        guard()?;
        self.core.allow_drafts(allow);
        Ok(())
    }

    /// Every loaded form, by id then version.
    #[wasm_bindgen(unchecked_return_type = "FormInfo[]")]
    pub fn forms(&self) -> Result<JsValue, JsValue> {
        guard()?;
        to_object(&self.core.forms())
    }

    /// The active check-up form whose age window holds `ageDays`.
    ///
    /// @throws {TryggError} `registry.no_checkup_form`, `registry.ambiguous`,
    /// `registry.bad_age`.
    #[wasm_bindgen(js_name = formForCheckup, unchecked_return_type = "FormInfo")]
    pub fn form_for_checkup(
        &self,
        #[wasm_bindgen(js_name = ageDays)] age_days: f64,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let info = self.core.form_for_checkup(age_days).map_err(to_js)?;
        to_object(&info)
    }

    /// Score one response (an object or JSON text). With a version in `form` (or else in
    /// the response) that exact version is used whatever its status (re-scoring); without,
    /// the highest active version.
    ///
    /// @throws {TryggError} `registry.*` for the form, `response.*` for a response that is
    /// not a response document. Problems with the answers are in the outcome, not thrown.
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.evaluate_json(form, response)?)
    }

    /// `evaluate`, as the outcome's canonical JSON text (RFC 8785): the same bytes on every
    /// runtime.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let text = document(&response)?;
        self.core.evaluate(&r, &text).map_err(to_js)
    }

    /// The reasons of a response's outcome in words, for the clinician: finding titles,
    /// questions and answers, scale values with band labels and cut-offs, rule titles;
    /// urgent actions and findings first. `locale` is a form locale (any other falls back
    /// to the form's first); `textPacks` (default true) uses the loaded text packs —
    /// without them licensed wording is `null` and named by its key. The outcome itself is
    /// not changed. See `docs/explanation.md`.
    ///
    /// @throws {TryggError} as `evaluate`.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
        locale: &str,
        #[wasm_bindgen(js_name = textPacks)] text_packs: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        parse(&self.explain_json(form, response, locale, text_packs)?)
    }

    /// `explain`, as canonical JSON text: the same bytes on every runtime.
    #[wasm_bindgen(js_name = explainJson)]
    pub fn explain_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
        locale: &str,
        #[wasm_bindgen(js_name = textPacks)] text_packs: Option<bool>,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let text = document(&response)?;
        self.core
            .explain(&r, &text, locale, text_packs.unwrap_or(true))
            .map(|e| e.to_json())
            .map_err(to_js)
    }

    /// `explain`, as plain text (one line per entry, urgent first and marked by word and
    /// sign, private offers marked).
    #[wasm_bindgen(js_name = explainText)]
    pub fn explain_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
        locale: &str,
        #[wasm_bindgen(js_name = textPacks)] text_packs: Option<bool>,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let text = document(&response)?;
        self.core
            .explain(&r, &text, locale, text_packs.unwrap_or(true))
            .map(|e| e.to_text())
            .map_err(to_js)
    }

    /// Score each parent's response on its own and merge the offers for the clinician.
    ///
    /// @throws {TryggError} `family.*` (no responses, too many, a missing or repeated
    /// respondent id, several responses to a single-respondent form), `registry.*`,
    /// `response.*`.
    #[wasm_bindgen(js_name = evaluateFamily, unchecked_return_type = "FamilySummary")]
    pub fn evaluate_family(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response[] | string")] responses: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.evaluate_family_json(form, responses)?)
    }

    /// `evaluateFamily`, as canonical JSON text.
    #[wasm_bindgen(js_name = evaluateFamilyJson)]
    pub fn evaluate_family_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response[] | string")] responses: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let text = document(&responses)?;
        self.core.evaluate_family(&r, &text).map_err(to_js)
    }

    /// One parent's own view: their outcome, from their response alone — never anything of
    /// another respondent's.
    ///
    /// @throws {TryggError} as `evaluateFamily`, and `family.unknown_respondent`.
    #[wasm_bindgen(js_name = viewFor, unchecked_return_type = "Outcome")]
    pub fn view_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response[] | string")] responses: JsValue,
        #[wasm_bindgen(js_name = respondentId)] respondent_id: &str,
    ) -> Result<JsValue, JsValue> {
        parse(&self.view_for_json(form, responses, respondent_id)?)
    }

    /// `viewFor`, as canonical JSON text.
    #[wasm_bindgen(js_name = viewForJson)]
    pub fn view_for_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response[] | string")] responses: JsValue,
        #[wasm_bindgen(js_name = respondentId)] respondent_id: &str,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let text = document(&responses)?;
        self.core.view_for(&r, &text, respondent_id).map_err(to_js)
    }

    /// Score one response under two form versions — a pilot against the active version:
    /// the answers carried over to each by item id (answers to items a version lacks are
    /// left out and named in `dropped` / `droppedFrom`), each side scored as `evaluate`
    /// would, and what differs in `change`. A reference without a version is the highest
    /// active version; a version is used whatever its status.
    ///
    /// @throws {TryggError} `registry.*` for either form, `response.*` for a response that
    /// is not a response document.
    #[wasm_bindgen(js_name = compareVersions, unchecked_return_type = "VersionComparison")]
    pub fn compare_versions(
        &self,
        #[wasm_bindgen(js_name = fromRef, unchecked_param_type = "FormRef")] from_ref: JsValue,
        #[wasm_bindgen(js_name = toRef, unchecked_param_type = "FormRef")] to_ref: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.compare_versions_json(from_ref, to_ref, response)?)
    }

    /// `compareVersions`, as canonical JSON text.
    #[wasm_bindgen(js_name = compareVersionsJson)]
    pub fn compare_versions_json(
        &self,
        #[wasm_bindgen(js_name = fromRef, unchecked_param_type = "FormRef")] from_ref: JsValue,
        #[wasm_bindgen(js_name = toRef, unchecked_param_type = "FormRef")] to_ref: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Response | string")] response: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let from = form_ref(&from_ref)?;
        let to = form_ref(&to_ref)?;
        let text = document(&response)?;
        self.core.compare_versions(&from, &to, &text).map_err(to_js)
    }

    /// One family against an extended home-visiting programme (the definition as an object
    /// or JSON text): eligibility with its reasons, the offer, and the child's plan — the
    /// programme's visits merged with the loaded active check-up forms. No clock: pass
    /// `referenceDate` in the input for dates and statuses.
    ///
    /// @throws {TryggError} `programme.*` / `logic.*` for a definition that does not
    /// compile (all in `errors`), `programme.*` for a bad input (unknown area, birth date
    /// in the future, a visit outside every window, another version…);
    /// `precompiled.required` in the runtime module (a programme is compiled when
    /// evaluated: use the authoring build).
    #[wasm_bindgen(js_name = evaluateProgramme, unchecked_return_type = "ProgrammeEvaluation")]
    pub fn evaluate_programme(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object | string")] programme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object | string")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.evaluate_programme_json(programme, input)?)
    }

    /// `evaluateProgramme`, as canonical JSON text.
    #[wasm_bindgen(js_name = evaluateProgrammeJson)]
    pub fn evaluate_programme_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object | string")] programme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "object | string")] input: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let programme = document(&programme)?;
        let input = document(&input)?;
        self.core
            .evaluate_programme(&programme, &input)
            .map_err(errors_to_js)
    }

    /// Run a loaded form version's own `examples` (the engine's `trygg::examples`, as
    /// `trygg test` does): each with its name, whether it passed, every mismatch and the
    /// response it describes (to explain its outcome with `explain`). Any status, drafts too.
    ///
    /// @throws {TryggError} `registry.*` for the form.
    #[wasm_bindgen(js_name = runExamples, unchecked_return_type = "ExampleRun[]")]
    pub fn run_examples(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        parse(&self.core.run_examples(&r).map_err(to_js)?)
    }

    /// Start a live form for one respondent (drafts only after `allowDrafts(true)`; retired
    /// forms never).
    ///
    /// @throws {TryggError} `registry.*`, `session.invalid_init`.
    pub fn session(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SessionInit")] init: JsValue,
    ) -> Result<Session, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        let init = if init.is_undefined() || init.is_null() {
            "{}".to_string()
        } else {
            stringify(&init)?
        };
        let core = self.core.session(&r, &init).map_err(to_js)?;
        Ok(Session { core })
    }

    /// Evaluate a JsonLogic rule against data (JS values); the result as a JS value.
    ///
    /// @throws {TryggLogicError} as the `evaluateLogic` function (`precompiled.required` in
    /// the runtime module).
    #[wasm_bindgen(js_name = evaluateLogic, unchecked_return_type = "JsonValue")]
    pub fn evaluate_logic(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JsonValue")] rule: JsValue,
        #[wasm_bindgen(unchecked_param_type = "JsonValue")] data: JsValue,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let rule = stringify(&rule)?;
        let data = stringify(&data)?;
        let out = trygg_host::api::evaluate_logic(&rule, &data).map_err(crate::logic_to_js)?;
        parse(&out)
    }
}

fn to_object<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        js_error(
            "internal.json",
            "",
            &format!("internal.json: cannot serialise: {e}"),
        )
    })?;
    parse(&text)
}

/// One respondent filling in one form: the state stays inside WASM, one call per action.
#[wasm_bindgen]
pub struct Session {
    core: SessionCore,
}

#[wasm_bindgen]
impl Session {
    /// Set an answer (`null` clears it, `{ declined: true }` declines): what changed. An
    /// invalid answer is not thrown: it is in `problem` (and in `items()`), and counts as
    /// unanswered.
    ///
    /// @throws {TryggError} `answer.unknown_item` for an item the form does not have.
    #[wasm_bindgen(unchecked_return_type = "Changes")]
    pub fn set(
        &mut self,
        #[wasm_bindgen(js_name = itemId)] item_id: &str,
        #[wasm_bindgen(unchecked_param_type = "AnswerValue | null")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let value = stringify(&value)?;
        let changes = self.core.set(item_id, &value).map_err(to_js)?;
        parse(&changes)
    }

    /// Decline an item (`set(itemId, { declined: true })`).
    #[wasm_bindgen(unchecked_return_type = "Changes")]
    pub fn decline(
        &mut self,
        #[wasm_bindgen(js_name = itemId)] item_id: &str,
    ) -> Result<JsValue, JsValue> {
        guard()?;
        let changes = self.core.decline(item_id).map_err(to_js)?;
        parse(&changes)
    }

    /// Every item with its text in `locale` (per text, falling back to the form's first
    /// locale), visibility, options, bounds, answer and problem; `rtl` for right-to-left.
    #[wasm_bindgen(unchecked_return_type = "RenderForm")]
    pub fn items(&self, locale: &str) -> Result<JsValue, JsValue> {
        guard()?;
        parse(&self.core.items(locale))
    }

    /// Answered, visible and required-left counts.
    #[wasm_bindgen(unchecked_return_type = "Progress")]
    pub fn progress(&self) -> Result<JsValue, JsValue> {
        guard()?;
        parse(&self.core.progress())
    }

    /// The outcome of the answers so far (identical to `Engine.evaluate` of `response()`).
    #[wasm_bindgen(unchecked_return_type = "Outcome")]
    pub fn outcome(&self) -> Result<JsValue, JsValue> {
        guard()?;
        parse(&self.core.outcome())
    }

    /// `outcome()`, as canonical JSON text.
    #[wasm_bindgen(js_name = outcomeJson)]
    pub fn outcome_json(&self) -> Result<String, JsValue> {
        guard()?;
        Ok(self.core.outcome())
    }

    /// The response so far, as a journal system would store it.
    #[wasm_bindgen(unchecked_return_type = "Response")]
    pub fn response(&self) -> Result<JsValue, JsValue> {
        guard()?;
        parse(&self.core.response())
    }
}
