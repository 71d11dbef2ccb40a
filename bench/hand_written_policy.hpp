// The benchmark policies implemented by hand in C++: the baselines the engine is measured
// against. Each reads the same bound intake slots and produces the same outcome (verdict,
// fired and undecided rules with their until dates, unanswered questions), with the same
// three-valued logic (kleene.hpp), so the comparison is like for like:
//   bench/policy20.yaml          screen_by_hand          (hand_written_policy.cpp)
//   bench/policy20_guarded.yaml  screen_guarded_by_hand  (hand_written_guarded.cpp)
//   bench/policy300.yaml         screen_synthetic_by_hand (synthetic_policy.cpp)
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "contrascreen/contrascreen.hpp"

namespace bench {

struct HandHit {
  std::uint32_t rule = 0;
  bool undecided = false;
  std::optional<contrascreen::Date> until;
};

struct HandScreening {
  contrascreen::Verdict verdict = contrascreen::Verdict::allow;
  std::array<HandHit, 300> hits{};
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

/// bench/policy20.yaml.
void screen_by_hand(const PolicySlots& q, const contrascreen::Intake& intake, contrascreen::Date today,
                    HandScreening& out);

/// bench/policy20_guarded.yaml: policy20 with every test guarded, `answered(q) && (...)`.
void screen_guarded_by_hand(const PolicySlots& q, const contrascreen::Intake& intake, contrascreen::Date today,
                            HandScreening& out);

/// The synthetic policy of 300 rules (20 shapes, 15 variants each) that uses every operator
/// and function of the expression language: its YAML text (bench/policy300.yaml is this
/// text, checked by the agreement test) and its twin, from the same parameter tables.
std::string synthetic_policy_yaml();
struct SyntheticSlots;  // questions and enum values of the variants, resolved once
std::shared_ptr<const SyntheticSlots> resolve_synthetic(const contrascreen::Catalogue& catalogue);
void screen_synthetic_by_hand(const SyntheticSlots& q, const contrascreen::Intake& intake, contrascreen::Date today,
                              HandScreening& out);

}  // namespace bench
