//! The `trygg` command line: a thin shell over the engine.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The binary's allocator: `batch` and `diff` allocate and free many small values per
/// response on every core, where mimalloc's per-thread heaps beat the system allocator
/// (issue 17). The engine library keeps whatever allocator its host chooses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod batch;
mod diff;
mod diff_html;
mod fhir;
mod forms;
mod list;
mod logic;
mod ndjson;
mod programme;
mod programme_html;
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
        /// Locale of the text format (a form locale; default: the response's, else the
        /// form's first).
        #[arg(long)]
        locale: Option<String>,
        /// A text pack for licensed wording (repeatable).
        #[arg(long = "text-pack", value_name = "FILE")]
        text_packs: Vec<PathBuf>,
    },
    /// Score an NDJSON stream of responses (bulk re-scoring)
    ///
    /// One canonical outcome (or error record naming the line) per non-blank input line,
    /// in input order, on every core, in constant memory. Each response is scored with the
    /// form version it names, else with --form.
    Batch {
        /// The form: a file, ID@VERSION or ID (its highest active version). Optional when
        /// every response names its `form` and `version`.
        #[arg(long)]
        form: Option<String>,
        /// Responses (NDJSON), or `-` for standard input.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// Outcomes (NDJSON), or `-` for standard output.
        #[arg(long = "out", value_name = "FILE", default_value = "-")]
        output: PathBuf,
        /// Forms directory for ID@VERSION and for versions named by responses.
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Also write the closing summary as JSON to this file.
        #[arg(long, value_name = "FILE")]
        summary_json: Option<PathBuf>,
        /// Print time, throughput and peak memory (VmHWM) after the summary.
        #[arg(long)]
        stats: bool,
        /// Worker threads (default: the available cores).
        #[arg(long, value_name = "N")]
        workers: Option<usize>,
    },
    /// Compare two form versions over a set of responses (pilot review)
    ///
    /// Who changes outcome, transition matrices per finding and offer, scale
    /// distributions, and example changes with their reasons. Markdown by default.
    Diff {
        /// The current version: a file, ID@VERSION or ID.
        #[arg(long)]
        from: String,
        /// The new version: a file, ID@VERSION or ID.
        #[arg(long)]
        to: String,
        /// Responses (NDJSON), or `-` for standard input.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// Forms directory for ID@VERSION.
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Print the report as JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Also write a self-contained HTML report (inline CSS and SVG, no scripts).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// How many changed responses to show with their reasons.
        #[arg(long, value_name = "N", default_value_t = 5)]
        examples: usize,
    },
    /// List the forms of a directory: id, version, status, hash, check-up window
    Forms {
        /// The forms directory (default `forms`).
        dir: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of form definitions.
    Schema,
    /// Write deterministic synthetic responses (NDJSON, never real data)
    ///
    /// Every line is marked `"synthetic": true`; both parents of each family, realistic
    /// answer frequencies, some missing and declined answers.
    Synth {
        /// The form: a file, ID@VERSION or ID. Repeat to answer the union of several
        /// versions' items, for `trygg diff` (such records name no form version).
        #[arg(long = "form", required = true)]
        form: Vec<String>,
        /// Number of responses (lines) to write.
        #[arg(long)]
        n: u64,
        /// Seed: the same seed (with the same forms, profile and config) gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Answer-frequency profile.
        #[arg(long, value_enum, default_value = "realistic")]
        profile: synth::Profile,
        /// JSON file overriding frequencies (see docs/cli.md).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Forms directory for ID@VERSION.
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Output file, or `-` for standard output.
        #[arg(long = "out", value_name = "FILE", default_value = "-")]
        output: PathBuf,
    },
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
        Command::Validate { paths, json } => validate::run(&paths, json),
        Command::Test { paths, verbose } => test::run(&paths, verbose),
        Command::Score {
            form,
            answers,
            format,
            locale,
            text_packs,
        } => score::run(&form, &answers, format, locale.as_deref(), &text_packs),
        Command::Batch {
            form,
            input,
            output,
            forms,
            summary_json,
            stats,
            workers,
        } => batch::run(batch::Args {
            form,
            input,
            output,
            forms,
            summary_json,
            stats,
            workers,
        })
        .unwrap_or_else(forms::Failure::report),
        Command::Diff {
            from,
            to,
            input,
            forms,
            json,
            html,
            examples,
        } => diff::run(diff::Args {
            from,
            to,
            input,
            forms,
            json,
            html,
            examples,
        })
        .unwrap_or_else(forms::Failure::report),
        Command::Forms { dir, json } => {
            list::forms(dir.as_deref(), json).unwrap_or_else(forms::Failure::report)
        }
        Command::Schema => list::schema().unwrap_or_else(forms::Failure::report),
        Command::Synth {
            form,
            n,
            seed,
            profile,
            config,
            forms,
            output,
        } => synth::run(synth::Args {
            forms_spec: form,
            n,
            seed,
            profile,
            config,
            forms,
            output,
        })
        .unwrap_or_else(forms::Failure::report),
        Command::Logic => logic::run(),
        Command::Programme(cmd) => programme::run(cmd),
        Command::Fhir(cmd) => fhir::run(cmd).unwrap_or_else(forms::Failure::report),
    };
    std::process::exit(code);
}
