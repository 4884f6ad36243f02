//! Answers → [`Outcome`]: validate, decide visibility, score, find, offer — with reasons.
//!
//! Evaluation walks the [`CompiledForm`]'s fixed order (items, scales and findings sorted
//! so that everything a step reads is known before it), writing each result into its slot
//! so later conditions can read it. Bad answers never stop it: each becomes a located
//! problem, the item counts as unanswered, and the outcome is marked `invalid`.
//! Nothing here allocates per-rule strings or looks up names: conditions read slots.

pub(crate) mod answers;
mod scales;

use crate::error::escape_pointer;
use crate::form::{CompiledForm, Node, SlotKind, CONTEXT_KEYS};
use crate::logic::{truthy, Rule};
use crate::model::Response;
use crate::outcome::{
    ActionResult, Because, Completeness, FindingResult, FormRef, Ignored, OfferResult, Outcome,
    Problem, RuleFired, ScaleResult, ENGINE,
};
use answers::Answer;
use serde_json::{Map, Value};

/// Most answers in one response.
pub const MAX_ANSWERS: usize = 1000;

/// A JSON number for an `f64` (integral values as integers, so Rust-side comparisons with
/// `json!(3)` hold; the canonical text is the same either way).
pub(crate) fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.007_199_254_740_992e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// The working state of one evaluation: the slots conditions read, the checked answers,
/// visibility, and the problems found so far. [`evaluate`] runs it once from scratch; a
/// [`crate::session::Session`] keeps one alive and re-runs only what an answer affects.
#[derive(Debug, Clone)]
pub(crate) struct State<'f> {
    pub(crate) form: &'f CompiledForm,
    pub(crate) slots: Vec<Value>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) given: Vec<Answer>,
    pub(crate) visible: Vec<bool>,
    pub(crate) profile: Option<String>,
    pub(crate) locale: String,
}

impl<'f> State<'f> {
    pub(crate) fn new(form: &'f CompiledForm) -> Self {
        let n = form.def.items.len();
        State {
            form,
            slots: vec![Value::Null; form.layout.len()],
            problems: Vec::new(),
            given: vec![Answer::None; n],
            visible: vec![false; n],
            profile: None,
            locale: String::new(),
        }
    }

    /// Check the response's form, version, context and respondent; fill their slots.
    pub(crate) fn load_context(&mut self, response: &Response) {
        let def = &self.form.def;
        if let Some(id) = &response.form {
            if id != &def.id {
                self.problems.push(Problem {
                    code: "response.wrong_form",
                    path: "/form".into(),
                    item: None,
                    message: format!("the response is for form `{id}`, not `{}`", def.id),
                });
            }
        }
        if let Some(v) = &response.version {
            if v != &def.version {
                self.problems.push(Problem {
                    code: "response.wrong_version",
                    path: "/version".into(),
                    item: None,
                    message: format!(
                        "the response was collected under version {v}, not {}; score it with \
                         that version",
                        def.version
                    ),
                });
            }
        }
        let (locale, profile) = context(self, response);
        self.locale = locale;
        self.profile = profile;
        attributes(self, response);
    }

    /// Check one answer and keep it (an invalid one is a problem; the item is unanswered).
    pub(crate) fn answer(&mut self, index: usize, value: &Value) -> Result<(), Problem> {
        let Some(item) = self.form.def.items.get(index) else {
            return Ok(());
        };
        let checked = answers::check(item, value);
        if let Some(slot) = self.given.get_mut(index) {
            *slot = checked.clone().unwrap_or(Answer::None);
        }
        checked.map(|_| ())
    }

