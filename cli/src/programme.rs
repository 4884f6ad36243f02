//! `trygg programme validate|test|plan|report|synth`: extended home-visiting programmes.
//!
//! Definitions live in `programmes/<id>/<version>.json`. `plan` evaluates one family
//! (eligibility, reasons, the visit plan merged with the check-up series of `--forms`);
//! `report` counts NDJSON records of families into the publishable uptake report
//! (Markdown, JSON, self-contained HTML) with small cells suppressed; `synth` makes
//! seeded, synthetic records for a demo.

use crate::forms::{read_limited, Failure};
use crate::ndjson::{Line, Lines};
use clap::{Subcommand, ValueEnum};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use trygg::programme::report::{Period, Report};
use trygg::programme::{load_programme, CompiledProgramme, Programmes};
use trygg_host::report::programme as programme_report;
use trygg_host::synth::Rng;

/// The default programmes directory.
pub const DEFAULT_DIR: &str = "programmes";

/// The `programme` subcommands.
#[derive(Subcommand)]
pub enum Cmd {
    /// Check programme definitions: schema, model and the compiler's checks.
    Validate {
        /// Programme files or directories (recursed for *.json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run every programme's own examples; closes with `N passed, N failed`.
    Test {
        /// Programme files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// List passing examples too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// One family: eligibility with its reasons and the child's plan (canonical JSON)
    ///
    /// The input is JSON: `referenceDate`, `family` {firstChild, firstChildInSweden,
    /// area}, `child` {birthDate | ageDays, ageDaysAtFirstContact}, `visits` made. The
    /// plan merges the programme's visits with the active check-up forms of `--forms`.
    Plan {
        /// The programme: a file, ID@VERSION or ID (its highest active version).
        #[arg(long)]
        programme: String,
        /// The family's input (JSON), or `-` for standard input.
        #[arg(long)]
        input: PathBuf,
        /// Programmes directory for ID@VERSION.
        #[arg(long, value_name = "DIR")]
        programmes: Option<PathBuf>,
        /// Forms directory for the check-up series (default `forms`; none if missing).
        #[arg(long, value_name = "DIR")]
        forms: Option<PathBuf>,
        /// Print a short text plan for the nurse instead of JSON.
        #[arg(long)]
        text: bool,
        /// Print the plan of an enrolled family as a FHIR R4 CarePlan instead (an activity
        /// per programme visit, performers by profession; docs/fhir.md).
        #[arg(long, conflicts_with = "text")]
        fhir: bool,
        /// With --fhir: the CarePlan's subject, a reference to the child (e.g. Patient/123).
        #[arg(long, value_name = "REF", requires = "fhir")]
        subject: Option<String>,
    },
    /// The uptake report: eligible, offered, accepted, declined, not answered, visits
    ///
    /// Counts NDJSON records of families per area and period, with small counts
    /// suppressed so the report can be published. Every record is counted or listed
    /// as an error with its line number (exit code 1 when there is any).
    Report {
        /// The programme id (every version in the programmes directory), or a file.
        #[arg(long)]
        programme: String,
        /// Records (NDJSON), or `-` for standard input.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// Programmes directory.
        #[arg(long, value_name = "DIR")]
        programmes: Option<PathBuf>,
        /// Group by year or quarter (of the offer, else of the assessment).
        #[arg(long, value_enum, default_value = "quarter")]
        period: PeriodArg,
        /// Show counts below N as "<N" (0: show every count).
        #[arg(long, value_name = "N", default_value_t = 5)]
        suppress_below: u64,
        /// Count as planned only visits whose window closed by this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Also write a self-contained HTML page with charts.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Write deterministic synthetic family records (NDJSON, marked synthetic)
    Synth {
        /// The programme: a file, ID@VERSION or ID.
        #[arg(long)]
        programme: String,
        /// Programmes directory.
        #[arg(long, value_name = "DIR")]
        programmes: Option<PathBuf>,
        /// Number of records.
        #[arg(long)]
        n: u64,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// First year of assessments (records spread over two years).
        #[arg(long, default_value_t = 2024)]
        year: i32,
        /// Output file, or `-` for standard output.
        #[arg(long = "out", value_name = "FILE", default_value = "-")]
        output: PathBuf,
    },
}

/// `--period`.
#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    /// Calendar year.
    Year,
    /// Calendar quarter.
    Quarter,
}

/// Run a subcommand; the exit code.
pub fn run(cmd: Cmd) -> i32 {
    let result = match cmd {
        Cmd::Validate { paths } => validate(&paths),
        Cmd::Test { paths, verbose } => {
            test(&paths, verbose).map(|(_, failed, files)| i32::from(failed > 0 || files == 0))
        }
        Cmd::Plan {
            programme,
            input,
            programmes,
            forms,
            text,
            fhir,
            subject,
        } => plan(
            &programme,
            &input,
            programmes.as_deref(),
            forms.as_deref(),
            if fhir {
                PlanOut::CarePlan(subject)
            } else if text {
                PlanOut::Text
            } else {
                PlanOut::Json
            },
        ),
        Cmd::Report {
            programme,
            input,
            programmes,
            period,
            suppress_below,
            as_of,
            json,
            html,
        } => report(ReportArgs {
            programme,
            input,
            programmes,
            period: match period {
                PeriodArg::Year => Period::Year,
                PeriodArg::Quarter => Period::Quarter,
            },
            suppress_below,
            as_of,
            json,
            html,
        }),
        Cmd::Synth {
            programme,
            programmes,
            n,
            seed,
            year,
            output,
        } => synth(&programme, programmes.as_deref(), n, seed, year, &output),
    };
    result.unwrap_or_else(Failure::report)
}

/// Programme files under `paths` (directories recursed; schemas skipped).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|e| Failure::usage(format!("{}: {e}", p.display())))?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(Failure::usage(format!(
                "{}: no such file or directory",
                p.display()
            )));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if is_programme_file(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// A JSON file that is a programme definition (the engine's rule, [`trygg::document`]).
pub fn is_programme_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !trygg::document::is_candidate(name) {
        return false;
    }
    crate::forms::read_limited(p, &trygg::input::FORM)
        .ok()
        .and_then(Result::ok)
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|v| trygg::document::kind(&v) == trygg::document::DocumentKind::Programme)
}

