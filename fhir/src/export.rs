//! A Trygg form → an SDC Questionnaire.
//!
//! What FHIR says natively is written natively (items, LOINC codes, options with
//! `ordinalValue`/`itemWeight`, `enableWhen`, translations, min/max, scales as read-only
//! calculated items); what it cannot say is written in two Trygg extensions: `trygg-form`
//! on the Questionnaire (findings, rules, scales' bands, cut-offs and missing-data policy,
//! profiles, examples, …) and `trygg-item` on an item (declinable, boolean scores, the
//! JsonLogic visibility rule, text-pack keys). [`crate::import::import`] reads both back, so
//! export → import gives the same form.

use crate::types::{
    AnswerOption, Coding, Element, EnableWhen, Expression, Extension, QItem, Questionnaire,
};
use crate::*;
use serde_json::{json, Map, Value};
use trygg::model::{FormDef, Item, ItemType, Method, Status, Text};

/// Top-level keys of a form definition that FHIR carries natively.
const NATIVE_FORM_KEYS: &[&str] = &[
    "$schema",
    "id",
    "version",
    "title",
    "description",
    "sections",
    "items",
];

/// Export a form definition as an SDC Questionnaire.
pub fn export(form: &FormDef) -> Questionnaire {
    let default = form.locales.first().cloned().unwrap_or_default();
    let mut q = Questionnaire {
        resource_type: "Questionnaire".into(),
        id: Some(fhir_id(&form.id)),
        language: Some(default.clone()),
        url: Some(questionnaire_url(&form.id)),
        version: Some(form.version.clone()),
        name: Some(fhir_name(&form.id)),
        status: match form.status {
            Status::Draft => "draft",
            Status::Pilot | Status::Active => "active",
            Status::Retired => "retired",
            _ => "unknown",
        }
        .into(),
        experimental: Some(matches!(form.status, Status::Draft | Status::Pilot)),
        ..Default::default()
    };
    q.extra.insert(
        "meta".into(),
        json!({ "profile": [
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire",
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave",
        ]}),
    );
    let (title, title_ext, _) = text_parts(&form.title, &default);
    q.title = title;
    q.title_ext = title_ext;
    if let Some(d) = &form.description {
        let (d, ext, _) = text_parts(d, &default);
        q.description = d;
        q.description_ext = ext;
    }
    if let Some(code) = &form.code {
        q.code.push(Coding::new(LOINC, code, None));
    }
    if let Some(license) = form.source.as_ref().and_then(|s| s.license.clone()) {
        q.copyright = Some(license);
    }
    // The rest of the definition, as JSON, in the form extension.
    if let Ok(Value::Object(mut rest)) = serde_json::to_value(form) {
        for k in NATIVE_FORM_KEYS {
            rest.remove(*k);
        }
        let mut ext = Extension::new(EXT_FORM);
        ext.value_string = Some(trygg::to_canonical_string(&Value::Object(rest)));
        q.extension.push(ext);
    }

    // Items, consecutive items of one section grouped.
    let mut groups_used: Vec<String> = Vec::new();
    let mut current: Option<(String, QItem)> = None;
    for item in &form.items {
        let fhir_item = export_item(form, item, &default);
        match (&item.section, &mut current) {
            (Some(s), Some((cs, group))) if s == cs => group.item.push(fhir_item),
            (section, _) => {
                if let Some((_, group)) = current.take() {
                    q.item.push(group);
                }
                match section {
                    Some(s) => {
                        let mut group = section_group(form, s, &default, &groups_used);
                        groups_used.push(s.clone());
                        group.item.push(fhir_item);
                        current = Some((s.clone(), group));
                    }
                    None => q.item.push(fhir_item),
                }
            }
        }
    }
    if let Some((_, group)) = current.take() {
        q.item.push(group);
    }
    for scale in &form.scales {
        q.item.push(scale_item(form, scale, &default));
    }
    q
}

/// A FHIR `id` (`[A-Za-z0-9\-\.]{1,64}`).
fn fhir_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect()
}

/// A FHIR `name` (`[A-Z]([A-Za-z0-9_]){0,254}`).
fn fhir_name(id: &str) -> String {
    let mut name = String::from("Trygg");
    let mut upper = true;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                name.extend(c.to_uppercase());
            } else {
                name.push(c);
            }
            upper = false;
        } else {
            upper = true;
            if c == '.' {
                name.push('_');
            }
        }
    }
    name
}

