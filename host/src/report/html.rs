//! The comparison report as HTML (`trygg diff --html`, and the studio's compare step through
//! `Engine.compareReport`): one self-contained page — inline CSS, inline SVG charts,
//! no scripts, no fonts, no images, no links to fetch. It opens offline and can be attached
//! to a ticket.

use super::words::W;
use super::{
    definition_lines, num, pct, scale_change, short, urgent_first, word, Def, Dist, Report,
    ScaleReport, Transition,
};
use std::fmt::Write as _;

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// Escape text, turning `backticked` parts into `<code>`.
fn ticks(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

const CSS: &str = "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d8dee4;padding:.25rem .5rem;text-align:right}\
th:first-child,td:first-child{text-align:left}th{background:#f3f5f7}tr.changed td:first-child{font-weight:600}\
code{background:#f3f5f7;padding:0 .2rem;border-radius:3px;font-size:.9em}.note{background:#fff8e1;border-left:4px solid #e69f00;padding:.5rem 1rem}\
.synthetic-input{background:#e8f1f8;border-left:4px solid #0072b2;padding:.5rem 1rem;font-weight:600}\
.big{font-size:1.1rem}.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #d8dee4;padding:.5rem}\
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}.add{color:#005a8c}.rem{color:#a33c00}\
.ex{border:1px solid #d8dee4;padding:.3rem 1rem;margin:.5rem 0}.footer{color:#555}.id{color:#555;font-size:.85em}\
th.l,td.l{text-align:left}.sw-from{background:#e69f00}.sw-to{background:#0072b2}\
.c1{background:rgba(86,180,233,.2)}.c2{background:rgba(86,180,233,.35)}.c3{background:rgba(86,180,233,.5)}.c4{background:rgba(86,180,233,.65)}.c5{background:rgba(86,180,233,.8)}\
.d1{background:rgba(154,165,177,.2)}.d2{background:rgba(154,165,177,.35)}.d3{background:rgba(154,165,177,.5)}.d4{background:rgba(154,165,177,.65)}.d5{background:rgba(154,165,177,.8)}";

// A page that shows the report under a strict Content-Security-Policy allows exactly this
// inline style by its hash (demo-web/server.mjs; tests/js/node/report.test.mjs checks that the
// two agree). The page has no `style` attributes, so nothing else needs allowing.

/// Colours of the two versions in charts: orange and blue of the Okabe–Ito palette, told
/// apart with every kind of colour vision (the legend and each bar's title name them too).
const FROM: &str = "#E69F00";
const TO: &str = "#0072B2";

/// The report as a self-contained HTML page, in the report's language.
pub fn html(r: &Report) -> String {
    let w = W::of(r);
    let mut h = String::new();
    let title = format!(
        "{}: {} → {}",
        w.t("Comparison", "Jämförelse"),
        r.from.name(),
        r.to.name()
    );
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><main>",
        esc(&r.locale),
        esc(&title)
    );
    let _ = write!(h, "<h1>{}</h1>", esc(&title));
    if let Some(statement) = w.synthetic(r) {
        let _ = write!(
            h,
            "<p class=\"synthetic-input\" id=\"synthetic-input\">{}</p>",
            esc(&statement)
        );
    }
    let _ = write!(
        h,
        "<p>{} <code>{}</code> ({}, <code>{}</code>) {} <code>{}</code> ({}, <code>{}</code>). {} <code>{}</code>: {} {} {} {}{}.</p>",
        w.t("From", "Från"),
        esc(&r.from.name()), esc(&r.from.status), esc(&r.from.hash),
        w.t("to", "till"),
        esc(&r.to.name()), esc(&r.to.status), esc(&r.to.hash),
        w.t("Input", "Indata"),
        esc(&r.input), r.responses, w.t("responses from", "svar från"), r.families,
        w.t("families", "familjer"),
        if r.error_count > 0 {
            format!(", <strong>{} {}</strong> ({})", r.error_count, w.t("lines with errors", "rader med fel"), w.t("not scored", "inte poängsatta"))
        } else {
            String::new()
        }
    );
    let _ = write!(
        h,
        "<p class=\"big\"><strong>{} {} {} {} ({})</strong> {} <strong>{} {} {} {} ({})</strong> {}.</p>",
        r.changed_responses, w.t("of", "av"), r.responses, w.t("respondents", "svarande"),
        pct(r.changed_responses, r.responses),
        w.t("and", "och"),
        r.changed_families, w.t("of", "av"), r.families, w.t("families", "familjer"),
        pct(r.changed_families, r.families),
        w.t("change outcome", "får ett annat utfall")
    );
    let unanswered: Vec<&str> = r
        .only_in_to
        .iter()
        .filter(|o| o.answered == 0)
        .map(|o| o.item.as_str())
        .collect();
    if !unanswered.is_empty() {
        let _ = write!(
            h,
            "<p class=\"note\">{} ({}): {} {}.</p>",
            esc(&format!(
                "{} {} {}",
                unanswered.len(),
                w.t("new question(s) of", "nya frågor i"),
                r.to.name()
            )),
            esc(&unanswered.join(", ")),
            w.t(
                "no response in the input answered them, so under the new version they count as unanswered",
                "inget svar i indata besvarade dem, så med den nya versionen räknas de som obesvarade"
            ),
            w.t(
                "— for a fair comparison use responses that answer both versions' questions",
                "— jämför hellre med svar som besvarar båda versionernas frågor"
            )
        );
    }

    // Definition changes.
    let _ = write!(
        h,
        "<h2>{}</h2><ul>",
        w.t(
            "What changed in the definition",
            "Vad som ändrats i definitionen"
        )
    );
    let lines = definition_lines(r);
    if lines.is_empty() {
        let _ = write!(
            h,
            "<li>{}</li>",
            w.t(
                "No differences (apart from the version).",
                "Inga skillnader (utom versionen)."
            )
        );
    }
    for l in lines {
        let _ = match l {
            Def::Added(kind, id) => write!(
                h,
                "<li class=\"add\">+ {kind} <code>{}</code> {}</li>",
                esc(&id),
                w.t("added", "tillagd")
            ),
            Def::Removed(kind, id) => write!(
                h,
                "<li class=\"rem\">− {kind} <code>{}</code> {}</li>",
                esc(&id),
                w.t("removed", "borttagen")
            ),
            Def::Changed(what, field, before, after) => write!(
                h,
                "<li>{}: <code>{}</code> <code>{}</code> → <code>{}</code></li>",
                ticks(&what),
                esc(&field),
                esc(&before),
                esc(&after)
            ),
            Def::Wording(list) => write!(
                h,
                "<li>{}: {}</li>",
                w.t("wording changed", "formuleringar ändrade"),
                ticks(&list.join(", "))
            ),
        };
    }
    let _ = write!(h, "</ul>");

    // Completeness matrix.
    let states = ["complete", "incomplete", "invalid"];
    let _ = write!(
        h,
        "<h2>{}</h2><table><caption>{}</caption><tr><th scope=\"col\">{} ↓ / {} →</th>",
        w.t("Completeness", "Fullständighet"),
        w.t(
            "Responses by completeness under each version",
            "Svar efter fullständighet med varje version"
        ),
        esc(&r.from.version),
        esc(&r.to.version)
    );
    for to in states {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(&w.completeness(to)));
    }
    let _ = write!(h, "</tr>");
    let max = r
        .completeness
        .iter()
        .map(|p| p.count)
        .max()
        .unwrap_or(1)
        .max(1);
    for from in states {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th>",
            esc(&w.completeness(from))
        );
        for to in states {
            let c = r
                .completeness
                .iter()
                .find(|p| p.from == from && p.to == to)
                .map_or(0, |p| p.count);
            let _ = write!(h, "<td{}>{c}</td>", shade(c, max, from == to));
        }
        let _ = write!(h, "</tr>");
    }
    let _ = write!(h, "</table>");

    for (title, what, list) in [
        (w.t("Findings", "Fynd"), w.t("finding", "fynd"), &r.findings),
        (
            w.t("Offers", "Erbjudanden"),
            w.t("offer", "erbjudande"),
            &r.offers,
        ),
        (
            w.t("Urgent actions", "Akuta åtgärder"),
            w.t("action", "åtgärd"),
            &r.actions,
        ),
    ] {
        transitions(&mut h, title, what, list, r, w);
    }

    if !r.offer_sets.is_empty() {
        let _ = write!(
            h,
            "<h2>{}</h2><table><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"l\">{}</th><th scope=\"col\">{}</th></tr>",
            w.t("How respondents' offers change (most common)", "Hur svarandenas erbjudanden ändras (vanligast)"),
            esc(&r.from.version),
            esc(&r.to.version),
            w.t("respondents", "svarande")
        );
        for p in &r.offer_sets {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=\"l\">{}</td><td>{}</td></tr>",
                esc(&p.from),
                esc(&p.to),
                p.count
            );
        }
        let _ = write!(h, "</table>");
    }

    // Scales: table and charts.
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
        w.t("Scales", "Skalor"),
        w.t("scale", "skala"),
        w.t("with a value", "med värde"),
        w.t("mean", "medelvärde"),
        w.t("median", "median"),
        w.t("positive rate", "andel positiva"),
        w.t("values changed", "ändrade värden"),
        w.t("moved", "förskjuten")
    );
    for s in &r.scales {
        let rate = |d: &Dist| {
            d.positive_rate
                .map_or("—".into(), |p| format!("{:.1} %", p * 100.0))
        };
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{} → {}</td><td>{} → {}</td><td>{} → {}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            if s.moved { " class=\"changed\"" } else { "" },
            named(&s.title, &s.id),
            s.from.n, s.to.n, num(s.from.mean), num(s.to.mean),
            num(s.from.median), num(s.to.median), rate(&s.from), rate(&s.to), s.changed,
            if s.moved { w.t("yes", "ja") } else { w.t("no", "nej") }
        );
    }
    let _ = write!(
        h,
        "</table><p class=\"legend\">{}<span class=\"sw-from\"></span>{}<span class=\"sw-to\"></span>{}</p><div class=\"charts\">",
        w.t(
            "Score distributions: the share of responses with a value at each score; a dashed line marks a cut-off (a score at or above it reaches it).",
            "Poängfördelningar: andelen svar med ett värde vid varje poäng; en streckad linje markerar ett gränsvärde (en poäng på eller över det når det)."
        ),
        esc(&r.from.version),
        esc(&r.to.version)
    );
    for s in &r.scales {
        let _ = write!(
            h,
            "<figure class=\"chart\"><figcaption>{}{}</figcaption>{}</figure>",
            named(&s.title, &s.id),
            if s.moved {
                w.t(" — moved", " — förskjuten")
            } else {
                ""
            },
            histogram_svg(s, r, w)
        );
    }
    let _ = write!(h, "</div>");

    if !r.examples.is_empty() {
        let _ = write!(
            h,
            "<h2>{} {} {}</h2>",
            w.t("The first", "De första"),
            r.examples.len(),
            w.t(
                "changed responses, in words",
                "svaren som får ett annat utfall, i ord"
            )
        );
        let ver = |sign: &str| {
            if sign == "+" {
                &r.to.version
            } else {
                &r.from.version
            }
        };
        let change = |sign: &str| {
            if sign == "+" {
                w.t("new", "ny")
            } else {
                w.t("no longer", "inte längre")
            }
        };
        let class = |sign: &str| if sign == "+" { "add" } else { "rem" };
        let under = w.t("under", "med");
        let urgent = w.t("⚠ URGENT", "⚠ AKUT");
        // The reasons in words from trygg::explain.
        let words = |v: &serde_json::Value, key: &str| -> Option<String> {
            let list = word(v, key).as_array()?;
            let parts: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        };
        for (i, e) in r.examples.iter().enumerate() {
            let _ = write!(
                h,
                "<div class=\"ex\"><h3>{}. {} ({} {})</h3><ul>",
                i + 1,
                esc(&e.label),
                w.t("line", "rad"),
                e.line
            );
            if let Some((a, b)) = &e.completeness {
                let _ = write!(
                    h,
                    "<li>{}: {} → {}</li>",
                    w.t("completeness", "fullständighet"),
                    esc(&w.completeness(a)),
                    esc(&w.completeness(b))
                );
            }
            // Urgent actions first, then findings (urgent first), then offers.
            for a in &e.actions {
                let sign = a["change"].as_str().unwrap_or_default();
                let _ = write!(
                    h,
                    "<li class=\"{}\">{} <strong>{urgent}</strong> {} — {under} {}: {}</li>",
                    class(sign),
                    change(sign),
                    esc(word(a, "text")
                        .as_str()
                        .or(a["action"].as_str())
                        .unwrap_or_default()),
                    esc(ver(sign)),
                    esc(&words(a, "rules").unwrap_or_else(|| short(&a["rules"], 120)))
                );
            }
            for f in urgent_first(&e.findings) {
                let sign = f["change"].as_str().unwrap_or_default();
                let id = f["id"].as_str().unwrap_or_default();
                let severity = f["severity"].as_str().unwrap_or_default();
                let because = words(f, "reasons").unwrap_or_else(|| {
                    format!("{} read {}", short(&f["when"], 160), short(&f["read"], 200))
                });
                let _ = write!(
                    h,
                    "<li class=\"{}\">{} {}{} {} <span class=\"id\">({}, {})</span> — {under} {}: {}; {under} {} {}: <code>{}</code></li>",
                    class(sign),
                    change(sign),
                    if severity == "urgent" { format!("<strong>{urgent}</strong> ") } else { String::new() },
                    w.t("finding", "fynd"),
                    esc(word(f, "title").as_str().unwrap_or(id)),
                    esc(id),
                    esc(severity),
                    esc(ver(sign)),
                    esc(&because),
                    esc(ver(if sign == "+" { "-" } else { "+" })),
                    w.t("the same values are", "är samma värden"),
                    esc(&short(&f["otherVersionReads"], 200))
                );
            }
            for o in &e.offers {
                let sign = o["change"].as_str().unwrap_or_default();
                let rules: Vec<String> = o["rules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|x| x["rule"].as_str().unwrap_or_default().to_string())
                    .collect();
                let private = if word(o, "private").as_bool() == Some(true) {
                    w.t(
                        " (with this parent alone)",
                        " (med den här föräldern enskilt)",
                    )
                } else {
                    ""
                };
                let _ = write!(
                    h,
                    "<li class=\"{}\">{} {} {}{} — {under} {}: {}</li>",
                    class(sign),
                    change(sign),
                    w.t("offer", "erbjudande"),
                    esc(word(o, "text")
                        .as_str()
                        .or(o["offer"].as_str())
                        .unwrap_or_default()),
                    private,
                    esc(ver(sign)),
                    esc(&words(o, "rules").unwrap_or_else(|| rules.join(", ")))
                );
            }
            for s in &e.scales {
                let title = r
                    .scales
                    .iter()
                    .find(|x| x.id == s.id)
                    .map_or(s.id.as_str(), |x| x.title.as_str());
                let _ = write!(
                    h,
                    "<li>{} {}: {}</li>",
                    w.t("scale", "skala"),
                    named(title, &s.id),
                    esc(&scale_change(s, r))
                );
            }
            let _ = write!(h, "</ul></div>");
        }
    }
    if r.error_count > 0 {
        let _ = write!(
            h,
            "<h2>{} ({})</h2><ul>",
            w.t("Input errors", "Fel i indata"),
            r.error_count
        );
        for e in &r.errors {
            let _ = write!(
                h,
                "<li>{} {}: <code>{}</code>: {}</li>",
                w.t("line", "rad"),
                e["line"],
                esc(e["code"].as_str().unwrap_or_default()),
                esc(e["message"].as_str().unwrap_or_default())
            );
        }
        let _ = write!(h, "</ul>");
    }
    let _ = write!(
        h,
        "<p class=\"footer\">{} {} — {}</p></main></body></html>",
        w.t("Made by", "Skapad av"),
        esc(trygg::outcome::ENGINE),
        w.t(
            "every outcome names its form version and content hash; run trygg diff again to reproduce.",
            "varje utfall anger formulärversion och innehållshash; kör trygg diff igen för att återskapa rapporten."
        )
    );
    h.push('\n');
    h
}

