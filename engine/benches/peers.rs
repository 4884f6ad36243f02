//! Trygg against datalogic-rs (the peer a Rust vendor would otherwise pick), on the same
//! work in the same run.
//!
//! 1. `conformance`: every JsonLogic conformance suite (`../shared/conformance/jsonlogic`,
//!    read at run time, never copied), each rule compiled once and evaluated against its
//!    data, by both engines — only on the cases where both give the same answer (the same
//!    value, or both fail). Each engine gets its data in its own pre-parsed form
//!    (`serde_json::Value` for Trygg, `ParsedData` for datalogic-rs) and uses its own
//!    hot-loop API (datalogic-rs: a `Session`, reset after every evaluation, borrowed
//!    results). The per-suite case counts and the reasons for every exclusion go to
//!    `target/bench/conformance.json`.
//! 2. `conformance.compile`: compiling every included rule, both engines.
//!
//! These are micro-benchmarks with no target. The whole-form contest (the vendor's whole
//! job, a pre-built object) is in `benches/versus.rs`, interleaved in one process.
//!
//! Run: `cargo bench -p trygg --bench peers [-- <filter>]`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use datalogic_rs::{Engine, Logic, ParsedData};
use serde_json::{json, Value};
use trygg::logic;

// ---------------------------------------------------------------------------------------
// 1–2. Conformance suites
// ---------------------------------------------------------------------------------------

struct Case {
    rule: Value,
    data: Value,
    ours: logic::Rule,
    theirs: Logic,
    parsed: ParsedData,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

/// Load every suite listed in `index.json`; keep the cases both engines answer alike.
fn suites(engine: &Engine) -> (Vec<Suite>, Value) {
    let dir = common::suites_dir();
    let index = common::read_json(&dir.join("index.json"));
    let mut suites = Vec::new();
    let mut report = Vec::new();
    let mut reasons_total: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut total, mut kept_total) = (0usize, 0usize);
    for file in index.as_array().unwrap() {
        let file = file.as_str().unwrap();
        let name = file.trim_end_matches(".json").to_string();
        let suite = common::read_json(&dir.join(file));
        let mut cases = Vec::new();
        let mut excluded: Vec<Value> = Vec::new();
        let (mut n, mut errors_kept, mut agree_with_suite) = (0usize, 0usize, 0usize);
        for (i, case) in suite.as_array().unwrap().iter().enumerate() {
            let Some(rule) = case.get("rule") else {
                continue; // a section heading
            };
            n += 1;
            let data = case.get("data").cloned().unwrap_or(Value::Null);
            let description = case.get("description").cloned().unwrap_or(Value::Null);
            let mut exclude = |reason: &'static str, detail: String| {
                *reasons_total.entry(reason).or_default() += 1;
                excluded.push(json!({
                    "index": i, "description": description, "reason": reason, "detail": detail
                }));
            };
            let ours = match logic::compile(rule) {
                Ok(r) => r,
                Err(e) => {
                    exclude("trygg refuses the rule at compile time", e.code.to_string());
                    continue;
                }
            };
            let theirs = match engine.compile(rule) {
                Ok(r) => r,
                Err(e) => {
                    exclude(
                        "datalogic-rs refuses the rule at compile time",
                        e.to_string(),
                    );
                    continue;
                }
            };
            let parsed = ParsedData::from_json(&data.to_string()).unwrap();
            let our_result = ours.evaluate(&data);
            let mut session = engine.session();
            let their_result: Result<Value, _> = session.eval_into(&theirs, &parsed);
            let expected_error = case.get("error").is_some();
            match (&our_result, &their_result) {
                (Ok(a), Ok(b)) if common::same_json(a, b) => {
                    if !expected_error
                        && case.get("result").is_some_and(|r| common::same_json(r, a))
                    {
                        agree_with_suite += 1;
                    }
                }
                (Err(_), Err(_)) => {
                    errors_kept += 1;
                    if expected_error {
                        agree_with_suite += 1;
                    }
                }
                (Ok(a), Ok(b)) => {
                    exclude("different results", format!("trygg {a}, datalogic-rs {b}"));
                    continue;
                }
                (Ok(a), Err(e)) => {
                    exclude(
                        "datalogic-rs fails where trygg answers",
                        format!("trygg {a}, datalogic-rs error {e}"),
                    );
                    continue;
                }
                (Err(e), Ok(b)) => {
                    exclude(
                        "trygg fails where datalogic-rs answers",
                        format!("trygg error {}, datalogic-rs {b}", e.error_type()),
                    );
                    continue;
                }
            }
            cases.push(Case {
                rule: rule.clone(),
                data,
                ours,
                theirs,
                parsed,
            });
        }
        total += n;
        kept_total += cases.len();
        report.push(json!({
            "suite": name,
            "cases": n,
            "included": cases.len(),
            "included_both_fail": errors_kept,
            "included_matching_suite": agree_with_suite,
            "excluded": excluded,
        }));
        suites.push(Suite { name, cases });
    }
    let summary = json!({
        "peer": "datalogic-rs",
        "cases": total,
        "included": kept_total,
        "excluded_by_reason": reasons_total,
        "suites": report,
    });
    (suites, summary)
}

