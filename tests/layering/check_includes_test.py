#!/usr/bin/python3
"""Proves that check_includes.py fails on each kind of violation it is meant to catch.

Each case copies the checked folders of the repository into a temporary directory, plants
one violation, runs the check on the copy and expects exit status 1 with the expected
message. The unchanged copy must pass first, so a failure is the plant's doing.

Usage: check_includes_test.py [--source ROOT]. Standard library only.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHECK = Path(__file__).resolve().with_name("check_includes.py")


def add_line(path, after, line):
    """Inserts `line` after the first line that starts with `after`."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith(after))
    lines.insert(index + 1, line + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def drop_line(path, line):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.remove(line + "\n")
    path.write_text("".join(lines), encoding="utf-8")


# (name, plant(root), text the check must print)
CASES = [
    ("yaml includes io",
     lambda root: add_line(root / "src/yaml/flow_depth.cpp", "#include", '#include "io/json_syntax.hpp"'),
     "src/yaml/flow_depth.cpp:2: io/json_syntax.hpp: layer yaml includes layer io"),
    ("core public header includes a ruleset one",
     lambda root: add_line(root / "include/contrascreen/date.hpp", "#include <", '#include "contrascreen/ruleset.hpp"'),
     "contrascreen/ruleset.hpp: layer core includes layer ruleset"),
    ("cli includes bindings",
     lambda root: add_line(root / "cli/main.cpp", "#include", '#include "../bindings/python/convert.hpp"'),
     "../bindings/python/convert.hpp: layer cli includes layer bindings"),
    ("umbrella misses a header", lambda root: drop_line(root / "include/contrascreen/contrascreen.hpp",
                                                       '#include "contrascreen/version.hpp"'),
     "the umbrella does not include contrascreen/version.hpp"),
    ("umbrella includes more", lambda root: add_line(root / "include/contrascreen/contrascreen.hpp", "#include",
                                                     "#include <vector>"),
     "the umbrella includes something other than a public header"),
    ("public function names a detail type",
     lambda root: add_line(root / "include/contrascreen/intake.hpp", "class Intake {", " public:\n"
                           "  const detail::AnswerSlot* first_slot() const noexcept { return slots_.data(); }"),
     "detail in Intake::first_slot: public declaration names a detail type"),
    ("yaml-cpp in a ruleset header", lambda root: add_line(root / "src/ruleset/model.hpp", "#include <",
                                                           "#include <yaml-cpp/yaml.h>"),
     "<yaml-cpp/yaml.h>: yaml-cpp in a header outside src/yaml/"),
    ("ruleset includes io",
     lambda root: add_line(root / "src/ruleset/compile.cpp", "#include", '#include "io/batch_reader.hpp"'),
     "io/batch_reader.hpp: layer ruleset includes layer io"),
    ("the C ABI includes cli",
     lambda root: add_line(root / "src/capi/contrascreen_c.cpp", "#include", '#include "../../cli/options.hpp"'),
     "../../cli/options.hpp: layer capi includes layer cli"),
    ("the library includes the C ABI's header",
     lambda root: add_line(root / "src/io/output.cpp", "#include", '#include "contrascreen/contrascreen.h"'),
     "contrascreen/contrascreen.h: layer io includes layer capi"),
]


def run(root):
    done = subprocess.run([sys.executable, str(CHECK), "--source", str(root)], capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]), help="the repository root")
    source = Path(parser.parse_args().source).resolve()
    failed = 0
    with tempfile.TemporaryDirectory() as temporary:
        pristine = Path(temporary) / "pristine"
        for top in ("src", "include", "cli", "bindings"):
            shutil.copytree(source / top, pristine / top, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        status, output = run(pristine)
        if status != 0:
            print("FAIL the unchanged sources do not pass, so no case can prove anything:\n" + output)
            return 1
        for index, (name, plant, expected) in enumerate(CASES):
            root = Path(temporary) / str(index)
            shutil.copytree(pristine, root)
            plant(root)
            status, output = run(root)
            if status == 1 and expected in output:
                print("ok   %s" % name)
            else:
                print("FAIL %s: expected exit status 1 and %r, got %d:\n%s" % (name, expected, status, output))
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
