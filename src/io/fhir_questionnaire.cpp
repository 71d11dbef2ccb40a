// A rule set's form as a FHIR R4 Questionnaire (fhir_questionnaire.hpp, docs/fhir.md). The
// questions and their order are form_questions' and the language form_language's: nothing
// here decides which questions a form asks or in what order.
#include "contrascreen/fhir_questionnaire.hpp"

#include <stdexcept>
#include <vector>

#include "contrascreen/form.hpp"
#include "util/json_writer.hpp"

namespace contrascreen {
namespace {

constexpr std::string_view translation_url = "http://hl7.org/fhir/StructureDefinition/translation";
constexpr std::string_view item_control_url = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";

bool is_ascii_letter(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) noexcept {
  return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

// Ids (rule set, catalogue) may hold `/`, which would read as a path step in a URL.
std::string url_segment(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (c == '/') c = '-';
  return out;
}

struct Writer {
  const RuleSet& rules;
  const FormLanguage words;
  const std::string& base_url;
  const std::string code_system_base;  // BASE/CodeSystem/CATALOGUE/
  std::string out;

  void key(std::string_view name) { json::append_key(out, name); }
  void string(std::string_view text) { json::append_string(out, text); }

  // `"name":"text"` and, when the catalogue has the text in other languages, `"_name"` with
  // one translation extension per language.
  void localized(std::string_view name, const LocalizedText& text) {
    key(name);
    string(words.text(text));
    bool first = true;
    for (const auto& [language, wording] : text.entries) {
      if (language == words.language) continue;
      if (first) {
        out += ",";
        key("_" + std::string(name));
        out += "{\"extension\":[";
      } else {
        out += ",";
      }
      first = false;
      out += "{\"url\":";
      string(translation_url);
      out += ",\"extension\":[{\"url\":\"lang\",\"valueCode\":";
      string(language);
      out += "},{\"url\":\"content\",\"valueString\":";
      string(wording);
      out += "}]}";
    }
    if (!first) out += "]}";
  }

  std::string code_system(const Question& q) const { return code_system_base + q.id; }

  // The coding of `value`, an answer to enum question `q`, without display.
  void coding_fields(const Question& q, std::string_view value) {
    key("system");
    string(code_system(q));
    out += ",";
    key("code");
    string(value);
  }

  void extension_number(std::string_view url, double value) {
    out += "{\"url\":";
    string(url);
    out += ",\"valueDecimal\":";
    json::append_number(out, value);
    out += "}";
  }

  void number_extensions(const Question& q) {
    if (!q.min && !q.max && q.unit.empty()) return;
    out += ",\"extension\":[";
    bool first = true;
    auto next = [&] {
      if (!first) out += ",";
      first = false;
    };
    if (q.min) {
      next();
      extension_number("http://hl7.org/fhir/StructureDefinition/minValue", *q.min);
    }
    if (q.max) {
      next();
      extension_number("http://hl7.org/fhir/StructureDefinition/maxValue", *q.max);
    }
    if (!q.unit.empty()) {
      next();
      out += "{\"url\":\"http://hl7.org/fhir/StructureDefinition/questionnaire-unit\",\"valueCoding\":{\"display\":";
      string(q.unit);
      out += "}}";
    }
    out += "]";
  }

  // enableWhen: the follow-up is asked after any of the answers to its parent that make it
  // relevant (Question::follows_when, catalogue spelling).
  void enable_when(const Question& q, const Question& parent) {
    out += ",\"enableWhen\":[";
    for (std::size_t i = 0; i < q.follows_when.size(); ++i) {
      if (i != 0) out += ",";
      out += "{\"question\":";
      string(parent.id);
      out += ",\"operator\":\"=\",";
      if (parent.type == QuestionType::boolean) {
        out += "\"answerBoolean\":";
        json::append_bool(out, q.follows_when[i] == "true");
      } else {
        out += "\"answerCoding\":{";
        coding_fields(parent, q.follows_when[i]);
        out += "}";
      }
      out += "}";
    }
    out += "]";
    if (q.follows_when.size() > 1) out += ",\"enableBehavior\":\"any\"";
  }

  void answer_options(const Question& q) {
    out += ",\"answerOption\":[";
    for (std::size_t i = 0; i < q.values.size(); ++i) {
      if (i != 0) out += ",";
      out += "{\"valueCoding\":{";
      coding_fields(q, q.values[i].value);
      out += ",";
      localized("display", q.values[i].label);
      out += "}}";
    }
    out += "]";
  }

  // The help text as a display item under the question, shown as its help (itemControl help).
  void help_item(const Question& q) {
    out += "{\"linkId\":";
    string(q.id + ".help");
    out += ",";
    localized("text", q.help);
    out += ",\"type\":\"display\",\"extension\":[{\"url\":";
    string(item_control_url);
    out += ",\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/questionnaire-item-control\","
           "\"code\":\"help\",\"display\":\"Help-Button\"}]}}]}";
  }

  static const char* item_type(QuestionType type) noexcept {
    switch (type) {
      case QuestionType::boolean:
        return "boolean";
      case QuestionType::number:
        return "decimal";
      case QuestionType::enumeration:
        return "choice";
      case QuestionType::list:
        return "string";
      case QuestionType::date:
        return "date";
    }
    return "string";
  }

  // The item of form[at] and, nested in it, the items of its follow-ups (the entries after
  // it that are deeper). Returns the index after the last one written.
  std::size_t item(const std::vector<FormQuestion>& form, std::size_t at) {
    const FormQuestion& entry = form[at];
    const Question& q = *entry.question;
    out += "{\"linkId\":";
    string(q.id);
    out += ",";
    localized("text", q.prompt);
    out += ",\"type\":";
    string(item_type(q.type));
    if (entry.parent != nullptr) enable_when(q, *entry.parent);
    if (q.type == QuestionType::list) out += ",\"repeats\":true";
    if (q.type == QuestionType::number) number_extensions(q);
    if (q.type == QuestionType::enumeration) answer_options(q);
    std::size_t next = at + 1;
    const bool has_children = !q.help.empty() || (next < form.size() && form[next].depth > entry.depth);
    if (has_children) {
      out += ",\"item\":[";
      bool first = true;
      if (!q.help.empty()) {
        help_item(q);
        first = false;
      }
      while (next < form.size() && form[next].depth > entry.depth) {
        if (!first) out += ",";
        first = false;
        next = item(form, next);
      }
      out += "]";
    }
    out += "}";
    return next;
  }

  void questionnaire() {
    out += "{\"resourceType\":\"Questionnaire\",";
    if (!words.language.empty()) {
      key("language");
      string(words.language);
      out += ",";
    }
    key("url");
    string(questionnaire_url(rules.id(), base_url));
    out += ",\"identifier\":[{\"system\":";
    string(fhir_ruleset_sha256_system);
    out += ",\"value\":";
    string(rules.sha256());
    out += "}],";
    key("version");
    string(rules.version());
    out += ",";
    key("name");
    string(questionnaire_name(rules.id()));
    out += ",";
    key("title");
    string("Intake form for " + rules.treatment() + ": policy " + rules.id() + " " + rules.version());
    out += ",\"status\":\"active\",\"subjectType\":[\"Patient\"]";
    const std::vector<FormQuestion> form = form_questions(rules, FormScope::with_parents);
    if (!form.empty()) {
      out += ",\"item\":[";
      for (std::size_t at = 0; at < form.size();) {
        if (at != 0) out += ",";
        at = item(form, at);
      }
      out += "]";
    }
    out += "}";
  }
};

// Indents compact JSON by two spaces per level, `"key": value`; an empty object or array
// stays `{}` / `[]`. Strings are copied as they are.
std::string indented(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  std::size_t depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out.push_back('\n');
    out.append(depth * 2, ' ');
  };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\') {
        out.push_back(compact[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out.push_back(c);
        break;
      case '{':
      case '[':
        out.push_back(c);
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out.push_back(compact[++i]);
        } else {
          ++depth;
          newline();
        }
        break;
      case '}':
      case ']':
        --depth;
        newline();
        out.push_back(c);
        break;
      case ',':
        out.push_back(c);
        newline();
        break;
      case ':':
        out += ": ";
        break;
      default:
        out.push_back(c);
    }
  }
  out.push_back('\n');
  return out;
}

}  // namespace

