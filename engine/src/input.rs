//! One input policy for every entry (CLI, WASM, any host): the same input is refused with
//! the same code and pointer wherever it comes in.
//!
//! | check | code | where |
//! |---|---|---|
//! | larger than the [`Policy`]'s limit | `<kind>.too_large` | `""` |
//! | starts with a byte-order mark | `<kind>.bom` | byte 0 |
//! | not UTF-8 | `<kind>.not_utf8` | the byte offset of the first bad byte, in the message |
//! | not JSON | `<kind>.not_json` | line and column in the message |
//! | the same key twice in one object | `<kind>.duplicate_key` | JSON pointer of the second |
//!
//! A duplicate key is an error, not "last one wins": `{"phq9_9": "3", "phq9_9": "0"}` would
//! otherwise silently drop a self-harm answer. Hosts that read files or streams read at most
//! `limit + 1` bytes (a bounded reader) and hand the bytes to [`text_from_bytes`], so
//! `/dev/zero` or a 100 MB upload is refused as `too_large` without being read whole.
//! Messages quote at most [`MAX_EXCERPT`] characters of the input ([`excerpt`]).
//! The engine itself does no I/O.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::error::{escape_pointer, Error};

/// How one kind of document is checked: its size limit and its error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// The document, for messages (`"the response"`).
    pub what: &'static str,
    /// Largest accepted size in bytes.
    pub limit: usize,
    /// `<kind>.too_large`.
    pub too_large: &'static str,
    /// `<kind>.bom`.
    pub bom: &'static str,
    /// `<kind>.not_utf8`.
    pub not_utf8: &'static str,
    /// `<kind>.not_json`.
    pub not_json: &'static str,
    /// `<kind>.duplicate_key`.
    pub duplicate_key: &'static str,
}

/// A form definition ([`crate::parse::MAX_FORM_BYTES`]).
pub const FORM: Policy = Policy {
    what: "the form",
    limit: crate::parse::MAX_FORM_BYTES,
    too_large: "form.too_large",
    bom: "form.bom",
    not_utf8: "form.not_utf8",
    not_json: "form.not_json",
    duplicate_key: "form.duplicate_key",
};

/// One response ([`crate::parse::MAX_RESPONSE_BYTES`]).
pub const RESPONSE: Policy = Policy {
    what: "the response",
    limit: crate::parse::MAX_RESPONSE_BYTES,
    too_large: "response.too_large",
    bom: "response.bom",
    not_utf8: "response.not_utf8",
    not_json: "response.not_json",
    duplicate_key: "response.duplicate_key",
};

/// A family's responses, one per respondent (a JSON array).
pub const FAMILY: Policy = Policy {
    what: "the responses",
    limit: crate::parse::MAX_RESPONSE_BYTES * crate::family::MAX_RESPONDENTS,
    ..RESPONSE
};

/// A FHIR resource (`trygg-fhir`: a Questionnaire, a QuestionnaireResponse, one NDJSON line).
pub const FHIR: Policy = Policy {
    what: "the resource",
    limit: 4 * 1024 * 1024,
    too_large: "fhir.too_large",
    bom: "fhir.bom",
    not_utf8: "fhir.not_utf8",
    not_json: "fhir.not_json",
    duplicate_key: "fhir.duplicate_key",
};

/// A family's context for a home-visiting programme (`trygg::programme`).
pub const PROGRAMME_INPUT: Policy = Policy {
    what: "the programme input",
    limit: crate::parse::MAX_RESPONSE_BYTES,
    too_large: "programme.input_too_large",
    bom: "programme.input_bom",
    not_utf8: "programme.input_not_utf8",
    not_json: "programme.input_not_json",
    duplicate_key: "programme.input_duplicate_key",
};

