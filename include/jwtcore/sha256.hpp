// jwtcore/sha256.hpp: SHA-256 (FIPS 180-4) that works in constant expressions.
// The portable block function here is the reference every hardware kernel is
// tested against; at run time the block function goes through one dispatch
// point (detail/sha256_dispatch.hpp) where the hardware kernels take over.
#ifndef JWTCORE_SHA256_HPP
#define JWTCORE_SHA256_HPP

#include <array>        // std::array, the digest type
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcpy, the unrolled kernel's run-time word load
#include <string_view>  // the one-shot convenience
#include <utility>      // std::index_sequence, which unrolls the portable kernel

#include "bytes.hpp"

namespace jwtcore {

inline constexpr std::size_t sha256_block_size = 64;
inline constexpr std::size_t sha256_digest_size = 32;
using sha256_digest = std::array<std::uint8_t, sha256_digest_size>;

// The eight chaining words after a whole number of blocks: what HMAC keys keep
// so that the key blocks are hashed once, not once per message.
struct sha256_midstate {
  std::uint32_t h[8] = {};
};

constexpr void wipe(sha256_midstate& m) noexcept { wipe(m.h); }

namespace detail {

inline constexpr std::uint32_t sha256_initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Aligned so that vector kernels load four at a time with aligned loads.
alignas(16) inline constexpr std::uint32_t sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr32(std::uint32_t x, unsigned n) noexcept { return (x >> n) | (x << (32u - n)); }

// Byte is char or std::uint8_t: constant expressions cannot reinterpret one as the other.
template <class Byte>
constexpr std::uint32_t load_be32(const Byte* p) noexcept {
  return static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[0])) << 24 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[1])) << 16 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[2])) << 8 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[3]));
}

template <class Byte>
constexpr void store_be32(Byte* p, std::uint32_t v) noexcept {
  p[0] = static_cast<Byte>(v >> 24);
  p[1] = static_cast<Byte>(v >> 16);
  p[2] = static_cast<Byte>(v >> 8);
  p[3] = static_cast<Byte>(v);
}

// Ch and Maj as FIPS 180-4 writes them. The forms one operation shorter
// (g ^ (e & (f ^ g)), (a & b) | (c & (a | b))) lengthen each round's chain of
// dependent operations: with them the unrolled kernel measured 251 ns a block
// instead of 155 (GCC 12 and clang 14, -O3, x86-64).
constexpr std::uint32_t sha256_choose(std::uint32_t e, std::uint32_t f, std::uint32_t g) noexcept {
  return (e & f) ^ (~e & g);
}
constexpr std::uint32_t sha256_majority(std::uint32_t a, std::uint32_t b, std::uint32_t c) noexcept {
  return (a & b) ^ (a & c) ^ (b & c);
}

// The unrolled kernel is only fast as one function: left to themselves,
// compilers keep its eight-round pieces out of line and pass the working
// variables through memory.
#if defined(__GNUC__) || defined(__clang__)
#  define JWTCORE_SHA256_UNROLLED_INLINE __attribute__((always_inline)) inline
#else
#  define JWTCORE_SHA256_UNROLLED_INLINE inline
#endif

// One round of the unrolled kernel. The caller rotates the roles of the eight
// words instead of moving them, so only d and h change here.
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_round_inline(std::uint32_t a, std::uint32_t b, std::uint32_t c,
                                                                  std::uint32_t& d, std::uint32_t e, std::uint32_t f,
                                                                  std::uint32_t g, std::uint32_t& h,
                                                                  std::uint32_t k_plus_w) noexcept {
  const std::uint32_t t1 = h + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + sha256_choose(e, f, g) + k_plus_w;
  const std::uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + sha256_majority(a, b, c);
  d += t1;
  h = t1 + t2;
}

