//! Import of Questionnaires Trygg did not write, scoring of their responses, bad input, and
//! the results Bundle.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};
use trygg_fhir::import::import;
use trygg_fhir::score::{self, Candidate};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn shipped(rel: &str) -> trygg::CompiledForm {
    let path = format!("{}/../forms/{rel}", env!("CARGO_MANIFEST_DIR"));
    trygg::load(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn codes(problems: &[trygg::Error]) -> Vec<(&str, &str)> {
    problems.iter().map(|p| (p.code, p.path.as_str())).collect()
}

fn candidate_of(q: &Value) -> Candidate {
    let imported = import(q).unwrap();
    assert!(
        imported.compiled.is_ok(),
        "{:?}",
        imported.compiled.as_ref().err()
    );
    Candidate::of_import(
        q["url"].as_str().unwrap_or_default().into(),
        q["version"].as_str().unwrap_or_default().into(),
        imported,
        &[],
    )
    .unwrap()
}

#[test]
fn hl7_sdc_phq9_imports_and_its_wrong_stored_total_is_reported() {
    let q = fixture("hl7-sdc-phq9-questionnaire.json");
    let imported = import(&q).unwrap();
    assert!(
        imported.report.refused.is_empty(),
        "{:?}",
        imported.report.refused
    );
    let form = &imported.form;
    assert_eq!(form.items.len(), 9);
    assert_eq!(form.sections.len(), 1);
    assert_eq!(form.locales, vec!["en".to_string()], "single-locale form");
    assert_eq!(imported.mapping.items["H1/T1/Q1"], "H1_T1_Q1");
    assert_eq!(form.items[0].options[3].score, Some(3.0));
    assert_eq!(form.scales.len(), 1);
    assert_eq!(form.scales[0].code.as_deref(), Some("44261-6"));
    assert_eq!(form.scales[0].items.len(), 9);

    let cand = candidate_of(&q);
    let qr = fixture("hl7-sdc-phq9-response.json");
    let chosen = score::pick(qr["questionnaire"].as_str(), std::slice::from_ref(&cand)).unwrap();
    let scored = score::score(&qr, chosen, &trygg::Response::default()).unwrap();
    let scale = &scored.outcome.scales[0];
    assert_eq!(scale.value, Some(10.0));
    assert_eq!(scored.stored[0].value, 13.0);
    assert_eq!(
        codes(&scored.problems),
        vec![("fhir.stored_total_differs", "/item/0/item/9/answer/0")]
    );
    assert!(scored.problems[0].message.contains("13") && scored.problems[0].message.contains("10"));
}

fn gad7_without_scores() -> Value {
    let answers = [
        ("LA6568-5", "Not at all"),
        ("LA6569-3", "Several days"),
        ("LA6570-1", "More than half the days"),
        ("LA6571-9", "Nearly every day"),
    ];
    let items: Vec<Value> = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]
        .iter()
        .map(|c| {
            json!({
                "linkId": format!("/{c}"), "type": "choice", "text": format!("item {c}"),
                "code": [{ "system": "http://loinc.org", "code": c }],
                "answerOption": answers.iter().map(|(code, d)| json!({ "valueCoding": { "system": "http://loinc.org", "code": code, "display": d } })).collect::<Vec<_>>()
            })
        })
        .collect();
    json!({
        "resourceType": "Questionnaire", "url": "http://example.org/Questionnaire/gad7", "version": "2.1",
        "status": "active", "title": "GAD-7", "code": [{ "system": "http://loinc.org", "code": "69737-5" }],
        "item": items
    })
}

#[test]
fn a_questionnaire_without_scores_is_scored_by_the_shipped_form_with_its_loinc_codes() {
    let q = gad7_without_scores();
    let imported = import(&q).unwrap();
    assert!(!imported.has_scores);
    assert_eq!(
        imported.form.code.as_deref(),
        Some("69737-5"),
        "the panel code"
    );
    assert_eq!(
        imported
            .report
            .mapped
            .iter()
            .filter(|l| l.contains("→ item"))
            .count(),
        7
    );
    let gad7 = shipped("gad-7/1.0.0.json");
    let cand = Candidate::of_import(
        "http://example.org/Questionnaire/gad7".into(),
        "2.1".into(),
        imported,
        std::slice::from_ref(&gad7),
    )
    .unwrap();
    assert_eq!(cand.form.id(), "gad-7");
    let codes_given = [
        "LA6571-9", "LA6571-9", "LA6570-1", "LA6569-3", "LA6568-5", "LA6571-9",
    ];
    let mut items: Vec<Value> = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8"]
        .iter()
        .zip(codes_given)
        .map(|(l, c)| json!({ "linkId": format!("/{l}"), "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": c } }] }))
        .collect();
    // Item 7 declined by the data-absent-reason code.
    items.push(json!({ "linkId": "/69736-7", "answer": [{ "valueCoding": { "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "asked-declined" } }] }));
    let qr = json!({ "resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/Questionnaire/gad7|2.1", "status": "completed", "item": items });
    let cands = [cand];
    let chosen = score::pick(qr["questionnaire"].as_str(), &cands).unwrap();
    let scored = score::score(&qr, chosen, &trygg::Response::default()).unwrap();
    assert!(scored.problems.is_empty(), "{:?}", scored.problems);
    // 3+3+2+1+0+3 = 12 over 6 answered, one declined: prorated to 7 items, 14.
    let gad = scored.outcome.scale("gad7").unwrap();
    assert_eq!(gad.missing, 1);
    assert_eq!(gad.value, Some(14.0));
    // LA15775-2 "Don't know / refused" is declined too.
    let mut qr2 = qr.clone();
    qr2["item"][6]["answer"][0]["valueCoding"] =
        json!({ "system": "http://loinc.org", "code": "LA15775-2" });
    let scored2 = score::score(&qr2, &cands[0], &trygg::Response::default()).unwrap();
    assert_eq!(scored2.outcome.scale("gad7").unwrap().value, Some(14.0));
}

fn ew_questionnaire() -> Value {
    let yes_no = json!([
        { "valueCoding": { "system": "http://example.org/yn", "code": "Y" }, "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 1 }] },
        { "valueCoding": { "system": "http://example.org/yn", "code": "N" }, "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 0 }] }
    ]);
    let co = json!([
        { "valueCoding": { "system": "http://example.org/f", "code": "never", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value", "valueDecimal": 0 }] } },
        { "valueCoding": { "system": "http://example.org/f", "code": "often", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value", "valueDecimal": 2 }] } }
    ]);
    json!({
        "resourceType": "Questionnaire", "url": "http://example.org/Questionnaire/ew", "version": "1.0.0", "status": "active",
        "contained": [{ "resourceType": "ValueSet", "id": "freq", "expansion": { "contains": [
            { "system": "http://example.org/f", "code": "never", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0 }] },
            { "system": "http://example.org/f", "code": "daily", "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 3 }] }
        ] } }],
        "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "a", "language": "text/fhirpath", "expression": "%resource.item.where(linkId='1.1').answer.value.weight()" } }],
        "item": [
            { "linkId": "1.1", "type": "choice", "text": "yes/no", "answerOption": yes_no },
            { "linkId": "1.2", "type": "boolean", "text": "flag" },
            { "linkId": "1.3", "type": "integer", "text": "count" },
            { "linkId": "1.4", "type": "choice", "text": "co", "answerOption": co,
              "enableWhen": [{ "question": "1.1", "operator": "=", "answerCoding": { "system": "http://example.org/yn", "code": "Y" } }] },
            { "linkId": "1.5", "type": "choice", "text": "vs", "answerValueSet": "#freq",
              "enableWhen": [{ "question": "1.2", "operator": "exists", "answerBoolean": true }, { "question": "1.3", "operator": ">=", "answerInteger": 2 }],
              "enableBehavior": "all" },
            { "linkId": "1.6", "type": "string", "text": "why",
              "enableWhen": [{ "question": "1.3", "operator": "<", "answerInteger": 1 }, { "question": "1.3", "operator": ">", "answerInteger": 5 },
                             { "question": "1.2", "operator": "!=", "answerBoolean": true }, { "question": "1.3", "operator": "<=", "answerInteger": -1 }],
              "enableBehavior": "any" },
            { "linkId": "total", "type": "decimal", "readOnly": true, "extension": [{ "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%a + %resource.repeat(item).where(linkId = '1.4' or linkId = '1.5').answer.value.ordinal().sum()" } }] },
            { "linkId": "odd", "type": "decimal", "readOnly": true, "extension": [{ "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "iif(%a > 0, 10, 0)" } }] }
        ]
    })
}

#[test]
fn enable_when_operators_scores_and_expressions_are_imported() {
    let q = ew_questionnaire();
    let imported = import(&q).unwrap();
    assert_eq!(
        codes(&imported.report.refused),
        vec![("fhir.unsupported_expression", "/item/7/extension")],
        "only the iif() expression is refused"
    );
    let f = &imported.form;
    let item = |id: &str| f.items.iter().find(|i| i.id == id).unwrap();
    assert_eq!(
        item("1_4").enable_when,
        Some(json!({ "===": [{ "var": "answers.1_1" }, "Y"] }))
    );
    assert_eq!(
        item("1_5").enable_when,
        Some(
            json!({ "and": [{ "!==": [{ "var": "answers.1_2" }, null] }, { ">=": [{ "var": "answers.1_3" }, 2] }] })
        )
    );
    assert_eq!(
        item("1_6").enable_when,
        Some(json!({ "or": [
            { "<": [{ "var": "answers.1_3" }, 1] }, { ">": [{ "var": "answers.1_3" }, 5] },
            { "!==": [{ "var": "answers.1_2" }, true] }, { "<=": [{ "var": "answers.1_3" }, -1] }
        ] }))
    );
    assert_eq!(
        item("1_4").options[1].score,
        Some(2.0),
        "iso21090-CO-value on the coding"
    );
    assert_eq!(
        item("1_5").options[1].score,
        Some(3.0),
        "ordinalValue in a contained expansion"
    );
    assert_eq!(f.scales.len(), 1);
    assert_eq!(f.scales[0].items, vec!["1_1", "1_4", "1_5"]);

    let cand = candidate_of(&q);
    let qr = json!({ "resourceType": "QuestionnaireResponse", "questionnaire": "http://example.org/Questionnaire/ew", "item": [
        { "linkId": "1.1", "answer": [{ "valueCoding": { "system": "http://example.org/yn", "code": "Y" } }] },
        { "linkId": "1.2", "answer": [{ "valueBoolean": true }] },
        { "linkId": "1.3", "answer": [{ "valueInteger": 3 }] },
        { "linkId": "1.4", "answer": [{ "valueCoding": { "system": "http://example.org/f", "code": "often" } }] },
        { "linkId": "1.5", "answer": [{ "valueCoding": { "system": "http://example.org/f", "code": "daily" } }] },
        { "linkId": "1.6", "answer": [{ "valueString": "shown only when 1.3 < 1 or > 5" }] },
        { "linkId": "total", "answer": [{ "valueDecimal": 6 }] }
    ]});
    let scored = score::score(&qr, &cand, &trygg::Response::default()).unwrap();
    assert_eq!(scored.outcome.scales[0].value, Some(6.0));
    assert_eq!(
        codes(&scored.problems),
        vec![("fhir.answer_for_hidden_item", "/item/5/answer")]
    );
}

#[test]
fn bad_fhir_input_gets_located_errors() {
    let e = import(&json!({ "resourceType": "Patient" })).unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("fhir.wrong_resource_type", "/resourceType")
    );

    let mut q = ew_questionnaire();
    q["item"][1].as_object_mut().unwrap().remove("linkId");
    q["item"][3]["enableWhen"][0]["answerCoding"]["code"] = json!("MAYBE");
    let imported = import(&q).unwrap();
    let got = codes(&imported.report.refused);
    assert!(
        got.contains(&("fhir.missing_link_id", "/item/1")),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "fhir.unknown_answer_code",
            "/item/3/enableWhen/0/answerCoding"
        )),
        "{got:?}"
    );

    let cand = candidate_of(&ew_questionnaire());
    let e = score::score(
        &json!({ "resourceType": "Questionnaire" }),
        &cand,
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, "fhir.wrong_resource_type");
    let qr = json!({ "resourceType": "QuestionnaireResponse", "item": [
        { "answer": [{ "valueBoolean": true }] },
        { "linkId": "1.1", "answer": [{ "valueCoding": { "system": "http://example.org/yn", "code": "MAYBE" } }] },
        { "linkId": "1.2", "answer": [{ "valueString": "yes" }] },
        { "linkId": "nope", "answer": [{ "valueBoolean": true }] }
    ]});
    let scored = score::score(&qr, &cand, &Default::default()).unwrap();
    assert_eq!(
        codes(&scored.problems),
        vec![
            ("fhir.missing_link_id", "/item/0"),
            ("fhir.unknown_answer_code", "/item/1/answer/0"),
            ("fhir.wrong_answer_type", "/item/2/answer/0"),
            ("fhir.unknown_link_id", "/item/3/linkId"),
        ]
    );
    assert_eq!(scored.outcome.completeness, trygg::Completeness::Invalid);
    let e = score::pick(
        Some("http://example.org/Questionnaire/other|1"),
        std::slice::from_ref(&cand),
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.path.as_str()),
        ("fhir.unknown_questionnaire", "/questionnaire")
    );
}

#[test]
fn the_bundle_links_offers_to_findings_and_holds_one_parent_only() {
    let form = shipped("trygg-start/10m/1.0.0.json");
    let def = form.def();
    let ex = def
        .examples
        .iter()
        .find(|e| {
            let o = trygg::evaluate(&form, &trygg::examples::response_of(e));
            !o.actions.is_empty() && o.offers.iter().any(|x| x.offer.kind() == "written-info")
        })
        .or_else(|| {
            def.examples.iter().find(|e| {
                !trygg::evaluate(&form, &trygg::examples::response_of(e))
                    .actions
                    .is_empty()
            })
        })
        .unwrap();
    let cand = Candidate::of_form(form.clone());
    let mut bundles = Vec::new();
    for parent in ["RelatedPerson/parent-1", "RelatedPerson/parent-2"] {
        let mut qr = score::to_questionnaire_response(def, &trygg::examples::response_of(ex));
        qr["source"] = json!({ "reference": parent });
        qr["subject"] = json!({ "reference": "Patient/child" });
        let base = trygg::Response {
            context: ex.context.clone(),
            respondent: ex.respondent.clone(),
            ..Default::default()
        };
        let scored = score::score(&qr, &cand, &base).unwrap();
        let b =
            serde_json::to_value(trygg_fhir::bundle::results_bundle(&qr, def, &scored)).unwrap();
        assert_eq!(b["type"], "transaction");
        let entries = b["entry"].as_array().unwrap();
        let urls: Vec<&str> = entries
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        // Every reference inside the Bundle resolves to one of its own entries or the child.
        let text = b.to_string();
        for r in text.split("\"reference\":\"").skip(1) {
            let r = &r[..r.find('"').unwrap()];
            assert!(
                urls.contains(&r) || r == "Patient/child" || r == parent,
                "{r}"
            );
        }
        let of = |ty: &str| {
            entries
                .iter()
                .filter(|e| e["resource"]["resourceType"] == ty)
                .collect::<Vec<_>>()
        };
        for sr in of("ServiceRequest") {
            assert_eq!(sr["resource"]["intent"], "proposal");
            // R4 has one performerType (a CodeableConcept), not a list.
            assert!(sr["resource"]
                .get("performerType")
                .is_none_or(|p| p.is_object()));
            for reason in sr["resource"]["reasonReference"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let target = entries
                    .iter()
                    .find(|e| e["fullUrl"] == reason["reference"])
                    .unwrap();
                assert_eq!(target["resource"]["resourceType"], "Observation");
            }
        }
        let tasks = of("Task");
        assert!(
            tasks.iter().any(|t| t["resource"]["priority"] == "stat"),
            "same-day contact is stat"
        );
        assert!(!of("CodeSystem").is_empty());
        bundles.push((urls.iter().map(|s| s.to_string()).collect::<Vec<_>>(), text));
    }
    // One parent's Bundle holds nothing of the other's.
    assert!(bundles[0]
        .0
        .iter()
        .all(|u| !bundles[1].1.contains(u.as_str())));
    assert!(!bundles[0].1.contains("parent-2") && !bundles[1].1.contains("parent-1"));
}

#[test]
fn a_private_offer_carries_the_restricted_label_and_no_other_does() {
    let form = shipped("trygg-start/6-8w/1.0.0.json");
    let def = form.def();
    let cand = Candidate::of_form(form.clone());
    let mut seen_private = 0;
    for ex in &def.examples {
        let outcome = trygg::evaluate(&form, &trygg::examples::response_of(ex));
        if !outcome.offers.iter().any(|o| o.private) {
            continue;
        }
        let mut qr = score::to_questionnaire_response(def, &trygg::examples::response_of(ex));
        qr["subject"] = json!({ "reference": "Patient/child" });
        let base = trygg::Response {
            context: ex.context.clone(),
            respondent: ex.respondent.clone(),
            ..Default::default()
        };
        let scored = score::score(&qr, &cand, &base).unwrap();
        let b =
            serde_json::to_value(trygg_fhir::bundle::results_bundle(&qr, def, &scored)).unwrap();
        let requests: Vec<&Value> = b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == "ServiceRequest")
            .collect();
        assert_eq!(requests.len(), outcome.offers.len());
        for (sr, offer) in requests.iter().zip(&outcome.offers) {
            let restricted = sr["meta"]["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|l| l["code"] == "R"));
            assert_eq!(restricted, offer.private, "{}", ex.name);
            seen_private += usize::from(offer.private);
        }
    }
    assert!(seen_private > 0, "no shipped example makes a private offer");
}

/// A published pair whose Questionnaire carries no scores, scored by the shipped form its
/// LOINC codes name.
fn score_published_by_shipped(stem: &str, shipped_rel: &str) -> (Candidate, score::Scored) {
    let q = fixture(&format!("{stem}-questionnaire.json"));
    let imported = import(&q).unwrap();
    assert!(!imported.has_scores, "{stem} publishes no scores");
    let cand = Candidate::of_import(
        q["url"].as_str().unwrap().into(),
        q["version"].as_str().unwrap_or_default().into(),
        imported,
        &[shipped(shipped_rel)],
    )
    .unwrap();
    let qr = fixture(&format!("{stem}-response.json"));
    let cands = [cand];
    let chosen = score::pick(qr["questionnaire"].as_str(), &cands).unwrap();
    let scored = score::score(&qr, chosen, &trygg::Response::default()).unwrap();
    let [cand] = cands;
    (cand, scored)
}

#[test]
fn hl7_phr_gad7_scores_to_its_published_total_with_the_shipped_form() {
    let (cand, scored) = score_published_by_shipped("hl7-phr-gad7", "gad-7/1.0.0.json");
    assert_eq!(cand.form.id(), "gad-7");
    assert_eq!(cand.mapping.items.len(), 7);
    assert!(scored.problems.is_empty(), "{:?}", scored.problems);
    // The IG's Observation ScoredAssessmentGAD7Example: 70274-6 = 3, "Minimal".
    let gad = scored.outcome.scale("gad7").unwrap();
    assert_eq!(gad.value, Some(3.0));
    assert_eq!(gad.band.as_deref(), Some("minimal"));
}

#[test]
fn hl7_phr_phq9_scores_to_its_published_total_with_the_shipped_form() {
    let (cand, scored) = score_published_by_shipped("hl7-phr-phq9", "phq-9/1.0.0.json");
    assert_eq!(cand.form.id(), "phq-9");
    assert_eq!(cand.mapping.items.len(), 9);
    assert!(scored.problems.is_empty(), "{:?}", scored.problems);
    // The IG's Observation ScoredAssessmentPHQ9Example: 44261-6 = 3, "Minimal".
    let phq = scored.outcome.scale("phq9").unwrap();
    assert_eq!(phq.value, Some(3.0));
    assert_eq!(phq.band.as_deref(), Some("minimal"));
}

#[test]
fn hl7_sdohcc_hunger_vital_sign_scores_at_risk_and_its_coded_risk_item_is_refused() {
    let q = fixture("hl7-sdohcc-hvs-questionnaire.json");
    let imported = import(&q).unwrap();
    // The risk item's iif() is not a sum of scores: refused, located, not dropped.
    assert_eq!(
        codes(&imported.report.refused),
        vec![("fhir.unsupported_expression", "/item/2/extension")]
    );
    assert!(imported.mapping.refused.contains("/88124-3"));
    let (cand, scored) =
        score_published_by_shipped("hl7-sdohcc-hvs", "hunger-vital-sign/1.0.0.json");
    assert_eq!(cand.form.id(), "hunger-vital-sign");
    assert_eq!(cand.mapping.items.len(), 2);
    // "Often true" twice: the IG's stored risk is LA19952-3 "At risk"; Trygg's band agrees.
    let hvs = scored.outcome.scale("hvs").unwrap();
    assert_eq!(hvs.value, Some(2.0));
    assert_eq!(hvs.band.as_deref(), Some("positive"));
    assert!(scored
        .outcome
        .findings
        .iter()
        .any(|f| f.id == "food_insecurity"));
    // The stored risk answer is reported as the refused item's, not as an unknown linkId.
    assert_eq!(
        codes(&scored.problems),
        vec![("fhir.refused_item", "/item/2")]
    );
}

/// Found by the `fhir_entry` fuzz target (2026-12-06): a response whose `questionnaire`
/// canonical is long (here a Trygg URL with 1,000 characters of junk for the version) was
/// refused with the whole canonical in the message. Messages quote at most a short excerpt
/// of any input value (`trygg::input::quote`), on every path: the canonical matched to a
/// loaded form, a linkId no item has, and a Questionnaire passed with the call.
#[test]
fn long_input_values_are_quoted_short_in_messages() {
    let registry = {
        let mut r = trygg::Registry::new();
        r.insert(shipped("hunger-vital-sign/1.0.0.json")).unwrap();
        r
    };
    let junk = "x".repeat(1000);
    // A message quotes up to three input values, each cut at MAX_EXCERPT.
    let limit = 60 + 3 * trygg::input::MAX_EXCERPT;
    let check = |e: &trygg::Error| {
        assert!(
            e.message.chars().count() <= limit,
            "{}: a message of {} characters",
            e.code,
            e.message.chars().count()
        );
        assert!(e.message.contains('…'), "{}: {}", e.code, e.message);
    };
    for canonical in [
        format!(
            "{}/Questionnaire/hunger-vital-sign|{junk}",
            trygg_fhir::BASE
        ),
        format!("{}/Questionnaire/{junk}", trygg_fhir::BASE),
        format!("https://example.org/Questionnaire/{junk}"),
    ] {
        let qr = json!({ "resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": canonical, "item": [] });
        let e = trygg_fhir::api::score_json(&qr.to_string(), "", &registry).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            ("fhir.unknown_questionnaire", "/questionnaire")
        );
        check(&e);
    }
    let cand = candidate_of(&ew_questionnaire());
    let qr = json!({ "resourceType": "QuestionnaireResponse", "item": [
        { "linkId": junk, "answer": [{ "valueBoolean": true }] }
    ]});
    let scored = score::score(&qr, &cand, &Default::default()).unwrap();
    assert_eq!(
        codes(&scored.problems),
        vec![("fhir.unknown_link_id", "/item/0/linkId")]
    );
    check(&scored.problems[0]);
    // Found by the fhir_entry fuzz target: a long resourceType echoed whole (677 and 6,293
    // characters), and serde's "invalid type: string …" quoting a long value whole.
    for (text, code, path) in [
        (
            json!({ "resourceType": junk }).to_string(),
            "fhir.wrong_resource_type",
            "/resourceType",
        ),
        (
            json!({ "resourceType": "QuestionnaireResponse", "item": junk }).to_string(),
            "fhir.malformed",
            "",
        ),
    ] {
        let e = trygg_fhir::api::score_json(&text, "", &registry).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path));
        check(&e);
    }
    let e = trygg_fhir::api::import_json(&json!({ "resourceType": junk }).to_string()).unwrap_err();
    assert_eq!(e.code, "fhir.wrong_resource_type");
    check(&e);
    // Found by abi_entry: a refused calculatedExpression quoted whole (870 characters).
    let mut q = ew_questionnaire();
    q["item"][7]["extension"][0]["valueExpression"]["expression"] =
        json!(format!("iif(%a > 0, 10, 0) + %{junk}"));
    q["item"][6]["extension"][0]["valueExpression"]["expression"] = json!(format!("%{junk} + %a"));
    let imported = import(&q).unwrap();
    assert_eq!(
        codes(&imported.report.refused),
        vec![
            ("fhir.unsupported_expression", "/item/6/extension"),
            ("fhir.unsupported_expression", "/item/7/extension")
        ]
    );
    imported.report.refused.iter().for_each(check);
    // An answer coded in a long system is not an option: the system is quoted short.
    let qr = json!({ "resourceType": "QuestionnaireResponse", "item": [
        { "linkId": "1.1", "answer": [{ "valueCoding": { "system": junk, "code": junk } }] }
    ]});
    let scored =
        score::score(&qr, &candidate_of(&ew_questionnaire()), &Default::default()).unwrap();
    assert!(!scored.problems.is_empty());
    scored.problems.iter().for_each(check);
}
