// fuzz/fuzz_hash_hmac.cpp: differential SHA-256, SHA-384 and SHA-512 and their
// HMACs. For each hash, a reference built here on one portable block function
// alone (its own initial words, padding and HMAC construction) is compared
// with every way the library hashes: one-shot, streaming at arbitrary split
// points, byte by byte, after copying a context mid-stream, resumed from a
// midstate, every block function (the rolled and unrolled portable kernels
// and the run-time one, where a hardware kernel is dispatched) on unaligned
// data, HMAC over the key and over its midstates in all their forms, the
// key of each JWT algorithm, and OpenSSL when JWTCORE_FUZZ_WITH_OPENSSL is
// defined.
// Input: key length byte, key, split seed byte, then the message.
#include <algorithm>    // std::min
#include <array>        // digests
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcpy, std::memcmp
#include <iterator>     // std::size
#include <memory>       // unaligned copies of the message
#include <string>       // reference padding
#include <string_view>  // keys and messages

#include <jwtcore/hmac.hpp>
#include <jwtcore/key.hpp>
#include <jwtcore/sha256.hpp>
#include <jwtcore/sha512.hpp>

#ifdef JWTCORE_FUZZ_WITH_OPENSSL
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

#include "fuzz_support.hpp"

namespace {

namespace detail = jwtcore::detail;

void sha256_active_kernel(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) {
  detail::sha256_run_kernel(detail::active_kernels().sha256, state, blocks, count);
}

// Both streams of the two-stream block function, on the same blocks.
void sha256_two_streams(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) {
  std::uint32_t other[8];
  std::memcpy(other, state, sizeof(other));
  detail::sha256_compress_x2(state, blocks, other, blocks, count);
  FUZZ_CHECK(std::memcmp(state, other, sizeof(other)) == 0);
}

// What the harness knows of each hash. The initial words are FIPS 180-4
// sections 5.3.3, 5.3.4 and 5.3.5, written out here rather than taken from
// the library; `reference` is the block function the reference is built on,
// `kernels` every block function the library may run (the last one is the
// run-time choice).
struct sha256_family {
  using word = std::uint32_t;
  using traits = jwtcore::sha256_traits;
  using hasher = jwtcore::sha256_hasher;
  using hmac_key = jwtcore::hmac_sha256_key;
  using kernel = void (*)(word*, const std::uint8_t*, std::size_t);
  static constexpr std::size_t block_size = 64, length_size = 8, digest_size = 32;
  static constexpr jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs256;
  static constexpr word initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  static void reference(word* state, const char* blocks, std::size_t count) {
    detail::sha256_compress_portable(state, blocks, count);
  }
  static constexpr kernel kernels[] = {detail::sha2_compress_rolled<detail::sha256_rounds, std::uint8_t>,
                                       detail::sha2_compress_unrolled<detail::sha256_rounds, std::uint8_t>,
                                       detail::sha256_compress_portable<std::uint8_t>,
                                       sha256_active_kernel,
                                       sha256_two_streams,
                                       detail::sha256_compress<std::uint8_t>};
  using sum = jwtcore::sha256_digest;
  using midstates = jwtcore::hmac_sha256_midstates;
  static constexpr sum (*hash)(std::string_view) noexcept = jwtcore::sha256;
  static constexpr sum (*hash_bytes)(const std::uint8_t*, std::size_t) noexcept = jwtcore::sha256;
  static constexpr sum (*hmac)(std::string_view, std::string_view) noexcept = jwtcore::hmac_sha256;
  static constexpr sum (*hmac_midstates)(const midstates&, std::string_view) noexcept = jwtcore::hmac_sha256;
  static constexpr midstates (*precompute)(std::string_view) noexcept = jwtcore::hmac_sha256_precompute;
  static constexpr midstates (*precompute_bytes)(const std::uint8_t*,
                                                 std::size_t) noexcept = jwtcore::hmac_sha256_precompute;
#ifdef JWTCORE_FUZZ_WITH_OPENSSL
  static const EVP_MD* openssl() { return EVP_sha256(); }
#endif
};

struct sha512_family {
  using word = std::uint64_t;
  using traits = jwtcore::sha512_traits;
  using hasher = jwtcore::sha512_hasher;
  using hmac_key = jwtcore::hmac_sha512_key;
  using kernel = void (*)(word*, const std::uint8_t*, std::size_t);
  static constexpr std::size_t block_size = 128, length_size = 16, digest_size = 64;
  static constexpr jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs512;
  static constexpr word initial[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
                                      0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};
  static void reference(word* state, const char* blocks, std::size_t count) {
    detail::sha2_compress_rolled<detail::sha512_rounds>(state, blocks, count);
  }
  static constexpr kernel kernels[] = {detail::sha2_compress_rolled<detail::sha512_rounds, std::uint8_t>,
                                       detail::sha2_compress_unrolled<detail::sha512_rounds, std::uint8_t>,
                                       detail::sha512_compress_portable<std::uint8_t>,
                                       detail::sha512_compress<std::uint8_t>};
  using sum = jwtcore::sha512_digest;
  using midstates = jwtcore::hmac_sha512_midstates;
  static constexpr sum (*hash)(std::string_view) noexcept = jwtcore::sha512;
  static constexpr sum (*hash_bytes)(const std::uint8_t*, std::size_t) noexcept = jwtcore::sha512;
  static constexpr sum (*hmac)(std::string_view, std::string_view) noexcept = jwtcore::hmac_sha512;
  static constexpr sum (*hmac_midstates)(const midstates&, std::string_view) noexcept = jwtcore::hmac_sha512;
  static constexpr midstates (*precompute)(std::string_view) noexcept = jwtcore::hmac_precompute<traits>;
  static constexpr midstates (*precompute_bytes)(const std::uint8_t*,
                                                 std::size_t) noexcept = jwtcore::hmac_precompute<traits>;
#ifdef JWTCORE_FUZZ_WITH_OPENSSL
  static const EVP_MD* openssl() { return EVP_sha512(); }
#endif
};

// SHA-512 from other initial words, cut to 48 bytes.
struct sha384_family : sha512_family {
  using traits = jwtcore::sha384_traits;
  using hasher = jwtcore::sha384_hasher;
  using hmac_key = jwtcore::hmac_sha384_key;
  static constexpr std::size_t digest_size = 48;
  static constexpr jwtcore::jwt_alg alg = jwtcore::jwt_alg::hs384;
  static constexpr word initial[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
                                      0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
  using sum = jwtcore::sha384_digest;
  using midstates = jwtcore::hmac_sha384_midstates;
  static constexpr sum (*hash)(std::string_view) noexcept = jwtcore::sha384;
  static constexpr sum (*hash_bytes)(const std::uint8_t*, std::size_t) noexcept = jwtcore::sha384;
  static constexpr sum (*hmac)(std::string_view, std::string_view) noexcept = jwtcore::hmac_sha384;
  static constexpr sum (*hmac_midstates)(const midstates&, std::string_view) noexcept = jwtcore::hmac_sha384;
  static constexpr midstates (*precompute)(std::string_view) noexcept = jwtcore::hmac_precompute<traits>;
  static constexpr midstates (*precompute_bytes)(const std::uint8_t*,
                                                 std::size_t) noexcept = jwtcore::hmac_precompute<traits>;
#ifdef JWTCORE_FUZZ_WITH_OPENSSL
  static const EVP_MD* openssl() { return EVP_sha384(); }
#endif
};

template <class F>
using digest = std::array<std::uint8_t, F::digest_size>;

template <class F>
digest<F> digest_of(const typename F::word* state) {
  digest<F> d{};
  for (std::size_t i = 0; i < d.size(); ++i) {
    const std::size_t shift = 8 * (sizeof(typename F::word) - 1 - i % sizeof(typename F::word));
    d[i] = static_cast<std::uint8_t>(state[i / sizeof(typename F::word)] >> shift);
  }
  return d;
}

template <class F>
digest<F> reference_hash(std::string_view message) {
  std::string padded(message);
  padded += '\x80';
  while (padded.size() % F::block_size != F::block_size - F::length_size) padded += '\0';
  // The bit length, big-endian in length_size bytes; messages here are far below 2^61 bytes.
  padded.append(F::length_size - 8, '\0');
  const std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  for (int shift = 56; shift >= 0; shift -= 8) padded += static_cast<char>((bits >> shift) & 0xFF);
  typename F::word state[8];
  std::memcpy(state, F::initial, sizeof(state));
  F::reference(state, padded.data(), padded.size() / F::block_size);
  return digest_of<F>(state);
}

template <class F>
std::string_view as_text(const digest<F>& d) {
  return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
}

template <class F>
digest<F> reference_hmac(std::string_view key, std::string_view message) {
  std::string block(F::block_size, '\0');
  if (key.size() > F::block_size) {
    const digest<F> hashed = reference_hash<F>(key);
    std::memcpy(block.data(), hashed.data(), hashed.size());
  } else if (!key.empty()) {
    std::memcpy(block.data(), key.data(), key.size());
  }
  std::string inner = block, outer = block;
  for (char& c : inner) c = static_cast<char>(c ^ 0x36);
  for (char& c : outer) c = static_cast<char>(c ^ 0x5c);
  const digest<F> inner_digest = reference_hash<F>(inner + std::string(message));
  return reference_hash<F>(outer + std::string(as_text<F>(inner_digest)));
}

// A deterministic stream of chunk sizes from the seed (xorshift32).
class splitter {
 public:
  explicit splitter(std::uint32_t seed) : state_(seed * 2654435761u + 1) {}
  std::size_t next(std::size_t limit) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return limit == 0 ? 0 : state_ % (limit + 1);
  }

