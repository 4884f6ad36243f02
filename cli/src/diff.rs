//! `trygg diff --from A --to B --in responses.ndjson`: a shell over `trygg_host::report`
//! (the one report generator; the studio calls it through the wasm module). This file
//! resolves the two versions, streams the NDJSON through the parallel loop (each worker
//! scores a line under both versions, the results are added in input order) and writes the
//! report as Markdown (default), JSON (`--json`) or a self-contained HTML page (`--html`).

use crate::forms::{self, Failure};
use crate::ndjson::{self, Line};
use std::path::PathBuf;
use trygg_host::report::{self, Builder, Scored};

/// Options of `trygg diff`.
pub struct Args {
    pub from: String,
    pub to: String,
    pub input: PathBuf,
    pub forms: Option<PathBuf>,
    pub json: bool,
    pub html: Option<PathBuf>,
    pub examples: usize,
    /// `sv` or `en`.
    pub lang: String,
}

/// Run the command.
pub fn run(args: Args) -> Result<i32, Failure> {
    let mut loaded = forms::load_dir(args.forms.as_deref())?;
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
