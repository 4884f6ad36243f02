//! A form's own test cases: run each example and compare with what it expects.
//!
//! Lives in the engine (not the CLI) so that every runner — `trygg test`, the WASM module,
//! an EHR vendor's CI — checks examples with the same code.

use crate::evaluate::evaluate;
use crate::form::CompiledForm;
use crate::model::{Example, ExpectOffer, Offer, Response};
use crate::outcome::Outcome;
use serde_json::Value;
use std::collections::BTreeSet;

/// The result of one example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResult {
    /// Index in the form's `examples`.
    pub index: usize,
    /// The example's name.
    pub name: String,
    /// Every mismatch, as readable lines; empty when the example passed.
    pub failures: Vec<String>,
    /// The outcome it produced.
    pub outcome: Outcome,
}

impl ExampleResult {
    /// Whether the outcome matched every expectation.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// The response an example describes.
pub fn response_of(example: &Example) -> Response {
    Response {
        form: None,
        version: None,
        respondent: example.respondent.clone(),
        context: example.context.clone(),
        answers: example.answers.clone(),
    }
}

/// Run every example of `form`.
pub fn run_examples(form: &CompiledForm) -> Vec<ExampleResult> {
    form.def()
        .examples
        .iter()
        .enumerate()
        .map(|(index, ex)| {
            let outcome = evaluate(form, &response_of(ex));
            ExampleResult {
                index,
                name: ex.name.clone(),
                failures: compare(ex, &outcome),
                outcome,
            }
        })
        .collect()
}

fn same_number(want: &Value, got: Option<f64>) -> bool {
    match (want.as_f64(), got) {
        (Some(w), Some(g)) => (w - g).abs() < 1e-9,
        (None, None) => want.is_null(),
        _ => false,
    }
}

fn set_diff(what: &str, want: &[String], got: BTreeSet<String>, failures: &mut Vec<String>) {
    let want: BTreeSet<String> = want.iter().cloned().collect();
    if want != got {
        let missing: Vec<&String> = want.difference(&got).collect();
        let extra: Vec<&String> = got.difference(&want).collect();
        failures.push(format!(
            "{what}: expected {want:?}, got {got:?} (missing {missing:?}, unexpected {extra:?})"
        ));
    }
}

fn compare(ex: &Example, o: &Outcome) -> Vec<String> {
    let x = &ex.expect;
    let mut failures = Vec::new();
    if let Some(c) = &x.completeness {
        if c != o.completeness.as_str() {
            let problems: Vec<String> = o
                .problems
                .iter()
                .map(|p| format!("{} {}", p.code, p.path))
                .collect();
            failures.push(format!(
                "completeness: expected {c}, got {} {problems:?}",
                o.completeness.as_str()
            ));
        }
    }
    for (id, want) in x.scales.iter().flatten() {
        let got = o.scale(id).and_then(|s| s.value);
        if !same_number(want, got) {
            failures.push(format!(
                "scale {id}: expected {want}, got {}",
                got.map_or("null".to_string(), crate::canonical::number_to_string)
            ));
        }
    }
    for (id, want) in x.bands.iter().flatten() {
        let got = o.scale(id).and_then(|s| s.band.clone());
        if want.as_str() != got.as_deref() {
            failures.push(format!(
                "band {id}: expected {want}, got {}",
                got.unwrap_or_else(|| "null".into())
            ));
        }
    }
    if let Some(want) = &x.findings {
        let got = o.findings.iter().map(|f| f.id.clone()).collect();
        set_diff("findings", want, got, &mut failures);
    }
    if let Some(want) = &x.offers {
        // Each expected entry must match some offer made, and each offer made must be
        // matched by some entry: a kind matches any offer of that kind.
        let matches = |e: &ExpectOffer, got: &Offer| match e {
            ExpectOffer::Kind(k) => got.kind() == k,
            ExpectOffer::Offer(w) => w == got,
        };
        let show = |o: &Offer| serde_json::to_string(o).unwrap_or_default();
        let made: Vec<&Offer> = o.offers.iter().map(|f| &f.offer).collect();
        let missing: Vec<String> = want
            .iter()
            .filter(|e| !made.iter().any(|g| matches(e, g)))
            .map(|e| match e {
                ExpectOffer::Kind(k) => k.clone(),
                ExpectOffer::Offer(w) => show(w),
            })
            .collect();
        let extra: Vec<String> = made
            .iter()
            .filter(|g| !want.iter().any(|e| matches(e, g)))
            .map(|g| show(g))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!("offers: missing {missing:?}, unexpected {extra:?}"));
        }
    }
    if let Some(want) = &x.actions {
        let got = o
            .actions
            .iter()
            .map(|a| {
                serde_json::to_value(a.action)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            })
            .collect();
        set_diff("actions", want, got, &mut failures);
    }
    failures
}
