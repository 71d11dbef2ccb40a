// The batch writers: a decision straight from a Screening and the compiled rule set, as
// JSON (byte for byte what to_json(decide(...)) gives) or as a CSV row. What the screening
// means comes from ruleset/decision_core.hpp; every string written is a view of the rule
// set's, the catalogue's, the intake's or the screening's own storage, so once `out` has
// grown a record costs no allocation (explanations excepted: they re-evaluate anyway).
#include <algorithm>
#include <string>

#include "contrascreen/cds_hooks.hpp"
#include "contrascreen/output.hpp"
#include "io/decision_text.hpp"
#include "ruleset/decision_core.hpp"
#include "ruleset/decision_json.hpp"
#include "util/printable.hpp"

namespace contrascreen {
namespace {

// Kept per thread: a batch writes from several threads, and each stops allocating once
// its buffer has grown to the most unanswered questions seen.
std::vector<const std::string*>& sorted_scratch() {
  thread_local std::vector<const std::string*> scratch;
  return scratch;
}

// ---- json --------------------------------------------------------------------------

void append_explain_json(std::string& out, const Explanation& explanation) {
  out += ",\"explain\":[";
  for (std::size_t i = 0; i < explanation.rules.size(); ++i) {
    const RuleExplanation& rule = explanation.rules[i];
    if (i != 0) out.push_back(',');
    out += "{\"rule\":";
    json::append_string(out, rule.rule);
    out += ",\"decision\":";
    json::append_string(out, to_string(rule.action));
    out += ",\"condition\":";
    json::append_string(out, rule.condition);
    out += ",\"value\":";
    json::append_string(out, rule.value);
    if (!rule.error.empty()) {
      out += ",\"error\":";
      json::append_string(out, rule.error);
    }
    out += ",\"answers\":{";
    for (std::size_t a = 0; a < rule.answers.size(); ++a) {
      const AnswerRead& answer = rule.answers[a];
      if (a != 0) out.push_back(',');
      json::append_key(out, answer.question);
      // The explanation says "unanswered" in words; JSON says it as null.
      if (answer.value == "unanswered")
        json::append_null(out);
      else
        json::append_string(out, answer.value);
    }
    out += "}}";
  }
  out.push_back(']');
}

void append_json_decision(std::string& out, const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                          const OutputOptions& options) {
  const detail::CompiledRuleSet& rs = detail::compiled(ruleset);
  const std::size_t language = detail::language_index(rs, options.language);
  json::append_decision_head(out, intake.id(), screening.verdict());
  bool first = true;
  for (const RuleHit& hit : screening.hits()) {
    if (!first) out.push_back(',');
    first = false;
    if (hit.failed) {  // rare: the head rendered at load time has no room for the error
      const RuleInfo& info = rs.infos[hit.rule];
      json::append_reason(out, {info.id, detail::reason_verdict(rs, hit), hit.undecided,
                                detail::rule_message(rs, hit.rule, language), info.questions, hit.until,
                                screening.failure_message(hit)});
      continue;
    }
    out += rs.reason_heads[rs.json_index(hit.rule, language, hit.undecided)];
    json::append_optional_date(out, hit.until);
    out.push_back('}');
  }
  out += json::decision_unanswered_open;
  auto& unanswered = sorted_scratch();
  detail::unanswered_ids(rs, screening, unanswered);
  for (std::size_t i = 0; i < unanswered.size(); ++i) {
    if (i != 0) out.push_back(',');
    json::append_string(out, *unanswered[i]);
  }
  out += json::decision_advice_open;
  for (std::size_t i = 0; i < screening.advice().size(); ++i) {
    if (i != 0) out.push_back(',');
    out += rs.message_json[screening.advice()[i] * rs.languages.size() + language];
  }
  out += json::decision_ruleset_open;
  out += rs.ruleset_json;
  json::append_decision_tail(out, screening.date(), detail::decision_until(rs, screening), rs.languages[language]);
  if (options.explanation != nullptr) append_explain_json(out, *options.explanation);
  out += "}\n";
}

void append_json_error(std::string& out, const std::optional<std::string>& id, const std::vector<Diagnostic>& errors) {
  out += "{\"id\":";
  json::append_optional_string(out, id);
  out += ",\"decision\":null,\"errors\":";
  append_diagnostics_json(out, errors);
  out += "}\n";
}

// ---- csv ---------------------------------------------------------------------------

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes
// doubled. The field is written first and quoted in place afterwards, so that joined
// fields (rule ids, question ids) need no temporary string.
void quote_field_from(std::string& out, std::size_t start, bool always = false) {
  bool needed = always;
  std::size_t quotes = 0;
  for (std::size_t i = start; i < out.size(); ++i) {
    const char c = out[i];
    quotes += c == '"' ? 1 : 0;
    needed |= c == ',' || c == '"' || c == '\r' || c == '\n';
  }
  if (!needed) return;
  const std::size_t old_end = out.size();
  out.resize(old_end + quotes + 2);
  // Shift right from the back; the write position never falls below the read position.
  std::size_t write = out.size();
  out[--write] = '"';
  for (std::size_t read = old_end; read-- > start;) {
    const char c = out[read];
    out[--write] = c;
    if (c == '"') out[--write] = '"';
  }
  out[--write] = '"';
}

// A field from an input (the intake's id): printable (util/printable.hpp) like all text for
// people, so that a record is one line of valid UTF-8 that cannot drive a terminal.
void append_csv_field(std::string& out, std::string_view text) {
  const std::size_t start = out.size();
  util::append_printable(out, text);
  quote_field_from(out, start);
}

void append_csv_date(std::string& out, const std::optional<Date>& date) {
  if (!date) return;
  char buffer[10];
  date->write_iso(buffer);
  out.append(buffer, sizeof buffer);
}

void append_csv_decision(std::string& out, const RuleSet& ruleset, const Intake& intake, const Screening& screening) {
  const detail::CompiledRuleSet& rs = detail::compiled(ruleset);
  if (intake.id()) append_csv_field(out, *intake.id());
  out.push_back(',');
  out += to_string(screening.verdict());
  out.push_back(',');
  std::size_t start = out.size();
  for (std::size_t i = 0; i < screening.hits().size(); ++i) {
    if (i != 0) out.push_back(';');
    out += rs.infos[screening.hits()[i].rule].id;
  }
  quote_field_from(out, start);
  out.push_back(',');
  start = out.size();
  auto& unanswered = sorted_scratch();
  detail::unanswered_ids(rs, screening, unanswered);
  for (std::size_t i = 0; i < unanswered.size(); ++i) {
    if (i != 0) out.push_back(';');
    out += *unanswered[i];
  }
  quote_field_from(out, start);
  out.push_back(',');
  append_csv_date(out, detail::decision_until(rs, screening));
  out.push_back(',');
  append_csv_date(out, screening.date());
  out.push_back(',');
  out += rs.sha256;  // hex digits: never quoted
  out += ",\n";      // the error column is empty for a decision
}

void append_csv_error(std::string& out, const std::optional<std::string>& id, const std::vector<Diagnostic>& errors) {
  if (id) append_csv_field(out, *id);
  out += ",error,,,,,,";
  const std::size_t start = out.size();
  out += error_summary(errors);
  // Always quoted: the column is prose, so a stable shape is friendlier to line tools.
  quote_field_from(out, start, true);
  out.push_back('\n');
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept {
  if (name == "text") return OutputFormat::text;
  if (name == "json" || name == "jsonl") return OutputFormat::json;
  if (name == "csv") return OutputFormat::csv;
  if (name == "cds-hooks") return OutputFormat::cds_hooks;
  return std::nullopt;
}

std::string error_summary(std::span<const Diagnostic> errors) {
  std::string out;
  if (errors.empty()) return out;
  const Diagnostic& d = errors.front();
  out += d.code;
  out += ": ";
  util::append_printable(out, d.message);
  if (d.where.line != 0) {
    out += " (line ";
    out += std::to_string(d.where.line);
    out.push_back(')');
  }
  return out;
}

void append_diagnostics_json(std::string& out, std::span<const Diagnostic> diagnostics) {
  out.push_back('[');
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    const Diagnostic& d = diagnostics[i];
    if (i != 0) out.push_back(',');
    out += "{\"code\":";
    json::append_string(out, d.code);
    out += ",\"message\":";
    json::append_string(out, d.message);
    // Unknown parts of a position are null rather than "" or 0, which could be misread
    // as a file name or a place.
    out += ",\"file\":";
    if (d.where.file.empty())
      json::append_null(out);
    else
      json::append_string(out, d.where.file);
    out += ",\"line\":";
    if (d.where.line == 0)
      json::append_null(out);
    else
      json::append_number(out, d.where.line);
    out += ",\"column\":";
    if (d.where.line == 0 || d.where.column == 0)
      json::append_null(out);
    else
      json::append_number(out, d.where.column);
    out.push_back('}');
  }
  out.push_back(']');
}

void append_ruleset_info_json(std::string& out, const RuleSet& ruleset) {
  out += "{\"id\":";
  json::append_string(out, ruleset.id());
  out += ",\"version\":";
  json::append_string(out, ruleset.version());
  out += ",\"treatment\":";
  json::append_string(out, ruleset.treatment());
  out += ",\"sha256\":";
  json::append_string(out, ruleset.sha256());
  out += ",\"languages\":";
  json::append_string_array(out, ruleset.languages());
  out.push_back('}');
}

std::string_view csv_header() noexcept {
  return "id,decision,rules,unanswered,until,date,ruleset_sha256,error\n";
}

void append_decision(std::string& out, OutputFormat format, const RuleSet& ruleset, const Intake& intake,
                     const Screening& screening, const OutputOptions& options) {
  switch (format) {
    case OutputFormat::json:
      append_json_decision(out, ruleset, intake, screening, options);
      return;
    case OutputFormat::csv:
      append_csv_decision(out, ruleset, intake, screening);
      return;
    case OutputFormat::text:
      io::append_text_decision(out, ruleset, intake, screening, options);
      return;
    case OutputFormat::cds_hooks:
      out += to_cds_hooks(ruleset.decide(intake, screening, options.language), ruleset);
      out.push_back('\n');
      return;
  }
}

void append_error_record(std::string& out, OutputFormat format, const std::optional<std::string>& id,
                         const std::vector<Diagnostic>& errors, const OutputOptions& options) {
  switch (format) {
    case OutputFormat::json:
    case OutputFormat::cds_hooks:
      append_json_error(out, id, errors);
      return;
    case OutputFormat::csv:
      append_csv_error(out, id, errors);
      return;
    case OutputFormat::text:
      io::append_text_error(out, id, errors, options);
      return;
  }
}

}  // namespace contrascreen
