//! Answers → [`Outcome`]: validate, decide visibility, score, find, offer — with reasons.
//!
//! Evaluation walks the [`CompiledForm`]'s fixed order (items, scales and findings sorted
//! so that everything a step reads is known before it), writing each result into its slot
//! so later conditions can read it. Bad answers never stop it: each becomes a located
//! problem, the item counts as unanswered, and the outcome is marked `invalid`.
//! Nothing here allocates per-rule strings or looks up names: conditions read slots, and
//! are tested on the value they produce where it lies (a `var` result is never copied
//! just to see whether it is truthy). An outcome's traces share what they can: a finding's
//! condition with the compiled form, the values a rule read among the offers and actions
//! it led to.

pub(crate) mod answers;
mod scales;

use crate::error::escape_pointer;
use crate::form::{CompiledForm, Node, SlotKind, CONTEXT_KEYS};
use crate::input::quote;
use crate::logic::Rule;
use crate::model::Response;
use crate::outcome::{
    ActionResult, Because, Completeness, FindingResult, FormRef, Ignored, OfferResult, Outcome,
    Problem, RuleFired, ScaleResult, Shared, ENGINE,
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

/// The owned part of the working state: what a [`crate::session::Session`] keeps between
/// calls. [`State`] lends it the form.
#[derive(Debug, Clone, Default)]
pub(crate) struct Work {
    /// The values conditions read, by slot.
    pub(crate) slots: Vec<Value>,
    /// Problems with the response itself (form, context, respondent, answers), in the
    /// order found. A condition's failure is kept with the condition (below).
    pub(crate) problems: Vec<Problem>,
    /// Each item's checked answer (in a one-shot evaluation, a shown answer's value has
    /// moved into its slot; its score and kind stay here).
    pub(crate) given: Vec<Answer>,
    pub(crate) visible: Vec<bool>,
    pub(crate) profile: Option<String>,
    pub(crate) locale: String,
    /// Per slot: whether its value changed since findings and rules were last brought up
    /// to date ([`State::derive`]). Empty when nothing is tracked (a one-shot evaluation).
    changed: Vec<bool>,
    /// Whether findings and rules were ever derived (until then, all are out of date).
    derived: bool,
    /// Each scale's result, by scale (`None` until its step ran).
    scales: Vec<Option<ScaleResult>>,
    /// The conditions that failed the last time they were tested, with their problem
    /// (a fault of the form, rare: empty, so unallocated, in a sound form).
    faults: Vec<(Cond, Problem)>,
    /// Each finding made, by finding: the values its condition read (`None`: not made).
    made: Vec<Option<Shared<Map<String, Value>>>>,
    /// Each rule in firing order: `Some` when it fired, with its trace.
    fired: Vec<Option<RuleFired>>,
}

/// The working state of one evaluation: the slots conditions read, the checked answers,
/// visibility, results and the problems found so far. [`evaluate`] runs it once from
/// scratch; a [`crate::session::Session`] keeps its [`Work`] alive and re-runs only what
/// an answer affects — the item and scale steps downstream of it, then the findings and
/// rules that read a slot whose value changed ([`State::derive`]).
#[derive(Debug)]
pub(crate) struct State<'f> {
    pub(crate) form: &'f CompiledForm,
    pub(crate) w: Work,
}

impl<'f> State<'f> {
    pub(crate) fn new(form: &'f CompiledForm) -> Self {
        let n = form.def.items.len();
        State {
            form,
            w: Work {
                slots: vec![Value::Null; form.layout.len()],
                problems: Vec::new(),
                given: vec![Answer::None; n],
                visible: vec![false; n],
                profile: None,
                locale: String::new(),
                changed: Vec::new(),
                derived: false,
                scales: vec![None; form.def.scales.len()],
                faults: Vec::new(),
                made: vec![None; form.def.findings.len()],
                fired: vec![None; form.rules.len()],
            },
        }
    }

