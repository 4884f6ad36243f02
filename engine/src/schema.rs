//! The JSON Schema of form definitions, checked with the `jsonschema` crate.
//!
//! The schema is the editor-facing contract (titles and descriptions show up as help in
//! editors); checking it first gives authors errors located at the offending value before
//! the compiler's semantic checks run. Behind the `schema` feature: the WASM runtime
//! receives already-validated forms and does not carry the validator.

use crate::error::{Error, Errors};
use serde_json::Value;

/// The schema text (`forms/schema/form.schema.json`).
pub const FORM_SCHEMA: &str = include_str!("../../forms/schema/form.schema.json");

/// Check a form value against the schema; every violation with its instance pointer.
pub fn check(form: &Value) -> Result<(), Errors> {
    let schema: Value = serde_json::from_str(FORM_SCHEMA).map_err(|e| {
        Error::new(
            "schema.broken",
            "",
            format!("the bundled schema is not JSON: {e}"),
        )
    })?;
    let validator = jsonschema::validator_for(&schema).map_err(|e| {
        Error::new(
            "schema.broken",
            "",
            format!("the bundled schema is invalid: {e}"),
        )
    })?;
    let errors: Vec<Error> = validator
        .iter_errors(form)
        .map(|e| Error::new("form.schema", e.instance_path().to_string(), message(&e)))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// The validator's message with the offending value quoted short: it writes the whole
/// instance (a 1 MB string, a whole item object) into its text.
fn message(e: &jsonschema::ValidationError<'_>) -> String {
    let text = e.to_string();
    let instance = e.instance().to_string();
    let text = match crate::input::quote(&instance) {
        std::borrow::Cow::Owned(short) => text.replacen(&instance, &short, 1),
        std::borrow::Cow::Borrowed(_) => text,
    };
    crate::input::excerpt(&text)
}
