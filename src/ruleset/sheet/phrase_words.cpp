#include "ruleset/sheet/phrase_words.hpp"

#include "ruleset/sheet/word_table.hpp"

namespace contrascreen::sheet {
namespace {

using W = Words;

// One row per key, in the order of Words: English, Swedish, Dutch (word_languages).
// Swedish and Dutch put the verb of a subordinate clause elsewhere than English does ("om
// svaret inte är ja", "als het antwoord ja is"), and a phrased condition is always a main
// clause; so conditions inside "if" and "not" follow a colon ("als het volgende geldt: …").
constexpr WordRow<Words> rows[] = {
    // statements
    {W::is_yes, {"the answer to {0} is yes", "svaret på {0} är ja", "het antwoord op {0} is ja"}},
    {W::is_no, {"the answer to {0} is no", "svaret på {0} är nej", "het antwoord op {0} is nee"}},
    {W::answered, {"{0} is answered", "frågan {0} är besvarad", "de vraag {0} is beantwoord"}},
    {W::not_answered, {"{0} is not answered", "frågan {0} är inte besvarad", "de vraag {0} is niet beantwoord"}},
    {W::always, {"always", "alltid", "altijd"}},
    {W::never, {"never", "aldrig", "nooit"}},
    {W::negation, {"it is not the case that {0}", "följande gäller inte: {0}", "het volgende geldt niet: {0}"}},
    {W::and_last, {" and ", " och ", " en "}},
    {W::or_last, {" or ", " eller ", " of "}},
    {W::separator, {", ", ", ", ", "}},
    {W::group, {"({0})", "({0})", "({0})"}},
    {W::when_answered, {"{0} (when answered)", "{0} (när frågan är besvarad)", "{0} (zodra de vraag is beantwoord)"}},
    {W::when_other_answered,
     {"{0} (when {1} is answered)", "{0} (när {1} är besvarad)", "{0} (zodra {1} is beantwoord)"}},
    {W::if_then_else,
     {"if {0}, then {1}, otherwise {2}", "om följande gäller: {0}, så gäller: {1}; annars gäller: {2}",
      "als het volgende geldt: {0}, dan geldt: {1}; anders geldt: {2}"}},
    {W::equal, {"{0} is {1}", "{0} är {1}", "{0} is {1}"}},
    {W::not_equal, {"{0} is not {1}", "{0} är inte {1}", "{0} is niet {1}"}},
    {W::less, {"{0} is less than {1}", "{0} är mindre än {1}", "{0} is minder dan {1}"}},
    {W::less_equal, {"{0} is at most {1}", "{0} är högst {1}", "{0} is ten hoogste {1}"}},
    {W::greater, {"{0} is more than {1}", "{0} är mer än {1}", "{0} is meer dan {1}"}},
    {W::greater_equal, {"{0} is at least {1}", "{0} är minst {1}", "{0} is ten minste {1}"}},
    {W::is_before, {"{0} is before {1}", "{0} infaller före {1}", "{0} valt vóór {1}"}},
    {W::is_on_or_before, {"{0} is on or before {1}", "{0} infaller på eller före {1}", "{0} valt op of vóór {1}"}},
    {W::is_after, {"{0} is after {1}", "{0} infaller efter {1}", "{0} valt na {1}"}},
    {W::is_on_or_after, {"{0} is on or after {1}", "{0} infaller på eller efter {1}", "{0} valt op of na {1}"}},
    {W::one_of, {"{0} is one of {1}", "{0} är ett av {1}", "{0} is een van {1}"}},
    {W::any_matches, {"{0} matches one of {1}", "{0} motsvarar något av {1}", "{0} komt overeen met een van {1}"}},
    {W::starts_with, {"{0} starts with {1}", "{0} börjar med {1}", "{0} begint met {1}"}},
    {W::ends_with, {"{0} ends with {1}", "{0} slutar med {1}", "{0} eindigt op {1}"}},
    {W::contains, {"{0} contains {1}", "{0} innehåller {1}", "{0} bevat {1}"}},
    {W::before_screening,
     {"{0} was {1} before the screening date", "{0} var {1} före screeningdatumet",
      "{0} lag {1} vóór de screeningdatum"}},
    {W::exactly, {"exactly {0}", "exakt {0}", "precies {0}"}},
    {W::other_than, {"other than {0}", "inte exakt {0}", "niet precies {0}"}},
    {W::less_than, {"less than {0}", "mindre än {0}", "minder dan {0}"}},
    {W::at_most, {"at most {0}", "högst {0}", "ten hoogste {0}"}},
    {W::more_than, {"more than {0}", "mer än {0}", "meer dan {0}"}},
    {W::at_least, {"at least {0}", "minst {0}", "ten minste {0}"}},
    {W::day, {"{0} day", "{0} dag", "{0} dag"}},
    {W::days, {"{0} days", "{0} dagar", "{0} dagen"}},
    {W::week, {"{0} whole week", "{0} hel vecka", "{0} hele week"}},
    {W::weeks, {"{0} whole weeks", "{0} hela veckor", "{0} hele weken"}},
    {W::month, {"{0} calendar month", "{0} kalendermånad", "{0} kalendermaand"}},
    {W::months, {"{0} calendar months", "{0} kalendermånader", "{0} kalendermaanden"}},
    {W::year, {"{0} whole year", "{0} helt år", "{0} heel jaar"}},
    {W::years, {"{0} whole years", "{0} hela år", "{0} hele jaren"}},
    {W::age_year, {"{0} year", "{0} år", "{0} jaar"}},
    {W::age_years, {"{0} years", "{0} år", "{0} jaar"}},
    // values
    {W::answer_to, {"the answer to {0}", "svaret på {0}", "het antwoord op {0}"}},
    {W::answers_to, {"the answers to {0}", "svaren på {0}", "de antwoorden op {0}"}},
    {W::date_answered,
     {"the date answered to {0}", "det datum som angetts som svar på {0}",
      "de datum die als antwoord op {0} is opgegeven"}},
    {W::any_answer_to, {"any answer to {0}", "något svar på {0}", "een van de antwoorden op {0}"}},
    {W::any_item_of, {"any item of {0}", "något av elementen i {0}", "een van de elementen van {0}"}},
    {W::screening_date, {"the screening date", "screeningdatumet", "de screeningdatum"}},
    {W::date_in, {"the date written in {0}", "det datum som står i {0}", "de datum die in {0} staat"}},
    {W::days_since,
     {"the number of days from {0} to the screening date", "antalet dagar från {0} till screeningdatumet",
      "het aantal dagen van {0} tot de screeningdatum"}},
    {W::weeks_since,
     {"the number of whole weeks from {0} to the screening date", "antalet hela veckor från {0} till screeningdatumet",
      "het aantal hele weken van {0} tot de screeningdatum"}},
    {W::months_since,
     {"the number of whole calendar months from {0} to the screening date",
      "antalet hela kalendermånader från {0} till screeningdatumet",
      "het aantal hele kalendermaanden van {0} tot de screeningdatum"}},
    {W::years_since,
     {"the number of whole years from {0} to the screening date", "antalet hela år från {0} till screeningdatumet",
      "het aantal hele jaren van {0} tot de screeningdatum"}},
    {W::after, {"{1} after {0}", "{1} efter {0}", "{1} na {0}"}},
    {W::months_after,
     {"{1} after {0} (the month's last day when that month is shorter)",
      "{1} efter {0} (månadens sista dag när den månaden är kortare)",
      "{1} na {0} (de laatste dag van de maand als die maand korter is)"}},
    {W::items_in, {"the number of items in {0}", "antalet element i {0}", "het aantal elementen in {0}"}},
    {W::characters_in, {"the number of characters in {0}", "antalet tecken i {0}", "het aantal tekens in {0}"}},
    {W::whole_number, {"{0} rounded towards zero", "{0} avrundat mot noll", "{0} afgerond naar nul"}},
    {W::as_number, {"{0}", "{0}", "{0}"}},
    {W::plus, {"{0} plus {1}", "{0} plus {1}", "{0} plus {1}"}},
    {W::minus, {"{0} minus {1}", "{0} minus {1}", "{0} min {1}"}},
    {W::times, {"{0} times {1}", "{0} gånger {1}", "{0} maal {1}"}},
    {W::divided_by, {"{0} divided by {1}", "{0} delat med {1}", "{0} gedeeld door {1}"}},
    {W::divided_whole,
     {"{0} divided by {1}, rounded towards zero", "{0} delat med {1}, avrundat mot noll",
      "{0} gedeeld door {1}, afgerond naar nul"}},
    {W::remainder,
     {"the remainder of {0} divided by {1}", "resten när {0} delas med {1}", "de rest van {0} gedeeld door {1}"}},
    {W::negative, {"minus {0}", "minus {0}", "min {0}"}},
    {W::item_of,
     {"item {1} (counting from 0) of {0}", "element {1} (räknat från 0) i {0}",
      "element {1} (geteld vanaf 0) van {0}"}},
    {W::if_else_value,
     {"{1} if {0}, otherwise {2}", "{1} om följande gäller: {0}; annars {2}",
      "{1} als het volgende geldt: {0}; anders {2}"}},
    {W::whether, {"whether {0}", "huruvida följande gäller: {0}", "of het volgende geldt: {0}"}},
    {W::yes, {"yes", "ja", "ja"}},
    {W::no, {"no", "nej", "nee"}},
    {W::no_value, {"no value", "inget värde", "geen waarde"}},
    {W::nothing, {"nothing", "ingenting", "niets"}},
    {W::list_of, {"the list ({0})", "listan ({0})", "de lijst ({0})"}},
    {W::names_in_set,
     {"the names in the list {0} ({1})", "namnen i listan {0} ({1})", "de namen in de lijst {0} ({1})"}},
    {W::and_more, {"{0} and {1} more", "{0} och {1} till", "{0} en nog {1} andere"}},
};

static_assert(complete(rows), "one row per key of Words, in order, with every language");

}  // namespace

std::string_view words(Words key, std::string_view language) noexcept {
  return rows[static_cast<std::size_t>(key)].text[word_column(language)];
}

}  // namespace contrascreen::sheet
