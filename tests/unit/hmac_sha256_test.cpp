// HMAC-SHA256 against the test cases of RFC 4231, section 4 (case 5's full MAC included:
// the RFC truncates it to 128 bits, here it is compared whole).
#include "util/hmac_sha256.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

using contrascreen::util::HmacSha256;

struct Vector {
  std::string key;
  std::string data;
  std::string_view mac;
};

std::string repeat(char c, std::size_t n) {
  return std::string(n, c);
}

std::string one_to(char last) {
  std::string out;
  for (char c = 1; c <= last; ++c) out.push_back(c);
  return out;
}

}  // namespace

TEST_CASE("HMAC-SHA256 gives the MACs of RFC 4231") {
  const Vector vectors[] = {
      {repeat('\x0b', 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {repeat('\xaa', 20), repeat('\xdd', 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {one_to(25), repeat('\xcd', 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {repeat('\x0c', 20), "Test With Truncation", "a3b6167473100ee06e0c796c2955552bfa6f7c0a6a8aef8b93f860aab0cd20c5"},
      {repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {repeat('\xaa', 131),
       "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
       "hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const Vector& v : vectors) {
    CAPTURE(v.data);
    const HmacSha256 hmac(v.key);
    CHECK(hmac.mac_hex(v.data) == v.mac);
    CHECK(hmac.mac_hex(v.data) == v.mac);  // reusable: the pads are kept, not consumed
  }
}

TEST_CASE("HMAC-SHA256 with a key of exactly one block is not hashed first") {
  // A 64-byte key is used as is; hashing it first (as for 65 bytes) would give another MAC
  // (the expected value is Python's hmac.new(b"k" * 64, b"m", hashlib.sha256)).
  CHECK(HmacSha256(std::string(64, 'k')).mac_hex("m") != HmacSha256(std::string(65, 'k')).mac_hex("m"));
  CHECK(HmacSha256(std::string(64, 'k')).mac_hex("m") ==
        "3b7a8d453e76edb519238a515105a57508d0f169f480ebeee120a9e7803289fa");
}