    /// Run one step of the evaluation order.
    pub(crate) fn step(&mut self, node: Node) -> Option<ScaleResult> {
        match node {
            Node::Item(i) => {
                let shown = match self.form.enable_when.get(i).and_then(Option::as_ref) {
                    // A failing condition shows the item: asking too much is safer than
                    // hiding a question that matters.
                    Some(rule) => self.test(rule, Where::EnableWhen(i), true),
                    None => true,
                };
                if let Some(v) = self.visible.get_mut(i) {
                    *v = shown;
                }
                let declinable = self.form.def.items.get(i).is_some_and(|x| x.declinable);
                let (answer, score, declined) = match self.given.get(i) {
                    _ if !shown => (Value::Null, Value::Null, Value::Null),
                    Some(Answer::Declined) => (Value::Null, Value::Null, Value::Bool(true)),
                    Some(Answer::Given(v, s)) => {
                        (v.clone(), s.map_or(Value::Null, number), Value::Bool(false))
                    }
                    _ => (Value::Null, Value::Null, Value::Bool(false)),
                };
                let declined = if declinable { declined } else { Value::Null };
                self.set(SlotKind::Answer(i), answer);
                self.set(SlotKind::Score(i), score);
                self.set(SlotKind::Declined(i), declined);
                None
            }
            Node::Scale(s) => {
                let scale = self.form.def.scales.get(s)?;
                let result = scales::compute(self.form, s, scale, self);
                self.set(SlotKind::Scale(s), result.value.map_or(Value::Null, number));
                self.set(
                    SlotKind::Band(s),
                    result.band.clone().map_or(Value::Null, Value::String),
                );
                self.set(
                    SlotKind::Cutoff(s),
                    result
                        .cutoff
                        .as_ref()
                        .and_then(|c| c.reached)
                        .map_or(Value::Null, Value::Bool),
                );
                Some(result)
            }
            Node::Finding(f) => {
                let rule = self.form.findings.get(f)?;
                let yes = self.test(rule, Where::Finding(f), false);
                self.set(SlotKind::Finding(f), Value::Bool(yes));
                None
            }
        }
    }

    fn set(&mut self, kind: SlotKind, value: Value) {
        let slot = self.form.layout.slot(kind);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = value;
        }
    }

    fn get(&self, kind: SlotKind) -> &Value {
        self.slots
            .get(self.form.layout.slot(kind))
            .unwrap_or(&Value::Null)
    }

    /// Evaluate a condition; a failure is a problem of the form, reported at `pointer`.
    fn test(&mut self, rule: &Rule, at: Where, on_error: bool) -> bool {
        match rule.evaluate_with(&Value::Null, &self.slots) {
            Ok(v) => truthy(&v),
            Err(e) => {
                self.problems.push(Problem {
                    code: "rule.failed",
                    path: String::new(),
                    item: None,
                    message: format!(
                        "the form's condition at {} failed with `{}`; this is a fault in \
                         the form definition",
                        at.pointer(),
                        e.error_type()
                    ),
                });
                on_error
            }
        }
    }

    /// Every variable `rule` read, with its value now.
    fn read(&self, rule: &Rule) -> Map<String, Value> {
        rule.references()
            .iter()
            .map(|r| {
                let value = r
                    .slot
                    .and_then(|s| self.slots.get(s as usize))
                    .cloned()
                    .unwrap_or(Value::Null);
                (r.path.clone(), value)
            })
            .collect()
    }
}

/// Where a condition sits in the form; made into a pointer only when it fails, so the
/// hot path formats nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Where {
    EnableWhen(usize),
    Finding(usize),
    Rule(usize),
}

impl Where {
    fn pointer(self) -> String {
        match self {
            Where::EnableWhen(i) => format!("/items/{i}/enableWhen"),
            Where::Finding(f) => format!("/findings/{f}/when"),
            Where::Rule(r) => format!("/rules/{r}/when"),
        }
    }
}

