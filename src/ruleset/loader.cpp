#include "ruleset/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "contrascreen/diagnostic_codes.hpp"
#include "util/file.hpp"
#include "util/language_tag.hpp"
#include "util/text.hpp"
#include "yaml/human_text.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen::detail {
namespace {

namespace fs = std::filesystem;

bool valid_name(std::string_view s) {
  if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// A rule-set id may hold '/', '-' and '.' too ("clinic-sv/microneedling").
bool valid_ruleset_id(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '/' || c == '.';
  });
}

class FileReader {
 public:
  FileReader(RuleSetModel& model, std::uint32_t file, std::vector<Diagnostic>& diagnostics)
      : model_(model), file_(file), sink_(model.files[file], diagnostics) {}

  DiagnosticSink& sink() { return sink_; }
  FileSpot spot(const YAML::Node& n) const {
    return {file_, yaml::offset_of(n), yaml::source_length(n, model_.files[file_].text)};
  }
  void error(const YAML::Node& at, std::string_view code, std::string message) {
    const FileSpot s = spot(at);
    sink_.error(code, std::move(message), s.offset, s.length);
  }

  // The key node of `name` in `map` (for positions: an empty value has none of its own).
  static YAML::Node key_of(const YAML::Node& map, std::string_view name) {
    for (const auto& entry : map)
      if (entry.first.IsScalar() && entry.first.Scalar() == name) return entry.first;
    return map;
  }
  FileSpot key_spot(const YAML::Node& map, std::string_view name) const {
    const YAML::Node key = key_of(map, name);
    return {file_, yaml::offset_of(key), key.IsScalar() ? static_cast<std::uint32_t>(key.Scalar().size()) : 1};
  }
  void error_at(const FileSpot& at, std::string_view code, std::string message) {
    sink_.error(code, std::move(message), at.offset, at.length);
  }

  std::optional<std::string> scalar(const YAML::Node& n, std::string_view what) {
    return yaml::expect_scalar(n, codes::ruleset_wrong_type, what, sink_);
  }

  // A scalar that people read (a message, a source): no control characters.
  std::optional<std::string> text(const YAML::Node& n, std::string_view what, bool line_feeds_allowed = false) {
    auto s = scalar(n, what);
    if (s) yaml::check_human_text(n, codes::ruleset_control_character, what, sink_, line_feeds_allowed);
    return s;
  }

  std::vector<std::string> string_list(const YAML::Node& n, std::string_view what,
                                       std::vector<FileSpot>* spots = nullptr) {
    std::vector<std::string> out;
    if (!yaml::expect_sequence(n, codes::ruleset_wrong_type, what, sink_)) return out;
    for (const auto& item : n) {
      if (auto s = scalar(item, what)) {
        out.push_back(*s);
        if (spots != nullptr) spots->push_back(spot(item));
      }
    }
    return out;
  }

  std::optional<Date> date(const YAML::Node& n, std::string_view what) {
    auto text = scalar(n, what);
    if (!text) return std::nullopt;
    auto d = Date::parse_iso(*text);
    if (!d)
      error(n, codes::ruleset_invalid_date,
            std::string(what) + " '" + *text + "' is not a date in the form YYYY-MM-DD");
    return d;
  }

  // A plain string is a message in this file's default language (bound now, so that an
  // extending rule set with another default language cannot reinterpret it).
  LocalizedText localized(const YAML::Node& n, std::string_view what, std::vector<FileSpot>& language_spots) {
    LocalizedText text;
    language_spots.clear();
    if (n.IsScalar()) {
      yaml::check_human_text(n, codes::ruleset_control_character, std::string("the ") + std::string(what), sink_);
      text.entries.emplace_back(model_.languages.empty() ? std::string() : model_.languages.front(), n.Scalar());
      language_spots.push_back(spot(n));
      return text;
    }
    if (!yaml::expect_map(n, codes::ruleset_wrong_type, what, sink_)) return text;
    for (const auto& entry : n) {
      const std::string lang = entry.first.Scalar();
      if (auto s = this->text(entry.second, "the '" + lang + "' " + std::string(what))) {
        text.entries.emplace_back(lang, *s);
        language_spots.push_back({file_, yaml::offset_of(entry.first), static_cast<std::uint32_t>(lang.size())});
      }
    }
    return text;
  }

