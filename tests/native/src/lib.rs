//! Native runner for the cross-runtime vectors in `tests/vectors/` (see `tests/README.md`).
//!
//! The Node and Chromium runners (`tests/js/`) read the same files and must produce the
//! same bytes; each runner also writes its results to `tests/artifacts/<suite>-<runtime>.txt`
//! so that `make test` can compare the three outputs byte for byte.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// `tests/` at the repository root.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("tests"))
}

/// The `*.json` files directly in `dir`, sorted by file name (the order every runner uses).
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// One canonical-JSON case: JSON text in, and either the canonical text or an error out.
#[derive(Debug, Clone)]
pub struct CanonicalCase {
    /// `<file stem>/<case name>`, unique across the suite.
    pub id: String,
    pub input: String,
    pub expect: Expect,
    /// A known divergence from the expectation, with the reason: the runner checks that the
    /// case still fails (so the marker is removed once the engine is fixed) instead of
    /// failing the suite. Every runtime must still give the same bytes.
    pub xfail: Option<String>,
}

/// What a case expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// The exact output text.
    Text(String),
    /// A thrown error with this code and path.
    Error { code: String, path: String },
}

/// Every case in `tests/vectors/canonical/`, in file then case order.
pub fn canonical_cases() -> Result<Vec<CanonicalCase>, String> {
    let dir = tests_dir().join("vectors").join("canonical");
    let mut cases = Vec::new();
    for file in json_files(&dir)? {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{stem}: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{stem}: {e}"))?;
        let list = doc
            .get("cases")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{stem}: no \"cases\" array"))?;
        for case in list {
            let name = case.get("name").and_then(Value::as_str);
            let input = case.get("input").and_then(Value::as_str);
            let (Some(name), Some(input)) = (name, input) else {
                return Err(format!(
                    "{stem}: a case needs string \"name\" and \"input\""
                ));
            };
            let expect = match (case.get("expect"), case.get("error")) {
                (Some(Value::String(s)), None) => Expect::Text(s.clone()),
                (None, Some(err)) => Expect::Error {
                    code: err
                        .get("code")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("{stem}/{name}: error needs \"code\""))?
                        .to_owned(),
                    path: err
                        .get("path")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned(),
                },
                _ => {
                    return Err(format!(
                        "{stem}/{name}: needs exactly one of \"expect\" (string) or \"error\""
                    ))
                }
            };
            let xfail = case.get("xfail").and_then(Value::as_str).map(str::to_owned);
            cases.push(CanonicalCase {
                id: format!("{stem}/{name}"),
                input: input.to_owned(),
                expect,
                xfail,
            });
        }
    }
    Ok(cases)
}

/// One line of a runner's results file: `<id>\t<output>` or `<id>\t!<code>\t<path>`.
pub fn result_line(id: &str, result: &Result<String, (String, String)>) -> String {
    match result {
        Ok(text) => format!("{id}\t{text}\n"),
        Err((code, path)) => format!("{id}\t!{code}\t{path}\n"),
    }
}

/// `../shared/conformance/jsonlogic/suites` beside the repository (never copied into it).
pub fn jsonlogic_suites_dir() -> PathBuf {
    tests_dir().join("../../shared/conformance/jsonlogic/suites")
}

/// One case of the shared JsonLogic conformance suites, as every runner feeds it to
/// `evaluateLogic`: rule and data as canonical JSON text, so that all three runtimes get
/// byte-identical input.
#[derive(Debug, Clone)]
pub struct LogicCase {
    /// `<suite file>#<n>`: the n-th case (0-based, headings not counted) of the suite.
    pub id: String,
    pub rule: String,
    pub data: String,
    /// The canonical text of the expected result, or the expected error type.
    pub expect: Result<String, String>,
}

