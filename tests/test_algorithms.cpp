// HS256, HS384 and HS512 keys: each signs under its own algorithm, and a
// verifier accepts a token only under a key of the algorithm its header names,
// with a signature of exactly that algorithm's MAC length (RFC 7518 section 3.2,
// RFC 8725 section 3.1). Every expected token, MAC and verdict comes from
// tests/data/verify_tokens.json, which make_verify_tokens.py writes with
// python3's hmac and hashlib.
#include <doctest/doctest.h>

#include "support/error_names.hpp"
#include "support/vectors.hpp"
#include "support/verify_tokens.hpp"

#include <jwtcore/jwtcore.hpp>

#include <cstddef>      // std::size_t
#include <string>       // tokens built here
#include <string_view>  // views into the data
#include <vector>       // buffers, batches

namespace {

using jwtcore::error;
using jwtcore::jwt_alg;
using jwtcore::jwt_key;
using jwtcore::jwt_key_set;
using jwtcore::short_secret;
using jwtcore::verifier;

constexpr jwt_alg all_algs[] = {jwt_alg::hs256, jwt_alg::hs384, jwt_alg::hs512};
constexpr std::int64_t now = 1700000000;

std::string lower(jwt_alg alg) {
  std::string name(jwtcore::alg_name(alg));
  for (char& c : name) c = static_cast<char>(c | 0x20);
  return name;
}
std::string_view value(const std::string& name) { return jwtcore_test::token_value(name); }
std::string_view secret_of(jwt_alg alg) { return value("alg_secret_" + lower(alg)); }

// The verdict of `v` on `token`: "accepted" or the error's name.
std::string verdict(const verifier& v, std::string_view token) {
  std::vector<char> buffer(verifier::buffer_size_for(token.size()));
  const jwtcore::result<jwtcore::verified_claims> claims = v.verify(token, now, buffer.data(), buffer.size());
  return claims ? "accepted" : std::string(jwtcore::to_string(claims.error()));
}

std::string signed_text(const jwt_key& key, std::string_view payload, const jwtcore::sign_options& options = {}) {
  std::vector<char> out(jwtcore::token_size(key.alg(), payload.size()) + 64);
  const jwtcore::result<std::size_t> size = jwtcore::sign_into(key, payload, out.data(), out.size(), options);
  CHECK(size);
  return size ? std::string(out.data(), *size) : std::string();
}

void check_table(const verifier& v, std::string_view table) {
  const std::vector<jwtcore_test::token_row> rows = jwtcore_test::token_table(table);
  CHECK(rows.size() >= 10);
  for (const jwtcore_test::token_row& row : rows) {
    INFO(table, ": ", std::string(row.name));
    CHECK(verdict(v, row.token) == row.expect);
  }
}

}  // namespace

TEST_CASE("algorithms: names, sizes and standard headers") {
  CHECK(jwtcore::alg_name(jwt_alg::hs384) == "HS384");
  CHECK(jwtcore::mac_size(jwt_alg::hs256) == 32);
  CHECK(jwtcore::mac_size(jwt_alg::hs384) == 48);
  CHECK(jwtcore::mac_size(jwt_alg::hs512) == 64);
  CHECK(jwtcore::signature_segment_size(jwt_alg::hs256) == 43);
  CHECK(jwtcore::signature_segment_size(jwt_alg::hs384) == 64);
  CHECK(jwtcore::signature_segment_size(jwt_alg::hs512) == 86);
  for (const jwt_alg alg : all_algs) {
    CAPTURE(jwtcore::alg_name(alg));
    CHECK(jwtcore::min_secret_size(alg) == jwtcore::mac_size(alg));
    CHECK(jwtcore::standard_header_segment(alg) == value(lower(alg) + "_header_segment"));
    CHECK(jwtcore::base64url_encode(jwtcore::standard_header_json(alg)) == jwtcore::standard_header_segment(alg));
    const jwtcore::result<jwt_alg> parsed = jwtcore::parse_alg(jwtcore::alg_name(alg));
    CHECK((parsed && *parsed == alg));
  }
  for (std::string_view bad : {"", "none", "hs256", "HS256 ", "HS1024", "RS256", "HS"}) {
    CHECK(jwtcore::parse_alg(bad).error() == error::alg_not_allowed);
  }
}

