// Reading a whole file with an upper bound on its size, so that a huge file, /dev/zero or
// a never-ending pipe named as a rule set or intake costs at most `max_bytes` of memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace contrascreen::util {

enum class ReadStatus { ok, not_found, unreadable, too_large };

/// Reads `path` into `out`. Stops after `max_bytes + 1` bytes: a longer file (whatever
/// its reported size, so devices and pipes too) is `too_large` and `out` is then
/// unspecified. A directory is `unreadable`. A path holding a NUL byte names no file
/// (the system would read it cut short at the NUL): `not_found`. Thread-safe.
[[nodiscard]] ReadStatus read_file_limited(const std::filesystem::path& path, std::size_t max_bytes, std::string& out);

}  // namespace contrascreen::util
