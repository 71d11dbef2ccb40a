// Data-driven tests of the expression parser (src/expr/parser.hpp): the tree
// it builds (as to_sexpr), the spans on nodes, and the diagnostic for each kind
// of malformed input. The runner's main() comes from the test harness.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "expr/parser.hpp"

namespace {

using contrascreen::expr::Ast;
using contrascreen::expr::BinaryOp;
using contrascreen::expr::max_expression_length;
using contrascreen::expr::max_nesting_depth;
using contrascreen::expr::no_node;
using contrascreen::expr::NodeId;
using contrascreen::expr::parse_expression;
using contrascreen::expr::ParseResult;
using contrascreen::expr::Span;
using contrascreen::expr::to_sexpr;
using contrascreen::expr::to_string;
using contrascreen::expr::UnaryOp;

std::string repeat(std::string_view text, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += text;
  return out;
}

std::string first_error(const ParseResult& result) {
  return result.errors.empty() ? "(no error)" : result.errors.front().code + ": " + result.errors.front().message;
}

struct ValidCase {
  std::string_view input;
  std::string_view sexpr;
};

const ValidCase valid_cases[] = {
    // literals
    {"true", "true"},
    {"false", "false"},
    {"null", "null"},
    {"42", "42"},
    {"007", "7"},
    {"9223372036854775807", "9223372036854775807"},
    {"1.5", "1.5"},
    {".5", "0.5"},
    {"1e3", "1000.0"},
    {"2.5E-1", "0.25"},
    {"5e+2", "500.0"},
    {R"("active_mild")", R"("active_mild")"},
    {R"('single')", R"("single")"},
    {R"("a\"b\\c\n\r\t")", R"("a\"b\\c\n\r\t")"},
    {R"('it\'s')", R"("it's")"},
    // identifiers vs word operators
    {"pregnant", "(ident pregnant)"},
    {"_private_1", "(ident _private_1)"},
    {"order", "(ident order)"},
    {"android", "(ident android)"},
    {"notes", "(ident notes)"},
    {"inside", "(ident inside)"},
    {"order or android", "(|| (ident order) (ident android))"},
    {"notes and inside", "(&& (ident notes) (ident inside))"},
    {"not notes", "(! (ident notes))"},
    {"x in inside", "(in (ident x) (ident inside))"},
    // precedence and associativity
    {R"(pregnant && acne == "active_mild")", R"((&& (ident pregnant) (== (ident acne) "active_mild")))"},
    {"a || b && c", "(|| (ident a) (&& (ident b) (ident c)))"},
    {"a && b || c", "(|| (&& (ident a) (ident b)) (ident c))"},
    {"a or b and not c", "(|| (ident a) (&& (ident b) (! (ident c))))"},
    {"a || b || c", "(|| (|| (ident a) (ident b)) (ident c))"},
    {"a == b && c != d", "(&& (== (ident a) (ident b)) (!= (ident c) (ident d)))"},
    {"a < b == c >= d", "(>= (== (< (ident a) (ident b)) (ident c)) (ident d))"},
    {"a <= b", "(<= (ident a) (ident b))"},
    {"a > b", "(> (ident a) (ident b))"},
    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
    {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
    {"a - b - c", "(- (- (ident a) (ident b)) (ident c))"},
    {"a % b * c / d", "(/ (* (% (ident a) (ident b)) (ident c)) (ident d))"},
    {"a + b < c * d", "(< (+ (ident a) (ident b)) (* (ident c) (ident d)))"},
    {"x in [1, 2] && y", "(&& (in (ident x) (list 1 2)) (ident y))"},
    {"a in b in c", "(in (in (ident a) (ident b)) (ident c))"},
    // unary
    {"!x", "(! (ident x))"},
    {"!!x", "(! (! (ident x)))"},
    {"--1", "(- (- 1))"},
    {"- -1", "(- (- 1))"},
    {"-x * y", "(* (- (ident x)) (ident y))"},
    {"a - -b", "(- (ident a) (- (ident b)))"},
    {"!a.b", "(! (select b (ident a)))"},
    {"-a[0]", "(- (index (ident a) 0))"},
    {"not (a || b)", "(! (|| (ident a) (ident b)))"},
    {"!a == b", "(== (! (ident a)) (ident b))"},
    // conditional
    {"c ? a : b", "(? (ident c) (ident a) (ident b))"},
    {"a ? b : c ? d : e", "(? (ident a) (ident b) (? (ident c) (ident d) (ident e)))"},
    {"a ? (b ? c : d) : e", "(? (ident a) (? (ident b) (ident c) (ident d)) (ident e))"},
    {"a || b ? c && d : e", "(? (|| (ident a) (ident b)) (&& (ident c) (ident d)) (ident e))"},
    {"(a ? b : c) ? d : e", "(? (? (ident a) (ident b) (ident c)) (ident d) (ident e))"},
    // calls, members, index
    {"size(medications)", "(call size (ident medications))"},
    {"size(medications) > 0", "(> (call size (ident medications)) 0)"},
    {"any_in(medications, anticoagulants)", "(call any_in (ident medications) (ident anticoagulants))"},
    {R"(date("2026-11-21"))", R"((call date "2026-11-21"))"},
    {"now()", "(call now)"},
    {R"(s.startsWith("x"))", R"((member startsWith (ident s) "x"))"},
    {"a.b ( c , d )", "(member b (ident a) (ident c) (ident d))"},
    {"x.size()", "(member size (ident x))"},
    {"a.b.c", "(select c (select b (ident a)))"},
    {"a[0]", "(index (ident a) 0)"},
    {"a[i + 1].name", "(select name (index (ident a) (+ (ident i) 1)))"},
    {"f(g(h(1)))", "(call f (call g (call h 1)))"},
    {"null.x", "(select x null)"},
    {R"("abc".size())", R"((member size "abc"))"},
    // lists
    {"[]", "(list)"},
    {"[1, 2]", "(list 1 2)"},
    {"[1, 2,]", "(list 1 2)"},
    {"[[1], [2, 3]][0][1]", "(index (index (list (list 1) (list 2 3)) 0) 1)"},
    {R"(["a", 'b', c])", R"((list "a" "b" (ident c)))"},
    // whitespace
    {" \t\r\na\n&&\tb ", "(&& (ident a) (ident b))"},
    {R"(  until_date <= date("2026-11-21")  )", R"((<= (ident until_date) (call date "2026-11-21")))"},
};

TEST_CASE("parse_expression builds the expected tree") {
  for (const ValidCase& test : valid_cases) {
    CAPTURE(test.input);
    const ParseResult result = parse_expression(test.input);
    REQUIRE_MESSAGE(result.errors.empty(), first_error(result));
    CHECK(result.ast.root != no_node);
    CHECK(to_sexpr(result.ast) == test.sexpr);
  }
}

TEST_CASE("non-ASCII bytes are kept as they are inside strings") {
  const ParseResult result = parse_expression("\"caf\xC3\xA9\" == x");
  REQUIRE_MESSAGE(result.errors.empty(), first_error(result));
  CHECK(to_sexpr(result.ast) == "(== \"caf\xC3\xA9\" (ident x))");
}

struct SpanCase {
  std::string_view input;
  std::vector<int> path;  ///< child indices from the root
  Span span;
  Span name_span;
};

const SpanCase span_cases[] = {
    {" a && b ", {}, {1, 7}, {3, 5}},
    {" a && b ", {1}, {6, 7}, {0, 0}},
    {"a and b", {}, {0, 7}, {2, 5}},
    {"(a || b) && c", {}, {0, 13}, {9, 11}},
    {"(a || b) && c", {0}, {0, 8}, {3, 5}},  // widened to the parentheses
    {"((x))", {}, {0, 5}, {0, 0}},
    {"size(meds) > 0", {0}, {0, 10}, {0, 4}},
    {"size(meds) > 0", {0, 0}, {5, 9}, {0, 0}},
    {R"(s.startsWith("x"))", {}, {0, 17}, {2, 12}},
    {R"(s.startsWith("x"))", {1}, {13, 16}, {0, 0}},
    {"a.b.c", {}, {0, 5}, {4, 5}},
    {"a.b.c", {0}, {0, 3}, {2, 3}},
    {"x[ 1 ]", {}, {0, 6}, {0, 0}},
    {"  not  - y", {}, {2, 10}, {2, 5}},
    {"  not  - y", {0}, {7, 10}, {7, 8}},
    {"c ? a : b", {}, {0, 9}, {2, 3}},
    {"[ 1 ,2 ] in z", {0}, {0, 8}, {0, 0}},
    {"[ 1 ,2 ] in z", {}, {0, 13}, {9, 11}},
    {R"(x == "a\nb")", {1}, {5, 11}, {0, 0}},
    {"1.5e3 + 7", {0}, {0, 5}, {0, 0}},
};

TEST_CASE("nodes carry the spans of their text") {
  for (const SpanCase& test : span_cases) {
    CAPTURE(test.input);
    CAPTURE(test.path.size());
    const ParseResult result = parse_expression(test.input);
    REQUIRE_MESSAGE(result.errors.empty(), first_error(result));
    NodeId id = result.ast.root;
    for (const int child : test.path) id = result.ast[id].children.at(static_cast<std::size_t>(child));
    const auto& node = result.ast[id];
    CHECK(node.span.begin == test.span.begin);
    CHECK(node.span.end == test.span.end);
    CHECK(node.name_span.begin == test.name_span.begin);
    CHECK(node.name_span.end == test.name_span.end);
  }
}

struct ErrorCase {
  std::string input;
  std::string_view code;
  std::uint32_t begin;
  std::uint32_t end;
};

const std::vector<ErrorCase> error_cases = {
    {"", "parse.empty", 0, 0},
    {" \t\n ", "parse.empty", 0, 0},
    {"pregnant &&", "parse.expected", 11, 11},
    {"pregnant && )", "parse.expected", 12, 13},
    {"(a", "parse.expected", 2, 2},
    {"(a b)", "parse.expected", 3, 4},
    {"[1, 2", "parse.expected", 5, 5},
    {"[1 2]", "parse.expected", 3, 4},
    {"[1, 2,", "parse.expected", 6, 6},
    {"[,]", "parse.expected", 1, 2},
    {"a[1", "parse.expected", 3, 3},
    {"a[]", "parse.expected", 2, 3},
    {"a ? b", "parse.expected", 5, 5},
    {"a ? b ? c : d : e", "parse.expected", 6, 7},  // CEL: a nested then-branch needs parentheses
    {"a ? b :", "parse.expected", 7, 7},
    {"a = 1", "parse.expected", 2, 3},
    {"(a = 1)", "parse.expected", 3, 4},
    {"a & b", "parse.expected", 2, 3},
    {"a | b", "parse.expected", 2, 3},
    {"a.", "parse.expected", 2, 2},
    {"a.(b)", "parse.expected", 2, 3},
    {"a.1", "parse.expected", 2, 3},
    {"f(a,", "parse.expected", 4, 4},
    {"f(a b)", "parse.expected", 4, 5},
    {"f(,)", "parse.expected", 2, 3},
    {"f(a,)", "parse.expected", 4, 5},
    {"x in", "parse.expected", 4, 4},
    {"x in in", "parse.expected", 5, 6},
    {"a && or b", "parse.expected", 5, 6},
    {"not", "parse.expected", 3, 3},
    {")", "parse.expected", 0, 1},
    {"a b", "parse.unexpected", 2, 3},
    {"pregnant breastfeeding", "parse.unexpected", 9, 22},
    {"a inside", "parse.unexpected", 2, 8},
    {"a)", "parse.unexpected", 1, 2},
    {"true(x)", "parse.unexpected", 4, 5},
    {"# comment", "parse.unexpected", 0, 1},
    {"a && $b", "parse.unexpected", 5, 6},
    {"a \xC3\xA9", "parse.unexpected", 2, 4},
    {"a \xFF", "parse.unexpected", 2, 3},
    {"a\v", "parse.unexpected", 1, 2},
    {std::string("a \0 b", 5), "parse.unexpected", 2, 3},
    {R"("abc)", "parse.unterminated_string", 0, 4},
    {R"(x == 'abc")", "parse.unterminated_string", 5, 10},
    {R"("abc\)", "parse.unterminated_string", 0, 5},
    {R"('x\q')", "parse.invalid_escape", 2, 4},
    {R"(a == "\x41")", "parse.invalid_escape", 6, 8},
    {"99999999999999999999", "parse.invalid_number", 0, 20},
    {"9223372036854775808", "parse.invalid_number", 0, 19},
    {"1e999", "parse.invalid_number", 0, 5},
    {"0x1F", "parse.invalid_number", 0, 4},
    {"1u + 1", "parse.invalid_number", 0, 2},
    {"99999999999999999999 &&", "parse.invalid_number", 0, 20},  // the first error in the text wins
    {"if", "parse.reserved_word", 0, 2},
    {"x in while", "parse.reserved_word", 5, 10},
    {"a.in", "parse.reserved_word", 2, 4},
    {"else(x)", "parse.reserved_word", 0, 4},
    {"(" + repeat("(", max_nesting_depth) + "a" + repeat(")", max_nesting_depth + 1), "parse.too_deep",
     static_cast<std::uint32_t>(max_nesting_depth), static_cast<std::uint32_t>(max_nesting_depth) + 1},
    {repeat("f(", max_nesting_depth + 1) + "a" + repeat(")", max_nesting_depth + 1), "parse.too_deep",
     2 * static_cast<std::uint32_t>(max_nesting_depth) + 1, 2 * static_cast<std::uint32_t>(max_nesting_depth) + 2},
    {repeat("a ? b : ", max_nesting_depth + 1) + "c", "parse.too_deep",
     8 * static_cast<std::uint32_t>(max_nesting_depth) + 2, 8 * static_cast<std::uint32_t>(max_nesting_depth) + 3},
    {repeat("!", 65) + "a", "parse.too_deep", 64, 65},
    {std::string(max_expression_length + 1, 'a'), "parse.too_long", static_cast<std::uint32_t>(max_expression_length),
     static_cast<std::uint32_t>(max_expression_length) + 1},
};

TEST_CASE("malformed expressions give one diagnostic with a code and a span") {
  for (const ErrorCase& test : error_cases) {
    CAPTURE(test.input);
    const ParseResult result = parse_expression(test.input);
    REQUIRE(result.errors.size() == 1);
    const auto& error = result.errors.front();
    CAPTURE(error.message);
    CHECK(error.code == test.code);
    CHECK(error.span.begin == test.begin);
    CHECK(error.span.end == test.end);
    CHECK_FALSE(error.message.empty());
    CHECK_FALSE(error.warning);
  }
}

TEST_CASE("messages read well") {
  const auto message = [](std::string_view input) { return parse_expression(input).errors.at(0).message; };
  CHECK(message("pregnant &&") == "expected an operand but the expression ended");
  CHECK(message("(a b)") == "expected ')' but found 'b'");
  CHECK(message("f(a b)") == "expected ',' or ')' but found 'b'");
  CHECK(message("a.(b)") == "expected an identifier after '.' but found '('");
  CHECK(message("a = 1") == "expected '==' (a single '=' is not an operator)");
  CHECK(message("a & b") == "expected '&&'");
  CHECK(message("a | b") == "expected '||'");
  CHECK(message("pregnant breastfeeding") == "unexpected 'breastfeeding' after the end of the expression");
  CHECK(message("# comment") == "unexpected character '#'");
  CHECK(message("if") == "'if' is a reserved word and cannot be used as a name");
  CHECK(message(R"('x\q')") == R"(invalid escape sequence '\q' (use \\ \" \' \n \r or \t))");
  CHECK(message(R"("abc)") == R"(string is not terminated (missing closing "))");
}

TEST_CASE("limits are inclusive") {
  const std::string deepest = repeat("(", max_nesting_depth) + "a" + repeat(")", max_nesting_depth);
  CHECK(parse_expression(deepest).errors.empty());
  CHECK(parse_expression(repeat("!", 64) + "a").errors.empty());
  CHECK(parse_expression(repeat("a ? b : ", max_nesting_depth) + "c").errors.empty());
  // Sibling groups do not add up: depth is nesting, not a count.
  CHECK(parse_expression(repeat("(a) && ", 200) + "a").errors.empty());
  // Brackets inside strings are text.
  CHECK(parse_expression("\"" + repeat("(", 200) + "\" == x").errors.empty());
  std::string longest(max_expression_length, ' ');
  longest[0] = 'a';
  CHECK(parse_expression(longest).errors.empty());
}

TEST_CASE("arbitrary bytes never throw and always give a result") {
  std::mt19937 random(12345);
  static constexpr std::string_view pieces[] = {"a",  "(", ")",  "[",   "]", ",",  ".",  "?", ":",  "!", "-", "&&",
                                                "||", "=", "in", "not", "1", "1e", "\"", "'", "\\", " ", "f("};
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    const auto length = random() % 16;
    for (unsigned i = 0; i < length; ++i) {
      if (round % 2 == 0) {
        input += static_cast<char>(random() & 0xFF);
      } else {
        input += pieces[random() % std::size(pieces)];
      }
    }
    CAPTURE(input);
    ParseResult result;
    CHECK_NOTHROW(result = parse_expression(input));
    if (result.errors.empty()) {
      CHECK(result.ast.root != no_node);
    } else {
      CHECK(result.errors.size() == 1);
      CHECK(result.errors.front().span.begin <= result.errors.front().span.end);
      CHECK(result.errors.front().span.end <= input.size());
    }
  }
}

TEST_CASE("operators are spelled as in CEL") {
  CHECK(std::string_view(to_string(BinaryOp::logical_or)) == "||");
  CHECK(std::string_view(to_string(BinaryOp::logical_and)) == "&&");
  CHECK(std::string_view(to_string(BinaryOp::in)) == "in");
  CHECK(std::string_view(to_string(BinaryOp::less_equal)) == "<=");
  CHECK(std::string_view(to_string(BinaryOp::modulo)) == "%");
  CHECK(std::string_view(to_string(UnaryOp::logical_not)) == "!");
  CHECK(std::string_view(to_string(UnaryOp::negate)) == "-");
  CHECK(to_sexpr(Ast{}).empty());
}

}  // namespace

TEST_CASE("long operator chains are bounded by the tree depth limit") {
  std::string chain = "pregnant";
  for (int i = 0; i < contrascreen::expr::max_tree_depth - 1; ++i) chain += " || pregnant";
  CHECK(contrascreen::expr::parse_expression(chain).errors.empty());
  chain += " || pregnant";
  const auto result = contrascreen::expr::parse_expression(chain);
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].code == "parse.too_deep");
}
