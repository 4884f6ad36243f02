//! Form vectors (`tests/vectors/forms/*.json`): the loader, the native runner and the
//! generator of the expected outputs.
//!
//! The vectors' inputs come from the shipped forms' own examples and from the edge cases
//! written below (missing data, hidden items, declined and invalid answers, cut-off
//! boundaries, two parents, live sessions). Their expected outputs are what the native
//! engine produces: `cargo run -p trygg-conformance --bin gen-vectors` writes them, and
//! `tests/forms.rs` fails when regenerating would change a file — so a change of behaviour
//! is a visible diff in review. Node and Chromium must then produce the same bytes.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use trygg::document::DocumentKind;
use trygg_host::engine::{EngineCore, FormRefArg};

use crate::{json_files, tests_dir};

/// The repository root.
pub fn repo_dir() -> PathBuf {
    tests_dir().join("..")
}

/// `tests/vectors/forms/`.
pub fn vectors_dir() -> PathBuf {
    tests_dir().join("vectors").join("forms")
}

/// (path from the repository root, text) of some files.
pub type Files = Vec<(String, String)>;

/// The built-in form files (forms/**, not forms/schema/) as (path from the repository root,
/// text), forms and text packs apart, in byte order of their paths — the order
/// `wasm/build-forms.mjs` uses for the package's built-in forms.
pub fn builtin_files() -> Result<(Files, Files), String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if path.is_dir() {
                walk(&path, out)?;
            } else if name.is_some_and(|n| trygg::document::is_candidate(&n)) {
                out.push(path);
            }
        }
        Ok(())
    }
    let root = repo_dir();
    let mut paths = Vec::new();
    walk(&root.join("forms"), &mut paths)?;
    let mut named: Vec<(String, PathBuf)> = paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_default();
            (rel, p)
        })
        .collect();
    named.sort();
    let (mut forms, mut packs) = (Vec::new(), Vec::new());
    for (rel, path) in named {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{rel}: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{rel}: {e}"))?;
        match trygg::document::kind(&doc) {
            DocumentKind::TextPack => packs.push((rel, text)),
            DocumentKind::Form => forms.push((rel, text)),
            _ => return Err(format!("{rel}: neither a form nor a text pack")),
        }
    }
    Ok((forms, packs))
}

/// `tests/vectors/precompiled/`: the built-in forms compiled ahead of time, which the
/// engine's runtime build (no compiler) loads in `engine/tests/runtime.rs`.
pub fn precompiled_dir() -> PathBuf {
    tests_dir().join("vectors").join("precompiled")
}

/// The precompiled built-in forms as (file name `<id>@<version>.json`, text), from the
/// full build's compiler (`CompiledForm::to_precompiled`).
pub fn precompiled_files() -> Result<BTreeMap<String, String>, String> {
    let (forms, _) = builtin_files()?;
    let mut out = BTreeMap::new();
    for (path, text) in &forms {
        let form = trygg::load(text).map_err(|e| format!("{path}: {e}"))?;
        let name = format!("{}@{}.json", form.id(), form.version());
        out.insert(name, format!("{}\n", form.to_precompiled()));
    }
    Ok(out)
}

/// An engine with the built-in forms, as `Engine.withBuiltinForms()` builds it.
pub fn builtin_engine() -> Result<EngineCore, String> {
    let (forms, packs) = builtin_files()?;
    let mut engine = EngineCore::new();
    for (path, text) in &forms {
        engine.load_form(text).map_err(|e| format!("{path}: {e}"))?;
    }
    for (path, text) in &packs {
        engine
            .load_text_pack(text)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(engine)
}

/// One result line: `<id>\t<text>` or `<id>\t!<code>\t<path>`.
pub fn line(id: &str, r: &Result<String, trygg::Error>) -> String {
    match r {
        Ok(t) => format!("{id}\t{t}\n"),
        Err(e) => format!("{id}\t!{}\t{}\n", e.code, e.path),
    }
}

fn expected(r: &Result<String, trygg::Error>) -> (&'static str, Value) {
    match r {
        Ok(t) => ("expect", Value::String(t.clone())),
        Err(e) => ("error", json!({ "code": e.code, "path": e.path })),
    }
}

/// What a case is, with its inputs (the expectation fields removed).
fn kind(case: &Value) -> &'static str {
    if case.get("explain").is_some() {
        "explain"
    } else if case.get("responses").is_some() {
        "family"
    } else if case.get("steps").is_some() {
        "session"
    } else {
        "evaluate"
    }
}

