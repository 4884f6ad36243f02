//! Minimal FHIR R4 resources and datatypes as serde types.
//!
//! Only the fields Trygg reads or writes are named; every other field a sender wrote is kept
//! in `extra` (`#[serde(flatten)]`) and written back unchanged, so nothing a vendor sent is
//! lost on a round trip. No FHIR model crate: the published ones are unmaintained, too large
//! for the WASM module, or need a newer Rust.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Fields not named by a type, kept as sent.
pub type Extra = Map<String, Value>;

/// `Coding`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Coding {
    /// Code system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Extensions (e.g. `iso21090-CO-value`, `ordinalValue`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Coding {
    /// A coding with system, code and optional display.
    pub fn new(system: &str, code: &str, display: Option<String>) -> Self {
        Coding {
            system: Some(system.to_string()),
            code: Some(code.to_string()),
            display,
            ..Default::default()
        }
    }
}

/// `CodeableConcept`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CodeableConcept {
    /// Codings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CodeableConcept {
    /// One coding.
    pub fn of(coding: Coding) -> Self {
        CodeableConcept {
            coding: vec![coding],
            ..Default::default()
        }
    }
}

/// `Reference`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Reference {
    /// Literal reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Anything else (`type`, `identifier`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Reference {
    /// A literal reference.
    pub fn to(reference: &str) -> Self {
        Reference {
            reference: Some(reference.to_string()),
            ..Default::default()
        }
    }
}

/// `Quantity`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Quantity {
    /// Value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Unit text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Unit system (UCUM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Unit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Expression` (SDC calculated and enableWhen expressions, variables).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Expression {
    /// Variable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `text/fhirpath`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Extension` with the `value[x]` types Trygg reads or writes; other `value[x]` in `extra`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extension {
    /// Extension URL.
    pub url: String,
    /// Nested extensions (complex extensions such as `translation`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// `valueString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueCode`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_code: Option<String>,
    /// `valueBoolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// `valueDecimal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<f64>,
    /// `valueInteger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// `valueDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<String>,
    /// `valueCoding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueCodeableConcept`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// `valueExpression`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_expression: Option<Expression>,
    /// Anything else (other `value[x]`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl Extension {
    /// An extension with only a URL (fill one value field).
    pub fn new(url: &str) -> Self {
        Extension {
            url: url.to_string(),
            ..Default::default()
        }
    }
    /// The numeric value (`valueDecimal` or `valueInteger`).
    pub fn number(&self) -> Option<f64> {
        self.value_decimal
            .or_else(|| self.value_integer.map(|i| i as f64))
    }
}

/// The first extension with this URL.
pub fn find_ext<'a>(list: &'a [Extension], url: &str) -> Option<&'a Extension> {
    list.iter().find(|e| e.url == url)
}

