//! Value helpers: truthiness, numeric coercion, equality, ordering and string conversion.
//!
//! JsonLogic was born in JavaScript, so its semantics are JavaScript's: `"1" + 0` is a
//! number, `[]` is falsy, and `cat` prints `0.1 + 0.2` as `0.30000000000000004`. The
//! conformance suites then tightened a few of JavaScript's looser corners, and those
//! tightenings are what this module implements:
//!
//! - comparing or doing arithmetic with an array or an object is an error (`NaN`), not a
//!   silent `"[object Object]"` coercion;
//! - comparing a number with a string that is not a number is an error (`NaN`), not
//!   `false`;
//! - `null` counts as `0` in comparisons (`null == 0`, `null < 1`);
//! - division by zero is an error, not `Infinity`.
//!
//! One deliberate choice the suites leave open: `null` loosely equals a string only when
//! the string is empty. A form that compares an unanswered choice item (null) with the
//! option code `"0"` must not see a match.
//!
//! Every function here is total (no panics) and does not allocate unless it builds a
//! string.

use std::cmp::Ordering;

use serde_json::{Number, Value};

use super::EvalError;

/// How deep the recursive helpers here (deep equality, string conversion of nested
/// arrays) descend into data before giving up. Parsed JSON never exceeds serde_json's own
/// limit of 128; this only guards data built programmatically.
const DATA_DEPTH: usize = 256;

/// JsonLogic truthiness: `false`, `null`, `0`, `""` and `[]` are falsy; everything else,
/// including `{}` and `"0"`, is truthy.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(_) => true,
    }
}

/// JavaScript's `ToNumber`, except that arrays and objects do not convert (`None`, which
/// callers report as `NaN`).
pub(crate) fn to_number(v: &Value) -> Option<f64> {
    match v {
        Value::Null => Some(0.0),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => str_to_number(s),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn is_js_whitespace(c: char) -> bool {
    // JavaScript's WhiteSpace and LineTerminator; Rust's `is_whitespace` also admits U+0085.
    c == '\u{FEFF}' || (c.is_whitespace() && c != '\u{85}')
}

/// JavaScript's `Number(string)`: surrounding whitespace ignored, empty means 0, decimal
/// literals with optional exponent, `Infinity`, and `0x`/`0o`/`0b` integers.
pub(crate) fn str_to_number(s: &str) -> Option<f64> {
    let t = s.trim_matches(is_js_whitespace);
    if t.is_empty() {
        return Some(0.0);
    }
    match t {
        "Infinity" | "+Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    let b = t.as_bytes();
    if let (Some(b'0'), Some(p)) = (b.first(), b.get(1)) {
        let radix = match p {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            let digits = t.get(2..)?;
            if digits.is_empty() {
                return None;
            }
            let mut acc = 0.0f64;
            for c in digits.chars() {
                acc = acc * f64::from(radix) + f64::from(c.to_digit(radix)?);
            }
            return Some(acc);
        }
    }
    // Validate the decimal grammar ourselves: Rust's parser also accepts "inf" and "nan".
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - frac_start;
    }
    if digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Turn an arithmetic result back into a JSON number. Integral values within the exactly
/// representable range become integers (so `2 * 3` is `6`, not `6.0`, and `-0` is `0`);
/// a non-finite result (overflow, `0/0`, division by zero) is a `NaN` error.
pub(crate) fn number_value(f: f64) -> Result<Value, EvalError> {
    const SAFE: f64 = 9_007_199_254_740_992.0; // 2^53
    if !f.is_finite() {
        return Err(EvalError::nan());
    }
    if f.fract() == 0.0 && f.abs() < SAFE {
        // In range and integral, so the cast is exact.
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Value::from(f as i64));
    }
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(EvalError::nan)
}

/// Numeric-aware strict equality (`===`): same JSON type and same value; `1 === 1.0`;
/// arrays and objects compare deeply. (The compiler's; evaluation counts its work with
/// [`strict_eq_counted`].)
#[cfg(any(feature = "compiler", test))]
pub(crate) fn strict_eq(a: &Value, b: &Value) -> bool {
    strict_eq_counted(a, b, &mut 0)
}

/// [`strict_eq`], adding to `visited` the values compared (and a unit per 64 string
/// bytes), so that the evaluator can charge the work to its budget.
pub(crate) fn strict_eq_counted(a: &Value, b: &Value, visited: &mut u64) -> bool {
    strict_eq_at(a, b, 0, visited)
}

fn strict_eq_at(a: &Value, b: &Value, depth: usize, visited: &mut u64) -> bool {
    *visited = visited.saturating_add(1);
    if depth > DATA_DEPTH {
        return false;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => num_eq(x, y),
        (Value::String(x), Value::String(y)) => {
            *visited = visited.saturating_add(u64::try_from(x.len() / 64).unwrap_or(u64::MAX));
            x == y
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|(p, q)| strict_eq_at(p, q, depth + 1, visited))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, p)| {
                    y.get(k)
                        .is_some_and(|q| strict_eq_at(p, q, depth + 1, visited))
                })
        }
        _ => false,
    }
}

fn num_eq(x: &Number, y: &Number) -> bool {
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        return p == q;
    }
    if let (Some(p), Some(q)) = (x.as_u64(), y.as_u64()) {
        return p == q;
    }
    x.as_f64() == y.as_f64()
}

