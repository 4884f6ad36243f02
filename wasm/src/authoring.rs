//! The studio's authoring exports (cargo feature `authoring`, on by default; a runtime build
//! leaves it out with `--no-default-features`): synthetic responses and the comparison
//! report, each one `trygg-host` call — the same code as `trygg synth` and `trygg diff`.

use crate::classes::{document, form_ref, Engine};
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
}
