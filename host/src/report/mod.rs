//! The version-comparison report: how outcomes would change if version B replaced version
//! A over a set of responses — and why. One model, two renderers ([`markdown`], [`html`]),
//! used by `trygg diff` (CLI, streaming, in parallel) and the studio (`Engine.compareReport`
//! in the wasm module, over NDJSON text held in the tab): the same inputs give the same
//! report bytes in both.
//!
//! Every response is scored under both versions with `trygg::compare::compare_response`
//! (answers carried over by item id, outcomes compared with their reasons) and added to a
//! [`Builder`], which aggregates it into one [`Report`]; the report's words come from
//! `trygg::explain` and the form's own texts in the report's locale (`sv` or `en`).

pub mod html;
pub mod markdown;
pub mod programme;
mod words;

pub use html::html;
pub use markdown::markdown;

use crate::ndjson::{LineError, Record};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use trygg::compare::{self, FormChanges, OutcomeChange, ScaleChange};
use trygg::model::{Offer, Text};
use trygg::{CompiledForm, Outcome};

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
            status: name(&f.status()),
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
    /// What a clinician reads: the finding's title, the offer or action in words, in the
    /// report's locale (the id when the form has no title).
    pub title: String,
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
    /// The scale's title in the report's locale (the id when it has none).
    pub title: String,
    /// The scale's cut-off values under each version (every profile's, distinct, ascending).
    pub cutoffs_from: Vec<f64>,
    pub cutoffs_to: Vec<f64>,
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
    /// The report's language: `sv` or `en` (titles, reasons and the report's own words).
    pub locale: String,
    pub from: Version,
    pub to: Version,
    pub input: String,
    pub responses: u64,
    /// Responses marked `"synthetic": true` (made up by `trygg synth`, never real data).
    pub synthetic: u64,
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

