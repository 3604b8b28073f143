// jwtcore/verify.hpp: the strict HS256/384/512 verifier. Checks run cheapest
// and safest first, and nothing of the payload is parsed before the signature
// has matched:
//   size -> three strict base64url segments -> header (alg exactly HS256,
//   HS384 or HS512 and the algorithm of a key, no crit, typ/kid strings) ->
//   key choice by kid and alg -> constant-time MAC over
//   the raw signing input, every candidate key -> payload JSON, one pass ->
//   claims (exp, nbf, iat, aud, iss, scopes) -> deny list.
// The verified claims are views into a buffer the caller owns. No heap; the
// scope catalogue of scopes.hpp is not used.
#ifndef JWTCORE_VERIFY_HPP
#define JWTCORE_VERIFY_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t, std::uint8_t, INT64_MAX
#include <string_view>  // tokens and claim values
#include <type_traits>  // std::conditional_t, the claim sink

#include "base64url.hpp"
#include "bytes.hpp"
#include "hmac.hpp"
#include "json_reader.hpp"
#include "key.hpp"
#include "scopes.hpp"

namespace jwtcore {

namespace detail {
class buffer_arena;

// The algorithm a JSON alg member names, exactly (its text may be escaped):
// the header's, and a JWK's.
inline result<jwt_alg> alg_of(const json_value& alg) noexcept {
  for (const jwt_alg named : {jwt_alg::hs256, jwt_alg::hs384, jwt_alg::hs512}) {
    if (alg.string_equals(alg_name(named))) return named;
  }
  return error::alg_not_allowed;
}
}  // namespace detail

// The keys a verifier accepts: during a secret rotation the current and the
// previous secret; keys of different algorithms may be mixed. A key may carry
// a name (the header's kid selects it by exact match); keys without a name
// are tried for every token of their algorithm. The set refers to keys the
// caller owns and keeps alive.
class jwt_key_set {
 public:
  static constexpr std::size_t max_keys = 8;

  // False (and nothing added) when the set is full.
  bool add(const jwt_key& key, std::string_view kid = {}) noexcept {
    if (count_ == max_keys) return false;
    entries_[count_++] = entry{&key, kid};
    return true;
  }
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

 private:
  friend class verifier;
  struct entry {
    const jwt_key* key = nullptr;
    std::string_view kid;
  };
  entry entries_[max_keys] = {};
  std::size_t count_ = 0;
};
using hs256_key_set = jwt_key_set;

// Revoked tokens, by (aud, jti) as the blacklists/tokens endpoint takes them.
// Implement it over whatever store holds them; it must not throw. The
// verifier asks about every audience of a token that has a jti; a token with
// a jti but no aud is asked about as ("", jti), so that an entry with an empty
// aud can still revoke it (revocation errs towards refusing). A token without
// jti cannot be revoked one by one: it ends when it expires or the secret changes.
// A verifier shared between threads calls is_revoked() from all of them at
// once: an implementation must be safe for that.
class deny_list {
 public:
  virtual bool is_revoked(std::string_view aud, std::string_view jti) const noexcept = 0;

