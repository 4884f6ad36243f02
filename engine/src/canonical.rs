//! RFC 8785 (JCS) canonical JSON and the content hash.
//!
//! Outcomes must be byte-identical natively, in Node and in the browser, and a form's
//! content hash must not change with key order or whitespace. Both need one serialisation
//! that depends only on the JSON value: object keys sorted by UTF-16 code units, no
//! whitespace, strings with the minimal JSON escapes, and numbers printed as ECMAScript's
//! `Number.prototype.toString` prints them (integers without `.0`, `1e+21`, `1e-7`).
//! We write it ourselves so that it is the same code on every target.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The canonical (RFC 8785) JSON text of `value`.
pub fn to_canonical_string(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
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
                write_f64(out, i as f64);
            } else if let Some(u) = n.as_u64() {
                write_f64(out, u as f64);
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
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    // Copy runs of characters that need no escape in one go: every character that does
    // is ASCII, so each byte position where one sits is a character boundary.
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
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
mod tests {
    use super::*;
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
    fn hash_ignores_key_order() {
        let a = content_hash(&json!({"x": 1, "y": [1.0, 2]}));
        let b = content_hash(&json!({"y": [1, 2], "x": 1}));
        assert_eq!(a, b);
        assert!(a.starts_with("sha256:") && a.len() == 71);
    }
}
