//! Synthetic responses for demos, benchmarks and pilots: deterministic, marked, and
//! answered only where the skip logic shows a question.
//!
//! Every record is marked `"synthetic": true` (an NDJSON envelope field): synthetic data must
//! never pass for real data. Same forms, seed, profile and config → the same bytes, on every
//! runtime: the generator ([`Rng`]) is written here once, in integer arithmetic plus IEEE
//! `+ - * /` (no `powi`, no platform maths), so `trygg synth` natively and `Engine.synth` in
//! WebAssembly write identical NDJSON (`tests/vectors/synth/`). The engine itself stays free
//! of randomness; this module is behind the host's `authoring` feature (the studio and the
//! CLI use it, a runtime build leaves it out).
//!
//! How answers are drawn:
//! - Which answer is the *unconcerning* one is learnt from the form itself: the engine
//!   scores a neutral response with each candidate value of each item, and the value that
//!   leads to the fewest findings, offers and actions is the default answer (so "I have
//!   support: yes" and "my child sleeps on the back: yes" come out right without any
//!   per-form table). Other values are ordered by how much concern they raise.
//! - Each respondent draws a latent *burden* (most low, a minority high), which scales the
//!   chance of concerning answers: positives cluster in the same people, as in real data.
//! - Visible items are answered (a few left missing or declined); answers to items the
//!   skip logic hides are removed, except for a small share kept deliberately (the
//!   `hidden` setting, 1 % in the realistic profile, 0 in the negative one).

use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;
use trygg::input::quote;
use trygg::model::{Item, ItemType};
use trygg::{CompiledForm, Error, Response};

/// Most records [`crate::EngineCore::synth`] builds in memory in one call (a shell that
/// streams, like the CLI, uses [`Synth::write`] without this bound).
pub const MAX_RECORDS_IN_MEMORY: u64 = 100_000;

/// The built-in answer-frequency profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Most answers unconcerning, a realistic minority concerning, some missing/declined.
    Realistic,
    /// A high-risk population: about three times as many concerning answers.
    HighRisk,
    /// Every value equally likely, more missing and declined: edge cases, not realism.
    Uniform,
    /// Every answer unconcerning and nothing missing: a control group.
    Negative,
}

impl Profile {
    /// Every profile, in the order of the docs.
    pub const ALL: [Profile; 4] = [
        Profile::Realistic,
        Profile::HighRisk,
        Profile::Uniform,
        Profile::Negative,
    ];

    /// The profile's name (`realistic`, `high-risk`, `uniform`, `negative`).
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Realistic => "realistic",
            Profile::HighRisk => "high-risk",
            Profile::Uniform => "uniform",
            Profile::Negative => "negative",
        }
    }

    /// The profile of a name.
    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

/// Weights by value.
type Weights = BTreeMap<String, f64>;
/// Weighted values per respondent (`parent-1`, `parent-2`).
type PerRespondent = BTreeMap<String, Vec<(String, f64)>>;

/// Per-run settings over the profile's (the CLI's `--config` file, `config` in
/// `Engine.synth`'s options).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Config {
    /// Share of visible items left unanswered.
    pub missing: Option<f64>,
    /// Share of declinable items declined.
    pub declined: Option<f64>,
    /// Share of hidden items answered anyway (their answers are ignored by the engine).
    pub hidden: Option<f64>,
    /// Share of families where only one parent answers.
    pub single_parent: Option<f64>,
    /// Multiplier of the chance of concerning answers.
    pub risk: Option<f64>,
    /// Locale → weight.
    pub locales: Option<BTreeMap<String, f64>>,
    /// Attribute → respondent (`parent-1`, `parent-2`, or `*`) → value → weight.
    pub attributes: Option<BTreeMap<String, BTreeMap<String, Weights>>>,
    /// Item → answer value (`true`, `false`, an option value, `missing`, `declined`) →
    /// probability. Values not named share what is left in the default proportions.
    pub items: Option<BTreeMap<String, BTreeMap<String, f64>>>,
}

