//! The wording of the series, read from `texts.json` beside this module.
//!
//! Wording is data, not code: translators and reviewers edit one JSON file, and the
//! generator reads it into typed fields so that a missing or misspelt key is an error when
//! the file is read, never a silently empty text. Answer options are read straight into the
//! engine's own [`OptionDef`], so an option the model would refuse cannot reach a form.
//! Every text holds all the locales it has (sv, en and, for the 6–8 weeks items, ar and
//! so); [`loc`] keeps a form's locales and fails on a missing one.

use serde::Deserialize;
use std::collections::BTreeMap;
use trygg::model::{OptionDef, Text};

/// A text per locale, as written in the file.
pub type Tx = BTreeMap<String, String>;

/// An item of a published instrument: its terminology code and wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coded {
    pub code: String,
    pub text: Tx,
}

/// An AUDIT-C item: code, wording, optional help and its options (scored by their value).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditItem {
    pub code: String,
    pub text: Tx,
    #[serde(default)]
    pub help: Option<Tx>,
    pub options: Vec<OptionDef>,
}

/// Every text of the series (`texts.json`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Texts {
    /// Where the wording comes from (for people reading the file).
    pub about: Vec<String>,
    pub yes: Tx,
    pub no: Tx,
    pub sections: BTreeMap<String, Tx>,
    pub intro: Tx,
    /// Safety questions by item id; `<item>.<option>` for an extra option's text and
    /// `<item>.help` for a help text.
    pub safety: BTreeMap<String, Tx>,
    pub child_harm_fear: Tx,
    pub child_harm_fear_help: Tx,
    pub money_worry: Tx,
    pub hvs_help: Tx,
    pub hvs1: Tx,
    pub hvs2: Tx,
    pub hvs_options: Vec<OptionDef>,
    pub phq_stem: Tx,
    pub frequency_options: Vec<OptionDef>,
    pub phq: Vec<Coded>,
    pub gad_stem: Tx,
    pub gad: Vec<Coded>,
    pub stress: BTreeMap<String, Tx>,
    pub coping_options: Vec<OptionDef>,
    pub audit_c: Vec<AuditItem>,
    pub violence_intro: Tx,
    pub violence_ever: Tx,
    pub violence_now: Tx,
    pub support_wish: Tx,
    pub finding_titles: BTreeMap<String, Tx>,
    pub rule_titles: BTreeMap<String, Tx>,
    pub checkup_names: BTreeMap<String, Tx>,
    /// Per locale, with `{name}` (the check-up's name) and `{gad}` (", GAD-2" in the pilot).
    pub description: Tx,
}

/// The file, built into the generator (it lives outside `forms/`, where every JSON file is
/// loaded as a form or text pack).
const TEXTS_JSON: &str = include_str!("texts.json");

impl Texts {
    /// Read and type `texts.json`.
    pub fn load() -> Result<Texts, String> {
        serde_json::from_str(TEXTS_JSON)
            .map_err(|e| format!("tests/native/src/series/texts.json: {e}"))
    }

    /// A text from one of the keyed tables, or an error naming the table and key.
    pub fn keyed<'a>(
        table: &'a BTreeMap<String, Tx>,
        what: &str,
        key: &str,
    ) -> Result<&'a Tx, String> {
        table
            .get(key)
            .ok_or_else(|| format!("texts.json: no {what} \"{key}\""))
    }
}

/// The text in exactly the form's `locales` (a form lists exactly the locales it is
/// complete in); an error names the missing locales.
pub fn loc(text: &Tx, locales: &[String]) -> Result<Text, String> {
    let missing: Vec<&String> = locales.iter().filter(|l| !text.contains_key(*l)).collect();
    if !missing.is_empty() {
        return Err(format!("text missing {missing:?}: {text:?}"));
    }
    Ok(Text::Localized(
        locales
            .iter()
            .filter_map(|l| text.get(l).map(|t| (l.clone(), t.clone())))
            .collect(),
    ))
}

/// Clinician-facing text: a locale without its own wording repeats the English one.
pub fn loc_or_en(text: &Tx, locales: &[String]) -> Result<Text, String> {
    let en = text
        .get("en")
        .ok_or_else(|| format!("text without English: {text:?}"))?;
    Ok(Text::Localized(
        locales
            .iter()
            .map(|l| (l.clone(), text.get(l).unwrap_or(en).clone()))
            .collect(),
    ))
}

/// Options in the form's locales.
pub fn options(list: &[OptionDef], locales: &[String]) -> Result<Vec<OptionDef>, String> {
    list.iter()
        .map(|o| {
            let Text::Localized(t) = &o.text else {
                return Err(format!(
                    "option \"{}\": a text-pack key, not wording",
                    o.value
                ));
            };
            Ok(OptionDef {
                text: loc(t, locales)?,
                ..o.clone()
            })
        })
        .collect()
}

/// A text for sv and en only.
pub fn sv_en(sv: &str, en: &str) -> Tx {
    [("sv", sv), ("en", en)]
        .into_iter()
        .map(|(l, t)| (l.to_owned(), t.to_owned()))
        .collect()
}
