// tests/test_sha512.cpp: SHA-512 and SHA-384 against the NIST CAVP vectors
// (ShortMsg, LongMsg, Monte) through every way of feeding a hasher: one shot,
// byte by byte, split in two at every point, forked by copying mid-stream.
#include "jwtcore/sha512.hpp"

#include <doctest/doctest.h>

#include <algorithm>    // std::copy, std::all_of
#include <cstring>      // std::memcpy: the context is documented as memcpy-copyable
#include <string>       // digests as hex
#include <type_traits>  // the layout promises of the hashers

#include "support/sha512_vectors.hpp"

namespace {

using jwtcore::sha384_hasher;
using jwtcore::sha512_hasher;
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
  jwtcore::detail::sha512_compress_rolled(rolled, blocks, 2);
  jwtcore::detail::sha512_compress_unrolled(unrolled, blocks, 2);
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
    jwtcore::detail::sha512_compress_rolled(rolled, v.message.data(), blocks);
    jwtcore::detail::sha512_compress_unrolled(unrolled, v.message.data(), blocks);
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

}  // namespace
