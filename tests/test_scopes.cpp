// Tests of jwtcore/scopes.hpp: the well-formedness rule, the current_user
// scopes, the catalogue (tied to the reference list by a SHA-256), strict mode
// with its suggestions, scope lists from text and arrays, and both encodings
// of the scope claim. Expected values come from python3 (see each comment).
#include <doctest/doctest.h>

#include "support/error_names.hpp"

#include <jwtcore/claims.hpp>  // write_scope_string, write_legacy_scopes_object
#include <jwtcore/scopes.hpp>
#include <jwtcore/sha256.hpp>

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

using jwtcore::error;
using jwtcore::scope_list;
using jwtcore::scope_policy;

std::vector<std::string> items_of(const scope_list& list) {
  std::vector<std::string> out;
  for (std::string_view s : list) out.emplace_back(s);
  return out;
}

std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

// The JSON a writer function produces, or "<error name>".
template <class WriteFn>
std::string json_of(WriteFn&& write) {
  char buffer[1024];
  jwtcore::json_writer w(buffer, sizeof buffer);
  write(w);
  const jwtcore::result<std::size_t> r = w.finish();
  if (!r) return "<" + std::string(jwtcore::to_string(r.error())) + ">";
  return std::string(buffer, *r);
}

std::string scope_string_json(const scope_list& list) {
  return json_of([&list](jwtcore::json_writer& w) { jwtcore::write_scope_string(w, list); });
}
std::string legacy_json(const scope_list& list) {
  return json_of([&list](jwtcore::json_writer& w) { jwtcore::write_legacy_scopes_object(w, list); });
}

constexpr std::size_t catalogue_size = std::size(jwtcore::management_api_scopes);

}  // namespace

TEST_CASE("scopes: the well-formed rule") {
  const std::string_view good[] = {"read:users",
                                   "a:b",
                                   "0:_",
                                   "a_1:b_2",
                                   "z9:9z",
                                   "_:_",
                                   "blacklist:tokens",
                                   "abcdefghijklmnopqrstuvwxyz0123456789_:abcdefghijklmnopqrstuvwxyz0123456789_"};
  for (std::string_view s : good) {
    CAPTURE(s);
    CHECK(jwtcore::is_well_formed_scope(s));
  }
  // Every byte in the action and in the entity: allowed exactly when it is one
  // of a-z 0-9 _ (the oracle is this explicit set).
  constexpr std::string_view allowed = "abcdefghijklmnopqrstuvwxyz0123456789_";
  for (unsigned b = 0; b < 256; ++b) {
    CAPTURE(b);
    const char c = static_cast<char>(b);
    const bool expected = allowed.find(c) != std::string_view::npos;
    const std::string in_action = std::string("a") + c + "a:users";
    const std::string in_entity = std::string("read:u") + c + "s";
    const std::string alone = std::string(1, c) + ":" + std::string(1, c);
    CHECK(jwtcore::is_well_formed_scope(in_action) == expected);
    CHECK(jwtcore::is_well_formed_scope(in_entity) == expected);
    CHECK(jwtcore::is_well_formed_scope(alone) == expected);
  }
}

TEST_CASE("scopes: malformed scopes are refused with the offending scope reported") {
  const std::string_view malformed[] = {
      "Read:users",
      "read:Users",
      "READ:USERS",
      "read users",
      "read:users:all",
      "read::users",
      "readusers",
      ":users",
      "read:",
      ":",
      "::",
      "read-x:users",
      "read:user-x",
      "read.x:users",
      "read:users.x",
      "r\303\251ad:users",
      "read:us\303\251rs",
      "",
      "read:users ",
      " read:users",
      "\tread:users",
      "read:users\n",
      std::string_view("read:\0users", 11),
      "read:users\377",
      "*:*",
      "read:*",
  };
  for (std::string_view s : malformed) {
    CAPTURE(s);
    CHECK_FALSE(jwtcore::is_well_formed_scope(s));
    // Alone, as an array of one.
    const std::string_view one[] = {s};
    const jwtcore::scope_check alone = jwtcore::check_scopes(scope_list(one));
    CHECK_FALSE(alone);
    CHECK(alone.error() == error::malformed_scope);
    CHECK(alone.scope() == s);
    CHECK(alone.suggestion().empty());
    // After good scopes, and in strict mode too: the malformed one is reported.
    const std::string_view several[] = {"read:users", "update:clients", s, "read:clients"};
    for (scope_policy policy : {scope_policy::any_well_formed, scope_policy::known_only}) {
      const jwtcore::scope_check later = jwtcore::check_scopes(scope_list(several), policy);
      CHECK_FALSE(later);
      CHECK(later.error() == error::malformed_scope);
      CHECK(later.scope() == s);
      CHECK(later.scope().data() == s.data());  // a view of the caller's scope itself
    }
  }
  // In text, the reported scope is a view into the caller's text.
  const std::string_view text = "read:users Update:clients read:clients";
  const jwtcore::scope_check in_text = jwtcore::check_scopes(scope_list(text));
  CHECK_FALSE(in_text);
  CHECK(in_text.error() == error::malformed_scope);
  CHECK(in_text.scope() == "Update:clients");
  CHECK(in_text.scope().data() == text.data() + 11);
}

