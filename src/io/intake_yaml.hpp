// Binding YAML answers to an intake; shared by YAML intake files and rule-set tests.
#pragma once

#include <yaml-cpp/yaml.h>

#include "contrascreen/intake.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::io {

/// Binds the mapping `answers` (question id -> answer) into `out`, reporting every
/// problem (unknown question, wrong type, undeclared enum value, impossible date) to
/// `sink` with its position. Returns false when any was found.
bool bind_yaml_answers(const YAML::Node& answers, Intake& out, DiagnosticSink& sink);

}  // namespace contrascreen::io
