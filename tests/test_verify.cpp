// Tests of jwtcore/verify.hpp, the strict HS256 verifier: one test case per
// attack class, every refusal checked against its specific error; valid tokens,
// claim fields, buffers, decode_unverified, a mutation property and no heap.
//
// Every token, MAC and decoded value below was made by python3's standard
// library alone, never by jwtcore, by a throwaway script following this recipe
// (each row below names its header and payload, so any token can be remade):
//   b64(b)        = base64.urlsafe_b64encode(b).rstrip(b'=')
//   tok(h, p, k)  = si + b'.' + b64(hmac.new(k, si, hashlib.sha256).digest()),
//                   si = b64(h) + b'.' + b64(p); k is the current secret unless named
//   J(d)          = json.dumps(d, separators=(',', ':'), ensure_ascii=False).encode()
//   H             = b'{"alg":"HS256","typ":"JWT"}',  PS = b'{"exp":1700086400}'
//   nest(n)       = {"exp": 1700086400, "n": {"n": ... {}}}, n objects deep in all
// Attack variants (padding, + and /, whitespace, trailing bits, ...) are
// python string edits of those tokens, each checked against an independent
// model of strict base64url. The few tokens too large to spell out (10,000-deep
// nesting, the 16 KiB size limit) are built here from hand-written JSON with
// jwtcore::base64url_encode and closed with a MAC python computed for exactly
// those bytes, so a construction slip shows up as bad_signature.
// The expected verdicts come from the contract in verify.hpp's comment, not
// from running the verifier.
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/base64url.hpp>
#include <jwtcore/bytes.hpp>
#include <jwtcore/key.hpp>
#include <jwtcore/scopes.hpp>
#include <jwtcore/verify.hpp>

#include "support/alloc_counter.hpp"
#include "support/vectors.hpp"

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t
#include <iterator>     // std::begin, std::end over the tables
#include <limits>       // the int64 extremes
#include <optional>     // from_hex
#include <ostream>      // INFO of std::string_view
#include <string>       // tokens built at run time
#include <string_view>  // token literals
#include <vector>       // verify buffers with guard bytes

