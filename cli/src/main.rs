//! The `trygg` command line: a thin shell over the engine.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

mod logic;
mod validate;

#[derive(Parser)]
#[command(
    name = "trygg",
    version,
    about = "Screening-questionnaire engine for child health services"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check form definitions against the schema and the model (exit 1 on errors).
    Validate {
        /// Form files or directories (recursed for *.json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a JSON report.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate JsonLogic rules from NDJSON on stdin, one answer line per input line.
    ///
    /// Input lines: `{"rule": …, "data": …}` (data defaults to null). Output lines:
    /// `{"result": …}` or `{"error": {"type": …}}`; a malformed line gets an
    /// `Invalid Input` error naming its line number, and the run goes on.
    Logic,
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate { paths, json } => validate::run(&paths, json),
        Command::Logic => logic::run(),
    };
    std::process::exit(code);
}
