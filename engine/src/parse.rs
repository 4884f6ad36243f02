//! Form JSON text → [`FormDef`], with a size limit and located errors.
//!
//! Parsing happens in two steps: first to a `serde_json::Value` (so the schema check and
//! the content hash see exactly what the author wrote), then to the typed model.

use crate::error::{Error, Errors};
use crate::model::{FormDef, Response};
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

/// Largest response accepted, in bytes.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Parse a response from JSON text (`response.too_large`, `response.not_json`,
/// `response.invalid` with the line and column where the text stops making sense).
pub fn parse_response(text: &str) -> Result<Response, Error> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(Error::new(
            "response.too_large",
            "",
            format!(
                "the response is {} bytes; the limit is {MAX_RESPONSE_BYTES}",
                text.len()
            ),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        let code = if e.is_data() {
            "response.invalid"
        } else {
            "response.not_json"
        };
        Error::new(
            code,
            "",
            format!("line {}, column {}: {e}", e.line(), e.column()),
        )
    })
}

/// A response from a JSON value (`response.invalid` when it does not fit the model).
pub fn response_from_value(value: &Value) -> Result<Response, Error> {
    Response::deserialize(value).map_err(|e| Error::new("response.invalid", "", format!("{e}")))
}
