//! Hostile and careless input to the binary: bounded reads, duplicate keys, closed stdout,
//! canonical numbers, symlink loops, escaped report ids, the evaluation budget.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../engine/tests/fixtures")
        .join(name)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trygg-hygiene-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run `trygg args…` with `stdin` written from a thread; (exit code, stdout, stderr).
fn trygg(args: &[&str], stdin: Vec<u8>) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The command may stop reading early (a bounded reader): ignore a broken pipe here.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn score_reads_through_a_bounded_reader() {
    let form = fixture("mini.json");
    let form = form.to_str().unwrap();
    // /dev/zero is refused after the limit, not read until memory runs out.
    let (code, _, err) = trygg(&["score", "--form", form, "--answers", "/dev/zero"], vec![]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("response.too_large"), "{err}");
    // 100 MB on stdin: the same code as WASM.
    let big = vec![b' '; 100 << 20];
    let (code, _, err) = trygg(&["score", "--form", form, "--answers", "-"], big);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("response.too_large"), "{err}");
    // A single response over the one-response limit, though under the family limit.
    let one = format!("{{\"answers\":{{\"mood1\":\"{}\"}}}}", "x".repeat(2 << 20));
    let (code, _, err) = trygg(
        &["score", "--form", form, "--answers", "-"],
        one.into_bytes(),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("response.too_large"), "{err}");
    assert!(err.len() < 400, "{err}");
}

#[test]
fn duplicate_answers_bom_and_bad_utf8_are_located() {
    let form = fixture("mini.json");
    let form = form.to_str().unwrap();
    let dup = br#"{"answers": {"mood1": "2", "mood1": "0"}}"#.to_vec();
    let (code, _, err) = trygg(&["score", "--form", form, "--answers", "-"], dup);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("/answers/mood1: response.duplicate_key"),
        "{err}"
    );
    let (code, _, err) = trygg(
        &["score", "--form", form, "--answers", "-"],
        b"\xEF\xBB\xBF{}".to_vec(),
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("response.bom"), "{err}");
    let (code, _, err) = trygg(
        &["score", "--form", form, "--answers", "-"],
        b"{\"a\":\"\xff\"}".to_vec(),
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("response.not_utf8") && err.contains("offset 6"),
        "{err}"
    );
    // A form with a duplicate key.
    let dir = temp_dir("dupform");
    let text = std::fs::read_to_string(fixture("mini.json")).unwrap();
    let text = text.replacen("\"id\": \"mini\",", "\"id\": \"mini\", \"id\": \"x\",", 1);
    std::fs::write(dir.join("dup.json"), text).unwrap();
    let (code, out, _) = trygg(
        &["validate", dir.join("dup.json").to_str().unwrap()],
        vec![],
    );
    assert_eq!(code, Some(1));
    assert!(out.contains(":/id: form.duplicate_key"), "{out}");
    // Batch lines too.
    let (_, out, _) = trygg(
        &["batch", "--form", form, "--in", "-"],
        b"{\"answers\": {\"mood1\": \"2\", \"mood1\": \"0\"}}\n".to_vec(),
    );
    assert!(out.contains("response.duplicate_key"), "{out}");
}

#[test]
fn validate_reads_dev_zero_bounded_and_follows_no_symlink_loop() {
    let (code, out, err) = trygg(&["validate", "/dev/zero"], vec![]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.contains("form.too_large"), "{out}");
    let dir = temp_dir("loop");
    std::fs::copy(fixture("mini.json"), dir.join("mini.json")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("more")).unwrap();
    let (code, out, err) = trygg(&["validate", "--json", dir.to_str().unwrap()], vec![]);
    assert_eq!(code, Some(0), "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = report
        .as_array()
        .or_else(|| report.get("files").and_then(|f| f.as_array()))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(files.len(), 1, "{out}");
}

#[test]
fn logic_prints_canonical_numbers_and_bounds_lines_and_budget() {
    let input = concat!(
        "{\"rule\": {\"*\": [-1, 0]}}\n",
        "{\"rule\": {\"+\": [9007199254740991, 1]}}\n",
        "{\"rule\": {\"var\": \"x\"}, \"data\": {\"x\": -0.0}}\n",
        "{\"rule\": {\"reduce\": [[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0], {\"merge\": [{\"var\": \"accumulator\"}, {\"var\": \"accumulator\"}]}, [0]]}}\n",
    );
    let mut bytes = input.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(b' ', 3 << 20));
    bytes.extend(b"{\"rule\": 1}\n{\"rule\": 2}\n");
    let (code, out, err) = trygg(&["logic"], bytes);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], r#"{"result":0}"#);
    assert_eq!(lines[1], r#"{"result":9007199254740992}"#);
    assert_eq!(lines[2], r#"{"result":0}"#);
    assert_eq!(
        lines[3],
        r#"{"error":{"limit":"array_length","max":100000,"type":"Budget Exceeded"}}"#
    );
    assert!(
        lines[4].contains("Invalid Input") && lines[4].contains("longer than"),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5], r#"{"result":2}"#);
    assert_eq!(lines.len(), 6);
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let form = fixture("mini.json");
    let form = form.to_str().unwrap();
    for args in [
        vec!["schema"],
        vec!["forms", "../forms"],
        vec!["validate", form],
        vec!["logic"],
        vec!["synth", "--form", form, "--n", "2000", "--seed", "1"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trygg"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close our end of stdout before the command writes.
        drop(child.stdout.take());
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(&b"{\"rule\": 1}\n".repeat(100_000));
        }
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
        let sigpipe = std::os::unix::process::ExitStatusExt::signal(&status) == Some(13);
        assert!(status.success() || sigpipe, "{args:?}: {status:?} {err}");
    }
}

#[test]
fn a_form_whose_condition_runs_out_of_budget_is_scored_not_aborted() {
    let dir = temp_dir("budget");
    let mut form: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("mini.json")).unwrap()).unwrap();
    // A 10,000-element literal, each step wrapping the accumulator once more: this used to
    // overflow the native stack in batch and diff (exit 134).
    form["findings"][1]["when"] =
        serde_json::json!({"!": {"reduce": [vec![0; 10_000], [{"var": "accumulator"}], null]}});
    let path = dir.join("deep.json");
    std::fs::write(&path, form.to_string()).unwrap();
    let path = path.to_str().unwrap();
    let (code, out, err) = trygg(&["validate", path], vec![]);
    assert_eq!(code, Some(0), "{out}{err}");
    let response = br#"{"answers": {"mood1": "0", "mood2": "0"}}"#.to_vec();
    let (code, out, err) = trygg(
        &["score", "--form", path, "--answers", "-"],
        response.clone(),
    );
    assert!(code == Some(0) || code == Some(1), "{code:?} {err}");
    assert!(
        out.contains("logic.budget_exceeded") && out.contains("value_depth"),
        "{out}"
    );
    let mut lines = response;
    lines.push(b'\n');
    let (code, out, err) = trygg(&["batch", "--form", path, "--in", "-"], lines);
    assert!(code == Some(0) || code == Some(1), "{code:?} {err}");
    assert!(out.contains("logic.budget_exceeded"), "{out}");
}
