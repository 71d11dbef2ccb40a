// The fused compiled form against the generic one (issue 12): random conditions built from
// every fused shape (leaves, guards, negations, nested and/or chains, ternaries, date
// comparisons, any_in, and the value code of tests that compute values) are compiled twice, with and without fusion,
// and evaluated over generated intakes. Both must give the same truth value and the same missing questions, the same
// first failure (node and message) when asked for it, and the same dates for add_days / add_months. The generic form is
// the evaluator as it was before fusion: one instruction per operator, binary and/or, explicit answered() tests.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <contrascreen/contrascreen.hpp>
#include <contrascreen/intake_reader.hpp>

#include "core/intake_access.hpp"
#include "expr/checker.hpp"
#include "expr/compiler.hpp"
#include "expr/evaluator.hpp"
#include "expr/parser.hpp"
#include "generated_intakes.hpp"

namespace {

using namespace contrascreen;

// Random conditions over the catalogue's questions, in the shapes the compiler fuses and
// around them.
class ConditionGenerator {
 public:
  explicit ConditionGenerator(std::uint64_t seed) : rng_(seed) {}

  std::string condition(int depth) {
    if (depth == 0 || pick(3) == 0) return leaf();
    switch (pick(9)) {
      case 0:
        return condition(depth - 1) + " && " + condition(depth - 1);
      case 1:
        return condition(depth - 1) + " || " + condition(depth - 1);
      case 2:
        return "(" + condition(depth - 1) + " || " + condition(depth - 1) + ") && " + condition(depth - 1);
      case 3:
        return "!(" + condition(depth - 1) + ")";
      case 4:
        return "(" + condition(depth - 1) + " ? " + condition(depth - 1) + " : " + condition(depth - 1) + ")";
      case 5: {  // a guard around tests of the same question
        const auto [question, test] = guarded_test();
        return "answered(" + question + ") && (" + test + ")";
      }
      case 6: {
        const auto [question, test] = guarded_test();
        return "(answered(" + question + ") ? " + test + " : " + (pick(2) ? "true" : "false") + ")";
      }
      case 7: {
        const auto [question, test] = guarded_test();
        return "(!answered(" + question + ") || " + test + ")";
      }
      default:
        return "(" + condition(depth - 1) + " && " + condition(depth - 1) + ") || " + condition(depth - 1);
    }
  }

  std::string date_value() {
    const std::string q = pick(2) ? "last_microneedling_date" : "oral_retinoids_stopped_on";
    return std::string(pick(2) ? "add_days(" : "add_months(") + q + ", " + std::to_string(int(pick(61)) - 30) + ")";
  }

 private:
  std::uint32_t pick(std::uint32_t n) { return static_cast<std::uint32_t>(rng_() % n); }

  std::pair<std::string, std::string> guarded_test() {
    static const char* bools[] = {"pregnant", "keloid_history", "sensitive_skin", "previous_microneedling"};
    switch (pick(5)) {
      case 0: {
        const std::string q = bools[pick(4)];
        return {q, pick(2) ? q : "!" + q};
      }
      case 1:
        return {"acne", "acne == \"active_mild\" || acne == \"scars_only\""};
      case 2:
        return {"age", pick(2) ? "age < 18 || age >= 70" : "!(age < 18) && !(age in [30.0, 40.0])"};
      case 3:
        return {"medications", "any_in(medications, anticoagulants)"};
      default:
        return {"last_microneedling_date", "days_since(last_microneedling_date) < 28"};
    }
  }

