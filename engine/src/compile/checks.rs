//! The structural checks of a form definition: ids, references, ranges, texts, examples.
//!
//! Each check pushes every error it finds (code + JSON pointer + message) and goes on, so
//! one compile reports everything wrong with a form.

use super::{is_scorable, MAX_ENTRIES, MAX_EXAMPLES, MAX_ITEMS, MAX_OPTIONS};
use crate::error::{escape_pointer, Error};
use crate::input::quote;
use crate::model::{
    parse_date, Action, ExpectOffer, FormDef, Handling, Item, ItemType, Method, Offer, Rounding,
    Scale, Status, Text,
};
use crate::outcome::Completeness;
use std::collections::{HashMap, HashSet};

type Errs = Vec<Error>;

fn err(
    errors: &mut Errs,
    code: &'static str,
    pointer: impl Into<String>,
    message: impl Into<String>,
) {
    errors.push(Error::new(code, pointer, message));
}

/// Counts within the engine's limits (checked first: the other checks assume them).
pub fn limits(def: &FormDef, errors: &mut Errs) {
    let mut check = |pointer: &str, what: &str, n: usize, max: usize| {
        if n > max {
            err(
                errors,
                "form.too_many",
                pointer,
                format!("{n} {what}; the limit is {max}"),
            );
        }
    };
    check("/items", "items", def.items.len(), MAX_ITEMS);
    check("/scales", "scales", def.scales.len(), MAX_ENTRIES);
    check("/findings", "findings", def.findings.len(), MAX_ENTRIES);
    check("/rules", "rules", def.rules.len(), MAX_ENTRIES);
    check("/examples", "examples", def.examples.len(), MAX_EXAMPLES);
    for (i, item) in def.items.iter().enumerate() {
        check(
            &format!("/items/{i}/options"),
            "options",
            item.options.len(),
            MAX_OPTIONS,
        );
    }
}

/// Everything else: run after [`limits`].
pub fn structure(def: &FormDef, errors: &mut Errs) {
    identity(def, errors);
    unique_ids(def, errors);
    texts(def, errors);
    items(def, errors);
    scales(def, errors);
    rules(def, errors);
    unreachable_conditions(def, errors);
    examples(def, errors);
}

fn identity(def: &FormDef, errors: &mut Errs) {
    if semver::Version::parse(&def.version).is_err() {
        err(
            errors,
            "form.invalid_version",
            "/version",
            format!(
                "`{}` is not a semantic version such as 1.0.0",
                quote(&def.version)
            ),
        );
    }
    if let Some(c) = def.checkup {
        if c.min_age_days > c.max_age_days {
            err(
                errors,
                "form.range_inverted",
                "/checkup",
                format!(
                    "the check-up window starts at day {} after it ends at day {}",
                    c.min_age_days, c.max_age_days
                ),
            );
        }
    }
    if def.locales.is_empty() {
        err(
            errors,
            "form.no_locales",
            "/locales",
            "a form needs at least one locale",
        );
    }
    duplicates(
        def.locales.iter().map(String::as_str),
        "/locales",
        "form.duplicate_locale",
        "locale",
        errors,
    );
    for (i, l) in def.unverified_locales.iter().enumerate() {
        if !def.locales.contains(l) {
            err(
                errors,
                "form.unknown_locale",
                format!("/unverifiedLocales/{i}"),
                format!("`{l}` is not one of the form's locales", l = quote(l)),
            );
        }
    }
    for (i, a) in def.attributes.iter().enumerate() {
        duplicates(
            a.values.iter().map(String::as_str),
            &format!("/attributes/{i}/values"),
            "form.duplicate_id",
            "attribute value",
            errors,
        );
    }
    if let Some(p) = &def.profiles {
        if !p.available.contains(&p.default) {
            err(
                errors,
                "form.unknown_profile",
                "/profiles/default",
                format!(
                    "the default profile `{}` is not in `available`",
                    quote(&p.default)
                ),
            );
        }
        duplicates(
            p.available.iter().map(String::as_str),
            "/profiles/available",
            "form.duplicate_id",
            "profile",
            errors,
        );
    }
}

