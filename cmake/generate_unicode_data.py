#!/usr/bin/env python3
"""Generates src/util/unicode_data.hpp's tables from the Unicode Character Database.

Run by CMake at build time (cmake/UnicodeData.cmake) on the files of Debian's `unicode-data`
package, so no generated table is checked in and the Unicode version is the one installed:

    generate_unicode_data.py --ucd /usr/share/unicode --out unicode_data.cpp
    generate_unicode_data.py --ucd /usr/share/unicode --normalization-test NormalizationTest.txt

It writes, as two-stage lookup tables (a code point's high bits pick a block, blocks that are
alike are stored once):
  - White_Space (PropList.txt);
  - the canonical combining class (UnicodeData.txt field 3);
  - for each code point, its full canonical decomposition (UnicodeData.txt field 5, applied
    recursively), and for each code point without one, its simple case folding (CaseFolding.txt
    statuses C and S) decomposed, folded and decomposed again until nothing changes;
  - the canonical composition pairs: two-code-point canonical decompositions whose composite is
    not Full_Composition_Exclusion (DerivedNormalizationProps.txt; CompositionExclusions.txt is
    checked to be part of it).
Hangul syllables are left to the algorithm of Unicode chapter 3.12 in the C++ code.

--normalization-test decompresses NormalizationTest.txt.bz2 for the conformance unit test
(tests/unit/text_match_test.cpp).
Only the standard library is used.
"""

import argparse
import bz2
import pathlib
import re
import sys

MAX_CODE_POINT = 0x10FFFF
BLOCK_SHIFT = 7
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3


def fail(message):
    sys.exit(f"generate_unicode_data.py: {message}")


