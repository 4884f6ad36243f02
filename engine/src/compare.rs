//! Comparing form versions: what changed between two definitions, how one response's
//! outcome changes between them, and carrying a response's answers over to another version.
//!
//! Pure functions over the model and outcomes, so every caller — `trygg diff`, the WASM
//! preview of a pilot version, an EHR vendor's own tooling — compares the same way.

use crate::form::CompiledForm;
use crate::model::{Action, FormDef, Offer, Response};
use crate::outcome::{Completeness, FindingResult, OfferResult, Outcome};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// How one response's outcome differs between two form versions.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeChange {
    /// Completeness before and after, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completeness: Option<(Completeness, Completeness)>,
    /// Findings made only after (with the reason from the second outcome).
    pub findings_added: Vec<FindingResult>,
    /// Findings made only before (with the reason from the first outcome).
    pub findings_removed: Vec<FindingResult>,
    /// Offers made only after (with the rules that led to them).
    pub offers_added: Vec<OfferResult>,
    /// Offers made only before.
    pub offers_removed: Vec<OfferResult>,
    /// Urgent actions only after.
    pub actions_added: Vec<Action>,
    /// Urgent actions only before.
    pub actions_removed: Vec<Action>,
    /// Scales whose value differs (or that exist in one version only).
    pub scales: Vec<ScaleChange>,
}

/// A scale whose value differs between two outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleChange {
    /// Scale id.
    pub id: String,
    /// Value before (`None` when invalid, not applicable or not in that version).
    pub before: Option<f64>,
    /// Value after.
    pub after: Option<f64>,
}

impl OutcomeChange {
    /// Whether what the clinician acts on changed: completeness, findings, offers or
    /// actions. (Scale values alone moving within the same result do not count.)
    pub fn changes_outcome(&self) -> bool {
        self.completeness.is_some()
            || !self.findings_added.is_empty()
            || !self.findings_removed.is_empty()
            || !self.offers_added.is_empty()
            || !self.offers_removed.is_empty()
            || !self.actions_added.is_empty()
            || !self.actions_removed.is_empty()
    }
}

/// Compare the outcomes of one response under two form versions (`before`, `after`).
pub fn compare_outcomes(before: &Outcome, after: &Outcome) -> OutcomeChange {
    let fa: BTreeSet<&str> = before.findings.iter().map(|f| f.id.as_str()).collect();
    let fb: BTreeSet<&str> = after.findings.iter().map(|f| f.id.as_str()).collect();
    let oa: BTreeSet<&Offer> = before.offers.iter().map(|o| &o.offer).collect();
    let ob: BTreeSet<&Offer> = after.offers.iter().map(|o| &o.offer).collect();
    let aa: BTreeSet<Action> = before.actions.iter().map(|a| a.action).collect();
    let ab: BTreeSet<Action> = after.actions.iter().map(|a| a.action).collect();
    let mut scales = Vec::new();
    for s in &before.scales {
        let other = after.scale(&s.id).and_then(|x| x.value);
        if !same(s.value, other) || after.scale(&s.id).is_none() {
            scales.push(ScaleChange {
                id: s.id.clone(),
                before: s.value,
                after: other,
            });
        }
    }
    for s in &after.scales {
        if before.scale(&s.id).is_none() {
            scales.push(ScaleChange {
                id: s.id.clone(),
                before: None,
                after: s.value,
            });
        }
    }
    OutcomeChange {
        completeness: (before.completeness != after.completeness)
            .then_some((before.completeness, after.completeness)),
        findings_added: after
            .findings
            .iter()
            .filter(|f| !fa.contains(f.id.as_str()))
            .cloned()
            .collect(),
        findings_removed: before
            .findings
            .iter()
            .filter(|f| !fb.contains(f.id.as_str()))
            .cloned()
            .collect(),
        offers_added: after
            .offers
            .iter()
            .filter(|o| !oa.contains(&o.offer))
            .cloned()
            .collect(),
        offers_removed: before
            .offers
            .iter()
            .filter(|o| !ob.contains(&o.offer))
            .cloned()
            .collect(),
        actions_added: ab.difference(&aa).copied().collect(),
        actions_removed: aa.difference(&ab).copied().collect(),
        scales,
    }
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

/// One response scored under two versions: its answers carried to each by item id
/// ([`carry_answers`]), each side evaluated, and how the outcome changes
/// ([`compare_outcomes`]). The one comparison every shell uses (`trygg diff`, the host's
/// `compare_versions`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseComparison {
    /// The outcome under the first version.
    pub from: Outcome,
    /// The outcome under the second version.
    pub to: Outcome,
    /// Answers to items the second version does not have (dropped when carried to it).
    pub dropped: Vec<String>,
    /// Answers to items the first version does not have.
    pub dropped_from: Vec<String>,
    /// Findings, offers and actions gained and lost from `from` to `to`.
    pub change: OutcomeChange,
    /// The response as carried to `from` (what `from` was evaluated on; for explanations).
    #[serde(skip)]
    pub from_response: Response,
    /// The response as carried to `to`.
    #[serde(skip)]
    pub to_response: Response,
}

