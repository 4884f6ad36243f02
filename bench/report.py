#!/usr/bin/env python3
"""Trygg benchmark report: one table (figure, ours, peer, ratio) from one run.

Reads
  target/criterion/**/new/{benchmark,estimates}.json   Criterion's output (cargo bench)
  target/bench/conformance.json, whole-form.json, forms.json   written by the benches
  target/bench/batch.json, node.json, size.json         written by the other parts
                                                          (format below; rows stay
                                                          "not measured yet" until then)
  bench/notes.md                                          hand-written analysis, appended
prints the table and writes BENCHMARKS.md at the repository root.

Ratio = ours / peer on the same work in the same run: below 1 we are faster (or
smaller), above 1 slower. Times are Criterion's median, divided by the number of elements
(responses, cases, rules) the benchmark declares, so each row is "per one".

Format of target/bench/<part>.json, written by other runners (batch, node, size):

  {
    "part": "batch",                         # batch | node | size
    "tool": "how it was measured (command)",
    "versions": {"json-logic-engine": "x.y.z"},      # optional, listed under versions
    "figures": [
      {
        "id": "batch.time",                  # a known id (see EXPECTED) or a new one
        "figure": "trygg batch, 1,000,000 responses",
        "unit": "s",                         # ns us ms s | B KB MB | responses/s
        "ours": 12.3,
        "peer": 10.1,                        # null when there is no peer
        "peer_name": "serde_json parse only",
        "note": "free text"                  # optional
      }
    ]
  }

The ratio is computed here (ours / peer); a runner never writes one.
Python 3 standard library only: runs offline.
"""

import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
CRITERION = TARGET / "criterion"
SIDE = TARGET / "bench"
NOTES = ROOT / "bench" / "notes.md"
OUT = ROOT / "BENCHMARKS.md"

PEER = "datalogic-rs"
WHOLE_FORM = "forms/trygg-start/6-8w/1.0.0.json"
SIZE_LIMIT_GZIP = 120_000  # bytes: "≤ 120 KB gzipped", read as 120 × 1000 (the stricter)

# Figures the other parts will write: (file, id, figure, peer) in report order.
EXPECTED = [
    ("batch.json", "batch.time", "`trygg batch`, 1,000,000-line synthetic corpus (wall time)",
     "serde_json parse only (the floor)"),
    ("batch.json", "batch.throughput", "`trygg batch` throughput (responses/s)",
     "serde_json parse only"),
    ("batch.json", "batch.peak_memory", "`trygg batch` peak memory (RSS)",
     "serde_json parse only"),
    ("node.json", "node.evaluate.json-logic-js",
     "Node, WASM: evaluate one 6–8 w response", "json-logic-js (same rules)"),
    ("node.json", "node.evaluate.json-logic-engine",
     "Node, WASM: evaluate one 6–8 w response", "json-logic-engine, compiled mode"),
    ("node.json", "node.session_set", "WASM `Session.set`, largest form",
     "full re-evaluation (WASM)"),
    ("node.json", "node.instantiate", "WASM module instantiate + form load", "—"),
    ("size.json", "size.wasm.raw", "runtime `.wasm`, raw", "—"),
    ("size.json", "size.wasm.gzip", "runtime `.wasm`, gzip -9", "limit 120 KB"),
    ("size.json", "size.wasm.brotli", "runtime `.wasm`, brotli", "—"),
    ("size.json", "size.js_glue", "JS glue", "—"),
    ("hosts.json", "hosts.evaluate.node-plain", "trygg.wasm on Node without glue: evaluate one 6–8 w response", "native"),
    ("hosts.json", "hosts.evaluate.python", "trygg.wasm on wasmtime: evaluate one 6–8 w response", "native"),
    ("hosts.json", "hosts.evaluate.go", "trygg.wasm on wazero: evaluate one 6–8 w response", "native"),
    ("hosts.json", "hosts.evaluate.jvm", "trygg.wasm on Chicory (compiler): evaluate one 6–8 w response", "native"),
    ("hosts.json", "hosts.evaluate.jvm-interpreter", "trygg.wasm on Chicory (interpreter): evaluate one 6–8 w response", "native"),
    ("hosts.json", "hosts.size.gzip", "plain-ABI `trygg.wasm`, gzip -9", "—"),
]


