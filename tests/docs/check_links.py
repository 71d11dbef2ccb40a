#!/usr/bin/python3
"""Checks that the documentation stands on its own: its links lead somewhere in this repository.

For README.md, docs/*.md, bench/README.md and rules/README.md:
  - every relative Markdown link ([text](path), ![alt](path), [name]: path) names a file or
    folder that exists in the repository (not outside it, not an ignored build product);
  - every #anchor, alone or after a .md path, is a heading of that page (GitHub's anchors);
and for the repository as a whole:
  - README.md has at most 250 lines (the reference lives in docs/);
  - no file tracked by git points at the old shared specification outside the repository.

Links inside code blocks and code spans are examples, not links, and are not checked;
absolute URLs (https:, mailto:) are not fetched.

Usage: check_links.py [--source ROOT] [--self-test]
Prints one line per problem and "N files checked: M problems"; exits 1 when there is one.
--self-test runs the checks on a small made-up repository with known problems and fails
unless each is found. Standard library only: it runs under Debian's /usr/bin/python3.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

README_MAX_LINES = 250
# Built from parts so that this file does not itself contain what it looks for.
FORBIDDEN = ("../" + "shared", "shared" + "/spec")
PRUNED_FOLDERS = {".git", "__pycache__", ".cache"}

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)\s*=\s*\"([^\"]+)\"", re.I)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^\s)>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def documentation_pages(root):
    pages = [root / "README.md", root / "bench" / "README.md", root / "rules" / "README.md"]
    pages += sorted((root / "docs").glob("*.md"))
    return [page for page in pages if page.is_file()]


def prose_lines(text):
    """(line number, line) outside fenced code blocks, with code spans blanked out."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and set(line.strip()) == {fence[0]}:
                fence = None
            continue
        yield number, CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = text.replace("`", "").strip().lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "-_ " or category[0] in "LN" or category == "Mn":
            kept.append("-" if char == " " else char)
    return "".join(kept)


def anchors(text):
    """Every #anchor a page offers: its headings (repeated ones get -1, -2, ...) and <a id=...>."""
    found = set()
    seen = {}
    previous = None
    for number, line in prose_lines(text):
        heading = HEADING.match(line)
        title = heading.group(2) if heading else None
        if title is None and previous and previous.strip() and SETEXT_UNDERLINE.match(line):
            title = previous.strip()
        if title is not None:
            base = slug(title)
            count = seen.get(base, 0)
            seen[base] = count + 1
            found.add(base if count == 0 else "%s-%d" % (base, count))
        found.update(HTML_ANCHOR.findall(line))
        previous = line
    return found


def links(text):
    """(line number, target) of every link in the prose of a page."""
    for number, line in prose_lines(text):
        for match in INLINE_LINK.finditer(line):
            yield number, match.group(1)
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            yield number, definition.group(1)


def repository_files(root, use_git=True):
    """Paths (relative, '/'-separated) of the files git tracks or would track, or, without git,
    every file below the root outside build folders."""
    try:
        if not use_git:
            raise OSError("git not asked for")
        done = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                              capture_output=True, check=True)
        names = [name for name in done.stdout.decode("utf-8").split("\0") if name]
        return {name for name in names if (root / name).is_file()}
    except (OSError, subprocess.CalledProcessError):
        files = set()
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [s for s in subfolders if s not in PRUNED_FOLDERS and not s.startswith("build")]
            for name in names:
                files.add((Path(folder) / name).relative_to(root).as_posix())
        return files


