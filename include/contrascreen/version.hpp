#pragma once
/// \file
/// Library version.

#include <string>

namespace contrascreen {

/// The library version, "MAJOR.MINOR.PATCH".
const char* version() noexcept;

/// One line per dependency the library was built with, e.g. "yaml-cpp 0.7.0\n".
std::string build_info();

}  // namespace contrascreen
