//! The model and the schema accept the fixture form and locate errors.
#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.json"
    ))
    .unwrap();
    trygg::parse::parse_value(&text).unwrap()
}

#[test]
fn fixture_passes_schema_and_model() {
    let v = fixture();
    trygg::schema::check(&v).unwrap();
    let form = trygg::parse::from_value(&v).unwrap();
    assert_eq!(form.items.len(), 3);
    assert_eq!(form.rules[1].offers[0].offer.kind(), "referral");
}

#[test]
fn misspelt_key_is_located_by_schema_and_refused_by_model() {
    let mut v = fixture();
    v["items"][1]["requird"] = json!(true);
    let errs = trygg::schema::check(&v).unwrap_err().0;
    assert!(
        errs.iter()
            .any(|e| e.code == "form.schema" && e.path == "/items/1"),
        "{errs:?}"
    );
    assert_eq!(
        trygg::parse::from_value(&v).unwrap_err().0[0].code,
        "form.invalid"
    );
}

#[test]
fn wrong_enum_value_is_located() {
    let mut v = fixture();
    v["rules"][0]["offers"][0]["kind"] = json!("bvc-chat");
    let errs = trygg::schema::check(&v).unwrap_err().0;
    assert!(
        errs.iter().any(|e| e.path == "/rules/0/offers/0"),
        "{errs:?}"
    );
    let mut v = fixture();
    v["status"] = json!("published");
    let errs = trygg::schema::check(&v).unwrap_err().0;
    assert!(errs.iter().any(|e| e.path == "/status"), "{errs:?}");
}

#[test]
fn not_json_and_too_large() {
    assert_eq!(
        trygg::parse::parse_value("{").unwrap_err().0[0].code,
        "form.not_json"
    );
    let big = " ".repeat(trygg::parse::MAX_FORM_BYTES + 1);
    assert_eq!(
        trygg::parse::parse_value(&big).unwrap_err().0[0].code,
        "form.too_large"
    );
}

#[test]
fn hash_is_stable_under_reformatting() {
    let v = fixture();
    let compact: Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(trygg::content_hash(&v), trygg::content_hash(&compact));
}

#[test]
fn text_pack_keys_pass_the_schema() {
    let mut v = fixture();
    v["items"][2]["text"] = json!({ "key": "q3" });
    v["textPack"] = json!({ "id": "mini", "keys": ["q3"] });
    trygg::schema::check(&v).unwrap();
    trygg::compile(&v).unwrap();
    // A key mixed with locales is neither form of text.
    v["items"][2]["text"] = json!({ "key": "q3", "sv": "Fråga" });
    let errs = trygg::schema::check(&v).unwrap_err().0;
    assert!(errs.iter().any(|e| e.path == "/items/2/text"), "{errs:?}");
}