  std::string leaf() {
    static const char* leaves[] = {
        "pregnant",
        "!breastfeeding",
        "keloid_history",
        "previous_microneedling",
        "acne == \"active_mild\"",
        "rosacea != \"none\"",
        "\"severe\" == dermatitis",
        "acne in [\"active_mild\", \"active_inflammatory\"]",
        "indication in [\"pores\"]",
        "age < 18",
        "age >= 65.5",
        "40 > age",
        "-3 < age",
        "age == 30",
        "any_in(medications, anticoagulants)",
        "any_in(medications, [\"Metformin\", \"ibuprofen \"])",
        "answered(age)",
        "!answered(medications)",
        "!(acne != \"none\")",
        "!(rosacea == \"mild\")",
        "!(age < 30)",
        "!(acne in [\"active_mild\", \"scars_only\"])",
        "!any_in(medications, anticoagulants)",
        "!(days_since(last_microneedling_date) < 28)",
        "!!(months_since(oral_retinoids_stopped_on) >= 6)",
        "days_since(last_microneedling_date) < 28",
        "28 >= days_since(last_microneedling_date)",
        "weeks_since(last_microneedling_date) > 10",
        "months_since(oral_retinoids_stopped_on) < 6",
        "years_since(oral_retinoids_stopped_on) <= 1",
        "last_microneedling_date >= date(\"2026-06-01\")",
        "date(\"2026-01-15\") > oral_retinoids_stopped_on",
        "months_since(oral_retinoids_stopped_on) != 12",
        "size(medications) > 1",
        "medications.size() <= 2.5",
        "0 == size(medications)",
        "!(size(medications) >= 2)",
        "\"metformin\" in medications",
        "!(\"Warfarin\" in medications)",
        "age * 2 > 90",
        "true",
        "false",
        // Value code: arithmetic, conversions, sizes, indexing, text tests, value ternaries,
        // comparisons of computed values, and the failures (division by zero, an index out
        // of range, int() out of range, a date out of range) that hand the test back.
        "age * 2 + 3 > 130",
        "int(age) % 4 == 1",
        "age / 2.0 > 30",
        "-age < -60",
        "age - 5 >= 80",
        "age / (int(age) % 2) > 20",
        "int(age) / (int(age) % 3) > 10",
        "age * 1e300 * 1e10 > 1.0",
        "int(age * 1e17) > 0",
        "\"warfarin\" in medications",
        "size(medications) > 2 || \"Metformin\" in medications",
        "medications.size() >= 1 && medications[0].startsWith(\"war\")",
        "medications[2].startsWith(\"a\")",
        "!medications[1].endsWith(\"in\")",
        "medications[1] == \"heparin\"",
        "medications[0].endsWith(\"in\") || medications[0].contains(\"ox\")",
        "acne.startsWith(\"act\")",
        "rosacea.endsWith(\"ld\")",
        "indication.contains(\"t\")",
        "size(acne) > 4",
        "add_days(last_microneedling_date, 10) >= today()",
        "add_months(oral_retinoids_stopped_on, 2000000000) > today()",
        "(previous_microneedling ? 20 : 10) > days_since(last_microneedling_date)",
        "double(days_since(last_microneedling_date)) / 7.0 < 3.5",
        "years_since(oral_retinoids_stopped_on) * 12 > months_since(oral_retinoids_stopped_on) - 11",
        "weeks_since(last_microneedling_date) * 7 <= days_since(last_microneedling_date)",
        "(age > 40 ? 1 : 2.5) * age > 60",
        "[1, 2, 3][int(age) % 3] == 2",
        "[true, false][int(age) % 2]",
        "age in [30.0, 40.0, 41]",
        "int(age) in [30, 40]",
        "(age > 50) == pregnant",
        "!(age * 2 > 90) && !pregnant",
        "(acne == \"none\" ? age : -age) < 20",
        "date(\"2026-01-01\") < last_microneedling_date",
        "any_in([\"Warfarin \", \"x\"], medications)",
        "any_in(medications, [\"Warfarin\"]) == (size(medications) > 1)",
    };
    return leaves[pick(std::size(leaves))];
  }

