//! Shared by the fuzz targets: the shipped forms (read from `../forms` once per process),
//! the invariants every target checks, and the byte decoding of session operations.
//!
//! Only public APIs are used (`trygg`, `trygg_fhir::api`, the `trygg_abi` exports), so the
//! targets survive moves inside the crates.
//! A target fails (libFuzzer reports a crash) when the engine panics, aborts, overflows its
//! stack, runs out of memory or time, or when one of the checks below does not hold.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use trygg::model::ItemType;
use trygg::{CompiledForm, Outcome, Registry};

/// The repository root (this crate is `fuzz/` in it).
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The text of every shipped form definition (`forms/**/*.json` with an `items` array; text
/// packs and `forms/schema/` left out), in byte order of their paths.
pub fn shipped_form_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let mut paths = Vec::new();
        walk(&repo_dir().join("forms"), &mut paths);
        paths.sort();
        let mut texts = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if doc.get("items").is_some_and(Value::is_array) {
                texts.push(text);
            }
        }
        assert!(!texts.is_empty(), "no shipped forms under forms/");
        texts
    })
}

/// Every shipped form definition ([`shipped_form_texts`]), compiled, in the same order.
pub fn shipped_forms() -> &'static [Arc<CompiledForm>] {
    static FORMS: OnceLock<Vec<Arc<CompiledForm>>> = OnceLock::new();
    FORMS.get_or_init(|| {
        shipped_form_texts()
            .iter()
            .map(|text| {
                let form = trygg::load(text).unwrap_or_else(|e| panic!("a shipped form: {e:?}"));
                Arc::new(form)
            })
            .collect()
    })
}

/// A registry holding every shipped form, as a host that loaded them all has.
pub fn shipped_registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Registry::default();
        for form in shipped_forms() {
            registry
                .insert(CompiledForm::clone(form))
                .unwrap_or_else(|e| panic!("{}: {e:?}", form.def().id));
        }
        registry
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("schema") {
                walk(&path, out);
            }
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
}

/// The outcome's canonical JSON is JSON, and canonicalising it again changes nothing.
pub fn check_outcome(outcome: &Outcome) -> String {
    let text = outcome.to_json();
    check_canonical(&text);
    text
}

/// `text` parses as JSON and is its own canonical form.
pub fn check_canonical(text: &str) {
    let value: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("canonical output is not JSON ({e}): {text}"));
    assert_eq!(
        trygg::to_canonical_string(&value),
        text,
        "canonical output is not stable"
    );
    check_messages(&value);
}

/// Every error or problem in an output (an object with a string `code` and `message`) has
/// a message of at most [`MAX_MESSAGE_CHARS`] characters: input is quoted short.
fn check_messages(value: &Value) {
    match value {
        Value::Object(m) => {
            if let (Some(Value::String(code)), Some(Value::String(message))) =
                (m.get("code"), m.get("message"))
            {
                let n = message.chars().count();
                assert!(
                    n <= MAX_MESSAGE_CHARS,
                    "{code}: a message of {n} characters in an output"
                );
            }
            m.values().for_each(check_messages);
        }
        Value::Array(a) => a.iter().for_each(check_messages),
        _ => {}
    }
}

/// Longest error message a refused input may produce (the policy quotes at most
/// `trygg::input::MAX_EXCERPT` characters of the input).
pub const MAX_MESSAGE_CHARS: usize = 600;

/// A refused input has a code of its document's family and a short message.
pub fn check_refusal(e: &trygg::Error, family: &str) {
    assert!(
        e.code.starts_with(family),
        "code {} for a {family} document",
        e.code
    );
    check_message(e);
}

/// An error's message is at most [`MAX_MESSAGE_CHARS`] characters: input is quoted short.
pub fn check_message(e: &trygg::Error) {
    assert!(
        e.message.chars().count() <= MAX_MESSAGE_CHARS,
        "{}: a message of {} characters",
        e.code,
        e.message.chars().count()
    );
}

/// A context for a session or response, chosen by one byte: valid, missing and invalid
/// locales, profiles and ages.
pub fn context_of(byte: u8) -> Map<String, Value> {
    let v = match byte % 8 {
        0 => json!({}),
        1 => json!({"locale": "sv"}),
        2 => json!({"locale": "ar", "profile": "se"}),
        3 => json!({"childAgeDays": 60}),
        4 => json!({"childAgeDays": -1}),
        5 => json!({"profile": "nope", "locale": "xx"}),
        6 => json!({"childAgeDays": 1e300, "sex": "female"}),
        _ => json!({"locale": 3, "unknown": true}),
    };
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// One session operation decoded from three bytes.
#[derive(Debug, Clone)]
pub enum Op {
    Set(String, Value),
    Decline(String),
    Clear(String),
}

/// Values no item accepts as they are, or only at the edges.
fn odd_value(byte: u8) -> Value {
    match byte % 16 {
        0 => json!("x"),
        1 => json!(-1),
        2 => json!(1e308),
        3 => json!([]),
        4 => json!({}),
        5 => json!({"declined": false}),
        6 => json!(""),
        7 => json!(true),
        8 => json!(0.5),
        9 => json!("2026-02-30"),
        10 => json!(["a", "a"]),
        11 => json!({"declined": true, "x": 1}),
        12 => json!(-0.0),
        13 => json!(9007199254740993u64),
        14 => json!("0"),
        _ => json!([[[]]]),
    }
}

/// A value of the item's own type, chosen by one byte.
fn typed_value(item: &trygg::model::Item, byte: u8) -> Value {
    let n = item.options.len();
    match item.kind {
        ItemType::Boolean => json!(byte & 1 == 1),
        ItemType::Choice if n > 0 => json!(item.options[usize::from(byte) % n].value),
        ItemType::Multi if n > 0 => Value::Array(
            item.options
                .iter()
                .enumerate()
                .filter(|(i, _)| (byte >> (i % 8)) & 1 == 1)
                .map(|(_, o)| json!(o.value))
                .collect(),
        ),
        ItemType::Integer => json!(i64::from(byte) - 20),
        ItemType::Number => json!(f64::from(byte) / 4.0),
        ItemType::Text => json!(format!("t{byte}")),
        ItemType::Date => json!(format!("2026-01-{:02}", 1 + byte % 28)),
        _ => json!(byte),
    }
}

/// Operations from the bytes, three at a time: kind, item, value.
pub fn ops(form: &CompiledForm, bytes: &[u8]) -> Vec<Op> {
    let items = &form.def().items;
    let mut out = Vec::new();
    for chunk in bytes.chunks_exact(3) {
        let (kind, which, val) = (chunk[0], chunk[1], chunk[2]);
        // One in 64 item bytes names an item the form does not have.
        let item = if which == 255 || items.is_empty() {
            None
        } else {
            items.get(usize::from(which) % items.len())
        };
        let id = item.map_or_else(|| "no_such_item".to_string(), |i| i.id.clone());
        out.push(match (kind % 8, item) {
            (0..=3, Some(item)) => Op::Set(id, typed_value(item, val)),
            (4, _) => Op::Decline(id),
            (5, _) => Op::Clear(id),
            _ => Op::Set(id, odd_value(val)),
        });
    }
    out
}
