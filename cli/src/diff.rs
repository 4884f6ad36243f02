//! `trygg diff --from A --to B --in responses.ndjson`: how outcomes would change if
//! version B replaced version A, over a set of responses — and why.
//!
//! Every response is scored under both versions (answers carried over by item id, with
//! `trygg::compare::carry_answers`), compared with `trygg::compare::compare_outcomes`, and
//! aggregated into one [`Report`], which is rendered as Markdown (default), JSON (`--json`)
//! or a self-contained HTML page (`--html FILE`, see `diff_html`).

use crate::forms::{self, Failure};
use crate::ndjson::{self, Line, LineError};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use trygg::compare::{self, FormChanges, OutcomeChange, ScaleChange};
use trygg::model::Offer;
use trygg::{CompiledForm, Outcome};

/// Options of `trygg diff`.
pub struct Args {
    pub from: String,
    pub to: String,
    pub input: PathBuf,
    pub forms: Option<PathBuf>,
    pub json: bool,
    pub html: Option<PathBuf>,
    pub examples: usize,
}

/// A form version in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub id: String,
    pub version: String,
    pub status: String,
    pub hash: String,
}

impl Version {
    fn of(f: &CompiledForm) -> Self {
        Version {
            id: f.id().into(),
            version: f.version().into(),
            status: crate::batch::name(&f.status()),
            hash: f.hash().into(),
        }
    }

    /// `id@version`.
    pub fn name(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }
}

/// Counts of one finding, offer or action across both versions.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    /// Finding id, offer label or action.
    pub id: String,
    /// Present under both.
    pub kept: u64,
    /// Present only under the first version.
    pub gone: u64,
    /// Present only under the second version.
    pub new: u64,
    /// Absent under both.
    pub absent: u64,
}

impl Transition {
    /// Count before.
    pub fn before(&self) -> u64 {
        self.kept + self.gone
    }
    /// Count after.
    pub fn after(&self) -> u64 {
        self.kept + self.new
    }
}

/// A from → to count.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub from: String,
    pub to: String,
    pub count: u64,
}

/// The distribution of one scale under one version.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dist {
    /// Responses with a value.
    pub n: u64,
    /// Responses without one (invalid, not applicable, or no such scale).
    pub no_value: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Share of responses with a value that reach the cut-off.
    pub positive_rate: Option<f64>,
    /// Value → responses.
    pub histogram: Vec<(f64, u64)>,
}

/// One scale before and after.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleReport {
    pub id: String,
    pub from: Dist,
    pub to: Dist,
    /// Whether the distribution or the positive rate moved.
    pub moved: bool,
    /// Responses whose value changed.
    pub changed: u64,
}

/// An item in one version only, and how many input responses answered it.
#[derive(Debug, Clone, Serialize)]
pub struct OnlyIn {
    pub item: String,
    pub answered: u64,
}

/// One changed response, with the reasons from both traces.
#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub line: u64,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completeness: Option<(String, String)>,
    /// `+ id` / `- id` with the reason (`because`) from the version where it was made.
    pub findings: Vec<Value>,
    pub offers: Vec<Value>,
    pub actions: Vec<Value>,
    pub scales: Vec<ScaleChange>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub from: Version,
    pub to: Version,
    pub input: String,
    pub responses: u64,
    pub families: u64,
    pub changed_responses: u64,
    pub changed_families: u64,
    pub error_count: u64,
    /// The first errors (at most 20).
    pub errors: Vec<Value>,
    pub definition: FormChanges,
    pub only_in_from: Vec<OnlyIn>,
    pub only_in_to: Vec<OnlyIn>,
    /// Answers to items in neither version (by item).
    pub unknown_items: BTreeMap<String, u64>,
    pub completeness: Vec<Pair>,
    pub findings: Vec<Transition>,
    pub offers: Vec<Transition>,
    pub actions: Vec<Transition>,
    /// The most common changes of a respondent's set of offer kinds.
    pub offer_sets: Vec<Pair>,
    pub scales: Vec<ScaleReport>,
    pub examples: Vec<Example>,
}