  std::optional<ExprText> expression(const YAML::Node& map, std::string_view key) {
    const YAML::Node n = map[std::string(key)];
    if (n.IsNull()) {
      error_at(key_spot(map, key), codes::parse_empty, "'" + std::string(key) + "' is empty");
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      error(n, codes::ruleset_wrong_type, "'" + std::string(key) + "' must be an expression written as text");
      return std::nullopt;
    }
    return ExprText{n.Scalar(), {file_, yaml::offset_of(n), 0}};
  }

  std::optional<RuleAction> action(const YAML::Node& n) {
    auto text = scalar(n, "decision");
    if (!text) return std::nullopt;
    if (*text == "refuse") return RuleAction::refuse;
    if (*text == "refer") return RuleAction::refer;
    if (*text == "inform") return RuleAction::inform;
    const auto suggestion = util::closest_match(*text, std::vector<std::string_view>{"refuse", "refer", "inform"});
    error(n, codes::ruleset_invalid_decision,
          "decision '" + *text + "' is not refuse, refer or inform" + did_you_mean(suggestion.value_or("")));
    return std::nullopt;
  }

  void read_header(const YAML::Node& root, bool extends) {
    for (const char* key : {"id", "version"}) {
      if (!root[key]) sink_.error(codes::ruleset_missing_key, std::string("a rule set needs '") + key + "'", 0, 0);
    }
    if (auto n = root["id"]) {
      if (auto s = scalar(n, "id")) {
        if (!valid_ruleset_id(*s))
          error(n, codes::ruleset_invalid_id, "rule set id '" + *s + "' may hold only a-z, 0-9, _ - / .");
        model_.id = *s;
      }
    }
    if (auto n = root["version"]) model_.version = text(n, "the version").value_or("");
    // A description may be a paragraph or two, written as a block scalar.
    if (auto n = root["description"]) model_.description = text(n, "the description", true).value_or("");
    if (auto n = root["treatment"]) {
      model_.treatment = text(n, "the treatment").value_or("");
    } else if (!extends) {
      sink_.error(codes::ruleset_missing_key, "a rule set needs 'treatment' (or 'extends' to inherit it)", 0, 0);
    }
    if (auto n = root["languages"]) {
      std::vector<FileSpot> spots;
      model_.languages = string_list(n, "languages", &spots);
      model_.languages_at = spot(n);
      if (model_.languages.empty()) error(n, codes::ruleset_wrong_type, "languages must list at least one language");
      for (std::size_t i = 0; i < model_.languages.size(); ++i) {
        const std::string& language = model_.languages[i];
        if (!util::is_language_tag(language)) {
          error_at(spots[i], codes::ruleset_invalid_language, util::not_a_language_tag_message(language));
          continue;
        }
        for (std::size_t j = 0; j < i; ++j) {
          if (!util::same_language_tag(language, model_.languages[j])) continue;
          error_at(spots[i], codes::ruleset_duplicate_language,
                   "language '" + language + "' is listed twice" +
                       (language == model_.languages[j] ? "" : " ('" + model_.languages[j] + "' is the same tag)"));
          break;
        }
      }
    } else if (!extends) {
      sink_.error(codes::ruleset_missing_key, "a rule set needs 'languages' (or 'extends' to inherit them)", 0, 0);
    }
  }

