// The text format, for a person at a terminal: the decision on the first line, then one
// line per reason (most important first, as the rule set orders them), what is missing,
// the advice, and in dim the date and policy that decided. With an explanation, every
// rule follows with the value of its condition and the answers it read.
#include <string>

#include "io/decision_text.hpp"
#include "ruleset/decision_core.hpp"
#include "util/printable.hpp"

namespace contrascreen::io {
namespace {

constexpr std::string_view red = "\x1b[31m";
constexpr std::string_view yellow = "\x1b[33m";
constexpr std::string_view green = "\x1b[32m";
constexpr std::string_view dim = "\x1b[2m";
constexpr std::string_view reset = "\x1b[0m";

// Writes styled text when colours are on; plain text otherwise.
class Painter {
 public:
  Painter(std::string& out, bool color) : out_(out), color_(color) {}
  void styled(std::string_view style, std::string_view text) {
    if (color_) out_ += style;
    plain(text);
    if (color_) out_ += reset;
  }
  // Control characters (a line break in a YAML message, an escape sequence smuggled into
  // an intake id) would break the layout or drive the terminal, and bytes that are not UTF-8
  // would make the output unreadable: all text that is not the painter's own is escaped.
  void plain(std::string_view text) { util::append_printable(out_, text); }
  void raw(std::string_view text) { out_ += text; }
  void begin(std::string_view style) {
    if (color_) out_ += style;
  }
  void end() {
    if (color_) out_ += reset;
  }

 private:
  std::string& out_;
  bool color_;
};

std::string_view verdict_style(Verdict verdict) {
  switch (verdict) {
    case Verdict::refuse:
      return red;
    case Verdict::refer:
      return yellow;
    case Verdict::allow:
      return green;
  }
  return {};
}

// The decision word itself is bold as well.
std::string_view headline_style(Verdict verdict) {
  switch (verdict) {
    case Verdict::refuse:
      return "\x1b[1;31m";
    case Verdict::refer:
      return "\x1b[1;33m";
    case Verdict::allow:
      return "\x1b[1;32m";
  }
  return {};
}

std::string upper(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

// "refuse  " / "refer   " / "inform  ": a fixed-width column so that rule ids line up.
std::string column(std::string_view word, std::size_t width) {
  std::string s(word);
  s.resize(std::max(width, word.size() + 1), ' ');
  return s;
}

void header(Painter& p, const std::optional<std::string>& id) {
  if (id) {
    p.plain(*id);
    p.raw(": ");
  }
}

std::string join_ids(const std::vector<const std::string*>& ids) {
  std::string s;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i != 0) s += ", ";
    s += *ids[i];
  }
  return s;
}

// Why an undecided rule refers: the questions whose absence mattered and/or what failed.
std::string undecided_note(const detail::CompiledRuleSet& rs, const Screening& screening, const RuleHit& hit) {
  std::vector<const std::string*> ids;
  detail::missing_ids(rs, hit, ids);
  std::string note = "(undecided: ";
  if (!ids.empty()) note += join_ids(ids) + " unanswered";
  if (hit.failed) {
    if (!ids.empty()) note += "; ";
    note += screening.failure_message(hit);
  }
  if (ids.empty() && !hit.failed) note += "unknown";
  return note + ")";
}

std::string_view value_style(const RuleExplanation& rule) {
  if (rule.value == "true") {
    if (rule.action == RuleAction::refuse) return red;
    if (rule.action == RuleAction::refer) return yellow;
    return green;
  }
  if (rule.value == "false") return dim;
  return yellow;  // unknown or error: the rule refers
}

void append_explanation(Painter& p, const Explanation& explanation) {
  p.raw("  explanation:\n");
  for (const RuleExplanation& rule : explanation.rules) {
    p.raw("    ");
    p.styled(value_style(rule), column(rule.value, 9));
    p.raw(column(to_string(rule.action), 8));
    p.plain(rule.rule);
    p.raw(": ");
    p.plain(rule.condition);
    p.raw("\n");
    if (!rule.error.empty()) {
      p.raw("      ");
      p.styled(yellow, "error: ");
      p.plain(rule.error);
      p.raw("\n");
    }
    if (rule.answers.empty()) continue;
    p.raw("      ");
    p.begin(dim);
    for (std::size_t i = 0; i < rule.answers.size(); ++i) {
      if (i != 0) p.raw(", ");
      p.plain(rule.answers[i].question);
      p.raw(rule.answers[i].value == "unanswered" ? " " : " = ");
      p.plain(rule.answers[i].value);
    }
    p.end();
    p.raw("\n");
  }
}

}  // namespace

void append_text_decision(std::string& out, const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                          const OutputOptions& options) {
  const detail::CompiledRuleSet& rs = detail::compiled(ruleset);
  const std::size_t language = detail::language_index(rs, options.language);
  Painter p(out, options.color);

  header(p, intake.id());
  const Verdict verdict = screening.verdict();
  p.styled(headline_style(verdict), upper(to_string(verdict)));
  if (const auto until = detail::decision_until(rs, screening)) p.styled(dim, " until " + until->to_iso());
  p.raw("\n");

  for (const RuleHit& hit : screening.hits()) {
    const Verdict contributes = detail::reason_verdict(rs, hit);
    p.raw("  ");
    p.styled(verdict_style(contributes), column(to_string(contributes), 8));
    p.plain(rs.infos[hit.rule].id);
    if (hit.undecided) {
      p.raw(" ");
      p.styled(dim, undecided_note(rs, screening, hit));
    }
    p.raw(": ");
    p.plain(detail::rule_message(rs, hit.rule, language));
    if (hit.until) p.styled(dim, " (until " + hit.until->to_iso() + ")");
    p.raw("\n");
  }
  if (!screening.unanswered().empty()) {
    std::vector<const std::string*> ids;
    detail::unanswered_ids(rs, screening, ids);
    p.raw("  unanswered: ");
    p.plain(join_ids(ids));
    p.raw("\n");
  }
  for (const std::uint32_t r : screening.advice()) {
    p.raw("  advice: ");
    p.plain(detail::rule_message(rs, r, language));
    p.raw("\n");
  }
  p.raw("  ");
  p.styled(dim, "ruleset " + rs.id + " " + rs.version + ", date " + screening.date().to_iso());
  p.raw("\n");
  if (options.explanation != nullptr) append_explanation(p, *options.explanation);
}

void append_text_error(std::string& out, const std::optional<std::string>& id, const std::vector<Diagnostic>& errors,
                       const OutputOptions& options) {
  Painter p(out, options.color);
  header(p, id);
  p.styled(headline_style(Verdict::refuse), "ERROR");
  p.raw("\n");
  for (const Diagnostic& d : errors) {
    const std::string formatted = format_diagnostic(d);
    p.raw("  ");
    p.plain(std::string_view(formatted).substr(0, formatted.find('\n')));
    p.raw("\n");
  }
}

}  // namespace contrascreen::io