 protected:
  ~deny_list() = default;
};

// A small deny list of views (the caller keeps the strings alive), for tools
// and tests; linear search. Once filled, any number of threads may read it.
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
  jwt_alg alg = jwt_alg::hs256;   // the header's, which is the matching key's

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

// Which registered claim a bad_claim verdict is about and what is wrong with
// it, in words: {"nbf", "is a string"}, {"aud", "array holds a number"},
// {"exp", "is beyond the NumericDate range"}. Static text, no heap.
struct claim_fault {
  std::string_view claim;
  std::string_view problem;
};

// A header and payload decoded WITHOUT any check of the signature or claims:
// for inspecting tokens, never for trusting them.
struct unverified_token {
  std::string_view header_json;
  std::string_view payload_json;
  std::string_view signature_segment;
};

// A verifier is configured once and reused for every token. The checks and
// the error each one gives, in order:
//   token longer than max_token_size .................. too_large
//   not three non-empty segments joined by two dots ... malformed
//   buffer smaller than the decoded segments .......... buffer_too_small
//   a segment not strict base64url (header, payload,
//     signature, in that order) ....................... bad_base64url_*
//   header not a JSON object .......................... bad_header (or the
//           reader's bad_utf8, bad_escape, duplicate_member, too_deep)
//   alg missing, not a string, not exactly "HS256",
//     "HS384" or "HS512", or no key of the set has it . alg_not_allowed
//   crit present ...................................... crit_unsupported
//   typ or kid present but not a string ............... bad_header
//   no key / kid names no key ......................... no_key / unknown_kid
//   the keys kid names are of another algorithm ....... alg_not_allowed
//   a key to try refused as short ..................... key_too_short
//   signature not the MAC's size or no MAC matches .... bad_signature
//   payload: not a JSON object ........................ bad_payload (or the reader's errors)
//   exp/nbf/iat/aud/iss/sub/jti/scope of a wrong type . bad_claim
//     (also: a NumericDate outside int64, an aud array of more than
//     verified_claims::max_audiences, a malformed legacy scopes object;
//     verify()'s claim_fault says which claim and what is wrong)
//   no exp (unless allowed) ........................... missing_exp
//   now >= exp + leeway ............................... expired
//   now < nbf - leeway ................................ not_yet_valid
//   iat > now + leeway (when asked) ................... issued_in_future
//   expected audience not in aud ...................... wrong_audience
//   iss is not the expected issuer .................... wrong_issuer
//   a required scope not granted ...................... missing_scope
//   (aud, jti) on the deny list ....................... revoked
// Unescaping a kid or a claim that does not fit the rest of the buffer gives
// buffer_too_small where it happens; buffer_size_for() always suffices.
//
// Threads. The setters are configuration: call them before the verifier is
// shared. A configured verifier may then be used by any number of threads at
// once through its const members alone, each request passing its own clock to
// verify(token, now, buffer, capacity), which writes nothing but the caller's
// buffer. A jwt_key is shared the same way (const use only), a jwt_key_set
// once its keys are added, a fixed_deny_list once filled; a
// deny_list of your own must allow concurrent is_revoked() calls. Lifetimes:
// the verifier keeps pointers to its key set, to the set's keys, to the deny
// list, and views of the audience, issuer and required-scope text: all of
// them must outlive it (or its last verify()).
class verifier {
 public:
  static constexpr std::size_t default_max_token_size = 16 * 1024;
  static constexpr unsigned default_max_depth = 64;

  // A buffer of this many bytes always suffices for verify() and
  // decode_unverified() on a token of `token_size` bytes.
  static constexpr std::size_t buffer_size_for(std::size_t token_size) noexcept {
    return token_size > static_cast<std::size_t>(-1) / 2 ? static_cast<std::size_t>(-1) : token_size * 2;
  }

  verifier& keys(const jwt_key_set& set) noexcept { keys_ = &set; return *this; }
  // The time, in seconds since the epoch, that verify() without a time
  // checks exp, nbf and iat against: for one-shot use (a tool, a test). A
  // shared verifier takes each request's time as verify()'s argument.
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

  // Verifies `token` as of `now` (seconds since the epoch), the claims
  // decoded into buffer[0, capacity). Changes nothing but the buffer and,
  // on bad_claim, *fault when given.
  result<verified_claims> verify(std::string_view token, std::int64_t now, char* buffer, std::size_t capacity,
                                 claim_fault* fault = nullptr) const noexcept;
  // The same as of the time set by now().
  result<verified_claims> verify(std::string_view token, char* buffer, std::size_t capacity) const noexcept {
    return verify(token, now_, buffer, capacity);
  }

  // decode_unverified() (below) under this verifier's limits: max_token_size,
  // the tight header limits of verify(), max_depth for the payload. What it
  // accepts verify() would at least read up to the signature check.
  result<unverified_token> decode_unverified(std::string_view token, char* buffer, std::size_t capacity) const noexcept;

 private:
  result<void> verify_into(std::string_view token, std::int64_t now, char* buffer, std::size_t capacity,
                           verified_claims& claims, claim_fault& fault) const noexcept;
  result<void> read_header(std::string_view header_json, detail::buffer_arena& arena, verified_claims& claims,
                           bool& has_kid) const noexcept;
  bool has_key_for(jwt_alg alg) const noexcept;
  result<void> choose_keys(bool has_kid, const verified_claims& claims,
                           bool (&candidate)[jwt_key_set::max_keys]) const noexcept;

