//! An SDC Questionnaire → a Trygg form, with a report of what was mapped and refused.
//!
//! A Questionnaire Trygg exported carries the `trygg-form` and `trygg-item` extensions and
//! comes back as the same form. Any other Questionnaire is read from FHIR alone: groups as
//! sections, item types, options and their scores (`ordinalValue`, `itemWeight`,
//! `iso21090-CO-value`, on the option, its coding or a contained ValueSet), `enableWhen`
//! with every R4 operator, and `calculatedExpression`s that sum scores as sum scales. What
//! cannot be mapped is a located problem in the report, never a silent drop.

use crate::types::{
    find_ext, AnswerOption, Coding, Element, EnableWhen, Extension, QItem, Questionnaire,
};
use crate::*;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use trygg::input::quote;
use trygg::model::{FormDef, Item, ItemType, Method, OptionDef, Scale, Section, Text};

/// How a Questionnaire's linkIds and codings map to a form's items and options.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Mapping {
    /// linkId → item id.
    pub items: BTreeMap<String, String>,
    /// linkId → scale id (calculated items).
    pub scales: BTreeMap<String, String>,
    /// Item id → its options as (system, code, option value).
    pub options: BTreeMap<String, Vec<(Option<String>, String, String)>>,
    /// linkIds of items that were refused (their answers are reported, not used).
    pub refused: BTreeSet<String>,
}

impl Mapping {
    /// The mapping of a Trygg form's own export: linkId = item id.
    pub fn of_form(form: &FormDef) -> Self {
        let mut m = Mapping::default();
        for item in &form.items {
            m.items.insert(item.id.clone(), item.id.clone());
            let mut opts = Vec::new();
            for o in &item.options {
                if let Some(code) = &o.code {
                    let system = o.system.clone().unwrap_or_else(|| LOINC.to_string());
                    opts.push((Some(system), code.clone(), o.value.clone()));
                }
                opts.push((
                    Some(answers_system_url(&form.id)),
                    o.value.clone(),
                    o.value.clone(),
                ));
            }
            m.options.insert(item.id.clone(), opts);
        }
        for s in &form.scales {
            m.scales
                .insert(crate::export::scale_link_id(form, &s.id), s.id.clone());
        }
        m
    }

    /// The option value a coding names, matched by system and code (system optional).
    pub fn option_value(&self, item: &str, system: Option<&str>, code: &str) -> Option<&str> {
        self.options.get(item)?.iter().find_map(|(s, c, v)| {
            (c == code && (system.is_none() || s.as_deref() == system)).then_some(v.as_str())
        })
    }
}

/// What was mapped and what was refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// One line per mapped element, e.g. `/item/2 → item phq9_1 (choice, scores from ordinalValue)`.
    pub mapped: Vec<String>,
    /// Located problems: what could not be mapped, and why.
    pub refused: Vec<Error>,
}

impl Report {
    /// As JSON.
    pub fn to_value(&self) -> Value {
        json!({ "mapped": self.mapped, "refused": problems_json(&self.refused) })
    }
}

/// An imported form.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The form definition.
    pub form: FormDef,
    /// linkIds and codings → item ids and option values.
    pub mapping: Mapping,
    /// What was mapped and refused.
    pub report: Report,
    /// Whether any option carries a score (else score by a shipped form's LOINC codes).
    pub has_scores: bool,
    /// The compiled form, or the compiler's located errors.
    pub compiled: Result<trygg::CompiledForm, Vec<Error>>,
}

/// Import a Questionnaire (JSON value). Errors: not a Questionnaire.
pub fn import(value: &Value) -> Result<Imported, Error> {
    let q: Questionnaire = resource(value, "Questionnaire")?;
    let mut cx = Cx::new(&q);
    cx.walk(&q.item, "", None, None);
    cx.enable_whens();
    cx.scales(&q);
    Ok(cx.finish(&q))
}

struct Pending {
    item: usize,
    path: String,
    enable_when: Vec<EnableWhen>,
    behavior: Option<String>,
}

struct Calc<'q> {
    link: String,
    path: String,
    q: &'q QItem,
    /// Variables in scope (item's own, its ancestors', the Questionnaire's).
    vars: Vec<&'q Extension>,
    /// linkIds of the calculated item's siblings (scope of a relative `item`/`repeat(item)`).
    siblings: Vec<String>,
}

struct Cx<'q> {
    q: &'q Questionnaire,
    trygg_form: Option<Map<String, Value>>,
    default: String,
    items: Vec<Item>,
    sections: Vec<Section>,
    mapping: Mapping,
    report: Report,
    pending: Vec<Pending>,
    calcs: Vec<Calc<'q>>,
    used_ids: BTreeSet<String>,
    has_scores: bool,
    scales_out: Vec<Scale>,
}

fn problem(code: &'static str, pointer: &str, message: impl Into<String>) -> Error {
    Error::new(code, pointer, message)
}