// The message schedule kept as a ring of 16 words: word t (t >= 16) replaces
// word t - 16. Forced inline in the unrolled kernel: in a large translation
// unit GCC's inliner runs out of budget and calls it 48 times a block (a third
// slower); the rolled kernel calls the plain version, to stay small.
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_next_word_inline(std::uint32_t* w, unsigned t) noexcept {
  const std::uint32_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
  const std::uint32_t s0 = rotr32(w15, 7) ^ rotr32(w15, 18) ^ (w15 >> 3);
  const std::uint32_t s1 = rotr32(w2, 17) ^ rotr32(w2, 19) ^ (w2 >> 10);
  return w[t & 15] += s0 + w[(t - 7) & 15] + s1;
}
constexpr std::uint32_t sha256_next_word(std::uint32_t* w, unsigned t) noexcept {
  return sha256_next_word_inline(w, t);
}

// The rolled portable kernel (JWTCORE_SHA256_UNROLL 0): one round a step, the
// working variables in an array that shifts down by one each round, the
// smallest code (332 bytes on a Cortex-M4 at -Os, against 888 for a loop of
// eight rounds with its working variables in registers). No table indexed by
// data, no data-dependent branch.
template <class Byte>
constexpr void sha256_compress_portable_rolled(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint32_t w[16] = {};
  std::uint32_t v[8] = {};  // a, b, c, d, e, f, g, h
  for (; count > 0; --count, blocks += sha256_block_size) {
    for (unsigned i = 0; i < 8; ++i) v[i] = state[i];
    for (unsigned t = 0; t < 64; ++t) {
      const std::uint32_t word = t < 16 ? (w[t] = load_be32(blocks + 4 * t)) : sha256_next_word(w, t);
      const std::uint32_t a = v[0], e = v[4];
      const std::uint32_t t1 = v[7] + (rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)) + sha256_choose(e, v[5], v[6]) +
                               sha256_round_constants[t] + word;
      const std::uint32_t t2 = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) + sha256_majority(a, v[1], v[2]);
      for (unsigned i = 7; i > 0; --i) v[i] = v[i - 1];
      v[4] += t1;
      v[0] = t1 + t2;
    }
    for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
  }
  wipe(w);  // both hold key-derived words when HMAC keys are set up
  wipe(v);
}

// A big-endian word of the message. At run time on little-endian GCC and
// clang, one load and a byte swap: clang 14 does not recognise the shifts of
// load_be32 in every one of the sixteen unrolled loads, which cost the
// unrolled kernel a tenth of its speed.
template <class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_load_word(const Byte* p) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!JWTCORE_IS_CONSTANT_EVALUATED()) {
    std::uint32_t little_endian = 0;
    std::memcpy(&little_endian, p, sizeof little_endian);
    return __builtin_bswap32(little_endian);
  }
#endif
  return load_be32(p);
}

// Message word T of the block being compressed, in place in the ring w: the
// template argument makes every ring index a constant, so the unrolled kernel
// has no index arithmetic and no test of T left.
template <unsigned T, class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr std::uint32_t sha256_word(std::uint32_t* w, const Byte* block) noexcept {
  if constexpr (T < 16) {
    return w[T] = sha256_load_word(block + 4 * T);
  } else {
    return sha256_next_word_inline(w, T);
  }
}

// Rounds T .. T + 7; after eight rounds the roles are back where they started.
template <unsigned T, class Byte>
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_eight_rounds(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                                                                  std::uint32_t& d, std::uint32_t& e, std::uint32_t& f,
                                                                  std::uint32_t& g, std::uint32_t& h, std::uint32_t* w,
                                                                  const Byte* block) noexcept {
  const std::uint32_t* k = sha256_round_constants + T;
  sha256_round_inline(a, b, c, d, e, f, g, h, k[0] + sha256_word<T + 0>(w, block));
  sha256_round_inline(h, a, b, c, d, e, f, g, k[1] + sha256_word<T + 1>(w, block));
  sha256_round_inline(g, h, a, b, c, d, e, f, k[2] + sha256_word<T + 2>(w, block));
  sha256_round_inline(f, g, h, a, b, c, d, e, k[3] + sha256_word<T + 3>(w, block));
  sha256_round_inline(e, f, g, h, a, b, c, d, k[4] + sha256_word<T + 4>(w, block));
  sha256_round_inline(d, e, f, g, h, a, b, c, k[5] + sha256_word<T + 5>(w, block));
  sha256_round_inline(c, d, e, f, g, h, a, b, k[6] + sha256_word<T + 6>(w, block));
  sha256_round_inline(b, c, d, e, f, g, h, a, k[7] + sha256_word<T + 7>(w, block));
}

