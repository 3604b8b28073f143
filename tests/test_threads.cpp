// Tests of what verify.hpp says threads may share: one configured verifier,
// one key set and one fixed_deny_list used by several threads at once, each
// with its own clock and tokens, and one signing key shared the same way.
// Every verdict and every accepted claim is checked. CI runs this program
// under ThreadSanitizer (the clang-tsan preset), where a shared write is a
// report; built normally it still checks every result.
//
// The threads only record what they saw; the checks run on the main thread
// after join, so no assertion machinery is shared between threads.
#include <doctest/doctest.h>

#include "support/error_names.hpp"
#include "support/vectors.hpp"  // JWTCORE_REQUIRE

#include <jwtcore/bytes.hpp>
#include <jwtcore/claims.hpp>
#include <jwtcore/key.hpp>
#include <jwtcore/sign.hpp>
#include <jwtcore/verify.hpp>

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <cstring>      // std::memcpy, std::memcmp of the verifier's bytes
#include <functional>   // std::function of a thread's body
#include <ostream>      // INFO of std::string
#include <string>       // tokens and jti made before the threads start
#include <string_view>  // claims compared as views
#include <thread>       // std::thread
#include <type_traits>  // std::is_trivially_copyable_v
#include <vector>       // the threads and their records

namespace {

using jwtcore::error;
using jwtcore::hs256_key;
using jwtcore::hs256_key_set;
using jwtcore::verified_claims;
using jwtcore::verifier;

constexpr int thread_count = 4;
constexpr int iterations = 200;

constexpr std::string_view current_secret = "threads-shared-secret-0123456789abcdef";
constexpr std::string_view previous_secret = "threads-previous-secret-0123456789abcdef";
constexpr std::string_view forger_secret = "threads-forger-secret-0123456789abcdef";
constexpr std::string_view audience = "https://tenant.example.com/api/v2/";
constexpr std::string_view issuer = "https://tenant.example.com/";
constexpr std::int64_t leeway_s = 30;

// Computed with python3's standard library, not with jwtcore:
//   b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
//   p = b'{"sub":"first-hash","aud":"https://tenant.example.com/api/v2/","exp":1700000600}'
//   si = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(p)
//   si + "." + b64(hmac.new(current_secret, si.encode(), hashlib.sha256).digest())
constexpr std::string_view python_payload =
    R"({"sub":"first-hash","aud":"https://tenant.example.com/api/v2/","exp":1700000600})";
constexpr std::string_view python_token =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiJmaXJzdC1oYXNoIiwiYXVkIjoiaHR0cHM6Ly90ZW5hbnQuZXhhbXBsZS5jb20vYXBpL3YyLyIsImV4cCI6MTcwMDAwMDYwMH0."
    "3Jc54Kngu0N3HAJVwE8vAZP5XW7kZyms3d--hTAnBwY";

// Runs body(thread) on thread_count threads at once and waits for them all.
void run_threads(const std::function<void(int)>& body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) threads.emplace_back(body, t);
  for (std::thread& thread : threads) thread.join();
}

// What one thread saw of one case: the verdict of its last iteration and the
// number of iterations whose verdict or claims differed from the expected.
struct record {
  error last = error::malformed;
  bool last_accepted = false;
  int mismatches = 0;
};

// A token signed on the calling thread (the expected values, made before the threads start).
template <class Payload>
std::string sign(const hs256_key& key, const Payload& payload) {
  const jwtcore::result<std::string> token = jwtcore::sign_hs256(key, payload);
  CHECK(token);
  return token ? *token : std::string();
}

// The first hashes of this program (a key's pads are hashed when it is
// made): the SHA-256 kernel is chosen, and the CPU asked, by whichever thread
// gets there first, under TSan's eye. So each thread makes its own key here.
TEST_CASE("threads: the first keys and signatures of the process, from every thread at once, equal python's") {
  std::vector<record> seen(thread_count);
  run_threads([&](int t) {
    const hs256_key key(current_secret);
    char out[256];
    for (int i = 0; i < iterations; ++i) {
      const jwtcore::result<std::size_t> size = jwtcore::sign_hs256_into(key, python_payload, out, sizeof out);
      const bool same = size && std::string_view(out, *size) == python_token;
      seen[static_cast<std::size_t>(t)].mismatches += same ? 0 : 1;
    }
  });
  for (const record& r : seen) CHECK(r.mismatches == 0);
}

// One thread's tokens and clocks. Its clock base is its own (threads are a
// day apart), so a verdict reached with another thread's clock would differ.
struct thread_case {
  std::string name;
  std::string token;
  std::int64_t now = 0;
  bool accepted = false;
  error expected = error::malformed;
};

struct thread_tokens {
  std::string sub, jti, revoked_jti;
  std::int64_t base = 0;
  std::vector<thread_case> cases;
};

