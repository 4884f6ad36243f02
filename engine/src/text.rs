//! Texts in the respondent's language: locale fallback, text packs, writing direction.
//!
//! A form's texts are either per-locale strings or keys into a text pack — a separate file
//! a region loads at run time, so licensed wording (EPDS) never ships with the engine. A
//! pack is checked against the form it is for: same form id, a locale the form has, and
//! exactly the keys the form declares, so a missing or misspelt key is an error when the
//! pack is loaded, not a blank question in front of a parent.

use crate::error::{escape_pointer, Error, Errors};
use crate::form::CompiledForm;
use crate::input::quote;
use crate::model::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest text pack accepted, in bytes.
pub const MAX_PACK_BYTES: usize = 1024 * 1024;

/// A text pack: one locale's wording for a form's `{ "key": … }` texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TextPack {
    /// Editor hint, ignored.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Pack id (the form's `textPack.id`).
    pub text_pack: String,
    /// Form id.
    pub form: String,
    /// Locale of the wording.
    pub locale: String,
    /// Whether the translation is unverified.
    #[serde(default)]
    pub unverified: bool,
    /// Licence or source note of the wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Text by key.
    pub texts: BTreeMap<String, String>,
}

impl TextPack {
    /// Parse a pack and check it against `form`: every declared key present and non-empty,
    /// no unknown key, the right form, pack id and a locale of the form.
    pub fn load(text: &str, form: &CompiledForm) -> Result<TextPack, Errors> {
        if text.len() > MAX_PACK_BYTES {
            return Err(Error::new(
                "pack.too_large",
                "",
                format!(
                    "the text pack is {} bytes; the limit is {MAX_PACK_BYTES}",
                    text.len()
                ),
            )
            .into());
        }
        let pack: TextPack = serde_json::from_str(text).map_err(|e| {
            Error::new(
                "pack.invalid",
                "",
                format!("line {}, column {}: {e}", e.line(), e.column()),
            )
        })?;
        let def = form.def();
        let mut errors = Vec::new();
        let Some(decl) = &def.text_pack else {
            return Err(Error::new(
                "pack.not_expected",
                "",
                format!("form `{}` declares no text pack", def.id),
            )
            .into());
        };
        if pack.form != def.id {
            errors.push(Error::new(
                "pack.wrong_form",
                "/form",
                format!(
                    "the pack is for form `{}`, not `{}`",
                    quote(&pack.form),
                    def.id
                ),
            ));
        }
        if pack.text_pack != decl.id {
            errors.push(Error::new(
                "pack.wrong_pack",
                "/textPack",
                format!(
                    "the form expects text pack `{}`, not `{}`",
                    decl.id,
                    quote(&pack.text_pack)
                ),
            ));
        }
        if !def.locales.contains(&pack.locale) {
            errors.push(Error::new(
                "pack.unknown_locale",
                "/locale",
                format!(
                    "`{}` is not one of the form's locales ({})",
                    quote(&pack.locale),
                    def.locales.join(", ")
                ),
            ));
        }
        for key in &decl.keys {
            if pack.texts.get(key).is_none_or(|t| t.trim().is_empty()) {
                errors.push(Error::new(
                    "pack.missing_key",
                    format!("/texts/{}", escape_pointer(key)),
                    format!("the pack has no text for `{key}`"),
                ));
            }
        }
        for key in pack.texts.keys() {
            if !decl.keys.contains(key) {
                errors.push(Error::new(
                    "pack.unknown_key",
                    format!("/texts/{}", escape_pointer(key)),
                    format!("the form declares no text key `{}`", quote(key)),
                ));
            }
        }
        if errors.is_empty() {
            Ok(pack)
        } else {
            Err(Errors(errors))
        }
    }
}

/// Whether a locale is written right to left (by its language subtag).
pub fn is_rtl(locale: &str) -> bool {
    let lang = locale.split(['-', '_']).next().unwrap_or("");
    matches!(
        lang,
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "ckb" | "dv" | "sd" | "ug" | "syr"
    )
}

/// A resolved text and the locale it came from (which differs from the asked one when
/// the text fell back to the form's default locale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// The text.
    pub text: String,
    /// Its locale.
    pub locale: String,
}

/// Resolve `text` for `locale`: the locale's string, else the form's default locale's;
/// a key from the pack for that locale, else a visible placeholder naming the key.
pub fn resolve(text: &Text, locale: &str, default: &str, packs: &[&TextPack]) -> Resolved {
    match text {
        Text::Localized(map) => map
            .get(locale)
            .map(|t| (t, locale))
            .or_else(|| map.get(default).map(|t| (t, default)))
            .or_else(|| map.iter().next().map(|(l, t)| (t, l.as_str())))
            .map_or_else(
                || Resolved {
                    text: String::new(),
                    locale: locale.to_string(),
                },
                |(t, l)| Resolved {
                    text: t.clone(),
                    locale: l.to_string(),
                },
            ),
        Text::Key { key } => {
            let from = |l: &str| {
                packs
                    .iter()
                    .find(|p| p.locale == l)
                    .and_then(|p| p.texts.get(key))
                    .map(|t| Resolved {
                        text: t.clone(),
                        locale: l.to_string(),
                    })
            };
            from(locale).or_else(|| from(default)).unwrap_or(Resolved {
                text: format!("[{key}]"),
                locale: locale.to_string(),
            })
        }
    }
}
