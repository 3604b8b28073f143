// jwtcore/jwt.hpp: HS256 JSON Web Tokens (RFC 7519, JWS compact form of
// RFC 7515): the key type, one-pass signing into a caller buffer or a string,
// batches signed two streams at a time, and the constant-time signature
// check. The buffer paths make no heap allocation.
#ifndef JWTCORE_JWT_HPP
#define JWTCORE_JWT_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::uint8_t, std::uint32_t, std::uint64_t
#include <cstring>      // std::memcpy: the constant header, the last partial block
#include <string_view>  // tokens, payloads and secrets

#include "base64url.hpp"
#include "bytes.hpp"
#include "claims.hpp"
#include "hmac.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

// RFC 7518 section 3.2: an HS256 key must be at least as long as the hash.
inline constexpr std::size_t hs256_min_secret_size = 32;

enum class short_secret {
  refuse,  // the default: a secret under 32 bytes fails with key_too_short
  allow,   // the explicit opt-in, for legacy systems that cannot rotate yet
};

// An HS256 key: the HMAC midstates of the secret and its length, wiped on
// destruction. Move-only; clone() makes an explicit copy.
class hs256_key {
 public:
  JWTCORE_ENTRY_POINT explicit hs256_key(std::string_view secret_bytes) noexcept;
  JWTCORE_ENTRY_POINT hs256_key(std::string_view secret_bytes, short_secret policy) noexcept;

  hs256_key(hs256_key&&) noexcept = default;
  hs256_key& operator=(hs256_key&&) noexcept = default;

  hs256_key clone() const noexcept { return hs256_key(key_.clone(), policy_); }

  // key_too_short when the secret is under 32 bytes and short ones were not allowed.
  result<void> usable() const noexcept {
    if (policy_ == short_secret::refuse && key_.secret_size() < hs256_min_secret_size) return error::key_too_short;
    return {};
  }
  std::size_t secret_size() const noexcept { return key_.secret_size(); }
  const hmac_sha256_midstates& midstates() const noexcept { return key_.midstates(); }

 private:
  hs256_key(hmac_sha256_key&& key, short_secret policy) noexcept : key_(static_cast<hmac_sha256_key&&>(key)), policy_(policy) {}
  hmac_sha256_key key_;
  short_secret policy_;
};

// {"alg":"HS256","typ":"JWT"}, encoded once.
inline constexpr std::string_view hs256_header_json = R"({"alg":"HS256","typ":"JWT"})";
inline constexpr std::string_view hs256_header_segment = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
inline constexpr std::size_t hs256_signature_segment_size = 43;  // base64url of 32 bytes

struct sign_options {
  // When not empty, the header carries "kid" (the name of the key, for
  // verifiers that hold several): {"alg":"HS256","typ":"JWT","kid":"..."}.
  std::string_view kid;
};

// The length of the token for a payload of this many JSON bytes under the
// standard header (no kid); SIZE_MAX when no buffer could hold it.
constexpr std::size_t hs256_token_size(std::size_t payload_json_size) noexcept {
  const std::size_t payload = base64url_encoded_size(payload_json_size);
  const std::size_t fixed = hs256_header_segment.size() + 2 + hs256_signature_segment_size;
  return payload > static_cast<std::size_t>(-1) - fixed ? static_cast<std::size_t>(-1) : payload + fixed;
}

