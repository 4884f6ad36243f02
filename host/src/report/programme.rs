//! The uptake report of an extended home-visiting programme, rendered: Markdown and a
//! self-contained HTML page (inline CSS and SVG, no scripts, fonts, images or links to
//! fetch; charts in the Okabe–Ito colour-blind-safe palette), both built from the published
//! (already suppressed) report only — `trygg::programme::report` counts and suppresses, its
//! `Published::to_json` is the JSON. `trygg programme report` (CLI, streaming a file) and
//! the studio (`Engine.programmeReport` in the wasm module, over NDJSON text held in the
//! tab) call the same code: the same records give the same bytes in both.
//!
//! Also here: the seeded synthetic family records of `trygg programme synth` (the studio's
//! `Engine.programmeSynth`).

use crate::report::html::esc;
use crate::synth::Rng;
use std::fmt::Write as _;
use trygg::programme::report::{Cell, Period, Published, PublishedRow, Rate, Report};
use trygg::programme::CompiledProgramme;

/// The records of an NDJSON text held in memory, counted into `report` line by line as
/// `trygg programme report` reads a file: line numbers 1-based, blank lines skipped, `\r\n`
/// endings and a byte-order mark at the start not data, a line longer than
/// [`crate::ndjson::MAX_LINE_BYTES`] an error at its line.
pub fn add_ndjson(report: &mut Report<'_>, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        let n = i as u64 + 1;
        if line.len() > crate::ndjson::MAX_LINE_BYTES {
            report.add_line(n, "\"line too long\"");
            continue;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.bytes().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if n == 1 {
            report.add_line(n, line.trim_start_matches('\u{feff}'));
        } else {
            report.add_line(n, line);
        }
    }
}

fn period_name(p: Period) -> &'static str {
    match p {
        Period::Year => "year",
        Period::Quarter => "quarter",
    }
}

/// The report as Markdown.
pub fn markdown(r: &Published) -> String {
    let mut o = String::new();
    o.push_str(&format!("# Uptake of `{}`\n\n", r.programme));
    let versions: Vec<String> = r
        .versions
        .iter()
        .map(|(v, n)| format!("{v} ({n})"))
        .collect();
    o.push_str(&format!(
        "{} records read: {} counted, {} not counted{}. Versions: {}. By {} of the offer (else of the assessment). Visits planned: {}.\n\n",
        r.records,
        r.counted,
        r.rejected,
        if r.rejected > 0 { " (listed below)" } else { "" },
        if versions.is_empty() { "none".to_string() } else { versions.join(", ") },
        period_name(r.period),
        match &r.as_of {
            Some(d) => format!("the visits whose window closed by {d}"),
            None => "the whole plan of each family who accepted".to_string(),
        }
    ));
    if r.synthetic > 0 {
        o.push_str(&format!(
            "**Synthetic data**: {} of the counted records are synthetic (made up for a demo).\n\n",
            r.synthetic
        ));
    }
    if r.suppress_below > 0 {
        o.push_str(&format!(
            "Counts below {n} are shown as \"<{n}\"; a rate built on such a count is withheld.\n\n",
            n = r.suppress_below
        ));
    }
    let header = "| area | period | families | eligible | offered | accepted | declined | not answered | acceptance | visits planned | visits done |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
    let row = |row: &PublishedRow| {
        let c = &row.cells;
        let area = if row.area_name.is_empty() {
            row.area.clone()
        } else {
            format!("{} {}", row.area, row.area_name)
        };
        format!(
            "| {area} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.period,
            c.families,
            c.eligible,
            c.offered,
            c.accepted,
            c.declined,
            c.not_answered,
            c.acceptance_rate,
            c.visits_planned,
            c.visits_done
        )
    };
    for (title, rows) in [
        ("Per area and period", &r.rows),
        ("Per area", &r.areas),
        ("Per period", &r.periods),
    ] {
        o.push_str(&format!("## {title}\n\n{header}"));
        for x in rows.iter() {
            o.push_str(&row(x));
        }
        if title == "Per period" {
            o.push_str(&row(&r.total));
        }
        o.push('\n');
    }
    o.push_str(&format!(
        "Offered although not eligible by the criteria: {}.\n\n",
        r.total.cells.offered_not_eligible
    ));
    if !r.errors.is_empty() {
        o.push_str(
            "## Records not counted\n\n| line | code | where | message |\n|--:|---|---|---|\n",
        );
        for e in &r.errors {
            o.push_str(&format!(
                "| {} | `{}` | `{}` | {} |\n",
                e.line,
                e.code,
                e.path,
                e.message.replace('|', "\\|")
            ));
        }
        o.push('\n');
    }
    o
}

