//! Families keep parents apart; the registry picks the right form version for each use.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg::model::Status;
use trygg::{CompiledForm, Registry, Response};

fn full() -> Value {
    serde_json::from_str(include_str!("fixtures/full.json")).unwrap()
}

fn response(v: Value) -> Response {
    serde_json::from_value(v).unwrap()
}

fn parents() -> Vec<Response> {
    vec![
        response(json!({
            "respondent": { "id": "parent-1", "attributes": { "sex": "female" } },
            "answers": { "a1": "0", "a2": "1", "a3": "0", "note": "m-secret7" }
        })),
        response(json!({
            "respondent": { "id": "parent-2", "attributes": { "sex": "male" } },
            "answers": { "a1": "3", "a2": "3", "a3": "2", "follow": true, "topics": ["money"],
                         "note": "f-secret" }
        })),
    ]
}

#[test]
fn each_parent_is_scored_alone_and_the_summary_merges() {
    let form = trygg::compile(&full()).unwrap();
    let family = trygg::evaluate_family(&form, &parents()).unwrap();
    let p1 = family.view_for("parent-1").unwrap();
    let p2 = family.view_for("parent-2").unwrap();
    assert!(p1.findings.is_empty() && p1.offers.is_empty());
    assert!(p2.has_finding("follow_yes") && p2.has_finding("money"));
    let summary = family.summary();
    assert_eq!(summary.respondents.len(), 2);
    // Urgent rule first; every merged offer names who led to it.
    assert_eq!(summary.offers[0].offer.kind(), "referral");
    assert!(summary.offers.iter().all(|o| o.respondents == ["parent-2"]));
    assert_eq!(summary.actions[0].respondents, ["parent-2"]);
    assert_eq!(
        family.respondents().collect::<Vec<_>>(),
        ["parent-1", "parent-2"]
    );
}

#[test]
fn a_parents_view_never_holds_the_other_parents_answers_findings_or_trace() {
    let form = trygg::compile(&full()).unwrap();
    let family = trygg::evaluate_family(&form, &parents()).unwrap();
    let own = family.view_for("parent-1").unwrap().to_json();
    for leak in [
        "parent-2",
        "f-secret",
        "follow_yes",
        "money",
        "economic-support",
        "same-day-contact",
        "urgent",
    ] {
        assert!(
            !own.contains(leak),
            "parent-1's view contains `{leak}`: {own}"
        );
    }
    // The scale values are parent-1's own (1), not parent-2's (8).
    let v: Value = serde_json::from_str(&own).unwrap();
    assert_eq!(v["scales"][0]["value"], json!(1));
    // And the other way round: parent-2's view holds nothing of parent-1.
    let other = family.view_for("parent-2").unwrap().to_json();
    assert!(!other.contains("parent-1"), "{other}");
    // Views are identical to evaluating each response alone.
    for r in parents() {
        let alone = trygg::evaluate(&form, &r).to_json();
        let id = r.respondent.id.unwrap();
        assert_eq!(family.view_for(&id).unwrap().to_json(), alone);
    }
    assert!(family.view_for("parent-3").is_none());
}

#[test]
fn family_input_errors() {
    let form = trygg::compile(&full()).unwrap();
    assert_eq!(
        trygg::evaluate_family(&form, &[]).unwrap_err().code,
        "family.empty"
    );
    let mut twins = parents();
    twins[1].respondent.id = Some("parent-1".into());
    let e = trygg::evaluate_family(&form, &twins).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("family.duplicate_respondent", "/1/respondent/id")
    );
    let mut anon = parents();
    anon[0].respondent.id = None;
    let e = trygg::evaluate_family(&form, &anon).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("family.respondent_id", "/0/respondent/id")
    );
    let mut single = full();
    single["respondent"] = json!("single");
    let single = trygg::compile(&single).unwrap();
    assert_eq!(
        trygg::evaluate_family(&single, &parents())
            .unwrap_err()
            .code,
        "family.single_respondent"
    );
}

fn version(v: &str, status: &str, window: Option<(u32, u32)>) -> CompiledForm {
    let mut f = full();
    f["version"] = json!(v);
    f["status"] = json!(status);
    match window {
        Some((lo, hi)) => f["checkup"] = json!({ "minAgeDays": lo, "maxAgeDays": hi }),
        None => {
            f.as_object_mut().unwrap().remove("checkup");
        }
    }
    trygg::compile(&f).unwrap()
}

#[test]
fn registry_serves_each_use_the_right_version() {
    let mut reg = Registry::new();
    reg.insert(version("1.0.0", "retired", Some((100, 150))))
        .unwrap();
    reg.insert(version("1.2.0", "active", Some((100, 150))))
        .unwrap();
    reg.insert(version("1.10.0", "active", Some((100, 150))))
        .unwrap();
    reg.insert(version("2.0.0", "pilot", Some((100, 150))))
        .unwrap();
    reg.insert(version("3.0.0", "draft", Some((100, 150))))
        .unwrap();

    // Highest active version by semantic order (1.10.0 > 1.2.0).
    assert_eq!(reg.for_new("full", None).unwrap().version(), "1.10.0");
    assert_eq!(reg.for_checkup(120).unwrap().version(), "1.10.0");
    assert_eq!(reg.for_checkup(100).unwrap().version(), "1.10.0");
    assert_eq!(reg.for_checkup(150).unwrap().version(), "1.10.0");
    assert_eq!(
        reg.for_checkup(99).unwrap_err().code,
        "registry.no_checkup_form"
    );
    // Pilot: usable when asked for by version.
    assert_eq!(
        reg.for_new("full", Some("2.0.0")).unwrap().status(),
        Status::Pilot
    );
    // Retired: re-scores, refuses new responses.
    assert_eq!(reg.get("full", "1.0.0").unwrap().status(), Status::Retired);
    assert_eq!(
        reg.for_new("full", Some("1.0.0")).unwrap_err().code,
        "registry.retired"
    );
    // Draft: only with the opt-in.
    assert_eq!(
        reg.for_new("full", Some("3.0.0")).unwrap_err().code,
        "registry.draft"
    );
    reg.allow_drafts(true);
    assert_eq!(
        reg.for_new("full", Some("3.0.0")).unwrap().version(),
        "3.0.0"
    );
    assert_eq!(
        reg.for_new("full", Some("9.9.9")).unwrap_err().code,
        "registry.unknown_form"
    );
    let listed: Vec<String> = reg.list().into_iter().map(|e| e.version).collect();
    assert_eq!(listed, ["1.0.0", "1.2.0", "1.10.0", "2.0.0", "3.0.0"]);
}

