// A CDS Hooks 2.0 request to one of the service's CDS services (docs/service.md): the fields
// the specification requires (hook, hookInstance, context), the hook the services answer,
// and the QuestionnaireResponse to screen from the prefetch key `intake`: the resource
// itself, or the latest authored one of a Bundle (authored_order.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contrascreen/diagnostic.hpp"
#include "service/http.hpp"

namespace contrascreen::service {

/// The hook every CDS service of contrascreen is called on.
inline constexpr std::string_view cds_hook = "appointment-book";
/// The prefetch key that holds the patient's QuestionnaireResponse, or a Bundle of them.
inline constexpr std::string_view cds_prefetch_key = "intake";

/// What read_cds_request found in a request body.
struct CdsRequest {
  /// ok when `intake` is the resource to screen; otherwise the response's status:
  /// bad_request (not a CDS Hooks request, or another hook), precondition_failed (no
  /// prefetch `intake`), unprocessable_entity (a prefetch with nothing, or no single
  /// latest response, to screen).
  http::status status = http::status::ok;
  /// The body with all but the QuestionnaireResponse to screen written as blanks (its line
  /// breaks kept) and what follows it cut: one resource for the FHIR reader, at the line
  /// and column it has in the body, so that the reader's diagnostics point into the body.
  std::string intake;
  std::vector<Diagnostic> diagnostics;  ///< why not, when status is not ok; named `name`
};

/// Reads a CDS Hooks request `body` (named `name` in diagnostics). Keeps nothing of it.
/// Thread-safe: each thread has its own parsers, kept for its next request.
CdsRequest read_cds_request(std::string_view body, std::string_view name);

}  // namespace contrascreen::service
