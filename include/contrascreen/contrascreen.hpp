#pragma once
/// \file
/// Umbrella header: includes the whole public API of contrascreen.

#include "contrascreen/answer_acceptance.hpp"
#include "contrascreen/catalogue.hpp"
#include "contrascreen/date.hpp"
#include "contrascreen/decision.hpp"
#include "contrascreen/diagnostic.hpp"
#include "contrascreen/evaluate.hpp"
#include "contrascreen/intake.hpp"
#include "contrascreen/intake_diagnostics.hpp"
#include "contrascreen/intake_reader.hpp"
#include "contrascreen/ruleset.hpp"
#include "contrascreen/ruleset_tests.hpp"
#include "contrascreen/screen_many.hpp"
#include "contrascreen/screening.hpp"
#include "contrascreen/version.hpp"
