//! `trygg score --form FILE|ID@VERSION|ID --answers FILE|-`: one response (or a family: a
//! JSON array of responses) → its outcome as canonical JSON, or a readable summary with
//! `--format text`. The form is resolved as in every other command (`forms::resolve`).

use crate::args::{FormRef, Format, Words};
use std::fmt::Write;
use std::path::PathBuf;
use trygg::outcome::Outcome;
use trygg::{Response, TextPack};

/// Options of `trygg score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub form: FormRef,
    /// The response file, or `-` for standard input.
    #[arg(long)]
    pub answers: PathBuf,
    #[command(flatten)]
    pub words: Words,
}

/// Run the command; returns the process exit code.
pub fn run(args: &Args) -> i32 {
    let answers = args.answers.as_path();
    let (format, locale) = (args.words.format, args.words.locale.as_deref());
    let form = match crate::forms::resolve_in(&args.form.form, args.form.forms.dir.as_deref()) {
        Ok(f) => f,
        Err(e) => return e.report(),
    };
    let mut packs = Vec::new();
    for path in &args.words.text_packs {
        let loaded = crate::forms::read_limited(path, &trygg::input::FORM)
            .map_err(|e| vec![format!("error: {e}")])
            .and_then(|t| {
                t.map_err(|e| {
                    vec![format!(
                        "{}:{}: {}: {}",
                        path.display(),
                        e.path,
                        e.code,
                        e.message
                    )]
                })
            })
            .and_then(|t| {
                TextPack::load(&t, &form).map_err(|e| {
                    e.0.iter()
                        .map(|e| {
                            format!("{}:{}: {}: {}", path.display(), e.path, e.code, e.message)
                        })
                        .collect()
                })
            });
        match loaded {
            Ok(p) => packs.push(p),
            Err(lines) => {
                for line in lines {
                    eprintln!("{line}");
                }
                return 1;
            }
        }
    }
    let packs: Vec<&TextPack> = packs.iter().collect();
    let text = match crate::forms::read_limited(answers, &trygg::input::FAMILY) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            eprintln!(
                "{}:{}: {}: {}",
                answers.display(),
                e.path,
                e.code,
                e.message
            );
            return 1;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let located = |e: trygg::Error| {
        eprintln!(
            "{}:{}: {}: {}",
            answers.display(),
            e.path,
            e.code,
            e.message
        );
        1
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(_) => {
            // Let the response parser give the located message.
            return match trygg::parse_response(&text) {
                Err(e) => located(e),
                Ok(_) => 1,
            };
        }
    };
    // The text's locale: asked for, else the response's, else the form's first.
    let locale_of = |r: &Response| -> String {
        locale
            .map(str::to_string)
            .or_else(|| {
                r.context
                    .get("locale")
                    .and_then(|l| l.as_str())
                    .map(str::to_string)
            })
            .or_else(|| form.def().locales.first().cloned())
            .unwrap_or_default()
    };
    if let serde_json::Value::Array(list) = &value {
        let mut responses = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            match trygg::parse::response_from_value(v) {
                Ok(r) => responses.push(r),
                Err(mut e) => {
                    e.path = format!("/{i}{}", e.path);
                    return located(e);
                }
            }
        }
        let family = match trygg::evaluate_family(&form, &responses) {
            Ok(f) => f,
            Err(e) => return located(e),
        };
        let summary = family.summary();
        match format {
            Format::Json => println!("{}", summary.to_json()),
            Format::Text => {
                // The clinician's text, in the engine's words: urgent first, then each
                // respondent (in their own locale), then the family's offers.
                let loc = locale
                    .map(str::to_string)
                    .or_else(|| form.def().locales.first().cloned())
                    .unwrap_or_default();
                let explained: Vec<_> = responses
                    .iter()
                    .zip(&summary.respondents)
                    .map(|(r, o)| trygg::explain(&form, r, o, &locale_of(r), &packs))
                    .collect();
                print!(
                    "{}",
                    trygg::explain::family_text(&summary, &explained, &loc)
                );
            }
        }
        return 0;
    }
    if text.len() > trygg::input::RESPONSE.limit {
        // One response, not a family: the one-response limit applies, as everywhere.
        return match trygg::input::check_text(&text, &trygg::input::RESPONSE) {
            Err(e) => located(e),
            Ok(()) => 1,
        };
    }
    let response = match trygg::parse::response_from_value(&value) {
        Ok(r) => r,
        Err(e) => return located(e),
    };
    let outcome = trygg::evaluate(&form, &response);
    match format {
        Format::Json => println!("{}", outcome.to_json()),
        Format::Text => {
            let e = trygg::explain(&form, &response, &outcome, &locale_of(&response), &packs);
            print!("{}", e.to_text());
            print!("{}", problems_text(&outcome));
        }
    }
    0
}

/// Completeness, problems and ignored answers (for whoever fixes the response).
fn problems_text(o: &Outcome) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "completeness: {}", o.completeness.as_str());
    for p in &o.problems {
        let _ = writeln!(s, "  problem {} at {}: {}", p.code, p.path, p.message);
    }
    for i in &o.ignored {
        let _ = writeln!(s, "  ignored answer to {} ({})", i.item, i.reason);
    }
    s
}
