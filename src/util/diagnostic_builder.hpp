// Building positioned diagnostics from byte offsets into a source text. In util, the lowest
// layer, because every layer reports problems this way, the YAML reader included.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"

namespace contrascreen {

/// A named source text that diagnostics point into.
struct SourceText {
  std::string name;  ///< file name as shown to people
  std::string text;  ///< the whole content
};

/// A diagnostic at byte `offset` (length `length`) of `source`; line, column and the
/// source line are computed here, once, when the problem is reported.
Diagnostic make_diagnostic(Severity severity, std::string_view code, std::string message, const SourceText& source,
                           std::uint32_t offset, std::uint32_t length);

/// A diagnostic without a position (e.g. a file that cannot be read).
Diagnostic make_diagnostic(Severity severity, std::string_view code, std::string message, std::string file);

/// Collects diagnostics for one source text. Cheap to copy; refers to both arguments.
class DiagnosticSink {
 public:
  DiagnosticSink(const SourceText& source, std::vector<Diagnostic>& out) : source_(&source), out_(&out) {}

  void error(std::string_view code, std::string message, std::uint32_t offset, std::uint32_t length = 0) {
    out_->push_back(make_diagnostic(Severity::error, code, std::move(message), *source_, offset, length));
  }
  void warning(std::string_view code, std::string message, std::uint32_t offset, std::uint32_t length = 0) {
    out_->push_back(make_diagnostic(Severity::warning, code, std::move(message), *source_, offset, length));
  }
  const SourceText& source() const noexcept { return *source_; }
  std::vector<Diagnostic>& out() const noexcept { return *out_; }

 private:
  const SourceText* source_;
  std::vector<Diagnostic>* out_;
};

/// " (did you mean 'x'?)" when `suggestion` is not empty, else "".
std::string did_you_mean(std::string_view suggestion);

}  // namespace contrascreen
