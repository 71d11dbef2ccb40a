#!/usr/bin/env python3
"""The generated FHIR examples in examples/fhir/ are what the command line writes now.

- examples/fhir/cds-hooks/<name>.jsonl: for each QuestionnaireResponse file of examples/fhir
  (.json: one, or a Bundle; .ndjson), `contrascreen screen --rules
  rules/clinics/clinic-nl/microneedling.yaml --format cds-hooks FILE` must print exactly it
  (one response per record, JSON Lines) and exit with a decision status (0, 1 or 2), or 65
  when the file holds records that are errors.
- examples/fhir/questionnaires/<policy>.json: for each shipped policy (shipped.py),
  `contrascreen questionnaire --rules <policy> --format fhir` must write exactly it and exit 0;
  the folder holds no other file.

With --update the files are rewritten instead (and a questionnaire of no shipped policy removed).

Usage: check_examples.py --bin CONTRASCREEN --source ROOT [--update]
Standard library and python3-yaml: it runs under /usr/bin/python3.
"""

import argparse
import pathlib
import subprocess
import sys

from shipped import shipped

RULES = "rules/clinics/clinic-nl/microneedling.yaml"


def cds_hooks_outputs(binary, root, examples):
    """(expected file, output) per QuestionnaireResponse file, or None after printing why."""
    inputs = sorted(p for p in examples.iterdir() if p.suffix in (".json", ".ndjson"))
    if not inputs:
        print(f"no QuestionnaireResponses in {examples}")
        return None
    out = []
    for path in inputs:
        run = subprocess.run([binary, "screen", "--rules", RULES, "--format", "cds-hooks",
                              str(path.relative_to(root))], cwd=root, capture_output=True, text=True)
        if run.returncode not in (0, 1, 2, 65):
            print(f"{path.name}: exit status {run.returncode}\n{run.stderr}")
            return None
        out.append((examples / "cds-hooks" / (path.stem + ".jsonl"), run.stdout))
    return out


def questionnaire_outputs(binary, root, examples):
    """(expected file, output) per shipped policy, or None after printing why."""
    out = []
    for name, rules in shipped(root):
        run = subprocess.run([binary, "questionnaire", "--rules", str(rules), "--format", "fhir"], cwd=root,
                             capture_output=True, text=True)
        if run.returncode != 0 or run.stderr:
            print(f"{rules}: exit status {run.returncode}\n{run.stderr}")
            return None
        out.append((examples / "questionnaires" / (name + ".json"), run.stdout))
    if not out:
        print(f"no shipped policies under {root / 'rules'}")
        return None
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    root = pathlib.Path(args.source)
    examples = root / "examples" / "fhir"
    stale = []
    for outputs in (cds_hooks_outputs(args.bin, root, examples), questionnaire_outputs(args.bin, root, examples)):
        if outputs is None:
            return 1
        for expected, text in outputs:
            if args.update:
                expected.parent.mkdir(exist_ok=True)
                expected.write_text(text, encoding="utf-8")
            elif not expected.exists() or expected.read_text(encoding="utf-8") != text:
                stale.append(expected.relative_to(root))
        # A file no output names is left over from a removed policy or response.
        written = {expected for expected, _ in outputs}
        for left in sorted(set(outputs[0][0].parent.iterdir()) - written):
            if args.update:
                left.unlink()
            else:
                stale.append(left.relative_to(root))
    for path in stale:
        print(f"{path} is stale: run tests/fhir/check_examples.py --update")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
