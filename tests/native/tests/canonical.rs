//! tests/vectors/canonical/*.json, natively: the same entry points the WASM module exports.

use sha2::{Digest, Sha256};
use trygg_conformance::{canonical_cases, result_line, tests_dir, Expect};
use trygg_host::api;

#[test]
fn canonical_vectors() {
    let cases = canonical_cases().unwrap();
    assert!(
        cases.len() >= 50,
        "only {} canonical cases found",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut lines = String::new();
    for case in &cases {
        let got = api::canonical_json(&case.input).map_err(|e| (e.code.to_owned(), e.path));
        lines.push_str(&result_line(&case.id, &got));
        let ok = match (&case.expect, &got) {
            (Expect::Text(want), Ok(text)) => want == text,
            (Expect::Error { code, path }, Err((c, p))) => code == c && path == p,
            _ => false,
        };
        if let Some(reason) = &case.xfail {
            if ok {
                failures.push(format!(
                    "{}: marked xfail but passes now: drop the marker",
                    case.id
                ));
            } else {
                eprintln!("xfail {}: {reason}", case.id);
            }
            continue;
        }
        if !ok {
            failures.push(format!(
                "{}: want {:?}, got {:?}",
                case.id, case.expect, got
            ));
            continue;
        }
        // contentHash must be SHA-256 of exactly the canonical bytes.
        if let Expect::Text(want) = &case.expect {
            let hex: String = Sha256::digest(want.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let hash = api::content_hash(&case.input).map_err(|e| e.to_string());
            if hash != Ok(format!("sha256:{hex}")) {
                failures.push(format!("{}: contentHash {hash:?}", case.id));
            }
        }
    }
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("canonical-native.txt"), lines).unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
