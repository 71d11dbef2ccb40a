// A rule-set test's `answers:` between loading and binding. The rule-set model keeps it
// without including yaml-cpp: the parsed mapping sits behind a pointer, and only the .cpp
// files that read or bind answers (they include yaml-cpp) look inside.
#pragma once

#include <memory>

namespace YAML {
class Node;  // complete only where <yaml-cpp/yaml.h> is included
}  // namespace YAML

namespace contrascreen::detail {

/// The `answers:` of one test as parsed, with the positions diagnostics point at.
/// Immutable; copies share the mapping.
class TestAnswers {
 public:
  /// The test has no `answers:`.
  TestAnswers() = default;
  /// Keeps `answers`: a mapping, or null for an `answers:` key without a value.
  explicit TestAnswers(const YAML::Node& answers);

  /// True when the test has an `answers:` key.
  explicit operator bool() const noexcept { return node_ != nullptr; }
  /// The answers as parsed. Only when operator bool is true.
  const YAML::Node& node() const noexcept { return *node_; }


 private:
  std::shared_ptr<const YAML::Node> node_;
};

}  // namespace contrascreen::detail