 private:
  std::uint32_t state_;
};

// Feeds the message in chunks; at a chosen point copies the context and
// finishes both the original and the copy (fed the rest differently).
template <class Hasher, class Digest>
void check_streaming(Hasher hasher, std::string_view message, std::uint32_t seed, const Digest& expected) {
  splitter split(seed);
  const std::size_t fork_at = split.next(message.size());
  std::size_t pos = 0;
  while (pos < fork_at) {
    const std::size_t n = std::min(split.next(260), fork_at - pos);
    hasher.update(message.data() + pos, n);
    pos += n;
  }
  Hasher copy = hasher;  // trivially copyable: a fork mid-stream
  for (std::size_t at = pos; at < message.size();) {
    const std::size_t n = std::min(split.next(400), message.size() - at);
    hasher.update(message.substr(at, n));
    at += n;
  }
  FUZZ_CHECK(hasher.finish() == expected);
  for (std::size_t at = pos; at < message.size(); ++at) {
    copy.update(reinterpret_cast<const std::uint8_t*>(message.data() + at), 1);
  }
  FUZZ_CHECK(copy.finish() == expected);
}

// Every block function, from a starting state taken from the message (not
// only the IV), on an unaligned copy (hardware kernels load with their own
// instructions), against the reference's on the message where it lies.
template <class F>
void check_block_functions(std::string_view message, std::uint32_t seed) {
  using word = typename F::word;
  const std::size_t blocks = message.size() / F::block_size;
  const digest<F> d = reference_hash<F>(message.substr(0, 7));
  word start[8] = {};
  for (std::size_t i = 0; i < 8 * sizeof(word); ++i)
    start[i / sizeof(word)] = start[i / sizeof(word)] << 8 | d[i % d.size()];
  word expected[8];
  std::memcpy(expected, start, sizeof(start));
  F::reference(expected, message.data(), blocks);

  const std::size_t offset = seed % 16;
  std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[blocks * F::block_size + offset + 1]);
  if (blocks > 0) std::memcpy(copy.get() + offset, message.data(), blocks * F::block_size);
  const std::uint8_t* unaligned = copy.get() + offset;

