// The JSON of a comparison (docs/interfaces.md, "contrascreen diff"): one record per changed
// intake, then one summary record. Written here once for the CLI and Python alike.
#include <string>

#include "contrascreen/decision_diff.hpp"
#include "util/json_writer.hpp"

namespace contrascreen {
namespace {

constexpr const char* outcome_names[] = {"allow", "refer", "refuse", "error"};

void append_date(std::string& out, const std::optional<Date>& date) {
  if (date)
    json::append_string(out, date->to_iso());
  else
    json::append_null(out);
}

void append_side(std::string& out, const DiffSide& side) {
  out += "{\"decision\":";
  if (side.decision)
    json::append_string(out, to_string(*side.decision));
  else
    json::append_null(out);
  if (!side.decision) {
    out += ",\"errors\":";
    json::append_string_array(out, side.error_codes);
    out.push_back('}');
    return;
  }
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < side.reasons.size(); ++i) {
    const DiffReason& reason = side.reasons[i];
    if (i != 0) out.push_back(',');
    out += "{\"rule\":";
    json::append_string(out, reason.rule);
    out += ",\"decision\":";
    json::append_string(out, to_string(reason.decision));
    out += ",\"status\":";
    json::append_string(out, reason.undecided ? "undecided" : "fired");
    out += ",\"until\":";
    append_date(out, reason.until);
    out.push_back('}');
  }
  out += "],\"until\":";
  append_date(out, side.until);
  out.push_back('}');
}

void append_ref(std::string& out, const RuleSetRef& ref) {
  out += "{\"id\":";
  json::append_string(out, ref.id);
  out += ",\"version\":";
  json::append_string(out, ref.version);
  out += ",\"sha256\":";
  json::append_string(out, ref.sha256);
  out.push_back('}');
}

}  // namespace

std::string to_json(const DecisionChange& change) {
  std::string out = "{\"id\":";
  json::append_optional_string(out, change.id);
  out += ",\"input\":";
  json::append_string(out, change.input);
  out += ",\"record\":" + std::to_string(change.record) + ",\"changed\":[";
  const char* separator = "";
  for (const auto& [bit, name] :
       {std::pair{diff_decision, "decision"}, std::pair{diff_reasons, "reasons"}, std::pair{diff_until, "until"}}) {
    if ((change.changed & bit) == 0) continue;
    out += separator;
    json::append_string(out, name);
    separator = ",";
  }
  out += "],\"before\":";
  append_side(out, change.before);
  out += ",\"after\":";
  append_side(out, change.after);
  out.push_back('}');
  return out;
}

std::string to_json(const DiffSummary& summary) {
  std::string out = "{\"summary\":{\"before\":";
  append_ref(out, summary.before);
  out += ",\"after\":";
  append_ref(out, summary.after);
  out += ",\"intakes\":" + std::to_string(summary.intakes) + ",\"changed\":" + std::to_string(summary.changed) +
         ",\"errors\":" + std::to_string(summary.errors) + ",\"matrix\":{";
  for (std::size_t b = 0; b < summary.matrix.size(); ++b) {
    if (b != 0) out.push_back(',');
    json::append_key(out, outcome_names[b]);
    out.push_back('{');
    for (std::size_t a = 0; a < summary.matrix[b].size(); ++a) {
      if (a != 0) out.push_back(',');
      json::append_key(out, outcome_names[a]);
      out += std::to_string(summary.matrix[b][a]);
    }
    out.push_back('}');
  }
  out += "},\"rules\":[";
  for (std::size_t i = 0; i < summary.rules.size(); ++i) {
    if (i != 0) out.push_back(',');
    out += "{\"rule\":";
    json::append_string(out, summary.rules[i].rule);
    out += ",\"newly\":" + std::to_string(summary.rules[i].newly) +
           ",\"stopped\":" + std::to_string(summary.rules[i].stopped) + "}";
  }
  out += "]}}";
  return out;
}

}  // namespace contrascreen
