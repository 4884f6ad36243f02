//! Every shipped form under `forms/` compiles and passes its own examples; licensed
//! instruments ship no wording; placeholder text packs load.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if trygg::document::is_candidate(&p.file_name().unwrap().to_string_lossy()) {
            out.push(p);
        }
    }
}

/// Form definitions (not schemas, not text packs).
fn form_files() -> Vec<PathBuf> {
    let mut all = Vec::new();
    json_files(&forms_dir(), &mut all);
    all.into_iter()
        .filter(|p| {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            trygg::document::kind(&doc) == trygg::document::DocumentKind::Form
        })
        .collect()
}

#[test]
fn every_shipped_form_compiles_and_passes_its_examples() {
    let files = form_files();
    assert!(
        files.len() >= 5,
        "expected the shipped forms, found {files:?}"
    );
    let (mut passed, mut failed) = (0, Vec::new());
    for file in &files {
        let form = trygg::load(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            form.def().examples.len() >= 8,
            "{}: fewer than 8 examples",
            file.display()
        );
        for r in trygg::examples::run_examples(&form) {
            if r.passed() {
                passed += 1;
            } else {
                failed.push(format!(
                    "{} #{} {}: {:?}",
                    file.display(),
                    r.index,
                    r.name,
                    r.failures
                ));
            }
        }
    }
    println!("{passed} passed, {} failed", failed.len());
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn epds_ships_scoring_only_and_its_placeholder_packs_load() {
    let dir = forms_dir().join("epds");
    let form = trygg::load(&std::fs::read_to_string(dir.join("1.0.0.json")).unwrap()).unwrap();
    // Every text a respondent sees (items, options, sections) is a text-pack key: no
    // wording in the definition. (Title and description are ours and may name it.)
    let v = serde_json::json!([
        serde_json::to_value(&form.def().items).unwrap(),
        serde_json::to_value(&form.def().sections).unwrap()
    ]);
    let mut stack = vec![&v];
    let mut texts = 0;
    while let Some(x) = stack.pop() {
        if let Some(obj) = x.as_object() {
            for (k, child) in obj {
                if ["text", "title", "help", "label", "description"].contains(&k.as_str())
                    && child.is_object()
                {
                    assert!(
                        child.get("key").is_some(),
                        "EPDS text without a key: {child}"
                    );
                    texts += 1;
                } else {
                    stack.push(child);
                }
            }
        } else if let Some(arr) = x.as_array() {
            stack.extend(arr);
        }
    }
    assert!(texts >= 50, "{texts}"); // 10 items × (1 + 4 options) + more
    let mut loaded = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("textpack")
        {
            trygg::TextPack::load(&std::fs::read_to_string(&p).unwrap(), &form)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            loaded += 1;
        }
    }
    assert!(loaded >= 1);
}

#[test]
fn a_text_pack_that_does_not_fit_its_form_is_refused() {
    let dir = forms_dir().join("epds");
    let form = trygg::load(&std::fs::read_to_string(dir.join("1.0.0.json")).unwrap()).unwrap();
    let good: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("textpack.placeholder.json")).unwrap(),
    )
    .unwrap();
    let key = good["texts"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let check = |edit: &dyn Fn(&mut serde_json::Value), code: &str, pointer: &str| {
        let mut v = good.clone();
        edit(&mut v);
        let errors = trygg::TextPack::load(&v.to_string(), &form).unwrap_err().0;
        assert!(
            errors.iter().any(|e| e.code == code && e.path == pointer),
            "{code} {pointer}: {errors:?}"
        );
    };
    check(
        &|v| {
            v["texts"].as_object_mut().unwrap().remove(&key);
        },
        "pack.missing_key",
        &format!("/texts/{key}"),
    );
    check(
        &|v| {
            v["texts"]["q99"] = "x".into();
        },
        "pack.unknown_key",
        "/texts/q99",
    );
    check(
        &|v| {
            v["form"] = "phq-9".into();
        },
        "pack.wrong_form",
        "/form",
    );
    check(
        &|v| {
            v["locale"] = "de".into();
        },
        "pack.unknown_locale",
        "/locale",
    );
    check(
        &|v| {
            v["extra"] = 1.into();
        },
        "pack.invalid",
        "",
    );
}
