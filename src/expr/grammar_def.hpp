// Definition of the expression grammar. Included by grammar.cpp only.
//
// Shape (lowest precedence first, as in CEL):
//   expression     = disjunction ('?' disjunction ':' expression)?
//   disjunction    = conjunction (('||' | 'or') conjunction)*
//   conjunction    = relation (('&&' | 'and') relation)*
//   relation       = additive (('==' | '!=' | '<=' | '<' | '>=' | '>' | 'in') additive)*
//   additive       = multiplicative (('+' | '-') multiplicative)*
//   multiplicative = unary (('*' | '/' | '%') unary)*
//   unary          = ('!' | 'not' | '-')* postfix
//   postfix        = primary ('.' name arguments? | '[' expression ']')*
//   primary        = null | bool | number | string | list | '(' expression ')'
//                  | name arguments?
// The then-branch is a disjunction, as in CEL, so `a ? b ? c : d : e` needs
// parentheses; the else-branch recurses, which makes `?:` right-associative.
//
// Every operand position ends in the one expectation `unary = ops* > postfix`,
// so a missing operand anywhere is reported as "expected an operand" right
// where it is missing. Closers are separate named rules for the same reason.
// Character classes are spelled as ranges, never x3::alpha & co., because
// those index ctype tables and the input may hold arbitrary (negative) bytes.
#pragma once

#include <charconv>
#include <string_view>
#include <type_traits>

#include "expr/grammar.hpp"
#include "expr/parse_tree_adapted.hpp"

