#pragma once
/// \file
/// Writing decisions and error records as JSON Lines, CSV or text, straight from the
/// compact Screening (no intermediate Decision), for batch pipelines and the CLI.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "contrascreen/explain.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// Output formats. `json` is one JSON object per record on one line (JSON Lines for
/// batches); `csv` one row per record under csv_header(); `text` a block for people;
/// `cds_hooks` one CDS Hooks 2.0 response `{"cards": [...]}` per record on one line
/// (to_cds_hooks, cds_hooks.hpp), whose error records are json's.
enum class OutputFormat : std::uint8_t { text, json, csv, cds_hooks };

/// Parses "text", "json", "jsonl" (same as json), "csv" or "cds-hooks".
std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept;

/// Options of the writers.
struct OutputOptions {
  std::string language{};   ///< message language; "" or undeclared: the rule set's default
  bool color = false;       ///< text only: ANSI colours (for terminals)
  const Explanation* explanation = nullptr;  ///< when set: json adds "explain", text lists every rule
};

/// Appends the decision for `intake` as screened into `screening`, followed by '\n'.
/// For json the bytes equal to_json(ruleset.decide(intake, screening, language)) plus
/// "explain" when an explanation is given. Allocation-free for json and csv once `out`
/// has grown (apart from explanation output). cds_hooks builds the Decision (RuleSet::decide)
/// and writes to_cds_hooks of it; it has no explanation.
void append_decision(std::string& out, OutputFormat format, const RuleSet& ruleset, const Intake& intake,
                     const Screening& screening, const OutputOptions& options = {});

/// Appends an error record for an intake that could not be read (one line for json and
/// csv): {"id": <id or null>, "decision": null, "errors": [{"code", "message", "file",
/// "line", "column"}...]} in json and cds_hooks (a CDS Hooks response has no error card);
/// id, "error", and the first message in csv.
void append_error_record(std::string& out, OutputFormat format, const std::optional<std::string>& id,
                         const std::vector<Diagnostic>& errors, const OutputOptions& options = {});

/// Appends `diagnostics` as the JSON array an error record's "errors" holds:
/// [{"code", "message", "file", "line", "column"}...], unknown parts of a position null.
/// The one JSON rendering of diagnostics (error records, the C ABI's load diagnostics).
void append_diagnostics_json(std::string& out, std::span<const Diagnostic> diagnostics);

/// Appends what identifies `ruleset`, as one JSON object:
/// {"id", "version", "treatment", "sha256", "languages" (default first)}.
void append_ruleset_info_json(std::string& out, const RuleSet& ruleset);

/// The one-line account of an error record's problems that the csv format writes in its
/// error column: the first problem's "code: message", with " (line N)" when it has a line.
std::string error_summary(std::span<const Diagnostic> errors);

/// The CSV header line (with '\n'): id,decision,rules,unanswered,until,date,ruleset_sha256,error
std::string_view csv_header() noexcept;

}  // namespace contrascreen