  const jwt_key_set* keys_ = nullptr;
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
// strict base64url segments); header and payload must be JSON objects, read
// under the reader's default json_limits and with no size limit of the
// token's own (verifier::decode_unverified applies a verifier's). For
// inspection only.
JWTCORE_ENTRY_POINT result<unverified_token> decode_unverified(std::string_view token, char* buffer,
                                                               std::size_t capacity) noexcept;

// ---- implementation ---------------------------------------------------------------
// Inline here, or (JWTCORE_SEPARATE_COMPILATION) only in the translation unit
// that defines JWTCORE_IMPLEMENTATION: see config.hpp.
#if JWTCORE_DEFINE_ENTRY_POINTS

namespace detail {

// Whether a and b hold the same bytes, compared a word at a time inline: a
// header, an audience or a scope is too short to pay for a call of memcmp.
// Public text only (it stops at the first difference); where code size comes
// first, ==.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (size_first || n != b.size() || n < 8) return a == b;
  for (std::size_t i = 0; i + 8 < n; i += 8) {
    if (json_load<std::uint64_t>(a.data() + i) != json_load<std::uint64_t>(b.data() + i)) return false;
  }
  return json_load<std::uint64_t>(a.data() + n - 8) == json_load<std::uint64_t>(b.data() + n - 8);
}

struct token_segments {
  std::string_view header, payload, signature;
  std::string_view signing_input;  // header '.' payload, exactly as received
};

// Exactly three non-empty segments joined by two dots.
inline result<token_segments> split_token(std::string_view token) noexcept {
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return error::malformed;
  const std::size_t end = token.find('.', first + 1);
  if (end == std::string_view::npos || token.find('.', end + 1) != std::string_view::npos) return error::malformed;
  token_segments s;
  s.header = slice(token, 0, first);
  s.payload = slice(token, first + 1, end - first - 1);
  s.signature = slice(token, end + 1);
  s.signing_input = slice(token, 0, end);
  if (s.header.empty() || s.payload.empty() || s.signature.empty()) return error::malformed;
  return s;
}

// Hands out the rest of the caller's buffer, front to back, for string
// values that must be unescaped.
class buffer_arena {
 public:
  buffer_arena(char* buffer, std::size_t capacity) noexcept : buffer_(buffer), capacity_(capacity) {}

  // The text of a string value into out: its raw body when it has no escape
  // (no copy), else its decoding in the next free bytes.
  result<void> string(const json_value& value, bool escaped, std::string_view& out) noexcept {
    if (!escaped) {
      out = json_string_body(value.raw());
      return {};
    }
    const result<std::size_t> size = value.decode_string(buffer_ + used_, capacity_ - used_);
    if (!size) return size.error();
    out = std::string_view(buffer_ + used_, *size);
    used_ += *size;
    return {};
  }