  std::mt19937_64 rng_;
};

struct Compiled {
  expr::Program program;
  expr::Pc entry = expr::no_pc;
};

Compiled compile(const expr::CheckedExpression& checked, const Catalogue& catalogue, expr::Fusion fusion) {
  Compiled out;
  expr::ProgramBuilder builder(out.program, catalogue, fusion);
  builder.add_value_set({"warfarin", "Apixaban", "heparin"});
  out.entry = builder.compile(checked, checked.reads);
  if (fusion == expr::Fusion::on) builder.finish();  // leaf chains laid out, as a rule set's are
  return out;
}

expr::EvalContext context(const Intake& intake, const Compiled& c, const Catalogue& catalogue) {
  expr::EvalContext ctx;
  ctx.slots = detail::IntakeAccess::slots(intake);
  ctx.intake = &intake;
  ctx.program = &c.program;
  ctx.catalogue = &catalogue;
  ctx.today = Date::parse_iso(testing::generated_date)->days_since_epoch();
  return ctx;
}

std::optional<expr::CheckedExpression> check(const std::string& text, const Catalogue& catalogue,
                                             expr::TypeKind expected) {
  auto parsed = expr::parse_expression(text);
  REQUIRE_MESSAGE(parsed.errors.empty(), text);
  expr::Environment env;
  env.catalogue = &catalogue;
  env.value_sets = {"anticoagulants"};
  std::vector<expr::ExprDiagnostic> problems;
  auto checked = expr::check_expression(std::move(parsed.ast), env, expected, problems);
  REQUIRE_MESSAGE(checked.ok, text);
  return checked;
}

// A condition compiled both ways: fused, and generic (Fusion::off), the reference.
struct BothForms {
  Compiled fused;
  Compiled generic;
};

BothForms compile_both(const std::string& text, const Catalogue& catalogue) {
  const auto checked = check(text, catalogue, expr::TypeKind::boolean);
  return {compile(*checked, catalogue, expr::Fusion::on), compile(*checked, catalogue, expr::Fusion::off)};
}

// A test of one question, and whether it compiles to one instruction (the cases below say
// why some do not).
struct Case {
  const char* text;
  const char* question;
  bool folds;
};

// Whether the fused and the generic form of one test decide the same (truth value and
// missing questions) on an intake that answers `question` with `answer` (JSON text), or
// leaves it unanswered (`answer` empty); a failed check says how they differ.
bool same_on_answer(const Compiled& fused, const Compiled& generic, const std::shared_ptr<const Catalogue>& catalogue,
                    const std::string& question, const std::string& answer) {
  CAPTURE(answer);
  const std::string json = "{\"answers\": {" + (answer.empty() ? "" : "\"" + question + "\": " + answer) + "}}";
  IntakeResult intake = parse_intake(json, IntakeFormat::json, catalogue);
  REQUIRE(intake);
  const expr::Instr root = fused.program.code[fused.entry];  // a copy, as CompiledRuleSet::roots holds
  const expr::Tri a = expr::eval_rule(root, fused.entry, context(*intake.intake, fused, *catalogue));
  const expr::Tri b = expr::eval_bool(generic.entry, context(*intake.intake, generic, *catalogue));
  if (a.state == b.state && a.missing == b.missing) return true;
  FAIL_CHECK("fused " << int(a.state) << "/" << a.missing << ", generic " << int(b.state) << "/" << b.missing);
  return false;
}

std::vector<Intake> generated_intakes(const std::shared_ptr<const Catalogue>& catalogue, std::size_t count) {
  testing::IntakeGenerator generator(*catalogue, 20261121);
  std::vector<Intake> out;
  while (out.size() < count) {
    IntakeResult r = parse_intake(generator.next().json, IntakeFormat::json, catalogue);
    REQUIRE(r);
    out.push_back(std::move(*r.intake));
  }
  return out;
}

}  // namespace

