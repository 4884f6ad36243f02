//! An enrolled family's extended home-visiting programme (`docs/programmes.md`) as a FHIR
//! R4 `CarePlan`, beside the results Bundle: one activity per planned programme visit.
//!
//! - `instantiatesCanonical`: the programme, as the canonical URL of a PlanDefinition
//!   (`…/PlanDefinition/<id>|<version>`). R4's `CarePlan.basedOn` may only reference another
//!   CarePlan, so "based on the programme" is said by `instantiatesCanonical`, the element
//!   R4 gives a protocol a plan follows.
//! - `activity.detail`: kind `Appointment`, code `visit.<id>` in the programme's CodeSystem,
//!   the visit's title, `scheduledPeriod` from the due window's dates (else
//!   `scheduledString` with the child's ages), the status from the plan (`done` →
//!   `completed`, `due`/`upcoming` → `not-started`, `missed` → `unknown` with the reason),
//!   and the performers by profession: a contained `PractitionerRole` per profession
//!   (code in Trygg's profession CodeSystem), referenced as `#role-<profession>`.
//! - `created` is the evaluation's reference date: no clock, so the same input gives the
//!   same bytes.
//!
//! Only for an eligible family (the offer of enrolment was made): a plan of a family the
//! programme does not offer is `fhir.not_eligible`.

use crate::*;
use serde_json::{json, Map, Value};
use trygg::programme::plan::{Evaluation, PlanEntry};
use trygg::programme::{CompiledProgramme, Profession};

/// Trygg's CodeSystem of the professions that attend programme visits.
pub fn profession_system() -> String {
    format!("{BASE}/CodeSystem/profession")
}

/// The canonical URL of a programme (as a PlanDefinition).
pub fn programme_url(id: &str) -> String {
    format!("{BASE}/PlanDefinition/{id}")
}

/// The CodeSystem of a programme's visits.
pub fn programme_code_system(id: &str) -> String {
    format!("{BASE}/CodeSystem/programme-{id}")
}

fn profession_code(p: Profession) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn profession_display(p: Profession) -> &'static str {
    match p {
        Profession::Nurse => "Child health centre (BVC) nurse",
        Profession::ParentAdviser => "Parent adviser, preventive social services",
        Profession::DentalCare => "Dental care",
        Profession::BridgeBuilder => "Bridge-builder (community link worker)",
        Profession::PreschoolPedagogue => "Pre-school pedagogue",
        Profession::Midwife => "Midwife",
        Profession::Interpreter => "Interpreter",
    }
}

fn text_in(l: &trygg::programme::Localized, locale: &str) -> Option<String> {
    l.get(locale).or_else(|| l.values().next()).cloned()
}

