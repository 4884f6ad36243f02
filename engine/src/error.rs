//! Located errors: a stable code, a JSON pointer, a message.
//!
//! Codes are part of the public contract (tools and tests match on them), so they are
//! `&'static str` constants like `form.duplicate_id`, never formatted text. The location is
//! `path`, a JSON pointer into the document the error is about (the form definition, or the
//! response): the one name every error and output uses for it (`HostError`, outcome
//! problems, CLI JSON, the hosts).

/// One located error in a form definition or a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {code}: {message}")]
pub struct Error {
    /// Stable code, e.g. `form.duplicate_id`.
    pub code: &'static str,
    /// JSON pointer to the offending value (`""` for the whole document).
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Error {
    /// A new error.
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Every error found in one document (never empty when returned as `Err`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct Errors(pub Vec<Error>);

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Errors(vec![e])
    }
}

/// Escape one JSON pointer segment (RFC 6901).
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A short name of a JSON value's type, for messages ("a string", "an array", …).
pub(crate) fn json_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
