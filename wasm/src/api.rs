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
    if text.len() > MAX_JSON_BYTES {
        return Err(Error::new(
            "json.too_large",
            "",
            format!(
                "the JSON text is {} bytes; the limit is {MAX_JSON_BYTES}",
                text.len()
            ),
        ));
    }
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            "json.invalid",
            "",
            format!(
                "not valid JSON at line {}, column {}: {e}",
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

/// The engine's version (the workspace version the module was built from).
pub fn engine_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(e.pointer, "");
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
    fn hash_is_of_the_canonical_text() {
        let a = content_hash(r#"{"x": 1, "y": [1.0, 2]}"#).unwrap();
        let b = content_hash(r#"{"y":[1,2],"x":1}"#).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("sha256:") && a.len() == 71);
    }
}