/// Report each id that occurs twice, at its second occurrence.
fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    base: &str,
    code: &'static str,
    what: &str,
    errors: &mut Errs,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            err(
                errors,
                code,
                format!("{base}/{i}"),
                format!("the {what} `{id}` occurs more than once", id = quote(id)),
            );
        }
    }
}

fn unique_ids(def: &FormDef, errors: &mut Errs) {
    let lists: [(&str, &str, Vec<&str>); 6] = [
        (
            "/items",
            "item",
            def.items.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "/sections",
            "section",
            def.sections.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "/scales",
            "scale",
            def.scales.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "/findings",
            "finding",
            def.findings.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "/rules",
            "rule",
            def.rules.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "/attributes",
            "attribute",
            def.attributes.iter().map(|x| x.id.as_str()).collect(),
        ),
    ];
    for (base, what, ids) in lists {
        let mut seen = HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            if !seen.insert(*id) {
                err(
                    errors,
                    "form.duplicate_id",
                    format!("{base}/{i}/id"),
                    format!("the {what} id `{id}` occurs more than once", id = quote(id)),
                );
            }
        }
    }
}

/// Every text complete in every locale (or a declared text-pack key).
fn texts(def: &FormDef, errors: &mut Errs) {
    let keys: HashSet<&str> = def
        .text_pack
        .as_ref()
        .map(|p| p.keys.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut check = |text: &Text, pointer: String| match text {
        Text::Key { key } => {
            if def.text_pack.is_none() {
                err(
                    errors,
                    "form.unknown_text_key",
                    pointer,
                    format!(
                        "the text key `{key}` needs a `textPack` declaration",
                        key = quote(key)
                    ),
                );
            } else if !keys.contains(key.as_str()) {
                err(
                    errors,
                    "form.unknown_text_key",
                    pointer,
                    format!(
                        "the text key `{key}` is not listed in `textPack.keys`",
                        key = quote(key)
                    ),
                );
            }
        }
        Text::Localized(map) => {
            // A draft may leave a locale untranslated (the studio shows it as such and a
            // session falls back to the form's first locale); a form in any other status
            // serves families, so it needs every text in every locale.
            if def.status != Status::Draft {
                for locale in &def.locales {
                    match map.get(locale) {
                        Some(s) if !s.trim().is_empty() => {}
                        _ => err(
                            errors,
                            "form.text_incomplete",
                            pointer.clone(),
                            format!(
                                "no `{}` text; a {} form needs every text in all of its \
                                 locales (only a draft may leave one untranslated)",
                                quote(locale),
                                def.status.as_str()
                            ),
                        ),
                    }
                }
            } else if !map.values().any(|s| !s.trim().is_empty()) {
                err(
                    errors,
                    "form.text_incomplete",
                    pointer.clone(),
                    "no text in any locale; even a draft needs a text in one of its locales",
                );
            }
            for locale in map.keys() {
                if !def.locales.contains(locale) {
                    err(
                        errors,
                        "form.unknown_locale",
                        format!("{pointer}/{}", escape_pointer(locale)),
                        format!(
                            "`{locale}` is not one of the form's locales",
                            locale = quote(locale)
                        ),
                    );
                }
            }
        }
    };
    check(&def.title, "/title".into());
    if let Some(t) = &def.description {
        check(t, "/description".into());
    }
    for (i, s) in def.sections.iter().enumerate() {
        check(&s.title, format!("/sections/{i}/title"));
    }
    for (i, item) in def.items.iter().enumerate() {
        check(&item.text, format!("/items/{i}/text"));
        if let Some(t) = &item.help {
            check(t, format!("/items/{i}/help"));
        }
        for (o, opt) in item.options.iter().enumerate() {
            check(&opt.text, format!("/items/{i}/options/{o}/text"));
        }
    }
    for (i, s) in def.scales.iter().enumerate() {
        if let Some(t) = &s.title {
            check(t, format!("/scales/{i}/title"));
        }
        for (b, band) in s.bands.iter().enumerate() {
            if let Some(t) = &band.label {
                check(t, format!("/scales/{i}/bands/{b}/label"));
            }
        }
    }
    for (i, f) in def.findings.iter().enumerate() {
        if let Some(t) = &f.title {
            check(t, format!("/findings/{i}/title"));
        }
    }
    for (i, r) in def.rules.iter().enumerate() {
        if let Some(t) = &r.title {
            check(t, format!("/rules/{i}/title"));
        }
    }
    if let Some(pack) = &def.text_pack {
        duplicates(
            pack.keys.iter().map(String::as_str),
            "/textPack/keys",
            "form.duplicate_id",
            "text key",
            errors,
        );
    }
}

fn number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

fn items(def: &FormDef, errors: &mut Errs) {
    let sections: HashSet<&str> = def.sections.iter().map(|s| s.id.as_str()).collect();
    for (i, item) in def.items.iter().enumerate() {
        let at = |field: &str| format!("/items/{i}/{field}");
        if let Some(s) = &item.section {
            if !sections.contains(s.as_str()) {
                err(
                    errors,
                    "form.unknown_section",
                    at("section"),
                    format!("no section with id `{s}`", s = quote(s)),
                );
            }
        }
        let has_options = matches!(item.kind, ItemType::Choice | ItemType::Multi);
        if has_options && item.options.is_empty() {
            err(
                errors,
                "form.options_missing",
                at("options"),
                format!("a {:?} item needs `options`", item.kind).to_lowercase(),
            );
        }
        if !has_options && !item.options.is_empty() {
            err(
                errors,
                "form.field_not_allowed",
                at("options"),
                "only choice and multi items have options",
            );
        }
        let mut seen = HashSet::new();
        for (o, opt) in item.options.iter().enumerate() {
            if !seen.insert(opt.value.as_str()) {
                err(
                    errors,
                    "form.duplicate_option",
                    format!("/items/{i}/options/{o}/value"),
                    format!(
                        "the option value `{}` occurs more than once",
                        quote(&opt.value)
                    ),
                );
            }
        }
        let allowed = |field: &str, ok: bool, present: bool, errors: &mut Errs| {
            if present && !ok {
                err(
                    errors,
                    "form.field_not_allowed",
                    at(field),
                    format!(
                        "`{field}` does not apply to a {} item",
                        ItemType::as_str(item.kind)
                    ),
                );
            }
        };
        let boolean = item.kind == ItemType::Boolean;
        let numeric = matches!(item.kind, ItemType::Integer | ItemType::Number);
        let multi = item.kind == ItemType::Multi;
        allowed("scoreTrue", boolean, item.score_true.is_some(), errors);
        allowed("scoreFalse", boolean, item.score_false.is_some(), errors);
        allowed("minSelected", multi, item.min_selected.is_some(), errors);
        allowed("maxSelected", multi, item.max_selected.is_some(), errors);
        allowed(
            "maxLength",
            item.kind == ItemType::Text,
            item.max_length.is_some(),
            errors,
        );
        let ranged = numeric || item.kind == ItemType::Date;
        allowed("min", ranged, item.min.is_some(), errors);
        allowed("max", ranged, item.max.is_some(), errors);
        if item.kind == ItemType::Display {
            allowed("required", false, item.required, errors);
            allowed("declinable", false, item.declinable, errors);
        }
        if ranged {
            bounds(item, i, errors);
        }
        if let (Some(lo), Some(hi)) = (item.min_selected, item.max_selected) {
            if lo > hi {
                err(
                    errors,
                    "form.range_inverted",
                    at("minSelected"),
                    format!("minSelected {lo} is above maxSelected {hi}"),
                );
            }
        }
        if let Some(hi) = item.min_selected.max(item.max_selected) {
            if hi as usize > item.options.len() && multi {
                err(
                    errors,
                    "form.out_of_range",
                    at(if item.max_selected.is_some() {
                        "maxSelected"
                    } else {
                        "minSelected"
                    }),
                    format!("{hi} selections asked of {} options", item.options.len()),
                );
            }
        }
    }
}

fn bounds(item: &Item, i: usize, errors: &mut Errs) {
    let date = item.kind == ItemType::Date;
    let mut parsed = [None, None];
    for (k, (field, v)) in [("min", &item.min), ("max", &item.max)]
        .into_iter()
        .enumerate()
    {
        let Some(v) = v else { continue };
        let value = if date {
            v.as_str()
                .and_then(parse_date)
                .map(|(y, m, d)| f64::from(y) * 10_000.0 + f64::from(m) * 100.0 + f64::from(d))
        } else {
            number(v)
        };
        if value.is_none() {
            err(
                errors,
                "form.wrong_type",
                format!("/items/{i}/{field}"),
                if date {
                    format!(
                        "`{field}` of a date item must be a YYYY-MM-DD date",
                        field = quote(field)
                    )
                } else {
                    format!("`{field}` must be a number", field = quote(field))
                },
            );
        }
        if let Some(slot) = parsed.get_mut(k) {
            *slot = value;
        }
    }
    if let [Some(lo), Some(hi)] = parsed {
        if lo > hi {
            err(
                errors,
                "form.range_inverted",
                format!("/items/{i}/min"),
                "`min` is above `max`",
            );
        }
    }
}

/// The range an item's (weighted) score can take, when bounded.
fn item_range(item: &Item, weight: f64) -> Option<(f64, f64)> {
    let (lo, hi) = match item.kind {
        ItemType::Boolean => {
            let t = item.score_true.unwrap_or(1.0);
            let f = item.score_false.unwrap_or(0.0);
            (t.min(f), t.max(f))
        }
        ItemType::Choice => {
            let scores = item.options.iter().filter_map(|o| o.score);
            let lo = scores.clone().fold(f64::INFINITY, f64::min);
            let hi = scores.fold(f64::NEG_INFINITY, f64::max);
            if lo > hi {
                return None;
            }
            (lo, hi)
        }
        ItemType::Multi => {
            let scores = item.options.iter().filter_map(|o| o.score);
            (
                scores.clone().filter(|s| *s < 0.0).sum(),
                scores.filter(|s| *s > 0.0).sum(),
            )
        }
        ItemType::Integer | ItemType::Number => (
            item.min.as_ref().and_then(number)?,
            item.max.as_ref().and_then(number)?,
        ),
        _ => return None,
    };
    let (a, b) = (lo * weight, hi * weight);
    Some((a.min(b), a.max(b)))
}

/// The range a scale's value can take, when every item is bounded.
fn scale_range(def: &FormDef, scale: &Scale) -> Option<(f64, f64)> {
    let items: Vec<&Item> = scale
        .items
        .iter()
        .filter_map(|id| def.items.iter().find(|i| &i.id == id))
        .collect();
    if items.len() != scale.items.len() || items.is_empty() {
        return None;
    }
    // A weighted mean stays within the items' own score ranges; a sum scales with weights.
    let weight = |id: &String| match scale.method {
        Method::Sum => scale.weights.get(id).copied().unwrap_or(1.0),
        Method::Mean | Method::Count => 1.0,
    };
    let ranges: Option<Vec<(f64, f64)>> =
        items.iter().map(|i| item_range(i, weight(&i.id))).collect();
    match scale.method {
        Method::Count => Some((0.0, items.len() as f64)),
        Method::Sum => {
            let r = ranges?;
            Some((r.iter().map(|x| x.0).sum(), r.iter().map(|x| x.1).sum()))
        }
        Method::Mean => {
            let r = ranges?;
            Some((
                r.iter().map(|x| x.0).fold(f64::INFINITY, f64::min),
                r.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max),
            ))
        }
    }
}

