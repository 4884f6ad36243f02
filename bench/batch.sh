#!/usr/bin/env bash
# `trygg batch` against the physical floor (issue 8, item 2) → target/bench/batch.json.
#
#   bench/batch.sh            # 1,000,000 lines, 5 alternating pairs (what `make bench` runs)
#   TRYGG_BENCH_BATCH_N=100000 bench/batch.sh   # a smaller corpus on a busy machine
#   TRYGG_BENCH_BATCH_RUNS=3 bench/batch.sh     # pairs of runs (default 5)
#
# The corpus: `trygg synth --form forms/trygg-start/6-8w/1.0.0.json --n N --seed 1`, written
# once to target/bench/corpus-6-8w-seed1-N.ndjson and reused. The floor:
# cli/examples/parse_floor.rs, which reads the file with batch's own reader and parallel loop
# on the same workers and parses every line to a serde_json::Value, writing nothing.
# `trygg batch` writes its outcomes to /dev/null (serialised and written, not stored on
# disk). Both are release builds, timed from outside by /usr/bin/time -v (wall clock and
# maximum resident set size of the whole process, start-up and form loading included).
# Interleaved: RUNS pairs, the order alternating (floor first in odd pairs, batch first in
# even ones) so that neither always runs on a warmer cache or a quieter minute; the figure is
# the median of the per-pair ratios (batch ÷ floor), with the ratio of the minima beside it.
# Nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${TRYGG_BENCH_BATCH_N:-1000000}
RUNS=${TRYGG_BENCH_BATCH_RUNS:-5}
FORM=forms/trygg-start/6-8w/1.0.0.json
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench
CORPUS=$OUT/corpus-6-8w-seed1-$N.ndjson
mkdir -p "$OUT"

cargo build -q --release -p trygg-cli --bin trygg --example parse_floor
TRYGG=$TARGET/release/trygg
FLOOR=$TARGET/release/examples/parse_floor

if [ ! -s "$CORPUS" ]; then
  echo "batch: writing the synthetic corpus ($N lines) to $CORPUS"
  "$TRYGG" synth --form "$FORM" --n "$N" --seed 1 --out "$CORPUS.tmp"
  mv "$CORPUS.tmp" "$CORPUS"
fi
LINES=$(wc -l < "$CORPUS")
BYTES=$(stat -c %s "$CORPUS")
WORKERS=$(nproc)

# run NAME CMD...: /usr/bin/time -v into $OUT/NAME.time, the command's stderr into NAME.err.
run() {
  local name=$1
  shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || {
    local rc=$?
    # trygg batch exits 1 when a line was an error record: that is a result, reported below.
    [ "$name" != "${name#batch-trygg}" ] && [ $rc = 1 ] || { cat "$OUT/$name.err" >&2; exit $rc; }
  }
}

floor() {
  echo "batch: pair $1/$RUNS: serde_json parse floor, $LINES lines, $WORKERS workers"
  run "batch-floor-$1" "$FLOOR" "$CORPUS" --workers "$WORKERS"
}
trygg() {
  echo "batch: pair $1/$RUNS: trygg batch, $LINES lines, $WORKERS workers"
  run "batch-trygg-$1" "$TRYGG" batch --form "$FORM" --in "$CORPUS" --out /dev/null \
    --workers "$WORKERS" --stats --summary-json "$OUT/batch-trygg-$1.summary.json"
}
# Read the corpus once so the first timed run does not pay for the page cache alone.
cat "$CORPUS" > /dev/null
for i in $(seq 1 "$RUNS"); do
  if [ $((i % 2)) = 1 ]; then floor "$i"; trygg "$i"; else trygg "$i"; floor "$i"; fi
done

python3 - "$OUT" "$RUNS" "$LINES" "$BYTES" "$WORKERS" "$CORPUS" "$FORM" <<'EOF'
import json, re, statistics, sys
out, runs, lines, size, workers, corpus, form = sys.argv[1:]
runs, lines, size = int(runs), int(lines), int(size)

def timed(name):
    text = open(f"{out}/{name}.time").read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    h, mnt, s = m.groups()
    wall = int(h or 0) * 3600 + int(mnt) * 60 + float(s)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return wall, rss

floor = [timed(f"batch-floor-{i}") for i in range(1, runs + 1)]
ours = [timed(f"batch-trygg-{i}") for i in range(1, runs + 1)]
for i in range(1, runs + 1):
    f = json.loads(open(f"{out}/batch-floor-{i}.out").read())
    if f["lines"] != lines or f["parsed"] != lines:
        sys.exit(f"batch: the floor read {f['lines']} lines and parsed {f['parsed']} of {lines}")
    s = json.load(open(f"{out}/batch-trygg-{i}.summary.json"))
    print(f"batch: run {i}: {open(f'{out}/batch-trygg-{i}.err').read().strip().splitlines()[0]}")
summary = json.load(open(f"{out}/batch-trygg-{runs}.summary.json"))
fw = statistics.median(w for w, _ in floor)
tw = statistics.median(w for w, _ in ours)
fr = statistics.median(r for _, r in floor)
tr = statistics.median(r for _, r in ours)
ratios = [o[0] / f[0] for o, f in zip(ours, floor)]
ratio = statistics.median(ratios)
ratio_min = min(w for w, _ in ours) / min(w for w, _ in floor)
how = (f"{runs} pairs of runs, order alternating; median of the per-pair ratios"
       if runs > 1 else "one run of each") + \
      f", {workers} workers, {size / 1e6:.0f} MB corpus"
n = f"{lines:,}"
data = {
    "part": "batch",
    "tool": f"bench/batch.sh: /usr/bin/time -v on `trygg batch --form {form} --in {corpus} "
            f"--out /dev/null` and on `cli/examples/parse_floor` (same reader, same parallel "
            f"loop, serde_json::Value per line, no output); {how}",
    "corpus": {"path": corpus, "lines": lines, "bytes": size, "form": form, "seed": 1},
    "summary": summary,
    "figures": [
        {"id": "batch.time",
         "figure": f"`trygg batch`, {n}-line synthetic corpus (wall time, whole process)",
         "unit": "s", "ours": tw, "peer": fw, "peer_name": "serde_json parse only (the floor)",
         "ratio": ratio, "ratio_of_minima": ratio_min, "rounds": runs,
         "per_pair_ratios": [round(r, 3) for r in ratios], "note": how},
        {"id": "batch.throughput",
         "figure": "`trygg batch` throughput (responses/s)",
         "unit": "responses/s", "ours": round(lines / tw), "peer": round(lines / fw),
         "peer_name": "serde_json parse only",
         "note": "higher is better: a ratio below 1 is slower here"},
        {"id": "batch.peak_memory",
         "figure": "`trygg batch` peak memory (maximum RSS, /usr/bin/time)",
         "unit": "MB", "ours": round(tr * 1024 / 1e6, 1), "peer": round(fr * 1024 / 1e6, 1),
         "peer_name": "serde_json parse only"},
    ],
}
path = f"{out}/batch.json"
with open(path, "w") as f:
    json.dump(data, f, indent=2)
    f.write("\n")
print(f"batch: trygg {tw:.2f} s, {tr / 1024:.1f} MiB; floor {fw:.2f} s, {fr / 1024:.1f} MiB; "
      f"median ratio {ratio:.2f}×, ratio of minima {ratio_min:.2f}× → {path}")
EOF
