//! The native contests of issue 17, run interleaved in one process (not Criterion groups one
//! after another: on a shared machine the order alone moves a ratio by ±15 %).
//!
//! 1. `native.evaluate.*`: `trygg::evaluate` of every valid example response of the 6–8 weeks
//!    form against datalogic-rs doing the **whole job a vendor would** with a rules-only
//!    engine (`Vendor::build` + `peer_evaluate`, both inside the timing): from the same
//!    parsed `Response`, evaluate the form's `enableWhen` skip rules, drop hidden items'
//!    answers, look up option scores, compute the scales (count / sum / mean, weights,
//!    missing-data policy, `hiddenItems`, prorating), their bands and the cut-off of the
//!    active profile (sex- and locale-specific), put it all in one data object in the arena,
//!    then evaluate every finding and every rule and merge offers and actions. The vendor's
//!    code is written once from the form JSON (not from Trygg's model) and is generic over
//!    its items, scales and cut-offs; the assumptions it makes about the form are checked in
//!    the set-up. A second, labelled row times datalogic-rs over a **pre-built** data object
//!    (built by the same vendor code before timing): the conditions alone.
//!    The set-up checks, for every example, that the vendor reaches the same scale values,
//!    bands and cut-offs, makes the same findings, fires the same rules and makes the same
//!    offers and actions in the same order as Trygg, and panics if not.
//! 2. `native.session`: on the largest shipped form (most items), `Session::set` of one
//!    answer + `Session::outcome()`, against `trygg::evaluate` of the same answers after the
//!    same change (each answered item of its fullest example switched to another value and
//!    back). The set-up checks both outcomes are equal after every step. `set` alone is an
//!    extra, untargeted row.
//!
//! Timing: a warm-up per contender, then rounds; in each round every contender takes one
//! sample (a loop over the whole work lasting about `SAMPLE_MS`), the order rotating by one
//! each round. Figures: each side's median ns per operation, the **median of the per-round
//! ratios** (ours ÷ peer), and the **ratio of the minima**. → `target/bench/versus.json`.
//! Nothing here asserts a time.
//!
//! Run: `cargo bench -p trygg --bench versus`; `TRYGG_BENCH_QUICK=1` for 15 rounds of ~2 ms
//! (default 41 of ~5 ms); `TRYGG_BENCH_ROUNDS` / `TRYGG_BENCH_SAMPLE_MS` override.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use datalogic_rs::bumpalo::Bump;
use datalogic_rs::{DataValue, Engine, Logic};
use serde_json::{json, Value};
use trygg::examples::response_of;
use trygg::{CompiledForm, Outcome, Response, Session};

const WHOLE_FORM: &str = "forms/trygg-start/6-8w/1.0.0.json";

// ---------------------------------------------------------------------------------------
// The interleaved harness
// ---------------------------------------------------------------------------------------

struct Settings {
    rounds: usize,
    sample: Duration,
    warm_up: Duration,
}

impl Settings {
    fn from_env() -> Self {
        let quick = std::env::var("TRYGG_BENCH_QUICK").is_ok_and(|v| v == "1");
        let num = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(default)
        };
        Settings {
            rounds: num("TRYGG_BENCH_ROUNDS", if quick { 15 } else { 41 }).max(1) as usize,
            sample: Duration::from_millis(num("TRYGG_BENCH_SAMPLE_MS", if quick { 2 } else { 5 })),
            warm_up: Duration::from_millis(if quick { 100 } else { 300 }),
        }
    }

    fn describe(&self) -> String {
        format!(
            "{} interleaved rounds (order rotating), one sample per contender per round, all \
             of one length (~{} ms, or one call of the slowest contender), after a {} ms \
             warm-up",
            self.rounds,
            self.sample.as_millis(),
            self.warm_up.as_millis()
        )
    }
}

/// One contender: `run` does the whole work once (`ops` operations) and returns something
/// to keep the optimiser honest.
struct Contender<'c> {
    name: &'static str,
    ops: usize,
    run: Box<dyn FnMut() -> usize + 'c>,
}

