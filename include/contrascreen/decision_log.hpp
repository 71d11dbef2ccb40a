#pragma once
/// \file
/// The decision log: one JSON line per decision, appended to a file whose lines form a hash
/// chain anchored to its header line, so that an edited, removed or reordered line, or a
/// cut tail, is found by verify_log. Answers are kept as an HMAC-SHA256 under a clinic's
/// key (in clear only when asked). docs/interfaces.md ("Decision log") has the line format.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/screening.hpp"

namespace contrascreen {

/// The environment variable naming the key file when a front end is given none.
inline constexpr const char* log_key_file_variable = "CONTRASCREEN_LOG_KEY_FILE";
/// The shortest key accepted, in bytes.
inline constexpr std::size_t min_log_key_bytes = 32;

/// Reads a log key from `path`: the file's bytes, one trailing line break removed. Fewer
/// than min_log_key_bytes, a file other users may read or write, or one that cannot be
/// read is log.key: returns nullopt and sets `error`.
std::optional<std::string> read_log_key(const std::filesystem::path& path, Diagnostic& error);

/// Options of a decision log.
struct DecisionLogOptions {
  std::string key;       ///< the HMAC key of the answers (at least min_log_key_bytes)
  bool answers = false;  ///< also write each intake's answers in clear
};

/// The entries of one chunk of decisions, rendered but not yet placed in the chain: the part
/// of each line that does not depend on where it lands. Reused chunk after chunk.
class LogEntries {
 public:
  std::size_t size() const noexcept { return ends_.size(); }
  bool empty() const noexcept { return ends_.empty(); }
  void clear() noexcept {
    text_.clear();
    ends_.clear();
  }

 private:
  friend class DecisionLog;
  std::string text_;
  std::vector<std::size_t> ends_;  // entry i is text_[ends_[i-1], ends_[i])
};

/// An open decision log. Rendering is const and thread-safe; append() is for one thread at
/// a time per object, and any number of objects and processes may append to one file:
/// each append holds an exclusive lock on the file (flock) while it reads the last line's
/// hash and writes its lines.
class DecisionLog {
 public:
  /// Opens the log at `path`, creating it (mode 0600) with its header line when it does not
  /// exist or is empty. A file whose first line is not a log header is log.not_a_log; a
  /// file that cannot be opened, locked or written, io.write. Returns null and appends the
  /// diagnostic to `errors` on failure.
  static std::unique_ptr<DecisionLog> open(const std::filesystem::path& path, DecisionLogOptions options,
                                           std::vector<Diagnostic>& errors);
  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  /// Renders the entry of `intake`'s decision, screened by `ruleset` into `screening`, into
  /// `out`. Thread-safe.
  void render(const RuleSet& ruleset, const Intake& intake, const Screening& screening, LogEntries& out) const;

  /// Appends `entries` in one write under the file's lock, chained to its last line, then
  /// syncs the file. On failure returns the diagnostic: io.write (a write or sync failed),
  /// log.truncated or log.edited (the last line is broken: nothing is appended after it).
  std::optional<Diagnostic> append(const LogEntries& entries);

  /// The key's fingerprint written in each entry ("key"): lets an auditor tell which key
  /// hashed the answers without revealing it.
  const std::string& key_id() const noexcept;

 private:
  struct Impl;
  explicit DecisionLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// What verify_log found.
struct LogVerification {
  bool intact = false;        ///< no problem
  std::uint64_t entries = 0;  ///< decision lines found intact before the first problem (the header excluded)
  std::string head;           ///< the hash of the last of them: record it elsewhere to anchor the log
  /// The first problem, positioned at its line (log.not_a_log, log.edited, log.removed,
  /// log.reordered, log.truncated; io.not_found or io.read for a file that cannot be read).
  std::vector<Diagnostic> problems;
};

/// Checks every line of the log at `path`: each line's own hash, its place in the chain
/// (sequence number and previous hash), and that the last line is complete. Thread-safe.
LogVerification verify_log(const std::filesystem::path& path);

}  // namespace contrascreen
