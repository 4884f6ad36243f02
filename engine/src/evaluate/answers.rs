//! Checking one answer against its item: type, option list, range, length.
//!
//! A bad answer never stops evaluation: it becomes a located [`Problem`] and the item is
//! treated as unanswered, so the rest of the response is still scored and the outcome is
//! marked `invalid`.

use crate::error::{escape_pointer, json_kind as kind_of};
use crate::input::quote;
use crate::model::{parse_date, Item, ItemType};
use crate::outcome::Problem;
use serde_json::Value;

/// Longest text answer accepted when an item sets no `maxLength`.
pub const DEFAULT_MAX_TEXT: u32 = 2000;

/// A checked answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// No answer (absent or `null`).
    None,
    /// Declined (`{ "declined": true }`).
    Declined,
    /// A valid answer and its score (`None` for items without one).
    Given(Value, Option<f64>),
}

fn problem(code: &'static str, id: &str, rest: &str, message: String) -> Problem {
    Problem {
        code,
        path: format!("/answers/{}{rest}", escape_pointer(id)),
        item: Some(id.to_string()),
        message,
    }
}

/// Check `value` as an answer to `item`.
pub fn check(item: &Item, value: &Value) -> Result<Answer, Problem> {
    let id = item.id.as_str();
    let wrong = |expected: &str| {
        problem(
            "answer.wrong_type",
            id,
            "",
            format!("item `{id}` takes {expected}; got {}", kind_of(value)),
        )
    };
    if value.is_null() {
        return Ok(Answer::None);
    }
    if let Value::Object(map) = value {
        if map.len() == 1 && map.get("declined") == Some(&Value::Bool(true)) {
            if item.declinable {
                return Ok(Answer::Declined);
            }
            return Err(problem(
                "answer.not_declinable",
                id,
                "",
                format!("item `{id}` cannot be declined"),
            ));
        }
        if item.kind != ItemType::Display {
            return Err(wrong(expected(item)));
        }
    }
    match item.kind {
        ItemType::Display => Err(problem(
            "answer.not_answerable",
            id,
            "",
            format!("item `{id}` is information only and takes no answer"),
        )),
        ItemType::Boolean => match value {
            Value::Bool(b) => {
                let score = if *b {
                    item.score_true.unwrap_or(1.0)
                } else {
                    item.score_false.unwrap_or(0.0)
                };
                Ok(Answer::Given(value.clone(), Some(score)))
            }
            _ => Err(wrong("true or false")),
        },
        ItemType::Choice => {
            let code = value
                .as_str()
                .ok_or_else(|| wrong("an option value (a string)"))?;
            let option = item
                .options
                .iter()
                .find(|o| o.value == code)
                .ok_or_else(|| not_an_option(item, code, ""))?;
            Ok(Answer::Given(value.clone(), option.score))
        }
        ItemType::Multi => {
            let list = value
                .as_array()
                .ok_or_else(|| wrong("an array of option values"))?;
            let mut total = 0.0;
            let mut seen = std::collections::HashSet::new();
            for (k, v) in list.iter().enumerate() {
                let code = v.as_str().ok_or_else(|| {
                    problem(
                        "answer.wrong_type",
                        id,
                        &format!("/{k}"),
                        format!(
                            "item `{id}` takes option values (strings); got {}",
                            kind_of(v)
                        ),
                    )
                })?;
                let option = item
                    .options
                    .iter()
                    .find(|o| o.value == code)
                    .ok_or_else(|| not_an_option(item, code, &format!("/{k}")))?;
                if !seen.insert(code) {
                    return Err(problem(
                        "answer.duplicate_option",
                        id,
                        &format!("/{k}"),
                        format!("option `{code}` is selected twice"),
                    ));
                }
                total += option.score.unwrap_or(0.0);
            }
            let n = list.len();
            if let Some(lo) = item.min_selected {
                if n < lo as usize {
                    return Err(problem(
                        "answer.too_few",
                        id,
                        "",
                        format!("item `{id}` needs at least {lo} selections; got {n}"),
                    ));
                }
            }
            if let Some(hi) = item.max_selected {
                if n > hi as usize {
                    return Err(problem(
                        "answer.too_many",
                        id,
                        "",
                        format!("item `{id}` allows at most {hi} selections; got {n}"),
                    ));
                }
            }
            Ok(Answer::Given(value.clone(), Some(total)))
        }
        ItemType::Integer | ItemType::Number => {
            let x = value.as_f64().ok_or_else(|| wrong("a number"))?;
            if item.kind == ItemType::Integer && x.fract() != 0.0 {
                return Err(problem(
                    "answer.not_integer",
                    id,
                    "",
                    format!(
                        "item `{id}` takes a whole number; got {}",
                        crate::canonical::number_to_string(x)
                    ),
                ));
            }
            let lo = item.min.as_ref().and_then(Value::as_f64);
            let hi = item.max.as_ref().and_then(Value::as_f64);
            if lo.is_some_and(|lo| x < lo) || hi.is_some_and(|hi| x > hi) {
                let got = crate::canonical::number_to_string(x);
                return Err(out_of_range(id, &got, &item.min, &item.max));
            }
            Ok(Answer::Given(value.clone(), Some(x)))
        }
        ItemType::Text => {
            let s = value.as_str().ok_or_else(|| wrong("text"))?;
            let max = item.max_length.unwrap_or(DEFAULT_MAX_TEXT);
            let n = s.chars().count();
            if n > max as usize {
                return Err(problem(
                    "answer.too_long",
                    id,
                    "",
                    format!("item `{id}` takes at most {max} characters; got {n}"),
                ));
            }
            Ok(Answer::Given(value.clone(), None))
        }
        ItemType::Date => {
            let s = value.as_str().ok_or_else(|| wrong("a date (YYYY-MM-DD)"))?;
            if parse_date(s).is_none() {
                return Err(problem(
                    "answer.invalid_date",
                    id,
                    "",
                    format!("`{}` is not a calendar date written YYYY-MM-DD", quote(s)),
                ));
            }
            // YYYY-MM-DD strings order as the dates they name.
            let lo = item.min.as_ref().and_then(Value::as_str);
            let hi = item.max.as_ref().and_then(Value::as_str);
            if lo.is_some_and(|lo| s < lo) || hi.is_some_and(|hi| s > hi) {
                return Err(out_of_range(id, s, &item.min, &item.max));
            }
            Ok(Answer::Given(value.clone(), None))
        }
    }
}

fn expected(item: &Item) -> &'static str {
    match item.kind {
        ItemType::Boolean => "true or false",
        ItemType::Choice => "an option value (a string)",
        ItemType::Multi => "an array of option values",
        ItemType::Integer => "a whole number",
        ItemType::Number => "a number",
        ItemType::Text => "text",
        ItemType::Date => "a date (YYYY-MM-DD)",
        ItemType::Display => "no answer",
    }
}

fn not_an_option(item: &Item, code: &str, rest: &str) -> Problem {
    let values: Vec<&str> = item.options.iter().map(|o| o.value.as_str()).collect();
    problem(
        "answer.not_an_option",
        &item.id,
        rest,
        format!(
            "`{}` is not an option of item `{}`; the options are {}",
            quote(code),
            item.id,
            values.join(", ")
        ),
    )
}

fn out_of_range(id: &str, got: &str, lo: &Option<Value>, hi: &Option<Value>) -> Problem {
    let show = |v: &Option<Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "…".to_string(),
    };
    problem(
        "answer.out_of_range",
        id,
        "",
        format!(
            "{got} is outside the range {}–{} of item `{id}`",
            show(lo),
            show(hi)
        ),
    )
}
