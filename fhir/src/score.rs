//! A QuestionnaireResponse → a Trygg response → an outcome.
//!
//! The form is found by the response's `questionnaire` canonical (`url|version`) among the
//! candidates (shipped forms, imported Questionnaires); a Questionnaire without scores is
//! scored by the shipped form whose item LOINC codes it shares. Every R4 answer type is
//! read, nested items included; "declined" answers (`asked-declined`, LA15775-2) become
//! declined answers. Totals stored in the response are never inputs: they are compared with
//! Trygg's values and a difference is a located problem.

use crate::import::{Imported, Mapping};
use crate::types::{find_ext, QrAnswer, QrItem, QuestionnaireResponse};
use crate::*;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use trygg::input::quote;
use trygg::model::{FormDef, ItemType, Response};
use trygg::{CompiledForm, Outcome};

/// LOINC "Don't know / refused".
pub const LOINC_REFUSED: &str = "LA15775-2";

/// A form a response can be scored with.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Questionnaire canonical URL.
    pub url: String,
    /// Questionnaire version.
    pub version: String,
    /// The form.
    pub form: CompiledForm,
    /// linkIds and codings → items and options.
    pub mapping: Mapping,
}

impl Candidate {
    /// A Trygg form, as its own export names it.
    pub fn of_form(form: CompiledForm) -> Self {
        Candidate {
            url: questionnaire_url(form.id()),
            version: form.version().to_string(),
            mapping: Mapping::of_form(form.def()),
            form,
        }
    }

    /// An imported Questionnaire: scored by itself when it has scores, else by the shipped
    /// form whose item LOINC codes it shares.
    pub fn of_import(
        url: String,
        version: String,
        imported: Imported,
        shipped: &[CompiledForm],
    ) -> Result<Self, Vec<Error>> {
        if imported.has_scores || imported.form.scales.is_empty() && shipped.is_empty() {
            let form = imported.compiled?;
            return Ok(Candidate {
                url,
                version,
                form,
                mapping: imported.mapping,
            });
        }
        match match_by_codes(&imported, shipped) {
            Some((form, mapping)) => Ok(Candidate {
                url,
                version,
                form: form.clone(),
                mapping,
            }),
            None => Err(vec![Error::new(
                "fhir.no_scores",
                "/item",
                "the Questionnaire has no scores and its LOINC codes match no shipped form",
            )]),
        }
    }
}

/// The shipped form sharing most item LOINC codes with an imported Questionnaire (at least
/// half of the form's coded items), and the mapping of the Questionnaire's linkIds to it.
pub fn match_by_codes<'a>(
    imported: &Imported,
    shipped: &'a [CompiledForm],
) -> Option<(&'a CompiledForm, Mapping)> {
    let mut best: Option<(f64, &CompiledForm, Mapping)> = None;
    for form in shipped {
        let def = form.def();
        let coded: Vec<_> = def
            .items
            .iter()
            .filter(|i| i.code.is_some() && i.kind != ItemType::Display)
            .collect();
        if coded.is_empty() {
            continue;
        }
        let mut mapping = Mapping::of_form(def);
        mapping.items.clear();
        // What the import refused stays refused: its answers are reported as such.
        mapping.refused = imported.mapping.refused.clone();
        let mut matched = 0usize;
        for (link, id) in &imported.mapping.items {
            let code = imported
                .form
                .items
                .iter()
                .find(|i| &i.id == id)
                .and_then(|i| i.code.as_ref());
            if let Some(target) =
                code.and_then(|c| coded.iter().find(|i| i.code.as_ref() == Some(c)))
            {
                mapping.items.insert(link.clone(), target.id.clone());
                matched += 1;
            }
        }
        let mut coverage = matched as f64 / coded.len() as f64;
        if def.code.is_some() && def.code == imported.form.code {
            coverage += 1.0; // the same panel
        }
        if coverage >= 0.5 && best.as_ref().is_none_or(|b| coverage > b.0) {
            best = Some((coverage, form, mapping));
        }
    }
    best.map(|(_, f, m)| (f, m))
}

/// Pick the candidate a response's `questionnaire` canonical names.
pub fn pick<'a>(
    canonical: Option<&str>,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate, Error> {
    let Some(canonical) = canonical else {
        return match candidates {
            [one] => Ok(one),
            _ => Err(Error::new(
                "fhir.unknown_questionnaire",
                "/questionnaire",
                "the response names no questionnaire",
            )),
        };
    };
    let (url, version) = match canonical.split_once('|') {
        Some((u, v)) => (u, Some(v)),
        None => (canonical, None),
    };
    candidates
        .iter()
        .filter(|c| c.url == url && version.is_none_or(|v| v == c.version))
        .max_by(|a, b| semver_key(&a.version).cmp(&semver_key(&b.version)))
        .ok_or_else(|| {
            Error::new(
                "fhir.unknown_questionnaire",
                "/questionnaire",
                format!(
                    "no known Questionnaire `{canonical}`",
                    canonical = quote(canonical)
                ),
            )
        })
}

