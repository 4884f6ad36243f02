//! `trygg validate <files|dirs> [--json]`: schema check, model check and compile of form files.

use std::path::Path;

use crate::forms::collect;

/// Options of `trygg validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub paths: crate::args::Paths,
    /// Print a JSON report.
    #[arg(long)]
    pub json: bool,
}

/// Check one form file (schema, model and the compiler's semantic checks); every error.
pub fn check_file(path: &Path) -> Vec<trygg::Error> {
    match crate::forms::load(path) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors,
    }
}

/// Run the command; returns the process exit code.
pub fn run(args: &Args) -> i32 {
    let json = args.json;
    let files = match collect(&args.paths.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut failed = 0usize;
    let mut report = Vec::new();
    for file in &files {
        let errors = check_file(file);
        if !errors.is_empty() {
            failed += 1;
        }
        if json {
            report.push(serde_json::json!({
                "file": file.display().to_string(),
                "ok": errors.is_empty(),
                "errors": errors.iter().map(|e| serde_json::json!({
                    "code": e.code, "path": e.path, "message": e.message
                })).collect::<Vec<_>>(),
            }));
        } else {
            for e in &errors {
                println!("{}:{}: {}: {}", file.display(), e.path, e.code, e.message);
            }
        }
    }
    if json {
        println!("{}", serde_json::Value::Array(report));
    } else {
        println!("{} forms checked, {} with errors", files.len(), failed);
    }
    if failed > 0 {
        1
    } else {
        0
    }
}