/// SplitMix64 (seeding) feeding xoshiro256** (draws): small, fast, well studied.
pub struct Rng([u64; 4]);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng([next(), next(), next(), next()])
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.0;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// An index drawn by weight (the last index when weights are all zero).
    pub fn pick(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// How one item is answered.
struct ItemModel {
    id: String,
    kind: ItemType,
    /// Candidate values, least concerning first.
    values: Vec<Value>,
    /// Fixed probabilities per value (from the config), else `None`.
    fixed: Option<Vec<f64>>,
    /// Chance of a concerning (non-first) value before the respondent's burden.
    base: f64,
    missing: f64,
    declined: f64,
    item: Item,
}

struct Model {
    forms: Vec<Arc<CompiledForm>>,
    items: Vec<ItemModel>,
    locales: Vec<(String, f64)>,
    attributes: Vec<(String, PerRespondent)>,
    checkup: Option<(u32, u32)>,
    hidden: f64,
    single_parent: f64,
    risk: f64,
    profile: Profile,
}

fn config_error(pointer: &str, msg: impl Into<String>) -> Error {
    Error::new("synth.config", pointer, msg.into())
}

impl Config {
    /// A config from JSON text (unknown fields are errors, `synth.config`).
    pub fn from_json(text: &str) -> Result<Config, Error> {
        serde_json::from_str(text).map_err(|e| config_error("", e.to_string()))
    }
}

/// What [`Synth::write`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Records (lines).
    pub records: u64,
    /// Families they belong to.
    pub families: u64,
}

/// A generator over one or more form versions: the records answer the union of their
/// items (the first definition of an id wins), for `trygg diff` over both versions.
pub struct Synth {
    model: Model,
}

impl Synth {
    /// Learn the answer model of `forms` under `profile`, overridden by `config`; a bad
    /// config is a `synth.config` error at its JSON pointer in the config.
    pub fn new(
        forms: Vec<Arc<CompiledForm>>,
        profile: Profile,
        config: Option<&Config>,
    ) -> Result<Synth, Error> {
        Ok(Synth {
            model: build(forms, profile, config)?,
        })
    }

