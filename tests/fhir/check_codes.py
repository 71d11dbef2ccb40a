#!/usr/bin/env python3
"""The required codes of QuestionnaireResponse fixtures that the FHIR validator does not check.

@medplum/core's validateResource checks structure and JSON types, not required value-set
bindings nor what an item's answer type must be. This checks, for every resource of the
files given (.json: a QuestionnaireResponse or a Bundle of them; .ndjson: one a line):
  - status is a code of the required binding (in-progress, completed, amended,
    entered-in-error, stopped);
  - each answer has exactly one value[x], of an R4 QuestionnaireResponse answer type;
  - the value[x] fits the question its linkId names, as docs/fhir.md maps question types
    (bool: valueBoolean; number: valueDecimal or valueInteger; enum: valueCoding with a
    declared code; date: valueDate or valueDateTime; list: valueString or valueCoding);
    an item with items and no answer is a group; every other linkId must be a question.
Question types come from `contrascreen questions --format json` for the rule set given.

Usage: check_codes.py --bin CONTRASCREEN --rules RULESET FILE...   (exit 1 on any problem)
       check_codes.py --self-test --bin CONTRASCREEN --rules RULESET
Standard library only: it runs under /usr/bin/python3.
"""

import argparse
import copy
import json
import subprocess
import sys

STATUSES = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
ANSWER_TYPES = {"valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime", "valueTime",
                "valueString", "valueUri", "valueAttachment", "valueCoding", "valueQuantity", "valueReference"}
TAKES = {"bool": {"valueBoolean"}, "number": {"valueDecimal", "valueInteger"}, "enum": {"valueCoding"},
         "date": {"valueDate", "valueDateTime"}, "list": {"valueString", "valueCoding"}}


def questions(binary, rules):
    out = subprocess.run([binary, "questions", "--rules", rules, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    data = json.loads(out)
    return {q["id"]: q for q in (data["questions"] if isinstance(data, dict) else data)}


def check_items(items, where, known, problems):
    for i, item in enumerate(items or []):
        path = f"{where}item[{i}]"
        link = item.get("linkId")
        answers = item.get("answer", [])
        question = known.get(link)
        if question is None and (answers or not item.get("item")):
            problems.append(f"{path}: linkId {link!r} is no question of the rule set")
        for j, answer in enumerate(answers):
            values = [key for key in answer if key.startswith("value")]
            if len(values) != 1 or values[0] not in ANSWER_TYPES:
                problems.append(f"{path}.answer[{j}]: expected one value[x] of an answer type, found {values}")
            elif question is not None:
                if values[0] not in TAKES[question["type"]]:
                    problems.append(f"{path}.answer[{j}]: {values[0]} does not answer a {question['type']} question")
                elif question["type"] == "enum":
                    code = answer[values[0]].get("code")
                    if code not in [v["value"] for v in question.get("values", [])]:
                        problems.append(f"{path}.answer[{j}]: code {code!r} is no value of {link}")
            check_items(answer.get("item"), f"{path}.answer[{j}].", known, problems)
        check_items(item.get("item"), f"{path}.", known, problems)


def check_resource(resource, known):
    problems = []
    if resource.get("resourceType") == "Bundle":
        for i, entry in enumerate(resource.get("entry", [])):
            problems += [f"entry[{i}].resource.{p}" for p in check_resource(entry.get("resource", {}), known)]
        return problems
    if resource.get("resourceType") != "QuestionnaireResponse":
        return [f"resourceType {resource.get('resourceType')!r} is not QuestionnaireResponse"]
    if resource.get("status") not in STATUSES:
        problems.append(f"status {resource.get('status')!r} is not a QuestionnaireResponse status")
    check_items(resource.get("item"), "", known, problems)
    return problems


def resources(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".ndjson"):
        return [(n, json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    return [(0, json.loads(text))]


def self_test(known):
    good = {"resourceType": "QuestionnaireResponse", "status": "completed",
            "item": [{"linkId": "g", "item": [{"linkId": "pregnant", "answer": [{"valueBoolean": False}]}]}]}
    assert check_resource(good, known) == [], check_resource(good, known)
    bad = []
    for change in (lambda r: r.update(status="final"),
                   lambda r: r["item"][0]["item"][0]["answer"][0].update(valueString="no"),
                   lambda r: r["item"][0]["item"][0].update(answer=[{"valueString": "no"}]),
                   lambda r: r["item"][0]["item"][0].update(linkId="pregnat"),
                   lambda r: r["item"][0]["item"][0].update(linkId="acne", answer=[{"valueCoding": {"code": "x"}}])):
        resource = copy.deepcopy(good)
        change(resource)
        bad.append(check_resource(resource, known))
    assert all(bad), bad
    print("check_codes self-test: ok")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    known = questions(args.bin, args.rules)
    if args.self_test:
        self_test(known)
        return 0
    if not args.files:
        print("no files given")
        return 2
    failed = False
    for path in args.files:
        for line, resource in resources(path):
            for problem in check_resource(resource, known):
                print(f"{path}{':' + str(line) if line else ''}: {problem}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