namespace detail {

// The check of text that needs none: claims JSON, and text the reader passed.
struct json_no_check {
  constexpr bool advance(std::size_t) noexcept { return true; }
  constexpr bool finish() noexcept { return true; }
};

// ---- one token, one pass ----------------------------------------------------------------

// The size of a token with a header segment of header_size characters and a
// payload of payload_json_size bytes; SIZE_MAX when no buffer could hold it.
constexpr std::size_t hs256_signed_size(std::size_t header_size, std::size_t payload_json_size) noexcept {
  constexpr std::size_t max = static_cast<std::size_t>(-1);
  const std::size_t payload = base64url_encoded_size(payload_json_size);
  if (header_size > max - 2 - hs256_signature_segment_size) return max;
  const std::size_t fixed = header_size + 2 + hs256_signature_segment_size;
  return payload > max - fixed ? max : payload + fixed;
}

// Where JSON goes that is to be base64url-encoded forward to the start of a
// region of `room` bytes, without a second buffer and without moving it. The
// encoder writes 4 characters for every 3 bytes, so by byte i of the JSON it
// has gained i / 3 on its input, plus at most 4 within a step (a vector step
// reads 16 bytes and writes 16 characters, after reading). Whenever the token
// fits, the JSON is under 3/4 of the room less 33 bytes, so i / 3 + 4 stays
// under this gap of a quarter plus 16: the encoder never overwrites what it
// has not read; and the JSON then always fits the rest of the region.
constexpr std::size_t in_place_json_offset(std::size_t room) noexcept {
  const std::size_t offset = room / 4 + 16;
  return offset < room ? offset : room;
}

// n bytes, with memcpy at run time (a byte loop is what constant evaluation allows).
constexpr void copy_bytes(char* to, const char* from, std::size_t n) noexcept {
  if (JWTCORE_IS_CONSTANT_EVALUATED()) {
    for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
  } else if (n > 0) {
    std::memcpy(to, from, n);
  }
}

// The header of the signing functions called without sign_options: a type of
// its own, so that they never reference (nor link) the JSON writer of kid.
struct standard_header {};

// Writes the header segment (the constant one, or one carrying kid) at out[0).
constexpr result<std::size_t> write_hs256_header(standard_header, char* out, std::size_t capacity) noexcept {
  if (capacity < hs256_header_segment.size()) return error::buffer_too_small;
  copy_bytes(out, hs256_header_segment.data(), hs256_header_segment.size());
  return hs256_header_segment.size();
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

// Payload bytes whose base64url fills one SHA-256 block.
inline constexpr std::size_t hs256_piece_size = sha256_block_size / 4 * 3;

struct hs256_blocks {
  const char* data;
  std::size_t count;
};

// One token being signed in a single pass. The header segment and its dot are
// out[0, prefix) already; the payload JSON at json[0, json_size) is encoded
// into the token one block of text at a time, and every block of signing
// input is hashed as soon as it is complete, while it is still in L1 (the key's
// inner midstate stands for the key block). The last partial block is padded
// in tail_ (and last_, when the length needs a block of its own); tail_ then
// holds the outer block; the signature is appended last.
// The caller has checked that the token fits. The JSON may lie in `out`
// itself, ahead of the text (in_place_json_offset). Check is json_no_check or
// json_object_quick_check, advanced piece by piece ahead of the encoding.
// Trivially copyable; holds key-derived state until finish() or clear().
template <class Check>
class hs256_stream {
 public:
  constexpr hs256_stream(const hmac_sha256_midstates& key, char* out, std::size_t prefix, const char* json,
                         std::size_t json_size, Check& check) noexcept
      : check_(&check), out_(out), json_(json), written_(prefix), json_size_(json_size), inner_(key.inner),
        outer_(key.outer) {}

  constexpr bool payload_left() const noexcept { return read_ < json_size_; }

  // Encodes the next piece of the payload; false when the check gives up.
  constexpr bool encode_piece() noexcept {
    const std::size_t left = json_size_ - read_;
    const std::size_t piece = left < hs256_piece_size ? left : hs256_piece_size;
    if (!check_->advance(read_ + piece)) return false;
    base64url_encode_public_unchecked(json_ + read_, piece, out_ + written_, left);
    read_ += piece;
    written_ += base64url_encoded_size(piece);
    return true;
  }
  constexpr bool check_finish() noexcept { return check_->finish(); }

  // The blocks ready to absorb, contiguous: whole blocks of the token text,
  // then (once closed) the padded tail.
  constexpr hs256_blocks ready() const noexcept {
    if (written_ - hashed_ >= sha256_block_size) return {out_ + hashed_, (written_ - hashed_) / sha256_block_size};
    // The padded tail is one block, or two kept apart: handed out one at a time.
    if (closed_ && tail_used_ < tail_blocks_) return {tail_used_ == 0 ? tail_ : last_, 1};
    return {nullptr, 0};
  }
  constexpr void absorbed(std::size_t blocks) noexcept {
    if (written_ - hashed_ >= sha256_block_size) {
      hashed_ += blocks * sha256_block_size;
    } else {
      tail_used_ += blocks;
    }
  }
  // Absorbs up to `most` of the ready blocks.
  constexpr void absorb_ready(std::size_t most = static_cast<std::size_t>(-1)) noexcept {
    const hs256_blocks blocks = ready();
    const std::size_t count = blocks.count < most ? blocks.count : most;
    if (count == 0) return;
    sha256_compress(inner_.h, blocks.data, count);
    absorbed(count);
  }

  // After the last piece: pads the signing input's last partial block.
  constexpr void close_inner() noexcept {
    const std::size_t rest = written_ % sha256_block_size, whole = written_ - rest;
    copy_bytes(tail_, out_ + whole, rest);
    tail_[rest] = static_cast<char>(0x80);  // the rest of tail_ and last_ is still zero from construction
    tail_blocks_ = rest + 9 > sha256_block_size ? 2 : 1;
    char* const length_block = tail_blocks_ == 2 ? last_ : tail_;
    const std::size_t length_at = sha256_block_size - 8;
    // The inner hash covers the key block too.
    const std::uint64_t bits = (std::uint64_t{sha256_block_size} + written_) * 8;
    store_be32(length_block + length_at, static_cast<std::uint32_t>(bits >> 32));
    store_be32(length_block + length_at + 4, static_cast<std::uint32_t>(bits));
    closed_ = true;
  }
  constexpr bool inner_done() const noexcept { return closed_ && tail_used_ == tail_blocks_; }

  // The outer block (inner digest, padding, length of key block + 32 bytes)
  // replaces the tail; outer_state() starts at the key's outer midstate.
  constexpr void close_outer() noexcept {
    for (unsigned i = 0; i < 8; ++i) store_be32(tail_ + 4 * i, inner_.h[i]);
    tail_[32] = static_cast<char>(0x80);
    for (std::size_t i = 33; i < sha256_block_size - 2; ++i) tail_[i] = 0;
    tail_[62] = static_cast<char>((sha256_block_size + sha256_digest_size) * 8 >> 8);
    tail_[63] = 0;
  }
  constexpr const char* outer_block() const noexcept { return tail_; }
  constexpr std::uint32_t* outer_state() noexcept { return outer_.h; }
  constexpr std::uint32_t* inner_state() noexcept { return inner_.h; }

  // After the outer block: appends '.' and the signature, wipes, returns the
  // token's length. The MAC is encoded in constant time: until it is in the
  // caller's hands it is secret, and the tables of the fast encoder would
  // show it to a cache-timing observer.
  constexpr std::size_t finish() noexcept {
    std::uint8_t mac[sha256_digest_size] = {};
    for (unsigned i = 0; i < 8; ++i) store_be32(mac + 4 * i, outer_.h[i]);
    out_[written_] = '.';
    base64url_encode_into(mac, sizeof(mac), out_ + written_ + 1, hs256_signature_segment_size);
    wipe(mac);
    clear();
    return written_ + 1 + hs256_signature_segment_size;
  }

  constexpr void clear() noexcept {
    wipe(inner_);
    wipe(outer_);
    wipe(tail_);
    wipe(last_);
  }

 private:
  // The layout matters at run time: zero-initialized arrays of one block
  // each, apart from one another, are cleared with a few vector stores; one
  // of two blocks is cleared by a string instruction, which is slow to start.
  Check* check_ = nullptr;
  char* out_ = nullptr;
  const char* json_ = nullptr;
  std::size_t written_ = 0;  // out[0, written_) is signing input
  std::size_t hashed_ = 0;   // out[0, hashed_) is absorbed
  std::size_t read_ = 0;     // json[0, read_) is encoded
  std::size_t json_size_ = 0;
  sha256_midstate inner_;    // from the key's inner midstate on
  char tail_[sha256_block_size] = {};  // the last block of signing input, then the outer block
  char last_[sha256_block_size] = {};  // a second padded block, when the length does not fit the first
  sha256_midstate outer_;    // from the key's outer midstate on
  std::size_t tail_blocks_ = 0;
  std::size_t tail_used_ = 0;
  bool closed_ = false;
};

// Signs one token alone: every block as soon as it is complete. False when
// the check gave up (the stream is then wiped).
template <class Check>
constexpr bool hs256_run_alone(hs256_stream<Check>& stream) noexcept {
  // A block is absorbed one piece after it was completed: by then the stores
  // that wrote it have left the store buffer, so the kernel's wide loads of
  // it do not wait on store forwarding, and its hashing overlaps the next
  // piece's encoding.
  while (stream.payload_left()) {
    const std::size_t completed = stream.ready().count;
    if (!stream.encode_piece()) return stream.clear(), false;
    stream.absorb_ready(completed);
  }
  if (!stream.check_finish()) return stream.clear(), false;
  stream.close_inner();
  while (!stream.inner_done()) stream.absorb_ready();
  stream.close_outer();
  sha256_compress(stream.outer_state(), stream.outer_block(), 1);
  return true;
}

// The payload's JSON and where its token starts, ready for a stream.
struct hs256_prepared {
  const char* json = nullptr;
  std::size_t json_size = 0;
  std::size_t prefix = 0;  // the header segment and its dot
};

// Signs a prepared token whose payload needs no check; returns its length.
constexpr std::size_t hs256_sign_unchecked(const hmac_sha256_midstates& key, char* out,
                                           const hs256_prepared& prepared) noexcept {
#if JWTCORE_SIZE_FIRST
  // Two plain steps instead of the stream: the payload encoded behind the
  // prefix (from its place ahead in `out`, if there: the encoder reads each
  // byte before it writes its characters), then one HMAC over the token text.
  base64url_encode_public_unchecked(prepared.json, prepared.json_size, out + prepared.prefix, prepared.json_size);
  const std::size_t signing_input = prepared.prefix + base64url_encoded_size(prepared.json_size);
  std::uint8_t mac[sha256_digest_size] = {};
  hmac_sha256_oneshot(key, out, signing_input, mac);
  out[signing_input] = '.';
  base64url_encode_into(mac, sizeof(mac), out + signing_input + 1, hs256_signature_segment_size);
  wipe(mac);
  return signing_input + 1 + hs256_signature_segment_size;
#else
  json_no_check unchecked;
  hs256_stream<json_no_check> stream(key, out, prepared.prefix, prepared.json, prepared.json_size, unchecked);
  hs256_run_alone(stream);
  return stream.finish();
#endif
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
  return detail::hs256_sign_unchecked(key, out, detail::hs256_prepared{payload_json.data(), payload_json.size(),
                                                                       header + 1});
}

// Signs `payload_json` under {"alg":"HS256","typ":"JWT"} (plus kid when
// given) into out[0, capacity) and returns the token's length. The payload is
// signed byte for byte as given, after checking that it is one JSON object in
// valid UTF-8 (bad_payload, or the reader's specific error), within the
// reader's default json_limits (1 MiB, depth 64, 256 members an object); that
// verdict comes before a kid's error and before buffer_too_small. No heap.
// The check runs in the same pass as the encoding: a quick proof of validity
// (detail::json_object_quick_check) advances piece by piece just ahead of the
// encoder, and only when it cannot prove the text valid does the reader run,
// to give the verdict and the exact error. On failure the contents of
// out[0, capacity) are unspecified (never a MAC).
JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept;

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity) noexcept;

// Signs a claim set: its JSON is written into `out` itself, ahead of where
// its base64url goes, and encoded and hashed from there (in one pass unless
// JWTCORE_SIZE_FIRST), so no other buffer is needed. No heap.
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

// One token of a batch from payload text: what to sign, where the token goes,
// and what came of it (the token's length, or the error of this token alone).
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

// Signs `count` independent payloads under one key (and one kid, when given),
// each into its own buffer, as sign_hs256_into would: every token comes out
// byte for byte the same, and each job's token_size is its length or its own
// error (the same error sign_hs256_into gives); a job that fails does not
// affect the others. Tokens are hashed two at a time, on the two-stream block
// function: where the kernel interleaves the streams (SHA-NI, ARMv8) the
// hashing of a pair costs well under twice that of one token; the rest of the
// work (payload check, JSON, base64url) is per token as before. Returns the
// number of tokens signed. No heap.
JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_text_job* jobs, std::size_t count,
                                                 const sign_options& options = {}) noexcept;

JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_claims_job* jobs, std::size_t count,
                                                 const sign_options& options = {}) noexcept;

// ---- the signature check -------------------------------------------------------------

// True when the token is three segments and its signature is the HMAC of the
// first two under `key`. Checks the signature only: not the header, not the
// claims. The received signature (public: it came with the token) is decoded
// strictly by the fast decoder and compared as bytes with the MAC in constant
// time (under JWTCORE_SIZE_FIRST the MAC is encoded and the text compared, in
// constant time too); a key refused by its short-secret policy never matches.
JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept;

// ---- the entry points' definitions ---------------------------------------------------
// Inline here, or (JWTCORE_SEPARATE_COMPILATION) only in the translation unit
// that defines JWTCORE_IMPLEMENTATION: see config.hpp.
#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// ---- the payload check of the text path ---------------------------------------------

// A quick, resumable proof that payload text is one JSON object that
// json_validate_object accepts at its default limits, made while the signer
// encodes the text. It knows what payloads hold (objects and arrays a few
// levels deep, strings, numbers and literals, member names without escapes)
// and gives up on anything else: a name with an escape, more than max_names
// names in the open objects, deeper nesting, two names in one object whose
// keys collide (see name_key), and every error. Giving up is not a refusal:
// the reader then decides, with its exact error. So whatever this accepts the
// reader accepts, and the reader's verdict is the only one. It reuses the
// reader's rules for escapes, numbers and UTF-8.
class json_object_quick_check {
 public:
  static constexpr std::size_t max_depth = 16;
  static constexpr std::size_t max_names = 16;