fn semver_key(v: &str) -> Vec<u64> {
    v.split(['-', '+'])
        .next()
        .unwrap_or_default()
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .collect()
}

/// A total stored in the response.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stored {
    /// Scale id.
    pub scale: String,
    /// The stored value.
    pub value: f64,
    /// JSON pointer into the response.
    pub path: String,
}

/// A response read from FHIR.
#[derive(Debug, Clone)]
pub struct Read {
    /// The Trygg response.
    pub response: Response,
    /// Stored totals.
    pub stored: Vec<Stored>,
    /// Located problems in the FHIR response.
    pub problems: Vec<Error>,
    /// Item id → the pointer of its answer.
    pub pointers: BTreeMap<String, String>,
}

/// A scored response.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The outcome.
    pub outcome: Outcome,
    /// Problems with the FHIR response (unknown codes, hidden answers, stored totals that
    /// differ from Trygg's), located by JSON pointer into it.
    pub problems: Vec<Error>,
    /// Stored totals as read.
    pub stored: Vec<Stored>,
}

impl Scored {
    /// As JSON.
    pub fn to_value(&self) -> Value {
        json!({
            "outcome": self.outcome.to_value(),
            "problems": problems_json(&self.problems),
            "stored": self.stored,
        })
    }
}

fn is_declined(a: &QrAnswer, item_has_code: impl Fn(&str) -> bool) -> bool {
    match &a.value_coding {
        Some(c) => {
            let code = c.code.as_deref().unwrap_or_default();
            (c.system.as_deref() == Some(DATA_ABSENT) && code == "asked-declined")
                || (code == LOINC_REFUSED && !item_has_code(code))
        }
        None => false,
    }
}

/// Read a QuestionnaireResponse into a Trygg response.
pub fn read_response(
    qr: &QuestionnaireResponse,
    form: &FormDef,
    mapping: &Mapping,
    base: &Response,
) -> Read {
    let mut read = Read {
        response: base.clone(),
        stored: Vec::new(),
        problems: Vec::new(),
        pointers: BTreeMap::new(),
    };
    if read.response.respondent.id.is_none() {
        read.response.respondent.id = qr.source.as_ref().and_then(|s| s.reference.clone());
    }
    read.response.form = Some(form.id.clone());
    read.response.version = Some(form.version.clone());
    walk(&qr.item, "", form, mapping, &mut read);
    read
}

fn walk(items: &[QrItem], at: &str, form: &FormDef, mapping: &Mapping, read: &mut Read) {
    for (i, qi) in items.iter().enumerate() {
        let pointer = format!("{at}/item/{i}");
        let Some(link) = qi.link_id.as_deref() else {
            read.problems.push(Error::new(
                "fhir.missing_link_id",
                &pointer,
                "an item needs a linkId",
            ));
            continue;
        };
        if let Some(scale) = mapping.scales.get(link) {
            let value = qi.answer.first().and_then(|a| {
                a.value_decimal
                    .or(a.value_integer.map(|v| v as f64))
                    .or(a.value_quantity.as_ref().and_then(|q| q.value))
            });
            if let Some(value) = value {
                read.stored.push(Stored {
                    scale: scale.clone(),
                    value,
                    path: format!("{pointer}/answer/0"),
                });
            }
        } else if let Some(id) = mapping.items.get(link) {
            match form.items.iter().find(|x| &x.id == id) {
                Some(item) => answer(qi, &pointer, item, mapping, read),
                None => read.problems.push(Error::new(
                    "fhir.unknown_link_id",
                    &pointer,
                    format!("`{link}` maps to no item", link = quote(link)),
                )),
            }
        } else if mapping.refused.contains(link) {
            if !qi.answer.is_empty() {
                read.problems.push(Error::new(
                    "fhir.refused_item",
                    &pointer,
                    format!(
                        "`{link}` was refused on import; its answer is not used",
                        link = quote(link)
                    ),
                ));
            }
        } else if !qi.answer.is_empty() {
            read.problems.push(Error::new(
                "fhir.unknown_link_id",
                format!("{pointer}/linkId"),
                format!("the form has no item `{link}`", link = quote(link)),
            ));
        }
        walk(&qi.item, &pointer, form, mapping, read);
        for (j, a) in qi.answer.iter().enumerate() {
            walk(
                &a.item,
                &format!("{pointer}/answer/{j}"),
                form,
                mapping,
                read,
            );
        }
    }
}

