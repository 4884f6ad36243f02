//! FHIR R4 and Structured Data Capture (SDC) for Trygg.
//!
//! - [`export::export`]: a Trygg form → an SDC `Questionnaire` (LOINC codes, ordinal values,
//!   `enableWhen`, translations, scales as calculated items, and what FHIR cannot say in the
//!   `trygg-form` / `trygg-item` extensions, so export → import is lossless).
//! - [`import::import`]: an SDC `Questionnaire` → a Trygg form, with a report of what was
//!   mapped and what was refused (located problems, never a silent drop).
//! - [`score::read_response`]: a `QuestionnaireResponse` → a Trygg [`trygg::Response`]
//!   (every R4 answer type, nested items, declined answers), stored totals kept aside to be
//!   compared with Trygg's values, never used as inputs.
//! - [`bundle::results_bundle`]: one outcome → a transaction `Bundle` (Observations,
//!   ServiceRequests, Tasks, the CodeSystem of Trygg's codes).
//!
//! - [`careplan::care_plan`]: an enrolled family's home-visiting programme plan → a
//!   `CarePlan` (an activity per planned visit, performers by profession).
//! - [`api`]: the same calls as a host makes them (text in, canonical JSON text out, the
//!   form chosen among a host's loaded forms): what `trygg-host`'s `fhir` feature exposes.
//!
//! See `docs/fhir.md` for the mapping resource by resource. Like the engine, this crate does
//! no I/O and never panics on input.

pub mod api;
pub mod bundle;
pub mod careplan;
pub mod export;
pub mod import;
pub mod score;
pub mod types;

pub use trygg::Error;

/// Base of the canonical URLs Trygg writes (Questionnaires, CodeSystems, extensions).
pub const BASE: &str = "https://trygg.example.invalid/fhir";
/// Trygg extension on the Questionnaire: the form's parts FHIR cannot say (JSON text).
pub const EXT_FORM: &str = "https://trygg.example.invalid/fhir/StructureDefinition/trygg-form";
/// Trygg extension on an item: its fields FHIR cannot say (JSON text).
pub const EXT_ITEM: &str = "https://trygg.example.invalid/fhir/StructureDefinition/trygg-item";
/// Trygg extension on a group: the section id.
pub const EXT_SECTION: &str =
    "https://trygg.example.invalid/fhir/StructureDefinition/trygg-section";
/// Trygg extension on an answer option: the option's value when its coding is LOINC.
pub const EXT_OPTION_VALUE: &str =
    "https://trygg.example.invalid/fhir/StructureDefinition/trygg-option-value";
/// Trygg extension on a calculated item: the scale id.
pub const EXT_SCALE: &str = "https://trygg.example.invalid/fhir/StructureDefinition/trygg-scale";

/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// UCUM.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// HL7 data-absent-reason code system.
pub const DATA_ABSENT: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
/// Extension `ordinalValue` (R4 core).
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// Extension `itemWeight` (R5, read by R5 renderers).
pub const ITEM_WEIGHT: &str = "http://hl7.org/fhir/StructureDefinition/itemWeight";
/// Extension `iso21090-CO-value` (older scores on codings).
pub const CO_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value";
/// Extension `translation`.
pub const TRANSLATION: &str = "http://hl7.org/fhir/StructureDefinition/translation";
/// Extension `data-absent-reason`.
pub const DATA_ABSENT_EXT: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
/// Extension `variable`.
pub const VARIABLE: &str = "http://hl7.org/fhir/StructureDefinition/variable";
/// Extension `questionnaire-itemControl`.
pub const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
/// Extension `minValue`.
pub const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
/// Extension `maxValue`.
pub const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
/// Extension `questionnaire-minOccurs`.
pub const MIN_OCCURS: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs";
/// Extension `questionnaire-maxOccurs`.
pub const MAX_OCCURS: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs";
/// Extension `questionnaire-unit`.
pub const UNIT: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
/// SDC `calculatedExpression`.
pub const CALCULATED: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
/// SDC `enableWhenExpression`.
pub const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
/// SDC `observationExtract`.
pub const OBSERVATION_EXTRACT: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

/// The canonical URL of a form's Questionnaire.
pub fn questionnaire_url(form_id: &str) -> String {
    format!("{BASE}/Questionnaire/{form_id}")
}

/// The canonical URL of a form's CodeSystem of findings and scales.
pub fn code_system_url(form_id: &str) -> String {
    format!("{BASE}/CodeSystem/{form_id}")
}

/// The system of a form's answer codes without LOINC code: the option value, scoped by
/// the item (codes repeat across items, so no CodeSystem resource is written for it).
pub fn answers_system_url(form_id: &str) -> String {
    format!("{BASE}/CodeSystem/{form_id}-answers")
}

/// Trygg's CodeSystem of offers, referral targets and urgent actions.
pub const TRYGG_CODES: &str = "https://trygg.example.invalid/fhir/CodeSystem/trygg";

/// Largest FHIR resource read (a Questionnaire or QuestionnaireResponse; a 50 MB Bundle
/// is refused with `fhir.too_large`, never read into memory as a value).
pub const MAX_FHIR_BYTES: usize = trygg::input::FHIR.limit;

/// Parse JSON text into a value under the engine's input policy for FHIR resources
/// ([`trygg::input::FHIR`]: size, BOM, duplicate keys, each a located `fhir.*` error).
pub fn parse_json(text: &str) -> Result<serde_json::Value, Error> {
    trygg::input::parse_value(text, &trygg::input::FHIR)
}

/// Check `resourceType` and read a resource, with a located error.
pub fn resource<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    expected: &str,
) -> Result<T, Error> {
    match value.get("resourceType").and_then(|v| v.as_str()) {
        Some(t) if t == expected => {}
        Some(t) => {
            return Err(Error::new(
                "fhir.wrong_resource_type",
                "/resourceType",
                format!("expected a {expected}, got a {}", trygg::input::quote(t)),
            ))
        }
        None => {
            return Err(Error::new(
                "fhir.wrong_resource_type",
                "/resourceType",
                format!("expected a {expected}: no resourceType"),
            ))
        }
    }
    serde_json::from_value(value.clone()).map_err(|e| {
        Error::new(
            "fhir.malformed",
            "",
            trygg::input::excerpt(&format!("not a valid {expected}: {e}")),
        )
    })
}

/// Located problems as JSON (`code`, `path`, `message`).
pub fn problems_json(problems: &[Error]) -> serde_json::Value {
    serde_json::Value::Array(
        problems
            .iter()
            .map(|p| serde_json::json!({ "code": p.code, "path": p.path, "message": p.message }))
            .collect(),
    )
}
