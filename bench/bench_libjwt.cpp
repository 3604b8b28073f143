// bench/bench_libjwt.cpp: libjwt 1.10 (Debian libjwt-dev; C, OpenSSL and
// jansson) signing and verifying the reference token, to set against
// bench_jwtcore's sign_hs256_into and verifier::verify figures.
#include <cstdlib>      // std::free, for the strings libjwt allocates
#include <cstring>      // std::strcmp, the claim checks a libjwt caller writes
#include <string>       // tokens
#include <string_view>  // the reference values

#include <benchmark/benchmark.h>
#include <jwt.h>

#include "reference_token.hpp"

namespace {

using bench::add_signing_input_counter;
using bench::escape;
using bench::reference;

const unsigned char* key_bytes() { return reinterpret_cast<const unsigned char*>(bench::secret.data()); }
int key_size() { return static_cast<int>(bench::secret.size()); }

// libjwt takes C strings; the reference values are views of literals, so
// these copies exist to make the terminating NUL explicit.
const std::string issuer_text(bench::issuer);
const std::string subject_text(bench::subject);
const std::string audience_text(bench::audience);
const std::string jwt_id_text(bench::jwt_id);
const std::string scope_text(bench::scope);

// Owns a jwt_t.
struct jwt_handle {
  jwt_t* jwt = nullptr;
  jwt_handle() = default;
  jwt_handle(const jwt_handle&) = delete;
  jwt_handle& operator=(const jwt_handle&) = delete;
  ~jwt_handle() { jwt_free(jwt); }
};

// The reference claims and the HS256 key. libjwt keeps its grants in a
// jansson object and writes them with sorted keys, so its payload has our
// content and size in another member order (aud, exp, iat, iss, jti, scope,
// sub): its token is not byte for byte ours (same_bytes_as_jwtcore).
bool build_reference(jwt_handle& handle) {
  if (jwt_new(&handle.jwt) != 0) return false;
  jwt_t* jwt = handle.jwt;
  return jwt_add_grant(jwt, "iss", issuer_text.c_str()) == 0 && jwt_add_grant(jwt, "sub", subject_text.c_str()) == 0 &&
         jwt_add_grant(jwt, "aud", audience_text.c_str()) == 0 && jwt_add_grant_int(jwt, "iat", bench::issued_at) == 0 &&
         jwt_add_grant_int(jwt, "exp", bench::expires_at) == 0 && jwt_add_grant(jwt, "jti", jwt_id_text.c_str()) == 0 &&
         jwt_add_grant(jwt, "scope", scope_text.c_str()) == 0 && jwt_set_alg(jwt, JWT_ALG_HS256, key_bytes(), key_size()) == 0;
}

std::string encode_or_stop(jwt_t* jwt) {
  char* text = jwt_encode_str(jwt);
  if (text == nullptr) bench::setup_failed("libjwt could not sign the reference claims");
  std::string token(text);
  std::free(text);
  return token;
}

// What a libjwt 1.10 caller has to write: jwt_decode checks the signature
// with the algorithm the header names, so the caller checks that it is HS256,
// and 1.10 has no claim validation (jwt_valid came later), so exp, iss, aud
// and the required scope are checked by hand on the decoded grants.
struct libjwt_verifier {
  std::string audience = audience_text;

  bool accepts(const char* token) const {
    jwt_handle handle;
    if (jwt_decode(&handle.jwt, token, key_bytes(), key_size()) != 0) return false;
    jwt_t* jwt = handle.jwt;
    if (jwt_get_alg(jwt) != JWT_ALG_HS256) return false;
    const long exp = jwt_get_grant_int(jwt, "exp");  // 0 when absent
    if (exp <= bench::verify_time) return false;
    const char* iss = jwt_get_grant(jwt, "iss");
    const char* aud = jwt_get_grant(jwt, "aud");
    const char* scopes = jwt_get_grant(jwt, "scope");
    if (iss == nullptr || std::strcmp(iss, issuer_text.c_str()) != 0) return false;
    if (aud == nullptr || std::strcmp(aud, audience.c_str()) != 0) return false;
    return scopes != nullptr && bench::scope_string_grants(scopes, bench::required_scope);
  }
};

// Before any timing: libjwt's token is the reference token for jwtcore,
// libjwt accepts jwtcore's token, and the checks above do refuse what they should.
void check_agreement() {
  jwt_handle handle;
  if (!build_reference(handle)) bench::setup_failed("libjwt could not build the reference claims");
  bench::check_accepted_by_jwtcore(encode_or_stop(handle.jwt), "libjwt");

  libjwt_verifier verifier;
  if (!verifier.accepts(reference().token.c_str())) bench::setup_failed("libjwt refused jwtcore's reference token");
  if (verifier.accepts(bench::tampered_reference_token().c_str())) {
    bench::setup_failed("libjwt accepted the reference token with a changed signature");
  }
  libjwt_verifier other_audience;
  other_audience.audience = "another-audience";
  if (other_audience.accepts(reference().token.c_str())) {
    bench::setup_failed("libjwt accepted a token for another audience");
  }
}

// The signing a minting service does once it holds the claims: header and
// grants to JSON text, base64url, HMAC, base64url signature, in a string the
// caller frees.
void BM_libjwt_sign(benchmark::State& state) {
  jwt_handle handle;
  if (!build_reference(handle)) bench::setup_failed("libjwt could not build the reference claims");
  escape(handle.jwt);
  for (auto _ : state) {
    char* token = jwt_encode_str(handle.jwt);
    benchmark::DoNotOptimize(token);
    std::free(token);
  }
  add_signing_input_counter(state);
  bench::add_same_bytes_counter(state, encode_or_stop(handle.jwt));
}
BENCHMARK(BM_libjwt_sign);

// Every token a service mints has its own iat, exp and jti, so each one
// starts from a new jwt_t: building its grants and setting the key (libjwt
// copies it) is part of the work.
void BM_libjwt_build_and_sign(benchmark::State& state) {
  for (auto _ : state) {
    jwt_handle handle;
    bool ok = build_reference(handle);
    char* token = ok ? jwt_encode_str(handle.jwt) : nullptr;
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(token);
    std::free(token);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_libjwt_build_and_sign);

void BM_libjwt_verify(benchmark::State& state) {
  const libjwt_verifier verifier;
  const char* token = reference().token.c_str();
  escape(&verifier);
  escape(token);
  for (auto _ : state) {
    bool ok = verifier.accepts(token);
    benchmark::DoNotOptimize(ok);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_libjwt_verify);

}  // namespace

// BENCHMARK_MAIN, with the agreement checked once before anything is timed.
int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  check_agreement();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
