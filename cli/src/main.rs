//! The `trygg` command line: a thin shell over the engine.

use clap::{Parser, Subcommand};

/// The binary's allocator: `batch` and `diff` allocate and free many small values per
/// response on every core, where mimalloc's per-thread heaps beat the system allocator
/// (issue 17). The engine library keeps whatever allocator its host chooses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod args;
mod batch;
mod diff;
mod fhir;
mod forms;
mod list;
mod logic;
mod ndjson;
mod programme;
mod score;
mod synth;
mod test;
mod validate;

#[derive(Parser)]
#[command(
    name = "trygg",
    version,
    about = "Screening-questionnaire engine for child health services",
    after_help = "Exit codes:\n  0  success\n  1  the input has errors (a form does not compile, an example fails, a response is malformed,\n     a batch wrote at least one error record)\n  2  usage or I/O error (missing file, unreadable input, unknown --form)\n\nNDJSON input (batch, diff) and output (synth): one response per line, optionally with the\nenvelope fields `id`, `family`, `synthetic`, `meta`; see docs/cli.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check form definitions: schema, model and the compiler's semantic checks.
    Validate(validate::Args),
    /// Run every form's own examples; closes with `N passed, N failed`.
    Test(test::Args),
    /// Score one response (or a family: a JSON array of responses) against a form.
    Score(score::Args),
    /// Score an NDJSON stream of responses (bulk re-scoring)
    ///
    /// One canonical outcome (or error record naming the line) per non-blank input line,
    /// in input order, on every core, in constant memory. Each response is scored with the
    /// form version it names, else with --form.
    Batch(batch::Args),
    /// Compare two form versions over a set of responses (pilot review)
    ///
    /// Who changes outcome, transition matrices per finding and offer, scale
    /// distributions, and example changes with their reasons. Markdown by default.
    Diff(diff::Args),
    /// List the forms of a directory: id, version, status, hash, check-up window
    Forms(list::Args),
    /// Print the JSON Schema of form definitions.
    Schema,
    /// Write deterministic synthetic responses (NDJSON, never real data)
    ///
    /// Every line is marked `"synthetic": true`; both parents of each family, realistic
    /// answer frequencies, some missing and declined answers.
    Synth(synth::Args),
    /// Evaluate JsonLogic rules from NDJSON on stdin, one answer line per input line.
    ///
    /// Input lines: `{"rule": …, "data": …}` (data defaults to null). Output lines:
    /// `{"result": …}` or `{"error": {"type": …}}`; a malformed line gets an
    /// `Invalid Input` error naming its line number, and the run goes on.
    Logic,
    /// Extended home-visiting programmes: validate, test, plan, report, synth.
    #[command(subcommand)]
    Programme(programme::Cmd),
    /// FHIR R4 / SDC: export and import Questionnaires, score QuestionnaireResponses.
    #[command(subcommand)]
    Fhir(fhir::FhirCommand),
}

/// A closed standard output (`trygg schema | head`) ends the command quietly, as Unix tools
/// do: the Rust runtime ignores SIGPIPE, so every `println!` to a closed pipe would panic
/// (exit 101); with the default action the process ends by SIGPIPE (shell status 141)
/// without a message, in every subcommand.
#[cfg(unix)]
fn default_sigpipe() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGPIPE: i32 = 13; // the same number on Linux, macOS and the BSDs
    const SIG_DFL: usize = 0;
    // SAFETY: `signal` from the C library, called once at start-up before any thread is
    // spawned, restoring the default disposition of one signal; no handler code runs.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

fn main() {
    #[cfg(unix)]
    default_sigpipe();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Score(args) => score::run(&args),
        Command::Batch(args) => batch::run(args).unwrap_or_else(forms::Failure::report),
        Command::Diff(args) => diff::run(args).unwrap_or_else(forms::Failure::report),
        Command::Forms(args) => list::forms(&args).unwrap_or_else(forms::Failure::report),
        Command::Schema => list::schema().unwrap_or_else(forms::Failure::report),
        Command::Synth(args) => synth::run(args).unwrap_or_else(forms::Failure::report),
        Command::Logic => logic::run(),
        Command::Programme(cmd) => programme::run(cmd),
        Command::Fhir(cmd) => fhir::run(cmd).unwrap_or_else(forms::Failure::report),
    };
    std::process::exit(code);
}
