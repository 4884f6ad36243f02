//! Form definition → [`CompiledForm`]: the semantic checks that a JSON Schema cannot make.
//!
//! The schema (feature `schema`) checks shapes; this module checks meaning: ids are unique,
//! every reference resolves, conditions type-check against the form, nothing depends on
//! itself, bands and cut-offs fit the scale's range, every text is complete in every
//! locale. All errors found are reported together, each with a stable code and the JSON
//! pointer of the offending value, so an author fixes a form in one round.
//!
//! The result is immutable: conditions are compiled to [`Rule`]s whose variables are slots,
//! and the evaluation order (items, scales, findings) is fixed here, once.

mod checks;
pub(crate) mod scope;

use crate::error::{Error, Errors};
pub use crate::form::CompiledForm;
use crate::form::{finding_when, index_of, Layout, Node, SlotKind};
use crate::input::quote;
use crate::logic::{self, Rule};
use crate::model::{FormDef, ItemType};
use scope::{FormScope, Site};
use serde_json::Value;
use std::collections::HashMap;

/// Most items in one form.
pub const MAX_ITEMS: usize = 500;
/// Most options of one item.
pub const MAX_OPTIONS: usize = 100;
/// Most scales, findings or rules in one form (each).
pub const MAX_ENTRIES: usize = 500;
/// Most examples in one form.
pub const MAX_EXAMPLES: usize = 1000;

/// Parse, schema-check (with feature `schema`) and compile form JSON text.
pub fn load(text: &str) -> Result<CompiledForm, Errors> {
    let value = crate::parse::parse_value(text)?;
    #[cfg(feature = "schema")]
    crate::schema::check(&value)?;
    compile(&value)
}

/// Compile a form value (no schema check: callers that need it run `schema::check` first).
pub fn compile(value: &Value) -> Result<CompiledForm, Errors> {
    let def = crate::parse::from_value(value)?;
    let hash = crate::canonical::content_hash(value);
    compile_def(def, hash)
}

fn compile_def(def: FormDef, hash: String) -> Result<CompiledForm, Errors> {
    let mut errors = Vec::new();
    checks::limits(&def, &mut errors);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    checks::structure(&def, &mut errors);

    let layout = Layout::new(&def);
    let item_index = index_of(def.items.iter().map(|i| i.id.as_str()));
    let scale_index = index_of(def.scales.iter().map(|s| s.id.as_str()));
    let finding_index = index_of(def.findings.iter().map(|f| f.id.as_str()));
    let scope = |site| {
        FormScope::new(
            &def,
            &layout,
            site,
            &item_index,
            &scale_index,
            &finding_index,
        )
    };

    let mut compile_rule = |value: &Value, site: Site, base: String| -> Option<Rule> {
        checks::loose_equality(value, &base, &mut errors);
        match logic::compile_with(value, &scope(site)) {
            Ok(rule) => Some(rule),
            Err(e) => {
                errors.push(Error::new(e.code, format!("{base}{}", e.path), e.message));
                None
            }
        }
    };
    let enable_when: Vec<Option<Option<Rule>>> = def
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| match &item.enable_when {
            None => Some(None),
            Some(v) => {
                compile_rule(v, Site::EnableWhen, format!("/items/{i}/enableWhen")).map(Some)
            }
        })
        .collect();
    let findings: Vec<Option<Rule>> = def
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| compile_rule(&f.when, Site::Finding, format!("/findings/{i}/when")))
        .collect();
    let rules: Vec<Option<Rule>> = def
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| compile_rule(&r.when, Site::Rule, format!("/rules/{i}/when")))
        .collect();

    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let enable_when: Vec<Option<Rule>> = enable_when.into_iter().flatten().collect();
    let findings: Vec<Rule> = findings.into_iter().flatten().collect();
    let mut rules: Vec<(usize, Rule)> = rules.into_iter().flatten().enumerate().collect();
    rules.sort_by_key(|(i, _)| {
        let priority = def.rules.get(*i).map_or(0, |r| r.priority);
        (std::cmp::Reverse(priority), *i)
    });

    let scale_items: Vec<Vec<(usize, f64)>> = def
        .scales
        .iter()
        .map(|s| {
            s.items
                .iter()
                .filter_map(|id| {
                    let weight = s.weights.get(id).copied().unwrap_or(1.0);
                    item_index.get(id).map(|i| (*i, weight))
                })
                .collect()
        })
        .collect();
    let (order, readers) = evaluation_order(&def, &layout, &scale_items, &enable_when, &findings)?;
    let affected = affected_steps(&def, &order, &readers);
    let finding_when = finding_when(&def);

    Ok(CompiledForm {
        def,
        hash,
        layout,
        item_index,
        enable_when,
        findings,
        rules,
        order,
        affected,
        scale_items,
        finding_when,
    })
}

/// For each item, the item and scale steps downstream of it (see `CompiledForm::affected`).
/// `readers[n]` lists the nodes that read node `n`, nodes numbered items, scales, findings.
fn affected_steps(def: &FormDef, order: &[Node], readers: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let (items, scales) = (def.items.len(), def.scales.len());
    let node_at = |n: usize| {
        if n < items {
            Some(Node::Item(n))
        } else if n < items + scales {
            Some(Node::Scale(n - items))
        } else {
            None
        }
    };
    let position: HashMap<Node, usize> = order.iter().enumerate().map(|(p, n)| (*n, p)).collect();
    (0..items)
        .map(|i| {
            let mut seen = vec![false; readers.len()];
            let mut stack = vec![i];
            let mut out = Vec::new();
            while let Some(n) = stack.pop() {
                if std::mem::replace(seen.get_mut(n).unwrap_or(&mut true), true) {
                    continue;
                }
                if let Some(p) = node_at(n).and_then(|node| position.get(&node)) {
                    out.push(*p);
                    stack.extend(readers.get(n).into_iter().flatten().copied());
                }
            }
            out.sort_unstable();
            out
        })
        .collect()
}

