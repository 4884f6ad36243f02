//! Bad form definitions: each gets its stable code at the JSON pointer of the fault.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use serde_json::{json, Value};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/mini.json")).unwrap()
}

/// Apply `edit` to the fixture, compile, and assert an error `code` at `pointer`.
fn rejects(edit: impl FnOnce(&mut Value), code: &str, pointer: &str) {
    let mut v = fixture();
    edit(&mut v);
    let errors = match trygg::compile(&v) {
        Ok(_) => panic!("expected {code} at {pointer}, but the form compiled"),
        Err(e) => e.0,
    };
    assert!(
        errors.iter().any(|e| e.code == code && e.path == pointer),
        "expected {code} at {pointer}; got {errors:#?}"
    );
    for e in &errors {
        assert!(!e.message.is_empty(), "{e:?} has no message");
    }
}

fn at<'a>(v: &'a mut Value, pointer: &str) -> &'a mut Value {
    v.pointer_mut(pointer).unwrap()
}

/// Set the value at `pointer`, creating object members on the way.
fn set(v: &mut Value, pointer: &str, value: Value) {
    let mut cur = v;
    for seg in pointer.split('/').skip(1) {
        cur = match cur {
            Value::Array(a) => &mut a[seg.parse::<usize>().unwrap()],
            other => &mut other[seg],
        };
    }
    *cur = value;
}

#[test]
fn fixture_compiles() {
    let form = trygg::compile(&fixture()).unwrap();
    assert_eq!(form.id(), "mini");
    assert!(form.hash().starts_with("sha256:"));
}

#[test]
fn duplicate_item_id() {
    rejects(
        |v| set(v, "/items/1/id", json!("mood1")),
        "form.duplicate_id",
        "/items/1/id",
    );
}

#[test]
fn duplicate_scale_finding_rule_ids() {
    rejects(
        |v| {
            let s = at(v, "/scales/0").clone();
            at(v, "/scales").as_array_mut().unwrap().push(s);
        },
        "form.duplicate_id",
        "/scales/1/id",
    );
    rejects(
        |v| set(v, "/findings/1/id", json!("low_mood")),
        "form.duplicate_id",
        "/findings/1/id",
    );
    rejects(
        |v| set(v, "/rules/1/id", json!("mood-talk")),
        "form.duplicate_id",
        "/rules/1/id",
    );
}

#[test]
fn duplicate_option_value() {
    rejects(
        |v| set(v, "/items/0/options/2/value", json!("0")),
        "form.duplicate_option",
        "/items/0/options/2/value",
    );
}

#[test]
fn scale_names_unknown_item() {
    rejects(
        |v| set(v, "/scales/0/items/1", json!("mood3")),
        "form.unknown_item",
        "/scales/0/items/1",
    );
}

#[test]
fn scale_item_without_score() {
    rejects(
        |v| {
            at(v, "/items/0/options/1")
                .as_object_mut()
                .unwrap()
                .remove("score");
        },
        "form.option_without_score",
        "/scales/0/items/0",
    );
}

#[test]
fn weight_for_item_not_in_scale() {
    rejects(
        |v| set(v, "/scales/0/weights", json!({ "harm": 2 })),
        "form.unknown_item",
        "/scales/0/weights/harm",
    );
}

#[test]
fn condition_reads_unknown_item() {
    rejects(
        |v| {
            set(
                v,
                "/findings/1/when",
                json!({ "==": [{ "var": "answers.harmm" }, true] }),
            )
        },
        "logic.unknown_var",
        "/findings/1/when/==/0/var",
    );
}

#[test]
fn condition_reads_unknown_scale_in_enable_when() {
    rejects(
        |v| {
            set(
                v,
                "/items/2/enableWhen",
                json!({ ">=": [{ "var": "scales.mod" }, 2] }),
            )
        },
        "logic.unknown_var",
        "/items/2/enableWhen/>=/0/var",
    );
}

#[test]
fn condition_reads_unknown_namespace() {
    rejects(
        |v| set(v, "/rules/0/when", json!({ "var": "finding.low_mood" })),
        "logic.unknown_var",
        "/rules/0/when/var",
    );
}

#[test]
fn enable_when_may_not_read_findings() {
    rejects(
        |v| {
            set(
                v,
                "/items/2/enableWhen",
                json!({ "var": "findings.low_mood" }),
            )
        },
        "logic.unknown_var",
        "/items/2/enableWhen/var",
    );
}