pub const CSS: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:right}\
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}th{background:#f3f5f7}\
code{background:#f3f5f7;padding:0 .2rem;border-radius:3px;font-size:.9em}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}\
.chart{border:1px solid #d8dee4;padding:.5rem;margin:.5rem 0;max-width:100%;overflow-x:auto}\
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}\
.legend .s0{background:#0072B2}.legend .s1{background:#009E73}.legend .s2{background:#D55E00}.legend .s3{background:#E69F00}";

/// Series of the uptake chart: (label, colour) — Okabe–Ito blue, bluish green,
/// vermillion, orange (the legend's swatches `.s0`…`.s3` in [`CSS`] repeat them).
const SERIES: [(&str, &str); 4] = [
    ("offered", "#0072B2"),
    ("accepted", "#009E73"),
    ("declined", "#D55E00"),
    ("not answered", "#E69F00"),
];

fn cells(r: &PublishedRow) -> [&Cell; 4] {
    [
        &r.cells.offered,
        &r.cells.accepted,
        &r.cells.declined,
        &r.cells.not_answered,
    ]
}

fn area_label(r: &PublishedRow) -> String {
    if r.area_name.is_empty() {
        r.area.clone()
    } else {
        r.area_name.clone()
    }
}

/// Grouped bars per area: offered, accepted, declined, not answered. A suppressed cell
/// has no bar, only its "<N" label.
fn uptake_svg(rows: &[PublishedRow]) -> String {
    let max = rows
        .iter()
        .flat_map(|r| cells(r).map(Cell::count))
        .flatten()
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(max);
    let top = max.div_ceil(step) * step;
    let (left, bar, gap, plot_h) = (48.0, 16.0, 28.0, 220.0);
    let group = bar * 4.0 + gap;
    let width = left + group * rows.len() as f64 + 20.0;
    let height = plot_h + 70.0;
    let y = |v: u64| 20.0 + plot_h * (1.0 - v as f64 / top as f64);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Families offered, accepted, declined and not answered, per area\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">"
    );
    let mut tick = 0;
    while tick <= top {
        gridline(&mut s, left, width, y(tick), &tick.to_string());
        tick += step;
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"20\" y2=\"{:.0}\" stroke=\"#1d2733\"/><text x=\"12\" y=\"{:.0}\" font-size=\"11\" transform=\"rotate(-90 12 {:.0})\" text-anchor=\"middle\">families</text>",
        20.0 + plot_h,
        20.0 + plot_h / 2.0,
        20.0 + plot_h / 2.0
    );
    for (g, r) in rows.iter().enumerate() {
        let x0 = left + gap / 2.0 + group * g as f64;
        for (k, (cell, (label, colour))) in cells(r).into_iter().zip(SERIES).enumerate() {
            let x = x0 + bar * k as f64;
            match cell {
                Cell::Count(n) => {
                    let _ = write!(
                        s,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{}: {label} {n}</title></rect>",
                        y(*n),
                        bar - 2.0,
                        20.0 + plot_h - y(*n),
                        esc(&area_label(r))
                    );
                }
                Cell::Suppressed(text) => {
                    let _ = write!(
                        s,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#1d2733\"><title>{label}</title>{}</text>",
                        x + bar / 2.0 - 1.0,
                        16.0 + plot_h,
                        esc(text)
                    );
                }
            }
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.0}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x0 + bar * 2.0,
            38.0 + plot_h,
            esc(&area_label(r))
        );
    }
    s.push_str("</svg>");
    s
}

/// One horizontal gridline of a chart at height `y`, with its value label left of the axis.
fn gridline(s: &mut String, left: f64, width: f64, y: f64, label: &str) {
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d8dee4\"/><text x=\"{:.0}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{label}</text>",
        width - 10.0,
        left - 6.0,
        y + 4.0
    );
}

