//! Compile once, evaluate many: the `compatible.json` conformance cases (the classic
//! jsonlogic.com tests), each rule compiled once and evaluated against its data.
//!
//! Prints the mean nanoseconds per evaluation, then lets Criterion measure the same loop
//! (and compilation) with short measurement times: the machine is shared.
//! Run: `cargo bench -p trygg --bench logic`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;
use trygg::logic;

fn cases() -> Vec<(Value, Value)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/conformance/jsonlogic/suites/compatible.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); the conformance suites must sit beside the repository",
            path.display()
        )
    });
    let suite: Value = serde_json::from_str(&text).unwrap();
    suite
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            let rule = c.get("rule")?.clone();
            let data = c.get("data").cloned().unwrap_or(Value::Null);
            Some((rule, data))
        })
        .collect()
}

fn evaluate_all(compiled: &[(logic::Rule, Value)]) {
    for (rule, data) in compiled {
        let _ = black_box(rule.evaluate(black_box(data)));
    }
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    let compiled: Vec<(logic::Rule, Value)> = cases
        .iter()
        .filter_map(|(rule, data)| Some((logic::compile(rule).ok()?, data.clone())))
        .collect();
    let n = compiled.len();

    // A plain measurement first, so the number is printed whatever Criterion prints.
    let start = Instant::now();
    let mut rounds = 0u32;
    while start.elapsed() < Duration::from_millis(500) {
        evaluate_all(&compiled);
        rounds += 1;
    }
    let per_eval = start.elapsed().as_nanos() / (u128::from(rounds) * n as u128).max(1);
    println!("compatible.json: {n} rules, {per_eval} ns per evaluation (compiled once)");

    let mut group = c.benchmark_group("logic");
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .throughput(Throughput::Elements(n as u64));
    group.bench_function("evaluate compatible.json", |b| {
        b.iter(|| evaluate_all(&compiled));
    });
    group.bench_function("compile compatible.json", |b| {
        b.iter(|| {
            for (rule, _) in &cases {
                let _ = black_box(logic::compile(black_box(rule)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
