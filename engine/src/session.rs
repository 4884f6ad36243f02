//! A live form: one respondent filling it in, one call per change.
//!
//! A web form calls [`Session::set`] on every answer and needs back only what changed —
//! which items appeared or disappeared, and whether this answer has a problem. Re-running
//! the whole evaluation (findings, offers, traces) on every keystroke would be wasted work,
//! so a session keeps the evaluation state alive and re-runs only the item and scale steps
//! downstream of the changed answer (computed once per form by the compiler), then only the
//! findings and rules that read a value that changed, keeping each one's trace. The outcome
//! is assembled from that state by the same code [`evaluate`](crate::evaluate()) ends with,
//! so it is byte-identical to scoring the same answers anywhere else (a property test and
//! the fuzz target check it) at a fraction of the cost.

use crate::error::Error;
use crate::evaluate::answers::Answer;
use crate::evaluate::{build_outcome, unknown_item, State, Work, MAX_ANSWERS};
use crate::form::CompiledForm;
use crate::model::{ItemType, Respondent, Response};
use crate::outcome::{Outcome, Problem};
use crate::text::{is_rtl, resolve, TextPack};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What one change did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// Items that became visible, in form order.
    pub shown: Vec<String>,
    /// Items that became hidden, in form order (their answers are kept but ignored).
    pub hidden: Vec<String>,
    /// The changed item's problem, if its new answer is invalid.
    pub problem: Option<Problem>,
    /// Progress after the change.
    pub progress: Progress,
}

/// How far the respondent has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Visible answerable items answered or declined.
    pub answered: u32,
    /// Visible answerable items.
    pub visible: u32,
    /// Visible required items still unanswered.
    #[serde(rename = "requiredLeft")]
    pub required_left: u32,
}

/// An option ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderOption {
    /// Stable answer code.
    pub value: String,
    /// Text in the asked locale (or the fallback).
    pub text: String,
}

/// An item ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderItem {
    /// Item id.
    pub id: String,
    /// Answer type (`boolean`, `choice`, …).
    #[serde(rename = "type")]
    pub kind: ItemType,
    /// Section id.
    pub section: Option<String>,
    /// Whether it is shown under the skip logic now.
    pub visible: bool,
    /// Required.
    pub required: bool,
    /// May be declined.
    pub declinable: bool,
    /// Question text.
    pub text: String,
    /// Help text.
    pub help: Option<String>,
    /// Locale the text is in (differs from the asked one after a fallback).
    pub lang: String,
    /// Options (choice, multi).
    pub options: Vec<RenderOption>,
    /// Bounds (`min`, `max`, `maxLength`, `minSelected`, `maxSelected`) as in the form.
    pub bounds: BTreeMap<String, Value>,
    /// The current answer (`{ "declined": true }` when declined), if any.
    pub answer: Option<Value>,
    /// The current answer's problem, if any.
    pub problem: Option<Problem>,
}

/// The form's texts and direction for one locale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderForm {
    /// Form id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Locale rendered.
    pub locale: String,
    /// Right to left.
    pub rtl: bool,
    /// Whether this locale's translation is unverified.
    pub unverified: bool,
    /// Title.
    pub title: String,
    /// Sections: (id, title) in form order.
    pub sections: Vec<(String, String)>,
    /// Items in form order.
    pub items: Vec<RenderItem>,
}

/// One respondent filling in one form.
#[derive(Debug, Clone)]
pub struct Session {
    form: Arc<CompiledForm>,
    response: Response,
    /// Each invalid answer's problem, by item.
    problems: BTreeMap<usize, Problem>,
    /// The evaluation state (its `problems` are the context's and respondent's).
    work: Work,
}

impl Session {
    /// Start a session for `respondent` with `context` (`locale`, `profile`,
    /// `childAgeDays`); problems with them show up in the outcome.
    pub fn new(
        form: Arc<CompiledForm>,
        respondent: Respondent,
        context: Map<String, Value>,
    ) -> Self {
        let response = Response {
            form: Some(form.id().to_string()),
            version: Some(form.version().to_string()),
            respondent,
            context,
            answers: Map::new(),
        };
        let mut st = State::new(&form);
        st.track();
        st.load_context(&response);
        for node in &form.order {
            st.step(*node);
        }
        st.derive();
        let work = st.w;
        Session {
            form,
            response,
            problems: BTreeMap::new(),
            work,
        }
    }

    /// The form.
    pub fn form(&self) -> &Arc<CompiledForm> {
        &self.form
    }

