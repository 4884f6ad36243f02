//! The compiled artifact: what the compiler (`compile/`) writes and the runtime
//! (`evaluate/`, `session.rs`) reads — [`CompiledForm`], its evaluation order ([`Node`]) and
//! its slot layout ([`Layout`], [`SlotKind`]). The runtime never imports the compiler; a
//! build without the `compiler` feature loads a form compiled ahead of time
//! ([`CompiledForm::from_precompiled`]).

use crate::error::Error;
use crate::logic::Rule;
use crate::model::{FormDef, Status};
use crate::outcome::Shared;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Context keys a condition (and a response) may use, in slot order (`evaluate` fills the
/// context slots in this order).
pub const CONTEXT_KEYS: [&str; 3] = ["childAgeDays", "locale", "profile"];
/// Index of `locale` in [`CONTEXT_KEYS`].
pub const CTX_LOCALE: usize = 1;

/// What a slot holds; used to build the dependency graph and to fill the slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SlotKind {
    /// The effective answer of an item (null when hidden, unanswered, declined or invalid).
    Answer(usize),
    /// The item's score.
    Score(usize),
    /// Whether the item was declined.
    Declined(usize),
    /// A scale's value.
    Scale(usize),
    /// The band a scale's value falls in.
    Band(usize),
    /// Whether the scale reached its cut-off.
    Cutoff(usize),
    /// Whether a finding was made.
    Finding(usize),
    /// A respondent attribute.
    Attribute(usize),
    /// A context value (index into [`CONTEXT_KEYS`]).
    Context(usize),
}

#[cfg(feature = "compiler")]
type MakeKind = fn(usize) -> SlotKind;

/// The slot numbers of one form.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    items: usize,
    scales: usize,
    findings: usize,
    attributes: usize,
}

impl Layout {
    /// The layout of `form`.
    pub fn new(form: &FormDef) -> Self {
        Layout {
            items: form.items.len(),
            scales: form.scales.len(),
            findings: form.findings.len(),
            attributes: form.attributes.len(),
        }
    }

    /// Number of slots.
    pub fn len(&self) -> usize {
        3 * self.items + 3 * self.scales + self.findings + self.attributes + CONTEXT_KEYS.len()
    }

    /// The slot number of `kind`.
    pub fn slot(&self, kind: SlotKind) -> usize {
        let (i, s, f, a) = (self.items, self.scales, self.findings, self.attributes);
        match kind {
            SlotKind::Answer(k) => k,
            SlotKind::Score(k) => i + k,
            SlotKind::Declined(k) => 2 * i + k,
            SlotKind::Scale(k) => 3 * i + k,
            SlotKind::Band(k) => 3 * i + s + k,
            SlotKind::Cutoff(k) => 3 * i + 2 * s + k,
            SlotKind::Finding(k) => 3 * i + 3 * s + k,
            SlotKind::Attribute(k) => 3 * i + 3 * s + f + k,
            SlotKind::Context(k) => 3 * i + 3 * s + f + a + k,
        }
    }

    /// What slot number `slot` holds.
    #[cfg(feature = "compiler")]
    pub fn kind(&self, slot: usize) -> Option<SlotKind> {
        let (i, s, f, a) = (self.items, self.scales, self.findings, self.attributes);
        let mut n = slot;
        let ranges: [(usize, MakeKind); 9] = [
            (i, SlotKind::Answer),
            (i, SlotKind::Score),
            (i, SlotKind::Declined),
            (s, SlotKind::Scale),
            (s, SlotKind::Band),
            (s, SlotKind::Cutoff),
            (f, SlotKind::Finding),
            (a, SlotKind::Attribute),
            (CONTEXT_KEYS.len(), SlotKind::Context),
        ];
        for (len, make) in ranges {
            if n < len {
                return Some(make(n));
            }
            n -= len;
        }
        None
    }
}

/// One step of evaluation, in dependency order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Node {
    /// Decide an item's visibility and take its answer.
    Item(usize),
    /// Compute a scale.
    Scale(usize),
    /// Decide a finding.
    Finding(usize),
}

