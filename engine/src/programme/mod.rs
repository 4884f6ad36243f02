//! Extended home-visiting programmes (the Rinkeby model): definition, compiler, collection.
//!
//! A programme definition (`programmes/<id>/<version>.json`, schema
//! `programmes/schema/programme.schema.json`) is versioned, content-hashed and has a
//! lifecycle like a form. It says who is offered the programme (eligibility criteria:
//! JsonLogic conditions over the family's context, every one of which must hold), where
//! (the area list, as data), and what the family gets (the visit plan: each visit's age
//! window and the professions that attend). The offer it makes is
//! [`Offer::ProgrammeEnrolment`](crate::model::Offer) with the programme's id and version.
//!
//! Conditions are compiled once with a [`Scope`] that knows the programme context keys
//! ([`CONTEXT_VARS`]) and their types, so a typo or a comparison with an unknown area code
//! is a compile error, as in forms. Evaluation lives in [`plan`]; the uptake report's
//! counts in [`report`].

pub mod date;
pub mod plan;
pub mod report;

use crate::error::{escape_pointer, Error, Errors};
use crate::input::quote;
use crate::logic::{self, Rule, Scope, SlotInfo, VarType};
use crate::model::{Source, Status};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub use plan::{evaluate_programme, run_examples, ProgrammeInput};

/// Most visits, areas, criteria or examples in one programme (each).
pub const MAX_ENTRIES: usize = 500;

/// Localized text: locale → string.
pub type Localized = BTreeMap<String, String>;

/// A programme definition (one immutable version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProgrammeDef {
    /// Editor hint, ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable programme id.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Publication state (as forms).
    pub status: Status,
    /// Title per locale.
    pub title: Localized,
    /// Description per locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Localized>,
    /// Locales every text must be complete in; the first is the default.
    pub locales: Vec<String>,
    /// Provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The areas the programme knows.
    pub areas: Areas,
    /// Criteria; the family is eligible when every one holds.
    pub eligibility: Vec<Criterion>,
    /// The visits the programme adds, in order of their windows.
    pub visits: Vec<Visit>,
    /// The programme's own test cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ProgrammeExample>,
}

/// The area list: every area a family of the catchment may live in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Areas {
    /// The list is illustrative, not a municipality's decision.
    #[serde(default)]
    pub example_data: bool,
    /// Where the list comes from (a decision, an index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The areas.
    pub list: Vec<Area>,
}

/// One area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stable code (what `family.area` holds).
    pub code: String,
    /// Name.
    pub name: String,
    /// Designated for the programme (read by conditions as `area.designated`).
    pub designated: bool,
}

/// One eligibility criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Criterion id.
    pub id: String,
    /// What holds, per locale ("First child, or first child in Sweden").
    pub title: Localized,
    /// Condition (JsonLogic over the programme context).
    pub when: Value,
}

/// A child's age, in one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Age {
    /// Days.
    Days(u32),
    /// Weeks (7 days).
    Weeks(u32),
    /// Calendar months: the day the child turns this many months.
    Months(u32),
}

/// Average days per month, for months when no birth date is known.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

impl Age {
    /// The age in days when no birth date is known (months × 30.4375, rounded down).
    pub fn approx_days(self) -> u32 {
        match self {
            Age::Days(d) => d,
            Age::Weeks(w) => w.saturating_mul(7),
            Age::Months(m) => {
                let days = (f64::from(m) * DAYS_PER_MONTH).floor();
                if days >= f64::from(u32::MAX) {
                    u32::MAX
                } else {
                    days as u32
                }
            }
        }
    }

    /// The day number the child born on day `birth` reaches this age.
    pub(crate) fn date_from(self, birth: i64) -> i64 {
        match self {
            Age::Months(m) => date::add_months(birth, m),
            other => birth + i64::from(other.approx_days()),
        }
    }
}

/// A visit's age window (inclusive at both ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// First day.
    pub from: Age,
    /// Last day.
    pub to: Age,
}

/// Who attends a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profession {
    /// The child health centre (BVC) nurse.
    Nurse,
    /// A parent adviser from the preventive social services (föräldrarådgivare).
    ParentAdviser,
    /// Dental care (tandvården).
    DentalCare,
    /// A bridge-builder (brobyggare): community link worker.
    BridgeBuilder,
    /// A pre-school pedagogue (förskolepedagog).
    PreschoolPedagogue,
    /// A midwife.
    Midwife,
    /// An interpreter.
    Interpreter,
}

