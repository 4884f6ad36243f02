//! From a JSON rule to a typed tree ([`Node`]), once.
//!
//! Compiling does all the work that does not depend on the data: it checks the limits,
//! picks the operator, checks the shape of its arguments, splits variable paths, builds
//! literal values, and (with a [`Scope`]) resolves root variables to slots and checks
//! comparisons against their types. Evaluation then only walks the tree.
//!
//! Each operator's argument shape is decided here:
//!
//! - *value operators* (`+ - * / % max min cat merge in substr missing missing_some`) take
//!   an array of arguments, a single literal, or a single operator whose *result* is
//!   spread into the argument list (`{"max": {"var": "list"}}`);
//! - *control operators* (`if and or`, comparisons, iterators) must be given an array:
//!   their laziness depends on seeing each argument, so anything else is a compile error;
//! - `! !! ?? try throw` take an array or one expression.

use std::collections::{HashMap, HashSet};

use crate::error::json_kind as type_name;
use serde_json::Value;

use super::ast::{Args, Arith, Cmp, Iter, Lookup, Node, Seg};
use super::value::{push_number, strict_eq};
use super::{
    CompileError, Reference, Rule, Scope, SlotInfo, VarType, MAX_DEPTH, MAX_NODES, MAX_STEPS,
};
use crate::error::escape_pointer;
use crate::input::quote;

/// A location in the rule, as a chain of parent links (rendered only on error).
#[derive(Clone, Copy)]
struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    seg: LocSeg<'a>,
}

#[derive(Clone, Copy)]
enum LocSeg<'a> {
    Root,
    Key(&'a str),
    Idx(usize),
}

impl<'a> Loc<'a> {
    fn key<'b>(&'b self, k: &'b str) -> Loc<'b> {
        Loc {
            parent: Some(self),
            seg: LocSeg::Key(k),
        }
    }

    fn idx(&'a self, i: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            seg: LocSeg::Idx(i),
        }
    }

    fn pointer(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = Some(self);
        while let Some(l) = cur {
            match l.seg {
                LocSeg::Root => {}
                LocSeg::Key(k) => segs.push(escape_pointer(k)),
                LocSeg::Idx(i) => segs.push(i.to_string()),
            }
            cur = l.parent;
        }
        segs.iter().rev().fold(String::new(), |mut acc, s| {
            acc.push('/');
            acc.push_str(s);
            acc
        })
    }

    fn err(&self, code: &'static str, message: impl Into<String>) -> CompileError {
        CompileError {
            code,
            path: self.pointer(),
            message: message.into(),
        }
    }
}

const ROOT: Loc<'static> = Loc {
    parent: None,
    seg: LocSeg::Root,
};

pub(crate) fn compile(rule: &Value, scope: Option<&dyn Scope>) -> Result<Rule, CompileError> {
    let mut count = 0;
    check_limits(rule, 0, &ROOT, &mut count)?;
    let mut c = Compiler {
        scope,
        cache: HashMap::new(),
        refs: Vec::new(),
        seen: HashSet::new(),
        slots: HashMap::new(),
    };
    let root = c.node(rule, &ROOT, 0)?;
    if scope.is_some() {
        static_steps(rule, &ROOT)?;
    }
    Ok(Rule {
        root,
        references: c.refs,
    })
}

