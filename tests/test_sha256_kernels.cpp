// tests/test_sha256_kernels.cpp: every SHA-256 block function this build and
// CPU can run (portable rolled and unrolled, SHA-NI, ARMv8), each on the NIST
// vectors and differentially against the portable kernel on random inputs,
// states and block counts; the two-stream form; and the run-time choice,
// including the JWTCORE_FORCE_KERNEL override. A kernel that cannot run here
// is named in a MESSAGE, never counted as tested.
#include "jwtcore/sha256.hpp"

#include <doctest/doctest.h>

#include <cstdlib>  // getenv, setenv: the override is read from the environment
#include <cstring>  // std::memcpy
#include <string>   // expected names and hex digests
#include <vector>   // inputs and the list of implementations

#include "support/kernel_choice.hpp"
#include "support/vectors.hpp"

namespace {

using jwtcore::detail::sha256_kernel;
using jwtcore::detail::sha256_rounds;
using jwtcore::detail::sha2_compress_rolled;
using jwtcore::detail::sha2_compress_unrolled;
using jwtcore_test::byte_string;
using jwtcore_test::hex_bytes;
using jwtcore_test::same_bytes;
using jwtcore_test::to_hex;

// FIPS 180-4 section 5.3.3, written out here rather than taken from the library.
constexpr std::uint32_t fips_initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// ---- constant expressions ---------------------------------------------------

// "abc" padded to one block (FIPS 180-4 section 5.1.1).
constexpr std::array<std::uint8_t, 64> abc_block() {
  std::array<std::uint8_t, 64> block{};
  block[0] = 'a';
  block[1] = 'b';
  block[2] = 'c';
  block[3] = 0x80;
  block[63] = 24;  // the length in bits
  return block;
}

template <class Compress>
constexpr std::array<std::uint8_t, 32> digest_of_block(Compress compress) {
  std::uint32_t state[8] = {};
  for (unsigned i = 0; i < 8; ++i) state[i] = fips_initial[i];
  const std::array<std::uint8_t, 64> block = abc_block();
  compress(state, block.data());
  std::array<std::uint8_t, 32> digest{};
  for (unsigned i = 0; i < 32; ++i) digest[i] = static_cast<std::uint8_t>(state[i / 4] >> (24 - 8 * (i % 4)));
  return digest;
}

struct rolled_compress {
  constexpr void operator()(std::uint32_t* state, const std::uint8_t* block) const {
    sha2_compress_rolled<sha256_rounds>(state, block, 1);
  }
};
struct unrolled_compress {
  constexpr void operator()(std::uint32_t* state, const std::uint8_t* block) const {
    sha2_compress_unrolled<sha256_rounds>(state, block, 1);
  }
};

// Both portable variants and the two-stream entry point are constexpr.
constexpr auto abc_digest = hex_bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
static_assert(same_bytes(digest_of_block(rolled_compress{}), abc_digest));
static_assert(same_bytes(digest_of_block(unrolled_compress{}), abc_digest));

constexpr bool x2_in_a_constant_expression() {
  std::uint32_t a[8] = {}, b[8] = {};
  for (unsigned i = 0; i < 8; ++i) a[i] = b[i] = fips_initial[i];
  const std::array<std::uint8_t, 64> block = abc_block();
  jwtcore::detail::sha256_compress_x2(a, block.data(), b, block.data(), 1);
  // Big-endian first word of the "abc" digest, ba7816bf.
  return a[0] == 0xba7816bf && b[0] == 0xba7816bf && a[7] == 0xf20015ad && b[7] == 0xf20015ad;
}
static_assert(x2_in_a_constant_expression());

// ---- the implementations under test -----------------------------------------

struct implementation {
  std::string name;
  enum class form { rolled, unrolled, kernel } how;
  sha256_kernel kernel;

