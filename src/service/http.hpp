// The HTTP types the service is written in (Boost.Beast), and the JSON bodies of its own
// errors.
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http.hpp>

namespace contrascreen::service {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using RequestHeader = http::request_header<>;
using Response = http::response<http::string_body>;

/// Beast's string_view (Boost's, in Boost 1.74) as a std::string_view.
inline std::string_view text(boost::beast::string_view view) {
  return {view.data(), view.size()};
}

/// A response with a JSON body (Content-Type application/json), for `request`'s version.
Response json_response(http::status status, std::string body, unsigned version = 11);

/// The service's own error, {"status": 404, "error": "Not Found", "message": "..."}: for
/// requests that reach no screening (no route, wrong method, too large, bad parameters).
Response error_response(http::status status, std::string_view message, unsigned version = 11);

/// The media type of a Content-Type value: lower case, without parameters and blanks.
std::string media_type(std::string_view content_type);

}  // namespace contrascreen::service
