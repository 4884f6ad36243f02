//! The plain-ABI exports (`trygg-abi`, the code of `trygg.wasm`) called natively as a host
//! calls them: every text argument copied into a buffer from `trygg_alloc`, the status
//! read, the result taken from `trygg_result_ptr` / `trygg_result_len`, the buffers freed.
//! One engine per process holds every shipped form.
//!
//! Byte 0 picks the export, byte 1 a shipped form (its reference `id@version`; from 0xF0 the
//! fourth argument's text is the reference instead, 0xEF names no live engine), the rest is
//! up to four arguments separated by NUL, passed as raw bytes (not necessarily UTF-8).
//! Checks, for every call: the status is 0 with canonical JSON in the result buffer, a
//! handle (> 0, empty result) for the calls that make one, or -1 with the one error shape
//! in the buffer — `{code, path, message, errors}` as canonical JSON, a non-empty code of a
//! known family, `errors` non-empty and led by the same code and path, every message at
//! most `MAX_MESSAGE_CHARS` characters (input quoted short; `check_canonical` checks every
//! `{code, message}` in the error as in every output).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use trygg_abi::fhir::{
    trygg_evaluate_fhir, trygg_export_fhir, trygg_fhir_bundle, trygg_import_fhir,
};
use trygg_abi::*;

/// What a successful call returns.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Handle,
}

/// The result buffer's bytes.
fn result() -> Vec<u8> {
    let (ptr, len) = (trygg_result_ptr(), trygg_result_len());
    if len == 0 {
        return Vec::new();
    }
    // SAFETY: the module's result buffer, valid until the next call.
    unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec()
}

/// Check a call's status and result; the result text for a successful text call.
fn check(status: i32, kind: Kind, call: &str) -> Option<String> {
    let bytes = result();
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{call}: result not UTF-8: {e}"));
    match status {
        0 => {
            assert!(
                kind == Kind::Text,
                "{call}: status 0 from a call that makes a handle"
            );
            trygg_fuzz::check_canonical(&text);
            Some(text)
        }
        STATUS_ERR => {
            trygg_fuzz::check_canonical(&text);
            let e: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let code = e["code"]
                .as_str()
                .unwrap_or_else(|| panic!("{call}: no code: {text}"));
            assert!(
                FAMILIES.iter().any(|f| code.starts_with(f)),
                "{call}: code {code} of no known family"
            );
            let path = e["path"]
                .as_str()
                .unwrap_or_else(|| panic!("{call}: no path: {text}"));
            assert!(
                path.is_empty() || path.starts_with('/'),
                "{call}: path {path:?}"
            );
            assert!(e["message"].is_string(), "{call}: no message: {text}");
            let errors = e["errors"]
                .as_array()
                .unwrap_or_else(|| panic!("{call}: {text}"));
            let first = errors
                .first()
                .unwrap_or_else(|| panic!("{call}: no errors: {text}"));
            assert_eq!(
                (first["code"].as_str(), first["path"].as_str()),
                (Some(code), Some(path)),
                "{call}: errors[0] is not the error"
            );
            for d in errors {
                assert!(
                    d["code"].as_str().is_some_and(|c| !c.is_empty()) && d["path"].is_string(),
                    "{call}: an error without code or path: {text}"
                );
            }
            None
        }
        h => {
            assert!(kind == Kind::Handle && h > 0, "{call}: status {h}: {text}");
            assert!(text.is_empty(), "{call}: a handle with a result: {text}");
            None
        }
    }
}

/// The families of the codes the engine, the host and the ABI emit (`docs/errors.md`,
/// `docs/fhir.md`, the programme codes); `internal.*` belongs to the JS shell only.
const FAMILIES: &[&str] = &[
    "abi.",
    "json.",
    "form.",
    "schema.",
    "response.",
    "file.",
    "logic.",
    "answer.",
    "context.",
    "respondent.",
    "rule.",
    "registry.",
    "batch.",
    "family.",
    "session.",
    "pack.",
    "precompiled.",
    "text.",
    "synth.",
    "compare.",
    "fhir.",
    "programme.",
];

