//! Differential testing, native side: 10,000 seeded random responses (valid and mutated)
//! over every shipped form and 3,000 random JsonLogic rules, through the same entry points
//! as the JS `Engine.evaluateJson` and `evaluateLogic`. Writes the inputs
//! (`tests/artifacts/differential-inputs.ndjson`) for the Node and Chromium runners and the
//! native results (`differential-native.txt`); `make test-same` compares the three.

use trygg_conformance::differential::{cases, Case, RESPONSES, RULES};
use trygg_conformance::forms::{builtin_engine, builtin_files};
use trygg_conformance::{logic_line, result_line, tests_dir};
use trygg_host::api;
use trygg_host::engine::FormRefArg;

#[test]
fn differential_inputs_native_results() {
    let (files, _) = builtin_files().unwrap();
    let defs: Vec<trygg::FormDef> = files
        .iter()
        .map(|(_, text)| trygg::load(text).unwrap().def().clone())
        .collect();
    let list = cases(&defs);
    assert_eq!(list, cases(&defs), "the generator is not deterministic");
    let engine = builtin_engine().unwrap();
    let (mut inputs, mut lines) = (String::new(), String::new());
    let (mut ok, mut refused, mut logic_ok) = (0, 0, 0);
    for case in &list {
        inputs.push_str(&case.to_line());
        inputs.push('\n');
        match case {
            Case::Response { id, form, response } => {
                let got = engine
                    .evaluate(&FormRefArg::from_str_ref(form), response)
                    .map_err(|e| (e.code.to_string(), e.path.clone()));
                if let Ok(text) = &got {
                    let v: serde_json::Value = serde_json::from_str(text).unwrap();
                    assert_eq!(&trygg::to_canonical_string(&v), text, "{id}: not canonical");
                    ok += 1;
                } else {
                    refused += 1;
                }
                lines.push_str(&result_line(id, &got));
            }
            Case::Logic { id, rule, data } => {
                let got = api::evaluate_logic(rule, data);
                logic_ok += usize::from(got.is_ok());
                lines.push_str(&logic_line(id, &got));
            }
        }
    }
    assert_eq!(ok + refused, RESPONSES);
    // Both kinds are well represented: most responses score, a good share is refused.
    assert!(
        ok >= RESPONSES / 2 && refused >= RESPONSES / 10,
        "{ok} scored, {refused} refused"
    );
    assert!(
        (RULES / 4..RULES).contains(&logic_ok),
        "{logic_ok} of {RULES} rules gave a value"
    );
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("differential-inputs.ndjson"), inputs).unwrap();
    std::fs::write(artifacts.join("differential-native.txt"), &lines).unwrap();
    println!(
        "differential: {RESPONSES} responses ({ok} scored, {refused} refused), {RULES} rules ({logic_ok} gave a value)"
    );
}
