#!/usr/bin/env python3
"""RuleSet.screen_many against a plain Python function of the same policy, in the same run.

Generates (with build/bench/make_batch, the C++ benchmark's generator) a deterministic batch of
intake dicts {"id", "date", "answers"}, parsed with json.loads as a program receiving JSON would
have them, then times, best of --repeat runs each:

  - screen_many(intakes): dict conversion, parallel screening (GIL released) and one Decision
    object per intake, with the default jobs (one thread per core), and with jobs=1;
  - screen_by_hand: bench/policy20.yaml written by hand in Python, with the same three-valued
    logic as bench/hand_written_policy.cpp (a missing answer is unknown, never "no"), returning
    the verdict, the fired and undecided rules with their until dates, and the unanswered
    questions.

Issue 12 adds, in the same run and on one core (jobs=1):

  - JSON Lines parse + screen: screen_jsonl(bytes) and screen_file(path) (read, parsed and
    screened in C++, results kept compactly) against json.loads of every line plus
    screen_by_hand (the target: at least 5x);
  - screen_many(dicts, jobs=1) against screen_by_hand on the same dicts (at least 2x).

Before timing it checks that both agree on every intake. See bench/README.md for results.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/python_bench.py [--intakes 1000000]
"""

import argparse
import datetime
import gc
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import contrascreen

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

# ---- the policy by hand ---------------------------------------------------------------
# Kleene logic: True, False or None (unknown), with the questions whose absence made it
# unknown. A condition that is False contributes nothing; None refers and names them.

ANTICOAGULANTS = frozenset(["warfarin", "apixaban", "rivaroxaban", "edoxaban", "dabigatran", "heparin", "enoxaparin",
                            "dalteparin", "tinzaparin", "fondaparinux"])
ORAL_RETINOIDS = frozenset(["isotretinoin", "acitretin", "alitretinoin"])
RULES = ["pregnancy", "breastfeeding", "keloid", "herpes", "infection", "skin_cancer", "diabetes", "dermatitis",
         "psoriasis", "rosacea_active", "rosacea_mild", "acne_active", "sensitive_skin", "bleeding", "anticoagulants",
         "immunosuppression", "retinoids_current", "retinoid_washout", "interval", "minor"]
REFUSE, REFER = 2, 1
VERDICTS = ("allow", "refer", "refuse")


def any_of(a, b):
    """(value, missing) || (value, missing)."""
    if a[0] is True or b[0] is True:
        return True, ()
    if a[0] is False:
        return b
    if b[0] is False:
        return a
    return None, a[1] + b[1]


def all_of(a, b):
    """(value, missing) && (value, missing)."""
    if a[0] is False or b[0] is False:
        return False, ()
    if a[0] is True:
        return b
    if b[0] is True:
        return a
    return None, a[1] + b[1]


def answer(answers, question):
    """A bool question's answer, unknown when missing."""
    value = answers.get(question)
    return (value, ()) if value is not None else (None, (question,))


def equals(answers, question, *values):
    """An enum question's answer is one of `values`, unknown when missing."""
    value = answers.get(question)
    return (value in values, ()) if value is not None else (None, (question,))


def takes_any(answers, drugs):
    """any_in(medications, drugs): trimmed, case-folded exact names."""
    medications = answers.get("medications")
    if medications is None:
        return None, ("medications",)
    return any(item.strip(" \t").lower() in drugs for item in medications), ()


