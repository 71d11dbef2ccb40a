// contrascreen serve: the HTTP service (docs/service.md). This file parses the options and
// loads the rule sets as the other commands do; the server is src/service/.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <system_error>
#include <thread>

#include "command.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "options.hpp"
#include "ruleset_files.hpp"
#include "service/server.hpp"

namespace contrascreen::cli {
namespace {

constexpr long max_threads = 256;

CommandSpec serve_spec() {
  CommandSpec spec;
  spec.name = "serve";
  spec.synopsis = "serve --rules RULESET... [--bind ADDRESS] [--port N] [--threads N] [options]";
  spec.summary =
      "Serves screening over HTTP/1.1 (docs/service.md): POST /v1/screen/{ruleset}, GET /v1/rulesets,\n"
      "GET /healthz. {ruleset} is the rule set's id with '/' written '-'. Logs one JSON line per request on\n"
      "stderr. SIGHUP reloads the rule sets (one that fails keeps its old version); SIGTERM or SIGINT\n"
      "finishes the requests in flight (at most 5 s) and exits 0. Exit status: 64 usage error, 65 a rule\n"
      "set is invalid, 66 a rule set does not exist, 69 the address cannot be listened on.";
  spec.example =
      "  contrascreen serve --rules rules/clinics/clinic-sv/microneedling.yaml --port 8080\n"
      "  curl -H 'Content-Type: application/json' --data-binary @examples/intakes/warfarin.json \\\n"
      "       http://127.0.0.1:8080/v1/screen/clinic-sv-microneedling";
  spec.options.add_options()  //
      ("rules,r", po::value<std::vector<std::string>>()->required()->multitoken()->value_name("RULESET"),
       "rule sets (YAML) to serve; repeat or list several")  //
      ("bind", po::value<std::string>()->default_value("127.0.0.1")->value_name("ADDRESS"),
       "address to listen on")  //
      ("port,p", po::value<long>()->default_value(8080)->value_name("N"),
       "port to listen on; 0 for any free port (the 'listening' log line names it)")                            //
      ("threads,t", po::value<long>()->value_name("N"), "threads serving connections (default: one per core)")  //
      ("max-connections", po::value<long>()->default_value(1024)->value_name("N"),
       "open connections at once; more are answered 503")  //
      ("header-timeout", po::value<double>()->default_value(10)->value_name("S"),
       "seconds a client has to send a request's headers")  //
      ("body-timeout", po::value<double>()->default_value(30)->value_name("S"),
       "seconds a client has to send a body (JSON Lines: the longest pause)")  //
      ("log-salt", po::value<std::string>()->value_name("TEXT"),
       "key of the intake-id hash in the log (default: random per process)");
  return spec;
}

bool seconds_option(double value, std::chrono::milliseconds& out) {
  if (!(value > 0 && value <= 3600)) return false;
  out = std::chrono::milliseconds(static_cast<long>(value * 1000));
  return true;
}

}  // namespace

int run_serve(const Args& args, Io& io) {
  const CommandSpec spec = serve_spec();
  int status = 0;
  auto vars = parse_command(spec, args, io, status);
  if (!vars) return status;

  service::ServerConfig config;
  config.ruleset_paths = (*vars)["rules"].as<std::vector<std::string>>();
  config.bind = (*vars)["bind"].as<std::string>();
  const long port = (*vars)["port"].as<long>();
  if (port < 0 || port > 65535) return usage_error(spec, "--port must be 0 to 65535", io);
  config.port = static_cast<unsigned short>(port);
  long threads = vars->count("threads") != 0U ? (*vars)["threads"].as<long>()
                                              : static_cast<long>(std::max(1U, std::thread::hardware_concurrency()));
  if (threads < 1 || threads > max_threads)
    return usage_error(spec, "--threads must be 1 to " + std::to_string(max_threads), io);
  config.threads = static_cast<unsigned>(threads);
  const long connections = (*vars)["max-connections"].as<long>();
  if (connections < 1 || connections > 1'000'000)
    return usage_error(spec, "--max-connections must be 1 to 1000000", io);
  config.limits.max_connections = static_cast<std::size_t>(connections);
  if (!seconds_option((*vars)["header-timeout"].as<double>(), config.limits.header_timeout))
    return usage_error(spec, "--header-timeout must be over 0 and at most 3600 seconds", io);
  if (!seconds_option((*vars)["body-timeout"].as<double>(), config.limits.body_timeout))
    return usage_error(spec, "--body-timeout must be over 0 and at most 3600 seconds", io);
  std::string salt;
  if (vars->count("log-salt") != 0U) {
    salt = (*vars)["log-salt"].as<std::string>();
    if (salt.empty()) return usage_error(spec, "--log-salt must not be empty", io);
  }

  std::vector<service::LoadProblem> problems;
  auto registry = service::load_registry(config.ruleset_paths, nullptr, problems);
  if (!problems.empty()) {
    bool missing = false;
    for (const auto& problem : problems) {
      io.err << format_diagnostics(in_reading_order(problem.diagnostics));
      for (const Diagnostic& d : problem.diagnostics) missing = missing || d.code == codes::io_not_found;
    }
    return missing ? exit_no_input : exit_data;
  }

  io.err.flush();
  service::AccessLog log(STDERR_FILENO, salt);
  try {
    return service::run_server(config, std::move(registry), log);
  } catch (const std::system_error& e) {
    io.err << "contrascreen serve: cannot listen on " << config.bind << " port " << config.port << ": " << e.what()
           << "\n";
    return exit_unavailable;
  }
}

}  // namespace contrascreen::cli
