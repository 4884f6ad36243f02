//! `trygg validate`, `trygg test` and `trygg score` run as a user would run them.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../engine/tests/fixtures")
        .join(name)
}

/// Run `trygg args…` with `stdin`; (exit code, stdout, stderr).
fn trygg(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `trygg score --form FORM --answers - --format text --locale en` with `stdin`.
fn score_text_en(form: &std::path::Path, stdin: &str) -> (i32, String, String) {
    let form = form.to_str().unwrap();
    let args = [
        "score",
        "--form",
        form,
        "--answers",
        "-",
        "--format",
        "text",
    ];
    trygg(&[&args[..], &["--locale", "en"]].concat(), stdin)
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trygg-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn validate_accepts_good_forms_and_locates_errors() {
    let mini = fixture("mini.json");
    let (code, out, _) = trygg(&["validate", mini.to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 forms checked, 0 with errors"), "{out}");

    let bad = std::fs::read_to_string(&mini)
        .unwrap()
        .replace("\"answers.harm\"", "\"answers.harmm\"");
    let bad = temp_file("bad.json", &bad);
    let (code, out, _) = trygg(&["validate", bad.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(
        out.contains("/findings/1/when/==/0/var: logic.unknown_var"),
        "{out}"
    );
    let (code, out, _) = trygg(&["validate", "--json", bad.to_str().unwrap()], "");
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report[0]["errors"][0]["code"], "logic.unknown_var");
    // The location field has one name in every output: `path`.
    assert_eq!(report[0]["errors"][0]["path"], "/findings/1/when/==/0/var");
    assert!(report[0]["errors"][0].get("pointer").is_none());

    let (code, _, err) = trygg(&["validate", "/no/such/file.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn test_runs_examples_and_closes_with_counts() {
    let (code, out, _) = trygg(&["test", fixture("mini.json").to_str().unwrap()], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.lines().any(|l| l == "2 passed, 0 failed"), "{out}");

    let failing = std::fs::read_to_string(fixture("mini.json"))
        .unwrap()
        .replace("\"scales\": { \"mood\": 3 }", "\"scales\": { \"mood\": 2 }");
    let failing = temp_file("failing.json", &failing);
    let (code, out, _) = trygg(&["test", failing.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(out.contains("FAIL #1 low mood with self-harm"), "{out}");
    assert!(out.contains("scale mood: expected 2, got 3"), "{out}");
    assert!(out.lines().any(|l| l == "1 passed, 1 failed"), "{out}");
}

#[test]
fn score_prints_canonical_outcome_and_text() {
    let form = fixture("mini.json");
    let answers = r#"{ "respondent": { "id": "parent-1" }, "answers": { "mood1": "2", "mood2": "1", "harm": true } }"#;
    let (code, out, err) = trygg(
        &["score", "--form", form.to_str().unwrap(), "--answers", "-"],
        answers,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(trygg::to_canonical_string(&v), out.trim());
    assert_eq!(v["actions"][0]["action"], "same-day-contact");

    let (code, out, _) = score_text_en(&form, answers);
    assert_eq!(code, 0);
    // The explanation (trygg::explain): urgent first, by word and sign; a finding and a
    // rule without a title are named by their id.
    let urgent = out.find("⚠ URGENT: Same-day contact").unwrap_or(usize::MAX);
    assert!(urgent < out.find("Findings:").unwrap_or(0), "{out}");
    assert!(out.contains("⚠ URGENT: self_harm"), "{out}");
    assert!(out.contains("Reason: harm-now"), "{out}");
    assert!(out.contains("completeness: complete"), "{out}");
    // Without --locale: the form's first locale (sv).
    let (_, out, _) = trygg(
        &[
            "score",
            "--form",
            form.to_str().unwrap(),
            "--answers",
            "-",
            "--format",
            "text",
        ],
        answers,
    );
    assert!(out.contains("⚠ BRÅDSKANDE: Kontakt samma dag"), "{out}");
}

#[test]
fn score_a_family_and_bad_responses() {
    let form = fixture("mini.json");
    let family = r#"[ { "respondent": { "id": "parent-1" }, "answers": { "mood1": "0", "mood2": "0" } },
                      { "respondent": { "id": "parent-2" }, "answers": { "mood1": "2", "mood2": "2", "harm": false } } ]"#;
    let (code, out, err) = trygg(
        &["score", "--form", form.to_str().unwrap(), "--answers", "-"],
        family,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        v["offers"][0]["respondents"],
        serde_json::json!(["parent-2"])
    );
    // The clinician's text (trygg::explain::family_text): urgent first, each respondent,
    // then the family's offers with their respondents, in the engine's words.
    let urgent_family = family.replace("\"harm\": false", "\"harm\": true");
    let (code, out, err) = score_text_en(&form, &urgent_family);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("⚠ URGENT for: parent-2\n"), "{out}");
    assert!(
        out.contains("  ⚠ URGENT: Same-day contact — parent-2\n"),
        "{out}"
    );
    let offers = out.find("Family offers:\n").unwrap();
    assert!(out.find("parent-1").unwrap() < offers, "{out}");

    let (code, _, err) = trygg(
        &["score", "--form", form.to_str().unwrap(), "--answers", "-"],
        "{\"answers\": {}, \"extra\": 1}",
    );
    assert_eq!(code, 1);
    assert!(err.contains("response.invalid"), "{err}");
    let (code, _, err) = trygg(
        &["score", "--form", form.to_str().unwrap(), "--answers", "-"],
        "{\"answers\": ",
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("response.not_json") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn score_takes_a_form_reference_like_the_other_commands() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("forms");
    let file = dir.join("phq-9/1.0.0.json");
    let answers = r#"{ "answers": { "phq9_1": "2", "phq9_2": "3" } }"#;
    let (code, by_file, err) = trygg(
        &["score", "--form", file.to_str().unwrap(), "--answers", "-"],
        answers,
    );
    assert_eq!(code, 0, "{err}");
    let dir = dir.to_str().unwrap();
    let by_ref = |spec: &str| {
        trygg(
            &["score", "--form", spec, "--forms", dir, "--answers", "-"],
            answers,
        )
    };
    for spec in ["phq-9@1.0.0", "phq-9"] {
        let (code, out, err) = by_ref(spec);
        assert_eq!(code, 0, "{spec}: {err}");
        assert_eq!(out, by_file, "{spec}");
    }
    let (code, _, err) = by_ref("phq-9@9.9.9");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--form phq-9@9.9.9"), "{err}");
}
