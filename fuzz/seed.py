#!/usr/bin/env python3
"""Write the fuzz targets' seed corpora into fuzz/corpus/<target>/ (git-ignored).

Read at run time from the repository's shipped forms (forms/**) and from the shared
JsonLogic suites beside the repository (../shared/conformance/jsonlogic/suites): nothing is
copied into the repository. Deterministic; existing corpus files (what a campaign found)
are kept. Also adds every input of tests/regressions/ that fits a target.
"""
import hashlib
import json
import random
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
REPO = FUZZ.parent
SUITES = REPO.parent / "shared" / "conformance" / "jsonlogic" / "suites"


def write(target, data):
    d = FUZZ / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / ("seed-" + hashlib.sha1(data).hexdigest())).write_bytes(data)


def shipped_forms():
    """(path, text, doc) of every form definition, in the order fuzz/src/lib.rs loads them
    (path components compared byte-wise)."""
    out = []
    for p in sorted((REPO / "forms").rglob("*.json"), key=lambda p: p.relative_to(REPO).parts):
        if "schema" in p.relative_to(REPO).parts:
            continue
        text = p.read_bytes()
        doc = json.loads(text)
        if isinstance(doc.get("items"), list):
            out.append((p, text, doc))
    return out


def dumps(v):
    return json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode()


def main():
    forms = shipped_forms()
    counts = dict.fromkeys(["form_load", "response_eval", "logic_eval", "session_ops"], 0)
    rng = random.Random(13)
    for i, (path, text, doc) in enumerate(forms):
        write("form_load", text)
        counts["form_load"] += 1
        pick = bytes([i])
        write("response_eval", pick + b"{}")
        counts["response_eval"] += 1
        for ex in doc.get("examples", []):
            resp = {k: ex[k] for k in ("respondent", "context", "answers") if k in ex}
            write("response_eval", pick + dumps(resp))
            counts["response_eval"] += 1
        n = len(doc["items"])
        for ctx in range(8):
            ops = bytearray()
            for j in range(n):
                ops += bytes([rng.randrange(4), j % 255, rng.randrange(256)])
            for _ in range(6):
                ops += bytes([rng.randrange(8), rng.randrange(255), rng.randrange(256)])
            write("session_ops", pick + bytes([ctx]) + bytes(ops))
            counts["session_ops"] += 1
    if not SUITES.is_dir():
        sys.exit(f"{SUITES}: the shared JsonLogic suites are missing (../shared beside the repository)")
    for name in json.loads((SUITES / "index.json").read_text()):
        for case in json.loads((SUITES / name).read_text()):
            if isinstance(case, dict) and "rule" in case:
                write("logic_eval", dumps(case["rule"]) + b"\0" + dumps(case.get("data")))
                counts["logic_eval"] += 1
    for case in regression_cases():
        kind, target = case.get("kind"), None
        if kind == "logic":
            target, data = "logic_eval", case["rule"].encode() + b"\0" + case.get("data", "null").encode()
        elif kind == "form":
            target, data = "form_load", input_bytes(case)
        elif kind == "response":
            pos = [i for i, (p, _, d) in enumerate(forms) if d.get("id") == case["form"].split("@")[0]]
            if pos:
                target, data = "response_eval", bytes([pos[0]]) + input_bytes(case)
        if target:
            write(target, data)
            counts[target] += 1
    print("seeds: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def regression_cases():
    d = REPO / "tests" / "regressions"
    for p in sorted(d.glob("*.json")) if d.is_dir() else []:
        yield from json.loads(p.read_text())["cases"]


def input_bytes(case):
    return bytes.fromhex(case["inputHex"]) if "inputHex" in case else case["input"].encode()


if __name__ == "__main__":
    main()
