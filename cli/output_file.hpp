// Writing a command's document: to standard output, or to the file named by -o.
#pragma once

#include <string>
#include <string_view>

#include "command.hpp"
#include "options.hpp"

namespace contrascreen::cli {

/// Writes `document` to `path`; false when it could not be written completely. A regular
/// file that could not be written completely is removed, so that no half document is left
/// to be used; anything else (a device such as /dev/full, a pipe) is never removed.
bool write_file(const std::string& path, const std::string& document);

/// Writes a command's whole document to standard output, or with `-o FILE` (option
/// "output") to that file as write_file does. Returns exit_allow, or exit_output with an
/// `io.write` diagnostic naming the command when the file could not be written.
int write_document(std::string_view command, const po::variables_map& vars, const std::string& document, Io& io);

}  // namespace contrascreen::cli
