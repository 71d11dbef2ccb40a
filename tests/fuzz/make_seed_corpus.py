#!/usr/bin/env python3
"""Rebuilds the fuzz seed corpus (tests/fuzz/corpus/<target>/) from the shipped rules,
the examples and the test data, so that every target starts from inputs that reach deep
into the code. Run from anywhere; the output is committed. Names are the source of each
seed; a seed's content is what the target reads (batch targets: one control byte first,
see batch_support.hpp)."""
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"


def name_of(path: pathlib.Path) -> str:
    return str(path.relative_to(ROOT)).replace("/", "_")


def write(target: str, name: str, data: bytes) -> None:
    directory = OUT / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data)


def files(pattern: str):
    # Files only: tests/cli/data/screen/directory.jsonl is a directory (a golden case's input).
    return sorted(path for path in ROOT.glob(pattern) if path.is_file())


# Intakes of the wrong shape (intake.unknown_key, intake.missing_answers): a misspelt or
# extra key, answers given flat, no answers at all. The JSON fast path hands each to the
# full reader.
SHAPES_JSON = {
    "unknown-key-Date": '{"id": "S1", "Date": "2026-11-21", "answers": {"pregnant": false}}',
    "flat-answers": '{"id": "S2", "date": "2026-11-21", "pregnant": false, "age": 30}',
    "sender-key": '{"id": "S3", "answers": {"age": 30}, "clinic": "north"}',
    "missing-answers": '{"id": "S4", "date": "2026-11-21"}',
    "empty-object": "{}",
    "answers-null": '{"answers": null}',
    "empty-answers": '{"answers": {}}',
}
SHAPES_YAML = {
    "unknown-key-Date": "id: S1\nDate: 2026-11-21\nanswers:\n  pregnant: false\n",
    "flat-answers": "id: S2\ndate: 2026-11-21\npregnant: false\nage: 30\n",
    "missing-answers": "id: S4\ndate: 2026-11-21\n",
    "empty-mapping": "{}\n",
    "empty": "",
}


def eval_answers():
    """The --answers of the command-line tests of `contrascreen eval`."""
    found = []
    for path in files("tests/cli/cases/eval_*/args"):
        args = path.read_text(encoding="utf-8").splitlines()
        found += [(path.parent.name, args[i + 1]) for i, a in enumerate(args[:-1]) if a == "--answers"]
    return found


# A seed named by 40 hex digits (libFuzzer's SHA-1 name) was found by fuzzing and
# committed, not made here: rebuilding the corpus keeps it.
FOUND_BY_FUZZING = re.compile(r"[0-9a-f]{40}")


def remove_generated_seeds() -> None:
    for path in OUT.glob("*/*"):
        if path.is_file() and not FOUND_BY_FUZZING.fullmatch(path.name):
            path.unlink()


def main() -> None:
    if OUT.exists():
        remove_generated_seeds()

    # Expressions: every when/until of the shipped and test rule sets, and every
    # expression of the truth tables.
    expressions = set()
    for path in files("rules/**/*.yaml") + files("tests/data/**/*.yaml") + files("examples/policies/*.yaml"):
        for match in re.finditer(r"^\s*(?:when|until):\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M):
            text = match.group(1)
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
                text = text[1:-1]
            if text not in ("|", ">", "|-", ">-"):
                expressions.add(text)
    for path in files("tests/data/eval/*.cases"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.count(" | ") < 2:
                continue
            expressions.add(line.split(" | ")[1].strip())
    for text in sorted(expressions):
        data = text.encode("utf-8")
        write("expression", hashlib.sha1(data).hexdigest()[:16], data)

    # Rule sets: the shipped ones, the example, and the test rule sets (valid and broken).
    for path in (files("rules/**/*.yaml") + files("examples/policies/*.yaml") + files("tests/data/diagnostics/*.yaml")
                 + files("tests/data/rulesets/*.yaml") + files("tests/cli/data/**/*.yaml")):
        write("ruleset", name_of(path), path.read_bytes())

    # Single intakes.
    for path in files("examples/intakes/*.json") + files("tests/cli/data/**/*.json"):
        write("intake_json", name_of(path), path.read_bytes())
    for path in files("examples/intakes/*.yaml") + files("examples/intakes/*.yml"):
        write("intake_yaml", name_of(path), path.read_bytes())

    # Batches, each with a few choices of output format and --explain (the first byte).
    for target, pattern in (("intake_jsonl", "**/*.jsonl"), ("intake_csv", "**/*.csv")):
        for path in files("examples/batches/" + pattern) + files("tests/cli/data/" + pattern):
            for control in (0, 1, 2, 4):
                write(target, f"{name_of(path)}.{control}", bytes([control]) + path.read_bytes())
    # FHIR QuestionnaireResponses, Bundles and NDJSON.
    for path in files("examples/fhir/*.json") + files("examples/fhir/*.ndjson") + files("tests/cli/data/fhir/*"):
        write("intake_fhir", name_of(path), path.read_bytes())
    # Single JSON intakes are one-line JSON Lines batches too.
    for path in files("examples/intakes/*.json"):
        line = b" ".join(path.read_bytes().split())
        write("intake_jsonl", name_of(path) + ".line", b"\0" + line + b"\n")

    # The intake's shape: every kind of wrong shape, alone and as the lines of one batch.
    for name, text in SHAPES_JSON.items():
        write("intake_json", "shape-" + name + ".json", text.encode())
    for name, text in SHAPES_YAML.items():
        write("intake_yaml", "shape-" + name + ".yaml", text.encode())
    write("intake_jsonl", "shapes.jsonl.0", b"\0" + "\n".join(SHAPES_JSON.values()).encode() + b"\n")
    # Inputs without an intake (intake.empty).
    write("intake_jsonl", "empty.0", b"\0")
    write("intake_jsonl", "blank-lines.0", b"\0\n \n\t\n")
    header = files("examples/batches/*.csv")[0].read_bytes().split(b"\n")[0]
    write("intake_csv", "empty.0", b"\0")
    write("intake_csv", "header-only.0", b"\0" + header + b"\n")
    # A read failing at a cut in the batch (bit 8 of the first byte, then the cut in two
    # bytes; see batch_support.hpp): json and csv out, with --explain.
    for target, pattern in (("intake_jsonl", "*.jsonl"), ("intake_csv", "*.csv")):
        for path in files("examples/batches/" + pattern):
            for control, cut in ((9, 1000), (13, 2345), (9, 7001)):
                write(target, f"{name_of(path)}.fails-at-{cut}.{control}",
                      bytes([control]) + cut.to_bytes(2, "little") + path.read_bytes())

    # eval's --answers: the command-line tests', and the shapes (whole intakes as answers).
    for name, text in eval_answers():
        write("answers_json", name, text.encode())
    for name, text in SHAPES_JSON.items():
        write("answers_json", "shape-" + name, text.encode())
    for path in files("examples/intakes/*.json"):
        write("answers_json", name_of(path), path.read_bytes())


if __name__ == "__main__":
    main()