thread_tokens make_thread_tokens(int t, const hs256_key& current, const hs256_key& previous, const hs256_key& forger) {
  thread_tokens out;
  out.base = 1700000000 + std::int64_t{86400} * t;
  out.sub = "thread-" + std::to_string(t);
  out.jti = out.sub + "-jti";
  out.revoked_jti = out.sub + "-revoked";
  const std::int64_t base = out.base, exp = base + 600;
  auto claims_for = [&](std::string_view aud, std::string_view jti) {
    jwtcore::claims c;
    c.issuer(issuer).subject(out.sub).audience(aud).issued_at(base).not_before(base).expires_at(exp).jwt_id(jti).scopes(
        "read:users update:clients");
    return c;
  };
  // Odd threads' good token is signed with the previous key: both candidates are tried.
  const std::string good = sign(t % 2 == 0 ? current : previous, claims_for(audience, out.jti));
  out.cases = {
      {"valid", good, base + 10, true, error::malformed},
      {"valid at the edge of the leeway", good, exp + leeway_s - 1, true, error::malformed},
      {"expired", good, exp + leeway_s, false, error::expired},
      {"not yet valid", good, base - leeway_s - 1, false, error::not_yet_valid},
      {"revoked", sign(current, claims_for(audience, out.revoked_jti)), base + 10, false, error::revoked},
      {"forged signature", sign(forger, claims_for(audience, out.jti)), base + 10, false, error::bad_signature},
      {"wrong audience", sign(current, claims_for("https://other.example.com/", out.jti)), base + 10, false,
       error::wrong_audience},
  };
  return out;
}

// The claims of thread_tokens' good token.
bool claims_as_signed(const verified_claims& c, const thread_tokens& mine) {
  return c.has_sub && c.sub == mine.sub && c.has_jti && c.jti == mine.jti && c.has_iss && c.iss == issuer &&
         c.audience_count == 1 && c.audiences[0] == audience && c.has_exp && c.exp == mine.base + 600 && c.has_nbf &&
         c.nbf == mine.base && c.has_iat && c.iat == mine.base && c.has_scope &&
         c.scope == "read:users update:clients" && c.grants("read:users");
}

TEST_CASE("threads: one shared verifier, key set and deny list; each thread its own clock and tokens") {
  const hs256_key current(current_secret), previous(previous_secret), forger(forger_secret);
  std::vector<thread_tokens> tokens;
  for (int t = 0; t < thread_count; ++t) tokens.push_back(make_thread_tokens(t, current, previous, forger));

  hs256_key_set keys;
  keys.add(current);
  keys.add(previous);
  jwtcore::fixed_deny_list<thread_count> denied;
  for (const thread_tokens& mine : tokens) denied.add(audience, mine.revoked_jti);
  verifier configured;
  configured.keys(keys)
      .leeway(leeway_s)
      .audience(audience)
      .issuer(issuer)
      .require_scopes("read:users")
      .revocations(&denied);
  const verifier& shared = configured;  // from here on, const calls only

  std::vector<std::vector<record>> seen(thread_count);
  for (std::size_t t = 0; t < seen.size(); ++t) seen[t].resize(tokens[t].cases.size());
  run_threads([&](int t) {
    const thread_tokens& mine = tokens[static_cast<std::size_t>(t)];
    std::vector<record>& records = seen[static_cast<std::size_t>(t)];
    char buffer[1024];
    for (int i = 0; i < iterations; ++i) {
      for (std::size_t c = 0; c < mine.cases.size(); ++c) {
        const thread_case& expected = mine.cases[c];
        const jwtcore::result<verified_claims> verdict =
            shared.verify(expected.token, expected.now, buffer, sizeof buffer);
        record& r = records[c];
        r.last_accepted = static_cast<bool>(verdict);
        r.last = verdict ? error::malformed : verdict.error();
        const bool right = expected.accepted ? verdict && claims_as_signed(*verdict, mine)
                                             : !verdict && verdict.error() == expected.expected;
        r.mismatches += right ? 0 : 1;
      }
    }
  });

  for (std::size_t t = 0; t < seen.size(); ++t) {
    for (std::size_t c = 0; c < seen[t].size(); ++c) {
      const thread_case& expected = tokens[t].cases[c];
      INFO("thread " << t << ": " << expected.name);
      CHECK(seen[t][c].mismatches == 0);
      CHECK(seen[t][c].last_accepted == expected.accepted);
      if (!expected.accepted) CHECK(seen[t][c].last == expected.expected);
    }
  }
}

