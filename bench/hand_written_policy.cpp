#include "hand_written_policy.hpp"

#include <string_view>

#include "kleene.hpp"

namespace bench {
namespace {

using contrascreen::Date;
using contrascreen::Intake;
using contrascreen::Verdict;

using namespace kleene;

constexpr std::string_view anticoagulants[] = {"warfarin", "apixaban",   "rivaroxaban", "edoxaban",   "dabigatran",
                                               "heparin",  "enoxaparin", "dalteparin",  "tinzaparin", "fondaparinux"};
constexpr std::string_view oral_retinoids[] = {"isotretinoin", "acitretin", "alitretinoin"};

template <std::size_t N>
K takes_any(const Intake& intake, const Slot* s, std::uint32_t q, const std::string_view (&set)[N]) {
  if (!s[q].answered) return missing(q);
  const auto list = s[q].value.list;
  for (std::uint32_t i = 0; i < list.size; ++i) {
    const std::string_view item = intake.list_item(list.first + i);
    for (auto member : set)
      if (same_drug(item, member)) return of(true);
  }
  return of(false);
}

std::uint32_t index_of(const contrascreen::Catalogue& c, const char* id) {
  return c.find(id)->index;
}
std::uint32_t value_of(const contrascreen::Catalogue& c, const char* id, const char* value) {
  return *c.find(id)->enum_index(value);
}

}  // namespace

PolicySlots::PolicySlots(const contrascreen::Catalogue& c)
    : pregnant(index_of(c, "pregnant")),
      breastfeeding(index_of(c, "breastfeeding")),
      keloid_history(index_of(c, "keloid_history")),
      herpes_active(index_of(c, "herpes_active")),
      skin_infection_active(index_of(c, "skin_infection_active")),
      skin_cancer(index_of(c, "skin_cancer")),
      actinic_keratosis(index_of(c, "actinic_keratosis")),
      diabetes(index_of(c, "diabetes")),
      dermatitis(index_of(c, "dermatitis")),
      psoriasis_in_area(index_of(c, "psoriasis_in_area")),
      rosacea(index_of(c, "rosacea")),
      acne(index_of(c, "acne")),
      sensitive_skin(index_of(c, "sensitive_skin")),
      bleeding_disorder(index_of(c, "bleeding_disorder")),
      anticoagulant_therapy(index_of(c, "anticoagulant_therapy")),
      medications(index_of(c, "medications")),
      chemotherapy_current(index_of(c, "chemotherapy_current")),
      radiotherapy_current(index_of(c, "radiotherapy_current")),
      corticosteroids_high_dose(index_of(c, "corticosteroids_high_dose")),
      oral_retinoids(index_of(c, "oral_retinoids")),
      oral_retinoids_stopped_on(index_of(c, "oral_retinoids_stopped_on")),
      previous_microneedling(index_of(c, "previous_microneedling")),
      last_microneedling_date(index_of(c, "last_microneedling_date")),
      age(index_of(c, "age")),
      diabetes_poor(value_of(c, "diabetes", "poorly_controlled")),
      dermatitis_severe(value_of(c, "dermatitis", "severe")),
      rosacea_active(value_of(c, "rosacea", "active_papulopustular")),
      rosacea_mild(value_of(c, "rosacea", "mild")),
      acne_mild(value_of(c, "acne", "active_mild")),
      acne_inflammatory(value_of(c, "acne", "active_inflammatory")),
      retinoids_current(value_of(c, "oral_retinoids", "current")),
      retinoids_past(value_of(c, "oral_retinoids", "past")) {}

void screen_by_hand(const PolicySlots& q, const Intake& intake, Date today, HandScreening& out) {
  const Slot* s = contrascreen::detail::IntakeAccess::slots(intake);
  start(out);
  const auto record = [&](std::uint32_t rule, K k, Verdict severity, std::optional<Date> until = std::nullopt) {
    kleene::record(out, rule, k, severity, until);
  };
  const Verdict refuse = Verdict::refuse, refer = Verdict::refer;
  record(0, boolean(s, q.pregnant), refuse);
  record(1, boolean(s, q.breastfeeding), refuse);
  record(2, boolean(s, q.keloid_history), refuse);
  record(3, boolean(s, q.herpes_active), refuse);
  record(4, boolean(s, q.skin_infection_active), refuse);
  record(5, any_of(boolean(s, q.skin_cancer), boolean(s, q.actinic_keratosis)), refuse);
  record(6, enum_is(s, q.diabetes, q.diabetes_poor), refuse);
  record(7, enum_is(s, q.dermatitis, q.dermatitis_severe), refuse);
  record(8, boolean(s, q.psoriasis_in_area), refuse);
  record(9, enum_is(s, q.rosacea, q.rosacea_active), refuse);
  record(10, enum_is(s, q.rosacea, q.rosacea_mild), refer);
  record(11, enum_in(s, q.acne, q.acne_mild, q.acne_inflammatory), refuse);
  record(12, boolean(s, q.sensitive_skin), refer);
  record(13, boolean(s, q.bleeding_disorder), refuse);
  record(14, any_of(boolean(s, q.anticoagulant_therapy), takes_any(intake, s, q.medications, anticoagulants)), refuse);
  record(15,
         any_of(any_of(boolean(s, q.chemotherapy_current), boolean(s, q.radiotherapy_current)),
                boolean(s, q.corticosteroids_high_dose)),
         refuse);
  record(16,
         any_of(enum_is(s, q.oral_retinoids, q.retinoids_current), takes_any(intake, s, q.medications, oral_retinoids)),
         refuse);
  {
    const K past = enum_is(s, q.oral_retinoids, q.retinoids_past);
    const Slot& stopped = s[q.oral_retinoids_stopped_on];
    K recent = missing(q.oral_retinoids_stopped_on);
    std::optional<Date> until;
    if (stopped.answered) {
      const Date d = Date::from_days(stopped.value.date_days);
      recent = of(Date::months_between(d, today) < 6);
      until = d.add_months(6);
    }
    record(17, all_of(past, recent), refuse, until);
  }
  {
    const K previous = boolean(s, q.previous_microneedling);
    const Slot& last = s[q.last_microneedling_date];
    K recent = missing(q.last_microneedling_date);
    std::optional<Date> until;
    if (last.answered) {
      const Date d = Date::from_days(last.value.date_days);
      recent = of(Date::days_between(d, today) < 28);
      until = d.add_days(28);
    }
    record(18, all_of(previous, recent), refuse, until);
  }
  record(19, s[q.age].answered ? of(s[q.age].value.number < 18) : missing(q.age), refer);
}

}  // namespace bench
