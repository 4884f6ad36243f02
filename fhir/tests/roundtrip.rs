//! Every shipped form: export → import gives the same form, and every example scored from a
//! converted QuestionnaireResponse gives the original outcome.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
use serde_json::Value;
use std::path::{Path, PathBuf};
use trygg_fhir::{export, import, score};

pub fn shipped_forms() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if name != "schema" && name != "tools" {
                    walk(&p, out);
                }
            } else if name.ends_with(".json") && !name.starts_with("textpack") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms"),
        &mut out,
    );
    out
}

fn comparable(outcome: &trygg::Outcome) -> Value {
    let mut v = outcome.to_value();
    v.as_object_mut().unwrap().remove("form");
    v
}

#[test]
fn every_shipped_form_round_trips_and_scores_its_examples() {
    let forms = shipped_forms();
    assert!(forms.len() >= 11, "found {} forms", forms.len());
    let mut examples = 0;
    for path in forms {
        let text = std::fs::read_to_string(&path).unwrap();
        let original = trygg::load(&text).unwrap();
        let q = export::export(original.def());
        let q_value = serde_json::to_value(&q).unwrap();
        let imported = import::import(&q_value).unwrap();
        assert!(
            imported.report.refused.is_empty(),
            "{path:?}: {:?}",
            imported.report.refused
        );
        let mut want = original.def().clone();
        want.schema = None;
        if imported.form != want {
            let (w, g) = (
                serde_json::to_value(&want).unwrap(),
                serde_json::to_value(&imported.form).unwrap(),
            );
            let differ: Vec<_> = w
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, v)| g.get(k.as_str()) != Some(v))
                .map(|(k, v)| format!("{k}: want {v}, got {:?}", g.get(k.as_str())))
                .collect();
            panic!(
                "{path:?}: export → import is not the same form: {:.3000}",
                differ.join("\n")
            );
        }
        let compiled = imported.compiled.unwrap();
        let cand = score::Candidate::of_form(compiled);
        for ex in &original.def().examples {
            let response = trygg::examples::response_of(ex);
            let qr = score::to_questionnaire_response(original.def(), &response);
            let base = trygg::Response {
                context: response.context.clone(),
                respondent: response.respondent.clone(),
                ..Default::default()
            };
            let scored = score::score(&qr, &cand, &base).unwrap();
            let direct = trygg::evaluate(&original, &response);
            assert_eq!(
                comparable(&scored.outcome),
                comparable(&direct),
                "{path:?} example {}",
                ex.name
            );
            let unexpected: Vec<_> = scored
                .problems
                .iter()
                .filter(|p| p.code != "fhir.answer_for_hidden_item" && direct.problems.is_empty())
                .collect();
            assert!(
                unexpected.is_empty(),
                "{path:?} {}: {unexpected:?}",
                ex.name
            );
            examples += 1;
        }
    }
    assert!(examples > 300, "{examples} examples");
}
