// jwtcore/sign.hpp: HS256/384/512 signing (RFC 7519, JWS compact form of RFC 7515) of
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

// The length of a token of these segments (the payload as JSON bytes);
// SIZE_MAX when no buffer could hold it.
constexpr std::size_t signed_size(std::size_t header_size, std::size_t payload_json_size,
                                  std::size_t signature_size) noexcept {
  constexpr std::size_t max = static_cast<std::size_t>(-1);
  const std::size_t payload = base64url_encoded_size(payload_json_size);
  if (header_size > max - 2 - signature_size) return max;
  const std::size_t fixed = header_size + 2 + signature_size;
  return payload > max - fixed ? max : payload + fixed;
}

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

// Writes the header segment of `alg` (the constant one, or one carrying kid) at out[0).
inline result<std::size_t> write_header(jwt_alg alg, standard_header, char* out, std::size_t capacity) noexcept {
  const std::string_view segment = standard_header_segment(alg);
  if (capacity < segment.size()) return error::buffer_too_small;
  std::memcpy(out, segment.data(), segment.size());
  return segment.size();
}
inline result<std::size_t> write_header(jwt_alg alg, const sign_options& options, char* out,
                                        std::size_t capacity) noexcept {
  if (options.kid.empty()) return write_header(alg, standard_header{}, out, capacity);
  const std::size_t at = in_place_json_offset(capacity);
  json_writer w(out + at, capacity - at);
  w.begin_object().key("alg"sv).string(alg_name(alg)).key("typ"sv).string("JWT"sv);
  w.key("kid"sv).string(options.kid).end_object();
  const result<std::size_t> json = w.finish();
  if (!json) return json.error();
  // Room for the smallest token after it, which also keeps the encoding
  // behind its input (see in_place_json_offset).
  const std::size_t length = base64url_encoded_size(*json);
  if (signed_size(length, 0, signature_segment_size(alg)) > capacity) return error::buffer_too_small;
  base64url_encode_public_unchecked(out + at, *json, out);
  return length;
}

// A token about to be signed: header segment and dot in out[0, prefix), the
// payload JSON at json (maybe in `out` itself); the token is known to fit.
struct prepared_token {
  const char* json = nullptr;
  std::size_t json_size = 0;
  std::size_t prefix = 0;
};

// Encodes the payload behind the prefix; returns the signing input's length.
constexpr std::size_t encode_payload(char* out, const prepared_token& prepared) noexcept {
  base64url_encode_public_unchecked(prepared.json, prepared.json_size, out + prepared.prefix);
  return prepared.prefix + base64url_encoded_size(prepared.json_size);
}

// Appends '.' and the signature of mac[0, mac_bytes) (encoded in constant
// time: until the caller has it, the MAC is secret), wipes the whole array (a
// constant size: vector stores, not a string store), returns the token's length.
template <std::size_t N>
constexpr std::size_t append_signature(char* out, std::size_t signing_input, std::uint8_t (&mac)[N],
                                       std::size_t mac_bytes) noexcept {
  const std::size_t signature_size = base64url_encoded_size(mac_bytes);
  out[signing_input] = '.';
  base64url_encode_into(mac, mac_bytes, out + signing_input + 1, signature_size);
  wipe(mac);
  return signing_input + 1 + signature_size;
}

}  // namespace detail

// The length of the token for a payload of this many JSON bytes under the
// standard header of `alg` (no kid); SIZE_MAX when no buffer could hold it.
constexpr std::size_t token_size(jwt_alg alg, std::size_t payload_json_size) noexcept {
  return detail::signed_size(standard_header_segment(alg).size(), payload_json_size, signature_segment_size(alg));
}
constexpr std::size_t hs256_token_size(std::size_t payload_json_size) noexcept {
  return token_size(jwt_alg::hs256, payload_json_size);
}

// Signs header and payload JSON exactly as given, with no checks at all: the
// HS256 primitive under the checked functions, usable in constant expressions
// (it reproduces RFC 7515 appendix A.1, whose header is not the standard one).
constexpr result<std::size_t> sign_hs256_raw(const hmac_sha256_midstates& key, std::string_view header_json,
                                             std::string_view payload_json, char* out, std::size_t capacity) noexcept {
  const std::size_t header = base64url_encoded_size(header_json.size());
  if (detail::signed_size(header, payload_json.size(), hs256_signature_segment_size) > capacity) {
    return error::buffer_too_small;
  }
  detail::base64url_encode_public_unchecked(header_json.data(), header_json.size(), out);
  out[header] = '.';
  const std::size_t signing_input = detail::encode_payload(out, {payload_json.data(), payload_json.size(), header + 1});
  std::uint8_t mac[sha256_digest_size] = {};
  detail::hmac_oneshot(key, out, signing_input, mac);
  return detail::append_signature(out, signing_input, mac, sizeof(mac));
}

// Signs `payload_json`, byte for byte, under {"alg":"HS...","typ":"JWT"} of the
// key's algorithm (plus kid when given) into out[0, capacity); returns the
// token's length. json_validate_object first checks one JSON object in valid
// UTF-8 within the default json_limits (bad_payload or the reader's error),
// before the key's, a kid's and buffer_too_small. On failure out holds no MAC. No heap.
JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, std::string_view payload_json, char* out,
                                                  std::size_t capacity, const sign_options& options) noexcept;
JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, std::string_view payload_json, char* out,
                                                  std::size_t capacity) noexcept;

// Signs a claim set, its JSON written into `out` itself and encoded in place.
JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, const claims& claim_set, char* out,
                                                  std::size_t capacity, const sign_options& options) noexcept;
JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, const claims& claim_set, char* out,
                                                  std::size_t capacity) noexcept;

#if JWTCORE_STD_STRING
// The std::string conveniences (they allocate).
JWTCORE_ENTRY_POINT result<std::string> sign(const jwt_key& key, std::string_view payload_json,
                                             const sign_options& options = {});
JWTCORE_ENTRY_POINT result<std::string> sign(const jwt_key& key, const claims& claim_set,
                                             const sign_options& options = {});
#endif  // JWTCORE_STD_STRING

// ---- batches ---------------------------------------------------------------------

// One token of a batch: what to sign, where the token goes, what came of it.
struct text_job {
  std::string_view payload_json;
  char* out = nullptr;
  std::size_t capacity = 0;
  result<std::size_t> token_size = error::buffer_too_small;  // set by sign_batch
};

// The same from a claim set, which must outlive the call.
struct claims_job {
  const claims* claim_set = nullptr;
  char* out = nullptr;
  std::size_t capacity = 0;
  result<std::size_t> token_size = error::buffer_too_small;  // set by sign_batch
};

// Signs `count` jobs under one key (and kid) exactly as sign_into would, each
// job's token_size its length or its own error; returns the number signed. No
// heap. HS256 tokens are hashed up to three at a time on the multi-stream
// block function, whose streams SHA-NI and ARMv8 interleave.
JWTCORE_ENTRY_POINT std::size_t sign_batch(const jwt_key& key, text_job* jobs, std::size_t count,
                                           const sign_options& options = {}) noexcept;
JWTCORE_ENTRY_POINT std::size_t sign_batch(const jwt_key& key, claims_job* jobs, std::size_t count,
                                           const sign_options& options = {}) noexcept;

// ---- the HS256 names of the first release ------------------------------------------
using hs256_text_job = text_job;
using hs256_claims_job = claims_job;

inline result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                           std::size_t capacity, const sign_options& options) noexcept {
  return sign_into(key, payload_json, out, capacity, options);
}
inline result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                           std::size_t capacity) noexcept {
  return sign_into(key, payload_json, out, capacity);
}
inline result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                           std::size_t capacity, const sign_options& options) noexcept {
  return sign_into(key, claim_set, out, capacity, options);
}
inline result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                           std::size_t capacity) noexcept {
  return sign_into(key, claim_set, out, capacity);
}
#if JWTCORE_STD_STRING
inline result<std::string> sign_hs256(const hs256_key& key, std::string_view payload_json,
                                      const sign_options& options = {}) {
  return sign(key, payload_json, options);
}
inline result<std::string> sign_hs256(const hs256_key& key, const claims& claim_set, const sign_options& options = {}) {
  return sign(key, claim_set, options);
}
#endif  // JWTCORE_STD_STRING
inline std::size_t sign_hs256_batch(const hs256_key& key, text_job* jobs, std::size_t count,
                                    const sign_options& options = {}) noexcept {
  return sign_batch(key, jobs, count, options);
}
inline std::size_t sign_hs256_batch(const hs256_key& key, claims_job* jobs, std::size_t count,
                                    const sign_options& options = {}) noexcept {
  return sign_batch(key, jobs, count, options);
}

// ---- the entry points' definitions (see JWTCORE_SEPARATE_COMPILATION) --------------
#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// The header and the dot for a text payload; buffer_too_small unless the
// whole token fits.
template <class Header>
inline result<prepared_token> prepare(jwt_alg alg, std::string_view payload_json, char* out, std::size_t capacity,
                                      const Header& options) noexcept {
  if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
  const result<std::size_t> header = write_header(alg, options, out, capacity);
  if (!header) return header.error();
  if (signed_size(*header, payload_json.size(), signature_segment_size(alg)) > capacity) {
    return error::buffer_too_small;
  }
  out[*header] = '.';
  return prepared_token{payload_json.data(), payload_json.size(), *header + 1};
}

// The header, the dot and the claim set's JSON, which goes into `out` itself
// where the encoder can read it in place.
template <class Header>
inline result<prepared_token> prepare(jwt_alg alg, const claims& claim_set, char* out, std::size_t capacity,
                                      const Header& options) noexcept {
  const result<std::size_t> header = write_header(alg, options, out, capacity);
  if (!header) return header.error();
  if (*header == capacity) return error::buffer_too_small;
  out[*header] = '.';
  const std::size_t prefix = *header + 1;
  const std::size_t at = prefix + in_place_json_offset(capacity - prefix);
  const result<std::size_t> json = claim_set.write_json(out + at, capacity - at);
  if (!json) return json.error();
  if (signed_size(*header, *json, signature_segment_size(alg)) > capacity) return error::buffer_too_small;
  return prepared_token{out + at, *json, prefix};
}

