//! The calls behind the JS exports, as plain Rust: text in, text or a located
//! [`trygg::Error`] out. Kept free of wasm-bindgen types so that they run and are tested
//! natively too; `lib.rs` only converts at the boundary.

use serde_json::Value;
use trygg::Error;

/// Largest JSON text accepted by [`canonical_json`] and [`content_hash`], in bytes
/// (the same limit as a form definition).
pub const MAX_JSON_BYTES: usize = trygg::parse::MAX_FORM_BYTES;

/// Parse JSON text with a size limit. serde_json's recursion limit (128) bounds depth.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    parse_limited(text, MAX_JSON_BYTES, "the JSON text")
}

/// Parse JSON text of at most `limit` bytes; `what` names the document in messages.
/// Errors: `json.too_large`, `json.invalid` (with line and column). The one parser every
/// text argument of the module goes through.
pub fn parse_limited(text: &str, limit: usize, what: &str) -> Result<Value, Error> {
    if text.len() > limit {
        return Err(Error::new(
            "json.too_large",
            "",
            format!("{what} is {} bytes; the limit is {limit}", text.len()),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            "json.invalid",
            "",
            format!(
                "{what}: not valid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        )
    })
}

/// RFC 8785 canonical text of JSON text.
pub fn canonical_json(text: &str) -> Result<String, Error> {
    parse_json(text).map(|v| trygg::to_canonical_string(&v))
}

/// `"sha256:<hex>"` of the canonical text of JSON text.
pub fn content_hash(text: &str) -> Result<String, Error> {
    parse_json(text).map(|v| trygg::content_hash(&v))
}

/// A failed [`evaluate_logic`]: the located error, plus the JsonLogic error type (the
/// conformance suites' `error.type`, e.g. `"NaN"`) and, for an evaluation error, the error
/// value as canonical JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicFailure {
    pub error: Error,
    pub logic_type: Option<String>,
    pub value: Option<String>,
}

impl From<Error> for LogicFailure {
    fn from(error: Error) -> Self {
        LogicFailure {
            error,
            logic_type: None,
            value: None,
        }
    }
}

/// Compile the JsonLogic rule in `rule_text` and evaluate it against `data_text`; the result
/// as canonical JSON text. Compile errors keep their `logic.*` code and a pointer into the
/// rule; evaluation errors are `logic.nan`, `logic.invalid_arguments`, `logic.thrown` or
/// `logic.budget_exceeded` (the value names the limit).
#[cfg(feature = "compiler")]
pub fn evaluate_logic(rule_text: &str, data_text: &str) -> Result<String, LogicFailure> {
    let rule = parse_json(rule_text).map_err(|e| in_document(e, "rule"))?;
    let data = parse_json(data_text).map_err(|e| in_document(e, "data"))?;
    let compiled = trygg::logic::compile(&rule).map_err(|e| LogicFailure {
        logic_type: Some(e.error_type().to_owned()),
        value: None,
        error: Error::new(e.code, e.path, e.message),
    })?;
    match compiled.evaluate(&data) {
        Ok(v) => Ok(trygg::to_canonical_string(&v)),
        Err(e) => Err(LogicFailure {
            error: Error::new(e.code(), "", e.message()),
            value: Some(trygg::to_canonical_string(&e.to_value())),
            logic_type: Some(e.error_type().to_owned()),
        }),
    }
}

/// Without the compiler (the runtime WASM module) a rule cannot be compiled:
/// `precompiled.required`.
#[cfg(not(feature = "compiler"))]
pub fn evaluate_logic(_rule_text: &str, _data_text: &str) -> Result<String, LogicFailure> {
    Err(crate::engine::needs_compiler("evaluateLogic compiles its rule").into())
}

/// Say which of the two documents a JSON error is in.
#[cfg(feature = "compiler")]
fn in_document(mut e: Error, which: &str) -> LogicFailure {
    e.message = format!("{which}: {}", e.message);
    e.into()
}

/// The engine's version (the workspace version the module was built from).
pub fn engine_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonicalises() {
        assert_eq!(
            canonical_json(r#"{ "b": 1e21, "a": [-0, 1E-7] }"#).unwrap(),
            r#"{"a":[0,1e-7],"b":1e+21}"#
        );
    }

    #[test]
    fn bad_json_is_a_located_error() {
        let e = canonical_json("{\"a\": }").unwrap_err();
        assert_eq!(e.code, "json.invalid");
        assert_eq!(e.path, "");
        assert!(e.message.contains("line 1"), "{}", e.message);
    }

    #[test]
    fn too_large_is_an_error_not_a_parse() {
        let text = " ".repeat(MAX_JSON_BYTES + 1);
        assert_eq!(content_hash(&text).unwrap_err().code, "json.too_large");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(canonical_json(&text).unwrap_err().code, "json.invalid");
    }

    #[test]
    #[cfg(feature = "compiler")]
    fn logic_results_errors_and_types() {
        let ok = evaluate_logic(r#"{"+": [{"var": "a"}, 0.5]}"#, r#"{"a": 1}"#);
        assert_eq!(ok.unwrap(), "1.5");
        let nan = evaluate_logic(r#"{"/": [1, 0]}"#, "null").unwrap_err();
        assert_eq!(nan.error.code, "logic.nan");
        assert_eq!(nan.logic_type.as_deref(), Some("NaN"));
        assert_eq!(nan.value.as_deref(), Some(r#"{"type":"NaN"}"#));
        let op = evaluate_logic(r#"{"and": [true, {"nope": []}]}"#, "null").unwrap_err();
        assert_eq!(op.error.code, "logic.unknown_operator");
        assert_eq!(op.error.path, "/and/1/nope");
        assert_eq!(op.logic_type.as_deref(), Some("Unknown Operator"));
        let bad = evaluate_logic("{", "null").unwrap_err();
        assert_eq!(bad.error.code, "json.invalid");
        assert!(bad.error.message.starts_with("rule: "));
        assert_eq!(bad.logic_type, None);
    }

    #[test]
    #[cfg(feature = "compiler")]
    fn logic_messages_quote_long_rule_values_short() {
        let junk = "q".repeat(5_000);
        let thrown = json!({ "t": { "type": junk } });
        for (rule, data, code) in [
            (
                json!({ junk.clone(): [] }),
                json!(null),
                "logic.unknown_operator",
            ),
            (
                json!({ "a": 1, junk.clone(): 2 }),
                json!(null),
                "logic.unknown_operator",
            ),
            (
                json!({ "throw": junk.clone() }),
                json!(null),
                "logic.thrown",
            ),
            (json!({ "throw": { "var": "t" } }), thrown, "logic.thrown"),
        ] {
            let e = evaluate_logic(&rule.to_string(), &data.to_string())
                .unwrap_err()
                .error;
            assert_eq!(e.code, code, "{}", e.message);
            let n = e.message.chars().count();
            assert!(n < 200, "{code}: a message of {n} characters");
        }
    }

    #[test]
    fn hash_is_of_the_canonical_text() {
        let a = content_hash(r#"{"x": 1, "y": [1.0, 2]}"#).unwrap();
        let b = content_hash(r#"{"y":[1,2],"x":1}"#).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("sha256:") && a.len() == 71);
    }
}
