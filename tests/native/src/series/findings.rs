//! The findings: one per child-safety item of the check-up, then the shared ones (child at
//! risk, economy, mood, the pilot's anxiety, stress, alcohol, violence, the wish to talk).
//!
//! Titles are clinician-facing (`texts.json`, `findingTitles`): locales without their own
//! wording repeat the English title.

use super::texts::{loc_or_en, Texts};
use super::{eq, ne, phq2_positive, var, Spec};
use serde_json::{json, Value};
use trygg::model::{Finding, Severity};

/// The findings of the form `spec` describes.
pub fn findings(spec: &Spec) -> Result<Vec<Finding>, String> {
    let f = |id: &str, domain: &str, severity: Severity, when: Value| -> Result<Finding, String> {
        let title = Texts::keyed(&spec.texts.finding_titles, "finding title", id)?;
        Ok(Finding {
            id: id.to_owned(),
            domain: domain.to_owned(),
            severity,
            title: Some(loc_or_en(title, &spec.locales)?),
            when,
        })
    };
    let answer_is = |item: &str, value: Value| eq(var(&format!("answers.{item}")), value);
    let mut out = Vec::new();
    for s in spec.safety()? {
        out.push(f(
            s.finding,
            "child-safety",
            Severity::Positive,
            answer_is(s.item, s.concern()),
        )?);
    }
    out.push(f(
        "child_at_risk",
        "child-safety",
        Severity::Urgent,
        answer_is("child_harm_fear", json!(true)),
    )?);
    // The Hunger Vital Sign's published rule reads each item: one "sometimes" is enough,
    // even when the other item was declined (and the scale has no total).
    out.push(f(
        "food_insecurity",
        "economy",
        Severity::Positive,
        json!({ "or": [{ ">": [var("scores.hvs1"), 0] }, { ">": [var("scores.hvs2"), 0] }] }),
    )?);
    out.push(f(
        "money_worries",
        "economy",
        Severity::Positive,
        answer_is("money_worry", json!(true)),
    )?);
    out.push(f(
        "low_mood",
        "mood",
        Severity::Positive,
        var("cutoff.phq2"),
    )?);
    out.push(f(
        "depression",
        "mood",
        Severity::Positive,
        json!({ "and": [var("cutoff.phq2"), var("cutoff.phq9")] }),
    )?);
    out.push(f(
        "depression_severe",
        "mood",
        Severity::Positive,
        json!({ "and": [var("cutoff.phq2"), { ">=": [var("scales.phq9"), 15] }] }),
    )?);
    out.push(f(
        "self_harm",
        "mood",
        Severity::Urgent,
        json!({ ">": [var("scores.phq9_9"), 0] }),
    )?);
    out.push(f(
        "self_harm_unanswered",
        "mood",
        Severity::Info,
        json!({ "and": [phq2_positive(), eq(var("scores.phq9_9"), Value::Null)] }),
    )?);
    out.push(f(
        "mood_not_answered",
        "mood",
        Severity::Info,
        eq(var("scales.phq2"), Value::Null),
    )?);
    if spec.pilot() {
        out.push(f(
            "anxiety",
            "anxiety",
            Severity::Positive,
            var("cutoff.gad2"),
        )?);
    }
    out.push(f(
        "parental_stress",
        "stress",
        Severity::Positive,
        var("cutoff.stress"),
    )?);
    out.push(f(
        "risky_alcohol",
        "alcohol",
        Severity::Positive,
        var("cutoff.auditc"),
    )?);
    out.push(f(
        "high_alcohol",
        "alcohol",
        Severity::Positive,
        eq(var("bands.auditc"), json!("high")),
    )?);
    out.push(f(
        "violence_ongoing",
        "violence",
        Severity::Urgent,
        answer_is("violence_now", json!(true)),
    )?);
    out.push(f(
        "violence_past",
        "violence",
        Severity::Positive,
        json!({ "and": [
            answer_is("violence_ever", json!(true)),
            ne(var("answers.violence_now"), json!(true)),
        ] }),
    )?);
    out.push(f(
        "wants_talk",
        "support",
        Severity::Info,
        answer_is("support_wish", json!(true)),
    )?);
    Ok(out)
}
