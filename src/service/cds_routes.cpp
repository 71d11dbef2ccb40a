#include "service/cds_routes.hpp"

#include "contrascreen/batch.hpp"
#include "contrascreen/fhir_questionnaire.hpp"
#include "contrascreen/output.hpp"
#include "service/cds_request.hpp"
#include "service/screen_routes.hpp"
#include "util/json_writer.hpp"

namespace contrascreen::service {
namespace {

// One service of the discovery response. The prefetch asks the client for the patient's
// latest response to the Questionnaire of this rule set (its url as `contrascreen
// questionnaire` writes it with the default base): the latest response to another form
// would be the wrong answers.
void append_service(std::string& out, const LoadedRuleSet& entry) {
  const RuleSet& ruleset = *entry.ruleset;
  const std::string questionnaire = questionnaire_url(ruleset.id());
  out += '{';
  json::append_key(out, "hook");
  json::append_string(out, cds_hook);
  out += ',';
  json::append_key(out, "title");
  json::append_string(out, "Screening for " + ruleset.treatment() + ": " + ruleset.id());
  out += ',';
  json::append_key(out, "description");
  json::append_string(out, "Screens the patient's latest QuestionnaireResponse to " + questionnaire + " against " +
                               ruleset.id() + " version " + ruleset.version() + " (" + ruleset.treatment() +
                               "), sha256 " + ruleset.sha256() +
                               ": a card for each reason to refuse or refer and for each advice, none when the "
                               "treatment is allowed.");
  out += ',';
  json::append_key(out, "id");
  json::append_string(out, entry.route_id);
  out += ',';
  json::append_key(out, "prefetch");
  out += '{';
  json::append_key(out, cds_prefetch_key);
  json::append_string(out, "QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire=" +
                               questionnaire + "&_sort=-authored&_count=1");
  out += "},";
  json::append_key(out, "usageRequirements");
  json::append_string(out, "Needs the prefetch intake: the service fetches nothing from the FHIR server itself.");
  out += '}';
}

Response discovery(const Request& request, Exchange& exchange) {
  if (!exchange.query.empty())
    return error_response(http::status::bad_request, "this route takes no query parameters", request.version());
  std::string body = "{\"services\":[";
  bool first = true;
  for (const LoadedRuleSet& entry : exchange.registry->entries()) {
    if (!first) body += ',';
    first = false;
    append_service(body, entry);
  }
  body += "]}\n";
  return json_response(http::status::ok, std::move(body), request.version());
}

Response call_service(const Request& request, Exchange& exchange) {
  const unsigned version = request.version();
  std::string message;
  const LoadedRuleSet* entry = find_ruleset(exchange, "GET /cds-services", message);
  if (entry == nullptr) return error_response(http::status::not_found, message, version);
  if (media_type(text(request[http::field::content_type])) != "application/json")
    return error_response(http::status::unsupported_media_type, "Content-Type must be application/json", version);
  BatchOptions options;
  if (!read_query(exchange, *entry->ruleset, options, message))
    return error_response(http::status::bad_request, message, version);
  options.format = OutputFormat::cds_hooks;
  std::string body;
  const CdsRequest read = read_cds_request(request.body(), options.name);
  if (read.status != http::status::ok) {
    append_error_record(body, options.format, std::nullopt, read.diagnostics);
    return json_response(read.status, std::move(body), version);
  }
  // The same call, and so the same cards, as `contrascreen screen --format cds-hooks` on
  // a file holding the response; a response that cannot be screened is its error record.
  const BatchSummary summary =
      screen_intake(*entry->ruleset, read.intake, IntakeFormat::json, body, options, &exchange.log.intake_id);
  const http::status status = summary.intake_errors.empty() ? http::status::ok : http::status::unprocessable_entity;
  return json_response(status, std::move(body), version);
}

}  // namespace

void add_cds_routes(Router& router) {
  router.add({http::verb::get, "/cds-services", discovery});
  router.add({http::verb::post, "/cds-services/{id}", call_service});
}

}  // namespace contrascreen::service
