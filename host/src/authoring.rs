//! The host calls behind the studio's authoring tools (feature `authoring`): synthetic
//! responses and the version-comparison report, JSON text in, text out. The CLI calls the
//! modules underneath ([`crate::synth`], [`crate::report`]) directly, streaming.

use crate::api::parse_limited;
use crate::engine::{EngineCore, FormRefArg, MAX_SMALL_BYTES};
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
                Error::new(e.code, format!("/config{}", e.pointer), e.message)
            } else {
                e
            }
        })?;
        Ok(synth.to_ndjson(o.n, o.seed))
    }
}