/// Every case of every suite listed in the suites' `index.json`, in index then file order.
pub fn jsonlogic_cases() -> Result<Vec<LogicCase>, String> {
    let dir = jsonlogic_suites_dir();
    let read = |name: &str| -> Result<Value, String> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e} (the suites must be at ../shared/conformance/jsonlogic/suites/ beside the repository)",
                path.display()
            )
        })?;
        serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))
    };
    let index = read("index.json")?;
    let names = index.as_array().ok_or("index.json is not an array")?;
    let mut suites = Vec::new();
    for name in names {
        let name = name.as_str().ok_or("index.json lists a non-string")?;
        suites.push((name.to_owned(), read(name)?));
    }
    // Then the project's own suites in the same format, `vectors/logic/*.json`.
    for path in json_files(&tests_dir().join("vectors").join("logic"))? {
        let stem = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("a file name that is not UTF-8")?;
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{stem}: {e}"))?;
        let suite = serde_json::from_str(&text).map_err(|e| format!("{stem}: {e}"))?;
        suites.push((format!("logic/{stem}"), suite));
    }
    let mut cases = Vec::new();
    for (name, suite) in &suites {
        let list = suite
            .as_array()
            .ok_or_else(|| format!("{name}: not an array"))?;
        for (n, case) in list.iter().filter(|c| c.is_object()).enumerate() {
            let rule = case
                .get("rule")
                .ok_or_else(|| format!("{name}#{n}: no rule"))?;
            let data = case.get("data").unwrap_or(&Value::Null);
            let expect = match (case.get("result"), case.get("error")) {
                (Some(result), None) => Ok(trygg::to_canonical_string(result)),
                (None, Some(error)) => Err(error
                    .get("type")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("{name}#{n}: error without a type"))?
                    .to_owned()),
                _ => return Err(format!("{name}#{n}: needs exactly one of result or error")),
            };
            cases.push(LogicCase {
                id: format!("{name}#{n}"),
                rule: trygg::to_canonical_string(rule),
                data: trygg::to_canonical_string(data),
                expect,
            });
        }
    }
    Ok(cases)
}

/// One line of the JsonLogic results file: `<id>\t<result>` or
/// `<id>\t!<code>\t<path>\t<type>\t<error value>` (the value empty for compile errors).
pub fn logic_line(id: &str, result: &Result<String, trygg_host::api::LogicFailure>) -> String {
    match result {
        Ok(text) => format!("{id}\t{text}\n"),
        Err(f) => format!(
            "{id}\t!{}\t{}\t{}\t{}\n",
            f.error.code,
            f.error.path,
            f.logic_type.as_deref().unwrap_or(""),
            f.value.as_deref().unwrap_or("")
        ),
    }
}

pub mod differential;
pub mod fhir;
pub mod forms;
pub mod series;

/// One case of the regression corpus (`tests/regressions/*.json`): an input that once
/// broke the engine, run on every runtime.
#[derive(Debug, Clone)]
pub struct RegressionCase {
    /// `<file stem>/<name>`.
    pub id: String,
    pub input: RegressionInput,
    /// The expected error (code, path), if the input must be refused.
    pub error: Option<(String, String)>,
    /// The exact output text, if the input must give a result.
    pub expect: Option<String>,
    /// A text the results line (output, or error code and path) must contain.
    pub includes: Option<String>,
}

/// What a regression case runs.
#[derive(Debug, Clone)]
pub enum RegressionInput {
    /// `evaluateLogic(rule, data)`.
    Logic { rule: String, data: String },
    /// `Engine.withBuiltinForms().evaluateJson(form, input)`.
    Response { form: String, input: String },
    /// `new Engine().loadForm(input)`, then `evaluateJson(id@version, response)`.
    Form { input: String, response: String },
    /// `canonicalJson(input)`.
    Canonical { input: String },
}

/// `tests/regressions/`.
pub fn regressions_dir() -> PathBuf {
    tests_dir().join("regressions")
}

/// Every regression case, in file then case order.
pub fn regression_cases() -> Result<Vec<RegressionCase>, String> {
    let mut cases = Vec::new();
    for file in json_files(&regressions_dir())? {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{stem}: {e}"))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{stem}: {e}"))?;
        let list = doc
            .get("cases")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{stem}: no \"cases\" array"))?;
        for case in list {
            let s = |k: &str| case.get(k).and_then(Value::as_str).map(str::to_owned);
            let name = s("name").ok_or_else(|| format!("{stem}: a case without a name"))?;
            let id = format!("{stem}/{name}");
            let need = |k: &str| s(k).ok_or_else(|| format!("{id}: needs string \"{k}\""));
            let input = match s("kind").as_deref() {
                Some("logic") => RegressionInput::Logic {
                    rule: need("rule")?,
                    data: s("data").unwrap_or_else(|| "null".into()),
                },
                Some("response") => RegressionInput::Response {
                    form: need("form")?,
                    input: need("input")?,
                },
                Some("form") => RegressionInput::Form {
                    input: need("input")?,
                    response: s("response").unwrap_or_else(|| "{}".into()),
                },
                Some("canonical") => RegressionInput::Canonical {
                    input: need("input")?,
                },
                other => return Err(format!("{id}: unknown kind {other:?}")),
            };
            let error = case.get("error").map(|e| {
                let f = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
                (f("code"), f("path"))
            });
            if s("why").is_none() {
                return Err(format!("{id}: say in \"why\" what the input once broke"));
            }
            cases.push(RegressionCase {
                id,
                input,
                error,
                expect: s("expect"),
                includes: s("includes"),
            });
        }
    }
    Ok(cases)
}