TEST_CASE("scopes: the eight current_user scopes are refused") {
  // The user-scoped scopes as Auth0's documentation lists them.
  const std::string_view reference[] = {
      "read:current_user",
      "delete:current_user",
      "update:current_user_identities",
      "update:current_user_metadata",
      "create:current_user_metadata",
      "delete:current_user_metadata",
      "create:current_user_device_credentials",
      "delete:current_user_device_credentials",
  };
  CHECK(std::size(jwtcore::current_user_scopes) == std::size(reference));
  for (std::string_view s : reference) {
    CAPTURE(s);
    CHECK(jwtcore::is_well_formed_scope(s));
    CHECK(jwtcore::is_current_user_scope(s));
    CHECK(jwtcore::is_known_scope(s));  // they are Management API names all the same
    const std::string_view list[] = {"read:users", s};
    for (scope_policy policy : {scope_policy::any_well_formed, scope_policy::known_only}) {
      const jwtcore::scope_check c = jwtcore::check_scopes(scope_list(list), policy);
      CHECK_FALSE(c);
      CHECK(c.error() == error::current_user_scope);
      CHECK(c.scope() == s);
    }
  }
  CHECK_FALSE(jwtcore::is_current_user_scope("read:users"));
  CHECK_FALSE(jwtcore::is_current_user_scope("read:current_users"));
  CHECK_FALSE(jwtcore::is_current_user_scope("read:current_use"));
  // The message tells the person why: these belong in the signed-in user's own token.
  const std::string_view m = jwtcore::message(error::current_user_scope);
  CHECK(m.find("signed-in user") != std::string_view::npos);
  CHECK(m.find("own token") != std::string_view::npos);
  CHECK(jwtcore::to_string(error::current_user_scope) == "current_user_scope");
}

TEST_CASE("scopes: the catalogue is the reference list") {
  // The reference list of Management API v2 scope names (node-auth0 OauthScope plus
  // the names other public sources use), one per line: python3 len() of its lines
  // is 243, and hashlib.sha256('\n'.join(lines).encode()).hexdigest() (5550 bytes) is:
  constexpr std::string_view reference_sha256 = "bb4be0301389347a4d2644810205c325b6472e28a3833d2a7731a51a7a426c79";
  CHECK(catalogue_size == 243);
  jwtcore::sha256_hasher hasher;
  std::size_t joined_size = 0;
  for (std::size_t i = 0; i < catalogue_size; ++i) {
    if (i > 0) {
      hasher.update("\n");
      ++joined_size;
    }
    hasher.update(jwtcore::management_api_scopes[i]);
    joined_size += jwtcore::management_api_scopes[i].size();
  }
  const jwtcore::sha256_digest digest = hasher.finish();
  CHECK(joined_size == 5550);
  CHECK(hex(digest.data(), digest.size()) == reference_sha256);
}

TEST_CASE("scopes: the catalogue is sorted, unique, well-formed and searchable") {
  for (std::size_t i = 0; i < catalogue_size; ++i) {
    const std::string_view s = jwtcore::management_api_scopes[i];
    CAPTURE(s);
    CHECK(jwtcore::is_well_formed_scope(s));
    CHECK(jwtcore::is_known_scope(s));
    if (i > 0) CHECK(jwtcore::management_api_scopes[i - 1] < s);  // strictly: sorted and unique
    // Known names are accepted by strict mode unless they are current_user scopes.
    const std::string_view one[] = {s};
    const jwtcore::scope_check c = jwtcore::check_scopes(scope_list(one), scope_policy::known_only);
    CHECK(static_cast<bool>(c) == !jwtcore::is_current_user_scope(s));
    // A name's own nearest known scope is itself.
    CHECK(jwtcore::nearest_known_scope(s) == s);
  }
}