/// ns per operation of every contender, per round. Every contender's sample lasts about as
/// long (`sample`, or one call of the slowest contender if that is longer): on a busy machine
/// a long sample is always cut by other work and a short one often is not, so unequal
/// samples would favour one side.
fn race(settings: &Settings, contenders: &mut [Contender<'_>]) -> Vec<Vec<f64>> {
    let mut per_call = Vec::new();
    for c in contenders.iter_mut() {
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed() < settings.warm_up {
            black_box((c.run)());
            calls += 1;
        }
        per_call.push(start.elapsed().as_secs_f64() / calls as f64);
    }
    let sample = per_call
        .iter()
        .copied()
        .fold(settings.sample.as_secs_f64(), f64::max);
    let mut loops = Vec::new();
    for (c, t) in contenders.iter().zip(&per_call) {
        let n = ((sample / t).round() as u64).max(1);
        println!("versus:   {}: {n} calls per sample", c.name);
        loops.push(n);
    }
    let n = contenders.len();
    let mut samples = vec![Vec::with_capacity(settings.rounds); n];
    for round in 0..settings.rounds {
        for k in 0..n {
            let i = (round + k) % n;
            let c = &mut contenders[i];
            let start = Instant::now();
            for _ in 0..loops[i] {
                black_box((c.run)());
            }
            let ns = start.elapsed().as_nanos() as f64;
            samples[i].push(ns / (loops[i] as f64 * c.ops as f64));
        }
    }
    samples
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn minimum(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(f64::INFINITY, f64::min)
}

/// A figure for the report: ours against one peer, from the same rounds.
fn figure(
    id: &str,
    text: &str,
    ours: &[f64],
    peer: &[f64],
    peer_name: &str,
    settings: &Settings,
) -> Value {
    let ratios: Vec<f64> = ours.iter().zip(peer).map(|(o, p)| o / p).collect();
    let f = json!({
        "id": id,
        "figure": text,
        "unit": "us",
        "ours": median(ours) / 1000.0,
        "peer": median(peer) / 1000.0,
        "peer_name": peer_name,
        "ratio": median(&ratios),
        "ratio_of_minima": minimum(ours) / minimum(peer),
        "rounds": settings.rounds,
    });
    println!(
        "versus: {id}: ours {:.2} µs, peer {:.2} µs; median ratio {:.3}×, ratio of minima {:.3}×",
        median(ours) / 1000.0,
        median(peer) / 1000.0,
        f["ratio"].as_f64().unwrap(),
        f["ratio_of_minima"].as_f64().unwrap()
    );
    f
}

// ---------------------------------------------------------------------------------------
// The vendor's code: a rules-only engine (datalogic-rs) and everything around it
// ---------------------------------------------------------------------------------------

/// The form's finding and rule conditions, compiled once by datalogic-rs from the form JSON.
struct PeerForm {
    /// Finding ids and their `when`, in file order.
    findings: Vec<(String, Logic)>,
    /// Rules in firing order (priority, higher first; then file order).
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

/// What the peer decides for one response.
#[derive(Debug, Default)]
struct PeerOutcome {
    findings: Vec<bool>,
    fired: Vec<usize>,
    offers: Vec<usize>,
    actions: Vec<usize>,
}

enum Kind {
    Boolean { score_true: f64, score_false: f64 },
    Choice(Vec<(Value, Option<f64>)>),
}

struct VItem {
    id: String,
    kind: Kind,
    declinable: bool,
    enable_when: Option<Logic>,
}

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Sum,
    Count,
    Mean,
}

struct VCutoff {
    profile: String,
    when: Vec<(String, String)>,
    value: f64,
}

struct VScale {
    id: String,
    /// (item index, weight)
    items: Vec<(usize, f64)>,
    method: Method,
    max_missing: u32,
    prorate: bool,
    half_up: bool,
    not_applicable: bool,
    bands: Vec<(f64, f64, String)>,
    cutoffs: Vec<VCutoff>,
}

/// Everything the vendor prepares once per form.
struct Vendor {
    items: Vec<VItem>,
    scales: Vec<VScale>,
    /// Scales a skip rule reads (computed before visibility; their items are always shown).
    skip_scales: Vec<usize>,
    locales: Vec<String>,
    profiles: Vec<String>,
    default_profile: Option<String>,
    peer: PeerForm,
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

/// Every `var` path a condition reads.
fn vars(rule: &Value, out: &mut BTreeSet<String>) {
    match rule {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "var" {
                    match v {
                        Value::String(s) => {
                            out.insert(s.clone());
                        }
                        Value::Array(a) => {
                            if let Some(Value::String(s)) = a.first() {
                                out.insert(s.clone());
                            }
                        }
                        _ => {}
                    }
                }
                vars(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| vars(x, out)),
        _ => {}
    }
}

fn peer_form(engine: &Engine, form: &Value) -> PeerForm {
    let findings: Vec<(String, Logic)> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let when = &f["when"];
            assert!(
                !when.to_string().contains("\"findings."),
                "vendor code assumes no finding reads another finding: {when}"
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

fn vendor(engine: &Engine, form: &Value) -> Vendor {
    let mut items = Vec::new();
    let mut skip_reads = BTreeSet::new();
    for item in form["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap().to_string();
        let kind = match item["type"].as_str().unwrap() {
            "display" => continue,
            "boolean" => Kind::Boolean {
                score_true: item.get("scoreTrue").and_then(Value::as_f64).unwrap_or(1.0),
                score_false: item
                    .get("scoreFalse")
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0),
            },
            "choice" => Kind::Choice(
                item["options"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| (o["value"].clone(), o.get("score").and_then(Value::as_f64)))
                    .collect(),
            ),
            other => panic!("vendor code handles boolean and choice items only; `{id}` is {other}"),
        };
        let enable_when = item.get("enableWhen").map(|w| {
            vars(w, &mut skip_reads);
            engine.compile(w).unwrap()
        });
        items.push(VItem {
            id,
            kind,
            declinable: item.get("declinable") == Some(&Value::Bool(true)),
            enable_when,
        });
    }
    let index = |id: &str| items.iter().position(|x| x.id == id);
    let mut scales = Vec::new();
    for s in form["scales"].as_array().unwrap() {
        let weights = s.get("weights");
        let method = match s["method"].as_str().unwrap() {
            "sum" => Method::Sum,
            "count" => Method::Count,
            "mean" => Method::Mean,
            other => panic!("vendor code does not know scale method {other}"),
        };
        let missing = s.get("missing");
        scales.push(VScale {
            id: s["id"].as_str().unwrap().to_string(),
            items: s["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    let id = i.as_str().unwrap();
                    let w = weights
                        .and_then(|w| w.get(id))
                        .and_then(Value::as_f64)
                        .unwrap_or(1.0);
                    (index(id).unwrap(), w)
                })
                .collect(),
            method,
            max_missing: missing
                .and_then(|m| m.get("maxMissing"))
                .and_then(Value::as_u64)
                .unwrap_or(0) as u32,
            prorate: missing.and_then(|m| m.get("handling")) == Some(&json!("prorate")),
            half_up: missing.and_then(|m| m.get("rounding")) == Some(&json!("half-up")),
            not_applicable: s.get("hiddenItems") == Some(&json!("not-applicable")),
            bands: s
                .get("bands")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|b| {
                    (
                        b["min"].as_f64().unwrap(),
                        b["max"].as_f64().unwrap(),
                        b["id"].as_str().unwrap().to_string(),
                    )
                })
                .collect(),
            cutoffs: s
                .get("cutoffs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|c| VCutoff {
                    profile: c["profile"].as_str().unwrap().to_string(),
                    when: c
                        .get("when")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                        .collect(),
                    value: c["value"].as_f64().unwrap(),
                })
                .collect(),
        });
    }
    // The vendor evaluates every skip rule against one object built before visibility:
    // that holds when a skip rule reads only answers of items that are always shown and
    // scales made only of such items (true of the check-up forms; checked here).
    let mut skip_scales = Vec::new();
    for path in &skip_reads {
        let (space, id) = path.split_once('.').unwrap();
        match space {
            "answers" => {
                let i = index(id).unwrap();
                assert!(
                    items[i].enable_when.is_none(),
                    "vendor code assumes a skip rule reads only always-shown items: {path}"
                );
            }
            "scales" => {
                let s = scales.iter().position(|s| s.id == id).unwrap();
                assert!(
                    scales[s].items.iter().all(|(i, _)| items[*i].enable_when.is_none()),
                    "vendor code assumes a skip rule reads only scales of always-shown items: {path}"
                );
                skip_scales.push(s);
            }
            _ => panic!("vendor code assumes skip rules read answers and scales only: {path}"),
        }
    }
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    Vendor {
        items,
        scales,
        skip_scales,
        locales: strings(&form["locales"]),
        profiles: strings(&form["profiles"]["available"]),
        default_profile: form["profiles"]["default"].as_str().map(str::to_string),
        peer: peer_form(engine, form),
    }
}

/// A number the way a JSON writer would (integral values as integers).
fn number<'a>(x: f64) -> DataValue<'a> {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        DataValue::from_i64(x as i64)
    } else {
        DataValue::from_f64(x)
    }
}