/// Depth and size limits, checked before anything else. The recursion stops at
/// `MAX_DEPTH`, so even a 100,000-deep rule costs 128 stack frames.
fn check_limits(v: &Value, depth: usize, loc: &Loc, count: &mut usize) -> Result<(), CompileError> {
    *count += 1;
    if *count > MAX_NODES {
        return Err(loc.err(
            "logic.too_large",
            format!("the rule has more than {MAX_NODES} values; split it into smaller rules"),
        ));
    }
    match v {
        Value::Array(items) => {
            if depth >= MAX_DEPTH {
                return Err(too_deep(loc));
            }
            for (i, item) in items.iter().enumerate() {
                check_limits(item, depth + 1, &loc.idx(i), count)?;
            }
        }
        Value::Object(map) => {
            if depth >= MAX_DEPTH {
                return Err(too_deep(loc));
            }
            for (k, item) in map {
                check_limits(item, depth + 1, &loc.key(k), count)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The steps a rule takes at least when every iterator over a literal array runs over all
/// of it (an iterator over data counts its body once). Over [`MAX_STEPS`] is the compile
/// error `logic.budget_exceeded`, at the iterator where the count first goes over.
/// Recursion is bounded by `MAX_DEPTH`, checked before.
fn static_steps(v: &Value, loc: &Loc) -> Result<u64, CompileError> {
    let steps = match v {
        Value::Array(items) => {
            let mut sum = 1u64;
            for (i, item) in items.iter().enumerate() {
                sum = sum.saturating_add(static_steps(item, &loc.idx(i))?);
            }
            sum
        }
        Value::Object(map) if map.len() == 1 => {
            let mut sum = 1u64;
            for (op, args) in map {
                let at = loc.key(op);
                let iterates = matches!(
                    op.as_str(),
                    "map" | "filter" | "all" | "some" | "none" | "reduce"
                );
                match (iterates, args) {
                    (true, Value::Array(a)) => {
                        let mut inner = 0u64;
                        for (i, item) in a.iter().enumerate() {
                            inner = inner.saturating_add(static_steps(item, &at.idx(i))?);
                        }
                        let times = match a.first() {
                            Some(Value::Array(lit)) => u64::try_from(lit.len()).unwrap_or(u64::MAX),
                            _ => 1,
                        };
                        let body = match a.get(1) {
                            Some(b) => static_steps(b, &at.idx(1))?,
                            None => 0,
                        };
                        sum = sum
                            .saturating_add(inner)
                            .saturating_add(body.saturating_mul(times.saturating_sub(1)));
                    }
                    _ => sum = sum.saturating_add(static_steps(args, &at)?),
                }
            }
            sum
        }
        _ => 1,
    };
    if steps > MAX_STEPS {
        return Err(loc.err(
            "logic.budget_exceeded",
            format!(
                "this condition takes more than {MAX_STEPS} evaluation steps (iterators over \
                 literal arrays multiply), so it can exceed the evaluation budget; iterate over less"
            ),
        ));
    }
    Ok(steps)
}

fn too_deep(loc: &Loc) -> CompileError {
    loc.err(
        "logic.too_deep",
        format!("the rule nests more than {MAX_DEPTH} arrays/objects"),
    )
}

struct Compiler<'s> {
    scope: Option<&'s dyn Scope>,
    cache: HashMap<String, Option<SlotInfo>>,
    refs: Vec<Reference>,
    seen: HashSet<String>,
    /// Resolved slots: the path they came from and what the scope said about them.
    slots: HashMap<u32, (String, SlotInfo)>,
}

/// The literal segments of a static path, if every element is a string or number.
fn literal_segs(items: &[Value]) -> Option<Vec<Seg>> {
    items
        .iter()
        .map(|v| match v {
            Value::String(s) => Some(Seg::new(s)),
            Value::Number(n) => Some(Seg::new(&number_key(n))),
            _ => None,
        })
        .collect()
}

fn number_key(n: &serde_json::Number) -> String {
    let mut s = String::new();
    push_number(&mut s, n);
    s
}

fn dotted(path: &str) -> Box<[Seg]> {
    if path.is_empty() {
        return Box::new([]);
    }
    path.split('.').map(Seg::new).collect()
}

fn joined(segs: &[Seg]) -> String {
    segs.iter().map(|s| &*s.key).collect::<Vec<_>>().join(".")
}

fn var_type_name(t: VarType) -> &'static str {
    match t {
        VarType::Bool => "a boolean",
        VarType::Number => "a number",
        VarType::String => "a string",
        VarType::Array => "an array",
        VarType::Any => "any value",
    }
}

impl Compiler<'_> {
    fn node(&mut self, v: &Value, loc: &Loc, depth: usize) -> Result<Node, CompileError> {
        match v {
            Value::Array(items) => {
                let mut nodes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    nodes.push(self.node(item, &loc.idx(i), depth)?);
                }
                if nodes.iter().all(|n| matches!(n, Node::Lit(_))) {
                    let lits = nodes
                        .into_iter()
                        .map(|n| match n {
                            Node::Lit(v) => v,
                            _ => Value::Null,
                        })
                        .collect();
                    Ok(Node::Lit(Value::Array(lits)))
                } else {
                    Ok(Node::List(nodes))
                }
            }
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (None, _) => Ok(Node::Lit(v.clone())),
                    (Some((op, args)), None) => self.op(op, args, &loc.key(op), depth),
                    (Some(_), Some(_)) => {
                        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                        Err(loc.err(
                            "logic.unknown_operator",
                            format!(
                                "a rule object must have exactly one key, the operator; found {}",
                                quote(&keys.join(", "))
                            ),
                        ))
                    }
                }
            }
            _ => Ok(Node::Lit(v.clone())),
        }
    }

    /// Compile an operator; `loc` points at its arguments (`.../op`).
    fn op(
        &mut self,
        op: &str,
        args: &Value,
        loc: &Loc,
        depth: usize,
    ) -> Result<Node, CompileError> {
        Ok(match op {
            "var" => self.var(args, loc, depth)?,
            "val" => self.val(args, loc, depth)?,
            "exists" => self.exists(args, loc, depth)?,
            "missing" => self.missing(args, loc, depth)?,
            "missing_some" => self.missing_some(args, loc, depth)?,
            "if" | "?:" => Node::If(self.list(op, args, loc, depth)?),
            "and" => Node::And(self.list(op, args, loc, depth)?),
            "or" => Node::Or(self.list(op, args, loc, depth)?),
            "!" => Node::Not(self.first(args, loc, depth)?),
            "!!" => Node::NotNot(self.first(args, loc, depth)?),
            "==" | "===" | "!=" | "!==" | "<" | "<=" | ">" | ">=" => {
                let cmp = match op {
                    "==" => Cmp::Eq,
                    "===" => Cmp::StrictEq,
                    "!=" => Cmp::Ne,
                    "!==" => Cmp::StrictNe,
                    "<" => Cmp::Lt,
                    "<=" => Cmp::Le,
                    ">" => Cmp::Gt,
                    _ => Cmp::Ge,
                };
                let nodes = self.list(op, args, loc, depth)?;
                if nodes.len() < 2 {
                    return Err(loc.err(
                        "logic.invalid_arguments",
                        format!("`{op}` compares two or more arguments"),
                    ));
                }
                self.check_comparison(&nodes, loc)?;
                Node::Cmp(cmp, nodes)
            }
            "+" | "-" | "*" | "/" | "%" | "max" | "min" => {
                let arith = match op {
                    "+" => Arith::Add,
                    "-" => Arith::Sub,
                    "*" => Arith::Mul,
                    "/" => Arith::Div,
                    "%" => Arith::Mod,
                    "max" => Arith::Max,
                    _ => Arith::Min,
                };
                let a = self.args(args, loc, depth)?;
                if let Args::List(nodes) = &a {
                    let min = match arith {
                        Arith::Add | Arith::Mul => 0,
                        Arith::Mod => 2,
                        _ => 1,
                    };
                    if nodes.len() < min {
                        return Err(loc.err(
                            "logic.invalid_arguments",
                            format!("`{op}` needs at least {min} argument(s)"),
                        ));
                    }
                    self.check_arithmetic(op, nodes, args, loc)?;
                }
                if let Args::Spread(node) = &a {
                    self.check_arithmetic(op, std::slice::from_ref(&**node), args, loc)?;
                }
                Node::Arith(arith, a)
            }
            "cat" => Node::Cat(self.args(args, loc, depth)?),
            "merge" => Node::Merge(self.args(args, loc, depth)?),
            "substr" => Node::Substr(self.args(args, loc, depth)?),
            "in" => {
                let a = self.args(args, loc, depth)?;
                if let Args::List(nodes) = &a {
                    if nodes.len() != 2 {
                        return Err(loc.err(
                            "logic.invalid_arguments",
                            "`in` takes two arguments: [needle, haystack]",
                        ));
                    }
                    self.check_in(nodes, loc)?;
                }
                Node::In(a)
            }
            "??" => Node::Coalesce(self.list_or_one(args, loc, depth, depth)?),
            "try" => Node::Try(self.list_or_one(args, loc, depth, depth + 1)?),
            "throw" => Node::Throw(Box::new(
                self.first(args, loc, depth)?
                    .map_or(Node::Lit(Value::Null), |b| *b),
            )),
            "map" | "filter" | "all" | "some" | "none" => {
                let it = match op {
                    "map" => Iter::Map,
                    "filter" => Iter::Filter,
                    "all" => Iter::All,
                    "some" => Iter::Some,
                    _ => Iter::None,
                };
                let items = self.array_args(op, args, loc, 2, 2)?;
                let (Some(arr), Some(body)) = (items.first(), items.get(1)) else {
                    return Err(loc.err(
                        "logic.invalid_arguments",
                        format!("`{op}` takes [array, rule]"),
                    ));
                };
                if matches!(it, Iter::Map | Iter::Filter) {
                    if arr.is_null() {
                        return Err(loc.idx(0).err(
                            "logic.invalid_arguments",
                            format!("`{op}` over a literal null; give an array or a var"),
                        ));
                    }
                    if body.is_null() {
                        return Err(loc.idx(1).err(
                            "logic.invalid_arguments",
                            format!("`{op}` with a null rule"),
                        ));
                    }
                }
                let arr = self.node(arr, &loc.idx(0), depth)?;
                let body = self.node(body, &loc.idx(1), depth + 1)?;
                Node::Iter(it, Box::new(arr), Box::new(body))
            }
            "reduce" => {
                let items = self.array_args(op, args, loc, 2, 3)?;
                let (Some(arr), Some(body)) = (items.first(), items.get(1)) else {
                    return Err(loc.err(
                        "logic.invalid_arguments",
                        "`reduce` takes [array, rule, initial]",
                    ));
                };
                if arr.is_null() {
                    return Err(loc.idx(0).err(
                        "logic.invalid_arguments",
                        "`reduce` over a literal null; give an array or a var",
                    ));
                }
                let arr = self.node(arr, &loc.idx(0), depth)?;
                let body = self.node(body, &loc.idx(1), depth + 1)?;
                let init = match items.get(2) {
                    Some(v) => Some(Box::new(self.node(v, &loc.idx(2), depth)?)),
                    None => None,
                };
                Node::Reduce(Box::new(arr), Box::new(body), init)
            }
            "preserve" => Node::Lit(args.clone()),
            _ => {
                return Err(loc.err(
                    "logic.unknown_operator",
                    format!("unknown operator `{}`", quote(op)),
                ))
            }
        })
    }

    /// Arguments of a control operator: must be an array.
    fn list(
        &mut self,
        op: &str,
        args: &Value,
        loc: &Loc,
        depth: usize,
    ) -> Result<Vec<Node>, CompileError> {
        let Value::Array(items) = args else {
            return Err(loc.err(
                "logic.invalid_arguments",
                format!("`{op}` takes an array of arguments"),
            ));
        };
        let mut nodes = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            nodes.push(self.node(item, &loc.idx(i), depth)?);
        }
        Ok(nodes)
    }

    fn array_args<'v>(
        &self,
        op: &str,
        args: &'v Value,
        loc: &Loc,
        min: usize,
        max: usize,
    ) -> Result<&'v [Value], CompileError> {
        match args {
            Value::Array(items) if (min..=max).contains(&items.len()) => Ok(items),
            _ => Err(loc.err(
                "logic.invalid_arguments",
                if min == max {
                    format!("`{op}` takes an array of {min} arguments")
                } else {
                    format!("`{op}` takes an array of {min} to {max} arguments")
                },
            )),
        }
    }

    /// An array of expressions, or one expression. The first is compiled at `depth`,
    /// the rest at `rest_depth` (`try` evaluates its fallbacks in the error's scope).
    fn list_or_one(
        &mut self,
        args: &Value,
        loc: &Loc,
        depth: usize,
        rest_depth: usize,
    ) -> Result<Vec<Node>, CompileError> {
        match args {
            Value::Array(items) => {
                let mut nodes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let d = if i == 0 { depth } else { rest_depth };
                    nodes.push(self.node(item, &loc.idx(i), d)?);
                }
                Ok(nodes)
            }
            _ => Ok(vec![self.node(args, loc, depth)?]),
        }
    }

    /// The first argument of a unary operator (an array's first element, or the value).
    /// Further elements are never evaluated, but are still compiled, so that a mistake
    /// in them is reported rather than silently ignored.
    fn first(
        &mut self,
        args: &Value,
        loc: &Loc,
        depth: usize,
    ) -> Result<Option<Box<Node>>, CompileError> {
        match args {
            Value::Array(items) => {
                let mut first = None;
                for (i, item) in items.iter().enumerate() {
                    let node = self.node(item, &loc.idx(i), depth)?;
                    if i == 0 {
                        first = Some(Box::new(node));
                    }
                }
                Ok(first)
            }
            _ => Ok(Some(Box::new(self.node(args, loc, depth)?))),
        }
    }

    /// Arguments of a value operator.
    fn args(&mut self, args: &Value, loc: &Loc, depth: usize) -> Result<Args, CompileError> {
        match args {
            Value::Array(items) => {
                let mut nodes = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    nodes.push(self.node(item, &loc.idx(i), depth)?);
                }
                Ok(Args::List(nodes))
            }
            Value::Object(map) if !map.is_empty() => match self.node(args, loc, depth)? {
                Node::Lit(Value::Array(items)) => {
                    Ok(Args::List(items.into_iter().map(Node::Lit).collect()))
                }
                Node::Lit(v) => Ok(Args::List(vec![Node::Lit(v)])),
                n => Ok(Args::Spread(Box::new(n))),
            },
            _ => Ok(Args::List(vec![Node::Lit(args.clone())])),
        }
    }

    /// Record a static root path and ask the scope about it.
    fn resolve(&mut self, path: &str, loc: &Loc) -> Result<Option<u32>, CompileError> {
        if path.is_empty() {
            return Ok(None);
        }
        let info = match self.cache.get(path) {
            Some(info) => info.clone(),
            None => {
                let info = match self.scope {
                    Some(scope) => scope
                        .resolve(path)
                        .map_err(|msg| loc.err("logic.unknown_var", msg))?,
                    None => None,
                };
                self.cache.insert(path.to_string(), info.clone());
                info
            }
        };
        let slot = info.as_ref().map(|i| i.slot);
        if let Some(info) = info {
            self.slots
                .entry(info.slot)
                .or_insert_with(|| (path.to_string(), info));
        }
        if self.seen.insert(path.to_string()) {
            self.refs.push(Reference {
                path: path.to_string(),
                slot,
            });
        }
        Ok(slot)
    }

    fn check_dynamic(&self, loc: &Loc, what: &str) -> Result<(), CompileError> {
        match self.scope {
            Some(scope) if !scope.allows_dynamic() => Err(loc.err(
                "logic.dynamic_var",
                format!("{what} cannot be checked when the form is compiled; use a literal path"),
            )),
            _ => Ok(()),
        }
    }

    /// A static path read in the current context: a slot at the root when resolved.
    fn static_path(
        &mut self,
        name: &str,
        path: Box<[Seg]>,
        default: Option<Box<Node>>,
        loc: &Loc,
        depth: usize,
    ) -> Result<Node, CompileError> {
        if depth == 0 {
            if let Some(slot) = self.resolve(name, loc)? {
                return Ok(Node::Slot { slot, default });
            }
        }
        Ok(Node::Path { path, default })
    }

    fn var(&mut self, args: &Value, loc: &Loc, depth: usize) -> Result<Node, CompileError> {
        let (path, default, path_loc) = match args {
            Value::Array(items) => {
                let default = match items.get(1) {
                    Some(d) => Some(Box::new(self.node(d, &loc.idx(1), depth)?)),
                    None => None,
                };
                (items.first().unwrap_or(&Value::Null), default, loc.idx(0))
            }
            _ => (args, None, *loc),
        };
        match path {
            Value::Null => Ok(Node::Path {
                path: Box::new([]),
                default,
            }),
            Value::String(s) => self.static_path(s, dotted(s), default, &path_loc, depth),
            Value::Number(n) => {
                let s = number_key(n);
                self.static_path(&s, dotted(&s), default, &path_loc, depth)
            }
            Value::Object(m) if !m.is_empty() => {
                if depth == 0 {
                    self.check_dynamic(&path_loc, "a computed `var` path")?;
                }
                let path = Box::new(self.node(path, &path_loc, depth)?);
                Ok(Node::DynVar { path, default })
            }
            other => Err(path_loc.err(
                "logic.invalid_arguments",
                format!(
                    "a `var` path must be a string or a number, not {}",
                    type_name(other)
                ),
            )),
        }
    }

    fn val(&mut self, args: &Value, loc: &Loc, depth: usize) -> Result<Node, CompileError> {
        let items: &[Value] = match args {
            Value::Null => &[],
            Value::String(_) | Value::Number(_) => std::slice::from_ref(args),
            Value::Array(items) => items,
            Value::Object(m) if !m.is_empty() => {
                if depth == 0 {
                    self.check_dynamic(loc, "a computed `val` path")?;
                }
                return Ok(Node::DynVal(Args::Spread(Box::new(
                    self.node(args, loc, depth)?,
                ))));
            }
            other => {
                return Err(loc.err(
                    "logic.invalid_arguments",
                    format!(
                        "a `val` path must be a string, a number or an array, not {}",
                        type_name(other)
                    ),
                ))
            }
        };
        // A leading `[n]` climbs n scopes.
        let (level, rest) = match items.split_first() {
            Some((Value::Array(l), rest)) => match l.as_slice() {
                [Value::Number(n)] => {
                    let level = n
                        .as_i64()
                        .map(|i| usize::try_from(i.unsigned_abs()).unwrap_or(usize::MAX));
                    (level, rest)
                }
                _ => (None, items),
            },
            _ => (Some(0), items),
        };
        let (Some(level), Some(segs)) = (level, literal_segs(rest)) else {
            if depth == 0 {
                self.check_dynamic(loc, "a computed `val` path")?;
            }
            let mut nodes = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                nodes.push(self.node(item, &loc.idx(i), depth)?);
            }
            return Ok(Node::DynVal(Args::List(nodes)));
        };
        let segs: Box<[Seg]> = segs.into();
        if level == 0 || (depth == 0 && level % 2 == 0) {
            // Level 0, or climbing from the root to the root: a plain static path.
            let name = joined(&segs);
            return self.static_path(&name, segs, None, loc, depth);
        }
        if level >= 2 * depth && depth > 0 {
            self.check_dynamic(loc, "a `val` scope jump from an iterator to the root")?;
        }
        Ok(Node::Climb { level, path: segs })
    }

    fn exists(&mut self, args: &Value, loc: &Loc, depth: usize) -> Result<Node, CompileError> {
        let segs = match args {
            Value::String(_) | Value::Number(_) => literal_segs(std::slice::from_ref(args)),
            Value::Array(items) => literal_segs(items),
            _ => None,
        };
        match segs {
            Some(segs) => {
                let name = joined(&segs);
                let lookup = self.lookup(&name, segs.into(), loc, depth)?;
                Ok(Node::Exists(lookup))
            }
            None => {
                if depth == 0 {
                    self.check_dynamic(loc, "a computed `exists` path")?;
                }
                Ok(Node::DynExists(self.args(args, loc, depth)?))
            }
        }
    }

    fn lookup(
        &mut self,
        name: &str,
        segs: Box<[Seg]>,
        loc: &Loc,
        depth: usize,
    ) -> Result<Lookup, CompileError> {
        if depth == 0 {
            if let Some(slot) = self.resolve(name, loc)? {
                return Ok(Lookup::Slot(slot));
            }
        }
        Ok(Lookup::Path(segs))
    }

    /// Literal `missing` keys: strings (dotted paths) and numbers. `lone`: the keys are
    /// the argument itself, not an array of them (for error pointers).
    fn keys(
        &mut self,
        items: &[Value],
        loc: &Loc,
        depth: usize,
        lone: bool,
    ) -> Result<Option<Vec<(Value, Lookup)>>, CompileError> {
        let mut keys = Vec::with_capacity(items.len());
        for (i, key) in items.iter().enumerate() {
            let name = match key {
                Value::String(s) => s.clone(),
                Value::Number(n) => number_key(n),
                _ => return Ok(None),
            };
            let segs = dotted(&name);
            let key_loc = if lone { *loc } else { loc.idx(i) };
            let lookup = self.lookup(&name, segs, &key_loc, depth)?;
            keys.push((key.clone(), lookup));
        }
        Ok(Some(keys))
    }

    fn missing(&mut self, args: &Value, loc: &Loc, depth: usize) -> Result<Node, CompileError> {
        let keys = match args {
            Value::String(_) | Value::Number(_) => {
                self.keys(std::slice::from_ref(args), loc, depth, true)?
            }
            Value::Array(items) => match items.first() {
                Some(Value::Array(first)) => self.keys(first, &loc.idx(0), depth, false)?,
                _ => self.keys(items, loc, depth, false)?,
            },
            _ => None,
        };
        match keys {
            Some(keys) => Ok(Node::Missing(keys)),
            None => {
                if depth == 0 {
                    self.check_dynamic(loc, "computed `missing` keys")?;
                }
                Ok(Node::DynMissing(self.args(args, loc, depth)?))
            }
        }
    }

    fn missing_some(
        &mut self,
        args: &Value,
        loc: &Loc,
        depth: usize,
    ) -> Result<Node, CompileError> {
        if let Value::Array(items) = args {
            if let [Value::Number(need), Value::Array(keys)] = items.as_slice() {
                if let Some(keys) = self.keys(keys, &loc.idx(1), depth, false)? {
                    return Ok(Node::MissingSome {
                        need: need.as_f64().unwrap_or(0.0),
                        keys,
                    });
                }
            }
        }
        if depth == 0 {
            self.check_dynamic(loc, "computed `missing_some` keys")?;
        }
        Ok(Node::DynMissingSome(self.args(args, loc, depth)?))
    }

    fn slot_info(&self, node: &Node) -> Option<&(String, SlotInfo)> {
        match node {
            Node::Slot { slot, .. } => self.slots.get(slot),
            _ => None,
        }
    }

    fn check_literal(
        &self,
        path: &str,
        info: &SlotInfo,
        lit: &Value,
        loc: &Loc,
    ) -> Result<(), CompileError> {
        let same_type = match (info.ty, lit) {
            (_, Value::Null) | (VarType::Any, _) => return Ok(()),
            (VarType::Bool, Value::Bool(_))
            | (VarType::Number, Value::Number(_))
            | (VarType::String, Value::String(_))
            | (VarType::Array, Value::Array(_)) => true,
            _ => false,
        };
        if !same_type {
            return Err(loc.err(
                "logic.type_mismatch",
                format!(
                    "`{path}` holds {}, but is compared with {} ({})",
                    var_type_name(info.ty),
                    type_name(lit),
                    quote(&lit.to_string())
                ),
            ));
        }
        if let Some(values) = &info.values {
            if !values.iter().any(|v| strict_eq(v, lit)) {
                let allowed: Vec<String> = values.iter().map(Value::to_string).collect();
                return Err(loc.err(
                    "logic.unknown_value",
                    format!(
                        "`{path}` is one of {}; {} is not one of them",
                        allowed.join(", "),
                        quote(&lit.to_string())
                    ),
                ));
            }
        }
        Ok(())
    }

    fn check_comparison(&self, nodes: &[Node], loc: &Loc) -> Result<(), CompileError> {
        if self.scope.is_none() {
            return Ok(());
        }
        for var in nodes {
            let Some((path, info)) = self.slot_info(var) else {
                continue;
            };
            for (j, other) in nodes.iter().enumerate() {
                if let Node::Lit(lit) = other {
                    self.check_literal(path, info, lit, &loc.idx(j))?;
                }
            }
        }
        Ok(())
    }

    fn check_in(&self, nodes: &[Node], loc: &Loc) -> Result<(), CompileError> {
        if self.scope.is_none() {
            return Ok(());
        }
        if let (Some(needle), Some(Node::Lit(Value::Array(hay)))) = (nodes.first(), nodes.get(1)) {
            if let Some((path, info)) = self.slot_info(needle) {
                let hay_loc = loc.idx(1);
                for (k, lit) in hay.iter().enumerate() {
                    self.check_literal(path, info, lit, &hay_loc.idx(k))?;
                }
            }
        }
        Ok(())
    }

    fn check_arithmetic(
        &self,
        op: &str,
        nodes: &[Node],
        args: &Value,
        loc: &Loc,
    ) -> Result<(), CompileError> {
        if self.scope.is_none() {
            return Ok(());
        }
        for (i, n) in nodes.iter().enumerate() {
            let Some((path, info)) = self.slot_info(n) else {
                continue;
            };
            if matches!(info.ty, VarType::Bool | VarType::String | VarType::Array) {
                let at = if args.is_array() { loc.idx(i) } else { *loc };
                return Err(at.err(
                    "logic.type_mismatch",
                    format!(
                        "`{op}` needs numbers, but `{path}` holds {}",
                        var_type_name(info.ty)
                    ),
                ));
            }
        }
        Ok(())
    }
}
