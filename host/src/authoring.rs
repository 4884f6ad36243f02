//! The host calls behind the studio's authoring tools (feature `authoring`): synthetic
//! responses and the version-comparison report, JSON text in, text out. The CLI calls the
//! modules underneath ([`crate::synth`], [`crate::report`]) directly, streaming.

use crate::api::parse_limited;
use crate::engine::{EngineCore, FormRefArg, MAX_SMALL_BYTES};
use crate::report;
use crate::synth::{Config, Profile, Synth, MAX_RECORDS_IN_MEMORY};
use serde::Deserialize;
use trygg::input::quote;
use trygg::Error;

/// Options of [`EngineCore::synth`] (`SynthOptions` in the `.d.ts`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SynthOptions {
    n: u64,
    #[serde(default = "one")]
    seed: u64,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    config: Option<Config>,
}

fn one() -> u64 {
    1
}

/// Largest NDJSON text [`EngineCore::compare_report`] reads in one call.
pub const MAX_REPORT_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Options of [`EngineCore::compare_report`] (`CompareReportOptions` in the `.d.ts`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportOptions {
    /// `html` (default), `markdown` or `json`.
    #[serde(default)]
    format: Option<String>,
    /// `sv` or `en` (default `en`, as `trygg diff`).
    #[serde(default)]
    locale: Option<String>,
    /// Changed responses shown with their reasons (default 5, as `trygg diff`).
    #[serde(default)]
    examples: Option<usize>,
    /// What the input is called in the report (`trygg diff` writes the file's path).
    #[serde(default)]
    input: Option<String>,
}

impl EngineCore {
    /// `n` synthetic records (NDJSON text, each marked `"synthetic": true`) answering the
    /// items of `forms` (one version, or several for a comparison), from `options` as JSON
    /// text `{ n, seed?, profile?, config? }`: the same bytes as `trygg synth` with the same
    /// forms, seed, profile and config.
    pub fn synth(&self, forms: &[FormRefArg], options: &str) -> Result<String, Error> {
        let o: SynthOptions = options_of(options, "synth options", "synth.options")?;
        if o.n > MAX_RECORDS_IN_MEMORY {
            return Err(Error::new(
                "synth.options",
                "/n",
                format!(
                    "at most {MAX_RECORDS_IN_MEMORY} records in one call, not {}",
                    o.n
                ),
            ));
        }
        let profile = match o.profile.as_deref() {
            None => Profile::Realistic,
            Some(name) => Profile::parse(name).ok_or_else(|| {
                Error::new(
                    "synth.options",
                    "/profile",
                    format!(
                        "unknown profile `{}` (one of {})",
                        quote(name),
                        Profile::ALL.map(Profile::as_str).join(", ")
                    ),
                )
            })?,
        };
        let mut list = Vec::with_capacity(forms.len());
        for r in forms {
            list.push(self.resolve_for_scoring(r, None, None)?);
        }
        let synth = Synth::new(list, profile, o.config.as_ref()).map_err(|e| {
            if e.code == "synth.config" {
                Error::new(e.code, format!("/config{}", e.path), e.message)
            } else {
                e
            }
        })?;
        Ok(synth.to_ndjson(o.n, o.seed))
    }

    /// The comparison report of `from` → `to` over NDJSON `responses` (records as
    /// `trygg diff` reads them), from `options` as JSON text `{ format?, locale?, examples?,
    /// input? }`: the same text as `trygg diff` (`--html`, Markdown, `--json` as canonical
    /// JSON) with the same versions, records, language and input name.
    pub fn compare_report(
        &self,
        from: &FormRefArg,
        to: &FormRefArg,
        responses: &str,
        options: &str,
    ) -> Result<String, Error> {
        let o: ReportOptions = options_of(options, "report options", "compare.report_options")?;
        if responses.len() > MAX_REPORT_INPUT_BYTES {
            return Err(Error::new(
                "compare.report_options",
                "",
                format!(
                    "the responses are {} bytes; the limit is {MAX_REPORT_INPUT_BYTES}",
                    responses.len()
                ),
            ));
        }
        let a = self.resolve_for_scoring(from, None, None)?;
        let b = self.resolve_for_scoring(to, None, None)?;
        let r = report::over_ndjson(
            a,
            b,
            responses,
            o.examples.unwrap_or(5),
            o.locale.as_deref().unwrap_or("en"),
            o.input.unwrap_or_else(|| "-".to_string()),
        );
        match o.format.as_deref().unwrap_or("html") {
            "html" => Ok(report::html(&r)),
            "markdown" => Ok(report::markdown(&r)),
            "json" => Ok(trygg::to_canonical_string(
                &serde_json::to_value(&r).unwrap_or_default(),
            )),
            other => Err(Error::new(
                "compare.report_options",
                "/format",
                format!(
                    "unknown format `{other}` (one of html, markdown, json)",
                    other = quote(other)
                ),
            )),
        }
    }
}

/// Options of [`EngineCore::programme_report`] (`ProgrammeReportOptions` in the `.d.ts`),
/// as `trygg programme report`'s flags.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ProgrammeReportOptions {
    /// `html` (default, the page `--html` writes), `markdown` (what it prints) or `json`
    /// (what `--json` prints).
    #[serde(default)]
    format: Option<String>,
    /// `quarter` (default) or `year`.
    #[serde(default)]
    period: Option<String>,
    /// Counts below N shown as "<N" (default 5; 0 shows every count).
    #[serde(default)]
    suppress_below: Option<u64>,
    /// Count as planned only visits whose window closed by this date (YYYY-MM-DD).
    #[serde(default)]
    as_of: Option<String>,
}

