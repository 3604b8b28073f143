// Tests of sign_hs256_batch (jwtcore/sign.hpp): every token of a batch is byte
// for byte the token sign_hs256_into gives for the same job, and every failed
// job has the error sign_hs256_into gives, for batches of 0 to 9 jobs of
// payloads of different lengths (so that one token of a pair runs out of
// blocks before the other) with failures mixed in, on every SHA-256 kernel
// choice (the two-stream kernel interleaves only under SHA-NI or ARMv8).
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/claims.hpp>
#include <jwtcore/sign.hpp>
#include <jwtcore/sha256.hpp>

#include "support/alloc_counter.hpp"
#include "support/kernel_choice.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using jwtcore::claims;
using jwtcore::error;
using jwtcore::hs256_claims_job;
using jwtcore::hs256_key;
using jwtcore::hs256_text_job;
using jwtcore::sign_options;

constexpr std::string_view secret = "jwtcore-test-tenant-secret-0123456789";
constexpr char guard = '\xA5';
constexpr std::size_t slack = 32;  // guard bytes after each job's capacity

using jwtcore_test::on_every_kernel_choice;

// A payload of about `size` bytes: a string member padded to length, so the
// signing input spans a different number of blocks for different sizes.
std::string payload_of_size(std::size_t size, char fill) {
  if (size < 10) return "{\"a\":1}";
  return "{\"p\":\"" + std::string(size - 8, fill) + "\"}";
}

// What one job should come to, from sign_hs256_into into a buffer of the
// same capacity: the token, or "<error name>".
template <class Payload>
std::string expected_outcome(const hs256_key& key, const Payload& payload, std::size_t capacity,
                             const sign_options& options) {
  std::vector<char> buffer(capacity + 1);
  const jwtcore::result<std::size_t> r = jwtcore::sign_hs256_into(key, payload, buffer.data(), capacity, options);
  if (!r) return "<" + std::string(jwtcore::to_string(r.error())) + ">";
  return std::string(buffer.data(), *r);
}

template <class Job>
std::string outcome_of(const Job& job) {
  if (!job.token_size) return "<" + std::string(jwtcore::to_string(job.token_size.error())) + ">";
  return std::string(job.out, *job.token_size);
}

// The kinds of job a batch mixes: good ones of several lengths, and ones
// that fail for a reason of their own.
enum class job_kind { short_good, long_good, mid_good, tiny_buffer, exact_buffer, bad_json, duplicate };
constexpr job_kind kinds[] = {job_kind::long_good, job_kind::short_good,   job_kind::bad_json,
                              job_kind::mid_good,  job_kind::exact_buffer, job_kind::duplicate,
                              job_kind::tiny_buffer};

struct text_case {
  std::string payload;
  std::size_t capacity;
};

text_case text_case_for(const hs256_key& key, job_kind kind, std::size_t index, const sign_options& options) {
  const char fill = static_cast<char>('a' + index % 26);
  switch (kind) {
    case job_kind::short_good: return {payload_of_size(12 + index, fill), 1024};
    case job_kind::long_good: return {payload_of_size(300 + 7 * index, fill), 1024};
    case job_kind::mid_good: return {payload_of_size(120 + 13 * index, fill), 1024};
    case job_kind::tiny_buffer: return {payload_of_size(100, fill), 60};
    case job_kind::exact_buffer: {
      const std::string payload = payload_of_size(200 + index, fill);
      return {payload, expected_outcome(key, std::string_view(payload), 4096, options).size()};
    }
    case job_kind::bad_json: return {"{\"a\":1,}", 1024};
    case job_kind::duplicate: return {"{\"a\":1,\"a\":2}", 1024};
  }
  return {"{}", 1024};
}

