//! Evaluation: answers checked, visibility, scales under the missing-data policy, cut-off
//! profiles, findings, merged offers, reasons, and the located problems of bad answers.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg::outcome::Handling;
use trygg::{CompiledForm, Completeness, Outcome, Response};

fn form() -> CompiledForm {
    trygg::load(include_str!("fixtures/full.json")).unwrap()
}

fn response(v: Value) -> Response {
    serde_json::from_value(v).unwrap()
}

fn eval(v: Value) -> Outcome {
    trygg::evaluate(&form(), &response(v))
}

fn answers(a: Value) -> Outcome {
    eval(json!({ "answers": a }))
}

/// Bad answer → exactly one problem with `code` at `path`, outcome invalid.
fn problem(a: Value, code: &str, path: &str) {
    let o = answers(a);
    assert_eq!(o.completeness, Completeness::Invalid, "{:#?}", o.problems);
    assert!(
        o.problems.iter().any(|p| p.code == code && p.path == path),
        "expected {code} at {path}; got {:#?}",
        o.problems
    );
}

fn ids<T>(list: &[T], f: impl Fn(&T) -> String) -> Vec<String> {
    list.iter().map(f).collect()
}

#[test]
fn complete_response_scores_and_offers() {
    let o = answers(json!({ "a1": "2", "a2": "2", "a3": "1", "follow": false }));
    assert_eq!(o.completeness, Completeness::Complete, "{:#?}", o.problems);
    let a = o.scale("a").unwrap();
    assert_eq!((a.value, a.band.as_deref()), (Some(5.0), Some("mid")));
    assert_eq!(
        (a.answered, a.missing, a.handling),
        (3, 0, Handling::Complete)
    );
    // No sex given: the `se` fallback (5) applies and is reached.
    let c = a.cutoff.as_ref().unwrap();
    assert_eq!(
        (c.profile.as_str(), c.value, c.reached),
        ("se", 5.0, Some(true))
    );
    assert_eq!(ids(&o.findings, |f| f.id.clone()), ["a_pos"]);
    assert_eq!(
        ids(&o.offers, |f| f.offer.kind().to_string()),
        ["bvc-talk", "written-info"]
    );
    assert_eq!(o.offers[0].because[0].rule, "talk");
    assert_eq!(o.offers[0].because[0].findings, ["a_pos"]);
    assert_eq!(o.findings[0].because.read["cutoff.a"], json!(true));
}

#[test]
fn cutoff_profiles_follow_sex_and_profile() {
    let run = |sex: &str, profile: &str, a: [&str; 3]| {
        let o = eval(json!({
            "respondent": { "id": "p", "attributes": { "sex": sex } },
            "context": { "profile": profile },
            "answers": { "a1": a[0], "a2": a[1], "a3": a[2], "follow": false }
        }));
        let c = o.scale("a").unwrap().cutoff.clone().unwrap();
        (c.value, c.reached, o.has_finding("a_pos"))
    };
    // Swedish use: women ≥ 4, men ≥ 5; US use: women ≥ 3, men ≥ 4. Just below and at each.
    assert_eq!(
        run("female", "se", ["1", "1", "1"]),
        (4.0, Some(false), false)
    );
    assert_eq!(
        run("female", "se", ["2", "1", "1"]),
        (4.0, Some(true), true)
    );
    assert_eq!(
        run("male", "se", ["2", "1", "1"]),
        (5.0, Some(false), false)
    );
    assert_eq!(run("male", "se", ["2", "2", "1"]), (5.0, Some(true), true));
    assert_eq!(
        run("female", "us", ["1", "1", "0"]),
        (3.0, Some(false), false)
    );
    assert_eq!(
        run("female", "us", ["1", "1", "1"]),
        (3.0, Some(true), true)
    );
    assert_eq!(
        run("male", "us", ["1", "1", "1"]),
        (4.0, Some(false), false)
    );
    assert_eq!(run("male", "us", ["2", "1", "1"]), (4.0, Some(true), true));
}

