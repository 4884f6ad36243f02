//! `trygg validate <files|dirs> [--json]`: schema check, model check and compile of form files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Collect form files: files as given, directories recursed for `*.json` (skipping JSON
/// Schema files and text packs).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    // Every directory and file once, by its canonical path: symlink loops end, and a form
    // reached through two links is reported once.
    let mut seen = HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, &mut seen).map_err(|e| format!("{}: {e}", p.display()))?;
        } else if p.exists() {
            if seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())) {
                out.push(p.clone());
            }
        } else {
            return Err(format!("{}: no such file or directory", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> std::io::Result<()> {
    if !seen.insert(dir.canonicalize()?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, seen)?;
        } else if is_form_file(&p) && seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())) {
            out.push(p);
        }
    }
    Ok(())
}

fn is_form_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !name.ends_with(".json") || name.ends_with(".schema.json") {
        return false;
    }
    // Text packs and other JSON beside forms are recognised by content.
    match crate::forms::read_limited(p, &trygg::input::FORM)
        .ok()
        .and_then(Result::ok)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
    {
        Some(v) => v.get("textPack").is_none_or(|t| !t.is_string()) && v.get("items").is_some(),
        None => true, // let validate report the JSON error
    }
}

/// Check one form file (schema, model and the compiler's semantic checks); every error.
pub fn check_file(path: &Path) -> Vec<trygg::Error> {
    match crate::forms::load(path) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors,
    }
}

/// Run the command; returns the process exit code.
pub fn run(paths: &[PathBuf], json: bool) -> i32 {
    let files = match collect(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut failed = 0usize;
    let mut report = Vec::new();
    for file in &files {
        let errors = check_file(file);
        if !errors.is_empty() {
            failed += 1;
        }
        if json {
            report.push(serde_json::json!({
                "file": file.display().to_string(),
                "ok": errors.is_empty(),
                "errors": errors.iter().map(|e| serde_json::json!({
                    "code": e.code, "pointer": e.pointer, "message": e.message
                })).collect::<Vec<_>>(),
            }));
        } else {
            for e in &errors {
                println!(
                    "{}:{}: {}: {}",
                    file.display(),
                    e.pointer,
                    e.code,
                    e.message
                );
            }
        }
    }
    if json {
        println!("{}", serde_json::Value::Array(report));
    } else {
        println!("{} forms checked, {} with errors", files.len(), failed);
    }
    if failed > 0 {
        1
    } else {
        0
    }
}
