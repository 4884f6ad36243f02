//! Semantics the conformance suites leave open, pinned down here as Trygg chooses them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use trygg::logic;

fn eval(rule: Value, data: Value) -> Result<Value, String> {
    let compiled = logic::compile(&rule).map_err(|e| e.code.to_string())?;
    compiled
        .evaluate(&data)
        .map_err(|e| e.error_type().to_string())
}

#[test]
fn null_loosely_equals_only_null_zero_false_and_empty() {
    // An unanswered choice (null) never matches an option code such as "0".
    assert_eq!(
        eval(json!({"==": [{"var": "q"}, "0"]}), json!({})),
        Ok(json!(false))
    );
    assert_eq!(
        eval(json!({"==": [null, ""]}), json!(null)),
        Ok(json!(true))
    );
    assert_eq!(
        eval(json!({"==": [null, false]}), json!(null)),
        Ok(json!(true))
    );
    assert_eq!(eval(json!({"==": [null, 0]}), json!(null)), Ok(json!(true)));
    assert_eq!(
        eval(json!({"===": [null, 0]}), json!(null)),
        Ok(json!(false))
    );
    // Mixed primitives compare as numbers; a non-numeric string is NaN.
    assert_eq!(
        eval(json!({"==": [true, "1"]}), json!(null)),
        Ok(json!(true))
    );
    assert_eq!(
        eval(json!({"==": [true, "yes"]}), json!(null)),
        Err("NaN".into())
    );
    // Strict equality is deep and numeric-aware.
    assert_eq!(
        eval(
            json!({"===": [{"preserve": [1, {"a": 2}]}, {"preserve": [1.0, {"a": 2}]}]}),
            json!(null)
        ),
        Ok(json!(true))
    );
}

#[test]
fn var_default_applies_to_missing_and_null() {
    assert_eq!(
        eval(json!({"var": ["a", 7]}), json!({"a": null})),
        Ok(json!(7))
    );
    assert_eq!(
        eval(json!({"var": ["a", 7]}), json!({"a": 0})),
        Ok(json!(0))
    );
    assert_eq!(
        eval(json!({"var": [{"cat": ["a"]}, 7]}), json!({})),
        Ok(json!(7))
    );
}

#[test]
fn numbers_print_and_round_trip_like_javascript() {
    assert_eq!(
        eval(
            json!({"cat": [0.1, "|", 1e21, "|", 1e-7, "|", -0.0]}),
            json!(null)
        ),
        Ok(json!("0.1|1e+21|1e-7|0"))
    );
    assert_eq!(
        eval(json!({"+": [0.1, 0.2]}), json!(null)),
        Ok(json!(0.30000000000000004))
    );
    // Integral results are integers; overflow is NaN rather than Infinity.
    assert_eq!(eval(json!({"*": [2.5, 2]}), json!(null)), Ok(json!(5)));
    assert_eq!(
        eval(json!({"*": [1e308, 10]}), json!(null)),
        Err("NaN".into())
    );
    assert_eq!(
        eval(json!({"+": ["0x10", " 2 ", "1e1"]}), json!(null)),
        Ok(json!(28))
    );
    assert_eq!(eval(json!({"+": ["inf"]}), json!(null)), Err("NaN".into()));
}

#[test]
fn substr_counts_characters() {
    assert_eq!(
        eval(json!({"substr": ["åäö😀x", 1, 3]}), json!(null)),
        Ok(json!("äö😀"))
    );
    assert_eq!(
        eval(json!({"substr": ["åäö", -1]}), json!(null)),
        Ok(json!("ö"))
    );
}

#[test]
fn scope_levels_read_index_and_parents() {
    let rule = json!({"map": [["a", "b"], {"map": [[10], {"cat": [
        {"val": [[1], "index"]}, {"val": [[2]]}, {"val": [[3], "index"]}, {"val": [[4], "k"]}
    ]}]}]});
    assert_eq!(
        eval(rule, json!({"k": "!"})),
        Ok(json!([["0a0!"], ["0b1!"]]))
    );
    // Climbing past the root stays at the root.
    assert_eq!(
        eval(json!({"map": [[1], {"val": [[99], "k"]}]}), json!({"k": 5})),
        Ok(json!([5]))
    );
}

#[test]
fn reduce_exposes_current_and_accumulator() {
    let rule = json!({"reduce": [[1, 2], {"merge": [{"var": "accumulator"}, [{"var": ""}]]}, []]});
    assert_eq!(
        eval(rule, json!(null)),
        Ok(
            json!([{"current": 1, "accumulator": []}, {"current": 2, "accumulator": [{"current": 1, "accumulator": []}]}])
        )
    );
}

#[test]
fn unevaluated_arguments_are_still_checked() {
    assert_eq!(
        eval(json!({"!": [true, {"nope": 1}]}), json!(null)),
        Err("logic.unknown_operator".into())
    );
    assert_eq!(
        eval(json!({"if": [true, 1, {"nope": 1}]}), json!(null)),
        Err("logic.unknown_operator".into())
    );
    assert_eq!(
        eval(json!({"and": true}), json!(null)),
        Err("logic.invalid_arguments".into())
    );
}

#[test]
fn evaluation_is_repeatable_and_does_not_touch_the_rule() {
    let compiled =
        logic::compile(&json!({"filter": [{"var": "xs"}, {">": [{"var": ""}, 1]}]})).unwrap();
    let data = json!({"xs": [1, 2, 3]});
    for _ in 0..3 {
        assert_eq!(compiled.evaluate(&data).unwrap(), json!([2, 3]));
    }
    let shared = std::sync::Arc::new(compiled);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let rule = shared.clone();
            std::thread::spawn(move || rule.evaluate(&json!({"xs": [5]})).unwrap())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), json!([5]));
    }
}
