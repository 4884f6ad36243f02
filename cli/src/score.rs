//! `trygg score --form FILE --answers FILE|-`: one response (or a family: a JSON array of
//! responses) → its outcome as canonical JSON, or a readable summary with `--format text`.

use std::fmt::Write;
use std::path::Path;
use trygg::outcome::{Handling, Outcome};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Canonical JSON (RFC 8785).
    Json,
    /// A readable summary.
    Text,
}

/// Run the command; returns the process exit code.
pub fn run(form: &Path, answers: &Path, format: Format) -> i32 {
    let form = match crate::forms::load(form) {
        Ok(f) => f,
        Err(e) => {
            for line in e.lines() {
                eprintln!("{line}");
            }
            return 1;
        }
    };
    let text = match crate::forms::read_input(answers) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let located = |e: trygg::Error| {
        eprintln!(
            "{}:{}: {}: {}",
            answers.display(),
            e.pointer,
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
    if let serde_json::Value::Array(list) = &value {
        let mut responses = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            match trygg::parse::response_from_value(v) {
                Ok(r) => responses.push(r),
                Err(mut e) => {
                    e.pointer = format!("/{i}{}", e.pointer);
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
                for o in &summary.respondents {
                    print!("{}", text_summary(o));
                    println!();
                }
                println!("Family offers:");
                for f in &summary.offers {
                    println!("  {} — {}", offer_text(&f.offer), f.respondents.join(", "));
                }
                for a in &summary.actions {
                    println!(
                        "  URGENT {} — {}",
                        action_text(a.action),
                        a.respondents.join(", ")
                    );
                }
            }
        }
        return 0;
    }
    let response = match trygg::parse::response_from_value(&value) {
        Ok(r) => r,
        Err(e) => return located(e),
    };
    let outcome = trygg::evaluate(&form, &response);
    match format {
        Format::Json => println!("{}", outcome.to_json()),
        Format::Text => print!("{}", text_summary(&outcome)),
    }
    0
}

fn offer_text(o: &trygg::model::Offer) -> String {
    o.label()
}

fn action_text(a: trygg::model::Action) -> String {
    a.as_str().to_string()
}

/// A readable summary of one outcome (for a terminal or a ticket).
pub fn text_summary(o: &Outcome) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}@{} ({}){}",
        o.form.id,
        o.form.version,
        o.form.hash,
        o.respondent
            .as_ref()
            .map(|r| format!(" — respondent {r}"))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "completeness: {}", o.completeness.as_str());
    for p in &o.problems {
        let _ = writeln!(s, "  problem {} at {}: {}", p.code, p.path, p.message);
    }
    for i in &o.ignored {
        let _ = writeln!(s, "  ignored answer to {} ({})", i.item, i.reason);
    }
    if !o.scales.is_empty() {
        let _ = writeln!(s, "scales:");
    }
    for sc in &o.scales {
        let value = sc.value.map_or("—".to_string(), |v| v.to_string());
        let band = sc
            .band
            .as_deref()
            .map(|b| format!(" [{b}]"))
            .unwrap_or_default();
        let cut = sc
            .cutoff
            .as_ref()
            .map(|c| {
                let state = match c.reached {
                    Some(true) => "reached",
                    Some(false) => "not reached",
                    None => "not decidable",
                };
                format!("; cut-off {} ({}) {state}", c.value, c.profile)
            })
            .unwrap_or_default();
        let handling = match sc.handling {
            Handling::Complete => "complete",
            Handling::AnsweredOnly => "answered items only",
            Handling::Prorated => "prorated",
            Handling::Invalid => "too many missing",
            Handling::NotApplicable => "not asked",
        };
        let _ = writeln!(
            s,
            "  {} = {value}{band} ({} answered, {} missing, {handling}){cut}",
            sc.id, sc.answered, sc.missing
        );
    }
    let _ = writeln!(
        s,
        "findings:{}",
        if o.findings.is_empty() { " none" } else { "" }
    );
    for f in &o.findings {
        let read: Vec<String> = f
            .because
            .read
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        let _ = writeln!(
            s,
            "  {} {} ({}) because {}",
            f.severity.as_str().to_uppercase(),
            f.id,
            f.domain,
            read.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "offers:{}",
        if o.offers.is_empty() { " none" } else { "" }
    );
    for of in &o.offers {
        let rules: Vec<&str> = of.because.iter().map(|b| b.rule.as_str()).collect();
        let _ = writeln!(s, "  {} — rule {}", offer_text(&of.offer), rules.join(", "));
    }
    for a in &o.actions {
        let rules: Vec<&str> = a.because.iter().map(|b| b.rule.as_str()).collect();
        let _ = writeln!(
            s,
            "  URGENT {} — rule {}",
            action_text(a.action),
            rules.join(", ")
        );
    }
    s
}
