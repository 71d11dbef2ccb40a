#include "service/http.hpp"

#include <cctype>

#include "util/json_writer.hpp"

namespace contrascreen::service {

Response json_response(http::status status, std::string body, unsigned version) {
  Response response{status, version};
  response.set(http::field::content_type, "application/json");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response error_response(http::status status, std::string_view message, unsigned version) {
  std::string body = "{\"status\":" + std::to_string(static_cast<unsigned>(status)) + ",\"error\":";
  json::append_string(body, text(http::obsolete_reason(status)));
  body += ",\"message\":";
  json::append_string(body, message);
  body += "}\n";
  return json_response(status, std::move(body), version);
}

std::string media_type(std::string_view content_type) {
  std::string out;
  for (const char c : content_type.substr(0, content_type.find(';')))
    if (c != ' ' && c != '\t') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace contrascreen::service