fn answer(
    qi: &QrItem,
    pointer: &str,
    item: &trygg::model::Item,
    mapping: &Mapping,
    read: &mut Read,
) {
    let id = item.id.clone();
    let has_code = |code: &str| {
        mapping
            .options
            .get(&id)
            .is_some_and(|o| o.iter().any(|(_, c, _)| c == code))
    };
    let absent = find_ext(&qi.extension, DATA_ABSENT_EXT).and_then(|e| e.value_code.as_deref())
        == Some("asked-declined");
    if absent || qi.answer.iter().any(|a| is_declined(a, has_code)) {
        read.response
            .answers
            .insert(id.clone(), json!({ "declined": true }));
        read.pointers.insert(id, pointer.to_string());
        return;
    }
    if qi.answer.is_empty() {
        return;
    }
    let mut values = Vec::new();
    for (j, a) in qi.answer.iter().enumerate() {
        let at = format!("{pointer}/answer/{j}");
        if let Some(v) = value_of(a, &at, item, mapping, &mut read.problems) {
            values.push(v);
        }
    }
    let value = if item.kind == ItemType::Multi {
        Value::Array(values)
    } else {
        if values.len() > 1 {
            read.problems.push(Error::new(
                "fhir.too_many_answers",
                format!("{pointer}/answer/1"),
                format!(
                    "item `{id}` takes one answer; the first is used",
                    id = quote(&id)
                ),
            ));
        }
        match values.into_iter().next() {
            Some(v) => v,
            None => return,
        }
    };
    read.response.answers.insert(id.clone(), value);
    read.pointers.insert(id, format!("{pointer}/answer"));
}

fn value_of(
    a: &QrAnswer,
    at: &str,
    item: &trygg::model::Item,
    mapping: &Mapping,
    problems: &mut Vec<Error>,
) -> Option<Value> {
    // A wrong answer is reported here and passed on as sent, so the engine marks the
    // response invalid just as it would a wrong Trygg answer.
    let raw = serde_json::to_value(a)
        .ok()
        .and_then(|v| {
            v.as_object().and_then(|o| {
                o.iter()
                    .find(|(k, _)| k.starts_with("value"))
                    .map(|(_, v)| v.clone())
            })
        })
        .unwrap_or(Value::Null);
    let wrong = |problems: &mut Vec<Error>, what: &str| {
        problems.push(Error::new(
            "fhir.wrong_answer_type",
            at,
            format!("item `{}` does not take {what}", quote(&item.id)),
        ));
        Some(raw.clone())
    };
    match item.kind {
        ItemType::Choice | ItemType::Multi => {
            let (system, code) = if let Some(c) = &a.value_coding {
                (c.system.as_deref(), c.code.clone().unwrap_or_default())
            } else if let Some(s) = &a.value_string {
                (None, s.clone())
            } else if let Some(i) = a.value_integer {
                (None, i.to_string())
            } else {
                return wrong(problems, "this answer type");
            };
            match mapping.option_value(&item.id, system, &code) {
                Some(v) => Some(Value::String(v.to_string())),
                None => {
                    problems.push(Error::new(
                        "fhir.unknown_answer_code",
                        at,
                        format!(
                            "`{}|{}` is not an option of item `{}`",
                            quote(system.unwrap_or("")),
                            quote(&code),
                            quote(&item.id)
                        ),
                    ));
                    Some(Value::String(code))
                }
            }
        }
        ItemType::Boolean => match a.value_boolean {
            Some(b) => Some(Value::Bool(b)),
            None => wrong(problems, "a non-boolean answer"),
        },
        ItemType::Integer => match (a.value_integer, a.value_decimal) {
            (Some(i), _) => Some(Value::from(i)),
            (None, Some(d)) if d.fract() == 0.0 => Some(Value::from(d as i64)),
            _ => wrong(problems, "a non-integer answer"),
        },
        ItemType::Number => a
            .value_decimal
            .or(a.value_integer.map(|i| i as f64))
            .or(a.value_quantity.as_ref().and_then(|q| q.value))
            .map(Value::from)
            .or_else(|| wrong(problems, "a non-number answer")),
        ItemType::Text => a
            .value_string
            .clone()
            .or_else(|| a.value_uri.clone())
            .map(Value::String)
            .or_else(|| wrong(problems, "a non-text answer")),
        ItemType::Date => a
            .value_date
            .clone()
            .or_else(|| {
                a.value_date_time
                    .as_ref()
                    .and_then(|d| d.get(..10))
                    .map(String::from)
            })
            .map(Value::String)
            .or_else(|| wrong(problems, "a non-date answer")),
        ItemType::Display => wrong(problems, "answers (it is a display item)"),
        _ => wrong(
            problems,
            "answers (an item type this adapter does not know)",
        ),
    }
}

