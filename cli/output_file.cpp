#include "output_file.hpp"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <system_error>

#include "contrascreen/diagnostic_codes.hpp"
#include "util/printable.hpp"

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

int write_document(std::string_view command, const po::variables_map& vars, const std::string& document, Io& io) {
  if (vars.count("output") == 0) {
    io.out << document;
    return exit_allow;
  }
  const std::string path = vars["output"].as<std::string>();
  if (!write_file(path, document)) {
    io.err << "contrascreen " << command << ": error[" << codes::io_write << "]: " << util::printable(path)
           << ": the document could not be written\n";
    return exit_output;
  }
  return exit_allow;
}

}  // namespace contrascreen::cli
