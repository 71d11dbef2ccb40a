// Loading the question catalogue from YAML (rules/questions.yaml): Catalogue::load_file,
// Catalogue::load_string and the builder that checks every question. It lives with the
// rule-set loader, above core, because core knows nothing of YAML.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/catalogue.hpp"
#include "core/catalogue_index.hpp"
#include "util/diagnostic_builder.hpp"
#include "util/file.hpp"
#include "util/language_tag.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"
#include "yaml/human_text.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen {

namespace {

constexpr std::string_view type_names[] = {"bool", "number", "enum", "list", "date"};

// Ids and enum values end up in rule expressions and intake keys, so they are kept to
// one unambiguous spelling: lower-case ASCII, digits and underscores.
bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::optional<double> parse_double(std::string_view text) noexcept {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// The digest identifies content, not line endings: a catalogue checked out on Windows
// must lay out the same slots as the same file on Linux.
std::string without_carriage_returns(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) out.push_back(text[i]);
  return out;
}

}  // namespace

/// Fills a Catalogue from its YAML document, reporting every problem it finds.
class CatalogueBuilder {
 public:
  CatalogueBuilder(const SourceText& source, std::vector<Diagnostic>& out) : sink_(source, out) {}

  CatalogueLoadResult build() {
    const auto root = yaml::parse_document(sink_);
    if (root && yaml::expect_map(*root, codes::catalogue_wrong_kind, "the catalogue", sink_)) read_root(*root);
    CatalogueLoadResult result;
    if (!has_errors(sink_.out())) {
      catalogue_->sha256_ = util::sha256_hex(without_carriage_returns(sink_.source().text));
      catalogue_->source_name_ = sink_.source().name;
      catalogue_->source_text_ = sink_.source().text;
      catalogue_->by_id_ = detail::build_question_index(catalogue_->questions_);
      index_answer_checks();
      result.catalogue = std::move(catalogue_);
    }
    return result;
  }

 private:
  struct Span {
    std::uint32_t offset;
    std::uint32_t length;
  };
  // A `follows` as written, checked once every question is read.
  struct Follows {
    std::uint32_t question;
    std::uint32_t offset;  // of the followed question's id
    std::uint32_t length;
    std::vector<Span> values;  // of each listed value, as in Question::follows_when before ordering
    bool values_given = false;
  };

  void read_root(const YAML::Node& root) {
    yaml::check_keys(root, {"catalogue", "version", "languages", "questions"}, codes::catalogue_unknown_key, "catalogue",
                     sink_);
    catalogue_->id_ = required_name(root, "catalogue", "the catalogue");
    catalogue_->version_ = required_name(root, "version", "the catalogue");
    if (const auto languages = required(root, "languages", "the catalogue")) read_languages(*languages);
    if (const auto questions = required(root, "questions", "the catalogue")) read_questions(*questions);
  }

  std::optional<YAML::Node> required(const YAML::Node& map, const char* key, std::string_view what) {
    if (const YAML::Node node = map[key]) return node;
    sink_.error(codes::catalogue_missing_key, std::string(what) + " has no '" + key + "'", yaml::offset_of(map), 1);
    return std::nullopt;
  }

  std::string required_name(const YAML::Node& map, const char* key, std::string_view what) {
    const auto node = required(map, key, what);
    if (!node) return {};
    const auto text = yaml::expect_scalar(*node, codes::catalogue_wrong_kind, key, sink_);
    if (text && util::trim(*text).empty())
      sink_.error(codes::catalogue_invalid_value, std::string("'") + key + "' must not be empty", yaml::offset_of(*node), 1);
    return text.value_or("");
  }

