// Moved to util/diagnostic_builder.hpp (src/yaml, below core, reports diagnostics too).
// Kept only for files being rewritten on other branches; tests/layering/check_includes.py
// lists them and fails on any new includer. Delete once that list is empty.
#pragma once

#include "util/diagnostic_builder.hpp"  // IWYU pragma: export