TEST_CASE("fusion: fused conditions decide as the generic instructions do, missing questions included") {
  // Jumping code included (Op::leaf_graph): a condition of leaves under &&, ||, ! and ?:.
  const auto catalogue = Catalogue::builtin();
  const std::vector<Intake> intakes = generated_intakes(catalogue, 300);
  ConditionGenerator generator(12);
  std::size_t decided = 0, undecided = 0, failed = 0, value_code = 0, jumping_code = 0;
  for (int n = 0; n < 600; ++n) {
    const std::string text = generator.condition(4);
    const auto [fused, generic] = compile_both(text, *catalogue);
    if (!fused.program.steps.empty()) ++value_code;
    if (fused.program.code[fused.entry].op == expr::Op::leaf_graph) ++jumping_code;
    for (std::size_t i = 0; i < intakes.size(); ++i) {
      // With the first failure recorded, as the explaining path and failure messages do.
      expr::EvalError fused_error, generic_error;
      expr::EvalContext fused_ctx = context(intakes[i], fused, *catalogue);
      expr::EvalContext generic_ctx = context(intakes[i], generic, *catalogue);
      const expr::Instr root = fused.program.code[fused.entry];  // a copy, as CompiledRuleSet::roots holds
      const expr::Tri a = expr::eval_rule(root, fused.entry, fused_ctx);
      const expr::Tri b = expr::eval_bool(generic.entry, generic_ctx);
      fused_ctx.error = &fused_error;
      generic_ctx.error = &generic_error;
      const expr::Tri a_explained = expr::eval_bool(fused.entry, fused_ctx);
      (void)expr::eval_bool(generic.entry, generic_ctx);
      (a.state == expr::Tri::undecided ? undecided : decided)++;
      if ((a.missing & expr::failed_bit) != 0) ++failed;
      if (a.state != b.state || (a.state == expr::Tri::undecided && a.missing != b.missing) ||
          a_explained.state != a.state || a_explained.missing != a.missing) {
        FAIL_CHECK("`" << text << "` on generated intake " << i << ": fused " << int(a.state) << "/" << a.missing
                       << ", generic " << int(b.state) << "/" << b.missing);
        break;
      }
      if (fused_error.set != generic_error.set || fused_error.node != generic_error.node ||
          fused_error.message != generic_error.message) {
        FAIL_CHECK("`" << text << "` on generated intake " << i << ": fused failure '" << fused_error.message
                       << "' at node " << fused_error.node << ", generic '" << generic_error.message << "' at node "
                       << generic_error.node);
        break;
      }
    }
  }
  // The conditions reach both outcomes often enough to mean something.
  CHECK(decided > 10000);
  CHECK(undecided > 1000);
  CHECK(failed > 100);
  CHECK(value_code > 150);
  CHECK(jumping_code > 20);
}

TEST_CASE("fusion: add_days and add_months on a question give the generic dates") {
  const auto catalogue = Catalogue::builtin();
  const std::vector<Intake> intakes = generated_intakes(catalogue, 300);
  ConditionGenerator generator(13);
  for (int n = 0; n < 40; ++n) {
    const std::string text = generator.date_value();
    const auto checked = check(text, *catalogue, expr::TypeKind::date);
    const Compiled fused = compile(*checked, *catalogue, expr::Fusion::on);
    const Compiled generic = compile(*checked, *catalogue, expr::Fusion::off);
    REQUIRE(fused.program.code[fused.entry].op == expr::Op::date_shift);
    for (std::size_t i = 0; i < intakes.size(); ++i) {
      const expr::Value a = expr::eval_value(fused.entry, context(intakes[i], fused, *catalogue));
      const expr::Value b = expr::eval_value(generic.entry, context(intakes[i], generic, *catalogue));
      REQUIRE(a.kind == b.kind);
      if (a.kind == expr::ValueKind::date) CHECK(a.date == b.date);
      if (a.kind == expr::ValueKind::undecided) CHECK(a.missing == b.missing);
    }
  }
}