fn scales(def: &FormDef, errors: &mut Errs) {
    let items: HashMap<&str, &Item> = def.items.iter().map(|i| (i.id.as_str(), i)).collect();
    let profiles: Vec<&str> = def
        .profiles
        .as_ref()
        .map(|p| p.available.iter().map(String::as_str).collect())
        .unwrap_or_default();
    for (s, scale) in def.scales.iter().enumerate() {
        let at = |rest: String| format!("/scales/{s}/{rest}");
        if scale.items.is_empty() {
            err(
                errors,
                "form.empty_scale",
                at("items".into()),
                "a scale needs items",
            );
        }
        duplicates(
            scale.items.iter().map(String::as_str),
            &at("items".into()),
            "form.duplicate_id",
            "scale item",
            errors,
        );
        for (k, id) in scale.items.iter().enumerate() {
            match items.get(id.as_str()) {
                None => err(
                    errors,
                    "form.unknown_item",
                    at(format!("items/{k}")),
                    format!("no item with id `{id}`", id = quote(id)),
                ),
                Some(item) if !is_scorable(item.kind) => err(
                    errors,
                    "form.not_scorable",
                    at(format!("items/{k}")),
                    format!(
                        "item `{}` is a {} item and has no score",
                        quote(id),
                        ItemType::as_str(item.kind)
                    ),
                ),
                Some(item) => {
                    if matches!(item.kind, ItemType::Choice | ItemType::Multi) {
                        if let Some(o) = item.options.iter().position(|o| o.score.is_none()) {
                            err(
                                errors,
                                "form.option_without_score",
                                at(format!("items/{k}")),
                                format!(
                                    "item `{}` is in a scale but its option {o} has no `score`",
                                    quote(id)
                                ),
                            );
                        }
                    }
                }
            }
        }
        for id in scale.weights.keys() {
            if !scale.items.contains(id) {
                err(
                    errors,
                    "form.unknown_item",
                    at(format!("weights/{}", escape_pointer(id))),
                    format!(
                        "`{id}` has a weight but is not one of the scale's items",
                        id = quote(id)
                    ),
                );
            }
        }
        if let Some(m) = &scale.missing {
            if m.max_missing as usize >= scale.items.len().max(1) {
                err(
                    errors,
                    "form.out_of_range",
                    at("missing/maxMissing".into()),
                    format!(
                        "maxMissing {} would allow a value with no item answered ({} items)",
                        m.max_missing,
                        scale.items.len()
                    ),
                );
            }
            if m.handling == Handling::Prorate && scale.method == Method::Mean {
                err(
                    errors,
                    "form.field_not_allowed",
                    at("missing/handling".into()),
                    "a mean needs no prorating: it is already the mean of the answered items; \
                     use \"invalid\"",
                );
            }
        }
        let range = scale_range(def, scale);
        let mut bands: Vec<(usize, f64, f64)> = Vec::new();
        for (b, band) in scale.bands.iter().enumerate() {
            if band.min > band.max {
                err(
                    errors,
                    "form.range_inverted",
                    at(format!("bands/{b}")),
                    format!(
                        "band `{}` has min {} above max {}",
                        quote(&band.id),
                        band.min,
                        band.max
                    ),
                );
            }
            if let Some((lo, hi)) = range {
                if band.min < lo || band.max > hi {
                    err(
                        errors,
                        "form.out_of_range",
                        at(format!("bands/{b}")),
                        format!(
                            "band `{}` ({}–{}) is outside the scale's range {lo}–{hi}",
                            quote(&band.id),
                            band.min,
                            band.max
                        ),
                    );
                }
            }
            bands.push((b, band.min, band.max));
        }
        duplicates(
            scale.bands.iter().map(|b| b.id.as_str()),
            &at("bands".into()),
            "form.duplicate_id",
            "band",
            errors,
        );
        bands.sort_by(|a, b| a.1.total_cmp(&b.1));
        let integral = integer_valued(def, scale);
        for pair in bands.windows(2) {
            if let [(_, _, prev_max), (b, min, _)] = pair {
                // A whole number between two bands would have no band.
                if integral && (prev_max.floor() + 1.0) < *min {
                    err(
                        errors,
                        "form.band_gap",
                        at(format!("bands/{b}")),
                        format!(
                            "this band starts at {min} but the band before it ends at \
                             {prev_max}: a value of {} would have no band",
                            prev_max.floor() + 1.0
                        ),
                    );
                }
                if min <= prev_max {
                    err(
                        errors,
                        "form.band_overlap",
                        at(format!("bands/{b}")),
                        format!("this band starts at {min}, inside the band before it (up to {prev_max})"),
                    );
                }
            }
        }
        cutoffs(def, scale, s, range, &profiles, errors);
    }
}

