//! The comparison report as HTML (`trygg diff --html`, and the studio's compare step through
//! `Engine.compareReport`): one self-contained page — inline CSS, inline SVG charts,
//! no scripts, no fonts, no images, no links to fetch. It opens offline and can be attached
//! to a ticket.

use super::{
    definition_lines, num, pct, scale_change, short, urgent_first, Def, Dist, Report, Transition,
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
code{background:#f3f5f7;padding:0 .2rem;border-radius:3px;font-size:.9em}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem 1rem}\
.big{font-size:1.1rem}.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #d8dee4;padding:.5rem}\
.legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}.add{color:#0a6b2d}.rem{color:#a1260d}\
.ex{border:1px solid #d8dee4;padding:.3rem 1rem;margin:.5rem 0}.synthetic{color:#555}";

/// Colours of the two versions in charts.
const FROM: &str = "#9aa5b1";
const TO: &str = "#1f6feb";

/// The report as a self-contained HTML page.
pub fn html(r: &Report) -> String {
    let mut h = String::new();
    let title = format!("trygg diff: {} → {}", r.from.name(), r.to.name());
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>",
        esc(&title)
    );
    let _ = write!(h, "<h1>{}</h1>", esc(&title));
    let _ = write!(
        h,
        "<p>From <code>{}</code> ({}, <code>{}</code>) to <code>{}</code> ({}, <code>{}</code>). Input <code>{}</code>: {} responses from {} families{}.</p>",
        esc(&r.from.name()), esc(&r.from.status), esc(&r.from.hash),
        esc(&r.to.name()), esc(&r.to.status), esc(&r.to.hash),
        esc(&r.input), r.responses, r.families,
        if r.error_count > 0 { format!(", <strong>{} lines with errors</strong> (not scored)", r.error_count) } else { String::new() }
    );
    let _ = write!(
        h,
        "<p class=\"big\"><strong>{} of {} respondents ({})</strong> and <strong>{} of {} families ({})</strong> change outcome.</p>",
        r.changed_responses, r.responses, pct(r.changed_responses, r.responses),
        r.changed_families, r.families, pct(r.changed_families, r.families)
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
            "<p class=\"note\">{} new item(s) of {} were answered by no response in the input ({}); under {} they count as unanswered. For a fair comparison use responses that answer both versions' items.</p>",
            unanswered.len(), esc(&r.to.name()), esc(&unanswered.join(", ")), esc(&r.to.name())
        );
    }

    // Definition changes.
    let _ = write!(h, "<h2>What changed in the definition</h2><ul>");
    for l in definition_lines(r) {
        let _ = match l {
            Def::Added(kind, id) => write!(
                h,
                "<li class=\"add\">{kind} <code>{}</code> added</li>",
                esc(&id)
            ),
            Def::Removed(kind, id) => write!(
                h,
                "<li class=\"rem\">{kind} <code>{}</code> removed</li>",
                esc(&id)
            ),
            Def::Changed(what, field, before, after) => write!(
                h,
                "<li>{}: <code>{}</code> <code>{}</code> → <code>{}</code></li>",
                ticks(&what),
                esc(&field),
                esc(&before),
                esc(&after)
            ),
            Def::Wording(list) => {
                write!(h, "<li>wording changed: {}</li>", ticks(&list.join(", ")))
            }
        };
    }
    let _ = write!(h, "</ul>");

    // Completeness matrix.
    let _ = write!(
        h,
        "<h2>Completeness</h2><table><tr><th>{} ↓ / {} →</th><th>complete</th><th>incomplete</th><th>invalid</th></tr>",
        esc(&r.from.version),
        esc(&r.to.version)
    );
    let max = r
        .completeness
        .iter()
        .map(|p| p.count)
        .max()
        .unwrap_or(1)
        .max(1);
    for from in ["complete", "incomplete", "invalid"] {
        let _ = write!(h, "<tr><td>{from}</td>");
        for to in ["complete", "incomplete", "invalid"] {
            let c = r
                .completeness
                .iter()
                .find(|p| p.from == from && p.to == to)
                .map_or(0, |p| p.count);
            let _ = write!(h, "<td style=\"{}\">{c}</td>", shade(c, max, from == to));
        }
        let _ = write!(h, "</tr>");
    }
    let _ = write!(h, "</table>");

    for (title, what, list) in [
        ("Findings", "finding", &r.findings),
        ("Offers", "offer", &r.offers),
        ("Urgent actions", "action", &r.actions),
    ] {
        transitions(&mut h, title, what, list, r);
    }

    if !r.offer_sets.is_empty() {
        let _ = write!(
            h,
            "<h2>How respondents' offers change (most common)</h2><table><tr><th>{}</th><th style=\"text-align:left\">{}</th><th>respondents</th></tr>",
            esc(&r.from.version),
            esc(&r.to.version)
        );
        for p in &r.offer_sets {
            let _ = write!(
                h,
                "<tr><td>{}</td><td style=\"text-align:left\">{}</td><td>{}</td></tr>",
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
        "<h2>Scales</h2><table><tr><th>scale</th><th>with a value</th><th>mean</th><th>median</th><th>positive rate</th><th>values changed</th><th>moved</th></tr>"
    );
    for s in &r.scales {
        let rate = |d: &Dist| {
            d.positive_rate
                .map_or("—".into(), |p| format!("{:.1} %", p * 100.0))
        };
        let _ = write!(
            h,
            "<tr{}><td><code>{}</code></td><td>{} → {}</td><td>{} → {}</td><td>{} → {}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            if s.moved { " class=\"changed\"" } else { "" },
            esc(&s.id), s.from.n, s.to.n, num(s.from.mean), num(s.to.mean),
            num(s.from.median), num(s.to.median), rate(&s.from), rate(&s.to), s.changed,
            if s.moved { "yes" } else { "no" }
        );
    }
    let _ = write!(
        h,
        "</table><p class=\"legend\">Score distributions (share of responses with a value):<span style=\"background:{FROM}\"></span>{}<span style=\"background:{TO}\"></span>{}</p><div class=\"charts\">",
        esc(&r.from.version),
        esc(&r.to.version)
    );
    for s in &r.scales {
        let _ = write!(
            h,
            "<div class=\"chart\"><div><code>{}</code>{}</div>{}</div>",
            esc(&s.id),
            if s.moved { " — moved" } else { "" },
            histogram_svg(&s.from, &s.to)
        );
    }
    let _ = write!(h, "</div>");

    if !r.examples.is_empty() {
        let _ = write!(
            h,
            "<h2>The first {} changed responses</h2>",
            r.examples.len()
        );
        for (i, e) in r.examples.iter().enumerate() {
            let _ = write!(
                h,
                "<div class=\"ex\"><h3>{}. {} (line {})</h3><ul>",
                i + 1,
                esc(&e.label),
                e.line
            );
            if let Some((a, b)) = &e.completeness {
                let _ = write!(h, "<li>completeness: {a} → {b}</li>");
            }
            let ver = |sign: &str| {
                if sign == "+" {
                    &r.to.version
                } else {
                    &r.from.version
                }
            };
            // Urgent actions first, then findings (urgent first), then offers; the
            // reasons in words from trygg::explain.
            let words = |v: &serde_json::Value, key: &str| -> Option<String> {
                let list = v["words"][key].as_array()?;
                let parts: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            };
            for a in &e.actions {
                let sign = a["change"].as_str().unwrap_or_default();
                let _ = write!(
                    h,
                    "<li class=\"{}\">{} <strong>⚠ URGENT</strong> {} — under {}: {}</li>",
                    if sign == "+" { "add" } else { "rem" },
                    if sign == "+" { "new" } else { "no longer" },
                    esc(a["words"]["text"]
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
                    "<li class=\"{}\">{} {}finding {} (<code>{}</code>, {}) — under {}: {}; under {} it reads <code>{}</code></li>",
                    if sign == "+" { "add" } else { "rem" },
                    if sign == "+" { "new" } else { "no longer" },
                    if severity == "urgent" { "<strong>⚠ URGENT</strong> " } else { "" },
                    esc(f["words"]["title"].as_str().unwrap_or(id)),
                    esc(id),
                    esc(severity),
                    esc(ver(sign)),
                    esc(&because),
                    esc(ver(if sign == "+" { "-" } else { "+" })),
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
                let private = if o["words"]["private"] == serde_json::Value::Bool(true) {
                    " (with this parent alone)"
                } else {
                    ""
                };
                let _ = write!(
                    h,
                    "<li class=\"{}\">{} offer {}{} — under {}: {}</li>",
                    if sign == "+" { "add" } else { "rem" },
                    if sign == "+" { "new" } else { "no longer" },
                    esc(o["words"]["text"]
                        .as_str()
                        .or(o["offer"].as_str())
                        .unwrap_or_default()),
                    private,
                    esc(ver(sign)),
                    esc(&words(o, "rules").unwrap_or_else(|| rules.join(", ")))
                );
            }
            for s in &e.scales {
                let _ = write!(
                    h,
                    "<li>scale <code>{}</code>: {}</li>",
                    esc(&s.id),
                    esc(&scale_change(s, r))
                );
            }
            let _ = write!(h, "</ul></div>");
        }
    }
    if r.error_count > 0 {
        let _ = write!(h, "<h2>Input errors ({})</h2><ul>", r.error_count);
        for e in &r.errors {
            let _ = write!(
                h,
                "<li>line {}: <code>{}</code>: {}</li>",
                e["line"],
                esc(e["code"].as_str().unwrap_or_default()),
                esc(e["message"].as_str().unwrap_or_default())
            );
        }
        let _ = write!(h, "</ul>");
    }
    let _ = write!(
        h,
        "<p class=\"synthetic\">Generated by {} — every outcome names its form version and content hash; re-run <code>trygg diff</code> to reproduce.</p></body></html>",
        esc(trygg::outcome::ENGINE)
    );
    h.push('\n');
    h
}

fn shade(c: u64, max: u64, diagonal: bool) -> String {
    if c == 0 {
        return String::new();
    }
    let a = 0.12 + 0.6 * (c as f64 / max as f64);
    if diagonal {
        format!("background:rgba(154,165,177,{a:.2})")
    } else {
        format!("background:rgba(240,180,0,{a:.2})")
    }
}

fn transitions(h: &mut String, title: &str, what: &str, list: &[Transition], r: &Report) {
    let _ = write!(h, "<h2>{title}</h2>");
    if list.is_empty() {
        let _ = write!(h, "<p>None under either version.</p>");
        return;
    }
    let _ = write!(
        h,
        "<table><tr><th>{what}</th><th>{}</th><th>{}</th><th>present → present</th><th>absent → present</th><th>present → absent</th><th>absent → absent</th></tr>",
        esc(&r.from.version),
        esc(&r.to.version)
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
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td style=\"{}\">{}</td><td style=\"{}\">{}</td><td>{}</td></tr>",
            if t.new + t.gone > 0 { " class=\"changed\"" } else { "" },
            esc(&t.id), t.before(), t.after(), t.kept,
            shade(t.new, max, false), t.new, shade(t.gone, max, false), t.gone, t.absent
        );
    }
    let _ = write!(h, "</table>");
}

/// Paired bars per value (binned when there are many distinct values).
fn histogram_svg(a: &Dist, b: &Dist) -> String {
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
    let (w, hgt, pad) = (320.0, 150.0, 24.0);
    if values.is_empty() {
        return format!("<svg width=\"{w}\" height=\"40\" role=\"img\"><text x=\"4\" y=\"24\" font-size=\"12\">no values</text></svg>");
    }
    // Up to 24 bins: one per value when few, else equal-width ranges.
    let (lo, hi) = (values[0], values[values.len() - 1]);
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
    let share = |c: u64, d: &Dist| {
        if d.n == 0 {
            0.0
        } else {
            c as f64 / d.n as f64
        }
    };
    let mut cells = Vec::new();
    let mut top: f64 = 0.0;
    for (i, bin) in bins.iter().enumerate() {
        let last = i + 1 == bins.len();
        let (ca, cb) = (count(a, *bin, last), count(b, *bin, last));
        let (sa, sb) = (share(ca, a), share(cb, b));
        top = top.max(sa).max(sb);
        cells.push((bin.0, ca, cb, sa, sb));
    }
    let top = if top > 0.0 { top } else { 1.0 };
    let slot = (w - 2.0 * pad) / cells.len() as f64;
    let bar = (slot * 0.4).max(1.0);
    let mut s = format!(
        "<svg width=\"{w}\" height=\"{}\" viewBox=\"0 0 {w} {}\" role=\"img\" font-size=\"10\" font-family=\"sans-serif\"><line x1=\"{pad}\" y1=\"{hgt}\" x2=\"{}\" y2=\"{hgt}\" stroke=\"#555\"/>",
        hgt + 18.0,
        hgt + 18.0,
        w - pad
    );
    let label_every = (cells.len() / 8).max(1);
    for (i, (x, ca, cb, sa, sb)) in cells.iter().enumerate() {
        let x0 = pad + slot * i as f64 + slot * 0.1;
        let ha = (hgt - 10.0) * sa / top;
        let hb = (hgt - 10.0) * sb / top;
        let _ = write!(
            s,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{ha:.1}\" fill=\"{FROM}\"><title>{} — before: {ca}</title></rect><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{hb:.1}\" fill=\"{TO}\"><title>{} — after: {cb}</title></rect>",
            hgt - ha,
            num(Some(*x)),
            x0 + bar,
            hgt - hb,
            num(Some(*x)),
        );
        if i % label_every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x0 + bar,
                hgt + 13.0,
                num(Some(*x))
            );
        }
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
