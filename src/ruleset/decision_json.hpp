// The JSON shape of a decision (docs/interfaces.md), written once: to_json(Decision) and
// the batch writer (which reads a Screening and the compiled rule set, never building a
// Decision) both write a decision through these pieces, so every key and separator
// exists once and the two outputs cannot drift apart. The compiled rule set renders its
// per-rule pieces with them at load time.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "util/json_writer.hpp"

namespace contrascreen::json {

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
