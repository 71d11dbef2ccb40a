// The JSON fast path (src/io/intake_json_flat.hpp) against the full reader: what it
// accepts it reads to the same intake; everything else it hands over, so that the full
// reader decides and reports. fuzz_intake_json checks the same on generated inputs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <contrascreen/intake_reader.hpp>

#include "io/intake_json_flat.hpp"
#include "io/intake_json_full.hpp"

namespace {

using namespace contrascreen;

struct Case {
  const char* what;
  std::string json;
  bool fast;  // read by the fast path (else by the full reader)
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // The common shape, and what the subset allows around it.
      {"a whole intake",
       R"({"id":"A-1","date":"2026-11-21","answers":{"pregnant":true,"age":52,"acne":"none",)"
       R"("medications":["Warfarin","sertraline"],"last_microneedling_date":"2026-01-23"}})",
       true},
      {"blanks everywhere", " {\t\"id\" : \"A\" ,\r\n \"answers\" : { \"pregnant\" : false , \"age\" : 0 } } \n", true},
      {"no answers", R"({"answers":null})", true},
      {"empty answers", R"({"answers":{}})", true},
      {"null id and date", R"({"id":null,"date":null,"answers":{"pregnant":true}})", true},
      {"an unanswered question", R"({"answers":{"pregnant":null,"medications":null}})", true},
      {"an empty list", R"({"answers":{"medications":[]}})", true},
      {"a decimal number", R"({"answers":{"age":52.5}})", true},
      {"fifteen digits", R"({"answers":{"age":52.0000000000000}})", true},
      {"UTF-8 text", R"({"id":"Åsa","answers":{"medications":["Waran® 5 mg","ß"]}})", true},
      {"key order differs", R"({"answers":{"age":40,"pregnant":false},"id":"B"})", true},

      // Everything else goes to the full reader, valid or not.
      {"an escape in a string", R"({"id":"A\"B","answers":{}})", false},
      {"an escaped key", R"({"answers":{"pregn\u0061nt":true}})", false},
      {"a number id", R"({"id":17,"answers":{}})", false},
      {"a negative number", R"({"answers":{"age":-1}})", false},
      {"an exponent", R"({"answers":{"age":5e1}})", false},
      {"sixteen digits", R"({"answers":{"age":52.00000000000000}})", false},
      {"a leading zero", R"({"answers":{"age":052}})", false},
      {"a bare decimal point", R"({"answers":{"age":52.}})", false},
      {"out of range", R"({"answers":{"age":500}})", false},
      {"an unknown question", R"({"answers":{"pregant":true}})", false},
      {"a wrong type", R"({"answers":{"pregnant":"yes"}})", false},
      {"an unknown enum value", R"({"answers":{"acne":"lots"}})", false},
      {"an impossible date", R"({"date":"2026-02-30","answers":{}})", false},
      {"an impossible answer date", R"({"answers":{"last_microneedling_date":"2026-13-01"}})", false},
      {"a number in a list", R"({"answers":{"medications":["a",1]}})", false},
      {"an answer twice", R"({"answers":{"pregnant":true,"pregnant":false}})", false},
      {"answers twice", R"({"answers":{},"answers":{}})", false},
      {"id twice", R"({"id":"a","id":"b","answers":{}})", false},
      {"a nested value of the sender", R"({"meta":{"a":1},"answers":{}})", false},
      {"the sender's own keys (an error)", R"({"clinic":"Oslo","n":3,"flag":true,"x":null,"answers":{}})", false},
      {"an empty object (no answers: an error)", "{}", false},
      {"answers given flat (an error)", R"({"pregnant":true})", false},
      {"Date for date (an error)", R"({"Date":"2026-11-21","answers":{}})", false},
      {"text after the object", R"({"answers":{}} x)", false},
      {"two objects", R"({}{})", false},
      {"a missing comma", R"({"answers":{"pregnant":true "age":3}})", false},
      {"a trailing comma", R"({"answers":{"pregnant":true,}})", false},
      {"a trailing comma in a list", R"({"answers":{"medications":["a",]}})", false},
      {"an unclosed object", R"({"answers":{"pregnant":true})", false},
      {"a truncated literal", R"({"answers":{"pregnant":tru}})", false},
      {"a longer word", R"({"answers":{"pregnant":truex}})", false},
      {"a byte order mark", "\xEF\xBB\xBF{}", false},
      {"invalid UTF-8", "{\"id\":\"\xFF\",\"answers\":{}}", false},
      {"a control character", "{\"id\":\"a\tb\",\"answers\":{}}", false},
      {"not an object", "[]", false},
      {"nothing", "", false},
      {"blanks only", "  \n", false},
  };
  return all;
}

}  // namespace

TEST_CASE("json fast path: reads its subset as the full reader does, and hands over the rest") {
  const auto catalogue = Catalogue::builtin();
  io::FlatJsonReader flat(*catalogue);
  io::FullJsonReader full(catalogue);
  JsonIntakeReader reader(catalogue);
  // One reused reader of each kind, as in a batch: each case also follows all the others.
  for (int round = 0; round < 2; ++round) {
    for (const Case& c : cases()) {
      CAPTURE(c.what);
      Intake fast(catalogue), reference(catalogue), public_result(catalogue);
      std::vector<Diagnostic> full_problems, problems;
      CHECK(flat.read(c.json, fast) == c.fast);
      const bool valid = full.parse(c.json, reference, full_problems, "case.json", 1);
      if (c.fast) {
        CHECK(valid);
        CHECK(fast == reference);
      }
      // The public reader gives the full reader's answer either way.
      CHECK(reader.parse(c.json, public_result, problems, "case.json", 1) == valid);
      CHECK(problems.size() == full_problems.size());
      if (valid) CHECK(public_result == reference);
    }
  }
}

TEST_CASE("intake equality: same catalogue, id, date and answers, however built") {
  const auto catalogue = Catalogue::builtin();
  Intake a(catalogue), b(catalogue);
  CHECK(a == b);
  a.set("medications", {"x", "y"});
  b.set("medications", {"x"});
  CHECK_FALSE(a == b);
  b.set("medications", {"x", "y"});  // the old list stays in b's pool: only the answer counts
  CHECK(a == b);
  a.set_id("A");
  CHECK_FALSE(a == b);
  b.set_id("A");
  a.set("age", 40);
  b.set("age", 41);
  CHECK_FALSE(a == b);
  b.set("age", 40);
  CHECK(a == b);
  b.unset("age");
  CHECK_FALSE(a == b);
  a.clear();
  b.clear();
  CHECK(a == b);
}
