#include "service/session.hpp"

#include <exception>
#include <future>
#include <limits>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace contrascreen::service {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";
// After an answer to a request whose body was not read (413, 404 before the body, ...),
// what the client still sends is read and dropped for a while, so that closing does not
// reset the connection before the client has read the answer.
constexpr std::size_t discard_budget = std::size_t{4} << 20;
constexpr std::chrono::seconds discard_time{2};
constexpr std::uint64_t no_body_limit = std::numeric_limits<std::uint64_t>::max();

bool expects_continue(const RequestHeader& header) {
  return beast::iequals(header[http::field::expect], "100-continue");
}

}  // namespace

Session::Session(net::ip::tcp::socket socket, ServiceState& state) : stream_(std::move(socket)), state_(state) {}

Session::~Session() {
  --state_.connections;
}

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
}

void Session::read_header() {
  header_parser_.emplace();
  header_parser_->header_limit(static_cast<std::uint32_t>(state_.limits.max_header_bytes));
  // The body's limit depends on the route (buffered or streamed): set once it is known.
  // (Not boost::none: Boost 1.74 compares a Content-Length with it as "over the limit".)
  header_parser_->body_limit(no_body_limit);
  body_parser_.reset();
  stream_parser_.reset();
  stream_.expires_after(state_.limits.header_timeout);
  http::async_read_header(stream_, buffer_, *header_parser_,
                          [self = shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::begin_request() {
  record_ = RequestRecord{};
  record_.method = "-";
  record_.route = "-";
  record_.start = std::chrono::steady_clock::now();
  in_request_ = true;
  request_read_ = false;
  ++state_.in_flight;
}

void Session::on_header(error_code ec) {
  if (ec) {
    // A connection that closes or times out between requests asked nothing: no answer, no log.
    const bool started = buffer_.size() > 0 || header_parser_->got_some();
    if (ec == beast::error::timeout && started) {
      begin_request();
      timed_out("header_timeout");
    } else if (ec == http::error::header_limit) {
      begin_request();
      reject(http::status::request_header_fields_too_large,
             "the request line and headers are over " + std::to_string(state_.limits.max_header_bytes) + " bytes");
    } else if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
               ec != http::error::end_of_stream && ec != http::error::partial_message) {
      begin_request();
      reject(http::status::bad_request, "malformed HTTP request: " + ec.message());
    } else {
      close(false);
    }
    return;
  }
  begin_request();
  const RequestHeader& header = header_parser_->get();
  record_.method = text(http::to_string(header.method()));
  version_ = header.version();
  keep_alive_ = header_parser_->keep_alive();
  request_read_ = header_parser_->is_done();
  match_ = state_.router.match(header.method(), text(header.target()));
  if (match_.route == nullptr) {
    Response response = error_response(match_.status, match_.message, version_);
    if (match_.status == http::status::method_not_allowed) response.set(http::field::allow, match_.allow);
    send(std::move(response), true);
    return;
  }
  record_.route = match_.route->pattern;
  registry_ = state_.registry.current();
  if (match_.route->streams(media_type(text(header[http::field::content_type])))) {
    start_stream();
    return;
  }
  if (const auto length = header_parser_->content_length(); length && *length > state_.limits.max_body_bytes) {
    reject(http::status::payload_too_large, "the body is over " + std::to_string(state_.limits.max_body_bytes) +
                                                " bytes; send a batch as JSON Lines (application/x-ndjson)");
    return;
  }
  continue_then([this] { read_body(); });
}

template <class Next>
void Session::continue_then(Next next) {
  if (request_read_ || !expects_continue(header_parser_->get())) {
    next();
    return;
  }
  stream_.expires_after(state_.limits.write_timeout);
  net::async_write(stream_, net::buffer(continue_line.data(), continue_line.size()),
                   [self = shared_from_this(), next](error_code ec, std::size_t) {
                     if (ec) {
                       self->record_.error = "write";
                       self->end_request();
                       self->close(false);
                       return;
                     }
                     next();
                   });
}

void Session::read_body() {
  body_parser_.emplace(std::move(*header_parser_));
  body_parser_->body_limit(state_.limits.max_body_bytes);
  stream_.expires_after(state_.limits.body_timeout);
  http::async_read(stream_, buffer_, *body_parser_,
                   [self = shared_from_this()](error_code ec, std::size_t) { self->on_body(ec); });
}

void Session::on_body(error_code ec) {
  if (ec == http::error::body_limit) {
    reject(http::status::payload_too_large, "the body is over " + std::to_string(state_.limits.max_body_bytes) +
                                                " bytes; send a batch as JSON Lines (application/x-ndjson)");
  } else if (ec == beast::error::timeout) {
    timed_out("body_timeout");
  } else if (ec && ec.category() == http::make_error_code(http::error::bad_target).category() &&
             ec != http::error::end_of_stream && ec != http::error::partial_message) {
    reject(http::status::bad_request, "malformed HTTP request body: " + ec.message());
  } else if (ec) {
    record_.error = "read";
    end_request();
    close(false);
  } else {
    request_read_ = true;
    handle(body_parser_->get());
  }
}

void Session::handle(const Request& request) {
  Exchange exchange{registry_, std::move(match_.parameter), std::move(match_.query), record_};
  Response response;
  try {
    response = match_.route->handler(request, exchange);
  } catch (const std::exception&) {
    record_.error = "internal";
    response = error_response(http::status::internal_server_error, "internal error", version_);
  }
  send(std::move(response), false);
}

// The timeout has closed the socket (tcp_stream does): no 408 can be sent, and the log says
// why the request ended.
void Session::timed_out(std::string_view error) {
  record_.status = static_cast<unsigned>(http::status::request_timeout);
  record_.error = error;
  end_request();
  close(false);
}

void Session::reject(http::status status, std::string_view message, std::string_view error) {
  record_.error = error;
  send(error_response(status, message, version_), true);
}

void Session::send(Response response, bool close_after) {
  record_.status = response.result_int();
  keep_alive_ = keep_alive_ && !close_after && request_read_ && !state_.draining;
  response.set(http::field::server, "contrascreen");
  response.keep_alive(keep_alive_);
  response_ = std::make_shared<Response>(std::move(response));
  stream_.expires_after(state_.limits.write_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this()](error_code ec, std::size_t) { self->on_sent(ec); });
}

void Session::on_sent(error_code ec) {
  if (ec) record_.error = "write";
  response_.reset();
  end_request();
  if (!ec && keep_alive_)
    read_header();
  else
    close(!ec && !request_read_);
}

void Session::end_request() {
  if (!in_request_) return;
  in_request_ = false;
  state_.log.request(record_);
  registry_.reset();
  --state_.in_flight;
}

void Session::close(bool discard_input) {
  error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  if (!discard_input) {
    stream_.close();
    return;
  }
  discarded_ = 0;
  stream_.expires_after(discard_time);
  discard();
}

void Session::discard() {
  buffer_.consume(buffer_.size());
  stream_.async_read_some(buffer_.prepare(64 * 1024), [self = shared_from_this()](error_code ec, std::size_t n) {
    self->discarded_ += n;
    if (ec || self->discarded_ >= discard_budget) {
      self->stream_.close();
      return;
    }
    self->discard();
  });
}

// ---- streamed requests: the stream worker's side -----------------------------------------

void Session::start_stream() {
  stream_parser_.emplace(std::move(*header_parser_));
  stream_parser_->body_limit(no_body_limit);  // records are limited one by one, by the batch engine
  head_sent_ = complete_ = false;
  expect_continue_ = !request_read_ && expects_continue(stream_parser_->get());
  const bool queued = state_.workers.try_run([self = shared_from_this()] {
    const RequestHeader header = self->stream_parser_->get().base();
    Exchange exchange{self->registry_, std::move(self->match_.parameter), std::move(self->match_.query), self->record_};
    try {
      self->match_.route->stream(header, exchange, *self);
    } catch (const std::exception&) {
      self->record_.error = "internal";
    }
    net::post(self->stream_.get_executor(), [self] { self->end_stream(); });
  });
  if (!queued) {
    Response response = error_response(
        http::status::service_unavailable,
        "every JSON Lines stream is busy (" + std::to_string(state_.limits.max_streams) + " at once); try again",
        version_);
    response.set(http::field::retry_after, "1");
    record_.error = "streams";
    send(std::move(response), true);
  }
}

void Session::end_stream() {
  request_read_ = stream_parser_->is_done();
  if (!complete_ && record_.error.empty()) record_.error = "incomplete";
  if (head_sent_) record_.status = 200;
  end_request();
  if (complete_ && keep_alive_ && request_read_ && !state_.draining)
    read_header();
  else
    close(complete_ && !request_read_);
}

template <class Start>
std::pair<boost::system::error_code, std::size_t> Session::wait(Start start) {
  std::promise<std::pair<error_code, std::size_t>> done;
  auto result = done.get_future();
  net::dispatch(stream_.get_executor(), [&start, &done, self = shared_from_this()] {
    start([&done](error_code ec, std::size_t n) { done.set_value({ec, n}); });
  });
  return result.get();
}

std::size_t Session::read(char* data, std::size_t size, bool& failed) {
  if (expect_continue_) {
    expect_continue_ = false;
    const auto [ec, n] = wait([this](auto handler) {
      stream_.expires_after(state_.limits.write_timeout);
      net::async_write(stream_, net::buffer(continue_line.data(), continue_line.size()), std::move(handler));
    });
    if (ec) {
      failed = true;
      return 0;
    }
  }
  auto& parser = *stream_parser_;
  while (!parser.is_done()) {
    parser.get().body().data = data;
    parser.get().body().size = size;
    auto [ec, n] = wait([this, &parser](auto handler) {
      stream_.expires_after(state_.limits.body_timeout);
      http::async_read_some(stream_, buffer_, parser, std::move(handler));
    });
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      record_.error = ec == beast::error::timeout ? "body_timeout" : "read";
      failed = true;
      return 0;
    }
    const std::size_t got = size - parser.get().body().size;
    if (got > 0) return got;
  }
  return 0;
}

