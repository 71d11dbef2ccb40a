/* The C ABI (contrascreen.h), tested from C99 as a C program uses it: loading, screening,
 * options, NULL arguments, ownership (every returned buffer is freed: the ASan build's leak
 * check fails otherwise) and one rule set screened from many threads at once.
 *
 *   c_api_test SOURCE_DIR */
#include <contrascreen/contrascreen.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static const char* source_dir = ".";

#define CHECK(condition)                                                  \
  do {                                                                    \
    if (!(condition)) {                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

/* `text` holds `part` (NULL holds nothing). */
static int has(const char* text, const char* part) { return text != NULL && strstr(text, part) != NULL; }

static char* path_of(const char* relative) {
  char* path = malloc(strlen(source_dir) + strlen(relative) + 2);
  if (path == NULL) abort();
  sprintf(path, "%s/%s", source_dir, relative);
  return path;
}

static cs_ruleset* load_quickstart(void) {
  cs_ruleset* rules = NULL;
  char* path = path_of("examples/policies/quickstart.yaml");
  cs_status status = cs_load_file(path, NULL, &rules, NULL);
  free(path);
  if (status != CS_OK || rules == NULL) {
    fprintf(stderr, "cannot load the quickstart policy: %s\n", cs_status_name(status));
    exit(1);
  }
  return rules;
}

/* Screens `intake` and returns the status; the record in *out (freed by the caller). */
static cs_status screen(const cs_ruleset* rules, const char* intake, const char* options, char** out) {
  return cs_screen_json(rules, intake, strlen(intake), options, out);
}

#define ANSWERS_NONE \
  "\"pregnant\":false,\"breastfeeding\":false,\"anticoagulant_therapy\":false,\"medications\":[]," \
  "\"acne\":\"none\",\"previous_microneedling\":false"

static const char* const allow_intake =
    "{\"id\":\"A-1\",\"date\":\"2026-11-21\",\"answers\":{" ANSWERS_NONE ",\"age\":30}}";
static const char* const refer_intake =
    "{\"id\":\"R-1\",\"date\":\"2026-11-21\",\"answers\":{" ANSWERS_NONE ",\"age\":16}}";
static const char* const refuse_intake =
    "{\"id\":\"X-1\",\"date\":\"2026-11-21\",\"answers\":{\"pregnant\":true}}";

static void test_version_and_names(void) {
  CHECK(strlen(cs_version()) >= 5 && strchr(cs_version(), '.') != NULL);
  CHECK(strcmp(cs_status_name(CS_OK), "allow") == 0);
  CHECK(strcmp(cs_status_name(CS_REFER), "refer") == 0);
  CHECK(strcmp(cs_status_name(CS_REFUSE), "refuse") == 0);
  CHECK(strcmp(cs_status_name(CS_BAD_OPTIONS), "bad_options") == 0);
  CHECK(strcmp(cs_status_name(CS_INVALID), "invalid") == 0);
  CHECK(strcmp(cs_status_name(CS_NOT_FOUND), "not_found") == 0);
  CHECK(strcmp(cs_status_name(CS_INTERNAL_ERROR), "internal_error") == 0);
  CHECK(strcmp(cs_status_name(CS_OUT_OF_MEMORY), "out_of_memory") == 0);
  CHECK(strcmp(cs_status_name(CS_NULL_ARGUMENT), "null_argument") == 0);
  CHECK(strcmp(cs_status_name(3), "unknown") == 0);
  CHECK(strcmp(cs_status_name(-1), "unknown") == 0);
  /* The statuses that mirror the command line's exit statuses. */
  CHECK(CS_ALLOW == 0 && CS_REFER == 1 && CS_REFUSE == 2 && CS_BAD_OPTIONS == 64 && CS_INVALID == 65 &&
        CS_NOT_FOUND == 66 && CS_INTERNAL_ERROR == 70);
}

static void test_load(void) {
  cs_ruleset* rules = (cs_ruleset*)&rules; /* not NULL: a failed load must reset it */
  char* diagnostics = NULL;
  char* path = path_of("examples/policies/quickstart.yaml");
  static const char broken[] =
      "id: broken\nversion: '1'\ntreatment: t\nlanguages: [en]\nrules:\n"
      "  - id: r\n    when: pregant\n    decision: refuse\n    message: {en: m}\n    source: s\n";

  CHECK(cs_load_file(path, NULL, &rules, &diagnostics) == CS_OK);
  CHECK(rules != NULL);
  CHECK(has(diagnostics, "\"errors\":[]"));
  cs_free(diagnostics);
  cs_ruleset_free(rules);

  CHECK(cs_load_file(path, "{}", &rules, NULL) == CS_OK);
  cs_ruleset_free(rules);
  free(path);

  /* A missing file: CS_NOT_FOUND, as the CLI's exit status 66, with io.not_found. */
  rules = (cs_ruleset*)&rules;
  CHECK(cs_load_file("no/such/policy.yaml", NULL, &rules, &diagnostics) == CS_NOT_FOUND);
  CHECK(rules == NULL);
  CHECK(has(diagnostics, "\"code\":\"io.not_found\""));
  CHECK(has(diagnostics, "\"file\":\"no/such/policy.yaml\""));
  cs_free(diagnostics);

  /* An error in the rule set: CS_INVALID with the positioned diagnostic. */
  CHECK(cs_load_string(broken, strlen(broken), "broken.yaml", NULL, &rules, &diagnostics) == CS_INVALID);
  CHECK(rules == NULL);
  CHECK(has(diagnostics, "\"code\":\"check.unknown_name\""));
  CHECK(has(diagnostics, "\"file\":\"broken.yaml\",\"line\":7,\"column\":11"));
  cs_free(diagnostics);

  /* Only `length` bytes are read: the text need not be NUL-terminated. */
  {
    char* file = path_of("examples/policies/quickstart.yaml");
    FILE* in = fopen(file, "rb");
    char text[8192];
    size_t length = in ? fread(text, 1, sizeof text, in) : 0;
    CHECK(in != NULL && length > 0 && length < sizeof text);
    if (in) fclose(in);
    text[length] = 'X'; /* garbage after the text */
    CHECK(cs_load_string(text, length, NULL, NULL, &rules, &diagnostics) == CS_OK);
    CHECK(has(diagnostics, "\"errors\":[],\"warnings\":[]"));
    cs_free(diagnostics);
    cs_ruleset_free(rules);
    free(file);
  }

  /* No text at all (NULL with length 0) is an empty rule set: invalid, never a crash. */
  CHECK(cs_load_string(NULL, 0, NULL, NULL, &rules, &diagnostics) == CS_INVALID);
  CHECK(rules == NULL);
  CHECK(has(diagnostics, "\"file\":\"<string>\""));
  cs_free(diagnostics);

  /* Load options: none are defined, so any key is an error, never ignored. */
  CHECK(cs_load_string(broken, strlen(broken), NULL, "{\"lang\":\"sv\"}", &rules, &diagnostics) == CS_BAD_OPTIONS);
  CHECK(rules == NULL);
  CHECK(has(diagnostics, "\"code\":\"options.unknown_key\""));
  cs_free(diagnostics);
  CHECK(cs_load_string(broken, strlen(broken), NULL, "not json", &rules, &diagnostics) == CS_BAD_OPTIONS);
  CHECK(has(diagnostics, "\"code\":\"options.invalid\""));
  cs_free(diagnostics);
}

static void test_screen(void) {
  cs_ruleset* rules = load_quickstart();
  char* out = NULL;

  CHECK(screen(rules, allow_intake, NULL, &out) == CS_ALLOW);
  CHECK(has(out, "{\"id\":\"A-1\",\"decision\":\"allow\",\"reasons\":[]"));
  CHECK(out != NULL && out[strlen(out) - 1] == '\n'); /* the CLI's line, '\n' included */
  cs_free(out);

  CHECK(screen(rules, refer_intake, "", &out) == CS_REFER);
  CHECK(has(out, "\"decision\":\"refer\",\"reasons\":[{\"rule\":\"minor\""));
  cs_free(out);

  CHECK(screen(rules, refuse_intake, "{}", &out) == CS_REFUSE);
  CHECK(has(out, "\"decision\":\"refuse\",\"reasons\":[{\"rule\":\"pregnancy\""));
  CHECK(has(out, "\"ruleset\":{\"id\":\"example/microneedling\""));
  cs_free(out);

  /* A missing answer is never "no": without breastfeeding, pregnancy is undecided. */
  CHECK(screen(rules, "{\"date\":\"2026-11-21\",\"answers\":{\"pregnant\":false}}", NULL, &out) == CS_REFER);
  CHECK(has(out, "\"unanswered\":[\"acne\",\"age\",\"anticoagulant_therapy\",\"breastfeeding\""));
  cs_free(out);

  /* Intakes that cannot be read: an error record, CS_INVALID. */
  CHECK(screen(rules, "{\"id\":\"E-1\",\"answers\":{\"pregant\":true}}", NULL, &out) == CS_INVALID);
  /* As the command line: a single intake that cannot be read has no id in its record. */
  CHECK(has(out, "{\"id\":null,\"decision\":null,\"errors\":[{\"code\":\"intake.unknown_question\""));
  CHECK(has(out, "\"file\":\"<intake>\",\"line\":1"));
  cs_free(out);
  CHECK(screen(rules, "{\"answers\": {", NULL, &out) == CS_INVALID);
  CHECK(has(out, "\"code\":\"intake.syntax\""));
  cs_free(out);
  CHECK(cs_screen_json(rules, NULL, 0, NULL, &out) == CS_INVALID); /* no text: no intake */
  CHECK(has(out, "\"decision\":null"));
  cs_free(out);
  /* Only `length` bytes are read. */
  CHECK(cs_screen_json(rules, refuse_intake, strlen(refuse_intake) - 1, NULL, &out) == CS_INVALID);
  cs_free(out);

  /* Answers that cannot all be true: an error record naming the question, never a decision. */
  CHECK(screen(rules,
               "{\"id\":\"I-2\",\"date\":\"2026-11-21\",\"answers\":{\"previous_microneedling\":false,"
               "\"last_microneedling_date\":\"2026-10-01\"}}",
               "{\"name\":\"impossible.json\"}", &out) == CS_INVALID);
  CHECK(has(out, "{\"id\":\"I-2\",\"decision\":null,\"errors\":[{\"code\":\"intake.contradiction\""));
  CHECK(has(out, "\"file\":\"impossible.json\""));
  cs_free(out);
  CHECK(screen(rules, "{\"date\":\"2026-11-21\",\"answers\":{\"last_microneedling_date\":\"2026-12-01\"}}", NULL,
               &out) == CS_INVALID);
  CHECK(has(out, "\"code\":\"intake.date_in_future\""));
  cs_free(out);

  cs_ruleset_free(rules);
}

static void test_options(void) {
  cs_ruleset* rules = load_quickstart();
  char* out = NULL;
  const char* undated = "{\"answers\":{\"pregnant\":true}}";

  CHECK(screen(rules, undated, "{\"date\":\"2026-01-02\",\"lang\":\"sv\"}", &out) == CS_REFUSE);
  CHECK(has(out, "\"date\":\"2026-01-02\""));
  CHECK(has(out, "\"language\":\"sv\""));
  CHECK(has(out, "Microneedling erbjuds inte"));
  cs_free(out);
  /* The intake's own date wins over the option, as over --date. */
  CHECK(screen(rules, refuse_intake, "{\"date\":\"2026-01-02\"}", &out) == CS_REFUSE);
  CHECK(has(out, "\"date\":\"2026-11-21\""));
  cs_free(out);
  CHECK(screen(rules, refuse_intake, "{\"explain\":true}", &out) == CS_REFUSE);
  CHECK(has(out, "\"explain\":[{\"rule\":\"pregnancy\""));
  cs_free(out);
  CHECK(screen(rules, refuse_intake, "{\"explain\":false,\"date\":\"today\"}", &out) == CS_REFUSE);
  CHECK(out != NULL && !has(out, "\"explain\""));
  cs_free(out);

  /* Every wrong option is CS_BAD_OPTIONS with its code; nothing is screened. */
  {
    static const struct {
      const char* options;
      const char* code;
    } wrong[] = {
        {"{\"dat\":\"2026-01-02\"}", "options.unknown_key"},
        {"{\"lang\":\"de\"}", "options.invalid"},
        {"{\"lang\":\"SV\"}", "options.invalid"},
        {"{\"lang\":7}", "options.invalid"},
        {"{\"date\":\"2026-02-30\"}", "options.invalid"},
        {"{\"date\":\"21/11/2026\"}", "options.invalid"},
        {"{\"date\":null}", "options.invalid"},
        {"{\"explain\":\"yes\"}", "options.invalid"},
        {"{\"name\":1}", "options.invalid"},
        {"{\"lang\":\"sv\",\"lang\":\"en\"}", "options.invalid"},
        {"[\"lang\",\"sv\"]", "options.invalid"},
        {"{\"lang\":", "options.invalid"},
        {" ", "options.invalid"},
    };
    size_t i;
    for (i = 0; i < sizeof wrong / sizeof wrong[0]; ++i) {
      char code[64];
      sprintf(code, "\"code\":\"%s\"", wrong[i].code);
      out = NULL;
      if (screen(rules, refuse_intake, wrong[i].options, &out) != CS_BAD_OPTIONS || !has(out, code) ||
          !has(out, "\"file\":\"<options>\"")) {
        fprintf(stderr, "options %s: expected %s, got %s\n", wrong[i].options, wrong[i].code, out ? out : "NULL");
        ++failures;
      }
      cs_free(out);
    }
  }
  CHECK(cs_screen_jsonl(rules, refuse_intake, strlen(refuse_intake), "{\"jobs\":2}", &out) == CS_BAD_OPTIONS);
  CHECK(has(out, "options.unknown_key"));
  cs_free(out);
  cs_ruleset_free(rules);
}

static void test_jsonl(void) {
  cs_ruleset* rules = load_quickstart();
  char* out = NULL;
  char batch[2048];
  const char* line;
  int lines = 0;

  sprintf(batch, "%s\n\n%s\n", allow_intake, refer_intake);
  CHECK(cs_screen_jsonl(rules, batch, strlen(batch), NULL, &out) == CS_REFER);
  CHECK(has(out, "\"id\":\"A-1\",\"decision\":\"allow\""));
  CHECK(has(out, "\"id\":\"R-1\",\"decision\":\"refer\""));
  cs_free(out);

  /* A record that cannot be read costs only itself; the status says one could not. */
  sprintf(batch, "%s\n{\"id\":\"E-2\",\"answers\":{\"pregnant\":\"yes\"}}\n%s", allow_intake, refuse_intake);
  CHECK(cs_screen_jsonl(rules, batch, strlen(batch), "{\"name\":\"batch.jsonl\"}", &out) == CS_INVALID);
  for (line = out; line != NULL && (line = strchr(line, '\n')) != NULL; ++line) ++lines;
  CHECK(lines == 3);
  CHECK(has(out, "{\"id\":\"E-2\",\"decision\":null,\"errors\":[{\"code\":\"intake.wrong_type\""));
  CHECK(has(out, "\"file\":\"batch.jsonl\",\"line\":2"));
  CHECK(has(out, "\"id\":\"X-1\",\"decision\":\"refuse\""));
  cs_free(out);

  /* No intake at all is never "every intake allowed". */
  CHECK(cs_screen_jsonl(rules, "\n  \n", 4, NULL, &out) == CS_INVALID);
  CHECK(out != NULL && out[0] == '\0');
  cs_free(out);
  CHECK(cs_screen_jsonl(rules, NULL, 0, NULL, &out) == CS_INVALID);
  cs_free(out);
  cs_ruleset_free(rules);
}

static void test_info(void) {
  cs_ruleset* rules = load_quickstart();
  char* out = NULL;
  const char* sha;
  size_t hex = 0;
  CHECK(cs_ruleset_info_json(rules, &out) == CS_OK);
  CHECK(has(out, "{\"id\":\"example/microneedling\",\"version\":\"2026-11-21\",\"treatment\":\"microneedling\""));
  CHECK(has(out, "\"languages\":[\"en\",\"sv\"]}"));
  sha = out ? strstr(out, "\"sha256\":\"") : NULL;
  CHECK(sha != NULL);
  if (sha != NULL)
    for (sha += 10; strchr("0123456789abcdef", *sha) != NULL && *sha != '\0'; ++sha) ++hex;
  CHECK(hex == 64);
  cs_free(out);
  cs_ruleset_free(rules);
}

static void test_null_arguments(void) {
  cs_ruleset* rules = load_quickstart();
  cs_ruleset* loaded = (cs_ruleset*)&loaded;
  char* out = (char*)&out;
  char* diagnostics = (char*)&diagnostics;

  CHECK(cs_load_file(NULL, NULL, &loaded, &diagnostics) == CS_NULL_ARGUMENT);
  CHECK(loaded == NULL && diagnostics == NULL); /* out-parameters are reset */
  CHECK(cs_load_file("x.yaml", NULL, NULL, NULL) == CS_NULL_ARGUMENT);
  CHECK(cs_load_string(NULL, 3, NULL, NULL, &loaded, NULL) == CS_NULL_ARGUMENT);
  CHECK(cs_load_string("id: x", 5, NULL, NULL, NULL, NULL) == CS_NULL_ARGUMENT);

  CHECK(cs_screen_json(NULL, allow_intake, strlen(allow_intake), NULL, &out) == CS_NULL_ARGUMENT);
  CHECK(out == NULL);
  CHECK(cs_screen_json(rules, NULL, 5, NULL, &out) == CS_NULL_ARGUMENT);
  CHECK(cs_screen_json(rules, allow_intake, strlen(allow_intake), NULL, NULL) == CS_NULL_ARGUMENT);
  CHECK(cs_screen_jsonl(NULL, allow_intake, strlen(allow_intake), NULL, &out) == CS_NULL_ARGUMENT);
  CHECK(cs_screen_jsonl(rules, NULL, 5, NULL, &out) == CS_NULL_ARGUMENT);
  CHECK(cs_screen_jsonl(rules, allow_intake, strlen(allow_intake), NULL, NULL) == CS_NULL_ARGUMENT);
  CHECK(cs_ruleset_info_json(NULL, &out) == CS_NULL_ARGUMENT);
  CHECK(cs_ruleset_info_json(rules, NULL) == CS_NULL_ARGUMENT);
  CHECK(out == NULL);
  cs_free(NULL);
  cs_ruleset_free(NULL);
  cs_ruleset_free(rules);
}

/* ---- many threads, one rule set ---------------------------------------------------- */

enum { thread_count = 8, rounds = 300 };

struct expected {
  const char* intake;
  cs_status status;
  char* record; /* as screened on one thread */
};

struct worker {
  const cs_ruleset* rules;
  const struct expected* cases;
  size_t count;
  int mismatches;
};

static void* screen_many_times(void* argument) {
  struct worker* w = argument;
  int round;
  for (round = 0; round < rounds; ++round) {
    const struct expected* c = &w->cases[(size_t)round % w->count];
    char* out = NULL;
    const cs_status status = cs_screen_json(w->rules, c->intake, strlen(c->intake), NULL, &out);
    if (status != c->status || out == NULL || strcmp(out, c->record) != 0) ++w->mismatches;
    cs_free(out);
  }
  return NULL;
}

static void test_threads(void) {
  cs_ruleset* rules = load_quickstart();
  struct expected cases[4];
  struct worker workers[thread_count];
  pthread_t threads[thread_count];
  size_t i;
  cases[0].intake = allow_intake;
  cases[1].intake = refer_intake;
  cases[2].intake = refuse_intake;
  cases[3].intake = "{\"id\":\"E-3\",\"answers\":{\"acne\":\"activ\"}}";
  for (i = 0; i < 4; ++i)
    cases[i].status = cs_screen_json(rules, cases[i].intake, strlen(cases[i].intake), NULL, &cases[i].record);
  CHECK(cases[0].status == CS_ALLOW && cases[1].status == CS_REFER && cases[2].status == CS_REFUSE &&
        cases[3].status == CS_INVALID);
  for (i = 0; i < thread_count; ++i) {
    workers[i].rules = rules;
    workers[i].cases = cases;
    workers[i].count = 4;
    workers[i].mismatches = 0;
    CHECK(pthread_create(&threads[i], NULL, screen_many_times, &workers[i]) == 0);
  }
  for (i = 0; i < thread_count; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(workers[i].mismatches == 0);
  }
  for (i = 0; i < 4; ++i) cs_free(cases[i].record);
  cs_ruleset_free(rules);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fputs("usage: c_api_test SOURCE_DIR\n", stderr);
    return 64;
  }
  source_dir = argv[1];
  test_version_and_names();
  test_load();
  test_screen();
  test_options();
  test_jsonl();
  test_info();
  test_null_arguments();
  test_threads();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("c_api_test: all checks passed");
  return 0;
}
