//! The runtime build: the engine without the `compiler` feature loads the built-in forms
//! compiled ahead of time (`tests/vectors/precompiled/`, written by the full build's
//! compiler through `gen-vectors`) and scores every outcome vector of
//! `tests/vectors/forms/` to the same canonical bytes as the full build.
//!
//! Run by `make unit` as
//! `cargo test -p trygg --no-default-features --features runtime-test --test runtime`
//! (the test target needs feature `runtime-test`, so `cargo test --workspace` skips it).

use serde_json::Value;
use std::path::{Path, PathBuf};
use trygg::registry::Requested;
use trygg::{CompiledForm, Registry};

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("vectors")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn this_build_has_no_compiler() {
    assert!(
        !cfg!(feature = "compiler"),
        "run as `cargo test -p trygg --no-default-features --features runtime-test --test runtime`"
    );
}

#[test]
fn precompiled_forms_score_every_vector_like_the_full_build() {
    let mut registry = Registry::new();
    for path in json_files(&vectors().join("precompiled")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let form = CompiledForm::from_precompiled(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        registry.insert(form).unwrap();
    }
    assert!(
        registry.list().len() >= 12,
        "{} forms",
        registry.list().len()
    );
    let mut compared = 0;
    for path in json_files(&vectors().join("forms")) {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let cases = doc["cases"].as_array().cloned().unwrap_or_default();
        for case in cases {
            // Outcome vectors: a form reference, a response object, an outcome expected.
            let (Some(reference), Some(expect), Some(response)) = (
                case["form"].as_str(),
                case["expect"].as_str(),
                case.get("response").filter(|r| r.is_object()),
            ) else {
                continue;
            };
            // Explanation vectors: the renderer is runtime code too; compared where they
            // need no text pack (packs are loaded by the full runners).
            let explain = case.get("explain");
            let explain_locale = match explain {
                Some(e) if e["textPacks"] == Value::Bool(false) => e["locale"].as_str(),
                Some(_) => continue,
                None if expect.starts_with("{\"actions\":") => None,
                None => continue,
            };
            let Ok(response) = trygg::parse::response_from_value(response) else {
                continue;
            };
            let (id, version) = match reference.split_once('@') {
                Some((id, v)) => (id, Some(v)),
                None => (reference, None),
            };
            let form = registry
                .for_scoring(
                    Requested::Form { id, version },
                    response.form.as_deref(),
                    response.version.as_deref(),
                )
                .unwrap();
            let got = match explain_locale {
                Some(locale) => trygg::explain_response(&form, &response, locale, &[]).to_json(),
                None => trygg::evaluate(&form, &response).to_json(),
            };
            assert_eq!(got, expect, "{} {}", path.display(), case["name"]);
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} outcome vectors compared");
}

#[test]
fn a_bad_precompiled_form_is_a_located_error() {
    let path = json_files(&vectors().join("precompiled"))
        .into_iter()
        .next()
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["format"] = Value::from("trygg-compiled/0");
    let e = CompiledForm::from_precompiled(&v.to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), ("precompiled.format", "/format"));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["order"].as_array_mut().unwrap().pop();
    let e = CompiledForm::from_precompiled(&v.to_string()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), ("precompiled.invalid", "/order"));
    let e = CompiledForm::from_precompiled("{").unwrap_err();
    assert_eq!(e.code, "precompiled.not_json");
}
