// parse_expression(): bounds checks, the X3 parse (grammar.cpp), the mapping of
// X3's failures to diagnostics, and the flattening of the parse tree into Ast.
#include "expr/parser.hpp"

#include <exception>
#include <optional>
#include <utility>

#include "contrascreen/diagnostic_codes.hpp"
#include "expr/grammar.hpp"
#include "expr/parse_tree.hpp"

namespace contrascreen::expr {
namespace {

namespace x3 = boost::spirit::x3;
namespace pt = parse_tree;

/// Longest run of prefix operators (`!!!!x`, `- - -x`) accepted. The parser
/// reads such a run without recursion, but every later phase walks the Ast
/// recursively, so it is bounded like bracket nesting.
constexpr int max_unary_run = 64;

ExprDiagnostic error(std::string_view code, std::string message, std::size_t begin, std::size_t end) {
  return {std::string(code), std::move(message), {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)}};
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_word_char(char c) {
  return is_word_start(c) || is_digit(c);
}

std::size_t skip_space(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

std::size_t word_end(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_word_char(text[pos])) ++pos;
  return pos;
}

/// Characters that begin some token of the language, or part of one (`=`,
/// `&`, `|` get their own "expected '=='" style messages).
bool starts_token(char c) {
  static constexpr std::string_view punctuation = "()[],.?:!-+*/%<>=&|\"'";
  return is_word_char(c) || punctuation.find(c) != std::string_view::npos;
}

/// "unexpected character '#'" for something no token starts with.
ExprDiagnostic unexpected_character(std::string_view text, std::size_t pos) {
  const std::size_t length = grammar::utf8_length(text.data() + pos, text.data() + text.size());
  const auto byte = static_cast<unsigned char>(text[pos]);
  std::string message;
  if (length > 1) {
    message =
        "unexpected character '" + std::string(text.substr(pos, length)) + "' (only ASCII is allowed outside strings)";
  } else if (byte >= 0x21 && byte < 0x7F) {
    message = std::string("unexpected character '") + text[pos] + "'";
  } else {
    static constexpr char hex[] = "0123456789ABCDEF";
    message = std::string("unexpected byte 0x") + hex[byte >> 4] + hex[byte & 0xF];
  }
  return error(codes::parse_unexpected, std::move(message), pos, pos + length);
}

/// A lone `=`, `&` or `|` where an operator could follow: the usual slip from
/// other languages, worth a message of its own. Empty when not the case.
std::optional<ExprDiagnostic> half_operator(std::string_view text, std::size_t pos) {
  switch (text[pos]) {
    case '=':
      return error(codes::parse_expected, "expected '==' (a single '=' is not an operator)", pos, pos + 1);
    case '&':
      return error(codes::parse_expected, "expected '&&'", pos, pos + 1);
    case '|':
      return error(codes::parse_expected, "expected '||'", pos, pos + 1);
    default:
      return std::nullopt;
  }
}

// ---- pre-scan ----------------------------------------------------------------

/// Index just past the string literal whose quote is at `pos` (text.size() if
/// it is unterminated; the grammar reports that one).
std::size_t skip_string(std::string_view text, std::size_t pos) {
  const char quote = text[pos];
  for (std::size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      return i + 1;
    }
  }
  return text.size();
}

/// Bounds the parser's recursion before X3 runs: brackets and call
/// parentheses nest, and so does every `?` (its else-branch holds the rest of
/// the enclosing group), so depth = open brackets + `?`s inside them. Also
/// bounds runs of prefix operators. Brackets inside strings do not count.
std::optional<ExprDiagnostic> check_nesting(std::string_view text) {
  std::vector<int> conditionals_in_group{0};  // one entry per open bracket, plus the top level
  int depth = 0;
  int unary_run = 0;
  bool after_operand = false;  // decides whether `-` is binary or prefix
  for (std::size_t pos = 0; pos < text.size();) {
    const char c = text[pos];
    if (is_space(c)) {
      ++pos;
      continue;
    }
    std::size_t end = pos + 1;
    bool prefix = false;
    bool operand = false;
    if (c == '"' || c == '\'') {
      end = skip_string(text, pos);
      operand = true;
    } else if (is_word_char(c)) {  // names, keywords and numbers alike
      end = word_end(text, pos);
      const std::string_view word = text.substr(pos, end - pos);
      prefix = word == "not";
      operand = !prefix && word != "in" && word != "and" && word != "or";
    } else if (c == '(' || c == '[' || c == '?') {
      if (++depth > max_nesting_depth) {
        return error(codes::parse_too_deep,
                     "expression nests more than " + std::to_string(max_nesting_depth) +
                         " levels of brackets, calls and conditionals",
                     pos, end);
      }
      if (c == '?') {
        ++conditionals_in_group.back();
      } else {
        conditionals_in_group.push_back(0);
      }
    } else if (c == ')' || c == ']') {
      operand = true;
      if (conditionals_in_group.size() > 1) {
        depth -= 1 + conditionals_in_group.back();
        conditionals_in_group.pop_back();
      }
    } else if (c == '!') {
      prefix = end == text.size() || text[end] != '=';
      if (!prefix) ++end;  // `!=`
    } else if (c == '-') {
      prefix = !after_operand;
    }
    unary_run = prefix ? unary_run + 1 : 0;
    if (unary_run > max_unary_run) {
      return error(codes::parse_too_deep, "more than " + std::to_string(max_unary_run) + " prefix operators in a row",
                   pos, end);
    }
    after_operand = operand;
    pos = end;
  }
  return std::nullopt;
}

// ---- X3 failures -------------------------------------------------------------

/// How the token at `pos` reads in a message: a whole word or number, else one character.
std::string token_at(std::string_view text, std::size_t pos) {
  const std::size_t end = is_word_char(text[pos]) ? word_end(text, pos) : pos + 1;
  return std::string(text.substr(pos, end - pos));
}

ExprDiagnostic expectation_error(std::string_view text, std::size_t where, const std::string& which) {
  const std::size_t pos = skip_space(text, where);
  if (pos == text.size()) {
    return error(codes::parse_expected, "expected " + which + " but the expression ended", pos, pos);
  }
  if (!starts_token(text[pos])) return unexpected_character(text, pos);
  if (which != grammar::names::operand && which != grammar::names::field_name) {
    if (auto half = half_operator(text, pos)) return *half;
  }
  return error(codes::parse_expected, "expected " + which + " but found '" + token_at(text, pos) + "'", pos, pos + 1);
}

ExprDiagnostic leftover_error(std::string_view text, std::size_t where) {
  const std::size_t pos = skip_space(text, where);
  if (!starts_token(text[pos])) return unexpected_character(text, pos);
  if (auto half = half_operator(text, pos)) return *half;
  const std::string token = token_at(text, pos);
  return error(codes::parse_unexpected, "unexpected '" + token + "' after the end of the expression", pos,
               pos + token.size());
}

// ---- parse tree -> Ast -------------------------------------------------------

/// Flattens the parse tree bottom-up into the node arena; children are added
/// before their parent, so composite spans come from the finished children.
/// A node of `kind` covering `span`; the caller fills in the rest.
Node make_node(NodeKind kind, Span span, Span name_span = {}) {
  Node node;
  node.kind = kind;
  node.span = span;
  node.name_span = name_span;
  return node;
}

/// Flattens the parse tree bottom-up into the node arena; children are added
/// before their parent, so composite spans come from the finished children.
class Flattener {
 public:
  using result_type = NodeId;  // for x3::variant::apply_visitor

