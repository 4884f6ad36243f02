//! The Trygg start series (`forms/trygg-start/<checkup>/<version>.json`), built as the
//! engine's own model types.
//!
//! The six check-up forms share most of their items (mood, economy, stress, alcohol,
//! violence, support) and differ in their child-safety questions, age window and locales.
//! Writing them by hand would let the copies drift; a script outside the engine could not
//! tell when the model gains a field or an offer kind. So the forms are built here as
//! [`FormDef`] values — every item, scale, finding, rule and example a typed struct, so a
//! change of the model does not compile until the series is updated — then compiled by the
//! engine's compiler and their examples run, and finally compared with the committed files
//! (`check`). The committed JSON stays the source of truth: a version is immutable once
//! active, and `gen-series --write` must never be used on such a version.
//!
//! Roles: `texts` (wording, read from `texts.json` beside them), `items`,
//! `scales`, `findings`, `rules`, `examples` (hand-written expectations), `form` (one
//! whole form), `check` (compile, compare, write).

use serde_json::{json, Value};

pub mod check;
pub mod examples;
pub mod findings;
pub mod form;
pub mod items;
pub mod rules;
pub mod scales;
pub mod texts;

pub use trygg::model::FormDef;

/// One check-up of the series.
#[derive(Debug, Clone, Copy)]
pub struct Checkup {
    /// `6-8w`, `4m`, …: the directory name and the form id's suffix.
    pub id: &'static str,
    /// Child age window in days (inclusive).
    pub window: (u32, u32),
    /// Locales the form is complete in (the first is the default).
    pub locales: &'static [&'static str],
    /// The child-safety items asked at this age, in order (see [`SAFETY`]).
    pub safety: &'static [&'static str],
}

/// The check-ups, youngest first.
pub const CHECKUPS: &[Checkup] = &[
    Checkup {
        id: "6-8w",
        window: (35, 90),
        locales: &["sv", "en", "ar", "so"],
        safety: &["safety_sleep_back", "safety_car_seat", "safety_crying_plan"],
    },
    Checkup {
        id: "4m",
        window: (91, 212),
        locales: &["sv", "en"],
        safety: &[
            "safety_sleep_back",
            "safety_car_seat",
            "safety_crying_plan",
            "safety_falls_surface",
        ],
    },
    Checkup {
        id: "10m",
        window: (213, 456),
        locales: &["sv", "en"],
        safety: &[
            "safety_car_seat",
            "safety_falls",
            "safety_small_objects",
            "safety_hot_liquids",
        ],
    },
    Checkup {
        id: "18m",
        window: (457, 820),
        locales: &["sv", "en"],
        safety: &[
            "safety_car_seat",
            "safety_poisons",
            "safety_stairs",
            "safety_water",
        ],
    },
    Checkup {
        id: "2.5y",
        window: (821, 1277),
        locales: &["sv", "en"],
        safety: &[
            "safety_car_seat",
            "safety_smoke_alarm",
            "safety_firearms",
            "safety_street",
        ],
    },
    Checkup {
        id: "4y",
        window: (1278, 1826),
        locales: &["sv", "en"],
        safety: &[
            "safety_smoke_alarm",
            "safety_firearms",
            "safety_street",
            "safety_helmet",
        ],
    },
];

/// How a safety question is answered and which answer is the concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafetyKind {
    /// Yes/no; the concern is "no" (`false`).
    Bool,
    /// Yes, no, or one neutral option (`other`, e.g. "we never travel by car"); the
    /// concern is "no".
    Choice { other: &'static str },
    /// No firearms, locked away, or not locked away (the concern).
    Firearms,
}

/// A child-safety item: its answers, the finding it raises and the written-information
/// topic the rule offers.
#[derive(Debug, Clone, Copy)]
pub struct SafetyDef {
    pub item: &'static str,
    pub kind: SafetyKind,
    pub finding: &'static str,
    pub topic: &'static str,
}

impl SafetyDef {
    /// The answer that raises no finding (the base examples use it).
    pub fn safe(&self) -> Value {
        match self.kind {
            SafetyKind::Bool => json!(true),
            SafetyKind::Choice { .. } => json!("yes"),
            SafetyKind::Firearms => json!("no"),
        }
    }

    /// The answer that raises the finding.
    pub fn concern(&self) -> Value {
        match self.kind {
            SafetyKind::Bool => json!(false),
            SafetyKind::Choice { .. } => json!("no"),
            SafetyKind::Firearms => json!("not-locked"),
        }
    }

    /// The rule's id: the finding's id in kebab case.
    pub fn rule_id(&self) -> String {
        self.finding.replace('_', "-")
    }
}

const fn safety(
    item: &'static str,
    kind: SafetyKind,
    finding: &'static str,
    topic: &'static str,
) -> SafetyDef {
    SafetyDef {
        item,
        kind,
        finding,
        topic,
    }
}

