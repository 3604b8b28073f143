// fuzz/fuzz_sha256_hmac.cpp: differential SHA-256 and HMAC-SHA256. A reference
// built here on detail::sha256_compress_portable alone (its own padding and
// HMAC construction) is compared with every way the library hashes: one-shot,
// streaming at arbitrary split points, byte by byte, after copying a context
// mid-stream, resumed from a midstate, the run-time block function (where a
// hardware kernel will sit) on unaligned data, HMAC keys in all their forms,
// and OpenSSL when JWTCORE_FUZZ_WITH_OPENSSL is defined.
// Input: key length byte, key, split seed byte, then the message.
#include <algorithm>    // std::min
#include <array>        // digests
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcpy, std::memcmp
#include <memory>       // unaligned copies of the message
#include <string>       // reference padding
#include <string_view>  // keys and messages

#include <jwtcore/hmac.hpp>
#include <jwtcore/key.hpp>
#include <jwtcore/sha256.hpp>

#ifdef JWTCORE_FUZZ_WITH_OPENSSL
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

#include "fuzz_support.hpp"

namespace {

using digest = jwtcore::sha256_digest;

// FIPS 180-4 section 5.3.3, written out here rather than taken from the library.
constexpr std::uint32_t initial_state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

digest reference_sha256(std::string_view message) {
  std::string padded(message);
  padded += '\x80';
  while (padded.size() % 64 != 56) padded += '\0';
  const std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  for (int shift = 56; shift >= 0; shift -= 8) padded += static_cast<char>((bits >> shift) & 0xFF);
  std::uint32_t state[8];
  std::memcpy(state, initial_state, sizeof(state));
  jwtcore::detail::sha256_compress_portable(state, padded.data(), padded.size() / 64);
  digest d{};
  for (std::size_t i = 0; i < 8; ++i) {
    for (std::size_t b = 0; b < 4; ++b) d[4 * i + b] = static_cast<std::uint8_t>(state[i] >> (24 - 8 * b));
  }
  return d;
}

std::string_view as_text(const digest& d) { return std::string_view(reinterpret_cast<const char*>(d.data()), d.size()); }

digest reference_hmac(std::string_view key, std::string_view message) {
  std::string block(64, '\0');
  if (key.size() > 64) {
    const digest hashed = reference_sha256(key);
    std::memcpy(block.data(), hashed.data(), hashed.size());
  } else if (!key.empty()) {
    std::memcpy(block.data(), key.data(), key.size());
  }
  std::string inner = block, outer = block;
  for (char& c : inner) c = static_cast<char>(c ^ 0x36);
  for (char& c : outer) c = static_cast<char>(c ^ 0x5c);
  const digest inner_digest = reference_sha256(inner + std::string(message));
  return reference_sha256(outer + std::string(as_text(inner_digest)));
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
template <class Hasher>
void check_streaming(Hasher hasher, std::string_view message, std::uint32_t seed, const digest& expected) {
  splitter split(seed);
  const std::size_t fork_at = split.next(message.size());
  std::size_t pos = 0;
  while (pos < fork_at) {
    const std::size_t n = std::min(split.next(130), fork_at - pos);
    hasher.update(message.data() + pos, n);
    pos += n;
  }
  Hasher copy = hasher;  // trivially copyable: a fork mid-stream
  for (std::size_t at = pos; at < message.size();) {
    const std::size_t n = std::min(split.next(200), message.size() - at);
    hasher.update(message.substr(at, n));
    at += n;
  }
  FUZZ_CHECK(hasher.finish() == expected);
  for (std::size_t at = pos; at < message.size(); ++at) {
    copy.update(reinterpret_cast<const std::uint8_t*>(message.data() + at), 1);
  }
  FUZZ_CHECK(copy.finish() == expected);
}

void check_block_functions(std::string_view message, std::uint32_t seed) {
  const std::size_t blocks = message.size() / 64;
  // A starting state from the message, not only the IV.
  std::uint32_t start[8];
  const digest d = reference_sha256(message.substr(0, 7));
  for (std::size_t i = 0; i < 8; ++i) {
    start[i] = static_cast<std::uint32_t>(d[4 * i]) << 24 | static_cast<std::uint32_t>(d[4 * i + 1]) << 16 |
               static_cast<std::uint32_t>(d[4 * i + 2]) << 8 | d[4 * i + 3];
  }
  std::uint32_t portable[8], run_time[8], dispatched[8], one_at_a_time[8];
  std::memcpy(portable, start, sizeof(start));
  std::memcpy(run_time, start, sizeof(start));
  std::memcpy(dispatched, start, sizeof(start));
  std::memcpy(one_at_a_time, start, sizeof(start));

  // An unaligned copy: hardware kernels load with their own instructions.
  const std::size_t offset = seed % 16;
  std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[blocks * 64 + offset + 1]);
  if (blocks > 0) std::memcpy(copy.get() + offset, message.data(), blocks * 64);
  const std::uint8_t* unaligned = copy.get() + offset;

  jwtcore::detail::sha256_compress_portable(portable, message.data(), blocks);
  jwtcore::detail::sha256_run_kernel(jwtcore::detail::active_kernels().sha256, run_time, unaligned, blocks);
  jwtcore::detail::sha256_compress(dispatched, unaligned, blocks);
  for (std::size_t b = 0; b < blocks; ++b) jwtcore::detail::sha256_compress(one_at_a_time, unaligned + 64 * b, 1);
  FUZZ_CHECK(std::memcmp(portable, run_time, sizeof(portable)) == 0);
  FUZZ_CHECK(std::memcmp(portable, dispatched, sizeof(portable)) == 0);
  FUZZ_CHECK(std::memcmp(portable, one_at_a_time, sizeof(portable)) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::byte_reader in(data, size);
  const std::string_view key = in.short_string();
  const std::uint32_t seed = in.u8();
  const std::string_view message = in.rest();
  const auto* message_bytes = reinterpret_cast<const std::uint8_t*>(message.data());

  // ---- SHA-256 ----
  const digest expected = reference_sha256(message);
  FUZZ_CHECK(jwtcore::sha256(message) == expected);
  FUZZ_CHECK(jwtcore::sha256(message_bytes, message.size()) == expected);
  check_streaming(jwtcore::sha256_hasher(), message, seed, expected);
  check_block_functions(message, seed);

  // Resumed from the midstate after the whole blocks of a prefix.
  {
    jwtcore::sha256_hasher h;
    const std::size_t whole = (message.size() / 64) * 64;
    h.update(message.substr(0, whole));
    FUZZ_CHECK(h.bytes_absorbed() == whole);
    jwtcore::sha256_hasher resumed(h.midstate(), h.bytes_absorbed());
    resumed.update(message.substr(whole));
    FUZZ_CHECK(resumed.finish() == expected);
    // A finished context is wiped and, once reset, hashes afresh.
    h.reset();
    h.update(message);
    FUZZ_CHECK(h.finish() == expected);
  }

  // ---- HMAC-SHA256 ----
  const digest expected_mac = reference_hmac(key, message);
  FUZZ_CHECK(jwtcore::hmac_sha256(key, message) == expected_mac);
  const jwtcore::hmac_sha256_midstates midstates = jwtcore::hmac_sha256_precompute(key);
  const jwtcore::hmac_sha256_midstates midstates_bytes =
      jwtcore::hmac_sha256_precompute(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  FUZZ_CHECK(std::memcmp(&midstates, &midstates_bytes, sizeof(midstates)) == 0);
  FUZZ_CHECK(jwtcore::hmac_sha256(midstates, message) == expected_mac);
  check_streaming(jwtcore::hmac_sha256_hasher(midstates), message, seed ^ 0x5Au, expected_mac);

  const jwtcore::hmac_sha256_key hmac_key(key);
  FUZZ_CHECK(hmac_key.secret_size() == key.size() && hmac_key.mac(message) == expected_mac);
  const jwtcore::hmac_sha256_key hmac_key_bytes(reinterpret_cast<const std::uint8_t*>(key.data()), key.size());
  FUZZ_CHECK(hmac_key_bytes.mac(message) == expected_mac);
  const jwtcore::hmac_sha256_key cloned = hmac_key.clone();
  FUZZ_CHECK(cloned.mac(message) == expected_mac);
  const jwtcore::hs256_key hs_key(key, jwtcore::short_secret::allow);
  FUZZ_CHECK(jwtcore::hmac_sha256(hs_key.midstates(), message) == expected_mac);

#ifdef JWTCORE_FUZZ_WITH_OPENSSL
  {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_size = 0;
    FUZZ_CHECK(EVP_Digest(message.data(), message.size(), md, &md_size, EVP_sha256(), nullptr) == 1);
    FUZZ_CHECK(md_size == 32 && std::memcmp(md, expected.data(), 32) == 0);
    static const unsigned char empty_key = 0;
    const void* key_data = key.empty() ? static_cast<const void*>(&empty_key) : key.data();
    FUZZ_CHECK(HMAC(EVP_sha256(), key_data, static_cast<int>(key.size()), message_bytes, message.size(), md,
                    &md_size) != nullptr);
    FUZZ_CHECK(md_size == 32 && std::memcmp(md, expected_mac.data(), 32) == 0);
  }
#endif
  return 0;
}
