// `contrascreen rules RULESET...`: compares rule sets side by side. One row per rule id, in
// order of first appearance; one column per rule set; each cell the rule's decision
// (refuse, refer, inform), marked "(until)" when the refusal is temporary, or "-" when the
// rule set does not have the rule (or has disabled it). Rules whose condition differs
// between the rule sets (a 28- against a 42-day interval) are listed below the table.
// Everything comes from the loaded rule sets (RuleSet::rules()): the CLI parses nothing.
// Exit 0, 64 usage error, 65 a rule set does not load, 66 a named file does not exist.
#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/ruleset.hpp"
#include "json_text.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"

namespace contrascreen::cli {
namespace {

CommandSpec rules_spec() {
  CommandSpec spec;
  spec.name = "rules";
  spec.synopsis = "rules [--format text|markdown|json] RULESET...";
  spec.summary =
      "Compares rule sets: one row per rule, one column per rule set, each cell the rule's decision\n"
      "(refuse, refer or inform; \"(until)\" when a refusal ends on a date) or \"-\" when the rule set\n"
      "does not have that rule. Rules whose condition differs between the rule sets are listed below.\n"
      "A directory stands for every rule set (.yaml) under it. Exit status: 0, 65 a rule set does not\n"
      "load, 66 a named file does not exist.";
  spec.example =
      "  contrascreen rules rules/common/microneedling.yaml rules/clinics/clinic-nl/microneedling.yaml\n"
      "  contrascreen rules --format markdown rules/clinics/    # a table to paste into a document\n";
  spec.options.add_options()  //
      ("format,f", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       "text, markdown or json");
  spec.hidden.add_options()("rulesets", po::value<std::vector<std::string>>(), "rule-set files or directories");
  spec.positional.add("rulesets", -1);
  return spec;
}

struct Column {
  std::string file;
  RuleSet rules;
};

struct Row {
  std::string id;
  std::vector<const RuleInfo*> cells;  // per column; null: the rule set does not have the rule
};

// RuleInfo pointers stay valid: they point into the rule sets' shared compiled form.
std::vector<Row> build_rows(const std::vector<Column>& columns) {
  std::vector<Row> rows;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (const RuleInfo& info : columns[c].rules.rules()) {
      auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.id == info.id; });
      if (row == rows.end()) {
        rows.push_back(Row{info.id, std::vector<const RuleInfo*>(columns.size(), nullptr)});
        row = rows.end() - 1;
      }
      row->cells[c] = &info;
    }
  }
  return rows;
}

std::string cell_text(const RuleInfo* rule) {
  if (rule == nullptr) return "-";
  std::string text = to_string(rule->action);
  if (!rule->until.empty()) text += " (until)";
  return text;
}

// Expressions compared and shown with their white space collapsed (a folded YAML scalar
// and a plain one read the same).
std::string collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// One distinct condition of a rule and the columns that have it.
struct Variant {
  std::string when;
  std::string until;
  std::vector<std::size_t> columns;
};

std::vector<Variant> variants(const Row& row) {
  std::vector<Variant> out;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const RuleInfo* rule = row.cells[c];
    if (rule == nullptr) continue;
    const std::string when = collapse(rule->when);
    const std::string until = collapse(rule->until);
    auto v = std::find_if(out.begin(), out.end(), [&](const Variant& x) { return x.when == when && x.until == until; });
    if (v == out.end()) {
      out.push_back(Variant{when, until, {}});
      v = out.end() - 1;
    }
    v->columns.push_back(c);
  }
  return out;
}

std::string column_names(const Variant& v, const std::vector<Column>& columns) {
  std::string out;
  for (const std::size_t c : v.columns) out += (out.empty() ? "" : ", ") + columns[c].rules.id();
  return out;
}

std::string pad(const std::string& text, std::size_t width) {
  // Widths count bytes; rule ids and rule-set ids are ASCII.
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_text(const std::vector<Column>& columns, const std::vector<Row>& rows, std::ostream& out) {
  std::vector<std::string> header{"rule"};
  for (const Column& c : columns) header.push_back(c.rules.id());
  std::vector<std::vector<std::string>> lines{header};
  for (const Row& row : rows) {
    std::vector<std::string> line{row.id};
    for (const RuleInfo* rule : row.cells) line.push_back(cell_text(rule));
    lines.push_back(std::move(line));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) text += i + 1 == line.size() ? line[i] : pad(line[i], widths[i] + 2);
    out << text << "\n";
  }
  bool any = false;
  for (const Row& row : rows) {
    const auto vs = variants(row);
    if (vs.size() < 2) continue;
    if (!any) out << "\nConditions that differ:\n";
    any = true;
    out << "  " << row.id << "\n";
    for (const Variant& v : vs) {
      out << "    " << v.when << "\n";
      if (!v.until.empty()) out << "      until " << v.until << "\n";
      out << "      in " << column_names(v, columns) << "\n";
    }
  }
}