/// Text in the default locale, the other locales as `translation` extensions, and the
/// text-pack key when the wording is not shipped.
pub(crate) fn text_parts(
    text: &Text,
    default: &str,
) -> (Option<String>, Option<Element>, Option<String>) {
    match text {
        Text::Key { key } => (None, None, Some(key.clone())),
        Text::Localized(map) => {
            let mut element = Element::default();
            for (lang, content) in map {
                if lang == default {
                    continue;
                }
                let mut ext = Extension::new(TRANSLATION);
                let mut l = Extension::new("lang");
                l.value_code = Some(lang.clone());
                let mut c = Extension::new("content");
                c.value_string = Some(content.clone());
                ext.extension = vec![l, c];
                element.extension.push(ext);
            }
            let ext = (!element.extension.is_empty()).then_some(element);
            (map.get(default).cloned(), ext, None)
        }
    }
}

fn section_group(form: &FormDef, section: &str, default: &str, used: &[String]) -> QItem {
    let n = used.iter().filter(|s| *s == section).count();
    let link = if n == 0 {
        section.to_string()
    } else {
        format!("{section}~{}", n + 1)
    };
    let mut group = QItem {
        link_id: Some(link),
        kind: Some("group".into()),
        ..Default::default()
    };
    let mut ext = Extension::new(EXT_SECTION);
    ext.value_string = Some(section.to_string());
    group.extension.push(ext);
    if let Some(s) = form.sections.iter().find(|s| s.id == section) {
        let (t, te, key) = text_parts(&s.title, default);
        group.text = t;
        group.text_ext = te;
        if let Some(key) = key {
            let mut ext = Extension::new(EXT_ITEM);
            ext.value_string = Some(json!({ "title": { "key": key } }).to_string());
            group.extension.push(ext);
        }
    }
    group
}

/// The option coding: LOINC when the option has a code, else the form's answer system.
pub fn option_coding(form: &FormDef, option: &trygg::model::OptionDef, default: &str) -> Coding {
    let display = match &option.text {
        Text::Localized(m) => m.get(default).cloned(),
        Text::Key { .. } => None,
    };
    match &option.code {
        Some(code) => Coding::new(option.system.as_deref().unwrap_or(LOINC), code, display),
        None => Coding::new(&answers_system_url(&form.id), &option.value, display),
    }
}

