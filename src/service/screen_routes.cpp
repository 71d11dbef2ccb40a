#include "service/screen_routes.hpp"

#include <algorithm>
#include <istream>
#include <ostream>

#include "contrascreen/batch.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/output.hpp"
#include "service/stream_buffers.hpp"
#include "util/json_writer.hpp"

namespace contrascreen::service {

const LoadedRuleSet* find_ruleset(const Exchange& exchange, std::string_view listing, std::string& message) {
  const LoadedRuleSet* entry = exchange.registry->find(exchange.parameter);
  if (entry == nullptr)
    message = "no rule set is served as '" + exchange.parameter + "'; " + std::string(listing) + " lists them";
  else
    exchange.log.ruleset_sha256 = entry->ruleset->sha256();
  return entry;
}

bool read_query(const Exchange& exchange, const RuleSet& ruleset, BatchOptions& options, std::string& message) {
  options.format = OutputFormat::json;
  options.name = body_name;
  for (const auto& [key, value] : exchange.query) {
    if (key == "lang") {
      const auto& languages = ruleset.languages();
      if (std::find(languages.begin(), languages.end(), value) == languages.end()) {
        message = "lang '" + value + "' is not a language of " + ruleset.id();
        return false;
      }
      options.screen.language = value;
    } else if (key == "date") {
      options.screen.date = Date::parse_iso(value);
      if (!options.screen.date) {
        message = "date must be YYYY-MM-DD";
        return false;
      }
    } else {
      // A misspelt parameter must not be ignored: ?data=2026-01-01 would screen on today.
      message = "unknown query parameter '" + key + "' (lang, date)";
      return false;
    }
  }
  return true;
}

namespace {

bool is_syntax_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == codes::intake_syntax; });
}

Response screen_one(const Request& request, Exchange& exchange) {
  const unsigned version = request.version();
  std::string message;
  const LoadedRuleSet* entry = find_ruleset(exchange, "GET /v1/rulesets", message);
  if (entry == nullptr) return error_response(http::status::not_found, message, version);
  const std::string type = media_type(text(request[http::field::content_type]));
  IntakeFormat format = IntakeFormat::json;
  if (type == "application/yaml" || type == "application/x-yaml")
    format = IntakeFormat::yaml;
  else if (type != json_type)
    return error_response(http::status::unsupported_media_type,
                          "Content-Type must be application/json or application/yaml (one intake), or "
                          "application/x-ndjson or application/jsonl (JSON Lines)",
                          version);
  BatchOptions options;
  if (!read_query(exchange, *entry->ruleset, options, message))
    return error_response(http::status::bad_request, message, version);
  std::string body;
  const BatchSummary summary =
      screen_intake(*entry->ruleset, request.body(), format, body, options, &exchange.log.intake_id);
  // A body that is no JSON at all is the client's bug (400); an intake that reads but
  // cannot be screened is the patient's answers (422). Either way the body is the error
  // record the CLI writes, with every diagnostic.
  http::status status = http::status::ok;
  if (!summary.intake_errors.empty())
    status = is_syntax_error(summary.intake_errors) ? http::status::bad_request : http::status::unprocessable_entity;
  return json_response(status, std::move(body), version);
}

void screen_stream(const RequestHeader& header, Exchange& exchange, BodyStream& stream) {
  const unsigned version = header.version();
  std::string message;
  const LoadedRuleSet* entry = find_ruleset(exchange, "GET /v1/rulesets", message);
  if (entry == nullptr) {
    stream.respond(error_response(http::status::not_found, message, version));
    return;
  }
  BatchOptions options;
  if (!read_query(exchange, *entry->ruleset, options, message)) {
    stream.respond(error_response(http::status::bad_request, message, version));
    return;
  }
  BodyInBuffer in_buffer(stream);
  std::istream in(&in_buffer);
  ChunkOutBuffer out_buffer(stream, jsonl_type);
  std::ostream out(&out_buffer);
  const BatchSummary summary = screen_batch(*entry->ruleset, in, BatchFormat::jsonl, out, options);
  exchange.log.records = summary.records;
  exchange.log.errors = summary.errors;
  for (const Diagnostic& d : summary.fatal) {
    if (d.code == codes::io_read || d.code == codes::io_write) {
      // The client stopped sending, or reading: the response stays unfinished (the
      // connection is closed without the last chunk), so no client takes a cut batch for
      // a whole one.
      exchange.log.error = d.code == codes::io_read ? "read" : "write";
      return;
    }
  }
  if (!summary.fatal.empty() && !stream.started()) {  // intake.empty: nothing to screen
    std::string body;
    append_error_record(body, OutputFormat::json, std::nullopt, summary.fatal);
    stream.respond(json_response(http::status::unprocessable_entity, std::move(body), version));
    return;
  }
  if (!stream.finish()) exchange.log.error = "write";
}

Response list_rulesets(const Request& request, Exchange& exchange) {
  if (!exchange.query.empty())
    return error_response(http::status::bad_request, "this route takes no query parameters", request.version());
  std::string body = "{\"rulesets\":[";
  bool first = true;
  for (const LoadedRuleSet& entry : exchange.registry->entries()) {
    body += first ? "" : ",";
    first = false;
    // What the library says of a rule set (as the C ABI's cs_ruleset_info_json), and the
    // service's own route id.
    append_ruleset_info_json(body, *entry.ruleset);
    body.pop_back();
    body += ',';
    json::append_key(body, "route_id");
    json::append_string(body, entry.route_id);
    body += '}';
  }
  body += "]}\n";
  return json_response(http::status::ok, std::move(body), request.version());
}

Response health(const Request& request, Exchange& exchange) {
  return json_response(http::status::ok,
                       "{\"status\":\"ok\",\"rulesets\":" + std::to_string(exchange.registry->entries().size()) + "}\n",
                       request.version());
}

}  // namespace

void add_screening_routes(Router& router) {
  router.add({http::verb::post, "/v1/screen/{ruleset}", screen_one, {jsonl_type, "application/jsonl"}, screen_stream});
  router.add({http::verb::get, "/v1/rulesets", list_rulesets});
  router.add({http::verb::get, "/healthz", health});
}

}  // namespace contrascreen::service
