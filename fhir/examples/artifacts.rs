//! Writes, for each shipped form, its Questionnaire and every example as a converted
//! QuestionnaireResponse with Trygg's totals and its results Bundle, for the JavaScript
//! checks (R4 JSON Schema, fhirpath.js): `cargo run -p trygg-fhir --example artifacts --
//! FORMS_DIR OUT_DIR [PROGRAMMES_DIR]`. With a programmes directory, also the CarePlan of
//! every programme example whose family is offered the programme
//! (`OUT_DIR/careplans/<programme>@<version>.json`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use serde_json::{json, Map};
use std::path::{Path, PathBuf};
use trygg::outcome::Handling;
use trygg_fhir::{bundle, export, score};

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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (forms, out) = (Path::new(&args[1]), Path::new(&args[2]));
    std::fs::create_dir_all(out).unwrap();
    let mut files = Vec::new();
    walk(forms, &mut files);
    if let Some(dir) = args.get(3) {
        care_plans(Path::new(dir), &files, &out.join("careplans"));
    }
    for file in files {
        let form = trygg::load(&std::fs::read_to_string(&file).unwrap()).expect("form");
        let def = form.def();
        let q = export::export(def);
        let cand = score::Candidate::of_form(form.clone());
        let mut cases = Vec::new();
        for ex in &def.examples {
            let response = trygg::examples::response_of(ex);
            let qr = score::to_questionnaire_response(def, &response);
            let base = trygg::Response {
                context: response.context.clone(),
                respondent: response.respondent.clone(),
                ..Default::default()
            };
            let scored = score::score(&qr, &cand, &base).unwrap();
            // Totals the calculatedExpression must reproduce: scales computed from complete
            // answers, with no hidden or ignored item, in a response without problems.
            let mut totals = Map::new();
            for s in &scored.outcome.scales {
                if s.handling == Handling::Complete
                    && s.hidden == 0
                    && scored.outcome.problems.is_empty()
                    && scored.outcome.ignored.is_empty()
                {
                    if let Some(v) = s.value {
                        totals.insert(export::scale_link_id(def, &s.id), json!(v));
                    }
                }
            }
            let b = bundle::results_bundle(&qr, def, &scored);
            cases.push(json!({
                "name": ex.name,
                "response": qr,
                "totals": totals,
                "bundle": b,
            }));
        }
        let name = format!("{}@{}.json", def.id, def.version);
        let doc = json!({ "form": def.id, "questionnaire": q, "cases": cases });
        std::fs::write(out.join(name), serde_json::to_string(&doc).unwrap()).unwrap();
    }
}

/// The CarePlan of every programme example whose family is offered the programme, with the
/// shipped check-up forms in the registry.
fn care_plans(dir: &Path, forms: &[PathBuf], out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let mut registry = trygg::Registry::default();
    for f in forms {
        registry
            .insert(trygg::load(&std::fs::read_to_string(f).unwrap()).unwrap())
            .unwrap();
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    for file in files {
        let p = trygg::programme::load_programme(&std::fs::read_to_string(&file).unwrap())
            .expect("programme");
        let mut plans = Vec::new();
        for ex in &p.def().examples {
            let input = trygg::programme::plan::input_from_value(&ex.input).unwrap();
            let Ok(evaluation) = trygg::programme::evaluate_programme(&p, &input, &registry) else {
                continue;
            };
            if evaluation.eligible {
                let plan =
                    trygg_fhir::careplan::care_plan(&p, &evaluation, Some("Patient/example-child"))
                        .unwrap();
                plans.push(json!({ "name": ex.name, "carePlan": plan }));
            }
        }
        let name = format!("{}@{}.json", p.id(), p.version());
        let doc = json!({ "programme": p.id(), "visits": p.def().visits.len(), "cases": plans });
        std::fs::write(out.join(name), serde_json::to_string(&doc).unwrap()).unwrap();
    }
}
