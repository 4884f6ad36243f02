//! The Trygg start series (`forms/trygg-start/`) against its generator
//! (`trygg_conformance::series`): every committed file is what the generator builds from
//! the engine's model types, and every generated form loads and passes its own examples.

use trygg_conformance::series::check::{check_all, first_difference, generate, to_value};
use trygg_conformance::series::texts::Texts;
use trygg_conformance::series::{version, VERSIONS};

#[test]
fn committed_series_is_what_the_generator_builds() {
    let problems = check_all().unwrap();
    assert!(
        problems.is_empty(),
        "{}\n(if the change is intended, and the version is not yet active, run `cargo run \
         -p trygg-conformance --bin gen-series -- --write CHECKUP/VERSION`)",
        problems.join("\n")
    );
}

#[test]
fn a_difference_is_reported_at_its_pointer() {
    let texts = Texts::load().unwrap();
    let generated = to_value(&generate(&texts, version("4y/1.0.0").unwrap()).unwrap()).unwrap();
    let mut file = generated.clone();
    let score = file
        .pointer_mut("/items/6/options/1/score")
        .expect("hvs1 has a second option with a score");
    *score = serde_json::json!(7);
    let diff = first_difference(&file, &generated).unwrap();
    assert!(
        diff.starts_with("at /items/6/options/1/score: the file has 7, the generator 1"),
        "{diff}"
    );
    // Numbers compare by value: 1 and 1.0 are the same score.
    *file.pointer_mut("/items/6/options/1/score").unwrap() = serde_json::json!(1.0);
    assert_eq!(first_difference(&file, &generated), None);
}

#[test]
fn shared_items_are_the_same_in_every_checkup() {
    let texts = Texts::load().unwrap();
    let forms: Vec<_> = VERSIONS
        .iter()
        .filter(|v| !v.pilot)
        .map(|v| (v.name(), generate(&texts, *v).unwrap()))
        .collect();
    let (first_name, first) = &forms[0];
    for item in first.items.iter().filter(|i| !i.id.starts_with("safety_")) {
        for (name, form) in &forms[1..] {
            let other = form.items.iter().find(|i| i.id == item.id);
            let other = other.unwrap_or_else(|| panic!("{name} has no item {}", item.id));
            // The 6-8 weeks form also has Arabic and Somali: compare Swedish and English.
            let sv_en = |t: &trygg::model::Text| match t {
                trygg::model::Text::Localized(m) => (m.get("sv").cloned(), m.get("en").cloned()),
                trygg::model::Text::Key { key } => (Some(key.clone()), None),
            };
            assert_eq!(
                sv_en(&item.text),
                sv_en(&other.text),
                "{first_name} vs {name}: {}",
                item.id
            );
            assert_eq!(item.kind, other.kind, "{first_name} vs {name}: {}", item.id);
            assert_eq!(
                item.enable_when, other.enable_when,
                "{first_name} vs {name}: {}",
                item.id
            );
            let values = |i: &trygg::model::Item| {
                i.options
                    .iter()
                    .map(|o| (o.value.clone(), o.score))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                values(item),
                values(other),
                "{first_name} vs {name}: {}",
                item.id
            );
        }
    }
}
