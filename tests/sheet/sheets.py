#!/usr/bin/python3
"""The policy sheets of the shipped rule sets, in examples/sheets/: one HTML and one Markdown
sheet per rule set under rules/ that has rules, written by `contrascreen sheet` with
--date 2026-11-21 and, for a rule set that extends another rule set with rules, --base that
one (clinic-nl and clinic-en-b against common/microneedling). Each is in its rule set's default
language: clinic-sv's in Swedish, clinic-nl's in Dutch, the others in English.

  sheets.py --bin CONTRASCREEN check    the committed sheets are what the command writes now
  sheets.py --bin CONTRASCREEN update   rewrite them (then read the diff)
  sheets.py --bin CONTRASCREEN print --chromium CHROMIUM
      prints each HTML sheet to PDF with headless Chromium and checks that the PDF is
      non-empty and has at least the pages listed in examples/sheets/pages.txt

Runs from the repository root (--source), so the sheets name the files by relative path.
`check` also writes each sheet with SOURCE_DATE_EPOCH (noon of 2026-11-21) instead of --date:
the same document.
Standard library and python3-yaml only; prints "N passed, N failed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

DATE = "2026-11-21"
FORMATS = {"html": ".html", "markdown": ".md"}
# What a self-contained HTML sheet never holds: a script, a link to a resource, a fetched URL.
EXTERNAL = re.compile(rb"<script|<link|<iframe|<object|<embed|<img|\ssrc=|\shref=|url\(|@import", re.IGNORECASE)


def shipped(source):
    """(name, rules, base or None) for every rule set with rules under rules/, sorted."""
    out = []
    for path in sorted((source / "rules").rglob("*.yaml")):
        if path.name == "questions.yaml":
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not document.get("rules") and not document.get("overrides"):
            continue  # a library of value sets: no rules to sign
        base = None
        if "extends" in document:
            extended = (path.parent / document["extends"]).resolve()
            if yaml.safe_load(extended.read_text(encoding="utf-8")).get("rules"):
                base = extended.relative_to(source.resolve())
        relative = path.relative_to(source)
        name = str(relative.with_suffix("")).replace("rules/", "", 1).replace("clinics/", "", 1).replace("/", "-")
        out.append((name, relative, base))
    return out


# SOURCE_DATE_EPOCH of noon on DATE: without --date, the sheet must say DATE all the same.
EPOCH_OF_DATE = "1795262400"


def render(binary, source, rules, base, fmt, by_epoch=False):
    args = [binary, "sheet", "--rules", str(rules), "--format", fmt]
    args += [] if by_epoch else ["--date", DATE]
    if base is not None:
        args += ["--base", str(base)]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH_OF_DATE) if by_epoch else None
    done = subprocess.run(args, cwd=source, capture_output=True, timeout=120, env=env)
    if done.returncode != 0:
        raise RuntimeError("%s: exit %d\n%s" % (" ".join(args), done.returncode, done.stderr.decode()))
    return done.stdout


def pdf_pages(data):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def print_pdf(chromium, html):
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "sheet.pdf"
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--user-data-dir=" + str(Path(work) / "profile"), "--print-to-pdf=" + str(pdf), html.resolve().as_uri()],
            capture_output=True, timeout=120)
        if done.returncode != 0 or not pdf.exists():
            return None, "chromium exit %d: %s" % (done.returncode, done.stderr.decode("utf-8", "replace")[-500:])
        return pdf.read_bytes(), ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]))
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("mode", choices=["check", "update", "print"])
    options = parser.parse_args()
    source = Path(options.source)
    folder = source / "examples" / "sheets"
    passed = failed = 0
    if options.mode == "print":
        minimum = {}
        for line in (folder / "pages.txt").read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, pages = line.split()[:2]
                minimum[name] = int(pages)
    for name, rules, base in shipped(source):
        for fmt, suffix in FORMATS.items():
            target = folder / (name + suffix)
            if options.mode == "print":
                if fmt != "html":
                    continue
                pdf, why = print_pdf(options.chromium, target)
                pages = pdf_pages(pdf) if pdf else 0
                want = minimum.get(target.name)
                if pdf and len(pdf) > 1000 and want is not None and pages >= want:
                    passed += 1
                    print("ok   %s: %d bytes of PDF, %d pages (at least %d)" % (target.name, len(pdf), pages, want))
                else:
                    failed += 1
                    print("FAIL %s: %s%d pages, at least %s expected" % (target.name, why + "; " if why else "", pages,
                                                                         want if want is not None else "(not in pages.txt)"))
                continue
            document = render(options.bin, source, rules, base, fmt)
            if options.mode == "update":
                folder.mkdir(parents=True, exist_ok=True)
                target.write_bytes(document)
                print("wrote %s" % target.relative_to(source))
                passed += 1
            elif fmt == "html" and EXTERNAL.search(document):
                failed += 1
                print("FAIL %s: a script or an external resource: %r" % (target.name, EXTERNAL.search(document)[0]))
            elif target.exists() and target.read_bytes() == document:
                passed += 1
                print("ok   %s" % target.name)
                if render(options.bin, source, rules, base, fmt, by_epoch=True) != document:
                    failed += 1
                    print("FAIL %s: SOURCE_DATE_EPOCH=%s without --date gives another document" % (
                        target.name, EPOCH_OF_DATE))
            else:
                failed += 1
                print("FAIL %s is stale: regenerate with\n  /usr/bin/python3 tests/sheet/sheets.py --bin "
                      "build/cli/contrascreen update" % target.relative_to(source))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
