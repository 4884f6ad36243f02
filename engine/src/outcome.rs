//! The outcome of evaluating one response: what was found, what to offer, and why.
//!
//! An outcome names exactly what produced it (form id, version, content hash, engine
//! version) so a stored result can be reproduced. Its canonical JSON ([`Outcome::to_json`],
//! RFC 8785) is the same bytes on every runtime: the cross-runtime vectors compare it.
//!
//! The serialized types declare their fields in canonical key order (UTF-16 order of the
//! names as written), so the canonical writer emits each object as it goes and never sorts
//! and copies it back: about an eighth of the work per line of `trygg batch`. The one
//! exception is [`OfferResult`], whose flattened offer fields cannot all be placed so; it is
//! sorted like any map. `tests/canonical_outputs.rs` keeps the order true.

use crate::model::{Action, Offer, Severity};
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::Arc;

/// The engine's name and version as written into outcomes.
pub const ENGINE: &str = concat!("trygg ", env!("CARGO_PKG_VERSION"));

/// Whether a response is usable as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Completeness {
    /// Every visible required item answered or declined, and no problems.
    Complete,
    /// Some visible required item is unanswered.
    Incomplete,
    /// The response has problems (wrong types, unknown items, …).
    Invalid,
}

impl Completeness {
    /// Every value, in declaration order.
    pub const ALL: &'static [Completeness] = &[
        Completeness::Complete,
        Completeness::Incomplete,
        Completeness::Invalid,
    ];

    /// As written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Completeness::Complete => "complete",
            Completeness::Incomplete => "incomplete",
            Completeness::Invalid => "invalid",
        }
    }
}

/// Which form version produced an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormRef {
    /// Content hash of the definition.
    pub hash: String,
    /// Form id.
    pub id: String,
    /// Form version.
    pub version: String,
}

/// A located problem with the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable code, e.g. `answer.not_an_option`.
    pub code: &'static str,
    /// The item concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What is wrong.
    pub message: String,
    /// JSON pointer into the response.
    pub path: String,
}

/// An answer that was given but not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// Item id.
    pub item: String,
    /// Why (`hidden`: the item was not shown under the skip logic).
    pub reason: &'static str,
}

/// How a scale's missing items were handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Handling {
    /// Nothing missing.
    Complete,
    /// Some missing, within the policy: the answered items alone.
    AnsweredOnly,
    /// Some missing, within the policy: prorated to the visible items.
    Prorated,
    /// Too many missing: no value.
    Invalid,
    /// No item of the scale was shown: no value.
    NotApplicable,
}

/// The cut-off applied to a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutoffResult {
    /// Profile.
    pub profile: String,
    /// Whether the scale value reached it (`null` when the scale has no value).
    pub reached: Option<bool>,
    /// Cut-off value.
    pub value: f64,
}

/// One scale's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleResult {
    /// Items answered.
    pub answered: u32,
    /// Band id.
    pub band: Option<String>,
    /// The cut-off applied, when the scale has cut-offs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<CutoffResult>,
    /// How missing items were handled.
    pub handling: Handling,
    /// Items hidden by skip logic.
    pub hidden: u32,
    /// Scale id.
    pub id: String,
    /// Visible items missing (unanswered or declined).
    pub missing: u32,
    /// Value (`null` when invalid or not applicable).
    pub value: Option<f64>,
}

/// A part of an outcome shared with the compiled form or with other outcomes instead of
/// copied (an [`Arc`]): reads and serializes as the value it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Shared<T> {
    /// Share `value`.
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Why a finding was made: the condition and the values it read.
///
/// Both are [`Shared`], not copied: the condition with the compiled form, the values read
/// with every other outcome (of a [`crate::Session`]) that read the same.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Because {
    /// Every variable the condition read, with its value.
    pub read: Shared<Map<String, Value>>,
    /// The condition as written in the form.
    pub when: Shared<Value>,
}

/// A finding that was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingResult {
    /// Why.
    pub because: Because,
    /// Domain.
    pub domain: String,
    /// Finding id.
    pub id: String,
    /// Severity.
    pub severity: Severity,
}

/// A rule that fired, as a reason for an offer or action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleFired {
    /// The findings the rule read that were made.
    pub findings: Vec<String>,
    /// Every variable the rule read, with its value (shared by every offer and action
    /// the rule led to).
    pub read: Shared<Map<String, Value>>,
    /// Rule id.
    pub rule: String,
}

/// An offer with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferResult {
    /// The offer.
    #[serde(flatten)]
    pub offer: Offer,
    /// Held with the respondent alone (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// The rules that led to it, in firing order.
    pub because: Vec<RuleFired>,
}

/// An urgent action with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionResult {
    /// The action.
    pub action: Action,
    /// The rules that led to it, in firing order.
    pub because: Vec<RuleFired>,
}

/// The outcome of one response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Urgent actions, de-duplicated, in firing order.
    pub actions: Vec<ActionResult>,
    /// Completeness.
    pub completeness: Completeness,
    /// The engine version.
    pub engine: &'static str,
    /// Findings made, in form order.
    pub findings: Vec<FindingResult>,
    /// The form version.
    pub form: FormRef,
    /// Answers not used.
    pub ignored: Vec<Ignored>,
    /// The locale of the response.
    pub locale: String,
    /// Offers, merged and de-duplicated, in firing order.
    pub offers: Vec<OfferResult>,
    /// Problems with the response.
    pub problems: Vec<Problem>,
    /// The cut-off profile used.
    pub profile: Option<String>,
    /// Respondent id, when given.
    pub respondent: Option<String>,
    /// Scales in form order.
    pub scales: Vec<ScaleResult>,
}

impl Outcome {
    /// As a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Canonical JSON (RFC 8785): the same bytes on every runtime.
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }

    /// The scale result with this id.
    pub fn scale(&self, id: &str) -> Option<&ScaleResult> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// Whether the finding was made.
    pub fn has_finding(&self, id: &str) -> bool {
        self.findings.iter().any(|f| f.id == id)
    }
}
