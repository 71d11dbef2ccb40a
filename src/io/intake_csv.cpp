// CSV intakes: a header of question ids, then one intake per line. Cells are split into
// views of the record; only quoted cells with "" escapes are copied, into one buffer
// reserved to the record's size, so a batch allocates nothing per record once warm.
// Every cell is text, so a cell's type is decided by the question its column names.
// A record is one line and a cell never spans lines (no answer needs a line break), so a
// quote left open costs its own line only, never the patients after it.
#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/intake_reader.hpp"
#include "util/diagnostic_builder.hpp"
#include "core/intake_messages.hpp"
#include "util/decimal_text.hpp"
#include "io/csv_list.hpp"
#include "io/json_syntax.hpp"
#include "util/text.hpp"

namespace contrascreen {
namespace {

// Blanks may surround a cell; a quote after them still opens a quoted cell.
constexpr bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t';
}

bool equals_ascii_nocase(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

std::optional<bool> parse_boolean(std::string_view s) noexcept {
  for (const char* word : {"true", "yes", "1"})
    if (equals_ascii_nocase(s, word)) return true;
  for (const char* word : {"false", "no", "0"})
    if (equals_ascii_nocase(s, word)) return false;
  return std::nullopt;
}

// A decimal number, as std::from_chars reads it (an optional '+' is also accepted).
std::optional<util::DecimalNumber> parse_number(std::string_view s) noexcept {
  if (s.size() > 1 && s.front() == '+' && s[1] != '-') s.remove_prefix(1);
  return util::read_decimal(s);
}

// What a cell that is not its question's type looks like, so that intake.wrong_type can say
// "found a number" without repeating the answer.
RawAnswer mistyped_cell(std::string_view value) noexcept {
  if (const auto number = parse_number(value)) return RawAnswer::of_number(number->value, number->underflow);
  if (const auto answer = parse_boolean(value)) return RawAnswer::of_bool(*answer);
  if (const auto date = Date::parse_iso(value)) return RawAnswer::of_date(*date);
  RawAnswer text = RawAnswer::of_text(value);
  text.found = "text";
  return text;
}

// The lexical part of a cell: every cell is text, so what it is follows from the question
// its column names. Returns take(the RawAnswer), with `take` called once for each kind a
// question takes, so that accept_answer's checks on the kind fold away and a batch of cells
// costs what it did before there was one decision; once more for any other cell.
template <typename Take>
auto lex_cell(const Question& q, std::string_view value, Take&& take) {
  if (q.type == QuestionType::enumeration || q.type == QuestionType::date) return take(RawAnswer::of_text(value));
  if (q.type == QuestionType::boolean)
    if (const auto answer = parse_boolean(value)) return take(RawAnswer::of_bool(*answer));
  if (q.type == QuestionType::number)
    if (const auto number = parse_number(value)) return take(RawAnswer::of_number(number->value, number->underflow));
  return take(mistyped_cell(value));
}

// The '\r' of a "\r\n" line ending that a caller left on the record (std::getline does).
std::string_view without_carriage_return(std::string_view record) noexcept {
  if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
  return record;
}

// Splitting reports syntax before the cells' values are read: put a record's problems
// back in reading order (offsets are record-relative, like the record's diagnostics).
void in_reading_order(std::vector<Diagnostic>& diagnostics, std::size_t first) {
  if (diagnostics.size() - first < 2) return;
  std::stable_sort(diagnostics.begin() + static_cast<std::ptrdiff_t>(first), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.where.offset < b.where.offset; });
}

}  // namespace

// Diagnostics inside one record: offsets are record-relative, lines are shifted to the
// record's line in the file. The SourceText is built on the first error only.
class CsvIntakeReader::Reporter {
 public:
  Reporter(std::string_view record, std::string_view name, std::uint32_t line, std::vector<Diagnostic>& out)
      : record_(record), name_(name), line_(line == 0 ? 1 : line), out_(out) {}

  void error(std::string_view code, std::string message, std::size_t offset, std::size_t length) {
    failed_ = true;
    if (!source_) source_.emplace(SourceText{std::string(name_), std::string(record_)});
    Diagnostic d = make_diagnostic(Severity::error, code, std::move(message), *source_,
                                   static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(length));
    d.where.line += line_ - 1;
    out_.push_back(std::move(d));
  }
  void error(std::string_view code, std::string message, const Cell& cell) {
    error(code, std::move(message), cell.offset, cell.length);
  }
  bool failed() const noexcept { return failed_; }

 private:
  std::string_view record_;
  std::string_view name_;
  std::uint32_t line_;
  std::vector<Diagnostic>& out_;
  std::optional<SourceText> source_;
  bool failed_ = false;
};

CsvIntakeReader::CsvIntakeReader(std::shared_ptr<const Catalogue> catalogue) : catalogue_(std::move(catalogue)) {
  if (!catalogue_) throw std::invalid_argument("CsvIntakeReader: the catalogue must not be null");
}

