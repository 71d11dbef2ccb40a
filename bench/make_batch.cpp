// Writes a deterministic batch of generated intakes (see intake_generator.hpp) as JSON
// Lines or CSV, for the CLI benchmarks:
//   make_batch --count N [--format jsonl|csv] [--seed S] [--date YYYY-MM-DD]
// Output goes to standard output, so very large batches can be piped without disk.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>

#include "contrascreen/contrascreen.hpp"
#include "intake_generator.hpp"

namespace {

using namespace contrascreen;

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void append_csv_cell(std::string& out, const AnswerValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) {
    out += *b ? "yes" : "no";
  } else if (const double* d = std::get_if<double>(&v)) {
    out += std::to_string(static_cast<long long>(*d));
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    out += *s;
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    if (list->empty()) out += "none";
    for (std::size_t i = 0; i < list->size(); ++i) out += (i ? ";" : "") + (*list)[i];
  } else {
    out += std::get<Date>(v).to_iso();
  }
}

void append_json_value(std::string& out, const AnswerValue& v) {
  if (const bool* b = std::get_if<bool>(&v)) {
    out += *b ? "true" : "false";
  } else if (const double* d = std::get_if<double>(&v)) {
    out += std::to_string(static_cast<long long>(*d));
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    append_json_string(out, *s);
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    out += '[';
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (i) out += ',';
      append_json_string(out, (*list)[i]);
    }
    out += ']';
  } else {
    append_json_string(out, std::get<Date>(v).to_iso());
  }
}

}  // namespace

int main(int argc, char** argv) {
  unsigned long long count = 1000;
  std::string format = "jsonl";
  std::uint64_t seed = 20261121;
  Date today = *Date::parse_iso("2026-11-21");
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) count = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--format")) format = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--date")) today = *Date::parse_iso(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: make_batch --count N [--format jsonl|csv] [--seed S] [--date D]\n");
      return 64;
    }
  }
  const auto catalogue = Catalogue::builtin();
  Intake intake(catalogue);
  std::string out;
  const bool csv = format == "csv";
  if (csv) {
    out += "id,date";
    for (const Question& q : catalogue->questions()) out += "," + q.id;
    out += '\n';
  }
  for (unsigned long long n = 0; n < count; ++n) {
    bench::generate_intake(intake, n, today, seed);
    if (csv) {
      out += *intake.id();
      out += ',';
      out += today.to_iso();
      for (const Question& q : catalogue->questions()) {
        out += ',';
        if (auto v = intake.get(q.id)) append_csv_cell(out, *v);
      }
    } else {
      out += "{\"id\":";
      append_json_string(out, *intake.id());
      out += ",\"date\":\"" + today.to_iso() + "\",\"answers\":{";
      bool first = true;
      for (const Question& q : catalogue->questions()) {
        auto v = intake.get(q.id);
        if (!v) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, q.id);
        out += ':';
        append_json_value(out, *v);
      }
      out += "}}";
    }
    out += '\n';
    if (out.size() > (1u << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
