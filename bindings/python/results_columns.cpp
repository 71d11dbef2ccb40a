// Results as a table: columns built in C++ from the compact records, as numpy arrays and
// pandas categoricals (to_pandas) or plain lists (columns), without a Python object per
// intake. The texts of the list-valued columns come from the library's decision core: each
// distinct combination of rules (or of unanswered questions) is rendered once, from the
// first record that has it, and every other record with it shares that category.
#include <pybind11/numpy.h>

#include <cstring>
#include <limits>
#include <unordered_map>

#include "contrascreen/output.hpp"
#include "results.hpp"

namespace contrascreen::python {
namespace {

constexpr std::int64_t not_a_time = std::numeric_limits<std::int64_t>::min();  // numpy's NaT
constexpr std::int8_t error_code = 3;  // the decision column's code for an error record
const char* const decision_names[] = {"allow", "refer", "refuse", "error"};

// Distinct values of a list-valued column, numbered in order of first appearance. The key
// is the record's list of indices (rules, or catalogue questions) as bytes.
struct Categories {
  std::vector<std::string> texts;
  std::unordered_map<std::string, std::int32_t> codes;
  std::string key;

  template <class Index>
  std::int32_t* find(std::span<const Index> items) {
    key.clear();
    for (const Index& item : items) {
      const std::uint32_t value = index_of(item);
      key.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    const auto found = codes.find(key);
    return found == codes.end() ? nullptr : &found->second;
  }
  std::int32_t add(std::string text) {
    const auto code = static_cast<std::int32_t>(texts.size());
    texts.push_back(std::move(text));
    codes.emplace(key, code);
    return code;
  }
  static std::uint32_t index_of(const RuleHit& hit) noexcept { return hit.rule; }
  static std::uint32_t index_of(std::uint32_t question) noexcept { return question; }
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

// Every column but id and error, as numbers: codes into the categories, days since
// 1970-01-01 (not_a_time for none).
struct Table {
  std::vector<std::int8_t> decision;
  std::vector<std::int32_t> rules, unanswered;  // -1 for an error record
  std::vector<std::int64_t> until, date;
  Categories rule_texts, unanswered_texts;
};

Table make_table(const ResultsData& results) {
  const BatchResults& records = results.records;
  const std::size_t n = records.size();
  Table t;
  t.decision.resize(n);
  t.rules.resize(n);
  t.unanswered.resize(n);
  t.until.resize(n);
  t.date.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (records.is_error(i)) {
      t.decision[i] = error_code;
      t.rules[i] = t.unanswered[i] = -1;
      t.until[i] = t.date[i] = not_a_time;
      continue;
    }
    t.decision[i] = static_cast<std::int8_t>(records.verdict(i));
    t.date[i] = records.date(i).days_since_epoch();
    const auto until = records.until(i);
    t.until[i] = until ? until->days_since_epoch() : not_a_time;
    std::int32_t* rules = t.rule_texts.find(records.hits(i));
    std::int32_t* unanswered = t.unanswered_texts.find(records.unanswered(i));
    if (rules == nullptr || unanswered == nullptr) {  // a combination not seen yet
      const Decision d = records.decision(i, results.language);
      std::vector<std::string> ids;
      for (const Reason& r : d.reasons) ids.push_back(r.rule);
      t.rules[i] = rules != nullptr ? *rules : t.rule_texts.add(joined(ids));
      t.unanswered[i] = unanswered != nullptr ? *unanswered : t.unanswered_texts.add(joined(d.unanswered));
    } else {
      t.rules[i] = *rules;
      t.unanswered[i] = *unanswered;
    }
  }
  return t;
}

py::str text(std::string_view s) {
  return py::str(s.data(), s.size());
}

py::list texts(const Categories& categories) {
  py::list out;
  for (const std::string& s : categories.texts) out.append(text(s));
  return out;
}

// Fills `column` (a list, or a numpy object array's data) with one object per record from
// `make`, which returns a new reference or nullptr for None.
template <class Make>
py::list object_list(std::size_t n, Make&& make) {
  py::list out(n);
  for (std::size_t i = 0; i < n; ++i) {
    py::object value = make(i);
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), value.release().ptr());
  }
  return out;
}

py::object id_of(const BatchResults& records, std::size_t i) {
  const auto id = records.id(i);
  return id ? py::object(text(*id)) : py::object(py::none());
}

py::object error_of(const BatchResults& records, std::size_t i) {
  return records.is_error(i) ? py::object(py::str(error_summary(records.errors(i)))) : py::object(py::none());
}

// Codes as shared str objects (None for -1).
py::list coded_list(const std::vector<std::int32_t>& codes, const py::list& categories) {
  return object_list(codes.size(), [&](std::size_t i) -> py::object {
    return codes[i] < 0 ? py::object(py::none()) : py::object(categories[static_cast<std::size_t>(codes[i])]);
  });
}

// Days as datetime.date objects, one per distinct day (None for not_a_time).
py::list date_list(const std::vector<std::int64_t>& days) {
  std::unordered_map<std::int64_t, py::object> made;
  return object_list(days.size(), [&](std::size_t i) -> py::object {
    if (days[i] == not_a_time) return py::none();
    auto [it, added] = made.try_emplace(days[i]);
    if (added) it->second = to_python(Date::from_days(static_cast<std::int32_t>(days[i])));
    return it->second;
  });
}

template <class T>
py::array_t<T> array(const std::vector<T>& values) {
  py::array_t<T> out(static_cast<py::ssize_t>(values.size()));
  if (!values.empty()) std::memcpy(out.mutable_data(), values.data(), values.size() * sizeof(T));
  return out;
}

py::list decision_categories() {
  py::list out;
  for (const char* name : decision_names) out.append(py::str(name));
  return out;
}

}  // namespace

