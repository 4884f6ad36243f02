//! One scored response → a FHIR transaction Bundle (Gravity SDOH pattern: Observation →
//! ServiceRequest → Task).
//!
//! - an Observation per scale (US Core Screening Assessment: category `survey`, the scale's
//!   LOINC code, value in `{score}`, interpretation from the cut-off, `derivedFrom` the
//!   QuestionnaireResponse);
//! - an Observation per finding;
//! - a ServiceRequest (`intent: proposal`) per offer, `reasonReference` its findings;
//! - a Task for written information (focus: its ServiceRequest) and one per urgent action
//!   (`priority: stat` for same-day contact);
//! - the CodeSystems of the form's findings and scales and of Trygg's offers and actions
//!   (conditional creates).
//!
//! The Bundle is built from one response's outcome only: one parent's Bundle holds nothing
//! of the other parent's. Entry ids are `urn:uuid:`s derived from the response's content,
//! so the same response gives the same bytes.

use crate::score::Scored;
use crate::types::{
    Bundle, BundleEntry, BundleRequest, CodeSystem, CodeableConcept, Coding, Concept, Observation,
    Quantity, Reference, ServiceRequest, Task,
};
use crate::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use trygg::model::{Action, FormDef, Offer, ReferralTo, Severity, Text};
use trygg::outcome::Handling;

/// US Core Screening Assessment Observation.
pub const PROFILE_SCREENING: &str =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment";
/// Gravity SDOH Clinical Care ServiceRequest.
pub const PROFILE_SERVICE_REQUEST: &str =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest";
/// Gravity SDOH Clinical Care Task for referral management.
pub const PROFILE_TASK: &str =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement";
const OBS_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const INTERPRETATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
const TASK_CODE: &str = "http://hl7.org/fhir/CodeSystem/task-code";

/// The code of an offer in [`TRYGG_CODES`].
pub fn offer_code(offer: &Offer) -> String {
    match offer {
        Offer::BvcTalk { social_services } => {
            format!(
                "offer.bvc-talk{}",
                if *social_services {
                    ".social-services"
                } else {
                    ""
                }
            )
        }
        Offer::HomeVisit { social_services } => format!(
            "offer.home-visit{}",
            if *social_services {
                ".social-services"
            } else {
                ""
            }
        ),
        Offer::Referral { to } => format!("offer.referral.{}", kebab(to)),
        Offer::WrittenInfo { .. } => "offer.written-info".into(),
        _ => format!("offer.{}", offer.kind()),
    }
}

fn kebab<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Trygg's CodeSystem of offers, referral targets and urgent actions.
pub fn trygg_code_system() -> CodeSystem {
    let mut concept = Vec::new();
    let c = |code: String, display: &str| Concept {
        code,
        display: Some(display.to_string()),
        definition: None,
    };
    for ss in [false, true] {
        let with = if ss {
            " together with social services"
        } else {
            ""
        };
        concept.push(c(
            offer_code(&Offer::BvcTalk {
                social_services: ss,
            }),
            &format!("Talk at the child health centre{with}"),
        ));
        concept.push(c(
            offer_code(&Offer::HomeVisit {
                social_services: ss,
            }),
            &format!("Home visit{with}"),
        ));
    }
    for to in [
        ReferralTo::AdultPsychiatry,
        ReferralTo::AddictionCare,
        ReferralTo::EconomicSupport,
        ReferralTo::WomensShelter,
        ReferralTo::VoluntaryOrganisation,
        ReferralTo::SocialServices,
        ReferralTo::ChildPsychiatry,
        ReferralTo::FamilyCounselling,
    ] {
        concept.push(c(
            offer_code(&Offer::Referral { to }),
            &format!("Referral to {}", kebab(&to).replace('-', " ")),
        ));
    }
    concept.push(c(
        offer_code(&Offer::WrittenInfo {
            topic: String::new(),
        }),
        "Written information",
    ));
    for a in [Action::SameDayContact, Action::ConsiderReportOfConcern] {
        concept.push(c(
            format!("action.{}", kebab(&a)),
            &kebab(&a).replace('-', " "),
        ));
    }
    CodeSystem {
        resource_type: "CodeSystem".into(),
        url: TRYGG_CODES.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        name: "TryggCodes".into(),
        status: "active".into(),
        content: "complete".into(),
        concept,
        extra: Default::default(),
    }
}

