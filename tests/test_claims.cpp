// Tests of jwtcore/claims.hpp: the documented member order, audiences as a
// string or an array, custom claims, the refusals (duplicate names, too many
// claims, scope errors, invalid UTF-8), buffer bounds and to_json. Expected
// JSON comes from python3: json.dumps(d, separators=(',', ':'),
// ensure_ascii=False) of a dict written in the documented order.
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/claims.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace {

using jwtcore::claims;
using jwtcore::error;

// write_json into a buffer of `capacity`; the text or "<error name>".
std::string json_of(const claims& c, std::size_t capacity = 4096) {
  std::vector<char> buffer(capacity + 1, '\0');
  const jwtcore::result<std::size_t> r = c.write_json(buffer.data(), capacity);
  if (!r) return "<" + std::string(jwtcore::to_string(r.error())) + ">";
  return std::string(buffer.data(), *r);
}

error error_of(const claims& c) {
  char buffer[4096];
  const jwtcore::result<std::size_t> r = c.write_json(buffer, sizeof buffer);
  CHECK_FALSE(r);
  // A success is no error at all: a value outside the enumeration ("unknown_error").
  return r ? static_cast<error>(0xff) : r.error();
}

// Every setter, called in an order unlike the written one.
claims full_claims() {
  claims c;
  c.custom_string("tenant", "example");
  c.scopes("read:users update:clients read:users");
  c.expires_at(1700086400);
  c.custom_integer("n", -5);
  c.jwt_id("0123456789abcdef0123456789abcdef");
  c.custom_boolean("admin", true);
  c.not_before(1699999990);
  c.audience("GLOBAL_CLIENT_ID_abc123");
  c.custom_boolean("flag", false);
  c.issued_at(1700000000);
  c.subject("auth0|5f7c8ec7c33c6c004bbafe82");
  c.custom_string("z", "\303\251\"\n");
  c.issuer("https://example-tenant.auth0.com/");
  return c;
}

// python3: json.dumps({"iss":"https://example-tenant.auth0.com/","sub":"auth0|5f7c8ec7c33c6c004bbafe82",
//   "aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"nbf":1699999990,"exp":1700086400,
//   "jti":"0123456789abcdef0123456789abcdef","scope":"read:users update:clients","tenant":"example",
//   "n":-5,"admin":True,"flag":False,"z":"\u00e9\"\n"}, separators=(',',':'), ensure_ascii=False).encode()
constexpr std::string_view full_json =
    R"({"iss":"https://example-tenant.auth0.com/","sub":"auth0|5f7c8ec7c33c6c004bbafe82","aud":"GLOBAL_CLIENT_ID_abc123",)"
    R"("iat":1700000000,"nbf":1699999990,"exp":1700086400,"jti":"0123456789abcdef0123456789abcdef",)"
    R"("scope":"read:users update:clients","tenant":"example","n":-5,"admin":true,"flag":false,"z":")"
    "\303\251"
    R"(\"\n"})";

}  // namespace

TEST_CASE("claims: the documented order, whatever the order of the calls") {
  CHECK(full_json.size() == 307);  // len() of the python bytes
  CHECK(json_of(full_claims()) == full_json);
  CHECK(json_of(claims()) == "{}");
}

