//! The forms' own test cases: for each check-up, its safety examples, the examples every
//! check-up shares, and the stress (and, in the pilot, GAD-2) boundaries of its version.
//!
//! Every expectation below was written by hand from the published scoring rules (PHQ-2 /
//! PHQ-9, GAD-2, AUDIT-C, Hunger Vital Sign) and the project's own rules; none is computed
//! from the form. They are typed as the engine's [`Expect`], so the compiler's example run
//! (`check`) reads exactly what is written here. An example's answers start from the base
//! answers (every shared item answered with "no concern") and override some of them.

use super::{SafetyKind, Spec};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use trygg::model::{Example, Expect, ExpectOffer, Respondent};

/// An AUDIT-C cut-off: sex, profile, answers just below it, answers at it, the cut-off.
type Boundary = (&'static str, &'static str, [u8; 3], [u8; 3], u8);

/// An example before the base answers are merged in.
struct Case {
    name: String,
    answers: Value,
    expect: Expect,
    sex: Option<&'static str>,
    profile: Option<&'static str>,
    /// The answers are the whole response (no base answers).
    replace: bool,
}

fn ex(name: impl Into<String>, answers: Value, expect: Want) -> Case {
    Case {
        name: name.into(),
        answers,
        expect: expect.0,
        sex: None,
        profile: None,
        replace: false,
    }
}

impl Case {
    fn sex(self, sex: &'static str) -> Case {
        Case {
            sex: Some(sex),
            ..self
        }
    }

    fn profile(self, profile: &'static str) -> Case {
        Case {
            profile: Some(profile),
            ..self
        }
    }

    fn replace(self) -> Case {
        Case {
            replace: true,
            ..self
        }
    }
}

/// An [`Expect`] under construction: the exact sets of findings, offer kinds and actions,
/// then the scale values and bands that matter to the example (`null` = none).
struct Want(Expect);

fn want(completeness: &str, findings: &[&str], offers: &[&str], actions: &[&str]) -> Want {
    let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Want(Expect {
        completeness: Some(completeness.to_owned()),
        scales: None,
        bands: None,
        findings: Some(strings(findings)),
        offers: Some(
            offers
                .iter()
                .map(|k| ExpectOffer::Kind((*k).to_owned()))
                .collect(),
        ),
        actions: Some(strings(actions)),
    })
}

/// A complete response's expectation.
fn complete(findings: &[&str], offers: &[&str], actions: &[&str]) -> Want {
    want("complete", findings, offers, actions)
}

/// Nothing found.
fn nothing() -> Want {
    complete(&[], &[], &[])
}

fn object(v: Value) -> BTreeMap<String, Value> {
    match v {
        Value::Object(m) => m.into_iter().collect(),
        _ => BTreeMap::new(),
    }
}

impl Want {
    fn scales(self, v: Value) -> Want {
        Want(Expect {
            scales: Some(object(v)),
            ..self.0
        })
    }

    fn bands(self, v: Value) -> Want {
        Want(Expect {
            bands: Some(object(v)),
            ..self.0
        })
    }
}

fn declined() -> Value {
    json!({ "declined": true })
}

/// The objects `parts` merged, later keys winning.
fn merge(parts: &[Value]) -> Value {
    let mut out = Map::new();
    for part in parts {
        if let Value::Object(m) = part {
            out.extend(m.clone());
        }
    }
    Value::Object(out)
}

/// Answers for phq9_3..phq9_9 from their 7 scores.
fn phq_rest(scores: [u8; 7]) -> Value {
    Value::Object(
        (3..)
            .zip(scores)
            .map(|(n, s)| (format!("phq9_{n}"), json!(s.to_string())))
            .collect(),
    )
}

/// AUDIT-C answers.
fn audit(a: u8, b: u8, c: u8) -> Value {
    json!({ "auditc1": a.to_string(), "auditc2": b.to_string(), "auditc3": c.to_string() })
}

