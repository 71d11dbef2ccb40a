/* Screens intake files (.json) through contrascreen's C ABI and prints, for each, the record
 * `contrascreen screen --format json` prints; exits as that command does (0 allow, 1 refer,
 * 2 refuse, 65 an invalid intake or rule set, 66 a missing rule set, 64 a usage error).
 *
 *   screen_intakes [--date YYYY-MM-DD] [--lang L] RULESET INTAKE.json...
 *
 * Build it against an installed contrascreen with examples/c/CMakeLists.txt, or by hand:
 *   cc -std=c99 screen_intakes.c -I PREFIX/include -L PREFIX/lib -lcontrascreen_c */
#include <contrascreen/contrascreen.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file into a malloc'ed buffer; NULL when it cannot be read. */
static char* read_file(const char* path, size_t* length) {
  FILE* file = fopen(path, "rb");
  char* text = NULL;
  size_t size = 0;
  size_t capacity = 0;
  if (file == NULL) return NULL;
  for (;;) {
    size_t got;
    if (size == capacity) {
      char* grown = realloc(text, capacity = capacity * 2 + 4096);
      if (grown == NULL) break;
      text = grown;
    }
    got = fread(text + size, 1, capacity - size, file);
    size += got;
    if (got == 0) break;
  }
  if (ferror(file) || size == capacity) { /* a read error, or realloc failed */
    free(text);
    text = NULL;
  }
  fclose(file);
  *length = size;
  return text;
}

/* Appends `text` to `out` as a JSON string literal (quotes, backslashes, control
 * characters escaped); `out` must have room for 6 bytes per byte of text plus 3. */
static void append_json_string(char* out, const char* text) {
  out += strlen(out);
  *out++ = '"';
  for (; *text != '\0'; ++text) {
    const unsigned char c = (unsigned char)*text;
    if (c == '"' || c == '\\') {
      *out++ = '\\';
      *out++ = (char)c;
    } else if (c < 0x20) {
      out += sprintf(out, "\\u%04x", c);
    } else {
      *out++ = (char)c;
    }
  }
  *out++ = '"';
  *out = '\0';
}

static int usage(void) {
  fputs("usage: screen_intakes [--date YYYY-MM-DD] [--lang L] RULESET INTAKE.json...\n", stderr);
  return 64;
}

int main(int argc, char** argv) {
  const char* date = NULL;
  const char* lang = NULL;
  cs_ruleset* rules = NULL;
  char* diagnostics = NULL;
  int status = CS_ALLOW;
  int i = 1;
  cs_status loaded;

  for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
    if (strcmp(argv[i], "--date") == 0)
      date = argv[i + 1];
    else if (strcmp(argv[i], "--lang") == 0)
      lang = argv[i + 1];
    else
      return usage();
  }
  if (argc - i < 2) return usage();

  loaded = cs_load_file(argv[i], NULL, &rules, &diagnostics);
  if (loaded != CS_OK) {
    fprintf(stderr, "%s: %s: %s\n", argv[i], cs_status_name(loaded), diagnostics ? diagnostics : "");
    cs_free(diagnostics);
    return (int)loaded;
  }
  cs_free(diagnostics);

  for (++i; i < argc; ++i) {
    const char* path = argv[i];
    size_t length = 0;
    char* intake = read_file(path, &length);
    char* options;
    char* record = NULL;
    cs_status screened;
    if (intake == NULL) {
      fprintf(stderr, "%s: cannot read the file\n", path);
      status = 66;
      continue;
    }
    /* {"name": path, "date": date, "lang": lang}: error records name the file, as the CLI's do. */
    options = malloc(6 * (strlen(path) + (date ? strlen(date) : 0) + (lang ? strlen(lang) : 0)) + 64);
    if (options == NULL) {
      free(intake);
      status = CS_OUT_OF_MEMORY;
      break;
    }
    strcpy(options, "{\"name\":");
    append_json_string(options, path);
    if (date != NULL) {
      strcat(options, ",\"date\":");
      append_json_string(options, date);
    }
    if (lang != NULL) {
      strcat(options, ",\"lang\":");
      append_json_string(options, lang);
    }
    strcat(options, "}");

    screened = cs_screen_json(rules, intake, length, options, &record);
    if (record != NULL) fputs(record, stdout);
    if (screened == CS_BAD_OPTIONS) fputc('\n', stdout);
    /* As the CLI: the most severe decision, but an unreadable intake (65) or a usage
       problem wins over any decision. */
    if ((int)screened > status) status = (int)screened;
    cs_free(record);
    free(options);
    free(intake);
  }
  cs_ruleset_free(rules);
  if (fflush(stdout) != 0) return 74;
  return status;
}