// Runs one batch of text jobs and checks each against sign_hs256_into, and
// that nothing was written past any job's capacity.
void check_text_batch(const hs256_key& key, std::size_t count, std::size_t rotation, const sign_options& options) {
  std::vector<text_case> cases;
  for (std::size_t i = 0; i < count; ++i) {
    cases.push_back(text_case_for(key, kinds[(i + rotation) % (sizeof(kinds) / sizeof(kinds[0]))], i, options));
  }
  std::vector<std::vector<char>> buffers;
  std::vector<hs256_text_job> jobs;
  for (const text_case& c : cases) buffers.emplace_back(c.capacity + slack, guard);
  for (std::size_t i = 0; i < count; ++i) jobs.push_back({cases[i].payload, buffers[i].data(), cases[i].capacity});

  const std::size_t signed_count = jwtcore::sign_hs256_batch(key, jobs.data(), jobs.size(), options);
  std::size_t succeeded = 0;
  for (std::size_t i = 0; i < count; ++i) {
    CAPTURE(i);
    const std::string expected =
        expected_outcome(key, std::string_view(cases[i].payload), cases[i].capacity, options);
    CHECK(outcome_of(jobs[i]) == expected);
    succeeded += jobs[i].token_size ? 1u : 0u;
    std::size_t touched = 0;
    for (std::size_t b = cases[i].capacity; b < buffers[i].size(); ++b) touched += buffers[i][b] != guard ? 1u : 0u;
    CHECK(touched == 0);
  }
  CHECK(signed_count == succeeded);
}

}  // namespace

TEST_CASE("batch: text jobs of 0..9, mixed lengths and failures, match sign_hs256_into byte for byte") {
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    sign_options with_kid;
    with_kid.kid = "tenant-key-\"2024\"";
    for (std::size_t count = 0; count <= 9; ++count) {
      for (std::size_t rotation = 0; rotation < sizeof(kinds) / sizeof(kinds[0]); ++rotation) {
        CAPTURE(count);
        CAPTURE(rotation);
        check_text_batch(key, count, rotation, sign_options{});
        check_text_batch(key, count, rotation, with_kid);
      }
    }
  });
}

TEST_CASE("batch: pairs of every two lengths, so that either token may run out of blocks first") {
  // Lengths whose signing inputs end in each part of a block, in both orders.
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    const std::size_t sizes[] = {0, 10, 17, 18, 19, 20, 40, 41, 64, 65, 90, 130, 131, 200, 333, 400};
    for (const std::size_t a : sizes) {
      for (const std::size_t b : sizes) {
        const std::string payload_a = payload_of_size(a, 'x'), payload_b = payload_of_size(b, 'y');
        std::vector<char> out_a(1024), out_b(1024);
        hs256_text_job jobs[2] = {{payload_a, out_a.data(), out_a.size()}, {payload_b, out_b.data(), out_b.size()}};
        CHECK(jwtcore::sign_hs256_batch(key, jobs, 2) == 2);
        CHECK(outcome_of(jobs[0]) == expected_outcome(key, std::string_view(payload_a), 1024, {}));
        CHECK(outcome_of(jobs[1]) == expected_outcome(key, std::string_view(payload_b), 1024, {}));
      }
    }
  });
}

TEST_CASE("batch: triples of lengths, so that any of the three tokens may run out of blocks first") {
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    const std::size_t sizes[] = {0, 18, 20, 41, 65, 131, 200, 400};
    for (const std::size_t a : sizes) {
      for (const std::size_t b : sizes) {
        for (const std::size_t c : sizes) {
          CAPTURE(a);
          CAPTURE(b);
          CAPTURE(c);
          const std::string payloads[3] = {payload_of_size(a, 'x'), payload_of_size(b, 'y'), payload_of_size(c, 'z')};
          std::vector<char> out[3] = {std::vector<char>(1024), std::vector<char>(1024), std::vector<char>(1024)};
          hs256_text_job jobs[3] = {{payloads[0], out[0].data(), 1024},
                                    {payloads[1], out[1].data(), 1024},
                                    {payloads[2], out[2].data(), 1024}};
          CHECK(jwtcore::sign_hs256_batch(key, jobs, 3) == 3);
          for (std::size_t i = 0; i < 3; ++i) {
            CHECK(outcome_of(jobs[i]) == expected_outcome(key, std::string_view(payloads[i]), 1024, {}));
          }
        }
      }
    }
  });
}

