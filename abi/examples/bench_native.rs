//! Native side of `bench/hosts.sh`: the same work the host benches time through
//! trygg.wasm — `evaluate` of each 6–8 w example response (JSON text in, canonical JSON text
//! out) on a `trygg-host` engine with every built-in form — so each host's time is a ratio
//! to native in the same run.
//!
//!   cargo run --release -p trygg-abi --example bench_native -- target/abi/forms tests/vectors/forms/examples-trygg-start.6-8w-1.0.0.json
//!
//! Prints one JSON line: {"runtime":"native","evaluate_us":…,"responses":…,"instantiate_ms":…}.

use std::time::Instant;
use trygg_host::{EngineCore, FormRefArg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let forms = args
        .get(1)
        .ok_or("usage: bench_native FORMS_DIR VECTORS_FILE")?;
    let vectors = args
        .get(2)
        .ok_or("usage: bench_native FORMS_DIR VECTORS_FILE")?;
    let index = std::fs::read_to_string(format!("{forms}/index.txt"))?;
    let docs: Vec<(bool, String)> = index
        .lines()
        .filter(|l| l.len() > 5)
        .map(|l| {
            let text = std::fs::read_to_string(format!("{forms}/{}", l.get(5..).unwrap_or("")));
            text.map(|t| (l.starts_with("form "), t))
        })
        .collect::<Result<_, _>>()?;
    let load = || -> Result<EngineCore, Box<dyn std::error::Error>> {
        let mut e = EngineCore::new();
        for (form, text) in &docs {
            if *form {
                e.load_form(text).map_err(|e| format!("{e:?}"))?;
            } else {
                e.load_text_pack(text).map_err(|e| format!("{e:?}"))?;
            }
        }
        Ok(e)
    };
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(load()?);
        loads.push(t.elapsed().as_secs_f64() * 1e3);
    }
    loads.sort_by(f64::total_cmp);
    let engine = load()?;
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(vectors)?)?;
    let cases: Vec<(FormRefArg, String)> = doc
        .get("cases")
        .and_then(serde_json::Value::as_array)
        .ok_or("no cases")?
        .iter()
        .map(|c| {
            (
                FormRefArg::from_str_ref(
                    c.get("form")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or(""),
                ),
                c.get("response")
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let rounds = 2000;
    for (r, text) in &cases {
        engine.evaluate(r, text).map_err(|e| format!("{e:?}"))?;
    }
    let t = Instant::now();
    for _ in 0..rounds {
        for (r, text) in &cases {
            std::hint::black_box(engine.evaluate(r, text).ok());
        }
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / (rounds * cases.len()) as f64;
    println!(
        "{{\"runtime\":\"native\",\"evaluate_us\":{us:.3},\"responses\":{},\"instantiate_ms\":{:.3}}}",
        cases.len(),
        loads.get(2).copied().unwrap_or(0.0)
    );
    Ok(())
}