#[test]
fn condition_compares_choice_with_unknown_option() {
    rejects(
        |v| {
            set(
                v,
                "/findings/0/when",
                json!({ "==": [{ "var": "answers.mood1" }, "3"] }),
            )
        },
        "logic.unknown_value",
        "/findings/0/when/==/1",
    );
}

#[test]
fn condition_compares_boolean_with_string() {
    rejects(
        |v| {
            set(
                v,
                "/findings/1/when",
                json!({ "==": [{ "var": "answers.harm" }, "yes"] }),
            )
        },
        "logic.type_mismatch",
        "/findings/1/when/==/1",
    );
}

#[test]
fn condition_uses_unknown_operator() {
    rejects(
        |v| {
            set(
                v,
                "/findings/1/when",
                json!({ "equals": [{ "var": "answers.harm" }, true] }),
            )
        },
        "logic.unknown_operator",
        "/findings/1/when/equals",
    );
}

#[test]
fn condition_with_dynamic_path() {
    rejects(
        |v| {
            set(
                v,
                "/findings/1/when",
                json!({ "var": { "cat": ["answers.", "harm"] } }),
            )
        },
        "logic.dynamic_var",
        "/findings/1/when/var",
    );
}

#[test]
fn declined_of_non_declinable_item() {
    rejects(
        |v| set(v, "/findings/1/when", json!({ "var": "declined.harm" })),
        "logic.unknown_var",
        "/findings/1/when/var",
    );
}

#[test]
fn visibility_depends_on_itself() {
    rejects(
        |v| {
            set(
                v,
                "/items/2/enableWhen",
                json!({ "!": { "var": "answers.harm" } }),
            )
        },
        "form.cycle",
        "/items/2/enableWhen",
    );
}

#[test]
fn visibility_cycle_through_a_scale() {
    rejects(
        |v| {
            set(
                v,
                "/items/0/enableWhen",
                json!({ ">=": [{ "var": "scales.mood" }, 0] }),
            )
        },
        "form.cycle",
        "/items/0/enableWhen",
    );
}

#[test]
fn findings_in_a_cycle() {
    rejects(
        |v| {
            set(
                v,
                "/findings/0/when",
                json!({ "var": "findings.self_harm" }),
            );
            set(v, "/findings/1/when", json!({ "var": "findings.low_mood" }));
        },
        "form.cycle",
        "/findings/0/when",
    );
}

#[test]
fn band_outside_scale_range() {
    rejects(
        |v| set(v, "/scales/0/bands/1/max", json!(5)),
        "form.out_of_range",
        "/scales/0/bands/1",
    );
}

#[test]
fn bands_overlap() {
    rejects(
        |v| set(v, "/scales/0/bands/1/min", json!(1)),
        "form.band_overlap",
        "/scales/0/bands/1",
    );
}

#[test]
fn band_inverted() {
    rejects(
        |v| {
            set(v, "/scales/0/bands/0/min", json!(1));
            set(v, "/scales/0/bands/0/max", json!(0));
        },
        "form.range_inverted",
        "/scales/0/bands/0",
    );
}

#[test]
fn cutoff_outside_scale_range() {
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/value", json!(9)),
        "form.out_of_range",
        "/scales/0/cutoffs/0/value",
    );
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/value", json!(0)),
        "form.out_of_range",
        "/scales/0/cutoffs/0/value",
    );
}

#[test]
fn cutoff_for_unknown_profile() {
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/profile", json!("us")),
        "form.unknown_profile",
        "/scales/0/cutoffs/0/profile",
    );
}

#[test]
fn profile_without_fallback() {
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/when", json!({ "sex": "female" })),
        "form.cutoff_no_fallback",
        "/scales/0/cutoffs",
    );
}

#[test]
fn cutoff_after_fallback_is_unreachable() {
    rejects(
        |v| {
            at(v, "/scales/0/cutoffs")
                .as_array_mut()
                .unwrap()
                .push(json!({ "profile": "se", "when": { "sex": "male" }, "value": 3 }));
        },
        "form.cutoff_unreachable",
        "/scales/0/cutoffs/1",
    );
}

#[test]
fn cutoff_for_unknown_attribute_or_value() {
    let add = |when: Value| {
        move |v: &mut Value| {
            at(v, "/scales/0/cutoffs")
                .as_array_mut()
                .unwrap()
                .insert(0, json!({ "profile": "se", "when": when, "value": 3 }));
        }
    };
    rejects(
        add(json!({ "gender": "female" })),
        "form.unknown_attribute",
        "/scales/0/cutoffs/0/when/gender",
    );
    rejects(
        add(json!({ "sex": "other" })),
        "form.unknown_attribute_value",
        "/scales/0/cutoffs/0/when/sex",
    );
    rejects(
        add(json!({ "locale": "de" })),
        "form.unknown_locale",
        "/scales/0/cutoffs/0/when/locale",
    );
}

