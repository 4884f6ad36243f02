//! `trygg-wasm`: the wasm-bindgen shell over the `trygg` engine.
//!
//! Every export takes and returns text (JSON text for structured values), so a result is
//! the same bytes on every runtime. Failures are thrown as JS `Error`s that carry a stable
//! `code` (e.g. `json.invalid`) and a JSON-pointer `path` into the offending document. No
//! scoring logic lives here: the calls are in `trygg-host` ([`api`], [`engine`]).
//!
//! Two builds (`make wasm`): the runtime module (`--no-default-features`: no compiler;
//! forms are loaded precompiled, and the calls that compile — `loadForm` of a definition,
//! `evaluateLogic`, `evaluateProgramme` — throw `precompiled.required`) and the authoring
//! build (feature `authoring`, the default: with the compiler, for the studio and new
//! forms). The API and its types are the same in both.
//!
//! The module imports nothing but wasm-bindgen's own glue (no network, storage, clock or
//! randomness); `tests/js/isolation.test.mjs` checks that on the built module.

#[cfg(feature = "authoring")]
mod authoring;
mod classes;

use trygg_host::HostError;
pub use trygg_host::{api, engine};

pub use classes::{Engine, Session};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every trygg call throws: a JS `Error` with a stable code and a JSON pointer. */
export interface TryggError extends Error {
  /** Stable, machine-readable code, e.g. `"json.invalid"`, `"internal.panic"`. */
  code: string;
  /** JSON pointer (RFC 6901) into the offending document; `""` for the whole document. */
  path: string;
  /** Every error found, when the call checks a whole document (`loadForm`, `loadTextPack`):
   * an author fixes a form in one round. `code`/`path` are the first entry's. */
  errors?: TryggErrorDetail[];
}

/** One located error of a document. */
export interface TryggErrorDetail { code: string; path: string; message: string; }

/** What `evaluateLogic` throws: a `TryggError` with the JsonLogic error type as well. */
export interface TryggLogicError extends TryggError {
  /** The JsonLogic error type, as the conformance suites name it: `"NaN"`,
   * `"Invalid Arguments"`, `"Unknown Operator"`, or a thrown value's `type`. Absent when the
   * rule or data text is not JSON. */
  type?: string;
  /** For an evaluation error: the error value as canonical JSON text (`{"type":"NaN"}`). */
  value?: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The JS `Error` class (imported directly: js-sys would be a dependency for two calls).
    #[wasm_bindgen(js_name = Error)]
    pub(crate) type JsErrorObject;

    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsErrorObject;

    #[wasm_bindgen(method, setter = code, js_class = "Error")]
    fn set_code(this: &JsErrorObject, code: &str);

    #[wasm_bindgen(method, setter = path, js_class = "Error")]
    fn set_path(this: &JsErrorObject, path: &str);

    #[wasm_bindgen(method, setter = type, js_class = "Error")]
    fn set_type(this: &JsErrorObject, logic_type: &str);

    #[wasm_bindgen(method, setter = value, js_class = "Error")]
    fn set_value(this: &JsErrorObject, value: &str);

    #[wasm_bindgen(method, setter = errors, js_class = "Error")]
    pub(crate) fn set_errors(this: &JsErrorObject, errors: JsValue);
}

/// A JS `Error` with `code` and `path` properties.
pub(crate) fn js_error(code: &str, path: &str, message: &str) -> JsValue {
    new_error(code, path, message).into()
}

pub(crate) fn new_error(code: &str, path: &str, message: &str) -> JsErrorObject {
    let error = JsErrorObject::new(message);
    error.set_code(code);
    error.set_path(path);
    error
}

/// A host error as a JS `Error` with `code`, `path` (and `type`/`value` for a logic
/// error); `errors` only when `with_errors` (the calls that check a whole document).
pub(crate) fn host_error_to_js(e: &HostError, with_errors: bool) -> JsValue {
    let error = new_error(&e.code, &e.path, &e.message);
    if let Some(t) = &e.logic_type {
        error.set_type(t);
    }
    if let Some(v) = &e.value {
        error.set_value(v);
    }
    if with_errors {
        if let Ok(list) = serde_json::to_string(&e.errors) {
            if let Ok(v) = classes::parse(&list) {
                error.set_errors(v);
            }
        }
    }
    error.into()
}

