//! [`HostError`]: what every host call fails with, in the one shape every shell shows —
//! `{code, path, message, errors}` — whether it becomes a JS `Error` (wasm), a C string
//! (plain ABI), an OperationOutcome (FHIR) or a line on stderr (CLI).

use crate::api::LogicFailure;
use serde::Serialize;
use trygg::{Error, Errors};

/// One located error of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDetail {
    /// Stable code, e.g. `form.duplicate_id`.
    pub code: String,
    /// JSON pointer (RFC 6901) into the offending document; `""` for the whole document.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A failed host call: the first error's `code`, `path` and `message` (the message says
/// `code: message (at path)`), and every error found in `errors` when the call checks a
/// whole document (a form, a text pack), so an author fixes it in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostError {
    /// Stable code of the first error.
    pub code: String,
    /// JSON pointer of the first error.
    pub path: String,
    /// Readable message of the first error (with the code, and the path when not `""`).
    pub message: String,
    /// Every error found (one entry for a call that stops at the first).
    pub errors: Vec<ErrorDetail>,
    /// For a failed JsonLogic evaluation: the JsonLogic error type (`"NaN"`, …).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub logic_type: Option<String>,
    /// For a failed JsonLogic evaluation: the error value as canonical JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `code: message`, plus `(at <pointer>)` when the error is inside the document (the
/// pointer quoted short: it names input keys, which can be long; `path` has it whole).
pub fn message_of(e: &Error) -> String {
    if e.path.is_empty() {
        format!("{}: {}", e.code, e.message)
    } else {
        format!(
            "{}: {} (at {})",
            e.code,
            e.message,
            trygg::input::quote(&e.path)
        )
    }
}

impl HostError {
    /// The error as JSON text (not canonical: for logs and transports).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<Error> for HostError {
    fn from(e: Error) -> Self {
        HostError::from(Errors(vec![e]))
    }
}

impl From<Errors> for HostError {
    fn from(errors: Errors) -> Self {
        let details: Vec<ErrorDetail> = errors
            .0
            .iter()
            .map(|e| ErrorDetail {
                code: e.code.to_string(),
                path: e.path.clone(),
                message: e.message.clone(),
            })
            .collect();
        let (code, path, mut message) = match errors.0.first() {
            Some(first) => (
                first.code.to_string(),
                first.path.clone(),
                message_of(first),
            ),
            None => (
                "internal.empty_errors".to_string(),
                String::new(),
                "internal.empty_errors".to_string(),
            ),
        };
        if details.len() > 1 {
            message.push_str(&format!(" (and {} more, see .errors)", details.len() - 1));
        }
        HostError {
            code,
            path,
            message,
            errors: details,
            logic_type: None,
            value: None,
        }
    }
}

impl From<LogicFailure> for HostError {
    fn from(f: LogicFailure) -> Self {
        let mut e = HostError::from(f.error);
        e.logic_type = f.logic_type;
        e.value = f.value;
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_code_path_message_errors() {
        let e = HostError::from(Errors(vec![
            Error::new("form.a", "/items/0", "first"),
            Error::new("form.b", "", "second"),
        ]));
        assert_eq!(e.code, "form.a");
        assert_eq!(e.path, "/items/0");
        assert_eq!(
            e.message,
            "form.a: first (at /items/0) (and 1 more, see .errors)"
        );
        let v: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
        assert_eq!(v["errors"][1]["code"], "form.b");
        assert_eq!(v["errors"][1]["path"], "");
        assert!(v.get("type").is_none());
    }

    #[test]
    fn the_message_quotes_a_long_path_short() {
        let long = format!("/answers/{}", "k".repeat(10_000));
        let e = HostError::from(Error::new("answer.unknown_item", long.clone(), "no item"));
        assert_eq!(e.path, long);
        assert!(e.message.chars().count() < 150, "{}", e.message);
        assert!(e.message.ends_with("k…)"), "{}", e.message);
    }
}