/// Every shared item answered with "no concern" (AUDIT-C item 1 "never").
fn base_answers(spec: &Spec) -> Result<Map<String, Value>, String> {
    let mut a = Map::new();
    for s in spec.safety()? {
        a.insert(s.item.to_owned(), s.safe());
    }
    let mut more = vec![
        json!({ "money_worry": false, "hvs1": "never", "hvs2": "never",
                "phq9_1": "0", "phq9_2": "0" }),
    ];
    if spec.pilot() {
        more.push(json!({ "gad7_1": "0", "gad7_2": "0", "stress_coping": "0" }));
    } else {
        more.push(json!({ "stress_overwhelmed": false }));
    }
    more.push(json!({ "stress_support": true, "stress_irritable": false,
                      "child_harm_fear": false, "auditc1": "0", "violence_ever": false,
                      "support_wish": false }));
    if let Value::Object(m) = merge(&more) {
        a.extend(m);
    }
    Ok(a)
}

fn safety_examples(spec: &Spec) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for s in spec.safety()? {
        let offers: &[&str] = match s.kind {
            SafetyKind::Firearms => &["bvc-talk", "written-info"],
            _ => &["written-info"],
        };
        let concern = s.concern();
        out.push(ex(
            format!("child safety: {} = {concern}", s.item),
            json!({ s.item: concern }),
            complete(&[s.finding], offers, &[]),
        ));
        match s.kind {
            SafetyKind::Choice { other } => out.push(ex(
                format!(
                    "child safety: {} = {} is not a concern",
                    s.item,
                    json!(other)
                ),
                json!({ s.item: other }),
                nothing(),
            )),
            SafetyKind::Firearms => out.push(ex(
                "child safety: firearms kept in a locked gun cabinet is not a concern",
                json!({ s.item: "locked" }),
                nothing(),
            )),
            SafetyKind::Bool => {}
        }
    }
    Ok(out)
}