std::string questionnaire_base_url_problem(std::string_view base_url) {
  std::size_t scheme = 0;
  while (scheme < base_url.size() &&
         (is_ascii_alnum(base_url[scheme]) || base_url[scheme] == '+' || base_url[scheme] == '-' ||
          base_url[scheme] == '.'))
    ++scheme;
  if (scheme == 0 || !is_ascii_letter(base_url[0]) || scheme == base_url.size() || base_url[scheme] != ':' ||
      scheme + 1 == base_url.size())
    return "it must be an absolute URI, a scheme and what follows it (urn:example, https://example.org/fhir)";
  for (const char c : base_url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return "it must be printable ASCII without spaces";
    if (c == '?' || c == '#') return "it must have no query or fragment ('?', '#')";
  }
  if (base_url.back() == '/') return "it must not end in '/': the paths are appended with one";
  return "";
}

std::string questionnaire_url(std::string_view ruleset_id, std::string_view base_url) {
  std::string out(base_url);
  out += "/Questionnaire/";
  out += url_segment(ruleset_id);
  return out;
}

std::string questionnaire_name(std::string_view ruleset_id) {
  std::string name;
  bool word_start = true;
  for (const char c : ruleset_id) {
    if (!is_ascii_alnum(c)) {
      word_start = true;
      continue;
    }
    name.push_back(word_start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    word_start = false;
  }
  if (name.empty() || !is_ascii_letter(name.front())) name.insert(0, "Policy");
  if (name.size() > 255) name.resize(255);
  return name;
}

std::string to_fhir_questionnaire(const RuleSet& rules, const QuestionnaireOptions& options) {
  if (const std::string problem = questionnaire_base_url_problem(options.base_url); !problem.empty())
    throw std::invalid_argument("base URL '" + options.base_url + "': " + problem);
  Writer writer{rules, form_language(rules, options.language), options.base_url,
                options.base_url + "/CodeSystem/" + url_segment(rules.catalogue().id()) + "/", {}};
  writer.questionnaire();
  return indented(writer.out);
}

}  // namespace contrascreen
