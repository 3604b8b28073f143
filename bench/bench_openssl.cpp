// bench/bench_openssl.cpp: the same SHA-256, SHA-512 and HMAC work through
// OpenSSL 3, the reference jwtcore is measured against, and "the 7-compression
// limit": an HS256 MAC of the 355-byte reference signing input with
// precomputed pads needs 6 inner blocks and 1 outer block, so 7 calls of
// OpenSSL's block function (SHA-NI where the CPU has it) is the floor any
// signer could reach. HS512 needs 3 inner blocks of 128 bytes and 1 outer:
// "the 4-compression limit".
#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t
#include <vector>   // input buffers

#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "reference_token.hpp"

namespace {

using bench::add_signing_input_counter;
using bench::escape;
using bench::pattern_bytes;
using bench::reference;

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// The MAC jwtcore computes for the reference signing input (HMAC-SHA256, or
// HMAC-SHA512 when `sha512`), to check every OpenSSL path against before timing it.
void check_mac(const unsigned char* mac, std::size_t size, const char* path, bool sha512 = false) {
  const std::string_view input = reference().signing_input();
  const jwtcore::sha512_digest expected_512 = jwtcore::hmac_sha512(bench::secret, input);
  const jwtcore::sha256_digest expected_256 = jwtcore::hmac_sha256(bench::secret, input);
  const std::uint8_t* expected = sha512 ? expected_512.data() : expected_256.data();
  const std::size_t expected_size = sha512 ? expected_512.size() : expected_256.size();
  if (size != expected_size || !jwtcore::ct_equal(expected, mac, size)) bench::setup_failed(path);
}

// ---- SHA-256 ---------------------------------------------------------------------

// The one-shot call most code writes (EVP_sha256() is fetched implicitly).
void time_EVP_Digest(benchmark::State& state, const EVP_MD* md) {
  const std::vector<std::uint8_t> data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  escape(data.data());
  for (auto _ : state) {
    int ok = EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
void BM_openssl_EVP_Digest(benchmark::State& state) { time_EVP_Digest(state, EVP_sha256()); }
BENCHMARK(BM_openssl_EVP_Digest)->Arg(64)->Arg(1024)->Arg(16 * 1024);

// One EVP_MD_CTX and one explicitly fetched EVP_MD, reused for every hash.
void time_EVP_MD_CTX_reused(benchmark::State& state, const char* name) {
  const std::vector<std::uint8_t> data = pattern_bytes(static_cast<std::size_t>(state.range(0)));
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (md == nullptr || ctx == nullptr) bench::setup_failed("EVP_MD_fetch/EVP_MD_CTX_new failed");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  escape(data.data());
  for (auto _ : state) {
    int ok = EVP_DigestInit_ex(ctx, md, nullptr);
    ok &= EVP_DigestUpdate(ctx, data.data(), data.size());
    ok &= EVP_DigestFinal_ex(ctx, digest, &length);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
}
void BM_openssl_EVP_MD_CTX_reused(benchmark::State& state) { time_EVP_MD_CTX_reused(state, "SHA256"); }
BENCHMARK(BM_openssl_EVP_MD_CTX_reused)->Arg(64)->Arg(1024)->Arg(16 * 1024);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // SHA256_Transform: the bare block function

// The 7-compression limit: OpenSSL's block function, 7 times, nothing else.
void BM_openssl_7_compressions(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(7 * SHA256_CBLOCK);
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < 7; ++i) SHA256_Transform(&ctx, blocks.data() + i * SHA256_CBLOCK);
    benchmark::DoNotOptimize(ctx);
  }
}
BENCHMARK(BM_openssl_7_compressions);

// ---- HMAC-SHA256 over the reference signing input --------------------------------

// The legacy HMAC_CTX: HMAC_Init_ex with a null key restarts from the pads it
// already holds, the closest OpenSSL comes to jwtcore's precomputed midstates.
void time_HMAC_CTX_reinit(benchmark::State& state, const EVP_MD* md) {
  HMAC_CTX* ctx = HMAC_CTX_new();
  if (ctx == nullptr ||
      HMAC_Init_ex(ctx, bench::secret.data(), static_cast<int>(bench::secret.size()), md, nullptr) != 1) {
    bench::setup_failed("HMAC_CTX setup failed");
  }
  const std::string_view message = reference().signing_input();
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  escape(message.data());
  for (auto _ : state) {
    int ok = HMAC_Init_ex(ctx, nullptr, 0, nullptr, nullptr);
    ok &= HMAC_Update(ctx, bytes_of(message), message.size());
    ok &= HMAC_Final(ctx, mac, &length);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  check_mac(mac, length, "HMAC_CTX gave another MAC", md == EVP_sha512());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
  HMAC_CTX_free(ctx);
}
void BM_openssl_HMAC_CTX_reinit(benchmark::State& state) { time_HMAC_CTX_reinit(state, EVP_sha256()); }
BENCHMARK(BM_openssl_HMAC_CTX_reinit);

// ---- SHA-512 and HMAC-SHA512 -------------------------------------------------------

void BM_openssl_sha512_EVP_Digest(benchmark::State& state) { time_EVP_Digest(state, EVP_sha512()); }
BENCHMARK(BM_openssl_sha512_EVP_Digest)->Arg(64)->Arg(1024)->Arg(16 * 1024);

void BM_openssl_sha512_EVP_MD_CTX_reused(benchmark::State& state) { time_EVP_MD_CTX_reused(state, "SHA512"); }
BENCHMARK(BM_openssl_sha512_EVP_MD_CTX_reused)->Arg(64)->Arg(1024)->Arg(16 * 1024);

// The 4-compression limit of HS512: OpenSSL's SHA-512 block function, 4 times, nothing else.
void BM_openssl_4_sha512_compressions(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = pattern_bytes(4 * SHA512_CBLOCK);
  SHA512_CTX ctx;
  SHA512_Init(&ctx);
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < 4; ++i) SHA512_Transform(&ctx, blocks.data() + i * SHA512_CBLOCK);
    benchmark::DoNotOptimize(ctx);
  }
}
BENCHMARK(BM_openssl_4_sha512_compressions);

// HMAC-SHA512 of the reference signing input through a reused HMAC_CTX.
void BM_openssl_HMAC_sha512_CTX_reinit(benchmark::State& state) { time_HMAC_CTX_reinit(state, EVP_sha512()); }
BENCHMARK(BM_openssl_HMAC_sha512_CTX_reinit);

#pragma GCC diagnostic pop

// The OpenSSL 3 API, keyed once: each MAC re-initializes the context with a
// null key, which restarts from the stored pads.
void BM_openssl_EVP_MAC_reinit(benchmark::State& state) {
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = hmac != nullptr ? EVP_MAC_CTX_new(hmac) : nullptr;
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  if (ctx == nullptr || EVP_MAC_init(ctx, bytes_of(bench::secret), bench::secret.size(), params) != 1) {
    bench::setup_failed("EVP_MAC setup failed");
  }
  const std::string_view message = reference().signing_input();
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  escape(message.data());
  for (auto _ : state) {
    int ok = EVP_MAC_init(ctx, nullptr, 0, nullptr);
    ok &= EVP_MAC_update(ctx, bytes_of(message), message.size());
    ok &= EVP_MAC_final(ctx, mac, &length, sizeof mac);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  check_mac(mac, length, "EVP_MAC (reinit) gave another MAC");
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(hmac);
}
BENCHMARK(BM_openssl_EVP_MAC_reinit);

// The OpenSSL 3 API as a multi-threaded server would use it: a keyed template
// context, duplicated per MAC (one allocation and copy each time).
void BM_openssl_EVP_MAC_CTX_dup(benchmark::State& state) {
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* keyed = hmac != nullptr ? EVP_MAC_CTX_new(hmac) : nullptr;
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  if (keyed == nullptr || EVP_MAC_init(keyed, bytes_of(bench::secret), bench::secret.size(), params) != 1) {
    bench::setup_failed("EVP_MAC setup failed");
  }
  const std::string_view message = reference().signing_input();
  unsigned char mac[EVP_MAX_MD_SIZE];
  std::size_t length = 0;
  escape(message.data());
  for (auto _ : state) {
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed);
    int ok = ctx != nullptr;
    ok &= EVP_MAC_update(ctx, bytes_of(message), message.size());
    ok &= EVP_MAC_final(ctx, mac, &length, sizeof mac);
    EVP_MAC_CTX_free(ctx);
    benchmark::DoNotOptimize(ok);
    benchmark::ClobberMemory();
  }
  check_mac(mac, length, "EVP_MAC (dup) gave another MAC");
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(message.size()));
  add_signing_input_counter(state);
  EVP_MAC_CTX_free(keyed);
  EVP_MAC_free(hmac);
}
BENCHMARK(BM_openssl_EVP_MAC_CTX_dup);

}  // namespace

BENCHMARK_MAIN();