/// A readable label of an offer (the engine's [`Offer::label`]).
pub fn offer_label(o: &Offer) -> String {
    o.label()
}

fn kinds(o: &Outcome) -> String {
    let k: BTreeSet<&str> = o.offers.iter().map(|f| f.offer.kind()).collect();
    if k.is_empty() {
        "none".into()
    } else {
        k.into_iter().collect::<Vec<_>>().join(" + ")
    }
}

struct Scored {
    line: u64,
    label: String,
    family: String,
    answered: Vec<String>,
    answers: serde_json::Map<String, Value>,
    a: Outcome,
    b: Outcome,
    change: OutcomeChange,
}

#[derive(Default)]
struct ScaleAcc {
    hist: [BTreeMap<i64, u64>; 2],
    none: [u64; 2],
    positive: [u64; 2],
    decidable: [u64; 2],
    changed: u64,
}

/// Values are kept at 1/1000 resolution in the histograms.
const RES: f64 = 1000.0;

struct Acc {
    responses: u64,
    families: HashSet<String>,
    changed_families: HashSet<String>,
    changed: u64,
    errors: Vec<LineError>,
    error_count: u64,
    answered: BTreeMap<String, u64>,
    completeness: BTreeMap<(String, String), u64>,
    findings: BTreeMap<String, Transition>,
    offers: BTreeMap<String, Transition>,
    actions: BTreeMap<String, Transition>,
    offer_sets: BTreeMap<(String, String), u64>,
    scales: BTreeMap<String, ScaleAcc>,
    examples: Vec<Example>,
    max_examples: usize,
}

fn tally(map: &mut BTreeMap<String, Transition>, a: &BTreeSet<String>, b: &BTreeSet<String>) {
    for id in a.union(b) {
        let t = map.entry(id.clone()).or_insert_with(|| Transition {
            id: id.clone(),
            ..Default::default()
        });
        match (a.contains(id), b.contains(id)) {
            (true, true) => t.kept += 1,
            (true, false) => t.gone += 1,
            (false, true) => t.new += 1,
            (false, false) => {}
        }
    }
}

impl Acc {
    fn add(&mut self, s: Scored) {
        self.responses += 1;
        self.families.insert(s.family.clone());
        for item in &s.answered {
            *self.answered.entry(item.clone()).or_default() += 1;
        }
        *self
            .completeness
            .entry((
                s.a.completeness.as_str().into(),
                s.b.completeness.as_str().into(),
            ))
            .or_default() += 1;
        let set =
            |o: &Outcome| -> BTreeSet<String> { o.findings.iter().map(|f| f.id.clone()).collect() };
        tally(&mut self.findings, &set(&s.a), &set(&s.b));
        let set = |o: &Outcome| -> BTreeSet<String> {
            o.offers.iter().map(|f| offer_label(&f.offer)).collect()
        };
        tally(&mut self.offers, &set(&s.a), &set(&s.b));
        let set = |o: &Outcome| -> BTreeSet<String> {
            o.actions
                .iter()
                .map(|a| crate::batch::name(&a.action))
                .collect()
        };
        tally(&mut self.actions, &set(&s.a), &set(&s.b));
        for (i, o) in [&s.a, &s.b].into_iter().enumerate() {
            for sc in &o.scales {
                let acc = self.scales.entry(sc.id.clone()).or_default();
                if let (Some(h), Some(v)) = (acc.hist.get_mut(i), sc.value) {
                    *h.entry((v * RES).round() as i64).or_default() += 1;
                } else if let Some(n) = acc.none.get_mut(i) {
                    *n += 1;
                }
                if let Some(reached) = sc.cutoff.as_ref().and_then(|c| c.reached) {
                    if let Some(d) = acc.decidable.get_mut(i) {
                        *d += 1;
                    }
                    if reached {
                        if let Some(p) = acc.positive.get_mut(i) {
                            *p += 1;
                        }
                    }
                }
            }
        }
        for c in &s.change.scales {
            self.scales.entry(c.id.clone()).or_default().changed += 1;
        }
        if s.change.changes_outcome() {
            self.changed += 1;
            self.changed_families.insert(s.family.clone());
            let (ka, kb) = (kinds(&s.a), kinds(&s.b));
            if ka != kb {
                *self.offer_sets.entry((ka, kb)).or_default() += 1;
            }
            if self.examples.len() < self.max_examples {
                self.examples.push(example(&s));
            }
        }
    }
}

