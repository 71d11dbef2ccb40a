// The per-format intake parsers behind parse_intake(), each in its own translation unit
// so that only that one includes its parsing library.
#pragma once

#include <memory>
#include <string_view>

#include "contrascreen/intake_reader.hpp"

namespace contrascreen::io {

IntakeResult parse_json_intake(std::string_view text, std::shared_ptr<const Catalogue> catalogue,
                               std::string_view name);

}  // namespace contrascreen::io
