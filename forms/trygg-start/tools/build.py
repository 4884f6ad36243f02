#!/usr/bin/env python3
"""Authoring script for the Trygg start series (forms/trygg-start/<checkup>/<version>.json).

The JSON files are the source of truth: a version is immutable once `active`. This script
was used to write them consistently (shared items keep the same ids and texts across the
check-ups). Run `python3 build.py --check` to confirm the committed files are what the
script produces; `python3 build.py --write NAME...` (e.g. `6-8w/1.0.0`) rewrites files and
must never be used on a version that is already active in a region.

Every example's `expect` below was written by hand from the published scoring rules
(PHQ-2/PHQ-9, GAD-2, AUDIT-C, Hunger Vital Sign) and the project's own rules; they are not
computed by this script.
"""

import copy
import json
import os
import sys

from texts import (AUDIT, CHILD_HARM_FEAR, CHILD_HARM_FEAR_HELP, COPING_OPTS, FINDING_TITLES,
                   FREQ_OPTS, GAD, GAD_STEM, HVS1, HVS2, HVS_HELP, HVS_OPTS, INTRO, MONEY_WORRY,
                   NO, PHQ, PHQ_STEM, RULE_TITLES, SAFETY, SECTIONS, STRESS, SUPPORT_WISH, T, VIOLENCE_EVER,
                   VIOLENCE_INTRO, VIOLENCE_NOW, YES)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # forms/trygg-start

V = lambda path: {"var": path}  # noqa: E731
EQ = lambda a, b: {"===": [a, b]}  # noqa: E731
NE = lambda a, b: {"!==": [a, b]}  # noqa: E731
DECLINED = {"declined": True}

# --------------------------------------------------------------------------- check-ups
CHECKUPS = {
    "6-8w": dict(window=(35, 90), locales=["sv", "en", "ar", "so"],
                 name=T("6–8 veckor", "6–8 weeks", "6–8 أسابيع", "6–8 toddobaad"),
                 safety=["safety_sleep_back", "safety_car_seat", "safety_crying_plan"]),
    "4m": dict(window=(91, 212), locales=["sv", "en"], name=T("4 månader", "4 months"),
               safety=["safety_sleep_back", "safety_car_seat", "safety_crying_plan",
                       "safety_falls_surface"]),
    "10m": dict(window=(213, 456), locales=["sv", "en"], name=T("10 månader", "10 months"),
                safety=["safety_car_seat", "safety_falls", "safety_small_objects",
                        "safety_hot_liquids"]),
    "18m": dict(window=(457, 820), locales=["sv", "en"], name=T("18 månader", "18 months"),
                safety=["safety_car_seat", "safety_poisons", "safety_stairs", "safety_water"]),
    "2.5y": dict(window=(821, 1277), locales=["sv", "en"], name=T("2½ år", "2½ years"),
                 safety=["safety_car_seat", "safety_smoke_alarm", "safety_firearms",
                         "safety_street"]),
    "4y": dict(window=(1278, 1826), locales=["sv", "en"], name=T("4 år", "4 years"),
               safety=["safety_smoke_alarm", "safety_firearms", "safety_street",
                       "safety_helmet"]),
}

# Safety item → (kind, finding id, written-info topic, safe answer for the base example,
#                 concern answer, extra option id or None). kind: "bool" (concern when
# false) or "choice" (yes/no plus one neutral option; concern when "no"), "firearms".
SAFETY_DEF = {
    "safety_sleep_back": ("bool", "safety_sleep", "safe-sleep", True, False),
    "safety_car_seat": ("choice", "safety_car", "car-safety", "yes", "no", "no-car"),
    "safety_crying_plan": ("bool", "safety_crying", "crying-and-shaking", True, False),
    "safety_falls_surface": ("bool", "safety_falls_surface", "falls", True, False),
    "safety_falls": ("bool", "safety_falls", "falls", True, False),
    "safety_small_objects": ("bool", "safety_small_objects", "choking", True, False),
    "safety_hot_liquids": ("bool", "safety_hot_liquids", "burns", True, False),
    "safety_poisons": ("bool", "safety_poisons", "poisoning", True, False),
    "safety_stairs": ("choice", "safety_stairs", "falls", "yes", "no", "no-stairs"),
    "safety_water": ("bool", "safety_water", "drowning", True, False),
    "safety_smoke_alarm": ("bool", "safety_smoke_alarm", "fire-safety", True, False),
    "safety_firearms": ("firearms", "safety_firearms", "firearms", "no", "not-locked"),
    "safety_street": ("bool", "safety_street", "traffic-safety", True, False),
    "safety_helmet": ("choice", "safety_helmet", "head-injury", "yes", "no", "no-bike"),
}


def loc(text, locales):
    """Keep only the form's locales (a form lists exactly the locales it is complete in)."""
    missing = [lc for lc in locales if lc not in text]
    if missing:
        raise SystemExit(f"text missing {missing}: {text}")
    return {lc: text[lc] for lc in locales}


def opts(entries, locales):
    out = []
    for e in entries:
        value, score, code, text = e
        o = {"value": value}
        if score is not None:
            o["score"] = score
        if code is not None:
            o["code"] = code
        o["text"] = loc(text, locales)
        out.append(o)
    return out


def question(id_, type_, section, text, locales, **extra):
    it = {"id": id_, "type": type_, "section": section, "required": True, "declinable": True}
    if "code" in extra:
        it["code"] = extra.pop("code")
    it["text"] = loc(text, locales)
    if "help" in extra:
        it["help"] = loc(extra.pop("help"), locales)
    it.update(extra)
    return it


def display(id_, section, text, locales):
    it = {"id": id_, "type": "display"}
    if section:
        it["section"] = section
    it["text"] = loc(text, locales)
    return it


