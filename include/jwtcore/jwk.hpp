// jwtcore/jwk.hpp: HMAC keys from JSON Web Keys (RFC 7517): the "kty":"oct"
// keys (RFC 7518 section 6.4) of a JWK Set, or one JWK, into keys this object
// owns and a key set for a verifier; and the RFC 7638 thumbprint of an oct
// key. No heap: the keys, their kids and the set live inside the object.
#ifndef JWTCORE_JWK_HPP
#define JWTCORE_JWK_HPP

#include <array>        // the thumbprint
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <new>          // placement new: keys built in their slots
#include <string_view>  // JSON text, kids

#include "base64url.hpp"
#include "bytes.hpp"
#include "json_reader.hpp"
#include "key.hpp"
#include "sha256.hpp"
#include "verify.hpp"

namespace jwtcore {

// Which key a refusal is about, and why in words: {2, "prod-2026", "k is not
// strict base64url"}. index is the key's place in "keys" (0 for one JWK).
struct jwk_fault {
  std::size_t index = 0;
  std::string_view kid;  // as written in the JSON, empty when there is none
  std::string_view problem;
};

// The oct keys of JWKs. Not copyable or movable: its set() points into it.
class jwk_keys {
 public:
  static constexpr std::size_t max_keys = jwt_key_set::max_keys;
  static constexpr std::size_t max_kid_size = 256;
  static constexpr std::size_t max_secret_size = 1024;
  // jwk_fault::problem when a set holds more usable keys than max_keys.
  static constexpr std::string_view too_many_keys = "more keys than jwk_keys::max_keys"sv;

  jwk_keys() noexcept {}
  jwk_keys(const jwk_keys&) = delete;
  jwk_keys& operator=(const jwk_keys&) = delete;
  ~jwk_keys() { remove_from(0); }

  // Adds the keys of a JWK Set, {"keys":[...]}, for signing with HMAC:
  // "kty":"oct", "use" absent or "sig", "alg" absent (then default_alg) or
  // HS256, HS384, HS512, which binds the key. Others are skipped (RFC 7517
  // section 5). Returns how many were added. Errors: the reader's; bad_jwk for
  // a wrong shape or more than max_keys keys; bad_base64url_* for k;
  // key_too_short (unless policy allows); no_key when no key is usable.
  // *fault says which key and why.
  result<std::size_t> add_set(std::string_view jwks_json, jwt_alg default_alg = jwt_alg::hs256,
                              short_secret policy = short_secret::refuse, jwk_fault* fault = nullptr) noexcept {
    jwk_fault local;
    jwk_fault& f = fault != nullptr ? (*fault = {}) : local;
    const result<json_value> set = json_parse_object(jwks_json);
    if (!set) return set.error();
    const json_value keys = set->find("keys");
    if (keys.kind() != json_kind::array) return refuse(f, "\"keys\" is missing or not an array");
    const std::size_t before = count_;
    for (const json_value& jwk : keys.elements()) {
      const result<bool> taken = add(jwk, default_alg, policy, f);
      if (!taken) {
        remove_from(before);  // all of the set or none of it
        return taken.error();
      }
      ++f.index;
    }
    if (count_ == before) {
      f = {0, {}, "the set holds no oct key for HS256, HS384 or HS512"};
      return error::no_key;
    }
    return count_ - before;
  }

  // Adds one JWK, which must be a usable oct key; returns its index.
  result<std::size_t> add_key(std::string_view jwk_json, jwt_alg default_alg = jwt_alg::hs256,
                              short_secret policy = short_secret::refuse, jwk_fault* fault = nullptr) noexcept {
    jwk_fault local;
    jwk_fault& f = fault != nullptr ? (*fault = {}) : local;
    const result<json_value> jwk = json_parse_object(jwk_json);
    if (!jwk) return jwk.error();
    const result<bool> taken = add(*jwk, default_alg, policy, f);
    if (!taken) return taken.error();
    if (!*taken) return refuse(f, "not an oct key for signing with HS256, HS384 or HS512");
    return count_ - 1;
  }

  std::size_t size() const noexcept { return count_; }
  const jwt_key& key(std::size_t i) const noexcept { return slots_[i].key; }
  std::string_view kid(std::size_t i) const noexcept { return {kids_[i], kid_sizes_[i]}; }
  // Every key added, under its kid (none when the JWK had none).
  const jwt_key_set& set() const noexcept { return set_; }