# ----------------------------------------------------------------------------- reading


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def criterion_results():
    """{(group, function, value): per-element mean in ns, plus raw fields}."""
    out = {}
    if not CRITERION.is_dir():
        return out
    for bench in CRITERION.rglob("new/benchmark.json"):
        meta = load_json(bench)
        est = load_json(bench.parent / "estimates.json")
        if not meta or not est:
            continue
        # The median of the samples: on a shared machine a burst of other work inflates
        # the mean of whichever side it hits; the median shrugs off a few such samples.
        mean = est["median"]["point_estimate"]
        lo = est["median"]["confidence_interval"]["lower_bound"]
        hi = est["median"]["confidence_interval"]["upper_bound"]
        elements = 1
        tp = meta.get("throughput") or {}
        if isinstance(tp, dict) and "Elements" in tp:
            elements = max(1, int(tp["Elements"]))
        key = (meta["group_id"], meta.get("function_id"), meta.get("value_str"))
        out[key] = {
            "ns": mean / elements,
            "lo": lo / elements,
            "hi": hi / elements,
            "elements": elements,
            "mtime": bench.stat().st_mtime,
        }
    return out


# ----------------------------------------------------------------------------- formatting


def fmt_ns(ns):
    if ns is None:
        return "—"
    if ns < 1_000:
        return f"{ns:.1f} ns" if ns < 100 else f"{ns:.0f} ns"
    if ns < 1_000_000:
        return f"{ns / 1_000:.2f} µs"
    if ns < 1_000_000_000:
        return f"{ns / 1_000_000:.2f} ms"
    return f"{ns / 1_000_000_000:.2f} s"


def fmt_value(value, unit):
    if value is None:
        return "—"
    if unit in ("ns", "us", "ms", "s"):
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]
        return fmt_ns(value * scale)
    if unit == "B":
        return f"{value:,.0f} B"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f} {unit}"
    return f"{value:,.0f} {unit}"


def fmt_ratio(r):
    if r is None:
        return "—"
    return f"{r:.2f}×"


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# ----------------------------------------------------------------------------- rows


