//! `trygg-host`: the engine as a host sees it — JSON text in, canonical JSON text or a
//! located error out.
//!
//! Every shell sits on this crate: the wasm-bindgen module (`trygg-wasm`), the CLI, the
//! native conformance runner, and the coming plain-ABI module and FHIR adapter. It holds the
//! registry of loaded forms and text packs, form references (`id@version`), input size
//! limits, families and views, sessions, version comparison and JsonLogic — each a thin
//! call into `trygg`. No scoring rule lives here: which version scores a response is
//! `trygg::Registry::for_scoring`, a comparison is `trygg::compare::compare_response`.
//!
//! Feature `fhir`: the FHIR R4 / SDC calls ([`fhir`]), each delegating to `trygg-fhir`.

pub mod api;
#[cfg(feature = "authoring")]
pub mod authoring;
pub mod engine;
pub mod error;
#[cfg(feature = "fhir")]
pub mod fhir;
pub mod ndjson;
#[cfg(feature = "authoring")]
pub mod report;
#[cfg(feature = "authoring")]
pub mod synth;

pub use api::{canonical_json, content_hash, engine_version, evaluate_logic, LogicFailure};
pub use engine::{EngineCore, FormInfo, FormRefArg, SessionCore, SessionInit};
pub use error::{ErrorDetail, HostError};

/// The host API under the name the coming hosts use (`Host::new()`, `load_form`, `evaluate`,
/// `session`, …).
pub type Host = EngineCore;
