//! Form JSON text → [`FormDef`], with a size limit and located errors.
//!
//! Parsing happens in two steps: first to a `serde_json::Value` (so the schema check and
//! the content hash see exactly what the author wrote), then to the typed model.

use crate::error::{Error, Errors};
use crate::model::FormDef;
use serde_json::Value;

/// Largest form definition accepted, in bytes.
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// Parse form JSON text to a value, enforcing [`MAX_FORM_BYTES`].
pub fn parse_value(text: &str) -> Result<Value, Errors> {
    if text.len() > MAX_FORM_BYTES {
        return Err(Error::new(
            "form.too_large",
            "",
            format!(
                "the form is {} bytes; the limit is {MAX_FORM_BYTES}",
                text.len()
            ),
        )
        .into());
    }
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            "form.not_json",
            "",
            format!(
                "not valid JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        )
        .into()
    })
}

/// The typed model of a form value (`form.invalid` when it does not fit the model).
pub fn from_value(value: &Value) -> Result<FormDef, Errors> {
    FormDef::deserialize(value).map_err(|e| {
        Error::new(
            "form.invalid",
            "",
            format!("the form does not match the model: {e}"),
        )
        .into()
    })
}

use serde::Deserialize;