namespace contrascreen::expr::grammar {

namespace pt = parse_tree;
using x3::attr;
using x3::char_;
using x3::lexeme;
using x3::lit;
using x3::raw;

// ---- helpers ---------------------------------------------------------------

template <typename Context>
Span span_of(iterator_type first, iterator_type last, const Context& context) {
  const iterator_type base = x3::get<text_begin_tag>(context).get().begin_;
  return {static_cast<std::uint32_t>(first - base), static_cast<std::uint32_t>(last - base)};
}

inline bool is_reserved_word(std::string_view word) {
  static constexpr const char* reserved[] = {
      "true", "false", "null",    "in",        "and",    "or",  "not",  // keywords of this language
      "as",   "break", "const",   "continue",  "else",   "for", "function", "if",   "import",
      "let",  "loop",  "package", "namespace", "return", "var", "void",     "while"};
  for (const char* r : reserved) {
    if (word == r) return true;
  }
  return false;
}

/// Rule-ID base: writes the matched text's span into attributes that have one.
/// X3 calls on_success with `first` already past leading whitespace.
struct annotate_span {
  template <typename Attribute, typename Context>
  void on_success(iterator_type first, iterator_type last, Attribute& attribute, const Context& context) const {
    if constexpr (std::is_base_of_v<pt::Spanned, Attribute>) {
      attribute.span_ = span_of(first, last, context);
    }
  }
};

// ---- rule ids ----------------------------------------------------------------

struct expression_class : annotate_span {};
struct branches_class : annotate_span {};
struct disjunction_class : annotate_span {};
struct conjunction_class : annotate_span {};
struct relation_class : annotate_span {};
struct additive_class : annotate_span {};
struct multiplicative_class : annotate_span {};
struct or_operator_class : annotate_span {};
struct and_operator_class : annotate_span {};
struct relation_operator_class : annotate_span {};
struct additive_operator_class : annotate_span {};
struct multiplicative_operator_class : annotate_span {};
struct unary_class : annotate_span {};
struct unary_operator_class : annotate_span {};
struct postfix_class : annotate_span {};
struct suffix_class : annotate_span {};
struct member_suffix_class : annotate_span {};
struct index_suffix_class : annotate_span {};
struct arguments_class : annotate_span {};
struct primary_class : annotate_span {};
struct null_literal_class : annotate_span {};
struct bool_literal_class : annotate_span {};
struct list_literal_class : annotate_span {};
struct list_elements_class : annotate_span {};
struct parenthesized_class : annotate_span {};
struct ident_or_call_class : annotate_span {};
struct field_name_class : annotate_span {};

/// Names: a word that is not reserved. Reserved words are an error wherever a
/// name is read; operator words never get here in operand position (primary
/// rejects them first so they read as a missing operand).
struct identifier_class {
  template <typename Context>
  void on_success(iterator_type first, iterator_type last, pt::Identifier& identifier, const Context& context) const {
    identifier.span_ = span_of(first, last, context);
    if (is_reserved_word(identifier.name_)) {
      throw TokenError{codes::parse_reserved_word,
                       "'" + identifier.name_ + "' is a reserved word and cannot be used as a name", identifier.span_};
    }
  }
};

/// Numbers: validated and converted here, while parsing, so an out-of-range
/// literal is reported before any syntax error that comes after it.
struct number_class {
  template <typename Context>
  void on_success(iterator_type first, iterator_type last, pt::NumberLiteral& number, const Context& context) const {
    number.span_ = span_of(first, last, context);
    const std::string& text = number.text_;
    if (!number.suffix_.empty()) {
      throw TokenError{
          codes::parse_invalid_number,
          "'" + text + number.suffix_ + "' is not a valid number (only decimal integers and doubles are supported)",
          number.span_};
    }
    const char* begin = text.data();
    const char* end = begin + text.size();
    number.is_double_ = text.find_first_of(".eE") != std::string::npos;
    const auto [ptr, error] = number.is_double_ ? std::from_chars(begin, end, number.double_value_)
                                                : std::from_chars(begin, end, number.int_value_);
    if (error != std::errc{} || ptr != end) {
      throw TokenError{codes::parse_invalid_number,
                       number.is_double_
                           ? "number " + text + " is out of range for a double"
                           : "integer " + text + " does not fit in 64 bits (the largest is 9223372036854775807)",
                       number.span_};
    }
  }
};

/// Strings: any expectation failure inside one is either a bad escape or the
/// end of input before the closing quote. The handler turns it into a
/// TokenError positioned on the escape or on the whole unterminated string.
struct string_literal_class : annotate_span {
  template <typename Exception, typename Context>
  x3::error_handler_result on_error(iterator_type& first, iterator_type last, const Exception& failure,
                                    const Context& context) const {
    iterator_type quote = first;  // the rule starts before any skipped whitespace
    while (quote != last && (*quote == ' ' || *quote == '\t' || *quote == '\r' || *quote == '\n')) {
      ++quote;
    }
    const iterator_type where = failure.where();
    if (where == last) {
      throw TokenError{codes::parse_unterminated_string,
                       std::string("string is not terminated (missing closing ") + *quote + ")",
                       span_of(quote, last, context)};
    }
    const iterator_type escape_end = where + utf8_length(where, last);
    throw TokenError{
        codes::parse_invalid_escape,
        "invalid escape sequence '\\" + std::string(where, escape_end) + "' (use \\\\ \\\" \\' \\n \\r or \\t)",
        span_of(where - 1, escape_end, context)};
  }
};

// ---- rules -------------------------------------------------------------------

const expression_type expression_rule = "an expression";
const x3::rule<branches_class, pt::Branches> branches = "a conditional";
const x3::rule<disjunction_class, pt::Disjunction> disjunction = names::operand;
const x3::rule<conjunction_class, pt::Conjunction> conjunction = names::operand;
const x3::rule<relation_class, pt::Relation> relation = names::operand;
const x3::rule<additive_class, pt::Additive> additive = names::operand;
const x3::rule<multiplicative_class, pt::Multiplicative> multiplicative = names::operand;
const x3::rule<or_operator_class, pt::BinaryToken> or_operator = "'||'";
const x3::rule<and_operator_class, pt::BinaryToken> and_operator = "'&&'";
const x3::rule<relation_operator_class, pt::BinaryToken> relation_operator = "a comparison";
const x3::rule<additive_operator_class, pt::BinaryToken> additive_operator = "'+' or '-'";
const x3::rule<multiplicative_operator_class, pt::BinaryToken> multiplicative_operator = "'*', '/' or '%'";
const x3::rule<unary_class, pt::Unary> unary = names::operand;
const x3::rule<unary_operator_class, pt::UnaryToken> unary_operator = "'!' or '-'";
const x3::rule<postfix_class, pt::Postfix> postfix = names::operand;
const x3::rule<suffix_class, pt::Suffix> suffix = "'.' or '['";
const x3::rule<member_suffix_class, pt::MemberSuffix> member_suffix = "'.'";
const x3::rule<index_suffix_class, pt::IndexSuffix> index_suffix = "'['";
const x3::rule<arguments_class, pt::Arguments> arguments = "'('";
const x3::rule<primary_class, pt::Primary> primary = names::operand;
const x3::rule<null_literal_class, pt::NullLiteral> null_literal = "null";
const x3::rule<bool_literal_class, pt::BoolLiteral> bool_literal = "true or false";
const x3::rule<number_class, pt::NumberLiteral> number_literal = "a number";
const x3::rule<string_literal_class, pt::StringLiteral> string_literal = "a string";
const x3::rule<list_literal_class, pt::ListLiteral> list_literal = "a list";
const x3::rule<list_elements_class, std::vector<pt::Expression>> list_elements = "an operand or ']'";
const x3::rule<parenthesized_class, pt::Parenthesized> parenthesized = "'('";
const x3::rule<ident_or_call_class, pt::IdentOrCall> ident_or_call = "a name";
const x3::rule<identifier_class, pt::Identifier> identifier = "a name";
const x3::rule<field_name_class, pt::Identifier> field_name = names::field_name;

// Tokens that only appear behind an expectation point: named so the message
// reads "expected ')'" rather than an X3 parser description.
const auto close_paren = x3::rule<struct close_paren_class>{"')'"} = lit(')');
const auto close_bracket = x3::rule<struct close_bracket_class>{"']'"} = lit(']');
const auto colon = x3::rule<struct colon_class>{"':'"} = lit(':');
const auto argument_separator = x3::rule<struct argument_separator_class>{"',' or ')'"} = lit(')');
const auto element_separator = x3::rule<struct element_separator_class>{"',' or ']'"} = lit(']');
const auto escape_code = x3::rule<struct escape_code_class, char>{"an escape sequence"} =
    (lit('n') >> attr('\n')) | (lit('r') >> attr('\r')) | (lit('t') >> attr('\t')) | char_("\\\"'");

const auto letter = char_('a', 'z') | char_('A', 'Z') | char_('_');
const auto digit = char_('0', '9');
const auto word_char = letter | digit;

/// A keyword is a whole word: `order` is a name, not `or` followed by `der`.
inline auto keyword(const char* word) {
  return lexeme[lit(word) >> !word_char];
}

const auto operator_word = keyword("in") | keyword("and") | keyword("or");

const auto expression_rule_def = disjunction >> -branches;
const auto branches_def = lit('?') > disjunction > colon > expression_rule;
const auto disjunction_def = conjunction >> *(or_operator > conjunction);
const auto conjunction_def = relation >> *(and_operator > relation);
const auto relation_def = additive >> *(relation_operator > additive);
const auto additive_def = multiplicative >> *(additive_operator > multiplicative);
const auto multiplicative_def = unary >> *(multiplicative_operator > unary);

const auto or_operator_def = (lit("||") | keyword("or")) >> attr(BinaryOp::logical_or);
const auto and_operator_def = (lit("&&") | keyword("and")) >> attr(BinaryOp::logical_and);
// Two-character operators first: X3 alternatives take the first match.
const auto relation_operator_def = (lit("==") >> attr(BinaryOp::equal)) | (lit("!=") >> attr(BinaryOp::not_equal)) |
                                   (lit("<=") >> attr(BinaryOp::less_equal)) | (lit('<') >> attr(BinaryOp::less)) |
                                   (lit(">=") >> attr(BinaryOp::greater_equal)) |
                                   (lit('>') >> attr(BinaryOp::greater)) | (keyword("in") >> attr(BinaryOp::in));
const auto additive_operator_def = (lit('+') >> attr(BinaryOp::add)) | (lit('-') >> attr(BinaryOp::subtract));
const auto multiplicative_operator_def = (lit('*') >> attr(BinaryOp::multiply)) | (lit('/') >> attr(BinaryOp::divide)) |
                                         (lit('%') >> attr(BinaryOp::modulo));

const auto unary_def = *unary_operator > postfix;
const auto unary_operator_def =
    ((lit('!') | keyword("not")) >> attr(UnaryOp::logical_not)) | (lit('-') >> attr(UnaryOp::negate));

const auto postfix_def = primary >> *suffix;
const auto suffix_def = member_suffix | index_suffix;
const auto member_suffix_def = (lit('.') > field_name) >> -arguments;
const auto index_suffix_def = lit('[') > expression_rule > close_bracket;
// `f(a,)` is not allowed (as in CEL calls), so a comma always expects an operand.
const auto arguments_def = lit('(') >
                           (lit(')') | ((expression_rule >> *(lit(',') > expression_rule)) > argument_separator));

const auto primary_def = null_literal | bool_literal | number_literal | string_literal | list_literal | parenthesized |
                         (!operator_word >> ident_or_call);
const auto null_literal_def = keyword("null");
const auto bool_literal_def = (keyword("true") >> attr(true)) | (keyword("false") >> attr(false));
// The digits, then any letters glued to them, so `0x1F` is one bad number.
const auto number_literal_def = lexeme[raw[((+digit >> -(lit('.') >> +digit)) | (lit('.') >> +digit)) >>
                                           -(char_("eE") >> -char_("+-") >> +digit)] >>
                                       raw[*word_char]];
const auto escape = lit('\\') > escape_code;
const auto string_literal_def =
    lexeme[(lit('"') > *(escape | ~char_("\"\\")) > lit('"')) | (lit('\'') > *(escape | ~char_("'\\")) > lit('\''))];
// A trailing comma is allowed in lists (as in CEL): `,` followed by `]` ends it.
const auto list_literal_def = lit('[') > list_elements;
const auto list_elements_def =
    lit(']') | ((expression_rule >> *((lit(',') >> !lit(']')) > expression_rule) >> -lit(',')) > element_separator);
const auto parenthesized_def = lit('(') > expression_rule > close_paren;
const auto ident_or_call_def = identifier >> -arguments;
const auto identifier_def = raw[lexeme[letter >> *word_char]];
const auto field_name_def = identifier;

BOOST_SPIRIT_DEFINE(expression_rule, branches, disjunction, conjunction, relation, additive, multiplicative,
                    or_operator, and_operator, relation_operator, additive_operator, multiplicative_operator, unary,
                    unary_operator, postfix, suffix, member_suffix, index_suffix, arguments, primary, null_literal,
                    bool_literal, number_literal, string_literal, list_literal, list_elements, parenthesized,
                    ident_or_call, identifier, field_name)

}  // namespace contrascreen::expr::grammar
