#include "service/router.hpp"

#include <algorithm>

namespace contrascreen::service {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether `path` matches `pattern`; the parameter's text (still encoded) in `parameter`.
bool matches(std::string_view pattern, std::string_view path, std::string_view& parameter) {
  const std::size_t brace = pattern.find('{');
  if (brace == std::string_view::npos) return pattern == path;
  const std::string_view prefix = pattern.substr(0, brace);
  if (!path.starts_with(prefix)) return false;
  parameter = path.substr(prefix.size());
  return !parameter.empty() && parameter.find('/') == std::string_view::npos;
}

}  // namespace

bool percent_decode(std::string_view text, std::string& out, bool plus_is_space) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return false;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return true;
}

bool Route::streams(std::string_view type) const {
  return stream && std::find(streamed_types.begin(), streamed_types.end(), type) != streamed_types.end();
}

void Router::add(Route route) {
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(http::verb method, std::string_view target) const {
  RouteMatch result;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  std::string_view parameter;
  bool path_known = false;
  for (const Route& route : routes_) {
    if (!matches(route.pattern, path, parameter)) continue;
    path_known = true;
    if (route.method != method) {
      const std::string name(text(http::to_string(route.method)));
      if (result.allow.find(name) == std::string::npos) result.allow += (result.allow.empty() ? "" : ", ") + name;
      continue;
    }
    result.route = &route;
    break;
  }
  if (result.route == nullptr) {
    result.status = path_known ? http::status::method_not_allowed : http::status::not_found;
    result.message = path_known ? "this route takes " + result.allow : "no such route";
    return result;
  }
  result.allow.clear();
  if (!percent_decode(parameter, result.parameter, false)) {
    result.route = nullptr;
    result.status = http::status::bad_request;
    result.message = "a bad percent escape in the path";
    return result;
  }
  if (question == std::string_view::npos) return result;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    std::string key;
    std::string value;
    if (!percent_decode(item.substr(0, equals), key, true) ||
        !percent_decode(equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1), value, true)) {
      result.route = nullptr;
      result.status = http::status::bad_request;
      result.message = "a bad percent escape in the query";
      return result;
    }
    result.query.emplace_back(std::move(key), std::move(value));
  }
  return result;
}

}  // namespace contrascreen::service
