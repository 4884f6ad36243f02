//! The NDJSON record format shared by `trygg batch`, `trygg diff`, `trygg synth` and the
//! studio's comparison: one record a line, a response object (`docs/form-format.md`) that
//! may carry extra *envelope* fields, removed before the response is parsed:
//!
//! | field | meaning |
//! | --- | --- |
//! | `id` | the record's id (string), echoed in error records and diff examples |
//! | `family` | the family the respondent belongs to (string); `diff` groups by it |
//! | `synthetic` | `true` on every line `trygg synth` writes: never real data |
//! | `meta` | anything else the producer wants to keep beside the response (ignored) |
//!
//! Any other unknown field is an error, as in a bare response. Reading a stream with
//! bounded memory and the parallel loop stay in the CLI (`cli/src/ndjson.rs`); a shell that
//! holds the whole text (the studio) reads it with [`records`].

use serde_json::{Map, Value};
use trygg::input::quote;
use trygg::input::Refusal;
use trygg::Response;

/// Longest line read; longer lines become a `response.too_large` error record without
/// being held in memory.
pub const MAX_LINE_BYTES: usize = trygg::parse::MAX_RESPONSE_BYTES + 64 * 1024;

/// One parsed record.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number in the input.
    pub line: u64,
    /// Envelope `id`.
    pub id: Option<String>,
    /// Envelope `family`.
    pub family: Option<String>,
    /// Envelope `synthetic: true`: the record was made up (`trygg synth`), never real data.
    pub synthetic: bool,
    /// The response.
    pub response: Response,
}

impl Record {
    /// A label for reports: the envelope id, else `family/respondent`, else `line N`.
    pub fn label(&self) -> String {
        if let Some(id) = &self.id {
            return id.clone();
        }
        match (&self.family, &self.response.respondent.id) {
            (Some(f), Some(r)) => format!("{f}/{r}"),
            (None, Some(r)) => format!("line {} ({r})", self.line),
            _ => format!("line {}", self.line),
        }
    }

    /// The family key: the envelope `family`, else the respondent (one-person family).
    pub fn family_key(&self) -> String {
        match (&self.family, &self.response.respondent.id) {
            (Some(f), _) => format!("f:{f}"),
            (None, Some(r)) => format!("r:{r}:{}", self.line),
            (None, None) => format!("l:{}", self.line),
        }
    }
}

/// An error located at an input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Stable code (the engine's codes where they apply).
    pub code: &'static str,
    /// 1-based input line.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl LineError {
    /// A new error.
    pub fn new(code: &'static str, line: u64, message: impl Into<String>) -> Self {
        LineError {
            code,
            line,
            message: message.into(),
        }
    }

    /// The error record: canonical `{"error":{"code","line","message"}}`.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Append the error record to `out` (written straight, no `serde_json::Value`).
    pub fn write_json(&self, out: &mut String) {
        #[derive(serde::Serialize)]
        struct Record<'a> {
            error: Body<'a>,
        }
        #[derive(serde::Serialize)]
        struct Body<'a> {
            code: &'a str,
            line: u64,
            message: &'a str,
        }
        let record = Record {
            error: Body {
                code: self.code,
                line: self.line,
                message: &self.message,
            },
        };
        if trygg::write_canonical(out, &record).is_err() {
            out.push_str("null");
        }
    }
}

/// Parse one record: a JSON object, envelope fields removed, the rest a response.
pub fn parse_record(line: u64, text: &str) -> Result<Record, LineError> {
    // The engine's input policy (duplicate keys, BOM) at the line's own size limit.
    let policy = trygg::input::Policy {
        limit: MAX_LINE_BYTES,
        ..trygg::input::RESPONSE
    };
    // One pass: the value is built while its keys are checked.
    let value = trygg::input::parse_checked(text, &policy).map_err(|refusal| match refusal {
        Refusal::Policy(e) => {
            let at = if e.path.is_empty() {
                String::new()
            } else {
                format!("{}: ", quote(&e.path))
            };
            LineError::new(e.code, line, format!("{at}{}", e.message))
        }
        Refusal::NotJson(e) => LineError::new(
            "response.not_json",
            line,
            e.to_string().replace(" at line 1 column ", " at column "),
        ),
    })?;
    let Value::Object(mut map) = value else {
        return Err(LineError::new(
            "response.invalid",
            line,
            "a line must be a JSON object: a response, optionally with envelope fields \
             `id`, `family`, `synthetic`, `meta`",
        ));
    };
    let id = envelope_string(&mut map, "id", line)?;
    let family = envelope_string(&mut map, "family", line)?;
    let synthetic = match map.remove("synthetic") {
        None => false,
        Some(Value::Bool(b)) => b,
        Some(_) => {
            return Err(LineError::new(
                "response.invalid",
                line,
                "envelope field `synthetic` must be true or false",
            ))
        }
    };
    map.remove("meta");
    // The response takes the parsed maps and strings over instead of copying them; what
    // does not fit is worded by serde's own derive.
    let response = trygg::parse::response_from_object(map)
        .or_else(|map| serde_json::from_value::<Response>(Value::Object(map)))
        .map_err(|e| {
            LineError::new(
                "response.invalid",
                line,
                trygg::input::excerpt(&e.to_string()),
            )
        })?;
    Ok(Record {
        line,
        id,
        family,
        synthetic,
        response,
    })
}

fn envelope_string(
    map: &mut Map<String, Value>,
    key: &str,
    line: u64,
) -> Result<Option<String>, LineError> {
    match map.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(LineError::new(
            "response.invalid",
            line,
            format!("envelope field `{key}` must be a string", key = quote(key)),
        )),
    }
}

/// The records of an NDJSON text held in memory: one result per non-blank line (line
/// numbers 1-based; a byte-order mark at the start and `\r\n` endings are not data).
pub fn records(text: &str) -> impl Iterator<Item = Result<Record, LineError>> + '_ {
    text.trim_start_matches('\u{feff}')
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                return None;
            }
            let n = i as u64 + 1;
            Some(if line.len() > MAX_LINE_BYTES {
                Err(LineError::new(
                    "response.too_large",
                    n,
                    format!(
                        "the line is {} bytes or more; the limit is {MAX_LINE_BYTES}",
                        line.len()
                    ),
                ))
            } else {
                parse_record(n, line)
            })
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn envelope_fields_are_read_and_removed() {
        let text = "\u{feff}{\"id\":\"a\",\"family\":\"f\",\"synthetic\":true,\"answers\":{}}\r\n\n{\"answers\":{}}\n[1]";
        let all: Vec<_> = records(text).collect();
        assert_eq!(all.len(), 3);
        let first = all[0].as_ref().unwrap();
        assert_eq!((first.line, first.synthetic), (1, true));
        assert_eq!(first.label(), "a");
        let second = all[1].as_ref().unwrap();
        assert_eq!((second.line, second.synthetic), (3, false));
        assert_eq!(all[2].as_ref().unwrap_err().code, "response.invalid");
        assert_eq!(all[2].as_ref().unwrap_err().line, 4);
    }
}
