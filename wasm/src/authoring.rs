//! The studio's authoring exports (cargo feature `authoring`, on by default; a runtime build
//! leaves it out with `--no-default-features`): synthetic responses, the comparison report,
//! and a programme's uptake report and synthetic family records, each one `trygg-host` call
//! — the same code as `trygg synth`, `trygg diff`, `trygg programme report` and
//! `trygg programme synth`.

use crate::classes::{document, errors_to_js, form_ref, Engine};
use crate::{guard, to_js};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_AUTHORING: &'static str = r#"
/** Options of `Engine.synth` (as `trygg synth`'s flags). */
export interface SynthOptions {
  /** Records (lines) to write; at most 100,000 in one call. */
  n: number;
  /** The same seed (with the same forms, profile and config) gives the same bytes (default 1). */
  seed?: number;
  /** `realistic` (default), `high-risk`, `uniform` or `negative`. */
  profile?: "realistic" | "high-risk" | "uniform" | "negative";
  /** Frequency overrides, as `trygg synth --config` reads them (docs/cli.md). */
  config?: JsonValue;
}

/** Options of `Engine.compareReport` (as `trygg diff`'s flags). */
export interface CompareReportOptions {
  /** `html` (default, the page `trygg diff --html` writes), `markdown`, or `json` (canonical). */
  format?: "html" | "markdown" | "json";
  /** The report's language: `sv` or `en` (default). */
  locale?: string;
  /** Changed responses shown with their reasons in words (default 5). */
  examples?: number;
  /** What the input is called in the report (`trygg diff` writes the file's path; default `-`). */
  input?: string;
}

/** Options of `Engine.programmeReport` (as `trygg programme report`'s flags). */
export interface ProgrammeReportOptions {
  /** `html` (default, the page `--html` writes), `markdown` (what it prints) or `json` (what `--json` prints, without the final newline). */
  format?: "html" | "markdown" | "json";
  /** Group by the quarter (default) or the year of the offer, else of the assessment. */
  period?: "quarter" | "year";
  /** Counts below N are shown as "<N" and rates built on them withheld (default 5; 0 shows every count). */
  suppressBelow?: number;
  /** Count as planned only visits whose window closed by this date (YYYY-MM-DD). */
  asOf?: string;
}

/** Options of `Engine.programmeSynth` (as `trygg programme synth`'s flags). */
export interface ProgrammeSynthOptions {
  /** Records (lines) to write; at most 100,000 in one call. */
  n: number;
  /** The same seed (with the same programme and year) gives the same bytes (default 1). */
  seed?: number;
  /** First year of assessments; records spread over two years (default 2024). */
  year?: number;
}
"#;

#[wasm_bindgen]
impl Engine {
    /// Synthetic responses as NDJSON text, every record marked `"synthetic": true`,
    /// answering the items of `forms` (one version, or two for a comparison) only where the
    /// skip logic shows them: the same bytes as `trygg synth` with the same forms and
    /// options.
    ///
    /// @throws {TryggError} `registry.*` for a form, `synth.options` / `synth.config` (at
    /// its pointer) for bad options.
    #[wasm_bindgen]
    pub fn synth(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef[]")] forms: Vec<JsValue>,
        #[wasm_bindgen(unchecked_param_type = "SynthOptions | string")] options: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let refs = forms.iter().map(form_ref).collect::<Result<Vec<_>, _>>()?;
        let options = document(&options)?;
        self.core.synth(&refs, &options).map_err(to_js)
    }

    /// The comparison report of `fromRef` → `toRef` over NDJSON `responses` (as `trygg diff`
    /// reads them): by default the self-contained HTML page `trygg diff --html` writes, byte
    /// for byte, for the same versions, records, language and input name.
    ///
    /// @throws {TryggError} `registry.*` for either form, `compare.report_options` for bad options.
    #[wasm_bindgen(js_name = compareReport)]
    pub fn compare_report(
        &self,
        #[wasm_bindgen(js_name = fromRef, unchecked_param_type = "FormRef")] from_ref: JsValue,
        #[wasm_bindgen(js_name = toRef, unchecked_param_type = "FormRef")] to_ref: JsValue,
        responses: &str,
        #[wasm_bindgen(unchecked_param_type = "CompareReportOptions | string")] options: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let from = form_ref(&from_ref)?;
        let to = form_ref(&to_ref)?;
        let options = if options.is_undefined() {
            "{}".to_string()
        } else {
            document(&options)?
        };
        self.core
            .compare_report(&from, &to, responses, &options)
            .map_err(to_js)
    }

    /// The uptake report of programme `id` over NDJSON `records` (family records, as
    /// `trygg programme report` reads them), counting every version of `id` among
    /// `programmes` (definitions, as objects or JSON text): by default the self-contained
    /// HTML page `trygg programme report --html` writes, byte for byte, for the same
    /// definitions, records and options. Small counts are suppressed ("<5"); a record that
    /// cannot be counted is listed in the report at its line.
    ///
    /// @throws {TryggError} `programme.*` for a definition that does not compile (at
    /// `/programmes/<index>…`, all in `errors`) or an `id` none of them has,
    /// `programme.report_options` for bad options.
    #[wasm_bindgen(js_name = programmeReport)]
    pub fn programme_report(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(object | string)[]")] programmes: Vec<JsValue>,
        id: &str,
        records: &str,
        #[wasm_bindgen(unchecked_param_type = "ProgrammeReportOptions | string")] options: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let defs = programmes
            .iter()
            .map(document)
            .collect::<Result<Vec<_>, _>>()?;
        let options = if options.is_undefined() {
            "{}".to_string()
        } else {
            document(&options)?
        };
        self.core
            .programme_report(&defs, id, records, &options)
            .map_err(errors_to_js)
    }

    /// Synthetic family records of `programme` (a definition, as an object or JSON text) as
    /// NDJSON text, every record marked `"synthetic": true`: the same bytes as
    /// `trygg programme synth` with the same programme, seed and year.
    ///
    /// @throws {TryggError} `programme.*` for a definition that does not compile,
    /// `synth.options` for bad options.
    #[wasm_bindgen(js_name = programmeSynth)]
    pub fn programme_synth(
        &self,
        #[wasm_bindgen(unchecked_param_type = "object | string")] programme: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ProgrammeSynthOptions | string")] options: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let programme = document(&programme)?;
        let options = document(&options)?;
        self.core
            .programme_synth(&programme, &options)
            .map_err(errors_to_js)
    }
}