/// Evaluate one respondent's answers.
pub fn evaluate(form: &CompiledForm, response: &Response) -> Outcome {
    let def = &form.def;
    let mut st = State::new(form);
    st.load_context(response);

    // Answers: check each once, up front.
    if response.answers.len() > MAX_ANSWERS {
        st.problems.push(Problem {
            code: "response.too_many_answers",
            path: "/answers".into(),
            item: None,
            message: format!(
                "{} answers; the limit is {MAX_ANSWERS}",
                response.answers.len()
            ),
        });
    } else {
        for (id, value) in &response.answers {
            match form.item_index(id) {
                Some(index) => {
                    if let Err(p) = st.answer(index, value) {
                        st.problems.push(p);
                    }
                }
                None => st.problems.push(unknown_item(id)),
            }
        }
    }

    // Items, scales and findings in dependency order.
    let mut scales_out = Vec::with_capacity(def.scales.len());
    for node in &form.order {
        if let (Node::Scale(s), Some(result)) = (node, st.step(*node)) {
            scales_out.push((*s, result));
        }
    }
    let ignored: Vec<Ignored> = def
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !st.visible.get(*i).copied().unwrap_or(true)
                && st.given.get(*i).is_some_and(|a| *a != Answer::None)
        })
        .map(|(_, item)| Ignored {
            item: item.id.clone(),
            reason: "hidden",
        })
        .collect();
    let made: Vec<bool> = (0..def.findings.len())
        .map(|f| st.get(SlotKind::Finding(f)) == &Value::Bool(true))
        .collect();
    scales_out.sort_by_key(|(s, _)| *s);

    let findings: Vec<FindingResult> = def
        .findings
        .iter()
        .enumerate()
        .filter(|(f, _)| made.get(*f).copied().unwrap_or(false))
        .filter_map(|(f, finding)| {
            let rule = form.findings.get(f)?;
            Some(FindingResult {
                id: finding.id.clone(),
                domain: finding.domain.clone(),
                severity: finding.severity,
                because: Because {
                    when: finding.when.clone(),
                    read: st.read(rule),
                },
            })
        })
        .collect();

    // Rules in firing order; offers and actions merged, first occurrence fixing the order.
    let mut offers: Vec<OfferResult> = Vec::new();
    let mut actions: Vec<ActionResult> = Vec::new();
    for (r, rule) in &form.rules {
        let Some(def_rule) = def.rules.get(*r) else {
            continue;
        };
        if !st.test(rule, Where::Rule(*r), false) {
            continue;
        }
        let read = st.read(rule);
        let fired = RuleFired {
            rule: def_rule.id.clone(),
            findings: read
                .iter()
                .filter(|(k, v)| k.starts_with("findings.") && **v == Value::Bool(true))
                .map(|(k, _)| k.trim_start_matches("findings.").to_string())
                .collect(),
            read,
        };
        for offer in &def_rule.offers {
            match offers.iter_mut().find(|o| &o.offer == offer) {
                Some(o) => o.because.push(fired.clone()),
                None => offers.push(OfferResult {
                    offer: offer.clone(),
                    because: vec![fired.clone()],
                }),
            }
        }
        for action in &def_rule.actions {
            match actions.iter_mut().find(|a| &a.action == action) {
                Some(a) => a.because.push(fired.clone()),
                None => actions.push(ActionResult {
                    action: *action,
                    because: vec![fired.clone()],
                }),
            }
        }
    }

    let missing_required = def.items.iter().enumerate().any(|(i, item)| {
        item.required
            && st.visible.get(i).copied().unwrap_or(false)
            && st.given.get(i).is_none_or(|a| *a == Answer::None)
    });
    let completeness = if !st.problems.is_empty() {
        Completeness::Invalid
    } else if missing_required {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    };

    Outcome {
        form: FormRef {
            id: def.id.clone(),
            version: def.version.clone(),
            hash: form.hash.clone(),
        },
        engine: ENGINE,
        respondent: response.respondent.id.clone(),
        profile: st.profile,
        locale: st.locale,
        completeness,
        problems: st.problems,
        ignored,
        scales: scales_out.into_iter().map(|(_, r)| r).collect(),
        findings,
        offers,
        actions,
    }
}

