//! Walking a compiled [`Node`] tree against data.
//!
//! Evaluation returns `Cow<'_, Value>`: a `var` that reads the data borrows it, a literal
//! borrows the rule, and only computed values (sums, strings, filtered arrays) are owned.
//! The single clone of a borrowed result happens when [`run`] hands it to the caller.
//!
//! Scopes are a linked list of [`Frame`]s on the Rust stack: an iterator pushes one frame
//! per element (the element, and its index as metadata), `try` pushes one for each
//! fallback (the caught error). `reduce` frames hold `current` and `accumulator`
//! separately, so no `{"current": …, "accumulator": …}` object is built per element
//! unless a rule asks for the whole context.
//!
//! Recursion follows the rule's nesting, which compilation bounds by `MAX_DEPTH`;
//! iterating over data is a loop.
//!
//! The budget (see the table in the module docs) lives in [`Env`]: every `eval` is a
//! step, scans charge a step per element, and every value built goes through [`Out`] or
//! [`Env::measure`], which check length, depth and bytes before the value is kept.
//! Measuring is a loop with an explicit stack, never recursion.

use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::ast::{Args, Arith, Cmp, Iter, Lookup, Node, Seg};
use super::value::{
    compare, loose_eq, number_value, push_js_string, strict_eq_counted, to_number, truthy,
};
use super::{
    EvalError, Limit, MAX_ARRAY_LENGTH, MAX_STEPS, MAX_STRING_BYTES, MAX_TOTAL_BYTES,
    MAX_VALUE_BYTES, MAX_VALUE_DEPTH,
};

type Res<'a> = Result<Cow<'a, Value>, EvalError>;

static NULL: Value = Value::Null;

struct Env<'a> {
    slots: &'a [Value],
    /// Steps taken so far.
    steps: Cell<u64>,
    /// Bytes of all values built so far.
    built: Cell<u64>,
}

/// Bytes one value counts for in the size model, besides its string or key bytes.
const VALUE_COST: u64 = 8;

fn len64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Env<'_> {
    /// Take `n` steps.
    fn charge(&self, n: u64) -> Result<(), EvalError> {
        let s = self.steps.get().saturating_add(n);
        self.steps.set(s);
        if s > MAX_STEPS {
            return Err(EvalError::budget(Limit::Steps));
        }
        Ok(())
    }

    /// Count `bytes` more built in this evaluation.
    fn built(&self, bytes: u64) -> Result<(), EvalError> {
        let b = self.built.get().saturating_add(bytes);
        self.built.set(b);
        if b > MAX_TOTAL_BYTES {
            return Err(EvalError::budget(Limit::TotalBytes));
        }
        Ok(())
    }

    /// Size (bytes in the model) and depth (nested arrays/objects; 0 for a scalar) of a
    /// value about to be copied into a new one. One step per array or object visited;
    /// stops as soon as the value is too deep or too large.
    fn measure(&self, v: &Value) -> Result<(u64, usize), EvalError> {
        let scalar = |v: &Value| match v {
            Value::String(s) => VALUE_COST.saturating_add(len64(s.len())),
            _ => VALUE_COST,
        };
        if !matches!(v, Value::Array(_) | Value::Object(_)) {
            return Ok((scalar(v), 0));
        }
        let mut bytes = 0u64;
        let mut depth = 0usize;
        let mut stack: Vec<(&Value, usize)> = vec![(v, 1)];
        while let Some((v, d)) = stack.pop() {
            match v {
                Value::Array(items) => {
                    self.charge(1)?;
                    depth = depth.max(d);
                    if d > MAX_VALUE_DEPTH {
                        return Err(EvalError::budget(Limit::ValueDepth));
                    }
                    bytes = bytes.saturating_add(VALUE_COST);
                    for item in items {
                        if matches!(item, Value::Array(_) | Value::Object(_)) {
                            stack.push((item, d + 1));
                        } else {
                            bytes = bytes.saturating_add(scalar(item));
                        }
                    }
                }
                Value::Object(map) => {
                    self.charge(1)?;
                    depth = depth.max(d);
                    if d > MAX_VALUE_DEPTH {
                        return Err(EvalError::budget(Limit::ValueDepth));
                    }
                    bytes = bytes.saturating_add(VALUE_COST);
                    for (k, item) in map {
                        bytes = bytes.saturating_add(len64(k.len()));
                        if matches!(item, Value::Array(_) | Value::Object(_)) {
                            stack.push((item, d + 1));
                        } else {
                            bytes = bytes.saturating_add(scalar(item));
                        }
                    }
                }
                other => bytes = bytes.saturating_add(scalar(other)),
            }
            if bytes > MAX_VALUE_BYTES {
                return Err(EvalError::budget(Limit::ValueBytes));
            }
        }
        Ok((bytes, depth))
    }

    /// Check a string about to be built (`len` bytes) and count it.
    fn string(&self, len: usize) -> Result<(), EvalError> {
        if len > MAX_STRING_BYTES {
            return Err(EvalError::budget(Limit::StringLength));
        }
        self.built(VALUE_COST.saturating_add(len64(len)))
    }

    /// Check an object or array about to be built whole (not through [`Out`]).
    fn whole(&self, v: &Value) -> Result<(), EvalError> {
        let (bytes, _) = self.measure(v)?;
        self.built(bytes)
    }
}

