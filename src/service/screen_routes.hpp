// The native routes: POST /v1/screen/{ruleset} (one intake, or JSON Lines streamed),
// GET /v1/rulesets, GET /healthz. Each parses, calls the library's one core (screen_intake,
// screen_batch) and renders. The CDS Hooks routes (cds_routes.hpp) find their rule set and
// read their query with the same two functions.
#pragma once

#include <string>
#include <string_view>

#include "contrascreen/batch.hpp"
#include "service/router.hpp"

namespace contrascreen::service {

/// Media types of one intake, and of JSON Lines.
inline constexpr const char* json_type = "application/json";
inline constexpr const char* jsonl_type = "application/x-ndjson";

/// What a request body is called in diagnostics (where a CLI names the file).
inline constexpr const char* body_name = "<body>";

/// The rule set the route's {parameter} names (its sha256 noted in the request's log
/// record), or nullptr and, in `message`, why: the 404's text, pointing at `listing`.
const LoadedRuleSet* find_ruleset(const Exchange& exchange, std::string_view listing, std::string& message);

/// The screening options of the query (?lang=, ?date=) into `options`, with format json and
/// name body_name; false and, in `message`, why on a bad or unknown parameter (a 400).
bool read_query(const Exchange& exchange, const RuleSet& ruleset, BatchOptions& options, std::string& message);

/// Adds the native routes to `router`.
void add_screening_routes(Router& router);

}  // namespace contrascreen::service