/// One programme visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Visit id.
    pub id: String,
    /// Title per locale.
    pub title: Localized,
    /// The child's age window.
    pub window: Window,
    /// Who attends.
    pub professions: Vec<Profession>,
    /// Made jointly with the social services (a parent adviser attends).
    pub joint: bool,
}

/// A programme's own test case: an input, what it must give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeExample {
    /// Name.
    pub name: String,
    /// The input ([`ProgrammeInput`] as JSON).
    pub input: Value,
    /// What it must give.
    pub expect: ProgrammeExpect,
}

/// Expected results; every field optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeExpect {
    /// Eligible or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<bool>,
    /// The criteria that held (exact set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held: Option<Vec<String>>,
    /// The plan's entries in order: visit ids, and `checkup:<form id>` for check-ups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<String>>,
    /// Statuses by visit id (`done`, `due`, `upcoming`, `missed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<BTreeMap<String, String>>,
    /// Error codes the input must be refused with (exact set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<String>>,
}

/// The context keys an eligibility condition may read, in slot order, with their types.
pub const CONTEXT_VARS: [(&str, VarType); 7] = [
    ("family.firstChild", VarType::Bool),
    ("family.firstChildInSweden", VarType::Bool),
    ("family.area", VarType::String),
    ("area.designated", VarType::Bool),
    ("child.birthDate", VarType::String),
    ("child.ageDays", VarType::Number),
    ("child.ageDaysAtFirstContact", VarType::Number),
];

pub(crate) const SLOT_AREA: u32 = 2;

struct ProgrammeScope<'a> {
    areas: &'a [Area],
}

impl Scope for ProgrammeScope<'_> {
    fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String> {
        let slot = CONTEXT_VARS
            .iter()
            .position(|(k, _)| *k == path)
            .ok_or_else(|| {
                let keys: Vec<&str> = CONTEXT_VARS.iter().map(|(k, _)| *k).collect();
                format!(
                    "`{}` is not a programme context key; the keys are {}",
                    quote(path),
                    keys.join(", ")
                )
            })?;
        let ty = CONTEXT_VARS.get(slot).map_or(VarType::Any, |(_, t)| *t);
        let slot = u32::try_from(slot).unwrap_or(u32::MAX);
        let values = (slot == SLOT_AREA).then(|| {
            self.areas
                .iter()
                .map(|a| Value::String(a.code.clone()))
                .collect()
        });
        Ok(Some(SlotInfo { slot, ty, values }))
    }

    fn allows_dynamic(&self) -> bool {
        false
    }
}

/// A compiled, immutable programme version.
#[derive(Debug, Clone)]
pub struct CompiledProgramme {
    pub(crate) def: ProgrammeDef,
    pub(crate) hash: String,
    pub(crate) criteria: Vec<Rule>,
}

impl CompiledProgramme {
    /// Programme id.
    pub fn id(&self) -> &str {
        &self.def.id
    }
    /// Version.
    pub fn version(&self) -> &str {
        &self.def.version
    }
    /// Publication state.
    pub fn status(&self) -> Status {
        self.def.status
    }
    /// `sha256:<hex>` of the canonical JSON of the definition.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// The definition as written.
    pub fn def(&self) -> &ProgrammeDef {
        &self.def
    }
    /// The area with this code.
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.def.areas.list.iter().find(|a| a.code == code)
    }
}

/// Parse, schema-check (feature `schema`) and compile programme JSON text.
pub fn load_programme(text: &str) -> Result<CompiledProgramme, Errors> {
    let value = crate::parse::parse_value(text).map_err(|e| {
        Errors(
            e.0.into_iter()
                .map(|mut e| {
                    e.code = match e.code {
                        "form.too_large" => "programme.too_large",
                        _ => "programme.not_json",
                    };
                    e.message = e.message.replace("the form", "the programme");
                    e
                })
                .collect(),
        )
    })?;
    #[cfg(feature = "schema")]
    check_schema(&value)?;
    compile_programme(&value)
}

/// The JSON Schema of programme definitions.
pub const PROGRAMME_SCHEMA: &str = include_str!("../../../programmes/schema/programme.schema.json");

