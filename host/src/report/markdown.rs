//! The comparison report as Markdown (`trygg diff`'s default output).

use super::words::W;
use super::{
    definition_lines, num, pct, scale_change, short, urgent_first, word, Def, Dist, Example, Report,
};
use serde_json::Value;
use std::fmt::Write as _;

/// A title with its id: `Low mood (`low_mood`)`, or the id alone when there is no title.
fn titled(title: &str, id: &str) -> String {
    if title == id {
        id.to_string()
    } else {
        format!("{title} (`{id}`)")
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Text from the input (record ids, messages quoting it) made inert in Markdown: every
/// punctuation character Markdown gives meaning to is backslash-escaped, `<` and `&` become
/// entities (no raw HTML), and line breaks become spaces (no new headings or list items).
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The report as Markdown.
pub fn markdown(r: &Report) -> String {
    let w = W::of(r);
    let mut m = String::new();
    let n = r.responses;
    let _ = writeln!(
        m,
        "# {}: {} → {}\n",
        w.t("trygg diff", "Jämförelse"),
        r.from.name(),
        r.to.name()
    );
    if let Some(statement) = w.synthetic(r) {
        let _ = writeln!(
            m,
            "> **{}** {statement}\n",
            w.t("Synthetic input:", "Syntetiska indata:")
        );
    }
    let _ = writeln!(
        m,
        "- from: `{}` ({}, `{}`)\n- to: `{}` ({}, `{}`)\n- input: `{}` — {} responses from {} families{}\n",
        r.from.name(),
        r.from.status,
        r.from.hash,
        r.to.name(),
        r.to.status,
        r.to.hash,
        r.input,
        n,
        r.families,
        if r.error_count > 0 {
            format!(", **{} lines with errors** (not scored)", r.error_count)
        } else {
            String::new()
        }
    );
    let _ = writeln!(m, "## {}\n", w.t("Summary", "Sammanfattning"));
    let _ = writeln!(
        m,
        "- **{} {} {} {} ({}) {}** ({}).",
        r.changed_responses,
        w.t("of", "av"),
        n,
        w.t("respondents", "svarande"),
        pct(r.changed_responses, n),
        w.t("change outcome", "får ett annat utfall"),
        w.t(
            "completeness, findings, offers or urgent actions",
            "fullständighet, fynd, erbjudanden eller akuta åtgärder"
        )
    );
    let _ = writeln!(
        m,
        "- **{} {} {} {} ({})** {}.",
        r.changed_families,
        w.t("of", "av"),
        r.families,
        w.t("families", "familjer"),
        pct(r.changed_families, r.families),
        w.t(
            "have at least one respondent whose outcome changes",
            "har minst en svarande vars utfall ändras"
        )
    );
    for t in r.findings.iter().filter(|t| t.new + t.gone > 0) {
        let _ = writeln!(
            m,
            "- {} {}: {} → {} {} ({} {}, {} {}).",
            w.t("finding", "fynd"),
            titled(&t.title, &t.id),
            t.before(),
            t.after(),
            w.t("respondents", "svarande"),
            t.new,
            w.t("new", "nya"),
            t.gone,
            w.t("no longer", "inte längre")
        );
    }
    for t in r.actions.iter().filter(|t| t.new + t.gone > 0) {
        let _ = writeln!(
            m,
            "- {} {}: {} → {} {}.",
            w.t("urgent action", "akut åtgärd"),
            titled(&t.title, &t.id),
            t.before(),
            t.after(),
            w.t("respondents", "svarande")
        );
    }
    let moved: Vec<String> = r
        .scales
        .iter()
        .filter(|s| s.moved)
        .map(|s| format!("`{}`", s.id))
        .collect();
    let _ = writeln!(
        m,
        "- {}: {}.\n",
        w.t(
            "scales whose distribution moved",
            "skalor vars fördelning förskjutits"
        ),
        if moved.is_empty() {
            w.t("none", "inga").into()
        } else {
            moved.join(", ")
        }
    );
    if !r.only_in_to.is_empty() {
        let unanswered: Vec<&str> = r
            .only_in_to
            .iter()
            .filter(|o| o.answered == 0)
            .map(|o| o.item.as_str())
            .collect();
        if !unanswered.is_empty() {
            let _ =
                writeln!(
                m,
                "> **Note:** {} new item(s) of {} were answered by no response in the input ({}). \
                 Under {} they count as unanswered, so findings that need them cannot be made and \
                 required ones make responses incomplete. For a fair comparison use responses that \
                 answer both versions' items (e.g. `trygg synth --form {} --form {}`).\n",
                unanswered.len(),
                r.to.name(),
                unanswered.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "),
                r.to.name(),
                r.from.name(),
                r.to.name()
            );
        }
    }
    // The definition.
    let _ = writeln!(
        m,
        "## {}\n",
        w.t(
            "What changed in the definition",
            "Vad som ändrats i definitionen"
        )
    );
    let lines = definition_lines(r);
    let any = !lines.is_empty();
    for l in &lines {
        let _ = match l {
            Def::Added(kind, id) => writeln!(m, "- {kind} `{id}` {}", w.t("added", "tillagd")),
            Def::Removed(kind, id) => {
                writeln!(m, "- {kind} `{id}` {}", w.t("removed", "borttagen"))
            }
            Def::Changed(what, field, before, after) => {
                writeln!(m, "- {what}: `{field}` `{before}` → `{after}`")
            }
            Def::Wording(list) => writeln!(
                m,
                "- {}: {}",
                w.t("wording changed", "formuleringar ändrade"),
                list.join(", ")
            ),
        };
    }
    if !any {
        let _ = writeln!(
            m,
            "{}",
            w.t(
                "No differences (apart from the version).",
                "Inga skillnader (utom versionen)."
            )
        );
    }
    let _ = writeln!(m);
    if !r.only_in_from.is_empty() || !r.only_in_to.is_empty() || !r.unknown_items.is_empty() {
        let _ = writeln!(
            m,
            "## {}\n",
            w.t("Items in one version only", "Frågor i bara en version")
        );
        let _ = writeln!(
            m,
            "| item | only in | answered in the input | answers dropped |"
        );
        let _ = writeln!(m, "| --- | --- | ---: | --- |");
        for o in &r.only_in_from {
            let _ = writeln!(
                m,
                "| `{}` | {} | {} | under {} |",
                o.item, r.from.version, o.answered, r.to.version
            );
        }
        for o in &r.only_in_to {
            let _ = writeln!(
                m,
                "| `{}` | {} | {} | under {} |",
                o.item, r.to.version, o.answered, r.from.version
            );
        }
        for (i, c) in &r.unknown_items {
            let _ = writeln!(m, "| `{}` | neither | {c} | under both |", cell(i));
        }
        let _ = writeln!(m);
    }
    let _ = writeln!(m, "## {}\n", w.t("Completeness", "Fullständighet"));
    let _ = writeln!(
        m,
        "| {} ↓ / {} → | complete | incomplete | invalid |",
        r.from.version, r.to.version
    );
    let _ = writeln!(m, "| --- | ---: | ---: | ---: |");
    for from in ["complete", "incomplete", "invalid"] {
        let get = |to: &str| {
            r.completeness
                .iter()
                .find(|p| p.from == from && p.to == to)
                .map_or(0, |p| p.count)
        };
        let _ = writeln!(
            m,
            "| {from} | {} | {} | {} |",
            get("complete"),
            get("incomplete"),
            get("invalid")
        );
    }
    let _ = writeln!(m);
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
        let _ = writeln!(m, "## {title}\n");
        if list.is_empty() {
            let _ = writeln!(
                m,
                "{}\n",
                w.t(
                    "None under either version.",
                    "Inga med någon av versionerna."
                )
            );
            continue;
        }
        let _ = writeln!(
            m,
            "| {what} | {} | {} | {} | {} | {} | {} |",
            r.from.version,
            r.to.version,
            w.t("present → present", "finns → finns"),
            w.t("absent → present", "saknas → finns"),
            w.t("present → absent", "finns → saknas"),
            w.t("absent → absent", "saknas → saknas")
        );
        let _ = writeln!(m, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for t in list {
            let mark = if t.new + t.gone > 0 { "**" } else { "" };
            let _ = writeln!(
                m,
                "| {mark}{}{mark} | {} | {} | {} | {} | {} | {} |",
                cell(&titled(&t.title, &t.id)),
                t.before(),
                t.after(),
                t.kept,
                t.new,
                t.gone,
                t.absent
            );
        }
        let _ = writeln!(m);
    }
    if !r.offer_sets.is_empty() {
        let _ = writeln!(
            m,
            "## {}\n",
            w.t(
                "How respondents' offers change (most common)",
                "Hur svarandenas erbjudanden ändras (vanligast)"
            )
        );
        let _ = writeln!(
            m,
            "| {} | {} | {} |",
            r.from.version,
            r.to.version,
            w.t("respondents", "svarande")
        );
        let _ = writeln!(m, "| --- | --- | ---: |");
        for p in &r.offer_sets {
            let _ = writeln!(m, "| {} | {} | {} |", p.from, p.to, p.count);
        }
        let _ = writeln!(m);
    }
    let _ = writeln!(m, "## {}\n", w.t("Scales", "Skalor"));
    let _ = writeln!(
        m,
        "| {} |",
        w.t(
            "scale | with a value | mean | median | positive rate | values changed | moved",
            "skala | med värde | medelvärde | median | andel positiva | ändrade värden | förskjuten"
        )
    );
    let _ = writeln!(m, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for s in &r.scales {
        let rate = |d: &Dist| {
            d.positive_rate
                .map_or("—".into(), |p| format!("{:.1} %", p * 100.0))
        };
        let _ = writeln!(
            m,
            "| `{}` | {} → {} | {} → {} | {} → {} | {} → {} | {} | {} |",
            s.id,
            s.from.n,
            s.to.n,
            num(s.from.mean),
            num(s.to.mean),
            num(s.from.median),
            num(s.to.median),
            rate(&s.from),
            rate(&s.to),
            s.changed,
            if s.moved {
                w.t("**yes**", "**ja**")
            } else {
                w.t("no", "nej")
            }
        );
    }
    let _ = writeln!(m);
    if !r.examples.is_empty() {
        let _ = writeln!(
            m,
            "## {} {} {}\n",
            w.t("The first", "De första"),
            r.examples.len(),
            w.t("changed responses", "svaren som får ett annat utfall")
        );
        for (i, e) in r.examples.iter().enumerate() {
            let _ = writeln!(
                m,
                "### {}. {} ({} {})\n",
                i + 1,
                md_text(&e.label),
                w.t("line", "rad"),
                e.line
            );
            example_md(&mut m, e, r);
            let _ = writeln!(m);
        }
    }
    if r.error_count > 0 {
        let _ = writeln!(
            m,
            "## {} ({})\n",
            w.t("Input errors", "Fel i indata"),
            r.error_count
        );
        for e in &r.errors {
            let _ = writeln!(
                m,
                "- {} {}: `{}`: {}",
                w.t("line", "rad"),
                e["line"],
                e["code"].as_str().unwrap_or_default(),
                md_text(e["message"].as_str().unwrap_or_default())
            );
        }
        let _ = writeln!(m);
    }
    m
}

/// The reasons in words (`words`, from `trygg::explain`), falling back to `fallback`.
fn words_or(v: &Value, key: &str, fallback: String) -> String {
    match word(v, key).as_array() {
        Some(list) if !list.is_empty() => list
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("; "),
        _ => fallback,
    }
}

fn example_md(m: &mut String, e: &Example, r: &Report) {
    let w = W::of(r);
    let under = w.t("under", "med");
    let urgent = w.t("⚠ URGENT", "⚠ AKUT");
    let ver = |sign: &str| {
        if sign == "+" {
            &r.to.version
        } else {
            &r.from.version
        }
    };
    let change = |sign: &str| {
        if sign == "+" {
            w.t("**new**", "**ny**")
        } else {
            w.t("**no longer**", "**inte längre**")
        }
    };
    if let Some((a, b)) = &e.completeness {
        let _ = writeln!(
            m,
            "- {}: {} → {}",
            w.t("completeness", "fullständighet"),
            w.completeness(a),
            w.completeness(b)
        );
    }
    for a in &e.actions {
        let sign = a["change"].as_str().unwrap_or_default();
        let _ = writeln!(
            m,
            "- {} {urgent} {} — {under} {}: {}",
            change(sign),
            word(a, "text")
                .as_str()
                .or(a["action"].as_str())
                .unwrap_or_default(),
            ver(sign),
            words_or(a, "rules", format!("rules {}", short(&a["rules"], 120)))
        );
    }
    for f in urgent_first(&e.findings) {
        let sign = f["change"].as_str().unwrap_or_default();
        let id = f["id"].as_str().unwrap_or_default();
        let severity = f["severity"].as_str().unwrap_or_default();
        let mark = if severity == "urgent" {
            format!("{urgent} ")
        } else {
            String::new()
        };
        let title = word(f, "title").as_str().unwrap_or(id);
        let _ = writeln!(
            m,
            "- {} {mark}{} {title} (`{id}`, {severity}) — {under} {}: {}; {under} {} {} `{}`",
            change(sign),
            w.t("finding", "fynd"),
            ver(sign),
            words_or(
                f,
                "reasons",
                format!(
                    "`{}` read `{}`",
                    short(&f["when"], 160),
                    short(&f["read"], 200)
                )
            ),
            ver(if sign == "+" { "-" } else { "+" }),
            w.t("it reads", "läses"),
            short(&f["otherVersionReads"], 200)
        );
    }
    for o in &e.offers {
        let sign = o["change"].as_str().unwrap_or_default();
        let fallback: Vec<String> = o["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| {
                format!(
                    "rule `{}` (findings {})",
                    x["rule"].as_str().unwrap_or_default(),
                    short(&x["findings"], 80)
                )
            })
            .collect();
        let private = if word(o, "private").as_bool() == Some(true) {
            w.t(
                " (with this parent alone)",
                " (med den här föräldern enskilt)",
            )
        } else {
            ""
        };
        let _ = writeln!(
            m,
            "- {} {} {}{private} — {under} {}: {}",
            change(sign),
            w.t("offer", "erbjudande"),
            word(o, "text")
                .as_str()
                .or(o["offer"].as_str())
                .unwrap_or_default(),
            ver(sign),
            words_or(o, "rules", fallback.join(", "))
        );
    }
    for s in &e.scales {
        let _ = writeln!(
            m,
            "- {} `{}`: {}",
            w.t("scale", "skala"),
            s.id,
            scale_change(s, r)
        );
    }
}

#[cfg(test)]
mod md_tests {
    use super::md_text;

    #[test]
    fn record_ids_are_inert_in_markdown() {
        assert_eq!(md_text("r:7"), "r:7");
        assert_eq!(
            md_text("x\n# <script>alert(1)</script> [a](b) *y*"),
            "x \\# &lt;script\\>alert\\(1\\)&lt;/script\\> \\[a\\]\\(b\\) \\*y\\*"
        );
    }
}
