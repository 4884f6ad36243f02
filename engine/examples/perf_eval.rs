//! Where `evaluate` and a live session spend their time and allocations: a small,
//! interleaved measurement (not a benchmark suite; `make bench` is that).
//!
//! 1. `evaluate` over every example of the 6–8 week check-up forms: nanoseconds and
//!    allocations (count and bytes, from a counting global allocator) per outcome.
//! 2. On the largest shipped form (most items), one user action per step — each answered
//!    choice or yes/no item switched to another value, then back — timed three ways,
//!    interleaved in rotating order: `Session::set` alone, `Session::set` + `outcome()`, and
//!    a full `evaluate` of the same answers. Each step's session outcome is checked once
//!    against the fresh evaluation, byte for byte, before timing.
//!
//! Run: `cargo run --release -p trygg --example perf_eval [-- ROUNDS]` (default 31). Prints
//! medians over rounds and the median of per-round ratios. Wall-clock figures on a shared
//! machine: compare runs made side by side, never a fixed threshold.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;
use trygg::examples::response_of;
use trygg::{CompiledForm, Response, Session};

/// The system allocator, counting allocations and bytes asked for.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size as u64, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn counted<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    let (a, b) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
    let out = f();
    (out, ALLOCS.load(Relaxed) - a, BYTES.load(Relaxed) - b)
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every shipped form definition (`forms/**/<semver>.json`).
fn shipped(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "schema" {
                shipped(&p, out);
            }
        } else if name.ends_with(".json")
            && name.trim_end_matches(".json").split('.').count() == 3
            && name.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            out.push(p);
        }
    }
}

