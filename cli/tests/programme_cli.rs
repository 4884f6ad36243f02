//! `trygg programme validate|test|plan|report|synth` run as a user would run them, on the
//! shipped programmes in `programmes/`.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn dir(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel)
        .to_str()
        .unwrap()
        .to_string()
}

fn trygg(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sin = child.stdin.take().unwrap();
    let input = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn record(area: &str, answer: Option<&str>, offer_date: &str) -> String {
    let mut r = json!({
        "programme": {"id": "rinkeby-model", "version": "1.0.0"},
        "assessed": "2025-01-20",
        "family": {"firstChild": true, "area": area},
        "child": {"birthDate": "2025-01-10", "ageDaysAtFirstContact": 10},
    });
    if let Some(a) = answer {
        r["offer"] = json!({"date": offer_date, "answer": a});
    }
    r.to_string()
}

#[test]
fn validate_and_test_the_shipped_programmes() {
    let (code, out, _) = trygg(&["programme", "validate", &dir("programmes")], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 valid, 0 invalid"), "{out}");
    let (code, out, _) = trygg(&["programme", "test", &dir("programmes")], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("14 passed, 0 failed"), "{out}");
    // `trygg test` runs programme examples beside form examples.
    let (code, out, _) = trygg(&["test", &dir("programmes")], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("14 passed, 0 failed\n"), "{out}");
}

#[test]
fn plan_prints_canonical_json_and_located_errors() {
    let args = [
        "programme",
        "plan",
        "--programme",
        "rinkeby-model@1.0.0",
        "--programmes",
        &dir("programmes"),
        "--forms",
        &dir("forms"),
        "--input",
        "-",
    ];
    let input = r#"{"referenceDate":"2026-04-01","family":{"firstChild":true,"area":"RK-01"},"child":{"birthDate":"2026-01-15","ageDaysAtFirstContact":9}}"#;
    let (code, out, err) = trygg(&args, input);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["eligible"], json!(true));
    assert_eq!(v["plan"][0]["form"], json!("trygg-start.6-8w"));
    assert_eq!(v["plan"][1]["id"], json!("visit-2m"));
    let (code, _, err) = trygg(&args, r#"{"family":{"area":"NOPE"}}"#);
    assert_eq!(code, 1);
    assert!(
        err.contains(":/family/area: programme.unknown_area:"),
        "{err}"
    );
    let (code, _, err) = trygg(
        &[
            "programme",
            "plan",
            "--programme",
            "rinkeby-model@7.0.0",
            "--programmes",
            &dir("programmes"),
            "--input",
            "-",
        ],
        "{}",
    );
    assert_eq!(code, 2);
    assert!(err.contains("programme.unknown_version"), "{err}");
}

#[test]
fn plan_as_a_fhir_care_plan() {
    let (programmes, forms) = (dir("programmes"), dir("forms"));
    let mut args = vec![
        "programme",
        "plan",
        "--programme",
        "rinkeby-model@1.0.0",
        "--programmes",
        &programmes,
        "--forms",
        &forms,
        "--input",
        "-",
        "--fhir",
    ];
    let input = r#"{"referenceDate":"2026-04-01","family":{"firstChild":true,"area":"RK-01"},"child":{"birthDate":"2026-01-15","ageDaysAtFirstContact":9}}"#;
    let (code, out, err) = trygg(&args, input);
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["resourceType"], json!("CarePlan"));
    assert_eq!(
        plan["activity"].as_array().unwrap().len(),
        5,
        "one per visit"
    );
    assert_eq!(
        plan["activity"][0]["detail"]["status"],
        json!("not-started")
    );
    assert_eq!(
        plan["subject"]["display"],
        json!("the child (not named in the input)")
    );
    let (_, again, _) = trygg(&args, input);
    assert_eq!(out, again, "the same input gives the same bytes");
    args.extend(["--subject", "Patient/42"]);
    let (code, out, _) = trygg(&args, input);
    assert_eq!(code, 0);
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["subject"]["reference"], json!("Patient/42"));
    // A family the programme does not offer has no plan to write.
    let not_offered = r#"{"referenceDate":"2026-04-01","family":{"firstChild":false,"firstChildInSweden":false,"area":"RK-01"},"child":{"birthDate":"2026-01-15","ageDaysAtFirstContact":9}}"#;
    let (code, _, err) = trygg(&args, not_offered);
    assert_eq!(code, 1);
    assert!(err.contains(": fhir.not_eligible: "), "{err}");
    let (code, _, err) = trygg(&args, r#"{"family":{"area":"NOPE"}}"#);
    assert_eq!(code, 1);
    assert!(
        err.contains(":/family/area: programme.unknown_area:"),
        "{err}"
    );
}

#[test]
fn report_counts_suppresses_and_lists_every_error() {
    let mut lines = Vec::new();
    // Rinkeby, 2025-Q1: 7 offered: 5 accepted, 2 declined; 1 eligible family not offered.
    for _ in 0..5 {
        lines.push(record("RK-01", Some("accepted"), "2025-02-01"));
    }
    for _ in 0..2 {
        lines.push(record("RK-01", Some("declined"), "2025-02-01"));
    }
    lines.push(record("RK-01", None, ""));
    lines.push(String::new()); // blank lines are skipped, not counted
                               // Errors: an unknown version (line 10), an unknown area (line 11).
    lines.push(record("RK-01", None, "").replace("1.0.0", "3.0.0"));
    lines.push(record("XX-01", None, ""));
    let input = lines.join("\n");
    let base = [
        "programme",
        "report",
        "--programme",
        "rinkeby-model",
        "--programmes",
        &dir("programmes"),
        "--in",
        "-",
    ];

    let (code, md, _) = trygg(&base, &input);
    assert_eq!(code, 1, "errors give exit code 1\n{md}");
    assert!(
        md.contains("10 records read: 8 counted, 2 not counted"),
        "{md}"
    );
    assert!(
        md.contains("| RK-01 Rinkeby | 2025-Q1 | 8 | 8 | 7 | 5 | <5 | <5 | 71.4 % | 25 | <5 |"),
        "{md}"
    );
    assert!(
        md.contains("| 10 | `programme.unknown_version` | `/programme/version` |"),
        "{md}"
    );
    assert!(
        md.contains("| 11 | `programme.unknown_area` | `/family/area` |"),
        "{md}"
    );

    let mut json_args = base.to_vec();
    json_args.extend(["--json", "--suppress-below", "6", "--period", "year"]);
    let (_, out, _) = trygg(&json_args, &input);
    let v: Value = serde_json::from_str(&out).unwrap();
    let row = &v["rows"][0];
    assert_eq!(row["period"], json!("2025"));
    assert_eq!(row["cells"]["offered"], json!(7));
    assert_eq!(row["cells"]["accepted"], json!("<6"));
    assert_eq!(row["cells"]["acceptanceRate"], json!("suppressed"));
    assert_eq!(
        (
            v["records"].as_u64(),
            v["counted"].as_u64(),
            v["rejected"].as_u64()
        ),
        (Some(10), Some(8), Some(2))
    );

    let mut open = base.to_vec();
    open.extend(["--json", "--suppress-below", "0"]);
    let (_, out, _) = trygg(&open, &input);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"]["cells"]["declined"], json!(2));
    assert_eq!(v["total"]["cells"]["acceptanceRate"], json!(71.4));
}

#[test]
fn synth_is_seeded_and_its_report_is_a_self_contained_page() {
    let tmp = std::env::temp_dir().join(format!("trygg-programme-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let synth = |seed: &str| {
        trygg(
            &[
                "programme",
                "synth",
                "--programme",
                "skaggetorp-model",
                "--programmes",
                &dir("programmes"),
                "--n",
                "300",
                "--seed",
                seed,
            ],
            "",
        )
        .1
    };
    let a = synth("3");
    assert_eq!(a, synth("3"), "same seed, same bytes");
    assert_ne!(a, synth("4"));
    assert_eq!(a.lines().count(), 300);
    assert!(a.lines().all(|l| l.contains("\"synthetic\":true")));
    let html = tmp.join("report.html");
    let (code, md, err) = trygg(
        &[
            "programme",
            "report",
            "--programme",
            "skaggetorp-model",
            "--programmes",
            &dir("programmes"),
            "--in",
            "-",
            "--html",
            html.to_str().unwrap(),
        ],
        &a,
    );
    assert_eq!(code, 0, "synthetic records are all valid: {err}\n{md}");
    assert!(
        md.contains("300 records read: 300 counted, 0 not counted"),
        "{md}"
    );
    assert!(md.contains("**Synthetic data**"), "{md}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg") && page.contains("Synthetic data"));
    assert!(!page.contains("<script"), "no scripts");
    let without_ns = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(
        !without_ns.contains("http://") && !without_ns.contains("https://"),
        "no external resources"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}

const VECTORS: &str = "tests/vectors/programme";
const SYNTH: &str = "skaggetorp-model.seed-3.n-120";

/// `trygg programme synth` and `trygg programme report` write the checked-in vectors byte
/// for byte (trygg-host's `EngineCore::programme_report` / `programme_synth` and the wasm
/// module's `Engine.programmeReport` / `programmeSynth` are held to the same files by
/// host/tests/authoring.rs and tests/js/node/uptake.test.mjs). `mixed.ndjson` is
/// hand-made: a byte-order mark, `\r\n` endings, blank lines and records that cannot be
/// counted.
#[test]
fn synth_and_report_write_the_programme_vectors() {
    let want = |name: &str| std::fs::read_to_string(dir(&format!("{VECTORS}/{name}"))).unwrap();
    let programmes = dir("programmes");
    let (code, out, err) = trygg(
        &[
            "programme",
            "synth",
            "--programme",
            "skaggetorp-model",
            "--programmes",
            &programmes,
            "--n",
            "120",
            "--seed",
            "3",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, want(&format!("{SYNTH}.ndjson")));

    let tmp = std::env::temp_dir().join(format!("trygg-programme-vec-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let html = tmp.join("r.html");
    let records = dir(&format!("{VECTORS}/{SYNTH}.ndjson"));
    let base = [
        "programme",
        "report",
        "--programme",
        "skaggetorp-model",
        "--programmes",
        &programmes,
    ];
    let run = |extra: &[&str]| trygg(&[&base[..], extra].concat(), "");
    let (code, md, err) = run(&["--in", &records, "--html", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(md, want(&format!("{SYNTH}.quarter.md")));
    assert_eq!(
        std::fs::read_to_string(&html).unwrap(),
        want(&format!("{SYNTH}.quarter.html"))
    );
    let (code, json, err) = run(&["--in", &records, "--json", "--period", "year"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json, want(&format!("{SYNTH}.year.json")));

    let mixed = dir(&format!("{VECTORS}/mixed.ndjson"));
    let (code, md, _) = run(&[
        "--in",
        &mixed,
        "--period",
        "year",
        "--suppress-below",
        "3",
        "--as-of",
        "2025-06-30",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "records not counted: exit code 1");
    assert_eq!(md, want("mixed.year.md"));
    assert_eq!(
        std::fs::read_to_string(&html).unwrap(),
        want("mixed.year.html")
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}
