//! The uptake report's counts: families assessed, eligible, offered, accepted, declined,
//! not yet answered, and planned versus completed visits, per area and period — with
//! small-count suppression so the tables can be published.
//!
//! Every record is either counted or kept as a located error with its line number
//! ([`Report::errors`]); nothing is dropped. Renderers (the CLI's Markdown, JSON and HTML)
//! only ever see [`Published`], in which small cells are already replaced, so no renderer
//! can leak a suppressed count.

use super::plan::{
    evaluate_programme, ChildContext, FamilyContext, ProgrammeInput, ProgrammeRef, RecordedVisit,
};
use super::Programmes;
use crate::error::{Error, Errors};
use crate::input::quote;
use crate::registry::Registry;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// What the family answered to the offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Accepted the programme.
    Accepted,
    /// Declined it.
    Declined,
    /// Has not answered yet.
    NotAnswered,
}

/// The offer made to a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferRecord {
    /// Date of the offer.
    pub date: String,
    /// The family's answer.
    pub answer: Answer,
}

/// One family's record (one NDJSON line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UptakeRecord {
    /// Record id (never printed in the report's tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Made up for a demo, never real data.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
    /// The programme version the family was assessed under.
    pub programme: ProgrammeRef,
    /// Date eligibility was assessed.
    pub assessed: String,
    /// The family's context.
    pub family: FamilyContext,
    /// The child's context.
    #[serde(default)]
    pub child: ChildContext,
    /// The offer, if one was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<OfferRecord>,
    /// Programme visits made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<RecordedVisit>,
}

/// How records are grouped in time (by the offer's date, else the assessment's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    /// Calendar year.
    Year,
    /// Calendar quarter.
    Quarter,
}

impl Period {
    fn label(self, date: &str) -> String {
        let year = date.get(0..4).unwrap_or("????");
        let month: u32 = date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
        match self {
            Period::Year => year.to_string(),
            Period::Quarter => format!("{year}-Q{}", month.div_ceil(3)),
        }
    }
}

/// Raw counts of one cell group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Families assessed.
    pub families: u64,
    /// Eligible by the programme's criteria.
    pub eligible: u64,
    /// Offered the programme.
    pub offered: u64,
    /// Offered although not eligible by the criteria.
    pub offered_not_eligible: u64,
    /// Accepted.
    pub accepted: u64,
    /// Declined.
    pub declined: u64,
    /// Not answered yet.
    pub not_answered: u64,
    /// Visits planned for the families who accepted.
    pub visits_planned: u64,
    /// Visits made.
    pub visits_done: u64,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.families += o.families;
        self.eligible += o.eligible;
        self.offered += o.offered;
        self.offered_not_eligible += o.offered_not_eligible;
        self.accepted += o.accepted;
        self.declined += o.declined;
        self.not_answered += o.not_answered;
        self.visits_planned += o.visits_planned;
        self.visits_done += o.visits_done;
    }
}

/// A record that was not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordError {
    /// 1-based line number in the input.
    pub line: u64,
    /// Stable code.
    pub code: &'static str,
    /// JSON pointer into the record.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The counts of one programme's records (raw; publish with [`Report::publish`]).
#[derive(Debug, Clone)]
pub struct Report<'a> {
    programmes: &'a Programmes,
    checkups: Registry,
    programme: String,
    period: Period,
    as_of: Option<i64>,
    /// (area code, period) → tally.
    cells: BTreeMap<(String, String), Tally>,
    area_names: BTreeMap<String, String>,
    versions: BTreeMap<String, u64>,
    synthetic: u64,
    lines: u64,
    errors: Vec<RecordError>,
}

impl<'a> Report<'a> {
    /// A report on programme `id` (any loaded version) grouped by `period`.
    pub fn new(programmes: &'a Programmes, id: &str, period: Period) -> Self {
        Report {
            programmes,
            checkups: Registry::new(),
            programme: id.to_string(),
            period,
            as_of: None,
            cells: BTreeMap::new(),
            area_names: BTreeMap::new(),
            versions: BTreeMap::new(),
            synthetic: 0,
            lines: 0,
            errors: Vec::new(),
        }
    }

    /// Count as planned only the visits whose window has closed by `date` (`YYYY-MM-DD`),
    /// so that planned and done compare like with like; `None` when not a date.
    pub fn as_of(mut self, date: &str) -> Option<Self> {
        self.as_of = Some(super::date::parse_day(date)?);
        Some(self)
    }

    /// Count one non-blank input line (or keep it as an error).
    pub fn add_line(&mut self, line: u64, text: &str) {
        self.lines += 1;
        if let Err(errors) = self.count(text) {
            for e in errors.0 {
                self.errors.push(RecordError {
                    line,
                    code: e.code,
                    path: e.path,
                    message: e.message,
                });
            }
        }
    }

