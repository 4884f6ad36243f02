//! Writes, for each shipped form, its Questionnaire and every example as a converted
//! QuestionnaireResponse with Trygg's totals and its results Bundle, for the JavaScript
//! checks (R4 JSON Schema, fhirpath.js): `cargo run -p trygg-fhir --example artifacts --
//! FORMS_DIR OUT_DIR`.

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
