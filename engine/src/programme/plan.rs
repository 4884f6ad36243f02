//! One family against one programme: eligibility with its reasons, and the child's plan
//! (programme visits merged with the check-up series) as canonical JSON.
//!
//! The engine has no clock: the caller passes `referenceDate` ("today") when it wants
//! dates and statuses. Without a birth date the plan gives ages in days only.

use super::date::{format_day, parse_day};
use super::{CompiledProgramme, Localized, CONTEXT_VARS};
use crate::error::{Error, Errors};
use crate::input::quote;
use crate::model::{Offer, Status};
use crate::registry::Registry;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Most recorded visits in one input.
pub const MAX_RECORDED_VISITS: usize = 200;

/// What the caller knows about one family.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProgrammeInput {
    /// The programme version the input is for (checked against the definition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeRef>,
    /// "Today" (`YYYY-MM-DD`): dates and statuses are relative to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<String>,
    /// The family.
    #[serde(default)]
    pub family: FamilyContext,
    /// The child.
    #[serde(default)]
    pub child: ChildContext,
    /// Programme visits already made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<RecordedVisit>,
}

/// A programme id and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRef {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
}

/// The family's context keys (`family.*`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FamilyContext {
    /// The child is the parents' first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_child: Option<bool>,
    /// The child is the parents' first born in Sweden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_child_in_sweden: Option<bool>,
    /// Area code (from the programme's area list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

/// The child's context keys (`child.*`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChildContext {
    /// Birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Age in days on the reference date (when no birth date is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<u32>,
    /// Age in days when the family was first in contact with the child health centre.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days_at_first_contact: Option<u32>,
}

/// A visit already made.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RecordedVisit {
    /// The programme visit it was (else: the first open visit whose window holds it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Date made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The child's age in days when made (when no dates are known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<u32>,
}

/// Parse an input value (`programme.input_invalid` located at the part that does not fit).
pub fn input_from_value(value: &Value) -> Result<ProgrammeInput, Errors> {
    let invalid = |at: &str, e: serde_json::Error| {
        Error::new(
            "programme.input_invalid",
            at,
            crate::input::excerpt(&e.to_string()),
        )
    };
    let Value::Object(map) = value else {
        return Err(Error::new(
            "programme.input_invalid",
            "",
            format!(
                "the input is {}, not an object",
                crate::error::json_kind(value)
            ),
        )
        .into());
    };
    let mut errors = Vec::new();
    for (key, v) in map {
        let at = format!("/{}", crate::error::escape_pointer(key));
        let r = match key.as_str() {
            "family" => FamilyContext::deserialize(v).map(drop),
            "child" => ChildContext::deserialize(v).map(drop),
            "programme" => ProgrammeRef::deserialize(v).map(drop),
            "referenceDate" => String::deserialize(v).map(drop),
            "visits" => match v.as_array() {
                Some(list) if list.len() > MAX_RECORDED_VISITS => {
                    errors.push(Error::new(
                        "programme.input_invalid",
                        at.clone(),
                        format!("{} visits; the limit is {MAX_RECORDED_VISITS}", list.len()),
                    ));
                    Ok(())
                }
                Some(list) => {
                    for (i, item) in list.iter().enumerate() {
                        if let Err(e) = RecordedVisit::deserialize(item) {
                            errors.push(invalid(&format!("{at}/{i}"), e));
                        }
                    }
                    Ok(())
                }
                None => Vec::<RecordedVisit>::deserialize(v).map(drop),
            },
            _ => {
                errors.push(Error::new(
                    "programme.input_invalid",
                    at.clone(),
                    format!(
                        "unknown field `{}`; the input has programme, referenceDate, \
                         family, child and visits",
                        quote(key)
                    ),
                ));
                Ok(())
            }
        };
        if let Err(e) = r {
            errors.push(invalid(&at, e));
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    ProgrammeInput::deserialize(value).map_err(|e| invalid("", e).into())
}

/// The result of one evaluation (serialised as canonical JSON by [`Evaluation::to_json`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Engine name and version.
    pub engine: String,
    /// The programme evaluated.
    pub programme: ProgrammeInfo,
    /// Whether the family is offered the programme.
    pub eligible: bool,
    /// Each criterion, whether it held.
    pub criteria: Vec<CriterionResult>,
    /// Why, in words, per locale.
    pub reason: Localized,
    /// The offer, when eligible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// The area, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaInfo>,
    /// The reference date, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<String>,
    /// The child's age in days on the reference date, when known.
    pub child_age_days: Option<i64>,
    /// Programme visits (when eligible) and check-ups, in order of their windows.
    pub plan: Vec<PlanEntry>,
}

/// Id, version and hash of a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeInfo {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub hash: String,
    /// Publication state.
    pub status: Status,
}

