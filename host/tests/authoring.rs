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
