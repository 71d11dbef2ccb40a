// Free text compared as a clinic expects: the one definition of when two texts "match", used by
// any_in and value sets (a drug name in a medication list against a rule set's value set).
//
// Two texts match when their match keys are equal. The key of a text is
//   1. the text without leading and trailing Unicode White_Space (NBSP, EM SPACE, NEL,
//      IDEOGRAPHIC SPACE, ... and the ASCII blanks; not ZERO WIDTH SPACE, which is no
//      White_Space);
//   2. with Unicode simple case folding (CaseFolding.txt C and S) for every script: "WARFARIN",
//      "ΣΊΣΥΦΟΣ", "ВАРФАРИН", KELVIN SIGN -> "k", U+1E9E -> "ß"; final sigma folds to σ;
//   3. in NFC, after folding the canonical decomposition: "e" + U+0301 matches "é", conjoining
//      jamo match the Hangul syllable they spell, composition exclusions are respected.
// That is NFC(fold(NFD(text))) (Unicode's canonical caseless match, with simple folding and
// NFC), so canonically equivalent texts always have the same key, and a key is its own key.
// Folding may change the byte length (KELVIN SIGN is 3 bytes, "k" one). The tables come from
// the Unicode Character Database at build time (unicode_data.hpp).
//
// Invalid UTF-8 is not rejected here (readers reject it before): each ill-formed byte stays as
// it is, blocks composition, and matches only the same byte.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

// Thread-safe. Functions that key non-ASCII text at run time use thread-local buffers, so they
// allocate only while those grow; ASCII text (the usual drug name) is compared in place.
namespace contrascreen::util {

/// `text` without leading and trailing Unicode White_Space code points. The view points into
/// `text`.
[[nodiscard]] std::string_view trim_white_space(std::string_view text) noexcept;

/// Whether every byte of `text` is ASCII (below 0x80).
[[nodiscard]] bool is_ascii(std::string_view text) noexcept;

/// Replaces `key` with the match key of `text` (see above), reusing its capacity.
void match_key(std::string_view text, std::string& key);

/// The match key of `text`. For preparing keys once, e.g. a value set's members when a rule
/// set compiles.
[[nodiscard]] std::string match_key(std::string_view text);

/// Whether match_key(text) is one of `keys`, each of which must be a match key, the longest
/// `longest_key` bytes long. ASCII text is compared in place without allocating.
[[nodiscard]] bool matches_any_key(std::string_view text, std::span<const std::string> keys, std::size_t longest_key);

/// Whether match_key(a) == match_key(b). Without allocating when both are ASCII.
[[nodiscard]] bool texts_match(std::string_view a, std::string_view b);

}  // namespace contrascreen::util