impl ResponseComparison {
    /// Canonical JSON (RFC 8785) of `{ from, to, dropped, droppedFrom, change }`.
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }
}

/// Score `response` under `from` and `to` (see [`ResponseComparison`]).
pub fn compare_response(
    response: &Response,
    from: &CompiledForm,
    to: &CompiledForm,
) -> ResponseComparison {
    let (ra, dropped_from) = carry_answers(response, from);
    let (rb, dropped) = carry_answers(response, to);
    let (a, b) = (crate::evaluate(from, &ra), crate::evaluate(to, &rb));
    let change = compare_outcomes(&a, &b);
    ResponseComparison {
        from: a,
        to: b,
        dropped,
        dropped_from,
        change,
        from_response: ra,
        to_response: rb,
    }
}

/// A response carried over to `form`: answers to items the form has are kept (by item
/// id), the others dropped and returned; `form`/`version` are cleared, since the caller
/// scores it under a version of its choosing on purpose.
pub fn carry_answers(response: &Response, form: &CompiledForm) -> (Response, Vec<String>) {
    let mut answers = Map::new();
    let mut dropped = Vec::new();
    for (id, v) in &response.answers {
        if form.item_index(id).is_some() {
            answers.insert(id.clone(), v.clone());
        } else {
            dropped.push(id.clone());
        }
    }
    (
        Response {
            form: None,
            version: None,
            respondent: response.respondent.clone(),
            context: response.context.clone(),
            answers,
        },
        dropped,
    )
}

/// What changed between two form definitions, per kind of entry.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FormChanges {
    /// Top-level settings (status, check-up window, attributes, profiles, locales, …).
    pub form: Vec<FieldChange>,
    /// Items.
    pub items: EntryChanges,
    /// Scales.
    pub scales: EntryChanges,
    /// Findings.
    pub findings: EntryChanges,
    /// Rules.
    pub rules: EntryChanges,
}

/// Added, removed and changed entries of one kind (matched by id).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EntryChanges {
    /// Ids only in the second definition, in its order.
    pub added: Vec<String>,
    /// Ids only in the first definition, in its order.
    pub removed: Vec<String>,
    /// Changed fields of entries in both, in the second definition's order.
    pub changed: Vec<FieldChange>,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The entry's id (empty for top-level settings).
    pub id: String,
    /// The field (`cutoffs`, `enableWhen`, `options`, `text`, …).
    pub field: String,
    /// Its value before (`null` when absent).
    pub before: Value,
    /// Its value after (`null` when absent).
    pub after: Value,
}

/// Top-level fields not compared (they identify the version, hold the entries compared
/// one by one, or are the form's own test cases).
const NOT_COMPARED: [&str; 9] = [
    "$schema", "id", "version", "items", "scales", "findings", "rules", "examples", "sections",
];

