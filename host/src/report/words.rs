//! The report's own words in Swedish and English (the clinician's languages; the form's
//! titles and the engine's reasons come in the same locale from the form and
//! `trygg::explain`). Each phrase sits beside its translation where it is used:
//! `w.t("Findings", "Fynd")`.

use super::Report;

/// The report locales: Swedish for `sv…`, else English.
pub fn locale(requested: &str) -> &'static str {
    if requested.split(['-', '_']).next() == Some("sv") {
        "sv"
    } else {
        "en"
    }
}

/// Picks a phrase in the report's language.
#[derive(Clone, Copy)]
pub struct W {
    sv: bool,
}

impl W {
    pub fn of(r: &Report) -> W {
        W {
            sv: r.locale == "sv",
        }
    }

    /// `en` or `sv`.
    pub fn t<'a>(self, en: &'a str, sv: &'a str) -> &'a str {
        if self.sv {
            sv
        } else {
            en
        }
    }

    /// An entry kind of the definition (`item`, `scale`, `finding`, `rule`, `form`).
    pub fn kind(self, kind: &str) -> String {
        match kind {
            "item" => self.t("question", "fråga"),
            "scale" => self.t("scale", "skala"),
            "finding" => self.t("finding", "fynd"),
            "rule" => self.t("rule", "regel"),
            "form" => self.t("form", "formulär"),
            other => other,
        }
        .to_string()
    }

    /// A completeness value.
    pub fn completeness(self, c: &str) -> String {
        match c {
            "complete" => self.t("complete", "fullständigt"),
            "incomplete" => self.t("incomplete", "ofullständigt"),
            "invalid" => self.t("invalid", "ogiltigt"),
            other => other,
        }
        .to_string()
    }

    /// The statement about synthetic input (none, some or all of the responses).
    pub fn synthetic(self, r: &Report) -> Option<String> {
        let n = r.responses;
        let k = r.synthetic;
        if k == 0 {
            return None;
        }
        let why = self.t(
            "made up by trygg synth, not real families: the report shows how the rules behave, not how many real families would be affected",
            "påhittade av trygg synth, inte verkliga familjer: rapporten visar hur reglerna beter sig, inte hur många verkliga familjer som skulle påverkas",
        );
        Some(if k == n {
            if self.sv {
                format!("Alla {n} svar är syntetiska ({why}).")
            } else {
                format!("All {n} responses are synthetic ({why}).")
            }
        } else if self.sv {
            format!("{k} av {n} svar är syntetiska ({why}).")
        } else {
            format!("{k} of the {n} responses are synthetic ({why}).")
        })
    }
}