std::string_view CsvIntakeReader::last_id() const noexcept {
  return last_id_;
}

// RFC 4180 with blanks allowed around cells, on one line. Syntax errors mark the cell
// malformed and splitting goes on at the next comma, so the record's other cells are
// still checked. Returns false when a quoted cell is not closed: where the cells after its
// quote end is not known then.
bool CsvIntakeReader::split(std::string_view record, Reporter& report) {
  cells_.clear();
  unescaped_.clear();
  if (const std::size_t at = record.find('\n'); at != std::string_view::npos)
    report.error(codes::intake_syntax,
                 "a line break inside a record; a record is one line and a cell never spans lines", at, 1);
  bool delimited = true;
  // Unescaping never lengthens a cell: with this reserve the views into unescaped_ stay valid.
  if (unescaped_.capacity() < record.size()) unescaped_.reserve(record.size());
  const std::size_t size = record.size();
  std::size_t pos = 0;
  while (true) {
    Cell cell;
    std::size_t start = pos;
    while (start < size && is_blank(record[start])) ++start;
    std::size_t end = start;  // one past the cell's last non-blank character
    if (start < size && record[start] == '"') {
      std::size_t i = start + 1;
      bool escaped = false;
      bool closed = false;
      for (; i < size; ++i) {
        if (record[i] != '"') continue;
        if (i + 1 < size && record[i + 1] == '"') {
          escaped = true;
          ++i;
          continue;
        }
        closed = true;
        break;
      }
      const std::string_view content = record.substr(start + 1, i - start - 1);
      if (escaped) {
        const std::size_t first = unescaped_.size();
        for (std::size_t k = 0; k < content.size(); ++k) {
          unescaped_.push_back(content[k]);
          if (content[k] == '"') ++k;  // the second quote of a ""
        }
        cell.text = std::string_view(unescaped_).substr(first);
      } else {
        cell.text = content;
      }
      if (!closed) {
        report.error(codes::intake_syntax,
                     "a quoted cell is not closed on its line: a '\"' is missing (a cell never spans lines)", start, 1);
        cell.malformed = true;
        delimited = false;
        pos = size;
        end = size;
      } else {
        pos = end = i + 1;
        while (pos < size && is_blank(record[pos])) ++pos;
        if (pos < size && record[pos] != ',') {
          report.error(codes::intake_syntax, "unexpected text after the closing quote of a quoted cell", pos, 1);
          cell.malformed = true;
          while (pos < size && record[pos] != ',') ++pos;
          end = pos;
        }
      }
    } else {
      pos = start;
      while (pos < size && record[pos] != ',') {
        if (record[pos] == '"' && !cell.malformed) {
          report.error(codes::intake_syntax,
                       "a '\"' inside an unquoted cell; quote the whole cell and double the quotes in it", pos, 1);
          cell.malformed = true;
        }
        ++pos;
      }
      cell.text = util::trim(record.substr(start, pos - start));
      if (!cell.text.empty()) start = static_cast<std::size_t>(cell.text.data() - record.data());
      end = start + cell.text.size();
    }
    cell.offset = static_cast<std::uint32_t>(start);
    cell.length = static_cast<std::uint32_t>(end - start);
    cells_.push_back(cell);
    if (pos >= size) break;
    ++pos;  // the comma; a record ending in one has an empty last cell
  }
  return delimited;
}

bool CsvIntakeReader::parse_header(std::string_view record, std::vector<Diagnostic>& diagnostics,
                                   std::string_view name, std::uint32_t line) {
  if (record.substr(0, 3) == "\xEF\xBB\xBF") record.remove_prefix(3);  // spreadsheets write one
  record = without_carriage_return(record);
  const std::size_t first_diagnostic = diagnostics.size();
  Reporter report(record, name, line, diagnostics);
  if (!util::is_valid_utf8(record))
    report.error(codes::intake_syntax, "the header is not valid UTF-8", json::first_invalid_utf8(record), 1);
  split(record, report);
  columns_.clear();
  std::vector<bool> seen(catalogue_->size(), false);
  bool seen_id = false;
  bool seen_date = false;
  for (const Cell& cell : cells_) {
    Column column{ignored_column};
    const std::string_view id = util::trim(cell.text);
    if (cell.malformed) {
      // already reported
    } else if (id.empty()) {
      report.error(codes::intake_empty_column, "the column has no name; every column names a question, 'id' or 'date'",
                   cell.offset, std::max<std::uint32_t>(cell.length, 1));
    } else if (id == "id" || id == "date") {
      bool& repeated = id == "id" ? seen_id : seen_date;
      if (repeated)
        report.error(codes::intake_duplicate_column, "'" + std::string(id) + "' is given twice in the header", cell);
      else
        column.slot = id == "id" ? id_column : date_column;
      repeated = true;
    } else if (const Question* q = catalogue_->find(id)) {
      if (seen[q->index])
        report.error(codes::intake_duplicate_column, "'" + q->id + "' is given twice in the header", cell);
      else
        column.slot = static_cast<std::int32_t>(q->index);
      seen[q->index] = true;
    } else {
      std::string message = detail::unknown_question_message(*catalogue_, id);
      // "Id" or "Date" is no question, but the catalogue cannot suggest the two reserved columns.
      if (catalogue_->suggest(id).empty())
        if (const auto reserved = util::closest_match(id, std::vector<std::string_view>{"id", "date"}))
          message += did_you_mean(*reserved);
      report.error(codes::intake_unknown_question, std::move(message), cell);
    }
    columns_.push_back(column);
  }
  in_reading_order(diagnostics, first_diagnostic);
  return !report.failed();
}