/// Examples valid for every check-up (they use only the shared items).
fn common_examples(pilot: bool) -> Vec<Case> {
    let stress_yes = if pilot {
        json!({ "stress_coping": "2", "stress_support": false })
    } else {
        json!({ "stress_overwhelmed": true, "stress_support": false })
    };
    let talk_info = &["bvc-talk", "written-info"][..];
    let mut e = vec![
        ex(
            "no concerns; a parent who never drinks (AUDIT-C items 2-3 skipped)",
            json!({}),
            nothing()
                .scales(json!({ "hvs": 0, "phq2": 0, "phq9": null, "stress": 0, "auditc": 0 }))
                .bands(json!({ "phq2": "negative", "auditc": null, "hvs": "negative" })),
        ),
        // ---- mood
        ex(
            "PHQ-2 = 2, just below the cut-off: rest of PHQ-9 hidden (no PHQ-9 total), so an answer to the hidden item 9 is ignored",
            json!({ "phq9_1": "1", "phq9_2": "1", "phq9_9": "2" }),
            nothing()
                .scales(json!({ "phq2": 2, "phq9": null }))
                .bands(json!({ "phq2": "negative" })),
        ),
        ex(
            "PHQ-2 = 0: item 9 hidden, so declining it is ignored too (no self_harm_unanswered finding)",
            json!({ "phq9_9": declined() }),
            nothing().scales(json!({ "phq2": 0, "phq9": null })),
        ),
        ex(
            "PHQ-2 = 3, at the cut-off, rest of PHQ-9 all 'not at all' (PHQ-9 = 3)",
            merge(&[json!({ "phq9_1": "2", "phq9_2": "1" }), phq_rest([0; 7])]),
            complete(&["low_mood"], talk_info, &[])
                .scales(json!({ "phq2": 3, "phq9": 3 }))
                .bands(json!({ "phq2": "positive", "phq9": "minimal" })),
        ),
        ex(
            "PHQ-2 = 3 but PHQ-9 items 3-9 left unanswered: incomplete, PHQ-9 invalid (7 missing > 1), item 9 must be asked in person",
            json!({ "phq9_1": "1", "phq9_2": "2" }),
            want("incomplete", &["low_mood", "self_harm_unanswered"], talk_info, &[])
                .scales(json!({ "phq2": 3, "phq9": null })),
        ),
        ex(
            "PHQ-9 = 9, just below 10",
            merge(&[json!({ "phq9_1": "2", "phq9_2": "1" }), phq_rest([2, 2, 1, 1, 0, 0, 0])]),
            complete(&["low_mood"], talk_info, &[])
                .scales(json!({ "phq2": 3, "phq9": 9 }))
                .bands(json!({ "phq9": "mild" })),
        ),
        ex(
            "PHQ-9 = 10, at the cut-off: depressive symptoms",
            merge(&[json!({ "phq9_1": "2", "phq9_2": "1" }), phq_rest([2, 2, 1, 1, 1, 0, 0])]),
            complete(&["low_mood", "depression"], talk_info, &[])
                .scales(json!({ "phq2": 3, "phq9": 10 }))
                .bands(json!({ "phq9": "moderate" })),
        ),
        ex(
            "PHQ-9 = 14, just below 15: no referral",
            merge(&[json!({ "phq9_1": "2", "phq9_2": "2" }), phq_rest([2, 2, 2, 2, 2, 0, 0])]),
            complete(&["low_mood", "depression"], talk_info, &[])
                .scales(json!({ "phq2": 4, "phq9": 14 }))
                .bands(json!({ "phq9": "moderate" })),
        ),
        ex(
            "PHQ-9 = 15: moderately severe, referral to adult psychiatry",
            merge(&[json!({ "phq9_1": "2", "phq9_2": "2" }), phq_rest([2, 2, 2, 2, 2, 1, 0])]),
            complete(
                &["low_mood", "depression", "depression_severe"],
                &["bvc-talk", "written-info", "referral"],
                &[],
            )
            .scales(json!({ "phq2": 4, "phq9": 15 }))
            .bands(json!({ "phq9": "moderately-severe" })),
        ),
        ex(
            "PHQ-9 item 9 = 1 ('several days'): urgent, same-day contact",
            merge(&[json!({ "phq9_1": "1", "phq9_2": "2" }), phq_rest([1, 1, 0, 0, 0, 0, 1])]),
            complete(
                &["low_mood", "self_harm"],
                &["bvc-talk", "written-info", "referral"],
                &["same-day-contact"],
            )
            .scales(json!({ "phq2": 3, "phq9": 6 }))
            .bands(json!({ "phq9": "mild" })),
        ),
        ex(
            "PHQ-9 item 9 declined: PHQ-9 prorated from 8 items (10 x 9/8 = 11.25 -> 11), nurse asks in person",
            merge(&[
                json!({ "phq9_1": "2", "phq9_2": "2" }),
                phq_rest([1, 2, 1, 1, 1, 0, 0]),
                json!({ "phq9_9": declined() }),
            ]),
            complete(&["low_mood", "depression", "self_harm_unanswered"], talk_info, &[])
                .scales(json!({ "phq2": 4, "phq9": 11 }))
                .bands(json!({ "phq9": "moderate" })),
        ),
        ex(
            "PHQ-9 items 8 and 9 declined: 2 missing > 1, PHQ-9 invalid; item 9 must be asked in person",
            merge(&[
                json!({ "phq9_1": "2", "phq9_2": "2" }),
                phq_rest([2, 2, 2, 2, 2, 0, 0]),
                json!({ "phq9_8": declined(), "phq9_9": declined() }),
            ]),
            complete(&["low_mood", "self_harm_unanswered"], talk_info, &[])
                .scales(json!({ "phq2": 4, "phq9": null }))
                .bands(json!({ "phq9": null })),
        ),
        ex(
            "a PHQ-2 item declined: PHQ-2 invalid (no item may be missing), rest of PHQ-9 stays hidden, nurse asks in person; \
             the phq9 scale has no value because items 3-9 were not asked (hiddenItems: not-applicable)",
            json!({ "phq9_1": declined(), "phq9_2": "3" }),
            complete(&["mood_not_answered"], &["bvc-talk"], &[])
                .scales(json!({ "phq2": null, "phq9": null }))
                .bands(json!({ "phq2": null })),
        ),
        // ---- economy
        ex(
            "Hunger Vital Sign: one item 'sometimes true' is enough (food insecurity)",
            json!({ "hvs1": "sometimes" }),
            complete(&["food_insecurity"], &["bvc-talk", "referral", "written-info"], &[])
                .scales(json!({ "hvs": 1 }))
                .bands(json!({ "hvs": "positive" })),
        ),
        ex(
            "Hunger Vital Sign: one item declined, the other 'never true': no total (a negative needs both answers), no finding",
            json!({ "hvs1": declined() }),
            nothing()
                .scales(json!({ "hvs": null }))
                .bands(json!({ "hvs": null })),
        ),
        ex(
            "Hunger Vital Sign: one item declined, the other 'often true': still positive (the published rule reads each item)",
            json!({ "hvs1": declined(), "hvs2": "often" }),
            complete(&["food_insecurity"], &["bvc-talk", "referral", "written-info"], &[])
                .scales(json!({ "hvs": null })),
        ),
        ex(
            "money worries only; both Hunger Vital Sign items declined (scale invalid, no food finding)",
            json!({ "money_worry": true, "hvs1": declined(), "hvs2": declined() }),
            complete(&["money_worries"], talk_info, &[]).scales(json!({ "hvs": null })),
        ),
        ex(
            "money worries and high parental stress: joint home visit with social services",
            merge(&[json!({ "money_worry": true }), stress_yes.clone()]),
            complete(
                &["money_worries", "parental_stress"],
                &["home-visit", "bvc-talk", "written-info"],
                &[],
            )
            .scales(json!({ "stress": if pilot { 3 } else { 2 } })),
        ),
        ex(
            "food insecurity (both items 'often true') and high parental stress",
            merge(&[json!({ "hvs1": "often", "hvs2": "often" }), stress_yes.clone()]),
            complete(
                &["food_insecurity", "parental_stress"],
                &["home-visit", "bvc-talk", "referral", "written-info"],
                &[],
            )
            .scales(json!({ "hvs": 2 })),
        ),
        // ---- stress (the version's own boundaries are in stress_examples)
        ex(
            "low mood and high parental stress: home visit by the nurse",
            merge(&[
                json!({ "phq9_1": "2", "phq9_2": "2" }),
                phq_rest([1, 1, 1, 0, 0, 0, 0]),
                stress_yes,
            ]),
            complete(
                &["low_mood", "parental_stress"],
                &["home-visit", "bvc-talk", "written-info"],
                &[],
            )
            .scales(json!({ "phq2": 4, "phq9": 7 })),
        ),
        ex(
            "parent afraid of hurting the child: urgent, same-day contact, consider report of concern",
            json!({ "child_harm_fear": true }),
            complete(
                &["child_at_risk"],
                &["bvc-talk"],
                &["same-day-contact", "consider-report-of-concern"],
            ),
        ),
    ];
    // ---- alcohol: both profiles, both sexes, just below and at each cut-off
    // (sex, profile, answers just below, answers at, the cut-off)
    let boundaries: [Boundary; 4] = [
        ("female", "se", [1, 1, 1], [2, 1, 1], 4),
        ("male", "se", [2, 1, 1], [2, 2, 1], 5),
        ("female", "us", [1, 0, 1], [1, 1, 1], 3),
        ("male", "us", [1, 1, 1], [2, 1, 1], 4),
    ];
    for (sex, profile, [a, b, c], [x, y, z], lim) in boundaries {
        e.push(
            ex(
                format!(
                    "AUDIT-C {}, {sex}, profile {profile}: just below the cut-off ({lim})",
                    lim - 1
                ),
                audit(a, b, c),
                nothing()
                    .scales(json!({ "auditc": lim - 1 }))
                    .bands(json!({ "auditc": null })),
            )
            .sex(sex)
            .profile(profile),
        );
        e.push(
            ex(
                format!("AUDIT-C {lim}, {sex}, profile {profile}: at the cut-off"),
                audit(x, y, z),
                complete(&["risky_alcohol"], talk_info, &[]).scales(json!({ "auditc": lim })),
            )
            .sex(sex)
            .profile(profile),
        );
    }
    e.extend([
        ex(
            "AUDIT-C 4, no sex given, default profile (se): the profile's fallback (4) applies",
            audit(2, 1, 1),
            complete(&["risky_alcohol"], talk_info, &[]).scales(json!({ "auditc": 4 })),
        ),
        ex(
            "AUDIT-C 3, no sex given, profile us: the profile's fallback (3) applies",
            audit(1, 1, 1),
            complete(&["risky_alcohol"], talk_info, &[]).scales(json!({ "auditc": 3 })),
        )
        .profile("us"),
        ex(
            "AUDIT-C 4, man, default profile (se) from context omitted: below the men's cut-off 5",
            audit(2, 1, 1),
            nothing().scales(json!({ "auditc": 4 })),
        )
        .sex("male"),
        ex(
            "AUDIT-C 7, man: risky use, below the high band",
            audit(3, 2, 2),
            complete(&["risky_alcohol"], talk_info, &[])
                .scales(json!({ "auditc": 7 }))
                .bands(json!({ "auditc": null })),
        )
        .sex("male")
        .profile("se"),
        ex(
            "AUDIT-C 8, woman: high band, referral to addiction care offered",
            audit(4, 2, 2),
            complete(
                &["risky_alcohol", "high_alcohol"],
                &["bvc-talk", "written-info", "referral"],
                &[],
            )
            .scales(json!({ "auditc": 8 }))
            .bands(json!({ "auditc": "high" })),
        )
        .sex("female")
        .profile("se"),
        ex(
            "AUDIT-C item 1 'never': answers to the hidden items 2-3 are ignored (score 0)",
            audit(0, 4, 4),
            nothing().scales(json!({ "auditc": 0 })),
        )
        .sex("female")
        .profile("us"),
        ex(
            "AUDIT-C item 3 declined: scale invalid (no item may be missing), no alcohol finding",
            json!({ "auditc1": "4", "auditc2": "2", "auditc3": declined() }),
            nothing().scales(json!({ "auditc": null })),
        )
        .sex("female")
        .profile("se"),
        // ---- violence
        ex(
            "violence earlier, not during the past year",
            json!({ "violence_ever": true, "violence_now": false }),
            complete(&["violence_past"], talk_info, &[]),
        ),
        ex(
            "ongoing violence, woman: same-day contact, report of concern considered, women's shelter",
            json!({ "violence_ever": true, "violence_now": true }),
            complete(
                &["violence_ongoing"],
                &["bvc-talk", "referral"],
                &["same-day-contact", "consider-report-of-concern"],
            ),
        )
        .sex("female"),
        ex(
            "ongoing violence, man: same urgent actions, referral to a voluntary organisation",
            json!({ "violence_ever": true, "violence_now": true }),
            complete(
                &["violence_ongoing"],
                &["bvc-talk", "referral"],
                &["same-day-contact", "consider-report-of-concern"],
            ),
        )
        .sex("male"),
        ex(
            "violence 'now' answered yes while 'ever' is no: hidden item, answer ignored",
            json!({ "violence_ever": false, "violence_now": true }),
            nothing(),
        ),
        ex(
            "violence 'ever' yes, 'now' declined: handled as earlier violence; the talk covers it",
            json!({ "violence_ever": true, "violence_now": declined() }),
            complete(&["violence_past"], talk_info, &[]),
        ),
        // ---- support
        ex(
            "wish to talk with the nurse",
            json!({ "support_wish": true }),
            complete(&["wants_talk"], &["bvc-talk"], &[]),
        ),
        ex(
            "nothing answered: incomplete; PHQ-2 missing, so the nurse asks about mood in person",
            json!({}),
            want("incomplete", &["mood_not_answered"], &["bvc-talk"], &[])
                .scales(json!({ "phq2": null, "auditc": null, "hvs": null, "stress": null })),
        )
        .replace(),
    ]);
    e
}

