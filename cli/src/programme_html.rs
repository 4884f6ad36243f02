//! The `trygg programme report --html` page: self-contained (inline CSS and SVG, no
//! scripts, fonts, images or links to fetch), charts in the Okabe–Ito colour-blind-safe
//! palette, built from the published (already suppressed) report only.

use crate::diff_html::esc;
use std::fmt::Write as _;
use trygg::programme::report::{Cell, Published, PublishedRow, Rate};

const CSS: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:right}\
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}th{background:#f3f5f7}\
code{background:#f3f5f7;padding:0 .2rem;border-radius:3px;font-size:.9em}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}\
.chart{border:1px solid #d8dee4;padding:.5rem;margin:.5rem 0;max-width:100%;overflow-x:auto}\
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}";

/// Series of the uptake chart: (label, colour) — Okabe–Ito blue, bluish green,
/// vermillion, orange.
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
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d8dee4\"/><text x=\"{:.0}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{tick}</text>",
            width - 10.0,
            left - 6.0,
            y(tick) + 4.0,
            y = y(tick)
        );
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
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d8dee4\"/><text x=\"{:.0}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{tick:.0} %</text>",
            width - 10.0,
            left - 6.0,
            y(tick) + 4.0,
            y = y(tick)
        );
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

/// The report as a self-contained HTML page.
pub fn render(r: &Published) -> String {
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
    for (label, colour) in SERIES {
        let _ = write!(h, "<span style=\"background:{colour}\"></span>{label}");
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

#[cfg(test)]
mod tests {
    use super::nice_step;

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