  void read_languages(const YAML::Node& node) {
    if (!yaml::expect_sequence(node, codes::catalogue_wrong_kind, "'languages'", sink_)) return;
    if (node.size() == 0)
      sink_.error(codes::catalogue_invalid_value, "'languages' must name at least one language", yaml::offset_of(node), 1);
    for (const auto& item : node) {
      const auto language = yaml::expect_scalar(item, codes::catalogue_wrong_kind, "a language", sink_);
      if (!language) continue;
      auto& languages = catalogue_->languages_;
      const auto same = std::find_if(languages.begin(), languages.end(), [&](const std::string& earlier) {
        return util::same_language_tag(earlier, *language);
      });
      if (!util::is_language_tag(*language)) {
        sink_.error(codes::catalogue_invalid_language,
                    util::not_a_language_tag_message(*language),
                    yaml::offset_of(item), length(item));
      } else if (same != languages.end()) {
        sink_.error(codes::catalogue_duplicate_language,
                    "language '" + *language + "' is listed twice" +
                        (*same == *language ? "" : " ('" + *same + "' is the same tag)"),
                    yaml::offset_of(item), length(item));
      } else {
        languages.push_back(*language);
      }
    }
  }

  void read_questions(const YAML::Node& node) {
    if (!yaml::expect_sequence(node, codes::catalogue_wrong_kind, "'questions'", sink_)) return;
    for (const auto& item : node)
      if (yaml::expect_map(item, codes::catalogue_wrong_kind, "a question", sink_)) read_question(item);
    check_follows();
  }

  void read_question(const YAML::Node& node) {
    yaml::check_keys(node, {"id", "type", "prompt", "help", "values", "unit", "min", "max", "follows", "past"},
                     codes::catalogue_unknown_key, "question", sink_);
    type_known_ = false;
    Question q;
    q.index = static_cast<std::uint32_t>(catalogue_->questions_.size());
    if (const auto id = required(node, "id", "a question")) read_id(*id, q);
    const std::string what = q.id.empty() ? std::string("a question") : "question '" + q.id + "'";
    if (const auto type = required(node, "type", what)) read_type(*type, q);
    if (const auto prompt = required(node, "prompt", what)) q.prompt = read_text(*prompt, "the prompt of " + what);
    if (const YAML::Node help = node["help"]) q.help = read_text(help, "the help of " + what);

    const YAML::Node values = node["values"];
    if (q.type == QuestionType::enumeration && type_known_) {
      if (!values)
        sink_.error(codes::catalogue_missing_values, what + " is an enum but declares no values", yaml::offset_of(node), 1);
      else
        read_values(values, q, what);
    } else if (values && type_known_) {
      not_applicable(node, "values", what + " is not an enum");
    }
    for (const char* key : {"min", "max", "unit"}) {
      if (!node[key] || !type_known_ || q.type == QuestionType::number) continue;
      not_applicable(node, key, what + " is not a number question");
    }
    if (q.type == QuestionType::number && type_known_) read_range(node, q, what);
    if (const YAML::Node follows = node["follows"]) read_follows(follows, q);
    if (const YAML::Node past = node["past"]) read_past(node, past, q, what);
    catalogue_->questions_.push_back(std::move(q));
  }

  // `follows: id`, or `follows: {question: id, values: [...]}` naming the answers that make
  // the follow-up relevant. The values are checked against the followed question once every
  // question is read (check_follows).
  void read_follows(const YAML::Node& node, Question& q) {
    Follows f{q.index, yaml::offset_of(node), length(node), {}};
    if (node.IsMap()) {
      yaml::check_keys(node, {"question", "values"}, codes::catalogue_unknown_key, "'follows'", sink_);
      const auto target = required(node, "question", "'follows'");
      if (!target) return;
      const auto id = yaml::expect_scalar(*target, codes::catalogue_wrong_kind, "the question of 'follows'", sink_);
      if (!id) return;
      q.follows = *id;
      f.offset = yaml::offset_of(*target);
      f.length = length(*target);
      if (const YAML::Node values = node["values"]) {
        if (!yaml::expect_sequence(values, codes::catalogue_wrong_kind, "the values of 'follows'", sink_)) return;
        if (values.size() == 0)
          sink_.error(codes::catalogue_invalid_follows,
                      "'" + q.id + "' lists no answer of '" + q.follows + "' that makes it relevant",
                      yaml::offset_of(values), 1);
        for (const auto& item : values) {
          const auto value = yaml::expect_scalar(item, codes::catalogue_wrong_kind, "a value of 'follows'", sink_);
          if (!value) return;
          q.follows_when.push_back(*value);
          f.values.push_back({yaml::offset_of(item), length(item)});
        }
        f.values_given = true;
      }
    } else {
      const auto id = yaml::expect_scalar(node, codes::catalogue_wrong_kind, "'follows'", sink_);
      if (!id) return;
      q.follows = *id;
    }
    follows_.push_back(std::move(f));
  }

