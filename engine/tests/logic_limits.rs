//! Limits: hostile rules give located errors, never a stack overflow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Map, Value};
use trygg::logic::{self, MAX_DEPTH, MAX_NODES};

/// Drop a value without recursion: serde_json's `Drop` recurses, and a 100,000-deep value
/// would overflow the stack on the way out.
fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            Value::Array(items) => stack.append(items),
            Value::Object(map) => stack.extend(std::mem::take(map).into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// `{"!": [{"!": [ … true … ]}]}`, `levels` operators deep (two containers each).
fn nested_not(levels: usize) -> Value {
    let mut v = json!(true);
    for _ in 0..levels {
        let mut m = Map::new();
        m.insert("!".into(), Value::Array(vec![v]));
        v = Value::Object(m);
    }
    v
}

#[test]
fn a_100_000_deep_rule_is_too_deep() {
    let rule = nested_not(100_000);
    let e = logic::compile(&rule).expect_err("too deep");
    assert_eq!(e.code, "logic.too_deep");
    assert_eq!(e.error_type(), "Too Deep");
    // The error points at the first container past the limit.
    assert_eq!(e.path.matches('/').count(), MAX_DEPTH);
    assert!(e.path.starts_with("/!/0/!/0/"), "{}", e.path);
    let scoped = logic::compile_with(&rule, &NoScope).expect_err("too deep");
    assert_eq!(scoped.code, "logic.too_deep");
    dismantle(rule);
}

#[test]
fn a_deep_literal_is_too_deep_too() {
    let mut v = json!(1);
    for _ in 0..100_000 {
        v = Value::Array(vec![v]);
    }
    // Not `json!`: it would serialise `v` recursively.
    let mut m = Map::new();
    m.insert("preserve".into(), v);
    let rule = Value::Object(m);
    let e = logic::compile(&rule).expect_err("too deep");
    assert_eq!(e.code, "logic.too_deep");
    dismantle(rule);
}

#[test]
fn the_deepest_allowed_rule_compiles_and_evaluates_on_a_small_stack() {
    // MAX_DEPTH containers: 64 levels of `{"!": [...]}`.
    let rule = nested_not(MAX_DEPTH / 2);
    let compiled = logic::compile(&rule).unwrap();
    assert!(logic::compile(&nested_not(MAX_DEPTH / 2 + 1)).is_err());
    // Evaluation recursion is bounded by the rule depth: 512 KiB is plenty (WASM hosts
    // commonly give 1 MiB).
    let result = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || compiled.evaluate(&json!(null)))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(result.unwrap(), json!(true));

    // Nested iterators at the limit too: 62 levels of `{"map": [[1], …]}`, so 62 scope
    // frames deep when the innermost body runs.
    let levels = MAX_DEPTH / 2 - 2;
    let mut body = json!({"+": [{"val": []}, 1]});
    for _ in 0..levels {
        body = json!({"map": [[1], body]});
    }
    let compiled = logic::compile(&body).unwrap();
    let mut result = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || compiled.evaluate(&json!(null)))
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
    for _ in 0..levels {
        result = result.as_array().unwrap()[0].clone();
    }
    assert_eq!(result, json!(2));
}

#[test]
fn too_many_nodes_is_too_large() {
    let rule = json!({"+": vec![1; MAX_NODES]});
    let e = logic::compile(&rule).expect_err("too large");
    assert_eq!(e.code, "logic.too_large");
    let ok = json!({"+": vec![1; MAX_NODES - 3]});
    assert_eq!(
        logic::compile(&ok).unwrap().evaluate(&json!(null)).unwrap(),
        json!(MAX_NODES - 3)
    );
}

#[test]
fn iterating_a_huge_array_is_a_loop() {
    let xs: Vec<Value> = (0..200_000).map(Value::from).collect();
    let data = json!({ "xs": xs });
    let rule = json!({"reduce": [{"filter": [{"var": "xs"}, {"%": [{"var": ""}, 2]}]},
        {"+": [{"var": "accumulator"}, 1]}, 0]});
    let compiled = logic::compile(&rule).unwrap();
    assert_eq!(compiled.evaluate(&data).unwrap(), json!(100_000));
}

struct NoScope;
impl logic::Scope for NoScope {
    fn resolve(&self, _: &str) -> Result<Option<logic::SlotInfo>, String> {
        Ok(None)
    }
}
