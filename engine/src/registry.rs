//! Compiled forms by id and version, and the rules for which version serves which use.
//!
//! - New responses: `active` and `pilot` forms; `draft` only with an explicit opt-in;
//!   `retired` never (a clear error says so).
//! - Re-scoring a stored response: the exact version it was collected under, whatever its
//!   status now, so a result can always be reproduced.
//!   [`Registry::for_scoring`] is the one rule every shell uses to pick that version.
//! - A child's check-up: the `active` form whose age window holds the child's age (the
//!   highest version when several are active).

use crate::error::Error;
use crate::form::CompiledForm;
use crate::input::quote;
use crate::model::Status;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most form versions one registry holds.
pub const MAX_FORMS: usize = 10_000;

/// The form a caller asks for when scoring a stored response (see
/// [`Registry::for_scoring`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested<'a> {
    /// The caller names the form: the response is scored under it.
    Form {
        /// Form id.
        id: &'a str,
        /// Exact version; `None`: the response's version, else the highest active one.
        version: Option<&'a str>,
    },
    /// A default for responses that do not name their own form and version.
    Default {
        /// Form id.
        id: &'a str,
        /// Version used for responses of this id that name no version.
        version: Option<&'a str>,
    },
    /// Nothing requested: the response names its form and version.
    Nothing,
}

/// Compiled forms by id and version.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    forms: BTreeMap<(String, String), Arc<CompiledForm>>,
    allow_drafts: bool,
}

/// A form's registry entry, for listings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Form id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Status.
    pub status: Status,
    /// Content hash.
    pub hash: String,
    /// Check-up window, when the form has one: `[minAgeDays, maxAgeDays]`.
    pub checkup: Option<[u32; 2]>,
}

fn semver(v: &str) -> Option<semver::Version> {
    semver::Version::parse(v).ok()
}

impl Registry {
    /// An empty registry that refuses drafts for new responses.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Allow (or refuse) `draft` forms for new responses — for authors previewing a form.
    pub fn allow_drafts(&mut self, allow: bool) {
        self.allow_drafts = allow;
    }

    /// Add a form. The same id and version twice is an error unless the content is the
    /// same (versions are immutable).
    pub fn insert(&mut self, form: CompiledForm) -> Result<Arc<CompiledForm>, Error> {
        let key = (form.id().to_string(), form.version().to_string());
        if let Some(existing) = self.forms.get(&key) {
            if existing.hash() == form.hash() {
                return Ok(existing.clone());
            }
            return Err(Error::new(
                "registry.conflict",
                "",
                format!(
                    "{}@{} is already loaded with different content ({}); a version is \
                     immutable — give the changed form a new version",
                    key.0,
                    key.1,
                    existing.hash()
                ),
            ));
        }
        if self.forms.len() >= MAX_FORMS {
            return Err(Error::new(
                "registry.full",
                "",
                format!("the registry holds {MAX_FORMS} forms, its limit"),
            ));
        }
        let form = Arc::new(form);
        self.forms.insert(key, form.clone());
        Ok(form)
    }

    /// Every form, sorted by id, then version (semantic order).
    pub fn list(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self
            .forms
            .values()
            .map(|f| Entry {
                id: f.id().to_string(),
                version: f.version().to_string(),
                status: f.status(),
                hash: f.hash().to_string(),
                checkup: f.def().checkup.map(|c| [c.min_age_days, c.max_age_days]),
            })
            .collect();
        entries.sort_by(|a, b| {
            a.id.cmp(&b.id)
                .then_with(|| semver(&a.version).cmp(&semver(&b.version)))
        });
        entries
    }

    /// The exact version, whatever its status (for re-scoring stored responses).
    pub fn get(&self, id: &str, version: &str) -> Option<Arc<CompiledForm>> {
        self.forms
            .get(&(id.to_string(), version.to_string()))
            .cloned()
    }