/// An array being built: every element is measured before it is kept, so the array
/// never grows past the budget.
struct Out<'e, 'a> {
    env: &'e Env<'a>,
    items: Vec<Value>,
    bytes: u64,
}

impl<'e, 'a> Out<'e, 'a> {
    fn new(env: &'e Env<'a>, capacity: usize) -> Self {
        Out {
            env,
            items: Vec::with_capacity(capacity.min(MAX_ARRAY_LENGTH)),
            bytes: VALUE_COST,
        }
    }

    /// Check that `v` fits, then keep it (cloning a borrowed value only once it fits).
    fn push(&mut self, v: Cow<'_, Value>) -> Result<(), EvalError> {
        if self.items.len() >= MAX_ARRAY_LENGTH {
            return Err(EvalError::budget(Limit::ArrayLength));
        }
        let (bytes, depth) = self.env.measure(&v)?;
        if depth >= MAX_VALUE_DEPTH {
            return Err(EvalError::budget(Limit::ValueDepth));
        }
        self.bytes = self.bytes.saturating_add(bytes);
        if self.bytes > MAX_VALUE_BYTES {
            return Err(EvalError::budget(Limit::ValueBytes));
        }
        self.env.built(bytes)?;
        self.items.push(v.into_owned());
        Ok(())
    }

    /// Room for `n` more elements?
    fn fits(&self, n: usize) -> Result<(), EvalError> {
        if self.items.len().saturating_add(n) > MAX_ARRAY_LENGTH {
            return Err(EvalError::budget(Limit::ArrayLength));
        }
        Ok(())
    }

    fn done<'r>(self) -> Res<'r> {
        Ok(Cow::Owned(Value::Array(self.items)))
    }
}

/// The data a scope reads.
#[derive(Clone, Copy)]
enum Ctx<'a> {
    Val(&'a Value),
    Reduce { current: &'a Value, acc: &'a Value },
}

struct Frame<'a> {
    ctx: Ctx<'a>,
    /// The element index, for iterator frames.
    index: Option<usize>,
    parent: Option<&'a Frame<'a>>,
}

pub(crate) fn run(root: &Node, data: &Value, slots: &[Value]) -> Result<Value, EvalError> {
    let env = Env {
        slots,
        steps: Cell::new(0),
        built: Cell::new(0),
    };
    let frame = Frame {
        ctx: Ctx::Val(data),
        index: None,
        parent: None,
    };
    eval(root, &frame, &env).map(Cow::into_owned)
}

/// [`run`], tested for truthiness on the borrowed result (no copy of a value that was read).
pub(crate) fn run_truthy(root: &Node, data: &Value, slots: &[Value]) -> Result<bool, EvalError> {
    let env = Env {
        slots,
        steps: Cell::new(0),
        built: Cell::new(0),
    };
    let frame = Frame {
        ctx: Ctx::Val(data),
        index: None,
        parent: None,
    };
    eval(root, &frame, &env).map(|v| truthy(&v))
}

fn bool_val<'a>(b: bool) -> Res<'a> {
    Ok(Cow::Owned(Value::Bool(b)))
}

