#pragma once
/// \file
/// Reading intakes from JSON and YAML text.

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

/// The outcome of reading one intake: the intake, or the diagnostics that prevented it.
struct IntakeResult {
  std::optional<Intake> intake;
  std::vector<Diagnostic> diagnostics;
  explicit operator bool() const noexcept { return intake.has_value(); }
};

/// Parses one intake mapping ({"id", "date", "answers"}) from `text`. Every problem is
/// reported (unknown question with a suggestion, wrong type, undeclared enum value,
/// impossible date, unknown top-level key is ignored) with its line and column in `name`.
IntakeResult parse_intake(std::string_view text, IntakeFormat format, std::shared_ptr<const Catalogue> catalogue,
                          std::string_view name = "<intake>");

/// Reads one intake file; the format follows the extension (.json, .yaml, .yml).
/// A missing or unreadable file is the diagnostic "io.not_found" / "io.read".
IntakeResult read_intake_file(const std::filesystem::path& path, std::shared_ptr<const Catalogue> catalogue);

/// Reads JSON intakes one after another into a reused Intake, for batches:
/// after warm-up, parse() allocates nothing for intakes of similar size.
/// Not thread-safe; use one reader per thread.
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

}  // namespace contrascreen
