//! `trygg batch`: score an NDJSON stream of responses, in bounded chunks on every core,
//! writing one canonical outcome (or error record) per non-blank input line, in order.

use crate::forms::{self, Failure};
use crate::ndjson::{self, Line, LineError};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use trygg::{CompiledForm, Outcome, Registry};

/// Options of `trygg batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The form: a file, ID@VERSION or ID (its highest active version). Optional when
    /// every response names its `form` and `version`.
    #[arg(long)]
    pub form: Option<String>,
    /// Responses (NDJSON), or `-` for standard input.
    #[arg(long = "in", value_name = "FILE")]
    pub input: PathBuf,
    /// Outcomes (NDJSON), or `-` for standard output.
    #[arg(long = "out", value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
    #[command(flatten)]
    pub forms: crate::args::FormsDir,
    /// Also write the closing summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Print time, throughput and peak memory (VmHWM) after the summary.
    #[arg(long)]
    pub stats: bool,
    /// Worker threads (default: the available cores).
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
}

/// Counts over a batch.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Non-blank input lines.
    pub lines: u64,
    /// Outcomes written.
    pub outcomes: u64,
    /// Error records written.
    pub errors: u64,
    /// Outcomes by completeness.
    pub completeness: BTreeMap<String, u64>,
    /// Outcomes with at least one offer of each kind.
    pub offers: BTreeMap<String, u64>,
    /// Outcomes with each urgent action.
    pub actions: BTreeMap<String, u64>,
    /// Outcomes with at least one finding of each severity.
    pub severity: BTreeMap<String, u64>,
    /// Error records by code.
    #[serde(rename = "errorCodes")]
    pub error_codes: BTreeMap<String, u64>,
    /// Outcomes per form version (`id@version`).
    pub forms: BTreeMap<String, u64>,
}

impl Summary {
    /// Count one outcome.
    pub fn outcome(&mut self, o: &Outcome) {
        self.lines += 1;
        self.outcomes += 1;
        *self
            .completeness
            .entry(o.completeness.as_str().to_string())
            .or_default() += 1;
        let mut kinds: Vec<&str> = o.offers.iter().map(|f| f.offer.kind()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            *self.offers.entry(k.to_string()).or_default() += 1;
        }
        for a in &o.actions {
            *self.actions.entry(name(&a.action)).or_default() += 1;
        }
        let mut sev: Vec<String> = o.findings.iter().map(|f| name(&f.severity)).collect();
        sev.sort_unstable();
        sev.dedup();
        for s in sev {
            *self.severity.entry(s).or_default() += 1;
        }
        *self
            .forms
            .entry(format!("{}@{}", o.form.id, o.form.version))
            .or_default() += 1;
    }

    /// Count one error record.
    pub fn error(&mut self, e: &LineError) {
        self.lines += 1;
        self.errors += 1;
        *self.error_codes.entry(e.code.to_string()).or_default() += 1;
    }

    /// Readable lines for stderr.
    pub fn text(&self) -> String {
        let list = |m: &BTreeMap<String, u64>| {
            if m.is_empty() {
                "none".to_string()
            } else {
                m.iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        format!(
            "{} lines: {} outcomes, {} errors\n  completeness: {}\n  offers (outcomes with at least one): {}\n  urgent actions: {}\n  findings by severity: {}\n  forms: {}\n  errors: {}\n",
            self.lines,
            self.outcomes,
            self.errors,
            list(&self.completeness),
            list(&self.offers),
            list(&self.actions),
            list(&self.severity),
            list(&self.forms),
            list(&self.error_codes),
        )
    }
}

/// A serde enum's JSON string.
pub fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// What a worker produces for one line.
enum Scored {
    Outcome(String, Box<Outcome>),
    Error(LineError),
}

/// Score one line: parse, pick the form version, evaluate.
fn score_line(line: &Line, default: Option<&Arc<CompiledForm>>, registry: &Registry) -> Scored {
    let scored = line.record().and_then(|rec| {
        let form = ndjson::form_for(&rec, default, registry)?;
        Ok(trygg::evaluate(&form, &rec.response))
    });
    match scored {
        Ok(o) => Scored::Outcome(o.to_json(), Box::new(o)),
        Err(e) => Scored::Error(e),
    }
}

/// Run the command; returns the exit code (0 ok, 1 when any line was an error record).
pub fn run(args: Args) -> Result<i32, Failure> {
    let mut forms = forms::load_dir(args.forms.dir.as_deref())?;
    let default = match &args.form {
        Some(spec) => Some(forms::resolve(spec, &mut forms)?),
        None => None,
    };
    let registry = forms.registry;
    let same = |a: &Path, b: &Path| {
        a.as_os_str() != "-"
            && matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    };
    if same(&args.input, &args.output) {
        return Err(Failure::usage(format!(
            "--out {} is the input file; write the outcomes elsewhere",
            args.output.display()
        )));
    }
    let (reader, size) = forms::open_in(&args.input)?;
    let mut out = forms::open_out(&args.output)?;
    let progress = progress_bar(size);
    let started = Instant::now();
    let workers = args.workers.unwrap_or_else(ndjson::workers);
    let mut lines = ndjson::Lines::new(reader);
    let mut summary = Summary::default();
    let io_err =
        |what: &Path, e: std::io::Error| Failure::usage(format!("{}: {e}", what.display()));
    let result = ndjson::for_each_ordered(
        &mut lines,
        workers,
        |line| score_line(line, default.as_ref(), &registry),
        |scored, read| {
            match scored {
                Scored::Outcome(text, o) => {
                    summary.outcome(&o);
                    out.write_all(text.as_bytes())?;
                }
                Scored::Error(e) => {
                    summary.error(&e);
                    out.write_all(e.to_json().as_bytes())?;
                }
            }
            out.write_all(b"\n")?;
            progress.set_position(read);
            Ok(())
        },
    );
    if let Err(e) = result {
        progress.finish_and_clear();
        return Err(match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::usage("output closed early (broken pipe)"),
            _ => io_err(&args.input, e),
        });
    }
    out.flush().map_err(|e| io_err(&args.output, e))?;
    drop(out);
    progress.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    eprint!("trygg batch: {}", summary.text());
    let peak = forms::peak_rss_kib();
    if args.stats {
        eprintln!(
            "  stats: {:.2} s, {:.0} lines/s, {workers} workers, peak memory (VmHWM) {}",
            elapsed,
            summary.lines as f64 / elapsed.max(1e-9),
            peak.map_or("unknown".to_string(), |k| format!(
                "{:.1} MiB",
                k as f64 / 1024.0
            ))
        );
    }
    if let Some(path) = &args.summary_json {
        let mut v = serde_json::to_value(&summary).unwrap_or_default();
        if args.stats {
            if let Some(m) = v.as_object_mut() {
                m.insert(
                    "stats".into(),
                    json!({ "seconds": elapsed, "workers": workers, "peakRssKiB": peak }),
                );
            }
        }
        std::fs::write(path, format!("{}\n", trygg::to_canonical_string(&v)))
            .map_err(|e| io_err(path, e))?;
    }
    Ok(if summary.errors > 0 { 1 } else { 0 })
}

/// A progress bar on a terminal (bytes of the input file), hidden otherwise.
pub fn progress_bar(size: Option<u64>) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match size {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let style = indicatif::ProgressStyle::with_template(if size.is_some() {
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta})"
    } else {
        "{spinner} [{elapsed_precise}] {bytes} read ({bytes_per_sec})"
    });
    if let Ok(s) = style {
        bar.set_style(s);
    }
    bar
}
