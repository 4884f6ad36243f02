"""Check trygg-fhir's output against the `fhir.resources` R4B models (PyPI, pydantic).

R4B has the same shape as R4 for Questionnaire, QuestionnaireResponse, Observation,
ServiceRequest, Task, CodeSystem, Bundle and CarePlan; unlike the JSON Schema, these models catch
missing required elements. Usage (in a venv with fhir.resources 8.3.0):
    python tests/fhir/check_models.py target/fhir-artifacts
"""
import json
import sys
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse


def main(folder: str) -> int:
    checked, failures = 0, []
    for path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(path.read_text())
        items = [("Questionnaire", Questionnaire, doc["questionnaire"])]
        for case in doc["cases"]:
            items.append((f"{case['name']}: QuestionnaireResponse", QuestionnaireResponse, case["response"]))
            items.append((f"{case['name']}: Bundle", Bundle, case["bundle"]))
        for name, model, resource in items:
            try:
                model.model_validate(resource)
            except Exception as e:  # pydantic.ValidationError and friends
                failures.append(f"{doc['form']} {name}: {str(e)[:400]}")
            checked += 1
    # The programme plans (careplans/, written from the shipped programmes' examples).
    for path in sorted(Path(folder).glob("careplans/*.json")):
        doc = json.loads(path.read_text())
        for case in doc["cases"]:
            try:
                CarePlan.model_validate(case["carePlan"])
            except Exception as e:
                failures.append(f"{doc['programme']} {case['name']}: CarePlan: {str(e)[:400]}")
            checked += 1
    for f in failures[:20]:
        print(f)
    print(f"fhir.resources R4B: {checked - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checked < 600 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
