// Routes: a method and a path pattern to a handler. A handler is given the request and an
// Exchange (the rule sets in force when the request arrived, the path parameter, the query,
// and the log record to fill in) and returns the response; a route may instead take some
// Content-Types as a stream (JSON Lines), read and written while it screens.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/access_log.hpp"
#include "service/body_stream.hpp"
#include "service/http.hpp"
#include "service/registry.hpp"

namespace contrascreen::service {

/// A query's parameters, percent-decoded, in order.
using Query = std::vector<std::pair<std::string, std::string>>;

/// What a handler is given besides the request.
struct Exchange {
  std::shared_ptr<const Registry> registry;  ///< the snapshot the request keeps to its end
  std::string parameter;                     ///< the route's {parameter} segment, percent-decoded
  Query query;
  RequestRecord& log;
};

using Handler = std::function<Response(const Request&, Exchange&)>;
/// Screens a body as it arrives and writes the response as it goes, on a thread of its own.
using StreamHandler = std::function<void(const RequestHeader&, Exchange&, BodyStream&)>;

struct Route {
  http::verb method;
  /// "/healthz", or a literal prefix and one final parameter: "/v1/screen/{ruleset}". A
  /// parameter is one path segment: it holds no '/' (once decoded, it may).
  std::string pattern;
  Handler handler;
  /// Media types (lower case) whose bodies go to `stream` rather than to `handler`.
  std::vector<std::string> streamed_types{};
  StreamHandler stream{};

  bool streams(std::string_view type) const;
};

/// Where a request goes: a route, or the status that says why none.
struct RouteMatch {
  const Route* route = nullptr;
  http::status status = http::status::ok;  ///< not_found, method_not_allowed or bad_request
  std::string allow;                       ///< for method_not_allowed: the Allow header
  std::string message;                     ///< for the error response
  std::string parameter;
  Query query;
};

class Router {
 public:
  /// Adds a route. Thread-safety: add every route before the first match.
  void add(Route route);
  /// The route for `method` and `target` (an origin-form request target, query included).
  RouteMatch match(http::verb method, std::string_view target) const;

 private:
  std::vector<Route> routes_;
};

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); false on a bad escape.
bool percent_decode(std::string_view text, std::string& out, bool plus_is_space);

}  // namespace contrascreen::service
