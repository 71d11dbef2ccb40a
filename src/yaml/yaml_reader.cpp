#include "yaml/yaml_reader.hpp"

#include <algorithm>
#include <set>
#include <sstream>
#include <vector>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include "contrascreen/diagnostic_codes.hpp"
#include "util/text.hpp"
#include "yaml/flow_depth.hpp"

namespace contrascreen::yaml {
namespace {

// Aliases let a few bytes expand into a huge tree ("billion laughs"); count the nodes
// walked, aliases included, and stop long before memory or time become a problem.
constexpr std::size_t max_nodes = 1'000'000;

// yaml-cpp 0.7 writes the escapes \N (U+0085) and \_ (U+00A0) of a double-quoted scalar as
// the single bytes 0x85 and 0xA0 instead of their UTF-8. The text was valid UTF-8 before
// parsing, and every other escape comes out as UTF-8, so those lone bytes are the only
// ill-formed ones a scalar can hold: they are re-encoded here, once for every consumer, so
// that "warfarin\_" is warfarin and a NO-BREAK SPACE (which matching trims), never a byte
// that matches nothing and prints as garbage.
void reencode_latin1_escapes(YAML::Node node) {
  const std::string& scalar = node.Scalar();
  std::size_t bad = util::first_invalid_utf8(scalar);
  if (bad == scalar.size()) return;
  std::string repaired;
  std::size_t done = 0;
  while (bad < scalar.size()) {
    repaired.append(scalar, done, bad - done);
    const auto byte = static_cast<unsigned char>(scalar[bad]);
    if (byte == 0x85 || byte == 0xA0) repaired.push_back('\xC2');
    repaired.push_back(scalar[bad]);
    done = bad + 1;
    const std::string_view rest = std::string_view(scalar).substr(done);
    bad = done + util::first_invalid_utf8(rest);
  }
  repaired.append(scalar, done);
  node = repaired;  // in place: keeps the node's mark, tag and style
}

struct Walker {
  DiagnosticSink& sink;
  std::size_t nodes = 0;
  bool too_large = false;

