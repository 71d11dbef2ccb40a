// The access log: one JSON line on stderr per request, and one per event of the service
// (listening, reload, shutdown, accept errors). Never an answer, and never an intake id in
// clear: an id is logged as a salted hash, so that the lines of one patient can be told
// apart from another's within one process's log (or across processes sharing --log-salt)
// and nothing more.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace contrascreen::service {

/// What one request's log line says. Handlers fill in what they learn.
struct RequestRecord {
  std::string_view method;
  std::string_view route;  ///< the route's pattern ("/v1/screen/{ruleset}"), never the raw target
  unsigned status = 0;
  std::chrono::steady_clock::time_point start{};
  std::string ruleset_sha256;            ///< of the rule set the request was screened on, when it was
  std::optional<std::string> intake_id;  ///< hashed before it is written
  std::uint64_t records = 0;             ///< JSON Lines: records screened (decisions and error records)
  std::uint64_t errors = 0;              ///< of which error records
  std::string_view error;                ///< what went wrong with the exchange itself: "write", "timeout", ...
};

/// Writes log lines to a file descriptor, whole lines with one write each. Thread-safe.
class AccessLog {
 public:
  /// `salt`: the key of the intake-id hash; empty for 32 random bytes.
  AccessLog(int fd, std::string salt);

  /// The line of a request that is done (its response written, or the exchange given up).
  void request(const RequestRecord& record);
  /// A line {"time", "event": event, ...fields}; `fields` is "" or `"key":value,...` JSON.
  void event(std::string_view event, std::string_view fields = {});
  /// The salted hash of an intake id: 16 hex digits of HMAC-like sha256(salt, id).
  std::string hash_id(std::string_view id) const;

 private:
  void write_line(std::string& line);
  int fd_;
  std::string salt_;
  std::mutex mutex_;
};

}  // namespace contrascreen::service
