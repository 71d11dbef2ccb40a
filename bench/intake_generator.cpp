#include "intake_generator.hpp"

#include <array>
#include <string>
#include <string_view>

namespace bench {
namespace {

using contrascreen::Date;
using contrascreen::Intake;

// splitmix64: tiny, fast and good enough to spread cases; seeded per intake so that any
// intake can be regenerated on its own (batch files are written in parallel chunks).
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(next() % n); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }
};

constexpr std::string_view harmless[] = {"ibuprofen",  "levothyroxine", "metformin",   "cetirizine",
                                         "sertraline", "omeprazole",    "paracetamol", "atorvastatin"};
constexpr std::string_view thinners[] = {"warfarin", "Apixaban", " rivaroxaban ", "HEPARIN", "dabigatran"};
constexpr std::string_view flags[] = {"pregnant",
                                      "breastfeeding",
                                      "keloid_history",
                                      "herpes_active",
                                      "skin_infection_active",
                                      "skin_cancer",
                                      "actinic_keratosis",
                                      "psoriasis_in_area",
                                      "sensitive_skin",
                                      "bleeding_disorder",
                                      "anticoagulant_therapy",
                                      "chemotherapy_current",
                                      "radiotherapy_current",
                                      "corticosteroids_high_dose"};
constexpr std::string_view droppable[] = {"pregnant",
                                          "breastfeeding",
                                          "medications",
                                          "acne",
                                          "rosacea",
                                          "age",
                                          "last_microneedling_date",
                                          "oral_retinoids_stopped_on",
                                          "sensitive_skin",
                                          "diabetes"};

Date days_before(Date today, std::uint32_t days) {
  return *today.add_days(-static_cast<std::int64_t>(days));
}

void clean_patient(Intake& out, Random& r, Date today) {
  for (auto flag : flags) out.set(flag, false);
  out.set("age", static_cast<double>(18 + r.below(58)));
  out.set("diabetes", r.chance(8) ? "controlled" : "none");
  out.set("dermatitis", r.chance(10) ? "mild" : "none");
  out.set("rosacea", "none");
  out.set("acne", r.chance(20) ? "scars_only" : "none");
  out.set("indication", r.chance(50) ? "wrinkles" : "acne_scars");
  if (r.chance(10)) {
    out.set("oral_retinoids", "past");
    out.set("oral_retinoids_stopped_on", days_before(today, 200 + r.below(700)));
  } else {
    out.set("oral_retinoids", "never");
  }
  const bool returning = r.chance(50);
  out.set("previous_microneedling", returning);
  if (returning) out.set("last_microneedling_date", days_before(today, 28 + r.below(300)));
  const std::uint32_t drugs = r.below(4);
  std::vector<std::string> meds;
  for (std::uint32_t i = 0; i < drugs; ++i) meds.emplace_back(harmless[r.below(std::size(harmless))]);
  out.set("medications", meds);
}

void contraindicate(Intake& out, Random& r, Date today) {
  switch (r.below(9)) {
    case 0:
      out.set(flags[r.below(std::size(flags))], true);
      break;
    case 1:
      out.set("acne", r.chance(50) ? "active_mild" : "active_inflammatory");
      break;
    case 2:
      out.set("rosacea", r.chance(50) ? "mild" : "active_papulopustular");
      break;
    case 3:
      out.set("medications", {"metformin", thinners[r.below(std::size(thinners))]});
      break;
    case 4:
      out.set("oral_retinoids", "current");
      break;
    case 5:
      out.set("oral_retinoids", "past");
      out.set("oral_retinoids_stopped_on", days_before(today, r.below(180)));
      break;
    case 6:
      out.set("previous_microneedling", true);
      out.set("last_microneedling_date", days_before(today, r.below(28)));
      break;
    case 7:
      out.set("age", static_cast<double>(14 + r.below(4)));
      break;
    default: {  // an incomplete form
      const std::uint32_t drops = 1 + r.below(3);
      for (std::uint32_t i = 0; i < drops; ++i) out.unset(droppable[r.below(std::size(droppable))]);
    }
  }
}

}  // namespace

void generate_intake(Intake& out, std::uint64_t n, Date today, std::uint64_t seed) {
  Random r{seed * 0x100000001B3ULL + n};
  out.clear();
  out.set_id("B-" + std::to_string(n));
  clean_patient(out, r, today);
  if (r.chance(30)) {
    contraindicate(out, r, today);
    if (r.chance(25)) contraindicate(out, r, today);
  }
}

std::vector<Intake> generate_intakes(const std::shared_ptr<const contrascreen::Catalogue>& catalogue, std::size_t count,
                                     Date today, std::uint64_t seed) {
  std::vector<Intake> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    out.emplace_back(catalogue);
    generate_intake(out.back(), i, today, seed);
  }
  return out;
}

}  // namespace bench
