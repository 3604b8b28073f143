// tests/test_base64url.cpp: strict unpadded base64url against RFC 4648 and RFC
// 7515 examples and a plain table-driven reference encoder; every refusal
// (padding, alphabet, length, trailing bits, small buffers) with its own error;
// and every named variant (small, wide, table-driven, SSSE3) against the
// others, on every kernel choice (which decides whether the vector loops run).
#include "jwtcore/base64url.hpp"

#include <doctest/doctest.h>

#include <cstdint>      // SIZE_MAX
#include <optional>     // loaded documents
#include <string>       // texts
#include <string_view>  // text views
#include <utility>      // std::pair
#include <vector>       // sample texts

#include "support/kernel_choice.hpp"
#include "support/vectors.hpp"

// Failed checks print an error as its name and number (display only: the
// checks themselves compare enumerators).
namespace jwtcore {
inline doctest::String toString(error e) {
  const std::string s = std::string(to_string(e)) + " (" + std::to_string(static_cast<int>(e)) + ")";
  return doctest::String(s.c_str());
}
}  // namespace jwtcore

namespace {

using jwtcore::error;
using jwtcore::result;
using jwtcore_test::as_chars;
using jwtcore_test::byte_string;
using jwtcore_test::json_value;
using jwtcore_test::to_hex;

constexpr std::string_view url_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view std_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// ---- an independent reference ------------------------------------------------

// RFC 4648 the obvious way: a table lookup per sextet. The standard, padded
// form is there only so the reference can be checked against the RFC's own text.
std::string reference_encode(const byte_string& bytes, bool url = true, bool pad = false) {
  const std::string_view alphabet = url ? url_alphabet : std_alphabet;
  std::string text;
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = unsigned{bytes[i]} << 16 | unsigned{bytes[i + 1]} << 8 | bytes[i + 2];
    text += alphabet[v >> 18];
    text += alphabet[v >> 12 & 63];
    text += alphabet[v >> 6 & 63];
    text += alphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    const unsigned v = bytes[i];
    text += alphabet[v >> 2];
    text += alphabet[v << 4 & 63];
    if (pad) text += "==";
  } else if (bytes.size() - i == 2) {
    const unsigned v = unsigned{bytes[i]} << 8 | bytes[i + 1];
    text += alphabet[v >> 10];
    text += alphabet[v >> 4 & 63];
    text += alphabet[v << 2 & 63];
    if (pad) text += '=';
  }
  return text;
}

// The sextet of an alphabet character.
unsigned sextet(char c) { return static_cast<unsigned>(url_alphabet.find(c)); }
bool in_alphabet(unsigned char c) { return url_alphabet.find(static_cast<char>(c)) != std::string_view::npos; }

// ---- the code under test, every way ------------------------------------------

// Encodes through the byte, char and string_view forms and the std::string
// convenience; all must agree and report the documented length.
std::string encode_every_way(const byte_string& bytes) {
  const std::size_t size = jwtcore::base64url_encoded_size(bytes.size());
  std::string from_bytes(size, '\0'), from_chars(size, '\0'), from_view(size, '\0');
  const result<std::size_t> a = jwtcore::base64url_encode_into(bytes.data(), bytes.size(), from_bytes.data(), size);
  const result<std::size_t> b =
      jwtcore::base64url_encode_into(as_chars(bytes).data(), bytes.size(), from_chars.data(), size);
  const result<std::size_t> c = jwtcore::base64url_encode_into(as_chars(bytes), from_view.data(), size);
  CHECK(a.has_value());
  CHECK(b.has_value());
  CHECK(c.has_value());
  CHECK(*a == size);
  CHECK(*b == size);
  CHECK(*c == size);
  CHECK(from_chars == from_bytes);
  CHECK(from_view == from_bytes);
  CHECK(jwtcore::base64url_encode(as_chars(bytes)) == from_bytes);
  // The named variants behind the entry points, whichever this build picks.
  std::string small(size, '\0'), wide(size, '\0'), table(size, '\0');
  jwtcore::detail::base64url_encode_small(bytes.data(), bytes.size(), small.data());
  jwtcore::detail::base64url_encode_wide(bytes.data(), bytes.size(), wide.data());
  jwtcore::detail::base64url_encode_table(bytes.data(), bytes.size(), table.data());
  CHECK(small == from_bytes);
  CHECK(wide == from_bytes);
  CHECK(table == from_bytes);
  return from_bytes;
}

// Decodes into bytes, into chars and through the std::string convenience; all
// must agree, on the bytes or on the error.
result<byte_string> decode_every_way(std::string_view text) {
  const std::size_t capacity = jwtcore::base64url_decoded_size(text.size());
  byte_string bytes(capacity);
  std::string chars(capacity, '\0');
  const result<std::size_t> a = jwtcore::base64url_decode_into(text, bytes.data(), capacity);
  const result<std::size_t> b = jwtcore::base64url_decode_into(text, chars.data(), capacity);
  const result<std::string> c = jwtcore::base64url_decode(text);
  CHECK(b.has_value() == a.has_value());
  CHECK(c.has_value() == a.has_value());
  // The named variants, whichever this build picks: the same bytes or the same error.
  const result<std::size_t> variants[] = {jwtcore::detail::base64url_decode_ct(text, chars.data(), capacity),
                                          jwtcore::detail::base64url_decode_table(text, chars.data(), capacity)};
  for (const result<std::size_t>& v : variants) {
    CHECK(v.has_value() == a.has_value());
    CHECK((a ? *v == *a : v.error() == a.error()));
  }
  if (!a) {
    CHECK(b.error() == a.error());
    CHECK(c.error() == a.error());
    CHECK(c->empty());
    return a.error();
  }
  CHECK(*a == capacity);
  CHECK(*b == capacity);
  CHECK(chars == as_chars(bytes));
  CHECK(*c == as_chars(bytes));
  return bytes;
}

