// The text format of decisions and error records (decision_text.cpp), for people at a
// terminal; append_decision and append_error_record dispatch to these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contrascreen/output.hpp"

namespace contrascreen::io {

void append_text_decision(std::string& out, const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                          const OutputOptions& options);
void append_text_error(std::string& out, const std::optional<std::string>& id, const std::vector<Diagnostic>& errors,
                       const OutputOptions& options);

}  // namespace contrascreen::io
