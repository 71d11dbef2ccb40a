// Static types of expressions, as the checker assigns them.
#pragma once

#include <cstdint>
#include <string>

namespace contrascreen {
class Catalogue;
}

namespace contrascreen::expr {

enum class TypeKind : std::uint8_t {
  error,  // already reported; suppresses follow-on diagnostics
  null,   // the null literal, or the element type of []
  boolean,
  integer,
  real,
  string,
  date,
  enumeration,  // the value of an enum question; `question` says which
  list,         // `element` says of what
};

struct Type {
  TypeKind kind = TypeKind::error;
  TypeKind element = TypeKind::null;    // list element kind
  std::uint32_t question = UINT32_MAX;  // enumeration: the enum question's catalogue index

  static constexpr Type of(TypeKind kind) { return Type{kind, TypeKind::null, UINT32_MAX}; }
  static constexpr Type list_of(TypeKind element) { return Type{TypeKind::list, element, UINT32_MAX}; }
  static constexpr Type enum_of(std::uint32_t question) {
    return Type{TypeKind::enumeration, TypeKind::null, question};
  }

  bool is(TypeKind k) const { return kind == k; }
  bool is_error() const { return kind == TypeKind::error; }
  bool is_numeric() const { return kind == TypeKind::integer || kind == TypeKind::real; }
  /// Strings and enum values both behave as text.
  bool is_text() const { return kind == TypeKind::string || kind == TypeKind::enumeration; }
  bool is_text_list() const {
    return kind == TypeKind::list && (element == TypeKind::string || element == TypeKind::null);
  }
};

/// "bool", "int", "double", "string", "date", "list of string", "enum 'acne'", ...
std::string describe(const Type& type, const Catalogue& catalogue);
const char* describe(TypeKind kind);

}  // namespace contrascreen::expr
