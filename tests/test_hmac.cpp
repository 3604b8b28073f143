// tests/test_hmac.cpp: HMAC-SHA256, -SHA384 and -SHA512 against RFC 4231 and
// Project Wycheproof (SHA-256 also for every key length across the block
// size), through one shot, midstates, byte by byte, every split point and a
// mid-stream copy; plus the ownership rules of the key classes.
#include "jwtcore/hmac.hpp"

#include <doctest/doctest.h>

#include <algorithm>    // std::all_of
#include <cstring>      // std::memcpy, to look at a context's bytes
#include <new>          // placement new, to look at a destroyed key's storage
#include <string>       // expected values as hex
#include <type_traits>  // the copy and layout promises
#include <utility>      // std::move

#include "support/kernel_choice.hpp"
#include "support/vectors.hpp"

// Code written against the first release, with no using-declaration in
// scope, destroys a key in place by its type's name: that compiles only while
// hmac_sha256_key is a class (an alias's name is not found after `->~`).
namespace first_release_caller {
inline void destroy_in_place(jwtcore::hmac_sha256_key* key) noexcept { key->~hmac_sha256_key(); }
}  // namespace first_release_caller

namespace {

using jwtcore::hmac_sha256_hasher;
using jwtcore::hmac_sha256_key;
using jwtcore::hmac_sha256_midstates;
using jwtcore::sha256_digest;
using jwtcore_test::as_chars;
using jwtcore_test::byte_string;
using jwtcore_test::hex_bytes;
using jwtcore_test::json_value;
using jwtcore_test::same_bytes;
using jwtcore_test::to_hex;

// ---- compile-time promises ---------------------------------------------------

static_assert(std::is_trivially_copyable_v<hmac_sha256_hasher>);
static_assert(sizeof(hmac_sha256_hasher) == 136);
static_assert(std::is_trivially_copyable_v<hmac_sha256_midstates>);
static_assert(!std::is_copy_constructible_v<hmac_sha256_key>);
static_assert(!std::is_copy_assignable_v<hmac_sha256_key>);
static_assert(std::is_nothrow_move_constructible_v<hmac_sha256_key>);
static_assert(std::is_nothrow_move_assignable_v<hmac_sha256_key>);
static_assert(std::is_trivially_copyable_v<jwtcore::hmac_sha512_hasher>);
static_assert(sizeof(jwtcore::hmac_sha512_hasher) == 264);
static_assert(sizeof(jwtcore::hmac_sha384_hasher) == 264);
static_assert(std::is_trivially_copyable_v<jwtcore::hmac_sha512_midstates>);
static_assert(!std::is_copy_constructible_v<jwtcore::hmac_sha512_key>);
static_assert(std::is_nothrow_move_constructible_v<jwtcore::hmac_sha384_key>);

// RFC 4231 test case 2 (key "Jefe"), one shot and streamed, in constant expressions.
static_assert(same_bytes(jwtcore::hmac_sha256("Jefe", "what do ya want for nothing?"),
                         hex_bytes("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")));

constexpr sha256_digest jefe_streamed() {
  const hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute("Jefe");
  hmac_sha256_hasher hasher(key);
  hasher.update("what do ya ");
  hasher.update("want for nothing?", 17);
  return hasher.finish();
}
static_assert(same_bytes(jefe_streamed(),
                         hex_bytes("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")));

// RFC 4231 test case 2 for HMAC-SHA-384 and HMAC-SHA-512, in constant expressions.
static_assert(same_bytes(jwtcore::hmac_sha384("Jefe", "what do ya want for nothing?"),
                         hex_bytes("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47"
                                   "e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")));
static_assert(same_bytes(jwtcore::hmac_sha512("Jefe", "what do ya want for nothing?"),
                         hex_bytes("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                                   "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")));

// RFC 4231 test case 6: a 131-byte key, hashed first, also at compile time.
constexpr sha256_digest long_key_case_6() {
  std::uint8_t key[131] = {};
  for (std::uint8_t& b : key) b = 0xaa;
  const hmac_sha256_midstates midstates = jwtcore::hmac_sha256_precompute(key, sizeof key);
  return jwtcore::hmac_sha256(midstates, "Test Using Larger Than Block-Size Key - Hash Key First");
}
static_assert(same_bytes(long_key_case_6(),
                         hex_bytes("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")));

// ---- helpers -----------------------------------------------------------------

template <class Hash>
bool same_midstates(const jwtcore::hmac_midstates<Hash>& a, const jwtcore::hmac_midstates<Hash>& b) {
  for (unsigned i = 0; i < 8; ++i) {
    if (a.inner.h[i] != b.inner.h[i] || a.outer.h[i] != b.outer.h[i]) return false;
  }
  return true;
}

template <class Hash>
bool all_zero(const jwtcore::hmac_midstates<Hash>& m) {
  for (unsigned i = 0; i < 8; ++i) {
    if (m.inner.h[i] != 0 || m.outer.h[i] != 0) return false;
  }
  return true;
}

template <class Hash = jwtcore::sha256_traits>
jwtcore::hash_digest<Hash> hmac_one_shot(const byte_string& key, const byte_string& message) {
  return jwtcore::hmac<Hash>(as_chars(key), as_chars(message));
}

// Every other way to compute the MAC must give the one-shot value: the key
// through each constructor, the message byte by byte, in two updates at every
// split point (up to max_splits of them), and finished from a mid-stream copy.
template <class Hash = jwtcore::sha256_traits>
void check_every_way(const byte_string& key, const byte_string& message, const jwtcore::hash_digest<Hash>& one_shot,
                     std::size_t max_splits = static_cast<std::size_t>(-1)) {
  using hasher = jwtcore::hmac_hasher<Hash>;
  const std::string expected = to_hex(one_shot);
  const jwtcore::hmac_midstates<Hash> from_view = jwtcore::hmac_precompute<Hash>(as_chars(key));
  const jwtcore::hmac_midstates<Hash> from_bytes = jwtcore::hmac_precompute<Hash>(key.data(), key.size());
  CHECK(same_midstates(from_view, from_bytes));
  CHECK(to_hex(jwtcore::hmac(from_bytes, as_chars(message))) == expected);

  const jwtcore::hmac_key<Hash> by_view(as_chars(key));
  const jwtcore::hmac_key<Hash> by_bytes(key.data(), key.size());
  CHECK(by_view.secret_size() == key.size());
  CHECK(by_bytes.secret_size() == key.size());
  CHECK(to_hex(by_view.mac(as_chars(message))) == expected);
  CHECK(to_hex(by_bytes.mac(as_chars(message))) == expected);

  hasher byte_by_byte(from_bytes);
  for (std::size_t i = 0; i < message.size(); ++i) byte_by_byte.update(&message[i], 1);
  CHECK(to_hex(byte_by_byte.finish()) == expected);

  const std::size_t splits = message.size() < max_splits ? message.size() : max_splits;
  for (std::size_t split = 0; split <= splits; ++split) {
    INFO("split at " << split);
    hasher two_parts(from_bytes);
    two_parts.update(message.data(), split);
    two_parts.update(as_chars(message).data() + split, message.size() - split);
    CHECK(to_hex(two_parts.finish()) == expected);

    // Fork by copy, finish the copy first: the original must be unaffected.
    hasher original(from_bytes);
    original.update(as_chars(message).substr(0, split));
    hasher copy = original;
    copy.update(as_chars(message).substr(split));
    CHECK(to_hex(copy.finish()) == expected);
    original.update(as_chars(message).substr(split));
    CHECK(to_hex(original.finish()) == expected);
  }
}

std::optional<json_value> load_json(std::string_view file) {
  const std::optional<std::string> text = jwtcore_test::read_data_file(file);
  if (!text) return std::nullopt;
  return jwtcore_test::parse_json(*text);
}

// ---- published vectors -------------------------------------------------------

// RFC 4231 test cases 1 to 7, one column: HMAC-SHA-256 in the fields of each
// test itself (`column` null), HMAC-SHA-384 and -512 in an object of each test.
// Case 5 publishes only the leftmost 128 bits: compare only those; the full
// value, marked in the file as computed with python3 hmac, not from the RFC.
template <class Hash>
void check_rfc4231(const char* column) {
  const std::optional<json_value> doc = load_json("rfc4231.json");
  JWTCORE_REQUIRE(doc.has_value());
  const json_value& tests = (*doc)["tests"];
  JWTCORE_REQUIRE(tests.size() == 7);
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const json_value& t = tests[i];
    INFO("RFC 4231 test case " << i + 1 << ", " << (column != nullptr ? column : "hmac_sha256"));
    CHECK(t["case"].integer() == static_cast<long long>(i + 1));
    const auto key = jwtcore_test::from_hex(t["key_hex"].str());
    const auto data = jwtcore_test::from_hex(t["data_hex"].str());
    JWTCORE_REQUIRE(key.has_value() && data.has_value());
    CHECK(t["key_len"].integer() == static_cast<long long>(key->size()));
    if (t.find("data_ascii") != nullptr) CHECK(t["data_ascii"].str() == as_chars(*data));
    if (t.find("key_ascii") != nullptr) CHECK(t["key_ascii"].str() == as_chars(*key));

    JWTCORE_REQUIRE(column == nullptr || t.find(column) != nullptr);
    const json_value& expected = column == nullptr ? t : t[column];
    const auto mac_bits = expected["mac_bits"].integer();
    JWTCORE_REQUIRE(mac_bits.has_value());
    const std::size_t mac_bytes = static_cast<std::size_t>(*mac_bits) / 8;
    CHECK(mac_bytes == (i + 1 == 5 ? 16u : Hash::digest_size));
    CHECK(expected["mac_hex"].str().size() == mac_bytes * 2);
    const jwtcore::hash_digest<Hash> mac = hmac_one_shot<Hash>(*key, *data);
    CHECK(to_hex(mac).substr(0, mac_bytes * 2) == expected["mac_hex"].str());
    if (i + 1 == 5) CHECK(to_hex(mac) == expected["full_mac_hex_computed"].str());
    check_every_way<Hash>(*key, *data, mac);
  }
}

TEST_CASE("hmac: RFC 4231 test cases 1 to 7") { check_rfc4231<jwtcore::sha256_traits>(nullptr); }

TEST_CASE("hmac: RFC 4231 test cases 1 to 7, HMAC-SHA-384 and HMAC-SHA-512") {
  check_rfc4231<jwtcore::sha384_traits>("hmac_sha384");
  check_rfc4231<jwtcore::sha512_traits>("hmac_sha512");
}

// A Wycheproof HMAC file: valid tags match, invalid ones do not; every case
// also every way. 174 tests in each file, 66 valid and 108 invalid.
template <class Hash>
void check_wycheproof(std::string_view file, std::string_view algorithm) {
  const std::optional<json_value> doc = load_json(file);
  JWTCORE_REQUIRE(doc.has_value());
  CHECK((*doc)["algorithm"].str() == algorithm);
  CHECK((*doc)["numberOfTests"].integer() == 174);
  const json_value& groups = (*doc)["testGroups"];
  JWTCORE_REQUIRE(groups.is_array());

  int total = 0, valid = 0, invalid = 0;
  for (const json_value& group : groups.items) {
    const auto key_bits = group["keySize"].integer();
    const auto tag_bits = group["tagSize"].integer();
    JWTCORE_REQUIRE(key_bits.has_value() && tag_bits.has_value());
    JWTCORE_REQUIRE(*tag_bits % 8 == 0 && *tag_bits > 0 && static_cast<std::size_t>(*tag_bits) <= Hash::digest_size * 8);
    const std::size_t tag_bytes = static_cast<std::size_t>(*tag_bits) / 8;
    for (const json_value& t : group["tests"].items) {
      INFO("Wycheproof tcId " << t["tcId"].text << " (keySize " << *key_bits << ", tagSize " << *tag_bits << ")");
      const auto key = jwtcore_test::from_hex(t["key"].str());
      const auto msg = jwtcore_test::from_hex(t["msg"].str());
      const std::string tag = jwtcore_test::lowercase(t["tag"].str());
      JWTCORE_REQUIRE(key.has_value() && msg.has_value());
      CHECK(key->size() * 8 == static_cast<std::size_t>(*key_bits));
      CHECK(tag.size() == tag_bytes * 2);

      // A tag shorter than the MAC is its truncation: compare the first tagSize/8 bytes.
      const jwtcore::hash_digest<Hash> mac = hmac_one_shot<Hash>(*key, *msg);
      const bool matches = to_hex(mac).substr(0, tag_bytes * 2) == tag;
      ++total;
      if (t["result"].str() == "valid") {
        ++valid;
        CHECK(matches);
      } else if (t["result"].str() == "invalid") {
        ++invalid;
        CHECK_FALSE(matches);
      } else {
        FAIL_CHECK("unexpected result " << t["result"].str());
      }
      check_every_way<Hash>(*key, *msg, mac);
    }
  }
  CHECK(total == 174);
  CHECK(valid == 66);
  CHECK(invalid == 108);
}

TEST_CASE("hmac: Project Wycheproof hmac_sha256_test.json, valid tags match and invalid ones do not") {
  check_wycheproof<jwtcore::sha256_traits>("hmac_sha256_test.json", "HMACSHA256");
}

TEST_CASE("hmac: Project Wycheproof hmac_sha384_test.json, valid tags match and invalid ones do not") {
  check_wycheproof<jwtcore::sha384_traits>("hmac_sha384_test.json", "HMACSHA384");
}

TEST_CASE("hmac: Project Wycheproof hmac_sha512_test.json, valid tags match and invalid ones do not") {
  check_wycheproof<jwtcore::sha512_traits>("hmac_sha512_test.json", "HMACSHA512");
}

TEST_CASE("hmac: RFC 7515 appendix A.1, the HS256 signature of the example JWS") {
  const std::optional<json_value> doc = load_json("rfc7515-a1.json");
  JWTCORE_REQUIRE(doc.has_value());
  const auto key = jwtcore_test::from_hex((*doc)["key_hex_derived"].str());
  JWTCORE_REQUIRE(key.has_value());
  CHECK((*doc)["key_len"].integer() == static_cast<long long>(key->size()));
  const json_value& octets = (*doc)["signature_octets"];
  JWTCORE_REQUIRE(octets.size() == 32);
  byte_string signature;
  for (const json_value& o : octets.items) signature.push_back(static_cast<std::uint8_t>(o.integer().value_or(-1)));

  const std::string& signing_input = (*doc)["signing_input"].str();
  const sha256_digest mac = jwtcore::hmac_sha256(as_chars(*key), signing_input);
  CHECK(to_hex(mac) == to_hex(signature));
  check_every_way(*key, jwtcore_test::as_bytes(signing_input), mac);
}

// ---- every key length --------------------------------------------------------

// HMAC-SHA256(key_L, "The quick brown fox jumps over the lazy dog") for every
// key length L = 0..200, where key_L is the first L bytes of the pattern
// byte i = (i * 7 + 1) & 0xff. Computed when this test was written, not by
// jwtcore: a python3 script (not kept) printed, for each L,
//   hmac.new(bytes((i * 7 + 1) & 0xff for i in range(L)), msg, hashlib.sha256).hexdigest()
// Lengths above 64 exercise the hash-the-key-first rule of RFC 2104.
const char* const key_length_macs[201] = {
    "fb011e6154a19b9a4c767373c305275a5a69e8b68b0b4c9200c383dced19a416",  // 0
    "25e108dd06a9b25a000762e016b85c1c01c125f74bb728862b6d31c417a1f9e8",  // 1
    "9da49d801a3496f6f49acbfae150e1afc4d3d5c05d117660835a7fb9eb010b5f",  // 2
    "52dec5112aec0373e0a1d017ec487f1e66544b39b0e1c63ab9d30d6f586eac2d",  // 3
    "425a6d2fc2c37057efa41b06e9985e9a2b0e69aaded6c60e1b64935fbf20fe0e",  // 4
    "2a4ee1c118bedb9434d29ca48dadd963afb809e0ea61b7623609e082ae3265ba",  // 5
    "99011273ff49de2133352bd2cbb1b4b270ad494a8ccbe8f0a0d36ada9d737469",  // 6
    "85da4a6c17f4471e725866caccb0ab133a7e9f64a460b84f42e4d5bc28d01b6a",  // 7
    "50fc8e6e81a820662492c12241c5b86cc5a2eb0f02148af86d8781691c0d674f",  // 8
    "6e30e64803c6fa1e09afb7ffd1acc9eb24c61c950f6f0ec0a9d25669a3f9af3b",  // 9
    "bac68ea492a1cf88a646cd7c61a20b1641c45a786c9eb92a164ebdbf706eb351",  // 10
    "3dc5b6c23754d70f57ec666b25a506d789c687489eda9cd1bdd0978eb03a9552",  // 11
    "427cefab0a8bbfbc0dc9ec8d558c33b5ef38cc052417ae184cb1d25d9f68f516",  // 12
    "9bb5032fc2a8603257c7841e84bfc4bd28b565ee2dc72093df2bb4a6cb07df9d",  // 13
    "06febaa53c842a4075884dec231fddbf73075b1c6abc09aea008e4f62e56f0d2",  // 14
    "22af4a441acb74015b62da6e9d3197aefff661a5e66bf600527ab84e05da5652",  // 15
    "1bebbcb8a76923fd5150394bf5bd59a39f516a9fb5b6b1c009a88fcbddd95891",  // 16
    "c9847c9b09b68c605ad5e995af143df8b9398cf00b6e83adb89b5509202b9626",  // 17
    "84baa83afbf52c75179ed03f5d734ec7f7e1f931bd783376d1c332fd964de6b8",  // 18
    "bc90d0bf5f87eebb1207e420932402f599f8a5f149ed50eff4e1dd5e0905ae2a",  // 19
    "3a62d563c5c76e3e8218f25ab56c32f27a58515c30e8c81d8a03764a484d8b97",  // 20
    "179af0f7cec7b97b90429abcfe0fd39b05a4e45452da042163c5c742591fe8e3",  // 21
    "855b615b9720d1dc6fa9cb71d39bc58f391bb5eebfe2004e4c7f2f90b34f842c",  // 22
    "da6cdb2720b97aba28d8cb19f3dfce6c972df1425efb80d08424b367e3a9b6ae",  // 23
    "bfab1aa726aa121bd412af479cd0f74353e7dbf772c7facb7375915c7bb42168",  // 24
    "829f5fcf5d791ac3dbf16cfc9c70c90f06211b2981e8889b3317dadebd5bdb44",  // 25
    "d0d6ba32045145b46a557743b8c161bc9cbbd42baaf2824c2cc1e25f103aed3a",  // 26
    "84e331f2f93c940911145f84c7e53a734f56115716ab2de11f4f82f96cf3f0d7",  // 27
    "f9422cac3357b71601750d884d33563eadf47bb3dcf2c8548f7a5b940cfa0c8d",  // 28
    "dedb2da673ad701b0e859a6b99774d74b98b29ec0b2a8d2ea60b667da103d2fc",  // 29
    "1173c3f168c1ad7d1ef70bc98cfbb366df161fc457ad33a05ee236ffc36c1075",  // 30
    "39fd4db538ac694ff207bc5c0dbd4d80b51540180d7c2db424849619888dc080",  // 31
    "ded635befaf385683ab3c62d3a92ee915ae1c1e230edd67130223f53a6374d72",  // 32
    "7854a9d69febc4db435e9e2f97d9317ea13b55fd14c92bb1913c9824fae083be",  // 33
    "ea7cddfda4cd2c3fa1f4a3b6c753c2053296d242bd2e2375472cc65b3e4ae5f9",  // 34
    "a27dffe1ff2e156d2a0cd86adbefc0a4d037f06a3d00ac9657f8f1b120f93ec5",  // 35
    "f2a959273cb77c4be6bf86ae8a4648c1d11b5c99f903472c89c7a862f1f771d4",  // 36
    "93ba2fafd38eaa31ef4fdea30393d62288e35c10498a89fe5566404a5a95e4c7",  // 37
    "fa1da6c298b49e8174738351de5654efd472de831b4ddf25f7b40f48fbbdd2fb",  // 38
    "bc15c10d492fb1d0a5a6ad4ee2ee94a8d51768f520d88191c3d60f040669e1fe",  // 39
    "f7c64377f570df0255c64a35017f473cdcf0f0b738eeb539148b7a29edadbca9",  // 40
    "988ea2b52b5694ff7b1d1f641f61191375d4b810c1dc60141592998569355295",  // 41
    "7c147f5deda9a69eff00739faa67202a62b6891ae7696aca1ed997185672b9a6",  // 42
    "f5a216a29431921f8affcb75b5c4057cb4bac785bbffb8a4c80f5d8f745cb06a",  // 43
    "cb17cc3b2908f7edbb51fde95156bc8a4b754742c9bd719f8c2caf5fa8065c40",  // 44
    "4195987a85156275d6d247745edbfa159ce18dd39545e56d9184955b7f9924c3",  // 45
    "93acb268d515056127292b5b6100156abac1e855c63fb534bde8204f2e1af541",  // 46
    "5b803c50c779dca70168a868119990d74e6fc0972e131522e84fd12d1d32ad03",  // 47
    "562665ae7d92eaddc74f896075781fbfd2c3dbcd54aca46fe5c86c726d8be93c",  // 48
    "c3901eaa308b17b34ebe4e5691ab866d28b8804f7a3df977bec8729b0e93b840",  // 49
    "cb20a9e6cd62df91b34ab44dbfc495d18eb51bc45bcbed8823eae8afdc72e5e4",  // 50
    "e28629bc83a2989b9541f7068ec80ba9a6203721b800c584e62281c9c22f22fe",  // 51
    "e3152333e0dfcefd266ce672041953dafb8250accf9d2197b467c2631b497766",  // 52
    "bab4727feb34e4abda84ab97a4c2346bc6c06176d3b060e8fc3d81519e349ba8",  // 53
    "185e43bb8eb06395c710d26a49d9aec2ae8dc8cc2300de706b23cab02edde4fa",  // 54
    "02c9731d1dbe7e5181617c03be7ef69be224852498b121ac988523b7edb82c39",  // 55
    "26cbbaa3fdb1469083cf2b79fe9ac33135b2c028fdae0890adf1158688442d45",  // 56
    "df5c6333551ae1e311ab7486cdab69c1562903f8f595f7f75e17905e9c599b2a",  // 57
    "ee2f5cc5085bcb6b76456fdd5288e81eb7eb0e71d744851b3b8ac97c7ed23f24",  // 58
    "2db6849d099ccb8b8ae97f8c8baf8377c5b9a0da8b6d227a05e4f5be95b15d16",  // 59
    "c09e07dcaf4a44d444b86162eee753b264c479b02af417f4792b78bf5bcc1b3e",  // 60
    "9a4a3e5db2d312c83bc151daa031fc57af84243e5c632ae72fc1f6ccc16b054f",  // 61
    "ba38523680757511ca1b80a0cba34b746426e3daed23a7b2284ef4efba6c6782",  // 62
    "c09b4a55f20fb735162c28a649fd4cacd6593124a4947d53ec9349a6b4d91db7",  // 63
    "bc04f39819af8cb9809cc8d180ca205f2184fd3eaa3d1aa11da2b20f4a0bd95d",  // 64
    "5c5f17cc7d71fb691af48ba2f72d213cf369f955d9fea04cff5fb7ded33217d5",  // 65
    "d7c8ab93ea694d2ab42d92b3e02cef8a87dadfc8920e6c04616b011929da19e6",  // 66
    "3026300d1ddbe667e2f69f23b0f627c0c111007c45429da7a5ebd5ded90e29a3",  // 67
    "ccef7be78e623ef5571197d393f891734fc36c28c8052f30c4db088d81a5ad17",  // 68
    "e032c683006640ef80c43e0cc369e08e0bc0c68717555b1563f9d103f59a1b9c",  // 69
    "7567e79a6365f3b36a40c8a66439d5a4d7790a94cb33786811382379dd821dc7",  // 70
    "f8be4f3719c0202633c338d49a4312936df7fb4b0c8006fd01a583780bb90882",  // 71
    "544f884ecb0495ae39520de85c88274e73a78df743a49eddc806c5f19b35fecd",  // 72
    "5edf2cbd826b9d55462f1ed0cdae1d42b8bd5f0a28bb7d24b436fbaf9b257bfd",  // 73
    "f2d694f1365d674eef1d91c70d61f559b20510d5b9176328d6da112726e817c7",  // 74
    "bd20fb0119e19bb8c7895a425319536a0ba98ba642c9f3b0a03554b3840d89df",  // 75
    "e38dba0b5b61f6b8e659339e0b9732f1692faa298a7dd303276f57728c713072",  // 76
    "ebbb05a6d48ee31e9e3c3dc241b73140b7864ffa867c0f25e0100654b257126d",  // 77
    "8cee0e3841f38b643fc3945a6f0c3a0a10f41accda4156b7440972fdae4ad0bf",  // 78
    "5b0814c66cfb8ee1b6991964ca4876a2b97b9e9f480823c6b4c19b72e51329bf",  // 79
    "595590b08055bc6cb683e87aa9460e8224534474ac369ddf884495db7a85780f",  // 80
    "07e534a30d045a3bcebb4cc6af968a7e4f0f2da709d2b97afc252a2f1d701d7a",  // 81
    "0fdbdd19b20e31508b8d2194087ae1cec0b66299e6762c1ac782b480c6cee761",  // 82
    "1f85013b434f15de96b613a59b6303a76e0e10aa68f5fc046e01ebc7ff5fd516",  // 83
    "aaf0323964b82fbd83e0d797a877ec86203119b7a862e93561b86e20e4785948",  // 84
    "7d8a7f92f4a041e79e62b14dacd5856b6ebd67f8ef0e6c3aee38fe51e49204fa",  // 85
    "207ef8809a29f4cfa62190c7c306f7d7c9cd9066816100c710ccc8e31489de02",  // 86
    "ab3bf1bed1311ea627e97f811f0306029aa5dc24ee8690659b39d150b436ee61",  // 87
    "a7fd6de5c43d56c8c90347e830303703f3fd5f6ede1710c4bf94b9529d0aff81",  // 88
    "a1ac9ba0ff7c24016fc447fb1eeb8e7063492e8bba2b482817cd82745f0cdc07",  // 89
    "28e4066bcfb2ee90a086cbe9c9a15643697c7530bf2522f88e97025593949256",  // 90
    "dc264d658734fb8811288cb9a28126d883e352863bb15b3511a55ad9730be980",  // 91
    "f961ece305de11e8ad4afd2d4680fa7f71a52eb3b85c1572217a34b3ebde4e3b",  // 92
    "f45c52a5437307dcfe3a23efdc81dcc9b0f6a1a7a3cbfc22597dec7164fd4d98",  // 93
    "d780dd8ce57f927d922b9dcf8174b785e0d62b4c2e75ab874a07898bbe6c2cb6",  // 94
    "02fc1e0005ff3671eb9c834988cb62ff39c0fda311a02174c9aff3960587f396",  // 95
    "e138029cee5d895c1aa70eb1d0aaf5b50252cc41308f1b22120cd615c2f1ec63",  // 96
    "06529b8e0d975db08a81fc6770cee00f11013e3f46aad66499a63bc096200fb0",  // 97
    "9b486fd36523bcf13d3b57ac68b7e9f0a28c982b184e1121346d07f1589a3eca",  // 98
    "f4d9e28ce25550a6120393720c6f1b4f647958d331166279019c6e38b4e664d4",  // 99
    "86919ee50237347b7806c4306dace4bd9d9a9dc7580b2e589883b3598e4aa091",  // 100
    "d49876c6f5e48a3f78e0d7d033070cfd50ea0b954b673b6c82f44c8d13fd96a8",  // 101
    "5de21612623a9096ee399829b4950290702f7d2479b559a125161b929d77c7e1",  // 102
    "ed1627acd3bdb37df9810403c2993e2666a322de7fe0a6e8be1aa973f7930bd6",  // 103
    "846dba59c930344310aebd378638d0c35c1d2fab6e47d726d37ae4705911e111",  // 104
    "0cb01b8372ab85b1e5f9e37f5dd7f02ea23371b43a5f5e76f6908a8e0ae249b2",  // 105
    "992950b80cc56dadcece515cb9d39aa4e7f036e421ed1049736d7a3ed23ebee8",  // 106
    "c5dcefb592212cfc94c61259fe84e0a8ba8f1ce5f618cd77ecf22aa30728b43d",  // 107
    "f54401be282c8a110f083551063c5ac2f85b52d484bed35d9ecad388c8dce6d4",  // 108
    "8dc59a9fb5f257e9b2ae64d0af600d83672edad0794afd965d255c6a6fa2253c",  // 109
    "06c404ba4c9fa88596953059d6f6d694203cce3c2f85aa50d78ea4b4e4a16dc4",  // 110
    "711e144e32fb8e78dcf8f2bf8c90e48395af9894ab9ea59b6bf997ed8fd1efed",  // 111
    "d745fe020cf5f41bab88758e5b1e2234465829483bee313533e1e019236216da",  // 112
    "e4613f28a3c66ae0d1788cf3c91054459a2cd346cdddd6ed424fe077af61be90",  // 113
    "5fae607739dbef86ad9aad54a7ec5c886d83fafc335fb22ae77c3ee20ce29d4d",  // 114
    "e4f87a6ce70cc095bd04a9312c02327096c651393fadbe0f3b4d1c268c8b5252",  // 115
    "d5389fea28cd7c80c4b927ad752d8af41ab90dd171a5ea76d5032f4e36a308c1",  // 116
    "b31ae23b0348718d4d195705506e2e8f25e8972b55a2578af98ca07230f4b56c",  // 117
    "97965cbe183210539faa7108dee2bb24a5aa8c1a8d8e26fa9d885bfa75c9f35e",  // 118
    "861a52853b99b3ee8e9d549a31c5745f4802af40216cc2cfb635cb694775307f",  // 119
    "c503b660a379fb15c04160389fb722a5eebdce4d5a74a9fea6fc0a766e82ce3d",  // 120
    "4415243e75297265cbd633addf163260c50c1f86c52fb060b6a03a24963bccbe",  // 121
    "02d21d862a001d1c5352855d2c7d7e016621332e6a9ea3d8fc80aed293212082",  // 122
    "03bf3503aafc306b6025987472f2b3d4bc38f647e460463c38934d7aedce4d26",  // 123
    "66925052c5f2aec6b5a524a12c3e71c6546014bdd798acb8a9e4c5e7b224754e",  // 124
    "ebdba607f3f1170a596b3e1c9582e78627f8b072ec7fae1f031d142b9bcfb174",  // 125
    "0c7627a6d61ab826ea61d47d6db7dc5c50b3f64259a48630e36a8c88d54f9b29",  // 126
    "5603e33063d0dada84eb036ca67f0676f597de37687f741238c4d8581ea14aa3",  // 127
    "fe45cb4f8e1f0995951e457ed601942ee0964eddfc01236b29000276bc578193",  // 128
    "a40f878f7e7807a03a68e6203a9e5b5a30f9d673716e9829a6f61ea265cfd4d7",  // 129
    "40a7c993013ba9ab4ce0f749dee39d82c493840628e3e90cf9943d400a82c987",  // 130
    "1c55a3bfe4f4af1158317bb8b2539ae371ede0e7ad27e5bbccf1c101412e5a42",  // 131
    "bcf279d80baba7af08f275ea3c8c16acf74a97c3f9b537e8a5138b4a499b4c37",  // 132
    "b49e921a686998716eee999d644d03fad1c039337dd6a995ad99ecf6af98fa6c",  // 133
    "54bfb972a45354f6c9840637d03748b49fc7723b72c557f3c98448874b640951",  // 134
    "b4b956668f7ad2405c033f0d63e017df61bd6a19a63b68a6305aa3acfe5cbb8f",  // 135
    "9a3370278a485b5606368f696d758c34db46e152de5de0ccc1aa645284b33023",  // 136
    "185f44e44b7c9d96ae6ee7e45a8f16fabc28a710579110f1f7fd2ac48a05f083",  // 137
    "2003cd883a72f1e6d7a011670bd14e39bebfee2e824525a9f3f068358d6d8ec6",  // 138
    "66eaae5b141648c4ea18c2c7aeb48d49e8a0274fe9176605c285ee96176216d7",  // 139
    "e6bf5a6b3ca5ba81ff26d2132981000e389468c9bcb3ee5d98c0cb639eb0b588",  // 140
    "8db5a33b2b856b2eafd27565a9567c4099b22bfc1c767da379f2a5f53bbc4c28",  // 141
    "bd2169a627b03b57a829deb66b89387a856ba39207375826cf1e367786be4b2a",  // 142
    "5690aaa4024bb5152e4c45b0edb0c2337c32f48c2a0dc8e533cb16ee1b37c643",  // 143
    "1032fdb36b9a63f51237397fb5a1104b8747c20614c2af2b35c4554beaade47b",  // 144
    "8d87bc33c2f3e3e1377bb9dc1c4d867e4f68062e35af7461a732cacb5b728901",  // 145
    "b67a70868ddab734f3b447cfbc7fcaf19eef4e596a4af31880986594a436cca8",  // 146
    "83c82d2c7932025b401519ce0a27e2294b584a13bdc614ac36fb7efe223a9bb3",  // 147
    "7fbd054e4c938a05e84e08f7181c36d69c68fc9eb293e817cb3955411c04e685",  // 148
    "6fd0076fb0041e2d6be0ee9548ad767afeb898ad06269c684251fa7b91d1bee6",  // 149
    "c8ee4f404b188c6078379b6e8e19535bac469fef9c679dcd5c430529d532c60c",  // 150
    "988b57b39b6a81bdec7afe854864ab37316bdf70337fbb7704aaaf9dcb153de4",  // 151
    "15335a181234c51d6c78319600a633c12ff831ec063faa90fb8954f4abadabda",  // 152
    "f829afa651ee825f21a94ed964e6147952f4847c5d4650842ab02a55a4fde215",  // 153
    "5827fbf5d9f4200ca9b6bdbf0573c6043fb5e8cbb508aa6b4fa052f66fa04a13",  // 154
    "add278c7abdadd110bf7efb8c297c4d24f8f61d9acec28e71b7b86b8dfcf30b5",  // 155
    "1d2ef68ca58145aa55d9be7507b9d27a9d55492c92a75cc81448133cb59c2681",  // 156
    "9ab1b8de4802878b4cf20878999fc58aac128aac80e73a15c9343af06f7a9353",  // 157
    "958a49236e4c41f4f559c6697aa66cb9dd9a39d59750e97f2948732dfb5e0ef9",  // 158
    "97c219e737385066e08f0be5285d43b553c58b02bd166607710bb9dac9d0e4f6",  // 159
    "66626a7a8dd12310f32a653c5bd61df3ad57603d5829198c5a277fe66425d213",  // 160
    "392fdf478f3993c755e57e265ef9ef6b9eaae1429b6e4bd5efd26816e723348a",  // 161
    "20561bc7ee20f698ecdabbb1de0c427a998d51f66b6a8647d83f670f70cbf82c",  // 162
    "a8acd6d9154cf4f908d61e1a37009ef7a927b4e8056b5c6f267396ddf657de8d",  // 163
    "21ea2a1e269fe2b8d19287c0e5e5b6bdd61ee0567185aded2d8fe67593e145e5",  // 164
    "3d090dafa974b1063f2c08bf265b248f67ab195e64bb36a75c542c55795dc76a",  // 165
    "25006371e3cf8871e214329d31402278015b9c49a90e77f91567e6fafb063ffb",  // 166
    "3ff9820fba65e8bf28dcc85c24597bdf3e23f58665381fbbd942ffa067050527",  // 167
    "bd9cb7f1153ff565937423af19292dbec95ea4b02daab6c8e9838a3cbfa95045",  // 168
    "a0d6c38e4099bcb33a0aef6c4e21f121d7c603791542bc6bcc3fb9336ceb1320",  // 169
    "3defb14a4acb546a49df55fa3b8bb3baa8a379577de3498e2203ca47abefdf0d",  // 170
    "f1bc8e439aa0f12adbe2b92f5b0ba935a36906aa0225dd91128ed61ec30b24dc",  // 171
    "240e2e7567c8c273c84599085d8389171db732710fd97db4e88db0188094a79e",  // 172
    "76ac99488563f958ef96de3010ada66626af1985ee167cb154a1a8b744939a79",  // 173
    "9e79f12857e612c9178257296936961f9d79922a16b9f0dc88b874e6c63515ee",  // 174
    "7a4ab1303c40708b6499b7d1222c2380b9d587f770fd399d71be5149b775757f",  // 175
    "66a402a7a8d8aaa81946b131ae5fbee5f7bd6547d7c51f5671e2fb2eaedc1193",  // 176
    "1ff4d1748332a3e782b52938755e008f6592ddd6918f89a11c909e9e3a973c85",  // 177
    "d1132cc1207983bdd5cc094f0e6783a5aa8da38ce027b9da61e1e532ab06848f",  // 178
    "84b78c031069a932e801879e1a30fd377706aa8964c65169e4e309a8cd0533e6",  // 179
    "55bb0daea1012b6427aae47e50aa9387e6d4729e519ddef2291eb8ad2d12a7c9",  // 180
    "ad98bf17da5f0db768254fe631dafc9968c84e206ff6094a2d8640d19269b6f5",  // 181
    "8061c5e0325cc77dd757040aa0d0df25fd39055abf9b012413ea49df8eb0e59c",  // 182
    "deb96117c2f12f494d69831f83f39f97f8b217b4a3a996c88b3893cdebef537e",  // 183
    "c8cfc0dc70fb2da85f16d2894967cb8405c6359e8ac1366293a8e081ff9ac30c",  // 184
    "3baf3945f70ff7d3b7a734c8a52149b89de63ce951d29042be2a2f8812c3fc76",  // 185
    "194be63c33caa4bd49b865876e2f63fee36ef4966bfe9a956275cc438b1b34e8",  // 186
    "9baa0ec64ff12d0c28d04c90d9d00996b1bfa94170f2339a614178489b002ab5",  // 187
    "369fb53ef3b4133509439dd90950d7f95914cb77d052fef68677330599c4f586",  // 188
    "ba1b6fa9c9f130dfe8d444024fb328edd48c0741be3ea89d6e2dccf46170d538",  // 189
    "1deb884ecbfd35dff788a3a4da6cb11d653b217b887253fd43faf96813b8c745",  // 190
    "eade134c3e4e8f2b779f8eb9c13b0023f0604d46148e633ca17d4925f9f5ac8e",  // 191
    "5435ce6fe7e2b461ef985b9481b32d2bf08de10e893b5748a9864d61c754fc78",  // 192
    "0ab532cc521e61e56669696645100538c08cb571b6b123b8b82a5531740d2d5f",  // 193
    "6b62f0ec317c881c057bc894fe1dbbf013373b0dfcd53bc0a42b99477b9e6775",  // 194
    "606c741283222f0757a155630c3a75cdc84d8709315b214cb3c4aa9bc56713b1",  // 195
    "0dc4d4d0bcc156f560c167d986765c625cbec4a900c36be80a84384db20201a9",  // 196
    "f70e1058590bbcfd88f8f0c9fa318fba0ebf7c8093ac79233ad88916128c6995",  // 197
    "a4f75020ca5178b425c91b172314f0a14fdb855db93250394e3bd8b5920bf099",  // 198
    "5c3721664bdc40f431db2d69a66c13b9fef8491f05ec36f1057e220405417de7",  // 199
    "db369f1dc331f4879ad60382a11d1f6559fe439c6efdf3f3f6618188e602a10f",  // 200
};

byte_string pattern_key(std::size_t length) {
  byte_string key(length);
  for (std::size_t i = 0; i < length; ++i) key[i] = static_cast<std::uint8_t>((i * 7 + 1) & 0xff);
  return key;
}

TEST_CASE("hmac: keys of every length 0..200 against python3 hmac") {
  const byte_string message = jwtcore_test::as_bytes("The quick brown fox jumps over the lazy dog");
  for (std::size_t length = 0; length <= 200; ++length) {
    INFO("key length " << length);
    const byte_string key = pattern_key(length);
    const sha256_digest mac = hmac_one_shot(key, message);
    CHECK(to_hex(mac) == key_length_macs[length]);
    check_every_way(key, message, mac, 3);
  }
}

TEST_CASE("hmac: the RFC 2104 construction, rebuilt from sha256 for every key length") {
  jwtcore_test::test_rng rng(2104);
  for (std::size_t length = 0; length <= 200; ++length) {
    INFO("key length " << length);
    const byte_string key = pattern_key(length);
    const byte_string message = rng.bytes(length % 97);

    // K0: the key zero-padded to a block, or its digest zero-padded when longer.
    std::uint8_t k0[64] = {};
    if (length > 64) {
      const sha256_digest hashed = jwtcore::sha256(key.data(), key.size());
      std::memcpy(k0, hashed.data(), hashed.size());
    } else if (length > 0) {
      std::memcpy(k0, key.data(), length);
    }
    std::uint8_t ipad[64], opad[64];
    for (int i = 0; i < 64; ++i) {
      ipad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x36);
      opad[i] = static_cast<std::uint8_t>(k0[i] ^ 0x5c);
    }
    jwtcore::sha256_hasher inner;
    inner.update(ipad, 64);
    inner.update(message.data(), message.size());
    const sha256_digest inner_digest = inner.finish();
    jwtcore::sha256_hasher outer;
    outer.update(opad, 64);
    outer.update(inner_digest.data(), inner_digest.size());
    CHECK(to_hex(outer.finish()) == to_hex(hmac_one_shot(key, message)));

    // Equivalent keys give equal MACs: a long key and its digest; a short key and its zero padding.
    if (length > 64) {
      const sha256_digest hashed = jwtcore::sha256(key.data(), key.size());
      CHECK(to_hex(hmac_one_shot(byte_string(hashed.begin(), hashed.end()), message)) ==
            to_hex(hmac_one_shot(key, message)));
    } else {
      byte_string padded = key;
      padded.resize(64, 0);
      CHECK(to_hex(hmac_one_shot(padded, message)) == to_hex(hmac_one_shot(key, message)));
    }
  }
}

// ---- contexts and keys -------------------------------------------------------

TEST_CASE("hmac: two messages at once give the MACs of one at a time, for every pair of lengths") {
  // Lengths across three blocks, so that either message may run out of
  // whole blocks first, and either tail may need one padded block or two.
  jwtcore_test::on_every_kernel_choice([] {
    const hmac_sha256_midstates key = jwtcore::hmac_sha256_precompute("two streams");
    std::string a, b;
    for (std::size_t i = 0; i < 200; ++i) a += static_cast<char>('a' + i % 26), b += static_cast<char>('A' + i % 23);
    for (std::size_t size_a = 0; size_a <= 200; size_a += 7) {
      for (std::size_t size_b = 0; size_b <= 200; size_b += 3) {
        CAPTURE(size_a);
        CAPTURE(size_b);
        std::uint8_t mac_a[32] = {}, mac_b[32] = {};
        jwtcore::detail::hmac_sha256_oneshot_each(key, 2, {a.data(), b.data(), nullptr}, {size_a, size_b, 0},
                                                  {mac_a, mac_b, nullptr});
        CHECK(std::memcmp(jwtcore::hmac_sha256(key, std::string_view(a).substr(0, size_a)).data(), mac_a, 32) == 0);
        CHECK(std::memcmp(jwtcore::hmac_sha256(key, std::string_view(b).substr(0, size_b)).data(), mac_b, 32) == 0);
      }
    }
  });
}

TEST_CASE_TEMPLATE("hmac: the hasher is wiped by finish", Hash, jwtcore::sha256_traits, jwtcore::sha384_traits,
                   jwtcore::sha512_traits) {
  using hasher_type = jwtcore::hmac_hasher<Hash>;
  const jwtcore::hmac_midstates<Hash> key = jwtcore::hmac_precompute<Hash>("a secret of reasonable length, 32+ bytes");
  for (std::size_t n : {0u, 1u, 63u, 64u, 65u, 111u, 112u, 127u, 128u, 129u, 200u}) {
    INFO("message length " << n);
    hasher_type hasher(key);
    hasher.update(std::string(n, 'm'));
    const jwtcore::hash_digest<Hash> mac = hasher.finish();
    CHECK(to_hex(mac) == to_hex(jwtcore::hmac(key, std::string(n, 'm'))));
    // Trivially copyable, so its bytes may be read: none of the key or message remains.
    unsigned char bytes[sizeof(hasher_type)];
    std::memcpy(bytes, &hasher, sizeof hasher);
    CHECK(std::all_of(std::begin(bytes), std::end(bytes), [](unsigned char b) { return b == 0; }));
  }
}

TEST_CASE_TEMPLATE("hmac: the key class: mac, move, clone", Hash, jwtcore::sha256_traits, jwtcore::sha384_traits,
                   jwtcore::sha512_traits) {
  using key_type = jwtcore::hmac_key<Hash>;
  const std::string secret = "0123456789abcdef0123456789abcdef-and-some-more";
  const jwtcore::hmac_midstates<Hash> expected_midstates = jwtcore::hmac_precompute<Hash>(secret);
  const std::string message = "payload.to.sign";
  const std::string expected = to_hex(jwtcore::hmac<Hash>(secret, message));

  SUBCASE("mac agrees with the one-shot function for many messages") {
    const key_type key(secret);
    CHECK(key.secret_size() == secret.size());
    CHECK(same_midstates(key.midstates(), expected_midstates));
    for (std::size_t n = 0; n <= 130; ++n) {
      const std::string m(n, static_cast<char>('a' + n % 26));
      CHECK(to_hex(key.mac(m)) == to_hex(jwtcore::hmac<Hash>(secret, m)));
    }
  }

  SUBCASE("move construction leaves the source wiped and empty") {
    key_type source(secret);
    key_type target(std::move(source));
    CHECK(all_zero(source.midstates()));  // NOLINT(bugprone-use-after-move): the wipe is the contract
    CHECK(source.secret_size() == 0);
    CHECK(same_midstates(target.midstates(), expected_midstates));
    CHECK(target.secret_size() == secret.size());
    CHECK(to_hex(target.mac(message)) == expected);
  }

  SUBCASE("move assignment replaces the target and wipes the source") {
    key_type source(secret);
    key_type target("another secret, to be replaced by the move");
    target = std::move(source);
    CHECK(all_zero(source.midstates()));  // NOLINT(bugprone-use-after-move)
    CHECK(source.secret_size() == 0);
    CHECK(same_midstates(target.midstates(), expected_midstates));
    CHECK(target.secret_size() == secret.size());
    CHECK(to_hex(target.mac(message)) == expected);

    // Moving a key into itself keeps it.
    key_type& alias = target;
    target = std::move(alias);
    CHECK(same_midstates(target.midstates(), expected_midstates));
    CHECK(target.secret_size() == secret.size());
  }

  SUBCASE("clone is an equal, independent key") {
    const key_type original(secret);
    {
      key_type copy = original.clone();
      CHECK(same_midstates(copy.midstates(), original.midstates()));
      CHECK(copy.secret_size() == original.secret_size());
      CHECK(to_hex(copy.mac(message)) == expected);
      key_type moved_away(std::move(copy));  // wiping the clone must not touch the original
    }
    CHECK(same_midstates(original.midstates(), expected_midstates));
    CHECK(original.secret_size() == secret.size());
    CHECK(to_hex(original.mac(message)) == expected);
  }

  SUBCASE("the destructor wipes the midstates in the key's storage") {
    // Only the midstates are secret. The length is public and a plain store,
    // which an optimizer may drop at the end of the lifetime (GCC -O2 does), so
    // only the bytes of the midstates are looked at after destruction.
    alignas(key_type) unsigned char storage[sizeof(key_type)];
    key_type* key = new (storage) key_type(secret);
    CHECK(to_hex(key->mac(message)) == expected);
    const auto* secret_begin = reinterpret_cast<const unsigned char*>(&key->midstates());
    const auto* secret_end = secret_begin + sizeof(jwtcore::hmac_midstates<Hash>);
    CHECK(secret_begin >= std::begin(storage));
    CHECK(secret_end <= std::end(storage));
    CHECK_FALSE(std::all_of(secret_begin, secret_end, [](unsigned char b) { return b == 0; }));
    key->~key_type();
    CHECK(std::all_of(secret_begin, secret_end, [](unsigned char b) { return b == 0; }));
  }
}

TEST_CASE("hmac: hmac_sha256_key is the SHA-256 hmac_key under its old name") {
  const std::string secret = "0123456789abcdef0123456789abcdef";
  const hmac_sha256_key key(secret);
  hmac_sha256_key copy = key.clone();
  hmac_sha256_key moved(std::move(copy));
  CHECK(all_zero(copy.midstates()));  // NOLINT(bugprone-use-after-move): the wipe is the contract
  CHECK(same_midstates(moved.midstates(), key.midstates()));
  CHECK(to_hex(moved.mac("m")) == to_hex(jwtcore::hmac_sha256(secret, "m")));
  alignas(hmac_sha256_key) unsigned char storage[sizeof(hmac_sha256_key)];
  hmac_sha256_key* placed = new (storage) hmac_sha256_key(secret);
  const auto* secret_begin = reinterpret_cast<const unsigned char*>(&placed->midstates());
  const auto* secret_end = secret_begin + sizeof(hmac_sha256_midstates);
  placed->~hmac_sha256_key();
  CHECK(std::all_of(secret_begin, secret_end, [](unsigned char b) { return b == 0; }));
  std::fill(storage, storage + sizeof(storage), static_cast<unsigned char>(0xa5));
  first_release_caller::destroy_in_place(new (storage) hmac_sha256_key(secret));
  CHECK(std::all_of(secret_begin, secret_end, [](unsigned char b) { return b == 0; }));
}

}  // namespace
