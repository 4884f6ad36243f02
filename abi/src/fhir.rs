//! The FHIR R4 / SDC exports (feature `fhir`; `abi/ABI.md`, "FHIR"): each is one
//! `trygg-host` call (`EngineCore::export_fhir`, `import_fhir`, `evaluate_fhir`,
//! `fhir_bundle`), text in and canonical JSON text out, errors in the one shape.
//!
//! Adding exports keeps ABI version 1: a host checks that the module has them.

use super::{form_ref, run, text, Out};

/// A loaded form version (form reference) as an SDC Questionnaire: canonical JSON.
///
/// # Safety
/// Text arguments are live buffers from [`super::trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_export_fhir(engine: u32, ref_ptr: *const u8, ref_len: usize) -> i32 {
    run(|s| {
        let r = form_ref(unsafe { text(ref_ptr, ref_len) }?)?;
        Ok(Out::Text(s.engine(engine)?.export_fhir(&r)?))
    })
}

/// An SDC Questionnaire imported as a Trygg form: `{form, mapping, report, formErrors}`.
///
/// # Safety
/// Text arguments are live buffers from [`super::trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_import_fhir(engine: u32, q_ptr: *const u8, q_len: usize) -> i32 {
    run(|s| {
        let q = unsafe { text(q_ptr, q_len) }?;
        Ok(Out::Text(s.engine(engine)?.import_fhir(q)?))
    })
}

/// A QuestionnaireResponse scored: `{outcome, problems, stored}`. `questionnaires`: JSON
/// text of an array of Questionnaires the response may name, or empty.
///
/// # Safety
/// Text arguments are live buffers from [`super::trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_evaluate_fhir(
    engine: u32,
    response_ptr: *const u8,
    response_len: usize,
    qs_ptr: *const u8,
    qs_len: usize,
) -> i32 {
    run(|s| {
        let response = unsafe { text(response_ptr, response_len) }?;
        let qs = unsafe { text(qs_ptr, qs_len) }?;
        Ok(Out::Text(s.engine(engine)?.evaluate_fhir(response, qs)?))
    })
}

/// The results of a QuestionnaireResponse as a transaction Bundle (an error listing every
/// problem when the response has any).
///
/// # Safety
/// Text arguments are live buffers from [`super::trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_fhir_bundle(
    engine: u32,
    response_ptr: *const u8,
    response_len: usize,
    qs_ptr: *const u8,
    qs_len: usize,
) -> i32 {
    run(|s| {
        let response = unsafe { text(response_ptr, response_len) }?;
        let qs = unsafe { text(qs_ptr, qs_len) }?;
        Ok(Out::Text(s.engine(engine)?.fhir_bundle(response, qs)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{trygg_engine_load_form, trygg_engine_new, trygg_result_len, trygg_result_ptr};
    use serde_json::Value;

    const GAD7: &str = include_str!("../../forms/gad-7/1.0.0.json");

    fn call(status: i32) -> (i32, String) {
        let (ptr, len) = (trygg_result_ptr(), trygg_result_len());
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[test]
    fn the_exports_are_the_host_calls() {
        let engine = trygg_engine_new() as u32;
        assert_eq!(
            call(unsafe { trygg_engine_load_form(engine, GAD7.as_ptr(), GAD7.len()) }).0,
            0
        );
        let r = "gad-7@1.0.0";
        let (status, q) = call(unsafe { trygg_export_fhir(engine, r.as_ptr(), r.len()) });
        assert_eq!(status, 0, "{q}");
        let native = crate::STATE.with(|c| {
            let state = c.borrow();
            let host = &state.engines[&engine];
            host.export_fhir(&trygg_host::FormRefArg::from_str_ref(r))
        });
        assert_eq!(q, native.unwrap());
        let (status, imported) = call(unsafe { trygg_import_fhir(engine, q.as_ptr(), q.len()) });
        assert_eq!(status, 0, "{imported}");
        let imported: Value = serde_json::from_str(&imported).unwrap();
        assert_eq!(imported["form"]["id"], "gad-7");
        let qr = serde_json::json!({"resourceType": "QuestionnaireResponse", "status": "completed",
            "questionnaire": trygg_fhir_url(), "item": [{"linkId": "gad7_1", "answer": [{"valueCoding": {
                "system": "http://loinc.org", "code": "LA6570-1"}}]}]})
        .to_string();
        let (status, scored) = call(unsafe {
            trygg_evaluate_fhir(engine, qr.as_ptr(), qr.len(), std::ptr::null(), 0)
        });
        assert_eq!(status, 0, "{scored}");
        let (status, bundle) =
            call(unsafe { trygg_fhir_bundle(engine, qr.as_ptr(), qr.len(), q.as_ptr(), 0) });
        assert_eq!(status, 0, "{bundle}");
        assert!(bundle.contains("\"resourceType\":\"Bundle\""));
        let bad = "{\"resourceType\":\"Patient\"}";
        let (status, err) = call(unsafe {
            trygg_evaluate_fhir(engine, bad.as_ptr(), bad.len(), std::ptr::null(), 0)
        });
        assert_eq!(status, crate::STATUS_ERR);
        let err: Value = serde_json::from_str(&err).unwrap();
        assert_eq!(err["code"], "fhir.wrong_resource_type");
        assert_eq!(err["path"], "/resourceType");
    }

    fn trygg_fhir_url() -> String {
        "https://trygg.example.invalid/fhir/Questionnaire/gad-7|1.0.0".to_string()
    }
}