fn example(s: &Scored) -> Example {
    let c = &s.change;
    let finding = |sign: &str, f: &trygg::outcome::FindingResult| {
        // What the same variables hold under the other version, so a reader sees why the
        // finding is not made there (e.g. the same scale value below a raised cut-off).
        let other = if sign == "+" { &s.a } else { &s.b };
        let there: serde_json::Map<String, Value> = f
            .because
            .read
            .keys()
            .map(|k| (k.clone(), lookup(other, &s.answers, k)))
            .collect();
        json!({ "change": sign, "id": f.id, "severity": crate::batch::name(&f.severity),
                "when": f.because.when, "read": f.because.read, "otherVersionReads": there })
    };
    let offer = |sign: &str, o: &trygg::outcome::OfferResult| {
        json!({ "change": sign, "offer": offer_label(&o.offer),
                "rules": o.because.iter().map(|r| json!({ "rule": r.rule, "findings": r.findings })).collect::<Vec<_>>() })
    };
    let rules_for = |o: &Outcome, a: trygg::model::Action| -> Vec<String> {
        o.actions
            .iter()
            .filter(|x| x.action == a)
            .flat_map(|x| x.because.iter().map(|r| r.rule.clone()))
            .collect()
    };
    Example {
        line: s.line,
        label: s.label.clone(),
        completeness: c
            .completeness
            .map(|(a, b)| (a.as_str().into(), b.as_str().into())),
        findings: c
            .findings_removed
            .iter()
            .map(|f| finding("-", f))
            .chain(c.findings_added.iter().map(|f| finding("+", f)))
            .collect(),
        offers: c
            .offers_removed
            .iter()
            .map(|o| offer("-", o))
            .chain(c.offers_added.iter().map(|o| offer("+", o)))
            .collect(),
        actions: c
            .actions_removed
            .iter()
            .map(|a| json!({ "change": "-", "action": crate::batch::name(a), "rules": rules_for(&s.a, *a) }))
            .chain(c.actions_added.iter().map(
                |a| json!({ "change": "+", "action": crate::batch::name(a), "rules": rules_for(&s.b, *a) }),
            ))
            .collect(),
        scales: c.scales.clone(),
    }
}

/// The value of a condition variable in an outcome (for the variables a finding read).
fn lookup(o: &Outcome, answers: &serde_json::Map<String, Value>, key: &str) -> Value {
    let Some((kind, id)) = key.split_once('.') else {
        return Value::Null;
    };
    let scale = o.scale(id);
    if scale.is_none() && matches!(kind, "scales" | "bands" | "cutoff") {
        return Value::from(format!("no scale `{id}` in {}", o.form.version));
    }
    match kind {
        "scales" => scale
            .and_then(|s| s.value)
            .map_or(Value::Null, |v| json!(v)),
        "bands" => scale
            .and_then(|s| s.band.clone())
            .map_or(Value::Null, Value::from),
        "cutoff" => match scale.and_then(|s| s.cutoff.as_ref()) {
            Some(c) => {
                json!({ "reached": c.reached, "value": scale.and_then(|s| s.value), "cutoff": c.value })
            }
            None => Value::Null,
        },
        "findings" => Value::Bool(o.has_finding(id)),
        "answers" => {
            if o.ignored.iter().any(|i| i.item == id) {
                Value::Null
            } else {
                answers.get(id).cloned().unwrap_or(Value::Null)
            }
        }
        _ => Value::Null,
    }
}

