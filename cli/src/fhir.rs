//! `trygg fhir export|import|score`: FHIR R4 / SDC through the `trygg-fhir` crate.

use crate::forms::{self, Failure};
use crate::ndjson::{self, Line};
use clap::Subcommand;
use serde_json::Value;
use std::path::{Path, PathBuf};
use trygg_fhir::score::Candidate;

#[derive(Subcommand)]
pub enum FhirCommand {
    /// Export a form as an SDC Questionnaire (JSON on stdout).
    Export {
        /// The form definition file.
        form: PathBuf,
    },
    /// Import an SDC Questionnaire as a Trygg form (JSON on stdout; the report of what was
    /// mapped and refused on stderr, or as JSON with --report).
    Import {
        /// The Questionnaire file, or `-` for standard input.
        questionnaire: PathBuf,
        /// Write the report as JSON to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
    },
    /// Score a QuestionnaireResponse: the outcome, located problems (unknown codes, hidden
    /// answers, stored totals that differ) and stored totals; or, with --bundle, the results
    /// as a transaction Bundle.
    Score {
        /// The QuestionnaireResponse file, or `-` for standard input.
        response: PathBuf,
        /// A Questionnaire the response may name (repeatable); the shipped forms are always
        /// candidates.
        #[arg(long = "questionnaire", value_name = "FILE")]
        questionnaires: Vec<PathBuf>,
        /// Forms directory (default `forms`).
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Write the results Bundle instead of the outcome.
        #[arg(long)]
        bundle: bool,
    },
    /// Score FHIR Bulk Data NDJSON of QuestionnaireResponses: one results Bundle (canonical
    /// JSON) or error record per non-blank input line, in input order, on every core.
    ///
    /// A response with problems (unknown codes, a stored total that differs, …) gets an
    /// error record `{"error":{"code","line","message","problems"}}` instead of a Bundle.
    Batch {
        /// QuestionnaireResponses (NDJSON), or `-` for standard input.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// Bundles (NDJSON), or `-` for standard output.
        #[arg(long = "out", value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// A Questionnaire the responses may name (repeatable).
        #[arg(long = "questionnaire", value_name = "FILE")]
        questionnaires: Vec<PathBuf>,
        /// Forms directory (default `forms`).
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Worker threads (default: the available cores).
        #[arg(long, value_name = "N")]
        workers: Option<usize>,
    },
}

fn read_json(path: &Path) -> Result<Value, Failure> {
    let text = forms::read_limited(path, &trygg::input::FHIR)
        .map_err(Failure::usage)?
        .map_err(|e| located(path, &[e]))?;
    trygg_fhir::parse_json(&text).map_err(|e| located(path, &[e]))
}

fn located(path: &Path, errors: &[trygg::Error]) -> Failure {
    Failure::input(
        errors
            .iter()
            .map(|e| format!("{}:{}: {}: {}", path.display(), e.path, e.code, e.message))
            .collect(),
    )
}

fn print(v: &Value) {
    use std::io::Write;
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_default()
    );
}

/// Run a `fhir` subcommand.
pub fn run(cmd: FhirCommand) -> Result<i32, Failure> {
    match cmd {
        FhirCommand::Export { form } => {
            let form = forms::load(&form).map_err(|e| Failure::input(e.lines()))?;
            let q = trygg_fhir::export::export(form.def());
            print(&serde_json::to_value(&q).unwrap_or_default());
            Ok(0)
        }
        FhirCommand::Import {
            questionnaire,
            report,
        } => {
            let value = read_json(&questionnaire)?;
            let imported =
                trygg_fhir::import::import(&value).map_err(|e| located(&questionnaire, &[e]))?;
            if let Some(path) = report {
                let text =
                    serde_json::to_string_pretty(&imported.report.to_value()).unwrap_or_default();
                std::fs::write(&path, text + "\n")
                    .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
            } else {
                for line in &imported.report.mapped {
                    eprintln!("mapped: {line}");
                }
                for e in &imported.report.refused {
                    eprintln!(
                        "{}:{}: {}: {}",
                        questionnaire.display(),
                        e.path,
                        e.code,
                        e.message
                    );
                }
            }
            if let Err(errors) = &imported.compiled {
                return Err(Failure::input(
                    errors
                        .iter()
                        .map(|e| format!("imported form:{}: {}: {}", e.path, e.code, e.message))
                        .collect(),
                ));
            }
            print(&serde_json::to_value(&imported.form).unwrap_or_default());
            Ok(if imported.report.refused.is_empty() {
                0
            } else {
                1
            })
        }
        FhirCommand::Batch {
            input,
            output,
            questionnaires,
            forms: dir,
            workers,
        } => batch(&input, &output, &candidates(dir, &questionnaires)?, workers),
        FhirCommand::Score {
            response,
            questionnaires,
            forms: dir,
            bundle,
        } => {
            let candidates = candidates(dir, &questionnaires)?;
            let value = read_json(&response)?;
            trygg_fhir::resource::<trygg_fhir::types::QuestionnaireResponse>(
                &value,
                "QuestionnaireResponse",
            )
            .map_err(|e| located(&response, &[e]))?;
            let canonical = value.get("questionnaire").and_then(Value::as_str);
            let cand = trygg_fhir::score::pick(canonical, &candidates)
                .map_err(|e| located(&response, &[e]))?;
            let scored = trygg_fhir::score::score(&value, cand, &trygg::Response::default())
                .map_err(|e| located(&response, &[e]))?;
            if bundle {
                let b = trygg_fhir::bundle::results_bundle(&value, cand.form.def(), &scored);
                print(&serde_json::to_value(&b).unwrap_or_default());
            } else {
                print(&scored.to_value());
            }
            for e in &scored.problems {
                eprintln!(
                    "{}:{}: {}: {}",
                    response.display(),
                    e.path,
                    e.code,
                    e.message
                );
            }
            Ok(if scored.problems.is_empty() { 0 } else { 1 })
        }
    }
}