  void compress(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) const {
    switch (how) {
      case form::rolled:
        sha2_compress_rolled<sha256_rounds>(state, blocks, count);
        return;
      case form::unrolled:
        sha2_compress_unrolled<sha256_rounds>(state, blocks, count);
        return;
      case form::kernel:
        jwtcore::detail::sha256_run_kernel(kernel, state, blocks, count);
        return;
    }
  }
};

// Both portable variants, and every kernel the CPU supports; the others are
// reported here so that a run on a machine without them says so.
std::vector<implementation> runnable_implementations() {
  std::vector<implementation> list = {
      {"portable (rolled)", implementation::form::rolled, sha256_kernel::portable},
      {"portable (unrolled)", implementation::form::unrolled, sha256_kernel::portable},
  };
  for (const sha256_kernel kernel : jwtcore::detail::sha256_every_kernel) {
    const std::string name = jwtcore::detail::sha256_kernel_name(kernel);
    if (kernel == sha256_kernel::portable) continue;  // both variants are already listed
    if (jwtcore::detail::sha256_kernel_supported(kernel)) {
      list.push_back({name, implementation::form::kernel, kernel});
    } else if (jwtcore::detail::sha256_kernel_compiled(kernel)) {
      MESSAGE("kernel " << name << " NOT exercised: compiled in, but this CPU lacks it");
    } else {
      MESSAGE("kernel " << name << " NOT exercised: not compiled for this target and configuration");
    }
  }
  std::string names;
  for (const implementation& impl : list) names += (names.empty() ? "" : ", ") + impl.name;
  MESSAGE("exercised: " << names);
  return list;
}

// SHA-256 of a message through one block function, with the padding done here
// (FIPS 180-4 section 5.1.1) so that only the block function is under test.
// `offset` shifts the message in memory, since kernels load without alignment.
std::string digest_hex(const implementation& impl, const byte_string& message, std::size_t offset = 0) {
  byte_string buffer(offset + message.size());
  if (!message.empty()) std::memcpy(buffer.data() + offset, message.data(), message.size());
  const std::uint8_t* data = buffer.data() + offset;

  std::uint32_t state[8];
  for (unsigned i = 0; i < 8; ++i) state[i] = fips_initial[i];
  const std::size_t whole = message.size() / 64;
  impl.compress(state, data, whole);

  std::uint8_t tail[128] = {};
  const std::size_t rest = message.size() % 64;
  if (rest != 0) std::memcpy(tail, data + whole * 64, rest);
  tail[rest] = 0x80;
  const std::size_t tail_blocks = rest < 56 ? 1 : 2;
  const std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  for (unsigned i = 0; i < 8; ++i) tail[tail_blocks * 64 - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
  impl.compress(state, tail, tail_blocks);

  std::uint8_t digest[32];
  for (unsigned i = 0; i < 32; ++i) digest[i] = static_cast<std::uint8_t>(state[i / 4] >> (24 - 8 * (i % 4)));
  return to_hex(digest, sizeof digest);
}

using msg_vector = jwtcore_test::sha256_msg_vector;
using jwtcore_test::load_sha256_msg_vectors;

std::string expected_kernel_name(const char* forced) {
  const char* best = jwtcore::detail::sha256_kernel_supported(sha256_kernel::sha_ni)  ? "sha-ni"
                     : jwtcore::detail::sha256_kernel_supported(sha256_kernel::armv8) ? "armv8"
                                                                                      : "portable";
  if (!JWTCORE_KERNEL_ENV || forced == nullptr || *forced == '\0') return best;
  for (const sha256_kernel kernel : jwtcore::detail::sha256_every_kernel) {
    if (std::string(forced) == jwtcore::detail::sha256_kernel_name(kernel)) {
      return jwtcore::detail::sha256_kernel_supported(kernel) ? forced : "portable";
    }
  }
  return "portable";
}

using jwtcore_test::set_force_kernel;

// What the target and configuration allow, worked out here from the compiler's
// macros rather than taken from the library.
#if !defined(JWTCORE_PORTABLE) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
constexpr bool expect_sha_ni = true;
#else
constexpr bool expect_sha_ni = false;
#endif
#if !defined(JWTCORE_PORTABLE) && defined(__aarch64__) && (defined(__ARM_FEATURE_SHA2) || defined(__ARM_FEATURE_CRYPTO))
constexpr bool expect_armv8 = true;
#else
constexpr bool expect_armv8 = false;
#endif

// ---- tests --------------------------------------------------------------------

// First in the file, so it runs before anything else hashes: the kernel chosen
// at start-up follows JWTCORE_FORCE_KERNEL as the process received it.
TEST_CASE("sha256 kernels: the kernel chosen at start-up honours JWTCORE_FORCE_KERNEL") {
  const char* forced = std::getenv("JWTCORE_FORCE_KERNEL");
  const std::string active = jwtcore::sha256_kernel_name();
  MESSAGE("active SHA-256 kernel: " << active << "; JWTCORE_FORCE_KERNEL "
                                    << (forced == nullptr ? std::string("unset") : "= \"" + std::string(forced) + "\"")
                                    << std::string(JWTCORE_KERNEL_ENV ? "" : " (not read: JWTCORE_KERNEL_ENV is 0)"));
  CHECK(active == expected_kernel_name(forced));
  // What the library hashes with is that kernel: the one-shot function agrees with FIPS 180-4.
  CHECK(to_hex(jwtcore::sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 kernels: which kernels this build has and this CPU runs") {
  const std::vector<implementation> list = runnable_implementations();
  CHECK(jwtcore::detail::sha256_kernel_compiled(sha256_kernel::portable));
  CHECK(jwtcore::detail::sha256_kernel_supported(sha256_kernel::portable));
  CHECK(jwtcore::detail::sha256_kernel_compiled(sha256_kernel::sha_ni) == expect_sha_ni);
  CHECK(jwtcore::detail::sha256_kernel_compiled(sha256_kernel::armv8) == expect_armv8);
#if defined(JWTCORE_PORTABLE)
  CHECK(list.size() == 2);
  CHECK_FALSE(jwtcore::detail::ssse3_supported());
#endif
}

TEST_CASE("sha256 kernels: NIST CAVP ShortMsg and LongMsg through every kernel") {
  const auto short_vectors = load_sha256_msg_vectors("SHA256ShortMsg.rsp");
  const auto long_vectors = load_sha256_msg_vectors("SHA256LongMsg.rsp");
  JWTCORE_REQUIRE(short_vectors.has_value());
  JWTCORE_REQUIRE(long_vectors.has_value());
  JWTCORE_REQUIRE(short_vectors->size() == 65);
  JWTCORE_REQUIRE(long_vectors->size() == 64);
  for (const implementation& impl : runnable_implementations()) {
    INFO("kernel " << impl.name);
    for (const auto* vectors : {&*short_vectors, &*long_vectors}) {
      for (const msg_vector& v : *vectors) {
        INFO("message of " << v.message.size() << " bytes");
        CHECK(digest_hex(impl, v.message) == v.md_hex);
        CHECK(digest_hex(impl, v.message, 1 + v.message.size() % 15) == v.md_hex);
      }
    }
  }
}

TEST_CASE("sha256 kernels: NIST CAVP Monte Carlo test through every kernel") {
  const std::optional<std::string> text = jwtcore_test::read_data_file("SHA256Monte.rsp");
  JWTCORE_REQUIRE(text.has_value());
  const std::vector<jwtcore_test::rsp_record> records = jwtcore_test::parse_rsp(*text);
  JWTCORE_REQUIRE(records.size() == 101);  // the seed, then COUNT 0 to 99
  const std::string* seed_hex = records[0].find("Seed");
  JWTCORE_REQUIRE(seed_hex != nullptr);
  const std::optional<byte_string> seed = jwtcore_test::from_hex(*seed_hex);
  JWTCORE_REQUIRE(seed.has_value());
  JWTCORE_REQUIRE(seed->size() == 32);

  for (const implementation& impl : runnable_implementations()) {
    INFO("kernel " << impl.name);
    // SHAVS section 6.4: MD0 = MD1 = MD2 = Seed, then 1000 times
    // MDi = SHA256(MD(i-3) || MD(i-2) || MD(i-1)); the last MD is the checkpoint.
    byte_string checkpoint = *seed;
    std::size_t matched = 0;
    for (std::size_t j = 0; j < 100; ++j) {
      const std::string* md = records[j + 1].find("MD");
      JWTCORE_REQUIRE(md != nullptr);
      byte_string md_3 = checkpoint, md_2 = checkpoint, md_1 = checkpoint;
      for (int i = 0; i < 1000; ++i) {
        byte_string message = md_3;
        message.insert(message.end(), md_2.begin(), md_2.end());
        message.insert(message.end(), md_1.begin(), md_1.end());
        md_3 = md_2;
        md_2 = md_1;
        md_1 = *jwtcore_test::from_hex(digest_hex(impl, message));
      }
      if (to_hex(md_1) == jwtcore_test::lowercase(*md)) ++matched;
      checkpoint = md_1;
    }
    CHECK(matched == 100);
  }
}

TEST_CASE("sha256 kernels: random messages of every length 0 to 300 against the portable kernel") {
  const implementation reference{"portable (rolled)", implementation::form::rolled, sha256_kernel::portable};
  jwtcore_test::test_rng rng(0x256c0de);
  std::vector<byte_string> messages;
  for (std::size_t n = 0; n <= 300; ++n) messages.push_back(rng.bytes(n));
  for (const implementation& impl : runnable_implementations()) {
    INFO("kernel " << impl.name);
    for (const byte_string& message : messages) {
      INFO("length " << message.size());
      const std::size_t offset = static_cast<std::size_t>(rng.next() % 16);
      CHECK(digest_hex(impl, message, offset) == digest_hex(reference, message));
    }
  }
}

TEST_CASE("sha256 kernels: random states and block counts against the portable kernel") {
  const implementation reference{"portable (rolled)", implementation::form::rolled, sha256_kernel::portable};
  jwtcore_test::test_rng rng(0x5eed5);
  for (const implementation& impl : runnable_implementations()) {
    INFO("kernel " << impl.name);
    for (int trial = 0; trial < 200; ++trial) {
      // Mostly short runs, where per-call state handling matters, some long.
      const std::size_t count =
          trial % 10 == 0 ? static_cast<std::size_t>(rng.next() % 300) : static_cast<std::size_t>(rng.next() % 9);
      const std::size_t offset = static_cast<std::size_t>(rng.next() % 16);
      const byte_string buffer = rng.bytes(offset + 64 * count);
      std::uint32_t expected[8], actual[8];
      for (unsigned i = 0; i < 8; ++i) expected[i] = actual[i] = static_cast<std::uint32_t>(rng.next());
      reference.compress(expected, buffer.data() + offset, count);
      impl.compress(actual, buffer.data() + offset, count);
      INFO("trial " << trial << ", " << count << " blocks at offset " << offset);
      CHECK(to_hex(reinterpret_cast<const std::uint8_t*>(actual), sizeof actual) ==
            to_hex(reinterpret_cast<const std::uint8_t*>(expected), sizeof expected));
    }
    // No block: the state is left exactly as it was.
    std::uint32_t state[8] = {0, 0xffffffff, 1, 2, 3, 4, 5, 6};
    const std::uint8_t block[64] = {};
    impl.compress(state, block, 0);
    CHECK(state[0] == 0);
    CHECK(state[1] == 0xffffffff);
    CHECK(state[7] == 6);
  }
}

TEST_CASE("sha256 kernels: two streams give what two single-stream runs give") {
  jwtcore_test::test_rng rng(0x2222);
  std::vector<sha256_kernel> tested;
  for (const sha256_kernel kernel : jwtcore::detail::sha256_every_kernel) {
    if (jwtcore::detail::sha256_kernel_supported(kernel)) {
      tested.push_back(kernel);
    } else {
      MESSAGE("two-stream " << std::string(jwtcore::detail::sha256_kernel_name(kernel))
                            << " NOT exercised: not runnable here");
    }
  }
  for (const sha256_kernel kernel : tested) {
    const std::string name = jwtcore::detail::sha256_kernel_name(kernel);
    INFO("kernel " << name);
    for (int trial = 0; trial < 120; ++trial) {
      const std::size_t count = trial == 0 ? 0 : static_cast<std::size_t>(rng.next() % (trial % 8 == 0 ? 100 : 6));
      const bool same_input = trial % 5 == 1;
      const byte_string input_a = rng.bytes(64 * count + 7);
      const byte_string input_b = same_input ? input_a : rng.bytes(64 * count + 7);
      const std::uint8_t* blocks_a = input_a.data() + trial % 8;
      const std::uint8_t* blocks_b = input_b.data() + (same_input ? trial % 8 : 7 - trial % 8);
      std::uint32_t a[8], b[8], expected_a[8], expected_b[8];
      for (unsigned i = 0; i < 8; ++i) {
        expected_a[i] = a[i] = static_cast<std::uint32_t>(rng.next());
        expected_b[i] = b[i] = static_cast<std::uint32_t>(rng.next());
      }
      sha2_compress_rolled<sha256_rounds>(expected_a, blocks_a, count);
      sha2_compress_rolled<sha256_rounds>(expected_b, blocks_b, count);
      jwtcore::detail::sha256_run_kernel_x2(kernel, a, blocks_a, b, blocks_b, count);
      INFO("trial " << trial << ", " << count << " blocks" << (same_input ? ", one input for both" : ""));
      CHECK(std::memcmp(a, expected_a, sizeof a) == 0);
      CHECK(std::memcmp(b, expected_b, sizeof b) == 0);
    }
  }
  std::string names;
  for (const sha256_kernel kernel : tested) {
    names += (names.empty() ? "" : ", ") + std::string(jwtcore::detail::sha256_kernel_name(kernel));
  }
  MESSAGE("two-stream forms exercised: " << names);

  // The entry point other code calls, through whatever kernel is active.
  for (std::size_t count : {0u, 1u, 2u, 7u, 64u}) {
    INFO(count << " blocks through detail::sha256_compress_x2");
    const byte_string input_a = rng.bytes(64 * count + 1), input_b = rng.bytes(64 * count + 1);
    std::uint32_t a[8], b[8], expected_a[8], expected_b[8];
    for (unsigned i = 0; i < 8; ++i) {
      expected_a[i] = a[i] = static_cast<std::uint32_t>(rng.next());
      expected_b[i] = b[i] = static_cast<std::uint32_t>(rng.next());
    }
    sha2_compress_rolled<sha256_rounds>(expected_a, input_a.data(), count);
    sha2_compress_rolled<sha256_rounds>(expected_b, input_b.data() + 1, count);
    jwtcore::detail::sha256_compress_x2(a, input_a.data(), b, input_b.data() + 1, count);
    CHECK(std::memcmp(a, expected_a, sizeof a) == 0);
    CHECK(std::memcmp(b, expected_b, sizeof b) == 0);
  }
}

TEST_CASE("sha256 kernels: three streams give what three single-stream runs give") {
  jwtcore_test::test_rng rng(0x3333);
  for (const sha256_kernel kernel : jwtcore::detail::sha256_every_kernel) {
    if (!jwtcore::detail::sha256_kernel_supported(kernel)) {
      MESSAGE("three-stream " << std::string(jwtcore::detail::sha256_kernel_name(kernel))
                              << " NOT exercised: not runnable here");
      continue;
    }
    INFO("kernel " << std::string(jwtcore::detail::sha256_kernel_name(kernel)));
    for (int trial = 0; trial < 120; ++trial) {
      const std::size_t count = trial == 0 ? 0 : static_cast<std::size_t>(rng.next() % (trial % 8 == 0 ? 100 : 6));
      const bool same_input = trial % 5 == 1;
      byte_string inputs[3];
      std::uint32_t state[3][8], expected[3][8];
      for (std::size_t k = 0; k < 3; ++k) {
        inputs[k] = same_input && k > 0 ? inputs[0] : rng.bytes(64 * count + 7);
        for (unsigned i = 0; i < 8; ++i) expected[k][i] = state[k][i] = static_cast<std::uint32_t>(rng.next());
      }
      const std::uint8_t* const blocks[3] = {inputs[0].data() + trial % 8, inputs[1].data() + 7 - trial % 8,
                                             inputs[2].data() + trial % 3};
      for (std::size_t k = 0; k < 3; ++k) sha2_compress_rolled<sha256_rounds>(expected[k], blocks[k], count);
      jwtcore::detail::sha256_run_kernel_x3(kernel, {state[0], state[1], state[2]}, blocks, count);
      INFO("trial " << trial << ", " << count << " blocks" << (same_input ? ", one input for all" : ""));
      for (std::size_t k = 0; k < 3; ++k) CHECK(std::memcmp(state[k], expected[k], sizeof state[k]) == 0);
    }
  }
}

TEST_CASE("sha256 kernels: choosing the kernels by name") {
  const auto select = [](const char* name) { return jwtcore::detail::select_kernels(name).sha256; };
  CHECK(std::string(jwtcore::detail::sha256_kernel_name(select(nullptr))) == expected_kernel_name(nullptr));
  CHECK(select("") == select(nullptr));
  CHECK(select("portable") == sha256_kernel::portable);
  // "portable" forces every family: no base64url vector loop either.
  CHECK_FALSE(jwtcore::detail::select_kernels("portable").vectors);
  CHECK(jwtcore::detail::select_kernels(nullptr).vectors == jwtcore::detail::ssse3_supported());
  // Unknown names, near misses included, select the portable kernels.
  for (const char* unknown : {"bogus", "SHA-NI", "sha_ni", "shani", "sha-ni ", "armv8-a", "Portable"}) {
    INFO("JWTCORE_FORCE_KERNEL=" << std::string(unknown));
    CHECK(select(unknown) == sha256_kernel::portable);
    CHECK_FALSE(jwtcore::detail::select_kernels(unknown).vectors);
  }
  // A known name selects that kernel when it can run, the portable one when not.
  for (const sha256_kernel kernel : jwtcore::detail::sha256_every_kernel) {
    const char* name = jwtcore::detail::sha256_kernel_name(kernel);
    INFO("JWTCORE_FORCE_KERNEL=" << std::string(name));
    const sha256_kernel expected = jwtcore::detail::sha256_kernel_supported(kernel) ? kernel : sha256_kernel::portable;
    CHECK(select(name) == expected);
  }
}

TEST_CASE("sha256 kernels: JWTCORE_FORCE_KERNEL in the environment switches the active kernel") {
  const char* at_start = std::getenv("JWTCORE_FORCE_KERNEL");
  const std::string original = at_start == nullptr ? "" : at_start;
  const bool was_set = at_start != nullptr;
  if (!JWTCORE_KERNEL_ENV) MESSAGE("JWTCORE_KERNEL_ENV is 0: the variable must change nothing");

  const byte_string message = jwtcore_test::test_rng(77).bytes(1000);
  const std::string expected_digest =
      digest_hex(implementation{"portable (rolled)", implementation::form::rolled, sha256_kernel::portable}, message);
  for (const char* value : {"portable", "sha-ni", "armv8", "no-such-kernel", ""}) {
    set_force_kernel(value);
    INFO("JWTCORE_FORCE_KERNEL=\"" << std::string(value) << "\"");
    CHECK(std::string(jwtcore::sha256_kernel_name()) == expected_kernel_name(value));
    CHECK(to_hex(jwtcore::sha256(message.data(), message.size())) == expected_digest);
    CHECK(to_hex(jwtcore::sha256("abc")) == to_hex(abc_digest));
  }
  set_force_kernel(nullptr);
  CHECK(std::string(jwtcore::sha256_kernel_name()) == expected_kernel_name(nullptr));

  set_force_kernel(was_set ? original.c_str() : nullptr);
  CHECK(std::string(jwtcore::sha256_kernel_name()) == expected_kernel_name(was_set ? original.c_str() : nullptr));
}

}  // namespace
