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
//! 3. `whole-form`: `trygg::evaluate` on the 6–8 weeks form over all its example responses,
//!    against the same finding and rule conditions evaluated one by one through
//!    datalogic-rs over the data object a vendor would build by hand (`answers`, `scores`,
//!    `declined`, `scales`, `bands`, `cutoff`, `respondent`, `context`, then `findings`).
//!    The set-up checks, for every example, that the peer makes the same findings, fires
//!    the same rules and makes the same offers and actions in the same order as Trygg, and
//!    panics if not.
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
use datalogic_rs::bumpalo::Bump;
use datalogic_rs::{DataValue, Engine, EvalInput, Logic, ParsedData};
use serde_json::{json, Map, Value};
use trygg::examples::response_of;
use trygg::{logic, Outcome, Response};

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

// ---------------------------------------------------------------------------------------
// 3. Whole-form evaluation: the 6–8 weeks form
// ---------------------------------------------------------------------------------------

const WHOLE_FORM: &str = "forms/trygg-start/6-8w/1.0.0.json";

/// The form's conditions as a vendor would hold them: compiled once by datalogic-rs, read
/// from the form JSON itself (not from Trygg's model).
struct PeerForm {
    /// Finding ids and their `when`, in file order.
    findings: Vec<(String, Logic)>,
    /// Rules in firing order (priority, higher first; then file order): id, `when`,
    /// offers and actions as indices into the tables below.
    rules: Vec<PeerRule>,
    offers: Vec<Value>,
    actions: Vec<String>,
}

struct PeerRule {
    id: String,
    when: Logic,
    offers: Vec<usize>,
    actions: Vec<usize>,
}

/// What the peer decides for one response: which findings, which rules fired, and the
/// merged offers and actions (first occurrence fixes the order).
#[derive(Debug, Default)]
struct PeerOutcome {
    findings: Vec<bool>,
    fired: Vec<usize>,
    offers: Vec<usize>,
    actions: Vec<usize>,
}

fn intern<T: PartialEq + Clone>(table: &mut Vec<T>, x: &T) -> usize {
    match table.iter().position(|y| y == x) {
        Some(i) => i,
        None => {
            table.push(x.clone());
            table.len() - 1
        }
    }
}

fn peer_form(engine: &Engine, form: &Value) -> PeerForm {
    let findings: Vec<(String, Logic)> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let when = &f["when"];
            // The peer evaluates every finding against the same data; a finding that
            // read another finding would need them in dependency order.
            assert!(
                !when.to_string().contains("\"findings."),
                "peer code assumes no finding reads another finding: {when}"
            );
            (
                f["id"].as_str().unwrap().to_string(),
                engine.compile(when).unwrap(),
            )
        })
        .collect();
    let mut offers = Vec::new();
    let mut actions = Vec::new();
    let mut rules: Vec<(i64, usize, PeerRule)> = form["rules"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let list = |key: &str| r.get(key).and_then(Value::as_array).cloned();
            let rule = PeerRule {
                id: r["id"].as_str().unwrap().to_string(),
                when: engine.compile(&r["when"]).unwrap(),
                offers: list("offers")
                    .unwrap_or_default()
                    .iter()
                    .map(|o| intern(&mut offers, o))
                    .collect(),
                actions: list("actions")
                    .unwrap_or_default()
                    .iter()
                    .map(|a| intern(&mut actions, &a.as_str().unwrap().to_string()))
                    .collect(),
            };
            (
                r.get("priority").and_then(Value::as_i64).unwrap_or(0),
                i,
                rule,
            )
        })
        .collect();
    rules.sort_by_key(|(priority, i, _)| (std::cmp::Reverse(*priority), *i));
    PeerForm {
        findings,
        rules: rules.into_iter().map(|(_, _, r)| r).collect(),
        offers,
        actions,
    }
}

/// A JSON number the way Trygg writes scale values (integral values as integers).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 {
        Value::from(x as i64)
    } else {
        json!(x)
    }
}

