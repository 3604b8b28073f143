// jwtcore/scopes.hpp: Management API scopes ("action:entity"): validation,
// the catalogue of known names with a "did you mean", distinct scopes in
// first-seen order (claims.hpp writes them in both forms of the claim).
// Scope lists are views; nothing here allocates.
#ifndef JWTCORE_SCOPES_HPP
#define JWTCORE_SCOPES_HPP

#include <cstddef>      // std::size_t
#include <string_view>  // scopes are views into the caller's text; std::size

#include "bytes.hpp"

namespace jwtcore {

// The known Management API v2 scope names, sorted (binary search relies on it).
inline constexpr std::string_view management_api_scopes[] = {
    "blacklist:tokens", "create:actions", "create:authentication_methods", "create:client_credentials",
    "create:client_grants", "create:clients", "create:connection_profiles", "create:connections",
    "create:connections_keys", "create:current_user_device_credentials", "create:current_user_metadata",
    "create:custom_domains", "create:custom_signing_keys", "create:directory_provisionings", "create:email_provider",
    "create:email_templates", "create:encryption_keys", "create:event_streams", "create:flows",
    "create:flows_vault_connections", "create:forms", "create:group_roles", "create:guardian_enrollment_tickets",
    "create:hooks", "create:log_streams", "create:network_acls", "create:organization_client_grants",
    "create:organization_connections", "create:organization_discovery_domains", "create:organization_group_roles",
    "create:organization_invitations", "create:organization_member_roles", "create:organization_members",
    "create:organizations", "create:phone_providers", "create:phone_templates", "create:rate_limit_policies",
    "create:resource_servers", "create:role_members", "create:roles", "create:rules", "create:scim_config",
    "create:scim_token", "create:self_service_profiles", "create:signing_keys", "create:sso_access_tickets",
    "create:token_exchange_profiles", "create:user_attribute_profiles", "create:user_tickets", "create:users",
    "create:users_app_metadata", "create:vdcs_templates", "delete:actions", "delete:anomaly_blocks",
    "delete:authentication_methods", "delete:branding", "delete:client_credentials", "delete:client_grants",
    "delete:clients", "delete:connection_profiles", "delete:connections", "delete:current_user",
    "delete:current_user_device_credentials", "delete:current_user_metadata", "delete:custom_domains",
    "delete:custom_signing_keys", "delete:device_credentials", "delete:directory_provisionings",
    "delete:email_provider", "delete:encryption_keys", "delete:event_streams", "delete:flows",
    "delete:flows_executions", "delete:flows_vault_connections", "delete:forms", "delete:grants", "delete:group_roles",
    "delete:groups", "delete:guardian_enrollments", "delete:hooks", "delete:log_streams", "delete:network_acls",
    "delete:organization_client_grants", "delete:organization_connections", "delete:organization_discovery_domains",
    "delete:organization_group_roles", "delete:organization_invitations", "delete:organization_member_roles",
    "delete:organization_members", "delete:organizations", "delete:phone_providers", "delete:phone_templates",
    "delete:rate_limit_policies", "delete:refresh_tokens", "delete:resource_servers", "delete:role_members",
    "delete:roles", "delete:rules", "delete:rules_configs", "delete:scim_config", "delete:scim_token",
    "delete:self_service_profiles", "delete:sessions", "delete:sso_access_tickets", "delete:token_exchange_profiles",
    "delete:user_attribute_profiles", "delete:users", "delete:vdcs_templates", "read:actions", "read:anomaly_blocks",
    "read:attack_protection", "read:authentication_methods", "read:branding", "read:client_credentials",
    "read:client_grants", "read:client_keys", "read:client_summary", "read:clients", "read:connection_profiles",
    "read:connections", "read:connections_keys", "read:connections_options", "read:current_user", "read:custom_domains",
    "read:custom_signing_keys", "read:device_credentials", "read:directory_provisionings", "read:email_provider",
    "read:email_templates", "read:encryption_keys", "read:event_deliveries", "read:event_streams", "read:events",
    "read:flows", "read:flows_executions", "read:flows_vault_connections", "read:forms", "read:grants",
    "read:group_members", "read:group_roles", "read:groups", "read:guardian_enrollments", "read:guardian_factors",
    "read:hooks", "read:log_streams", "read:logs", "read:logs_users", "read:mfa_policies", "read:network_acls",
    "read:organization_client_grants", "read:organization_connections", "read:organization_discovery_domains",
    "read:organization_group_roles", "read:organization_groups", "read:organization_invitations",
    "read:organization_member_effective_roles", "read:organization_member_role_source_groups",
    "read:organization_member_roles", "read:organization_members", "read:organizations", "read:organizations_summary",
    "read:phone_providers", "read:phone_templates", "read:prompts", "read:rate_limit_policies", "read:refresh_tokens",
    "read:resource_servers", "read:role_members", "read:roles", "read:rules", "read:rules_configs", "read:scim_config",
    "read:scim_token", "read:self_service_profile_custom_texts", "read:self_service_profiles", "read:sessions",
    "read:signing_keys", "read:stats", "read:tenant_settings", "read:token_exchange_profiles",
    "read:user_attribute_profiles", "read:user_effective_permissions", "read:user_effective_roles",
    "read:user_idp_tokens", "read:user_permission_source_roles", "read:user_role_source_groups", "read:users",
    "read:users_app_metadata", "read:vdcs_templates", "update:actions", "update:attack_protection",
    "update:authentication_methods", "update:branding", "update:client_credentials", "update:client_grants",
    "update:client_keys", "update:client_token_vault_privileged_access", "update:clients", "update:connection_profiles",
    "update:connections", "update:connections_keys", "update:connections_options", "update:current_user_identities",
    "update:current_user_metadata", "update:custom_domains", "update:custom_signing_keys",
    "update:directory_provisionings", "update:email_provider", "update:email_templates", "update:encryption_keys",
    "update:event_deliveries", "update:event_streams", "update:flows", "update:flows_vault_connections", "update:forms",
    "update:guardian_factors", "update:hooks", "update:log_streams", "update:mfa_policies", "update:network_acls",
    "update:organization_connections", "update:organization_discovery_domains", "update:organizations",
    "update:phone_providers", "update:phone_templates", "update:prompts", "update:rate_limit_policies",
    "update:refresh_tokens", "update:resource_servers", "update:roles", "update:rules", "update:rules_configs",
    "update:scim_config", "update:self_service_profile_custom_texts", "update:self_service_profiles", "update:sessions",
    "update:signing_keys", "update:tenant_settings", "update:token_exchange_profiles", "update:user_attribute_profiles",
    "update:users", "update:users_app_metadata", "update:vdcs_templates",
};

// Scopes about the signed-in user. They are granted to that user's own token
// and act on that user only; in a server-side token they make no sense.
inline constexpr std::string_view current_user_scopes[] = {
    "read:current_user", "delete:current_user", "update:current_user_identities", "update:current_user_metadata",
    "create:current_user_metadata", "delete:current_user_metadata", "create:current_user_device_credentials",
    "delete:current_user_device_credentials",
};

// The action and the entity of "action:entity" (empty views when there is no colon).
constexpr std::string_view scope_action(std::string_view scope) noexcept {
  const std::size_t colon = scope.find(':');
  return colon == std::string_view::npos ? std::string_view() : detail::slice(scope, 0, colon);
}
constexpr std::string_view scope_entity(std::string_view scope) noexcept {
  const std::size_t colon = scope.find(':');
  return colon == std::string_view::npos ? std::string_view() : detail::slice(scope, colon + 1);
}

// action:entity, each side one or more of a-z 0-9 _, exactly one colon.
constexpr bool is_well_formed_scope(std::string_view scope) noexcept {
  const std::size_t colon = scope.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == scope.size()) return false;
  for (std::size_t i = 0; i < scope.size(); ++i) {
    const char c = scope[i];
    if (i != colon && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

namespace detail {
// Whether `name` is in names[0, N), by a linear search: for short lists.
template <std::size_t N>
constexpr bool is_one_of(std::string_view name, const std::string_view (&names)[N]) noexcept {
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}
}  // namespace detail

constexpr bool is_current_user_scope(std::string_view scope) noexcept {
  return detail::is_one_of(scope, current_user_scopes);
}

constexpr bool is_known_scope(std::string_view scope) noexcept {
  std::size_t lo = 0, hi = std::size(management_api_scopes);
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (management_api_scopes[mid] < scope) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < std::size(management_api_scopes) && management_api_scopes[lo] == scope;
}

namespace detail {
inline constexpr std::size_t max_compared_scope_length = 64;

// Levenshtein distance with one row of fixed size, given up as soon as it
// must exceed `bound` (the answer is then bound + 1): the suggestion search
// wants only close names, and stays cheap enough for constant evaluation.
constexpr std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t bound) noexcept {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > bound || a.size() > max_compared_scope_length || b.size() > max_compared_scope_length) return bound + 1;
  std::size_t row[max_compared_scope_length + 1] = {};
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      const std::size_t insert_or_delete = (above < row[j - 1] ? above : row[j - 1]) + 1;
      row[j] = substitute < insert_or_delete ? substitute : insert_or_delete;
      row_min = row[j] < row_min ? row[j] : row_min;
      diagonal = above;
    }
    if (row_min > bound) return bound + 1;  // every later row is at least this
  }
  return row[b.size()] <= bound ? row[b.size()] : bound + 1;
}
}  // namespace detail