fn opt_number<'a>(x: Option<f64>) -> DataValue<'a> {
    x.map_or(DataValue::Null, number)
}

/// A response value as a datalogic-rs value, borrowing its strings.
fn data_value<'a>(v: &'a Value, arena: &'a Bump) -> DataValue<'a> {
    match v {
        Value::Null => DataValue::Null,
        Value::Bool(b) => DataValue::Bool(*b),
        Value::String(s) => DataValue::String(s),
        other => {
            use datalogic_rs::EvalInput;
            *other.into_arena_value(arena).unwrap()
        }
    }
}

fn object<'a>(
    arena: &'a Bump,
    entries: impl ExactSizeIterator<Item = (&'a str, DataValue<'a>)>,
) -> DataValue<'a> {
    DataValue::Object(arena.alloc_slice_fill_iter(entries))
}

/// One scale's (value, band, cut-off reached).
type ScaleValue<'a> = (Option<f64>, Option<&'a str>, Option<bool>);

/// One scale: (value, band, cut-off reached).
fn scale_value<'a>(
    s: &'a VScale,
    visible: &[bool],
    score: &[Option<f64>],
    profile: Option<&str>,
    locale: &str,
    response: &'a Response,
) -> ScaleValue<'a> {
    let (mut answered, mut missing, mut hidden, mut positive) = (0u32, 0u32, 0u32, 0u32);
    let (mut total, mut weights) = (0.0, 0.0);
    for &(i, w) in &s.items {
        if !visible[i] {
            hidden += 1;
            continue;
        }
        match score[i] {
            Some(x) => {
                answered += 1;
                total += w * x;
                weights += w;
                if x > 0.0 {
                    positive += 1;
                }
            }
            None => missing += 1,
        }
    }
    let shown = answered + missing;
    let value = if shown == 0
        || (hidden > 0 && s.not_applicable)
        || missing > s.max_missing
        || answered == 0
    {
        None
    } else {
        let raw = match s.method {
            Method::Sum => total,
            Method::Count => f64::from(positive),
            Method::Mean if weights != 0.0 => total / weights,
            Method::Mean => f64::NAN,
        };
        if !raw.is_finite() {
            None
        } else if missing == 0 || !s.prorate || s.method == Method::Mean {
            Some(raw)
        } else {
            let x = raw * f64::from(shown) / f64::from(answered);
            Some(if s.half_up {
                (x + 0.5 + 1e-9).floor()
            } else {
                x
            })
        }
    };
    let band = value.and_then(|v| {
        s.bands
            .iter()
            .find(|(min, max, _)| *min <= v && v <= *max)
            .map(|(_, _, id)| id.as_str())
    });
    let reached = profile.and_then(|p| {
        let c = s.cutoffs.iter().find(|c| {
            c.profile == p
                && c.when.iter().all(|(key, want)| {
                    if key == "locale" {
                        locale == want
                    } else {
                        response.respondent.attributes.get(key) == Some(want)
                    }
                })
        })?;
        value.map(|v| v >= c.value)
    });
    (value, band, reached)
}

