//! What a JSON file under a forms directory is: the one rule every shell uses when it walks
//! a forms tree (the CLI's `validate` and `--forms`, the native conformance runner, the
//! engine's tests and benches; `wasm/build-forms.mjs` follows the same rule in JS).
//!
//! - A file is a candidate when its name ends in `.json` but not `.schema.json` (the JSON
//!   Schema beside the forms).
//! - A candidate whose `textPack` is a string is a text pack; else one with `items` is a
//!   form definition (a malformed one too, so that its errors are reported); one with
//!   `visits` and `eligibility` is a home-visiting programme (`crate::programme`); anything
//!   else is none of these.

use serde_json::Value;

/// What a JSON document under a forms directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A form definition.
    Form,
    /// A text pack.
    TextPack,
    /// A home-visiting programme definition.
    Programme,
    /// None of these (e.g. other JSON beside the forms).
    Other,
}

/// Whether a file name is a candidate form or text pack (`*.json`, not `*.schema.json`).
pub fn is_candidate(file_name: &str) -> bool {
    file_name.ends_with(".json") && !file_name.ends_with(".schema.json")
}

/// What the parsed document is.
pub fn kind(doc: &Value) -> DocumentKind {
    if doc.get("textPack").is_some_and(Value::is_string) {
        DocumentKind::TextPack
    } else if doc.get("items").is_some() {
        DocumentKind::Form
    } else if doc.get("visits").is_some() && doc.get("eligibility").is_some() {
        DocumentKind::Programme
    } else {
        DocumentKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_rule() {
        assert!(is_candidate("1.0.0.json"));
        assert!(!is_candidate("form.schema.json"));
        assert!(!is_candidate("README.md"));
        assert_eq!(kind(&json!({"items": []})), DocumentKind::Form);
        assert_eq!(
            kind(&json!({"textPack": "p", "items": []})),
            DocumentKind::TextPack
        );
        assert_eq!(kind(&json!({"textPack": 1})), DocumentKind::Other);
        assert_eq!(kind(&json!({"items": {}})), DocumentKind::Form);
        assert_eq!(kind(&json!([])), DocumentKind::Other);
        assert_eq!(
            kind(&json!({"visits": [], "eligibility": {}})),
            DocumentKind::Programme
        );
    }
}