// The outcome of one decode with ample room, for the many-case loops.
result<std::size_t> decode_once(std::string_view text) {
  byte_string out(text.size() + 3);
  return jwtcore::base64url_decode_into(text, out.data(), out.size());
}

std::optional<json_value> load_json(std::string_view file) {
  const std::optional<std::string> text = jwtcore_test::read_data_file(file);
  if (!text) return std::nullopt;
  return jwtcore_test::parse_json(*text);
}

// ---- constant expressions ----------------------------------------------------

// RFC 7515 appendix C: octets [3, 236, 255, 224, 193] are "A-z_4ME".
constexpr bool round_trip_in_constant_expression() {
  const std::uint8_t bytes[5] = {3, 236, 255, 224, 193};
  char text[8] = {};
  const result<std::size_t> encoded = jwtcore::base64url_encode_into(bytes, 5, text, sizeof text);
  if (!encoded || *encoded != 7) return false;
  if (std::string_view(text, 7) != "A-z_4ME") return false;
  std::uint8_t back[5] = {};
  const result<std::size_t> decoded = jwtcore::base64url_decode_into(std::string_view(text, 7), back, sizeof back);
  if (!decoded || *decoded != 5) return false;
  for (int i = 0; i < 5; ++i) {
    if (back[i] != bytes[i]) return false;
  }
  return true;
}
static_assert(round_trip_in_constant_expression());

constexpr error decode_error_in_constant_expression(std::string_view text) {
  char out[8] = {};
  return jwtcore::base64url_decode_into(text, out, sizeof out).error();
}
static_assert(decode_error_in_constant_expression("Zg==") == error::bad_base64url_padding);
static_assert(decode_error_in_constant_expression("Zm9vY") == error::bad_base64url_length);
static_assert(decode_error_in_constant_expression("Zh") == error::bad_base64url_trailing_bits);
static_assert(decode_error_in_constant_expression("Zm9v+") == error::bad_base64url_char);
static_assert(jwtcore::base64url_encoded_size(0) == 0 && jwtcore::base64url_encoded_size(1) == 2 &&
              jwtcore::base64url_encoded_size(2) == 3 && jwtcore::base64url_encoded_size(3) == 4);
static_assert(jwtcore::base64url_decoded_size(4) == 3 && jwtcore::base64url_decoded_size(7) == 5);

// ---- published vectors -------------------------------------------------------

TEST_CASE("base64url: RFC 4648 vectors and edge cases of rfc4648-base64url.json") {
  const std::optional<json_value> doc = load_json("rfc4648-base64url.json");
  JWTCORE_REQUIRE(doc.has_value());
  CHECK((*doc)["alphabet"].str() == url_alphabet);
  const json_value& valid = (*doc)["valid"];
  CHECK(valid.size() == 20);
  for (const json_value& v : valid.items) {
    INFO("bytes_hex " << v["bytes_hex"].str());
    const auto bytes = jwtcore_test::from_hex(v["bytes_hex"].str());
    JWTCORE_REQUIRE(bytes.has_value());
    if (v.find("ascii") != nullptr) CHECK(v["ascii"].str() == as_chars(*bytes));
    const std::string& text = v["base64url"].str();
    // The reference must reproduce the RFC's own padded text before it judges anything.
    CHECK(reference_encode(*bytes, false, true) == v["base64"].str());
    CHECK(reference_encode(*bytes) == text);

    CHECK(encode_every_way(*bytes) == text);
    const result<byte_string> decoded = decode_every_way(text);
    CHECK(decoded.has_value());
    CHECK(to_hex(*decoded) == to_hex(*bytes));
  }
}

TEST_CASE("base64url: the invalid examples of rfc4648-base64url.json, each with its own error") {
  const std::optional<json_value> doc = load_json("rfc4648-base64url.json");
  JWTCORE_REQUIRE(doc.has_value());
  const json_value& invalid = (*doc)["invalid_for_strict_unpadded_base64url"];
  CHECK(invalid.size() == 5);
  // The file states each reason in words; its first words name the class.
  struct reason_error {
    std::string_view reason_prefix;
    error expected;
  };
  const reason_error classes[] = {
      {"padding", error::bad_base64url_padding},
      {"length mod 4 == 1", error::bad_base64url_length},
      {"non-zero pad bits", error::bad_base64url_trailing_bits},
      {"standard-alphabet characters", error::bad_base64url_char},
      {"line break", error::bad_base64url_char},
  };
  int mapped = 0;
  for (const json_value& v : invalid.items) {
    const std::string& text = v["text"].str();
    const std::string& reason = v["reason"].str();
    INFO("text \"" << text << "\": " << reason);
    bool found = false;
    for (const reason_error& c : classes) {
      if (reason.compare(0, c.reason_prefix.size(), c.reason_prefix) != 0) continue;
      found = true;
      ++mapped;
      const result<byte_string> decoded = decode_every_way(text);
      CHECK_FALSE(decoded.has_value());
      CHECK(decoded.error() == c.expected);
    }
    CHECK(found);
  }
  CHECK(mapped == 5);
}

