//! tests/vectors/forms/*.json natively, through the functions behind the JS `Engine` and
//! `Session` (trygg_host::engine); writes tests/artifacts/forms-native.txt.

use trygg_conformance::forms::{
    builtin_engine, file_text, generated_inputs, read_vector_files, run_all,
};
use trygg_conformance::tests_dir;

#[test]
fn form_vectors() {
    let engine = builtin_engine().unwrap();
    let committed = read_vector_files().unwrap();
    let (lines, filled, count) = run_all(&engine, &committed).unwrap();
    let artifacts = tests_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    std::fs::write(artifacts.join("forms-native.txt"), &lines).unwrap();
    assert!(count >= 100, "only {count} form vectors");
    let mut failures = Vec::new();
    for (name, doc) in &committed {
        if filled.get(name) != Some(doc) {
            failures.push(name.clone());
        }
    }
    assert!(
        failures.is_empty(),
        "the engine's outputs differ from the expectations in {failures:?}: if the change is \
         intended, run `cargo run -p trygg-conformance --bin gen-vectors` and review the diff"
    );
}

#[test]
fn regenerating_changes_nothing() {
    let engine = builtin_engine().unwrap();
    let (_, generated, _) = run_all(&engine, &generated_inputs().unwrap()).unwrap();
    let committed = read_vector_files().unwrap();
    let names = |m: &std::collections::BTreeMap<String, serde_json::Value>| {
        m.keys().cloned().collect::<Vec<_>>()
    };
    assert_eq!(
        names(&committed),
        names(&generated),
        "the set of vector files"
    );
    for (name, doc) in &generated {
        let path = trygg_conformance::forms::vectors_dir().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text == file_text(doc),
            "{name} is not what gen-vectors writes: run `cargo run -p trygg-conformance --bin gen-vectors` and review the diff"
        );
    }
}

#[test]
fn builtin_forms_and_examples_are_all_there() {
    let (forms, packs) = trygg_conformance::forms::builtin_files().unwrap();
    assert!(forms.len() >= 12, "{} forms", forms.len());
    assert_eq!(packs.len(), 2);
    let engine = builtin_engine().unwrap();
    assert_eq!(engine.forms().len(), forms.len());
}

#[test]
fn precompiled_forms_are_what_the_compiler_writes() {
    use trygg_conformance::forms::{precompiled_dir, precompiled_files};
    let generated = precompiled_files().unwrap();
    let committed: Vec<String> = trygg_conformance::json_files(&precompiled_dir())
        .unwrap()
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        committed,
        generated.keys().cloned().collect::<Vec<_>>(),
        "the set of precompiled forms: run gen-vectors"
    );
    for (name, text) in &generated {
        let on_disk = std::fs::read_to_string(precompiled_dir().join(name)).unwrap();
        assert!(
            &on_disk == text,
            "{name} is not what gen-vectors writes: run `cargo run -p trygg-conformance --bin gen-vectors`"
        );
        // Loading it back gives a form that scores like the compiled one.
        let form = trygg::CompiledForm::from_precompiled(text).unwrap();
        assert_eq!(form.to_precompiled(), text.trim_end());
    }
}
