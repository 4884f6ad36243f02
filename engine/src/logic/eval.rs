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

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::ast::{Args, Arith, Cmp, Iter, Lookup, Node, Seg};
use super::value::{compare, loose_eq, number_value, push_js_string, strict_eq, to_number, truthy};
use super::EvalError;

type Res<'a> = Result<Cow<'a, Value>, EvalError>;

static NULL: Value = Value::Null;

struct Env<'a> {
    slots: &'a [Value],
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
    let env = Env { slots };
    let frame = Frame {
        ctx: Ctx::Val(data),
        index: None,
        parent: None,
    };
    eval(root, &frame, &env).map(Cow::into_owned)
}

fn bool_val<'a>(b: bool) -> Res<'a> {
    Ok(Cow::Owned(Value::Bool(b)))
}

fn eval<'a>(node: &'a Node, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    match node {
        Node::Lit(v) => Ok(Cow::Borrowed(v)),
        Node::List(nodes) => {
            let mut out = Vec::with_capacity(nodes.len());
            for n in nodes {
                out.push(eval(n, fr, env)?.into_owned());
            }
            Ok(Cow::Owned(Value::Array(out)))
        }
        Node::Path { path, default } => {
            let found = ctx_get(fr.ctx, path.iter().map(seg_ref));
            or_default(found, default.as_deref(), fr, env)
        }
        Node::Slot { slot, default } => {
            let found = slot_get(env, *slot).map(Cow::Borrowed);
            or_default(found, default.as_deref(), fr, env)
        }
        Node::Climb { level, path } => Ok(climb(fr, *level, path)),
        Node::DynVar { path, default } => dyn_var(path, default.as_deref(), fr, env),
        Node::DynVal(args) => dyn_val(args, fr, env),
        Node::Exists(lookup) => bool_val(lookup_get(lookup, fr, env).is_some()),
        Node::DynExists(args) => {
            let segs = collect_args(args, fr, env)?;
            let path = segments(&segs)?;
            bool_val(ctx_get(fr.ctx, path.iter().map(|(k, i)| (k.as_str(), *i))).is_some())
        }
        Node::Missing(keys) => Ok(Cow::Owned(Value::Array(missing_static(keys, fr, env)))),
        Node::MissingSome { need, keys } => {
            let missing = missing_static(keys, fr, env);
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
                push_js_string(&mut out, v);
                Ok(())
            })?;
            Ok(Cow::Owned(Value::String(out)))
        }
        Node::Merge(args) => {
            let mut out = Vec::new();
            each_arg(args, fr, env, |v| {
                match v {
                    Value::Array(items) => out.extend(items.iter().cloned()),
                    other => out.push(other.clone()),
                }
                Ok(())
            })?;
            Ok(Cow::Owned(Value::Array(out)))
        }
        Node::In(Args::List(nodes)) => {
            let (Some(needle), Some(hay)) = (nodes.first(), nodes.get(1)) else {
                return Err(EvalError::invalid());
            };
            let needle = eval(needle, fr, env)?;
            bool_val(contains(&*eval(hay, fr, env)?, &needle))
        }
        Node::In(args) => {
            let vals = collect_args(args, fr, env)?;
            let (Some(needle), Some(hay)) = (vals.first(), vals.get(1)) else {
                return Err(EvalError::invalid());
            };
            bool_val(contains(hay, needle))
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
        Node::Throw(arg) => Err(EvalError::thrown(eval(arg, fr, env)?.into_owned())),
        Node::Iter(op, arr, body) => iterate(*op, arr, body, fr, env),
        Node::Reduce(arr, body, init) => reduce(arr, body, init.as_deref(), fr, env),
    }
}

/// `in`: substring of a string (the needle converted as `cat` would), or strict
/// membership in an array; anything else contains nothing.
fn contains(hay: &Value, needle: &Value) -> bool {
    match hay {
        Value::String(h) => match needle {
            Value::String(n) => h.contains(n.as_str()),
            other => {
                let mut n = String::new();
                push_js_string(&mut n, other);
                h.contains(n.as_str())
            }
        },
        Value::Array(items) => items.iter().any(|x| strict_eq(x, needle)),
        _ => false,
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
) -> Option<Cow<'a, Value>> {
    match ctx {
        Ctx::Val(v) => walk(v, segs).map(Cow::Borrowed),
        Ctx::Reduce { current, acc } => match segs.next() {
            None => Some(Cow::Owned(reduce_object(current, acc))),
            Some((key, _)) => {
                let base = match key {
                    "current" => current,
                    "accumulator" => acc,
                    _ => return None,
                };
                walk(base, segs).map(Cow::Borrowed)
            }
        },
    }
}

fn reduce_object(current: &Value, acc: &Value) -> Value {
    let mut m = Map::new();
    m.insert("current".into(), current.clone());
    m.insert("accumulator".into(), acc.clone());
    Value::Object(m)
}

