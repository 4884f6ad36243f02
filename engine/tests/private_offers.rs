//! Private offers: held with one respondent alone, never merged with another's.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg::Response;

fn form() -> trygg::CompiledForm {
    let t = |sv: &str, en: &str| json!({ "sv": sv, "en": en });
    trygg::compile(&json!({
        "id": "offers-test", "version": "1.0.0", "status": "active",
        "title": t("Test", "Test"), "locales": ["sv", "en"], "respondent": "each-parent",
        "items": [
            { "id": "violence_now", "type": "boolean", "text": t("Våld nu?", "Violence now?") },
            { "id": "tired", "type": "boolean", "text": t("Trött?", "Tired?") }
        ],
        "findings": [
            { "id": "violence", "domain": "violence", "severity": "urgent",
              "when": { "===": [{ "var": "answers.violence_now" }, true] } },
            { "id": "tired", "domain": "stress", "severity": "positive",
              "when": { "===": [{ "var": "answers.tired" }, true] } }
        ],
        "rules": [
            { "id": "violence", "priority": 90, "when": { "var": "findings.violence" },
              "offers": [ { "kind": "bvc-talk", "socialServices": false, "private": true } ] },
            { "id": "tired", "priority": 10, "when": { "var": "findings.tired" },
              "offers": [ { "kind": "bvc-talk", "socialServices": false },
                          { "kind": "written-info", "topic": "stress" } ] }
        ]
    }))
    .unwrap()
}

fn parent(id: &str, violence: bool, tired: bool) -> Response {
    serde_json::from_value(json!({
        "respondent": { "id": id },
        "answers": { "violence_now": violence, "tired": tired }
    }))
    .unwrap()
}

fn talks(summary: &Value) -> Vec<Value> {
    summary["offers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "bvc-talk")
        .map(|o| json!({ "private": o.get("private"), "respondents": o["respondents"] }))
        .collect()
}

fn summary(responses: &[Response]) -> Value {
    let family = trygg::evaluate_family(&form(), responses).unwrap();
    serde_json::from_str(&family.summary().to_json()).unwrap()
}

#[test]
fn a_private_offer_is_never_merged_with_the_other_parents_same_offer() {
    let s = summary(&[
        parent("parent-1", false, true),
        parent("parent-2", true, false),
    ]);
    // Violence (urgent, priority 90) ranks first: parent-2's talk alone, then parent-1's.
    assert_eq!(
        talks(&s),
        [
            json!({ "private": true, "respondents": ["parent-2"] }),
            json!({ "private": null, "respondents": ["parent-1"] }),
        ]
    );
}

#[test]
fn two_private_offers_of_the_same_kind_stay_apart() {
    let s = summary(&[
        parent("parent-1", true, false),
        parent("parent-2", true, false),
    ]);
    assert_eq!(
        talks(&s),
        [
            json!({ "private": true, "respondents": ["parent-1"] }),
            json!({ "private": true, "respondents": ["parent-2"] }),
        ]
    );
}

#[test]
fn offers_that_are_not_private_still_merge() {
    let s = summary(&[
        parent("parent-1", false, true),
        parent("parent-2", false, true),
    ]);
    assert_eq!(
        talks(&s),
        [json!({ "private": null, "respondents": ["parent-1", "parent-2"] })]
    );
    // Nothing private anywhere: the key is not written at all.
    assert!(!s.to_string().contains("private"));
}

#[test]
fn within_one_outcome_an_offer_any_rule_holds_alone_is_private() {
    let form = form();
    let o = trygg::evaluate(&form, &parent("parent-1", true, true));
    let talk: Vec<_> = o
        .offers
        .iter()
        .filter(|x| x.offer.kind() == "bvc-talk")
        .collect();
    assert_eq!(talk.len(), 1);
    assert!(talk[0].private);
    assert_eq!(talk[0].because.len(), 2);
    let info = o
        .offers
        .iter()
        .find(|x| x.offer.kind() == "written-info")
        .unwrap();
    assert!(!info.private);
    let v: Value = serde_json::from_str(&o.to_json()).unwrap();
    assert_eq!(v["offers"][0]["private"], json!(true));
    assert!(v["offers"][1].get("private").is_none());
    // The summary: parent-1's talk (private) and parent-2's ordinary talk, apart.
    let s = summary(&[
        parent("parent-1", true, true),
        parent("parent-2", false, true),
    ]);
    assert_eq!(
        talks(&s),
        [
            json!({ "private": true, "respondents": ["parent-1"] }),
            json!({ "private": null, "respondents": ["parent-2"] }),
        ]
    );
}

#[test]
fn private_must_be_a_boolean_and_round_trips() {
    let bad = json!({
        "id": "x", "version": "1.0.0", "status": "active", "title": { "en": "x" },
        "locales": ["en"], "respondent": "single",
        "items": [ { "id": "a", "type": "boolean", "text": { "en": "a" } } ],
        "rules": [ { "id": "r", "when": { "var": "answers.a" },
                     "offers": [ { "kind": "bvc-talk", "socialServices": false,
                                   "private": "yes" } ] } ]
    });
    let e = trygg::compile(&bad).unwrap_err();
    assert_eq!(e.0[0].code, "form.invalid", "{e:?}");
    assert!(e.0[0].message.contains("private"), "{e:?}");
    // The model writes `private` back only when true.
    let def = form().def().clone();
    let v = serde_json::to_value(&def.rules).unwrap();
    assert_eq!(v[0]["offers"][0]["private"], json!(true));
    assert!(v[1]["offers"][0].get("private").is_none());
}