  constexpr explicit json_object_quick_check(std::string_view text) noexcept : text_(text) {
    if (text.size() > json_limits{}.max_size) stage_ = stage::gave_up;
  }

  // Reads on through every token that starts before `until` (a member and
  // the value after it count as one; either may end past `until`). False once
  // it has given up. One loop with its state in locals, so that it stays in
  // registers; the stack of open containers lives in the object.
  constexpr bool advance(std::size_t until) noexcept {
    const std::string_view text = text_;
    const std::size_t n = text.size();
    std::size_t pos = pos_;
    stage at = stage_;
    while (at != stage::gave_up) {
      while (pos < n && json_is_space(text[pos])) ++pos;
      if (pos >= until || pos >= n) break;
      char c = text[pos];
      if (at == stage::after_value) {
        const bool object = in_object();
        if (c == ',') {
          ++pos;
          at = object ? stage::name : stage::value;
        } else if (c == (object ? '}' : ']')) {
          at = close(pos);
        } else {
          at = stage::gave_up;
        }
        continue;
      }
      if (at == stage::name_or_close || at == stage::value_or_close) {
        if (c == (at == stage::name_or_close ? '}' : ']')) {
          at = close(pos);
          continue;
        }
        at = at == stage::name_or_close ? stage::name : stage::value;
      }
      if (at == stage::name) {
        // "name": and on to the value, in the same step.
        const std::size_t end = c == '"' ? string_end(text, pos, false) : json_npos;
        if (end == json_npos || !remember_name(pos + 1, end - 1)) {
          at = stage::gave_up;
          break;
        }
        pos = end;
        while (pos < n && json_is_space(text[pos])) ++pos;
        if (pos >= n || text[pos] != ':') {
          at = stage::gave_up;
          break;
        }
        ++pos;
        while (pos < n && json_is_space(text[pos])) ++pos;
        if (pos >= n) {
          at = stage::gave_up;
          break;
        }
        c = text[pos];
        at = stage::value;
      }
      if (at == stage::value) {
        if (c == '{' || c == '[') {
          at = open(c == '{', pos);
          continue;
        }
        const std::size_t end = scalar_end(text, pos, c);
        if (end == json_npos) {
          at = stage::gave_up;
          break;
        }
        pos = end;
        at = stage::after_value;
        continue;
      }
      // top: the object itself; done: nothing may follow it.
      at = at == stage::top && c == '{' ? open(true, pos) : stage::gave_up;
    }
    pos_ = pos;
    stage_ = at;
    return at != stage::gave_up;
  }