TEST_CASE("claims: aud as a string and as an array") {
  const std::string_view two[] = {"https://api.example/", "GLOBAL_CLIENT_ID_abc123"};
  const std::string_view one[] = {"only"};
  // python3: json.dumps({"aud":["https://api.example/","GLOBAL_CLIENT_ID_abc123"]})
  CHECK(json_of(claims().audiences(two)) == R"({"aud":["https://api.example/","GLOBAL_CLIENT_ID_abc123"]})");
  CHECK(json_of(claims().audiences(two, 2)) == R"({"aud":["https://api.example/","GLOBAL_CLIENT_ID_abc123"]})");
  // python3: json.dumps({"iss":"i","aud":["only"],"exp":2}): one element stays an array
  CHECK(json_of(claims().expires_at(2).audiences(one).issuer("i")) == R"({"iss":"i","aud":["only"],"exp":2})");
  CHECK(json_of(claims().audience("only")) == R"({"aud":"only"})");
  // The later call wins.
  CHECK(json_of(claims().audiences(two).audience("only")) == R"({"aud":"only"})");
  CHECK(json_of(claims().audience("only").audiences(one)) == R"({"aud":["only"]})");
  // No audience at all.
  CHECK(json_of(claims().issuer("i")) == R"({"iss":"i"})");
}

TEST_CASE("claims: the legacy scopes object") {
  claims c;
  c.custom_integer("x", 1).issued_at(1700000000).audience("GLOBAL_CLIENT_ID_abc123");
  c.scopes("read:users update:users read:clients delete:users read:users", jwtcore::scope_format::legacy_object);
  // python3: json.dumps({"aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"scopes":{"users":{"actions":
  //   ["read","update","delete"]},"clients":{"actions":["read"]}},"x":1})
  CHECK(
      json_of(c) ==
      R"({"aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"scopes":{"users":{"actions":["read","update","delete"]},"clients":{"actions":["read"]}},"x":1})");
  // The scope string from an array, duplicates folded.
  const std::string_view arr[] = {"update:clients", "read:users", "update:clients"};
  CHECK(json_of(claims().scopes(arr)) == R"({"scope":"update:clients read:users"})");
  // An empty list is an empty claim, not an absent one.
  CHECK(json_of(claims().scopes("")) == R"({"scope":""})");
  CHECK(json_of(claims().scopes("", jwtcore::scope_format::legacy_object)) == R"({"scopes":{}})");
}

TEST_CASE("claims: integer extremes") {
  claims c;
  c.custom_integer("c", std::numeric_limits<std::int64_t>::min());
  c.custom_integer("d", std::numeric_limits<std::int64_t>::max());
  c.expires_at(std::numeric_limits<std::int64_t>::max())
      .not_before(0)
      .issued_at(std::numeric_limits<std::int64_t>::min());
  // python3: json.dumps({"iat":-2**63,"nbf":0,"exp":2**63-1,"c":-2**63,"d":2**63-1})
  CHECK(
      json_of(c) ==
      R"({"iat":-9223372036854775808,"nbf":0,"exp":9223372036854775807,"c":-9223372036854775808,"d":9223372036854775807})");
}

TEST_CASE("claims: strings are escaped") {
  claims c;
  c.jwt_id("\t").subject("\360\237\230\200\342\202\254").issuer(std::string_view("a\"b\\\0\037\177/", 8));
  // python3: json.dumps({"iss":"a\"b\\\x00\x1f\x7f/","sub":"\U0001F600\u20ac","jti":"\t"}, ensure_ascii=False)
  CHECK(json_of(c) == R"({"iss":"a\"b\\\u0000\u001f)"
                      "\177"
                      R"(/","sub":")"
                      "\360\237\230\200\342\202\254"
                      R"(","jti":"\t"})");
}

TEST_CASE("claims: custom string, integer and boolean claims in insertion order") {
  claims c;
  c.custom_string("a", "x").custom_integer("b", 1).custom_boolean("c", true).custom_string("", "empty name");
  c.custom_string("a2", "").custom_integer("\303\251", 0);
  // python3: json.dumps({"a":"x","b":1,"c":True,"":"empty name","a2":"","\u00e9":0}, ensure_ascii=False)
  CHECK(json_of(c) == R"({"a":"x","b":1,"c":true,"":"empty name","a2":"",")"
                      "\303\251"
                      R"(":0})");
  CHECK(json_of(claims().custom_boolean("f", false)) == R"({"f":false})");
}

