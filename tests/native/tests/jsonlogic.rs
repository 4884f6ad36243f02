//! The shared JsonLogic conformance suites through `evaluateLogic`'s entry point, natively.
//! The Node and Chromium runners run the same cases on the WASM module; `make test-same`
//! compares the three results files.

use trygg_conformance::{jsonlogic_cases, logic_line, tests_dir};
use trygg_host::api;

#[test]
fn jsonlogic_suites() {
    let cases = jsonlogic_cases().unwrap();
    assert!(cases.len() >= 1000, "only {} cases found", cases.len());
    let mut lines = String::new();
    let mut failures = Vec::new();
    for case in &cases {
        let got = api::evaluate_logic(&case.rule, &case.data);
        lines.push_str(&logic_line(&case.id, &got));
        let ok = match (&case.expect, &got) {
            (Ok(want), Ok(text)) => want == text,
            (Err(want), Err(f)) => f.logic_type.as_deref() == Some(want.as_str()),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{}: rule {} data {}: want {:?}, got {:?}",
                case.id, case.rule, case.data, case.expect, got
            ));
        }
    }
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("jsonlogic-native.txt"), lines).unwrap();
    println!(
        "jsonlogic: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
