//! A response from arbitrary text, evaluated against a shipped form: the first byte picks
//! the form, the rest is the response's JSON text. The outcome must be canonical JSON and
//! the same on a second evaluation. Seeds: every shipped form's examples.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let forms = trygg_fuzz::shipped_forms();
    let form = &forms[usize::from(pick) % forms.len()];
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(response) = trygg::parse_response(text) else {
        return;
    };
    let first = trygg_fuzz::check_outcome(&trygg::evaluate(form, &response));
    assert_eq!(
        first,
        trygg::evaluate(form, &response).to_json(),
        "evaluation is not deterministic"
    );
});
