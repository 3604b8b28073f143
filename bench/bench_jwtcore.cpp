// bench/bench_jwtcore.cpp: jwtcore's primitives and token paths under Google
// Benchmark, on the reference token of reference_token.hpp. The SHA-256
// figures are the portable kernel: jwtcore has no hardware kernel yet.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint32_t
#include <string>   // the std::string signing path
#include <vector>   // input buffers

#include <benchmark/benchmark.h>
#include <jwtcore/jwtcore.hpp>

#include "reference_token.hpp"

namespace {

using bench::add_signing_input_counter;
using bench::escape;
using bench::pattern_bytes;
using bench::reference;

// ---- primitives ----------------------------------------------------------------

void BM_jwtcore_sha256(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  escape(data.data());
  for (auto _ : state) {
    jwtcore::sha256_digest digest = jwtcore::sha256(data.data(), data.size());
    benchmark::DoNotOptimize(digest);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_jwtcore_sha256)->Arg(64)->Arg(1024)->Arg(16 * 1024);

// jwtcore's own floor for an HS256 MAC of the reference token: 7 calls of the
// block function the library uses at run time (6 inner blocks + 1 outer).
void BM_jwtcore_7_compressions(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(7 * jwtcore::sha256_block_size);
  std::uint32_t h[8] = {};
  for (unsigned i = 0; i < 8; ++i) h[i] = jwtcore::detail::sha256_initial[i];
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < 7; ++i) {
      jwtcore::detail::sha256_compress(h, blocks.data() + i * jwtcore::sha256_block_size, 1);
    }
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_jwtcore_7_compressions);

void BM_jwtcore_hmac_sha256_midstates(benchmark::State& state) {
  jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(bench::secret);
  const std::string_view message = reference().signing_input();
  escape(&key);
  escape(message.data());
  for (auto _ : state) {
    jwtcore::sha256_digest mac = jwtcore::hmac_sha256(key, message);
    benchmark::DoNotOptimize(mac);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_hmac_sha256_midstates);

void BM_jwtcore_base64url_encode_1KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(1024);
  char text[jwtcore::base64url_encoded_size(1024)];
  escape(data.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::base64url_encode_into(data.data(), data.size(), text, sizeof text);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_jwtcore_base64url_encode_1KiB);

void BM_jwtcore_base64url_decode_1KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(1024);
  std::string text(jwtcore::base64url_encoded_size(data.size()), '\0');
  if (!jwtcore::base64url_encode_into(data.data(), data.size(), text.data(), text.size())) {
    bench::setup_failed("base64url_encode_into failed");
  }
  std::uint8_t bytes[1024];
  escape(text.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> size = jwtcore::base64url_decode_into(text, bytes, sizeof bytes);
    benchmark::DoNotOptimize(size);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_jwtcore_base64url_decode_1KiB);

// ---- token paths -----------------------------------------------------------------

void BM_jwtcore_claims_write_json(benchmark::State& state) {
  jwtcore::claims claims = bench::reference_claims();
  char out[512];
  escape(&claims);
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = claims.write_json(out, sizeof out);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  state.counters["json_bytes"] = static_cast<double>(reference().payload_json.size());
}
BENCHMARK(BM_jwtcore_claims_write_json);

void BM_jwtcore_sign_hs256_into_claims(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  jwtcore::claims claims = bench::reference_claims();
  char out[1024];
  escape(&key);
  escape(&claims);
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::sign_hs256_into(key, claims, out, sizeof out);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  if (std::string_view(out, *jwtcore::sign_hs256_into(key, claims, out, sizeof out)) != reference().token) {
    bench::setup_failed("sign_hs256_into(claims) gave another token");
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_sign_hs256_into_claims);

void BM_jwtcore_sign_hs256_into_payload(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  const std::string_view payload = reference().payload_json;
  char out[1024];
  escape(&key);
  escape(payload.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::sign_hs256_into(key, payload, out, sizeof out);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  if (std::string_view(out, *jwtcore::sign_hs256_into(key, payload, out, sizeof out)) != reference().token) {
    bench::setup_failed("sign_hs256_into(payload) gave another token");
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_sign_hs256_into_payload);

// The allocating convenience, from the same payload text.
void BM_jwtcore_sign_hs256_string(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  const std::string_view payload = reference().payload_json;
  escape(&key);
  escape(payload.data());
  for (auto _ : state) {
    jwtcore::result<std::string> token = jwtcore::sign_hs256(key, payload);
    benchmark::DoNotOptimize(token);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_sign_hs256_string);

void BM_jwtcore_check_hs256_signature(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  const std::string_view token = reference().token;
  escape(&key);
  escape(token.data());
  if (!jwtcore::check_hs256_signature(key, token)) bench::setup_failed("check_hs256_signature refused the token");
  for (auto _ : state) {
    bool ok = jwtcore::check_hs256_signature(key, token);
    benchmark::DoNotOptimize(ok);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_check_hs256_signature);

// Everything a verifying API runs per request: split, decode, header, MAC,
// payload parse, exp/nbf/iat, aud, iss and one required scope.
void BM_jwtcore_verifier_verify(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  jwtcore::hs256_key_set keys;
  keys.add(key);
  jwtcore::verifier verifier;
  verifier.keys(keys).now(bench::verify_time).audience(bench::audience).issuer(bench::issuer).require_scopes(
      bench::required_scope);
  const std::string_view token = reference().token;
  char buffer[jwtcore::verifier::buffer_size_for(1024)];
  if (!verifier.verify(token, buffer, sizeof buffer)) bench::setup_failed("verifier::verify refused the token");
  escape(&key);
  escape(&verifier);
  escape(token.data());
  for (auto _ : state) {
    jwtcore::result<jwtcore::verified_claims> claims = verifier.verify(token, buffer, sizeof buffer);
    benchmark::DoNotOptimize(claims);
    benchmark::ClobberMemory();
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_verifier_verify);

}  // namespace

BENCHMARK_MAIN();
