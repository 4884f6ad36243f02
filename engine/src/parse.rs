//! Form JSON text → [`FormDef`], with a size limit and located errors.
//!
//! Parsing happens in two steps: first to a `serde_json::Value` (so the schema check and
//! the content hash see exactly what the author wrote), then to the typed model.

use crate::error::{Error, Errors};
use crate::model::{FormDef, Respondent, Response};
use serde_json::{Map, Value};

/// Largest form definition accepted, in bytes.
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// Parse form JSON text to a value under the form input policy ([`crate::input::FORM`]:
/// size, BOM, JSON syntax, duplicate keys located by pointer).
pub fn parse_value(text: &str) -> Result<Value, Errors> {
    crate::input::parse_value(text, &crate::input::FORM).map_err(Errors::from)
}

/// The typed model of a form value (`form.invalid` when it does not fit the model).
pub fn from_value(value: &Value) -> Result<FormDef, Errors> {
    FormDef::deserialize(value).map_err(|e| {
        Error::new(
            "form.invalid",
            "",
            crate::input::excerpt(&format!("the form does not match the model: {e}")),
        )
        .into()
    })
}

use serde::Deserialize;

/// Largest response accepted, in bytes.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Parse a response from JSON text under the response input policy
/// ([`crate::input::RESPONSE`]: `response.too_large`, `response.bom`, `response.not_json`,
/// `response.duplicate_key` at its pointer), then to the model (`response.invalid` with the
/// line and column where the text stops making sense).
pub fn parse_response(text: &str) -> Result<Response, Error> {
    // One pass when the text is a well-formed response (the common case): the value is
    // built with its keys checked, and its maps are moved into the response. Anything
    // else takes the two passes below, which word the error.
    if let Ok(Value::Object(map)) = crate::input::parse_checked(text, &crate::input::RESPONSE) {
        if let Ok(response) = response_from_object(map) {
            return Ok(response);
        }
    }
    crate::input::check_text(text, &crate::input::RESPONSE)?;
    serde_json::from_str(text).map_err(|e| {
        let code = if e.is_data() {
            "response.invalid"
        } else {
            "response.not_json"
        };
        Error::new(
            code,
            "",
            crate::input::excerpt(&format!("line {}, column {}: {e}", e.line(), e.column())),
        )
    })
}

/// A response from a JSON value (`response.invalid` when it does not fit the model).
pub fn response_from_value(value: &Value) -> Result<Response, Error> {
    Response::deserialize(value).map_err(|e| {
        Error::new(
            "response.invalid",
            "",
            crate::input::excerpt(&e.to_string()),
        )
    })
}

/// The response a JSON object holds, its maps moved in rather than copied: exactly what
/// `Response::deserialize` of the object gives when it accepts it. `Err` hands the object
/// back untouched when it is anything else (an unknown field, a field of the wrong type),
/// for the caller to word the error through `Response::deserialize`.
pub fn response_from_object(mut map: Map<String, Value>) -> Result<Response, Map<String, Value>> {
    const FIELDS: [&str; 5] = ["form", "version", "respondent", "context", "answers"];
    let string = |v: Option<&Value>| matches!(v, None | Some(Value::Null | Value::String(_)));
    let object = |v: Option<&Value>| matches!(v, None | Some(Value::Object(_)));
    if map.keys().any(|k| !FIELDS.contains(&k.as_str()))
        || !string(map.get("form"))
        || !string(map.get("version"))
        || !object(map.get("context"))
        || !object(map.get("answers"))
    {
        return Err(map);
    }
    let respondent = match map.get("respondent") {
        None => Respondent::default(),
        Some(v) => match Respondent::deserialize(v) {
            Ok(r) => r,
            Err(_) => return Err(map),
        },
    };
    let string = |v: Option<Value>| match v {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    let object = |v: Option<Value>| match v {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    Ok(Response {
        form: string(map.remove("form")),
        version: string(map.remove("version")),
        respondent,
        context: object(map.remove("context")),
        answers: object(map.remove("answers")),
    })
}