/// Acceptance rate (%) per period, 0–100 axis; a withheld rate is labelled, not drawn.
fn rate_svg(rows: &[PublishedRow]) -> String {
    let (left, bar, gap, plot_h) = (48.0, 28.0, 20.0, 180.0);
    let width = left + (bar + gap) * rows.len() as f64 + 20.0;
    let height = plot_h + 60.0;
    let y = |v: f64| 20.0 + plot_h * (1.0 - v / 100.0);
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Acceptance rate per period\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">"
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        gridline(&mut s, left, width, y(tick), &format!("{tick:.0} %"));
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"20\" y2=\"{:.0}\" stroke=\"#1d2733\"/>",
        20.0 + plot_h
    );
    for (i, r) in rows.iter().enumerate() {
        let x = left + gap / 2.0 + (bar + gap) * i as f64;
        match &r.cells.acceptance_rate {
            Rate::Percent(p) => {
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{:.1}\" fill=\"#009E73\"><title>{}: {p:.1} %</title></rect>",
                    y(*p),
                    20.0 + plot_h - y(*p),
                    esc(&r.period)
                );
            }
            Rate::Withheld(w) => {
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{w}</text>",
                    x + bar / 2.0,
                    16.0 + plot_h
                );
            }
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.0}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x + bar / 2.0,
            36.0 + plot_h,
            esc(&r.period)
        );
    }
    s.push_str("</svg>");
    s
}

fn nice_step(max: u64) -> u64 {
    let mut step = 1;
    while max / step > 8 {
        step = match step.to_string().as_bytes().first() {
            Some(b'1') => step * 2,
            Some(b'2') => step / 2 * 5,
            _ => step * 2,
        };
    }
    step
}

fn table(h: &mut String, rows: &[&PublishedRow]) {
    h.push_str("<table><thead><tr><th>area</th><th>period</th><th>families</th><th>eligible</th><th>offered</th><th>accepted</th><th>declined</th><th>not answered</th><th>acceptance</th><th>visits planned</th><th>visits done</th></tr></thead><tbody>");
    for r in rows {
        let c = &r.cells;
        let area = if r.area_name.is_empty() {
            r.area.clone()
        } else {
            format!("{} {}", r.area, r.area_name)
        };
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&area),
            esc(&r.period),
            esc(&c.families.to_string()),
            esc(&c.eligible.to_string()),
            esc(&c.offered.to_string()),
            esc(&c.accepted.to_string()),
            esc(&c.declined.to_string()),
            esc(&c.not_answered.to_string()),
            esc(&c.acceptance_rate.to_string()),
            esc(&c.visits_planned.to_string()),
            esc(&c.visits_done.to_string())
        );
    }
    h.push_str("</tbody></table>");
}

/// The report as a self-contained HTML page (`trygg programme report --html`).
pub fn html(r: &Published) -> String {
    let mut h = String::new();
    let title = format!("Uptake of {}", r.programme);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><h1>{}</h1>",
        esc(&title),
        esc(&title)
    );
    let _ = write!(
        h,
        "<p>{} records read: {} counted, {} not counted{}.</p>",
        r.records,
        r.counted,
        r.rejected,
        if r.rejected > 0 {
            " (listed at the end)"
        } else {
            ""
        }
    );
    if r.synthetic > 0 {
        let _ = write!(
            h,
            "<p class=\"note\"><strong>Synthetic data</strong>: {} of the counted records are made up for a demo.</p>",
            r.synthetic
        );
    }
    if r.suppress_below > 0 {
        let _ = write!(
            h,
            "<p>Counts below {n} are shown as “&lt;{n}”; a rate built on such a count is withheld.</p>",
            n = r.suppress_below
        );
    }
    h.push_str("<h2>Offers and answers per area</h2><div class=\"legend\">");
    // A swatch's colour is a class of the page's one stylesheet, not a style attribute: the
    // studio's CSP allows that stylesheet by its hash and no inline style attribute.
    for (k, (label, _)) in SERIES.iter().enumerate() {
        let _ = write!(h, "<span class=\"s{k}\"></span>{label}");
    }
    let _ = write!(
        h,
        "</div><div class=\"chart\">{}</div>",
        uptake_svg(&r.areas)
    );
    let _ = write!(
        h,
        "<h2>Acceptance rate per period</h2><div class=\"chart\">{}</div>",
        rate_svg(&r.periods)
    );
    h.push_str("<h2>Per area and period</h2>");
    table(&mut h, &r.rows.iter().collect::<Vec<_>>());
    h.push_str("<h2>Per area</h2>");
    table(&mut h, &r.areas.iter().collect::<Vec<_>>());
    h.push_str("<h2>Per period</h2>");
    let mut periods: Vec<&PublishedRow> = r.periods.iter().collect();
    periods.push(&r.total);
    table(&mut h, &periods);
    if !r.errors.is_empty() {
        h.push_str("<h2>Records not counted</h2><table><thead><tr><th>line</th><th>code</th><th>where</th><th>message</th></tr></thead><tbody>");
        for e in &r.errors {
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                e.line,
                esc(e.code),
                esc(&e.path),
                esc(&e.message)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</body></html>\n");
    h
}

/// `n` synthetic family records of programme `p` as NDJSON text (one a line, each marked
/// `"synthetic": true`): the same bytes as `trygg programme synth` with the same seed and
/// first year.
pub fn synth_ndjson(p: &CompiledProgramme, n: u64, seed: u64, year: i32) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&synth_record(p, &mut rng, i, year));
        out.push('\n');
    }
    out
}

