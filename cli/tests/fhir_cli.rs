//! `trygg fhir export|import|score|batch` run as a user would run them.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write;
use std::process::{Command, Stdio};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Run `trygg args…` in the repository root with `stdin`; (exit code, stdout, stderr).
fn trygg(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .current_dir(ROOT)
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

#[test]
fn export_then_import_gives_the_form_back() {
    let (code, q, _) = trygg(&["fhir", "export", "forms/phq-9/1.0.0.json"], "");
    assert_eq!(code, 0);
    let qv: serde_json::Value = serde_json::from_str(&q).unwrap();
    assert_eq!(qv["resourceType"], "Questionnaire");
    assert_eq!(
        qv["url"],
        "https://trygg.example.invalid/fhir/Questionnaire/phq-9"
    );
    let (code, form, err) = trygg(&["fhir", "import", "-"], &q);
    assert_eq!(code, 0, "{err}");
    let got: trygg::FormDef = serde_json::from_str(&form).unwrap();
    let want =
        trygg::load(&std::fs::read_to_string(format!("{ROOT}/forms/phq-9/1.0.0.json")).unwrap())
            .unwrap();
    let mut want = want.def().clone();
    want.schema = None;
    assert!(got == want, "phq-9 does not round-trip");
}

#[test]
fn epds_exports_without_wording() {
    let (code, q, _) = trygg(&["fhir", "export", "forms/epds/1.0.0.json"], "");
    assert_eq!(code, 0);
    let qv: serde_json::Value = serde_json::from_str(&q).unwrap();
    let texts: Vec<&serde_json::Value> = qv["item"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i.get("text"))
        .collect();
    // Only the scale's title (project wording) has a text; items and options carry text-pack keys.
    assert!(texts.len() <= 1, "{texts:?}");
    assert!(qv["item"][1]["answerOption"][0]["valueCoding"]
        .get("display")
        .is_none());
}

#[test]
fn score_reports_a_wrong_stored_total_and_batch_keeps_every_line() {
    let qr = "fhir/tests/fixtures/hl7-sdc-phq9-response.json";
    let q = "fhir/tests/fixtures/hl7-sdc-phq9-questionnaire.json";
    let (code, out, err) = trygg(&["fhir", "score", qr, "--questionnaire", q], "");
    assert_eq!(code, 1);
    assert!(
        err.contains("/item/0/item/9/answer/0: fhir.stored_total_differs"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["outcome"]["scales"][0]["value"], 10.0);

    let one = std::fs::read_to_string(format!("{ROOT}/{qr}"))
        .unwrap()
        .replace('\n', "");
    let mut fixed: serde_json::Value = serde_json::from_str(&one).unwrap();
    fixed["item"][0]["item"][9]["answer"][0]["valueQuantity"]["value"] = 10.into();
    let input = format!("{one}\n\nnot json\n{fixed}\n{{\"resourceType\":\"Patient\"}}\n");
    let (code, out, _) = trygg(
        &[
            "fhir",
            "batch",
            "--in",
            "-",
            "--questionnaire",
            q,
            "--workers",
            "2",
        ],
        &input,
    );
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one record per non-blank line");
    assert_eq!(lines[0]["error"]["code"], "fhir.stored_total_differs");
    assert_eq!(lines[1]["error"]["code"], "fhir.not_json");
    assert_eq!(lines[1]["error"]["line"], 3);
    assert_eq!(lines[2]["resourceType"], "Bundle");
    assert_eq!(lines[3]["error"]["code"], "fhir.wrong_resource_type");
}