 private:
  // Drops the keys from index `first` on, and rebuilds the set without them.
  void remove_from(std::size_t first) noexcept {
    for (; count_ > first; --count_) slots_[count_ - 1].key.~jwt_key();
    set_ = jwt_key_set();
    for (std::size_t i = 0; i < count_; ++i) set_.add(slots_[i].key, kid(i));  // an empty kid: unnamed
  }

  static error refuse(jwk_fault& f, std::string_view problem) noexcept {
    f.problem = problem;
    return error::bad_jwk;
  }

  // A member that must be a string when present.
  static bool string_or_absent(const json_value& v) noexcept { return !v || v.kind() == json_kind::string; }

  // true: added; false: skipped (not an HMAC signing key).
  result<bool> add(const json_value& jwk, jwt_alg default_alg, short_secret policy, jwk_fault& f) noexcept {
    if (jwk.kind() != json_kind::object) return refuse(f, "a key is not a JSON object");
    const json_value kty = jwk.find("kty"), use = jwk.find("use"), alg = jwk.find("alg"), k = jwk.find("k"),
                     kid_value = jwk.find("kid");
    f.kid = kid_value.kind() == json_kind::string ? detail::json_string_body(kid_value.raw()) : std::string_view();
    if (kty.kind() != json_kind::string) return refuse(f, "kty is missing or not a string");
    if (!string_or_absent(kid_value)) return refuse(f, "kid is not a string");
    if (!string_or_absent(alg)) return refuse(f, "alg is not a string");
    if (!string_or_absent(use)) return refuse(f, "use is not a string");
    if (!kty.string_equals("oct") || (use && !use.string_equals("sig"))) return false;
    const result<jwt_alg> bound = alg ? detail::alg_of(alg) : result<jwt_alg>(default_alg);
    if (!bound) return false;  // an oct key for another algorithm (A128KW, ...)
    if (k.kind() != json_kind::string) return refuse(f, "an oct key without a string k");
    if (count_ == max_keys) return refuse(f, too_many_keys);
    const result<std::size_t> kid_size = kid_value ? kid_value.decode_string(kids_[count_], max_kid_size) : result<std::size_t>(0);
    if (!kid_size) return refuse(f, "kid is longer than jwk_keys::max_kid_size");

    // k: base64url of the secret, decoded in constant time; both wiped after.
    char text[base64url_encoded_size(max_secret_size)];
    std::uint8_t secret[max_secret_size];
    const result<std::size_t> text_size = k.decode_string(text, sizeof(text));
    const result<std::size_t> secret_size =
        text_size ? base64url_decode_into(std::string_view(text, *text_size), secret, sizeof(secret))
                  : result<std::size_t>(error::buffer_too_small);
    wipe(text);
    if (!secret_size) {
      wipe(secret);
      if (secret_size.error() == error::buffer_too_small) return refuse(f, "k is longer than jwk_keys::max_secret_size");
      f.problem = "k is not strict base64url";
      return secret_size.error();
    }
    jwt_key* key = new (&slots_[count_].key)
        jwt_key(*bound, std::string_view(reinterpret_cast<const char*>(secret), *secret_size), policy);
    wipe(secret);
    if (const result<void> usable = key->usable(); !usable) {
      key->~jwt_key();
      f.problem = "k is shorter than its algorithm's hash (32, 48, 64 bytes for HS256, HS384, HS512)";
      return usable.error();
    }
    kid_sizes_[count_] = *kid_size;
    set_.add(*key, kid(count_));
    ++count_;
    return true;
  }

  union slot {
    slot() noexcept {}
    ~slot() {}
    jwt_key key;
  };
  slot slots_[max_keys];
  char kids_[max_keys][max_kid_size] = {};
  std::size_t kid_sizes_[max_keys] = {};
  std::size_t count_ = 0;
  jwt_key_set set_;
};

// The RFC 7638 thumbprint of an oct key whose k is `k_base64url`: the
// base64url SHA-256 of {"k":"...","kty":"oct"}, a customary kid.
inline std::array<char, 43> jwk_thumbprint_oct(std::string_view k_base64url) noexcept {
  sha256_hasher hasher;
  hasher.update(R"({"k":")");
  hasher.update(k_base64url);
  hasher.update(R"(","kty":"oct"})");
  const sha256_digest digest = hasher.finish();
  std::array<char, 43> out = {};
  base64url_encode_public_into(digest.data(), digest.size(), out.data(), out.size());
  return out;
}

}  // namespace jwtcore

#endif  // JWTCORE_JWK_HPP
