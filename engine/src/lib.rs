//! Trygg: a screening-questionnaire engine for child health services.
//!
//! Data flows one way: form JSON → [`parse`] → [`schema`] check → [`compile()`] →
//! [`CompiledForm`]; answers → [`evaluate()`] (validate → visibility → scales → findings →
//! offers) → [`Outcome`]. See `ARCHITECTURE.md` at the repository root for the map.
//!
//! ```
//! let form = trygg::load(include_str!("../tests/fixtures/mini.json")).unwrap();
//! let response: trygg::Response = serde_json::from_str(
//!     r#"{ "answers": { "mood1": "2", "mood2": "1", "harm": false } }"#).unwrap();
//! let outcome = trygg::evaluate(&form, &response);
//! assert!(outcome.has_finding("low_mood"));
//! assert_eq!(outcome.offers[0].because[0].rule, "mood-talk");
//! ```
//!
//! The engine is pure: no I/O, no clock, no randomness, and no panics in non-test code
//! (enforced by clippy lints in `engine/Cargo.toml`).

pub mod canonical;
pub mod compare;
#[cfg(feature = "compiler")]
pub mod compile;
pub mod document;
pub mod error;
mod evaluate;
pub mod examples;
pub mod explain;
pub mod family;
pub mod form;
pub mod input;
pub mod logic;
pub mod model;
pub mod outcome;
pub mod parse;
/// Programme definitions are compiled when loaded, so they need the compiler.
#[cfg(feature = "compiler")]
pub mod programme;
pub mod registry;
#[cfg(feature = "schema")]
pub mod schema;
pub mod session;
pub mod text;

pub use canonical::{content_hash, to_canonical_string, to_canonical_string_of, write_canonical};
#[cfg(feature = "compiler")]
pub use compile::{compile, load};
pub use error::{Error, Errors};
pub use evaluate::{evaluate, MAX_ANSWERS};
pub use explain::{explain, explain_response, Explanation};
pub use family::{evaluate_family, Family, FamilySummary};
pub use form::CompiledForm;
pub use model::{FormDef, Response};
pub use outcome::{Completeness, Outcome};
pub use parse::parse_response;
pub use registry::Registry;
pub use session::Session;
pub use text::TextPack;