/// A title with its id beside it when they differ (`Stress <code>stress</code>`).
fn named(title: &str, id: &str) -> String {
    if title == id {
        format!("<code>{}</code>", esc(id))
    } else {
        format!(
            "{} <span class=\"id\"><code>{}</code></span>",
            esc(title),
            esc(id)
        )
    }
}

/// A cell's shading as a class (five steps by count; sky blue for a change, grey on the
/// diagonal): classes, not `style` attributes, so the page keeps to a CSP without
/// `'unsafe-inline'` (the studio shows it under one).
fn shade(c: u64, max: u64, diagonal: bool) -> String {
    if c == 0 {
        return String::new();
    }
    let step = (5 * c).div_ceil(max.max(1)).clamp(1, 5);
    format!(" class=\"{}{step}\"", if diagonal { "d" } else { "c" })
}

fn transitions(h: &mut String, title: &str, what: &str, list: &[Transition], r: &Report, w: W) {
    let _ = write!(h, "<h2>{title}</h2>");
    if list.is_empty() {
        let _ = write!(
            h,
            "<p>{}</p>",
            w.t(
                "None under either version.",
                "Inga med någon av versionerna."
            )
        );
        return;
    }
    let _ = write!(
        h,
        "<table class=\"transitions\"><tr><th scope=\"col\">{what}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
        esc(&r.from.version),
        esc(&r.to.version),
        w.t("present → present", "finns → finns"),
        w.t("absent → present", "saknas → finns"),
        w.t("present → absent", "finns → saknas"),
        w.t("absent → absent", "saknas → saknas")
    );
    let max = list
        .iter()
        .map(|t| t.new.max(t.gone))
        .max()
        .unwrap_or(1)
        .max(1);
    for t in list {
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{}>{}</td><td{}>{}</td><td>{}</td></tr>",
            if t.new + t.gone > 0 { " class=\"changed\"" } else { "" },
            named(&t.title, &t.id), t.before(), t.after(), t.kept,
            shade(t.new, max, false), t.new, shade(t.gone, max, false), t.gone, t.absent
        );
    }
    let _ = write!(h, "</table>");
}

