// jwtcore/detail/sha512_armv8.hpp: the SHA-512 block function on the ARMv8.2
// SHA-512 instructions (AArch64). Compiled only when the target has them
// (-march=armv8.2-a+crypto+sha3), which makes it safe to run without asking the CPU.
#ifndef JWTCORE_DETAIL_SHA512_ARMV8_HPP
#define JWTCORE_DETAIL_SHA512_ARMV8_HPP

#if defined(__aarch64__) && defined(__ARM_FEATURE_SHA512)

#include <arm_neon.h>  // vsha512hq_u64 and friends

#include <cstddef>  // std::size_t
#include <cstdint>  // std::uint8_t, std::uint64_t
#include <utility>  // std::index_sequence, which unrolls the rounds

#include "sha512_portable.hpp"  // the round constants

namespace jwtcore {
namespace detail {

inline constexpr bool armv8_sha512_kernels = true;

// Rounds 2 * I and 2 * I + 1 on the state held as four pairs (ab, cd, ef, gh
// before the first round; the roles turn by one pair every two rounds), then
// message words 2 * I + 16 and 2 * I + 17 in place of words 2 * I and 2 * I + 1.
template <unsigned I>
inline void armv8_sha512_two_rounds(uint64x2_t* s, uint64x2_t* w) noexcept {
  const uint64x2_t ab = s[(4 - I % 4) % 4];
  uint64x2_t& cd = s[(5 - I % 4) % 4];
  const uint64x2_t ef = s[(6 - I % 4) % 4];
  uint64x2_t& gh = s[(7 - I % 4) % 4];
  const uint64x2_t k_plus_w = vaddq_u64(w[I % 8], vld1q_u64(sha512_round_constants + 2 * I));
  const uint64x2_t sum = vsha512hq_u64(vaddq_u64(vextq_u64(k_plus_w, k_plus_w, 1), gh), vextq_u64(ef, gh, 1),
                                       vextq_u64(cd, ef, 1));
  gh = vsha512h2q_u64(sum, cd, ab);
  cd = vaddq_u64(cd, sum);
  if constexpr (I < 32) {
    w[I % 8] = vsha512su1q_u64(vsha512su0q_u64(w[I % 8], w[(I + 1) % 8]), w[(I + 7) % 8],
                               vextq_u64(w[(I + 4) % 8], w[(I + 5) % 8], 1));
  }
}

template <std::size_t... I>
inline void armv8_sha512_block(uint64x2_t* s, const std::uint8_t* block, std::index_sequence<I...>) noexcept {
  uint64x2_t w[8];
  for (unsigned j = 0; j < 8; ++j) w[j] = vreinterpretq_u64_u8(vrev64q_u8(vld1q_u8(block + 16 * j)));
  const uint64x2_t before[4] = {s[0], s[1], s[2], s[3]};
  (armv8_sha512_two_rounds<static_cast<unsigned>(I)>(s, w), ...);
  for (unsigned j = 0; j < 4; ++j) s[j] = vaddq_u64(s[j], before[j]);
}

inline void sha512_compress_armv8(std::uint64_t* state, const std::uint8_t* blocks, std::size_t count) noexcept {
  uint64x2_t s[4] = {vld1q_u64(state), vld1q_u64(state + 2), vld1q_u64(state + 4), vld1q_u64(state + 6)};
  for (; count > 0; --count, blocks += sha512_block_size) armv8_sha512_block(s, blocks, std::make_index_sequence<40>());
  for (unsigned j = 0; j < 4; ++j) vst1q_u64(state + 2 * j, s[j]);
}

}  // namespace detail
}  // namespace jwtcore

#endif  // AArch64 with the SHA-512 instructions
#endif  // JWTCORE_DETAIL_SHA512_ARMV8_HPP
