// Seeded generation of intakes over the whole question catalogue, for the property and
// concurrency tests: complete and clean forms, forms with a few "yes" answers, sparse
// forms, medication lists in odd case and with blanks, dates around the rules' intervals.
// Each intake is produced as a JSON line and as a CSV row with the same answers.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <contrascreen/catalogue.hpp>
#include <contrascreen/date.hpp>

namespace contrascreen::testing {

/// The screening date of every generated intake.
inline constexpr std::string_view generated_date = "2026-11-21";

class IntakeGenerator {
 public:
  IntakeGenerator(const Catalogue& catalogue, std::uint64_t seed) : catalogue_(catalogue), rng_(seed) {}

  struct Generated {
    std::string json;  ///< one line, no newline
    std::string csv;   ///< one CSV record under csv_header(), no newline
  };

  /// The CSV header naming every catalogue question.
  std::string csv_header() const {
    std::string header = "id,date";
    for (const Question& q : catalogue_.questions()) header += "," + q.id;
    return header;
  }

  Generated next() {
    ++count_;
    static constexpr double missing_rates[] = {0.0, 0.0, 0.0, 0.02, 0.1, 0.4};
    static constexpr double yes_rates[] = {0.0, 0.0, 0.02, 0.05, 0.2, 0.5};
    const double missing_rate = missing_rates[pick(std::size(missing_rates))];
    const double yes_rate = yes_rates[pick(std::size(yes_rates))];
    const std::string id = "G-" + std::to_string(count_);
    Generated out;
    out.json = "{\"id\":\"" + id + "\",\"date\":\"" + std::string(generated_date) + "\",\"answers\":{";
    out.csv = id + "," + std::string(generated_date);
    bool first = true;
    // Answers of bool and enum questions as the catalogue spells them, so that a follow-up is
    // answered only when the answer it follows allows it: a patient's form cannot say
    // otherwise (intake.contradiction).
    std::vector<std::string> spelt(catalogue_.size());
    for (const Question& q : catalogue_.questions()) {
      out.csv += ',';
      const Question* parent = q.follows.empty() ? nullptr : catalogue_.find(q.follows);
      const bool ruled_out = parent != nullptr && !spelt[parent->index].empty() && !q.enabled_by(spelt[parent->index]);
      if (ruled_out || chance(missing_rate)) {
        if (chance(0.5)) {  // unanswered is written as null or left out
          out.json += std::string(first ? "" : ",") + "\"" + q.id + "\":null";
          first = false;
        }
        continue;
      }
      std::string json_value, csv_value;
      switch (q.type) {
        case QuestionType::boolean: {
          const bool yes = chance(yes_rate);
          json_value = yes ? "true" : "false";
          csv_value = chance(0.5) ? json_value : (yes ? "yes" : "no");
          spelt[q.index] = json_value;
          break;
        }
        case QuestionType::number: {
          const double low = q.min.value_or(0), high = q.max.value_or(100);
          double value = chance(0.15) ? low + static_cast<double>(pick(25)) : 18 + static_cast<double>(pick(60));
          if (chance(0.2)) value += 0.5;
          if (value > high) value = high;
          json_value = format_number(value);
          csv_value = json_value;
          break;
        }
        case QuestionType::enumeration: {
          // Least severe first: mostly the first value, sometimes any.
          const std::size_t index = chance(yes_rate) ? pick(q.values.size()) : 0;
          json_value = "\"" + q.values[index].value + "\"";
          csv_value = q.values[index].value;
          spelt[q.index] = csv_value;
          break;
        }
        case QuestionType::list: {
          const std::size_t items = chance(yes_rate + 0.3) ? 1 + pick(3) : 0;
          json_value = "[";
          for (std::size_t i = 0; i < items; ++i) {
            const std::string drug = odd_spelling(std::string(drugs()[pick(drugs().size())]));
            json_value += std::string(i ? "," : "") + "\"" + drug + "\"";
            csv_value += std::string(i ? ";" : "") + drug;
          }
          json_value += "]";
          if (items == 0) csv_value = "[]";
          break;
        }
        case QuestionType::date: {
          // Around the 28- and 42-day intervals and the six-month washout.
          const int days = chance(0.5) ? static_cast<int>(pick(60)) : static_cast<int>(pick(400));
          const Date d = *Date::parse_iso(generated_date)->add_days(-days);
          char iso[10];
          d.write_iso(iso);
          csv_value = std::string(iso, 10);
          json_value = "\"" + csv_value + "\"";
          break;
        }
      }
      out.json += std::string(first ? "" : ",") + "\"" + q.id + "\":" + json_value;
      out.csv += csv_value;
      first = false;
    }
    out.json += "}}";
    return out;
  }

  /// Medication names: anticoagulants and retinoids of the shipped value sets (generic and
  /// brand names), and harmless ones, including near misses that must not match.
  static const std::vector<std::string_view>& drugs() {
    static const std::vector<std::string_view> names = {
        "warfarin", "apixaban",  "rivaroxaban", "heparin",   "Eliquis",     "Xarelto",       "Waran",
        "isotretinoin", "acitretin", "Roaccutane", "ibuprofen", "paracetamol", "vitamin D", "heparin cream",
        "levothyroxine", "metformin", "Warfarin tablets", "cetirizine"};
    return names;
  }

  /// A random drug name, spelt oddly (case, blanks), as patients type them.
  std::string drug() { return odd_spelling(std::string(drugs()[pick(drugs().size())])); }

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

 private:
  static std::string format_number(double value) {
    std::string s = std::to_string(value);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  std::string odd_spelling(std::string name) {
    if (chance(0.3))
      for (char& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (chance(0.3)) name = " " + name + "  ";
    return name;
  }

  const Catalogue& catalogue_;
  std::mt19937_64 rng_;
  std::uint64_t count_ = 0;
};

}  // namespace contrascreen::testing