/// Whether items of this type have a score (and may be in a scale).
pub(crate) fn is_scorable(kind: ItemType) -> bool {
    matches!(
        kind,
        ItemType::Boolean
            | ItemType::Choice
            | ItemType::Multi
            | ItemType::Integer
            | ItemType::Number
    )
}

/// Order items, scales and findings so that everything a step reads is computed before it;
/// a cycle (an item whose visibility depends on itself, directly or through a scale or
/// finding) is a `form.cycle` error.
fn evaluation_order(
    def: &FormDef,
    layout: &Layout,
    scale_items: &[Vec<(usize, f64)>],
    enable_when: &[Option<Rule>],
    findings: &[Rule],
) -> Result<(Vec<Node>, Vec<Vec<usize>>), Error> {
    let nodes: Vec<Node> = (0..def.items.len())
        .map(Node::Item)
        .chain((0..def.scales.len()).map(Node::Scale))
        .chain((0..def.findings.len()).map(Node::Finding))
        .collect();
    let position: HashMap<Node, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let node_of_slot = |slot: u32| -> Option<Node> {
        match layout.kind(slot as usize)? {
            SlotKind::Answer(i) | SlotKind::Score(i) | SlotKind::Declined(i) => Some(Node::Item(i)),
            SlotKind::Scale(s) | SlotKind::Band(s) | SlotKind::Cutoff(s) => Some(Node::Scale(s)),
            SlotKind::Finding(f) => Some(Node::Finding(f)),
            SlotKind::Attribute(_) | SlotKind::Context(_) => None,
        }
    };
    // deps[n] = the nodes n reads.
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (n, node) in nodes.iter().enumerate() {
        let reads: Vec<Node> = match node {
            Node::Item(i) => enable_when
                .get(*i)
                .and_then(|r| r.as_ref())
                .map(|r| {
                    r.references()
                        .iter()
                        .filter_map(|x| x.slot.and_then(node_of_slot))
                        .collect()
                })
                .unwrap_or_default(),
            Node::Scale(s) => scale_items
                .get(*s)
                .map(|items| items.iter().map(|(i, _)| Node::Item(*i)).collect())
                .unwrap_or_default(),
            Node::Finding(f) => findings
                .get(*f)
                .map(|r| {
                    r.references()
                        .iter()
                        .filter_map(|x| x.slot.and_then(node_of_slot))
                        .collect()
                })
                .unwrap_or_default(),
        };
        if let Some(d) = deps.get_mut(n) {
            d.extend(reads.iter().filter_map(|r| position.get(r).copied()));
        }
    }
    // Kahn's algorithm, always taking the earliest declared ready node: a stable order.
    let mut remaining: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (n, d) in deps.iter().enumerate() {
        for &m in d {
            if let Some(r) = readers.get_mut(m) {
                r.push(n);
            }
        }
    }
    let mut ready: std::collections::BTreeSet<usize> = remaining
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == 0)
        .map(|(n, _)| n)
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(n) = ready.pop_first() {
        if let Some(node) = nodes.get(n) {
            order.push(*node);
        }
        for &r in readers.get(n).map(Vec::as_slice).unwrap_or_default() {
            if let Some(c) = remaining.get_mut(r) {
                *c = c.saturating_sub(1);
                if *c == 0 {
                    ready.insert(r);
                }
            }
        }
    }
    if order.len() == nodes.len() {
        return Ok((order, readers));
    }
    let stuck: Vec<Node> = remaining
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .filter_map(|(n, _)| nodes.get(n).copied())
        .collect();
    let name = |node: &Node| match node {
        Node::Item(i) => format!(
            "item `{}`",
            quote(def.items.get(*i).map_or("?", |x| x.id.as_str()))
        ),
        Node::Scale(s) => format!(
            "scale `{}`",
            quote(def.scales.get(*s).map_or("?", |x| x.id.as_str()))
        ),
        Node::Finding(f) => {
            format!(
                "finding `{}`",
                quote(def.findings.get(*f).map_or("?", |x| x.id.as_str()))
            )
        }
    };
    let pointer = stuck
        .iter()
        .find_map(|n| match n {
            Node::Item(i) => Some(format!("/items/{i}/enableWhen")),
            Node::Finding(f) => Some(format!("/findings/{f}/when")),
            Node::Scale(_) => None,
        })
        .unwrap_or_default();
    // At most five named: a cycle through hundreds of items would make a message nobody reads.
    let mut named = stuck
        .iter()
        .take(5)
        .map(name)
        .collect::<Vec<_>>()
        .join(", ");
    if stuck.len() > 5 {
        named.push_str(&format!(" and {} more", stuck.len() - 5));
    }
    Err(Error::new(
        "form.cycle",
        pointer,
        format!(
            "these depend on each other in a cycle: {named}; a condition may not depend on its \
             own result, directly or through a scale or finding"
        ),
    ))
}
