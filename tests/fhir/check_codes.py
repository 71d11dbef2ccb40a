#!/usr/bin/env python3
"""The required codes of QuestionnaireResponses and Questionnaires that the FHIR validator does
not check.

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

With --questionnaires ROOT it checks instead the Questionnaire `contrascreen questionnaire
--format fhir` writes for each shipped policy under ROOT (shipped.py), against that policy's
questions:
  - status is a PublicationStatus code (draft, active, retired, unknown);
  - each item.type is a QuestionnaireItemType code, and each question's the one docs/fhir.md
    maps its type to (bool: boolean; number: decimal or integer; enum: choice; list: string
    with repeats; date: date); the question items are exactly the policy's questions;
    linkIds are unique;
  - answerOption only on the item types R4 allows it on, each with the value[x] the item type
    takes (choice: valueCoding, whose codes are the enum's values, in order, with one system);
  - each enableWhen names an item that comes before it, with an operator of
    QuestionnaireItemOperator, and the answer[x] that fits that item's type (boolean:
    answerBoolean; choice: answerCoding with one of its options' system and code; ...);
    enableBehavior (all, any) is there exactly when there are several.

Usage: check_codes.py --bin CONTRASCREEN --rules RULESET FILE...   (exit 1 on any problem)
       check_codes.py --bin CONTRASCREEN --questionnaires ROOT
       check_codes.py --self-test --bin CONTRASCREEN --rules RULESET [--questionnaires ROOT]
Standard library (and python3-yaml for --questionnaires): it runs under /usr/bin/python3.
"""

import argparse
import copy
import json
import pathlib
import subprocess
import sys

STATUSES = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
ANSWER_TYPES = {"valueBoolean", "valueDecimal", "valueInteger", "valueDate", "valueDateTime", "valueTime",
                "valueString", "valueUri", "valueAttachment", "valueCoding", "valueQuantity", "valueReference"}
PUBLICATION_STATUSES = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text",
              "url", "choice", "open-choice", "attachment", "reference", "quantity"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
ITEM_TYPE_OF = {"bool": {"boolean"}, "number": {"decimal", "integer"}, "enum": {"choice"}, "list": {"string"},
                "date": {"date"}}
# The answer[x] of an enableWhen on an item of each type (R4 que-7: exists takes answerBoolean).
ENABLE_ANSWER = {"boolean": "answerBoolean", "decimal": "answerDecimal", "integer": "answerInteger",
                 "date": "answerDate", "dateTime": "answerDateTime", "time": "answerTime", "string": "answerString",
                 "text": "answerString", "choice": "answerCoding", "open-choice": "answerCoding",
                 "quantity": "answerQuantity", "reference": "answerReference"}
# The answerOption value[x] each item type takes (R4 que-5 allows answerOption on these only).
OPTION_VALUES = {"choice": {"valueCoding", "valueString", "valueInteger", "valueDate", "valueTime"},
                 "open-choice": {"valueCoding", "valueString", "valueInteger", "valueDate", "valueTime"},
                 "integer": {"valueInteger"}, "decimal": {"valueInteger"}, "date": {"valueDate"},
                 "time": {"valueTime"}, "string": {"valueString"}, "dateTime": {"valueDate"},
                 "quantity": {"valueCoding"}}
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


def check_questionnaire(questionnaire, known):
    """Problems of a Questionnaire against the questions of its policy (id -> question)."""
    problems = []
    if questionnaire.get("resourceType") != "Questionnaire":
        return [f"resourceType {questionnaire.get('resourceType')!r} is not Questionnaire"]
    if questionnaire.get("status") not in PUBLICATION_STATUSES:
        problems.append(f"status {questionnaire.get('status')!r} is not a PublicationStatus code")
    seen = {}  # linkId -> item, in document order: enableWhen may only name one seen before

    def walk(items, where):
        for i, item in enumerate(items or []):
            path = f"{where}item[{i}]"
            link, kind = item.get("linkId"), item.get("type")
            if kind not in ITEM_TYPES:
                problems.append(f"{path}: type {kind!r} is not a QuestionnaireItemType code")
            if link in seen:
                problems.append(f"{path}: linkId {link!r} is not unique")
            for j, condition in enumerate(item.get("enableWhen", [])):
                at = f"{path}.enableWhen[{j}]"
                target = seen.get(condition.get("question"))
                answers = [key for key in condition if key.startswith("answer")]
                if condition.get("operator") not in OPERATORS:
                    problems.append(f"{at}: operator {condition.get('operator')!r} is not a QuestionnaireItemOperator")
                if target is None:
                    problems.append(f"{at}: question {condition.get('question')!r} names no item before it")
                elif len(answers) != 1:
                    problems.append(f"{at}: expected one answer[x], found {answers}")
                else:
                    want = "answerBoolean" if condition.get("operator") == "exists" else ENABLE_ANSWER.get(target["type"])
                    if answers[0] != want:
                        problems.append(f"{at}: {answers[0]} on a {target['type']} item, expected {want}")
                    elif want == "answerCoding":
                        coding = condition["answerCoding"]
                        options = [o.get("valueCoding", {}) for o in target.get("answerOption", [])]
                        if not any(o.get("system") == coding.get("system") and o.get("code") == coding.get("code")
                                   for o in options):
                            problems.append(f"{at}: answerCoding {coding} is no option of {target['linkId']}")
            several = len(item.get("enableWhen", [])) > 1
            if several != ("enableBehavior" in item) or item.get("enableBehavior", "all") not in ("all", "any"):
                problems.append(f"{path}: enableBehavior {item.get('enableBehavior')!r} with "
                                f"{len(item.get('enableWhen', []))} enableWhen")
            options = item.get("answerOption", [])
            if options and kind not in OPTION_VALUES:
                problems.append(f"{path}: answerOption on a {kind} item")
            for j, option in enumerate(options):
                values = [key for key in option if key.startswith("value")]
                if len(values) != 1 or values[0] not in OPTION_VALUES.get(kind, set()):
                    problems.append(f"{path}.answerOption[{j}]: {values} on a {kind} item")
            if kind not in ("display", "group"):
                question = known.get(link)
                if question is None:
                    problems.append(f"{path}: linkId {link!r} is no question of the rule set")
                else:
                    if kind not in ITEM_TYPE_OF[question["type"]]:
                        problems.append(f"{path}: a {question['type']} question as a {kind} item")
                    if (question["type"] == "list") != bool(item.get("repeats")):
                        problems.append(f"{path}: repeats {item.get('repeats')!r} for a {question['type']} question")
                    if question["type"] == "enum":
                        codes = [o.get("valueCoding", {}).get("code") for o in options]
                        systems = {o.get("valueCoding", {}).get("system") for o in options}
                        if codes != [v["value"] for v in question["values"]] or len(systems) != 1 or None in systems:
                            problems.append(f"{path}: answerOption codes {codes} (systems {systems}) are not "
                                            f"the values of {link}")
            seen[link] = item
            walk(item.get("item"), f"{path}.")

    walk(questionnaire.get("item"), "")
    asked = {link for link, item in seen.items() if item.get("type") not in ("display", "group")}
    for missing in sorted(set(known) - asked):
        problems.append(f"question {missing!r} of the rule set has no item")
    return problems