TEST_CASE("algorithms: each key signs what python's hmac signs, with and without kid") {
  const std::string_view payload = value("alg_payload_json");
  for (const jwt_alg alg : all_algs) {
    CAPTURE(jwtcore::alg_name(alg));
    const jwt_key key(alg, secret_of(alg));
    CHECK(key.alg() == alg);
    CHECK(key.usable());
    CHECK(signed_text(key, payload) == value(lower(alg) + "_token"));
    CHECK(signed_text(key, payload, {"k1"}) == value(lower(alg) + "_kid_token"));
    CHECK(signed_text(key, payload).size() == jwtcore::token_size(alg, payload.size()));
    // The MAC itself, from the key's function.
    const std::string token(value(lower(alg) + "_token"));
    std::uint8_t mac[64] = {};
    key.mac(token.data(), token.rfind('.'), mac);
    CHECK(jwtcore_test::to_hex(mac, jwtcore::mac_size(alg)) == value(lower(alg) + "_mac_hex"));
    // A clone and a moved key sign alike; the moved-from key is wiped.
    jwt_key moved(key.clone());
    CHECK(signed_text(moved, payload) == value(lower(alg) + "_token"));
#if JWTCORE_STD_STRING
    const jwtcore::result<std::string> as_string = jwtcore::sign(key, payload);
    CHECK((as_string && *as_string == value(lower(alg) + "_token")));
#endif
  }
}

TEST_CASE("algorithms: the batch signs each algorithm as sign_into does") {
  for (const jwt_alg alg : all_algs) {
    CAPTURE(jwtcore::alg_name(alg));
    const jwt_key key(alg, secret_of(alg));
    std::vector<std::string> payloads;
    for (int i = 0; i < 5; ++i) payloads.push_back("{\"exp\":1700086400,\"jti\":\"j" + std::to_string(i) + "\"}");
    payloads.push_back("[]");  // refused alone
    std::vector<std::vector<char>> outs(payloads.size(), std::vector<char>(256));
    std::vector<jwtcore::text_job> jobs(payloads.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      jobs[i].payload_json = payloads[i];
      jobs[i].out = outs[i].data();
      jobs[i].capacity = outs[i].size();
    }
    CHECK(jwtcore::sign_batch(key, jobs.data(), jobs.size(), {"k1"}) == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(jobs[i].token_size);
      if (!jobs[i].token_size) continue;
      CHECK(std::string(outs[i].data(), *jobs[i].token_size) == signed_text(key, payloads[i], {"k1"}));
    }
    CHECK(jobs[5].token_size.error() == error::bad_payload);
  }
}

TEST_CASE("algorithms: a secret shorter than the hash needs the opt-in") {
  const std::string_view payload = "{\"exp\":1700086400}";
  for (const jwt_alg alg : {jwt_alg::hs384, jwt_alg::hs512}) {
    CAPTURE(jwtcore::alg_name(alg));
    const std::string_view short_secret_text = value("alg_short_secret_" + lower(alg));
    CHECK(short_secret_text.size() == jwtcore::min_secret_size(alg) - 1);
    const jwt_key refused(alg, short_secret_text);
    CHECK(refused.usable().error() == error::key_too_short);
    char out[512];
    CHECK(jwtcore::sign_into(refused, payload, out, sizeof(out)).error() == error::key_too_short);
    const std::string_view token = value(lower(alg) + "_short_token");
    CHECK_FALSE(jwtcore::check_signature(refused, token));
    jwt_key_set refused_set;
    refused_set.add(refused);
    CHECK(verdict(verifier().keys(refused_set), token) == "key_too_short");

    const jwt_key allowed(alg, short_secret_text, short_secret::allow);
    CHECK(allowed.usable());
    CHECK(signed_text(allowed, payload) == token);
    CHECK(jwtcore::check_signature(allowed, token));
    jwt_key_set allowed_set;
    allowed_set.add(allowed);
    CHECK(verdict(verifier().keys(allowed_set), token) == "accepted");
    // A secret as long as the hash needs nothing.
    CHECK(jwt_key(alg, secret_of(alg)).usable());
  }
  // 32 bytes suffice for HS256 but not for HS384.
  CHECK(jwt_key(jwt_alg::hs384, secret_of(jwt_alg::hs256)).usable().error() == error::key_too_short);
}

