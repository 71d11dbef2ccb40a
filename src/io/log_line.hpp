// The shape of a decision log line, shared by the writer (decision_log.cpp) and the checker
// (log_verify.cpp): `{"seq":N,...,"hash":"<sha256 of everything before ,"hash">"}`, and for
// a decision, `,"prev":"<the previous line's hash>"` just before the hash.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/sha256.hpp"

namespace contrascreen::io::log_line {

inline constexpr std::string_view seq_prefix = "{\"seq\":";
inline constexpr std::string_view header_tag = "\"log\":\"contrascreen-decision-log\"";
inline constexpr std::string_view hash_key = ",\"hash\":\"";
inline constexpr std::string_view prev_key = ",\"prev\":\"";
inline constexpr std::size_t hex_digits = 64;
inline constexpr std::size_t hash_suffix = hash_key.size() + hex_digits + 2;  // ,"hash":"<64>"}
inline constexpr std::size_t prev_suffix = prev_key.size() + hex_digits + 1;  // ,"prev":"<64>"

/// A line (without its line break) taken apart; views into it.
struct Parts {
  std::uint64_t seq = 0;
  std::string_view body;  ///< what the hash covers
  std::string_view hash;
  std::string_view prev;  ///< empty for the header
  bool header = false;
};

inline bool is_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return text.size() == hex_digits;
}

/// The parts of `line`, or nullopt when it is not in the shape of a log line.
inline std::optional<Parts> parse(std::string_view line) {
  if (line.size() < seq_prefix.size() + hash_suffix || !line.starts_with(seq_prefix) || !line.ends_with("\"}"))
    return std::nullopt;
  Parts parts;
  parts.body = line.substr(0, line.size() - hash_suffix);
  if (line.substr(parts.body.size(), hash_key.size()) != hash_key) return std::nullopt;
  parts.hash = line.substr(parts.body.size() + hash_key.size(), hex_digits);
  if (!is_hex(parts.hash)) return std::nullopt;
  const char* first = line.data() + seq_prefix.size();
  const char* last = parts.body.data() + parts.body.size();
  const auto [end, error] = std::from_chars(first, last, parts.seq);
  if (error != std::errc() || end == last || *end != ',') return std::nullopt;
  parts.header =
      parts.seq == 0 && std::string_view(end + 1, static_cast<std::size_t>(last - end - 1)).starts_with(header_tag);
  if (parts.header) return parts;
  if (parts.seq == 0 || parts.body.size() < prev_suffix) return std::nullopt;
  const std::string_view tail = parts.body.substr(parts.body.size() - prev_suffix);
  if (!tail.starts_with(prev_key) || tail.back() != '"') return std::nullopt;
  parts.prev = tail.substr(prev_key.size(), hex_digits);
  if (!is_hex(parts.prev)) return std::nullopt;
  return parts;
}

/// True when the line's hash is that of its body.
inline bool sealed(const Parts& parts) {
  return util::sha256_hex(parts.body) == parts.hash;
}

/// Closes `body` (a line up to its hash) with its hash and a line break; returns the hash.
inline std::string seal(std::string& body) {
  std::string hash = util::sha256_hex(body);
  body += hash_key;
  body += hash;
  body += "\"}\n";
  return hash;
}

}  // namespace contrascreen::io::log_line