TEST_CASE("scopes: near-misses are not known") {
  // python3: single edits of catalogue names (drop, add,
  // swap, substitute, upper-case, plural), each checked absent from the reference list.
  const std::string_view near_misses[] = {
      "blacklist:token",
      "create:resource_serversk",
      "deelte:forms",
      "read:authentucation_methods",
      "READ:NETWORK_ACLS",
      "read:user_role_source_groupss",
      "update:organization",
      "create:encryption_keysb",
      "deelte:anomaly_blocks",
      "delete:phone_provdders",
      "READ:EMAIL_PROVIDER",
      "read:rate_limit_policiess",
      "update:connections_option",
      "update:token_exchange_profilesl",
      "create:organizatio_nmembers",
      "dqlete:encryption_keys",
      "DELETE:USERS",
      "read:hookss",
      "read:user_attribute_profile",
      "update:log_streamsg",
      "cerate:custom_domains",
      "crnate:user_tickets",
      "DELETE:ORGANIZATION_GROUP_ROLES",
      "read:current_users",
      "read:organization",
      "update:client_token_vault_privileged_accessn",
      "updaet:self_service_profile_custom_texts",
      "create:crganization_connections",
      "DELETE:CUSTOM_DOMAINS",
      "delete:self_service_profiless",
      "read:group_member",
      "read:sessionsr",
      "updatef:lows",
      "c_eate:connection_profiles",
      "CREATE:SELF_SERVICE_PROFILES",
      "delete:log_streamss",
      "read:client",
      "read:organization_invitationss",
      "updtae:authentication_methods",
      "update:uesource_servers",
      "CREATE:GUARDIAN_ENROLLMENT_TICKETS",
      "delete:connection_profiless",
      "delete:role",
      "read:flowsu",
      "raed:rules_configs",
      "update:email_proviser",
      "CREATE:ACTIONS",
      "create:role_memberss",
      "delete:grant",
      "read:brandingm",
      "raed:organization_client_grants",
      "reab:users",
      "UPDATE:PHONE_PROVIDERS",
      "create:event_streamss",
      "delete:authentication_method",
      "delete:phone_templatesr",
      "reade:mail_templates",
      "read:refrnsh_tokens",
      "UPDATE:CURRENT_USER_IDENTITIES",
      "update:user_attribute_profiless",
      "create:organization",
      "delete:event_streamse",
      "delete:vdcs_templtaes",
      "reas:log_streams",
      "READ:USER_EFFECTIVE_PERMISSIONS",
      "update:mfa_policiess",
      "create:custom_signing_key",
      "create:usersj",
      "delete:organizatino_invitations",
      "read:dustom_domains",
      "READ:ORGANIZATIONS_SUMMARY",
      "update:clientss",
      "update:self_service_profile",
      "create:organization_discovery_domainss",
      "delete:custom_signnig_keys",
      "delete:sesgions",
      "READ:GROUP_ROLES",
      "read:signing_keyss",
      "update:flows_vault_connection",
      "create:connectionsl",
      "cretae:signing_keys",
      "delete:network_acws",
      "READ:CONNECTION_PROFILES",
      "read:organization_member_effective_roless",
      "update:brandin",
      "update:rolesc",
      "create:hokos",
      "dtlete:connections",
      "DELETE:RULES",
      "read:flows_executionss",
      "read:scim_confi",
      "update:email_templatesg",
      "create:authentiaction_methods",
      "create:rolrs",
      "DELETE:GROUP_ROLES",
      "read:client_credentialss",
      "read:organization_connection",
      "read:users_app_metadatan",
      "update:phoen_templates",
      "create:slows",
  };
  CHECK(std::size(near_misses) == 100);
  for (std::string_view s : near_misses) {
    CAPTURE(s);
    CHECK_FALSE(jwtcore::is_known_scope(s));
  }
  // The edges of the binary search: before the first name, after the last, empty.
  for (std::string_view s :
       {std::string_view(""), std::string_view("a"), std::string_view("a:a"), std::string_view("blacklist:tokenr"),
        std::string_view("blacklist:tokens\0", 17), std::string_view("update:vdcs_templatesz"),
        std::string_view("zzzz:zzzz"), std::string_view("\377")}) {
    CAPTURE(s);
    CHECK_FALSE(jwtcore::is_known_scope(s));
  }
  CHECK(jwtcore::is_known_scope("blacklist:tokens"));       // the first name
  CHECK(jwtcore::is_known_scope("update:vdcs_templates"));  // the last name
}

