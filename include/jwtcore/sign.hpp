// jwtcore/sign.hpp: HS256 signing (RFC 7519, JWS compact form of RFC 7515) of
// payload text or a claim set, one token or a batch. One straight pipeline:
// header segment and payload base64url into the output, one HMAC over that
// signing input with the key's midstates, the signature appended. No heap.
#ifndef JWTCORE_SIGN_HPP
#define JWTCORE_SIGN_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t
#include <cstring>      // std::memcpy: the constant header
#include <string_view>  // payloads

#include "base64url.hpp"
#include "bytes.hpp"
#include "claims.hpp"
#include "hmac.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "key.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

struct sign_options {
  // When not empty, the header carries "kid" (the name of the key, for
  // verifiers that hold several): {"alg":"HS256","typ":"JWT","kid":"..."}.
  std::string_view kid;
};

namespace detail {

// The size of a token with a header segment of header_size characters and a
// payload of payload_json_size bytes; SIZE_MAX when no buffer could hold it.
constexpr std::size_t hs256_signed_size(std::size_t header_size, std::size_t payload_json_size) noexcept {
  constexpr std::size_t max = static_cast<std::size_t>(-1);
  const std::size_t payload = base64url_encoded_size(payload_json_size);
  if (header_size > max - 2 - hs256_signature_segment_size) return max;
  const std::size_t fixed = header_size + 2 + hs256_signature_segment_size;
  return payload > max - fixed ? max : payload + fixed;
}

}  // namespace detail

// The length of the token for a payload of this many JSON bytes under the
// standard header (no kid); SIZE_MAX when no buffer could hold it.
constexpr std::size_t hs256_token_size(std::size_t payload_json_size) noexcept {
  return detail::hs256_signed_size(hs256_header_segment.size(), payload_json_size);
}

namespace detail {

// Where JSON goes that is to be base64url-encoded, in place, to the start of a
// region of `room` bytes. By byte i the encoder has gained i / 3 on its input,
// plus at most 4 within a (vector) step; whenever the token fits, the JSON is
// under 3/4 of the room less 33 bytes, so a gap of a quarter plus 16 keeps the
// encoder behind what it has not read, and the JSON fits the rest.
constexpr std::size_t in_place_json_offset(std::size_t room) noexcept {
  const std::size_t offset = room / 4 + 16;
  return offset < room ? offset : room;
}

// The header of the signing functions called without sign_options: a type of
// its own, so that they never reference (nor link) the JSON writer of kid.
struct standard_header {};

// Writes the header segment (the constant one, or one carrying kid) at out[0).
constexpr result<std::size_t> write_hs256_header(standard_header, char* out, std::size_t capacity) noexcept {
  const std::size_t size = hs256_header_segment.size();
  if (capacity < size) return error::buffer_too_small;
  if (detail::is_constant_evaluated()) {
    for (std::size_t i = 0; i < size; ++i) out[i] = hs256_header_segment[i];
  } else {
    std::memcpy(out, hs256_header_segment.data(), size);
  }
  return size;
}
constexpr result<std::size_t> write_hs256_header(const sign_options& options, char* out, std::size_t capacity) noexcept {
  if (options.kid.empty()) return write_hs256_header(standard_header{}, out, capacity);
  const std::size_t at = in_place_json_offset(capacity);
  json_writer w(out + at, capacity - at);
  w.begin_object().key("alg"sv).string("HS256"sv).key("typ"sv).string("JWT"sv);
  w.key("kid"sv).string(options.kid).end_object();
  const result<std::size_t> json = w.finish();
  if (!json) return json.error();
  // Room for the smallest token after it, which also keeps the encoding
  // behind its input (see in_place_json_offset).
  const std::size_t length = base64url_encoded_size(*json);
  if (hs256_signed_size(length, 0) > capacity) return error::buffer_too_small;
  base64url_encode_public_unchecked(out + at, *json, out, *json);
  return length;
}

// A token about to be signed: header segment and dot in out[0, prefix), the
// payload JSON at json (maybe in `out` itself); the token is known to fit.
struct hs256_prepared {
  const char* json = nullptr;
  std::size_t json_size = 0;
  std::size_t prefix = 0;
};

// Encodes the payload behind the prefix; returns the signing input's length.
constexpr std::size_t hs256_encode_payload(char* out, const hs256_prepared& prepared) noexcept {
  base64url_encode_public_unchecked(prepared.json, prepared.json_size, out + prepared.prefix, prepared.json_size);
  return prepared.prefix + base64url_encoded_size(prepared.json_size);
}

// Appends '.' and the signature (encoded in constant time: until the caller
// has it, the MAC is secret), wipes the MAC, returns the token's length.
constexpr std::size_t hs256_append_signature(char* out, std::size_t signing_input, std::uint8_t* mac) noexcept {
  out[signing_input] = '.';
  base64url_encode_into(mac, sha256_digest_size, out + signing_input + 1, hs256_signature_segment_size);
  wipe(mac, sha256_digest_size);
  return signing_input + 1 + hs256_signature_segment_size;
}

// The whole pipeline for one prepared token; returns its length.
constexpr std::size_t hs256_sign_prepared(const hmac_sha256_midstates& key, char* out,
                                          const hs256_prepared& prepared) noexcept {
  const std::size_t signing_input = hs256_encode_payload(out, prepared);
  std::uint8_t mac[sha256_digest_size] = {};
  hmac_sha256_oneshot(key, out, signing_input, mac);
  return hs256_append_signature(out, signing_input, mac);
}

}  // namespace detail

