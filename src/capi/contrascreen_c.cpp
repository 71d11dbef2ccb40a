// The C ABI (include/contrascreen/contrascreen.h): a thin edge over the library, like the
// command line. Each call converts its arguments, calls the one piece of the library that
// does the work (load_ruleset_*, screen_intake, screen_batch, the JSON writers) and
// hands back what the command line would write, so no decision is made here.
#include <filesystem>
#include <istream>
#include <memory>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "capi/boundary.hpp"
#include "capi/call_options.hpp"
#include "contrascreen/batch.hpp"
#include "contrascreen/contrascreen.h"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/output.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/version.hpp"

// The opaque handle: a RuleSet is immutable and safe to screen with from many threads.
struct cs_ruleset {
  contrascreen::RuleSet rules;
};

namespace contrascreen::capi {
namespace {

// {"errors": [...], "warnings": [...]}, each entry as in an error record.
std::string diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
  for (const Diagnostic& d : diagnostics) (d.severity == Severity::error ? errors : warnings).push_back(d);
  std::string out = "{\"errors\":";
  append_diagnostics_json(out, errors);
  out += ",\"warnings\":";
  append_diagnostics_json(out, warnings);
  out.push_back('}');
  return out;
}

// Sets *diagnostics (when wanted) to `diagnostics` as JSON; may throw before setting it.
void hand_out_diagnostics(const std::vector<Diagnostic>& diagnostics, char** out) {
  if (out != nullptr) *out = c_string(diagnostics_json(diagnostics));
}

// Loads `source` (a path or YAML text, as `loader` reads it) into *ruleset.
using Loader = LoadResult (*)(std::string_view source, std::string_view name);
cs_status load(Loader loader, std::string_view source, std::string_view name, const char* options_json,
               cs_ruleset** ruleset, char** diagnostics) {
  std::vector<Diagnostic> problems;
  if (!read_load_options(options_json, problems)) {
    hand_out_diagnostics(problems, diagnostics);
    return CS_BAD_OPTIONS;
  }
  LoadResult loaded = loader(source, name);
  if (!loaded) {
    hand_out_diagnostics(loaded.diagnostics, diagnostics);
    const bool missing = !loaded.diagnostics.empty() && loaded.diagnostics.front().code == codes::io_not_found;
    return missing ? CS_NOT_FOUND : CS_INVALID;
  }
  auto handle = std::make_unique<cs_ruleset>(cs_ruleset{std::move(*loaded.ruleset)});
  hand_out_diagnostics(loaded.diagnostics, diagnostics);  // warnings
  *ruleset = handle.release();
  return CS_OK;
}

// The status of a screened input, as the command line's exit status: an unreadable record
// or input wins over any decision.
cs_status status_of(const BatchSummary& summary) {
  if (!summary.fatal.empty() || summary.errors > 0) return CS_INVALID;
  const auto worst = summary.worst();
  if (!worst) return CS_INVALID;  // nothing screened: "every intake allowed" never holds vacuously
  switch (*worst) {
    case Verdict::allow: return CS_ALLOW;
    case Verdict::refer: return CS_REFER;
    case Verdict::refuse: return CS_REFUSE;
  }
  return CS_INTERNAL_ERROR;
}

// Reads the screening options; on failure hands their diagnostics out in *out.
bool screen_options(const char* options_json, const RuleSet& rules, BatchOptions& options, char** out) {
  std::vector<Diagnostic> problems;
  if (read_screen_options(options_json, rules, options, problems)) return true;
  *out = c_string(diagnostics_json(problems));
  return false;
}

// A read-only stream over the caller's buffer, without copying it.
class MemoryBuffer : public std::streambuf {
 public:
  MemoryBuffer(const char* data, std::size_t length) {
    char* begin = const_cast<char*>(data);  // std::streambuf's interface; never written through
    setg(begin, begin, begin + length);
  }
};

}  // namespace
}  // namespace contrascreen::capi

using namespace contrascreen;
using capi::guarded;

