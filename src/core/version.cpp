#include "contrascreen/version.hpp"

#include "core/version_config.hpp"

namespace contrascreen {

const char* version() noexcept {
  return CONTRASCREEN_VERSION_STRING;
}

}  // namespace contrascreen