    /// Track which slots change, so that [`State::derive`] re-tests only the findings and
    /// rules that read one of them (a session; a one-shot evaluation tests everything).
    pub(crate) fn track(&mut self) {
        self.w.changed = vec![false; self.w.slots.len()];
    }

    /// Check the response's form, version, context and respondent; fill their slots.
    pub(crate) fn load_context(&mut self, response: &Response) {
        let def = &self.form.def;
        if let Some(id) = &response.form {
            if id != &def.id {
                self.w.problems.push(Problem {
                    code: "response.wrong_form",
                    path: "/form".into(),
                    item: None,
                    message: format!("the response is for form `{}`, not `{}`", quote(id), def.id),
                });
            }
        }
        if let Some(v) = &response.version {
            if v != &def.version {
                self.w.problems.push(Problem {
                    code: "response.wrong_version",
                    path: "/version".into(),
                    item: None,
                    message: format!(
                        "the response was collected under version {}, not {}; score it with \
                         that version",
                        quote(v),
                        def.version
                    ),
                });
            }
        }
        if response.respondent.id.as_deref() == Some("") {
            self.w.problems.push(Problem {
                code: "respondent.empty_id",
                path: "/respondent/id".into(),
                item: None,
                message: "the respondent id is empty; leave it out or name the respondent".into(),
            });
        }
        let (locale, profile) = context(self, response);
        self.w.locale = locale;
        self.w.profile = profile;
        attributes(self, response);
    }

    /// Check one answer and keep it (an invalid one is a problem; the item is unanswered).
    pub(crate) fn answer(&mut self, index: usize, value: &Value) -> Result<(), Problem> {
        let Some(item) = self.form.def.items.get(index) else {
            return Ok(());
        };
        let (kept, result) = match answers::check(item, value) {
            Ok(answer) => (answer, Ok(())),
            Err(p) => (Answer::None, Err(p)),
        };
        if let Some(slot) = self.w.given.get_mut(index) {
            *slot = kept;
        }
        result
    }

    /// Run one item or scale step of the evaluation order (findings: [`State::derive`]).
    pub(crate) fn step(&mut self, node: Node) {
        match node {
            Node::Item(i) => {
                let shown = match self.form.enable_when.get(i).and_then(Option::as_ref) {
                    // A failing condition shows the item: asking too much is safer than
                    // hiding a question that matters.
                    Some(rule) => {
                        let (shown, fault) = self.test(rule, Where::EnableWhen(i), true);
                        self.fault(Cond::Item(i), fault);
                        shown
                    }
                    None => true,
                };
                if let Some(v) = self.w.visible.get_mut(i) {
                    *v = shown;
                }
                let declinable = self.form.def.items.get(i).is_some_and(|x| x.declinable);
                // A one-shot evaluation runs each step once, so the checked answer moves
                // into its slot; a session keeps it (the item may be hidden, then shown).
                let once = self.w.changed.is_empty();
                let (answer, score, declined) = match self.w.given.get_mut(i) {
                    _ if !shown => (Value::Null, Value::Null, Value::Null),
                    Some(Answer::Declined) => (Value::Null, Value::Null, Value::Bool(true)),
                    Some(Answer::Given(v, s)) => {
                        let v = if once { std::mem::take(v) } else { v.clone() };
                        (v, s.map_or(Value::Null, number), Value::Bool(false))
                    }
                    _ => (Value::Null, Value::Null, Value::Bool(false)),
                };
                let declined = if declinable { declined } else { Value::Null };
                self.set(SlotKind::Answer(i), answer);
                self.set(SlotKind::Score(i), score);
                self.set(SlotKind::Declined(i), declined);
            }
            Node::Scale(s) => {
                let Some(scale) = self.form.def.scales.get(s) else {
                    return;
                };
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
                if let Some(r) = self.w.scales.get_mut(s) {
                    *r = Some(result);
                }
            }
            // Findings are derived after every item and scale step (they read items,
            // scales and other findings; no item reads a finding).
            Node::Finding(_) => {}
        }
    }

