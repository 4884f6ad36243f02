//! `trygg synth`: a shell over `trygg_host::synth` (the one seeded generator; the studio
//! calls the same code through the wasm module's `Engine.synth`). This file resolves the
//! forms, reads the `--config` file, streams the records to the output and says what it
//! wrote; how answers are drawn is documented in the host module.

use crate::forms::{self, Failure};
use std::io::Write;
use std::path::PathBuf;
use trygg_host::synth::{self as host, Config, Synth};

/// Options of `trygg synth`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The form: a file, ID@VERSION or ID. Repeat to answer the union of several
    /// versions' items, for `trygg diff` (such records name no form version).
    #[arg(long = "form", value_name = "FORM", required = true)]
    pub forms_spec: Vec<String>,
    /// Number of responses (lines) to write.
    #[arg(long)]
    pub n: u64,
    /// Seed: the same seed (with the same forms, profile and config) gives the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Answer-frequency profile.
    #[arg(long, value_enum, default_value = "realistic")]
    pub profile: Profile,
    /// JSON file overriding frequencies (see docs/cli.md).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub forms: crate::args::FormsDir,
    /// Output file, or `-` for standard output.
    #[arg(long = "out", value_name = "FILE", default_value = "-")]
    pub output: PathBuf,
}

/// Built-in answer-frequency profiles (`trygg_host::synth::Profile`, as clap values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// Most answers unconcerning, a realistic minority concerning, some missing/declined.
    Realistic,
    /// A high-risk population: about three times as many concerning answers.
    HighRisk,
    /// Every value equally likely, more missing and declined: edge cases, not realism.
    Uniform,
    /// Every answer unconcerning and nothing missing: a control group.
    Negative,
}

impl From<Profile> for host::Profile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Realistic => host::Profile::Realistic,
            Profile::HighRisk => host::Profile::HighRisk,
            Profile::Uniform => host::Profile::Uniform,
            Profile::Negative => host::Profile::Negative,
        }
    }
}

/// Run the command.
pub fn run(args: Args) -> Result<i32, Failure> {
    let mut loaded = forms::load_dir(args.forms.dir.as_deref())?;
    let mut list = Vec::new();
    for spec in &args.forms_spec {
        list.push(forms::resolve(spec, &mut loaded)?);
    }
    // A located config error: `file:/pointer: synth.config: message`.
    let located = |file: &std::path::Path, e: trygg::Error| {
        Failure::input(vec![format!(
            "{}:{}: {}: {}",
            file.display(),
            e.path,
            e.code,
            e.message
        )])
    };
    let config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
            Some(Config::from_json(&text).map_err(|e| located(path, e))?)
        }
        None => None,
    };
    let profile = host::Profile::from(args.profile);
    let synth = Synth::new(list, profile, config.as_ref()).map_err(|e| match &args.config {
        Some(path) if e.code == "synth.config" => located(path, e),
        _ => Failure::usage(e.message),
    })?;
    let mut out = forms::open_out(&args.output)?;
    let io = |e: std::io::Error| Failure::usage(format!("{}: {e}", args.output.display()));
    let written = synth
        .write(args.n, args.seed, |line| {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")
        })
        .map_err(io)?;
    out.flush().map_err(io)?;
    eprintln!(
        "trygg synth: {} synthetic responses from {} families ({}, seed {}, profile {:?})",
        written.records,
        written.families,
        synth.forms(),
        args.seed,
        args.profile
    );
    Ok(0)
}