namespace {

using jwtcore::error;
using jwtcore::hs256_key;
using jwtcore::hs256_key_set;
using jwtcore::short_secret;
using jwtcore::verified_claims;
using jwtcore::verifier;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

// The clock of most cases, and the exp of most tokens.
constexpr std::int64_t now_s = 1700000000;

// The secrets python signed with.
constexpr std::string_view current_secret = "verify-current-secret-0123456789abcdef";
constexpr std::string_view previous_secret = "verify-previous-secret-0123456789abcdef";
constexpr std::string_view short_secret_text = "short-secret-16b";
constexpr std::string_view kid_a_secret = "kid-a-secret-0123456789abcdefghijkl";
constexpr std::string_view kid_b_secret = "kid-b-secret-0123456789abcdefghijkl";
constexpr std::string_view unnamed_secret = "unnamed-secret-0123456789abcdefghij";

constexpr std::string_view api_audience = "https://api.example/";
constexpr std::string_view tenant_issuer = "https://tenant.example/";

// What verify() said: accepted, or refused with one error.
struct verdict {
  bool ok;
  error e;
  friend constexpr bool operator==(verdict a, verdict b) noexcept { return a.ok == b.ok && (a.ok || a.e == b.e); }
  friend constexpr bool operator!=(verdict a, verdict b) noexcept { return !(a == b); }
};
constexpr verdict accepted{true, error::buffer_too_small};
constexpr verdict refused(error e) noexcept { return verdict{false, e}; }

doctest::String toString(const verdict& v) {
  if (v.ok) return "accepted";
  return doctest::String("refused(") + jwtcore::toString(v.e) + ")";
}

// One row of an attack table: a python-made token and the verdict it must get.
struct token_case {
  std::string_view name;
  std::string_view token;
  verdict expected;
};

// ---- python3-made tokens (generated; see the recipe at the top) -------------------------
// Every literal carries the sv suffix, so that the bytes after an embedded NUL count.
using namespace std::string_view_literals;

// b64(`{"alg":"HS256","typ":"JWT"}`)
constexpr std::string_view header_segment =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"sv;
constexpr std::string_view valid_payload =
    "{\"iss\":\"https://tenant.example/\",\"sub\":\"auth0|alice\",\"aud\":\"GLOBAL_CLIENT\",\"iat\":1699999000,\"ex"
    "p\":1700086400,\"jti\":\"jti-0001\",\"scope\":\"read:users update:clients\"}"sv;
// tok(H, valid_payload) under the current secret
constexpr std::string_view valid_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
    "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
    "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv;
constexpr std::string_view valid_mac_hex = "e445e1cca58eda4989490edbd05f7fb9ee095465f49f22f66d8b8888ac045e56";  // hmac(current, signing input)
// tok(H, `{"exp":1700086400}`)
constexpr std::string_view small_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv;

constexpr std::string_view alg_none_header_json =
    "{\"alg\":\"none\",\"typ\":\"JWT\"}"sv;
// tok(`{"alg":"none","typ":"JWT"}`, `{"exp":1700086400}`)
constexpr std::string_view alg_none_token =
    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.GO1ljZ3beAVsu4K6RJ6IE1f6rtDYlNVAGhX0gNHZg-4"sv;
// tok(`{"alg":"HS256","typ":"JWT","kid":"~??~>>>?~11"}`, `{"exp":1700086400,"x":"aa~??~>>>?11"}`): each segment has "-" and "_" and a length that is not a multiple of 4
constexpr std::string_view b64_base_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
    "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv;

// b64(H) + "." + b64(`{"exp":1700086400,"deep":` + "[" * 10000 + "]" * 10000 + "}") signed:
constexpr std::string_view deep_payload_mac = "lI_LLTKxIOMFQMxn4cUbUWu9I2unSFKEWQwTow4uWRY"sv;
constexpr std::size_t deep_payload_token_size = 26783;
// b64(`{"alg":"HS256","deep":` + "[" * 10000 + "]" * 10000 + "}") + "." + b64(PS) signed:
constexpr std::string_view deep_header_mac = "NsJoDVpZ_tZOHLiQBhoeSMHxUQdAodYNx5cbgYzepTM"sv;
constexpr std::size_t deep_header_token_size = 26767;

// J(nest(20)): objects 20 deep, the outer one included
constexpr std::string_view nested_20_payload =
    "{\"exp\":1700086400,\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":"
    "{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{}}}}}}}}}}}}}}}}}}}}"sv;
constexpr std::string_view nested_20_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnt9fX19fX19fX19fX19fX19fX19fQ.YMEZ"
    "tf1M_jEPY_hspJtjmxCic8F0HUyKsmX_DJBQr0A"sv;
// J(nest(64)): objects 64 deep, the outer one included
constexpr std::string_view nested_64_payload =
    "{\"exp\":1700086400,\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":"
    "{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n"
    "\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{"
    "\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\":{\"n\""
    ":{\"n\":{\"n\":{\"n\":{}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}"sv;
constexpr std::string_view nested_64_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp"
    "7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp"
    "7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19f"
    "X19fX19fX19fX19fQ.LsMC1xViPGimR266KHtOVOqzmnaHNf-NgqCR2DgqR60"sv;
// tok(H, J(nest(65))): objects 65 deep, the outer one included
constexpr std::string_view nested_65_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp"
    "7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp"
    "7Im4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnt9fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19fX19f"
    "X19fX19fX19fX19fX19fX19fQ.e2IW33ySGgtJ9JuVO8bCtBsFCDUr6W8VimuX0LRMi14"sv;

// tok(H, `{"exp":1700086400,"pad":"` + "a" * 12200 + `"}`): 16384 bytes
constexpr std::size_t pad_for_16384 = 12200;
constexpr std::string_view mac_for_16384 = "G52cwP47bSLT298u3on8NjsaR0jR9NTAJmafQZzEaho"sv;
// tok(H, `{"exp":1700086400,"pad":"` + "a" * 12201 + `"}`): 16385 bytes
constexpr std::size_t pad_for_16385 = 12201;
constexpr std::string_view mac_for_16385 = "5JRZTjw5rPC_ERLzMqUl0Wn1G7ev1jeifN5Z68lWoJ0"sv;

// tok(H, `{"exp":1700000100}`)
constexpr std::string_view exp_now_plus_100 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAxMDB9.x8EG7JcbmhUgDNqY0zld5PtFdzElR-RS3qct3kBc_kA"sv;
// tok(H, `{"nbf":1700000100,"exp":1700086400}`)
constexpr std::string_view nbf_now_plus_100 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjE3MDAwMDAxMDAsImV4cCI6MTcwMDA4NjQwMH0.pjZTt_904r93GF-o4AxciKfiy"
    "tAlypJbOTHOaDl3y98"sv;
// tok(H, `{"exp":100.5}`)
constexpr std::string_view exp_100_5 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEwMC41fQ.6VG0kWwDCO9z3MFdOaQIWxLLS2_1yBl9-xIwl-QVD0w"sv;
// tok(H, `{"nbf":100.5,"exp":1700086400}`)
constexpr std::string_view nbf_100_5 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjEwMC41LCJleHAiOjE3MDAwODY0MDB9.gtiWNe3V_a0BXt4mAAxX_XA-Nz3KCqlC"
    "pLilMG_E_N0"sv;
// tok(H, `{"exp":-0.5}`)
constexpr std::string_view exp_minus_0_5 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi0wLjV9.6MSDV-3zP9kT0a5QpVT_SJ_C7XmHdiR2sbuUFV9c3uM"sv;
// tok(H, `{"nbf":-1.5,"exp":1700086400}`)
constexpr std::string_view nbf_minus_1_5 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOi0xLjUsImV4cCI6MTcwMDA4NjQwMH0.iiYu_0YEgBe8_1SwHkNd3YrXt9MaOhLxK"
    "AZ1h-yeOtA"sv;
// tok(H, `{"exp":9223372036854775806}`)
constexpr std::string_view exp_int64_max_minus_1 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDZ9.fL_KGpKF1i3Olmr_mtd7URYi3HNKfpDtb31G"
    "Gs3EbQI"sv;
// tok(H, `{"exp":1}`)
constexpr std::string_view exp_one =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjF9.2Id-rEI2QskSrt7sqxlhFeYtC4pg6gPFtTOSbZC7sbk"sv;
// tok(H, `{"exp":-9223372036854775808}`)
constexpr std::string_view exp_int64_min =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi05MjIzMzcyMDM2ODU0Nzc1ODA4fQ.T9Yxu28Fb66S7TdHLHglQ6ks85mkWZaDz7"
    "KJEqVFSt8"sv;
// tok(H, `{"nbf":-9223372036854775808,"exp":9223372036854775807}`)
constexpr std::string_view nbf_int64_min =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOi05MjIzMzcyMDM2ODU0Nzc1ODA4LCJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDd9."
    "4Z1pXtvlwc04e0EL55kFMdGCtLXQXu6EVkcpZxF2kCk"sv;
// tok(H, `{"nbf":-9223372036854775807,"exp":9223372036854775807}`)
constexpr std::string_view nbf_int64_min_plus_1 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOi05MjIzMzcyMDM2ODU0Nzc1ODA3LCJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDd9."
    "-m370sd1JRi1vi08fFLyT9gPSkDdQA1aj-isQ8iwl0Q"sv;
// tok(H, `{"nbf":9223372036854775807,"exp":9223372036854775807}`)
constexpr std::string_view nbf_int64_max =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjkyMjMzNzIwMzY4NTQ3NzU4MDcsImV4cCI6OTIyMzM3MjAzNjg1NDc3NTgwN30.7"
    "KrtoJ7IVAJ_Cf2YW6EG4nvPyAH09y_Az8aVAwLEJyY"sv;
// tok(H, `{"iat":9223372036854775807,"exp":9223372036854775807}`)
constexpr std::string_view iat_int64_max =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjkyMjMzNzIwMzY4NTQ3NzU4MDcsImV4cCI6OTIyMzM3MjAzNjg1NDc3NTgwN30.b"
    "jvbb_mbEpOOyrsEh3Oby3rH_luvYFvhYRG68y_vE9k"sv;
// tok(H, `{"iat":1700000010,"exp":1700086400}`)
constexpr std::string_view iat_now_plus_10 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMTAsImV4cCI6MTcwMDA4NjQwMH0.i9QCUMRjh6P1QcLnFOiZtCeBH"
    "Mhhlf1Ahbx-onmZLV8"sv;
// tok(H, `{"iat":1700000000.5,"exp":1700086400}`)
constexpr std::string_view iat_now_plus_0_5 =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAuNSwiZXhwIjoxNzAwMDg2NDAwfQ.jXbPBoS7sDp5FN6UekRFGB"
    "ro7QfHAPNg9zL34EWXOms"sv;
// tok(H, `{"exp":1700086400}`)
constexpr std::string_view no_iat =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv;
// tok(H, `{"iss":"https://tenant.example/","sub":"auth0|alice"}`)
constexpr std::string_view no_exp =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIn0.H"
    "fadwFJwckOz6f3Bjl91KMFih5CnUOj73zLOxZwK5oY"sv;
// tok(H, `{}`)
constexpr std::string_view empty_claims =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.BDX_oZkEjqpFxTLyN0tQT0kTHPO36vR7RidUbPJQOK0"sv;
// tok(H, `{"nbf":1700000100}`)
constexpr std::string_view no_exp_nbf_future =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjE3MDAwMDAxMDB9.hyB2SqIVntHNgv0Prj8t9ZQzzAS_wxob8zBqk_yDdP8"sv;
// tok(H, `{"exp":null}`)
constexpr std::string_view exp_null =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOm51bGx9.8oPvvL-cS9WCtdWWyZbJso_jukw0UumnV35jmDvSgvw"sv;
// tok(H, `{"EXP":1700086400}`)
constexpr std::string_view exp_upper_case =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJFWFAiOjE3MDAwODY0MDB9.CfyjO7uiSqulBoWFUcbqFsnvsKHHeDGW_QlH0LTg_DA"sv;
// tok(H, `{"exp ":1700086400}`)
constexpr std::string_view exp_with_space =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAgIjoxNzAwMDg2NDAwfQ.8tznDaO3WQVPQYfTLhILtU0arnPG-N-sQbKXOJaLiGM"sv;
// tok(H, `{"\u0065xp":1}`)
constexpr std::string_view exp_escaped_expired =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJcdTAwNjV4cCI6MX0.SZYXdTEhooaKbZgN2emmtH4OyBC3Bm3r4YAFHAxt-PY"sv;

// tok(H, {"exp":1700086400,"scope":"read:users update:clients delete:users"})
constexpr std::string_view several_scopes_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyBkZ"
    "WxldGU6dXNlcnMifQ.9-rS3DdvlHX6PqI-AoQcARKsR1f7z4rFFvczs-m_VMs"sv;
// tok(H, J({"exp":1700086400,"scopes":`{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}`}))
constexpr std::string_view legacy_scopes_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInJlYWQiL"
    "CJ1cGRhdGUiXX0sImNsaWVudHMiOnsiYWN0aW9ucyI6WyJyZWFkIl19fX0.DvuSMNtU8ESufVWw7KxIC43kzVhx2SHfvB7OW4bD-qg"sv;
constexpr std::string_view legacy_scopes_json =
    "{\"users\":{\"actions\":[\"read\",\"update\"]},\"clients\":{\"actions\":[\"read\"]}}"sv;
// tok(H, {"exp":1700086400,"scope":"create:roles","scopes":{"users":{"actions":["read"]}}})
constexpr std::string_view mixed_scopes_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoiY3JlYXRlOnJvbGVzIiwic2NvcGVzIjp7InVzZ"
    "XJzIjp7ImFjdGlvbnMiOlsicmVhZCJdfX19.f6BRjLIB_H_heIwDVxX3Y8sxaUhOm5lRUiAg4R38-0g"sv;

// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-0001"}`)
constexpr std::string_view deny_plain =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJqdGktMDAwM"
    "SJ9.rFXd_saGC1l2-ejCWl9y4DXKbI4_nyezx5XRdnXRHbc"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-0002"}`)
constexpr std::string_view deny_other_jti =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJqdGktMDAwM"
    "iJ9.usb-TxazjqzsV8FnCndx7fvFUYgyg2RA-1-qLkUWQDE"sv;
// tok(H, `{"exp":1700086400,"aud":"OTHER_CLIENT","jti":"jti-0001"}`)
constexpr std::string_view deny_other_aud =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Ik9USEVSX0NMSUVOVCIsImp0aSI6Imp0aS0wMDAxI"
    "n0.1wpAz9qN3xhZ-6OY6a95hfMb7qvWiD8UHH4kgSgvA7Y"sv;
// tok(H, `{"exp":1700086400,"aud":["OTHER_CLIENT","GLOBAL_CLIENT"],"jti":"jti-0001"}`)
constexpr std::string_view deny_aud_array_hit =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJPVEhFUl9DTElFTlQiLCJHTE9CQUxfQ0xJRU5UI"
    "l0sImp0aSI6Imp0aS0wMDAxIn0.KJtXtnckKfd4hdXGjbFoNtzuP2fQ4MEFfXX3pAy96p0"sv;
// tok(H, `{"exp":1700086400,"aud":["OTHER_CLIENT","THIRD_CLIENT"],"jti":"jti-0001"}`)
constexpr std::string_view deny_aud_array_miss =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJPVEhFUl9DTElFTlQiLCJUSElSRF9DTElFTlQiX"
    "SwianRpIjoianRpLTAwMDEifQ.oidKqGYrkDYOPO4lopR1BqXUKeZxxDJJniFoVCb85bQ"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT"}`)
constexpr std::string_view deny_no_jti =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQifQ.IfISG9jIfwH--yKBZJ"
    "ArTzix8rbRsaMJq725IrL9CXM"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-000"}`)
constexpr std::string_view deny_jti_prefix =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJqdGktMDAwI"
    "n0.6Vjtpa4ORyEmajrssKxKh1wBmbAa3hWjCFYQLZC6mZU"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-00011"}`)
constexpr std::string_view deny_jti_longer =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJqdGktMDAwM"
    "TEifQ.zKE9i_lEVSElWxe6iSYkpfwQwShCJlyLU3CTOanmpLc"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"JTI-0001"}`)
constexpr std::string_view deny_jti_case =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJKVEktMDAwM"
    "SJ9.idUfK8I3eEmjUVjSdtALC7ZW_wxMmcCxjShInJNQaQE"sv;
// tok(H, `{"exp":1700086400,"aud":"global_client","jti":"jti-0001"}`)
constexpr std::string_view deny_aud_case =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imdsb2JhbF9jbGllbnQiLCJqdGkiOiJqdGktMDAwM"
    "SJ9.e79hBMKDzFiP4fGSIf7uYqpdyw1qDfSx2k0qRFkQaTQ"sv;
// tok(H, `{"exp":1700086400,"aud":"GLOBAL_\u0043LIENT","jti":"jti-000\u0031"}`)
constexpr std::string_view deny_escaped =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9cdTAwNDNMSUVOVCIsImp0aSI6Imp0a"
    "S0wMDBcdTAwMzEifQ.FAHXchnrC487Cjr9AKenUqkLZEmmK4zERvUu26vdqjs"sv;
// tok(H, `{"exp":1700086400,"jti":"jti-noaud"}`)
constexpr std::string_view deny_no_aud =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6Imp0aS1ub2F1ZCJ9.iA0erxLUBKJYrA_RJzBEjLMQ"
    "Faxtr8nsdgrmQ6LZKfo"sv;
// tok(H, `{"exp":1,"aud":"GLOBAL_CLIENT","jti":"jti-0001"}`)
constexpr std::string_view deny_expired =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImF1ZCI6IkdMT0JBTF9DTElFTlQiLCJqdGkiOiJqdGktMDAwMSJ9.R6TCgaRg"
    "rHrZqmKVZLoCFclvhJ4KZZa4dDgDrnWPvvA"sv;

// tok(`{"alg":"HS256","kid":"a"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_a_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEifQ.eyJleHAiOjE3MDAwODY0MDB9.iOTdrdBvnRMO1apLaVeWMAFDRnzaP_3fW-d16DFDhwM"sv;
// tok(`{"alg":"HS256","kid":"b"}`, `{"exp":1700086400}`) under kid-b-secret-0123456789abcdefghijkl
constexpr std::string_view kid_b_by_b =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImIifQ.eyJleHAiOjE3MDAwODY0MDB9.eZrgsRoqvh4tyCT1pMDaLvJynqSN2Uphq-JQDwoJnDE"sv;
// tok(`{"alg":"HS256","kid":"a"}`, `{"exp":1700086400}`) under kid-b-secret-0123456789abcdefghijkl
constexpr std::string_view kid_a_by_b =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEifQ.eyJleHAiOjE3MDAwODY0MDB9.3EwaL5XaxHEgxehULUaHZGB95ff2UHUN9c80uGkWE3c"sv;
// tok(`{"alg":"HS256","kid":"c"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_c_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImMifQ.eyJleHAiOjE3MDAwODY0MDB9.fb4b12nDdYbrMqyRjR7Jkzv0MoSqsci-nQ90DElaHcg"sv;
// tok(`{"alg":"HS256"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view no_kid_by_a =
    "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.HByKeIzN8NzIQzhBRRm2Ii9KkHG3DUSL78kgCVzmJpU"sv;
// tok(`{"alg":"HS256"}`, `{"exp":1700086400}`) under kid-b-secret-0123456789abcdefghijkl
constexpr std::string_view no_kid_by_b =
    "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.hMGPm6HeqDNjU_rYeeTjQaGrZ2-bPktbyTUkirWDB1g"sv;
// tok(`{"alg":"HS256"}`, `{"exp":1700086400}`) under verify-wrong-secret-0123456789abcdefghi
constexpr std::string_view no_kid_by_wrong =
    "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.fsTm2Hlv_rnJg9bJs4jffenNB3rbX5zt5U_7r7SgGM8"sv;
// tok(`{"alg":"HS256","kid":""}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_empty_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IiJ9.eyJleHAiOjE3MDAwODY0MDB9.LZlGXhGG1ibz2LpFSmhdaZr4BJ1wIo4u6VPz4jNp3_c"sv;
// tok(`{"alg":"HS256","kid":"A"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_upper_a_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IkEifQ.eyJleHAiOjE3MDAwODY0MDB9.EpE6Yt6WMw2CYqiI826oeP-0TqIHPuJTRgWysmPGRZo"sv;
// tok(`{"alg":"HS256","kid":"a "}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_a_space_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEgIn0.eyJleHAiOjE3MDAwODY0MDB9.vDNRZGLjHsUxRNlID4NhNXqYbH3STmIlrWmFPNESl4E"sv;
// tok(`{"alg":"HS256","kid":"\u0061"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_escaped_a_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6Ilx1MDA2MSJ9.eyJleHAiOjE3MDAwODY0MDB9.5rJhDlgf5nNsiLfVXV1SBVNa8NOVLIB7GMqcr7iXrB8"sv;
// tok(`{"alg":"HS256","kid":"zzz"}`, `{"exp":1700086400}`) under unnamed-secret-0123456789abcdefghij
constexpr std::string_view kid_zzz_by_unnamed =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6Inp6eiJ9.eyJleHAiOjE3MDAwODY0MDB9.Kalx7FqP7XK4_MiQdB-3qo-XxlIa7Xsn-XD8HJCOvH0"sv;
// tok(`{"alg":"HS256","kid":"zzz"}`, `{"exp":1700086400}`) under kid-a-secret-0123456789abcdefghijkl
constexpr std::string_view kid_zzz_by_a =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6Inp6eiJ9.eyJleHAiOjE3MDAwODY0MDB9._IIyD5LL_AQgO5aR9K9VMUA0CqTVYPa4Rmyenjyhw8g"sv;
// tok(`{"alg":"HS256","kid":"a"}`, `{"exp":1700086400}`) under unnamed-secret-0123456789abcdefghij
constexpr std::string_view kid_a_by_unnamed =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEifQ.eyJleHAiOjE3MDAwODY0MDB9.ThDkNau5eVcnzXLsSh1FwljyhVnDE5B8EzU2AcjZQXY"sv;
// tok(`{"alg":"HS256","typ":"JWT"}`, `{"exp":1700086400}`) under short-secret-16b
constexpr std::string_view by_short =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.KjZg6chCUXJLS7pgrLPjGklO52QYVH_NThYw0XG9-jA"sv;
// tok(`{"alg":"HS256","typ":"JWT"}`, `{"exp":1700086400}`) under 
constexpr std::string_view by_empty_secret =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.cwy8M37KdfvovgjeR3lLwmqcjqhxz5pvuG2oAIV3Nto"sv;
// tok(`{"alg":"HS256","typ":"JWT"}`, `{"exp":1700086400}`) under verify-previous-secret-0123456789abcdef
constexpr std::string_view by_previous =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.kiA8RITgYHAD2wKN8ad-wqojcXXa-9g_MI_r4-i7K3I"sv;
// tok(`{"alg":"HS256","kid":"2023"}`, `{"exp":1700086400}`) under verify-previous-secret-0123456789abcdef
constexpr std::string_view kid_2023_by_previous =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjMifQ.eyJleHAiOjE3MDAwODY0MDB9.gjvCGaT6w2Frj_-cc6Gq_XM4NkfY7txvdBr0xDl5mVM"sv;
// tok(`{"alg":"HS256","kid":"2024"}`, `{"exp":1700086400}`) under verify-previous-secret-0123456789abcdef
constexpr std::string_view kid_2024_by_previous =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjQifQ.eyJleHAiOjE3MDAwODY0MDB9.efgC_Z9kvlvQbySWkECCKVVZT21GckOOmEJQQHHFRR4"sv;
// tok(`{"alg":"HS256","kid":"2024"}`, `{"exp":1700086400}`) under verify-current-secret-0123456789abcdef
constexpr std::string_view kid_2024_by_current =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjQifQ.eyJleHAiOjE3MDAwODY0MDB9.UETC-8oL2Ncc2BB_b9RtXGr2CtQxSWhLhVxIObp5aYI"sv;
// tok(`{"alg":"HS256","typ":"JWT"}`, `{"exp":1700086400}`) under verify-wrong-secret-0123456789abcdefghi
constexpr std::string_view by_wrong =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.kVYKoNNzH-cL7X5_75d3pRIs5q4-gWFeWvB3DeX6MJ0"sv;

// tok(H, `{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok"}`)
constexpr std::string_view policy_ok =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoia"
    "HR0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iLCJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2sifQ.fE3cVPrfvfQIPybTW-vN5A3GD-W6"
    "Ac-OW_OUwT861W8"sv;
// tok(H, `{"exp":1,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok","nbf":1700000100}`)
constexpr std::string_view policy_expired_and_nbf =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoiaHR0cHM6Ly90Z"
    "W5hbnQuZXhhbXBsZS8iLCJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2siLCJuYmYiOjE3MDAwMDAxMDB9.QYTBH7YMuEexX0yL_1"
    "CqdcIW3WbUY7h4ZNE8AXiIt2U"sv;
// tok(H, `{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users",...00,"iat":1700000100} (149 bytes)`)
constexpr std::string_view policy_nbf_and_iat =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoia"
    "HR0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iLCJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2siLCJuYmYiOjE3MDAwMDAxMDAsImlhdCI"
    "6MTcwMDAwMDEwMH0.fF47OwNCDtbk0Fg-Y1woWhprgcYDXFH9okKXPeap3k8"sv;
// tok(H, `{"exp":1700086400,"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok","iat":1700000100}`)
constexpr std::string_view policy_iat_and_aud =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Im90aGVyIiwiaXNzIjoiaHR0cHM6Ly90ZW5hbnQuZ"
    "XhhbXBsZS8iLCJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2siLCJpYXQiOjE3MDAwMDAxMDB9.y3lM-MsP3QdxfHLqZENy6zuw1U"
    "aPv3zGb-_Y66BLGk0"sv;
// tok(H, `{"exp":1700086400,"aud":"other","iss":"other","scope":"read:users","jti":"jti-ok"}`)
constexpr std::string_view policy_aud_and_iss =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Im90aGVyIiwiaXNzIjoib3RoZXIiLCJzY29wZSI6I"
    "nJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2sifQ.5lbTtI7k2A7fBNWVFj5-t3WCUbr5QxOD-FPjVR0xzJ0"sv;
// tok(H, `{"exp":1700086400,"aud":"https://api.example/","iss":"other","scope":"read:clients","jti":"jti-ok"}`)
constexpr std::string_view policy_iss_and_scope =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoib"
    "3RoZXIiLCJzY29wZSI6InJlYWQ6Y2xpZW50cyIsImp0aSI6Imp0aS1vayJ9.27nzKI6uVicse_dDGMc5lgs8bGLgMo3D1TTAYKN9hJI"sv;
// tok(H, `{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:clients","jti":"jti-revoked"}`)
constexpr std::string_view policy_scope_and_revoked =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoia"
    "HR0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iLCJzY29wZSI6InJlYWQ6Y2xpZW50cyIsImp0aSI6Imp0aS1yZXZva2VkIn0.sNZNA4CRRmkW6LoCpg8"
    "0X2HGjQyXZ9OPuGFA5iqdg_E"sv;
// tok(H, `{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-revoked"}`)
constexpr std::string_view policy_revoked =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoia"
    "HR0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iLCJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktcmV2b2tlZCJ9.ZOH-YEUdoOys7Rw2A40N56"
    "Cd7Q5VZpQtefA-xPamTIA"sv;
// tok(H, `{"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok"}`)
constexpr std::string_view policy_no_exp_and_aud =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJvdGhlciIsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvIiwic2NvcGUiO"
    "iJyZWFkOnVzZXJzIiwianRpIjoianRpLW9rIn0.77aPlbFro54X-IRcWmxvyIMdCDDFeLMsycY25btv-xk"sv;
// tok(H, `{"exp":1,"aud":"https://api.example/","iss":1,"scope":"read:users","jti":"jti-ok"}`)
constexpr std::string_view policy_bad_type_and_expired =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIiwiaXNzIjoxLCJzY29wZSI6I"
    "nJlYWQ6dXNlcnMiLCJqdGkiOiJqdGktb2sifQ.OFm_gQx615rVVPe7OwITF5MPA-KK0ruZAe1kAiLhyaU"sv;
// tok(H, `{"exp":1,"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":7,"zzz":0}`)
constexpr std::string_view policy_bad_type_last =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImF1ZCI6Im90aGVyIiwiaXNzIjoiaHR0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iL"
    "CJzY29wZSI6InJlYWQ6dXNlcnMiLCJqdGkiOjcsInp6eiI6MH0.9zNpgsiVE64EyBykVQ715Ua5c9MZoGT1tShCUzTnoZw"sv;
// tok(`{"alg":"none","typ":1}`, `{"exp":1700086400}`)
constexpr std::string_view order_alg_none_typ_number =
    "eyJhbGciOiJub25lIiwidHlwIjoxfQ.eyJleHAiOjE3MDAwODY0MDB9.Lk7kmuw7aFzeWUwsJYgYK83Bha8htN7ktR1lNTK2QiE"sv;
// tok(`{"alg":"none","kid":1}`, `{"exp":1700086400}`)
constexpr std::string_view order_alg_none_kid_number =
    "eyJhbGciOiJub25lIiwia2lkIjoxfQ.eyJleHAiOjE3MDAwODY0MDB9.Qk95uN4ayONX4PveaVCHxXxXPnI6KCGEuPBBdvbEVdU"sv;
// tok(`{"alg":"HS256","crit":["x"],"kid":1}`, `{"exp":1700086400}`)
constexpr std::string_view order_crit_kid_number =
    "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieCJdLCJraWQiOjF9.eyJleHAiOjE3MDAwODY0MDB9.oGvjgTf_3Yo9MnFqbImmF_dPHB7oQJ8J5tAt"
    "u2wjs-g"sv;
// tok(`{"alg":"HS256","typ":[],"crit":["x"]}`, `{"exp":1700086400}`)
constexpr std::string_view order_crit_typ_array =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6W10sImNyaXQiOlsieCJdfQ.eyJleHAiOjE3MDAwODY0MDB9.fKI3_3lWUtN3j8Y1JqLKNmV1ITwaYn4hv3"
    "wW9t1DXx0"sv;
// tok(`{"alg":"none","crit":["x"]}`, `{"exp":1700086400}`)
constexpr std::string_view order_alg_none_crit =
    "eyJhbGciOiJub25lIiwiY3JpdCI6WyJ4Il19.eyJleHAiOjE3MDAwODY0MDB9.MQEGJvuo5WdDctP0HSWBsCYXblAdWrk7ALDKOE7-mKA"sv;
// tok(`{"alg":"HS256","crit":["x"]}`, `{"exp":1700086400}`)
constexpr std::string_view order_crit =
    "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieCJdfQ.eyJleHAiOjE3MDAwODY0MDB9.f1zbPRpaOh4xgxWsuHmxkHzFefEt4RSWaBZjCP43N4c"sv;
// tok(`{"alg":"none",}`, `{"exp":1700086400}`)
constexpr std::string_view order_alg_none_bad_json =
    "eyJhbGciOiJub25lIix9.eyJleHAiOjE3MDAwODY0MDB9._Jsq85kC7NFK4UhEC5JJkwAY4AnVnrmqm4VCLJe8WlY"sv;
// tok(`{"alg":"HS256","kid":"nope"}`, `{"exp":1700086400}`)
constexpr std::string_view order_kid_unknown =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6Im5vcGUifQ.eyJleHAiOjE3MDAwODY0MDB9.qEdW9V-Y4LongI9cY6iW3i_D_A49egKzp8GkBuJr9EY"sv;
// b64(H) + "." + b64("[]") + "." + b64(32 zero bytes): not signed
constexpr std::string_view order_unsigned_array_payload =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.W10.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"sv;
// b64(H) + "." + b64({"exp":"\xff"}) + "." + b64(32 zero bytes): not signed
constexpr std::string_view order_unsigned_bad_utf8_payload =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiL_In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"sv;

// J({"exp":1700086400,"sub":"Zo\u00eb \u00dcn\u00efc\u00f8d\u00e9 \U0001F600 \u20ac","name":"\u65e5\u672c\u8a9e"}) raw UTF-8
constexpr std::string_view unicode_json =
    "{\"exp\":1700086400,\"sub\":\"Zo\303\253 \303\234n\303\257c\303\270d\303\251 \360\237\230\200 \342\202\254\","
    "\"name\":\"\346\227\245\346\234\254\350\252\236\"}"sv;
constexpr std::string_view unicode_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilpvw6sgw5xuw69jw7hkw6kg8J-YgCDigqwiLCJuY"
    "W1lIjoi5pel5pys6KqeIn0.ZpPxGdzdlidGQsxuphmxcZZXcSGfsnV6tSSbqScvoSo"sv;
// hand-written JSON with every escape, a surrogate pair and upper-case hex
constexpr std::string_view escapes_json =
    "{\"exp\":1700086400,\"sub\":\"\\u0041\\/\\\"\\\\\\b\\f\\n\\r\\t\\u0000 \\ud83d\\ude00 \\u00e9\",\"x\":\"\\uDBF"
    "F\\uDFFF\"}"sv;
constexpr std::string_view escapes_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1MDA0MVwvXCJcXFxiXGZcblxyXHRcdTAwMDAgX"
    "HVkODNkXHVkZTAwIFx1MDBlOSIsIngiOiJcdURCRkZcdURGRkYifQ.Dsj4VMJhVMXogdqw28spukXW5XWM47ZXnJOOs-sFdgA"sv;
constexpr std::string_view escapes_sub = "A/\"\\\010\014\012\015\011\000 \360\237\230\200 \303\251"sv;  // the decoded sub
// fractional NumericDates
constexpr std::string_view fractional_json =
    "{\"iat\":1699999999.75,\"nbf\":1699999999.999,\"exp\":1700000000.001}"sv;
constexpr std::string_view fractional_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE2OTk5OTk5OTkuNzUsIm5iZiI6MTY5OTk5OTk5OS45OTksImV4cCI6MTcwMDAwM"
    "DAwMC4wMDF9.9TE8R-IO3I9-gmfavUiVmNpgZ0CkP063QC1gdODL-oI"sv;
// integers beyond 2^64 in custom claims
constexpr std::string_view bigints_json =
    "{\"exp\":1700086400,\"big\":18446744073709551616,\"neg\":-340282366920938463463374607431768211456,\"huge\":1e4"
    "00,\"tiny\":1e-400,\"z\":-0.0,\"long\":123456789012345678901234567890123456789012345678901234567890}"sv;
constexpr std::string_view bigints_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImJpZyI6MTg0NDY3NDQwNzM3MDk1NTE2MTYsIm5lZyI6LTM0M"
    "DI4MjM2NjkyMDkzODQ2MzQ2MzM3NDYwNzQzMTc2ODIxMTQ1NiwiaHVnZSI6MWU0MDAsInRpbnkiOjFlLTQwMCwieiI6LTAuMCwibG9uZyI6MTI"
    "zNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwfQ.NzGCqrohTPWfH1DQ0fzZ0LYxUI-O36"
    "JtuaDfW7sI3lU"sv;
// J({"exp":1700086400,"sub":"auth0|bulk","data":["item-%04d-%s" % (i, "x" * 20) for i in range(130)]}): 4336 bytes
constexpr std::string_view four_kib_json =
    "{\"exp\":1700086400,\"sub\":\"auth0|bulk\",\"data\":[\"item-0000-xxxxxxxxxxxxxxxxxxxx\",\"item-0001-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0002-xxxxxxxxxxxxxxxxxxxx\",\"item-0003-xxxxxxxxxxxxxxxxxxxx\",\"item-0004-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0005-xxxxxxxxxxxxxxxxxxxx\",\"item-0006-xxxxxxxxxxxxxxxxxxxx\",\"item-0007-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0008-xxxxxxxxxxxxxxxxxxxx\",\"item-0009-xxxxxxxxxxxxxxxxxxxx\",\"item-0010-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0011-xxxxxxxxxxxxxxxxxxxx\",\"item-0012-xxxxxxxxxxxxxxxxxxxx\",\"item-0013-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0014-xxxxxxxxxxxxxxxxxxxx\",\"item-0015-xxxxxxxxxxxxxxxxxxxx\",\"item-0016-xxxxxxxxxxxxxxxxxxxx\",\"item-0017-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0018-xxxxxxxxxxxxxxxxxxxx\",\"item-0019-xxxxxxxxxxxxxxxxxxxx\",\"item-0020-xxxxx"
    "xxxxxxxxxxxxxxx\",\"item-0021-xxxxxxxxxxxxxxxxxxxx\",\"item-0022-xxxxxxxxxxxxxxxxxxxx\",\"item-0023-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0024-xxxxxxxxxxxxxxxxxxxx\",\"item-0025-xxxxxxxxxxxxxxxxxxxx\",\"item-0026-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0027-xxxxxxxxxxxxxxxxxxxx\",\"item-0028-xxxxxxxxxxxxxxxxxxxx\",\"item-0029-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0030-xxxxxxxxxxxxxxxxxxxx\",\"item-0031-xxxxxxxxxxxxxxxxxxxx\",\"item-0032-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0033-xxxxxxxxxxxxxxxxxxxx\",\"item-0034-xxxxxxxxxxxxxxxxxxxx\",\"item-0035-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0036-xxxxxxxxxxxxxxxxxxxx\",\"item-0037-xxxxxxxxxxxxxxxxxxxx\",\"item-0038-xxxxxxxxxxxxxxxxxxxx\",\"item-0039-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0040-xxxxxxxxxxxxxxxxxxxx\",\"item-0041-xxxxxxxxxxxxxxxxxxxx\",\"item-0042-xxxxx"
    "xxxxxxxxxxxxxxx\",\"item-0043-xxxxxxxxxxxxxxxxxxxx\",\"item-0044-xxxxxxxxxxxxxxxxxxxx\",\"item-0045-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0046-xxxxxxxxxxxxxxxxxxxx\",\"item-0047-xxxxxxxxxxxxxxxxxxxx\",\"item-0048-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0049-xxxxxxxxxxxxxxxxxxxx\",\"item-0050-xxxxxxxxxxxxxxxxxxxx\",\"item-0051-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0052-xxxxxxxxxxxxxxxxxxxx\",\"item-0053-xxxxxxxxxxxxxxxxxxxx\",\"item-0054-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0055-xxxxxxxxxxxxxxxxxxxx\",\"item-0056-xxxxxxxxxxxxxxxxxxxx\",\"item-0057-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0058-xxxxxxxxxxxxxxxxxxxx\",\"item-0059-xxxxxxxxxxxxxxxxxxxx\",\"item-0060-xxxxxxxxxxxxxxxxxxxx\",\"item-0061-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0062-xxxxxxxxxxxxxxxxxxxx\",\"item-0063-xxxxxxxxxxxxxxxxxxxx\",\"item-0064-xxxxx"
    "xxxxxxxxxxxxxxx\",\"item-0065-xxxxxxxxxxxxxxxxxxxx\",\"item-0066-xxxxxxxxxxxxxxxxxxxx\",\"item-0067-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0068-xxxxxxxxxxxxxxxxxxxx\",\"item-0069-xxxxxxxxxxxxxxxxxxxx\",\"item-0070-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0071-xxxxxxxxxxxxxxxxxxxx\",\"item-0072-xxxxxxxxxxxxxxxxxxxx\",\"item-0073-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0074-xxxxxxxxxxxxxxxxxxxx\",\"item-0075-xxxxxxxxxxxxxxxxxxxx\",\"item-0076-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0077-xxxxxxxxxxxxxxxxxxxx\",\"item-0078-xxxxxxxxxxxxxxxxxxxx\",\"item-0079-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0080-xxxxxxxxxxxxxxxxxxxx\",\"item-0081-xxxxxxxxxxxxxxxxxxxx\",\"item-0082-xxxxxxxxxxxxxxxxxxxx\",\"item-0083-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0084-xxxxxxxxxxxxxxxxxxxx\",\"item-0085-xxxxxxxxxxxxxxxxxxxx\",\"item-0086-xxxxx"
    "xxxxxxxxxxxxxxx\",\"item-0087-xxxxxxxxxxxxxxxxxxxx\",\"item-0088-xxxxxxxxxxxxxxxxxxxx\",\"item-0089-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0090-xxxxxxxxxxxxxxxxxxxx\",\"item-0091-xxxxxxxxxxxxxxxxxxxx\",\"item-0092-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0093-xxxxxxxxxxxxxxxxxxxx\",\"item-0094-xxxxxxxxxxxxxxxxxxxx\",\"item-0095-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0096-xxxxxxxxxxxxxxxxxxxx\",\"item-0097-xxxxxxxxxxxxxxxxxxxx\",\"item-0098-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0099-xxxxxxxxxxxxxxxxxxxx\",\"item-0100-xxxxxxxxxxxxxxxxxxxx\",\"item-0101-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0102-xxxxxxxxxxxxxxxxxxxx\",\"item-0103-xxxxxxxxxxxxxxxxxxxx\",\"item-0104-xxxxxxxxxxxxxxxxxxxx\",\"item-0105-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0106-xxxxxxxxxxxxxxxxxxxx\",\"item-0107-xxxxxxxxxxxxxxxxxxxx\",\"item-0108-xxxxx"
    "xxxxxxxxxxxxxxx\",\"item-0109-xxxxxxxxxxxxxxxxxxxx\",\"item-0110-xxxxxxxxxxxxxxxxxxxx\",\"item-0111-xxxxxxxxxx"
    "xxxxxxxxxx\",\"item-0112-xxxxxxxxxxxxxxxxxxxx\",\"item-0113-xxxxxxxxxxxxxxxxxxxx\",\"item-0114-xxxxxxxxxxxxxxx"
    "xxxxx\",\"item-0115-xxxxxxxxxxxxxxxxxxxx\",\"item-0116-xxxxxxxxxxxxxxxxxxxx\",\"item-0117-xxxxxxxxxxxxxxxxxxxx"
    "\",\"item-0118-xxxxxxxxxxxxxxxxxxxx\",\"item-0119-xxxxxxxxxxxxxxxxxxxx\",\"item-0120-xxxxxxxxxxxxxxxxxxxx\",\""
    "item-0121-xxxxxxxxxxxxxxxxxxxx\",\"item-0122-xxxxxxxxxxxxxxxxxxxx\",\"item-0123-xxxxxxxxxxxxxxxxxxxx\",\"item-"
    "0124-xxxxxxxxxxxxxxxxxxxx\",\"item-0125-xxxxxxxxxxxxxxxxxxxx\",\"item-0126-xxxxxxxxxxxxxxxxxxxx\",\"item-0127-"
    "xxxxxxxxxxxxxxxxxxxx\",\"item-0128-xxxxxxxxxxxxxxxxxxxx\",\"item-0129-xxxxxxxxxxxxxxxxxxxx\"]}"sv;
constexpr std::string_view four_kib_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6ImF1dGgwfGJ1bGsiLCJkYXRhIjpbIml0ZW0tMDAwM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAwMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAwOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAwOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAxMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAxOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAxOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAyMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAyOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAyOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAzMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDAzOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDAzOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA0My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA0OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA0OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA1My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA1OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA1OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA2My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA2OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA2OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA3My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA3OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA3OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA4My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA4OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA4OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5M"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5MS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5Mi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA5My14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5NC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5N"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5Ni14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5Ny14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDA5OC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDA5OS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDEwMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDEwOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEwOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDExMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDExOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDExOS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyM"
    "C14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyMS14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyMi14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDEyMy14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyNC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyN"
    "S14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyNi14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyNy14eHh4eHh4eHh4eHh4eHh"
    "4eHh4eCIsIml0ZW0tMDEyOC14eHh4eHh4eHh4eHh4eHh4eHh4eCIsIml0ZW0tMDEyOS14eHh4eHh4eHh4eHh4eHh4eHh4eCJdfQ.6syidAfUcL"
    "MtP1HC6QJZ4nZx92KpxTkW-d8LhLBvc2k"sv;
// JSON whitespace everywhere allowed
constexpr std::string_view whitespace_json =
    " {\015\012 \"exp\" : 1700086400 ,\011\"sub\":\"x\" } \012"sv;
constexpr std::string_view whitespace_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.IHsNCiAiZXhwIiA6IDE3MDAwODY0MDAgLAkic3ViIjoieCIgfSAK.jNsz2KJ2Il2peLfiE3rt"
    "_38k5xTirRI-z0ifzhP2xjk"sv;
// json.dumps(`{"alg":"HS256","typ":"JWT","kid":"k\u00e9y-\"2024\""}`, separators, ensure_ascii=True)
constexpr std::string_view rich_header_json =
    "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k\\u00e9y-\\\"2024\\\"\"}"sv;
// json.dumps(RICH, separators=(",", ":"), ensure_ascii=True): \u escapes, a surrogate pair;
// RICH = {'iss': 'https://tenant.example/', 'sub': 'auth0|Zo\xeb \U0001f600', 'aud': ['https://api.example/', 'GLOBAL_CLIENT'], 'iat': 1699999990, 'nbf': 1699999995.5, 'exp': 1700086400.25, 'jti': 'jti-"q"-\\-\u20ac', 'scope': 'read:users update:clients', 'custom': {'big': 1180591620717411303424, 'list': [1, 'two', None]}}
constexpr std::string_view rich_payload_json =
    "{\"iss\":\"https://tenant.example/\",\"sub\":\"auth0|Zo\\u00eb \\ud83d\\ude00\",\"aud\":[\"https://api.example"
    "/\",\"GLOBAL_CLIENT\"],\"iat\":1699999990,\"nbf\":1699999995.5,\"exp\":1700086400.25,\"jti\":\"jti-\\\"q\\\"-"
    "\\\\-\\u20ac\",\"scope\":\"read:users update:clients\",\"custom\":{\"big\":1180591620717411303424,\"list\":[1,"
    "\"two\",null]}}"sv;
constexpr std::string_view rich_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImtcdTAwZTl5LVwiMjAyNFwiIn0.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcG"
    "xlLyIsInN1YiI6ImF1dGgwfFpvXHUwMGViIFx1ZDgzZFx1ZGUwMCIsImF1ZCI6WyJodHRwczovL2FwaS5leGFtcGxlLyIsIkdMT0JBTF9DTElF"
    "TlQiXSwiaWF0IjoxNjk5OTk5OTkwLCJuYmYiOjE2OTk5OTk5OTUuNSwiZXhwIjoxNzAwMDg2NDAwLjI1LCJqdGkiOiJqdGktXCJxXCItXFwtXH"
    "UyMGFjIiwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIiwiY3VzdG9tIjp7ImJpZyI6MTE4MDU5MTYyMDcxNzQxMTMwMzQyNCwi"
    "bGlzdCI6WzEsInR3byIsbnVsbF19fQ.FKVbf41h9u1TWNPxzCoagerHmjz5_SRV2h2YndIrte8"sv;
constexpr std::string_view rich_mac_hex = "14a55b7f8d61f6ed5358d3f1cc2a1a81eac79a3cf9fd2455da1d989dd22bb5ef";
constexpr std::string_view rich_iss = "https://tenant.example/"sv;
constexpr std::string_view rich_sub = "auth0|Zo\303\253 \360\237\230\200"sv;
constexpr std::string_view rich_jti = "jti-\"q\"-\\-\342\202\254"sv;
constexpr std::string_view rich_scope = "read:users update:clients"sv;
constexpr std::string_view rich_kid = "k\303\251y-\"2024\""sv;
constexpr std::string_view rich_aud0 = "https://api.example/"sv, rich_aud1 = "GLOBAL_CLIENT"sv;
constexpr std::string_view minimal_payload_json =
    "{\"exp\":1700086400,\"aud\":\"GLOBAL_CLIENT\"}"sv;
constexpr std::string_view minimal_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkdMT0JBTF9DTElFTlQifQ.IfISG9jIfwH--yKBZJ"
    "ArTzix8rbRsaMJq725IrL9CXM"sv;

// RFC 7515 appendix A.1 compact token (re-signed by python to check)
constexpr std::string_view a1_token =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlL"
    "mNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"sv;
constexpr std::string_view a1_key_hex = "0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebfd3fb5a92d20647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3";
constexpr std::string_view a1_header_json =
    "{\"typ\":\"JWT\",\015\012 \"alg\":\"HS256\"}"sv;
constexpr std::string_view a1_payload_json =
    "{\"iss\":\"joe\",\015\012 \"exp\":1300819380,\015\012 \"http://example.com/is_root\":true}"sv;


constexpr token_case alg_cases[] = {
    // header `{"alg":"none","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"none\""sv,
     "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.GO1ljZ3beAVsu4K6RJ6IE1f6rtDYlNVAGhX0gNHZg-4"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"None","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"None\""sv,
     "eyJhbGciOiJOb25lIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.Uv30Kb5j1AIiS4RTmjs1IJPdgl2A68ojZeVpsmssp4E"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"NONE","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"NONE\""sv,
     "eyJhbGciOiJOT05FIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.ZQk-56PDImSeinnnua38hyssWNVvFO7vC4CPsKBx19k"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"nOnE","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"nOnE\""sv,
     "eyJhbGciOiJuT25FIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.m2MKNdo2iiy-z5kAoAIM-oHFTylqC5RaM3AUtXRNDwI"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS256 ","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS256 \""sv,
     "eyJhbGciOiJIUzI1NiAiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.vm-kDFCbPTgywVUoYYYbpvrqkUFHb-Gt1LuWeUtIknU"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":" HS256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \" HS256\""sv,
     "eyJhbGciOiIgSFMyNTYiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.9lBxbCXIPtaH5XL5A_V6ie6_KEhb-Hdz5yNd4M59VSo"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS256\n","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS256\\n\""sv,
     "eyJhbGciOiJIUzI1NlxuIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.JzQbKKsG_0ehpthyyyGV3mHcaGPNOnn86ichxyKiG7Y"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS512","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS512\""sv,
     "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.0PeKcJnq3-a_aZfg-lbF_hS5wAcWENso3lyZ6G4zX6U"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS384","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS384\""sv,
     "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.awinLp2pqEW_4i9854ETs5qSzRlU2ICOvOIimfA2zww"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"RS256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"RS256\""sv,
     "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.WW6LZvaw4qdM1Ng2aCsJeLPGpQ--Y6Iv3Upok0lYHOg"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"ES256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"ES256\""sv,
     "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.nrJV12irYgtczVOnNRSgB0lehdPxqE_AwPEhYEG_tk4"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"PS256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"PS256\""sv,
     "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.PDl5jkvGne20G7C1WHfwnlB1YpCvJPJXv50IzLnzQw0"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"EdDSA","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"EdDSA\""sv,
     "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.fwlUBq_RlgJL_BkaIkQXqtSk8Q_wFFT2n0DgG7Q7Hzw"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"hs256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"hs256\""sv,
     "eyJhbGciOiJoczI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.FmE8k6pTnVbxSJxhD-YZPQKU2qTeP9Us8F8_GgWTMxY"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"Hs256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"Hs256\""sv,
     "eyJhbGciOiJIczI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.TK5EStpTnJalX1KxULyzDqRQkMSrvBf1hJ2xSC-dwzU"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"hS256","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"hS256\""sv,
     "eyJhbGciOiJoUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.zJ1UEFdWPCmS-TfS7vLYDuMhjJ6v1Q23R6-2GU4mgO4"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS256\u0000","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS256\\u0000\""sv,
     "eyJhbGciOiJIUzI1Nlx1MDAwMCIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.Fmm0yJ0Rt2K5lW6VtcsTzBR6VQVM4YcBuVK6Fqun"
     "B8s"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS2560","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS2560\""sv,
     "eyJhbGciOiJIUzI1NjAiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.R0w-PRWb-FnIkGpJXWyIPzyX13Nc3jbukewJiVLpmKg"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS25","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS25\""sv,
     "eyJhbGciOiJIUzI1IiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.vWh9rCvIcchlOjOfGO-IdeWg1Mjw-9_kvkgTpLvRBXc"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"\""sv,
     "eyJhbGciOiIiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.8YtQ9e2Efxqx6XLUfT_HJOp1golISXmK6JaRCMp4fGk"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"\xef\xbc\xa8\xef\xbc\xb3\xef\xbc\x92\xef\xbc\x95\xef\xbc\x96","typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"\357\274\250\357\274\263\357\274\222\357\274\225\357\274\226\""sv,
     "eyJhbGciOiLvvKjvvLPvvJLvvJXvvJYiLCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.9OPNBsnyhE_uk2hnVmdUXVL-vjFiWhcndX"
     "wbHERMWOM"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":256,"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg 256"sv,
     "eyJhbGciOjI1NiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.IV2HfNsCJSr0MC9p-Cg4s4sIcDLPcpSi3mYA2YYkCc8"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":null,"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg null"sv,
     "eyJhbGciOm51bGwsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.i9xPgsF3Tb_gs8vidJ4Tyl5aWIjcJL3HQcGlWbIMjKY"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":["HS256"],"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg [\"HS256\"]"sv,
     "eyJhbGciOlsiSFMyNTYiXSwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.7w5JfbyaYU176HjM14kQyQ9Nam09c3t7YLhdH7HSKgc"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":{"HS256":true},"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg {\"HS256\":true}"sv,
     "eyJhbGciOnsiSFMyNTYiOnRydWV9LCJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.e3DJeg-PHkMzupzYuiDWYNqBwd4FTuuZ1QwTOt"
     "QVTXg"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":true,"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg true"sv,
     "eyJhbGciOnRydWUsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.NEfyF5dxJbk9s01wGgVpIWmsL0OjitalcryCI2tVZQI"sv,
     refused(error::alg_not_allowed)},
    // header `{"typ":"JWT"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg missing"sv,
     "eyJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwODY0MDB9.NQrMU3ltdcGdm7m3FmcyWVGPPHXZRGDHDD_wkzDW78s"sv,
     refused(error::alg_not_allowed)},
    // header `{}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg missing, empty header"sv,
     "e30.eyJleHAiOjE3MDAwODY0MDB9.6LOsW1gLHppTAtec8MCdwwl6BI5kSttSenDU9k8HIdQ"sv,
     refused(error::alg_not_allowed)},
    // header `{"\u0061lg":"none"}` payload `{"exp":1700086400}`, HS256 MAC
    {"escaped member name \\u0061lg naming none"sv,
     "eyJcdTAwNjFsZyI6Im5vbmUifQ.eyJleHAiOjE3MDAwODY0MDB9.3uDL8kkmertEcRxvZwwejflLXIUPz2arMJxMKlSBjzM"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"HS25\u0036"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg \"HS25\\u0036\" decodes to HS256"sv,
     "eyJhbGciOiJIUzI1XHUwMDM2In0.eyJleHAiOjE3MDAwODY0MDB9.rj8omrZgZIjT3Y4P0kU6Q4e6mgKt6edu6qS7JCdDEMA"sv,
     accepted},
    // header `{"\u0061lg":"HS256"}` payload `{"exp":1700086400}`, HS256 MAC
    {"escaped member name \\u0061lg naming HS256"sv,
     "eyJcdTAwNjFsZyI6IkhTMjU2In0.eyJleHAiOjE3MDAwODY0MDB9.ZhQz7WepWiTFELNlH9DUpwANYuXsi6eW5y-zgjV2Yd4"sv,
     accepted},
    // header `{"alg":"HS256"}` payload `{"exp":1700086400}`, HS256 MAC
    {"alg HS256 without typ"sv,
     "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.d71bjpKO4UPW-HwU0W-Wl6T5TSUHqsTmFnHxuBVA1LQ"sv,
     accepted},
    // header `{"alg":"HS512","typ":"JWT"}` payload `{"exp":1700086400}`, HMAC-SHA512 under the current secret
    {"alg HS512 over a genuine HS512 MAC"sv,
     "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.VuwQbuZOH0jpFuABve7Yo45n0IfexEUKGDph3D4g5x2uF-iV"
     "QNxFLYj7p70Wprz_aALB1GyRjEtUtXUZzk-m1A"sv,
     refused(error::alg_not_allowed)},
    // header `{"alg":"none","typ":"JWT"}` payload `{"exp":1700086400}`, nothing after the second dot
    {"alg none, signature empty"sv,
     "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9."sv,
     refused(error::malformed)},
    // header `{"alg":"none","typ":"JWT"}` payload `{"exp":1700086400}`, signature AAAA
    {"alg none, signature \"AAAA\""sv,
     "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJleHAiOjE3MDAwODY0MDB9.AAAA"sv,
     refused(error::alg_not_allowed)},
};