#[test]
fn one_rescoring_rule_for_every_shell() {
    use trygg::registry::Requested::{Default, Form, Nothing};
    let mut reg = Registry::new();
    for (v, status) in [
        ("1.0.0", "retired"),
        ("1.1.0", "active"),
        ("2.0.0", "pilot"),
    ] {
        reg.insert(version(v, status, None)).unwrap();
    }
    let got = |req, form: Option<&str>, v: Option<&str>| {
        reg.for_scoring(req, form, v)
            .map(|f| f.version().to_string())
            .map_err(|e| e.code)
    };
    let pinned = Form {
        id: "full",
        version: Some("2.0.0"),
    };
    let bare = Form {
        id: "full",
        version: None,
    };
    let default = Default {
        id: "full",
        version: Some("2.0.0"),
    };
    // A named form: its version wins; else the response's (even retired); else highest active.
    assert_eq!(got(pinned, Some("x"), Some("1.0.0")), Ok("2.0.0".into()));
    assert_eq!(got(bare, None, Some("1.0.0")), Ok("1.0.0".into()));
    assert_eq!(got(bare, None, None), Ok("1.1.0".into()));
    // A default: the response's own version wins; the default fills in for its own id.
    assert_eq!(got(default, None, Some("1.0.0")), Ok("1.0.0".into()));
    assert_eq!(got(default, Some("full"), None), Ok("2.0.0".into()));
    assert_eq!(got(default, None, None), Ok("2.0.0".into()));
    assert_eq!(
        got(default, Some("other"), None),
        Err("registry.unknown_form")
    );
    assert_eq!(
        got(default, Some("full"), Some("9.0.0")),
        Err("registry.unknown_form")
    );
    // Nothing requested: the response names everything or it is an error.
    assert_eq!(
        got(Nothing, Some("full"), Some("1.0.0")),
        Ok("1.0.0".into())
    );
    assert_eq!(
        got(Nothing, Some("full"), None),
        Err("registry.unknown_form")
    );
    assert_eq!(got(Nothing, None, Some("1.0.0")), Err("registry.no_form"));
}

#[test]
fn registry_refuses_a_changed_version_and_overlapping_windows() {
    let mut reg = Registry::new();
    reg.insert(version("1.0.0", "active", Some((100, 150))))
        .unwrap();
    // Same content again is fine; changed content under the same version is not.
    reg.insert(version("1.0.0", "active", Some((100, 150))))
        .unwrap();
    let e = reg
        .insert(version("1.0.0", "active", Some((100, 160))))
        .unwrap_err();
    assert_eq!(e.code, "registry.conflict");
    let mut other = full();
    other["id"] = json!("other");
    reg.insert(trygg::compile(&other).unwrap()).unwrap();
    assert_eq!(reg.for_checkup(120).unwrap_err().code, "registry.ambiguous");
}

#[test]
fn examples_run_and_report_mismatches() {
    let form = trygg::load(include_str!("fixtures/mini.json")).unwrap();
    let results = trygg::examples::run_examples(&form);
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| r.passed()), "{results:#?}");
    let mut v: Value = serde_json::from_str(include_str!("fixtures/mini.json")).unwrap();
    v["examples"][1]["expect"]["scales"]["mood"] = json!(4);
    v["examples"][1]["expect"]["offers"] = json!(["bvc-talk"]);
    let results = trygg::examples::run_examples(&trygg::compile(&v).unwrap());
    let failures = &results[1].failures;
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures[0].contains("scale mood: expected 4, got 3"),
        "{failures:?}"
    );
    assert!(failures[1].contains("written-info"), "{failures:?}");
}

#[test]
fn examples_can_pin_a_whole_offer() {
    let mut v: Value = serde_json::from_str(include_str!("fixtures/mini.json")).unwrap();
    v["examples"][1]["expect"]["offers"] = json!([
        "bvc-talk",
        { "kind": "written-info", "topic": "mood" },
        { "kind": "referral", "to": "adult-psychiatry" }
    ]);
    let results = trygg::examples::run_examples(&trygg::compile(&v).unwrap());
    assert!(results[1].passed(), "{:?}", results[1].failures);
    v["examples"][1]["expect"]["offers"][2]["to"] = json!("womens-shelter");
    trygg::schema::check(&v).unwrap();
    let results = trygg::examples::run_examples(&trygg::compile(&v).unwrap());
    let f = &results[1].failures;
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].contains("womens-shelter") && f[0].contains("adult-psychiatry"),
        "{f:?}"
    );
}
