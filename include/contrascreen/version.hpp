#pragma once
/// \file
/// Library version.

namespace contrascreen {

/// The library version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;

}  // namespace contrascreen
