// Helpers shared by the data-driven tests: locating and reading test data files.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace contrascreen::testing {

inline std::filesystem::path data_dir() {
  return CONTRASCREEN_TEST_DATA;
}
inline std::filesystem::path source_dir() {
  return CONTRASCREEN_SOURCE_DIR;
}

/// Files under `dir` (recursively) with extension `ext`, sorted, so that test order is stable.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir, const std::string& ext) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace contrascreen::testing