  void read_value_sets(const YAML::Node& n) {
    if (!yaml::expect_map(n, codes::ruleset_wrong_type, "value_sets", sink_)) return;
    for (const auto& entry : n) {
      const std::string name = entry.first.Scalar();
      if (!valid_name(name)) {
        error(entry.first, codes::ruleset_invalid_id, "value set name '" + name + "' must match [a-z][a-z0-9_]*");
        continue;
      }
      ValueSetDef set{name, string_list(entry.second, "a value set"), spot(entry.first)};
      auto existing = std::find_if(model_.value_sets.begin(), model_.value_sets.end(),
                                   [&](const ValueSetDef& v) { return v.name == name; });
      if (existing != model_.value_sets.end()) {
        *existing = std::move(set);  // redefining an inherited set replaces it (documented)
      } else {
        model_.value_sets.push_back(std::move(set));
      }
    }
  }

  void read_rules(const YAML::Node& n) {
    if (!yaml::expect_sequence(n, codes::ruleset_wrong_type, "rules", sink_)) return;
    for (const auto& r : n) {
      if (!yaml::expect_map(r, codes::ruleset_wrong_type, "a rule", sink_)) continue;
      yaml::check_keys(r, {"id", "when", "decision", "message", "until", "source", "description"},
                       codes::ruleset_unknown_key, "rule", sink_);
      RuleDef rule;
      bool complete = true;
      for (const char* key : {"id", "when", "decision", "message", "source"}) {
        if (!r[key]) {
          error(r, codes::ruleset_missing_key, std::string("a rule needs '") + key + "'");
          complete = false;
        }
      }
      if (auto id = r["id"]) {
        rule.id = scalar(id, "rule id").value_or("");
        rule.at = spot(id);
        if (!rule.id.empty() && !valid_name(rule.id)) {
          error(id, codes::ruleset_invalid_id, "rule id '" + rule.id + "' must match [a-z][a-z0-9_]*");
        }
      } else {
        rule.at = spot(r);
      }
      if (r["when"]) {
        if (auto e = expression(r, "when"))
          rule.when = *e;
        else
          complete = false;
      }
      if (auto d = r["decision"]) {
        rule.action_at = spot(d);
        if (auto a = action(d))
          rule.action = *a;
        else
          complete = false;
      }
      if (r["until"]) {
        rule.until = expression(r, "until");
        rule.until_at = key_spot(r, "until");
      }
      if (auto m = r["message"]) {
        rule.message = localized(m, "message", rule.message_languages);
        rule.message_at = key_spot(r, "message");
      }
      if (auto s = r["source"]) rule.source = text(s, "the source").value_or("");
      if (auto d = r["description"]) text(d, "the description", true);
      if (rule.id.empty() || !complete) continue;
      const auto existing =
          std::find_if(model_.rules.begin(), model_.rules.end(), [&](const RuleDef& d) { return d.id == rule.id; });
      if (existing != model_.rules.end()) {
        const bool inherited = existing->at.file != file_;
        error(r["id"], codes::ruleset_duplicate_rule,
              "rule '" + rule.id + "' is already defined" +
                  (inherited ? " in the rule set this one extends; change it under 'overrides'" : ""));
        continue;
      }
      model_.rules.push_back(std::move(rule));
    }
  }

