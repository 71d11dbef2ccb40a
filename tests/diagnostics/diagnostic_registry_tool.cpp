// Keeps the diagnostic code registry (include/contrascreen/diagnostic_codes.def) and the
// tree in step. Reads the registry through the public header, so nothing parses the list
// but the compiler.
//
//   diagnostic_registry_tool write FILE      writes the docs/diagnostics.md table to FILE
//   diagnostic_registry_tool check-doc FILE  fails when FILE is not what `write` writes
//   diagnostic_registry_tool registered DIR  fails on any code-shaped string literal in
//       DIR/{src,cli,bindings,include} that is not registered, and on C++ code that spells
//       a registered code as a literal instead of naming its codes:: constant
//   diagnostic_registry_tool used DIR        fails on a registered code that no file in
//       DIR/{src,cli,bindings,include,tests} mentions (an entry whose meaning starts
//       with "Reserved" may be unused)
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <contrascreen/diagnostic_codes.hpp>

namespace {

using namespace contrascreen;
namespace fs = std::filesystem;

// ---- the registry's own rules, checked when this file compiles ------------------------

constexpr bool named_after(std::string_view identifier, std::string_view code) {
  if (identifier.size() != code.size()) return false;
  for (std::size_t i = 0; i < code.size(); ++i)
    if (identifier[i] != (code[i] == '.' ? '_' : code[i])) return false;
  return true;
}

#define CONTRASCREEN_DIAGNOSTIC_CODE(identifier, code, origin, severity, meaning) \
  static_assert(named_after(#identifier, code), "codes::" #identifier " is not named after " code);
#include <contrascreen/diagnostic_codes.def>
#undef CONTRASCREEN_DIAGNOSTIC_CODE

constexpr bool codes_are_unique() {
  for (std::size_t i = 0; i < std::size(diagnostic_code_table); ++i)
    for (std::size_t j = i + 1; j < std::size(diagnostic_code_table); ++j)
      if (diagnostic_code_table[i].code == diagnostic_code_table[j].code) return false;
  return true;
}
static_assert(codes_are_unique(), "a code is registered twice");
static_assert(find_diagnostic_code("intake.wrong_type")->code == codes::intake_wrong_type);
static_assert(find_diagnostic_code("intake.no_such_code") == nullptr);

// ---- docs/diagnostics.md --------------------------------------------------------------

std::string markdown() {
  std::ostringstream out;
  out << "# Diagnostic codes\n\n"
         "<!-- Generated from include/contrascreen/diagnostic_codes.def by\n"
         "     tests/diagnostics/diagnostic_registry_tool.cpp; do not edit. Regenerate with\n"
         "     cmake --build build --target update_diagnostics_doc -->\n\n"
         "Every problem contrascreen reports carries one of these "
      << std::size(diagnostic_code_table)
      << " stable codes, as `error[code]` in\n"
         "text output, `\"code\"` in JSON, `Diagnostic::code` in C++ (compare it with\n"
         "`contrascreen::codes::intake_wrong_type` and the like, from\n"
         "`contrascreen/diagnostic_codes.hpp`) and `.code` in Python. Messages are for people\n"
         "and may change; codes do not. *From* says which input is at fault: a rule set\n"
         "(with its catalogue and their YAML), an expression, an intake, a file that\n"
         "cannot be read (I/O), or the caller (the options of a C ABI call).\n\n"
         "| code | meaning | from | severity |\n"
         "|---|---|---|---|\n";
  for (const DiagnosticCodeInfo& info : diagnostic_codes()) {
    std::string meaning;
    for (char c : info.meaning) meaning += c == '|' ? std::string("\\|") : std::string(1, c);
    out << "| `" << info.code << "` | " << meaning << " | " << to_string(info.origin) << " | "
        << to_string(info.severity) << " |\n";
  }
  return out.str();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int write_doc(const fs::path& path, std::string_view self) {
  std::ofstream(path, std::ios::binary) << markdown();
  if (read_file(path) == markdown()) return 0;
  std::cerr << self << ": cannot write " << path.string() << "\n";
  return 1;
}

int check_doc(const fs::path& path, std::string_view self) {
  if (read_file(path) == markdown()) return 0;
  std::cerr << path.string() << " is not what diagnostic_codes.def says (stale or edited by hand).\n"
            << "Regenerate it with:\n  " << self << " write " << path.string() << "\n"
            << "or: cmake --build <build dir> --target update_diagnostics_doc\n";
  return 1;
}

// ---- scanning the tree ----------------------------------------------------------------

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::vector<fs::path> files_under(const fs::path& root, const std::vector<std::string>& folders, bool sources_only) {
  static const std::set<std::string> source_extensions{".cpp", ".hpp", ".h", ".in", ".def", ".py", ".pyi"};
  std::vector<fs::path> files;
  for (const auto& folder : folders) {
    if (!fs::exists(root / folder)) continue;
    for (auto it = fs::recursive_directory_iterator(root / folder); it != fs::recursive_directory_iterator(); ++it) {
      const std::string name = it->path().filename().string();
      if (it->is_directory() && (name == "__pycache__" || name == "corpus" || name.starts_with("."))) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      if (sources_only && !source_extensions.contains(it->path().extension().string())) continue;
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct Literal {
  std::string code;
  std::size_t line = 0;
  bool in_comment = false;
  bool single_quoted = false;  // in C++, text inside a string ("e.g. 'intake.wrong_type'")
};

// Quoted strings shaped like a code: one of the registry's prefixes, a dot, [a-z_]+.
// File names ("intake.json") are not codes. `python` decides what starts a comment.
std::vector<Literal> code_literals(const std::string& text, const std::set<std::string, std::less<>>& prefixes,
                                   bool python) {
  static const std::set<std::string, std::less<>> file_extensions{"json", "jsonl", "yaml", "yml", "csv",
                                                                  "txt",  "md",    "py",   "cpp", "hpp"};
  std::vector<Literal> found;
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ++line, line_start = i + 1;
    if (text[i] != '"' && text[i] != '\'') continue;
    const std::size_t dot = text.find('.', i + 1);
    if (dot == std::string::npos || !prefixes.contains(std::string_view(text).substr(i + 1, dot - i - 1))) continue;
    std::size_t end = dot + 1;
    while (end < text.size() && is_name_char(text[end])) ++end;
    if (end == dot + 1 || end >= text.size() || text[end] != text[i]) continue;
    if (file_extensions.contains(std::string_view(text).substr(dot + 1, end - dot - 1))) continue;
    const std::string_view before = std::string_view(text).substr(line_start, i - line_start);
    const std::size_t first = before.find_first_not_of(" \t");
    const bool in_comment = python ? before.find('#') != std::string_view::npos
                                   : before.find("//") != std::string_view::npos ||
                                         (first != std::string_view::npos && before.substr(first).starts_with("*"));
    found.push_back({text.substr(i + 1, end - i - 1), line, in_comment, text[i] == '\''});
    i = end;
  }
  return found;
}

int check_registered(const fs::path& root) {
  std::set<std::string, std::less<>> prefixes;
  for (const auto& info : diagnostic_codes()) prefixes.emplace(info.code.substr(0, info.code.find('.')));
  int unregistered = 0;
  std::vector<std::string> still_literal;
  for (const fs::path& file : files_under(root, {"src", "cli", "bindings", "include"}, true)) {
    if (file.filename() == "diagnostic_codes.def") continue;
    const std::string where = fs::relative(file, root).string();
    const bool python = file.extension() == ".py" || file.extension() == ".pyi";
    for (const Literal& literal : code_literals(read_file(file), prefixes, python)) {
      if (find_diagnostic_code(literal.code) == nullptr) {
        std::cerr << where << ":" << literal.line << ": '" << literal.code
                  << "' is not a registered diagnostic code (include/contrascreen/diagnostic_codes.def)\n";
        ++unregistered;
      } else if (!python && !literal.in_comment && !literal.single_quoted) {
        still_literal.push_back(where + ":" + std::to_string(literal.line) + ":" + literal.code);
      }
    }
  }
  // Every code is spelled once, in the registry; C++ names it by its constant.
  for (const auto& entry : still_literal)
    std::cerr << entry << ": a code spelled as a literal; use its constant from contrascreen/diagnostic_codes.hpp\n";
  if (unregistered > 0) std::cerr << unregistered << " unregistered code(s): register them or use a registered one\n";
  if (unregistered == 0 && still_literal.empty()) std::cout << "every diagnostic code in C++ comes from the registry\n";
  return unregistered == 0 && still_literal.empty() ? 0 : 1;
}

// A mention of `word` not inside a longer name: "parse.empty", codes::parse_empty, an
// expectation line `# expect: parse.empty 9:5`.
bool mentions(const std::string& text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool starts = at == 0 || (!is_name_char(text[at - 1]) && text[at - 1] != '.');
    const bool ends = at + word.size() == text.size() || !is_name_char(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

int check_used(const fs::path& root) {
  std::vector<std::string> texts;
  for (const fs::path& file : files_under(root, {"src", "cli", "bindings", "include"}, true))
    if (file.filename() != "diagnostic_codes.def") texts.push_back(read_file(file));
  for (const fs::path& file : files_under(root, {"tests"}, false)) texts.push_back(read_file(file));
  int unused = 0;
  for (const DiagnosticCodeInfo& info : diagnostic_codes()) {
    if (info.meaning.starts_with("Reserved")) continue;
    std::string identifier = "codes::" + std::string(info.code);
    std::replace(identifier.begin(), identifier.end(), '.', '_');
    const bool used = std::any_of(texts.begin(), texts.end(), [&](const std::string& text) {
      return mentions(text, info.code) || mentions(text, identifier);
    });
    if (used) continue;
    std::cerr << info.code << " is registered but nothing reports or tests it: remove it, or start its meaning "
              << "with \"Reserved\"\n";
    ++unused;
  }
  return unused == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view self = argc > 0 ? argv[0] : "diagnostic_registry_tool";
  const std::string_view mode = argc == 3 ? argv[1] : "";
  if (mode == "write") return write_doc(argv[2], self);
  if (mode == "check-doc") return check_doc(argv[2], self);
  if (mode == "registered") return check_registered(argv[2]);
  if (mode == "used") return check_used(argv[2]);
  std::cerr << "usage: " << self << " write|check-doc FILE | registered|used SOURCE_DIR\n";
  return 2;
}