fn eval<'a>(node: &'a Node, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    env.charge(1)?;
    match node {
        Node::Lit(v) => Ok(Cow::Borrowed(v)),
        Node::List(nodes) => {
            let mut out = Out::new(env, nodes.len());
            for n in nodes {
                out.push(eval(n, fr, env)?)?;
            }
            out.done()
        }
        Node::Path { path, default } => {
            let found = ctx_get(fr.ctx, path.iter().map(seg_ref), env)?;
            or_default(found, default.as_deref(), fr, env)
        }
        Node::Slot { slot, default } => {
            let found = slot_get(env, *slot).map(Cow::Borrowed);
            or_default(found, default.as_deref(), fr, env)
        }
        Node::Climb { level, path } => climb(fr, *level, path, env),
        Node::DynVar { path, default } => dyn_var(path, default.as_deref(), fr, env),
        Node::DynVal(args) => dyn_val(args, fr, env),
        Node::Exists(lookup) => bool_val(lookup_get(lookup, fr, env)?.is_some()),
        Node::DynExists(args) => {
            let segs = collect_args(args, fr, env)?;
            let path = segments(&segs)?;
            let found = ctx_get(fr.ctx, path.iter().map(|(k, i)| (k.as_str(), *i)), env)?;
            bool_val(found.is_some())
        }
        Node::Missing(keys) => Ok(Cow::Owned(Value::Array(missing_static(keys, fr, env)?))),
        Node::MissingSome { need, keys } => {
            let missing = missing_static(keys, fr, env)?;
            Ok(Cow::Owned(missing_some_result(*need, keys.len(), missing)))
        }
        Node::DynMissing(args) => dyn_missing(args, fr, env),
        Node::DynMissingSome(args) => dyn_missing_some(args, fr, env),
        Node::If(nodes) => {
            let mut i = 0;
            while let (Some(cond), Some(then)) = (nodes.get(i), nodes.get(i + 1)) {
                if truthy(&*eval(cond, fr, env)?) {
                    return eval(then, fr, env);
                }
                i += 2;
            }
            match nodes.get(i) {
                Some(otherwise) => eval(otherwise, fr, env),
                None => Ok(Cow::Borrowed(&NULL)),
            }
        }
        Node::And(nodes) => {
            let mut last = Cow::Owned(Value::Bool(false));
            for n in nodes {
                last = eval(n, fr, env)?;
                if !truthy(&last) {
                    break;
                }
            }
            Ok(last)
        }
        Node::Or(nodes) => {
            let mut last = Cow::Owned(Value::Bool(false));
            for n in nodes {
                last = eval(n, fr, env)?;
                if truthy(&last) {
                    break;
                }
            }
            Ok(last)
        }
        Node::Not(arg) => match arg {
            Some(n) => bool_val(!truthy(&*eval(n, fr, env)?)),
            None => bool_val(true),
        },
        Node::NotNot(arg) => match arg {
            Some(n) => bool_val(truthy(&*eval(n, fr, env)?)),
            None => bool_val(false),
        },
        Node::Cmp(op, nodes) => comparison(*op, nodes, fr, env),
        Node::Arith(op, args) => arithmetic(*op, args, fr, env),
        Node::Cat(args) => {
            let mut out = String::new();
            each_arg(args, fr, env, |v| {
                if let Value::String(s) = v {
                    if out.len().saturating_add(s.len()) > MAX_STRING_BYTES {
                        return Err(EvalError::budget(Limit::StringLength));
                    }
                }
                push_js_string(&mut out, v);
                if out.len() > MAX_STRING_BYTES {
                    return Err(EvalError::budget(Limit::StringLength));
                }
                Ok(())
            })?;
            env.string(out.len())?;
            Ok(Cow::Owned(Value::String(out)))
        }
        Node::Merge(args) => {
            let mut out = Out::new(env, 0);
            each_arg(args, fr, env, |v| match v {
                Value::Array(items) => {
                    out.fits(items.len())?;
                    items.iter().try_for_each(|x| out.push(Cow::Borrowed(x)))
                }
                other => out.push(Cow::Borrowed(other)),
            })?;
            out.done()
        }
        Node::In(Args::List(nodes)) => {
            let (Some(needle), Some(hay)) = (nodes.first(), nodes.get(1)) else {
                return Err(EvalError::invalid());
            };
            let needle = eval(needle, fr, env)?;
            bool_val(contains(&*eval(hay, fr, env)?, &needle, env)?)
        }
        Node::In(args) => {
            let vals = collect_args(args, fr, env)?;
            let (Some(needle), Some(hay)) = (vals.first(), vals.get(1)) else {
                return Err(EvalError::invalid());
            };
            bool_val(contains(hay, needle, env)?)
        }
        Node::Substr(args) => substr(args, fr, env),
        Node::Coalesce(nodes) => {
            for n in nodes {
                let v = eval(n, fr, env)?;
                if !v.is_null() {
                    return Ok(v);
                }
            }
            Ok(Cow::Borrowed(&NULL))
        }
        Node::Try(nodes) => try_(nodes, fr, env),
        Node::Throw(arg) => {
            let err = EvalError::thrown(eval(arg, fr, env)?.into_owned());
            // The thrown value may be wrapped (`{"type": v}`) and caught as data: measure it
            // as a value built.
            env.whole(&err.to_value())?;
            Err(err)
        }
        Node::Iter(op, arr, body) => iterate(*op, arr, body, fr, env),
        Node::Reduce(arr, body, init) => reduce(arr, body, init.as_deref(), fr, env),
    }
}

