// std::streambuf over a BodyStream, so that the one batch engine (screen_batch) reads a
// request body and writes a chunked response as it would read and write files.
#pragma once

#include <array>
#include <stdexcept>
#include <streambuf>
#include <string>

#include "service/body_stream.hpp"

namespace contrascreen::service {

/// Reads the request body. A body that stops before its end (the client went away, the body
/// timeout) sets the stream's badbit, which the batch engine reports as io.read: never the
/// end of the patients.
class BodyInBuffer : public std::streambuf {
 public:
  explicit BodyInBuffer(BodyStream& body) : body_(body) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    bool failed = false;
    const std::size_t n = body_.read(buffer_.data(), buffer_.size(), failed);
    // std::istream turns an exception from its buffer into badbit (and does not rethrow
    // unless asked to).
    if (failed) throw std::runtime_error("the request body was cut short");
    if (n == 0) return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  BodyStream& body_;
  std::array<char, 64 * 1024> buffer_{};
};

/// Writes the response as chunks of about 64 KiB (never an empty chunk, which would end it).
class ChunkOutBuffer : public std::streambuf {
 public:
  ChunkOutBuffer(BodyStream& body, std::string content_type) : body_(body), content_type_(std::move(content_type)) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }

 protected:
  int_type overflow(int_type c) override {
    if (!send()) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
  }
  int sync() override { return send() ? 0 : -1; }

 private:
  bool send() {
    const auto size = static_cast<std::size_t>(pptr() - pbase());
    if (size == 0) return ok_;
    if (ok_) ok_ = body_.write(content_type_, std::string_view(pbase(), size));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok_;
  }

  BodyStream& body_;
  std::string content_type_;
  bool ok_ = true;
  std::array<char, 64 * 1024> buffer_{};
};

}  // namespace contrascreen::service