fn export_item(form: &FormDef, item: &Item, default: &str) -> QItem {
    let mut q = QItem {
        link_id: Some(item.id.clone()),
        kind: Some(
            match item.kind {
                ItemType::Boolean => "boolean",
                ItemType::Choice | ItemType::Multi => "choice",
                ItemType::Integer => "integer",
                ItemType::Number => "decimal",
                ItemType::Text => "text",
                ItemType::Date => "date",
                ItemType::Display => "display",
                _ => "string",
            }
            .into(),
        ),
        ..Default::default()
    };
    if item.required {
        q.required = Some(true);
    }
    if item.kind == ItemType::Multi {
        q.repeats = Some(true);
    }
    q.max_length = item.max_length;
    if let Some(code) = &item.code {
        q.code.push(Coding::new(LOINC, code, None));
    }
    let mut rest = Map::new();
    let (t, te, key) = text_parts(&item.text, default);
    q.text = t;
    q.text_ext = te;
    if let Some(key) = key {
        rest.insert("text".into(), json!({ "key": key }));
    }
    for option in &item.options {
        let mut a = AnswerOption {
            value_coding: Some(option_coding(form, option, default)),
            ..Default::default()
        };
        if let (Some(coding), Text::Localized(map)) = (&mut a.value_coding, &option.text) {
            let (_, te, _) = text_parts(&Text::Localized(map.clone()), default);
            if let Some(te) = te {
                coding.extra.insert(
                    "_display".into(),
                    serde_json::to_value(te).unwrap_or_default(),
                );
            }
        }
        if let Text::Key { key } = &option.text {
            let mut ext = Extension::new(EXT_ITEM);
            ext.value_string = Some(json!({ "text": { "key": key } }).to_string());
            a.extension.push(ext);
        }
        if option.code.is_some() {
            let mut ext = Extension::new(EXT_OPTION_VALUE);
            ext.value_string = Some(option.value.clone());
            a.extension.push(ext);
        }
        if let Some(score) = option.score {
            for url in [ORDINAL_VALUE, ITEM_WEIGHT] {
                let mut ext = Extension::new(url);
                ext.value_decimal = Some(score);
                a.extension.push(ext);
            }
        }
        q.answer_option.push(a);
    }
    for (url, bound) in [(MIN_VALUE, &item.min), (MAX_VALUE, &item.max)] {
        if let Some(v) = bound {
            let mut ext = Extension::new(url);
            match (item.kind, v) {
                (ItemType::Date, Value::String(s)) => ext.value_date = Some(s.clone()),
                (ItemType::Integer, v) if v.as_i64().is_some() => ext.value_integer = v.as_i64(),
                (_, v) => ext.value_decimal = v.as_f64(),
            }
            q.extension.push(ext);
        }
    }
    for (url, n) in [
        (MIN_OCCURS, item.min_selected),
        (MAX_OCCURS, item.max_selected),
    ] {
        if let Some(n) = n {
            let mut ext = Extension::new(url);
            ext.value_integer = Some(i64::from(n));
            q.extension.push(ext);
        }
    }
    if item.declinable {
        rest.insert("declinable".into(), Value::Bool(true));
    }
    if let Some(s) = item.score_true {
        rest.insert("scoreTrue".into(), json!(s));
    }
    if let Some(s) = item.score_false {
        rest.insert("scoreFalse".into(), json!(s));
    }
    if let Some(rule) = &item.enable_when {
        rest.insert("enableWhen".into(), rule.clone());
        match enable_when(form, rule) {
            Some((list, behavior)) => {
                q.enable_when = list;
                q.enable_behavior = behavior;
            }
            None => {
                if let Some(expr) = crate::export::fhirpath_condition(form, rule) {
                    let mut ext = Extension::new(ENABLE_WHEN_EXPRESSION);
                    ext.value_expression = Some(Expression {
                        language: Some("text/fhirpath".into()),
                        expression: Some(expr),
                        ..Default::default()
                    });
                    q.extension.push(ext);
                }
            }
        }
    }
    if let Some(help) = &item.help {
        let (t, te, key) = text_parts(help, default);
        match key {
            Some(key) => {
                rest.insert("help".into(), json!({ "key": key }));
            }
            None => {
                let mut h = QItem {
                    link_id: Some(format!("{}.help", item.id)),
                    kind: Some("display".into()),
                    text: t,
                    text_ext: te,
                    ..Default::default()
                };
                let mut ext = Extension::new(ITEM_CONTROL);
                ext.value_codeable_concept = Some(crate::types::CodeableConcept::of(Coding::new(
                    "http://hl7.org/fhir/questionnaire-item-control",
                    "help",
                    Some("Help-Button".into()),
                )));
                h.extension.push(ext);
                q.item.push(h);
            }
        }
    }
    if !rest.is_empty() {
        let mut ext = Extension::new(EXT_ITEM);
        ext.value_string = Some(trygg::to_canonical_string(&Value::Object(rest)));
        q.extension.insert(0, ext);
    }
    q
}

/// The linkId of a scale's calculated item.
pub fn scale_link_id(form: &FormDef, scale: &str) -> String {
    let clash = form.items.iter().any(|i| i.id == scale)
        || form.sections.iter().any(|s| s.id == scale)
        || form.items.iter().any(|i| format!("{}.help", i.id) == scale);
    if clash {
        format!("scale.{scale}")
    } else {
        scale.to_string()
    }
}

/// FHIRPath selecting one item's answers anywhere in the response.
fn answers_of(id: &str) -> String {
    format!("%resource.repeat(item).where(linkId = '{id}').answer")
}

