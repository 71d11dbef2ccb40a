// bench/policy20_guarded.yaml by hand: every test is `answered && test`, so nothing is ever
// unknown and plain bools do (the engine must still get there through Kleene logic).
#include <string_view>

#include "hand_written_policy.hpp"
#include "kleene.hpp"

namespace bench {
namespace {

using contrascreen::Date;
using contrascreen::Intake;
using contrascreen::Verdict;
using kleene::Slot;

constexpr std::string_view anticoagulants[] = {"warfarin", "apixaban",   "rivaroxaban", "edoxaban",   "dabigatran",
                                               "heparin",  "enoxaparin", "dalteparin",  "tinzaparin", "fondaparinux"};
constexpr std::string_view oral_retinoids[] = {"isotretinoin", "acitretin", "alitretinoin"};

bool yes(const Slot* s, std::uint32_t q) {
  return s[q].answered && s[q].value.boolean;
}
bool is(const Slot* s, std::uint32_t q, std::uint32_t v) {
  return s[q].answered && s[q].value.enum_index == v;
}

template <std::size_t N>
bool takes_any(const Intake& intake, const Slot* s, std::uint32_t q, const std::string_view (&set)[N]) {
  if (!s[q].answered) return false;
  const auto list = s[q].value.list;
  for (std::uint32_t i = 0; i < list.size; ++i) {
    const std::string_view item = intake.list_item(list.first + i);
    for (auto member : set)
      if (kleene::same_drug(item, member)) return true;
  }
  return false;
}

}  // namespace

void screen_guarded_by_hand(const PolicySlots& q, const Intake& intake, Date today, HandScreening& out) {
  const Slot* s = contrascreen::detail::IntakeAccess::slots(intake);
  kleene::start(out);
  const auto record = [&](std::uint32_t rule, bool fired, Verdict severity, std::optional<Date> until = std::nullopt) {
    if (!fired) return;
    out.hits[out.hit_count++] = {rule, false, until};
    if (severity > out.verdict) out.verdict = severity;
  };
  const Verdict refuse = Verdict::refuse, refer = Verdict::refer;
  record(0, yes(s, q.pregnant), refuse);
  record(1, yes(s, q.breastfeeding), refuse);
  record(2, yes(s, q.keloid_history), refuse);
  record(3, yes(s, q.herpes_active), refuse);
  record(4, yes(s, q.skin_infection_active), refuse);
  record(5, yes(s, q.skin_cancer) || yes(s, q.actinic_keratosis), refuse);
  record(6, is(s, q.diabetes, q.diabetes_poor), refuse);
  record(7, is(s, q.dermatitis, q.dermatitis_severe), refuse);
  record(8, yes(s, q.psoriasis_in_area), refuse);
  record(9, is(s, q.rosacea, q.rosacea_active), refuse);
  record(10, is(s, q.rosacea, q.rosacea_mild), refer);
  record(11, is(s, q.acne, q.acne_mild) || is(s, q.acne, q.acne_inflammatory), refuse);
  record(12, yes(s, q.sensitive_skin), refer);
  record(13, yes(s, q.bleeding_disorder), refuse);
  record(14, yes(s, q.anticoagulant_therapy) || takes_any(intake, s, q.medications, anticoagulants), refuse);
  record(15, yes(s, q.chemotherapy_current) || yes(s, q.radiotherapy_current) || yes(s, q.corticosteroids_high_dose),
         refuse);
  record(16, is(s, q.oral_retinoids, q.retinoids_current) || takes_any(intake, s, q.medications, oral_retinoids),
         refuse);
  if (is(s, q.oral_retinoids, q.retinoids_past) && s[q.oral_retinoids_stopped_on].answered) {
    const Date d = Date::from_days(s[q.oral_retinoids_stopped_on].value.date_days);
    record(17, Date::months_between(d, today) < 6, refuse, d.add_months(6));
  }
  if (yes(s, q.previous_microneedling) && s[q.last_microneedling_date].answered) {
    const Date d = Date::from_days(s[q.last_microneedling_date].value.date_days);
    record(18, Date::days_between(d, today) < 28, refuse, d.add_days(28));
  }
  record(19, s[q.age].answered && s[q.age].value.number < 18, refer);
}

}  // namespace bench
