// The per-format intake parsers behind parse_intake(), each in its own translation unit
// so that only that one includes its parsing library.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/intake_reader.hpp"

namespace contrascreen::io {

IntakeResult parse_json_intake(std::string_view text, std::shared_ptr<const Catalogue> catalogue,
                               std::string_view name);

/// read_intake_records (intake_reader.hpp) that also keeps the file's text in `text` when it
/// read the whole file, so that problems found later can point into it.
std::vector<IntakeResult> read_intake_records(const std::filesystem::path& path,
                                              std::shared_ptr<const Catalogue> catalogue, std::string& text);

}  // namespace contrascreen::io