#[test]
fn one_missing_item_is_prorated_two_are_invalid() {
    // 3 + 2 answered of 3 visible: 5 × 3/2 = 7.5 → 8 (half up).
    let o = answers(json!({ "a1": "3", "a2": "2", "a3": { "declined": true } }));
    let a = o.scale("a").unwrap();
    assert_eq!(
        (a.value, a.handling, a.missing),
        (Some(8.0), Handling::Prorated, 1)
    );
    assert_eq!(a.band.as_deref(), Some("high"));
    // The strict scale allows nothing missing.
    let strict = o.scale("a_strict").unwrap();
    assert_eq!((strict.value, strict.handling), (None, Handling::Invalid));
    // Count: answered items only; mean: weighted mean of the answered (2·3 + 2) / 3.
    assert_eq!(o.scale("a_any").unwrap().value, Some(2.0));
    assert_eq!(o.scale("a_any").unwrap().handling, Handling::AnsweredOnly);
    let mean = o.scale("a_mean").unwrap().value.unwrap();
    assert!((mean - 8.0 / 3.0).abs() < 1e-12, "{mean}");
    // Declined counts as answered-or-declined for completeness, but a3 is still required:
    // declined is an allowed way to leave it.
    let o = answers(json!({ "a1": "3" }));
    let a = o.scale("a").unwrap();
    assert_eq!(
        (a.value, a.handling, a.missing),
        (None, Handling::Invalid, 2)
    );
    assert_eq!(o.scale("a").unwrap().cutoff.as_ref().unwrap().reached, None);
    assert_eq!(o.completeness, Completeness::Incomplete);
}

#[test]
fn skip_logic_hides_and_ignores() {
    // a = 2 < 4: `follow` is hidden; its answer is ignored and reported.
    let o = answers(json!({ "a1": "1", "a2": "1", "a3": "0", "follow": true }));
    assert_eq!(o.ignored.len(), 1);
    assert_eq!(o.ignored[0].item, "follow");
    assert!(!o.has_finding("follow_yes"));
    assert_eq!(
        o.completeness,
        Completeness::Complete,
        "hidden required items are not needed"
    );
    // a = 4: shown, required, unanswered → incomplete.
    let o = answers(json!({ "a1": "2", "a2": "2", "a3": "0" }));
    assert_eq!(o.completeness, Completeness::Incomplete);
    // Answered yes: urgent finding, action, and the highest-priority offer comes first.
    let o = answers(json!({ "a1": "2", "a2": "2", "a3": "0", "follow": true }));
    assert!(o.has_finding("follow_yes"));
    assert_eq!(o.actions.len(), 1);
    assert_eq!(o.offers[0].because[0].rule, "urgent");
}

#[test]
fn offers_are_merged_with_every_reason() {
    let o = eval(json!({
        "respondent": { "attributes": { "sex": "female" } },
        "answers": { "a1": "2", "a2": "1", "a3": "1", "follow": false, "topics": ["money"] }
    }));
    assert_eq!(
        ids(&o.findings, |f| f.id.clone()),
        ["a_pos", "money", "both"]
    );
    // visit (20) → talk (10) → money-help (5); written-info mood from both talk and money-help.
    assert_eq!(
        ids(&o.offers, |f| f.offer.kind().to_string()),
        ["home-visit", "bvc-talk", "written-info", "referral"]
    );
    let info = &o.offers[2];
    assert_eq!(
        ids(&info.because, |b| b.rule.clone()),
        ["talk", "money-help"]
    );
}

#[test]
fn outcome_names_its_form_and_is_canonical() {
    let o = answers(json!({ "a1": "0", "a2": "0", "a3": "0" }));
    let text = o.to_json();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["form"]["id"], "full");
    assert_eq!(v["form"]["version"], "2.1.0");
    assert!(v["form"]["hash"].as_str().unwrap().starts_with("sha256:"));
    assert!(v["engine"].as_str().unwrap().starts_with("trygg "));
    assert_eq!(trygg::to_canonical_string(&v), text, "to_json is canonical");
    assert_eq!(
        answers(json!({ "a1": "0", "a2": "0", "a3": "0" })).to_json(),
        text
    );
}