def build_rows(res):
    """Rows of the one table: dicts with figure, ours, peer, ratio (strings) + extras."""
    rows = []
    targets = {}

    def get(group, function, value=None):
        return res.get((group, function, value))

    # 1. Whole form, 6–8 weeks.
    wf = load_json(SIDE / "whole-form.json") or {}
    n = wf.get("responses")
    ours = get("whole-form", "trygg/evaluate")
    for fn, label in (
        ("datalogic-rs/rules", f"{PEER}, findings + rules one by one over a pre-parsed object"),
        ("datalogic-rs/rules+convert",
         f"{PEER}, same, object converted from serde_json per response"),
    ):
        peer = get("whole-form", fn)
        if ours and peer:
            ratio = ours["ns"] / peer["ns"]
            rows.append({
                "figure": f"Whole-form evaluation, 6–8 w form, per response (mean of {n} "
                          f"example responses) vs {label}",
                "ours": fmt_ns(ours["ns"]), "peer": fmt_ns(peer["ns"]),
                "ratio": fmt_ratio(ratio)})
            targets.setdefault("whole-form", []).append((fn, ratio))

    # 2. Conformance suites.
    conf = load_json(SIDE / "conformance.json") or {}
    suites = {s["suite"]: s for s in conf.get("suites", [])}
    suite_rows = []
    ratios = []
    ours_total = peer_total = 0.0
    cases_total = 0
    order = [s["suite"] for s in conf.get("suites", [])]
    names = sorted({k[2] for k in res if k[0] == "conformance"},
                   key=lambda s: order.index(s) if s in order else len(order))
    for name in names:
        o = get("conformance", "trygg", name)
        p = get("conformance", PEER, name)
        if not (o and p):
            continue
        r = o["ns"] / p["ns"]
        ratios.append(r)
        ours_total += o["ns"] * o["elements"]
        peer_total += p["ns"] * p["elements"]
        cases_total += o["elements"]
        info = suites.get(name, {})
        suite_rows.append({
            "figure": f"  JsonLogic `{name}` ({o['elements']} of {info.get('cases', '?')} "
                      f"cases), per case",
            "ours": fmt_ns(o["ns"]), "peer": fmt_ns(p["ns"]), "ratio": fmt_ratio(r)})
    gm = geomean(ratios)
    if ratios:
        rows.append({
            "figure": f"JsonLogic conformance, compile once / evaluate many: geometric mean "
                      f"of {len(ratios)} per-suite ratios ({cases_total} cases; ours/peer "
                      f"columns: mean per case over all of them) vs {PEER}",
            "ours": fmt_ns(ours_total / cases_total), "peer": fmt_ns(peer_total / cases_total),
            "ratio": fmt_ratio(gm)})
    for part, what in (("reads-data", "rules that read their data (var, val, missing, exists)"),
                       ("constant", "constant rules (datalogic-rs folds them at compile time)")):
        o = get("conformance.split", "trygg", part)
        p = get("conformance.split", PEER, part)
        if o and p:
            rows.append({
                "figure": f"JsonLogic conformance, {what}: {o['elements']} cases, all at once, "
                          f"per case vs {PEER}",
                "ours": fmt_ns(o["ns"]), "peer": fmt_ns(p["ns"]),
                "ratio": fmt_ratio(o["ns"] / p["ns"])})
    o = get("conformance.compile", "trygg/all")
    p = get("conformance.compile", f"{PEER}/all")
    if o and p:
        rows.append({
            "figure": f"JsonLogic conformance rules, compile, per rule ({o['elements']} rules)"
                      f" vs {PEER}",
            "ours": fmt_ns(o["ns"]), "peer": fmt_ns(p["ns"]), "ratio": fmt_ratio(o["ns"] / p["ns"])})

    # 3. Not measured yet / measured by the other parts.
    ext_rows, ext_targets, versions = external_rows()
    rows.extend(ext_rows)
    targets.update(ext_targets)

    # 4. Per-suite detail.
    rows.extend(suite_rows)

    # 5. Shipped forms (no peer).
    forms_info = {f["form"]: f for f in (load_json(SIDE / "forms.json") or {}).get("forms", [])}
    form_names = sorted({k[1] for k in res if k[0].startswith("forms.")})
    for name in form_names:
        for group, what in (("forms.load", "load (parse + schema check + compile)"),
                            ("forms.compile", "compile from a parsed value"),
                            ("forms.evaluate", "evaluate one response")):
            o = get(group, name)
            if not o:
                continue
            extra = ""
            if group == "forms.evaluate" and name in forms_info:
                fi = forms_info[name]
                extra = f": example “{fi['example']}”, {fi['answers']} answers"
            rows.append({"figure": f"`{name}` {what}{extra}", "ours": fmt_ns(o["ns"]),
                         "peer": "—", "ratio": "—"})

    # 6. Anything else Criterion measured (e.g. benches/logic.rs).
    known = ("whole-form", "conformance", "conformance.compile", "conformance.split")
    for (group, function, value), o in sorted(res.items(), key=lambda kv: str(kv[0])):
        if group in known or group.startswith("forms."):
            continue
        label = "/".join(x for x in (group, function, value) if x)
        rows.append({"figure": f"`{label}`, per element", "ours": fmt_ns(o["ns"]),
                     "peer": "—", "ratio": "—"})
    return rows, targets, gm, len(ratios), versions


def external_rows():
    rows, targets, versions = [], {}, {}
    files = {}
    for file in sorted({e[0] for e in EXPECTED}):
        files[file] = load_json(SIDE / file)
    for file in sorted(SIDE.glob("*.json")) if SIDE.is_dir() else []:
        if file.name not in files and file.name not in (
                "conformance.json", "whole-form.json", "forms.json"):
            files[file.name] = load_json(file)
    seen = set()
    by_id = {}
    for file, data in files.items():
        if not data:
            continue
        versions.update(data.get("versions", {}))
        for f in data.get("figures", []):
            by_id[f["id"]] = (file, f)
    ids = [e[1] for e in EXPECTED] + sorted(set(by_id) - {e[1] for e in EXPECTED})
    expected = {e[1]: e for e in EXPECTED}
    for fid in ids:
        if fid in seen:
            continue
        seen.add(fid)
        if fid in by_id:
            file, f = by_id[fid]
            unit = f.get("unit", "")
            ours, peer = f.get("ours"), f.get("peer")
            ratio = ours / peer if (ours is not None and peer) else None
            if fid == "size.wasm.gzip" and ours is not None:
                peer_txt = f"{SIZE_LIMIT_GZIP:,} B (limit)"
                ratio = ours / SIZE_LIMIT_GZIP
            else:
                peer_txt = fmt_value(peer, unit)
                if f.get("peer_name") and peer is not None:
                    peer_txt = f"{peer_txt} ({f['peer_name']})"
            figure = f["figure"] + (f" — {f['note']}" if f.get("note") else "")
            rows.append({"figure": figure, "ours": fmt_value(ours, unit), "peer": peer_txt,
                         "ratio": fmt_ratio(ratio)})
            if ratio is not None:
                targets[fid] = ratio
        else:
            file, _, figure, peer = expected[fid]
            rows.append({"figure": f"{figure} vs {peer}", "ours": "not measured yet",
                         "peer": f"reads `target/bench/{file}`", "ratio": "—"})
    return rows, targets, versions