TEST_CASE("fusion: a guard becomes part of the test it guards") {
  const auto catalogue = Catalogue::builtin();
  for (const char* text : {"answered(pregnant) && pregnant", "answered(acne) && (acne == \"active_mild\")",
                           "answered(age) ? age < 18 : false", "!answered(age) || age < 18",
                           "answered(last_microneedling_date) && (days_since(last_microneedling_date) < 28)",
                           "answered(medications) && any_in(medications, anticoagulants)",
                           "answered(acne) && !(acne != \"none\")", "!answered(age) || !(age < 18)"}) {
    CAPTURE(text);
    const auto checked = check(text, *catalogue, expr::TypeKind::boolean);
    const Compiled fused = compile(*checked, *catalogue, expr::Fusion::on);
    CHECK(expr::is_leaf(fused.program.code[fused.entry].op));
    CHECK(fused.program.code[fused.entry].if_unanswered != expr::Unanswered::undecided);
  }
}

TEST_CASE("fusion: `!` in front of a leaf is part of the leaf") {
  const auto catalogue = Catalogue::builtin();
  for (const char* text : {"!pregnant", "!(acne != \"none\")", "!(acne in [\"active_mild\", \"scars_only\"])",
                           "!(age < 18)", "!(days_since(last_microneedling_date) < 28)", "!answered(age)",
                           "!(\"warfarin\" in medications)", "!(medications.size() > 1)",
                           "!medications[1].startsWith(\"war\")"}) {
    CAPTURE(text);
    const auto checked = check(text, *catalogue, expr::TypeKind::boolean);
    const Compiled fused = compile(*checked, *catalogue, expr::Fusion::on);
    CHECK(expr::is_leaf(fused.program.code[fused.entry].op));
  }
}

TEST_CASE("fusion: a test of one bool or enum question is one leaf, decided as the generic form for every answer") {
  const auto catalogue = Catalogue::builtin();
  for (const Case c : {Case{"acne.startsWith(\"active\")", "acne", true},
                       Case{"rosacea == \"mild\" || rosacea == \"active_papulopustular\"", "rosacea", true},
                       Case{"!(acne.endsWith(\"mild\") && acne != \"none\")", "acne", true},
                       Case{"size(dermatitis) > 4 ? dermatitis != \"severe\" : false", "dermatitis", true},
                       Case{"acne in [\"none\"] == (size(acne) < 5)", "acne", true},
                       Case{"answered(acne) && acne.contains(\"ar\")", "acne", true},
                       Case{"pregnant == false", "pregnant", true},
                       Case{"pregnant ? true : !pregnant == false", "pregnant", true},
                       Case{"!answered(pregnant) || (pregnant || !pregnant)", "pregnant", true},  // always true
                       // Undecided when unanswered, true for every answer: no leaf has these outcomes.
                       Case{"pregnant || !pregnant", "pregnant", false},
                       // Out of range for some answers: a failure, which its generic instructions report.
                       Case{"[true, false][acne == \"none\" ? 0 : 2]", "acne", false},
                       // Two questions, or the screening date: not decided by one answer.
                       Case{"acne.startsWith(\"active\") || pregnant", "acne", false},
                       Case{"acne == \"none\" && today() > date(\"2026-01-01\")", "acne", false}}) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto [fused, generic] = compile_both(text, *catalogue);
    const expr::Instr& root = fused.program.code[fused.entry];
    // One leaf (or a constant), and the instructions it was folded from are gone.
    CHECK((fused.program.code.size() == 1 && (expr::is_leaf(root.op) || root.op == expr::Op::bool_const)) == c.folds);
    const Question& q = *catalogue->find(c.question);
    std::vector<std::string> answers;
    if (q.type == QuestionType::boolean) answers = {"false", "true"};
    for (const auto& value : q.values) answers.push_back("\"" + value.value + "\"");
    answers.push_back("");  // no answer
    for (const std::string& answer : answers) same_on_answer(fused, generic, catalogue, c.question, answer);
  }
}

