// The shared answer cases (tests/data/answers/cases.yaml) as C++ values: loading them, and
// reading their JSON texts (the answer, the stored value) into a small value type from which
// each front end's input is derived. bindings/python/tests/test_answer_cases.py reads the
// same file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "util/decimal_text.hpp"
#include "test_data.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen::testing {

/// The front ends every case runs through (python: in the Python tests).
inline const std::vector<std::string> answer_front_ends = {"json", "yaml", "csv", "cpp", "python"};

/// One case of cases.yaml; see the comment at its top for what each field means.
struct AnswerCase {
  std::string name;
  std::string question;
  std::optional<std::string> value, date, yaml, csv, stores, refuses, message, fast_path_declines;
  bool latin1 = false;
  std::map<std::string, std::string> skip;  // front end -> why not
  std::vector<std::string> only;
  std::string because;

  /// Whether the case applies to `front_end`, by `skip` and `only`.
  bool applies_to(const std::string& front_end) const {
    if (skip.count(front_end) != 0) return false;
    return only.empty() || std::find(only.begin(), only.end(), front_end) != only.end();
  }
};

/// ${long} in a field: 1,250 times "warfarin".
inline std::string expand(std::string text) {
  static const std::string long_text = [] {
    std::string s;
    for (int i = 0; i < 1250; ++i) s += "warfarin";
    return s;
  }();
  for (std::size_t at; (at = text.find("${long}")) != std::string::npos;) text.replace(at, 7, long_text);
  return text;
}

inline std::vector<AnswerCase> load_answer_cases() {
  const YAML::Node root = YAML::LoadFile((data_dir() / "answers" / "cases.yaml").string());
  std::vector<AnswerCase> cases;
  for (const YAML::Node& node : root["cases"]) {
    AnswerCase c;
    auto field = [&](const char* key) -> std::optional<std::string> {
      if (!node[key]) return std::nullopt;
      return expand(node[key].as<std::string>());
    };
    c.name = node["name"].as<std::string>();
    c.question = node["question"].as<std::string>();
    c.value = field("value"), c.date = field("date"), c.yaml = field("yaml"), c.csv = field("csv");
    c.stores = field("stores"), c.refuses = field("refuses"), c.message = field("message");
    c.fast_path_declines = field("fast_path_declines");
    c.latin1 = field("latin1") == "true";
    if (node["skip"])
      for (const auto& entry : node["skip"]) c.skip[entry.first.as<std::string>()] = entry.second.as<std::string>();
    if (node["only"])
      for (const auto& name : node["only"]) c.only.push_back(name.as<std::string>());
    c.because = field("because").value_or("");
    cases.push_back(std::move(c));
  }
  return cases;
}

/// A JSON value as the cases write it (plus NaN, Infinity and -Infinity).
struct JsonValue {
  enum class Kind { null, boolean, number, string, list, object } kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;  // string: the string; number: the token as written
  std::vector<JsonValue> items;

  /// A list whose items are all strings.
  bool is_string_list() const {
    return kind == Kind::list &&
           std::all_of(items.begin(), items.end(), [](const JsonValue& v) { return v.kind == Kind::string; });
  }
};

// JSON is YAML: yaml-cpp reads the text, and a quoted scalar is a string.
inline JsonValue to_json_value(const YAML::Node& node) {
  JsonValue v;
  if (node.IsSequence()) {
    v.kind = JsonValue::Kind::list;
    for (const auto& item : node) v.items.push_back(to_json_value(item));
  } else if (node.IsMap()) {
    v.kind = JsonValue::Kind::object;
  } else if (node.IsScalar() && !yaml::is_plain(node)) {
    v.kind = JsonValue::Kind::string;
    v.text = node.Scalar();
  } else if (node.IsNull()) {
    v.kind = JsonValue::Kind::null;
  } else if (node.Scalar() == "true" || node.Scalar() == "false") {
    v.kind = JsonValue::Kind::boolean;
    v.boolean = node.Scalar() == "true";
  } else {
    v.kind = JsonValue::Kind::number;
    v.text = node.Scalar();
    const std::string& t = v.text;
    if (t == "NaN" || t == "Infinity" || t == "-Infinity") {
      v.number = t == "NaN"    ? std::numeric_limits<double>::quiet_NaN()
                 : t[0] == '-' ? -std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::infinity();
    } else if (const auto number = util::read_decimal(t)) {
      v.number = number->value;  // what a C++ caller's double holds
    } else {
      throw std::invalid_argument("not a JSON value: " + t);
    }
  }
  return v;
}

inline JsonValue parse_json_value(const std::string& text) {
  return to_json_value(YAML::Load(text));
}

}  // namespace contrascreen::testing