/// The family's area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaInfo {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Designated for the programme.
    pub designated: bool,
}

/// One criterion's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Whether it held.
    pub held: bool,
    /// What the criterion says.
    pub title: Localized,
    /// The context values it read.
    pub read: BTreeMap<String, Value>,
}

/// A window in ages and, with a birth date, dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueWindow {
    /// First day (age in days).
    pub from_age_days: i64,
    /// Last day (age in days).
    pub to_age_days: i64,
    /// First date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_date: Option<String>,
    /// Last date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_date: Option<String>,
}

/// One entry of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PlanEntry {
    /// A programme visit.
    #[serde(rename_all = "camelCase")]
    Visit {
        /// Visit id.
        id: String,
        /// Title.
        title: Localized,
        /// Who attends.
        professions: Vec<super::Profession>,
        /// Joint with social services.
        joint: bool,
        /// When due.
        window: DueWindow,
        /// `done`, `due`, `upcoming`, `missed` (when the child's age is known).
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'static str>,
        /// When made (date, or the child's age in days), if made.
        #[serde(skip_serializing_if = "Option::is_none")]
        done: Option<Value>,
    },
    /// A check-up questionnaire of the child health programme.
    #[serde(rename_all = "camelCase")]
    Checkup {
        /// Form id.
        form: String,
        /// Version.
        version: String,
        /// When due.
        window: DueWindow,
        /// `due`, `upcoming`, `passed` (when the child's age is known).
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'static str>,
    },
}

impl PlanEntry {
    fn window(&self) -> &DueWindow {
        match self {
            PlanEntry::Visit { window, .. } | PlanEntry::Checkup { window, .. } => window,
        }
    }

    /// `visit id`, or `checkup:<form id>`: the key examples name entries by.
    pub fn key(&self) -> String {
        match self {
            PlanEntry::Visit { id, .. } => id.clone(),
            PlanEntry::Checkup { form, .. } => format!("checkup:{form}"),
        }
    }
}

impl Evaluation {
    /// Canonical JSON.
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }
}

fn date_of(text: &str, at: &str, errors: &mut Vec<Error>) -> Option<i64> {
    let d = parse_day(text);
    if d.is_none() {
        errors.push(Error::new(
            "programme.bad_date",
            at,
            format!(
                "`{text}` is not a YYYY-MM-DD calendar date",
                text = quote(text)
            ),
        ));
    }
    d
}

fn window_of(w: super::Window, birth: Option<i64>) -> DueWindow {
    match birth {
        Some(b) => {
            let (from, to) = (w.from.date_from(b), w.to.date_from(b));
            DueWindow {
                from_age_days: from - b,
                to_age_days: to - b,
                from_date: Some(format_day(from)),
                to_date: Some(format_day(to)),
            }
        }
        None => DueWindow {
            from_age_days: i64::from(w.from.approx_days()),
            to_age_days: i64::from(w.to.approx_days()),
            from_date: None,
            to_date: None,
        },
    }
}

fn days_window(from: u32, to: u32, birth: Option<i64>) -> DueWindow {
    window_of(
        super::Window {
            from: super::Age::Days(from),
            to: super::Age::Days(to),
        },
        birth,
    )
}

/// The active check-up forms of `registry` (the highest active version of each form id
/// that has a check-up window), by window.
pub fn checkup_series(registry: &Registry) -> Vec<(String, String, [u32; 2])> {
    let mut best: BTreeMap<String, (String, [u32; 2])> = BTreeMap::new();
    // `list` is sorted by id, then semantic version: the last active one wins.
    for e in registry.list() {
        if let (Status::Active, Some(w)) = (e.status, e.checkup) {
            best.insert(e.id, (e.version, w));
        }
    }
    let mut out: Vec<(String, String, [u32; 2])> =
        best.into_iter().map(|(id, (v, w))| (id, v, w)).collect();
    out.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(&b.0)));
    out
}

