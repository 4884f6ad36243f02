"""bench/hosts.sh's Python side: evaluate of each 6-8 w example response through trygg.wasm
on wasmtime, and instantiate + every built-in form. Prints one JSON line."""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "src"))
import trygg  # noqa: E402

cases = [(c["form"], json.dumps(c["response"])) for c in json.loads(Path(sys.argv[1]).read_text())["cases"]]
loads = []
for _ in range(5):
    t = time.perf_counter()
    trygg.Trygg.with_builtin_forms()
    loads.append((time.perf_counter() - t) * 1e3)
loads.sort()
t_ = trygg.Trygg.with_builtin_forms()
for f, r in cases:
    t_.evaluate(f, r)
n, t0 = 0, time.perf_counter()
while time.perf_counter() - t0 < 2.0:
    for f, r in cases:
        t_.evaluate(f, r)
    n += len(cases)
elapsed = time.perf_counter() - t0
print(json.dumps({"runtime": "python", "evaluate_us": elapsed * 1e6 / n, "responses": len(cases), "instantiate_ms": loads[2]}))
