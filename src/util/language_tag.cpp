#include "util/language_tag.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace contrascreen::util {
namespace {

bool is_alpha(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) noexcept {
  return is_alpha(c) || is_digit(c);
}
char lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

bool all_alpha(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), is_alpha);
}
bool all_digit(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), is_digit);
}
bool all_alnum(std::string_view s) noexcept {
  return std::all_of(s.begin(), s.end(), is_alnum);
}

// RFC 5646, section 2.1: tags from before RFC 4646 that do not fit the syntax, or whose
// subtags mean something else there.
constexpr std::array<std::string_view, 26> grandfathered{
    "en-GB-oed",   "i-ami",  "i-bnn",  "i-default", "i-enochian", "i-hak",     "i-klingon",  "i-lux",     "i-mingo",
    "i-navajo",    "i-pwn",  "i-tao",  "i-tay",     "i-tsu",      "sgn-BE-FR", "sgn-BE-NL",  "sgn-CH-DE", "art-lojban",
    "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu",  "zh-hakka",   "zh-min",    "zh-min-nan", "zh-xiang"};

// The tag's subtags, split at '-'; an empty subtag (a leading, trailing or doubled '-')
// or one longer than 8 characters makes the tag malformed.
struct Subtags {
  std::string_view rest;
  std::string_view current;
  bool malformed = false;

  explicit Subtags(std::string_view tag) : rest(tag) { next(); }
  bool done() const noexcept { return current.empty() && rest.empty() && !malformed; }
  void next() noexcept {
    if (rest.empty()) {
      current = {};
      return;
    }
    const std::size_t dash = rest.find('-');
    current = rest.substr(0, dash);
    rest = dash == std::string_view::npos ? std::string_view{} : rest.substr(dash + 1);
    if (dash != std::string_view::npos && rest.empty()) malformed = true;  // a trailing '-'
    if (current.empty() || current.size() > 8 || !all_alnum(current)) malformed = true;
  }
};

bool is_singleton(std::string_view s) noexcept {
  return s.size() == 1 && lower(s[0]) != 'x';
}
bool is_private_use_prefix(std::string_view s) noexcept {
  return s.size() == 1 && lower(s[0]) == 'x';
}

// "x" 1*("-" (1*8alphanum)), from the "x" on.
bool private_use(Subtags& s) noexcept {
  s.next();
  if (s.current.empty() || s.malformed) return false;
  while (!s.current.empty() && !s.malformed) s.next();
  return !s.malformed;
}

}  // namespace

std::string not_a_language_tag_message(std::string_view tag) {
  std::string message =
      "language '" + std::string(tag) + "' is not a BCP 47 language tag (such as en, en-GB, sr-Latn, es-419)";
  const std::string_view first = tag.substr(0, tag.find('-'));
  if (tag.find('_') != std::string_view::npos)
    message += "; subtags are separated by '-'";
  else if (first.size() > 3 && all_alpha(first))
    message += "; a language is 2 or 3 letters (ISO 639), such as en for English";
  return message;
}

bool same_language_tag(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool is_language_tag(std::string_view tag) {
  if (tag.empty()) return false;
  if (std::any_of(grandfathered.begin(), grandfathered.end(),
                  [&](std::string_view g) { return same_language_tag(g, tag); }))
    return true;
  Subtags s(tag);
  if (s.malformed) return false;
  if (is_private_use_prefix(s.current)) return private_use(s);

  // language: 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA; extlang: 3ALPHA *2("-" 3ALPHA).
  // Four letters are reserved, and no five-to-eight-letter language has ever been
  // registered, so those are taken for what they always are: a name ("english").
  if (!all_alpha(s.current) || s.current.size() < 2 || s.current.size() > 3) return false;
  s.next();
  for (int extlang = 0; extlang < 3 && s.current.size() == 3 && all_alpha(s.current) && !s.malformed; ++extlang)
    s.next();
  if (s.malformed) return false;
  // script: 4ALPHA
  if (s.current.size() == 4 && all_alpha(s.current)) s.next();
  // region: 2ALPHA / 3DIGIT
  if ((s.current.size() == 2 && all_alpha(s.current)) || (s.current.size() == 3 && all_digit(s.current))) s.next();
  if (s.malformed) return false;
  // variant: 5*8alphanum / (DIGIT 3alphanum), none twice
  std::vector<std::string_view> variants;
  while (!s.malformed && ((s.current.size() >= 5) || (s.current.size() == 4 && is_digit(s.current[0])))) {
    for (const std::string_view earlier : variants)
      if (same_language_tag(earlier, s.current)) return false;
    variants.push_back(s.current);
    s.next();
  }
  if (s.malformed) return false;
  // extension: singleton 1*("-" (2*8alphanum)), no singleton twice
  std::array<bool, 36> singletons{};
  while (is_singleton(s.current)) {
    const char c = lower(s.current[0]);
    const std::size_t index = is_digit(c) ? static_cast<std::size_t>(c - '0') : static_cast<std::size_t>(c - 'a' + 10);
    if (singletons[index]) return false;
    singletons[index] = true;
    s.next();
    if (s.malformed || s.current.size() < 2) return false;
    while (!s.malformed && s.current.size() >= 2) s.next();
    if (s.malformed) return false;
  }
  if (is_private_use_prefix(s.current)) return private_use(s);
  return s.done();
}

}  // namespace contrascreen::util
