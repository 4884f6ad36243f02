//! Compile, compare and write the series.
//!
//! Every generated form is first written as text and loaded by the engine (`trygg::load`:
//! the input policy, the JSON Schema where built in, the compiler's checks) and its own
//! examples are run: a form the engine refuses, or an expectation it does not meet, fails
//! here before any file is compared. The comparison with the committed file is semantic:
//! both are read into the model ([`FormDef`]) and compared as JSON values, numbers by value
//! (`1` and `1.0` are the same score), key order and whitespace ignored. The content hash
//! is over canonical JSON, which depends on neither, so a passing check keeps every form's
//! hash and every vector's bytes; an explicit default written into a committed file
//! (`"required": false`) would read the same to the engine but change the hash, and is
//! left to the vectors (`tests/forms.rs`) to catch.
//!
//! `--write` prints the model as it serialises: every field it always writes appears, also
//! at its default (`"required": false` on a display item, `"hiddenItems": "skip"`), and
//! locale maps are sorted. The engine reads such a file as the same form, but its content
//! hash differs from a hand-tidied file's: one more reason never to rewrite a version
//! already published.

use super::form::build;
use super::texts::Texts;
use super::{version, Version, VERSIONS};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::Value;
use std::io;
use std::path::PathBuf;
use trygg::model::FormDef;

/// `forms/trygg-start/<checkup>/<version>.json`.
pub fn path_of(v: Version) -> PathBuf {
    crate::forms::repo_dir()
        .join("forms")
        .join("trygg-start")
        .join(format!("{}.json", v.name()))
}

/// The file's path from the repository root, for messages.
pub fn shown(v: Version) -> String {
    format!("forms/trygg-start/{}.json", v.name())
}

/// Integral floats as integers (`1.0` → `1`), as an author writes them and as canonical
/// JSON prints them.
fn tidy(value: &mut Value) {
    match value {
        Value::Number(n) => {
            if let Some(f) = n.as_f64() {
                if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(tidy),
        Value::Object(map) => map.values_mut().for_each(tidy),
        _ => {}
    }
}

/// A form as JSON, numbers tidied.
pub fn to_value(def: &FormDef) -> Result<Value, String> {
    let mut v = serde_json::to_value(def).map_err(|e| e.to_string())?;
    tidy(&mut v);
    Ok(v)
}

/// Pretty printing with integral floats written as integers (`"score": 1`, not `1.0`), as
/// an author writes them and as canonical JSON prints them.
struct Tidy(PrettyFormatter<'static>);

impl Formatter for Tidy {
    fn write_f64<W: ?Sized + io::Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        if value.fract() == 0.0 && value.abs() < 9.0e15 {
            write!(w, "{}", value as i64)
        } else {
            self.0.write_f64(w, value)
        }
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The text `--write` gives a form: pretty JSON in the model's field order (the order of
/// `docs/form-format.md`), integral numbers without `.0`, and a final newline.
pub fn to_text(def: &FormDef) -> Result<String, String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Tidy(PrettyFormatter::new()));
    def.serialize(&mut ser).map_err(|e| e.to_string())?;
    let text = String::from_utf8(out).map_err(|e| e.to_string())?;
    Ok(text + "\n")
}

/// Build `v` and check it with the engine: it must load and pass its own examples.
pub fn generate(texts: &Texts, v: Version) -> Result<FormDef, String> {
    let def = build(texts, v).map_err(|e| format!("{}: {e}", v.name()))?;
    let text = to_text(&def)?;
    let form = trygg::load(&text)
        .map_err(|e| format!("{}: the engine refuses the generated form:\n{e}", v.name()))?;
    let failed: Vec<String> = trygg::examples::run_examples(&form)
        .into_iter()
        .filter(|r| !r.passed())
        .map(|r| {
            format!(
                "  example {} \"{}\": {}",
                r.index,
                r.name,
                r.failures.join("; ")
            )
        })
        .collect();
    if !failed.is_empty() {
        return Err(format!(
            "{}: generated examples fail:\n{}",
            v.name(),
            failed.join("\n")
        ));
    }
    Ok(def)
}

fn same_number(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => a.as_f64() == b.as_f64(),
    }
}

fn short(v: Option<&Value>) -> String {
    match v {
        None => "nothing".into(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > 120 {
                format!("{}…", s.chars().take(120).collect::<String>())
            } else {
                s
            }
        }
    }
}

/// The JSON pointer of the first place `file` and `generated` differ, with both values.
pub fn first_difference(file: &Value, generated: &Value) -> Option<String> {
    fn walk(a: &Value, b: &Value, at: &mut String) -> Option<String> {
        let located = |at: &str, a: Option<&Value>, b: Option<&Value>| {
            let at = if at.is_empty() { "/" } else { at };
            format!(
                "at {at}: the file has {}, the generator {}",
                short(a),
                short(b)
            )
        };
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
                keys.sort();
                keys.dedup();
                for k in keys {
                    let len = at.len();
                    at.push('/');
                    at.push_str(&trygg::error::escape_pointer(k));
                    let found = match (x.get(k), y.get(k)) {
                        (Some(p), Some(q)) => walk(p, q, at),
                        (p, q) => Some(located(at, p, q)),
                    };
                    if found.is_some() {
                        return found;
                    }
                    at.truncate(len);
                }
                None
            }
            (Value::Array(x), Value::Array(y)) => {
                for i in 0..x.len().max(y.len()) {
                    let len = at.len();
                    at.push_str(&format!("/{i}"));
                    let found = match (x.get(i), y.get(i)) {
                        (Some(p), Some(q)) => walk(p, q, at),
                        (p, q) => Some(located(at, p, q)),
                    };
                    if found.is_some() {
                        return found;
                    }
                    at.truncate(len);
                }
                None
            }
            (Value::Number(x), Value::Number(y)) if same_number(x, y) => None,
            _ if a == b => None,
            _ => Some(located(at, Some(a), Some(b))),
        }
    }
    walk(file, generated, &mut String::new())
}

