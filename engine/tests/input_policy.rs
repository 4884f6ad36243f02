//! One input policy: duplicate keys, BOM, UTF-8 and size are refused with the same code and
//! pointer on every path through the engine (forms, responses, families).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

fn mini_text() -> &'static str {
    include_str!("fixtures/mini.json")
}

#[test]
fn a_duplicate_answer_is_a_located_error_not_last_one_wins() {
    let e = trygg::parse_response(r#"{"answers": {"mood1": "2", "mood1": "0"}}"#).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("response.duplicate_key", "/answers/mood1")
    );
    let e = trygg::parse_response(r#"{"answers": {}, "answers": {}}"#).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("response.duplicate_key", "/answers")
    );
}

#[test]
fn a_duplicate_key_in_a_form_is_a_located_error() {
    let text = mini_text().replacen(
        "\"id\": \"mini\",",
        "\"id\": \"mini\", \"id\": \"other\",",
        1,
    );
    assert_ne!(text, mini_text());
    let e = trygg::load(&text).unwrap_err();
    assert_eq!(
        (e.0[0].code, e.0[0].path.as_str()),
        ("form.duplicate_key", "/id")
    );
}

#[test]
fn bom_and_size_are_coded() {
    let e = trygg::parse_response("\u{FEFF}{}").unwrap_err();
    assert_eq!(e.code, "response.bom");
    let e = trygg::load(&format!("\u{FEFF}{}", mini_text())).unwrap_err();
    assert_eq!(e.0[0].code, "form.bom");
    let big = format!("{{\"answers\":{{\"mood1\":\"{}\"}}}}", "x".repeat(2 << 20));
    let e = trygg::parse_response(&big).unwrap_err();
    assert_eq!(e.code, "response.too_large");
    assert!(e.message.len() < 200, "{}", e.message);
}

#[test]
fn messages_do_not_echo_large_inputs() {
    let text = format!(
        "{{\"answers\": {{\"mood1\": [\"{}\"]}}, \"nope\": 1}}",
        "z".repeat(500_000)
    );
    let e = trygg::parse_response(&text).unwrap_err();
    assert!(e.message.chars().count() <= 161, "{}", e.message.len());
}

#[test]
fn an_empty_respondent_id_is_refused() {
    let form = trygg::load(mini_text()).unwrap();
    let r = trygg::parse_response(
        r#"{"respondent": {"id": ""}, "answers": {"mood1": "0", "mood2": "0"}}"#,
    )
    .unwrap();
    let o = trygg::evaluate(&form, &r);
    assert!(
        o.problems
            .iter()
            .any(|p| p.code == "respondent.empty_id" && p.path == "/respondent/id"),
        "{:#?}",
        o.problems
    );
    let a: trygg::Response =
        serde_json::from_value(serde_json::json!({"respondent": {"id": ""}})).unwrap();
    let b: trygg::Response =
        serde_json::from_value(serde_json::json!({"respondent": {"id": "p2"}})).unwrap();
    let e = trygg::evaluate_family(&form, &[a, b]).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("family.respondent_id", "/0/respondent/id")
    );
}

/// `parse_response` takes one pass for a well-formed response and moves the parsed maps
/// into it (`trygg::parse::response_from_object`); what it accepts must be exactly what
/// serde's derive of `Response` accepts, with the same value, and what it refuses must get
/// the derive's words. Each text is checked both ways.
#[test]
fn the_one_pass_response_equals_the_derive() {
    let texts = [
        r#"{}"#,
        r#"{"form": "phq-9", "version": "1.0.0", "answers": {"phq9_1": "2", "x": {"declined": true}}}"#,
        r#"{"form": null, "version": null, "respondent": {"id": "parent-1", "attributes": {"sex": "female"}}}"#,
        r#"{"respondent": {}, "context": {"childAgeDays": 49, "locale": "sv", "n": 1.5e3}, "answers": {}}"#,
        r#"{"answers": {"a": [1, 2, {"b": null}], "c": -0.0, "d": 18446744073709551615, "e": "\u00e5\""}}"#,
        // Refused by the derive: the one-pass path must hand these to it.
        r#"{"answers": null}"#,
        r#"{"context": []}"#,
        r#"{"form": 3}"#,
        r#"{"respondent": null}"#,
        r#"{"respondent": {"id": 1}}"#,
        r#"{"respondent": {"attributes": {"sex": 1}}}"#,
        r#"{"respondent": {"name": "x"}}"#,
        r#"{"answers": {}, "extra": 1}"#,
        r#"[]"#,
        r#""text""#,
    ];
    for text in texts {
        let derived: Result<trygg::Response, _> = serde_json::from_str(text);
        let parsed = trygg::parse_response(text);
        match (&derived, &parsed) {
            (Ok(d), Ok(p)) => assert_eq!(d, p, "{text}"),
            (Err(_), Err(e)) => assert_eq!(e.code, "response.invalid", "{text}: {e:?}"),
            _ => panic!("{text}: the derive gives {derived:?}, parse_response {parsed:?}"),
        }
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        if let serde_json::Value::Object(map) = value {
            match (trygg::parse::response_from_object(map.clone()), &derived) {
                (Ok(r), Ok(d)) => assert_eq!(&r, d, "{text}"),
                (Err(back), Err(_)) => assert_eq!(back, map, "{text}: not handed back whole"),
                (r, _) => panic!("{text}: one pass gives {r:?}, the derive {derived:?}"),
            }
        }
    }
}