/// A host's call: each argument copied into a buffer from `trygg_alloc`, freed after.
fn with_args(args: &[&[u8]], f: impl FnOnce(&[(*const u8, usize)]) -> i32) -> i32 {
    let bufs: Vec<(*mut u8, usize)> = args
        .iter()
        .map(|a| {
            let p = trygg_alloc(a.len());
            if !a.is_empty() {
                // SAFETY: `p` has room for `a.len()` bytes.
                unsafe { std::ptr::copy_nonoverlapping(a.as_ptr(), p, a.len()) };
            }
            (p, a.len())
        })
        .collect();
    let views: Vec<(*const u8, usize)> = bufs.iter().map(|&(p, n)| (p.cast_const(), n)).collect();
    let status = f(&views);
    for (p, n) in bufs {
        // SAFETY: from `trygg_alloc(n)`, freed once.
        unsafe { trygg_free(p, n) };
    }
    status
}

thread_local! {
    // The instance's state is per thread natively: so is the engine holding the forms.
    static ENGINE: u32 = {
        let h = u32::try_from(trygg_engine_new()).unwrap_or_else(|_| panic!("engine_new"));
        for text in trygg_fuzz::shipped_form_texts() {
            let status = unsafe { trygg_engine_load_form(h, text.as_ptr(), text.len()) };
            assert_eq!(status, 0, "{}", String::from_utf8_lossy(&result()));
        }
        h
    };
}

fn form_ref(pick: usize) -> String {
    let forms = trygg_fuzz::shipped_forms();
    let def = forms[pick % forms.len()].def();
    format!("{}@{}", def.id, def.version)
}

