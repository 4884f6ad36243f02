//! The shared JsonLogic conformance suites: every case of the 48 suites listed in
//! `../shared/conformance/jsonlogic/suites/index.json` (1,138 cases).
//!
//! The suites live beside the repository (never copied into it). Each suite file is a JSON
//! array: strings are section headings, objects are cases with `rule`, `data` (absent
//! means null) and either `result` or `error: {"type": …}`. A rule that fails to compile
//! counts as failing with its compile error's `error_type()`, so a case may be satisfied
//! at compile time or at evaluation time.
//!
//! Run with `cargo test -p trygg --test conformance -- --nocapture` to see the per-suite
//! counts and the closing `N passed, N failed` line.
#![allow(clippy::panic, clippy::expect_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use trygg::logic;

fn suites_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/jsonlogic/suites")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nThe JsonLogic conformance suites must be checked out beside \
             the repository, at ../shared/conformance/jsonlogic/suites/ (see shared/NOTICE.md).",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// JSON equality where numbers compare by value (`1 == 1.0`).
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, p)| y.get(k).is_some_and(|q| json_eq(p, q)))
        }
        _ => a == b,
    }
}

/// What running a rule gave: a value, or an error type.
fn run(rule: &Value, data: &Value) -> Result<Value, String> {
    let compiled = logic::compile(rule).map_err(|e| e.error_type().to_string())?;
    compiled
        .evaluate(data)
        .map_err(|e| e.error_type().to_string())
}

#[test]
fn jsonlogic_conformance() {
    let dir = suites_dir();
    let index = read_json(&dir.join("index.json"));
    let suites = index
        .as_array()
        .expect("index.json is an array of file names");
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for suite in suites {
        let name = suite.as_str().expect("suite names are strings");
        let cases = read_json(&dir.join(name));
        let (mut ok, mut total) = (0usize, 0usize);
        for case in cases.as_array().expect("a suite is an array") {
            let Value::Object(case) = case else { continue };
            total += 1;
            let rule = case.get("rule").expect("case has a rule");
            let data = case.get("data").unwrap_or(&Value::Null);
            let description = case
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            let got = run(rule, data);
            let pass = match (case.get("error"), case.get("result"), &got) {
                (Some(err), _, Err(t)) => err.get("type").and_then(Value::as_str) == Some(t),
                (None, Some(expected), Ok(v)) => json_eq(expected, v),
                _ => false,
            };
            if pass {
                ok += 1;
            } else {
                let expected = case
                    .get("error")
                    .map(|e| format!("error {e}"))
                    .or_else(|| case.get("result").map(|r| r.to_string()))
                    .unwrap_or_default();
                let got = match &got {
                    Ok(v) => v.to_string(),
                    Err(t) => format!("error {t:?}"),
                };
                failures.push(format!(
                    "FAIL {name}: {description}\n  rule:     {rule}\n  data:     {data}\n  expected: {expected}\n  got:      {got}"
                ));
            }
        }
        println!("{name}: {ok}/{total}");
        passed += ok;
        failed += total - ok;
    }
    for f in &failures {
        println!("{f}");
    }
    println!("{passed} passed, {failed} failed");
    assert_eq!(
        failed,
        0,
        "{failed} conformance case(s) failed:\n{}",
        failures.join("\n")
    );
}
