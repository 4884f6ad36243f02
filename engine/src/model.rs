//! The form definition and response as data (serde types), nothing more.
//!
//! These types mirror `docs/form-format.md` and `forms/schema/form.schema.json`. Every
//! struct denies unknown fields: in a clinical definition a misspelt key (`requird`) must
//! be an error, never a silently ignored setting. Semantic checks (references, ranges,
//! cycles) belong to the compiler, not here.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A localized text: either a map locale → string, or a key into the form's text pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    /// Wording supplied at run time by a text pack (licensed instruments).
    Key {
        /// The key in the text pack.
        key: String,
    },
    /// Wording per locale.
    Localized(BTreeMap<String, String>),
}

/// Publication state of one form version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Only loaded with an explicit opt-in.
    Draft,
    /// In trial use.
    Pilot,
    /// In use for new responses.
    Active,
    /// Re-scores stored responses; refused for new ones.
    Retired,
}

/// Who answers the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RespondentMode {
    /// One response.
    Single,
    /// One response per parent, scored separately.
    EachParent,
}

/// A form definition (one immutable version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FormDef {
    /// Editor hint, ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable form id.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Publication state.
    pub status: Status,
    /// Title per locale.
    pub title: Text,
    /// Description per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Terminology code of the whole form (e.g. the LOINC panel code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Locales every text must be complete in; the first is the default.
    pub locales: Vec<String>,
    /// Locales whose translation is not verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified_locales: Vec<String>,
    /// Child age window (days, inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkup: Option<Checkup>,
    /// Who answers.
    pub respondent: RespondentMode,
    /// Respondent attributes the form may read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDef>,
    /// Cut-off profiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiles: Option<Profiles>,
    /// Provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Text pack declaration for wording not shipped with the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_pack: Option<TextPackDecl>,
    /// Sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Items.
    pub items: Vec<Item>,
    /// Scales.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scales: Vec<Scale>,
    /// Findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Rules from findings to offers and actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleDef>,
    /// The form's own test cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Child age window in days (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Checkup {
    /// First day.
    pub min_age_days: u32,
    /// Last day.
    pub max_age_days: u32,
}

/// A respondent attribute and its allowed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    /// Attribute id (`sex`).
    pub id: String,
    /// Allowed values.
    pub values: Vec<String>,
}

/// Named cut-off profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiles {
    /// Profile used unless the context names another.
    pub default: String,
    /// All profiles.
    pub available: Vec<String>,
}

/// Provenance of the form's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Source {
    /// Questions written by the project, not a validated instrument.
    #[serde(default)]
    pub example_content: bool,
    /// Citation of a published instrument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// Licence of the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// Declaration of the text pack a form's `{ "key": … }` texts come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextPackDecl {
    /// Pack id.
    pub id: String,
    /// Every key the form uses.
    pub keys: Vec<String>,
}

/// A section grouping items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Section id.
    pub id: String,
    /// Title.
    pub title: Text,
}

/// Answer type of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemType {
    /// `true` / `false`.
    Boolean,
    /// One option value.
    Choice,
    /// Array of option values.
    Multi,
    /// Integral number.
    Integer,
    /// Number.
    Number,
    /// Free text.
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// Information only, no answer.
    Display,
}

/// One question (or display block).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Item {
    /// Item id.
    pub id: String,
    /// Answer type.
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Section id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Must be answered (or declined) for completeness.
    #[serde(default)]
    pub required: bool,
    /// May be declined.
    #[serde(default)]
    pub declinable: bool,
    /// Terminology code (e.g. LOINC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Question text.
    pub text: Text,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Options (choice, multi).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDef>,
    /// Score for `true` (boolean; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_true: Option<f64>,
    /// Score for `false` (boolean; default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score_false: Option<f64>,
    /// Minimum selections (multi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_selected: Option<u32>,
    /// Maximum selections (multi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_selected: Option<u32>,
    /// Minimum (number/integer: a number; date: a `YYYY-MM-DD` string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Value>,
    /// Maximum (number/integer: a number; date: a `YYYY-MM-DD` string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Value>,
    /// Maximum text length (text; default 2000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// Visibility condition (JsonLogic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_when: Option<Value>,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    /// Stable answer code.
    pub value: String,
    /// Score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Terminology code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Code system of `code` (default `http://loinc.org`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Text.
    pub text: Text,
}

/// Scale aggregation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Weighted sum of item scores.
    Sum,
    /// Mean of item scores.
    Mean,
    /// Number of items with a score > 0.
    Count,
}

/// What to do when too many items are missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Handling {
    /// Value `null` when more than `maxMissing` are missing.
    Invalid,
    /// Prorate the answered items to the visible ones.
    Prorate,
}

/// Rounding of a prorated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Round half up to an integer.
    #[default]
    HalfUp,
    /// No rounding.
    None,
}

/// Missing-data policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Missing {
    /// How many visible items may be missing.
    pub max_missing: u32,
    /// Handling.
    pub handling: Handling,
    /// Rounding of prorated values.
    #[serde(default)]
    pub rounding: Rounding,
}