#[test]
fn default_profile_not_available() {
    rejects(
        |v| set(v, "/profiles/default", json!("us")),
        "form.unknown_profile",
        "/profiles/default",
    );
}

#[test]
fn text_missing_a_locale() {
    rejects(
        |v| {
            at(v, "/items/1/text").as_object_mut().unwrap().remove("en");
        },
        "form.text_incomplete",
        "/items/1/text",
    );
    rejects(
        |v| set(v, "/items/0/options/2/text/sv", json!("  ")),
        "form.text_incomplete",
        "/items/0/options/2/text",
    );
}

#[test]
fn a_draft_may_leave_a_locale_untranslated_but_no_other_status() {
    let untranslated = |v: &mut Value| {
        at(v, "/items/1/text").as_object_mut().unwrap().remove("en");
    };
    for status in ["pilot", "active", "retired"] {
        rejects(
            |v| {
                untranslated(v);
                set(v, "/status", json!(status));
            },
            "form.text_incomplete",
            "/items/1/text",
        );
    }
    let mut draft = fixture();
    untranslated(&mut draft);
    set(&mut draft, "/status", json!("draft"));
    let compiled = trygg::compile(&draft);
    assert!(compiled.is_ok(), "{:?}", compiled.err());
    // Even a draft needs each text in one locale at least.
    rejects(
        |v| {
            set(v, "/status", json!("draft"));
            set(v, "/items/1/text", json!({}));
        },
        "form.text_incomplete",
        "/items/1/text",
    );
}

#[test]
fn text_in_undeclared_locale() {
    rejects(
        |v| set(v, "/title/de", json!("Beispiel")),
        "form.unknown_locale",
        "/title/de",
    );
}

#[test]
fn text_key_without_text_pack() {
    rejects(
        |v| set(v, "/items/2/text", json!({ "key": "q3" })),
        "form.unknown_text_key",
        "/items/2/text",
    );
}

#[test]
fn text_key_not_declared_in_pack() {
    rejects(
        |v| {
            set(v, "/items/2/text", json!({ "key": "q3" }));
            v.as_object_mut()
                .unwrap()
                .insert("textPack".into(), json!({ "id": "mini", "keys": ["q1"] }));
        },
        "form.unknown_text_key",
        "/items/2/text",
    );
}

#[test]
fn unknown_section() {
    rejects(
        |v| set(v, "/items/0/section", json!("mood")),
        "form.unknown_section",
        "/items/0/section",
    );
}

#[test]
fn choice_without_options() {
    rejects(
        |v| set(v, "/items/1/options", json!([])),
        "form.options_missing",
        "/items/1/options",
    );
}

#[test]
fn field_that_does_not_apply() {
    rejects(
        |v| set(v, "/items/2/min", json!(0)),
        "form.field_not_allowed",
        "/items/2/min",
    );
    rejects(
        |v| {
            at(v, "/items/0")
                .as_object_mut()
                .unwrap()
                .insert("maxLength".into(), json!(10));
        },
        "form.field_not_allowed",
        "/items/0/maxLength",
    );
}

#[test]
fn number_range_inverted_and_bad_date_bound() {
    let push =
        |item: Value| move |v: &mut Value| at(v, "/items").as_array_mut().unwrap().push(item);
    rejects(
        push(
            json!({ "id": "n", "type": "integer", "min": 5, "max": 1, "text": { "sv": "n", "en": "n" } }),
        ),
        "form.range_inverted",
        "/items/3/min",
    );
    rejects(
        push(
            json!({ "id": "d", "type": "date", "min": "2025-02-30", "text": { "sv": "d", "en": "d" } }),
        ),
        "form.wrong_type",
        "/items/3/min",
    );
}

#[test]
fn display_item_in_a_scale() {
    rejects(
        |v| {
            at(v, "/items")
                .as_array_mut()
                .unwrap()
                .push(json!({ "id": "info", "type": "display", "text": { "sv": "i", "en": "i" } }));
            set(v, "/scales/0/items/1", json!("info"));
        },
        "form.not_scorable",
        "/scales/0/items/1",
    );
}

#[test]
fn max_missing_allows_nothing_answered() {
    rejects(
        |v| set(v, "/scales/0/missing/maxMissing", json!(2)),
        "form.out_of_range",
        "/scales/0/missing/maxMissing",
    );
}

