//! Property tests: compiling and evaluating arbitrary rules never panics, and evaluation
//! is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use serde_json::{Map, Value};
use trygg::logic::{self, Scope, SlotInfo, VarType};

const OPS: &[&str] = &[
    "var",
    "val",
    "exists",
    "missing",
    "missing_some",
    "if",
    "?:",
    "==",
    "===",
    "!=",
    "!==",
    "<",
    "<=",
    ">",
    ">=",
    "!",
    "!!",
    "and",
    "or",
    "??",
    "+",
    "-",
    "*",
    "/",
    "%",
    "max",
    "min",
    "map",
    "filter",
    "reduce",
    "all",
    "some",
    "none",
    "merge",
    "in",
    "cat",
    "substr",
    "throw",
    "try",
    "preserve",
];

const KEYS: &[&str] = &[
    "a",
    "b",
    "a.b",
    "",
    "0",
    "1",
    "x.y.z",
    "current",
    "accumulator",
    "index",
    "type",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..20).prop_map(Value::from),
        prop_oneof![Just(0.5), Just(-2.25), Just(1e300), Just(-0.0), Just(1e-7)]
            .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(KEYS).prop_map(Value::from),
        prop::sample::select(&["1e2", " 3 ", "0x1f", "abc", "-", "Infinity", "é", "😀x"][..])
            .prop_map(Value::from),
        "\\PC{0,6}".prop_map(Value::from),
    ]
}

/// JSON biased toward real operators with small nested arguments.
fn rule() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 5, |inner| {
        prop_oneof![
            4 => (prop::sample::select(OPS), prop::collection::vec(inner.clone(), 0..4)).prop_map(|(op, args)| {
                let mut m = Map::new();
                m.insert(op.to_string(), Value::Array(args));
                Value::Object(m)
            }),
            2 => (prop::sample::select(OPS), inner.clone()).prop_map(|(op, arg)| {
                let mut m = Map::new();
                m.insert(op.to_string(), arg);
                Value::Object(m)
            }),
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            1 => prop::collection::vec(("\\PC{0,3}", inner), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn data() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(
                (prop::sample::select(KEYS).prop_map(String::from), inner),
                0..5
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Resolves a few paths to slots of assorted types, rejects some, leaves the rest dynamic.
struct PropScope {
    dynamic: bool,
}

impl Scope for PropScope {
    fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String> {
        let info = |slot, ty, values: Option<Vec<Value>>| Ok(Some(SlotInfo { slot, ty, values }));
        match path {
            "a" => info(0, VarType::Number, None),
            "b" => info(
                1,
                VarType::String,
                Some(vec![Value::from("0"), Value::from("1")]),
            ),
            "a.b" => info(2, VarType::Bool, None),
            "0" => info(7, VarType::Array, None),
            "1" => info(u32::MAX, VarType::Any, None),
            "x.y.z" => Err("unknown".into()),
            _ => Ok(None),
        }
    }

    fn allows_dynamic(&self) -> bool {
        self.dynamic
    }
}

fn same_outcome(a: &Result<Value, logic::EvalError>, b: &Result<Value, logic::EvalError>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn compile_and_evaluate_never_panic(rule in rule(), data in data()) {
        if let Ok(compiled) = logic::compile(&rule) {
            let first = compiled.evaluate(&data);
            let again = logic::compile(&rule).unwrap().evaluate(&data);
            prop_assert!(same_outcome(&first, &again), "{rule} on {data}: {first:?} vs {again:?}");
            if let Err(e) = &first {
                // The error value round-trips to its type (a thrown "" has the type "").
                let v = e.to_value();
                let ty = v.get("type").and_then(|t| t.as_str()).or_else(|| v.as_str());
                prop_assert_eq!(ty.unwrap_or(e.error_type()), e.error_type());
            }
            let _ = compiled.references();
        }
    }

    #[test]
    fn compile_with_scope_never_panics(
        rule in rule(),
        data in data(),
        slots in prop::collection::vec(data(), 0..4),
        dynamic in any::<bool>(),
    ) {
        let scope = PropScope { dynamic };
        match logic::compile_with(&rule, &scope) {
            Ok(compiled) => {
                let first = compiled.evaluate_with(&data, &slots);
                let again = compiled.evaluate_with(&data, &slots);
                prop_assert!(same_outcome(&first, &again));
                for r in compiled.references() {
                    prop_assert!(!r.path.is_empty());
                }
            }
            Err(e) => {
                prop_assert!(e.code.starts_with("logic."));
                prop_assert!(e.path.is_empty() || e.path.starts_with('/'));
            }
        }
    }

    #[test]
    fn any_json_text_compiles_or_errors(text in "[\\[\\]{}\":,0-9a-z!=<>+*/%?. -]{0,40}") {
        if let Ok(v) = serde_json::from_str::<Value>(&text) {
            if let Ok(r) = logic::compile(&v) {
                let _ = r.evaluate(&v);
            }
        }
    }
}