/// A compiled, immutable form version: share it freely; evaluating never mutates it.
#[derive(Debug, Clone)]
pub struct CompiledForm {
    pub(crate) def: FormDef,
    pub(crate) hash: String,
    pub(crate) layout: Layout,
    pub(crate) item_index: Index,
    pub(crate) enable_when: Vec<Option<Rule>>,
    pub(crate) findings: Vec<Rule>,
    /// Rules in firing order (priority, higher first; then file order): (index in def, rule).
    pub(crate) rules: Vec<(usize, Rule)>,
    pub(crate) order: Vec<Node>,
    /// For each item, the positions in `order` of the item and scale steps that must be
    /// re-run when its answer changes (itself included), ascending. Findings are not
    /// included: a live session needs visibility, not findings, until the outcome.
    pub(crate) affected: Vec<Vec<usize>>,
    /// For each scale, its items' indices and weights (resolved once, not per evaluation).
    pub(crate) scale_items: Vec<Vec<(usize, f64)>>,
    /// Each finding's condition as written, shared with every outcome that makes it (an
    /// outcome's trace holds it without copying). Derived from `def`, never serialized.
    pub(crate) finding_when: Vec<Shared<Value>>,
}

impl CompiledForm {
    /// Form id.
    pub fn id(&self) -> &str {
        &self.def.id
    }
    /// Form version.
    pub fn version(&self) -> &str {
        &self.def.version
    }
    /// Publication state.
    pub fn status(&self) -> Status {
        self.def.status
    }
    /// `sha256:<hex>` of the canonical JSON of the definition.
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// The definition as written.
    pub fn def(&self) -> &FormDef {
        &self.def
    }
    /// Index of an item by id.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }
}

/// FNV-1a: ids are short, and every answer of every response is looked up by id, so a
/// cheap hash beats SipHash here. Flooding is not a concern: the table is built from the
/// form definition once and only read afterwards (a response cannot add keys).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Ids to their index, hashed with [`IdHasher`].
pub(crate) type Index = HashMap<String, usize, BuildHasherDefault<IdHasher>>;

/// Each finding's `when`, shared (see [`CompiledForm::finding_when`]).
pub(crate) fn finding_when(def: &FormDef) -> Vec<Shared<Value>> {
    def.findings
        .iter()
        .map(|f| Shared::new(f.when.clone()))
        .collect()
}

/// Index of each id (the first, when an id repeats).
pub(crate) fn index_of<'a>(ids: impl Iterator<Item = &'a str>) -> Index {
    let mut map = Index::default();
    for (i, id) in ids.enumerate() {
        map.entry(id.to_string()).or_insert(i);
    }
    map
}

/// The format tag of a precompiled form; [`CompiledForm::from_precompiled`] refuses any
/// other. Bump it whenever the artifact's shape ([`CompiledForm`], [`Node`], the JsonLogic
/// tree) changes.
pub const PRECOMPILED_FORMAT: &str = "trygg-compiled/1";

/// Largest precompiled form text accepted, in bytes.
pub const MAX_PRECOMPILED_BYTES: usize = 16 * 1024 * 1024;

/// The serialized form of a [`CompiledForm`] (the derived parts — item index, slot layout —
/// are rebuilt on load).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Precompiled {
    format: String,
    /// The engine that compiled it (informative: the format tag decides compatibility).
    engine: String,
    hash: String,
    def: FormDef,
    enable_when: Vec<Option<Rule>>,
    findings: Vec<Rule>,
    rules: Vec<(usize, Rule)>,
    order: Vec<Node>,
    affected: Vec<Vec<usize>>,
    scale_items: Vec<Vec<(usize, f64)>>,
}

fn bad(pointer: &str, message: impl Into<String>) -> Error {
    Error::new("precompiled.invalid", pointer, message)
}

impl CompiledForm {
    /// The form as a precompiled artifact (JSON text): format tag [`PRECOMPILED_FORMAT`],
    /// the definition, its content hash, and the compiled rules, order and slot use. A
    /// runtime build without the compiler loads it with [`CompiledForm::from_precompiled`]
    /// and evaluates to the same outcome bytes.
    pub fn to_precompiled(&self) -> String {
        let p = Precompiled {
            format: PRECOMPILED_FORMAT.to_string(),
            engine: crate::outcome::ENGINE.to_string(),
            hash: self.hash.clone(),
            def: self.def.clone(),
            enable_when: self.enable_when.clone(),
            findings: self.findings.clone(),
            rules: self.rules.clone(),
            order: self.order.clone(),
            affected: self.affected.clone(),
            scale_items: self.scale_items.clone(),
        };
        serde_json::to_string(&p).unwrap_or_default()
    }