fn load_file(path: &Path) -> Result<CompiledProgramme, Vec<String>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    load_programme(&text).map_err(|e| {
        e.0.iter()
            .map(|e| format!("{}:{}: {}: {}", path.display(), e.path, e.code, e.message))
            .collect()
    })
}

fn validate(paths: &[PathBuf]) -> Result<i32, Failure> {
    let files = collect(paths)?;
    let mut bad = 0;
    for f in &files {
        match load_file(f) {
            Ok(p) => println!(
                "ok   {} {}@{} {}",
                f.display(),
                p.id(),
                p.version(),
                p.hash()
            ),
            Err(lines) => {
                bad += 1;
                for l in lines {
                    println!("{l}");
                }
                println!("FAIL {}", f.display());
            }
        }
    }
    println!("{} valid, {bad} invalid", files.len() - bad);
    Ok(i32::from(bad > 0 || files.is_empty()))
}

/// Run the examples of every programme file under `paths`: (passed, failed, files).
fn test(paths: &[PathBuf], verbose: bool) -> Result<(usize, usize, usize), Failure> {
    let files = collect(paths)?;
    let (passed, failed) = run_tests(&files, verbose);
    println!("{passed} passed, {failed} failed");
    Ok((passed, failed, files.len()))
}

/// Run the examples of these programme files, printing each: (passed, failed).
pub fn run_tests(files: &[PathBuf], verbose: bool) -> (usize, usize) {
    let (mut passed, mut failed) = (0, 0);
    for f in files {
        let p = match load_file(f) {
            Ok(p) => p,
            Err(lines) => {
                for l in lines {
                    println!("{l}");
                }
                println!("FAIL {}: the programme does not compile", f.display());
                failed += 1;
                continue;
            }
        };
        let results = trygg::programme::run_examples(&p);
        let ok = results.iter().filter(|r| r.passed()).count();
        println!(
            "{} {}@{}: {ok}/{} examples",
            f.display(),
            p.id(),
            p.version(),
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
                for line in &r.failures {
                    println!("       {line}");
                }
            }
        }
    }
    (passed, failed)
}