impl Vendor {
    /// The data object a vendor builds from a response: effective answers (hidden items'
    /// answers dropped after the skip rules), option scores, declined flags, scale values,
    /// bands and cut-off results, respondent attributes and context.
    fn build<'a>(
        &'a self,
        engine: &Engine,
        response: &'a Response,
        arena: &'a Bump,
    ) -> &'a DataValue<'a> {
        let n = self.items.len();
        let given: &mut [Option<&'a Value>] = arena.alloc_slice_fill_copy(n, None);
        let declined: &mut [bool] = arena.alloc_slice_fill_copy(n, false);
        let score: &mut [Option<f64>] = arena.alloc_slice_fill_copy(n, None);
        let visible: &mut [bool] = arena.alloc_slice_fill_copy(n, true);
        for (i, item) in self.items.iter().enumerate() {
            let v = match response.answers.get(&item.id) {
                None | Some(Value::Null) => continue,
                Some(v) => v,
            };
            if v.get("declined") == Some(&Value::Bool(true)) {
                declined[i] = true;
                continue;
            }
            given[i] = Some(v);
            score[i] = match (&item.kind, v) {
                (
                    Kind::Boolean {
                        score_true,
                        score_false,
                    },
                    Value::Bool(b),
                ) => Some(if *b { *score_true } else { *score_false }),
                (Kind::Choice(options), v) => options
                    .iter()
                    .find(|(value, _)| value == v)
                    .and_then(|(_, s)| *s),
                _ => None,
            };
        }
        let locale = response
            .context
            .get("locale")
            .and_then(Value::as_str)
            .filter(|l| self.locales.iter().any(|x| x == l))
            .or(self.locales.first().map(String::as_str))
            .unwrap_or("");
        let profile = response
            .context
            .get("profile")
            .and_then(Value::as_str)
            .filter(|p| self.profiles.iter().any(|x| x == p))
            .or(self.default_profile.as_deref());

        // 1. The skip rules, against the answers of always-shown items and the scales they read.
        let shown_always: &mut [bool] =
            arena.alloc_slice_fill_iter(self.items.iter().map(|x| x.enable_when.is_none()));
        let skip_data = arena.alloc(object(
            arena,
            [
                (
                    "answers",
                    object(
                        arena,
                        self.items.iter().zip(given.iter()).map(|(x, g)| {
                            (
                                x.id.as_str(),
                                g.map_or(DataValue::Null, |v| data_value(v, arena)),
                            )
                        }),
                    ),
                ),
                (
                    "scales",
                    object(
                        arena,
                        self.skip_scales.iter().map(|s| {
                            let scale = &self.scales[*s];
                            let (v, _, _) =
                                scale_value(scale, shown_always, score, profile, locale, response);
                            (scale.id.as_str(), opt_number(v))
                        }),
                    ),
                ),
            ]
            .into_iter(),
        ));
        let skip_data: &'a DataValue<'a> = skip_data;
        for (i, item) in self.items.iter().enumerate() {
            if let Some(when) = &item.enable_when {
                visible[i] = engine
                    .evaluate(when, skip_data, arena)
                    .is_ok_and(|v| engine.truthy(v));
                if !visible[i] {
                    given[i] = None;
                    declined[i] = false;
                    score[i] = None;
                }
            }
        }

        // 2. Scales, bands, cut-offs over the visible items.
        let results: &mut [ScaleValue<'a>] = arena.alloc_slice_fill_iter(
            self.scales
                .iter()
                .map(|s| scale_value(s, visible, score, profile, locale, response)),
        );
        let results: &'a [ScaleValue<'a>] = results;

        // 3. The object.
        let per_scale = |f: fn(&ScaleValue<'a>) -> DataValue<'a>| {
            object(
                arena,
                self.scales
                    .iter()
                    .zip(results)
                    .map(move |(s, r)| (s.id.as_str(), f(r))),
            )
        };
        let given: &'a [Option<&'a Value>] = given;
        let score: &'a [Option<f64>] = score;
        let declined: &'a [bool] = declined;
        let mut context: Vec<(&'a str, DataValue<'a>)> = response
            .context
            .iter()
            .filter(|(k, _)| k.as_str() != "locale" && k.as_str() != "profile")
            .map(|(k, v)| (k.as_str(), data_value(v, arena)))
            .collect();
        context.push(("locale", DataValue::String(locale)));
        if let Some(p) = profile {
            context.push(("profile", DataValue::String(p)));
        }
        arena.alloc(object(
            arena,
            [
                (
                    "answers",
                    object(
                        arena,
                        self.items.iter().zip(given).map(|(x, g)| {
                            (
                                x.id.as_str(),
                                g.map_or(DataValue::Null, |v| data_value(v, arena)),
                            )
                        }),
                    ),
                ),
                (
                    "scores",
                    object(
                        arena,
                        self.items
                            .iter()
                            .zip(score)
                            .map(|(x, s)| (x.id.as_str(), opt_number(*s))),
                    ),
                ),
                (
                    "declined",
                    DataValue::Object(
                        arena.alloc_slice_fill_iter(
                            self.items
                                .iter()
                                .zip(declined)
                                .filter(|(x, _)| x.declinable)
                                .map(|(x, d)| (x.id.as_str(), DataValue::Bool(*d)))
                                .collect::<Vec<_>>(),
                        ),
                    ),
                ),
                ("scales", per_scale(|r| opt_number(r.0))),
                (
                    "bands",
                    per_scale(|r| r.1.map_or(DataValue::Null, DataValue::String)),
                ),
                (
                    "cutoff",
                    per_scale(|r| r.2.map_or(DataValue::Null, DataValue::Bool)),
                ),
                (
                    "respondent",
                    object(
                        arena,
                        response
                            .respondent
                            .attributes
                            .iter()
                            .map(|(k, v)| (k.as_str(), DataValue::String(v))),
                    ),
                ),
                (
                    "context",
                    DataValue::Object(arena.alloc_slice_fill_iter(context)),
                ),
            ]
            .into_iter(),
        ))
    }
}