  void read_past(const YAML::Node& question, const YAML::Node& node, Question& q, const std::string& what) {
    const auto text = yaml::expect_scalar(node, codes::catalogue_wrong_kind, "'past'", sink_);
    if (!text) return;
    if (!yaml::is_plain(node) || (*text != "true" && *text != "false")) {
      sink_.error(codes::catalogue_invalid_value, "'past' of " + what + " must be true or false", yaml::offset_of(node),
                  length(node));
      return;
    }
    if (type_known_ && q.type != QuestionType::date) {
      not_applicable(question, "past", what + " is not a date question");
      return;
    }
    q.past = *text == "true";
  }

  void read_id(const YAML::Node& node, Question& q) {
    const auto id = yaml::expect_scalar(node, codes::catalogue_wrong_kind, "a question id", sink_);
    if (!id) return;
    q.id = *id;
    if (!is_identifier(*id)) {
      sink_.error(codes::catalogue_invalid_id,
                  "question id '" + *id + "' must be lower-case letters, digits and '_', starting with a letter",
                  yaml::offset_of(node), length(node));
      return;
    }
    const auto& questions = catalogue_->questions_;
    if (std::any_of(questions.begin(), questions.end(), [&](const Question& other) { return other.id == *id; }))
      sink_.error(codes::catalogue_duplicate_id, "question '" + *id + "' is declared twice", yaml::offset_of(node),
                  length(node));
  }

  void read_type(const YAML::Node& node, Question& q) {
    type_known_ = false;
    const auto name = yaml::expect_scalar(node, codes::catalogue_wrong_kind, "a question type", sink_);
    if (!name) return;
    for (std::size_t i = 0; i < std::size(type_names); ++i) {
      if (*name != type_names[i]) continue;
      q.type = static_cast<QuestionType>(i);
      type_known_ = true;
      return;
    }
    const auto suggestion =
        util::closest_match(*name, std::vector<std::string_view>(std::begin(type_names), std::end(type_names)));
    sink_.error(codes::catalogue_unknown_type,
                "unknown question type '" + *name + "'" + did_you_mean(suggestion.value_or("")) +
                    "; expected bool, number, enum, list or date",
                yaml::offset_of(node), length(node));
  }

  // Every declared language must have a text, so that a form in any of them is complete.
  LocalizedText read_text(const YAML::Node& node, const std::string& what) {
    LocalizedText text;
    if (!yaml::expect_map(node, codes::catalogue_wrong_kind, what, sink_)) return text;
    const auto& languages = catalogue_->languages_;
    for (const auto& entry : node) {
      const auto language = yaml::expect_scalar(entry.first, codes::catalogue_wrong_kind, "a language", sink_);
      const auto value = yaml::expect_scalar(entry.second, codes::catalogue_wrong_kind, what, sink_);
      if (!language || !value) continue;
      if (!languages.empty() && std::find(languages.begin(), languages.end(), *language) == languages.end()) {
        sink_.error(codes::catalogue_unknown_language,
                    what + " is given in '" + *language + "', which 'languages' does not declare" +
                        did_you_mean(util::closest_match(*language, languages).value_or("")),
                    yaml::offset_of(entry.first), length(entry.first));
        continue;
      }
      if (util::trim(*value).empty())
        sink_.error(codes::catalogue_empty_text, what + " in '" + *language + "' is empty", yaml::offset_of(entry.second),
                    1);
      yaml::check_human_text(entry.second, codes::catalogue_control_character, what + " in '" + *language + "'", sink_);
      text.entries.emplace_back(*language, *value);
    }
    for (const auto& language : languages)
      if (!text.has(language))
        sink_.error(codes::catalogue_missing_language, what + " has no '" + language + "' text", yaml::offset_of(node), 1);
    return text;
  }

