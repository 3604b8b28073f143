// jwtcore/verify.hpp: the strict HS256 verifier. Checks run cheapest and
// safest first, and nothing of the payload is parsed before the signature
// has matched:
//   size -> three strict base64url segments -> header (alg exactly HS256,
//   no crit, typ/kid strings) -> key choice by kid -> constant-time MAC over
//   the raw signing input, every candidate key -> payload JSON -> claims
//   (exp, nbf, iat, aud, iss, scopes) -> deny list.
// The verified claims are views into a buffer the caller owns. No heap.
#ifndef JWTCORE_VERIFY_HPP
#define JWTCORE_VERIFY_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t, INT64_MAX
#include <string_view>  // tokens and claim values

#include "base64url.hpp"
#include "bytes.hpp"
#include "hmac.hpp"
#include "json_reader.hpp"
#include "jwt.hpp"
#include "scopes.hpp"

namespace jwtcore {

// The keys a verifier accepts: during a secret rotation the current and the
// previous secret. A key may carry a name (the header's kid selects it by
// exact match); keys without a name are tried for every token. The set refers
// to keys the caller owns and keeps alive.
class hs256_key_set {
 public:
  static constexpr std::size_t max_keys = 8;

  // False (and nothing added) when the set is full.
  bool add(const hs256_key& key, std::string_view kid = {}) noexcept {
    if (count_ == max_keys) return false;
    entries_[count_++] = entry{&key, kid};
    return true;
  }
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

 private:
  friend class verifier;
  struct entry {
    const hs256_key* key = nullptr;
    std::string_view kid;
  };
  entry entries_[max_keys] = {};
  std::size_t count_ = 0;
};

// Revoked tokens, by (aud, jti) as the blacklists/tokens endpoint takes them.
// Implement it over whatever store holds them; it must not throw.
class deny_list {
 public:
  virtual bool is_revoked(std::string_view aud, std::string_view jti) const noexcept = 0;

 protected:
  ~deny_list() = default;
};

// A small deny list of views (the caller keeps the strings alive), for tools
// and tests; linear search.
template <std::size_t Capacity>
class fixed_deny_list final : public deny_list {
 public:
  // False when full.
  bool add(std::string_view aud, std::string_view jti) noexcept {
    if (count_ == Capacity) return false;
    entries_[count_][0] = aud;
    entries_[count_][1] = jti;
    ++count_;
    return true;
  }
  bool is_revoked(std::string_view aud, std::string_view jti) const noexcept override {
    for (std::size_t i = 0; i < count_; ++i) {
      if (entries_[i][0] == aud && entries_[i][1] == jti) return true;
    }
    return false;
  }
  std::size_t size() const noexcept { return count_; }

 private:
  std::string_view entries_[Capacity][2] = {};
  std::size_t count_ = 0;
};

// What a verified token says. Every view points into the buffer given to
// verify(); string values are unescaped. A claim that is absent has its
// has_ flag false.
struct verified_claims {
  static constexpr std::size_t max_audiences = 16;

  std::string_view header_json;   // the decoded header, as signed
  std::string_view payload_json;  // the decoded payload, as signed (custom claims: read it with json_reader)
  std::string_view kid;           // from the header; empty when absent

  std::string_view iss, sub, jti;
  bool has_iss = false, has_sub = false, has_jti = false;

  // aud, as one string or an array of strings (audience_count 0 when absent).
  std::string_view audiences[max_audiences] = {};
  std::size_t audience_count = 0;
  bool audience_is_array = false;

  // NumericDates, rounded up to whole seconds (what every comparison with an
  // integer clock needs: exp 10.5 has passed at 11, not at 10).
  std::int64_t iat = 0, nbf = 0, exp = 0;
  bool has_iat = false, has_nbf = false, has_exp = false;

  std::string_view scope;          // the space-separated "scope" claim
  bool has_scope = false;
  std::string_view legacy_scopes;  // the raw JSON of the early "scopes" object
  bool has_legacy_scopes = false;