fn dist(hist: &BTreeMap<i64, u64>, none: u64, positive: u64, decidable: u64) -> Dist {
    let n: u64 = hist.values().sum();
    let sum: f64 = hist.iter().map(|(k, c)| *k as f64 / RES * *c as f64).sum();
    let median = (n > 0).then(|| {
        let half = n.div_ceil(2);
        let mut seen = 0;
        let mut lower = None;
        for (k, c) in hist {
            seen += c;
            if lower.is_none() && seen >= half {
                lower = Some(*k as f64 / RES);
                if n % 2 == 1 || seen > half {
                    return lower.unwrap_or_default();
                }
            } else if lower.is_some() {
                return (lower.unwrap_or_default() + *k as f64 / RES) / 2.0;
            }
        }
        lower.unwrap_or_default()
    });
    Dist {
        n,
        no_value: none,
        mean: (n > 0).then(|| sum / n as f64),
        median,
        positive_rate: (decidable > 0).then(|| positive as f64 / decidable as f64),
        histogram: hist.iter().map(|(k, c)| (*k as f64 / RES, *c)).collect(),
    }
}

/// Run the command.
pub fn run(args: Args) -> Result<i32, Failure> {
    let mut loaded = forms::load_dir(args.forms.as_deref())?;
    let a = forms::resolve(&args.from, &mut loaded)?;
    let b = forms::resolve(&args.to, &mut loaded)?;
    let (reader, _) = forms::open_in(&args.input)?;
    let mut lines = ndjson::Lines::new(reader);
    let mut acc = Acc {
        responses: 0,
        families: HashSet::new(),
        changed_families: HashSet::new(),
        changed: 0,
        errors: Vec::new(),
        error_count: 0,
        answered: BTreeMap::new(),
        completeness: BTreeMap::new(),
        findings: BTreeMap::new(),
        offers: BTreeMap::new(),
        actions: BTreeMap::new(),
        offer_sets: BTreeMap::new(),
        scales: BTreeMap::new(),
        examples: Vec::new(),
        max_examples: args.examples,
    };
    let work = |line: &Line| score_both(line, &a, &b);
    ndjson::for_each_ordered(&mut lines, ndjson::workers(), work, |r, _| {
        match r {
            Ok(s) => acc.add(*s),
            Err(e) => {
                acc.error_count += 1;
                if acc.errors.len() < 20 {
                    acc.errors.push(e);
                }
            }
        }
        Ok(())
    })
    .map_err(|e| Failure::usage(format!("{}: {e}", args.input.display())))?;
    let report = finish(acc, &a, &b, args.input.display().to_string());
    if let Some(path) = &args.html {
        std::fs::write(path, crate::diff_html::render(&report))
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    }
    if args.json {
        let v = serde_json::to_value(&report).unwrap_or_default();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print!("{}", markdown(&report));
    }
    Ok(if report.error_count > 0 { 1 } else { 0 })
}

fn score_both(
    line: &Line,
    a: &Arc<CompiledForm>,
    b: &Arc<CompiledForm>,
) -> Result<Box<Scored>, LineError> {
    let rec = line.record()?;
    let both = compare::compare_response(&rec.response, a, b);
    Ok(Box::new(Scored {
        line: rec.line,
        label: rec.label(),
        family: rec.family_key(),
        answered: rec.response.answers.keys().cloned().collect(),
        answers: rec.response.answers,
        a: both.from,
        b: both.to,
        change: both.change,
    }))
}

