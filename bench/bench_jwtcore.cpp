// bench/bench_jwtcore.cpp: jwtcore's primitives and token paths under Google
// Benchmark, on the reference token of reference_token.hpp. Each figure is for
// the SHA-256 kernel the dispatcher picks (named in the context header; set
// JWTCORE_FORCE_KERNEL=portable to compare); BM_jwtcore_7_compressions is the
// floor every HS256 path of the reference token is measured against.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint32_t, std::uint64_t
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

// The portable kernel alone, whatever the dispatcher would pick: 16 KiB of
// whole blocks, to set against libsodium's portable C SHA-256 in the same run.
void BM_jwtcore_portable_kernel_16KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(16 * 1024);
  std::uint32_t h[8] = {};
  for (unsigned i = 0; i < 8; ++i) h[i] = jwtcore::detail::sha256_initial[i];
  escape(blocks.data());
  for (auto _ : state) {
    jwtcore::detail::sha256_compress_portable(h, blocks.data(), blocks.size() / jwtcore::sha256_block_size);
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 16 * 1024);
}
BENCHMARK(BM_jwtcore_portable_kernel_16KiB);

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

// The table-driven codec for public text, on the same bytes.
void BM_jwtcore_base64url_encode_public_1KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(1024);
  char text[jwtcore::base64url_encoded_size(1024)];
  escape(data.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> length =
        jwtcore::base64url_encode_public_into(data.data(), data.size(), text, sizeof text);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_jwtcore_base64url_encode_public_1KiB);

void BM_jwtcore_base64url_decode_public_1KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(1024);
  std::string text(jwtcore::base64url_encoded_size(data.size()), '\0');
  if (!jwtcore::base64url_encode_into(data.data(), data.size(), text.data(), text.size())) {
    bench::setup_failed("base64url_encode_into failed");
  }
  std::uint8_t bytes[1024];
  escape(text.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> size = jwtcore::base64url_decode_public_into(text, bytes, sizeof bytes);
    benchmark::DoNotOptimize(size);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_jwtcore_base64url_decode_public_1KiB);

