//! A JsonLogic rule and its data from arbitrary text (`rule NUL data`; no NUL: data is
//! `null`): compile, evaluate, and check that a result is canonical JSON. Seeds: the shared
//! JsonLogic conformance suites.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let (rule, input) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b"null"[..]),
    };
    let (Ok(rule), Ok(input)) = (std::str::from_utf8(rule), std::str::from_utf8(input)) else {
        return;
    };
    let (Ok(rule), Ok(input)) = (
        serde_json::from_str::<Value>(rule),
        serde_json::from_str::<Value>(input),
    ) else {
        return;
    };
    let Ok(compiled) = trygg::logic::compile(&rule) else {
        return;
    };
    match compiled.evaluate(&input) {
        Ok(value) => trygg_fuzz::check_canonical(&trygg::to_canonical_string(&value)),
        Err(e) => trygg_fuzz::check_canonical(&trygg::to_canonical_string(&e.to_value())),
    }
});
