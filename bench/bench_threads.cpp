// bench/bench_threads.cpp: signing and verification from several threads at
// once under one shared const key (and one shared verifier), each thread with
// its own output buffer, against the same work with a private key per thread.
// Times are wall-clock per token over all threads (UseRealTime): with two
// threads on two free cores they halve when nothing on the hot path is shared
// and written. The private-key rows separate the machine's own limit (two
// vCPUs on one SMT core, a busy host) from the library's: when shared and
// private scale alike, the shared key costs nothing.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t
#include <string_view>

#include <benchmark/benchmark.h>
#include <jwtcore/jwtcore.hpp>

#include "reference_token.hpp"

namespace {

using bench::reference;

// The shared state: function-local statics, so that the first thread to ask
// builds them (thread-safe), before its timed loop.
const jwtcore::hs256_key& shared_key() {
  static const jwtcore::hs256_key key(bench::secret);
  return key;
}

const bench::reference_verifier& shared_verifier() {
  static const bench::reference_verifier checks;
  return checks;
}

// Each thread's buffer, on its own stack and aligned to a cache line, so that
// two threads never write the same line.
struct alignas(64) token_buffer {
  char bytes[1024];
};

void time_signing(benchmark::State& state, const jwtcore::jwt_key& key) {
  const std::string_view payload = reference().payload_json;
  token_buffer out;
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::sign_into(key, payload, out.bytes, sizeof out.bytes);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
  }
  const jwtcore::result<std::size_t> length = jwtcore::sign_into(key, payload, out.bytes, sizeof out.bytes);
  if (!length || std::string_view(out.bytes, *length) != reference().token) {
    bench::setup_failed("sign_into gave another token");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void time_verification(benchmark::State& state, const jwtcore::verifier& verifier) {
  const std::string_view token = reference().token;
  alignas(64) char buffer[jwtcore::verifier::buffer_size_for(1024)];
  if (!verifier.verify(token, buffer, sizeof buffer)) bench::setup_failed("verifier::verify refused the token");
  for (auto _ : state) {
    jwtcore::result<jwtcore::verified_claims> claims = verifier.verify(token, buffer, sizeof buffer);
    benchmark::DoNotOptimize(claims);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_threads_sign_shared_key(benchmark::State& state) { time_signing(state, shared_key()); }

void BM_threads_sign_private_key(benchmark::State& state) {
  const jwtcore::hs256_key key(bench::secret);
  time_signing(state, key);
}

void BM_threads_verify_shared_verifier(benchmark::State& state) { time_verification(state, shared_verifier().verifier); }

void BM_threads_verify_private_verifier(benchmark::State& state) {
  const bench::reference_verifier checks;
  time_verification(state, checks.verifier);
}

BENCHMARK(BM_threads_sign_shared_key)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_sign_private_key)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_verify_shared_verifier)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_verify_private_verifier)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