/// The stress scale's boundaries in this version (and the pilot's GAD-2).
fn stress_examples(pilot: bool) -> Vec<Case> {
    let talk_info = &["bvc-talk", "written-info"][..];
    if pilot {
        return vec![
            ex(
                "stress (pilot) = 2, just below the new cut-off 3: coping 'sometimes' and no one to help",
                json!({ "stress_coping": "1", "stress_support": false }),
                nothing()
                    .scales(json!({ "stress": 2 }))
                    .bands(json!({ "stress": "low" })),
            ),
            ex(
                "stress (pilot) = 3, at the cut-off: coping 'often' and irritable",
                json!({ "stress_coping": "2", "stress_irritable": true }),
                complete(&["parental_stress"], talk_info, &[])
                    .scales(json!({ "stress": 3 }))
                    .bands(json!({ "stress": "raised" })),
            ),
            ex(
                "stress (pilot) = 3 from the coping question alone ('almost all the time')",
                json!({ "stress_coping": "3" }),
                complete(&["parental_stress"], talk_info, &[]).scales(json!({ "stress": 3 })),
            ),
            ex(
                "stress (pilot): no one to help and irritable, coping 'never' = 2 (was positive in 1.0.0)",
                json!({ "stress_support": false, "stress_irritable": true }),
                nothing().scales(json!({ "stress": 2 })),
            ),
            ex(
                "stress (pilot) with the coping question declined (1 missing allowed): 1 + 1 = 2",
                json!({ "stress_coping": declined(), "stress_support": false, "stress_irritable": true }),
                nothing().scales(json!({ "stress": 2 })),
            ),
            ex(
                "stress (pilot) with two questions declined: scale invalid",
                json!({ "stress_coping": declined(), "stress_support": declined(), "stress_irritable": true }),
                nothing().scales(json!({ "stress": null })),
            ),
            ex(
                "GAD-2 = 2, just below the cut-off",
                json!({ "gad7_1": "1", "gad7_2": "1" }),
                nothing()
                    .scales(json!({ "gad2": 2 }))
                    .bands(json!({ "gad2": "negative" })),
            ),
            ex(
                "GAD-2 = 3, at the cut-off: anxiety",
                json!({ "gad7_1": "2", "gad7_2": "1" }),
                complete(&["anxiety"], talk_info, &[])
                    .scales(json!({ "gad2": 3 }))
                    .bands(json!({ "gad2": "positive" })),
            ),
            ex(
                "GAD-2 item declined: scale invalid, no anxiety finding",
                json!({ "gad7_1": "3", "gad7_2": declined() }),
                nothing().scales(json!({ "gad2": null })),
            ),
        ];
    }
    vec![
        ex(
            "stress = 1, just below the cut-off 2",
            json!({ "stress_irritable": true }),
            nothing()
                .scales(json!({ "stress": 1 }))
                .bands(json!({ "stress": "low" })),
        ),
        ex(
            "stress = 2, at the cut-off: no one to help and irritable",
            json!({ "stress_support": false, "stress_irritable": true }),
            complete(&["parental_stress"], talk_info, &[])
                .scales(json!({ "stress": 2 }))
                .bands(json!({ "stress": "raised" })),
        ),
        ex(
            "stress with one question declined (1 missing allowed): 1 + 1 = 2",
            json!({ "stress_overwhelmed": declined(), "stress_support": false, "stress_irritable": true }),
            complete(&["parental_stress"], talk_info, &[]).scales(json!({ "stress": 2 })),
        ),
        ex(
            "stress with two questions declined: scale invalid",
            json!({ "stress_overwhelmed": declined(), "stress_support": declined(), "stress_irritable": true }),
            nothing().scales(json!({ "stress": null })),
        ),
    ]
}

/// The examples of the form `spec` describes.
pub fn examples(spec: &Spec) -> Result<Vec<Example>, String> {
    let base = base_answers(spec)?;
    let mut cases = safety_examples(spec)?;
    cases.extend(common_examples(spec.pilot()));
    cases.extend(stress_examples(spec.pilot()));
    Ok(cases
        .into_iter()
        .map(|c| {
            let mut answers = if c.replace { Map::new() } else { base.clone() };
            if let Value::Object(m) = c.answers {
                answers.extend(m);
            }
            Example {
                name: c.name,
                respondent: Respondent {
                    id: None,
                    attributes: c
                        .sex
                        .map(|s| BTreeMap::from([("sex".to_owned(), s.to_owned())]))
                        .unwrap_or_default(),
                },
                context: c
                    .profile
                    .map(|p| Map::from_iter([("profile".to_owned(), json!(p))]))
                    .unwrap_or_default(),
                answers,
                expect: c.expect,
            }
        })
        .collect())
}
