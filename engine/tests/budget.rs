//! The evaluation budget: rules that would exhaust CPU, memory or the stack stop with
//! `logic.budget_exceeded`, naming the limit, on every path (plain rules, forms, sessions).
//! Assertions are on the outcome, never on time.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg::logic::{self, Limit};

fn limit_of(rule: &Value, data: &Value) -> Option<Limit> {
    let compiled = logic::compile(rule).unwrap();
    let err = compiled.evaluate(data).unwrap_err();
    assert_eq!(err.code(), "logic.budget_exceeded", "{err:?}");
    assert_eq!(err.error_type(), "Budget Exceeded");
    err.limit()
}

fn nest_all(depth: usize, n: usize) -> Value {
    let mut body = json!(true);
    for _ in 0..depth {
        body = json!({"all": [vec![1; n], body]});
    }
    body
}

#[test]
fn merge_doubling_stops_at_array_length() {
    let rule = json!({"reduce": [vec![0; 27], {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [0]]});
    assert!(serde_json::to_string(&rule).unwrap().len() <= 137);
    assert_eq!(limit_of(&rule, &json!(null)), Some(Limit::ArrayLength));
}

#[test]
fn wrapping_the_accumulator_stops_at_value_depth() {
    let rule = json!({"reduce": [{"var": "a"}, [{"var": "accumulator"}], null]});
    let data = json!({ "a": vec![0; 10_000] });
    assert_eq!(limit_of(&rule, &data), Some(Limit::ValueDepth));
    // Just under the limit works, and the value is as deep as asked.
    let data = json!({ "a": vec![0; logic::MAX_VALUE_DEPTH - 1] });
    let v = logic::compile(&rule).unwrap().evaluate(&data).unwrap();
    let mut depth = 0;
    let mut cur = &v;
    while let Value::Array(items) = cur {
        depth += 1;
        cur = &items[0];
    }
    assert_eq!(depth, logic::MAX_VALUE_DEPTH - 1);
}

#[test]
fn map_and_throw_nesting_stop_at_value_depth() {
    let data = json!({ "a": vec![0; 1000] });
    let map = json!({"reduce": [{"var": "a"}, {"map": [[1], {"val": [[2], "accumulator"]}]}, []]});
    assert_eq!(limit_of(&map, &data), Some(Limit::ValueDepth));
    let throw = json!({"reduce": [{"var": "a"}, {"try": [{"throw": [[{"var": "accumulator"}]]}, {"var": "type"}]}, "e"]});
    assert_eq!(limit_of(&throw, &data), Some(Limit::ValueDepth));
}

#[test]
fn nested_iterators_stop_at_steps() {
    for depth in [4, 5, 6] {
        assert_eq!(
            limit_of(&nest_all(depth, 100), &json!(null)),
            Some(Limit::Steps)
        );
    }
    let ok = logic::compile(&nest_all(2, 100)).unwrap();
    assert_eq!(ok.evaluate(&json!(null)).unwrap(), json!(true));
    // A scan inside an iterator is charged per element.
    let rule = json!({"all": [{"var": "a"}, {"!": {"in": ["x", {"val": [[2], "a"]}]}}]});
    assert_eq!(
        limit_of(&rule, &json!({ "a": vec![0; 5000] })),
        Some(Limit::Steps)
    );
}

#[test]
fn cat_doubling_stops_at_string_length() {
    let rule = json!({"reduce": [vec![0; 40], {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "x"]});
    assert_eq!(limit_of(&rule, &json!(null)), Some(Limit::StringLength));
}

#[test]
fn copying_big_data_stops_at_value_bytes_or_total_bytes() {
    let big = "y".repeat(300_000);
    let data = json!({ "s": big, "a": vec![0; 100] });
    // Each element is a 300 KB string: the array passes 1 MiB at the fourth.
    let rule = json!({"map": [{"var": "a"}, {"val": [[2], "s"]}]});
    assert_eq!(limit_of(&rule, &data), Some(Limit::ValueBytes));
    // Many small copies add up.
    let rule = json!({"all": [{"var": "a"}, {"cat": [{"val": [[2], "s"]}, "z"]}]});
    assert_eq!(limit_of(&rule, &data), Some(Limit::TotalBytes));
}

#[test]
fn try_cannot_catch_the_budget() {
    let rule = json!({"try": [nest_all(4, 100), "caught"]});
    assert_eq!(limit_of(&rule, &json!(null)), Some(Limit::Steps));
    let err = logic::compile(&rule)
        .unwrap()
        .evaluate(&json!(null))
        .unwrap_err();
    assert_eq!(
        err.to_value(),
        json!({"type": "Budget Exceeded", "limit": "steps", "max": logic::MAX_STEPS})
    );
}

#[test]
fn ordinary_work_fits() {
    let rule =
        json!({"reduce": [{"var": "a"}, {"+": [{"var": "accumulator"}, {"var": "current"}]}, 0]});
    let data = json!({ "a": vec![1; 10_000] });
    assert_eq!(
        logic::compile(&rule).unwrap().evaluate(&data).unwrap(),
        json!(10_000)
    );
    let rule = json!({"map": [{"var": "a"}, {"*": [{"var": ""}, 2]}]});
    let v = logic::compile(&rule).unwrap().evaluate(&data).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(10_000));
}

fn mini() -> Value {
    serde_json::from_str(include_str!("fixtures/mini.json")).unwrap()
}

#[test]
fn a_form_condition_over_budget_is_a_compile_error_when_the_sizes_are_literal() {
    let mut form = mini();
    form["findings"][0]["when"] = nest_all(4, 100);
    let errors = trygg::compile(&form).unwrap_err().0;
    let e = errors
        .iter()
        .find(|e| e.code == "logic.budget_exceeded")
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert!(e.path.starts_with("/findings/0/when"), "{e:?}");
    // Two levels fit and compile.
    form["findings"][0]["when"] = nest_all(2, 100);
    assert!(trygg::compile(&form).is_ok());
}

#[test]
fn a_form_condition_over_budget_at_run_time_is_a_located_problem() {
    let mut form = mini();
    form["findings"][1]["when"] = json!({"!": {"reduce": [vec![0; 27], {"merge": [{"var": "accumulator"}, {"var": "accumulator"}]}, [0]]}});
    let form = trygg::compile(&form).unwrap();
    let response = trygg::parse_response(r#"{"answers": {"mood1": "0", "mood2": "0"}}"#).unwrap();
    let outcome = trygg::evaluate(&form, &response);
    let p = outcome
        .problems
        .iter()
        .find(|p| p.code == "logic.budget_exceeded")
        .unwrap_or_else(|| panic!("{:#?}", outcome.problems));
    assert!(p.message.contains("/findings/1/when"), "{}", p.message);
    assert!(p.message.contains("array_length"), "{}", p.message);
}
