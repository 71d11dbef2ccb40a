// HMAC-SHA256 (RFC 2104, FIPS 198-1) on util::Sha256: the keyed hash of the answers in the
// decision log, so that a log proves which answers were decided on without holding them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace contrascreen::util {

/// HMAC-SHA256 with one key, reusable for any number of messages: the key's inner and outer
/// pads are hashed once. Immutable after construction, so const calls are thread-safe.
class HmacSha256 {
 public:
  /// A key longer than SHA-256's block (64 bytes) is hashed first, as RFC 2104 says.
  explicit HmacSha256(std::string_view key) noexcept;

  /// The 32-byte MAC of `message`.
  [[nodiscard]] std::array<std::uint8_t, 32> mac(std::string_view message) const noexcept;
  /// The MAC of `message` as 64 lowercase hex digits.
  [[nodiscard]] std::string mac_hex(std::string_view message) const;

 private:
  std::array<unsigned char, 64> inner_pad_{};
  std::array<unsigned char, 64> outer_pad_{};
};

/// `bytes` as lowercase hex digits.
[[nodiscard]] std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace contrascreen::util