extern "C" {

const char* cs_version(void) { return contrascreen::version(); }

const char* cs_status_name(int status) {
  switch (status) {
    case CS_OK: return "allow";
    case CS_REFER: return "refer";
    case CS_REFUSE: return "refuse";
    case CS_BAD_OPTIONS: return "bad_options";
    case CS_INVALID: return "invalid";
    case CS_NOT_FOUND: return "not_found";
    case CS_INTERNAL_ERROR: return "internal_error";
    case CS_OUT_OF_MEMORY: return "out_of_memory";
    case CS_NULL_ARGUMENT: return "null_argument";
    default: return "unknown";
  }
}

void cs_free(void* buffer) { std::free(buffer); }

void cs_ruleset_free(cs_ruleset* ruleset) { delete ruleset; }

cs_status cs_load_file(const char* path, const char* options_json, cs_ruleset** ruleset, char** diagnostics_json) {
  if (diagnostics_json != nullptr) *diagnostics_json = nullptr;
  if (ruleset != nullptr) *ruleset = nullptr;
  if (path == nullptr || ruleset == nullptr) return CS_NULL_ARGUMENT;
  return guarded([&] {
    const auto from_file = [](std::string_view file, std::string_view) {
      return load_ruleset_file(std::filesystem::path(file));
    };
    return capi::load(from_file, path, path, options_json, ruleset, diagnostics_json);
  });
}

cs_status cs_load_string(const char* yaml, size_t length, const char* name, const char* options_json,
                         cs_ruleset** ruleset, char** diagnostics_json) {
  if (diagnostics_json != nullptr) *diagnostics_json = nullptr;
  if (ruleset != nullptr) *ruleset = nullptr;
  if ((yaml == nullptr && length != 0) || ruleset == nullptr) return CS_NULL_ARGUMENT;
  return guarded([&] {
    const auto from_text = [](std::string_view text, std::string_view shown) {
      return load_ruleset_string(text, shown);
    };
    return capi::load(from_text, capi::caller_text(yaml, length), name == nullptr ? "<string>" : name, options_json,
                      ruleset, diagnostics_json);
  });
}

cs_status cs_screen_json(const cs_ruleset* ruleset, const char* intake_json, size_t length, const char* options_json,
                         char** out_json) {
  if (out_json != nullptr) *out_json = nullptr;
  if (ruleset == nullptr || (intake_json == nullptr && length != 0) || out_json == nullptr) return CS_NULL_ARGUMENT;
  return guarded([&] {
    BatchOptions options;
    options.format = OutputFormat::json;
    options.name = "<intake>";
    if (!capi::screen_options(options_json, ruleset->rules, options, out_json)) return CS_BAD_OPTIONS;
    std::string record;
    const BatchSummary summary =
        screen_intake(ruleset->rules, capi::caller_text(intake_json, length), IntakeFormat::json, record, options);
    *out_json = capi::c_string(record);
    return capi::status_of(summary);
  });
}

cs_status cs_screen_jsonl(const cs_ruleset* ruleset, const char* jsonl, size_t length, const char* options_json,
                          char** out_jsonl) {
  if (out_jsonl != nullptr) *out_jsonl = nullptr;
  if (ruleset == nullptr || (jsonl == nullptr && length != 0) || out_jsonl == nullptr) return CS_NULL_ARGUMENT;
  return guarded([&] {
    BatchOptions options;
    options.format = OutputFormat::json;
    options.name = "-";
    if (!capi::screen_options(options_json, ruleset->rules, options, out_jsonl)) return CS_BAD_OPTIONS;
    const std::string_view text = capi::caller_text(jsonl, length);
    capi::MemoryBuffer buffer(text.data(), text.size());
    std::istream in(&buffer);
    std::ostringstream records;
    const BatchSummary summary = screen_batch(ruleset->rules, in, BatchFormat::jsonl, records, options);
    // The output is a string stream: it cannot fail to be written short of memory.
    if (!records) throw std::bad_alloc();
    *out_jsonl = capi::c_string(std::move(records).str());
    return capi::status_of(summary);
  });
}

cs_status cs_ruleset_info_json(const cs_ruleset* ruleset, char** out_json) {
  if (out_json != nullptr) *out_json = nullptr;
  if (ruleset == nullptr || out_json == nullptr) return CS_NULL_ARGUMENT;
  return guarded([&] {
    std::string info;
    append_ruleset_info_json(info, ruleset->rules);
    *out_json = capi::c_string(info);
    return CS_OK;
  });
}

}  // extern "C"
