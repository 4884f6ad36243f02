//! RFC 8785 (JCS) canonical JSON and the content hash.
//!
//! Outcomes must be byte-identical natively, in Node and in the browser, and a form's
//! content hash must not change with key order or whitespace. Both need one serialisation
//! that depends only on the JSON value: object keys sorted by UTF-16 code units, no
//! whitespace, strings with the minimal JSON escapes, and numbers printed as ECMAScript's
//! `Number.prototype.toString` prints them (integers without `.0`, `1e+21`, `1e-7`).
//! We write it ourselves so that it is the same code on every target.
//!
//! Two entry points give the same bytes: [`to_canonical_string`] prints a parsed
//! `serde_json::Value` (JSON text in, canonical text out), and [`to_canonical_string_of`]
//! writes any `Serialize` value (outcomes and every other output type) straight to text
//! without building a `Value` first (`writer.rs`).

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::fmt::Write;

mod writer;

pub use writer::Error;

/// The canonical (RFC 8785) JSON text of `value`.
pub fn to_canonical_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// The canonical (RFC 8785) JSON text of any serialisable value, written straight from it:
/// the same bytes as `to_canonical_string(&serde_json::to_value(value)?)`, without the
/// intermediate `Value`. Fails where `serde_json::to_value` fails (a map key that is not a
/// string, an integer beyond 64 bits, the value's own `Serialize` error) and on float map
/// keys.
pub fn to_canonical_string_of<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = String::with_capacity(256);
    writer::append(&mut out, value)?;
    Ok(out)
}

/// Append the canonical JSON of `value` to `out` (for writers of many records, e.g. one
/// buffer per chunk of a batch); on error `out` is unchanged.
pub fn write_canonical<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    writer::append(out, value)
}

/// `"sha256:<hex>"` of the canonical JSON of `value`.
pub fn content_hash(value: &Value) -> String {
    let digest = Sha256::digest(to_canonical_string(value).as_bytes());
    let mut hex = String::with_capacity(7 + 64);
    hex.push_str("sha256:");
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                write_i64(out, i);
            } else if let Some(u) = n.as_u64() {
                write_u64(out, u);
            } else if let Some(f) = n.as_f64() {
                write_f64(out, f);
            } else {
                out.push_str("null");
            }
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // The map iterates by UTF-8 bytes, which is UTF-16 order unless keys differ at
            // characters from U+E000 up: only then are the entries copied and sorted.
            let keys = map.keys();
            if keys
                .clone()
                .zip(keys.skip(1))
                .all(|(a, b)| utf16_cmp(a, b).is_lt())
            {
                write_entries(out, map.iter());
            } else {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_by(|a, b| utf16_cmp(a.0, b.0));
                write_entries(out, entries.into_iter());
            }
        }
    }
}

/// `{"key":value,…}` of entries already in canonical order.
fn write_entries<'v>(out: &mut String, entries: impl Iterator<Item = (&'v String, &'v Value)>) {
    out.push('{');
    for (i, (key, item)) in entries.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, key);
        out.push(':');
        write_value(out, item);
    }
    out.push('}');
}

/// `a` and `b` compared as RFC 8785 orders keys: by UTF-16 code units.
///
/// UTF-8 bytes order strings by code point, which is UTF-16 order except between
/// U+E000..U+FFFF (UTF-8 lead bytes 0xEE, 0xEF) and the supplementary planes (lead bytes
/// 0xF0..0xF4), which UTF-16 writes as surrogates 0xD800..0xDFFF and so sorts first. Where
/// two strings first differ, both bytes are lead bytes or both are in the same character, so
/// one look at that pair of bytes decides.
pub(crate) fn utf16_cmp(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).find(|(p, q)| p != q) {
        None => x.len().cmp(&y.len()),
        Some((&p, &q)) => {
            if p >= 0xee && q >= 0xee && (p >= 0xf0) != (q >= 0xf0) {
                q.cmp(&p)
            } else {
                p.cmp(&q)
            }
        }
    }
}

