//! FHIR R4 / SDC on the `Engine` (cargo feature `fhir`; `docs/fhir.md`): export a loaded
//! form as an SDC Questionnaire, import a Questionnaire, score a QuestionnaireResponse and
//! write its results Bundle. Conversions at the boundary only: each method is one
//! `trygg_host` call (`EngineCore::export_fhir`, `import_fhir`, `evaluate_fhir`,
//! `fhir_bundle`), which delegates to `trygg_fhir::api`. A child module of `classes` so it
//! reaches the `Engine`'s core; kept apart so a build can leave FHIR out.

use super::{document, form_ref, parse, Engine};
use crate::{guard, host_error_to_js};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_FHIR: &'static str = r#"
/** A FHIR resource (R4 JSON): a Questionnaire, a QuestionnaireResponse, a Bundle. */
export type FhirResource = { resourceType: string; [key: string]: JsonValue };

/** A located problem in a FHIR resource. */
export interface FhirProblem {
  code: string;
  /** JSON pointer into the resource. */
  path: string;
  message: string;
}

/** A Questionnaire imported as a Trygg form. */
export interface FhirImport {
  /** The form definition. */
  form: { [key: string]: JsonValue };
  /** linkIds and codings → item ids, scale ids and option values. */
  mapping: { [key: string]: JsonValue };
  /** What was mapped (one line each) and what was refused (located in the Questionnaire). */
  report: { mapped: string[]; refused: FhirProblem[] };
  /** The compiler's errors of the imported form (empty when it compiles). */
  formErrors: FhirProblem[];
}

/** A QuestionnaireResponse scored. */
export interface FhirScore {
  outcome: Outcome;
  /** Unknown codes, answers for hidden items, stored totals that differ from Trygg's, … */
  problems: FhirProblem[];
  /** Totals stored in the response (never inputs). */
  stored: { scale: string; value: number; path: string }[];
}
"#;

/// The Questionnaires argument: `undefined`/`null` for none, else an array (or its JSON text).
fn questionnaires(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(String::new())
    } else {
        document(value)
    }
}

/// A located error (every problem in `errors` for a Bundle refused for them).
fn err(e: impl Into<trygg_host::HostError>) -> JsValue {
    host_error_to_js(&e.into(), true)
}

#[wasm_bindgen]
impl Engine {
    /// A loaded form version (any status) as an SDC Questionnaire.
    ///
    /// @throws {TryggError} `registry.*` for the form.
    #[wasm_bindgen(js_name = exportFhir, unchecked_return_type = "FhirResource")]
    pub fn export_fhir(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.export_fhir_json(form)?)
    }

    /// `exportFhir`, as canonical JSON text.
    #[wasm_bindgen(js_name = exportFhirJson)]
    pub fn export_fhir_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormRef")] form: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let r = form_ref(&form)?;
        self.core.export_fhir(&r).map_err(err)
    }

    /// An SDC Questionnaire (an object or JSON text) imported as a Trygg form, with the
    /// report of what was mapped and refused.
    ///
    /// @throws {TryggError} `fhir.*` when it is not a Questionnaire (bad JSON, another
    /// resource type, over 4 MiB, a duplicate key), located by `path`.
    #[wasm_bindgen(js_name = importFhir, unchecked_return_type = "FhirImport")]
    pub fn import_fhir(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] questionnaire: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.import_fhir_json(questionnaire)?)
    }

    /// `importFhir`, as canonical JSON text.
    #[wasm_bindgen(js_name = importFhirJson)]
    pub fn import_fhir_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] questionnaire: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let text = document(&questionnaire)?;
        self.core.import_fhir(&text).map_err(err)
    }

    /// Score a QuestionnaireResponse: the outcome, located problems and stored totals.
    /// `questionnaires`: Questionnaires the response may name (scored by the one its
    /// `questionnaire` canonical names; one without scores by the loaded form sharing its
    /// LOINC codes); without them the response names a loaded form by its own
    /// Questionnaire URL.
    ///
    /// @throws {TryggError} `fhir.*` for bad input, `fhir.unknown_questionnaire`.
    #[wasm_bindgen(js_name = evaluateFhir, unchecked_return_type = "FhirScore")]
    pub fn evaluate_fhir(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] response: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FhirResource[] | string")]
        questionnaires: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.evaluate_fhir_json(response, questionnaires)?)
    }

    /// `evaluateFhir`, as canonical JSON text.
    #[wasm_bindgen(js_name = evaluateFhirJson)]
    pub fn evaluate_fhir_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] response: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FhirResource[] | string")]
        questionnaires_arg: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let response = document(&response)?;
        let qs = questionnaires(&questionnaires_arg)?;
        self.core.evaluate_fhir(&response, &qs).map_err(err)
    }

    /// The results of a QuestionnaireResponse as a transaction Bundle (Observations,
    /// ServiceRequests, Tasks, CodeSystems; ids from the response's content, dates from the
    /// response, so the same response gives the same bytes).
    ///
    /// @throws {TryggError} as `evaluateFhir`, and, when the response has problems, the
    /// first problem's code with every problem in `errors`.
    #[wasm_bindgen(js_name = fhirBundle, unchecked_return_type = "FhirResource")]
    pub fn fhir_bundle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] response: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FhirResource[] | string")]
        questionnaires: JsValue,
    ) -> Result<JsValue, JsValue> {
        parse(&self.fhir_bundle_json(response, questionnaires)?)
    }

    /// `fhirBundle`, as canonical JSON text.
    #[wasm_bindgen(js_name = fhirBundleJson)]
    pub fn fhir_bundle_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FhirResource | string")] response: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FhirResource[] | string")]
        questionnaires_arg: JsValue,
    ) -> Result<String, JsValue> {
        guard()?;
        let response = document(&response)?;
        let qs = questionnaires(&questionnaires_arg)?;
        self.core.fhir_bundle(&response, &qs).map_err(err)
    }
}