#[test]
fn wrong_types_are_located() {
    problem(json!({ "a1": 1 }), "answer.wrong_type", "/answers/a1");
    problem(
        json!({ "follow": "yes" }),
        "answer.wrong_type",
        "/answers/follow",
    );
    problem(
        json!({ "topics": "money" }),
        "answer.wrong_type",
        "/answers/topics",
    );
    problem(
        json!({ "topics": ["money", 3] }),
        "answer.wrong_type",
        "/answers/topics/1",
    );
    problem(
        json!({ "drinks": "2" }),
        "answer.wrong_type",
        "/answers/drinks",
    );
    problem(json!({ "note": 5 }), "answer.wrong_type", "/answers/note");
    problem(
        json!({ "born": 20240101 }),
        "answer.wrong_type",
        "/answers/born",
    );
    problem(
        json!({ "a1": { "declined": "yes" } }),
        "answer.wrong_type",
        "/answers/a1",
    );
}

#[test]
fn values_outside_the_item_are_located() {
    problem(json!({ "a1": "4" }), "answer.not_an_option", "/answers/a1");
    problem(
        json!({ "topics": ["money", "rent"] }),
        "answer.not_an_option",
        "/answers/topics/1",
    );
    problem(
        json!({ "topics": ["money", "money"] }),
        "answer.duplicate_option",
        "/answers/topics/1",
    );
    problem(json!({ "topics": [] }), "answer.too_few", "/answers/topics");
    problem(
        json!({ "topics": ["money", "food", "sleep"] }),
        "answer.too_many",
        "/answers/topics",
    );
    problem(
        json!({ "drinks": 5 }),
        "answer.out_of_range",
        "/answers/drinks",
    );
    problem(
        json!({ "drinks": -1 }),
        "answer.out_of_range",
        "/answers/drinks",
    );
    problem(
        json!({ "drinks": 1.5 }),
        "answer.not_integer",
        "/answers/drinks",
    );
    problem(
        json!({ "hours": 24.5 }),
        "answer.out_of_range",
        "/answers/hours",
    );
    problem(
        json!({ "note": "x".repeat(11) }),
        "answer.too_long",
        "/answers/note",
    );
    problem(
        json!({ "born": "2024-02-30" }),
        "answer.invalid_date",
        "/answers/born",
    );
    problem(
        json!({ "born": "24-01-01" }),
        "answer.invalid_date",
        "/answers/born",
    );
    problem(
        json!({ "born": "2019-12-31" }),
        "answer.out_of_range",
        "/answers/born",
    );
}

#[test]
fn answers_that_do_not_belong_are_located() {
    problem(json!({ "a9": "1" }), "answer.unknown_item", "/answers/a9");
    problem(
        json!({ "a/b": "1" }),
        "answer.unknown_item",
        "/answers/a~1b",
    );
    problem(
        json!({ "info": true }),
        "answer.not_answerable",
        "/answers/info",
    );
    problem(
        json!({ "follow": { "declined": true } }),
        "answer.not_declinable",
        "/answers/follow",
    );
}

#[test]
fn bad_context_and_respondent_are_located() {
    let check = |v: Value, code: &str, path: &str| {
        let o = eval(v);
        assert!(
            o.problems.iter().any(|p| p.code == code && p.path == path),
            "expected {code} at {path}: {:#?}",
            o.problems
        );
        assert_eq!(o.completeness, Completeness::Invalid);
    };
    check(
        json!({ "context": { "locale": "de" } }),
        "context.unknown_locale",
        "/context/locale",
    );
    check(
        json!({ "context": { "profile": "uk" } }),
        "context.unknown_profile",
        "/context/profile",
    );
    check(
        json!({ "context": { "childAgeDays": -3 } }),
        "context.wrong_type",
        "/context/childAgeDays",
    );
    check(
        json!({ "context": { "weather": "fine" } }),
        "context.unknown_key",
        "/context/weather",
    );
    check(
        json!({ "respondent": { "attributes": { "sex": "x" } } }),
        "respondent.invalid_value",
        "/respondent/attributes/sex",
    );
    check(
        json!({ "respondent": { "attributes": { "age": "30" } } }),
        "respondent.unknown_attribute",
        "/respondent/attributes/age",
    );
    check(json!({ "form": "other" }), "response.wrong_form", "/form");
    check(
        json!({ "version": "1.0.0" }),
        "response.wrong_version",
        "/version",
    );
}