/// One synthetic record: assessed within two years from `year`, realistic shares of first
/// children, designated areas, offers and answers; visits inside their windows up to the
/// end of the second year.
pub fn synth_record(p: &CompiledProgramme, rng: &mut Rng, i: u64, year: i32) -> String {
    use serde_json::{json, Value};
    use trygg::programme::date::{format_day, parse_day};
    let start = parse_day(&format!("{year:04}-01-01")).unwrap_or(0);
    let end = parse_day(&format!("{:04}-12-31", year + 1)).unwrap_or(start + 730);
    let day = |f: f64, span: i64| (f * span as f64) as i64;
    let assessed = start + day(rng.f64(), end - start - 30);
    let contact = if rng.chance(0.05) {
        61 + day(rng.f64(), 60)
    } else {
        3 + day(rng.f64(), 28)
    };
    let birth = assessed - contact;
    let areas = &p.def().areas.list;
    let weights: Vec<f64> = areas
        .iter()
        .map(|a| if a.designated { 3.0 } else { 1.0 })
        .collect();
    let area = areas
        .get(rng.pick(&weights))
        .map_or("", |a| a.code.as_str());
    let first = rng.chance(0.45);
    let first_in_sweden = !first && rng.chance(0.15);
    let family = json!({"firstChild": first, "firstChildInSweden": first_in_sweden, "area": area});
    let child = json!({"birthDate": format_day(birth), "ageDaysAtFirstContact": contact});
    let input = trygg::programme::plan::input_from_value(&json!({
        "referenceDate": format_day(assessed),
        "family": family,
        "child": child,
    }));
    let mut record = serde_json::Map::new();
    record.insert("id".into(), json!(format!("synth-{:06}", i + 1)));
    record.insert("synthetic".into(), json!(true));
    record.insert(
        "programme".into(),
        json!({"id": p.id(), "version": p.version()}),
    );
    record.insert("assessed".into(), json!(format_day(assessed)));
    record.insert("family".into(), family);
    record.insert("child".into(), child);
    let evaluation = input
        .ok()
        .and_then(|i| trygg::programme::evaluate_programme(p, &i, &trygg::Registry::new()).ok());
    let eligible = evaluation.as_ref().is_some_and(|e| e.eligible);
    let offered = if eligible {
        rng.chance(0.95)
    } else {
        rng.chance(0.02)
    };
    if offered {
        let offer_day = assessed + day(rng.f64(), 14);
        let answer = ["accepted", "declined", "not-answered"]
            .get(rng.pick(&[0.85, 0.1, 0.05]))
            .copied()
            .unwrap_or("accepted");
        record.insert(
            "offer".into(),
            json!({"date": format_day(offer_day), "answer": answer}),
        );
        if answer == "accepted" {
            let mut visits = Vec::new();
            for v in evaluation.iter().flat_map(|e| &e.plan) {
                if let trygg::programme::plan::PlanEntry::Visit { id, window, .. } = v {
                    let (from, to) = (birth + window.from_age_days, birth + window.to_age_days);
                    if to <= end && rng.chance(0.85) {
                        let d = from + day(rng.f64(), to - from + 1).min(to - from);
                        if d < offer_day {
                            continue;
                        }
                        visits.push(json!({"id": id, "date": format_day(d)}));
                    }
                }
            }
            record.insert("visits".into(), Value::Array(visits));
        }
    }
    trygg::to_canonical_string(&Value::Object(record))
}

#[cfg(test)]
mod tests {
    use super::{nice_step, CSS, SERIES};

    #[test]
    fn every_legend_swatch_has_its_series_colour() {
        for (k, (_, colour)) in SERIES.iter().enumerate() {
            assert!(CSS.contains(&format!(".legend .s{k}{{background:{colour}}}")));
        }
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(12), 2);
        assert_eq!(nice_step(40), 5);
        assert_eq!(nice_step(75), 10);
        assert_eq!(nice_step(150), 20);
        assert_eq!(nice_step(400), 50);
    }
}