# --------------------------------------------------------------------------- items
def safety_item(item_id, locales):
    d = SAFETY_DEF[item_id]
    kind = d[0]
    help_ = SAFETY.get(item_id + ".help")
    extra = {"help": help_} if help_ else {}
    if kind == "bool":
        return question(item_id, "boolean", "safety", SAFETY[item_id], locales, **extra)
    if kind == "choice":
        return question(item_id, "choice", "safety", SAFETY[item_id], locales,
                        options=opts([("yes", None, None, YES), ("no", None, None, NO),
                                      (d[5], None, None, SAFETY[f"{item_id}.{d[5]}"])],
                                     locales), **extra)
    if kind == "firearms":
        return question(item_id, "choice", "safety", SAFETY[item_id], locales,
                        options=opts([("no", None, None, NO),
                                      ("locked", None, None, SAFETY[item_id + ".locked"]),
                                      ("not-locked", None, None,
                                       SAFETY[item_id + ".not-locked"])], locales))
    raise ValueError(kind)


PHQ2_POSITIVE = {">=": [V("scales.phq2"), 3]}


def items(checkup, locales, pilot):
    out = [display("intro", None, INTRO, locales)]
    out += [safety_item(i, locales) for i in CHECKUPS[checkup]["safety"]]
    # economy
    out.append(question("money_worry", "boolean", "economy", MONEY_WORRY, locales))
    out.append(question("hvs1", "choice", "economy", HVS1, locales, code="88122-7",
                        help=HVS_HELP, options=opts(HVS_OPTS, locales)))
    out.append(question("hvs2", "choice", "economy", HVS2, locales, code="88123-5",
                        options=opts(HVS_OPTS, locales)))
    # mood: PHQ-2, then the rest of PHQ-9 when PHQ-2 >= 3
    out.append(display("mood_intro", "mood", PHQ_STEM, locales))
    for n, (code, text) in enumerate(PHQ, start=1):
        extra = {"code": code, "options": opts(FREQ_OPTS, locales)}
        if n >= 3:
            extra["enableWhen"] = PHQ2_POSITIVE
        out.append(question(f"phq9_{n}", "choice", "mood", text, locales, **extra))
    if pilot:
        out.append(display("anxiety_intro", "anxiety", GAD_STEM, locales))
        for n, (code, text) in enumerate(GAD, start=1):
            out.append(question(f"gad7_{n}", "choice", "anxiety", text, locales, code=code,
                                options=opts(FREQ_OPTS, locales)))
    # stress
    if pilot:
        out.append(question("stress_coping", "choice", "stress", STRESS["stress_coping"],
                            locales, options=opts([(v, s, None, t) for v, s, t in COPING_OPTS],
                                                  locales)))
    else:
        out.append(question("stress_overwhelmed", "boolean", "stress",
                            STRESS["stress_overwhelmed"], locales))
    out.append(question("stress_support", "boolean", "stress", STRESS["stress_support"],
                        locales, scoreTrue=0, scoreFalse=1))
    out.append(question("stress_irritable", "boolean", "stress", STRESS["stress_irritable"],
                        locales))
    out.append(question("child_harm_fear", "boolean", "stress", CHILD_HARM_FEAR, locales,
                        help=CHILD_HARM_FEAR_HELP))
    # alcohol: AUDIT-C; items 2-3 are skipped (score 0) when item 1 is "Never"
    for n, (code, text, help_, options) in enumerate(AUDIT, start=1):
        extra = {"code": code}
        if help_:
            extra["help"] = help_
        extra["options"] = opts([(v, int(v), c, t) for v, c, t in options], locales)
        if n >= 2:
            extra["enableWhen"] = NE(V("answers.auditc1"), "0")
        out.append(question(f"auditc{n}", "choice", "alcohol", text, locales, **extra))
    # violence
    out.append(display("violence_intro", "relationships", VIOLENCE_INTRO, locales))
    out.append(question("violence_ever", "boolean", "relationships", VIOLENCE_EVER, locales))
    out.append(question("violence_now", "boolean", "relationships", VIOLENCE_NOW, locales,
                        enableWhen=EQ(V("answers.violence_ever"), True)))
    # support
    out.append(question("support_wish", "boolean", "support", SUPPORT_WISH, locales))
    return out


# --------------------------------------------------------------------------- scales
def both_profiles(value):
    return [{"profile": "se", "value": value}, {"profile": "us", "value": value}]


def band(id_, lo, hi, sv, en):
    return {"id": id_, "min": lo, "max": hi, "label": T(sv, en)}


