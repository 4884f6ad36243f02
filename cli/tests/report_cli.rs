//! `trygg synth` and `trygg diff` over the shipped 6–8 w versions: synth writes the checked-in
//! vector's bytes (the host and the wasm module are held to the same file), and the report
//! says its input is synthetic, names findings by their titles in the chosen language and
//! marks every cut-off in its charts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn trygg(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .current_dir(repo())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const VECTOR: &str = "tests/vectors/synth/trygg-start.6-8w-1.0.0+1.1.0.seed-7.n-60.ndjson";

#[test]
fn synth_writes_the_vector_bytes() {
    let (code, out, err) = trygg(&[
        "synth",
        "--form",
        "trygg-start.6-8w@1.0.0",
        "--form",
        "trygg-start.6-8w@1.1.0",
        "--n",
        "60",
        "--seed",
        "7",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, std::fs::read_to_string(repo().join(VECTOR)).unwrap());
}

/// `trygg diff` writes the checked-in report vectors byte for byte (the wasm module's
/// `Engine.compareReport` is held to the same files by tests/js/node/report.test.mjs).
#[test]
fn diff_writes_the_report_vectors() {
    let dir = std::env::temp_dir().join(format!("trygg-report-vec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = "tests/vectors/report/trygg-start.6-8w-1.0.0-1.1.0.seed-7";
    for lang in ["sv", "en"] {
        let html = dir.join(format!("{lang}.html"));
        let (code, md, err) = trygg(&[
            "diff",
            "--from",
            "trygg-start.6-8w@1.0.0",
            "--to",
            "trygg-start.6-8w@1.1.0",
            "--in",
            VECTOR,
            "--lang",
            lang,
            "--html",
            html.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let want = |ext: &str| {
            std::fs::read_to_string(repo().join(format!("{base}.{lang}.{ext}"))).unwrap()
        };
        assert_eq!(
            std::fs::read_to_string(&html).unwrap(),
            want("html"),
            "{lang}.html"
        );
        if lang == "sv" {
            assert_eq!(md, want("md"), "sv.md");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_report_is_in_the_clinicians_language_says_synthetic_and_marks_cutoffs() {
    let dir = std::env::temp_dir().join(format!("trygg-report-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("r.html");
    let (code, md, err) = trygg(&[
        "diff",
        "--from",
        "trygg-start.6-8w@1.0.0",
        "--to",
        "trygg-start.6-8w@1.1.0",
        "--in",
        VECTOR,
        "--lang",
        "sv",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("Alla 60 svar är syntetiska"), "{md}");
    assert!(md.contains("## Fynd"), "{md}");
    assert!(
        md.contains("Hög föräldrastress (`parental_stress`)"),
        "{md}"
    );
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(h.contains("<html lang=\"sv\">"));
    assert!(
        h.contains("id=\"synthetic-input\">Alla 60 svar är syntetiska"),
        "{h}"
    );
    assert!(h.contains("Hög föräldrastress"), "titles, not only ids");
    // The stress cut-off moved (2 → 3): one dashed line per version, in its colour.
    assert!(
        h.contains("gränsvärde 1.0.0 2") && h.contains("gränsvärde 1.1.0 3"),
        "{h}"
    );
    assert!(
        h.contains("andel svar") && h.contains(">poäng<"),
        "axis titles"
    );
    // English by default; the same input without the marker is not called synthetic.
    let plain: String = std::fs::read_to_string(repo().join(VECTOR))
        .unwrap()
        .replace(",\"synthetic\":true", "");
    let real = dir.join("real.ndjson");
    std::fs::write(&real, plain).unwrap();
    let (code, md, err) = trygg(&[
        "diff",
        "--from",
        "trygg-start.6-8w@1.0.0",
        "--to",
        "trygg-start.6-8w@1.1.0",
        "--in",
        real.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!md.contains("synthetic"), "{md}");
    assert!(
        md.contains("## Findings") && md.contains("High parental stress"),
        "{md}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
