//! Shared by the benches: where things are, the short Criterion settings, and the side
//! files (`target/bench/*.json`) that `bench/report.py` reads next to Criterion's output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::BenchmarkGroup;
use serde_json::Value;

/// The repository root (the workspace).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The JsonLogic conformance suites, beside the repository (never copied into it).
pub fn suites_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/jsonlogic/suites")
}

/// `target/bench/`, where benches and other runners leave figures for the report.
pub fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    target.join("bench")
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("cannot read {} ({e})", path.display());
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Write a side file for the report (pretty JSON, trailing newline).
pub fn write_side_file(name: &str, value: &Value) {
    let dir = out_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    std::fs::write(&path, text).unwrap();
}

/// Every shipped form definition `forms/**/1.*.json` (not text packs, not the schema),
/// sorted by path.
pub fn shipped_forms() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                walk(&path, out);
            } else if trygg::document::is_candidate(&name) {
                let text = std::fs::read_to_string(&path).unwrap();
                let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
                if trygg::document::kind(&doc) == trygg::document::DocumentKind::Form {
                    out.push(path);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join("forms"), &mut out);
    assert!(!out.is_empty(), "no forms found under forms/");
    out
}

/// Short measurements: the machine has two cores shared with others.
pub fn short<M: criterion::measurement::Measurement>(group: &mut BenchmarkGroup<'_, M>) {
    group
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1200))
        .sample_size(15);
}

/// Compare two JSON values as JsonLogic results: numbers by value (1 == 1.0).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