  bool walk(const YAML::Node& node, int depth) {
    if (++nodes > max_nodes) {
      if (!too_large)
        sink.error(codes::yaml_too_large, "document expands to too many nodes (aliases?)", offset_of(node));
      too_large = true;
      return false;
    }
    if (depth > max_depth) {
      sink.error(codes::yaml_too_deep, "nesting deeper than " + std::to_string(max_depth) + " levels", offset_of(node));
      return false;
    }
    if (node.IsScalar()) {
      reencode_latin1_escapes(node);
    } else if (node.IsSequence()) {
      for (const auto& item : node)
        if (!walk(item, depth + 1)) return false;
    } else if (node.IsMap()) {
      std::set<std::string, std::less<>> seen;
      for (const auto& entry : node) {
        if (entry.first.IsScalar()) {
          reencode_latin1_escapes(entry.first);
          const auto& key = entry.first.Scalar();
          if (!seen.insert(key).second)
            sink.error(codes::yaml_duplicate_key, "duplicate key '" + key + "'", offset_of(entry.first),
                       static_cast<std::uint32_t>(key.size()));
        }
        if (!walk(entry.second, depth + 1)) return false;
      }
    }
    return true;
  }
};

// An upper bound on the nodes yaml-cpp would build: beyond the root, every node is
// introduced by an indicator (a block entry '-', a ':' or '?' of a mapping entry, counted
// twice for its key, or a flow '[' '{' ','). Indicators inside scalars count too, which
// only makes the bound looser.
std::size_t node_bound(std::string_view text) noexcept {
  std::size_t bound = 1;
  for (const char c : text) {
    if (c == ':' || c == '?') bound += 2;
    else if (c == '-' || c == ',' || c == '[' || c == '{') bound += 1;
  }
  return bound;
}

// Parse events, of which only where each document starts is kept: nothing is built, so
// parsing with it takes memory for the parser's own state only.
class DocumentStarts final : public YAML::EventHandler {
 public:
  int documents = 0;
  std::uint32_t last_start = 0;

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents;
    last_start = static_cast<std::uint32_t>(std::max(mark.pos, 0));
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Whether the text at `offset` (at most its size) starts a document the YAML way: with '---',
// or as the first content after a '...' that ended the one before.
bool starts_with_document_marker(std::string_view text, std::size_t offset) {
  if (text.substr(offset, 3) == "---") return true;
  std::size_t end = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  while (end != std::string_view::npos && end > 0) {
    const std::size_t begin = text.rfind('\n', end - 1);
    const std::size_t first = begin == std::string_view::npos ? 0 : begin + 1;
    std::string_view line = util::trim(text.substr(first, end - first));
    if (!line.empty() && line.front() != '#') return line.starts_with("...");
    if (begin == std::string_view::npos) break;
    end = begin;
  }
  return false;
}

// After YAML::Load has read the first document of `text` (so it parses), reports what
// follows it: a second document, or text that belongs to no document, which yaml-cpp ends
// the first document at and drops (a line indented less than the mapping it continues).
// yaml-cpp's LoadAll cannot be used for this: where the text after the first document does
// not start a node it returns an endless run of empty documents (the fuzz regression
// tests/fuzz/regressions/intake_yaml/loadall-loops-on-malformed-input.yaml). Here the parser
// is asked for at most two documents, building nothing, so the work is bounded like the
// first parse: by the size, node-count and flow-depth limits checked on the whole text
// before it, and by yaml-cpp's own depth guard.
bool check_single_document(const std::string& text, DiagnosticSink& sink) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  try {
    if (!parser.HandleNextDocument(starts) || !parser.HandleNextDocument(starts)) return true;
  } catch (const YAML::Exception& e) {
    if (starts.documents < 2) {
      std::string message = e.msg.empty() ? "invalid YAML" : e.msg;
      sink.error(codes::yaml_syntax, message + " (after the end of the document)",
                 static_cast<std::uint32_t>(std::max(e.mark.pos, 0)), 1);
      return false;
    }
    // A second document that is not even valid YAML: it is still a second document.
  }
  // yaml-cpp may place the mark past the end of the text (after a NUL byte, for one: the fuzz
  // regression tests/fuzz/regressions/intake_yaml/document-start-past-the-end.yaml).
  const auto start = static_cast<std::uint32_t>(std::min<std::size_t>(starts.last_start, text.size()));
  if (starts_with_document_marker(text, start)) {
    sink.error(codes::yaml_multiple_documents,
               "a second YAML document starts here; a file holds one document, and nothing after the first is read",
               start, text.substr(start, 3) == "---" ? 3 : 1);
  } else {
    sink.error(codes::yaml_syntax,
               "text after the end of the document, which would not be read (is this line indented like the lines it "
               "belongs with?)",
               start, 1);
  }
  return false;
}

}  // namespace

std::optional<YAML::Node> parse_document(DiagnosticSink& sink) {
  const std::string& text = sink.source().text;
  if (text.size() > max_document_bytes) {
    sink.error(codes::yaml_too_large,
               "the document is larger than " + std::to_string(max_document_bytes >> 20) + " MiB", 0);
    return std::nullopt;
  }
  if (!util::is_valid_utf8(text)) {
    // yaml-cpp passes invalid bytes through, and they would reach decisions and JSON output.
    const std::size_t bad = util::first_invalid_utf8(text);
    sink.error(codes::yaml_syntax, "the text is not valid UTF-8", static_cast<std::uint32_t>(bad), 1);
    return std::nullopt;
  }
  if (const std::size_t bracket = find_flow_nesting_beyond(text, max_depth); bracket != std::string_view::npos) {
    sink.error(codes::yaml_too_deep, "nesting deeper than " + std::to_string(max_depth) + " levels",
               static_cast<std::uint32_t>(bracket), 1);
    return std::nullopt;
  }
  if (node_bound(text) > max_parsed_nodes) {
    sink.error(codes::yaml_too_large,
               "the document has too many entries (at most " + std::to_string(max_parsed_nodes) + ")", 0);
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // Block nesting (indentation) that the bracket pre-scan cannot see.
    sink.error(codes::yaml_too_deep, "nesting deeper than " + std::to_string(max_depth) + " levels",
               static_cast<std::uint32_t>(std::max(e.mark.pos, 0)), 1);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    const auto position = static_cast<std::uint32_t>(std::max(e.mark.pos, 0));
    std::string message = e.msg.empty() ? "invalid YAML" : e.msg;
    if (message == "illegal map value") message += " (quote a value that contains ': ')";
    sink.error(codes::yaml_syntax, std::move(message), position, 1);
    return std::nullopt;
  }
  if (!check_single_document(text, sink)) return std::nullopt;
  Walker walker{sink};
  if (!walker.walk(root, 0) && walker.too_large) return std::nullopt;
  return root;
}

std::uint32_t offset_of(const YAML::Node& node) noexcept {
  const int pos = node.Mark().pos;
  return pos < 0 ? 0u : static_cast<std::uint32_t>(pos);
}

bool is_plain(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() == "?";
}

std::uint32_t source_length(const YAML::Node& node, std::string_view text) noexcept {
  if (!node.IsScalar()) return 1;
  const std::string& value = node.Scalar();
  const std::uint32_t begin = offset_of(node);
  if (value.empty()) return 1;
  const std::uint32_t last = map_scalar_offset(text, begin, value, static_cast<std::uint32_t>(value.size() - 1));
  std::uint32_t end = last + 1;
  if (end < text.size() && (text[begin] == '"' || text[begin] == '\'') && text[end] == text[begin]) ++end;
  return end > begin ? end - begin : 1;
}

void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed, std::string_view code,
                std::string_view what, DiagnosticSink& sink) {
  if (!map.IsMap()) return;
  std::vector<std::string_view> candidates(allowed);
  for (const auto& entry : map) {
    if (!entry.first.IsScalar()) {
      sink.error(std::string(code), "a " + std::string(what) + " key must be a plain name", offset_of(entry.first), 1);
      continue;
    }
    const std::string& key = entry.first.Scalar();
    if (std::find(candidates.begin(), candidates.end(), key) != candidates.end()) continue;
    const auto suggestion = util::closest_match(key, candidates);
    sink.error(std::string(code),
               "unknown " + std::string(what) + " key '" + key + "'" + did_you_mean(suggestion.value_or("")),
               offset_of(entry.first), static_cast<std::uint32_t>(key.size()));
  }
}