  void read_values(const YAML::Node& node, Question& q, const std::string& what) {
    if (!yaml::expect_sequence(node, codes::catalogue_wrong_kind, "'values' of " + what, sink_)) return;
    if (node.size() == 0)
      sink_.error(codes::catalogue_missing_values, what + " is an enum but declares no values", yaml::offset_of(node), 1);
    for (const auto& item : node) {
      if (!yaml::expect_map(item, codes::catalogue_wrong_kind, "an enum value", sink_)) continue;
      yaml::check_keys(item, {"value", "label"}, codes::catalogue_unknown_key, "enum value", sink_);
      EnumValue value;
      if (const auto v = required(item, "value", "an enum value of " + what)) {
        const auto text = yaml::expect_scalar(*v, codes::catalogue_wrong_kind, "an enum value", sink_);
        if (text && !is_identifier(*text)) {
          sink_.error(codes::catalogue_invalid_value,
                      "enum value '" + *text + "' must be lower-case letters, digits and '_', starting with a letter",
                      yaml::offset_of(*v), length(*v));
        } else if (text && q.enum_index(*text)) {
          sink_.error(codes::catalogue_duplicate_value, what + " declares the value '" + *text + "' twice",
                      yaml::offset_of(*v), length(*v));
        }
        value.value = text.value_or("");
      }
      const std::string label_of = "the label of '" + value.value + "' in " + what;
      if (const auto label = required(item, "label", "an enum value of " + what))
        value.label = read_text(*label, label_of);
      q.values.push_back(std::move(value));
    }
  }

  void read_range(const YAML::Node& node, Question& q, const std::string& what) {
    for (auto [key, target] : {std::pair{"min", &q.min}, std::pair{"max", &q.max}}) {
      const YAML::Node bound = node[key];
      if (!bound) continue;
      const auto text = yaml::expect_scalar(bound, codes::catalogue_wrong_kind, key, sink_);
      if (!text) continue;
      *target = parse_double(*text);
      if (!*target || !yaml::is_plain(bound))
        sink_.error(codes::catalogue_invalid_number, std::string("'") + key + "' of " + what + " must be a finite number",
                    yaml::offset_of(bound), length(bound));
    }
    if (q.min && q.max && *q.min > *q.max)
      sink_.error(codes::catalogue_invalid_range, "'min' of " + what + " is greater than its 'max'",
                  yaml::offset_of(node["min"]), length(node["min"]));
    if (const YAML::Node unit = node["unit"]) {
      q.unit = yaml::expect_scalar(unit, codes::catalogue_wrong_kind, "'unit'", sink_).value_or("");
      yaml::check_human_text(unit, codes::catalogue_control_character, "the unit of " + what, sink_);
    }
  }

  void not_applicable(const YAML::Node& question, const char* key, const std::string& why) {
    for (const auto& entry : question) {
      if (!entry.first.IsScalar() || entry.first.Scalar() != key) continue;
      sink_.error(codes::catalogue_not_applicable, std::string("'") + key + "' does not apply: " + why,
                  yaml::offset_of(entry.first), static_cast<std::uint32_t>(std::char_traits<char>::length(key)));
    }
  }

  // `follows` may only point backwards, so a form can ask questions in catalogue order.
  void check_follows() {
    const auto& questions = catalogue_->questions_;
    for (const auto& f : follows_) {
      const Question& q = questions[f.question];
      const auto target = std::find_if(questions.begin(), questions.end(),
                                       [&](const Question& other) { return other.id == q.follows; });
      if (target == questions.end()) {
        std::vector<std::string_view> ids;
        for (const auto& other : questions) ids.emplace_back(other.id);
        sink_.error(codes::catalogue_invalid_follows,
                    "'" + q.id + "' follows '" + q.follows + "', which is not a question" +
                        did_you_mean(util::closest_match(q.follows, ids).value_or("")),
                    f.offset, f.length);
      } else if (target->index >= q.index) {
        sink_.error(codes::catalogue_invalid_follows,
                    "'" + q.id + "' follows '" + q.follows + "', which must be declared before it", f.offset, f.length);
      } else {
        check_follows_when(f, *target);
      }
    }
  }