/// Run one programme case (`programme`: a key of the file's `programmes`, `input`: the
/// family) natively: its result line and the case with its expectation filled in.
pub fn run_programme_case(
    engine: &EngineCore,
    file: &str,
    case: &Value,
    programmes: &Value,
) -> Result<(String, Value), String> {
    let name = case
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{file}: a case without a name"))?;
    let id = format!("{file}/{name}");
    let key = case
        .get("programme")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{id}: no \"programme\""))?;
    let def = programmes
        .get(key)
        .ok_or_else(|| format!("{id}: programme {key} is not in the file's \"programmes\""))?;
    let input = case.get("input").cloned().unwrap_or(Value::Null);
    let r = engine
        .evaluate_programme(&def.to_string(), &input.to_string())
        .map_err(|e| {
            e.0.into_iter()
                .next()
                .unwrap_or_else(|| trygg::Error::new("internal", "", ""))
        });
    let mut out = case.clone();
    let obj = out
        .as_object_mut()
        .ok_or_else(|| format!("{id}: not an object"))?;
    obj.remove("expect");
    obj.remove("error");
    let (k, v) = expected(&r);
    obj.insert(k.into(), v);
    Ok((line(&id, &r), out))
}

/// The shipped programme definitions (`programmes/**`, not the schema) as (path from the
/// repository root, value), in byte order of their paths.
pub fn programme_files() -> Result<Vec<(String, Value)>, String> {
    let root = repo_dir();
    let mut out = Vec::new();
    let dir = root.join("programmes");
    let mut ids: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && !p.ends_with("schema"))
        .collect();
    ids.sort();
    for d in ids {
        for f in crate::json_files(&d)? {
            let rel = f
                .strip_prefix(&root)
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{rel}: {e}"))?;
            let v: Value = serde_json::from_str(&text).map_err(|e| format!("{rel}: {e}"))?;
            out.push((rel, v));
        }
    }
    Ok(out)
}

fn programme_inputs(docs: &mut BTreeMap<String, Value>) -> Result<(), String> {
    for (path, def) in programme_files()? {
        let id = def.get("id").and_then(Value::as_str).unwrap_or_default();
        let version = def
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let key = format!("{id}@{version}");
        let area = def
            .pointer("/areas/list")
            .and_then(Value::as_array)
            .and_then(|l| {
                l.iter()
                    .find(|a| a.get("designated") == Some(&Value::Bool(true)))
            })
            .and_then(|a| a.get("code"))
            .cloned()
            .unwrap_or(Value::Null);
        let mut cases = Vec::new();
        for ex in def
            .get("examples")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases.push(json!({
                "name": ex.get("name").and_then(Value::as_str).unwrap_or_default(),
                "programme": key,
                "input": ex.get("input").cloned().unwrap_or(Value::Null),
            }));
        }
        // The plan merged with the built-in check-up series, by dates and by ages.
        cases.push(json!({
            "name": "plan with the check-up series, by dates",
            "programme": key,
            "input": {"referenceDate": "2026-05-20", "family": {"firstChild": true, "area": area},
                      "child": {"birthDate": "2026-02-10", "ageDaysAtFirstContact": 6}},
        }));
        cases.push(json!({
            "name": "plan with the check-up series, by ages",
            "programme": key,
            "input": {"family": {"firstChildInSweden": true, "area": area},
                      "child": {"ageDays": 130, "ageDaysAtFirstContact": 6}},
        }));
        cases.push(json!({
            "name": "error: input that is not an object",
            "programme": key,
            "input": [],
        }));
        docs.insert(
            format!("programme-{id}-{version}.json"),
            json!({
                "description": format!("{key}: eligibility and plans (its own examples and the check-up series), from {path}"),
                "programmes": { key.clone(): def },
                "cases": cases,
            }),
        );
    }
    Ok(())
}