pub(crate) fn to_js(e: trygg::Error) -> JsValue {
    host_error_to_js(&e.into(), false)
}

pub(crate) fn logic_to_js(f: api::LogicFailure) -> JsValue {
    host_error_to_js(&f.into(), false)
}

/// Set by the panic hook: a call panicked, so the instance's state can no longer be trusted.
static POISONED: AtomicBool = AtomicBool::new(false);

/// Every export calls this first. It installs the panic hook (once) and refuses to run on a
/// poisoned instance.
///
/// A panic is a bug (every error path returns a located error instead). The hook throws it
/// to the caller as an `Error` with code `internal.panic` rather than an opaque
/// `RuntimeError: unreachable`. The runtime profile uses `panic = "abort"`, so nothing was
/// unwound and Rust's panic state is left set: from then on every call throws
/// `internal.poisoned` and the caller must instantiate the module again.
///
/// (Installed lazily rather than with `#[wasm_bindgen(start)]`, which would add a public
/// `start()` to the JS API.)
pub(crate) fn guard() -> Result<(), JsValue> {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            POISONED.store(true, Ordering::SeqCst);
            let message = format!("internal.panic: trygg-wasm panicked (a bug): {info}");
            wasm_bindgen::throw_val(js_error("internal.panic", "", &message));
        }));
    });
    if POISONED.load(Ordering::SeqCst) {
        return Err(js_error(
            "internal.poisoned",
            "",
            "internal.poisoned: an earlier call panicked; instantiate the module again",
        ));
    }
    Ok(())
}

/// The engine version this module was built from, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    api::engine_version().to_owned()
}

/// The RFC 8785 (JCS) canonical text of `jsonText`: keys sorted by UTF-16 code units, no
/// whitespace, numbers as ECMAScript prints them. Byte-identical on every runtime.
///
/// @throws {TryggError} `json.invalid` (not JSON) or `json.too_large` (over 4 MiB).
#[wasm_bindgen(js_name = canonicalJson)]
pub fn canonical_json(json_text: &str) -> Result<String, JsValue> {
    guard()?;
    api::canonical_json(json_text).map_err(to_js)
}

/// `"sha256:<64 hex digits>"` of the canonical text of `jsonText` (a form's content hash).
///
/// @throws {TryggError} `json.invalid` (not JSON) or `json.too_large` (over 4 MiB).
#[wasm_bindgen(js_name = contentHash)]
pub fn content_hash(json_text: &str) -> Result<String, JsValue> {
    guard()?;
    api::content_hash(json_text).map_err(to_js)
}

/// Evaluate the JsonLogic rule `ruleJson` against `dataJson` (both JSON text) with the
/// engine's JsonLogic, and return the result as canonical JSON text. For trying rules out
/// (and the cross-runtime conformance runs); forms compile their rules once instead.
///
/// @throws {TryggLogicError} `json.invalid`/`json.too_large` for either text; a `logic.*`
/// compile error with a pointer into the rule; `logic.nan`, `logic.invalid_arguments` or
/// `logic.thrown` when evaluation fails; `precompiled.required` in the runtime module (no
/// compiler: use the authoring build).
#[wasm_bindgen(js_name = evaluateLogic)]
pub fn evaluate_logic(rule_json: &str, data_json: &str) -> Result<String, JsValue> {
    guard()?;
    api::evaluate_logic(rule_json, data_json).map_err(logic_to_js)
}

/// Test-only (feature `panic-probe`): panics with `message`, to check the panic hook.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = panicProbe)]
#[allow(clippy::panic)]
pub fn panic_probe(message: &str) -> Result<String, JsValue> {
    guard()?;
    panic!("{message}")
}
