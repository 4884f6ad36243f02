//! Option groups shared by several subcommands. Each command's `Args` (in its own module)
//! flattens the groups it takes, so an option is declared once, with one help text and one
//! meaning, whichever command it is given to.

use std::path::PathBuf;

/// Form files or directories, as positional arguments.
#[derive(clap::Args, Debug)]
pub struct Paths {
    /// Form files or directories (recursed for *.json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// `--forms DIR`: where `ID@VERSION`, `ID` and the versions named by responses are looked up.
#[derive(clap::Args, Debug, Default)]
pub struct FormsDir {
    /// Forms directory for ID@VERSION, ID and the versions responses name (default `forms`).
    #[arg(long = "forms", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `--form FILE|ID@VERSION|ID` with the `--forms` directory it is looked up in
/// (resolved by `forms::resolve`).
#[derive(clap::Args, Debug)]
pub struct FormRef {
    /// The form: a file, ID@VERSION or ID (its highest active version).
    #[arg(long, value_name = "FORM")]
    pub form: String,
    #[command(flatten)]
    pub forms: FormsDir,
}

/// How an outcome is printed: `--format`, and for words `--locale` and `--text-pack`.
#[derive(clap::Args, Debug)]
pub struct Words {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Locale of the text format (a form locale; default: the response's, else the
    /// form's first).
    #[arg(long)]
    pub locale: Option<String>,
    /// A text pack for licensed wording (repeatable).
    #[arg(long = "text-pack", value_name = "FILE")]
    pub text_packs: Vec<PathBuf>,
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Canonical JSON (RFC 8785).
    Json,
    /// A readable summary.
    Text,
}