    /// Bring findings and rules up to date: in evaluation order, test each whose
    /// condition reads a slot that changed (all of them the first time), and keep its
    /// trace. A finding that changes marks its own slot, so the findings and rules that
    /// read it follow.
    pub(crate) fn derive(&mut self) {
        let form = self.form;
        let all = !self.w.derived;
        for node in &form.order {
            let Node::Finding(f) = *node else {
                continue;
            };
            let Some(rule) = form.findings.get(f) else {
                continue;
            };
            if !all && !self.touched(rule) {
                continue;
            }
            let (yes, fault) = self.test(rule, Where::Finding(f), false);
            self.set(SlotKind::Finding(f), Value::Bool(yes));
            let read = yes.then(|| Shared::new(self.read(rule)));
            self.fault(Cond::Finding(f), fault);
            if let Some(x) = self.w.made.get_mut(f) {
                *x = read;
            }
        }
        for (k, (r, rule)) in form.rules.iter().enumerate() {
            let Some(def_rule) = form.def.rules.get(*r) else {
                continue;
            };
            if !all && !self.touched(rule) {
                continue;
            }
            let (yes, fault) = self.test(rule, Where::Rule(*r), false);
            let fired = yes.then(|| {
                let read = self.read(rule);
                RuleFired {
                    rule: def_rule.id.clone(),
                    findings: read
                        .iter()
                        .filter(|(k, v)| k.starts_with("findings.") && **v == Value::Bool(true))
                        .map(|(k, _)| k.trim_start_matches("findings.").to_string())
                        .collect(),
                    read: Shared::new(read),
                }
            });
            self.fault(Cond::Rule(k), fault);
            if let Some(x) = self.w.fired.get_mut(k) {
                *x = fired;
            }
        }
        self.w.changed.fill(false);
        self.w.derived = true;
    }

    /// Keep (or, with `None`, forget) the failure of condition `at`.
    fn fault(&mut self, at: Cond, fault: Option<Problem>) {
        let faults = &mut self.w.faults;
        match (faults.iter().position(|(c, _)| *c == at), fault) {
            (Some(k), Some(p)) => {
                if let Some(x) = faults.get_mut(k) {
                    x.1 = p;
                }
            }
            (Some(k), None) => {
                faults.remove(k);
            }
            (None, Some(p)) => faults.push((at, p)),
            (None, None) => {}
        }
    }

    /// Whether `rule` reads a slot that changed since the last [`State::derive`].
    fn touched(&self, rule: &Rule) -> bool {
        rule.references().iter().any(|r| {
            r.slot
                .and_then(|s| self.w.changed.get(s as usize))
                .copied()
                .unwrap_or(false)
        })
    }

    fn set(&mut self, kind: SlotKind, value: Value) {
        let slot = self.form.layout.slot(kind);
        if let Some(s) = self.w.slots.get_mut(slot) {
            if let Some(c) = self.w.changed.get_mut(slot) {
                if *s != value {
                    *c = true;
                }
            }
            *s = value;
        }
    }

    fn get(&self, kind: SlotKind) -> &Value {
        self.w
            .slots
            .get(self.form.layout.slot(kind))
            .unwrap_or(&Value::Null)
    }

    /// Evaluate a condition on the slots (its result tested where it lies, not copied);
    /// a failure is a problem of the form, reported at `at`, and the condition counts as
    /// `on_error`.
    fn test(&self, rule: &Rule, at: Where, on_error: bool) -> (bool, Option<Problem>) {
        match rule.holds_with(&Value::Null, &self.w.slots) {
            Ok(yes) => (yes, None),
            Err(e) => {
                let (code, why) = match e.limit() {
                    Some(limit) => (
                        "logic.budget_exceeded",
                        format!("stopped: {}", limit.describe()),
                    ),
                    None => (
                        "rule.failed",
                        format!("failed with `{}`", quote(e.error_type())),
                    ),
                };
                let problem = Problem {
                    code,
                    path: String::new(),
                    item: None,
                    message: format!(
                        "the form's condition at {} {why}; this is a fault in the form \
                         definition",
                        at.pointer(),
                    ),
                };
                (on_error, Some(problem))
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
                    .and_then(|s| self.w.slots.get(s as usize))
                    .cloned()
                    .unwrap_or(Value::Null);
                (r.path.clone(), value)
            })
            .collect()
    }
}

