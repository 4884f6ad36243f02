//! The slot layout of a form and the [`Scope`] that resolves condition variables to slots.
//!
//! Every value a condition may read (`answers.<item>`, `scales.<scale>`, `findings.<id>`,
//! …) gets a fixed slot number when the form is compiled. Evaluation fills a `Vec<Value>`
//! of that length in dependency order and hands it to the rules, so evaluating a rule does
//! no string look-ups, and a misspelt path is a compile error instead of a silent `null`.

use crate::form::Index;
use crate::form::{Layout, SlotKind, CONTEXT_KEYS};
use crate::input::quote;
use crate::logic::{Scope, SlotInfo, VarType};
use crate::model::{FormDef, ItemType};
use serde_json::Value;

/// Where a condition sits; decides which namespaces it may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Site {
    /// An item's `enableWhen`: may not read findings (they are computed after visibility).
    EnableWhen,
    /// A finding's `when`: may read other findings (cycles are rejected).
    Finding,
    /// A rule's `when`: may read everything.
    Rule,
}

/// Resolves `namespace.id` paths of one form to slots, with types for the type check.
pub struct FormScope<'a> {
    form: &'a FormDef,
    layout: &'a Layout,
    site: Site,
    items: &'a Index,
    scales: &'a Index,
    findings: &'a Index,
}

impl<'a> FormScope<'a> {
    /// A scope for conditions at `site`.
    pub fn new(
        form: &'a FormDef,
        layout: &'a Layout,
        site: Site,
        items: &'a Index,
        scales: &'a Index,
        findings: &'a Index,
    ) -> Self {
        FormScope {
            form,
            layout,
            site,
            items,
            scales,
            findings,
        }
    }

    fn info(&self, kind: SlotKind, ty: VarType, values: Option<Vec<Value>>) -> SlotInfo {
        SlotInfo {
            slot: u32::try_from(self.layout.slot(kind)).unwrap_or(u32::MAX),
            ty,
            values,
        }
    }

    fn item(&self, id: &str) -> Result<(usize, &'a crate::model::Item), String> {
        let index = *self
            .items
            .get(id)
            .ok_or_else(|| format!("no item with id `{id}`", id = quote(id)))?;
        let item = self
            .form
            .items
            .get(index)
            .ok_or_else(|| format!("no item with id `{id}`", id = quote(id)))?;
        Ok((index, item))
    }

    fn scale(&self, id: &str) -> Result<(usize, &'a crate::model::Scale), String> {
        let index = *self
            .scales
            .get(id)
            .ok_or_else(|| format!("no scale with id `{id}`", id = quote(id)))?;
        let scale = self
            .form
            .scales
            .get(index)
            .ok_or_else(|| format!("no scale with id `{id}`", id = quote(id)))?;
        Ok((index, scale))
    }
}

fn strings(values: impl IntoIterator<Item = String>) -> Option<Vec<Value>> {
    Some(values.into_iter().map(Value::String).collect())
}

