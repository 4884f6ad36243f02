//! The compile-time scope hook: slots, located errors, type checks, references.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use serde_json::{json, Value};
use trygg::logic::{self, CompileError, Reference, Scope, SlotInfo, VarType};

/// A scope like the form compiler's: `answers.*` and `scales.*` are known, `ext.*` is
/// left to dynamic look-up, anything else is unknown.
struct TestScope {
    vars: HashMap<&'static str, SlotInfo>,
    dynamic: bool,
}

impl TestScope {
    fn new() -> Self {
        let mut vars = HashMap::new();
        let mut add = |path, slot, ty, values: Option<Vec<Value>>| {
            vars.insert(path, SlotInfo { slot, ty, values });
        };
        add(
            "answers.mood1",
            0,
            VarType::String,
            Some(vec![json!("0"), json!("1"), json!("2")]),
        );
        add("scales.phq2", 1, VarType::Number, None);
        add("answers.smoker", 2, VarType::Bool, None);
        add("answers.kids", 3, VarType::Array, None);
        add("answers.note", 4, VarType::String, None);
        add("answers.any", 5, VarType::Any, None);
        TestScope {
            vars,
            dynamic: true,
        }
    }

    fn strict() -> Self {
        TestScope {
            dynamic: false,
            ..TestScope::new()
        }
    }
}

impl Scope for TestScope {
    fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String> {
        if let Some(info) = self.vars.get(path) {
            return Ok(Some(info.clone()));
        }
        if path.starts_with("ext.") {
            return Ok(None);
        }
        Err(format!("no item or scale `{path}` in this form"))
    }

    fn allows_dynamic(&self) -> bool {
        self.dynamic
    }
}

fn compile_err(rule: Value) -> CompileError {
    logic::compile_with(&rule, &TestScope::new()).expect_err("expected a compile error")
}

fn slots() -> Vec<Value> {
    vec![
        json!("2"),
        json!(4),
        json!(true),
        json!([1, 2]),
        json!("hi"),
        json!(null),
    ]
}

#[test]
fn resolved_paths_read_slots_not_data() {
    let rule = json!({"and": [
        {"==": [{"var": "answers.mood1"}, "2"]},
        {">=": [{"var": "scales.phq2"}, 3]},
        {"var": "answers.smoker"}
    ]});
    let compiled = logic::compile_with(&rule, &TestScope::new()).unwrap();
    // The data says otherwise; the slots win.
    let data = json!({"answers": {"mood1": "0", "smoker": false}, "scales": {"phq2": 0}});
    assert_eq!(
        compiled.evaluate_with(&data, &slots()).unwrap(),
        json!(true)
    );
    let mut other = slots();
    other[1] = json!(2);
    assert_eq!(compiled.evaluate_with(&data, &other).unwrap(), json!(false));
}

#[test]
fn val_segments_and_var_default_resolve() {
    let rule = json!({"+": [{"val": ["scales", "phq2"]}, {"var": ["scales.phq2", 100]}]});
    let compiled = logic::compile_with(&rule, &TestScope::new()).unwrap();
    assert_eq!(
        compiled.evaluate_with(&json!(null), &slots()).unwrap(),
        json!(8)
    );
    // A null slot and a slot past the end both read null, so the default applies.
    assert_eq!(
        compiled
            .evaluate_with(&json!(null), &[json!(0), json!(null)])
            .unwrap(),
        json!(100)
    );
    assert_eq!(
        compiled.evaluate_with(&json!(null), &[]).unwrap(),
        json!(100)
    );
}

#[test]
fn slot_past_the_end_reads_null() {
    let compiled = logic::compile_with(&json!({"var": "answers.any"}), &TestScope::new()).unwrap();
    assert_eq!(
        compiled
            .evaluate_with(&json!({"answers": {"any": 1}}), &[])
            .unwrap(),
        json!(null)
    );
    let missing = logic::compile_with(
        &json!({"missing": ["answers.any", "answers.note"]}),
        &TestScope::new(),
    )
    .unwrap();
    assert_eq!(
        missing.evaluate_with(&json!(null), &[]).unwrap(),
        json!(["answers.any", "answers.note"])
    );
    assert_eq!(
        missing.evaluate_with(&json!(null), &slots()).unwrap(),
        json!(["answers.any"])
    );
    let exists =
        logic::compile_with(&json!({"exists": ["answers", "note"]}), &TestScope::new()).unwrap();
    assert_eq!(
        exists.evaluate_with(&json!(null), &slots()).unwrap(),
        json!(true)
    );
    assert_eq!(
        exists.evaluate_with(&json!(null), &[]).unwrap(),
        json!(false)
    );
}

