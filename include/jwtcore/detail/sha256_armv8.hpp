// jwtcore/detail/sha256_armv8.hpp: the SHA-256 block function on the ARMv8 SHA-2
// instructions (AArch64), for one or two interleaved streams; compiled only when
// the target has them (-march=armv8-a+crypto or +sha2), so run without asking.
#ifndef JWTCORE_DETAIL_SHA256_ARMV8_HPP
#define JWTCORE_DETAIL_SHA256_ARMV8_HPP

#if defined(__aarch64__) && (defined(__ARM_FEATURE_SHA2) || defined(__ARM_FEATURE_CRYPTO))

#include <arm_neon.h>  // vsha256hq_u32 and friends

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint32_t
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "sha256_portable.hpp"  // the round constants

namespace jwtcore {
namespace detail {

inline constexpr bool armv8_kernels = true;

struct armv8_stream {
  uint32x4_t abcd;
  uint32x4_t efgh;
  uint32x4_t words[4];  // the last sixteen message words, four per register
  const std::uint8_t* block;
};

// Rounds 4 * Q .. 4 * Q + 3, with message words 4 * Q .. 4 * Q + 3 made first.
template <unsigned Q>
inline void armv8_four_rounds(armv8_stream& s) noexcept {
  uint32x4_t& current = s.words[Q % 4];
  if constexpr (Q < 4) {
    current = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(s.block + 16 * Q)));
  } else {
    // W[t..t+3] from W[t-16..t-1], held in order starting with `current`.
    current =
        vsha256su1q_u32(vsha256su0q_u32(current, s.words[(Q + 1) % 4]), s.words[(Q + 2) % 4], s.words[(Q + 3) % 4]);
  }
  const uint32x4_t k_plus_w = vaddq_u32(current, vld1q_u32(sha256_round_constants + 4 * Q));
  const uint32x4_t abcd = s.abcd;
  s.abcd = vsha256hq_u32(s.abcd, s.efgh, k_plus_w);
  s.efgh = vsha256h2q_u32(s.efgh, abcd, k_plus_w);
}

// Rounds 4 * Q .. 4 * Q + 3 of each stream, one stream's instructions filling
// the latency of the other's.
template <unsigned Q, class... Stream>
inline void armv8_four_rounds_each(Stream&... s) noexcept {
  (armv8_four_rounds<Q>(s), ...);
}

// The NEON loads, stores and adds in functions of their own: clang defines
// some as macros, which a pack expansion cannot go through.
inline void armv8_load_state(armv8_stream& s, const std::uint32_t* state, const std::uint8_t* blocks) noexcept {
  s.abcd = vld1q_u32(state);
  s.efgh = vld1q_u32(state + 4);
  s.block = blocks;
}
inline void armv8_store_state(const armv8_stream& s, std::uint32_t* state) noexcept {
  vst1q_u32(state, s.abcd);
  vst1q_u32(state + 4, s.efgh);
}
inline void armv8_add_state(armv8_stream& s, uint32x4_t abcd, uint32x4_t efgh) noexcept {
  s.abcd = vaddq_u32(s.abcd, abcd);
  s.efgh = vaddq_u32(s.efgh, efgh);
  s.block += 64;
}

template <std::size_t... Q, class... Stream>
inline void armv8_block(std::index_sequence<Q...>, Stream&... s) noexcept {
  const uint32x4_t abcd[] = {s.abcd...}, efgh[] = {s.efgh...};
  (armv8_four_rounds_each<static_cast<unsigned>(Q)>(s...), ...);
  std::size_t k = 0;
  ((armv8_add_state(s, abcd[k], efgh[k]), ++k), ...);
}

template <class... Stream>
inline void armv8_compress(std::uint32_t* const (&states)[sizeof...(Stream)],
                           const std::uint8_t* const (&blocks)[sizeof...(Stream)], std::size_t count,
                           Stream... s) noexcept {
  if (count == 0) return;
  std::size_t k = 0;
  ((armv8_load_state(s, states[k], blocks[k]), ++k), ...);
  for (; count > 0; --count) armv8_block(std::make_index_sequence<16>(), s...);
  k = 0;
  ((armv8_store_state(s, states[k]), ++k), ...);
}

inline void sha256_compress_armv8(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  armv8_compress({state}, {blocks}, count, armv8_stream{});
}

inline void sha256_compress_armv8_x2(std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b,
                                     const std::uint8_t* blocks_b, std::size_t count) noexcept {
  armv8_compress({state_a, state_b}, {blocks_a, blocks_b}, count, armv8_stream{}, armv8_stream{});
}

}  // namespace detail
}  // namespace jwtcore

#endif  // AArch64 with the SHA-2 extension
#endif  // JWTCORE_DETAIL_SHA256_ARMV8_HPP
