#include "contrascreen/decision.hpp"

#include "io/json_writer.hpp"

namespace contrascreen {

const char* to_string(Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::allow:
      return "allow";
    case Verdict::refer:
      return "refer";
    case Verdict::refuse:
      return "refuse";
  }
  return "?";
}

std::optional<Verdict> parse_verdict(std::string_view text) noexcept {
  if (text == "allow") return Verdict::allow;
  if (text == "refer") return Verdict::refer;
  if (text == "refuse") return Verdict::refuse;
  return std::nullopt;
}

const char* to_string(RuleAction action) noexcept {
  switch (action) {
    case RuleAction::inform:
      return "inform";
    case RuleAction::refer:
      return "refer";
    case RuleAction::refuse:
      return "refuse";
  }
  return "?";
}

namespace {

void append_reason(std::string& out, const Reason& reason) {
  out += "{\"rule\":";
  json::append_string(out, reason.rule);
  out += ",\"decision\":";
  json::append_string(out, to_string(reason.decision));
  out += ",\"status\":";
  json::append_string(out, reason.undecided ? "undecided" : "fired");
  out += ",\"message\":";
  json::append_string(out, reason.message);
  out += ",\"questions\":";
  json::append_string_array(out, reason.questions);
  out += ",\"until\":";
  json::append_optional_date(out, reason.until);
  // Only evaluation failures carry an error; omitting it otherwise keeps records short.
  if (!reason.error.empty()) {
    out += ",\"error\":";
    json::append_string(out, reason.error);
  }
  out.push_back('}');
}

}  // namespace

std::string to_json(const Decision& decision) {
  std::string out;
  out.reserve(256);
  out += "{\"id\":";
  json::append_optional_string(out, decision.id);
  out += ",\"decision\":";
  json::append_string(out, to_string(decision.decision));
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < decision.reasons.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_reason(out, decision.reasons[i]);
  }
  out += "],\"unanswered\":";
  json::append_string_array(out, decision.unanswered);
  out += ",\"advice\":[";
  for (std::size_t i = 0; i < decision.advice.size(); ++i) {
    if (i != 0) out.push_back(',');
    json::append_string(out, decision.advice[i].message);
  }
  out += "],\"ruleset\":{\"id\":";
  json::append_string(out, decision.ruleset.id);
  out += ",\"version\":";
  json::append_string(out, decision.ruleset.version);
  out += ",\"sha256\":";
  json::append_string(out, decision.ruleset.sha256);
  out += "},\"date\":";
  json::append_date(out, decision.date);
  out += ",\"until\":";
  json::append_optional_date(out, decision.until);
  out += ",\"language\":";
  json::append_string(out, decision.language);
  out.push_back('}');
  return out;
}

}  // namespace contrascreen