TEST_CASE("claims: a custom name that repeats a registered or earlier name is duplicate_member") {
  for (std::string_view name : {"iss", "sub", "aud", "iat", "nbf", "exp", "jti", "scope", "scopes"}) {
    CAPTURE(name);
    CHECK(claims::is_registered_name(name));
    // Whether or not the registered claim itself is set, and for every custom kind.
    CHECK(error_of(claims().custom_string(name, "v")) == error::duplicate_member);
    CHECK(error_of(claims().custom_integer(name, 1)) == error::duplicate_member);
    CHECK(error_of(claims().custom_boolean(name, true)) == error::duplicate_member);
    CHECK(error_of(full_claims().custom_string(name, "v")) == error::duplicate_member);
  }
  // Near names are not registered.
  for (std::string_view name :
       {std::string_view("ISS"), std::string_view("iss "), std::string_view("is"), std::string_view("scopes_"),
        std::string_view("sco"), std::string_view(""), std::string_view("exp\0", 4)}) {
    CAPTURE(name);
    CHECK_FALSE(claims::is_registered_name(name));
  }
  CHECK(json_of(claims().custom_string("ISS", "v")) == R"({"ISS":"v"})");
  // A repeated custom name, adjacent or far apart, of the same or another kind.
  CHECK(error_of(claims().custom_string("a", "1").custom_string("a", "2")) == error::duplicate_member);
  CHECK(error_of(claims().custom_string("a", "1").custom_integer("b", 2).custom_boolean("c", true).custom_integer(
            "a", 3)) == error::duplicate_member);
  CHECK(error_of(claims().custom_string("", "1").custom_string("", "2")) == error::duplicate_member);
}

TEST_CASE("claims: at most max_custom_claims custom claims") {
  static_assert(claims::max_custom_claims == 16, "the documented capacity");
  static const char* const names[] = {"c00", "c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08",
                                      "c09", "c10", "c11", "c12", "c13", "c14", "c15", "c16", "c17"};
  claims c;
  for (std::size_t i = 0; i < claims::max_custom_claims; ++i) c.custom_integer(names[i], static_cast<std::int64_t>(i));
  // python3: json.dumps({"c%02d" % i: i for i in range(16)})
  CHECK(
      json_of(c) ==
      R"({"c00":0,"c01":1,"c02":2,"c03":3,"c04":4,"c05":5,"c06":6,"c07":7,"c08":8,"c09":9,"c10":10,"c11":11,"c12":12,"c13":13,"c14":14,"c15":15})");
  claims more = c;
  more.custom_integer(names[16], 16);
  CHECK(error_of(more) == error::too_many_claims);
  more.custom_string(names[17], "x");
  CHECK(error_of(more) == error::too_many_claims);
  // Too many wins over a duplicate among them.
  claims both = c;
  both.custom_integer("c00", 1);
  CHECK(error_of(both) == error::too_many_claims);
}

