//! The items of one check-up form: the intro, the check-up's child-safety questions, then
//! the items every check-up shares (economy, mood, stress, alcohol, violence, support).
//!
//! Shared items keep the same ids and wording in every check-up, so a parent's answers and
//! a clinician's reading mean the same thing at 6 weeks and at 4 years; the only
//! differences are the safety questions, the locales and the 6–8 weeks pilot's extra items.

use super::texts::{loc, options, Texts, Tx};
use super::{eq, ne, phq2_positive, var, SafetyDef, SafetyKind, Spec};
use serde_json::json;
use trygg::model::{Item, ItemType, OptionDef, Text};

/// Every field of an item, at its model default: the one place that names them all, so a
/// new field in the model does not compile until the series decides on it.
fn base(id: &str, kind: ItemType, section: Option<&str>, text: Text) -> Item {
    Item {
        id: id.to_owned(),
        kind,
        section: section.map(str::to_owned),
        required: false,
        declinable: false,
        code: None,
        text,
        help: None,
        options: Vec::new(),
        score_true: None,
        score_false: None,
        min_selected: None,
        max_selected: None,
        min: None,
        max: None,
        max_length: None,
        enable_when: None,
    }
}

/// A question: required, and declinable (a parent may always choose not to answer).
fn question(id: &str, kind: ItemType, section: &str, text: Text) -> Item {
    Item {
        required: true,
        declinable: true,
        ..base(id, kind, Some(section), text)
    }
}

/// Information only.
fn display(id: &str, section: Option<&str>, text: Text) -> Item {
    base(id, ItemType::Display, section, text)
}

/// An option without score or code.
fn plain(value: &str, text: &Tx, locales: &[String]) -> Result<OptionDef, String> {
    Ok(OptionDef {
        value: value.to_owned(),
        score: None,
        code: None,
        system: None,
        text: loc(text, locales)?,
    })
}

fn safety_item(s: &SafetyDef, spec: &Spec) -> Result<Item, String> {
    let t = spec.texts;
    let l = &spec.locales;
    let text = |key: &str| Texts::keyed(&t.safety, "safety text", key);
    let mut item = match s.kind {
        SafetyKind::Bool => question(s.item, ItemType::Boolean, "safety", loc(text(s.item)?, l)?),
        SafetyKind::Choice { other } => Item {
            options: vec![
                plain("yes", &t.yes, l)?,
                plain("no", &t.no, l)?,
                plain(other, text(&format!("{}.{other}", s.item))?, l)?,
            ],
            ..question(s.item, ItemType::Choice, "safety", loc(text(s.item)?, l)?)
        },
        SafetyKind::Firearms => Item {
            options: vec![
                plain("no", &t.no, l)?,
                plain("locked", text(&format!("{}.locked", s.item))?, l)?,
                plain("not-locked", text(&format!("{}.not-locked", s.item))?, l)?,
            ],
            ..question(s.item, ItemType::Choice, "safety", loc(text(s.item)?, l)?)
        },
    };
    if let Some(help) = t.safety.get(&format!("{}.help", s.item)) {
        item.help = Some(loc(help, l)?);
    }
    Ok(item)
}