template <class Byte, std::size_t... Octet>
JWTCORE_SHA256_UNROLLED_INLINE constexpr void sha256_unrolled_block(std::uint32_t* state, std::uint32_t* w,
                                                                    const Byte* block,
                                                                    std::index_sequence<Octet...>) noexcept {
  std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  (sha256_eight_rounds<static_cast<unsigned>(8 * Octet)>(a, b, c, d, e, f, g, h, w, block), ...);
  state[0] += a, state[1] += b, state[2] += c, state[3] += d;
  state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

// The unrolled portable kernel (JWTCORE_SHA256_UNROLL 1): the same rounds as
// straight-line code, with the schedule computed in place as the rounds need it.
template <class Byte>
constexpr void sha256_compress_portable_unrolled(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint32_t w[16] = {};
  for (; count > 0; --count, blocks += sha256_block_size) {
    sha256_unrolled_block(state, w, blocks, std::make_index_sequence<8>());
  }
  wipe(w);  // the schedule holds key-derived words when HMAC keys are set up
}

// The portable block function: absorbs `count` 64-byte blocks into `state`.
// The reference every hardware kernel is tested against, and the only kernel
// that runs in constant expressions.
template <class Byte>
constexpr void sha256_compress_portable(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
#if JWTCORE_SHA256_UNROLL
  sha256_compress_portable_unrolled(state, blocks, count);
#else
  sha256_compress_portable_rolled(state, blocks, count);
#endif
}

}  // namespace detail
}  // namespace jwtcore

#undef JWTCORE_SHA256_UNROLLED_INLINE

// The hardware kernels, and the one place that chooses between them at run time.
#include "detail/sha256_dispatch.hpp"

namespace jwtcore {
namespace detail {

// The block function of every hashing path in the library: the portable kernel
// in constant expressions, the dispatched one at run time.
template <class Byte>
constexpr void sha256_compress(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  if (JWTCORE_IS_CONSTANT_EVALUATED()) {
    sha256_compress_portable(state, blocks, count);
  } else {
    sha256_compress_at_run_time(state, reinterpret_cast<const std::uint8_t*>(blocks), count);
  }
}

// Absorbs `count` blocks from blocks_a into state_a and `count` blocks from
// blocks_b into state_b (two distinct states; the inputs may be the same).
// Hardware kernels interleave the two independent streams, which keeps more of
// the SHA units busy than one stream can; elsewhere the two run one after the
// other, so the result is always that of two sha256_compress calls.
constexpr void sha256_compress_x2(std::uint32_t* state_a, const std::uint8_t* blocks_a, std::uint32_t* state_b,
                                  const std::uint8_t* blocks_b, std::size_t count) noexcept {
  if (JWTCORE_IS_CONSTANT_EVALUATED()) {
    sha256_compress_portable(state_a, blocks_a, count);
    sha256_compress_portable(state_b, blocks_b, count);
  } else {
    sha256_compress_x2_at_run_time(state_a, blocks_a, state_b, blocks_b, count);
  }
}

}  // namespace detail

// The SHA-256 kernel that hashes at run time in this process: "portable",
// "sha-ni" or "armv8" (see JWTCORE_KERNEL_ENV in config.hpp to force one).
// The first call may run CPUID and read the environment; later calls do not.
inline const char* sha256_kernel_name() noexcept { return detail::sha256_kernel_name(detail::sha256_active_kernel()); }

// Streaming SHA-256. Caller-owned and trivially copyable (copy it to fork a
// hash mid-stream); sizeof is 104 bytes on every target; no heap.
// finish() wipes the context, after which it must be reset() before reuse.
class sha256_hasher {
  // Defined first: clang will not evaluate a member template in a constant
  // expression before the point where it is defined.
  template <class Byte>
  constexpr void absorb(const Byte* data, std::size_t size) noexcept {
    std::size_t used = static_cast<std::size_t>(length_ % sha256_block_size);
    length_ += size;
    if (used != 0) {
      while (size > 0 && used < sha256_block_size) {
        buffer_[used++] = static_cast<std::uint8_t>(*data++);
        --size;
      }
      if (used < sha256_block_size) return;
      detail::sha256_compress(state_, buffer_, 1);
    }
    const std::size_t whole_blocks = size / sha256_block_size;
    if (whole_blocks > 0) {
      detail::sha256_compress(state_, data, whole_blocks);
      data += whole_blocks * sha256_block_size;
      size -= whole_blocks * sha256_block_size;
    }
    for (std::size_t i = 0; i < size; ++i) buffer_[i] = static_cast<std::uint8_t>(data[i]);
  }