TEST_CASE("algorithms: check_signature holds a token to its key's algorithm and MAC length") {
  for (const jwt_alg alg : all_algs) {
    CAPTURE(jwtcore::alg_name(alg));
    const jwt_key key(alg, secret_of(alg));
    const std::string token(value(lower(alg) + "_token"));
    CHECK(jwtcore::check_signature(key, token));
    std::string flipped = token;
    flipped[token.size() - 2] = flipped[token.size() - 2] == 'A' ? 'B' : 'A';
    CHECK_FALSE(jwtcore::check_signature(key, flipped));
    CHECK_FALSE(jwtcore::check_signature(key, token.substr(0, token.size() - 1)));
    CHECK_FALSE(jwtcore::check_signature(key, token + "A"));
    for (const jwt_alg other : all_algs) {
      if (other == alg) continue;
      // The same secret under another algorithm: neither that token nor this one.
      const jwt_key other_key(other, secret_of(alg), short_secret::allow);
      CHECK_FALSE(jwtcore::check_signature(other_key, token));
      CHECK_FALSE(jwtcore::check_signature(key, signed_text(other_key, value("alg_payload_json"))));
    }
  }
}

TEST_CASE("algorithms: a verifier with one key accepts only tokens of that key's algorithm") {
  for (const jwt_alg alg : all_algs) {
    CAPTURE(jwtcore::alg_name(alg));
    const jwt_key key(alg, secret_of(alg));
    jwt_key_set set;
    set.add(key);
    const verifier v = verifier().keys(set);
    check_table(v, "alg_" + lower(alg) + "_key");
    // The verified claims name the algorithm.
    const std::string_view token = value(lower(alg) + "_token");
    std::vector<char> buffer(verifier::buffer_size_for(token.size()));
    const jwtcore::result<jwtcore::verified_claims> claims = v.verify(token, now, buffer.data(), buffer.size());
    CHECK(claims);
    if (!claims) continue;
    CHECK(claims->alg == alg);
    CHECK(claims->header_json == jwtcore::standard_header_json(alg));
    CHECK(claims->payload_json == value("alg_payload_json"));
    CHECK(claims->grants("update:clients"));
  }
}

TEST_CASE("algorithms: a mixed key set picks keys by kid, then by algorithm") {
  const jwt_key k256(jwt_alg::hs256, secret_of(jwt_alg::hs256));
  const jwt_key k384(jwt_alg::hs384, secret_of(jwt_alg::hs384));
  const jwt_key k512(jwt_alg::hs512, secret_of(jwt_alg::hs512));
  jwt_key_set set;
  CHECK(set.add(k256, "a256"));
  CHECK(set.add(k384, "b384"));
  CHECK(set.add(k512, "c512"));
  check_table(verifier().keys(set), "alg_mixed_keys");

  // Tokens the library signs verify under the mixed set, with their kid or none.
  for (const jwt_key* key : {&k256, &k384, &k512}) {
    CAPTURE(jwtcore::alg_name(key->alg()));
    const std::string kid = key == &k256 ? "a256" : key == &k384 ? "b384" : "c512";
    CHECK(verdict(verifier().keys(set), signed_text(*key, "{\"exp\":1700086400}", {kid})) == "accepted");
    CHECK(verdict(verifier().keys(set), signed_text(*key, "{\"exp\":1700086400}")) == "accepted");
  }
  // The HS256 shorthand joins a mixed set as any key does.
  const jwtcore::hs256_key legacy(secret_of(jwt_alg::hs256));
  jwt_key_set with_legacy;
  with_legacy.add(legacy);
  with_legacy.add(k512);
  CHECK(verdict(verifier().keys(with_legacy), value("hs256_token")) == "accepted");
  CHECK(verdict(verifier().keys(with_legacy), value("hs512_token")) == "accepted");
  CHECK(verdict(verifier().keys(with_legacy), value("hs384_token")) == "alg_not_allowed");
}