/// A `u64` as `write_f64(n as f64)` prints it: exact up to 2^53, beyond through the `f64`.
pub(crate) fn write_u64(out: &mut String, n: u64) {
    if n <= MAX_EXACT {
        push_decimal(out, false, n);
    } else {
        write_f64(out, n as f64);
    }
}

/// An `i64` as `write_f64(n as f64)` prints it.
pub(crate) fn write_i64(out: &mut String, n: i64) {
    if n.unsigned_abs() <= MAX_EXACT {
        push_decimal(out, n < 0, n.unsigned_abs());
    } else {
        write_f64(out, n as f64);
    }
}

/// 2^53: every integer up to here is an `f64`, and ECMAScript prints it as its digits.
const MAX_EXACT: u64 = 1 << 53;

fn push_decimal(out: &mut String, negative: bool, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    if negative {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or_default());
}

fn write_string(out: &mut String, s: &str) {
    // Copy runs of characters that need no escape in one go: every character that does
    // is ASCII, so each byte position where one sits is a character boundary.
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(i) = next_escape(bytes, start) {
        out.push_str(s.get(start..i).unwrap_or_default());
        let b = bytes.get(i).copied().unwrap_or_default();
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            _ => "",
        };
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Whether a byte must be escaped in a JSON string: a control character, `"` or `\`.
const fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte at or after `from` that [`needs_escape`]. Strings are mostly plain text,
/// so eight bytes are tested at a time: a word passes when none of its bytes is below 0x20
/// or equal to `"` or `\` (the classic exact "has a byte less than n" and "has a zero
/// byte" tests); only a word that fails is looked at byte by byte.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        // A chunk is always 8 bytes; were it not, the word 0 sends it to the byte test.
        let w = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let hits = (w.wrapping_sub(ONES * 0x20) & !w)
            | (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash);
        if hits & HIGH != 0 {
            if let Some(p) = chunk.iter().position(|&b| needs_escape(b)) {
                return Some(at + p);
            }
        }
        at += 8;
    }
    let tail = chunks.remainder().iter().position(|&b| needs_escape(b));
    tail.map(|p| at + p)
}

/// A number as ECMAScript's `Number::toString` prints it (`1e+21`, `0.5`, `3`): for
/// messages too, so no other float formatter is needed (see [`write_f64`]).
pub fn number_to_string(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let mut out = String::new();
    write_f64(&mut out, f);
    out
}

/// ECMAScript Number::toString for finite numbers; non-finite numbers cannot occur in
/// JSON values and are written as `null`. Shared with the JsonLogic module (`cat` and
/// friends print numbers the same way).
pub(crate) fn write_f64(out: &mut String, f: f64) {
    if !f.is_finite() {
        out.push_str("null");
        return;
    }
    if f == 0.0 {
        out.push('0');
        return;
    }
    // Integers up to 2^53 print as their digits (the shortest digits of an exact integer are
    // its own, trailing zeros restored below); this is most numbers in an outcome.
    if f.fract() == 0.0 && f.abs() <= MAX_EXACT as f64 {
        push_decimal(out, f < 0.0, f.abs() as u64);
        return;
    }
    if f < 0.0 {
        out.push('-');
    }
    let (digits, n) = shortest_digits(f.abs());
    let k = digits.len() as i64;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        for _ in 0..(n - k) {
            out.push('0');
        }
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at((n as usize).min(digits.len()));
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        for _ in 0..(-n) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        let _ = write!(out, "{}", (n - 1).abs());
    }
}