/// Every finding's `when` against the data, then a `findings` object added beside the rest,
/// then every rule's `when` in firing order, merging offers and actions.
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

type Terms = (Vec<String>, Vec<String>, Vec<Value>, Vec<String>);

/// Findings, fired rules, offers and actions of Trygg's outcome, in the peer's terms.
fn ours_in_peer_terms(form: &PeerForm, o: &Outcome) -> Terms {
    let findings = o.findings.iter().map(|f| f.id.to_string()).collect();
    let mut fired: Vec<String> = o
        .offers
        .iter()
        .flat_map(|x| &x.because)
        .chain(o.actions.iter().flat_map(|x| &x.because))
        .map(|f| f.rule.to_string())
        .collect();
    fired.sort_by_key(|id| form.rules.iter().position(|r| &r.id == id));
    fired.dedup();
    // Offers and actions as the outcome's JSON writes them (an offer with its `private`
    // flag), without their reasons.
    let json = serde_json::to_value(o).unwrap();
    let offers = json["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            let mut x = x.clone();
            x.as_object_mut().unwrap().remove("because");
            x
        })
        .collect();
    let actions = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["action"].as_str().unwrap().to_string())
        .collect();
    (findings, fired, offers, actions)
}

fn peer_in_peer_terms(form: &PeerForm, p: &PeerOutcome) -> Terms {
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

/// `obj[key]` of a datalogic-rs object.
fn field<'v>(obj: &'v DataValue<'v>, key: &str) -> &'v DataValue<'v> {
    let DataValue::Object(entries) = obj else {
        panic!("not an object");
    };
    entries
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no `{key}`"))
}

