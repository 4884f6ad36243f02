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

/// The most characters an [`Error::new`] message keeps (cut with `…` past it). Messages
/// quote input short at the site that names it ([`crate::input::quote`],
/// [`crate::input::excerpt`]); this bound holds even where a site forgot, so no error ever
/// echoes a megabyte of input back to a host, a log or a nurse's screen. The fuzz targets
/// hold messages to a tighter 600, so a site that forgot is still found.
pub const MAX_MESSAGE: usize = 1000;

impl Error {
    /// A new error; the message is kept to [`MAX_MESSAGE`] characters.
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        let mut message = message.into();
        crate::input::cut_in_place(&mut message, MAX_MESSAGE);
        Error {
            code,
            path: path.into(),
            message,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_bounded_whatever_a_site_formats() {
        let short = Error::new("x.y", "", "ä".repeat(MAX_MESSAGE));
        assert_eq!(short.message.chars().count(), MAX_MESSAGE);
        assert!(!short.message.ends_with('…'));
        let long = Error::new("x.y", "", format!("got {}", "ä".repeat(5 * MAX_MESSAGE)));
        assert_eq!(long.message.chars().count(), MAX_MESSAGE + 1);
        assert!(long.message.starts_with("got ä") && long.message.ends_with("ä…"));
    }
}
