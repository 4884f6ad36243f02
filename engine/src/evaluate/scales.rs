//! One scale: aggregate the visible items' scores under the missing-data policy, then find
//! the band and the cut-off of the active profile.
//!
//! Hidden items are not part of the scale for this respondent (they were not asked), so
//! they count as neither answered nor missing — unless the scale says `hiddenItems:
//! "not-applicable"`, for a total that means nothing when only part of it was asked. Declined and unanswered visible items are
//! missing. Within `maxMissing`, `invalid` handling uses the answered items as they are and
//! `prorate` scales them up to the visible count; beyond it the scale has no value.

use super::answers::Answer;
use super::State;
use crate::form::{CompiledForm, SlotKind, CTX_LOCALE};
use crate::model::{Handling as Policy, HiddenItems, Method, Rounding, Scale};
use crate::outcome::{CutoffResult, Handling, ScaleResult};
use serde_json::Value;

/// Round half up to an integer, robust to the binary error of values like 7.4999999999.
fn half_up(x: f64) -> f64 {
    (x + 0.5 + 1e-9).floor()
}

pub(super) fn compute(
    form: &CompiledForm,
    index: usize,
    scale: &Scale,
    st: &State<'_>,
) -> ScaleResult {
    let (given, visible, profile) = (&st.w.given, &st.w.visible, st.w.profile.as_deref());
    let mut answered = 0u32;
    let mut missing = 0u32;
    let mut hidden = 0u32;
    let mut total = 0.0;
    let mut weights = 0.0;
    let mut positive = 0u32;
    let items = form.scale_items.get(index).map_or(&[][..], Vec::as_slice);
    for &(i, w) in items {
        if !visible.get(i).copied().unwrap_or(false) {
            hidden += 1;
            continue;
        }
        match given.get(i) {
            Some(Answer::Given(_, Some(score))) => {
                answered += 1;
                total += w * score;
                weights += w;
                if *score > 0.0 {
                    positive += 1;
                }
            }
            _ => missing += 1,
        }
    }
    let policy = scale.missing;
    let max_missing = policy.map_or(0, |m| m.max_missing);
    let visible_count = answered + missing;
    let (value, handling) =
        if visible_count == 0 || (hidden > 0 && scale.hidden_items == HiddenItems::NotApplicable) {
            (None, Handling::NotApplicable)
        } else if missing > max_missing || answered == 0 {
            (None, Handling::Invalid)
        } else {
            let raw = match scale.method {
                Method::Sum => total,
                Method::Count => f64::from(positive),
                Method::Mean if weights != 0.0 => total / weights,
                Method::Mean => f64::NAN,
            };
            match policy {
                _ if !raw.is_finite() => (None, Handling::Invalid),
                _ if missing == 0 => (Some(raw), Handling::Complete),
                Some(p) if p.handling == Policy::Prorate && scale.method != Method::Mean => {
                    let x = raw * f64::from(visible_count) / f64::from(answered);
                    let x = match p.rounding {
                        Rounding::HalfUp => half_up(x),
                        Rounding::None => x,
                    };
                    (Some(x), Handling::Prorated)
                }
                _ => (Some(raw), Handling::AnsweredOnly),
            }
        };
    let band = value.and_then(|v| {
        scale
            .bands
            .iter()
            .find(|b| b.min <= v && v <= b.max)
            .map(|b| b.id.clone())
    });
    let cutoff = profile.and_then(|p| {
        let entry = scale.cutoffs.iter().find(|c| {
            c.profile == p
                && c.when.as_ref().is_none_or(|when| {
                    when.iter().all(|(key, want)| {
                        let got = if key == "locale" {
                            st.get(SlotKind::Context(CTX_LOCALE))
                        } else {
                            form.def
                                .attributes
                                .iter()
                                .position(|a| &a.id == key)
                                .map_or(&Value::Null, |a| st.get(SlotKind::Attribute(a)))
                        };
                        got.as_str() == Some(want.as_str())
                    })
                })
        })?;
        Some(CutoffResult {
            profile: p.to_string(),
            value: entry.value,
            reached: value.map(|v| v >= entry.value),
        })
    });
    ScaleResult {
        id: scale.id.clone(),
        value,
        band,
        answered,
        missing,
        hidden,
        handling,
        cutoff,
    }
}