TEST_CASE("claims: each scope error surfaces from write_json") {
  CHECK(error_of(claims().scopes("read:users Read:clients")) == error::malformed_scope);
  CHECK(error_of(claims().scopes("read:users ")) == error::malformed_scope);
  CHECK(error_of(claims().scopes(" ")) == error::malformed_scope);
  CHECK(error_of(claims().scopes("read:users read:current_user")) == error::current_user_scope);
  CHECK(error_of(claims().scopes("create:current_user_device_credentials", jwtcore::scope_format::legacy_object)) ==
        error::current_user_scope);
  // Strict mode, set before or after the scopes.
  CHECK(error_of(claims().scopes("read:users update:client").scope_checking(jwtcore::scope_policy::known_only)) ==
        error::unknown_scope);
  CHECK(error_of(claims().scope_checking(jwtcore::scope_policy::known_only).scopes("read:user")) ==
        error::unknown_scope);
  CHECK(json_of(claims().scopes("read:user")) == R"({"scope":"read:user"})");  // the default accepts it
  // check_scopes reports the scope and the suggestion.
  const claims strict = claims().scopes("read:users update:client").scope_checking(jwtcore::scope_policy::known_only);
  const jwtcore::scope_check sc = strict.check_scopes();
  CHECK_FALSE(sc);
  CHECK(sc.error() == error::unknown_scope);
  CHECK(sc.scope() == "update:client");
  CHECK(sc.suggestion() == "update:clients");
  CHECK(static_cast<bool>(claims().check_scopes()));  // no scopes: nothing to refuse
  // The check and the text to write are found when the scopes are set: the last list set counts.
  CHECK(json_of(claims().scopes("read:users x").scopes("read:users read:users update:clients")) ==
        R"({"scope":"read:users update:clients"})");
  CHECK(error_of(claims().scopes("read:users").scopes("read:users x")) == error::malformed_scope);
  CHECK(json_of(claims().scopes("read:user").scope_checking(jwtcore::scope_policy::known_only)
                    .scope_checking(jwtcore::scope_policy::any_well_formed)) == R"({"scope":"read:user"})");
  // A scope error wins over a bad custom string written later.
  CHECK(error_of(claims().scopes("a").custom_string("x", "\377")) == error::malformed_scope);
}

TEST_CASE("claims: invalid UTF-8 in any string claim is bad_utf8") {
  const std::string_view bad[] = {"\377", "\300\200", "\355\240\200", "ok\303", "\364\220\200\200"};
  for (std::string_view b : bad) {
    CAPTURE(b);
    const std::string_view one[] = {b};
    const std::string_view two[] = {"fine", b};
    CHECK(error_of(claims().issuer(b)) == error::bad_utf8);
    CHECK(error_of(claims().subject(b)) == error::bad_utf8);
    CHECK(error_of(claims().audience(b)) == error::bad_utf8);
    CHECK(error_of(claims().audiences(one)) == error::bad_utf8);
    CHECK(error_of(claims().audiences(two)) == error::bad_utf8);
    CHECK(error_of(claims().jwt_id(b)) == error::bad_utf8);
    CHECK(error_of(claims().custom_string("name", b)) == error::bad_utf8);
    CHECK(error_of(claims().custom_string(b, "value")) == error::bad_utf8);
    CHECK(error_of(claims().custom_integer(b, 1)) == error::bad_utf8);
    CHECK(error_of(claims().custom_boolean(b, false)) == error::bad_utf8);
    // A scope with such bytes is refused earlier, as malformed.
    CHECK(error_of(claims().scopes(b)) == error::malformed_scope);
  }
}

TEST_CASE("claims: every too small capacity fails and writes nothing past it") {
  const claims c = full_claims();
  const std::size_t size = full_json.size();
  constexpr char guard = '\xA5';
  for (std::size_t capacity = 0; capacity <= size; ++capacity) {
    CAPTURE(capacity);
    std::vector<char> buffer(size + 32, guard);
    const jwtcore::result<std::size_t> r = c.write_json(buffer.data(), capacity);
    if (capacity < size) {
      CHECK_FALSE(r);
      CHECK(r.error() == error::buffer_too_small);
    } else {
      CHECK(r);
      CHECK(std::string_view(buffer.data(), *r) == full_json);
    }
    std::size_t touched_past_capacity = 0;
    for (std::size_t i = capacity; i < buffer.size(); ++i) touched_past_capacity += buffer[i] != guard ? 1u : 0u;
    CHECK(touched_past_capacity == 0);
  }
}