namespace {
const char* kind_name(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return "a scalar";
}
}  // namespace

bool expect_map(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink) {
  if (node.IsMap()) return true;
  sink.error(std::string(code), std::string(what) + " must be a mapping, found " + kind_name(node), offset_of(node),
             source_length(node, sink.source().text));
  return false;
}

bool expect_sequence(const YAML::Node& node, std::string_view code, std::string_view what, DiagnosticSink& sink) {
  if (node.IsSequence()) return true;
  sink.error(std::string(code), std::string(what) + " must be a list, found " + kind_name(node), offset_of(node),
             source_length(node, sink.source().text));
  return false;
}

std::optional<std::string> expect_scalar(const YAML::Node& node, std::string_view code, std::string_view what,
                                         DiagnosticSink& sink) {
  if (node.IsScalar()) return node.Scalar();
  sink.error(std::string(code), std::string(what) + " must be a single value, found " + kind_name(node),
             offset_of(node), 1);
  return std::nullopt;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Bytes of UTF-8 a double-quoted escape produces, and the raw bytes it spans.
std::pair<std::size_t, std::size_t> escape_size(std::string_view text, std::size_t p) {
  const char kind = p + 1 < text.size() ? text[p + 1] : '\0';
  const std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
  if (digits == 0) return {kind == 'L' || kind == 'P' ? 3 : kind == 'N' || kind == '_' ? 2 : 1, 2};
  std::uint32_t code = 0;
  for (std::size_t i = 0; i < digits && p + 2 + i < text.size(); ++i)
    code = code * 16 + static_cast<std::uint32_t>(std::max(0, hex_value(text[p + 2 + i])));
  const std::size_t produced = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  return {produced, 2 + digits};
}

bool is_break(char c) {
  return c == '\n' || c == '\r';
}

}  // namespace

std::uint32_t map_scalar_offset(std::string_view text, std::uint32_t scalar_offset, std::string_view value,
                                std::uint32_t local) noexcept {
  if (value.empty() || scalar_offset >= text.size()) return scalar_offset;
  if (local >= value.size()) {
    // The end of the value: just after its last visible character, so that "expected an
    // operand" after a trailing `&&` in a block scalar points there, not at the next line.
    std::size_t last = value.size() - 1;
    while (last > 0 && (value[last] == '\n' || value[last] == ' ' || value[last] == '\t')) --last;
    return map_scalar_offset(text, scalar_offset, value, static_cast<std::uint32_t>(last)) + 1;
  }
  std::size_t p = scalar_offset;
  const char style = text[p];
  const bool double_quoted = style == '"';
  const bool single_quoted = style == '\'';
  if (style == '|' || style == '>') {
    // Skip the block header (indicators and any comment) up to the first content line.
    while (p < text.size() && !is_break(text[p])) ++p;
  } else if (double_quoted || single_quoted) {
    ++p;
  }
  // Walk the parsed value and the raw text together. Raw characters the value does not
  // hold (indentation, escape backslashes, doubled quotes, folded line breaks) are skipped;
  // a line break the value keeps as ' ' or '\n' maps to the break itself.
  std::size_t i = 0;
  while (i < value.size() && p < text.size()) {
    const char want = value[i];
    const char raw = text[p];
    if (double_quoted && raw == '\\') {
      if (p + 1 < text.size() && is_break(text[p + 1])) {  // an escaped line break: nothing
        p += 2;
        while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || is_break(text[p]))) ++p;
        continue;
      }
      const auto [produced, spans] = escape_size(text, p);
      if (local < i + produced) return static_cast<std::uint32_t>(p);
      i += produced;
      p += spans;
      continue;
    }
    if (single_quoted && raw == '\'' && p + 1 < text.size() && text[p + 1] == '\'') {
      if (i == local) return static_cast<std::uint32_t>(p);
      ++i;
      p += 2;
      continue;
    }
    if (raw == want && !is_break(raw)) {
      if (i == local) return static_cast<std::uint32_t>(p);
      ++i;
      ++p;
      continue;
    }
    if (is_break(raw)) {
      if (want == ' ' || want == '\n') {
        if (i == local) return static_cast<std::uint32_t>(p);
        ++i;
      }
      if (raw == '\r' && p + 1 < text.size() && text[p + 1] == '\n') ++p;
      ++p;
      while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;  // indentation
      continue;
    }
    ++p;  // trailing white space folded away, or anything the value does not hold
  }
  return static_cast<std::uint32_t>(std::min(p, text.size()));
}

}  // namespace contrascreen::yaml
