//! The FHIR calls as a host makes them: JSON text in, canonical JSON text or a located
//! [`Error`] out, against the forms a host has loaded (a [`Registry`]).
//!
//! `trygg-host` (and through it the plain-ABI module and the wasm-bindgen module) calls only
//! these functions, so every shell exports, imports, scores and writes Bundles by the same
//! rules as `trygg fhir`: which form scores a response is [`pick`] — a Questionnaire passed
//! with the call (imported, or matched to a loaded form by its LOINC codes), else a loaded
//! Trygg form by its own canonical URL through the registry's re-scoring rule
//! ([`Registry::for_scoring`]). Every input goes through [`trygg::input::FHIR`] (size, BOM,
//! duplicate keys), so bad input is a `fhir.*` error located by JSON pointer.
//!
//! Bundles are deterministic: entry ids are derived from the response's content and every
//! date comes from the response (`authored`), never from a clock.

use crate::import::import;
use crate::score::{self, Candidate, Scored};
use crate::*;
use serde_json::{json, Value};
use trygg::input::quote;
use trygg::registry::Requested;
use trygg::{CompiledForm, Registry};

/// A form's SDC Questionnaire as canonical JSON text.
pub fn export_json(form: &trygg::model::FormDef) -> String {
    trygg::to_canonical_string(&serde_json::to_value(export::export(form)).unwrap_or(Value::Null))
}

/// Import a Questionnaire (JSON text): canonical JSON text of
/// `{form, mapping, report: {mapped, refused}, formErrors}` — the Trygg form, how linkIds and
/// codings map to its items and options, what was mapped and refused (located in the
/// Questionnaire), and the compiler's located errors of the imported form (empty when it
/// compiles). Errors: the text is not a Questionnaire (`fhir.*`).
pub fn import_json(text: &str) -> Result<String, Error> {
    let value = parse_json(text)?;
    let imported = import(&value)?;
    let form_errors = match &imported.compiled {
        Ok(_) => Vec::new(),
        Err(errors) => errors.clone(),
    };
    Ok(trygg::to_canonical_string(&json!({
        "form": serde_json::to_value(&imported.form).unwrap_or(Value::Null),
        "mapping": serde_json::to_value(&imported.mapping).unwrap_or(Value::Null),
        "report": imported.report.to_value(),
        "formErrors": problems_json(&form_errors),
    })))
}