/// Score a QuestionnaireResponse (JSON value) with a candidate form.
pub fn score(value: &Value, candidate: &Candidate, base: &Response) -> Result<Scored, Error> {
    let qr: QuestionnaireResponse = resource(value, "QuestionnaireResponse")?;
    let read = read_response(&qr, candidate.form.def(), &candidate.mapping, base);
    let outcome = trygg::evaluate(&candidate.form, &read.response);
    let mut problems = read.problems;
    for ig in &outcome.ignored {
        if ig.reason == "hidden" {
            problems.push(Error::new(
                "fhir.answer_for_hidden_item",
                read.pointers.get(&ig.item).cloned().unwrap_or_default(),
                format!(
                    "item `{}` is hidden by its enableWhen; its answer is not used",
                    quote(&ig.item)
                ),
            ));
        }
    }
    for s in &read.stored {
        let got = outcome.scale(&s.scale).and_then(|r| r.value);
        let same = got.is_some_and(|g| (g - s.value).abs() < 1e-9);
        if !same {
            problems.push(Error::new(
                "fhir.stored_total_differs",
                s.path.clone(),
                match got {
                    Some(g) => format!(
                        "the response stores {} = {}, Trygg computes {}",
                        quote(&s.scale),
                        s.value,
                        g
                    ),
                    None => format!(
                        "the response stores {} = {}, Trygg has no value (too many missing or hidden)",
                        quote(&s.scale),
                        s.value
                    ),
                },
            ));
        }
    }
    Ok(Scored {
        outcome,
        problems,
        stored: read.stored,
    })
}

/// A Trygg response as a QuestionnaireResponse of the form's own export (for tests, demos
/// and vendors who store Trygg answers as FHIR).
pub fn to_questionnaire_response(form: &FormDef, response: &Response) -> Value {
    let default = form.locales.first().cloned().unwrap_or_default();
    let mut groups: Vec<(Option<String>, Vec<Value>)> = Vec::new();
    for item in &form.items {
        let Some(v) = response.answers.get(&item.id) else {
            continue;
        };
        let answers: Vec<Value> = if v.get("declined") == Some(&Value::Bool(true)) {
            vec![json!({ "valueCoding": { "system": DATA_ABSENT, "code": "asked-declined" } })]
        } else {
            let list: Vec<&Value> = match v {
                Value::Array(a) if item.kind == ItemType::Multi => a.iter().collect(),
                v => vec![v],
            };
            list.into_iter()
                .map(|v| match (item.kind, v) {
                    (ItemType::Choice | ItemType::Multi, Value::String(s)) => {
                        match item.options.iter().find(|o| &o.value == s) {
                            Some(o) => json!({ "valueCoding": crate::export::option_coding(form, o, &default) }),
                            None => json!({ "valueString": s }),
                        }
                    }
                    (_, Value::Bool(b)) => json!({ "valueBoolean": b }),
                    (ItemType::Integer, Value::Number(n)) if n.is_i64() => json!({ "valueInteger": n }),
                    (_, Value::Number(n)) => json!({ "valueDecimal": n }),
                    (ItemType::Date, Value::String(s)) => json!({ "valueDate": s }),
                    (_, other) => json!({ "valueString": other.as_str().map_or_else(|| other.to_string(), String::from) }),
                })
                .collect()
        };
        let qi = json!({ "linkId": item.id, "answer": answers });
        match groups.last_mut() {
            Some((s, list)) if *s == item.section => list.push(qi),
            _ => groups.push((item.section.clone(), vec![qi])),
        }
    }
    let mut items = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for (section, list) in groups {
        match section {
            Some(s) => {
                // The same linkId as the exported group of this run of the section.
                let n = count_runs_before(form, &s, &used);
                used.push(s.clone());
                let link = if n == 0 {
                    s.clone()
                } else {
                    format!("{s}~{}", n + 1)
                };
                items.push(json!({ "linkId": link, "item": list }));
            }
            None => items.extend(list),
        }
    }
    let mut qr = Map::new();
    qr.insert("resourceType".into(), json!("QuestionnaireResponse"));
    qr.insert(
        "questionnaire".into(),
        json!(format!("{}|{}", questionnaire_url(&form.id), form.version)),
    );
    qr.insert("status".into(), json!("completed"));
    qr.insert("item".into(), Value::Array(items));
    Value::Object(qr)
}

fn count_runs_before(_form: &FormDef, section: &str, used: &[String]) -> usize {
    used.iter().filter(|s| *s == section).count()
}
