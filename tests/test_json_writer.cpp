// Tests of jwtcore/json_writer.hpp: every value kind, RFC 8259 escaping, UTF-8
// validation, integer formatting, misuse, sticky errors, buffer bounds and
// constant evaluation. Expected JSON text comes from python3's json module
// (json.dumps(x, separators=(',', ':'), ensure_ascii=False)) unless a comment
// says otherwise.
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/json_writer.hpp>
#include <jwtcore/sha256.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using jwtcore::error;
using jwtcore::json_writer;

// The outcome of writing one document: finish() and the text written.
struct outcome {
  bool ok = false;
  error err = error::buffer_too_small;
  std::string text;
};

template <class WriteFn>
outcome write_doc(WriteFn&& write, std::size_t capacity = 4096) {
  std::vector<char> buffer(capacity + 1, '\0');
  json_writer w(buffer.data(), capacity);
  write(w);
  const jwtcore::result<std::size_t> r = w.finish();
  outcome o;
  o.ok = static_cast<bool>(r);
  if (r) {
    o.text.assign(buffer.data(), *r);
  } else {
    o.err = r.error();
  }
  return o;
}

// The document of one JSON string value holding `s`.
outcome string_doc(std::string_view s) {
  return write_doc([s](json_writer& w) { w.string(s); });
}

std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

// The fixed document used by the value-kind and capacity tests; it has every
// value kind, nesting, escapes, multi-byte UTF-8, raw_value and a string in pieces.
void write_fixed_document(json_writer& w) {
  w.begin_object();
  w.key("null").null();
  w.key("t").boolean(true);
  w.key("f").boolean(false);
  w.key("i").integer(-42);
  w.key("u").unsigned_integer(std::numeric_limits<std::uint64_t>::max());
  w.key("s").string("a\"b\\c\n\001/\177\303\251\342\202\254\360\237\230\200");
  w.key("e").string("");
  w.key("o").begin_object().end_object();
  w.key("a").begin_array().end_array();
  w.key("n").begin_object().key("x").begin_array().integer(1).begin_array().integer(2).begin_object().key("y");
  w.begin_array().null().end_array().end_object().end_array().string("z").end_array().end_object();
  w.key("raw").raw_value(R"({"k":[1,2]})");
  w.key("pieces").begin_string().append_to_string("ab").append_to_string("\tc").append_to_string("");
  w.append_to_string(" d\303\251").end_string();
  w.key("k\"\n").integer(0);
  w.end_object();
}

// python3: json.dumps({"null":None,"t":True,"f":False,"i":-42,"u":2**64-1,
//   "s":"a\"b\\c\n\x01/\x7f\u00e9\u20ac\U0001F600","e":"","o":{},"a":[],
//   "n":{"x":[1,[2,{"y":[None]}],"z"]},"raw":{"k":[1,2]},"pieces":"ab\tc d\u00e9",
//   "k\"\n":0}, separators=(',',':'), ensure_ascii=False).encode()
constexpr std::string_view fixed_document =
    R"({"null":null,"t":true,"f":false,"i":-42,"u":18446744073709551615,"s":"a\"b\\c\n\u0001/)"
    "\177\303\251\342\202\254\360\237\230\200"
    R"(","e":"","o":{},"a":[],"n":{"x":[1,[2,{"y":[null]}],"z"]},"raw":{"k":[1,2]},"pieces":"ab\tc d)"
    "\303\251"
    R"(","k\"\n":0})";

}  // namespace

TEST_CASE("json_writer: every value kind at the top level") {
  CHECK(write_doc([](json_writer& w) { w.null(); }).text == "null");
  CHECK(write_doc([](json_writer& w) { w.boolean(true); }).text == "true");
  CHECK(write_doc([](json_writer& w) { w.boolean(false); }).text == "false");
  CHECK(write_doc([](json_writer& w) { w.integer(0); }).text == "0");
  CHECK(write_doc([](json_writer& w) { w.integer(-1); }).text == "-1");
  CHECK(write_doc([](json_writer& w) { w.unsigned_integer(0); }).text == "0");
  CHECK(write_doc([](json_writer& w) { w.string(""); }).text == R"("")");
  CHECK(write_doc([](json_writer& w) { w.string("abc"); }).text == R"("abc")");
  CHECK(write_doc([](json_writer& w) { w.begin_object().end_object(); }).text == "{}");
  CHECK(write_doc([](json_writer& w) { w.begin_array().end_array(); }).text == "[]");
  CHECK(write_doc([](json_writer& w) { w.raw_value(R"({"a":[1]})"); }).text == R"({"a":[1]})");
  CHECK(write_doc([](json_writer& w) { w.begin_string().end_string(); }).text == R"("")");
  CHECK(write_doc([](json_writer& w) {
          w.begin_string().append_to_string("a").append_to_string("\"").end_string();
        }).text == R"("a\"")");
  // Each of these is a complete document: finish() succeeds.
  CHECK(write_doc([](json_writer& w) { w.null(); }).ok);
  CHECK(write_doc([](json_writer& w) { w.begin_array().end_array(); }).ok);
}