fn default_text(t: Option<&Text>, locale: &str) -> Option<String> {
    match t? {
        Text::Localized(m) => m.get(locale).cloned(),
        Text::Key { .. } => None,
    }
}

/// A form's CodeSystem of findings (`finding.<id>`) and scales (`scale.<id>`).
pub fn form_code_system(form: &FormDef) -> CodeSystem {
    let locale = form.locales.first().map(String::as_str).unwrap_or("en");
    let mut concept = Vec::new();
    for s in &form.scales {
        concept.push(Concept {
            code: format!("scale.{}", s.id),
            display: default_text(s.title.as_ref(), locale).or_else(|| Some(s.id.clone())),
            definition: None,
        });
    }
    for f in &form.findings {
        concept.push(Concept {
            code: format!("finding.{}", f.id),
            display: default_text(f.title.as_ref(), locale).or_else(|| Some(f.id.clone())),
            definition: Some(format!("{} ({})", f.domain, kebab(&f.severity))),
        });
    }
    let mut name = String::from("Trygg");
    for part in form.id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    CodeSystem {
        resource_type: "CodeSystem".into(),
        url: code_system_url(&form.id),
        version: form.version.clone(),
        name,
        status: "active".into(),
        content: "complete".into(),
        concept,
        extra: Default::default(),
    }
}

/// A deterministic `urn:uuid:` from the response and a key.
fn uuid(seed: &str, key: &str) -> String {
    let h = trygg::content_hash(&json!([seed, key]));
    let hex: String = h.trim_start_matches("sha256:").chars().take(32).collect();
    let g = |a: usize, b: usize| hex.get(a..b).unwrap_or("0").to_string();
    format!(
        "urn:uuid:{}-{}-5{}-8{}-{}",
        g(0, 8),
        g(8, 12),
        g(13, 16),
        g(17, 20),
        g(20, 32)
    )
}

fn survey() -> CodeableConcept {
    CodeableConcept::of(Coding::new(OBS_CATEGORY, "survey", Some("Survey".into())))
}

fn meta(profile: &str) -> Option<Value> {
    Some(json!({ "profile": [profile] }))
}

/// An offer held with this parent alone (`"private": true`): the security label
/// `v3-Confidentiality#R` (restricted), so a journal shows it to the clinician and never in a
/// view the other parent can reach; the offer is never merged with another parent's.
fn private_meta(profile: &str) -> Option<Value> {
    Some(json!({
        "profile": [profile],
        "security": [{
            "system": CONFIDENTIALITY,
            "code": "R",
            "display": "restricted"
        }]
    }))
}

/// HL7 v3 Confidentiality codes (`meta.security`).
pub const CONFIDENTIALITY: &str = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

fn entry(full_url: &str, resource: Value, ty: &str) -> BundleEntry {
    BundleEntry {
        full_url: Some(full_url.to_string()),
        resource: Some(resource),
        request: Some(BundleRequest {
            method: "POST".into(),
            url: ty.into(),
            if_none_exist: None,
        }),
        extra: Default::default(),
    }
}

