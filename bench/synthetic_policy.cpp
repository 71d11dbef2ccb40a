// The synthetic benchmark policy (issue 12): 300 rules, 20 shapes of 15 variants each, that
// together use every operator and function of the expression language (docs/expressions.md):
// guards, ternaries of bools and of values, nested && and ||, `in` on enums and on lists,
// arithmetic, unary minus and `!`, indexing, size, the text tests, and every date function.
// Its YAML text and its hand-written twin come from the same tables below, shape by shape,
// so they cannot drift; bench/policy300.yaml is the text, checked by the agreement test.
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "hand_written_policy.hpp"
#include "kleene.hpp"

namespace bench {
namespace {

using contrascreen::Date;
using contrascreen::Intake;
using contrascreen::Verdict;
using namespace kleene;

constexpr int variants = 15;
constexpr int shapes = 20;

constexpr std::string_view bools[variants] = {"pregnant",
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
                                              "corticosteroids_high_dose",
                                              "chemotherapy_current",
                                              "radiotherapy_current",
                                              "previous_microneedling"};

struct EnumValue {
  std::string_view question, value;
};
constexpr EnumValue equals[variants] = {
    {"acne", "active_mild"},       {"acne", "active_inflammatory"},      {"acne", "scars_only"},
    {"rosacea", "mild"},           {"rosacea", "active_papulopustular"}, {"dermatitis", "mild"},
    {"dermatitis", "severe"},      {"diabetes", "controlled"},           {"diabetes", "poorly_controlled"},
    {"oral_retinoids", "current"}, {"oral_retinoids", "past"},           {"indication", "pores"},
    {"indication", "texture"},     {"indication", "pigmentation"},       {"indication", "stretch_marks"}};

struct EnumPair {
  std::string_view question, first, second;
};
constexpr EnumPair pairs[variants] = {{"acne", "active_mild", "active_inflammatory"},
                                      {"acne", "none", "active_mild"},
                                      {"rosacea", "mild", "active_papulopustular"},
                                      {"dermatitis", "mild", "severe"},
                                      {"diabetes", "controlled", "poorly_controlled"},
                                      {"oral_retinoids", "past", "current"},
                                      {"indication", "pores", "texture"},
                                      {"indication", "scars_other", "pigmentation"},
                                      {"indication", "stretch_marks", "texture"},
                                      {"acne", "scars_only", "active_inflammatory"},
                                      {"rosacea", "none", "mild"},
                                      {"dermatitis", "none", "severe"},
                                      {"diabetes", "none", "poorly_controlled"},
                                      {"oral_retinoids", "never", "current"},
                                      {"indication", "acne_scars", "pores"}};

// any_in against a list literal (members as written; the match folds case).
constexpr std::string_view literal_drugs[variants][2] = {
    {"Clopidogrel", "aspirin"},      {"Prasugrel", "ticagrelor"},    {"tretinoin", "Adapalene"},
    {"METHOTREXATE", "ciclosporin"}, {"tacrolimus", "Azathioprine"}, {"Minocycline", "doxycycline"},
    {"lithium", "Amiodarone"},       {"ibuprofen", "naproxen"},      {"Sertraline", "citalopram"},
    {"omeprazole", "Lansoprazole"},  {"cetirizine", "LORATADINE"},   {"atorvastatin", "simvastatin"},
    {"Paracetamol", "codeine"},      {"metformin", "Gliclazide"},    {"levothyroxine", "Liothyronine"}};
// `"x" in medications`: exact equality, so case and spaces count.
constexpr std::string_view exact_drugs[variants] = {
    "warfarin",  "Apixaban", "HEPARIN",    "dabigatran", "heparin",     "apixaban",   " rivaroxaban ", "metformin",
    "ibuprofen", "Warfarin", "sertraline", "omeprazole", "paracetamol", "cetirizine", "atorvastatin"};
// The text tests: on medications[0] (shape 11) and on an enum's value text (shape 12).
constexpr std::string_view text_functions[3] = {"startsWith", "endsWith", "contains"};
constexpr std::string_view item_arguments[variants] = {"war", "farin", "ox",  "met", "zole", "par",  "ib", "statin",
                                                       "tin", "HEP",   "ine", "ama", "dab",  "pril", "ban"};
constexpr std::string_view value_arguments[variants] = {"active", "mild", "ate",  "contr", "lled", "e",   "p",  "s",
                                                        "tex",    "n",    "none", "ar",    "po",   "ous", "ctu"};

Verdict severity(int v) {
  return v % 2 == 0 ? Verdict::refuse : Verdict::refer;
}

std::string str(std::string_view s) {
  return std::string(s);
}
std::string num(int n) {
  return std::to_string(n);
}

// The condition (and until, when any) of shape `t`, variant `v`, as YAML text.
std::pair<std::string, std::string> rule_text(int t, int v) {
  const std::string b = str(bools[v]), b3 = str(bools[(v + 3) % variants]), b5 = str(bools[(v + 5) % variants]),
                    b7 = str(bools[(v + 7) % variants]), b2 = str(bools[(v + 2) % variants]);
  const std::string eq = str(equals[v].question), ev = str(equals[v].value);
  const EnumPair& p = pairs[v];
  switch (t) {
    case 0:
      return {b, ""};
    case 1:
      if (v % 3 == 0) return {"answered(" + b + ") && " + b, ""};
      if (v % 3 == 1) return {"answered(" + b + ") ? " + b + " : false", ""};
      return {"answered(" + eq + ") && " + eq + " == \"" + ev + "\"", ""};
    case 2:
      return {eq + " == \"" + ev + "\"", ""};
    case 3:
      return {"!(" + eq + " != \"" + ev + "\") && !" + b3, ""};
    case 4:
      return {str(p.question) + " in [\"" + str(p.first) + "\", \"" + str(p.second) + "\"]", ""};
    case 5: {
      const std::string c = num(15 + v / 4);
      const char* forms[4] = {"age < ", "age <= ", " > age", " >= age"};
      return {v % 4 < 2 ? forms[v % 4] + c : c + forms[v % 4], ""};
    }
    case 6:
      return {"age * 2 + " + num(v) + " > " + num(130 + v), ""};
    case 7:
      return {"int(age) % " + num(3 + v % 5) + " == " + num(v % 3) + " && age / 2.0 > " + num(30 + v), ""};
    case 8:
      return {"-age < -" + num(60 + v) + " || age - " + num(v) + " >= 80", ""};
    case 9:
      if (v % 3 == 0) return {"any_in(medications, anticoagulants)", ""};
      if (v % 3 == 1) return {"any_in(medications, oral_retinoids)", ""};
      return {"any_in(medications, [\"" + str(literal_drugs[v][0]) + "\", \"" + str(literal_drugs[v][1]) + "\"])", ""};
    case 10:
      return {"\"" + str(exact_drugs[v]) + "\" in medications || size(medications) > " + num(2 + v % 3), ""};
    case 11:
      return {"medications.size() >= 1 && medications[0]." + str(text_functions[v % 3]) + "(\"" +
                  str(item_arguments[v]) + "\")",
              ""};
    case 12:
      return {str(p.question) + "." + str(text_functions[v % 3]) + "(\"" + str(value_arguments[v]) + "\")", ""};
    case 13:
      return {"previous_microneedling && days_since(last_microneedling_date) < " + num(7 + 3 * v),
              "add_days(last_microneedling_date, " + num(7 + 3 * v) + ")"};
    case 14:
      return {"oral_retinoids == \"past\" && months_since(oral_retinoids_stopped_on) < " + num(1 + 2 * v),
              "add_months(oral_retinoids_stopped_on, " + num(1 + 2 * v) + ")"};
    case 15:
      return {"(answered(last_microneedling_date) && weeks_since(last_microneedling_date) < " + num(v + 1) +
                  ") || (oral_retinoids == \"past\" && years_since(oral_retinoids_stopped_on) < " + num(1 + v % 3) +
                  ")",
              ""};
    case 16:
      if (v % 2 == 0) {
        char date[16];
        std::snprintf(date, sizeof date, "2025-%02d-01", 1 + v / 2);
        return {
            "answered(oral_retinoids_stopped_on) && oral_retinoids_stopped_on > date(\"" + std::string(date) + "\")",
            ""};
      }
      return {"previous_microneedling && add_days(last_microneedling_date, " + num(10 + v) + ") >= today()", ""};
    case 17:
      return {"age < " + num(20 + v) + " ? " + b + " : (" + b5 + " && " + eq + " == \"" + ev + "\")", ""};
    case 18:
      if (v % 2 == 0)
        return {"answered(last_microneedling_date) && (previous_microneedling ? " + num(20 + v) + " : " + num(10 + v) +
                    ") > days_since(last_microneedling_date)",
                ""};
      return {
          "answered(last_microneedling_date) && double(days_since(last_microneedling_date)) / 7.0 < " + num(v) + ".5",
          ""};
    default:
      return {"(" + b + " || " + eq + " == \"" + ev + "\") && (" + b7 + " || age > " + num(70 - v) + " || !answered(" +
                  b2 + "))",
              ""};
  }
}

std::uint32_t index_of(const contrascreen::Catalogue& c, std::string_view id) {
  return c.find(std::string(id))->index;
}
std::uint32_t value_of(const contrascreen::Catalogue& c, std::string_view id, std::string_view value) {
  return *c.find(std::string(id))->enum_index(std::string(value));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

}  // namespace

std::string synthetic_policy_yaml() {
  std::string out =
      "# The synthetic policy of issue 12: 300 rules, 20 shapes of 15 variants, using every operator and\n"
      "# function of the expression language. Generated by `screen_bench --print-policy synthetic` from the\n"
      "# tables in bench/synthetic_policy.cpp, which also holds its hand-written twin; do not edit by hand.\n"
      "id: bench/policy300\nversion: \"1\"\ntreatment: microneedling\nlanguages: [en]\nvalue_sets:\n"
      "  anticoagulants: [warfarin, apixaban, rivaroxaban, edoxaban, dabigatran, heparin, enoxaparin, dalteparin, "
      "tinzaparin, fondaparinux]\n"
      "  oral_retinoids: [isotretinoin, acitretin, alitretinoin]\nrules:\n";
  for (int t = 0; t < shapes; ++t) {
    for (int v = 0; v < variants; ++v) {
      const auto [when, until] = rule_text(t, v);
      out += "  - id: s" + num(t) + "_v" + num(v) + "\n    when: '" + when + "'\n";
      if (!until.empty()) out += "    until: '" + until + "'\n";
      out += std::string("    decision: ") + (severity(v) == Verdict::refuse ? "refuse" : "refer") +
             "\n    message: Shape " + num(t) + ", variant " + num(v) + ".\n    source: bench\n";
    }
  }
  return out;
}

struct SyntheticSlots {
  std::uint32_t age, medications, last, stopped, previous, retinoids, retinoids_past;
  std::array<std::uint32_t, variants> bool_q{}, equal_q{}, equal_v{}, pair_q{}, pair_a{}, pair_b{};
  std::array<std::vector<std::string_view>, variants> pair_texts;  // each pair question's value texts
};

std::shared_ptr<const SyntheticSlots> resolve_synthetic(const contrascreen::Catalogue& c) {
  auto q = std::make_shared<SyntheticSlots>();
  q->age = index_of(c, "age");
  q->medications = index_of(c, "medications");
  q->last = index_of(c, "last_microneedling_date");
  q->stopped = index_of(c, "oral_retinoids_stopped_on");
  q->previous = index_of(c, "previous_microneedling");
  q->retinoids = index_of(c, "oral_retinoids");
  q->retinoids_past = value_of(c, "oral_retinoids", "past");
  for (int v = 0; v < variants; ++v) {
    q->bool_q[v] = index_of(c, bools[v]);
    q->equal_q[v] = index_of(c, equals[v].question);
    q->equal_v[v] = value_of(c, equals[v].question, equals[v].value);
    q->pair_q[v] = index_of(c, pairs[v].question);
    q->pair_a[v] = value_of(c, pairs[v].question, pairs[v].first);
    q->pair_b[v] = value_of(c, pairs[v].question, pairs[v].second);
    for (const auto& value : c.questions()[q->pair_q[v]].values) q->pair_texts[v].push_back(value.value);
  }
  return q;
}

void screen_synthetic_by_hand(const SyntheticSlots& q, const Intake& intake, Date today, HandScreening& out) {
  const Slot* s = contrascreen::detail::IntakeAccess::slots(intake);
  start(out);
  const auto B = [&](int v) { return boolean(s, q.bool_q[v % variants]); };
  const auto E = [&](int v) { return enum_is(s, q.equal_q[v], q.equal_v[v]); };
  const N age = number(s, q.age);
  const Slot& meds = s[q.medications];
  const Slot& last = s[q.last];
  const Slot& stopped = s[q.stopped];
  const auto item = [&](std::uint32_t k) { return intake.list_item(meds.value.list.first + k); };
  const auto text_test = [](int f, std::string_view text, std::string_view arg) {
    return f == 0 ? text.starts_with(arg) : f == 1 ? text.ends_with(arg) : text.find(arg) != std::string_view::npos;
  };
  const auto any_in = [&](auto&& is_member) {
    if (!meds.answered) return missing(q.medications);
    for (std::uint32_t k = 0; k < meds.value.list.size; ++k)
      if (is_member(item(k))) return of(true);
    return of(false);
  };
  constexpr std::string_view anticoagulants[] = {"warfarin", "apixaban",   "rivaroxaban", "edoxaban",   "dabigatran",
                                                 "heparin",  "enoxaparin", "dalteparin",  "tinzaparin", "fondaparinux"};
  constexpr std::string_view retinoids[] = {"isotretinoin", "acitretin", "alitretinoin"};
  const std::int64_t last_days = last.answered ? today.days_since_epoch() - last.value.date_days : 0;
  const std::int64_t stopped_months =
      stopped.answered ? Date::months_between(Date::from_days(stopped.value.date_days), today) : 0;

  std::uint32_t rule = 0;
  for (int v = 0; v < variants; ++v, ++rule) record(out, rule, B(v), severity(v));
  for (int v = 0; v < variants; ++v, ++rule) {
    K k{};
    if (v % 3 == 2)
      k = of(s[q.equal_q[v]].answered && s[q.equal_q[v]].value.enum_index == q.equal_v[v]);
    else
      k = of(s[q.bool_q[v]].answered && s[q.bool_q[v]].value.boolean);
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) record(out, rule, E(v), severity(v));
  for (int v = 0; v < variants; ++v, ++rule) record(out, rule, all_of(E(v), not_of(B(v + 3))), severity(v));
  for (int v = 0; v < variants; ++v, ++rule)
    record(out, rule, enum_in(s, q.pair_q[v], q.pair_a[v], q.pair_b[v]), severity(v));
  for (int v = 0; v < variants; ++v, ++rule) {
    const N c = number(15 + v / 4);
    K k{};
    switch (v % 4) {
      case 0:
        k = compare(age, c, [](double a, double b) { return a < b; });
        break;
      case 1:
        k = compare(age, c, [](double a, double b) { return a <= b; });
        break;
      case 2:
        k = compare(c, age, [](double a, double b) { return a > b; });
        break;
      default:
        k = compare(c, age, [](double a, double b) { return a >= b; });
    }
    record(out, rule, k, severity(v));
  }
  const auto greater = [](double a, double b) { return a > b; };
  for (int v = 0; v < variants; ++v, ++rule)
    record(out, rule, compare(apply(age, [&](double a) { return a * 2 + v; }), number(130 + v), greater), severity(v));
  for (int v = 0; v < variants; ++v, ++rule) {
    const K modulo =
        compare(apply(age, [&](double a) { return static_cast<double>(static_cast<std::int64_t>(a) % (3 + v % 5)); }),
                number(v % 3), [](double a, double b) { return a == b; });
    record(out, rule, all_of(modulo, compare(apply(age, [](double a) { return a / 2.0; }), number(30 + v), greater)),
           severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule)
    record(out, rule,
           any_of(compare(apply(age, [](double a) { return -a; }), number(-(60 + v)),
                          [](double a, double b) { return a < b; }),
                  compare(apply(age, [&](double a) { return a - v; }), number(80),
                          [](double a, double b) { return a >= b; })),
           severity(v));
  for (int v = 0; v < variants; ++v, ++rule) {
    K k{};
    if (v % 3 == 0)
      k = any_in([&](std::string_view i) {
        for (auto m : anticoagulants)
          if (same_drug(i, m)) return true;
        return false;
      });
    else if (v % 3 == 1)
      k = any_in([&](std::string_view i) {
        for (auto m : retinoids)
          if (same_drug(i, m)) return true;
        return false;
      });
    else
      k = any_in([&](std::string_view i) {
        for (auto m : literal_drugs[v]) {
          std::string lower(m);
          for (char& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
          if (same_drug(i, lower)) return true;
        }
        return false;
      });
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    K k = missing(q.medications);
    if (meds.answered) {
      bool found = false;
      for (std::uint32_t i = 0; i < meds.value.list.size && !found; ++i) found = item(i) == exact_drugs[v];
      k = of(found || meds.value.list.size > static_cast<std::uint32_t>(2 + v % 3));
    }
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    K k = missing(q.medications);
    if (meds.answered) k = of(meds.value.list.size >= 1 && text_test(v % 3, item(0), item_arguments[v]));
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    const Slot& e = s[q.pair_q[v]];
    record(out, rule,
           e.answered ? of(text_test(v % 3, q.pair_texts[v][e.value.enum_index], value_arguments[v]))
                      : missing(q.pair_q[v]),
           severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    const K recent = last.answered ? of(last_days < 7 + 3 * v) : missing(q.last);
    record(out, rule, all_of(boolean(s, q.previous), recent), severity(v),
           last.answered ? Date::from_days(last.value.date_days).add_days(7 + 3 * v) : std::nullopt);
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    const K recent = stopped.answered ? of(stopped_months < 1 + 2 * v) : missing(q.stopped);
    record(out, rule, all_of(enum_is(s, q.retinoids, q.retinoids_past), recent), severity(v),
           stopped.answered ? Date::from_days(stopped.value.date_days).add_months(1 + 2 * v) : std::nullopt);
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    const K weeks = of(last.answered && floor_div(last_days, 7) < v + 1);
    const K years = stopped.answered ? of(floor_div(stopped_months, 12) < 1 + v % 3) : missing(q.stopped);
    record(out, rule, any_of(weeks, all_of(enum_is(s, q.retinoids, q.retinoids_past), years)), severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule) {
    K k{};
    if (v % 2 == 0) {
      k = of(stopped.answered && stopped.value.date_days > Date::from_ymd(2025, 1 + v / 2, 1)->days_since_epoch());
    } else {
      const K soon =
          last.answered ? of(*Date::from_days(last.value.date_days).add_days(10 + v) >= today) : missing(q.last);
      k = all_of(boolean(s, q.previous), soon);
    }
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule)
    record(
        out, rule,
        if_else(compare(age, number(20 + v), [](double a, double b) { return a < b; }), B(v), all_of(B(v + 5), E(v))),
        severity(v));
  for (int v = 0; v < variants; ++v, ++rule) {
    K k = of(false);
    if (last.answered && v % 2 == 0) {
      const K previous = boolean(s, q.previous);
      // (previous ? 20 + v : 10 + v) > days: an unknown `previous` leaves the value unknown.
      if (previous.state == K::unknown)
        k = previous;
      else
        k = of((previous.state == K::yes ? 20 + v : 10 + v) > last_days);
    } else if (last.answered) {
      k = of(static_cast<double>(last_days) / 7.0 < v + 0.5);
    }
    record(out, rule, k, severity(v));
  }
  for (int v = 0; v < variants; ++v, ++rule)
    record(out, rule,
           all_of(any_of(B(v), E(v)), any_of(any_of(B(v + 7), compare(age, number(70 - v), greater)),
                                             of(!s[q.bool_q[(v + 2) % variants]].answered))),
           severity(v));
}

}  // namespace bench
