//! A form definition from arbitrary bytes: the input policy (`trygg::input::FORM`: size, BOM,
//! UTF-8, JSON syntax, duplicate keys), then parse, check and compile (`trygg::load`); when it
//! compiles, evaluate an empty response and every example of the form, as `trygg test`
//! does; when it does not, every error's message is short. Seeds: the shipped forms.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match trygg::input::text_from_bytes(data, &trygg::input::FORM) {
        Ok(text) => text,
        Err(e) => return trygg_fuzz::check_refusal(&e, "form."),
    };
    let form = match trygg::load(text) {
        Ok(form) => form,
        // Every error a form can have quotes what the form said short.
        Err(errors) => return errors.0.iter().for_each(trygg_fuzz::check_message),
    };
    trygg_fuzz::check_outcome(&trygg::evaluate(&form, &trygg::Response::default()));
    for example in &form.def().examples {
        let response = trygg::examples::response_of(example);
        trygg_fuzz::check_outcome(&trygg::evaluate(&form, &response));
    }
});