/// `in`: substring of a string (the needle converted as `cat` would), or strict
/// membership in an array; anything else contains nothing. A step per 64 bytes searched
/// and per array element compared.
fn contains(hay: &Value, needle: &Value, env: &Env<'_>) -> Result<bool, EvalError> {
    match hay {
        Value::String(h) => {
            env.charge(len64(h.len() / 64))?;
            Ok(match needle {
                Value::String(n) => h.contains(n.as_str()),
                other => {
                    let mut n = String::new();
                    push_js_string(&mut n, other);
                    env.charge(len64(n.len() / 64))?;
                    h.contains(n.as_str())
                }
            })
        }
        Value::Array(items) => {
            for x in items {
                let mut visited = 0u64;
                let eq = strict_eq_counted(x, needle, &mut visited);
                env.charge(visited.max(1))?;
                if eq {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Ok(false),
    }
}

fn seg_ref(s: &Seg) -> (&str, Option<usize>) {
    (&s.key, s.idx)
}

/// Follow a path from a value: object keys, and array indexes for segments that are
/// non-negative integers.
fn walk<'v, 's>(
    mut cur: &'v Value,
    segs: impl Iterator<Item = (&'s str, Option<usize>)>,
) -> Option<&'v Value> {
    for (key, idx) in segs {
        cur = match cur {
            Value::Object(m) => m.get(key)?,
            Value::Array(items) => items.get(idx?)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Follow a path in a scope's data. `None` when the path does not exist.
fn ctx_get<'a, 's>(
    ctx: Ctx<'a>,
    mut segs: impl Iterator<Item = (&'s str, Option<usize>)>,
    env: &Env<'_>,
) -> Result<Option<Cow<'a, Value>>, EvalError> {
    Ok(match ctx {
        Ctx::Val(v) => walk(v, segs).map(Cow::Borrowed),
        Ctx::Reduce { current, acc } => match segs.next() {
            None => Some(Cow::Owned(reduce_object(current, acc, env)?)),
            Some((key, _)) => {
                let base = match key {
                    "current" => current,
                    "accumulator" => acc,
                    _ => return Ok(None),
                };
                walk(base, segs).map(Cow::Borrowed)
            }
        },
    })
}

/// `{"current": …, "accumulator": …}`, built only when a rule reads the whole context.
fn reduce_object(current: &Value, acc: &Value, env: &Env<'_>) -> Result<Value, EvalError> {
    let (b1, d1) = env.measure(current)?;
    let (b2, d2) = env.measure(acc)?;
    if d1.max(d2) >= MAX_VALUE_DEPTH {
        return Err(EvalError::budget(Limit::ValueDepth));
    }
    let bytes = b1.saturating_add(b2).saturating_add(3 * VALUE_COST + 18);
    if bytes > MAX_VALUE_BYTES {
        return Err(EvalError::budget(Limit::ValueBytes));
    }
    env.built(bytes)?;
    let mut m = Map::new();
    m.insert("current".into(), current.clone());
    m.insert("accumulator".into(), acc.clone());
    Ok(Value::Object(m))
}

fn ctx_value<'a>(ctx: Ctx<'a>, env: &Env<'_>) -> Res<'a> {
    Ok(match ctx {
        Ctx::Val(v) => Cow::Borrowed(v),
        Ctx::Reduce { current, acc } => Cow::Owned(reduce_object(current, acc, env)?),
    })
}

/// A slot's value; null (and a slot past the end) count as absent.
fn slot_get<'a>(env: &Env<'a>, slot: u32) -> Option<&'a Value> {
    let i = usize::try_from(slot).ok()?;
    env.slots.get(i).filter(|v| !v.is_null())
}

fn lookup_get<'a>(
    lookup: &'a Lookup,
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Result<Option<Cow<'a, Value>>, EvalError> {
    match lookup {
        Lookup::Slot(s) => Ok(slot_get(env, *s).map(Cow::Borrowed)),
        Lookup::Path(p) => ctx_get(fr.ctx, p.iter().map(seg_ref), env),
    }
}

/// `var`'s default applies when the value is absent or null.
fn or_default<'a>(
    found: Option<Cow<'a, Value>>,
    default: Option<&'a Node>,
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Res<'a> {
    match (found, default) {
        (Some(v), _) if !v.is_null() => Ok(v),
        (_, Some(d)) => eval(d, fr, env),
        (Some(v), None) => Ok(v),
        (None, None) => Ok(Cow::Borrowed(&NULL)),
    }
}

/// `val` with `[[level], …]`: level `2k` is the data `k` scopes up, level `2k + 1` that
/// scope's metadata (`{"index": i}`); past the root stays at the root.
fn climb<'a>(fr: &Frame<'a>, level: usize, path: &[Seg], env: &Env<'_>) -> Res<'a> {
    let mut f = fr;
    let mut past_root = false;
    for _ in 0..level / 2 {
        match f.parent {
            Some(p) => f = p,
            None => {
                past_root = true;
                break;
            }
        }
    }
    let base: Cow<'a, Value> = if level % 2 == 1 && !past_root {
        match f.index {
            Some(i) => {
                let mut m = Map::new();
                m.insert("index".into(), Value::from(i));
                Cow::Owned(Value::Object(m))
            }
            None => Cow::Borrowed(&NULL),
        }
    } else {
        ctx_value(f.ctx, env)?
    };
    let segs = path.iter().map(seg_ref);
    Ok(match base {
        Cow::Borrowed(v) => walk(v, segs).map_or(Cow::Borrowed(&NULL), Cow::Borrowed),
        Cow::Owned(v) => Cow::Owned(walk(&v, segs).cloned().unwrap_or(Value::Null)),
    })
}

fn dyn_var<'a>(
    path: &'a Node,
    default: Option<&'a Node>,
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Res<'a> {
    let p = eval(path, fr, env)?;
    let (p, default_value): (&Value, Option<&Value>) = match &*p {
        Value::Array(items) => (items.first().unwrap_or(&NULL), items.get(1)),
        other => (other, None),
    };
    let key;
    let s: &str = match p {
        Value::Null => "",
        Value::String(s) => s,
        Value::Number(n) => {
            let mut k = String::new();
            super::value::push_number(&mut k, n);
            key = k;
            &key
        }
        _ => return Err(EvalError::invalid()),
    };
    env.charge(len64(s.len() / 64))?;
    let found = if s.is_empty() {
        Some(ctx_value(fr.ctx, env)?)
    } else {
        ctx_get(fr.ctx, s.split('.').map(|k| (k, k.parse().ok())), env)?
    };
    match found {
        Some(v) if !v.is_null() => Ok(v),
        _ => match (default, default_value) {
            (Some(d), _) => eval(d, fr, env),
            (None, Some(d)) => Ok(Cow::Owned(d.clone())),
            (None, None) => Ok(Cow::Borrowed(&NULL)),
        },
    }
}

