#!/usr/bin/env python3
"""Review a policy change: which intakes of a batch the new policy decides differently.

Prints both policies (id, version, sha256), the intakes decided differently with the rules
behind both decisions, the transition matrix (rows: before, columns: after) and the rules that
newly fire or stop firing, and exits 1 when something changed, 0 when nothing did, as
`contrascreen diff` does (it is the same comparison: contrascreen.diff). With --log, it also
checks a decision log written by `contrascreen screen --log` (contrascreen.verify_log).

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/policy_change.py \\
        rules/common/microneedling.yaml rules/clinics/clinic-nl/microneedling.yaml \\
        examples/batches/intakes.jsonl --date 2026-11-21
"""

import argparse
import sys

import contrascreen

OUTCOMES = ("allow", "refer", "refuse", "error")


def rules_of(side):
    if side["decision"] is None:
        return "unreadable: " + ", ".join(side["errors"])
    return ", ".join(r["rule"] + ("?" if r["status"] == "undecided" else "") for r in side["reasons"]) or "-"


def report(result, out):
    for name, ref in (("old", result.before), ("new", result.after)):
        print(f"{name}: {ref['id']} {ref['version']} (sha256 {ref['sha256'][:12]})", file=out)
    print(f"\n{result.changed} of {result.intakes} intakes decided differently", file=out)
    for change in result.changes:
        before, after = change["before"], change["after"]
        print(f"  {change['id']}: {before['decision'] or 'error'} -> {after['decision'] or 'error'}"
              f"  ({rules_of(before)} -> {rules_of(after)})", file=out)
    print("\nbefore \\ after " + "".join(f"{o:>8}" for o in OUTCOMES), file=out)
    for b in OUTCOMES:
        print(f"{b:<15}" + "".join(f"{result.matrix[b][a]:>8}" for a in OUTCOMES), file=out)
    towards_allow = result.matrix["refer"]["allow"] + result.matrix["refuse"]["allow"]
    if towards_allow:
        print(f"\n{towards_allow} intakes would now be allowed without the review they had: read them first.",
              file=out)
    if result.rules:
        print("\nrule                              newly  stopped", file=out)
        for rule in result.rules:
            print(f"{rule['rule']:<32}{rule['newly']:>7}{rule['stopped']:>9}", file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the policy in force (a rule set YAML file)")
    parser.add_argument("new", help="the proposed policy")
    parser.add_argument("intakes", help="a batch of intakes (.jsonl or .csv) or one intake (.json, .yaml)")
    parser.add_argument("--date", help="screening date YYYY-MM-DD for intakes without one (default: today)")
    parser.add_argument("--log", help="also check this decision log")
    args = parser.parse_args(argv)
    result = contrascreen.diff(args.old, args.new, args.intakes, date=args.date)
    report(result, sys.stdout)
    if args.log:
        check = contrascreen.verify_log(args.log)
        if check:
            print(f"\n{args.log}: intact, {check.entries} decisions, head {check.head}")
        else:
            problem = check.problems[0]
            print(f"\n{args.log}: NOT intact: {problem.code} at line {problem.line}: {problem.message}")
            return 65
    return 1 if result.changed else 0


if __name__ == "__main__":
    sys.exit(main())
