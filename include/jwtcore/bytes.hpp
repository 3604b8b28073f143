// jwtcore/bytes.hpp: the ground floor. Errors as values (error, result<T>),
// a constant-time comparison and a wipe the optimizer cannot drop.
// No heap, no exceptions, no OS calls; everything above builds on this.
#ifndef JWTCORE_BYTES_HPP
#define JWTCORE_BYTES_HPP

#include <array>        // wipe() of std::array (with std::data, std::size)
#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t
#include <cstring>      // std::memset, for the run-time wipe
#include <string_view>  // error names and messages
#include <type_traits>  // wipe() takes integers only
#include <utility>      // std::move in result<T>

#include "config.hpp"

namespace jwtcore {

// "text"sv in the library's code: a std::string_view made from a bare literal
// calls strlen at run time where builtins are off (-ffreestanding), which
// would link it into bare-metal images, and is measured a character at a time
// in constant evaluation, which every unit that parses a table of them pays.
using namespace std::string_view_literals;

// Every way an operation of the library can fail, each explained below. The
// names are stable (printed, matched by callers, documented); new ones are appended.
enum class error : std::uint8_t {
  buffer_too_small, key_too_short, bad_base64url_char, bad_base64url_length, bad_base64url_padding,
  bad_base64url_trailing_bits, bad_utf8, bad_json, bad_escape, duplicate_member, too_deep, json_writer_misuse,
  malformed_scope, current_user_scope, unknown_scope, too_many_scopes, bad_payload, too_large, malformed, bad_header,
  alg_not_allowed, crit_unsupported, unknown_kid, no_key, bad_signature, bad_claim, expired, not_yet_valid,
  issued_in_future, wrong_audience, wrong_issuer, missing_scope, revoked, too_many_claims, missing_exp, bad_jwk,
};

namespace detail {
struct error_text {
  std::string_view name, message;
};
// In the order of the enumerators.
inline constexpr error_text error_texts[] = {
    {"buffer_too_small"sv, "the output buffer is too small for the result"sv},
    {"key_too_short"sv,
     "the secret is shorter than its algorithm's hash (32 bytes for HS256, 48 for HS384, 64 for HS512; RFC 7518 section 3.2); short secrets need an explicit opt-in"sv},
    {"bad_base64url_char"sv, "base64url text may hold only A-Z a-z 0-9 '-' '_' (no '+', '/', whitespace or other bytes)"sv},
    {"bad_base64url_length"sv, "base64url text whose length is 1 more than a multiple of 4 encodes no byte string"sv},
    {"bad_base64url_padding"sv, "base64url text in a JWT is unpadded: '=' is not allowed"sv},
    {"bad_base64url_trailing_bits"sv,
     "the unused low bits of the last base64url character are not zero (non-canonical encoding)"sv},
    {"bad_utf8"sv,
     "a string is not valid UTF-8 (overlong form, surrogate, code point above U+10FFFF, or truncated sequence)"sv},
    {"bad_json"sv, "the JSON text does not follow RFC 8259"sv},
    {"bad_escape"sv, "a JSON string has an invalid escape or a \\u escape of a lone surrogate"sv},
    {"duplicate_member"sv, "a JSON object names the same member twice"sv},
    {"too_deep"sv, "the JSON nesting is deeper than the limit"sv},
    {"json_writer_misuse"sv,
     "the JSON writer was called out of order (a value where a member name belongs, a close without an open, or nesting deeper than the writer holds)"sv},
    {"malformed_scope"sv,
     "a scope must be action:entity, each side lower-case letters, digits and '_', with exactly one ':'"sv},
    {"current_user_scope"sv,
     "scopes about the signed-in user (read:current_user, update:current_user_metadata, ...) belong in that user's own token and make no sense in a server-side token"sv},
    {"unknown_scope"sv, "the scope is not a known Management API scope"sv},
    {"too_many_scopes"sv, "there are more scopes than the scope set can hold"sv},
    {"bad_payload"sv, "the payload is not a single JSON object in valid UTF-8"sv},
    {"too_large"sv, "the token is longer than the size limit"sv},
    {"malformed"sv, "a JWT in compact form is exactly three segments separated by two dots"sv},
    {"bad_header"sv, "the header is not a JSON object with a string alg (and string typ and kid, when present)"sv},
    {"alg_not_allowed"sv,
     "the header's alg is not the algorithm of a key that could verify the token (a key is bound to one of HS256, HS384, HS512)"sv},
    {"crit_unsupported"sv, "the header lists critical extensions (crit), and none is understood"sv},
    {"unknown_kid"sv, "the header's kid names no key of the key set"sv},
    {"no_key"sv, "no key to verify with"sv},
    {"bad_signature"sv, "the signature does not match the header and payload under any key"sv},
    {"bad_claim"sv,
     "a registered claim (exp, nbf, iat, aud, iss, sub, jti, scope) has the wrong type or an out-of-range value"sv},
    {"expired"sv, "the token has expired"sv},
    {"not_yet_valid"sv, "the token is not valid yet (nbf is in the future)"sv},
    {"issued_in_future"sv, "the token was issued in the future (iat is after now)"sv},
    {"wrong_audience"sv, "the token's aud does not contain the expected audience"sv},
    {"wrong_issuer"sv, "the token's iss is not the expected issuer"sv},
    {"missing_scope"sv, "the token does not grant a required scope"sv},
    {"revoked"sv, "the token's (aud, jti) is on the deny list"sv},
    {"too_many_claims"sv, "there are more custom claims than the claim set can hold"sv},
    {"missing_exp"sv, "the token has no exp (expiry) claim, and tokens without one are refused unless explicitly allowed"sv},
    {"bad_jwk"sv, "the JWK or JWK Set is not of the shape RFC 7517 gives it (a \"keys\" array of objects; kty, k, kid, alg, use strings)"sv},
};
inline constexpr std::size_t error_count = sizeof(error_texts) / sizeof(error_texts[0]);
static_assert(error_count == static_cast<std::size_t>(error::bad_jwk) + 1, "one text per error");

constexpr error_text text_of(error e) noexcept {
  const auto i = static_cast<std::size_t>(e);
  return i < error_count ? error_texts[i] : error_text{"unknown_error"sv, "unknown error"sv};
}
}  // namespace detail

// The stable name of an error, e.g. "bad_base64url_char".
constexpr std::string_view to_string(error e) noexcept { return detail::text_of(e).name; }

// One sentence for a person: what was wrong and, where it helps, what to do.
constexpr std::string_view message(error e) noexcept { return detail::text_of(e).message; }

// A T or an error; never throws. T is always constructed, so the value of a
// failed result is a default T rather than undefined behaviour.
template <class T>
class result {
 public:
  constexpr result(T value) noexcept(noexcept(T(std::move(value))))  // NOLINT: implicit by design
      : value_(std::move(value)), error_(), ok_(true) {}
  constexpr result(jwtcore::error e) noexcept(noexcept(T())) : value_(), error_(e), ok_(false) {}  // NOLINT

  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr bool has_value() const noexcept { return ok_; }
  constexpr const T& operator*() const& noexcept { return value_; }
  constexpr T& operator*() & noexcept { return value_; }
  constexpr T&& operator*() && noexcept { return std::move(value_); }
  constexpr const T* operator->() const noexcept { return &value_; }
  constexpr T* operator->() noexcept { return &value_; }
  // The error of a failed result; meaningless (the first enumerator) on success.
  constexpr jwtcore::error error() const noexcept { return error_; }

