//! The error-code catalogue (`docs/errors.md`) lists exactly the codes the sources can emit:
//! every `"<family>.<name>"` string literal outside test modules in the engine, the host,
//! the WASM shell and the CLI.

use std::collections::BTreeSet;
use std::path::Path;
use trygg_conformance::forms::repo_dir;

const FAMILIES: [&str; 21] = [
    "abi",
    "json",
    "form",
    "schema",
    "response",
    "file",
    "logic",
    "answer",
    "context",
    "respondent",
    "rule",
    "registry",
    "batch",
    "family",
    "session",
    "pack",
    "precompiled",
    "internal",
    "text",
    "synth",
    "compare",
];

/// String literals of the code's shape that are not error codes (context keys).
const NOT_CODES: [&str; 1] = ["family.area"];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// `"family.name"` literals in `text`.
fn codes_in(text: &str, out: &mut BTreeSet<String>) {
    for (i, part) in text.split('"').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        let Some((family, name)) = part.split_once('.') else {
            continue;
        };
        let is_name =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        if FAMILIES.contains(&family) && is_name(name) && !NOT_CODES.contains(&part) {
            out.insert(part.to_string());
        }
    }
}

#[test]
fn every_code_the_sources_emit_is_listed_and_nothing_else() {
    let root = repo_dir();
    let mut files = Vec::new();
    for dir in ["engine/src", "host/src", "wasm/src", "abi/src", "cli/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut emitted = BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        codes_in(code, &mut emitted);
    }
    assert!(emitted.len() >= 80, "only {} codes found", emitted.len());
    let doc = std::fs::read_to_string(root.join("docs/errors.md")).unwrap();
    let listed: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`').map(|(c, _)| c.to_string()))
        .collect();
    let missing: Vec<&String> = emitted.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&emitted).collect();
    assert!(
        missing.is_empty(),
        "codes emitted but not in docs/errors.md: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "codes in docs/errors.md that nothing emits: {stale:?}"
    );
}