/// Every programme under `dir` (default `programmes`; missing default = none).
fn load_dir(dir: Option<&Path>) -> Result<Programmes, Failure> {
    let (dir, explicit) = match dir {
        Some(d) => (d.to_path_buf(), true),
        None => (PathBuf::from(DEFAULT_DIR), false),
    };
    let mut all = Programmes::new();
    if !dir.exists() {
        return if explicit {
            Err(Failure::usage(format!(
                "{}: no such directory",
                dir.display()
            )))
        } else {
            Ok(all)
        };
    }
    for f in collect(&[dir])? {
        let p = load_file(&f).map_err(Failure::input)?;
        all.insert(p).map_err(|e| {
            Failure::input(vec![format!("{}: {}: {}", f.display(), e.code, e.message)])
        })?;
    }
    Ok(all)
}

/// `--programme FILE|ID@VERSION|ID` → a programme (and the collection it came from).
fn resolve(spec: &str, dir: Option<&Path>) -> Result<(CompiledProgramme, Programmes), Failure> {
    let path = Path::new(spec);
    if path.is_file() {
        let p = load_file(path).map_err(Failure::input)?;
        let mut all = load_dir(dir).unwrap_or_default();
        all.insert(p.clone())
            .map_err(|e| Failure::input(vec![format!("{spec}: {}: {}", e.code, e.message)]))?;
        return Ok((p, all));
    }
    let all = load_dir(dir)?;
    let found = match spec.split_once('@') {
        Some((id, v)) => all.get(id, v),
        None => all.active(spec),
    };
    let p = found
        .map_err(|e| Failure::usage(format!("{}: {}", e.code, e.message)))?
        .clone();
    Ok((p, all))
}

/// What `programme plan` prints.
enum PlanOut {
    Json,
    Text,
    /// A FHIR CarePlan, with the child's reference when given.
    CarePlan(Option<String>),
}

fn plan(
    spec: &str,
    input: &Path,
    programmes: Option<&Path>,
    forms: Option<&Path>,
    out: PlanOut,
) -> Result<i32, Failure> {
    let (p, _) = resolve(spec, programmes)?;
    let forms = crate::forms::load_dir(forms)?;
    let body = read_limited(input, &trygg::input::RESPONSE)
        .map_err(Failure::usage)?
        .map_err(|e| Failure::input(vec![format!("{}: {e}", input.display())]))?;
    let located = |e: trygg::Errors| {
        Failure::input(
            e.0.iter()
                .map(|e| format!("{}:{}: {}: {}", input.display(), e.path, e.code, e.message))
                .collect(),
        )
    };
    if let PlanOut::CarePlan(subject) = &out {
        let value = trygg::input::parse_value(&body, &trygg::input::PROGRAMME_INPUT)
            .map_err(|e| located(e.into()))?;
        let parsed = trygg::programme::plan::input_from_value(&value).map_err(located)?;
        let evaluation =
            trygg::programme::evaluate_programme(&p, &parsed, &forms.registry).map_err(located)?;
        let plan = trygg_fhir::careplan::care_plan(&p, &evaluation, subject.as_deref())
            .map_err(|e| located(e.into()))?;
        println!("{}", trygg::to_canonical_string(&plan));
        return Ok(0);
    }
    let json = trygg::programme::plan::evaluate_programme_json(&p, &body, &forms.registry)
        .map_err(located)?;
    if matches!(out, PlanOut::Text) {
        let v: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| Failure::usage(format!("internal: {e}")))?;
        print!("{}", plan_text(&v));
    } else {
        println!("{json}");
    }
    Ok(0)
}