TEST_CASE("base64url: RFC 7515 appendix A.1, the segments of the example JWS") {
  const std::optional<json_value> doc = load_json("rfc7515-a1.json");
  JWTCORE_REQUIRE(doc.has_value());
  const auto octets = [](const json_value& array) {
    byte_string bytes;
    for (const json_value& o : array.items) bytes.push_back(static_cast<std::uint8_t>(o.integer().value_or(-1)));
    return bytes;
  };
  const byte_string header = octets((*doc)["protected_header_octets"]);
  const byte_string payload = octets((*doc)["payload_octets"]);
  const byte_string signature = octets((*doc)["signature_octets"]);
  CHECK(header.size() == 30);
  CHECK(payload.size() == 70);
  CHECK(signature.size() == 32);
  CHECK(as_chars(header) == (*doc)["protected_header_utf8"].str());
  CHECK(as_chars(payload) == (*doc)["payload_utf8"].str());

  const std::string encoded_header = encode_every_way(header);
  const std::string encoded_payload = encode_every_way(payload);
  const std::string encoded_signature = encode_every_way(signature);
  CHECK(encoded_header == (*doc)["encoded_header"].str());
  CHECK(encoded_payload == (*doc)["encoded_payload"].str());
  CHECK(encoded_signature == (*doc)["encoded_signature"].str());
  CHECK(encoded_header + "." + encoded_payload == (*doc)["signing_input"].str());
  CHECK(encoded_header + "." + encoded_payload + "." + encoded_signature == (*doc)["compact"].str());
  CHECK(to_hex(*decode_every_way(encoded_payload)) == to_hex(payload));
  CHECK(to_hex(*decode_every_way(encoded_signature)) == to_hex(signature));

  // The JWK's k decodes to the 64-byte HMAC key and encodes back to itself.
  const std::string& k = (*doc)["jwk"]["k"].str();
  const result<byte_string> key = decode_every_way(k);
  CHECK(key.has_value());
  CHECK(to_hex(*key) == (*doc)["key_hex_derived"].str());
  CHECK(encode_every_way(*key) == k);
}

// ---- round trips against the reference ---------------------------------------

TEST_CASE("base64url: every byte value round-trips, alone and in pairs and triples") {
  for (unsigned b = 0; b < 256; ++b) {
    INFO("byte " << b);
    const auto u8 = [](unsigned v) { return static_cast<std::uint8_t>(v & 0xff); };
    for (const byte_string& bytes :
         {byte_string{u8(b)}, byte_string{u8(b), u8(255 - b)}, byte_string{u8(b), u8(b + 1), u8(b * 3)}}) {
      const std::string text = encode_every_way(bytes);
      CHECK(text == reference_encode(bytes));
      const result<byte_string> back = decode_every_way(text);
      CHECK(back.has_value());
      CHECK(to_hex(*back) == to_hex(bytes));
    }
  }
}

TEST_CASE("base64url: pseudo-random byte strings of every length 0..300 round-trip") {
  jwtcore_test::test_rng rng(4648);
  for (std::size_t n = 0; n <= 300; ++n) {
    INFO("length " << n);
    const byte_string bytes = rng.bytes(n);
    const std::string text = encode_every_way(bytes);
    CHECK(text == reference_encode(bytes));
    CHECK(text.size() == jwtcore::base64url_encoded_size(n));
    CHECK(jwtcore::base64url_decoded_size(text.size()) == n);
    const result<byte_string> back = decode_every_way(text);
    CHECK(back.has_value());
    CHECK(to_hex(*back) == to_hex(bytes));
  }
}

TEST_CASE("base64url: encoded and decoded sizes are exact, and the encoded size saturates") {
  for (std::size_t n = 0; n <= 300; ++n) {
    INFO("n = " << n);
    CHECK(jwtcore::base64url_encoded_size(n) == (4 * n + 2) / 3);  // ceil(4n / 3): no padding
    CHECK(jwtcore::base64url_decoded_size(n) == 3 * n / 4);        // floor(3n / 4)
    CHECK(jwtcore::base64url_decoded_size(jwtcore::base64url_encoded_size(n)) == n);
  }

  // With W-bit sizes, ceil(4n / 3) fits exactly while n <= 3 * 2^(W-2) - 1.
  constexpr std::size_t max = SIZE_MAX;
  constexpr std::size_t largest_fitting = (max / 4 + 1) * 3 - 1;
  CHECK(jwtcore::base64url_encoded_size(largest_fitting) == max);          // 2 bytes left over: 3 chars
  CHECK(jwtcore::base64url_encoded_size(largest_fitting - 1) == max - 1);  // 1 byte left over: 2 chars
  CHECK(jwtcore::base64url_encoded_size(largest_fitting - 2) == max - 3);  // whole groups
  CHECK(jwtcore::base64url_encoded_size(largest_fitting + 1) == max);      // would be max + 1
  CHECK(jwtcore::base64url_encoded_size(largest_fitting + 2) == max);
  CHECK(jwtcore::base64url_encoded_size(largest_fitting + 1000) == max);
  CHECK(jwtcore::base64url_encoded_size(max - 1) == max);
  CHECK(jwtcore::base64url_encoded_size(max) == max);
  CHECK(jwtcore::base64url_decoded_size(max) == max / 4 * 3 + 2);
}

// ---- refusals ----------------------------------------------------------------

// Valid texts of several lengths (every length mod 4 that can be valid), each
// the encoding of pseudo-random bytes.
std::vector<std::string> sample_texts() {
  jwtcore_test::test_rng rng(7515);
  std::vector<std::string> texts;
  for (std::size_t n : {1u, 2u, 3u, 4u, 5u, 6u, 8u, 31u, 32u, 33u}) texts.push_back(reference_encode(rng.bytes(n)));
  return texts;
}