def shipped_questionnaires(binary, root):
    """(policy, Questionnaire, its questions) for each shipped policy under root."""
    from shipped import shipped  # python3-yaml: only this mode needs it
    out = []
    for _, rules in shipped(root):
        made = subprocess.run([binary, "questionnaire", "--rules", str(rules), "--format", "fhir"], cwd=root,
                              check=True, capture_output=True, text=True).stdout
        out.append((rules, json.loads(made), questions(binary, str(root / rules))))
    return out


def self_test_questionnaire(binary, root):
    rules, good, known = next(q for q in shipped_questionnaires(binary, root) if "clinic-nl" in str(q[0]))
    assert check_questionnaire(good, known) == [], check_questionnaire(good, known)

    def item(q, link):
        def find(items):
            for it in items or []:
                if it["linkId"] == link:
                    return it
                found = find(it.get("item"))
                if found:
                    return found
        return find(q["item"])

    def renamed(element, key, new_key):
        element[new_key] = element.pop(key)

    changes = (lambda q: q.update(status="published"),
               lambda q: item(q, "pregnant").update(type="bool"),
               lambda q: item(q, "pregnant").update(type="string"),
               lambda q: item(q, "medications").pop("repeats"),
               lambda q: item(q, "last_microneedling_date")["enableWhen"][0].update(operator="=="),
               lambda q: item(q, "last_microneedling_date")["enableWhen"][0].update(question="nope"),
               lambda q: item(q, "last_microneedling_date")["enableWhen"][0].pop("answerBoolean"),
               lambda q: renamed(item(q, "last_microneedling_date")["enableWhen"][0], "answerBoolean",
                                 "answerString"),
               lambda q: item(q, "oral_retinoids_stopped_on")["enableWhen"][0]["answerCoding"].update(code="x"),
               lambda q: item(q, "oral_retinoids_stopped_on").pop("enableBehavior"),
               lambda q: item(q, "acne")["answerOption"][0].update(valueString="none"),
               lambda q: item(q, "acne")["answerOption"].pop(),
               lambda q: item(q, "pregnant").update(answerOption=[{"valueCoding": {"code": "x"}}]),
               lambda q: q["item"].pop(0),
               lambda q: q["item"].append(copy.deepcopy(q["item"][0])))
    for n, change in enumerate(changes):
        broken = copy.deepcopy(good)
        change(broken)
        assert check_questionnaire(broken, known), f"change {n} went unnoticed"
    print("check_codes questionnaire self-test: ok")


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
    parser.add_argument("--rules")
    parser.add_argument("--questionnaires", metavar="ROOT")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if args.self_test:
        if args.rules:
            self_test(questions(args.bin, args.rules))
        if args.questionnaires:
            self_test_questionnaire(args.bin, pathlib.Path(args.questionnaires))
        return 0
    if args.questionnaires:
        failed = False
        checked = shipped_questionnaires(args.bin, pathlib.Path(args.questionnaires))
        for rules, questionnaire, known in checked:
            for problem in check_questionnaire(questionnaire, known):
                print(f"{rules}: Questionnaire: {problem}")
                failed = True
        print(f"{len(checked)} Questionnaires checked")
        return 1 if failed or not checked else 0
    if not args.rules:
        print("--rules RULESET is required with files")
        return 2
    known = questions(args.bin, args.rules)
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
