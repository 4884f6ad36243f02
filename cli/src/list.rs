//! `trygg forms [DIR] [--json]`: the registry listing; `trygg schema`: the form JSON Schema.

use crate::forms::{self, Failure};
use std::path::{Path, PathBuf};

/// Options of `trygg forms`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The forms directory (default `forms`).
    pub dir: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Run `trygg forms`.
pub fn forms(args: &Args) -> Result<i32, Failure> {
    let json = args.json;
    let dir = args.dir.as_deref().unwrap_or(Path::new(forms::DEFAULT_DIR));
    let loaded = forms::load_dir(Some(dir))?;
    let entries = loaded.registry.list();
    let file = |id: &str, v: &str| {
        loaded
            .files
            .get(&(id.to_string(), v.to_string()))
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    };
    if json {
        /// An entry with the file it came from.
        #[derive(serde::Serialize)]
        struct Listed<'a, E> {
            #[serde(flatten)]
            entry: &'a E,
            file: String,
        }
        let list: Vec<Listed<'_, _>> = entries
            .iter()
            .map(|e| Listed {
                entry: e,
                file: file(&e.id, &e.version),
            })
            .collect();
        println!(
            "{}",
            trygg::to_canonical_string_of(&list).unwrap_or_else(|_| String::from("null"))
        );
        return Ok(0);
    }
    let rows: Vec<[String; 6]> = entries
        .iter()
        .map(|e| {
            [
                e.id.clone(),
                e.version.clone(),
                crate::batch::name(&e.status),
                e.hash.chars().take(19).collect::<String>() + "…",
                e.checkup
                    .map_or("—".to_string(), |[a, b]| format!("{a}–{b} days")),
                file(&e.id, &e.version),
            ]
        })
        .collect();
    let head = ["id", "version", "status", "hash", "check-up", "file"];
    let mut width = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(width)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    println!("{}", line(&head.map(String::from)));
    for r in &rows {
        println!("{}", line(r));
    }
    println!(
        "{} form versions in {} (full hashes with --json)",
        rows.len(),
        dir.display()
    );
    Ok(0)
}

/// Run `trygg schema`.
pub fn schema() -> Result<i32, Failure> {
    print!("{}", trygg::schema::FORM_SCHEMA);
    if !trygg::schema::FORM_SCHEMA.ends_with('\n') {
        println!();
    }
    Ok(0)
}