  explicit Flattener(Ast& ast) : ast_(ast) {}

  NodeId operator()(const pt::Expression& expression) {
    const NodeId condition = (*this)(expression.condition_);
    if (!expression.branches_) return condition;
    const pt::Branches& branches = *expression.branches_;
    const NodeId then_branch = (*this)(branches.then_);
    const NodeId else_branch = (*this)(branches.else_.get());
    Node node = make_node(NodeKind::conditional, {span(condition).begin, span(else_branch).end},
                          {branches.span_.begin, branches.span_.begin + 1});  // the `?`
    node.children = {condition, then_branch, else_branch};
    return add(std::move(node));
  }

  template <typename Operand>
  NodeId operator()(const pt::Chain<Operand>& chain) {
    NodeId left = (*this)(chain.first_);
    for (const pt::Link<Operand>& link : chain.rest_) {
      const NodeId right = (*this)(link.operand_);
      Node node = make_node(NodeKind::binary, {span(left).begin, span(right).end}, link.operator_.span_);
      node.op = static_cast<std::uint8_t>(link.operator_.op_);
      node.children = {left, right};
      left = add(std::move(node));
    }
    return left;
  }

  NodeId operator()(const pt::Unary& unary) {
    NodeId operand = (*this)(unary.operand_);
    // The operator nearest the operand applies first.
    for (auto it = unary.operators_.rbegin(); it != unary.operators_.rend(); ++it) {
      Node node = make_node(NodeKind::unary, {it->span_.begin, span(operand).end}, it->span_);
      node.op = static_cast<std::uint8_t>(it->op_);
      node.children = {operand};
      operand = add(std::move(node));
    }
    return operand;
  }