// The whole pipeline for one prepared token; returns its length.
inline std::size_t sign_prepared(const jwt_key& key, char* out, const prepared_token& prepared) noexcept {
  const std::size_t signing_input = encode_payload(out, prepared);
  std::uint8_t mac[sha512_digest_size] = {};
  key.mac(out, signing_input, mac);
  return append_signature(out, signing_input, mac, mac_size(key.alg()));
}

template <class Payload, class Header>
inline result<std::size_t> sign_one(const jwt_key& key, const Payload& payload, char* out, std::size_t capacity,
                                    const Header& options) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
  const result<prepared_token> prepared = prepare(key.alg(), payload, out, capacity, options);
  if (!prepared) return prepared.error();
  return sign_prepared(key, out, *prepared);
}

// Signs the HS256 jobs `group[0, count)`, encoded up to `input`, side by side.
template <class Job>
inline void sign_group(const hmac_sha256_midstates& key, Job* const (&group)[3], const std::size_t (&input)[3],
                       std::size_t count) noexcept {
  std::uint8_t mac[3][sha256_digest_size] = {};
  hmac_sha256_oneshot_each(key, count,
                           {group[0]->out, count > 1 ? group[1]->out : nullptr, count > 2 ? group[2]->out : nullptr},
                           input, {mac[0], mac[1], mac[2]});
  for (std::size_t k = 0; k < count; ++k) {
    group[k]->token_size = append_signature(group[k]->out, input[k], mac[k], sha256_digest_size);
  }
}

// The batch driver: each job prepared and encoded, HS256 ones hashed three
// at a time in order, those of other algorithms alone; a failed job sets only
// its own result.
template <class Job, class Prepare>
inline std::size_t sign_jobs(const jwt_key& key, Job* jobs, std::size_t count, Prepare&& prepare_job) noexcept {
  if (const result<void> usable = key.usable(); !usable) {
    for (std::size_t i = 0; i < count; ++i) jobs[i].token_size = usable.error();
    return 0;
  }
  const hmac_sha256_midstates* const midstates = hs256_midstates(key);
  Job* group[3] = {};  // encoded, waiting to be hashed together
  std::size_t input[3] = {}, waiting = 0, signed_count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    Job& job = jobs[i];
    const result<prepared_token> prepared = prepare_job(job);
    if (!prepared) {
      job.token_size = prepared.error();
      continue;
    }
    ++signed_count;
    if (midstates == nullptr) {
      job.token_size = sign_prepared(key, job.out, *prepared);
      continue;
    }
    group[waiting] = &job;
    input[waiting] = encode_payload(job.out, *prepared);
    if (++waiting == 3) {
      sign_group(*midstates, group, input, waiting);
      waiting = 0;
    }
  }
  if (waiting != 0) sign_group(*midstates, group, input, waiting);
  return signed_count;
}

}  // namespace detail

JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, std::string_view payload_json, char* out,
                                                  std::size_t capacity, const sign_options& options) noexcept {
  return detail::sign_one(key, payload_json, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, std::string_view payload_json, char* out,
                                                  std::size_t capacity) noexcept {
  return detail::sign_one(key, payload_json, out, capacity, detail::standard_header{});
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, const claims& claim_set, char* out,
                                                  std::size_t capacity, const sign_options& options) noexcept {
  return detail::sign_one(key, claim_set, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_into(const jwt_key& key, const claims& claim_set, char* out,
                                                  std::size_t capacity) noexcept {
  return detail::sign_one(key, claim_set, out, capacity, detail::standard_header{});
}

#if JWTCORE_STD_STRING
JWTCORE_ENTRY_POINT result<std::string> sign(const jwt_key& key, std::string_view payload_json,
                                             const sign_options& options) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_into(key, payload_json, out, capacity, options); },
      token_size(key.alg(), payload_json.size()) + 2 * options.kid.size() + 64);
}

JWTCORE_ENTRY_POINT result<std::string> sign(const jwt_key& key, const claims& claim_set,
                                             const sign_options& options) {
  return detail::fill_string(
      [&](char* out, std::size_t capacity) { return sign_into(key, claim_set, out, capacity, options); }, 512);
}
#endif  // JWTCORE_STD_STRING

JWTCORE_ENTRY_POINT std::size_t sign_batch(const jwt_key& key, text_job* jobs, std::size_t count,
                                           const sign_options& options) noexcept {
  return detail::sign_jobs(key, jobs, count, [&](const text_job& job) {
    return detail::prepare(key.alg(), job.payload_json, job.out, job.capacity, options);
  });
}

JWTCORE_ENTRY_POINT std::size_t sign_batch(const jwt_key& key, claims_job* jobs, std::size_t count,
                                           const sign_options& options) noexcept {
  return detail::sign_jobs(key, jobs, count, [&](const claims_job& job) {
    if (job.claim_set == nullptr) return result<detail::prepared_token>(error::bad_payload);
    return detail::prepare(key.alg(), *job.claim_set, job.out, job.capacity, options);
  });
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_SIGN_HPP