 private:
  T value_;
  jwtcore::error error_;
  bool ok_;
};

// The result of an operation that yields nothing but may fail.
template <>
class result<void> {
 public:
  constexpr result() noexcept : error_(), ok_(true) {}
  constexpr result(jwtcore::error e) noexcept : error_(e), ok_(false) {}  // NOLINT: implicit by design

  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr bool has_value() const noexcept { return ok_; }
  constexpr jwtcore::error error() const noexcept { return error_; }

 private:
  jwtcore::error error_;
  bool ok_;
};

namespace detail {
// s[pos, pos + count) clamped to s: std::string_view::substr without its
// throwing path, which embedded builds must not link.
constexpr std::string_view slice(std::string_view s, std::size_t pos,
                                 std::size_t count = std::string_view::npos) noexcept {
  if (pos > s.size()) pos = s.size();
  const std::size_t rest = s.size() - pos;
  return std::string_view(s.data() + pos, count < rest ? count : rest);
}

// Hides a value from the optimizer so that branch-free code stays branch-free:
// without it a compiler may turn an accumulated difference into an early exit.
// (The asm lives in a plain function: C++17 forbids it inside a constexpr one.)
inline std::uint32_t value_barrier(std::uint32_t v) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+r"(v));
#endif
  return v;
}

// A secret-derived verdict the caller is about to branch on, made public (JWTCORE_DECLASSIFY).
inline std::uint32_t declassify_at_run_time(std::uint32_t v) noexcept {
  JWTCORE_DECLASSIFY(&v, sizeof(v));
  return v;
}
constexpr std::uint32_t declassify(std::uint32_t v) noexcept {
  return detail::is_constant_evaluated() ? v : declassify_at_run_time(v);
}
}  // namespace detail

// Compares n bytes in time that depends on n only: no early exit, no branch on
// the contents. Use it for MACs and anything else derived from a secret.
constexpr bool ct_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) noexcept {
  std::uint32_t diff = 0;
  for (std::size_t i = 0; i < n; ++i) diff |= static_cast<std::uint32_t>(a[i] ^ b[i]);
  if (!detail::is_constant_evaluated()) diff = detail::value_barrier(diff);
  // diff is 0..255; (diff - 1) >> 8 is all ones exactly when diff == 0.
  return ((diff - 1u) >> 8) & 1u;
}

// Overwrites n bytes with zeros in a way the optimizer may not remove, even when
// the memory is about to be freed or go out of scope.
inline void secure_wipe(void* p, std::size_t n) noexcept {
  if (n == 0) return;
#if defined(__GNUC__) || defined(__clang__)
  std::memset(p, 0, n);
  // The asm claims to read the memory, so the stores above must happen.
  __asm__ __volatile__("" : : "r"(p) : "memory");
#else
  volatile std::uint8_t* v = static_cast<volatile std::uint8_t*>(p);
  for (std::size_t i = 0; i < n; ++i) v[i] = 0;
#endif
}

// Wipes of integers and arrays of them that also work in constant expressions
// (plain stores there); a struct gets its own overload next to it.
template <class T>
constexpr void wipe(T* data, std::size_t count) noexcept {
  static_assert(std::is_integral_v<T>, "wipe() zeroes integers; give a struct its own wipe overload");
  if (detail::is_constant_evaluated()) {
    for (std::size_t i = 0; i < count; ++i) data[i] = 0;
  } else {
    secure_wipe(data, count * sizeof(T));
  }
}
// One integer, a built-in array or a std::array of them.
template <class T>
constexpr void wipe(T& object) noexcept {
  if constexpr (std::is_integral_v<T>) {
    wipe(&object, 1);
  } else {
    wipe(std::data(object), std::size(object));
  }
}

}  // namespace jwtcore

#endif  // JWTCORE_BYTES_HPP