# ----------------------------------------------------------------------------- targets


def target_lines(targets, gm, n_suites):
    """(target, measured, status) for each target of issue 8."""
    out = []
    wf = dict(targets.get("whole-form", []))
    r = wf.get("datalogic-rs/rules")
    r2 = wf.get("datalogic-rs/rules+convert")
    if r is None:
        out.append(("Native whole-form evaluation ≥ 2× faster than the datalogic-rs "
                    "rule-by-rule equivalent (ratio ≤ 0.50)", "not measured", "—"))
    else:
        measured = f"{r:.2f}× (pre-parsed object); {r2:.2f}× (object converted per response)" \
            if r2 is not None else f"{r:.2f}×"
        status = "**met**" if r <= 0.5 else ("met only against the converting peer"
                                             if r2 is not None and r2 <= 0.5 else "**not met**")
        out.append(("Native whole-form evaluation ≥ 2× faster than the datalogic-rs "
                    "rule-by-rule equivalent (ratio ≤ 0.50)", measured, status))

    def ext(tid, text, limit):
        v = targets.get(tid)
        if v is None:
            out.append((text, "not measured yet", "—"))
        else:
            out.append((text, f"{v:.2f}×", "**met**" if v <= limit else "**not met**"))

    ext("batch.time", "Batch ≤ 1.3× the serde_json parse-only floor", 1.3)
    ext("node.session_set", "WASM `Session.set` ≤ 0.2× a full re-evaluation, largest form", 0.2)
    ext("node.evaluate.json-logic-engine",
        "Node: whole-form evaluation through WASM at least as fast as json-logic-engine "
        "compiled (ratio ≤ 1)", 1.0)
    ext("size.wasm.gzip", "Runtime module ≤ 120 KB gzipped (ratio = size / 120,000 B)", 1.0)
    if gm is not None:
        out.append(("(no target) JsonLogic conformance, ratio per suite and geometric mean",
                    f"{gm:.2f}× over {n_suites} suites", "reported"))
    return out


# ----------------------------------------------------------------------------- machine


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False,
                              cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal"):
                kb = int(line.split()[1])
                mem = f"{kb / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    load = ""
    try:
        load = open("/proc/loadavg", encoding="utf-8").read().split()[:3]
        load = " / ".join(load)
    except OSError:
        pass
    return {
        "cores (nproc)": run(["nproc"]) or str(os.cpu_count()),
        "CPU": cpu or platform.processor() or "unknown",
        "memory": mem or "unknown",
        "OS": platform.platform(),
        "load average (1/5/15 min) when the report ran": load or "unknown",
    }


def lock_versions():
    text = (ROOT / "Cargo.lock").read_text(encoding="utf-8") if (ROOT / "Cargo.lock").exists() else ""
    out = {}
    for m in re.finditer(r'name = "([^"]+)"\nversion = "([^"]+)"', text):
        if m.group(1) in ("trygg", "datalogic-rs", "datavalue-rs", "criterion", "serde_json",
                          "jsonschema"):
            out[m.group(1)] = m.group(2)
    return out


# ----------------------------------------------------------------------------- output


def table(rows):
    w = [max(len(r[k]) for r in rows + [{"figure": "figure", "ours": "ours", "peer": "peer",
                                          "ratio": "ratio"}]) for k in ("figure", "ours", "peer", "ratio")]
    lines = [f"{'figure':<{w[0]}}  {'ours':>{w[1]}}  {'peer':>{w[2]}}  {'ratio':>{w[3]}}",
             "  ".join("-" * x for x in w)]
    for r in rows:
        lines.append(f"{r['figure']:<{w[0]}}  {r['ours']:>{w[1]}}  {r['peer']:>{w[2]}}  "
                     f"{r['ratio']:>{w[3]}}")
    return "\n".join(lines)


def md_table(headers, rows, align=None):
    def esc(s):
        return str(s).replace("|", "\\|")
    out = ["| " + " | ".join(headers) + " |",
           "| " + " | ".join(align or ["---"] * len(headers)) + " |"]
    for r in rows:
        out.append("| " + " | ".join(esc(x) for x in r) + " |")
    return "\n".join(out)


