#include "service/server.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <system_error>
#include <thread>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "service/cds_routes.hpp"
#include "service/http.hpp"
#include "service/screen_routes.hpp"
#include "service/service_state.hpp"
#include "service/session.hpp"
#include "util/json_writer.hpp"

namespace contrascreen::service {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

// The answer over the connection cap, serialized once: no session is made for it.
const std::string& over_capacity() {
  static const std::string text = [] {
    Response response = error_response(http::status::service_unavailable, "too many connections; try again");
    response.set(http::field::server, "contrascreen");
    response.set(http::field::retry_after, "1");
    response.keep_alive(false);
    std::ostringstream out;
    out << response;
    return out.str();
  }();
  return text;
}

std::string rulesets_json(const Registry& registry) {
  std::string out = "\"rulesets\":[";
  bool first = true;
  for (const LoadedRuleSet& entry : registry.entries()) {
    out += first ? "{" : ",{";
    first = false;
    json::append_key(out, "id");
    json::append_string(out, entry.ruleset->id());
    out += ',';
    json::append_key(out, "sha256");
    json::append_string(out, entry.ruleset->sha256());
    out += '}';
  }
  return out + "]";
}

class Server {
 public:
  Server(const ServerConfig& config, std::shared_ptr<const Registry> registry, AccessLog& log)
      : config_(config),
        state_(make_router(), std::move(registry), config.limits, log),
        ioc_(static_cast<int>(config.threads)),
        acceptor_(net::make_strand(ioc_)),
        signals_(ioc_, SIGHUP, SIGTERM, SIGINT),
        retry_(acceptor_.get_executor()),
        drain_(ioc_) {}

  int run() {
    const tcp::endpoint endpoint(net::ip::make_address(config_.bind), config_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    const tcp::endpoint bound = acceptor_.local_endpoint();
    std::string fields = "\"address\":";
    json::append_string(fields, bound.address().to_string());
    fields += ",\"port\":" + std::to_string(bound.port()) + ",\"threads\":" + std::to_string(config_.threads) + "," +
              rulesets_json(*state_.registry.current());
    state_.log.event("listening", fields);
    wait_for_signal();
    accept();
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (std::thread& thread : threads) thread.join();
    // The stream workers drop what they hold of their sessions before the io_context
    // that the sessions' sockets belong to goes.
    state_.workers.stop();
    state_.log.event("stopped");
    return 0;
  }

 private:
  static Router make_router() {
    Router router;
    add_screening_routes(router);
    add_cds_routes(router);
    return router;
  }

  // The acceptor, its retry timer and their handlers run on one strand: a drain closes the
  // acceptor there too, never while an accept completes on another thread.
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), [this](error_code ec, tcp::socket socket) {
      if (ec) {
        if (!acceptor_.is_open()) return;  // closed by a drain
        std::string fields = "\"error\":";
        json::append_string(fields, ec.message());
        state_.log.event("accept_error", fields);
        // Out of descriptors (EMFILE, ENFILE) or memory: accepting again at once would
        // spin; connections wait in the backlog while open ones finish.
        retry_.expires_after(std::chrono::milliseconds(100));
        retry_.async_wait([this](error_code wait_error) {
          if (!wait_error && acceptor_.is_open()) accept();
        });
        return;
      }
      if (state_.connections.load() >= state_.limits.max_connections)
        refuse(std::move(socket));
      else {
        ++state_.connections;
        std::make_shared<Session>(std::move(socket), state_)->start();
      }
      accept();
    });
  }

  // Over the connection cap: a fixed 503 and the connection closed.
  void refuse(tcp::socket socket) {
    auto held = std::make_shared<tcp::socket>(std::move(socket));
    state_.log.event("refused", "\"why\":\"connections\"");
    net::async_write(*held, net::buffer(over_capacity()), [held](error_code, std::size_t) {
      error_code ignored;
      held->shutdown(tcp::socket::shutdown_send, ignored);
      held->close(ignored);
    });
  }

  void wait_for_signal() {
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      if (signal == SIGHUP) {
        reload();
        wait_for_signal();
      } else {
        drain();
      }
    });
  }

  // SIGHUP: every file read again; one that fails keeps its old version. Requests that
  // started before keep the snapshot they hold.
  void reload() {
    std::vector<LoadProblem> problems;
    const auto current = state_.registry.current();
    auto next = load_registry(config_.ruleset_paths, current.get(), problems);
    if (!problems.empty()) state_.log.event("reload_failed", "\"problems\":" + problems_json(problems));
    const std::string fields = rulesets_json(*next);
    state_.registry.replace(std::move(next));
    state_.log.event("reloaded", fields);
  }

  // SIGTERM, SIGINT: no new connections, answers say Connection: close, and the process
  // stops when nothing is in flight, or after the drain timeout whatever is.
  void drain() {
    state_.draining = true;
    net::dispatch(acceptor_.get_executor(), [this] {
      error_code ignored;
      acceptor_.close(ignored);
      retry_.cancel();
    });
    state_.log.event("draining", "\"in_flight\":" + std::to_string(state_.in_flight.load()));
    deadline_ = std::chrono::steady_clock::now() + state_.limits.drain_timeout;
    check_drained();
  }

  void check_drained() {
    if (state_.in_flight.load() == 0) {
      ioc_.stop();
      return;
    }
    if (std::chrono::steady_clock::now() >= deadline_) {
      state_.log.event("drain_timeout", "\"in_flight\":" + std::to_string(state_.in_flight.load()));
      // Requests still running hold threads that wait on the connections: nothing can be
      // unwound safely, and the clients see their connections close without an answer.
      std::fflush(nullptr);
      std::_Exit(0);
    }
    drain_.expires_after(std::chrono::milliseconds(10));
    drain_.async_wait([this](error_code) { check_drained(); });
  }

  const ServerConfig& config_;
  ServiceState state_;  // outlives ioc_: sessions destroyed with it count themselves out
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer retry_;
  net::steady_timer drain_;
  std::chrono::steady_clock::time_point deadline_{};
};

}  // namespace

std::string problems_json(const std::vector<LoadProblem>& problems) {
  std::string out = "[";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (i != 0) out += ',';
    out += '{';
    json::append_key(out, "path");
    json::append_string(out, problems[i].path);
    out += ',';
    json::append_key(out, "diagnostics");
    json::append_string(out, format_diagnostics(problems[i].diagnostics));
    out += '}';
  }
  return out + "]";
}

int run_server(const ServerConfig& config, std::shared_ptr<const Registry> registry, AccessLog& log) {
  // A client that closes its end must not end the process; writes to it fail with EPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  Server server(config, std::move(registry), log);
  return server.run();
}

}  // namespace contrascreen::service