fn ctx_value<'a>(ctx: Ctx<'a>) -> Cow<'a, Value> {
    match ctx {
        Ctx::Val(v) => Cow::Borrowed(v),
        Ctx::Reduce { current, acc } => Cow::Owned(reduce_object(current, acc)),
    }
}

/// A slot's value; null (and a slot past the end) count as absent.
fn slot_get<'a>(env: &Env<'a>, slot: u32) -> Option<&'a Value> {
    let i = usize::try_from(slot).ok()?;
    env.slots.get(i).filter(|v| !v.is_null())
}

fn lookup_get<'a>(lookup: &'a Lookup, fr: &Frame<'a>, env: &Env<'a>) -> Option<Cow<'a, Value>> {
    match lookup {
        Lookup::Slot(s) => slot_get(env, *s).map(Cow::Borrowed),
        Lookup::Path(p) => ctx_get(fr.ctx, p.iter().map(seg_ref)),
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
fn climb<'a>(fr: &Frame<'a>, level: usize, path: &[Seg]) -> Cow<'a, Value> {
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
        ctx_value(f.ctx)
    };
    let segs = path.iter().map(seg_ref);
    match base {
        Cow::Borrowed(v) => walk(v, segs).map_or(Cow::Borrowed(&NULL), Cow::Borrowed),
        Cow::Owned(v) => Cow::Owned(walk(&v, segs).cloned().unwrap_or(Value::Null)),
    }
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
    let found = if s.is_empty() {
        Some(ctx_value(fr.ctx))
    } else {
        ctx_get(fr.ctx, s.split('.').map(|k| (k, k.parse().ok())))
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
            Cow::Borrowed(Value::Array(items)) => Ok(items.iter().map(Cow::Borrowed).collect()),
            Cow::Owned(Value::Array(items)) => Ok(items.into_iter().map(Cow::Owned).collect()),
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
            return Ok(ctx_value(fr.ctx));
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
        let found = ctx_get(fr.ctx, segs.iter().map(|(k, i)| (k.as_str(), *i)));
        return Ok(found.map_or(Cow::Borrowed(&NULL), |v| Cow::Owned(v.into_owned())));
    }
    let path: Vec<Seg> = segs
        .into_iter()
        .map(|(k, idx)| Seg { key: k.into(), idx })
        .collect();
    Ok(Cow::Owned(climb(fr, level, &path).into_owned()))
}

fn is_missing(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

fn missing_static<'a>(keys: &'a [(Value, Lookup)], fr: &Frame<'a>, env: &Env<'a>) -> Vec<Value> {
    keys.iter()
        .filter(|(_, lookup)| is_missing(lookup_get(lookup, fr, env).as_deref()))
        .map(|(key, _)| key.clone())
        .collect()
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

fn missing_keys(keys: &[Value], fr: &Frame<'_>) -> Vec<Value> {
    keys.iter()
        .filter(|key| {
            let found = match key {
                Value::String(s) if s.is_empty() => Some(ctx_value(fr.ctx)),
                Value::String(s) => ctx_get(fr.ctx, s.split('.').map(|k| (k, k.parse().ok()))),
                Value::Number(n) => {
                    let mut k = String::new();
                    super::value::push_number(&mut k, n);
                    ctx_get(fr.ctx, k.split('.').map(|k| (k, k.parse().ok())))
                        .map(|c| Cow::Owned(c.into_owned()))
                }
                _ => return false,
            };
            is_missing(found.as_deref())
        })
        .cloned()
        .collect()
}

fn dyn_missing<'a>(args: &'a Args, fr: &Frame<'a>, env: &Env<'a>) -> Res<'a> {
    let vals = collect_args(args, fr, env)?;
    let keys: Vec<Value> = match vals.first().map(|v| &**v) {
        Some(Value::Array(first)) => first.clone(),
        _ => vals.iter().map(|v| (**v).clone()).collect(),
    };
    Ok(Cow::Owned(Value::Array(missing_keys(&keys, fr))))
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
    let missing = missing_keys(keys, fr);
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
        let holds = match op {
            Cmp::Eq => loose_eq(&prev, &cur)?,
            Cmp::Ne => !loose_eq(&prev, &cur)?,
            Cmp::StrictEq => strict_eq(&prev, &cur),
            Cmp::StrictNe => !strict_eq(&prev, &cur),
            Cmp::Lt => compare(&prev, &cur)? == Ordering::Less,
            Cmp::Le => compare(&prev, &cur)? != Ordering::Greater,
            Cmp::Gt => compare(&prev, &cur)? == Ordering::Greater,
            Cmp::Ge => compare(&prev, &cur)? != Ordering::Less,
        };
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
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(eval(body, &frame_for(i, item), env)?.into_owned());
            }
            Ok(Cow::Owned(Value::Array(out)))
        }
        Iter::Filter => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if truthy(&*eval(body, &frame_for(i, item), env)?) {
                    out.push(item.clone());
                }
            }
            Ok(Cow::Owned(Value::Array(out)))
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
