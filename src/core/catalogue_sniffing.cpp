// Telling a question catalogue from a rule set without loading either (catalogue.hpp).
#include <string>

#include "contrascreen/catalogue.hpp"
#include "util/file.hpp"
#include "yaml/yaml_reader.hpp"

namespace contrascreen {

bool is_catalogue_text(std::string_view yaml) noexcept {
  return yaml.starts_with("questions:") || yaml.find("\nquestions:") != std::string_view::npos;
}

bool is_catalogue_file(const std::filesystem::path& path) {
  if (path.filename() == "questions.yaml") return true;
  // Bounded: a huge file or /dev/zero is then loaded as a rule set, which reports it as
  // too large.
  std::string text;
  if (util::read_file_limited(path, yaml::max_document_bytes, text) != util::ReadStatus::ok) return false;
  return is_catalogue_text(text);
}

}  // namespace contrascreen