/// Run one case natively: its result lines (in the order every runner writes them) and
/// the case with its expectations filled in from those results.
pub fn run_case(engine: &EngineCore, file: &str, case: &Value) -> Result<(String, Value), String> {
    let name = case
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{file}: a case without a name"))?;
    let id = format!("{file}/{name}");
    let form = case
        .get("form")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{id}: no \"form\""))?;
    let form = FormRefArg::from_str_ref(form);
    let mut out = case.clone();
    let obj = out
        .as_object_mut()
        .ok_or_else(|| format!("{id}: not an object"))?;
    for k in ["expect", "error", "views", "text"] {
        obj.remove(k);
    }
    let mut lines = String::new();
    match kind(case) {
        "evaluate" => {
            let response = case.get("response").cloned().unwrap_or(Value::Null);
            let r = engine.evaluate(&form, &response.to_string());
            lines.push_str(&line(&id, &r));
            let (k, v) = expected(&r);
            obj.insert(k.into(), v);
        }
        "explain" => {
            // `explain: { locale, textPacks }`: the explanation's canonical JSON, then its
            // plain text as a JSON string (one line).
            let response = case.get("response").cloned().unwrap_or(Value::Null);
            let opts = case.get("explain").cloned().unwrap_or(Value::Null);
            let locale = opts.get("locale").and_then(Value::as_str).unwrap_or("");
            let packs = opts
                .get("textPacks")
                .and_then(Value::as_bool)
                .unwrap_or(true);
            let e = engine.explain(&form, &response.to_string(), locale, packs);
            let r = e
                .as_ref()
                .map(trygg::Explanation::to_json)
                .map_err(Clone::clone);
            lines.push_str(&line(&id, &r));
            let (k, v) = expected(&r);
            obj.insert(k.into(), v);
            if let Ok(e) = &e {
                let t = Value::String(e.to_text());
                lines.push_str(&line(&format!("{id}/text"), &Ok(t.to_string())));
                obj.insert("text".into(), t);
            }
        }
        "family" => {
            let responses = case.get("responses").cloned().unwrap_or(Value::Null);
            let text = responses.to_string();
            let r = engine.evaluate_family(&form, &text);
            lines.push_str(&line(&id, &r));
            let (k, v) = expected(&r);
            obj.insert(k.into(), v);
            if r.is_ok() {
                let mut views = Map::new();
                let ids: Vec<String> = responses
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.pointer("/respondent/id").and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect();
                for who in ids {
                    let v = engine.view_for(&form, &text, &who);
                    lines.push_str(&line(&format!("{id}/view/{who}"), &v));
                    views.insert(who, Value::String(v.map_err(|e| e.to_string())?));
                }
                obj.insert("views".into(), Value::Object(views));
            }
        }
        _ => {
            let init = case.get("init").cloned().unwrap_or(json!({}));
            let mut session = match engine.session(&form, &init.to_string()) {
                Ok(s) => s,
                Err(e) => {
                    let r = Err(e);
                    lines.push_str(&line(&id, &r));
                    let (k, v) = expected(&r);
                    obj.insert(k.into(), v);
                    return Ok((lines, out));
                }
            };
            let steps = obj
                .get_mut("steps")
                .and_then(Value::as_array_mut)
                .ok_or_else(|| format!("{id}: \"steps\" is not an array"))?;
            for (n, step) in steps.iter_mut().enumerate() {
                let s = step
                    .as_object_mut()
                    .ok_or_else(|| format!("{id}: step {n} is not an object"))?;
                s.remove("expect");
                s.remove("error");
                let r = match (s.get("set"), s.get("decline")) {
                    (Some(Value::String(item)), None) => {
                        let value = s.get("value").cloned().unwrap_or(Value::Null);
                        session.set(item, &value.to_string())
                    }
                    (None, Some(Value::String(item))) => session.decline(item),
                    _ => return Err(format!("{id}: step {n} needs \"set\" or \"decline\"")),
                };
                lines.push_str(&line(&format!("{id}/step/{n}"), &r));
                let (k, v) = expected(&r);
                s.insert(k.into(), v);
            }
            let r = Ok(session.outcome());
            lines.push_str(&line(&id, &r));
            let (k, v) = expected(&r);
            obj.insert(k.into(), v);
        }
    }
    Ok((lines, out))
}

/// The vector files as committed: file name → document.
pub fn read_vector_files() -> Result<BTreeMap<String, Value>, String> {
    let mut files = BTreeMap::new();
    for path in json_files(&vectors_dir())? {
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        files.insert(name, doc);
    }
    Ok(files)
}

