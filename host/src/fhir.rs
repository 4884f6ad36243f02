//! FHIR R4 / SDC on the loaded forms (feature `fhir`): export a form as an SDC Questionnaire,
//! import a Questionnaire, score a QuestionnaireResponse and write its results Bundle.
//!
//! Text in, canonical JSON text or a located [`Error`] (every problem, [`Errors`], for a
//! Bundle refused) out, like every host call. No
//! FHIR rule lives here: each call is one of `trygg_fhir::api`'s (the same rules as
//! `trygg fhir`), given this engine's registry; inputs go through the engine's input policy
//! for FHIR resources (`trygg::input::FHIR`). Bundles are deterministic (ids from the
//! response's content, dates from the response), so every runtime writes the same bytes.

use crate::engine::{EngineCore, FormRefArg};
use trygg::{Error, Errors};

impl EngineCore {
    /// A loaded form version as an SDC Questionnaire (canonical JSON text); any status.
    pub fn export_fhir(&self, r: &FormRefArg) -> Result<String, Error> {
        let form = self.resolve_for_scoring(r, None, None)?;
        Ok(trygg_fhir::api::export_json(form.def()))
    }

    /// An SDC Questionnaire (JSON text) imported as a Trygg form: canonical JSON text of
    /// `{form, mapping, report: {mapped, refused}, formErrors}` (see
    /// [`trygg_fhir::api::import_json`]). Uses no loaded form.
    pub fn import_fhir(&self, questionnaire: &str) -> Result<String, Error> {
        trygg_fhir::api::import_json(questionnaire)
    }

    /// Score a QuestionnaireResponse (JSON text): canonical JSON text of
    /// `{outcome, problems, stored}`. `questionnaires` is JSON text of an array of
    /// Questionnaires the response may name (`""` for none); otherwise the response names a
    /// loaded form by its Questionnaire canonical (`…/Questionnaire/<id>|<version>`).
    pub fn evaluate_fhir(&self, response: &str, questionnaires: &str) -> Result<String, Error> {
        Ok(trygg_fhir::api::score_json(response, questionnaires, self.registry())?.to_json())
    }

    /// The results of a QuestionnaireResponse as a transaction Bundle (canonical JSON text),
    /// chosen as [`EngineCore::evaluate_fhir`] chooses; a response with problems (unknown
    /// codes, a stored total that differs, …) is an error listing every problem.
    pub fn fhir_bundle(&self, response: &str, questionnaires: &str) -> Result<String, Errors> {
        let scoring = trygg_fhir::api::score_json(response, questionnaires, self.registry())?;
        scoring.bundle_json().map_err(Errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHQ9: &str = include_str!("../../forms/phq-9/1.0.0.json");

    fn engine() -> EngineCore {
        let mut e = EngineCore::new();
        e.load_form(PHQ9).unwrap();
        e
    }

    /// A QuestionnaireResponse to PHQ-9 as its export codes the answers.
    fn qr(answers: &[(&str, &str)]) -> String {
        let form = trygg::load(PHQ9).unwrap();
        let mut response = trygg::Response::default();
        for (id, v) in answers {
            response
                .answers
                .insert(id.to_string(), serde_json::json!(v));
        }
        let mut qr = trygg_fhir::score::to_questionnaire_response(form.def(), &response);
        qr["authored"] = serde_json::json!("2026-01-02");
        qr.to_string()
    }

    #[test]
    fn export_import_score_bundle() {
        let e = engine();
        let r = FormRefArg::from_str_ref("phq-9");
        let q = e.export_fhir(&r).unwrap();
        assert!(q.contains("\"resourceType\":\"Questionnaire\""));
        let imported: serde_json::Value =
            serde_json::from_str(&e.import_fhir(&q).unwrap()).unwrap();
        assert_eq!(imported["form"]["id"], "phq-9");
        let resp = qr(&[("phq9_1", "2"), ("phq9_2", "3")]);
        let scored: serde_json::Value =
            serde_json::from_str(&e.evaluate_fhir(&resp, "").unwrap()).unwrap();
        assert_eq!(scored["outcome"]["form"]["id"], "phq-9");
        let b = e.fhir_bundle(&resp, "").unwrap();
        assert_eq!(b, e.fhir_bundle(&resp, "").unwrap());
        assert!(b.contains("\"type\":\"transaction\""));
        // With the Questionnaire passed, its import scores the response: the same outcome
        // but for the form's hash (the import has no `$schema`, so its content differs).
        let mut with_q: serde_json::Value =
            serde_json::from_str(&e.evaluate_fhir(&resp, &format!("[{q}]")).unwrap()).unwrap();
        let mut scored = scored;
        for v in [&mut with_q, &mut scored] {
            v["outcome"]["form"]["hash"] = serde_json::Value::Null;
        }
        assert_eq!(with_q, scored);
    }

    #[test]
    fn bad_input_is_a_located_host_error() {
        let e = engine();
        let err = e
            .export_fhir(&FormRefArg::from_str_ref("nope"))
            .unwrap_err();
        assert_eq!(err.code, "registry.unknown_form");
        let err = e.import_fhir("{\"resourceType\":\"Patient\"}").unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("fhir.wrong_resource_type", "/resourceType")
        );
        let err = e
            .evaluate_fhir(&" ".repeat(trygg::input::FHIR.limit + 1), "")
            .unwrap_err();
        assert_eq!(err.code, "fhir.too_large");
        let bad = qr(&[("phq9_1", "7"), ("phq9_2", "9")]);
        let err = crate::HostError::from(e.fhir_bundle(&bad, "").unwrap_err());
        assert_eq!(err.code, "fhir.unknown_answer_code");
        assert_eq!(err.path, "/item/0/answer/0");
        assert_eq!(err.errors.len(), 2, "{:?}", err.errors);
    }
}
