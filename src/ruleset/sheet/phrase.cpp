#include "ruleset/sheet/phrase.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>

#include "contrascreen/catalogue.hpp"
#include "expr/functions.hpp"
#include "ruleset/sheet/phrase_words.hpp"
#include "ruleset/sheet/word_table.hpp"

namespace contrascreen::sheet {
namespace {

using expr::BinaryOp;
using expr::Builtin;
using expr::is_comparison;
using expr::mirrored;
using expr::Node;
using expr::NodeId;
using expr::NodeKind;
using expr::Resolution;
using expr::TypeKind;
using expr::UnaryOp;
using Part = std::function<void()>;

bool is_logical(const Node& n, BinaryOp op) {
  return n.kind == NodeKind::binary && static_cast<BinaryOp>(n.op) == op;
}

std::string number_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

class Phraser {
 public:
  Phraser(const expr::CheckedExpression& e, std::string_view source, const PhraseContext& context)
      : e_(e), source_(source), context_(context), language_(phrase_language(context.language.language)) {}

  Phrase run() {
    if (e_.ast.root != expr::no_node) {
      if (type(e_.ast.root) == TypeKind::boolean)
        statement(e_.ast.root);
      else
        value(e_.ast.root);
    }
    return std::move(out_);
  }

 private:
  const Node& node(NodeId id) const { return e_.ast[id]; }
  TypeKind type(NodeId id) const { return id < e_.types.size() ? e_.types[id].kind : TypeKind::error; }
  const Resolution& resolved(NodeId id) const { return e_.resolved[id]; }

  void add(Segment::Kind kind, std::string_view text) {
    if (text.empty()) return;
    if (kind == Segment::Kind::words && !out_.segments.empty() && out_.segments.back().kind == kind) {
      out_.segments.back().text += text;
      return;
    }
    out_.segments.push_back({kind, std::string(text)});
  }

  // Writes the template for `key`, each {n} by parts[n].
  void say(Words key, std::initializer_list<Part> parts = {}) {
    const std::string_view text = words(key, language_);
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '{' || i + 2 >= text.size() || text[i + 2] != '}') continue;
      const auto n = static_cast<std::size_t>(text[i + 1] - '0');
      if (n >= parts.size()) continue;
      add(Segment::Kind::words, text.substr(run, i - run));
      (*(parts.begin() + static_cast<std::ptrdiff_t>(n)))();
      run = i + 3;
      i += 2;
    }
    add(Segment::Kind::words, text.substr(run));
  }

  void fallback(NodeId id) {
    const expr::Span span = node(id).span;
    add(Segment::Kind::raw, span.end <= source_.size() && span.begin < span.end
                                ? source_.substr(span.begin, span.end - span.begin)
                                : std::string_view("?"));
    ++out_.fallbacks;
  }

  const Question* question_of(NodeId id) const {
    const Node& n = node(id);
    if (n.kind != NodeKind::identifier || resolved(id).kind != Resolution::Kind::question) return nullptr;
    return &context_.catalogue->questions()[resolved(id).index];
  }

  void prompt(const Question& q) {
    const std::string_view text = context_.language.text(q.prompt);
    add(Segment::Kind::prompt, text.empty() ? std::string_view(q.id) : text);
  }

  // The builtin a call node resolved to, if it is a call.
  std::optional<Builtin> builtin(NodeId id) const {
    const Node& n = node(id);
    if (n.kind != NodeKind::call && n.kind != NodeKind::member_call) return std::nullopt;
    if (resolved(id).kind != Resolution::Kind::function) return std::nullopt;
    const auto all = expr::signatures();
    if (resolved(id).index >= all.size()) return std::nullopt;
    return all[resolved(id).index].builtin;
  }

  // ---------------------------------------------------------------- statements

