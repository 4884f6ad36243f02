//! `trygg batch`, `diff`, `synth`, `forms` and `schema` run as a user would run them, on the
//! `demo` forms in `cli/tests/fixtures/forms/demo/`: 0.9.0 (retired, cut-off 1), 1.0.0
//! (active, cut-off 2) and 2.0.0 (pilot, cut-off 3 and a new optional `sleep` item).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn forms_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms")
}

fn forms_arg() -> String {
    forms_dir().to_str().unwrap().to_string()
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

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "trygg-pipeline-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo(version: &str) -> trygg::CompiledForm {
    let text = std::fs::read_to_string(forms_dir().join(format!("demo/{version}.json"))).unwrap();
    trygg::load(&text).unwrap()
}

/// What batch should write for one record line, computed here with the engine directly.
fn expected(form: &trygg::CompiledForm, line: &str) -> String {
    let mut v: Value = serde_json::from_str(line).unwrap();
    for k in ["id", "family", "synthetic", "meta"] {
        v.as_object_mut().unwrap().remove(k);
    }
    let r = trygg::parse::response_from_value(&v).unwrap();
    trygg::evaluate(form, &r).to_json()
}

#[test]
fn batch_writes_outcomes_and_located_error_records_in_order() {
    let input = [
        r#"{"id":"r1","family":"a","respondent":{"id":"parent-1"},"answers":{"mood1":"1","mood2":"1","harm":false}}"#,
        "",
        r#"{"answers": {"mood1": "#,
        r#"{"version":"3.0.0","answers":{}}"#,
        r#"[1,2]"#,
        "   ",
        r#"{"answers":{"mood1":"0","mood2":"0"},"surprise":1}"#,
        r#"{"form":"demo","version":"0.9.0","answers":{"mood1":"1","mood2":"0"}}"#,
        r#"{"version":"2.0.0","answers":{"mood1":"0","mood2":"0","sleep":true}}"#,
        r#"{"form":"other","version":"1.0.0","answers":{}}"#,
        r#"{"answers":{"mood1":"9"}}"#,
    ]
    .join("\n");
    let (code, out, err) = trygg(
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            "demo@1.0.0",
            "--in",
            "-",
        ],
        &input,
    );
    assert_eq!(code, 1, "error records make the exit code 1: {err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        9,
        "one output line per non-blank input line: {out}"
    );
    let v: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Every line is canonical JSON.
    for (l, v) in lines.iter().zip(&v) {
        assert_eq!(&trygg::to_canonical_string(v), l);
    }
    let one = &v[0];
    assert_eq!(one["form"]["version"], "1.0.0");
    assert_eq!(one["findings"][0]["id"], "low_mood");
    let err_at = |i: usize, code: &str, line: u64| {
        assert_eq!(v[i]["error"]["code"], code, "{}", lines[i]);
        assert_eq!(v[i]["error"]["line"], line, "{}", lines[i]);
        assert!(v[i]["error"]["message"].as_str().unwrap().len() > 10);
    };
    err_at(1, "response.not_json", 3);
    err_at(2, "registry.unknown_form", 4);
    assert!(lines[2].contains("3.0.0"));
    err_at(3, "response.invalid", 5);
    err_at(4, "response.invalid", 7);
    assert!(lines[4].contains("surprise"), "{}", lines[4]);
    // Re-scoring with the version the response names, even a retired one.
    assert_eq!(v[5]["form"]["version"], "0.9.0");
    assert_eq!(v[5]["findings"][0]["id"], "low_mood", "cut-off 1 in 0.9.0");
    assert_eq!(v[6]["form"]["version"], "2.0.0");
    assert_eq!(v[6]["findings"][0]["id"], "tired");
    err_at(7, "registry.unknown_form", 10);
    // A bad answer is an outcome (invalid), not an error record.
    assert_eq!(v[8]["completeness"], "invalid");
    assert_eq!(v[8]["problems"][0]["code"], "answer.not_an_option");
    assert!(err.contains("9 lines: 4 outcomes, 5 errors"), "{err}");
    assert!(err.contains("registry.unknown_form 2"), "{err}");
    assert!(err.contains("invalid 1"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "no progress bar off a terminal: {err:?}"
    );
}

