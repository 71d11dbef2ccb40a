// Files and JSON Lines text through the library's one entry point for named inputs
// (screen_input) and its batch engine (screen_batch): the bindings only hand over the bytes
// and turn whole-input problems into IntakeError. No reading or rendering here.
#include "screen_files.hpp"

#include <memory>
#include <sstream>
#include <streambuf>

#include "contrascreen/batch.hpp"
#include "convert.hpp"
#include "results.hpp"

namespace contrascreen::python {
namespace {

// The bytes of a bytes or str object as a stream, without copying them. The object must
// outlive the stream; bytes and str are immutable, so reading them without the GIL is safe.
class ViewBuffer : public std::streambuf {
 public:
  ViewBuffer(const char* data, std::size_t size) {
    char* begin = const_cast<char*>(data);  // the get area is only read
    setg(begin, begin, begin + size);
  }
};

BatchOptions batch_options(const py::object& date, const std::optional<std::string>& lang, int jobs) {
  if (jobs < 0 || jobs > 256)
    throw py::value_error("jobs must be 0 (one per core) to 256, not " + std::to_string(jobs));
  BatchOptions options;
  options.screen.date = date_argument(date);
  options.screen.language = lang.value_or("");
  options.jobs = static_cast<unsigned>(jobs);
  return options;
}

// Runs `screen` (which fills the records) with the GIL released, then raises IntakeError for
// any problem with the input as a whole: the records before a failed read are never
// returned as if they were all.
template <class Screen>
py::object screen_into_results(const RuleSet& ruleset, const BatchOptions& options, Screen&& screen) {
  auto results = std::make_shared<ResultsData>(ruleset, options.screen.language);
  BatchSummary summary;
  {
    py::gil_scoped_release release;
    summary = screen(results->records);
  }
  if (!summary.fatal.empty())
    raise_with_diagnostics(intake_error_class(), format_diagnostics(summary.fatal), wrap(summary.fatal));
  return make_results(std::move(results));
}

}  // namespace

py::object screen_file(const RuleSet& ruleset, const py::object& path, const py::object& date,
                       const std::optional<std::string>& lang, int jobs) {
  const py::module_ os = py::module_::import("os");
  // The file system's bytes for the path, as open() would use them.
  std::string name = os.attr("fsencode")(os.attr("fspath")(path)).cast<std::string>();
  if (name.find('\0') != std::string::npos) throw py::value_error("embedded null byte in the path");
  if (name == "-") name = "./-";  // a file named "-", never standard input
  const BatchOptions options = batch_options(date, lang, jobs);
  return screen_into_results(ruleset, options, [&](BatchResults& records) {
    std::istringstream no_standard_input;
    return screen_input(ruleset, name, no_standard_input, records, options);
  });
}

py::object screen_jsonl(const RuleSet& ruleset, const py::object& data, const py::object& date,
                        const std::optional<std::string>& lang, int jobs) {
  const char* bytes = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_Check(data.ptr())) {
    if (PyBytes_AsStringAndSize(data.ptr(), const_cast<char**>(&bytes), &size) != 0) throw py::error_already_set();
  } else if (PyUnicode_Check(data.ptr())) {
    bytes = PyUnicode_AsUTF8AndSize(data.ptr(), &size);  // cached in the str object
    if (bytes == nullptr) throw py::error_already_set();
  } else {
    throw py::type_error("screen_jsonl expects bytes or str of JSON Lines, not " +
                         std::string(Py_TYPE(data.ptr())->tp_name));
  }
  BatchOptions options = batch_options(date, lang, jobs);
  options.name = "<string>";
  return screen_into_results(ruleset, options, [&](BatchResults& records) {
    ViewBuffer buffer(bytes, static_cast<std::size_t>(size));
    std::istream in(&buffer);
    return screen_batch(ruleset, in, BatchFormat::jsonl, records, options);
  });
}

}  // namespace contrascreen::python
