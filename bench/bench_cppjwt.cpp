// bench/bench_cppjwt.cpp: cpp-jwt (Debian libcpp-jwt-dev; header-only, OpenSSL
// and nlohmann::json) signing and verifying the reference token, to set
// against bench_jwtcore's sign_hs256_into and verifier::verify figures.
#include <chrono>        // cpp-jwt reads the system clock: see clock_shift
#include <cstdint>       // std::uint32_t
#include <string>        // cpp-jwt's claim values and tokens
#include <string_view>   // the reference values
#include <system_error>  // cpp-jwt's error-code overloads, so that nothing throws in the loops
#include <vector>        // cpp-jwt's list of accepted algorithms

#include <benchmark/benchmark.h>
#include <jwt/jwt.hpp>

#include "reference_token.hpp"

namespace {

using bench::add_signing_input_counter;
using bench::escape;
using bench::reference;

// The claims of the reference token, added in our order. nlohmann::json keeps
// object members sorted by name, so the payload cpp-jwt writes has the same
// content and size as ours but another member order (aud, exp, iat, iss, jti,
// scope, sub): its token is not byte for byte ours (same_bytes_as_jwtcore).
jwt::jwt_object reference_object() {
  jwt::jwt_object object{jwt::params::algorithm("HS256"), jwt::params::secret(bench::secret)};
  object.add_claim("iss", std::string(bench::issuer))
      .add_claim("sub", std::string(bench::subject))
      .add_claim("aud", std::string(bench::audience))
      .add_claim("iat", bench::issued_at)
      .add_claim("exp", bench::expires_at)
      .add_claim("jti", std::string(bench::jwt_id))
      .add_claim("scope", std::string(bench::scope));
  return object;
}

std::string sign_or_stop(const jwt::jwt_object& object) {
  std::error_code ec;
  std::string token = object.signature(ec);
  if (ec) bench::setup_failed("cpp-jwt could not sign the reference claims");
  return token;
}

// cpp-jwt checks exp against std::chrono::system_clock::now() and takes no
// time from its caller, but it does take a leeway: a leeway of (now -
// verify_time) makes its exp check the one jwtcore runs at verify_time.
std::uint32_t clock_shift() {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (now <= bench::verify_time) return 0;
  return static_cast<std::uint32_t>(now - bench::verify_time);
}

// Configured once like a server's verifier; per token: split, decode and parse
// header and payload, alg in the list, exp, iss, aud (cpp-jwt checks these on
// the payload before the signature), the HMAC, then the required scope, which
// cpp-jwt does not know about, looked up by hand.
struct cppjwt_verifier {
  jwt::params::detail::algorithms_param<std::vector<std::string>> algorithms = jwt::params::algorithms({"HS256"});
  std::uint32_t leeway = clock_shift();
  std::string_view audience = bench::audience;

  bool accepts(std::string_view token) const {
    std::error_code ec;
    const jwt::jwt_object object =
        jwt::decode(token, algorithms, ec, jwt::params::secret(bench::secret), jwt::params::issuer(bench::issuer),
                    jwt::params::aud(audience), jwt::params::leeway(leeway));
    if (ec || !object.payload().has_claim("scope")) return false;
    return bench::scope_string_grants(object.payload().get_claim_value<std::string>("scope"), bench::required_scope);
  }
};

// Before any timing: cpp-jwt's token is the reference token for jwtcore,
// cpp-jwt accepts jwtcore's token, and its checks do refuse what they should.
void check_agreement() {
  bench::check_accepted_by_jwtcore(sign_or_stop(reference_object()), "cpp-jwt");

  cppjwt_verifier verifier;
  if (!verifier.accepts(reference().token)) bench::setup_failed("cpp-jwt refused jwtcore's reference token");
  if (verifier.accepts(bench::tampered_reference_token())) {
    bench::setup_failed("cpp-jwt accepted the reference token with a changed signature");
  }
  cppjwt_verifier other_audience;
  other_audience.audience = "another-audience";
  if (other_audience.accepts(reference().token)) bench::setup_failed("cpp-jwt accepted a token for another audience");
  cppjwt_verifier present_clock;
  present_clock.leeway = 0;
  if (clock_shift() > bench::expires_at - bench::verify_time && present_clock.accepts(reference().token)) {
    bench::setup_failed("cpp-jwt accepted the reference token after its exp");
  }
}

// The signing a minting service does once it holds the claims: header and
// payload to JSON text, base64url, HMAC (OpenSSL's one-shot HMAC(), which
// hashes the key pads on every call), base64url signature.
void BM_cppjwt_sign(benchmark::State& state) {
  jwt::jwt_object object = reference_object();
  escape(&object);
  std::string token;
  for (auto _ : state) {
    std::error_code ec;
    token = object.signature(ec);
    benchmark::DoNotOptimize(ec);
    benchmark::DoNotOptimize(token.data());
  }
  add_signing_input_counter(state);
  bench::add_same_bytes_counter(state, token);
}
BENCHMARK(BM_cppjwt_sign);

// Every token a service mints has its own iat, exp and jti, so each one
// starts from a new claim set: building cpp-jwt's object (a JSON tree and a
// set of claim names) is part of the work.
void BM_cppjwt_build_and_sign(benchmark::State& state) {
  std::string token;
  for (auto _ : state) {
    const jwt::jwt_object object = reference_object();
    std::error_code ec;
    token = object.signature(ec);
    benchmark::DoNotOptimize(ec);
    benchmark::DoNotOptimize(token.data());
  }
  add_signing_input_counter(state);
  bench::add_same_bytes_counter(state, token);
}
BENCHMARK(BM_cppjwt_build_and_sign);

void BM_cppjwt_verify(benchmark::State& state) {
  const cppjwt_verifier verifier;
  const std::string_view token = reference().token;
  escape(&verifier);
  escape(token.data());
  for (auto _ : state) {
    bool ok = verifier.accepts(token);
    benchmark::DoNotOptimize(ok);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_cppjwt_verify);

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
