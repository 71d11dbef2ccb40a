#!/usr/bin/env python3
"""The round trip through FHIR: every `tests:` case of every shipped policy (shipped.py),
answered as a QuestionnaireResponse to the policy's generated Questionnaire, screens to the
case's expected decision, rules, unanswered, advice and until.

For each policy: `contrascreen questionnaire --rules P --format fhir` gives the Questionnaire;
each case's answers become a QuestionnaireResponse whose shape comes from it (docs/fhir.md,
"The round trip"): one item per answered question with its linkId, the value[x] its item.type
takes (boolean: valueBoolean; decimal: valueDecimal; date: valueDate; choice: the answerOption
valueCoding whose code is the answer, with its system; string with repeats: one valueString
per list entry, and an empty list as the empty-list extension), a follow-up under the answer
of the item the Questionnaire nests it in; `authored` is the case's date. The responses are
screened with `contrascreen screen --rules P --format json --explain [--lang L]` (one NDJSON file per
policy and language) and each record compared with the case.

An answer to a question the Questionnaire does not ask (no rule reads it; the Questionnaire asks
every question a rule reads) is left out of the response, as a patient filling the form is never
asked it, and printed with the case's name. An answer the Questionnaire cannot carry (a value its
item does not take, a follow-up without the answer that enables it) fails the run, naming the
case: nothing is skipped.

Usage: roundtrip.py --bin CONTRASCREEN --source ROOT    (prints "N cases round-tripped")
       roundtrip.py --self-test --bin CONTRASCREEN --source ROOT
Standard library and python3-yaml: it runs under /usr/bin/python3.
"""

import argparse
import datetime
import json
import pathlib
import subprocess
import sys
import tempfile

from shipped import shipped, test_cases

EMPTY_LIST = "urn:contrascreen:fhir:extension:empty-list"


class Inexpressible(Exception):
    """A case's answer that a response to the Questionnaire cannot carry."""


def questions_of(items, parent=None, out=None):
    """linkId -> (item, parent item or None) for every question item, nested ones included."""
    out = {} if out is None else out
    for item in items or []:
        if item["type"] in ("display", "group"):
            continue
        out[item["linkId"]] = (item, parent)
        questions_of(item.get("item"), item, out)
    return out


def answers_of(item, value):
    """The QuestionnaireResponse answers (and extensions) of `value` for `item`."""
    kind, link = item["type"], item["linkId"]
    if item.get("repeats"):
        if kind != "string" or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Inexpressible(f"{link}: {value!r} is not a list of strings for a repeating {kind} item")
        if not value:
            return [], [{"url": EMPTY_LIST, "valueBoolean": True}]
        return [{"valueString": v} for v in value], []
    if kind == "boolean" and isinstance(value, bool):
        return [{"valueBoolean": value}], []
    if kind == "decimal" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return [{"valueDecimal": value}], []
    if kind == "date" and isinstance(value, (datetime.date, str)) and not isinstance(value, datetime.datetime):
        return [{"valueDate": value.isoformat() if isinstance(value, datetime.date) else value}], []
    if kind == "choice" and isinstance(value, str):
        for option in item.get("answerOption", []):
            coding = option.get("valueCoding", {})
            if coding.get("code") == value:
                return [{"valueCoding": {k: coding[k] for k in ("system", "code", "display") if k in coding}}], []
        raise Inexpressible(f"{link}: {value!r} is no answerOption code")
    raise Inexpressible(f"{link}: {value!r} ({type(value).__name__}) does not answer a {kind} item")


def enabled(item, parent_answers):
    """Whether `item` is enabled by its parent's answers (its enableWhen, operator =)."""
    conditions = item.get("enableWhen", [])
    if not conditions:
        return True
    hits = []
    for condition in conditions:
        if condition["operator"] != "=":
            raise Inexpressible(f"{item['linkId']}: enableWhen operator {condition['operator']!r}")
        want = condition.get("answerBoolean", condition.get("answerCoding"))
        hits.append(any(answer.get("valueBoolean", answer.get("valueCoding")) == want or
                        (isinstance(want, dict) and answer.get("valueCoding", {}).get("code") == want.get("code") and
                         answer.get("valueCoding", {}).get("system") == want.get("system"))
                        for answer in parent_answers))
    return any(hits) if item.get("enableBehavior") == "any" else all(hits)


