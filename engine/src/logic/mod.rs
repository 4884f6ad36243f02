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
//! assert_eq!((typo.code, typo.path.as_str()), ("logic.unknown_var", "/!/var"));
//! let wrong = logic::compile_with(&json!({"==": [{"var": "scales.phq2"}, "3"]}), &Form).unwrap_err();
//! assert_eq!((wrong.code, wrong.path.as_str()), ("logic.type_mismatch", "/==/1"));
//! ```
//!
//! # Limits
//!
//! A rule may nest at most [`MAX_DEPTH`] arrays/objects and hold at most [`MAX_NODES`]
//! JSON values. Both are checked before anything else, so compiling a hostile rule is
//! bounded, and evaluation recursion is bounded by the rule's depth (iterating over a
//! large array is a loop, not recursion).
//!
//! # The evaluation budget
//!
//! Every evaluation runs under one budget, the same on every runtime, checked as the
//! evaluator goes (before a value is allocated, not after). Going over any limit stops the
//! evaluation with the error `logic.budget_exceeded` ([`EvalError::limit`] names the
//! [`Limit`]); `try` cannot catch it, so a rule never gives a different answer because it
//! ran out.
//!
//! | Limit | Constant | Value | Protects against |
//! |---|---|---|---|
//! | `steps` | [`MAX_STEPS`] | 1,000,000 | CPU: nested iterators (`all` in `all` over 100-element arrays), long scans |
//! | `value_depth` | [`MAX_VALUE_DEPTH`] | 128 | stack: values nested by `reduce`/`map`/`throw` (drop, compare and print recurse) |
//! | `array_length` | [`MAX_ARRAY_LENGTH`] | 100,000 | memory: `merge` doubling an accumulator |
//! | `string_length` | [`MAX_STRING_BYTES`] | 1,000,000 bytes | memory: `cat` doubling a string |
//! | `value_bytes` | [`MAX_VALUE_BYTES`] | 1,048,576 | memory: one value built (size as JSON, roughly) |
//! | `total_bytes` | [`MAX_TOTAL_BYTES`] | 16,777,216 | memory: all values built in one evaluation |
//!
//! A step is one operator or argument evaluated, one element scanned by `in` or measured
//! when copied into a new value. Values read from the data or written literally in the
//! rule are not "built" and cost nothing until copied. Sizes count 8 bytes for each value
//! plus the bytes of strings and object keys. A form compiled with [`compile_with`] is
//! also checked statically: iterators over literal arrays whose product of lengths alone
//! exceeds [`MAX_STEPS`] are the compile error `logic.budget_exceeded`.

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

/// Most evaluation steps in one evaluation (see the budget table above).
pub const MAX_STEPS: u64 = 1_000_000;
/// Deepest value (nested arrays/objects) an evaluation may build.
pub const MAX_VALUE_DEPTH: usize = 128;
/// Longest array an evaluation may build.
pub const MAX_ARRAY_LENGTH: usize = 100_000;
/// Longest string (UTF-8 bytes) an evaluation may build.
pub const MAX_STRING_BYTES: usize = 1_000_000;
/// Largest single value an evaluation may build (8 bytes a value, plus string bytes).
pub const MAX_VALUE_BYTES: u64 = 1_048_576;
/// Most bytes all the values built in one evaluation may add up to.
pub const MAX_TOTAL_BYTES: u64 = 16_777_216;

/// A limit of the evaluation budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_STEPS`].
    Steps,
    /// [`MAX_VALUE_DEPTH`].
    ValueDepth,
    /// [`MAX_ARRAY_LENGTH`].
    ArrayLength,
    /// [`MAX_STRING_BYTES`].
    StringLength,
    /// [`MAX_VALUE_BYTES`].
    ValueBytes,
    /// [`MAX_TOTAL_BYTES`].
    TotalBytes,
}