TEST_CASE("json_writer: nesting objects and arrays") {
  // python3: json.dumps({"a":{}}) / [[]] / [1,"x",None,True,False,{"k":[]}] /
  // {"a":1,"b":[{"c":{"d":[[[]]]}}]}, compact separators
  CHECK(write_doc([](json_writer& w) { w.begin_object().key("a").begin_object().end_object().end_object(); }).text ==
        R"({"a":{}})");
  CHECK(write_doc([](json_writer& w) { w.begin_array().begin_array().end_array().end_array(); }).text == "[[]]");
  CHECK(write_doc([](json_writer& w) {
          w.begin_array().integer(1).string("x").null().boolean(true).boolean(false);
          w.begin_object().key("k").begin_array().end_array().end_object().end_array();
        }).text == R"([1,"x",null,true,false,{"k":[]}])");
  CHECK(write_doc([](json_writer& w) {
          w.begin_object().key("a").integer(1).key("b").begin_array().begin_object().key("c").begin_object();
          w.key("d").begin_array().begin_array().begin_array().end_array().end_array().end_array();
          w.end_object().end_object().end_array().end_object();
        }).text == R"({"a":1,"b":[{"c":{"d":[[[]]]}}]})");
}

TEST_CASE("json_writer: the fixed document matches python's json.dumps") {
  const outcome o = write_doc(write_fixed_document);
  CHECK(o.ok);
  CHECK(o.text == fixed_document);
  CHECK(o.text.size() == 203);  // len() of the python bytes
}

TEST_CASE("json_writer: escaping of every control byte (RFC 8259 section 7)") {
  // python3: [json.dumps(chr(b), ensure_ascii=False) for b in range(0x20)]
  const std::string_view expected[32] = {
      R"("\u0000")", R"("\u0001")", R"("\u0002")", R"("\u0003")", R"("\u0004")", R"("\u0005")", R"("\u0006")",
      R"("\u0007")", R"("\b")",     R"("\t")",     R"("\n")",     R"("\u000b")", R"("\f")",     R"("\r")",
      R"("\u000e")", R"("\u000f")", R"("\u0010")", R"("\u0011")", R"("\u0012")", R"("\u0013")", R"("\u0014")",
      R"("\u0015")", R"("\u0016")", R"("\u0017")", R"("\u0018")", R"("\u0019")", R"("\u001a")", R"("\u001b")",
      R"("\u001c")", R"("\u001d")", R"("\u001e")", R"("\u001f")"};
  for (unsigned b = 0; b < 0x20; ++b) {
    CAPTURE(b);
    const char c = static_cast<char>(b);
    const outcome o = string_doc(std::string_view(&c, 1));
    CHECK(o.ok);
    CHECK(o.text == expected[b]);
  }
}

TEST_CASE("json_writer: quote and backslash escaped; DEL and slash copied") {
  // python3: json.dumps('"'), json.dumps('\\'), json.dumps('\x7f', ensure_ascii=False), json.dumps('/')
  CHECK(string_doc("\"").text == R"("\"")");
  CHECK(string_doc("\\").text == R"("\\")");
  CHECK(string_doc("\177").text == "\"\177\"");
  CHECK(string_doc("/").text == R"("/")");
  // python3: json.dumps(''.join(chr(i) for i in range(0x80)), ensure_ascii=False)
  std::string all_ascii;
  for (int i = 0; i < 0x80; ++i) all_ascii += static_cast<char>(i);
  CHECK(string_doc(all_ascii).text ==
        R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013)"
        R"(\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>)"
        R"(?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~)"
        "\177\"");
}

TEST_CASE("json_writer: keys and string pieces are escaped like values") {
  CHECK(write_doc([](json_writer& w) { w.begin_object().key("a\"\\\n\037").integer(1).end_object(); }).text ==
        R"({"a\"\\\n\u001f":1})");
  CHECK(write_doc([](json_writer& w) {
          w.begin_string().append_to_string("\b\"").append_to_string("\001").end_string();
        }).text == R"("\b\"\u0001")");
}

TEST_CASE("json_writer: valid UTF-8 of 2, 3 and 4 bytes is copied through") {
  // The boundaries of each length: U+0080 U+07FF U+0800 U+D7FF U+E000 U+FFFF
  // U+10000 U+10FFFF (python3: json.dumps(s, ensure_ascii=False) leaves them as is).
  const std::string_view valid[] = {
      "\302\200",     "\337\277",     "\340\240\200",     "\355\237\277",
      "\356\200\200", "\357\277\277", "\360\220\200\200", "\364\217\277\277",
      "\303\251",     "\342\202\254", "\360\237\230\200", "a\303\251b\342\202\254c\360\237\230\200d",
  };
  for (std::string_view s : valid) {
    CAPTURE(s);
    const outcome o = string_doc(s);
    CHECK(o.ok);
    CHECK(o.text == "\"" + std::string(s) + "\"");
    // The same bytes as a key and as a string piece.
    CHECK(write_doc([s](json_writer& w) { w.begin_object().key(s).null().end_object(); }).text ==
          "{\"" + std::string(s) + "\":null}");
    CHECK(write_doc([s](json_writer& w) { w.begin_string().append_to_string(s).end_string(); }).text ==
          "\"" + std::string(s) + "\"");
  }
}

