#!/usr/bin/env python3
"""A small, independent reading of docs/form-format.md, used only to cross-check the
hand-written `expect` of the series' examples before (and alongside) `trygg test`.

It implements just what the series uses: boolean/choice/display items, enableWhen,
sum/count scales with the missing-data policy (invalid / prorate half-up), bands, cut-off
profiles with attribute matching, findings and rules in JsonLogic (var, ==, !=, ===, !==, >,
>=, <, <=, and, or, !) with the semantics of the shared conformance suite. It is not the engine and must not be shipped as one.

usage: python3 check.py FORM.json...
"""

import json
import math
import sys


def truthy(v):
    return not (v is None or v is False or v == 0 and not isinstance(v, bool) or v == ""
                or v == [])


def js_num(v):
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return math.nan
    return v


def loose_eq(a, b):
    # The shared JsonLogic conformance suite (not JavaScript): null == 0 (and so == false)
    # is true; null equals a string only when it is empty.
    if a is None and b is None:
        return True
    if a is None or b is None:
        other = b if a is None else a
        if isinstance(other, str):
            return other == ""
        return js_num(other) == 0
    if type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                              and not isinstance(a, bool) and not isinstance(b, bool)):
        return a == b
    return js_num(a) == js_num(b)


def logic(rule, data):
    if not isinstance(rule, dict):
        return rule
    (op, args), = rule.items()
    if op == "var":
        path = args if isinstance(args, str) else args[0]
        return data.get(path)
    if not isinstance(args, list):
        args = [args]
    if op == "and":
        v = True
        for a in args:
            v = logic(a, data)
            if not truthy(v):
                return v
        return v
    if op == "or":
        v = False
        for a in args:
            v = logic(a, data)
            if truthy(v):
                return v
        return v
    if op == "!":
        return not truthy(logic(args[0], data))
    a, b = (logic(x, data) for x in args)
    if op == "===":
        return type(a) is type(b) and a == b
    if op == "!==":
        return not (type(a) is type(b) and a == b)
    if op == "==":
        return loose_eq(a, b)
    if op == "!=":
        return not loose_eq(a, b)
    cmp = {">": lambda x, y: x > y, ">=": lambda x, y: x >= y,
           "<": lambda x, y: x < y, "<=": lambda x, y: x <= y}[op]
    return cmp(js_num(a), js_num(b))


def half_up(x):
    return math.floor(x + 0.5)


def evaluate(form, answers, sex=None, profile=None):
    items = {i["id"]: i for i in form["items"]}
    attrs = {"sex": sex} if sex else {}
    profile = profile or form["profiles"]["default"]
    data = {f"respondent.{k}": v for k, v in attrs.items()}
    data["context.profile"] = profile
    visible, scales = {}, {}

    def answered(iid):
        a = answers.get(iid)
        return visible.get(iid) and a is not None and a != {"declined": True}

    def score(iid):
        if not answered(iid):
            return None
        it, a = items[iid], answers[iid]
        if it["type"] == "boolean":
            return it.get("scoreTrue", 1) if a else it.get("scoreFalse", 0)
        for o in it["options"]:
            if o["value"] == a:
                return o.get("score")
        raise ValueError(f"{iid}: {a!r} is not an option")

    def scale_value(s):
        vis = [i for i in s["items"] if visible.get(i)]
        ans = [i for i in vis if answered(i)]
        missing = len(vis) - len(ans)
        pol = s.get("missing", {"maxMissing": 0, "handling": "invalid"})
        if missing > pol["maxMissing"] or not ans:
            return None
        if s["method"] == "count":
            total = sum(1 for i in ans if (score(i) or 0) > 0)
        else:
            total = sum((score(i) or 0) * s.get("weights", {}).get(i, 1) for i in ans)
        if pol["handling"] == "prorate" and missing:
            total = total * len(vis) / len(ans)
            if pol.get("rounding", "half-up") == "half-up":
                total = half_up(total)
        return total

    def refresh():
        for s in form.get("scales", []):
            v = scale_value(s)
            scales[s["id"]] = v
            data[f"scales.{s['id']}"] = v
            band = None
            for b in s.get("bands", []):
                if v is not None and b["min"] <= v <= b["max"]:
                    band = b["id"]
            data[f"bands.{s['id']}"] = band
            cut = None
            for c in s.get("cutoffs", []):
                if c["profile"] != profile:
                    continue
                if all(attrs.get(k) == val for k, val in (c.get("when") or {}).items()):
                    cut = c["value"]
                    break
            data[f"cutoff.{s['id']}"] = None if v is None or cut is None else v >= cut
        for iid in items:
            data[f"answers.{iid}"] = answers.get(iid) if answered(iid) else None
            data[f"scores.{iid}"] = score(iid)
            data[f"declined.{iid}"] = bool(visible.get(iid)) and \
                answers.get(iid) == {"declined": True}

    for iid, it in items.items():
        refresh()
        visible[iid] = truthy(logic(it["enableWhen"], data)) if "enableWhen" in it else True
    refresh()
    complete = all(not it.get("required") or not visible[iid] or iid in answers
                   for iid, it in items.items() if it["type"] != "display")
    found = []
    for f in form.get("findings", []):
        ok = truthy(logic(f["when"], data))
        data[f"findings.{f['id']}"] = ok
        if ok:
            found.append(f["id"])
    offers, actions = set(), set()
    for r in form.get("rules", []):
        if truthy(logic(r["when"], data)):
            offers |= {o["kind"] for o in r.get("offers", [])}
            actions |= set(r.get("actions", []))
    bands = {s["id"]: data[f"bands.{s['id']}"] for s in form.get("scales", [])}
    return dict(completeness="complete" if complete else "incomplete", scales=scales,
                bands=bands, findings=set(found), offers=offers, actions=actions)


def check(path):
    form = json.load(open(path, encoding="utf-8"))
    bad = 0
    for e in form.get("examples", []):
        sex = e.get("respondent", {}).get("attributes", {}).get("sex")
        out = evaluate(form, e.get("answers", {}), sex, e.get("context", {}).get("profile"))
        exp = e.get("expect", {})
        errs = []
        if "completeness" in exp and exp["completeness"] != out["completeness"]:
            errs.append(f"completeness {out['completeness']}")
        for k in ("scales", "bands"):
            for sid, v in exp.get(k, {}).items():
                if out[k].get(sid) != v:
                    errs.append(f"{k}.{sid} = {out[k].get(sid)!r}, expected {v!r}")
        for k in ("findings", "offers", "actions"):
            if k in exp and set(exp[k]) != out[k]:
                errs.append(f"{k} = {sorted(out[k])}, expected {sorted(exp[k])}")
        if errs:
            bad += 1
            print(f"{path}: {e['name']}:\n    " + "\n    ".join(errs))
    print(f"{path}: {len(form.get('examples', []))} examples, {bad} failing")
    return bad


if __name__ == "__main__":
    sys.exit(1 if sum(check(p) for p in sys.argv[1:]) else 0)
