//! `trygg logic` through the built binary: NDJSON in, NDJSON out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// Pipe `input` through `trygg logic` and return its output lines, parsed.
fn run(input: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .arg("logic")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn trygg");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("output line {l:?}: {e}")))
        .collect()
}

#[test]
fn answers_each_line_and_survives_bad_ones() {
    let input = concat!(
        r#"{"rule": {"+": [1, {"var": "x"}]}, "data": {"x": 2}}"#,
        "\n",
        "\n",
        r#"{"rule": {"/": [1, 0]}}"#,
        "\n",
        "this is not json\n",
        r#"{"rule": {"throw": {"preserve": {"type": "Custom", "why": 1}}}}"#,
        "\n",
        "   \n",
        r#"{"data": 1}"#,
        "\n",
        r#"{"rule": {"nope": 1}}"#,
        "\n",
        r#"[1, 2]"#,
        "\n",
        r#"{"rule": {"cat": ["a", {"var": "b"}]}, "data": {"b": 1.5}}"#, // no trailing newline
    );
    let out = run(input);
    assert_eq!(out.len(), 8, "{out:?}");
    assert_eq!(out[0], json!({"result": 3}));
    assert_eq!(out[1], json!({"error": {"type": "NaN"}}));
    assert_eq!(out[2]["error"]["type"], "Invalid Input");
    assert_eq!(out[2]["error"]["line"], 4);
    assert!(out[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not JSON"));
    assert_eq!(out[3], json!({"error": {"type": "Custom", "why": 1}}));
    assert_eq!(out[4]["error"]["type"], "Invalid Input");
    assert_eq!(out[4]["error"]["line"], 7);
    assert_eq!(out[5]["error"]["type"], "Unknown Operator");
    assert_eq!(out[5]["error"]["code"], "logic.unknown_operator");
    assert_eq!(out[5]["error"]["path"], "/nope");
    assert_eq!(
        (&out[6]["error"]["type"], &out[6]["error"]["line"]),
        (&json!("Invalid Input"), &json!(9))
    );
    assert_eq!(out[7], json!({"result": "a1.5"}));
}

#[test]
fn empty_input_gives_empty_output() {
    assert!(run("").is_empty());
    assert!(run("\n\n").is_empty());
}

/// Numeric-aware JSON equality (`1 == 1.0`).
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

/// Every conformance case through the CLI, checked against the suite's expectation.
#[test]
fn answers_every_conformance_case_as_the_suites_expect() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/jsonlogic/suites");
    let index: Value = match std::fs::read_to_string(dir.join("index.json")) {
        Ok(text) => serde_json::from_str(&text).unwrap(),
        Err(e) => panic!(
            "cannot read the conformance suites beside the repository ({}): {e}",
            dir.display()
        ),
    };
    let mut cases = Vec::new();
    for name in index.as_array().unwrap() {
        let text = std::fs::read_to_string(dir.join(name.as_str().unwrap())).unwrap();
        let suite: Value = serde_json::from_str(&text).unwrap();
        cases.extend(
            suite
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c.is_object())
                .cloned(),
        );
    }
    let mut input = String::new();
    for case in &cases {
        let line =
            json!({"rule": case["rule"], "data": case.get("data").cloned().unwrap_or(Value::Null)});
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let out = run(&input);
    assert_eq!(out.len(), cases.len());
    let mut failures = Vec::new();
    for (case, got) in cases.iter().zip(&out) {
        let ok = match (case.get("error"), case.get("result")) {
            (Some(err), _) => got["error"]["type"] == err["type"],
            (None, Some(expected)) => got.get("result").is_some_and(|r| json_eq(r, expected)),
            _ => false,
        };
        if !ok {
            failures.push(format!("{}: got {got}", case["description"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(cases.len(), 1138);
}