  void read_overrides(const YAML::Node& root, bool extends) {
    const YAML::Node n = root["overrides"];
    if (!extends) {
      error_at(key_spot(root, "overrides"), codes::ruleset_overrides_without_extends,
               "'overrides' changes inherited rules, but this rule set extends none");
      return;
    }
    if (!yaml::expect_map(n, codes::ruleset_wrong_type, "overrides", sink_)) return;
    for (const auto& entry : n) {
      const std::string id = entry.first.Scalar();
      const YAML::Node& o = entry.second;
      auto rule = std::find_if(model_.rules.begin(), model_.rules.end(), [&](const RuleDef& d) { return d.id == id; });
      if (rule == model_.rules.end() || rule->at.file == file_) {
        std::vector<std::string_view> inherited;
        for (const auto& d : model_.rules)
          if (d.at.file != file_) inherited.push_back(d.id);
        const auto suggestion = util::closest_match(id, inherited);
        error(entry.first, codes::ruleset_unknown_rule,
              "overrides names '" + id + "', which is not an inherited rule" + did_you_mean(suggestion.value_or("")));
        continue;
      }
      if (!yaml::expect_map(o, codes::ruleset_wrong_type, "an override", sink_)) continue;
      yaml::check_keys(o, {"when", "decision", "message", "until", "source", "disabled"}, codes::ruleset_unknown_key,
                       "override", sink_);
      if (o.size() == 0) error(o, codes::ruleset_empty_override, "override of '" + id + "' changes nothing");
      if (o["when"])
        if (auto e = expression(o, "when")) rule->when = *e;
      if (auto d = o["decision"])
        if (auto a = action(d)) {
          rule->action = *a;
          rule->action_at = spot(d);
        }
      if (auto u = o["until"]) {
        if (u.IsNull())
          rule->until.reset();
        else
          rule->until = expression(o, "until");
        rule->until_at = key_spot(o, "until");
      }
      if (auto m = o["message"]) {
        rule->message = localized(m, "message", rule->message_languages);
        rule->message_at = key_spot(o, "message");
      }
      if (auto s = o["source"]) rule->source = text(s, "the source").value_or(rule->source);
      if (auto d = o["disabled"]) {
        auto text = scalar(d, "disabled");
        if (text == "true")
          rule->disabled = true;
        else if (text == "false")
          rule->disabled = false;
        else if (text)
          error(d, codes::ruleset_wrong_type, "disabled must be true or false");
      }
      rule->at.file = file_;  // the rule is now (also) defined here
      rule->at.offset = yaml::offset_of(entry.first);
      rule->at.length = static_cast<std::uint32_t>(id.size());
    }
  }

  void read_tests(const YAML::Node& n) {
    if (!yaml::expect_sequence(n, codes::ruleset_wrong_type, "tests", sink_)) return;
    for (const auto& t : n) {
      if (!yaml::expect_map(t, codes::ruleset_wrong_type, "a test", sink_)) continue;
      yaml::check_keys(t, {"name", "date", "lang", "answers", "decision", "rules", "unanswered", "until", "advice"},
                       codes::ruleset_unknown_key, "test", sink_);
      TestDef test;
      test.at = spot(t);
      if (auto name = t["name"]) {
        test.name = text(name, "the test name").value_or("");
        test.at = spot(name);
      } else
        error(t, codes::ruleset_missing_key, "a test needs 'name'");
      if (auto d = t["date"])
        test.date = date(d, "date");
      else
        error(t, codes::ruleset_missing_key, "a test needs 'date' so that its outcome never depends on today");
      if (auto l = t["lang"]) test.language = scalar(l, "lang").value_or("");
      if (auto a = t["answers"]) {
        if (a.IsMap() || a.IsNull())
          test.answers = TestAnswers(a);
        else
          error(a, codes::ruleset_wrong_type, "answers must be a mapping of question ids to answers");
      }
      if (auto d = t["decision"]) {
        if (auto text = scalar(d, "decision")) {
          test.decision = parse_verdict(*text);
          if (!test.decision)
            error(d, codes::ruleset_invalid_decision,
                  "expected decision '" + *text + "' is not allow, refer or refuse");
        }
      } else {
        error(t, codes::ruleset_missing_key, "a test needs the expected 'decision'");
      }
      if (auto r = t["rules"]) test.rules = string_list(r, "rules", &test.rules_at);
      if (auto u = t["unanswered"]) test.unanswered = string_list(u, "unanswered", &test.unanswered_at);
      if (auto a = t["advice"]) test.advice = string_list(a, "advice", &test.advice_at);
      if (auto u = t["until"]) {
        test.until_given = true;
        if (!u.IsNull()) test.until = date(u, "until");
      }
      model_.tests.push_back(std::move(test));
    }
  }

 private:
  RuleSetModel& model_;
  std::uint32_t file_;
  DiagnosticSink sink_;
};