/// The vendor's scale values, bands and cut-offs equal Trygg's.
fn check_scales(data: &DataValue<'_>, o: &Outcome, example: &str) {
    for s in &o.scales {
        let id: &str = &s.id;
        let value = field(field(data, "scales"), id).as_f64();
        let band = match field(field(data, "bands"), id) {
            DataValue::String(b) => Some(b.to_string()),
            _ => None,
        };
        let reached = field(field(data, "cutoff"), id).as_bool();
        let ours = (
            s.value,
            s.band.as_ref().map(|b| b.to_string()),
            s.cutoff.as_ref().and_then(|c| c.reached),
        );
        assert_eq!(
            ours,
            (value, band, reached),
            "vendor code disagrees with trygg on scale `{id}` of example `{example}` \
             (value, band, cut-off reached)"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 1. evaluate, 6–8 weeks
// ---------------------------------------------------------------------------------------

fn contest_evaluate(settings: &Settings, figures: &mut Vec<Value>) -> Value {
    let engine = Engine::new();
    let text = std::fs::read_to_string(common::repo().join(WHOLE_FORM)).unwrap();
    let form_json: Value = serde_json::from_str(&text).unwrap();
    let form = trygg::load(&text).unwrap();
    let v = vendor(&engine, &form_json);

    let mut responses = Vec::new();
    let mut skipped = Vec::new();
    for ex in &form.def().examples {
        let response = response_of(ex);
        let outcome = trygg::evaluate(&form, &response);
        if !outcome.problems.is_empty() {
            // An invalid answer: Trygg reports it and scores the rest; the vendor code does
            // no answer validation, so these are left out.
            skipped.push(ex.name.clone());
            continue;
        }
        let arena = Bump::new();
        let data = v.build(&engine, &response, &arena);
        check_scales(data, &outcome, &ex.name);
        let got = peer_in_peer_terms(&v.peer, &peer_evaluate(&engine, &v.peer, data, &arena));
        let want = ours_in_peer_terms(&v.peer, &outcome);
        assert_eq!(
            want, got,
            "datalogic-rs vendor code disagrees with trygg on example `{}` of {WHOLE_FORM}\n\
             (findings, fired rules, offers, actions)",
            ex.name
        );
        responses.push(response);
    }
    assert!(!responses.is_empty(), "no example responses to compare");
    let n = responses.len();
    let skip_rules = v.items.iter().filter(|x| x.enable_when.is_some()).count();
    println!(
        "versus: the datalogic-rs vendor code agrees with trygg on all {n} valid example responses \
         of {WHOLE_FORM} ({skip_rules} skip rules, {} scales, {} findings, {} rules)",
        v.scales.len(),
        v.peer.findings.len(),
        v.peer.rules.len()
    );

    let keep = Bump::new();
    let prebuilt: Vec<&DataValue<'_>> = responses
        .iter()
        .map(|r| v.build(&engine, r, &keep))
        .collect();
    let mut arena_whole = Bump::new();
    let mut arena_rules = Bump::new();
    let mut contenders = [
        Contender {
            name: "trygg",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for r in &responses {
                    sink += black_box(trygg::evaluate(black_box(&form), black_box(r)))
                        .findings
                        .len();
                }
                sink
            }),
        },
        Contender {
            name: "datalogic-rs whole job",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for r in &responses {
                    {
                        let data = v.build(&engine, black_box(r), &arena_whole);
                        sink += black_box(peer_evaluate(&engine, &v.peer, data, &arena_whole))
                            .fired
                            .len();
                    }
                    arena_whole.reset();
                }
                sink
            }),
        },
        Contender {
            name: "datalogic-rs pre-built",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for data in &prebuilt {
                    sink += black_box(peer_evaluate(
                        &engine,
                        &v.peer,
                        black_box(data),
                        &arena_rules,
                    ))
                    .fired
                    .len();
                    arena_rules.reset();
                }
                sink
            }),
        },
    ];
    let t = race(settings, &mut contenders);
    let what = format!("native `trygg::evaluate`, 6–8 w form, per response (median of {n} example responses' mean)");
    figures.push(figure(
        "native.evaluate.datalogic-whole",
        &what,
        &t[0],
        &t[1],
        &format!(
            "datalogic-rs doing the vendor's whole job: {skip_rules} skip rules, scores, {} scales with bands and cut-offs, then {} findings + {} rules, data object built from the response inside the timing",
            v.scales.len(),
            v.peer.findings.len(),
            v.peer.rules.len()
        ),
        settings,
    ));
    figures.push(figure(
        "native.evaluate.datalogic-prebuilt",
        &what,
        &t[0],
        &t[2],
        "datalogic-rs over a pre-built data object (findings + rules only; the object built before timing)",
        settings,
    ));
    json!({
        "form": WHOLE_FORM,
        "responses": n,
        "skipped_invalid": skipped,
        "skip_rules": skip_rules,
        "scales": v.scales.len(),
        "findings": v.peer.findings.len(),
        "rules": v.peer.rules.len(),
        "checked": "scale values, bands, cut-offs, findings, fired rules, offers and actions identical to trygg's for every response",
    })
}

