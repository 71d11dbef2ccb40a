// The limits that keep one client from taking the service from the others: sizes, times
// and counts, each with the status or the closed connection it ends in (docs/service.md).
#pragma once

#include <chrono>
#include <cstddef>

namespace contrascreen::service {

struct Limits {
  /// A buffered request body (one intake, any request that is not streamed): over this, 413.
  std::size_t max_body_bytes = std::size_t{1} << 20;
  /// The request line and headers: over this, 431 and the connection is closed.
  std::size_t max_header_bytes = 16 * 1024;
  /// From the connection's start, or the end of the previous response, to the end of the
  /// headers: a slow or idle client is disconnected (no response: it has asked nothing).
  std::chrono::milliseconds header_timeout{10'000};
  /// A buffered body must arrive whole within this; a streamed body must not pause longer
  /// than this between two reads. Past it, the connection is closed.
  std::chrono::milliseconds body_timeout{30'000};
  /// Writing one response (or one chunk of a streamed one) to a client that does not read.
  std::chrono::milliseconds write_timeout{30'000};
  /// Open connections at once; one more is answered 503 and closed.
  std::size_t max_connections = 1024;
  /// JSON Lines requests screened at once (each takes a thread of its own); one more is 503.
  std::size_t max_streams = 4;
  /// SIGTERM and SIGINT: how long requests in flight may still take before the process exits.
  std::chrono::milliseconds drain_timeout{5'000};
};

}  // namespace contrascreen::service