/// The shipped forms and the given Questionnaires, as scoring candidates.
fn candidates(dir: Option<PathBuf>, questionnaires: &[PathBuf]) -> Result<Vec<Candidate>, Failure> {
    let dir = dir.unwrap_or_else(|| PathBuf::from(forms::DEFAULT_DIR));
    let mut shipped = Vec::new();
    if dir.is_dir() {
        for file in crate::forms::collect(std::slice::from_ref(&dir)).map_err(Failure::usage)? {
            shipped.push(forms::load(&file).map_err(|e| Failure::input(e.lines()))?);
        }
    }
    let mut candidates: Vec<Candidate> = shipped.iter().cloned().map(Candidate::of_form).collect();
    for path in questionnaires {
        let value = read_json(path)?;
        let imported = trygg_fhir::import::import(&value).map_err(|e| located(path, &[e]))?;
        let url = value.get("url").and_then(Value::as_str).unwrap_or_default();
        let version = value
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let c = Candidate::of_import(url.into(), version.into(), imported, &shipped)
            .map_err(|e| located(path, &e))?;
        candidates.insert(0, c);
    }
    Ok(candidates)
}

/// One input line → a Bundle line or an error record.
fn bundle_line(line: &Line, candidates: &[Candidate]) -> Result<String, String> {
    let (n, text) = match line {
        Line::Text(n, t) => (*n, t),
        other => {
            return Err(match other.record() {
                Err(e) => e.to_json(),
                Ok(_) => String::new(),
            })
        }
    };
    let err = |e: trygg::Error, problems: Value| {
        trygg::to_canonical_string(&serde_json::json!({ "error": {
            "code": e.code, "line": n,
            "message": if e.path.is_empty() { e.message.clone() } else { format!("{}: {}", e.path, e.message) },
            "problems": problems,
        }}))
    };
    let value = trygg_fhir::parse_json(text).map_err(|e| err(e, Value::Array(Vec::new())))?;
    trygg_fhir::resource::<trygg_fhir::types::QuestionnaireResponse>(
        &value,
        "QuestionnaireResponse",
    )
    .map_err(|e| err(e, Value::Array(Vec::new())))?;
    let canonical = value.get("questionnaire").and_then(Value::as_str);
    let cand = trygg_fhir::score::pick(canonical, candidates)
        .map_err(|e| err(e, Value::Array(Vec::new())))?;
    let scored = trygg_fhir::score::score(&value, cand, &trygg::Response::default())
        .map_err(|e| err(e, Value::Array(Vec::new())))?;
    if let Some(first) = scored.problems.first() {
        return Err(err(
            first.clone(),
            trygg_fhir::problems_json(&scored.problems),
        ));
    }
    let b = trygg_fhir::bundle::results_bundle(&value, cand.form.def(), &scored);
    Ok(trygg::to_canonical_string_of(&b).unwrap_or_else(|_| String::from("null")))
}

fn batch(
    input: &Path,
    output: &Path,
    candidates: &[Candidate],
    workers: Option<usize>,
) -> Result<i32, Failure> {
    use std::io::Write;
    let (reader, _) = forms::open_in(input)?;
    let mut out = forms::open_out(output)?;
    let mut lines = ndjson::Lines::new(reader);
    let (mut bundles, mut errors) = (0u64, 0u64);
    ndjson::for_each_ordered(
        &mut lines,
        workers.unwrap_or_else(ndjson::workers),
        |line| bundle_line(line, candidates),
        |r, _| {
            let text = match r {
                Ok(b) => {
                    bundles += 1;
                    b
                }
                Err(e) => {
                    errors += 1;
                    e
                }
            };
            writeln!(out, "{text}")
        },
    )
    .and_then(|()| out.flush())
    .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
    eprintln!("{bundles} bundles, {errors} errors");
    Ok(if errors == 0 { 0 } else { 1 })
}
