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

/// `as_str()` (the name as written in form JSON) and `ALL` (every value, in declaration
/// order) for a unit enum: the one source of these names for the compiler's checks, the
/// CLI and the TypeScript types (a test checks them against serde, the JSON Schema and
/// the `.d.ts`). A new variant does not compile until it is named here.
macro_rules! names {
    ($($t:ident { $($v:ident = $s:literal),* $(,)? })*) => {$(
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            /// The name as written in form JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $s),*
                }
            }
        }
    )*};
}

names! {
    Status { Draft = "draft", Pilot = "pilot", Active = "active", Retired = "retired" }
    RespondentMode { Single = "single", EachParent = "each-parent" }
    ItemType { Boolean = "boolean", Choice = "choice", Multi = "multi", Integer = "integer", Number = "number", Text = "text", Date = "date", Display = "display" }
    Method { Sum = "sum", Mean = "mean", Count = "count" }
    Handling { Invalid = "invalid", Prorate = "prorate" }
    Rounding { HalfUp = "half-up", None = "none" }
    HiddenItems { Skip = "skip", NotApplicable = "not-applicable" }
    Severity { Info = "info", Positive = "positive", Urgent = "urgent" }
    ReferralTo { AdultPsychiatry = "adult-psychiatry", AddictionCare = "addiction-care", EconomicSupport = "economic-support", WomensShelter = "womens-shelter", VoluntaryOrganisation = "voluntary-organisation", SocialServices = "social-services", ChildPsychiatry = "child-psychiatry", FamilyCounselling = "family-counselling" }
    Action { SameDayContact = "same-day-contact", ConsiderReportOfConcern = "consider-report-of-concern" }
}

/// Publication state of one form version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Handling {
    /// Value `null` when more than `maxMissing` are missing.
    Invalid,
    /// Prorate the answered items to the visible ones.
    Prorate,
}

/// Rounding of a prorated value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
    /// Enrolment in an extended home-visiting programme (see `programme`).
    ProgrammeEnrolment {
        /// Programme id.
        programme: String,
        /// Programme version.
        version: String,
    },
}

impl Offer {
    /// Every offer kind, as written in JSON (`kind`).
    pub const KINDS: &'static [&'static str] = &[
        "bvc-talk",
        "home-visit",
        "referral",
        "written-info",
        "programme-enrolment",
    ];

    /// A short readable label that tells offers apart by their fields: `bvc-talk`,
    /// `bvc-talk + social services`, `referral: adult-psychiatry`, `written-info: <topic>`.
    /// The one label every text report uses (`trygg score`, `trygg diff`).
    pub fn label(&self) -> String {
        let social = |s: bool| if s { " + social services" } else { "" };
        match self {
            Offer::BvcTalk { social_services } => format!("bvc-talk{}", social(*social_services)),
            Offer::HomeVisit { social_services } => {
                format!("home-visit{}", social(*social_services))
            }
            Offer::Referral { to } => format!("referral: {}", to.as_str()),
            Offer::WrittenInfo { topic } => format!("written-info: {topic}"),
            Offer::ProgrammeEnrolment { programme, version } => {
                format!("programme-enrolment: {programme}@{version}")
            }
        }
    }

    /// The offer's kind as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Offer::BvcTalk { .. } => "bvc-talk",
            Offer::HomeVisit { .. } => "home-visit",
            Offer::Referral { .. } => "referral",
            Offer::WrittenInfo { .. } => "written-info",
            Offer::ProgrammeEnrolment { .. } => "programme-enrolment",
        }
    }
}

/// Receiving services for a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Action {
    /// Contact the family the same day.
    SameDayContact,
    /// Consider a report of concern to social services.
    ConsiderReportOfConcern,
}

/// An offer as a rule makes it: the offer, and whether it is held with the respondent alone.
///
/// Written as the offer object with an optional `"private": true`. A private offer (a talk
/// about violence, a referral to a women's shelter) must never be merged with another
/// respondent's offer or shown where the partner could see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RuleOffer {
    /// The offer.
    pub offer: Offer,
    /// Held with the respondent alone.
    pub private: bool,
}

impl Serialize for RuleOffer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let mut v = serde_json::to_value(&self.offer).map_err(S::Error::custom)?;
        if self.private {
            if let Value::Object(m) = &mut v {
                m.insert("private".into(), Value::Bool(true));
            }
        }
        v.serialize(s)
    }
}

impl<'de> Deserialize<'de> for RuleOffer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let mut map = Map::<String, Value>::deserialize(d)?;
        let private = match map.remove("private") {
            None => false,
            Some(Value::Bool(b)) => b,
            Some(_) => return Err(D::Error::custom("`private` must be true or false")),
        };
        let offer = Offer::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(RuleOffer { offer, private })
    }
}

/// A rule: when → offers/actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Rule id.
    pub id: String,
    /// Human title for people reading reasons (the id stays the stable reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Priority (higher first).
    #[serde(default)]
    pub priority: i64,
    /// Condition (JsonLogic).
    pub when: Value,
    /// Offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<RuleOffer>,
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

/// A `YYYY-MM-DD` calendar date as (year, month, day).
pub(crate) fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if s.get(0..4)?.bytes().all(|c| c.is_ascii_digit()) && (1..=days).contains(&d) {
        Some((y, m, d))
    } else {
        None
    }
}