/// A condition of the form, as [`Work::faults`] names it: an item's `enableWhen` (by
/// item), a finding (by finding), a rule (by position in firing order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cond {
    Item(usize),
    Finding(usize),
    Rule(usize),
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
    let mut st = State::new(form);
    st.load_context(response);

    // Answers: check each once, up front.
    if response.answers.len() > MAX_ANSWERS {
        st.w.problems.push(Problem {
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
                        st.w.problems.push(p);
                    }
                }
                None => st.w.problems.push(unknown_item(id)),
            }
        }
    }

    // Items and scales in dependency order, then findings and rules.
    for node in &form.order {
        st.step(*node);
    }
    st.derive();
    let problems = std::mem::take(&mut st.w.problems);
    build_outcome(form, &st.w, problems, response.respondent.id.clone())
}

/// The outcome of a derived state: `problems` (the response's own, in the order found)
/// followed by every condition's failure in evaluation order, then the answers ignored,
/// scales, findings, and the rules that fired merged into offers and actions. Traces are
/// shared with `w`, not copied.
pub(crate) fn build_outcome(
    form: &CompiledForm,
    w: &Work,
    mut problems: Vec<Problem>,
    respondent: Option<String>,
) -> Outcome {
    let def = &form.def;
    if !w.faults.is_empty() {
        // In the order a fresh evaluation meets them: items and findings in evaluation
        // order, then rules in firing order.
        let conds = form.order.iter().filter_map(|node| match *node {
            Node::Item(i) => Some(Cond::Item(i)),
            Node::Finding(f) => Some(Cond::Finding(f)),
            Node::Scale(_) => None,
        });
        for at in conds.chain((0..form.rules.len()).map(Cond::Rule)) {
            if let Some((_, p)) = w.faults.iter().find(|(c, _)| *c == at) {
                problems.push(p.clone());
            }
        }
    }

    let ignored: Vec<Ignored> = def
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            !w.visible.get(*i).copied().unwrap_or(true)
                && w.given.get(*i).is_some_and(|a| *a != Answer::None)
        })
        .map(|(_, item)| Ignored {
            item: item.id.clone(),
            reason: "hidden",
        })
        .collect();

    let findings: Vec<FindingResult> = def
        .findings
        .iter()
        .zip(&w.made)
        .enumerate()
        .filter_map(|(f, (finding, made))| {
            let read = made.as_ref()?;
            Some(FindingResult {
                id: finding.id.clone(),
                domain: finding.domain.clone(),
                severity: finding.severity,
                because: Because {
                    when: form
                        .finding_when
                        .get(f)
                        .cloned()
                        .unwrap_or_else(|| Shared::new(finding.when.clone())),
                    read: read.clone(),
                },
            })
        })
        .collect();

    // Rules in firing order; offers and actions merged, first occurrence fixing the order.
    let mut offers: Vec<OfferResult> = Vec::new();
    let mut actions: Vec<ActionResult> = Vec::new();
    for ((r, _), fired) in form.rules.iter().zip(&w.fired) {
        let (Some(fired), Some(def_rule)) = (fired, def.rules.get(*r)) else {
            continue;
        };
        // The same offer from several rules is one offer; if any rule holds it with the
        // respondent alone, it is held alone.
        for ro in &def_rule.offers {
            match offers.iter_mut().find(|o| o.offer == ro.offer) {
                Some(o) => {
                    o.private |= ro.private;
                    o.because.push(fired.clone());
                }
                None => offers.push(OfferResult {
                    offer: ro.offer.clone(),
                    private: ro.private,
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
            && w.visible.get(i).copied().unwrap_or(false)
            && w.given.get(i).is_none_or(|a| *a == Answer::None)
    });
    let completeness = if !problems.is_empty() {
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
        respondent,
        profile: w.profile.clone(),
        locale: w.locale.clone(),
        completeness,
        problems,
        ignored,
        scales: w.scales.iter().flatten().cloned().collect(),
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
        message: format!("the form has no item `{}`", quote(id)),
    }
}

/// Check the response context and fill the context slots; returns (locale, profile).
fn context(st: &mut State<'_>, response: &Response) -> (String, Option<String>) {
    let def = &st.form.def;
    let mut locale = def.locales.first().map_or("", String::as_str);
    let mut profile = def.profiles.as_ref().map(|p| p.default.as_str());
    let mut age = Value::Null;
    let mut problems = Vec::new();
    for (key, value) in &response.context {
        // The pointer is written only for a problem: a sound context allocates nothing.
        let bad = |code: &'static str, message: String| Problem {
            code,
            path: format!("/context/{}", escape_pointer(key)),
            item: None,
            message,
        };
        match key.as_str() {
            "childAgeDays" => match value.as_f64() {
                Some(d) if d >= 0.0 && d.fract() == 0.0 => age = value.clone(),
                _ => problems.push(bad(
                    "context.wrong_type",
                    format!(
                        "childAgeDays must be a whole number of days ≥ 0; got {}",
                        quote(&value.to_string())
                    ),
                )),
            },
            "locale" => match value.as_str() {
                Some(l) if def.locales.iter().any(|x| x == l) => locale = l,
                _ => problems.push(bad(
                    "context.unknown_locale",
                    format!(
                        "locale {} is not one of the form's locales ({})",
                        quote(&value.to_string()),
                        def.locales.join(", ")
                    ),
                )),
            },
            "profile" => {
                let available = def.profiles.as_ref().map(|p| p.available.as_slice());
                match (value.as_str(), available) {
                    (Some(p), Some(list)) if list.iter().any(|x| x == p) => profile = Some(p),
                    _ => problems.push(bad(
                        "context.unknown_profile",
                        format!(
                            "profile {} is not one of the form's cut-off profiles ({})",
                            quote(&value.to_string()),
                            available.map(|l| l.join(", ")).unwrap_or_default()
                        ),
                    )),
                }
            }
            other => problems.push(bad(
                "context.unknown_key",
                format!(
                    "unknown context key `{}`; the keys are {}",
                    quote(other),
                    CONTEXT_KEYS.join(", ")
                ),
            )),
        }
    }
    let (locale, profile) = (locale.to_string(), profile.map(str::to_string));
    st.w.problems.extend(problems);
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
        let path = || format!("/respondent/attributes/{}", escape_pointer(key));
        match def.attributes.iter().position(|a| &a.id == key) {
            None => problems.push(Problem {
                code: "respondent.unknown_attribute",
                path: path(),
                item: None,
                message: format!("the form declares no respondent attribute `{}`", quote(key)),
            }),
            Some(a) => {
                let allowed = def.attributes.get(a).map(|x| &x.values);
                if allowed.is_some_and(|v| v.contains(value)) {
                    values.push((a, value.clone()));
                } else {
                    problems.push(Problem {
                        code: "respondent.invalid_value",
                        path: path(),
                        item: None,
                        message: format!(
                            "`{}` is not an allowed value of `{}` ({})",
                            quote(value),
                            quote(key),
                            allowed.map(|v| v.join(", ")).unwrap_or_default()
                        ),
                    });
                }
            }
        }
    }
    st.w.problems.extend(problems);
    for (a, value) in values {
        st.set(SlotKind::Attribute(a), Value::String(value));
    }
}
