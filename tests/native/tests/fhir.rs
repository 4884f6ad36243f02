//! tests/vectors/fhir/*.json natively, through the host API's `fhir` calls (the functions
//! behind the plain-ABI and wasm exports); writes tests/artifacts/fhir-native.txt.

use trygg_conformance::fhir::{generated_inputs, read_vector_files, run_all, vectors_dir};
use trygg_conformance::forms::{builtin_engine, file_text};
use trygg_conformance::tests_dir;

#[test]
fn fhir_vectors() {
    let engine = builtin_engine().unwrap();
    let committed = read_vector_files().unwrap();
    let (lines, filled, count) = run_all(&engine, &committed).unwrap();
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("fhir-native.txt"), &lines).unwrap();
    assert!(count >= 20, "only {count} FHIR vectors");
    for (name, doc) in &committed {
        assert!(
            filled.get(name) == Some(doc),
            "the outputs differ from the expectations in {name}: if intended, run \
             `cargo run -p trygg-conformance --bin gen-fhir-vectors` and review the diff"
        );
    }
}

#[test]
fn regenerating_changes_nothing() {
    let engine = builtin_engine().unwrap();
    let (_, generated, _) = run_all(&engine, &generated_inputs().unwrap()).unwrap();
    let committed = read_vector_files().unwrap();
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        generated.keys().collect::<Vec<_>>()
    );
    for (name, doc) in &generated {
        let text = std::fs::read_to_string(vectors_dir().join(name)).unwrap();
        assert!(
            text == file_text(doc),
            "{name} is not what gen-fhir-vectors writes: run `cargo run -p trygg-conformance --bin gen-fhir-vectors`"
        );
    }
}