/// Compare two form definitions (`before`, `after`).
pub fn compare_forms(before: &FormDef, after: &FormDef) -> FormChanges {
    let a = serde_json::to_value(before).unwrap_or(Value::Null);
    let b = serde_json::to_value(after).unwrap_or(Value::Null);
    let mut form = Vec::new();
    if let (Some(ma), Some(mb)) = (a.as_object(), b.as_object()) {
        let keys: BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
        for k in keys {
            if NOT_COMPARED.contains(&k.as_str()) {
                continue;
            }
            let (x, y) = (ma.get(k), mb.get(k));
            if x != y {
                form.push(FieldChange {
                    id: String::new(),
                    field: k.clone(),
                    before: x.cloned().unwrap_or(Value::Null),
                    after: y.cloned().unwrap_or(Value::Null),
                });
            }
        }
    }
    FormChanges {
        form,
        items: entries(&a, &b, "items"),
        scales: entries(&a, &b, "scales"),
        findings: entries(&a, &b, "findings"),
        rules: entries(&a, &b, "rules"),
    }
}

fn entries(a: &Value, b: &Value, key: &str) -> EntryChanges {
    let list = |v: &Value| -> Vec<(String, Map<String, Value>)> {
        v.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let m = e.as_object()?;
                Some((m.get("id")?.as_str()?.to_string(), m.clone()))
            })
            .collect()
    };
    let (la, lb) = (list(a), list(b));
    let find = |l: &[(String, Map<String, Value>)], id: &str| {
        l.iter().find(|(i, _)| i == id).map(|(_, m)| m.clone())
    };
    let mut out = EntryChanges::default();
    for (id, mb) in &lb {
        match find(&la, id) {
            None => out.added.push(id.clone()),
            Some(ma) => {
                let keys: BTreeSet<&String> = ma.keys().chain(mb.keys()).collect();
                for k in keys {
                    let (x, y) = (ma.get(k), mb.get(k));
                    if x != y {
                        out.changed.push(FieldChange {
                            id: id.clone(),
                            field: k.clone(),
                            before: x.cloned().unwrap_or(Value::Null),
                            after: y.cloned().unwrap_or(Value::Null),
                        });
                    }
                }
            }
        }
    }
    for (id, _) in &la {
        if find(&lb, id).is_none() {
            out.removed.push(id.clone());
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn mini() -> CompiledForm {
        crate::load(include_str!("../tests/fixtures/mini.json")).unwrap()
    }

    fn mini_v2() -> CompiledForm {
        let text = include_str!("../tests/fixtures/mini.json")
            .replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"")
            .replace(
                "\"cutoffs\": [ { \"profile\": \"se\", \"value\": 2 } ]",
                "\"cutoffs\": [ { \"profile\": \"se\", \"value\": 3 } ]",
            )
            .replace(
                "{ \"id\": \"low\", \"min\": 0, \"max\": 1 }, { \"id\": \"high\", \"min\": 2,",
                "{ \"id\": \"low\", \"min\": 0, \"max\": 2 }, { \"id\": \"high\", \"min\": 3,",
            );
        crate::load(&text).unwrap()
    }

    #[test]
    fn a_cutoff_change_shows_in_the_definition_and_the_outcome() {
        let (a, b) = (mini(), mini_v2());
        let ch = compare_forms(a.def(), b.def());
        // The cut-off moved to 3, and the bands with it (a cut-off may not split a band).
        let fields: Vec<&str> = ch.scales.changed.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["bands", "cutoffs"]);
        assert_eq!(ch.scales.changed[1].after[0]["value"].as_f64(), Some(3.0));
        assert!(ch.items.added.is_empty() && ch.form.is_empty());

        let r: Response = serde_json::from_str(
            r#"{"version":"1.0.0","answers":{"mood1":"1","mood2":"1","harm":false,"gone":true}}"#,
        )
        .unwrap();
        let (ra, dropped) = carry_answers(&r, &a);
        assert_eq!(dropped, vec!["gone".to_string()]);
        assert_eq!(ra.version, None);
        let (rb, _) = carry_answers(&r, &b);
        let change = compare_outcomes(&crate::evaluate(&a, &ra), &crate::evaluate(&b, &rb));
        assert!(change.changes_outcome());
        assert_eq!(change.findings_removed[0].id, "low_mood");
        assert!(change.findings_added.is_empty());
        assert_eq!(change.offers_removed.len(), 2);
        assert_eq!(change.offers_removed[0].because[0].rule, "mood-talk");
        assert!(
            change.scales.is_empty(),
            "the value is the same: {change:?}"
        );

        let same = crate::evaluate(&a, &ra);
        assert!(!compare_outcomes(&same, &same).changes_outcome());
    }
}
