//! The `trygg` command line: a thin shell over the engine.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

mod forms;
mod logic;
mod score;
mod test;
mod validate;

#[derive(Parser)]
#[command(
    name = "trygg",
    version,
    about = "Screening-questionnaire engine for child health services",
    after_help = "Exit codes:\n  0  success\n  1  the input has errors (a form does not compile, an example fails, a response is malformed)\n  2  usage or I/O error (missing file, unreadable input)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check form definitions: schema, model and the compiler's semantic checks.
    Validate {
        /// Form files or directories (recursed for *.json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print a JSON report.
        #[arg(long)]
        json: bool,
    },
    /// Run every form's own examples; closes with `N passed, N failed`.
    Test {
        /// Form files or directories (recursed for *.json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// List passing examples too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Score one response (or a family: a JSON array of responses) against a form.
    Score {
        /// The form definition file.
        #[arg(long)]
        form: PathBuf,
        /// The response file, or `-` for standard input.
        #[arg(long)]
        answers: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: score::Format,
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
        Command::Test { paths, verbose } => test::run(&paths, verbose),
        Command::Score {
            form,
            answers,
            format,
        } => score::run(&form, &answers, format),
        Command::Logic => logic::run(),
    };
    std::process::exit(code);
}