    /// `id@version + id@version` of the forms the records answer.
    pub fn forms(&self) -> String {
        self.model
            .forms
            .iter()
            .map(|f| format!("{}@{}", f.id(), f.version()))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// Generate `n` records from `seed`, each handed to `emit` as one line of canonical
    /// JSON (without its line ending), families kept together.
    pub fn write<E>(
        &self,
        n: u64,
        seed: u64,
        mut emit: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<Written, E> {
        let model = &self.model;
        let mut rng = Rng::new(seed);
        let mut written = 0u64;
        let mut family = 0u64;
        while written < n {
            family += 1;
            let parents = if model.single_respondent() || rng.chance(model.single_parent) {
                1
            } else {
                2
            };
            let fam = format!("fam-{family:06}");
            let age = model
                .checkup
                .map(|(a, b)| a + (rng.next_u64() % u64::from(b.saturating_sub(a) + 1)) as u32);
            for p in 1..=parents {
                if written >= n {
                    break;
                }
                emit(&model.response(&mut rng, &fam, p, age))?;
                written += 1;
            }
        }
        Ok(Written {
            records: written,
            families: family,
        })
    }

    /// `n` records as NDJSON text (each line ending in `\n`).
    pub fn to_ndjson(&self, n: u64, seed: u64) -> String {
        let mut out = String::new();
        let _ = self.write(n, seed, |line| -> Result<(), ()> {
            out.push_str(line);
            out.push('\n');
            Ok(())
        });
        out
    }
}

fn build(
    forms: Vec<Arc<CompiledForm>>,
    profile: Profile,
    config: Option<&Config>,
) -> Result<Model, Error> {
    let Some(first) = forms.first().cloned() else {
        return Err(Error::new(
            "synth.no_form",
            "",
            "synth needs at least one form",
        ));
    };
    let def = first.def();
    let (missing, declined, hidden, risk) = match profile {
        Profile::Realistic => (0.004, 0.01, 0.01, 1.0),
        Profile::HighRisk => (0.008, 0.02, 0.01, 3.0),
        Profile::Uniform => (0.08, 0.08, 0.05, 1.0),
        Profile::Negative => (0.0, 0.0, 0.0, 0.0),
    };
    let empty = Config::default();
    let c = config.unwrap_or(&empty);
    for (key, v) in [
        ("missing", c.missing),
        ("declined", c.declined),
        ("hidden", c.hidden),
        ("singleParent", c.single_parent),
    ] {
        if let Some(v) = v {
            if !(0.0..=1.0).contains(&v) {
                return Err(config_error(&format!("/{key}"), "must be between 0 and 1"));
            }
        }
    }
    // Items: the union over the forms, the first definition of an id wins.
    let mut items: Vec<ItemModel> = Vec::new();
    for f in &forms {
        let neutral = neutral_answers(f);
        for item in &f.def().items {
            if item.kind == ItemType::Display || items.iter().any(|m| m.id == item.id) {
                continue;
            }
            let (values, step) = ordered_values(f, item, &neutral);
            let base = match profile {
                Profile::Uniform => 1.0 - 1.0 / (values.len().max(1) as f64),
                _ => base_rate(item.kind, values.len(), step),
            };
            items.push(ItemModel {
                id: item.id.clone(),
                kind: item.kind,
                values,
                fixed: None,
                base,
                missing,
                declined: if item.declinable { declined } else { 0.0 },
                item: item.clone(),
            });
        }
    }
    let mut m = Model {
        items,
        locales: Vec::new(),
        attributes: Vec::new(),
        checkup: def.checkup.map(|c| (c.min_age_days, c.max_age_days)),
        hidden: c.hidden.unwrap_or(hidden),
        single_parent: c.single_parent.unwrap_or(0.12),
        risk: c.risk.unwrap_or(risk),
        profile,
        forms: forms.clone(),
    };
    for it in &mut m.items {
        it.missing = c.missing.unwrap_or(it.missing);
        if it.item.declinable {
            it.declined = c.declined.unwrap_or(it.declined);
        }
    }
    // Locales: the first (the default) most of the time.
    m.locales = match &c.locales {
        Some(l) => {
            for k in l.keys() {
                if !def.locales.contains(k) {
                    return Err(config_error(
                        &format!("/locales/{k}"),
                        format!("`{k}` is not a locale of {}", def.id, k = quote(k)),
                    ));
                }
            }
            l.iter().map(|(k, v)| (k.clone(), *v)).collect()
        }
        None => def
            .locales
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.clone(),
                    if i == 0 {
                        0.85
                    } else {
                        0.15 / (def.locales.len() - 1) as f64
                    },
                )
            })
            .collect(),
    };
    // Attributes: `sex` mostly female for parent-1 and male for parent-2; others uniform.
    for a in &def.attributes {
        let mut per: PerRespondent = BTreeMap::new();
        for who in ["parent-1", "parent-2"] {
            let w: Vec<(String, f64)> = a
                .values
                .iter()
                .map(|v| {
                    let w = match (a.id.as_str(), who, v.as_str()) {
                        ("sex", "parent-1", "female") | ("sex", "parent-2", "male") => 0.9,
                        ("sex", _, "female" | "male") => 0.1,
                        _ => 1.0,
                    };
                    (v.clone(), w)
                })
                .collect();
            per.insert(who.to_string(), w);
        }
        if let Some(cfg) = c.attributes.as_ref().and_then(|x| x.get(&a.id)) {
            for (who, weights) in cfg {
                for v in weights.keys() {
                    if !a.values.contains(v) {
                        return Err(config_error(
                            &format!("/attributes/{}/{who}/{v}", a.id),
                            format!("`{v}` is not a value of attribute `{}`", a.id, v = quote(v)),
                        ));
                    }
                }
                let w: Vec<(String, f64)> = weights.iter().map(|(k, v)| (k.clone(), *v)).collect();
                if who == "*" {
                    per.values_mut().for_each(|x| *x = w.clone());
                } else {
                    per.insert(who.clone(), w);
                }
            }
        }
        m.attributes.push((a.id.clone(), per));
    }
    if let Some(cfg) = &c.attributes {
        for k in cfg.keys() {
            if !def.attributes.iter().any(|a| &a.id == k) {
                return Err(config_error(
                    &format!("/attributes/{k}"),
                    format!("the form declares no attribute `{k}`", k = quote(k)),
                ));
            }
        }
    }
    // Per-item frequencies from the config.
    for (id, freq) in c.items.iter().flatten() {
        let Some(it) = m.items.iter_mut().find(|i| &i.id == id) else {
            return Err(config_error(
                &format!("/items/{id}"),
                format!("no item `{id}` in the form(s)", id = quote(id)),
            ));
        };
        let mut fixed = vec![f64::NAN; it.values.len()];
        for (k, p) in freq {
            let ptr = format!("/items/{id}/{k}");
            if !(0.0..=1.0).contains(p) {
                return Err(config_error(&ptr, "must be between 0 and 1"));
            }
            match k.as_str() {
                "missing" => it.missing = *p,
                "declined" if it.item.declinable => it.declined = *p,
                "declined" => {
                    return Err(config_error(
                        &ptr,
                        format!("item `{id}` is not declinable", id = quote(id)),
                    ))
                }
                _ => {
                    let pos = it.values.iter().position(|v| value_key(v) == *k);
                    match pos.and_then(|i| fixed.get_mut(i)) {
                        Some(slot) => *slot = *p,
                        None => {
                            return Err(config_error(
                                &ptr,
                                format!(
                                    "`{}` is not an answer of `{}` (one of {})",
                                    quote(k),
                                    quote(id),
                                    it.values
                                        .iter()
                                        .map(value_key)
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            ))
                        }
                    }
                }
            }
        }
        if fixed.iter().any(|p| !p.is_nan()) {
            let given: f64 = fixed.iter().filter(|p| !p.is_nan()).sum();
            let rest = (1.0 - given).max(0.0);
            let default = default_weights(it.base, it.values.len(), 1.0);
            let unnamed: f64 = fixed
                .iter()
                .zip(&default)
                .filter(|(p, _)| p.is_nan())
                .map(|(_, d)| d)
                .sum();
            for (p, d) in fixed.iter_mut().zip(&default) {
                if p.is_nan() {
                    *p = if unnamed > 0.0 {
                        rest * d / unnamed
                    } else {
                        0.0
                    };
                }
            }
            it.fixed = Some(fixed);
        }
    }
    Ok(m)
}