fn cutoffs(
    def: &FormDef,
    scale: &Scale,
    s: usize,
    range: Option<(f64, f64)>,
    profiles: &[&str],
    errors: &mut Errs,
) {
    let mut fallback: HashSet<&str> = HashSet::new();
    for (c, cutoff) in scale.cutoffs.iter().enumerate() {
        let at = format!("/scales/{s}/cutoffs/{c}");
        if !profiles.contains(&cutoff.profile.as_str()) {
            err(
                errors,
                "form.unknown_profile",
                format!("{at}/profile"),
                format!(
                    "no profile `{}`; declare it in `profiles.available`",
                    quote(&cutoff.profile)
                ),
            );
        }
        if fallback.contains(cutoff.profile.as_str()) {
            err(
                errors,
                "form.cutoff_unreachable",
                at.clone(),
                format!(
                    "profile `{}` already has an entry without `when` above this one, so this \
                     entry is never used",
                    quote(&cutoff.profile)
                ),
            );
        }
        match &cutoff.when {
            None => {
                fallback.insert(cutoff.profile.as_str());
            }
            Some(when) => {
                for (key, value) in when {
                    let p = format!("{at}/when/{}", escape_pointer(key));
                    if key == "locale" {
                        if !def.locales.contains(value) {
                            err(
                                errors,
                                "form.unknown_locale",
                                p,
                                format!(
                                    "`{value}` is not one of the form's locales",
                                    value = quote(value)
                                ),
                            );
                        }
                        continue;
                    }
                    match def.attributes.iter().find(|a| &a.id == key) {
                        None => err(
                            errors,
                            "form.unknown_attribute",
                            p,
                            format!(
                                "no respondent attribute `{key}`; declare it in `attributes`",
                                key = quote(key)
                            ),
                        ),
                        Some(a) if !a.values.contains(value) => err(
                            errors,
                            "form.unknown_attribute_value",
                            p,
                            format!(
                                "`{value}` is not a declared value of attribute `{key}`",
                                value = quote(value),
                                key = quote(key)
                            ),
                        ),
                        Some(_) => {}
                    }
                }
            }
        }
        // A band holding values both below and at or above the cut-off reads e.g. "low"
        // next to "cut-off reached".
        if let Some(band) = scale
            .bands
            .iter()
            .find(|b| b.min < cutoff.value && cutoff.value <= b.max)
        {
            err(
                errors,
                "form.cutoff_splits_band",
                format!("{at}/value"),
                format!(
                    "cut-off {} falls inside band `{}` ({}–{}): that band would hold values \
                     both below and at or above the cut-off; make a band start at the cut-off",
                    cutoff.value,
                    quote(&band.id),
                    band.min,
                    band.max
                ),
            );
        }
        if let Some((lo, hi)) = range {
            if cutoff.value <= lo || cutoff.value > hi {
                err(
                    errors,
                    "form.out_of_range",
                    format!("{at}/value"),
                    format!(
                        "cut-off {} is outside the scale's range {lo}–{hi} (it must be above the \
                         lowest value and at most the highest)",
                        cutoff.value
                    ),
                );
            }
        }
    }
    if !scale.cutoffs.is_empty() {
        for p in profiles {
            if !fallback.contains(p) {
                err(
                    errors,
                    "form.cutoff_no_fallback",
                    format!("/scales/{s}/cutoffs"),
                    format!(
                        "profile `{}` needs an entry without `when` (its fallback) in scale `{}`",
                        quote(p),
                        quote(&scale.id)
                    ),
                );
            }
        }
    }
}

