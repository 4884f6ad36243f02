//! `trygg diff --from A --to B --in responses.ndjson`: a shell over `trygg_host::report`
//! (the one report generator; the studio calls it through the wasm module). This file
//! resolves the two versions, streams the NDJSON through the parallel loop (each worker
//! scores a line under both versions, the results are added in input order) and writes the
//! report as Markdown (default), JSON (`--json`) or a self-contained HTML page (`--html`).

use crate::args::FormsDir;
use crate::forms::{self, Failure};
use crate::ndjson::{self, Line};
use std::path::PathBuf;
use trygg_host::report::{self, Builder, Scored};

/// Options of `trygg diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The current version: a file, ID@VERSION or ID.
    #[arg(long)]
    pub from: String,
    /// The new version: a file, ID@VERSION or ID.
    #[arg(long)]
    pub to: String,
    /// Responses (NDJSON), or `-` for standard input.
    #[arg(long = "in", value_name = "FILE")]
    pub input: PathBuf,
    #[command(flatten)]
    pub forms: FormsDir,
    /// Print the report as JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Also write a self-contained HTML report (inline CSS and SVG, no scripts).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// How many changed responses to show with their reasons.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub examples: usize,
    /// The report's language: titles, reasons in words and the report's own words.
    #[arg(long, value_name = "LOCALE", default_value = "en", value_parser = ["sv", "en"])]
    pub lang: String,
}

/// Run the command.
pub fn run(args: Args) -> Result<i32, Failure> {
    let mut loaded = forms::load_dir(args.forms.dir.as_deref())?;
    let a = forms::resolve(&args.from, &mut loaded)?;
    let b = forms::resolve(&args.to, &mut loaded)?;
    let (reader, _) = forms::open_in(&args.input)?;
    let mut lines = ndjson::Lines::new(reader);
    let mut builder = Builder::new(a.clone(), b.clone(), args.examples, &args.lang);
    let work = |line: &Line| line.record().map(|rec| Scored::of(rec, &a, &b));
    ndjson::for_each_ordered(&mut lines, ndjson::workers(), work, |r, _| {
        match r {
            Ok(s) => builder.add(*s),
            Err(e) => builder.error(e),
        }
        Ok(())
    })
    .map_err(|e| Failure::usage(format!("{}: {e}", args.input.display())))?;
    let report = builder.finish(args.input.display().to_string());
    if let Some(path) = &args.html {
        std::fs::write(path, report::html(&report))
            .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    }
    if args.json {
        let v = serde_json::to_value(&report).unwrap_or_default();
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print!("{}", report::markdown(&report));
    }
    Ok(if report.error_count > 0 { 1 } else { 0 })
}