bool Session::write(std::string_view content_type, std::string_view data) {
  if (!head_sent_) {
    head_.emplace(http::status::ok, version_);
    head_->set(http::field::server, "contrascreen");
    head_->set(http::field::content_type, beast::string_view(content_type.data(), content_type.size()));
    head_->chunked(true);
    // A client that reads the answer before it has sent the whole body gets the rest of
    // the batch answered on this connection only if it sends all of it.
    head_->keep_alive(keep_alive_ && !state_.draining);
    head_serializer_.emplace(*head_);
    const auto [ec, n] = wait([this](auto handler) {
      stream_.expires_after(state_.limits.write_timeout);
      http::async_write_header(stream_, *head_serializer_, std::move(handler));
    });
    if (ec) {
      record_.error = "write";
      return false;
    }
    head_sent_ = true;
    keep_alive_ = head_->keep_alive();
  }
  if (data.empty()) return true;  // an empty chunk would end the response
  const auto [ec, n] = wait([this, data](auto handler) {
    stream_.expires_after(state_.limits.write_timeout);
    net::async_write(stream_, http::make_chunk(net::const_buffer(data.data(), data.size())), std::move(handler));
  });
  if (ec) record_.error = "write";
  return !ec;
}

bool Session::finish() {
  if (!write("application/x-ndjson", {})) return false;
  const auto [ec, n] = wait([this](auto handler) {
    stream_.expires_after(state_.limits.write_timeout);
    net::async_write(stream_, http::make_chunk_last(), std::move(handler));
  });
  if (ec) record_.error = "write";
  complete_ = !ec;
  return complete_;
}

bool Session::respond(Response response) {
  record_.status = response.result_int();
  keep_alive_ = keep_alive_ && stream_parser_->is_done() && !state_.draining;
  response.set(http::field::server, "contrascreen");
  response.keep_alive(keep_alive_);
  auto whole = std::make_shared<Response>(std::move(response));
  const auto [ec, n] = wait([this, &whole](auto handler) {
    stream_.expires_after(state_.limits.write_timeout);
    http::async_write(stream_, *whole, std::move(handler));
  });
  if (ec) record_.error = "write";
  complete_ = !ec;
  return complete_;
}

}  // namespace contrascreen::service
