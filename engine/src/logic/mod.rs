//! JsonLogic, compiled once and evaluated many times.
//!
//! Every condition in a Trygg form (skip logic, findings, offer rules) is a
//! [JsonLogic](https://jsonlogic.com) rule. A form is compiled once and then scores many
//! responses, so this module splits the work the same way:
//!
//! - [`compile`] / [`compile_with`] turn a rule (`serde_json::Value`) into a [`Rule`]: a
//!   typed tree of operators with their arguments already parsed, literals already built,
//!   variable paths already split, and every structural mistake (unknown operator, wrong
//!   argument shape, too deep, too large) reported with a JSON pointer into the rule.
//! - [`Rule::evaluate`] / [`Rule::evaluate_with`] walk that tree against data. They never
//!   re-parse, never panic, and borrow from the data instead of cloning it where they can
//!   (a `var` that is returned as-is is cloned once, at the very end).
//!
//! ```
//! use serde_json::json;
//! use trygg::logic;
//!
//! let between = logic::compile(&json!({"<": [0, {"var": "score"}, 10]})).unwrap();
//! assert_eq!(between.evaluate(&json!({"score": 4})).unwrap(), json!(true));
//! assert_eq!(between.evaluate(&json!({"score": 12})).unwrap(), json!(false));
//!
//! // Errors are values, with the conformance suites' type names.
//! let nan = logic::compile(&json!({"/": [1, {"var": "n"}]})).unwrap();
//! assert_eq!(nan.evaluate(&json!({"n": 0})).unwrap_err().error_type(), "NaN");
//! ```
//!
//! # Semantics
//!
//! The semantics are those of the shared JsonLogic conformance suites (all 1,138 cases
//! pass; see `engine/tests/conformance.rs`), which follow the JavaScript reference
//! implementations and tighten them where JavaScript is too forgiving: arithmetic or
//! comparison with arrays and objects is a `NaN` error, division by zero is a `NaN` error,
//! and errors are values that `try` can catch. The coercion rules live in `value.rs`.
//!
//! Operators: `var`, `val`, `exists`, `missing`, `missing_some`, `if`/`?:`, `==`, `===`,
//! `!=`, `!==`, `<`, `<=`, `>`, `>=` (all chainable: `{"<": [1, x, 10]}` is "between"),
//! `!`, `!!`, `and`, `or`, `??`, `+`, `-`, `*`, `/`, `%` (incl. unary forms), `max`, `min`,
//! `map`, `filter`, `reduce`, `all`, `some`, `none`, `merge`, `in`, `cat`, `substr`,
//! `throw`, `try` and `preserve`.
//!
//! Iterators (`map`, `filter`, `reduce`, `all`, `some`, `none`) and the fallbacks of `try`
//! evaluate their body in a new scope whose data is the current element (or the caught
//! error). `{"val": [[n], "path"...]}` climbs out of such scopes: odd levels read the
//! scope's metadata (`{"index": i}`), even levels the enclosing data; climbing past the
//! root stays at the root.
//!
//! # The scope hook
//!
//! The form compiler knows every variable a form may read (`answers.mood1`,
//! `scales.phq2`, …). [`compile_with`] lets it resolve each static root path to a slot
//! ([`Scope`]), so that a typo is a compile error (`logic.unknown_var`) instead of a
//! silent `null`, comparisons against impossible literals are caught
//! (`logic.type_mismatch`, `logic.unknown_value`), and evaluation reads
//! `slots[n]` instead of walking a path. [`Rule::references`] lists what a rule reads,
//! for "why did this fire" traces. Plain [`compile`] keeps ordinary dynamic look-ups.
//!
//! ```
//! use serde_json::json;
//! use trygg::logic::{self, Scope, SlotInfo, VarType};
//!
//! struct Form;
//! impl Scope for Form {
//!     fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String> {
//!         match path {
//!             "scales.phq2" => Ok(Some(SlotInfo { slot: 0, ty: VarType::Number, values: None })),
//!             _ => Err(format!("no scale or item `{path}` in this form")),
//!         }
//!     }
//! }
//!
//! let rule = logic::compile_with(&json!({">=": [{"var": "scales.phq2"}, 3]}), &Form).unwrap();
//! assert_eq!(rule.evaluate_with(&json!(null), &[json!(4)]).unwrap(), json!(true));
//!
//! let typo = logic::compile_with(&json!({"!": {"var": "scales.phq9"}}), &Form).unwrap_err();
//! assert_eq!((typo.code, typo.pointer.as_str()), ("logic.unknown_var", "/!/var"));
//! let wrong = logic::compile_with(&json!({"==": [{"var": "scales.phq2"}, "3"]}), &Form).unwrap_err();
//! assert_eq!((wrong.code, wrong.pointer.as_str()), ("logic.type_mismatch", "/==/1"));
//! ```
//!
//! # Limits
//!
//! A rule may nest at most [`MAX_DEPTH`] arrays/objects and hold at most [`MAX_NODES`]
//! JSON values. Both are checked before anything else, so compiling a hostile rule is
//! bounded, and evaluation recursion is bounded by the rule's depth (iterating over a
//! large array is a loop, not recursion).