  void statement(NodeId id) {
    const Node& n = node(id);
    switch (n.kind) {
      case NodeKind::bool_literal:
        say(n.bool_value ? Words::always : Words::never);
        return;
      case NodeKind::identifier:
        if (const Question* q = question_of(id)) {
          say(Words::is_yes, {[&] { prompt(*q); }});
          return;
        }
        break;
      case NodeKind::unary:
        if (static_cast<UnaryOp>(n.op) == UnaryOp::logical_not) {
          negated(n.children[0]);
          return;
        }
        break;
      case NodeKind::binary:
        binary_statement(id);
        return;
      case NodeKind::conditional:
        say(Words::if_then_else, {[&] { nested_statement(n.children[0]); }, [&] { nested_statement(n.children[1]); },
                                  [&] { nested_statement(n.children[2]); }});
        return;
      case NodeKind::call:
      case NodeKind::member_call:
        call_statement(id);
        return;
      case NodeKind::index:
        // A bool item of a list: lists hold strings or numbers, so this is never reached by a
        // checked expression; say what it is rather than fail.
        say(Words::is_yes, {[&] { value(id); }});
        return;
      default:
        break;
    }
    fallback(id);
  }

  // A statement inside a list of statements or a branch: grouped when it is itself a list.
  void nested_statement(NodeId id) {
    const Node& n = node(id);
    const bool list =
        is_logical(n, BinaryOp::logical_and) || is_logical(n, BinaryOp::logical_or) || n.kind == NodeKind::conditional;
    if (list)
      say(Words::group, {[&] { statement(id); }});
    else
      statement(id);
  }

  void negated(NodeId id) {
    if (const Question* q = question_of(id)) {
      say(Words::is_no, {[&] { prompt(*q); }});
      return;
    }
    if (builtin(id) == Builtin::answered) {
      if (const Question* q = question_of(node(id).children[0])) {
        say(Words::not_answered, {[&] { prompt(*q); }});
        return;
      }
    }
    say(Words::negation, {[&] { nested_statement(id); }});
  }

  void flatten(NodeId id, BinaryOp op, std::vector<NodeId>& items) const {
    const Node& n = node(id);
    if (is_logical(n, op)) {
      for (const NodeId child : n.children) flatten(child, op, items);
    } else {
      items.push_back(id);
    }
  }

