#!/usr/bin/python3
"""Checks that contrascreen's sources include each other along its layers, lowest first:

    util <- yaml <- core <- expr <- ruleset <- io <- service <- (cli, bindings, capi)

(service is the HTTP server of `contrascreen serve`, a front end the CLI runs.) A file may
include its own layer and lower ones, never a higher one (cli, bindings and the C ABI in
src/capi/ are peers: none includes another). A file's layer is its folder (src/<layer>/,
cli/, bindings/); a public header include/contrascreen/X.hpp (or the C header
contrascreen.h) has the layer of the code that
implements it, from PUBLIC_HEADERS below. Any header of a lower layer may be included
(io may use ruleset/ and expr/ headers); what is kept out of reach of users is checked
on the public headers instead. Also checked:
  - the umbrella header contrascreen.hpp includes every public C++ header and nothing else
    (the C header contrascreen.h is the C ABI's, apart from the C++ API);
  - no public header makes a `detail::` type reachable: no free function, public member
    function, public data member, alias or base class names one in its signature
    (private members and friend declarations may);
  - yaml-cpp stays out of headers outside src/yaml/, and no public header includes a
    third-party library (yaml-cpp, Boost, simdjson, pybind11);

Usage: check_includes.py [--source ROOT]. Exit status 1 and one line per problem,
`file:line: ...`, when any is found. Standard library only: it runs under /usr/bin/python3.
"""

import argparse
import os
import re
import sys
from pathlib import Path

from public_declarations import declarations

# Known violations in files being rewritten on other branches; their owners empty this list.
# Key: (file, what). `what` is the include as written ("io/json_writer.hpp",
# "<yaml-cpp/yaml.h>") or, for a public declaration naming a detail type,
# "detail in <Class>::<name>". Value: why it is there today.

LAYERS = {"util": 0, "yaml": 1, "core": 2, "expr": 3, "ruleset": 4, "io": 5, "service": 6, "cli": 7, "bindings": 7, "capi": 7}

# Public header -> (layer, where it is implemented / why it sits there).
PUBLIC_HEADERS = {
    "diagnostic.hpp": ("util", "src/util/diagnostic.cpp: every layer reports Diagnostics, src/yaml included"),
    "diagnostic_codes.hpp": ("util", "header-only registry (diagnostic_codes.def) that every layer reports codes from"),
    "date.hpp": ("core", "src/core/date.cpp"),
    "version.hpp": ("core", "src/core/version.cpp"),
    "catalogue.hpp": ("core", "src/core/catalogue.cpp; its YAML loading is src/ruleset/catalogue_loader.cpp"),
    "intake.hpp": ("core", "src/core/intake.cpp"),
    "answer_acceptance.hpp": ("core", "what an answer may be, inline for the readers; its wording src/core/answer_acceptance.cpp"),
    "intake_diagnostics.hpp": ("core", "src/core/intake_diagnostics.cpp"),
    "answer_checks.hpp": ("core", "src/core/answer_checks.cpp: answers that rule each other out, dates ahead"),
    "decision.hpp": ("core", "value types every layer passes on; their meaning is src/ruleset/decision_core.cpp"),
    "screening.hpp": ("ruleset", "the compact result RuleSet::screen (src/ruleset/screening.cpp) fills"),
    "ruleset.hpp": ("ruleset", "src/ruleset/ruleset.cpp, screening.cpp"),
    "evaluate.hpp": ("ruleset", "src/ruleset/evaluate.cpp"),
    "explain.hpp": ("ruleset", "src/ruleset/explain.cpp"),
    "form.hpp": ("ruleset", "src/ruleset/form.cpp"),
    "ruleset_compare.hpp": ("ruleset", "src/ruleset/compare.cpp"),
    "ruleset_sources.hpp": ("ruleset", "src/ruleset/ruleset_sources.cpp: a rule set sent as its texts"),
    "ruleset_tests.hpp": ("ruleset", "src/ruleset/ruleset_tests.cpp"),
    "screening_pool.hpp": ("ruleset", "src/ruleset/screening_pool.cpp: the batch engine"),
    "screen_many.hpp": ("ruleset", "src/ruleset/screen_many.cpp"),
    "sheet.hpp": ("ruleset", "src/ruleset/sheet/: the policy sheet, phrasing and its HTML and Markdown renderers"),
    "intake_reader.hpp": ("io", "src/io/json_intake_reader.cpp, intake_file.cpp and the other readers"),
    "fhir_intake.hpp": ("io", "src/io/intake_fhir.cpp: FHIR R4 QuestionnaireResponses, Bundles and NDJSON"),
    "cds_hooks.hpp": ("io", "src/io/cds_hooks.cpp: a decision as a CDS Hooks 2.0 response"),
    "fhir_questionnaire.hpp": ("io", "src/io/fhir_questionnaire.cpp: a rule set's form as a FHIR R4 Questionnaire"),
    "output.hpp": ("io", "src/io/output.cpp, decision_text.cpp"),
    "batch.hpp": ("io", "src/io/batch.cpp, screen_input.cpp"),
    "batch_results.hpp": ("io", "src/io/batch_results.cpp: what screen_batch and screen_input keep in memory"),
    "decision_diff.hpp": ("io", "src/io/decision_diff.cpp, decision_diff_json.cpp: two rule sets over one batch"),
    "decision_log.hpp": ("io", "src/io/decision_log.cpp, log_verify.cpp: the hash-chained decision log"),
    "contrascreen.hpp": ("io", "the umbrella: it includes every header, so only cli and bindings may"),
    "contrascreen.h": ("capi", "the C ABI, src/capi/contrascreen_c.cpp (libcontrascreen_c.so); C99, no C++ types"),
}
UMBRELLA = "contrascreen.hpp"


