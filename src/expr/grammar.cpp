// The one translation unit that compiles the X3 grammar (see grammar_def.hpp).
#include "expr/grammar_def.hpp"

namespace contrascreen::expr::grammar {

BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

const expression_type& expression() {
  return expression_rule;
}

skipper_type whitespace() {
  return char_(" \t\r\n");
}

}  // namespace contrascreen::expr::grammar
