//! How long writing an outcome's canonical JSON takes, straight from the `Outcome`
//! (`Outcome::to_json`, the canonical writer) against the former path through a
//! `serde_json::Value` (`to_canonical_string(&serde_json::to_value(&outcome))`), on the
//! outcomes of the 6–8 week check-up's example vectors (issue 17, item 2).
//!
//! `cargo run --release -p trygg --example canonical_timing [ROUNDS]`
//!
//! The two paths run interleaved in short rounds (the order alternating), and the median
//! nanoseconds per outcome of each and the median of the per-round ratios are printed.
//! Both paths are checked to give the same bytes first. Nothing here asserts a time.

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(41);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap_or_default();
    let form = match trygg::load(&read("forms/trygg-start/6-8w/1.0.0.json")) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("canonical_timing: the 6-8 w form does not load: {e:?}");
            std::process::exit(2);
        }
    };
    let vectors: serde_json::Value = serde_json::from_str(&read(
        "tests/vectors/forms/examples-trygg-start.6-8w-1.0.0.json",
    ))
    .unwrap_or_default();
    let outcomes: Vec<trygg::Outcome> = vectors
        .get("cases")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| serde_json::from_value(c.get("response")?.clone()).ok())
        .map(|r: trygg::Response| trygg::evaluate(&form, &r))
        .collect();
    let old = |o: &trygg::Outcome| {
        trygg::to_canonical_string(&serde_json::to_value(o).unwrap_or_default())
    };
    let bytes: usize = outcomes.iter().map(|o| o.to_json().len()).sum();
    for o in &outcomes {
        if o.to_json() != old(o) {
            eprintln!("canonical_timing: the two paths differ");
            std::process::exit(1);
        }
    }
    let per_round = 200;
    let time = |f: &dyn Fn(&trygg::Outcome) -> String| {
        let t = Instant::now();
        for _ in 0..per_round {
            for o in &outcomes {
                black_box(f(black_box(o)));
            }
        }
        t.elapsed().as_nanos() as f64 / (per_round * outcomes.len()) as f64
    };
    let (mut direct, mut via_value, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (d, v) = if round % 2 == 0 {
            let d = time(&|o| o.to_json());
            (d, time(&old))
        } else {
            let v = time(&old);
            (time(&|o| o.to_json()), v)
        };
        direct.push(d);
        via_value.push(v);
        ratios.push(d / v);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let (dmin, vmin) = (min(&direct), min(&via_value));
    println!(
        "{} outcomes of the 6-8 w examples, {:.0} bytes each on average, {rounds} rounds",
        outcomes.len(),
        bytes as f64 / outcomes.len().max(1) as f64
    );
    println!(
        "through a serde_json::Value: median {:.0} ns per outcome (min {:.0})",
        median(&mut via_value),
        vmin
    );
    println!(
        "written straight:            median {:.0} ns per outcome (min {:.0})",
        median(&mut direct),
        dmin
    );
    println!(
        "straight / through a Value:  median of ratios {:.3}, ratio of minima {:.3}",
        median(&mut ratios),
        dmin / vmin
    );
}