fn plan_text(v: &serde_json::Value) -> String {
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    let mut out = format!(
        "{}@{}: {}\n",
        s(&v["programme"]["id"]),
        s(&v["programme"]["version"]),
        s(&v["reason"]["en"])
    );
    for e in v["plan"].as_array().into_iter().flatten() {
        let w = &e["window"];
        let when = match (w["fromDate"].as_str(), w["toDate"].as_str()) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => format!("day {} – {}", w["fromAgeDays"], w["toAgeDays"]),
        };
        let what = if e["kind"] == "visit" {
            let who: Vec<String> = e["professions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(s)
                .collect();
            format!("visit {} ({})", s(&e["id"]), who.join(", "))
        } else {
            format!("check-up {}@{}", s(&e["form"]), s(&e["version"]))
        };
        let status = e["status"].as_str().unwrap_or("");
        out.push_str(&format!("  {when:<25} {status:<9} {what}\n"));
    }
    out
}

struct ReportArgs {
    programme: String,
    input: PathBuf,
    programmes: Option<PathBuf>,
    period: Period,
    suppress_below: u64,
    as_of: Option<String>,
    json: bool,
    html: Option<PathBuf>,
}

fn report(a: ReportArgs) -> Result<i32, Failure> {
    let path = Path::new(&a.programme);
    let (id, all) = if path.is_file() {
        let (p, all) = resolve(&a.programme, a.programmes.as_deref())?;
        (p.id().to_string(), all)
    } else {
        let all = load_dir(a.programmes.as_deref())?;
        if !all.iter().any(|p| p.id() == a.programme) {
            return Err(Failure::usage(format!(
                "no programme `{}` in the programmes directory",
                a.programme
            )));
        }
        (a.programme.clone(), all)
    };
    let mut report = Report::new(&all, &id, a.period);
    if let Some(date) = &a.as_of {
        report = report
            .as_of(date)
            .ok_or_else(|| Failure::usage(format!("--as-of {date}: not a YYYY-MM-DD date")))?;
    }
    let reader: Box<dyn std::io::BufRead> = if a.input.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(&a.input)
            .map_err(|e| Failure::usage(format!("{}: {e}", a.input.display())))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut lines = Lines::new(reader);
    while let Some(line) = lines
        .next_line()
        .map_err(|e| Failure::usage(format!("{}: {e}", a.input.display())))?
    {
        match line {
            Line::Text(n, text) => report.add_line(n, &text),
            Line::TooLong(n, _) => report.add_line(n, "\"line too long\""),
            Line::NotUtf8(n) => report.add_line(n, "\"not UTF-8\""),
        }
    }
    let published = report.publish(a.suppress_below);
    if a.json {
        println!("{}", published.to_json());
    } else {
        print!("{}", programme_report::markdown(&published));
    }
    if let Some(file) = &a.html {
        let mut f = std::fs::File::create(file)
            .map_err(|e| Failure::usage(format!("{}: {e}", file.display())))?;
        f.write_all(programme_report::html(&published).as_bytes())
            .map_err(|e| Failure::usage(format!("{}: {e}", file.display())))?;
    }
    Ok(i32::from(!published.errors.is_empty()))
}

fn synth(
    spec: &str,
    dir: Option<&Path>,
    n: u64,
    seed: u64,
    year: i32,
    output: &Path,
) -> Result<i32, Failure> {
    let (p, _) = resolve(spec, dir)?;
    let mut out: Box<dyn std::io::Write> = if output.as_os_str() == "-" {
        Box::new(std::io::BufWriter::new(std::io::stdout()))
    } else {
        Box::new(std::io::BufWriter::new(
            std::fs::File::create(output)
                .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?,
        ))
    };
    let mut rng = Rng::new(seed);
    for i in 0..n {
        let line = programme_report::synth_record(&p, &mut rng, i, year);
        writeln!(out, "{line}")
            .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
    }
    out.flush()
        .map_err(|e| Failure::usage(format!("{}: {e}", output.display())))?;
    Ok(0)
}
