//! `trygg batch`: score an NDJSON stream of responses, in bounded chunks on every core,
//! writing one canonical outcome (or error record) per non-blank input line, in order.
//!
//! Each worker scores its part of a chunk, writes every outcome's canonical JSON straight
//! into one text buffer for the part, counts it, and drops it (`score_part`): the outcomes
//! are made and freed on the thread that made them, and the writing thread receives only
//! text to copy out and counts to add.

use crate::forms::{self, Failure};
use crate::ndjson::{self, Line, LineError};
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

/// One more under `key` (its text allocated only the first time it is seen).
fn bump(map: &mut BTreeMap<String, u64>, key: &str, by: u64) {
    match map.get_mut(key) {
        Some(n) => *n += by,
        None => {
            map.insert(key.to_string(), by);
        }
    }
}

impl Summary {
    /// Count one outcome.
    pub fn outcome(&mut self, o: &Outcome) {
        self.lines += 1;
        self.outcomes += 1;
        bump(&mut self.completeness, o.completeness.as_str(), 1);
        let mut kinds: Vec<&str> = o.offers.iter().map(|f| f.offer.kind()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            bump(&mut self.offers, k, 1);
        }
        for a in &o.actions {
            bump(&mut self.actions, a.action.as_str(), 1);
        }
        let mut sev: Vec<&str> = o.findings.iter().map(|f| f.severity.as_str()).collect();
        sev.sort_unstable();
        sev.dedup();
        for s in sev {
            bump(&mut self.severity, s, 1);
        }
        // The key is `id@version`; found without building it (a batch has few versions).
        let (id, version) = (o.form.id.as_str(), o.form.version.as_str());
        let is_key =
            |k: &str| k.strip_prefix(id).and_then(|r| r.strip_prefix('@')) == Some(version);
        match self.forms.iter_mut().find(|(k, _)| is_key(k)) {
            Some((_, n)) => *n += 1,
            None => {
                self.forms.insert(format!("{id}@{version}"), 1);
            }
        }
    }

    /// Count one error record.
    pub fn error(&mut self, e: &LineError) {
        self.lines += 1;
        self.errors += 1;
        bump(&mut self.error_codes, e.code, 1);
    }

    /// Add another summary's counts (a worker's part of a chunk).
    pub fn add(&mut self, other: &Summary) {
        self.lines += other.lines;
        self.outcomes += other.outcomes;
        self.errors += other.errors;
        for (mine, theirs) in [
            (&mut self.completeness, &other.completeness),
            (&mut self.offers, &other.offers),
            (&mut self.actions, &other.actions),
            (&mut self.severity, &other.severity),
            (&mut self.error_codes, &other.error_codes),
            (&mut self.forms, &other.forms),
        ] {
            for (k, n) in theirs {
                bump(mine, k, *n);
            }
        }
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

/// What a worker hands the writer for its part of a chunk: the output lines, and their
/// counts.
struct Part {
    text: String,
    summary: Summary,
}

/// Score a worker's part of a chunk: for each line parse, pick the form version, evaluate,
/// append the canonical outcome (or error record) and a newline to the part's text, count
/// it, and drop the outcome here.
fn score_part(lines: &[Line], default: Option<&Arc<CompiledForm>>, registry: &Registry) -> Part {
    // An outcome of the check-up forms is 1–3 KB.
    let mut part = Part {
        text: String::with_capacity(lines.len() * 2048),
        summary: Summary::default(),
    };
    for line in lines {
        let scored = line.record().and_then(|rec| {
            let form = ndjson::form_for(&rec, default, registry)?;
            Ok(trygg::evaluate(&form, &rec.response))
        });
        match scored {
            Ok(o) => {
                part.summary.outcome(&o);
                if trygg::write_canonical(&mut part.text, &o).is_err() {
                    part.text.push_str("null");
                }
            }
            Err(e) => {
                part.summary.error(&e);
                e.write_json(&mut part.text);
            }
        }
        part.text.push('\n');
    }
    part
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
    let result = ndjson::for_each_part(
        &mut lines,
        workers,
        |part| score_part(part, default.as_ref(), &registry),
        |part, read| {
            out.write_all(part.text.as_bytes())?;
            summary.add(&part.summary);
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
        /// The summary, with the run's figures under `--stats`.
        #[derive(serde::Serialize)]
        struct Written<'a> {
            #[serde(flatten)]
            summary: &'a Summary,
            #[serde(skip_serializing_if = "Option::is_none")]
            stats: Option<Stats>,
        }
        #[derive(serde::Serialize)]
        struct Stats {
            seconds: f64,
            workers: usize,
            #[serde(rename = "peakRssKiB")]
            peak_rss_kib: Option<u64>,
        }
        let written = Written {
            summary: &summary,
            stats: args.stats.then_some(Stats {
                seconds: elapsed,
                workers,
                peak_rss_kib: peak,
            }),
        };
        let text = trygg::to_canonical_string_of(&written).unwrap_or_else(|_| "null".into());
        std::fs::write(path, format!("{text}\n")).map_err(|e| io_err(path, e))?;
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
