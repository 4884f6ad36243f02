//! The compiled JsonLogic tree: what `logic/compile.rs` writes and `logic/eval.rs` reads.
//! Serialisable, so a form compiled ahead of time carries its rules (see
//! `CompiledForm::to_precompiled`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One step of a variable path: an object key, and the array index it names (if any).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Seg {
    pub key: Box<str>,
    pub idx: Option<usize>,
}

#[cfg(feature = "compiler")]
impl Seg {
    /// A segment from its key (an index when the key is a whole number).
    pub(crate) fn new(key: &str) -> Seg {
        Seg {
            key: key.into(),
            idx: key.parse().ok(),
        }
    }
}

/// Where a static variable is read from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Lookup {
    /// A slot resolved by the scope.
    Slot(u32),
    /// A path in the current data context.
    Path(Box<[Seg]>),
}

/// The arguments of a value operator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Args {
    /// Written out: each node is one argument.
    List(Vec<Node>),
    /// One expression whose result, if an array, is the argument list.
    Spread(Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Cmp {
    Eq,
    StrictEq,
    Ne,
    StrictNe,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Arith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Max,
    Min,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Iter {
    Map,
    Filter,
    All,
    Some,
    None,
}

/// A compiled rule node.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) enum Node {
    /// A value known at compile time.
    Lit(Value),
    /// An array containing operators: evaluates to the array of their results.
    List(Vec<Node>),
    /// A static path in the current data context, with `var`'s default.
    Path {
        path: Box<[Seg]>,
        default: Option<Box<Node>>,
    },
    /// A root variable resolved to a slot, with `var`'s default.
    Slot {
        slot: u32,
        default: Option<Box<Node>>,
    },
    /// `val` climbing `level` scopes, then following `path`.
    Climb {
        level: usize,
        path: Box<[Seg]>,
    },
    /// `var` whose path is computed at run time.
    DynVar {
        path: Box<Node>,
        default: Option<Box<Node>>,
    },
    /// `val` whose segments are computed at run time.
    DynVal(Args),
    Exists(Lookup),
    DynExists(Args),
    Missing(Vec<(Value, Lookup)>),
    MissingSome {
        need: f64,
        keys: Vec<(Value, Lookup)>,
    },
    DynMissing(Args),
    DynMissingSome(Args),
    If(Vec<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Option<Box<Node>>),
    NotNot(Option<Box<Node>>),
    Cmp(Cmp, Vec<Node>),
    Arith(Arith, Args),
    Cat(Args),
    Merge(Args),
    In(Args),
    Substr(Args),
    Coalesce(Vec<Node>),
    Try(Vec<Node>),
    Throw(Box<Node>),
    Iter(Iter, Box<Node>, Box<Node>),
    Reduce(Box<Node>, Box<Node>, Option<Box<Node>>),
}