    /// Load a form compiled ahead of time ([`CompiledForm::to_precompiled`]). Checked on
    /// load: `precompiled.too_large`, `precompiled.not_json` (with line and column),
    /// `precompiled.format` (another format tag: compile the form again with this engine),
    /// `precompiled.invalid` (a part that does not fit the definition, with its pointer).
    /// The outcome names the definition's content hash as the compiler computed it.
    pub fn from_precompiled(text: &str) -> Result<CompiledForm, Error> {
        if text.len() > MAX_PRECOMPILED_BYTES {
            return Err(Error::new(
                "precompiled.too_large",
                "",
                format!(
                    "the precompiled form is {} bytes; the limit is {MAX_PRECOMPILED_BYTES}",
                    text.len()
                ),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::new(
                "precompiled.not_json",
                "",
                format!("not JSON at line {}, column {}: {e}", e.line(), e.column()),
            )
        })?;
        let format = value.get("format").and_then(serde_json::Value::as_str);
        if format != Some(PRECOMPILED_FORMAT) {
            return Err(Error::new(
                "precompiled.format",
                "/format",
                format!(
                    "the format is {}, this engine reads `{PRECOMPILED_FORMAT}`: compile the \
                     form again with this engine",
                    format.map_or("missing".to_string(), |f| format!("`{f}`"))
                ),
            ));
        }
        let p = Precompiled::deserialize(&value).map_err(|e| bad("", e.to_string()))?;
        let def = &p.def;
        let counts = [
            ("/enable_when", p.enable_when.len(), def.items.len()),
            ("/affected", p.affected.len(), def.items.len()),
            ("/findings", p.findings.len(), def.findings.len()),
            ("/rules", p.rules.len(), def.rules.len()),
            ("/scale_items", p.scale_items.len(), def.scales.len()),
            (
                "/order",
                p.order.len(),
                def.items.len() + def.scales.len() + def.findings.len(),
            ),
        ];
        for (pointer, got, want) in counts {
            if got != want {
                return Err(bad(
                    pointer,
                    format!("{got} entries for a definition that needs {want}"),
                ));
            }
        }
        for (i, node) in p.order.iter().enumerate() {
            let fits = match *node {
                Node::Item(k) => k < def.items.len(),
                Node::Scale(k) => k < def.scales.len(),
                Node::Finding(k) => k < def.findings.len(),
            };
            if !fits {
                return Err(bad(
                    &format!("/order/{i}"),
                    "names an entry the form does not have",
                ));
            }
        }
        if let Some(i) = p
            .affected
            .iter()
            .position(|a| a.iter().any(|&k| k >= p.order.len()))
        {
            return Err(bad(
                &format!("/affected/{i}"),
                "names a step past the end of /order",
            ));
        }
        if let Some(i) = p.rules.iter().position(|(k, _)| *k >= def.rules.len()) {
            return Err(bad(
                &format!("/rules/{i}/0"),
                "names a rule the form does not have",
            ));
        }
        let scale_item_ok = |s: &Vec<(usize, f64)>| s.iter().all(|(k, _)| *k < def.items.len());
        if let Some(i) = p.scale_items.iter().position(|s| !scale_item_ok(s)) {
            return Err(bad(
                &format!("/scale_items/{i}"),
                "names an item the form does not have",
            ));
        }
        let layout = Layout::new(&p.def);
        let item_index = index_of(p.def.items.iter().map(|i| i.id.as_str()));
        let finding_when = finding_when(&p.def);
        Ok(CompiledForm {
            def: p.def,
            hash: p.hash,
            layout,
            item_index,
            enable_when: p.enable_when,
            findings: p.findings,
            rules: p.rules,
            order: p.order,
            affected: p.affected,
            scale_items: p.scale_items,
            finding_when,
        })
    }
}
