// bench/policy20.yaml implemented by hand in C++: the baseline the engine is measured
// against. It reads the same bound intake slots and produces the same outcome (verdict,
// fired and undecided rules with their until dates, unanswered questions), with the same
// three-valued logic, so the comparison is like for like.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "contrascreen/contrascreen.hpp"

namespace bench {

struct HandHit {
  std::uint32_t rule = 0;
  bool undecided = false;
  std::optional<contrascreen::Date> until;
};

struct HandScreening {
  contrascreen::Verdict verdict = contrascreen::Verdict::allow;
  std::array<HandHit, 20> hits{};
  std::uint32_t hit_count = 0;
  std::uint64_t unanswered = 0;  // bit i: catalogue question i
};

/// Question slots resolved once by id, as a hand-written integration would.
struct PolicySlots {
  explicit PolicySlots(const contrascreen::Catalogue& catalogue);
  std::uint32_t pregnant, breastfeeding, keloid_history, herpes_active, skin_infection_active, skin_cancer,
      actinic_keratosis, diabetes, dermatitis, psoriasis_in_area, rosacea, acne, sensitive_skin, bleeding_disorder,
      anticoagulant_therapy, medications, chemotherapy_current, radiotherapy_current, corticosteroids_high_dose,
      oral_retinoids, oral_retinoids_stopped_on, previous_microneedling, last_microneedling_date, age;
  std::uint32_t diabetes_poor, dermatitis_severe, rosacea_active, rosacea_mild, acne_mild, acne_inflammatory,
      retinoids_current, retinoids_past;
};

void screen_by_hand(const PolicySlots& q, const contrascreen::Intake& intake, contrascreen::Date today,
                    HandScreening& out);

}  // namespace bench