  // True when the token grants `wanted` in its scope string (as a whole word)
  // or in its legacy scopes object.
  bool grants(std::string_view wanted) const noexcept;
};

// A header and payload decoded WITHOUT any check of the signature or claims:
// for inspecting tokens, never for trusting them.
struct unverified_token {
  std::string_view header_json;
  std::string_view payload_json;
  std::string_view signature_segment;
};

// A verifier is configured once and reused for every token; verify() is const
// and may run on several threads at once. The checks and the error each one
// gives, in order:
//   token longer than max_token_size .................. too_large
//   not three non-empty segments joined by two dots ... malformed
//   a segment not strict base64url .................... bad_base64url_*
//   header not a JSON object .......................... bad_header (or the
//           reader's bad_utf8, bad_escape, duplicate_member, too_deep)
//   alg missing, not a string or not exactly "HS256" .. alg_not_allowed
//   crit present ...................................... crit_unsupported
//   typ or kid present but not a string ............... bad_header
//   no key / kid names no key / key refused as short .. no_key / unknown_kid / key_too_short
//   signature not 32 bytes or no key's MAC matches .... bad_signature
//   payload: not a JSON object ........................ bad_payload (or the reader's errors)
//   exp/nbf/iat/aud/iss/sub/jti/scope of a wrong type . bad_claim
//     (also: a NumericDate outside int64, an aud array of more than
//     verified_claims::max_audiences, a malformed legacy scopes object)
//   no exp (unless allowed) ........................... bad_claim
//   now >= exp + leeway ............................... expired
//   now < nbf - leeway ................................ not_yet_valid
//   iat > now + leeway (when asked) ................... issued_in_future
//   expected audience not in aud ...................... wrong_audience
//   iss is not the expected issuer .................... wrong_issuer
//   a required scope not granted ...................... missing_scope
//   (aud, jti) on the deny list ....................... revoked
class verifier {
 public:
  static constexpr std::size_t default_max_token_size = 16 * 1024;
  static constexpr unsigned default_max_depth = 64;

  // A buffer of this many bytes always suffices for verify() and
  // decode_unverified() on a token of `token_size` bytes.
  static constexpr std::size_t buffer_size_for(std::size_t token_size) noexcept {
    return token_size > static_cast<std::size_t>(-1) / 2 ? static_cast<std::size_t>(-1) : token_size * 2;
  }

  verifier& keys(const hs256_key_set& set) noexcept { keys_ = &set; return *this; }
  // The current time, in seconds since the epoch, that exp, nbf and iat are checked against.
  verifier& now(std::int64_t unix_seconds) noexcept { now_ = unix_seconds; return *this; }
  // Clock skew tolerated on exp, nbf and iat; negative values count as 0.
  verifier& leeway(std::int64_t seconds) noexcept { leeway_ = seconds < 0 ? 0 : seconds; return *this; }
  // When set, aud must be this string or an array that contains it.
  verifier& audience(std::string_view expected) noexcept { audience_ = expected; has_audience_ = true; return *this; }
  // When set, iss must be exactly this string.
  verifier& issuer(std::string_view expected) noexcept { issuer_ = expected; has_issuer_ = true; return *this; }
  // Every one of these must be granted (duplicates are harmless).
  verifier& require_scopes(scope_list scopes) noexcept { required_scopes_ = scopes; return *this; }
  verifier& revocations(const deny_list* list) noexcept { deny_list_ = list; return *this; }
  verifier& max_token_size(std::size_t bytes) noexcept { max_token_size_ = bytes; return *this; }
  verifier& max_depth(unsigned depth) noexcept { max_depth_ = depth; return *this; }
  // Tokens without exp are refused unless this is set (early Management API
  // tokens never expired; nothing else should look like them).
  verifier& allow_missing_exp(bool allow = true) noexcept { allow_missing_exp_ = allow; return *this; }
  // Refuse tokens whose iat lies in the future beyond the leeway.
  verifier& reject_future_iat(bool reject = true) noexcept { reject_future_iat_ = reject; return *this; }

  result<verified_claims> verify(std::string_view token, char* buffer, std::size_t capacity) const noexcept;

