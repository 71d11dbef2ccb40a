#include "io/answer_positions.hpp"

#include <optional>
#include <utility>

#include "io/intake_json_full.hpp"
#include "ruleset/yaml_intake.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::io {

void append_positioned(const std::vector<ImpossibleAnswer>& problems, const Catalogue& catalogue, std::string_view text,
                       IntakeText kind, std::string_view name, std::uint32_t first_line, std::vector<Diagnostic>& out) {
  // Positions count from after a byte order mark, as the readers' own diagnostics do.
  if (kind == IntakeText::json && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const SourceText source{std::string(name), std::string(text)};
  for (const ImpossibleAnswer& problem : problems) {
    const std::string& question = catalogue.questions()[problem.question].id;
    std::optional<std::pair<std::uint32_t, std::uint32_t>> span;
    if (kind == IntakeText::json) span = json_answer_span(text, question);
    if (kind == IntakeText::yaml) span = detail::yaml_answer_span(text, question);
    const auto [offset, length] = span.value_or(std::pair<std::uint32_t, std::uint32_t>{0, 0});
    Diagnostic d = make_diagnostic(problem.diagnostic.severity, problem.diagnostic.code, problem.diagnostic.message,
                                   source, offset, length);
    d.where.line += first_line == 0 ? 0 : first_line - 1;
    out.push_back(std::move(d));
  }
}

}  // namespace contrascreen::io
