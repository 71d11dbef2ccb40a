// Writing a command's document to the file named by -o.
#pragma once

#include <string>

namespace contrascreen::cli {

/// Writes `document` to `path`; false when it could not be written completely. A regular
/// file that could not be written completely is removed, so that no half document is left
/// to be used; anything else (a device such as /dev/full, a pipe) is never removed.
bool write_file(const std::string& path, const std::string& document);

}  // namespace contrascreen::cli
