/* contrascreen's C ABI: load a rule set, screen intakes given as JSON, get back the same
 * JSON records the command line writes. For any language with a C foreign-function
 * interface (C, C#, Java, Delphi, Python ctypes, ...). docs/c-api.md has the contract.
 *
 * C99, no C++ types; link the shared library libcontrascreen_c.so (CMake: contrascreen::c),
 * which exports the cs_* functions below and nothing else.
 *
 * Ownership: every char* a function returns through an out-parameter is allocated by the
 * library, NUL-terminated UTF-8, and must be released with cs_free(); a cs_ruleset* with
 * cs_ruleset_free(). Strings passed in are only read during the call; nothing is kept.
 *
 * Errors: every function returns a cs_status (or a static string) and never lets an
 * exception out; a NULL where a pointer is required is CS_NULL_ARGUMENT, never a crash.
 *
 * Threads: a loaded cs_ruleset is immutable; any number of threads may screen with one
 * rule set at once. cs_ruleset_free must not race with calls that use the rule set. */
#ifndef CONTRASCREEN_CONTRASCREEN_H
#define CONTRASCREEN_CONTRASCREEN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What a call ended in. Values 0, 1, 2 and 64..70 are the command line's exit statuses
 * for the same outcome (`contrascreen screen`), so the one status that is 0 after
 * screening means "allowed": a caller that books only on CS_ALLOW books nothing else. */
typedef enum cs_status {
  CS_OK = 0,              /**< success (a screening: the decision is allow) */
  CS_ALLOW = 0,           /**< screened: allow (the same value as CS_OK) */
  CS_REFER = 1,           /**< screened: the most severe decision is refer */
  CS_REFUSE = 2,          /**< screened: the most severe decision is refuse */
  CS_BAD_OPTIONS = 64,    /**< the options JSON is malformed, has an unknown key or a bad value */
  CS_INVALID = 65,        /**< an invalid rule set or intake (its diagnostics are returned) */
  CS_NOT_FOUND = 66,      /**< the rule-set file does not exist */
  CS_INTERNAL_ERROR = 70, /**< a bug in the library: please report it */
  CS_OUT_OF_MEMORY = 71,  /**< memory ran out; nothing was returned */
  CS_NULL_ARGUMENT = 72   /**< a required pointer argument was NULL; nothing was done */
} cs_status;

/** A loaded, compiled rule set. Opaque; immutable; shareable across threads. */
typedef struct cs_ruleset cs_ruleset;

/** The library version, "MAJOR.MINOR.PATCH". Static storage: never freed. */
const char* cs_version(void);

/** The name of a status ("allow", "refer", "refuse", "bad_options", "invalid",
 * "not_found", "internal_error", "out_of_memory", "null_argument"), or "unknown" for a
 * value that is none of them (CS_OK's name is "allow"). Static storage: never freed. */
const char* cs_status_name(int status);

/** Releases a buffer returned by any cs_* function. NULL does nothing. */
void cs_free(void* buffer);

/** Releases a rule set. NULL does nothing. */
void cs_ruleset_free(cs_ruleset* ruleset);

/** Loads, checks and compiles the rule set in the file `path` (and the files it extends).
 * `options_json`: NULL, "" or a JSON object; no key is defined yet, so anything but {} is
 * CS_BAD_OPTIONS. On CS_OK, *ruleset is set (free it with cs_ruleset_free); otherwise it
 * is set to NULL. When `diagnostics_json` is not NULL, *diagnostics_json is set to
 * {"errors": [...], "warnings": [...]} (each entry {"code", "message", "file", "line",
 * "column"}, as in the command line's JSON error records), also on success (warnings)
 * and for CS_BAD_OPTIONS; free it with cs_free. It is NULL after CS_NULL_ARGUMENT,
 * CS_OUT_OF_MEMORY and CS_INTERNAL_ERROR.
 * Returns CS_OK, CS_INVALID (an error in a file), CS_NOT_FOUND, CS_BAD_OPTIONS,
 * CS_NULL_ARGUMENT (path or ruleset NULL), CS_OUT_OF_MEMORY or CS_INTERNAL_ERROR. */
cs_status cs_load_file(const char* path, const char* options_json, cs_ruleset** ruleset, char** diagnostics_json);

/** The same as cs_load_file, from `length` bytes of YAML text at `yaml` (which need not be
 * NUL-terminated). `name` names the text in diagnostics (NULL: "<string>"); relative
 * `extends` paths resolve against the current directory. */
cs_status cs_load_string(const char* yaml, size_t length, const char* name, const char* options_json,
                         cs_ruleset** ruleset, char** diagnostics_json);

/** Screens one intake, `length` bytes of JSON at `intake_json` ({"id", "date", "answers"},
 * docs/interfaces.md), exactly as `contrascreen screen --format json` screens an intake
 * file: read, answers checked against each other, screened.
 * `options_json`: NULL, "" or a JSON object with any of
 *   "date":    "YYYY-MM-DD" or "today": the screening date for an intake without one
 *              (default: today, UTC);
 *   "lang":    a language the rule set declares (default: its first);
 *   "name":    the intake's name in error records (default: "<intake>");
 *   "explain": true to add each rule's value and the answers it read.
 * Any other key or a value of another type or form is CS_BAD_OPTIONS.
 * *out_json is set to the command line's record followed by '\n': the decision for
 * CS_ALLOW, CS_REFER and CS_REFUSE, the error record ({"id", "decision": null, "errors"})
 * for CS_INVALID, and for CS_BAD_OPTIONS the diagnostics {"errors": [...], "warnings": []}
 * (without '\n'). It is NULL on the other statuses. Free it with cs_free. */
cs_status cs_screen_json(const cs_ruleset* ruleset, const char* intake_json, size_t length, const char* options_json,
                         char** out_json);

/** Screens a batch: `length` bytes of JSON Lines (one intake per line, blank lines
 * skipped), with the options of cs_screen_json ("name" names the input in error records,
 * default "-"). *out_jsonl is set to one record per input record, in input order, exactly
 * as `contrascreen screen --format json` writes for a .jsonl file (error records for the
 * lines that cannot be read; the others are still screened). Returns the most severe
 * decision, CS_INVALID when any record could not be read or the input holds no intake
 * (then *out_jsonl holds the records there are, possibly none), or as cs_screen_json. */
cs_status cs_screen_jsonl(const cs_ruleset* ruleset, const char* jsonl, size_t length, const char* options_json,
                          char** out_jsonl);

/** What identifies a rule set: *out_json is set to {"id", "version", "treatment",
 * "sha256", "languages"} (languages: default first). Free it with cs_free. */
cs_status cs_ruleset_info_json(const cs_ruleset* ruleset, char** out_json);

#ifdef __cplusplus
}
#endif

#endif /* CONTRASCREEN_CONTRASCREEN_H */