  // True when the whole text is proven to be one object the reader accepts.
  constexpr bool finish() noexcept { return advance(text_.size()) && stage_ == stage::done; }

 private:
  enum class stage : std::uint8_t { top, name_or_close, name, value_or_close, value, after_value, done, gave_up };

  constexpr bool in_object() const noexcept { return (object_bits_ >> (depth_ - 1)) & 1u; }

  constexpr stage open(bool object, std::size_t& pos) noexcept {
    if (depth_ == max_depth) return stage::gave_up;
    const std::uint32_t bit = std::uint32_t{1} << depth_;
    object_bits_ = object ? (object_bits_ | bit) : (object_bits_ & ~bit);
    first_name_[depth_++] = names_;
    ++pos;
    return object ? stage::name_or_close : stage::value_or_close;
  }

  constexpr stage close(std::size_t& pos) noexcept {
    names_ = first_name_[--depth_];
    ++pos;
    return depth_ == 0 ? stage::done : stage::after_value;
  }

  // False (give up) when the object already has a name with the same key.
  constexpr bool remember_name(std::size_t begin, std::size_t end) noexcept {
    if (names_ == max_names) return false;
    const std::uint32_t key = name_key(begin, end);
    for (std::size_t i = first_name_[depth_ - 1]; i < names_; ++i) {
      if (name_keys_[i] == key) return false;
    }
    name_keys_[names_++] = key;
    return true;
  }