TEST_CASE("json_writer: every class of invalid UTF-8 is refused with bad_utf8") {
  const std::string_view invalid[] = {
      "\300\200",          // overlong 2-byte (C0 80)
      "\301\277",          // overlong 2-byte (C1 BF)
      "\340\200\200",      // overlong 3-byte (E0 80 80)
      "\340\237\277",      // overlong 3-byte (E0 9F BF)
      "\360\200\200\200",  // overlong 4-byte (F0 80 80 80)
      "\360\217\277\277",  // overlong 4-byte (F0 8F BF BF)
      "\355\240\200",      // surrogate U+D800 (ED A0 80)
      "\355\277\277",      // surrogate U+DFFF (ED BF BF)
      "\364\220\200\200",  // U+110000 (F4 90 80 80)
      "\365\200\200\200",
      "\366\200\200\200",
      "\367\200\200\200",
      "\370\200\200\200",
      "\371\200\200\200",
      "\372\200\200\200",
      "\373\200\200\200",
      "\374\200\200\200",
      "\375\200\200\200",
      "\376\200\200\200",
      "\377\200\200\200",  // F5..FF leads
      "\303",              // truncated 2-byte at the end
      "\342\202",          // truncated 3-byte at the end (2 of 3)
      "\342",              // truncated 3-byte at the end (1 of 3)
      "\360\237\230",      // truncated 4-byte at the end (3 of 4)
      "\360\237",          // truncated 4-byte at the end (2 of 4)
      "\360",              // truncated 4-byte at the end (1 of 4)
      "\303a",             // truncated 2-byte before an ASCII byte
      "\342\202a",         // truncated 3-byte before an ASCII byte
      "\360\237\230a",     // truncated 4-byte before an ASCII byte
      "\200",              // lone continuation 80
      "\277",              // lone continuation BF
      "a\200b",            // lone continuation between ASCII
      "\303\251\251",      // a continuation byte too many
  };
  for (std::string_view s : invalid) {
    CAPTURE(s);
    const outcome as_value = string_doc(s);
    CHECK_FALSE(as_value.ok);
    CHECK(as_value.err == error::bad_utf8);
    const outcome as_key = write_doc([s](json_writer& w) { w.begin_object().key(s).null().end_object(); });
    CHECK_FALSE(as_key.ok);
    CHECK(as_key.err == error::bad_utf8);
    const outcome as_piece = write_doc([s](json_writer& w) { w.begin_string().append_to_string(s).end_string(); });
    CHECK_FALSE(as_piece.ok);
    CHECK(as_piece.err == error::bad_utf8);
    // Inside a larger valid string too.
    const outcome embedded = string_doc("ok \303\251 " + std::string(s) + " tail");
    CHECK_FALSE(embedded.ok);
    CHECK(embedded.err == error::bad_utf8);
  }
}

TEST_CASE("json_writer: UTF-8 acceptance agrees with python's strict decoder over a byte sweep") {
  // For each enumeration the acceptance bitmap ('1' accepted, '0' refused) is
  // hashed with SHA-256; python3 computed the same bitmap with
  // bytes.decode('utf-8') (strict) and hashlib.sha256.
  struct sweep {
    std::string bitmap;
    std::size_t accepted = 0;
  };
  const auto check_one = [](sweep& s, const char* bytes, std::size_t n) {
    char out[32];  // a stack buffer: this runs 230,000 times
    json_writer w(out, sizeof out);
    w.string(std::string_view(bytes, n));
    const jwtcore::result<std::size_t> r = w.finish();
    // every refusal is a UTF-8 refusal, never another error
    if (!r && r.error() != error::bad_utf8) FAIL_CHECK("unexpected error " << jwtcore::to_string(r.error()));
    s.bitmap += r ? '1' : '0';
    s.accepted += r ? 1u : 0u;
  };
  const auto digest_hex = [](const std::string& bitmap) {
    const jwtcore::sha256_digest d = jwtcore::sha256(bitmap);
    return hex(d.data(), d.size());
  };

  sweep two;  // all 65536 two-byte strings
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      const char s[2] = {static_cast<char>(a), static_cast<char>(b)};
      check_one(two, s, 2);
    }
  }
  CHECK(two.accepted == 18304);
  CHECK(digest_hex(two.bitmap) == "c655932da289837b356b008c1891c32c0f29257c51589380832f7f684d11fced");

  sweep three;  // lead C0..FF, every second byte, third byte from a boundary set
  const unsigned thirds[] = {0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (unsigned a = 0xC0; a < 0x100; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned c : thirds) {
        const char s[3] = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        check_one(three, s, 3);
      }
    }
  }
  CHECK(three.accepted == 7680);
  CHECK(digest_hex(three.bitmap) == "1fd20cf95fc4c3158ae6f75ebf000943050fadf06f886fe30d3e2d92dc8c6790");

  sweep four;  // lead E0..FF, second 7F..C0, third and fourth from boundary sets
  const unsigned c_set[] = {0x7F, 0x80, 0xBF, 0xC0};
  const unsigned d_set[] = {0x41, 0x80, 0xBF, 0xC0};
  for (unsigned a = 0xE0; a < 0x100; ++a) {
    for (unsigned b = 0x7F; b <= 0xC0; ++b) {
      for (unsigned c : c_set) {
        for (unsigned d : d_set) {
          const char s[4] = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
          check_one(four, s, 4);
        }
      }
    }
  }
  CHECK(four.accepted == 2944);
  CHECK(digest_hex(four.bitmap) == "5951ef9ce99f84dc0e9aa6f1c760819d084fc1e210f7713875a989be33f99cdc");
}

