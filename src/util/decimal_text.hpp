// Reading a decimal number from intake text, as the CSV, YAML and JSON readers do once
// their own grammar has said the text is a number. Part of their lexical work: whether the
// number answers its question is accept_answer's decision (answer_acceptance.hpp).
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

namespace contrascreen::util {

/// A number read from text.
struct DecimalNumber {
  double value = 0;        ///< the nearest double; +-infinity when too large for one
  bool underflow = false;  ///< the text is a non-zero number too close to zero: value is +-0
};

/// The power of ten of the first significant digit of decimal text, exponent included
/// (1e-999: -999; 0.05: -2; 1234e5: 8); 0 for zero.
inline std::int64_t decimal_magnitude(std::string_view text) noexcept {
  std::size_t i = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  std::int64_t position = 0;  // power of ten of the digit at i, relative to the first digit
  std::int64_t integer_digits = 0;
  bool fraction = false;
  std::optional<std::int64_t> first;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      fraction = true;
      continue;
    }
    if (!fraction) ++integer_digits;
    if (text[i] != '0' && !first) first = fraction ? -position - 1 : integer_digits;
    if (fraction) ++position;
  }
  if (!first) return 0;
  // Integer digit k (1-based) of n stands for 10^(n - k); fraction digit f (0-based) for 10^(-f - 1).
  std::int64_t magnitude = *first >= 0 ? integer_digits - *first : *first;
  if (i < text.size()) {  // the exponent, saturated: its size only has to tell far from near
    ++i;
    const bool negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::int64_t exponent = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      exponent = std::min<std::int64_t>(exponent * 10 + (text[i] - '0'), 1'000'000'000);
    magnitude += negative ? -exponent : exponent;
  }
  return magnitude;
}

/// `text` read whole as std::from_chars reads a double ("52", "-1.5e3", "nan", "inf"): a
/// magnitude too large for a double is +-infinity, one too small is +-0 with underflow set.
/// nullopt when from_chars does not read all of `text`.
inline std::optional<DecimalNumber> read_decimal(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (end != text.data() + text.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // from_chars says only that the value does not fit, not on which side.
    const bool negative = text.front() == '-';
    if (decimal_magnitude(text) < 0) return DecimalNumber{negative ? -0.0 : 0.0, true};
    return DecimalNumber{negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity()};
  }
  if (ec != std::errc{}) return std::nullopt;
  return DecimalNumber{value};
}

}  // namespace contrascreen::util
