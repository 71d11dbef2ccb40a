// A request body read while it arrives, and a response written while it is made: what a
// streaming handler (JSON Lines) is given. Calls block the calling thread, which must not be
// one of the threads that run the connections.
#pragma once

#include <cstddef>
#include <string_view>

#include "service/http.hpp"

namespace contrascreen::service {

class BodyStream {
 public:
  virtual ~BodyStream() = default;
  /// Reads up to `size` bytes of the body into `data`. Returns 0 at its end; `failed` is
  /// set when the client stopped sending (a closed connection, the body timeout, a
  /// malformed chunk): that is never the end of the body.
  virtual std::size_t read(char* data, std::size_t size, bool& failed) = 0;
  /// Writes `data` as the next chunk of a chunked 200 response of `content_type`; the
  /// head goes first, with the first chunk. False when the client cannot be written to.
  virtual bool write(std::string_view content_type, std::string_view data) = 0;
  /// Ends the chunked response. False when the client cannot be written to.
  virtual bool finish() = 0;
  /// Sends `response` whole instead; only before anything was written.
  virtual bool respond(Response response) = 0;
  /// Whether the head of a chunked response has been sent.
  virtual bool started() const = 0;
};

}  // namespace contrascreen::service
