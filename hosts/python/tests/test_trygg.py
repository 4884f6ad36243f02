"""The Python host runs every shared vector (canonical, JsonLogic, forms, families, views,
sessions) on wasmtime and writes tests/artifacts/<suite>-python.txt for make test-same."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
import wasmtime

import trygg
from trygg import Trygg, TryggError

REPO = Path(__file__).resolve().parents[3]
TESTS = REPO / "tests"
SUITES = REPO.parent / "shared" / "conformance" / "jsonlogic" / "suites"
RUNTIME = "python"

Outcome = Tuple[bool, Any]  # (True, text) or (False, TryggError)


def json_files(d: Path) -> List[Path]:
    return sorted((p for p in d.iterdir() if p.name.endswith(".json")), key=lambda p: p.name.encode())


def attempt(call: Callable[[], Any]) -> Outcome:
    try:
        return True, call()
    except TryggError as e:
        return False, e


def write_artifact(name: str, text: str) -> None:
    (TESTS / "artifacts").mkdir(parents=True, exist_ok=True)
    (TESTS / "artifacts" / name).write_text(text, "utf-8", newline="\n")


def line(id_: str, o: Outcome) -> str:
    return f"{id_}\t{o[1]}\n" if o[0] else f"{id_}\t!{o[1].code}\t{o[1].path}\n"


@pytest.fixture(scope="module")
def t() -> Trygg:
    return Trygg.with_builtin_forms()


def test_module_imports_nothing_and_is_make_abis() -> None:
    data = (trygg.DATA_DIR / "trygg.wasm").read_bytes()
    built = (REPO / "target" / "abi" / "trygg.wasm.sha256").read_text().strip()
    assert hashlib.sha256(data).hexdigest() == built
    assert list(trygg.module().imports) == []


def test_canonical_vectors(t: Trygg) -> None:
    lines, failures = [], []
    for f in json_files(TESTS / "vectors" / "canonical"):
        for c in json.loads(f.read_text("utf-8"))["cases"]:
            id_ = f"{f.stem}/{c['name']}"
            o = attempt(lambda: t.canonical_json(c["input"]))
            lines.append(line(id_, o))
            if "expect" in c:
                ok = o[0] and o[1] == c["expect"]
            else:
                ok = not o[0] and (o[1].code, o[1].path) == (c["error"]["code"], c["error"].get("path", ""))
            if ok == ("xfail" in c):
                failures.append(id_)
    write_artifact(f"canonical-{RUNTIME}.txt", "".join(lines))
    assert len(lines) >= 50
    assert failures == []


def test_jsonlogic_suites(t: Trygg) -> None:
    def canon(v: Any) -> str:
        return t.canonical_json(json.dumps(v))

    lines, failures = [], []
    suites = [(name, SUITES / name) for name in json.loads((SUITES / "index.json").read_text("utf-8"))]
    # Then the project's own suites in the same format, vectors/logic/*.json.
    suites += [(f"logic/{f.name}", f) for f in json_files(TESTS / "vectors" / "logic")]
    for name, path in suites:
        suite = json.loads(path.read_text("utf-8"))
        for n, c in enumerate(x for x in suite if isinstance(x, dict)):
            id_ = f"{name}#{n}"
            o = attempt(lambda: t.evaluate_logic(canon(c["rule"]), canon(c.get("data"))))
            lines.append(f"{id_}\t{o[1]}\n" if o[0] else f"{id_}\t!{o[1].code}\t{o[1].path}\t{o[1].type or ''}\t{o[1].value or ''}\n")
            ok = (o[0] and o[1] == canon(c["result"])) if "result" in c else (not o[0] and o[1].type == c["error"]["type"])
            if not ok:
                failures.append(id_)
    write_artifact(f"jsonlogic-{RUNTIME}.txt", "".join(lines))
    assert len(lines) >= 1000
    assert failures == []


def run_forms(t: Trygg) -> Tuple[str, Dict[str, str]]:
    """Mirrors tests/native/src/forms.rs::run_case: ids, order, line format."""
    lines: List[str] = []
    want: Dict[str, str] = {}

    def exp(c: Dict[str, Any]) -> str:
        return c["expect"] if "expect" in c else f"!{c['error']['code']}\t{c['error'].get('path', '')}"

    for f in json_files(TESTS / "vectors" / "forms"):
        doc = json.loads(f.read_text("utf-8"))
        programmes = doc.get("programmes", {})
        for c in doc["cases"]:
            id_ = f"{f.stem}/{c['name']}"
            want[id_] = exp(c)
            if "text" in c:
                want[f"{id_}/text"] = t.canonical_json(json.dumps(c["text"]))
            for who, v in c.get("views", {}).items():
                want[f"{id_}/view/{who}"] = v
            for n, step in enumerate(c.get("steps", [])):
                want[f"{id_}/step/{n}"] = exp(step)
            if "input" in c:
                definition = json.dumps(programmes.get(c["programme"]))
                lines.append(line(id_, attempt(lambda: t.evaluate_programme(definition, json.dumps(c["input"])))))
            elif "explain" in c:
                locale, packs = c["explain"].get("locale", ""), c["explain"].get("textPacks", True)
                response = json.dumps(c["response"])
                o = attempt(lambda: t.explain(c["form"], response, locale, packs))
                lines.append(line(id_, o))
                if o[0]:
                    words = attempt(lambda: t.canonical_json(json.dumps(t.explain_text(c["form"], response, locale, packs))))
                    lines.append(line(f"{id_}/text", words))
            elif "responses" in c:
                responses = json.dumps(c["responses"])
                o = attempt(lambda: t.evaluate_family(c["form"], responses))
                lines.append(line(id_, o))
                if o[0]:
                    for r in c["responses"]:
                        who: Optional[Any] = (r.get("respondent") or {}).get("id") if isinstance(r, dict) else None
                        if isinstance(who, str):
                            lines.append(line(f"{id_}/view/{who}", attempt(lambda: t.view_for(c["form"], responses, who))))
            elif "steps" in c:
                init = json.dumps(c["init"]) if "init" in c else ""
                s = attempt(lambda: t.session(c["form"], init))
                if not s[0]:
                    lines.append(line(id_, s))
                    continue
                session = s[1]
                for n, step in enumerate(c["steps"]):
                    if "decline" in step:
                        o = attempt(lambda: session.decline(step["decline"]))
                    else:
                        o = attempt(lambda: session.set(step["set"], json.dumps(step.get("value"))))
                    lines.append(line(f"{id_}/step/{n}", o))
                out = session.outcome()
                lines.append(f"{id_}\t{out}\n")
                assert t.evaluate(c["form"], session.response()) == out, id_
                session.close()
            else:
                lines.append(line(id_, attempt(lambda: t.evaluate(c["form"], json.dumps(c["response"])))))
    return "".join(lines), want


def test_form_vectors(t: Trygg) -> None:
    text, want = run_forms(t)
    write_artifact(f"forms-{RUNTIME}.txt", text)
    got = dict(l.split("\t", 1) for l in text.splitlines())
    assert len(got) == len(want) >= 300
    assert [k for k in want if got.get(k) != want[k]] == []


def run_fhir(t: Trygg) -> Tuple[str, Dict[str, str]]:
    """Mirrors tests/native/src/fhir.rs::run_case: ids, order, line format."""
    lines: List[str] = []
    want: Dict[str, str] = {}

    def exp(c: Dict[str, Any], ok: str, err: str) -> str:
        return c[ok] if ok in c else f"!{c[err]['code']}\t{c[err].get('path', '')}"

    for f in json_files(TESTS / "vectors" / "fhir"):
        for c in json.loads(f.read_text("utf-8"))["cases"]:
            id_ = f"{f.stem}/{c['name']}"
            want[id_] = exp(c, "expect", "error")
            if "export" in c:
                lines.append(line(id_, attempt(lambda: t.export_fhir(c["export"]))))
            elif "import" in c:
                lines.append(line(id_, attempt(lambda: t.import_fhir(json.dumps(c["import"])))))
            else:
                response = json.dumps(c["response"])
                qs = json.dumps(c["questionnaires"]) if "questionnaires" in c else ""
                lines.append(line(id_, attempt(lambda: t.evaluate_fhir(response, qs))))
                lines.append(line(f"{id_}/bundle", attempt(lambda: t.fhir_bundle(response, qs))))
                want[f"{id_}/bundle"] = exp(c, "bundle", "bundleError")
    return "".join(lines), want


def test_fhir_vectors(t: Trygg) -> None:
    text, want = run_fhir(t)
    write_artifact(f"fhir-{RUNTIME}.txt", text)
    got = dict(l.split("\t", 1) for l in text.splitlines())
    assert len(got) == len(want) >= 40
    assert [k for k in want if got.get(k) != want[k]] == []


def test_fhir_bundle_lists_every_problem(t: Trygg) -> None:
    cases = json.loads((TESTS / "vectors" / "fhir" / "score.json").read_text("utf-8"))["cases"]
    c = next(c for c in cases if c["name"] == "unknown answer code")
    with pytest.raises(TryggError) as e:
        t.fhir_bundle(json.dumps(c["response"]))
    assert e.value.code == "fhir.unknown_answer_code"
    assert len(e.value.errors) >= 1 and e.value.errors[0]["path"] == e.value.path


@pytest.mark.parametrize(
    "call,code,path",
    [
        (lambda t: t.canonical_json('{"a": [1, 2,'), "json.invalid", ""),
        (lambda t: t.evaluate_logic('{"and":[true,{"nope":1}]}', "null"), "logic.unknown_operator", "/and/1/nope"),
        (lambda t: t.evaluate("phq-9@9.9.9", "{}"), "registry.unknown_form", ""),
        (lambda t: t.evaluate("phq-9", '{"answers":'), "response.not_json", ""),
        (lambda t: t.session("phq-9").set("nope", "true"), "answer.unknown_item", "/answers/nope"),
        (lambda t: t.evaluate_fhir('{"resourceType":"Patient"}'), "fhir.wrong_resource_type", "/resourceType"),
        (lambda t: t.import_fhir('{"resourceType":"Questionnaire","a":1,"a":2}'), "fhir.duplicate_key", "/a"),
        (lambda t: t.export_fhir("phq-9@9.9.9"), "registry.unknown_form", ""),
    ],
)
def test_bad_input_gives_the_native_code_and_path(t: Trygg, call: Callable[[Trygg], Any], code: str, path: str) -> None:
    with pytest.raises(TryggError) as e:
        call(t)
    assert (e.value.code, e.value.path) == (code, path)
    assert str(e.value).startswith(f"{code}: ") and e.value.errors[0]["code"] == code


def test_a_bad_form_lists_every_error(t: Trygg) -> None:
    with pytest.raises(TryggError) as e:
        t.load_form('{"id":"x"}')
    assert e.value.code == "form.invalid" and len(e.value.errors) >= 1
    with pytest.raises(TryggError) as nan:
        t.evaluate_logic('{"/":[1,0]}', "{}")
    assert (nan.value.type, nan.value.value) == ("NaN", '{"type":"NaN"}')


def test_a_trap_poisons_only_that_instance_and_the_package_recovers() -> None:
    response = '{"answers":{"phq9_1":"2"}}'
    with Trygg.with_builtin_forms() as other, Trygg.with_builtin_forms() as t:
        session = t.session("phq-9")
        before = t.evaluate("phq-9", response)
        # A pointer past the end of memory: the module reads out of bounds and traps.
        with pytest.raises(TryggError) as e:
            t._call("trygg_canonical_json", 0xFFFF_FF00, 1000)
        assert e.value.code == "internal.trap" and isinstance(e.value.__cause__, wasmtime.Trap)
        assert t.evaluate("phq-9", response) == before
        with pytest.raises(TryggError) as lost:
            session.outcome()
        assert lost.value.code == "internal.poisoned"
        assert other.evaluate("phq-9", response) == before