TEST_CASE("fusion: a test that computes values runs as value code") {
  const auto catalogue = Catalogue::builtin();
  for (const char* text :
       {"int(age * 2) % 4 == 1", "size(medications) + 1 > 3 || \"warfarin\" in medications",
        "medications.size() >= 1 && medications[0] == \"warfarin\"",
        "(previous_microneedling ? 20 : age) > days_since(last_microneedling_date)",
        "add_months(last_microneedling_date, 1) >= today()", "[true, false][int(age * 2) % 2]"}) {
    CAPTURE(text);
    const auto checked = check(text, *catalogue, expr::TypeKind::boolean);
    const Compiled fused = compile(*checked, *catalogue, expr::Fusion::on);
    CHECK(fused.program.code[fused.entry].op == expr::Op::value_test);
  }
}

TEST_CASE("fusion: a test that reads a number question only as int() is one table leaf, decided as the generic "
          "form for every answer") {
  const auto catalogue = Catalogue::builtin();
  for (const Case c : {Case{"int(age) % 6 == 0", "age", true}, Case{"[1, 2, 3][int(age) % 3] == 2", "age", true},
                       Case{"int(age) in [30, 40]", "age", true}, Case{"!(int(age) % 7 == 1)", "age", true},
                       Case{"answered(age) && int(age) % 4 == 1", "age", true},
                       Case{"!answered(age) || int(age) % 4 != 1", "age", true},
                       Case{"int(age) * int(age) % 10 > 4", "age", true},
                       // Fails for some whole numbers (division by zero, an index out of range).
                       Case{"int(age) / (int(age) % 3) > 10", "age", false},
                       Case{"[true, false][int(age) % 3]", "age", false},
                       // Reads the answer itself too, or another question.
                       Case{"int(age) % 6 == 0 && age > 20.5", "age", false},
                       Case{"int(age) % 2 == 0 || pregnant", "age", false}}) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto [fused, generic] = compile_both(text, *catalogue);
    const expr::Instr& root = fused.program.code[fused.entry];
    CHECK((root.op == expr::Op::number_table) == c.folds);
    std::vector<std::string> answers{"", "-0.0", "130"};
    char buffer[64];
    for (int quarter = 0; quarter < 130 * 4; ++quarter) {
      std::snprintf(buffer, sizeof buffer, "%.17g", quarter / 4.0);
      answers.emplace_back(buffer);
      std::snprintf(buffer, sizeof buffer, "%.17g", std::nextafter(quarter / 4.0 + 0.25, 0.0));
      answers.emplace_back(buffer);
    }
    for (const std::string& answer : answers)
      if (!same_on_answer(fused, generic, catalogue, c.question, answer)) break;
    if (!c.folds) continue;
    // An answer outside the question's min and max, which no checked intake has, is left to
    // the test's instructions.
    std::vector<detail::AnswerSlot> slots(catalogue->size());
    expr::EvalContext ctx;
    ctx.slots = slots.data();
    ctx.program = &fused.program;
    ctx.catalogue = catalogue.get();
    expr::EvalContext generic_ctx = ctx;
    generic_ctx.program = &generic.program;
    detail::AnswerSlot& age = slots[catalogue->find("age")->index];
    for (const double outside : {-7.5, -1.0, -0.5, 131.0, 4095.5, 1e300}) {
      CAPTURE(outside);
      age.answered = true;
      age.value.number = outside;
      const expr::Tri a = expr::eval_rule(root, fused.entry, ctx);
      const expr::Tri b = expr::eval_bool(generic.entry, generic_ctx);
      CHECK((a.state == b.state && a.missing == b.missing));
    }
  }
}

