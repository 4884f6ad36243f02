#!/usr/bin/env python3
"""Trygg benchmark report: the targets of issue 17, met or not, and every figure of one run.

Reads
  target/bench/versus.json    native contests, interleaved (cargo bench --bench versus)
  target/bench/node.json      Node/WASM contests, interleaved (bench/node/bench.mjs)
  target/bench/batch.json     `trygg batch` vs the serde_json floor, alternating (bench/batch.sh)
  target/bench/size.json      module sizes, ours and datalogic-rs's WASM (bench/size.mjs)
  target/bench/hosts.json     the plain-ABI hosts (bench/hosts.sh), when run
  target/criterion/**/new/{benchmark,estimates}.json, target/bench/conformance.json,
  forms.json                  Criterion micro-benchmarks (benches/logic.rs, forms.rs,
                              peers.rs), when run: extra rows, never a target
  bench/notes.md              hand-written analysis, appended
prints the targets (met / not met) and writes BENCHMARKS.md at the repository root.

Ratio = ours / peer on the same work in the same run: below 1 we are faster (or smaller).
A target's ratio comes from an interleaved run only: the **median of the per-round
ratios** (`ratio` in the side file), with the **ratio of the minima** beside it.

Format of target/bench/<part>.json:

  {
    "part": "node",
    "tool": "how it was measured (command, rounds)",
    "versions": {"json-logic-engine": "x.y.z"},      # optional, listed under versions
    "figures": [
      {
        "id": "node.evaluate.json-logic-engine-whole",   # see TARGETS for the targeted ids
        "figure": "what was measured",
        "unit": "us",                        # ns us ms s | B KB MB | responses/s
        "ours": 12.3,                        # median
        "peer": 10.1,                        # null when there is no peer
        "peer_name": "json-logic-engine, whole job",
        "ratio": 1.21,                       # interleaved runners: median of per-round ratios
        "ratio_of_minima": 1.18,             # interleaved runners
        "rounds": 41,
        "limit": 120000,                     # optional: a fixed limit instead of a peer
        "note": "free text"                  # optional
      }
    ]
  }

Without `ratio`, a row's ratio is ours / peer (or ours / limit). Python 3 standard library
only: runs offline.
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

PARTS = ["versus.json", "node.json", "batch.json", "size.json", "hosts.json"]
# The parts behind the targets; anything older than the oldest of them (hosts, Criterion) is
# from an earlier run and left out of this report.
CONTESTS = ["versus.json", "node.json", "batch.json", "size.json"]

# The targets of issue 17: (figure id, target text, limit on the ratio).
TARGETS = [
    ("batch.time", "`trygg batch` ≤ 3× the serde_json parse-only floor", 3.0),
    ("native.evaluate.datalogic-whole",
     "Native `evaluate` ≤ 0.25× datalogic-rs doing the vendor's whole job", 0.25),
    ("native.evaluate.datalogic-prebuilt",
     "Native `evaluate` ≤ 3× datalogic-rs over a pre-built data object", 3.0),
    ("node.evaluate.json-logic-engine-whole",
     "Node `Engine.evaluate` ≤ 3× json-logic-engine doing the vendor's whole job", 3.0),
    ("node.evaluate.datalogic-whole",
     "Node `Engine.evaluate` ≤ 0.04× `@goplasmatic/datalogic` (whole job)", 0.04),
    ("size.wasm.gzip", "Runtime `.wasm` ≤ 120 KB gzipped (ratio = bytes ÷ 120,000)", 1.0),
    ("size.wasm.gzip.datalogic", "Runtime `.wasm` ≤ 0.3× datalogic's WASM, both gzip -9", 0.3),
    ("native.session.set_outcome",
     "`Session.set` + `outcome()` ≤ 0.3× a full `evaluate`, largest form — native", 0.3),
    ("node.session.set_outcome",
     "`Session.set` + `outcome()` ≤ 0.3× a full `evaluate`, largest form — WASM in Node", 0.3),
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
    return f"{r:.3f}×" if r < 0.1 else f"{r:.2f}×"


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


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


def md_table(headers, rows, align=None):
    def esc(s):
        return str(s).replace("|", "\\|")
    out = ["| " + " | ".join(headers) + " |",
           "| " + " | ".join(align or ["---"] * len(headers)) + " |"]
    for r in rows:
        out.append("| " + " | ".join(esc(x) for x in r) + " |")
    return "\n".join(out)


# ----------------------------------------------------------------------------- figures


def ratio_of(f):
    """(median ratio, ratio of minima) of a side-file figure."""
    if f.get("ratio") is not None:
        return f["ratio"], f.get("ratio_of_minima")
    ours, peer, limit = f.get("ours"), f.get("peer"), f.get("limit")
    if ours is not None and peer:
        return ours / peer, None
    if ours is not None and limit:
        return ours / limit, None
    return None, None


def run_started():
    """The mtime of the oldest contest side file: the start of this run, roughly."""
    times = [(SIDE / p).stat().st_mtime for p in CONTESTS if (SIDE / p).exists()]
    return min(times) if times else 0.0


def side_figures(since):
    """{id: figure}, figures in file order, {name: version}, {part: side file}."""
    by_id, order, versions, parts = {}, [], {}, {}
    for name in PARTS:
        data = load_json(SIDE / name)
        if not data or (SIDE / name).stat().st_mtime < since:
            continue
        parts[name] = data
        versions.update(data.get("versions", {}))
        for f in data.get("figures", []):
            by_id[f["id"]] = f
            order.append(f)
    return by_id, order, versions, parts


def target_lines(by_id):
    out = []
    for fid, text, limit in TARGETS:
        f = by_id.get(fid)
        r, rmin = ratio_of(f) if f else (None, None)
        if r is None:
            out.append((text, "not measured in this run", "—", "—"))
            continue
        measured = f"{r:.3f}×" if r < 0.1 else f"{r:.2f}×"
        if f.get("unit") == "B" and fid == "size.wasm.gzip":
            measured += f" ({f['ours']:,.0f} B)"
        minima = "—" if rmin is None else (f"{rmin:.3f}×" if rmin < 0.1 else f"{rmin:.2f}×")
        out.append((text, measured, minima, "**met**" if r <= limit else "**not met**"))
    return out


def figure_rows(order):
    rows = []
    for f in order:
        unit = f.get("unit", "")
        r, rmin = ratio_of(f)
        peer = f.get("peer")
        if peer is None and f.get("limit"):
            peer_txt = f"{fmt_value(f['limit'], unit)} (limit)"
        else:
            peer_txt = fmt_value(peer, unit)
            if f.get("peer_name") and peer is not None:
                peer_txt = f"{peer_txt}: {f['peer_name']}"
        text = f["figure"] + (f" — {f['note']}" if f.get("note") else "")
        rows.append((text, fmt_value(f.get("ours"), unit), peer_txt, fmt_ratio(r),
                     fmt_ratio(rmin)))
    return rows


def criterion_rows(res, since):
    """Micro-benchmarks (no target): conformance per suite vs datalogic-rs, forms, logic."""
    rows = []
    res = {k: v for k, v in res.items() if v["mtime"] >= since}
    if not res:
        return rows, None

    def get(group, function, value=None):
        return res.get((group, function, value))

    conf = load_json(SIDE / "conformance.json") or {}
    order = [s["suite"] for s in conf.get("suites", [])]
    names = sorted({k[2] for k in res if k[0] == "conformance"},
                   key=lambda s: order.index(s) if s in order else len(order))
    ratios, suite_rows = [], []
    for name in names:
        o, p = get("conformance", "trygg", name), get("conformance", "datalogic-rs", name)
        if o and p:
            ratios.append(o["ns"] / p["ns"])
            suite_rows.append((f"JsonLogic `{name}` ({o['elements']} cases), per case",
                               fmt_ns(o["ns"]), fmt_ns(p["ns"]), fmt_ratio(ratios[-1])))
    gm = geomean(ratios)
    if gm is not None:
        rows.append((f"JsonLogic conformance, compile once / evaluate many: geometric mean of "
                     f"{len(ratios)} per-suite ratios vs datalogic-rs", "—", "—", fmt_ratio(gm)))
    for part in ("reads-data", "constant"):
        o, p = get("conformance.split", "trygg", part), get("conformance.split", "datalogic-rs", part)
        if o and p:
            rows.append((f"JsonLogic conformance, {part} rules ({o['elements']} cases), per case",
                         fmt_ns(o["ns"]), fmt_ns(p["ns"]), fmt_ratio(o["ns"] / p["ns"])))
    o, p = get("conformance.compile", "trygg/all"), get("conformance.compile", "datalogic-rs/all")
    if o and p:
        rows.append((f"JsonLogic conformance rules, compile, per rule ({o['elements']} rules)",
                     fmt_ns(o["ns"]), fmt_ns(p["ns"]), fmt_ratio(o["ns"] / p["ns"])))
    rows.extend(suite_rows)
    known = ("conformance", "conformance.split", "conformance.compile")
    for (group, function, value), o in sorted(res.items(), key=lambda kv: str(kv[0])):
        if group in known:
            continue
        label = "/".join(x for x in (group, function, value) if x)
        rows.append((f"`{label}`, per element", fmt_ns(o["ns"]), "—", "—"))
    return rows, max(v["mtime"] for v in res.values())


def main():
    since = run_started()
    by_id, order, ext_versions, parts = side_figures(since)
    if not by_id:
        print(f"no figures under {SIDE}: run `make bench` (or its parts) first", file=sys.stderr)
        return 1
    res = criterion_results()
    micro, newest = criterion_rows(res, since)
    tl = target_lines(by_id)
    print("Targets (issue 17): median of per-round ratios (ratio of minima)")
    for t, m, mn, s in tl:
        print(f"  {s.replace('*', ''):>9}  {m:>8} ({mn})  {t}")

    now = datetime.datetime.now(datetime.timezone.utc)
    versions = lock_versions()
    versions["rustc"] = run(["rustc", "--version"])
    versions.update(ext_versions)

    md = ["# Benchmarks\n",
          "Generated by `bench/report.py` (run by `make bench`) from one run; do not edit by "
          "hand — the analysis at the end comes from `bench/notes.md`.\n",
          f"- Report written: {now:%Y-%m-%d %H:%M} UTC.",
          "- **Ratio = ours ÷ peer** on the same work in the same run: below 1 we are faster "
          "(or smaller). Every targeted ratio comes from an interleaved run — the contenders "
          "take turns in one process (or, for `batch`, in alternating process pairs), the "
          "order rotating — and is the **median of the per-round ratios**; the **ratio of the "
          "minima** (each side's fastest round) is beside it.",
          "- The machine is shared with other work and has 2 cores: absolute times move by up "
          "to 2× between runs; interleaving keeps a burst of other work from landing on one "
          "side only, so the ratios are the figures to read.\n"]
    for name, data in parts.items():
        md.append(f"- `{name}`: {data.get('tool', '')}.")
        if data.get("checked"):
            md.append(f"  Checked in the set-up: {data['checked']}.")
        for key in ("evaluate", "session"):
            if isinstance(data.get(key), dict) and data[key].get("checked"):
                d = data[key]
                md.append(f"  Checked ({key}, {d.get('form')}): {d['checked']}.")
    missing = [p for p in PARTS if p not in parts]
    if missing:
        md.append(f"- Not run for this report (or older than its contests): "
                  f"{', '.join('`' + p + '`' for p in missing)}.")
    if not micro:
        md.append("- Criterion micro-benchmarks (`benches/logic.rs`, `forms.rs`, `peers.rs`): "
                  "not run for this report.")
    md.append("")
    md.append("## Targets (issue 17)\n")
    md.append(md_table(["target", "measured (median of per-round ratios)", "ratio of minima",
                        "status"], tl))
    md.append("")
    md.append("## Results\n")
    md.append(md_table(["figure", "ours", "peer", "ratio", "ratio of minima"],
                       figure_rows(order), ["---", "---:", "---:", "---:", "---:"]))
    md.append("")
    if micro:
        md.append("## Micro-benchmarks (Criterion, no target)\n")
        newest_txt = datetime.datetime.fromtimestamp(newest, datetime.timezone.utc)
        md.append(f"Criterion's median per element, groups run one after another (not "
                  f"interleaved: read these as rough); newest result {newest_txt:%Y-%m-%d %H:%M} "
                  f"UTC.\n")
        md.append(md_table(["figure", "ours", "datalogic-rs", "ratio"], micro,
                           ["---", "---:", "---:", "---:"]))
        md.append("")
    md.append("## Machine and versions\n")
    md.append(md_table(["what", "value"], list(machine().items())
                       + [(k, v) for k, v in versions.items()]))
    md.append("")
    if NOTES.exists():
        md.append(NOTES.read_text(encoding="utf-8").rstrip() + "\n")
    OUT.write_text("\n".join(md), encoding="utf-8")
    print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