/// Check a programme value against [`PROGRAMME_SCHEMA`] (`programme.schema` errors).
#[cfg(feature = "schema")]
pub fn check_schema(value: &Value) -> Result<(), Errors> {
    let schema: Value = serde_json::from_str(PROGRAMME_SCHEMA)
        .map_err(|e| Error::new("schema.broken", "", format!("the bundled schema: {e}")))?;
    let validator = jsonschema::validator_for(&schema)
        .map_err(|e| Error::new("schema.broken", "", format!("the bundled schema: {e}")))?;
    let errors: Vec<Error> = validator
        .iter_errors(value)
        .map(|e| {
            Error::new(
                "programme.schema",
                e.instance_path().to_string(),
                e.to_string(),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

/// Compile a programme value (no schema check).
pub fn compile_programme(value: &Value) -> Result<CompiledProgramme, Errors> {
    let def = ProgrammeDef::deserialize(value).map_err(|e| {
        Error::new(
            "programme.invalid",
            "",
            crate::input::excerpt(&format!("the programme does not match the model: {e}")),
        )
    })?;
    let hash = crate::canonical::content_hash(value);
    let mut errors = Vec::new();
    check(&def, &mut errors);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let scope = ProgrammeScope {
        areas: &def.areas.list,
    };
    let mut criteria = Vec::new();
    for (i, c) in def.eligibility.iter().enumerate() {
        match logic::compile_with(&c.when, &scope) {
            Ok(rule) => criteria.push(rule),
            Err(e) => errors.push(Error::new(
                e.code,
                format!("/eligibility/{i}/when{}", e.path),
                e.message,
            )),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(CompiledProgramme {
        def,
        hash,
        criteria,
    })
}

fn texts(text: &Localized, locales: &[String], at: &str, errors: &mut Vec<Error>) {
    for l in locales {
        if text.get(l).is_none_or(|t| t.trim().is_empty()) {
            errors.push(Error::new(
                "programme.missing_text",
                at,
                format!(
                    "no `{}` text; every text needs every locale in `locales`",
                    quote(l)
                ),
            ));
        }
    }
}

fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    at: impl Fn(usize) -> String,
    what: &str,
    errors: &mut Vec<Error>,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            errors.push(Error::new(
                "programme.duplicate_id",
                at(i),
                format!("{what} `{}` appears more than once", quote(id)),
            ));
        }
    }
}

fn check(def: &ProgrammeDef, errors: &mut Vec<Error>) {
    let counts = [
        ("/areas/list", def.areas.list.len()),
        ("/eligibility", def.eligibility.len()),
        ("/visits", def.visits.len()),
        ("/examples", def.examples.len()),
    ];
    for (at, n) in counts {
        if n > MAX_ENTRIES {
            errors.push(Error::new(
                "programme.too_many",
                at,
                format!("{n} entries; the limit is {MAX_ENTRIES}"),
            ));
        }
    }
    if !errors.is_empty() {
        return;
    }
    if semver::Version::parse(&def.version).is_err() {
        errors.push(Error::new(
            "programme.bad_version",
            "/version",
            format!(
                "`{}` is not a semantic version (e.g. 1.0.0)",
                quote(&def.version)
            ),
        ));
    }
    if def.locales.is_empty() {
        errors.push(Error::new(
            "programme.no_locales",
            "/locales",
            "name at least one locale",
        ));
    }
    texts(&def.title, &def.locales, "/title", errors);
    if let Some(d) = &def.description {
        texts(d, &def.locales, "/description", errors);
    }
    unique(
        def.areas.list.iter().map(|a| a.code.as_str()),
        |i| format!("/areas/list/{i}/code"),
        "area code",
        errors,
    );
    if !def.areas.list.iter().any(|a| a.designated) {
        errors.push(Error::new(
            "programme.no_designated_area",
            "/areas/list",
            "no area is designated for the programme",
        ));
    }
    if def.eligibility.is_empty() {
        errors.push(Error::new(
            "programme.no_criteria",
            "/eligibility",
            "name at least one eligibility criterion",
        ));
    }
    unique(
        def.eligibility.iter().map(|c| c.id.as_str()),
        |i| format!("/eligibility/{i}/id"),
        "criterion",
        errors,
    );
    for (i, c) in def.eligibility.iter().enumerate() {
        texts(
            &c.title,
            &def.locales,
            &format!("/eligibility/{i}/title"),
            errors,
        );
    }
    if def.visits.is_empty() {
        errors.push(Error::new(
            "programme.no_visits",
            "/visits",
            "a programme plans at least one visit",
        ));
    }
    unique(
        def.visits.iter().map(|v| v.id.as_str()),
        |i| format!("/visits/{i}/id"),
        "visit",
        errors,
    );
    let mut previous: Option<u32> = None;
    for (i, v) in def.visits.iter().enumerate() {
        let at = |f: &str| format!("/visits/{i}/{f}");
        texts(&v.title, &def.locales, &at("title"), errors);
        let (from, to) = (v.window.from.approx_days(), v.window.to.approx_days());
        if from > to {
            errors.push(Error::new(
                "programme.bad_window",
                at("window"),
                format!("the window starts at day {from} but ends at day {to}"),
            ));
        }
        if previous.is_some_and(|p| p > from) {
            errors.push(Error::new(
                "programme.visit_order",
                at("window/from"),
                "list visits in the order their windows open",
            ));
        }
        previous = Some(from);
        if v.professions.is_empty() {
            errors.push(Error::new(
                "programme.no_professions",
                at("professions"),
                "name who attends the visit",
            ));
        }
        let distinct: BTreeSet<Profession> = v.professions.iter().copied().collect();
        if distinct.len() != v.professions.len() {
            errors.push(Error::new(
                "programme.duplicate_profession",
                at("professions"),
                "a profession is listed twice",
            ));
        }
        if v.joint != distinct.contains(&Profession::ParentAdviser) {
            errors.push(Error::new(
                "programme.joint_mismatch",
                at("joint"),
                if v.joint {
                    "a joint visit is made with social services: list `parent-adviser`"
                } else {
                    "a parent adviser attends: mark the visit `\"joint\": true`"
                },
            ));
        }
    }
    for (i, ex) in def.examples.iter().enumerate() {
        if let Some(status) = &ex.expect.status {
            for (id, s) in status {
                let at = format!("/examples/{i}/expect/status/{}", escape_pointer(id));
                if !def.visits.iter().any(|v| &v.id == id) {
                    errors.push(Error::new(
                        "programme.unknown_visit",
                        at,
                        format!("no visit `{id}`", id = quote(id)),
                    ));
                } else if !["done", "due", "upcoming", "missed"].contains(&s.as_str()) {
                    errors.push(Error::new(
                        "programme.bad_status",
                        at,
                        format!("`{s}` is not done, due, upcoming or missed", s = quote(s)),
                    ));
                }
            }
        }
    }
}

/// Compiled programmes by id and version (the version a record names, or the highest
/// active one for a new family).
#[derive(Debug, Clone, Default)]
pub struct Programmes {
    list: BTreeMap<(String, String), CompiledProgramme>,
}

impl Programmes {
    /// An empty collection.
    pub fn new() -> Self {
        Programmes::default()
    }

    /// Add a programme; the same id and version with different content is an error.
    pub fn insert(&mut self, p: CompiledProgramme) -> Result<(), Error> {
        let key = (p.id().to_string(), p.version().to_string());
        if let Some(existing) = self.list.get(&key) {
            if existing.hash() != p.hash() {
                return Err(Error::new(
                    "programme.conflict",
                    "",
                    format!(
                        "{}@{} is already loaded with different content; a version is immutable",
                        quote(&key.0),
                        quote(&key.1)
                    ),
                ));
            }
            return Ok(());
        }
        if self.list.len() >= crate::registry::MAX_FORMS {
            return Err(Error::new("programme.full", "", "too many programmes"));
        }
        self.list.insert(key, p);
        Ok(())
    }

    /// Every programme, by id then version.
    pub fn iter(&self) -> impl Iterator<Item = &CompiledProgramme> {
        self.list.values()
    }

    /// The exact version, whatever its status (`programme.unknown_version`).
    pub fn get(&self, id: &str, version: &str) -> Result<&CompiledProgramme, Error> {
        self.list
            .get(&(id.to_string(), version.to_string()))
            .ok_or_else(|| {
                let known: Vec<&str> = self
                    .list
                    .keys()
                    .filter(|(i, _)| i == id)
                    .map(|(_, v)| v.as_str())
                    .collect();
                let message = if known.is_empty() {
                    format!("no programme `{id}` is loaded", id = quote(id))
                } else {
                    format!(
                        "programme `{}` has no version {}; loaded: {}",
                        quote(id),
                        quote(version),
                        known.join(", ")
                    )
                };
                Error::new("programme.unknown_version", "", message)
            })
    }

    /// The highest `active` version of `id` (for a new family).
    pub fn active(&self, id: &str) -> Result<&CompiledProgramme, Error> {
        self.list
            .values()
            .filter(|p| p.id() == id && p.status() == Status::Active)
            .max_by_key(|p| semver::Version::parse(p.version()).ok())
            .ok_or_else(|| {
                Error::new(
                    "programme.unknown_version",
                    "",
                    format!(
                        "no active version of programme `{id}` is loaded",
                        id = quote(id)
                    ),
                )
            })
    }
}
