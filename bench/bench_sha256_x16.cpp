// bench/bench_sha256_x16.cpp: a measurement, not a kernel of the library:
// SHA-256 on 16 independent streams, one per 32-bit lane of the AVX-512
// registers (one block per stream and call), set against jwtcore's block
// function on one, two and three streams; then HS256 MACs of 16 reference
// signing inputs at a time against jwtcore's own MAC (bench_jwtcore's
// BM_jwtcore_sign_hs256_batch_payload gives the whole tokens around it).
// The whole file is built with -mavx512f -mavx512bw -mavx512vl, so main asks
// the CPU before anything else runs, and registers the benchmarks only then.

// Some GCC releases, inlining these intrinsics, take the placeholder that the
// header initializes from itself for an uninitialized read: silenced for the
// header's own lines only.
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wuninitialized"
#  pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>  // AVX-512 intrinsics
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic pop
#endif

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <cstdio>       // std::printf, std::fprintf
#include <cstring>      // std::memcpy, std::memset
#include <random>       // the random states and blocks of the lane check
#include <string>       // the signing inputs of the MAC benchmarks
#include <utility>      // std::index_sequence, which unrolls the rounds
#include <vector>       // blocks and batch buffers

#include <benchmark/benchmark.h>
#include <jwtcore/jwtcore.hpp>

#include "reference_token.hpp"

namespace {

using bench::escape;
using jwtcore::sha256_block_size;

constexpr std::size_t lanes = 16;
using lane_blocks = const std::uint8_t* const (&)[lanes];

// ---- the 16-lane block function ---------------------------------------------------
// Every __m512i below holds one word of 16 streams: lane j is stream j's.

template <int N>
inline __m512i rotr(__m512i x) {
  return _mm512_ror_epi32(x, N);
}
inline __m512i add(__m512i a, __m512i b) { return _mm512_add_epi32(a, b); }
// The immediates are truth tables of (a, b, c): 0x96 a ^ b ^ c, 0xCA "b if a
// else c" (Ch), 0xE8 the majority (Maj).
inline __m512i xor3(__m512i a, __m512i b, __m512i c) { return _mm512_ternarylogic_epi32(a, b, c, 0x96); }
inline __m512i choose(__m512i e, __m512i f, __m512i g) { return _mm512_ternarylogic_epi32(e, f, g, 0xCA); }
inline __m512i majority(__m512i a, __m512i b, __m512i c) { return _mm512_ternarylogic_epi32(a, b, c, 0xE8); }
inline __m512i broadcast(std::uint32_t word) { return _mm512_set1_epi32(static_cast<int>(word)); }

// Round T. The eight working words stay in place and their roles turn
// instead (a of round T is v[-T mod 8]); w holds the last sixteen message
// words, W[T] at w[T % 16] once computed here.
template <unsigned T>
__attribute__((always_inline)) inline void round_x16(__m512i (&v)[8], __m512i (&w)[16]) {
  const __m512i a = v[(64 - T) % 8], b = v[(65 - T) % 8], c = v[(66 - T) % 8];
  __m512i& d = v[(67 - T) % 8];
  const __m512i e = v[(68 - T) % 8], f = v[(69 - T) % 8], g = v[(70 - T) % 8];
  __m512i& h = v[(71 - T) % 8];
  if constexpr (T >= 16) {
    const __m512i w15 = w[(T - 15) % 16], w2 = w[(T - 2) % 16];
    const __m512i sigma0 = xor3(rotr<7>(w15), rotr<18>(w15), _mm512_srli_epi32(w15, 3));
    const __m512i sigma1 = xor3(rotr<17>(w2), rotr<19>(w2), _mm512_srli_epi32(w2, 10));
    w[T % 16] = add(add(w[T % 16], sigma0), add(w[(T - 7) % 16], sigma1));
  }
  const __m512i t1 = add(add(h, xor3(rotr<6>(e), rotr<11>(e), rotr<25>(e))),
                         add(choose(e, f, g), add(w[T % 16], broadcast(jwtcore::detail::sha256_round_constants[T]))));
  const __m512i t2 = add(xor3(rotr<2>(a), rotr<13>(a), rotr<22>(a)), majority(a, b, c));
  d = add(d, t1);
  h = add(t1, t2);
}

template <std::size_t... T>
__attribute__((always_inline)) inline void rounds_x16(__m512i (&v)[8], __m512i (&w)[16], std::index_sequence<T...>) {
  (round_x16<static_cast<unsigned>(T)>(v, w), ...);
}

// One block of each stream whose 16 message words are already in lanes.
__attribute__((always_inline)) inline void compress_words_x16(__m512i (&state)[8], __m512i (&w)[16]) {
  __m512i v[8];
  for (unsigned i = 0; i < 8; ++i) v[i] = state[i];
  rounds_x16(v, w, std::make_index_sequence<64>());
  for (unsigned i = 0; i < 8; ++i) state[i] = add(state[i], v[i]);
}

// Row j word t to row t word j, its own inverse: pairs of words within each
// 128-bit quarter, then quads, then the quarters themselves across rows.
__attribute__((always_inline)) inline void transpose_x16(__m512i (&r)[16]) {
  __m512i t[16];
  for (unsigned i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_epi32(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_epi32(r[i], r[i + 1]);
  }
  // Now quarter c of u[4 * i + k] holds word 4 * c + k of rows 4 * i .. 4 * i + 3.
  __m512i u[16];
  for (unsigned i = 0; i < 16; i += 4) {
    u[i] = _mm512_unpacklo_epi64(t[i], t[i + 2]);
    u[i + 1] = _mm512_unpackhi_epi64(t[i], t[i + 2]);
    u[i + 2] = _mm512_unpacklo_epi64(t[i + 1], t[i + 3]);
    u[i + 3] = _mm512_unpackhi_epi64(t[i + 1], t[i + 3]);
  }
  for (unsigned k = 0; k < 4; ++k) {
    const __m512i low_ab = _mm512_shuffle_i32x4(u[k], u[4 + k], 0x44), high_ab = _mm512_shuffle_i32x4(u[k], u[4 + k], 0xEE);
    const __m512i low_cd = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0x44),
                  high_cd = _mm512_shuffle_i32x4(u[8 + k], u[12 + k], 0xEE);
    r[k] = _mm512_shuffle_i32x4(low_ab, low_cd, 0x88);
    r[4 + k] = _mm512_shuffle_i32x4(low_ab, low_cd, 0xDD);
    r[8 + k] = _mm512_shuffle_i32x4(high_ab, high_cd, 0x88);
    r[12 + k] = _mm512_shuffle_i32x4(high_ab, high_cd, 0xDD);
  }
}

// Big-endian words to native ones and back, in every 32-bit lane.
inline __m512i byte_swap(__m512i x) {
  return _mm512_shuffle_epi8(x, _mm512_set4_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203));
}