TEST_CASE("claims: to_json gives the same text or the same error") {
  const jwtcore::result<std::string> full = full_claims().to_json();  // 307 bytes: past the first 256
  CHECK(full);
  CHECK(*full == full_json);
  const jwtcore::result<std::string> empty = claims().to_json();
  CHECK(empty);
  CHECK(*empty == "{}");
  // A long issuer (several doublings), expected text assembled directly.
  const std::string long_iss(5000, 'i');
  const jwtcore::result<std::string> large = claims().issuer(long_iss).to_json();
  CHECK(large);
  CHECK(*large == R"({"iss":")" + long_iss + R"("})");
  const jwtcore::result<std::string> dup = claims().custom_string("exp", "x").to_json();
  CHECK_FALSE(dup);
  CHECK(dup.error() == error::duplicate_member);
  const jwtcore::result<std::string> utf8 = claims().issuer(std::string(3000, 'i') + "\377").to_json();
  CHECK_FALSE(utf8);
  CHECK(utf8.error() == error::bad_utf8);
  const jwtcore::result<std::string> scope = claims().scopes("read:current_user").to_json();
  CHECK_FALSE(scope);
  CHECK(scope.error() == error::current_user_scope);
}

namespace {

// The claim set written in a constant expression.
struct const_text {
  char text[160] = {};
  std::size_t size = 0;
  bool ok = false;
};
constexpr const_text const_claims() {
  const_text t;
  claims c;
  c.scopes("read:users update:clients").expires_at(1700086400).issuer("https://example-tenant.auth0.com/");
  c.custom_boolean("b", true);
  const jwtcore::result<std::size_t> r = c.write_json(t.text, sizeof t.text);
  t.ok = static_cast<bool>(r);
  t.size = r ? *r : 0;
  return t;
}
constexpr bool const_claims_match() {
  // python3: json.dumps({"iss":"https://example-tenant.auth0.com/","exp":1700086400,
  //   "scope":"read:users update:clients","b":True}, separators=(',',':'))
  constexpr std::string_view expected =
      R"({"iss":"https://example-tenant.auth0.com/","exp":1700086400,"scope":"read:users update:clients","b":true})";
  const const_text t = const_claims();
  return t.ok && std::string_view(t.text, t.size) == expected;
}
static_assert(const_claims_match(), "a claim set written in a constant expression");

// What clang can evaluate: scopes and custom claims (non-template setters).
constexpr bool const_scopes_and_custom_match() {
  char text[96] = {};
  claims c;
  c.custom_boolean("b", true).scopes("read:users update:clients read:users");
  const jwtcore::result<std::size_t> r = c.write_json(text, sizeof text);
  // python3: json.dumps({"scope":"read:users update:clients","b":True}, separators=(',',':'))
  return r && std::string_view(text, *r) == R"({"scope":"read:users update:clients","b":true})";
}
static_assert(const_scopes_and_custom_match(), "scopes and custom claims in a constant expression");

}  // namespace

namespace {

TEST_CASE("claims: an empty or null audience list writes an empty array, never a stray string") {
  // Expected JSON written by hand: {"aud":[]} is what json.dumps({"aud": []}) gives compactly.
  claims empty;
  const std::string_view none[1] = {};
  empty.audiences(none, 0);
  CHECK(json_of(empty) == R"({"aud":[]})");
  claims null_list;
  null_list.audiences(nullptr, 2);
  CHECK(json_of(null_list) == R"({"aud":[]})");
  null_list.audience("x");  // a single audience afterwards replaces the list
  CHECK(json_of(null_list) == R"({"aud":"x"})");
}

}  // namespace