    /// Set (or, with `null`, clear) the answer to `item`; `{ "declined": true }` declines.
    /// An unknown item is an error; an invalid answer is kept out of scoring and reported
    /// in [`Changes::problem`].
    pub fn set(&mut self, item: &str, value: Value) -> Result<Changes, Error> {
        let Some(index) = self.form.item_index(item) else {
            let p = unknown_item(item);
            return Err(Error::new(p.code, p.path, p.message));
        };
        if !value.is_null()
            && !self.response.answers.contains_key(item)
            && self.response.answers.len() >= MAX_ANSWERS
        {
            return Err(Error::new(
                "response.too_many_answers",
                "/answers",
                format!("the limit is {MAX_ANSWERS} answers"),
            ));
        }
        let before = self.work.visible.clone();
        let form = Arc::clone(&self.form);
        let mut st = State {
            form: &form,
            w: std::mem::take(&mut self.work),
        };
        let problem = st.answer(index, &value).err();
        for p in form.affected.get(index).into_iter().flatten() {
            if let Some(node) = form.order.get(*p) {
                st.step(*node);
            }
        }
        st.derive();
        self.work = st.w;
        match &problem {
            Some(p) => self.problems.insert(index, p.clone()),
            None => self.problems.remove(&index),
        };
        if value.is_null() {
            self.response.answers.remove(item);
        } else {
            self.response.answers.insert(item.to_string(), value);
        }
        let changed = |now: bool| {
            form.def()
                .items
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    let was = before.get(*i).copied().unwrap_or(false);
                    let is = self.work.visible.get(*i).copied().unwrap_or(false);
                    was != is && is == now
                })
                .map(|(_, x)| x.id.clone())
                .collect::<Vec<_>>()
        };
        Ok(Changes {
            shown: changed(true),
            hidden: changed(false),
            problem,
            progress: self.progress(),
        })
    }

    /// Progress now.
    pub fn progress(&self) -> Progress {
        let mut p = Progress {
            answered: 0,
            visible: 0,
            required_left: 0,
        };
        for (i, item) in self.form.def().items.iter().enumerate() {
            if item.kind == ItemType::Display || !self.work.visible.get(i).copied().unwrap_or(false)
            {
                continue;
            }
            p.visible += 1;
            let done = self.work.given.get(i).is_some_and(|a| *a != Answer::None);
            if done {
                p.answered += 1;
            } else if item.required {
                p.required_left += 1;
            }
        }
        p
    }

    /// Whether `item` is visible now.
    pub fn is_visible(&self, item: &str) -> bool {
        self.form
            .item_index(item)
            .and_then(|i| self.work.visible.get(i).copied())
            .unwrap_or(false)
    }

    /// The response so far (as it would be stored).
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The form rendered in `locale` (falling back to the form's default locale per text),
    /// with text packs for `{ "key": … }` texts.
    pub fn render(&self, locale: &str, packs: &[&TextPack]) -> RenderForm {
        let def = self.form.def();
        let default = def.locales.first().map_or("", String::as_str);
        let locale = if def.locales.iter().any(|l| l == locale) {
            locale
        } else {
            default
        };
        let t = |text: &crate::model::Text| resolve(text, locale, default, packs);
        let items = def
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let text = t(&item.text);
                let mut bounds = BTreeMap::new();
                let mut bound = |k: &str, v: Option<Value>| {
                    if let Some(v) = v {
                        bounds.insert(k.to_string(), v);
                    }
                };
                bound("min", item.min.clone());
                bound("max", item.max.clone());
                bound("maxLength", item.max_length.map(Value::from));
                bound("minSelected", item.min_selected.map(Value::from));
                bound("maxSelected", item.max_selected.map(Value::from));
                RenderItem {
                    id: item.id.clone(),
                    kind: item.kind,
                    section: item.section.clone(),
                    visible: self.work.visible.get(i).copied().unwrap_or(false),
                    required: item.required,
                    declinable: item.declinable,
                    help: item.help.as_ref().map(|h| t(h).text),
                    lang: text.locale,
                    text: text.text,
                    options: item
                        .options
                        .iter()
                        .map(|o| RenderOption {
                            value: o.value.clone(),
                            text: t(&o.text).text,
                        })
                        .collect(),
                    bounds,
                    answer: self.response.answers.get(&item.id).cloned(),
                    problem: self.problems.get(&i).cloned(),
                }
            })
            .collect();
        RenderForm {
            id: def.id.clone(),
            version: def.version.clone(),
            locale: locale.to_string(),
            rtl: is_rtl(locale),
            unverified: def.unverified_locales.iter().any(|l| l == locale),
            title: t(&def.title).text,
            sections: def
                .sections
                .iter()
                .map(|s| (s.id.clone(), t(&s.title).text))
                .collect(),
            items,
        }
    }

    /// The outcome of the answers so far, identical to [`evaluate`](crate::evaluate()) of
    /// [`Session::response`]: assembled from the live state, nothing re-evaluated. The
    /// problems come in the order a fresh evaluation finds them: the context's and
    /// respondent's, then the answers' in the response's key order, then the conditions'.
    pub fn outcome(&self) -> Outcome {
        let mut problems = self.work.problems.clone();
        for id in self.response.answers.keys() {
            let problem = self.form.item_index(id).and_then(|i| self.problems.get(&i));
            if let Some(p) = problem {
                problems.push(p.clone());
            }
        }
        build_outcome(
            &self.form,
            &self.work,
            problems,
            self.response.respondent.id.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn form() -> Arc<CompiledForm> {
        Arc::new(crate::load(include_str!("../tests/fixtures/full.json")).unwrap())
    }

    /// The state a from-scratch evaluation of the session's response reaches.
    fn full_run(s: &Session) -> (Vec<Value>, Vec<bool>) {
        let mut st = State::new(&s.form);
        st.load_context(&s.response);
        for (id, v) in &s.response.answers {
            let _ = st.answer(s.form.item_index(id).unwrap(), v);
        }
        for node in &s.form.order {
            st.step(*node);
        }
        st.derive();
        (st.w.slots, st.w.visible)
    }

    #[test]
    fn set_reports_what_appeared_and_disappeared() {
        let mut s = Session::new(form(), Respondent::default(), Map::new());
        assert!(!s.is_visible("follow"));
        let c = s.set("a1", json!("3")).unwrap();
        assert!(
            c.shown.is_empty(),
            "two of three missing: scale a has no value"
        );
        // a3 missing: 4 prorated to 4 × 3/2 = 6 ≥ 4.
        let c = s.set("a2", json!("1")).unwrap();
        assert_eq!(c.shown, ["follow"]);
        let c = s.set("a3", json!("0")).unwrap();
        assert!(c.shown.is_empty() && c.hidden.is_empty(), "{c:?}");
        assert!(s.is_visible("follow"));
        let c = s.set("a1", json!("0")).unwrap();
        assert_eq!(c.hidden, ["follow"]);
        let c = s.set("a1", json!("9")).unwrap();
        assert_eq!(c.problem.unwrap().code, "answer.not_an_option");
        assert_eq!(
            s.set("nope", json!(1)).unwrap_err().code,
            "answer.unknown_item"
        );
        let p = s.progress();
        assert_eq!((p.visible, p.answered), (8, 2), "{p:?}");
    }

    #[test]
    fn outcome_equals_scoring_the_same_answers() {
        let mut s = Session::new(
            form(),
            Respondent {
                id: Some("parent-1".into()),
                attributes: [("sex".to_string(), "female".to_string())].into(),
            },
            json!({ "locale": "en" }).as_object().unwrap().clone(),
        );
        for (k, v) in [
            ("a1", json!("2")),
            ("a2", json!("2")),
            ("a3", json!("1")),
            ("follow", json!(true)),
        ] {
            s.set(k, v).unwrap();
        }
        let direct = crate::evaluate(&s.form, s.response()).to_json();
        assert_eq!(s.outcome().to_json(), direct);
        assert!(s.outcome().has_finding("follow_yes"));
    }

    #[test]
    fn render_falls_back_and_knows_direction() {
        let s = Session::new(form(), Respondent::default(), Map::new());
        let r = s.render("en", &[]);
        assert_eq!(
            (r.title.as_str(), r.rtl, r.locale.as_str()),
            ("Test form", false, "en")
        );
        // A locale the form lacks renders in the default locale.
        let r = s.render("ar", &[]);
        assert_eq!(
            (r.title.as_str(), r.locale.as_str()),
            ("Testformulär", "sv")
        );
        assert!(is_rtl("ar") && is_rtl("fa-IR") && !is_rtl("so") && !is_rtl("sv"));
        assert_eq!(r.items[5].options.len(), 3);
        assert_eq!(r.items[6].bounds["max"], json!(4));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Incremental updates reach exactly the state a from-scratch evaluation reaches,
        /// whatever the order of changes.
        #[test]
        fn incremental_equals_full(steps in proptest::collection::vec((0usize..10, 0usize..8), 1..25)) {
            let items = ["a1", "a2", "a3", "follow", "topics", "drinks", "hours", "note", "born", "a1"];
            let values = [json!("0"), json!("3"), json!("2"), json!(true), json!(null), json!({"declined": true}), json!(["money"]), json!(2)];
            let mut s = Session::new(form(), Respondent::default(), Map::new());
            for (i, v) in steps {
                let _ = s.set(items[i], values[v].clone());
                let (slots, visible) = full_run(&s);
                prop_assert_eq!(&s.work.visible, &visible);
                prop_assert_eq!(&s.work.slots, &slots);
            }
        }

        /// After any sequence of changes the session's outcome is, byte for byte, a fresh
        /// evaluation of the same answers (findings, offers, traces and problems included).
        #[test]
        fn outcome_equals_fresh_evaluation(
            steps in proptest::collection::vec((0usize..10, 0usize..9), 1..25),
            context in 0usize..3,
        ) {
            let items = ["a1", "a2", "a3", "follow", "topics", "drinks", "hours", "note", "born", "a1"];
            let values = [json!("0"), json!("3"), json!("2"), json!(true), json!(null), json!({"declined": true}), json!(["money"]), json!(2), json!("9")];
            let contexts = [json!({}), json!({"locale": "en"}), json!({"locale": "xx", "profile": 3})];
            let respondent = Respondent {
                id: Some("parent-1".into()),
                attributes: [("sex".to_string(), "female".to_string())].into(),
            };
            let mut s = Session::new(form(), respondent, contexts[context].as_object().unwrap().clone());
            for (i, v) in steps {
                let _ = s.set(items[i], values[v].clone());
                let fresh = crate::evaluate(&s.form, s.response()).to_json();
                prop_assert_eq!(s.outcome().to_json(), fresh);
            }
        }
    }
}