// One 64-byte block of each of 16 streams, blocks[j] for stream j.
__attribute__((noinline)) void sha256_compress_x16(__m512i (&state)[8], lane_blocks blocks) {
  __m512i w[16];
  for (std::size_t j = 0; j < lanes; ++j) w[j] = byte_swap(_mm512_loadu_si512(blocks[j]));
  transpose_x16(w);
  compress_words_x16(state, w);
}

// The same from message words already in lanes: the rounds without the
// loads and the transposition.
__attribute__((noinline)) void sha256_compress_words_x16(__m512i (&state)[8], const __m512i (&words)[16]) {
  __m512i w[16];
  for (unsigned i = 0; i < 16; ++i) w[i] = words[i];
  compress_words_x16(state, w);
}

// HS256 MACs of 16 messages of one length under one key, one per lane: the
// message blocks straight from the messages, the padded tail from a copy,
// and the outer block built in the lanes from the inner digests.
__attribute__((noinline)) void hmac_sha256_x16(const jwtcore::hmac_sha256_midstates& key,
                                              const char* const (&messages)[lanes], std::size_t size,
                                              std::uint8_t (&macs)[lanes][jwtcore::sha256_digest_size]) {
  __m512i state[8];
  for (unsigned i = 0; i < 8; ++i) state[i] = broadcast(key.inner.h[i]);
  const std::size_t whole = size / sha256_block_size, rest = size % sha256_block_size;
  for (std::size_t b = 0; b < whole; ++b) {
    const std::uint8_t* blocks[lanes];
    for (std::size_t j = 0; j < lanes; ++j) {
      blocks[j] = reinterpret_cast<const std::uint8_t*>(messages[j]) + b * sha256_block_size;
    }
    sha256_compress_x16(state, blocks);
  }
  // The padding: 0x80, zeros, the bit length after the key block.
  const std::size_t tail_blocks = rest + 9 <= sha256_block_size ? 1 : 2;
  const std::uint64_t bits = (sha256_block_size + size) * 8u;
  alignas(64) std::uint8_t tail[lanes][2 * sha256_block_size];
  for (std::size_t j = 0; j < lanes; ++j) {
    std::uint8_t* t = tail[j];
    std::memcpy(t, messages[j] + whole * sha256_block_size, rest);
    std::memset(t + rest, 0, tail_blocks * sha256_block_size - rest);
    t[rest] = 0x80;
    for (unsigned i = 0; i < 8; ++i) t[tail_blocks * sha256_block_size - 1 - i] = static_cast<std::uint8_t>(bits >> 8 * i);
  }
  for (std::size_t b = 0; b < tail_blocks; ++b) {
    const std::uint8_t* blocks[lanes];
    for (std::size_t j = 0; j < lanes; ++j) blocks[j] = tail[j] + b * sha256_block_size;
    sha256_compress_x16(state, blocks);
  }
  // The outer block: the inner digest (its words as they are), 0x80, the
  // length of key block and digest, 768 bits.
  __m512i w[16];
  for (unsigned i = 0; i < 8; ++i) w[i] = state[i];
  w[8] = broadcast(0x80000000u);
  for (unsigned i = 9; i < 15; ++i) w[i] = _mm512_setzero_si512();
  w[15] = broadcast((64 + 32) * 8);
  for (unsigned i = 0; i < 8; ++i) state[i] = broadcast(key.outer.h[i]);
  compress_words_x16(state, w);
  __m512i rows[16];
  for (unsigned i = 0; i < 8; ++i) rows[i] = state[i];
  for (unsigned i = 8; i < 16; ++i) rows[i] = _mm512_setzero_si512();
  transpose_x16(rows);
  for (std::size_t j = 0; j < lanes; ++j) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(macs[j]), _mm512_castsi512_si256(byte_swap(rows[j])));
  }
}

