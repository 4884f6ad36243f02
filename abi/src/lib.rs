//! `trygg-abi`: `trygg.wasm`, the engine behind a plain ABI that imports nothing.
//!
//! Every WebAssembly runtime (Chicory on the JVM, wazero in Go, wasmtime in Python, V8 in
//! Node without glue) instantiates it with an empty import object. Text crosses linear
//! memory as UTF-8: the host allocates input buffers with [`trygg_alloc`], a call returns an
//! `i32` status, and the output (canonical JSON text, or an error object) waits in the
//! module's result buffer ([`trygg_result_ptr`], [`trygg_result_len`]) until the next call.
//! The whole contract is `abi/ABI.md` (and `abi/trygg.h`).
//!
//! This crate only moves text: every call is one of `trygg_host`'s, so the ABI gives the
//! same bytes, codes and paths as the native engine and the JS package.

use std::cell::RefCell;
use std::collections::BTreeMap;
use trygg::Error;
use trygg_host::api;
use trygg_host::{EngineCore, FormRefArg, HostError, SessionCore};

#[cfg(feature = "fhir")]
pub mod fhir;

/// The ABI version [`trygg_abi_version`] returns; hosts refuse any other.
pub const ABI_VERSION: u32 = 1;

/// Status of a failed call: the result buffer holds the error object.
pub const STATUS_ERR: i32 = -1;

/// Engines, sessions and the last result of this instance.
#[derive(Default)]
struct State {
    engines: BTreeMap<u32, EngineCore>,
    sessions: BTreeMap<u32, SessionCore>,
    last_handle: u32,
    result: Vec<u8>,
}

thread_local! {
    // wasm32-unknown-unknown has one thread: this is the instance's state. Natively (the
    // unit tests) each thread has its own, as each instance would.
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// What a successful call leaves: a text in the result buffer, or a new handle.
enum Out {
    Text(String),
    Handle(u32),
}

/// A failed call: the host's one error shape, `{code, path, message, errors, type?, value?}`.
/// (Boxed: a failure is the rare path and keeps every `Result` small.)
struct Failure(Box<HostError>);

impl<E: Into<HostError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(Box::new(e.into()))
    }
}

impl State {
    fn new_handle(&mut self) -> Result<u32, Failure> {
        // Handles are positive i32 statuses, never reused within an instance.
        match self.last_handle.checked_add(1) {
            Some(h) if i32::try_from(h).is_ok() => {
                self.last_handle = h;
                Ok(h)
            }
            _ => Err(Error::new(
                "abi.too_many_handles",
                "",
                "this instance has made 2^31 - 1 handles; instantiate the module again",
            )
            .into()),
        }
    }

    fn engine(&self, h: u32) -> Result<&EngineCore, Failure> {
        self.engines.get(&h).ok_or_else(|| unknown("engine", h))
    }

    fn engine_mut(&mut self, h: u32) -> Result<&mut EngineCore, Failure> {
        self.engines.get_mut(&h).ok_or_else(|| unknown("engine", h))
    }

    fn session(&self, h: u32) -> Result<&SessionCore, Failure> {
        self.sessions.get(&h).ok_or_else(|| unknown("session", h))
    }

    fn session_mut(&mut self, h: u32) -> Result<&mut SessionCore, Failure> {
        self.sessions
            .get_mut(&h)
            .ok_or_else(|| unknown("session", h))
    }
}

fn unknown(what: &str, h: u32) -> Failure {
    Error::new(
        "abi.unknown_handle",
        "",
        format!("no {what} with handle {h} is live in this instance"),
    )
    .into()
}

/// Run one call against the instance's state and store its result: the status.
fn run(call: impl FnOnce(&mut State) -> Result<Out, Failure>) -> i32 {
    STATE.with(|cell| {
        let mut state = cell.borrow_mut();
        let outcome = call(&mut state);
        match outcome {
            Ok(Out::Text(text)) => {
                state.result = text.into_bytes();
                0
            }
            Ok(Out::Handle(h)) => {
                state.result.clear();
                i32::try_from(h).unwrap_or(STATUS_ERR)
            }
            Err(Failure(e)) => {
                let text = trygg::to_canonical_string_of(&*e).unwrap_or_else(|_| "null".into());
                state.result = text.into_bytes();
                STATUS_ERR
            }
        }
    })
}

