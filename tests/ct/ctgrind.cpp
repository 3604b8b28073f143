// tests/ct/ctgrind.cpp: the constant-time proof, in the manner of ctgrind.
// Every secret (key bytes, a base64url secret, and so what derives from them:
// midstates, MACs) is marked undefined for valgrind memcheck before the library
// sees it, and only a verdict or output is marked defined again, after the call
// returns. Memcheck then reports any conditional jump, move or memory index
// inside the library that depends on a secret. Run plainly, the same program
// checks every verdict and output against references computed from defined
// copies of the secrets (and RFC 4231 vectors). Lengths are public throughout.
// Every key case runs for HS256, HS384 and HS512 keys, and the verifier holds
// keys of all three.
//
// Under memcheck each case also counts the errors memcheck found while it ran
// (VALGRIND_COUNT_ERRORS), so a report is tied to a named case here. What is
// checked is the portable SHA-256 kernel: the dispatcher picks it under
// valgrind, whose virtual CPU reports no SHA extensions (checked below), and
// the portable SHA-512 one, the only one on x86. The hardware kernels are
// fixed instruction sequences with no branch or index on data; run plainly,
// this program checks their verdicts too.
// tests/ct/run_ctgrind.sh builds and runs this program.
#include <valgrind/memcheck.h>
#include <valgrind/valgrind.h>

// The library's deliberate verdict branches (a MAC matched, a base64url secret
// was valid) are declassified through this hook; any other branch on secret
// data is a leak memcheck reports.
#define JWTCORE_DECLASSIFY(pointer, size) VALGRIND_MAKE_MEM_DEFINED(pointer, size)

#include <jwtcore/jwtcore.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace {

// Copies are explicit: nothing may copy a key by accident.
static_assert(!std::is_copy_constructible_v<jwtcore::hs256_key>);
static_assert(!std::is_copy_assignable_v<jwtcore::hs256_key>);
static_assert(!std::is_copy_constructible_v<jwtcore::hmac_sha256_key>);
static_assert(!std::is_copy_assignable_v<jwtcore::hmac_sha256_key>);
static_assert(std::is_nothrow_move_constructible_v<jwtcore::hs256_key>);

int passed = 0;
int failed = 0;

void check(bool ok, const char* what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    std::printf("FAILED: %s\n", what);
  }
}

// Marks n bytes as secret: memcheck treats them as undefined from now on
// (their values are kept). No-ops outside valgrind.
void make_secret(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }

// Marks n bytes public again; used on a verdict or an output after the call
// that produced it has returned, never inside the library.
void declassify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }

// True when some bit of the n bytes is still secret (undefined): proof that
// the marking reached the value, so the test is not vacuous. Reads the
// definedness bits without reporting anything; always true outside valgrind.
bool still_secret(const void* p, std::size_t n) {
  if (RUNNING_ON_VALGRIND == 0) return true;
  unsigned char vbits[128] = {};
  if (n > sizeof(vbits) || VALGRIND_GET_VBITS(p, vbits, n) != 1) return false;
  unsigned char any = 0;
  for (std::size_t i = 0; i < n; ++i) any = static_cast<unsigned char>(any | vbits[i]);
  return any != 0;
}

// True when every bit of the n bytes is public (defined), without reporting
// anything; always true outside valgrind.
bool all_public(const void* p, std::size_t n) {
  if (RUNNING_ON_VALGRIND == 0) return true;
  unsigned char vbits[128] = {};
  if (n > sizeof(vbits) || VALGRIND_GET_VBITS(p, vbits, n) != 1) return false;
  unsigned char any = 0;
  for (std::size_t i = 0; i < n; ++i) any = static_cast<unsigned char>(any | vbits[i]);
  return any == 0;
}

template <class T>
T declassified(T value) {
  declassify(&value, sizeof(value));
  return value;
}

// A deterministic stream of bytes for secrets (xorshift32).
void fill(std::uint8_t* out, std::size_t n, std::uint32_t seed) {
  std::uint32_t x = seed | 1u;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = static_cast<std::uint8_t>(x >> 24);
  }
}

std::string_view as_text(const std::uint8_t* p, std::size_t n) { return {reinterpret_cast<const char*>(p), n}; }

template <std::size_t N>
bool same(const std::array<std::uint8_t, N>& a, const std::array<std::uint8_t, N>& b) {
  return std::memcmp(a.data(), b.data(), N) == 0;  // both public by now
}

using jwtcore::jwt_alg;
constexpr jwt_alg all_algs[] = {jwt_alg::hs256, jwt_alg::hs384, jwt_alg::hs512};