def check(root, use_git=True):
    """Returns (pages checked, problems as 'file:line: message' strings)."""
    root = root.resolve()
    files = repository_files(root, use_git)
    folders = {"."} | {"/".join(name.split("/")[:i]) for name in files for i in range(1, name.count("/") + 1)}
    pages = documentation_pages(root)
    problems = []
    anchor_cache = {}

    def anchors_of(path):
        if path not in anchor_cache:
            anchor_cache[path] = anchors(path.read_text(encoding="utf-8"))
        return anchor_cache[path]

    for page in pages:
        name = page.relative_to(root).as_posix()
        text = page.read_text(encoding="utf-8")
        for number, target in links(text):
            where = "%s:%d" % (name, number)
            if not target or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
                continue  # an absolute URL (https:, mailto:)
            path_part, _, anchor = target.partition("#")
            if path_part:
                if path_part.startswith("/"):
                    problems.append("%s: link '%s' is absolute; link relative to the page" % (where, target))
                    continue
                resolved = Path(os.path.normpath(page.parent / path_part))
                try:
                    relative = resolved.relative_to(root).as_posix()
                except ValueError:
                    problems.append("%s: link '%s' leads outside the repository" % (where, target))
                    continue
                if relative not in files and relative not in folders:
                    problems.append("%s: link '%s': no such file in the repository (%s)" % (where, target, relative))
                    continue
            else:
                resolved = page
            if anchor:
                if resolved.suffix != ".md" or not resolved.is_file():
                    problems.append("%s: link '%s' has an anchor but does not lead to a Markdown page" % (where, target))
                elif anchor not in anchors_of(resolved):
                    problems.append("%s: link '%s': no heading '#%s' in %s" % (
                        where, target, anchor, resolved.relative_to(root).as_posix()))

    readme = root / "README.md"
    if readme.is_file():
        lines = len(readme.read_text(encoding="utf-8").splitlines())
        if lines > README_MAX_LINES:
            problems.append("README.md: %d lines; at most %d (move reference text into docs/)" % (lines, README_MAX_LINES))
    else:
        problems.append("README.md: missing")

    for name in sorted(files):
        try:
            data = (root / name).read_bytes()
        except OSError:
            continue
        for forbidden in FORBIDDEN:
            at = data.find(forbidden.encode())
            if at >= 0:
                line = data.count(b"\n", 0, at) + 1
                problems.append("%s:%d: points outside the repository ('%s'); point at docs/interfaces.md instead" % (
                    name, line, forbidden))
    return len(pages), problems


def self_test():
    """The checks find each kind of problem in a made-up repository, and pass a clean one."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "docs").mkdir()
        (root / "rules").mkdir()
        (root / "rules" / "README.md").write_text("# Rules\n\nBack to the [README](../README.md#usage).\n")
        (root / "docs" / "guide.md").write_text(
            "# The guide\n\n## Two words\n\nSee [usage](../README.md#usage), [this](#two-words), "
            "[the rules](../rules/README.md) and [docs](.).\n\n```\n[not a link](nowhere.md)\n```\n"
            "Code: `[not a link](nowhere.md)`.\n")
        (root / "README.md").write_text("# Project\n\n## Usage\n\n[Guide](docs/guide.md#the-guide), "
                                        "[site](https://example.org/x.md).\n")
        pages, problems = check(root, use_git=False)
        if problems or pages != 3:
            return ["a clean repository gave %d pages and problems %s" % (pages, problems)]

        broken = {
            "a missing file": ("docs/guide.md", "[gone](missing.md)\n", "no such file"),
            "a missing anchor": ("docs/guide.md", "[gone](../README.md#nowhere)\n", "no heading '#nowhere'"),
            "a missing anchor on the same page": ("rules/README.md", "[gone](#nowhere)\n", "no heading"),
            "a link outside the repository": ("README.md", "[out](../../elsewhere.md)\n", "outside the repository"),
            "a reference definition to a missing file": ("README.md", "[x]: docs/missing.md\n", "no such file"),
            "a pointer to the old shared specification": (
                "docs/guide.md", "See " + FORBIDDEN[1] + "/interfaces.md.\n", "points outside the repository"),
            "a README of too many lines": ("README.md", "line\n" * README_MAX_LINES, "at most"),
        }
        failures = []
        for what, (name, appended, expected) in broken.items():
            path = root / name
            original = path.read_text()
            path.write_text(original + appended)
            _, problems = check(root, use_git=False)
            path.write_text(original)
            if not any(expected in problem for problem in problems):
                failures.append("%s was not found (problems: %s)" % (what, problems))
        return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[2]), help="the repository root")
    parser.add_argument("--self-test", action="store_true", help="check that the checks find known problems")
    options = parser.parse_args()
    if options.self_test:
        failures = self_test()
        for failure in failures:
            print("FAIL self-test: " + failure)
        print("self-test: %s" % ("failed" if failures else "every kind of problem found"))
        return 1 if failures else 0
    pages, problems = check(Path(options.source))
    for problem in problems:
        print(problem)
    print("%d files checked: %d problems" % (pages, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