/// Every child-safety item of the series.
pub const SAFETY: &[SafetyDef] = &[
    safety(
        "safety_sleep_back",
        SafetyKind::Bool,
        "safety_sleep",
        "safe-sleep",
    ),
    safety(
        "safety_car_seat",
        SafetyKind::Choice { other: "no-car" },
        "safety_car",
        "car-safety",
    ),
    safety(
        "safety_crying_plan",
        SafetyKind::Bool,
        "safety_crying",
        "crying-and-shaking",
    ),
    safety(
        "safety_falls_surface",
        SafetyKind::Bool,
        "safety_falls_surface",
        "falls",
    ),
    safety("safety_falls", SafetyKind::Bool, "safety_falls", "falls"),
    safety(
        "safety_small_objects",
        SafetyKind::Bool,
        "safety_small_objects",
        "choking",
    ),
    safety(
        "safety_hot_liquids",
        SafetyKind::Bool,
        "safety_hot_liquids",
        "burns",
    ),
    safety(
        "safety_poisons",
        SafetyKind::Bool,
        "safety_poisons",
        "poisoning",
    ),
    safety(
        "safety_stairs",
        SafetyKind::Choice { other: "no-stairs" },
        "safety_stairs",
        "falls",
    ),
    safety("safety_water", SafetyKind::Bool, "safety_water", "drowning"),
    safety(
        "safety_smoke_alarm",
        SafetyKind::Bool,
        "safety_smoke_alarm",
        "fire-safety",
    ),
    safety(
        "safety_firearms",
        SafetyKind::Firearms,
        "safety_firearms",
        "firearms",
    ),
    safety(
        "safety_street",
        SafetyKind::Bool,
        "safety_street",
        "traffic-safety",
    ),
    safety(
        "safety_helmet",
        SafetyKind::Choice { other: "no-bike" },
        "safety_helmet",
        "head-injury",
    ),
];

/// One version of one check-up.
#[derive(Debug, Clone, Copy)]
pub struct Version {
    pub checkup: &'static str,
    pub version: &'static str,
    /// The 6–8 weeks pilot: GAD-2 added and a graded stress question.
    pub pilot: bool,
}

impl Version {
    /// `<checkup>/<version>`, the file's path under `forms/trygg-start/` without `.json`.
    pub fn name(&self) -> String {
        format!("{}/{}", self.checkup, self.version)
    }
}

/// Every version of the series the generator builds.
pub const VERSIONS: &[Version] = &[
    Version {
        checkup: "6-8w",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "4m",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "10m",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "18m",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "2.5y",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "4y",
        version: "1.0.0",
        pilot: false,
    },
    Version {
        checkup: "6-8w",
        version: "1.1.0",
        pilot: true,
    },
];

/// What every part of one form is built from.
pub struct Spec<'a> {
    pub checkup: Checkup,
    pub version: Version,
    pub locales: Vec<String>,
    pub texts: &'a texts::Texts,
}

impl Spec<'_> {
    pub fn pilot(&self) -> bool {
        self.version.pilot
    }

    /// The safety items of this check-up, in order.
    pub fn safety(&self) -> Result<Vec<SafetyDef>, String> {
        self.checkup
            .safety
            .iter()
            .map(|id| safety_def(id))
            .collect()
    }
}

/// The safety item `id`.
pub fn safety_def(id: &str) -> Result<SafetyDef, String> {
    SAFETY
        .iter()
        .find(|s| s.item == id)
        .copied()
        .ok_or_else(|| format!("no safety item \"{id}\""))
}

/// The check-up `id`.
pub fn checkup(id: &str) -> Result<Checkup, String> {
    CHECKUPS
        .iter()
        .find(|c| c.id == id)
        .copied()
        .ok_or_else(|| format!("no check-up \"{id}\""))
}

/// The version named `<checkup>/<version>`.
pub fn version(name: &str) -> Result<Version, String> {
    VERSIONS
        .iter()
        .find(|v| v.name() == name)
        .copied()
        .ok_or_else(|| {
            let known: Vec<String> = VERSIONS.iter().map(Version::name).collect();
            format!("no version \"{name}\" (known: {})", known.join(", "))
        })
}

// JsonLogic helpers: the conditions read like the form-format documentation.

/// `{"var": path}`.
pub fn var(path: &str) -> Value {
    json!({ "var": path })
}

/// `{"===": [a, b]}`.
pub fn eq(a: Value, b: Value) -> Value {
    json!({ "===": [a, b] })
}

/// `{"!==": [a, b]}`.
pub fn ne(a: Value, b: Value) -> Value {
    json!({ "!==": [a, b] })
}

/// PHQ-2 at or above its cut-off: the rest of PHQ-9 is asked.
pub fn phq2_positive() -> Value {
    json!({ ">=": [var("scales.phq2"), 3] })
}