/// One response scored under both versions (made by [`Scored::of`], added to a
/// [`Builder`]); a shell may make them in parallel and add them in input order.
pub struct Scored {
    line: u64,
    label: String,
    family: String,
    answered: Vec<String>,
    answers: serde_json::Map<String, Value>,
    a: Outcome,
    b: Outcome,
    /// The responses as carried to each version (for explanations).
    ra: trygg::Response,
    rb: trygg::Response,
    synthetic: bool,
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

/// The report being built: add scored responses and line errors in input order, then
/// [`Builder::finish`].
pub struct Builder {
    responses: u64,
    synthetic: u64,
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
    /// Both versions, to explain the examples' reasons in words.
    forms: (Arc<CompiledForm>, Arc<CompiledForm>),
    locale: String,
    /// Offer label or action → its words in the report's locale.
    titles: BTreeMap<String, String>,
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

impl Builder {
    /// Add one scored response.
    pub fn add(&mut self, s: Scored) {
        self.responses += 1;
        if s.synthetic {
            self.synthetic += 1;
        }
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
        for o in s.a.offers.iter().chain(&s.b.offers) {
            let label = offer_label(&o.offer);
            if !self.titles.contains_key(&label) {
                let words = trygg::explain::offer_words(&o.offer, &self.locale);
                self.titles.insert(label, words);
            }
        }
        for a in s.a.actions.iter().chain(&s.b.actions) {
            let key = name(&a.action);
            if !self.titles.contains_key(&key) {
                let words = trygg::explain::action_words(a.action, &self.locale).to_string();
                self.titles.insert(key, words);
            }
        }
        let set = |o: &Outcome| -> BTreeSet<String> {
            o.offers.iter().map(|f| offer_label(&f.offer)).collect()
        };
        tally(&mut self.offers, &set(&s.a), &set(&s.b));
        let set = |o: &Outcome| -> BTreeSet<String> {
            o.actions.iter().map(|a| name(&a.action)).collect()
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
                self.examples.push(example(&s, &self.forms, &self.locale));
            }
        }
    }
}

fn example(s: &Scored, forms: &(Arc<CompiledForm>, Arc<CompiledForm>), locale: &str) -> Example {
    let c = &s.change;
    // The reasons in words (trygg::explain), from the version where each entry was made.
    let ea = trygg::explain(&forms.0, &s.ra, &s.a, locale, &[]);
    let eb = trygg::explain(&forms.1, &s.rb, &s.b, locale, &[]);
    let side = |sign: &str| if sign == "+" { &eb } else { &ea };
    let finding_words = |sign: &str, id: &str| -> Value {
        let e = side(sign);
        match e.findings.iter().find(|f| f.id == id) {
            Some(f) => json!({
                "title": f.title,
                "reasons": f.reasons.iter().map(|r| e.reason_text(r)).collect::<Vec<_>>(),
            }),
            None => Value::Null,
        }
    };
    let offer_words = |sign: &str, o: &trygg::model::Offer| -> Value {
        let e = side(sign);
        match e.offers.iter().find(|x| &x.offer == o) {
            Some(x) => json!({
                "text": x.text,
                "private": x.private,
                "rules": x.rules.iter().map(|r| e.rule_text(r)).collect::<Vec<_>>(),
            }),
            None => Value::Null,
        }
    };
    let action_words = |sign: &str, a: trygg::model::Action| -> Value {
        let e = side(sign);
        match e.actions.iter().find(|x| x.action == a) {
            Some(x) => json!({
                "text": x.text,
                "rules": x.rules.iter().map(|r| e.rule_text(r)).collect::<Vec<_>>(),
            }),
            None => Value::Null,
        }
    };
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
        json!({ "change": sign, "id": f.id, "severity": name(&f.severity),
                "when": f.because.when, "read": f.because.read, "otherVersionReads": there,
                "words": finding_words(sign, &f.id) })
    };
    let offer = |sign: &str, o: &trygg::outcome::OfferResult| {
        json!({ "change": sign, "offer": offer_label(&o.offer),
                "rules": o.because.iter().map(|r| json!({ "rule": r.rule, "findings": r.findings })).collect::<Vec<_>>(),
                "words": offer_words(sign, &o.offer) })
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
            .map(|a| json!({ "change": "-", "action": name(a), "rules": rules_for(&s.a, *a), "words": action_words("-", *a) }))
            .chain(c.actions_added.iter().map(
                |a| json!({ "change": "+", "action": name(a), "rules": rules_for(&s.b, *a), "words": action_words("+", *a) }),
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

impl Builder {
    /// An empty report of `a` → `b`, keeping the first `max_examples` changed responses.
    pub fn new(
        a: Arc<CompiledForm>,
        b: Arc<CompiledForm>,
        max_examples: usize,
        locale: &str,
    ) -> Builder {
        Builder {
            locale: words::locale(locale).to_string(),
            titles: BTreeMap::new(),
            responses: 0,
            synthetic: 0,
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
            max_examples,
            forms: (a, b),
        }
    }

    /// Count a line that is not a response (the first 20 are kept in the report).
    pub fn error(&mut self, e: LineError) {
        self.error_count += 1;
        if self.errors.len() < 20 {
            self.errors.push(e);
        }
    }

    /// The report; `input` names the responses (a file name, or a description).
    pub fn finish(self, input: String) -> Report {
        let (a, b) = (self.forms.0.clone(), self.forms.1.clone());
        let locale = self.locale.clone();
        let titles = self.titles.clone();
        let mut r = finish(self, &a, &b, input);
        let title = |f: &CompiledForm, t: Option<&Text>| t.and_then(|t| text_in(t, &locale, f));
        for t in &mut r.findings {
            let of = |f: &CompiledForm| {
                f.def()
                    .findings
                    .iter()
                    .find(|x| x.id == t.id)
                    .and_then(|x| title(f, x.title.as_ref()))
            };
            t.title = of(&b).or_else(|| of(&a)).unwrap_or_else(|| t.id.clone());
        }
        for t in r.offers.iter_mut().chain(r.actions.iter_mut()) {
            t.title = titles.get(&t.id).cloned().unwrap_or_else(|| t.id.clone());
        }
        for sc in &mut r.scales {
            let def = |f: &CompiledForm| f.def().scales.iter().find(|x| x.id == sc.id).cloned();
            let (da, db) = (def(&a), def(&b));
            sc.title = db
                .as_ref()
                .and_then(|d| title(&b, d.title.as_ref()))
                .or_else(|| da.as_ref().and_then(|d| title(&a, d.title.as_ref())))
                .unwrap_or_else(|| sc.id.clone());
            let cuts = |d: Option<&trygg::model::Scale>| {
                let mut v: Vec<f64> = d
                    .map(|d| d.cutoffs.iter().map(|c| c.value).collect())
                    .unwrap_or_default();
                v.sort_by(f64::total_cmp);
                v.dedup();
                v
            };
            sc.cutoffs_from = cuts(da.as_ref());
            sc.cutoffs_to = cuts(db.as_ref());
        }
        r.locale = locale;
        r
    }
}

fn finish(acc: Builder, a: &CompiledForm, b: &CompiledForm, input: String) -> Report {
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
                title: id.clone(),
                cutoffs_from: Vec::new(),
                cutoffs_to: Vec::new(),
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
        locale: String::new(),
        from: Version::of(a),
        to: Version::of(b),
        input,
        responses: n,
        synthetic: acc.synthetic,
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
    /// Kind (in the report's language) and id of an added entry.
    Added(String, String),
    /// Kind (in the report's language) and id of a removed entry.
    Removed(String, String),
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
    let w = words::W::of(r);
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
        change(w.kind("form"), ch, &mut out);
    }
    for (kind, e) in [
        ("item", &d.items),
        ("scale", &d.scales),
        ("finding", &d.findings),
        ("rule", &d.rules),
    ] {
        for id in &e.removed {
            out.push(Def::Removed(w.kind(kind), id.clone()));
        }
        for id in &e.added {
            out.push(Def::Added(w.kind(kind), id.clone()));
        }
        for ch in &e.changed {
            change(format!("{} `{}`", w.kind(kind), ch.id), ch, &mut out);
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

/// Urgent actions first, then findings (urgent first), then offers.
pub fn urgent_first(findings: &[Value]) -> Vec<&Value> {
    let mut f: Vec<&Value> = findings.iter().collect();
    f.sort_by_key(|x| x["severity"].as_str() != Some("urgent"));
    f
}

/// `before → after`, saying when the scale exists in one version only.
pub fn scale_change(s: &ScaleChange, r: &Report) -> String {
    let side = |v: Option<f64>, list: &[String], version: &str| {
        if list.contains(&s.id) {
            format!(
                "({} {version})",
                words::W::of(r).t("not in", "finns inte i")
            )
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

/// A form's own text in `locale` (else its first locale); licensed wording (a text-pack
/// key) is not in the form, so `None` (the report then names the id).
fn text_in(t: &Text, locale: &str, f: &CompiledForm) -> Option<String> {
    match t {
        Text::Localized(map) => map
            .get(locale)
            .or_else(|| f.def().locales.first().and_then(|l| map.get(l)))
            .or_else(|| map.values().next())
            .cloned(),
        _ => None,
    }
}

/// `v.words[key]` of an example entry (`null` when absent), for the renderers.
pub(crate) fn word<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get("words")
        .and_then(|w| w.get(key))
        .unwrap_or(&Value::Null)
}

/// A serde unit enum's name (`"urgent"`, `"active"`).
fn name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Compare `a` → `b` over the NDJSON `text` (records as `trygg diff` reads them).
pub fn over_ndjson(
    a: Arc<CompiledForm>,
    b: Arc<CompiledForm>,
    text: &str,
    max_examples: usize,
    locale: &str,
    input: String,
) -> Report {
    let mut builder = Builder::new(a.clone(), b.clone(), max_examples, locale);
    for r in crate::ndjson::records(text) {
        match r {
            Ok(rec) => builder.add(*Scored::of(rec, &a, &b)),
            Err(e) => builder.error(e),
        }
    }
    builder.finish(input)
}

impl Scored {
    /// Score one record under `a` and `b`.
    pub fn of(rec: Record, a: &CompiledForm, b: &CompiledForm) -> Box<Scored> {
        let both = compare::compare_response(&rec.response, a, b);
        Box::new(Scored {
            line: rec.line,
            label: rec.label(),
            family: rec.family_key(),
            answered: rec.response.answers.keys().cloned().collect(),
            answers: rec.response.answers,
            a: both.from,
            b: both.to,
            ra: both.from_response,
            rb: both.to_response,
            synthetic: rec.synthetic,
            change: both.change,
        })
    }
}