def scales(locales, pilot):
    def lab(b):
        b["label"] = loc(b["label"], ["sv", "en"])
        if set(locales) - {"sv", "en"}:
            # labels are clinician-facing; other locales repeat the English label
            for lc in locales:
                b["label"].setdefault(lc, b["label"]["en"])
            b["label"] = {lc: b["label"][lc] for lc in locales}
        return b

    def title(sv, en):
        t = T(sv, en)
        return {lc: t.get(lc, en) for lc in locales}

    out = [
        {"id": "hvs", "title": title("Hunger Vital Sign (antal positiva frågor)",
                                     "Hunger Vital Sign (number of positive items)"),
         "items": ["hvs1", "hvs2"], "method": "count",
         "missing": {"maxMissing": 0, "handling": "invalid"},
         "bands": [lab(band("negative", 0, 0, "Negativ", "Negative")),
                   lab(band("positive", 1, 2, "Positiv", "Positive"))]},
        {"id": "phq2", "code": "55758-7", "title": title("PHQ-2", "PHQ-2"),
         "items": ["phq9_1", "phq9_2"], "method": "sum",
         "missing": {"maxMissing": 0, "handling": "invalid"},
         "bands": [lab(band("negative", 0, 2, "Under gränsvärdet", "Below cut-off")),
                   lab(band("positive", 3, 6, "Vid eller över gränsvärdet", "At or above cut-off"))],
         "cutoffs": both_profiles(3)},
        {"id": "phq9", "code": "44261-6", "title": title("PHQ-9", "PHQ-9"),
         "items": [f"phq9_{n}" for n in range(1, 10)], "method": "sum",
         # Items 3-9 are asked only after a positive PHQ-2: without them there is no
         # PHQ-9 total (not a PHQ-2 value under the PHQ-9's name and bands).
         "hiddenItems": "not-applicable",
         "missing": {"maxMissing": 1, "handling": "prorate", "rounding": "half-up"},
         "bands": [lab(band("minimal", 0, 4, "Minimala", "Minimal")),
                   lab(band("mild", 5, 9, "Lindriga", "Mild")),
                   lab(band("moderate", 10, 14, "Måttliga", "Moderate")),
                   lab(band("moderately-severe", 15, 19, "Medelsvåra", "Moderately severe")),
                   lab(band("severe", 20, 27, "Svåra", "Severe"))],
         "cutoffs": both_profiles(10)},
    ]
    if pilot:
        out.append(
            {"id": "gad2", "title": title("GAD-2", "GAD-2"),
             "items": ["gad7_1", "gad7_2"], "method": "sum",
             "missing": {"maxMissing": 0, "handling": "invalid"},
             "bands": [lab(band("negative", 0, 2, "Under gränsvärdet", "Below cut-off")),
                       lab(band("positive", 3, 6, "Vid eller över gränsvärdet", "At or above cut-off"))],
             "cutoffs": both_profiles(3)})
        out.append(
            {"id": "stress", "title": title("Föräldrastress (exempelfrågor)",
                                            "Parental stress (example questions)"),
             "items": ["stress_coping", "stress_support", "stress_irritable"], "method": "sum",
             "missing": {"maxMissing": 1, "handling": "invalid"},
             "bands": [lab(band("low", 0, 2, "Låg", "Low")),
                       lab(band("raised", 3, 5, "Förhöjd", "Raised"))],
             "cutoffs": both_profiles(3)})
    else:
        out.append(
            {"id": "stress", "title": title("Föräldrastress (exempelfrågor)",
                                            "Parental stress (example questions)"),
             "items": ["stress_overwhelmed", "stress_support", "stress_irritable"],
             "method": "count",
             "missing": {"maxMissing": 1, "handling": "invalid"},
             "bands": [lab(band("low", 0, 1, "Låg", "Low")),
                       lab(band("raised", 2, 3, "Förhöjd", "Raised"))],
             "cutoffs": both_profiles(2)})
    out.append(
        {"id": "auditc", "code": "75626-2", "title": title("AUDIT-C", "AUDIT-C"),
         "items": ["auditc1", "auditc2", "auditc3"], "method": "sum",
         "missing": {"maxMissing": 0, "handling": "invalid"},
         # No band below 8: the sex- and profile-specific cut-offs (3, 4, 5) fall inside
         # 0–7, so such a band would read "below 8" next to "cut-off reached" (a compile
         # error, form.cutoff_splits_band); below 8 the cut-off alone speaks.
         "bands": [lab(band("high", 8, 12, "8–12 (hög)", "8–12 (high)"))],
         "cutoffs": [
             {"profile": "se", "when": {"sex": "female"}, "value": 4},
             {"profile": "se", "when": {"sex": "male"}, "value": 5},
             {"profile": "se", "value": 4},
             {"profile": "us", "when": {"sex": "female"}, "value": 3},
             {"profile": "us", "when": {"sex": "male"}, "value": 4},
             {"profile": "us", "value": 3}]})
    return out


# --------------------------------------------------------------------------- findings
def finding(id_, domain, severity, when, locales):
    t = FINDING_TITLES[id_]
    return {"id": id_, "domain": domain, "severity": severity,
            "title": {lc: t.get(lc, t["en"]) for lc in locales}, "when": when}


def safety_concern(item_id):
    d = SAFETY_DEF[item_id]
    return EQ(V(f"answers.{item_id}"), d[4])


def findings(checkup, locales, pilot):
    f = lambda *a: finding(*a, locales)  # noqa: E731
    out = [f(SAFETY_DEF[i][1], "child-safety", "positive", safety_concern(i))
           for i in CHECKUPS[checkup]["safety"]]
    out += [
        f("child_at_risk", "child-safety", "urgent", EQ(V("answers.child_harm_fear"), True)),
        f("food_insecurity", "economy", "positive",
          {"or": [{">": [V("scores.hvs1"), 0]}, {">": [V("scores.hvs2"), 0]}]}),
        f("money_worries", "economy", "positive", EQ(V("answers.money_worry"), True)),
        f("low_mood", "mood", "positive", V("cutoff.phq2")),
        f("depression", "mood", "positive", {"and": [V("cutoff.phq2"), V("cutoff.phq9")]}),
        f("depression_severe", "mood", "positive",
          {"and": [V("cutoff.phq2"), {">=": [V("scales.phq9"), 15]}]}),
        f("self_harm", "mood", "urgent", {">": [V("scores.phq9_9"), 0]}),
        f("self_harm_unanswered", "mood", "info",
          {"and": [PHQ2_POSITIVE, EQ(V("scores.phq9_9"), None)]}),
        f("mood_not_answered", "mood", "info", EQ(V("scales.phq2"), None)),
    ]
    if pilot:
        out.append(f("anxiety", "anxiety", "positive", V("cutoff.gad2")))
    out += [
        f("parental_stress", "stress", "positive", V("cutoff.stress")),
        f("risky_alcohol", "alcohol", "positive", V("cutoff.auditc")),
        f("high_alcohol", "alcohol", "positive", EQ(V("bands.auditc"), "high")),
        f("violence_ongoing", "violence", "urgent", EQ(V("answers.violence_now"), True)),
        f("violence_past", "violence", "positive",
          {"and": [EQ(V("answers.violence_ever"), True),
                   NE(V("answers.violence_now"), True)]}),
        f("wants_talk", "support", "info", EQ(V("answers.support_wish"), True)),
    ]
    return out


# --------------------------------------------------------------------------- rules
TALK = {"kind": "bvc-talk", "socialServices": False}
TALK_SS = {"kind": "bvc-talk", "socialServices": True}
VISIT = {"kind": "home-visit", "socialServices": False}
VISIT_SS = {"kind": "home-visit", "socialServices": True}
REF = lambda to: {"kind": "referral", "to": to}  # noqa: E731
INFO = lambda topic: {"kind": "written-info", "topic": topic}  # noqa: E731
F = lambda fid: V(f"findings.{fid}")  # noqa: E731
PRIVATE = lambda offer: {**offer, "private": True}  # noqa: E731  held with the parent alone