def main():
    res = criterion_results()
    if not res:
        print(f"no Criterion results under {CRITERION}: run `cargo bench -p trygg --benches` "
              "first", file=sys.stderr)
        return 1
    rows, targets, gm, n_suites, ext_versions = build_rows(res)
    print(table(rows))
    print()
    tl = target_lines(targets, gm, n_suites)
    for t, m, s in tl:
        print(f"target: {t}: {m} — {s.replace('*', '')}")

    now = datetime.datetime.now(datetime.timezone.utc)
    newest = datetime.datetime.fromtimestamp(max(v["mtime"] for v in res.values()),
                                             datetime.timezone.utc)
    versions = lock_versions()
    versions["rustc"] = run(["rustc", "--version"])
    versions.update(ext_versions)
    conf = load_json(SIDE / "conformance.json") or {}
    wf = load_json(SIDE / "whole-form.json") or {}

    md = []
    md.append("# Benchmarks\n")
    md.append("Generated by `bench/report.py` (run by `make bench`) from one run of "
              "`cargo bench -p trygg --bench logic --bench forms --bench peers` and the runners "
              "`bench/size.mjs`, `bench/node/bench.mjs`, `bench/batch.sh`; do not edit by hand — the analysis at the end "
              "comes from `bench/notes.md`.\n")
    md.append(f"- Report written: {now:%Y-%m-%d %H:%M} UTC; newest Criterion result: "
              f"{newest:%Y-%m-%d %H:%M} UTC.")
    md.append("- **Ratio = ours ÷ peer** on the same work in the same run: below 1 we are "
              "faster (or smaller). Times are Criterion's median per element (one response, "
              "one case, one rule), release profile (`lto = true`, `codegen-units = 1`).")
    md.append("- The machine is shared with other work and has 2 cores: absolute times move "
              "by up to 2× between runs; ratios (both sides measured in the same process, "
              "seconds apart) are steadier, but per-suite ratios of small suites still move "
              "by ±30 %. Read the geometric mean and the whole-form rows, not one suite.\n")
    md.append("## Machine and versions\n")
    md.append(md_table(["what", "value"], list(machine().items())
                       + [(k, v) for k, v in versions.items()]))
    md.append("")
    md.append("## Targets (issue 8)\n")
    md.append(md_table(["target", "measured", "status"], tl))
    md.append("")
    md.append("## Results\n")
    md.append(md_table(["figure", "ours", "peer", "ratio"],
                       [(r["figure"].strip(), r["ours"], r["peer"], r["ratio"]) for r in rows],
                       ["---", "---:", "---:", "---:"]))
    md.append("")
    md.append("## What was compared\n")
    if conf:
        reasons = conf.get("excluded_by_reason", {})
        md.append(f"- **JsonLogic conformance**: {conf.get('included')} of {conf.get('cases')} "
                  f"cases of `shared/conformance/jsonlogic/suites` are answered alike by both "
                  f"engines (the same value, or both fail) and are measured; "
                  f"{conf.get('cases', 0) - conf.get('included', 0)} are excluded:")
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
            md.append(f"  - {count}: {reason}")
        md.append("  Each excluded case, with both answers, is listed in "
                  "`target/bench/conformance.json`.")
    if wf:
        md.append(f"- **Whole form**: `{wf.get('form')}`, {wf.get('responses')} example "
                  f"responses; {wf.get('findings')} finding conditions and {wf.get('rules')} "
                  f"rule conditions through {PEER}. Checked in the set-up: "
                  f"{wf.get('checked')}.")
        if wf.get("skipped_invalid"):
            md.append(f"  Skipped (an invalid answer): {', '.join(wf['skipped_invalid'])}.")
    md.append("- **External figures** (batch, Node/WASM, size) are read from "
              "`target/bench/{batch,node,size}.json`, written by `bench/batch.sh`, "
              "`bench/node/bench.mjs` and `bench/size.mjs`; the format is in the docstring of "
              "`bench/report.py`. Rows say “not measured yet” until those files exist.")
    for part in ("batch", "node", "size"):
        side = load_json(SIDE / f"{part}.json")
        if not side:
            continue
        md.append(f"  - *{part}*: {side.get('tool', '')}."
                  + (f" Checked: {side['checked']}." if side.get("checked") else ""))
    md.append("")
    if NOTES.exists():
        md.append(NOTES.read_text(encoding="utf-8").rstrip() + "\n")
    OUT.write_text("\n".join(md), encoding="utf-8")
    print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
