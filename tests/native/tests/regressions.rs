//! The regression corpus (`tests/regressions/*.json`): inputs that once broke the engine,
//! through the same entry points as the JS exports, natively. Each case's expectation (a
//! coded error, or a text the output contains) is checked here and in the Node and
//! Chromium runners; `make test-same` compares the three results files
//! (`regressions-<runtime>.txt`).

use trygg_conformance::forms::builtin_engine;
use trygg_conformance::{logic_line, regression_cases, result_line, tests_dir, RegressionInput};
use trygg_host::api;
use trygg_host::engine::{EngineCore, FormRefArg};

fn located(e: trygg::Error) -> (String, String) {
    (e.code.to_string(), e.path)
}

#[test]
fn regression_corpus() {
    let cases = regression_cases().unwrap();
    assert!(cases.len() >= 10, "only {} regression cases", cases.len());
    let builtin = builtin_engine().unwrap();
    let mut lines = String::new();
    let mut failures = Vec::new();
    for case in &cases {
        let (line, code, output) = match &case.input {
            RegressionInput::Logic { rule, data } => {
                let got = api::evaluate_logic(rule, data);
                let code = got.as_ref().err().map(|f| located(f.error.clone()));
                (logic_line(&case.id, &got), code, got.ok())
            }
            RegressionInput::Response { form, input } => {
                let got = builtin
                    .evaluate(&FormRefArg::from_str_ref(form), input)
                    .map_err(located);
                (result_line(&case.id, &got), got.clone().err(), got.ok())
            }
            RegressionInput::Form { input, response } => {
                let mut engine = EngineCore::new();
                let got = match engine.load_form(input) {
                    Ok(info) => engine
                        .evaluate(
                            &FormRefArg::from_str_ref(&format!("{}@{}", info.id, info.version)),
                            response,
                        )
                        .map_err(located),
                    Err(errors) => Err(errors
                        .0
                        .into_iter()
                        .next()
                        .map_or(("internal.empty_errors".into(), String::new()), located)),
                };
                (result_line(&case.id, &got), got.clone().err(), got.ok())
            }
            RegressionInput::Canonical { input } => {
                let got = api::canonical_json(input).map_err(located);
                (result_line(&case.id, &got), got.clone().err(), got.ok())
            }
        };
        if let Some(want) = &case.error {
            if code.as_ref() != Some(want) {
                failures.push(format!(
                    "{}: want error {want:?}, got {}",
                    case.id,
                    excerpt(&line)
                ));
            }
        }
        if case.expect.is_some() && output != case.expect {
            failures.push(format!(
                "{}: want {:?}, got {}",
                case.id,
                case.expect,
                excerpt(&line)
            ));
        }
        if let Some(text) = &case.includes {
            if !line.contains(text.as_str()) {
                failures.push(format!("{}: want {text:?} in {}", case.id, excerpt(&line)));
            }
        }
        if case.error.is_none() && case.expect.is_none() && case.includes.is_none() {
            failures.push(format!(
                "{}: needs \"error\", \"expect\" or \"includes\"",
                case.id
            ));
        }
        lines.push_str(&line);
    }
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("regressions-native.txt"), lines).unwrap();
    println!(
        "regressions: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn excerpt(line: &str) -> String {
    line.chars().take(300).collect()
}