TEST_CASE("claims: the scope claim is the distinct scopes in first-seen order, whatever the list looks like") {
  // A text of distinct scopes is written as it is; every other list (repeats,
  // an array of views, scopes alike in their first seven bytes, more than
  // sixteen) must come out the same as if written scope by scope.
  struct scope_case {
    jwtcore::scope_list list;
    std::string_view expected;
  };
  static const std::string_view views[] = {"read:users", "update:clients", "read:users", "delete:users"};
  static const std::string_view alike[] = {"read:users_a", "read:users_b", "read:users_a"};
  static const char adjacent_text[] = "read:users,update:clients";  // two views side by side, not space-separated
  static const std::string_view adjacent[] = {std::string_view(adjacent_text, 10), std::string_view(adjacent_text + 11, 14)};
  static const std::string many =
      "a:b0 a:b1 a:b2 a:b3 a:b4 a:b5 a:b6 a:b7 a:b8 a:b9 a:c0 a:c1 a:c2 a:c3 a:c4 a:c5 a:c6 a:c7 a:b3";
  const scope_case cases[] = {
      {"read:users", "read:users"},
      {"read:users update:clients delete:users", "read:users update:clients delete:users"},
      {"read:users update:clients read:users", "read:users update:clients"},
      {"read:users read:users read:users", "read:users"},
      {"read:users_a read:users_b read:users_a", "read:users_a read:users_b"},
      {jwtcore::scope_list(views), "read:users update:clients delete:users"},
      {jwtcore::scope_list(alike), "read:users_a read:users_b"},
      {jwtcore::scope_list(adjacent), "read:users update:clients"},
      {jwtcore::scope_list(views, 2), "read:users update:clients"},
      {jwtcore::scope_list(std::string_view(many)),
       "a:b0 a:b1 a:b2 a:b3 a:b4 a:b5 a:b6 a:b7 a:b8 a:b9 a:c0 a:c1 a:c2 a:c3 a:c4 a:c5 a:c6 a:c7"},
      {jwtcore::scope_list(std::string_view(many).substr(0, 79)), std::string_view(many).substr(0, 79)},
      {jwtcore::scope_list(std::string_view(many).substr(0, 89)), std::string_view(many).substr(0, 89)},  // 18, distinct
      {"", ""},
  };
  for (const scope_case& c : cases) {
    CAPTURE(c.expected);
    CHECK(json_of(claims().scopes(c.list)) == "{\"scope\":\"" + std::string(c.expected) + "\"}");
  }
}

TEST_CASE("claims: custom_json writes any JSON value the strict reader accepts, as given") {
  claims c;
  c.expires_at(1700086400)
      .custom_json("roles", R"(["admin","ops"])")
      .custom_json("meta", R"({"tier":2,"beta":null})")
      .custom_json("ratio", "0.5")
      .custom_json("nothing", "null")
      .custom_json("label", R"("caf\u00e9")");
  char out[256];
  const jwtcore::result<std::size_t> size = c.write_json(out, sizeof out);
  CHECK(size);
  // python3: the members in the order written, the values byte for byte.
  CHECK(std::string_view(out, size ? *size : 0) ==
        R"({"exp":1700086400,"roles":["admin","ops"],"meta":{"tier":2,"beta":null},"ratio":0.5,"nothing":null,)"
        R"("label":"caf\u00e9"})");
  // The whole payload reads back as one strict object.
  CHECK(jwtcore::json_validate_object(std::string_view(out, size ? *size : 0)));

  struct refused_case {
    std::string_view json;
    jwtcore::error expected;
  };
  const refused_case refused[] = {
      {"", jwtcore::error::bad_json},
      {"{", jwtcore::error::bad_json},
      {"[1,]", jwtcore::error::bad_json},
      {"1 2", jwtcore::error::bad_json},
      {"undefined", jwtcore::error::bad_json},
      {R"({"a":1,"a":2})", jwtcore::error::duplicate_member},
      {"\"\xc3\x28\"", jwtcore::error::bad_utf8},
      {R"("\ud800")", jwtcore::error::bad_escape},
  };
  for (const refused_case& r : refused) {
    CAPTURE(r.json);
    claims bad;
    bad.subject("s").custom_json("x", r.json).custom_json("y", "1");
    char buffer[128];
    CHECK(bad.write_json(buffer, sizeof buffer).error() == r.expected);
  }
  // A name that repeats a registered one is refused as for the other custom kinds.
  claims repeated;
  repeated.custom_json("exp", "1");
  char buffer[64];
  CHECK(repeated.write_json(buffer, sizeof buffer).error() == jwtcore::error::duplicate_member);
}
