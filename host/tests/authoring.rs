//! The authoring tools (feature `authoring`): synthetic responses equal the checked-in
//! vectors byte for byte (the CLI's `trygg synth` and the wasm module's `Engine.synth` are
//! held to the same files), answer only what the skip logic shows, and the comparison report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use trygg_host::{EngineCore, FormRefArg};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn engine() -> EngineCore {
    let mut e = EngineCore::new();
    for v in ["1.0.0", "1.1.0"] {
        let text = std::fs::read_to_string(repo().join(format!("forms/trygg-start/6-8w/{v}.json")))
            .unwrap();
        e.load_form(&text).unwrap();
    }
    e
}

fn refs(list: &[&str]) -> Vec<FormRefArg> {
    list.iter().map(|s| FormRefArg::from_str_ref(s)).collect()
}

fn vector(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/vectors/synth").join(name)).unwrap()
}

#[test]
fn synth_writes_the_vectors_bytes() {
    let e = engine();
    let both = e
        .synth(
            &refs(&["trygg-start.6-8w@1.0.0", "trygg-start.6-8w@1.1.0"]),
            r#"{"n":60,"seed":7}"#,
        )
        .unwrap();
    assert_eq!(
        both,
        vector("trygg-start.6-8w-1.0.0+1.1.0.seed-7.n-60.ndjson")
    );
    let one = e
        .synth(
            &refs(&["trygg-start.6-8w@1.0.0"]),
            r#"{"n":40,"seed":3,"profile":"high-risk"}"#,
        )
        .unwrap();
    assert_eq!(
        one,
        vector("trygg-start.6-8w-1.0.0.seed-3.n-40.high-risk.ndjson")
    );
    // Another seed, other bytes.
    let other = e
        .synth(
            &refs(&["trygg-start.6-8w@1.0.0"]),
            r#"{"n":40,"seed":4,"profile":"high-risk"}"#,
        )
        .unwrap();
    assert_ne!(one, other);
}

#[test]
fn synth_answers_only_what_the_skip_logic_shows_and_marks_every_record() {
    let e = engine();
    let form = e
        .resolve_for_scoring(
            &FormRefArg::from_str_ref("trygg-start.6-8w@1.1.0"),
            None,
            None,
        )
        .unwrap();
    // Hidden answers: how many records answer a question the skip logic hides, with the
    // share kept on purpose set to `hidden`.
    let hidden = |share: &str| {
        let text = e
            .synth(
                &refs(&["trygg-start.6-8w@1.1.0"]),
                &format!(
                    r#"{{"n":500,"seed":11,"profile":"high-risk","config":{{"hidden":{share}}}}}"#
                ),
            )
            .unwrap();
        let mut with_hidden = 0;
        for r in trygg_host::ndjson::records(&text) {
            let r = r.unwrap();
            assert!(r.synthetic, "line {} is not marked synthetic", r.line);
            let o = trygg::evaluate(&form, &r.response);
            if o.ignored.iter().any(|i| i.reason == "hidden") {
                with_hidden += 1;
            }
        }
        with_hidden
    };
    assert_eq!(hidden("0"), 0, "no answer to a hidden question");
    // Kept all: most respondents then answer a question hidden from them, so the check
    // above can fail.
    assert!(hidden("1") > 250);
}

