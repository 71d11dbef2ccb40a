#!/usr/bin/env python3
"""The CDS Hooks responses in examples/fhir/cds-hooks/ are what the command line prints now.

For each QuestionnaireResponse file of examples/fhir (.json: one, or a Bundle; .ndjson),
`contrascreen screen --rules rules/clinics/clinic-nl/microneedling.yaml --format cds-hooks
FILE` must print exactly examples/fhir/cds-hooks/<name>.jsonl (one response per record,
JSON Lines) and exit with a decision status (0, 1 or 2), or 65 when the file holds records
that are errors. With --update the files are rewritten instead.

Usage: check_examples.py --bin CONTRASCREEN --source ROOT [--update]
Standard library only: it runs under /usr/bin/python3.
"""

import argparse
import pathlib
import subprocess
import sys

RULES = "rules/clinics/clinic-nl/microneedling.yaml"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    root = pathlib.Path(args.source)
    examples = root / "examples" / "fhir"
    inputs = sorted(p for p in examples.iterdir() if p.suffix in (".json", ".ndjson"))
    if not inputs:
        print(f"no QuestionnaireResponses in {examples}")
        return 1
    stale = []
    for path in inputs:
        run = subprocess.run([args.bin, "screen", "--rules", RULES, "--format", "cds-hooks",
                              str(path.relative_to(root))], cwd=root, capture_output=True, text=True)
        if run.returncode not in (0, 1, 2, 65):
            print(f"{path.name}: exit status {run.returncode}\n{run.stderr}")
            return 1
        expected = examples / "cds-hooks" / (path.stem + ".jsonl")
        if args.update:
            expected.parent.mkdir(exist_ok=True)
            expected.write_text(run.stdout, encoding="utf-8")
        elif not expected.exists() or expected.read_text(encoding="utf-8") != run.stdout:
            stale.append(expected.relative_to(root))
    for path in stale:
        print(f"{path} is stale: run tests/fhir/check_examples.py --update")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
