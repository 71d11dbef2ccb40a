// Appending to the decision log. Several processes may append to one file: every append
// takes an exclusive flock on it, reads the hash of the line then last (which another
// process may just have written), writes its lines in one go, syncs, and lets go.
#include "contrascreen/decision_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/version.hpp"
#include "io/log_line.hpp"
#include "ruleset/compiled_ruleset.hpp"
#include "ruleset/decision_core.hpp"
#include "util/diagnostic_builder.hpp"
#include "util/hmac_sha256.hpp"
#include "util/json_writer.hpp"

namespace contrascreen {
namespace {

std::string system_error_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// Now in UTC, to the millisecond: 2026-11-30T11:20:03.123Z.
std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];  // room for any int fields, so that nothing is cut off
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return text;
}

std::string random_nonce() {
  std::random_device random;  // the system's entropy source (getrandom) on Linux
  unsigned char bytes[16];
  for (unsigned char& b : bytes) b = static_cast<unsigned char>(random());
  return util::to_hex(bytes, sizeof bytes);
}

// The answers in one canonical form, the one the HMAC covers: a JSON object of the answered
// questions in catalogue order, compact, dates as "YYYY-MM-DD" (docs/interfaces.md).
void append_answers(std::string& out, const Intake& intake) {
  out.push_back('{');
  bool first = true;
  for (const Question& q : intake.catalogue().questions()) {
    const auto value = intake.get(q.id);
    if (!value) continue;
    if (!first) out.push_back(',');
    first = false;
    json::append_key(out, q.id);
    if (const bool* b = std::get_if<bool>(&*value))
      json::append_bool(out, *b);
    else if (const double* d = std::get_if<double>(&*value))
      json::append_number(out, *d);
    else if (const std::string* s = std::get_if<std::string>(&*value))
      json::append_string(out, *s);
    else if (const auto* list = std::get_if<std::vector<std::string>>(&*value))
      json::append_string_array(out, *list);
    else
      json::append_string(out, std::get<Date>(*value).to_iso());
  }
  out.push_back('}');
}

void append_date(std::string& out, const std::optional<Date>& date) {
  if (date)
    json::append_string(out, date->to_iso());
  else
    json::append_null(out);
}

// Writes all of `text` (write() may write part of it), then syncs.
std::optional<Diagnostic> write_all(int fd, std::string_view text, const std::string& name) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0)
      return make_diagnostic(Severity::error, codes::io_write,
                             "the decision log could not be written: " + system_error_text(written < 0 ? errno : EIO),
                             name);
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0)
    return make_diagnostic(Severity::error, codes::io_write,
                           "the decision log could not be synced to disk: " + system_error_text(errno), name);
  return std::nullopt;
}

// Holds the exclusive lock of a log file while it lives.
class FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {
    while ((error_ = ::flock(fd_, LOCK_EX) != 0 ? errno : 0) == EINTR) {
    }
  }
  ~FileLock() {
    if (error_ == 0) ::flock(fd_, LOCK_UN);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  int error() const noexcept { return error_; }

 private:
  int fd_;
  int error_ = 0;
};