fuzz_target!(|data: &[u8]| {
    let [op, pick, rest @ ..] = data else {
        return;
    };
    let mut parts = rest.splitn(4, |&b| b == 0);
    let a: [&[u8]; 4] = std::array::from_fn(|_| parts.next().unwrap_or_default());
    let engine = if *pick == 0xEF {
        0
    } else {
        ENGINE.with(|h| *h)
    };
    let (r, r2) = if *pick >= 0xF0 {
        (a[3].to_vec(), a[3].to_vec())
    } else {
        let p = usize::from(*pick);
        (form_ref(p).into_bytes(), form_ref(p + 1).into_bytes())
    };
    let t = Kind::Text;
    // SAFETY (every call): the pointers are buffers from `trygg_alloc` of the given lengths.
    match op % 17 {
        0 => {
            let s = with_args(&[a[0]], |b| unsafe { trygg_canonical_json(b[0].0, b[0].1) });
            check(s, t, "canonical_json");
        }
        1 => {
            let s = with_args(&[a[0]], |b| unsafe { trygg_content_hash(b[0].0, b[0].1) });
            check(s, t, "content_hash");
        }
        2 => {
            let s = with_args(&[a[0], a[1]], |b| unsafe {
                trygg_evaluate_logic(b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "evaluate_logic");
        }
        3 => {
            let s = with_args(&[&r, a[0]], |b| unsafe {
                trygg_evaluate(engine, b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "evaluate");
        }
        4 => {
            let s = with_args(&[&r, a[0]], |b| unsafe {
                trygg_evaluate_family(engine, b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "evaluate_family");
        }
        5 => {
            let s = with_args(&[&r, a[0], a[1]], |b| unsafe {
                trygg_view_for(engine, b[0].0, b[0].1, b[1].0, b[1].1, b[2].0, b[2].1)
            });
            check(s, t, "view_for");
        }
        6 => {
            let s = with_args(&[&r, &r2, a[0]], |b| unsafe {
                trygg_compare_versions(engine, b[0].0, b[0].1, b[1].0, b[1].1, b[2].0, b[2].1)
            });
            check(s, t, "compare_versions");
        }
        7 | 8 => {
            let packs = i32::from(a[2].first().copied().unwrap_or(0) & 1);
            let s = with_args(&[&r, a[0], a[1]], |b| unsafe {
                let explain = if op % 17 == 7 {
                    trygg_explain
                } else {
                    trygg_explain_text
                };
                explain(
                    engine, b[0].0, b[0].1, b[1].0, b[1].1, b[2].0, b[2].1, packs,
                )
            });
            check(s, t, "explain");
        }
        9 => {
            let s = with_args(&[a[0], a[1]], |b| unsafe {
                trygg_evaluate_programme(engine, b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "evaluate_programme");
        }
        10 => session(engine, &r, a),
        11 => {
            // A form and a text pack of the input's, in an engine of their own.
            let scratch = trygg_engine_new();
            check(scratch, Kind::Handle, "engine_new");
            let scratch = u32::try_from(scratch).unwrap_or_default();
            check(
                trygg_engine_allow_drafts(scratch, i32::from(*pick & 1)),
                t,
                "allow_drafts",
            );
            let s = with_args(&[a[0]], |b| unsafe {
                trygg_engine_load_form(scratch, b[0].0, b[0].1)
            });
            check(s, t, "engine_load_form");
            let s = with_args(&[a[1]], |b| unsafe {
                trygg_engine_load_text_pack(scratch, b[0].0, b[0].1)
            });
            check(s, t, "engine_load_text_pack");
            check(trygg_engine_forms(scratch), t, "engine_forms");
            check(trygg_engine_free(scratch), t, "engine_free");
        }
        12 => {
            let mut b = [0u8; 8];
            for (x, y) in b.iter_mut().zip(a[0]) {
                *x = *y;
            }
            let days = if *pick < 0x80 {
                f64::from(*pick) * 7.0
            } else {
                f64::from_le_bytes(b)
            };
            check(
                trygg_engine_form_for_checkup(engine, days),
                t,
                "form_for_checkup",
            );
            check(trygg_engine_forms(engine), t, "engine_forms");
        }
        13 => {
            let s = with_args(&[&r], |b| unsafe {
                trygg_export_fhir(engine, b[0].0, b[0].1)
            });
            check(s, t, "export_fhir");
        }
        14 => {
            let s = with_args(&[a[0]], |b| unsafe {
                trygg_import_fhir(engine, b[0].0, b[0].1)
            });
            check(s, t, "import_fhir");
        }
        15 => {
            let s = with_args(&[a[0], a[1]], |b| unsafe {
                trygg_evaluate_fhir(engine, b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "evaluate_fhir");
        }
        _ => {
            let s = with_args(&[a[0], a[1]], |b| unsafe {
                trygg_fhir_bundle(engine, b[0].0, b[0].1, b[1].0, b[1].1)
            });
            check(s, t, "fhir_bundle");
        }
    }
});

/// A session: started with `a[0]` as init, `a[1]` set to `a[2]`, `a[1]` declined, rendered
/// in the locale `a[3]`, its progress, outcome and response read, then ended (and ending it
/// again is an unknown handle).
fn session(engine: u32, r: &[u8], a: [&[u8]; 4]) {
    let t = Kind::Text;
    let s = with_args(&[r, a[0]], |b| unsafe {
        trygg_session_new(engine, b[0].0, b[0].1, b[1].0, b[1].1)
    });
    check(s, Kind::Handle, "session_new");
    let Ok(session) = u32::try_from(s) else {
        return;
    };
    let s = with_args(&[a[1], a[2]], |b| unsafe {
        trygg_session_set(session, b[0].0, b[0].1, b[1].0, b[1].1)
    });
    check(s, t, "session_set");
    let s = with_args(&[a[1]], |b| unsafe {
        trygg_session_decline(session, b[0].0, b[0].1)
    });
    check(s, t, "session_decline");
    let s = with_args(&[a[3]], |b| unsafe {
        trygg_session_items(session, b[0].0, b[0].1)
    });
    check(s, t, "session_items");
    for (call, name) in [
        (
            trygg_session_progress as extern "C" fn(u32) -> i32,
            "session_progress",
        ),
        (trygg_session_outcome, "session_outcome"),
        (trygg_session_response, "session_response"),
    ] {
        assert!(
            check(call(session), t, name).is_some(),
            "{name} failed on a live session"
        );
    }
    assert!(check(trygg_session_free(session), t, "session_free").is_some());
    assert!(check(trygg_session_free(session), t, "session_free").is_none());
}
