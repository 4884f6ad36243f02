//! Differential inputs: seeded random responses (valid and mutated) over every shipped form,
//! and random JsonLogic rules with random data. Deterministic (a fixed seed and a
//! SplitMix64 generator of its own), so every runtime gets the same input bytes.
//!
//! `tests/differential.rs` writes them to `tests/artifacts/differential-inputs.ndjson`
//! (one case a line: `{"id","form","response"}` or `{"id","rule","data"}`, each document as
//! JSON text), runs them natively and writes `differential-native.txt`; the Node and
//! Chromium runners read the same inputs file and write theirs; `make test-same` compares.

use serde_json::{json, Map, Value};
use trygg::model::{FormDef, Item, ItemType};

/// Responses generated (over all shipped forms).
pub const RESPONSES: usize = 10_000;
/// JsonLogic rules generated.
pub const RULES: usize = 3_000;
/// The seed.
pub const SEED: u64 = 0x7279_6767_2013;

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> Option<&'a T> {
        if list.is_empty() {
            None
        } else {
            list.get(self.below(list.len()))
        }
    }
}

/// One differential case.
#[derive(Debug, Clone, PartialEq)]
pub enum Case {
    /// Evaluate `response` (JSON text, possibly broken) with form `form` (`id@version`).
    Response {
        id: String,
        form: String,
        response: String,
    },
    /// Evaluate JsonLogic `rule` on `data` (both JSON text).
    Logic {
        id: String,
        rule: String,
        data: String,
    },
}

impl Case {
    /// The inputs-file line (without the newline).
    pub fn to_line(&self) -> String {
        let v = match self {
            Case::Response { id, form, response } => {
                json!({ "id": id, "form": form, "response": response })
            }
            Case::Logic { id, rule, data } => json!({ "id": id, "rule": rule, "data": data }),
        };
        v.to_string()
    }
}

/// Every case: [`RESPONSES`] responses spread over `forms` in turn, then [`RULES`] rules.
pub fn cases(forms: &[FormDef]) -> Vec<Case> {
    let mut rng = Rng::new(SEED);
    let mut out = Vec::with_capacity(RESPONSES + RULES);
    for n in 0..RESPONSES {
        let Some(form) = forms.get(n % forms.len().max(1)) else {
            break;
        };
        let mut response = valid_response(form, &mut rng);
        // About 40 % are mutated, a few of them twice.
        let text = if rng.chance(40) {
            let mut text = mutate(form, &mut response, &mut rng);
            if rng.chance(15) {
                text = mutate_text(&text, &mut rng);
            }
            text
        } else {
            response.to_string()
        };
        out.push(Case::Response {
            id: format!("response/{n:05}"),
            form: format!("{}@{}", form.id, form.version),
            response: text,
        });
    }
    for n in 0..RULES {
        let rule = rule(&mut rng, 0);
        let data = data(&mut rng);
        out.push(Case::Logic {
            id: format!("logic/{n:05}"),
            rule: rule.to_string(),
            data: data.to_string(),
        });
    }
    out
}