// ---------------------------------------------------------------------------------------
// 2. Session::set + outcome, largest form
// ---------------------------------------------------------------------------------------

fn contest_session(settings: &Settings, figures: &mut Vec<Value>) -> Value {
    let mut forms: Vec<CompiledForm> = common::shipped_forms()
        .into_iter()
        .map(|p| trygg::load(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    forms.sort_by(|a, b| {
        b.def()
            .items
            .len()
            .cmp(&a.def().items.len())
            .then_with(|| a.id().cmp(b.id()))
            .then_with(|| b.version().cmp(a.version()))
    });
    let form = Arc::new(forms.swap_remove(0));
    let name = format!("{}@{}", form.id(), form.version());
    // The example that answers the most items: the fullest live form.
    let ex = form
        .def()
        .examples
        .iter()
        .max_by_key(|e| e.answers.len())
        .unwrap();
    let start = response_of(ex);
    let mut steps: Vec<(String, Value)> = Vec::new();
    for item in &form.def().items {
        let Some(v) = start.answers.get(&item.id) else {
            continue;
        };
        if v.is_object() {
            continue;
        }
        let item_json = serde_json::to_value(item).unwrap();
        let other = match v {
            Value::Bool(b) => Some(Value::Bool(!b)),
            _ => item_json["options"]
                .as_array()
                .and_then(|o| o.iter().map(|x| &x["value"]).find(|x| *x != v).cloned()),
        };
        if let Some(other) = other {
            steps.push((item.id.to_string(), other));
            steps.push((item.id.to_string(), v.clone()));
        }
    }
    assert!(!steps.is_empty(), "no answer to change in {name}");
    let mut session = Session::new(
        Arc::clone(&form),
        start.respondent.clone(),
        start.context.clone(),
    );
    for (id, v) in &start.answers {
        session.set(id, v.clone()).unwrap();
    }
    let mut live = start.clone();
    for (id, v) in &steps {
        session.set(id, v.clone()).unwrap();
        live.answers.insert(id.clone(), v.clone());
        assert_eq!(
            serde_json::to_value(session.outcome()).unwrap(),
            serde_json::to_value(trygg::evaluate(&form, &live)).unwrap(),
            "session and re-evaluation differ after set({id}, {v})"
        );
    }
    let n = steps.len();
    let mut session_a = session.clone();
    let mut contenders = [
        Contender {
            name: "set+outcome",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for (id, v) in &steps {
                    sink += session_a.set(id, v.clone()).unwrap().shown.len();
                    sink += black_box(session_a.outcome()).findings.len();
                }
                sink
            }),
        },
        Contender {
            name: "evaluate",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for (id, v) in &steps {
                    live.answers.insert(id.clone(), v.clone());
                    sink += black_box(trygg::evaluate(&form, black_box(&live)))
                        .findings
                        .len();
                }
                sink
            }),
        },
        Contender {
            name: "set",
            ops: n,
            run: Box::new(|| {
                let mut sink = 0;
                for (id, v) in &steps {
                    sink += session.set(id, v.clone()).unwrap().shown.len();
                }
                sink
            }),
        },
    ];
    let t = race(settings, &mut contenders);
    let items = form.def().items.len();
    figures.push(figure(
        "native.session.set_outcome",
        &format!("native `Session::set` + `outcome()`, largest form ({name}, {items} items), one answer changed per step ({n} steps)"),
        &t[0],
        &t[1],
        "`trygg::evaluate` of the same answers",
        settings,
    ));
    figures.push(figure(
        "native.session.set",
        &format!("native `Session::set` alone (no outcome), {name}"),
        &t[2],
        &t[1],
        "`trygg::evaluate` of the same answers",
        settings,
    ));
    json!({ "form": name, "items": items, "steps": n,
            "checked": "the session's outcome equals trygg::evaluate of the same answers after every step" })
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let settings = Settings::from_env();
    println!("versus: {}", settings.describe());
    let mut figures = Vec::new();
    let evaluate = contest_evaluate(&settings, &mut figures);
    let session = contest_session(&settings, &mut figures);
    common::write_side_file(
        "versus.json",
        &json!({
            "part": "native",
            "tool": format!("cargo bench -p trygg --bench versus (interleaved harness: {})", settings.describe()),
            "evaluate": evaluate,
            "session": session,
            "figures": figures,
        }),
    );
    println!(
        "versus: → {}",
        common::out_dir().join("versus.json").display()
    );
}