/// One uptake record of a programme report (one NDJSON line).
pub const UPTAKE_RECORD: Policy = Policy {
    what: "the record",
    limit: crate::parse::MAX_RESPONSE_BYTES,
    too_large: "report.too_large",
    bom: "report.bom",
    not_utf8: "report.not_utf8",
    not_json: "report.not_json",
    duplicate_key: "report.duplicate_key",
};

/// Most characters of the input an error message quotes.
pub const MAX_EXCERPT: usize = 80;

/// Check raw bytes: size, BOM, UTF-8 (with the byte offset), then [`check_text`].
pub fn text_from_bytes<'b>(bytes: &'b [u8], policy: &Policy) -> Result<&'b str, Error> {
    too_large(bytes.len(), policy)?;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(bom(policy));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            policy.not_utf8,
            "",
            format!(
                "{} is not UTF-8: invalid byte at offset {}",
                policy.what,
                e.valid_up_to()
            ),
        )
    })?;
    check_text(text, policy)?;
    Ok(text)
}

/// Check text: size, BOM, JSON syntax and duplicate keys (located by JSON pointer).
pub fn check_text(text: &str, policy: &Policy) -> Result<(), Error> {
    too_large(text.len(), policy)?;
    if text.starts_with('\u{FEFF}') {
        return Err(bom(policy));
    }
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let scanned = Scan { found: &found }
        .deserialize(&mut de)
        .and_then(|()| de.end());
    match scanned {
        Ok(()) => Ok(()),
        Err(e) => Err(match found.into_inner() {
            Some(segs) => duplicate(&segs, policy),
            None => not_json(&e, policy),
        }),
    }
}

/// Parse text to a value under `policy`: the checks of [`check_text`], with the same codes,
/// pointers and messages, made while the value is built (one pass over the text).
pub fn parse_value(text: &str, policy: &Policy) -> Result<Value, Error> {
    parse_checked(text, policy).map_err(|refusal| match refusal {
        Refusal::Policy(e) => e,
        Refusal::NotJson(e) => not_json(&e, policy),
    })
}

/// Why [`parse_checked`] refused its input.
#[derive(Debug)]
pub enum Refusal {
    /// Too large, a byte-order mark or a duplicate key: the policy's error, as
    /// [`check_text`] gives it.
    Policy(Error),
    /// Not JSON: `serde_json`'s own error, for a caller that words it its own way (an
    /// NDJSON line gives its column, not line 1); [`parse_value`] words it as
    /// [`check_text`] does.
    NotJson(serde_json::Error),
}

/// [`parse_value`], with a syntax error handed back as it is. Every object's keys are
/// checked as the object is built, so a duplicate is found where [`check_text`] finds it
/// (the first one in the text, before any later syntax error) and located the same way.
pub fn parse_checked(text: &str, policy: &Policy) -> Result<Value, Refusal> {
    too_large(text.len(), policy).map_err(Refusal::Policy)?;
    if text.starts_with('\u{FEFF}') {
        return Err(Refusal::Policy(bom(policy)));
    }
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let built = Build { found: &found }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    built.map_err(|e| match found.into_inner() {
        Some(segs) => Refusal::Policy(duplicate(&segs, policy)),
        None => Refusal::NotJson(e),
    })
}

/// A string from the input as a message quotes it (an id, a URL, a code): at most
/// [`MAX_EXCERPT`] characters, cut with `…`, however long the input made it.
pub fn quote(s: &str) -> std::borrow::Cow<'_, str> {
    cut(s, MAX_EXCERPT)
}

/// `s` kept to its first `keep` characters, with `…` when it was longer.
fn cut(s: &str, keep: usize) -> std::borrow::Cow<'_, str> {
    match cut_at(s, keep) {
        None => std::borrow::Cow::Borrowed(s),
        Some(at) => std::borrow::Cow::Owned(format!("{}…", s.get(..at).unwrap_or(""))),
    }
}

/// [`cut`] on an owned string, without copying it (`Error::new`'s bound).
pub(crate) fn cut_in_place(s: &mut String, keep: usize) {
    if let Some(at) = cut_at(s, keep) {
        s.truncate(at);
        s.push('…');
    }
}

