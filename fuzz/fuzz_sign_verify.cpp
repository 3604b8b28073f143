// fuzz/fuzz_sign_verify.cpp: claims, key (HS256, HS384 or HS512) and options
// derived from the input are signed; signing must fail exactly when the input
// says it should (secret shorter than the algorithm's minimum, bad scope,
// duplicate claim name, invalid UTF-8), and otherwise a verifier holding keys
// of all three algorithms must accept the token and give back exactly the
// claims that went in, while a set without a key of the token's algorithm
// (the same secret under the other two among them) refuses it with
// alg_not_allowed; the text path and a batch must sign the same bytes.
// Flipping any one byte of the token must then make it refused. The input's last bytes are
// also signed as payload text: the signer must give the JSON reader's
// verdict, and the fast base64url codec for public text agree with the
// constant-time one.
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcmp
#include <memory>       // exact-size heap buffers, so ASan sees any overrun
#include <string>       // generated scopes and expected texts
#include <string_view>  // fields are views into the input
#include <vector>       // scopes, audiences, custom claims

#include <jwtcore/jwtcore.hpp>

#include "fuzz_support.hpp"

namespace {

constexpr std::string_view actions[] = {"read", "create", "update", "delete", "blacklist", "update_app", "x_1", "a"};
constexpr std::string_view entities[] = {"users", "clients", "tokens", "user_tickets", "users_app_metadata",
                                         "current_user", "grants", "logs"};

struct custom {
  std::string_view name;
  std::uint8_t kind;  // 0 string, 1 integer, 2 boolean
  std::string_view text;
  std::int64_t number;
};

constexpr std::string_view decoy_secret =
    "jwtcore-fuzz-decoy-secret-0123456789abcdef-0123456789abcdef-0123456789abcdef";
constexpr jwtcore::jwt_alg algs[] = {jwtcore::jwt_alg::hs256, jwtcore::jwt_alg::hs384, jwtcore::jwt_alg::hs512};

// The signature segment of `signing_input`, by the one-shot HMAC of the
// algorithm from the raw secret (the HMACs themselves are fuzz_hash_hmac's business).
std::string signature_segment(jwtcore::jwt_alg alg, std::string_view secret, std::string_view signing_input) {
  const auto encode = [](const auto& mac) {
    return jwtcore::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  };
  switch (alg) {
    case jwtcore::jwt_alg::hs384:
      return encode(jwtcore::hmac_sha384(secret, signing_input));
    case jwtcore::jwt_alg::hs512:
      return encode(jwtcore::hmac_sha512(secret, signing_input));
    default:
      return encode(jwtcore::hmac_sha256(secret, signing_input));
  }
}

// Any text as a payload: the signer reports the reader's verdict, and signs
// exactly the text when it is valid. The two base64url codecs agree
// on the text as bytes and as base64url.
void check_text_payload(jwtcore::jwt_alg alg, std::string_view text) {
  const jwtcore::result<void> read = jwtcore::json_validate_object(text);
  const jwtcore::jwt_key key(alg, decoy_secret);
  const std::size_t capacity = jwtcore::token_size(alg, text.size());
  std::unique_ptr<char[]> out(new char[capacity]);
  const jwtcore::result<std::size_t> signed_size = jwtcore::sign_into(key, text, out.get(), capacity);
  FUZZ_CHECK(signed_size.has_value() == read.has_value());
  if (!signed_size) {
    FUZZ_CHECK(signed_size.error() == read.error());
  } else {
    const std::string signing_input =
        std::string(jwtcore::standard_header_segment(alg)) + "." + jwtcore::base64url_encode(text);
    const std::string expected = signing_input + "." + signature_segment(alg, decoy_secret, signing_input);
    FUZZ_CHECK(std::string_view(out.get(), *signed_size) == expected);
  }

  const std::size_t encoded_size = jwtcore::base64url_encoded_size(text.size());
  std::unique_ptr<char[]> constant_time(new char[encoded_size + 1]), fast(new char[encoded_size + 1]);
  FUZZ_CHECK(jwtcore::base64url_encode_into(text, constant_time.get(), encoded_size));
  FUZZ_CHECK(jwtcore::base64url_encode_public_into(text, fast.get(), encoded_size));
  FUZZ_CHECK(std::memcmp(constant_time.get(), fast.get(), encoded_size) == 0);
  const std::size_t decoded_size = jwtcore::base64url_decoded_size(text.size());
  std::unique_ptr<std::uint8_t[]> decoded_ct(new std::uint8_t[decoded_size + 1]()),
      decoded_fast(new std::uint8_t[decoded_size + 1]());
  const jwtcore::result<std::size_t> a = jwtcore::base64url_decode_into(text, decoded_ct.get(), decoded_size);
  const jwtcore::result<std::size_t> b = jwtcore::base64url_decode_public_into(text, decoded_fast.get(), decoded_size);
  FUZZ_CHECK(a.has_value() == b.has_value());
  FUZZ_CHECK(a ? *a == *b : a.error() == b.error());
  FUZZ_CHECK(std::memcmp(decoded_ct.get(), decoded_fast.get(), decoded_size) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::byte_reader in(data, size);
  const std::uint8_t flags = in.u8(), more_flags = in.u8();
  const bool allow_short = flags & 1, has_kid = flags & 2, has_iss = flags & 4, has_sub = flags & 8;
  const unsigned aud_mode = (flags >> 4) & 3;  // 0 none, 1 a string, 2 and 3 an array
  const bool has_jti = flags & 64, legacy = flags & 128;
  const bool has_iat = more_flags & 1, has_nbf = more_flags & 2, has_exp = more_flags & 4;
  const bool has_scopes = more_flags & 8, known_only = more_flags & 16;
  const jwtcore::jwt_alg alg = algs[(more_flags >> 5) % 3];

  const std::string_view secret = in.short_string();
  const std::string_view kid = has_kid ? in.short_string() : std::string_view();
  const std::string_view iss = has_iss ? in.short_string() : std::string_view();
  const std::string_view sub = has_sub ? in.short_string() : std::string_view();
  std::vector<std::string_view> auds;
  if (aud_mode == 1) auds.push_back(in.short_string());
  if (aud_mode >= 2) {
    const std::size_t n = in.u8() % 4 + 1u;
    for (std::size_t i = 0; i < n; ++i) auds.push_back(in.short_string());
  }
  const std::string_view jti = has_jti ? in.short_string() : std::string_view();
  // now = t; nbf <= t < exp, so the token is valid at t.
  const std::int64_t t = static_cast<std::int64_t>(in.u64()) / 4;
  const std::int64_t nbf = t - static_cast<std::int64_t>(in.u32());
  const std::int64_t exp = t + 1 + static_cast<std::int64_t>(in.u32());
  const std::int64_t iat = static_cast<std::int64_t>(in.u64());

  std::vector<std::string> scope_texts;
  const std::size_t scope_count = has_scopes ? in.u8() % 8u : 0u;
  for (std::size_t i = 0; i < scope_count; ++i) {
    const std::uint8_t b = in.u8();
    if (b < 0xF0) {
      scope_texts.push_back(std::string(actions[b % 8]) + ":" + std::string(entities[(b / 8) % 8]));
    } else {
      scope_texts.emplace_back(in.short_string());
    }
  }
  const std::vector<std::string_view> scope_views(scope_texts.begin(), scope_texts.end());
  const jwtcore::scope_list scopes(scope_views.data(), scope_views.size());

  std::vector<custom> customs(in.u8() % 4u);
  for (custom& c : customs) {
    c.name = in.short_string();
    c.kind = static_cast<std::uint8_t>(in.u8() % 3);
    if (c.kind == 0) c.text = in.short_string();
    c.number = c.kind == 1 ? static_cast<std::int64_t>(in.u64()) : in.u8() & 1;
  }
  const std::uint8_t mask = static_cast<std::uint8_t>(in.u8() | 1);  // never 0: every flip changes the byte
  check_text_payload(alg, in.rest());

  // ---- sign ----
  const jwtcore::short_secret policy = allow_short ? jwtcore::short_secret::allow : jwtcore::short_secret::refuse;
  const jwtcore::jwt_key key(alg, secret, policy);
  FUZZ_CHECK(key.alg() == alg && key.secret_size() == secret.size());
  jwtcore::claims claim_set;
  if (has_iss) claim_set.issuer(iss);
  if (has_sub) claim_set.subject(sub);
  if (aud_mode == 1) claim_set.audience(auds[0]);
  if (aud_mode >= 2) claim_set.audiences(auds.data(), auds.size());
  if (has_iat) claim_set.issued_at(iat);
  if (has_nbf) claim_set.not_before(nbf);
  if (has_exp) claim_set.expires_at(exp);
  if (has_jti) claim_set.jwt_id(jti);
  if (has_scopes) {
    claim_set.scopes(scopes, legacy ? jwtcore::scope_format::legacy_object : jwtcore::scope_format::space_separated);
  }
  claim_set.scope_checking(known_only ? jwtcore::scope_policy::known_only : jwtcore::scope_policy::any_well_formed);
  for (const custom& c : customs) {
    if (c.kind == 0) claim_set.custom_string(c.name, c.text);
    if (c.kind == 1) claim_set.custom_integer(c.name, c.number);
    if (c.kind == 2) claim_set.custom_boolean(c.name, c.number != 0);
  }
  jwtcore::sign_options options;
  options.kid = kid;

  // The outcome the input calls for, in the order the checks are documented.
  bool expect_ok = true;
  jwtcore::error expected_error = jwtcore::error::buffer_too_small;
  const auto expect = [&](jwtcore::error e) {
    if (expect_ok) expect_ok = false, expected_error = e;
  };
  if (!allow_short && secret.size() < jwtcore::mac_size(alg)) expect(jwtcore::error::key_too_short);
  if (!fuzz::valid_utf8(kid)) expect(jwtcore::error::bad_utf8);
  if (const jwtcore::scope_check checked = claim_set.check_scopes(); !checked) expect(checked.error());
  for (std::size_t i = 0; i < customs.size(); ++i) {
    if (jwtcore::claims::is_registered_name(customs[i].name)) expect(jwtcore::error::duplicate_member);
    for (std::size_t j = 0; j < i; ++j) {
      if (customs[j].name == customs[i].name) expect(jwtcore::error::duplicate_member);
    }
  }
  bool all_utf8 = fuzz::valid_utf8(iss) && fuzz::valid_utf8(sub) && fuzz::valid_utf8(jti);
  for (std::string_view a : auds) all_utf8 = all_utf8 && fuzz::valid_utf8(a);
  for (const custom& c : customs) all_utf8 = all_utf8 && fuzz::valid_utf8(c.name) && fuzz::valid_utf8(c.text);
  if (!all_utf8) expect(jwtcore::error::bad_utf8);

  const std::size_t capacity = 16 * size + 1024;
  std::unique_ptr<char[]> out(new char[capacity]);
  const jwtcore::result<std::size_t> signed_size = jwtcore::sign_into(key, claim_set, out.get(), capacity, options);
  FUZZ_CHECK(signed_size.has_value() == expect_ok);
  FUZZ_CHECK(static_cast<bool>(key.usable()) == (allow_short || secret.size() >= jwtcore::min_secret_size(alg)));
  if (!signed_size) {
    FUZZ_CHECK(signed_size.error() == expected_error);
    return 0;
  }
  const std::string token(out.get(), *signed_size);
  const jwtcore::result<std::string> as_string = jwtcore::sign(key, claim_set, options);
  FUZZ_CHECK(as_string && *as_string == token);
  // The HS256 names of the first release sign the same bytes.
  if (alg == jwtcore::jwt_alg::hs256) {
    const jwtcore::hs256_key hs256(secret, policy);
    const jwtcore::result<std::string> first_release = jwtcore::sign_hs256(hs256, claim_set, options);
    FUZZ_CHECK(first_release && *first_release == token && jwtcore::check_hs256_signature(hs256, token));
  }

  // Exactly big enough works; one byte less is refused without an overrun.
  {
    std::unique_ptr<char[]> exact(new char[token.size()]);
    const jwtcore::result<std::size_t> fits = jwtcore::sign_into(key, claim_set, exact.get(), token.size(), options);
    FUZZ_CHECK(fits && *fits == token.size() && std::memcmp(exact.get(), token.data(), token.size()) == 0);
    const jwtcore::result<std::size_t> short_by_one =
        jwtcore::sign_into(key, claim_set, exact.get(), token.size() - 1, options);
    FUZZ_CHECK(!short_by_one && short_by_one.error() == jwtcore::error::buffer_too_small);
  }

  // The text path signs the claim set's JSON into the same token, and so
  // does a batch, whichever path and whatever the job next to it.
  {
    std::unique_ptr<char[]> json(new char[capacity]);
    const jwtcore::result<std::size_t> json_size = claim_set.write_json(json.get(), capacity);
    FUZZ_CHECK(json_size.has_value());
    const std::string_view payload_json(json.get(), *json_size);
    std::unique_ptr<char[]> text_out(new char[token.size()]);
    const jwtcore::result<std::size_t> from_text =
        jwtcore::sign_into(key, payload_json, text_out.get(), token.size(), options);
    FUZZ_CHECK(from_text && std::string_view(text_out.get(), *from_text) == token);

    std::unique_ptr<char[]> batch_out(new char[4 * token.size()]);
    char* slot[4] = {batch_out.get(), batch_out.get() + token.size(), batch_out.get() + 2 * token.size(),
                     batch_out.get() + 3 * token.size()};
    jwtcore::claims_job claim_jobs[3] = {{&claim_set, slot[0], token.size()},
                                               {&claim_set, slot[1], token.size() - 1},  // one byte short
                                               {&claim_set, slot[2], token.size()}};
    FUZZ_CHECK(jwtcore::sign_batch(key, claim_jobs, 3, options) == 2);
    FUZZ_CHECK(claim_jobs[0].token_size && std::string_view(slot[0], *claim_jobs[0].token_size) == token);
    FUZZ_CHECK(!claim_jobs[1].token_size && claim_jobs[1].token_size.error() == jwtcore::error::buffer_too_small);
    FUZZ_CHECK(claim_jobs[2].token_size && std::string_view(slot[2], *claim_jobs[2].token_size) == token);
    jwtcore::text_job text_jobs[2] = {{payload_json, slot[3], token.size()}, {"[]", slot[1], token.size()}};
    FUZZ_CHECK(jwtcore::sign_batch(key, text_jobs, 2, options) == 1);
    FUZZ_CHECK(text_jobs[0].token_size && std::string_view(slot[3], *text_jobs[0].token_size) == token);
    FUZZ_CHECK(!text_jobs[1].token_size && text_jobs[1].token_size.error() == jwtcore::error::bad_payload);

    // The claim set's JSON, whole and with one byte changed, as payload text.
    check_text_payload(alg, payload_json);
    std::string changed(payload_json);
    changed[(mask * 131u + size) % changed.size()] = static_cast<char>(data[size / 2] ^ mask);
    check_text_payload(alg, changed);
  }

  // The signature, recomputed from the raw secret.
  const std::size_t second_dot = token.rfind('.');
  FUZZ_CHECK(second_dot != std::string::npos);
  FUZZ_CHECK(token.substr(second_dot + 1) ==
             signature_segment(alg, secret, std::string_view(token).substr(0, second_dot)));
  FUZZ_CHECK(jwtcore::check_signature(key, token));
  const std::string_view header_segment = jwtcore::standard_header_segment(alg);
  if (kid.empty()) FUZZ_CHECK(token.compare(0, header_segment.size(), header_segment) == 0);

  // ---- verify ----
  // A decoy of each algorithm, named and unnamed, beside the key; and a set
  // without the key's algorithm: decoys and the same secret under the others.
  const jwtcore::jwt_key decoys[3] = {jwtcore::jwt_key(algs[0], decoy_secret), jwtcore::jwt_key(algs[1], decoy_secret),
                                      jwtcore::jwt_key(algs[2], decoy_secret)};
  std::unique_ptr<jwtcore::jwt_key> same_secret[3];
  jwtcore::jwt_key_set set, lacking;
  for (std::size_t a = 0; a < 3; ++a) {
    set.add(decoys[a], a == 1 ? std::string_view() : std::string_view("decoy"));
    if (algs[a] == alg) continue;
    same_secret[a].reset(new jwtcore::jwt_key(algs[a], secret, policy));
    lacking.add(decoys[a]);
    lacking.add(*same_secret[a], kid);
    FUZZ_CHECK(!jwtcore::check_signature(*same_secret[a], token));
  }
  set.add(key, kid);
  // A deny list that names this token's audience but another jti: no match.
  const std::string other_jti = std::string(jti) + "#";
  jwtcore::fixed_deny_list<1> denied;
  denied.add(auds.empty() ? std::string_view() : auds[0], other_jti);
  jwtcore::verifier verifier;
  verifier.keys(set).revocations(&denied).max_token_size(token.size());
  if (!has_exp) verifier.allow_missing_exp();
  if (!auds.empty()) verifier.audience(auds.back());
  if (has_iss) verifier.issuer(iss);
  if (has_scopes) verifier.require_scopes(scopes);

  const std::size_t buffer_size = jwtcore::verifier::buffer_size_for(token.size());
  std::unique_ptr<char[]> buffer(new char[buffer_size]);
  const jwtcore::result<jwtcore::verified_claims> verified = verifier.verify(token, t, buffer.get(), buffer_size);
  FUZZ_CHECK(verified.has_value());
  const jwtcore::verified_claims& c = *verified;
  FUZZ_CHECK(c.alg == alg && c.kid == kid);
  if (kid.empty()) FUZZ_CHECK(c.header_json == jwtcore::standard_header_json(alg));
  {
    jwtcore::verifier without(verifier);
    without.keys(lacking);
    const jwtcore::result<jwtcore::verified_claims> refused = without.verify(token, t, buffer.get(), buffer_size);
    FUZZ_CHECK(!refused && refused.error() == jwtcore::error::alg_not_allowed);
  }
  FUZZ_CHECK(c.has_iss == has_iss && c.iss == iss);
  FUZZ_CHECK(c.has_sub == has_sub && c.sub == sub);
  FUZZ_CHECK(c.has_jti == has_jti && c.jti == jti);
  FUZZ_CHECK(c.audience_count == auds.size() && c.audience_is_array == (aud_mode >= 2));
  for (std::size_t i = 0; i < auds.size(); ++i) FUZZ_CHECK(c.audiences[i] == auds[i]);
  FUZZ_CHECK(c.has_iat == has_iat && (!has_iat || c.iat == iat));
  FUZZ_CHECK(c.has_nbf == has_nbf && (!has_nbf || c.nbf == nbf));
  FUZZ_CHECK(c.has_exp == has_exp && (!has_exp || c.exp == exp));
  if (has_scopes && !legacy) {
    std::string joined;
    for (std::size_t i = 0; i < scope_views.size(); ++i) {
      bool seen = false;
      for (std::size_t j = 0; j < i; ++j) seen = seen || scope_views[j] == scope_views[i];
      if (seen) continue;
      if (!joined.empty()) joined += ' ';
      joined += scope_views[i];
    }
    FUZZ_CHECK(c.has_scope && c.scope == joined && !c.has_legacy_scopes);
  } else {
    FUZZ_CHECK(!c.has_scope && c.has_legacy_scopes == has_scopes);
  }
  for (std::string_view s : scope_views) FUZZ_CHECK(c.grants(s));

  const jwtcore::result<jwtcore::json_value> payload = jwtcore::json_parse_object(c.payload_json);
  FUZZ_CHECK(payload.has_value());
  for (const custom& cc : customs) {
    const jwtcore::json_value v = payload->find(cc.name);
    if (cc.kind == 0) {
      std::string text(cc.text.size(), '\0');
      const jwtcore::result<std::size_t> n = v.decode_string(text.data(), text.size());
      FUZZ_CHECK(n && *n == cc.text.size() && text == cc.text);
    } else if (cc.kind == 1) {
      FUZZ_CHECK(v.as_int64() && *v.as_int64() == cc.number);
    } else {
      FUZZ_CHECK(v.as_bool() && *v.as_bool() == (cc.number != 0));
    }
  }

  // ---- any one byte changed: refused ----
  // Each verify costs a MAC, so not every byte each run: every byte next to a
  // dot or at the end, and about 32 others at an input-chosen phase, so that
  // over a campaign every position is tried.
  const std::size_t stride = token.size() > 32 ? token.size() / 32 : 1;
  const std::size_t phase = mask % stride;
  const std::size_t first_dot = token.find('.');
  std::string flipped = token;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const bool near_dot = (i + 3 >= first_dot && i <= first_dot + 3) || (i + 3 >= second_dot && i <= second_dot + 3) ||
                          i + 3 >= token.size();
    if (i % stride != phase && !near_dot) continue;
    flipped[i] = static_cast<char>(token[i] ^ static_cast<char>(mask));
    const jwtcore::result<jwtcore::verified_claims> refused = verifier.verify(flipped, t, buffer.get(), buffer_size);
    FUZZ_CHECK(!refused);
    FUZZ_CHECK(!jwtcore::check_signature(key, flipped));
    flipped[i] = token[i];
  }
  return 0;
}