 private:
  const hs256_key_set* keys_ = nullptr;
  std::int64_t now_ = 0;
  std::int64_t leeway_ = 0;
  std::string_view audience_;
  bool has_audience_ = false;
  std::string_view issuer_;
  bool has_issuer_ = false;
  scope_list required_scopes_;
  const deny_list* deny_list_ = nullptr;
  std::size_t max_token_size_ = default_max_token_size;
  unsigned max_depth_ = default_max_depth;
  bool allow_missing_exp_ = false;
  bool reject_future_iat_ = false;
};

// Splits and decodes a token WITHOUT verifying anything but its form (three
// strict base64url segments); header and payload must be JSON objects. For
// inspection only.
result<unverified_token> decode_unverified(std::string_view token, char* buffer, std::size_t capacity) noexcept;

// ---- implementation ---------------------------------------------------------------

namespace detail {

struct token_segments {
  std::string_view header, payload, signature;
  std::string_view signing_input;  // header '.' payload, exactly as received
};

// Exactly three non-empty segments joined by two dots.
inline result<token_segments> split_token(std::string_view token) noexcept {
  const std::size_t end = signing_input_end(token);
  if (end == std::string_view::npos) return error::malformed;
  const std::size_t first = token.find('.');
  token_segments s;
  s.header = slice(token, 0, first);
  s.payload = slice(token, first + 1, end - first - 1);
  s.signature = slice(token, end + 1);
  s.signing_input = slice(token, 0, end);
  if (s.header.empty() || s.payload.empty() || s.signature.empty()) return error::malformed;
  return s;
}

// Hands out pieces of the caller's buffer, front to back.
class buffer_arena {
 public:
  buffer_arena(char* buffer, std::size_t capacity) noexcept : buffer_(buffer), capacity_(capacity) {}

  // Decodes strict base64url into the next free bytes.
  result<std::string_view> decode(std::string_view text) noexcept {
    const result<std::size_t> size = base64url_decode_into(text, buffer_ + used_, capacity_ - used_);
    if (!size) return size.error();
    return take(*size);
  }

  // The unescaped text of a string value: the raw body itself when it has no
  // escape (the common case, no copy), else decoded into the next free bytes.
  result<std::string_view> string(const json_value& value) noexcept {
    const std::string_view body = json_string_body(value.raw());
    if (!json_has_escape(body)) return body;
    const result<std::size_t> size = value.decode_string(buffer_ + used_, capacity_ - used_);
    if (!size) return size.error();
    return take(*size);
  }