/// The id of the Trygg form a Questionnaire canonical URL names (`…/Questionnaire/<id>`, as
/// [`questionnaire_url`] writes it), if it is one.
pub fn form_id_of_url(url: &str) -> Option<&str> {
    url.strip_prefix(BASE)?
        .strip_prefix("/Questionnaire/")
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

/// A QuestionnaireResponse scored: the response as read, the candidate that scored it, and
/// the result.
#[derive(Debug, Clone)]
pub struct Scoring {
    /// The QuestionnaireResponse as a JSON value.
    pub response: Value,
    /// The form (and linkId mapping) that scored it.
    pub candidate: Candidate,
    /// Outcome, problems and stored totals.
    pub scored: Scored,
}

impl Scoring {
    /// `{outcome, problems, stored}` as canonical JSON text (what `trygg fhir score` prints).
    pub fn to_json(&self) -> String {
        trygg::to_canonical_string(&self.scored.to_value())
    }

    /// The results transaction Bundle as canonical JSON text; the response's problems
    /// (unknown codes, a stored total that differs, an answer for a hidden item, …) are
    /// errors instead, all of them, as in `trygg fhir batch`: a Bundle is written back to a
    /// journal only for a response read without a problem.
    pub fn bundle_json(&self) -> Result<String, Vec<Error>> {
        if !self.scored.problems.is_empty() {
            return Err(self.scored.problems.clone());
        }
        let b = bundle::results_bundle(&self.response, self.candidate.form.def(), &self.scored);
        Ok(trygg::to_canonical_string(
            &serde_json::to_value(&b).unwrap_or(Value::Null),
        ))
    }
}

/// Score a QuestionnaireResponse (JSON text) against `questionnaires` (JSON text of an array
/// of Questionnaires, or `""` for none) and the registry's loaded forms.
///
/// The form: a passed Questionnaire the response's `questionnaire` canonical names (or the
/// only one passed, when the response names none) — scored by itself when it carries scores,
/// else by the loaded form sharing its LOINC codes; otherwise the loaded Trygg form the
/// canonical names (`…/Questionnaire/<id>|<version>`, through [`Registry::for_scoring`]).
/// Errors: bad JSON or a wrong resource (`fhir.*`, pointers into the response, or
/// `/<i>/…` into the array of Questionnaires), `fhir.unknown_questionnaire`.
pub fn score_json(
    response: &str,
    questionnaires: &str,
    forms: &Registry,
) -> Result<Scoring, Error> {
    let value = parse_json(response)?;
    resource::<types::QuestionnaireResponse>(&value, "QuestionnaireResponse")?;
    let canonical = value.get("questionnaire").and_then(Value::as_str);
    let passed = candidates(questionnaires, forms)?;
    let candidate = match score::pick(canonical, &passed) {
        Ok(c) => c.clone(),
        Err(e) => match canonical {
            Some(canonical) => loaded(canonical, forms)?.ok_or(e)?,
            None => return Err(e),
        },
    };
    let scored = score::score(&value, &candidate, &trygg::Response::default())?;
    Ok(Scoring {
        response: value,
        candidate,
        scored,
    })
}

/// The loaded Trygg form a canonical names, if it names a Trygg Questionnaire.
fn loaded(canonical: &str, forms: &Registry) -> Result<Option<Candidate>, Error> {
    let (url, version) = match canonical.split_once('|') {
        Some((u, v)) => (u, Some(v)),
        None => (canonical, None),
    };
    let Some(id) = form_id_of_url(url) else {
        return Ok(None);
    };
    let form = forms
        .for_scoring(Requested::Form { id, version }, None, None)
        .map_err(|e| {
            Error::new(
                "fhir.unknown_questionnaire",
                "/questionnaire",
                trygg::input::excerpt(&format!(
                    "`{canonical}`: {}",
                    e.message,
                    canonical = quote(canonical)
                )),
            )
        })?;
    Ok(Some(Candidate::of_form(CompiledForm::clone(&form))))
}

/// The Questionnaires passed with a call, imported as candidates (in the order given).
fn candidates(text: &str, forms: &Registry) -> Result<Vec<Candidate>, Error> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let list = match parse_json(text)? {
        Value::Array(list) => list,
        _ => {
            return Err(Error::new(
                "fhir.malformed",
                "",
                "the Questionnaires are a JSON array of Questionnaire resources",
            ))
        }
    };
    if list.is_empty() {
        return Ok(Vec::new());
    }
    // A Questionnaire without scores is matched to a loaded form by its LOINC codes.
    let shipped: Vec<CompiledForm> = forms
        .list()
        .into_iter()
        .filter_map(|e| forms.get(&e.id, &e.version))
        .map(|f| CompiledForm::clone(&f))
        .collect();
    let mut out = Vec::with_capacity(list.len());
    for (i, q) in list.iter().enumerate() {
        let at = |e: Error| Error::new(e.code, format!("/{i}{}", e.path), e.message);
        let imported = import(q).map_err(at)?;
        let text_of = |k: &str| q.get(k).and_then(Value::as_str).unwrap_or_default().into();
        let c = Candidate::of_import(text_of("url"), text_of("version"), imported, &shipped)
            .map_err(|errors| match errors.into_iter().next() {
                Some(e) => at(e),
                None => Error::new("fhir.malformed", format!("/{i}"), "not importable"),
            })?;
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn registry(rels: &[&str]) -> Registry {
        let mut r = Registry::default();
        for rel in rels {
            let path = format!("{}/../forms/{rel}", env!("CARGO_MANIFEST_DIR"));
            r.insert(trygg::load(&std::fs::read_to_string(path).unwrap()).unwrap())
                .unwrap();
        }
        r
    }

    #[test]
    fn urls_of_trygg_questionnaires() {
        assert_eq!(form_id_of_url(&questionnaire_url("phq-9")), Some("phq-9"));
        assert_eq!(form_id_of_url("http://loinc.org/q/44249-1"), None);
        assert_eq!(form_id_of_url(&format!("{BASE}/Questionnaire/")), None);
    }

    #[test]
    fn a_loaded_form_scores_its_own_export_and_writes_a_bundle() {
        let forms = registry(&["phq-9/1.0.0.json"]);
        let form = forms.get("phq-9", "1.0.0").unwrap();
        let ex = &form.def().examples[0];
        let qr = score::to_questionnaire_response(form.def(), &trygg::examples::response_of(ex));
        let s = score_json(&qr.to_string(), "", &forms).unwrap();
        assert!(s.scored.problems.is_empty(), "{:?}", s.scored.problems);
        let direct = trygg::evaluate(&form, &trygg::examples::response_of(ex));
        assert_eq!(s.scored.outcome.scales, direct.scales);
        let b1 = s.bundle_json().unwrap();
        let b2 = score_json(&qr.to_string(), "[]", &forms)
            .unwrap()
            .bundle_json()
            .unwrap();
        assert_eq!(b1, b2, "the same response gives the same bytes");
        assert!(b1.starts_with("{\"entry\":"), "{b1:.80}");
    }

    #[test]
    fn bad_input_is_located() {
        let forms = registry(&["phq-9/1.0.0.json"]);
        let e = score_json("{\"resourceType\":\"Patient\"}", "", &forms).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("fhir.wrong_resource_type", "/resourceType")
        );
        let e = score_json("{", "", &forms).unwrap_err();
        assert_eq!(e.code, "fhir.not_json");
        let qr = json!({"resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": format!("{}|9.9.9", questionnaire_url("phq-9"))});
        let e = score_json(&qr.to_string(), "", &forms).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("fhir.unknown_questionnaire", "/questionnaire")
        );
        let e =
            score_json(&qr.to_string(), "[{\"resourceType\":\"Patient\"}]", &forms).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("fhir.wrong_resource_type", "/0/resourceType")
        );
        let e = score_json(&qr.to_string(), "{}", &forms).unwrap_err();
        assert_eq!(e.code, "fhir.malformed");
        let e = import_json("{\"resourceType\":\"Questionnaire\",\"a\":1,\"a\":2}").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("fhir.duplicate_key", "/a"));
    }

    #[test]
    fn import_reports_mapping_and_form_errors() {
        let forms = registry(&["gad-7/1.0.0.json"]);
        let q = export_json(forms.get("gad-7", "1.0.0").unwrap().def());
        let out: Value = serde_json::from_str(&import_json(&q).unwrap()).unwrap();
        assert_eq!(out["form"]["id"], "gad-7");
        assert_eq!(out["report"]["refused"], json!([]));
        assert_eq!(out["formErrors"], json!([]));
        assert_eq!(out["mapping"]["items"]["gad7_1"], "gad7_1");
    }
}