/// Options of [`EngineCore::programme_synth`] (`ProgrammeSynthOptions` in the `.d.ts`), as
/// `trygg programme synth`'s flags.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeSynthOptions {
    n: u64,
    #[serde(default = "one")]
    seed: u64,
    #[serde(default = "first_year")]
    year: i32,
}

fn first_year() -> i32 {
    2024
}

/// Every definition of `programmes` (JSON text each) compiled into one collection; an error
/// is located under `/programmes/<index>`.
fn programme_collection(
    programmes: &[String],
) -> Result<trygg::programme::Programmes, trygg::Errors> {
    let mut all = trygg::programme::Programmes::new();
    for (i, text) in programmes.iter().enumerate() {
        let at = |e: Error| Error::new(e.code, format!("/programmes/{i}{}", e.path), e.message);
        let p = trygg::programme::load_programme(text)
            .map_err(|e| trygg::Errors(e.0.into_iter().map(at).collect()))?;
        all.insert(p).map_err(|e| trygg::Errors(vec![at(e)]))?;
    }
    Ok(all)
}

/// An authoring call's options from their JSON text (`what`, e.g. "synth options"): too
/// large or not JSON as every small argument is; not the expected shape → `code`, with
/// serde's words quoted short.
fn options_of<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &str,
    code: &'static str,
) -> Result<T, Error> {
    let v = parse_limited(text, MAX_SMALL_BYTES, what)?;
    T::deserialize(&v)
        .map_err(|e| Error::new(code, "", trygg::input::excerpt(&format!("{what}: {e}"))))
}

fn report_option(path: &str, message: String) -> trygg::Errors {
    trygg::Errors(vec![Error::new("programme.report_options", path, message)])
}

impl EngineCore {
    /// The uptake report of programme `id` over NDJSON `records` (family records as
    /// `trygg programme report` reads them), counting every version of `id` among
    /// `programmes` (definitions as JSON text, as the CLI reads the programmes directory),
    /// from `options` as JSON text `{ format?, period?, suppressBelow?, asOf? }`: the same
    /// text as `trygg programme report` (`--html` page, Markdown, `--json` without its final
    /// newline) with the same definitions, records and flags. A record that cannot be
    /// counted is listed in the report at its line, as the CLI does.
    pub fn programme_report(
        &self,
        programmes: &[String],
        id: &str,
        records: &str,
        options: &str,
    ) -> Result<String, trygg::Errors> {
        use trygg::programme::report::{Period, Report};
        let o: ProgrammeReportOptions =
            options_of(options, "report options", "programme.report_options")?;
        if records.len() > MAX_REPORT_INPUT_BYTES {
            return Err(report_option(
                "",
                format!(
                    "the records are {} bytes; the limit is {MAX_REPORT_INPUT_BYTES}",
                    records.len()
                ),
            ));
        }
        let period = match o.period.as_deref().unwrap_or("quarter") {
            "quarter" => Period::Quarter,
            "year" => Period::Year,
            other => {
                return Err(report_option(
                    "/period",
                    format!(
                        "unknown period `{other}` (one of quarter, year)",
                        other = quote(other)
                    ),
                ))
            }
        };
        let format = o.format.as_deref().unwrap_or("html");
        if !matches!(format, "html" | "markdown" | "json") {
            return Err(report_option(
                "/format",
                format!(
                    "unknown format `{format}` (one of html, markdown, json)",
                    format = quote(format)
                ),
            ));
        }
        let all = programme_collection(programmes)?;
        if !all.iter().any(|p| p.id() == id) {
            return Err(trygg::Errors(vec![Error::new(
                "programme.unknown",
                "",
                format!(
                    "no programme `{id}` among the definitions given",
                    id = quote(id)
                ),
            )]));
        }
        let mut report = Report::new(&all, id, period);
        if let Some(date) = &o.as_of {
            report = report.as_of(date).ok_or_else(|| {
                report_option("/asOf", format!("{}: not a YYYY-MM-DD date", quote(date)))
            })?;
        }
        report::programme::add_ndjson(&mut report, records);
        let published = report.publish(o.suppress_below.unwrap_or(5));
        Ok(match format {
            "markdown" => report::programme::markdown(&published),
            "json" => published.to_json(),
            _ => report::programme::html(&published),
        })
    }

    /// `n` synthetic family records of `programme` (a definition as JSON text) as NDJSON
    /// text, each marked `"synthetic": true`, from `options` as JSON text `{ n, seed?,
    /// year? }`: the same bytes as `trygg programme synth` with the same programme, seed and
    /// first year.
    pub fn programme_synth(&self, programme: &str, options: &str) -> Result<String, trygg::Errors> {
        let o: ProgrammeSynthOptions = options_of(options, "synth options", "synth.options")?;
        if o.n > MAX_RECORDS_IN_MEMORY {
            return Err(trygg::Errors(vec![Error::new(
                "synth.options",
                "/n",
                format!(
                    "at most {MAX_RECORDS_IN_MEMORY} records in one call, not {}",
                    o.n
                ),
            )]));
        }
        let p = trygg::programme::load_programme(programme)?;
        Ok(report::programme::synth_ndjson(&p, o.n, o.seed, o.year))
    }
}