/// A Trygg id for a linkId: the linkId when it is one, else a cleaned-up form of it.
fn clean_id(link: &str) -> String {
    let mut s: String = link
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while s.starts_with(['_', '-']) {
        s.remove(0);
    }
    if s.is_empty() {
        s.push_str("item");
    }
    s
}

fn is_trygg_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The text and its translations as a Trygg text.
fn text_of(text: Option<&String>, ext: Option<&Element>, default: &str) -> Option<Text> {
    let mut map = BTreeMap::new();
    if let Some(t) = text {
        map.insert(default.to_string(), t.clone());
    }
    for e in ext.map(|e| e.extension.as_slice()).unwrap_or_default() {
        if e.url != TRANSLATION {
            continue;
        }
        let lang = find_ext(&e.extension, "lang").and_then(|l| l.value_code.clone());
        let content = find_ext(&e.extension, "content").and_then(|c| c.value_string.clone());
        if let (Some(l), Some(c)) = (lang, content) {
            map.insert(l, c);
        }
    }
    (!map.is_empty()).then_some(Text::Localized(map))
}

fn trygg_json(ext: &[Extension], url: &str) -> Option<Map<String, Value>> {
    let s = find_ext(ext, url)?.value_string.as_ref()?;
    match serde_json::from_str(s) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

/// A score on an option: `ordinalValue`, `itemWeight` or `iso21090-CO-value`, on the option
/// or on its coding.
fn score_of(ext: &[Extension], coding: Option<&Coding>) -> Option<(f64, &'static str)> {
    let lists = [Some(ext), coding.map(|c| c.extension.as_slice())];
    for list in lists.into_iter().flatten() {
        for (url, name) in [
            (ORDINAL_VALUE, "ordinalValue"),
            (ITEM_WEIGHT, "itemWeight"),
            (CO_VALUE, "iso21090-CO-value"),
        ] {
            if let Some(v) = find_ext(list, url).and_then(Extension::number) {
                return Some((v, name));
            }
        }
    }
    None
}

impl<'q> Cx<'q> {
    fn new(q: &'q Questionnaire) -> Self {
        let default = q.language.clone().unwrap_or_else(|| "en".into());
        Cx {
            q,
            trygg_form: trygg_json(&q.extension, EXT_FORM),
            default,
            items: Vec::new(),
            sections: Vec::new(),
            mapping: Mapping::default(),
            report: Report::default(),
            pending: Vec::new(),
            calcs: Vec::new(),
            used_ids: BTreeSet::new(),
            has_scores: false,
            scales_out: Vec::new(),
        }
    }

    fn refuse(&mut self, code: &'static str, pointer: &str, message: impl Into<String>) {
        self.report.refused.push(problem(code, pointer, message));
    }

    fn new_id(&mut self, link: &str) -> String {
        let base = if is_trygg_id(link) && (self.trygg_form.is_some() || !link.contains('.')) {
            link.to_string()
        } else {
            clean_id(link)
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.used_ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }

    fn walk(
        &mut self,
        list: &'q [QItem],
        at: &str,
        section: Option<String>,
        vars: Option<Vec<&'q Extension>>,
    ) {
        let vars = vars.unwrap_or_else(|| {
            self.q
                .extension
                .iter()
                .filter(|e| e.url == VARIABLE)
                .collect()
        });
        let siblings: Vec<String> = list.iter().filter_map(|i| i.link_id.clone()).collect();
        for (i, qi) in list.iter().enumerate() {
            let pointer = format!("{at}/item/{i}");
            let Some(link) = qi.link_id.clone() else {
                self.refuse("fhir.missing_link_id", &pointer, "an item needs a linkId");
                continue;
            };
            let kind = qi.kind.clone().unwrap_or_default();
            let mut item_vars = vars.clone();
            item_vars.extend(qi.extension.iter().filter(|e| e.url == VARIABLE));
            if find_ext(&qi.extension, CALCULATED).is_some()
                || find_ext(&qi.extension, EXT_SCALE).is_some()
            {
                self.calcs.push(Calc {
                    link,
                    path: pointer,
                    q: qi,
                    vars: item_vars,
                    siblings: siblings.clone(),
                });
                continue;
            }
            if kind == "group" {
                let sec_id =
                    find_ext(&qi.extension, EXT_SECTION).and_then(|e| e.value_string.clone());
                let section_id = match (&section, sec_id) {
                    (_, Some(s)) => s,
                    (Some(outer), None) => {
                        self.report.mapped.push(format!(
                            "{pointer} → nested group `{link}` flattened into section {outer}"
                        ));
                        outer.clone()
                    }
                    (None, None) => clean_id(&link),
                };
                if !self.sections.iter().any(|s| s.id == section_id) {
                    let rest = trygg_json(&qi.extension, EXT_ITEM);
                    let title = rest
                        .as_ref()
                        .and_then(|r| r.get("title"))
                        .and_then(|t| serde_json::from_value(t.clone()).ok())
                        .or_else(|| text_of(qi.text.as_ref(), qi.text_ext.as_ref(), &self.default))
                        .unwrap_or_else(|| {
                            Text::Localized(BTreeMap::from([(self.default.clone(), link.clone())]))
                        });
                    self.sections.push(Section {
                        id: section_id.clone(),
                        title,
                    });
                    self.report
                        .mapped
                        .push(format!("{pointer} → section {section_id}"));
                }
                self.walk(&qi.item, &pointer, Some(section_id), Some(item_vars));
                continue;
            }
            let is_help = find_ext(&qi.extension, ITEM_CONTROL)
                .and_then(|e| e.value_codeable_concept.as_ref())
                .is_some_and(|c| c.coding.iter().any(|c| c.code.as_deref() == Some("help")));
            if is_help {
                continue; // read by its parent
            }
            self.item(qi, &link, &kind, &pointer, section.clone());
            if !qi.item.is_empty() {
                self.walk(&qi.item, &pointer, section.clone(), Some(item_vars));
            }
        }
    }

    fn item(
        &mut self,
        qi: &'q QItem,
        link: &str,
        kind: &str,
        pointer: &str,
        section: Option<String>,
    ) {
        let ty = match (kind, qi.repeats == Some(true)) {
            ("boolean", _) => ItemType::Boolean,
            ("choice", false) => ItemType::Choice,
            ("choice", true) => ItemType::Multi,
            ("open-choice", r) => {
                self.refuse(
                    "fhir.open_choice",
                    &format!("{pointer}/type"),
                    format!(
                        "`{link}`: open-choice imported as choice; free-text answers are refused",
                        link = quote(link)
                    ),
                );
                if r {
                    ItemType::Multi
                } else {
                    ItemType::Choice
                }
            }
            ("integer", _) => ItemType::Integer,
            ("decimal", _) => ItemType::Number,
            ("string" | "text", _) => ItemType::Text,
            ("date", _) => ItemType::Date,
            ("display", _) => ItemType::Display,
            (other, _) => {
                self.refuse(
                    "fhir.unsupported_item_type",
                    &format!("{pointer}/type"),
                    format!("`{link}`: item type `{other}` has no Trygg equivalent; the item is left out", link = quote(link), other = quote(other)),
                );
                self.mapping.refused.insert(link.to_string());
                return;
            }
        };
        let id = self.new_id(link);
        let rest = trygg_json(&qi.extension, EXT_ITEM).unwrap_or_default();
        let text = text_of(qi.text.as_ref(), qi.text_ext.as_ref(), &self.default);
        let text = match (rest.get("text"), text) {
            (Some(t), _) => serde_json::from_value(t.clone()).ok(),
            (None, t) => t,
        }
        .unwrap_or_else(|| {
            Text::Localized(BTreeMap::from([(self.default.clone(), link.to_string())]))
        });
        let mut item = Item {
            id: id.clone(),
            kind: ty,
            section,
            required: qi.required == Some(true),
            declinable: false,
            code: qi
                .code
                .iter()
                .find(|c| c.system.as_deref() == Some(LOINC))
                .and_then(|c| c.code.clone()),
            text,
            help: None,
            options: Vec::new(),
            score_true: None,
            score_false: None,
            min_selected: None,
            max_selected: None,
            min: None,
            max: None,
            max_length: qi.max_length,
            enable_when: None,
        };
        // Help: a display child with itemControl `help`.
        for child in &qi.item {
            let help = find_ext(&child.extension, ITEM_CONTROL)
                .and_then(|e| e.value_codeable_concept.as_ref())
                .is_some_and(|c| c.coding.iter().any(|c| c.code.as_deref() == Some("help")));
            if help {
                item.help = text_of(child.text.as_ref(), child.text_ext.as_ref(), &self.default);
            }
        }
        for (url, slot) in [(MIN_VALUE, &mut item.min), (MAX_VALUE, &mut item.max)] {
            if let Some(e) = find_ext(&qi.extension, url) {
                *slot = e
                    .value_integer
                    .map(Value::from)
                    .or_else(|| e.value_decimal.map(Value::from))
                    .or_else(|| e.value_date.clone().map(Value::from));
            }
        }
        for (url, slot) in [
            (MIN_OCCURS, &mut item.min_selected),
            (MAX_OCCURS, &mut item.max_selected),
        ] {
            if let Some(n) = find_ext(&qi.extension, url).and_then(|e| e.value_integer) {
                *slot = u32::try_from(n).ok();
            }
        }
        // Options.
        let mut opts = Vec::new();
        let mut score_sources = BTreeSet::new();
        if matches!(ty, ItemType::Choice | ItemType::Multi) {
            let options = self.options_of(qi, pointer);
            for (o, (ext, coding, plain, display_ext)) in options.into_iter().enumerate() {
                let at = format!("{pointer}/answerOption/{o}");
                let value = find_ext(&ext, EXT_OPTION_VALUE)
                    .and_then(|e| e.value_string.clone())
                    .or_else(|| coding.as_ref().and_then(|c| c.code.clone()))
                    .or_else(|| plain.clone());
                let Some(value) = value else {
                    self.refuse(
                        "fhir.unsupported_option",
                        &at,
                        format!(
                            "`{link}`: an option without a code or string value",
                            link = quote(link)
                        ),
                    );
                    continue;
                };
                let score = score_of(&ext, coding.as_ref());
                if let Some((_, src)) = score {
                    score_sources.insert(src);
                    self.has_scores = true;
                }
                let opt_rest = trygg_json(&ext, EXT_ITEM).unwrap_or_default();
                let text = match opt_rest.get("text") {
                    Some(t) => serde_json::from_value(t.clone()).ok(),
                    None => {
                        let display = coding
                            .as_ref()
                            .and_then(|c| c.display.clone())
                            .or_else(|| plain.clone());
                        text_of(display.as_ref(), display_ext.as_ref(), &self.default)
                    }
                }
                .unwrap_or_else(|| {
                    Text::Localized(BTreeMap::from([(self.default.clone(), value.clone())]))
                });
                // The coding is kept as the option's code: LOINC by default, any other system
                // named.
                let code = coding.as_ref().and_then(|c| c.code.clone()).filter(|c| {
                    *c != value
                        || coding
                            .as_ref()
                            .is_some_and(|x| x.system.as_deref() == Some(LOINC))
                });
                let system = coding
                    .as_ref()
                    .and_then(|c| c.system.clone())
                    .filter(|s| code.is_some() && s != LOINC && !s.starts_with(BASE));
                if let Some(c) = &coding {
                    if let Some(code) = &c.code {
                        opts.push((c.system.clone(), code.clone(), value.clone()));
                    }
                } else {
                    opts.push((None, value.clone(), value.clone()));
                }
                item.options.push(OptionDef {
                    value,
                    score: score.map(|s| s.0),
                    code,
                    system,
                    text,
                });
            }
        }
        // Fields FHIR cannot say, from the Trygg item extension.
        for (k, v) in &rest {
            match k.as_str() {
                "declinable" => item.declinable = v.as_bool().unwrap_or(false),
                "scoreTrue" => item.score_true = v.as_f64(),
                "scoreFalse" => item.score_false = v.as_f64(),
                "help" => item.help = serde_json::from_value(v.clone()).ok(),
                "enableWhen" => item.enable_when = Some(v.clone()),
                _ => {}
            }
        }
        if rest.get("enableWhen").is_none() {
            if !qi.enable_when.is_empty() {
                self.pending.push(Pending {
                    item: self.items.len(),
                    path: pointer.to_string(),
                    enable_when: qi.enable_when.clone(),
                    behavior: qi.enable_behavior.clone(),
                });
            }
            if let Some(e) = find_ext(&qi.extension, ENABLE_WHEN_EXPRESSION) {
                let expr = e
                    .value_expression
                    .as_ref()
                    .and_then(|x| x.expression.clone())
                    .unwrap_or_default();
                self.refuse(
                    "fhir.unsupported_expression",
                    &format!("{pointer}/extension"),
                    format!("`{link}`: enableWhenExpression `{expr}` is not translated; the item is always shown", link = quote(link), expr = quote(&expr)),
                );
            }
        }
        let sources: Vec<&str> = score_sources.into_iter().collect();
        self.report.mapped.push(format!(
            "{pointer} → item {id} ({}{}{})",
            serde_json::to_value(ty)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            if item.options.is_empty() {
                String::new()
            } else {
                format!(", {} options", item.options.len())
            },
            if sources.is_empty() {
                String::new()
            } else {
                format!(", scores from {}", sources.join("+"))
            }
        ));
        self.mapping.items.insert(link.to_string(), id.clone());
        self.mapping.options.insert(id, opts);
        self.items.push(item);
    }

    /// The options of an item: answerOption, or a contained ValueSet (compose or expansion).
    /// Each as (extensions, coding, plain value, display translations).
    #[allow(clippy::type_complexity)]
    fn options_of(
        &mut self,
        qi: &QItem,
        pointer: &str,
    ) -> Vec<(
        Vec<Extension>,
        Option<Coding>,
        Option<String>,
        Option<Element>,
    )> {
        let mut out = Vec::new();
        for a in &qi.answer_option {
            let AnswerOption {
                extension,
                value_coding,
                value_integer,
                value_string,
                value_date,
                ..
            } = a;
            let display_ext = value_coding
                .as_ref()
                .and_then(|c| c.extra.get("_display"))
                .and_then(|d| serde_json::from_value(d.clone()).ok());
            let plain = value_string
                .clone()
                .or_else(|| value_integer.map(|i| i.to_string()))
                .or_else(|| value_date.clone());
            out.push((extension.clone(), value_coding.clone(), plain, display_ext));
        }
        if let Some(vs) = &qi.answer_value_set {
            let Some(local) = vs.strip_prefix('#') else {
                self.refuse(
                    "fhir.external_value_set",
                    &format!("{pointer}/answerValueSet"),
                    format!("value set `{vs}` is not contained in the Questionnaire; Trygg does not expand value sets", vs = quote(vs)),
                );
                return out;
            };
            let Some(set) = self.q.contained.iter().find(|r| {
                r.get("resourceType").and_then(Value::as_str) == Some("ValueSet")
                    && r.get("id").and_then(Value::as_str) == Some(local)
            }) else {
                self.refuse(
                    "fhir.unknown_value_set",
                    &format!("{pointer}/answerValueSet"),
                    format!("no contained ValueSet `{local}`", local = quote(local)),
                );
                return out;
            };
            let mut concepts: Vec<Value> = Vec::new();
            let mut seen = BTreeSet::new();
            if let Some(contains) = set.pointer("/expansion/contains").and_then(Value::as_array) {
                for c in contains {
                    concepts.push(c.clone());
                }
            }
            if let Some(includes) = set.pointer("/compose/include").and_then(Value::as_array) {
                for inc in includes {
                    let system = inc.get("system").cloned().unwrap_or(Value::Null);
                    for c in inc
                        .get("concept")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                    {
                        let mut c = c.clone();
                        if let Value::Object(m) = &mut c {
                            m.insert("system".into(), system.clone());
                        }
                        concepts.push(c);
                    }
                }
            }
            for c in concepts {
                let coding: Coding = serde_json::from_value(c.clone()).unwrap_or_default();
                let key = (coding.system.clone(), coding.code.clone());
                if !seen.insert(key) {
                    // The same concept in compose and expansion: merge scores.
                    if let Some(prev) = out.iter_mut().find(|o| {
                        o.1.as_ref().map(|p| (&p.system, &p.code))
                            == Some((&coding.system, &coding.code))
                    }) {
                        prev.0.extend(coding.extension.clone());
                    }
                    continue;
                }
                let ext = coding.extension.clone();
                let mut plain = coding.clone();
                plain.extension.clear();
                out.push((ext, Some(plain), None, None));
            }
        }
        out
    }

    fn enable_whens(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            let mut atoms = Vec::new();
            let mut ok = true;
            for (j, ew) in p.enable_when.iter().enumerate() {
                let at = format!("{}/enableWhen/{j}", p.path);
                match self.atom(ew, &at) {
                    Some(a) => atoms.push(a),
                    None => ok = false,
                }
            }
            if !ok || atoms.is_empty() {
                continue;
            }
            let rule = if atoms.len() == 1 {
                atoms.pop().unwrap_or(Value::Null)
            } else {
                match p.behavior.as_deref() {
                    Some("any") => json!({ "or": atoms }),
                    Some("all") => json!({ "and": atoms }),
                    _ => {
                        self.refuse(
                            "fhir.missing_enable_behavior",
                            &p.path,
                            "several enableWhen need enableBehavior; read as `all`",
                        );
                        json!({ "and": atoms })
                    }
                }
            };
            if let Some(item) = self.items.get_mut(p.item) {
                item.enable_when = Some(rule);
            }
        }
    }

    fn atom(&mut self, ew: &EnableWhen, at: &str) -> Option<Value> {
        let calc_scale = self.calcs.iter().any(|c| c.link == ew.question);
        let (var, item) = match self.mapping.items.get(&ew.question) {
            Some(id) => (
                format!("answers.{id}"),
                self.items.iter().find(|i| &i.id == id).cloned(),
            ),
            None if calc_scale => (format!("scales.{}", clean_id(&ew.question)), None),
            None => {
                self.refuse(
                    "fhir.unknown_link_id",
                    &format!("{at}/question"),
                    format!(
                        "enableWhen names `{}`, which is not an imported item",
                        quote(&ew.question)
                    ),
                );
                return None;
            }
        };
        let v = json!({ "var": var });
        let op = match ew.operator.as_str() {
            "exists" => {
                let want = ew.answer_boolean.unwrap_or(true);
                return Some(json!({ if want { "!==" } else { "===" }: [v, null] }));
            }
            "=" => "===",
            "!=" => "!==",
            o @ (">" | "<" | ">=" | "<=") => o,
            other => {
                self.refuse(
                    "fhir.unsupported_enable_when",
                    &format!("{at}/operator"),
                    format!("unknown operator `{other}`", other = quote(other)),
                );
                return None;
            }
        };
        let lit = if let Some(c) = &ew.answer_coding {
            let code = c.code.clone().unwrap_or_default();
            let value = item.as_ref().and_then(|i| {
                self.mapping
                    .option_value(&i.id, c.system.as_deref(), &code)
                    .map(String::from)
            });
            match (value, &item) {
                (Some(value), Some(i)) if i.kind == ItemType::Multi => {
                    let has = json!({ "in": [value, v] });
                    return Some(if op == "!==" {
                        json!({ "!": has })
                    } else {
                        has
                    });
                }
                (Some(value), _) => Value::String(value),
                (None, _) => {
                    self.refuse(
                        "fhir.unknown_answer_code",
                        &format!("{at}/answerCoding"),
                        format!(
                            "`{}` has no option {}|{}",
                            quote(&ew.question),
                            quote(c.system.as_deref().unwrap_or("")),
                            quote(&code)
                        ),
                    );
                    return None;
                }
            }
        } else if let Some(b) = ew.answer_boolean {
            Value::Bool(b)
        } else if let Some(i) = ew.answer_integer {
            match &item {
                Some(it) if matches!(it.kind, ItemType::Choice) => Value::String(i.to_string()),
                _ => Value::from(i),
            }
        } else if let Some(d) = ew.answer_decimal {
            Value::from(d)
        } else if let Some(s) = ew.answer_string.clone() {
            Value::String(s)
        } else if let Some(d) = ew.answer_date.clone() {
            if !matches!(op, "===" | "!==") {
                self.refuse(
                    "fhir.unsupported_enable_when",
                    at,
                    "dates are compared for equality only",
                );
                return None;
            }
            Value::String(d)
        } else {
            let kind = ew
                .extra
                .keys()
                .next()
                .cloned()
                .unwrap_or_else(|| "no answer".into());
            self.refuse(
                "fhir.unsupported_enable_when",
                at,
                format!(
                    "enableWhen with `{kind}` has no Trygg equivalent",
                    kind = quote(&kind)
                ),
            );
            return None;
        };
        Some(json!({ op: [v, lit] }))
    }

    fn scales(&mut self, q: &Questionnaire) {
        if self.trygg_form.is_some() {
            for c in &self.calcs {
                let id = find_ext(&c.q.extension, EXT_SCALE)
                    .and_then(|e| e.value_string.clone())
                    .unwrap_or_else(|| clean_id(&c.link));
                self.mapping.scales.insert(c.link.clone(), id);
            }
            return;
        }
        let _ = q;
        let calcs = std::mem::take(&mut self.calcs);
        let mut scales = Vec::new();
        for c in &calcs {
            let Some(expr) = find_ext(&c.q.extension, CALCULATED)
                .and_then(|e| e.value_expression.as_ref())
                .and_then(|e| e.expression.clone())
            else {
                continue;
            };
            let at = format!("{}/extension", c.path);
            let mut terms = Vec::new();
            match self.sum_terms(&expr, c, 0, &mut terms) {
                Ok(()) => {}
                Err(why) => {
                    self.refuse(
                        "fhir.unsupported_expression",
                        &at,
                        format!(
                            "`{}`: calculatedExpression `{}` is not a sum of scores ({why})",
                            quote(&c.link),
                            quote(&expr)
                        ),
                    );
                    // Its answers in a response are then reported as refused, not as
                    // answers to an unknown item.
                    self.mapping.refused.insert(c.link.clone());
                    continue;
                }
            }
            // Items in form order, weight = times named.
            let mut weights: BTreeMap<String, f64> = BTreeMap::new();
            for t in &terms {
                *weights.entry(t.clone()).or_insert(0.0) += 1.0;
            }
            let items: Vec<String> = self
                .items
                .iter()
                .filter(|i| weights.contains_key(&i.id))
                .map(|i| i.id.clone())
                .collect();
            if items.is_empty() {
                self.refuse(
                    "fhir.unsupported_expression",
                    &at,
                    format!("`{}`: the expression names no scored item", quote(&c.link)),
                );
                continue;
            }
            let id = self.new_id(&c.link);
            self.mapping.scales.insert(c.link.clone(), id.clone());
            self.report.mapped.push(format!(
                "{} → scale {id} (sum of {} items)",
                c.path,
                items.len()
            ));
            scales.push(Scale {
                id,
                title: text_of(c.q.text.as_ref(), c.q.text_ext.as_ref(), &self.default),
                code: c
                    .q
                    .code
                    .iter()
                    .find(|x| x.system.as_deref() == Some(LOINC))
                    .and_then(|x| x.code.clone()),
                weights: weights
                    .into_iter()
                    .filter(|(k, w)| *w != 1.0 && items.contains(k))
                    .collect(),
                items,
                method: Method::Sum,
                missing: None,
                bands: Vec::new(),
                cutoffs: Vec::new(),
                hidden_items: Default::default(),
            });
        }
        self.calcs = calcs;
        self.scales_out = scales;
    }

    /// The item ids a `calculatedExpression` sums (an id twice = weight 2).
    fn sum_terms(
        &self,
        expr: &str,
        c: &Calc<'q>,
        depth: u32,
        out: &mut Vec<String>,
    ) -> Result<(), String> {
        if depth > 8 {
            return Err("variables nest too deep".into());
        }
        let s = unwrap_parens(&strip_spaces(expr));
        let parts = split_top(&s, '+');
        if parts.len() > 1 {
            for p in parts {
                self.sum_terms(&p, c, depth + 1, out)?;
            }
            return Ok(());
        }
        if let Some(name) = s.strip_prefix('%') {
            if name
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
                && name != "resource"
            {
                let var = c.vars.iter().rev().find_map(|e| {
                    let x = e.value_expression.as_ref()?;
                    (x.name.as_deref() == Some(name)).then_some(x)
                });
                let Some(var) = var else {
                    return Err(format!("no variable `%{}`", quote(name)));
                };
                if var
                    .language
                    .as_deref()
                    .is_some_and(|l| l != "text/fhirpath")
                {
                    return Err(format!("variable `%{}` is not FHIRPath", quote(name)));
                }
                return self.sum_terms(
                    var.expression.as_deref().unwrap_or_default(),
                    c,
                    depth + 1,
                    out,
                );
            }
        }
        let (rest, scored) = [
            (".ordinal().sum()", true),
            (".weight().sum()", true),
            (".ordinal()", true),
            (".weight()", true),
            (".value.sum()", false),
        ]
        .iter()
        .find_map(|(suffix, scored)| s.strip_suffix(suffix).map(|r| (r.to_string(), *scored)))
        .ok_or_else(|| "a term is not `….ordinal()`, `….weight()` or a variable".to_string())?;
        let rest = rest.strip_suffix(".value").unwrap_or(&rest).to_string();
        let links: Option<Vec<String>> =
            if matches!(rest.as_str(), "answers()" | "%resource.answers()") {
                None
            } else {
                let sel = rest
                    .strip_suffix(".answer")
                    .or_else(|| (rest == "answer").then_some(""))
                    .ok_or_else(|| "the selection does not end in `.answer`".to_string())?;
                let (absolute, path) = match sel.strip_prefix("%resource") {
                    Some(p) => (true, p.trim_start_matches('.')),
                    None => (false, sel),
                };
                let mut links = None;
                for seg in split_top(path, '.') {
                    match seg.as_str() {
                        "" | "item" | "repeat(item)" | "descendants()" => {}
                        w if w.starts_with("where(") && w.ends_with(')') => {
                            links = Some(link_ids(w.get(6..w.len() - 1).unwrap_or_default())?);
                        }
                        other => {
                            return Err(format!(
                                "`{other}` is not an item selection",
                                other = quote(other)
                            ))
                        }
                    }
                }
                match links {
                    Some(l) => Some(l),
                    None if !absolute && !c.siblings.is_empty() => Some(c.siblings.clone()),
                    None => None,
                }
            };
        let chosen: Vec<&Item> = match &links {
            Some(links) => {
                let mut v = Vec::new();
                for l in links {
                    match self
                        .mapping
                        .items
                        .get(l)
                        .and_then(|id| self.items.iter().find(|i| &i.id == id))
                    {
                        Some(i) => v.push(i),
                        None if links.len() > 1 && self.calcs.iter().any(|x| &x.link == l) => {}
                        None => {
                            return Err(format!("names `{l}`, not an imported item", l = quote(l)))
                        }
                    }
                }
                v
            }
            None => self.items.iter().collect(),
        };
        for i in chosen {
            let has_score = i.options.iter().any(|o| o.score.is_some());
            let numeric = matches!(i.kind, ItemType::Integer | ItemType::Number);
            if (scored && has_score) || (!scored && numeric) {
                out.push(i.id.clone());
            } else if links.is_some() {
                return Err(format!("item `{}` has no score", quote(&i.id)));
            }
        }
        Ok(())
    }

    fn finish(mut self, q: &Questionnaire) -> Imported {
        let ext = self.trygg_form.take();
        let id = match (&ext, &q.url) {
            (Some(_), Some(url)) => url.rsplit('/').next().unwrap_or_default().to_string(),
            _ => {
                q.id.clone()
                    .or_else(|| q.name.clone())
                    .unwrap_or_else(|| "imported".into())
            }
        };
        let id = {
            let mut s: String = id
                .to_ascii_lowercase()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            while s.starts_with(['.', '-']) {
                s.remove(0);
            }
            if s.is_empty() {
                "imported".into()
            } else {
                s
            }
        };
        let version = match &q.version {
            Some(v) if semverish(v) => v.clone(),
            other => {
                self.report.mapped.push(format!(
                    "/version → 1.0.0 ({})",
                    other.as_ref().map_or("no version".to_string(), |v| format!(
                        "`{v}` is not a semantic version"
                    ))
                ));
                "1.0.0".into()
            }
        };
        let title = text_of(q.title.as_ref(), q.title_ext.as_ref(), &self.default)
            .or_else(|| {
                q.name
                    .clone()
                    .map(|n| Text::Localized(BTreeMap::from([(self.default.clone(), n)])))
            })
            .unwrap_or_else(|| {
                Text::Localized(BTreeMap::from([(self.default.clone(), id.clone())]))
            });
        let status = match q.status.as_str() {
            "active" => trygg::model::Status::Active,
            "retired" => trygg::model::Status::Retired,
            _ => trygg::model::Status::Draft,
        };
        let mut form = FormDef {
            schema: None,
            id,
            version,
            status,
            title,
            code: q
                .code
                .iter()
                .find(|c| c.system.as_deref() == Some(LOINC))
                .and_then(|c| c.code.clone()),
            description: text_of(
                q.description.as_ref(),
                q.description_ext.as_ref(),
                &self.default,
            ),
            locales: vec![self.default.clone()],
            unverified_locales: Vec::new(),
            checkup: None,
            respondent: trygg::model::RespondentMode::Single,
            attributes: Vec::new(),
            profiles: None,
            source: None,
            text_pack: None,
            sections: std::mem::take(&mut self.sections),
            items: std::mem::take(&mut self.items),
            scales: std::mem::take(&mut self.scales_out),
            findings: Vec::new(),
            rules: Vec::new(),
            examples: Vec::new(),
        };
        if ext.is_none() {
            self.locales(&mut form);
        }
        let mut value = serde_json::to_value(&form).unwrap_or(Value::Null);
        if let (Some(ext), Value::Object(obj)) = (ext, &mut value) {
            for (k, v) in ext {
                obj.insert(k, v);
            }
            if let Ok(f) = serde_json::from_value(value.clone()) {
                form = f;
            }
        }
        let compiled = trygg::compile(&value).map_err(|e| e.0);
        Imported {
            form,
            mapping: self.mapping,
            report: self.report,
            has_scores: self.has_scores,
            compiled,
        }
    }

    /// Locales: the default plus every language all texts are translated into; other
    /// translations are dropped (and said so).
    fn locales(&mut self, form: &mut FormDef) {
        let mut texts: Vec<&mut Text> = vec![&mut form.title];
        texts.extend(form.description.as_mut());
        texts.extend(form.sections.iter_mut().map(|s| &mut s.title));
        for item in form.items.iter_mut() {
            texts.push(&mut item.text);
            texts.extend(item.help.as_mut());
            texts.extend(item.options.iter_mut().map(|o| &mut o.text));
        }
        texts.extend(form.scales.iter_mut().filter_map(|s| s.title.as_mut()));
        let mut common: Option<BTreeSet<String>> = None;
        for t in &texts {
            if let Text::Localized(m) = t {
                let langs: BTreeSet<String> = m.keys().cloned().collect();
                common = Some(match common {
                    None => langs,
                    Some(c) => c.intersection(&langs).cloned().collect(),
                });
            }
        }
        let common = common.unwrap_or_default();
        let mut locales = vec![self.default.clone()];
        locales.extend(common.into_iter().filter(|l| *l != self.default));
        let mut dropped = BTreeSet::new();
        for t in texts {
            if let Text::Localized(m) = t {
                m.retain(|k, _| {
                    let keep = locales.contains(k);
                    if !keep {
                        dropped.insert(k.clone());
                    }
                    keep
                });
            }
        }
        if !dropped.is_empty() {
            self.report.mapped.push(format!(
                "translations into {} left out: not every text has them",
                dropped.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
        form.locales = locales;
    }
}

fn semverish(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

/// Whitespace removed outside quoted strings.
fn strip_spaces(s: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in s.chars() {
        if c == '\'' {
            quoted = !quoted;
        }
        if quoted || !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// Split at `sep` outside parentheses and quotes.
fn split_top(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let (mut depth, mut quoted) = (0i32, false);
    for c in s.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// `(x)` → `x` while the parentheses wrap the whole text.
fn unwrap_parens(s: &str) -> String {
    let mut s = s.to_string();
    while s.starts_with('(') && s.ends_with(')') {
        let inner = s.get(1..s.len() - 1).unwrap_or_default();
        let mut depth = 0i32;
        let balanced = inner.chars().all(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth >= 0
        });
        if !balanced {
            break;
        }
        s = inner.to_string();
    }
    s
}

/// The linkIds of `linkId='a' or linkId='b'` or `linkId in ('a' | 'b')`.
fn link_ids(cond: &str) -> Result<Vec<String>, String> {
    let mut links = Vec::new();
    let mut rest = String::new();
    let mut cur: Option<String> = None;
    for c in cond.chars() {
        match (&mut cur, c) {
            (None, '\'') => cur = Some(String::new()),
            (Some(l), '\'') => {
                links.push(std::mem::take(l));
                cur = None;
            }
            (Some(l), c) => l.push(c),
            (None, c) => rest.push(c),
        }
    }
    let mut leftover = rest;
    for tok in ["linkId", "=", "or", "in", "(", ")", "|", ","] {
        leftover = leftover.replace(tok, "");
    }
    if !leftover.is_empty() || links.is_empty() {
        return Err(format!(
            "`where({})` is not a choice of linkIds",
            quote(cond)
        ));
    }
    Ok(links)
}
