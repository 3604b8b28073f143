// jwtcore/detail/sha256_armv8.hpp: the SHA-256 block function on the ARMv8 SHA-2
// instructions (AArch64), for one stream and for two interleaved streams.
// Compiled only when the target has the extension (-march=armv8-a+crypto or
// +sha2), which makes it safe to run without asking the CPU.
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

template <std::size_t... Q>
inline void armv8_block(armv8_stream& s, std::index_sequence<Q...>) noexcept {
  const uint32x4_t abcd = s.abcd, efgh = s.efgh;
  (armv8_four_rounds<static_cast<unsigned>(Q)>(s), ...);
  s.abcd = vaddq_u32(s.abcd, abcd);
  s.efgh = vaddq_u32(s.efgh, efgh);
  s.block += 64;
}

// Two independent streams round group by round group, so that one stream's
// instructions fill the latency of the other's.
template <std::size_t... Q>
inline void armv8_block_x2(armv8_stream& a, armv8_stream& b, std::index_sequence<Q...>) noexcept {
  const uint32x4_t abcd_a = a.abcd, efgh_a = a.efgh, abcd_b = b.abcd, efgh_b = b.efgh;
  ((armv8_four_rounds<static_cast<unsigned>(Q)>(a), armv8_four_rounds<static_cast<unsigned>(Q)>(b)), ...);
  a.abcd = vaddq_u32(a.abcd, abcd_a);
  a.efgh = vaddq_u32(a.efgh, efgh_a);
  b.abcd = vaddq_u32(b.abcd, abcd_b);
  b.efgh = vaddq_u32(b.efgh, efgh_b);
  a.block += 64;
  b.block += 64;
}

// Unlike the portable kernel, this one may leave message words in vector
// registers and spill slots: C++ cannot make a wipe of those stick.
inline void sha256_compress_armv8(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  if (count == 0) return;
  armv8_stream s{};
  s.block = blocks;
  s.abcd = vld1q_u32(state);
  s.efgh = vld1q_u32(state + 4);
  for (; count > 0; --count) armv8_block(s, std::make_index_sequence<16>());
  vst1q_u32(state, s.abcd);
  vst1q_u32(state + 4, s.efgh);
}

inline void sha256_compress_armv8_x2(std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b,
                                     const std::uint8_t* blocks_b, std::size_t count) noexcept {
  if (count == 0) return;
  armv8_stream a{}, b{};
  a.block = blocks_a;
  b.block = blocks_b;
  a.abcd = vld1q_u32(state_a);
  a.efgh = vld1q_u32(state_a + 4);
  b.abcd = vld1q_u32(state_b);
  b.efgh = vld1q_u32(state_b + 4);
  for (; count > 0; --count) armv8_block_x2(a, b, std::make_index_sequence<16>());
  vst1q_u32(state_a, a.abcd);
  vst1q_u32(state_a + 4, a.efgh);
  vst1q_u32(state_b, b.abcd);
  vst1q_u32(state_b + 4, b.efgh);
}

}  // namespace detail
}  // namespace jwtcore

#endif  // AArch64 with the SHA-2 extension
#endif  // JWTCORE_DETAIL_SHA256_ARMV8_HPP