constexpr token_case header_cases[] = {
    // header `{"alg":"HS256","alg":"none"}` payload `{"exp":1700086400}`
    {"duplicate alg, HS256 first"sv,
     "eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.eyJleHAiOjE3MDAwODY0MDB9.V6AG_dyT8L9XYhz8khnU8OHP_awkKrUH3Qf1wxc7Q-E"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"none","alg":"HS256"}` payload `{"exp":1700086400}`
    {"duplicate alg, none first"sv,
     "eyJhbGciOiJub25lIiwiYWxnIjoiSFMyNTYifQ.eyJleHAiOjE3MDAwODY0MDB9.qL_xIc7DWfdrZW8N7tWohjA9O9zOFP7uosnBKWrwNkQ"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","alg":"HS256"}` payload `{"exp":1700086400}`
    {"duplicate alg, twice HS256"sv,
     "eyJhbGciOiJIUzI1NiIsImFsZyI6IkhTMjU2In0.eyJleHAiOjE3MDAwODY0MDB9.Ut6QMsbMLjV-woMsdhI9C-aOF91hQQOF7LBtegaxOuY"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","\u0061lg":"none"}` payload `{"exp":1700086400}`
    {"duplicate alg through an escape"sv,
     "eyJhbGciOiJIUzI1NiIsIlx1MDA2MWxnIjoibm9uZSJ9.eyJleHAiOjE3MDAwODY0MDB9.WFc0VtgRrcdxnXqxP3lzfPA2zRsTklZxO0xfNs99"
     "hqA"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT","typ":"JWT"}` payload `{"exp":1700086400}`
    {"duplicate typ"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.A2s2rlgtuhWfyrhE65tdBFw1WrlafFce"
     "QYXm7N9F1Kc"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256"` payload `{"exp":1700086400}`
    {"header an unclosed object"sv,
     "eyJhbGciOiJIUzI1NiI.eyJleHAiOjE3MDAwODY0MDB9.99iQ8kYa0n5kEUOm-NUr0dr_G8U_cYerRQhcNtaxBrU"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256",}` payload `{"exp":1700086400}`
    {"header trailing comma"sv,
     "eyJhbGciOiJIUzI1NiIsfQ.eyJleHAiOjE3MDAwODY0MDB9.y7MBLNj0uqSwQQiOm50lfF6PGdlDc9ZxKpiPfonWnUo"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256"}x` payload `{"exp":1700086400}`
    {"header trailing data"sv,
     "eyJhbGciOiJIUzI1NiJ9eA.eyJleHAiOjE3MDAwODY0MDB9.-72-nNNbPumq-Bvgtni-nMP2-XAVtwGsWXI_dO9nE24"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256"}{}` payload `{"exp":1700086400}`
    {"header two objects"sv,
     "eyJhbGciOiJIUzI1NiJ9e30.eyJleHAiOjE3MDAwODY0MDB9.2_CPya7LfZXMkmz6VGQfSTzUA9D_pLUSprhvWpImARs"sv,
     refused(error::bad_header)},
    // header `{'alg':'HS256'}` payload `{"exp":1700086400}`
    {"header single quotes"sv,
     "eydhbGcnOidIUzI1Nid9.eyJleHAiOjE3MDAwODY0MDB9.VpOS1koNW2QBlko-_j8g594T0N5azGp5_QAzNL8ef-4"sv,
     refused(error::bad_header)},
    // header `\xef\xbb\xbf{"alg":"HS256"}` payload `{"exp":1700086400}`
    {"header with a BOM"sv,
     "77u_eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.btGkl_lSRObTbFsvzS9VSSMLxxgMwLXZaXDTcxSi0-U"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"J\x01T"}` payload `{"exp":1700086400}`
    {"header raw control character in a string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkoBVCJ9.eyJleHAiOjE3MDAwODY0MDB9.c4BF_F0ht9q7DmTL2SLglDYMdMG6KYFrSLGvS1ysVEQ"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","x":NaN}` payload `{"exp":1700086400}`
    {"header NaN member"sv,
     "eyJhbGciOiJIUzI1NiIsIngiOk5hTn0.eyJleHAiOjE3MDAwODY0MDB9.7UKu-RgDTOCYGcVwajCXtN5FqEALOKy5nTzR8TGc5Rw"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"\xff"}` payload `{"exp":1700086400}`
    {"header invalid UTF-8"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6Iv8ifQ.eyJleHAiOjE3MDAwODY0MDB9.nxWEGj4uo5jOIHfvyTfNRhjOBuX6XRBn0_iK1O6dhVQ"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"\xc0\xaf"}` payload `{"exp":1700086400}`
    {"header overlong UTF-8"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IsCvIn0.eyJleHAiOjE3MDAwODY0MDB9.IhYLQ879Qs6hA4z4epjwMvR46YDyZQ4PZeuaGKdJzk4"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT\ud800"}` payload `{"exp":1700086400}`
    {"header lone high surrogate"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVFx1ZDgwMCJ9.eyJleHAiOjE3MDAwODY0MDB9.LGx3vaKLR-mU4gO81lDD-i02dXqXBsYsazUDPg52"
     "WOY"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","kid":"\udc00"}` payload `{"exp":1700086400}`
    {"header lone low surrogate"sv,
     "eyJhbGciOiJIUzI1NiIsImtpZCI6Ilx1ZGMwMCJ9.eyJleHAiOjE3MDAwODY0MDB9.S9oc8_S4GSgf_roZOERjvJ_LXdxWO-QZ42M9O0wEmno"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"\q"}` payload `{"exp":1700086400}`
    {"header unknown escape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IlxxIn0.eyJleHAiOjE3MDAwODY0MDB9.WhlfJNbZqHh46Gi_CIsQheSp6XvGQ37l_inONT0dvVI"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","x":[[[[[[[[]]]]]]]]}` payload `{"exp":1700086400}`
    {"header 9 deep"sv,
     "eyJhbGciOiJIUzI1NiIsIngiOltbW1tbW1tbXV1dXV1dXV19.eyJleHAiOjE3MDAwODY0MDB9.4C9s2q9vw0fWbxJO4KhngZeqyMuk02x52YKi"
     "MTKyPE4"sv,
     refused(error::too_deep)},
    // header `{"alg":"HS256","x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]...]]]]]]]]]]]]]]]]]]]} (148 bytes)` payload `{"exp":1700086400}`
    {"header 65 deep"sv,
     "eyJhbGciOiJIUzI1NiIsIngiOltbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1"
     "tdXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dXV1dfQ.eyJleHAiOjE3MDAwODY0M"
     "DB9.vuUQ4D0QUyiVpa5soR5E4AksSWu6jmCGtyIy7Fl89Wc"sv,
     refused(error::too_deep)},
    // header `{"alg":"HS256","m000":0,"m001":0,"m002":0,"m003":0,"m004":0,"m005":0,"m006":0,"m007":0,"m008":0,"m00...0,"m030":0,"m031":0} (303 bytes)` payload `{"exp":1700086400}`
    {"header of 33 members"sv,
     "eyJhbGciOiJIUzI1NiIsIm0wMDAiOjAsIm0wMDEiOjAsIm0wMDIiOjAsIm0wMDMiOjAsIm0wMDQiOjAsIm0wMDUiOjAsIm0wMDYiOjAsIm0wMD"
     "ciOjAsIm0wMDgiOjAsIm0wMDkiOjAsIm0wMTAiOjAsIm0wMTEiOjAsIm0wMTIiOjAsIm0wMTMiOjAsIm0wMTQiOjAsIm0wMTUiOjAsIm0wMTYi"
     "OjAsIm0wMTciOjAsIm0wMTgiOjAsIm0wMTkiOjAsIm0wMjAiOjAsIm0wMjEiOjAsIm0wMjIiOjAsIm0wMjMiOjAsIm0wMjQiOjAsIm0wMjUiOj"
     "AsIm0wMjYiOjAsIm0wMjciOjAsIm0wMjgiOjAsIm0wMjkiOjAsIm0wMzAiOjAsIm0wMzEiOjB9.eyJleHAiOjE3MDAwODY0MDB9.fb7gvKNnTe"
     "FHJSTYbkoZ_-07SeVVGCbjJ0PFb2OmXDY"sv,
     refused(error::bad_header)},
    // header ` {\x0d\x0a "alg" : "HS256" ,\x09"typ":"JWT" } \x0a` payload `{"exp":1700086400}`
    {"header with JSON whitespace"sv,
     "IHsNCiAiYWxnIiA6ICJIUzI1NiIgLAkidHlwIjoiSldUIiB9IAo.eyJleHAiOjE3MDAwODY0MDB9.ujhWxML22NKSgVe2_O_tlcQEI_JgPub2Q"
     "as2OuKWRtc"sv,
     accepted},
    // header `{"alg":"HS256","m000":0,"m001":0,"m002":0,"m003":0,"m004":0,"m005":0,"m006":0,"m007":0,"m008":0,"m00...0,"m029":0,"m030":0} (294 bytes)` payload `{"exp":1700086400}`
    {"header of 32 members"sv,
     "eyJhbGciOiJIUzI1NiIsIm0wMDAiOjAsIm0wMDEiOjAsIm0wMDIiOjAsIm0wMDMiOjAsIm0wMDQiOjAsIm0wMDUiOjAsIm0wMDYiOjAsIm0wMD"
     "ciOjAsIm0wMDgiOjAsIm0wMDkiOjAsIm0wMTAiOjAsIm0wMTEiOjAsIm0wMTIiOjAsIm0wMTMiOjAsIm0wMTQiOjAsIm0wMTUiOjAsIm0wMTYi"
     "OjAsIm0wMTciOjAsIm0wMTgiOjAsIm0wMTkiOjAsIm0wMjAiOjAsIm0wMjEiOjAsIm0wMjIiOjAsIm0wMjMiOjAsIm0wMjQiOjAsIm0wMjUiOj"
     "AsIm0wMjYiOjAsIm0wMjciOjAsIm0wMjgiOjAsIm0wMjkiOjAsIm0wMzAiOjB9.eyJleHAiOjE3MDAwODY0MDB9.2jJVLu5tChB80sJ61hhZKL"
     "NnZl7CZPkVyPM5DGO2m-E"sv,
     accepted},
    // header `{"alg":"HS256","x":[[[[[[[]]]]]]]}` payload `{"exp":1700086400}`
    {"header 8 deep"sv,
     "eyJhbGciOiJIUzI1NiIsIngiOltbW1tbW1tdXV1dXV1dfQ.eyJleHAiOjE3MDAwODY0MDB9.uagoDWxiSDTItIaFi0hMA2vtuEuLOdCv_TdImo"
     "a9rpA"sv,
     accepted},
    // header `{"alg":"HS256","b64":false}` payload `{"exp":1700086400}`
    {"b64 false without crit is ignored (the MAC covers the encoded payload)"sv,
     "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2V9.eyJleHAiOjE3MDAwODY0MDB9.ZxZEC5WwWT1ipnbqildm4QwvJ_n-VOZanWmpq1sIqzc"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT","cty":"x","jku":"https://evil/","x5u":1}` payload `{"exp":1700086400}`
    {"unknown header parameters are ignored"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6IngiLCJqa3UiOiJodHRwczovL2V2aWwvIiwieDV1IjoxfQ.eyJleHAiOjE3MDAwODY"
     "0MDB9.gUFQZrsgHDCxLBpemAYhhDRixfTVvzqhYcggjA9IyhI"sv,
     accepted},
};

constexpr token_case header_not_object_cases[] = {
    // header `[]` payload `{"exp":1700086400}`
    {"header an array"sv,
     "W10.eyJleHAiOjE3MDAwODY0MDB9.YgvFDWKH9JzwOmQZUkiuLX-UxbrjfDhXHO5I70QLhIs"sv,
     refused(error::bad_header)},
    // header `[{"alg":"HS256"}]` payload `{"exp":1700086400}`
    {"header an array holding the object"sv,
     "W3siYWxnIjoiSFMyNTYifV0.eyJleHAiOjE3MDAwODY0MDB9.A5zvePCChG61Rashm7CSYTi7u4drrTG2kmqELkbHYxE"sv,
     refused(error::bad_header)},
    // header `"HS256"` payload `{"exp":1700086400}`
    {"header a string"sv,
     "IkhTMjU2Ig.eyJleHAiOjE3MDAwODY0MDB9.y3iO5kwEkQttTqwa806tPrUqT8fPY2HWAPe0l0bifLQ"sv,
     refused(error::bad_header)},
    // header `1` payload `{"exp":1700086400}`
    {"header a number"sv,
     "MQ.eyJleHAiOjE3MDAwODY0MDB9.wAb25Itb0zy3ySuYwf2pXxy4FAiY7bZC93jtQMQk3wg"sv,
     refused(error::bad_header)},
    // header `null` payload `{"exp":1700086400}`
    {"header null"sv,
     "bnVsbA.eyJleHAiOjE3MDAwODY0MDB9.F40zHymJ3Od22IRCyBLYFGZNthRFViAoSOhAHoa4Zo8"sv,
     refused(error::bad_header)},
    // header `true` payload `{"exp":1700086400}`
    {"header true"sv,
     "dHJ1ZQ.eyJleHAiOjE3MDAwODY0MDB9.IF2_QpiaIcibPfGUNQhOzASyEAxttNWKi50OGi99xrI"sv,
     refused(error::bad_header)},
};

constexpr token_case typ_kid_cases[] = {
    // header `{"alg":"HS256","typ":1}` payload `{"exp":1700086400}`
    {"typ 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6MX0.eyJleHAiOjE3MDAwODY0MDB9.Y2ZiVpd4SBSJG6QGwYEPcOiOtDDILtAIbOz-8ttP89A"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":1.5}` payload `{"exp":1700086400}`
    {"typ 1.5"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6MS41fQ.eyJleHAiOjE3MDAwODY0MDB9.43RqQ3RVOF5ql4JUdC4ovUHF-G5Vk1YgYw-PMBJ6ySg"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":null}` payload `{"exp":1700086400}`
    {"typ null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6bnVsbH0.eyJleHAiOjE3MDAwODY0MDB9.uP87sHdCCqAlVmb8HFfdMkfVLq4rtCD68CT-rD3d9pc"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":true}` payload `{"exp":1700086400}`
    {"typ true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6dHJ1ZX0.eyJleHAiOjE3MDAwODY0MDB9.ARWYy9IYRK-U5wt5lUfh6QdcClzZ5Oz4V_CgDTsuNJ4"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":[]}` payload `{"exp":1700086400}`
    {"typ []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6W119.eyJleHAiOjE3MDAwODY0MDB9.Vj2AorXQjfG_Cn7d2ZjEfgwKCvGOxS5UqxKaW6xYS0I"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":["JWT"]}` payload `{"exp":1700086400}`
    {"typ [\"JWT\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6WyJKV1QiXX0.eyJleHAiOjE3MDAwODY0MDB9.K7bo5MSc4BVrEeUq1X_OGuS6_5-oAO5iwa5FY3rp_bA"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":{}}` payload `{"exp":1700086400}`
    {"typ {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6e319.eyJleHAiOjE3MDAwODY0MDB9.pmJhhbsHm5wJGaVQtqEDYV4dftgcmhcyKy7QH7kphy0"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":1}` payload `{"exp":1700086400}`
    {"kid 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6MX0.eyJleHAiOjE3MDAwODY0MDB9.776NK3sGv7v2EQG_1xcPADvGuKcLf2uy8Roh8"
     "0Cc7lk"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":null}` payload `{"exp":1700086400}`
    {"kid null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6bnVsbH0.eyJleHAiOjE3MDAwODY0MDB9.WBjRLy7fAibJoFjbTz7sCVjj1J1odG5HE"
     "Gt52EJZFUo"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":false}` payload `{"exp":1700086400}`
    {"kid false"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ZmFsc2V9.eyJleHAiOjE3MDAwODY0MDB9._2tbQGCZiIoieXIjjo9ehy90XwOriUo1"
     "oCT3jXsMj-A"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":[]}` payload `{"exp":1700086400}`
    {"kid []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6W119.eyJleHAiOjE3MDAwODY0MDB9.hPKM-kseuXVmuiTt7tiOC4yUNlNPQq7i43cB"
     "Py9pXpY"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":["a"]}` payload `{"exp":1700086400}`
    {"kid [\"a\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6WyJhIl19.eyJleHAiOjE3MDAwODY0MDB9.XmhC32v2ceC7uVC3Dw2uwenUEzRQtEuN"
     "4RkhLQ2_tKY"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"JWT","kid":{"k":"v"}}` payload `{"exp":1700086400}`
    {"kid {\"k\":\"v\"}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6eyJrIjoidiJ9fQ.eyJleHAiOjE3MDAwODY0MDB9.U1gpgI_9sIFJF1SSxXlPO9tTSq"
     "_HKGINTftwLYxE9mo"sv,
     refused(error::bad_header)},
    // header `{"alg":"HS256","typ":"at+jwt"}` payload `{"exp":1700086400}`
    {"typ at+jwt"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJleHAiOjE3MDAwODY0MDB9.9ezu4YOTsZcpWVI_BY1NM9sRTFiJeqy1gy4u2zYrN0w"sv,
     accepted},
    // header `{"alg":"HS256","typ":""}` payload `{"exp":1700086400}`
    {"typ empty string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IiJ9.eyJleHAiOjE3MDAwODY0MDB9.D-Qbmk5YwU0A0KNJr-laII7DFy-Nzb9jroY_GCEHsW8"sv,
     accepted},
    // header `{"alg":"HS256","kid":""}` payload `{"exp":1700086400}`
    {"kid empty string (unnamed keys are tried)"sv,
     "eyJhbGciOiJIUzI1NiIsImtpZCI6IiJ9.eyJleHAiOjE3MDAwODY0MDB9.C1UZJTyS_wx5UuAtnVsc1uixbZ3lz6TwJDYeac-J3gU"sv,
     accepted},
    // header `{"alg":"HS256","kid":"whatever \u00e9"}` payload `{"exp":1700086400}`
    {"kid any string (unnamed keys are tried)"sv,
     "eyJhbGciOiJIUzI1NiIsImtpZCI6IndoYXRldmVyIFx1MDBlOSJ9.eyJleHAiOjE3MDAwODY0MDB9.k7gSDPoorJveSibYORq3PB29VBmeAyqX"
     "ajwdTZ9RJvo"sv,
     accepted},
};

constexpr token_case crit_cases[] = {
    // header `{"alg":"HS256","typ":"JWT","crit":["exp"]}` payload `{"exp":1700086400}`
    {"crit [\"exp\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOlsiZXhwIl19.eyJleHAiOjE3MDAwODY0MDB9.J_YO7La4c9ooT1y_xMYlyHNVmMHa"
     "i7OmLnjaameoGhU"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","typ":"JWT","crit":[]}` payload `{"exp":1700086400}`
    {"crit []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOltdfQ.eyJleHAiOjE3MDAwODY0MDB9.iNa8Q2b_gf9s_RLUne7vtWkIas1uNBjEuf"
     "e0l1pafX8"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","typ":"JWT","crit":null}` payload `{"exp":1700086400}`
    {"crit null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOm51bGx9.eyJleHAiOjE3MDAwODY0MDB9.HfcFnRSEJg9NIWBRAdngnY0Dde3E1v6N"
     "vCUsrZWllsU"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","typ":"JWT","crit":"exp"}` payload `{"exp":1700086400}`
    {"crit \"exp\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOiJleHAifQ.eyJleHAiOjE3MDAwODY0MDB9.xcu3RCfAUZqqch8pW6I-lZ1RwjIKMq"
     "3PPwTDv8EC6k0"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","typ":"JWT","crit":{}}` payload `{"exp":1700086400}`
    {"crit {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOnt9fQ.eyJleHAiOjE3MDAwODY0MDB9.CSKm9jbCOAyuzFJBZt--sWoxYv-CQQWDpw"
     "aYlnnBz9g"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","typ":"JWT","crit":["b64"],"b64":false}` payload `{"exp":1700086400}`
    {"crit [\"b64\"],\"b64\":false"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImNyaXQiOlsiYjY0Il0sImI2NCI6ZmFsc2V9.eyJleHAiOjE3MDAwODY0MDB9.K72QxhDi0b72"
     "ktKWozacwfcYcXp6tJh9WHA3M7VeF5w"sv,
     refused(error::crit_unsupported)},
    // header `{"alg":"HS256","\u0063rit":["exp"]}` payload `{"exp":1700086400}`
    {"crit through an escaped name"sv,
     "eyJhbGciOiJIUzI1NiIsIlx1MDA2M3JpdCI6WyJleHAiXX0.eyJleHAiOjE3MDAwODY0MDB9.31jR8bf2s_e58ETBUCl1Cpb07WN9tplqo8jb4"
     "vXdwxU"sv,
     refused(error::crit_unsupported)},
    // header `{"crit":["exp"],"alg":"HS256"}` payload `{"exp":1700086400}`
    {"crit first"sv,
     "eyJjcml0IjpbImV4cCJdLCJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.jagC_t4ew4AIgKgcu0jDfqoeraXNASDyxOn4j1-zTLY"sv,
     refused(error::crit_unsupported)},
};

constexpr token_case signature_cases[] = {
    // tok(H, PS) minus its signature
    {"signature stripped, trailing dot kept"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9."sv,
     refused(error::malformed)},
    // tok(H, PS) minus ".signature"
    {"signature stripped with its dot"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9"sv,
     refused(error::malformed)},
    // signing input tok(H, `{"exp":1700086400}`), then the first 42 characters
    {"signature truncated by one character"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_E"sv,
     refused(error::bad_base64url_trailing_bits)},
    // signing input tok(H, `{"exp":1700086400}`), then the first 41 characters
    {"signature truncated by two characters"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_"sv,
     refused(error::bad_base64url_length)},
    // signing input tok(H, `{"exp":1700086400}`), then the first 40 characters (30 bytes)
    {"signature truncated to 40 characters"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac[:31])
    {"signature of 31 MAC bytes"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_A"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac[:16])
    {"signature of 16 MAC bytes"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0yg"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac[:1])
    {"signature of 1 MAC byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pQ"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac + 00)
    {"signature extended by one zero byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EcA"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac) + "A"
    {"signature extended by a character"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EcA"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac) + "AAAA"
    {"signature extended by four characters"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EcAAAA"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac + mac)
    {"signature doubled"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EelISmK"
     "0Vj3iverjiNTqXTKaNMELLNZLkyS2v9FzPn8Rw"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(mac) + "AA"
    {"signature extended to length 1 mod 4"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EcAA"sv,
     refused(error::bad_base64url_length)},
    // signing input tok(H, `{"exp":1700086400}`), then the MAC of tok(H, {"exp":1700086401})
    {"signature swapped from another token"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.BMv58Oz5aGYWE7-w-TusIAY3xTa_Z0l9pfDhy557dSA"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(reversed mac)
    {"signature bytes reversed"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.R_z5zEX_2pJMLlmzLATTaMp0qVMjjqv3ivdY0YopIaU"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(hmac(current, header JSON + "." + payload JSON))
    {"signature over the decoded JSON"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.uJlzgf66mm1CQuJvl2SKFJ3VcYw1Iqltt2YIn6NCmcQ"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(hex(mac))
    {"signature as hex text"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.YTUyMTI5OGFkMTU4Zjc4YWY3YWI4ZTIzNTNhOTc0Y2E2OGQz"
     "MDQyY2IzNTkyZTRjOTJkYWZmNDVjY2Y5ZmM0Nw"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(32 zero bytes)
    {"signature all zero"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then mac[0] ^= 0x80
    {"signature with the first bit flipped"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.JSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then mac[31] ^= 1
    {"signature with the last bit flipped"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_EY"sv,
     refused(error::bad_signature)},
    // signing input tok(H, `{"exp":1700086400}`), then b64(sha256(signing input))
    {"signature SHA-256 of the signing input (no key)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.KBiBh6rjSf9R7IK7aVZOE-ksBWA_Odl2zIVTdi0ysew"sv,
     refused(error::bad_signature)},
    // b64(PS) + "." + b64(H), signed: the header has no alg
    {"header and payload swapped, MAC recomputed"sv,
     "eyJleHAiOjE3MDAwODY0MDB9.eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.4BfCE5psTaYM0KYM1NBpLz9FVRnAx-Dxm9QRoO1q0GM"sv,
     refused(error::alg_not_allowed)},
};

constexpr token_case wrong_key_cases[] = {
    // tok(H, `{"exp":1700086400}`) under the wrong secret
    {"signed with the wrong secret"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.kVYKoNNzH-cL7X5_75d3pRIs5q4-gWFeWvB3DeX6MJ0"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the previous secret
    {"signed with the previous secret"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.kiA8RITgYHAD2wKN8ad-wqojcXXa-9g_MI_r4-i7K3I"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the secret minus its last byte
    {"signed with the secret minus its last byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.6mBQMdak8nCe6EXdYtXo0rkfs9bszZdvwIwTl1iXSaE"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the secret plus a byte
    {"signed with the secret plus a byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.1w7N9CsRpxOt2_oc3KCHvjre_5k6PJ-QUeb1KVF9jPU"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the secret upper-cased
    {"signed with the secret upper-cased"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.l2VDCaI3-nOSchbQ_HBsGoDONn02hnDYlv6Jy65yXJ0"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under an empty secret
    {"signed with an empty secret"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.cwy8M37KdfvovgjeR3lLwmqcjqhxz5pvuG2oAIV3Nto"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the base64url text of the secret
    {"signed with the base64url text of the secret"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.ySknNVe7Qm5L2KL9YI22eJCJW2xRjs63UF-HNFq9E2c"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the SHA-256 of the secret
    {"signed with the SHA-256 of the secret"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.OaJClc799tNCB-8Qt397M7E1xvbMyRCPjWMt9NqsY_I"sv,
     refused(error::bad_signature)},
    // tok(H, `{"exp":1700086400}`) under the secret with one bit flipped
    {"signed with the secret with one bit flipped"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.Zi602K0fMbvtA7LnF_YH2ewV3XUX1MQbvVLil1ARV4Q"sv,
     refused(error::bad_signature)},
};

constexpr token_case b64_cases[] = {
    // b64_base_token with the header segment padded with "="
    {"header: padded with \"=\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0=.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the header segment over-padded
    {"header: over-padded"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0=====.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-P"
     "j4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the header segment with "=" inside
    {"header: with \"=\" inside"sv,
     "eyJh=bGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the header segment in the standard alphabet (+ and /)
    {"header: in the standard alphabet (+ and /)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4/P34+Pj4/fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with "+" for "-"
    {"header: with \"+\" for \"-\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34+Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with "/" for "_"
    {"header: with \"/\" for \"_\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4/P34-Pj4/fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment after a space
    {"header: after a space"sv,
     " eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment before a newline
    {"header: before a newline"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0\012.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj"
     "4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment before CR LF
    {"header: before CR LF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0\015\012.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P3"
     "4-Pj4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with a tab inside
    {"header: with a tab inside"sv,
     "eyJhb\011GciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj"
     "4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with a space inside
    {"header: with a space inside"sv,
     "eyJhb GciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with "%" inside
    {"header: with \"%\" inside"sv,
     "eyJhb%GciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with a NUL inside
    {"header: with a NUL inside"sv,
     "eyJhb\000GciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj"
     "4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with a UTF-8 letter inside
    {"header: with a UTF-8 letter inside"sv,
     "eyJhb\303\251GciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P3"
     "4-Pj4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the header segment with non-zero trailing bits (decodes leniently to the same bytes)
    {"header: with non-zero trailing bits (decodes leniently to the same bytes)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn1.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_trailing_bits)},
    // b64_base_token with the header segment lengthened to 1 mod 4
    {"header: lengthened to 1 mod 4"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0AA.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_"
     "MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_length)},
    // b64_base_token with the header segment with " =" appended (padding is reported first)
    {"header: with \" =\" appended (padding is reported first)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0 =.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_"
     "MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the header segment with spaces to 1 mod 4 (a bad character is reported before the length)
    {"header: with spaces to 1 mod 4 (a bad character is reported before the length)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0  .eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_"
     "MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment padded with "="
    {"payload: padded with \"=\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ==.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the payload segment over-padded
    {"payload: over-padded"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ======.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the payload segment with "=" inside
    {"payload: with \"=\" inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJl=eHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the payload segment in the standard alphabet (+ and /)
    {"payload: in the standard alphabet (+ and /)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4/P34+Pj4/MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with "+" for "-"
    {"payload: with \"+\" for \"-\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34+Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with "/" for "_"
    {"payload: with \"/\" for \"_\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4/P34-Pj4/MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment after a space
    {"payload: after a space"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0. eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment before a newline
    {"payload: before a newline"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ\012.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment before CR LF
    {"payload: before CR LF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ\015\012.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with a tab inside
    {"payload: with a tab inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJle\011HAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj"
     "4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with a space inside
    {"payload: with a space inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJle HAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with "%" inside
    {"payload: with \"%\" inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJle%HAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_M"
     "TEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with a NUL inside
    {"payload: with a NUL inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJle\000HAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj"
     "4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with a UTF-8 letter inside
    {"payload: with a UTF-8 letter inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJle\303\251HAiOjE3MDAwODY0MDAsIngiOiJhYX4_P3"
     "4-Pj4_MTEifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the payload segment with non-zero trailing bits (decodes leniently to the same bytes)
    {"payload: with non-zero trailing bits (decodes leniently to the same bytes)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifR.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_trailing_bits)},
    // b64_base_token with the payload segment lengthened to 1 mod 4
    {"payload: lengthened to 1 mod 4"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQAAA.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_length)},
    // b64_base_token with the payload segment with " =" appended (padding is reported first)
    {"payload: with \" =\" appended (padding is reported first)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ =.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the payload segment with spaces to 1 mod 4 (a bad character is reported before the length)
    {"payload: with spaces to 1 mod 4 (a bad character is reported before the length)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ   .20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment padded with "="
    {"signature: padded with \"=\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc="sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the signature segment over-padded
    {"signature: over-padded"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc====="sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the signature segment with "=" inside
    {"signature: with \"=\" inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA=3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the signature segment in the standard alphabet (+ and /)
    {"signature: in the standard alphabet (+ and /)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K+pqxDch/oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with "+" for "-"
    {"signature: with \"+\" for \"-\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K+pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with "/" for "_"
    {"signature: with \"/\" for \"_\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch/oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment after a space
    {"signature: after a space"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ. 20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment before a newline
    {"signature: before a newline"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc\012"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment before CR LF
    {"signature: before CR LF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc\015\012"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with a tab inside
    {"signature: with a tab inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3\011BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with a space inside
    {"signature: with a space inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3 BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with "%" inside
    {"signature: with \"%\" inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3%BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with a NUL inside
    {"signature: with a NUL inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3\000BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with a UTF-8 letter inside
    {"signature: with a UTF-8 letter inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3\303\251BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc"sv,
     refused(error::bad_base64url_char)},
    // b64_base_token with the signature segment with non-zero trailing bits (decodes leniently to the same bytes)
    {"signature: with non-zero trailing bits (decodes leniently to the same bytes)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_od"sv,
     refused(error::bad_base64url_trailing_bits)},
    // b64_base_token with the signature segment lengthened to 1 mod 4
    {"signature: lengthened to 1 mod 4"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_ocAA"sv,
     refused(error::bad_base64url_length)},
    // b64_base_token with the signature segment with " =" appended (padding is reported first)
    {"signature: with \" =\" appended (padding is reported first)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc ="sv,
     refused(error::bad_base64url_padding)},
    // b64_base_token with the signature segment with spaces to 1 mod 4 (a bad character is reported before the length)
    {"signature: with spaces to 1 mod 4 (a bad character is reported before the length)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6In4_P34-Pj4_fjExIn0.eyJleHAiOjE3MDAwODY0MDAsIngiOiJhYX4_P34-Pj4_MT"
     "EifQ.20DA3BeJUsZwVIGi6xyOm6WJleNvJJI1K-pqxDch_oc  "sv,
     refused(error::bad_base64url_char)},
};

constexpr token_case form_cases[] = {
    // valid_token = h.p.s rearranged: empty
    {"empty"sv,
     ""sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: one dot
    {"one dot"sv,
     "."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: two dots
    {"two dots"sv,
     ".."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: three dots
    {"three dots"sv,
     "..."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: one segment
    {"one segment"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: two segments
    {"two segments"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: four segments
    {"four segments"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2"
     "bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: five segments
    {"five segments"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2"
     "bYuIiKwEXlY.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: five segments shaped like a JWE
    {"five segments shaped like a JWE"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s.aXZpdml2aXZpdml2.eyJpc3MiOiJo"
     "dHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiYXVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMC"
     "wiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7"
     "b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: leading dot
    {"leading dot"sv,
     ".eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwi"
     "YXVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicm"
     "VhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: trailing dot
    {"trailing dot"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: two trailing dots
    {"two trailing dots"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY.."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: leading and trailing dots
    {"leading and trailing dots"sv,
     ".eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwi"
     "YXVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicm"
     "VhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: empty header
    {"empty header"sv,
     ".eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiYXVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6M"
     "TY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5E"
     "XhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: empty payload
    {"empty payload"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: empty signature
    {"empty signature"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9."sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: doubled first dot
    {"doubled first dot"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwi"
     "YXVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicm"
     "VhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: doubled second dot
    {"doubled second dot"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImF1dGgwfGFsaWNlIiwiY"
     "XVkIjoiR0xPQkFMX0NMSUVOVCIsImlhdCI6MTY5OTk5OTAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiJqdGktMDAwMSIsInNjb3BlIjoicmV"
     "hZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9..5EXhzKWO2kmJSQ7b0F9_ue4JVGX0nyL2bYuIiKwEXlY"sv,
     refused(error::malformed)},
    // valid_token = h.p.s rearranged: payload of an empty JSON text
    {"payload of an empty JSON text"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..-2TXfhmaKTirIpytNRvb9GOIC4cRkbqkw464DBDwzHI"sv,
     refused(error::malformed)},
};

constexpr token_case payload_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `[]`
    {"payload an array"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.W10.zpisBVBacA5ANuFtUvAl-3b9dl9u5IYK0ik9tcchQv0"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `[{"exp":1700086400}]`
    {"payload an array holding the claims"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.W3siZXhwIjoxNzAwMDg2NDAwfV0.c7izWtff7BYUrKvH6-aJROp2HslZLhBR_NFFbOGxtv8"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `"exp"`
    {"payload a string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.ImV4cCI.NlKo_Pv8Jpsku8p3XPSyAHkKtEsyaGTl3yvupb2lcUM"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `1700086400`
    {"payload a number"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.MTcwMDA4NjQwMA.nAwHapDVg6CETIDX-C7M_STvz0x0DXJiAfP7r9dsxcw"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `null`
    {"payload null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bnVsbA.SVhXCZ4h7ZfWgo_KJ8EdhGb7qSuZZR1E6dVLC_Yx-iA"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `true`
    {"payload true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.dHJ1ZQ.PsaFI01EVJHENSuzQWUgXN40Te7vySSNf44yr3aQrDI"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `""`
    {"payload an empty string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.IiI.ytkSqmRDM6cMyDmUTxDtDQ2WHKyBtChGf0rr8rDe-6o"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":NaN}`
    {"exp NaN"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOk5hTn0.PQ_WJjx9269wToquNLnU9S8Lmbsvu1vRpA8EEr9TuJc"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":nan}`
    {"exp nan"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOm5hbn0.PAh5QErd8hWIwZ0hWAgPew-b1F9auJcFAcNm7lA0isk"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":Infinity}`
    {"exp Infinity"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOkluZmluaXR5fQ.RuaM4QIIUsefuM3gZuUgFO3ED-w91vMFFpV0RlBNKP4"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-Infinity}`
    {"exp -Infinity"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi1JbmZpbml0eX0.eakjX7keyG8nN8F138BaD6dymJTj6KIEBt6-00TG5-U"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}x`
    {"trailing data"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9eA.x6-31ZyO-QAqWYphgkr4ZIe7H34tzPziyp1f9GE4RMc"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}{}`
    {"two objects"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9e30.w9y3O8AcSUXL8gmJNRXh3uqCO4AqkZR6frhrmMaclDY"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400},`
    {"trailing comma after the object"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9LA.U8NnjxPb9wNqpMkZd3xqN-T-LgnqdxNv2gwEwjTTP9A"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}\x00`
    {"trailing NUL"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9AA.P3UlApOJcMZXfVgY9-4SY4E3So-8CNKGJ0xHoHCxZm4"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}\xff`
    {"trailing invalid UTF-8"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9_w.BWK1Cuvoy2pRNvCihWMeJYIpYPWxI53FMlUC_AjCrME"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,}`
    {"trailing comma inside"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsfQ.CF83ZuZZUkMCHtEd6BNfVGFU-Fgh5W7_91SB8D8JwLI"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{'exp':1700086400}`
    {"single quotes"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eydleHAnOjE3MDAwODY0MDB9.o048DA7CnKKrnwCIif6it75thJvoxm-N9LDRG4hdkmc"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":0x10}`
    {"hex number"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjB4MTB9.4IRRVX2RiyEpY7uB87T_0zEpH9q0KARVInhwwNnqVVE"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":01700086400}`
    {"leading zero"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjAxNzAwMDg2NDAwfQ.ycdk6bM5pWGP177iAsttoEY05m_XdHcLMN-c5h5pg5s"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":+1700086400}`
    {"plus sign"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOisxNzAwMDg2NDAwfQ.CNPHmvG7Clx_OdDcjxLxiI6E10sVWFqdlXtwhoJq2lA"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400.}`
    {"bare point"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAufQ.pAUV9VD2gK5rPsd4pm_meILVoOwvx0vV4A3yI0Hk9L4"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":.5}`
    {"leading point"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi41fQ.TQmoU5Du8e2qeJGM10Lq4WhEFR1H8GO8e8WOOjgEVYA"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400`
    {"unclosed"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDA.S3RYnIxxhflvEb3mrqr_jkhLFzYP5bHBaZ1KuXSRZLc"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{exp:1700086400}`
    {"unquoted name"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e2V4cDoxNzAwMDg2NDAwfQ.GAeuIytHmc9qtteuw-cOglebYz0fB7SCCQlrDhirP8Y"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"s":"a\x0ab"}`
    {"raw newline in a string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInMiOiJhCmIifQ.IgRVYTQ2GaYC_uH0TWOz7Tpxw-9DzFfBs4"
     "vT7UyBM3A"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400/*x*/}`
    {"comment"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAvKngqL30.8gSi-8bLLu0VcJif5Sh6qTY70RzdXsgccz1dDi3Gn"
     "qw"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `\xef\xbb\xbf{"exp":1700086400}`
    {"with a BOM"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.77u_eyJleHAiOjE3MDAwODY0MDB9.KRHBIvl_jfUuVYu0H1kkHxy5vWIVQ6TtGXCI0ccFDwk"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"c000":0,"c001":0,"c002":0,"c003":0,"c004":0,"c005":0,"c006":0,"c007":0,"c008":0,"...0,"c254":0,"c255":0} (2322 bytes)`
    {"257 members"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImMwMDAiOjAsImMwMDEiOjAsImMwMDIiOjAsImMwMDMiOjAsI"
     "mMwMDQiOjAsImMwMDUiOjAsImMwMDYiOjAsImMwMDciOjAsImMwMDgiOjAsImMwMDkiOjAsImMwMTAiOjAsImMwMTEiOjAsImMwMTIiOjAsImM"
     "wMTMiOjAsImMwMTQiOjAsImMwMTUiOjAsImMwMTYiOjAsImMwMTciOjAsImMwMTgiOjAsImMwMTkiOjAsImMwMjAiOjAsImMwMjEiOjAsImMwM"
     "jIiOjAsImMwMjMiOjAsImMwMjQiOjAsImMwMjUiOjAsImMwMjYiOjAsImMwMjciOjAsImMwMjgiOjAsImMwMjkiOjAsImMwMzAiOjAsImMwMzE"
     "iOjAsImMwMzIiOjAsImMwMzMiOjAsImMwMzQiOjAsImMwMzUiOjAsImMwMzYiOjAsImMwMzciOjAsImMwMzgiOjAsImMwMzkiOjAsImMwNDAiO"
     "jAsImMwNDEiOjAsImMwNDIiOjAsImMwNDMiOjAsImMwNDQiOjAsImMwNDUiOjAsImMwNDYiOjAsImMwNDciOjAsImMwNDgiOjAsImMwNDkiOjA"
     "sImMwNTAiOjAsImMwNTEiOjAsImMwNTIiOjAsImMwNTMiOjAsImMwNTQiOjAsImMwNTUiOjAsImMwNTYiOjAsImMwNTciOjAsImMwNTgiOjAsI"
     "mMwNTkiOjAsImMwNjAiOjAsImMwNjEiOjAsImMwNjIiOjAsImMwNjMiOjAsImMwNjQiOjAsImMwNjUiOjAsImMwNjYiOjAsImMwNjciOjAsImM"
     "wNjgiOjAsImMwNjkiOjAsImMwNzAiOjAsImMwNzEiOjAsImMwNzIiOjAsImMwNzMiOjAsImMwNzQiOjAsImMwNzUiOjAsImMwNzYiOjAsImMwN"
     "zciOjAsImMwNzgiOjAsImMwNzkiOjAsImMwODAiOjAsImMwODEiOjAsImMwODIiOjAsImMwODMiOjAsImMwODQiOjAsImMwODUiOjAsImMwODY"
     "iOjAsImMwODciOjAsImMwODgiOjAsImMwODkiOjAsImMwOTAiOjAsImMwOTEiOjAsImMwOTIiOjAsImMwOTMiOjAsImMwOTQiOjAsImMwOTUiO"
     "jAsImMwOTYiOjAsImMwOTciOjAsImMwOTgiOjAsImMwOTkiOjAsImMxMDAiOjAsImMxMDEiOjAsImMxMDIiOjAsImMxMDMiOjAsImMxMDQiOjA"
     "sImMxMDUiOjAsImMxMDYiOjAsImMxMDciOjAsImMxMDgiOjAsImMxMDkiOjAsImMxMTAiOjAsImMxMTEiOjAsImMxMTIiOjAsImMxMTMiOjAsI"
     "mMxMTQiOjAsImMxMTUiOjAsImMxMTYiOjAsImMxMTciOjAsImMxMTgiOjAsImMxMTkiOjAsImMxMjAiOjAsImMxMjEiOjAsImMxMjIiOjAsImM"
     "xMjMiOjAsImMxMjQiOjAsImMxMjUiOjAsImMxMjYiOjAsImMxMjciOjAsImMxMjgiOjAsImMxMjkiOjAsImMxMzAiOjAsImMxMzEiOjAsImMxM"
     "zIiOjAsImMxMzMiOjAsImMxMzQiOjAsImMxMzUiOjAsImMxMzYiOjAsImMxMzciOjAsImMxMzgiOjAsImMxMzkiOjAsImMxNDAiOjAsImMxNDE"
     "iOjAsImMxNDIiOjAsImMxNDMiOjAsImMxNDQiOjAsImMxNDUiOjAsImMxNDYiOjAsImMxNDciOjAsImMxNDgiOjAsImMxNDkiOjAsImMxNTAiO"
     "jAsImMxNTEiOjAsImMxNTIiOjAsImMxNTMiOjAsImMxNTQiOjAsImMxNTUiOjAsImMxNTYiOjAsImMxNTciOjAsImMxNTgiOjAsImMxNTkiOjA"
     "sImMxNjAiOjAsImMxNjEiOjAsImMxNjIiOjAsImMxNjMiOjAsImMxNjQiOjAsImMxNjUiOjAsImMxNjYiOjAsImMxNjciOjAsImMxNjgiOjAsI"
     "mMxNjkiOjAsImMxNzAiOjAsImMxNzEiOjAsImMxNzIiOjAsImMxNzMiOjAsImMxNzQiOjAsImMxNzUiOjAsImMxNzYiOjAsImMxNzciOjAsImM"
     "xNzgiOjAsImMxNzkiOjAsImMxODAiOjAsImMxODEiOjAsImMxODIiOjAsImMxODMiOjAsImMxODQiOjAsImMxODUiOjAsImMxODYiOjAsImMxO"
     "DciOjAsImMxODgiOjAsImMxODkiOjAsImMxOTAiOjAsImMxOTEiOjAsImMxOTIiOjAsImMxOTMiOjAsImMxOTQiOjAsImMxOTUiOjAsImMxOTY"
     "iOjAsImMxOTciOjAsImMxOTgiOjAsImMxOTkiOjAsImMyMDAiOjAsImMyMDEiOjAsImMyMDIiOjAsImMyMDMiOjAsImMyMDQiOjAsImMyMDUiO"
     "jAsImMyMDYiOjAsImMyMDciOjAsImMyMDgiOjAsImMyMDkiOjAsImMyMTAiOjAsImMyMTEiOjAsImMyMTIiOjAsImMyMTMiOjAsImMyMTQiOjA"
     "sImMyMTUiOjAsImMyMTYiOjAsImMyMTciOjAsImMyMTgiOjAsImMyMTkiOjAsImMyMjAiOjAsImMyMjEiOjAsImMyMjIiOjAsImMyMjMiOjAsI"
     "mMyMjQiOjAsImMyMjUiOjAsImMyMjYiOjAsImMyMjciOjAsImMyMjgiOjAsImMyMjkiOjAsImMyMzAiOjAsImMyMzEiOjAsImMyMzIiOjAsImM"
     "yMzMiOjAsImMyMzQiOjAsImMyMzUiOjAsImMyMzYiOjAsImMyMzciOjAsImMyMzgiOjAsImMyMzkiOjAsImMyNDAiOjAsImMyNDEiOjAsImMyN"
     "DIiOjAsImMyNDMiOjAsImMyNDQiOjAsImMyNDUiOjAsImMyNDYiOjAsImMyNDciOjAsImMyNDgiOjAsImMyNDkiOjAsImMyNTAiOjAsImMyNTE"
     "iOjAsImMyNTIiOjAsImMyNTMiOjAsImMyNTQiOjAsImMyNTUiOjB9.NuA0eJ8F2FLwPs5qSZY0TJBlVq90toZ_55zmhT4ROFw"sv,
     refused(error::bad_payload)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"c000":0,"c001":0,"c002":0,"c003":0,"c004":0,"c005":0,"c006":0,"c007":0,"c008":0,"...0,"c253":0,"c254":0} (2313 bytes)`
    {"256 members"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImMwMDAiOjAsImMwMDEiOjAsImMwMDIiOjAsImMwMDMiOjAsI"
     "mMwMDQiOjAsImMwMDUiOjAsImMwMDYiOjAsImMwMDciOjAsImMwMDgiOjAsImMwMDkiOjAsImMwMTAiOjAsImMwMTEiOjAsImMwMTIiOjAsImM"
     "wMTMiOjAsImMwMTQiOjAsImMwMTUiOjAsImMwMTYiOjAsImMwMTciOjAsImMwMTgiOjAsImMwMTkiOjAsImMwMjAiOjAsImMwMjEiOjAsImMwM"
     "jIiOjAsImMwMjMiOjAsImMwMjQiOjAsImMwMjUiOjAsImMwMjYiOjAsImMwMjciOjAsImMwMjgiOjAsImMwMjkiOjAsImMwMzAiOjAsImMwMzE"
     "iOjAsImMwMzIiOjAsImMwMzMiOjAsImMwMzQiOjAsImMwMzUiOjAsImMwMzYiOjAsImMwMzciOjAsImMwMzgiOjAsImMwMzkiOjAsImMwNDAiO"
     "jAsImMwNDEiOjAsImMwNDIiOjAsImMwNDMiOjAsImMwNDQiOjAsImMwNDUiOjAsImMwNDYiOjAsImMwNDciOjAsImMwNDgiOjAsImMwNDkiOjA"
     "sImMwNTAiOjAsImMwNTEiOjAsImMwNTIiOjAsImMwNTMiOjAsImMwNTQiOjAsImMwNTUiOjAsImMwNTYiOjAsImMwNTciOjAsImMwNTgiOjAsI"
     "mMwNTkiOjAsImMwNjAiOjAsImMwNjEiOjAsImMwNjIiOjAsImMwNjMiOjAsImMwNjQiOjAsImMwNjUiOjAsImMwNjYiOjAsImMwNjciOjAsImM"
     "wNjgiOjAsImMwNjkiOjAsImMwNzAiOjAsImMwNzEiOjAsImMwNzIiOjAsImMwNzMiOjAsImMwNzQiOjAsImMwNzUiOjAsImMwNzYiOjAsImMwN"
     "zciOjAsImMwNzgiOjAsImMwNzkiOjAsImMwODAiOjAsImMwODEiOjAsImMwODIiOjAsImMwODMiOjAsImMwODQiOjAsImMwODUiOjAsImMwODY"
     "iOjAsImMwODciOjAsImMwODgiOjAsImMwODkiOjAsImMwOTAiOjAsImMwOTEiOjAsImMwOTIiOjAsImMwOTMiOjAsImMwOTQiOjAsImMwOTUiO"
     "jAsImMwOTYiOjAsImMwOTciOjAsImMwOTgiOjAsImMwOTkiOjAsImMxMDAiOjAsImMxMDEiOjAsImMxMDIiOjAsImMxMDMiOjAsImMxMDQiOjA"
     "sImMxMDUiOjAsImMxMDYiOjAsImMxMDciOjAsImMxMDgiOjAsImMxMDkiOjAsImMxMTAiOjAsImMxMTEiOjAsImMxMTIiOjAsImMxMTMiOjAsI"
     "mMxMTQiOjAsImMxMTUiOjAsImMxMTYiOjAsImMxMTciOjAsImMxMTgiOjAsImMxMTkiOjAsImMxMjAiOjAsImMxMjEiOjAsImMxMjIiOjAsImM"
     "xMjMiOjAsImMxMjQiOjAsImMxMjUiOjAsImMxMjYiOjAsImMxMjciOjAsImMxMjgiOjAsImMxMjkiOjAsImMxMzAiOjAsImMxMzEiOjAsImMxM"
     "zIiOjAsImMxMzMiOjAsImMxMzQiOjAsImMxMzUiOjAsImMxMzYiOjAsImMxMzciOjAsImMxMzgiOjAsImMxMzkiOjAsImMxNDAiOjAsImMxNDE"
     "iOjAsImMxNDIiOjAsImMxNDMiOjAsImMxNDQiOjAsImMxNDUiOjAsImMxNDYiOjAsImMxNDciOjAsImMxNDgiOjAsImMxNDkiOjAsImMxNTAiO"
     "jAsImMxNTEiOjAsImMxNTIiOjAsImMxNTMiOjAsImMxNTQiOjAsImMxNTUiOjAsImMxNTYiOjAsImMxNTciOjAsImMxNTgiOjAsImMxNTkiOjA"
     "sImMxNjAiOjAsImMxNjEiOjAsImMxNjIiOjAsImMxNjMiOjAsImMxNjQiOjAsImMxNjUiOjAsImMxNjYiOjAsImMxNjciOjAsImMxNjgiOjAsI"
     "mMxNjkiOjAsImMxNzAiOjAsImMxNzEiOjAsImMxNzIiOjAsImMxNzMiOjAsImMxNzQiOjAsImMxNzUiOjAsImMxNzYiOjAsImMxNzciOjAsImM"
     "xNzgiOjAsImMxNzkiOjAsImMxODAiOjAsImMxODEiOjAsImMxODIiOjAsImMxODMiOjAsImMxODQiOjAsImMxODUiOjAsImMxODYiOjAsImMxO"
     "DciOjAsImMxODgiOjAsImMxODkiOjAsImMxOTAiOjAsImMxOTEiOjAsImMxOTIiOjAsImMxOTMiOjAsImMxOTQiOjAsImMxOTUiOjAsImMxOTY"
     "iOjAsImMxOTciOjAsImMxOTgiOjAsImMxOTkiOjAsImMyMDAiOjAsImMyMDEiOjAsImMyMDIiOjAsImMyMDMiOjAsImMyMDQiOjAsImMyMDUiO"
     "jAsImMyMDYiOjAsImMyMDciOjAsImMyMDgiOjAsImMyMDkiOjAsImMyMTAiOjAsImMyMTEiOjAsImMyMTIiOjAsImMyMTMiOjAsImMyMTQiOjA"
     "sImMyMTUiOjAsImMyMTYiOjAsImMyMTciOjAsImMyMTgiOjAsImMyMTkiOjAsImMyMjAiOjAsImMyMjEiOjAsImMyMjIiOjAsImMyMjMiOjAsI"
     "mMyMjQiOjAsImMyMjUiOjAsImMyMjYiOjAsImMyMjciOjAsImMyMjgiOjAsImMyMjkiOjAsImMyMzAiOjAsImMyMzEiOjAsImMyMzIiOjAsImM"
     "yMzMiOjAsImMyMzQiOjAsImMyMzUiOjAsImMyMzYiOjAsImMyMzciOjAsImMyMzgiOjAsImMyMzkiOjAsImMyNDAiOjAsImMyNDEiOjAsImMyN"
     "DIiOjAsImMyNDMiOjAsImMyNDQiOjAsImMyNDUiOjAsImMyNDYiOjAsImMyNDciOjAsImMyNDgiOjAsImMyNDkiOjAsImMyNTAiOjAsImMyNTE"
     "iOjAsImMyNTIiOjAsImMyNTMiOjAsImMyNTQiOjB9.DDz6Q97JKc92-G1E608-eDj1c4xRKcqrqIAm1TvaWqU"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}\x0d\x0a\x09 `
    {"trailing JSON whitespace"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9DQoJIA.1EkL40L7-OiX_F5hArONZtAp72J7YYXKdF93I6r9Fd"
     "s"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"x":{"exp":"never","iss":1}}`
    {"nested exp of another type is a custom claim"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIngiOnsiZXhwIjoibmV2ZXIiLCJpc3MiOjF9fQ.zoDBhQ-1bA"
     "SNmmRnAj7esYPySQIFgTYTZWSJpRJpCUU"sv,
     accepted},
};

constexpr token_case utf8_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xff"}`
    {"invalid UTF-8: invalid byte FF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Iv8ifQ.9C-6I34-vjxbT-7JkjW0yMcTM8aeWTaA6d"
     "f_UwXD2KY"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"a\x80b"}`
    {"invalid UTF-8: stray continuation byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6ImGAYiJ9.Bh8KotuuqmOJBn993qrHIdg5Y4cepRmD"
     "WmmqyYaW_KM"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xc0\xaf"}`
    {"invalid UTF-8: overlong slash C0 AF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IsCvIn0.7GGbkO02DQN9uG4zEN1z5bHTZ9svO4OK2"
     "d3yMNXB16M"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xe0\x80\xaf"}`
    {"invalid UTF-8: overlong E0 80 AF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IuCAryJ9.RUl_p8UB-vhIDpE4trguCGjGZ3axXNPU"
     "6Lf1vI_rYd0"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xed\xa0\x80"}`
    {"invalid UTF-8: UTF-8 encoded surrogate ED A0 80"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Iu2ggCJ9.a8nJh9otURiDWZSU4OP9iUAj2dExk-1x"
     "wR2PUBqZWnA"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xe2\x82"}`
    {"invalid UTF-8: sequence cut short"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IuKCIn0.reymfmFzNvI-upEkEy1F53yFyK3kTBLe7"
     "r3fmZbj0qg"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xf4\x90\x80\x80"}`
    {"invalid UTF-8: above U+10FFFF"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IvSQgIAifQ.kKIm6SYzx7E69H1xkVVschjxCE-wxu"
     "dqCy0BJ2_cggE"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xf5\x80\x80\x80"}`
    {"invalid UTF-8: F5 lead byte"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IvWAgIAifQ.kL49GK1EFrrwnHDmS84wWj8_QzJK1o"
     "5xzIhuWkeLlVE"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"\xfe":1}`
    {"invalid UTF-8: in a member name"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIv4iOjF9.gOIt4I-AlLVlQ_MQiLsLqEXiSJjq1wtcup-FELl9"
     "tiM"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"caf\xe9"}`
    {"invalid UTF-8: Latin-1 e acute"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6ImNhZukifQ.4Jm7IJ2S6sbVhkR5IjHddsaG2CWo3m"
     "UVr_VGfUd5-e4"sv,
     refused(error::bad_utf8)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ud800"}`
    {"escape: lone high surrogate"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZDgwMCJ9.5oVnv7_yhOM5cXjEA7kmt1_S0Ovo"
     "cQe9pQhD4EVIUMY"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\udc00"}`
    {"escape: lone low surrogate"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZGMwMCJ9.jjN8EG7bBQLD0rhglm4cRwNp9Zh0"
     "QzEA-aJVMdGzTbs"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ud800\u0041"}`
    {"escape: high then a letter escape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZDgwMFx1MDA0MSJ9.vhXaE9v3wBUT21twhEAu"
     "3UXd3nzs1vWdEDp_-9QriNY"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ud83dx"}`
    {"escape: high then a raw letter"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZDgzZHgifQ.PcK6eGeVU2UiMeg9yb7g_X10JL"
     "V15hr3A4sPfHX3eBY"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ude00\ud83d"}`
    {"escape: low then high"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZGUwMFx1ZDgzZCJ9.-Kcn_HsXU8WbITNHWBlK"
     "at5tD6rj9VOkKoBuZZ5hag0"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"x\udbff"}`
    {"escape: high at the end of the string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6InhcdWRiZmYifQ.ViGbLtsQNoPpwR5c7nyfe4XLFm"
     "rrfV4qbwhBBaJBgWs"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ud83d\ud83d"}`
    {"escape: two highs"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZDgzZFx1ZDgzZCJ9.D6kZ5EkDtjm_k-EOVCsu"
     "U2Gyz-iXWxO3zlisTQqx42o"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"\ud800":1}`
    {"escape: lone surrogate in a member name"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIlx1ZDgwMCI6MX0.YZPQ_3_GPn58Nf1ZRRDIxq2TIAZwJ69KC"
     "EtC_cUasSw"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"x":["\udfff"]}`
    {"escape: lone surrogate in a custom claim"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIngiOlsiXHVkZmZmIl19.rLRU75iHiFJjMMJmkmXTMhk_Mlye"
     "av0PkqCq5fmAdwg"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\u12"}`
    {"escape: short \\u escape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1MTIifQ.m8KKyQe9SmeWjBQl2a1Y9jkOKW8P8s"
     "CDsaiZY0UM2bw"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\x41"}`
    {"escape: unknown escape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx4NDEifQ.U50INHGQMsJjiqnj8AfBgFTxVk96f8"
     "HG4LZeDyextZE"sv,
     refused(error::bad_escape)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\ud83d\ude00"}`
    {"a surrogate pair is fine"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6Ilx1ZDgzZFx1ZGUwMCJ9.dI0B-YLmcNMzXmvUhFjg"
     "e02trJwmpdOWN56zHr1Ln7w"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":"\xf0\x9f\x98\x80"}`
    {"raw 4-byte UTF-8 is fine"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6IvCfmIAifQ.aPxX-3AsIW-RwujBBx7lVKlTICBDAk"
     "7n-Nx5wfAQTg0"sv,
     accepted},
};

constexpr token_case duplicate_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"exp":1}`
    {"exp twice, valid first"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImV4cCI6MX0.p76xOFs9aPQTgUQszZdN7-N_1pSpz3sAMBzx6"
     "q2EHXA"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1,"exp":1700086400}`
    {"exp twice, expired first"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImV4cCI6MTcwMDA4NjQwMH0.frDJEFthgngpnXNcKAuD-rOh0IRPrrKrvZOLI"
     "arkgUI"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"exp":1700086400}`
    {"exp twice, same value"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImV4cCI6MTcwMDA4NjQwMH0.jDbwrtkMhfZIHVnGOLel2nsbx"
     "RiWA9x42KiXKscxIFI"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"\u0065xp":1}`
    {"exp twice through an escape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIlx1MDA2NXhwIjoxfQ.ufebrQ6cC73xJRrg5ERCIibbzc-5qt"
     "53NiQJbJu7kXw"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"\u0065xp":1700086400,"e\u0078p":1}`
    {"exp twice, both escaped"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJcdTAwNjV4cCI6MTcwMDA4NjQwMCwiZVx1MDA3OHAiOjF9.awdRV__vOFspnLSPXxoRxpaZ"
     "XNFC5shB-btjsYNeR-U"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"a","aud":"b"}`
    {"aud twice"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6ImEiLCJhdWQiOiJiIn0.nIteLlSfVnJLfet9B-yx_"
     "E-fJXyLNmTZP1F4dJK1G9A"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"a","iss":"b"}`
    {"iss twice"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6ImEiLCJpc3MiOiJiIn0.RmXiDZMpYqZm3wc207U1X"
     "jJkIRwjD0Jk5UKxTGC62j0"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"jti":"a","jti":"b"}`
    {"jti twice"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6ImEiLCJqdGkiOiJiIn0.-XN4oLR5jwtl-I_VFU6xf"
     "lWnsLyoO6WOvQnqEiV89ak"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"x":1,"x":1}`
    {"a custom claim twice"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIngiOjEsIngiOjF9.gzxir6zOBN96HgGfje4_8lfI1JhL61B8"
     "PLK5KYCfnUQ"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"x":{"a":1,"a":2}}`
    {"duplicate inside a nested object"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIngiOnsiYSI6MSwiYSI6Mn19.UNgRT9wFPb0VyVSXNW6pIkGg"
     "qUPL8tXmPGqthXsM3iw"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"c00":0,"c01":0,"c02":0,"c03":0,"c04":0,"c05":0,"c06":0,"c07":0,"c08":0,"c09":0,"c...":0,"c39":0,"exp":1} (346 bytes)`
    {"exp twice, 40 members apart"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImMwMCI6MCwiYzAxIjowLCJjMDIiOjAsImMwMyI6MCwiYzA0I"
     "jowLCJjMDUiOjAsImMwNiI6MCwiYzA3IjowLCJjMDgiOjAsImMwOSI6MCwiYzEwIjowLCJjMTEiOjAsImMxMiI6MCwiYzEzIjowLCJjMTQiOjA"
     "sImMxNSI6MCwiYzE2IjowLCJjMTciOjAsImMxOCI6MCwiYzE5IjowLCJjMjAiOjAsImMyMSI6MCwiYzIyIjowLCJjMjMiOjAsImMyNCI6MCwiY"
     "zI1IjowLCJjMjYiOjAsImMyNyI6MCwiYzI4IjowLCJjMjkiOjAsImMzMCI6MCwiYzMxIjowLCJjMzIiOjAsImMzMyI6MCwiYzM0IjowLCJjMzU"
     "iOjAsImMzNiI6MCwiYzM3IjowLCJjMzgiOjAsImMzOSI6MCwiZXhwIjoxfQ.Fw7IiWRls_cti4vDtJMDYpKFCBsEjB5HFmGOaq_GaNc"sv,
     refused(error::duplicate_member)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"EXP":1,"Exp":2}`
    {"names differing only in case"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIkVYUCI6MSwiRXhwIjoyfQ.2TayFs7hQOg4bthKd_I8B5XYjR"
     "jKgm1bRYY_NTlk-c0"sv,
     accepted},
};

constexpr token_case numeric_date_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1e309}`, now = 1700000000
    {"exp 1e309"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjFlMzA5fQ.3iDhZ6RtyGEnkNgl56JG78R9H6PKJ-J4xsq9PrSWCjQ"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-1}`, now = 1700000000
    {"exp -1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi0xfQ.kdA0GdtDvRCsX9CqLp3kjaNia6VdFgJ5vNgq0vVPgdk"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":"123"}`, now = 1700000000
    {"exp \"123\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiIxMjMifQ.GWWZKSn6OD-8GgP7o7AEKioU9XAB43f6lP77ExnS7Es"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":"1700086400"}`, now = 1700000000
    {"exp \"1700086400\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiIxNzAwMDg2NDAwIn0.oI3lSDY0m-BS_8Hi6sOusA6_HYOD3k-SdlChDrGQpTo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":9223372036854775808}`, now = 1700000000
    {"exp 2^63"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDh9.cV7QLKiQvfxykEivgYJLyUcZ9bsL9xvZ0K2s"
     "Z2VjPOE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":9223372036854775807}`, now = 1700000000
    {"exp 2^63 - 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDd9.UdYnpnYe1xdZT98P8rOuvG1s3CZxSOGXjLLy"
     "aTs8Va8"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":18446744073709551616}`, now = 1700000000
    {"exp 2^64"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE4NDQ2NzQ0MDczNzA5NTUxNjE2fQ.bQO0twaTZ8uvDWzrLdW0noBXXURwOB1zD3"
     "xUdO8R8wA"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1e19}`, now = 1700000000
    {"exp 1e19"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjFlMTl9.OW7Y4-IoWlUCYS2VLDjNZZPGSAxAIpJacmsslv0AVhw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-9223372036854775808}`, now = 1700000000
    {"exp -2^63"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi05MjIzMzcyMDM2ODU0Nzc1ODA4fQ.T9Yxu28Fb66S7TdHLHglQ6ks85mkWZaDz7"
     "KJEqVFSt8"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-9223372036854775809}`, now = 1700000000
    {"exp -2^63 - 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi05MjIzMzcyMDM2ODU0Nzc1ODA5fQ.Vc8F6h3zRbCli7bnqDQkc0vDAB13vVaR5i"
     "ExYz13hJY"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-1e309}`, now = 1700000000
    {"exp -1e309"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi0xZTMwOX0.hLqc9bPPWhWDJNvb8LcGHeYM1MmrDpnwcNFR6Dks4Pg"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":9223372036854775807.5}`, now = 1700000000
    {"exp 2^63 - 0.5 (ceil is 2^63)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDcuNX0.xWwb_YgLI1QV9yDJB3xu3A_YfmIzJoEMh"
     "euU3Qn7Qy0"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":9223372036854775806.5}`, now = 1700000000
    {"exp 2^63 - 1.5 (ceil is 2^63 - 1)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjkyMjMzNzIwMzY4NTQ3NzU4MDYuNX0.HmP7aTg-VIt0U90uYovj5s5VEulPZX45w"
     "EtUA6VD7UU"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1.7e9}`, now = 1700000000
    {"exp 1.7e9 == now"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEuN2U5fQ.yClDZod1DRm-KSXoEzTDkGCwXdYJJXt3NjiaAROeGas"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":17E8}`, now = 1700000000
    {"exp 17E8 == now"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3RTh9.QjEcbc-IPToNCtilS6vjf1uoGoW1Gvw0ul5Jc7tMyb8"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1.70000001e9}`, now = 1700000000
    {"exp 1.70000001e9 == now + 10"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEuNzAwMDAwMDFlOX0.kShzFXy8bJvN9xtfTRPP27mHLZZwiPgWOc2DS6cEKZI"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700000000.0}`, now = 1700000000
    {"exp 1700000000.0 == now"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAuMH0.otrotTnO6bZ2xCiOGBqnt4pUDCX95dZMJF-oJSCj8rg"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700000000.5}`, now = 1700000000
    {"exp 1700000000.5, ceil now + 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAuNX0.EE1_7a4MjFRVam6neo5R0rY__fNQz9lVsOjXPZi_A_o"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1699999999.5}`, now = 1700000000
    {"exp 1699999999.5, ceil now"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE2OTk5OTk5OTkuNX0.n6Ev0HJ2_FGSFBCBTi-8XTll1CEDVjnSRZyRjEhACCw"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":17000000005e-1}`, now = 1700000000
    {"exp 17000000005e-1 == now + 0.5"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDA1ZS0xfQ.n-5oNN21ocjM8VPhKI7bo-o6QWePB5PzyIJWKCyvs_"
     "U"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700000000.000000000000000000001}`, now = 1700000000
    {"exp 1700000000.000000000000000000001"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAuMDAwMDAwMDAwMDAwMDAwMDAwMDAxfQ.KJNcZ5T2AOOEQiWYiN"
     "JZOwzMq1X6Of7wnIel8XIJJZw"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1e-400}`, now = 1700000000
    {"exp 1e-400"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjFlLTQwMH0._FNflWBIbt5uuE3rGN2cq1UjEnhcJbHDjG3lpAN1r_U"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":-0}`, now = 1700000000
    {"exp -0"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOi0wfQ.diQnwdtbVjhWaFGP4N7WTAKrnngR52OX4DXgx9dUcrA"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":0}`, now = 1700000000
    {"exp 0"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjB9.yATokt7_ejGDCIO5NoS15_n32_s0AoOBtyMZMFg9gXU"sv,
     refused(error::expired)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":null}`, now = 1700000000
    {"exp null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOm51bGx9.8oPvvL-cS9WCtdWWyZbJso_jukw0UumnV35jmDvSgvw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":true}`, now = 1700000000
    {"exp true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOnRydWV9.JugDVjnCqQKUXPiA8RzcUL3ENoSuNHFXIX54ML0PtKc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":[1700086400]}`, now = 1700000000
    {"exp [1700086400]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOlsxNzAwMDg2NDAwXX0.vIuHiK35v-JCv6AV8-u9g30feZUKnoaRyt06lOUuDsQ"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":{}}`, now = 1700000000
    {"exp {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOnt9fQ.2hNaeawhzVGb_hSbnr_bEaDxS5KpKBWnaLQH944ZJcc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":1e309,"exp":1700086400}`, now = 1700000000
    {"nbf 1e309"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjFlMzA5LCJleHAiOjE3MDAwODY0MDB9.h4VEXSrrB6lSHHejkHuRfyu-UKgyWh5t"
     "FWmeYFZnvf4"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":-1e309,"exp":1700086400}`, now = 1700000000
    {"nbf -1e309"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOi0xZTMwOSwiZXhwIjoxNzAwMDg2NDAwfQ.s6nkv9s2w-RpBSlQypVV0BpbH6GHcX"
     "6xDNyGVH-mgsQ"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":-1,"exp":1700086400}`, now = 1700000000
    {"nbf -1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOi0xLCJleHAiOjE3MDAwODY0MDB9.n1kPTs9G1698qxM6MQAE1Yf8i_llL5d4eiy7"
     "z62uv5E"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":"0","exp":1700086400}`, now = 1700000000
    {"nbf \"0\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOiIwIiwiZXhwIjoxNzAwMDg2NDAwfQ.f-pdyivSaMTEDqBu3OZx2QlxYu0STERZXf"
     "d785DRtGA"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":9223372036854775808,"exp":1700086400}`, now = 1700000000
    {"nbf 2^63"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjkyMjMzNzIwMzY4NTQ3NzU4MDgsImV4cCI6MTcwMDA4NjQwMH0.vxLXhFi8pvBWt"
     "5Ti0W3LCU79BUkup_HCIyaY96quljo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":9223372036854775807,"exp":1700086400}`, now = 1700000000
    {"nbf 2^63 - 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjkyMjMzNzIwMzY4NTQ3NzU4MDcsImV4cCI6MTcwMDA4NjQwMH0.X5qg-oQxr0QwP"
     "2-IloK9J78vMXX5Cjte7rjvpznjOyA"sv,
     refused(error::not_yet_valid)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":1700000000.5,"exp":1700086400}`, now = 1700000000
    {"nbf 1700000000.5, ceil now + 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjE3MDAwMDAwMDAuNSwiZXhwIjoxNzAwMDg2NDAwfQ.R-eaA1c2zRPVt2OE6Q0OUQ"
     "mjPdcOpoUjR8lLgGgg7x4"sv,
     refused(error::not_yet_valid)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"nbf":1699999999.5,"exp":1700086400}`, now = 1700000000
    {"nbf 1699999999.5, ceil now"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjE2OTk5OTk5OTkuNSwiZXhwIjoxNzAwMDg2NDAwfQ.F12rTw4nf5gEWOjBUXdkGF"
     "-5Zxl2Oy6IKg1ifIfhvYw"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"iat":1e309,"exp":1700086400}`, now = 1700000000
    {"iat 1e309 (checked even when iat is not policed)"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjFlMzA5LCJleHAiOjE3MDAwODY0MDB9.6zpBjDU1A9KrfqcuCkSJKqLNx0PJNvTJ"
     "K1xu74m--Zk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"iat":"0","exp":1700086400}`, now = 1700000000
    {"iat \"0\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOiIwIiwiZXhwIjoxNzAwMDg2NDAwfQ.H-r1L4XmkQKOGLanb1KC_IkF8eH131Ltou"
     "vlY60ZWbg"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"iat":-1,"exp":1700086400}`, now = 1700000000
    {"iat -1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOi0xLCJleHAiOjE3MDAwODY0MDB9.kgbvX6ytmLJhn6Q7rMTHkVVj9KS4ABNVILCn"
     "tfInYw0"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"iat":9223372036854775807,"exp":1700086400}`, now = 1700000000
    {"iat in the future is not policed by default"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjkyMjMzNzIwMzY4NTQ3NzU4MDcsImV4cCI6MTcwMDA4NjQwMH0.WoGFxdwho7WUR"
     "OWS6BLT2KBdqALrW8yIf3kM-yUaX_U"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"\u0065xp":1}`, now = 1700000000
    {"escaped name \\u0065xp is exp"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJcdTAwNjV4cCI6MX0.SZYXdTEhooaKbZgN2emmtH4OyBC3Bm3r4YAFHAxt-PY"sv,
     refused(error::expired)},
};

constexpr token_case wrong_type_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":1}`
    {"iss 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6MX0.84DFig6wXkP0kNpl0yoATZYRPuZe3VunBUySp"
     "O3QlZI"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":null}`
    {"iss null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6bnVsbH0.MQmabbMtCt5MLkS_lnLo7ORV41wNGjoZz"
     "v2O8NHqtPw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":["a"]}`
    {"iss [\"a\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6WyJhIl19.s7YB2aEGx-2ShUYZKOqB-e-afgQpr848"
     "FlJvKlI9zHw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":{}}`
    {"iss {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6e319.Wbo6T0uSU2ytJ_ogcd5Th4Nvh6iG3xNrSjhx"
     "cCDM9yc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":true}`
    {"iss true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6dHJ1ZX0.jLR0pOF_1PxydfYHl2i2exd9m54jEsTnZ"
     "87oZadNqKE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":1}`
    {"sub 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6MX0.EkFqY0hkrqORAEgQ2b3HVeq8K49bDGIcAEbCw"
     "hyOCUA"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":null}`
    {"sub null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6bnVsbH0.Df7KqEhLjoAlLr_xLedJ7-7GwEKk8iVyG"
     "fK2_OdlCHI"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":[]}`
    {"sub []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6W119.p-5iGDJrmpuU1GXs7oa96qRuMep1f6hnDR4K"
     "Gh1uemc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"sub":{"id":"a"}}`
    {"sub {\"id\":\"a\"}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInN1YiI6eyJpZCI6ImEifX0.YcHzRMv424CeF5GxTYtM--Dkw"
     "YjUda-btWjENBrzhtI"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"jti":1}`
    {"jti 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6MX0.A2pfCn9jqo5d1B9DHszQEMb_5jbIXX0GYGFCH"
     "86XxZs"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"jti":null}`
    {"jti null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6bnVsbH0.v0rhR5tj2BvMBwgTok0xFiFq5eXIugl2h"
     "Tw1A5qR11s"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"jti":["j"]}`
    {"jti [\"j\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6WyJqIl19.IELO6r646QpKxc37qB4eiJMiyK2aSTOs"
     "ZoEO31rmgLk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"jti":1.5}`
    {"jti 1.5"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImp0aSI6MS41fQ.2kHW3MIUrx9Wa5_81GS0tG5CoVh4CBE7RP"
     "C4Y_-XXfw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":1}`
    {"scope 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoxfQ.sdmEqy1Sckq257fBnnEU1fLEglyw3tPhxW"
     "WWnyvT8jY"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":["read:users"]}`
    {"scope [\"read:users\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjpbInJlYWQ6dXNlcnMiXX0.Crmswa8ykvfzeWOB8"
     "jQ9okyRPbMR88dH0GX4sSlqzUo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":{"read:users":true}}`
    {"scope {\"read:users\":true}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjp7InJlYWQ6dXNlcnMiOnRydWV9fQ.nB-IXE4RzJ"
     "f5V8e5xSQzMnNXZXmtXJECbkYWsgFFiEk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":null}`
    {"scope null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjpudWxsfQ.a8rRMMZn41VIQPK-by-yjqHjk8zEtJ"
     "wWfgPbwMcJGuY"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":1}`
    {"aud 1"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6MX0.gYHzmONwkVXzclDmJ6XLzTiDR6ns1euCcvW3Q"
     "C_UvWg"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":null}`
    {"aud null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6bnVsbH0.58PG5Sc86lc6pfgVK9sS4I9XlNzyiwUaI"
     "udk_srspMk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":{}}`
    {"aud {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6e319.EGHm3b94KdMQH9NgUnkdGSbTpL3TKDilo9gp"
     "iW9JNnk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":true}`
    {"aud true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6dHJ1ZX0.K7nvpxB1qNf9zHQjXYogQNP272fFynLuT"
     "GGEdVOZ3D8"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a",1]}`
    {"aud [\"a\",1]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhIiwxXX0.O137ZrvsXoI-nQ1k6YAfTo8sN-8XB"
     "PUmCa7t9zA6Vqs"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a",null]}`
    {"aud [\"a\",null]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhIixudWxsXX0.yf10t5gQu_V4CMQcUyYyy13Wl"
     "yAAEhyacfA6qANg4zw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a",["b"]]}`
    {"aud [\"a\",[\"b\"]]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhIixbImIiXV19.LQXMv5UnsR4FavvSesccRbO-"
     "mjdXDrta9e2Temv71RM"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":[{"aud":"a"}]}`
    {"aud [{\"aud\":\"a\"}]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6W3siYXVkIjoiYSJ9XX0.mlsWYQ7Dgm8tNAcQkJUXO"
     "FZM10-7ag3aGJ34bPR25c0"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":"1700086400"}`
    {"exp \"1700086400\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiIxNzAwMDg2NDAwIn0.oI3lSDY0m-BS_8Hi6sOusA6_HYOD3k-SdlChDrGQpTo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":null}`
    {"exp null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOm51bGx9.8oPvvL-cS9WCtdWWyZbJso_jukw0UumnV35jmDvSgvw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":true}`
    {"exp true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOnRydWV9.JugDVjnCqQKUXPiA8RzcUL3ENoSuNHFXIX54ML0PtKc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":[1700086400]}`
    {"exp [1700086400]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOlsxNzAwMDg2NDAwXX0.vIuHiK35v-JCv6AV8-u9g30feZUKnoaRyt06lOUuDsQ"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":{}}`
    {"exp {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOnt9fQ.2hNaeawhzVGb_hSbnr_bEaDxS5KpKBWnaLQH944ZJcc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"nbf":"0"}`
    {"nbf \"0\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm5iZiI6IjAifQ.RxviR9ZEBBVJ3wOJvGN0xrHEAnGrrYqIyg"
     "3qOGKGSyw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"nbf":null}`
    {"nbf null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm5iZiI6bnVsbH0.ZICCSeRk3KUimIrbdzZS-DgjyvrICdPRi"
     "hNGej_uIuc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"nbf":false}`
    {"nbf false"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm5iZiI6ZmFsc2V9.o9Ue9iJimzErOj1BVmzUWn1_U_Paqt2g"
     "H3-KD_SlbJo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"nbf":[]}`
    {"nbf []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm5iZiI6W119.TTH8amVo4X6Wt4nwOrWSAcCJY8Cw1VJHO3mS"
     "8ajAR08"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iat":"0"}`
    {"iat \"0\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlhdCI6IjAifQ.Q75FLSgi3L5ZaR8FGQBYJsLZp66gwbEPZv"
     "s9w-Y8Xtk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iat":null}`
    {"iat null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlhdCI6bnVsbH0.pW3JijpXxQ5l5uKQ26RiQ3rsB8VPfcVRi"
     "uMTljbSUVo"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iat":true}`
    {"iat true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlhdCI6dHJ1ZX0.BqsfiU4rQwgTO9wj7YVKx6vNMBVx4jUlT"
     "XVsQktD1QQ"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iat":{}}`
    {"iat {}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlhdCI6e319.ndQrKvvRCczh2mON5SbQ0KrJFg82yYCv7phS"
     "MSs0BDA"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":[]}`
    {"scopes []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6W119.thC-L91kgoqqQycF8qvmMeLEG2X1_J6C"
     "kFNOYI7Wdwk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":"read:users"}`
    {"scopes \"read:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6InJlYWQ6dXNlcnMifQ.-8e3zQQI6PcbyMbyys"
     "gp8kzDi8jtVNXsO78gSSLyepE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":["read"]}}`
    {"scopes {\"users\":[\"read\"]}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6WyJyZWFkIl19fQ.1yf34wm1BQ"
     "TiSKGvkDie7IZLJrtGMSF0SnmkMNPXWAE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":"read"}}}`
    {"scopes {\"users\":{\"actions\":\"read\"}}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjoicmVhZCJ9f"
     "X0.Ytpip4iL5kRUU5nQS2tM5jDIlli1HsGjsivbHQFzlwc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":[1]}}}`
    {"scopes {\"users\":{\"actions\":[1]}}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbMV19fX0.S"
     "R8Rqte3JsVa1-tcTpc65Tabnm1EoscMcrkXU4imuqM"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{}}}`
    {"scopes {\"users\":{}}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6e319fQ.czoQKmSV68yLoGIjiA"
     "R4xje4W043QD8XUP8qp1OwPgs"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":null}}`
    {"scopes {\"users\":null}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6bnVsbH19.a6O_kpsDUbnrcyTF"
     "NbNDRY74I9GfG8i-0d_Y-lX-VKc"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":[["read"]]}}}`
    {"scopes {\"users\":{\"actions\":[[\"read\"]]}}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbWyJyZWFkI"
     "l1dfX19.sLW_YTfeDXltDunql0ei6438_YXeBptovZJcZ0LtxeA"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":["read"]},"roles":1}}`
    {"scopes {\"users\":{\"actions\":[\"read\"]},\"roles\":1}"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInJlYWQiX"
     "X0sInJvbGVzIjoxfX0.Kw5qNAUnJwxETiSdnuiF_dVMOXbJklJoMogNo9a6ZDw"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1,"iss":1}`
    {"a wrong type is found after an expired exp"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsImlzcyI6MX0.3mzQ3nYpAuMIFE5bNF-surnKxhNuxzvtaMiJR5FwtIg"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"custom":null,"n":[1,{"a":true}],"s":1e999}`
    {"custom claims may have any type"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImN1c3RvbSI6bnVsbCwibiI6WzEseyJhIjp0cnVlfV0sInMiO"
     "jFlOTk5fQ.l-6c9HdyU3EZElip-VhJZtPrGVFfBmV7HAn3wvj6qvM"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":["read"]},"roles":{"actions":[]}}}`
    {"legacy scopes of the right shape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInJlYWQiX"
     "X0sInJvbGVzIjp7ImFjdGlvbnMiOltdfX19.ssyPJTHh557j2nQNH-W9Dnrk9UOf4ofexaNfauo5RxA"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{}}`
    {"legacy scopes empty object"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6e319.3VnfkOtguF3tHXX7gdj34F7QgwRSp94_"
     "tdSoWOcVNcY"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a0","a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12","a13","a14","a15"]}`
    {"16 audiences"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhMCIsImExIiwiYTIiLCJhMyIsImE0IiwiYTUiL"
     "CJhNiIsImE3IiwiYTgiLCJhOSIsImExMCIsImExMSIsImExMiIsImExMyIsImExNCIsImExNSJdfQ.oa70aaoPn0NV2faFMwY59-KQekTDSwqF"
     "4jVryzk6wtg"sv,
     accepted},
};

constexpr token_case audience_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https://api.example/"}`, expected audience https://api.example/
    {"equal string \"https://api.example/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIn0.X0fpfmwK0"
     "4SpJgRHPf5mIvMeM0HFT0gOlNCt7ku0KEA"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https://api.example"}`, expected audience https://api.example/
    {"prefix \"https://api.example\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUifQ.A-eXE62-Ei"
     "br5U-2U6uB5rxLQzWyndf_fpMRUIW2pfc"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https://api.example/x"}`, expected audience https://api.example/
    {"suffix \"https://api.example/x\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUveCJ9.ToW0xzn1"
     "4r5qyROfmpyHf4JR8jKJfJqewou2sAm_iSM"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"HTTPS://API.EXAMPLE/"}`, expected audience https://api.example/
    {"case differs \"HTTPS://API.EXAMPLE/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IkhUVFBTOi8vQVBJLkVYQU1QTEUvIn0.E8cMz9UOi"
     "CR5KLDh3bo3GsN2gB_h_ob9mj-rbvaLO_Y"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":""}`, expected audience https://api.example/
    {"empty string \"\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IiJ9.yk5y3daxT3axfxANQhkbcHAGEJsZ2GcTnHr2"
     "urxZfx4"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":" https://api.example/"}`, expected audience https://api.example/
    {"leading space \" https://api.example/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6IiBodHRwczovL2FwaS5leGFtcGxlLyJ9.5q5eMUqB"
     "6v5VlUVbAcXuA2pQh7WmBaus3lpn1PgzPr4"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https://api.example/ other"}`, expected audience https://api.example/
    {"space-separated list in a string \"https://api.example/ other\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvIG90aGVyIn0.X"
     "gOZM4MtNobyKeEZnhtev5pzbJfNIDxE_mgFJK3H63g"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["https://api.example/"]}`, expected audience https://api.example/
    {"array holding it alone [\"https://api.example/\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJodHRwczovL2FwaS5leGFtcGxlLyJdfQ.vG3osk"
     "PelZmDUwSdu71eijzbtVMjq8KsnZ1nV8H197Q"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a","https://api.example/"]}`, expected audience https://api.example/
    {"array holding it second [\"a\", \"https://api.example/\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhIiwiaHR0cHM6Ly9hcGkuZXhhbXBsZS8iXX0.k"
     "Fpxl1pkP-vLQ2Ukz1l-wCZ7X58flGrqrql4lccbVJo"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a","https://api.example"]}`, expected audience https://api.example/
    {"array without it [\"a\", \"https://api.example\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhIiwiaHR0cHM6Ly9hcGkuZXhhbXBsZSJdfQ.R2"
     "gk-14d2pD1q_1PcHcmgzbIQX4ui91N2i9_0CFdiV0"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":[]}`, expected audience https://api.example/
    {"empty array []"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6W119.5x6VLM7tO61KPij5RH1KwzF0TiFAIl6UCz-o"
     "tTbVBls"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["a0","a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12","a13","a14","https://api.example/"]}`, expected audience https://api.example/
    {"16 entries, the last one it [\"a0\", \"a1\", \"a2\", \"a3\", \"a4\", \"a5\", \"a6\", \"a7\", \"a8\", \"a9\", "
    "\"a10\", \"a11\", \"a12\", \"a13\", \"a14\", \"https://api.example/\"]"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJhMCIsImExIiwiYTIiLCJhMyIsImE0IiwiYTUiL"
     "CJhNiIsImE3IiwiYTgiLCJhOSIsImExMCIsImExMSIsImExMiIsImExMyIsImExNCIsImh0dHBzOi8vYXBpLmV4YW1wbGUvIl19.5kbYgZjOnk"
     "eQWMJjZyTYBt9y_ZvenkcnTBbA7k-Hws0"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}`, expected audience https://api.example/
    {"absent"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https:\/\/api.example\/"}`, expected audience https://api.example/
    {"escaped slashes \"https:\\/\\/api.example\\/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOlwvXC9hcGkuZXhhbXBsZVwvIn0.6-yv3"
     "4rLAZxigu3_SxK13yuRB0veepFVFadfTbSYxxQ"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["x","\u0068ttps://api.example/"]}`, expected audience https://api.example/
    {"escaped letter in an array"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJ4IiwiXHUwMDY4dHRwczovL2FwaS5leGFtcGxlL"
     "yJdfQ.Z-aHvrJZLRbf0PWQIvKgvcnZ7JXR_cC0CgwSv5qUy8w"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":"https://api.example/\u0000"}`, expected audience https://api.example/
    {"NUL appended"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUvXHUwMDAwIn0.U"
     "fC-OUJ615EuarP_QxUMcLNOmTqE1Bsqj-KmP3yIDKw"sv,
     refused(error::wrong_audience)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":{"https://api.example/":true}}`, expected audience https://api.example/
    {"type confusion: object keyed by it"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6eyJodHRwczovL2FwaS5leGFtcGxlLyI6dHJ1ZX19."
     "5Jo0cJJIXHkYIu-p5Ktg18yWcPRC22gRySPSKRyLEgI"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":[["https://api.example/"]]}`, expected audience https://api.example/
    {"type confusion: nested array"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6W1siaHR0cHM6Ly9hcGkuZXhhbXBsZS8iXV19.hAA_"
     "5Rja-qMnmA5maEi8TCY3XvmwBtrmntkF2VRr-pE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":["https://api.example/",1]}`, expected audience https://api.example/
    {"type confusion: array with a number after it"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6WyJodHRwczovL2FwaS5leGFtcGxlLyIsMV19.oSAk"
     "t6eUPsShiZlAcL6I2Pe0YvSS48SPK6ugamgyOp8"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":1}`, expected audience https://api.example/
    {"type confusion: number"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6MX0.gYHzmONwkVXzclDmJ6XLzTiDR6ns1euCcvW3Q"
     "C_UvWg"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":null}`, expected audience https://api.example/
    {"type confusion: null"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6bnVsbH0.58PG5Sc86lc6pfgVK9sS4I9XlNzyiwUaI"
     "udk_srspMk"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"aud":true}`, expected audience https://api.example/
    {"type confusion: true"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImF1ZCI6dHJ1ZX0.K7nvpxB1qNf9zHQjXYogQNP272fFynLuT"
     "GGEdVOZ3D8"sv,
     refused(error::bad_claim)},
};

constexpr token_case issuer_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example/"}`, expected issuer https://tenant.example/
    {"equal \"https://tenant.example/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvIn0.ZupkK"
     "_d2NCubFLMJjxqqhsZELIm78mkWpa6RCx9JMn4"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example"}`, expected issuer https://tenant.example/
    {"prefix \"https://tenant.example\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUifQ._L2YYN"
     "KbU46atktX6Ut_lY2rZtMW9_q3fzdzh11GhM0"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example/x"}`, expected issuer https://tenant.example/
    {"suffix \"https://tenant.example/x\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUveCJ9._N2q"
     "Ek2h9Y4Tu0mDF92X2zCCsp9e3rXtoTTJO-eDmp4"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example//"}`, expected issuer https://tenant.example/
    {"doubled slash \"https://tenant.example//\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvLyJ9.CVmH"
     "kC2C1tMEmv1S252wTpyHv0wBueCfa4Yj_Q0Zd-Y"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://TENANT.example/"}`, expected issuer https://tenant.example/
    {"case differs \"https://TENANT.example/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vVEVOQU5ULmV4YW1wbGUvIn0.lrzaC"
     "z0dks0XxK-kH24OyxR38hv6IahCzaPxLk4AYxs"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":""}`, expected issuer https://tenant.example/
    {"empty \"\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6IiJ9.Vr6kNCo6-5J7eVOycxgOuIon2VCgn2W-OqWA"
     "Yf9jYF4"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"http://tenant.example/"}`, expected issuer https://tenant.example/
    {"http scheme \"http://tenant.example/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHA6Ly90ZW5hbnQuZXhhbXBsZS8ifQ.eJpdwY"
     "kxUU7pLMWaOojKm3EXWhh82Yv_Pv6DN3c6gqU"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example/ "}`, expected issuer https://tenant.example/
    {"trailing space \"https://tenant.example/ \""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvICJ9.8v_L"
     "iGe9HzpJyJt-_TTmz6p18K3a7E65elsff3h2cKY"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}`, expected issuer https://tenant.example/
    {"absent"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https:\/\/tenant.example\/"}`, expected issuer https://tenant.example/
    {"escaped slashes \"https:\\/\\/tenant.example\\/\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOlwvXC90ZW5hbnQuZXhhbXBsZVwvIn0.3"
     "2olXa_CRn9LjFq1MHR4bCdhTWkPM7XbhYzOpq9YTrs"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"\u0068ttps://t\u0065nant.example/"}`, expected issuer https://tenant.example/
    {"escaped letters"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Ilx1MDA2OHR0cHM6Ly90XHUwMDY1bmFudC5leGFtc"
     "GxlLyJ9.SFXIhoxYi6-za1ph9b7TeAbFFaE1bt9T3IaFhW2vJlU"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":"https://tenant.example/\u0000"}`, expected issuer https://tenant.example/
    {"NUL appended"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvXHUwMDAwI"
     "n0.O_kr9KlEQxnaRMJzAHFB6jYTFl7Bc0cSAcWKZiwU4kA"sv,
     refused(error::wrong_issuer)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"iss":["https://tenant.example/"]}`, expected issuer https://tenant.example/
    {"array holding it"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImlzcyI6WyJodHRwczovL3RlbmFudC5leGFtcGxlLyJdfQ.YB"
     "_ER6gD9aZneuE1sdCIzd1imlKT3sjXjSulgW94Tm4"sv,
     refused(error::bad_claim)},
};

constexpr token_case scope_cases[] = {
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users"}`, required read:users
    {"scope \"read:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VycyJ9.wte4eFQYNkapPzxYDwzn"
     "gsYGzSabLPRoYUjROveco84"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users update:clients"}`, required read:users
    {"scope \"read:users update:clients\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9."
     "rEudU4-2YABTCI3ilo_U4KwfXBBYuq8cjN7FhHf3q90"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"update:clients read:users"}`, required read:users
    {"scope \"update:clients read:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoidXBkYXRlOmNsaWVudHMgcmVhZDp1c2VycyJ9."
     "5eivXqSJXifQ10zJssS9__pkaOx-UYj7R6wcJwZgzCA"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users_app_metadata"}`, required read:users
    {"scope \"read:users_app_metadata\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2Vyc19hcHBfbWV0YWRhdGEifQ.Lz"
     "NeE3pflUPGU1NVtDrLXyiEbxc_2UkwBg6QjJPITuM"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"xread:users"}`, required read:users
    {"scope \"xread:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoieHJlYWQ6dXNlcnMifQ.wX-2U08BZBO_umOCON"
     "oiHiTDTbRlwJMh0irHqgaV0Rk"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:user"}`, required read:users
    {"scope \"read:user\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VyIn0.1F4YBbmjS9op-1a59dVJV"
     "tbuMY4yy7Ff1QAhC5ure7U"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users:all"}`, required read:users
    {"scope \"read:users:all\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VyczphbGwifQ.Y7MaHQ1KwcMHdH"
     "NhSDtVhw8nTgNZ8cUAvdOQHRTrIQY"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"READ:USERS"}`, required read:users
    {"scope \"READ:USERS\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoiUkVBRDpVU0VSUyJ9.pvuSBZzybe62JMvMcI-k"
     "RcHfUyKF3wTjffZJUCEoSd8"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users\tupdate:clients"}`, required read:users
    {"scope \"read:users\\tupdate:clients\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2Vyc1x0dXBkYXRlOmNsaWVudHMif"
     "Q.gVUdo3K0Fp227Ct1TPdA2jHhlzASAkhxVTL9n1CTCWs"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:users,update:clients"}`, required read:users
    {"scope \"read:users,update:clients\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2Vycyx1cGRhdGU6Y2xpZW50cyJ9."
     "SfFfNcPmx2lnpUhRyxf3_xhgoOtQgBiqjUtChMHjmfo"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"read:usersupdate:clients"}`, required read:users
    {"scope \"read:usersupdate:clients\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2Vyc3VwZGF0ZTpjbGllbnRzIn0.e"
     "hl0zOIg_RrkqUDsiLaAXZr5nyBe12fibx9opDHVVXk"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":""}`, required read:users
    {"scope \"\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoiIn0.JQtbDFhRF8yyfcPEnAYTQs0aO0GajFYEG"
     "A4AvkvVcJc"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"update:users read:clients"}`, required read:users
    {"scope \"update:users read:clients\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoidXBkYXRlOnVzZXJzIHJlYWQ6Y2xpZW50cyJ9."
     "ghArsGYTf1-FRUyxdFBs60VufQBa647Cm3Z3xyfU5Do"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":" read:users"}`, required read:users
    {"scope \" read:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoiIHJlYWQ6dXNlcnMifQ.35m2BduevVcaTFSgE-"
     "WK12A5DiOvzjq6gftEkH7HYPs"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"update:clients  read:users"}`, required read:users
    {"scope \"update:clients  read:users\""sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoidXBkYXRlOmNsaWVudHMgIHJlYWQ6dXNlcnMif"
     "Q.BEx4uDfExHgiVmLDfloI9JJGUwge36BzUgkNtcVaqNs"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400}`, required read:users
    {"scope absent"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.pSEpitFY94r3q44jU6l0ymjTBCyzWS5Mktr_Rcz5_Ec"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scope":"\u0072ead:users"}`, required read:users
    {"scope escaped \\u0072ead:users"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoiXHUwMDcyZWFkOnVzZXJzIn0.I0LtlcikdAvIj"
     "ihSBdorB1ALLLlG6berzP5MwgX92mU"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}}`, required read:users
    {"legacy object granting read on users"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInJlYWQiL"
     "CJ1cGRhdGUiXX0sImNsaWVudHMiOnsiYWN0aW9ucyI6WyJyZWFkIl19fX0.DvuSMNtU8ESufVWw7KxIC43kzVhx2SHfvB7OW4bD-qg"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"clients":{"actions":["read"]}}}`, required read:users
    {"legacy object granting read on clients only"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJjbGllbnRzIjp7ImFjdGlvbnMiOlsicmVhZ"
     "CJdfX19.8swGBP45OioyAcmxOCUqajCq2nbkgY1lelPUTyLKDvw"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":["update"]}}}`, required read:users
    {"legacy object granting update on users only"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInVwZGF0Z"
     "SJdfX19.4ZRSfJ4VG2z-KlSeN-ka8A0mBScjInsSsa_CghgAdcQ"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":["read:users"]}}}`, required read:users
    {"legacy object with \"read:users\" as an action"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjpbInJlYWQ6d"
     "XNlcnMiXX19fQ.-bLXIBUh-JcImbIAlOBbOPnFmG8jk5wXrjmvkx_mPFw"sv,
     refused(error::missing_scope)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"us\u0065rs":{"actions":["r\u0065ad"]}}}`, required read:users
    {"legacy object escaped"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c1x1MDA2NXJzIjp7ImFjdGlvbnMiOlsic"
     "lx1MDA2NWFkIl19fX0.hOxn3T_saW8LPO-pnS0cR11lDMEFBrVY3u7vj9SAHcI"sv,
     accepted},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":["read"]}}`, required read:users
    {"legacy object wrong shape"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6WyJyZWFkIl19fQ.1yf34wm1BQ"
     "TiSKGvkDie7IZLJrtGMSF0SnmkMNPXWAE"sv,
     refused(error::bad_claim)},
    // header `{"alg":"HS256","typ":"JWT"}` payload `{"exp":1700086400,"scopes":{"users":{"actions":"read"}}}`, required read:users
    {"legacy object wrong shape: actions a string"sv,
     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsInNjb3BlcyI6eyJ1c2VycyI6eyJhY3Rpb25zIjoicmVhZCJ9f"
     "X0.Ytpip4iL5kRUU5nQS2tM5jDIlli1HsGjsivbHQFzlwc"sv,
     refused(error::bad_claim)},
};

// ---- helpers --------------------------------------------------------------------------

constexpr char guard_byte = '\x5a';
constexpr std::size_t guard_size = 64;

bool guard_intact(const std::vector<char>& buffer, std::size_t capacity) {
  for (std::size_t i = capacity; i < buffer.size(); ++i) {
    if (buffer[i] != guard_byte) return false;
  }
  return true;
}

// Runs verify() with exactly buffer_size_for(token.size()) bytes followed by
// guard bytes, so every accepted case also shows that this size suffices and
// every case that nothing is written past the capacity.
verdict run(const verifier& v, std::string_view token) {
  const std::size_t capacity = verifier::buffer_size_for(token.size());
  std::vector<char> buffer(capacity + guard_size, guard_byte);
  const jwtcore::result<verified_claims> r = v.verify(token, buffer.data(), capacity);
  if (!guard_intact(buffer, capacity)) FAIL_CHECK("verify wrote past its capacity");
  return r ? accepted : refused(r.error());
}

verdict run_unverified(std::string_view token) {
  const std::size_t capacity = verifier::buffer_size_for(token.size());
  std::vector<char> buffer(capacity + guard_size, guard_byte);
  const jwtcore::result<jwtcore::unverified_token> r = jwtcore::decode_unverified(token, buffer.data(), capacity);
  if (!guard_intact(buffer, capacity)) FAIL_CHECK("decode_unverified wrote past its capacity");
  return r ? accepted : refused(r.error());
}

template <std::size_t N>
void check_cases(const verifier& v, const token_case (&cases)[N]) {
  for (const token_case& c : cases) {
    INFO(c.name);
    CHECK(run(v, c.token) == c.expected);
  }
}

// The token of the row of that name (a failed check when there is none).
template <std::size_t N>
std::string_view token_named(const token_case (&cases)[N], std::string_view name) {
  for (const token_case& c : cases) {
    if (c.name == name) return c.token;
  }
  INFO(name);
  FAIL_CHECK("no case of that name");
  return {};
}

// A verify() result together with the buffer its views point into.
struct owned_claims {
  std::vector<char> buffer;
  jwtcore::result<verified_claims> result = error::buffer_too_small;

  bool owns(std::string_view view) const {
    const char* begin = buffer.data();
    const char* end = begin + buffer.size();
    return view.empty() || (view.data() >= begin && view.data() + view.size() <= end);
  }
};

owned_claims verify_owned(const verifier& v, std::string_view token) {
  owned_claims out;
  out.buffer.assign(verifier::buffer_size_for(token.size()), '\0');
  out.result = v.verify(token, out.buffer.data(), out.buffer.size());
  return out;
}

std::string cat(std::string_view a, std::string_view b, std::string_view c = {}, std::string_view d = {},
                std::string_view e = {}) {
  std::string s;
  s.reserve(a.size() + b.size() + c.size() + d.size() + e.size());
  s.append(a).append(b).append(c).append(d).append(e);
  return s;
}

hs256_key_set set_of(const hs256_key& k) {
  hs256_key_set s;
  s.add(k);
  return s;
}

// The keys python signed with.
const hs256_key& current_key() {
  static const hs256_key key(current_secret);
  return key;
}
const hs256_key& previous_key() {
  static const hs256_key key(previous_secret);
  return key;
}
const hs256_key_set& current_set() {
  static const hs256_key_set set = set_of(current_key());
  return set;
}

// The verifier of most cases: the current key, now = 1700000000, defaults otherwise.
verifier standard() {
  verifier v;
  v.keys(current_set()).now(now_s);
  return v;
}

// The three segments of a compact token.
struct segments {
  std::string_view header, payload, signature;
};
segments split(std::string_view token) {
  const std::size_t first = token.find('.');
  const std::size_t second = token.find('.', first + 1);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

}  // namespace

// ---- the header ---------------------------------------------------------------------

TEST_CASE("attack: alg is exactly \"HS256\" (none, None, \"HS256 \", HS512, RS256, ... over an HS256 MAC)") {
  check_cases(standard(), alg_cases);
}

TEST_CASE("attack: header not valid JSON, duplicate alg, bad UTF-8, too deep, too many members") {
  // The header is read before the MAC is checked, so verify.hpp holds it to
  // tight limits of its own (8 deep, 32 members) whatever max_depth says.
  verifier v = standard();
  check_cases(v, header_cases);
  v.max_depth(1000);
  check_cases(v, header_cases);
}

TEST_CASE("attack: a header that is valid JSON but not an object is bad_header (verify and decode_unverified)") {
  // verify.hpp: "header: not a JSON object ... bad_header"; error::bad_header's
  // message says the same. The payload error, bad_payload, would name the wrong segment.
  check_cases(standard(), header_not_object_cases);
  for (const token_case& c : header_not_object_cases) {
    INFO(c.name);
    CHECK(run_unverified(c.token) == refused(error::bad_header));
  }
}

TEST_CASE("attack: typ and kid that are not strings are bad_header") {
  check_cases(standard(), typ_kid_cases);
}

TEST_CASE("attack: crit in any form is crit_unsupported") {
  check_cases(standard(), crit_cases);
}

// ---- the signature and the key --------------------------------------------------------

TEST_CASE("attack: signature stripped, truncated, extended, swapped") {
  check_cases(standard(), signature_cases);
}

TEST_CASE("attack: a token signed with another key is bad_signature") {
  check_cases(standard(), wrong_key_cases);
}

// ---- the form -------------------------------------------------------------------------

TEST_CASE("attack: padding, + and /, whitespace, trailing bits, bad length in each segment") {
  // Every variant edits one segment of b64_base_token, which is itself valid.
  const verifier v = standard();
  CHECK(run(v, b64_base_token) == accepted);
  check_cases(v, b64_cases);
}

TEST_CASE("attack: 1, 2, 4 and 5 segments, leading, trailing and doubled dots") {
  check_cases(standard(), form_cases);
}

TEST_CASE("attack: 1 MiB of dots") {
  const std::string dots(std::size_t{1} << 20, '.');
  const std::string dotted_token = cat(valid_token, dots);
  verifier v = standard();
  CHECK(run(v, dots) == refused(error::too_large));
  CHECK(run(v, dotted_token) == refused(error::too_large));
  v.max_token_size(std::numeric_limits<std::size_t>::max());
  CHECK(run(v, dots) == refused(error::malformed));
  CHECK(run(v, dotted_token) == refused(error::malformed));
  CHECK(run(v, cat(dots, valid_token)) == refused(error::malformed));
  CHECK(run_unverified(dots) == refused(error::malformed));
  CHECK(run_unverified(dotted_token) == refused(error::malformed));
}

TEST_CASE("size limit: 16384 bytes are considered, 16385 are too_large; max_token_size moves it") {
  const std::string header_json = R"({"exp":1700086400,"pad":")";
  const auto padded = [&](std::size_t pad, std::string_view mac) {
    const std::string payload = cat(header_json, std::string(pad, 'a'), R"("})");
    return cat(header_segment, ".", jwtcore::base64url_encode(payload), ".", mac);
  };
  const std::string at_limit = padded(pad_for_16384, mac_for_16384);
  const std::string over_limit = padded(pad_for_16385, mac_for_16385);
  JWTCORE_REQUIRE(at_limit.size() == 16384);
  JWTCORE_REQUIRE(over_limit.size() == 16385);
  CHECK(verifier::default_max_token_size == 16384);

  verifier v = standard();
  CHECK(run(v, at_limit) == accepted);
  CHECK(run(v, over_limit) == refused(error::too_large));
  CHECK(run(v, std::string(16385, 'A')) == refused(error::too_large));
  CHECK(run(v, std::string(16384, 'A')) == refused(error::malformed));
  v.max_token_size(16385);
  CHECK(run(v, over_limit) == accepted);
  v.max_token_size(16383);
  CHECK(run(v, at_limit) == refused(error::too_large));
  v.max_token_size(valid_token.size());
  CHECK(run(v, valid_token) == accepted);
  v.max_token_size(valid_token.size() - 1);
  CHECK(run(v, valid_token) == refused(error::too_large));
  v.max_token_size(0);
  CHECK(run(v, valid_token) == refused(error::too_large));
  CHECK(run(v, "") == refused(error::malformed));
  // decode_unverified has no size limit of its own.
  CHECK(run_unverified(over_limit) == accepted);
}

// ---- the payload ----------------------------------------------------------------------

TEST_CASE("attack: payload not one JSON object (array, NaN, trailing data, bad grammar, 257 members)") {
  check_cases(standard(), payload_cases);
}

TEST_CASE("attack: payload with invalid UTF-8 or a lone surrogate") {
  check_cases(standard(), utf8_cases);
}

TEST_CASE("attack: duplicate exp and other duplicate members") {
  check_cases(standard(), duplicate_cases);
}

TEST_CASE("attack: 10,000-deep nesting in the header and in the payload") {
  const std::string open(10000, '['), close(10000, ']');
  const std::string deep_payload = cat(R"({"exp":1700086400,"deep":)", open, close, "}");
  const std::string deep_header = cat(R"({"alg":"HS256","deep":)", open, close, "}");
  const std::string payload_token =
      cat(header_segment, ".", jwtcore::base64url_encode(deep_payload), ".", deep_payload_mac);
  const std::string header_token =
      cat(jwtcore::base64url_encode(deep_header), ".", split(small_token).payload, ".", deep_header_mac);
  JWTCORE_REQUIRE(payload_token.size() == deep_payload_token_size);
  JWTCORE_REQUIRE(header_token.size() == deep_header_token_size);

  verifier v = standard();
  CHECK(run(v, payload_token) == refused(error::too_large));  // about 27 KB: the size limit comes first
  v.max_token_size(std::size_t{1} << 20);
  CHECK(run(v, payload_token) == refused(error::too_deep));
  CHECK(run(v, header_token) == refused(error::too_deep));
  // A depth limit above the reader's fixed ceiling counts as the ceiling.
  v.max_depth(1u << 30);
  CHECK(run(v, payload_token) == refused(error::too_deep));
  CHECK(run(v, header_token) == refused(error::too_deep));
  // Unsigned, the payload is never parsed.
  const std::string unsigned_token = cat(split(payload_token).header, ".", split(payload_token).payload, ".",
                                         split(valid_token).signature);
  CHECK(run(v, unsigned_token) == refused(error::bad_signature));
  CHECK(run_unverified(payload_token) == refused(error::too_deep));
  CHECK(run_unverified(header_token) == refused(error::too_deep));
}

TEST_CASE("nesting: 20 and 64 deep are accepted, 65 is too_deep; max_depth moves the limit") {
  verifier v = standard();
  CHECK(verifier::default_max_depth == 64);
  CHECK(run(v, nested_20_token) == accepted);
  CHECK(run(v, nested_64_token) == accepted);
  CHECK(run(v, nested_65_token) == refused(error::too_deep));
  v.max_depth(20);
  CHECK(run(v, nested_20_token) == accepted);
  CHECK(run(v, nested_64_token) == refused(error::too_deep));
  v.max_depth(19);
  CHECK(run(v, nested_20_token) == refused(error::too_deep));
  v.max_depth(65);
  CHECK(run(v, nested_65_token) == accepted);
  v.max_depth(1);
  CHECK(run(v, valid_token) == accepted);
  v.max_depth(0);  // even the payload object is one level too deep
  CHECK(run(v, valid_token) == refused(error::too_deep));
}

// ---- time -----------------------------------------------------------------------------

TEST_CASE("exp and nbf boundaries: exp == now is expired, nbf == now is valid, with and without leeway") {
  verifier v = standard();
  SUBCASE("exp = now + 100") {
    const std::string_view t = exp_now_plus_100;
    CHECK(run(v.now(now_s + 99), t) == accepted);
    CHECK(run(v.now(now_s + 100), t) == refused(error::expired));
    CHECK(run(v.now(now_s + 101), t) == refused(error::expired));
    v.leeway(30);
    CHECK(run(v.now(now_s + 129), t) == accepted);
    CHECK(run(v.now(now_s + 130), t) == refused(error::expired));
    v.leeway(-5);  // negative counts as 0
    CHECK(run(v.now(now_s + 99), t) == accepted);
    CHECK(run(v.now(now_s + 100), t) == refused(error::expired));
  }
  SUBCASE("nbf = now + 100") {
    const std::string_view t = nbf_now_plus_100;
    CHECK(run(v.now(now_s + 99), t) == refused(error::not_yet_valid));
    CHECK(run(v.now(now_s + 100), t) == accepted);
    CHECK(run(v.now(now_s + 101), t) == accepted);
    v.leeway(30);
    CHECK(run(v.now(now_s + 70), t) == accepted);
    CHECK(run(v.now(now_s + 69), t) == refused(error::not_yet_valid));
    v.leeway(-5);
    CHECK(run(v.now(now_s + 99), t) == refused(error::not_yet_valid));
    CHECK(run(v.now(now_s + 100), t) == accepted);
  }
  SUBCASE("fractional exp 100.5: valid at 100, expired at 101 (ceil)") {
    CHECK(run(v.now(99), exp_100_5) == accepted);
    CHECK(run(v.now(100), exp_100_5) == accepted);
    CHECK(run(v.now(101), exp_100_5) == refused(error::expired));
    v.leeway(1);  // exp + 1 = 101.5
    CHECK(run(v.now(101), exp_100_5) == accepted);
    CHECK(run(v.now(102), exp_100_5) == refused(error::expired));
    const owned_claims c = verify_owned(v.now(100), exp_100_5);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_exp);
    CHECK(c.result->exp == 101);
  }
  SUBCASE("fractional nbf 100.5: not_yet_valid at 100, valid at 101") {
    CHECK(run(v.now(100), nbf_100_5) == refused(error::not_yet_valid));
    CHECK(run(v.now(101), nbf_100_5) == accepted);
    v.leeway(1);  // nbf - 1 = 99.5
    CHECK(run(v.now(100), nbf_100_5) == accepted);
    CHECK(run(v.now(99), nbf_100_5) == refused(error::not_yet_valid));
    const owned_claims c = verify_owned(v.now(101), nbf_100_5);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_nbf);
    CHECK(c.result->nbf == 101);
  }
  SUBCASE("negative fractions: exp -0.5 and nbf -1.5") {
    CHECK(run(v.now(-1), exp_minus_0_5) == accepted);
    CHECK(run(v.now(0), exp_minus_0_5) == refused(error::expired));
    CHECK(run(v.now(-2), nbf_minus_1_5) == refused(error::not_yet_valid));
    CHECK(run(v.now(-1), nbf_minus_1_5) == accepted);
  }
}

TEST_CASE("attack: NumericDate values (1e309, -1, \"123\", 2^63, fractions, exponents)") {
  check_cases(standard(), numeric_date_cases);
}

TEST_CASE("leeway: INT64_MAX leeway and int64 extremes neither overflow nor wrap") {
  // Run under -fsanitize=undefined: an overflow in the comparisons fails there.
  verifier v = standard();
  SUBCASE("exp = INT64_MIN, leeway INT64_MAX: exp + leeway = -1 exactly") {
    CHECK(run(v.now(int64_min), exp_int64_min) == refused(error::expired));
    v.leeway(int64_max);
    CHECK(run(v.now(-2), exp_int64_min) == accepted);
    CHECK(run(v.now(-1), exp_int64_min) == refused(error::expired));
  }
  SUBCASE("exp = INT64_MAX - 1") {
    CHECK(run(v.now(int64_max - 2), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == refused(error::expired));
    v.leeway(int64_max);
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(0), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_min), exp_int64_max_minus_1) == accepted);
    v.leeway(1);  // exp + 1 = INT64_MAX exactly
    CHECK(run(v.now(int64_max - 1), exp_int64_max_minus_1) == accepted);
    CHECK(run(v.now(int64_max), exp_int64_max_minus_1) == refused(error::expired));
  }
  SUBCASE("nbf = INT64_MIN and INT64_MIN + 1") {
    CHECK(run(v.now(int64_min), nbf_int64_min) == accepted);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == refused(error::not_yet_valid));
    v.leeway(1);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(int64_min), nbf_int64_min) == accepted);
    CHECK(run(v.now(int64_min), nbf_int64_min_plus_1) == accepted);
  }
  SUBCASE("nbf = INT64_MAX, leeway INT64_MAX: nbf - leeway = 0 exactly") {
    CHECK(run(v.now(int64_max - 1), nbf_int64_max) == refused(error::not_yet_valid));
    v.leeway(1);
    CHECK(run(v.now(int64_max - 1), nbf_int64_max) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(0), nbf_int64_max) == accepted);
    CHECK(run(v.now(-1), nbf_int64_max) == refused(error::not_yet_valid));
    CHECK(run(v.now(int64_min), nbf_int64_max) == refused(error::not_yet_valid));
  }
  SUBCASE("iat = INT64_MAX, leeway INT64_MAX: now + leeway = INT64_MAX - 1 at now -1") {
    v.reject_future_iat();
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == refused(error::issued_in_future));
    v.leeway(1);
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == accepted);
    v.leeway(int64_max);
    CHECK(run(v.now(0), iat_int64_max) == accepted);
    CHECK(run(v.now(-1), iat_int64_max) == refused(error::issued_in_future));
    CHECK(run(v.now(int64_max - 1), iat_int64_max) == accepted);
  }
}

TEST_CASE("leeway: now >= exp + leeway is exact where exp + leeway passes INT64_MAX (now == INT64_MAX)") {
  // verify.hpp documents expired as "now >= exp + leeway". With exp + leeway
  // beyond INT64_MAX that is false for every int64 now, INT64_MAX included;
  // a sum clamped to INT64_MAX would make it true at now == INT64_MAX.
  verifier v = standard();
  v.leeway(int64_max).now(int64_max);
  CHECK(run(v, exp_int64_max_minus_1) == accepted);  // exp + leeway = 2^64 - 2
  CHECK(run(v, exp_one) == accepted);                // exp + leeway = 2^63
  v.leeway(2);
  CHECK(run(v, exp_int64_max_minus_1) == accepted);  // exp + leeway = 2^63
}

TEST_CASE("iat in the future is refused only with reject_future_iat()") {
  verifier v = standard();
  CHECK(run(v, iat_now_plus_10) == accepted);
  v.reject_future_iat();
  CHECK(run(v, iat_now_plus_10) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 9), iat_now_plus_10) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 10), iat_now_plus_10) == accepted);
  CHECK(run(v.now(now_s + 11), iat_now_plus_10) == accepted);
  v.now(now_s).leeway(10);
  CHECK(run(v, iat_now_plus_10) == accepted);
  v.leeway(9);
  CHECK(run(v, iat_now_plus_10) == refused(error::issued_in_future));
  v.leeway(0);
  // iat 1700000000.5 lies after now = 1700000000.
  CHECK(run(v, iat_now_plus_0_5) == refused(error::issued_in_future));
  CHECK(run(v.now(now_s + 1), iat_now_plus_0_5) == accepted);
  CHECK(run(v.now(now_s), no_iat) == accepted);
  v.reject_future_iat(false);
  CHECK(run(v, iat_now_plus_10) == accepted);
  const owned_claims c = verify_owned(v, iat_now_plus_0_5);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->has_iat);
  CHECK(c.result->iat == now_s + 1);
}

TEST_CASE("missing exp is bad_claim unless allow_missing_exp()") {
  verifier v = standard();
  CHECK(run(v, no_exp) == refused(error::bad_claim));
  CHECK(run(v, empty_claims) == refused(error::bad_claim));
  CHECK(run(v, exp_upper_case) == refused(error::bad_claim));  // "EXP" is not exp
  CHECK(run(v, exp_with_space) == refused(error::bad_claim));  // nor is "exp "
  CHECK(run(v, exp_escaped_expired) == refused(error::expired));  // "\u0065xp" is
  v.allow_missing_exp();
  CHECK(run(v, no_exp) == accepted);
  CHECK(run(v, empty_claims) == accepted);
  CHECK(run(v, exp_upper_case) == accepted);
  CHECK(run(v, exp_null) == refused(error::bad_claim));  // present, of the wrong type
  CHECK(run(v, no_exp_nbf_future) == refused(error::not_yet_valid));
  CHECK(run(v.now(now_s + 100), no_exp_nbf_future) == accepted);
  CHECK(run(v, exp_one) == refused(error::expired));  // a present exp still counts
  v.allow_missing_exp(false);
  CHECK(run(v, no_exp) == refused(error::bad_claim));
}

// ---- claims against the policy --------------------------------------------------------

TEST_CASE("attack: registered claims of the wrong type are bad_claim") {
  check_cases(standard(), wrong_type_cases);
}

TEST_CASE("attack: aud type confusion and matching") {
  verifier v = standard();
  v.audience(api_audience);
  check_cases(v, audience_cases);
  // Without an expected audience only the types matter.
  const verifier any = standard();
  for (const token_case& c : audience_cases) {
    INFO(c.name);
    CHECK(run(any, c.token) == (c.expected == refused(error::wrong_audience) ? accepted : c.expected));
  }
}

TEST_CASE("attack: iss must equal the expected issuer exactly") {
  verifier v = standard();
  v.issuer(tenant_issuer);
  check_cases(v, issuer_cases);
  const verifier any = standard();
  for (const token_case& c : issuer_cases) {
    INFO(c.name);
    CHECK(run(any, c.token) == (c.expected == refused(error::wrong_issuer) ? accepted : c.expected));
  }
  // The empty issuer is a value like any other.
  v.issuer("");
  CHECK(run(v, token_named(issuer_cases, "empty \"\"")) == accepted);
  CHECK(run(v, small_token) == refused(error::wrong_issuer));
}

TEST_CASE("attack: required scopes match whole words, in scope or the legacy scopes object") {
  verifier v = standard();
  v.require_scopes("read:users");
  SUBCASE("required read:users, and nothing required") {
    check_cases(v, scope_cases);
    const verifier any = standard();
    for (const token_case& c : scope_cases) {
      INFO(c.name);
      CHECK(run(any, c.token) == (c.expected == refused(error::missing_scope) ? accepted : c.expected));
    }
  }

  SUBCASE("several required scopes") {
    v.require_scopes("read:users update:clients");
    CHECK(run(v, several_scopes_token) == accepted);
    CHECK(run(v, valid_token) == accepted);
    v.require_scopes("read:users delete:clients");
    CHECK(run(v, several_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read:users read:users");  // duplicates are harmless
    CHECK(run(v, several_scopes_token) == accepted);
    static constexpr std::string_view as_array[] = {"delete:users", "read:users", "update:clients"};
    v.require_scopes(as_array);
    CHECK(run(v, several_scopes_token) == accepted);
    CHECK(run(v, valid_token) == refused(error::missing_scope));
    v.require_scopes({});
    CHECK(run(v, small_token) == accepted);
  }
  SUBCASE("the legacy object") {
    v.require_scopes("read:users update:users read:clients");
    CHECK(run(v, legacy_scopes_token) == accepted);
    v.require_scopes("delete:users");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("update:clients");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read");  // no entity
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
    v.require_scopes("read:users:x");
    CHECK(run(v, legacy_scopes_token) == refused(error::missing_scope));
  }
  SUBCASE("scope and the legacy object together grant their union") {
    v.require_scopes("create:roles read:users");
    CHECK(run(v, mixed_scopes_token) == accepted);
    v.require_scopes("create:roles update:users");
    CHECK(run(v, mixed_scopes_token) == refused(error::missing_scope));
  }
}

namespace {
// A deny list over some other store: records what it was asked.
class recording_deny_list final : public jwtcore::deny_list {
 public:
  recording_deny_list(std::string_view aud, std::string_view jti) : aud_(aud), jti_(jti) {}
  bool is_revoked(std::string_view aud, std::string_view jti) const noexcept override {
    ++calls;
    last_aud = aud;
    last_jti = jti;
    return aud == aud_ && jti == jti_;
  }
  mutable int calls = 0;
  mutable std::string_view last_aud, last_jti;

 private:
  std::string_view aud_, jti_;
};
}  // namespace

TEST_CASE("deny list: revoked only for the exact (aud, jti), with aud arrays") {
  verifier v = standard();
  SUBCASE("fixed_deny_list") {
    jwtcore::fixed_deny_list<3> list;
    CHECK(list.add("GLOBAL_CLIENT", "jti-0001"));
    CHECK(list.add("", "jti-noaud"));
    CHECK(list.size() == 2);
    CHECK(run(v, deny_plain) == accepted);  // no list yet
    v.revocations(&list);
    CHECK(run(v, deny_plain) == refused(error::revoked));
    CHECK(run(v, deny_aud_array_hit) == refused(error::revoked));
    CHECK(run(v, deny_escaped) == refused(error::revoked));  // compared decoded
    CHECK(run(v, deny_no_aud) == refused(error::revoked));   // no aud: ("", jti)
    CHECK(run(v, deny_other_jti) == accepted);
    CHECK(run(v, deny_other_aud) == accepted);
    CHECK(run(v, deny_aud_array_miss) == accepted);
    CHECK(run(v, deny_no_jti) == accepted);
    CHECK(run(v, deny_jti_prefix) == accepted);
    CHECK(run(v, deny_jti_longer) == accepted);
    CHECK(run(v, deny_jti_case) == accepted);
    CHECK(run(v, deny_aud_case) == accepted);
    CHECK(run(v, deny_expired) == refused(error::expired));  // the deny list comes last
    CHECK(list.add("a", "b"));
    CHECK_FALSE(list.add("c", "d"));  // full
    CHECK(list.size() == 3);
    v.revocations(nullptr);
    CHECK(run(v, deny_plain) == accepted);
  }
  SUBCASE("a custom deny_list") {
    recording_deny_list list("GLOBAL_CLIENT", "jti-0001");
    v.revocations(&list);
    CHECK(run(v, deny_plain) == refused(error::revoked));
    CHECK(list.calls == 1);
    list.calls = 0;
    CHECK(run(v, deny_aud_array_miss) == accepted);
    CHECK(list.calls == 2);  // once per audience
    list.calls = 0;
    CHECK(run(v, deny_no_jti) == accepted);
    CHECK(run(v, deny_expired) == refused(error::expired));
    CHECK(list.calls == 0);  // asked only about otherwise valid tokens with a jti
    const owned_claims c = verify_owned(v, deny_escaped);
    CHECK_FALSE(c.result);
    CHECK(c.result.error() == error::revoked);
    CHECK(list.last_aud == "GLOBAL_CLIENT");
    CHECK(list.last_jti == "jti-0001");
  }
}

// ---- keys -----------------------------------------------------------------------------

TEST_CASE("keys: kid selects named keys; unnamed keys are tried for any kid; no kid tries all") {
  const hs256_key a(kid_a_secret), b(kid_b_secret), unnamed(unnamed_secret);
  SUBCASE("named keys only") {
    hs256_key_set set;
    CHECK(set.add(a, "a"));
    CHECK(set.add(b, "b"));
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_a_by_a) == accepted);
    CHECK(run(v, kid_b_by_b) == accepted);
    CHECK(run(v, kid_a_by_b) == refused(error::bad_signature));
    CHECK(run(v, kid_c_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_empty_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_upper_a_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_a_space_by_a) == refused(error::unknown_kid));
    CHECK(run(v, kid_escaped_a_by_a) == accepted);
    CHECK(run(v, no_kid_by_a) == accepted);
    CHECK(run(v, no_kid_by_b) == accepted);
    CHECK(run(v, no_kid_by_wrong) == refused(error::bad_signature));
    const owned_claims c = verify_owned(v, kid_escaped_a_by_a);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->kid == "a");
  }
  SUBCASE("a named and an unnamed key") {
    hs256_key_set set;
    set.add(a, "a");
    set.add(unnamed);
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_zzz_by_unnamed) == accepted);
    CHECK(run(v, kid_zzz_by_a) == refused(error::bad_signature));
    CHECK(run(v, kid_a_by_unnamed) == accepted);
    CHECK(run(v, kid_a_by_a) == accepted);
    CHECK(run(v, no_kid_by_a) == accepted);
  }
  SUBCASE("an empty name is no name") {
    hs256_key_set set;
    set.add(a, "");
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_zzz_by_a) == accepted);
    CHECK(run(v, kid_c_by_a) == accepted);
  }
  SUBCASE("the set holds 8 keys") {
    hs256_key_set set;
    CHECK(set.empty());
    for (std::size_t i = 0; i < hs256_key_set::max_keys; ++i) CHECK(set.add(a, "a"));
    CHECK_FALSE(set.add(b, "b"));
    CHECK(set.size() == 8);
    CHECK_FALSE(set.empty());
    verifier v = standard();
    v.keys(set);
    CHECK(run(v, kid_b_by_b) == refused(error::unknown_kid));  // b was not added
    CHECK(run(v, kid_a_by_a) == accepted);
  }
}

TEST_CASE("keys: no key, empty set, short keys") {
  verifier v;
  v.now(now_s);
  CHECK(run(v, valid_token) == refused(error::no_key));
  const hs256_key_set empty;
  v.keys(empty);
  CHECK(run(v, valid_token) == refused(error::no_key));

  const hs256_key short_refused(short_secret_text);
  const hs256_key short_allowed(short_secret_text, short_secret::allow);
  const hs256_key empty_allowed("", short_secret::allow);
  const hs256_key empty_refused("");
  const hs256_key exactly_32(current_secret.substr(0, 32));
  CHECK(exactly_32.usable());

  const hs256_key_set only_short = set_of(short_refused);
  v.keys(only_short);
  CHECK(run(v, by_short) == refused(error::key_too_short));
  CHECK(run(v, valid_token) == refused(error::key_too_short));
  const hs256_key_set only_short_allowed = set_of(short_allowed);
  v.keys(only_short_allowed);
  CHECK(run(v, by_short) == accepted);
  CHECK(run(v, valid_token) == refused(error::bad_signature));
  hs256_key_set mixed;
  mixed.add(current_key());
  mixed.add(short_refused);
  v.keys(mixed);
  CHECK(run(v, valid_token) == refused(error::key_too_short));
  hs256_key_set mixed_allowed;
  mixed_allowed.add(current_key());
  mixed_allowed.add(short_allowed);
  v.keys(mixed_allowed);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_short) == accepted);
  const hs256_key_set empty_secret = set_of(empty_allowed);
  v.keys(empty_secret);
  CHECK(run(v, by_empty_secret) == accepted);
  const hs256_key_set empty_secret_refused = set_of(empty_refused);
  v.keys(empty_secret_refused);
  CHECK(run(v, by_empty_secret) == refused(error::key_too_short));
}

TEST_CASE("keys: rotation with the previous key") {
  verifier v = standard();
  hs256_key_set both;
  both.add(current_key());
  both.add(previous_key());
  v.keys(both);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_previous) == accepted);
  CHECK(run(v, by_wrong) == refused(error::bad_signature));
  hs256_key_set reversed;
  reversed.add(previous_key());
  reversed.add(current_key());
  v.keys(reversed);
  CHECK(run(v, valid_token) == accepted);
  CHECK(run(v, by_previous) == accepted);
  hs256_key_set named;
  named.add(current_key(), "2024");
  named.add(previous_key(), "2023");
  v.keys(named);
  CHECK(run(v, kid_2023_by_previous) == accepted);
  CHECK(run(v, kid_2024_by_current) == accepted);
  CHECK(run(v, kid_2024_by_previous) == refused(error::bad_signature));
  CHECK(run(v, by_previous) == accepted);
  const owned_claims c = verify_owned(v, kid_2023_by_previous);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->kid == "2023");
  // The rotation is over: the previous key is gone.
  v.keys(current_set());
  CHECK(run(v, by_previous) == refused(error::bad_signature));
  CHECK(run(v, kid_2024_by_current) == accepted);
}

// ---- known answers and valid tokens ---------------------------------------------------

TEST_CASE("RFC 7515 appendix A.1 verifies before 1300819380 and is expired at it") {
  const std::optional<jwtcore_test::byte_string> key_bytes = jwtcore_test::from_hex(a1_key_hex);
  JWTCORE_REQUIRE(key_bytes && key_bytes->size() == 64);
  const hs256_key key(jwtcore_test::as_chars(*key_bytes));
  const hs256_key_set set = set_of(key);
  verifier v;
  v.keys(set).now(1300819379);
  const owned_claims c = verify_owned(v, a1_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->header_json == a1_header_json);
  CHECK(c.result->payload_json == a1_payload_json);
  CHECK(c.result->iss == "joe");
  CHECK(c.result->has_exp);
  CHECK(c.result->exp == 1300819380);
  CHECK_FALSE(c.result->has_sub);
  CHECK(c.result->kid.empty());
  CHECK(run(v, a1_token) == accepted);
  CHECK(run(v.now(1300819380), a1_token) == refused(error::expired));
  CHECK(run(v.leeway(1), a1_token) == accepted);
  CHECK(run(v.now(0).leeway(0), a1_token) == accepted);
  CHECK(run(v.issuer("joe"), a1_token) == accepted);
  CHECK(run(v.issuer("Joe"), a1_token) == refused(error::wrong_issuer));
  verifier other = standard();
  other.now(0);
  CHECK(run(other, a1_token) == refused(error::bad_signature));
}

TEST_CASE("valid tokens from python3: unicode, escapes, fractional dates, big integers, nesting, 4 KB") {
  const verifier v = standard();
  struct valid {
    std::string_view name, token, payload_json;
  };
  const valid tokens[] = {
      {"unicode", unicode_token, unicode_json},       {"escapes", escapes_token, escapes_json},
      {"fractional", fractional_token, fractional_json}, {"bigints", bigints_token, bigints_json},
      {"4 KB", four_kib_token, four_kib_json},         {"whitespace", whitespace_token, whitespace_json},
      {"20 deep", nested_20_token, nested_20_payload}, {"64 deep", nested_64_token, nested_64_payload},
      {"minimal", minimal_token, minimal_payload_json}, {"valid", valid_token, valid_payload},
  };
  for (const valid& t : tokens) {
    INFO(t.name);
    const owned_claims c = verify_owned(v, t.token);
    CHECK(c.result);
    CHECK(c.result->payload_json == t.payload_json);
    CHECK(c.result->header_json == R"({"alg":"HS256","typ":"JWT"})");
  }
  CHECK(four_kib_json.size() >= 4096);
  const owned_claims escapes = verify_owned(v, escapes_token);
  JWTCORE_REQUIRE(escapes.result);
  CHECK(escapes.result->sub == escapes_sub);
  const owned_claims fractional = verify_owned(v, fractional_token);
  JWTCORE_REQUIRE(fractional.result);
  CHECK(fractional.result->iat == 1700000000);  // 1699999999.75 rounded up
  CHECK(fractional.result->nbf == 1700000000);  // 1699999999.999
  CHECK(fractional.result->exp == 1700000001);  // 1700000000.001
  verifier strict = standard();
  strict.reject_future_iat();
  CHECK(run(strict, fractional_token) == accepted);
  CHECK(run(strict.now(now_s + 1), fractional_token) == refused(error::expired));
}

TEST_CASE("verified_claims: every field equals what python encoded") {
  verifier v = standard();
  SUBCASE("all registered claims, \\u escapes and surrogate pairs decoded to UTF-8") {
    const owned_claims c = verify_owned(v, rich_token);
    JWTCORE_REQUIRE(c.result);
    const verified_claims& claims = *c.result;
    CHECK(claims.header_json == rich_header_json);
    CHECK(claims.payload_json == rich_payload_json);
    CHECK(claims.kid == rich_kid);
    CHECK(claims.has_iss);
    CHECK(claims.iss == rich_iss);
    CHECK(claims.has_sub);
    CHECK(claims.sub == rich_sub);
    CHECK(claims.has_jti);
    CHECK(claims.jti == rich_jti);
    CHECK(claims.has_scope);
    CHECK(claims.scope == rich_scope);
    CHECK(claims.audience_is_array);
    CHECK(claims.audience_count == 2);
    CHECK(claims.audiences[0] == rich_aud0);
    CHECK(claims.audiences[1] == rich_aud1);
    CHECK(claims.has_iat);
    CHECK(claims.iat == 1699999990);
    CHECK(claims.has_nbf);
    CHECK(claims.nbf == 1699999996);  // 1699999995.5 rounded up
    CHECK(claims.has_exp);
    CHECK(claims.exp == 1700086401);  // 1700086400.25 rounded up
    CHECK_FALSE(claims.has_legacy_scopes);
    CHECK(claims.legacy_scopes.empty());
    CHECK(claims.grants("read:users"));
    CHECK(claims.grants("update:clients"));
    CHECK_FALSE(claims.grants("delete:users"));
    for (std::string_view view : {claims.header_json, claims.payload_json, claims.kid, claims.iss, claims.sub,
                                  claims.jti, claims.scope, claims.audiences[0], claims.audiences[1]}) {
      CHECK(c.owns(view));
    }
  }
  SUBCASE("absent claims") {
    const owned_claims c = verify_owned(v, minimal_token);
    JWTCORE_REQUIRE(c.result);
    const verified_claims& claims = *c.result;
    CHECK_FALSE(claims.has_iss);
    CHECK_FALSE(claims.has_sub);
    CHECK_FALSE(claims.has_jti);
    CHECK_FALSE(claims.has_iat);
    CHECK_FALSE(claims.has_nbf);
    CHECK_FALSE(claims.has_scope);
    CHECK_FALSE(claims.has_legacy_scopes);
    CHECK(claims.kid.empty());
    CHECK(claims.has_exp);
    CHECK(claims.exp == 1700086400);
    CHECK_FALSE(claims.audience_is_array);
    CHECK(claims.audience_count == 1);
    CHECK(claims.audiences[0] == "GLOBAL_CLIENT");
    CHECK_FALSE(claims.grants("read:users"));
  }
  SUBCASE("the legacy scopes object, raw") {
    const owned_claims c = verify_owned(v, legacy_scopes_token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->has_legacy_scopes);
    CHECK(c.result->legacy_scopes == legacy_scopes_json);
    CHECK_FALSE(c.result->has_scope);
    CHECK(c.result->audience_count == 0);
    CHECK(c.result->grants("read:users"));
    CHECK(c.result->grants("update:users"));
    CHECK(c.result->grants("read:clients"));
    CHECK_FALSE(c.result->grants("delete:users"));
    CHECK_FALSE(c.result->grants("update:clients"));
  }
  SUBCASE("the other python tokens") {
    const owned_claims c = verify_owned(v, valid_token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.result->iss == "https://tenant.example/");
    CHECK(c.result->sub == "auth0|alice");
    CHECK(c.result->jti == "jti-0001");
    CHECK(c.result->scope == "read:users update:clients");
    CHECK(c.result->audiences[0] == "GLOBAL_CLIENT");
    CHECK(c.result->iat == 1699999000);
  }
}

// ---- buffers --------------------------------------------------------------------------

TEST_CASE("buffers: buffer_size_for suffices; smaller ones give buffer_too_small and write nothing past them") {
  CHECK(verifier::buffer_size_for(0) == 0);
  CHECK(verifier::buffer_size_for(100) >= 100);
  CHECK(verifier::buffer_size_for(std::numeric_limits<std::size_t>::max()) == std::numeric_limits<std::size_t>::max());
  verifier v = standard();
  v.max_token_size(1 << 20);
  struct sample {
    std::string_view name, token;
    verdict full;  // the verdict with enough room
  };
  const sample samples[] = {
      {"rich", rich_token, accepted},       {"valid", valid_token, accepted},
      {"escapes", escapes_token, accepted}, {"bigints", bigints_token, accepted},
      {"4 KB", four_kib_token, accepted},   {"kid escaped", token_named(typ_kid_cases, "kid any string (unnamed keys are tried)"), accepted},
      {"expired", exp_one, refused(error::expired)}, {"bad signature", token_named(wrong_key_cases, "signed with the wrong secret"), refused(error::bad_signature)},
  };
  for (const sample& s : samples) {
    INFO(s.name);
    const std::size_t full = verifier::buffer_size_for(s.token.size());
    const segments seg = split(s.token);
    // header_json and payload_json are views into the buffer: it must hold both decoded.
    const std::size_t decoded = jwtcore::base64url_decoded_size(seg.header.size()) +
                                jwtcore::base64url_decoded_size(seg.payload.size());
    // Every capacity for the small tokens; for the 4 KB one every capacity
    // near where the decoded segments end, and a stride elsewhere.
    const auto next = [&](std::size_t capacity) {
      if (full <= 2048 || (capacity + 64 >= decoded && capacity <= decoded + 256)) return capacity + 1;
      return capacity + 61 < full ? capacity + 61 : full;
    };
    std::size_t wrong_verdicts = 0, overruns = 0, non_monotonic = 0, views_outside = 0, refused_too_early = 0;
    bool fitted = false;
    for (std::size_t capacity = 0; capacity <= full; capacity = capacity == full ? full + 1 : next(capacity)) {
      std::vector<char> buffer(capacity + guard_size, guard_byte);
      const jwtcore::result<verified_claims> r = v.verify(s.token, buffer.data(), capacity);
      if (!guard_intact(buffer, capacity)) ++overruns;
      const bool too_small = !r && r.error() == error::buffer_too_small;
      if (too_small) {
        if (fitted) ++non_monotonic;
        continue;
      }
      if (capacity < decoded) ++refused_too_early;
      fitted = true;
      if ((r ? accepted : refused(r.error())) != s.full) ++wrong_verdicts;
      if (r) {
        const char* begin = buffer.data();
        for (std::string_view view : {r->header_json, r->payload_json, r->kid, r->iss, r->sub, r->jti, r->scope}) {
          if (!view.empty() && (view.data() < begin || view.data() + view.size() > begin + capacity)) ++views_outside;
        }
      }
    }
    CHECK(fitted);
    CHECK(overruns == 0);
    CHECK(wrong_verdicts == 0);
    CHECK(non_monotonic == 0);
    CHECK(views_outside == 0);
    CHECK(refused_too_early == 0);
    // And decode_unverified, on the same buffers.
    std::size_t unverified_overruns = 0, unverified_wrong = 0;
    for (std::size_t capacity = 0; capacity <= full; capacity = capacity == full ? full + 1 : next(capacity)) {
      std::vector<char> buffer(capacity + guard_size, guard_byte);
      const jwtcore::result<jwtcore::unverified_token> r = jwtcore::decode_unverified(s.token, buffer.data(), capacity);
      if (!guard_intact(buffer, capacity)) ++unverified_overruns;
      if (!r && r.error() != error::buffer_too_small) ++unverified_wrong;
      if (capacity < decoded && r) ++unverified_wrong;
      if (capacity == full && !r) ++unverified_wrong;
    }
    CHECK(unverified_overruns == 0);
    CHECK(unverified_wrong == 0);
  }
}

// ---- decode_unverified ----------------------------------------------------------------

TEST_CASE("decode_unverified: header and payload of a token with a bad signature; malformed forms refused alike") {
  SUBCASE("a bad signature, alg none, an expired token") {
    const std::string zero_signature = cat(valid_token.substr(0, valid_token.rfind('.')), ".",
                                           "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");  // b64(32 zero bytes)
    CHECK(run(standard(), zero_signature) == refused(error::bad_signature));
    std::vector<char> buffer(verifier::buffer_size_for(zero_signature.size()));
    const jwtcore::result<jwtcore::unverified_token> r =
        jwtcore::decode_unverified(zero_signature, buffer.data(), buffer.size());
    JWTCORE_REQUIRE(r);
    CHECK(r->header_json == R"({"alg":"HS256","typ":"JWT"})");
    CHECK(r->payload_json == valid_payload);
    CHECK(r->signature_segment == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const jwtcore::result<jwtcore::unverified_token> none =
        jwtcore::decode_unverified(alg_none_token, buffer.data(), buffer.size());
    JWTCORE_REQUIRE(none);
    CHECK(none->header_json == alg_none_header_json);
    CHECK(none->payload_json == R"({"exp":1700086400})");
    CHECK(run_unverified(exp_one) == accepted);
    CHECK(run_unverified(a1_token) == accepted);
  }
  SUBCASE("the same errors as verify for every malformed form and JSON text") {
    // Errors of form and JSON are decode_unverified's too; everything later
    // (alg, keys, signature, claims) it does not check.
    const auto unverified_expectation = [](verdict expected) {
      if (expected.ok) return accepted;
      switch (expected.e) {
        case error::malformed:
        case error::bad_base64url_char:
        case error::bad_base64url_length:
        case error::bad_base64url_padding:
        case error::bad_base64url_trailing_bits:
        case error::bad_header:
        case error::bad_payload:
        case error::bad_utf8:
        case error::bad_escape:
        case error::duplicate_member:
        case error::too_deep:
          return expected;
        default:
          return accepted;
      }
    };
    const auto check_all = [&](const token_case* begin, const token_case* end) {
      for (const token_case* c = begin; c != end; ++c) {
        // verify's tight header limits (8 deep, 32 members) guard the work done
        // before the MAC; decode_unverified reads with the reader's defaults.
        if (c->name == "header 9 deep" || c->name == "header of 33 members") continue;
        INFO(c->name);
        CHECK(run_unverified(c->token) == unverified_expectation(c->expected));
      }
    };
    check_all(std::begin(form_cases), std::end(form_cases));
    check_all(std::begin(b64_cases), std::end(b64_cases));
    check_all(std::begin(header_cases), std::end(header_cases));
    check_all(std::begin(alg_cases), std::end(alg_cases));
    check_all(std::begin(crit_cases), std::end(crit_cases));
    check_all(std::begin(payload_cases), std::end(payload_cases));
    check_all(std::begin(utf8_cases), std::end(utf8_cases));
    check_all(std::begin(duplicate_cases), std::end(duplicate_cases));
    check_all(std::begin(signature_cases), std::end(signature_cases));
  }
}

// ---- properties -----------------------------------------------------------------------

TEST_CASE("property: no single-byte change, deletion or insertion of a valid token is accepted") {
  // The only accepted token is the original, and its MAC is python's.
  struct original {
    std::string_view token, mac_hex;
  };
  const original originals[] = {{valid_token, valid_mac_hex}, {rich_token, rich_mac_hex}};
  for (const original& o : originals) {
    const verifier v = standard();
    const owned_claims c = verify_owned(v, o.token);
    JWTCORE_REQUIRE(c.result);
    const std::string_view signature = split(o.token).signature;
    const jwtcore::result<std::string> mac = jwtcore::base64url_decode(signature);
    JWTCORE_REQUIRE(mac);
    CHECK(jwtcore_test::to_hex(jwtcore_test::as_bytes(*mac)) == o.mac_hex);

    std::size_t accepted_variants = 0, tried = 0;
    std::string mutated(o.token);
    for (std::size_t i = 0; i < o.token.size(); ++i) {
      const char was = o.token[i];
      const char replacements[] = {'A', 'a', '0', '-', '_', '.', '=', ' ', '\n', '\0', '\xff', '+', '/',
                                   static_cast<char>(was ^ 1), static_cast<char>(was ^ 0x20),
                                   static_cast<char>(was + 1)};
      for (const char r : replacements) {
        if (r == was) continue;
        mutated[i] = r;
        ++tried;
        if (run(v, mutated) == accepted) ++accepted_variants;
      }
      mutated[i] = was;
      std::string deleted(o.token);
      deleted.erase(i, 1);
      std::string inserted(o.token);
      inserted.insert(i, 1, 'A');
      tried += 2;
      if (run(v, deleted) == accepted) ++accepted_variants;
      if (run(v, inserted) == accepted) ++accepted_variants;
    }
    CHECK(tried > 10 * o.token.size());
    CHECK(accepted_variants == 0);
  }
}

TEST_CASE("property: random multi-byte damage is never accepted") {
  jwtcore_test::test_rng rng(0x5eed0f0e1d);
  const verifier v = standard();
  std::size_t accepted_variants = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string t(valid_token);
    const std::size_t changes = 1 + rng.next() % 4;
    for (std::size_t k = 0; k < changes; ++k) {
      const std::size_t at = static_cast<std::size_t>(rng.next() % t.size());
      const char c = static_cast<char>(static_cast<unsigned char>(rng.next() >> 56));
      if (c == t[at]) continue;
      t[at] = c;
    }
    if (t == valid_token) continue;
    if (run(v, t) == accepted) ++accepted_variants;
  }
  CHECK(accepted_variants == 0);
}

// ---- no heap --------------------------------------------------------------------------

TEST_CASE("no heap: verify() and decode_unverified() allocate nothing") {
  static char buffer[16384];
  jwtcore::fixed_deny_list<2> deny;
  deny.add("GLOBAL_CLIENT", "jti-0001");
  verifier policy = standard();
  policy.audience("GLOBAL_CLIENT").issuer(tenant_issuer).require_scopes("read:users update:clients").leeway(5);
  const verifier revoking = standard().revocations(&deny);
  const verifier plain = standard();
  hs256_key_set rotation;
  rotation.add(current_key(), "2024");
  rotation.add(previous_key(), "2023");
  verifier rotating = standard();
  rotating.keys(rotation);

  const std::size_t before = jwtcore_test::allocations();
  const bool valid_ok = static_cast<bool>(policy.verify(valid_token, buffer, sizeof buffer));
  const bool rich_ok = static_cast<bool>(plain.verify(rich_token, buffer, sizeof buffer));
  const bool legacy_ok = static_cast<bool>(plain.verify(legacy_scopes_token, buffer, sizeof buffer));
  const bool rotated_ok = static_cast<bool>(rotating.verify(kid_2023_by_previous, buffer, sizeof buffer));
  const jwtcore::result<verified_claims> revoked = revoking.verify(deny_plain, buffer, sizeof buffer);
  const jwtcore::result<verified_claims> bad_signature = plain.verify(token_named(wrong_key_cases, "signed with the wrong secret"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> expired = plain.verify(exp_one, buffer, sizeof buffer);
  const jwtcore::result<verified_claims> malformed = plain.verify(token_named(form_cases, "four segments"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> bad_header = plain.verify(token_named(header_cases, "duplicate alg, HS256 first"), buffer, sizeof buffer);
  const jwtcore::result<verified_claims> too_small = plain.verify(valid_token, buffer, 10);
  const bool unverified_ok = static_cast<bool>(jwtcore::decode_unverified(rich_token, buffer, sizeof buffer));
  const jwtcore::result<jwtcore::unverified_token> unverified_bad =
      jwtcore::decode_unverified(token_named(utf8_cases, "invalid UTF-8: invalid byte FF"), buffer, sizeof buffer);
  const std::size_t allocations = jwtcore_test::allocations() - before;

  CHECK(allocations == 0);
  CHECK(valid_ok);
  CHECK(rich_ok);
  CHECK(legacy_ok);
  CHECK(rotated_ok);
  CHECK(revoked.error() == error::revoked);
  CHECK(bad_signature.error() == error::bad_signature);
  CHECK(expired.error() == error::expired);
  CHECK(malformed.error() == error::malformed);
  CHECK(bad_header.error() == error::duplicate_member);
  CHECK(too_small.error() == error::buffer_too_small);
  CHECK(unverified_ok);
  CHECK(unverified_bad.error() == error::bad_utf8);
  CHECK_FALSE(revoked);
  CHECK_FALSE(unverified_bad);
}

// ---- the order of the checks ----------------------------------------------------------

TEST_CASE("order of checks: each check wins over every later one, as verify.hpp lists them") {
  const hs256_key_set empty;
  verifier v = standard();
  const segments valid = split(valid_token);

  // size, form, base64url (all three segments before any JSON)
  CHECK(run(v, std::string(16385, '.')) == refused(error::too_large));
  CHECK(run(v, "a=.b.c.d") == refused(error::malformed));
  CHECK(run(v, cat(valid.header, "=.", cat(" ", valid.payload), ".", valid.signature)) ==
        refused(error::bad_base64url_padding));
  CHECK(run(v, cat(valid.header, ".", cat(valid.payload, "="), ".", cat(valid.signature, " "))) ==
        refused(error::bad_base64url_padding));
  CHECK(run(v, cat(split(order_alg_none_bad_json).header, ".", valid.payload, ".", cat(valid.signature, "="))) ==
        refused(error::bad_base64url_padding));
  // header JSON, then alg, then crit, then the types of typ and kid
  CHECK(run(v, order_alg_none_bad_json) == refused(error::bad_header));
  CHECK(run(v, order_alg_none_crit) == refused(error::alg_not_allowed));
  CHECK(run(v, order_alg_none_typ_number) == refused(error::alg_not_allowed));
  CHECK(run(v, order_alg_none_kid_number) == refused(error::alg_not_allowed));
  CHECK(run(v, order_crit_kid_number) == refused(error::crit_unsupported));
  CHECK(run(v, order_crit_typ_array) == refused(error::crit_unsupported));
  // the header before the keys
  v.keys(empty);
  CHECK(run(v, order_crit) == refused(error::crit_unsupported));
  CHECK(run(v, alg_none_token) == refused(error::alg_not_allowed));
  CHECK(run(v, token_named(typ_kid_cases, "kid 1")) == refused(error::bad_header));
  // the keys before the signature
  const std::string garbage_signature = cat(valid.header, ".", valid.payload, ".AAAA");
  CHECK(run(v, garbage_signature) == refused(error::no_key));
  const hs256_key a(kid_a_secret), short_refused(short_secret_text);
  hs256_key_set named;
  named.add(a, "a");
  v.keys(named);
  CHECK(run(v, order_kid_unknown) == refused(error::unknown_kid));
  const hs256_key_set only_short = set_of(short_refused);
  v.keys(only_short);
  CHECK(run(v, garbage_signature) == refused(error::key_too_short));
  // the signature before the payload
  v.keys(current_set());
  CHECK(run(v, garbage_signature) == refused(error::bad_signature));
  CHECK(run(v, order_unsigned_array_payload) == refused(error::bad_signature));
  CHECK(run(v, order_unsigned_bad_utf8_payload) == refused(error::bad_signature));

  // claim types, then exp present, then exp, nbf, iat, aud, iss, scopes, deny list
  jwtcore::fixed_deny_list<1> deny;
  deny.add(api_audience, "jti-revoked");
  v.audience(api_audience).issuer(tenant_issuer).require_scopes("read:users").revocations(&deny).reject_future_iat();
  CHECK(run(v, policy_ok) == accepted);
  CHECK(run(v, policy_bad_type_and_expired) == refused(error::bad_claim));
  CHECK(run(v, policy_bad_type_last) == refused(error::bad_claim));
  CHECK(run(v, policy_no_exp_and_aud) == refused(error::bad_claim));
  CHECK(run(v, policy_expired_and_nbf) == refused(error::expired));
  CHECK(run(v, policy_nbf_and_iat) == refused(error::not_yet_valid));
  CHECK(run(v, policy_iat_and_aud) == refused(error::issued_in_future));
  CHECK(run(v, policy_aud_and_iss) == refused(error::wrong_audience));
  CHECK(run(v, policy_iss_and_scope) == refused(error::wrong_issuer));
  CHECK(run(v, policy_scope_and_revoked) == refused(error::missing_scope));
  CHECK(run(v, policy_revoked) == refused(error::revoked));
}

// ---- the one pass over the payload, the standard header, decode_unverified's limits -----

namespace {

// Made by the recipe at the top of this file, under the current secret.
// tok(H, J(wide)): 41 members before the registered claims, more than the one
// pass keeps for itself, so the claims are read again from the text:
//   wide = {"exp":1700086400,"c00":0,...,"c39":39,"iss":"https://tenant.example/",
//           "aud":["a","GLOBAL_CLIENT"],"scope":"read:users","jti":"wide-1","sub":"x\u00e9"}
constexpr std::string_view wide_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsImMwMCI6MCwiYzAxIjoxLCJjMDIiOjIsImMwMyI6MywiYz"
    "A0Ijo0LCJjMDUiOjUsImMwNiI6NiwiYzA3Ijo3LCJjMDgiOjgsImMwOSI6OSwiYzEwIjoxMCwiYzExIjoxMSwiYzEyIjoxMiwiYzEzIjoxMy"
    "wiYzE0IjoxNCwiYzE1IjoxNSwiYzE2IjoxNiwiYzE3IjoxNywiYzE4IjoxOCwiYzE5IjoxOSwiYzIwIjoyMCwiYzIxIjoyMSwiYzIyIjoyMi"
    "wiYzIzIjoyMywiYzI0IjoyNCwiYzI1IjoyNSwiYzI2IjoyNiwiYzI3IjoyNywiYzI4IjoyOCwiYzI5IjoyOSwiYzMwIjozMCwiYzMxIjozMS"
    "wiYzMyIjozMiwiYzMzIjozMywiYzM0IjozNCwiYzM1IjozNSwiYzM2IjozNiwiYzM3IjozNywiYzM4IjozOCwiYzM5IjozOSwiaXNzIjoiaH"
    "R0cHM6Ly90ZW5hbnQuZXhhbXBsZS8iLCJhdWQiOlsiYSIsIkdMT0JBTF9DTElFTlQiXSwic2NvcGUiOiJyZWFkOnVzZXJzIiwianRpIjoid2"
    "lkZS0xIiwic3ViIjoieMOpIn0.sWRx9v9ubcRA-LVF11nqWEM3pT37o4AEtMr1ixhnLmg"sv;
// tok(`{"typ":"JWT","alg":"HS256"}`, PS): the standard members in another order
constexpr std::string_view reordered_header_token =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwODY0MDB9.5WIlfPO6kNP120Om0dC9TMFwl4cpM7SyVQ7VqvFX9WI"sv;
// tok(`{"alg": "HS256", "typ": "JWT"}`, PS): the standard header with spaces
constexpr std::string_view spaced_header_token =
    "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJleHAiOjE3MDAwODY0MDB9.UTplzxFUklF-UQgWgXdo1Ei_-qBOqRgjp1fY4g59puY"sv;
// tok(H, {"exp":1700086400,"n":{"n":... {"k":1,"k":2} ...}}): a duplicate 10
// objects deep, beyond the nesting the one pass follows
constexpr std::string_view deep_duplicate_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsiayI6MSwiayI6Mn19fX19fX19fX19.x7hhPUdi-3S1gCvEU7Gz7snVk4auOdyG5DFbpgGg8gM"sv;
// The same with "j" for the second "k", and "iss":"https://tenant.example/"
// after the nesting
constexpr std::string_view deep_distinct_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwODY0MDAsIm4iOnsibiI6eyJuIjp7Im4iOnsibiI6eyJuIjp7Im4iOnsib"
    "iI6eyJuIjp7Im4iOnsiayI6MSwiaiI6Mn19fX19fX19fX0sImlzcyI6Imh0dHBzOi8vdGVuYW50LmV4YW1wbGUvIn0.kLWGosTcz3pR3eHRgG"
    "vL0O4U07iPzObllCrcIOZbg-A"sv;
// tok({"alg":"HS256","h00":0,...,"h31":0}, PS): a header of 33 members
constexpr std::string_view header_33_members_token =
    "eyJhbGciOiJIUzI1NiIsImgwMCI6MCwiaDAxIjowLCJoMDIiOjAsImgwMyI6MCwiaDA0IjowLCJoMDUiOjAsImgwNiI6MCwiaDA3IjowLCJoMD"
    "giOjAsImgwOSI6MCwiaDEwIjowLCJoMTEiOjAsImgxMiI6MCwiaDEzIjowLCJoMTQiOjAsImgxNSI6MCwiaDE2IjowLCJoMTciOjAsImgxOCI6"
    "MCwiaDE5IjowLCJoMjAiOjAsImgyMSI6MCwiaDIyIjowLCJoMjMiOjAsImgyNCI6MCwiaDI1IjowLCJoMjYiOjAsImgyNyI6MCwiaDI4IjowLC"
    "JoMjkiOjAsImgzMCI6MCwiaDMxIjowfQ.eyJleHAiOjE3MDAwODY0MDB9.DmZf90Ug1fXTA-1wRzCDtkl3aIkb_byqDaZiuRe31Ew"sv;
// tok({"alg":"HS256","d":[[[[[[[[]]]]]]]]}, PS): a header 9 deep
constexpr std::string_view header_9_deep_token =
    "eyJhbGciOiJIUzI1NiIsImQiOltbW1tbW1tbXV1dXV1dXV19.eyJleHAiOjE3MDAwODY0MDB9.DQafAPbVp0ZVpnkq5tIkvHRHuNzQ3Sun77yJY"
    "1iosUA"sv;

}  // namespace

TEST_CASE("one pass: a payload wider than the pass keeps is read again, to the same claims") {
  verifier v = standard();
  v.audience("GLOBAL_CLIENT").issuer(tenant_issuer).require_scopes("read:users");
  const owned_claims c = verify_owned(v, wide_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->exp == 1700086400);
  CHECK(c.result->iss == tenant_issuer);
  CHECK(c.result->audience_is_array);
  CHECK(c.result->audience_count == 2);
  CHECK(c.result->audiences[0] == "a");
  CHECK(c.result->audiences[1] == "GLOBAL_CLIENT");
  CHECK(c.result->scope == "read:users");
  CHECK(c.result->jti == "wide-1");
  CHECK(c.result->sub == "x\xC3\xA9");
  CHECK(c.owns(c.result->sub));
  CHECK(run(standard(), wide_token) == accepted);
}

TEST_CASE("one pass: objects nested deeper than it follows are still checked for duplicates") {
  CHECK(run(standard(), deep_duplicate_token) == refused(error::duplicate_member));
  const verifier v = standard();
  const owned_claims c = verify_owned(v, deep_distinct_token);
  JWTCORE_REQUIRE(c.result);
  CHECK(c.result->iss == tenant_issuer);
  CHECK(c.result->exp == 1700086400);
}

TEST_CASE("header: only the standard header segment, byte for byte, skips the parse; others are read") {
  verifier v = standard();
  for (const std::string_view token : {small_token, reordered_header_token, spaced_header_token}) {
    INFO(token);
    const owned_claims c = verify_owned(v, token);
    JWTCORE_REQUIRE(c.result);
    CHECK(c.owns(c.result->header_json));
    const jwtcore::result<std::string> header = jwtcore::base64url_decode(split(token).header);
    JWTCORE_REQUIRE(header);
    CHECK(c.result->header_json == *header);
    CHECK(c.result->payload_json == R"({"exp":1700086400})");
  }
  // The fast path applies to the segment, not to its decoding: one character
  // off anywhere in it is as strict as any other header.
  const std::string standard_token(small_token);
  for (std::size_t i = 0; i < header_segment.size(); ++i) {
    std::string changed = standard_token;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    INFO(i);
    CHECK(run(v, changed) != accepted);
  }
}

TEST_CASE("decode_unverified under a verifier's limits: its size limit and the tight header limits") {
  verifier v = standard();
  const auto member = [&](std::string_view token) {
    std::vector<char> buffer(verifier::buffer_size_for(token.size()) + guard_size, guard_byte);
    const jwtcore::result<jwtcore::unverified_token> r =
        v.decode_unverified(token, buffer.data(), buffer.size() - guard_size);
    if (!guard_intact(buffer, buffer.size() - guard_size)) FAIL_CHECK("decode_unverified wrote past its capacity");
    return r ? accepted : refused(r.error());
  };
  // The free function reads headers under the reader's defaults; the member as verify() does.
  CHECK(run_unverified(header_33_members_token) == accepted);
  CHECK(member(header_33_members_token) == refused(error::bad_header));
  CHECK(run(v, header_33_members_token) == refused(error::bad_header));
  CHECK(run_unverified(header_9_deep_token) == accepted);
  CHECK(member(header_9_deep_token) == refused(error::too_deep));
  CHECK(run(v, header_9_deep_token) == refused(error::too_deep));
  // The verifier's size limit and its depth limit for the payload.
  CHECK(member(valid_token) == accepted);
  v.max_token_size(valid_token.size() - 1);
  CHECK(member(valid_token) == refused(error::too_large));
  CHECK(run_unverified(valid_token) == accepted);
  v.max_token_size(verifier::default_max_token_size);
  CHECK(member(nested_20_token) == accepted);
  v.max_depth(19);
  CHECK(member(nested_20_token) == refused(error::too_deep));
  CHECK(run(v, nested_20_token) == refused(error::too_deep));
  CHECK(run_unverified(nested_20_token) == accepted);
  // What it decodes is what the free function decodes.
  std::vector<char> a(verifier::buffer_size_for(rich_token.size())), b(a.size());
  const jwtcore::result<jwtcore::unverified_token> free_result = jwtcore::decode_unverified(rich_token, a.data(), a.size());
  const jwtcore::result<jwtcore::unverified_token> member_result = standard().decode_unverified(rich_token, b.data(), b.size());
  JWTCORE_REQUIRE(free_result);
  JWTCORE_REQUIRE(member_result);
  CHECK(free_result->header_json == member_result->header_json);
  CHECK(free_result->payload_json == member_result->payload_json);
  CHECK(free_result->signature_segment == member_result->signature_segment);
}
