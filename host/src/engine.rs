//! The `Engine` and `Session` behind the JS classes, as plain Rust: JSON text in, JSON text
//! (or a located [`Error`] / [`Errors`]) out. Free of wasm-bindgen types so that the
//! native conformance runner calls exactly these functions; `lib.rs` only converts at the
//! boundary (JS objects are `JSON.stringify`'d on the way in and `JSON.parse`'d on the
//! way out). No scoring happens here: every call delegates to `trygg`.

use crate::api::parse_limited;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;
use trygg::input::quote;
use trygg::model::{RespondentMode, Status};
use trygg::registry::Requested;
use trygg::text::resolve;
use trygg::{CompiledForm, Error, Errors, Registry, Response, TextPack};

/// Largest JSON text of a family's responses (every respondent's response at its limit).
pub const MAX_FAMILY_BYTES: usize = trygg::input::FAMILY.limit;
/// Largest JSON text of a form reference, a session's `init`, or an answer value.
pub const MAX_SMALL_BYTES: usize = 64 * 1024;

/// A form as listed by [`EngineCore::forms`] (`FormInfo` in the `.d.ts`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormInfo {
    pub id: String,
    pub version: String,
    pub status: Status,
    pub hash: String,
    /// `[minAgeDays, maxAgeDays]`, or `null`.
    pub checkup: Option<[u32; 2]>,
    pub locales: Vec<String>,
    pub unverified_locales: Vec<String>,
    /// The title in every locale of the form (a text-pack title resolved through the
    /// loaded packs, else `[key]`).
    pub title: BTreeMap<String, String>,
    pub respondent: RespondentMode,
}

/// A form reference: `"id"`, `"id@version"`, or `{"id": …, "version": …}` (as JSON text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormRefArg {
    pub id: String,
    #[serde(default)]
    pub version: Option<String>,
}

impl FormRefArg {
    /// Parse `"id@version"` / `"id"`.
    pub fn from_str_ref(s: &str) -> FormRefArg {
        match s.split_once('@') {
            Some((id, v)) => FormRefArg {
                id: id.to_string(),
                version: Some(v.to_string()),
            },
            None => FormRefArg {
                id: s.to_string(),
                version: None,
            },
        }
    }

    /// From the JSON text of an object `{ id, version? }`.
    pub fn from_json(text: &str) -> Result<FormRefArg, Error> {
        let v = parse_limited(text, MAX_SMALL_BYTES, "form reference")?;
        FormRefArg::deserialize(&v).map_err(|e| {
            Error::new(
                "registry.bad_reference",
                "",
                trygg::input::excerpt(&format!(
                    "a form reference is \"id\", \"id@version\" or {{ id, version? }}: {e}"
                )),
            )
        })
    }
}

/// `respondent` and `context` of a new session (`SessionInit` in the `.d.ts`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInit {
    #[serde(default)]
    pub respondent: trygg::model::Respondent,
    #[serde(default)]
    pub context: Map<String, Value>,
}

/// Compiled forms and loaded text packs.
#[derive(Debug, Clone, Default)]
pub struct EngineCore {
    registry: Registry,
    /// Text packs by (form id, version): a pack is kept for every loaded version it fits.
    packs: BTreeMap<(String, String), Vec<TextPack>>,
    /// Packs loaded before their form: checked again when a version of the form arrives.
    pending: Vec<String>,
}

fn status_and_hash(form: &CompiledForm) -> (Status, String) {
    (form.status(), form.hash().to_string())
}

impl EngineCore {
    /// An empty engine (drafts refused for new responses).
    pub fn new() -> Self {
        EngineCore::default()
    }

    /// Compile a form from JSON text (no JSON Schema check in the WASM module: the
    /// compiler's semantic checks run) and add it.
    #[cfg(feature = "compiler")]
    pub fn load_form(&mut self, text: &str) -> Result<FormInfo, Errors> {
        let form = trygg::load(text)?;
        self.add(form)
    }

    /// Without the compiler (the runtime WASM module) a definition cannot be loaded:
    /// `precompiled.required` (load it with [`EngineCore::load_precompiled`]).
    #[cfg(not(feature = "compiler"))]
    pub fn load_form(&mut self, _text: &str) -> Result<FormInfo, Errors> {
        Err(needs_compiler("a form definition is compiled when loaded").into())
    }

