"""trygg for Python: the plain-ABI ``trygg.wasm`` (abi/ABI.md) on wasmtime.

    with trygg.Trygg.with_builtin_forms() as t:
        outcome = json.loads(t.evaluate("phq-9", '{"answers": {"phq9_1": "1"}}'))

Every call takes and returns text (JSON text for structured values; results are canonical
JSON). Failures raise :class:`TryggError` with a stable ``code`` and a JSON-pointer ``path``.
A trap poisons the module instance: the call raises ``internal.trap``, and the next call
makes a new instance and loads again the forms and text packs this ``Trygg`` had (its
sessions are gone and raise ``internal.poisoned``). One ``Trygg`` per thread.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

import wasmtime

__all__ = ["ABI_VERSION", "DATA_DIR", "Trygg", "Session", "TryggError", "builtin_documents"]

ABI_VERSION = 1
DATA_DIR = Path(__file__).parent / "data"

_engine = wasmtime.Engine()
_module: Optional[wasmtime.Module] = None


class TryggError(Exception):
    """A failed call: ``code`` (e.g. ``json.invalid``), ``path`` (JSON pointer), ``errors``."""

    def __init__(self, detail: Dict[str, Any]) -> None:
        self.code: str = detail["code"]
        self.path: str = detail.get("path", "")
        self.detail: str = detail.get("message", "")
        self.errors: List[Dict[str, str]] = detail.get(
            "errors", [{"code": self.code, "path": self.path, "message": self.detail}]
        )
        self.type: Optional[str] = detail.get("type")
        self.value: Optional[str] = detail.get("value")
        super().__init__(self.detail)


def module() -> wasmtime.Module:
    """The compiled module (compiled once per process)."""
    global _module
    if _module is None:
        _module = wasmtime.Module(_engine, (DATA_DIR / "trygg.wasm").read_bytes())
    return _module


def builtin_documents() -> List[Tuple[str, str]]:
    """The built-in forms and text packs as ``(kind, text)``, in ``forms/index.txt`` order."""
    forms = DATA_DIR / "forms"
    out = []
    for line in (forms / "index.txt").read_text("utf-8").splitlines():
        if line:
            kind, path = line[:4], line[5:]
            out.append((kind, (forms / path).read_text("utf-8")))
    return out


Arg = Union[str, int, float]


class _Instance:
    """One instance of trygg.wasm: raw calls with text arguments."""

    def __init__(self) -> None:
        self.store = wasmtime.Store(_engine)
        self.x = wasmtime.Instance(self.store, module(), []).exports(self.store)
        self.memory: wasmtime.Memory = self.x["memory"]  # type: ignore[assignment]
        version = self.x["trygg_abi_version"](self.store)  # type: ignore[operator]
        if version != ABI_VERSION:
            raise TryggError(
                {"code": "abi.version_mismatch", "path": "",
                 "message": f"abi.version_mismatch: trygg.wasm has ABI version {version}; this package needs {ABI_VERSION}"}
            )

    def call(self, name: str, *args: Arg) -> Tuple[int, str]:
        s, x = self.store, self.x
        owned: List[Tuple[int, int]] = []
        flat: List[Union[int, float]] = []
        try:
            for a in args:
                if not isinstance(a, str):
                    flat.append(a)
                    continue
                data = a.encode("utf-8")
                ptr = x["trygg_alloc"](s, len(data))  # type: ignore[operator]
                if data:
                    self.memory.write(s, data, ptr)
                owned.append((ptr, len(data)))
                flat.extend((ptr, len(data)))
            try:
                fn = x[name]
            except KeyError:
                raise TryggError(
                    {"code": "abi.missing_export", "path": "",
                     "message": f"abi.missing_export: this trygg.wasm has no export {name} (built without the feature that adds it)"}
                ) from None
            status = fn(s, *flat)  # type: ignore[operator]
            ptr = x["trygg_result_ptr"](s)  # type: ignore[operator]
            n = x["trygg_result_len"](s)  # type: ignore[operator]
            text = bytes(self.memory.read(s, ptr, ptr + n)).decode("utf-8")
            for p, length in owned:
                x["trygg_free"](s, p, length)  # type: ignore[operator]
            return status, text
        except wasmtime.Trap as e:
            raise TryggError(
                {"code": "internal.trap", "path": "",
                 "message": f"internal.trap: the module trapped ({e.message}); this instance is dropped and the next call makes a new one"}
            ) from e


def _unwrap(result: Tuple[int, str]) -> Any:
    status, text = result
    if status == -1:
        raise TryggError(json.loads(text))
    return status if status > 0 else text


class Trygg:
    """Loaded forms and text packs: one engine in one module instance."""

    def __init__(self) -> None:
        self._inst: Optional[_Instance] = None
        self._engine_handle = 0
        self._generation = 0
        self._loaded: List[Tuple[str, str]] = []
        self._drafts = False
        self._ensure()

    @classmethod
    def with_builtin_forms(cls) -> "Trygg":
        """An engine with every built-in form and text pack."""
        t = cls()
        for kind, text in builtin_documents():
            if kind == "form":
                t.load_form(text)
            else:
                t.load_text_pack(text)
        return t

    def __enter__(self) -> "Trygg":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the instance (and every session)."""
        self._inst = None
        self._loaded = []
        self._generation += 1

    def _ensure(self) -> _Instance:
        if self._inst is not None:
            return self._inst
        inst = _Instance()
        h = inst.x["trygg_engine_new"](inst.store)  # type: ignore[operator]
        for kind, text in self._loaded:
            name = "trygg_engine_load_form" if kind == "form" else "trygg_engine_load_text_pack"
            _unwrap(inst.call(name, h, text))
        if self._drafts:
            _unwrap(inst.call("trygg_engine_allow_drafts", h, 1))
        self._inst, self._engine_handle = inst, h
        self._generation += 1
        return inst

    def _call(self, name: str, *args: Arg) -> Any:
        inst = self._ensure()
        try:
            return _unwrap(inst.call(name, *args))
        except TryggError as e:
            if e.code == "internal.trap":
                self._inst = None
            raise

    def _on_engine(self, name: str, *args: Arg) -> Any:
        self._ensure()
        return self._call(name, self._engine_handle, *args)

    def load_form(self, definition: str) -> str:
        """Compile and add a form definition (JSON text); its FormInfo (JSON text)."""
        info: str = self._on_engine("trygg_engine_load_form", definition)
        self._loaded.append(("form", definition))
        return info

    def load_text_pack(self, pack: str) -> None:
        self._on_engine("trygg_engine_load_text_pack", pack)
        self._loaded.append(("pack", pack))

    def allow_drafts(self, allow: bool) -> None:
        self._on_engine("trygg_engine_allow_drafts", 1 if allow else 0)
        self._drafts = allow

    def forms(self) -> str:
        return str(self._on_engine("trygg_engine_forms"))

    def form_for_checkup(self, age_days: int) -> str:
        return str(self._on_engine("trygg_engine_form_for_checkup", float(age_days)))

    def evaluate(self, form_ref: str, response: str) -> str:
        """The outcome (canonical JSON text) of one response (JSON text)."""
        return str(self._on_engine("trygg_evaluate", form_ref, response))

    def evaluate_family(self, form_ref: str, responses: str) -> str:
        return str(self._on_engine("trygg_evaluate_family", form_ref, responses))

    def view_for(self, form_ref: str, responses: str, respondent: str) -> str:
        return str(self._on_engine("trygg_view_for", form_ref, responses, respondent))

    def compare_versions(self, from_ref: str, to_ref: str, response: str) -> str:
        return str(self._on_engine("trygg_compare_versions", from_ref, to_ref, response))

    def explain(self, form_ref: str, response: str, locale: str, text_packs: bool = True) -> str:
        """An outcome's reasons in words, as canonical JSON text (`locale`: a form locale, any
        other falls back to the form's first; `text_packs`: use the loaded text packs)."""
        return str(
            self._on_engine("trygg_explain", form_ref, response, locale, 1 if text_packs else 0)
        )

    def explain_text(
        self, form_ref: str, response: str, locale: str, text_packs: bool = True
    ) -> str:
        """The same explanation as `explain`, in plain text."""
        return str(
            json.loads(
                self._on_engine(
                    "trygg_explain_text", form_ref, response, locale, 1 if text_packs else 0
                )
            )
        )

    def evaluate_programme(self, programme: str, input: str) -> str:
        """A programme definition (JSON text) evaluated for one family's input (JSON text)
        against the loaded forms, as canonical JSON text."""
        return str(self._on_engine("trygg_evaluate_programme", programme, input))

    def export_fhir(self, form_ref: str) -> str:
        """A loaded form version as an SDC Questionnaire (canonical JSON text; FHIR)."""
        return str(self._on_engine("trygg_export_fhir", form_ref))

    def import_fhir(self, questionnaire: str) -> str:
        """An SDC Questionnaire (JSON text) imported as a Trygg form:
        ``{form, mapping, report: {mapped, refused}, formErrors}``."""
        return str(self._on_engine("trygg_import_fhir", questionnaire))

    def evaluate_fhir(self, response: str, questionnaires: str = "") -> str:
        """A QuestionnaireResponse (JSON text) scored: ``{outcome, problems, stored}``.
        ``questionnaires``: JSON text of an array of Questionnaires it may name ("" for none)."""
        return str(self._on_engine("trygg_evaluate_fhir", response, questionnaires))

    def fhir_bundle(self, response: str, questionnaires: str = "") -> str:
        """The results of a QuestionnaireResponse as a transaction Bundle (canonical JSON
        text); raises listing every problem (``errors``) when the response has any."""
        return str(self._on_engine("trygg_fhir_bundle", response, questionnaires))

    def evaluate_logic(self, rule: str, data: str) -> str:
        return str(self._call("trygg_evaluate_logic", rule, data))

    def canonical_json(self, text: str) -> str:
        return str(self._call("trygg_canonical_json", text))

    def content_hash(self, text: str) -> str:
        return str(json.loads(self._call("trygg_content_hash", text)))

    def engine_version(self) -> str:
        return str(self._call("trygg_engine_version"))

    def session(self, form_ref: str, init: str = "") -> "Session":
        """A live session; ``init`` is JSON text of ``{respondent?, context?}``."""
        h = self._on_engine("trygg_session_new", form_ref, init)
        return Session(self, int(h), self._generation)


class Session:
    """One respondent's live form (a context manager)."""

    def __init__(self, trygg: Trygg, handle: int, generation: int) -> None:
        self._trygg, self._h, self._generation = trygg, handle, generation

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._trygg._generation == self._generation:
            self.close()

    def _call(self, name: str, *args: Arg) -> str:
        if self._trygg._generation != self._generation:
            raise TryggError(
                {"code": "internal.poisoned", "path": "",
                 "message": "internal.poisoned: this session was lost with its module instance (a trap or close); start a new one"}
            )
        return str(self._trygg._call(name, self._h, *args))

    def set(self, item: str, value: str) -> str:
        """Set (``null`` clears) an answer given as JSON text; the changes."""
        return self._call("trygg_session_set", item, value)

    def decline(self, item: str) -> str:
        return self._call("trygg_session_decline", item)

    def items(self, locale: str) -> str:
        return self._call("trygg_session_items", locale)

    def progress(self) -> str:
        return self._call("trygg_session_progress")

    def outcome(self) -> str:
        return self._call("trygg_session_outcome")

    def response(self) -> str:
        return self._call("trygg_session_response")

    def close(self) -> None:
        self._call("trygg_session_free")
