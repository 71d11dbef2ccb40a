// Three-valued (Kleene) logic for the hand-written twins of the benchmark policies, as a
// programmer would write it by hand: a truth value with the questions whose absence left
// it unknown, and a number that may be unknown. The same semantics as the engine's
// (docs/expressions.md): `false && unknown` is false, `true || unknown` is true, an
// unknown condition of `c ? a : b` matters only when the branches differ.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/intake_access.hpp"  // the slots, as the engine reads them
#include "hand_written_policy.hpp"

namespace bench::kleene {

using Slot = contrascreen::detail::AnswerSlot;

struct K {
  enum { no, yes, unknown } state;
  std::uint64_t missing;  // bit i: catalogue question i
};

inline K missing(std::uint32_t q) {
  return {K::unknown, std::uint64_t{1} << q};
}
inline K of(bool b) {
  return {b ? K::yes : K::no, 0};
}
inline K boolean(const Slot* s, std::uint32_t q) {
  return s[q].answered ? of(s[q].value.boolean) : missing(q);
}
inline K enum_is(const Slot* s, std::uint32_t q, std::uint32_t v) {
  return s[q].answered ? of(s[q].value.enum_index == v) : missing(q);
}
inline K enum_in(const Slot* s, std::uint32_t q, std::uint32_t v1, std::uint32_t v2) {
  return s[q].answered ? of(s[q].value.enum_index == v1 || s[q].value.enum_index == v2) : missing(q);
}
inline K answered(const Slot* s, std::uint32_t q) {
  return of(s[q].answered);
}
inline K not_of(K a) {
  if (a.state != K::unknown) a.state = a.state == K::yes ? K::no : K::yes;
  return a;
}
inline K any_of(K a, K b) {
  if (a.state == K::yes || b.state == K::yes) return of(true);
  if (a.state == K::no) return b;
  if (b.state == K::no) return a;
  return {K::unknown, a.missing | b.missing};
}
inline K all_of(K a, K b) {
  if (a.state == K::no || b.state == K::no) return of(false);
  if (a.state == K::yes) return b;
  if (b.state == K::yes) return a;
  return {K::unknown, a.missing | b.missing};
}
inline K if_else(K c, K a, K b) {
  if (c.state == K::yes) return a;
  if (c.state == K::no) return b;
  if (a.state != K::unknown && a.state == b.state) return a;
  return {K::unknown, c.missing | a.missing | b.missing};
}

/// A number that may be unknown (its missing questions then say why).
struct N {
  bool known;
  double value;
  std::uint64_t missing;
};
inline N number(double v) {
  return {true, v, 0};
}
inline N number(const Slot* s, std::uint32_t q) {
  return s[q].answered ? N{true, s[q].value.number, 0} : N{false, 0, std::uint64_t{1} << q};
}
template <typename Compare>
K compare(N a, N b, Compare op) {
  if (!a.known || !b.known) return {K::unknown, a.missing | b.missing};
  return of(op(a.value, b.value));
}
template <typename F>
N apply(N a, F f) {
  return a.known ? N{true, f(a.value), 0} : a;
}

/// A list item against a value-set member: trimmed, ASCII case-insensitive.
inline bool same_drug(std::string_view item, std::string_view member) {
  while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
  while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
  if (item.size() != member.size()) return false;
  for (std::size_t i = 0; i < item.size(); ++i) {
    char c = item[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != member[i]) return false;
  }
  return true;
}

/// Records rule `rule`'s outcome as the engine does: nothing when false; fired with its
/// `until`, or undecided (refer, with its missing questions).
inline void record(HandScreening& out, std::uint32_t rule, K k, contrascreen::Verdict severity,
                   std::optional<contrascreen::Date> until = std::nullopt) {
  if (k.state == K::no) return;
  HandHit& hit = out.hits[out.hit_count++];
  hit.rule = rule;
  hit.undecided = k.state == K::unknown;
  hit.until = hit.undecided ? std::nullopt : until;
  if (hit.undecided) {
    out.unanswered |= k.missing;
    severity = contrascreen::Verdict::refer;
  }
  if (severity > out.verdict) out.verdict = severity;
}

inline void start(HandScreening& out) {
  out.verdict = contrascreen::Verdict::allow;
  out.hit_count = 0;
  out.unanswered = 0;
}

}  // namespace bench::kleene