#[test]
fn synth_options_and_config_errors_are_located() {
    let e = engine();
    let f = refs(&["trygg-start.6-8w@1.0.0"]);
    let err = e.synth(&f, r#"{"n":5,"profile":"odd"}"#).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("synth.options", "/profile"));
    let err = e
        .synth(&f, r#"{"n":5,"config":{"items":{"nope":{"x":0.5}}}}"#)
        .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("synth.config", "/config/items/nope")
    );
    let err = e
        .synth(&f, r#"{"n":5,"config":{"missing":2}}"#)
        .unwrap_err();
    assert_eq!(
        (err.code, err.path.as_str()),
        ("synth.config", "/config/missing")
    );
    let err = e.synth(&f, r#"{"n":1000000000}"#).unwrap_err();
    assert_eq!((err.code, err.path.as_str()), ("synth.options", "/n"));
    let err = e.synth(&[], r#"{"n":1}"#).unwrap_err();
    assert_eq!(err.code, "synth.no_form");
}

fn programme_vector(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/vectors/programme").join(name)).unwrap()
}

fn skaggetorp() -> String {
    std::fs::read_to_string(repo().join("programmes/skaggetorp-model/1.0.0.json")).unwrap()
}

/// `programme_synth` and `programme_report` give the bytes `trygg programme synth|report`
/// writes (tests/vectors/programme/, held to the CLI by cli/tests/programme_cli.rs).
#[test]
fn programme_synth_and_report_write_the_vectors_bytes() {
    let e = EngineCore::new();
    let base = "skaggetorp-model.seed-3.n-120";
    let records = e
        .programme_synth(&skaggetorp(), r#"{"n":120,"seed":3}"#)
        .unwrap();
    assert_eq!(records, programme_vector(&format!("{base}.ndjson")));
    let defs = vec![skaggetorp()];
    let report = |records: &str, options: &str| {
        e.programme_report(&defs, "skaggetorp-model", records, options)
            .unwrap()
    };
    assert_eq!(
        report(&records, "{}"),
        programme_vector(&format!("{base}.quarter.html"))
    );
    assert_eq!(
        report(&records, r#"{"format":"markdown"}"#),
        programme_vector(&format!("{base}.quarter.md"))
    );
    assert_eq!(
        report(&records, r#"{"format":"json","period":"year"}"#) + "\n",
        programme_vector(&format!("{base}.year.json"))
    );
    let mixed = programme_vector("mixed.ndjson");
    let flags = r#"{"period":"year","suppressBelow":3,"asOf":"2025-06-30"}"#;
    assert_eq!(report(&mixed, flags), programme_vector("mixed.year.html"));
    let md = report(&mixed, &flags.replace('{', r#"{"format":"markdown","#));
    assert_eq!(md, programme_vector("mixed.year.md"));
    assert!(md.contains("| 5 | `report.not_json` |"), "{md}");
}

#[test]
fn programme_report_errors_are_located() {
    let e = EngineCore::new();
    let defs = vec![skaggetorp()];
    let err = |defs: &[String], id: &str, options: &str| {
        e.programme_report(defs, id, "", options).unwrap_err().0[0].clone()
    };
    let x = err(&defs, "skaggetorp-model", r#"{"format":"pdf"}"#);
    assert_eq!(
        (x.code, x.path.as_str()),
        ("programme.report_options", "/format")
    );
    let x = err(&defs, "skaggetorp-model", r#"{"period":"week"}"#);
    assert_eq!(
        (x.code, x.path.as_str()),
        ("programme.report_options", "/period")
    );
    let x = err(&defs, "skaggetorp-model", r#"{"asOf":"30/6"}"#);
    assert_eq!(
        (x.code, x.path.as_str()),
        ("programme.report_options", "/asOf")
    );
    let x = err(&defs, "skaggetorp-model", r#"{"colour":1}"#);
    assert_eq!(x.code, "programme.report_options");
    let x = err(&defs, "rinkeby-model", "{}");
    assert_eq!(x.code, "programme.unknown");
    let bad = vec![skaggetorp(), "{\"id\":1}".to_string()];
    let x = err(&bad, "skaggetorp-model", "{}");
    assert!(x.path.starts_with("/programmes/1"), "{x:?}");
    let x = e
        .programme_synth(&skaggetorp(), r#"{"n":200000}"#)
        .unwrap_err()
        .0[0]
        .clone();
    assert_eq!((x.code, x.path.as_str()), ("synth.options", "/n"));
}
