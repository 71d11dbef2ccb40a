// SHA-256 (FIPS 180-4), used to fingerprint rule files and intake records so a
// decision can name exactly which policy text produced it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace contrascreen::util {

/// Incremental SHA-256. Feed bytes with update() any number of times, then call
/// finish() once to get the digest. Owns its small fixed-size state; no heap use.
/// Not thread-safe: one instance per thread (it is cheap to make).
class Sha256 {
 public:
  /// Appends `bytes` to the message. Must not be called after finish().
  void update(std::string_view bytes) noexcept;

  /// Pads the message and returns the 32-byte digest. Call at most once; the
  /// object is spent afterwards.
  [[nodiscard]] std::array<std::uint8_t, 32> finish() noexcept;

 private:
  void compress(const unsigned char* block) noexcept;

  std::array<std::uint32_t, 8> state_ = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                         0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;       ///< bytes waiting in buffer_, always < 64
  std::uint64_t total_bytes_ = 0;  ///< message length so far, for the padding
};

/// The SHA-256 of `bytes` as 64 lowercase hex digits. Pure; thread-safe.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace contrascreen::util
