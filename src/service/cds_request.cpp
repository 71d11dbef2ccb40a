// The request is validated whole by simdjson's DOM, whose tree the fields are read from; the
// On-Demand parser then finds where the chosen resource's text lies in the body (the DOM
// keeps no positions), so that the FHIR reader reads that text and nothing else.
#include "service/cds_request.hpp"

#include <simdjson.h>

#include <algorithm>
#include <new>
#include <optional>

#include "contrascreen/diagnostic_codes.hpp"
#include "service/authored_order.hpp"
#include "util/diagnostic_builder.hpp"

namespace contrascreen::service {
namespace {

namespace dom = simdjson::dom;
namespace od = simdjson::ondemand;

// The nesting the FHIR reader reads (256), plus the request's levels above the resource:
// prefetch, intake, entry, its array and the entry.
constexpr std::size_t max_depth = 256 + 5;

struct Parsers {
  Parsers() {
    if (tree.allocate(4096, max_depth) != simdjson::SUCCESS) throw std::bad_alloc();
  }
  dom::parser tree;
  od::parser walk;
};

CdsRequest failure(http::status status, std::string_view code, std::string message, std::string_view name) {
  CdsRequest result;
  result.status = status;
  result.diagnostics.push_back(make_diagnostic(Severity::error, code, std::move(message), std::string(name)));
  return result;
}

// A key of an object: not there, there once (its value in `value`), or given twice, which
// no reader may resolve by picking one.
enum class Field : std::uint8_t { absent, once, twice };

Field find(dom::object object, std::string_view key, dom::element& value) {
  Field found = Field::absent;
  for (const dom::key_value_pair pair : object) {
    if (pair.key != key) continue;
    if (found == Field::once) return Field::twice;
    found = Field::once;
    value = pair.value;
  }
  return found;
}

// The chosen resource: its JSON pointer in the request, and its path for people.
struct Chosen {
  std::string pointer;
  std::string path;
};

// The QuestionnaireResponse of a Bundle to screen: the only one, or the latest authored.
// Entries holding other resources (a search's OperationOutcome) are passed over.
std::optional<Chosen> choose_from_bundle(dom::object bundle, std::string_view name, CdsRequest& out) {
  const auto fail = [&](http::status status, std::string_view code, std::string message) {
    out = failure(status, code, std::move(message), name);
    return std::nullopt;
  };
  dom::element value;
  dom::array entries;
  const Field entry_field = find(bundle, "entry", value);
  if (entry_field == Field::twice)
    return fail(http::status::unprocessable_entity, codes::fhir_invalid_element,
                "prefetch.intake.entry is given twice");
  if (entry_field == Field::once && value.get_array().get(entries) != simdjson::SUCCESS)
    return fail(http::status::unprocessable_entity, codes::fhir_invalid_element,
                "prefetch.intake.entry is not an array");
  std::vector<std::size_t> responses;  // entry indexes
  std::vector<AuthoredSpan> spans;
  std::optional<std::size_t> unordered;  // a response without a usable authored
  std::size_t index = 0;
  if (entry_field == Field::once) {
    for (const dom::element entry : entries) {
      const std::string path = "prefetch.intake.entry[" + std::to_string(index) + "]";
      dom::object entry_object;
      dom::object resource;
      if (entry.get_object().get(entry_object) != simdjson::SUCCESS ||
          find(entry_object, "resource", value) != Field::once || value.get_object().get(resource) != simdjson::SUCCESS)
        return fail(http::status::unprocessable_entity, codes::fhir_wrong_resource,
                    path + ": an entry without one resource (an object) in it");
      std::string_view type;
      if (find(resource, "resourceType", value) == Field::once && value.get_string().get(type) == simdjson::SUCCESS &&
          type == "QuestionnaireResponse") {
        responses.push_back(index);
        std::string_view authored;
        std::optional<AuthoredSpan> span;
        if (find(resource, "authored", value) == Field::once && value.get_string().get(authored) == simdjson::SUCCESS)
          span = authored_span(authored);
        if (span)
          spans.push_back(*span);
        else if (!unordered)
          unordered = index;
      }
      ++index;
    }
  }
  const auto chosen = [](std::size_t entry) {
    return Chosen{"/prefetch/intake/entry/" + std::to_string(entry) + "/resource",
                  "prefetch.intake.entry[" + std::to_string(entry) + "].resource"};
  };
  if (responses.empty())
    return fail(http::status::unprocessable_entity, codes::intake_empty,
                "prefetch.intake is a Bundle without a QuestionnaireResponse: there is no intake to screen");
  if (responses.size() == 1) return chosen(responses.front());
  if (unordered)
    return fail(http::status::unprocessable_entity, codes::cds_ambiguous_latest,
                "prefetch.intake.entry[" + std::to_string(*unordered) +
                    "].resource has no authored, or none written as a date or a dateTime with seconds and a time "
                    "zone: which QuestionnaireResponse of the Bundle is the latest cannot be told");
  const Latest latest = latest_authored(spans);
  if (latest.rival)
    return fail(http::status::unprocessable_entity, codes::cds_ambiguous_latest,
                "prefetch.intake.entry[" + std::to_string(responses[std::min(latest.index, *latest.rival)]) +
                    "] and entry[" + std::to_string(responses[std::max(latest.index, *latest.rival)]) +
                    "] may have been authored at the same time (a date without a time spans its whole day): which "
                    "QuestionnaireResponse of the Bundle is the latest cannot be told");
  return chosen(responses[latest.index]);
}

// Where the request's fields are wrong: the resource to screen, or the failure in `out`.
std::optional<Chosen> choose(dom::element root, std::string_view name, CdsRequest& out) {
  const auto invalid = [&](std::string message) {
    out = failure(http::status::bad_request, codes::cds_invalid_request, std::move(message), name);
    return std::nullopt;
  };
  dom::object request;
  if (root.get_object().get(request) != simdjson::SUCCESS) return invalid("the request is not a JSON object");
  dom::element value;
  std::string_view hook;
  for (const std::string_view key : {"hook", "hookInstance", "context"}) {
    const Field field = find(request, key, value);
    if (field == Field::absent) return invalid(std::string(key) + " is missing: a CDS Hooks request must have it");
    if (field == Field::twice) return invalid(std::string(key) + " is given twice");
    std::string_view text;
    const bool well_formed =
        key == "context" ? value.is_object() : value.get_string().get(text) == simdjson::SUCCESS && !text.empty();
    if (!well_formed)
      return invalid(std::string(key) + (key == "context" ? " is not an object" : " is not a text, or is empty"));
    if (key == "hook") hook = text;
  }
  if (hook != cds_hook) {
    out = failure(http::status::bad_request, codes::cds_wrong_hook,
                  "this service is called on the hook '" + std::string(cds_hook) + "', not '" + std::string(hook) + "'",
                  name);
    return std::nullopt;
  }
  const auto missing = [&] {
    out = failure(http::status::precondition_failed, codes::cds_missing_prefetch,
                  "the request has no prefetch intake (the patient's latest QuestionnaireResponse); this service "
                  "fetches nothing itself",
                  name);
    return std::nullopt;
  };
  dom::object prefetch;
  const Field prefetch_field = find(request, "prefetch", value);
  if (prefetch_field == Field::twice) return invalid("prefetch is given twice");
  if (prefetch_field == Field::absent || value.is_null()) return missing();
  if (value.get_object().get(prefetch) != simdjson::SUCCESS) return invalid("prefetch is not an object");
  const Field intake_field = find(prefetch, cds_prefetch_key, value);
  if (intake_field == Field::twice) return invalid("prefetch.intake is given twice");
  if (intake_field == Field::absent || value.is_null()) return missing();  // null: the client had no data
  dom::object intake;
  if (value.get_object().get(intake) != simdjson::SUCCESS)
    return invalid("prefetch.intake is not a FHIR resource (a JSON object)");
  std::string_view type;
  if (find(intake, "resourceType", value) != Field::once || value.get_string().get(type) != simdjson::SUCCESS) {
    // Without it the text would read as a native intake: the prefetch holds FHIR only.
    out =
        failure(http::status::unprocessable_entity, codes::fhir_wrong_resource,
                "prefetch.intake has no resourceType: a QuestionnaireResponse, or a Bundle of them, is expected", name);
    return std::nullopt;
  }
  if (type == "Bundle") return choose_from_bundle(intake, name, out);
  // A QuestionnaireResponse, or another resource, which the reader refuses with its position.
  return Chosen{"/prefetch/intake", "prefetch.intake"};
}

constexpr bool is_continuation(char c) noexcept {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

CdsRequest read_cds_request(std::string_view body, std::string_view name) {
  thread_local Parsers parsers;
  const simdjson::padded_string padded(body);
  dom::element root;
  if (const simdjson::error_code error = parsers.tree.parse(padded).get(root); error != simdjson::SUCCESS)
    return failure(http::status::bad_request, codes::cds_invalid_request,
                   error == simdjson::DEPTH_ERROR
                       ? std::string("the request is nested too deeply")
                       : std::string("the request is not valid JSON: ") + simdjson::error_message(error),
                   name);
  CdsRequest result;
  const std::optional<Chosen> chosen = choose(root, name, result);
  if (!chosen) return result;
  od::document document;
  od::object object;
  std::string_view text;
  if (parsers.walk.iterate(padded).get(document) != simdjson::SUCCESS ||
      document.at_pointer(chosen->pointer).get_object().get(object) != simdjson::SUCCESS ||
      object.raw_json().get(text) != simdjson::SUCCESS)
    return failure(http::status::unprocessable_entity, codes::fhir_wrong_resource,
                   chosen->path + ": the resource could not be found in the request", name);
  // Blanks before the resource, one per code point so that columns stay those of the body.
  const std::size_t offset = static_cast<std::size_t>(text.data() - padded.data());
  result.intake.reserve(offset + text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (body[i] == '\n')
      result.intake.push_back('\n');
    else if (!is_continuation(body[i]))
      result.intake.push_back(' ');
  }
  result.intake.append(text);
  return result;
}

}  // namespace contrascreen::service