py::dict results_columns(const ResultsData& results) {
  const BatchResults& records = results.records;
  const Table t = make_table(results);
  const py::list decisions = decision_categories();
  std::vector<std::int32_t> decision_codes(t.decision.begin(), t.decision.end());
  py::dict out;
  out["id"] = object_list(records.size(), [&](std::size_t i) { return id_of(records, i); });
  out["decision"] = coded_list(decision_codes, decisions);
  out["rules"] = coded_list(t.rules, texts(t.rule_texts));
  out["unanswered"] = coded_list(t.unanswered, texts(t.unanswered_texts));
  out["until"] = date_list(t.until);
  out["date"] = date_list(t.date);
  out["error"] = object_list(records.size(), [&](std::size_t i) { return error_of(records, i); });
  return out;
}

py::object results_to_pandas(const ResultsData& results) {
  using namespace pybind11::literals;
  const py::module_ pandas = py::module_::import("pandas");
  const py::module_ numpy = py::module_::import("numpy");
  const BatchResults& records = results.records;
  const Table t = make_table(results);
  const py::object categorical = pandas.attr("Categorical").attr("from_codes");
  const auto objects = [&](auto&& make) {
    return numpy.attr("array")(object_list(records.size(), make), "dtype"_a = "object");
  };
  py::dict columns;
  columns["id"] = objects([&](std::size_t i) { return id_of(records, i); });
  columns["decision"] = categorical(array(t.decision), "categories"_a = decision_categories());
  columns["rules"] = categorical(array(t.rules), "categories"_a = texts(t.rule_texts));
  columns["unanswered"] = categorical(array(t.unanswered), "categories"_a = texts(t.unanswered_texts));
  columns["until"] = array(t.until).attr("view")("datetime64[D]");
  columns["date"] = array(t.date).attr("view")("datetime64[D]");
  columns["error"] = objects([&](std::size_t i) { return error_of(records, i); });
  return pandas.attr("DataFrame")(columns);
}

}  // namespace contrascreen::python