// A key of `alg`; HS256 keys through hs256_key, the first release's type,
// whose constructor binds the algorithm without the SHA-512 code.
jwtcore::jwt_key make_key(jwt_alg alg, std::string_view secret,
                          jwtcore::short_secret policy = jwtcore::short_secret::refuse) {
  if (alg == jwt_alg::hs256) return jwtcore::hs256_key(secret, policy);
  return jwtcore::jwt_key(alg, secret, policy);
}

// Runs one case; under memcheck, any error found while it ran fails it.
template <class Body>
void run_case(const char* name, Body body) {
  const unsigned long errors_before = VALGRIND_COUNT_ERRORS;
  body();
  const unsigned long errors_after = VALGRIND_COUNT_ERRORS;
  if (errors_after != errors_before) {
    ++failed;
    std::printf("FAILED: memcheck found %lu error(s) in case \"%s\": a branch or memory index depends on a "
                "secret (memcheck's report names the function, header and line)\n",
                errors_after - errors_before, name);
  }
}

constexpr std::size_t key_lengths[] = {0, 1, 16, 31, 32, 33, 55, 56, 63, 64, 65, 100, 127, 128, 129, 200};
constexpr std::string_view message = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdGdyaW5kIn0";

// RFC 4231 test cases 2 and 6 (a 4-byte key; a 131-byte key, hashed first).
constexpr std::uint8_t rfc4231_mac_2[32] = {0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24,
                                            0x26, 0x08, 0x95, 0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27,
                                            0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
constexpr std::uint8_t rfc4231_mac_6[32] = {0x60, 0xe4, 0x31, 0x59, 0x1e, 0xe0, 0xb6, 0x7f, 0x0d, 0x8a, 0x26,
                                            0xaa, 0xcb, 0xf5, 0xb7, 0x7f, 0x8e, 0x0b, 0xc6, 0x21, 0x37, 0x28,
                                            0xc5, 0x14, 0x05, 0x46, 0x04, 0x0f, 0x0e, 0xe3, 0x7f, 0x54};

void rfc4231_vectors() {
  char key2[] = "Jefe";
  make_secret(key2, 4);
  const jwtcore::sha256_digest mac2 = declassified(jwtcore::hmac_sha256(std::string_view(key2, 4),
                                                                        "what do ya want for nothing?"));
  check(std::memcmp(mac2.data(), rfc4231_mac_2, 32) == 0, "RFC 4231 case 2, one-shot, secret key");

  std::uint8_t key6[131];
  std::memset(key6, 0xaa, sizeof(key6));
  make_secret(key6, sizeof(key6));
  const jwtcore::hmac_sha256_key key(key6, sizeof(key6));
  const jwtcore::sha256_digest mac6 = declassified(key.mac("Test Using Larger Than Block-Size Key - Hash Key First"));
  check(std::memcmp(mac6.data(), rfc4231_mac_6, 32) == 0, "RFC 4231 case 6, hmac_sha256_key, secret 131-byte key");

  // Cases 2 and 6 for HMAC-SHA-384 and HMAC-SHA-512, by the named one-shot
  // function and by a JWT key (short_secret::allow: Jefe is 4 bytes).
  struct vector {
    jwt_alg alg;
    const char* mac_2;
    const char* mac_6;
  };
  const vector vectors[] = {
      {jwt_alg::hs384,
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"},
      {jwt_alg::hs512,
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fd"
       "caeab1a34d4a6b4b636e070a38bce737",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e52"
       "95e64f73f63f0aec8b915a985d786598"},
  };
  const auto hex = [](const std::uint8_t* mac, const char* text) {
    char out[129] = {};
    for (std::size_t i = 0; i < std::strlen(text) / 2; ++i) std::snprintf(out + 2 * i, 3, "%02x", mac[i]);
    return std::strcmp(out, text) == 0;
  };
  for (const vector& v : vectors) {
    const std::string_view message2 = "what do ya want for nothing?";
    const std::string_view message6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    std::uint8_t mac[64] = {};
    if (v.alg == jwt_alg::hs384) {
      std::memcpy(mac, declassified(jwtcore::hmac_sha384(std::string_view(key2, 4), message2)).data(), 48);
    } else {
      std::memcpy(mac, declassified(jwtcore::hmac_sha512(std::string_view(key2, 4), message2)).data(), 64);
    }
    check(hex(mac, v.mac_2), "RFC 4231 case 2, hmac_sha384/hmac_sha512 one-shot, secret key");
    const jwtcore::jwt_key jefe(v.alg, std::string_view(key2, 4), jwtcore::short_secret::allow);
    jefe.mac(message2.data(), message2.size(), mac);
    declassify(mac, sizeof(mac));
    check(hex(mac, v.mac_2), "RFC 4231 case 2, jwt_key, secret key");
    const jwtcore::jwt_key long_key(v.alg, as_text(key6, sizeof(key6)));
    long_key.mac(message6.data(), message6.size(), mac);
    declassify(mac, sizeof(mac));
    check(hex(mac, v.mac_6), "RFC 4231 case 6, jwt_key, secret 131-byte key");
  }
}

// Every way of turning secret bytes into a key, at lengths on both sides of
// the block size (keys longer than a block are hashed first).
template <class Hash>
void key_construction(jwt_alg alg) {
  for (const std::size_t n : key_lengths) {
    std::uint8_t raw[200];
    fill(raw, n, static_cast<std::uint32_t>(0x9e3779b9u + n));
    // The reference, from the same bytes while still public.
    const jwtcore::hash_digest<Hash> reference = jwtcore::hmac<Hash>(as_text(raw, n), message);

    std::uint8_t secret[200];
    std::memcpy(secret, raw, n);
    make_secret(secret, n);

    const jwtcore::hmac_key<Hash> from_bytes(secret, n);
    const jwtcore::hmac_key<Hash> from_text(as_text(secret, n));
    const jwtcore::jwt_key key = make_key(alg, as_text(secret, n));
    const jwtcore::jwt_key key_allow = make_key(alg, as_text(secret, n), jwtcore::short_secret::allow);
    jwtcore::hmac_midstates<Hash> m = jwtcore::hmac_precompute<Hash>(secret, n);

    const jwtcore::hash_digest<Hash> still = from_bytes.mac(message);
    check(n == 0 || still_secret(still.data(), still.size()), "the MAC of a secret key is secret until declassified");
    check(same(declassified(from_bytes.mac(message)), reference), "hmac_key(bytes) MAC");
    check(same(declassified(from_text.mac(message)), reference), "hmac_key(text) MAC");
    for (const jwtcore::jwt_key* k : {&key, &key_allow}) {
      jwtcore::hash_digest<Hash> mac{};
      k->mac(message.data(), message.size(), mac.data());
      check(same(declassified(mac), reference), "jwt_key MAC (refuse and allow)");
    }
    check(same(declassified(jwtcore::hmac(m, message)), reference), "hmac_precompute MAC");
    check(same(declassified(jwtcore::hmac<Hash>(as_text(secret, n), message)), reference),
          "one-shot HMAC with a secret key");
    // Streaming, split at every tenth byte.
    jwtcore::hmac_hasher<Hash> hasher(m);
    for (std::size_t at = 0; at < message.size(); at += 10) hasher.update(jwtcore::detail::slice(message, at, 10));
    check(same(declassified(hasher.finish()), reference), "hmac_hasher, streamed");

    // Lengths are public: the policy may branch on them.
    check(from_bytes.secret_size() == n && key.secret_size() == n, "secret_size() is the public length");
    check(static_cast<bool>(key.usable()) == (n >= jwtcore::min_secret_size(alg)),
          "a key refuses secrets shorter than its hash by default");
    check(static_cast<bool>(key_allow.usable()), "short_secret::allow is the explicit opt-in");

    jwtcore::wipe(m);
    check(declassified(m.inner.h[0]) == 0 && declassified(m.outer.h[7]) == 0, "wipe(hmac_midstates)");
  }
}

// A hash over secret bytes (what long keys go through), one-shot and streamed.
template <class Hasher, class Digest>
void hash_of_secret(Digest (*one_shot)(const std::uint8_t*, std::size_t) noexcept) {
  for (const std::size_t n : key_lengths) {
    std::uint8_t raw[200];
    fill(raw, n, static_cast<std::uint32_t>(0x51ed27u + n));
    const Digest reference = one_shot(raw, n);
    make_secret(raw, n);
    check(same(declassified(one_shot(raw, n)), reference), "one-shot hash over secret bytes");
    Hasher hasher;
    for (std::size_t at = 0; at < n; at += 7) hasher.update(raw + at, n - at < 7 ? n - at : 7);
    check(same(declassified(hasher.finish()), reference), "streaming hash over secret bytes");
  }
}

constexpr std::string_view payload = R"({"sub":"ctgrind","aud":"api","iat":1000,"exp":2000})";

// Signs with a public copy of the key: the reference token.
std::size_t reference_token(jwt_alg alg, const std::uint8_t* raw, std::size_t n, std::string_view body, char* out,
                            std::size_t capacity, const jwtcore::sign_options& options = {}) {
  const jwtcore::jwt_key key(alg, as_text(raw, n));
  const jwtcore::result<std::size_t> size = jwtcore::sign_into(key, body, out, capacity, options);
  return size ? *size : 0;
}

void signing(jwt_alg alg) {
  std::uint8_t raw[80];
  fill(raw, sizeof(raw), 0xc0ffee);
  char expected[512];
  const std::size_t expected_size = reference_token(alg, raw, sizeof(raw), payload, expected, sizeof(expected));
  check(expected_size > 0, "reference token signed");

  std::uint8_t secret[80];
  std::memcpy(secret, raw, sizeof(secret));
  make_secret(secret, sizeof(secret));
  const jwtcore::jwt_key key = make_key(alg, as_text(secret, sizeof(secret)));

  // Text payload. The token's signature segment derives from the secret: the
  // library may not branch on it, so only now is it made public.
  const std::size_t signature_size = jwtcore::signature_segment_size(alg);
  char token[512];
  const jwtcore::result<std::size_t> size = declassified(jwtcore::sign_into(key, payload, token, sizeof(token)));
  if (size && *size > signature_size) {
    // Before declassification: the signature segment is secret, the signing input is not.
    const std::size_t signature_at = *size - signature_size;
    check(still_secret(token + signature_at, signature_size), "the signature segment is secret until declassified");
    check(all_public(token, 64 < signature_at ? 64 : signature_at - 1), "the header and payload segments stay public");
  }
  declassify(token, sizeof(token));
  check(size && as_text(reinterpret_cast<const std::uint8_t*>(token), *size) ==
                    std::string_view(expected, expected_size),
        "sign_into(payload) with a secret key gives the reference token");

  // Text payload with a kid in the header.
  const jwtcore::sign_options with_kid{"key-2024"};
  char expected_kid[512];
  const std::size_t expected_kid_size =
      reference_token(alg, raw, sizeof(raw), payload, expected_kid, sizeof(expected_kid), with_kid);
  char token_kid[512];
  const jwtcore::result<std::size_t> size_kid =
      declassified(jwtcore::sign_into(key, payload, token_kid, sizeof(token_kid), with_kid));
  declassify(token_kid, sizeof(token_kid));
  check(size_kid && std::string_view(token_kid, *size_kid) == std::string_view(expected_kid, expected_kid_size),
        "sign_into(payload, kid) with a secret key gives the reference token");

  // The claims path: JSON written and encoded in place, then signed; alone
  // and as a batch of two (HS256 hashes those side by side).
  jwtcore::claims claim_set;
  claim_set.subject("ctgrind").audience("api").issued_at(1000).expires_at(2000);
  char token_claims[512];
  const jwtcore::result<std::size_t> size_claims =
      declassified(jwtcore::sign_into(key, claim_set, token_claims, sizeof(token_claims)));
  declassify(token_claims, sizeof(token_claims));
  check(size_claims && std::string_view(token_claims, *size_claims) == std::string_view(expected, expected_size),
        "sign_into(claims) with a secret key gives the reference token");
  char batch_out[2][512];
  jwtcore::claims_job jobs[2] = {{&claim_set, batch_out[0], 512}, {&claim_set, batch_out[1], 512}};
  const std::size_t signed_count = declassified(jwtcore::sign_batch(key, jobs, 2));
  declassify(batch_out, sizeof(batch_out));
  for (jwtcore::claims_job& job : jobs) declassify(&job.token_size, sizeof(job.token_size));
  check(signed_count == 2 && jobs[0].token_size && jobs[1].token_size &&
            std::string_view(batch_out[0], *jobs[0].token_size) == std::string_view(expected, expected_size) &&
            std::string_view(batch_out[1], *jobs[1].token_size) == std::string_view(expected, expected_size),
        "sign_batch(claims) with a secret key gives the reference tokens");

  if (alg != jwt_alg::hs256) return;
  // sign_hs256_raw over the midstates.
  const jwtcore::hs256_key hs256(as_text(secret, sizeof(secret)));
  char token_raw[512];
  const jwtcore::result<std::size_t> size_raw = declassified(jwtcore::sign_hs256_raw(
      hs256.midstates(), jwtcore::hs256_header_json, payload, token_raw, sizeof(token_raw)));
  declassify(token_raw, sizeof(token_raw));
  check(size_raw && std::string_view(token_raw, *size_raw) == std::string_view(expected, expected_size),
        "sign_hs256_raw with secret midstates gives the reference token");
}

// A secret one byte shorter than the algorithm's minimum.
void short_secret_policy(jwt_alg alg) {
  std::uint8_t secret[63];
  const std::size_t n = jwtcore::min_secret_size(alg) - 1;
  fill(secret, n, 31);
  make_secret(secret, n);
  const jwtcore::jwt_key refused = make_key(alg, as_text(secret, n));
  const jwtcore::jwt_key allowed = make_key(alg, as_text(secret, n), jwtcore::short_secret::allow);
  char token[512];
  const jwtcore::result<std::size_t> no = declassified(jwtcore::sign_into(refused, payload, token, sizeof(token)));
  declassify(token, sizeof(token));
  check(!no && no.error() == jwtcore::error::key_too_short, "a short secret is refused for signing by default");
  const jwtcore::result<std::size_t> yes = declassified(jwtcore::sign_into(allowed, payload, token, sizeof(token)));
  declassify(token, sizeof(token));
  check(static_cast<bool>(yes), "a short secret signs with short_secret::allow");
  const std::string_view signed_token(token, yes ? *yes : 0);
  check(!declassified(jwtcore::check_signature(refused, signed_token)),
        "a short secret is refused for verifying by default");
  check(declassified(jwtcore::check_signature(allowed, signed_token)),
        "a short secret verifies with short_secret::allow");
}

// A token with its signature changed in one character (still strict base64url:
// the character is not the last one, whose unused bits must stay zero).
void forge(char* token, std::size_t size) {
  char& c = token[size - 10];
  c = c == 'A' ? 'B' : 'A';
}

void signature_check(jwt_alg alg) {
  std::uint8_t raw[64];
  fill(raw, sizeof(raw), 0xfeed);
  char token[512];
  const std::size_t size = reference_token(alg, raw, sizeof(raw), payload, token, sizeof(token));
  char forged[512];
  std::memcpy(forged, token, size);
  forge(forged, size);
  char forged_payload[512];
  std::memcpy(forged_payload, token, size);
  forged_payload[40] = forged_payload[40] == 'A' ? 'B' : 'A';  // inside the payload segment
  // The same secret under another algorithm: a MAC of another length.
  const jwt_alg other_alg = alg == jwt_alg::hs512 ? jwt_alg::hs256 : jwt_alg::hs512;
  char token_other_alg[512];
  const std::size_t size_other_alg =
      reference_token(other_alg, raw, sizeof(raw), payload, token_other_alg, sizeof(token_other_alg));

  std::uint8_t secret[64];
  std::memcpy(secret, raw, sizeof(secret));
  make_secret(secret, sizeof(secret));
  const jwtcore::jwt_key key = make_key(alg, as_text(secret, sizeof(secret)));
  std::uint8_t other_raw[64];
  fill(other_raw, sizeof(other_raw), 0xbad);
  make_secret(other_raw, sizeof(other_raw));
  const jwtcore::jwt_key other = make_key(alg, as_text(other_raw, sizeof(other_raw)));

  check(declassified(jwtcore::check_signature(key, std::string_view(token, size))),
        "check_signature accepts the valid token");
  check(!declassified(jwtcore::check_signature(key, std::string_view(forged, size))),
        "check_signature refuses a forged signature");
  check(!declassified(jwtcore::check_signature(key, std::string_view(forged_payload, size))),
        "check_signature refuses a changed payload");
  check(!declassified(jwtcore::check_signature(other, std::string_view(token, size))),
        "check_signature refuses the token under another key");
  check(!declassified(jwtcore::check_signature(key, std::string_view(token_other_alg, size_other_alg))),
        "check_signature refuses the same secret's token under another algorithm");
  if (alg != jwt_alg::hs256) return;
  const jwtcore::hs256_key hs256(as_text(secret, sizeof(secret)));
  check(declassified(jwtcore::check_hs256_signature(hs256, std::string_view(token, size))) &&
            !declassified(jwtcore::check_hs256_signature(hs256, std::string_view(forged, size))),
        "check_hs256_signature: the valid token and a forged one");
}

// verifier::verify with keys of all three algorithms, as during a rotation
// from one to another: every candidate MAC of the token's algorithm is
// computed and compared, and only the verdict may come out.
void rotation() {
  struct rotation_key {
    jwt_alg alg;
    std::size_t size;
    const char* kid;
  };
  // 40 bytes (short of nothing), 64, and 130 (longer than a SHA-512 block, hashed first).
  constexpr rotation_key specs[] = {
      {jwt_alg::hs256, 40, "old"}, {jwt_alg::hs384, 64, "new"}, {jwt_alg::hs512, 130, "next"}};
  std::uint8_t raw[3][130];
  char tokens[3][512], tokens_kid[3][512], forged[3][512];
  std::size_t sizes[3] = {}, sizes_kid[3] = {};
  for (std::size_t i = 0; i < 3; ++i) {
    fill(raw[i], specs[i].size, static_cast<std::uint32_t>(0x01d + i));
    sizes[i] = reference_token(specs[i].alg, raw[i], specs[i].size, payload, tokens[i], 512);
    sizes_kid[i] = reference_token(specs[i].alg, raw[i], specs[i].size, payload, tokens_kid[i], 512,
                                   jwtcore::sign_options{specs[i].kid});
    std::memcpy(forged[i], tokens[i], sizes[i]);
    forge(forged[i], sizes[i]);
    make_secret(raw[i], specs[i].size);
  }
  const jwtcore::jwt_key keys[3] = {make_key(specs[0].alg, as_text(raw[0], specs[0].size)),
                                    make_key(specs[1].alg, as_text(raw[1], specs[1].size)),
                                    make_key(specs[2].alg, as_text(raw[2], specs[2].size))};
  // A second HS384 key beside the first, so that two MACs are computed.
  std::uint8_t raw_second[48];
  fill(raw_second, sizeof(raw_second), 0x2e3);
  make_secret(raw_second, sizeof(raw_second));
  const jwtcore::jwt_key second(jwt_alg::hs384, as_text(raw_second, sizeof(raw_second)));

  jwtcore::jwt_key_set unnamed, named;
  for (std::size_t i = 0; i < 3; ++i) {
    unnamed.add(keys[i]);
    named.add(keys[i], specs[i].kid);
  }
  unnamed.add(second);
  named.add(second, "new");

  for (std::size_t i = 0; i < 3; ++i) {
    struct expectation {
      const jwtcore::jwt_key_set* keys;
      std::string_view token;
      bool ok;
    };
    const expectation cases[] = {
        {&unnamed, {tokens[i], sizes[i]}, true},       {&unnamed, {forged[i], sizes[i]}, false},
        {&named, {tokens_kid[i], sizes_kid[i]}, true}, {&named, {tokens[i], sizes[i]}, true},
        {&named, {forged[i], sizes[i]}, false},
    };
    for (const expectation& e : cases) {
      jwtcore::verifier v;
      v.keys(*e.keys).now(1500).audience("api");
      char buffer[1024];
      const jwtcore::result<jwtcore::verified_claims> verdict = declassified(v.verify(e.token, buffer, sizeof(buffer)));
      declassify(buffer, sizeof(buffer));
      const bool as_expected = e.ok ? verdict && verdict->sub == "ctgrind" && verdict->alg == specs[i].alg
                                    : !verdict && verdict.error() == jwtcore::error::bad_signature;
      check(as_expected, e.ok ? "verify: a token of a key of the mixed set passes (with and without kid)"
                              : "verify: a forged token fails with bad_signature (mixed set)");
    }
  }
}

// The --secret-base64url path: a secret handed out as base64url text is
// decoded (branch-free, table-free), keyed and used, all while secret.
void base64url_secret() {
  constexpr std::size_t sizes[] = {32, 33, 34, 48, 64, 65};  // text length mod 4: 3, 0, 2, 0, 3, 3
  for (const std::size_t n : sizes) {
    std::uint8_t raw[80];
    fill(raw, n, static_cast<std::uint32_t>(0xb64u + n));
    char text[120];
    const jwtcore::result<std::size_t> text_size = jwtcore::base64url_encode_into(raw, n, text, sizeof(text));
    char expected[512];
    const std::size_t expected_size = reference_token(jwt_alg::hs256, raw, n, payload, expected, sizeof(expected));

    // Encoding is secret-safe too: encode the secret bytes while undefined.
    std::uint8_t secret_raw[80];
    std::memcpy(secret_raw, raw, n);
    make_secret(secret_raw, n);
    char encoded[120];
    const jwtcore::result<std::size_t> encoded_size =
        declassified(jwtcore::base64url_encode_into(secret_raw, n, encoded, sizeof(encoded)));
    declassify(encoded, sizeof(encoded));
    check(encoded_size && *encoded_size == *text_size && std::memcmp(encoded, text, *text_size) == 0,
          "base64url_encode_into of secret bytes");

    make_secret(text, *text_size);
    std::uint8_t decoded[80];
    const jwtcore::result<std::size_t> decoded_size =
        declassified(jwtcore::base64url_decode_into(std::string_view(text, *text_size), decoded, sizeof(decoded)));
    check(decoded_size && *decoded_size == n, "base64url_decode_into of a secret: the (public) length");
    // The decoded bytes stay secret: compare them in constant time, key with them, sign.
    check(declassified(jwtcore::ct_equal(decoded, secret_raw, n)), "base64url_decode_into of a secret: the bytes");
    const jwtcore::hs256_key key(as_text(decoded, n));
    char token[512];
    const jwtcore::result<std::size_t> size = declassified(jwtcore::sign_hs256_into(key, payload, token, sizeof(token)));
    declassify(token, sizeof(token));
    check(size && std::string_view(token, *size) == std::string_view(expected, expected_size),
          "a key from a decoded base64url secret signs the reference token");
    jwtcore::secure_wipe(decoded, sizeof(decoded));

    // Both named variants of the constant-time codec, whichever this build picks.
    char small[120], wide[120];
    jwtcore::detail::base64url_encode_small(secret_raw, n, small);
    jwtcore::detail::base64url_encode_wide(secret_raw, n, wide);
    declassify(small, *text_size);
    declassify(wide, *text_size);
    check(std::memcmp(small, encoded, *text_size) == 0 && std::memcmp(wide, encoded, *text_size) == 0,
          "base64url_encode_small and _wide of secret bytes");
    std::uint8_t decoded_ct[80];
    const std::string_view secret_text(text, *text_size);
    check(declassified(jwtcore::detail::base64url_decode_ct(secret_text, decoded_ct, 80).has_value()) &&
              declassified(jwtcore::ct_equal(decoded_ct, secret_raw, n)),
          "base64url_decode_ct of a secret");
  }
}

void constant_time_equal() {
  constexpr std::size_t sizes[] = {0, 1, 7, 32, 33, 64};
  for (const std::size_t n : sizes) {
    std::uint8_t a[64], b[64];
    fill(a, n, static_cast<std::uint32_t>(0xe0u + n));
    std::memcpy(b, a, n);
    make_secret(a, n);
    make_secret(b, n);
    check(declassified(jwtcore::ct_equal(a, b, n)), "ct_equal: equal secret inputs");
    // A difference in any one byte, in any one bit, is seen.
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t bit = static_cast<std::uint8_t>(1u << (i % 8));
      b[i] = static_cast<std::uint8_t>(b[i] ^ bit);
      check(!declassified(jwtcore::ct_equal(a, b, n)), "ct_equal: secret inputs differing in one bit");
      b[i] = static_cast<std::uint8_t>(b[i] ^ bit);
    }
  }
}

// Wipes: secure_wipe, the destructor of hs256_key and hmac_sha256_key, and a
// moved-from key. Memcheck sees a wipe as complete when no byte of the
// storage is left undefined (secret).
bool all_zero(const void* p, std::size_t n) {
  const unsigned char* bytes = static_cast<const unsigned char*>(p);
  unsigned char any = 0;
  for (std::size_t i = 0; i < n; ++i) any = static_cast<unsigned char>(any | bytes[i]);
  return any == 0;
}

// True when no byte is secret any more (always true outside valgrind).
bool fully_public(const void* p, std::size_t n) { return VALGRIND_CHECK_MEM_IS_DEFINED(p, n) == 0; }

void wipes() {
  std::uint8_t buffer[100];
  fill(buffer, sizeof(buffer), 0x3149);
  make_secret(buffer, sizeof(buffer));
  jwtcore::secure_wipe(buffer, sizeof(buffer));
  check(fully_public(buffer, sizeof(buffer)) && all_zero(buffer, sizeof(buffer)), "secure_wipe overwrites every byte");

  std::uint8_t secret[64];
  fill(secret, sizeof(secret), 0x77);
  make_secret(secret, sizeof(secret));

  // Destruction, in storage that outlives the object.
  alignas(jwtcore::hs256_key) unsigned char storage[sizeof(jwtcore::hs256_key)];
  std::memset(storage, 0xa5, sizeof(storage));  // padding bytes start public
  jwtcore::hs256_key* key = new (storage) jwtcore::hs256_key(as_text(secret, sizeof(secret)));
  const std::size_t offset =
      static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(&key->midstates()) - storage);
  constexpr std::size_t midstates_size = sizeof(jwtcore::hmac_sha256_midstates);
  key->~hs256_key();
  check(fully_public(storage, sizeof(storage)), "a destroyed hs256_key leaves no secret byte");
  check(all_zero(storage + offset, midstates_size), "a destroyed hs256_key has zeroed midstates");

  alignas(jwtcore::hmac_sha256_key) unsigned char hmac_storage[sizeof(jwtcore::hmac_sha256_key)];
  std::memset(hmac_storage, 0xa5, sizeof(hmac_storage));
  auto* hmac_key = new (hmac_storage) jwtcore::hmac_sha256_key(secret, sizeof(secret));
  hmac_key->~hmac_sha256_key();
  check(fully_public(hmac_storage, sizeof(hmac_storage)), "a destroyed hmac_sha256_key leaves no secret byte");

  // Moves wipe the source; clone() is the one way to copy.
  jwtcore::hs256_key source(as_text(secret, sizeof(secret)));
  const jwtcore::sha256_digest reference = declassified(jwtcore::hmac_sha256(source.midstates(), message));
  jwtcore::hs256_key clone = source.clone();
  check(same(declassified(jwtcore::hmac_sha256(clone.midstates(), message)), reference), "clone() has the same MAC");
  jwtcore::hs256_key moved(static_cast<jwtcore::hs256_key&&>(source));
  check(fully_public(&source.midstates(), midstates_size) && all_zero(&source.midstates(), midstates_size) &&
            source.secret_size() == 0,
        "a moved-from hs256_key is wiped (move construction)");
  check(same(declassified(jwtcore::hmac_sha256(moved.midstates(), message)), reference),
        "the moved-to key has the MAC");
  jwtcore::hs256_key assigned(as_text(secret, 32));
  assigned = static_cast<jwtcore::hs256_key&&>(moved);
  check(fully_public(&moved.midstates(), midstates_size) && all_zero(&moved.midstates(), midstates_size) &&
            moved.secret_size() == 0,
        "a moved-from hs256_key is wiped (move assignment)");
  check(same(declassified(jwtcore::hmac_sha256(assigned.midstates(), message)), reference),
        "the move-assigned key has the MAC");

  // The keys of the other algorithms, whose midstates fill the whole union:
  // moved from, then destroyed, in storage that outlives them.
  for (const jwt_alg alg : {jwt_alg::hs384, jwt_alg::hs512}) {
    alignas(jwtcore::jwt_key) unsigned char jwt_storage[sizeof(jwtcore::jwt_key)];
    std::memset(jwt_storage, 0xa5, sizeof(jwt_storage));
    auto* jwt = new (jwt_storage) jwtcore::jwt_key(alg, as_text(secret, sizeof(secret)));
    std::uint8_t mac[64] = {}, moved_mac[64] = {};
    jwt->mac(message.data(), message.size(), mac);
    jwtcore::jwt_key moved_to(static_cast<jwtcore::jwt_key&&>(*jwt));
    check(fully_public(jwt_storage, sizeof(jwt_storage)) && jwt->secret_size() == 0,
          "a moved-from jwt_key (HS384, HS512) is wiped");
    moved_to.mac(message.data(), message.size(), moved_mac);
    check(declassified(jwtcore::ct_equal(mac, moved_mac, sizeof(mac))), "the moved-to jwt_key has the MAC");
    *jwt = static_cast<jwtcore::jwt_key&&>(moved_to);
    jwt->~jwt_key();
    check(fully_public(jwt_storage, sizeof(jwt_storage)), "a destroyed jwt_key (HS384, HS512) leaves no secret byte");
  }
}

}  // namespace