/// The data object a vendor builds by hand from a response: effective answers (hidden
/// items' answers dropped), option scores, declined flags, scale values, bands and cut-off
/// results, respondent attributes and context. The scale arithmetic and visibility are the
/// vendor's own code, not JsonLogic; here they are taken from Trygg's outcome, and the
/// equality of findings and fired rules checked later confirms the object is equivalent.
/// Not timed: the peer is measured on the rule evaluation alone.
fn vendor_data(form: &Value, response: &Response, outcome: &Outcome) -> Value {
    let hidden: Vec<&str> = outcome.ignored.iter().map(|x| x.item.as_str()).collect();
    let (mut answers, mut scores, mut declined) = (Map::new(), Map::new(), Map::new());
    for item in form["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let kind = item["type"].as_str().unwrap();
        if kind == "display" {
            continue;
        }
        let given = response
            .answers
            .get(id)
            .filter(|_| !hidden.contains(&id))
            .cloned()
            .unwrap_or(Value::Null);
        let was_declined = given.get("declined") == Some(&Value::Bool(true));
        let answer = if was_declined { Value::Null } else { given };
        let score = match (kind, &answer) {
            (_, Value::Null) => Value::Null,
            ("boolean", Value::Bool(true)) => item.get("scoreTrue").cloned().unwrap_or(json!(1)),
            ("boolean", Value::Bool(false)) => item.get("scoreFalse").cloned().unwrap_or(json!(0)),
            ("choice", v) => item["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| &o["value"] == v)
                .and_then(|o| o.get("score").cloned())
                .unwrap_or(Value::Null),
            _ => panic!("peer code handles boolean and choice items only; `{id}` is {kind}"),
        };
        if item.get("declinable") == Some(&Value::Bool(true)) {
            declined.insert(id.into(), Value::Bool(was_declined));
        }
        answers.insert(id.into(), answer);
        scores.insert(id.into(), score);
    }
    let (mut scales, mut bands, mut cutoff) = (Map::new(), Map::new(), Map::new());
    for s in &outcome.scales {
        scales.insert(s.id.clone(), s.value.map_or(Value::Null, number));
        bands.insert(
            s.id.clone(),
            s.band.clone().map_or(Value::Null, Value::String),
        );
        cutoff.insert(
            s.id.clone(),
            s.cutoff
                .as_ref()
                .and_then(|c| c.reached)
                .map_or(Value::Null, Value::Bool),
        );
    }
    let respondent: Map<String, Value> = response
        .respondent
        .attributes
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let mut context = response.context.clone();
    context.insert("locale".into(), Value::String(outcome.locale.clone()));
    if let Some(p) = &outcome.profile {
        context.insert("profile".into(), Value::String(p.clone()));
    }
    json!({
        "answers": answers, "scores": scores, "declined": declined,
        "scales": scales, "bands": bands, "cutoff": cutoff,
        "respondent": respondent, "context": context,
    })
}

/// The peer's evaluation of one response: every finding's `when` against the data, then a
/// `findings` object added beside the rest, then every rule's `when` in firing order,
/// merging offers and actions.
fn peer_evaluate<'a>(
    engine: &Engine,
    form: &'a PeerForm,
    base: &'a DataValue<'a>,
    arena: &'a Bump,
) -> PeerOutcome {
    let mut out = PeerOutcome {
        findings: Vec::with_capacity(form.findings.len()),
        ..PeerOutcome::default()
    };
    for (_, when) in &form.findings {
        let yes = engine
            .evaluate(when, base, arena)
            .is_ok_and(|v| engine.truthy(v));
        out.findings.push(yes);
    }
    let findings = arena.alloc_slice_fill_iter(
        form.findings
            .iter()
            .zip(&out.findings)
            .map(|((id, _), yes)| (id.as_str(), DataValue::Bool(*yes))),
    );
    let DataValue::Object(entries) = base else {
        panic!("the data object is not an object");
    };
    let full: &DataValue<'a> = arena.alloc(DataValue::Object(arena.alloc_slice_fill_with(
        entries.len() + 1,
        |i| match entries.get(i) {
            Some(entry) => *entry,
            None => ("findings", DataValue::Object(findings)),
        },
    )));
    for (r, rule) in form.rules.iter().enumerate() {
        let fired = engine
            .evaluate(&rule.when, full, arena)
            .is_ok_and(|v| engine.truthy(v));
        if !fired {
            continue;
        }
        out.fired.push(r);
        for o in &rule.offers {
            if !out.offers.contains(o) {
                out.offers.push(*o);
            }
        }
        for a in &rule.actions {
            if !out.actions.contains(a) {
                out.actions.push(*a);
            }
        }
    }
    out
}