impl Limit {
    /// The limit's stable name (`"steps"`, `"value_depth"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Limit::Steps => "steps",
            Limit::ValueDepth => "value_depth",
            Limit::ArrayLength => "array_length",
            Limit::StringLength => "string_length",
            Limit::ValueBytes => "value_bytes",
            Limit::TotalBytes => "total_bytes",
        }
    }

    /// The limit's value.
    pub fn max(self) -> u64 {
        let to64 = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        match self {
            Limit::Steps => MAX_STEPS,
            Limit::ValueDepth => to64(MAX_VALUE_DEPTH),
            Limit::ArrayLength => to64(MAX_ARRAY_LENGTH),
            Limit::StringLength => to64(MAX_STRING_BYTES),
            Limit::ValueBytes => MAX_VALUE_BYTES,
            Limit::TotalBytes => MAX_TOTAL_BYTES,
        }
    }

    /// What the limit bounds, for messages.
    pub fn describe(self) -> String {
        let what = match self {
            Limit::Steps => "evaluation steps",
            Limit::ValueDepth => "levels of nesting in a value built",
            Limit::ArrayLength => "elements in an array built",
            Limit::StringLength => "bytes in a string built",
            Limit::ValueBytes => "bytes in a value built",
            Limit::TotalBytes => "bytes built in one evaluation",
        };
        format!(
            "the evaluation budget `{}` is exceeded: more than {} {what}",
            self.name(),
            self.max()
        )
    }
}

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
#[error("{path}: {code}: {message}")]
pub struct CompileError {
    /// `logic.unknown_operator` | `logic.invalid_arguments` | `logic.too_deep` |
    /// `logic.too_large` | `logic.unknown_var` | `logic.dynamic_var` |
    /// `logic.type_mismatch` | `logic.unknown_value` | `logic.budget_exceeded`.
    pub code: &'static str,
    /// JSON pointer into the rule (`""` is the rule itself, `"/and/1/var"` …).
    pub path: String,
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
            "logic.budget_exceeded" => BUDGET_EXCEEDED,
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

    /// Whether the rule's result is truthy, with slot values as in [`Rule::evaluate_with`]:
    /// the result is tested where it lies, never copied out of the data or the rule.
    pub fn holds_with(&self, data: &Value, slots: &[Value]) -> Result<bool, EvalError> {
        eval::run_truthy(&self.root, data, slots)
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
    /// The evaluation budget ran out; not catchable by `try`.
    Budget(Limit),
}

/// The error type of [`Limit`] errors.
const BUDGET_EXCEEDED: &str = "Budget Exceeded";

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

    pub(crate) fn budget(limit: Limit) -> Self {
        EvalError {
            kind: ErrorKind::Budget(limit),
        }
    }

    /// The budget limit that stopped the evaluation, if that is what failed.
    pub fn limit(&self) -> Option<Limit> {
        match self.kind {
            ErrorKind::Budget(l) => Some(l),
            _ => None,
        }
    }

    /// The stable code: `logic.nan`, `logic.invalid_arguments`, `logic.thrown` or
    /// `logic.budget_exceeded`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::NaN => "logic.nan",
            ErrorKind::InvalidArguments => "logic.invalid_arguments",
            ErrorKind::Thrown(_) => "logic.thrown",
            ErrorKind::Budget(_) => "logic.budget_exceeded",
        }
    }

    /// A one-line description (`"the rule failed: NaN"`, or which budget ran out).
    pub fn message(&self) -> String {
        match self.kind {
            ErrorKind::Budget(l) => l.describe(),
            _ => format!(
                "the rule failed: {}",
                crate::input::quote(self.error_type())
            ),
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
            ErrorKind::Budget(_) => BUDGET_EXCEEDED,
        }
    }

    /// The full error value as JSON, e.g. `{"type":"NaN"}`, the thrown object, or
    /// `{"type":"Budget Exceeded","limit":"steps","max":1000000}`.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            ErrorKind::Thrown(v) => (**v).clone(),
            ErrorKind::Budget(l) => {
                serde_json::json!({ "type": BUDGET_EXCEEDED, "limit": l.name(), "max": l.max() })
            }
            _ => serde_json::json!({ "type": self.error_type() }),
        }
    }
}