  // Which answers of the followed question make the follow-up relevant: for a bool question
  // `true` unless listed, for an enum question always listed (no value is the obvious one).
  // Stored in the followed question's order, each once.
  void check_follows_when(const Follows& f, const Question& target) {
    Question& q = catalogue_->questions_[f.question];
    const std::string head = "'" + q.id + "' follows '" + target.id + "'";
    std::vector<std::string_view> allowed;
    if (target.type == QuestionType::boolean) {
      allowed = {"true", "false"};
      if (!f.values_given) q.follows_when = {"true"};
    } else if (target.type == QuestionType::enumeration) {
      for (const auto& v : target.values) allowed.emplace_back(v.value);
      if (!f.values_given) {
        sink_.error(
            codes::catalogue_invalid_follows,
            head + ", an enum question: list the values that make it relevant, as in follows: {question: " + target.id +
                ", values: [" + (target.values.empty() ? std::string("...") : target.values.back().value) + "]}",
            f.offset, f.length);
        return;
      }
    } else {
      sink_.error(codes::catalogue_invalid_follows,
                  head + ", a " + to_string(target.type) +
                      " question; only a bool or enum question can be followed up, by the answers that make the "
                      "follow-up relevant",
                  f.offset, f.length);
      q.follows_when.clear();
      return;
    }
    std::vector<std::string> ordered;
    for (const std::string_view value : allowed) {
      if (std::find(q.follows_when.begin(), q.follows_when.end(), value) != q.follows_when.end())
        ordered.emplace_back(value);
    }
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      const std::string& value = q.follows_when[i];
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        sink_.error(codes::catalogue_invalid_follows,
                    head + ", which has no answer '" + value + "'" +
                        did_you_mean(util::closest_match(value, allowed).value_or("")) + "; expected " +
                        (target.type == QuestionType::boolean ? std::string("true or false") : "one of its values"),
                    f.values[i].offset, f.values[i].length);
      } else if (std::find(q.follows_when.begin(), q.follows_when.begin() + static_cast<std::ptrdiff_t>(i), value) !=
                 q.follows_when.begin() + static_cast<std::ptrdiff_t>(i)) {
        sink_.error(codes::catalogue_invalid_follows, head + " and lists '" + value + "' twice", f.values[i].offset,
                    f.values[i].length);
      }
    }
    if (f.values_given) q.follows_when = std::move(ordered);
  }

  // For check_answers: the questions with `follows` or `past`, with the index of the
  // question each follows (its own index when it follows none).
  void index_answer_checks() {
    for (const Question& q : catalogue_->questions_) {
      if (q.follows.empty() && !q.past) continue;
      const Question* parent = q.follows.empty() ? nullptr : catalogue_->find(q.follows);
      catalogue_->answer_checks_.emplace_back(q.index, parent != nullptr ? parent->index : q.index);
    }
  }

  std::uint32_t length(const YAML::Node& node) const noexcept { return yaml::source_length(node, sink_.source().text); }

  DiagnosticSink sink_;
  // Built in place, then shared, immutable, through shared_ptr.
  std::shared_ptr<Catalogue> catalogue_ = std::make_shared<Catalogue>();
  std::vector<Follows> follows_;
  bool type_known_ = false;  // the current question's type parsed, so type-specific checks apply
};

CatalogueLoadResult Catalogue::load_string(std::string_view yaml, std::string_view name) {
  const SourceText source{std::string(name), std::string(yaml)};
  std::vector<Diagnostic> diagnostics;
  CatalogueLoadResult result = CatalogueBuilder(source, diagnostics).build();
  result.diagnostics = std::move(diagnostics);
  return result;
}

CatalogueLoadResult Catalogue::load_file(const std::filesystem::path& path) {
  CatalogueLoadResult result;
  std::string text;
  switch (util::read_file_limited(path, yaml::max_document_bytes, text)) {
    case util::ReadStatus::ok:
      return load_string(text, path.string());
    case util::ReadStatus::not_found:
      result.diagnostics.push_back(make_diagnostic(Severity::error, codes::io_not_found, "no such file", path.string()));
      break;
    case util::ReadStatus::unreadable:
      result.diagnostics.push_back(make_diagnostic(Severity::error, codes::io_read, "cannot read the file", path.string()));
      break;
    case util::ReadStatus::too_large:
      result.diagnostics.push_back(make_diagnostic(
          Severity::error, codes::yaml_too_large,
          "the file is larger than " + std::to_string(yaml::max_document_bytes >> 20) + " MiB", path.string()));
      break;
  }
  return result;
}

}  // namespace contrascreen