/// Findings, fired rules, offers and actions of Trygg's outcome, in the peer's terms.
fn ours_in_peer_terms(
    form: &PeerForm,
    o: &Outcome,
) -> (Vec<String>, Vec<String>, Vec<Value>, Vec<String>) {
    let findings = o.findings.iter().map(|f| f.id.clone()).collect();
    let mut fired: Vec<String> = o
        .offers
        .iter()
        .flat_map(|x| &x.because)
        .chain(o.actions.iter().flat_map(|x| &x.because))
        .map(|f| f.rule.clone())
        .collect();
    fired.sort_by_key(|id| form.rules.iter().position(|r| &r.id == id));
    fired.dedup();
    let offers = o
        .offers
        .iter()
        .map(|x| serde_json::to_value(&x.offer).unwrap())
        .collect();
    let actions = o
        .actions
        .iter()
        .map(|x| {
            serde_json::to_value(x.action)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    (findings, fired, offers, actions)
}

fn peer_in_peer_terms(
    form: &PeerForm,
    p: &PeerOutcome,
) -> (Vec<String>, Vec<String>, Vec<Value>, Vec<String>) {
    let findings = form
        .findings
        .iter()
        .zip(&p.findings)
        .filter(|(_, yes)| **yes)
        .map(|((id, _), _)| id.clone())
        .collect();
    // Trygg lists only rules that made an offer or an action; so does this.
    let fired = p
        .fired
        .iter()
        .map(|r| &form.rules[*r])
        .filter(|r| !r.offers.is_empty() || !r.actions.is_empty())
        .map(|r| r.id.clone())
        .collect();
    let offers = p.offers.iter().map(|o| form.offers[*o].clone()).collect();
    let actions = p.actions.iter().map(|a| form.actions[*a].clone()).collect();
    (findings, fired, offers, actions)
}

fn bench_whole_form(c: &mut Criterion) {
    let engine = Engine::new();
    let path = common::repo().join(WHOLE_FORM);
    let text = std::fs::read_to_string(&path).unwrap();
    let form_json: Value = serde_json::from_str(&text).unwrap();
    let form = trygg::load(&text).unwrap();
    let peer = peer_form(&engine, &form_json);

    let mut responses = Vec::new();
    let mut data_json = Vec::new();
    let mut skipped = Vec::new();
    for ex in &form.def().examples {
        let response = response_of(ex);
        let outcome = trygg::evaluate(&form, &response);
        if !outcome.problems.is_empty() {
            // An invalid answer: Trygg reports it and scores the rest; the hand-built
            // object would need the same validation, which is out of scope here.
            skipped.push(ex.name.clone());
            continue;
        }
        let data = vendor_data(&form_json, &response, &outcome);
        let parsed = ParsedData::from_json(&data.to_string()).unwrap();
        let arena = Bump::new();
        let theirs = peer_evaluate(&engine, &peer, parsed.value(), &arena);
        let want = ours_in_peer_terms(&peer, &outcome);
        let got = peer_in_peer_terms(&peer, &theirs);
        assert_eq!(
            want, got,
            "datalogic-rs peer disagrees with trygg on example `{}` of {WHOLE_FORM}\n\
             (findings, fired rules, offers, actions): trygg {want:?}\npeer {got:?}",
            ex.name
        );
        // The same through the serde_json path (converted into the arena per response).
        let arena = Bump::new();
        let base = (&data).into_arena_value(&arena).unwrap();
        let again = peer_in_peer_terms(&peer, &peer_evaluate(&engine, &peer, base, &arena));
        assert_eq!(want, again, "serde_json path disagrees on `{}`", ex.name);
        responses.push(response);
        data_json.push(data);
    }
    assert!(!responses.is_empty(), "no example responses to compare");
    let parsed: Vec<ParsedData> = data_json
        .iter()
        .map(|d| ParsedData::from_json(&d.to_string()).unwrap())
        .collect();
    common::write_side_file(
        "whole-form.json",
        &json!({
            "form": WHOLE_FORM,
            "responses": responses.len(),
            "skipped_invalid": skipped,
            "findings": peer.findings.len(),
            "rules": peer.rules.len(),
            "checked": "findings, fired rules, offers and actions identical for every response",
        }),
    );
    println!(
        "whole-form: datalogic-rs peer agrees with trygg on all {} example responses of {WHOLE_FORM}",
        responses.len()
    );

    let mut group = c.benchmark_group("whole-form");
    common::short(&mut group);
    group.throughput(Throughput::Elements(responses.len() as u64));
    group.bench_function("trygg/evaluate", |b| {
        b.iter(|| {
            for r in &responses {
                black_box(trygg::evaluate(black_box(&form), black_box(r)));
            }
        });
    });
    let mut arena = Bump::new();
    group.bench_function("datalogic-rs/rules", |b| {
        b.iter(|| {
            for p in &parsed {
                black_box(peer_evaluate(&engine, &peer, black_box(p.value()), &arena));
                arena.reset();
            }
        });
    });
    group.bench_function("datalogic-rs/rules+convert", |b| {
        b.iter(|| {
            for d in &data_json {
                let base = black_box(d).into_arena_value(&arena).unwrap();
                black_box(peer_evaluate(&engine, &peer, base, &arena));
                arena.reset();
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench_conformance, bench_whole_form);
criterion_main!(benches);
