#include "output_file.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace contrascreen::cli {

bool write_file(const std::string& path, const std::string& document) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out.write(document.data(), static_cast<std::streamsize>(document.size())) && out.flush()) {
      out.close();
      if (!out.fail()) return true;
    }
  }
  std::error_code ec;
  if (std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::regular)
    std::filesystem::remove(path, ec);
  return false;
}

}  // namespace contrascreen::cli