/// The FHIRPath of one item's score (0 when unanswered), or `None` when it has none.
fn item_score_expr(item: &Item) -> Option<String> {
    match item.kind {
        ItemType::Choice | ItemType::Multi => {
            if item.options.iter().any(|o| o.score.is_some()) {
                Some(format!("{}.value.ordinal().sum()", answers_of(&item.id)))
            } else {
                None
            }
        }
        ItemType::Boolean => {
            let t = item.score_true.unwrap_or(1.0);
            let f = item.score_false.unwrap_or(0.0);
            let a = answers_of(&item.id);
            Some(format!(
                "iif({a}.value = true, {}, iif({a}.value = false, {}, 0))",
                num(t),
                num(f)
            ))
        }
        ItemType::Integer | ItemType::Number => {
            Some(format!("{}.value.sum()", answers_of(&item.id)))
        }
        _ => None,
    }
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The `calculatedExpression` of a scale: the sum of its items' scores (times their
/// weights), or the count of items with a score above 0. It reads complete answers; the
/// missing-data policy (proration) and hidden-item rules are Trygg's (see docs/fhir.md).
pub fn scale_expression(form: &FormDef, scale: &trygg::model::Scale) -> Option<String> {
    let mut terms = Vec::new();
    for id in &scale.items {
        let item = form.items.iter().find(|i| &i.id == id)?;
        let score = item_score_expr(item)?;
        let w = scale.weights.get(id).copied().unwrap_or(1.0);
        let term = match scale.method {
            Method::Sum if w == 1.0 => score,
            Method::Sum => format!("({score}) * {}", num(w)),
            Method::Count => format!("iif(({score}) > 0, 1, 0)"),
            _ => return None,
        };
        terms.push(term);
    }
    (!terms.is_empty()).then(|| terms.join(" + "))
}

fn scale_item(form: &FormDef, scale: &trygg::model::Scale, default: &str) -> QItem {
    let mut q = QItem {
        link_id: Some(scale_link_id(form, &scale.id)),
        kind: Some("decimal".into()),
        read_only: Some(true),
        ..Default::default()
    };
    if let Some(title) = &scale.title {
        let (t, te, _) = text_parts(title, default);
        q.text = t;
        q.text_ext = te;
    }
    let mut id = Extension::new(EXT_SCALE);
    id.value_string = Some(scale.id.clone());
    q.extension.push(id);
    if let Some(expr) = scale_expression(form, scale) {
        let mut ext = Extension::new(CALCULATED);
        ext.value_expression = Some(Expression {
            language: Some("text/fhirpath".into()),
            expression: Some(expr),
            ..Default::default()
        });
        q.extension.push(ext);
    }
    let mut unit = Extension::new(UNIT);
    unit.value_coding = Some(Coding::new(UCUM, "{score}", Some("{score}".into())));
    q.extension.push(unit);
    if let Some(code) = &scale.code {
        q.code.push(Coding::new(LOINC, code, None));
        let mut ext = Extension::new(OBSERVATION_EXTRACT);
        ext.value_boolean = Some(true);
        q.extension.push(ext);
    }
    q
}

/// One JsonLogic comparison `{op: [{"var": path}, literal]}`.
fn comparison(rule: &Value) -> Option<(&str, &str, &Value)> {
    let obj = rule.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    let (op, args) = obj.iter().next()?;
    let args = args.as_array()?;
    let [var, lit] = args.as_slice() else {
        return None;
    };
    let path = var.as_object()?.get("var")?.as_str()?;
    if var.as_object()?.len() != 1 || lit.is_object() || lit.is_array() {
        return None;
    }
    Some((op.as_str(), path, lit))
}

fn fhir_op(op: &str) -> Option<&'static str> {
    Some(match op {
        "===" | "==" => "=",
        "!==" | "!=" => "!=",
        ">" => ">",
        ">=" => ">=",
        "<" => "<",
        "<=" => "<=",
        _ => return None,
    })
}

fn holds(op: &str, a: f64, b: f64) -> bool {
    match op {
        ">" => a > b,
        ">=" => a >= b,
        "<" => a < b,
        "<=" => a <= b,
        "===" | "==" => a == b,
        "!==" | "!=" => a != b,
        _ => false,
    }
}