/// The UTF-8 text at `(ptr, len)`.
///
/// # Safety
/// `(ptr, len)` is a live buffer of the caller's (from [`trygg_alloc`]), or `len` is 0.
unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, Failure> {
    if len == 0 || ptr.is_null() {
        return Ok("");
    }
    // SAFETY: the caller passes a buffer it allocated with `trygg_alloc(len)` and wrote.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            "abi.invalid_encoding",
            "",
            format!("a text argument is not UTF-8 (at byte {})", e.valid_up_to()),
        )
        .into()
    })
}

/// A form reference: `id`, `id@version`, or the JSON text of `{"id", "version"?}`.
fn form_ref(text: &str) -> Result<FormRefArg, Failure> {
    if text.trim_start().starts_with('{') {
        Ok(FormRefArg::from_json(text)?)
    } else {
        Ok(FormRefArg::from_str_ref(text))
    }
}

fn json_null() -> Out {
    Out::Text("null".to_owned())
}

// ---- version and buffers ----------------------------------------------------------------

/// The ABI version (1). Hosts check it on load and refuse any other.
#[no_mangle]
pub extern "C" fn trygg_abi_version() -> u32 {
    ABI_VERSION
}

/// A buffer of `len` bytes for an input text, owned by the caller until it calls
/// [`trygg_free`] with the same `len`. 0 for `len` 0. Traps when the memory cannot grow.
#[no_mangle]
pub extern "C" fn trygg_alloc(len: usize) -> *mut u8 {
    if len == 0 {
        return std::ptr::null_mut();
    }
    // Exactly `len` bytes of capacity (documented for `Vec::with_capacity`); an allocation
    // failure aborts, which traps.
    let mut buffer: Vec<u8> = Vec::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Free a buffer from [`trygg_alloc`].
///
/// # Safety
/// `(ptr, len)` came from `trygg_alloc(len)` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn trygg_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() || len == 0 {
        return;
    }
    // SAFETY: made by `trygg_alloc` as a `Vec<u8>` of capacity `len`.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len) });
}

/// Where the last call's result text starts (valid until the next call).
#[no_mangle]
pub extern "C" fn trygg_result_ptr() -> *const u8 {
    STATE.with(|cell| cell.borrow().result.as_ptr())
}

/// The last call's result text's length in bytes.
#[no_mangle]
pub extern "C" fn trygg_result_len() -> usize {
    STATE.with(|cell| cell.borrow().result.len())
}

/// The engine version (plain text, e.g. `0.1.0`).
#[no_mangle]
pub extern "C" fn trygg_engine_version() -> i32 {
    run(|_| Ok(Out::Text(api::engine_version().to_owned())))
}

// ---- stateless calls ----------------------------------------------------------------------

/// RFC 8785 canonical text of JSON text.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_canonical_json(ptr: *const u8, len: usize) -> i32 {
    run(|_| {
        let json = unsafe { text(ptr, len) }?;
        Ok(Out::Text(api::canonical_json(json)?))
    })
}

/// `"sha256:<hex>"` (a JSON string) of the canonical text of JSON text.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_content_hash(ptr: *const u8, len: usize) -> i32 {
    run(|_| {
        let json = unsafe { text(ptr, len) }?;
        let hash = api::content_hash(json)?;
        Ok(Out::Text(trygg_host::engine::canonical(&hash)))
    })
}

/// Evaluate a JsonLogic rule against data (both JSON text).
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_evaluate_logic(
    rule_ptr: *const u8,
    rule_len: usize,
    data_ptr: *const u8,
    data_len: usize,
) -> i32 {
    run(|_| {
        let rule = unsafe { text(rule_ptr, rule_len) }?;
        let data = unsafe { text(data_ptr, data_len) }?;
        Ok(Out::Text(api::evaluate_logic(rule, data)?))
    })
}

// ---- engines ------------------------------------------------------------------------------