// Signs header and payload JSON exactly as given, with no checks at all: the
// primitive under the checked functions, usable in constant expressions (it
// reproduces RFC 7515 appendix A.1, whose header is not the standard one).
constexpr result<std::size_t> sign_hs256_raw(const hmac_sha256_midstates& key, std::string_view header_json,
                                             std::string_view payload_json, char* out, std::size_t capacity) noexcept {
  const std::size_t header = base64url_encoded_size(header_json.size());
  if (detail::hs256_signed_size(header, payload_json.size()) > capacity) return error::buffer_too_small;
  detail::base64url_encode_public_unchecked(header_json.data(), header_json.size(), out, header_json.size());
  out[header] = '.';
  return detail::hs256_sign_prepared(key, out, {payload_json.data(), payload_json.size(), header + 1});
}

// Signs `payload_json`, byte for byte, under {"alg":"HS256","typ":"JWT"}
// (plus kid when given) into out[0, capacity); returns the token's length.
// json_validate_object first checks one JSON object in valid UTF-8 within the
// default json_limits (bad_payload or the reader's error), before a kid's
// error and buffer_too_small. On failure out holds no MAC. No heap.
JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept;

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity) noexcept;

// Signs a claim set, its JSON written into `out` itself and encoded in place.
JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept;

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity) noexcept;

#if JWTCORE_STD_STRING
// The std::string conveniences (they allocate).
JWTCORE_ENTRY_POINT result<std::string> sign_hs256(const hs256_key& key, std::string_view payload_json,
                                                   const sign_options& options = {});

JWTCORE_ENTRY_POINT result<std::string> sign_hs256(const hs256_key& key, const claims& claim_set,
                                                   const sign_options& options = {});
#endif  // JWTCORE_STD_STRING

// ---- batches ---------------------------------------------------------------------

// One token of a batch: what to sign, where the token goes, what came of it.
struct hs256_text_job {
  std::string_view payload_json;
  char* out = nullptr;
  std::size_t capacity = 0;
  result<std::size_t> token_size = error::buffer_too_small;  // set by sign_hs256_batch
};

// The same from a claim set, which must outlive the call.
struct hs256_claims_job {
  const claims* claim_set = nullptr;
  char* out = nullptr;
  std::size_t capacity = 0;
  result<std::size_t> token_size = error::buffer_too_small;  // set by sign_hs256_batch
};

// Signs `count` jobs under one key (and kid) exactly as sign_hs256_into would,
// each job's token_size its length or its own error. Tokens are hashed two at
// a time on the two-stream block function, which SHA-NI and ARMv8 interleave.
// Returns the number signed. No heap.
JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_text_job* jobs, std::size_t count,
                                                 const sign_options& options = {}) noexcept;

JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_claims_job* jobs, std::size_t count,
                                                 const sign_options& options = {}) noexcept;

// ---- the entry points' definitions (see JWTCORE_SEPARATE_COMPILATION) --------------
#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// The header and the dot for a text payload; buffer_too_small unless the
// whole token fits.
template <class Header>
constexpr result<hs256_prepared> hs256_prepare(std::string_view payload_json, char* out, std::size_t capacity,
                                                    const Header& options) noexcept {
  if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
  const result<std::size_t> header = write_hs256_header(options, out, capacity);
  if (!header) return header.error();
  if (hs256_signed_size(*header, payload_json.size()) > capacity) return error::buffer_too_small;
  out[*header] = '.';
  return hs256_prepared{payload_json.data(), payload_json.size(), *header + 1};
}