pub(crate) mod ast;
#[cfg(feature = "compiler")]
mod compile;
mod eval;
mod value;

use serde_json::Value;

pub use value::truthy;

/// Maximum nesting depth of a rule (arrays and objects), checked at compile time.
pub const MAX_DEPTH: usize = 128;
/// Maximum number of JSON values (operators, arguments, literals) in one rule.
pub const MAX_NODES: usize = 100_000;

/// A compiled rule: immutable, cheap to share between threads. Compile once, evaluate
/// many times. Serialisable (the tree of [`ast`]), so a precompiled form carries it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    root: ast::Node,
    references: Vec<Reference>,
}

#[cfg(feature = "compiler")]
/// Compile a plain JsonLogic rule: every `var`/`val` looks its path up in the data at run
/// time.
pub fn compile(rule: &Value) -> Result<Rule, CompileError> {
    compile::compile(rule, None)
}

#[cfg(feature = "compiler")]
/// Compile with a scope that resolves static root variable paths to slots and checks
/// comparisons against their types (see [`Scope`]).
pub fn compile_with(rule: &Value, scope: &dyn Scope) -> Result<Rule, CompileError> {
    compile::compile(rule, Some(scope))
}

/// Resolves the variables a rule reads from the root data context, at compile time.
pub trait Scope {
    /// Called once for every static variable path the rule reads from the ROOT data
    /// context: `{"var": "answers.mood1"}`, `{"var": ["answers.mood1", 0]}`,
    /// `{"val": ["answers", "mood1"]}` (segments joined with '.'), and the literal keys of
    /// `missing`, `missing_some`, `exists`. Not called for paths inside iterator bodies
    /// (map/filter/reduce/all/some/none) or `try` fallbacks, which read the current
    /// element or error, nor for the empty path `""`.
    ///
    /// `Ok(Some(info))`: evaluation reads `slots[info.slot]` instead of the data;
    /// `Ok(None)`: dynamic look-up in the data; `Err(msg)`: compile error
    /// `logic.unknown_var`.
    fn resolve(&self, path: &str) -> Result<Option<SlotInfo>, String>;

    /// Whether a path computed at run time (`{"var": {"cat": ...}}`) or a scope jump out of
    /// an iterator to the root is allowed. `false` → compile error `logic.dynamic_var`.
    fn allows_dynamic(&self) -> bool {
        true
    }
}

/// What a [`Scope`] knows about a resolved variable.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotInfo {
    /// Index into the `slots` passed to [`Rule::evaluate_with`].
    pub slot: u32,
    /// The non-null type of the value in the slot (the value may always also be null).
    pub ty: VarType,
    /// When known, the complete set of non-null values the slot can hold (e.g. a choice
    /// item's option codes). A literal compared with such a var that is not in the set is
    /// a compile error (`logic.unknown_value`).
    pub values: Option<Vec<Value>>,
}

/// The JSON type of a slot's non-null values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarType {
    /// `true` / `false`.
    Bool,
    /// Any JSON number.
    Number,
    /// Any JSON string.
    String,
    /// A JSON array.
    Array,
    /// Unknown or mixed: no type checks.
    Any,
}

