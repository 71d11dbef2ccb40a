#pragma once
/// \file
/// Reading intakes from FHIR R4 QuestionnaireResponses (docs/fhir.md): one resource, a
/// Bundle of them, or NDJSON (one resource a line). `linkId` names the question, the
/// answer's value[x] is its answer, `authored` the screening date and `id` (else
/// `identifier.value`) the intake id. Every answer goes through accept_answer
/// (answer_acceptance.hpp), so a QuestionnaireResponse answer is accepted, or refused with
/// the same code, exactly as the same answer in a JSON intake.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "contrascreen/catalogue.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/intake.hpp"

namespace contrascreen {

/// The extension that marks a list question's item as answered with an empty list ("takes
/// nothing"), which FHIR cannot say with answers: an item without answers is unanswered.
inline constexpr std::string_view fhir_empty_list_extension = "urn:contrascreen:fhir:extension:empty-list";

/// True when `json` is a JSON object with a top-level "resourceType" key: a FHIR resource
/// rather than a contrascreen intake. A full parse of `json`; false for text that is not
/// valid JSON. Thread-safe.
bool is_fhir_resource(std::string_view json);

/// Reads QuestionnaireResponses into Intakes, reusing its parser and buffers from one to the
/// next. Problems are diagnostics positioned in the text (file, line, column), and their
/// messages start with the element's path, e.g. `item[3].answer[0].valueCoding.code: ...`.
/// Not thread-safe; use one reader per thread.
class FhirIntakeReader {
 public:
  /// `catalogue` must not be null (std::invalid_argument).
  explicit FhirIntakeReader(std::shared_ptr<const Catalogue> catalogue);
  ~FhirIntakeReader();
  FhirIntakeReader(FhirIntakeReader&&) noexcept;
  FhirIntakeReader& operator=(FhirIntakeReader&&) noexcept;

  /// Reads one QuestionnaireResponse (an NDJSON line) into `out` (cleared first). Any other
  /// resource, a Bundle included, is fhir.wrong_resource. On failure returns false and
  /// appends every problem to `diagnostics`, positioned in `name` with `first_line` as the
  /// line of json's start; `out` then holds the id when it could be read, for the error
  /// record.
  bool parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics, std::string_view name = "<fhir>",
             std::uint32_t first_line = 1);

  /// Reads a resource as a .json file holds it: a QuestionnaireResponse gives one result, a
  /// Bundle one per entry, in entry order (none for a Bundle without entries). A text that
  /// is not valid JSON, or a resource of another type, gives one result with its problems.
  std::vector<IntakeResult> parse_resource(std::string_view json, std::string_view name = "<fhir>");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace contrascreen