  NodeId operator()(const pt::Postfix& postfix) {
    NodeId receiver = postfix.primary_.apply_visitor(*this);
    for (const pt::Suffix& suffix : postfix.suffixes_) {
      SuffixFlattener apply{*this, receiver};
      receiver = suffix.apply_visitor(apply);
    }
    return receiver;
  }

  // Primaries.
  NodeId operator()(const pt::NullLiteral& literal) { return add(make_node(NodeKind::null_literal, literal.span_)); }
  NodeId operator()(const pt::BoolLiteral& literal) {
    Node node = make_node(NodeKind::bool_literal, literal.span_);
    node.bool_value = literal.value_;
    return add(std::move(node));
  }
  NodeId operator()(const pt::NumberLiteral& literal) {
    Node node = make_node(literal.is_double_ ? NodeKind::double_literal : NodeKind::int_literal, literal.span_);
    node.int_value = literal.int_value_;
    node.double_value = literal.double_value_;
    return add(std::move(node));
  }
  NodeId operator()(const pt::StringLiteral& literal) {
    Node node = make_node(NodeKind::string_literal, literal.span_);
    node.text = literal.value_;
    return add(std::move(node));
  }
  NodeId operator()(const pt::ListLiteral& list) {
    Node node = make_node(NodeKind::list_literal, list.span_);
    node.children = flatten_all(list.elements_);
    return add(std::move(node));
  }
  NodeId operator()(const pt::IdentOrCall& name) {
    Node node = name.arguments_ ? make_node(NodeKind::call, name.span_, name.name_.span_)
                                : make_node(NodeKind::identifier, name.name_.span_);
    node.text = name.name_.name_;
    if (name.arguments_) node.children = flatten_all(*name.arguments_);
    return add(std::move(node));
  }
  NodeId operator()(const x3::forward_ast<pt::Parenthesized>& parenthesized) {
    // The inner node is widened to cover the parentheses, so every enclosing
    // span (and any diagnostic on this operand) includes them.
    const NodeId inner = (*this)(parenthesized.get().inner_);
    ast_.nodes[inner].span = parenthesized.get().span_;
    return inner;
  }

 private:
  /// Visits one postfix suffix with the node it applies to.
  struct SuffixFlattener {
    using result_type = NodeId;
    Flattener& flattener_;
    NodeId receiver_;

    NodeId operator()(const pt::MemberSuffix& member) const {
      Node node = make_node(member.arguments_ ? NodeKind::member_call : NodeKind::select,
                            {flattener_.span(receiver_).begin, member.span_.end}, member.name_.span_);
      node.text = member.name_.name_;
      node.children = {receiver_};
      if (member.arguments_) {
        for (NodeId argument : flattener_.flatten_all(*member.arguments_)) node.children.push_back(argument);
      }
      return flattener_.add(std::move(node));
    }
    NodeId operator()(const x3::forward_ast<pt::IndexSuffix>& index) const {
      const NodeId key = flattener_(index.get().index_);
      Node node = make_node(NodeKind::index, {flattener_.span(receiver_).begin, index.get().span_.end});
      node.children = {receiver_, key};
      return flattener_.add(std::move(node));
    }
  };