/// The text a vector file is written as.
pub fn file_text(doc: &Value) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Run every case of `docs` (file name → document): the results-file text, and the
/// documents with expectations filled in.
pub fn run_all(
    engine: &EngineCore,
    docs: &BTreeMap<String, Value>,
) -> Result<(String, BTreeMap<String, Value>, usize), String> {
    let mut lines = String::new();
    let mut out = BTreeMap::new();
    let mut count = 0;
    for (name, doc) in docs {
        let stem = name.trim_end_matches(".json");
        let cases = doc
            .get("cases")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{name}: no \"cases\" array"))?;
        let programmes = doc.get("programmes").cloned().unwrap_or(Value::Null);
        let mut filled = Vec::new();
        for case in cases {
            let (l, c) = if case.get("input").is_some() {
                run_programme_case(engine, stem, case, &programmes)?
            } else {
                run_case(engine, stem, case)?
            };
            lines.push_str(&l);
            filled.push(c);
            count += 1;
        }
        let mut doc = doc.clone();
        if let Some(o) = doc.as_object_mut() {
            o.insert("cases".into(), Value::Array(filled));
        }
        out.insert(name.clone(), doc);
    }
    Ok((lines, out, count))
}

/// Most examples taken from one form (spread evenly over its list).
pub const EXAMPLES_PER_FORM: usize = 20;

/// The vector files' inputs as the generator builds them: every form's examples (up to
/// [`EXAMPLES_PER_FORM`]) and the edge cases below.
pub fn generated_inputs() -> Result<BTreeMap<String, Value>, String> {
    let (forms, _) = builtin_files()?;
    let mut docs = BTreeMap::new();
    for (path, text) in &forms {
        let def: Value = serde_json::from_str(text).map_err(|e| format!("{path}: {e}"))?;
        let id = def.get("id").and_then(Value::as_str).unwrap_or_default();
        let version = def
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let examples = def
            .get("examples")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let n = examples.len();
        let take = n.min(EXAMPLES_PER_FORM);
        let mut cases = Vec::new();
        for k in 0..take {
            let Some(ex) = examples.get(k * n / take) else {
                continue;
            };
            let mut response = Map::new();
            for key in ["respondent", "context", "answers"] {
                if let Some(v) = ex.get(key) {
                    response.insert(key.into(), v.clone());
                }
            }
            cases.push(json!({
                "name": ex.get("name").and_then(Value::as_str).unwrap_or_default(),
                "form": format!("{id}@{version}"),
                "response": response,
            }));
        }
        docs.insert(
            format!("examples-{id}-{version}.json"),
            json!({
                "description": format!("{id}@{version}: its own examples ({take} of {n}, spread evenly), from {path}"),
                "cases": cases,
            }),
        );
    }
    docs.insert("auditc-boundaries.json".into(), auditc_boundaries());
    docs.insert("edge.json".into(), edge_cases());
    docs.insert("family.json".into(), family_cases());
    docs.insert("session.json".into(), session_cases());
    docs.insert("explain.json".into(), explain_cases());
    programme_inputs(&mut docs)?;
    Ok(docs)
}

/// AUDIT-C totals around every cut-off, for both profiles and both sexes (and no sex given:
/// the fallback), on the stand-alone form and inside the 6–8 week form.
fn auditc_boundaries() -> Value {
    let mut cases = Vec::new();
    for (form, label) in [
        ("audit-c@1.0.0", "audit-c"),
        ("trygg-start.6-8w@1.0.0", "6-8w"),
    ] {
        for profile in ["se", "us"] {
            for sex in ["female", "male", ""] {
                for total in 2..=6u32 {
                    let respondent = if sex.is_empty() {
                        json!({ "id": "parent-1" })
                    } else {
                        json!({ "id": "parent-1", "attributes": { "sex": sex } })
                    };
                    let second = (total - 1).min(4);
                    let third = total - 1 - second;
                    let answers = json!({
                        "auditc1": "1",
                        "auditc2": second.to_string(),
                        "auditc3": third.to_string(),
                    });
                    let who = if sex.is_empty() { "sex not given" } else { sex };
                    cases.push(json!({
                        "name": format!("{label} {profile} {who} total {total}"),
                        "form": form,
                        "response": { "respondent": respondent, "context": { "profile": profile }, "answers": answers },
                    }));
                }
            }
        }
    }
    json!({
        "description": "AUDIT-C cut-offs (se: women ≥ 4, men ≥ 5; us: women ≥ 3, men ≥ 4; fallback when sex is not given) at totals 2–6",
        "cases": cases,
    })
}