/// A band of a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Band id.
    pub id: String,
    /// Lower bound (inclusive).
    pub min: f64,
    /// Upper bound (inclusive).
    pub max: f64,
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Terminology code of the band (e.g. a LOINC answer code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A cut-off entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cutoff {
    /// Profile id.
    pub profile: String,
    /// Attribute (and `locale`) values this entry applies to; none = fallback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<BTreeMap<String, String>>,
    /// Cut-off value (reached when the scale value ≥ it).
    pub value: f64,
}

/// A scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Scale id.
    pub id: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Terminology code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Items.
    pub items: Vec<String>,
    /// Method.
    pub method: Method,
    /// Per-item weights (default 1).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
    /// Missing-data policy (default: none may be missing, invalid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Missing>,
    /// Bands.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// Cut-offs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cutoffs: Vec<Cutoff>,
    /// What an item hidden by skip logic means for the scale.
    #[serde(default, rename = "hiddenItems")]
    pub hidden_items: HiddenItems,
}

/// What an item hidden by skip logic means for a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum HiddenItems {
    /// Leave it out: the scale is computed over the items shown.
    #[default]
    Skip,
    /// The scale has no value when any of its items was hidden.
    NotApplicable,
}

/// Finding severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Informational.
    Info,
    /// Screen positive.
    Positive,
    /// Needs urgent attention.
    Urgent,
}

/// A finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Finding id.
    pub id: String,
    /// Domain.
    pub domain: String,
    /// Severity.
    pub severity: Severity,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Condition (JsonLogic).
    pub when: Value,
}

/// An offer made to the family.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Offer {
    /// A talk at the child health centre.
    #[serde(rename_all = "camelCase")]
    BvcTalk {
        /// Together with social services.
        social_services: bool,
    },
    /// A home visit.
    #[serde(rename_all = "camelCase")]
    HomeVisit {
        /// Together with social services.
        social_services: bool,
    },
    /// A referral.
    Referral {
        /// Receiving service code.
        to: ReferralTo,
    },
    /// Written information.
    WrittenInfo {
        /// Topic.
        topic: String,
    },
}

impl Offer {
    /// The offer's kind as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Offer::BvcTalk { .. } => "bvc-talk",
            Offer::HomeVisit { .. } => "home-visit",
            Offer::Referral { .. } => "referral",
            Offer::WrittenInfo { .. } => "written-info",
        }
    }
}

/// Receiving services for a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferralTo {
    /// Adult psychiatry.
    AdultPsychiatry,
    /// Addiction care.
    AddictionCare,
    /// Economic support.
    EconomicSupport,
    /// Women's shelter.
    WomensShelter,
    /// Voluntary organisation.
    VoluntaryOrganisation,
    /// Social services.
    SocialServices,
    /// Child psychiatry.
    ChildPsychiatry,
    /// Family counselling.
    FamilyCounselling,
}

/// Urgent actions for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Contact the family the same day.
    SameDayContact,
    /// Consider a report of concern to social services.
    ConsiderReportOfConcern,
}

/// A rule: when → offers/actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Rule id.
    pub id: String,
    /// Priority (higher first).
    #[serde(default)]
    pub priority: i64,
    /// Condition (JsonLogic).
    pub when: Value,
    /// Offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// Urgent actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A form's own test case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Name.
    pub name: String,
    /// Respondent.
    #[serde(default)]
    pub respondent: Respondent,
    /// Context.
    #[serde(default)]
    pub context: Map<String, Value>,
    /// Answers.
    #[serde(default)]
    pub answers: Map<String, Value>,
    /// Expected results.
    #[serde(default)]
    pub expect: Expect,
}

/// Expected results of an example; every field optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// `complete | incomplete | invalid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<String>,
    /// Scale values (`null` = invalid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scales: Option<BTreeMap<String, Value>>,
    /// Bands (`null` = none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<BTreeMap<String, Value>>,
    /// Finding ids (exact set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<String>>,
    /// Offers (exact set): kinds, or whole offers to pin their fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offers: Option<Vec<ExpectOffer>>,
    /// Actions (exact set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
}

/// An expected offer: a kind (`"referral"`) or a whole offer (`{"kind": "referral",
/// "to": "addiction-care"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ExpectOffer {
    /// Any offer of this kind.
    Kind(String),
    /// Exactly this offer.
    Offer(Offer),
}

/// The respondent of a response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    /// Respondent id (e.g. `parent-1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Attributes (e.g. `sex`).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

/// One respondent's answers to a form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Form id (optional when the caller names the form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Form version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Respondent.
    #[serde(default)]
    pub respondent: Respondent,
    /// Context (`childAgeDays`, `locale`, `profile`, …).
    #[serde(default)]
    pub context: Map<String, Value>,
    /// Answers by item id; `{ "declined": true }` for a declined item.
    #[serde(default)]
    pub answers: Map<String, Value>,
}