/// The problem of an answer to an item the form does not have.
pub(crate) fn unknown_item(id: &str) -> Problem {
    Problem {
        code: "answer.unknown_item",
        path: format!("/answers/{}", escape_pointer(id)),
        item: Some(id.to_string()),
        message: format!("the form has no item `{id}`"),
    }
}

/// Check the response context and fill the context slots; returns (locale, profile).
fn context(st: &mut State<'_>, response: &Response) -> (String, Option<String>) {
    let def = &st.form.def;
    let default_locale = def.locales.first().cloned().unwrap_or_default();
    let mut locale = default_locale;
    let mut profile = def.profiles.as_ref().map(|p| p.default.clone());
    let mut age = Value::Null;
    let mut problems = Vec::new();
    for (key, value) in &response.context {
        let path = format!("/context/{}", escape_pointer(key));
        let bad = |code: &'static str, message: String| Problem {
            code,
            path: path.clone(),
            item: None,
            message,
        };
        match key.as_str() {
            "childAgeDays" => match value.as_f64() {
                Some(d) if d >= 0.0 && d.fract() == 0.0 => age = value.clone(),
                _ => problems.push(bad(
                    "context.wrong_type",
                    format!("childAgeDays must be a whole number of days ≥ 0; got {value}"),
                )),
            },
            "locale" => match value.as_str() {
                Some(l) if def.locales.iter().any(|x| x == l) => locale = l.to_string(),
                _ => problems.push(bad(
                    "context.unknown_locale",
                    format!(
                        "locale {value} is not one of the form's locales ({})",
                        def.locales.join(", ")
                    ),
                )),
            },
            "profile" => {
                let available = def.profiles.as_ref().map(|p| p.available.as_slice());
                match (value.as_str(), available) {
                    (Some(p), Some(list)) if list.iter().any(|x| x == p) => {
                        profile = Some(p.to_string())
                    }
                    _ => problems.push(bad(
                        "context.unknown_profile",
                        format!(
                            "profile {value} is not one of the form's cut-off profiles ({})",
                            available.map(|l| l.join(", ")).unwrap_or_default()
                        ),
                    )),
                }
            }
            other => problems.push(bad(
                "context.unknown_key",
                format!(
                    "unknown context key `{other}`; the keys are {}",
                    CONTEXT_KEYS.join(", ")
                ),
            )),
        }
    }
    st.problems.extend(problems);
    let values = [
        age,
        Value::String(locale.clone()),
        profile.clone().map_or(Value::Null, Value::String),
    ];
    for (k, value) in values.into_iter().enumerate() {
        st.set(SlotKind::Context(k), value);
    }
    (locale, profile)
}

/// Check the respondent's attributes and fill their slots.
fn attributes(st: &mut State<'_>, response: &Response) {
    let def = &st.form.def;
    let mut problems = Vec::new();
    let mut values = Vec::new();
    for (key, value) in &response.respondent.attributes {
        let path = format!("/respondent/attributes/{}", escape_pointer(key));
        match def.attributes.iter().position(|a| &a.id == key) {
            None => problems.push(Problem {
                code: "respondent.unknown_attribute",
                path,
                item: None,
                message: format!("the form declares no respondent attribute `{key}`"),
            }),
            Some(a) => {
                let allowed = def.attributes.get(a).map(|x| &x.values);
                if allowed.is_some_and(|v| v.contains(value)) {
                    values.push((a, value.clone()));
                } else {
                    problems.push(Problem {
                        code: "respondent.invalid_value",
                        path,
                        item: None,
                        message: format!(
                            "`{value}` is not an allowed value of `{key}` ({})",
                            allowed.map(|v| v.join(", ")).unwrap_or_default()
                        ),
                    });
                }
            }
        }
    }
    st.problems.extend(problems);
    for (a, value) in values {
        st.set(SlotKind::Attribute(a), Value::String(value));
    }
}