fn ev(name: &str, form: &str, response: Value) -> Value {
    json!({ "name": name, "form": form, "response": response })
}

/// Missing data, hidden items, declined and invalid answers, bad context, refused inputs.
fn edge_cases() -> Value {
    let w = "trygg-start.6-8w@1.0.0";
    let p1 = json!({ "id": "parent-1", "attributes": { "sex": "female" } });
    let cases = vec![
        ev("6-8w nothing answered", w, json!({ "respondent": p1 })),
        ev("6-8w no respondent, no context", w, json!({})),
        ev(
            "phq-9 one item missing is prorated",
            "phq-9@1.0.0",
            json!({ "answers": { "phq9_1": "2", "phq9_2": "2", "phq9_3": "1", "phq9_4": "1", "phq9_5": "1", "phq9_6": "1", "phq9_7": "1", "phq9_8": "1" } }),
        ),
        ev(
            "phq-9 two items missing: no value",
            "phq-9@1.0.0",
            json!({ "answers": { "phq9_1": "2", "phq9_2": "2", "phq9_3": "1", "phq9_4": "1", "phq9_5": "1", "phq9_6": "1", "phq9_7": "1" } }),
        ),
        ev(
            "phq-9 a declined item counts as missing",
            "phq-9@1.0.0",
            json!({ "answers": { "phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_5": "3", "phq9_6": "3", "phq9_7": "3", "phq9_8": "3", "phq9_9": { "declined": true } } }),
        ),
        ev(
            "phq-9 item 10 is not declinable",
            "phq-9@1.0.0",
            json!({ "answers": { "phq9_1": "1", "phq9_10": { "declined": true } } }),
        ),
        ev(
            "epds one missing prorated, item 10 urgent",
            "epds@1.0.0",
            json!({ "answers": { "epds1": "a", "epds2": "a", "epds3": "b", "epds4": "a", "epds5": "a", "epds6": "a", "epds7": "a", "epds8": "a", "epds10": "b" } }),
        ),
        ev(
            "epds all declined",
            "epds@1.0.0",
            json!({ "answers": { "epds1": { "declined": true }, "epds2": { "declined": true }, "epds3": { "declined": true }, "epds4": { "declined": true }, "epds5": { "declined": true }, "epds6": { "declined": true }, "epds7": { "declined": true }, "epds8": { "declined": true }, "epds9": { "declined": true }, "epds10": { "declined": true } } }),
        ),
        ev(
            "epds en-gb profile cut-off 13",
            "epds@1.0.0",
            json!({ "context": { "profile": "en-gb" }, "answers": { "epds1": "b", "epds2": "b", "epds3": "c", "epds4": "b", "epds5": "b", "epds6": "b", "epds7": "b", "epds8": "a", "epds9": "a", "epds10": "a" } }),
        ),
        ev(
            "6-8w hidden violence_now is ignored",
            w,
            json!({ "respondent": p1, "answers": { "violence_ever": false, "violence_now": true } }),
        ),
        ev(
            "6-8w violence now shown and answered",
            w,
            json!({ "respondent": p1, "answers": { "violence_ever": true, "violence_now": true } }),
        ),
        ev(
            "6-8w hidden PHQ-9 items 3-9 are ignored",
            w,
            json!({ "respondent": p1, "answers": { "phq9_1": "1", "phq9_2": "0", "phq9_3": "3", "phq9_9": "3" } }),
        ),
        ev(
            "6-8w PHQ-2 at cut-off shows items 3-9",
            w,
            json!({ "respondent": p1, "answers": { "phq9_1": "2", "phq9_2": "1", "phq9_9": "1" } }),
        ),
        ev(
            "6-8w hidden AUDIT-C 2 and 3 after a never",
            w,
            json!({ "respondent": p1, "answers": { "auditc1": "0", "auditc2": "4", "auditc3": "4" } }),
        ),
        ev(
            "6-8w everything declined",
            w,
            json!({ "respondent": p1, "answers": { "safety_sleep_back": { "declined": true }, "safety_car_seat": { "declined": true }, "safety_crying_plan": { "declined": true }, "money_worry": { "declined": true }, "hvs1": { "declined": true }, "hvs2": { "declined": true }, "phq9_1": { "declined": true }, "phq9_2": { "declined": true }, "stress_overwhelmed": { "declined": true }, "stress_support": { "declined": true }, "stress_irritable": { "declined": true }, "child_harm_fear": { "declined": true }, "auditc1": { "declined": true }, "violence_ever": { "declined": true }, "support_wish": { "declined": true } } }),
        ),
        ev(
            "6-8w wrong types and unknown options",
            w,
            json!({ "respondent": p1, "answers": { "safety_sleep_back": "yes", "safety_car_seat": "maybe", "hvs1": 2, "phq9_1": ["1"], "auditc1": null } }),
        ),
        ev(
            "6-8w unknown item",
            w,
            json!({ "respondent": p1, "answers": { "nope": true, "money_worry": true } }),
        ),
        ev(
            "6-8w declining the display item",
            w,
            json!({ "answers": { "intro": { "declined": true } } }),
        ),
        ev(
            "6-8w a declined value that is not true",
            w,
            json!({ "answers": { "money_worry": { "declined": false } } }),
        ),
        ev(
            "6-8w unknown locale, profile and attribute",
            w,
            json!({ "respondent": { "id": "parent-1", "attributes": { "sex": "other", "role": "mother" } }, "context": { "locale": "xx", "profile": "nz", "colour": "blue" } }),
        ),
        ev(
            "6-8w context of the wrong type",
            w,
            json!({ "context": { "childAgeDays": "fifty", "locale": 1 } }),
        ),
        ev(
            "6-8w Arabic locale",
            w,
            json!({ "respondent": p1, "context": { "locale": "ar" }, "answers": { "money_worry": true } }),
        ),
        ev(
            "6-8w response naming another form",
            w,
            json!({ "form": "gad-7", "answers": {} }),
        ),
        ev(
            "re-scoring: the response names the pilot version",
            "trygg-start.6-8w",
            json!({ "version": "1.1.0", "respondent": p1, "answers": { "money_worry": true } }),
        ),
        ev(
            "the highest active version without a version",
            "trygg-start.6-8w",
            json!({ "respondent": p1, "answers": { "money_worry": true } }),
        ),
        ev(
            "hvs: often is positive",
            "hunger-vital-sign@1.0.0",
            json!({ "answers": { "hvs1": "often", "hvs2": "never" } }),
        ),
        ev(
            "gad-7 all threes",
            "gad-7@1.0.0",
            json!({ "answers": { "gad7_1": "3", "gad7_2": "3", "gad7_3": "3", "gad7_4": "3", "gad7_5": "3", "gad7_6": "3", "gad7_7": "3" } }),
        ),
        ev("error: unknown form", "nope@1.0.0", json!({})),
        ev("error: unknown version", "phq-9@9.9.9", json!({})),
        ev(
            "error: a response that is an array",
            "phq-9@1.0.0",
            json!([1, 2]),
        ),
        ev(
            "error: a response field that does not exist",
            "phq-9@1.0.0",
            json!({ "answer": {} }),
        ),
        ev(
            "error: answers that are not an object",
            "phq-9@1.0.0",
            json!({ "answers": [] }),
        ),
    ];
    json!({
        "description": "Edge cases: missing data, hidden items, declined and invalid answers, bad context, re-scoring, refused inputs",
        "cases": cases,
    })
}