// ---- the checks before timing -------------------------------------------------------

// Random states and blocks: every lane of sha256_compress_x16 against
// jwtcore's block function (the dispatched kernel and the portable one).
bool lanes_agree_with_jwtcore() {
  std::mt19937 random(20261207u);
  for (unsigned trial = 0; trial < 200; ++trial) {
    std::uint32_t states[lanes][8];
    std::uint8_t blocks[lanes][sha256_block_size];
    const std::uint8_t* block_pointers[lanes];
    alignas(64) std::uint32_t lane_words[8][lanes];
    for (std::size_t j = 0; j < lanes; ++j) {
      for (std::uint32_t& word : states[j]) word = static_cast<std::uint32_t>(random());
      for (std::uint8_t& byte : blocks[j]) byte = static_cast<std::uint8_t>(random());
      block_pointers[j] = blocks[j];
      for (unsigned i = 0; i < 8; ++i) lane_words[i][j] = states[j][i];
    }
    __m512i state[8];
    for (unsigned i = 0; i < 8; ++i) state[i] = _mm512_load_si512(lane_words[i]);
    sha256_compress_x16(state, block_pointers);
    for (unsigned i = 0; i < 8; ++i) _mm512_store_si512(lane_words[i], state[i]);
    for (std::size_t j = 0; j < lanes; ++j) {
      std::uint32_t dispatched[8], portable[8];
      std::memcpy(dispatched, states[j], sizeof dispatched);
      std::memcpy(portable, states[j], sizeof portable);
      jwtcore::detail::sha256_compress(dispatched, blocks[j], 1);
      jwtcore::detail::sha256_compress_portable(portable, blocks[j], 1);
      for (unsigned i = 0; i < 8; ++i) {
        if (lane_words[i][j] != dispatched[i] || lane_words[i][j] != portable[i]) {
          std::fprintf(stderr, "bench_sha256_x16: lane %zu, word %u of trial %u differs from jwtcore's\n", j, i,
                       trial);
          return false;
        }
      }
    }
  }
  return true;
}

// The 16 signing inputs of the MAC benchmarks: the reference one with a
// different character at one place in each, so that no two lanes agree.
std::vector<std::string> signing_inputs() {
  std::vector<std::string> inputs(lanes, std::string(bench::reference().signing_input()));
  for (std::size_t j = 1; j < lanes; ++j) inputs[j][100] = static_cast<char>('a' + j);
  return inputs;
}

// hmac_sha256_x16 against jwtcore::hmac_sha256 for every lane, at the
// reference size and at sizes around block boundaries.
bool macs_agree_with_jwtcore() {
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(bench::secret);
  std::mt19937 random(7u);
  for (const std::size_t size : {bench::expected_signing_input_size, std::size_t{0}, std::size_t{55},
                                 std::size_t{56}, std::size_t{64}, std::size_t{119}, std::size_t{120}}) {
    std::vector<std::string> inputs = signing_inputs();
    const char* messages[lanes];
    for (std::size_t j = 0; j < lanes; ++j) {
      if (size != bench::expected_signing_input_size) {
        inputs[j].resize(size);
        for (char& c : inputs[j]) c = static_cast<char>('a' + random() % 26);
      }
      messages[j] = inputs[j].data();
    }
    std::uint8_t macs[lanes][jwtcore::sha256_digest_size];
    hmac_sha256_x16(key, messages, size, macs);
    for (std::size_t j = 0; j < lanes; ++j) {
      const jwtcore::sha256_digest expected = jwtcore::hmac_sha256(key, inputs[j]);
      if (std::memcmp(expected.data(), macs[j], expected.size()) != 0) {
        std::fprintf(stderr, "bench_sha256_x16: the MAC of lane %zu, %zu bytes, differs from jwtcore's\n", j, size);
        return false;
      }
    }
  }
  return true;
}