// The header, the dot and the claim set's JSON, which goes into `out` itself
// where the encoder can read it in place.
template <class Header>
constexpr result<hs256_prepared> hs256_prepare(const claims& claim_set, char* out, std::size_t capacity,
                                                      const Header& options) noexcept {
  const result<std::size_t> header = write_hs256_header(options, out, capacity);
  if (!header) return header.error();
  if (*header == capacity) return error::buffer_too_small;
  out[*header] = '.';
  const std::size_t prefix = *header + 1;
  const std::size_t at = prefix + in_place_json_offset(capacity - prefix);
  const result<std::size_t> json = claim_set.write_json(out + at, capacity - at);
  if (!json) return json.error();
  if (hs256_signed_size(*header, *json) > capacity) return error::buffer_too_small;
  return hs256_prepared{out + at, *json, prefix};
}

template <class Payload, class Header>
inline result<std::size_t> hs256_sign(const hs256_key& key, const Payload& payload, char* out, std::size_t capacity,
                                      const Header& options) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
  const result<hs256_prepared> prepared = hs256_prepare(payload, out, capacity, options);
  if (!prepared) return prepared.error();
  return hs256_sign_prepared(key.midstates(), out, *prepared);
}

// The batch driver: each job prepared and encoded, then hashed in pairs in
// order; a failed job sets only its own result; the odd one is hashed alone.
template <class Job, class Prepare>
inline std::size_t hs256_sign_batch(const hs256_key& key, Job* jobs, std::size_t count, Prepare&& prepare) noexcept {
  if (const result<void> usable = key.usable(); !usable) {
    for (std::size_t i = 0; i < count; ++i) jobs[i].token_size = usable.error();
    return 0;
  }
  Job* waiting = nullptr;  // encoded, waiting for a second one to hash with
  std::size_t waiting_input = 0;
  std::size_t signed_count = 0;
  std::uint8_t mac_a[sha256_digest_size] = {}, mac_b[sha256_digest_size] = {};
  for (std::size_t i = 0; i < count; ++i) {
    Job& job = jobs[i];
    const result<hs256_prepared> prepared = prepare(job);
    if (!prepared) {
      job.token_size = prepared.error();
      continue;
    }
    const std::size_t input = hs256_encode_payload(job.out, *prepared);
    if (waiting == nullptr) {
      waiting = &job;
      waiting_input = input;
      continue;
    }
    hmac_sha256_oneshot_x2(key.midstates(), waiting->out, waiting_input, job.out, input, mac_a, mac_b);
    waiting->token_size = hs256_append_signature(waiting->out, waiting_input, mac_a);
    job.token_size = hs256_append_signature(job.out, input, mac_b);
    waiting = nullptr;
    signed_count += 2;
  }
  if (waiting != nullptr) {
    hmac_sha256_oneshot(key.midstates(), waiting->out, waiting_input, mac_a);
    waiting->token_size = hs256_append_signature(waiting->out, waiting_input, mac_a);
    ++signed_count;
  }
  return signed_count;
}

}  // namespace detail

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept {
  return detail::hs256_sign(key, payload_json, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity) noexcept {
  return detail::hs256_sign(key, payload_json, out, capacity, detail::standard_header{});
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept {
  return detail::hs256_sign(key, claim_set, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity) noexcept {
  return detail::hs256_sign(key, claim_set, out, capacity, detail::standard_header{});
}

#if JWTCORE_STD_STRING
JWTCORE_ENTRY_POINT result<std::string> sign_hs256(const hs256_key& key, std::string_view payload_json,
                                                   const sign_options& options) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_hs256_into(key, payload_json, out, capacity, options); },
      hs256_token_size(payload_json.size()) + 2 * options.kid.size() + 64);
}

JWTCORE_ENTRY_POINT result<std::string> sign_hs256(const hs256_key& key, const claims& claim_set,
                                                   const sign_options& options) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_hs256_into(key, claim_set, out, capacity, options); }, 512);
}
#endif  // JWTCORE_STD_STRING

JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_text_job* jobs, std::size_t count,
                                                 const sign_options& options) noexcept {
  return detail::hs256_sign_batch(key, jobs, count, [&options](const hs256_text_job& job) {
    return detail::hs256_prepare(job.payload_json, job.out, job.capacity, options);
  });
}

JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_claims_job* jobs, std::size_t count,
                                                 const sign_options& options) noexcept {
  return detail::hs256_sign_batch(key, jobs, count, [&options](const hs256_claims_job& job) {
    if (job.claim_set == nullptr) return result<detail::hs256_prepared>(error::bad_payload);
    return detail::hs256_prepare(*job.claim_set, job.out, job.capacity, options);
  });
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_SIGN_HPP
