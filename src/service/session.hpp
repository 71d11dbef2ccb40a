// One client connection: reads requests one after another (HTTP/1.1 keep-alive), routes
// each, answers buffered requests on the connection's strand and hands streamed ones to a
// stream worker, with the header, body and write timeouts of Limits.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "service/body_stream.hpp"
#include "service/service_state.hpp"

namespace contrascreen::service {

class Session : public std::enable_shared_from_this<Session>, public BodyStream {
 public:
  /// Takes `socket` (whose executor must be a strand) and counts itself in state.connections.
  Session(boost::asio::ip::tcp::socket socket, ServiceState& state);
  ~Session() override;

  /// Starts reading the first request.
  void start();

  // BodyStream, for the stream worker (not from the connection's strand).
  std::size_t read(char* data, std::size_t size, bool& failed) override;
  bool write(std::string_view content_type, std::string_view data) override;
  bool finish() override;
  bool respond(Response response) override;
  bool started() const override { return head_sent_; }

 private:
  using error_code = boost::system::error_code;

  void read_header();
  void begin_request();
  void discard();
  void on_header(error_code ec);
  void read_body();
  void on_body(error_code ec);
  void handle(const Request& request);
  void start_stream();
  void end_stream();
  void send(Response response, bool close_after);
  void on_sent(error_code ec);
  void end_request();
  void close(bool discard_input);
  void reject(http::status status, std::string_view message, std::string_view error = {});
  void timed_out(std::string_view error);
  /// Writes "100 Continue" when the client waits for it, then runs `next`.
  template <class Next>
  void continue_then(Next next);
  /// From a stream worker: runs `start(handler)` on the strand and waits for the handler.
  template <class Start>
  std::pair<error_code, std::size_t> wait(Start start);

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  ServiceState& state_;
  std::optional<http::request_parser<http::empty_body>> header_parser_;
  std::optional<http::request_parser<http::string_body>> body_parser_;
  std::optional<http::request_parser<http::buffer_body>> stream_parser_;
  std::shared_ptr<Response> response_;
  RouteMatch match_;
  RequestRecord record_;
  std::shared_ptr<const Registry> registry_;
  bool in_request_ = false;
  bool request_read_ = false;  // the whole request, body included, has been read
  bool keep_alive_ = false;
  std::size_t discarded_ = 0;
  // A streamed response.
  unsigned version_ = 11;
  bool head_sent_ = false;
  bool complete_ = false;  // the streamed response was finished, or answered whole
  bool expect_continue_ = false;
  std::optional<http::response<http::empty_body>> head_;
  std::optional<http::response_serializer<http::empty_body>> head_serializer_;
};

}  // namespace contrascreen::service
