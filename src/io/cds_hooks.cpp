// A decision as a CDS Hooks 2.0 response (cds_hooks.hpp, docs/fhir.md). Written from a
// Decision, which RuleSet::decide derives from the screening through the decision core, so
// the verdicts, messages, `until` and the questions to ask are never worked out here.
#include "contrascreen/cds_hooks.hpp"

#include "util/json_writer.hpp"
#include "util/sha256.hpp"

namespace contrascreen {
namespace {

bool is_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Markdown would read `*`, `_`, brackets and the like in a message as markup.
void append_markdown_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
}

void append_code_list(std::string& out, const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out += i == 0 ? "`" : ", `";
    out += ids[i];  // question ids: [a-z][a-z0-9_]*, nothing to escape
    out.push_back('`');
  }
}

struct CardFields {
  std::string_view rule;
  std::string_view indicator;
  std::string_view message;
  const Reason* reason = nullptr;  // null for advice
};

std::string card_detail(const CardFields& card, const Decision& decision, const RuleSet& ruleset) {
  std::string detail;
  append_markdown_text(detail, card.message);
  detail += "\n\n- Rule: `";
  detail += card.rule;
  detail += "` (";
  if (card.reason == nullptr)
    detail += "advice";
  else
    detail += std::string(to_string(card.reason->decision)) + (card.reason->undecided ? ", undecided" : "");
  detail += ")";
  if (card.reason != nullptr) {
    const Reason& reason = *card.reason;
    if (!reason.questions.empty()) {
      detail += "\n- Questions read: ";
      append_code_list(detail, reason.questions);
    }
    if (reason.until) detail += "\n- Until: " + reason.until->to_iso();
    if (!reason.error.empty()) {
      detail += "\n- Evaluation error: ";
      append_markdown_text(detail, reason.error);
    }
    if (!reason.missing.empty()) {
      detail += "\n- Ask:";
      const Catalogue& catalogue = ruleset.catalogue();
      for (const std::string& id : reason.missing) {
        detail += "\n  - ";
        const Question* question = catalogue.find(id);
        if (question != nullptr) {
          append_markdown_text(detail, question->prompt.in(decision.language, catalogue.languages().front()));
          detail += " ";
        }
        detail += "(`" + id + "`)";
      }
    }
  }
  detail += "\n- Policy: " + decision.ruleset.id + " " + decision.ruleset.version + ", sha256 " +
            decision.ruleset.sha256 + "; screening date " + decision.date.to_iso();
  return detail;
}

void append_card(std::string& out, const CardFields& card, const Decision& decision, const RuleSet& ruleset) {
  out += "{\"uuid\":";
  json::append_string(out, cds_hooks_card_uuid(decision.ruleset.sha256, card.rule, decision.id));
  out += ",\"summary\":";
  json::append_string(out, cds_hooks_summary(card.message));
  out += ",\"indicator\":";
  json::append_string(out, card.indicator);
  out += ",\"detail\":";
  json::append_string(out, card_detail(card, decision, ruleset));
  out += ",\"source\":{\"label\":";
  json::append_string(out, decision.ruleset.id + " " + decision.ruleset.version);
  // The topic names the rule; its version is the digest of the exact policy content.
  out += ",\"topic\":{\"system\":\"urn:contrascreen:rule\",\"version\":";
  json::append_string(out, decision.ruleset.sha256);
  out += ",\"code\":";
  json::append_string(out, card.rule);
  out += "}}}";
}

}  // namespace

std::string cds_hooks_summary(std::string_view message) {
  std::string summary;
  summary.reserve(message.size());
  bool space = false;
  for (const char c : message) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !summary.empty();
      continue;
    }
    if (space) summary.push_back(' ');
    space = false;
    summary.push_back(c);
  }
  std::size_t points = 0;
  std::size_t cut = summary.size();  // byte offset after the last code point that fits with "…"
  for (std::size_t i = 0; i < summary.size(); ++i) {
    if (is_continuation(summary[i])) continue;
    if (points == cds_hooks_summary_limit - 1) cut = i;
    ++points;
  }
  if (points <= cds_hooks_summary_limit) return summary;
  // Cut at the last space within the limit, when there is one; else mid-word at a code point.
  const std::size_t space_at = summary.rfind(' ', cut);
  if (space_at != std::string::npos && space_at > 0) cut = space_at;
  summary.resize(cut);
  while (!summary.empty() &&
         (summary.back() == ' ' || summary.back() == ',' || summary.back() == ';' || summary.back() == ':'))
    summary.pop_back();
  summary += "\xE2\x80\xA6";  // …
  return summary;
}

std::string cds_hooks_card_uuid(std::string_view ruleset_sha256, std::string_view rule,
                                const std::optional<std::string>& id) {
  // The name: a fixed prefix, then the fields; rule ids hold no line break and the intake id
  // comes last, marked present or absent, so distinct triples never give the same name.
  util::Sha256 hasher;
  hasher.update("contrascreen CDS Hooks card\n");
  hasher.update(ruleset_sha256);
  hasher.update("\n");
  hasher.update(rule);
  hasher.update(id ? "\n1" : "\n0");
  if (id) hasher.update(*id);
  std::array<std::uint8_t, 32> digest = hasher.finish();
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0F) | 0x80);  // version 8
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3F) | 0x80);  // variant 10
  constexpr char hex[] = "0123456789abcdef";
  std::string uuid;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) uuid.push_back('-');
    uuid.push_back(hex[digest[i] >> 4]);
    uuid.push_back(hex[digest[i] & 0x0F]);
  }
  return uuid;
}

std::string to_cds_hooks(const Decision& decision, const RuleSet& ruleset) {
  std::string out = "{\"cards\":[";
  bool first = true;
  for (const Reason& reason : decision.reasons) {
    if (!first) out.push_back(',');
    first = false;
    append_card(out,
                {reason.rule, reason.decision == Verdict::refuse ? "critical" : "warning", reason.message, &reason},
                decision, ruleset);
  }
  for (const Advice& advice : decision.advice) {
    if (!first) out.push_back(',');
    first = false;
    append_card(out, {advice.rule, "info", advice.message, nullptr}, decision, ruleset);
  }
  out += "]}";
  return out;
}

}  // namespace contrascreen