#[test]
fn batch_of_an_empty_input_writes_nothing_and_succeeds() {
    for input in ["", "\n\n  \n"] {
        let (code, out, err) = trygg(
            &[
                "batch",
                "--forms",
                &forms_arg(),
                "--form",
                "demo",
                "--in",
                "-",
            ],
            input,
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, "");
        assert!(err.contains("0 lines: 0 outcomes, 0 errors"), "{err}");
    }
}

#[test]
fn batch_keeps_input_order_across_chunks_and_workers() {
    let dir = temp_dir();
    let input = dir.join("many.ndjson");
    let (code, _, err) = trygg(
        &[
            "synth",
            "--forms",
            &forms_arg(),
            "--form",
            "demo@1.0.0",
            "--form",
            "demo@2.0.0",
            "--n",
            "5000",
            "--seed",
            "11",
            "--out",
            input.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&input).unwrap();
    let form = demo("1.0.0");
    // Strip the versions so every line is scored with --form: variety of outcomes, and
    // the expected bytes come from the engine line by line.
    let stripped: String = text
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let m = v.as_object_mut().unwrap();
            m.remove("form");
            m.remove("version");
            m.get_mut("answers")
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove("sleep");
            format!("{v}\n")
        })
        .collect();
    let want: String = stripped
        .lines()
        .map(|l| expected(&form, l) + "\n")
        .collect();
    let mut outs = Vec::new();
    for workers in ["1", "2", "7"] {
        let out = dir.join(format!("out-{workers}.ndjson"));
        let (code, _, err) = trygg(
            &[
                "batch",
                "--forms",
                &forms_arg(),
                "--form",
                "demo@1.0.0",
                "--in",
                "-",
                "--out",
                out.to_str().unwrap(),
                "--workers",
                workers,
            ],
            &stripped,
        );
        assert_eq!(code, 0, "{err}");
        outs.push(std::fs::read_to_string(&out).unwrap());
    }
    assert_eq!(outs[0].lines().count(), 5000);
    for o in &outs {
        assert!(o == &want, "batch output differs from line-by-line scoring");
    }
    // The outcomes vary, so order mistakes could not hide behind identical lines.
    let distinct: std::collections::BTreeSet<&str> = want.lines().collect();
    assert!(distinct.len() > 20, "{}", distinct.len());
}

#[test]
fn batch_summary_json_stats_and_usage_errors() {
    let dir = temp_dir();
    let summary = dir.join("summary.json");
    let input = "{\"answers\":{\"mood1\":\"2\",\"mood2\":\"2\",\"harm\":true}}\n{\"answers\":{\"mood1\":\"0\"}}\n";
    let (code, out, err) = trygg(
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            forms_dir().join("demo/1.0.0.json").to_str().unwrap(),
            "--in",
            "-",
            "--out",
            "-",
            "--summary-json",
            summary.to_str().unwrap(),
            "--stats",
        ],
        input,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 2);
    assert!(err.contains("peak memory (VmHWM)"), "{err}");
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["lines"], 2);
    assert_eq!(s["completeness"]["complete"], 1);
    assert_eq!(s["completeness"]["incomplete"], 1);
    assert_eq!(s["offers"]["referral"], 1);
    assert_eq!(s["actions"]["same-day-contact"], 1);
    assert!(s["stats"]["workers"].as_u64().unwrap() >= 1);

    // Usage and I/O errors: exit code 2 with a message.
    let cases: [&[&str]; 5] = [
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            "demo@7.7.7",
            "--in",
            "-",
        ],
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            "nope.json",
            "--in",
            "-",
        ],
        &[
            "batch",
            "--forms",
            "/no/such/dir",
            "--form",
            "demo",
            "--in",
            "-",
        ],
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            "demo",
            "--in",
            "/no/such.ndjson",
        ],
        &["batch", "--form", "demo", "--in", "-", "--workers", "many"],
    ];
    for args in cases {
        let (code, _, err) = trygg(args, "");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty());
    }
    let same = dir.join("same.ndjson");
    std::fs::write(&same, "{\"answers\":{}}\n").unwrap();
    let same = same.to_str().unwrap();
    let (code, _, err) = trygg(
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--form",
            "demo",
            "--in",
            same,
            "--out",
            same,
        ],
        "",
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(same).unwrap(),
        "{\"answers\":{}}\n",
        "input kept"
    );
    let (_, _, err) = trygg(cases[0], "");
    assert!(
        err.contains("registry.unknown_form") && err.contains("demo@1.0.0"),
        "{err}"
    );

    // Without --form, a response that names no version is an error record.
    let (code, out, _) = trygg(
        &["batch", "--forms", &forms_arg(), "--in", "-"],
        "{\"answers\":{}}\n{\"form\":\"demo\",\"version\":\"1.0.0\",\"answers\":{}}\n",
    );
    assert_eq!(code, 1);
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["error"]["code"], "batch.no_form");
    let second: Value = serde_json::from_str(out.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["form"]["version"], "1.0.0");
}

