// The flow-nesting pre-scan (src/yaml/flow_depth.hpp): brackets count only where YAML
// starts a node, so that text full of brackets is never rejected as "too deep", while real
// nesting is found at the bracket that crosses the limit.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <contrascreen/ruleset.hpp>

#include "yaml/flow_depth.hpp"

namespace {

using contrascreen::yaml::find_flow_nesting_beyond;
constexpr std::size_t none = std::string_view::npos;
constexpr int limit = 3;

struct Case {
  const char* what;
  const char* text;
  std::size_t expected;  // offset of the bracket crossing `limit`, or none
};

const Case cases[] = {
    {"flow sequences", "a: [[[x]]]\n", none},
    {"one too deep", "a: [[[[x]]]]\n", 6},
    {"flow mappings and sequences", "a: {b: [{c: [x]}]}\n", 12},
    {"JSON style, no blanks", "{\"a\":[{\"b\":[1]}]}", 11},
    {"after commas", "a: [x, [y, [z, [w]]]]\n", 15},
    {"over several lines", "a: [\n  [\n    [\n      [x]]]]\n", 21},
    {"closed ones do not add up", "a: [[[x]]]\nb: [[[y]]]\nc: [[[z]]]\n", none},
    {"block sequence entries", "- [[[x]]]\n- [[[[y]]]]\n", 15},
    {"after an anchor", "a: &x [[[[y]]]]\n", 9},
    {"single-quoted text", "message: '[[[[[[ it''s [[[['\n", none},
    {"double-quoted text", "message: \"[[[[[[ \\\" [[[[\"\n", none},
    {"quoted over lines", "message: '[[[[\n  [[[['\nb: [[[[x]]]]\n", 29},
    {"plain text", "message: see [[[[[1]\n", none},
    {"plain text after a flow node", "a: [x]\nmessage: note [[[[[[\n", none},
    {"comments", "a: 1  # [[[[[[\n# {{{{{{\n", none},
    {"a hash inside a word is not a comment", "a: [[[b#[x]]]]\n", none},
    {"literal block scalar", "message: |\n  [[[[[[\n  {{{{{{\nb: [[[[x]]]]\n", 35},
    {"folded block scalar in a sequence", "- >-\n [[[[[[\n\n [[[[\n- x\n", none},
    {"unbalanced closers are ignored", "a: ]]]]\nb: [[[x]]]\n", none},
};

}  // namespace

TEST_CASE("yaml flow depth: brackets count only where a node starts") {
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(find_flow_nesting_beyond(c.text, limit) == c.expected);
  }
}

TEST_CASE("yaml flow depth: a rule set whose messages are full of brackets loads") {
  // 65 brackets in a quoted message were yaml.too_deep before the scan skipped quoted text.
  const std::string brackets(65, '[');
  const std::string text = "id: brackets\nversion: '1'\ntreatment: microneedling\nlanguages: [en]\nrules:\n"
                           "  - id: r\n    when: pregnant\n    decision: refuse\n    message: '" +
                           brackets + "'\n    source: s\n  # " + brackets + "\n";
  const contrascreen::LoadResult loaded = contrascreen::load_ruleset_string(text);
  CHECK_MESSAGE(loaded.ruleset.has_value(), contrascreen::format_diagnostics(loaded.diagnostics));
}