/// An answer value as a config key: `true`, `false`, or the option value.
fn value_key(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Weights over `n` values, least concerning first: `1 - p` for the first, the rest
/// decaying by half.
fn default_weights(base: f64, n: usize, risk: f64) -> Vec<f64> {
    let p = (base * risk).clamp(0.0, 0.9);
    // 1, 1/2, 1/4, …: halving is exact, so every runtime gets the same weights.
    let mut w = 1.0;
    let tail: Vec<f64> = (1..n)
        .map(|_| {
            let x = w;
            w *= 0.5;
            x
        })
        .collect();
    let sum: f64 = tail.iter().sum();
    std::iter::once(1.0 - p)
        .chain(
            tail.iter()
                .map(|w| if sum > 0.0 { p * w / sum } else { 0.0 }),
        )
        .collect()
}

/// A neutral response: every choice and boolean item at its lowest-scoring value.
fn neutral_answers(form: &CompiledForm) -> Map<String, Value> {
    let mut a = Map::new();
    for item in &form.def().items {
        if let Some(v) = candidates(item).into_iter().next() {
            a.insert(item.id.clone(), v);
        }
    }
    a
}

/// The values a boolean or choice item can take, lowest score first.
fn candidates(item: &Item) -> Vec<Value> {
    match item.kind {
        ItemType::Boolean => {
            let (t, f) = (
                item.score_true.unwrap_or(1.0),
                item.score_false.unwrap_or(0.0),
            );
            if f > t {
                vec![json!(true), json!(false)]
            } else {
                vec![json!(false), json!(true)]
            }
        }
        ItemType::Choice => {
            let mut o: Vec<(f64, usize, &str)> = item
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| (o.score.unwrap_or(0.0), i, o.value.as_str()))
                .collect();
            o.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            o.into_iter().map(|(_, _, v)| json!(v)).collect()
        }
        _ => Vec::new(),
    }
}