// The name of names[0, count) closest to `wanted` by edit distance, when it is
// close enough to be a plausible typo (at most a third of the length of
// `wanted` in edits, at least 1, at most 4); otherwise an empty view. Ties go
// to the first.
constexpr std::string_view nearest_name(std::string_view wanted, const std::string_view* names,
                                        std::size_t count) noexcept {
  std::size_t allowed = wanted.size() / 3;
  allowed = allowed < 1 ? 1 : (allowed > 4 ? 4 : allowed);
  std::string_view best;
  std::size_t best_distance = allowed + 1;
  for (std::size_t i = 0; i < count && best_distance > 0; ++i) {
    // Bounded by the best so far minus one: only a strictly closer name wins.
    const std::size_t d = detail::bounded_edit_distance(wanted, names[i], best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = names[i];
    }
  }
  return best;
}

// The known scope closest to `scope` ("read:user" -> "read:users"), or empty.
constexpr std::string_view nearest_known_scope(std::string_view scope) noexcept {
  return nearest_name(scope, management_api_scopes, std::size(management_api_scopes));
}

// Scopes as the caller holds them: space-separated text ("read:users
// update:clients") or an array of views. In text an empty text is no scope; a
// leading, trailing or doubled space yields an empty scope (malformed).
class scope_list {
 public:
  class iterator {
   public:
    constexpr std::string_view operator*() const noexcept {
      if (list_->items_ != nullptr) return list_->items_[position_];
      const std::string_view rest = detail::slice(list_->text_, position_);
      return detail::slice(rest, 0, rest.find(' '));
    }
    constexpr iterator& operator++() noexcept {
      if (list_->items_ != nullptr) {
        ++position_;
      } else {
        const std::size_t space = list_->text_.find(' ', position_);
        position_ = space == std::string_view::npos ? end_position(*list_) : space + 1;
      }
      return *this;
    }
    constexpr bool operator==(const iterator& other) const noexcept { return position_ == other.position_; }
    constexpr bool operator!=(const iterator& other) const noexcept { return position_ != other.position_; }