// Reads `size` bytes at `offset`; false on a read error or a short read.
bool read_at(int fd, std::string& out, std::size_t size, off_t offset) {
  out.resize(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, out.data() + done, size - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> read_log_key(const std::filesystem::path& path, Diagnostic& error) {
  const auto fail = [&](std::string message) {
    error = make_diagnostic(Severity::error, codes::log_key, std::move(message), path.string());
    return std::nullopt;
  };
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return fail("the log key file cannot be read: " + system_error_text(errno));
  if (!S_ISREG(status.st_mode)) return fail("the log key file is not a regular file");
  if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return fail("the log key file may be read or written by other users; make it the owner's only (chmod 600)");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("the log key file cannot be opened");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return fail("the log key file cannot be read");
  std::string key = std::move(bytes).str();
  if (key.ends_with('\n')) key.pop_back();
  if (key.ends_with('\r')) key.pop_back();
  if (key.size() < min_log_key_bytes)
    return fail("the log key is " + std::to_string(key.size()) + " bytes; it must be at least " +
                std::to_string(min_log_key_bytes) + " (e.g. made by 'head -c 32 /dev/urandom | base64')");
  return key;
}

struct DecisionLog::Impl {
  std::string name;
  int fd = -1;
  bool answers = false;
  util::HmacSha256 hmac;
  std::string key_id;
  std::string tail;   // reused: the end of the file, read to find the last line
  std::string lines;  // reused: the lines of one append

  Impl(std::string file, const DecisionLogOptions& options)
      : name(std::move(file)), answers(options.answers), hmac(options.key) {
    key_id = hmac.mac_hex("contrascreen decision log key id").substr(0, 16);
  }
  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  Diagnostic problem(std::string_view code, std::string message, std::uint32_t line = 0) const {
    Diagnostic d = make_diagnostic(Severity::error, code, std::move(message), name);
    d.where.line = line;
    return d;
  }

  // The last line of the file (size `size`, which ends in a line break), without its break.
  std::optional<std::string_view> last_line(off_t size) {
    std::size_t want = 4096;
    for (;;) {
      const std::size_t take = std::min<std::size_t>(want, static_cast<std::size_t>(size));
      if (!read_at(fd, tail, take, size - static_cast<off_t>(take))) return std::nullopt;
      const std::size_t start = tail.size() >= 2 ? tail.rfind('\n', tail.size() - 2) : std::string::npos;
      if (start != std::string::npos) return std::string_view(tail).substr(start + 1, tail.size() - start - 2);
      if (take == static_cast<std::size_t>(size)) return std::string_view(tail).substr(0, tail.size() - 1);
      want *= 4;
    }
  }

  // Under the lock: the header when the file is empty; else the last line's seq and hash.
  std::optional<Diagnostic> chain_end(std::uint64_t& seq, std::string& hash) {
    struct stat status {};
    if (::fstat(fd, &status) != 0)
      return problem(codes::io_write, "the decision log cannot be examined: " + system_error_text(errno));
    if (status.st_size == 0) {
      std::string header = "{\"seq\":0,\"log\":\"contrascreen-decision-log\",\"format\":1,\"created\":";
      json::append_string(header, utc_now());
      header += ",\"tool\":";
      json::append_string(header, std::string("contrascreen ") + version());
      header += ",\"nonce\":";
      json::append_string(header, random_nonce());
      hash = io::log_line::seal(header);
      seq = 0;
      return write_all(fd, header, name);
    }
    std::string last_byte;
    if (!read_at(fd, last_byte, 1, status.st_size - 1))
      return problem(codes::io_write, "the decision log cannot be read back: " + system_error_text(errno));
    if (last_byte != "\n")
      return problem(codes::log_truncated,
                     "the decision log's last line is incomplete (a write was cut short); run 'contrascreen log "
                     "verify' and start a new log");
    const auto line = last_line(status.st_size);
    if (!line) return problem(codes::io_write, "the decision log cannot be read back: " + system_error_text(errno));
    const auto parts = io::log_line::parse(*line);
    if (!parts) return problem(codes::log_not_a_log, "the last line is not a decision log line; nothing appended");
    if (!io::log_line::sealed(*parts))
      return problem(codes::log_edited, "the last line does not match its hash (it was edited); nothing appended");
    seq = parts->seq;
    hash = std::string(parts->hash);
    return std::nullopt;
  }
};

DecisionLog::DecisionLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DecisionLog::~DecisionLog() = default;

const std::string& DecisionLog::key_id() const noexcept {
  return impl_->key_id;
}

std::unique_ptr<DecisionLog> DecisionLog::open(const std::filesystem::path& path, DecisionLogOptions options,
                                               std::vector<Diagnostic>& errors) {
  auto impl = std::make_unique<Impl>(path.string(), options);
  options.key.assign(options.key.size(), '\0');
  impl->fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (impl->fd < 0) {
    errors.push_back(impl->problem(codes::io_write, "the decision log cannot be opened: " + system_error_text(errno)));
    return nullptr;
  }
  // The header is written, or the first line checked, under the lock: two processes that
  // create one log at once write one header.
  const FileLock lock(impl->fd);
  if (lock.error() != 0) {
    errors.push_back(
        impl->problem(codes::io_write, "the decision log cannot be locked: " + system_error_text(lock.error())));
    return nullptr;
  }
  struct stat status {};
  if (::fstat(impl->fd, &status) != 0) {
    errors.push_back(
        impl->problem(codes::io_write, "the decision log cannot be examined: " + system_error_text(errno)));
    return nullptr;
  }
  if (status.st_size == 0) {
    std::uint64_t seq = 0;
    std::string hash;
    if (auto error = impl->chain_end(seq, hash)) {
      errors.push_back(std::move(*error));
      return nullptr;
    }
  } else {
    std::string first;
    const std::size_t take = std::min<std::size_t>(4096, static_cast<std::size_t>(status.st_size));
    const bool read = read_at(impl->fd, first, take, 0);
    const auto parts = read ? io::log_line::parse(std::string_view(first).substr(0, first.find('\n'))) : std::nullopt;
    if (!parts || !parts->header) {
      errors.push_back(impl->problem(codes::log_not_a_log,
                                     "the file exists and is not a contrascreen decision log; nothing appended", 1));
      return nullptr;
    }
  }
  return std::unique_ptr<DecisionLog>(new DecisionLog(std::move(impl)));
}

void DecisionLog::render(const RuleSet& ruleset, const Intake& intake, const Screening& screening,
                         LogEntries& out) const {
  std::string& text = out.text_;
  text += "\"id\":";
  json::append_optional_string(text, intake.id());
  text += ",\"answers_hmac\":\"";
  // The answers' canonical text is built at the end of `text`, hashed, and then kept
  // (--log-answers) or dropped.
  const std::size_t answers_at = text.size();
  append_answers(text, intake);
  const std::string hmac = impl_->hmac.mac_hex(std::string_view(text).substr(answers_at));
  std::string answers;
  if (impl_->answers) answers = text.substr(answers_at);
  text.resize(answers_at);
  text += hmac + "\",\"key\":\"" + impl_->key_id + "\"";
  if (impl_->answers) text += ",\"answers\":" + answers;
  text += ",\"decision\":";
  json::append_string(text, to_string(screening.verdict()));
  text += ",\"reasons\":[";
  const auto& rules = ruleset.rules();
  for (std::size_t i = 0; i < screening.hits().size(); ++i) {
    const RuleHit& hit = screening.hits()[i];
    const RuleInfo& rule = rules[hit.rule];
    const bool refuses = !hit.undecided && rule.action == RuleAction::refuse;
    if (i != 0) text.push_back(',');
    text += "{\"rule\":";
    json::append_string(text, rule.id);
    text += refuses ? ",\"decision\":\"refuse\"" : ",\"decision\":\"refer\"";
    text += hit.undecided ? ",\"status\":\"undecided\",\"until\":" : ",\"status\":\"fired\",\"until\":";
    append_date(text, hit.until);
    text.push_back('}');
  }
  text += "],\"until\":";
  append_date(text, detail::decision_until(detail::compiled(ruleset), screening));
  text += ",\"date\":";
  json::append_string(text, screening.date().to_iso());
  text += ",\"ruleset\":{\"id\":";
  json::append_string(text, ruleset.id());
  text += ",\"version\":";
  json::append_string(text, ruleset.version());
  text += ",\"sha256\":";
  json::append_string(text, ruleset.sha256());
  text.push_back('}');
  out.ends_.push_back(text.size());
}

std::optional<Diagnostic> DecisionLog::append(const LogEntries& entries) {
  if (entries.empty()) return std::nullopt;
  Impl& log = *impl_;
  const FileLock lock(log.fd);
  if (lock.error() != 0)
    return log.problem(codes::io_write, "the decision log cannot be locked: " + system_error_text(lock.error()));
  std::uint64_t seq = 0;
  std::string prev;
  if (auto error = log.chain_end(seq, prev)) return error;
  const std::string time = utc_now();
  log.lines.clear();
  std::string line;
  std::size_t begin = 0;
  for (const std::size_t end : entries.ends_) {
    line.assign("{\"seq\":").append(std::to_string(++seq)).append(",\"time\":\"").append(time).append("\",");
    line.append(entries.text_, begin, end - begin);
    line.append(io::log_line::prev_key).append(prev).push_back('"');
    prev = io::log_line::seal(line);
    log.lines += line;
    begin = end;
  }
  return write_all(log.fd, log.lines, log.name);
}

}  // namespace contrascreen