/// A primitive's element (`_text`): extensions on a primitive value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Element {
    /// Extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Questionnaire`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// Always `Questionnaire`.
    pub resource_type: String,
    /// Logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Resource language (the default locale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Contained resources (ValueSets for `answerValueSet: "#id"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contained: Vec<Value>,
    /// Extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Business version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Computer-friendly name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Translations of the title.
    #[serde(rename = "_title", default, skip_serializing_if = "Option::is_none")]
    pub title_ext: Option<Element>,
    /// `draft | active | retired | unknown`.
    pub status: String,
    /// For testing, not real usage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experimental: Option<bool>,
    /// Description (markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Translations of the description.
    #[serde(
        rename = "_description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description_ext: Option<Element>,
    /// Copyright (markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// Concept for the whole questionnaire (the LOINC panel).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// Items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QItem>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Questionnaire.item`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QItem {
    /// Extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Link id (required by FHIR; checked on import).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_id: Option<String>,
    /// Concepts (LOINC).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<Coding>,
    /// Prefix (`1.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Translations of the text.
    #[serde(rename = "_text", default, skip_serializing_if = "Option::is_none")]
    pub text_ext: Option<Element>,
    /// Item type (required by FHIR; checked on import).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Conditions for display.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    /// `all | any`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_behavior: Option<String>,
    /// Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Repeats (multi-select choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeats: Option<bool>,
    /// Read-only (calculated items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// Maximum length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Value set of the options (`#id` for a contained one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_value_set: Option<String>,
    /// Options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QItem>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Questionnaire.item.enableWhen`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnableWhen {
    /// The linkId of the question.
    pub question: String,
    /// `exists | = | != | > | < | >= | <=`.
    pub operator: String,
    /// `answerBoolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_boolean: Option<bool>,
    /// `answerDecimal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_decimal: Option<f64>,
    /// `answerInteger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_integer: Option<i64>,
    /// `answerDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_date: Option<String>,
    /// `answerString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_string: Option<String>,
    /// `answerCoding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_coding: Option<Coding>,
    /// Anything else (`answerDateTime`, `answerTime`, `answerQuantity`, `answerReference`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Questionnaire.item.answerOption`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// Extensions (`ordinalValue`, `itemWeight`, `iso21090-CO-value`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// `valueCoding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueInteger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// `valueString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<String>,
    /// Anything else (`valueTime`, `valueReference`, `initialSelected`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `QuestionnaireResponse`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireResponse {
    /// Always `QuestionnaireResponse`.
    pub resource_type: String,
    /// Logical id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Canonical of the Questionnaire (`url|version`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<String>,
    /// `in-progress | completed | amended | entered-in-error | stopped`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The subject (the child).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored: Option<String>,
    /// Who recorded the answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Reference>,
    /// Who answered (a parent as RelatedPerson).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Reference>,
    /// Items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `QuestionnaireResponse.item`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrItem {
    /// Extensions (`data-absent-reason`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// Link id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_id: Option<String>,
    /// Text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<QrAnswer>,
    /// Nested items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `QuestionnaireResponse.item.answer`: every R4 `value[x]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrAnswer {
    /// Extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    /// `valueBoolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_boolean: Option<bool>,
    /// `valueDecimal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_decimal: Option<f64>,
    /// `valueInteger`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
    /// `valueDate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date: Option<String>,
    /// `valueDateTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_date_time: Option<String>,
    /// `valueTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_time: Option<String>,
    /// `valueString`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_string: Option<String>,
    /// `valueUri`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_uri: Option<String>,
    /// `valueAttachment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_attachment: Option<Value>,
    /// `valueCoding`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_coding: Option<Coding>,
    /// `valueQuantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// `valueReference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_reference: Option<Reference>,
    /// Nested items under the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QrItem>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Observation` (written only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    /// Always `Observation`.
    pub resource_type: String,
    /// Profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// `final`, …
    pub status: String,
    /// Categories (`survey`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<CodeableConcept>,
    /// What was observed.
    pub code: CodeableConcept,
    /// The child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Reference>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    /// Who answered (a parent as RelatedPerson).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub performer: Vec<Reference>,
    /// A score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    /// A coded result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    /// Interpretation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpretation: Vec<CodeableConcept>,
    /// Why there is no value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_absent_reason: Option<CodeableConcept>,
    /// Sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<Reference>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `ServiceRequest` (written only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRequest {
    /// Always `ServiceRequest`.
    pub resource_type: String,
    /// Profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// `draft`, …
    pub status: String,
    /// `proposal`.
    pub intent: String,
    /// What is offered.
    pub code: CodeableConcept,
    /// Details (the topic of written information).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_detail: Vec<CodeableConcept>,
    /// The child.
    pub subject: Reference,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<String>,
    /// Receiving service (referral).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performer_type: Option<CodeableConcept>,
    /// The findings behind the offer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason_reference: Vec<Reference>,
    /// The QuestionnaireResponse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporting_info: Vec<Reference>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Task` (written only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// Always `Task`.
    pub resource_type: String,
    /// Profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
    /// `requested`.
    pub status: String,
    /// `proposal` / `order`.
    pub intent: String,
    /// `routine | urgent | asap | stat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// What to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeableConcept>,
    /// The ServiceRequest it fulfils.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Reference>,
    /// The child.
    #[serde(rename = "for", default, skip_serializing_if = "Option::is_none")]
    pub for_: Option<Reference>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authored_on: Option<String>,
    /// Why (a finding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_reference: Option<Reference>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `CodeSystem` (written only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeSystem {
    /// Always `CodeSystem`.
    pub resource_type: String,
    /// Canonical URL.
    pub url: String,
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
    /// `active`, …
    pub status: String,
    /// `complete`.
    pub content: String,
    /// Concepts.
    pub concept: Vec<Concept>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `CodeSystem.concept`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Concept {
    /// Code.
    pub code: String,
    /// Display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// `Bundle`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// Always `Bundle`.
    pub resource_type: String,
    /// `transaction`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<BundleEntry>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Bundle.entry`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry {
    /// `urn:uuid:…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_url: Option<String>,
    /// The resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Value>,
    /// The transaction request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<BundleRequest>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Bundle.entry.request`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleRequest {
    /// `POST`, `PUT`.
    pub method: String,
    /// Resource type or search URL.
    pub url: String,
    /// Conditional create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_none_exist: Option<String>,
}