def rule_title(id_):
    if id_ in RULE_TITLES:
        t = RULE_TITLES[id_]
    else:  # safety advice: the finding's title
        f = FINDING_TITLES[id_.replace("-", "_")]
        t = T("Säkerhetsråd: " + f["sv"][0].lower() + f["sv"][1:],
              "Safety advice: " + f["en"][0].lower() + f["en"][1:])
    return t


def rule(id_, priority, when, offers=(), actions=()):
    r = {"id": id_, "title": rule_title(id_), "priority": priority, "when": when}
    if offers:
        r["offers"] = list(offers)
    if actions:
        r["actions"] = list(actions)
    return r


def rules(checkup, pilot):
    out = [
        # urgent paths
        rule("self-harm", 100, F("self_harm"), [REF("adult-psychiatry")], ["same-day-contact"]),
        rule("child-at-risk", 100, F("child_at_risk"), [TALK],
             ["same-day-contact", "consider-report-of-concern"]),
        rule("violence-ongoing", 95, F("violence_ongoing"), [PRIVATE(TALK)],
             ["same-day-contact", "consider-report-of-concern"]),
        rule("violence-ongoing-shelter", 95,
             {"and": [F("violence_ongoing"), NE(V("respondent.sex"), "male")]},
             [PRIVATE(REF("womens-shelter"))]),
        rule("violence-ongoing-men", 95,
             {"and": [F("violence_ongoing"), EQ(V("respondent.sex"), "male")]},
             [PRIVATE(REF("voluntary-organisation"))]),
        # combinations
        rule("economy-and-stress", 80,
             {"and": [{"or": [F("money_worries"), F("food_insecurity")]},
                      F("parental_stress")]}, [VISIT_SS]),
        rule("mood-and-stress", 75, {"and": [F("low_mood"), F("parental_stress")]}, [VISIT]),
        # single domains
        rule("depression-severe", 70, F("depression_severe"), [REF("adult-psychiatry")]),
        rule("mood", 60, {"or": [F("low_mood"), F("depression")]}, [TALK, INFO("mood")]),
        rule("mood-not-answered", 40,
             {"or": [F("mood_not_answered"), F("self_harm_unanswered")]}, [TALK]),
    ]
    if pilot:
        out.append(rule("anxiety", 60, F("anxiety"), [TALK, INFO("anxiety")]))
    out += [
        rule("violence-past", 60, F("violence_past"),
             [PRIVATE(TALK), PRIVATE(INFO("violence"))]),
        rule("food-insecurity", 60, F("food_insecurity"),
             [TALK_SS, REF("economic-support"), INFO("economy")]),
        rule("money-worries", 50, F("money_worries"), [TALK, INFO("economy")]),
        rule("parental-stress", 50, F("parental_stress"), [TALK, INFO("parental-stress")]),
        rule("alcohol-high", 65, F("high_alcohol"), [REF("addiction-care")]),
        rule("alcohol", 50, F("risky_alcohol"), [TALK, INFO("alcohol")]),
    ]
    for item_id in CHECKUPS[checkup]["safety"]:
        _, fid, topic = SAFETY_DEF[item_id][:3]
        offers = [INFO(topic)]
        if item_id == "safety_firearms":
            offers = [TALK, INFO(topic)]
        out.append(rule(fid.replace("_", "-"), 20, F(fid), offers))
    out.append(rule("wants-talk", 10, F("wants_talk"), [TALK]))
    # clinician-facing: locales without their own wording repeat the English title
    locales = CHECKUPS[checkup]["locales"]
    for r in out:
        r["title"] = {lc: r["title"].get(lc, r["title"]["en"]) for lc in locales}
    return out


# --------------------------------------------------------------------------- examples
def base_answers(checkup, pilot):
    a = {}
    for i in CHECKUPS[checkup]["safety"]:
        a[i] = SAFETY_DEF[i][3]
    a.update({"money_worry": False, "hvs1": "never", "hvs2": "never",
              "phq9_1": "0", "phq9_2": "0"})
    if pilot:
        a.update({"gad7_1": "0", "gad7_2": "0", "stress_coping": "0"})
    else:
        a["stress_overwhelmed"] = False
    a.update({"stress_support": True, "stress_irritable": False, "child_harm_fear": False,
              "auditc1": "0", "violence_ever": False, "support_wish": False})
    return a


def ex(name, answers, expect, sex=None, profile=None, replace=False):
    return dict(name=name, answers=answers, expect=expect, sex=sex, profile=profile,
                replace=replace)


def phq_rest(vals):
    """Answers for phq9_3..phq9_9 from a list of 7 scores."""
    return {f"phq9_{n}": str(v) for n, v in zip(range(3, 10), vals)}