// ---- block functions, per block ------------------------------------------------

void set_per_block(benchmark::State& state, std::size_t blocks) {
  state.counters["per_block"] = benchmark::Counter(static_cast<double>(blocks),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
}

void set_per_token(benchmark::State& state, std::size_t tokens) {
  state.counters["per_token"] = benchmark::Counter(static_cast<double>(tokens),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
}

// (a) jwtcore's block function on one stream, 16 blocks one after the other
// on one state: each waits for the one before, as in one MAC.
void BM_lanes16_jwtcore_1_stream(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = bench::pattern_bytes(lanes * sha256_block_size);
  std::uint32_t h[8] = {};
  for (unsigned i = 0; i < 8; ++i) h[i] = jwtcore::detail::sha256_initial[i];
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t j = 0; j < lanes; ++j) jwtcore::detail::sha256_compress(h, blocks.data() + j * sha256_block_size, 1);
    benchmark::DoNotOptimize(h);
  }
  set_per_block(state, lanes);
}

// The same 16 calls on 16 states: out-of-order execution may overlap them.
void BM_lanes16_jwtcore_1_stream_16_states(benchmark::State& state) {
  const std::vector<std::uint8_t> blocks = bench::pattern_bytes(lanes * sha256_block_size);
  std::uint32_t h[lanes][8] = {};
  for (auto& s : h) {
    for (unsigned i = 0; i < 8; ++i) s[i] = jwtcore::detail::sha256_initial[i];
  }
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t j = 0; j < lanes; ++j) jwtcore::detail::sha256_compress(h[j], blocks.data() + j * sha256_block_size, 1);
    benchmark::DoNotOptimize(h);
  }
  set_per_block(state, lanes);
}

// (b) sha256_compress_each on `streams` states, one block each, in calls
// enough for 16 blocks (18 for three streams).
void run_streams(benchmark::State& state, std::size_t streams) {
  const std::size_t calls = (lanes + streams - 1) / streams;
  const std::vector<std::uint8_t> blocks = bench::pattern_bytes(calls * streams * sha256_block_size);
  std::uint32_t h[3][8] = {};
  for (auto& s : h) {
    for (unsigned i = 0; i < 8; ++i) s[i] = jwtcore::detail::sha256_initial[i];
  }
  std::uint32_t* const states[3] = {h[0], h[1], h[2]};
  escape(blocks.data());
  for (auto _ : state) {
    for (std::size_t call = 0; call < calls; ++call) {
      const std::uint8_t* at = blocks.data() + call * streams * sha256_block_size;
      const std::uint8_t* const block_pointers[3] = {at, at + sha256_block_size, at + 2 * sha256_block_size};
      jwtcore::detail::sha256_compress_each(states, block_pointers, streams, 1);
    }
    benchmark::DoNotOptimize(h);
  }
  set_per_block(state, calls * streams);
}
void BM_lanes16_jwtcore_2_streams(benchmark::State& state) { run_streams(state, 2); }
void BM_lanes16_jwtcore_3_streams(benchmark::State& state) { run_streams(state, 3); }

// (c) the 16-lane block function: 16 blocks a call, the states kept in
// lanes; from the blocks, or (to isolate the transposition's cost) from the
// same words already in lanes.
void run_lanes(benchmark::State& state, bool words_in_lanes) {
  const std::vector<std::uint8_t> blocks = bench::pattern_bytes(lanes * sha256_block_size);
  const std::uint8_t* block_pointers[lanes];
  __m512i words[16];
  for (std::size_t j = 0; j < lanes; ++j) {
    block_pointers[j] = blocks.data() + j * sha256_block_size;
    words[j] = byte_swap(_mm512_loadu_si512(block_pointers[j]));
  }
  transpose_x16(words);
  __m512i h[8];
  for (unsigned i = 0; i < 8; ++i) h[i] = broadcast(jwtcore::detail::sha256_initial[i]);
  escape(blocks.data());
  escape(words);
  for (auto _ : state) {
    if (words_in_lanes) {
      sha256_compress_words_x16(h, words);
    } else {
      sha256_compress_x16(h, block_pointers);
    }
    benchmark::DoNotOptimize(h);
  }
  set_per_block(state, lanes);
}
void BM_lanes16_avx512_16_lanes(benchmark::State& state) { run_lanes(state, false); }
void BM_lanes16_avx512_16_lanes_words_in_lanes(benchmark::State& state) { run_lanes(state, true); }

