#include "util/file.hpp"

#include <fstream>

namespace contrascreen::util {

ReadStatus read_file_limited(const std::filesystem::path& path, std::size_t max_bytes, std::string& out) {
  // The system takes a path up to its first NUL: "a\0b" would read the file "a".
  if (path.native().find('\0') != std::filesystem::path::string_type::npos) return ReadStatus::not_found;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return ReadStatus::not_found;
  if (ec || status.type() == std::filesystem::file_type::directory) return ReadStatus::unreadable;
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return ReadStatus::unreadable;
  out.clear();
  // Read in blocks rather than trusting file_size(): /dev/zero and /proc files report 0.
  constexpr std::size_t block = 64 * 1024;
  while (out.size() <= max_bytes) {
    const std::size_t old_size = out.size();
    out.resize(old_size + block);
    in.read(out.data() + old_size, static_cast<std::streamsize>(block));
    out.resize(old_size + static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return ReadStatus::unreadable;
    if (!in) break;  // end of file
  }
  return out.size() > max_bytes ? ReadStatus::too_large : ReadStatus::ok;
}

}  // namespace contrascreen::util
