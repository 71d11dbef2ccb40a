// Reading intakes and answers from YAML: YAML intake files (through parse_intake) and the
// `answers:` of a rule set's tests, which the compiler binds at load time so that their
// problems are reported with the rule set's diagnostics. In ruleset/ rather than io/
// because the rule-set compiler needs it and may not reach up into io/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "contrascreen/intake.hpp"
#include "util/diagnostic_builder.hpp"

namespace YAML {
class Node;  // complete only where <yaml-cpp/yaml.h> is included
}  // namespace YAML

namespace contrascreen::detail {

/// Parses one YAML intake mapping ({"id", "date", "answers"}) from `text`, reporting every
/// problem with its position in `name` (parse_intake's YAML half).
IntakeResult parse_yaml_intake(std::string_view text, std::shared_ptr<const Catalogue> catalogue,
                               std::string_view name);

/// Binds the mapping `answers` (question id -> answer) into `out`, reporting every
/// problem (unknown question, wrong type, undeclared enum value, impossible date) to
/// `sink` with its position. Returns false when any was found.
bool bind_yaml_answers(const YAML::Node& answers, Intake& out, DiagnosticSink& sink);

/// Where the answer to `question` is written in the YAML intake `text`, which a reader has
/// read without errors: the byte offset and length of its value, or nullopt when the intake
/// does not answer it. For problems found after reading (io/answer_positions.hpp).
std::optional<std::pair<std::uint32_t, std::uint32_t>> yaml_answer_span(std::string_view text,
                                                                        std::string_view question);

}  // namespace contrascreen::detail
