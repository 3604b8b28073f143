// bench/bench_threads.cpp: signing and verification from one and from two
// threads at once under one shared const key (and one shared verifier), each
// thread with its own output buffer, beside the same work with a private key
// per thread. Time is wall-clock per token over all threads (UseRealTime), so
// the scaling is the threads:1 time over the threads:2 time (2 when nothing
// on the hot path is shared and written, and two cores are free); the CPU
// column is CPU time per token, which shared writable state would raise at
// two threads. The private rows give what the machine allows: when shared and
// private scale alike, sharing costs nothing.
#include <atomic>   // the control's counter
#include <cstddef>  // std::size_t
#include <cstdint>  // std::int64_t, std::uint64_t
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

template <class PerToken = void (*)()>
void time_signing(benchmark::State& state, const jwtcore::jwt_key& key, PerToken per_token = [] {}) {
  const std::string_view payload = reference().payload_json;
  token_buffer out;
  for (auto _ : state) {
    jwtcore::result<std::size_t> length = jwtcore::sign_into(key, payload, out.bytes, sizeof out.bytes);
    benchmark::DoNotOptimize(length);
    benchmark::ClobberMemory();
    per_token();
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

// The control: the shared key plus what the library must not have, a shared
// counter written for every token; its CPU time per token at two threads is
// what such state costs while the threads overlap (the line moving between
// the cores).
struct alignas(64) line_counter {  // alone on its cache line
  std::atomic<std::uint64_t> value{0};
};
line_counter tokens_signed;

void BM_threads_sign_shared_counter(benchmark::State& state) {
  time_signing(state, shared_key(), [] { tokens_signed.value.fetch_add(1, std::memory_order_relaxed); });
}

void BM_threads_verify_shared_verifier(benchmark::State& state) { time_verification(state, shared_verifier().verifier); }

void BM_threads_verify_private_verifier(benchmark::State& state) {
  const bench::reference_verifier checks;
  time_verification(state, checks.verifier);
}

BENCHMARK(BM_threads_sign_shared_key)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_sign_private_key)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_sign_shared_counter)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_verify_shared_verifier)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_threads_verify_private_verifier)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
