//! One whole form of the series: its header (id, version, status, title, description,
//! locales, age window, respondents, profiles, provenance, sections) and the parts the
//! other modules build.

use super::examples::examples;
use super::findings::findings;
use super::items::items;
use super::rules::rules;
use super::scales::scales;
use super::texts::{loc, Texts};
use super::{checkup, Spec, Version};
use std::collections::BTreeMap;
use trygg::model::{
    AttributeDef, Checkup, FormDef, Profiles, RespondentMode, Section, Source, Status, Text,
};

/// The sections of the form, in order (the pilot adds anxiety after mood).
fn section_ids(pilot: bool) -> Vec<&'static str> {
    let mut ids = vec!["safety", "economy", "mood"];
    if pilot {
        ids.push("anxiety");
    }
    ids.extend(["stress", "alcohol", "relationships", "support"]);
    ids
}

/// The form of `version`, built from `texts`.
pub fn build(texts: &Texts, version: Version) -> Result<FormDef, String> {
    let c = checkup(version.checkup)?;
    let locales: Vec<String> = c.locales.iter().map(|l| (*l).to_owned()).collect();
    let spec = Spec {
        checkup: c,
        version,
        locales: locales.clone(),
        texts,
    };
    let pilot = version.pilot;
    let name = Texts::keyed(&texts.checkup_names, "check-up name", c.id)?;

    let mut title = BTreeMap::new();
    let mut description = BTreeMap::new();
    for l in &locales {
        let n = name
            .get(l)
            .ok_or_else(|| format!("check-up name \"{}\" without {l}", c.id))?;
        let suffix = match (pilot, l.as_str()) {
            (false, _) => "",
            (true, "ar") => " (تجريبي)",
            (true, "so") => " (tijaabo)",
            (true, _) => " (pilot)",
        };
        title.insert(l.clone(), format!("Trygg start – {n}{suffix}"));
        let gad = match (pilot, l.as_str()) {
            (false, _) => "",
            (true, "ar") => "، GAD-2",
            (true, _) => ", GAD-2",
        };
        let template = texts
            .description
            .get(l)
            .ok_or_else(|| format!("texts.json: description without {l}"))?;
        description.insert(
            l.clone(),
            template.replace("{name}", n).replace("{gad}", gad),
        );
    }

    let sections = section_ids(pilot)
        .into_iter()
        .map(|id| {
            Ok(Section {
                id: id.to_owned(),
                title: loc(Texts::keyed(&texts.sections, "section", id)?, &locales)?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    Ok(FormDef {
        schema: Some("../../schema/form.schema.json".into()),
        id: format!("trygg-start.{}", c.id),
        version: version.version.to_owned(),
        status: if pilot { Status::Pilot } else { Status::Active },
        title: Text::Localized(title),
        description: Some(Text::Localized(description)),
        code: None,
        // Arabic and Somali are unverified translations.
        unverified_locales: locales
            .iter()
            .filter(|l| !matches!(l.as_str(), "sv" | "en"))
            .cloned()
            .collect(),
        locales,
        checkup: Some(Checkup {
            min_age_days: c.window.0,
            max_age_days: c.window.1,
        }),
        respondent: RespondentMode::EachParent,
        attributes: vec![AttributeDef {
            id: "sex".into(),
            values: vec!["female".into(), "male".into()],
        }],
        profiles: Some(Profiles {
            default: "se".into(),
            available: vec!["se".into(), "us".into()],
        }),
        source: Some(Source {
            example_content: true,
            citation: Some(format!(
                "Example content written by the Trygg project (not a validated instrument; not \
                 BarnSäkert, SEEK or EPDS wording). Includes: PHQ-2/PHQ-9{} (Kroenke, Spitzer, \
                 Williams 2001/2003; Spitzer et al. 2006), AUDIT-C (Bush et al. 1998; WHO AUDIT, \
                 Babor et al. 2001), Hunger Vital Sign (Hager et al. 2010, Pediatrics \
                 126:e26-e32).",
                if pilot { " and GAD-2" } else { "" }
            )),
            license: Some(
                "Project text: same licence as Trygg. PHQ/GAD: Pfizer, no permission required. \
                 AUDIT: WHO, free to use. Hunger Vital Sign: free to use with citation."
                    .into(),
            ),
        }),
        text_pack: None,
        sections,
        items: items(&spec)?,
        scales: scales(&spec)?,
        findings: findings(&spec)?,
        rules: rules(&spec)?,
        examples: examples(&spec)?,
    })
}
