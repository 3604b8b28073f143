// tests/test_json_reader.cpp: the strict JSON reader. Every class of bad input
// is refused with its specific error; valid documents, the view API and number
// reading give the expected values; and a property test compares the reader
// with an independent reference reader on thousands of mutated documents.
#include "jwtcore/json_reader.hpp"

#include <doctest/doctest.h>

#include <cstddef>      // std::size_t, std::nullptr_t
#include <cstdint>      // std::int64_t, std::uint64_t
#include <cstdlib>      // getenv, setenv, unsetenv: JWTCORE_FORCE_KERNEL for the portable scans
#include <set>          // the reference reader's member names
#include <string>       // owned documents
#include <string_view>  // borrowed text
#include <vector>       // decode buffers with a guard byte

namespace {

using namespace std::string_view_literals;  // "..."sv keeps embedded NUL bytes
using jwtcore::json_kind;
using jwtcore::json_limits;
using jwtcore::json_range;
using jwtcore::json_value;

// The verdict of the pass with or without its name table (JWTCORE_SIZE_FIRST
// builds use the one without; both are compiled and checked in every build),
// handing members over or not (Sink std::nullptr_t: what a caller that only
// validates links).
template <bool CacheNames, class Sink = jwtcore::json_member_sink>
jwtcore::result<json_value> read_with(std::string_view text, const json_limits& limits, Sink on_member = nullptr,
                                      void* context = nullptr) {
  jwtcore::detail::json_pass_state state{};
  return jwtcore::detail::json_read_pass<CacheNames>(text, limits, on_member, context, state);
}

bool same_verdict(const jwtcore::result<json_value>& a, const jwtcore::result<json_value>& b) {
  if (a.has_value() != b.has_value()) return false;
  return a ? a->raw().data() == b->raw().data() && a->raw().size() == b->raw().size() : a.error() == b.error();
}

// "ok" or the stable name of the error: readable in a failed CHECK.
// The verdict of json_validate. On the way, for every text a test gives it,
// the forms of the pass must agree: same verdict, same root.
std::string outcome(std::string_view text, const json_limits& limits = {}) {
  const jwtcore::result<json_value> cached = read_with<true>(text, limits);
  CHECK(same_verdict(cached, read_with<false>(text, limits)));
  CHECK(same_verdict(cached, read_with<true, std::nullptr_t>(text, limits)));
  CHECK(same_verdict(cached, read_with<false, std::nullptr_t>(text, limits)));
  const jwtcore::result<void> r = jwtcore::json_validate(text, limits);
  return r ? std::string("ok") : std::string(jwtcore::to_string(r.error()));
}

json_value parse(std::string_view text) {
  const jwtcore::result<json_value> r = jwtcore::json_parse(text);
  CHECK_MESSAGE(r.has_value(), text);
  return r ? *r : json_value();
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

std::string decoded(const json_value& v) {
  const jwtcore::result<std::size_t> size = v.string_size();
  if (!size) return "<not a string>";
  std::string out(*size, '\0');
  const jwtcore::result<std::size_t> written = v.decode_string(out.data(), out.size());
  CHECK(written.has_value());
  CHECK(*written == *size);
  return out;
}

#define JWTCORE_CHECK_OK(expr)                                                      \
  do {                                                                              \
    const jwtcore::result<void> check_ok_result = (expr);                           \
    CHECK_MESSAGE(check_ok_result.has_value(), jwtcore::to_string(check_ok_result.error())); \
  } while (0)

struct case_ {
  const char* what;
  std::string_view text;
  const char* expected;
};

void check_cases(const case_* cases, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    CAPTURE(cases[i].what);
    CHECK(outcome(cases[i].text) == cases[i].expected);
  }
}

// ---- compile-time use ------------------------------------------------------------

static_assert(jwtcore::json_validate_object(R"({"a":[1,2.5e3,{"b":null}],"c":"\u00e9\ud83d\ude00"})"));
static_assert(jwtcore::json_validate(R"({"a":1,"\u0061":2})").error() == jwtcore::error::duplicate_member);
static_assert(jwtcore::json_validate("[1,]").error() == jwtcore::error::bad_json);
static_assert(jwtcore::json_parse(R"({"a":{"b":[true]}})")->find("a").find("b").kind() == json_kind::array);
static_assert(jwtcore::json_parse(R"({"a\/b":"x\ty"})")->find("a/b").string_equals("x\ty"));
static_assert(*jwtcore::json_parse("1.3e9")->as_int64() == 1300000000);
static_assert(jwtcore::json_parse("-1e400")->as_numeric_date()->range == json_range::below_min);

// ---- syntax ----------------------------------------------------------------------

TEST_CASE("syntax: malformed documents are bad_json, bad escapes bad_escape (trailing comma, missing colon, "
          "unquoted name, single quotes, leading zero, +1, .5, 1., 1e, NaN, Infinity, -, control character, "
          "\\x, \\u12, BOM, trailing data, two values, empty, whitespace only, comments, ...)") {
  static const case_ cases[] = {
      {"trailing comma in an object", R"({"a":1,})", "bad_json"},
      {"trailing comma in an array", "[1,]", "bad_json"},
      {"trailing comma, nested", R"({"a":[1,2,],"b":2})", "bad_json"},
      {"missing colon", R"({"a" 1})", "bad_json"},
      {"missing value", R"({"a":})", "bad_json"},
      {"missing name", R"({:1})", "bad_json"},
      {"unquoted name", "{a:1}", "bad_json"},
      {"number as name", "{1:2}", "bad_json"},
      {"single-quoted name", "{'a':1}", "bad_json"},
      {"single-quoted string", "['a']", "bad_json"},
      {"leading zero", "01", "bad_json"},
      {"leading zero, negative", "-01", "bad_json"},
      {"leading zero in an array", "[00]", "bad_json"},
      {"plus sign", "+1", "bad_json"},
      {"leading dot", ".5", "bad_json"},
      {"trailing dot", "1.", "bad_json"},
      {"dot then exponent", "1.e5", "bad_json"},
      {"bare exponent", "1e", "bad_json"},
      {"exponent sign without digits", "1e+", "bad_json"},
      {"fractional exponent", "1e1.5", "bad_json"},
      {"hex number", "0x10", "bad_json"},
      {"NaN", "NaN", "bad_json"},
      {"Infinity", "Infinity", "bad_json"},
      {"-Infinity", "-Infinity", "bad_json"},
      {"lone minus", "-", "bad_json"},
      {"double minus", "--1", "bad_json"},
      {"minus then space", "- 1", "bad_json"},
      {"number then letter", "1a", "bad_json"},
      {"control character 0x01 in a string", "\"a\x01z\"", "bad_json"},
      {"raw line feed in a string", "\"a\nb\"", "bad_json"},
      {"raw tab in a string", "\"a\tb\"", "bad_json"},
      {"raw NUL in a string", "\"a\0b\""sv, "bad_json"},
      {"control character 0x1F in a name", "{\"\x1F\":1}", "bad_json"},
      {"escape \\x", R"("\x41")", "bad_escape"},
      {"escape \\'", R"("\'")", "bad_escape"},
      {"escape \\U (capital)", R"("\U0041")", "bad_escape"},
      {"escape \\0", R"("\0")", "bad_escape"},
      {"short \\u12", R"("\u12")", "bad_escape"},
      {"short \\u12 at the end of input", R"("\u12)", "bad_escape"},
      {"non-hex \\u12G4", R"("\u12G4")", "bad_escape"},
      {"backslash at the end of input", R"("\)", "bad_escape"},
      {"byte order mark", "\xEF\xBB\xBF{}", "bad_json"},
      {"trailing data", "{} x", "bad_json"},
      {"two objects", "{}{}", "bad_json"},
      {"two numbers", "1 2", "bad_json"},
      {"string then text", R"("a"b)", "bad_json"},
      {"empty input", "", "bad_json"},
      {"only whitespace", " \t\r\n", "bad_json"},
      {"line comment", "{} // c", "bad_json"},
      {"block comment before", "/* c */ {}", "bad_json"},
      {"block comment inside", R"({"a":1 /* c */})", "bad_json"},
      {"hash comment", "# c\n1", "bad_json"},
      {"unterminated string", R"("abc)", "bad_json"},
      {"unterminated object", R"({"a":1)", "bad_json"},
      {"unterminated array", "[1,2", "bad_json"},
      {"only an opening bracket", "[", "bad_json"},
      {"mismatched close ]}", "[1}", "bad_json"},
      {"mismatched close }]", R"({"a":1])", "bad_json"},
      {"extra close", "{}}", "bad_json"},
      {"stray close", "]", "bad_json"},
      {"missing comma between members", R"({"a":1 "b":2})", "bad_json"},
      {"missing comma between elements", "[1 2]", "bad_json"},
      {"double comma", "[1,,2]", "bad_json"},
      {"leading comma", "[,1]", "bad_json"},
      {"only a comma in an object", "{,}", "bad_json"},
      {"colon in an array", "[1:2]", "bad_json"},
      {"literal in capitals", "True", "bad_json"},
      {"truncated literal", "nul", "bad_json"},
      {"literal with a suffix", "truex", "bad_json"},
      {"literal doubled letter", "nulll", "bad_json"},
      {"undefined", "undefined", "bad_json"},
      {"form feed is not JSON whitespace", "\f1", "bad_json"},
      {"vertical tab is not JSON whitespace", "[1,\v2]", "bad_json"},
      {"no-break space is not JSON whitespace", "\xC2\xA0" "1", "bad_json"},
      {"non-ASCII byte outside a string", "[\xC3\xA9]", "bad_json"},
      {"NUL after the value", "{}\0"sv, "bad_json"},
  };
  static_assert(sizeof(cases) / sizeof(cases[0]) >= 40);
  check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

TEST_CASE("syntax: the first error in text order is the one reported; duplicates come after every syntax error") {
  CHECK(outcome(R"({"a":1,"a":2,})") == "bad_json");
  CHECK(outcome(R"({"a":1,"a":2,"b":"\x"})") == "bad_escape");
  CHECK(outcome("[\"\xC0\x80\", \"\\q\"]") == "bad_utf8");
  CHECK(outcome("[\"\\q\", \"\xC0\x80\"]") == "bad_escape");
  CHECK(outcome(std::string(65, '[') + "1,]") == "too_deep");
  CHECK(outcome("[1,]" + std::string(65, '[')) == "bad_json");
}

// ---- UTF-8 -----------------------------------------------------------------------

TEST_CASE("utf8: overlong 2/3/4-byte, encoded surrogates, above U+10FFFF, truncated, lone continuation, "
          "FE/FF, C0/C1 are bad_utf8") {
  static const case_ cases[] = {
      {"overlong 2-byte C0 80 (NUL)", "\"\xC0\x80\"", "bad_utf8"},
      {"overlong 2-byte C0 AF ('/')", "\"\xC0\xAF\"", "bad_utf8"},
      {"overlong 2-byte C1 BF", "\"\xC1\xBF\"", "bad_utf8"},
      {"overlong 3-byte E0 80 80", "\"\xE0\x80\x80\"", "bad_utf8"},
      {"overlong 3-byte E0 9F BF", "\"\xE0\x9F\xBF\"", "bad_utf8"},
      {"overlong 4-byte F0 80 80 80", "\"\xF0\x80\x80\x80\"", "bad_utf8"},
      {"overlong 4-byte F0 8F BF BF", "\"\xF0\x8F\xBF\xBF\"", "bad_utf8"},
      {"encoded surrogate ED A0 80 (U+D800)", "\"\xED\xA0\x80\"", "bad_utf8"},
      {"encoded surrogate ED BF BF (U+DFFF)", "\"\xED\xBF\xBF\"", "bad_utf8"},
      {"encoded surrogate pair ED A0 BD ED B8 80", "\"\xED\xA0\xBD\xED\xB8\x80\"", "bad_utf8"},
      {"above U+10FFFF: F4 90 80 80", "\"\xF4\x90\x80\x80\"", "bad_utf8"},
      {"above U+10FFFF: F5 80 80 80", "\"\xF5\x80\x80\x80\"", "bad_utf8"},
      {"above U+10FFFF: F7 BF BF BF", "\"\xF7\xBF\xBF\xBF\"", "bad_utf8"},
      {"5-byte form F8 88 80 80 80", "\"\xF8\x88\x80\x80\x80\"", "bad_utf8"},
      {"6-byte form FC 84 80 80 80 80", "\"\xFC\x84\x80\x80\x80\x80\"", "bad_utf8"},
      {"truncated 2-byte at the end of input", "\"\xC3", "bad_utf8"},
      {"truncated 3-byte at the end of input", "\"\xE2\x82", "bad_utf8"},
      {"truncated 4-byte at the end of input", "\"\xF0\x9F\x98", "bad_utf8"},
      {"truncated 2-byte before a quote", "\"\xC3\"", "bad_utf8"},
      {"truncated 3-byte before a quote", "\"\xE2\x82\"", "bad_utf8"},
      {"truncated 4-byte before a quote", "\"\xF0\x9F\x98\"", "bad_utf8"},
      {"3-byte broken in the middle", "\"\xE2\x28\xA1\"", "bad_utf8"},
      {"lone continuation 80", "\"\x80\"", "bad_utf8"},
      {"lone continuation BF after ASCII", "\"a\xBF" "b\"", "bad_utf8"},
      {"continuation after a complete sequence", "\"\xC3\xA9\xA9\"", "bad_utf8"},
      {"FE", "\"\xFE\"", "bad_utf8"},
      {"FF", "\"\xFF\"", "bad_utf8"},
      {"C0 alone", "\"\xC0\"", "bad_utf8"},
      {"C1 alone", "\"\xC1\"", "bad_utf8"},
      {"bad UTF-8 in a member name", "{\"\xED\xA0\x80\":1}", "bad_utf8"},
      {"bad UTF-8 deep inside", "{\"a\":[1,{\"b\":\"ok\xF4\x90\x80\x80\"}]}", "bad_utf8"},
      // The edges that are valid.
      {"U+0080 C2 80", "\"\xC2\x80\"", "ok"},
      {"U+07FF DF BF", "\"\xDF\xBF\"", "ok"},
      {"U+0800 E0 A0 80", "\"\xE0\xA0\x80\"", "ok"},
      {"U+D7FF ED 9F BF", "\"\xED\x9F\xBF\"", "ok"},
      {"U+E000 EE 80 80", "\"\xEE\x80\x80\"", "ok"},
      {"U+FFFF EF BF BF", "\"\xEF\xBF\xBF\"", "ok"},
      {"U+10000 F0 90 80 80", "\"\xF0\x90\x80\x80\"", "ok"},
      {"U+10FFFF F4 8F BF BF", "\"\xF4\x8F\xBF\xBF\"", "ok"},
      {"DEL 7F needs no escape", "\"\x7F\"", "ok"},
  };
  check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

TEST_CASE("escapes: lone surrogate escapes are bad_escape (\\ud800 alone, \\udc00 alone, \\ud800\\u0041, "
          "high at the end of the string)") {
  static const case_ cases[] = {
      {"high alone", R"("\ud800")", "bad_escape"},
      {"low alone", R"("\udc00")", "bad_escape"},
      {"low alone, capitals", R"("\uDFFF")", "bad_escape"},
      {"high then \\u0041", R"("\ud800\u0041")", "bad_escape"},
      {"high then a letter", R"("\ud800x")", "bad_escape"},
      {"high at the end of the string", R"("abc\ud83d")", "bad_escape"},
      {"high at the end of input", R"("\ud83d)", "bad_escape"},
      {"high then a cut \\u", R"("\ud83d\ude0)", "bad_escape"},
      {"high then high", R"("\ud800\ud800")", "bad_escape"},
      {"low then high", R"("\udc00\ud800")", "bad_escape"},
      {"high then \\n", R"("\ud800\n")", "bad_escape"},
      {"high then an escaped backslash", R"("\ud800\\udc00")", "bad_escape"},
      {"lone surrogate in a member name", R"({"\udc00":1})", "bad_escape"},
      {"pair is fine", R"("\ud800\udc00")", "ok"},
      {"pair in capitals is fine", R"("\uD83D\uDE00")", "ok"},
      {"\\u0000 is fine", R"("\u0000")", "ok"},
  };
  check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

// ---- duplicates ----------------------------------------------------------------------

TEST_CASE("duplicates: at the top level, nested 5 deep, in arrays and via escapes are duplicate_member") {
  static const case_ cases[] = {
      {"top level", R"({"a":1,"a":2})", "duplicate_member"},
      {"top level, apart", R"({"a":1,"b":2,"c":3,"a":4})", "duplicate_member"},
      {"same value too", R"({"a":1,"a":1})", "duplicate_member"},
      {"empty names", R"({"":1,"":2})", "duplicate_member"},
      {"nested 5 deep", R"({"x":{"x":{"x":{"x":{"k":1,"y":2,"k":3}}}}})", "duplicate_member"},
      {"in an array element", R"([{"a":1},{"a":1,"a":2}])", "duplicate_member"},
      {"via \\u0061", R"({"a":1,"\u0061":2})", "duplicate_member"},
      {"via \\u0041 vs \\u0041 in another case", R"({"\u004A":1,"\u004a":2})", "duplicate_member"},
      {"raw UTF-8 vs \\u00e9", "{\"\xC3\xA9\":1,\"\\u00e9\":2}", "duplicate_member"},
      {"escaped slash", R"({"a/b":1,"a\/b":2})", "duplicate_member"},
      {"surrogate pair vs raw", "{\"\\ud83d\\ude00\":1,\"\xF0\x9F\x98\x80\":2}", "duplicate_member"},
      {"surrogate pair, two spellings", R"({"\ud83d\ude00":1,"\uD83D\uDE00":2})", "duplicate_member"},
      {"\\n vs \\u000a", R"({"\n":1,"\u000a":2})", "duplicate_member"},
      {"NUL names", R"({"\u0000":1,"\u0000":2})", "duplicate_member"},
      {"deep under an array, nested 5 deep", R"([[{"a":{"b":{"c":{"d":{"e":1,"e":2}}}}}]])", "duplicate_member"},
      // Names that differ.
      {"case differs", R"({"a":1,"A":2})", "ok"},
      {"trailing space differs", R"({"a":1,"a ":2})", "ok"},
      {"prefix", R"({"a":1,"\u0061b":2,"ab\u0000":3})", "ok"},
      {"same name at different levels", R"({"a":{"a":{"a":1}}})", "ok"},
      {"same name in sibling objects", R"([{"a":1},{"a":2}])", "ok"},
      {"names that are values elsewhere", R"({"a":"b","b":"a"})", "ok"},
      // Names are first compared by their length and first seven decoded
      // bytes; names that agree there must still be told apart by the rest.
      {"same key, raw", R"({"claim_01x":1,"claim_01y":2})", "ok"},
      {"same key, escaped", R"({"claim_01x":1,"\u0063laim_01y":2})", "ok"},
      {"same key, differing in the last byte of many", R"({"https://a.example/x":1,"https://a.example/y":2})", "ok"},
      {"same key, then a real duplicate", R"({"claim_01x":1,"claim_01y":2,"claim_01\u0078":3})", "duplicate_member"},
      {"seven bytes exactly", R"({"abcdefg":1,"abcdef\u0067":2})", "duplicate_member"},
      {"eight bytes exactly", R"({"abcdefgh":1,"abcdefg\u0068":2})", "duplicate_member"},
      {"eight bytes, the last differs", R"({"abcdefgh":1,"abcdefgi":2})", "ok"},
      {"a NUL byte after the prefix", R"({"abc":1,"abc\u0000":2})", "ok"},
  };
  static_assert(jwtcore::detail::json_name_tag("claim_01x") == jwtcore::detail::json_name_tag("claim_01y"),
                "the cases above need names whose tags agree");
  static_assert(jwtcore::detail::json_name_tag("abc") != jwtcore::detail::json_name_tag(std::string_view("abc\0", 4)));
  check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

TEST_CASE("duplicates: an object's names count again once the objects inside it close; space around ':' and ','") {
  const case_ cases[] = {
      {"after an inner object", R"({"a":{"b":1},"a":2})", "duplicate_member"},
      {"the same name one level down", R"({"a":{"a":1},"b":2})", "ok"},
      {"in the middle object, after the innermost", R"({"a":{"b":{"c":1},"b":2}})", "duplicate_member"},
      {"inner names do not stay", R"({"a":{"b":{"c":1}},"c":2,"b":3})", "ok"},
      {"objects in an array", R"({"x":[{"y":1},{"y":2}],"y":3,"x":4})", "duplicate_member"},
      {"after empty objects", R"({"a":{},"b":{ },"a":1})", "duplicate_member"},
      {"with space everywhere", " { \"a\" : { \"b\" : 1 } , \"a\" : 2 } ", "duplicate_member"},
      {"space before ':' and ','", R"({"a" :1 ,"b":2 , "c" : [1 , 2]})", "ok"},
      {"space, then a trailing comma", R"({"a":1 , })", "bad_json"},
      {"no ':'", R"({"a" 1})", "bad_json"},
      {"no ','", R"({"a":1 "b":2})", "bad_json"},
  };
  check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

TEST_CASE("names: the tag of a plain name read as bytes is the tag of its decoding") {
  // JWTCORE_SIZE_FIRST builds take every tag from the decoding; the others read plain names as they are.
  const std::string text = "{\"\xC3\xA9t\xE2\x82\xAC\":1,\"claim_0123456789_claim\":2}";
  std::size_t checked = 0;
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    for (std::size_t end = begin; end <= text.size(); ++end) {
      const std::string_view body = std::string_view(text).substr(begin, end - begin);
      if (body.find('\\') != std::string_view::npos) continue;
      CHECK(jwtcore::detail::json_plain_name_tag(text, begin, end) == jwtcore::detail::json_escaped_name_tag(body));
      ++checked;
    }
  }
  CHECK(checked > 500);
  static_assert(jwtcore::detail::json_plain_name_tag("exp", 0, 3) == jwtcore::detail::json_escaped_name_tag("exp"));
}

TEST_CASE("duplicates: found for every pair of positions in a 70-member object (three passes of 32)") {
  const auto name = [](std::size_t i) { return "m" + std::to_string(i); };
  for (std::size_t first = 0; first < 70; ++first) {
    for (std::size_t second = first + 1; second < 70; ++second) {
      std::string doc = "{";
      for (std::size_t i = 0; i < 70; ++i) {
        if (i != 0) doc += ',';
        // The second one is spelled with an escape half the time.
        const std::string n = i == second ? name(first) : name(i);
        doc += '"' + (i == second && second % 2 == 0 ? "\\u006d" + n.substr(1) : n) + "\":" + std::to_string(i);
      }
      doc += '}';
      CAPTURE(first);
      CAPTURE(second);
      CHECK(outcome(doc) == "duplicate_member");
    }
  }
  std::string distinct = "{";
  for (std::size_t i = 0; i < 70; ++i) distinct += (i ? ",\"" : "\"") + name(i) + "\":[{\"m0\":0}]";
  CHECK(outcome(distinct + "}") == "ok");
}

// ---- limits ----------------------------------------------------------------------------

TEST_CASE("depth: exactly the limit accepted, limit+1 too_deep; 10,000 deep and 1 MiB of '[' refused at once") {
  const auto arrays = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  const auto objects = [](std::size_t depth) { return repeat(R"({"a":)", depth) + "1" + std::string(depth, '}'); };
  const auto mixed = [](std::size_t depth) {
    std::string open, close;
    for (std::size_t i = 0; i < depth; ++i) {
      open += i % 2 ? "[" : R"({"k":)";
      close.insert(close.begin(), i % 2 ? ']' : '}');
    }
    return open + "0" + close;
  };
  CHECK(outcome(arrays(64)) == "ok");
  CHECK(outcome(arrays(65)) == "too_deep");
  CHECK(outcome(objects(64)) == "ok");
  CHECK(outcome(objects(65)) == "too_deep");
  CHECK(outcome(mixed(64)) == "ok");
  CHECK(outcome(mixed(65)) == "too_deep");

  json_limits three;
  three.max_depth = 3;
  CHECK(outcome("[[[]]]", three) == "ok");
  CHECK(outcome("[[[[]]]]", three) == "too_deep");
  CHECK(outcome(R"([{"a":[{}]}])", three) == "too_deep");
  json_limits flat;
  flat.max_depth = 0;
  CHECK(outcome("\"scalars need no depth\"", flat) == "ok");
  CHECK(outcome("[]", flat) == "too_deep");

  CHECK(outcome(arrays(10000)) == "too_deep");
  CHECK(outcome(objects(10000)) == "too_deep");
  CHECK(outcome(std::string(10000, '[')) == "too_deep");

  // A limit above the cap counts as the cap: the depth bits have a fixed size.
  json_limits deep;
  deep.max_depth = static_cast<std::size_t>(-1);
  CHECK(outcome(arrays(jwtcore::json_max_depth_cap), deep) == "ok");
  CHECK(outcome(objects(jwtcore::json_max_depth_cap), deep) == "ok");
  CHECK(outcome(arrays(jwtcore::json_max_depth_cap + 1), deep) == "too_deep");
  CHECK(outcome(arrays(10000), deep) == "too_deep");

  const std::string mib(std::size_t{1} << 20, '[');
  CHECK(outcome(mib) == "too_deep");        // exactly the default size limit
  CHECK(outcome(mib, deep) == "too_deep");
  CHECK(outcome(mib + "[") == "too_large");  // one byte past it
  CHECK(outcome(std::string(64, '[')) == "bad_json");  // unclosed within the limit
}

TEST_CASE("limits: size and members per object beyond their limits are too_large") {
  json_limits small;
  small.max_size = 7;
  CHECK(outcome("[1,2,3]", small) == "ok");
  CHECK(outcome("[1,2,34]", small) == "too_large");
  CHECK(outcome(" [1,2,3]", small) == "too_large");

  const auto object_of = [](std::size_t members) {
    std::string doc = "{";
    for (std::size_t i = 0; i < members; ++i) doc += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
    return doc + "}";
  };
  CHECK(outcome(object_of(256)) == "ok");
  CHECK(outcome(object_of(257)) == "too_large");
  CHECK(outcome("[" + object_of(257) + "]") == "too_large");
  json_limits two;
  two.max_members = 2;
  CHECK(outcome(R"({"a":1,"b":{"c":1,"d":2}})", two) == "ok");
  CHECK(outcome(R"({"a":1,"b":{"c":1,"d":2,"e":3}})", two) == "too_large");
  CHECK(outcome("[1,2,3,4,5]", two) == "ok");  // arrays have no member limit
}

TEST_CASE("limits: the shapes that make the duplicate check rescan the most are accepted, in bounded time") {
  // Nested objects of 256 members each, the next level last, filler at the
  // bottom: every level rescans everything below it once per 32 members.
  const auto hostile = [](std::size_t levels, std::size_t size) {
    std::string doc;
    for (std::size_t level = 0; level < levels; ++level) {
      doc += '{';
      for (std::size_t i = 0; i < 255; ++i) doc += '"' + std::to_string(i) + "\":0,";
      doc += "\"next\":";
    }
    doc += '[' + repeat("0,", (size - doc.size() - levels - 3) / 2) + "0]";
    return doc + std::string(levels, '}');
  };
  // Within the verifier's default 16 KiB token cap: as many such levels as fit...
  const std::string token_sized = hostile(8, 16 * 1024);
  CHECK(token_sized.size() <= 16 * 1024);
  CHECK(outcome(token_sized) == "ok");
  // ...and 1 MiB at a depth that keeps the debug build quick (the full
  // 64-level, 1 MiB shape takes about 0.2 s at -O2 on a current x86-64).
  const std::string large = hostile(6, std::size_t{1} << 20);
  CHECK(large.size() <= std::size_t{1} << 20);
  CHECK(outcome(large) == "ok");
  json_limits shallow;
  shallow.max_depth = 5;
  CHECK(outcome(large, shallow) == "too_deep");
}

// ---- valid documents ----------------------------------------------------------------------

TEST_CASE("valid: every kind of value at the top level, with RFC 8259 whitespace around it") {
  struct kind_case {
    std::string_view text;
    json_kind kind;
    std::string_view raw;
  };
  static const kind_case cases[] = {
      {"{}", json_kind::object, "{}"},
      {" \t\r\n{ \"a\" : [ ] }\n", json_kind::object, "{ \"a\" : [ ] }"},
      {"[]", json_kind::array, "[]"},
      {"[ 1 , \"x\" , null ]", json_kind::array, "[ 1 , \"x\" , null ]"},
      {"\"s\"", json_kind::string, "\"s\""},
      {"\"\"", json_kind::string, "\"\""},
      {"0", json_kind::number, "0"},
      {" -0 ", json_kind::number, "-0"},
      {"-1.5e+3", json_kind::number, "-1.5e+3"},
      {"2E-2", json_kind::number, "2E-2"},
      {"10.01", json_kind::number, "10.01"},
      {"true", json_kind::true_value, "true"},
      {"false", json_kind::false_value, "false"},
      {"\r\nnull\t", json_kind::null_value, "null"},
  };
  for (const kind_case& c : cases) {
    CAPTURE(c.text);
    const jwtcore::result<json_value> v = jwtcore::json_parse(c.text);
    CHECK(v.has_value());
    if (!v) continue;
    CHECK(v->kind() == c.kind);
    CHECK(v->raw() == c.raw);
    CHECK(static_cast<bool>(*v));
  }
  CHECK(jwtcore::json_parse_object("[]").error() == jwtcore::error::bad_payload);
  CHECK(jwtcore::json_validate_object("\"x\"").error() == jwtcore::error::bad_payload);
  CHECK(jwtcore::json_validate_object("[1,]").error() == jwtcore::error::bad_json);
  CHECK(jwtcore::json_validate_object(" {} ").has_value());
}

TEST_CASE("valid: nested 20 deep, walked down by find() and elements()") {
  std::string doc;
  for (int i = 0; i < 10; ++i) doc += R"({"k":[)";
  doc += R"("bottom")";
  for (int i = 0; i < 10; ++i) doc += "]}";
  json_value v = parse(doc);
  for (int i = 0; i < 10; ++i) {
    CHECK(v.kind() == json_kind::object);
    v = v.find("k");
    CHECK(v.kind() == json_kind::array);
    v = *v.elements().begin();
  }
  CHECK(v.string_equals("bottom"));
}

TEST_CASE("valid: unicode escapes and raw UTF-8 decode to the bytes Python gives") {
  // Expected bytes from python3: json.loads(text).encode("utf-8").
  struct unicode_case {
    std::string_view text;
    std::string_view bytes;
  };
  static const unicode_case cases[] = {
      {R"("\u00e9")", "\xC3\xA9"},
      {R"("\u20ac")", "\xE2\x82\xAC"},
      {R"("\ud83d\ude00")", "\xF0\x9F\x98\x80"},
      {R"("\uD834\uDD1E")", "\xF0\x9D\x84\x9E"},
      {R"("\udbff\udfff")", "\xF4\x8F\xBF\xBF"},
      {R"("\ud800\udc00")", "\xF0\x90\x80\x80"},
      {R"("\u0000")", "\x00"sv},
      {R"("\u007f")", "\x7F"},
      {R"("\u0080")", "\xC2\x80"},
      {R"("\u07ff")", "\xDF\xBF"},
      {R"("\u0800")", "\xE0\xA0\x80"},
      {R"("\uffff")", "\xEF\xBF\xBF"},
      {R"("\uFEFF")", "\xEF\xBB\xBF"},
      {R"("\u0041\u00DF\u6771\uD801\uDC00")", "\x41\xC3\x9F\xE6\x9D\xB1\xF0\x90\x90\x80"},
      {"\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\"", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"},
      {"\"a\xC3\x9F\\u00DF\xE6\x9D\xB1\"", "a\xC3\x9F\xC3\x9F\xE6\x9D\xB1"},
  };
  for (const unicode_case& c : cases) {
    CAPTURE(c.text);
    const json_value v = parse(c.text);
    CHECK(decoded(v) == c.bytes);
    CHECK(v.string_equals(c.bytes));
    CHECK(*v.string_size() == c.bytes.size());
  }
}

TEST_CASE("valid: every escape decodes to its byte") {
  // python3: json.loads(r'"a\/b\"c\\d\b\f\n\r\t"').encode()
  const json_value v = parse(R"("a\/b\"c\\d\b\f\n\r\t")");
  CHECK(decoded(v) == "\x61\x2F\x62\x22\x63\x5C\x64\x08\x0C\x0A\x0D\x09");
  CHECK(decoded(parse(R"("\u0061\u0041\u007A")")) == "aAz");
  CHECK(decoded(parse(R"("\uABCD\uabcd")")) == "\xEA\xAF\x8D\xEA\xAF\x8D");
  CHECK(decoded(parse(R"("")")) == "");
}

TEST_CASE("valid: a 4 KB claim set, every member found with the right kind and value") {
  std::string doc = R"({"iss":"https:\/\/tenant.example.com\/","sub":"client@clients","aud":"CLIENT-ID",)"
                    R"("iat":1300819380,"exp":1300905780,"jti":"0123456789abcdef0123456789abcdef",)";
  for (int i = 0; i < 70; ++i) {
    doc += "\"claim_" + std::to_string(i) + "\":{\"n\":" + std::to_string(i * 7) + ",\"s\":\"v\\u00e9" +
           std::to_string(i) + "\",\"l\":[true,false,null]},";
  }
  doc += R"("scope":"read:users update:clients"})";
  CHECK(doc.size() > 4000);
  CHECK(doc.size() < 5000);
  const jwtcore::result<json_value> root = jwtcore::json_parse_object(doc);
  CHECK(root.has_value());
  if (!root) return;
  CHECK(root->find("iss").string_equals("https://tenant.example.com/"));
  CHECK(*root->find("exp").as_int64() == 1300905780);
  CHECK(root->find("scope").string_equals("read:users update:clients"));
  std::size_t count = 0;
  for (const jwtcore::json_member& m : root->members()) {
    ++count;
    CHECK(m.name.kind() == json_kind::string);
    CHECK(root->find(decoded(m.name)).raw().data() == m.value.raw().data());
  }
  CHECK(count == 77);
  for (int i = 0; i < 70; ++i) {
    const json_value claim = root->find("claim_" + std::to_string(i));
    CHECK(claim.kind() == json_kind::object);
    CHECK(*claim.find("n").as_int64() == i * 7);
    CHECK(claim.find("s").string_equals("v\xC3\xA9" + std::to_string(i)));
    std::string kinds;
    for (const json_value& e : claim.find("l").elements()) kinds += std::string(jwtcore::to_string(e.kind())) + ",";
    CHECK(kinds == "true,false,null,");
  }
}

// ---- the view API ----------------------------------------------------------------------------

TEST_CASE("lookup: find, kinds, raw spans, iteration and string comparison with escapes") {
  const std::string doc = R"( {"iss":"https:\/\/issuer.example\/","aud":["a","b\u0063"],"exp":1300819380,)"
                          R"("nbf":1.3e9,"admin":true,"off":false,"x":null,"nested":{"k":[1,{"z":false}]},)"
                          R"("\u006bid":"k1","a\/b":"x","empty":"","obj":{},"arr":[]} )";
  const json_value root = parse(doc);
  CHECK(root.kind() == json_kind::object);
  CHECK(root.raw().front() == '{');
  CHECK(root.raw().back() == '}');

  CHECK(root.find("iss").kind() == json_kind::string);
  CHECK(root.find("iss").string_equals("https://issuer.example/"));
  CHECK_FALSE(root.find("iss").string_equals(R"(https:\/\/issuer.example\/)"));
  CHECK_FALSE(root.find("iss").string_equals("https://issuer.example"));
  CHECK_FALSE(root.find("iss").string_equals("https://issuer.example//"));
  CHECK(root.find("iss").raw() == R"("https:\/\/issuer.example\/")");
  CHECK(root.find("aud").kind() == json_kind::array);
  CHECK(root.find("exp").kind() == json_kind::number);
  CHECK(root.find("exp").raw() == "1300819380");
  CHECK(root.find("admin").kind() == json_kind::true_value);
  CHECK(*root.find("admin").as_bool());
  CHECK_FALSE(*root.find("off").as_bool());
  CHECK(root.find("x").kind() == json_kind::null_value);
  CHECK(root.find("x").as_bool().error() == jwtcore::error::bad_claim);
  CHECK(root.find("nested").kind() == json_kind::object);
  CHECK(root.find("kid").string_equals("k1"));           // the name is spelled with an escape
  CHECK(root.find("a/b").string_equals("x"));            // "a\/b" equals "a/b"
  CHECK_FALSE(root.find(R"(a\/b)"));
  CHECK(root.find("empty").string_equals(""));
  CHECK(root.find("obj").members().empty());
  CHECK(root.find("arr").elements().empty());

  const json_value missing = root.find("missing");
  CHECK_FALSE(missing);
  CHECK(missing.kind() == json_kind::none);
  CHECK(missing.raw().empty());
  CHECK_FALSE(missing.find("a"));
  CHECK_FALSE(missing.string_equals(""));
  CHECK(missing.members().empty());
  CHECK(missing.as_int64().error() == jwtcore::error::bad_claim);
  CHECK_FALSE(root.find("aud").find("a"));  // find on an array
  CHECK(root.find("exp").members().empty());
  CHECK(root.members().begin() != root.members().end());
  CHECK(root.elements().empty());
  CHECK_FALSE(root.find("exp").string_equals("1300819380"));  // a number is not a string
  CHECK(root.find("exp").string_size().error() == jwtcore::error::bad_claim);

  std::string names;
  for (const jwtcore::json_member& m : root.members()) names += decoded(m.name) + ",";
  CHECK(names == "iss,aud,exp,nbf,admin,off,x,nested,kid,a/b,empty,obj,arr,");
  std::string aud;
  for (const json_value& e : root.find("aud").elements()) aud += decoded(e) + ",";
  CHECK(aud == "a,bc,");
  CHECK(root.find("aud").elements().begin()->string_equals("a"));

  const json_value k = root.find("nested").find("k");
  auto it = k.elements().begin();
  CHECK(it->raw() == "1");
  ++it;
  CHECK(it->find("z").kind() == json_kind::false_value);
  ++it;
  CHECK(it == k.elements().end());
}

TEST_CASE("decode: every too-small capacity is buffer_too_small and writes nothing; the guard byte survives") {
  const std::string_view texts[] = {R"("abc")", R"("a\/b\n")", R"("\u00e9\u20ac\ud83d\ude00")",
                                    "\"\xF0\x9F\x98\x80x\"", R"("\u0000\u0000")"};
  for (const std::string_view text : texts) {
    CAPTURE(text);
    const json_value v = parse(text);
    const std::size_t size = *v.string_size();
    for (std::size_t capacity = 0; capacity <= size; ++capacity) {
      CAPTURE(capacity);
      std::vector<char> buffer(capacity + 1, '\xA5');
      const jwtcore::result<std::size_t> r = v.decode_string(buffer.data(), capacity);
      if (capacity < size) {
        CHECK(r.error() == jwtcore::error::buffer_too_small);
        for (const char c : buffer) CHECK(c == '\xA5');  // nothing written, guard intact
      } else {
        CHECK(*r == size);
        CHECK(buffer[capacity] == '\xA5');
      }
    }
  }
  const json_value number = parse("12");
  char out[4] = {};
  CHECK(number.decode_string(out, sizeof out).error() == jwtcore::error::bad_claim);
  CHECK(parse(R"("")").decode_string(nullptr, 0).has_value());
}

// ---- numbers -------------------------------------------------------------------------------

TEST_CASE("numbers: as_int64 is exact in range, bad_claim beyond it or with a fraction") {
  struct int_case {
    std::string_view text;
    bool ok;
    std::int64_t value;
  };
  static const int_case cases[] = {
      {"0", true, 0},
      {"-0", true, 0},
      {"-0.0e5", true, 0},
      {"1", true, 1},
      {"-1", true, -1},
      {"1300819380", true, 1300819380},
      {"9223372036854775807", true, INT64_MAX},
      {"-9223372036854775808", true, INT64_MIN},
      {"9223372036854775808", false, 0},
      {"-9223372036854775809", false, 0},
      {"18446744073709551615", false, 0},
      {"18446744073709551616", false, 0},
      {"9999999999999999999", false, 0},
      {"1.0", true, 1},
      {"1e3", true, 1000},
      {"1E+3", true, 1000},
      {"12.5e1", true, 125},
      {"100e-2", true, 1},
      {"9.223372036854775807e18", true, INT64_MAX},
      {"9.223372036854775808e18", false, 0},
      {"-92233720368547758.08e2", true, INT64_MIN},
      {"0.5", false, 0},
      {"1.25e1", false, 0},
      {"1e-1", false, 0},
      {"1e19", false, 0},
      {"1e309", false, 0},
      {"-1e309", false, 0},
      {"1e-400", false, 0},
      {"0e999999999999999999999999", true, 0},
  };
  for (const int_case& c : cases) {
    CAPTURE(c.text);
    const jwtcore::result<std::int64_t> r = parse(c.text).as_int64();
    CHECK(r.has_value() == c.ok);
    if (c.ok && r) CHECK(*r == c.value);
    if (!c.ok) CHECK(r.error() == jwtcore::error::bad_claim);
  }
  const std::string digits400 = "1" + std::string(399, '0');
  CHECK(parse(digits400).as_int64().error() == jwtcore::error::bad_claim);
  CHECK(parse("-" + digits400).as_int64().error() == jwtcore::error::bad_claim);
  CHECK(*parse(digits400 + "e-399").as_int64() == 1);
  CHECK(*parse(digits400 + "e-398").as_int64() == 10);
  CHECK(*parse("0." + std::string(399, '0') + "5e400").as_int64() == 5);
  CHECK(parse(R"("12")").as_int64().error() == jwtcore::error::bad_claim);
  CHECK(parse("true").as_int64().error() == jwtcore::error::bad_claim);
}

TEST_CASE("numbers: as_numeric_date floors fractions and clamps out-of-range values with a flag") {
  struct date_case {
    std::string_view text;
    std::int64_t seconds;
    json_range range;
    bool fraction;
  };
  static const date_case cases[] = {
      {"1300819380", 1300819380, json_range::in_range, false},
      {"1300819380.5", 1300819380, json_range::in_range, true},
      {"1.3e9", 1300000000, json_range::in_range, false},
      {"1.30081938e+9", 1300819380, json_range::in_range, false},
      {"13008193805e-1", 1300819380, json_range::in_range, true},
      {"0", 0, json_range::in_range, false},
      {"-0", 0, json_range::in_range, false},
      {"0.0", 0, json_range::in_range, false},
      {"0.5", 0, json_range::in_range, true},
      {"-0.5", -1, json_range::in_range, true},
      {"1.5", 1, json_range::in_range, true},
      {"-1.5", -2, json_range::in_range, true},
      {"-2", -2, json_range::in_range, false},
      {"1e-400", 0, json_range::in_range, true},
      {"-1e-400", -1, json_range::in_range, true},
      {"1e-99999999999999999999999999", 0, json_range::in_range, true},
      {"1e0000000000000000000000000000001", 10, json_range::in_range, false},
      {"9223372036854775807", INT64_MAX, json_range::in_range, false},
      {"9223372036854775807.9", INT64_MAX, json_range::in_range, true},
      {"9223372036854775808", INT64_MAX, json_range::above_max, false},
      {"1e19", INT64_MAX, json_range::above_max, false},
      {"1e309", INT64_MAX, json_range::above_max, false},
      {"1e99999999999999999999999999", INT64_MAX, json_range::above_max, false},
      {"-9223372036854775808", INT64_MIN, json_range::in_range, false},
      {"-9223372036854775807.5", INT64_MIN, json_range::in_range, true},
      {"-9223372036854775808.5", INT64_MIN, json_range::below_min, true},
      {"-9223372036854775809", INT64_MIN, json_range::below_min, false},
      {"-1e309", INT64_MIN, json_range::below_min, false},
      {"-1e400", INT64_MIN, json_range::below_min, false},
  };
  for (const date_case& c : cases) {
    CAPTURE(c.text);
    const jwtcore::result<jwtcore::json_numeric_date> d = parse(c.text).as_numeric_date();
    CHECK(d.has_value());
    if (!d) continue;
    CHECK(d->seconds == c.seconds);
    CHECK(d->range == c.range);
    CHECK(d->had_fraction == c.fraction);
  }
  const std::string digits400 = "9" + std::string(399, '9');
  CHECK(parse(digits400).as_numeric_date()->range == json_range::above_max);
  CHECK(parse("-" + digits400).as_numeric_date()->range == json_range::below_min);
  CHECK(parse("0." + std::string(398, '0') + "1").as_numeric_date()->seconds == 0);
  CHECK(parse("-0." + std::string(398, '0') + "1").as_numeric_date()->seconds == -1);
  CHECK(parse("1300819380." + std::string(400, '0')).as_numeric_date()->had_fraction == false);
  CHECK(parse(R"("1300819380")").as_numeric_date().error() == jwtcore::error::bad_claim);
}

// ---- the one pass: its word and SSE2 scans, and the members it keeps --------------------------

// What the one pass must say about plain string text, byte by byte: the first
// byte at or after pos that is a quote, a backslash, below 0x20 or 0x80 and up.
std::size_t plain_end_by_bytes(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
    ++pos;
  }
  return pos;
}

std::size_t digits_end_by_bytes(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  return pos;
}

// Both variants of each scan, whichever one this build's pass uses.
namespace jd = jwtcore::detail;
constexpr auto skip_plain_words = jd::json_skip_words<jd::json_is_plain, jd::json_string_stops>;
constexpr auto skip_plain_bytes = jd::json_skip_bytes<jd::json_is_plain>;
constexpr auto skip_digits_words = jd::json_skip_words<jd::json_is_digit, jd::json_digit_stops>;
constexpr auto skip_digits_bytes = jd::json_skip_bytes<jd::json_is_digit>;

TEST_CASE("one pass: both variants of each scan find the same first stop as a byte loop") {
  // Every byte value at every position of runs of plain text long enough for
  // several words, starting at every offset, and every shorter length.
  // Mismatches are counted and checked once: millions of CHECKs would be slow.
  std::size_t checked = 0, plain_wrong = 0, digits_wrong = 0;
  for (std::size_t length = 0; length <= 40; ++length) {
    for (unsigned byte = 0; byte < 256; ++byte) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        if (at < length) text[at] = static_cast<char>(byte);
        std::string digits(text);
        for (char& c : digits) c = c == 'a' ? '7' : c;
        for (std::size_t from = 0; from <= length; from += 3) {
          const std::size_t expected = plain_end_by_bytes(text, from);
          plain_wrong += skip_plain_words(text, from) != expected || skip_plain_bytes(text, from) != expected;
          for (const std::string_view s : {std::string_view(digits), std::string_view(text)}) {
            const std::size_t end = digits_end_by_bytes(s, from);
            digits_wrong += skip_digits_words(s, from) != end || skip_digits_bytes(s, from) != end;
          }
          ++checked;
        }
      }
    }
  }
  CHECK(plain_wrong == 0);
  CHECK(digits_wrong == 0);
  CHECK(checked > 100000);
  // In constant expressions the byte-assembled words take over.
  static_assert(skip_plain_words("abcdefghijklmnopqrstuvwxyz\"", 0) == 26);
  static_assert(skip_plain_words("abcdefgh\x01", 2) == 8);
  static_assert(skip_digits_words("123456789012345x", 0) == 15);
}

// The block scan runs where the vector kernels do (in a portable build every
// byte is a stop to it, which is slow but right): from any start, the first
// stop is the byte loop's, across block edges and the end of the text.
TEST_CASE("one pass: the block scan finds the same first stop as a byte loop") {
  std::size_t checked = 0, wrong = 0;
  for (std::size_t length : {64u, 65u, 100u, 127u, 128u, 129u, 200u}) {
    for (unsigned byte = 0; byte < 256; byte += byte < 0x24 || byte > 0x7A ? 1 : 7) {
      for (std::size_t at = 0; at <= length; at += at < 70 ? 1 : 9) {
        std::string text(length, 'a');
        if (at < length) text[at] = static_cast<char>(byte);
        for (std::size_t from = 0; from <= length; from += 5) {
          jd::json_plain_scan scan{true, 0, jd::json_block_stops(text, 0)};
          const std::size_t expected = plain_end_by_bytes(text, from);
          const std::size_t found = scan.skip(text, from);
          wrong += found != expected && (jd::vector_kernels() || found != from);
          wrong += scan.skip(text, expected) != expected;  // the same scan, further on
          ++checked;
        }
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(checked > 100000);
}

// Where the vector kernels run, the pass scans strings by blocks; forced to
// the portable kernels, a word at a time. Both give every verdict alike on
// documents whose escapes, UTF-8 and errors fall on and around block edges.
TEST_CASE("one pass: the same verdicts with and without the vector kernels") {
  const char* forced = std::getenv("JWTCORE_FORCE_KERNEL");
  const std::string restore = forced != nullptr ? forced : "";
  const std::string_view pieces[] = {"\\\"", "\\n", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9", "\xf0\x9f\x98\x80", "\x01",
                                     "\x80", "\xc3", "\"", "\\u12", "\\x", " ", "\",\"b\":1,\"c\":\""};
  std::vector<std::string> docs;
  for (const std::string_view piece : pieces) {
    for (std::size_t at = 40; at < 140; ++at) {
      docs.push_back("{\"a\":\"" + std::string(at, 'x') + std::string(piece) + "yz\",\"n\":-12.5e3,\"t\":[true,null]}");
    }
  }
  std::vector<jwtcore::result<json_value>> by_words;
  setenv("JWTCORE_FORCE_KERNEL", "portable", 1);
  jd::forget_kernel_choice();
  for (const std::string& doc : docs) by_words.push_back(read_with<true>(doc, json_limits{}));
  if (forced != nullptr) {
    setenv("JWTCORE_FORCE_KERNEL", restore.c_str(), 1);
  } else {
    unsetenv("JWTCORE_FORCE_KERNEL");
  }
  jd::forget_kernel_choice();
  std::size_t differ = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    differ += !same_verdict(read_with<true>(docs[i], json_limits{}), by_words[i]);
  }
  CHECK(differ == 0);
}

// The top-level members as the pass hands them to its caller.
struct handed_member {
  std::uint64_t tag;
  std::string name;  // decoded
  std::string_view raw_name, value;
  bool name_escaped, value_escaped;
};

void collect(void* context, const jwtcore::json_top_member& m) noexcept {
  const bool name_escaped = m.name.find('\\') != std::string_view::npos;
  std::string name;
  jwtcore::detail::json_string_decoder decoder(m.name);
  for (char c = 0; decoder.next(c);) name += c;
  static_cast<std::vector<handed_member>*>(context)->push_back(
      handed_member{m.tag, name, m.name, m.value.raw(), m.name_escaped == name_escaped, m.value_escaped});
}

TEST_CASE("one pass: the top-level members it hands over are the ones the views find, in order") {
  const auto object_of = [](std::size_t members, std::string_view value) {
    std::string doc = "{";
    for (std::size_t i = 0; i < members; ++i) doc += (i ? ",\"" : "\"") + std::to_string(i) + "\":" + std::string(value);
    return doc + "}";
  };
  const std::string docs[] = {
      R"({"iss":"https://tenant.example/","aud":["a","b"],"exp":1700086400,"scope":"read:users"})",
      R"( { "iss" : "x" , "\u0061ud" : "y\n" , "n" : { "iss" : 1 , "k" : [ {"a":1} ] } , "t" : true } )",
      R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":1,"k":2}}}}}}}}},"after":"deep"})",
      R"({"e\u0301":"\ud83d\ude00","\u00e9":"\u00e9","x":-0.5e-3,"y":null,"z":false,"w":[]})",
      "{\"\xC3\xA9\":\"\xE2\x82\xAC\",\"long_name_of_many_bytes\":\"long_name_of_many_bytez\"}",
      // Names whose decoding holds a backslash: looked up as plain text, the backslash is no escape.
      R"({"\\0":1,"a\\\"b":2,"\\u0061":3,"\u005cn":4})",
      R"({})",
      R"([{"a":1}])",
      R"("text")",
      object_of(31, "1"),
      object_of(32, "\"v\""),
      object_of(33, "{}"),
      object_of(70, "[1]"),
  };
  for (const std::string& doc : docs) {
    CAPTURE(doc);
    const jwtcore::result<json_value> root = jwtcore::json_parse(doc);
    CHECK(root.has_value());
    if (!root) continue;  // (REQUIRE needs exceptions; the suite also builds without)
    std::vector<handed_member> expected;
    for (const jwtcore::json_member& m : root->members()) {
      const bool escaped = m.value.kind() == json_kind::string && m.value.raw().find('\\') != std::string_view::npos;
      const std::string name = decoded(m.name);
      expected.push_back(handed_member{jwtcore::detail::json_name_tag(name), name,
                                       jwtcore::detail::json_string_body(m.name.raw()), m.value.raw(), true, escaped});
    }
    std::vector<handed_member> by_table, by_close, by_entry_point;
    CHECK(read_with<true>(doc, json_limits{}, collect, &by_table).has_value());
    CHECK(read_with<false>(doc, json_limits{}, collect, &by_close).has_value());
    CHECK(jwtcore::json_read(doc, json_limits{}, collect, &by_entry_point).has_value());
    for (const std::vector<handed_member>* handed : {&by_table, &by_close, &by_entry_point}) {
      CHECK(handed->size() == expected.size());
      for (std::size_t i = 0; i < handed->size() && i < expected.size(); ++i) {
        const handed_member &got = (*handed)[i], &want = expected[i];
        CAPTURE(want.name);
        CHECK(got.tag == want.tag);
        CHECK(got.name == want.name);
        CHECK(got.raw_name.data() == want.raw_name.data());
        CHECK(got.raw_name.size() == want.raw_name.size());
        CHECK(got.value.data() == want.value.data());
        CHECK(got.value.size() == want.value.size());
        CHECK(got.name_escaped);  // (the flag matched the raw name)
        CHECK(got.value_escaped == want.value_escaped);
      }
    }
  }
}

TEST_CASE("one pass: flat objects and their near misses, by both forms of the pass") {
  const auto object_of = [](std::size_t members, std::string_view value) {
    std::string doc = "{";
    for (std::size_t i = 0; i < members; ++i) doc += (i ? ",\"" : "\"") + std::to_string(i) + "\":" + std::string(value);
    return doc + "}";
  };
  struct flat_case {
    std::string text;
    const char* verdict;
  };
  const std::string long_value = "\"" + std::string(200, 'v') + "\"";
  const flat_case cases[] = {
      {R"({"iss":"https://tenant.example/","exp":1700086400,"ok":true,"no":false,"nil":null,"n":-1.5e3})", "ok"},
      {R"({})", "ok"},
      {R"({"a":""})", "ok"},
      {"{\"a\":" + long_value + ",\"b\":" + long_value + ",\"c\":" + long_value + "}", "ok"},
      {object_of(32, "1"), "ok"},
      {object_of(33, "1"), "ok"},  // more names than the table holds
      {R"({"a":1, "b":2})", "ok"},
      {R"({"a":"\u0041"})", "ok"},
      {"{\"a\":\"\xC3\xA9\"}", "ok"},
      {R"({"a":[1]})", "ok"},
      {R"({"a":1,"a":2})", "duplicate_member"},
      {R"({"a":1,})", "bad_json"},
      {R"({"a":01})", "bad_json"},
      {R"({"a":tru})", "bad_json"},
      {R"({"a":1} )", "ok"},
      {R"({"a":1}x)", "bad_json"},
      {R"([1,2])", "ok"},
      {R"({"a")", "bad_json"},
      {R"({"a":"x)", "bad_json"},
      {R"({"a":1)", "bad_json"},
      {R"({"a":1,)", "bad_json"},  // ends after a comma (found by fuzz_json_reader)
      {std::string(R"({"a":")") + std::string(1100, 'x') + "\"}", "ok"},
  };
  for (const flat_case& c : cases) {
    CAPTURE(c.text);
    CHECK(outcome(c.text) == c.verdict);
  }
  json_limits two;
  two.max_members = 2;
  CHECK(outcome(R"({"a":1,"b":2,"c":3})", two) == "too_large");
  json_limits flat_depth;
  flat_depth.max_depth = 0;
  CHECK(outcome(R"({"a":1})", flat_depth) == "too_deep");
  json_limits short_text;
  short_text.max_size = 6;
  CHECK(outcome(R"({"a":1})", short_text) == "too_large");
  static_assert(jwtcore::json_parse(R"({"a":"b","c":1})")->find("c").raw() == "1");
}

TEST_CASE("one pass: objects whose names do not fit the table are checked when they close") {
  // Duplicates at every distance, in objects past the table's 32 entries, behind
  // values that hold brackets, quotes and backslashes in strings.
  const std::string values[] = {"1", "\"}\\\\\"", "\"a\\\"]\"", "[{\"x\":\"]\"}]", "{\"k\":[1,{}]}", "true", "-1.5e3"};
  for (const std::string& value : values) {
    for (const std::size_t members : {3u, 40u}) {
      for (const std::size_t depth : {1u, 20u, 40u}) {
        std::string object = "{";
        for (std::size_t i = 0; i < members; ++i) object += (i ? ", \"n" : "\"n") + std::to_string(i) + "\" : " + value;
        const std::string open = repeat("{\"o\":", depth - 1), close = std::string(depth - 1, '}');
        CAPTURE(value);
        CAPTURE(members);
        CAPTURE(depth);
        CHECK(outcome(open + object + "}" + close) == "ok");
        CHECK(outcome(open + object + ",\"n0\":1}" + close) == "duplicate_member");
        CHECK(outcome(open + object + ",\"n" + std::to_string(members - 1) + "\":1}" + close) == "duplicate_member");
        CHECK(outcome(open + object + ",\"\\u006e0\":1}" + close) == "duplicate_member");
        json_limits few;
        few.max_members = members;
        CHECK(outcome(open + object + "}" + close, few) == "ok");
        CHECK(outcome(open + object + ",\"n0\":1}" + close, few) == "too_large");
      }
    }
  }
}

TEST_CASE("one pass: too_large comes before duplicate_member, wherever each is") {
  const auto object_of = [](std::size_t members, bool duplicate_first) {
    std::string doc = "{";
    for (std::size_t i = 0; i < members; ++i) {
      const std::string name = duplicate_first && i == 1 ? "0" : std::to_string(i);
      doc += (i ? ",\"" : "\"") + name + "\":0";
    }
    return doc + "}";
  };
  CHECK(outcome(object_of(257, true)) == "too_large");
  CHECK(outcome("[" + object_of(3, true) + "," + object_of(257, false) + "]") == "too_large");
  CHECK(outcome("[" + object_of(257, false) + "," + object_of(3, true) + "]") == "too_large");
  CHECK(outcome("[" + object_of(256, false) + "," + object_of(3, true) + "]") == "duplicate_member");
  // ...also where the second, slower pass decides (names beyond what the one pass holds).
  CHECK(outcome(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"k":1,"k":2}}}}}}}}}})") == "duplicate_member");
  json_limits two;
  two.max_members = 2;
  CHECK(outcome(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"k":1,"k":2,"l":3}}}}}}}}}})", two) == "too_large");
  CHECK(outcome(R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"k":1,"k":2}}}}}}}}}})", two) == "duplicate_member");
  // Grammar still comes first of all.
  CHECK(outcome(object_of(257, true) + " x") == "bad_json");
}