   private:
    friend class scope_list;
    constexpr iterator(const scope_list* list, std::size_t position) noexcept : list_(list), position_(position) {}
    const scope_list* list_;
    std::size_t position_;  // index into the array, or offset into the text
  };

  constexpr scope_list() noexcept = default;
  constexpr scope_list(std::string_view space_separated) noexcept : text_(space_separated) {}  // NOLINT
  constexpr scope_list(const char* space_separated) noexcept : text_(space_separated) {}       // NOLINT
  constexpr scope_list(const std::string_view* items, std::size_t count) noexcept
      : items_(items == nullptr && count == 0 ? no_items : items), count_(count) {}
  template <std::size_t N>
  constexpr scope_list(const std::string_view (&items)[N]) noexcept : items_(items), count_(N) {}  // NOLINT

  constexpr iterator begin() const noexcept { return iterator(this, 0); }
  constexpr iterator end() const noexcept { return iterator(this, end_position(*this)); }
  constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  // An "end" offset past any text position, so "a " (a trailing space) still
  // yields its final empty scope before reaching end.
  static constexpr std::size_t end_position(const scope_list& list) noexcept {
    return list.items_ != nullptr ? list.count_ : (list.text_.empty() ? 0 : list.text_.size() + 1);
  }
  static constexpr std::string_view no_items[1] = {};

