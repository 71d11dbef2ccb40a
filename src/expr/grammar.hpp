// Declaration of the expression grammar (Spirit X3). The rules are defined in
// grammar_def.hpp and instantiated once, in grammar.cpp, for the one iterator
// and context type below, so only that translation unit pays X3's compile cost.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "contrascreen/diagnostic_codes.hpp"
#include "expr/ast.hpp"
#include "expr/parse_tree.hpp"

namespace contrascreen::expr::grammar {

namespace x3 = boost::spirit::x3;

/// The grammar parses contiguous bytes.
using iterator_type = const char*;

/// Whitespace between tokens: exactly space, tab, CR and LF (not \v or \f).
using skipper_type = x3::char_set<boost::spirit::char_encoding::standard>;
skipper_type whitespace();

/// Key under which parse_expression() passes the start of the text into the
/// parse context (`x3::with`), so on_success handlers can turn iterators into
/// byte offsets without a position cache.
struct text_begin_tag;
struct TextBegin {
  iterator_type begin_;
};

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<text_begin_tag, std::reference_wrapper<const TextBegin>, phrase_context_type>;

/// An error inside one token (number, string, name) found by the grammar
/// itself. Thrown out of the parse so that the first such error in reading
/// order wins over anything that would fail later; caught by
/// parse_expression(). Syntax errors are x3::expectation_failure instead.
struct TokenError {
  std::string_view code_;  ///< stable diagnostic code, e.g. codes::parse_invalid_escape
  std::string message_;
  Span span_;
};

/// Bytes in the UTF-8 sequence at `at` if it is well formed, else 1, so that
/// a span covers one character as a person sees it.
inline std::size_t utf8_length(iterator_type at, iterator_type last) {
  const auto lead = static_cast<unsigned char>(*at);
  const std::ptrdiff_t length = lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
  if (last - at < length) return 1;
  for (std::ptrdiff_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(at[i]) & 0xC0) != 0x80) return 1;
  }
  return static_cast<std::size_t>(length);
}

/// Readable names of the rules that sit behind expectation points; the parser
/// compares x3::expectation_failure::which() against them.
namespace names {
inline constexpr const char* operand = "an operand";
inline constexpr const char* field_name = "an identifier after '.'";
}  // namespace names

struct expression_class;
using expression_type = x3::rule<expression_class, parse_tree::Expression>;
BOOST_SPIRIT_DECLARE(expression_type)

/// The start rule: one complete expression (trailing input is left unparsed).
const expression_type& expression();

}  // namespace contrascreen::expr::grammar