// What a token costs in base64url besides its payload: the 32-byte MAC
// encoded (constant time, as signing does) and the 43-character signature
// decoded (the fast decoder, as the check does).
void BM_jwtcore_base64url_encode_mac(benchmark::State& state) {
  const std::vector<std::uint8_t> mac = pattern_bytes(jwtcore::sha256_digest_size);
  char text[jwtcore::hs256_signature_segment_size];
  escape(mac.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::base64url_encode_into(mac.data(), mac.size(), text, sizeof text);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_jwtcore_base64url_encode_mac);

void BM_jwtcore_base64url_decode_public_signature(benchmark::State& state) {
  const std::string_view token = reference().token;
  const std::string_view signature = token.substr(token.size() - jwtcore::hs256_signature_segment_size);
  std::uint8_t mac[jwtcore::sha256_digest_size];
  escape(signature.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> size = jwtcore::base64url_decode_public_into(signature, mac, sizeof mac);
    benchmark::DoNotOptimize(size);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_jwtcore_base64url_decode_public_signature);

// The reference token's payload segment (318 characters), as the verifier decodes it.
void BM_jwtcore_base64url_decode_public_payload(benchmark::State& state) {
  const std::string_view token = reference().token;
  const std::size_t first = token.find('.') + 1;
  const std::string_view payload = token.substr(first, token.rfind('.') - first);
  char json[jwtcore::base64url_decoded_size(1024)];
  escape(payload.data());
  for (auto _ : state) {
    jwtcore::result<std::size_t> size = jwtcore::base64url_decode_public_into(payload, json, sizeof json);
    benchmark::DoNotOptimize(size);
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_jwtcore_base64url_decode_public_payload);

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

// The reader's check of payload text, the first half of signing from text.
void BM_jwtcore_json_validate_object(benchmark::State& state) {
  const std::string_view payload = reference().payload_json;
  escape(payload.data());
  for (auto _ : state) {
    jwtcore::result<void> ok = jwtcore::json_validate_object(payload);
    benchmark::DoNotOptimize(ok);
  }
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_json_validate_object);

// Times sign(out, capacity), which must sign `expected`.
template <class Sign>
void time_signing(benchmark::State& state, const char* name, Sign&& sign,
                  std::string_view expected = reference().token) {
  char out[1024];
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = sign(out, sizeof out);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  const jwtcore::result<std::size_t> length = sign(out, sizeof out);
  if (!length || std::string_view(out, *length) != expected) bench::setup_failed(name);
  add_signing_input_counter(state);
}

// The pipeline alone: header and payload encoded, one HMAC, the signature.
void BM_jwtcore_sign_hs256_raw(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  const std::string_view payload = reference().payload_json;
  escape(&key);
  escape(payload.data());
  time_signing(state, "sign_hs256_raw gave another token", [&](char* out, std::size_t capacity) {
    return jwtcore::sign_hs256_raw(key.midstates(), jwtcore::hs256_header_json, payload, out, capacity);
  });
}
BENCHMARK(BM_jwtcore_sign_hs256_raw);

void BM_jwtcore_sign_hs256_into_claims(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  jwtcore::claims claims = bench::reference_claims();
  escape(&key);
  escape(&claims);
  time_signing(state, "sign_hs256_into(claims) gave another token", [&](char* out, std::size_t capacity) {
    return jwtcore::sign_hs256_into(key, claims, out, capacity);
  });
}
BENCHMARK(BM_jwtcore_sign_hs256_into_claims);

void BM_jwtcore_sign_hs256_into_payload(benchmark::State& state) {
  jwtcore::hs256_key key(bench::secret);
  const std::string_view payload = reference().payload_json;
  escape(&key);
  escape(payload.data());
  time_signing(state, "sign_hs256_into(payload) gave another token", [&](char* out, std::size_t capacity) {
    return jwtcore::sign_hs256_into(key, payload, out, capacity);
  });
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

// Batches of state.range(0) tokens from the reference payload text and claim
// set; per_token is the time for one token (compare it with the single-token
// sign_hs256_into figures above).
void BM_jwtcore_sign_hs256_batch_payload(benchmark::State& state) {
  const std::size_t count = static_cast<std::size_t>(state.range(0));
  jwtcore::hs256_key key(bench::secret);
  const std::string_view payload = reference().payload_json;
  std::vector<char> buffers(count * 512);
  std::vector<jwtcore::hs256_text_job> jobs(count);
  for (std::size_t i = 0; i < count; ++i) jobs[i] = {payload, buffers.data() + i * 512, 512};
  escape(&key);
  escape(payload.data());
  escape(jobs.data());
  for (auto _ : state) {
    std::size_t signed_count = jwtcore::sign_hs256_batch(key, jobs.data(), jobs.size());
    benchmark::DoNotOptimize(signed_count);
    benchmark::ClobberMemory();
  }
  for (const jwtcore::hs256_text_job& job : jobs) {
    if (!job.token_size || std::string_view(job.out, *job.token_size) != reference().token) {
      bench::setup_failed("sign_hs256_batch(payload) gave another token");
    }
  }
  state.counters["per_token"] = benchmark::Counter(static_cast<double>(count),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_sign_hs256_batch_payload)->Arg(2)->Arg(8)->Arg(64);

void BM_jwtcore_sign_hs256_batch_claims(benchmark::State& state) {
  const std::size_t count = static_cast<std::size_t>(state.range(0));
  jwtcore::hs256_key key(bench::secret);
  const jwtcore::claims claims = bench::reference_claims();
  std::vector<char> buffers(count * 512);
  std::vector<jwtcore::hs256_claims_job> jobs(count);
  for (std::size_t i = 0; i < count; ++i) jobs[i] = {&claims, buffers.data() + i * 512, 512};
  escape(&key);
  escape(&claims);
  escape(jobs.data());
  for (auto _ : state) {
    std::size_t signed_count = jwtcore::sign_hs256_batch(key, jobs.data(), jobs.size());
    benchmark::DoNotOptimize(signed_count);
    benchmark::ClobberMemory();
  }
  for (const jwtcore::hs256_claims_job& job : jobs) {
    if (!job.token_size || std::string_view(job.out, *job.token_size) != reference().token) {
      bench::setup_failed("sign_hs256_batch(claims) gave another token");
    }
  }
  state.counters["per_token"] = benchmark::Counter(static_cast<double>(count),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
  add_signing_input_counter(state);
}
BENCHMARK(BM_jwtcore_sign_hs256_batch_claims)->Arg(2)->Arg(8)->Arg(64);

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

// The required-scope part of BM_jwtcore_verifier_verify alone: the verifier's
// walk of its required list, each word looked for in the token's scope text.
void BM_jwtcore_required_scope(benchmark::State& state) {
  jwtcore::verified_claims claims;
  claims.scope = bench::scope;
  claims.has_scope = true;
  const jwtcore::scope_list required(bench::required_scope);
  escape(&claims);
  escape(&required);
  for (auto _ : state) {
    bool granted = true;
    for (std::string_view wanted : required) granted = granted && claims.grants(wanted);
    benchmark::DoNotOptimize(granted);
  }
}
BENCHMARK(BM_jwtcore_required_scope);

// ---- SHA-512 -------------------------------------------------------------------

// SHA-512 through the kernel the dispatcher picks for it (the AVX message
// schedule on x86-64 CPUs with AVX and BMI2, the ARMv8.2 instructions where
// built for them).
void BM_jwtcore_sha512(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  escape(data.data());
  for (auto _ : state) {
    jwtcore::sha512_digest digest = jwtcore::sha512(data.data(), data.size());
    benchmark::DoNotOptimize(digest);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_jwtcore_sha512)->Arg(64)->Arg(1024)->Arg(16 * 1024);

// The portable SHA-512 kernel alone, whatever the dispatcher would pick: 16 KiB of whole blocks.
void BM_jwtcore_sha512_portable_kernel_16KiB(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(16 * 1024);
  std::uint64_t h[8] = {};
  for (unsigned i = 0; i < 8; ++i) h[i] = jwtcore::detail::sha512_initial[i];
  escape(blocks.data());
  for (auto _ : state) {
    jwtcore::detail::sha512_compress_portable(h, blocks.data(), blocks.size() / jwtcore::sha512_block_size);
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 16 * 1024);
}
BENCHMARK(BM_jwtcore_sha512_portable_kernel_16KiB);

// ---- HS384 and HS512 -------------------------------------------------------------
// The reference payload under an HS384 or HS512 key (bench::secret_hs512), the
// tokens checked against python's (reference_token.hpp). The floor of an
// HS512 MAC of the 355-byte signing input is 4 SHA-512 compressions (3 inner
// blocks + 1 outer, the pads precomputed); of HS384 the same 4.

void BM_jwtcore_4_sha512_compressions(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(4 * jwtcore::sha512_block_size);
  std::uint64_t h[8] = {};
  for (unsigned i = 0; i < 8; ++i) h[i] = jwtcore::detail::sha512_initial[i];
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < 4; ++i) {
      jwtcore::detail::sha512_compress(h, blocks.data() + i * jwtcore::sha512_block_size, 1);
    }
    benchmark::DoNotOptimize(h);
  }
}
BENCHMARK(BM_jwtcore_4_sha512_compressions);

const std::string& reference_token_for(jwtcore::jwt_alg alg) {
  return alg == jwtcore::jwt_alg::hs384 ? reference().hs384_token : reference().hs512_token;
}

void BM_jwtcore_sign_into_payload(benchmark::State& state, jwtcore::jwt_alg alg) {
  jwtcore::jwt_key key(alg, bench::secret_hs512);
  const std::string_view payload = reference().payload_json;
  escape(&key);
  escape(payload.data());
  time_signing(
      state, "sign_into(HS384/HS512 key, payload) gave another token",
      [&](char* out, std::size_t capacity) { return jwtcore::sign_into(key, payload, out, capacity); },
      reference_token_for(alg));
}
BENCHMARK_CAPTURE(BM_jwtcore_sign_into_payload, hs384, jwtcore::jwt_alg::hs384);
BENCHMARK_CAPTURE(BM_jwtcore_sign_into_payload, hs512, jwtcore::jwt_alg::hs512);

void BM_jwtcore_check_signature(benchmark::State& state, jwtcore::jwt_alg alg) {
  jwtcore::jwt_key key(alg, bench::secret_hs512);
  const std::string_view token = reference_token_for(alg);
  escape(&key);
  escape(token.data());
  if (!jwtcore::check_signature(key, token)) bench::setup_failed("check_signature refused an HS384/HS512 token");
  for (auto _ : state) {
    bool ok = jwtcore::check_signature(key, token);
    benchmark::DoNotOptimize(ok);
  }
  add_signing_input_counter(state);
}
BENCHMARK_CAPTURE(BM_jwtcore_check_signature, hs384, jwtcore::jwt_alg::hs384);
BENCHMARK_CAPTURE(BM_jwtcore_check_signature, hs512, jwtcore::jwt_alg::hs512);

// What BM_jwtcore_verifier_verify runs, on the HS512 token under an HS512 key.
void BM_jwtcore_verifier_verify_hs512(benchmark::State& state) {
  jwtcore::jwt_key key(jwtcore::jwt_alg::hs512, bench::secret_hs512);
  jwtcore::jwt_key_set keys;
  keys.add(key);
  jwtcore::verifier verifier;
  verifier.keys(keys).now(bench::verify_time).audience(bench::audience).issuer(bench::issuer).require_scopes(
      bench::required_scope);
  const std::string_view token = reference().hs512_token;
  char buffer[jwtcore::verifier::buffer_size_for(1024)];
  const jwtcore::result<jwtcore::verified_claims> first = verifier.verify(token, buffer, sizeof buffer);
  if (!first || first->alg != jwtcore::jwt_alg::hs512) bench::setup_failed("verifier::verify refused the HS512 token");
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
BENCHMARK(BM_jwtcore_verifier_verify_hs512);

// ---- end of HS384 and HS512 --------------------------------------------------------

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("sha256_kernel", jwtcore::sha256_kernel_name());
  benchmark::AddCustomContext("sha512_kernel",
                              jwtcore::detail::sha512_kernel_name(jwtcore::detail::active_sha512_kernel()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
