// tests/test_bytes.cpp: the ground floor: error names and messages for every
// enumerator, the result<T> type, ct_equal at every position and bit, and the
// wipes (at run time and in constant expressions).
#include "jwtcore/bytes.hpp"
#include "jwtcore/hmac.hpp"  // the midstate structs and their wipe overloads

#include <doctest/doctest.h>

#include <algorithm>    // std::all_of
#include <cstdint>      // std::uint8_t
#include <set>          // uniqueness of names and messages
#include <string>       // result<std::string>
#include <string_view>  // names
#include <type_traits>  // the conversion rules of result<T>
#include <utility>      // std::move

// Failed checks print an error as its number (not through to_string, which is under test here).
namespace jwtcore {
inline doctest::String toString(error e) { return doctest::toString(static_cast<int>(e)); }
}  // namespace jwtcore

namespace {

using jwtcore::error;
using jwtcore::result;

// ---- error -------------------------------------------------------------------

// Every enumerator with the name it must print: the identifier itself, which is
// the stable name callers match. Listed in declaration order, so the position
// is also the value (new errors are appended).
#define JWTCORE_TEST_ERROR(name) \
  { error::name, #name }
struct named_error {
  error value;
  std::string_view name;
};
constexpr named_error all_errors[] = {
    JWTCORE_TEST_ERROR(buffer_too_small),
    JWTCORE_TEST_ERROR(key_too_short),
    JWTCORE_TEST_ERROR(bad_base64url_char),
    JWTCORE_TEST_ERROR(bad_base64url_length),
    JWTCORE_TEST_ERROR(bad_base64url_padding),
    JWTCORE_TEST_ERROR(bad_base64url_trailing_bits),
    JWTCORE_TEST_ERROR(bad_utf8),
    JWTCORE_TEST_ERROR(bad_json),
    JWTCORE_TEST_ERROR(bad_escape),
    JWTCORE_TEST_ERROR(duplicate_member),
    JWTCORE_TEST_ERROR(too_deep),
    JWTCORE_TEST_ERROR(json_writer_misuse),
    JWTCORE_TEST_ERROR(malformed_scope),
    JWTCORE_TEST_ERROR(current_user_scope),
    JWTCORE_TEST_ERROR(unknown_scope),
    JWTCORE_TEST_ERROR(too_many_scopes),
    JWTCORE_TEST_ERROR(bad_payload),
    JWTCORE_TEST_ERROR(too_large),
    JWTCORE_TEST_ERROR(malformed),
    JWTCORE_TEST_ERROR(bad_header),
    JWTCORE_TEST_ERROR(alg_not_allowed),
    JWTCORE_TEST_ERROR(crit_unsupported),
    JWTCORE_TEST_ERROR(unknown_kid),
    JWTCORE_TEST_ERROR(no_key),
    JWTCORE_TEST_ERROR(bad_signature),
    JWTCORE_TEST_ERROR(bad_claim),
    JWTCORE_TEST_ERROR(expired),
    JWTCORE_TEST_ERROR(not_yet_valid),
    JWTCORE_TEST_ERROR(issued_in_future),
    JWTCORE_TEST_ERROR(wrong_audience),
    JWTCORE_TEST_ERROR(wrong_issuer),
    JWTCORE_TEST_ERROR(missing_scope),
    JWTCORE_TEST_ERROR(revoked),
    JWTCORE_TEST_ERROR(too_many_claims),
    JWTCORE_TEST_ERROR(missing_exp),
    JWTCORE_TEST_ERROR(bad_jwk),
};
#undef JWTCORE_TEST_ERROR
constexpr error last_error = error::bad_jwk;

static_assert(std::is_same_v<std::underlying_type_t<error>, std::uint8_t>);
static_assert(sizeof all_errors / sizeof all_errors[0] == static_cast<std::size_t>(last_error) + 1);
static_assert(jwtcore::to_string(error::bad_base64url_char) == "bad_base64url_char");

TEST_CASE("bytes: every error, 0 to the last enumerator, has a unique stable name and a message") {
  std::set<std::string_view> names, messages;
  const unsigned last = static_cast<unsigned>(last_error);
  for (unsigned i = 0; i <= last; ++i) {
    const error e = static_cast<error>(i);
    INFO("error value " << i);
    const std::string_view name = jwtcore::to_string(e);
    const std::string_view message = jwtcore::message(e);
    CHECK(!name.empty());
    CHECK(name != "unknown_error");
    CHECK(!message.empty());
    CHECK(message != "unknown error");
    CHECK(std::all_of(name.begin(), name.end(),
                      [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }));
    CHECK(names.insert(name).second);
    CHECK(messages.insert(message).second);
    // The identifier and the position of the list above.
    CHECK(all_errors[i].value == e);
    CHECK(name == all_errors[i].name);
  }
  CHECK(names.size() == last + 1);

  // No enumerator after the last one listed here: the value after it is unnamed.
  CHECK(jwtcore::to_string(static_cast<error>(last + 1)) == "unknown_error");
  CHECK(jwtcore::message(static_cast<error>(last + 1)) == "unknown error");
  CHECK(jwtcore::to_string(static_cast<error>(255)) == "unknown_error");
}

// ---- result<T> ---------------------------------------------------------------

struct point {
  int x = -1;
  int y = -2;
};

static_assert(!std::is_convertible_v<result<int>, bool>, "operator bool is explicit");
static_assert(std::is_constructible_v<bool, result<int>>);
static_assert(std::is_convertible_v<int, result<int>>, "a value converts implicitly");
static_assert(std::is_convertible_v<error, result<int>>, "an error converts implicitly");
static_assert(std::is_nothrow_constructible_v<result<int>, int>);
static_assert(std::is_nothrow_constructible_v<result<int>, error>);
static_assert(*result<int>(5) == 5 && result<int>(5).has_value());
static_assert(!result<int>(error::expired).has_value() && result<int>(error::expired).error() == error::expired);
static_assert(*result<int>(error::expired) == 0, "a failed result holds a default T");
static_assert(result<void>().has_value() && result<void>(error::revoked).error() == error::revoked);

TEST_CASE("bytes: result<T> holds a value or an error") {
  SUBCASE("a value") {
    result<int> r = 42;
    CHECK(static_cast<bool>(r));
    CHECK(r.has_value());
    CHECK(*r == 42);
    *r = 7;
    CHECK(*r == 7);
    const result<int>& view = r;
    CHECK(*view == 7);
  }
  SUBCASE("an error, with a default T behind it") {
    const result<int> r = error::bad_json;
    CHECK_FALSE(static_cast<bool>(r));
    CHECK_FALSE(r.has_value());
    CHECK(r.error() == error::bad_json);
    CHECK(*r == 0);
    const result<std::string> s = error::too_large;
    CHECK_FALSE(s.has_value());
    CHECK(s.error() == error::too_large);
    CHECK(s->empty());
    const result<point> p = error::malformed;
    CHECK(p->x == -1);  // default-constructed, member initializers included
    CHECK(p->y == -2);
  }
  SUBCASE("every error survives the round trip through result") {
    for (const named_error& e : all_errors) {
      const result<std::string> r = e.value;
      CHECK(r.error() == e.value);
      const result<void> v = e.value;
      CHECK_FALSE(v.has_value());
      CHECK(v.error() == e.value);
    }
  }
  SUBCASE("operator-> reaches the members") {
    result<point> p = point{3, 4};
    CHECK(p->x == 3);
    CHECK(p->y == 4);
    p->x = 10;
    CHECK((*p).x == 10);
    const result<std::string> s = std::string("hello");
    CHECK(s->size() == 5);
  }
  SUBCASE("operator* on an rvalue moves the value out") {
    result<std::string> r = std::string(100, 'z');  // longer than any small-string buffer
    const std::string taken = *std::move(r);
    CHECK(taken == std::string(100, 'z'));
  }
  SUBCASE("result<void>") {
    const result<void> ok;
    CHECK(static_cast<bool>(ok));
    CHECK(ok.has_value());
    const result<void> failed = error::no_key;
    CHECK_FALSE(static_cast<bool>(failed));
    CHECK(failed.error() == error::no_key);
  }
}

// ---- ct_equal ----------------------------------------------------------------

constexpr bool ct_equal_in_constant_expression() {
  const std::uint8_t a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 4}, c[4] = {1, 2, 3, 5};
  return jwtcore::ct_equal(a, b, 4) && !jwtcore::ct_equal(a, c, 4) && jwtcore::ct_equal(a, c, 3);
}
static_assert(ct_equal_in_constant_expression());

TEST_CASE("bytes: ct_equal on lengths 0..64 with a difference at every position and every bit") {
  for (std::size_t n = 0; n <= 64; ++n) {
    INFO("length " << n);
    std::uint8_t a[64] = {}, b[64] = {};
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] = static_cast<std::uint8_t>(i * 37 + n);
    CHECK(jwtcore::ct_equal(a, b, n));
    CHECK(jwtcore::ct_equal(a, a, n));
    for (std::size_t i = 0; i < n; ++i) {
      for (unsigned bit = 0; bit < 8; ++bit) {
        INFO("position " << i << ", bit " << bit);
        b[i] = static_cast<std::uint8_t>(b[i] ^ (1u << bit));
        CHECK_FALSE(jwtcore::ct_equal(a, b, n));
        CHECK_FALSE(jwtcore::ct_equal(b, a, n));
        CHECK(jwtcore::ct_equal(a, b, i));  // the prefix before the difference is still equal
        b[i] = static_cast<std::uint8_t>(b[i] ^ (1u << bit));
      }
    }
    CHECK(jwtcore::ct_equal(a, b, n));
  }
  // Every byte value against every other, so no difference can cancel out.
  for (unsigned x = 0; x < 256; ++x) {
    for (unsigned y = 0; y < 256; ++y) {
      const std::uint8_t a[1] = {static_cast<std::uint8_t>(x)}, b[1] = {static_cast<std::uint8_t>(y)};
      if (jwtcore::ct_equal(a, b, 1) != (x == y)) CHECK_MESSAGE(false, "ct_equal wrong for bytes " << x << ", " << y);
    }
  }
  const std::uint8_t zeros[32] = {}, ones[32] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  CHECK_FALSE(jwtcore::ct_equal(zeros, ones, 32));
  CHECK(jwtcore::ct_equal(zeros, ones, 0));  // nothing compared, nothing differs
}