def common_examples(pilot):
    """Examples valid for every check-up (they use only the shared items)."""
    stress_yes = ({"stress_coping": "2", "stress_support": False} if pilot
                  else {"stress_overwhelmed": True, "stress_support": False})
    E = []
    E.append(ex("no concerns; a parent who never drinks (AUDIT-C items 2-3 skipped)", {},
                {"completeness": "complete",
                 "scales": {"hvs": 0, "phq2": 0, "phq9": None, "stress": 0, "auditc": 0},
                 "bands": {"phq2": "negative", "auditc": None, "hvs": "negative"},
                 "findings": [], "offers": [], "actions": []}))
    # ---- mood
    E.append(ex("PHQ-2 = 2, just below the cut-off: rest of PHQ-9 hidden (no PHQ-9 total), so an answer to the hidden item 9 is ignored",
                {"phq9_1": "1", "phq9_2": "1", "phq9_9": "2"},
                {"completeness": "complete", "scales": {"phq2": 2, "phq9": None},
                 "bands": {"phq2": "negative"},
                 "findings": [], "offers": [], "actions": []}))
    E.append(ex("PHQ-2 = 0: item 9 hidden, so declining it is ignored too (no self_harm_unanswered finding)",
                {"phq9_9": DECLINED},
                {"completeness": "complete", "scales": {"phq2": 0, "phq9": None},
                 "findings": [], "offers": [], "actions": []}))
    E.append(ex("PHQ-2 = 3, at the cut-off, rest of PHQ-9 all 'not at all' (PHQ-9 = 3)",
                {"phq9_1": "2", "phq9_2": "1", **phq_rest([0] * 7)},
                {"completeness": "complete", "scales": {"phq2": 3, "phq9": 3},
                 "bands": {"phq2": "positive", "phq9": "minimal"},
                 "findings": ["low_mood"], "offers": ["bvc-talk", "written-info"],
                 "actions": []}))
    E.append(ex("PHQ-2 = 3 but PHQ-9 items 3-9 left unanswered: incomplete, PHQ-9 invalid (7 missing > 1), item 9 must be asked in person",
                {"phq9_1": "1", "phq9_2": "2"},
                {"completeness": "incomplete", "scales": {"phq2": 3, "phq9": None},
                 "findings": ["low_mood", "self_harm_unanswered"],
                 "offers": ["bvc-talk", "written-info"],
                 "actions": []}))
    E.append(ex("PHQ-9 = 9, just below 10",
                {"phq9_1": "2", "phq9_2": "1", **phq_rest([2, 2, 1, 1, 0, 0, 0])},
                {"completeness": "complete", "scales": {"phq2": 3, "phq9": 9},
                 "bands": {"phq9": "mild"},
                 "findings": ["low_mood"], "offers": ["bvc-talk", "written-info"],
                 "actions": []}))
    E.append(ex("PHQ-9 = 10, at the cut-off: depressive symptoms",
                {"phq9_1": "2", "phq9_2": "1", **phq_rest([2, 2, 1, 1, 1, 0, 0])},
                {"completeness": "complete", "scales": {"phq2": 3, "phq9": 10},
                 "bands": {"phq9": "moderate"},
                 "findings": ["low_mood", "depression"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("PHQ-9 = 14, just below 15: no referral",
                {"phq9_1": "2", "phq9_2": "2", **phq_rest([2, 2, 2, 2, 2, 0, 0])},
                {"completeness": "complete", "scales": {"phq2": 4, "phq9": 14},
                 "bands": {"phq9": "moderate"},
                 "findings": ["low_mood", "depression"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("PHQ-9 = 15: moderately severe, referral to adult psychiatry",
                {"phq9_1": "2", "phq9_2": "2", **phq_rest([2, 2, 2, 2, 2, 1, 0])},
                {"completeness": "complete", "scales": {"phq2": 4, "phq9": 15},
                 "bands": {"phq9": "moderately-severe"},
                 "findings": ["low_mood", "depression", "depression_severe"],
                 "offers": ["bvc-talk", "written-info", "referral"], "actions": []}))
    E.append(ex("PHQ-9 item 9 = 1 ('several days'): urgent, same-day contact",
                {"phq9_1": "1", "phq9_2": "2", **phq_rest([1, 1, 0, 0, 0, 0, 1])},
                {"completeness": "complete", "scales": {"phq2": 3, "phq9": 6},
                 "bands": {"phq9": "mild"},
                 "findings": ["low_mood", "self_harm"],
                 "offers": ["bvc-talk", "written-info", "referral"],
                 "actions": ["same-day-contact"]}))
    E.append(ex("PHQ-9 item 9 declined: PHQ-9 prorated from 8 items (10 x 9/8 = 11.25 -> 11), nurse asks in person",
                {"phq9_1": "2", "phq9_2": "2", **phq_rest([1, 2, 1, 1, 1, 0, 0]),
                 "phq9_9": DECLINED},
                {"completeness": "complete", "scales": {"phq2": 4, "phq9": 11},
                 "bands": {"phq9": "moderate"},
                 "findings": ["low_mood", "depression", "self_harm_unanswered"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("PHQ-9 items 8 and 9 declined: 2 missing > 1, PHQ-9 invalid; item 9 must be asked in person",
                {"phq9_1": "2", "phq9_2": "2", **phq_rest([2, 2, 2, 2, 2, 0, 0]),
                 "phq9_8": DECLINED, "phq9_9": DECLINED},
                {"completeness": "complete", "scales": {"phq2": 4, "phq9": None},
                 "bands": {"phq9": None},
                 "findings": ["low_mood", "self_harm_unanswered"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("a PHQ-2 item declined: PHQ-2 invalid (no item may be missing), rest of PHQ-9 stays hidden, nurse asks in person; "
                "the phq9 scale has no value because items 3-9 were not asked (hiddenItems: not-applicable)",
                {"phq9_1": DECLINED, "phq9_2": "3"},
                {"completeness": "complete", "scales": {"phq2": None, "phq9": None},
                 "bands": {"phq2": None},
                 "findings": ["mood_not_answered"], "offers": ["bvc-talk"], "actions": []}))
    # ---- economy
    E.append(ex("Hunger Vital Sign: one item 'sometimes true' is enough (food insecurity)",
                {"hvs1": "sometimes"},
                {"completeness": "complete", "scales": {"hvs": 1}, "bands": {"hvs": "positive"},
                 "findings": ["food_insecurity"],
                 "offers": ["bvc-talk", "referral", "written-info"], "actions": []}))
    E.append(ex("Hunger Vital Sign: one item declined, the other 'never true': no total (a negative needs both answers), no finding",
                {"hvs1": DECLINED},
                {"completeness": "complete", "scales": {"hvs": None}, "bands": {"hvs": None},
                 "findings": [], "offers": [], "actions": []}))
    E.append(ex("Hunger Vital Sign: one item declined, the other 'often true': still positive (the published rule reads each item)",
                {"hvs1": DECLINED, "hvs2": "often"},
                {"completeness": "complete", "scales": {"hvs": None},
                 "findings": ["food_insecurity"],
                 "offers": ["bvc-talk", "referral", "written-info"], "actions": []}))
    E.append(ex("money worries only; both Hunger Vital Sign items declined (scale invalid, no food finding)",
                {"money_worry": True, "hvs1": DECLINED, "hvs2": DECLINED},
                {"completeness": "complete", "scales": {"hvs": None},
                 "findings": ["money_worries"], "offers": ["bvc-talk", "written-info"],
                 "actions": []}))
    E.append(ex("money worries and high parental stress: joint home visit with social services",
                {"money_worry": True, **stress_yes},
                {"completeness": "complete",
                 "scales": {"stress": 3 if pilot else 2},
                 "findings": ["money_worries", "parental_stress"],
                 "offers": ["home-visit", "bvc-talk", "written-info"], "actions": []}))
    E.append(ex("food insecurity (both items 'often true') and high parental stress",
                {"hvs1": "often", "hvs2": "often", **stress_yes},
                {"completeness": "complete", "scales": {"hvs": 2},
                 "findings": ["food_insecurity", "parental_stress"],
                 "offers": ["home-visit", "bvc-talk", "referral", "written-info"],
                 "actions": []}))
    # ---- stress (version-specific boundaries are in stress_examples)
    E.append(ex("low mood and high parental stress: home visit by the nurse",
                {"phq9_1": "2", "phq9_2": "2", **phq_rest([1, 1, 1, 0, 0, 0, 0]),
                 **stress_yes},
                {"completeness": "complete", "scales": {"phq2": 4, "phq9": 7},
                 "findings": ["low_mood", "parental_stress"],
                 "offers": ["home-visit", "bvc-talk", "written-info"], "actions": []}))
    E.append(ex("parent afraid of hurting the child: urgent, same-day contact, consider report of concern",
                {"child_harm_fear": True},
                {"completeness": "complete", "findings": ["child_at_risk"],
                 "offers": ["bvc-talk"],
                 "actions": ["same-day-contact", "consider-report-of-concern"]}))
    # ---- alcohol: both profiles, both sexes, just below and at each cut-off
    A = lambda a, b, c: {"auditc1": str(a), "auditc2": str(b), "auditc3": str(c)}  # noqa: E731
    for sex, profile, below, at, lim in [
            ("female", "se", (1, 1, 1), (2, 1, 1), 4),
            ("male", "se", (2, 1, 1), (2, 2, 1), 5),
            ("female", "us", (1, 0, 1), (1, 1, 1), 3),
            ("male", "us", (1, 1, 1), (2, 1, 1), 4)]:
        E.append(ex(f"AUDIT-C {lim - 1}, {sex}, profile {profile}: just below the cut-off ({lim})",
                    A(*below), {"completeness": "complete", "scales": {"auditc": lim - 1},
                                "bands": {"auditc": None},
                                "findings": [], "offers": [], "actions": []},
                    sex=sex, profile=profile))
        E.append(ex(f"AUDIT-C {lim}, {sex}, profile {profile}: at the cut-off",
                    A(*at), {"completeness": "complete", "scales": {"auditc": lim},
                             "findings": ["risky_alcohol"],
                             "offers": ["bvc-talk", "written-info"], "actions": []},
                    sex=sex, profile=profile))
    E.append(ex("AUDIT-C 4, no sex given, default profile (se): the profile's fallback (4) applies",
                A(2, 1, 1), {"completeness": "complete", "scales": {"auditc": 4},
                             "findings": ["risky_alcohol"],
                             "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("AUDIT-C 3, no sex given, profile us: the profile's fallback (3) applies",
                A(1, 1, 1), {"completeness": "complete", "scales": {"auditc": 3},
                             "findings": ["risky_alcohol"],
                             "offers": ["bvc-talk", "written-info"], "actions": []},
                profile="us"))
    E.append(ex("AUDIT-C 4, man, default profile (se) from context omitted: below the men's cut-off 5",
                A(2, 1, 1), {"completeness": "complete", "scales": {"auditc": 4},
                             "findings": [], "offers": [], "actions": []}, sex="male"))
    E.append(ex("AUDIT-C 7, man: risky use, below the high band",
                A(3, 2, 2), {"completeness": "complete", "scales": {"auditc": 7},
                             "bands": {"auditc": None},
                             "findings": ["risky_alcohol"],
                             "offers": ["bvc-talk", "written-info"], "actions": []},
                sex="male", profile="se"))
    E.append(ex("AUDIT-C 8, woman: high band, referral to addiction care offered",
                A(4, 2, 2), {"completeness": "complete", "scales": {"auditc": 8},
                             "bands": {"auditc": "high"},
                             "findings": ["risky_alcohol", "high_alcohol"],
                             "offers": ["bvc-talk", "written-info", "referral"], "actions": []},
                sex="female", profile="se"))
    E.append(ex("AUDIT-C item 1 'never': answers to the hidden items 2-3 are ignored (score 0)",
                A(0, 4, 4), {"completeness": "complete", "scales": {"auditc": 0},
                             "findings": [], "offers": [], "actions": []},
                sex="female", profile="us"))
    E.append(ex("AUDIT-C item 3 declined: scale invalid (no item may be missing), no alcohol finding",
                {"auditc1": "4", "auditc2": "2", "auditc3": DECLINED},
                {"completeness": "complete", "scales": {"auditc": None},
                 "findings": [], "offers": [], "actions": []}, sex="female", profile="se"))
    # ---- violence
    E.append(ex("violence earlier, not during the past year",
                {"violence_ever": True, "violence_now": False},
                {"completeness": "complete", "findings": ["violence_past"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    E.append(ex("ongoing violence, woman: same-day contact, report of concern considered, women's shelter",
                {"violence_ever": True, "violence_now": True},
                {"completeness": "complete", "findings": ["violence_ongoing"],
                 "offers": ["bvc-talk", "referral"],
                 "actions": ["same-day-contact", "consider-report-of-concern"]},
                sex="female"))
    E.append(ex("ongoing violence, man: same urgent actions, referral to a voluntary organisation",
                {"violence_ever": True, "violence_now": True},
                {"completeness": "complete", "findings": ["violence_ongoing"],
                 "offers": ["bvc-talk", "referral"],
                 "actions": ["same-day-contact", "consider-report-of-concern"]},
                sex="male"))
    E.append(ex("violence 'now' answered yes while 'ever' is no: hidden item, answer ignored",
                {"violence_ever": False, "violence_now": True},
                {"completeness": "complete", "findings": [], "offers": [], "actions": []}))
    E.append(ex("violence 'ever' yes, 'now' declined: handled as earlier violence; the talk covers it",
                {"violence_ever": True, "violence_now": DECLINED},
                {"completeness": "complete", "findings": ["violence_past"],
                 "offers": ["bvc-talk", "written-info"], "actions": []}))
    # ---- support
    E.append(ex("wish to talk with the nurse",
                {"support_wish": True},
                {"completeness": "complete", "findings": ["wants_talk"],
                 "offers": ["bvc-talk"], "actions": []}))
    E.append(ex("nothing answered: incomplete; PHQ-2 missing, so the nurse asks about mood in person",
                {}, {"completeness": "incomplete",
                     "scales": {"phq2": None, "auditc": None, "hvs": None, "stress": None},
                     "findings": ["mood_not_answered"], "offers": ["bvc-talk"],
                     "actions": []}, replace=True))
    return E


def stress_examples(pilot):
    if pilot:
        return [
            ex("stress (pilot) = 2, just below the new cut-off 3: coping 'sometimes' and no one to help",
               {"stress_coping": "1", "stress_support": False},
               {"completeness": "complete", "scales": {"stress": 2}, "bands": {"stress": "low"},
                "findings": [], "offers": [], "actions": []}),
            ex("stress (pilot) = 3, at the cut-off: coping 'often' and irritable",
               {"stress_coping": "2", "stress_irritable": True},
               {"completeness": "complete", "scales": {"stress": 3},
                "bands": {"stress": "raised"}, "findings": ["parental_stress"],
                "offers": ["bvc-talk", "written-info"], "actions": []}),
            ex("stress (pilot) = 3 from the coping question alone ('almost all the time')",
               {"stress_coping": "3"},
               {"completeness": "complete", "scales": {"stress": 3},
                "findings": ["parental_stress"], "offers": ["bvc-talk", "written-info"],
                "actions": []}),
            ex("stress (pilot): no one to help and irritable, coping 'never' = 2 (was positive in 1.0.0)",
               {"stress_support": False, "stress_irritable": True},
               {"completeness": "complete", "scales": {"stress": 2},
                "findings": [], "offers": [], "actions": []}),
            ex("stress (pilot) with the coping question declined (1 missing allowed): 1 + 1 = 2",
               {"stress_coping": DECLINED, "stress_support": False, "stress_irritable": True},
               {"completeness": "complete", "scales": {"stress": 2},
                "findings": [], "offers": [], "actions": []}),
            ex("stress (pilot) with two questions declined: scale invalid",
               {"stress_coping": DECLINED, "stress_support": DECLINED, "stress_irritable": True},
               {"completeness": "complete", "scales": {"stress": None},
                "findings": [], "offers": [], "actions": []}),
            ex("GAD-2 = 2, just below the cut-off",
               {"gad7_1": "1", "gad7_2": "1"},
               {"completeness": "complete", "scales": {"gad2": 2}, "bands": {"gad2": "negative"},
                "findings": [], "offers": [], "actions": []}),
            ex("GAD-2 = 3, at the cut-off: anxiety",
               {"gad7_1": "2", "gad7_2": "1"},
               {"completeness": "complete", "scales": {"gad2": 3}, "bands": {"gad2": "positive"},
                "findings": ["anxiety"], "offers": ["bvc-talk", "written-info"],
                "actions": []}),
            ex("GAD-2 item declined: scale invalid, no anxiety finding",
               {"gad7_1": "3", "gad7_2": DECLINED},
               {"completeness": "complete", "scales": {"gad2": None},
                "findings": [], "offers": [], "actions": []}),
        ]
    return [
        ex("stress = 1, just below the cut-off 2",
           {"stress_irritable": True},
           {"completeness": "complete", "scales": {"stress": 1}, "bands": {"stress": "low"},
            "findings": [], "offers": [], "actions": []}),
        ex("stress = 2, at the cut-off: no one to help and irritable",
           {"stress_support": False, "stress_irritable": True},
           {"completeness": "complete", "scales": {"stress": 2}, "bands": {"stress": "raised"},
            "findings": ["parental_stress"], "offers": ["bvc-talk", "written-info"],
            "actions": []}),
        ex("stress with one question declined (1 missing allowed): 1 + 1 = 2",
           {"stress_overwhelmed": DECLINED, "stress_support": False, "stress_irritable": True},
           {"completeness": "complete", "scales": {"stress": 2},
            "findings": ["parental_stress"], "offers": ["bvc-talk", "written-info"],
            "actions": []}),
        ex("stress with two questions declined: scale invalid",
           {"stress_overwhelmed": DECLINED, "stress_support": DECLINED, "stress_irritable": True},
           {"completeness": "complete", "scales": {"stress": None},
            "findings": [], "offers": [], "actions": []}),
    ]


def safety_examples(checkup):
    E = []
    for item_id in CHECKUPS[checkup]["safety"]:
        d = SAFETY_DEF[item_id]
        offers = ["bvc-talk", "written-info"] if item_id == "safety_firearms" else ["written-info"]
        E.append(ex(f"child safety: {item_id} = {json.dumps(d[4])}",
                    {item_id: d[4]},
                    {"completeness": "complete", "findings": [d[1]], "offers": offers,
                     "actions": []}))
        if d[0] == "choice":
            E.append(ex(f"child safety: {item_id} = {json.dumps(d[5])} is not a concern",
                        {item_id: d[5]},
                        {"completeness": "complete", "findings": [], "offers": [],
                         "actions": []}))
        if d[0] == "firearms":
            E.append(ex("child safety: firearms kept in a locked gun cabinet is not a concern",
                        {item_id: "locked"},
                        {"completeness": "complete", "findings": [], "offers": [],
                         "actions": []}))
    return E


def examples(checkup, pilot):
    base = base_answers(checkup, pilot)
    out = []
    for e in safety_examples(checkup) + common_examples(pilot) + stress_examples(pilot):
        answers = {} if e["replace"] else copy.deepcopy(base)
        answers.update(e["answers"])
        x = {"name": e["name"]}
        if e["sex"]:
            x["respondent"] = {"attributes": {"sex": e["sex"]}}
        if e["profile"]:
            x["context"] = {"profile": e["profile"]}
        x["answers"] = answers
        x["expect"] = e["expect"]
        out.append(x)
    return out


# --------------------------------------------------------------------------- form
DESCRIPTION = {
    "sv": "Frågor till varje förälder inför BVC-besöket vid {sv}. EXEMPELINNEHÅLL: frågorna om "
          "barnets säkerhet, ekonomisk oro, föräldrastress, våld i nära relationer och önskan "
          "om stöd är skrivna av projektet och är inte ett validerat instrument. Publicerade "
          "instrument: PHQ-2/PHQ-9{gad} (Pfizer, fritt att använda), AUDIT-C (WHO) och Hunger "
          "Vital Sign (Hager m.fl. 2010; svensk översättning av projektet). Inte BarnSäkert, "
          "SEEK eller EPDS.",
    "en": "Questions for each parent before the child health visit at {en}. EXAMPLE CONTENT: the "
          "questions on child safety, money worries, parental stress, violence in close "
          "relationships and the wish for support are written by the project and are not a "
          "validated instrument. Published instruments: PHQ-2/PHQ-9{gad} (Pfizer, free to use), "
          "AUDIT-C (WHO) and the Hunger Vital Sign (Hager et al. 2010). Not BarnSäkert, SEEK or "
          "EPDS.",
    "ar": "أسئلة لكل والد أو والدة قبل زيارة مركز صحة الطفل عند عمر {ar}. محتوى تجريبي: أسئلة "
          "سلامة الطفل والقلق المالي وضغوط الوالدين والعنف في العلاقات القريبة والرغبة في الدعم "
          "كتبها المشروع وليست أداة مُعتمدة علمياً. الأدوات المنشورة: PHQ-2/PHQ-9{gad} وAUDIT-C "
          "وHunger Vital Sign. ترجمة عربية غير مُتحقَّق منها.",
    "so": "Su'aalo waalid kasta loogu talagalay ka hor booqashada xarunta caafimaadka carruurta "
          "marka ilmuhu yahay {so}. NUXUR TUSAALE AH: su'aalaha badqabka ilmaha, welwelka "
          "lacagta, cadaadiska waalidnimada, rabshadaha xiriirrada dhow iyo rabitaanka taageerada "
          "waxaa qoray mashruuca, mana aha qalab la ansixiyay. Qalabka la daabacay: "
          "PHQ-2/PHQ-9{gad}, AUDIT-C iyo Hunger Vital Sign. Turjumaad Soomaali ah oo aan la hubin.",
}


def form(checkup, version, pilot=False):
    c = CHECKUPS[checkup]
    locales = c["locales"]
    name = c["name"]
    gad = {"sv": ", GAD-2", "en": ", GAD-2", "ar": "، GAD-2", "so": ", GAD-2"} if pilot else \
        {lc: "" for lc in locales}
    title = {"sv": f"Trygg start – {name['sv']}", "en": f"Trygg start – {name['en']}",
             "ar": f"Trygg start – {name.get('ar', '')}", "so": f"Trygg start – {name.get('so', '')}"}
    if pilot:
        title = {"sv": title["sv"] + " (pilot)", "en": title["en"] + " (pilot)",
                 "ar": title["ar"] + " (تجريبي)", "so": title["so"] + " (tijaabo)"}
    desc = {lc: DESCRIPTION[lc].format(gad=gad[lc], **{k: name[k] for k in locales})
            for lc in locales}
    f = {
        "$schema": "../../schema/form.schema.json",
        "id": f"trygg-start.{checkup}",
        "version": version,
        "status": "pilot" if pilot else "active",
        "title": {lc: title[lc] for lc in locales},
        "description": desc,
        "locales": locales,
    }
    if len(locales) > 2:
        f["unverifiedLocales"] = [lc for lc in locales if lc not in ("sv", "en")]
    f.update({
        "checkup": {"minAgeDays": c["window"][0], "maxAgeDays": c["window"][1]},
        "respondent": "each-parent",
        "attributes": [{"id": "sex", "values": ["female", "male"]}],
        "profiles": {"default": "se", "available": ["se", "us"]},
        "source": {
            "exampleContent": True,
            "citation": "Example content written by the Trygg project (not a validated "
                        "instrument; not BarnSäkert, SEEK or EPDS wording). Includes: PHQ-2/PHQ-9"
                        + (" and GAD-2" if pilot else "") +
                        " (Kroenke, Spitzer, Williams 2001/2003; Spitzer et al. 2006), "
                        "AUDIT-C (Bush et al. 1998; WHO AUDIT, Babor et al. 2001), Hunger Vital "
                        "Sign (Hager et al. 2010, Pediatrics 126:e26-e32).",
            "license": "Project text: same licence as Trygg. PHQ/GAD: Pfizer, no permission "
                       "required. AUDIT: WHO, free to use. Hunger Vital Sign: free to use with "
                       "citation.",
        },
        "sections": [{"id": s, "title": loc(SECTIONS[s], locales)}
                     for s in ["safety", "economy", "mood"] + (["anxiety"] if pilot else [])
                     + ["stress", "alcohol", "relationships", "support"]],
        "items": items(checkup, locales, pilot),
        "scales": scales(locales, pilot),
        "findings": findings(checkup, locales, pilot),
        "rules": rules(checkup, pilot),
        "examples": examples(checkup, pilot),
    })
    return f


ALL = {f"{c}/1.0.0": (c, "1.0.0", False) for c in CHECKUPS}
ALL["6-8w/1.1.0"] = ("6-8w", "1.1.0", True)


def render(key):
    c, v, pilot = ALL[key]
    return json.dumps(form(c, v, pilot), ensure_ascii=False, indent=2) + "\n"


def main(argv):
    if len(argv) >= 2 and argv[1] == "--write":
        for key in argv[2:] or ALL:
            path = os.path.join(ROOT, key + ".json")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(render(key))
            print("wrote", path)
        return 0
    if len(argv) >= 2 and argv[1] == "--check":
        bad = 0
        for key in ALL:
            path = os.path.join(ROOT, key + ".json")
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != render(key):
                print("differs:", path)
                bad = 1
        return bad
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