#[test]
fn unknown_var_is_located() {
    let e = compile_err(json!({"and": [true, {"var": "answers.mood9"}]}));
    assert_eq!(e.code, "logic.unknown_var");
    assert_eq!(e.path, "/and/1/var");
    assert!(e.message.contains("answers.mood9"), "{}", e.message);
    assert_eq!(e.error_type(), "Unknown Variable");

    let e = compile_err(json!({"if": [{"var": ["answers.typo", 0]}, 1, 2]}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.unknown_var", "/if/0/var/0")
    );

    let e = compile_err(json!({"missing": ["answers.mood1", "answers.typo"]}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.unknown_var", "/missing/1")
    );

    let e = compile_err(json!({"missing_some": [1, ["answers.typo"]]}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.unknown_var", "/missing_some/1/0")
    );

    let e = compile_err(json!({"!": {"val": ["answers", "typo"]}}));
    assert_eq!((e.code, e.path.as_str()), ("logic.unknown_var", "/!/val"));

    // Pointer segments are escaped (RFC 6901).
    let e = compile_err(json!({"==": [1, {"var": "a/b~c"}]}));
    assert_eq!(e.path, "/==/1/var");
    let e = compile_err(json!({"a/b": 1}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.unknown_operator", "/a~1b")
    );
}

#[test]
fn iterator_bodies_and_try_fallbacks_are_not_resolved() {
    // `qty` and `type` are not known to the scope: they read the element / the error.
    let rule = json!({"and": [
        {"some": [{"var": "answers.kids"}, {">": [{"var": "qty"}, 1]}]},
        {"try": [{"throw": "x"}, {"==": [{"var": "type"}, "x"]}]}
    ]});
    let compiled = logic::compile_with(&rule, &TestScope::new()).unwrap();
    let mut s = slots();
    s[3] = json!([{"qty": 1}, {"qty": 3}]);
    assert_eq!(
        compiled.evaluate_with(&json!(null), &s).unwrap(),
        json!(true)
    );
    assert_eq!(
        compiled.references(),
        &[Reference {
            path: "answers.kids".into(),
            slot: Some(3)
        }]
    );
}

#[test]
fn type_mismatch_is_located() {
    let e = compile_err(json!({">=": [{"var": "scales.phq2"}, "3"]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/>=/1"));
    assert_eq!(e.error_type(), "Type Mismatch");

    // Between form: every literal is checked.
    let e = compile_err(json!({"<": [0, {"var": "scales.phq2"}, true]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/</2"));

    let e = compile_err(json!({"===": [{"var": "answers.smoker"}, 1]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/===/1"));

    let e = compile_err(json!({"in": [{"var": "answers.note"}, ["a", 2]]}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.type_mismatch", "/in/1/1")
    );

    let e = compile_err(json!({"+": [1, {"var": "answers.note"}]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/+/1"));
    let e = compile_err(json!({"max": [{"var": "answers.kids"}]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/max/0"));
    let e = compile_err(json!({"-": {"var": "answers.smoker"}}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/-"));

    // Null is always fine; Any and Number vars pass; other operators are not checked.
    for ok in [
        json!({"==": [{"var": "scales.phq2"}, null]}),
        json!({"==": [{"var": "answers.any"}, "x"]}),
        json!({"*": [{"var": "scales.phq2"}, 2]}),
        json!({"cat": [{"var": "answers.note"}, 1]}),
        json!({"==": [{"var": "answers.note"}, {"var": "scales.phq2"}]}),
    ] {
        logic::compile_with(&ok, &TestScope::new()).unwrap();
    }
}

#[test]
fn unknown_value_is_located() {
    let e = compile_err(json!({"==": [{"var": "answers.mood1"}, "3"]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.unknown_value", "/==/1"));
    assert!(e.message.contains("\"3\""), "{}", e.message);
    assert_eq!(e.error_type(), "Unknown Value");

    let e = compile_err(json!({"in": [{"var": "answers.mood1"}, ["0", "1", "7"]]}));
    assert_eq!(
        (e.code, e.path.as_str()),
        ("logic.unknown_value", "/in/1/2")
    );

    // A type error wins over the value set: "3" vs 3.
    let e = compile_err(json!({"!=": [3, {"var": "answers.mood1"}]}));
    assert_eq!((e.code, e.path.as_str()), ("logic.type_mismatch", "/!=/0"));

    logic::compile_with(
        &json!({"in": [{"var": "answers.mood1"}, ["0", "2"]]}),
        &TestScope::new(),
    )
    .unwrap();
}

#[test]
fn dynamic_paths_need_permission() {
    let strict = TestScope::strict();
    let cases = [
        (json!({"var": {"cat": ["answers.", "mood1"]}}), "/var"),
        (
            json!({"==": [1, {"var": [{"cat": ["a"]}, 0]}]}),
            "/==/1/var/0",
        ),
        (json!({"val": {"cat": ["answers"]}}), "/val"),
        (
            json!({"missing": {"merge": [["answers.mood1"]]}}),
            "/missing",
        ),
        (
            json!({"map": [[1], {"val": [[2], "answers"]}]}),
            "/map/1/val",
        ),
    ];
    for (rule, pointer) in cases {
        let e = logic::compile_with(&rule, &strict).expect_err("dynamic path");
        assert_eq!(
            (e.code, e.path.as_str()),
            ("logic.dynamic_var", pointer),
            "{rule}"
        );
        // The default scope allows them.
        logic::compile_with(&rule, &TestScope::new()).unwrap();
    }
    // Inside an iterator a computed path reads the element, which is fine.
    logic::compile_with(
        &json!({"map": [{"preserve": [{"a": 1}]}, {"var": {"cat": ["a"]}}]}),
        &strict,
    )
    .unwrap();
}

#[test]
fn references_are_deduplicated_in_order() {
    let rule = json!({"if": [
        {"missing": ["answers.note", "ext.flag"]},
        {"+": [{"var": "scales.phq2"}, {"val": ["scales", "phq2"]}]},
        {"and": [{"var": ""}, {"exists": ["ext", "flag"]}, {"var": "answers.note"}, {"var": "ext.other.x"}]}
    ]});
    let compiled = logic::compile_with(&rule, &TestScope::new()).unwrap();
    let refs: Vec<(&str, Option<u32>)> = compiled
        .references()
        .iter()
        .map(|r| (r.path.as_str(), r.slot))
        .collect();
    assert_eq!(
        refs,
        [
            ("answers.note", Some(4)),
            ("ext.flag", None),
            ("scales.phq2", Some(1)),
            ("ext.other.x", None),
        ]
    );
    // Unresolved paths still read the data.
    let data = json!({"ext": {"flag": 1, "other": {"x": 5}}});
    assert_eq!(compiled.evaluate_with(&data, &slots()).unwrap(), json!(5));
}

#[test]
fn plain_compile_keeps_dynamic_lookups() {
    let rule = json!({"==": [{"var": "answers.mood9"}, {"val": ["a", "b"]}]});
    let compiled = logic::compile(&rule).unwrap();
    assert_eq!(
        compiled.references(),
        &[
            Reference {
                path: "answers.mood9".into(),
                slot: None
            },
            Reference {
                path: "a.b".into(),
                slot: None
            },
        ]
    );
    let data = json!({"answers": {"mood9": 3}, "a": {"b": "3"}});
    assert_eq!(compiled.evaluate(&data).unwrap(), json!(true));
}

#[test]
fn compile_errors_are_located() {
    let cases = [
        (
            json!({"and": [1, {"nope": []}]}),
            "logic.unknown_operator",
            "/and/1/nope",
        ),
        (json!({"if": 5}), "logic.invalid_arguments", "/if"),
        (json!({"<": [1]}), "logic.invalid_arguments", "/<"),
        (
            json!({"map": [null, {"var": ""}]}),
            "logic.invalid_arguments",
            "/map/0",
        ),
        (json!({"var": true}), "logic.invalid_arguments", "/var"),
        (json!([{"a": 1, "b": 2}]), "logic.unknown_operator", "/0"),
    ];
    for (rule, code, pointer) in cases {
        let e = logic::compile(&rule).expect_err("compile error");
        assert_eq!((e.code, e.path.as_str()), (code, pointer), "{rule}");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn eval_errors_are_values() {
    let e = logic::compile(&json!({"throw": {"preserve": {"type": "Custom", "detail": 1}}}))
        .unwrap()
        .evaluate(&json!(null))
        .unwrap_err();
    assert_eq!(e.error_type(), "Custom");
    assert_eq!(e.to_value(), json!({"type": "Custom", "detail": 1}));
    let e = logic::compile(&json!({"/": [1, 0]}))
        .unwrap()
        .evaluate(&json!(null))
        .unwrap_err();
    assert_eq!(
        (e.error_type(), e.to_value()),
        ("NaN", json!({"type": "NaN"}))
    );
    let e = logic::compile(&json!({"throw": 5}))
        .unwrap()
        .evaluate(&json!(null))
        .unwrap_err();
    assert_eq!(
        (e.error_type(), e.to_value()),
        ("Thrown", json!({"type": 5}))
    );
}

#[test]
fn rules_are_shareable() {
    fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug>() {}
    assert_send_sync::<logic::Rule>();
    assert_send_sync::<logic::EvalError>();
    assert_send_sync::<CompileError>();
}
