//! The canonical writer on the real output types: for generated responses to the 6–8 week
//! check-up (answers drawn from the form's own example vectors, wrong-typed and unknown
//! answers, odd respondent ids and attributes, several locales), every output type written
//! straight from the value (`to_canonical_string_of`, `to_json`) has exactly the bytes of
//! the old path through `serde_json::Value` (`to_canonical_string(&to_value(..))`).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use trygg::session::Session;
use trygg::{CompiledForm, Response};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn form(version: &str) -> Arc<CompiledForm> {
    let path = root().join(format!("forms/trygg-start/6-8w/{version}.json"));
    Arc::new(trygg::load(&std::fs::read_to_string(path).unwrap()).unwrap())
}

struct Fixture {
    v10: Arc<CompiledForm>,
    v11: Arc<CompiledForm>,
    /// Item id → every answer the example vectors give it.
    pool: Vec<(String, Vec<Value>)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let mut pool: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for v in ["1.0.0", "1.1.0"] {
            let path = root().join(format!(
                "tests/vectors/forms/examples-trygg-start.6-8w-{v}.json"
            ));
            let vectors: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for case in vectors["cases"].as_array().unwrap() {
                let Some(answers) = case["response"]["answers"].as_object() else {
                    continue;
                };
                for (item, value) in answers {
                    let seen = pool.entry(item.clone()).or_default();
                    if !seen.contains(value) {
                        seen.push(value.clone());
                    }
                }
            }
        }
        Fixture {
            v10: form("1.0.0"),
            v11: form("1.1.0"),
            pool: pool.into_iter().collect(),
        }
    })
}

/// Old path and new path agree, and give `expected` when it is known.
fn same<T: Serialize>(what: &str, value: &T, expected: Option<&str>) -> Result<(), TestCaseError> {
    let old = trygg::to_canonical_string(&serde_json::to_value(value).unwrap());
    let new = trygg::to_canonical_string_of(value).unwrap();
    prop_assert_eq!(&new, &old, "{}", what);
    if let Some(e) = expected {
        prop_assert_eq!(e, new.as_str(), "{}: to_json", what);
    }
    Ok(())
}

/// Text that needs escapes, sorts differently in UTF-8 and UTF-16, or is plain.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "parent-[12]",
        "[\\x00-\\x1f\"\\\\a\u{e000}\u{1f600}\u{2028}]{1,5}",
        "\\PC{0,8}",
    ]
}

/// A junk answer: wrong type, out of range, nested.
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::from),
        (-5i64..50).prop_map(Value::from),
        text().prop_map(Value::String),
        Just(json!([1, "2", {"x": null}])),
        Just(json!({"b": 1, "a": 2})),
    ]
}

/// A generated response: each known item unanswered, given a vector answer, or junk; maybe
/// an unknown item; a respondent, attributes and context.
fn response() -> impl Strategy<Value = Value> {
    let n = fixture().pool.len();
    (
        proptest::collection::vec((0u8..10, any::<prop::sample::Index>(), junk()), n),
        proptest::option::of((text(), junk())),
        proptest::option::of(text()),
        prop_oneof![Just("female"), Just("male"), Just("x\u{1f600}")],
        prop_oneof![Just("sv"), Just("en"), Just("ar"), Just("zz")],
        prop_oneof![Just(Value::Null), (0i64..400).prop_map(Value::from), junk()],
    )
        .prop_map(|(choices, unknown, id, sex, locale, age)| {
            let mut answers = Map::new();
            for ((item, values), (pick, index, junk)) in fixture().pool.iter().zip(choices) {
                match pick {
                    0..=2 => {}
                    3 => {
                        answers.insert(item.clone(), junk);
                    }
                    _ => {
                        answers.insert(item.clone(), index.get(values).clone());
                    }
                }
            }
            if let Some((k, v)) = unknown {
                answers.insert(k, v);
            }
            let mut context = Map::new();
            context.insert("locale".into(), locale.into());
            if !age.is_null() {
                context.insert("childAgeDays".into(), age);
            }
            let mut respondent = Map::new();
            if let Some(id) = id {
                respondent.insert("id".into(), id.into());
            }
            respondent.insert("attributes".into(), json!({ "sex": sex }));
            json!({ "answers": answers, "context": context, "respondent": respondent })
        })
}

