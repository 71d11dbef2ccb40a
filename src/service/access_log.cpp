#include "service/access_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "util/json_writer.hpp"
#include "util/sha256.hpp"

namespace contrascreen::service {
namespace {

std::string random_salt() {
  std::random_device device;
  std::string salt;
  for (int i = 0; i < 8; ++i) {
    const std::uint32_t word = device();
    salt.append(reinterpret_cast<const char*>(&word), sizeof word);
  }
  return salt;
}

// "2026-11-30T11:14:51.123Z": UTC, milliseconds.
void append_time(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  const int n =
      std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                    utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  out += "{\"time\":\"";
  out.append(text, static_cast<std::size_t>(n));
  out += '"';
}

}  // namespace

AccessLog::AccessLog(int fd, std::string salt) : fd_(fd), salt_(salt.empty() ? random_salt() : std::move(salt)) {}

std::string AccessLog::hash_id(std::string_view id) const {
  // The salt on both sides of the id (a length prefix keeps "ab"+"c" from "a"+"bc"): a
  // hash nobody can recompute from a guessed id without the salt.
  util::Sha256 hash;
  const std::string length = std::to_string(id.size()) + ":";
  hash.update(salt_);
  hash.update(length);
  hash.update(id);
  hash.update(salt_);
  const auto digest = hash.finish();
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

void AccessLog::request(const RequestRecord& record) {
  std::string line;
  line.reserve(256);
  append_time(line);
  line += ",\"method\":";
  json::append_string(line, record.method);
  line += ",\"route\":";
  json::append_string(line, record.route);
  line += ",\"status\":" + std::to_string(record.status);
  const auto elapsed = std::chrono::steady_clock::now() - record.start;
  char latency[32];
  std::snprintf(latency, sizeof latency, "%.3f", std::chrono::duration<double, std::milli>(elapsed).count());
  line += ",\"latency_ms\":";
  line += latency;
  if (!record.ruleset_sha256.empty()) {
    line += ",\"ruleset_sha256\":";
    json::append_string(line, record.ruleset_sha256);
  }
  if (record.intake_id) {
    line += ",\"intake\":";
    json::append_string(line, hash_id(*record.intake_id));
  }
  if (record.records != 0) {
    line += ",\"records\":" + std::to_string(record.records);
    line += ",\"error_records\":" + std::to_string(record.errors);
  }
  if (!record.error.empty()) {
    line += ",\"error\":";
    json::append_string(line, record.error);
  }
  line += "}\n";
  write_line(line);
}

void AccessLog::event(std::string_view event, std::string_view fields) {
  std::string line;
  append_time(line);
  line += ",\"event\":";
  json::append_string(line, event);
  if (!fields.empty()) {
    line += ',';
    line += fields;
  }
  line += "}\n";
  write_line(line);
}

void AccessLog::write_line(std::string& line) {
  // A log that cannot be written (stderr closed, a full disk) must not stop screening:
  // the line is dropped, as syslog drops it.
  std::lock_guard lock(mutex_);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return;
    }
  }
}

}  // namespace contrascreen::service
