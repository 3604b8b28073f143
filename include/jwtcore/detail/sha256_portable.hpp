// jwtcore/detail/sha256_portable.hpp: the SHA-256 block function in plain
// constexpr C++, rolled (smallest) and unrolled (fastest), on a SHA-2 skeleton
// that sha512_portable.hpp shares: the reference the hardware kernels are
// tested against. No data-indexed table or branch.
#ifndef JWTCORE_DETAIL_SHA256_PORTABLE_HPP
#define JWTCORE_DETAIL_SHA256_PORTABLE_HPP

#include <cstddef>  // std::size_t
#include <cstdint>  // fixed-width integers
#include <cstring>  // std::memcpy, the unrolled kernel's run-time word load

#include "../bytes.hpp"

namespace jwtcore {

inline constexpr std::size_t sha256_block_size = 64;

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

template <class Word>
constexpr Word rotr(Word x, unsigned n) noexcept {
  return (x >> n) | (x << (8 * sizeof(Word) - n));
}

// Big-endian words. Byte is char or std::uint8_t: constant expressions cannot
// reinterpret one as the other. Written out, compilers see a load and a byte
// swap in it, where a loop stays a loop in a small build.
template <class Word, class Byte>
constexpr Word load_be(const Byte* p) noexcept {
  if constexpr (sizeof(Word) == 8) {
    return std::uint64_t{load_be<std::uint32_t>(p)} << 32 | load_be<std::uint32_t>(p + 4);
  } else {
    return static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[0])) << 24 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[1])) << 16 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[2])) << 8 |
           static_cast<std::uint32_t>(static_cast<std::uint8_t>(p[3]));
  }
}

// A big-endian message word: one load and a byte swap at run time on
// little-endian GCC and clang, which do not always see it in load_be.
template <class Word, class Byte>
[[gnu::always_inline]] inline constexpr Word load_word(const Byte* p) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!is_constant_evaluated()) {
    Word little_endian = 0;
    std::memcpy(&little_endian, p, sizeof little_endian);
    if constexpr (sizeof(Word) == 4) return __builtin_bswap32(little_endian);
    else return __builtin_bswap64(little_endian);
  }
#endif
  return load_be<Word>(p);
}

// What the kernels below need to know of SHA-256: its rounds. A round leaves
// the roles of the eight words to the caller, which rotates them rather than
// moving the words, so only d and h change. The unrolled kernel is only fast
// as one function: compilers otherwise keep pieces out of line and pass the
// working variables through memory, hence always_inline.
struct sha256_rounds {
  using word = std::uint32_t;
  static constexpr unsigned count = 64;
  static constexpr const word* k = sha256_round_constants;

  // Ch and Maj as FIPS 180-4 writes them: the forms one operation shorter
  // lengthen each round's chain of dependent operations, which made the
  // unrolled kernel much slower.
  [[gnu::always_inline]] static constexpr void round(word a, word b, word c, word& d, word e, word f, word g, word& h,
                                                     word k_plus_w) noexcept {
    const word t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_plus_w;
    const word t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    d += t1;
    h = t1 + t2;
  }

  // Message word t (t >= 16) of the schedule kept as a ring of 16 words, in place of word t - 16.
  [[gnu::always_inline]] static constexpr word next_word(word* w, unsigned t) noexcept {
    const word w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
    return w[t & 15] += (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)) + w[(t - 7) & 15] +
                        (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10));
  }
};

// The rolled kernel of SHA-2 hash `Rounds`: one round a step, the working
// variables in an array rotated by one each round; the smallest code.
template <class Rounds, class Byte>
constexpr void sha2_compress_rolled(typename Rounds::word* state, const Byte* blocks, std::size_t count) noexcept {
  using word = typename Rounds::word;
  word w[16] = {};
  word v[8] = {};  // a, b, c, d, e, f, g, h
  for (; count > 0; --count, blocks += 16 * sizeof(word)) {
    for (unsigned i = 0; i < 8; ++i) v[i] = state[i];
    for (unsigned t = 0; t < Rounds::count; ++t) {
      const word next = t < 16 ? (w[t] = load_be<word>(blocks + sizeof(word) * t)) : Rounds::next_word(w, t);
      Rounds::round(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], Rounds::k[t] + next);
      const word new_a = v[7];
      for (unsigned i = 7; i > 0; --i) v[i] = v[i - 1];
      v[0] = new_a;
    }
    for (unsigned i = 0; i < 8; ++i) state[i] += v[i];
  }
  wipe(w);  // both hold key-derived words when HMAC keys are set up
  wipe(v);
}