    /// Add a form compiled ahead of time ([`trygg::CompiledForm::from_precompiled`]: the
    /// text [`EngineCore::precompiled`] or `CompiledForm::to_precompiled` wrote). Works with
    /// and without the compiler, and evaluates to the same bytes as the form compiled here.
    pub fn load_precompiled(&mut self, text: &str) -> Result<FormInfo, Errors> {
        let form = CompiledForm::from_precompiled(text)?;
        self.add(form)
    }

    /// A loaded form version as precompiled text (`trygg-compiled/1`), for a runtime build
    /// to load with [`EngineCore::load_precompiled`]. `version` must be given. With the
    /// compiler only: the runtime module leaves the artifact's writer out (it is size).
    #[cfg(feature = "compiler")]
    pub fn precompiled(&self, r: &FormRefArg) -> Result<String, Error> {
        let Some(version) = r.version.as_deref() else {
            return Err(Error::new(
                "registry.bad_reference",
                "",
                "name the version to precompile: \"id@version\"",
            ));
        };
        self.registry
            .get(&r.id, version)
            .map(|f| f.to_precompiled())
            .ok_or_else(|| {
                Error::new(
                    "registry.unknown_form",
                    "",
                    format!("form `{}@{}` is not loaded", quote(&r.id), quote(version)),
                )
            })
    }

    /// Without the compiler: `precompiled.required` (precompile with the authoring build).
    #[cfg(not(feature = "compiler"))]
    pub fn precompiled(&self, _r: &FormRefArg) -> Result<String, Error> {
        Err(needs_compiler(
            "writing a precompiled form is part of authoring",
        ))
    }

    fn add(&mut self, form: CompiledForm) -> Result<FormInfo, Errors> {
        let form = self.registry.insert(form)?;
        // Packs that arrived before this form.
        let pending = std::mem::take(&mut self.pending);
        for pack in pending {
            if self.load_text_pack(&pack).is_err() {
                self.pending.push(pack);
            }
        }
        Ok(self.info(&form))
    }

