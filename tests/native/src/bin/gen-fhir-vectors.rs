//! Writes tests/vectors/fhir/*.json: the inputs built by `trygg_conformance::fhir` with the
//! expected outputs of the native host API. Run after a deliberate change of behaviour and
//! review the diff: `cargo run -p trygg-conformance --bin gen-fhir-vectors`.

use trygg_conformance::fhir::{generated_inputs, run_all, vectors_dir};
use trygg_conformance::forms::{builtin_engine, file_text};

fn main() -> Result<(), String> {
    let engine = builtin_engine()?;
    let (_, docs, count) = run_all(&engine, &generated_inputs()?)?;
    let dir = vectors_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for old in trygg_conformance::json_files(&dir)? {
        std::fs::remove_file(&old).map_err(|e| e.to_string())?;
    }
    for (name, doc) in &docs {
        std::fs::write(dir.join(name), file_text(doc)).map_err(|e| format!("{name}: {e}"))?;
    }
    println!(
        "{count} vectors in {} files under {}",
        docs.len(),
        dir.display()
    );
    Ok(())
}