TEST_CASE("json_writer: integers match std::to_string") {
  // std::to_string is the independent oracle for decimal formatting.
  std::vector<std::int64_t> signed_values = {0,
                                             -1,
                                             1,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max(),
                                             std::numeric_limits<std::int64_t>::min() + 1,
                                             std::numeric_limits<std::int64_t>::max() - 1};
  std::vector<std::uint64_t> unsigned_values = {
      0, 1, std::numeric_limits<std::uint64_t>::max(), std::numeric_limits<std::uint64_t>::max() - 1,
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1};
  std::uint64_t power = 1;
  for (int k = 0; k <= 19; ++k) {
    // 10^k and 10^k - 1 (and 10^k + 1), unsigned for every k, signed (both signs) while they fit.
    for (std::uint64_t v : {power, power - 1, power + 1}) {
      unsigned_values.push_back(v);
      if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        signed_values.push_back(static_cast<std::int64_t>(v));
        signed_values.push_back(-static_cast<std::int64_t>(v));
      }
    }
    if (k < 19) power *= 10;
  }
  // A deterministic spread of other values (64-bit LCG, Knuth's MMIX constants).
  std::uint64_t x = 0x0123456789abcdefu;
  for (int i = 0; i < 2000; ++i) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    unsigned_values.push_back(x >> (i % 64));
    const std::uint64_t u = x >> (i % 64);
    signed_values.push_back(static_cast<std::int64_t>((i & 1) != 0 ? 0 - u : u));  // wraps, no overflow
  }

  for (std::int64_t v : signed_values) {
    CAPTURE(v);
    const outcome o = write_doc([v](json_writer& w) { w.integer(v); });
    CHECK(o.ok);
    CHECK(o.text == std::to_string(v));
  }
  for (std::uint64_t v : unsigned_values) {
    CAPTURE(v);
    const outcome o = write_doc([v](json_writer& w) { w.unsigned_integer(v); });
    CHECK(o.ok);
    CHECK(o.text == std::to_string(v));
  }
  // The extremes spelled out, in case the oracle and the writer agree on something wrong.
  CHECK(write_doc([](json_writer& w) { w.integer(std::numeric_limits<std::int64_t>::min()); }).text ==
        "-9223372036854775808");
  CHECK(write_doc([](json_writer& w) { w.integer(std::numeric_limits<std::int64_t>::max()); }).text ==
        "9223372036854775807");
  CHECK(write_doc([](json_writer& w) { w.unsigned_integer(std::numeric_limits<std::uint64_t>::max()); }).text ==
        "18446744073709551615");
  CHECK(write_doc([](json_writer& w) { w.unsigned_integer(10000000000000000000u); }).text == "10000000000000000000");
}

TEST_CASE("json_writer: both 32-bit digit writers match std::to_string, zero-padded as asked") {
  // The build uses one of them (detail::size_first); both are checked here.
  std::vector<std::uint32_t> values = {0, 1, 9, 10, 99, 100, 101, 999, 1000, 1700000000, 4294967295u};
  std::uint32_t x = 12345;
  for (int i = 0; i < 5000; ++i) values.push_back((x = x * 1664525u + 1013904223u) >> (i % 32));
  for (const std::uint32_t v : values) {
    for (const unsigned min_digits : {1u, 9u}) {
      CAPTURE(v);
      CAPTURE(min_digits);
      std::string expected = std::to_string(v);
      if (expected.size() < min_digits) expected.insert(0, min_digits - expected.size(), '0');
      char buffer[12] = {};
      char* const end = buffer + sizeof buffer;
      const char* small = jwtcore::detail::json_write_u32_backwards<false>(v, end, min_digits);
      CHECK(std::string_view(small, static_cast<std::size_t>(end - small)) == expected);
      const char* pairs = jwtcore::detail::json_write_u32_backwards<true>(v, end, min_digits);
      CHECK(std::string_view(pairs, static_cast<std::size_t>(end - pairs)) == expected);
    }
  }
  static_assert([] {
    char buffer[10] = {};
    return *jwtcore::detail::json_write_u32_backwards<true>(305, buffer + 10, 1) == '3';
  }());
}

