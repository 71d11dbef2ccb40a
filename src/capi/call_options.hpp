// The options JSON of the C ABI's calls ({"date": "2026-11-21", "lang": "sv"}), read into
// the library's own option types. Unknown keys and values of the wrong type or form are
// errors (options.unknown_key, options.invalid), never ignored: a misspelt "dat" would
// otherwise screen on today's date.
#pragma once

#include <string_view>
#include <vector>

#include "contrascreen/batch.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"

namespace contrascreen::capi {

/// Reads the options of a load call: NULL, "" or an object without keys (none is defined
/// yet). Returns false and appends to `problems` otherwise.
bool read_load_options(const char* json, std::vector<Diagnostic>& problems);

/// Reads the options of a screening call into `options` (whose name and other fields keep
/// their values unless the JSON sets them): "date" ("YYYY-MM-DD" or "today"), "lang" (one of
/// `ruleset`'s languages), "name" (a string) and "explain" (a boolean). NULL or "" is no
/// option. Returns false and appends to `problems` on any other key or value. Thread-safe.
bool read_screen_options(const char* json, const RuleSet& ruleset, BatchOptions& options,
                         std::vector<Diagnostic>& problems);

}  // namespace contrascreen::capi