/// Loose equality (`==`). Same types compare directly; mixed primitive types compare as
/// numbers; a string that is not a number, or any array or object, is a `NaN` error;
/// `null` equals `0`, `false` and `""`.
pub(crate) fn loose_eq(a: &Value, b: &Value) -> Result<bool, EvalError> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(true),
        (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
        (Value::Number(x), Value::Number(y)) => Ok(num_eq(x, y)),
        (Value::String(x), Value::String(y)) => Ok(x == y),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
            Err(EvalError::nan())
        }
        (Value::Null, Value::String(s)) | (Value::String(s), Value::Null) => Ok(s.is_empty()),
        _ => {
            let x = to_number(a).ok_or_else(EvalError::nan)?;
            let y = to_number(b).ok_or_else(EvalError::nan)?;
            Ok(x == y)
        }
    }
}

/// Ordering for `<`, `<=`, `>`, `>=`: numbers numerically, two strings by UTF-16 code
/// units (as JavaScript does), anything else as numbers; arrays, objects and
/// non-numeric strings against numbers are a `NaN` error.
pub(crate) fn compare(a: &Value, b: &Value) -> Result<Ordering, EvalError> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Ok(x.encode_utf16().cmp(y.encode_utf16())),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
            Err(EvalError::nan())
        }
        _ => {
            let x = to_number(a).ok_or_else(EvalError::nan)?;
            let y = to_number(b).ok_or_else(EvalError::nan)?;
            x.partial_cmp(&y).ok_or_else(EvalError::nan)
        }
    }
}

/// Append JavaScript's `String(v)` to `out`, except that `null` prints as nothing (as
/// `cat` requires). Arrays join their elements with `,`; objects print as
/// `[object Object]`.
pub(crate) fn push_js_string(out: &mut String, v: &Value) {
    push_js_string_at(out, v, 0);
}

fn push_js_string_at(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => push_number(out, n),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            if depth > DATA_DEPTH {
                return;
            }
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_js_string_at(out, item, depth + 1);
            }
        }
        Value::Object(_) => out.push_str("[object Object]"),
    }
}

/// JavaScript's `Number.prototype.toString()` for a JSON number.
pub(crate) fn push_number(out: &mut String, n: &Number) {
    use std::fmt::Write;
    if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
        return;
    }
    if let Some(u) = n.as_u64() {
        // Above i64::MAX: JavaScript holds it as a double, and prints it as one.
        #[allow(clippy::cast_precision_loss)]
        push_f64(out, u as f64);
        return;
    }
    push_f64(out, n.as_f64().unwrap_or(0.0));
}

fn push_f64(out: &mut String, f: f64) {
    if f == 0.0 || !f.is_finite() {
        // JSON numbers are finite; -0 prints as 0.
        out.push('0');
        return;
    }
    // One implementation of ECMAScript's number printing, shared with canonical JSON.
    crate::canonical::write_f64(out, f);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(v: Value) -> String {
        let mut out = String::new();
        push_js_string(&mut out, &v);
        out
    }

    #[test]
    fn js_number_strings() {
        assert_eq!(s(json!(1.5)), "1.5");
        assert_eq!(s(json!(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(s(json!(1e21)), "1e+21");
        assert_eq!(s(json!(1e20)), "100000000000000000000");
        assert_eq!(s(json!(1e-7)), "1e-7");
        assert_eq!(s(json!(0.000001)), "0.000001");
        assert_eq!(s(json!(-2.5e-10)), "-2.5e-10");
        assert_eq!(s(json!(123)), "123");
        assert_eq!(s(json!(-0.0)), "0");
        assert_eq!(s(json!([1, null, [2, "a"]])), "1,,2,a");
    }

    #[test]
    fn js_to_number() {
        assert_eq!(str_to_number(" 12 "), Some(12.0));
        assert_eq!(str_to_number("1e2"), Some(100.0));
        assert_eq!(str_to_number(".5"), Some(0.5));
        assert_eq!(str_to_number("5."), Some(5.0));
        assert_eq!(str_to_number("0x1F"), Some(31.0));
        assert_eq!(str_to_number(""), Some(0.0));
        assert_eq!(str_to_number("-Infinity"), Some(f64::NEG_INFINITY));
        for bad in [
            "inf", "nan", "NaN", "1e", "e5", ".", "+", "1 2", "0x", "-0x1", "abc",
        ] {
            assert_eq!(str_to_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn equality_and_order() {
        assert_eq!(loose_eq(&json!(null), &json!(0)).ok(), Some(true));
        assert_eq!(loose_eq(&json!(null), &json!("0")).ok(), Some(false));
        assert_eq!(loose_eq(&json!(1), &json!("1")).ok(), Some(true));
        assert!(loose_eq(&json!(1), &json!("A")).is_err());
        assert!(strict_eq(&json!(1), &json!(1.0)));
        assert!(!strict_eq(&json!(1), &json!("1")));
        assert_eq!(compare(&json!("a"), &json!("b")).ok(), Some(Ordering::Less));
        assert!(compare(&json!([]), &json!(1)).is_err());
        assert_eq!(number_value(-0.0).ok(), Some(json!(0)));
        assert_eq!(number_value(0.5).ok(), Some(json!(0.5)));
        assert!(number_value(f64::INFINITY).is_err());
    }
}
