//! The scales: Hunger Vital Sign, PHQ-2, PHQ-9, the pilot's GAD-2, parental stress and
//! AUDIT-C, with their bands and cut-offs per profile (`se`, `us`).
//!
//! Titles and band labels are clinician-facing and written in Swedish and English; the
//! other locales repeat the English label rather than carry an unchecked translation.

use super::texts::{loc_or_en, sv_en};
use super::Spec;
use std::collections::BTreeMap;
use trygg::model::{Band, Cutoff, Handling, HiddenItems, Method, Missing, Rounding, Scale};

fn band(spec: &Spec, id: &str, min: f64, max: f64, sv: &str, en: &str) -> Result<Band, String> {
    Ok(Band {
        id: id.to_owned(),
        min,
        max,
        label: Some(loc_or_en(&sv_en(sv, en), &spec.locales)?),
        code: None,
    })
}

/// The same cut-off in both profiles.
fn both_profiles(value: f64) -> Vec<Cutoff> {
    ["se", "us"]
        .into_iter()
        .map(|profile| Cutoff {
            profile: profile.to_owned(),
            when: None,
            value,
        })
        .collect()
}

/// A cut-off for one sex (or, with `None`, the profile's fallback).
fn cutoff(profile: &str, sex: Option<&str>, value: f64) -> Cutoff {
    Cutoff {
        profile: profile.to_owned(),
        when: sex.map(|s| BTreeMap::from([("sex".to_owned(), s.to_owned())])),
        value,
    }
}

/// No item may be missing.
fn none_missing() -> Option<Missing> {
    Some(Missing {
        max_missing: 0,
        handling: Handling::Invalid,
        rounding: Rounding::default(),
    })
}

/// One item may be missing; more make the scale invalid.
fn one_missing() -> Option<Missing> {
    Some(Missing {
        max_missing: 1,
        handling: Handling::Invalid,
        rounding: Rounding::default(),
    })
}

/// Every field of a scale: a new field in the model does not compile until decided here.
#[allow(clippy::too_many_arguments)]
fn scale(
    spec: &Spec,
    id: &str,
    code: Option<&str>,
    title: (&str, &str),
    items: &[&str],
    method: Method,
    missing: Option<Missing>,
    bands: Vec<Band>,
    cutoffs: Vec<Cutoff>,
) -> Result<Scale, String> {
    Ok(Scale {
        id: id.to_owned(),
        title: Some(loc_or_en(&sv_en(title.0, title.1), &spec.locales)?),
        code: code.map(str::to_owned),
        items: items.iter().map(|i| (*i).to_owned()).collect(),
        method,
        weights: BTreeMap::new(),
        missing,
        bands,
        cutoffs,
        hidden_items: HiddenItems::Skip,
    })
}

