#include "util/hmac_sha256.hpp"

#include <cstring>

#include "util/sha256.hpp"

namespace contrascreen::util {

HmacSha256::HmacSha256(std::string_view key) noexcept {
  std::array<unsigned char, 64> block{};
  if (key.size() > block.size()) {
    Sha256 hash;
    hash.update(key);
    const auto digest = hash.finish();
    std::memcpy(block.data(), digest.data(), digest.size());
  } else if (!key.empty()) {
    std::memcpy(block.data(), key.data(), key.size());
  }
  for (std::size_t i = 0; i < block.size(); ++i) {
    inner_pad_[i] = static_cast<unsigned char>(block[i] ^ 0x36u);
    outer_pad_[i] = static_cast<unsigned char>(block[i] ^ 0x5cu);
  }
}

std::array<std::uint8_t, 32> HmacSha256::mac(std::string_view message) const noexcept {
  const auto as_text = [](const auto& bytes) {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  };
  Sha256 inner;
  inner.update(as_text(inner_pad_));
  inner.update(message);
  const auto inner_digest = inner.finish();
  Sha256 outer;
  outer.update(as_text(outer_pad_));
  outer.update(as_text(inner_digest));
  return outer.finish();
}

std::string HmacSha256::mac_hex(std::string_view message) const {
  const auto digest = mac(message);
  return to_hex(digest.data(), digest.size());
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  constexpr char digits[] = "0123456789abcdef";
  std::string out(2 * size, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace contrascreen::util
