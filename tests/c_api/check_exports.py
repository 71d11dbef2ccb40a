#!/usr/bin/python3
"""Checks libcontrascreen_c.so's dynamic interface: it defines exactly the functions that
contrascreen.h declares (nothing of the C++ library, yaml-cpp or the standard library leaks
out, so two copies in one process never clash), and it carries the expected SONAME.

Usage: check_exports.py --library LIB --soname NAME --header contrascreen.h
Exit status 1 with one line per problem. Standard library only (/usr/bin/python3); runs
binutils' nm and objdump.
"""

import argparse
import re
import subprocess
import sys


def declared_functions(header):
    """Names of the functions contrascreen.h declares: `... cs_name(`."""
    text = re.sub(r"/\*.*?\*/", "", open(header, encoding="utf-8").read(), flags=re.S)
    return set(re.findall(r"\b(cs_[a-z_0-9]+)\s*\(", text))


def exported_symbols(library):
    """(name, type) of every symbol the library defines in its dynamic symbol table."""
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True, capture_output=True, text=True).stdout
    symbols = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            symbols.append((parts[2], parts[1]))
    return symbols


def soname(library):
    out = subprocess.run(["objdump", "-p", library], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^\s*SONAME\s+(\S+)\s*$", out, flags=re.M)
    return match.group(1) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--soname", required=True)
    parser.add_argument("--header", required=True)
    args = parser.parse_args()

    problems = []
    declared = declared_functions(args.header)
    if not declared:
        problems.append("no cs_ function found in %s" % args.header)
    symbols = exported_symbols(args.library)
    exported = {name.split("@")[0] for name, _ in symbols}
    for name, kind in sorted(symbols):
        if not name.startswith("cs_"):
            problems.append("exports %s (%s), which is not part of the C ABI" % (name, kind))
        elif kind != "T":
            problems.append("exports %s as %s, not as a function (T)" % (name, kind))
    for name in sorted(exported - declared):
        if name.startswith("cs_"):
            problems.append("exports %s, which contrascreen.h does not declare" % name)
    for name in sorted(declared - exported):
        problems.append("contrascreen.h declares %s, which the library does not export" % name)
    found = soname(args.library)
    if found != args.soname:
        problems.append("SONAME is %s, expected %s" % (found, args.soname))

    for problem in problems:
        print("%s: %s" % (args.library, problem))
    if problems:
        return 1
    print("ok: %d functions exported (%s), SONAME %s" % (len(exported), ", ".join(sorted(exported)), found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
