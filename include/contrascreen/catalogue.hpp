#pragma once
/// \file
/// The question catalogue: every question an intake may answer, with its type,
/// allowed values and prompts. Rule sets may only read catalogue questions.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contrascreen/diagnostic.hpp"

namespace contrascreen {

/// The type of an answer.
enum class QuestionType : std::uint8_t {
  boolean,      ///< "bool": true or false
  number,       ///< "number": a finite real number
  enumeration,  ///< "enum": one of the question's declared values
  list,         ///< "list": a list of free-text strings (possibly empty)
  date,         ///< "date": an ISO 8601 calendar date, YYYY-MM-DD
};

/// The catalogue spelling of a type: "bool", "number", "enum", "list" or "date".
const char* to_string(QuestionType type) noexcept;

/// Text in several languages, in declaration order.
struct LocalizedText {
  std::vector<std::pair<std::string, std::string>> entries;  ///< (language, text)

  /// The text in `language`, else in `fallback`, else the first entry, else "".
  std::string_view in(std::string_view language, std::string_view fallback = {}) const noexcept;
  /// True when a text exists for exactly `language`.
  bool has(std::string_view language) const noexcept;
  bool empty() const noexcept { return entries.empty(); }
};

/// One allowed value of an enum question.
struct EnumValue {
  std::string value;    ///< the value as it appears in intakes and rules
  LocalizedText label;  ///< what a form shows for it
};

/// One question of the catalogue.
struct Question {
  std::string id;  ///< stable identifier, e.g. "pregnant"
  QuestionType type = QuestionType::boolean;
  std::uint32_t index = 0;        ///< position in the catalogue; the intake slot of this question
  LocalizedText prompt;           ///< the question as a patient reads it
  LocalizedText help;             ///< optional one-line help
  std::vector<EnumValue> values;  ///< enum questions: allowed values, in order
  std::optional<double> min;      ///< number questions: smallest allowed answer
  std::optional<double> max;      ///< number questions: largest allowed answer
  std::string unit;               ///< number questions: unit, e.g. "years"
  std::string follows;            ///< id of the question this one follows up, or ""
  /// The answers to `follows` that make this follow-up relevant: a form asks it only after
  /// one of them (FHIR Questionnaire enableWhen), and an intake that answers it after another
  /// answer to `follows` is intake.contradiction. Spelt as in the catalogue: "true" or
  /// "false" for a bool question (`follows: id` means ["true"]), declared values for an enum
  /// question (listed explicitly), in the catalogue's order. Empty when `follows` is "".
  std::vector<std::string> follows_when;
  /// Date questions: the answer is a day in the past (`past: true`), so an answer later
  /// than the screening date is intake.date_in_future.
  bool past = false;

  /// Index of `value` among values, or nullopt when the enum does not declare it.
  std::optional<std::uint32_t> enum_index(std::string_view value) const noexcept;
  /// Whether `answer` (an answer to the question this one follows, in catalogue spelling:
  /// "true", "false" or an enum value) is one of follows_when.
  bool enabled_by(std::string_view answer) const noexcept;
};

class Catalogue;

namespace detail {
struct CatalogueAccess;  // the library's way to the answer checks (src/core/catalogue_access.hpp)
}  // namespace detail

/// The outcome of loading a catalogue: the catalogue, or the diagnostics that prevented it.
struct CatalogueLoadResult {
  std::shared_ptr<const Catalogue> catalogue;  ///< null when loading failed
  std::vector<Diagnostic> diagnostics;
};

/// An immutable question catalogue. Shared (via shared_ptr) by rule sets and intakes;
/// safe to use from many threads.
class Catalogue {
 public:
  /// Loads a catalogue YAML file (format: rules/questions.yaml).
  static CatalogueLoadResult load_file(const std::filesystem::path& path);
  /// Loads a catalogue from YAML text; `name` is used in diagnostics.
  static CatalogueLoadResult load_string(std::string_view yaml, std::string_view name = "<string>");
  /// The catalogue shipped with the library (rules/questions.yaml, embedded at build time).
  static std::shared_ptr<const Catalogue> builtin();

  const std::string& id() const noexcept { return id_; }
  const std::string& version() const noexcept { return version_; }
  /// Languages every prompt is given in, default first.
  const std::vector<std::string>& languages() const noexcept { return languages_; }
  /// sha256 of the catalogue's content; equal digests mean identical slot layouts.
  const std::string& sha256() const noexcept { return sha256_; }
  /// All questions in catalogue order (index i is question i).
  const std::vector<Question>& questions() const noexcept { return questions_; }
  std::size_t size() const noexcept { return questions_.size(); }
  /// The question with this id, or nullptr.
  const Question* find(std::string_view id) const noexcept;
  /// The declared question id closest to a misspelt `id`, or "" when none is close.
  std::string suggest(std::string_view id) const;

  Catalogue() = default;  // built by the loader
  /// Not copyable: the id index holds views of the question ids. Share it via shared_ptr.
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

 private:
  friend class CatalogueBuilder;
  friend struct detail::CatalogueAccess;
  std::string id_;
  std::string version_;
  std::vector<std::string> languages_;
  std::string sha256_;
  std::vector<Question> questions_;
  // find() is on the hot path of every intake reader: an open-addressing hash table of
  // question indices + 1 (0 = empty), a power of two at least twice the question count.
  std::vector<std::uint32_t> by_id_;
  // The questions whose answers check_answers (answer_checks.hpp) looks at, those with
  // `follows` or `past`, each with the index of the question it follows (or its own index),
  // so that checking an intake touches nothing else and looks nothing up by name.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> answer_checks_;
  // The name and text it was loaded from, so that a rule set on it can be sent where the
  // file is not (ruleset_sources.hpp).
  std::string source_name_;
  std::string source_text_;
};

/// Whether YAML text is a question catalogue rather than a rule set: its top-level mapping
/// has a `questions:` key, which a rule set never has. A text scan for the key in column 0
/// (where a top-level block key starts), not a YAML parse. Thread-safe.
bool is_catalogue_text(std::string_view yaml) noexcept;

/// Whether the file is a question catalogue rather than a rule set: it is named
/// questions.yaml, or its text is_catalogue_text(). Reads at most the loaders' YAML size
/// limit (1 MiB); a file that cannot be read or is larger counts as a rule set, whose
/// loading then reports why. For tools that take a tree of rule sets and must skip the
/// catalogues in it. Thread-safe.
bool is_catalogue_file(const std::filesystem::path& path);

}  // namespace contrascreen