/// How much concern an outcome shows.
fn concern(o: &trygg::Outcome) -> u64 {
    use trygg::model::Severity;
    let f: u64 = o
        .findings
        .iter()
        .map(|f| match f.severity {
            Severity::Urgent => 1000,
            Severity::Positive => 100,
            // Info, and any severity a later engine adds.
            _ => 10,
        })
        .sum();
    f + 1000 * o.actions.len() as u64 + o.offers.len() as u64
}

/// An item's values ordered from least to most concerning, learnt by scoring the neutral
/// response with each value in turn (ties keep score order), and the least extra concern
/// any other value raises on its own.
fn ordered_values(
    form: &CompiledForm,
    item: &Item,
    neutral: &Map<String, Value>,
) -> (Vec<Value>, u64) {
    let values = candidates(item);
    if values.len() < 2 {
        return (values, 0);
    }
    let mut scored: Vec<(u64, usize, Value)> = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let mut answers = neutral.clone();
            answers.insert(item.id.clone(), v.clone());
            let r = Response {
                answers,
                ..Response::default()
            };
            (concern(&trygg::evaluate(form, &r)), i, v)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let low = scored.first().map_or(0, |x| x.0);
    let step = scored.get(1).map_or(0, |x| x.0 - low);
    (scored.into_iter().map(|(_, _, v)| v).collect(), step)
}

/// The chance of a concerning answer before the respondent's burden: rare for answers
/// that alone make an urgent finding, uncommon for those that alone screen positive,
/// common for answers that only add to a scale.
fn base_rate(kind: ItemType, values: usize, step: u64) -> f64 {
    match step {
        1000.. => 0.012,
        100.. => 0.05,
        10.. => 0.08,
        _ if kind == ItemType::Choice && values > 2 => 0.2,
        _ => 0.1,
    }
}

impl Model {
    fn single_respondent(&self) -> bool {
        self.forms
            .first()
            .is_some_and(|f| f.def().respondent == trygg::model::RespondentMode::Single)
    }

    /// One synthetic record as canonical JSON.
    fn response(&self, rng: &mut Rng, family: &str, parent: u32, age: Option<u32>) -> String {
        let who = format!("parent-{parent}");
        // Latent burden: most respondents low, a minority high.
        let burden = match rng.pick(&[0.8, 0.15, 0.05]) {
            0 => 0.6,
            1 => 2.2,
            _ => 4.5,
        } * self.risk;
        let mut answers = Map::new();
        for it in &self.items {
            if let Some(v) = self.answer(it, rng, burden) {
                answers.insert(it.id.clone(), v);
            }
        }
        let mut attributes = Map::new();
        for (id, per) in &self.attributes {
            if let Some(w) = per.get(&who) {
                let weights: Vec<f64> = w.iter().map(|x| x.1).collect();
                if let Some((v, _)) = w.get(rng.pick(&weights)) {
                    attributes.insert(id.clone(), json!(v));
                }
            }
        }
        let mut context = Map::new();
        if let Some(a) = age {
            context.insert("childAgeDays".into(), json!(a));
        }
        let lw: Vec<f64> = self.locales.iter().map(|x| x.1).collect();
        if let Some((l, _)) = self.locales.get(rng.pick(&lw)) {
            context.insert("locale".into(), json!(l));
        }
        // Drop answers the skip logic hides (in every form that has the item), keeping a
        // few on purpose.
        let mut hidden_everywhere: Option<Vec<String>> = None;
        for f in &self.forms {
            let own: Map<String, Value> = answers
                .iter()
                .filter(|(k, _)| f.item_index(k).is_some())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let r = Response {
                respondent: trygg::model::Respondent {
                    id: Some(who.clone()),
                    attributes: attributes
                        .iter()
                        .map(|(k, v)| (k.clone(), value_key(v)))
                        .collect(),
                },
                context: context.clone(),
                answers: own,
                ..Response::default()
            };
            let o = trygg::evaluate(f, &r);
            let hidden: Vec<String> = o
                .ignored
                .iter()
                .filter(|i| i.reason == "hidden")
                .map(|i| i.item.clone())
                .collect();
            hidden_everywhere = Some(match hidden_everywhere {
                None => hidden,
                Some(prev) => prev
                    .into_iter()
                    .filter(|id| hidden.contains(id) || f.item_index(id).is_none())
                    .collect(),
            });
        }
        for id in hidden_everywhere.unwrap_or_default() {
            if !rng.chance(self.hidden) {
                answers.remove(&id);
            }
        }
        let mut record = json!({
            "synthetic": true,
            "family": family,
            "id": format!("{family}/{who}"),
            "respondent": { "id": who, "attributes": attributes },
            "context": context,
            "answers": answers,
        });
        // One form: the records name it, as stored responses do. Several: the records
        // answer items no single version has all of, so they name none (they are for
        // `trygg diff`, which scores each under both versions).
        if let ([f], Some(m)) = (self.forms.as_slice(), record.as_object_mut()) {
            m.insert("form".into(), json!(f.id()));
            m.insert("version".into(), json!(f.version()));
        }
        trygg::to_canonical_string(&record)
    }