TEST_CASE("threads: one shared signing key; every thread's tokens as computed before, and they verify") {
  const hs256_key key(current_secret);
  hs256_key_set keys;
  keys.add(key);
  verifier configured;
  configured.keys(keys).audience(audience);
  const verifier& shared = configured;

  constexpr std::size_t batch_size = 3;
  struct thread_work {
    std::int64_t base = 0;
    std::string payload_text[batch_size];
    jwtcore::claims claim_sets[batch_size];
    std::string sub[batch_size];
    std::string from_text[batch_size], from_claims[batch_size];
  };
  std::vector<thread_work> work(thread_count);
  for (int t = 0; t < thread_count; ++t) {
    thread_work& w = work[static_cast<std::size_t>(t)];
    w.base = 1700000000 + std::int64_t{86400} * t;
    for (std::size_t j = 0; j < batch_size; ++j) {
      w.sub[j] = "signer-" + std::to_string(t) + "-" + std::to_string(j);
      w.payload_text[j] = R"({"sub":")" + w.sub[j] + R"(","aud":")" + std::string(audience) + R"(","exp":)" +
                          std::to_string(w.base + 600) + "}";
      w.claim_sets[j].subject(w.sub[j]).audience(audience).issued_at(w.base).expires_at(w.base + 600);
      w.from_text[j] = sign(key, w.payload_text[j]);
      w.from_claims[j] = sign(key, w.claim_sets[j]);
    }
  }
  // The first thread's first text token, against python (same secret, payload and header).
  CHECK(sign(key, python_payload) == python_token);

  std::vector<record> seen(thread_count);
  run_threads([&](int t) {
    const thread_work& w = work[static_cast<std::size_t>(t)];
    int& mismatches = seen[static_cast<std::size_t>(t)].mismatches;
    char one[512], verified[1024];
    char text_out[batch_size][512], claims_out[batch_size][512];
    for (int i = 0; i < iterations; ++i) {
      jwtcore::hs256_text_job text_jobs[batch_size];
      jwtcore::hs256_claims_job claims_jobs[batch_size];
      for (std::size_t j = 0; j < batch_size; ++j) {
        text_jobs[j] = {w.payload_text[j], text_out[j], sizeof text_out[j]};
        claims_jobs[j] = {&w.claim_sets[j], claims_out[j], sizeof claims_out[j]};
      }
      const bool batches_signed = jwtcore::sign_hs256_batch(key, text_jobs, batch_size) == batch_size &&
                                  jwtcore::sign_hs256_batch(key, claims_jobs, batch_size) == batch_size;
      mismatches += batches_signed ? 0 : 1;
      for (std::size_t j = 0; batches_signed && j < batch_size; ++j) {
        const jwtcore::result<std::size_t> text = jwtcore::sign_hs256_into(key, w.payload_text[j], one, sizeof one);
        bool same = text && std::string_view(one, *text) == w.from_text[j];
        const jwtcore::result<std::size_t> claims = jwtcore::sign_hs256_into(key, w.claim_sets[j], one, sizeof one);
        same = same && claims && std::string_view(one, *claims) == w.from_claims[j];
        same = same && std::string_view(text_out[j], *text_jobs[j].token_size) == w.from_text[j] &&
               std::string_view(claims_out[j], *claims_jobs[j].token_size) == w.from_claims[j];
        for (const std::string_view token : {std::string_view(text_out[j], *text_jobs[j].token_size),
                                             std::string_view(claims_out[j], *claims_jobs[j].token_size)}) {
          const jwtcore::result<verified_claims> v = shared.verify(token, w.base + 1, verified, sizeof verified);
          same = same && v && v->sub == w.sub[j] && v->exp == w.base + 600;
        }
        mismatches += same ? 0 : 1;
      }
    }
  });
  for (std::size_t t = 0; t < seen.size(); ++t) {
    INFO("thread " << t);
    CHECK(seen[t].mismatches == 0);
  }
}

TEST_CASE("threads: verify with a time writes nothing to the verifier; the form without uses the configured time") {
  const hs256_key key(current_secret);
  hs256_key_set keys;
  keys.add(key);
  verifier v;
  v.keys(keys).now(1700000000);
  const std::string token = sign(key, python_payload);  // exp 1700000600
  char buffer[1024];

  static_assert(std::is_trivially_copyable_v<verifier>);
  unsigned char before[sizeof(verifier)];
  std::memcpy(before, &v, sizeof v);
  const verifier& shared = v;
  const jwtcore::result<verified_claims> later = shared.verify(token, 1700000600, buffer, sizeof buffer);
  JWTCORE_REQUIRE(!later);
  CHECK(later.error() == error::expired);
  CHECK(shared.verify(token, 1699999999, buffer, sizeof buffer));
  CHECK(std::memcmp(before, &v, sizeof v) == 0);

  // The configured time still rules the form without one.
  const jwtcore::result<verified_claims> configured = shared.verify(token, buffer, sizeof buffer);
  JWTCORE_REQUIRE(configured);
  CHECK(configured->sub == "first-hash");
  v.now(1700000600);
  const jwtcore::result<verified_claims> moved = shared.verify(token, buffer, sizeof buffer);
  JWTCORE_REQUIRE(!moved);
  CHECK(moved.error() == error::expired);
}

}  // namespace