TEST_CASE("base64url: '=' is refused at the end, in the middle and at the start") {
  for (std::string_view text : {"Zg==", "Zg=", "Zm8=", "=", "==", "===", "====", "Zm9v====", "Zm9vYg==", "Zm9vYmE="}) {
    INFO("text " << text);
    CHECK(decode_every_way(text).error() == error::bad_base64url_padding);
  }
  for (const std::string& valid : sample_texts()) {
    for (std::size_t at = 0; at <= valid.size(); ++at) {
      INFO("'=' inserted into " << valid << " at " << at);
      std::string inserted = valid;
      inserted.insert(at, 1, '=');
      CHECK(decode_once(inserted).error() == error::bad_base64url_padding);
      if (at < valid.size()) {
        std::string replaced = valid;
        replaced[at] = '=';
        CHECK(decode_once(replaced).error() == error::bad_base64url_padding);
      }
    }
  }
}

TEST_CASE("base64url: every byte outside the alphabet is refused at the start, middle and end") {
  // All 256 byte values, so the named ones ('+', '/', ' ', '\n', '\r', '\t',
  // '.', '\0', 0x80..0xff) and the neighbours of each alphabet range are in.
  int outside = 0;
  for (unsigned c = 0; c < 256; ++c) {
    const char bad = static_cast<char>(c);
    if (in_alphabet(static_cast<unsigned char>(c)) || bad == '=') continue;
    ++outside;
    for (const std::string& valid : sample_texts()) {
      for (std::size_t at : {std::size_t{0}, valid.size() / 2, valid.size() - 1}) {
        INFO("byte " << c << " at " << at << " of " << valid);
        std::string replaced = valid;
        replaced[at] = bad;
        CHECK(decode_once(replaced).error() == error::bad_base64url_char);
        std::string inserted = valid;
        inserted.insert(at, 1, bad);
        CHECK(decode_once(inserted).error() == error::bad_base64url_char);
      }
      std::string appended = valid + bad;  // also makes some lengths 1 mod 4: the character still wins
      CHECK(decode_once(appended).error() == error::bad_base64url_char);
    }
  }
  CHECK(outside == 256 - 64 - 1);
  for (std::string_view text :
       {"Zm9v\n", "Zm9v\r\n", "Zm 9v", "\tZm9v", "Zm9v.", "+/8", "Zm9v", "Zm9\x80", "Zm9\xff"}) {
    INFO("text " << text);
    const result<byte_string> decoded = decode_every_way(text);
    CHECK(decoded.has_value() == (text == "Zm9v"));
    if (!decoded) CHECK(decoded.error() == error::bad_base64url_char);
  }
  CHECK(decode_every_way(std::string_view("Zm\0v", 4)).error() == error::bad_base64url_char);
}

TEST_CASE("base64url: every length with n % 4 == 1 from 1 to 101 is refused") {
  jwtcore_test::test_rng rng(1);
  for (std::size_t n = 1; n <= 101; n += 4) {
    INFO("length " << n);
    const std::string text = reference_encode(rng.bytes(n)).substr(0, n);
    JWTCORE_REQUIRE(text.size() == n);
    CHECK(decode_every_way(text).error() == error::bad_base64url_length);
    CHECK(decode_every_way(std::string(n, 'A')).error() == error::bad_base64url_length);
    CHECK(decode_every_way(std::string(n, '_')).error() == error::bad_base64url_length);
  }
}

TEST_CASE("base64url: every non-zero trailing-bit variant of 2- and 3-character tails is refused") {
  for (std::string_view prefix : {"", "Zm9v", "Zm9vYmFy"}) {
    const std::string prefix_text(prefix);
    const result<byte_string> prefix_bytes = decode_every_way(prefix_text);
    JWTCORE_REQUIRE(prefix_bytes.has_value());
    int accepted_2 = 0, accepted_3 = 0;
    for (char c1 : url_alphabet) {
      for (char c2 : url_alphabet) {
        // Two characters carry 12 bits for one byte: the low 4 bits of c2 must be zero.
        const std::string two = prefix_text + c1 + c2;
        INFO("text " << two);
        const result<byte_string> decoded = decode_every_way(two);
        const bool canonical = (sextet(c2) & 15) == 0;
        CHECK(decoded.has_value() == canonical);
        if (canonical) {
          ++accepted_2;
          byte_string expected = *prefix_bytes;
          expected.push_back(static_cast<std::uint8_t>(sextet(c1) << 2 | sextet(c2) >> 4));
          CHECK(to_hex(*decoded) == to_hex(expected));
          CHECK(encode_every_way(*decoded) == two);
        } else {
          CHECK(decoded.error() == error::bad_base64url_trailing_bits);
        }
        // Three characters carry 18 bits for two bytes: the low 2 bits of c3 must be zero.
        for (char c3 : url_alphabet) {
          const std::string three = prefix_text + c1 + c2 + c3;
          byte_string out(prefix.size() + 3, 0xa5);
          const result<std::size_t> r = jwtcore::base64url_decode_into(three, out.data(), out.size());
          if ((sextet(c3) & 3) == 0) {
            ++accepted_3;
            const std::size_t b = prefix_bytes->size();
            const bool right = r.has_value() && *r == b + 2 &&
                               out[b] == static_cast<std::uint8_t>(sextet(c1) << 2 | sextet(c2) >> 4) &&
                               out[b + 1] == static_cast<std::uint8_t>((sextet(c2) & 15) << 4 | sextet(c3) >> 2);
            if (!right) CHECK_MESSAGE(right, "canonical text " << three << " not decoded right");
          } else if (r.has_value() || r.error() != error::bad_base64url_trailing_bits) {
            CHECK_MESSAGE(false, "text " << three << " with non-zero trailing bits not refused as such");
          }
        }
      }
    }
    // 64 * 4 of the 64 * 64 pairs and 64 * 64 * 16 of the 64^3 triples are canonical.
    CHECK(accepted_2 == 64 * 4);
    CHECK(accepted_3 == 64 * 64 * 16);
  }
  // Named examples: "Zh".."Zv" are 'f' ("Zg") with each non-zero low nibble;
  // "Zm9" and the others are "fo" ("Zm8") with non-zero low bits ("Zm+" is not base64url at all).
  for (char c = 'h'; c <= 'v'; ++c) {
    const std::string text = std::string("Z") + c;
    INFO("text " << text);
    CHECK(decode_every_way(text).error() == error::bad_base64url_trailing_bits);
  }
  for (std::string_view text : {"Zm9", "Zm+", "Zm-", "Zm_", "Zm5", "Zm6", "Zm7"}) {
    INFO("text " << text);
    const result<byte_string> decoded = decode_every_way(text);
    if (text == "Zm+") {
      CHECK(decoded.error() == error::bad_base64url_char);
    } else {
      CHECK(decoded.error() == error::bad_base64url_trailing_bits);
    }
  }
  CHECK(to_hex(*decode_every_way("Zm8")) == "666f");
}