// Message word j of sixteen, in place in the ring w: loaded from the block,
// or the next of the schedule. Inlined with constant j and load, as every
// call is, it leaves no index arithmetic and no test.
template <class Rounds, class Word, class Byte>
[[gnu::always_inline]] inline constexpr Word sha2_word(Word* w, const Byte* block, unsigned j, bool load) noexcept {
  return load ? (w[j] = load_word<Word>(block + sizeof(Word) * j)) : Rounds::next_word(w, 16 + j);
}

// Eight rounds with words j .. j + 7 of sixteen and their constants k[j ..];
// after eight rounds the roles are back where they started.
template <class Rounds, class Word, class Byte>
[[gnu::always_inline]] inline constexpr void sha2_eight_rounds(Word& a, Word& b, Word& c, Word& d, Word& e, Word& f,
                                                               Word& g, Word& h, Word* w, const Word* k,
                                                               const Byte* block, unsigned j, bool load) noexcept {
  Rounds::round(a, b, c, d, e, f, g, h, k[j + 0] + sha2_word<Rounds>(w, block, j + 0, load));
  Rounds::round(h, a, b, c, d, e, f, g, k[j + 1] + sha2_word<Rounds>(w, block, j + 1, load));
  Rounds::round(g, h, a, b, c, d, e, f, k[j + 2] + sha2_word<Rounds>(w, block, j + 2, load));
  Rounds::round(f, g, h, a, b, c, d, e, k[j + 3] + sha2_word<Rounds>(w, block, j + 3, load));
  Rounds::round(e, f, g, h, a, b, c, d, k[j + 4] + sha2_word<Rounds>(w, block, j + 4, load));
  Rounds::round(d, e, f, g, h, a, b, c, k[j + 5] + sha2_word<Rounds>(w, block, j + 5, load));
  Rounds::round(c, d, e, f, g, h, a, b, k[j + 6] + sha2_word<Rounds>(w, block, j + 6, load));
  Rounds::round(b, c, d, e, f, g, h, a, k[j + 7] + sha2_word<Rounds>(w, block, j + 7, load));
}

// The unrolled kernel: sixteen rounds as straight-line code, the schedule
// computed in place as the rounds need it. The later rounds run one copy of
// sixteen in a loop (the ring of sixteen words repeats its indices): half the
// code of every round unrolled, or less, to compile and to cache.
template <class Rounds, class Byte>
constexpr void sha2_compress_unrolled(typename Rounds::word* state, const Byte* blocks, std::size_t count) noexcept {
  using word = typename Rounds::word;
  word w[16] = {};
  for (; count > 0; --count, blocks += 16 * sizeof(word)) {
    word a = state[0], b = state[1], c = state[2], d = state[3];
    word e = state[4], f = state[5], g = state[6], h = state[7];
    sha2_eight_rounds<Rounds>(a, b, c, d, e, f, g, h, w, Rounds::k, blocks, 0, true);
    sha2_eight_rounds<Rounds>(a, b, c, d, e, f, g, h, w, Rounds::k, blocks, 8, true);
    for (unsigned t = 16; t < Rounds::count; t += 16) {
      sha2_eight_rounds<Rounds>(a, b, c, d, e, f, g, h, w, Rounds::k + t, blocks, 0, false);
      sha2_eight_rounds<Rounds>(a, b, c, d, e, f, g, h, w, Rounds::k + t, blocks, 8, false);
    }
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
    state[4] += e, state[5] += f, state[6] += g, state[7] += h;
  }
  wipe(w);  // the schedule holds key-derived words when HMAC keys are set up
}

// The portable block function: absorbs `count` blocks into `state`.
template <class Rounds, class Byte>
constexpr void sha2_compress_portable(typename Rounds::word* state, const Byte* blocks, std::size_t count) noexcept {
  if constexpr (size_first) {
    sha2_compress_rolled<Rounds>(state, blocks, count);
  } else {
    sha2_compress_unrolled<Rounds>(state, blocks, count);
  }
}

// The block function in constant expressions: the rolled kernel, the
// cheapest to instantiate, on each block copied to std::uint8_t (no byte
// type can be read as another there), so instantiated once per hash.
template <class Rounds, class Byte>
constexpr void sha2_compress_constant(typename Rounds::word* state, const Byte* blocks, std::size_t count) noexcept {
  std::uint8_t block[16 * sizeof(typename Rounds::word)] = {};
  for (; count > 0; --count, blocks += sizeof(block)) {
    for (std::size_t i = 0; i < sizeof(block); ++i) block[i] = static_cast<std::uint8_t>(blocks[i]);
    sha2_compress_rolled<Rounds>(state, block, 1);
  }
}

template <class Byte>
constexpr void sha256_compress_portable(std::uint32_t* state, const Byte* blocks, std::size_t count) noexcept {
  sha2_compress_portable<sha256_rounds>(state, blocks, count);
}

}  // namespace detail
}  // namespace jwtcore

#endif  // JWTCORE_DETAIL_SHA256_PORTABLE_HPP
