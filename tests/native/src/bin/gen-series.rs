//! The Trygg start series generator (`trygg_conformance::series`).
//!
//! `cargo run -p trygg-conformance --bin gen-series -- --check` builds every check-up form
//! from the engine's model types, loads it with the engine and runs its examples, then
//! compares it with the committed `forms/trygg-start/<checkup>/<version>.json` (exit 1 and
//! the first differing JSON pointer per file when they differ). `--write NAME...` (e.g.
//! `6-8w/1.0.0`; none = all) writes files: never use it on a version that is already
//! active in a region — a published version is immutable.

use std::process::ExitCode;
use trygg_conformance::series::check::{check_all, write};

const USAGE: &str = "usage: gen-series --check | --write [CHECKUP/VERSION ...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--check") if args.len() == 1 => match check_all() {
            Ok(problems) if problems.is_empty() => {
                println!("trygg-start series: every form matches the generator");
                ExitCode::SUCCESS
            }
            Ok(problems) => {
                for p in &problems {
                    eprintln!("{p}");
                }
                eprintln!(
                    "trygg-start series: {} problem(s); the generator is tests/native/src/series/",
                    problems.len()
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("--write") => match write(&args[1..]) {
            Ok(paths) => {
                for p in paths {
                    println!("wrote {p}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