TEST_CASE("base64url: error precedence is padding, then character, then length, then trailing bits") {
  struct precedence_case {
    std::string_view text;
    error expected;
  };
  const precedence_case cases[] = {
      {"Zh=", error::bad_base64url_padding},    // padding over trailing bits
      {"+=", error::bad_base64url_padding},     // padding over character
      {"AAAA=", error::bad_base64url_padding},  // padding over length
      {"+AAA=", error::bad_base64url_padding},  // padding over character and length
      {"=AAA+", error::bad_base64url_padding},
      {"+AAAA", error::bad_base64url_char},  // character over length
      {"AAAA+", error::bad_base64url_char},
      {"AAAAAAAA.", error::bad_base64url_char},
      {"+h", error::bad_base64url_char},  // character over trailing bits
      {"Zh\n", error::bad_base64url_char},
      {"AAAAh", error::bad_base64url_length},  // length: trailing bits are not looked at
      {"AAAAB", error::bad_base64url_length},
      {"Zh", error::bad_base64url_trailing_bits},
  };
  for (const precedence_case& c : cases) {
    INFO("text " << c.text);
    const result<byte_string> decoded = decode_every_way(c.text);
    CHECK_FALSE(decoded.has_value());
    CHECK(decoded.error() == c.expected);
  }
}

TEST_CASE("base64url: buffer_too_small refuses every short capacity and writes nothing") {
  constexpr std::size_t guard = 8;
  jwtcore_test::test_rng rng(99);
  for (std::size_t n = 0; n <= 70; ++n) {
    const byte_string bytes = rng.bytes(n);
    const std::string text = reference_encode(bytes);
    INFO("bytes " << n << ", text " << text);

    // Encode: nothing at all is written when the text does not fit.
    for (std::size_t capacity = 0; capacity <= text.size(); ++capacity) {
      std::string out(capacity + guard, '#');
      const result<std::size_t> r = jwtcore::base64url_encode_into(bytes.data(), n, out.data(), capacity);
      if (capacity < text.size()) {
        CHECK(r.error() == error::buffer_too_small);
        CHECK(out == std::string(capacity + guard, '#'));
      } else {
        CHECK(r.has_value());
        CHECK(out == text + std::string(guard, '#'));  // exactly the text: no terminator, no more
      }
    }

    // Decode, into bytes and into chars: nothing decoded anywhere, nothing past capacity.
    for (std::size_t capacity = 0; capacity <= n; ++capacity) {
      byte_string out(capacity + guard, 0xa5);
      std::string chars(capacity + guard, '\xa5');
      const result<std::size_t> r = jwtcore::base64url_decode_into(text, out.data(), capacity);
      const result<std::size_t> rc = jwtcore::base64url_decode_into(text, chars.data(), capacity);
      if (capacity < n) {
        CHECK(r.error() == error::buffer_too_small);
        CHECK(rc.error() == error::buffer_too_small);
        CHECK(out == byte_string(capacity + guard, 0xa5));
        CHECK(chars == std::string(capacity + guard, '\xa5'));
      } else {
        CHECK(r.has_value());
        CHECK(rc.has_value());
        byte_string expected = bytes;
        expected.resize(n + guard, 0xa5);
        CHECK(to_hex(out) == to_hex(expected));
        CHECK(chars == std::string(as_chars(expected)));
      }
    }
  }
}