TEST_CASE("scopes: strict mode refuses unknown scopes and suggests the nearest") {
  // Expected suggestions: python3 Levenshtein over the reference list, the
  // nearest within min(max(len // 3, 1), 4) edits, first in list order on ties.
  struct suggestion_case {
    std::string_view scope, suggestion;
  };
  const suggestion_case cases[] = {
      {"read:user", "read:users"},
      {"update:client", "update:clients"},
      {"read:usres", "read:users"},
      {"zzzz:qqqq", ""},
      {"read:userz", "read:users"},
      {"craete:users", "create:users"},
      {"delete:user", "delete:users"},
      {"a:b", ""},
      {"read:clients_grants", "read:client_grants"},
      {"blacklist:token", "blacklist:tokens"},
      {"read:logs_user", "read:logs_users"},
      {"update:organisations", "update:organizations"},
      {"read:users_app_metadat", "read:users_app_metadata"},
      // the threshold, min(len // 3, 4): at it, and one past it
      {"read:lo", "read:logs"},  // 7 characters, 2 edits allowed, 2 away
      {"read:st", ""},           // 7 characters, 2 edits allowed, 3 away
      {"a:logs", ""},            // 6 characters, 2 edits allowed, 3 away
      {"read:x", ""},            // 6 characters, 2 edits allowed, 4 away
      // ties go to the first in catalogue order ("roles" sorts before "rules")
      {"read:r_les", "read:roles"},
      {"update:rxles", "update:roles"},
      {"delete:r_les", "delete:roles"},
  };
  for (const suggestion_case& c : cases) {
    CAPTURE(c.scope);
    CHECK(jwtcore::nearest_known_scope(c.scope) == c.suggestion);
    const std::string_view list[] = {"read:users", c.scope, "read:clients"};
    const jwtcore::scope_check strict = jwtcore::check_scopes(scope_list(list), scope_policy::known_only);
    CHECK_FALSE(strict);
    CHECK(strict.error() == error::unknown_scope);
    CHECK(strict.scope() == c.scope);
    CHECK(strict.suggestion() == c.suggestion);
    // The default policy accepts any well-formed scope.
    CHECK(static_cast<bool>(jwtcore::check_scopes(scope_list(list))));
    CHECK(static_cast<bool>(jwtcore::check_scopes(scope_list(list), scope_policy::any_well_formed)));
  }
  // A name longer than any comparison window gets no suggestion (and no crash).
  const std::string long_scope = "read:" + std::string(200, 'u');
  CHECK(jwtcore::nearest_known_scope(long_scope).empty());
  const std::string_view long_list[] = {long_scope};
  const jwtcore::scope_check long_check = jwtcore::check_scopes(scope_list(long_list), scope_policy::known_only);
  CHECK(long_check.error() == error::unknown_scope);
  CHECK(long_check.suggestion().empty());
  // All known and well-formed: accepted.
  CHECK(
      static_cast<bool>(jwtcore::check_scopes("read:users update:clients blacklist:tokens", scope_policy::known_only)));
}