 public:
  constexpr sha256_hasher() noexcept { reset(); }

  // Resumes from a midstate after `bytes_absorbed` bytes (a multiple of 64).
  constexpr sha256_hasher(const sha256_midstate& midstate, std::uint64_t bytes_absorbed) noexcept
      : length_(bytes_absorbed) {
    for (unsigned i = 0; i < 8; ++i) state_[i] = midstate.h[i];
  }

  constexpr void reset() noexcept {
    for (unsigned i = 0; i < 8; ++i) state_[i] = detail::sha256_initial[i];
    length_ = 0;
  }

  constexpr void update(std::string_view data) noexcept { absorb(data.data(), data.size()); }
  constexpr void update(const std::uint8_t* data, std::size_t size) noexcept { absorb(data, size); }
  constexpr void update(const char* data, std::size_t size) noexcept { absorb(data, size); }

  constexpr sha256_digest finish() noexcept {
    std::size_t used = static_cast<std::size_t>(length_ % sha256_block_size);
    const std::uint64_t bit_length = length_ * 8u;
    buffer_[used++] = 0x80;
    if (used > 56) {
      while (used < sha256_block_size) buffer_[used++] = 0;
      detail::sha256_compress(state_, buffer_, 1);
      used = 0;
    }
    while (used < 56) buffer_[used++] = 0;
    detail::store_be32(buffer_ + 56, static_cast<std::uint32_t>(bit_length >> 32));
    detail::store_be32(buffer_ + 60, static_cast<std::uint32_t>(bit_length));
    detail::sha256_compress(state_, buffer_, 1);

    sha256_digest digest{};
    for (unsigned i = 0; i < 8; ++i) detail::store_be32(digest.data() + 4 * i, state_[i]);
    wipe(state_);
    wipe(buffer_);
    length_ = 0;
    return digest;
  }

  // The chaining state; meaningful only when a whole number of blocks was absorbed.
  constexpr sha256_midstate midstate() const noexcept {
    sha256_midstate m{};
    for (unsigned i = 0; i < 8; ++i) m.h[i] = state_[i];
    return m;
  }
  constexpr std::uint64_t bytes_absorbed() const noexcept { return length_; }

 private:
  std::uint32_t state_[8] = {};
  std::uint8_t buffer_[sha256_block_size] = {};
  std::uint64_t length_ = 0;
};

// One-shot SHA-256.
constexpr sha256_digest sha256(std::string_view data) noexcept {
  sha256_hasher hasher;
  hasher.update(data);
  return hasher.finish();
}

constexpr sha256_digest sha256(const std::uint8_t* data, std::size_t size) noexcept {
  sha256_hasher hasher;
  hasher.update(data, size);
  return hasher.finish();
}

}  // namespace jwtcore

#endif  // JWTCORE_SHA256_HPP