/// The byte offset of character `keep`, when `s` has more than `keep` characters.
fn cut_at(s: &str, keep: usize) -> Option<usize> {
    s.char_indices().nth(keep).map(|(at, _)| at)
}

/// `message` cut to [`MAX_EXCERPT`] characters past its first 80 (with `…`), so that an
/// error never echoes a whole megabyte of input back.
pub fn excerpt(message: &str) -> String {
    cut(message, 80 + MAX_EXCERPT).into_owned()
}

fn too_large(len: usize, policy: &Policy) -> Result<(), Error> {
    if len > policy.limit {
        return Err(Error::new(
            policy.too_large,
            "",
            format!(
                "{} is larger than the limit of {} bytes",
                policy.what, policy.limit
            ),
        ));
    }
    Ok(())
}

fn bom(policy: &Policy) -> Error {
    Error::new(
        policy.bom,
        "",
        format!(
            "{} starts with a byte-order mark (offset 0); save it as UTF-8 without BOM",
            policy.what
        ),
    )
}

fn not_json(e: &serde_json::Error, policy: &Policy) -> Error {
    Error::new(
        policy.not_json,
        "",
        excerpt(&format!(
            "{} is not valid JSON at line {}, column {}: {e}",
            policy.what,
            e.line(),
            e.column()
        )),
    )
}

fn duplicate(segs: &[String], policy: &Policy) -> Error {
    let pointer: String = segs
        .iter()
        .rev()
        .map(|s| format!("/{}", escape_pointer(s)))
        .collect();
    Error::new(
        policy.duplicate_key,
        pointer.clone(),
        excerpt(&format!(
            "{}: the key at {pointer} appears twice in its object; every key must be unique \
             (a later value would silently replace an earlier one)",
            policy.what
        )),
    )
}

/// Walks the JSON without building it, checking every object's keys. On a duplicate it
/// records the key and fails; each enclosing level then adds its own key or index, so the
/// segments end up innermost first.
struct Scan<'f> {
    found: &'f RefCell<Option<Vec<String>>>,
}

impl Scan<'_> {
    fn add(&self, seg: String) {
        if let Some(segs) = self.found.borrow_mut().as_mut() {
            segs.push(seg);
        }
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            match seq.next_element_seed(Scan { found: self.found }) {
                Ok(Some(())) => i += 1,
                Ok(None) => return Ok(()),
                Err(e) => {
                    self.add(i.to_string());
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                *self.found.borrow_mut() = Some(vec![key]);
                return Err(de::Error::custom("duplicate key"));
            }
            if let Err(e) = map.next_value_seed(Scan { found: self.found }) {
                self.add(key);
                return Err(e);
            }
            keys.push(key);
        }
        Ok(())
    }
}

/// Builds the value as `serde_json`'s own `Value` does (numbers as `Number`, a float that
/// is not finite as `null`), except that a key given twice in one object is refused and
/// located as [`Scan`] locates it.
struct Build<'f> {
    found: &'f RefCell<Option<Vec<String>>>,
}