/// One JsonLogic comparison as FHIR `enableWhen`s meaning "any of these".
fn atoms(form: &FormDef, rule: &Value) -> Option<Vec<EnableWhen>> {
    let (op, path, lit) = comparison(rule)?;
    let fop = fhir_op(op)?;
    let mut ew = EnableWhen {
        operator: fop.into(),
        ..Default::default()
    };
    if let Some(id) = path.strip_prefix("answers.") {
        let item = form.items.iter().find(|i| i.id == id)?;
        ew.question = id.to_string();
        match (item.kind, lit) {
            (ItemType::Choice, Value::String(s)) if matches!(fop, "=" | "!=") => {
                let option = item.options.iter().find(|o| &o.value == s)?;
                let mut c = option_coding(form, option, "");
                c.display = None;
                ew.answer_coding = Some(c);
            }
            (ItemType::Boolean, Value::Bool(b)) if matches!(fop, "=" | "!=") => {
                ew.answer_boolean = Some(*b)
            }
            (ItemType::Integer, Value::Number(n)) if n.as_i64().is_some() => {
                ew.answer_integer = n.as_i64()
            }
            (ItemType::Number, Value::Number(n)) => ew.answer_decimal = n.as_f64(),
            (ItemType::Text, Value::String(s)) if matches!(fop, "=" | "!=") => {
                ew.answer_string = Some(s.clone())
            }
            (ItemType::Date, Value::String(s)) => ew.answer_date = Some(s.clone()),
            _ => return None,
        }
        return Some(vec![ew]);
    }
    if let Some(id) = path.strip_prefix("scales.") {
        form.scales.iter().find(|s| s.id == id)?;
        ew.question = scale_link_id(form, id);
        ew.answer_decimal = Some(lit.as_f64()?);
        return Some(vec![ew]);
    }
    if let Some(id) = path.strip_prefix("scores.") {
        // A choice item's score compared with a number: the options whose score holds.
        let item = form.items.iter().find(|i| i.id == id)?;
        if item.kind != ItemType::Choice {
            return None;
        }
        let b = lit.as_f64()?;
        let list: Vec<EnableWhen> = item
            .options
            .iter()
            .filter(|o| o.score.is_some_and(|s| holds(op, s, b)))
            .map(|o| {
                let mut c = option_coding(form, o, "");
                c.display = None;
                EnableWhen {
                    question: id.to_string(),
                    operator: "=".into(),
                    answer_coding: Some(c),
                    ..Default::default()
                }
            })
            .collect();
        return (!list.is_empty()).then_some(list);
    }
    None
}

/// A JsonLogic visibility rule as `enableWhen` + `enableBehavior`, when it can be said so.
pub fn enable_when(form: &FormDef, rule: &Value) -> Option<(Vec<EnableWhen>, Option<String>)> {
    if let Some(list) = atoms(form, rule) {
        let behavior = (list.len() > 1).then(|| "any".to_string());
        return Some((list, behavior));
    }
    let obj = rule.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    let (op, args) = obj.iter().next()?;
    let args = args.as_array()?;
    match op.as_str() {
        "or" => {
            let mut all = Vec::new();
            for a in args {
                all.extend(atoms(form, a)?);
            }
            Some((all, Some("any".into())))
        }
        "and" => {
            let mut all = Vec::new();
            for a in args {
                let list = atoms(form, a)?;
                if list.len() != 1 {
                    return None;
                }
                all.extend(list);
            }
            Some((all, Some("all".into())))
        }
        _ => None,
    }
}

/// A JsonLogic visibility rule as FHIRPath (for `enableWhenExpression`), for and/or/not
/// over the comparisons `enable_when` knows.
pub fn fhirpath_condition(form: &FormDef, rule: &Value) -> Option<String> {
    if let Some(list) = atoms(form, rule) {
        let parts: Vec<String> = list
            .iter()
            .map(|ew| {
                let a = format!(
                    "%resource.repeat(item).where(linkId = '{}').answer",
                    ew.question
                );
                let rhs = if let Some(c) = &ew.answer_coding {
                    return format!(
                        "({a}.value.where(system = '{}' and code = '{}').exists(){})",
                        c.system.as_deref().unwrap_or_default(),
                        c.code.as_deref().unwrap_or_default(),
                        if ew.operator == "!=" { ".not()" } else { "" }
                    );
                } else if let Some(b) = ew.answer_boolean {
                    b.to_string()
                } else if let Some(i) = ew.answer_integer {
                    i.to_string()
                } else if let Some(d) = ew.answer_decimal {
                    num(d)
                } else if let Some(s) = ew.answer_string.as_ref().or(ew.answer_date.as_ref()) {
                    format!("'{}'", s.replace('\'', "\\'"))
                } else {
                    "{}".into()
                };
                format!("({a}.value {} {rhs})", ew.operator)
            })
            .collect();
        return Some(parts.join(" or "));
    }
    let obj = rule.as_object()?;
    let (op, args) = obj.iter().next()?;
    let list: Vec<&Value> = match args {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    let parts: Option<Vec<String>> = list.iter().map(|a| fhirpath_condition(form, a)).collect();
    let parts = parts?;
    match (op.as_str(), parts.as_slice()) {
        ("or", _) => Some(format!("({})", parts.join(" or "))),
        ("and", _) => Some(format!("({})", parts.join(" and "))),
        ("!", [one]) => Some(format!("({one}).not()")),
        _ => None,
    }
}