#[test]
fn rule_with_nothing_to_offer() {
    rejects(
        |v| {
            at(v, "/rules/0").as_object_mut().unwrap().remove("offers");
        },
        "form.rule_empty",
        "/rules/0",
    );
}

#[test]
fn version_not_semver() {
    rejects(
        |v| set(v, "/version", json!("1.0")),
        "form.invalid_version",
        "/version",
    );
}

#[test]
fn checkup_window_inverted() {
    rejects(
        |v| set(v, "/checkup/minAgeDays", json!(60)),
        "form.range_inverted",
        "/checkup",
    );
}

#[test]
fn unverified_locale_not_in_locales() {
    rejects(
        |v| set(v, "/unverifiedLocales", json!(["ar"])),
        "form.unknown_locale",
        "/unverifiedLocales/0",
    );
}

#[test]
fn example_names_unknown_things() {
    rejects(
        |v| set(v, "/examples/0/answers/mood9", json!("1")),
        "form.unknown_item",
        "/examples/0/answers/mood9",
    );
    rejects(
        |v| set(v, "/examples/0/expect/scales/moood", json!(1)),
        "form.unknown_scale",
        "/examples/0/expect/scales/moood",
    );
    rejects(
        |v| set(v, "/examples/0/expect/findings", json!(["sad"])),
        "form.unknown_finding",
        "/examples/0/expect/findings/0",
    );
    rejects(
        |v| set(v, "/examples/0/expect/offers", json!(["bvc-chat"])),
        "form.unknown_value",
        "/examples/0/expect/offers/0",
    );
}

#[test]
fn too_many_items() {
    rejects(
        |v| {
            let item = at(v, "/items/0").clone();
            let items = at(v, "/items").as_array_mut().unwrap();
            for i in 0..trygg::compile::MAX_ITEMS {
                let mut it = item.clone();
                it["id"] = json!(format!("x{i}"));
                items.push(it);
            }
        },
        "form.too_many",
        "/items",
    );
}

#[test]
fn model_errors_are_reported_not_panicked() {
    rejects(
        |v| set(v, "/items/0/type", json!("slider")),
        "form.invalid",
        "",
    );
    rejects(
        |v| {
            v.as_object_mut()
                .unwrap()
                .insert("requird".into(), json!(true));
        },
        "form.invalid",
        "",
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let mut v = fixture();
    set(&mut v, "/items/1/id", json!("mood1"));
    set(&mut v, "/scales/0/bands/1/min", json!(1));
    set(&mut v, "/version", json!("one"));
    let errors = trygg::compile(&v).unwrap_err().0;
    let codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
    for c in [
        "form.duplicate_id",
        "form.band_overlap",
        "form.invalid_version",
    ] {
        assert!(codes.contains(&c), "{codes:?}");
    }
}

#[test]
fn loose_equality_with_null_false_zero_or_empty_is_refused() {
    for (lit, k) in [
        (json!(false), 1),
        (json!(0), 1),
        (json!(""), 1),
        (json!(null), 1),
    ] {
        rejects(
            |v| {
                set(
                    v,
                    "/findings/1/when",
                    json!({ "==": [{ "var": "answers.harm" }, lit] }),
                )
            },
            "form.loose_equality",
            &format!("/findings/1/when/==/{k}"),
        );
    }
    rejects(
        |v| {
            set(
                v,
                "/rules/0/when",
                json!({ "and": [true, { "!=": [0, { "var": "scales.mood" }] }] }),
            )
        },
        "form.loose_equality",
        "/rules/0/when/and/1/!=/0",
    );
    // Strict equality, and loose equality with other literals, are fine.
    let mut v = fixture();
    set(
        &mut v,
        "/findings/1/when",
        json!({ "===": [{ "var": "answers.harm" }, false] }),
    );
    set(
        &mut v,
        "/findings/0/when",
        json!({ "==": [{ "var": "scales.mood" }, 2] }),
    );
    trygg::compile(&v).unwrap();
}

#[test]
fn cutoff_splits_a_band() {
    // Band `low` 0–1, `high` 2–4; a cut-off of 1 puts 0 (below) and 1 (reached) in `low`.
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/value", json!(1)),
        "form.cutoff_splits_band",
        "/scales/0/cutoffs/0/value",
    );
    // Inside the upper band too: 2 below, 3–4 reached, all `high`.
    rejects(
        |v| set(v, "/scales/0/cutoffs/0/value", json!(3)),
        "form.cutoff_splits_band",
        "/scales/0/cutoffs/0/value",
    );
    // A cut-off at the start of a band is fine (the fixture: 2, band `high` from 2).
    trygg::compile(&fixture()).unwrap();
    // A fractional cut-off between two whole-number bands splits nothing.
    let mut v = fixture();
    set(&mut v, "/scales/0/cutoffs/0/value", json!(1.5));
    set(&mut v, "/scales/0/bands/1/min", json!(2));
    trygg::compile(&v).unwrap();
}

