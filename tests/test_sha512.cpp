// tests/test_sha512.cpp: SHA-512 and SHA-384 against the NIST CAVP vectors
// (ShortMsg, LongMsg, Monte) through every way of feeding a hasher: one shot,
// byte by byte, split in two at every point, forked by copying mid-stream;
// then every block function this build and CPU can run (portable rolled and
// unrolled, AVX, ARMv8) on the vectors and against the portable kernel, and
// the run-time choice. A kernel that cannot run here is named in a MESSAGE,
// never counted as tested.
#include "jwtcore/sha512.hpp"

#include <doctest/doctest.h>

#include <algorithm>    // std::copy, std::all_of
#include <cstdlib>      // std::getenv: the kernel override
#include <cstring>      // std::memcpy: the context is documented as memcpy-copyable
#include <string>       // digests as hex
#include <type_traits>  // the layout promises of the hashers
#include <vector>       // inputs and the list of kernels

#include "support/kernel_choice.hpp"
#include "support/sha512_vectors.hpp"

namespace {

using jwtcore::sha384_hasher;
using jwtcore::sha512_hasher;
using jwtcore::detail::sha2_compress_rolled;
using jwtcore::detail::sha2_compress_unrolled;
using jwtcore::detail::sha512_rounds;
using jwtcore_test::as_chars;
using jwtcore_test::byte_string;
using jwtcore_test::hex_bytes;
using jwtcore_test::same_bytes;
using jwtcore_test::to_hex;

// ---- compile-time promises ---------------------------------------------------

static_assert(std::is_trivially_copyable_v<sha512_hasher>);
static_assert(std::is_trivially_copyable_v<sha384_hasher>);
static_assert(sizeof(sha512_hasher) == 200);
static_assert(sizeof(sha384_hasher) == 200);
static_assert(std::is_same_v<jwtcore::sha512_digest, std::array<std::uint8_t, 64>>);
static_assert(std::is_same_v<jwtcore::sha384_digest, std::array<std::uint8_t, 48>>);

// FIPS 180-4's one-block example "abc", and the empty message (ShortMsg Len = 0).
static_assert(same_bytes(jwtcore::sha512("abc"),
                         hex_bytes("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")));
static_assert(same_bytes(jwtcore::sha384("abc"),
                         hex_bytes("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                                   "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")));
static_assert(same_bytes(jwtcore::sha512(""),
                         hex_bytes("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                                   "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")));
static_assert(same_bytes(jwtcore::sha384(""),
                         hex_bytes("38b060a751ac96384cd9327eb1b1e36a21fdb71114be0743"
                                   "4c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")));

// FIPS 180-4's two-block example, streamed across the block boundary in a
// constant expression, through the midstate after the first block.
constexpr char two_blocks[] =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
constexpr jwtcore::sha512_digest two_blocks_streamed() {
  sha512_hasher hasher;
  hasher.update(two_blocks, 100);
  hasher.update(two_blocks + 100, 12);
  return hasher.finish();
}
static_assert(same_bytes(two_blocks_streamed(),
                         hex_bytes("8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                                   "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")));

// ---- helpers -----------------------------------------------------------------

template <class Hasher>
std::string one_shot(const byte_string& message) {
  Hasher hasher;
  hasher.update(as_chars(message));
  return to_hex(hasher.finish());
}

// One shot (both overloads), byte by byte, and at each split point (every one
// when `every_split`, else a few around block boundaries): two updates, a copy
// taken at the split and finished first, and a memcpy of the context.
template <class Hasher>
void check_every_way(const byte_string& message, const std::string& expected, bool every_split) {
  constexpr bool is_512 = sizeof(typename Hasher::digest) == 64;
  if constexpr (is_512) {
    CHECK(to_hex(jwtcore::sha512(as_chars(message))) == expected);
    CHECK(to_hex(jwtcore::sha512(message.data(), message.size())) == expected);
  } else {
    CHECK(to_hex(jwtcore::sha384(as_chars(message))) == expected);
    CHECK(to_hex(jwtcore::sha384(message.data(), message.size())) == expected);
  }

  Hasher byte_by_byte;
  for (std::size_t i = 0; i < message.size(); ++i) byte_by_byte.update(&message[i], 1);
  CHECK(to_hex(byte_by_byte.finish()) == expected);

  std::vector<std::size_t> splits;
  if (every_split) {
    for (std::size_t split = 0; split <= message.size(); ++split) splits.push_back(split);
  } else {
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{127}, std::size_t{128}, std::size_t{129},
                              message.size() / 2, message.size() - 1, message.size()}) {
      if (split <= message.size()) splits.push_back(split);
    }
  }
  for (std::size_t split : splits) {
    INFO("split at " << split);
    Hasher two_parts;
    two_parts.update(message.data(), split);
    two_parts.update(as_chars(message).data() + split, message.size() - split);
    CHECK(to_hex(two_parts.finish()) == expected);

    Hasher original;
    original.update(as_chars(message).substr(0, split));
    Hasher copy = original;
    Hasher bytes_copy;
    std::memcpy(static_cast<void*>(&bytes_copy), static_cast<const void*>(&original), sizeof original);
    copy.update(as_chars(message).substr(split));
    CHECK(to_hex(copy.finish()) == expected);
    bytes_copy.update(as_chars(message).substr(split));
    CHECK(to_hex(bytes_copy.finish()) == expected);
    original.update(as_chars(message).substr(split));
    CHECK(to_hex(original.finish()) == expected);
  }
}

template <class Hasher>
void check_msg_file(const char* file, std::size_t count, std::size_t first_size, std::size_t step, bool every_split) {
  const std::size_t digest_size = sizeof(typename Hasher::digest);
  const auto vectors = jwtcore_test::load_msg_vectors(file, digest_size);
  JWTCORE_REQUIRE(vectors.has_value());
  JWTCORE_REQUIRE(vectors->size() == count);
  for (std::size_t i = 0; i < vectors->size(); ++i) {
    const jwtcore_test::msg_vector& v = (*vectors)[i];
    INFO(file << " vector " << i << ", " << v.message.size() << " bytes");
    CHECK(v.message.size() == first_size + i * step);
    CHECK(one_shot<Hasher>(v.message) == v.md_hex);
    check_every_way<Hasher>(v.message, v.md_hex, every_split);
  }
}

// SHAVS section 6.4: MD0 = MD1 = MD2 = Seed, then 1000 times
// MDi = SHA(MD(i-3) || MD(i-2) || MD(i-1)); the last MD is the checkpoint and
// the seed of the next one.
template <class Hasher>
void check_monte(const char* file) {
  const std::size_t digest_size = sizeof(typename Hasher::digest);
  const auto monte = jwtcore_test::load_monte_vectors(file, digest_size);
  JWTCORE_REQUIRE(monte.has_value());
  JWTCORE_REQUIRE(monte->checkpoints.size() == 100);
  typename Hasher::digest seed{};
  std::copy(monte->seed.begin(), monte->seed.end(), seed.begin());
  for (std::size_t j = 0; j < 100; ++j) {
    typename Hasher::digest md[3] = {seed, seed, seed};
    for (int i = 0; i < 1000; ++i) {
      Hasher hasher;
      for (const auto& part : md) hasher.update(part.data(), part.size());
      md[0] = md[1];
      md[1] = md[2];
      md[2] = hasher.finish();
    }
    seed = md[2];
    INFO(file << " checkpoint " << j);
    CHECK(to_hex(seed) == monte->checkpoints[j]);
  }
}

// ---- published vectors -------------------------------------------------------

TEST_CASE("sha512: NIST CAVP ShortMsg, every vector every way, split at every point") {
  check_msg_file<sha512_hasher>("SHA512ShortMsg.rsp", 129, 0, 1, true);
}

TEST_CASE("sha384: NIST CAVP ShortMsg, every vector every way, split at every point") {
  check_msg_file<sha384_hasher>("SHA384ShortMsg.rsp", 129, 0, 1, true);
}

TEST_CASE("sha512: NIST CAVP LongMsg, every vector every way") {
  check_msg_file<sha512_hasher>("SHA512LongMsg.rsp", 128, 227, 99, false);
}

TEST_CASE("sha384: NIST CAVP LongMsg, every vector every way") {
  check_msg_file<sha384_hasher>("SHA384LongMsg.rsp", 128, 227, 99, false);
}

TEST_CASE("sha512: NIST CAVP Monte Carlo test, all 100 checkpoints") { check_monte<sha512_hasher>("SHA512Monte.rsp"); }

TEST_CASE("sha384: NIST CAVP Monte Carlo test, all 100 checkpoints") { check_monte<sha384_hasher>("SHA384Monte.rsp"); }

// ---- the two portable kernels ------------------------------------------------

// Both kernels, whichever one the build chooses, agree in constant expressions
// and at run time, over every whole block of every LongMsg vector.
constexpr bool kernels_agree_on_two_blocks() {
  std::uint64_t rolled[8] = {}, unrolled[8] = {};
  for (unsigned i = 0; i < 8; ++i) rolled[i] = unrolled[i] = jwtcore::detail::sha512_initial[i];
  char blocks[2 * jwtcore::sha512_block_size] = {};
  for (unsigned i = 0; i < sizeof blocks; ++i) blocks[i] = static_cast<char>(i * 7 + 1);
  sha2_compress_rolled<sha512_rounds>(rolled, blocks, 2);
  sha2_compress_unrolled<sha512_rounds>(unrolled, blocks, 2);
  for (unsigned i = 0; i < 8; ++i) {
    if (rolled[i] != unrolled[i]) return false;
  }
  return true;
}
static_assert(kernels_agree_on_two_blocks());

TEST_CASE("sha512: the rolled and unrolled kernels agree on every whole block of LongMsg") {
  const auto vectors = jwtcore_test::load_msg_vectors("SHA512LongMsg.rsp", 64);
  JWTCORE_REQUIRE(vectors.has_value() && vectors->size() == 128);
  for (const jwtcore_test::msg_vector& v : *vectors) {
    INFO(v.message.size() << " bytes");
    std::uint64_t rolled[8] = {}, unrolled[8] = {};
    for (unsigned i = 0; i < 8; ++i) rolled[i] = unrolled[i] = jwtcore::detail::sha512_initial[i];
    const std::size_t blocks = v.message.size() / jwtcore::sha512_block_size;
    sha2_compress_rolled<sha512_rounds>(rolled, v.message.data(), blocks);
    sha2_compress_unrolled<sha512_rounds>(unrolled, v.message.data(), blocks);
    CHECK(std::equal(std::begin(rolled), std::end(rolled), std::begin(unrolled)));
  }
}

// ---- the context -------------------------------------------------------------

TEST_CASE("sha512: a hasher resumed from a midstate continues the same hash") {
  const auto vectors = jwtcore_test::load_msg_vectors("SHA512LongMsg.rsp", 64);
  JWTCORE_REQUIRE(vectors.has_value() && !vectors->empty());
  const jwtcore_test::msg_vector& v = vectors->front();  // 227 bytes: one whole block and a tail
  sha512_hasher first;
  first.update(v.message.data(), jwtcore::sha512_block_size);
  CHECK(first.bytes_absorbed() == jwtcore::sha512_block_size);
  sha512_hasher resumed(first.midstate(), first.bytes_absorbed());
  resumed.update(v.message.data() + jwtcore::sha512_block_size, v.message.size() - jwtcore::sha512_block_size);
  CHECK(to_hex(resumed.finish()) == v.md_hex);
}

TEST_CASE("sha512: finish wipes the context, reset makes it usable again") {
  sha512_hasher hasher;
  hasher.update("a secret in the buffer");
  const std::string first = to_hex(hasher.finish());
  unsigned char bytes[sizeof hasher];
  std::memcpy(bytes, static_cast<const void*>(&hasher), sizeof hasher);
  CHECK(std::all_of(std::begin(bytes), std::end(bytes), [](unsigned char b) { return b == 0; }));
  hasher.reset();
  hasher.update("a secret in the buffer");
  CHECK(to_hex(hasher.finish()) == first);
}

// ---- the vector and hardware kernels -----------------------------------------

using jwtcore::detail::sha512_kernel;

// What the target and configuration allow, worked out here from the compiler's
// macros rather than taken from the library.
#if !defined(JWTCORE_PORTABLE) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
constexpr bool expect_avx = true;
#else
constexpr bool expect_avx = false;
#endif
#if !defined(JWTCORE_PORTABLE) && defined(__aarch64__) && defined(__ARM_FEATURE_SHA512)
constexpr bool expect_armv8 = true;
#else
constexpr bool expect_armv8 = false;
#endif

std::string active_kernel_name() {
  return jwtcore::detail::sha512_kernel_name(jwtcore::detail::active_sha512_kernel());
}

// The SHA-512 kernel for JWTCORE_FORCE_KERNEL = `forced`: "portable" (or any
// other name) turns the others off; AVX comes with the vector loops, which
// "sha-ni" keeps where it can run; the ARMv8 kernel with "armv8".
std::string expected_kernel_name(const char* forced) {
  const bool unset = !JWTCORE_KERNEL_ENV || forced == nullptr || *forced == '\0';
  const std::string name = unset ? "" : forced;
  if (expect_armv8 && (unset || name == "armv8")) return "armv8";
  const bool vectors =
      (unset || (name == "sha-ni" &&
                 jwtcore::detail::sha256_kernel_supported(jwtcore::detail::sha256_kernel::sha_ni))) &&
      jwtcore::detail::ssse3_supported();
  if (vectors && jwtcore::detail::sha512_kernel_supported(sha512_kernel::avx)) return "avx";
  return "portable";
}

// Every kernel but the portable one that this build and CPU run.
std::vector<sha512_kernel> runnable_kernels() {
  std::vector<sha512_kernel> list;
  std::string names = "portable (rolled), portable (unrolled)";
  for (const sha512_kernel kernel : jwtcore::detail::sha512_every_kernel) {
    const std::string name = jwtcore::detail::sha512_kernel_name(kernel);
    if (kernel == sha512_kernel::portable) continue;
    if (jwtcore::detail::sha512_kernel_supported(kernel)) {
      list.push_back(kernel);
      names += ", " + name;
    } else if (jwtcore::detail::sha512_kernel_compiled(kernel)) {
      MESSAGE("kernel " << name << " NOT exercised: compiled in, but this CPU lacks it");
    } else {
      MESSAGE("kernel " << name << " NOT exercised: not compiled for this target and configuration");
    }
  }
  MESSAGE("exercised: " << names);
  return list;
}

// A digest through one kernel, with the padding (FIPS 180-4 section 5.1.2)
// done here so that only the block function is under test. `offset` shifts
// the message in memory, since kernels load without alignment.
std::string kernel_digest_hex(sha512_kernel kernel, const std::uint64_t (&initial)[8], std::size_t digest_size,
                              const byte_string& message, std::size_t offset) {
  byte_string buffer(offset + message.size());
  if (!message.empty()) std::memcpy(buffer.data() + offset, message.data(), message.size());
  const std::uint8_t* data = buffer.data() + offset;
  std::uint64_t state[8];
  std::copy(std::begin(initial), std::end(initial), state);
  const std::size_t whole = message.size() / 128;
  jwtcore::detail::sha512_run_kernel(kernel, state, data, whole);

  std::uint8_t tail[256] = {};
  const std::size_t rest = message.size() % 128;
  if (rest != 0) std::memcpy(tail, data + whole * 128, rest);
  tail[rest] = 0x80;
  const std::size_t tail_blocks = rest < 112 ? 1 : 2;
  const std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  for (unsigned i = 0; i < 8; ++i) tail[tail_blocks * 128 - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
  jwtcore::detail::sha512_run_kernel(kernel, state, tail, tail_blocks);

  std::uint8_t digest[64];
  for (unsigned i = 0; i < 64; ++i) digest[i] = static_cast<std::uint8_t>(state[i / 8] >> (56 - 8 * (i % 8)));
  return to_hex(digest, digest_size);
}

// FIPS 180-4 sections 5.3.4 and 5.3.5, written out here rather than taken from the library.
constexpr std::uint64_t fips_sha384_initial[8] = {0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17,
                                                  0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511,
                                                  0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4};
constexpr std::uint64_t fips_sha512_initial[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                                  0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                                  0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

TEST_CASE("sha512 kernels: the active kernel follows JWTCORE_FORCE_KERNEL as the process received it") {
  const char* forced = std::getenv("JWTCORE_FORCE_KERNEL");
  MESSAGE("active SHA-512 kernel: " << active_kernel_name() << "; JWTCORE_FORCE_KERNEL "
                                    << (forced == nullptr ? std::string("unset") : "= \"" + std::string(forced) + "\""));
  CHECK(active_kernel_name() == expected_kernel_name(forced));
  CHECK(jwtcore::detail::sha512_kernel_compiled(sha512_kernel::avx) == expect_avx);
  CHECK(jwtcore::detail::sha512_kernel_compiled(sha512_kernel::armv8) == expect_armv8);
  CHECK(jwtcore::detail::sha512_kernel_supported(sha512_kernel::portable));
}

TEST_CASE("sha512 kernels: NIST CAVP ShortMsg and LongMsg of SHA-512 and SHA-384 through every kernel") {
  const std::vector<sha512_kernel> kernels = runnable_kernels();
  for (const bool is_512 : {true, false}) {
    const std::size_t digest_size = is_512 ? 64 : 48;
    for (const char* file : is_512 ? std::vector<const char*>{"SHA512ShortMsg.rsp", "SHA512LongMsg.rsp"}
                                   : std::vector<const char*>{"SHA384ShortMsg.rsp", "SHA384LongMsg.rsp"}) {
      const auto vectors = jwtcore_test::load_msg_vectors(file, digest_size);
      JWTCORE_REQUIRE(vectors.has_value() && vectors->size() >= 128);
      for (const sha512_kernel kernel : kernels) {
        INFO("kernel " << jwtcore::detail::sha512_kernel_name(kernel) << ", " << file);
        for (const jwtcore_test::msg_vector& v : *vectors) {
          INFO(v.message.size() << " bytes");
          const std::uint64_t(&initial)[8] = is_512 ? fips_sha512_initial : fips_sha384_initial;
          CHECK(kernel_digest_hex(kernel, initial, digest_size, v.message, 0) == v.md_hex);
          CHECK(kernel_digest_hex(kernel, initial, digest_size, v.message, 1 + v.message.size() % 15) == v.md_hex);
        }
      }
    }
  }
}

TEST_CASE("sha512 kernels: random states, block counts and offsets against the portable kernel") {
  jwtcore_test::test_rng rng(0x512c0de);
  for (const sha512_kernel kernel : runnable_kernels()) {
    INFO("kernel " << jwtcore::detail::sha512_kernel_name(kernel));
    for (int trial = 0; trial < 200; ++trial) {
      // Mostly short runs, where per-call state handling matters, some long.
      const std::size_t count =
          trial % 10 == 0 ? static_cast<std::size_t>(rng.next() % 150) : static_cast<std::size_t>(rng.next() % 5);
      const std::size_t offset = static_cast<std::size_t>(rng.next() % 16);
      const byte_string buffer = rng.bytes(offset + 128 * count);
      std::uint64_t expected[8], actual[8];
      for (unsigned i = 0; i < 8; ++i) expected[i] = actual[i] = rng.next();
      sha2_compress_rolled<sha512_rounds>(expected, buffer.data() + offset, count);
      jwtcore::detail::sha512_run_kernel(kernel, actual, buffer.data() + offset, count);
      INFO("trial " << trial << ", " << count << " blocks at offset " << offset);
      CHECK(std::equal(std::begin(actual), std::end(actual), std::begin(expected)));
    }
  }
}

TEST_CASE("sha512 kernels: JWTCORE_FORCE_KERNEL in the environment switches the active kernel") {
  const char* at_start = std::getenv("JWTCORE_FORCE_KERNEL");
  const std::string original = at_start == nullptr ? "" : at_start;
  const byte_string message = jwtcore_test::test_rng(512).bytes(1000);
  const std::string expected_digest = kernel_digest_hex(sha512_kernel::portable, fips_sha512_initial, 64, message, 0);
  for (const char* value : {"portable", "sha-ni", "armv8", "no-such-kernel", ""}) {
    jwtcore_test::set_force_kernel(value);
    INFO("JWTCORE_FORCE_KERNEL=\"" << std::string(value) << "\"");
    CHECK(active_kernel_name() == expected_kernel_name(value));
    CHECK(to_hex(jwtcore::sha512(message.data(), message.size())) == expected_digest);
  }
  jwtcore_test::set_force_kernel(at_start == nullptr ? nullptr : original.c_str());
  CHECK(active_kernel_name() == expected_kernel_name(at_start));
}

}  // namespace