/// A located compile error: a stable code, a JSON pointer into the rule, and a message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{pointer}: {code}: {message}")]
pub struct CompileError {
    /// `logic.unknown_operator` | `logic.invalid_arguments` | `logic.too_deep` |
    /// `logic.too_large` | `logic.unknown_var` | `logic.dynamic_var` |
    /// `logic.type_mismatch` | `logic.unknown_value`.
    pub code: &'static str,
    /// JSON pointer into the rule (`""` is the rule itself, `"/and/1/var"` …).
    pub pointer: String,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl CompileError {
    /// The conformance suites' error type this corresponds to (`"Unknown Operator"`,
    /// `"Invalid Arguments"`, …), so that a rule the suites expect to fail reports the
    /// same type whether it fails when compiled or when evaluated.
    pub fn error_type(&self) -> &str {
        match self.code {
            "logic.unknown_operator" => "Unknown Operator",
            "logic.too_deep" => "Too Deep",
            "logic.too_large" => "Too Large",
            "logic.unknown_var" => "Unknown Variable",
            "logic.dynamic_var" => "Dynamic Variable",
            "logic.type_mismatch" => "Type Mismatch",
            "logic.unknown_value" => "Unknown Value",
            _ => "Invalid Arguments",
        }
    }
}

/// A path the rule reads from the root data, for traces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    /// The path as the rule wrote it (`val` segments joined with '.').
    pub path: String,
    /// The slot it was resolved to, if a [`Scope`] resolved it.
    pub slot: Option<u32>,
}

impl Rule {
    /// Evaluate against `data`.
    pub fn evaluate(&self, data: &Value) -> Result<Value, EvalError> {
        eval::run(&self.root, data, &[])
    }

    /// Evaluate with slot values: resolved paths read `slots[slot]` (an index past the end
    /// reads null, never panics); unresolved paths look up `data`.
    pub fn evaluate_with(&self, data: &Value, slots: &[Value]) -> Result<Value, EvalError> {
        eval::run(&self.root, data, slots)
    }

    /// Every static root path the rule reads, deduplicated, in first-appearance order,
    /// with its slot when resolved ("which answers did this rule read").
    pub fn references(&self) -> &[Reference] {
        &self.references
    }
}

/// An evaluation failure. Errors are values: `try` catches them, and `error_type()`
/// equals the conformance suites' `error.type` strings.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.error_type())]
pub struct EvalError {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
enum ErrorKind {
    /// A number could not be computed (non-numeric operand, division by zero, overflow).
    NaN,
    /// An operator got arguments it cannot work with.
    InvalidArguments,
    /// A value thrown by `throw` (strings and other non-objects wrapped as `{"type": v}`).
    Thrown(Box<Value>),
}

impl EvalError {
    pub(crate) fn nan() -> Self {
        EvalError {
            kind: ErrorKind::NaN,
        }
    }

    pub(crate) fn invalid() -> Self {
        EvalError {
            kind: ErrorKind::InvalidArguments,
        }
    }

    pub(crate) fn thrown(v: Value) -> Self {
        let v = match v {
            Value::Object(_) => v,
            other => serde_json::json!({ "type": other }),
        };
        EvalError {
            kind: ErrorKind::Thrown(Box::new(v)),
        }
    }

    /// `"NaN"`, `"Invalid Arguments"`, or the `type` of a thrown value (a thrown string is
    /// its own type; a thrown value without a string `type` reports `"Thrown"`).
    pub fn error_type(&self) -> &str {
        match &self.kind {
            ErrorKind::NaN => "NaN",
            ErrorKind::InvalidArguments => "Invalid Arguments",
            ErrorKind::Thrown(v) => v.get("type").and_then(Value::as_str).unwrap_or("Thrown"),
        }
    }

    /// The full error value as JSON, e.g. `{"type":"NaN"}` or the thrown object.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            ErrorKind::Thrown(v) => (**v).clone(),
            _ => serde_json::json!({ "type": self.error_type() }),
        }
    }
}
