// Appending JSON to a std::string, for the decision writers and the CLI. Output is
// compact (no spaces) so that every record is one line of JSON Lines; appending to
// one reused string lets a batch writer emit records without allocating per record.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"

namespace contrascreen::json {

/// True when one of the eight bytes of `chunk` is a control character, '"' or '\\'.
/// Exact as a whole (bytes of 0x80 and above, UTF-8, never match), though not as to which
/// byte matched, so append_string uses it only to skip plain stretches eight bytes a time.
inline bool chunk_needs_escape(std::uint64_t chunk) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t highs = 0x8080808080808080ULL;
  const auto has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  const std::uint64_t below_space = (chunk - ones * 0x20) & ~chunk & highs;
  return (below_space | has_zero_byte(chunk ^ (ones * '"')) | has_zero_byte(chunk ^ (ones * '\\'))) != 0;
}

/// Appends `text` as a JSON string: quotes, backslashes and control characters are
/// escaped (\n, \t, ... or \u00XX); everything else, UTF-8 included, is copied as is.
inline void append_string(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789abcdef";
  const char* data = text.data();
  const std::size_t size = text.size();
  out.push_back('"');
  std::size_t run = 0;  // start of the stretch not yet copied: plain text goes in one append
  std::size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, data + i, sizeof chunk);
      if (!chunk_needs_escape(chunk)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(data[i++]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(data + run, i - 1 - run);
    run = i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0x0f]);
    }
  }
  out.append(data + run, size - run);
  out.push_back('"');
}

/// Appends `"key":`. Keys are written by the program, but escaped all the same.
inline void append_key(std::string& out, std::string_view key) {
  append_string(out, key);
  out.push_back(':');
}

inline void append_null(std::string& out) {
  out += "null";
}

inline void append_bool(std::string& out, bool value) {
  out += value ? "true" : "false";
}

/// Appends the shortest text that reads back as `value`; null when it is not finite
/// (JSON has no NaN or infinity).
inline void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    append_null(out);
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

/// Appends "YYYY-MM-DD" (quoted) without allocating.
inline void append_date(std::string& out, Date date) {
  char buffer[12];
  buffer[0] = '"';
  date.write_iso(buffer + 1);
  buffer[11] = '"';
  out.append(buffer, sizeof buffer);
}

inline void append_optional_date(std::string& out, const std::optional<Date>& date) {
  if (date)
    append_date(out, *date);
  else
    append_null(out);
}

inline void append_optional_string(std::string& out, const std::optional<std::string>& text) {
  if (text)
    append_string(out, *text);
  else
    append_null(out);
}

/// Appends a JSON array of strings.
inline void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_string(out, items[i]);
  }
  out.push_back(']');
}

// ---- decision records -----------------------------------------------------------
// to_json(Decision) and the batch writer (which reads a Screening and the compiled rule
// set, never building a Decision) both write a decision through these pieces, so every
// key and separator exists once and the two outputs cannot drift apart.

/// One reason, as views: of a Reason for to_json, of the rule set's own strings for the
/// batch writer.
struct ReasonFields {
  std::string_view rule;
  Verdict decision = Verdict::refer;
  bool undecided = false;
  std::string_view message;
  std::span<const std::string> questions;
  std::optional<Date> until;
  std::string_view error;  ///< "" when evaluation did not fail
};

/// The part of a reason that depends only on the rule, the language and the status:
/// everything up to and including `"until":`. Rule sets render it once per rule.
inline void append_reason_head(std::string& out, const ReasonFields& reason) {
  out += "{\"rule\":";
  append_string(out, reason.rule);
  out += ",\"decision\":";
  append_string(out, to_string(reason.decision));
  out += ",\"status\":";
  append_string(out, reason.undecided ? "undecided" : "fired");
  out += ",\"message\":";
  append_string(out, reason.message);
  out += ",\"questions\":[";
  for (std::size_t i = 0; i < reason.questions.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_string(out, reason.questions[i]);
  }
  out += "],\"until\":";
}

inline void append_reason(std::string& out, const ReasonFields& reason) {
  append_reason_head(out, reason);
  append_optional_date(out, reason.until);
  // Only evaluation failures carry an error; omitting it otherwise keeps records short.
  if (!reason.error.empty()) {
    out += ",\"error\":";
    append_string(out, reason.error);
  }
  out.push_back('}');
}

/// Writes `{"id":...,"decision":...,"reasons":[`; the reasons follow, separated by ','.
inline void append_decision_head(std::string& out, const std::optional<std::string>& id, Verdict decision) {
  out += "{\"id\":";
  append_optional_string(out, id);
  out += ",\"decision\":";
  append_string(out, to_string(decision));
  out += ",\"reasons\":[";
}

/// Closes the reasons and opens the unanswered question ids (strings, separated by ',').
inline constexpr std::string_view decision_unanswered_open = "],\"unanswered\":[";
/// Closes the unanswered ids and opens the advice messages (strings, separated by ',').
inline constexpr std::string_view decision_advice_open = "],\"advice\":[";

/// Closes the advice and opens the "ruleset" member, whose value append_ruleset_identity
/// writes (or the batch writer's copy rendered once per rule set).
inline constexpr std::string_view decision_ruleset_open = "],\"ruleset\":";

/// The "ruleset" member's value: {"id","version","sha256"}.
inline void append_ruleset_identity(std::string& out, std::string_view id, std::string_view version,
                                    std::string_view sha256) {
  out += "{\"id\":";
  append_string(out, id);
  out += ",\"version\":";
  append_string(out, version);
  out += ",\"sha256\":";
  append_string(out, sha256);
  out.push_back('}');
}

/// Writes the members after "ruleset". The closing '}' is left to the caller so that the
/// batch writer can add "explain" before it.
inline void append_decision_tail(std::string& out, Date date, const std::optional<Date>& until,
                                 std::string_view language) {
  out += ",\"date\":";
  append_date(out, date);
  out += ",\"until\":";
  append_optional_date(out, until);
  out += ",\"language\":";
  append_string(out, language);
}

}  // namespace contrascreen::json