bool CsvIntakeReader::parse_record(std::string_view record, Intake& out, std::vector<Diagnostic>& diagnostics,
                                   std::string_view name, std::uint32_t line) {
  out.clear();
  last_id_.clear();
  record = without_carriage_return(record);
  if (util::trim(record).empty()) return true;  // a blank line: nothing answered
  const std::size_t first_diagnostic = diagnostics.size();
  Reporter report(record, name, line, diagnostics);
  const bool ok = read_record(record, out, report);
  in_reading_order(diagnostics, first_diagnostic);
  return ok;
}

bool CsvIntakeReader::read_record(std::string_view record, Intake& out, Reporter& report) {
  if (!util::is_valid_utf8(record))
    report.error(codes::intake_syntax, "the record is not valid UTF-8", json::first_invalid_utf8(record), 1);
  const bool delimited = split(record, report);

  for (std::size_t i = 0; i < cells_.size() && i < columns_.size(); ++i) {
    if (columns_[i].slot == id_column && !cells_[i].malformed) last_id_.assign(util::trim(cells_[i].text));
  }
  // After a quote left open, the cells before it are still read; how many cells the line
  // has is not known, unless there are too many even before the quote.
  if (cells_.size() != columns_.size() && (delimited || cells_.size() > columns_.size())) {
    // Cells cannot be matched with columns (an unquoted comma shifts them all): no values are read.
    const bool extra = cells_.size() > columns_.size();
    const std::size_t at = extra ? cells_[columns_.size()].offset : record.size();
    report.error(codes::intake_syntax,
                 "the record has " + std::to_string(cells_.size()) + " cells but the header has " +
                     std::to_string(columns_.size()) + " columns",
                 at, extra ? record.size() - at : 0);
    return false;
  }

  const auto& questions = catalogue_->questions();
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const Cell& cell = cells_[i];
    const std::int32_t slot = columns_[i].slot;
    if (cell.malformed || slot == ignored_column) continue;
    const std::string_view value = util::trim(cell.text);
    if (slot == id_column) {
      if (!value.empty()) out.set_id(std::string(value));
      continue;
    }
    if (value.empty()) continue;  // unanswered
    if (slot == date_column) {
      if (const auto date = Date::parse_iso(value))
        out.set_date(*date);
      else
        report.error(codes::intake_invalid_date, "'date' must be a real calendar date written YYYY-MM-DD", cell);
      continue;
    }
    const Question& q = questions[static_cast<std::size_t>(slot)];
    if (q.type != QuestionType::list) {
      const Refusal refusal =
          lex_cell(q, value, [&](const RawAnswer& answer) { return accept_answer(q, answer, out); });
      if (refusal != Refusal::none) {
        const RawAnswer answer = lex_cell(q, value, [](const RawAnswer& a) { return a; });
        report.error(refusal_code(refusal), refusal_message(q, answer, refusal), cell);
      }
      continue;
    }
    const io::CsvList list = io::read_csv_list(value);
    if (list.fault != io::CsvListFault::none) {
      // At the character at fault when the cell's text is the record's (no "" escapes in it).
      const std::less<const char*> before;
      const bool in_record =
          !before(value.data(), record.data()) && before(value.data(), record.data() + record.size());
      const std::size_t at =
          in_record ? static_cast<std::size_t>(value.data() - record.data()) + list.fault_at : cell.offset;
      report.error(codes::intake_bad_list, io::csv_list_fault_message(q, list, value), at, 1);
      continue;
    }
    if (accept_answer(q, RawAnswer::of_list(), out) != Refusal::none) continue;  // a list question takes a list
    std::size_t position = 0;
    io::for_each_csv_list_item(list.items, [&](std::string_view item) {
      const RawAnswer text = RawAnswer::of_text(item);
      ++position;
      if (const Refusal refusal = accept_list_item(q, text, out); refusal != Refusal::none)
        report.error(refusal_code(refusal), refusal_message(q, text, refusal, position), cell);
    });
  }
  return !report.failed();
}

}  // namespace contrascreen
