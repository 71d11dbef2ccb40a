#include "util/text_match.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "util/unicode_data.hpp"

namespace contrascreen::util {
namespace {

constexpr bool is_ascii_space(unsigned char c) noexcept {
  return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r: ASCII's White_Space
}

constexpr char ascii_fold(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// An ill-formed byte is carried through normalization as this plus its value: above U+10FFFF,
// it has no property, composes with nothing, and is written back as the byte it was.
constexpr char32_t raw_byte = 0x110000;

struct Decoded {
  char32_t code_point;
  std::size_t length;
};

// The code point at text[i] (i < text.size()), or the raw byte when the UTF-8 there is
// ill-formed (Unicode Table 3-7: no overlong forms, surrogates or values above U+10FFFF).
Decoded decode(std::string_view text, std::size_t i) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + i;
  const std::size_t left = text.size() - i;
  const unsigned char lead = p[0];
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t c = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    c = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    c = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {raw_byte + lead, 1};
  }
  if (left < length || p[1] < low || p[1] > high) return {raw_byte + lead, 1};
  for (std::size_t k = 1; k < length; ++k) {
    if ((p[k] & 0xC0) != 0x80) return {raw_byte + lead, 1};
    c = (c << 6) | (p[k] & 0x3Fu);
  }
  return {c, length};
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c >= raw_byte) {
    out.push_back(static_cast<char>(c - raw_byte));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Hangul syllables decompose and compose by arithmetic (Unicode 3.12).
constexpr char32_t hangul_s = 0xAC00, hangul_l = 0x1100, hangul_v = 0x1161, hangul_t = 0x11A7;
constexpr char32_t hangul_l_count = 19, hangul_v_count = 21, hangul_t_count = 28;
constexpr char32_t hangul_n_count = hangul_v_count * hangul_t_count;
constexpr char32_t hangul_s_count = hangul_l_count * hangul_n_count;

void append_decomposition(char32_t c, std::u32string& out) {
  if (c >= hangul_s && c < hangul_s + hangul_s_count) {
    const char32_t index = c - hangul_s;
    out.push_back(hangul_l + index / hangul_n_count);
    out.push_back(hangul_v + (index % hangul_n_count) / hangul_t_count);
    if (index % hangul_t_count != 0) out.push_back(hangul_t + index % hangul_t_count);
    return;
  }
  const std::u32string_view decomposed = unicode::canonical_decomposition(c);
  if (decomposed.empty()) {
    out.push_back(c);
  } else {
    out.append(decomposed);
  }
}

char32_t compose(char32_t first, char32_t second) noexcept {
  if (first >= hangul_l && first < hangul_l + hangul_l_count && second >= hangul_v &&
      second < hangul_v + hangul_v_count) {
    return hangul_s + ((first - hangul_l) * hangul_v_count + (second - hangul_v)) * hangul_t_count;
  }
  if (first >= hangul_s && first < hangul_s + hangul_s_count && (first - hangul_s) % hangul_t_count == 0 &&
      second > hangul_t && second < hangul_t + hangul_t_count) {
    return first + (second - hangul_t);
  }
  return unicode::compose_pair(first, second);
}

// The canonical ordering algorithm: each run of marks (class > 0) sorted by class, stably.
// Runs are short, so insertion sort.
void order_marks(std::u32string& text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    const char32_t c = text[i];
    const std::uint8_t cc = unicode::combining_class(c);
    if (cc == 0) continue;
    std::size_t j = i;
    while (j > 0) {
      const std::uint8_t before = unicode::combining_class(text[j - 1]);
      if (before <= cc) break;  // a starter (0) ends the run
      text[j] = text[j - 1];
      --j;
    }
    text[j] = c;
  }
}

// The canonical composition algorithm, in place: a character combines with the last starter
// unless a character between them has class 0 or a class >= its own (it is blocked).
void compose_all(std::u32string& text) {
  std::size_t written = 0;
  std::size_t starter = 0;
  bool have_starter = false;
  std::uint8_t last_class = 0;
  for (std::size_t read = 0; read < text.size(); ++read) {
    const char32_t c = text[read];
    const std::uint8_t cc = unicode::combining_class(c);
    if (have_starter && (written == starter + 1 || last_class < cc)) {
      if (const char32_t composite = compose(text[starter], c); composite != 0) {
        text[starter] = composite;
        continue;
      }
    }
    if (cc == 0) {
      starter = written;
      have_starter = true;
    }
    last_class = cc;
    text[written++] = c;
  }
  text.resize(written);
}

// The key of text already trimmed and known not to be ASCII: NFC(fold(NFD(text))). Folding
// comes after the canonical ordering of NFD, as in Unicode's canonical caseless match (3.13):
// U+0345, a mark, folds to ι, a starter, so folding first would make the key depend on where
// the mark was typed among the others.
void key_of_trimmed(std::string_view text, std::string& key) {
  thread_local std::u32string decomposed;
  thread_local std::u32string folded;
  decomposed.clear();
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    append_decomposition(d.code_point, decomposed);
    i += d.length;
  }
  order_marks(decomposed);
  folded.clear();
  for (const char32_t c : decomposed) {
    const std::u32string_view mapped = unicode::case_folding(c);
    if (mapped.empty()) {
      folded.push_back(c);
    } else {
      folded.append(mapped);
    }
  }
  order_marks(folded);
  compose_all(folded);
  key.clear();
  for (const char32_t c : folded) encode(c, key);
}