    /// Records read (non-blank lines).
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Errors, by line.
    pub fn errors(&self) -> &[RecordError] {
        &self.errors
    }

    /// Raw counts by (area code, period).
    pub fn cells(&self) -> &BTreeMap<(String, String), Tally> {
        &self.cells
    }

    fn count(&mut self, text: &str) -> Result<(), Errors> {
        let value: Value = crate::input::parse_value(text, &crate::input::UPTAKE_RECORD)?;
        let record = UptakeRecord::deserialize(&value)
            .map_err(|e| Error::new("report.invalid", "", crate::input::excerpt(&e.to_string())))?;
        if record.programme.id != self.programme {
            return Err(Error::new(
                "report.other_programme",
                "/programme/id",
                format!(
                    "the record is for programme `{}`; this report is on `{}`",
                    quote(&record.programme.id),
                    self.programme
                ),
            )
            .into());
        }
        let p = self
            .programmes
            .get(&record.programme.id, &record.programme.version)
            .map_err(|mut e| {
                e.path = "/programme/version".into();
                Errors::from(e)
            })?;
        let Some(area) = record.family.area.clone() else {
            return Err(Error::new(
                "report.no_area",
                "/family/area",
                "a record names the family's area",
            )
            .into());
        };
        // Eligibility as of the assessment date (checks area, dates, birth not after it).
        let assessed = ProgrammeInput {
            programme: Some(record.programme.clone()),
            reference_date: Some(record.assessed.clone()),
            family: record.family.clone(),
            child: record.child.clone(),
            visits: Vec::new(),
        };
        let with_date = |mut e: Error| {
            if e.path == "/referenceDate" {
                e.path = "/assessed".into();
            }
            e
        };
        let evaluation = evaluate_programme(p, &assessed, &self.checkups)
            .map_err(|e| Errors(e.0.into_iter().map(with_date).collect()))?;
        let mut errors = Vec::new();
        if let Some(offer) = &record.offer {
            if super::date::parse_day(&offer.date).is_none() {
                errors.push(Error::new(
                    "programme.bad_date",
                    "/offer/date",
                    format!("`{}` is not a YYYY-MM-DD calendar date", quote(&offer.date)),
                ));
            }
        }
        let accepted = record
            .offer
            .as_ref()
            .is_some_and(|o| o.answer == Answer::Accepted);
        if !record.visits.is_empty() {
            if !accepted {
                errors.push(Error::new(
                    "report.visits_without_acceptance",
                    "/visits",
                    "visits are recorded but the family did not accept the programme",
                ));
            } else {
                // Each visit inside a window (no reference date: visits come after the
                // assessment).
                let made = ProgrammeInput {
                    programme: None,
                    reference_date: None,
                    family: record.family.clone(),
                    child: ChildContext {
                        age_days: None,
                        ..record.child.clone()
                    },
                    visits: record.visits.clone(),
                };
                if let Err(e) = evaluate_programme(p, &made, &self.checkups) {
                    errors.extend(e.0);
                }
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        let date = record
            .offer
            .as_ref()
            .map_or(record.assessed.as_str(), |o| o.date.as_str());
        let key = (area.clone(), self.period.label(date));
        let mut t = Tally {
            families: 1,
            eligible: u64::from(evaluation.eligible),
            ..Tally::default()
        };
        if let Some(o) = &record.offer {
            t.offered = 1;
            t.offered_not_eligible = u64::from(!evaluation.eligible);
            match o.answer {
                Answer::Accepted => {
                    t.accepted = 1;
                    let birth = record
                        .child
                        .birth_date
                        .as_deref()
                        .and_then(super::date::parse_day);
                    t.visits_planned = match (self.as_of, birth) {
                        (Some(as_of), Some(b)) => p
                            .def
                            .visits
                            .iter()
                            .filter(|v| v.window.to.date_from(b) <= as_of)
                            .count() as u64,
                        _ => p.def.visits.len() as u64,
                    };
                    t.visits_done = record.visits.len() as u64;
                }
                Answer::Declined => t.declined = 1,
                Answer::NotAnswered => t.not_answered = 1,
            }
        }
        if let Some(a) = p.area(&area) {
            self.area_names.insert(area, a.name.clone());
        }
        self.cells.entry(key).or_default().add(&t);
        *self
            .versions
            .entry(record.programme.version.clone())
            .or_default() += 1;
        self.synthetic += u64::from(record.synthetic);
        Ok(())
    }

    /// The publishable report: every count under `below` (1 ≤ n < below, and 0 too) is
    /// replaced by `"<below"`, and a rate whose numerator or denominator was replaced is
    /// withheld. `below = 0` publishes every count.
    pub fn publish(&self, below: u64) -> Published {
        let row = |area: &str, period: &str, t: &Tally| PublishedRow {
            area: area.to_string(),
            area_name: self.area_names.get(area).cloned().unwrap_or_default(),
            period: period.to_string(),
            cells: PublishedCells::of(t, below),
        };
        let mut rows = Vec::new();
        let mut by_area: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut by_period: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        for ((area, period), t) in &self.cells {
            rows.push(row(area, period, t));
            by_area.entry(area).or_default().add(t);
            by_period.entry(period).or_default().add(t);
            total.add(t);
        }
        let counted = total.families;
        Published {
            programme: self.programme.clone(),
            versions: self.versions.clone(),
            period: self.period,
            as_of: self.as_of.map(super::date::format_day),
            suppress_below: below,
            records: self.lines,
            counted,
            rejected: self.lines.saturating_sub(counted),
            synthetic: self.synthetic,
            rows,
            areas: by_area.iter().map(|(a, t)| row(a, "all", t)).collect(),
            periods: by_period.iter().map(|(p, t)| row("all", p, t)).collect(),
            total: row("all", "all", &total),
            errors: self.errors.clone(),
        }
    }
}

/// A published count: the number, or `"<N"` when suppressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Shown.
    Count(u64),
    /// Withheld (`"<5"`).
    Suppressed(String),
}

impl Cell {
    fn of(n: u64, below: u64) -> Cell {
        if n < below {
            Cell::Suppressed(format!("<{below}"))
        } else {
            Cell::Count(n)
        }
    }

