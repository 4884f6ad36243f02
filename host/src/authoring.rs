//! The host calls behind the studio's authoring tools (feature `authoring`): synthetic
//! responses and the version-comparison report, JSON text in, text out. The CLI calls the
//! modules underneath ([`crate::synth`], [`crate::report`]) directly, streaming.

use crate::api::parse_limited;
use crate::engine::{EngineCore, FormRefArg, MAX_SMALL_BYTES};
use crate::report;
use crate::synth::{Config, Profile, Synth, MAX_RECORDS_IN_MEMORY};
use serde::Deserialize;
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
        let v = parse_limited(options, MAX_SMALL_BYTES, "synth options")?;
        let o = SynthOptions::deserialize(&v)
            .map_err(|e| Error::new("synth.options", "", format!("synth options: {e}")))?;
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
                        "unknown profile `{name}` (one of {})",
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
        let v = parse_limited(options, MAX_SMALL_BYTES, "report options")?;
        let o = ReportOptions::deserialize(&v).map_err(|e| {
            Error::new("compare.report_options", "", format!("report options: {e}"))
        })?;
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
                format!("unknown format `{other}` (one of html, markdown, json)"),
            )),
        }
    }
}
