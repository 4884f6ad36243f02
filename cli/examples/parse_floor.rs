//! The floor for `trygg batch` (issue 8, item 2): read an NDJSON file exactly as
//! `trygg batch` does — the same 256 KiB buffered reader, the same line reader and the same
//! chunked, order-keeping parallel loop on the same number of workers (`cli/src/ndjson.rs`,
//! compiled in from the CLI's source) — and parse each line to a `serde_json::Value`,
//! nothing else: no response checking, no evaluation, no output written.
//!
//! Run by `bench/batch.sh`:
//! `cargo run --release -p trygg-cli --example parse_floor -- FILE [--workers N]`.
//! Prints one JSON object: lines, parsed, seconds, workers, peakRssKiB (`VmHWM`).

// Only the line reader and the parallel loop are used here.
#[allow(dead_code)]
#[path = "../src/ndjson.rs"]
mod ndjson;

use std::hint::black_box;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use ndjson::Line;
use serde_json::Value;

/// Peak resident memory of this process (`VmHWM` in `/proc/self/status`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut path, mut workers) = (None, ndjson::workers());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--workers" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => workers = n,
                None => {
                    eprintln!("parse_floor: --workers needs a number");
                    return ExitCode::from(2);
                }
            },
            _ => path = Some(a.clone()),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: parse_floor FILE [--workers N]");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("parse_floor: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let mut lines = ndjson::Lines::new(BufReader::with_capacity(256 * 1024, file));
    let (mut total, mut parsed) = (0u64, 0u64);
    let result = ndjson::for_each_ordered(
        &mut lines,
        workers,
        |line| match line {
            Line::Text(_, text) => serde_json::from_str::<Value>(text)
                .map(|v| black_box(v).is_object())
                .unwrap_or(false),
            _ => false,
        },
        |ok, _| {
            total += 1;
            parsed += u64::from(ok);
            Ok(())
        },
    );
    if let Err(e) = result {
        eprintln!("parse_floor: {path}: {e}");
        return ExitCode::from(2);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "lines": total,
            "parsed": parsed,
            "seconds": seconds,
            "workers": workers,
            "peakRssKiB": peak_rss_kib(),
        })
    );
    ExitCode::SUCCESS
}
