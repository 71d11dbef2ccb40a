#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using contrascreen::util::Sha256;
using contrascreen::util::sha256_hex;

std::string to_hex(const std::array<std::uint8_t, 32>& digest) {
  constexpr std::string_view digits = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t byte : digest) {
    hex.push_back(digits[byte >> 4]);
    hex.push_back(digits[byte & 0x0f]);
  }
  return hex;
}

struct Vector {
  std::string_view message;
  std::string_view digest;
};

// FIPS 180-4 examples (NIST CSHA256 / SHAVS short messages).
constexpr Vector nist_vectors[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
     "mnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
};

}  // namespace

TEST_CASE("sha256: NIST vectors") {
  for (const Vector& v : nist_vectors) {
    CAPTURE(v.message);
    CHECK(sha256_hex(v.message) == v.digest);
  }
}

TEST_CASE("sha256: one million 'a' fed in uneven pieces") {
  // 1000 pieces of 1000 bytes, but sized so the pieces straddle block edges.
  const std::string piece(997, 'a');
  Sha256 hasher;
  std::size_t fed = 0;
  while (fed + piece.size() <= 1'000'000) {
    hasher.update(piece);
    fed += piece.size();
  }
  hasher.update(std::string(1'000'000 - fed, 'a'));
  CHECK(to_hex(hasher.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding edges around 55/56/63/64 bytes") {
  // Lengths whose padding needs one vs two final blocks; digests from a reference implementation.
  struct Length {
    std::size_t size;
    std::string_view digest;
  };
  constexpr Length lengths[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
  };
  for (const Length& l : lengths) {
    CAPTURE(l.size);
    CHECK(sha256_hex(std::string(l.size, 'a')) == l.digest);
  }
}

TEST_CASE("sha256: splitting the message anywhere gives the same digest") {
  std::string message;
  for (int i = 0; i < 300; ++i) message.push_back(static_cast<char>('!' + (i * 7) % 90));
  const std::string whole = sha256_hex(message);
  const std::string_view view(message);
  for (std::size_t cut = 0; cut <= view.size(); ++cut) {
    CAPTURE(cut);
    Sha256 hasher;
    hasher.update(view.substr(0, cut));
    hasher.update(std::string_view{});
    hasher.update(view.substr(cut));
    REQUIRE(to_hex(hasher.finish()) == whole);
  }
}
