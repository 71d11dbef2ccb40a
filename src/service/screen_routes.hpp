// The native routes: POST /v1/screen/{ruleset} (one intake, or JSON Lines streamed),
// GET /v1/rulesets, GET /healthz. Each parses, calls the library's one core (screen_intake,
// screen_batch) and renders.
#pragma once

#include "service/router.hpp"

namespace contrascreen::service {

/// Media types of one intake, and of JSON Lines.
inline constexpr const char* json_type = "application/json";
inline constexpr const char* jsonl_type = "application/x-ndjson";

/// Adds the native routes to `router`.
void add_screening_routes(Router& router);

}  // namespace contrascreen::service