int main() {
  const bool under_valgrind = RUNNING_ON_VALGRIND != 0;
  const std::string_view kernel = jwtcore::sha256_kernel_name();
  std::printf("ctgrind: SHA-256 kernel %s\n", kernel.data());
  if (under_valgrind) check(kernel == "portable", "under valgrind, the portable SHA-256 kernel runs");
  run_case("RFC 4231 vectors, secret keys", rfc4231_vectors);
  run_case("key construction, HS256, secret lengths 0..200",
           [] { key_construction<jwtcore::sha256_traits>(jwt_alg::hs256); });
  run_case("key construction, HS384, secret lengths 0..200",
           [] { key_construction<jwtcore::sha384_traits>(jwt_alg::hs384); });
  run_case("key construction, HS512, secret lengths 0..200",
           [] { key_construction<jwtcore::sha512_traits>(jwt_alg::hs512); });
  run_case("sha256 of secret bytes", [] { hash_of_secret<jwtcore::sha256_hasher>(jwtcore::sha256); });
  run_case("sha384 of secret bytes", [] { hash_of_secret<jwtcore::sha384_hasher>(jwtcore::sha384); });
  run_case("sha512 of secret bytes", [] { hash_of_secret<jwtcore::sha512_hasher>(jwtcore::sha512); });
  for (const jwt_alg alg : all_algs) {
    // One name per case and algorithm, for memcheck's count.
    char name[96];
    std::snprintf(name, sizeof(name), "sign_into / sign_batch, secret %s key", jwtcore::alg_name(alg).data());
    run_case(name, [alg] { signing(alg); });
    std::snprintf(name, sizeof(name), "short %s secrets refused by default", jwtcore::alg_name(alg).data());
    run_case(name, [alg] { short_secret_policy(alg); });
    std::snprintf(name, sizeof(name), "check_signature, %s, valid and forged", jwtcore::alg_name(alg).data());
    run_case(name, [alg] { signature_check(alg); });
  }
  run_case("verifier::verify, a rotation set of HS256, HS384 and HS512 keys", rotation);
  run_case("base64url secret (encode, decode, key)", base64url_secret);
  run_case("ct_equal on secret inputs", constant_time_equal);
  run_case("secure_wipe, destruction, moves", wipes);
  std::printf("ctgrind%s: %d passed, %d failed\n", under_valgrind ? " (memcheck)" : "", passed, failed);
  return failed == 0 ? 0 : 1;
}