/// The committed file of `v` as the engine reads it (through the model).
fn committed(v: Version) -> Result<Value, String> {
    let path = path_of(v);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", shown(v)))?;
    let value = trygg::parse::parse_value(&text).map_err(|e| format!("{}: {e}", shown(v)))?;
    let def = trygg::parse::from_value(&value).map_err(|e| format!("{}: {e}", shown(v)))?;
    to_value(&def)
}

/// Check every version: each generated form loads, passes its examples and matches its
/// committed file. Returns one message per problem (empty when all is well).
pub fn check_all() -> Result<Vec<String>, String> {
    let texts = Texts::load()?;
    let mut problems = Vec::new();
    for v in VERSIONS {
        let generated = match generate(&texts, *v) {
            Ok(def) => to_value(&def)?,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        match committed(*v) {
            Ok(file) => {
                if let Some(diff) = first_difference(&file, &generated) {
                    problems.push(format!(
                        "{} differs from what the generator builds, first {diff}",
                        shown(*v)
                    ));
                }
            }
            Err(e) => problems.push(e),
        }
    }
    Ok(problems)
}

/// Write the named versions (`6-8w/1.0.0`, …), or every version when `names` is empty.
/// Returns the paths written.
pub fn write(names: &[String]) -> Result<Vec<String>, String> {
    let texts = Texts::load()?;
    let versions = if names.is_empty() {
        VERSIONS.to_vec()
    } else {
        names
            .iter()
            .map(|n| version(n.trim_end_matches(".json")))
            .collect::<Result<Vec<_>, _>>()?
    };
    let mut written = Vec::new();
    for v in versions {
        let text = to_text(&generate(&texts, v)?)?;
        let path = path_of(v);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", shown(v)))?;
        written.push(shown(v));
    }
    Ok(written)
}