// ---- wipes -------------------------------------------------------------------

TEST_CASE("bytes: secure_wipe zeroes exactly the bytes it is given") {
  for (std::size_t n = 0; n <= 64; ++n) {
    INFO("wipe " << n << " bytes");
    std::uint8_t buffer[80];
    for (std::uint8_t& b : buffer) b = 0xa5;
    jwtcore::secure_wipe(buffer + 8, n);
    for (std::size_t i = 0; i < sizeof buffer; ++i) {
      const bool inside = i >= 8 && i < 8 + n;
      CHECK(buffer[i] == (inside ? 0 : 0xa5));
    }
  }
  jwtcore::secure_wipe(nullptr, 0);  // an empty wipe touches nothing, not even a null pointer

  struct secret {
    std::uint32_t words[3];
    std::uint64_t size;
  } s = {{1, 2, 3}, 4};
  jwtcore::secure_wipe(&s, sizeof s);
  CHECK(s.words[0] == 0);
  CHECK(s.words[1] == 0);
  CHECK(s.words[2] == 0);
  CHECK(s.size == 0);
}

// The same function runs in a constant expression (assignments) and at run
// time (secure_wipe); both must wipe exactly what they were given.
constexpr bool wipe_works() {
  std::uint32_t words[4] = {1, 2, 3, 4};
  jwtcore::wipe(words);
  std::uint8_t bytes[3] = {9, 9, 9};
  jwtcore::wipe(bytes, 2);
  std::uint64_t single = 0xffffffffffffffffu;
  jwtcore::wipe(single);
  return words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0 && bytes[0] == 0 && bytes[1] == 0 &&
         bytes[2] == 9 && single == 0;
}
static_assert(wipe_works());

TEST_CASE("bytes: wipe works in constant expressions and at run time") {
  CHECK(wipe_works());
  std::uint32_t words[5] = {5, 6, 7, 8, 9};
  jwtcore::wipe(words, 4);
  CHECK(words[0] == 0);
  CHECK(words[3] == 0);
  CHECK(words[4] == 9);
}

// The library's own structs have wipe overloads that zero every member, in a
// constant expression as at run time.
constexpr jwtcore::hmac_sha256_midstates wiped(jwtcore::hmac_sha256_midstates m) {
  jwtcore::wipe(m);
  return m;
}

constexpr bool all_zero(const jwtcore::hmac_sha256_midstates& m) {
  for (unsigned i = 0; i < 8; ++i) {
    if (m.inner.h[i] != 0 || m.outer.h[i] != 0) return false;
  }
  return true;
}

TEST_CASE("bytes: wipe zeroes the midstate structs, in both contexts") {
  constexpr jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute("key");
  static_assert(!all_zero(key));
  static_assert(all_zero(wiped(key)));
  jwtcore::hmac_sha256_midstates at_run_time = key;
  CHECK(!all_zero(at_run_time));
  jwtcore::wipe(at_run_time);
  CHECK(all_zero(at_run_time));
}

}  // namespace