TEST_CASE("base64url: a failed decode leaves nothing decoded in the buffer") {
  constexpr std::size_t guard = 8;
  jwtcore_test::test_rng rng(2024);
  for (std::size_t n = 1; n <= 60; ++n) {
    const byte_string bytes = rng.bytes(n);
    const std::string text = reference_encode(bytes);
    INFO("bytes " << n << ", text " << text);

    std::vector<std::pair<std::string, error>> broken;
    std::string bad_end = text;
    bad_end.back() = '.';
    broken.emplace_back(bad_end, error::bad_base64url_char);
    std::string bad_middle = text;
    bad_middle[text.size() / 2] = '/';
    broken.emplace_back(bad_middle, error::bad_base64url_char);
    if (text.size() % 4 != 0) {  // a 2- or 3-character tail: set its lowest unused bit
      std::string noisy = text;
      noisy.back() = url_alphabet[sextet(noisy.back()) | 1];
      broken.emplace_back(noisy, error::bad_base64url_trailing_bits);
    }
    for (const auto& case_ : broken) {
      const std::string& broken_text = case_.first;
      const error expected = case_.second;
      INFO("broken text " << broken_text);
      // The decoder writes as it goes; on failure the whole range it wrote is zeroed.
      const std::size_t would_write = jwtcore::base64url_decoded_size(broken_text.size());
      byte_string out(would_write + guard, 0xa5);
      const result<std::size_t> r = jwtcore::base64url_decode_into(broken_text, out.data(), would_write + guard);
      CHECK(r.error() == expected);
      CHECK(to_hex(out) == to_hex(byte_string(would_write, 0)) + to_hex(byte_string(guard, 0xa5)));
    }

    // A bad length is found before anything is written.
    if (text.size() % 4 == 0) {
      const std::string too_long = text + "A";
      byte_string out(n + guard, 0xa5);
      const result<std::size_t> r = jwtcore::base64url_decode_into(too_long, out.data(), out.size());
      CHECK(r.error() == error::bad_base64url_length);
      for (std::uint8_t b : out) CHECK((b == 0xa5 || b == 0));
    }
  }
}

TEST_CASE("base64url: the std::string conveniences") {
  CHECK(jwtcore::base64url_encode("") == "");
  CHECK(jwtcore::base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(jwtcore::base64url_encode(std::string_view("\0\xff\xfe", 3)) == "AP_-");
  CHECK(jwtcore::base64url_encode("\xfb\xff") == "-_8");

  const result<std::string> foobar = jwtcore::base64url_decode("Zm9vYmFy");
  CHECK(foobar.has_value());
  CHECK(*foobar == "foobar");
  CHECK(foobar->size() == 6);
  const result<std::string> with_nul = jwtcore::base64url_decode("AP_-");
  CHECK(with_nul.has_value());
  CHECK(*with_nul == std::string_view("\0\xff\xfe", 3));
  const result<std::string> empty = jwtcore::base64url_decode("");
  CHECK(empty.has_value());
  CHECK(empty->empty());

  const struct {
    std::string_view text;
    error expected;
  } refused[] = {{"Zg==", error::bad_base64url_padding},
                 {"Z", error::bad_base64url_length},
                 {"Zh", error::bad_base64url_trailing_bits},
                 {"Zm9v\n", error::bad_base64url_char},
                 {"+/8", error::bad_base64url_char}};
  for (const auto& r : refused) {
    INFO("text " << r.text);
    const result<std::string> decoded = jwtcore::base64url_decode(r.text);
    CHECK_FALSE(decoded.has_value());
    CHECK(decoded.error() == r.expected);
    CHECK(decoded->empty());
  }
}

}  // namespace

// ---- the fast codec for public text ------------------------------------------

namespace {

using jwtcore_test::on_every_kernel_choice;

// Every decoder on the same text and capacity (the two entry points, and the
// named variants behind them whichever this build picks): the same verdict,
// the same error, the same bytes in the whole buffer afterwards (written,
// zeroed on failure, or untouched).
void check_decoders_agree(std::string_view text, std::size_t capacity) {
  constexpr std::size_t guard = 8;
  const auto run = [&](auto decode) {
    byte_string out(capacity + guard, 0xa5);
    std::string chars(capacity + guard, '\xa5');
    const result<std::size_t> r = decode(text, out.data(), capacity);
    const result<std::size_t> r_chars = decode(text, chars.data(), capacity);
    CHECK(r.has_value() == r_chars.has_value());
    CHECK(std::string(as_chars(out)) == chars);
    return std::make_pair(r, to_hex(out));
  };
  using namespace jwtcore::detail;
  const auto expected = run([](auto t, auto* o, std::size_t c) { return jwtcore::base64url_decode_into(t, o, c); });
  const std::pair<result<std::size_t>, std::string> others[] = {
      run([](auto t, auto* o, std::size_t c) { return jwtcore::base64url_decode_public_into(t, o, c); }),
      run([](auto t, auto* o, std::size_t c) { return base64url_decode_ct(t, o, c); }),
      run([](auto t, auto* o, std::size_t c) { return base64url_decode_table(t, o, c); }),
  };
  for (const auto& other : others) {
    CHECK(expected.first.has_value() == other.first.has_value());
    if (expected.first && other.first) CHECK(*expected.first == *other.first);
    if (!expected.first && !other.first) CHECK(expected.first.error() == other.first.error());
    CHECK(expected.second == other.second);
  }
}

}  // namespace

TEST_CASE("base64url public: the fast encoder writes the constant-time encoder's text for every length 0..300") {
  on_every_kernel_choice([] {
    jwtcore_test::test_rng rng(7515);
    for (std::size_t n = 0; n <= 300; ++n) {
      INFO("bytes " << n);
      for (int sample = 0; sample < 4; ++sample) {
        byte_string bytes = rng.bytes(n);
        if (sample == 1) bytes.assign(n, 0xff);  // the last letter everywhere: '_'
        if (sample == 2) bytes.assign(n, 0xfb);  // '-' and '_' in turn
        const std::string expected = reference_encode(bytes);
        const std::size_t size = expected.size();
        std::string constant_time(size, '#'), fast(size, '#'), fast_chars(size, '#'), fast_view(size, '#');
        CHECK(jwtcore::base64url_encode_into(bytes.data(), n, constant_time.data(), size).has_value());
        const result<std::size_t> a = jwtcore::base64url_encode_public_into(bytes.data(), n, fast.data(), size);
        const result<std::size_t> b =
            jwtcore::base64url_encode_public_into(as_chars(bytes).data(), n, fast_chars.data(), size);
        const result<std::size_t> c = jwtcore::base64url_encode_public_into(as_chars(bytes), fast_view.data(), size);
        CHECK(*a == size);
        CHECK(*b == size);
        CHECK(*c == size);
        CHECK(constant_time == expected);
        CHECK(fast == expected);
        CHECK(fast_chars == expected);
        CHECK(fast_view == expected);
        // The named variants, each whichever this build picks.
        std::string small(size, '#'), wide(size, '#'), table(size, '#');
        jwtcore::detail::base64url_encode_small(bytes.data(), n, small.data());
        jwtcore::detail::base64url_encode_wide(bytes.data(), n, wide.data());
        jwtcore::detail::base64url_encode_table(bytes.data(), n, table.data());
        CHECK(small == expected);
        CHECK(wide == expected);
        CHECK(table == expected);
      }
    }
  });
}