/// The results of one scored response as a transaction Bundle.
pub fn results_bundle(qr: &Value, form: &FormDef, scored: &Scored) -> Bundle {
    let seed = trygg::content_hash(qr);
    let outcome = &scored.outcome;
    let locale = form.locales.first().map(String::as_str).unwrap_or("en");
    let get_ref = |k: &str| -> Option<Reference> {
        qr.get(k)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
    };
    let subject = get_ref("subject").unwrap_or_else(|| Reference {
        display: Some("the child (not named in the response)".into()),
        ..Default::default()
    });
    let performer: Vec<Reference> = get_ref("source")
        .or_else(|| get_ref("author"))
        .into_iter()
        .collect();
    let authored = qr.get("authored").and_then(Value::as_str).map(String::from);
    let mut entries = Vec::new();
    let qr_ref = match qr.get("id").and_then(Value::as_str) {
        Some(id) => Reference::to(&format!("QuestionnaireResponse/{id}")),
        None => {
            let u = uuid(&seed, "questionnaire-response");
            entries.push(entry(&u, qr.clone(), "QuestionnaireResponse"));
            Reference::to(&u)
        }
    };

    // Scales.
    let mut scale_refs: BTreeMap<String, String> = BTreeMap::new();
    for s in &outcome.scales {
        let Some(def) = form.scales.iter().find(|d| d.id == s.id) else {
            continue;
        };
        let u = uuid(&seed, &format!("scale.{}", s.id));
        let display = default_text(def.title.as_ref(), locale);
        let code = match &def.code {
            Some(c) => CodeableConcept::of(Coding::new(LOINC, c, display)),
            None => CodeableConcept::of(Coding::new(
                &code_system_url(&form.id),
                &format!("scale.{}", s.id),
                display,
            )),
        };
        let mut obs = Observation {
            resource_type: "Observation".into(),
            meta: meta(PROFILE_SCREENING),
            status: "final".into(),
            category: vec![survey()],
            code,
            subject: Some(subject.clone()),
            effective_date_time: authored.clone(),
            performer: performer.clone(),
            derived_from: vec![qr_ref.clone()],
            ..Default::default()
        };
        match s.value {
            Some(v) => {
                obs.value_quantity = Some(Quantity {
                    value: Some(v),
                    unit: Some("{score}".into()),
                    system: Some(UCUM.into()),
                    code: Some("{score}".into()),
                    extra: Default::default(),
                })
            }
            None => {
                let code = if s.handling == Handling::NotApplicable {
                    "not-applicable"
                } else {
                    "unknown"
                };
                obs.data_absent_reason =
                    Some(CodeableConcept::of(Coding::new(DATA_ABSENT, code, None)));
            }
        }
        // The band: a coded interpretation when the band has a code, else the text of
        // the cut-off interpretation (or on its own).
        let band_code = s
            .band
            .as_ref()
            .and_then(|b| def.bands.iter().find(|d| &d.id == b))
            .and_then(|b| b.code.clone());
        let band_text = s.band.as_ref().map(|b| format!("band {b}"));
        if let Some(code) = &band_code {
            let mut concept = CodeableConcept::of(Coding::new(LOINC, code, None));
            concept.text = band_text.clone();
            obs.interpretation.push(concept);
        }
        let loose_band = if band_code.is_none() { band_text } else { None };
        if let Some(reached) = s.cutoff.as_ref().and_then(|c| c.reached) {
            let (code, display) = if reached {
                ("POS", "Positive")
            } else {
                ("NEG", "Negative")
            };
            let mut concept =
                CodeableConcept::of(Coding::new(INTERPRETATION, code, Some(display.into())));
            concept.text = loose_band;
            obs.interpretation.push(concept);
        } else if let Some(text) = loose_band {
            obs.interpretation.push(CodeableConcept {
                text: Some(text),
                ..Default::default()
            });
        }
        scale_refs.insert(format!("scales.{}", s.id), u.clone());
        entries.push(entry(
            &u,
            serde_json::to_value(&obs).unwrap_or_default(),
            "Observation",
        ));
    }

    // Findings.
    let mut finding_refs: BTreeMap<String, String> = BTreeMap::new();
    for f in &outcome.findings {
        let def = form.findings.iter().find(|d| d.id == f.id);
        let u = uuid(&seed, &format!("finding.{}", f.id));
        let mut derived = vec![qr_ref.clone()];
        for key in f.because.read.keys() {
            if let Some(r) = scale_refs.get(key) {
                derived.push(Reference::to(r));
            }
        }
        let mut obs = Observation {
            resource_type: "Observation".into(),
            meta: meta(PROFILE_SCREENING),
            status: "final".into(),
            category: vec![
                survey(),
                CodeableConcept {
                    text: Some(f.domain.clone()),
                    ..Default::default()
                },
            ],
            code: CodeableConcept::of(Coding::new(
                &code_system_url(&form.id),
                &format!("finding.{}", f.id),
                default_text(def.and_then(|d| d.title.as_ref()), locale),
            )),
            subject: Some(subject.clone()),
            effective_date_time: authored.clone(),
            performer: performer.clone(),
            interpretation: vec![CodeableConcept::of(Coding::new(
                INTERPRETATION,
                if f.severity == Severity::Urgent {
                    "AA"
                } else {
                    "POS"
                },
                Some(
                    if f.severity == Severity::Urgent {
                        "Critical abnormal"
                    } else {
                        "Positive"
                    }
                    .into(),
                ),
            ))],
            derived_from: derived,
            ..Default::default()
        };
        obs.extra.insert("valueBoolean".into(), Value::Bool(true));
        finding_refs.insert(f.id.clone(), u.clone());
        entries.push(entry(
            &u,
            serde_json::to_value(&obs).unwrap_or_default(),
            "Observation",
        ));
    }
    let reasons = |rules: &[trygg::outcome::RuleFired]| -> Vec<Reference> {
        let mut out: Vec<Reference> = Vec::new();
        for r in rules {
            for f in &r.findings {
                if let Some(u) = finding_refs.get(f) {
                    if !out.iter().any(|x| x.reference.as_deref() == Some(u)) {
                        out.push(Reference::to(u));
                    }
                }
            }
        }
        out
    };

    // Offers → ServiceRequests (and a Task for written information).
    for (k, o) in outcome.offers.iter().enumerate() {
        let code = offer_code(&o.offer);
        let u = uuid(&seed, &format!("offer.{k}.{code}"));
        let mut sr = ServiceRequest {
            resource_type: "ServiceRequest".into(),
            meta: if o.private {
                private_meta(PROFILE_SERVICE_REQUEST)
            } else {
                meta(PROFILE_SERVICE_REQUEST)
            },
            status: "draft".into(),
            intent: "proposal".into(),
            code: CodeableConcept::of(Coding::new(TRYGG_CODES, &code, None)),
            subject: subject.clone(),
            authored_on: authored.clone(),
            reason_reference: reasons(&o.because),
            supporting_info: vec![qr_ref.clone()],
            ..Default::default()
        };
        match &o.offer {
            Offer::Referral { to } => {
                sr.performer_type = Some(CodeableConcept {
                    text: Some(kebab(to)),
                    ..Default::default()
                })
            }
            Offer::WrittenInfo { topic } => sr.order_detail.push(CodeableConcept {
                text: Some(topic.clone()),
                ..Default::default()
            }),
            _ => {}
        }
        entries.push(entry(
            &u,
            serde_json::to_value(&sr).unwrap_or_default(),
            "ServiceRequest",
        ));
        if matches!(o.offer, Offer::WrittenInfo { .. }) {
            let t = Task {
                resource_type: "Task".into(),
                meta: meta(PROFILE_TASK),
                status: "requested".into(),
                intent: "order".into(),
                priority: Some("routine".into()),
                code: Some(CodeableConcept::of(Coding::new(
                    TASK_CODE,
                    "fulfill",
                    Some("Fulfill the focal request".into()),
                ))),
                focus: Some(Reference::to(&u)),
                for_: Some(subject.clone()),
                authored_on: authored.clone(),
                reason_reference: reasons(&o.because).into_iter().next(),
                extra: Default::default(),
            };
            let tu = uuid(&seed, &format!("task.offer.{k}"));
            entries.push(entry(
                &tu,
                serde_json::to_value(&t).unwrap_or_default(),
                "Task",
            ));
        }
    }

    // Urgent actions → Tasks.
    for a in &outcome.actions {
        let code = format!("action.{}", kebab(&a.action));
        let t = Task {
            resource_type: "Task".into(),
            meta: None,
            status: "requested".into(),
            intent: "proposal".into(),
            priority: Some(match a.action {
                Action::SameDayContact => "stat".into(),
                _ => "urgent".into(),
            }),
            code: Some(CodeableConcept::of(Coding::new(TRYGG_CODES, &code, None))),
            focus: None,
            for_: Some(subject.clone()),
            authored_on: authored.clone(),
            reason_reference: reasons(&a.because).into_iter().next(),
            extra: Default::default(),
        };
        let u = uuid(&seed, &code);
        entries.push(entry(
            &u,
            serde_json::to_value(&t).unwrap_or_default(),
            "Task",
        ));
    }

    // CodeSystems (created once).
    for cs in [form_code_system(form), trygg_code_system()] {
        let u = uuid(&seed, &cs.url);
        let mut e = entry(
            &u,
            serde_json::to_value(&cs).unwrap_or_default(),
            "CodeSystem",
        );
        if let Some(r) = &mut e.request {
            r.if_none_exist = Some(format!("url={}&version={}", cs.url, cs.version));
        }
        entries.push(e);
    }

    Bundle {
        resource_type: "Bundle".into(),
        kind: "transaction".into(),
        entry: entries,
        extra: Default::default(),
    }
}
