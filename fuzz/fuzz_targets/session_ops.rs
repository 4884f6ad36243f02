//! A live session driven by arbitrary operations on a shipped form, checked against a
//! session built from scratch: byte 0 picks the form, byte 1 the context, then every three
//! bytes are one `set` (a value of the item's type or an odd one), `decline` or clear.
//! After the sequence, a fresh session given the final response's answers (in key order)
//! must agree with the incremental one on progress, visibility, rendering (in the form's last
//! locale) and problems, and the outcome (a full evaluation) must be canonical JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use trygg::model::Respondent;
use trygg::Session;
use trygg_fuzz::{check_outcome, context_of, ops, shipped_forms, Op};

fuzz_target!(|data: &[u8]| {
    let [pick, ctx, rest @ ..] = data else {
        return;
    };
    let forms = shipped_forms();
    let form = &forms[usize::from(*pick) % forms.len()];
    let context = context_of(*ctx);
    let mut live = Session::new(form.clone(), Respondent::default(), context.clone());
    let mut problems = std::collections::BTreeMap::new();
    for op in ops(form, rest) {
        let (id, result) = match op {
            Op::Set(id, v) => (id.clone(), live.set(&id, v)),
            Op::Decline(id) => (id.clone(), live.set(&id, json!({"declined": true}))),
            Op::Clear(id) => (id.clone(), live.set(&id, Value::Null)),
        };
        match result {
            Ok(changes) => {
                assert_eq!(changes.progress, live.progress());
                match changes.problem {
                    Some(p) => problems.insert(id, p),
                    None => problems.remove(&id),
                };
            }
            Err(e) => assert!(form.item_index(&id).is_none(), "{id}: {e:?}"),
        }
    }
    let mut fresh = Session::new(form.clone(), Respondent::default(), context);
    for (id, v) in &live.response().answers {
        let changes = fresh.set(id, v.clone()).expect("a known item");
        assert_eq!(
            changes.problem.as_ref(),
            problems.get(id),
            "{id}: problem differs"
        );
    }
    assert_eq!(live.response(), fresh.response());
    assert_eq!(live.progress(), fresh.progress(), "progress differs");
    for item in &form.def().items {
        assert_eq!(
            live.is_visible(&item.id),
            fresh.is_visible(&item.id),
            "{}: visibility differs",
            item.id
        );
    }
    let locale = form.def().locales.last().map_or("sv", String::as_str);
    assert_eq!(
        live.render(locale, &[]),
        fresh.render(locale, &[]),
        "{locale}: rendering differs"
    );
    check_outcome(&live.outcome());
});
