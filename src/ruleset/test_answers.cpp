#include "ruleset/test_answers.hpp"

#include <yaml-cpp/yaml.h>

namespace contrascreen::detail {

TestAnswers::TestAnswers(const YAML::Node& answers) : node_(std::make_shared<const YAML::Node>(answers)) {}

}  // namespace contrascreen::detail