TEST_CASE("scopes: scope_list from text splits on single spaces") {
  // python3: t.split(' ') for non-empty t; the empty text is no scope at all.
  CHECK(items_of(scope_list("")).empty());
  CHECK(scope_list("").empty());
  CHECK(scope_list().empty());
  CHECK(items_of(scope_list()).empty());
  CHECK(items_of(scope_list("a:b")) == std::vector<std::string>{"a:b"});
  CHECK(items_of(scope_list("a:b c:d")) == std::vector<std::string>{"a:b", "c:d"});
  CHECK(items_of(scope_list(" a:b")) == std::vector<std::string>{"", "a:b"});
  CHECK(items_of(scope_list("a:b ")) == std::vector<std::string>{"a:b", ""});
  CHECK(items_of(scope_list("a:b  c:d")) == std::vector<std::string>{"a:b", "", "c:d"});
  CHECK(items_of(scope_list(" ")) == std::vector<std::string>{"", ""});
  CHECK(items_of(scope_list("  ")) == std::vector<std::string>{"", "", ""});
  CHECK(items_of(scope_list("a:b c:d a:b")) == std::vector<std::string>{"a:b", "c:d", "a:b"});
  CHECK_FALSE(scope_list(" ").empty());
  CHECK_FALSE(scope_list("a:b").empty());
  // From a std::string_view that is not NUL-terminated: only the view is read.
  const std::string_view partial = std::string_view("read:users update:clients", 10);
  CHECK(items_of(scope_list(partial)) == std::vector<std::string>{"read:users"});

  // An empty text is valid (no scope); any empty scope is malformed.
  CHECK(static_cast<bool>(jwtcore::check_scopes(scope_list(""))));
  for (std::string_view text : {" read:users", "read:users ", "read:users  update:clients", " ", "  "}) {
    CAPTURE(text);
    const jwtcore::scope_check c = jwtcore::check_scopes(scope_list(text));
    CHECK_FALSE(c);
    CHECK(c.error() == error::malformed_scope);
    CHECK(c.scope().empty());
  }
}

TEST_CASE("scopes: scope_list from an array") {
  const std::string_view three[] = {"read:users", "update:clients", "read:users"};
  CHECK(items_of(scope_list(three)) == std::vector<std::string>{"read:users", "update:clients", "read:users"});
  CHECK(items_of(scope_list(three, 2)) == std::vector<std::string>{"read:users", "update:clients"});
  CHECK(items_of(scope_list(three, 0)).empty());
  CHECK(scope_list(three, 0).empty());
  CHECK(scope_list(nullptr, 0).empty());
  CHECK(items_of(scope_list(nullptr, 0)).empty());
  // Elements may hold spaces: an array element is one scope, never split.
  const std::string_view spaced[] = {"read:users update:clients"};
  CHECK(items_of(scope_list(spaced)) == std::vector<std::string>{"read:users update:clients"});
  CHECK(jwtcore::check_scopes(scope_list(spaced)).error() == error::malformed_scope);
  // An array of one empty scope is one malformed scope, not an empty list.
  const std::string_view empty_one[] = {""};
  CHECK_FALSE(scope_list(empty_one).empty());
  CHECK(jwtcore::check_scopes(scope_list(empty_one)).error() == error::malformed_scope);
}

TEST_CASE("scopes: count_distinct_scopes") {
  // python3: len(set(t.split(' ')))
  CHECK(jwtcore::count_distinct_scopes(scope_list("")) == 0);
  CHECK(jwtcore::count_distinct_scopes(scope_list("read:users")) == 1);
  CHECK(jwtcore::count_distinct_scopes(scope_list("read:users read:users read:users")) == 1);
  CHECK(jwtcore::count_distinct_scopes(scope_list("read:users update:users read:clients delete:users read:users")) ==
        4);
  CHECK(jwtcore::count_distinct_scopes(
            scope_list("create:clients read:clients read:users blacklist:tokens update:clients create:clients")) == 5);
  const std::string_view arr[] = {"a:b", "c:d", "a:b", "c:d", "e:f"};
  CHECK(jwtcore::count_distinct_scopes(scope_list(arr)) == 3);
  CHECK(jwtcore::count_distinct_scopes(scope_list(nullptr, 0)) == 0);
  // Every catalogue name once, then again: 243 distinct.
  std::string all;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::string_view s : jwtcore::management_api_scopes) {
      if (!all.empty()) all += ' ';
      all += s;
    }
  }
  CHECK(jwtcore::count_distinct_scopes(scope_list(all)) == catalogue_size);
}

TEST_CASE("scopes: write_scope_string folds duplicates in first-seen order") {
  // python3: json.dumps(' '.join(dict.fromkeys(t.split(' '))))
  CHECK(scope_string_json("read:users update:users read:clients delete:users read:users") ==
        R"("read:users update:users read:clients delete:users")");
  CHECK(scope_string_json("read:users") == R"("read:users")");
  CHECK(scope_string_json("") == R"("")");
  CHECK(scope_string_json("create:clients read:clients read:users blacklist:tokens update:clients create:clients") ==
        R"("create:clients read:clients read:users blacklist:tokens update:clients")");
  CHECK(scope_string_json("delete:rules read:rules_configs read:rules update:rules_configs delete:rules_configs") ==
        R"("delete:rules read:rules_configs read:rules update:rules_configs delete:rules_configs")");
  const std::string_view arr[] = {"update:clients", "read:users", "update:clients", "update:clients"};
  CHECK(scope_string_json(scope_list(arr)) == R"("update:clients read:users")");
  // As a member value.
  CHECK(json_of([](jwtcore::json_writer& w) {
          w.begin_object();
          jwtcore::write_scope_string(w.key("scope"), scope_list("read:users read:users"));
          w.key("n").integer(1).end_object();
        }) == R"({"scope":"read:users","n":1})");
}

