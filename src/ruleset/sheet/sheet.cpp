// The policy sheet's entry point (contrascreen/sheet.hpp): gather, then render.
#include "contrascreen/sheet.hpp"

#include "ruleset/sheet/sheet_emitter.hpp"
#include "ruleset/sheet/sheet_model.hpp"

namespace contrascreen {

const char* to_string(SheetFormat format) noexcept {
  return format == SheetFormat::markdown ? "markdown" : "html";
}

std::optional<SheetFormat> sheet_format(std::string_view name) noexcept {
  if (name == "html") return SheetFormat::html;
  if (name == "markdown") return SheetFormat::markdown;
  return std::nullopt;
}

std::string write_sheet(const RuleSet& rules, const SheetOptions& options) {
  const sheet::SheetModel model = sheet::build_sheet(rules, options);
  return options.format == SheetFormat::markdown ? sheet::render_markdown(model) : sheet::render_html(model);
}

}  // namespace contrascreen