/// A new, empty engine: the status is its handle.
#[no_mangle]
pub extern "C" fn trygg_engine_new() -> i32 {
    run(|s| {
        let h = s.new_handle()?;
        s.engines.insert(h, EngineCore::new());
        Ok(Out::Handle(h))
    })
}

/// Free an engine (its sessions live on).
#[no_mangle]
pub extern "C" fn trygg_engine_free(engine: u32) -> i32 {
    run(|s| {
        s.engines
            .remove(&engine)
            .map(|_| json_null())
            .ok_or_else(|| unknown("engine", engine))
    })
}

/// Allow (non-zero) or refuse (0) draft forms for new responses and sessions.
#[no_mangle]
pub extern "C" fn trygg_engine_allow_drafts(engine: u32, allow: i32) -> i32 {
    run(|s| {
        s.engine_mut(engine)?.allow_drafts(allow != 0);
        Ok(json_null())
    })
}

/// Compile and add a form definition (JSON text); the result is its `FormInfo`.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_engine_load_form(engine: u32, ptr: *const u8, len: usize) -> i32 {
    run(|s| {
        let json = unsafe { text(ptr, len) }?;
        let info = s.engine_mut(engine)?.load_form(json)?;
        Ok(Out::Text(trygg_host::engine::canonical(&info)))
    })
}

/// Load a text pack (JSON text) for the loaded versions of its form.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_engine_load_text_pack(
    engine: u32,
    ptr: *const u8,
    len: usize,
) -> i32 {
    run(|s| {
        let json = unsafe { text(ptr, len) }?;
        s.engine_mut(engine)?.load_text_pack(json)?;
        Ok(json_null())
    })
}

/// Every loaded form (`[FormInfo]`, by id then version).
#[no_mangle]
pub extern "C" fn trygg_engine_forms(engine: u32) -> i32 {
    run(|s| {
        let forms = s.engine(engine)?.forms();
        Ok(Out::Text(trygg_host::engine::canonical(&forms)))
    })
}

/// The active check-up form (`FormInfo`) for a child of `age_days` (a whole number ≥ 0).
#[no_mangle]
pub extern "C" fn trygg_engine_form_for_checkup(engine: u32, age_days: f64) -> i32 {
    run(|s| {
        let info = s.engine(engine)?.form_for_checkup(age_days)?;
        Ok(Out::Text(trygg_host::engine::canonical(&info)))
    })
}

/// The outcome of one response (JSON text) under the form a reference names.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_evaluate(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    response_ptr: *const u8,
    response_len: usize,
) -> i32 {
    run(|s| {
        let r = form_ref(unsafe { text(ref_ptr, ref_len) }?)?;
        let response = unsafe { text(response_ptr, response_len) }?;
        Ok(Out::Text(s.engine(engine)?.evaluate(&r, response)?))
    })
}

/// The clinician's family summary of a JSON array of responses.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_evaluate_family(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    responses_ptr: *const u8,
    responses_len: usize,
) -> i32 {
    run(|s| {
        let r = form_ref(unsafe { text(ref_ptr, ref_len) }?)?;
        let responses = unsafe { text(responses_ptr, responses_len) }?;
        Ok(Out::Text(s.engine(engine)?.evaluate_family(&r, responses)?))
    })
}

/// One respondent's own outcome, from their response alone.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_view_for(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    responses_ptr: *const u8,
    responses_len: usize,
    respondent_ptr: *const u8,
    respondent_len: usize,
) -> i32 {
    run(|s| {
        let r = form_ref(unsafe { text(ref_ptr, ref_len) }?)?;
        let responses = unsafe { text(responses_ptr, responses_len) }?;
        let respondent = unsafe { text(respondent_ptr, respondent_len) }?;
        Ok(Out::Text(
            s.engine(engine)?.view_for(&r, responses, respondent)?,
        ))
    })
}

/// One response scored under two versions: `{from, to, dropped, droppedFrom, change}`.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_compare_versions(
    engine: u32,
    from_ptr: *const u8,
    from_len: usize,
    to_ptr: *const u8,
    to_len: usize,
    response_ptr: *const u8,
    response_len: usize,
) -> i32 {
    run(|s| {
        let from = form_ref(unsafe { text(from_ptr, from_len) }?)?;
        let to = form_ref(unsafe { text(to_ptr, to_len) }?)?;
        let response = unsafe { text(response_ptr, response_len) }?;
        Ok(Out::Text(
            s.engine(engine)?.compare_versions(&from, &to, response)?,
        ))
    })
}