/// Evaluated arguments of a value operator, spread if given as one expression.
fn collect_args<'a>(
    args: &'a Args,
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Result<Vec<Cow<'a, Value>>, EvalError> {
    match args {
        Args::List(nodes) => nodes.iter().map(|n| eval(n, fr, env)).collect(),
        Args::Spread(n) => match eval(n, fr, env)? {
            Cow::Borrowed(Value::Array(items)) => {
                env.charge(len64(items.len()))?;
                Ok(items.iter().map(Cow::Borrowed).collect())
            }
            Cow::Owned(Value::Array(items)) => {
                env.charge(len64(items.len()))?;
                Ok(items.into_iter().map(Cow::Owned).collect())
            }
            v => Ok(vec![v]),
        },
    }
}

/// Feed each argument of a value operator to `f` without collecting; returns the count.
fn each_arg<'a>(
    args: &'a Args,
    fr: &Frame<'a>,
    env: &Env<'a>,
    mut f: impl FnMut(&Value) -> Result<(), EvalError>,
) -> Result<usize, EvalError> {
    match args {
        Args::List(nodes) => {
            for n in nodes {
                f(&*eval(n, fr, env)?)?;
            }
            Ok(nodes.len())
        }
        Args::Spread(n) => {
            let v = eval(n, fr, env)?;
            match &*v {
                Value::Array(items) => {
                    for item in items {
                        env.charge(1)?;
                        f(item)?;
                    }
                    Ok(items.len())
                }
                other => {
                    f(other)?;
                    Ok(1)
                }
            }
        }
    }
}