/// Whether every value a scale can take is a whole number (sums and counts of whole
/// scores with whole weights; prorated values only when rounded).
fn integer_valued(def: &FormDef, scale: &Scale) -> bool {
    let whole = |x: f64| x.fract() == 0.0;
    let rounded = scale
        .missing
        .is_none_or(|m| m.handling != Handling::Prorate || m.rounding == Rounding::HalfUp);
    match scale.method {
        Method::Count => rounded,
        Method::Mean => false,
        Method::Sum => {
            rounded
                && scale.weights.values().all(|w| whole(*w))
                && scale.items.iter().all(|id| {
                    def.items
                        .iter()
                        .find(|i| &i.id == id)
                        .is_some_and(|i| match i.kind {
                            ItemType::Boolean => {
                                whole(i.score_true.unwrap_or(1.0))
                                    && whole(i.score_false.unwrap_or(0.0))
                            }
                            ItemType::Choice | ItemType::Multi => {
                                i.options.iter().all(|o| o.score.is_none_or(whole))
                            }
                            ItemType::Integer => true,
                            _ => false,
                        })
                })
        }
    }
}

/// Conditions comparing a scale with a number it can never reach (`scales.phq9 >= 30` on
/// a 0–27 scale): the finding or rule could never be made, a contradiction in the form.
fn unreachable_conditions(def: &FormDef, errors: &mut Errs) {
    let ranges: HashMap<&str, (f64, f64)> = def
        .scales
        .iter()
        .filter_map(|s| Some((s.id.as_str(), scale_range(def, s)?)))
        .collect();
    let mut walk = |v: &serde_json::Value, at: String| walk_condition(v, &at, &ranges, errors);
    for (i, item) in def.items.iter().enumerate() {
        if let Some(w) = &item.enable_when {
            walk(w, format!("/items/{i}/enableWhen"));
        }
    }
    for (f, finding) in def.findings.iter().enumerate() {
        walk(&finding.when, format!("/findings/{f}/when"));
    }
    for (r, rule) in def.rules.iter().enumerate() {
        walk(&rule.when, format!("/rules/{r}/when"));
    }
}