void ascii_key(std::string_view text, std::string& key) {
  key.resize(text.size());
  std::transform(text.begin(), text.end(), key.begin(), ascii_fold);
}

// ASCII `text` against a key, without building text's key.
bool equals_ascii_key(std::string_view text, std::string_view key) noexcept {
  if (text.size() != key.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (ascii_fold(text[i]) != key[i]) return false;
  return true;
}

}  // namespace

std::string_view trim_white_space(std::string_view text) noexcept {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end) {
    const auto byte = static_cast<unsigned char>(text[begin]);
    if (byte < 0x80) {
      if (!is_ascii_space(byte)) break;
      ++begin;
      continue;
    }
    const Decoded d = decode(text, begin);
    if (!unicode::is_white_space(d.code_point)) break;
    begin += d.length;
  }
  while (end > begin) {
    const auto byte = static_cast<unsigned char>(text[end - 1]);
    if (byte < 0x80) {
      if (!is_ascii_space(byte)) break;
      --end;
      continue;
    }
    // Back over the continuation bytes to the lead byte of the last character.
    std::size_t start = end - 1;
    while (start > begin && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const Decoded d = decode(text, start);
    if (start + d.length != end || !unicode::is_white_space(d.code_point)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

bool is_ascii(std::string_view text) noexcept {
  const char* p = text.data();
  std::size_t left = text.size();
  for (; left >= 8; p += 8, left -= 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p, sizeof chunk);
    if ((chunk & 0x8080808080808080u) != 0) return false;
  }
  for (; left > 0; ++p, --left)
    if ((static_cast<unsigned char>(*p) & 0x80) != 0) return false;
  return true;
}

void match_key(std::string_view text, std::string& key) {
  text = trim_white_space(text);
  if (is_ascii(text)) {
    ascii_key(text, key);
  } else {
    key_of_trimmed(text, key);
  }
}

std::string match_key(std::string_view text) {
  std::string key;
  match_key(text, key);
  return key;
}

bool matches_any_key(std::string_view text, std::span<const std::string> keys, std::size_t longest_key) {
  text = trim_white_space(text);
  if (is_ascii(text)) {
    if (text.size() > longest_key) return false;
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& key) { return equals_ascii_key(text, key); });
  }
  thread_local std::string key;
  key_of_trimmed(text, key);
  if (key.size() > longest_key) return false;
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool texts_match(std::string_view a, std::string_view b) {
  a = trim_white_space(a);
  b = trim_white_space(b);
  if (is_ascii(a) && is_ascii(b)) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (ascii_fold(a[i]) != ascii_fold(b[i])) return false;
    return true;
  }
  thread_local std::string key_a;
  thread_local std::string key_b;
  match_key(a, key_a);
  match_key(b, key_b);
  return key_a == key_b;
}

}  // namespace contrascreen::util
