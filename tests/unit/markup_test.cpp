// Escaping text from inputs for the HTML and Markdown sheets (src/util/markup.hpp).
#include <doctest/doctest.h>

#include <string>

#include "util/markup.hpp"

namespace {

std::string html(std::string_view text) {
  std::string out;
  contrascreen::util::append_html(out, text);
  return out;
}

std::string markdown(std::string_view text) {
  std::string out;
  contrascreen::util::append_markdown(out, text);
  return out;
}

}  // namespace

TEST_CASE("HTML: markup characters become references, control characters and bad UTF-8 printable") {
  CHECK_EQ(html("plain text, 2026-11-21"), "plain text, 2026-11-21");
  CHECK_EQ(html("<script>alert('x') & \"y\"</script>"),
           "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK_EQ(html("a\x1b[31mb"), "a\\x1b[31mb");
  CHECK_EQ(html("bad \xff byte"), "bad \\xff byte");
  CHECK_EQ(html("Keloïd “quoted”"), "Keloïd “quoted”");
}

TEST_CASE("Markdown: punctuation with a meaning inside a line is backslash-escaped") {
  CHECK_EQ(markdown("skin_infection"), "skin\\_infection");
  CHECK_EQ(markdown("*bold* `code` [link](x) <b> # | ~ & \\"),
           "\\*bold\\* \\`code\\` \\[link\\](x) \\<b\\> \\# \\| \\~ \\& \\\\");
  CHECK_EQ(markdown("2026-11-21. (ok)"), "2026-11-21. (ok)");
  // printable makes the line break \x0a, whose backslash Markdown then escapes
  CHECK_EQ(markdown("line\nbreak"), "line\\\\x0abreak");
}
