#!/usr/bin/env python3
"""Write the fuzz targets' seed corpora into fuzz/corpus/<target>/ (git-ignored).

Read at run time from the repository's shipped forms (forms/**), programmes
(programmes/**), FHIR vectors (tests/vectors/fhir/) and HL7 fixtures (fhir/tests/fixtures/),
and from the shared JsonLogic suites beside the repository
(../shared/conformance/jsonlogic/suites): nothing is copied into the repository. Deterministic; existing corpus files (what a campaign found)
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
    counts = dict.fromkeys(
        ["form_load", "response_eval", "logic_eval", "session_ops", "fhir_entry", "abi_entry"], 0)
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
    fhir_seeds(counts)
    abi_seeds(forms, counts)
    print("seeds: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def text_of(v):
    """A vector field holding JSON: text as it is, a value as compact JSON."""
    return v.encode() if isinstance(v, str) else dumps(v)


def fhir_seeds(counts):
    """fhir_entry: byte 0 even imports the rest, odd scores `response NUL questionnaires`."""
    seeds = []
    vectors = REPO / "tests" / "vectors" / "fhir"
    for case in json.loads((vectors / "import.json").read_text())["cases"]:
        seeds.append(b"\0" + text_of(case["import"]))
    for case in json.loads((vectors / "export.json").read_text())["cases"]:
        if "expect" in case:
            seeds.append(b"\0" + text_of(case["expect"]))
    for case in json.loads((vectors / "score.json").read_text())["cases"]:
        qs = case.get("questionnaires")
        seeds.append(b"\1" + text_of(case["response"]) + (b"\0" + text_of(qs) if qs else b""))
    fixtures = REPO / "fhir" / "tests" / "fixtures"
    q = (fixtures / "hl7-sdc-phq9-questionnaire.json").read_bytes()
    qr = (fixtures / "hl7-sdc-phq9-response.json").read_bytes()
    seeds += [b"\0" + q, b"\1" + qr, b"\1" + qr + b"\0[" + q + b"]"]
    for data in seeds:
        write("fhir_entry", data)
        counts["fhir_entry"] += 1
    return seeds


def abi_seeds(forms, counts):
    """abi_entry: byte 0 the export (see fuzz_targets/abi_entry.rs), byte 1 the shipped form
    (index in `forms`), then NUL-separated arguments."""
    seeds = [bytes([0, 0]) + forms[0][1], bytes([1, 0]) + b'{"b":[1e21,-0],"a":"\\u00e5"}']
    for i, (path, text, doc) in enumerate(forms):
        pick = bytes([i])
        seeds += [bytes([13]) + pick, bytes([12, i % 128])]
        # Its text pack, if the form's folder has one, in an engine of its own.
        packs = [p for p in sorted(path.parent.glob("*.json")) if p != path
                 and not isinstance(json.loads(p.read_bytes()).get("items"), list)]
        seeds.append(bytes([11, i]) + text + (b"\0" + packs[0].read_bytes() if packs else b""))
        item = doc["items"][0]
        value = item["options"][0]["value"] if item.get("options") else 1
        seeds.append(bytes([10]) + pick + b'{"context":{"locale":"sv"}}\0'
                     + item["id"].encode() + b"\0" + dumps(value) + b"\0sv")
        for ex in doc.get("examples", [])[:3]:
            resp = dumps({k: ex[k] for k in ("respondent", "context", "answers") if k in ex})
            who = dumps(ex.get("respondent", {}).get("id", "p1")) if isinstance(ex.get("respondent"), dict) else b'"p1"'
            seeds += [bytes([3]) + pick + resp, bytes([4]) + pick + b"[" + resp + b"]",
                      bytes([5]) + pick + b"[" + resp + b"]\0" + who,
                      bytes([6]) + pick + resp, bytes([7]) + pick + resp + b"\0sv\0\1",
                      bytes([8]) + pick + resp + b"\0en"]
    for p in sorted((REPO / "programmes").glob("*/*.json")):
        seeds.append(bytes([9, 0]) + p.read_bytes() + b"\0{}")
    for data in fhir_seeds({"fhir_entry": 0}):
        # import (14) or score and Bundle (15, 16) through the ABI.
        if data[0] == 0:
            seeds.append(bytes([14, 0]) + data[1:])
        else:
            seeds += [bytes([15, 0]) + data[1:], bytes([16, 0]) + data[1:]]
    if SUITES.is_dir():
        for name in json.loads((SUITES / "index.json").read_text())[:3]:
            for case in json.loads((SUITES / name).read_text())[:40]:
                if isinstance(case, dict) and "rule" in case:
                    seeds.append(bytes([2, 0]) + dumps(case["rule"]) + b"\0" + dumps(case.get("data")))
    for data in seeds:
        write("abi_entry", data)
        counts["abi_entry"] += 1


def regression_cases():
    d = REPO / "tests" / "regressions"
    for p in sorted(d.glob("*.json")) if d.is_dir() else []:
        yield from json.loads(p.read_text())["cases"]


def input_bytes(case):
    return bytes.fromhex(case["inputHex"]) if "inputHex" in case else case["input"].encode()


if __name__ == "__main__":
    main()