def response(questionnaire, case, response_id):
    """The QuestionnaireResponse of `case`; raises Inexpressible."""
    known = questions_of(questionnaire.get("item"))
    # An answer to a question the Questionnaire does not ask (one no rule reads: it asks every
    # question some rule reads) has no place in a response to it: a patient filling the form
    # is never asked it. It is left out, and named (left_out), never dropped silently.
    answers = {link: value for link, value in (case.get("answers") or {}).items() if link in known}
    left_out = sorted(link for link in (case.get("answers") or {}) if link not in known)

    def items(q_items):
        out = []
        for q_item in q_items or []:
            link = q_item["linkId"]
            if q_item["type"] in ("display", "group") or answers.get(link) is None:
                continue
            answer_list, extensions = answers_of(q_item, answers[link])
            item = {"linkId": link}
            if extensions:
                item["extension"] = extensions
            if answer_list:
                item["answer"] = answer_list
            nested = []
            for child in q_item.get("item", []):
                if child["type"] == "display" or answers.get(child["linkId"]) is None:
                    continue
                if not answer_list or not enabled(child, answer_list):
                    raise Inexpressible(f"{child['linkId']}: answered, but the answer to {link} does not enable it")
                nested.append(child)
            if nested:
                if len(answer_list) != 1:
                    raise Inexpressible(f"{link}: follow-ups under an item with {len(answer_list)} answers")
                answer_list[0]["item"] = items(nested)
            out.append(item)
        return out

    # A follow-up whose parent is unanswered is never reached from the top: find it first.
    for link, (q_item, parent) in known.items():
        if answers.get(link) is not None and parent is not None and answers.get(parent["linkId"]) is None:
            raise Inexpressible(f"{link}: answered, but {parent['linkId']}, which enables it, is not")
    qr = {"resourceType": "QuestionnaireResponse", "id": response_id,
          "questionnaire": questionnaire["url"] + "|" + questionnaire["version"], "status": "completed"}
    if "date" in case:
        date = case["date"]
        qr["authored"] = date.isoformat() if isinstance(date, datetime.date) else str(date)
    qr["item"] = items(questionnaire.get("item"))
    return qr, left_out


def mismatches(case, record):
    """How the screened record differs from what the case expects."""
    if record.get("decision") is None:
        return [f"no decision: {record.get('errors')}"]
    out = []
    if record["decision"] != case["decision"]:
        out.append(f"decision: expected {case['decision']}, got {record['decision']}")
    got = {"rules": [r["rule"] for r in record["reasons"]], "unanswered": record["unanswered"],
           # The record's advice holds the messages; --explain names the inform rules that fired.
           "advice": [e["rule"] for e in record.get("explain", []) if e["decision"] == "inform" and e["value"] == "true"]}
    for key, actual in got.items():
        if key in case and sorted(case[key] or []) != sorted(actual):
            out.append(f"{key}: expected {sorted(case[key] or [])}, got {sorted(actual)}")
    if "until" in case:
        want = case["until"].isoformat() if isinstance(case["until"], datetime.date) else case["until"]
        if want != record["until"]:
            out.append(f"until: expected {want}, got {record['until']}")
    return out


def screen(binary, root, rules, lang, responses, scratch):
    path = pathlib.Path(scratch) / f"responses-{lang or 'default'}.ndjson"
    path.write_text("".join(json.dumps(qr, ensure_ascii=False) + "\n" for qr in responses), encoding="utf-8")
    command = [binary, "screen", "--rules", str(rules), "--format", "json", "--explain", str(path)]
    if lang:
        command[2:2] = ["--lang", lang]
    run = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if run.returncode not in (0, 1, 2, 65):
        raise RuntimeError(f"{' '.join(command)}: exit status {run.returncode}\n{run.stderr}")
    records = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    if len(records) != len(responses):
        raise RuntimeError(f"{' '.join(command)}: {len(records)} records for {len(responses)} responses")
    return records


