//! A session's outcome after any sequence of changes is, byte for byte, a fresh
//! `evaluate` of the same answers — on the shipped 6–8 week forms, the largest there are,
//! with random valid, invalid, declined and cleared answers to random items. The session
//! re-tests only the findings and rules whose inputs changed and shares their traces, so
//! this is what keeps that shortcut honest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::Arc;

use proptest::prelude::*;
use serde_json::{json, Value};
use trygg::model::{ItemType, Respondent};
use trygg::{CompiledForm, Session};

fn load(version: &str) -> Arc<CompiledForm> {
    let path = format!(
        "{}/../forms/trygg-start/6-8w/{version}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Arc::new(trygg::load(&std::fs::read_to_string(path).unwrap()).unwrap())
}

/// A value for `item`, picked by `pick`: mostly valid answers, some invalid, some
/// declines and clears.
fn value_for(form: &CompiledForm, item: usize, pick: usize) -> Value {
    let it = &form.def().items[item];
    match pick % 8 {
        0 => Value::Null,
        1 => json!({ "declined": true }),
        2 => json!("not-an-option"),
        _ => match it.kind {
            ItemType::Boolean => json!(pick % 2 == 0),
            ItemType::Choice if !it.options.is_empty() => {
                json!(it.options[pick % it.options.len()].value)
            }
            ItemType::Multi if !it.options.is_empty() => {
                json!([it.options[pick % it.options.len()].value])
            }
            ItemType::Integer | ItemType::Number => json!(pick % 5),
            ItemType::Date => json!("2026-01-15"),
            _ => json!("text"),
        },
    }
}

fn check(form: &Arc<CompiledForm>, context: usize, steps: &[(usize, usize)]) {
    let contexts = [
        json!({}),
        json!({ "locale": "en", "childAgeDays": 50 }),
        json!({ "childAgeDays": -1 }),
    ];
    let example = form.def().examples.first();
    let respondent = example.map(|e| e.respondent.clone()).unwrap_or_default();
    let context = contexts[context % contexts.len()]
        .as_object()
        .unwrap()
        .clone();
    let mut s = Session::new(Arc::clone(form), respondent, context);
    // Start from an example's answers (a filled-in form), then change things.
    if let Some(e) = example {
        for (id, v) in &e.answers {
            s.set(id, v.clone()).unwrap();
        }
    }
    let n = form.def().items.len();
    for &(item, pick) in steps {
        let id = form.def().items[item % n].id.clone();
        let _ = s.set(&id, value_for(form, item % n, pick));
        let fresh = trygg::evaluate(form, s.response()).to_json();
        assert_eq!(s.outcome().to_json(), fresh, "after set({id})");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn session_outcome_is_a_fresh_evaluation_6_8w_1_1(
        context in 0usize..3,
        steps in proptest::collection::vec((0usize..64, 0usize..64), 1..30),
    ) {
        check(&load("1.1.0"), context, &steps);
    }

    #[test]
    fn session_outcome_is_a_fresh_evaluation_6_8w_1_0(
        context in 0usize..3,
        steps in proptest::collection::vec((0usize..64, 0usize..64), 1..30),
    ) {
        check(&load("1.0.0"), context, &steps);
    }
}

#[test]
fn a_respondent_without_answers_gets_the_same_outcome() {
    let form = load("1.1.0");
    let s = Session::new(Arc::clone(&form), Respondent::default(), Default::default());
    assert_eq!(
        s.outcome().to_json(),
        trygg::evaluate(&form, s.response()).to_json()
    );
}