/// Two parents (and the refusals of a family).
fn family_cases() -> Value {
    let w = "trygg-start.6-8w@1.0.0";
    let mother = |answers: Value| json!({ "respondent": { "id": "parent-1", "attributes": { "sex": "female" } }, "context": { "childAgeDays": 50 }, "answers": answers });
    let father = |answers: Value| json!({ "respondent": { "id": "parent-2", "attributes": { "sex": "male" } }, "context": { "childAgeDays": 50 }, "answers": answers });
    let fam = |name: &str, form: &str, responses: Value| json!({ "name": name, "form": form, "responses": responses });
    let cases = vec![
        fam(
            "violence for one parent, low mood for the other",
            w,
            json!([
                mother(
                    json!({ "violence_ever": true, "violence_now": true, "money_worry": false })
                ),
                father(
                    json!({ "phq9_1": "3", "phq9_2": "2", "phq9_3": "2", "phq9_9": "0", "violence_ever": false })
                ),
            ]),
        ),
        fam(
            "both parents money worries: one offer, both respondents",
            w,
            json!([
                mother(json!({ "money_worry": true, "hvs1": "often", "hvs2": "sometimes" })),
                father(json!({ "money_worry": true, "hvs1": "never", "hvs2": "never" })),
            ]),
        ),
        fam(
            "AUDIT-C 4: positive for the mother only (se)",
            w,
            json!([
                mother(json!({ "auditc1": "2", "auditc2": "1", "auditc3": "1" })),
                father(json!({ "auditc1": "2", "auditc2": "1", "auditc3": "1" })),
            ]),
        ),
        fam(
            "self-harm thoughts: urgent for one parent",
            w,
            json!([
                mother(json!({ "phq9_1": "2", "phq9_2": "2", "phq9_9": "2" })),
                father(json!({})),
            ]),
        ),
        fam(
            "one parent only",
            w,
            json!([mother(json!({ "support_wish": true }))]),
        ),
        fam(
            "a single-respondent form with one response",
            "gad-7@1.0.0",
            json!([mother(json!({ "gad7_1": "3", "gad7_2": "3" }))]),
        ),
        fam(
            "error: a single-respondent form with two responses",
            "gad-7@1.0.0",
            json!([mother(json!({})), father(json!({}))]),
        ),
        fam(
            "error: the same respondent twice",
            w,
            json!([mother(json!({})), mother(json!({}))]),
        ),
        fam(
            "error: a response without a respondent id",
            w,
            json!([mother(json!({})), { "answers": {} }]),
        ),
        fam("error: no responses", w, json!([])),
        fam(
            "error: a response that is not a response",
            w,
            json!([mother(json!({})), { "answers": 1 }]),
        ),
    ];
    json!({
        "description": "Families: each parent scored alone; the clinician's summary merges offers; each parent's view holds only their own outcome",
        "cases": cases,
    })
}

