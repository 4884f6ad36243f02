//! Trygg: a screening-questionnaire engine for child health services.
//!
//! Data flows one way: form JSON → parse → schema check → compile → [`CompiledForm`];
//! answers → validate → visibility → scales → findings → offers → outcome.
//! See `ARCHITECTURE.md` at the repository root for the map.
//!
//! The engine is pure: no I/O, no clock, no randomness, and no panics in non-test code
//! (enforced by clippy lints in `engine/Cargo.toml`).

pub mod canonical;
pub mod error;
pub mod logic;
pub mod model;
pub mod parse;
#[cfg(feature = "schema")]
pub mod schema;

pub use canonical::{content_hash, to_canonical_string};
pub use error::{Error, Errors};
pub use model::{FormDef, Response};
