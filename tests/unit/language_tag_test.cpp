// BCP 47 language tags (RFC 5646) as rule sets and catalogues declare them.
#include "util/language_tag.hpp"

#include <doctest/doctest.h>

#include <string_view>

using contrascreen::util::is_language_tag;
using contrascreen::util::not_a_language_tag_message;
using contrascreen::util::same_language_tag;

namespace {

// clang-format off
constexpr std::string_view well_formed[] = {
    "en", "sv", "nl", "EN", "gsw",                          // language
    "en-GB", "en-gb", "es-419", "pt-BR",                     // region: 2 letters or 3 digits
    "sr-Latn", "sr-Latn-RS", "zh-Hant-TW",                   // script
    "zh-yue", "zh-yue-HK", "ar-aao-ajp-apc",                  // extended language subtags
    "de-CH-1901", "sl-rozaj-biske", "de-1996",               // variants: 5-8 alphanumerics, or a digit and 3
    "en-US-u-ca-gregory", "de-DE-u-co-phonebk-t-en",         // extensions
    "en-a-bbb-x-a-ccc", "de-CH-x-phonebk", "x-whatever", "X-A",  // private use
    "i-klingon", "en-GB-oed", "zh-min-nan", "I-DEFAULT",     // grandfathered
    "qq",                                                   // not looked up in the registry
};
constexpr std::string_view not_well_formed[] = {
    "", "e", "english", "Deutsch", "abcd",                   // 1 letter; 4 to 8 letters: names, not tags
    "en_GB", "en GB", " en", "en-", "-en", "en--GB",         // separators
    "e1", "123", "en-GB-", "en-ÿ",                            // characters
    "en-toolongsubtag", "en-a", "en-a-b", "a-DE",            // subtag lengths, empty extensions
    "de-CH-1901-1901", "de-1901-1901",                       // a variant twice
    "en-u-ca-gregory-u-nu-latn",                             // an extension singleton twice
    "x", "en-x", "zh-abc-def-ghi-jkl",                        // empty private use; four extlangs
    "en-GB-Latn",                                            // script after region
};
// clang-format on

}  // namespace

TEST_CASE("language tags: the RFC 5646 syntax") {
  for (const std::string_view tag : well_formed) {
    CAPTURE(tag);
    CHECK(is_language_tag(tag));
  }
  for (const std::string_view tag : not_well_formed) {
    CAPTURE(tag);
    CHECK_FALSE(is_language_tag(tag));
  }
}

TEST_CASE("language tags: compared ignoring case; messages with a hint") {
  CHECK(same_language_tag("en-GB", "EN-gb"));
  CHECK(same_language_tag("sr-Latn-RS", "sr-latn-rs"));
  CHECK_FALSE(same_language_tag("en", "en-GB"));
  CHECK_FALSE(same_language_tag("en", "eo"));
  CHECK(not_a_language_tag_message("en_GB").ends_with("subtags are separated by '-'"));
  CHECK(not_a_language_tag_message("english").ends_with("such as en for English"));
  CHECK(not_a_language_tag_message("e1") ==
        "language 'e1' is not a BCP 47 language tag (such as en, en-GB, sr-Latn, es-419)");
}