/// Runtime path segments: strings and numbers (a `val` path).
fn segments(vals: &[Cow<'_, Value>]) -> Result<Vec<(String, Option<usize>)>, EvalError> {
    vals.iter()
        .map(|v| match &**v {
            Value::String(s) => Ok((s.clone(), s.parse().ok())),
            Value::Number(n) => {
                let mut k = String::new();
                super::value::push_number(&mut k, n);
                let idx = n.as_u64().and_then(|u| usize::try_from(u).ok());
                Ok((k, idx))
            }
            _ => Err(EvalError::invalid()),
        })
        .collect()
}

fn dyn_val<'a>(args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let vals = collect_args(args, fr, env)?;
    if let [single] = vals.as_slice() {
        if single.is_null() {
            return ctx_value(fr.ctx, env);
        }
    }
    let (level, rest) = match vals.split_first() {
        Some((first, rest)) => match &**first {
            Value::Array(l) => match l.as_slice() {
                [Value::Number(n)] => {
                    let lvl = n.as_i64().map_or(0, |i| {
                        usize::try_from(i.unsigned_abs()).unwrap_or(usize::MAX)
                    });
                    (lvl, rest)
                }
                _ => return Err(EvalError::invalid()),
            },
            _ => (0, vals.as_slice()),
        },
        None => (0, vals.as_slice()),
    };
    let segs = segments(rest)?;
    if level == 0 {
        let found = ctx_get(fr.ctx, segs.iter().map(|(k, i)| (k.as_str(), *i)), env)?;
        return Ok(found.map_or(Cow::Borrowed(&NULL), |v| Cow::Owned(v.into_owned())));
    }
    let path: Vec<Seg> = segs
        .into_iter()
        .map(|(k, idx)| Seg { key: k.into(), idx })
        .collect();
    Ok(Cow::Owned(climb(fr, level, &path, env)?.into_owned()))
}

fn is_missing(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

fn missing_static<'a>(
    keys: &'a [(Value, Lookup)],
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Result<Vec<Value>, EvalError> {
    let mut out = Vec::new();
    for (key, lookup) in keys {
        if is_missing(lookup_get(lookup, fr, env)?.as_deref()) {
            out.push(key.clone());
        }
    }
    Ok(out)
}

fn missing_some_result(need: f64, total: usize, missing: Vec<Value>) -> Value {
    #[allow(clippy::cast_precision_loss)]
    let present = (total - missing.len().min(total)) as f64;
    if present >= need {
        Value::Array(Vec::new())
    } else {
        Value::Array(missing)
    }
}

fn missing_keys(keys: &[Value], fr: &Frame<'_>, env: &Env<'_>) -> Result<Vec<Value>, EvalError> {
    let mut out = Vec::new();
    for key in keys {
        env.charge(1)?;
        let found = match key {
            Value::String(s) if s.is_empty() => Some(ctx_value(fr.ctx, env)?),
            Value::String(s) => {
                env.charge(len64(s.len() / 64))?;
                ctx_get(fr.ctx, s.split('.').map(|k| (k, k.parse().ok())), env)?
            }
            Value::Number(n) => {
                let mut k = String::new();
                super::value::push_number(&mut k, n);
                ctx_get(fr.ctx, k.split('.').map(|k| (k, k.parse().ok())), env)?
                    .map(|c| Cow::Owned(c.into_owned()))
            }
            _ => continue,
        };
        if is_missing(found.as_deref()) {
            out.push(key.clone());
        }
    }
    Ok(out)
}

fn dyn_missing<'a>(args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let vals = collect_args(args, fr, env)?;
    let keys: Vec<Value> = match vals.first().map(|v| &**v) {
        Some(Value::Array(first)) => first.clone(),
        _ => vals.iter().map(|v| (**v).clone()).collect(),
    };
    Ok(Cow::Owned(Value::Array(missing_keys(&keys, fr, env)?)))
}