struct ReadState {
  std::vector<fs::path> chain;  // identities of the paths being read, outermost first
  const FileSource& source;
  std::vector<Diagnostic>& diagnostics;
};

std::optional<RuleSetModel> read_file_into(std::string text, std::string name, const fs::path& directory,
                                           ReadState& state);

// Reads `text` as the top of an extends chain whose base has already been read into `model`.
void read_layer(RuleSetModel& model, std::uint32_t file, const YAML::Node& root, bool extends,
                std::vector<Diagnostic>& diagnostics) {
  FileReader reader(model, file, diagnostics);
  // The layer's own tests replace any inherited ones: they describe this policy.
  model.tests.clear();
  reader.read_header(root, extends);
  if (auto n = root["value_sets"]) reader.read_value_sets(n);
  if (root["overrides"]) reader.read_overrides(root, extends);
  if (auto n = root["rules"]) reader.read_rules(n);
  if (auto n = root["tests"]) reader.read_tests(n);
}

std::optional<RuleSetModel> read_file_into(std::string text, std::string name, const fs::path& directory,
                                           ReadState& state) {
  SourceText source{std::move(name), std::move(text)};
  std::vector<Diagnostic>& diagnostics = state.diagnostics;
  // Parse this file first (positions refer to it), then its base.
  RuleSetModel own;
  own.files.push_back(std::move(source));
  DiagnosticSink sink(own.files[0], diagnostics);
  auto root = yaml::parse_document(sink);
  if (!root) return std::nullopt;
  if (!root->IsMap()) {
    sink.error(codes::ruleset_wrong_type, "a rule set must be a mapping with id, version, rules, ...", 0, 0);
    return std::nullopt;
  }
  yaml::check_keys(*root,
                   {"id", "version", "description", "treatment", "languages", "catalogue", "extends", "value_sets",
                    "rules", "overrides", "tests"},
                   codes::ruleset_unknown_key, "rule set", sink);

  RuleSetModel model;
  bool extends = false;
  if (auto e = (*root)["extends"]) {
    auto relative = yaml::expect_scalar(e, codes::ruleset_wrong_type, "extends", sink);
    if (!relative) return std::nullopt;
    extends = true;
    const fs::path path = directory / *relative;
    const fs::path canonical = state.source.identity(path);
    const auto spot_offset = yaml::offset_of(e);
    const auto spot_length = yaml::source_length(e, own.files[0].text);
    if (auto loop = std::find(state.chain.begin(), state.chain.end(), canonical); loop != state.chain.end()) {
      std::string cycle;
      for (auto it = loop; it != state.chain.end(); ++it) cycle += it->filename().string() + " -> ";
      sink.error(codes::ruleset_extends_cycle, "extends forms a cycle: " + cycle + canonical.filename().string(),
                 spot_offset, spot_length);
      return std::nullopt;
    }
    if (state.chain.size() >= static_cast<std::size_t>(max_extends_depth)) {
      sink.error(codes::ruleset_extends_too_deep, "extends chain longer than " + std::to_string(max_extends_depth),
                 spot_offset, spot_length);
      return std::nullopt;
    }
    if (!state.source.exists(path)) {
      sink.error(codes::ruleset_extends_not_found, "cannot find '" + *relative + "' (looked for " + path.string() + ")",
                 spot_offset, spot_length);
      return std::nullopt;
    }
    auto base_text = state.source.read(path, diagnostics);
    if (!base_text) return std::nullopt;
    state.chain.push_back(canonical);
    auto base = read_file_into(std::move(*base_text), path.string(), path.parent_path(), state);
    state.chain.pop_back();
    if (!base) return std::nullopt;
    model = std::move(*base);
  }
  if (auto c = (*root)["catalogue"]) {
    if (auto relative = yaml::expect_scalar(c, codes::ruleset_wrong_type, "catalogue", sink))
      model.catalogue_path = (directory / *relative).string();
  }
  // This file becomes files[0]; the base's files follow, in extends order.
  model.files.push_front(std::move(own.files[0]));
  for (auto& rule : model.rules) ++rule.at.file, ++rule.action_at.file, ++rule.message_at.file, ++rule.when.at.file;
  for (auto& rule : model.rules) {
    if (rule.until) ++rule.until->at.file;
    ++rule.until_at.file;
    for (auto& spot : rule.message_languages) ++spot.file;
  }
  for (auto& set : model.value_sets) ++set.at.file;
  ++model.languages_at.file;
  read_layer(model, 0, *root, extends, diagnostics);
  return model;
}

}  // namespace

