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
    "blacklist:tokens"sv, "create:actions"sv, "create:authentication_methods"sv, "create:client_credentials"sv,
    "create:client_grants"sv, "create:clients"sv, "create:connection_profiles"sv, "create:connections"sv,
    "create:connections_keys"sv, "create:current_user_device_credentials"sv, "create:current_user_metadata"sv,
    "create:custom_domains"sv, "create:custom_signing_keys"sv, "create:directory_provisionings"sv,
    "create:email_provider"sv, "create:email_templates"sv, "create:encryption_keys"sv, "create:event_streams"sv,
    "create:flows"sv, "create:flows_vault_connections"sv, "create:forms"sv, "create:group_roles"sv,
    "create:guardian_enrollment_tickets"sv, "create:hooks"sv, "create:log_streams"sv, "create:network_acls"sv,
    "create:organization_client_grants"sv, "create:organization_connections"sv,
    "create:organization_discovery_domains"sv, "create:organization_group_roles"sv, "create:organization_invitations"sv,
    "create:organization_member_roles"sv, "create:organization_members"sv, "create:organizations"sv,
    "create:phone_providers"sv, "create:phone_templates"sv, "create:rate_limit_policies"sv, "create:resource_servers"sv,
    "create:role_members"sv, "create:roles"sv, "create:rules"sv, "create:scim_config"sv, "create:scim_token"sv,
    "create:self_service_profiles"sv, "create:signing_keys"sv, "create:sso_access_tickets"sv,
    "create:token_exchange_profiles"sv, "create:user_attribute_profiles"sv, "create:user_tickets"sv, "create:users"sv,
    "create:users_app_metadata"sv, "create:vdcs_templates"sv, "delete:actions"sv, "delete:anomaly_blocks"sv,
    "delete:authentication_methods"sv, "delete:branding"sv, "delete:client_credentials"sv, "delete:client_grants"sv,
    "delete:clients"sv, "delete:connection_profiles"sv, "delete:connections"sv, "delete:current_user"sv,
    "delete:current_user_device_credentials"sv, "delete:current_user_metadata"sv, "delete:custom_domains"sv,
    "delete:custom_signing_keys"sv, "delete:device_credentials"sv, "delete:directory_provisionings"sv,
    "delete:email_provider"sv, "delete:encryption_keys"sv, "delete:event_streams"sv, "delete:flows"sv,
    "delete:flows_executions"sv, "delete:flows_vault_connections"sv, "delete:forms"sv, "delete:grants"sv,
    "delete:group_roles"sv, "delete:groups"sv, "delete:guardian_enrollments"sv, "delete:hooks"sv,
    "delete:log_streams"sv, "delete:network_acls"sv, "delete:organization_client_grants"sv,
    "delete:organization_connections"sv, "delete:organization_discovery_domains"sv, "delete:organization_group_roles"sv,
    "delete:organization_invitations"sv, "delete:organization_member_roles"sv, "delete:organization_members"sv,
    "delete:organizations"sv, "delete:phone_providers"sv, "delete:phone_templates"sv, "delete:rate_limit_policies"sv,
    "delete:refresh_tokens"sv, "delete:resource_servers"sv, "delete:role_members"sv, "delete:roles"sv, "delete:rules"sv,
    "delete:rules_configs"sv, "delete:scim_config"sv, "delete:scim_token"sv, "delete:self_service_profiles"sv,
    "delete:sessions"sv, "delete:sso_access_tickets"sv, "delete:token_exchange_profiles"sv,
    "delete:user_attribute_profiles"sv, "delete:users"sv, "delete:vdcs_templates"sv, "read:actions"sv,
    "read:anomaly_blocks"sv, "read:attack_protection"sv, "read:authentication_methods"sv, "read:branding"sv,
    "read:client_credentials"sv, "read:client_grants"sv, "read:client_keys"sv, "read:client_summary"sv,
    "read:clients"sv, "read:connection_profiles"sv, "read:connections"sv, "read:connections_keys"sv,
    "read:connections_options"sv, "read:current_user"sv, "read:custom_domains"sv, "read:custom_signing_keys"sv,
    "read:device_credentials"sv, "read:directory_provisionings"sv, "read:email_provider"sv, "read:email_templates"sv,
    "read:encryption_keys"sv, "read:event_deliveries"sv, "read:event_streams"sv, "read:events"sv, "read:flows"sv,
    "read:flows_executions"sv, "read:flows_vault_connections"sv, "read:forms"sv, "read:grants"sv,
    "read:group_members"sv, "read:group_roles"sv, "read:groups"sv, "read:guardian_enrollments"sv,
    "read:guardian_factors"sv, "read:hooks"sv, "read:log_streams"sv, "read:logs"sv, "read:logs_users"sv,
    "read:mfa_policies"sv, "read:network_acls"sv, "read:organization_client_grants"sv,
    "read:organization_connections"sv, "read:organization_discovery_domains"sv, "read:organization_group_roles"sv,
    "read:organization_groups"sv, "read:organization_invitations"sv, "read:organization_member_effective_roles"sv,
    "read:organization_member_role_source_groups"sv, "read:organization_member_roles"sv, "read:organization_members"sv,
    "read:organizations"sv, "read:organizations_summary"sv, "read:phone_providers"sv, "read:phone_templates"sv,
    "read:prompts"sv, "read:rate_limit_policies"sv, "read:refresh_tokens"sv, "read:resource_servers"sv,
    "read:role_members"sv, "read:roles"sv, "read:rules"sv, "read:rules_configs"sv, "read:scim_config"sv,
    "read:scim_token"sv, "read:self_service_profile_custom_texts"sv, "read:self_service_profiles"sv, "read:sessions"sv,
    "read:signing_keys"sv, "read:stats"sv, "read:tenant_settings"sv, "read:token_exchange_profiles"sv,
    "read:user_attribute_profiles"sv, "read:user_effective_permissions"sv, "read:user_effective_roles"sv,
    "read:user_idp_tokens"sv, "read:user_permission_source_roles"sv, "read:user_role_source_groups"sv, "read:users"sv,
    "read:users_app_metadata"sv, "read:vdcs_templates"sv, "update:actions"sv, "update:attack_protection"sv,
    "update:authentication_methods"sv, "update:branding"sv, "update:client_credentials"sv, "update:client_grants"sv,
    "update:client_keys"sv, "update:client_token_vault_privileged_access"sv, "update:clients"sv,
    "update:connection_profiles"sv, "update:connections"sv, "update:connections_keys"sv, "update:connections_options"sv,
    "update:current_user_identities"sv, "update:current_user_metadata"sv, "update:custom_domains"sv,
    "update:custom_signing_keys"sv, "update:directory_provisionings"sv, "update:email_provider"sv,
    "update:email_templates"sv, "update:encryption_keys"sv, "update:event_deliveries"sv, "update:event_streams"sv,
    "update:flows"sv, "update:flows_vault_connections"sv, "update:forms"sv, "update:guardian_factors"sv,
    "update:hooks"sv, "update:log_streams"sv, "update:mfa_policies"sv, "update:network_acls"sv,
    "update:organization_connections"sv, "update:organization_discovery_domains"sv, "update:organizations"sv,
    "update:phone_providers"sv, "update:phone_templates"sv, "update:prompts"sv, "update:rate_limit_policies"sv,
    "update:refresh_tokens"sv, "update:resource_servers"sv, "update:roles"sv, "update:rules"sv,
    "update:rules_configs"sv, "update:scim_config"sv, "update:self_service_profile_custom_texts"sv,
    "update:self_service_profiles"sv, "update:sessions"sv, "update:signing_keys"sv, "update:tenant_settings"sv,
    "update:token_exchange_profiles"sv, "update:user_attribute_profiles"sv, "update:users"sv,
    "update:users_app_metadata"sv, "update:vdcs_templates"sv,
};