fn dyn_missing_some<'a>(args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let vals = collect_args(args, fr, env)?;
    let (Some(need), Some(keys)) = (vals.first(), vals.get(1)) else {
        return Err(EvalError::invalid());
    };
    let need = to_number(need).ok_or_else(EvalError::nan)?;
    let Value::Array(keys) = &**keys else {
        return Err(EvalError::invalid());
    };
    let missing = missing_keys(keys, fr, env)?;
    Ok(Cow::Owned(missing_some_result(need, keys.len(), missing)))
}

fn comparison<'a>(op: Cmp, nodes: &'a [Node], fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let mut iter = nodes.iter();
    let Some(first) = iter.next() else {
        return Err(EvalError::invalid());
    };
    let mut prev = eval(first, fr, env)?;
    for n in iter {
        let cur = eval(n, fr, env)?;
        let mut visited = 0u64;
        if let (Value::String(x), Value::String(y)) = (&*prev, &*cur) {
            visited = len64(x.len().min(y.len()) / 64);
        }
        let holds = match op {
            Cmp::Eq => loose_eq(&prev, &cur)?,
            Cmp::Ne => !loose_eq(&prev, &cur)?,
            Cmp::StrictEq => strict_eq_counted(&prev, &cur, &mut visited),
            Cmp::StrictNe => !strict_eq_counted(&prev, &cur, &mut visited),
            Cmp::Lt => compare(&prev, &cur)? == Ordering::Less,
            Cmp::Le => compare(&prev, &cur)? != Ordering::Greater,
            Cmp::Gt => compare(&prev, &cur)? == Ordering::Greater,
            Cmp::Ge => compare(&prev, &cur)? != Ordering::Less,
        };
        env.charge(visited)?;
        if !holds {
            return bool_val(false);
        }
        prev = cur;
    }
    bool_val(true)
}

fn num(v: &Value) -> Result<f64, EvalError> {
    to_number(v).ok_or_else(EvalError::nan)
}

fn arithmetic<'a>(op: Arith, args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    match op {
        Arith::Add => {
            let mut sum = 0.0;
            each_arg(args, fr, env, |v| {
                sum += num(v)?;
                Ok(())
            })?;
            Ok(Cow::Owned(number_value(sum)?))
        }
        Arith::Mul => {
            let mut product = 1.0;
            each_arg(args, fr, env, |v| {
                product *= num(v)?;
                Ok(())
            })?;
            Ok(Cow::Owned(number_value(product)?))
        }
        Arith::Sub | Arith::Div | Arith::Mod => {
            let mut acc: Option<f64> = None;
            let count = each_arg(args, fr, env, |v| {
                let x = num(v)?;
                acc = Some(match acc {
                    None => x,
                    Some(a) => match op {
                        Arith::Sub => a - x,
                        Arith::Div => a / x,
                        _ => a % x,
                    },
                });
                Ok(())
            })?;
            let result = match (acc, count, op) {
                (None, _, _) | (_, 1, Arith::Mod) => return Err(EvalError::invalid()),
                (Some(a), 1, Arith::Sub) => -a,
                (Some(a), 1, Arith::Div) => 1.0 / a,
                (Some(a), _, _) => a,
            };
            Ok(Cow::Owned(number_value(result)?))
        }
        Arith::Max | Arith::Min => {
            let mut best: Option<(f64, Value)> = None;
            each_arg(args, fr, env, |v| {
                let Value::Number(n) = v else {
                    return Err(EvalError::invalid());
                };
                let x = n.as_f64().ok_or_else(EvalError::invalid)?;
                let better = match &best {
                    None => true,
                    Some((b, _)) => {
                        if op == Arith::Max {
                            x > *b
                        } else {
                            x < *b
                        }
                    }
                };
                if better {
                    best = Some((x, v.clone()));
                }
                Ok(())
            })?;
            best.map(|(_, v)| Cow::Owned(v))
                .ok_or_else(EvalError::invalid)
        }
    }
}