TEST_CASE("batch: claims jobs of 0..9, mixed lengths and failures, match sign_hs256_into byte for byte") {
  on_every_kernel_choice([] {
    const hs256_key key(secret);
    const std::string long_subject(250, 's');
    std::vector<claims> claim_sets;
    for (std::size_t i = 0; i < 9; ++i) {
      claims c;
      c.issuer("https://example-tenant.auth0.com/").audience("GLOBAL_CLIENT_ID_abc123").issued_at(1700000000);
      c.expires_at(1700086400 + static_cast<std::int64_t>(i)).scopes("read:users update:clients");
      if (i % 3 == 1) c.subject(std::string_view(long_subject).substr(0, 40 * i));
      if (i % 4 == 2) c.scopes("read:current_user");  // refused: current_user_scope
      if (i == 5) c.custom_string("exp", "x");        // refused: duplicate_member
      claim_sets.push_back(c);
    }
    for (std::size_t count = 0; count <= 9; ++count) {
      CAPTURE(count);
      std::vector<std::vector<char>> buffers;
      std::vector<hs256_claims_job> jobs;
      std::vector<std::size_t> capacities;
      for (std::size_t i = 0; i < count; ++i) capacities.push_back(i == 7 ? 100 : 1024);  // one too small
      for (std::size_t i = 0; i < count; ++i) buffers.emplace_back(capacities[i] + slack, guard);
      for (std::size_t i = 0; i < count; ++i) jobs.push_back({&claim_sets[i], buffers[i].data(), capacities[i]});
      const std::size_t signed_count = jwtcore::sign_hs256_batch(key, jobs.data(), jobs.size());
      std::size_t succeeded = 0;
      for (std::size_t i = 0; i < count; ++i) {
        CAPTURE(i);
        CHECK(outcome_of(jobs[i]) == expected_outcome(key, claim_sets[i], capacities[i], {}));
        succeeded += jobs[i].token_size ? 1u : 0u;
        std::size_t touched = 0;
        for (std::size_t b = capacities[i]; b < buffers[i].size(); ++b) touched += buffers[i][b] != guard ? 1u : 0u;
        CHECK(touched == 0);
      }
      CHECK(signed_count == succeeded);
    }
  });
}

TEST_CASE("batch: a key refused by its policy fails every job; a job without claims fails alone") {
  const hs256_key short_key("short");
  char out[2][512];
  hs256_text_job text_jobs[2] = {{"{}", out[0], sizeof out[0]}, {"{\"a\":1}", out[1], sizeof out[1]}};
  CHECK(jwtcore::sign_hs256_batch(short_key, text_jobs, 2) == 0);
  CHECK(text_jobs[0].token_size.error() == error::key_too_short);
  CHECK(text_jobs[1].token_size.error() == error::key_too_short);

  const hs256_key key(secret);
  const claims c = claims().audience("api").issued_at(1);
  hs256_claims_job claim_jobs[3] = {{&c, out[0], sizeof out[0]}, {nullptr, out[1], sizeof out[1]}, {&c, out[1], 512}};
  CHECK(jwtcore::sign_hs256_batch(key, claim_jobs, 3) == 2);
  CHECK(claim_jobs[0].token_size);
  CHECK(claim_jobs[1].token_size.error() == error::bad_payload);
  CHECK(claim_jobs[2].token_size);
  CHECK(outcome_of(claim_jobs[0]) == expected_outcome(key, c, 512, {}));
  CHECK(outcome_of(claim_jobs[2]) == outcome_of(claim_jobs[0]));
}

TEST_CASE("batch: no heap") {
  const hs256_key key(secret);
  const std::string_view payload = R"({"aud":"api","iat":1700000000,"scope":"read:users"})";
  const claims c = claims().audience("api").issued_at(1700000000).scopes("read:users");
  static char out[8][512];
  hs256_text_job text_jobs[5];
  hs256_claims_job claim_jobs[3];
  for (std::size_t i = 0; i < 5; ++i) text_jobs[i] = {payload, out[i], sizeof out[i]};
  for (std::size_t i = 0; i < 3; ++i) claim_jobs[i] = {&c, out[5 + i], sizeof out[5 + i]};
  const std::size_t before = jwtcore_test::allocations();
  const std::size_t signed_text = jwtcore::sign_hs256_batch(key, text_jobs, 5);
  const std::size_t signed_claims = jwtcore::sign_hs256_batch(key, claim_jobs, 3);
  const std::size_t allocations = jwtcore_test::allocations() - before;
  CHECK(allocations == 0);
  CHECK(signed_text == 5);
  CHECK(signed_claims == 3);
  CHECK(outcome_of(text_jobs[4]) == outcome_of(claim_jobs[2]));  // the claims write exactly the text
}