// ---- property: mutated documents against a reference reader -----------------------------------

// A reader written separately from the library, in the plainest recursive way,
// with std::string and std::set: what it accepts and how it decodes is the
// expectation. It reports syntax, UTF-8, escape and depth errors in text order,
// and duplicate names only for a document free of those, as the library does.
class reference_reader {
 public:
  reference_reader(std::string_view text, std::size_t max_depth) : s_(text), max_depth_(max_depth) {}

  // "ok" or an error name; the canonical form of the document in canonical().
  std::string run() {
    skip_space();
    if (!value(0)) return error_;
    skip_space();
    if (pos_ != s_.size()) return "bad_json";
    return duplicate_ ? "duplicate_member" : "ok";
  }
  const std::string& canonical() const { return out_; }

 private:
  bool fail(const char* e) {
    error_ = e;
    return false;
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  bool value(std::size_t depth) {
    if (pos_ >= s_.size()) return fail("bad_json");
    const char c = s_[pos_];
    if (c == '{' || c == '[') {
      if (depth == max_depth_) return fail("too_deep");
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') {
      std::string text;
      if (!string(text)) return false;
      emit_string(text);
      return true;
    }
    for (const char* word : {"true", "false", "null"}) {
      if (s_.substr(pos_, std::string_view(word).size()) == word) {
        pos_ += std::string_view(word).size();
        out_ += word;
        return true;
      }
    }
    return number();
  }

  bool object(std::size_t depth) {
    ++pos_;
    out_ += '{';
    std::set<std::string> names;
    skip_space();
    if (at('}')) {
      ++pos_;
      out_ += '}';
      return true;
    }
    for (;;) {
      skip_space();
      if (!at('"')) return fail("bad_json");
      std::string name;
      if (!string(name)) return false;
      if (!names.insert(name).second) duplicate_ = true;
      emit_string(name);
      skip_space();
      if (!at(':')) return fail("bad_json");
      ++pos_;
      out_ += ':';
      skip_space();
      if (!value(depth)) return false;
      skip_space();
      if (at(',')) {
        ++pos_;
        out_ += ',';
        continue;
      }
      if (at('}')) {
        ++pos_;
        out_ += '}';
        return true;
      }
      return fail("bad_json");
    }
  }

  bool array(std::size_t depth) {
    ++pos_;
    out_ += '[';
    skip_space();
    if (at(']')) {
      ++pos_;
      out_ += ']';
      return true;
    }
    for (;;) {
      skip_space();
      if (!value(depth)) return false;
      skip_space();
      if (at(',')) {
        ++pos_;
        out_ += ',';
        continue;
      }
      if (at(']')) {
        ++pos_;
        out_ += ']';
        return true;
      }
      return fail("bad_json");
    }
  }

  bool number() {
    const std::size_t begin = pos_;
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (at('-')) ++pos_;
    if (at('0')) {
      ++pos_;
    } else if (digits() == 0) {
      return fail("bad_json");
    }
    if (at('.')) {
      ++pos_;
      if (digits() == 0) return fail("bad_json");
    }
    if (at('e') || at('E')) {
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      if (digits() == 0) return fail("bad_json");
    }
    out_ += s_.substr(begin, pos_ - begin);
    return true;
  }

  static void append_utf8(std::string& to, std::uint32_t cp) {
    if (cp < 0x80) {
      to += static_cast<char>(cp);
    } else if (cp < 0x800) {
      to += static_cast<char>(0xC0 | (cp >> 6));
      to += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      to += static_cast<char>(0xE0 | (cp >> 12));
      to += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      to += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      to += static_cast<char>(0xF0 | (cp >> 18));
      to += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      to += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      to += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Four hex digits at pos, or -1.
  long hex4(std::size_t pos) const {
    if (pos + 4 > s_.size()) return -1;
    long v = 0;
    for (std::size_t i = pos; i < pos + 4; ++i) {
      const char c = s_[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  // Decodes a code point from its bits, then checks it: the opposite way round
  // from the library's table of valid byte ranges.
  bool utf8_sequence(std::string& text) {
    const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s_[i])); };
    const std::uint32_t lead = b(pos_);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07;
    } else {
      return fail("bad_utf8");
    }
    if (pos_ + length > s_.size()) return fail("bad_utf8");
    for (std::size_t i = 1; i < length; ++i) {
      if ((b(pos_ + i) & 0xC0) != 0x80) return fail("bad_utf8");
      cp = (cp << 6) | (b(pos_ + i) & 0x3F);
    }
    const std::uint32_t minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("bad_utf8");
    text.append(s_.data() + pos_, length);
    pos_ += length;
    return true;
  }

  bool string(std::string& text) {
    ++pos_;
    for (;;) {
      if (pos_ >= s_.size()) return fail("bad_json");
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("bad_json");
      if (c >= 0x80) {
        if (!utf8_sequence(text)) return false;
        continue;
      }
      if (c != '\\') {
        text += static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= s_.size()) return fail("bad_escape");
      const char e = s_[pos_ + 1];
      const std::string_view simple = "\"\\/bfnrt", meaning = "\"\\/\b\f\n\r\t";
      if (simple.find(e) != std::string_view::npos) {
        text += meaning[simple.find(e)];
        pos_ += 2;
        continue;
      }
      if (e != 'u') return fail("bad_escape");
      const long unit = hex4(pos_ + 2);
      if (unit < 0) return fail("bad_escape");
      pos_ += 6;
      if (unit >= 0xDC00 && unit <= 0xDFFF) return fail("bad_escape");
      if (unit < 0xD800 || unit > 0xDBFF) {
        append_utf8(text, static_cast<std::uint32_t>(unit));
        continue;
      }
      if (!(at('\\') && pos_ + 1 < s_.size() && s_[pos_ + 1] == 'u')) return fail("bad_escape");
      const long low = hex4(pos_ + 2);
      if (low < 0xDC00 || low > 0xDFFF) return fail("bad_escape");
      pos_ += 6;
      append_utf8(text, static_cast<std::uint32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
    }
  }

  void emit_string(const std::string& text) { out_ += canonical_string(text); }

 public:
  static std::string canonical_string(std::string_view text) {
    static const char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (u < 0x20) {
        out += "\\u00";
        out += hex[u >> 4];
        out += hex[u & 15];
      } else {
        out += c;
      }
    }
    return out + '"';
  }

 private:
  std::string_view s_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  bool duplicate_ = false;
  std::string out_;
  std::string error_ = "ok";
};

// The canonical form of a value walked through the library's view API, with
// the API's own promises checked on the way.
std::string canonical_via_api(const json_value& v) {
  switch (v.kind()) {
    case json_kind::object: {
      std::string out = "{";
      for (const jwtcore::json_member& m : v.members()) {
        if (out.size() > 1) out += ',';
        const std::string name = decoded(m.name);
        CHECK(m.name.kind() == json_kind::string);
        CHECK(v.find(name).raw().data() == m.value.raw().data());  // names are unique
        out += reference_reader::canonical_string(name) + ":" + canonical_via_api(m.value);
      }
      return out + "}";
    }
    case json_kind::array: {
      std::string out = "[";
      for (const json_value& e : v.elements()) {
        if (out.size() > 1) out += ',';
        out += canonical_via_api(e);
      }
      return out + "]";
    }
    case json_kind::string: {
      const std::string text = decoded(v);
      CHECK(v.string_equals(text));
      CHECK_FALSE(v.string_equals(text + "x"));
      if (!text.empty()) CHECK_FALSE(v.string_equals(std::string_view(text).substr(1)));
      return reference_reader::canonical_string(text);
    }
    case json_kind::number: {
      const jwtcore::result<std::int64_t> exact = v.as_int64();
      const jwtcore::result<jwtcore::json_numeric_date> date = v.as_numeric_date();
      CHECK(date.has_value());
      if (exact) {
        CHECK(date->seconds == *exact);
        CHECK(date->range == json_range::in_range);
        CHECK_FALSE(date->had_fraction);
      }
      return std::string(v.raw());
    }
    case json_kind::true_value: return "true";
    case json_kind::false_value: return "false";
    case json_kind::null_value: return "null";
    case json_kind::none: break;
  }
  CHECK_MESSAGE(false, "a value of kind none inside a document");
  return "";
}

// splitmix64: a fixed, portable sequence, so every run tests the same inputs.
struct prng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
};

std::string mutate(std::string doc, prng& rng) {
  // Bytes that matter to a JSON reader, so that mutations often stay close to
  // valid documents instead of failing on the first byte.
  static const std::string_view interesting =
      "{}[]\",:\\/u0123456789abcdefABCDEF+-.eEtrufalsn \t\r\n\x01\x1F\x7F\x80\xBF\xC0\xC2\xC3\xE0\xED\xEF\xF0\xF4\xF5\xFF"
      "\xA9\x9F\xA0\xD8\xDC";
  const std::size_t edits = 1 + rng.below(3);
  for (std::size_t e = 0; e < edits; ++e) {
    const std::size_t pos = rng.below(doc.size() + 1);
    const char byte = rng.below(4) == 0 ? static_cast<char>(rng.below(256)) : interesting[rng.below(interesting.size())];
    switch (rng.below(6)) {
      case 0:
      case 1:
        if (pos < doc.size()) doc[pos] = byte;
        break;
      case 2: doc.insert(pos, 1, byte); break;
      case 3:
        if (pos < doc.size()) doc.erase(pos, 1 + rng.below(3));
        break;
      case 4: {  // copy a piece elsewhere: duplicates members, nests deeper
        const std::size_t from = rng.below(doc.size() + 1), length = rng.below(24);
        doc.insert(pos, doc.substr(from, length));
        break;
      }
      default:
        if (pos < doc.size()) doc.insert(pos, R"(\u)" + std::string(1, interesting[rng.below(interesting.size())]));
        break;
    }
  }
  return doc;
}

TEST_CASE("property: random mutations never crash; accepted documents agree with the reference, re-validate "
          "identically and round-trip through the view API") {
  static const std::string_view seeds[] = {
      R"({"iss":"https:\/\/tenant.example.com\/","aud":"abc","iat":1300819380,"exp":1300905780.5,"scope":"read:users"})",
      R"({"scopes":{"users":{"actions":["read","update"]},"clients":{"actions":["create"]}},"jti":"00ff"})",
      R"([1,-0,0.5,-1.5e+3,2E-2,1e309,-1e-400,9223372036854775807,-9223372036854775808,18446744073709551616])",
      R"({"a":{"b":{"c":[[[{"d":[true,false,null]}]]]}},"e":[],"f":{}})",
      "{\"\\u00e9\\ud83d\\ude00\":\"\xC3\xA9\xF0\x9F\x98\x80\xE2\x82\xAC\",\"esc\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\"}",
      R"({"a":1,"\u0062":2,"c":{"a":1,"b":[{"a":1},{"a":2}]}})",
      " [ \"x\" , { \"y\" : 1 } , 2 ] \r\n",
      R"({"k":"\uD834\uDD1E","l":"\u20AC\u00a9"})",
      "\"\xF4\x8F\xBF\xBF\xED\x9F\xBF\xEE\x80\x80\"",
      "12345678901234567890.123e-5",
  };
  prng rng{20240601};
  std::size_t accepted = 0, total = 0;
  json_limits shallow;
  shallow.max_depth = 4;
  for (int round = 0; round < 4000; ++round) {
    const std::string_view seed = seeds[rng.below(sizeof(seeds) / sizeof(seeds[0]))];
    const std::string doc = mutate(std::string(seed), rng);
    const json_limits limits = round % 4 == 3 ? shallow : json_limits{};
    CAPTURE(doc);
    ++total;

    reference_reader reference(doc, limits.max_depth);
    const std::string expected = reference.run();
    const std::string got = outcome(doc, limits);
    CHECK(got == expected);
    // Again, from a copy at another address: the same answer.
    const std::string copy = doc;
    CHECK(outcome(copy, limits) == got);
    if (got != "ok") continue;

    ++accepted;
    const jwtcore::result<json_value> root = jwtcore::json_parse(doc, limits);
    CHECK(root.has_value());
    if (!root) continue;
    const std::string canonical = canonical_via_api(*root);
    CHECK(canonical == reference.canonical());
    // The canonical form is itself accepted and is its own canonical form.
    const jwtcore::result<json_value> again = jwtcore::json_parse(canonical, limits);
    CHECK(again.has_value());
    if (again) CHECK(canonical_via_api(*again) == canonical);
  }
  // The property must not hold vacuously: a good share of mutants stay valid.
  CHECK(accepted * 20 > total);
  MESSAGE("mutants accepted: " << accepted << " of " << total);
}

TEST_CASE("property: every prefix and every single-byte change of the seeds agrees with the reference") {
  static const std::string_view seeds[] = {
      R"({"a":[1,2.5e-3,{"b":"\u00e9\ud83d\ude00"}],"c":true,"d":null,"\u0061a":false})",
      "{\"x\":\"\xE2\x82\xAC\xF0\x9F\x98\x80\",\"y\":[-0,0.0,1E+2]}",
  };
  for (const std::string_view seed : seeds) {
    for (std::size_t cut = 0; cut <= seed.size(); ++cut) {
      const std::string doc(seed.substr(0, cut));
      CAPTURE(doc);
      reference_reader reference(doc, 64);
      CHECK(outcome(doc) == reference.run());
    }
    for (std::size_t pos = 0; pos < seed.size(); ++pos) {
      for (const char byte : std::string_view("\"\\{}[],:0e.-u \x80\xC3\xED\xF4\xFF")) {
        std::string doc(seed);
        doc[pos] = byte;
        CAPTURE(doc);
        reference_reader reference(doc, 64);
        CHECK(outcome(doc) == reference.run());
      }
    }
  }
}

}  // namespace