fn walk_condition(
    v: &serde_json::Value,
    at: &str,
    ranges: &HashMap<&str, (f64, f64)>,
    errors: &mut Errs,
) {
    use serde_json::Value;
    match v {
        Value::Array(list) => {
            for (k, x) in list.iter().enumerate() {
                walk_condition(x, &format!("{at}/{k}"), ranges, errors);
            }
        }
        Value::Object(map) => {
            if let (1, Some((op, Value::Array(args)))) = (map.len(), map.iter().next()) {
                if let [a, b] = args.as_slice() {
                    fn scale(x: &Value) -> Option<&str> {
                        let path = match x.get("var")? {
                            Value::String(p) => p.as_str(),
                            Value::Array(p) => p.first()?.as_str()?,
                            _ => return None,
                        };
                        path.strip_prefix("scales.")
                    }
                    // Normalise to `scale OP n`.
                    let cmp = match (scale(a), b.as_f64(), scale(b), a.as_f64()) {
                        (Some(id), Some(n), _, _) => Some((id, op.as_str(), n)),
                        (_, _, Some(id), Some(n)) => {
                            let mirrored = match op.as_str() {
                                ">" => "<",
                                ">=" => "<=",
                                "<" => ">",
                                "<=" => ">=",
                                other => other,
                            };
                            Some((id, mirrored, n))
                        }
                        _ => None,
                    };
                    if let Some((id, op, n)) = cmp {
                        if let Some(&(lo, hi)) = ranges.get(id) {
                            let never = match op {
                                ">" => n >= hi,
                                ">=" => n > hi,
                                "<" => n <= lo,
                                "<=" => n < lo,
                                "==" | "===" => n < lo || n > hi,
                                _ => false,
                            };
                            if never {
                                err(
                                    errors,
                                    "form.condition_unreachable",
                                    at.to_string(),
                                    format!(
                                        "`scales.{id} {op} {n}` can never be true: scale `{id}` \
                                         takes values from {lo} to {hi}",
                                        id = quote(id)
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            for (k, x) in map {
                walk_condition(x, &format!("{at}/{}", escape_pointer(k)), ranges, errors);
            }
        }
        _ => {}
    }
}

fn rules(def: &FormDef, errors: &mut Errs) {
    for (r, rule) in def.rules.iter().enumerate() {
        if rule.offers.is_empty() && rule.actions.is_empty() {
            err(
                errors,
                "form.rule_empty",
                format!("/rules/{r}"),
                format!("rule `{}` has neither offers nor actions", quote(&rule.id)),
            );
        }
    }
}

/// (field, expected ids, is the id known, error code).
type ExpectList<'a> = (
    &'a str,
    &'a Option<Vec<String>>,
    &'a dyn Fn(&str) -> bool,
    &'static str,
);

fn examples(def: &FormDef, errors: &mut Errs) {
    let items: HashSet<&str> = def.items.iter().map(|i| i.id.as_str()).collect();
    let scales: HashSet<&str> = def.scales.iter().map(|s| s.id.as_str()).collect();
    let findings: HashSet<&str> = def.findings.iter().map(|f| f.id.as_str()).collect();
    for (e, ex) in def.examples.iter().enumerate() {
        let at = |rest: String| format!("/examples/{e}/{rest}");
        for id in ex.answers.keys() {
            if !items.contains(id.as_str()) {
                err(
                    errors,
                    "form.unknown_item",
                    at(format!("answers/{}", escape_pointer(id))),
                    format!(
                        "example answers an item `{id}` that does not exist",
                        id = quote(id)
                    ),
                );
            }
        }
        let x = &ex.expect;
        if let Some(c) = &x.completeness {
            if !Completeness::ALL.iter().any(|k| k.as_str() == c) {
                err(
                    errors,
                    "form.unknown_value",
                    at("expect/completeness".into()),
                    format!(
                        "`{c}` is not one of complete, incomplete, invalid",
                        c = quote(c)
                    ),
                );
            }
        }
        for (field, map) in [("scales", &x.scales), ("bands", &x.bands)] {
            for id in map.iter().flat_map(|m| m.keys()) {
                if !scales.contains(id.as_str()) {
                    err(
                        errors,
                        "form.unknown_scale",
                        at(format!("expect/{field}/{}", escape_pointer(id))),
                        format!("no scale with id `{id}`", id = quote(id)),
                    );
                }
            }
        }
        let kinds: Option<Vec<String>> = x.offers.as_ref().map(|list| {
            list.iter()
                .map(|e| match e {
                    ExpectOffer::Kind(k) => k.clone(),
                    ExpectOffer::Offer(o) => o.kind().to_string(),
                })
                .collect()
        });
        let known_finding = |id: &str| findings.contains(id);
        let known_offer = |id: &str| Offer::KINDS.contains(&id);
        let known_action = |id: &str| Action::ALL.iter().any(|a| a.as_str() == id);
        let lists: [ExpectList<'_>; 3] = [
            (
                "findings",
                &x.findings,
                &known_finding,
                "form.unknown_finding",
            ),
            ("offers", &kinds, &known_offer, "form.unknown_value"),
            ("actions", &x.actions, &known_action, "form.unknown_value"),
        ];
        for (field, list, known, code) in lists {
            for (k, id) in list.iter().flatten().enumerate() {
                if !known(id) {
                    err(
                        errors,
                        code,
                        at(format!("expect/{field}/{k}")),
                        format!(
                            "`{id}` is not a known {}",
                            field.trim_end_matches('s'),
                            id = quote(id)
                        ),
                    );
                }
            }
        }
    }
}

/// Loose equality (`==`, `!=`) between a variable and `null`, `false`, `0` or `""` is a
/// trap in a clinical form: JsonLogic's `==` coerces, so an unanswered item (`null`) would
/// also equal `false` or `0`, and a "no" would equal `0`. Such comparisons must be strict
/// (`===`, `!==`); this check finds them anywhere in a condition.
pub fn loose_equality(rule: &serde_json::Value, pointer: &str, errors: &mut Errs) {
    use serde_json::Value;
    // Rules passed the logic compiler first, so their depth is bounded; walk iteratively.
    let mut stack: Vec<(&Value, String)> = vec![(rule, pointer.to_string())];
    while let Some((v, at)) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (op, args) in map {
                    let here = format!("{at}/{}", escape_pointer(op));
                    if op == "==" || op == "!=" {
                        if let Some(list) = args.as_array() {
                            let is_var = |x: &Value| {
                                x.as_object()
                                    .is_some_and(|o| o.contains_key("var") || o.contains_key("val"))
                            };
                            let is_trap = |x: &Value| match x {
                                Value::Null | Value::Bool(false) => true,
                                Value::Number(n) => n.as_f64() == Some(0.0),
                                Value::String(s) => s.is_empty(),
                                _ => false,
                            };
                            let has_var = list.iter().any(is_var);
                            if let Some(k) = list.iter().position(is_trap).filter(|_| has_var) {
                                let strict = if op == "==" { "===" } else { "!==" };
                                err(
                                    errors,
                                    "form.loose_equality",
                                    format!("{here}/{k}"),
                                    format!(
                                        "`{op}` with {} also matches an unanswered item (null), \
                                         false, 0 and \"\"; use `{strict}`",
                                        quote(
                                            &serde_json::to_string(
                                                list.get(k).unwrap_or(&Value::Null)
                                            )
                                            .unwrap_or_default()
                                        )
                                    ),
                                );
                            }
                        }
                    }
                    stack.push((args, here));
                }
            }
            Value::Array(list) => {
                for (i, x) in list.iter().enumerate() {
                    stack.push((x, format!("{at}/{i}")));
                }
            }
            _ => {}
        }
    }
}