TEST_CASE("base64url public: the fast encoder refuses a short buffer as the other does, writing nothing") {
  jwtcore_test::test_rng rng(31);
  for (std::size_t n = 0; n <= 64; ++n) {
    const byte_string bytes = rng.bytes(n);
    const std::string text = reference_encode(bytes);
    for (std::size_t capacity = 0; capacity < text.size(); ++capacity) {
      std::string out(capacity + 16, '#');
      const result<std::size_t> r = jwtcore::base64url_encode_public_into(bytes.data(), n, out.data(), capacity);
      CHECK(r.error() == error::buffer_too_small);
      CHECK(out == std::string(capacity + 16, '#'));
    }
  }
}

TEST_CASE("base64url public: the decoders agree on valid text of every length 0..300, at every tight capacity") {
  on_every_kernel_choice([] {
    jwtcore_test::test_rng rng(4648);
    for (std::size_t n = 0; n <= 300; ++n) {
      const std::string text = reference_encode(rng.bytes(n));
      INFO("text " << text);
      check_decoders_agree(text, n);
      check_decoders_agree(text, n + 5);
      if (n > 0) check_decoders_agree(text, n - 1);  // buffer_too_small, nothing written
      if (n > 3) check_decoders_agree(text, n / 2);
    }
  });
}

TEST_CASE("base64url public: the decoders agree on every single-byte change of valid text") {
  on_every_kernel_choice([] {
    // Every byte value at the first, a middle and the last position, for the
    // lengths around each multiple of 4 up to 300: padding, characters outside
    // the alphabet, lengths and trailing bits, and their precedence.
    jwtcore_test::test_rng rng(2045);
    for (std::size_t n = 0; n <= 225; ++n) {
      const std::string text = reference_encode(rng.bytes(n));
      if (text.empty()) continue;
      INFO("text " << text);
      const std::size_t positions[] = {0, text.size() / 2, text.size() - 1};
      for (const std::size_t at : positions) {
        for (unsigned value = 0; value < 256; ++value) {
          std::string changed = text;
          changed[at] = static_cast<char>(value);
          check_decoders_agree(changed, jwtcore::base64url_decoded_size(changed.size()));
        }
      }
      // One character more and one fewer: lengths of every remainder mod 4.
      check_decoders_agree(text + "A", jwtcore::base64url_decoded_size(text.size() + 1) + 1);
      check_decoders_agree(text.substr(0, text.size() - 1), n + 1);
      check_decoders_agree(text + "=", n + 1);
      check_decoders_agree(text + "==", 0);  // padding wins over buffer_too_small
    }
  });
}

TEST_CASE("base64url public: the decoders agree on random text of every length 0..300") {
  on_every_kernel_choice([] {
    jwtcore_test::test_rng rng(1977);
    // Three sources: any byte; the alphabet (random trailing bits); the alphabet
    // with a rare stranger among '=', '+', '/', '.', space and NUL.
    const std::string_view strangers("=+/. \0", 6);
    for (std::size_t n = 0; n <= 300; ++n) {
      INFO("length " << n);
      for (int sample = 0; sample < 12; ++sample) {
        std::string text(n, 'A');
        for (char& c : text) {
          const std::uint64_t r = rng.next();
          if (sample % 3 == 0) {
            c = static_cast<char>(r >> 56);
          } else {
            c = url_alphabet[(r >> 32) % 64];
            if (sample % 3 == 2 && (r & 0xff) < 3) c = strangers[(r >> 8) % strangers.size()];
          }
        }
        INFO("text " << text);
        check_decoders_agree(text, jwtcore::base64url_decoded_size(n));
        check_decoders_agree(text, n);
      }
    }
  });
}

TEST_CASE("base64url public: the decoders agree on valid text of every length 0..200 with a bad byte at any place") {
  on_every_kernel_choice([] {
    // Bytes next to each range of the alphabet, '=', the other alphabet's
    // characters and bytes with the top bit set, one at each position in turn:
    // in a vector step, in an overlapping last step, in the scalar tail.
    const std::string_view bad("=+/.,:@[`{\x7f\x80\xff\0 ^]\\", 18);
    jwtcore_test::test_rng rng(1321);
    for (std::size_t n = 0; n <= 150; ++n) {  // texts of 0..200 characters
      const std::string text = reference_encode(rng.bytes(n));
      INFO("text " << text);
      for (std::size_t at = 0; at < text.size(); ++at) {
        std::string changed = text;
        changed[at] = bad[(at + n) % bad.size()];
        check_decoders_agree(changed, jwtcore::base64url_decoded_size(changed.size()));
      }
    }
  });
}