#[test]
fn batch_reports_a_broken_forms_directory() {
    let dir = temp_dir().join("broken-forms");
    std::fs::create_dir_all(&dir).unwrap();
    let bad = std::fs::read_to_string(forms_dir().join("demo/1.0.0.json"))
        .unwrap()
        .replace("\"answers.harm\"", "\"answers.harmm\"");
    std::fs::write(dir.join("bad.json"), bad).unwrap();
    let (code, _, err) = trygg(
        &[
            "batch",
            "--forms",
            dir.to_str().unwrap(),
            "--form",
            "demo",
            "--in",
            "-",
        ],
        "",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("bad.json:/findings/1/when/==/0/var: logic.unknown_var"),
        "{err}"
    );
    let (code, _, err) = trygg(&["forms", dir.to_str().unwrap()], "");
    assert_eq!(code, 1);
    assert!(err.contains("logic.unknown_var"), "{err}");
}

#[test]
fn synth_is_deterministic_marked_and_scores_cleanly() {
    let args = |seed: &'static str| {
        vec![
            "synth".to_string(),
            "--forms".into(),
            forms_arg(),
            "--form".into(),
            "demo@2.0.0".into(),
            "--n".into(),
            "400".into(),
            "--seed".into(),
            seed.into(),
        ]
    };
    let run = |seed| {
        let a = args(seed);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        trygg(&a, "")
    };
    let (code, one, err) = run("42");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("400 synthetic responses"), "{err}");
    let (_, two, _) = run("42");
    assert_eq!(one, two, "same seed, same bytes");
    let (_, other, _) = run("43");
    assert_ne!(one, other, "another seed, other data");

    let lines: Vec<Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 400);
    let mut parents = std::collections::BTreeMap::<String, u32>::new();
    for l in &lines {
        assert_eq!(l["synthetic"], true);
        assert_eq!(l["form"], "demo");
        assert_eq!(l["version"], "2.0.0");
        let sex = l["respondent"]["attributes"]["sex"].as_str().unwrap();
        assert!(sex == "female" || sex == "male");
        let fam = l["family"].as_str().unwrap().to_string();
        let who = l["respondent"]["id"].as_str().unwrap();
        assert!(who == "parent-1" || who == "parent-2");
        assert_eq!(l["id"], format!("{fam}/{who}"));
        *parents.entry(fam).or_default() += 1;
        let age = l["context"]["childAgeDays"].as_u64().unwrap();
        assert!((42..=56).contains(&age));
    }
    let both = parents.values().filter(|n| **n == 2).count();
    assert!(
        both * 10 > parents.len() * 7,
        "most families have both parents"
    );

    // Scored: no invalid answers, mostly unconcerning, some concerning, a few incomplete.
    let dir = temp_dir();
    let summary = dir.join("synth-summary.json");
    let (code, _, err) = trygg(
        &[
            "batch",
            "--forms",
            &forms_arg(),
            "--in",
            "-",
            "--out",
            dir.join("o.ndjson").to_str().unwrap(),
            "--summary-json",
            summary.to_str().unwrap(),
        ],
        &one,
    );
    assert_eq!(code, 0, "{err}");
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["errors"], 0);
    assert!(s["completeness"]["invalid"].is_null(), "{s}");
    let complete = s["completeness"]["complete"].as_u64().unwrap();
    assert!(complete > 300, "{s}");
    let positive = s["severity"]["positive"].as_u64().unwrap_or(0);
    assert!(positive > 5 && positive < 200, "a realistic minority: {s}");
}