/// The shortest decimal digits that read back as `f` (> 0, finite), and the position of
/// the decimal point (`n`: the value is `0.d1d2… × 10^n`).
///
/// From `zmij`, the shortest round-trip formatter serde_json already carries for writing
/// floats, so the module holds one float formatter, not also core's Grisu/Dragon: among
/// the shortest candidates it takes the one nearest `f`, and of two equally near the even
/// one — what ECMAScript's `Number::toString` requires (RFC 8785's `1424953923781206.2`,
/// whose exact value ends in …206.25). Its text (`1.5e-7`, `123.45`, `1e21`) is read back
/// into digits and a point position here.
fn shortest_digits(f: f64) -> (String, i64) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(f);
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let exp = exp.trim_start_matches('+').parse::<i64>().unwrap_or(0);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int.chars().chain(frac.chars()).collect();
    let significant = all.trim_start_matches('0');
    let leading = (all.len() - significant.len()) as i64;
    let digits = significant.trim_end_matches('0').to_string();
    (digits, int.len() as i64 - leading + exp)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn num(f: f64) -> String {
        let mut s = String::new();
        write_f64(&mut s, f);
        s
    }

    /// The former implementation (core's `{:e}` and, for ties, the exact expansion), kept as
    /// an independent oracle: the shortest decimal digits that read back as `f` (> 0,
    /// finite), and the position of the decimal point (`n`: the value is `0.d1d2… × 10^n`).
    ///
    /// Rust's `{:e}` gives the shortest round-trip digits, but when two shortest candidates
    /// are exactly equally near `f` it rounds half up, while ECMAScript picks the even last
    /// digit (RFC 8785's `1424953923781206.2`, whose exact value ends in …206.25). Such ties
    /// need 15+ digits, so only then is the exact expansion consulted.
    fn reference_digits(f: f64) -> (String, i64) {
        let split = |sci: &str| -> (String, i64) {
            let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
            let digits = mantissa.chars().filter(char::is_ascii_digit).collect();
            (digits, exp.parse::<i64>().unwrap_or(0) + 1)
        };
        let (digits, n) = split(&format!("{f:e}"));
        let k = digits.len();
        if k < 15 {
            return (digits, n);
        }
        // The exact decimal expansion of an f64 has at most 767 significant digits.
        let (exact, exact_n) = split(&format!("{f:.800e}"));
        if exact_n != n {
            return (digits, n);
        }
        let (head, tail) = exact.split_at(k.min(exact.len()));
        let tie = tail
            .strip_prefix('5')
            .is_some_and(|rest| rest.bytes().all(|b| b == b'0'));
        if !tie {
            return (digits, n);
        }
        // Candidates: `head` and `head + 1` in the last digit (no carry: a 9 keeps Rust's).
        let Some(last) = head.bytes().last() else {
            return (digits, n);
        };
        if last == b'9' {
            return (digits, n);
        }
        let even = if (last - b'0') % 2 == 0 {
            head.to_string()
        } else {
            let mut up = head.get(..head.len() - 1).unwrap_or_default().to_string();
            up.push(char::from(last + 1));
            up
        };
        let reads_back = format!("0.{even}e{n}").parse::<f64>() == Ok(f);
        if reads_back {
            (even.trim_end_matches('0').to_string(), n)
        } else {
            (digits, n)
        }
    }

    /// zmij's digits equal the former implementation's on 20,000 doubles of every
    /// magnitude (a fixed xorshift sequence of bit patterns) and on the tie cases.
    #[test]
    fn shortest_digits_match_the_reference() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut checked = 0;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x).abs();
            if !f.is_finite() || f == 0.0 {
                continue;
            }
            assert_eq!(shortest_digits(f), reference_digits(f), "{f:e}");
            checked += 1;
        }
        assert!(checked > 18_000);
        for f in [
            1424953923781206.2,
            9007199254740993.0,
            5e-324,
            1.7976931348623157e308,
            1e21,
            1e-7,
            0.1,
            123.0,
            100.0,
        ] {
            assert_eq!(shortest_digits(f), reference_digits(f), "{f:e}");
        }
    }

    #[test]
    fn numbers_print_as_ecmascript() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(1e21), "1e+21");
        assert_eq!(num(1e20), "100000000000000000000");
        assert_eq!(num(1e-7), "1e-7");
        assert_eq!(num(0.000001), "0.000001");
        assert_eq!(num(123.456), "123.456");
        assert_eq!(num(-1.5e-10), "-1.5e-10");
        assert_eq!(num(4.35), "4.35");
        assert_eq!(num(333333333.3333333), "333333333.3333333");
        assert_eq!(num(1.7976931348623157e308), "1.7976931348623157e+308");
        assert_eq!(num(5e-324), "5e-324");
        // A tie between two shortest candidates: ECMAScript takes the even digit.
        assert_eq!(num(1424953923781206.2), "1424953923781206.2");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(9.999999999999997e22), "9.999999999999997e+22");
        assert_eq!(number_to_string(2.5), "2.5");
        assert_eq!(number_to_string(f64::NAN), "NaN");
        assert_eq!(number_to_string(f64::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn keys_sort_by_utf16_and_strings_escape_minimally() {
        let v = json!({"b": 1, "a": [true, null, "x\n\u{1}é"], "\u{20ac}": 0, "\u{1f600}": 1});
        assert_eq!(
            to_canonical_string(&v),
            "{\"a\":[true,null,\"x\\n\\u0001é\"],\"b\":1,\"\u{20ac}\":0,\"\u{1f600}\":1}"
        );
    }

    #[test]
    fn integers_print_exactly_to_2_pow_53_then_through_f64() {
        let int = |n: i64| {
            let mut s = String::new();
            write_i64(&mut s, n);
            s
        };
        let uint = |n: u64| {
            let mut s = String::new();
            write_u64(&mut s, n);
            s
        };
        assert_eq!(int(0), "0");
        assert_eq!(int(-7), "-7");
        assert_eq!(int(i64::MIN), "-9223372036854776000");
        assert_eq!(uint(1 << 53), "9007199254740992");
        assert_eq!(uint((1 << 53) + 1), "9007199254740992");
        assert_eq!(uint(u64::MAX), "18446744073709552000");
        assert_eq!(num(-(2f64.powi(53))), "-9007199254740992");
        assert_eq!(num(2f64.powi(60)), "1152921504606847000");
    }

    /// Values as `serde_json` parses them: every number kind, strings with escapes, BMP
    /// characters above the surrogates and supplementary ones (where UTF-8 and UTF-16
    /// orders differ), nested arrays and objects.
    fn any_value() -> impl Strategy<Value = Value> {
        let text = || {
            prop_oneof![
                "[a-c]{0,3}",
                "\\PC{0,6}",
                "[\\x00-\\x1f\"\\\\/a\u{7f}\u{e000}\u{ffff}\u{10000}\u{1f600}]{0,4}",
            ]
        };
        let number = prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            (-1000i64..1000, 0u32..8)
                .prop_map(|(m, e)| Value::from(m as f64 / 10f64.powi(e as i32))),
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            number,
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(text(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn direct_writer_equals_the_value_path(v in any_value()) {
            prop_assert_eq!(to_canonical_string_of(&v).unwrap(), to_canonical_string(&v));
        }

        /// Long strings, so that escapes fall at every place in and across the 8-byte
        /// words `next_escape` tests, against `serde_json`'s own string escaping (the same
        /// minimal escapes, lowercase `\u00xx`).
        #[test]
        fn strings_escape_as_serde_json_escapes_them(
            parts in proptest::collection::vec(prop_oneof![
                "[ a~/\u{7f}\u{80}\u{e9}\u{ff}\u{20ac}\u{1f600}]{0,17}",
                "[\\x00-\\x1f\"\\\\]",
            ], 0..8),
        ) {
            let s = parts.concat();
            let mut out = String::new();
            write_string(&mut out, &s);
            prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn key_order_is_utf16_order(
            a in "[a\\x00\u{7f}\u{80}\u{7ff}\u{800}\u{d7ff}\u{e000}\u{fffd}\u{ffff}\u{10000}\u{1f600}\u{10ffff}]{0,4}",
            b in "[a\\x00\u{7f}\u{80}\u{7ff}\u{800}\u{d7ff}\u{e000}\u{fffd}\u{ffff}\u{10000}\u{1f600}\u{10ffff}]{0,4}",
        ) {
            prop_assert_eq!(utf16_cmp(&a, &b), a.encode_utf16().cmp(b.encode_utf16()));
        }

        #[test]
        fn the_integer_shortcut_prints_what_the_digits_path_prints(n in -(1i64 << 53)..=(1i64 << 53), e in 0u32..4) {
            let f = n as f64 * 10f64.powi(e as i32);
            let mut fast = String::new();
            write_f64(&mut fast, f);
            prop_assert_eq!(fast, digits_path(f));
        }
    }

    /// `write_f64` without its integer shortcut.
    fn digits_path(f: f64) -> String {
        if f == 0.0 {
            return "0".into();
        }
        let mut out = String::new();
        if f < 0.0 {
            out.push('-');
        }
        let (digits, n) = shortest_digits(f.abs());
        let k = digits.len() as i64;
        if k <= n && n <= 21 {
            out.push_str(&digits);
            for _ in 0..(n - k) {
                out.push('0');
            }
        } else {
            let mut rest = String::new();
            write_f64(&mut rest, f.abs());
            out.push_str(&rest);
        }
        out
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Shapes {
        zeta: u8,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        alpha: Option<&'static str>,
        #[serde(flatten)]
        inner: Inner,
        unit: Kind,
        newtype: Kind,
        tuple: Kind,
        strukt: Kind,
        tagged: Tagged,
        bytes: serde_bytes_like::Bytes,
        pair: (char, f32),
        int_keys: std::collections::BTreeMap<i32, bool>,
        enum_keys: std::collections::BTreeMap<Kind, u8>,
        nothing: (),
    }

    #[derive(serde::Serialize)]
    struct Inner {
        middle: i128,
        #[serde(rename = "\u{1f600}")]
        emoji: u128,
        #[serde(rename = "\u{e000}")]
        private_use: bool,
        alpha: &'static str,
    }

    #[derive(serde::Serialize, PartialEq, Eq, PartialOrd, Ord)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        UnitOne,
        New(u8),
        Tuple(u8, String),
        Strukt { b: u8, a: u8 },
    }

    #[derive(serde::Serialize)]
    #[serde(tag = "type")]
    enum Tagged {
        Case { z: u8, a: u8 },
    }

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_serde_shape_comes_out_as_through_a_value() {
        let v = Shapes {
            zeta: 1,
            skipped: None,
            alpha: None,
            inner: Inner {
                middle: -5,
                emoji: 7,
                private_use: true,
                alpha: "flattened, and given twice",
            },
            unit: Kind::UnitOne,
            newtype: Kind::New(3),
            tuple: Kind::Tuple(1, "x".into()),
            strukt: Kind::Strukt { b: 2, a: 1 },
            tagged: Tagged::Case { z: 1, a: 2 },
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            pair: ('\u{1}', 0.1),
            int_keys: [(10, true), (-2, false), (3, true)].into_iter().collect(),
            enum_keys: [(Kind::UnitOne, 1)].into_iter().collect(),
            nothing: (),
        };
        let via_value = to_canonical_string(&serde_json::to_value(&v).unwrap());
        assert_eq!(to_canonical_string_of(&v).unwrap(), via_value);
        assert!(
            via_value.contains("\"int_keys\":{\"-2\":false,\"10\":true,\"3\":true}")
                || via_value.contains("\"intKeys\":{\"-2\":false,\"10\":true,\"3\":true}")
        );
    }

    #[test]
    fn keys_that_are_not_strings_fail_as_in_serde_json_and_leave_the_buffer_alone() {
        let map: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(serde_json::to_value(&map).is_err());
        let mut out = String::from("kept");
        assert!(write_canonical(
            &mut out,
            &vec![Value::Null, serde_json::to_value(1).unwrap()]
        )
        .is_ok());
        assert_eq!(out, "kept[null,1]");
        assert!(write_canonical(&mut out, &map).is_err());
        assert_eq!(out, "kept[null,1]");
        assert!(to_canonical_string_of(&u128::MAX).is_err());
    }

    #[test]
    fn hash_ignores_key_order() {
        let a = content_hash(&json!({"x": 1, "y": [1.0, 2]}));
        let b = content_hash(&json!({"y": [1, 2], "x": 1}));
        assert_eq!(a, b);
        assert!(a.starts_with("sha256:") && a.len() == 71);
    }
}
