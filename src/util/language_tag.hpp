// BCP 47 language tags (RFC 5646), as rule sets and catalogues declare their languages.
#pragma once

#include <string>
#include <string_view>

namespace contrascreen::util {

/// Whether `tag` is a well-formed BCP 47 language tag (RFC 5646, section 2.1):
///   language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
/// ("en", "en-GB", "sr-Latn-RS", "es-419", "de-CH-1901", "zh-yue"), a private-use tag
/// ("x-klingon") or one of the grandfathered tags ("i-default"), letters in any case.
/// Stricter than the syntax in two ways: a variant or an extension singleton given twice
/// is rejected (section 2.2.9 makes such a tag invalid), and so is a language subtag of 4 to 8
/// letters (4 are reserved, and none of 5 to 8 has ever been registered), which is a name
/// such as "english" rather than a tag. Subtags are not looked up in the IANA registry: "qq"
/// is accepted.
[[nodiscard]] bool is_language_tag(std::string_view tag);

/// Says, for people, why `tag` (not a language tag) is not one, with a hint where one helps:
/// "language 'en_GB' is not a BCP 47 language tag (...); subtags are separated by '-'".
[[nodiscard]] std::string not_a_language_tag_message(std::string_view tag);

/// Whether two tags are the same tag: BCP 47 tags compare ignoring ASCII case ("en-GB", "EN-gb").
[[nodiscard]] bool same_language_tag(std::string_view a, std::string_view b) noexcept;

}  // namespace contrascreen::util