fn set(item: &str, value: Value) -> Value {
    json!({ "set": item, "value": value })
}

fn decline(item: &str) -> Value {
    json!({ "decline": item })
}

/// Live forms: a list of `set`/`decline` calls; each call's changes and the final outcome.
fn session_cases() -> Value {
    let w = "trygg-start.6-8w@1.0.0";
    let init = json!({ "respondent": { "id": "parent-1", "attributes": { "sex": "female" } }, "context": { "locale": "sv", "childAgeDays": 45 } });
    let s = |name: &str, form: &str, init: &Value, steps: Vec<Value>| json!({ "name": name, "form": form, "init": init, "steps": steps });
    let cases = vec![
        s(
            "PHQ-2 positive shows items 3-9, then hides them",
            w,
            &init,
            vec![
                set("phq9_1", json!("2")),
                set("phq9_2", json!("1")),
                set("phq9_9", json!("1")),
                set("phq9_2", json!("0")),
                set("phq9_2", json!("3")),
            ],
        ),
        s(
            "violence: now shown after ever, hidden again",
            w,
            &init,
            vec![
                set("violence_ever", json!(true)),
                set("violence_now", json!(true)),
                set("violence_ever", json!(false)),
            ],
        ),
        s(
            "invalid answers come back as problems, then are fixed",
            w,
            &init,
            vec![
                set("safety_sleep_back", json!("yes")),
                set("safety_sleep_back", json!(true)),
                set("hvs1", json!("always")),
                set("hvs1", json!("often")),
                set("money_worry", json!(1)),
            ],
        ),
        s(
            "decline, clear and unknown items",
            w,
            &init,
            vec![
                decline("money_worry"),
                decline("intro"),
                set("money_worry", Value::Null),
                set("nope", json!(true)),
                decline("nope"),
                set("money_worry", json!(true)),
            ],
        ),
        s(
            "a whole 6-8w form, nothing found",
            w,
            &init,
            vec![
                set("safety_sleep_back", json!(true)),
                set("safety_car_seat", json!("yes")),
                set("safety_crying_plan", json!(true)),
                set("money_worry", json!(false)),
                set("hvs1", json!("never")),
                set("hvs2", json!("never")),
                set("phq9_1", json!("0")),
                set("phq9_2", json!("1")),
                set("stress_overwhelmed", json!(false)),
                set("stress_support", json!(true)),
                set("stress_irritable", json!(false)),
                set("child_harm_fear", json!(false)),
                set("auditc1", json!("0")),
                set("violence_ever", json!(false)),
                set("support_wish", json!(false)),
            ],
        ),
        s(
            "AUDIT-C: questions 2 and 3 follow question 1",
            "audit-c@1.0.0",
            &json!({ "respondent": { "attributes": { "sex": "male" } }, "context": { "profile": "us" } }),
            vec![
                set("auditc1", json!("0")),
                set("auditc1", json!("2")),
                set("auditc2", json!("1")),
                set("auditc3", json!("1")),
                set("auditc1", json!("0")),
            ],
        ),
        s(
            "EPDS: item 10 above 0",
            "epds@1.0.0",
            &json!({}),
            vec![
                set("epds10", json!("b")),
                set("epds10", json!("a")),
                decline("epds1"),
            ],
        ),
        s(
            "error: a draft or unknown form cannot start a session",
            "nope",
            &json!({}),
            vec![],
        ),
        s(
            "error: an init with an unknown field",
            w,
            &json!({ "who": "parent-1" }),
            vec![],
        ),
    ];
    json!({
        "description": "Sessions: each set/decline call's changes (canonical JSON) and the final outcome",
        "cases": cases,
    })
}

