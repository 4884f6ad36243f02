//! A family: each parent's response evaluated on its own, and a summary for the clinician.
//!
//! Each parent answers separately, and what one parent answered must never reach the other
//! parent's view — with questions about violence in close relationships this is a safety
//! matter. So the type keeps the two apart: [`Family::view_for`] returns exactly one
//! respondent's own outcome, built from that response alone; only the clinician's
//! [`Family::summary`] merges offers across respondents (saying who led to what) — and
//! never a private offer, which stays listed on its own for its one respondent.

use crate::error::Error;
use crate::evaluate::evaluate;
use crate::form::CompiledForm;
use crate::model::{Action, Offer, RespondentMode, Response};
use crate::outcome::{Completeness, FormRef, Outcome, ENGINE};
use serde::Serialize;
use std::collections::HashSet;

/// Most respondents in one family.
pub const MAX_RESPONDENTS: usize = 8;

/// The evaluated responses of one family.
#[derive(Debug, Clone)]
pub struct Family {
    outcomes: Vec<Outcome>,
    rule_order: Vec<String>,
}

/// An offer in the family summary, with the respondents whose answers led to it.
///
/// A private offer (held with one respondent alone) is never merged: it stands on its own,
/// with that one respondent, marked `private`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyOffer {
    /// The offer.
    #[serde(flatten)]
    pub offer: Offer,
    /// Held with its one respondent alone (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Respondent ids, in response order.
    pub respondents: Vec<String>,
}

/// An urgent action in the family summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyAction {
    /// The action.
    pub action: Action,
    /// Respondent ids, in response order.
    pub respondents: Vec<String>,
}

/// The clinician's summary of a family: every respondent's outcome and the merged offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilySummary {
    /// The form version.
    pub form: FormRef,
    /// The engine version.
    pub engine: &'static str,
    /// Each respondent's outcome, in response order.
    pub respondents: Vec<Outcome>,
    /// Offers merged across respondents, highest-priority rule first.
    pub offers: Vec<FamilyOffer>,
    /// Urgent actions merged across respondents.
    pub actions: Vec<FamilyAction>,
    /// `complete` when every respondent's response is complete, else the worst.
    pub completeness: Completeness,
}

impl FamilySummary {
    /// Canonical JSON (RFC 8785).
    pub fn to_json(&self) -> String {
        crate::canonical::to_canonical_string_of(self).unwrap_or_else(|_| String::from("null"))
    }
}

/// Evaluate each respondent's response separately. Every response needs a distinct
/// `respondent.id`; a `single`-respondent form takes exactly one response.
pub fn evaluate_family(form: &CompiledForm, responses: &[Response]) -> Result<Family, Error> {
    if responses.is_empty() {
        return Err(Error::new(
            "family.empty",
            "",
            "a family needs at least one response",
        ));
    }
    if responses.len() > MAX_RESPONDENTS {
        return Err(Error::new(
            "family.too_many",
            "",
            format!(
                "{} responses; the limit is {MAX_RESPONDENTS}",
                responses.len()
            ),
        ));
    }
    if form.def.respondent == RespondentMode::Single && responses.len() > 1 {
        return Err(Error::new(
            "family.single_respondent",
            "",
            format!(
                "form `{}` is answered by one respondent; got {} responses",
                form.def.id,
                responses.len()
            ),
        ));
    }
    let mut seen = HashSet::new();
    for (i, r) in responses.iter().enumerate() {
        let Some(id) = r.respondent.id.as_ref().filter(|id| !id.is_empty()) else {
            return Err(Error::new(
                "family.respondent_id",
                format!("/{i}/respondent/id"),
                "each response in a family needs a non-empty respondent id (e.g. parent-1)",
            ));
        };
        if !seen.insert(id.as_str()) {
            return Err(Error::new(
                "family.duplicate_respondent",
                format!("/{i}/respondent/id"),
                format!(
                    "respondent `{}` occurs more than once",
                    crate::input::quote(id)
                ),
            ));
        }
    }
    let rule_order = form
        .rules
        .iter()
        .filter_map(|(i, _)| form.def.rules.get(*i).map(|r| r.id.clone()))
        .collect();
    Ok(Family {
        outcomes: responses.iter().map(|r| evaluate(form, r)).collect(),
        rule_order,
    })
}

impl Family {
    /// One respondent's own view: their outcome alone, or `None` for an unknown id.
    pub fn view_for(&self, respondent: &str) -> Option<&Outcome> {
        self.outcomes
            .iter()
            .find(|o| o.respondent.as_deref() == Some(respondent))
    }

    /// The respondents' ids, in response order.
    pub fn respondents(&self) -> impl Iterator<Item = &str> {
        self.outcomes.iter().filter_map(|o| o.respondent.as_deref())
    }

    /// The clinician's summary.
    pub fn summary(&self) -> FamilySummary {
        // An offer's place is the firing position of the first rule that led to it, in any
        // respondent; ties keep response order.
        let rank = |rules: &mut dyn Iterator<Item = &str>| {
            rules
                .filter_map(|r| self.rule_order.iter().position(|x| x == r))
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut offers: Vec<(usize, FamilyOffer)> = Vec::new();
        let mut actions: Vec<(usize, FamilyAction)> = Vec::new();
        for o in &self.outcomes {
            let who = o.respondent.clone().unwrap_or_default();
            for offer in &o.offers {
                let r = rank(&mut offer.because.iter().map(|b| b.rule.as_str()));
                let shared = offers
                    .iter_mut()
                    .find(|(_, f)| !offer.private && !f.private && f.offer == offer.offer);
                match shared {
                    Some((rk, f)) => {
                        *rk = (*rk).min(r);
                        f.respondents.push(who.clone());
                    }
                    None => offers.push((
                        r,
                        FamilyOffer {
                            offer: offer.offer.clone(),
                            private: offer.private,
                            respondents: vec![who.clone()],
                        },
                    )),
                }
            }
            for action in &o.actions {
                let r = rank(&mut action.because.iter().map(|b| b.rule.as_str()));
                match actions.iter_mut().find(|(_, f)| f.action == action.action) {
                    Some((rk, f)) => {
                        *rk = (*rk).min(r);
                        f.respondents.push(who.clone());
                    }
                    None => actions.push((
                        r,
                        FamilyAction {
                            action: action.action,
                            respondents: vec![who.clone()],
                        },
                    )),
                }
            }
        }
        offers.sort_by_key(|(r, _)| *r);
        actions.sort_by_key(|(r, _)| *r);
        let completeness = self
            .outcomes
            .iter()
            .map(|o| o.completeness)
            .max_by_key(|c| match c {
                Completeness::Complete => 0,
                Completeness::Incomplete => 1,
                Completeness::Invalid => 2,
            })
            .unwrap_or(Completeness::Complete);
        let form = self
            .outcomes
            .first()
            .map(|o| o.form.clone())
            .unwrap_or(FormRef {
                id: String::new(),
                version: String::new(),
                hash: String::new(),
            });
        FamilySummary {
            form,
            engine: ENGINE,
            respondents: self.outcomes.clone(),
            offers: offers.into_iter().map(|(_, f)| f).collect(),
            actions: actions.into_iter().map(|(_, a)| a).collect(),
            completeness,
        }
    }
}