    /// Load a text pack and check it against every loaded version of its form that declares
    /// a text pack; kept for the versions it fits. An error when it fits none (the errors
    /// against the highest version), or when no version of its form is loaded.
    pub fn load_text_pack(&mut self, text: &str) -> Result<(), Errors> {
        let value = parse_limited(text, trygg::text::MAX_PACK_BYTES, "text pack")
            .map_err(|e| Error::new("pack.invalid", e.path, e.message))?;
        let form_id = value
            .get("form")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::new("pack.invalid", "/form", "a text pack names its form"))?
            .to_string();
        let versions: Vec<Arc<CompiledForm>> = self
            .registry
            .list()
            .into_iter()
            .filter(|e| e.id == form_id)
            .filter_map(|e| self.registry.get(&e.id, &e.version))
            .collect();
        if versions.is_empty() {
            return Err(Error::new(
                "pack.unknown_form",
                "/form",
                format!(
                    "no version of form `{form_id}` is loaded: load the form first",
                    form_id = quote(&form_id)
                ),
            )
            .into());
        }
        let mut last_err = None;
        let mut fitted = false;
        for form in versions {
            match TextPack::load(text, &form) {
                Ok(pack) => {
                    let list = self
                        .packs
                        .entry((form.id().to_string(), form.version().to_string()))
                        .or_default();
                    list.retain(|p| p.locale != pack.locale);
                    list.push(pack);
                    fitted = true;
                }
                Err(e) => last_err = Some(e),
            }
        }
        match (fitted, last_err) {
            (true, _) => Ok(()),
            (false, Some(e)) => Err(e),
            (false, None) => Err(Error::new("pack.invalid", "", "the pack fits no form").into()),
        }
    }

    /// Allow (or refuse) `draft` forms for new responses and sessions.
    pub fn allow_drafts(&mut self, allow: bool) {
        self.registry.allow_drafts(allow);
    }

    /// The loaded forms (for the calls of other modules of this crate, e.g. `fhir`).
    #[cfg_attr(not(feature = "fhir"), allow(dead_code))]
    pub(crate) fn registry(&self) -> &Registry {
        &self.registry
    }

    pub(crate) fn packs_for(&self, form: &CompiledForm) -> &[TextPack] {
        self.packs
            .get(&(form.id().to_string(), form.version().to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// A form's listing entry.
    pub fn info(&self, form: &CompiledForm) -> FormInfo {
        let def = form.def();
        let packs: Vec<&TextPack> = self.packs_for(form).iter().collect();
        let default = def.locales.first().map_or("", String::as_str);
        let (status, hash) = status_and_hash(form);
        FormInfo {
            id: def.id.clone(),
            version: def.version.clone(),
            status,
            hash,
            checkup: def.checkup.map(|c| [c.min_age_days, c.max_age_days]),
            locales: def.locales.clone(),
            unverified_locales: def.unverified_locales.clone(),
            title: def
                .locales
                .iter()
                .map(|l| (l.clone(), resolve(&def.title, l, default, &packs).text))
                .collect(),
            respondent: def.respondent,
        }
    }

    /// Every form, by id then version.
    pub fn forms(&self) -> Vec<FormInfo> {
        self.registry
            .list()
            .into_iter()
            .filter_map(|e| self.registry.get(&e.id, &e.version))
            .map(|f| self.info(&f))
            .collect()
    }

    /// The active check-up form for a child of `age_days`.
    pub fn form_for_checkup(&self, age_days: f64) -> Result<FormInfo, Error> {
        if !(age_days.is_finite() && age_days >= 0.0 && age_days.fract() == 0.0)
            || age_days > f64::from(u32::MAX)
        {
            return Err(Error::new(
                "registry.bad_age",
                "",
                format!(
                    "a child's age is a whole number of days ≥ 0, not {}",
                    trygg::canonical::number_to_string(age_days)
                ),
            ));
        }
        let form = self.registry.for_checkup(age_days as u32)?;
        Ok(self.info(&form))
    }

    /// The form a reference names, for scoring a response that names `response_form` /
    /// `response_version`: the engine's one re-scoring rule, [`Registry::for_scoring`].
    pub fn resolve_for_scoring(
        &self,
        r: &FormRefArg,
        response_form: Option<&str>,
        response_version: Option<&str>,
    ) -> Result<Arc<CompiledForm>, Error> {
        self.registry.for_scoring(
            Requested::Form {
                id: &r.id,
                version: r.version.as_deref(),
            },
            response_form,
            response_version,
        )
    }

    /// The form for a new response (a session): drafts only when allowed, never retired.
    pub fn resolve_for_new(&self, r: &FormRefArg) -> Result<Arc<CompiledForm>, Error> {
        self.registry.for_new(&r.id, r.version.as_deref())
    }

    /// Evaluate one response (JSON text); the outcome as canonical JSON text.
    pub fn evaluate(&self, r: &FormRefArg, response: &str) -> Result<String, Error> {
        let response = trygg::parse_response(response)?;
        let form =
            self.resolve_for_scoring(r, response.form.as_deref(), response.version.as_deref())?;
        Ok(trygg::evaluate(&form, &response).to_json())
    }

    /// Evaluate one response (JSON text) and explain its outcome in `locale`
    /// ([`trygg::explain`]); with `text_packs` false the loaded text packs are not used
    /// (licensed wording is then named by its key).
    pub fn explain(
        &self,
        r: &FormRefArg,
        response: &str,
        locale: &str,
        text_packs: bool,
    ) -> Result<trygg::Explanation, Error> {
        let response = trygg::parse_response(response)?;
        let form =
            self.resolve_for_scoring(r, response.form.as_deref(), response.version.as_deref())?;
        let packs: Vec<&TextPack> = if text_packs {
            self.packs_for(&form).iter().collect()
        } else {
            Vec::new()
        };
        Ok(trygg::explain_response(&form, &response, locale, &packs))
    }

    /// Run a loaded form version's own `examples` ([`trygg::examples`], as `trygg test`
    /// does), any status: canonical JSON of `[{index, name, passed, failures, response}]`,
    /// `response` being the response the example describes (to explain its outcome).
    pub fn run_examples(&self, r: &FormRefArg) -> Result<String, Error> {
        let compiled = self.resolve_for_scoring(r, None, None)?;
        let runs: Vec<Value> = trygg::examples::run_examples(&compiled)
            .into_iter()
            .zip(compiled.def().examples.iter())
            .map(|(run, example)| {
                serde_json::json!({
                    "index": run.index,
                    "name": run.name,
                    "passed": run.passed(),
                    "failures": run.failures,
                    "response": trygg::examples::response_of(example),
                })
            })
            .collect();
        Ok(trygg::to_canonical_string(&Value::Array(runs)))
    }

    /// One response scored under two versions (`from`, `to`): its answers carried over to
    /// each by item id ([`trygg::compare::carry_answers`]), each side evaluated, and how the
    /// outcome changes ([`trygg::compare::compare_outcomes`]), as canonical JSON text of
    /// `{ from, to, dropped, droppedFrom, change }`. A reference without a version is the
    /// highest active version (the response's own `version` is not used: it names one side
    /// at most).
    pub fn compare_versions(
        &self,
        from: &FormRefArg,
        to: &FormRefArg,
        response: &str,
    ) -> Result<String, Error> {
        let response = trygg::parse_response(response)?;
        let form_a = self.resolve_for_scoring(from, None, None)?;
        let form_b = self.resolve_for_scoring(to, None, None)?;
        Ok(trygg::compare::compare_response(&response, &form_a, &form_b).to_json())
    }

    fn family(&self, r: &FormRefArg, responses: &str) -> Result<trygg::Family, Error> {
        let value = trygg::input::parse_value(responses, &trygg::input::FAMILY)?;
        let Value::Array(list) = value else {
            return Err(Error::new(
                "response.invalid",
                "",
                "a family's responses are an array of responses",
            ));
        };
        let mut parsed: Vec<Response> = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let resp = trygg::parse::response_from_value(v)
                .map_err(|e| Error::new(e.code, format!("/{i}{}", e.path), e.message))?;
            parsed.push(resp);
        }
        let named = parsed.iter().find(|p| p.version.is_some());
        let form = self.resolve_for_scoring(
            r,
            named.and_then(|p| p.form.as_deref()),
            named.and_then(|p| p.version.as_deref()),
        )?;
        trygg::evaluate_family(&form, &parsed)
    }

    /// One family against a programme (definition and input as JSON text): the evaluation
    /// as canonical JSON text, the check-up series from the loaded forms.
    #[cfg(feature = "compiler")]
    pub fn evaluate_programme(&self, programme: &str, input: &str) -> Result<String, Errors> {
        let programme = trygg::programme::load_programme(programme)?;
        trygg::programme::plan::evaluate_programme_json(&programme, input, &self.registry)
    }

    /// Without the compiler a programme definition cannot be compiled:
    /// `precompiled.required`.
    #[cfg(not(feature = "compiler"))]
    pub fn evaluate_programme(&self, _programme: &str, _input: &str) -> Result<String, Errors> {
        Err(needs_compiler("a programme definition is compiled when evaluated").into())
    }

    /// The clinician's family summary (canonical JSON text) of a JSON array of responses.
    pub fn evaluate_family(&self, r: &FormRefArg, responses: &str) -> Result<String, Error> {
        Ok(self.family(r, responses)?.summary().to_json())
    }

    /// One respondent's own outcome (canonical JSON text), from that response alone.
    pub fn view_for(
        &self,
        r: &FormRefArg,
        responses: &str,
        respondent: &str,
    ) -> Result<String, Error> {
        let family = self.family(r, responses)?;
        family
            .view_for(respondent)
            .map(|o| o.to_json())
            .ok_or_else(|| {
                Error::new(
                    "family.unknown_respondent",
                    "",
                    format!(
                        "no response has respondent id `{respondent}`",
                        respondent = quote(respondent)
                    ),
                )
            })
    }

    /// Start a session; `init` is the JSON text of `{ respondent?, context? }`.
    pub fn session(&self, r: &FormRefArg, init: &str) -> Result<SessionCore, Error> {
        let value = parse_limited(init, MAX_SMALL_BYTES, "session init")?;
        no_duplicate_keys(init)?;
        let init = SessionInit::deserialize(&value).map_err(|e| {
            Error::new(
                "session.invalid_init",
                "",
                trygg::input::excerpt(&e.to_string()),
            )
        })?;
        let form = self.resolve_for_new(r)?;
        let packs = self.packs_for(&form).to_vec();
        Ok(SessionCore {
            session: trygg::Session::new(form, init.respondent, init.context),
            packs,
        })
    }
}

/// `precompiled.required`: this build has no compiler (the runtime WASM module); `what`
/// says which call needs it.
#[cfg(not(feature = "compiler"))]
pub(crate) fn needs_compiler(what: &str) -> Error {
    Error::new(
        "precompiled.required",
        "",
        format!(
            "{what}, and this build has no compiler: load forms compiled ahead of time \
             (loadPrecompiled), or use the authoring build"
        ),
    )
}

/// A session's init and answers are parts of a response: a key twice in one object is
/// `response.duplicate_key` at its pointer, as in a whole response (size and syntax were
/// checked by `parse_limited` first).
fn no_duplicate_keys(text: &str) -> Result<(), Error> {
    let policy = trygg::input::Policy {
        limit: MAX_SMALL_BYTES,
        ..trygg::input::RESPONSE
    };
    trygg::input::check_text(text, &policy)
}

/// Canonical JSON text of any serialisable engine value, written straight from it
/// (`null` if it has none, as `serde_json::to_value` failing gave before).
pub fn canonical<T: Serialize + ?Sized>(v: &T) -> String {
    trygg::to_canonical_string_of(v).unwrap_or_else(|_| String::from("null"))
}

/// One respondent's live form, with the text packs of its form version.
#[derive(Debug, Clone)]
pub struct SessionCore {
    session: trygg::Session,
    packs: Vec<TextPack>,
}

impl SessionCore {
    /// Set (or with `null` clear) an answer; `value` is JSON text. The changes as
    /// canonical JSON text. An unknown item is an error; an invalid answer is in
    /// `problem`.
    pub fn set(&mut self, item: &str, value: &str) -> Result<String, Error> {
        let parsed = parse_limited(value, MAX_SMALL_BYTES, "answer")?;
        no_duplicate_keys(value)?;
        let changes = self.session.set(item, parsed)?;
        Ok(canonical(&changes))
    }

    /// Decline an item: `set(item, {"declined": true})`.
    pub fn decline(&mut self, item: &str) -> Result<String, Error> {
        let mut m = Map::new();
        m.insert("declined".to_string(), Value::Bool(true));
        let changes = self.session.set(item, Value::Object(m))?;
        Ok(canonical(&changes))
    }

    /// The form rendered in `locale`, as canonical JSON text.
    pub fn items(&self, locale: &str) -> String {
        let packs: Vec<&TextPack> = self.packs.iter().collect();
        canonical(&self.session.render(locale, &packs))
    }

    /// Progress, as canonical JSON text.
    pub fn progress(&self) -> String {
        canonical(&self.session.progress())
    }

    /// The outcome so far (a full evaluation), as canonical JSON text.
    pub fn outcome(&self) -> String {
        self.session.outcome().to_json()
    }

    /// The response so far, as canonical JSON text.
    pub fn response(&self) -> String {
        canonical(self.session.response())
    }
}

#[cfg(test)]
#[cfg(feature = "compiler")]
mod tests {
    use super::*;

    const MINI: &str = include_str!("../../engine/tests/fixtures/mini.json");

    fn engine() -> EngineCore {
        let mut e = EngineCore::new();
        e.load_form(MINI).unwrap();
        e
    }

    #[test]
    fn precompiled_forms_load_and_score_the_same() {
        let e = engine();
        let id = e.forms()[0].id.clone();
        let version = e.forms()[0].version.clone();
        let r = FormRefArg::from_str_ref(&format!("{id}@{version}"));
        let text = e.precompiled(&r).unwrap();
        let mut runtime = EngineCore::new();
        let info = runtime.load_precompiled(&text).unwrap();
        assert_eq!(info, e.forms()[0]);
        let resp = r#"{"answers":{"mood1":"2","mood2":"1","harm":false}}"#;
        assert_eq!(runtime.evaluate(&r, resp), e.evaluate(&r, resp));
        assert_eq!(
            e.precompiled(&FormRefArg::from_str_ref(&id))
                .unwrap_err()
                .code,
            "registry.bad_reference"
        );
        assert_eq!(
            runtime.load_precompiled("{}").unwrap_err().0[0].code,
            "precompiled.format"
        );
    }

    #[test]
    fn references_parse() {
        assert_eq!(
            FormRefArg::from_str_ref("a.b@1.0.0").version.as_deref(),
            Some("1.0.0")
        );
        assert_eq!(FormRefArg::from_str_ref("a.b").version, None);
        assert_eq!(
            FormRefArg::from_json(r#"{"id":"x","nope":1}"#)
                .unwrap_err()
                .code,
            "registry.bad_reference"
        );
    }

    #[test]
    fn evaluate_and_errors() {
        let e = engine();
        let id = e.forms()[0].id.clone();
        let r = FormRefArg::from_str_ref(&id);
        let out = e.evaluate(&r, r#"{"answers":{}}"#).unwrap();
        assert!(out.starts_with("{\"actions\":"), "{out}");
        assert_eq!(e.evaluate(&r, "{").unwrap_err().code, "response.not_json");
        let unknown = FormRefArg::from_str_ref("nope");
        assert_eq!(
            e.evaluate(&unknown, "{}").unwrap_err().code,
            "registry.unknown_form"
        );
        assert_eq!(
            e.evaluate_family(&r, "[{}]").unwrap_err().code,
            "family.respondent_id"
        );
        assert_eq!(
            e.evaluate_family(&r, "{}").unwrap_err().code,
            "response.invalid"
        );
        assert_eq!(
            e.view_for(&r, r#"[{"respondent":{"id":"p1"}}]"#, "p2")
                .unwrap_err()
                .code,
            "family.unknown_respondent"
        );
        assert_eq!(
            e.form_for_checkup(-1.0).unwrap_err().code,
            "registry.bad_age"
        );
    }

    #[test]
    fn compare_versions_carries_and_compares() {
        let mut e = engine();
        let v2 = MINI
            .replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"")
            .replace(
                "\"cutoffs\": [ { \"profile\": \"se\", \"value\": 2 } ]",
                "\"cutoffs\": [ { \"profile\": \"se\", \"value\": 3 } ]",
            )
            .replace(
                "{ \"id\": \"low\", \"min\": 0, \"max\": 1 }, { \"id\": \"high\", \"min\": 2,",
                "{ \"id\": \"low\", \"min\": 0, \"max\": 2 }, { \"id\": \"high\", \"min\": 3,",
            );
        e.load_form(&v2).unwrap();
        let id = e.forms()[0].id.clone();
        let a = FormRefArg::from_str_ref(&format!("{id}@1.0.0"));
        let b = FormRefArg::from_str_ref(&format!("{id}@2.0.0"));
        let resp = r#"{"answers":{"mood1":"1","mood2":"1","harm":false,"gone":true}}"#;
        let out: Value = serde_json::from_str(&e.compare_versions(&a, &b, resp).unwrap()).unwrap();
        assert_eq!(out["dropped"], serde_json::json!(["gone"]));
        assert_eq!(out["droppedFrom"], serde_json::json!(["gone"]));
        assert_eq!(out["change"]["findingsRemoved"][0]["id"], "low_mood");
        let carried = r#"{"answers":{"mood1":"1","mood2":"1","harm":false}}"#;
        let direct: Value = serde_json::from_str(&e.evaluate(&b, carried).unwrap()).unwrap();
        assert_eq!(out["to"], direct);
        assert_eq!(
            e.compare_versions(&a, &b, "{").unwrap_err().code,
            "response.not_json"
        );
    }

    #[test]
    fn session_round_trip() {
        let e = engine();
        let r = FormRefArg::from_str_ref(&e.forms()[0].id);
        let mut s = e.session(&r, "{}").unwrap();
        assert_eq!(s.set("nope", "1").unwrap_err().code, "answer.unknown_item");
        assert_eq!(s.set("mood1", "{").unwrap_err().code, "json.invalid");
        let c = s.set("mood1", "\"9\"").unwrap();
        assert!(c.contains("answer.not_an_option"), "{c}");
        let direct = e.evaluate(&r, &s.response()).unwrap();
        assert_eq!(s.outcome(), direct);
        assert_eq!(
            e.session(&r, r#"{"who":1}"#).unwrap_err().code,
            "session.invalid_init"
        );
    }

    #[test]
    fn duplicate_keys_are_located_on_every_path() {
        let e = engine();
        let r = FormRefArg::from_str_ref(&e.forms()[0].id);
        let dup = r#"{"answers":{"mood1":"2","mood1":"0"}}"#;
        let err = e.evaluate(&r, dup).unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("response.duplicate_key", "/answers/mood1")
        );
        let fam = r#"[{"respondent":{"id":"a"}},{"respondent":{"id":"b","id":"c"}}]"#;
        let err = e.family(&r, fam).unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("response.duplicate_key", "/1/respondent/id")
        );
        let init = r#"{"context":{"locale":"sv","locale":"en"}}"#;
        let err = e.session(&r, init).err().unwrap();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("response.duplicate_key", "/context/locale")
        );
        let mut s = e.session(&r, "{}").unwrap();
        let err = s
            .set("mood1", r#"{"declined":true,"declined":false}"#)
            .unwrap_err();
        assert_eq!(
            (err.code, err.path.as_str()),
            ("response.duplicate_key", "/declined")
        );
    }
}