fn explain_case(name: &str, form: &str, locale: &str, packs: bool, response: Value) -> Value {
    json!({ "name": name, "form": form, "explain": { "locale": locale, "textPacks": packs },
            "response": response })
}

/// Explanations: the check-up form in Swedish, English and a fallback locale; EPDS (licensed
/// wording) with and without its text packs; an unknown form.
fn explain_cases() -> Value {
    let disclosed = json!({
        "respondent": { "id": "parent-2", "attributes": { "sex": "male" } },
        "context": { "childAgeDays": 50, "profile": "se" },
        "answers": { "phq9_1": "2", "phq9_2": "2", "phq9_3": "1", "phq9_4": "2", "phq9_5": "1",
                     "phq9_6": "1", "phq9_7": "0", "phq9_8": "0", "phq9_9": "1",
                     "hvs1": "sometimes", "money_worry": true, "stress_overwhelmed": true,
                     "stress_support": false, "auditc1": "2", "auditc2": "1", "auditc3": "1",
                     "violence_ever": true, "violence_now": true, "support_wish": true }
    });
    let nothing = json!({
        "respondent": { "id": "parent-1" },
        "answers": { "phq9_1": "0", "phq9_2": "0", "violence_ever": false }
    });
    let epds = json!({
        "answers": { "epds1": "c", "epds2": "c", "epds3": "a", "epds4": "c", "epds5": "a",
                     "epds6": "a", "epds7": "b", "epds8": "b", "epds9": "b", "epds10": "b" }
    });
    let start = "trygg-start.6-8w@1.0.0";
    json!({
        "description": "Explanations (trygg::explain): canonical JSON and the plain text, per locale, with and without text packs",
        "cases": [
            explain_case("6-8w disclosed, sv", start, "sv", true, disclosed.clone()),
            explain_case("6-8w disclosed, en", start, "en", true, disclosed.clone()),
            explain_case("6-8w disclosed, ar (form locale, engine words fall back to sv)", start, "ar", true, disclosed.clone()),
            explain_case("6-8w disclosed, de (not a form locale: sv)", start, "de", true, disclosed),
            explain_case("6-8w nothing found, en", start, "en", true, nothing),
            explain_case("epds with text packs, sv", "epds@1.0.0", "sv", true, epds.clone()),
            explain_case("epds with text packs, en", "epds@1.0.0", "en", true, epds.clone()),
            explain_case("epds without text packs, sv", "epds@1.0.0", "sv", false, epds.clone()),
            explain_case("epds without text packs, en", "epds@1.0.0", "en", false, epds.clone()),
            explain_case("unknown form", "no-such-form@1.0.0", "sv", true, epds),
        ]
    })
}
