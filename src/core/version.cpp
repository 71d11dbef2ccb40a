#include "contrascreen/version.hpp"

#include <boost/version.hpp>
#include <simdjson.h>

#include "core/version_config.hpp"

// Debian's simdjson defines SIMDJSON_VERSION as a bare 3.0.1, others as a string literal;
// stringifying the expansion works for the former, so detect the latter by its quote.
#define CONTRASCREEN_STRINGIFY_(x) #x
#define CONTRASCREEN_STRINGIFY(x) CONTRASCREEN_STRINGIFY_(x)

namespace contrascreen {
namespace {
std::string unquoted(std::string text) {
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  return text;
}
}  // namespace

const char* version() noexcept { return CONTRASCREEN_VERSION_STRING; }

std::string build_info() {
  std::string out;
  out += "boost " + std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) + "." +
         std::to_string(BOOST_VERSION % 100) + " (Spirit X3)\n";
  out += "yaml-cpp " CONTRASCREEN_YAML_CPP_VERSION "\n";
  out += "simdjson " + unquoted(CONTRASCREEN_STRINGIFY(SIMDJSON_VERSION)) + "\n";
  out += "compiler " __VERSION__ "\n";
  return out;
}

}  // namespace contrascreen