/// `substr(source, start, length)` as JavaScript's `String.prototype.substr`, counting
/// Unicode scalar values (JavaScript counts UTF-16 units: the two differ only for
/// characters outside the Basic Multilingual Plane, such as emoji). A negative start
/// counts from the end; a negative length drops that many characters from the end.
fn substr<'a>(args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let vals = collect_args(args, fr, env)?;
    let Some(source) = vals.first() else {
        return Err(EvalError::invalid());
    };
    let mut s = String::new();
    push_js_string(&mut s, source);
    env.string(s.len())?;
    let int_arg = |i: usize| -> Result<Option<i64>, EvalError> {
        match vals.get(i) {
            None => Ok(None),
            Some(v) => {
                let f = num(v)?.trunc();
                #[allow(clippy::cast_possible_truncation)]
                Ok(Some(f.clamp(-9.0e15, 9.0e15) as i64))
            }
        }
    };
    let n = i64::try_from(s.chars().count()).unwrap_or(i64::MAX);
    let start = int_arg(1)?.unwrap_or(0);
    let start = if start < 0 {
        (n + start).max(0)
    } else {
        start.min(n)
    };
    let take = match int_arg(2)? {
        None => n - start,
        Some(len) if len < 0 => (n - start + len).max(0),
        Some(len) => len.min(n - start),
    };
    let out: String = s
        .chars()
        .skip(usize::try_from(start).unwrap_or(0))
        .take(usize::try_from(take).unwrap_or(0))
        .collect();
    Ok(Cow::Owned(Value::String(out)))
}

fn try_<'a>(nodes: &'a [Node], fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let mut iter = nodes.iter();
    let Some(first) = iter.next() else {
        return Ok(Cow::Borrowed(&NULL));
    };
    let mut err = match eval(first, fr, env) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    for n in iter {
        if err.limit().is_some() {
            // Running out of budget is not an error a rule may catch.
            return Err(err);
        }
        let caught = err.to_value();
        let frame = Frame {
            ctx: Ctx::Val(&caught),
            index: None,
            parent: Some(fr),
        };
        match eval(n, &frame, env) {
            Ok(v) => return Ok(Cow::Owned(v.into_owned())),
            Err(e) => err = e,
        }
    }
    Err(err)
}

fn iterate<'a>(op: Iter, arr: &'a Node, body: &'a Node, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let arr = eval(arr, fr, env)?;
    let items = match &*arr {
        Value::Array(items) => items.as_slice(),
        Value::Null if matches!(op, Iter::Map | Iter::Filter) => &[],
        _ => return Err(EvalError::invalid()),
    };
    let frame_for = |i: usize, item| Frame {
        ctx: Ctx::Val(item),
        index: Some(i),
        parent: Some(fr),
    };
    match op {
        Iter::Map => {
            let mut out = Out::new(env, items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(eval(body, &frame_for(i, item), env)?)?;
            }
            out.done()
        }
        Iter::Filter => {
            let mut out = Out::new(env, 0);
            for (i, item) in items.iter().enumerate() {
                if truthy(&*eval(body, &frame_for(i, item), env)?) {
                    out.push(Cow::Borrowed(item))?;
                }
            }
            out.done()
        }
        Iter::All => {
            if items.is_empty() {
                return bool_val(false);
            }
            for (i, item) in items.iter().enumerate() {
                if !truthy(&*eval(body, &frame_for(i, item), env)?) {
                    return bool_val(false);
                }
            }
            bool_val(true)
        }
        Iter::Some | Iter::None => {
            for (i, item) in items.iter().enumerate() {
                if truthy(&*eval(body, &frame_for(i, item), env)?) {
                    return bool_val(op == Iter::Some);
                }
            }
            bool_val(op == Iter::None)
        }
    }
}

fn reduce<'a>(
    arr: &'a Node,
    body: &'a Node,
    init: Option<&'a Node>,
    fr: &Frame<'a>,
    env: &Env<'a>,
) -> Res<'a> {
    let mut acc = match init {
        Some(n) => eval(n, fr, env)?.into_owned(),
        None => Value::Null,
    };
    let arr = eval(arr, fr, env)?;
    let items = match &*arr {
        Value::Array(items) => items.as_slice(),
        Value::Null => &[],
        _ => return Err(EvalError::invalid()),
    };
    for (i, item) in items.iter().enumerate() {
        let next = {
            let frame = Frame {
                ctx: Ctx::Reduce {
                    current: item,
                    acc: &acc,
                },
                index: Some(i),
                parent: Some(fr),
            };
            eval(body, &frame, env)?.into_owned()
        };
        acc = next;
    }
    Ok(Cow::Owned(acc))
}