 private:
  char* buffer_;
  std::size_t capacity_;
  std::size_t used_ = 0;
};

// The reader's grammar and shape errors, named for the segment they were found
// in; its specific ones (bad_utf8, bad_escape, duplicate_member, too_deep) stay.
inline error json_error_in(error e, error segment_error) noexcept {
  return e == error::bad_json || e == error::too_large || e == error::bad_payload ? segment_error : e;
}

// Reads `text` as one JSON object under limits, in one pass that hands its
// top-level members to on_member; errors as json_error_in names them.
template <class Sink = json_member_sink>
inline result<void> read_object(std::string_view text, const json_limits& limits, error segment_error,
                                Sink on_member = nullptr, void* context = nullptr) noexcept {
  const result<json_value> value = json_object_only(json_read_at_run_time(text, limits, on_member, context));
  if (!value) return json_error_in(value.error(), segment_error);
  return {};
}

// A header is parsed before any signature is checked, so whoever sends a token
// controls it: it gets tight limits (a real one is a handful of flat members).
inline constexpr std::size_t max_header_members = 32;
inline constexpr std::size_t max_header_depth = 8;

// The registered names as json_name_tag gives them, for a switch (each has
// at most seven bytes, so a tag is exactly one name).
constexpr std::uint64_t tag(std::string_view name) noexcept { return json_name_tag(name); }

// The header members the checks read, as the pass hands them over.
struct header_members {
  json_value alg, crit, typ, kid;
  bool kid_escaped = false;
};

inline void take_header_member(void* context, const json_top_member& member) noexcept {
  header_members& header = *static_cast<header_members*>(context);
  switch (member.tag) {
    case tag("alg"): header.alg = member.value; break;
    case tag("crit"): header.crit = member.value; break;
    case tag("typ"): header.typ = member.value; break;
    case tag("kid"): header.kid = member.value, header.kid_escaped = member.value_escaped; break;
    default: break;
  }
}

// Eight ASCII digits, the first in the lowest byte, as the number they spell:
// each step joins neighbouring groups (digits, pairs, fours) in one multiply.
constexpr std::uint64_t eight_digits(std::uint64_t w) noexcept {
  w = (w & 0x0F0F0F0F0F0F0F0Fu) * (10 << 8 | 1) >> 8;
  w = (w & 0x00FF00FF00FF00FFu) * (100 << 16 | 1) >> 16;
  return (w & 0x0000FFFF0000FFFFu) * (10000ull << 32 | 1) >> 32;
}

// A NumericDate rounded up to whole seconds: for an integer clock t and a
// date d, t >= d exactly when t >= ceil(d), and t < d exactly when t < ceil(d).
inline result<std::int64_t> numeric_date_ceil(const json_value& value) noexcept {
  // The usual form, a whole number of 9 to 16 digits, is read eight digits at
  // a time by two loads from the text itself (a copy to the stack would stall
  // the loads behind its stores), the first shifted up over '0's to keep its
  // leading digits only; anything else takes the general reading (which reads
  // it alike: the only reading where code size comes first). The pass has
  // checked the number, so its bytes are digits, '-', '+', '.', 'e' or 'E',
  // and only the digits have 3 as their high nibble.
  const std::string_view raw = value.raw();
  if (!size_first && raw.size() > 8 && raw.size() <= 16) {
    constexpr std::uint64_t nibbles = 0xF0F0F0F0F0F0F0F0u, threes = 0x3030303030303030u;
    const unsigned shift = 8 * static_cast<unsigned>(16 - raw.size());
    const std::uint64_t leading_zeros = threes & ~(~std::uint64_t{0} << shift);
    const std::uint64_t high = json_load<std::uint64_t>(raw.data()) << shift | leading_zeros;
    const std::uint64_t low = json_load<std::uint64_t>(raw.data() + raw.size() - 8);
    if ((((high ^ threes) | (low ^ threes)) & nibbles) == 0) {
      return static_cast<std::int64_t>(eight_digits(high) * 100000000u + eight_digits(low));
    }
  }
  const result<json_numeric_date> date = value.as_numeric_date();
  if (!date || date->range != json_range::in_range) return error::bad_claim;
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

// Whether a valid legacy scopes object lists the action of `wanted` under its entity.
inline bool legacy_scopes_grant(const json_value& scopes, std::string_view wanted) noexcept {
  const std::string_view action = scope_action(wanted), entity = scope_entity(wanted);
  if (action.empty() || entity.empty()) return false;
  for (const json_value& granted : scopes.find(entity).find("actions").elements()) {
    if (granted.string_equals(action)) return true;
  }
  return false;
}

constexpr bool is_not_space(char c) noexcept { return c != ' '; }
// The high bit of each space of w (a borrow runs upward from a flagged byte
// only, so the lowest flag is exact).
constexpr json_word space_stops(json_word w) noexcept {
  const json_word x = w ^ json_ones * ' ';
  return (x - json_ones) & ~x & json_highs;
}

// Whether the space-separated scope text has `wanted` as one of its words,
// exactly as iterating scope_list(scopes) would find it (an empty text has
// no word; a leading, trailing or doubled space makes an empty one).
inline bool scope_text_grants(std::string_view scopes, std::string_view wanted) noexcept {
  const std::size_t n = scopes.size(), w = wanted.size();
  for (std::size_t start = 0; n != 0;) {
    if (n - start >= w && (start + w == n || scopes[start + w] == ' ') && same_text(slice(scopes, start, w), wanted)) {
      return true;
    }
    const std::size_t space = size_first ? json_skip_bytes<is_not_space>(scopes, start)
                                         : json_skip_words<is_not_space, space_stops>(scopes, start);
    if (space == n) return false;
    start = space + 1;
  }
  return false;
}
// What a claim of the wrong kind is, in claim_fault's words: "is a number",
// and as an element of aud: "array holds a number".
inline std::string_view kind_problem(json_kind kind, bool in_array) noexcept {
  constexpr std::string_view is[] = {"is absent", "is an object", "is an array", "is a string",
                                     "is a number", "is true", "is false", "is null"};
  constexpr std::string_view holds[] = {"array holds nothing", "array holds an object", "array holds an array",
                                        "array holds a string", "array holds a number", "array holds true",
                                        "array holds false", "array holds null"};
  return (in_array ? holds : is)[static_cast<std::size_t>(kind)];
}

// aud: one string, or an array of at most verified_claims::max_audiences strings.
inline result<void> read_audiences(const json_value& value, bool escaped, buffer_arena& arena,
                                   verified_claims& claims, claim_fault& fault) noexcept {
  if (value.kind() == json_kind::string) {
    claims.audience_count = 1;
    return arena.string(value, escaped, claims.audiences[0]);
  }
  fault = {"aud"sv, kind_problem(value.kind(), false)};
  if (value.kind() != json_kind::array) return error::bad_claim;
  claims.audience_is_array = true;
  for (const json_value& element : value.elements()) {
    fault.problem = kind_problem(element.kind(), true);
    if (element.kind() != json_kind::string) return error::bad_claim;
    fault.problem = "array holds more audiences than verified_claims::max_audiences"sv;
    if (claims.audience_count == verified_claims::max_audiences) return error::bad_claim;
    const bool escaped_element = json_has_escape(json_string_body(element.raw()));
    std::string_view& audience = claims.audiences[claims.audience_count++];
    if (const result<void> ok = arena.string(element, escaped_element, audience); !ok) return ok;
  }
  return {};
}

// The payload's members go straight to the claim checks as the pass hands
// them over, in member order. The first failure is kept and the members
// after it are ignored; it is the verdict only once the pass has accepted
// the whole payload, whose own errors come first.
struct claim_reader {
  verified_claims& claims;
  buffer_arena& arena;
  claim_fault& fault;
  result<void> outcome;
};

[[gnu::always_inline]] inline result<void> read_claim(claim_reader& reader, const json_top_member& member) noexcept {
  verified_claims& claims = reader.claims;
  const json_value& value = member.value;
  std::int64_t* date = nullptr;
  bool* has_date = nullptr;
  std::string_view* text = nullptr;
  bool* has_text = nullptr;
  std::string_view name;  // as registered: the member's own may be escaped
  switch (member.tag) {
    case tag("exp"): name = "exp"sv, date = &claims.exp, has_date = &claims.has_exp; break;
    case tag("nbf"): name = "nbf"sv, date = &claims.nbf, has_date = &claims.has_nbf; break;
    case tag("iat"): name = "iat"sv, date = &claims.iat, has_date = &claims.has_iat; break;
    case tag("iss"): name = "iss"sv, text = &claims.iss, has_text = &claims.has_iss; break;
    case tag("sub"): name = "sub"sv, text = &claims.sub, has_text = &claims.has_sub; break;
    case tag("jti"): name = "jti"sv, text = &claims.jti, has_text = &claims.has_jti; break;
    case tag("scope"): name = "scope"sv, text = &claims.scope, has_text = &claims.has_scope; break;
    case tag("aud"): return read_audiences(value, member.value_escaped, reader.arena, claims, reader.fault);
    case tag("scopes"):
      if (!is_legacy_scopes_object(value)) {
        reader.fault = {"scopes"sv, R"(is not an object of {"actions":[strings]} objects)"sv};
        return error::bad_claim;
      }
      claims.legacy_scopes = value.raw();
      claims.has_legacy_scopes = true;
      return {};
    default: return {};  // a claim of the issuer's own
  }
  if (date != nullptr) {
    if (value.kind() != json_kind::number) {
      reader.fault = {name, kind_problem(value.kind(), false)};
      return error::bad_claim;
    }
    const result<std::int64_t> seconds = numeric_date_ceil(value);
    if (!seconds) {
      reader.fault = {name, "is beyond the NumericDate range"sv};
      return seconds.error();
    }
    *date = *seconds, *has_date = true;
    return {};
  }
  if (value.kind() != json_kind::string) {
    reader.fault = {name, kind_problem(value.kind(), false)};
    return error::bad_claim;
  }
  *has_text = true;
  return reader.arena.string(value, member.value_escaped, *text);
}

inline void take_claim(void* context, const json_top_member& member) noexcept {
  claim_reader& reader = *static_cast<claim_reader*>(context);
  if (reader.outcome) reader.outcome = read_claim(reader, member);
}

// take_claim as the pass's own template argument, so that the claim checks
// (read_claim, always inlined into its one caller) inline into the pass;
// size first, the pass's one copy calls them through a pointer.
struct claim_sink {
  void operator()(void* context, const json_top_member& member) const noexcept { take_claim(context, member); }
};
template <bool Small>
constexpr std::conditional_t<Small, json_member_sink, claim_sink> claim_sink_for() noexcept {
  if constexpr (Small) return take_claim;
  else return claim_sink{};
}

}  // namespace detail

JWTCORE_ENTRY_POINT bool verified_claims::grants(std::string_view wanted) const noexcept {
  if (has_scope && detail::scope_text_grants(scope, wanted)) return true;
  if (has_legacy_scopes) {
    const result<json_value> scopes = json_parse(legacy_scopes);
    return scopes && detail::legacy_scopes_grant(*scopes, wanted);
  }
  return false;
}

JWTCORE_ENTRY_POINT result<verified_claims> verifier::verify(std::string_view token, std::int64_t now, char* buffer,
                                                             std::size_t capacity, claim_fault* fault) const noexcept {
  // Filled in place and returned whole: a verified_claims is a few hundred bytes.
  result<verified_claims> out{verified_claims{}};
  claim_fault found;
  if (const result<void> ok = verify_into(token, now, buffer, capacity, *out, found); !ok) {
    out = result<verified_claims>(ok.error());
    if (fault != nullptr && ok.error() == error::bad_claim) *fault = found;
  }
  return out;
}

JWTCORE_ENTRY_POINT result<void> verifier::read_header(std::string_view header_json, detail::buffer_arena& arena,
                                                       verified_claims& claims, bool& has_kid) const noexcept {
  detail::header_members header;
  const json_limits header_limits{max_token_size_, detail::max_header_depth, detail::max_header_members};
  if (const result<void> ok =
          detail::read_object(header_json, header_limits, error::bad_header, detail::take_header_member, &header);
      !ok) {
    return ok;
  }
  const json_value &typ = header.typ, &kid = header.kid;
  const result<jwt_alg> alg = detail::alg_of(header.alg);
  if (!alg) return alg.error();
  claims.alg = *alg;
  if (!has_key_for(claims.alg)) return error::alg_not_allowed;
  if (header.crit) return error::crit_unsupported;
  if (typ && typ.kind() != json_kind::string) return error::bad_header;
  has_kid = static_cast<bool>(kid);
  if (kid) {
    if (kid.kind() != json_kind::string) return error::bad_header;
    return arena.string(kid, header.kid_escaped, claims.kid);
  }
  return {};
}

// An empty set answers true: its tokens fail later, with no_key.
JWTCORE_ENTRY_POINT bool verifier::has_key_for(jwt_alg alg) const noexcept {
  if (keys_ == nullptr || keys_->empty()) return true;
  for (std::size_t i = 0; i < keys_->count_; ++i) {
    if (keys_->entries_[i].key->alg() == alg) return true;
  }
  return false;
}

JWTCORE_ENTRY_POINT result<void> verifier::choose_keys(bool has_kid, const verified_claims& claims,
                                                       bool (&candidate)[jwt_key_set::max_keys]) const noexcept {
  if (keys_ == nullptr || keys_->empty()) return error::no_key;
  bool any_named = false, any_candidate = false;
  for (std::size_t i = 0; i < keys_->count_; ++i) {
    const jwt_key_set::entry& entry = keys_->entries_[i];
    if (!(entry.kid.empty() || !has_kid || detail::same_text(claims.kid, entry.kid))) continue;
    any_named = true;
    candidate[i] = entry.key->alg() == claims.alg;
    if (!candidate[i]) continue;
    if (!entry.key->usable()) return error::key_too_short;
    any_candidate = true;
  }
  if (!any_named) return error::unknown_kid;
  if (!any_candidate) return error::alg_not_allowed;
  return {};
}

JWTCORE_ENTRY_POINT result<void> verifier::verify_into(std::string_view token, std::int64_t now, char* buffer,
                                                       std::size_t capacity, verified_claims& claims,
                                                       claim_fault& fault) const noexcept {
  // 1. Size, before anything else is read.
  if (token.size() > max_token_size_) return error::too_large;

  // 2. Form: three segments, and room for what they decode to.
  const result<detail::token_segments> segments = detail::split_token(token);
  if (!segments) return segments.error();
  // A standard header, byte for byte, needs neither decoding nor parsing:
  // its JSON is known, and every check of step 3 but the key's algorithm holds
  // for it. Size first, it is read like any other (the same verdicts, less code).
  std::size_t standard = detail::size_first ? 3 : 0;
  while (standard < 3 && !detail::same_text(segments->header, standard_header_segment(static_cast<jwt_alg>(standard)))) {
    ++standard;
  }
  const bool standard_header = standard < 3;
  const std::size_t header_size = standard_header ? standard_header_json(jwt_alg::hs256).size()
                                                  : base64url_decoded_size(segments->header.size());
  const std::size_t payload_size = base64url_decoded_size(segments->payload.size());
  const std::size_t signature_size = base64url_decoded_size(segments->signature.size());
  // Each is under 3/4 of its segment, so the sum cannot wrap.
  if (header_size + payload_size + signature_size > capacity) return error::buffer_too_small;
  char* const header_out = buffer;
  char* const payload_out = buffer + header_size;
  char* const signature_out = payload_out + payload_size;
  detail::buffer_arena arena(signature_out + signature_size, capacity - (header_size + payload_size + signature_size));

  // Every segment's base64url first, in the order the class comment lists them
  // (public text: the table-driven decoder).
  if (standard_header) {
    const std::string_view json = standard_header_json(static_cast<jwt_alg>(standard));
    std::memcpy(header_out, json.data(), json.size());  // a constant size: no call
  } else if (const result<std::size_t> header = base64url_decode_public_into(segments->header, header_out, header_size);
             !header) {
    return header.error();
  }
  claims.header_json = std::string_view(header_out, header_size);
  const result<std::size_t> payload = base64url_decode_public_into(segments->payload, payload_out, payload_size);
  if (!payload) return payload.error();
  const result<std::size_t> signature =
      base64url_decode_public_into(segments->signature, signature_out, signature_size);
  if (!signature) return signature.error();

  // 3. Header: a JSON object, alg exactly that of a key, no crit, typ and kid strings.
  bool has_kid = false;
  if (standard_header) {
    claims.alg = static_cast<jwt_alg>(standard);
    if (!has_key_for(claims.alg)) return error::alg_not_allowed;
  } else if (const result<void> ok = read_header(claims.header_json, arena, claims, has_kid); !ok) {
    return ok;
  }

  // 4. Keys: a kid selects the keys of that name (unnamed keys are always
  // tried), and of those the keys of the header's algorithm.
  bool candidate[jwt_key_set::max_keys] = {};
  if (const result<void> ok = choose_keys(has_kid, claims, candidate); !ok) return ok;
  const std::size_t mac_bytes = mac_size(claims.alg);
  if (*signature != mac_bytes) return error::bad_signature;  // not the length of this algorithm's MAC
  const auto* const received = reinterpret_cast<const std::uint8_t*>(signature_out);
  // Every candidate is computed and compared, with no early exit, so the time
  // does not tell which key matched.
  unsigned matched = 0;
  std::uint8_t mac[sha512_digest_size] = {};
  for (std::size_t i = 0; i < keys_->count_; ++i) {
    if (!candidate[i]) continue;
    keys_->entries_[i].key->mac(segments->signing_input.data(), segments->signing_input.size(), mac);
    matched |= ct_equal(mac, received, mac_bytes) ? 1u : 0u;
  }
  wipe(mac);
  if (detail::declassify(matched) == 0) return error::bad_signature;  // the verdict, public

  // 5. Only now the payload's JSON, in one pass whose top-level members go
  // straight to 6., the claims: their types, in member order.
  claims.payload_json = std::string_view(payload_out, *payload);
  detail::claim_reader reader{claims, arena, fault, {}};
  const json_limits limits{max_token_size_, max_depth_, json_limits{}.max_members};
  if (const result<void> ok =
          detail::read_object(claims.payload_json, limits, error::bad_payload,
                              detail::claim_sink_for<detail::size_first>(), &reader);
      !ok) {
    return ok;
  }
  if (!reader.outcome) return reader.outcome;
  if (!claims.has_exp && !allow_missing_exp_) return error::missing_exp;

  // Then what they say, against the policy.
  // now >= exp + leeway, i.e. now - exp >= leeway.
  if (claims.has_exp && detail::later_by_at_least(now, claims.exp, leeway_)) return error::expired;
  // now < nbf - leeway, i.e. nbf - now > leeway.
  if (claims.has_nbf && detail::later_by_more_than(claims.nbf, now, leeway_)) return error::not_yet_valid;
  // iat > now + leeway, i.e. iat - now > leeway.
  if (reject_future_iat_ && claims.has_iat && detail::later_by_more_than(claims.iat, now, leeway_)) {
    return error::issued_in_future;
  }
  if (has_audience_) {
    bool found = false;
    for (std::size_t i = 0; i < claims.audience_count; ++i) found = found || detail::same_text(claims.audiences[i], audience_);
    if (!found) return error::wrong_audience;
  }
  if (has_issuer_ && !(claims.has_iss && detail::same_text(claims.iss, issuer_))) return error::wrong_issuer;
  for (std::string_view wanted : required_scopes_) {
    // The pass has just checked the legacy object's text: read it in place.
    const bool granted =
        (claims.has_scope && detail::scope_text_grants(claims.scope, wanted)) ||
        (claims.has_legacy_scopes &&
         detail::legacy_scopes_grant(detail::json_access::make(claims.legacy_scopes, 0, claims.legacy_scopes.size()),
                                     wanted));
    if (!granted) return error::missing_scope;
  }
  // Revocation is by (aud, jti), the pair the deny-list endpoint takes; a
  // token without aud is looked up as ("", jti) (see deny_list).
  if (deny_list_ != nullptr && claims.has_jti) {
    if (claims.audience_count == 0 && deny_list_->is_revoked({}, claims.jti)) return error::revoked;
    for (std::size_t i = 0; i < claims.audience_count; ++i) {
      if (deny_list_->is_revoked(claims.audiences[i], claims.jti)) return error::revoked;
    }
  }
  return {};
}

namespace detail {
// decode_unverified under the given limits for the header and payload JSON.
inline result<unverified_token> decode_unverified_with(std::string_view token, char* buffer, std::size_t capacity,
                                                       const json_limits& header_limits,
                                                       const json_limits& payload_limits) noexcept {
  const result<token_segments> segments = split_token(token);
  if (!segments) return segments.error();
  const std::size_t header_size = base64url_decoded_size(segments->header.size());
  const result<std::size_t> header = base64url_decode_public_into(segments->header, buffer, capacity);
  if (!header) return header.error();
  const result<std::size_t> payload =
      base64url_decode_public_into(segments->payload, buffer + header_size, capacity - header_size);
  if (!payload) return payload.error();
  // The signature is checked for form only, into the space after the payload.
  const std::size_t used = header_size + *payload;
  if (const result<std::size_t> signature =
          base64url_decode_public_into(segments->signature, buffer + used, capacity - used);
      !signature) {
    return signature.error();
  }
  const std::string_view header_json(buffer, header_size), payload_json(buffer + header_size, *payload);
  if (const result<void> ok = read_object(header_json, header_limits, error::bad_header); !ok) return ok.error();
  if (const result<void> ok = read_object(payload_json, payload_limits, error::bad_payload); !ok) return ok.error();
  return unverified_token{header_json, payload_json, segments->signature};
}
}  // namespace detail

JWTCORE_ENTRY_POINT result<unverified_token> decode_unverified(std::string_view token, char* buffer,
                                                               std::size_t capacity) noexcept {
  return detail::decode_unverified_with(token, buffer, capacity, json_limits{}, json_limits{});
}

JWTCORE_ENTRY_POINT result<unverified_token> verifier::decode_unverified(std::string_view token, char* buffer,
                                                                         std::size_t capacity) const noexcept {
  if (token.size() > max_token_size_) return error::too_large;
  return detail::decode_unverified_with(
      token, buffer, capacity, json_limits{max_token_size_, detail::max_header_depth, detail::max_header_members},
      json_limits{max_token_size_, max_depth_, json_limits{}.max_members});
}

#endif  // JWTCORE_DEFINE_ENTRY_POINTS

}  // namespace jwtcore

#endif  // JWTCORE_VERIFY_HPP
