//! Writes tests/vectors/forms/*.json (and tests/vectors/precompiled/*.json, the built-in
//! forms compiled ahead of time): the inputs built by `trygg_conformance::forms` with
//! the expected outputs of the native engine. Run after a deliberate change of behaviour
//! and review the diff: `cargo run -p trygg-conformance --bin gen-vectors`.

use trygg_conformance::forms::{
    builtin_engine, file_text, generated_inputs, precompiled_dir, precompiled_files, run_all,
    vectors_dir,
};

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
    let dir = precompiled_dir();
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for old in trygg_conformance::json_files(&dir)? {
        std::fs::remove_file(&old).map_err(|e| e.to_string())?;
    }
    let files = precompiled_files()?;
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{name}: {e}"))?;
    }
    println!("{} precompiled forms under {}", files.len(), dir.display());
    Ok(())
}