TEST_CASE("base64url: a 32-byte MAC (vector steps and a scalar tail) is encoded right on every kernel choice") {
  on_every_kernel_choice([] {
    jwtcore_test::test_rng rng(256);
    for (int sample = 0; sample < 200; ++sample) {
      byte_string mac = rng.bytes(32);
      if (sample == 0) mac.assign(32, 0);
      if (sample == 1) mac.assign(32, 0xff);
      const std::string expected = reference_encode(mac);
      CHECK(expected.size() == 43);
      std::string mac_text(48, '#');
      const result<std::size_t> written = jwtcore::base64url_encode_into(mac.data(), mac.size(), mac_text.data(), 43);
      CHECK(*written == 43);
      CHECK(mac_text == expected + "#####");  // 43 characters and not one more
    }
  });
}

TEST_CASE("base64url: the SSSE3 loops, called directly, match the reference at every size") {
  if (!jwtcore::detail::ssse3_supported()) {
    MESSAGE("SSSE3 loops NOT exercised: not compiled for this target and configuration, or this CPU lacks SSSE3");
    return;
  }
  jwtcore_test::test_rng rng(12);
  for (std::size_t n = 0; n <= 200; ++n) {
    const byte_string bytes = rng.bytes(n);
    std::string out(n / 3 * 4 + 16, '#');
    const std::size_t consumed = jwtcore::detail::base64url_encode_ssse3(bytes.data(), n, out.data());
    INFO("bytes " << n << ", consumed " << consumed);
    // All of it from 16 bytes on, nothing below.
    CHECK(consumed == (n < 16 ? 0 : n));
    const std::string expected = reference_encode(byte_string(bytes.begin(), bytes.begin() + static_cast<long>(consumed)));
    CHECK(out.substr(0, expected.size()) == expected);
    CHECK(out.substr(expected.size()) == std::string(out.size() - expected.size(), '#'));
    // And back: the whole groups (at least 16 characters), not a byte written
    // past their bytes, every byte outside the alphabet refused.
    const std::string text = reference_encode(bytes);
    const std::size_t chars = text.size() / 4 * 4, size = chars / 4 * 3;
    if (chars < 16) continue;
    byte_string back(size + 16, 0xa5);
    CHECK(jwtcore::detail::base64url_decode_ssse3(text.data(), chars, back.data()));
    byte_string expected_back(bytes.begin(), bytes.begin() + static_cast<long>(size));
    expected_back.resize(size + 16, 0xa5);
    CHECK(to_hex(back) == to_hex(expected_back));
    for (std::size_t at = 0; at < chars; ++at) {
      std::string bad = text;
      bad[at] = at % 3 == 0 ? '=' : at % 3 == 1 ? '\x80' : '+';
      CHECK_FALSE(jwtcore::detail::base64url_decode_ssse3(bad.data(), chars, back.data()));
    }
  }
}

namespace {
// The fast codec in constant expressions: RFC 7515 appendix C again.
constexpr bool public_round_trip_in_constant_expression() {
  const std::uint8_t bytes[5] = {3, 236, 255, 224, 193};
  char text[8] = {};
  const result<std::size_t> encoded = jwtcore::base64url_encode_public_into(bytes, 5, text, sizeof text);
  if (!encoded || *encoded != 7 || std::string_view(text, 7) != "A-z_4ME") return false;
  std::uint8_t back[5] = {};
  const result<std::size_t> decoded = jwtcore::base64url_decode_public_into(std::string_view(text, 7), back, 5);
  if (!decoded || *decoded != 5) return false;
  for (int i = 0; i < 5; ++i) {
    if (back[i] != bytes[i]) return false;
  }
  return true;
}
static_assert(public_round_trip_in_constant_expression());

// Every named variant in constant expressions, whichever this build picks.
constexpr bool variants_in_constant_expression() {
  const std::uint8_t bytes[5] = {3, 236, 255, 224, 193};
  char small[7] = {}, wide[7] = {}, table[7] = {};
  jwtcore::detail::base64url_encode_small(bytes, 5, small);
  jwtcore::detail::base64url_encode_wide(bytes, 5, wide);
  jwtcore::detail::base64url_encode_table(bytes, 5, table);
  for (const char* text : {small, wide, table}) {
    if (std::string_view(text, 7) != "A-z_4ME") return false;
  }
  std::uint8_t a[5] = {}, c[5] = {};
  const bool decoded = *jwtcore::detail::base64url_decode_ct("A-z_4ME", a, 5) == 5 &&
                       *jwtcore::detail::base64url_decode_table("A-z_4ME", c, 5) == 5;
  for (int i = 0; i < 5; ++i) {
    if (a[i] != bytes[i] || c[i] != bytes[i]) return false;
  }
  return decoded && jwtcore::detail::base64url_decode_ct("A-z_4MF", a, 5).error() ==
                        jwtcore::error::bad_base64url_trailing_bits;
}
static_assert(variants_in_constant_expression());

constexpr error public_decode_error(std::string_view text) {
  char out[8] = {};
  return jwtcore::base64url_decode_public_into(text, out, sizeof out).error();
}
static_assert(public_decode_error("Zg==") == error::bad_base64url_padding);
static_assert(public_decode_error("Zm9vY") == error::bad_base64url_length);
static_assert(public_decode_error("Zh") == error::bad_base64url_trailing_bits);
static_assert(public_decode_error("Zm9v+") == error::bad_base64url_char);
static_assert(public_decode_error("+AAA=") == error::bad_base64url_padding);
static_assert(public_decode_error("Zm9vYmFyYmF6cXV4") == error::buffer_too_small);
}  // namespace