fn finish(acc: Acc, a: &CompiledForm, b: &CompiledForm, input: String) -> Report {
    let ids = |f: &CompiledForm| -> Vec<String> {
        f.def()
            .items
            .iter()
            .filter(|i| i.kind != trygg::model::ItemType::Display)
            .map(|i| i.id.clone())
            .collect()
    };
    let (ia, ib) = (ids(a), ids(b));
    let only = |x: &[String], y: &[String]| -> Vec<OnlyIn> {
        x.iter()
            .filter(|i| !y.contains(i))
            .map(|i| OnlyIn {
                item: i.clone(),
                answered: acc.answered.get(i).copied().unwrap_or(0),
            })
            .collect()
    };
    let n = acc.responses;
    let close = |m: BTreeMap<String, Transition>, order: &[String]| -> Vec<Transition> {
        let mut v: Vec<Transition> = m
            .into_values()
            .map(|mut t| {
                t.absent = n - t.kept - t.gone - t.new;
                t
            })
            .collect();
        v.sort_by_key(|t| {
            (
                order.iter().position(|o| o == &t.id).unwrap_or(usize::MAX),
                t.id.clone(),
            )
        });
        v
    };
    // Findings in form order (the first version's, then new ones), with zero rows for
    // findings no response made, so a reader sees every finding.
    let mut forder: Vec<String> = a.def().findings.iter().map(|f| f.id.clone()).collect();
    for f in &b.def().findings {
        if !forder.contains(&f.id) {
            forder.push(f.id.clone());
        }
    }
    let mut findings = acc.findings;
    for id in &forder {
        findings.entry(id.clone()).or_insert_with(|| Transition {
            id: id.clone(),
            ..Default::default()
        });
    }
    let mut sorder: Vec<String> = a.def().scales.iter().map(|s| s.id.clone()).collect();
    for s in &b.def().scales {
        if !sorder.contains(&s.id) {
            sorder.push(s.id.clone());
        }
    }
    let mut scales: Vec<ScaleReport> = acc
        .scales
        .into_iter()
        .map(|(id, s)| {
            let [ha, hb] = &s.hist;
            let from = dist(ha, s.none[0], s.positive[0], s.decidable[0]);
            let to = dist(hb, s.none[1], s.positive[1], s.decidable[1]);
            let moved = ha != hb
                || s.positive[0] != s.positive[1]
                || s.decidable[0] != s.decidable[1]
                || s.none[0] != s.none[1];
            ScaleReport {
                id,
                from,
                to,
                moved,
                changed: s.changed,
            }
        })
        .collect();
    scales.sort_by_key(|s| sorder.iter().position(|o| o == &s.id).unwrap_or(usize::MAX));
    let mut offer_sets: Vec<Pair> = acc
        .offer_sets
        .into_iter()
        .map(|((from, to), count)| Pair { from, to, count })
        .collect();
    offer_sets.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then(x.from.cmp(&y.from))
            .then(x.to.cmp(&y.to))
    });
    offer_sets.truncate(20);
    let unknown_items = acc
        .answered
        .iter()
        .filter(|(k, _)| !ia.contains(k) && !ib.contains(k))
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    Report {
        from: Version::of(a),
        to: Version::of(b),
        input,
        responses: n,
        families: acc.families.len() as u64,
        changed_responses: acc.changed,
        changed_families: acc.changed_families.len() as u64,
        error_count: acc.error_count,
        errors: acc
            .errors
            .iter()
            .map(|e| json!({ "code": e.code, "line": e.line, "message": e.message }))
            .collect(),
        definition: compare::compare_forms(a.def(), b.def()),
        only_in_from: only(&ia, &ib),
        only_in_to: only(&ib, &ia),
        unknown_items,
        completeness: acc
            .completeness
            .into_iter()
            .map(|((from, to), count)| Pair { from, to, count })
            .collect(),
        findings: close(findings, &forder),
        offers: close(acc.offers, &[]),
        actions: close(acc.actions, &[]),
        offer_sets,
        scales,
        examples: acc.examples,
    }
}

/// One line of the definition changes, for the Markdown and HTML reports.
pub enum Def {
    /// Kind and id of an added entry.
    Added(&'static str, String),
    /// Kind and id of a removed entry.
    Removed(&'static str, String),
    /// What (`form`, `scale stress`), field, before, after — wording left out.
    Changed(String, String, String, String),
    /// Entries and fields whose only change is wording (titles, texts, labels).
    Wording(Vec<String>),
}

/// Keys that hold wording, not behaviour.
const WORDING: [&str; 6] = ["title", "description", "text", "help", "label", "citation"];

/// A value with its wording removed (recursively).
fn behaviour(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !WORDING.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), behaviour(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(behaviour).collect()),
        other => other.clone(),
    }
}