TEST_CASE("fusion: a comparison of a value ternary, or of add_days with today() or a date, is jumping code, decided "
          "as the generic form") {
  const auto catalogue = Catalogue::builtin();
  struct JumpCase {
    const char* text;
    bool jumps;  // compiles to jumping code (Op::leaf_graph)
  };
  const JumpCase cases[] = {
      {"(previous_microneedling ? 20 : 10) > days_since(last_microneedling_date)", true},
      {"days_since(last_microneedling_date) <= (previous_microneedling ? 20 : 10)", true},
      {"answered(last_microneedling_date) && (previous_microneedling ? 22 : 12) > days_since(last_microneedling_date)",
       true},
      {"age > (pregnant ? 18 : 16.5)", true},
      {"last_microneedling_date >= (pregnant ? date(\"2026-11-01\") : date(\"2026-10-15\"))", true},
      {"(age < 17 ? 3 : 4) == size(medications)", true},
      {"add_days(last_microneedling_date, 13) >= today()", true},
      {"today() < add_days(last_microneedling_date, 28)", true},
      {"add_days(last_microneedling_date, -10) == today()", true},
      {"add_days(last_microneedling_date, -3650000) < today()", true},  // fails for all but the last dates
      {"add_days(last_microneedling_date, 30) > date(\"2026-11-01\")", true},
      {"previous_microneedling && add_days(last_microneedling_date, 13) >= today()", true},
      {"!(add_days(last_microneedling_date, 5) != today()) || pregnant", true},
      // Stays value code: a branch that is no constant; a shift by months; a shift that
      // always fails.
      {"(previous_microneedling ? 20 : age) > days_since(last_microneedling_date)", false},
      {"add_months(last_microneedling_date, 1) >= today()", false},
      {"add_days(last_microneedling_date, 4000000) > today()", false},
  };
  // Every combination of these answers (empty: unanswered), screened on three dates: the
  // usual one, and two where add_days leaves the date range for the dates around them.
  const Date usual = *Date::parse_iso(testing::generated_date);
  std::vector<std::string> dates{""};
  for (int days = -40; days <= 5; ++days) dates.push_back(usual.add_days(-days)->to_iso());
  for (int day = 1; day <= 20; ++day) dates.push_back(Date::from_days(Date::min_days + day - 1).to_iso());
  for (int day = 1; day <= 31; ++day) dates.push_back(Date::from_days(Date::max_days - day + 1).to_iso());
  std::vector<std::string> intakes_json;
  for (const char* bools : {"", "\"previous_microneedling\": true, \"pregnant\": false",
                            "\"previous_microneedling\": false, \"pregnant\": true"})
    for (const char* age : {"", "15", "16.5", "17", "18", "18.000000000000004", "40"})
      for (const char* medications : {"", "[\"a\", \"b\", \"c\"]"})
        for (const std::string& date : dates) {
          std::string answers = bools;
          const auto add = [&](const std::string& field) { answers += (answers.empty() ? "" : ", ") + field; };
          if (*age) add(std::string("\"age\": ") + age);
          if (*medications) add(std::string("\"medications\": ") + medications);
          if (!date.empty()) add("\"last_microneedling_date\": \"" + date + "\"");
          intakes_json.push_back("{\"answers\": {" + answers + "}}");
        }
  std::vector<Intake> intakes;
  for (const std::string& json : intakes_json) {
    IntakeResult r = parse_intake(json, IntakeFormat::json, catalogue);
    REQUIRE_MESSAGE(r, json);
    intakes.push_back(std::move(*r.intake));
  }
  const std::int32_t todays[] = {usual.days_since_epoch(), Date::max_days - 6, Date::min_days + 9};
  std::size_t failed = 0;
  for (const JumpCase& c : cases) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto [fused, generic] = compile_both(text, *catalogue);
    const expr::Instr root = fused.program.code[fused.entry];  // a copy, as CompiledRuleSet::roots holds
    CHECK((root.op == expr::Op::leaf_graph) == c.jumps);
    for (std::size_t i = 0; i < intakes.size(); ++i) {
      for (const std::int32_t today : todays) {
        expr::EvalContext fused_ctx = context(intakes[i], fused, *catalogue);
        expr::EvalContext generic_ctx = context(intakes[i], generic, *catalogue);
        fused_ctx.today = generic_ctx.today = today;
        const expr::Tri a = expr::eval_rule(root, fused.entry, fused_ctx);
        expr::EvalError fused_error, generic_error;
        fused_ctx.error = &fused_error;
        generic_ctx.error = &generic_error;
        const expr::Tri explained = expr::eval_bool(fused.entry, fused_ctx);
        const expr::Tri b = expr::eval_bool(generic.entry, generic_ctx);
        if ((b.missing & expr::failed_bit) != 0) ++failed;
        if (a.state != b.state || a.missing != b.missing || explained.state != b.state ||
            explained.missing != b.missing || fused_error.message != generic_error.message ||
            fused_error.node != generic_error.node) {
          FAIL_CHECK(intakes_json[i] << " on " << Date::from_days(today).to_iso() << ": fused " << int(a.state) << "/"
                                     << a.missing << " '" << fused_error.message << "', generic " << int(b.state) << "/"
                                     << b.missing << " '" << generic_error.message << "'");
          i = intakes.size() - 1;
          break;
        }
      }
    }
  }
  CHECK(failed > 1000);  // add_days out of range: the generic instructions decide and report it
}