  // 32 bits of a name: its first seven bytes, its length and its other bytes
  // mixed, then folded by a multiplication. Equal names have equal keys;
  // different names rarely do, and when they do the check gives up, which
  // costs only a call to the reader. (Names without escapes are compared
  // byte for byte by the reader too.)
  constexpr std::uint32_t name_key(std::size_t begin, std::size_t end) const noexcept {
    const std::size_t size = end - begin, head = size < 7 ? size : 7;
    std::uint64_t key = 0;
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (!JWTCORE_IS_CONSTANT_EVALUATED() && text_.size() - begin >= 8) {
      std::memcpy(&key, text_.data() + begin, 8);
      key &= (std::uint64_t{1} << (8 * head)) - 1;
    } else
#endif
    {
      for (std::size_t i = 0; i < head; ++i) key |= std::uint64_t{static_cast<std::uint8_t>(text_[begin + i])} << (8 * i);
    }
    key |= static_cast<std::uint64_t>(size & 0xFF) << 56;
    for (std::size_t i = begin + head; i < end; ++i) key = (key << 5 | key >> 59) ^ static_cast<std::uint8_t>(text_[i]);
    return static_cast<std::uint32_t>((key * 0x9E3779B97F4A7C15u) >> 32);
  }

  // Past the string, number or literal at text[pos] == c; json_npos to give up.
  static constexpr std::size_t scalar_end(std::string_view text, std::size_t pos, char c) noexcept {
    if (c == '"') return string_end(text, pos, true);
    if (json_is_digit(c) && c != '0') {
      // Most numbers are plain integers (NumericDates): digits, then a byte
      // that cannot continue a number. Anything else is the reader's rule.
      std::size_t end = pos + 1;
      while (end < text.size() && json_is_digit(text[end])) ++end;
      if (end == text.size() || (text[end] != '.' && text[end] != 'e' && text[end] != 'E')) return end;
    }
    if (c == '-' || json_is_digit(c)) {
      const result<std::size_t> number = json_check_number(text, pos);
      return number ? *number : json_npos;
    }
    const std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
    return same_bytes(slice(text, pos, word.size()), word) ? pos + word.size() : json_npos;
  }