// ---- HS256 MACs of 16 reference signing inputs, per token ------------------------

// (d) 16 at a time in the lanes, with the transpositions in and out.
void BM_lanes16_avx512_hs256_16_tokens(benchmark::State& state) {
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(bench::secret);
  const std::vector<std::string> inputs = signing_inputs();
  const char* messages[lanes];
  for (std::size_t j = 0; j < lanes; ++j) messages[j] = inputs[j].data();
  std::uint8_t macs[lanes][jwtcore::sha256_digest_size];
  escape(&key);
  escape(messages);
  for (auto _ : state) {
    hmac_sha256_x16(key, messages, bench::expected_signing_input_size, macs);
    benchmark::DoNotOptimize(macs);
    benchmark::ClobberMemory();
  }
  set_per_token(state, lanes);
}

// The same 16 MACs through jwtcore::hmac_sha256, one at a time.
void BM_lanes16_jwtcore_hs256_one_at_a_time(benchmark::State& state) {
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(bench::secret);
  const std::vector<std::string> inputs = signing_inputs();
  escape(&key);
  for (auto _ : state) {
    for (const std::string& input : inputs) {
      jwtcore::sha256_digest mac = jwtcore::hmac_sha256(key, input);
      benchmark::DoNotOptimize(mac);
    }
  }
  set_per_token(state, lanes);
}

// The same through the MAC function sign_batch hashes with: three streams at
// a time, then one.
void BM_lanes16_jwtcore_hs256_3_streams(benchmark::State& state) {
  const jwtcore::hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute(bench::secret);
  const std::vector<std::string> inputs = signing_inputs();
  std::uint8_t macs[lanes][jwtcore::sha256_digest_size];
  escape(&key);
  for (auto _ : state) {
    for (std::size_t j = 0; j < lanes; j += 3) {
      const std::size_t streams = lanes - j < 3 ? lanes - j : 3;
      const char* const data[3] = {inputs[j].data(), streams > 1 ? inputs[j + 1].data() : nullptr,
                                   streams > 2 ? inputs[j + 2].data() : nullptr};
      const std::size_t size[3] = {inputs[j].size(), streams > 1 ? inputs[j + 1].size() : 0,
                                   streams > 2 ? inputs[j + 2].size() : 0};
      std::uint8_t* const mac[3] = {macs[j], streams > 1 ? macs[j + 1] : nullptr, streams > 2 ? macs[j + 2] : nullptr};
      jwtcore::detail::hmac_sha256_oneshot_each(key, streams, data, size, mac);
    }
    benchmark::DoNotOptimize(macs);
    benchmark::ClobberMemory();
  }
  set_per_token(state, lanes);
}

}  // namespace

int main(int argc, char** argv) {
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bw") ||
      !__builtin_cpu_supports("avx512vl")) {
    std::printf("bench_sha256_x16: skipped, this CPU lacks AVX-512F, BW or VL\n");
    return 0;
  }
  if (!lanes_agree_with_jwtcore() || !macs_agree_with_jwtcore()) return 1;
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_1_stream", BM_lanes16_jwtcore_1_stream);
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_1_stream_16_states", BM_lanes16_jwtcore_1_stream_16_states);
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_2_streams", BM_lanes16_jwtcore_2_streams);
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_3_streams", BM_lanes16_jwtcore_3_streams);
  benchmark::RegisterBenchmark("BM_lanes16_avx512_16_lanes", BM_lanes16_avx512_16_lanes);
  benchmark::RegisterBenchmark("BM_lanes16_avx512_16_lanes_words_in_lanes", BM_lanes16_avx512_16_lanes_words_in_lanes);
  benchmark::RegisterBenchmark("BM_lanes16_avx512_hs256_16_tokens", BM_lanes16_avx512_hs256_16_tokens);
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_hs256_one_at_a_time", BM_lanes16_jwtcore_hs256_one_at_a_time);
  benchmark::RegisterBenchmark("BM_lanes16_jwtcore_hs256_3_streams", BM_lanes16_jwtcore_hs256_3_streams);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("sha256_kernel", jwtcore::sha256_kernel_name());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
