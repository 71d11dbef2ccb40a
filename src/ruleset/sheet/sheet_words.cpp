#include "ruleset/sheet/sheet_words.hpp"

#include "ruleset/sheet/word_table.hpp"

namespace contrascreen::sheet {
namespace {

using S = SheetWords;

// One row per key, in the order of SheetWords: English, Swedish, Dutch (word_languages).
// A rule's condition is a main clause in every language, so Swedish and Dutch lead into it
// with a colon ("Weigert als het volgende geldt: het antwoord op … is ja"), where a
// subordinate clause would want another word order.
constexpr WordRow<SheetWords> rows[] = {
    // header
    {S::title, {"Policy sheet: {0}", "Policydokument: {0}", "Beleidsdocument: {0}"}},
    {S::id_version, {"{0} (version {1})", "{0} (version {1})", "{0} (versie {1})"}},
    {S::rule_set, {"Rule set", "Regeluppsättning", "Regelset"}},
    {S::version, {"Version", "Version", "Versie"}},
    {S::treatment, {"Treatment", "Behandling", "Behandeling"}},
    {S::not_given, {"(not given)", "(inte angiven)", "(niet opgegeven)"}},
    {S::sha256, {"sha256", "sha256", "sha256"}},
    {S::loaded_from, {"Loaded from", "Inläst från", "Geladen uit"}},
    {S::extends, {"extends {0}", "utökar {0}", "breidt {0} uit"}},
    {S::languages, {"Languages", "Språk", "Talen"}},
    {S::default_language, {"{0} (default)", "{0} (standard)", "{0} (standaard)"}},
    {S::catalogue, {"Question catalogue", "Frågekatalog", "Vragencatalogus"}},
    {S::compared_with, {"Compared with", "Jämförd med", "Vergeleken met"}},
    {S::base_version, {"{0} version {1}", "{0} version {1}", "{0} versie {1}"}},
    {S::base_version_extended,
     {"{0} version {1}, which it extends", "{0} version {1}, som den utökar", "{0} versie {1}, die ze uitbreidt"}},
    {S::generated, {"Generated", "Skapat", "Gegenereerd"}},
    // how to read this sheet
    {S::how_to_read, {"How to read this sheet", "Så läses detta dokument", "Hoe dit document te lezen"}},
    {S::guide,
     {"Each rule below is shown with its condition in plain words, generated from the rule set's own "
      "expressions: a question is quoted as the patient reads it{0}, an answer by its label. A refuse rule that "
      "applies refuses the treatment; a refer rule sends the patient to a clinician first; an inform rule adds its "
      "message as advice and never changes the decision. An unanswered question makes a rule undecided, which "
      "refers the patient: a missing answer is never read as \"no\" (the one exception is a condition that says "
      "\"when answered\", which does not apply until the question is answered). A patient's answer matches a name "
      "in a list when the two are equal after trimming spaces and ignoring case. Every rule that applies is "
      "reported, not only the first.",
      "Varje regel nedan visas med sitt villkor i klartext, skapat ur regeluppsättningens egna uttryck: en fråga "
      "citeras så som patienten läser den{0}, ett svar med sin etikett. En avböjningsregel som gäller avböjer "
      "behandlingen; en hänvisningsregel hänvisar först patienten till en behandlare; en informationsregel lägger "
      "till sitt meddelande som råd och ändrar aldrig beslutet. En obesvarad fråga gör en regel obestämd, och då "
      "hänvisas patienten: ett saknat svar läses aldrig som \"nej\" (det enda undantaget är ett villkor som säger "
      "\"när frågan är besvarad\", som inte gäller förrän frågan är besvarad). En patients svar motsvarar ett namn "
      "i en lista när de är lika sedan mellanslag i början och slutet tagits bort, utan hänsyn till stora och små "
      "bokstäver. Varje regel som gäller redovisas, inte bara den första.",
      "Elke regel hieronder staat er met zijn voorwaarde in gewone woorden, opgesteld uit de eigen expressies van "
      "de regelset: een vraag wordt aangehaald zoals de patiënt die leest{0}, een antwoord met zijn label. Een "
      "weigerregel die van toepassing is, weigert de behandeling; een verwijsregel verwijst de patiënt eerst naar "
      "een behandelaar; een informatieregel voegt zijn bericht toe als advies en verandert de beslissing nooit. Een "
      "onbeantwoorde vraag maakt een regel onbeslist, en dan wordt de patiënt doorverwezen: een ontbrekend "
      "antwoord wordt nooit gelezen als \"nee\" (de enige uitzondering is een voorwaarde met \"zodra de vraag is "
      "beantwoord\", die pas geldt als de vraag is beantwoord). Het antwoord van een patiënt komt overeen met een "
      "naam in een lijst als beide gelijk zijn na het weglaten van spaties aan begin en eind, zonder onderscheid "
      "tussen hoofdletters en kleine letters. Elke regel die van toepassing is, wordt vermeld, niet alleen de "
      "eerste."}},
    {S::guide_language, {" (in '{0}')", " (på '{0}')", " (in '{0}')"}},
    {S::guide_fallback,
     {" This sheet has no words in '{0}': its headings and the words of its conditions are English, and the "
      "questions and answers are quoted in '{0}'.",
      " Detta dokument saknar ord på '{0}': rubrikerna och villkorens ord är på engelska, och frågorna och svaren "
      "citeras på '{0}'.",
      " Dit document heeft geen woorden in '{0}': de koppen en de woorden van de voorwaarden zijn Engels, en de "
      "vragen en antwoorden worden aangehaald in '{0}'."}},
    {S::rules_one, {"{0} rule", "{0} regel", "{0} regel"}},
    {S::rules_other, {"{0} rules", "{0} regler", "{0} regels"}},
    {S::rules_by_decision,
     {"{0}: {1} refuse, {2} refer, {3} inform.", "{0}: avböj {1}, hänvisa {2}, informera {3}.",
      "{0}: weigeren {1}, doorverwijzen {2}, informeren {3}."}},
    {S::against_base, {"Against {0}: {1}.", "Jämfört med {0}: {1}.", "Ten opzichte van {0}: {1}."}},
    {S::standing_count, {"{0} {1}", "{1} {0}", "{1} {0}"}},
    {S::tests_one, {"{0} test", "{0} test", "{0} test"}},
    {S::tests_other, {"{0} tests", "{0} tester", "{0} tests"}},
    {S::tests_passing, {"{0}, {1} passing", "{0}, {1} godkända", "{0}, {1} geslaagd"}},
    {S::tests_failing, {", {0} FAILING", ", {0} UNDERKÄNDA", ", {0} MISLUKT"}},
    {S::untested_one,
     {"{0} rule has no test that makes it fire.", "{0} regel har inget test där den gäller.",
      "{0} regel heeft geen test waarin hij van toepassing is."}},
    {S::untested_other,
     {"{0} rules have no test that makes them fire.", "{0} regler har inget test där de gäller.",
      "{0} regels hebben geen test waarin ze van toepassing zijn."}},
    {S::failing_tests, {"Failing tests:", "Underkända tester:", "Mislukte tests:"}},
    {S::fallback_one,
     {"{0} part of a condition has no phrasing and is shown as written; read it with docs/expressions.md.",
      "{0} del av ett villkor saknar formulering i ord och visas som den är skriven; läs den med "
      "docs/expressions.md.",
      "{0} deel van een voorwaarde heeft geen verwoording en staat er zoals het geschreven is; lees het met "
      "docs/expressions.md."}},
    {S::fallback_other,
     {"{0} parts of conditions have no phrasing and are shown as written; read them with docs/expressions.md.",
      "{0} delar av villkor saknar formulering i ord och visas som de är skrivna; läs dem med docs/expressions.md.",
      "{0} delen van voorwaarden hebben geen verwoording en staan er zoals ze geschreven zijn; lees ze met "
      "docs/expressions.md."}},
    // sign-off
    {S::signoff, {"Sign-off", "Godkännande", "Ondertekening"}},
    {S::signoff_statement,
     {"I have reviewed the rules of {0} version {1} (sha256 {2}) as set out in this sheet, and approve them for "
      "screening patients for {3}.",
      "Jag har granskat reglerna i {0} version {1} (sha256 {2}) så som de återges i detta dokument och godkänner "
      "dem för screening av patienter inför {3}.",
      "Ik heb de regels van {0} versie {1} (sha256 {2}) zoals weergegeven in dit document beoordeeld en keur ze "
      "goed voor de screening van patiënten voor {3}."}},
    {S::the_treatment, {"the treatment", "behandlingen", "de behandeling"}},
    {S::name, {"Name", "Namn", "Naam"}},
    {S::role, {"Role", "Roll", "Functie"}},
    {S::date, {"Date", "Datum", "Datum"}},
    {S::signature, {"Signature", "Namnteckning", "Handtekening"}},
    // rules
    {S::group, {"{0}: {1}", "{0}: {1}", "{0}: {1}"}},
    {S::group_refuse, {"Refuse", "Avböj", "Weigeren"}},
    {S::group_refer, {"Refer", "Hänvisa", "Doorverwijzen"}},
    {S::group_inform, {"Inform", "Informera", "Informeren"}},
    {S::decision_refuse, {"refuse", "avböj", "weigeren"}},
    {S::decision_refer, {"refer", "hänvisa", "doorverwijzen"}},
    {S::decision_inform, {"inform", "informera", "informeren"}},
    {S::lead_refuse, {"Refuses when", "Avböjer om följande gäller:", "Weigert als het volgende geldt:"}},
    {S::lead_refer, {"Refers when", "Hänvisar om följande gäller:", "Verwijst door als het volgende geldt:"}},
    {S::lead_inform, {"Informs when", "Informerar om följande gäller:", "Informeert als het volgende geldt:"}},
    {S::until, {"Until", "Gäller till", "Geldt tot"}},
    {S::until_lower, {"until", "gäller till", "geldt tot"}},
    {S::until_tail_refuse,
     {": from that day on this rule no longer refuses.", ": från och med den dagen avböjer regeln inte längre.",
      ": vanaf die dag weigert deze regel niet meer."}},
    {S::until_tail_refer,
     {": from that day on this rule no longer refers.", ": från och med den dagen hänvisar regeln inte längre.",
      ": vanaf die dag verwijst deze regel niet meer door."}},
    {S::until_tail_inform,
     {": from that day on this rule no longer informs.", ": från och med den dagen informerar regeln inte längre.",
      ": vanaf die dag informeert deze regel niet meer."}},
    {S::same_extended, {"inherited unchanged", "ärvd oförändrad", "ongewijzigd overgenomen"}},
    {S::changed_extended, {"overridden", "ersatt", "vervangen"}},
    {S::added_extended, {"new", "ny", "nieuw"}},
    {S::removed_extended, {"disabled", "avstängd", "uitgeschakeld"}},
    {S::same_other, {"same as the base", "samma som basen", "gelijk aan de basis"}},
    {S::changed_other, {"differs from the base", "skiljer sig från basen", "wijkt af van de basis"}},
    {S::added_other, {"not in the base", "finns inte i basen", "niet in de basis"}},
    {S::removed_other, {"only in the base", "finns bara i basen", "alleen in de basis"}},
    {S::changed_from_base,
     {"Changed from the base: {0}.", "Ändrat jämfört med basen: {0}.", "Gewijzigd ten opzichte van de basis: {0}."}},
    {S::part_decision, {"decision", "beslut", "beslissing"}},
    {S::part_condition, {"condition", "villkor", "voorwaarde"}},
    {S::part_until, {"end date (until)", "slutdatum (until)", "einddatum (until)"}},
    {S::part_message, {"message", "meddelande", "bericht"}},
    {S::part_source, {"source", "källa", "bron"}},
    {S::message, {"Message ({0})", "Meddelande ({0})", "Bericht ({0})"}},
    {S::source, {"Source", "Källa", "Bron"}},
    {S::no_test_fires,
     {"No test makes this rule fire.", "Det finns inget test där denna regel gäller.",
      "Er is geen test waarin deze regel van toepassing is."}},
    {S::fires_in, {"Fires in the tests:", "Gäller i testerna:", "Van toepassing in de tests:"}},
    {S::undecided_in,
     {"Stays undecided (refers) in the tests:", "Förblir obestämd (hänvisar) i testerna:",
      "Blijft onbeslist (verwijst door) in de tests:"}},
    {S::none, {"none", "inga", "geen"}},
    {S::as_written, {"As written: {0} ({1})", "Som skrivet: {0} ({1})", "Zoals geschreven: {0} ({1})"}},
    {S::as_written_until,
     {"As written: {0}, until {1} ({2})", "Som skrivet: {0}, slutdatum {1} ({2})",
      "Zoals geschreven: {0}, einddatum {1} ({2})"}},
    {S::removed_title_extended,
     {"Rules of the base disabled here", "Basens regler som är avstängda här",
      "Regels van de basis die hier zijn uitgeschakeld"}},
    {S::removed_title_other,
     {"Rules only in the base", "Regler som bara finns i basen", "Regels die alleen in de basis staan"}},
    {S::removed_rule,
     {"In {0}: {1}. This rule set does not apply it.", "I {0}: {1}. Denna regeluppsättning tillämpar den inte.",
      "In {0}: {1}. Deze regelset past hem niet toe."}},
    // questions, value sets, coverage
    {S::questions_title,
     {"Questions the form must ask", "Frågor som formuläret måste ställa", "Vragen die het formulier moet stellen"}},
    {S::questions_intro,
     {"In form order; a follow-up is asked only after one of the answers named.",
      "I formulärets ordning; en följdfråga ställs bara efter ett av de angivna svaren.",
      "In de volgorde van het formulier; een vervolgvraag wordt alleen gesteld na een van de genoemde antwoorden."}},
    {S::follow_up,
     {"Follow-up of {0}, asked when the answer is {1}", "Följdfråga till {0}, ställs när svaret är {1}",
      "Vervolgvraag op {0}, gesteld als het antwoord {1} is"}},
    {S::follow_up_lower,
     {"follow-up of {0}, asked when the answer is {1}", "följdfråga till {0}, ställs när svaret är {1}",
      "vervolgvraag op {0}, gesteld als het antwoord {1} is"}},
    {S::read_by, {"Read by: {0}", "Läses av: {0}", "Gelezen door: {0}"}},
    {S::read_by_lower, {"read by: {0}", "läses av: {0}", "gelezen door: {0}"}},
    {S::read_by_until,
     {"the end date (until) of a rule", "slutdatumet (until) för en regel", "de einddatum (until) van een regel"}},
    {S::type_bool, {"bool", "ja/nej", "ja/nee"}},
    {S::type_number, {"number", "tal", "getal"}},
    {S::type_enum, {"enum", "val", "keuze"}},
    {S::type_list, {"list", "lista", "lijst"}},
    {S::type_date, {"date", "datum", "datum"}},
    {S::unit_years, {"years", "år", "jaar"}},
    {S::value_sets_title, {"Value sets", "Värdelistor", "Waardelijsten"}},
    {S::not_used, {"not used by any rule", "används inte av någon regel", "door geen enkele regel gebruikt"}},
    {S::used_by, {"used by {0}", "används av {0}", "gebruikt door {0}"}},
    {S::column_value_set, {"Value set", "Värdelista", "Waardelijst"}},
    {S::column_value_set_lower, {"value set", "värdelista", "waardelijst"}},
    {S::column_members, {"Members", "Innehåll", "Inhoud"}},
    {S::column_members_lower, {"members", "innehåll", "inhoud"}},
    {S::coverage_title, {"Test coverage", "Testtäckning", "Testdekking"}},
    {S::column_rule, {"Rule", "Regel", "Regel"}},
    {S::column_rule_lower, {"rule", "regel", "regel"}},
    {S::column_decision, {"Decision", "Beslut", "Beslissing"}},
    {S::column_decision_lower, {"decision", "beslut", "beslissing"}},
    {S::column_fires, {"Tests in which it fires", "Tester där den gäller", "Tests waarin hij van toepassing is"}},
    {S::column_fires_lower, {"tests in which it fires", "tester där den gäller", "tests waarin hij van toepassing is"}},
    {S::column_undecided, {"Undecided in", "Obestämd i", "Onbeslist in"}},
    {S::column_undecided_lower, {"undecided in", "obestämd i", "onbeslist in"}},
    {S::coverage_none,
     {"none: no test makes it fire", "inga: inget test där den gäller",
      "geen: geen test waarin hij van toepassing is"}},
};

static_assert(complete(rows), "one row per key of SheetWords, in order, with every language");

}  // namespace

std::string_view words(SheetWords key, std::string_view language) noexcept {
  return rows[static_cast<std::size_t>(key)].text[word_column(language)];
}

std::string fill(std::string_view text, std::initializer_list<std::string_view> parts) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' &&
        static_cast<std::size_t>(text[i + 1] - '0') < parts.size()) {
      out += *(parts.begin() + (text[i + 1] - '0'));
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace contrascreen::sheet