def data_lines(path):
    """The fields of each non-comment line of a UCD file, stripped."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def code_points(field):
    """'0041' -> range(0x41, 0x42); '2000..200A' -> range(0x2000, 0x200B)."""
    first, _, last = field.partition("..")
    return range(int(first, 16), int(last or first, 16) + 1)


def file_version(path):
    with open(path, encoding="utf-8") as f:
        match = re.match(r"# \S+-(\d+\.\d+\.\d+)\.txt", f.readline())
    if not match:
        fail(f"{path}: no version on its first line")
    return match.group(1)


def read_ucd(ucd):
    combining_class = {}
    decomposition = {}
    for fields in data_lines(ucd / "UnicodeData.txt"):
        cp = int(fields[0], 16)
        if int(fields[3]):
            combining_class[cp] = int(fields[3])
        if fields[5] and not fields[5].startswith("<"):  # canonical, not compatibility
            decomposition[cp] = [int(x, 16) for x in fields[5].split()]

    folding = {}
    for fields in data_lines(ucd / "CaseFolding.txt"):
        if fields[1] in ("C", "S"):
            folding[int(fields[0], 16)] = int(fields[2], 16)

    white_space = set()
    for fields in data_lines(ucd / "PropList.txt"):
        if fields[1] == "White_Space":
            white_space.update(code_points(fields[0]))

    excluded = set()
    for fields in data_lines(ucd / "DerivedNormalizationProps.txt"):
        if fields[1] == "Full_Composition_Exclusion":
            excluded.update(code_points(fields[0]))
    for fields in data_lines(ucd / "CompositionExclusions.txt"):
        if not set(code_points(fields[0])) <= excluded:
            fail(f"CompositionExclusions.txt lists {fields[0]}, which is not Full_Composition_Exclusion")
    return combining_class, decomposition, folding, white_space, excluded


def mappings(decomposition, folding):
    """Two mappings, each {code point: sequence} for the code points that do not map to themselves:
    the full canonical decomposition, and for code points without one (what NFD leaves) the
    NFD of their simple case folding, repeated until nothing changes."""
    def full_decomposition(cp):
        if cp not in decomposition:
            return [cp]
        return [x for part in decomposition[cp] for x in full_decomposition(part)]

    decomposed = {cp: full_decomposition(cp) for cp in decomposition}

    folded = {}
    for cp in folding:
        if cp in decomposition:
            continue  # never seen: step 1 decomposed it
        sequence = [cp]
        while True:
            following = [y for x in sequence for y in full_decomposition(folding.get(x, x))]
            if following == sequence:
                break
            sequence = following
        if sequence != [cp]:
            folded[cp] = sequence
    # What folding gives is final: decomposed already and folding to itself. That makes a key
    # its own key.
    for cp, sequence in folded.items():
        for x in sequence:
            if x in decomposition or x in folded:
                fail(f"U+{cp:04X} folds to U+{x:04X}, which decomposes or folds further")
    return decomposed, folded


def two_stage(values, element_type, name):
    """C++ for a lookup of `values` (a list indexed by code point) as two stages."""
    block_size = 1 << BLOCK_SHIFT
    blocks, stage1 = [], []
    index_of = {}
    for start in range(0, len(values), block_size):
        block = tuple(values[start:start + block_size])
        if block not in index_of:
            index_of[block] = len(blocks)
            blocks.append(block)
        stage1.append(index_of[block])
    # The blocks after the last one with a value hold only the default, 0: stage 1 ends
    # there and the lookup answers 0 past its end.
    empty = index_of.get((0,) * block_size)
    while stage1 and stage1[-1] == empty:
        stage1.pop()
    stage1_type = "std::uint8_t" if len(blocks) <= 0x100 else "std::uint16_t"
    lines = [f"constexpr {stage1_type} {name}_stage1[{len(stage1)}] = {{"]
    lines += wrap(stage1)
    lines.append("};")
    lines.append(f"constexpr {element_type} {name}_stage2[{len(blocks)}][{block_size}] = {{")
    for block in blocks:
        lines.append("  {")
        lines += wrap(block, indent="    ")
        lines.append("  },")
    lines.append("};")
    lines.append(f"inline {element_type} {name}_of(char32_t c) noexcept {{")
    lines.append(f"  const char32_t block = c >> {BLOCK_SHIFT};")
    lines.append(f"  if (block >= {len(stage1)}) return 0;")
    lines.append(f"  return {name}_stage2[{name}_stage1[block]][c & {block_size - 1}];")
    lines.append("}")
    return lines


def wrap(numbers, indent="  ", per_line=16):
    numbers = list(numbers)
    return [indent + ", ".join(str(n) for n in numbers[i:i + per_line]) + ","
            for i in range(0, len(numbers), per_line)]


def generate(ucd, out):
    versions = {name: file_version(ucd / name) for name in
                ("CaseFolding.txt", "PropList.txt", "DerivedNormalizationProps.txt", "CompositionExclusions.txt")}
    if len(set(versions.values())) != 1:
        fail(f"the UCD files are of different Unicode versions: {versions}")
    version = next(iter(versions.values()))

    combining_class, decomposition, folding, white_space, excluded = read_ucd(ucd)
    decomposed, folded = mappings(decomposition, folding)
    if any(HANGUL_FIRST <= cp <= HANGUL_LAST for cp in set(decomposed) | set(folded)):
        fail("a Hangul syllable has a table entry; the C++ code decomposes them by algorithm")

    # One entry per code point: its decomposition and its folding, each a run of one pool in
    # which every distinct sequence is stored once. Entry 0 means "maps to itself" for both.
    pool, run_of = [], {}

    def run(sequence):
        if not sequence:
            return (0, 0)
        if sequence not in run_of:
            run_of[sequence] = (len(pool), len(sequence))
            pool.extend(sequence)
        return run_of[sequence]

    entries, entry_of = [(0, 0, 0, 0)], {}
    mapping_index = [0] * (MAX_CODE_POINT + 1)
    for cp in sorted(set(decomposed) | set(folded)):
        entry = run(tuple(decomposed.get(cp, ()))) + run(tuple(folded.get(cp, ())))
        if entry not in entry_of:
            entry_of[entry] = len(entries)
            entries.append(entry)
        mapping_index[cp] = entry_of[entry]
    if len(entries) > 0xFFFF or len(pool) > 0xFFFF:
        fail("the mappings outgrew 16-bit indexes")

    combining = [0] * (MAX_CODE_POINT + 1)
    for cp, value in combining_class.items():
        combining[cp] = value

    pairs = sorted(((parts[0] << 21) | parts[1], cp) for cp, parts in decomposition.items()
                   if len(parts) == 2 and cp not in excluded)

    spaces = sorted(white_space)
    ranges = []
    for cp in spaces:
        if ranges and ranges[-1][1] + 1 == cp:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])

    lines = [
        f"// Generated by cmake/generate_unicode_data.py from the Unicode {version} Character Database",
        f"// ({ucd}). Do not edit; the build regenerates it.",
        '#include "util/unicode_data.hpp"',
        "",
        "#include <algorithm>",
        "#include <cstdint>",
        "",
        "namespace contrascreen::util::unicode {",
        "namespace {",
        "",
        "struct Range {",
        "  char32_t first;",
        "  char32_t last;",
        "};",
        f"constexpr Range white_space_ranges[] = {{",
    ]
    lines += [f"  {{0x{a:04X}, 0x{b:04X}}}," for a, b in ranges]
    lines.append("};")
    lines.append("")
    lines += two_stage(combining, "std::uint8_t", "combining_class")
    lines.append("")
    lines += two_stage(mapping_index, "std::uint16_t", "mapping")
    lines.append("")
    lines.append("struct Entry {  // runs of mapping_pool")
    lines.append("  std::uint16_t decomposition_offset;")
    lines.append("  std::uint16_t decomposition_length;")
    lines.append("  std::uint16_t folding_offset;")
    lines.append("  std::uint16_t folding_length;")
    lines.append("};")
    lines.append(f"constexpr Entry mapping_entries[{len(entries)}] = {{")
    lines += ["  " + " ".join("{%d, %d, %d, %d}," % e for e in entries[i:i + 5]) for i in range(0, len(entries), 5)]
    lines.append("};")
    lines.append(f"constexpr char32_t mapping_pool[{len(pool)}] = {{")
    lines += wrap((f"0x{x:04X}" for x in pool), per_line=10)
    lines.append("};")
    lines.append("")
    lines.append("struct Pair {")
    lines.append("  std::uint64_t key;  // first << 21 | second")
    lines.append("  char32_t composite;")
    lines.append("};")
    lines.append(f"constexpr Pair composition_pairs[{len(pairs)}] = {{")
    lines += ["  " + " ".join(f"{{0x{k:X}, 0x{c:04X}}}," for k, c in pairs[i:i + 4]) for i in range(0, len(pairs), 4)]
    lines.append("};")
    lines.append("")
    lines.append("}  // namespace")
    lines.append("")
    lines.append(f'const char* const version = "{version}";')
    lines.append("")
    lines.append("bool is_white_space(char32_t c) noexcept {")
    lines.append("  for (const Range& r : white_space_ranges)")
    lines.append("    if (c <= r.last) return c >= r.first;")
    lines.append("  return false;")
    lines.append("}")
    lines.append("")
    lines.append("std::uint8_t combining_class(char32_t c) noexcept {")
    lines.append("  return combining_class_of(c);")
    lines.append("}")
    lines.append("")
    lines.append("std::u32string_view canonical_decomposition(char32_t c) noexcept {")
    lines.append("  const Entry& e = mapping_entries[mapping_of(c)];")
    lines.append("  return {mapping_pool + e.decomposition_offset, e.decomposition_length};")
    lines.append("}")
    lines.append("")
    lines.append("std::u32string_view case_folding(char32_t c) noexcept {")
    lines.append("  const Entry& e = mapping_entries[mapping_of(c)];")
    lines.append("  return {mapping_pool + e.folding_offset, e.folding_length};")
    lines.append("}")
    lines.append("")
    lines.append("char32_t compose_pair(char32_t first, char32_t second) noexcept {")
    lines.append("  const std::uint64_t key = std::uint64_t{first} << 21 | second;")
    lines.append("  const auto* it = std::lower_bound(std::begin(composition_pairs), std::end(composition_pairs), key,")
    lines.append("                                    [](const Pair& p, std::uint64_t k) { return p.key < k; });")
    lines.append("  return it != std::end(composition_pairs) && it->key == key ? it->composite : 0;")
    lines.append("}")
    lines.append("")
    lines.append("}  // namespace contrascreen::util::unicode")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ucd", type=pathlib.Path, required=True, help="the UCD folder (/usr/share/unicode)")
    parser.add_argument("--out", type=pathlib.Path, help="the C++ source to write")
    parser.add_argument("--normalization-test", type=pathlib.Path,
                        help="write NormalizationTest.txt, decompressed, here")
    args = parser.parse_args()
    if not args.out and not args.normalization_test:
        parser.error("nothing to do: give --out or --normalization-test")
    try:
        if args.out:
            generate(args.ucd, args.out)
        if args.normalization_test:
            data = bz2.decompress((args.ucd / "NormalizationTest.txt.bz2").read_bytes())
            args.normalization_test.write_bytes(data)
    except OSError as e:
        fail(f"{e} (is Debian's unicode-data package installed? scripts/install-deps.sh installs it)")


if __name__ == "__main__":
    main()
