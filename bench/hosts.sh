#!/usr/bin/env bash
# The plain-ABI hosts against native (make bench-hosts; needs make abi and make setup):
# evaluate of each 6–8 w example response (JSON text in, canonical JSON text out) on an
# engine with every built-in form, per host, each right after a native run of the same work
# (trygg-host, release build) so that each ratio compares two runs seconds apart; the time to
# instantiate the module and load every built-in form; trygg.wasm raw / gzip -9 / brotli 11.
# Writes target/bench/hosts.json in bench/report.py's side-file format.
set -euo pipefail
cd "$(dirname "$0")/.."
V=tests/vectors/forms/examples-trygg-start.6-8w-1.0.0.json
OUT=target/bench/hosts.lines
mkdir -p target/bench
: > "$OUT"
cargo build -q --release -p trygg-abi --example bench_native
native() { target/release/examples/bench_native target/abi/forms "$V" | sed "s/\"native\"/\"native-$1\"/" >> "$OUT"; }
native node-plain; node hosts/node-plain/bench.mjs "$V" >> "$OUT"
native python; hosts/python/.venv/bin/python hosts/python/bench.py "$V" >> "$OUT"
native go; (cd hosts/go && go run ./cmd/trygg-bench "../../$V") >> "$OUT"
(cd hosts/jvm && mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null)
native jvm
(cd hosts/jvm && java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" se.trygg.Bench "../../$V") >> "$OUT"
python3 - "$OUT" <<'PY'
import gzip, json, subprocess, sys
from pathlib import Path
runs = {}
for line in Path(sys.argv[1]).read_text().splitlines():
    r = json.loads(line)
    runs[r["runtime"]] = r
wasm = Path("target/abi/trygg.wasm").read_bytes()
brotli = int(subprocess.run(["node", "-e", "const z=require('zlib');process.stdout.write(String(z.brotliCompressSync(require('fs').readFileSync('target/abi/trygg.wasm'),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))"], capture_output=True, text=True, check=True).stdout)
names = {"node-plain": "Node `WebAssembly`, no glue", "python": "Python, wasmtime 50.0.1", "go": "Go, wazero v1.12.0 (compiler)",
         "jvm": "JVM, Chicory 1.7.5 compiler", "jvm-interpreter": "JVM, Chicory 1.7.5 interpreter"}
figures = []
for rt, name in names.items():
    r = runs.get(rt)
    if not r:
        continue
    base = runs.get(f"native-{rt}") or runs.get("native-jvm")
    figures.append({"id": f"hosts.evaluate.{rt}", "figure": f"trygg.wasm on {name}: evaluate one 6–8 w response (text in, canonical text out)",
                    "unit": "us", "ours": round(r["evaluate_us"], 2), "peer": round(base["evaluate_us"], 2),
                    "peer_name": "native trygg-host, run just before"})
for rt, name in names.items():
    r = runs.get(rt)
    if r:
        figures.append({"id": f"hosts.instantiate.{rt}", "figure": f"trygg.wasm on {name}: new instance + every built-in form (12 forms, 2 packs), median",
                        "unit": "ms", "ours": round(r["instantiate_ms"], 1), "peer": round(runs["native-node-plain"]["instantiate_ms"], 1),
                        "peer_name": "native: the same loads"})
figures += [
    {"id": "hosts.size.raw", "figure": "plain-ABI `trygg.wasm`, raw", "unit": "B", "ours": len(wasm), "peer": None},
    {"id": "hosts.size.gzip", "figure": "plain-ABI `trygg.wasm`, gzip -9", "unit": "B", "ours": len(gzip.compress(wasm, 9)), "peer": None},
    {"id": "hosts.size.brotli", "figure": "plain-ABI `trygg.wasm`, brotli 11", "unit": "B", "ours": brotli, "peer": None},
]
Path("target/bench/hosts.json").write_text(json.dumps({"part": "hosts", "tool": "bench/hosts.sh (each host timed right after a native run; the evaluate loop runs 2–3 s per runtime)",
    "versions": {"chicory": "1.7.5", "wazero": "v1.12.0", "wasmtime (PyPI)": "50.0.1"}, "figures": figures}, indent=2) + "\n")
for f in figures:
    ratio = f"  {f['ours'] / f['peer']:.1f}x native" if f.get("peer") else ""
    print(f"{f['figure']}: {f['ours']} {f['unit']}{ratio}")
PY