    fn answer(&self, it: &ItemModel, rng: &mut Rng, burden: f64) -> Option<Value> {
        // One draw decides missing/declined so the shares stay as configured.
        let u = rng.f64();
        if u < it.missing {
            return None;
        }
        if u < it.missing + it.declined {
            return Some(json!({ "declined": true }));
        }
        match it.kind {
            ItemType::Boolean | ItemType::Choice => {
                let weights = match (&it.fixed, self.profile) {
                    (Some(w), _) => w.clone(),
                    (None, Profile::Uniform) => vec![1.0; it.values.len()],
                    (None, _) => default_weights(it.base, it.values.len(), burden),
                };
                it.values.get(rng.pick(&weights)).cloned()
            }
            ItemType::Multi => {
                let n = it.item.options.len();
                if n == 0 || (!it.item.required && !rng.chance(0.5)) {
                    return None;
                }
                let lo = it.item.min_selected.unwrap_or(1).max(1) as usize;
                let hi = (it.item.max_selected.map_or(2, |m| m as usize)).clamp(lo, n);
                let k = lo + (rng.next_u64() as usize) % (hi - lo + 1);
                let mut idx: Vec<usize> = (0..n).collect();
                for i in 0..k.min(n) {
                    let j = i + (rng.next_u64() as usize) % (n - i);
                    idx.swap(i, j);
                }
                let mut chosen: Vec<usize> = idx.into_iter().take(k).collect();
                chosen.sort_unstable();
                Some(Value::Array(
                    chosen
                        .into_iter()
                        .filter_map(|i| it.item.options.get(i).map(|o| json!(o.value)))
                        .collect(),
                ))
            }
            ItemType::Integer | ItemType::Number => {
                let lo = it.item.min.as_ref().and_then(Value::as_f64).unwrap_or(0.0);
                let hi = it
                    .item
                    .max
                    .as_ref()
                    .and_then(Value::as_f64)
                    .unwrap_or(lo + 10.0);
                let u = rng.f64();
                // u³ written out (not `powi`, whose rounding may differ by platform).
                let x = lo + (hi - lo) * (u * (u * u));
                Some(if it.kind == ItemType::Integer {
                    json!(x.floor().clamp(lo, hi) as i64)
                } else {
                    json!((x * 10.0).round() / 10.0)
                })
            }
            ItemType::Date => {
                if !it.item.required && !rng.chance(0.5) {
                    return None;
                }
                Some(it.item.min.clone().unwrap_or_else(|| json!("2025-01-01")))
            }
            ItemType::Text => it.item.required.then(|| json!("synthetic")),
            // Display items, and any type a later engine adds: no answer.
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_roughly_uniform() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
        let mut r = Rng::new(1);
        let hits = (0..100_000).filter(|_| r.chance(0.1)).count();
        assert!((9_000..11_000).contains(&hits), "{hits}");
    }

    #[test]
    fn default_weights_put_most_on_the_unconcerning_value() {
        let w = default_weights(0.2, 4, 1.0);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((w[0] - 0.8).abs() < 1e-12);
        assert!(w[1] > w[2] && w[2] > w[3]);
        let capped = default_weights(0.5, 2, 10.0);
        assert!((capped[1] - 0.9).abs() < 1e-12, "{capped:?}");
    }
}