/// The items of the form `spec` describes, in order.
pub fn items(spec: &Spec) -> Result<Vec<Item>, String> {
    let t = spec.texts;
    let l = &spec.locales;
    let stress = |key: &str| Texts::keyed(&t.stress, "stress text", key);
    let mut out = vec![display("intro", None, loc(&t.intro, l)?)];
    for s in spec.safety()? {
        out.push(safety_item(&s, spec)?);
    }

    // Economy: one own question, then the Hunger Vital Sign.
    out.push(question(
        "money_worry",
        ItemType::Boolean,
        "economy",
        loc(&t.money_worry, l)?,
    ));
    out.push(Item {
        code: Some("88122-7".into()),
        help: Some(loc(&t.hvs_help, l)?),
        options: options(&t.hvs_options, l)?,
        ..question("hvs1", ItemType::Choice, "economy", loc(&t.hvs1, l)?)
    });
    out.push(Item {
        code: Some("88123-5".into()),
        options: options(&t.hvs_options, l)?,
        ..question("hvs2", ItemType::Choice, "economy", loc(&t.hvs2, l)?)
    });

    // Mood: PHQ-2, then the rest of PHQ-9 only when PHQ-2 ≥ 3.
    out.push(display("mood_intro", Some("mood"), loc(&t.phq_stem, l)?));
    for (n, phq) in (1..).zip(&t.phq) {
        out.push(Item {
            code: Some(phq.code.clone()),
            options: options(&t.frequency_options, l)?,
            enable_when: (n >= 3).then(phq2_positive),
            ..question(
                &format!("phq9_{n}"),
                ItemType::Choice,
                "mood",
                loc(&phq.text, l)?,
            )
        });
    }
    if spec.pilot() {
        out.push(display(
            "anxiety_intro",
            Some("anxiety"),
            loc(&t.gad_stem, l)?,
        ));
        for (n, gad) in (1..).zip(&t.gad) {
            out.push(Item {
                code: Some(gad.code.clone()),
                options: options(&t.frequency_options, l)?,
                ..question(
                    &format!("gad7_{n}"),
                    ItemType::Choice,
                    "anxiety",
                    loc(&gad.text, l)?,
                )
            });
        }
    }

    // Stress: the pilot replaces the yes/no "overwhelmed" with a graded coping question.
    if spec.pilot() {
        out.push(Item {
            options: options(&t.coping_options, l)?,
            ..question(
                "stress_coping",
                ItemType::Choice,
                "stress",
                loc(stress("stress_coping")?, l)?,
            )
        });
    } else {
        out.push(question(
            "stress_overwhelmed",
            ItemType::Boolean,
            "stress",
            loc(stress("stress_overwhelmed")?, l)?,
        ));
    }
    out.push(Item {
        // Having help is the good answer: "no" scores.
        score_true: Some(0.0),
        score_false: Some(1.0),
        ..question(
            "stress_support",
            ItemType::Boolean,
            "stress",
            loc(stress("stress_support")?, l)?,
        )
    });
    out.push(question(
        "stress_irritable",
        ItemType::Boolean,
        "stress",
        loc(stress("stress_irritable")?, l)?,
    ));
    out.push(Item {
        help: Some(loc(&t.child_harm_fear_help, l)?),
        ..question(
            "child_harm_fear",
            ItemType::Boolean,
            "stress",
            loc(&t.child_harm_fear, l)?,
        )
    });

    // Alcohol: AUDIT-C; items 2–3 are skipped (score 0) when item 1 is "Never".
    for (n, audit) in (1..).zip(&t.audit_c) {
        let scored = audit
            .options
            .iter()
            .map(|o| {
                let score = o
                    .value
                    .parse::<f64>()
                    .map_err(|e| format!("AUDIT-C option \"{}\": {e}", o.value))?;
                Ok(OptionDef {
                    score: Some(score),
                    ..o.clone()
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        out.push(Item {
            code: Some(audit.code.clone()),
            help: audit.help.as_ref().map(|h| loc(h, l)).transpose()?,
            options: options(&scored, l)?,
            enable_when: (n >= 2).then(|| ne(var("answers.auditc1"), json!("0"))),
            ..question(
                &format!("auditc{n}"),
                ItemType::Choice,
                "alcohol",
                loc(&audit.text, l)?,
            )
        });
    }

    // Violence in close relationships, then the wish for support.
    out.push(display(
        "violence_intro",
        Some("relationships"),
        loc(&t.violence_intro, l)?,
    ));
    out.push(question(
        "violence_ever",
        ItemType::Boolean,
        "relationships",
        loc(&t.violence_ever, l)?,
    ));
    out.push(Item {
        enable_when: Some(eq(var("answers.violence_ever"), json!(true))),
        ..question(
            "violence_now",
            ItemType::Boolean,
            "relationships",
            loc(&t.violence_now, l)?,
        )
    });
    out.push(question(
        "support_wish",
        ItemType::Boolean,
        "support",
        loc(&t.support_wish, l)?,
    ));
    Ok(out)
}