/// A value of the item's own type.
fn typed_value(item: &Item, rng: &mut Rng) -> Value {
    match item.kind {
        ItemType::Boolean => json!(rng.chance(50)),
        ItemType::Choice => rng
            .pick(&item.options)
            .map_or(Value::Null, |o| json!(o.value)),
        ItemType::Multi => Value::Array(
            item.options
                .iter()
                .filter(|_| rng.chance(30))
                .map(|o| json!(o.value))
                .collect(),
        ),
        ItemType::Integer => json!(rng.below(60) as i64 - 5),
        ItemType::Number => json!((rng.below(4000) as f64) / 8.0 - 10.0),
        ItemType::Text => json!(["", "ja", "nej å ä ö", "مرحبا", "a\"b\\c\n"][rng.below(5)]),
        ItemType::Date => json!(format!(
            "20{:02}-{:02}-{:02}",
            rng.below(30),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        // Display items and any type added later take no answer.
        _ => Value::Null,
    }
}

/// A response a careful integrator would send: most items answered with a value of their
/// type, some declined, some left out; a context and respondent from the form's examples or
/// made up.
fn valid_response(form: &FormDef, rng: &mut Rng) -> Value {
    let mut answers = Map::new();
    let fill = 40 + rng.below(61);
    for item in &form.items {
        if item.kind == ItemType::Display || !rng.chance(fill) {
            continue;
        }
        let value = if item.declinable && rng.chance(8) {
            json!({ "declined": true })
        } else {
            typed_value(item, rng)
        };
        if !value.is_null() {
            answers.insert(item.id.clone(), value);
        }
    }
    let mut response = Map::new();
    response.insert("answers".into(), Value::Object(answers));
    let example = rng.pick(&form.examples);
    match (rng.below(4), example) {
        (0, Some(ex)) => {
            response.insert("context".into(), json!(ex.context));
            response.insert("respondent".into(), json!(ex.respondent));
        }
        (1, _) => {
            let locale = rng.pick(&form.locales).cloned().unwrap_or_default();
            response.insert("context".into(), json!({ "locale": locale }));
            let sex = ["female", "male", "other"][rng.below(3)];
            response.insert(
                "respondent".into(),
                json!({ "id": format!("parent-{}", 1 + rng.below(2)), "attributes": { "sex": sex } }),
            );
        }
        (2, _) => {
            response.insert("form".into(), json!(form.id));
            response.insert("version".into(), json!(form.version));
        }
        _ => {}
    }
    Value::Object(response)
}

/// Values at or past the edges of what items accept.
fn odd_value(rng: &mut Rng) -> Value {
    let list = [
        json!("x"),
        json!(-1),
        json!(1e308),
        json!(-0.0),
        json!(0.1),
        json!(9_007_199_254_740_993_u64),
        json!(-9_007_199_254_740_993_i64),
        json!(1e-7),
        json!(2.5),
        json!([]),
        json!({}),
        json!({ "declined": false }),
        json!({ "declined": true, "why": 1 }),
        json!(""),
        json!(true),
        json!(null),
        json!("2026-02-30"),
        json!("1"),
        json!(["a", "a"]),
        json!([null]),
        json!("\u{feff}x"),
        json!("\u{10ffff}"),
    ];
    rng.pick(&list).cloned().unwrap_or(Value::Null)
}

/// A structural mutation of a valid response; returns the JSON text.
fn mutate(form: &FormDef, response: &mut Value, rng: &mut Rng) -> String {
    let item = rng
        .pick(&form.items)
        .map(|i| i.id.clone())
        .unwrap_or_default();
    let Value::Object(obj) = response else {
        return response.to_string();
    };
    match rng.below(12) {
        0..=3 => {
            if let Some(Value::Object(a)) = obj.get_mut("answers") {
                a.insert(item, odd_value(rng));
            }
        }
        4 => {
            if let Some(Value::Object(a)) = obj.get_mut("answers") {
                a.insert(format!("{item}_nope"), json!(1));
            }
        }
        5 => {
            obj.insert(
                "version".into(),
                json!(["9.9.9", "1.0", "", "x"][rng.below(4)]),
            );
        }
        6 => {
            obj.insert("extra".into(), json!(1));
        }
        7 => {
            let ctx = [
                json!({ "childAgeDays": -3 }),
                json!({ "childAgeDays": 1.5 }),
                json!({ "profile": "nope" }),
                json!({ "locale": 7 }),
                json!({ "childAgeDays": 1e300, "locale": "xx" }),
            ];
            obj.insert(
                "context".into(),
                rng.pick(&ctx).cloned().unwrap_or_default(),
            );
        }
        8 => {
            obj.insert(
                "respondent".into(),
                [
                    json!({ "id": "" }),
                    json!({ "id": 3 }),
                    json!({ "attributes": { "sex": 1 } }),
                    json!("p"),
                ][rng.below(4)]
                .clone(),
            );
        }
        9 => {
            obj.insert(
                "answers".into(),
                [json!([]), json!(null), json!("a")][rng.below(3)].clone(),
            );
        }
        10 => {
            // A duplicate answer key: the text keeps both.
            let text = response.to_string();
            return text.replacen(
                "\"answers\":{",
                &format!("\"answers\":{{\"{item}\":{},", odd_value(rng)),
                1,
            );
        }
        _ => {
            return mutate_text(&response.to_string(), rng);
        }
    }
    response.to_string()
}

/// A textual mutation: truncation, a BOM, a stray byte, deep nesting, whitespace.
fn mutate_text(text: &str, rng: &mut Rng) -> String {
    let cut = |rng: &mut Rng| {
        let mut at = rng.below(text.len().max(1));
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match rng.below(7) {
        0 => text.get(..cut(rng)).unwrap_or("").to_string(),
        1 => format!("\u{feff}{text}"),
        2 => {
            let at = cut(rng);
            format!(
                "{}{}{}",
                &text[..at],
                ["}", ",", "\"", "\\", "x"][rng.below(5)],
                &text[at..]
            )
        }
        3 => format!("{}{}{}", "[".repeat(200), text, "]".repeat(200)),
        4 => format!(" \n\t{text}\r\n "),
        5 => format!("{text}{text}"),
        _ => text.replace(':', " : "),
    }
}

const VARS: [&str; 7] = ["a", "b", "b.c", "arr", "n", "s", "nope.x"];

fn literal(rng: &mut Rng) -> Value {
    let list = [
        json!(0),
        json!(1),
        json!(-1),
        json!(2.5),
        json!(-0.0),
        json!(0.1),
        json!(1e21),
        json!(1e-7),
        json!(9_007_199_254_740_993_u64),
        json!(""),
        json!("abc"),
        json!("1"),
        json!("10"),
        json!(true),
        json!(false),
        json!(null),
        json!([1, 2, 3]),
        json!(["a", "b"]),
        json!([]),
        json!({}),
    ];
    rng.pick(&list).cloned().unwrap_or(Value::Null)
}

const OPS: [&str; 36] = [
    "+",
    "-",
    "*",
    "/",
    "%",
    "min",
    "max",
    "==",
    "===",
    "!=",
    "!==",
    "<",
    "<=",
    ">",
    ">=",
    "!",
    "!!",
    "and",
    "or",
    "if",
    "?:",
    "cat",
    "substr",
    "in",
    "merge",
    "map",
    "filter",
    "reduce",
    "all",
    "some",
    "none",
    "missing",
    "missing_some",
    "??",
    "var",
    "nope_op",
];

/// A random rule, at most four operators deep and a few arguments wide.
fn rule(rng: &mut Rng, depth: usize) -> Value {
    if depth >= 4 || rng.chance(25) {
        return if rng.chance(50) {
            json!({ "var": VARS[rng.below(VARS.len())] })
        } else {
            literal(rng)
        };
    }
    let op = OPS[rng.below(OPS.len())];
    let args = match op {
        "map" | "filter" | "all" | "some" | "none" => {
            json!([rule(rng, depth + 1), rule(rng, depth + 2)])
        }
        "reduce" => json!([
            rule(rng, depth + 1),
            rule(rng, depth + 2),
            rule(rng, depth + 1)
        ]),
        "var" => json!(VARS[rng.below(VARS.len())]),
        "missing_some" => json!([rng.below(3), ["a", "b", "n"]]),
        _ => Value::Array(
            (0..1 + rng.below(3))
                .map(|_| rule(rng, depth + 1))
                .collect(),
        ),
    };
    json!({ op: args })
}

/// Random data for the rules' `var`s.
fn data(rng: &mut Rng) -> Value {
    let mut arr = Vec::new();
    for _ in 0..rng.below(6) {
        arr.push(literal(rng));
    }
    let s = ["", "abc", "åäö", "1.5"][rng.below(4)];
    json!({
        "a": literal(rng),
        "b": { "c": literal(rng) },
        "arr": arr,
        "n": (rng.below(200) as f64 - 100.0) / 4.0,
        "s": s,
    })
}