std::optional<std::string> read_text_file(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics) {
  std::string text;
  switch (util::read_file_limited(path, yaml::max_document_bytes, text)) {
    case util::ReadStatus::ok:
      return text;
    case util::ReadStatus::not_found:
      diagnostics.push_back(make_diagnostic(Severity::error, codes::io_not_found, "no such file", path.string()));
      break;
    case util::ReadStatus::unreadable:
      diagnostics.push_back(make_diagnostic(Severity::error, codes::io_read, "cannot read the file", path.string()));
      break;
    case util::ReadStatus::too_large:
      // Not read further: it may be a device or a pipe that never ends.
      diagnostics.push_back(make_diagnostic(
          Severity::error, codes::yaml_too_large,
          "the file is larger than " + std::to_string(yaml::max_document_bytes >> 20) + " MiB", path.string()));
      break;
  }
  return std::nullopt;
}

bool FileSource::exists(const std::filesystem::path& path) const {
  if (files_ == nullptr) return fs::exists(path);
  return find(path) != nullptr;
}

std::optional<std::string> FileSource::read(const std::filesystem::path& path,
                                            std::vector<Diagnostic>& diagnostics) const {
  if (files_ == nullptr) return read_text_file(path, diagnostics);
  if (const SourceFile* file = find(path)) {
    if (file->text.size() <= yaml::max_document_bytes) return file->text;
    diagnostics.push_back(make_diagnostic(
        Severity::error, codes::yaml_too_large,
        "the file is larger than " + std::to_string(yaml::max_document_bytes >> 20) + " MiB", path.string()));
    return std::nullopt;
  }
  diagnostics.push_back(make_diagnostic(Severity::error, codes::io_not_found, "no such file", path.string()));
  return std::nullopt;
}

std::filesystem::path FileSource::identity(const std::filesystem::path& path) const {
  if (files_ != nullptr) return path.lexically_normal();
  std::error_code ec;
  return fs::weakly_canonical(path, ec);
}

const SourceFile* FileSource::find(const std::filesystem::path& path) const {
  const fs::path wanted = path.lexically_normal();
  for (const SourceFile& file : *files_)
    if (fs::path(file.path).lexically_normal() == wanted) return &file;
  return nullptr;
}

std::optional<RuleSetModel> read_ruleset(std::string text, std::string name, const std::filesystem::path& directory,
                                         const FileSource& source, std::vector<Diagnostic>& diagnostics) {
  ReadState state{{}, source, diagnostics};
  if (!name.empty() && name[0] != '<') state.chain.push_back(source.identity(name));
  auto model = read_file_into(std::move(text), std::move(name), directory, state);
  if (model) model->directory = directory.string();
  return model;
}

std::string canonical_content(const RuleSetModel& model, const Catalogue& catalogue) {
  std::string out = "contrascreen-ruleset-v1\n";
  for (const auto& file : model.files) {
    std::string_view text = file.text;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::string normalised;
    normalised.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      normalised += text[i];
    }
    out += "file " + std::to_string(normalised.size()) + "\n";
    out += normalised;
  }
  // The questions are part of the policy: a custom catalogue's prompts, types and values
  // decide what an intake means. The built-in catalogue is left out, so that the digests of
  // rule sets on it stay what they were before catalogues counted.
  if (catalogue.sha256() != Catalogue::builtin()->sha256()) out += "catalogue " + catalogue.sha256() + "\n";
  return out;
}

}  // namespace contrascreen::detail