THIRD_PARTY = re.compile(r"^(yaml-cpp|boost|simdjson|pybind11)\b")
SCANNED = ("src", "include", "cli", "bindings")
SUFFIXES = (".hpp", ".cpp", ".h", ".cc", ".hpp.in", ".cpp.in")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of_file(relative):
    """The layer of a repository-relative path, or None for a file outside the layers."""
    parts = relative.split("/")
    if parts[0] == "src" and len(parts) > 2 and parts[1] in LAYERS:
        return parts[1]
    if parts[0] == "include" and parts[1:2] == ["contrascreen"]:
        return PUBLIC_HEADERS.get(parts[-1], (None,))[0]
    if parts[0] in ("cli", "bindings"):
        return parts[0]
    return None


def layer_of_include(include, includer, root):
    """The layer a quoted include names, or None when it cannot be placed."""
    if include.startswith("contrascreen/"):
        name = include.split("/", 1)[1]
        if name.endswith(".def"):  # an X-macro list belongs to the header that includes it
            name = name[: -len(".def")] + ".hpp"
        return PUBLIC_HEADERS.get(name, (None,))[0]
    first = include.split("/", 1)[0]
    if "/" in include and first in LAYERS and first not in ("cli", "bindings"):
        return first  # src/<layer>/..., generated headers included
    relative = os.path.normpath(os.path.join(os.path.dirname(includer), include))
    if (root / relative).is_file():
        return layer_of_file(Path(relative).as_posix())
    return None


def source_files(root):
    for top in SCANNED:
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and path.name.endswith(SUFFIXES):
                yield path.relative_to(root).as_posix()


def include_problems(root):
    """(file, line, what, message) for every include against the rules."""
    for relative in source_files(root):
        layer = layer_of_file(relative)
        public = relative.startswith("include/")
        header = relative.endswith((".hpp", ".h", ".hpp.in"))
        lines = (root / relative).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            quoted, include = match.group(1) == '"', match.group(2)
            shown = include if quoted else "<%s>" % include
            if not quoted:
                if public and THIRD_PARTY.match(include):
                    yield relative, number, shown, "a public header includes a third-party library"
                elif header and include.startswith("yaml-cpp/") and not relative.startswith("src/yaml/"):
                    yield relative, number, shown, "yaml-cpp in a header outside src/yaml/ reaches every includer"
                continue
            target = layer_of_include(include, relative, root)
            if layer is None or target is None:
                yield relative, number, shown, "cannot place %s in a layer" % (relative if layer is None else shown)
            elif LAYERS[target] > LAYERS[layer] or (LAYERS[target] == LAYERS[layer] and target != layer):
                yield relative, number, shown, "layer %s includes layer %s" % (layer, target)


def public_header_problems(root):
    """Problems with the public header table, the umbrella and detail types in the API."""
    folder = root / "include" / "contrascreen"
    present = {path.name for path in folder.glob("*.hpp")} | {path.name for path in folder.glob("*.h")}
    for name in sorted(present - PUBLIC_HEADERS.keys()):
        yield "include/contrascreen/" + name, 1, name, "public header missing from PUBLIC_HEADERS"
    for name in sorted(PUBLIC_HEADERS.keys() - present):
        yield "include/contrascreen/" + name, 0, name, "PUBLIC_HEADERS names a header that does not exist"

    umbrella = "include/contrascreen/" + UMBRELLA
    included = set()
    for number, line in enumerate((root / umbrella).read_text(encoding="utf-8").splitlines(), 1):
        match = INCLUDE.match(line)
        if not match:
            continue
        name = match.group(2).split("contrascreen/", 1)[-1]
        if match.group(1) != '"' or not match.group(2).startswith("contrascreen/") or name not in present:
            yield umbrella, number, match.group(2), "the umbrella includes something other than a public header"
        included.add(name)
    for name in sorted(name for name in present - included - {UMBRELLA} if name.endswith(".hpp")):
        yield umbrella, 1, name, "the umbrella does not include contrascreen/" + name

    for name in sorted(present):
        relative = "include/contrascreen/" + name
        for declaration in declarations((folder / name).read_text(encoding="utf-8")):
            if re.search(r"\bdetail::", declaration.text):
                yield (relative, declaration.line, "detail in " + declaration.name,
                       "public declaration names a detail type: " + declaration.text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]), help="the repository root")
    root = Path(parser.parse_args().source).resolve()

    problems = list(include_problems(root)) + list(public_header_problems(root))
    failed = 0
    for file, line, what, message in problems:
        print("%s:%d: %s: %s" % (file, line, what, message))
        failed += 1
    if failed:
        print("FAIL: %d layering problem(s); layers, lowest first: util <- yaml <- core <- expr <- ruleset <- io "
              "<- (cli, bindings, capi)" % failed)
        return 1
    print("ok: %d files follow the layers" % len(list(source_files(root))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