TEST_CASE("json_writer: misuse is refused with json_writer_misuse") {
  struct misuse_case {
    std::string_view name;
    void (*write)(json_writer&);
  };
  const misuse_case cases[] = {
      {"value where a key belongs", [](json_writer& w) { w.begin_object().integer(1).end_object(); }},
      {"string where a key belongs", [](json_writer& w) { w.begin_object().string("k").end_object(); }},
      {"object where a key belongs", [](json_writer& w) { w.begin_object().begin_object().end_object().end_object(); }},
      {"key in an array", [](json_writer& w) { w.begin_array().key("k").integer(1).end_array(); }},
      {"key at top level", [](json_writer& w) { w.key("k").integer(1); }},
      {"key after key", [](json_writer& w) { w.begin_object().key("a").key("b").integer(1).end_object(); }},
      {"end_object after a key", [](json_writer& w) { w.begin_object().key("a").end_object(); }},
      {"end_object for an array", [](json_writer& w) { w.begin_array().end_object(); }},
      {"end_array for an object", [](json_writer& w) { w.begin_object().end_array(); }},
      {"end_object without open", [](json_writer& w) { w.end_object(); }},
      {"end_array without open", [](json_writer& w) { w.end_array(); }},
      {"close after the document closed", [](json_writer& w) { w.begin_array().end_array().end_array(); }},
      {"two top-level scalars", [](json_writer& w) { w.integer(1).integer(2); }},
      {"two top-level objects", [](json_writer& w) { w.begin_object().end_object().begin_object().end_object(); }},
      {"value after a closed array", [](json_writer& w) { w.begin_array().end_array().null(); }},
      {"finish with an open object", [](json_writer& w) { w.begin_object(); }},
      {"finish with an open array", [](json_writer& w) { w.begin_array().begin_array().end_array(); }},
      {"finish after a key", [](json_writer& w) { w.begin_object().key("a"); }},
      {"finish with nothing written", [](json_writer&) {}},
      {"finish inside a string", [](json_writer& w) { w.begin_string().append_to_string("a"); }},
      {"append_to_string outside a string", [](json_writer& w) { w.append_to_string("a"); }},
      {"append_to_string after end_string",
       [](json_writer& w) { w.begin_array().begin_string().end_string().append_to_string("a").end_array(); }},
      {"end_string without begin", [](json_writer& w) { w.begin_array().end_string().end_array(); }},
      {"begin_string where a key belongs", [](json_writer& w) { w.begin_object().begin_string().end_string(); }},
      // every call between begin_string and end_string
      {"integer in a string", [](json_writer& w) { w.begin_string().integer(1).end_string(); }},
      {"unsigned in a string", [](json_writer& w) { w.begin_string().unsigned_integer(1).end_string(); }},
      {"boolean in a string", [](json_writer& w) { w.begin_string().boolean(true).end_string(); }},
      {"null in a string", [](json_writer& w) { w.begin_string().null().end_string(); }},
      {"string in a string", [](json_writer& w) { w.begin_string().string("x").end_string(); }},
      {"raw_value in a string", [](json_writer& w) { w.begin_string().raw_value("1").end_string(); }},
      {"begin_string in a string", [](json_writer& w) { w.begin_string().begin_string().end_string().end_string(); }},
      {"begin_object in a string", [](json_writer& w) { w.begin_string().begin_object().end_string(); }},
      {"begin_array in a string", [](json_writer& w) { w.begin_string().begin_array().end_string(); }},
      {"end_array in a string", [](json_writer& w) { w.begin_array().begin_string().end_array().end_string(); }},
      {"end_object in a string",
       [](json_writer& w) { w.begin_object().key("k").begin_string().end_object().end_string(); }},
      {"key in a string",
       [](json_writer& w) { w.begin_object().key("k").begin_string().key("x").end_string().end_object(); }},
      // the same inside an array, where a value would otherwise be welcome
      {"integer in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().integer(1).end_string().end_array(); }},
      {"unsigned in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().unsigned_integer(1).end_string().end_array(); }},
      {"boolean in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().boolean(false).end_string().end_array(); }},
      {"null in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().null().end_string().end_array(); }},
      {"string in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().string("x").end_string().end_array(); }},
      {"raw_value in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().raw_value("1").end_string().end_array(); }},
      {"begin_string in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().begin_string().end_string().end_string().end_array(); }},
      {"begin_array in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().begin_array().end_array().end_string().end_array(); }},
      {"begin_object in a string in an array",
       [](json_writer& w) { w.begin_array().begin_string().begin_object().end_object().end_string().end_array(); }},
      {"integer in a string in an object",
       [](json_writer& w) { w.begin_object().key("k").begin_string().integer(1).end_string().end_object(); }},
      {"string in a string in an object",
       [](json_writer& w) { w.begin_object().key("k").begin_string().string("x").end_string().end_object(); }},
  };
  for (const misuse_case& c : cases) {
    CAPTURE(c.name);
    const outcome o = write_doc(c.write);
    CHECK_FALSE(o.ok);
    CHECK(o.err == error::json_writer_misuse);
  }
}

TEST_CASE("json_writer: nesting is limited to max_depth") {
  static_assert(json_writer::max_depth == 32, "the documented limit");
  const auto nest = [](unsigned depth, bool objects) {
    return write_doc([depth, objects](json_writer& w) {
      for (unsigned i = 0; i < depth; ++i) {
        if (objects) {
          w.begin_object().key("k");
        } else {
          w.begin_array();
        }
      }
      if (objects) w.null();
      for (unsigned i = 0; i < depth; ++i) {
        if (objects) {
          w.end_object();
        } else {
          w.end_array();
        }
      }
    });
  };
  const outcome arrays = nest(json_writer::max_depth, false);
  CHECK(arrays.ok);
  CHECK(arrays.text == std::string(json_writer::max_depth, '[') + std::string(json_writer::max_depth, ']'));
  const outcome objects = nest(json_writer::max_depth, true);
  CHECK(objects.ok);
  std::string expected_objects;
  for (unsigned i = 0; i < json_writer::max_depth; ++i) expected_objects += R"({"k":)";
  expected_objects += "null" + std::string(json_writer::max_depth, '}');
  CHECK(objects.text == expected_objects);

  const outcome too_deep_arrays = nest(json_writer::max_depth + 1, false);
  CHECK_FALSE(too_deep_arrays.ok);
  CHECK(too_deep_arrays.err == error::json_writer_misuse);
  const outcome too_deep_objects = nest(json_writer::max_depth + 1, true);
  CHECK_FALSE(too_deep_objects.ok);
  CHECK(too_deep_objects.err == error::json_writer_misuse);
  // Mixed containers at the limit: the object/array bit of every level is kept.
  const outcome mixed = write_doc([](json_writer& w) {
    for (unsigned i = 0; i < json_writer::max_depth; ++i) {
      if (i % 2 == 0) {
        w.begin_array();
      } else {
        w.begin_object().key("k");
      }
    }
    w.integer(7);
    for (unsigned i = json_writer::max_depth; i-- > 0;) {
      if (i % 2 == 0) {
        w.end_array();
      } else {
        w.end_object();
      }
    }
  });
  CHECK(mixed.ok);
  std::string expected_mixed;
  for (unsigned i = 0; i < json_writer::max_depth; ++i) expected_mixed += i % 2 == 0 ? "[" : R"({"k":)";
  expected_mixed += "7";
  for (unsigned i = json_writer::max_depth; i-- > 0;) expected_mixed += i % 2 == 0 ? "]" : "}";
  CHECK(mixed.text == expected_mixed);
}

TEST_CASE("json_writer: the first error is sticky") {
  SUBCASE("misuse, then bad UTF-8 and a valid continuation") {
    char buffer[64];
    json_writer w(buffer, sizeof buffer);
    w.begin_object().integer(1);  // misuse: a value where a key belongs
    const std::size_t size_at_error = w.size();
    w.key("a").string("\377").key("b").integer(2).end_object();
    CHECK(w.size() == size_at_error);  // nothing written after the error
    const jwtcore::result<std::size_t> r = w.finish();
    CHECK_FALSE(r);
    CHECK(r.error() == error::json_writer_misuse);
  }
  SUBCASE("bad UTF-8, then misuse") {
    char buffer[64];
    json_writer w(buffer, sizeof buffer);
    w.begin_array().string("\300\200");
    const std::size_t size_at_error = w.size();
    w.end_object().key("x").end_array().end_array();
    CHECK(w.size() == size_at_error);
    CHECK(w.finish().error() == error::bad_utf8);
  }
  SUBCASE("buffer too small, then misuse") {
    char buffer[4];
    json_writer w(buffer, sizeof buffer);
    w.begin_array().string("abcdef");
    const std::size_t size_at_error = w.size();
    w.end_object().end_object();
    CHECK(w.size() == size_at_error);
    CHECK(w.finish().error() == error::buffer_too_small);
  }
  SUBCASE("misuse, then a too small buffer") {
    char buffer[4];
    json_writer w(buffer, sizeof buffer);
    w.end_array().string("a long string that does not fit");
    CHECK(w.size() == 0);
    CHECK(w.finish().error() == error::json_writer_misuse);
  }
}

TEST_CASE("json_writer: every too small capacity fails and writes nothing past it") {
  const std::size_t size = fixed_document.size();
  constexpr char guard = '\xA5';  // a byte the document does not contain
  CHECK(fixed_document.find(guard) == std::string_view::npos);
  for (std::size_t capacity = 0; capacity <= size; ++capacity) {
    CAPTURE(capacity);
    std::vector<char> buffer(size + 32, guard);
    json_writer w(buffer.data(), capacity);
    write_fixed_document(w);
    const jwtcore::result<std::size_t> r = w.finish();
    if (capacity < size) {
      CHECK_FALSE(r);
      CHECK(r.error() == error::buffer_too_small);
      CHECK(w.size() <= capacity);
    } else {
      CHECK(r);
      CHECK(*r == size);
      CHECK(std::string_view(buffer.data(), size) == fixed_document);
    }
    // What was written is a prefix of the document ...
    CHECK(std::string_view(buffer.data(), w.size()) == fixed_document.substr(0, w.size()));
    // ... and nothing at all lies past the capacity.
    std::size_t touched_past_capacity = 0;
    for (std::size_t i = capacity; i < buffer.size(); ++i) touched_past_capacity += buffer[i] != guard ? 1u : 0u;
    CHECK(touched_past_capacity == 0);
  }
}

TEST_CASE("json_writer: every document fits a buffer of exactly its size, and not one byte less") {
  struct doc_case {
    std::string_view name, expected;
    void (*write)(json_writer&);
  };
  // Documents whose last write is each kind of output: a literal, a number, raw
  // text, a multi-byte character, an escape, a closing bracket or quote.
  const doc_case cases[] = {
      {"null", "null", [](json_writer& w) { w.null(); }},
      {"true", "true", [](json_writer& w) { w.boolean(true); }},
      {"false", "false", [](json_writer& w) { w.boolean(false); }},
      {"integer", "-1234567890", [](json_writer& w) { w.integer(-1234567890); }},
      {"unsigned", "18446744073709551615",
       [](json_writer& w) { w.unsigned_integer(std::numeric_limits<std::uint64_t>::max()); }},
      {"raw", R"({"a":[1,2]})", [](json_writer& w) { w.raw_value(R"({"a":[1,2]})"); }},
      {"string",
       R"("a\u0001\n)"
       "\360\237\230\200\"",
       [](json_writer& w) { w.string("a\001\n\360\237\230\200"); }},
      {"array", R"([null,true,"x"])",
       [](json_writer& w) { w.begin_array().null().boolean(true).string("x").end_array(); }},
      {"object", R"({"k":false})", [](json_writer& w) { w.begin_object().key("k").boolean(false).end_object(); }},
  };
  for (const doc_case& c : cases) {
    CAPTURE(c.name);
    const std::size_t size = c.expected.size();
    for (std::size_t capacity = 0; capacity <= size + 1; ++capacity) {
      CAPTURE(capacity);
      std::vector<char> buffer(size + 8, '\xA5');
      json_writer w(buffer.data(), capacity);
      c.write(w);
      const jwtcore::result<std::size_t> r = w.finish();
      if (capacity < size) {
        CHECK_FALSE(r);
        CHECK(r.error() == error::buffer_too_small);
      } else {
        CHECK(r);
        CHECK(std::string_view(buffer.data(), *r) == c.expected);
      }
      for (std::size_t i = capacity; i < buffer.size(); ++i) {
        if (buffer[i] != '\xA5') FAIL_CHECK("byte " << i << " written past capacity " << capacity);
      }
    }
  }
}

namespace {

// A document written entirely in a constant expression.
struct const_doc {
  char text[96] = {};
  std::size_t size = 0;
  bool ok = false;
  jwtcore::error err = jwtcore::error::buffer_too_small;
};

constexpr const_doc make_const_doc(std::size_t capacity) {
  const_doc d;
  json_writer w(d.text, capacity);
  w.begin_object().key("alg").string("HS256");
  w.key("n").begin_array().integer(1).integer(-2).boolean(true).null().begin_array().end_array().end_array();
  w.key("s").string(std::string_view("\0\303\251", 3));
  w.key("o").begin_object().key("p").begin_object().end_object().end_object();
  w.end_object();
  const jwtcore::result<std::size_t> r = w.finish();
  d.ok = static_cast<bool>(r);
  d.size = r ? *r : 0;
  d.err = r.error();
  return d;
}

constexpr bool same(const const_doc& d, std::string_view expected) {
  if (d.size != expected.size()) return false;
  for (std::size_t i = 0; i < d.size; ++i) {
    if (d.text[i] != expected[i]) return false;
  }
  return true;
}

// python3: json.dumps({"alg":"HS256","n":[1,-2,True,None,[]],"s":"\x00\u00e9","o":{"p":{}}},
//   separators=(',',':'), ensure_ascii=False).encode()
constexpr std::string_view const_expected = R"({"alg":"HS256","n":[1,-2,true,null,[]],"s":"\u0000)"
                                            "\303\251"
                                            R"(","o":{"p":{}}})";

constexpr const_doc const_full = make_const_doc(96);
static_assert(const_full.ok, "the constant document is complete");
static_assert(same(const_full, const_expected), "the constant document matches python's json.dumps");
constexpr const_doc const_short = make_const_doc(66);  // one byte short of the 67-byte document
static_assert(!const_short.ok && const_short.err == jwtcore::error::buffer_too_small, "a short buffer fails");

constexpr jwtcore::error const_misuse() {
  char out[8] = {};
  json_writer w(out, sizeof out);
  w.begin_array().key("k");
  return w.finish().error();
}
static_assert(const_misuse() == jwtcore::error::json_writer_misuse, "misuse is detected in constant evaluation");

constexpr jwtcore::error const_bad_utf8() {
  char out[8] = {};
  json_writer w(out, sizeof out);
  w.string("\355\240\200");
  return w.finish().error();
}
static_assert(const_bad_utf8() == jwtcore::error::bad_utf8, "UTF-8 is checked in constant evaluation");

}  // namespace

TEST_CASE("json_writer: the constant-expression document is also right at run time") {
  const const_doc d = make_const_doc(96);
  CHECK(d.ok);
  CHECK(std::string_view(d.text, d.size) == const_expected);
  CHECK(d.size == 67);  // len() of the python bytes
}

TEST_CASE("json_writer: write_json_string grows past its first 256 bytes") {
  // A string value of n 'x' is n + 2 bytes: cover the sizes around each doubling.
  for (std::size_t n : {0u, 1u, 253u, 254u, 255u, 256u, 257u, 510u, 511u, 512u, 1000u, 1022u, 1023u, 5000u}) {
    CAPTURE(n);
    const std::string value(n, 'x');
    const jwtcore::result<std::string> r = jwtcore::write_json_string([&value](json_writer& w) { w.string(value); });
    CHECK(r);
    CHECK(*r == "\"" + value + "\"");
  }
  // An array of 0..199, expected text built by joining std::to_string.
  const jwtcore::result<std::string> numbers = jwtcore::write_json_string([](json_writer& w) {
    w.begin_array();
    for (int i = 0; i < 200; ++i) w.integer(i);
    w.end_array();
  });
  std::string expected = "[";
  for (int i = 0; i < 200; ++i) expected += (i == 0 ? "" : ",") + std::to_string(i);
  expected += "]";
  CHECK(numbers);
  CHECK(expected.size() > 256);
  CHECK(*numbers == expected);
  // The fixed document through the convenience.
  const jwtcore::result<std::string> fixed = jwtcore::write_json_string(write_fixed_document);
  CHECK(fixed);
  CHECK(*fixed == fixed_document);
}

TEST_CASE("json_writer: write_json_string returns the writer's error") {
  const jwtcore::result<std::string> misuse = jwtcore::write_json_string([](json_writer& w) { w.key("k"); });
  CHECK_FALSE(misuse);
  CHECK(misuse.error() == error::json_writer_misuse);
  const jwtcore::result<std::string> utf8 = jwtcore::write_json_string([](json_writer& w) { w.string("\377"); });
  CHECK_FALSE(utf8);
  CHECK(utf8.error() == error::bad_utf8);
  // A large document that fails late still reports its own error, not buffer_too_small.
  const jwtcore::result<std::string> late = jwtcore::write_json_string(
      [](json_writer& w) { w.begin_array().string(std::string(3000, 'y')).string("\300\200").end_array(); });
  CHECK_FALSE(late);
  CHECK(late.error() == error::bad_utf8);
}

namespace {

// RFC 8259 escaping the plain way, one byte at a time, as json.dumps(...,
// ensure_ascii=False) writes it; for strings that are valid UTF-8.
std::string reference_escape(std::string_view s) {
  static const char digits[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : s) {
    const unsigned byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {
      out += "\\u00";
      out += digits[byte >> 4];
      out += digits[byte & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Integers in a constant expression: the 64-bit values go through the
// shift-and-subtract split that stands in for a 64-bit division.
struct small_text {
  char text[64] = {};
  std::size_t size = 0;
};
constexpr small_text integers_in_constant_expression() {
  small_text t;
  json_writer w(t.text, sizeof t.text);
  w.begin_array().integer(std::numeric_limits<std::int64_t>::min()).unsigned_integer(4294967296u).integer(0);
  w.end_array();
  t.size = *w.finish();
  return t;
}
constexpr bool integers_right_in_constant_expression() {
  const small_text t = integers_in_constant_expression();
  return std::string_view(t.text, t.size) == "[-9223372036854775808,4294967296,0]";
}
static_assert(integers_right_in_constant_expression());

}  // namespace

TEST_CASE("json_writer: runs of plain text of every length, with one byte to escape at every place") {
  // The writer copies plain runs in pieces of 8 or 16 bytes at run time and
  // scans for bytes to escape 8 or 16 at a time: lengths 0 to 40 and every
  // position of a special byte cover the seams of both.
  const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f', '/'};
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string plain;
    for (std::size_t i = 0; i < length; ++i) plain += static_cast<char>('a' + i % 26);
    CAPTURE(plain);
    CHECK(string_doc(plain).text == reference_escape(plain));
    CHECK(write_doc([&plain](json_writer& w) { w.begin_object().key(plain).integer(1).end_object(); }).text ==
          "{" + reference_escape(plain) + ":1}");
    for (std::size_t at = 0; at < length; ++at) {
      for (const char special : specials) {
        std::string s = plain;
        s[at] = special;
        CAPTURE(at);
        CHECK(string_doc(s).text == reference_escape(s));
      }
      std::string utf8 = plain;
      utf8.replace(at, 1, "\342\202\254");  // a 3-byte character in the middle of a run
      CHECK(string_doc(utf8).text == reference_escape(utf8));
      std::string broken = plain;
      broken[at] = '\377';
      CHECK(string_doc(broken).err == error::bad_utf8);
    }
  }
}

TEST_CASE("json_writer: the SSE2 scan and the portable scan stop at the same byte") {
  // Every kind of byte at every place of runs up to 48 bytes, from every start:
  // both scans against a byte-at-a-time reference (the SSE2 scan only where
  // this build and CPU run it, and with 16 bytes or more left, its contract).
  const auto reference = [](std::string_view s, std::size_t pos) {
    while (pos < s.size() && jwtcore::detail::json_is_plain(s[pos])) ++pos;
    return pos;
  };
  const bool sse2 = jwtcore::detail::vector_kernels();
  const char stops[] = {'"', '\\', '\0', '\x1f', '\x80', '\xff', ' ', '~', '\x7f'};
  for (std::size_t length = 0; length <= 48; ++length) {
    std::string plain;
    for (std::size_t i = 0; i < length; ++i) plain += static_cast<char>('#' + (i * 7) % 56);  // '#' to 'Z': no stop among them
    for (std::size_t at = 0; at <= length; ++at) {
      for (const char stop : stops) {
        std::string s = plain;
        if (at < length) s[at] = stop;
        for (std::size_t from = 0; from <= length; from += 3) {
          CAPTURE(length);
          CAPTURE(at);
          CAPTURE(from);
          const std::size_t expected = reference(s, from);
          CHECK(jwtcore::detail::json_skip_plain(s, from) == expected);
          CHECK(jwtcore::detail::json_unescaped_run_end(s, from) == expected);
          if (sse2 && s.size() - from >= 16) {
            CHECK(jwtcore::detail::json_unescaped_run_end_sse2(s.data(), s.size(), from) == expected);
          }
        }
      }
    }
  }
  static_assert(jwtcore::detail::json_skip_plain("abcdefghij\"klmnop", 0) == 10);
  static_assert(jwtcore::detail::json_skip_plain("abcdefghijklmnopq", 2) == 17);
  static_assert(jwtcore::detail::json_skip_plain("abcdefghijklmno\"q", 9) == 15);
  static_assert(jwtcore::detail::json_skip_plain("ab\"", 0) == 2);
  static_assert(jwtcore::detail::json_skip_plain("abc", 1) == 3);
}

TEST_CASE("json_writer: every capacity around a long plain run fails cleanly or fits exactly") {
  const std::string value(100, 'v');
  const std::string expected = reference_escape(value);
  for (std::size_t capacity = 0; capacity <= expected.size() + 2; ++capacity) {
    CAPTURE(capacity);
    std::vector<char> buffer(capacity + 16, '\xA5');
    json_writer w(buffer.data(), capacity);
    w.string(value);
    const jwtcore::result<std::size_t> r = w.finish();
    if (capacity < expected.size()) {
      CHECK(r.error() == error::buffer_too_small);
    } else {
      CHECK(std::string(buffer.data(), *r) == expected);
    }
    CHECK(std::string_view(buffer.data(), w.size()) == std::string_view(expected).substr(0, w.size()));
    std::size_t touched = 0;
    for (std::size_t i = capacity; i < buffer.size(); ++i) touched += buffer[i] != '\xA5' ? 1u : 0u;
    CHECK(touched == 0);
  }
}

TEST_CASE("json_writer: integers at each side of 2^32 and of every power of ten") {
  // Below 2^32 the digits come from 32-bit arithmetic, above it from parts of
  // nine digits; std::to_string is the oracle.
  std::vector<std::uint64_t> values;
  for (std::uint64_t base : {std::uint64_t{0xFFFFFFFFu}, std::uint64_t{1000000000u}, std::uint64_t{1000000000000000000u},
                             std::uint64_t{999999999999999999u}, std::uint64_t{10000000000000000000u}}) {
    for (std::uint64_t delta = 0; delta < 3; ++delta) {
      values.push_back(base - delta);
      values.push_back(base + delta);
    }
  }
  for (std::uint64_t v = 1; v != 0 && v < std::numeric_limits<std::uint64_t>::max() / 3; v = v * 3 + 1) values.push_back(v);
  for (const std::uint64_t v : values) {
    CAPTURE(v);
    CHECK(write_doc([v](json_writer& w) { w.unsigned_integer(v); }).text == std::to_string(v));
    if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      const auto s = static_cast<std::int64_t>(v);
      CHECK(write_doc([s](json_writer& w) { w.integer(-s); }).text == std::to_string(-s));
    }
  }
}
