//! The rules from findings to offers and actions: the urgent paths first, then the
//! combinations (a home visit when two burdens meet), the single domains, the check-up's
//! safety advice and the wish to talk.
//!
//! Offers and actions are the engine's own [`Offer`], [`ReferralTo`] and [`Action`]
//! types: a new offer kind or receiving service is a compile error here until the series
//! decides whether to use it. A talk or referral about violence is private (held with the
//! parent alone, never merged with the partner's offers).

use super::texts::{loc_or_en, Texts, Tx};
use super::{eq, ne, var, SafetyDef, SafetyKind, Spec};
use serde_json::{json, Value};
use trygg::model::{Action, Offer, ReferralTo, RuleDef, RuleOffer};

fn talk(social_services: bool) -> RuleOffer {
    RuleOffer {
        offer: Offer::BvcTalk { social_services },
        private: false,
    }
}

fn visit(social_services: bool) -> RuleOffer {
    RuleOffer {
        offer: Offer::HomeVisit { social_services },
        private: false,
    }
}

fn referral(to: ReferralTo) -> RuleOffer {
    RuleOffer {
        offer: Offer::Referral { to },
        private: false,
    }
}

fn info(topic: &str) -> RuleOffer {
    RuleOffer {
        offer: Offer::WrittenInfo {
            topic: topic.to_owned(),
        },
        private: false,
    }
}

/// Held with the parent alone.
fn private(offer: RuleOffer) -> RuleOffer {
    RuleOffer {
        private: true,
        ..offer
    }
}

/// `{"var": "findings.<id>"}`.
fn found(id: &str) -> Value {
    var(&format!("findings.{id}"))
}

/// A safety rule's title: "Safety advice: " and the finding's title.
fn safety_title(texts: &Texts, s: &SafetyDef) -> Result<Tx, String> {
    let finding = Texts::keyed(&texts.finding_titles, "finding title", s.finding)?;
    let lower_first = |t: &str| {
        let mut chars = t.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    let mut out = Tx::new();
    for (locale, prefix) in [("sv", "Säkerhetsråd: "), ("en", "Safety advice: ")] {
        let t = finding
            .get(locale)
            .ok_or_else(|| format!("finding title \"{}\" without {locale}", s.finding))?;
        out.insert(locale.to_owned(), format!("{prefix}{}", lower_first(t)));
    }
    Ok(out)
}

/// The rules of the form `spec` describes.
pub fn rules(spec: &Spec) -> Result<Vec<RuleDef>, String> {
    let r = |id: &str, priority: i64, when: Value, offers: Vec<RuleOffer>, actions: Vec<Action>| {
        let title = Texts::keyed(&spec.texts.rule_titles, "rule title", id)?;
        rule(spec, id, title, priority, when, offers, actions)
    };
    let urgent = || vec![Action::SameDayContact, Action::ConsiderReportOfConcern];
    let mut out = vec![
        // Urgent paths.
        r(
            "self-harm",
            100,
            found("self_harm"),
            vec![referral(ReferralTo::AdultPsychiatry)],
            vec![Action::SameDayContact],
        )?,
        r(
            "child-at-risk",
            100,
            found("child_at_risk"),
            vec![talk(false)],
            urgent(),
        )?,
        r(
            "violence-ongoing",
            95,
            found("violence_ongoing"),
            vec![private(talk(false))],
            urgent(),
        )?,
        r(
            "violence-ongoing-shelter",
            95,
            json!({ "and": [found("violence_ongoing"), ne(var("respondent.sex"), json!("male"))] }),
            vec![private(referral(ReferralTo::WomensShelter))],
            Vec::new(),
        )?,
        r(
            "violence-ongoing-men",
            95,
            json!({ "and": [found("violence_ongoing"), eq(var("respondent.sex"), json!("male"))] }),
            vec![private(referral(ReferralTo::VoluntaryOrganisation))],
            Vec::new(),
        )?,
        // Combinations.
        r(
            "economy-and-stress",
            80,
            json!({ "and": [
                { "or": [found("money_worries"), found("food_insecurity")] },
                found("parental_stress"),
            ] }),
            vec![visit(true)],
            Vec::new(),
        )?,
        r(
            "mood-and-stress",
            75,
            json!({ "and": [found("low_mood"), found("parental_stress")] }),
            vec![visit(false)],
            Vec::new(),
        )?,
        // Single domains.
        r(
            "depression-severe",
            70,
            found("depression_severe"),
            vec![referral(ReferralTo::AdultPsychiatry)],
            Vec::new(),
        )?,
        r(
            "mood",
            60,
            json!({ "or": [found("low_mood"), found("depression")] }),
            vec![talk(false), info("mood")],
            Vec::new(),
        )?,
        r(
            "mood-not-answered",
            40,
            json!({ "or": [found("mood_not_answered"), found("self_harm_unanswered")] }),
            vec![talk(false)],
            Vec::new(),
        )?,
    ];
    if spec.pilot() {
        out.push(r(
            "anxiety",
            60,
            found("anxiety"),
            vec![talk(false), info("anxiety")],
            Vec::new(),
        )?);
    }
    out.push(r(
        "violence-past",
        60,
        found("violence_past"),
        vec![private(talk(false)), private(info("violence"))],
        Vec::new(),
    )?);
    out.push(r(
        "food-insecurity",
        60,
        found("food_insecurity"),
        vec![
            talk(true),
            referral(ReferralTo::EconomicSupport),
            info("economy"),
        ],
        Vec::new(),
    )?);
    out.push(r(
        "money-worries",
        50,
        found("money_worries"),
        vec![talk(false), info("economy")],
        Vec::new(),
    )?);
    out.push(r(
        "parental-stress",
        50,
        found("parental_stress"),
        vec![talk(false), info("parental-stress")],
        Vec::new(),
    )?);
    out.push(r(
        "alcohol-high",
        65,
        found("high_alcohol"),
        vec![referral(ReferralTo::AddictionCare)],
        Vec::new(),
    )?);
    out.push(r(
        "alcohol",
        50,
        found("risky_alcohol"),
        vec![talk(false), info("alcohol")],
        Vec::new(),
    )?);
    for s in spec.safety()? {
        // Firearms not locked away: a talk as well as the written advice.
        let offers = match s.kind {
            SafetyKind::Firearms => vec![talk(false), info(s.topic)],
            _ => vec![info(s.topic)],
        };
        let title = safety_title(spec.texts, &s)?;
        out.push(rule(
            spec,
            &s.rule_id(),
            &title,
            20,
            found(s.finding),
            offers,
            Vec::new(),
        )?);
    }
    out.push(r(
        "wants-talk",
        10,
        found("wants_talk"),
        vec![talk(false)],
        Vec::new(),
    )?);
    Ok(out)
}

/// Every field of a rule; the title is clinician-facing (other locales repeat English).
fn rule(
    spec: &Spec,
    id: &str,
    title: &Tx,
    priority: i64,
    when: Value,
    offers: Vec<RuleOffer>,
    actions: Vec<Action>,
) -> Result<RuleDef, String> {
    Ok(RuleDef {
        id: id.to_owned(),
        title: Some(loc_or_en(title, &spec.locales)?),
        priority,
        when,
        offers,
        actions,
    })
}