#[test]
fn a_bad_answer_does_not_stop_scoring_the_rest() {
    let o = answers(json!({ "a1": "3", "a2": "3", "a3": "7", "topics": ["money"] }));
    assert_eq!(o.completeness, Completeness::Invalid);
    // a3 counts as missing: 6 × 3/2 = 9.
    assert_eq!(o.scale("a").unwrap().value, Some(9.0));
    assert!(o.has_finding("money"));
}

#[test]
fn too_many_answers_is_a_problem_not_a_crash() {
    let mut many = serde_json::Map::new();
    for i in 0..=trygg::MAX_ANSWERS {
        many.insert(format!("x{i}"), json!(true));
    }
    let o = answers(Value::Object(many));
    assert_eq!(o.problems[0].code, "response.too_many_answers");
}

#[test]
fn response_text_errors_are_located() {
    let e = trygg::parse_response("{\"answers\": {\"a1\": \"1\"},\n \"answer\": 1}").unwrap_err();
    assert_eq!(e.code, "response.invalid");
    assert!(e.message.contains("line 2"), "{}", e.message);
    assert_eq!(
        trygg::parse_response("{").unwrap_err().code,
        "response.not_json"
    );
    let big = format!(
        "{{\"answers\":{{\"note\":\"{}\"}}}}",
        "x".repeat(trygg::parse::MAX_RESPONSE_BYTES)
    );
    assert_eq!(
        trygg::parse_response(&big).unwrap_err().code,
        "response.too_large"
    );
}

#[test]
fn the_same_answers_give_the_same_bytes() {
    let a = json!({ "a1": "2", "a2": "1", "a3": "1", "follow": false, "topics": ["money", "food"], "hours": 7.25, "born": "2025-03-01", "note": "ok" });
    let first = answers(a.clone()).to_json();
    for _ in 0..3 {
        assert_eq!(answers(a.clone()).to_json(), first);
    }
}

#[test]
fn a_scale_can_refuse_a_value_when_part_of_it_was_hidden() {
    // follow hidden (a = 2 < 4): `with_follow` is not applicable, not a partial sum.
    let o = answers(json!({ "a1": "1", "a2": "1", "a3": "0" }));
    let s = o.scale("with_follow").unwrap();
    assert_eq!(
        (s.value, s.handling, s.hidden),
        (None, Handling::NotApplicable, 1)
    );
    // follow shown and answered: a normal sum (boolean true scores 1).
    let o = answers(json!({ "a1": "2", "a2": "2", "a3": "0", "follow": true }));
    let s = o.scale("with_follow").unwrap();
    assert_eq!((s.value, s.handling), (Some(3.0), Handling::Complete));
}

/// A problem's message quotes what the response said at most `MAX_EXCERPT` characters
/// long (the item and path still name it whole, to locate it).
#[test]
fn problems_quote_long_response_values_short() {
    let junk = "ö".repeat(5_000);
    let o = eval(json!({
        "form": junk, "version": junk,
        "context": { "locale": junk, "profile": junk, "childAgeDays": junk, junk.clone(): 1 },
        "respondent": { "attributes": { "sex": junk, junk.clone(): "x" } },
        "answers": { "a1": junk, "born": junk, "topics": [junk], junk.clone(): 1 }
    }));
    let codes: Vec<&str> = o.problems.iter().map(|p| p.code).collect();
    for code in [
        "response.wrong_form",
        "response.wrong_version",
        "context.unknown_locale",
        "context.unknown_profile",
        "context.wrong_type",
        "context.unknown_key",
        "respondent.invalid_value",
        "respondent.unknown_attribute",
        "answer.not_an_option",
        "answer.invalid_date",
        "answer.unknown_item",
    ] {
        assert!(codes.contains(&code), "no {code}: {codes:?}");
    }
    for p in &o.problems {
        let n = p.message.chars().count();
        assert!(n <= 300, "{}: a message of {n} characters", p.code);
    }
    assert!(o
        .problems
        .iter()
        .any(|p| p.path == format!("/answers/{junk}")));
}