  std::vector<NodeId> flatten_all(const std::vector<pt::Expression>& expressions) {
    std::vector<NodeId> ids;
    ids.reserve(expressions.size());
    for (const pt::Expression& expression : expressions) ids.push_back((*this)(expression));
    return ids;
  }

  NodeId add(Node node) {
    ast_.nodes.push_back(std::move(node));
    return static_cast<NodeId>(ast_.nodes.size() - 1);
  }

  Span span(NodeId id) const { return ast_.nodes[id].span; }

  Ast& ast_;
};

ParseResult failure(ExprDiagnostic diagnostic) {
  ParseResult result;
  result.errors.push_back(std::move(diagnostic));
  return result;
}

}  // namespace

// Long operator chains (`a + a + ... + a`) pass the bracket pre-scan but still make a
// deep tree, and the checker and evaluator recurse over it: bound the depth here.
static std::optional<ExprDiagnostic> check_tree_depth(const Ast& ast) {
  std::vector<std::pair<NodeId, int>> pending{{ast.root, 1}};
  while (!pending.empty()) {
    const auto [id, depth] = pending.back();
    pending.pop_back();
    const Node& node = ast.nodes[id];
    if (depth > max_tree_depth) {
      return ExprDiagnostic{std::string(codes::parse_too_deep),
                            "expression is more than " + std::to_string(max_tree_depth) +
                                " operators deep; split it into several rules or use a value set",
                            node.span, false};
    }
    for (NodeId child : node.children) pending.emplace_back(child, depth + 1);
  }
  return std::nullopt;
}

ParseResult parse_expression(std::string_view text) {
  if (text.size() > max_expression_length) {
    return failure(error(codes::parse_too_long,
                         "expression is " + std::to_string(text.size()) + " bytes long; the limit is " +
                             std::to_string(max_expression_length),
                         max_expression_length, text.size()));
  }
  if (skip_space(text, 0) == text.size()) {
    return failure(error(codes::parse_empty, "expression is empty", 0, 0));
  }
  if (auto nesting = check_nesting(text)) return failure(std::move(*nesting));

  const char* const begin = text.data();
  const char* first = begin;
  const char* const last = begin + text.size();
  const grammar::TextBegin text_begin{begin};
  try {
    pt::Expression tree;
    const bool parsed =
        x3::phrase_parse(first, last, x3::with<grammar::text_begin_tag>(std::cref(text_begin))[grammar::expression()],
                         grammar::whitespace(), tree);
    // Every operand position is an expectation point, so a plain failure
    // cannot happen in practice; treat it as a missing operand all the same.
    if (!parsed) return failure(expectation_error(text, 0, grammar::names::operand));
    if (first != last) return failure(leftover_error(text, static_cast<std::size_t>(first - begin)));

    ParseResult result;
    Flattener flatten{result.ast};
    result.ast.root = flatten(tree);
    if (auto deep = check_tree_depth(result.ast)) return failure(std::move(*deep));
    return result;
  } catch (const grammar::TokenError& token_error) {
    return failure(ExprDiagnostic{std::string(token_error.code_), token_error.message_, token_error.span_});
  } catch (const x3::expectation_failure<const char*>& expectation) {
    return failure(expectation_error(text, static_cast<std::size_t>(expectation.where() - begin), expectation.which()));
  } catch (const std::exception& exception) {
    // Only resource exhaustion can get here; report it rather than throw.
    return failure(
        error(codes::parse_internal, std::string("internal parser error: ") + exception.what(), 0, text.size()));
  } catch (...) {
    return failure(error(codes::parse_internal, "internal parser error", 0, text.size()));
  }
}

}  // namespace contrascreen::expr
