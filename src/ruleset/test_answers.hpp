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

  // The spelling of the YAML::Node that TestDef::answers used to be, for compile.cpp (being
  // rewritten on another branch), which calls io::bind_yaml_answers(test.answers, ...).
  // Remove both once it binds node(): they are not for new code.
  bool IsNull() const;                                            // NOLINT(readability-identifier-naming)
  operator const YAML::Node&() const noexcept { return node(); }  // NOLINT(google-explicit-constructor)

 private:
  std::shared_ptr<const YAML::Node> node_;
};

}  // namespace contrascreen::detail
