//! `trygg fhir export|import|score`: FHIR R4 / SDC through the `trygg-fhir` crate.

use crate::forms::{self, Failure};
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
}

fn read_json(path: &Path) -> Result<Value, Failure> {
    let text = forms::read_input(path).map_err(Failure::usage)?;
    trygg_fhir::parse_json(&text).map_err(|e| located(path, &[e]))
}

fn located(path: &Path, errors: &[trygg::Error]) -> Failure {
    Failure::input(
        errors
            .iter()
            .map(|e| {
                format!(
                    "{}:{}: {}: {}",
                    path.display(),
                    e.pointer,
                    e.code,
                    e.message
                )
            })
            .collect(),
    )
}

fn print(v: &Value) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
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
                        e.pointer,
                        e.code,
                        e.message
                    );
                }
            }
            if let Err(errors) = &imported.compiled {
                return Err(Failure::input(
                    errors
                        .iter()
                        .map(|e| format!("imported form:{}: {}: {}", e.pointer, e.code, e.message))
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
        FhirCommand::Score {
            response,
            questionnaires,
            forms: dir,
            bundle,
        } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from(forms::DEFAULT_DIR));
            let mut shipped = Vec::new();
            if dir.is_dir() {
                for file in
                    crate::validate::collect(std::slice::from_ref(&dir)).map_err(Failure::usage)?
                {
                    shipped.push(forms::load(&file).map_err(|e| Failure::input(e.lines()))?);
                }
            }
            let mut candidates: Vec<Candidate> =
                shipped.iter().cloned().map(Candidate::of_form).collect();
            for path in &questionnaires {
                let value = read_json(path)?;
                let imported =
                    trygg_fhir::import::import(&value).map_err(|e| located(path, &[e]))?;
                let url = value.get("url").and_then(Value::as_str).unwrap_or_default();
                let version = value
                    .get("version")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let c = Candidate::of_import(url.into(), version.into(), imported, &shipped)
                    .map_err(|e| located(path, &e))?;
                candidates.insert(0, c);
            }
            let value = read_json(&response)?;
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
                    e.pointer,
                    e.code,
                    e.message
                );
            }
            Ok(if scored.problems.is_empty() { 0 } else { 1 })
        }
    }
}
