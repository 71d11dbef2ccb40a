#pragma once
/// \file
/// Reading intakes from JSON, YAML and CSV text.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen {

enum class IntakeFormat : std::uint8_t { json, yaml };

/// Parses one intake mapping ({"id", "date", "answers"}) from `text`; JSON text holding a
/// FHIR resource is read as one QuestionnaireResponse, as read_intake_file reads it. Every problem is
/// reported (unknown question with a suggestion, wrong type, undeclared enum value,
/// impossible date, unknown top-level key is ignored) with its line and column in `name`.
/// What an answer may be is accept_answer's decision (answer_acceptance.hpp), as for every
/// other front end.
IntakeResult parse_intake(std::string_view text, IntakeFormat format, std::shared_ptr<const Catalogue> catalogue,
                          std::string_view name = "<intake>");

/// Reads one intake file; the format follows the extension (.json, .yaml, .yml). A .json
/// file holding a FHIR resource (a top-level "resourceType") is read as a FHIR R4
/// QuestionnaireResponse (fhir_intake.hpp); a Bundle must then hold exactly one (else
/// fhir.several_responses, or intake.empty for none).
/// A missing or unreadable file is the diagnostic "io.not_found" / "io.read".
IntakeResult read_intake_file(const std::filesystem::path& path, std::shared_ptr<const Catalogue> catalogue);

/// Reads every intake an intake file holds, as read_intake_file reads one: one result for a
/// native intake or a QuestionnaireResponse, one per entry, in order, for a FHIR Bundle
/// (none for a Bundle without entries). A file that cannot be read is one result with the
/// diagnostic.
std::vector<IntakeResult> read_intake_records(const std::filesystem::path& path,
                                              std::shared_ptr<const Catalogue> catalogue);

/// Reads the answers to evaluate an expression over (evaluate.hpp), in JSON: an answers object
/// (`{"pregnant": true}`) or a whole intake (an object with a top-level "answers" key,
/// `{"date": "2026-11-21", "answers": {...}}`), checked against `catalogue` as an intake
/// file is. Diagnostics are named `name` and positioned in `json` itself, even when the
/// text is not one balanced JSON value. Thread-safe; keeps nothing of `json`.
IntakeResult parse_answers_json(std::string_view json, std::shared_ptr<const Catalogue> catalogue,
                                std::string_view name = "<answers>");

/// Reads JSON intakes one after another into a reused Intake, for batches:
/// after warm-up, parse() allocates nothing for intakes of similar size. Records that
/// repeat the previous ones' key order and answers are read fastest (the reader predicts
/// them); what a record reads to, and every diagnostic, never depends on the records
/// before it. Not thread-safe; use one reader per thread.
class JsonIntakeReader {
 public:
  explicit JsonIntakeReader(std::shared_ptr<const Catalogue> catalogue);
  ~JsonIntakeReader();
  JsonIntakeReader(JsonIntakeReader&&) noexcept;
  JsonIntakeReader& operator=(JsonIntakeReader&&) noexcept;

  /// Parses `json` into `out` (cleared first). On failure returns false and appends to
  /// `diagnostics`, positioned in `name` with `first_line` as the line of json's start.
  bool parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics,
             std::string_view name = "<intake>", std::uint32_t first_line = 1);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads CSV intakes (docs/interfaces.md): a header `id,date,<question ids>` in any order
/// (id and date optional), then one intake per line: a record is one line, and a cell never
/// spans lines (no answer needs a line break), so a quote left open costs its own line only.
/// Cells: an empty cell is unanswered; blanks around a value are ignored; booleans
/// true/false/yes/no/1/0 in any case; numbers as std::from_chars reads them, finite, not too
/// close to zero for a double (1e-999) and within the question's range; enum values exactly
/// as declared; dates YYYY-MM-DD; lists in one syntax: items separated by ';', the whole cell
/// optionally in `[ ]`, `[]` or `none` (any ASCII case) the empty list, and anything else (an
/// empty item, a ',', a bracket inside, `none` as an item) intake.bad_list, never read in
/// part. Cells may be quoted with '"' (RFC 4180, "" for a quote; blanks before the opening
/// quote are allowed), and the quotes must close on the cell's line.
/// Not thread-safe; use one reader per thread.
class CsvIntakeReader {
 public:
  explicit CsvIntakeReader(std::shared_ptr<const Catalogue> catalogue);

  /// Reads the header record (a leading UTF-8 byte order mark and a trailing '\r' are
  /// skipped), replacing any
  /// earlier header. An unknown column (intake.unknown_question, with a suggestion), a
  /// repeated one (intake.duplicate_column) or an empty one (intake.empty_column) is an
  /// error; returns false and appends diagnostics (line `line`). The rejected columns are
  /// still counted, and their cells skipped, so records can be checked after a bad header.
  bool parse_header(std::string_view record, std::vector<Diagnostic>& diagnostics, std::string_view name = "<csv>",
                    std::uint32_t line = 1);

  /// Parses one record (one line, without its line break; a trailing '\r' is ignored, as in
  /// the header) into `out` (cleared first). On failure returns false and appends every
  /// problem of the record, naming its line, column and question. `line` is the record's
  /// line. The column is that of the cell's first non-blank character, or of the character
  /// at fault (intake.bad_list, intake.syntax). A line break inside `record`, or a quoted
  /// cell not closed before its end, is intake.syntax. A record with another number of cells
  /// than the header has columns is intake.syntax (its cells are then not read); a blank
  /// record is an intake without answers. Allocation-free after warm-up for records of
  /// similar size (an id longer than std::string's small-string buffer is the one exception:
  /// Intake owns it).
  bool parse_record(std::string_view record, Intake& out, std::vector<Diagnostic>& diagnostics,
                    std::string_view name = "<csv>", std::uint32_t line = 1);

  /// The id cell of the last record parsed, when the header has an id column (also after
  /// a failed parse, for error records); "" otherwise.
  std::string_view last_id() const noexcept;

 private:
  static constexpr std::int32_t id_column = -1;
  static constexpr std::int32_t date_column = -2;
  static constexpr std::int32_t ignored_column = -3;  // a header column that was rejected
  struct Column {
    std::int32_t slot = -1;  // catalogue index, or one of the *_column values above
  };
  struct Cell {
    std::string_view text;     // content: unquoted and unescaped; views the record or unescaped_
    std::uint32_t offset = 0;  // in the record, of the first non-blank character (a quoted cell's '"')
    std::uint32_t length = 0;  // bytes of the cell from offset, trailing blanks excluded
    bool malformed = false;    // a syntax error was reported for this cell: its value is not read
  };
  class Reporter;  // positions diagnostics inside one record (intake_csv.cpp)
  bool split(std::string_view record, Reporter& report);  // false: a quoted cell is not closed
  bool read_record(std::string_view record, Intake& out, Reporter& report);

  std::shared_ptr<const Catalogue> catalogue_;
  std::vector<Column> columns_;
  std::vector<Cell> cells_;  // cells of the current record (capacity reused)
  std::string unescaped_;    // quoted cells with "" escapes, unescaped (capacity reused)
  std::string last_id_;
};

}  // namespace contrascreen