void print_markdown(const std::vector<Column>& columns, const std::vector<Row>& rows, std::ostream& out) {
  std::vector<std::string> header{"rule"};
  for (const Column& c : columns) header.push_back(c.rules.id());
  std::vector<std::vector<std::string>> lines;
  for (const Row& row : rows) {
    std::vector<std::string> line{"`" + row.id + "`"};
    for (const RuleInfo* rule : row.cells) line.push_back(cell_text(rule));
    lines.push_back(std::move(line));
  }
  std::vector<std::size_t> widths(header.size(), 3);
  for (std::size_t i = 0; i < header.size(); ++i) widths[i] = std::max(widths[i], header[i].size());
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], line[i].size());
  auto print_line = [&](const std::vector<std::string>& line) {
    out << "|";
    for (std::size_t i = 0; i < line.size(); ++i) out << " " << pad(line[i], widths[i]) << " |";
    out << "\n";
  };
  print_line(header);
  out << "|";
  for (const std::size_t w : widths) out << std::string(w + 2, '-') << "|";
  out << "\n";
  for (const auto& line : lines) print_line(line);
  bool any = false;
  for (const Row& row : rows) {
    const auto vs = variants(row);
    if (vs.size() < 2) continue;
    if (!any) out << "\nConditions that differ between these rule sets:\n\n";
    any = true;
    out << "- `" << row.id << "`:\n";
    for (const Variant& v : vs) {
      out << "  - `" << v.when << "`";
      if (!v.until.empty()) out << ", until `" << v.until << "`";
      out << ": " << column_names(v, columns) << "\n";
    }
  }
}


// {"rulesets": [{"id", "version", "file", "sha256"}...],
//  "rules": [{"rule": id, "in": [{"decision", "when", "until", "questions"} or null per rule set]}...]}
void print_json(const std::vector<Column>& columns, const std::vector<Row>& rows, std::ostream& out) {
  out << "{\"rulesets\": [";
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const RuleSet& rs = columns[c].rules;
    out << (c == 0 ? "\n  " : ",\n  ") << "{\"id\": " << json_string(rs.id())
        << ", \"version\": " << json_string(rs.version()) << ", \"file\": " << json_string(columns[c].file)
        << ", \"sha256\": " << json_string(rs.sha256()) << "}";
  }
  out << "],\n \"rules\": [";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << (r == 0 ? "\n  " : ",\n  ") << "{\"rule\": " << json_string(rows[r].id) << ", \"in\": [";
    for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
      const RuleInfo* rule = rows[r].cells[c];
      out << (c == 0 ? "" : ", ");
      if (rule == nullptr) {
        out << "null";
        continue;
      }
      out << "{\"decision\": \"" << to_string(rule->action) << "\", \"when\": " << json_string(collapse(rule->when))
          << ", \"until\": " << (rule->until.empty() ? "null" : json_string(collapse(rule->until)))
          << ", \"questions\": [";
      for (std::size_t q = 0; q < rule->questions.size(); ++q)
        out << (q == 0 ? "" : ", ") << json_string(rule->questions[q]);
      out << "]}";
    }
    out << "]}";
  }
  out << "]}\n";
}

}  // namespace

int run_rules(const Args& args, Io& io) {
  const CommandSpec spec = rules_spec();
  int status = exit_allow;
  const auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;
  const std::string format = (*vars)["format"].as<std::string>();
  if (format != "text" && format != "markdown" && format != "json")
    return usage_error(spec, "unknown --format '" + format + "': use text, markdown or json", io);
  if (vars->count("rulesets") == 0) return usage_error(spec, "name at least one rule-set file or directory", io);

  const RuleSetFiles named = expand_ruleset_arguments((*vars)["rulesets"].as<std::vector<std::string>>());
  if (report_unusable_arguments(named, spec.name, io) != exit_allow) return exit_no_input;
  std::vector<Column> columns;
  bool load_failed = false;
  for (const auto& path : named.files) {
    LoadResult loaded = load_ruleset_file(path);
    if (!loaded) {
      io.err << format_diagnostics(loaded.diagnostics);
      load_failed = true;
      continue;
    }
    columns.push_back(Column{path.string(), std::move(*loaded.ruleset)});
  }
  // A comparison with a rule set missing would mislead: no table at all.
  if (load_failed) return exit_data;

  const std::vector<Row> rows = build_rows(columns);
  if (format == "markdown")
    print_markdown(columns, rows, io.out);
  else if (format == "json")
    print_json(columns, rows, io.out);
  else
    print_text(columns, rows, io.out);
  return exit_allow;
}

}  // namespace contrascreen::cli