def run(binary, root):
    failures, count = [], 0
    policies = shipped(root)
    if not policies:
        return [f"no shipped policies under {root / 'rules'}"], 0
    with tempfile.TemporaryDirectory() as scratch:
        for name, rules in policies:
            made = subprocess.run([binary, "questionnaire", "--rules", str(rules), "--format", "fhir"], cwd=root,
                                  capture_output=True, text=True)
            if made.returncode != 0:
                failures.append(f"{rules}: questionnaire: exit status {made.returncode}\n{made.stderr}")
                continue
            questionnaire = json.loads(made.stdout)
            cases = test_cases(root, rules)
            if not cases:
                failures.append(f"{rules}: no tests: to round-trip")
            by_lang = {}
            for n, case in enumerate(cases):
                try:
                    qr, left_out = response(questionnaire, case, f"{name}-{n}")
                    if left_out:
                        print(f"{rules}: case {case.get('name')!r}: left out the answers to {', '.join(left_out)}, "
                              "which the Questionnaire does not ask")
                except Inexpressible as e:
                    failures.append(f"{rules}: case {case.get('name')!r}: cannot be a QuestionnaireResponse: {e}")
                    continue
                by_lang.setdefault(case.get("lang"), []).append((case, qr))
            for lang, pairs in by_lang.items():
                records = screen(binary, root, rules, lang, [qr for _, qr in pairs], scratch)
                for (case, _), record in zip(pairs, records):
                    count += 1
                    for problem in mismatches(case, record):
                        failures.append(f"{rules}: case {case.get('name')!r}: {problem}")
    return failures, count


def self_test(binary, root):
    """Each way a case can fail to round-trip is caught."""
    name, rules = next((n, r) for n, r in shipped(root) if n == "clinic-nl-microneedling")
    questionnaire = json.loads(subprocess.run([binary, "questionnaire", "--rules", str(rules), "--format", "fhir"],
                                              cwd=root, capture_output=True, text=True, check=True).stdout)
    base = {"date": datetime.date(2026, 11, 21), "decision": "allow",
            "answers": {"previous_microneedling": True, "last_microneedling_date": datetime.date(2026, 1, 2),
                        "medications": [], "acne": "scars_only"}}
    qr, left_out = response(questionnaire, base, "t")
    assert left_out == []
    assert response(questionnaire, dict(base, answers={"pregnant": True, "not_a_question": 1}), "t")[1] == [
        "not_a_question"]
    top = {item["linkId"]: item for item in qr["item"]}
    assert top["medications"] == {"linkId": "medications", "extension": [{"url": EMPTY_LIST, "valueBoolean": True}]}
    assert top["previous_microneedling"]["answer"][0]["item"] == [
        {"linkId": "last_microneedling_date", "answer": [{"valueDate": "2026-01-02"}]}], top
    assert top["acne"]["answer"][0]["valueCoding"]["code"] == "scars_only"
    for answers in ({"pregnant": "yes"}, {"acne": "scars"}, {"medications": "warfarin"},
                    {"last_microneedling_date": "2026-01-02"},
                    {"previous_microneedling": False, "last_microneedling_date": "2026-01-02"}):
        try:
            response(questionnaire, {"date": "2026-11-21", "answers": answers}, "t")
        except Inexpressible:
            continue
        raise AssertionError(f"{answers} was expressed")
    record = {"decision": "refer", "reasons": [{"rule": "x"}], "unanswered": ["age"], "advice": [], "until": None,
              "explain": [{"rule": "x", "decision": "refer", "value": "true"}]}
    assert mismatches({"decision": "refer", "rules": ["x"], "unanswered": ["age"]}, record) == []
    assert len(mismatches({"decision": "allow", "rules": [], "unanswered": [], "until": None}, record)) == 3
    assert mismatches({"decision": "refer", "advice": ["x"]}, record)
    assert mismatches({"decision": "refer"}, {"decision": None, "errors": ["e"]})
    # And a real case with a wrong expectation is a mismatch once screened.
    with tempfile.TemporaryDirectory() as scratch:
        records = screen(binary, root, rules, None, [qr], scratch)
    assert mismatches(dict(base, decision="refuse"), records[0]), records[0]
    print("roundtrip self-test: ok")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    root = pathlib.Path(args.source)
    if args.self_test:
        self_test(args.bin, root)
        return 0
    failures, count = run(args.bin, root)
    for failure in failures:
        print(failure)
    print(f"{count} cases round-tripped, {len(failures)} problems")
    return 1 if failures or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