fn load(path: &Path) -> CompiledForm {
    let text = std::fs::read_to_string(path).unwrap();
    trygg::load(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map_or(31, |a| a.parse().expect("ROUNDS is a number"));
    let mut paths = Vec::new();
    shipped(&repo().join("forms"), &mut paths);
    let forms: Vec<(String, CompiledForm)> = paths
        .iter()
        .map(|p| {
            let f = load(p);
            (format!("{}@{}", f.id(), f.version()), f)
        })
        .collect();

    // ------------------------------------------------------------------ 1. evaluate
    let early: Vec<(&str, &CompiledForm, Vec<Response>)> = forms
        .iter()
        .filter(|(name, _)| name.starts_with("trygg-start-6-8w@") || name.contains("6-8w"))
        .map(|(name, f)| {
            let rs = f.def().examples.iter().map(response_of).collect();
            (name.as_str(), f, rs)
        })
        .collect();
    assert!(!early.is_empty(), "no 6-8 week form under forms/");
    let n: usize = early.iter().map(|(_, _, rs)| rs.len()).sum();
    let run_all = || {
        for (_, f, rs) in &early {
            for r in rs {
                black_box(trygg::evaluate(f, r));
            }
        }
    };
    run_all();
    let ((), allocs, bytes) = counted(run_all);
    let mut per_eval = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        run_all();
        per_eval.push(t.elapsed().as_nanos() as f64 / n as f64);
    }
    let names: Vec<&str> = early.iter().map(|(name, _, _)| *name).collect();
    println!(
        "evaluate, 6-8 w examples ({} forms: {}; {n} responses)",
        names.len(),
        names.join(", ")
    );
    println!(
        "  ns per evaluate: median {:.0}, min {:.0}",
        median(&mut per_eval.clone()),
        min(&per_eval)
    );
    println!(
        "  allocations per evaluate: {:.1} ({:.0} bytes)",
        allocs as f64 / n as f64,
        bytes as f64 / n as f64
    );

    // ------------------------------------------------------------------ 2. session
    let (name, big) = forms
        .iter()
        .max_by(|a, b| {
            a.1.def()
                .items
                .len()
                .cmp(&b.1.def().items.len())
                .then_with(|| b.0.cmp(&a.0))
        })
        .unwrap();
    let big = Arc::new(big.clone());
    let ex = big
        .def()
        .examples
        .iter()
        .max_by_key(|e| e.answers.len())
        .unwrap()
        .clone();
    let mut steps: Vec<(String, Value)> = Vec::new();
    for item in &big.def().items {
        let Some(v) = ex.answers.get(&item.id) else {
            continue;
        };
        let other = match (v, item.options.as_slice()) {
            (Value::Bool(b), _) => Some(Value::Bool(!b)),
            (Value::String(s), opts) if !opts.is_empty() => opts
                .iter()
                .find(|o| &o.value != s)
                .map(|o| Value::String(o.value.clone())),
            _ => None,
        };
        if let Some(other) = other {
            steps.push((item.id.clone(), other));
            steps.push((item.id.clone(), v.clone()));
        }
    }
    assert!(!steps.is_empty(), "no answer to change in {name}");
    let mut session = Session::new(Arc::clone(&big), ex.respondent.clone(), ex.context.clone());
    for (id, v) in &ex.answers {
        session.set(id, v.clone()).unwrap();
    }
    let mut live = response_of(&ex);
    live.form = Some(big.id().to_string());
    live.version = Some(big.version().to_string());
    for (id, v) in &steps {
        session.set(id, v.clone()).unwrap();
        live.answers.insert(id.clone(), v.clone());
        assert_eq!(
            session.outcome().to_json(),
            trygg::evaluate(&big, &live).to_json(),
            "session and evaluate differ after set({id}, {v})"
        );
    }
    let k = steps.len() as f64;
    let set_only = |s: &mut Session| {
        for (id, v) in &steps {
            black_box(s.set(id, v.clone()).unwrap());
        }
    };
    let set_outcome = |s: &mut Session| {
        for (id, v) in &steps {
            black_box(s.set(id, v.clone()).unwrap());
            black_box(s.outcome());
        }
    };
    let full = |r: &mut Response| {
        for (id, v) in &steps {
            r.answers.insert(id.clone(), v.clone());
            black_box(trygg::evaluate(&big, r));
        }
    };
    let (_, a_set, _) = counted(|| set_only(&mut session));
    let (_, a_so, _) = counted(|| set_outcome(&mut session));
    let (_, a_full, _) = counted(|| full(&mut live));
    let (mut t_set, mut t_so, mut t_full) = (Vec::new(), Vec::new(), Vec::new());
    let (mut r_so, mut r_set) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut times = [0.0f64; 3];
        for j in 0..3 {
            let which = (round + j) % 3;
            let t = Instant::now();
            match which {
                0 => set_only(&mut session),
                1 => set_outcome(&mut session),
                _ => full(&mut live),
            }
            if let Some(slot) = times.get_mut(which) {
                *slot = t.elapsed().as_nanos() as f64 / k;
            }
        }
        let [s, so, f] = times;
        t_set.push(s);
        t_so.push(so);
        t_full.push(f);
        r_set.push(s / f);
        r_so.push(so / f);
    }
    println!(
        "session, {name} ({} items), {} steps, {rounds} interleaved rounds",
        big.def().items.len(),
        steps.len()
    );
    for (label, t, a) in [
        ("set", &t_set, a_set),
        ("set + outcome", &t_so, a_so),
        ("evaluate", &t_full, a_full),
    ] {
        println!(
            "  {label:<14} ns per step: median {:.0}, min {:.0}; allocations per step {:.1}",
            median(&mut t.clone()),
            min(t),
            a as f64 / k
        );
    }
    println!(
        "  set / evaluate: median ratio {:.3}, ratio of minima {:.3}",
        median(&mut r_set),
        min(&t_set) / min(&t_full)
    );
    println!(
        "  set + outcome / evaluate: median ratio {:.3}, ratio of minima {:.3} (target <= 0.3)",
        median(&mut r_so),
        min(&t_so) / min(&t_full)
    );
}
