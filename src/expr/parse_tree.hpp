// The parse tree Spirit X3 fills while parsing an expression. It mirrors the
// grammar levels one to one (conditional, ||, &&, relations, + -, * / %, unary,
// postfix, primary) so that X3 can synthesise it from rule attributes alone;
// parser.cpp then flattens it into the index-based `Ast` of ast.hpp. Nothing
// outside src/expr/parser.cpp and the grammar files sees these types.
//
// Spans are not X3 position_tagged ids: every struct that derives from
// `Spanned` gets its byte span written directly by the rule's on_success
// handler (see grammar_def.hpp), so no position cache outlives the parse.
// Composite spans (binary, postfix, ...) are derived from their children
// during conversion and need no storage here.
#pragma once

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <string>
#include <vector>

#include "expr/ast.hpp"

namespace contrascreen::expr::parse_tree {

namespace x3 = boost::spirit::x3;

/// Base of every parse-tree struct whose own text span matters (tokens and
/// bracketed constructs). Filled after a successful match, never adapted.
struct Spanned {
  Span span_;
};

struct Expression;

// ---- tokens --------------------------------------------------------------

/// `null`; carries nothing but its span.
struct NullLiteral : Spanned {};

/// `true` / `false`.
struct BoolLiteral : Spanned {
  bool value_ = false;
};

/// A number token. `text_` is the numeric part, `suffix_` any letters glued
/// to it (`0x1F`, `1u`): kept so the grammar can reject the whole token as one
/// invalid number. The values are filled by the number rule's on_success.
struct NumberLiteral : Spanned {
  std::string text_;
  std::string suffix_;
  bool is_double_ = false;
  std::int64_t int_value_ = 0;
  double double_value_ = 0.0;
};

/// A quoted string; `value_` is already unescaped.
struct StringLiteral : Spanned {
  std::string value_;
};

/// A name that is not a reserved word.
struct Identifier : Spanned {
  std::string name_;
};

/// An operator token with the operation it stands for (`and` and `&&` alike).
struct BinaryToken : Spanned {
  BinaryOp op_ = BinaryOp::logical_or;
};

/// `!`, `not` or prefix `-`.
struct UnaryToken : Spanned {
  UnaryOp op_ = UnaryOp::logical_not;
};

// ---- primary and postfix -------------------------------------------------

/// Argument list of a call; `boost::none` in the owner means "no parentheses"
/// (a plain identifier or field selection), an empty vector means `f()`.
using Arguments = std::vector<Expression>;

/// `name` or `name(args)`; the span covers the closing parenthesis.
struct IdentOrCall : Spanned {
  Identifier name_;
  boost::optional<Arguments> arguments_;
};

/// `[a, b, c]`; the span covers both brackets.
struct ListLiteral : Spanned {
  std::vector<Expression> elements_;
};

struct Parenthesized;  // holds an Expression by value, so defined last

using Primary = x3::variant<NullLiteral, BoolLiteral, NumberLiteral, StringLiteral, ListLiteral, IdentOrCall,
                            x3::forward_ast<Parenthesized>>;

/// `.name` or `.name(args)`; span from the dot to the end of the suffix.
struct MemberSuffix : Spanned {
  Identifier name_;
  boost::optional<Arguments> arguments_;
};

struct IndexSuffix;  // holds an Expression by value, so defined last

using Suffix = x3::variant<MemberSuffix, x3::forward_ast<IndexSuffix>>;

/// A primary followed by any number of `.name`, `.name(...)` and `[...]`.
struct Postfix {
  Primary primary_;
  std::vector<Suffix> suffixes_;
};

/// Prefix operators are collected in a list rather than by recursion so a
/// long `!!!!x` costs no parser stack; the first token applies outermost.
struct Unary {
  std::vector<UnaryToken> operators_;
  Postfix operand_;
};

// ---- binary levels -------------------------------------------------------

/// One `op operand` step of a left-associative chain.
template <typename Operand>
struct Link {
  BinaryToken operator_;
  Operand operand_;
};

/// `operand (op operand)*` at one precedence level, folded to the left later.
template <typename Operand>
struct Chain {
  Operand first_;
  std::vector<Link<Operand>> rest_;
};

using Multiplicative = Chain<Unary>;
using Additive = Chain<Multiplicative>;
using Relation = Chain<Additive>;
using Conjunction = Chain<Relation>;
using Disjunction = Chain<Conjunction>;

// ---- conditional (the whole expression) ------------------------------------

/// `? then : else`; the then-branch is a disjunction as in CEL (a nested
/// conditional there needs parentheses). The span starts at the `?` (used as the conditional's
/// operator token) and ends with the else branch.
struct Branches : Spanned {
  Disjunction then_;
  x3::forward_ast<Expression> else_;
};

/// A full expression: a disjunction, optionally the condition of `?:`. The
/// else branch is itself an Expression, which makes `?:` right-associative.
struct Expression {
  Disjunction condition_;
  boost::optional<Branches> branches_;
};

/// `( expression )`; the span covers both parentheses.
struct Parenthesized : Spanned {
  Expression inner_;
};

/// `[ expression ]` after an operand; span from `[` to `]`.
struct IndexSuffix : Spanned {
  Expression index_;
};

}  // namespace contrascreen::expr::parse_tree
