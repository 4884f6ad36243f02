//! A response from arbitrary text, evaluated against a shipped form: the first byte picks
//! the form, the rest is the response's bytes (through the input policy,
//! `trygg::input::RESPONSE`, as the CLI reads them). The outcome must be canonical JSON and
//! the same on a second evaluation. Seeds: every shipped form's examples.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let forms = trygg_fuzz::shipped_forms();
    let form = &forms[usize::from(pick) % forms.len()];
    let text = match trygg::input::text_from_bytes(rest, &trygg::input::RESPONSE) {
        Ok(text) => text,
        Err(e) => return trygg_fuzz::check_refusal(&e, "response."),
    };
    let response = match trygg::parse_response(text) {
        Ok(response) => response,
        Err(e) => return trygg_fuzz::check_refusal(&e, "response."),
    };
    let first = trygg_fuzz::check_outcome(&trygg::evaluate(form, &response));
    assert_eq!(
        first,
        trygg::evaluate(form, &response).to_json(),
        "evaluation is not deterministic"
    );
});