    /// The one re-scoring rule: which loaded form scores a stored response that names
    /// `response_form` and `response_version` (its own `form` and `version` fields).
    ///
    /// - [`Requested::Form`] (the caller names the form, e.g. `evaluate(ref, response)`): that
    ///   id; its version is the requested one, else the response's. A response naming
    ///   another form or version is then scored as `invalid`, with the mismatch located.
    /// - [`Requested::Default`] (a default for records that may name their own form, e.g.
    ///   a batch): the response's own `form` and `version` win; a response naming only a
    ///   version takes the default's id; the default's version is used only for its own id.
    /// - [`Requested::Nothing`]: the response's own `form` and `version`.
    ///
    /// Then a version names that exact form, whatever its status now, so a stored result can
    /// be reproduced (`registry.unknown_form` when it is not loaded). No version: the
    /// requested id's highest `active` version; a response naming another form without a
    /// version is `registry.unknown_form` (name the version it was collected under); no id
    /// at all is `registry.no_form`.
    pub fn for_scoring(
        &self,
        requested: Requested<'_>,
        response_form: Option<&str>,
        response_version: Option<&str>,
    ) -> Result<Arc<CompiledForm>, Error> {
        let (id, version, from_request) = match requested {
            Requested::Form { id, version } => (Some(id), version.or(response_version), true),
            Requested::Default { id: d, version: dv } => {
                let id = response_form.unwrap_or(d);
                let own = id == d;
                (Some(id), response_version.or(dv.filter(|_| own)), own)
            }
            Requested::Nothing => (response_form, response_version, false),
        };
        let Some(id) = id else {
            return Err(Error::new(
                "registry.no_form",
                "",
                "the response names no form, and no form was requested",
            ));
        };
        match version {
            Some(v) => self.get(id, v).ok_or_else(|| {
                Error::new(
                    "registry.unknown_form",
                    "",
                    format!("no form {}@{} is loaded", quote(id), quote(v)),
                )
            }),
            None if from_request => self.for_new(id, None),
            None => Err(Error::new(
                "registry.unknown_form",
                "",
                format!(
                    "the response names form `{}` without a version; name the version it \
                     was collected under",
                    quote(id)
                ),
            )),
        }
    }

    /// The version to use for a new response: `version` when given, else the highest
    /// `active` one. Refuses `retired` forms, and `draft` forms unless drafts are allowed.
    pub fn for_new(&self, id: &str, version: Option<&str>) -> Result<Arc<CompiledForm>, Error> {
        let form = match version {
            Some(v) => self.get(id, v).ok_or_else(|| {
                Error::new(
                    "registry.unknown_form",
                    "",
                    format!("no form {}@{} is loaded", quote(id), quote(v)),
                )
            })?,
            None => self
                .versions(id)
                .rfind(|f| f.status() == Status::Active)
                .ok_or_else(|| {
                    Error::new(
                        "registry.unknown_form",
                        "",
                        format!("no active version of form `{}` is loaded", quote(id)),
                    )
                })?,
        };
        self.usable_for_new(form)
    }

    fn usable_for_new(&self, form: Arc<CompiledForm>) -> Result<Arc<CompiledForm>, Error> {
        match form.status() {
            Status::Retired => Err(Error::new(
                "registry.retired",
                "",
                format!(
                    "{}@{} is retired: it re-scores stored responses but takes no new ones",
                    form.id(),
                    form.version()
                ),
            )),
            Status::Draft if !self.allow_drafts => Err(Error::new(
                "registry.draft",
                "",
                format!(
                    "{}@{} is a draft; drafts are used only when explicitly allowed",
                    form.id(),
                    form.version()
                ),
            )),
            _ => Ok(form),
        }
    }

    /// A form's versions in semantic order.
    fn versions<'a>(
        &'a self,
        id: &'a str,
    ) -> impl DoubleEndedIterator<Item = Arc<CompiledForm>> + 'a {
        let mut list: Vec<Arc<CompiledForm>> = self
            .forms
            .iter()
            .filter(|((fid, _), _)| fid == id)
            .map(|(_, f)| f.clone())
            .collect();
        list.sort_by_key(|f| semver(f.version()));
        list.into_iter()
    }

    /// The active check-up form for a child of `age_days` (the highest active version; an
    /// error when no form or more than one form id covers that age).
    pub fn for_checkup(&self, age_days: u32) -> Result<Arc<CompiledForm>, Error> {
        let mut best: BTreeMap<&str, Arc<CompiledForm>> = BTreeMap::new();
        for f in self.forms.values() {
            let fits = f.status() == Status::Active
                && f.def()
                    .checkup
                    .is_some_and(|c| c.min_age_days <= age_days && age_days <= c.max_age_days);
            if !fits {
                continue;
            }
            let replace = best
                .get(f.id())
                .is_none_or(|b| semver(b.version()) < semver(f.version()));
            if replace {
                best.insert(f.id(), f.clone());
            }
        }
        let mut found = best.into_values();
        match (found.next(), found.next()) {
            (Some(f), None) => Ok(f),
            (None, _) => Err(Error::new(
                "registry.no_checkup_form",
                "",
                format!("no active check-up form covers a child aged {age_days} days"),
            )),
            (Some(a), Some(b)) => Err(Error::new(
                "registry.ambiguous",
                "",
                format!(
                    "more than one check-up form covers a child aged {age_days} days ({} and {}); \
                     their windows overlap",
                    a.id(),
                    b.id()
                ),
            )),
        }
    }
}