TEST_CASE("fusion: a monotone test of a number or a date measure is one leaf, decided as the generic form around its "
          "threshold") {
  const auto catalogue = Catalogue::builtin();
  for (const Case c : {Case{"age * 2 + 3 > 133", "age", true}, Case{"-age < -63", "age", true},
                       Case{"age - 3 >= 80", "age", true}, Case{"133 < 3 + 2 * age", "age", true},
                       Case{"age / 2.0 > 33", "age", true}, Case{"int(age) / 5 >= 13", "age", true},
                       Case{"int(age * 3.7) <= 100", "age", true}, Case{"100 - age / 3 > 70.1", "age", true},
                       Case{"age * 0 > 1", "age", true},  // false for every answer
                       Case{"double(days_since(last_microneedling_date)) / 7.0 < 3.5", "last_microneedling_date", true},
                       Case{"weeks_since(last_microneedling_date) * 7 - 3 > 20", "last_microneedling_date", true},
                       Case{"-months_since(oral_retinoids_stopped_on) >= -6", "oral_retinoids_stopped_on", true},
                       Case{"years_since(oral_retinoids_stopped_on) * 12 + 1 > 13", "oral_retinoids_stopped_on", true},
                       // Fails for the largest answers: the instructions report it.
                       Case{"age * 1e300 * 1e10 > 1.0", "age", false},
                       Case{"int(age * 1e17) > 0", "age", false},
                       // Not monotone, or not an order.
                       Case{"100 / age > 2", "age", false}, Case{"age * age > 100", "age", false},
                       Case{"int(age) % 6 > 2", "age", false}, Case{"age * 2 == 60", "age", false}}) {
    const std::string text = c.text;
    CAPTURE(text);
    const auto [fused, generic] = compile_both(text, *catalogue);
    const expr::Instr& root = fused.program.code[fused.entry];
    CHECK((fused.program.code.size() == 1 && expr::is_leaf(root.op)) == c.folds);
    // Answers on both sides of the leaf's threshold, the next doubles around it included,
    // and no answer.
    std::vector<std::string> answers{""};
    const Question& q = *catalogue->find(c.question);
    char buffer[64];
    if (q.type == QuestionType::number) {
      std::vector<double> values{-0.0, 0.0, 130.0};
      for (int age = 0; age < 130; ++age) values.insert(values.end(), {double(age), age + 0.5, age + 0.999});
      if (c.folds) {
        double around = root.imm.d;
        for (int k = 0; k < 3; ++k) around = std::nextafter(around, -HUGE_VAL);
        for (int k = 0; k < 7; ++k, around = std::nextafter(around, HUGE_VAL))
          if (around >= 0 && around <= 130) values.push_back(around);
      }
      for (const double v : values) {
        std::snprintf(buffer, sizeof buffer, "%.17g", v);
        answers.emplace_back(buffer);
      }
    } else {
      const Date today = *Date::parse_iso(testing::generated_date);
      for (int days = -60; days <= 800; ++days) answers.push_back("\"" + today.add_days(-days)->to_iso() + "\"");
    }
    for (const std::string& answer : answers)
      if (!same_on_answer(fused, generic, catalogue, c.question, answer)) break;
  }
}