/// Explain one response under the form a reference names, in `locale` (a form locale; any
/// other falls back to the form's first), with the engine's loaded text packs when `text_packs` is non-zero: the
/// explanation's canonical JSON.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_explain(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    response_ptr: *const u8,
    response_len: usize,
    locale_ptr: *const u8,
    locale_len: usize,
    text_packs: i32,
) -> i32 {
    run(|s| {
        let e = unsafe {
            explanation(
                s,
                engine,
                (ref_ptr, ref_len),
                (response_ptr, response_len),
                (locale_ptr, locale_len),
                text_packs,
            )
        }?;
        Ok(Out::Text(e.to_json()))
    })
}

/// The same explanation as [`trygg_explain`] in plain words: a JSON string.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_explain_text(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    response_ptr: *const u8,
    response_len: usize,
    locale_ptr: *const u8,
    locale_len: usize,
    text_packs: i32,
) -> i32 {
    run(|s| {
        let e = unsafe {
            explanation(
                s,
                engine,
                (ref_ptr, ref_len),
                (response_ptr, response_len),
                (locale_ptr, locale_len),
                text_packs,
            )
        }?;
        Ok(Out::Text(trygg_host::engine::canonical(
            e.to_text().as_str(),
        )))
    })
}

/// The explanation behind [`trygg_explain`] and [`trygg_explain_text`].
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
unsafe fn explanation(
    s: &State,
    engine: u32,
    form: (*const u8, usize),
    response: (*const u8, usize),
    locale: (*const u8, usize),
    text_packs: i32,
) -> Result<trygg::Explanation, Failure> {
    let r = form_ref(unsafe { text(form.0, form.1) }?)?;
    let response = unsafe { text(response.0, response.1) }?;
    let locale = unsafe { text(locale.0, locale.1) }?;
    Ok(s.engine(engine)?
        .explain(&r, response, locale, text_packs != 0)?)
}

/// Evaluate a programme definition (JSON text) for one family's input (JSON text) against
/// the engine's loaded forms: the programme result's canonical JSON.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_evaluate_programme(
    engine: u32,
    programme_ptr: *const u8,
    programme_len: usize,
    input_ptr: *const u8,
    input_len: usize,
) -> i32 {
    run(|s| {
        let programme = unsafe { text(programme_ptr, programme_len) }?;
        let input = unsafe { text(input_ptr, input_len) }?;
        Ok(Out::Text(
            s.engine(engine)?.evaluate_programme(programme, input)?,
        ))
    })
}

// ---- sessions -----------------------------------------------------------------------------

/// Start a session (`init`: JSON text of `{respondent?, context?}`, or empty for `{}`):
/// the status is its handle.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_session_new(
    engine: u32,
    ref_ptr: *const u8,
    ref_len: usize,
    init_ptr: *const u8,
    init_len: usize,
) -> i32 {
    run(|s| {
        let r = form_ref(unsafe { text(ref_ptr, ref_len) }?)?;
        let init = unsafe { text(init_ptr, init_len) }?;
        let init = if init.is_empty() { "{}" } else { init };
        let session = s.engine(engine)?.session(&r, init)?;
        let h = s.new_handle()?;
        s.sessions.insert(h, session);
        Ok(Out::Handle(h))
    })
}

/// Set (or with `null` clear) an answer (`value` is JSON text); the changes.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_session_set(
    session: u32,
    item_ptr: *const u8,
    item_len: usize,
    value_ptr: *const u8,
    value_len: usize,
) -> i32 {
    run(|s| {
        let item = unsafe { text(item_ptr, item_len) }?;
        let value = unsafe { text(value_ptr, value_len) }?;
        Ok(Out::Text(s.session_mut(session)?.set(item, value)?))
    })
}

/// Decline an item; the changes.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_session_decline(
    session: u32,
    item_ptr: *const u8,
    item_len: usize,
) -> i32 {
    run(|s| {
        let item = unsafe { text(item_ptr, item_len) }?;
        Ok(Out::Text(s.session_mut(session)?.decline(item)?))
    })
}