/// Paired bars per score (binned when there are many distinct values), with a y axis (share
/// of responses, gridlines at round percentages), an x axis (score), and each version's cut-offs as
/// dashed lines in the version's colour (black when both versions share it).
fn histogram_svg(sc: &ScaleReport, r: &Report, w: W) -> String {
    let (a, b) = (&sc.from, &sc.to);
    let values: Vec<f64> = {
        let mut v: Vec<f64> = a
            .histogram
            .iter()
            .chain(&b.histogram)
            .map(|(x, _)| *x)
            .collect();
        v.sort_by(f64::total_cmp);
        v.dedup();
        v
    };
    let (width, plot_h, left, right, top_pad) = (380.0, 150.0, 46.0, 12.0, 16.0);
    let bottom = top_pad + plot_h;
    let (Some(&lo), Some(&hi)) = (values.first(), values.last()) else {
        return format!(
            "<svg width=\"{width}\" height=\"40\" role=\"img\" aria-label=\"{0}\"><text x=\"4\" y=\"24\" font-size=\"12\">{0}</text></svg>",
            w.t("no values", "inga värden")
        );
    };
    // Up to 24 bins: one per value when few, else equal-width ranges.
    let bins: Vec<(f64, f64)> = if values.len() <= 24 {
        values.iter().map(|v| (*v, *v)).collect()
    } else {
        let step = (hi - lo) / 24.0;
        (0..24)
            .map(|i| (lo + step * i as f64, lo + step * (i + 1) as f64))
            .collect()
    };
    let count = |d: &Dist, (x0, x1): (f64, f64), last: bool| -> u64 {
        d.histogram
            .iter()
            .filter(|(v, _)| {
                if x0 == x1 {
                    *v == x0
                } else {
                    *v >= x0 && (*v < x1 || (last && *v <= x1))
                }
            })
            .map(|(_, c)| *c)
            .sum()
    };
    let share = |c: u64, d: &Dist| if d.n == 0 { 0.0 } else { c as f64 / d.n as f64 };
    let mut cells = Vec::new();
    let mut top: f64 = 0.0;
    for (i, bin) in bins.iter().enumerate() {
        let last = i + 1 == bins.len();
        let (ca, cb) = (count(a, *bin, last), count(b, *bin, last));
        let (sa, sb) = (share(ca, a), share(cb, b));
        top = top.max(sa).max(sb);
        cells.push((bin.0, ca, cb, sa, sb));
    }
    // The y axis: ticks every 5, 10 or 20 %, up to the first tick above the highest bar.
    let step = if top <= 0.2 {
        0.05
    } else if top <= 0.5 {
        0.1
    } else {
        0.2
    };
    let n_ticks = ((top / step).ceil() as u32).max(1);
    let y_max = (step * f64::from(n_ticks)).min(1.0);
    let y = |share: f64| bottom - plot_h * share / y_max;
    let slot = (width - left - right) / cells.len().max(1) as f64;
    let bar = (slot * 0.4).max(1.0);
    let total_h = bottom + 34.0;
    let mut s = format!(
        "<svg width=\"{width}\" height=\"{total_h}\" viewBox=\"0 0 {width} {total_h}\" role=\"img\" aria-label=\"{}\" font-size=\"10\" font-family=\"sans-serif\">",
        esc(&format!("{}: {} {} / {}", sc.title, w.t("score distribution", "poängfördelning"), r.from.version, r.to.version))
    );
    // Y axis: gridlines and labels at each tick.
    for q in 0..=n_ticks {
        let v = (step * f64::from(q)).min(1.0);
        let yy = y(v);
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#d8dee4\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{:.0} %</text>",
            width - right,
            left - 4.0,
            yy + 3.0,
            v * 100.0
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{top_pad}\" x2=\"{left}\" y2=\"{bottom}\" stroke=\"#555\"/><line x1=\"{left}\" y1=\"{bottom}\" x2=\"{:.1}\" y2=\"{bottom}\" stroke=\"#555\"/><text x=\"2\" y=\"10\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        width - right,
        w.t("share of responses", "andel svar"),
        left + (width - left - right) / 2.0,
        bottom + 28.0,
        w.t("score", "poäng")
    );
    let label_every = (cells.len() / 8).max(1);
    for (i, (x, ca, cb, sa, sb)) in cells.iter().enumerate() {
        let x0 = left + slot * i as f64 + slot * 0.1;
        let _ = write!(
            s,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{FROM}\"><title>{} {}: {ca} ({})</title></rect><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{TO}\"><title>{} {}: {cb} ({})</title></rect>",
            y(*sa),
            bottom - y(*sa),
            esc(&r.from.version),
            num(Some(*x)),
            pct(*ca, a.n),
            x0 + bar,
            y(*sb),
            bottom - y(*sb),
            esc(&r.to.version),
            num(Some(*x)),
            pct(*cb, b.n),
        );
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x0 + bar,
                bottom + 13.0,
                num(Some(*x))
            );
        }
    }
    // Cut-offs: a line at the left edge of the first bin that reaches the cut-off.
    let at = |c: f64| -> f64 {
        let i = cells
            .iter()
            .position(|(x, ..)| *x >= c)
            .unwrap_or(cells.len());
        left + slot * i as f64
    };
    let mut marks: Vec<(f64, &str, String)> = Vec::new();
    for c in &sc.cutoffs_from {
        if sc.cutoffs_to.contains(c) {
            marks.push((*c, "#000", w.t("cut-off", "gränsvärde").to_string()));
        } else {
            marks.push((
                *c,
                FROM,
                format!("{} {}", w.t("cut-off", "gränsvärde"), r.from.version),
            ));
        }
    }
    for c in sc
        .cutoffs_to
        .iter()
        .filter(|c| !sc.cutoffs_from.contains(c))
    {
        marks.push((
            *c,
            TO,
            format!("{} {}", w.t("cut-off", "gränsvärde"), r.to.version),
        ));
    }
    for (k, (c, colour, label)) in marks.iter().enumerate() {
        let xx = at(*c);
        let right_half = xx > left + (width - left - right) / 2.0;
        let _ = write!(
            s,
            "<line class=\"cutoff\" x1=\"{xx:.1}\" y1=\"{top_pad}\" x2=\"{xx:.1}\" y2=\"{bottom}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\" text-anchor=\"{}\">{} {}</text>",
            // The label on the side with room: left of a line in the right half.
            if right_half { xx - 3.0 } else { xx + 3.0 },
            top_pad + 10.0 + 11.0 * k as f64,
            if right_half { "end" } else { "start" },
            esc(label),
            num(Some(*c))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code() {
        assert_eq!(ticks("scale `a<b`: x"), "scale <code>a&lt;b</code>: x");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