impl Scope for FormScope<'_> {
    fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String> {
        let (namespace, id) = path.split_once('.').ok_or_else(|| {
            format!(
                "`{path}` is not a form variable; use answers.<item>, scores.<item>, \
                 declined.<item>, scales.<scale>, bands.<scale>, cutoff.<scale>, \
                 findings.<finding>, respondent.<attribute> or context.<key>",
                path = quote(path)
            )
        })?;
        match namespace {
            "answers" => {
                let (index, item) = self.item(id)?;
                let (ty, values) = match item.kind {
                    ItemType::Boolean => (VarType::Bool, None),
                    ItemType::Choice => (
                        VarType::String,
                        strings(item.options.iter().map(|o| o.value.clone())),
                    ),
                    ItemType::Multi => (VarType::Array, None),
                    ItemType::Integer | ItemType::Number => (VarType::Number, None),
                    ItemType::Text | ItemType::Date => (VarType::String, None),
                    ItemType::Display => {
                        return Err(format!(
                            "item `{id}` is a display item and has no answer",
                            id = quote(id)
                        ))
                    }
                };
                Ok(Some(self.info(SlotKind::Answer(index), ty, values)))
            }
            "scores" => {
                let (index, item) = self.item(id)?;
                if !super::is_scorable(item.kind) {
                    return Err(format!(
                        "item `{id}` is of a type that has no score; read answers.{id}",
                        id = quote(id)
                    ));
                }
                Ok(Some(self.info(
                    SlotKind::Score(index),
                    VarType::Number,
                    None,
                )))
            }
            "declined" => {
                let (index, item) = self.item(id)?;
                if !item.declinable {
                    return Err(format!(
                        "item `{id}` is not declinable; add \"declinable\": true to read declined.{id}",
                        id = quote(id)
                    ));
                }
                Ok(Some(self.info(
                    SlotKind::Declined(index),
                    VarType::Bool,
                    None,
                )))
            }
            "scales" => {
                let (index, _) = self.scale(id)?;
                Ok(Some(self.info(
                    SlotKind::Scale(index),
                    VarType::Number,
                    None,
                )))
            }
            "bands" => {
                let (index, scale) = self.scale(id)?;
                if scale.bands.is_empty() {
                    return Err(format!("scale `{id}` has no bands", id = quote(id)));
                }
                let values = strings(scale.bands.iter().map(|b| b.id.clone()));
                Ok(Some(self.info(
                    SlotKind::Band(index),
                    VarType::String,
                    values,
                )))
            }
            "cutoff" => {
                let (index, scale) = self.scale(id)?;
                if scale.cutoffs.is_empty() {
                    return Err(format!("scale `{id}` has no cut-offs", id = quote(id)));
                }
                Ok(Some(self.info(
                    SlotKind::Cutoff(index),
                    VarType::Bool,
                    None,
                )))
            }
            "findings" => {
                if self.site == Site::EnableWhen {
                    return Err(
                        "visibility conditions cannot read findings (findings are made after \
                         visibility is known); read answers, scores or scales instead"
                            .to_string(),
                    );
                }
                let index = *self
                    .findings
                    .get(id)
                    .ok_or_else(|| format!("no finding with id `{id}`", id = quote(id)))?;
                Ok(Some(self.info(
                    SlotKind::Finding(index),
                    VarType::Bool,
                    None,
                )))
            }
            "respondent" => {
                let (index, attribute) = self
                    .form
                    .attributes
                    .iter()
                    .enumerate()
                    .find(|(_, a)| a.id == id)
                    .ok_or_else(|| {
                        format!(
                            "no respondent attribute `{id}`; declare it in `attributes`",
                            id = quote(id)
                        )
                    })?;
                let values = strings(attribute.values.iter().cloned());
                Ok(Some(self.info(
                    SlotKind::Attribute(index),
                    VarType::String,
                    values,
                )))
            }
            "context" => {
                let index = CONTEXT_KEYS.iter().position(|k| *k == id).ok_or_else(|| {
                    format!(
                        "no context key `{id}`; the keys are {}",
                        CONTEXT_KEYS.join(", ")
                    )
                })?;
                let (ty, values) = match id {
                    "childAgeDays" => (VarType::Number, None),
                    "locale" => (VarType::String, strings(self.form.locales.iter().cloned())),
                    _ => (
                        VarType::String,
                        self.form
                            .profiles
                            .as_ref()
                            .and_then(|p| strings(p.available.iter().cloned())),
                    ),
                };
                Ok(Some(self.info(SlotKind::Context(index), ty, values)))
            }
            other => Err(format!(
                "unknown namespace `{other}`; use answers, scores, declined, scales, bands, \
                 cutoff, findings, respondent or context"
            )),
        }
    }

    fn allows_dynamic(&self) -> bool {
        false
    }
}