#[test]
fn synth_config_overrides_frequencies_and_errors_are_located() {
    let dir = temp_dir();
    let cfg = dir.join("cfg.json");
    std::fs::write(
        &cfg,
        r#"{ "items": { "sleep": { "true": 1.0 } }, "missing": 0, "singleParent": 1 }"#,
    )
    .unwrap();
    let (code, out, err) = trygg(
        &[
            "synth",
            "--forms",
            &forms_arg(),
            "--form",
            "demo@2.0.0",
            "--n",
            "50",
            "--seed",
            "1",
            "--config",
            cfg.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    for l in out.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["answers"]["sleep"], true, "{l}");
        assert_eq!(
            v["respondent"]["id"], "parent-1",
            "single-parent families only"
        );
    }
    for (text, pointer) in [
        (r#"{ "items": { "nope": { "true": 0.5 } } }"#, "/items/nope"),
        (
            r#"{ "items": { "sleep": { "maybe": 0.5 } } }"#,
            "/items/sleep/maybe",
        ),
        (
            r#"{ "items": { "mood1": { "declined": 0.5 } } }"#,
            "/items/mood1/declined",
        ),
        (r#"{ "missing": 2 }"#, "/missing"),
        (r#"{ "locales": { "fi": 1 } }"#, "/locales/fi"),
    ] {
        std::fs::write(&cfg, text).unwrap();
        let (code, _, err) = trygg(
            &[
                "synth",
                "--forms",
                &forms_arg(),
                "--form",
                "demo@2.0.0",
                "--n",
                "5",
                "--config",
                cfg.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(code, 1, "{text}: {err}");
        assert!(
            err.contains(&format!("cfg.json:{pointer}: synth.config")),
            "{text}: {err}"
        );
    }
    std::fs::write(&cfg, r#"{ "unknownKey": 1 }"#).unwrap();
    let (code, _, err) = trygg(
        &[
            "synth",
            "--forms",
            &forms_arg(),
            "--form",
            "demo",
            "--n",
            "5",
            "--config",
            cfg.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(err.contains("unknown field `unknownKey`"), "{err}");
}

#[test]
fn synth_negative_profile_is_a_clean_control_group() {
    let (code, out, err) = trygg(
        &[
            "synth",
            "--forms",
            &forms_arg(),
            "--form",
            "demo@1.0.0",
            "--n",
            "100",
            "--profile",
            "negative",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let (code, scored, err) = trygg(&["batch", "--forms", &forms_arg(), "--in", "-"], &out);
    assert_eq!(code, 0, "{err}");
    for l in scored.lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["completeness"], "complete", "{l}");
        assert_eq!(v["findings"], serde_json::json!([]), "{l}");
    }
}

fn diff_input() -> String {
    [
        // Changes: mood 2 reaches the cut-off in 1.0.0 (2) but not in 2.0.0 (3).
        r#"{"id":"r1","family":"a","respondent":{"id":"parent-1"},"answers":{"mood1":"1","mood2":"1","harm":false}}"#,
        // Same: mood 4 reaches both.
        r#"{"id":"r2","family":"a","respondent":{"id":"parent-2"},"answers":{"mood1":"2","mood2":"2","harm":false}}"#,
        // Same: nothing.
        r#"{"id":"r3","family":"b","respondent":{"id":"parent-1"},"answers":{"mood1":"0","mood2":"0"}}"#,
        // Changes: answers the new item; 1.0.0 drops that answer.
        r#"{"id":"r4","family":"b","respondent":{"id":"parent-2"},"answers":{"mood1":"0","mood2":"0","sleep":true}}"#,
        // Same: family c.
        r#"{"id":"r5","family":"c","respondent":{"id":"parent-1"},"answers":{"mood1":"0","mood2":"1"}}"#,
    ]
    .join("\n")
}

#[test]
fn diff_reports_changes_and_their_reasons() {
    let (code, md, err) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@2.0.0",
            "--in",
            "-",
        ],
        &diff_input(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        md.starts_with("# trygg diff: demo@1.0.0 → demo@2.0.0"),
        "{md}"
    );
    assert!(
        md.contains("**2 of 5 respondents (40.0 %) change outcome**"),
        "{md}"
    );
    assert!(md.contains("**2 of 3 families (66.7 %)**"), "{md}");
    assert!(md.contains("scale `mood`: `cutoffs`"), "{md}");
    assert!(md.contains("question `sleep` added"), "{md}");
    assert!(md.contains("| `sleep` | 2.0.0 | 1 | under 1.0.0 |"), "{md}");
    assert!(
        md.contains("| **low_mood** | 2 | 1 | 1 | 0 | 1 | 3 |"),
        "low_mood 2 → 1: {md}"
    );
    assert!(md.contains("| **tired** | 0 | 1 | 0 | 1 | 0 | 4 |"), "{md}");
    assert!(
        md.contains(
            "| **Written information: sleep (`written-info: sleep`)** | 0 | 1 | 0 | 1 | 0 | 4 |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| bvc-talk + written-info | none | 1 |"),
        "{md}"
    );
    assert!(md.contains("### 1. r1 (line 1)"), "{md}");
    assert!(
        md.contains(
            r#"under 2.0.0 it reads `{"cutoff.mood":{"cutoff":3,"reached":false,"value":2}}`"#
        ),
        "the reason names the raised cut-off: {md}"
    );
    // The reasons in words (trygg::explain): the scale value with its band and cut-off, the
    // question and answer; a rule without a title is named by its id.
    assert!(
        md.contains("under 1.0.0: mood: 2 (high); cut-off 2 reached"),
        "{md}"
    );
    assert!(
        md.contains("under 1.0.0: mood-talk — because of low_mood"),
        "{md}"
    );
    assert!(md.contains("### 2. r4 (line 4)"), "{md}");
    assert!(
        md.contains("**new** finding tired (`tired`, positive) — under 2.0.0: Sleeping badly? — answer: Yes"),
        "{md}"
    );

    let (code, json, _) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@2.0.0",
            "--in",
            "-",
            "--json",
            "--examples",
            "1",
        ],
        &diff_input(),
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["changedResponses"], 2);
    assert_eq!(v["changedFamilies"], 2);
    assert_eq!(v["families"], 3);
    assert_eq!(v["examples"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["definition"]["items"]["added"],
        serde_json::json!(["sleep"])
    );
    let mood = v["scales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "mood")
        .unwrap();
    assert_eq!(mood["moved"], true, "positive rate 2/5 → 1/5");
    assert_eq!(mood["from"]["positiveRate"], 0.4);
    assert_eq!(mood["to"]["positiveRate"], 0.2);
    assert_eq!(mood["from"]["median"], 1.0);
}

#[test]
fn diff_html_is_self_contained() {
    let dir = temp_dir();
    let html = dir.join("report.html");
    let (code, _, err) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@2.0.0",
            "--in",
            "-",
            "--html",
            html.to_str().unwrap(),
        ],
        &diff_input(),
    );
    assert_eq!(code, 0, "{err}");
    let h = std::fs::read_to_string(&html).unwrap();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(
        h.contains("<style>") && h.contains("<svg"),
        "inline CSS and SVG"
    );
    assert!(h.contains("2 of 5 respondents (40.0 %)"));
    for banned in [
        "<script", "http:", "https:", "<link", "<img", "@import", "url(",
    ] {
        assert!(!h.contains(banned), "{banned} in the HTML report");
    }
}

#[test]
fn diff_with_bad_lines_empty_input_and_unknown_versions() {
    let input = format!("{}\n{{not json\n", diff_input());
    let (code, md, _) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@2.0.0",
            "--in",
            "-",
        ],
        &input,
    );
    assert_eq!(code, 1);
    assert!(md.contains("**1 lines with errors**"), "{md}");
    assert!(md.contains("- line 6: `response.not_json`"), "{md}");

    let (code, md, err) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@2.0.0",
            "--in",
            "-",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains("**0 of 0 respondents (—) change outcome**"),
        "{md}"
    );

    let (code, _, err) = trygg(
        &[
            "diff",
            "--forms",
            &forms_arg(),
            "--from",
            "demo@1.0.0",
            "--to",
            "demo@9.0.0",
            "--in",
            "-",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("demo@9.0.0"), "{err}");
}

#[test]
fn forms_lists_the_registry_and_schema_prints_the_schema() {
    let (code, out, err) = trygg(&["forms", &forms_arg()], "");
    assert_eq!(code, 0, "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert!(rows[0].starts_with("id    version  status   hash"), "{out}");
    assert!(
        rows[1].starts_with("demo  0.9.0    retired  sha256:"),
        "{out}"
    );
    assert!(
        rows[3].contains("pilot") && rows[3].contains("42–56 days"),
        "{out}"
    );
    assert!(out.contains("3 form versions"), "{out}");

    let (code, out, _) = trygg(&["forms", &forms_arg(), "--json"], "");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[1]["id"], "demo");
    assert_eq!(v[1]["version"], "1.0.0");
    assert_eq!(v[1]["status"], "active");
    assert_eq!(v[1]["hash"], demo("1.0.0").hash());
    assert_eq!(v[1]["checkup"], serde_json::json!([42, 56]));

    let (code, _, err) = trygg(&["forms", "/no/such/dir"], "");
    assert_eq!(code, 2, "{err}");

    let (code, out, _) = trygg(&["schema"], "");
    assert_eq!(code, 0);
    assert_eq!(out.trim_end(), trygg::schema::FORM_SCHEMA.trim_end());
    let _: Value = serde_json::from_str(&out).unwrap();
}

#[test]
fn help_documents_exit_codes_and_subcommands() {
    let (code, out, _) = trygg(&["--help"], "");
    assert_eq!(code, 0);
    for s in [
        "batch",
        "diff",
        "synth",
        "forms",
        "schema",
        "Exit codes",
        "0  success",
        "1  the input has errors",
        "2  usage or I/O error",
    ] {
        assert!(out.contains(s), "{s}: {out}");
    }
}

/// The shipped forms, end to end: `synth` → `batch` for every form version in `forms/`
/// (valid synthetic answers: no error records, no invalid outcomes), and `diff` of the
/// 6–8 weeks form against its pilot.
#[test]
fn shipped_forms_synth_batch_and_diff_end_to_end() {
    let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms");
    let forms = forms.to_str().unwrap();
    let (code, listing, err) = trygg(&["forms", forms, "--json"], "");
    assert_eq!(code, 0, "{err}");
    let entries: Vec<Value> = serde_json::from_str(&listing).unwrap();
    assert!(!entries.is_empty());
    for e in &entries {
        let spec = format!(
            "{}@{}",
            e["id"].as_str().unwrap(),
            e["version"].as_str().unwrap()
        );
        let (code, lines, err) = trygg(
            &[
                "synth", "--forms", forms, "--form", &spec, "--n", "200", "--seed", "3",
            ],
            "",
        );
        assert_eq!(code, 0, "{spec}: {err}");
        let (code, _, err) = trygg(
            &["batch", "--forms", forms, "--in", "-", "--out", "/dev/null"],
            &lines,
        );
        assert_eq!(code, 0, "{spec}: {err}");
        assert!(
            err.contains("200 lines: 200 outcomes, 0 errors"),
            "{spec}: {err}"
        );
        assert!(
            !err.contains("invalid"),
            "{spec}: synthetic answers must be valid: {err}"
        );
    }
    let (from, to) = ("trygg-start.6-8w@1.0.0", "trygg-start.6-8w@1.1.0");
    let (code, pilot, err) = trygg(
        &[
            "synth", "--forms", forms, "--form", from, "--form", to, "--n", "400",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let (code, md, err) = trygg(
        &[
            "diff", "--forms", forms, "--from", from, "--to", to, "--in", "-",
        ],
        &pilot,
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        md.starts_with(&format!("# trygg diff: {from} → {to}")),
        "{md}"
    );
    assert!(
        md.contains("respondents") && md.contains("## Scales"),
        "{md}"
    );
    assert!(
        !md.contains("answered by no response"),
        "synth over both versions answers every item: {md}"
    );
}
