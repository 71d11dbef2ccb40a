#pragma once
/// \file
/// Umbrella header: includes the whole public API of contrascreen.

#include "contrascreen/batch.hpp"
#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/diagnostic_codes.hpp"
#include "contrascreen/evaluate.hpp"
#include "contrascreen/explain.hpp"
#include "contrascreen/form.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/intake_diagnostics.hpp"
#include "contrascreen/intake_reader.hpp"
#include "contrascreen/output.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/ruleset_compare.hpp"
#include "contrascreen/ruleset_tests.hpp"
#include "contrascreen/screen_many.hpp"
#include "contrascreen/screening.hpp"
#include "contrascreen/screening_pool.hpp"
#include "contrascreen/version.hpp"