def days_in_month(year, month):
    """Days in a Gregorian month."""
    return 29 if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else \
        (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def add_months(day, n):
    """add_months(d, n): the day clamped to the end of the target month."""
    months = day.year * 12 + day.month - 1 + n
    year, month = divmod(months, 12)
    return datetime.date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def months_between(start, end):
    """months_since: the largest m with add_months(start, m) <= end."""
    months = (end.year * 12 + end.month) - (start.year * 12 + start.month)
    return months if min(start.day, days_in_month(end.year, end.month)) <= end.day else months - 1


def screen_by_hand(answers, today):
    """(verdict, ((rule, undecided, until), ...), unanswered sorted) for bench/policy20.yaml."""
    hits = []
    unanswered = set()
    verdict = 0

    def record(rule, condition, severity, until=None):
        """Adds a fired or undecided rule; a false condition contributes nothing."""
        nonlocal verdict
        value, missing = condition
        if value is False:
            return
        if value is None:
            hits.append((rule, True, None))
            unanswered.update(missing)
            verdict = max(verdict, REFER)
        else:
            hits.append((rule, False, until))
            verdict = max(verdict, severity)

    a = answers
    record("pregnancy", answer(a, "pregnant"), REFUSE)
    record("breastfeeding", answer(a, "breastfeeding"), REFUSE)
    record("keloid", answer(a, "keloid_history"), REFUSE)
    record("herpes", answer(a, "herpes_active"), REFUSE)
    record("infection", answer(a, "skin_infection_active"), REFUSE)
    record("skin_cancer", any_of(answer(a, "skin_cancer"), answer(a, "actinic_keratosis")), REFUSE)
    record("diabetes", equals(a, "diabetes", "poorly_controlled"), REFUSE)
    record("dermatitis", equals(a, "dermatitis", "severe"), REFUSE)
    record("psoriasis", answer(a, "psoriasis_in_area"), REFUSE)
    record("rosacea_active", equals(a, "rosacea", "active_papulopustular"), REFUSE)
    record("rosacea_mild", equals(a, "rosacea", "mild"), REFER)
    record("acne_active", equals(a, "acne", "active_mild", "active_inflammatory"), REFUSE)
    record("sensitive_skin", answer(a, "sensitive_skin"), REFER)
    record("bleeding", answer(a, "bleeding_disorder"), REFUSE)
    record("anticoagulants", any_of(answer(a, "anticoagulant_therapy"), takes_any(a, ANTICOAGULANTS)), REFUSE)
    record("immunosuppression",
           any_of(any_of(answer(a, "chemotherapy_current"), answer(a, "radiotherapy_current")),
                  answer(a, "corticosteroids_high_dose")), REFUSE)
    record("retinoids_current", any_of(equals(a, "oral_retinoids", "current"), takes_any(a, ORAL_RETINOIDS)), REFUSE)
    stopped = a.get("oral_retinoids_stopped_on")
    if stopped is None:
        recent, until = (None, ("oral_retinoids_stopped_on",)), None
    else:
        stopped = datetime.date.fromisoformat(stopped)
        recent, until = (months_between(stopped, today) < 6, ()), add_months(stopped, 6)
    record("retinoid_washout", all_of(equals(a, "oral_retinoids", "past"), recent), REFUSE, until)
    last = a.get("last_microneedling_date")
    if last is None:
        recent, until = (None, ("last_microneedling_date",)), None
    else:
        last = datetime.date.fromisoformat(last)
        recent, until = ((today - last).days < 28, ()), last + datetime.timedelta(days=28)
    record("interval", all_of(answer(a, "previous_microneedling"), recent), REFUSE, until)
    age = a.get("age")
    record("minor", (age < 18, ()) if age is not None else (None, ("age",)), REFER)
    return VERDICTS[verdict], tuple(hits), tuple(sorted(unanswered))


def hand_all(intakes):
    """screen_by_hand over a batch, each intake on its own date."""
    return [screen_by_hand(i["answers"], datetime.date.fromisoformat(i["date"])) for i in intakes]


def hand_jsonl(data):
    """The hand-written JSON Lines pipeline: json.loads of every line, then screen_by_hand."""
    out = []
    for line in data.splitlines():
        if line.strip():
            intake = json.loads(line)
            out.append(screen_by_hand(intake["answers"], datetime.date.fromisoformat(intake["date"])))
    return out


def outcome(decision):
    """The engine's decision in screen_by_hand's shape."""
    return (decision.decision, tuple((r.rule, r.undecided, r.until) for r in decision.reasons),
            tuple(decision.unanswered))


# ---- running --------------------------------------------------------------------------

def make_batch_path(given):
    """The make_batch program: --make-batch, else the first build*/bench/make_batch."""
    if given:
        return given
    for candidate in sorted(ROOT.glob("build*/bench/make_batch")):
        return str(candidate)
    sys.exit("python_bench: build/bench/make_batch not found (build the project, or pass --make-batch)")


def best_of(repeat, run):
    """The fastest of `repeat` runs, in seconds; results are dropped between runs, outside the timing."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        del result
    return best


def main():
    """Generates the batch, checks agreement, times both, prints the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--intakes", type=int, default=1_000_000, help="batch size (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each, best kept (default 3)")
    parser.add_argument("--make-batch", help="path of make_batch (default: build*/bench/make_batch)")
    parser.add_argument("--skip-check", action="store_true", help="do not check agreement first")
    parser.add_argument("--jsonl", help="also write the generated JSON Lines here (default: a temporary file)")
    args = parser.parse_args()

    rs = contrascreen.load(HERE / "policy20.yaml")
    assert [r.id for r in rs.rules] == RULES, "policy20.yaml and this file disagree on the rules"
    start = time.perf_counter()
    data = subprocess.run([make_batch_path(args.make_batch), "--count", str(args.intakes), "--format", "jsonl"],
                          check=True, capture_output=True).stdout
    intakes = [json.loads(line) for line in data.splitlines()]
    path = pathlib.Path(args.jsonl) if args.jsonl else pathlib.Path(tempfile.mkdtemp()) / "intakes.jsonl"
    path.write_bytes(data)
    print(f"{len(intakes):,} intake dicts from make_batch + json.loads in {time.perf_counter() - start:.1f} s; "
          f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; contrascreen {contrascreen.__version__}")

    if not args.skip_check:
        disagree = 0
        for decision, by_hand in zip(rs.screen_many(intakes), hand_all(intakes)):
            if outcome(decision) != by_hand:
                disagree += 1
                if disagree <= 3:
                    print("disagree:", decision.id, outcome(decision), by_hand)
        if disagree:
            sys.exit(f"python_bench: the engine and screen_by_hand disagree on {disagree} intakes")
        print(f"checked: screen_many and screen_by_hand agree on all {len(intakes):,} intakes")
        for name, results in (("screen_jsonl", rs.screen_jsonl(data)), ("screen_file", rs.screen_file(path))):
            if results.error_count or [outcome(d) for d in results] != hand_all(intakes):
                sys.exit(f"python_bench: {name} and screen_by_hand disagree")
        print(f"checked: screen_jsonl and screen_file agree with them")

    n = len(intakes)
    dicts = [
        ("screen_many (jobs: all cores)", lambda: rs.screen_many(intakes)),
        ("screen_many (jobs=1)", lambda: rs.screen_many(intakes, jobs=1)),
        ("screen_by_hand (plain Python)", lambda: hand_all(intakes)),
    ]
    jsonl = [
        ("screen_jsonl(bytes, jobs=1)", lambda: rs.screen_jsonl(data, jobs=1)),
        ("screen_file(path, jobs=1)", lambda: rs.screen_file(path, jobs=1)),
        ("json.loads + screen_by_hand", lambda: hand_jsonl(data)),
    ]
    # Interleaved rounds, best of each kept, so that both sides of a ratio see the same machine.
    times = {}
    for _ in range(args.repeat):
        for name, run in dicts + jsonl:
            times[name] = min(times.get(name, float("inf")), best_of(1, run))
    for title, runs, hand_name in (("intake dicts", dicts, "screen_by_hand (plain Python)"),
                                   ("JSON Lines bytes (parse + screen)", jsonl, "json.loads + screen_by_hand")):
        hand = times[hand_name]
        print(f"\n{title:32} {'intakes/s':>12} {'per intake':>12} {'vs by hand':>11}")
        for name, _ in runs:
            seconds = times[name]
            print(f"{name:32} {n / seconds:12,.0f} {seconds / n * 1e9:9,.0f} ns {hand / seconds:10.1f}x")
    if not args.jsonl:
        path.unlink()
        path.parent.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
