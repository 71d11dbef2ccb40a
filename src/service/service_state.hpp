// What every connection of one server shares: routes, rule sets, limits, log and counters.
#pragma once

#include <atomic>
#include <cstddef>

#include "service/access_log.hpp"
#include "service/limits.hpp"
#include "service/registry.hpp"
#include "service/router.hpp"
#include "service/stream_workers.hpp"

namespace contrascreen::service {

struct ServiceState {
  ServiceState(Router routes, std::shared_ptr<const Registry> initial, const Limits& limits_, AccessLog& log_)
      : router(std::move(routes)),
        registry(std::move(initial)),
        limits(limits_),
        log(log_),
        workers(limits_.max_streams) {}

  const Router router;
  RegistryHolder registry;
  const Limits limits;
  AccessLog& log;
  std::atomic<std::size_t> connections{0};  ///< open connections (sessions alive)
  std::atomic<std::size_t> in_flight{0};    ///< requests from their headers to their log line
  std::atomic<bool> draining{false};        ///< SIGTERM: finish what is in flight, take nothing new
  StreamWorkers workers;
};

}  // namespace contrascreen::service
