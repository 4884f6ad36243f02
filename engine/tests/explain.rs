//! Explanations: reasons in words, urgent first, licensed wording only from a text pack.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg::{CompiledForm, Response, TextPack};

fn load(path: &str) -> CompiledForm {
    trygg::load(&std::fs::read_to_string(format!("../forms/{path}")).unwrap()).unwrap()
}

fn response(v: Value) -> Response {
    serde_json::from_value(v).unwrap()
}

fn start() -> CompiledForm {
    load("trygg-start/6-8w/1.0.0.json")
}

/// Ongoing violence and low mood, from a woman.
fn disclosed() -> Response {
    response(json!({
        "respondent": { "id": "parent-1", "attributes": { "sex": "female" } },
        "context": { "childAgeDays": 50 },
        "answers": { "phq9_1": "2", "phq9_2": "1", "violence_ever": true, "violence_now": true }
    }))
}

fn explained(form: &CompiledForm, r: &Response, locale: &str, packs: &[&TextPack]) -> Value {
    let e = trygg::explain_response(form, r, locale, packs);
    serde_json::from_str(&e.to_json()).unwrap()
}

#[test]
fn urgent_actions_and_findings_come_first_in_words() {
    let e = explained(&start(), &disclosed(), "sv", &[]);
    assert_eq!(e["locale"], "sv");
    assert_eq!(e["urgent"], true);
    assert_eq!(e["actions"][0]["text"], "Kontakt samma dag");
    // The urgent finding is first although the form lists low mood before it.
    assert_eq!(e["findings"][0]["id"], "violence_ongoing");
    assert_eq!(e["findings"][0]["urgent"], true);
    assert_eq!(
        e["findings"][0]["title"],
        "Pågående våld i nära relation (senaste året)"
    );
    // The question and the answer in words, not `answers.violence_now = true`.
    let reason = &e["findings"][0]["reasons"][0];
    assert_eq!(reason["kind"], "answer");
    assert_eq!(reason["item"], "violence_now");
    assert_eq!(reason["answer"], "Ja");
    assert!(reason["text"].as_str().unwrap().len() > 10);
    // The talk about violence is private and urgent, and listed before the mood offers.
    let first = &e["offers"][0];
    assert_eq!(first["offer"]["kind"], "bvc-talk");
    assert_eq!(first["private"], true);
    assert_eq!(first["urgent"], true);
    assert_eq!(first["text"], "Samtal på BVC (utan socialtjänsten)");
    assert_eq!(
        first["rules"][0]["title"],
        "Pågående våld: kontakt samma dag, samtal med föräldern ensam"
    );
    // Scale values with band label and cut-off.
    let low = e["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "low_mood")
        .unwrap();
    let scale = &low["reasons"][0];
    assert_eq!(scale["kind"], "scale");
    assert_eq!(scale["value"], json!(3));
    assert_eq!(scale["bandText"], "Vid eller över gränsvärdet");
    assert_eq!(scale["cutoff"]["value"], json!(3));
    assert_eq!(scale["cutoff"]["reached"], true);
}

#[test]
fn english_and_fallback_locales() {
    let form = start();
    let en = explained(&form, &disclosed(), "en", &[]);
    assert_eq!(en["actions"][0]["text"], "Same-day contact");
    assert_eq!(en["findings"][0]["reasons"][0]["answer"], "Yes");
    assert_eq!(
        en["offers"][0]["text"],
        "Talk at the BVC (without social services)"
    );
    // A locale the form lacks falls back to its first (sv), as texts do.
    let de = explained(&form, &disclosed(), "de", &[]);
    assert_eq!(de["locale"], "sv");
    assert_eq!(de["actions"][0]["text"], "Kontakt samma dag");
    // Plain text: urgent marked by word and sign, first; no engine terms.
    let text = trygg::explain_response(&form, &disclosed(), "en", &[]).to_text();
    let urgent_at = text.find("⚠ URGENT").unwrap();
    assert!(urgent_at < text.find("Findings:").unwrap(), "{text}");
    assert!(text.contains("with this parent alone"), "{text}");
    for engine_term in [
        "answers.",
        "scores.",
        "{\"",
        "violence-ongoing",
        "findings.",
    ] {
        assert!(!text.contains(engine_term), "`{engine_term}` in {text}");
    }
}

#[test]
fn the_outcome_is_unchanged_and_the_bytes_are_stable() {
    let form = start();
    let outcome = trygg::evaluate(&form, &disclosed());
    let before = outcome.to_json();
    let a = trygg::explain(&form, &disclosed(), &outcome, "sv", &[]);
    assert_eq!(outcome.to_json(), before);
    let b = trygg::explain_response(&form, &disclosed(), "sv", &[]);
    assert_eq!(a.to_json(), b.to_json());
}

fn epds_answers() -> Response {
    response(json!({
        "answers": { "epds1": "c", "epds2": "c", "epds3": "a", "epds4": "c", "epds5": "a",
                     "epds6": "a", "epds7": "b", "epds8": "b", "epds9": "b", "epds10": "b" }
    }))
}

#[test]
fn licensed_items_without_a_text_pack_are_named_by_their_key() {
    let form = load("epds/1.0.0.json");
    let e = explained(&form, &epds_answers(), "sv", &[]);
    let self_harm = &e["findings"][0];
    assert_eq!(self_harm["id"], "self_harm");
    let reason = &self_harm["reasons"][0];
    assert_eq!(reason["item"], "epds10");
    assert_eq!(reason["text"], Value::Null);
    assert_eq!(reason["answer"], Value::Null);
    assert_eq!(reason["value"], "b");
    let text = trygg::explain_response(&form, &epds_answers(), "sv", &[]).to_text();
    assert!(text.contains("fråga epds10 — svar: b"), "{text}");
    assert!(
        !text.contains("[q10]") && !text.contains("load your licensed"),
        "{text}"
    );
}

#[test]
fn licensed_items_with_a_text_pack_use_its_wording_falling_back_to_the_first_locale() {
    let form = load("epds/1.0.0.json");
    let sv = TextPack::load(
        &std::fs::read_to_string("../forms/epds/textpack.placeholder.sv.json").unwrap(),
        &form,
    )
    .unwrap();
    let en = TextPack::load(
        &std::fs::read_to_string("../forms/epds/textpack.placeholder.json").unwrap(),
        &form,
    )
    .unwrap();
    let e = explained(&form, &epds_answers(), "en", &[&sv, &en]);
    let reason = &e["findings"][0]["reasons"][0];
    assert_eq!(reason["text"], en.texts["q10"].as_str());
    assert_eq!(reason["answer"], en.texts["q10.b"].as_str());
    // Only the Swedish pack loaded: an English explanation falls back to it.
    let e = explained(&form, &epds_answers(), "en", &[&sv]);
    assert_eq!(
        e["findings"][0]["reasons"][0]["text"],
        sv.texts["q10"].as_str()
    );
}