TEST_CASE("scopes: write_legacy_scopes_object groups actions by entity") {
  // python3: one member per entity in first-seen order, each
  // {"actions": [distinct actions in first-seen order]}, json.dumps compact.
  CHECK(legacy_json("read:users update:users read:clients delete:users read:users") ==
        R"({"users":{"actions":["read","update","delete"]},"clients":{"actions":["read"]}})");
  CHECK(legacy_json("read:users") == R"({"users":{"actions":["read"]}})");
  CHECK(legacy_json("") == "{}");
  CHECK(
      legacy_json("create:clients read:clients read:users blacklist:tokens update:clients create:clients") ==
      R"({"clients":{"actions":["create","read","update"]},"users":{"actions":["read"]},"tokens":{"actions":["blacklist"]}})");
  // "rules" and "rules_configs" are different entities.
  CHECK(legacy_json("delete:rules read:rules_configs read:rules update:rules_configs delete:rules_configs") ==
        R"({"rules":{"actions":["delete","read"]},"rules_configs":{"actions":["read","update","delete"]}})");
  const std::string_view arr[] = {"read:users", "update:users", "read:clients", "delete:users", "read:users"};
  CHECK(legacy_json(scope_list(arr)) ==
        R"({"users":{"actions":["read","update","delete"]},"clients":{"actions":["read"]}})");
}

namespace {

// Constant evaluation of the catalogue, the suggestion and the checks.
static_assert(jwtcore::is_known_scope("read:users"), "a catalogue name");
static_assert(jwtcore::is_known_scope("blacklist:tokens") && jwtcore::is_known_scope("update:vdcs_templates"),
              "first and last names");
static_assert(!jwtcore::is_known_scope("read:user"), "a near-miss");
static_assert(jwtcore::nearest_known_scope("a:b").empty(), "a short name, far from every known one");
static_assert(jwtcore::is_well_formed_scope("read:users") && !jwtcore::is_well_formed_scope("read users"), "rule");
// Suggestions work in constant expressions too (within clang's default step limit).
static_assert(jwtcore::nearest_known_scope("read:user") == "read:users", "python3 Levenshtein: 1 edit");
static_assert(jwtcore::nearest_known_scope("zzzz:qqqq").empty(), "nothing close");
static_assert(jwtcore::check_scopes(scope_list("read:users update:client"), scope_policy::known_only).suggestion() ==
                  "update:clients",
              "strict mode suggestion");
static_assert(jwtcore::is_current_user_scope("read:current_user"), "current_user");
static_assert(jwtcore::count_distinct_scopes(scope_list("read:users read:users update:clients")) == 2, "count");
static_assert(jwtcore::check_scopes(scope_list("read:users update:clients"), scope_policy::known_only), "valid");
static_assert(jwtcore::check_scopes(scope_list("read:users read:current_user")).error() ==
                  jwtcore::error::current_user_scope,
              "current_user refused");

struct const_text {
  char text[128] = {};
  std::size_t size = 0;
};
constexpr const_text const_legacy() {
  const_text t;
  jwtcore::json_writer w(t.text, sizeof t.text);
  jwtcore::write_legacy_scopes_object(w, scope_list("read:users update:users read:clients delete:users read:users"));
  const jwtcore::result<std::size_t> r = w.finish();
  t.size = r ? *r : 0;
  return t;
}
constexpr bool const_legacy_matches() {
  // python3, as in the legacy test above
  constexpr std::string_view expected =
      R"({"users":{"actions":["read","update","delete"]},"clients":{"actions":["read"]}})";
  const const_text t = const_legacy();
  return std::string_view(t.text, t.size) == expected;
}
static_assert(const_legacy_matches(), "the legacy object in a constant expression");

}  // namespace
