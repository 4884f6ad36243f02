//! One source for each name: the model's enums (`as_str`/`ALL`) are what serde writes, what
//! the JSON Schema (`forms/schema/form.schema.json`) allows and what the TypeScript types of
//! the npm package (`wasm/src/classes.rs`) name. A new variant, a renamed value or a stale
//! list in either file fails here.

use serde_json::Value;
use trygg::model::{
    Action, Handling, HiddenItems, ItemType, Method, Offer, ReferralTo, RespondentMode, Rounding,
    Severity, Status,
};
use trygg::outcome::Completeness;
use trygg_conformance::forms::repo_dir;

fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| as_str(*v).to_string()).collect()
}

fn serde_names<T: Copy + serde::Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .map(|v| {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn schema() -> Value {
    let text = std::fs::read_to_string(repo_dir().join("forms/schema/form.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn schema_list(schema: &Value, pointer: &str) -> Vec<String> {
    let v = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the schema"));
    v.as_array()
        .unwrap_or_else(|| panic!("{pointer} is not a list"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The string literals of `export type <name> = "a" | "b";` in the TypeScript types.
fn ts_union(ts: &str, name: &str) -> Vec<String> {
    let start = format!("export type {name} = ");
    let at = ts
        .find(&start)
        .unwrap_or_else(|| panic!("no type {name} in the .d.ts"));
    let rest = &ts[at + start.len()..];
    let body = &rest[..rest.find(';').unwrap()];
    body.split('|')
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect()
}

#[test]
fn model_names_are_what_serde_writes() {
    macro_rules! check {
        ($($t:ty),*) => {$(
            assert_eq!(names(<$t>::ALL, <$t>::as_str), serde_names(<$t>::ALL), stringify!($t));
        )*};
    }
    check!(
        Status,
        RespondentMode,
        ItemType,
        Method,
        Handling,
        Rounding,
        HiddenItems,
        Severity,
        ReferralTo,
        Action,
        Completeness
    );
}

#[test]
fn the_json_schema_allows_exactly_the_model_names() {
    let s = schema();
    let cases: [(&str, Vec<String>); 11] = [
        (
            "/properties/status/enum",
            names(Status::ALL, Status::as_str),
        ),
        (
            "/properties/respondent/enum",
            names(RespondentMode::ALL, RespondentMode::as_str),
        ),
        (
            "/$defs/item/properties/type/enum",
            names(ItemType::ALL, ItemType::as_str),
        ),
        (
            "/$defs/scale/properties/method/enum",
            names(Method::ALL, Method::as_str),
        ),
        (
            "/$defs/scale/properties/missing/properties/handling/enum",
            names(Handling::ALL, Handling::as_str),
        ),
        (
            "/$defs/scale/properties/missing/properties/rounding/enum",
            names(Rounding::ALL, Rounding::as_str),
        ),
        (
            "/$defs/scale/properties/hiddenItems/enum",
            names(HiddenItems::ALL, HiddenItems::as_str),
        ),
        (
            "/$defs/finding/properties/severity/enum",
            names(Severity::ALL, Severity::as_str),
        ),
        (
            "/$defs/offer/oneOf/1/properties/to/enum",
            names(ReferralTo::ALL, ReferralTo::as_str),
        ),
        (
            "/$defs/rule/properties/actions/items/enum",
            names(Action::ALL, Action::as_str),
        ),
        (
            "/$defs/example/properties/expect/properties/completeness/enum",
            names(Completeness::ALL, Completeness::as_str),
        ),
    ];
    for (pointer, model) in cases {
        assert_eq!(schema_list(&s, pointer), model, "{pointer}");
    }
    // Offer kinds: the `kind` of every branch of the schema's offer.
    let mut kinds = Vec::new();
    for branch in s.pointer("/$defs/offer/oneOf").unwrap().as_array().unwrap() {
        let kind = &branch["properties"]["kind"];
        match kind.get("const") {
            Some(c) => kinds.push(c.as_str().unwrap().to_string()),
            None => kinds.extend(
                kind["enum"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string()),
            ),
        }
    }
    assert_eq!(kinds, Offer::KINDS);
}

#[test]
fn the_typescript_types_name_exactly_the_model_names() {
    let ts = std::fs::read_to_string(repo_dir().join("wasm/src/classes.rs")).unwrap();
    assert_eq!(
        ts_union(&ts, "FormStatus"),
        names(Status::ALL, Status::as_str)
    );
    assert_eq!(
        ts_union(&ts, "ItemType"),
        names(ItemType::ALL, ItemType::as_str)
    );
    assert_eq!(
        ts_union(&ts, "RespondentMode"),
        names(RespondentMode::ALL, RespondentMode::as_str)
    );
    assert_eq!(
        ts_union(&ts, "Completeness"),
        names(Completeness::ALL, Completeness::as_str)
    );
    assert_eq!(
        ts_union(&ts, "Severity"),
        names(Severity::ALL, Severity::as_str)
    );
    assert_eq!(
        ts_union(&ts, "ReferralTo"),
        names(ReferralTo::ALL, ReferralTo::as_str)
    );
    assert_eq!(ts_union(&ts, "Action"), names(Action::ALL, Action::as_str));
    let offer_kinds: Vec<String> = ts
        .split("{ kind: \"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect();
    assert_eq!(offer_kinds, Offer::KINDS);
}

#[test]
fn every_offer_kind_is_named() {
    let offers = [
        Offer::BvcTalk {
            social_services: false,
        },
        Offer::HomeVisit {
            social_services: false,
        },
        Offer::Referral {
            to: ReferralTo::SocialServices,
        },
        Offer::WrittenInfo {
            topic: String::new(),
        },
    ];
    let kinds: Vec<&str> = offers.iter().map(Offer::kind).collect();
    assert_eq!(kinds, Offer::KINDS);
}