// Scopes about the signed-in user. They are granted to that user's own token
// and act on that user only; in a server-side token they make no sense.
inline constexpr std::string_view current_user_scopes[] = {
    "read:current_user"sv, "delete:current_user"sv, "update:current_user_identities"sv,
    "update:current_user_metadata"sv, "create:current_user_metadata"sv, "delete:current_user_metadata"sv,
    "create:current_user_device_credentials"sv, "delete:current_user_device_credentials"sv,
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

// The first of names[0, count) closest to `wanted` by edit distance, when
// close enough for a plausible typo (a third of the length of `wanted` in
// edits, at least 1, at most 4); otherwise an empty view.
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
      return detail::slice(list_->text_, position_, word_end_ - position_);
    }
    // Past the space after the word, or, after the last word, to the end
    // position (one past the text's size).
    constexpr iterator& operator++() noexcept {
      position_ = list_->items_ != nullptr ? position_ + 1 : word_end_ + 1;
      word_end_ = list_->word_end(position_);
      return *this;
    }
    constexpr bool operator==(const iterator& other) const noexcept { return position_ == other.position_; }
    constexpr bool operator!=(const iterator& other) const noexcept { return position_ != other.position_; }

   private:
    friend class scope_list;
    constexpr iterator(const scope_list* list, std::size_t position, std::size_t word_end) noexcept
        : list_(list), position_(position), word_end_(word_end) {}
    const scope_list* list_;
    std::size_t position_;  // index into the array, or offset into the text
    std::size_t word_end_;  // in the text: the offset of the space after the word, or the text's size
  };

  constexpr scope_list() noexcept = default;
  constexpr scope_list(std::string_view space_separated) noexcept  // NOLINT
      : text_(space_separated), first_word_end_(word_end(0)) {}
  constexpr scope_list(const char* space_separated) noexcept : scope_list(std::string_view(space_separated)) {}  // NOLINT
  constexpr scope_list(const std::string_view* items, std::size_t count) noexcept
      : items_(items == nullptr && count == 0 ? no_items : items), count_(count) {}
  template <std::size_t N>
  constexpr scope_list(const std::string_view (&items)[N]) noexcept : items_(items), count_(N) {}  // NOLINT

  constexpr iterator begin() const noexcept { return iterator(this, 0, first_word_end_); }
  constexpr iterator end() const noexcept { return iterator(this, end_position(*this), end_position(*this)); }
  constexpr bool empty() const noexcept { return begin() == end(); }

 private:
  // An "end" offset past any text position, so "a " (a trailing space) still
  // yields its final empty scope before reaching end.
  static constexpr std::size_t end_position(const scope_list& list) noexcept {
    return list.items_ != nullptr ? list.count_ : (list.text_.empty() ? 0 : list.text_.size() + 1);
  }
  // Where the word of the text at `position` ends: each word's end is found
  // once, the first one's when the list is made (a verifier's list is walked
  // for every token).
  constexpr std::size_t word_end(std::size_t position) const noexcept {
    if (items_ != nullptr || position > text_.size()) return position;
    const std::size_t space = text_.find(' ', position);
    return space == std::string_view::npos ? text_.size() : space;
  }
  static constexpr std::string_view no_items[1] = {};

  const std::string_view* items_ = nullptr;
  std::size_t count_ = 0;
  std::string_view text_;
  std::size_t first_word_end_ = 0;
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

// Number of distinct scopes in the list.
constexpr std::size_t count_distinct_scopes(const scope_list& scopes) noexcept {
  std::size_t count = 0;
  for (auto it = scopes.begin(); it != scopes.end(); ++it) count += detail::seen_before(scopes, it) ? 0u : 1u;
  return count;
}

}  // namespace jwtcore

#endif  // JWTCORE_SCOPES_HPP