  void join(const std::vector<NodeId>& items, Words last) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) say(i + 1 == items.size() ? last : Words::separator);
      nested_statement(items[i]);
    }
  }

  bool reads(NodeId id, std::uint32_t question) const {
    if (const Question* q = question_of(id); q != nullptr && q->index == question) return true;
    for (const NodeId child : node(id).children)
      if (reads(child, question)) return true;
    return false;
  }

  // `answered(q) && rest`: the rest, "when answered". A guard makes the rule quietly not
  // apply (rather than be undecided) when q has no answer.
  void conjunction(NodeId id) {
    std::vector<NodeId> items;
    flatten(id, BinaryOp::logical_and, items);
    std::vector<NodeId> rest;
    std::vector<const Question*> guards;
    for (const NodeId item : items) {
      const Question* guarded = builtin(item) == Builtin::answered ? question_of(node(item).children[0]) : nullptr;
      if (guarded != nullptr)
        guards.push_back(guarded);
      else
        rest.push_back(item);
    }
    if (guards.empty() || rest.empty()) {
      join(items, Words::and_last);
      return;
    }
    std::vector<const Question*> others;
    for (const Question* q : guards) {
      const bool read = std::any_of(rest.begin(), rest.end(), [&](NodeId r) { return reads(r, q->index); });
      if (!read) others.push_back(q);
    }
    const Part body = [&] { join(rest, Words::and_last); };
    if (others.empty()) {
      say(Words::when_answered, {body});
      return;
    }
    say(Words::when_other_answered, {body, [&] {
                                       for (std::size_t i = 0; i < others.size(); ++i) {
                                         if (i > 0) say(i + 1 == others.size() ? Words::and_last : Words::separator);
                                         prompt(*others[i]);
                                       }
                                     }});
  }

  void binary_statement(NodeId id) {
    const Node& n = node(id);
    const auto op = static_cast<BinaryOp>(n.op);
    const NodeId left = n.children[0];
    const NodeId right = n.children[1];
    if (op == BinaryOp::logical_and) {
      conjunction(id);
      return;
    }
    if (op == BinaryOp::logical_or) {
      std::vector<NodeId> items;
      flatten(id, BinaryOp::logical_or, items);
      join(items, Words::or_last);
      return;
    }
    if (op == BinaryOp::in) {
      say(Words::one_of, {[&] { value(left); }, [&] { choices(right, enum_question(left)); }});
      return;
    }
    if (!is_comparison(op)) {
      fallback(id);
      return;
    }
    if (since_comparison(left, right, op) || since_comparison(right, left, mirrored(op))) return;
    comparison(left, right, op);
  }

  // days_since(d) < n and its kin: "d was less than n days before the screening date".
  bool since_comparison(NodeId since, NodeId amount, BinaryOp op) {
    const auto b = builtin(since);
    if (!b || (*b != Builtin::days_since && *b != Builtin::weeks_since && *b != Builtin::months_since &&
               *b != Builtin::years_since))
      return false;
    const Words unit = *b == Builtin::days_since     ? Words::days
                       : *b == Builtin::weeks_since  ? Words::weeks
                       : *b == Builtin::months_since ? Words::months
                                                     : Words::years;
    say(Words::before_screening, {[&] { value(node(since).children[0]); },
                                  [&] { say(amount_words(op), {[&] { span_of_time(unit, amount); }}); }});
    return true;
  }

  static Words amount_words(BinaryOp op) {
    switch (op) {
      case BinaryOp::equal:
        return Words::exactly;
      case BinaryOp::not_equal:
        return Words::other_than;
      case BinaryOp::less:
        return Words::less_than;
      case BinaryOp::less_equal:
        return Words::at_most;
      case BinaryOp::greater:
        return Words::more_than;
      default:
        return Words::at_least;
    }
  }

  // "42 days", "1 calendar month": `plural` is the plural key, the singular precedes it.
  void span_of_time(Words plural, NodeId amount) {
    const Node& n = node(amount);
    const bool one = n.kind == NodeKind::int_literal && (n.int_value == 1 || n.int_value == -1);
    say(one ? static_cast<Words>(static_cast<std::uint8_t>(plural) - 1) : plural, {[&] { operand(amount); }});
  }

  static Words comparison_words(BinaryOp op, bool dates) {
    switch (op) {
      case BinaryOp::equal:
        return Words::equal;
      case BinaryOp::not_equal:
        return Words::not_equal;
      case BinaryOp::less:
        return dates ? Words::is_before : Words::less;
      case BinaryOp::less_equal:
        return dates ? Words::is_on_or_before : Words::less_equal;
      case BinaryOp::greater:
        return dates ? Words::is_after : Words::greater;
      default:
        return dates ? Words::is_on_or_after : Words::greater_equal;
    }
  }

  bool is_literal(NodeId id) const {
    const Node& n = node(id);
    switch (n.kind) {
      case NodeKind::null_literal:
      case NodeKind::bool_literal:
      case NodeKind::int_literal:
      case NodeKind::double_literal:
      case NodeKind::string_literal:
        return true;
      case NodeKind::unary:
        return static_cast<UnaryOp>(n.op) == UnaryOp::negate && is_literal(n.children[0]);
      default:
        return false;
    }
  }

  std::optional<std::uint32_t> enum_question(NodeId id) const {
    if (id < e_.types.size() && e_.types[id].kind == TypeKind::enumeration) return e_.types[id].question;
    return std::nullopt;
  }

  void comparison(NodeId left, NodeId right, BinaryOp op) {
    // The answer first: `18 > age` reads "the answer to … is less than 18 years".
    if (is_literal(left) && !is_literal(right)) {
      std::swap(left, right);
      op = mirrored(op);
    }
    // A number question with a unit compared with a number: "… is less than 18 years".
    const Question* lq = question_of(left);
    const Question* rq = question_of(right);
    const bool left_literal = node(left).kind == NodeKind::int_literal || node(left).kind == NodeKind::double_literal;
    const bool right_literal =
        node(right).kind == NodeKind::int_literal || node(right).kind == NodeKind::double_literal;
    const Question* unit_of = lq != nullptr && !lq->unit.empty() && right_literal ? lq : nullptr;
    const Question* unit_of_left = rq != nullptr && !rq->unit.empty() && left_literal ? rq : nullptr;
    say(comparison_words(op, type(left) == TypeKind::date),
        {[&] { with_unit(left, enum_question(right), unit_of_left); },
         [&] { with_unit(right, enum_question(left), unit_of); }});
  }

  // A number with the unit of the question it is compared with: "18 years". The unit
  // "years" has words in every language; any other is written as the catalogue gives it.
  void with_unit(NodeId id, std::optional<std::uint32_t> enum_q, const Question* unit_of) {
    if (unit_of == nullptr) {
      value(id, enum_q);
      return;
    }
    if (unit_of->unit == "years") {
      const Node& n = node(id);
      const bool one = n.kind == NodeKind::int_literal && (n.int_value == 1 || n.int_value == -1);
      say(one ? Words::age_year : Words::age_years, {[&] { value(id, enum_q); }});
      return;
    }
    value(id, enum_q);
    add(Segment::Kind::words, " " + unit_of->unit);
  }

  void call_statement(NodeId id) {
    const Node& n = node(id);
    const auto b = builtin(id);
    if (!b) {
      fallback(id);
      return;
    }
    switch (*b) {
      case Builtin::answered:
        if (const Question* q = question_of(n.children[0])) {
          say(Words::answered, {[&] { prompt(*q); }});
          return;
        }
        break;
      case Builtin::any_in:
        say(Words::any_matches, {[&] { any_item(n.children[0]); }, [&] { choices(n.children[1], std::nullopt); }});
        return;
      case Builtin::starts_with:
        say(Words::starts_with, {[&] { value(n.children[0]); }, [&] { value(n.children[1]); }});
        return;
      case Builtin::ends_with:
        say(Words::ends_with, {[&] { value(n.children[0]); }, [&] { value(n.children[1]); }});
        return;
      case Builtin::contains:
        say(Words::contains, {[&] { value(n.children[0]); }, [&] { value(n.children[1]); }});
        return;
      default:
        break;
    }
    fallback(id);
  }

  void any_item(NodeId id) {
    if (const Question* q = question_of(id)) {
      say(Words::any_answer_to, {[&] { prompt(*q); }});
      return;
    }
    say(Words::any_item_of, {[&] { value(id); }});
  }

  // The right of `in` and any_in's set: "“a”, “b” or “c”", a value set's names, a list answer.
  void choices(NodeId id, std::optional<std::uint32_t> enum_q) {
    const Node& n = node(id);
    if (n.kind == NodeKind::list_literal) {
      if (n.children.empty()) {
        say(Words::nothing);
        return;
      }
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) say(i + 1 == n.children.size() ? Words::or_last : Words::separator);
        value(n.children[i], enum_q);
      }
      return;
    }
    value(id);
  }

  // ---------------------------------------------------------------- values

  void value(NodeId id, std::optional<std::uint32_t> enum_q = std::nullopt) {
    const Node& n = node(id);
    switch (n.kind) {
      case NodeKind::null_literal:
        say(Words::no_value);
        return;
      case NodeKind::bool_literal:
        say(n.bool_value ? Words::yes : Words::no);
        return;
      case NodeKind::int_literal:
        add(Segment::Kind::words, std::to_string(n.int_value));
        return;
      case NodeKind::double_literal:
        add(Segment::Kind::words, number_text(n.double_value));
        return;
      case NodeKind::string_literal:
        string_literal(id, enum_q);
        return;
      case NodeKind::list_literal:
        if (n.children.empty()) {
          say(Words::nothing);
          return;
        }
        say(Words::list_of, {[&] {
              for (std::size_t i = 0; i < n.children.size(); ++i) {
                if (i > 0) say(Words::separator);
                value(n.children[i], enum_q);
              }
            }});
        return;
      case NodeKind::identifier:
        identifier(id);
        return;
      case NodeKind::call:
      case NodeKind::member_call:
        call_value(id);
        return;
      case NodeKind::index:
        say(Words::item_of, {[&] { operand(n.children[0]); }, [&] { value(n.children[1]); }});
        return;
      case NodeKind::unary:
        if (static_cast<UnaryOp>(n.op) == UnaryOp::negate) {
          const Node& operand_node = node(n.children[0]);
          if (operand_node.kind == NodeKind::int_literal || operand_node.kind == NodeKind::double_literal) {
            add(Segment::Kind::words, "-");  // a negative number: -1, not "minus 1"
            value(n.children[0]);
            return;
          }
          say(Words::negative, {[&] { operand(n.children[0]); }});
          return;
        }
        say(Words::whether, {[&] { nested_statement(id); }});
        return;
      case NodeKind::binary:
        binary_value(id);
        return;
      case NodeKind::conditional:
        say(Words::if_else_value, {[&] { nested_statement(n.children[0]); }, [&] { operand(n.children[1], enum_q); },
                                   [&] { operand(n.children[2], enum_q); }});
        return;
      case NodeKind::select:
        break;
    }
    fallback(id);
  }

  // A value inside arithmetic or a branch: grouped when it is itself arithmetic or a branch.
  void operand(NodeId id, std::optional<std::uint32_t> enum_q = std::nullopt) {
    const Node& n = node(id);
    const bool compound =
        n.kind == NodeKind::conditional || (n.kind == NodeKind::binary && type(id) != TypeKind::boolean);
    if (compound)
      say(Words::group, {[&] { value(id, enum_q); }});
    else
      value(id, enum_q);
  }

  void string_literal(NodeId id, std::optional<std::uint32_t> enum_q) {
    const Node& n = node(id);
    if (enum_q && resolved(id).kind == Resolution::Kind::enum_value) {
      const Question& q = context_.catalogue->questions()[*enum_q];
      if (resolved(id).index < q.values.size()) {
        const EnumValue& v = q.values[resolved(id).index];
        const std::string_view label = context_.language.text(v.label);
        add(Segment::Kind::label, label.empty() ? std::string_view(v.value) : label);
        return;
      }
    }
    add(Segment::Kind::text, n.text);
  }

  void identifier(NodeId id) {
    if (const Question* q = question_of(id)) {
      const Words key = q->type == QuestionType::list   ? Words::answers_to
                        : q->type == QuestionType::date ? Words::date_answered
                                                        : Words::answer_to;
      say(key, {[&] { prompt(*q); }});
      return;
    }
    if (resolved(id).kind == Resolution::Kind::value_set && context_.value_sets != nullptr &&
        resolved(id).index < context_.value_sets->size()) {
      const detail::ValueSetDef& set = (*context_.value_sets)[resolved(id).index];
      say(Words::names_in_set, {[&] { add(Segment::Kind::set_name, set.name); }, [&] { members(set); }});
      return;
    }
    fallback(id);
  }

  void members(const detail::ValueSetDef& set) {
    const std::size_t shown = std::min(set.members.size(), std::max<std::size_t>(context_.members_shown, 1));
    const Part listed = [&] {
      for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) say(Words::separator);
        add(Segment::Kind::text, set.members[i]);
      }
    };
    if (set.members.empty()) {
      say(Words::nothing);
    } else if (shown == set.members.size()) {
      listed();
    } else {
      say(Words::and_more, {listed, [&] { add(Segment::Kind::words, std::to_string(set.members.size() - shown)); }});
    }
  }

  void call_value(NodeId id) {
    const Node& n = node(id);
    const auto b = builtin(id);
    if (!b) {
      fallback(id);
      return;
    }
    const auto arg = [&](std::size_t i) { return n.children[i]; };
    switch (*b) {
      case Builtin::date:
        if (node(arg(0)).kind == NodeKind::string_literal) {
          add(Segment::Kind::words, node(arg(0)).text);
          return;
        }
        say(Words::date_in, {[&] { value(arg(0)); }});
        return;
      case Builtin::today:
        say(Words::screening_date);
        return;
      case Builtin::days_since:
        say(Words::days_since, {[&] { value(arg(0)); }});
        return;
      case Builtin::weeks_since:
        say(Words::weeks_since, {[&] { value(arg(0)); }});
        return;
      case Builtin::months_since:
        say(Words::months_since, {[&] { value(arg(0)); }});
        return;
      case Builtin::years_since:
        say(Words::years_since, {[&] { value(arg(0)); }});
        return;
      case Builtin::add_days:
        say(Words::after, {[&] { value(arg(0)); }, [&] { span_of_time(Words::days, arg(1)); }});
        return;
      case Builtin::add_months:
        say(Words::months_after, {[&] { value(arg(0)); }, [&] { span_of_time(Words::months, arg(1)); }});
        return;
      case Builtin::size:
        say(type(arg(0)) == TypeKind::list ? Words::items_in : Words::characters_in, {[&] { value(arg(0)); }});
        return;
      case Builtin::to_int:
        say(Words::whole_number, {[&] { operand(arg(0)); }});
        return;
      case Builtin::to_double:
        say(Words::as_number, {[&] { value(arg(0)); }});
        return;
      case Builtin::answered:
      case Builtin::any_in:
      case Builtin::starts_with:
      case Builtin::ends_with:
      case Builtin::contains:
        say(Words::whether, {[&] { call_statement(id); }});
        return;
    }
    fallback(id);
  }

  void binary_value(NodeId id) {
    const Node& n = node(id);
    const auto op = static_cast<BinaryOp>(n.op);
    const NodeId l = n.children[0];
    const NodeId r = n.children[1];
    const Part left = [&] { operand(l); };
    const Part right = [&] { operand(r); };
    switch (op) {
      case BinaryOp::add:
        say(Words::plus, {left, right});
        return;
      case BinaryOp::subtract:
        say(Words::minus, {left, right});
        return;
      case BinaryOp::multiply:
        say(Words::times, {left, right});
        return;
      case BinaryOp::divide:
        say(type(l) == TypeKind::integer && type(r) == TypeKind::integer ? Words::divided_whole : Words::divided_by,
            {left, right});
        return;
      case BinaryOp::modulo:
        say(Words::remainder, {left, right});
        return;
      default:
        say(Words::whether, {[&] { nested_statement(id); }});
        return;
    }
  }

  const expr::CheckedExpression& e_;
  std::string_view source_;
  const PhraseContext& context_;
  std::string_view language_;
  Phrase out_;
};

}  // namespace

std::string Phrase::plain() const {
  std::string out;
  for (const Segment& s : segments) {
    switch (s.kind) {
      case Segment::Kind::words:
        out += s.text;
        break;
      case Segment::Kind::prompt:
      case Segment::Kind::label:
      case Segment::Kind::text:
        out += "\u201c" + s.text + "\u201d";
        break;
      case Segment::Kind::set_name:
        out += "*" + s.text + "*";
        break;
      case Segment::Kind::raw:
        out += "`" + s.text + "`";
        break;
    }
  }
  return out;
}

std::string_view phrase_language(std::string_view language) noexcept {
  return has_words(language) ? language : std::string_view("en");
}

Phrase phrase_expression(const expr::CheckedExpression& checked, std::string_view source,
                         const PhraseContext& context) {
  return Phraser(checked, source, context).run();
}

}  // namespace contrascreen::sheet