fn parse(v: Value) -> Option<Response> {
    serde_json::from_value(v).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn outcomes_explanations_and_comparisons(v in response()) {
        let f = fixture();
        let Some(r) = parse(v) else { return Ok(()) };
        for form in [&f.v10, &f.v11] {
            let o = trygg::evaluate(form, &r);
            same("outcome", &o, Some(&o.to_json()))?;
            for locale in ["sv", "en", "ar"] {
                let e = trygg::explain(form, &r, &o, locale, &[]);
                same("explanation", &e, Some(&e.to_json()))?;
            }
        }
        let c = trygg::compare::compare_response(&r, &f.v10, &f.v11);
        same("comparison", &c, Some(&c.to_json()))?;
    }

    #[test]
    fn families_and_sessions(a in response(), b in response()) {
        let f = fixture();
        let (Some(mut a), Some(mut b)) = (parse(a), parse(b)) else { return Ok(()) };
        a.respondent.id = Some("parent-1".into());
        b.respondent.id = Some("parent-2".into());
        let family = trygg::evaluate_family(&f.v10, &[a.clone(), b]).unwrap();
        let summary = family.summary();
        same("family summary", &summary, Some(&summary.to_json()))?;
        let view = family.view_for("parent-1").unwrap();
        same("view", view, Some(&view.to_json()))?;

        let mut s = Session::new(f.v10.clone(), a.respondent.clone(), a.context.clone());
        for (item, value) in &a.answers {
            if let Ok(changes) = s.set(item, value.clone()) {
                same("session changes", &changes, None)?;
            }
        }
        same("progress", &s.progress(), None)?;
        same("render", &s.render("sv", &[]), None)?;
        same("session response", s.response(), None)?;
        let o = s.outcome();
        same("session outcome", &o, Some(&o.to_json()))?;
    }
}

/// The JSON pointers of the objects in `text` whose keys are not in canonical (UTF-16)
/// order as written.
fn unsorted_objects(text: &str) -> Vec<String> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;
    use std::fmt;

    struct At<'a> {
        path: String,
        found: &'a RefCell<Vec<String>>,
    }
    impl<'de> DeserializeSeed<'de> for At<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for At<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq
                .next_element_seed(At {
                    path: format!("{}/{i}", self.path),
                    found: self.found,
                })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut last: Option<Vec<u16>> = None;
            let mut sorted = true;
            while let Some(key) = map.next_key::<String>()? {
                let units: Vec<u16> = key.encode_utf16().collect();
                if last.as_ref().is_some_and(|l| *l >= units) {
                    sorted = false;
                }
                last = Some(units);
                let path = format!(
                    "{}/{}",
                    self.path,
                    key.replace('~', "~0").replace('/', "~1")
                );
                map.next_value_seed(At {
                    path,
                    found: self.found,
                })?;
            }
            if !sorted {
                self.found.borrow_mut().push(self.path.clone());
            }
            Ok(())
        }
    }
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    At {
        path: String::new(),
        found: &found,
    }
    .deserialize(&mut de)
    .unwrap();
    found.into_inner()
}

/// An outcome's types declare their fields in canonical order (`outcome.rs`), so the
/// canonical writer never sorts and copies one of their objects: written in declared order
/// (plain `serde_json`), every object but an offer (its offer fields are flattened) already
/// has its keys in canonical order. Over every example of the 6–8 w forms and generated
/// responses with problems, cut-offs, findings, offers and actions.
#[test]
fn outcome_fields_are_declared_in_canonical_order() {
    let f = fixture();
    let mut examples = Vec::new();
    for v in ["1.0.0", "1.1.0"] {
        let path = root().join(format!(
            "tests/vectors/forms/examples-trygg-start.6-8w-{v}.json"
        ));
        let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in vectors["cases"].as_array().unwrap() {
            examples.extend(parse(case["response"].clone()));
        }
    }
    let (mut checked, mut offers, mut problems, mut cutoffs) = (0, 0, 0, 0);
    for r in &examples {
        for form in [&f.v10, &f.v11] {
            let o = trygg::evaluate(form, r);
            offers += o.offers.len();
            problems += o.problems.len();
            cutoffs += o.scales.iter().filter(|s| s.cutoff.is_some()).count();
            let text = serde_json::to_string(&o).unwrap();
            let bad: Vec<String> = unsorted_objects(&text)
                .into_iter()
                .filter(|p| {
                    // `/offers/<i>` itself: the flattened offer; anything inside is checked.
                    !(p.starts_with("/offers/") && p["/offers/".len()..].parse::<usize>().is_ok())
                })
                .collect();
            assert!(
                bad.is_empty(),
                "objects not in canonical order: {bad:?} in {text}"
            );
            checked += 1;
        }
    }
    // The examples reach every kind of object an outcome has.
    assert!(
        checked > 50 && offers > 0 && problems > 0 && cutoffs > 0,
        "{checked} {offers} {problems} {cutoffs}"
    );
}