/// The form rendered in `locale`.
///
/// # Safety
/// Text arguments are live buffers from [`trygg_alloc`] (or `len` 0).
#[no_mangle]
pub unsafe extern "C" fn trygg_session_items(
    session: u32,
    locale_ptr: *const u8,
    locale_len: usize,
) -> i32 {
    run(|s| {
        let locale = unsafe { text(locale_ptr, locale_len) }?;
        Ok(Out::Text(s.session(session)?.items(locale)))
    })
}

/// The session's progress.
#[no_mangle]
pub extern "C" fn trygg_session_progress(session: u32) -> i32 {
    run(|s| Ok(Out::Text(s.session(session)?.progress())))
}

/// The session's outcome so far (a full evaluation).
#[no_mangle]
pub extern "C" fn trygg_session_outcome(session: u32) -> i32 {
    run(|s| Ok(Out::Text(s.session(session)?.outcome())))
}

/// The session's response so far.
#[no_mangle]
pub extern "C" fn trygg_session_response(session: u32) -> i32 {
    run(|s| Ok(Out::Text(s.session(session)?.response())))
}

/// End a session.
#[no_mangle]
pub extern "C" fn trygg_session_free(session: u32) -> i32 {
    run(|s| {
        s.sessions
            .remove(&session)
            .map(|_| json_null())
            .ok_or_else(|| unknown("session", session))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const MINI: &str = include_str!("../../engine/tests/fixtures/mini.json");

    fn result() -> String {
        let (ptr, len) = (trygg_result_ptr(), trygg_result_len());
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// A host's view of a call: the status and the result text.
    fn call(status: i32) -> (i32, String) {
        (status, result())
    }

    fn error(status: i32) -> Value {
        let (status, text) = call(status);
        assert_eq!(status, STATUS_ERR, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn version_and_canonical() {
        assert_eq!(trygg_abi_version(), 1);
        let input = r#"{ "b": 1e21, "a": [-0] }"#;
        let got = call(unsafe { trygg_canonical_json(input.as_ptr(), input.len()) });
        assert_eq!(got, (0, r#"{"a":[0],"b":1e+21}"#.to_owned()));
        let e = error(unsafe { trygg_canonical_json("[1,".as_ptr(), 3) });
        assert_eq!(e["code"], "json.invalid");
        assert_eq!(e["path"], "");
        assert_eq!(e["errors"][0]["code"], "json.invalid");
        let bad = [b'"', 0xff, b'"'];
        assert_eq!(
            error(unsafe { trygg_canonical_json(bad.as_ptr(), 3) })["code"],
            "abi.invalid_encoding"
        );
        assert_eq!(call(trygg_engine_version()).1, env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn alloc_and_free() {
        assert!(trygg_alloc(0).is_null());
        let p = trygg_alloc(16);
        assert!(!p.is_null());
        unsafe {
            std::ptr::copy_nonoverlapping(b"[1]".as_ptr(), p, 3);
            assert_eq!(call(trygg_canonical_json(p, 3)), (0, "[1]".to_owned()));
            trygg_free(p, 16);
            trygg_free(std::ptr::null_mut(), 0);
        }
    }

    #[test]
    fn logic_errors_carry_type_and_value() {
        let (rule, data) = (r#"{"/":[1,0]}"#, "null");
        let e = error(unsafe {
            trygg_evaluate_logic(rule.as_ptr(), rule.len(), data.as_ptr(), data.len())
        });
        assert_eq!(e["code"], "logic.nan");
        assert_eq!(e["type"], "NaN");
        assert_eq!(e["value"], r#"{"type":"NaN"}"#);
    }

    #[test]
    fn engine_session_and_handles() {
        let engine = trygg_engine_new();
        assert!(engine > 0);
        let engine = engine as u32;
        let (status, info) =
            call(unsafe { trygg_engine_load_form(engine, MINI.as_ptr(), MINI.len()) });
        assert_eq!(status, 0, "{info}");
        let info: Value = serde_json::from_str(&info).unwrap();
        let id = info["id"].as_str().unwrap().to_owned();
        let resp = r#"{"answers":{"mood1":"1"}}"#;
        let (status, outcome) = call(unsafe {
            trygg_evaluate(engine, id.as_ptr(), id.len(), resp.as_ptr(), resp.len())
        });
        assert_eq!(status, 0, "{outcome}");
        let nope = "nope@9";
        let e = error(unsafe {
            trygg_evaluate(engine, nope.as_ptr(), nope.len(), resp.as_ptr(), resp.len())
        });
        assert_eq!(e["code"], "registry.unknown_form");

        let session =
            unsafe { trygg_session_new(engine, id.as_ptr(), id.len(), std::ptr::null(), 0) };
        assert!(session > 0 && session != engine as i32);
        let session = session as u32;
        let (item, value) = ("mood1", "\"1\"");
        let (status, _) = call(unsafe {
            trygg_session_set(
                session,
                item.as_ptr(),
                item.len(),
                value.as_ptr(),
                value.len(),
            )
        });
        assert_eq!(status, 0);
        // A session outlives its engine.
        assert_eq!(call(trygg_engine_free(engine)), (0, "null".to_owned()));
        assert_eq!(
            error(trygg_engine_forms(engine))["code"],
            "abi.unknown_handle"
        );
        let (status, out) = call(trygg_session_outcome(session));
        assert_eq!(status, 0);
        assert_eq!(out, outcome);
        assert_eq!(call(trygg_session_free(session)).0, 0);
        assert_eq!(
            error(trygg_session_free(session))["code"],
            "abi.unknown_handle"
        );
    }

    #[test]
    fn a_failing_form_lists_every_error() {
        let engine = trygg_engine_new() as u32;
        let form = r#"{"id":"x"}"#;
        let e = error(unsafe { trygg_engine_load_form(engine, form.as_ptr(), form.len()) });
        assert!(e["errors"].as_array().is_some_and(|l| !l.is_empty()));
        assert_eq!(e["code"], e["errors"][0]["code"]);
        assert_eq!(e["path"], e["errors"][0]["path"]);
    }

    #[test]
    fn explain_and_programme() {
        let engine = trygg_engine_new() as u32;
        let (status, info) =
            call(unsafe { trygg_engine_load_form(engine, MINI.as_ptr(), MINI.len()) });
        assert_eq!(status, 0, "{info}");
        let info: Value = serde_json::from_str(&info).unwrap();
        let id = info["id"].as_str().unwrap().to_owned();
        let (resp, locale) = (r#"{"answers":{"mood1":"1"}}"#, "en");
        let (status, json) = call(unsafe {
            trygg_explain(
                engine,
                id.as_ptr(),
                id.len(),
                resp.as_ptr(),
                resp.len(),
                locale.as_ptr(),
                locale.len(),
                1,
            )
        });
        assert_eq!(status, 0, "{json}");
        let r = FormRefArg::from_str_ref(&id);
        let native = STATE.with(|c| c.borrow().engines[&engine].explain(&r, resp, locale, true));
        let native = native.unwrap();
        assert_eq!(json, native.to_json());
        let (status, words) = call(unsafe {
            trygg_explain_text(
                engine,
                id.as_ptr(),
                id.len(),
                resp.as_ptr(),
                resp.len(),
                locale.as_ptr(),
                locale.len(),
                1,
            )
        });
        assert_eq!(status, 0, "{words}");
        assert_eq!(
            serde_json::from_str::<Value>(&words).unwrap(),
            Value::String(native.to_text())
        );
        let bad = "{";
        let e = error(unsafe {
            trygg_explain(
                engine,
                id.as_ptr(),
                id.len(),
                bad.as_ptr(),
                bad.len(),
                locale.as_ptr(),
                locale.len(),
                0,
            )
        });
        assert_eq!(e["code"], "response.not_json");
        let (programme, input) = ("{}", "{}");
        let e = error(unsafe {
            trygg_evaluate_programme(
                engine,
                programme.as_ptr(),
                programme.len(),
                input.as_ptr(),
                input.len(),
            )
        });
        assert!(e["code"].as_str().is_some_and(|c| !c.is_empty()), "{e}");
    }
}