/// The scales of the form `spec` describes.
pub fn scales(spec: &Spec) -> Result<Vec<Scale>, String> {
    let b = |id, min, max, sv, en| band(spec, id, min, max, sv, en);
    let phq9_items: Vec<String> = (1..=9).map(|n| format!("phq9_{n}")).collect();
    let phq9_items: Vec<&str> = phq9_items.iter().map(String::as_str).collect();
    let mut out = vec![
        scale(
            spec,
            "hvs",
            None,
            (
                "Hunger Vital Sign (antal positiva frågor)",
                "Hunger Vital Sign (number of positive items)",
            ),
            &["hvs1", "hvs2"],
            Method::Count,
            none_missing(),
            vec![
                b("negative", 0.0, 0.0, "Negativ", "Negative")?,
                b("positive", 1.0, 2.0, "Positiv", "Positive")?,
            ],
            Vec::new(),
        )?,
        scale(
            spec,
            "phq2",
            Some("55758-7"),
            ("PHQ-2", "PHQ-2"),
            &["phq9_1", "phq9_2"],
            Method::Sum,
            none_missing(),
            vec![
                b("negative", 0.0, 2.0, "Under gränsvärdet", "Below cut-off")?,
                b(
                    "positive",
                    3.0,
                    6.0,
                    "Vid eller över gränsvärdet",
                    "At or above cut-off",
                )?,
            ],
            both_profiles(3.0),
        )?,
        Scale {
            // Items 3-9 are asked only after a positive PHQ-2: without them there is no
            // PHQ-9 total (not a PHQ-2 value under the PHQ-9's name and bands).
            hidden_items: HiddenItems::NotApplicable,
            ..scale(
                spec,
                "phq9",
                Some("44261-6"),
                ("PHQ-9", "PHQ-9"),
                &phq9_items,
                Method::Sum,
                Some(Missing {
                    max_missing: 1,
                    handling: Handling::Prorate,
                    rounding: Rounding::HalfUp,
                }),
                vec![
                    b("minimal", 0.0, 4.0, "Minimala", "Minimal")?,
                    b("mild", 5.0, 9.0, "Lindriga", "Mild")?,
                    b("moderate", 10.0, 14.0, "Måttliga", "Moderate")?,
                    b(
                        "moderately-severe",
                        15.0,
                        19.0,
                        "Medelsvåra",
                        "Moderately severe",
                    )?,
                    b("severe", 20.0, 27.0, "Svåra", "Severe")?,
                ],
                both_profiles(10.0),
            )?
        },
    ];
    let stress_title = (
        "Föräldrastress (exempelfrågor)",
        "Parental stress (example questions)",
    );
    if spec.pilot() {
        out.push(scale(
            spec,
            "gad2",
            None,
            ("GAD-2", "GAD-2"),
            &["gad7_1", "gad7_2"],
            Method::Sum,
            none_missing(),
            vec![
                b("negative", 0.0, 2.0, "Under gränsvärdet", "Below cut-off")?,
                b(
                    "positive",
                    3.0,
                    6.0,
                    "Vid eller över gränsvärdet",
                    "At or above cut-off",
                )?,
            ],
            both_profiles(3.0),
        )?);
        // The graded coping question (0-3) makes the stress scale a sum (0-5).
        out.push(scale(
            spec,
            "stress",
            None,
            stress_title,
            &["stress_coping", "stress_support", "stress_irritable"],
            Method::Sum,
            one_missing(),
            vec![
                b("low", 0.0, 2.0, "Låg", "Low")?,
                b("raised", 3.0, 5.0, "Förhöjd", "Raised")?,
            ],
            both_profiles(3.0),
        )?);
    } else {
        out.push(scale(
            spec,
            "stress",
            None,
            stress_title,
            &["stress_overwhelmed", "stress_support", "stress_irritable"],
            Method::Count,
            one_missing(),
            vec![
                b("low", 0.0, 1.0, "Låg", "Low")?,
                b("raised", 2.0, 3.0, "Förhöjd", "Raised")?,
            ],
            both_profiles(2.0),
        )?);
    }
    out.push(scale(
        spec,
        "auditc",
        Some("75626-2"),
        ("AUDIT-C", "AUDIT-C"),
        &["auditc1", "auditc2", "auditc3"],
        Method::Sum,
        none_missing(),
        // No band below 8: the sex- and profile-specific cut-offs (3, 4, 5) fall inside
        // 0–7, so such a band would read "below 8" next to "cut-off reached" (a compile
        // error, form.cutoff_splits_band); below 8 the cut-off alone speaks.
        vec![b("high", 8.0, 12.0, "8–12 (hög)", "8–12 (high)")?],
        vec![
            cutoff("se", Some("female"), 4.0),
            cutoff("se", Some("male"), 5.0),
            cutoff("se", None, 4.0),
            cutoff("us", Some("female"), 3.0),
            cutoff("us", Some("male"), 4.0),
            cutoff("us", None, 3.0),
        ],
    )?);
    Ok(out)
}