    /// The count, when shown.
    pub fn count(&self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(*n),
            Cell::Suppressed(_) => None,
        }
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Count(n) => write!(f, "{n}"),
            Cell::Suppressed(s) => f.write_str(s),
        }
    }
}

/// A rate in per cent (one decimal), or why not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Rate {
    /// Per cent.
    Percent(f64),
    /// `"suppressed"` (a count behind it is) or `"n/a"` (nobody offered).
    Withheld(&'static str),
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rate::Percent(p) => write!(f, "{p:.1} %"),
            Rate::Withheld(s) => f.write_str(s),
        }
    }
}

/// The published cells of one row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedCells {
    /// Families assessed.
    pub families: Cell,
    /// Eligible.
    pub eligible: Cell,
    /// Offered.
    pub offered: Cell,
    /// Offered although not eligible.
    pub offered_not_eligible: Cell,
    /// Accepted.
    pub accepted: Cell,
    /// Declined.
    pub declined: Cell,
    /// Not answered yet.
    pub not_answered: Cell,
    /// Accepted ÷ offered.
    pub acceptance_rate: Rate,
    /// Visits planned for those who accepted.
    pub visits_planned: Cell,
    /// Visits made.
    pub visits_done: Cell,
}

impl PublishedCells {
    fn of(t: &Tally, below: u64) -> Self {
        let offered = Cell::of(t.offered, below);
        let accepted = Cell::of(t.accepted, below);
        let acceptance_rate = match (offered.count(), accepted.count()) {
            (Some(0), _) => Rate::Withheld("n/a"),
            (Some(o), Some(a)) => Rate::Percent((a as f64 * 1000.0 / o as f64).round() / 10.0),
            _ => Rate::Withheld("suppressed"),
        };
        PublishedCells {
            families: Cell::of(t.families, below),
            eligible: Cell::of(t.eligible, below),
            offered,
            offered_not_eligible: Cell::of(t.offered_not_eligible, below),
            accepted,
            declined: Cell::of(t.declined, below),
            not_answered: Cell::of(t.not_answered, below),
            acceptance_rate,
            visits_planned: Cell::of(t.visits_planned, below),
            visits_done: Cell::of(t.visits_done, below),
        }
    }
}

/// One published row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedRow {
    /// Area code (`all` for totals).
    pub area: String,
    /// Area name.
    pub area_name: String,
    /// Period label (`2024`, `2024-Q1`, `all`).
    pub period: String,
    /// The cells.
    pub cells: PublishedCells,
}

/// The publishable report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    /// Programme id.
    pub programme: String,
    /// Records counted per programme version.
    pub versions: BTreeMap<String, u64>,
    /// Grouping.
    pub period: Period,
    /// Visits planned count only windows closed by this date (else the whole plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Counts under this are suppressed (0: none).
    pub suppress_below: u64,
    /// Records read.
    pub records: u64,
    /// Records counted.
    pub counted: u64,
    /// Records refused (listed in `errors`).
    pub rejected: u64,
    /// Counted records marked synthetic.
    pub synthetic: u64,
    /// Per area and period.
    pub rows: Vec<PublishedRow>,
    /// Per area, all periods.
    pub areas: Vec<PublishedRow>,
    /// Per period, all areas.
    pub periods: Vec<PublishedRow>,
    /// Everything.
    pub total: PublishedRow,
    /// Records not counted, with line numbers.
    pub errors: Vec<RecordError>,
}

impl Published {
    /// Canonical JSON.
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }
}