/// The definition changes as report lines: behaviour changes one by one (without their
/// wording), wording-only changes gathered in one line.
pub fn definition_lines(r: &Report) -> Vec<Def> {
    let d = &r.definition;
    let mut out = Vec::new();
    let mut wording = Vec::new();
    let mut change = |what: String, ch: &trygg::compare::FieldChange, out: &mut Vec<Def>| {
        let (b, a) = (behaviour(&ch.before), behaviour(&ch.after));
        if WORDING.contains(&ch.field.as_str()) || b == a {
            wording.push(format!("{what} {}", ch.field));
        } else {
            out.push(Def::Changed(
                what,
                ch.field.clone(),
                short(&b, 120),
                short(&a, 120),
            ));
        }
    };
    for ch in &d.form {
        change("form".into(), ch, &mut out);
    }
    for (kind, e) in [
        ("item", &d.items),
        ("scale", &d.scales),
        ("finding", &d.findings),
        ("rule", &d.rules),
    ] {
        for id in &e.removed {
            out.push(Def::Removed(kind, id.clone()));
        }
        for id in &e.added {
            out.push(Def::Added(kind, id.clone()));
        }
        for ch in &e.changed {
            change(format!("{kind} `{}`", ch.id), ch, &mut out);
        }
    }
    if !wording.is_empty() {
        out.push(Def::Wording(wording));
    }
    out
}

/// A percentage of `n`.
pub fn pct(x: u64, n: u64) -> String {
    if n == 0 {
        "—".into()
    } else {
        format!("{:.1} %", 100.0 * x as f64 / n as f64)
    }
}

/// A number for reports: integers without decimals, others with two.
pub fn num(x: Option<f64>) -> String {
    match x {
        None => "—".into(),
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
    }
}