impl Build<'_> {
    fn add(&self, seg: String) {
        if let Some(segs) = self.found.borrow_mut().as_mut() {
            segs.push(seg);
        }
    }
}

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            match seq.next_element_seed(Build { found: self.found }) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => return Ok(Value::Array(items)),
                Err(e) => {
                    self.add(items.len().to_string());
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // One look-up per key: the vacant slot is filled once its value is built.
            let slot = match object.entry(key) {
                serde_json::map::Entry::Vacant(slot) => slot,
                serde_json::map::Entry::Occupied(taken) => {
                    *self.found.borrow_mut() = Some(vec![taken.key().clone()]);
                    return Err(de::Error::custom("duplicate key"));
                }
            };
            match map.next_value_seed(Build { found: self.found }) {
                Ok(v) => {
                    slot.insert(v);
                }
                Err(e) => {
                    self.add(slot.key().clone());
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_located() {
        let e =
            check_text(r#"{"answers": {"phq9_9": "3", "phq9_9": "0"}}"#, &RESPONSE).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("response.duplicate_key", "/answers/phq9_9")
        );
        let e = check_text(r#"[{"a":1},{"b":[0,{"x/y":1,"x/y":2}]}]"#, &FAMILY).unwrap_err();
        assert_eq!(e.path, "/1/b/1/x~1y");
        let e = check_text(r#"{"id":"a","id":"a"}"#, &FORM).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("form.duplicate_key", "/id"));
        assert!(check_text(r#"{"a":{"b":1},"b":{"a":1}}"#, &FORM).is_ok());
    }

    /// `parse_value` builds the value in the same pass that checks it: every input gives
    /// the error `check_text` gives (code, pointer, message), and the value
    /// `serde_json::from_str` gives.
    #[test]
    fn one_pass_parsing_refuses_and_builds_as_check_then_parse() {
        let inputs = [
            r#"{"answers": {"phq9_9": "3", "phq9_9": "0"}}"#,
            r#"[{"a":1},{"b":[0,{"x/y":1,"x/y":2}]}]"#,
            r#"{"a":{"b~":1,"b~":2}, "a": 3}"#,
            r#"{"a":1,"a":2} x"#,
            r#"{"a": tru, "a": 1}"#,
            r#"{"a": 1, "b": [1, 2.5, -3, 1e400, "x\n", null, true, {}]} "#,
            "\u{FEFF}{}",
            "[1,]",
            "",
            r#"{"a":18446744073709551615,"b":-9223372036854775808,"c":0.1}"#,
        ];
        for text in inputs {
            for policy in [&RESPONSE, &FORM, &FAMILY] {
                match parse_value(text, policy) {
                    Ok(v) => {
                        assert!(check_text(text, policy).is_ok(), "{text}");
                        let plain: Value = serde_json::from_str(text).unwrap();
                        assert_eq!(v, plain, "{text}");
                    }
                    Err(e) => assert_eq!(Err(e), check_text(text, policy), "{text}"),
                }
            }
        }
        let e = parse_value(r#"{"a":{"b~":1,"b~":2}}"#, &FORM).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("form.duplicate_key", "/a/b~0"));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse_value(&deep, &FORM).unwrap_err().code, "form.not_json");
    }

    #[test]
    fn bytes_are_checked_with_offsets() {
        let e = text_from_bytes(b"{\"a\": \"\xff\"}", &RESPONSE).unwrap_err();
        assert_eq!(e.code, "response.not_utf8");
        assert!(e.message.contains("offset 7"), "{}", e.message);
        let e = text_from_bytes(b"\xEF\xBB\xBF{}", &RESPONSE).unwrap_err();
        assert_eq!(e.code, "response.bom");
        assert_eq!(
            check_text("\u{FEFF}{}", &FORM).unwrap_err().code,
            "form.bom"
        );
        let big = vec![b' '; RESPONSE.limit + 1];
        assert_eq!(
            text_from_bytes(&big, &RESPONSE).unwrap_err().code,
            "response.too_large"
        );
        let e = check_text("{\"a\": tru}", &RESPONSE).unwrap_err();
        assert_eq!(e.code, "response.not_json");
        assert!(e.message.contains("line 1"), "{}", e.message);
    }

    #[test]
    fn messages_quote_short_excerpts() {
        let long = format!("[\"{}\" x]", "y".repeat(100_000));
        let e = check_text(&long, &RESPONSE).unwrap_err();
        assert!(
            e.message.chars().count() <= 80 + MAX_EXCERPT + 1,
            "{}",
            e.message.len()
        );
    }

    #[test]
    fn deep_input_is_refused_not_overflowed() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(check_text(&text, &FORM).unwrap_err().code, "form.not_json");
    }
}
