//! FHIR text as a host passes it, through `trygg_fhir::api` (what `trygg-host`, the plain
//! ABI and the wasm module call) against every shipped form loaded once into a registry.
//! Byte 0 picks the call: even → `import_json` of the rest as a Questionnaire; odd →
//! `score_json` of `response NUL questionnaires` (no NUL: no Questionnaires passed), then
//! the score's JSON and its results Bundle. Nothing may panic; an error has a `fhir.*` code
//! (or the compiler's `form.*` / `logic.*` for a passed Questionnaire that does not
//! compile) and a short message, every output is canonical JSON, and scoring the same text
//! twice gives the same bytes.
//! Seeds: `tests/vectors/fhir/` and the HL7 fixtures.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // The API takes text: a host has already decoded it (the ABI target covers bytes).
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if mode % 2 == 0 {
        match trygg_fhir::api::import_json(text) {
            Ok(out) => trygg_fuzz::check_canonical(&out),
            Err(e) => trygg_fuzz::check_refusal(&e, "fhir."),
        }
        return;
    }
    let (response, questionnaires) = text.split_once('\0').unwrap_or((text, ""));
    let forms = trygg_fuzz::shipped_registry();
    let scoring = match trygg_fhir::api::score_json(response, questionnaires, forms) {
        Ok(scoring) => scoring,
        // A passed Questionnaire that imports but does not compile is refused with the
        // compiler's error — `form.*`, or `logic.*` for a condition carried over from a
        // Trygg export — located under `/<i>` (its index in the array).
        Err(e) if e.code.starts_with("form.") || e.code.starts_with("logic.") => {
            assert!(e.path.starts_with('/'), "{e:?}");
            return trygg_fuzz::check_message(&e);
        }
        Err(e) => return trygg_fuzz::check_refusal(&e, "fhir."),
    };
    let scored = scoring.to_json();
    trygg_fuzz::check_canonical(&scored);
    let bundle = scoring.bundle_json();
    match &bundle {
        Ok(b) => trygg_fuzz::check_canonical(b),
        Err(problems) => {
            assert!(!problems.is_empty(), "a refused Bundle without a problem");
            for e in problems {
                assert!(!e.code.is_empty(), "a problem without a code: {e:?}");
            }
        }
    }
    let again = trygg_fhir::api::score_json(response, questionnaires, forms)
        .unwrap_or_else(|e| panic!("scored once, refused the second time: {e:?}"));
    assert_eq!(scored, again.to_json(), "scoring is not deterministic");
    assert_eq!(
        bundle.as_ref().ok(),
        again.bundle_json().as_ref().ok(),
        "the Bundle is not deterministic"
    );
});