  const std::string_view* items_ = nullptr;
  std::size_t count_ = 0;
  std::string_view text_;
};

enum class scope_policy {
  any_well_formed,  // any action:entity (the default: new scopes appear over time)
  known_only,       // only names of the catalogue; others refused with a suggestion
};

// What check_scopes found: success, or the first offending scope with the
// reason and, for an unknown scope, the nearest known name (may be empty).
class scope_check {
 public:
  constexpr scope_check() noexcept = default;
  constexpr scope_check(jwtcore::error e, std::string_view scope, std::string_view suggestion) noexcept
      : error_(e), scope_(scope), suggestion_(suggestion), ok_(false) {}

  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr jwtcore::error error() const noexcept { return error_; }
  constexpr std::string_view scope() const noexcept { return scope_; }
  constexpr std::string_view suggestion() const noexcept { return suggestion_; }

 private:
  jwtcore::error error_ = jwtcore::error::malformed_scope;
  std::string_view scope_;
  std::string_view suggestion_;
  bool ok_ = true;
};

namespace detail {
// The first scope of the list that is malformed (malformed_scope), about the
// signed-in user (current_user_scope) or, when `known`, not in the catalogue
// (unknown_scope, with the nearest known name as the suggestion).
template <bool known>
constexpr scope_check check_each_scope(const scope_list& scopes) noexcept {
  for (std::string_view scope : scopes) {
    if (!is_well_formed_scope(scope)) return scope_check(error::malformed_scope, scope, {});
    if (is_current_user_scope(scope)) return scope_check(error::current_user_scope, scope, {});
    if constexpr (known) {
      if (!is_known_scope(scope)) return scope_check(error::unknown_scope, scope, nearest_known_scope(scope));
    }
  }
  return scope_check();
}
}  // namespace detail

// Apart from the catalogue check, so a program that never asks for known_only
// links neither the catalogue nor the suggestion search.
constexpr scope_check check_scopes_well_formed(const scope_list& scopes) noexcept {
  return detail::check_each_scope<false>(scopes);
}
constexpr scope_check check_scopes_known(const scope_list& scopes) noexcept { return detail::check_each_scope<true>(scopes); }

// The check a policy asks for. A policy known only at run time links the
// catalogue; call the function of the policy directly to leave it out.
constexpr scope_check check_scopes(const scope_list& scopes, scope_policy policy = scope_policy::any_well_formed) noexcept {
  return policy == scope_policy::known_only ? check_scopes_known(scopes) : check_scopes_well_formed(scopes);
}

namespace detail {
// True when the scope at `at`, or with entity_only its entity, appeared earlier
// in the list (duplicates are folded into their first occurrence; quadratic,
// and lists are short).
constexpr bool seen_before(const scope_list& scopes, scope_list::iterator at, bool entity_only = false) noexcept {
  for (auto it = scopes.begin(); it != at; ++it) {
    if (entity_only ? scope_entity(*it) == scope_entity(*at) : *it == *at) return true;
  }
  return false;
}
}  // namespace detail

// Number of distinct scopes in the list.
constexpr std::size_t count_distinct_scopes(const scope_list& scopes) noexcept {
  std::size_t count = 0;
  for (auto it = scopes.begin(); it != scopes.end(); ++it) count += detail::seen_before(scopes, it) ? 0u : 1u;
  return count;
}

}  // namespace jwtcore

#endif  // JWTCORE_SCOPES_HPP
