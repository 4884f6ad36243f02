//! `trygg test <files|dirs>`: run every form's (and programme's) examples; closing line
//! `N passed, N failed`.

use std::path::PathBuf;

/// Options of `trygg test`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub paths: crate::args::Paths,
    /// List passing examples too.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Run the command; returns the process exit code.
pub fn run(args: &Args) -> i32 {
    let (paths, verbose) = (&args.paths.paths, args.verbose);
    let files = match crate::forms::collect(paths) {
        // Programme definitions run below, with their own examples.
        Ok(f) => f
            .into_iter()
            .filter(|f| !crate::programme::is_programme_file(f))
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let form = match crate::forms::load(file) {
            Ok(f) => f,
            Err(e) => {
                for line in e.lines() {
                    println!("{line}");
                }
                println!("FAIL {}: the form does not compile", file.display());
                failed += 1;
                continue;
            }
        };
        let results = trygg::examples::run_examples(&form);
        let ok = results.iter().filter(|r| r.passed()).count();
        println!(
            "{} {}@{}: {ok}/{} examples",
            file.display(),
            form.id(),
            form.version(),
            results.len()
        );
        for r in &results {
            if r.passed() {
                passed += 1;
                if verbose {
                    println!("  ok   #{} {}", r.index, r.name);
                }
            } else {
                failed += 1;
                println!("  FAIL #{} {}", r.index, r.name);
                for f in &r.failures {
                    println!("       {f}");
                }
            }
        }
    }
    // Programme definitions among the paths run their examples too.
    let programmes: Vec<PathBuf> = crate::programme::collect(paths)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| crate::programme::is_programme_file(f))
        .collect();
    let (p_passed, p_failed) = crate::programme::run_tests(&programmes, verbose);
    passed += p_passed;
    failed += p_failed;
    println!("{passed} passed, {failed} failed");
    if failed > 0 || (files.is_empty() && programmes.is_empty()) {
        1
    } else {
        0
    }
}
