// bench/bench_sodium.cpp: SHA-256 and HMAC-SHA256 through libsodium, a second
// reference: its SHA-256 is portable C, like jwtcore's (no SHA-NI), so it
// shows where jwtcore's portable kernel stands among portable kernels.
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <vector>   // input buffers

#include <benchmark/benchmark.h>
#include <sodium.h>

#include "reference_token.hpp"

namespace {

using bench::add_signing_input_counter;
using bench::escape;
using bench::pattern_bytes;
using bench::reference;

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

void check_mac(const unsigned char* mac, const char* path) {
  const jwtcore::sha256_digest expected = jwtcore::hmac_sha256(bench::secret, reference().signing_input());
  if (!jwtcore::ct_equal(expected.data(), mac, expected.size())) bench::setup_failed(path);
}

void BM_sodium_crypto_hash_sha256(benchmark::State& state) {
  const std::vector<std::uint8_t> data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  unsigned char digest[crypto_hash_sha256_BYTES];
  escape(data.data());
  for (auto _ : state) {
    int ok = crypto_hash_sha256(digest, data.data(), data.size());
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_sodium_crypto_hash_sha256)->Arg(64)->Arg(1024)->Arg(16 * 1024);

// A keyed state made once and copied per MAC: the precomputed pads.
void BM_sodium_hmacsha256_state_copy(benchmark::State& state) {
  crypto_auth_hmacsha256_state keyed;
  crypto_auth_hmacsha256_init(&keyed, bytes_of(bench::secret), bench::secret.size());
  const std::string_view message = reference().signing_input();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  escape(&keyed);
  escape(message.data());
  for (auto _ : state) {
    crypto_auth_hmacsha256_state s = keyed;
    crypto_auth_hmacsha256_update(&s, bytes_of(message), message.size());
    crypto_auth_hmacsha256_final(&s, mac);
    benchmark::ClobberMemory();
  }
  check_mac(mac, "crypto_auth_hmacsha256 (state) gave another MAC");
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
}
BENCHMARK(BM_sodium_hmacsha256_state_copy);

// The one-shot call, which hashes the key pads on every MAC (9 blocks, not 7).
void BM_sodium_crypto_auth_hmacsha256(benchmark::State& state) {
  const std::string_view message = reference().signing_input();
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  escape(message.data());
  for (auto _ : state) {
    int ok = crypto_auth_hmacsha256(mac, bytes_of(message), message.size(), bytes_of(bench::secret));
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  check_mac(mac, "crypto_auth_hmacsha256 gave another MAC");
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
}
BENCHMARK(BM_sodium_crypto_auth_hmacsha256);

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) bench::setup_failed("sodium_init failed");
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