/// Whether a rule reads its data (`var`, `val`, `missing`, `missing_some`, `exists`);
/// the others are constant, which datalogic-rs folds to a value when it compiles them.
fn reads_data(rule: &Value) -> bool {
    match rule {
        Value::Object(map) => map.iter().any(|(k, v)| {
            matches!(
                k.as_str(),
                "var" | "val" | "missing" | "missing_some" | "exists"
            ) || reads_data(v)
        }),
        Value::Array(items) => items.iter().any(reads_data),
        _ => false,
    }
}

fn ours_all<'c>(cases: impl IntoIterator<Item = &'c Case>) {
    for c in cases {
        let _ = black_box(c.ours.evaluate(black_box(&c.data)));
    }
}

fn theirs_all<'c>(
    session: &mut datalogic_rs::Session<'_>,
    cases: impl IntoIterator<Item = &'c Case>,
) {
    for c in cases {
        {
            let r = session.eval_borrowed(&c.theirs, &c.parsed);
            let _ = black_box(r);
        }
        session.reset();
    }
}

fn bench_conformance(c: &mut Criterion) {
    let engine = Engine::new();
    let (suites, mut summary) = suites(&engine);
    let n_reading = suites
        .iter()
        .flat_map(|s| &s.cases)
        .filter(|c| reads_data(&c.rule))
        .count();
    summary["included_reading_data"] = json!(n_reading);
    common::write_side_file("conformance.json", &summary);
    println!(
        "conformance: {} of {} cases answered alike by both engines (the rest excluded; see \
         target/bench/conformance.json)",
        summary["included"], summary["cases"]
    );

    let mut group = c.benchmark_group("conformance");
    common::short(&mut group);
    let mut session = engine.session();
    for suite in suites.iter().filter(|s| !s.cases.is_empty()) {
        group.throughput(Throughput::Elements(suite.cases.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("trygg", &suite.name),
            &suite.cases,
            |b, cases| b.iter(|| ours_all(cases)),
        );
        group.bench_with_input(
            BenchmarkId::new("datalogic-rs", &suite.name),
            &suite.cases,
            |b, cases| b.iter(|| theirs_all(&mut session, cases)),
        );
    }
    group.finish();

    let all: Vec<&Case> = suites.iter().flat_map(|s| &s.cases).collect();
    // All included cases at once, split into rules that read their data and constant
    // rules (which datalogic-rs evaluates at compile time).
    let (reading, constant): (Vec<&Case>, Vec<&Case>) =
        all.iter().partition(|c| reads_data(&c.rule));
    let mut group = c.benchmark_group("conformance.split");
    common::short(&mut group);
    for (name, cases) in [("reads-data", &reading), ("constant", &constant)] {
        group.throughput(Throughput::Elements(cases.len() as u64));
        group.bench_with_input(BenchmarkId::new("trygg", name), cases, |b, cases| {
            b.iter(|| ours_all(cases.iter().copied()))
        });
        group.bench_with_input(BenchmarkId::new("datalogic-rs", name), cases, |b, cases| {
            b.iter(|| theirs_all(&mut session, cases.iter().copied()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("conformance.compile");
    common::short(&mut group);
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("trygg/all", |b| {
        b.iter(|| {
            for case in &all {
                let _ = black_box(logic::compile(black_box(&case.rule)));
            }
        });
    });
    group.bench_function("datalogic-rs/all", |b| {
        b.iter(|| {
            for case in &all {
                let _ = black_box(engine.compile(black_box(&case.rule)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench_conformance);
criterion_main!(benches);