/// Compact JSON, cut to `max` characters.
pub fn short(v: &Value, max: usize) -> String {
    let s = trygg::to_canonical_string(v);
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let mut m = String::new();
    let n = r.responses;
    let _ = writeln!(m, "# trygg diff: {} → {}\n", r.from.name(), r.to.name());
    let _ = writeln!(
        m,
        "- from: `{}` ({}, `{}`)\n- to: `{}` ({}, `{}`)\n- input: `{}` — {} responses from {} families{}\n",
        r.from.name(),
        r.from.status,
        r.from.hash,
        r.to.name(),
        r.to.status,
        r.to.hash,
        r.input,
        n,
        r.families,
        if r.error_count > 0 {
            format!(", **{} lines with errors** (not scored)", r.error_count)
        } else {
            String::new()
        }
    );
    let _ = writeln!(m, "## Summary\n");
    let _ = writeln!(
        m,
        "- **{} of {} respondents ({}) change outcome** (completeness, findings, offers or urgent actions).",
        r.changed_responses,
        n,
        pct(r.changed_responses, n)
    );
    let _ = writeln!(
        m,
        "- **{} of {} families ({})** have at least one respondent whose outcome changes.",
        r.changed_families,
        r.families,
        pct(r.changed_families, r.families)
    );
    for t in r.findings.iter().filter(|t| t.new + t.gone > 0) {
        let _ = writeln!(
            m,
            "- finding `{}`: {} → {} respondents ({} new, {} no longer).",
            t.id,
            t.before(),
            t.after(),
            t.new,
            t.gone
        );
    }
    for t in r.actions.iter().filter(|t| t.new + t.gone > 0) {
        let _ = writeln!(
            m,
            "- urgent action `{}`: {} → {} respondents.",
            t.id,
            t.before(),
            t.after()
        );
    }
    let moved: Vec<String> = r
        .scales
        .iter()
        .filter(|s| s.moved)
        .map(|s| format!("`{}`", s.id))
        .collect();
    let _ = writeln!(
        m,
        "- scales whose distribution moved: {}.\n",
        if moved.is_empty() {
            "none".into()
        } else {
            moved.join(", ")
        }
    );
    if !r.only_in_to.is_empty() {
        let unanswered: Vec<&str> = r
            .only_in_to
            .iter()
            .filter(|o| o.answered == 0)
            .map(|o| o.item.as_str())
            .collect();
        if !unanswered.is_empty() {
            let _ =
                writeln!(
                m,
                "> **Note:** {} new item(s) of {} were answered by no response in the input ({}). \
                 Under {} they count as unanswered, so findings that need them cannot be made and \
                 required ones make responses incomplete. For a fair comparison use responses that \
                 answer both versions' items (e.g. `trygg synth --form {} --form {}`).\n",
                unanswered.len(),
                r.to.name(),
                unanswered.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "),
                r.to.name(),
                r.from.name(),
                r.to.name()
            );
        }
    }
    // The definition.
    let _ = writeln!(m, "## What changed in the definition\n");
    let lines = definition_lines(r);
    let any = !lines.is_empty();
    for l in &lines {
        let _ = match l {
            Def::Added(kind, id) => writeln!(m, "- {kind} `{id}` added"),
            Def::Removed(kind, id) => writeln!(m, "- {kind} `{id}` removed"),
            Def::Changed(what, field, before, after) => {
                writeln!(m, "- {what}: `{field}` `{before}` → `{after}`")
            }
            Def::Wording(list) => writeln!(m, "- wording changed: {}", list.join(", ")),
        };
    }
    if !any {
        let _ = writeln!(m, "No differences (apart from the version).");
    }
    let _ = writeln!(m);
    if !r.only_in_from.is_empty() || !r.only_in_to.is_empty() || !r.unknown_items.is_empty() {
        let _ = writeln!(m, "## Items in one version only\n");
        let _ = writeln!(
            m,
            "| item | only in | answered in the input | answers dropped |"
        );
        let _ = writeln!(m, "| --- | --- | ---: | --- |");
        for o in &r.only_in_from {
            let _ = writeln!(
                m,
                "| `{}` | {} | {} | under {} |",
                o.item, r.from.version, o.answered, r.to.version
            );
        }
        for o in &r.only_in_to {
            let _ = writeln!(
                m,
                "| `{}` | {} | {} | under {} |",
                o.item, r.to.version, o.answered, r.from.version
            );
        }
        for (i, c) in &r.unknown_items {
            let _ = writeln!(m, "| `{}` | neither | {c} | under both |", cell(i));
        }
        let _ = writeln!(m);
    }
    let _ = writeln!(m, "## Completeness\n");
    let _ = writeln!(
        m,
        "| {} ↓ / {} → | complete | incomplete | invalid |",
        r.from.version, r.to.version
    );
    let _ = writeln!(m, "| --- | ---: | ---: | ---: |");
    for from in ["complete", "incomplete", "invalid"] {
        let get = |to: &str| {
            r.completeness
                .iter()
                .find(|p| p.from == from && p.to == to)
                .map_or(0, |p| p.count)
        };
        let _ = writeln!(
            m,
            "| {from} | {} | {} | {} |",
            get("complete"),
            get("incomplete"),
            get("invalid")
        );
    }
    let _ = writeln!(m);
    for (title, what, list) in [
        ("Findings", "finding", &r.findings),
        ("Offers", "offer", &r.offers),
        ("Urgent actions", "action", &r.actions),
    ] {
        let _ = writeln!(m, "## {title}\n");
        if list.is_empty() {
            let _ = writeln!(m, "None under either version.\n");
            continue;
        }
        let _ = writeln!(
            m,
            "| {what} | {} | {} | present → present | absent → present | present → absent | absent → absent |",
            r.from.version, r.to.version
        );
        let _ = writeln!(m, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for t in list {
            let mark = if t.new + t.gone > 0 { "**" } else { "" };
            let _ = writeln!(
                m,
                "| {mark}{}{mark} | {} | {} | {} | {} | {} | {} |",
                cell(&t.id),
                t.before(),
                t.after(),
                t.kept,
                t.new,
                t.gone,
                t.absent
            );
        }
        let _ = writeln!(m);
    }
    if !r.offer_sets.is_empty() {
        let _ = writeln!(m, "## How respondents' offers change (most common)\n");
        let _ = writeln!(m, "| {} | {} | respondents |", r.from.version, r.to.version);
        let _ = writeln!(m, "| --- | --- | ---: |");
        for p in &r.offer_sets {
            let _ = writeln!(m, "| {} | {} | {} |", p.from, p.to, p.count);
        }
        let _ = writeln!(m);
    }
    let _ = writeln!(m, "## Scales\n");
    let _ = writeln!(
        m,
        "| scale | with a value | mean | median | positive rate | values changed | moved |"
    );
    let _ = writeln!(m, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for s in &r.scales {
        let rate = |d: &Dist| {
            d.positive_rate
                .map_or("—".into(), |p| format!("{:.1} %", p * 100.0))
        };
        let _ = writeln!(
            m,
            "| `{}` | {} → {} | {} → {} | {} → {} | {} → {} | {} | {} |",
            s.id,
            s.from.n,
            s.to.n,
            num(s.from.mean),
            num(s.to.mean),
            num(s.from.median),
            num(s.to.median),
            rate(&s.from),
            rate(&s.to),
            s.changed,
            if s.moved { "**yes**" } else { "no" }
        );
    }
    let _ = writeln!(m);
    if !r.examples.is_empty() {
        let _ = writeln!(m, "## The first {} changed responses\n", r.examples.len());
        for (i, e) in r.examples.iter().enumerate() {
            let _ = writeln!(m, "### {}. {} (line {})\n", i + 1, cell(&e.label), e.line);
            example_md(&mut m, e, r);
            let _ = writeln!(m);
        }
    }
    if r.error_count > 0 {
        let _ = writeln!(m, "## Input errors ({})\n", r.error_count);
        for e in &r.errors {
            let _ = writeln!(
                m,
                "- line {}: `{}`: {}",
                e["line"],
                e["code"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default()
            );
        }
        let _ = writeln!(m);
    }
    m
}

fn example_md(m: &mut String, e: &Example, r: &Report) {
    let ver = |sign: &str| {
        if sign == "+" {
            &r.to.version
        } else {
            &r.from.version
        }
    };
    if let Some((a, b)) = &e.completeness {
        let _ = writeln!(m, "- completeness: {a} → {b}");
    }
    for f in &e.findings {
        let sign = f["change"].as_str().unwrap_or_default();
        let _ = writeln!(
            m,
            "- {} finding `{}` ({}) — under {} because `{}` read `{}`; under {} it reads `{}`",
            if sign == "+" {
                "**new**"
            } else {
                "**no longer**"
            },
            f["id"].as_str().unwrap_or_default(),
            f["severity"].as_str().unwrap_or_default(),
            ver(sign),
            short(&f["when"], 160),
            short(&f["read"], 200),
            ver(if sign == "+" { "-" } else { "+" }),
            short(&f["otherVersionReads"], 200)
        );
    }
    for o in &e.offers {
        let sign = o["change"].as_str().unwrap_or_default();
        let rules: Vec<String> = o["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| {
                format!(
                    "rule `{}` (findings {})",
                    x["rule"].as_str().unwrap_or_default(),
                    short(&x["findings"], 80)
                )
            })
            .collect();
        let _ = writeln!(
            m,
            "- {} offer {} — under {} from {}",
            if sign == "+" {
                "**new**"
            } else {
                "**no longer**"
            },
            o["offer"].as_str().unwrap_or_default(),
            ver(sign),
            rules.join(", ")
        );
    }
    for a in &e.actions {
        let sign = a["change"].as_str().unwrap_or_default();
        let _ = writeln!(
            m,
            "- {} URGENT {} — under {} from rules {}",
            if sign == "+" {
                "**new**"
            } else {
                "**no longer**"
            },
            a["action"].as_str().unwrap_or_default(),
            ver(sign),
            short(&a["rules"], 120)
        );
    }
    for s in &e.scales {
        let _ = writeln!(m, "- scale `{}`: {}", s.id, scale_change(s, r));
    }
}

/// `before → after`, saying when the scale exists in one version only.
pub fn scale_change(s: &ScaleChange, r: &Report) -> String {
    let side = |v: Option<f64>, list: &[String], version: &str| {
        if list.contains(&s.id) {
            format!("(not in {version})")
        } else {
            num(v)
        }
    };
    format!(
        "{} → {}",
        side(s.before, &r.definition.scales.added, &r.from.version),
        side(s.after, &r.definition.scales.removed, &r.to.version)
    )
}