fn reason(p: &CompiledProgramme, eligible: bool, criteria: &[CriterionResult]) -> Localized {
    let mut out = Localized::new();
    for locale in &p.def.locales {
        let sv = locale == "sv";
        let title = p.def.title.get(locale).cloned().unwrap_or_default();
        let pick: Vec<&str> = criteria
            .iter()
            .filter(|c| c.held == eligible)
            .filter_map(|c| c.title.get(locale).map(String::as_str))
            .collect();
        let text = match (eligible, sv) {
            (true, true) => format!("Erbjuds {title}: {}.", pick.join("; ")),
            (true, false) => format!("Offered {title}: {}.", pick.join("; ")),
            (false, true) => format!("Erbjuds inte {title}; uppfylls inte: {}.", pick.join("; ")),
            (false, false) => format!("Not offered {title}; not met: {}.", pick.join("; ")),
        };
        out.insert(locale.clone(), text);
    }
    out
}

/// Evaluate one family against a programme; `checkups` supplies the check-up series (an
/// empty registry gives a plan of programme visits only).
///
/// Errors (all found, each located in the input): `programme.input_invalid`,
/// `programme.unknown_version`, `programme.unknown_area`, `programme.bad_date`,
/// `programme.birth_date_in_future`, `programme.age_conflict`, `programme.unknown_visit`,
/// `programme.duplicate_visit`, `programme.visit_needs_time`, `programme.visit_in_future`,
/// `programme.visit_outside_window`, `programme.condition_failed`.
pub fn evaluate_programme(
    p: &CompiledProgramme,
    input: &ProgrammeInput,
    checkups: &Registry,
) -> Result<Evaluation, Errors> {
    let mut errors = Vec::new();
    if let Some(r) = &input.programme {
        if r.id != p.id() || r.version != p.version() {
            errors.push(Error::new(
                "programme.unknown_version",
                "/programme",
                format!(
                    "the input is for {}@{}; this programme is {}@{}",
                    quote(&r.id),
                    quote(&r.version),
                    p.id(),
                    p.version()
                ),
            ));
        }
    }
    let area = match &input.family.area {
        Some(code) => match p.area(code) {
            Some(a) => Some(a),
            None => {
                errors.push(Error::new(
                    "programme.unknown_area",
                    "/family/area",
                    format!(
                        "area `{}` is not in the area list of {}@{}",
                        quote(code),
                        p.id(),
                        p.version()
                    ),
                ));
                None
            }
        },
        None => None,
    };
    let reference = input
        .reference_date
        .as_deref()
        .and_then(|t| date_of(t, "/referenceDate", &mut errors));
    let birth = input
        .child
        .birth_date
        .as_deref()
        .and_then(|t| date_of(t, "/child/birthDate", &mut errors));
    if let (Some(b), Some(r)) = (birth, reference) {
        if b > r {
            errors.push(Error::new(
                "programme.birth_date_in_future",
                "/child/birthDate",
                format!(
                    "the birth date {} is after the reference date {}",
                    format_day(b),
                    format_day(r)
                ),
            ));
        }
    }
    let age = match (birth, reference, input.child.age_days) {
        (Some(b), Some(r), given) => {
            if given.is_some_and(|g| i64::from(g) != r - b) {
                errors.push(Error::new(
                    "programme.age_conflict",
                    "/child/ageDays",
                    format!(
                        "ageDays says {}, the birth and reference dates say {}",
                        given.unwrap_or_default(),
                        r - b
                    ),
                ));
            }
            Some(r - b)
        }
        (_, _, Some(g)) => Some(i64::from(g)),
        _ => None,
    };

    // Eligibility.
    let slots: Vec<Value> = CONTEXT_VARS
        .iter()
        .map(|(key, _)| match *key {
            "family.firstChild" => input.family.first_child.map_or(Value::Null, Value::Bool),
            "family.firstChildInSweden" => input
                .family
                .first_child_in_sweden
                .map_or(Value::Null, Value::Bool),
            "family.area" => input.family.area.clone().map_or(Value::Null, Value::String),
            "area.designated" => area.map_or(Value::Null, |a| Value::Bool(a.designated)),
            "child.birthDate" => input
                .child
                .birth_date
                .clone()
                .map_or(Value::Null, Value::String),
            "child.ageDays" => age.map_or(Value::Null, Value::from),
            _ => input
                .child
                .age_days_at_first_contact
                .map_or(Value::Null, Value::from),
        })
        .collect();
    let mut criteria = Vec::new();
    for (i, (c, rule)) in p.def.eligibility.iter().zip(&p.criteria).enumerate() {
        let held = match rule.evaluate_with(&Value::Null, &slots) {
            Ok(v) => crate::logic::truthy(&v),
            Err(e) => {
                errors.push(Error::new(
                    "programme.condition_failed",
                    format!("/eligibility/{i}/when"),
                    format!("criterion `{}` failed on this input: {e}", c.id),
                ));
                false
            }
        };
        let read = rule
            .references()
            .iter()
            .map(|r| {
                let v = r
                    .slot
                    .and_then(|s| slots.get(s as usize))
                    .cloned()
                    .unwrap_or(Value::Null);
                (r.path.clone(), v)
            })
            .collect();
        criteria.push(CriterionResult {
            id: c.id.clone(),
            held,
            title: c.title.clone(),
            read,
        });
    }
    let eligible = criteria.iter().all(|c| c.held);

    // Recorded visits → programme visits.
    let windows: Vec<DueWindow> = p
        .def
        .visits
        .iter()
        .map(|v| window_of(v.window, birth))
        .collect();
    let mut done: Vec<Option<Value>> = vec![None; p.def.visits.len()];
    for (i, rec) in input.visits.iter().enumerate() {
        let at = format!("/visits/{i}");
        let (when_at, when_age, when_value) = match (&rec.date, rec.age_days) {
            (Some(text), _) => {
                let Some(d) = date_of(text, &format!("{at}/date"), &mut errors) else {
                    continue;
                };
                if reference.is_some_and(|r| d > r) {
                    errors.push(Error::new(
                        "programme.visit_in_future",
                        format!("{at}/date"),
                        format!("the visit date {} is after the reference date", quote(text)),
                    ));
                    continue;
                }
                let Some(b) = birth else {
                    errors.push(Error::new(
                        "programme.visit_needs_time",
                        format!("{at}/date"),
                        "a visit date needs the child's birth date; or give ageDays",
                    ));
                    continue;
                };
                (format!("{at}/date"), d - b, Value::String(text.clone()))
            }
            (None, Some(a)) => (format!("{at}/ageDays"), i64::from(a), Value::from(a)),
            (None, None) => {
                errors.push(Error::new(
                    "programme.visit_needs_time",
                    at.clone(),
                    "give the visit's date or the child's ageDays",
                ));
                continue;
            }
        };
        let fits = |k: usize| {
            windows
                .get(k)
                .is_some_and(|w| w.from_age_days <= when_age && when_age <= w.to_age_days)
        };
        let target = match &rec.id {
            Some(id) => match p.def.visits.iter().position(|v| &v.id == id) {
                None => {
                    errors.push(Error::new(
                        "programme.unknown_visit",
                        format!("{at}/id"),
                        format!(
                            "{}@{} has no visit `{id}`",
                            p.id(),
                            p.version(),
                            id = quote(id)
                        ),
                    ));
                    continue;
                }
                Some(k) if !fits(k) => {
                    let w = windows.get(k);
                    errors.push(Error::new(
                        "programme.visit_outside_window",
                        when_at,
                        format!(
                            "visit `{id}` was made at age {when_age} days, outside its window \
                             ({}–{} days)",
                            w.map_or(0, |w| w.from_age_days),
                            w.map_or(0, |w| w.to_age_days)
                        ),
                    ));
                    continue;
                }
                Some(k) => k,
            },
            None => match (0..windows.len()).find(|&k| fits(k) && done.get(k) == Some(&None)) {
                Some(k) => k,
                None => {
                    errors.push(Error::new(
                        "programme.visit_outside_window",
                        when_at,
                        format!(
                            "a visit at age {when_age} days falls in no open window of {}@{}",
                            p.id(),
                            p.version()
                        ),
                    ));
                    continue;
                }
            },
        };
        match done.get_mut(target) {
            Some(slot @ None) => *slot = Some(when_value),
            _ => errors.push(Error::new(
                "programme.duplicate_visit",
                at,
                format!(
                    "visit `{}` is recorded more than once",
                    p.def.visits.get(target).map_or("", |v| v.id.as_str())
                ),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }

    let mut plan = Vec::new();
    if eligible {
        for ((v, window), made) in p.def.visits.iter().zip(windows).zip(done) {
            let status = age.map(|a| match &made {
                Some(_) => "done",
                None if a < window.from_age_days => "upcoming",
                None if a <= window.to_age_days => "due",
                None => "missed",
            });
            plan.push(PlanEntry::Visit {
                id: v.id.clone(),
                title: v.title.clone(),
                professions: v.professions.clone(),
                joint: v.joint,
                window,
                status,
                done: made,
            });
        }
    }
    for (form, version, [from, to]) in checkup_series(checkups) {
        let window = days_window(from, to, birth);
        let status = age.map(|a| {
            if a < window.from_age_days {
                "upcoming"
            } else if a <= window.to_age_days {
                "due"
            } else {
                "passed"
            }
        });
        plan.push(PlanEntry::Checkup {
            form,
            version,
            window,
            status,
        });
    }
    plan.sort_by(|a, b| {
        let (wa, wb) = (a.window(), b.window());
        wa.from_age_days
            .cmp(&wb.from_age_days)
            .then(wa.to_age_days.cmp(&wb.to_age_days))
            .then_with(|| a.key().cmp(&b.key()))
    });

    Ok(Evaluation {
        engine: format!("trygg {}", env!("CARGO_PKG_VERSION")),
        programme: ProgrammeInfo {
            id: p.id().to_string(),
            version: p.version().to_string(),
            hash: p.hash().to_string(),
            status: p.status(),
        },
        eligible,
        reason: reason(p, eligible, &criteria),
        criteria,
        offer: eligible.then(|| Offer::ProgrammeEnrolment {
            programme: p.id().to_string(),
            version: p.version().to_string(),
        }),
        area: area.map(|a| AreaInfo {
            code: a.code.clone(),
            name: a.name.clone(),
            designated: a.designated,
        }),
        reference_date: reference.map(format_day),
        child_age_days: age,
        plan,
    })
}

/// Parse JSON input text and evaluate: the one call every shell makes.
pub fn evaluate_programme_json(
    p: &CompiledProgramme,
    input: &str,
    checkups: &Registry,
) -> Result<String, Errors> {
    let value: Value = crate::input::parse_value(input, &crate::input::PROGRAMME_INPUT)?;
    let input = input_from_value(&value)?;
    evaluate_programme(p, &input, checkups).map(|e| e.to_json())
}

/// The result of one programme example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResult {
    /// Index in `examples`.
    pub index: usize,
    /// Name.
    pub name: String,
    /// Every mismatch; empty when it passed.
    pub failures: Vec<String>,
}

impl ExampleResult {
    /// Whether it passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Run every example of `p`. Examples check the programme itself, so they run without a
/// check-up series: their plans hold programme visits only.
pub fn run_examples(p: &CompiledProgramme) -> Vec<ExampleResult> {
    let checkups = Registry::new();
    p.def
        .examples
        .iter()
        .enumerate()
        .map(|(index, ex)| {
            let result = input_from_value(&ex.input)
                .and_then(|input| evaluate_programme(p, &input, &checkups));
            ExampleResult {
                index,
                name: ex.name.clone(),
                failures: compare(&ex.expect, &result),
            }
        })
        .collect()
}

fn compare(want: &super::ProgrammeExpect, got: &Result<Evaluation, Errors>) -> Vec<String> {
    let mut failures = Vec::new();
    let got = match (got, &want.errors) {
        (Err(e), Some(codes)) => {
            let mut g: Vec<&str> = e.0.iter().map(|e| e.code).collect();
            let mut w: Vec<&str> = codes.iter().map(String::as_str).collect();
            g.sort_unstable();
            g.dedup();
            w.sort_unstable();
            w.dedup();
            if g != w {
                failures.push(format!("errors: expected {w:?}, got {g:?}"));
            }
            return failures;
        }
        (Err(e), None) => {
            failures.push(format!("refused: {e}"));
            return failures;
        }
        (Ok(_), Some(codes)) => {
            failures.push(format!("expected errors {codes:?}, got a result"));
            return failures;
        }
        (Ok(g), None) => g,
    };
    if let Some(e) = want.eligible {
        if e != got.eligible {
            failures.push(format!("eligible: expected {e}, got {}", got.eligible));
        }
    }
    if let Some(held) = &want.held {
        let mut w: Vec<&str> = held.iter().map(String::as_str).collect();
        let mut g: Vec<&str> = got
            .criteria
            .iter()
            .filter(|c| c.held)
            .map(|c| c.id.as_str())
            .collect();
        w.sort_unstable();
        g.sort_unstable();
        if w != g {
            failures.push(format!("held: expected {w:?}, got {g:?}"));
        }
    }
    if let Some(plan) = &want.plan {
        let g: Vec<String> = got.plan.iter().map(PlanEntry::key).collect();
        if &g != plan {
            failures.push(format!("plan: expected {plan:?}, got {g:?}"));
        }
    }
    if let Some(status) = &want.status {
        for (id, s) in status {
            let g = got.plan.iter().find_map(|e| match e {
                PlanEntry::Visit { id: v, status, .. } if v == id => Some(*status),
                _ => None,
            });
            if g != Some(Some(s.as_str())) {
                failures.push(format!(
                    "status of `{id}`: expected {s}, got {}",
                    g.flatten().unwrap_or("none")
                ));
            }
        }
    }
    failures
}