/// The CarePlan of one family's programme evaluation (JSON value). `subject`: a reference to
/// the child (e.g. `Patient/123`); without it the plan names the child in words only.
/// Errors: `fhir.not_eligible` when the evaluation makes no offer of enrolment.
pub fn care_plan(
    programme: &CompiledProgramme,
    evaluation: &Evaluation,
    subject: Option<&str>,
) -> Result<Value, Error> {
    if !evaluation.eligible || evaluation.offer.is_none() {
        return Err(Error::new(
            "fhir.not_eligible",
            "",
            format!(
                "the family is not offered programme {}@{}: there is no plan to write",
                programme.id(),
                programme.version()
            ),
        ));
    }
    let def = programme.def();
    let locale = def.locales.first().map(String::as_str).unwrap_or("sv");
    let mut roles: Vec<Profession> = Vec::new();
    let mut activities = Vec::new();
    for entry in &evaluation.plan {
        let PlanEntry::Visit {
            id,
            title,
            professions,
            joint,
            window,
            status,
            done,
        } = entry
        else {
            continue;
        };
        let mut detail = Map::new();
        detail.insert("kind".into(), json!("Appointment"));
        let title = text_in(title, locale);
        detail.insert(
            "code".into(),
            json!({
                "coding": [{ "system": programme_code_system(&def.id), "code": format!("visit.{id}"), "display": title }],
                "text": title,
            }),
        );
        let (fhir_status, reason) = match status.as_deref() {
            Some("done") => ("completed", None),
            Some("missed") => (
                "unknown",
                Some("the due window passed without a recorded visit"),
            ),
            _ => ("not-started", None),
        };
        detail.insert("status".into(), json!(fhir_status));
        if let Some(r) = reason {
            detail.insert("statusReason".into(), json!({ "text": r }));
        }
        match (&window.from_date, &window.to_date) {
            (Some(from), Some(to)) => {
                detail.insert(
                    "scheduledPeriod".into(),
                    json!({ "start": from, "end": to }),
                );
            }
            _ => {
                detail.insert(
                    "scheduledString".into(),
                    json!(format!(
                        "child's age {}–{} days",
                        window.from_age_days, window.to_age_days
                    )),
                );
            }
        }
        let performers: Vec<Value> = professions
            .iter()
            .map(|p| {
                if !roles.contains(p) {
                    roles.push(*p);
                }
                json!({ "reference": format!("#role-{}", profession_code(*p)), "display": profession_display(*p) })
            })
            .collect();
        detail.insert("performer".into(), Value::Array(performers));
        let mut description = String::from(if *joint {
            "Joint home visit with the preventive social services"
        } else {
            "Home visit"
        });
        if let Some(d) = done {
            description.push_str(&format!("; made: {}", trygg::to_canonical_string(d)));
        }
        detail.insert("description".into(), json!(description));
        activities.push(json!({ "detail": Value::Object(detail) }));
    }
    let contained: Vec<Value> = roles
        .iter()
        .map(|p| {
            json!({
                "resourceType": "PractitionerRole",
                "id": format!("role-{}", profession_code(*p)),
                "active": true,
                "code": [{
                    "coding": [{ "system": profession_system(), "code": profession_code(*p), "display": profession_display(*p) }],
                    "text": profession_display(*p),
                }],
            })
        })
        .collect();
    let subject = match subject {
        Some(r) => json!({ "reference": r }),
        None => json!({ "display": "the child (not named in the input)" }),
    };
    let mut plan = Map::new();
    plan.insert("resourceType".into(), json!("CarePlan"));
    if !contained.is_empty() {
        plan.insert("contained".into(), Value::Array(contained));
    }
    plan.insert(
        "instantiatesCanonical".into(),
        json!([format!("{}|{}", programme_url(&def.id), def.version)]),
    );
    plan.insert("status".into(), json!("active"));
    plan.insert("intent".into(), json!("plan"));
    plan.insert(
        "category".into(),
        json!([{ "coding": [{ "system": TRYGG_CODES, "code": "offer.programme-enrolment", "display": "Enrolment in an extended home-visiting programme" }] }]),
    );
    if let Some(t) = text_in(&def.title, locale) {
        plan.insert("title".into(), json!(t));
    }
    if let Some(reason) = text_in(&evaluation.reason, locale) {
        plan.insert("description".into(), json!(reason));
    }
    plan.insert("subject".into(), subject);
    if let Some(d) = &evaluation.reference_date {
        plan.insert("created".into(), json!(d));
    }
    let dates: Vec<&String> = evaluation
        .plan
        .iter()
        .filter_map(|e| match e {
            PlanEntry::Visit { window, .. } => {
                window.from_date.as_ref().zip(window.to_date.as_ref())
            }
            _ => None,
        })
        .flat_map(|(a, b)| [a, b])
        .collect();
    if let (Some(start), Some(end)) = (dates.iter().min(), dates.iter().max()) {
        plan.insert("period".into(), json!({ "start": start, "end": end }));
    }
    plan.insert("activity".into(), Value::Array(activities));
    Ok(Value::Object(plan))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn rinkeby() -> CompiledProgramme {
        let path = format!(
            "{}/../programmes/rinkeby-model/1.0.0.json",
            env!("CARGO_MANIFEST_DIR")
        );
        trygg::programme::load_programme(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn evaluate(p: &CompiledProgramme, input: Value) -> Evaluation {
        let input = trygg::programme::plan::input_from_value(&input).unwrap();
        trygg::programme::evaluate_programme(p, &input, &trygg::Registry::default()).unwrap()
    }

    #[test]
    fn an_enrolled_family_gets_one_activity_per_visit() {
        let p = rinkeby();
        let e = evaluate(
            &p,
            json!({ "referenceDate": "2026-04-01", "family": { "firstChild": true, "area": "RK-01" },
                "child": { "birthDate": "2026-01-15", "ageDaysAtFirstContact": 9 } }),
        );
        let plan = care_plan(&p, &e, Some("Patient/child-1")).unwrap();
        assert_eq!(
            plan["activity"].as_array().unwrap().len(),
            p.def().visits.len()
        );
        assert_eq!(
            plan["instantiatesCanonical"][0],
            format!("{}|1.0.0", programme_url("rinkeby-model"))
        );
        assert_eq!(plan["subject"]["reference"], "Patient/child-1");
        assert_eq!(plan["created"], "2026-04-01");
        let first = &plan["activity"][0]["detail"];
        assert!(first["scheduledPeriod"]["start"].is_string(), "{first}");
        let roles: Vec<&str> = plan["contained"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        for perf in first["performer"].as_array().unwrap() {
            let r = perf["reference"].as_str().unwrap().trim_start_matches('#');
            assert!(roles.contains(&r), "{r} not contained");
        }
        assert_eq!(
            care_plan(&p, &e, None).unwrap(),
            care_plan(&p, &e, None).unwrap()
        );
    }

    #[test]
    fn a_family_not_offered_has_no_plan() {
        let p = rinkeby();
        let e = evaluate(
            &p,
            json!({ "referenceDate": "2026-04-01", "family": { "firstChild": false, "firstChildInSweden": false, "area": "RK-01" },
                "child": { "birthDate": "2026-01-15", "ageDaysAtFirstContact": 9 } }),
        );
        assert!(!e.eligible);
        assert_eq!(
            care_plan(&p, &e, None).unwrap_err().code,
            "fhir.not_eligible"
        );
    }
}