  // Short literals: a loop, not a call to memcmp.
  static constexpr bool same_bytes(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  // Past the closing quote of the string whose opening quote is at `pos`;
  // json_npos to give up.
  static constexpr std::size_t string_end(std::string_view text, std::size_t pos, bool escapes_allowed) noexcept {
    const std::size_t n = text.size();
    ++pos;
    for (;;) {
      pos = json_unescaped_run_end(text, pos);
      if (pos >= n) return json_npos;
      const char c = text[pos];
      if (c == '"') return pos + 1;
      if (c == '\\') {
        if (!escapes_allowed) return json_npos;
        const result<std::size_t> after = json_check_escape(text, pos);
        if (!after) return json_npos;
        pos = *after;
      } else {
        // A control character (length 0 here) or a UTF-8 sequence.
        const std::size_t length =
            static_cast<std::uint8_t>(c) >= 0x80 ? utf8_sequence_length(text.data() + pos, n - pos) : 0;
        if (length == 0) return json_npos;
        pos += length;
      }
    }
  }

  // The order matters at run time: text_ splits the zero-initialized members
  // into runs short enough for a few vector stores (see hs256_stream).
  std::size_t pos_ = 0;
  stage stage_ = stage::top;
  std::uint8_t depth_ = 0;
  std::uint8_t names_ = 0;
  std::uint32_t object_bits_ = 0;            // bit d: the container at depth d + 1 is an object
  std::uint8_t first_name_[max_depth] = {};  // where the names of each open container start
  std::string_view text_;
  std::uint32_t name_keys_[max_names] = {};
};

// ---- the signing functions behind the entry points ---------------------------------

// The header and the dot for a text payload whose verdict the caller has or
// will have; buffer_too_small unless the whole token fits.
template <class Header>
constexpr result<hs256_prepared> hs256_prepare_text(std::string_view payload_json, char* out, std::size_t capacity,
                                                    const Header& options) noexcept {
  const result<std::size_t> header = write_hs256_header(options, out, capacity);
  if (!header) return header.error();
  if (hs256_signed_size(*header, payload_json.size()) > capacity) return error::buffer_too_small;
  out[*header] = '.';
  return hs256_prepared{payload_json.data(), payload_json.size(), *header + 1};
}

// The header, the dot and the claim set's JSON, which goes into `out` itself
// where the stream can encode it in place.
template <class Header>
constexpr result<hs256_prepared> hs256_prepare_claims(const claims& claim_set, char* out, std::size_t capacity,
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

// A text payload is one JSON object the reader accepts: the quick check's
// proof, else the reader's verdict.
constexpr result<void> hs256_check_payload(std::string_view payload_json) noexcept {
#if !JWTCORE_SIZE_FIRST
  json_object_quick_check quick(payload_json);
  if (quick.finish()) return {};
#endif
  return json_validate_object(payload_json);
}

template <class Header>
inline result<std::size_t> hs256_sign_text(const hs256_key& key, std::string_view payload_json, char* out,
                                           std::size_t capacity, const Header& options) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
#if JWTCORE_SIZE_FIRST
  // The reader's check, then the plain signing pass: no quick check compiled.
  if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
  const result<hs256_prepared> prepared = hs256_prepare_text(payload_json, out, capacity, options);
  if (!prepared) return prepared.error();
  return hs256_sign_unchecked(key.midstates(), out, *prepared);
#else
  const result<hs256_prepared> prepared = hs256_prepare_text(payload_json, out, capacity, options);
  if (!prepared) {
    if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
    return prepared.error();
  }
  json_object_quick_check quick(payload_json);
  hs256_stream<json_object_quick_check> stream(key.midstates(), out, prepared->prefix, payload_json.data(),
                                               payload_json.size(), quick);
  if (hs256_run_alone(stream)) return stream.finish();
  if (const result<void> payload_ok = json_validate_object(payload_json); !payload_ok) return payload_ok.error();
  return hs256_sign_unchecked(key.midstates(), out, *prepared);
#endif  // JWTCORE_SIZE_FIRST
}

template <class Header>
inline result<std::size_t> hs256_sign_claims(const hs256_key& key, const claims& claim_set, char* out,
                                             std::size_t capacity, const Header& options) noexcept {
  if (const result<void> usable = key.usable(); !usable) return usable.error();
  const result<hs256_prepared> prepared = hs256_prepare_claims(claim_set, out, capacity, options);
  if (!prepared) return prepared.error();
  return hs256_sign_unchecked(key.midstates(), out, *prepared);
}

// ---- batches --------------------------------------------------------------------------

inline const std::uint8_t* as_bytes(const char* p) noexcept { return reinterpret_cast<const std::uint8_t*>(p); }

// Absorbs as many ready blocks of a and b as both have (and at most `most`),
// two streams at once.
template <class Check>
inline void hs256_absorb_both(hs256_stream<Check>& a, hs256_stream<Check>& b,
                              std::size_t most = static_cast<std::size_t>(-1)) noexcept {
  const hs256_blocks ready_a = a.ready(), ready_b = b.ready();
  std::size_t count = ready_a.count < ready_b.count ? ready_a.count : ready_b.count;
  if (most < count) count = most;
  if (count == 0) return;
  sha256_compress_x2(a.inner_state(), as_bytes(ready_a.data), b.inner_state(), as_bytes(ready_b.data), count);
  a.absorbed(count);
  b.absorbed(count);
}

// Signs two tokens side by side on the two-stream block function: a piece of
// each, then the blocks both have ready. Where one token is longer, its extra
// blocks wait to pair with the other's padded tail, and what is left after
// that runs alone. Both are then ready for finish().
inline void hs256_run_pair(hs256_stream<json_no_check>& a, hs256_stream<json_no_check>& b) noexcept {
  while (a.payload_left() || b.payload_left()) {
    const std::size_t completed_a = a.ready().count, completed_b = b.ready().count;  // see hs256_run_alone
    if (a.payload_left()) a.encode_piece();
    if (b.payload_left()) b.encode_piece();
    hs256_absorb_both(a, b, completed_a < completed_b ? completed_a : completed_b);
  }
  a.close_inner();
  b.close_inner();
  while (!a.inner_done() && !b.inner_done()) hs256_absorb_both(a, b);
  while (!a.inner_done()) a.absorb_ready();
  while (!b.inner_done()) b.absorb_ready();
  a.close_outer();
  b.close_outer();
  sha256_compress_x2(a.outer_state(), as_bytes(a.outer_block()), b.outer_state(), as_bytes(b.outer_block()), 1);
}

// The batch driver: each job is prepared (Prepare gives its JSON and prefix,
// or its error), and prepared jobs are signed two at a time in the order they
// come; a job that fails only sets its own result, and the odd one out runs
// alone.
template <class Job, class Prepare>
inline std::size_t hs256_sign_batch(const hs256_key& key, Job* jobs, std::size_t count, Prepare&& prepare) noexcept {
  if (const result<void> usable = key.usable(); !usable) {
    for (std::size_t i = 0; i < count; ++i) jobs[i].token_size = usable.error();
    return 0;
  }
  json_no_check unchecked;
  // A prepared job waits (as its prepared form, cheap to keep) for the next
  // one; then both streams are made in place and signed side by side.
  hs256_prepared waiting{};
  Job* waiting_job = nullptr;
  std::size_t signed_count = 0;
  for (std::size_t i = 0; i < count; ++i) {
    Job& job = jobs[i];
    const result<hs256_prepared> prepared = prepare(job);
    if (!prepared) {
      job.token_size = prepared.error();
      continue;
    }
    if (waiting_job == nullptr) {
      waiting = *prepared;
      waiting_job = &job;
      continue;
    }
    hs256_stream<json_no_check> a(key.midstates(), waiting_job->out, waiting.prefix, waiting.json, waiting.json_size,
                                  unchecked);
    hs256_stream<json_no_check> b(key.midstates(), job.out, prepared->prefix, prepared->json, prepared->json_size,
                                  unchecked);
    hs256_run_pair(a, b);
    waiting_job->token_size = a.finish();
    job.token_size = b.finish();
    waiting_job = nullptr;
    signed_count += 2;
  }
  if (waiting_job != nullptr) {
    waiting_job->token_size = hs256_sign_unchecked(key.midstates(), waiting_job->out, waiting);
    ++signed_count;
  }
  return signed_count;
}

}  // namespace detail

JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes) noexcept
    : hs256_key(secret_bytes, short_secret::refuse) {}
JWTCORE_ENTRY_POINT hs256_key::hs256_key(std::string_view secret_bytes, short_secret policy) noexcept
    : key_(secret_bytes), policy_(policy) {}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept {
  return detail::hs256_sign_text(key, payload_json, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, std::string_view payload_json, char* out,
                                                        std::size_t capacity) noexcept {
  return detail::hs256_sign_text(key, payload_json, out, capacity, detail::standard_header{});
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity, const sign_options& options) noexcept {
  return detail::hs256_sign_claims(key, claim_set, out, capacity, options);
}

JWTCORE_ENTRY_POINT result<std::size_t> sign_hs256_into(const hs256_key& key, const claims& claim_set, char* out,
                                                        std::size_t capacity) noexcept {
  return detail::hs256_sign_claims(key, claim_set, out, capacity, detail::standard_header{});
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
    const result<detail::hs256_prepared> prepared =
        detail::hs256_prepare_text(job.payload_json, job.out, job.capacity, options);
    // The payload's verdict comes first, as in sign_hs256_into.
    if (const result<void> payload_ok = detail::hs256_check_payload(job.payload_json); !payload_ok) {
      return result<detail::hs256_prepared>(payload_ok.error());
    }
    return prepared;
  });
}

JWTCORE_ENTRY_POINT std::size_t sign_hs256_batch(const hs256_key& key, hs256_claims_job* jobs, std::size_t count,
                                                 const sign_options& options) noexcept {
  return detail::hs256_sign_batch(key, jobs, count, [&options](const hs256_claims_job& job) {
    if (job.claim_set == nullptr) return result<detail::hs256_prepared>(error::bad_payload);
    return detail::hs256_prepare_claims(*job.claim_set, job.out, job.capacity, options);
  });
}

JWTCORE_ENTRY_POINT bool check_hs256_signature(const hs256_key& key, std::string_view token) noexcept {
  if (!key.usable()) return false;
  // The signature of HS256 is always 43 characters, so the second dot has one
  // place; the signing input before it must hold exactly one dot.
  if (token.size() < hs256_signature_segment_size + 1) return false;
  const std::size_t end = token.size() - hs256_signature_segment_size - 1;
  if (token[end] != '.') return false;
  const std::string_view signing_input(token.data(), end);
  const std::size_t first = signing_input.find('.');
  if (first == std::string_view::npos || signing_input.find('.', first + 1) != std::string_view::npos) return false;
  std::uint8_t expected[sha256_digest_size] = {};
#if JWTCORE_SIZE_FIRST
  // No decoder: the MAC is encoded and compared as text. A MAC has one
  // canonical encoding, so this accepts exactly what decoding strictly and
  // comparing bytes accepts.
  detail::hmac_sha256_oneshot(key.midstates(), token.data(), end, expected);
  char expected_text[hs256_signature_segment_size] = {};
  base64url_encode_into(expected, sizeof(expected), expected_text, sizeof(expected_text));
  const bool match = ct_equal(reinterpret_cast<const std::uint8_t*>(expected_text),
                              reinterpret_cast<const std::uint8_t*>(token.data() + end + 1), sizeof(expected_text));
  wipe(expected_text);
#else
  std::uint8_t received[sha256_digest_size] = {};
  if (!base64url_decode_public_into(detail::slice(token, end + 1), received, sizeof(received))) return false;
  detail::hmac_sha256_oneshot(key.midstates(), token.data(), end, expected);
  const bool match = ct_equal(expected, received, sizeof(received));
#endif
  wipe(expected);  // a valid MAC for this signing input: not left on the stack
  return match;
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_JWT_HPP