  for (const typename F::kernel kernel : F::kernels) {
    word state[8];
    std::memcpy(state, start, sizeof(start));
    kernel(state, unaligned, blocks);
    FUZZ_CHECK(std::memcmp(state, expected, sizeof(state)) == 0);
  }
  word one_at_a_time[8];
  std::memcpy(one_at_a_time, start, sizeof(start));
  for (std::size_t b = 0; b < blocks; ++b)
    F::kernels[std::size(F::kernels) - 1](one_at_a_time, unaligned + F::block_size * b, 1);
  FUZZ_CHECK(std::memcmp(one_at_a_time, expected, sizeof(expected)) == 0);
}

template <class F>
void check_hash(std::string_view key, std::uint32_t seed, std::string_view message) {
  const auto* message_bytes = reinterpret_cast<const std::uint8_t*>(message.data());
  const digest<F> expected = reference_hash<F>(message);
  FUZZ_CHECK(F::hash(message) == expected);
  FUZZ_CHECK(F::hash_bytes(message_bytes, message.size()) == expected);
  check_streaming(typename F::hasher(), message, seed, expected);
  check_block_functions<F>(message, seed);

  // Resumed from the midstate after the whole blocks of a prefix.
  {
    typename F::hasher h;
    const std::size_t whole = (message.size() / F::block_size) * F::block_size;
    h.update(message.substr(0, whole));
    FUZZ_CHECK(h.bytes_absorbed() == whole);
    typename F::hasher resumed(h.midstate(), h.bytes_absorbed());
    resumed.update(message.substr(whole));
    FUZZ_CHECK(resumed.finish() == expected);
    // A finished context is wiped and, once reset, hashes afresh.
    h.reset();
    h.update(message);
    FUZZ_CHECK(h.finish() == expected);
  }

  // HMAC: over the key itself, over its midstates (made from text or bytes),
  // streamed, through the key classes.
  const digest<F> expected_mac = reference_hmac<F>(key, message);
  FUZZ_CHECK(F::hmac(key, message) == expected_mac);
  FUZZ_CHECK(jwtcore::hmac<typename F::traits>(key, message) == expected_mac);
  const auto midstates = F::precompute(key);
  const auto midstates_bytes = F::precompute_bytes(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  FUZZ_CHECK(std::memcmp(&midstates, &midstates_bytes, sizeof(midstates)) == 0);
  FUZZ_CHECK(F::hmac_midstates(midstates, message) == expected_mac);
  check_streaming(jwtcore::hmac_hasher<typename F::traits>(midstates), message, seed ^ 0x5Au, expected_mac);

  const typename F::hmac_key hmac_key(key);
  FUZZ_CHECK(hmac_key.secret_size() == key.size() && hmac_key.mac(message) == expected_mac);
  const typename F::hmac_key hmac_key_bytes(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  FUZZ_CHECK(hmac_key_bytes.mac(message) == expected_mac);
  const typename F::hmac_key cloned = hmac_key.clone();
  FUZZ_CHECK(cloned.mac(message) == expected_mac);

  // The JWT key of this hash's algorithm: the MAC of exactly mac_size bytes,
  // whatever the short-secret policy.
  const jwtcore::jwt_key jwt_key(F::alg, key, jwtcore::short_secret::allow);
  FUZZ_CHECK(jwt_key.alg() == F::alg && jwtcore::mac_size(F::alg) == F::digest_size);
  std::uint8_t mac[F::digest_size + 1];
  mac[F::digest_size] = 0xA5;
  jwt_key.mac(message.data(), message.size(), mac);
  FUZZ_CHECK(std::memcmp(mac, expected_mac.data(), F::digest_size) == 0 && mac[F::digest_size] == 0xA5);
  const jwtcore::jwt_key jwt_clone = jwt_key.clone();
  jwt_clone.mac(message.data(), message.size(), mac);
  FUZZ_CHECK(std::memcmp(mac, expected_mac.data(), F::digest_size) == 0);

#ifdef JWTCORE_FUZZ_WITH_OPENSSL
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_size = 0;
  FUZZ_CHECK(EVP_Digest(message.data(), message.size(), md, &md_size, F::openssl(), nullptr) == 1);
  FUZZ_CHECK(md_size == F::digest_size && std::memcmp(md, expected.data(), F::digest_size) == 0);
  static const unsigned char empty_key = 0;
  const void* key_data = key.empty() ? static_cast<const void*>(&empty_key) : key.data();
  FUZZ_CHECK(HMAC(F::openssl(), key_data, static_cast<int>(key.size()), message_bytes, message.size(), md, &md_size) !=
             nullptr);
  FUZZ_CHECK(md_size == F::digest_size && std::memcmp(md, expected_mac.data(), F::digest_size) == 0);
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::byte_reader in(data, size);
  const std::string_view key = in.short_string();
  const std::uint32_t seed = in.u8();
  const std::string_view message = in.rest();

  check_hash<sha256_family>(key, seed, message);
  check_hash<sha384_family>(key, seed, message);
  check_hash<sha512_family>(key, seed, message);

  // The HS256 key of the first release keeps its midstates readable.
  const jwtcore::hs256_key hs_key(key, jwtcore::short_secret::allow);
  FUZZ_CHECK(jwtcore::hmac_sha256(hs_key.midstates(), message) == reference_hmac<sha256_family>(key, message));
  return 0;
}
