#!/usr/bin/python3
"""Screens intakes through contrascreen's C ABI from Python's ctypes: what any language with a
C foreign-function interface (C#, Java, Delphi, Go, Rust, ...) does to call the library.
No contrascreen Python package is needed, only libcontrascreen_c.so (docs/c-api.md).

    ctypes_screen.py [--library PATH/libcontrascreen_c.so] [--lang L] RULESET INTAKE.json...

Prints one line per intake, "INTAKE: decision (rules)", or the problems of an intake that
cannot be read, and exits as `contrascreen screen` does (0 allow, 1 refer, 2 refuse, 65 ...).
"""

import argparse
import ctypes
import ctypes.util
import json
import sys

CS_OK, CS_REFER, CS_REFUSE, CS_INVALID = 0, 1, 2, 65


def open_library(path):
    """The library with the signatures of contrascreen.h declared, so ctypes converts and checks."""
    lib = ctypes.CDLL(path)
    owned = ctypes.POINTER(ctypes.c_char)  # a buffer the library allocated: freed with cs_free
    lib.cs_version.restype = ctypes.c_char_p
    lib.cs_status_name.argtypes = [ctypes.c_int]
    lib.cs_status_name.restype = ctypes.c_char_p
    lib.cs_free.argtypes = [ctypes.c_void_p]
    lib.cs_free.restype = None
    lib.cs_ruleset_free.argtypes = [ctypes.c_void_p]
    lib.cs_ruleset_free.restype = None
    lib.cs_load_file.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                 ctypes.POINTER(owned)]
    lib.cs_load_file.restype = ctypes.c_int
    lib.cs_screen_json.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                   ctypes.POINTER(owned)]
    lib.cs_screen_json.restype = ctypes.c_int
    return lib


def take_text(lib, buffer):
    """The text of a buffer the library returned, which is then freed; None for NULL."""
    if not buffer:
        return None
    try:
        return ctypes.string_at(buffer).decode("utf-8")
    finally:
        lib.cs_free(buffer)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", default=ctypes.util.find_library("contrascreen_c"),
                        help="the shared library (default: the one the system's loader finds)")
    parser.add_argument("--lang", help="message language, one the rule set declares")
    parser.add_argument("ruleset")
    parser.add_argument("intakes", nargs="+")
    args = parser.parse_args()
    if args.library is None:
        parser.error("libcontrascreen_c.so not found: name it with --library")

    lib = open_library(args.library)
    print("contrascreen C ABI %s" % lib.cs_version().decode())

    rules = ctypes.c_void_p()
    diagnostics = ctypes.POINTER(ctypes.c_char)()
    status = lib.cs_load_file(args.ruleset.encode(), None, ctypes.byref(rules), ctypes.byref(diagnostics))
    problems = json.loads(take_text(lib, diagnostics))
    if status != CS_OK:
        for d in problems["errors"]:
            print("%s:%s: error[%s]: %s" % (d["file"], d["line"], d["code"], d["message"]), file=sys.stderr)
        return status

    options = json.dumps({"lang": args.lang} if args.lang else {}).encode()
    worst = CS_OK
    try:
        for path in args.intakes:
            with open(path, "rb") as f:
                intake = f.read()
            record = ctypes.POINTER(ctypes.c_char)()
            status = lib.cs_screen_json(rules, intake, len(intake), options, ctypes.byref(record))
            text = take_text(lib, record)
            if status in (CS_OK, CS_REFER, CS_REFUSE):
                decision = json.loads(text)
                rules_fired = ", ".join(reason["rule"] for reason in decision["reasons"])
                print("%s: %s (%s)" % (path, decision["decision"], rules_fired))
            elif status == CS_INVALID:
                for error in json.loads(text)["errors"]:
                    print("%s: cannot be screened: %s: %s" % (path, error["code"], error["message"]))
            else:
                print("%s: %s" % (path, lib.cs_status_name(status).decode()), file=sys.stderr)
            worst = max(worst, status)
    finally:
        lib.cs_ruleset_free(rules)
    return worst


if __name__ == "__main__":
    sys.exit(main())