 private:
  std::string_view take(std::size_t size) noexcept {
    const std::string_view piece(buffer_ + used_, size);
    used_ += size;
    return piece;
  }
  char* buffer_;
  std::size_t capacity_;
  std::size_t used_ = 0;
};

// The reader's grammar and shape errors, named for the segment they were found
// in; its specific ones (bad_utf8, bad_escape, duplicate_member, too_deep) stay.
inline error json_error_in(error e, error segment_error) noexcept {
  return e == error::bad_json || e == error::too_large || e == error::bad_payload ? segment_error : e;
}

// A header is parsed before any signature is checked, so whoever sends a token
// controls it: it gets tight limits (a real one is a handful of flat members).
inline constexpr std::size_t max_header_members = 32;
inline constexpr std::size_t max_header_depth = 8;

// A NumericDate rounded up to whole seconds: for an integer clock t and a
// date d, t >= d exactly when t >= ceil(d), and t < d exactly when t < ceil(d).
inline result<std::int64_t> numeric_date_ceil(const json_value& value) noexcept {
  const result<json_numeric_date> date = value.as_numeric_date();
  if (!date) return error::bad_claim;
  if (date->range != json_range::in_range) return error::bad_claim;
  if (!date->had_fraction) return date->seconds;
  if (date->seconds == INT64_MAX) return error::bad_claim;
  return date->seconds + 1;
}

// Time comparisons with a leeway, exact for every int64 value: rather than
// add the leeway (which can overflow), compare it with the difference, which
// always fits a uint64 when later >= earlier. leeway is never negative.
inline std::uint64_t difference(std::int64_t later, std::int64_t earlier) noexcept {
  return static_cast<std::uint64_t>(later) - static_cast<std::uint64_t>(earlier);
}
// later - earlier >= leeway
inline bool later_by_at_least(std::int64_t later, std::int64_t earlier, std::int64_t leeway) noexcept {
  return later >= earlier && difference(later, earlier) >= static_cast<std::uint64_t>(leeway);
}
// later - earlier > leeway
inline bool later_by_more_than(std::int64_t later, std::int64_t earlier, std::int64_t leeway) noexcept {
  return later > earlier && difference(later, earlier) > static_cast<std::uint64_t>(leeway);
}

// The legacy "scopes" claim: an object whose members are objects holding an
// "actions" array of strings.
inline bool is_legacy_scopes_object(const json_value& scopes) noexcept {
  if (scopes.kind() != json_kind::object) return false;
  for (const json_member& entity : scopes.members()) {
    if (entity.value.kind() != json_kind::object) return false;
    const json_value actions = entity.value.find("actions");
    if (actions.kind() != json_kind::array) return false;
    for (const json_value& action : actions.elements()) {
      if (action.kind() != json_kind::string) return false;
    }
  }
  return true;
}

}  // namespace detail

inline bool verified_claims::grants(std::string_view wanted) const noexcept {
  if (has_scope) {
    for (std::string_view granted : scope_list(scope)) {
      if (granted == wanted) return true;
    }
  }
  if (has_legacy_scopes) {
    const std::string_view action = scope_action(wanted), entity = scope_entity(wanted);
    if (action.empty() || entity.empty()) return false;
    const result<json_value> scopes = json_parse(legacy_scopes);
    if (!scopes) return false;
    for (const json_value& granted : scopes->find(entity).find("actions").elements()) {
      if (granted.string_equals(action)) return true;
    }
  }
  return false;
}

inline result<verified_claims> verifier::verify(std::string_view token, char* buffer,
                                                std::size_t capacity) const noexcept {
  // 1. Size, before anything else is read.
  if (token.size() > max_token_size_) return error::too_large;

  // 2. Form: three strict base64url segments.
  const result<detail::token_segments> segments = detail::split_token(token);
  if (!segments) return segments.error();
  detail::buffer_arena arena(buffer, capacity);
  verified_claims claims;
  const result<std::string_view> header_json = arena.decode(segments->header);
  if (!header_json) return header_json.error();
  const result<std::string_view> payload_json = arena.decode(segments->payload);
  if (!payload_json) return payload_json.error();
  const result<std::string_view> signature = arena.decode(segments->signature);
  if (!signature) return signature.error();
  claims.header_json = *header_json;
  claims.payload_json = *payload_json;

  // 3. Header: a JSON object, alg exactly HS256, no crit, typ and kid strings.
  const json_limits limits{max_token_size_, max_depth_, json_limits{}.max_members};
  const json_limits header_limits{max_token_size_, detail::max_header_depth, detail::max_header_members};
  const result<json_value> header = json_parse_object(*header_json, header_limits);
  if (!header) return detail::json_error_in(header.error(), error::bad_header);
  if (!header->find("alg").string_equals("HS256")) return error::alg_not_allowed;
  if (header->find("crit")) return error::crit_unsupported;
  const json_value typ = header->find("typ"), kid = header->find("kid");
  if (typ && typ.kind() != json_kind::string) return error::bad_header;
  if (kid) {
    if (kid.kind() != json_kind::string) return error::bad_header;
    const result<std::string_view> kid_text = arena.string(kid);
    if (!kid_text) return kid_text.error();
    claims.kid = *kid_text;
  }

  // 4. Keys: a kid selects the keys of that name; unnamed keys are always tried.
  if (keys_ == nullptr || keys_->empty()) return error::no_key;
  bool candidate[hs256_key_set::max_keys] = {};
  bool any_candidate = false;
  for (std::size_t i = 0; i < keys_->count_; ++i) {
    const hs256_key_set::entry& entry = keys_->entries_[i];
    candidate[i] = entry.kid.empty() || !kid || claims.kid == entry.kid;
    if (!candidate[i]) continue;
    if (!entry.key->usable()) return error::key_too_short;
    any_candidate = true;
  }
  if (!any_candidate) return error::unknown_kid;
  if (signature->size() != sha256_digest_size) return error::bad_signature;
  std::uint8_t received[sha256_digest_size] = {};
  for (std::size_t i = 0; i < sha256_digest_size; ++i) received[i] = static_cast<std::uint8_t>((*signature)[i]);
  // Every candidate is computed and compared, with no early exit, so the time
  // does not tell which key matched.
  unsigned matched = 0;
  for (std::size_t i = 0; i < keys_->count_; ++i) {
    if (!candidate[i]) continue;
    sha256_digest mac = hmac_sha256(keys_->entries_[i].key->midstates(), segments->signing_input);
    matched |= ct_equal(mac.data(), received, sha256_digest_size) ? 1u : 0u;
    wipe(mac);
  }
  if (detail::declassify(matched) == 0) return error::bad_signature;  // the verdict, public

  // 5. Only now the payload.
  const result<json_value> payload = json_parse_object(*payload_json, limits);
  if (!payload) return detail::json_error_in(payload.error(), error::bad_payload);

  // 6. Claims: types first, in one pass over the members.
  for (const json_member& member : payload->members()) {
    const json_value& value = member.value;
    const json_value& name = member.name;
    if (name.string_equals("exp") || name.string_equals("nbf") || name.string_equals("iat")) {
      const result<std::int64_t> date = detail::numeric_date_ceil(value);
      if (!date) return date.error();
      if (name.string_equals("exp")) {
        claims.exp = *date, claims.has_exp = true;
      } else if (name.string_equals("nbf")) {
        claims.nbf = *date, claims.has_nbf = true;
      } else {
        claims.iat = *date, claims.has_iat = true;
      }
    } else if (name.string_equals("iss") || name.string_equals("sub") || name.string_equals("jti") ||
               name.string_equals("scope")) {
      if (value.kind() != json_kind::string) return error::bad_claim;
      const result<std::string_view> text = arena.string(value);
      if (!text) return text.error();
      if (name.string_equals("iss")) {
        claims.iss = *text, claims.has_iss = true;
      } else if (name.string_equals("sub")) {
        claims.sub = *text, claims.has_sub = true;
      } else if (name.string_equals("jti")) {
        claims.jti = *text, claims.has_jti = true;
      } else {
        claims.scope = *text, claims.has_scope = true;
      }
    } else if (name.string_equals("aud")) {
      if (value.kind() == json_kind::string) {
        const result<std::string_view> text = arena.string(value);
        if (!text) return text.error();
        claims.audiences[0] = *text;
        claims.audience_count = 1;
      } else if (value.kind() == json_kind::array) {
        claims.audience_is_array = true;
        for (const json_value& element : value.elements()) {
          if (element.kind() != json_kind::string) return error::bad_claim;
          if (claims.audience_count == verified_claims::max_audiences) return error::bad_claim;
          const result<std::string_view> text = arena.string(element);
          if (!text) return text.error();
          claims.audiences[claims.audience_count++] = *text;
        }
      } else {
        return error::bad_claim;
      }
    } else if (name.string_equals("scopes")) {
      if (!detail::is_legacy_scopes_object(value)) return error::bad_claim;
      claims.legacy_scopes = value.raw();
      claims.has_legacy_scopes = true;
    }
  }
  if (!claims.has_exp && !allow_missing_exp_) return error::bad_claim;

  // Then what they say, against the policy.
  // now >= exp + leeway, i.e. now - exp >= leeway.
  if (claims.has_exp && detail::later_by_at_least(now_, claims.exp, leeway_)) return error::expired;
  // now < nbf - leeway, i.e. nbf - now > leeway.
  if (claims.has_nbf && detail::later_by_more_than(claims.nbf, now_, leeway_)) return error::not_yet_valid;
  // iat > now + leeway, i.e. iat - now > leeway.
  if (reject_future_iat_ && claims.has_iat && detail::later_by_more_than(claims.iat, now_, leeway_)) {
    return error::issued_in_future;
  }
  if (has_audience_) {
    bool found = false;
    for (std::size_t i = 0; i < claims.audience_count; ++i) found = found || claims.audiences[i] == audience_;
    if (!found) return error::wrong_audience;
  }
  if (has_issuer_ && !(claims.has_iss && claims.iss == issuer_)) return error::wrong_issuer;
  for (std::string_view wanted : required_scopes_) {
    if (!claims.grants(wanted)) return error::missing_scope;
  }
  if (deny_list_ != nullptr && claims.has_jti) {
    if (claims.audience_count == 0 && deny_list_->is_revoked({}, claims.jti)) return error::revoked;
    for (std::size_t i = 0; i < claims.audience_count; ++i) {
      if (deny_list_->is_revoked(claims.audiences[i], claims.jti)) return error::revoked;
    }
  }
  return claims;
}

inline result<unverified_token> decode_unverified(std::string_view token, char* buffer,
                                                  std::size_t capacity) noexcept {
  const result<detail::token_segments> segments = detail::split_token(token);
  if (!segments) return segments.error();
  detail::buffer_arena arena(buffer, capacity);
  const result<std::string_view> header = arena.decode(segments->header);
  if (!header) return header.error();
  const result<std::string_view> payload = arena.decode(segments->payload);
  if (!payload) return payload.error();
  const result<std::string_view> signature = arena.decode(segments->signature);
  if (!signature) return signature.error();
  if (const result<void> ok = json_validate_object(*header); !ok) {
    return detail::json_error_in(ok.error(), error::bad_header);
  }
  if (const result<void> ok = json_validate_object(*payload); !ok) {
    return detail::json_error_in(ok.error(), error::bad_payload);
  }
  return unverified_token{*header, *payload, segments->signature};
}

}  // namespace jwtcore

#endif  // JWTCORE_VERIFY_HPP