#[test]
fn a_whole_number_between_two_bands_has_no_band() {
    rejects(
        |v| {
            set(v, "/scales/0/bands/0/max", json!(0));
            set(v, "/scales/0/cutoffs/0/value", json!(2));
        },
        "form.band_gap",
        "/scales/0/bands/1",
    );
    // A mean can take values between whole numbers: not checked as a gap there.
    let mut v = fixture();
    set(&mut v, "/scales/0/method", json!("mean"));
    set(&mut v, "/scales/0/bands/0/max", json!(0.4));
    set(
        &mut v,
        "/scales/0/bands/1",
        json!({ "id": "high", "min": 1, "max": 2 }),
    );
    set(&mut v, "/scales/0/cutoffs/0/value", json!(1));
    trygg::compile(&v).unwrap();
}

#[test]
fn a_condition_no_value_of_the_scale_can_meet() {
    // mood is 0–4: `>= 5` can never be true.
    rejects(
        |v| {
            set(
                v,
                "/findings/0/when",
                json!({ "and": [ { "var": "cutoff.mood" }, { ">=": [ { "var": "scales.mood" }, 5 ] } ] }),
            )
        },
        "form.condition_unreachable",
        "/findings/0/when/and/1",
    );
    // Written the other way round, in a rule.
    rejects(
        |v| {
            set(
                v,
                "/rules/0/when",
                json!({ "<": [ 4, { "var": "scales.mood" } ] }),
            )
        },
        "form.condition_unreachable",
        "/rules/0/when",
    );
    rejects(
        |v| {
            set(
                v,
                "/findings/0/when",
                json!({ "===": [ { "var": "scales.mood" }, -1 ] }),
            )
        },
        "form.condition_unreachable",
        "/findings/0/when",
    );
    // At the edge of the range it can be met.
    let mut v = fixture();
    set(
        &mut v,
        "/findings/0/when",
        json!({ ">=": [ { "var": "scales.mood" }, 4 ] }),
    );
    trygg::compile(&v).unwrap();
}

/// A form's ids, values and rules are quoted short in every message, however long the
/// author made them (the pointer locates them whole); the schema's messages too.
#[test]
fn messages_quote_long_ids_and_values_short() {
    let long = |c: &str| c.repeat(3_000);
    let mut v = fixture();
    set(&mut v, "/items/1/id", json!("mood1"));
    at(&mut v, "/items/0/options/1")["value"] = json!(long("o"));
    at(&mut v, "/items/0/options/2")["value"] = json!(long("o"));
    at(&mut v, "/scales/0/items")
        .as_array_mut()
        .unwrap()
        .push(json!(long("z")));
    at(&mut v, "/scales/0/bands/0")["id"] = json!(long("b"));
    at(&mut v, "/scales/0/bands/0")["max"] = json!(-1);
    at(&mut v, "/findings/0")["when"] = json!({ "var": long("v") });
    at(&mut v, "/findings/1")["when"] = json!({ long("p"): [] });
    at(&mut v, "/rules/0")["id"] = json!(long("r"));
    at(&mut v, "/rules/0")["offers"] = json!([]);
    let errors = trygg::compile(&v).unwrap_err().0;
    let codes: Vec<&str> = errors.iter().map(|e| e.code).collect();
    for code in [
        "form.duplicate_id",
        "form.duplicate_option",
        "form.unknown_item",
        "form.range_inverted",
        "form.rule_empty",
        "logic.unknown_var",
        "logic.unknown_operator",
    ] {
        assert!(codes.contains(&code), "no {code}: {codes:?}");
    }
    for e in &errors {
        let n = e.message.chars().count();
        assert!(n <= 400, "{}: a message of {n} characters", e.code);
    }
    let mut v = fixture();
    v["version"] = json!(long("9"));
    let text = v.to_string();
    let e = trygg::load(&text).unwrap_err().0;
    assert_eq!((e[0].code, e[0].path.as_str()), ("form.schema", "/version"));
    assert!(e[0].message.chars().count() <= 200, "{}", e[0].message);
}
