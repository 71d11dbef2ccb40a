// The CDS Hooks 2.0 routes: GET /cds-services (discovery, one service per rule set served)
// and POST /cds-services/{id} (a request whose prefetch `intake` holds the patient's
// QuestionnaireResponse; the answer is the cards `contrascreen screen --format cds-hooks`
// writes for it). docs/service.md.
#pragma once

#include "service/router.hpp"

namespace contrascreen::service {

/// Adds the CDS Hooks routes to `router`.
void add_cds_routes(Router& router);

}  // namespace contrascreen::service
