//! Every shipped form: load it (parse + schema check + compile), compile it from a parsed
//! value, and evaluate one realistic response — the form's own example with the most
//! answers among those it expects to be complete (the first such on a tie).
//!
//! No peer here: these rows are absolute figures in the report. The chosen example of
//! each form is written to `target/bench/forms.json` so the report can name it.
//! Run: `cargo bench -p trygg --bench forms [-- <filter>]`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use trygg::examples::response_of;
use trygg::{CompiledForm, Response};

struct Form {
    name: String,
    path: String,
    text: String,
    value: Value,
    compiled: CompiledForm,
    example: String,
    response: Response,
}

fn forms() -> Vec<Form> {
    common::shipped_forms()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            let compiled = trygg::load(&text)
                .unwrap_or_else(|e| panic!("{} does not load: {e:?}", path.display()));
            let name = format!("{}@{}", compiled.id(), compiled.version());
            let examples = &compiled.def().examples;
            let complete = |i: &usize| {
                examples.get(*i).unwrap().expect.completeness.as_deref() == Some("complete")
            };
            let mut candidates: Vec<usize> = (0..examples.len()).filter(complete).collect();
            if candidates.is_empty() {
                candidates = (0..examples.len()).collect();
            }
            // Most answers first; `max_by_key` keeps the last maximum, so walk in reverse.
            let chosen = *candidates
                .iter()
                .rev()
                .max_by_key(|i| examples.get(**i).unwrap().answers.len())
                .unwrap_or_else(|| panic!("{name} has no examples"));
            let example = examples.get(chosen).unwrap();
            let rel = path
                .strip_prefix(common::repo())
                .unwrap_or(&path)
                .to_string_lossy()
                .replace("engine/../", "");
            Form {
                name,
                path: rel,
                example: example.name.clone(),
                response: response_of(example),
                text,
                value,
                compiled,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let forms = forms();
    let listing: Vec<Value> = forms
        .iter()
        .map(|f| {
            let outcome = trygg::evaluate(&f.compiled, &f.response);
            json!({
                "form": f.name,
                "path": f.path,
                "bytes": f.text.len(),
                "items": f.compiled.def().items.len(),
                "example": f.example,
                "answers": f.response.answers.len(),
                "findings": outcome.findings.len(),
                "offers": outcome.offers.len(),
            })
        })
        .collect();
    common::write_side_file("forms.json", &json!({ "forms": listing }));

    let mut group = c.benchmark_group("forms.load");
    common::short(&mut group);
    for f in &forms {
        group.bench_function(&f.name, |b| {
            b.iter(|| trygg::load(black_box(&f.text)).unwrap());
        });
    }
    group.finish();

    let mut group = c.benchmark_group("forms.compile");
    common::short(&mut group);
    for f in &forms {
        group.bench_function(&f.name, |b| {
            b.iter(|| trygg::compile(black_box(&f.value)).unwrap());
        });
    }
    group.finish();

    let mut group = c.benchmark_group("forms.evaluate");
    common::short(&mut group);
    for f in &forms {
        group.bench_function(&f.name, |b| {
            b.iter(|| trygg::evaluate(black_box(&f.compiled), black_box(&f.response)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
