// contrascreen serve: the HTTP server around the library. Listens, accepts up to the
// connection cap, runs N threads, reloads the rule sets on SIGHUP and drains on SIGTERM
// and SIGINT. The routes are service/screen_routes.hpp's and service/cds_routes.hpp's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "service/access_log.hpp"
#include "service/limits.hpp"
#include "service/registry.hpp"

namespace contrascreen::service {

struct ServerConfig {
  std::vector<std::string> ruleset_paths;  ///< re-read on SIGHUP
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  ///< 0: any free port (the "listening" log line names it)
  unsigned threads = 1;
  Limits limits{};
};

/// Serves `registry` (loaded from config.ruleset_paths) until SIGTERM or SIGINT, logging
/// to `log`. Returns 0 after a drain; throws std::system_error when it cannot listen.
int run_server(const ServerConfig& config, std::shared_ptr<const Registry> registry, AccessLog& log);

/// "path: code: message" lines of `problems`, as one JSON array of objects
/// {"path", "diagnostics"} (the diagnostics as the CLI prints them), for a log line.
std::string problems_json(const std::vector<LoadProblem>& problems);

}  // namespace contrascreen::service
