// jwtcore/claims.hpp: the claim set of a token, views of the caller's strings
// (which must outlive it) written as compact JSON in one order: iss, sub, aud,
// iat, nbf, exp, jti, scope | scopes, then custom claims as added. No heap.
#ifndef JWTCORE_CLAIMS_HPP
#define JWTCORE_CLAIMS_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <string_view>  // claim values are views

#include "bytes.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "scopes.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

// Writes the value of the "scope" claim: the distinct scopes in first-seen
// order, separated by single spaces. Validate with check_scopes first.
constexpr void write_scope_string(json_writer& writer, const scope_list& scopes) noexcept {
  writer.begin_string();
  std::string_view separator;
  for (auto it = scopes.begin(); it != scopes.end(); ++it) {
    if (detail::seen_before(scopes, it)) continue;
    writer.append_to_string(separator).append_to_string(*it);
    separator = " "sv;
  }
  writer.end_string();
}

// Writes the value of the early "scopes" claim: one member per entity in
// first-seen order, each {"actions":[...]} with its actions in first-seen order:
// {"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}.
constexpr void write_legacy_scopes_object(json_writer& writer, const scope_list& scopes) noexcept {
  writer.begin_object();
  for (auto entity_it = scopes.begin(); entity_it != scopes.end(); ++entity_it) {
    if (detail::seen_before(scopes, entity_it, true)) continue;
    const std::string_view entity = scope_entity(*entity_it);
    writer.key(entity).begin_object().key("actions"sv).begin_array();
    for (auto it = entity_it; it != scopes.end(); ++it) {
      if (scope_entity(*it) == entity && !detail::seen_before(scopes, it)) writer.string(scope_action(*it));
    }
    writer.end_array().end_object();
  }
  writer.end_object();
}

enum class scope_format {
  space_separated,  // "scope":"read:users update:clients" (the current form)
  legacy_object,    // "scopes":{"users":{"actions":["read"]},...} (early API v2 tokens)
};

class claims {
 public:
  static constexpr std::size_t max_custom_claims = 16;

 private:
  // Defined before the setters that use them: clang will not evaluate a
  // member template in a constant expression before its definition.
  template <class T>
  struct optional_value {
    T value{};
    bool present = false;
  };
  enum class custom_kind : unsigned char { string, integer, json };
  struct custom_claim {
    std::string_view name;
    custom_kind kind = custom_kind::string;
    std::string_view text;
    std::int64_t number = 0;
  };

  template <class T>
  constexpr claims& set(optional_value<T>& field, T value) noexcept {
    field.value = value;
    field.present = true;
    return *this;
  }

  constexpr claims& check_scopes_now() noexcept {
    if (has_scopes_) {
      scope_check_ = scope_checker_(scopes_);
      if constexpr (!detail::size_first) scope_text_ = scopes_as_one_text(scopes_);
    }
    return *this;
  }

  constexpr claims& add_custom(std::string_view name, custom_kind kind, std::string_view text,
                               std::int64_t number) noexcept {
    if (custom_count_ == max_custom_claims) {
      too_many_custom_ = true;
    } else {
      custom_[custom_count_++] = custom_claim{name, kind, text, number};
    }
    return *this;
  }

 public:
  constexpr claims& issuer(std::string_view iss) noexcept { return set(iss_, iss); }
  constexpr claims& subject(std::string_view sub) noexcept { return set(sub_, sub); }
  // One audience, written as a string.
  constexpr claims& audience(std::string_view aud) noexcept {
    audience_ = aud;
    audiences_ = nullptr;
    audience_count_ = 1;
    return *this;
  }
  // Several audiences, written as an array (even when there is one; an empty
  // list, or a null pointer, writes "aud":[], which no verifier accepts).
  constexpr claims& audiences(const std::string_view* auds, std::size_t count) noexcept {
    audiences_ = auds != nullptr ? auds : no_audiences;
    audience_count_ = auds != nullptr ? count : 0;
    return *this;
  }
  template <std::size_t N>
  constexpr claims& audiences(const std::string_view (&auds)[N]) noexcept { return audiences(auds, N); }
  constexpr claims& issued_at(std::int64_t iat) noexcept { return set(iat_, iat); }
  constexpr claims& not_before(std::int64_t nbf) noexcept { return set(nbf_, nbf); }
  constexpr claims& expires_at(std::int64_t exp) noexcept { return set(exp_, exp); }
  constexpr claims& jwt_id(std::string_view jti) noexcept { return set(jti_, jti); }

  // The granted scopes; duplicates are folded and first-seen order kept.
  // They are checked here, not at every write: the text they view must not
  // change afterwards (check_scopes and write_json report what was found here).
  constexpr claims& scopes(scope_list list, scope_format format = scope_format::space_separated) noexcept {
    scopes_ = list;
    has_scopes_ = true;
    scope_format_ = format;
    return check_scopes_now();
  }
  // known_only refuses names outside the Management API catalogue.
  constexpr claims& scope_checking(scope_policy policy) noexcept {
    scope_checker_ = policy == scope_policy::known_only ? check_scopes_known : check_scopes_well_formed;
    return check_scopes_now();
  }

  constexpr claims& custom_string(std::string_view name, std::string_view value) noexcept {
    return add_custom(name, custom_kind::string, value, 0);
  }
  constexpr claims& custom_integer(std::string_view name, std::int64_t value) noexcept {
    return add_custom(name, custom_kind::integer, {}, value);
  }
  constexpr claims& custom_boolean(std::string_view name, bool value) noexcept {
    return add_custom(name, custom_kind::json, value ? "true"sv : "false"sv, 0);
  }
  // Any JSON value, written as given once the strict reader accepts it (one
  // value, valid UTF-8, no duplicate names); if it does not, write_json gives
  // the reader's error.
  constexpr claims& custom_json(std::string_view name, std::string_view json) noexcept {
    if (const result<void> checked = json_validate(json); !checked && custom_json_error_) {
      custom_json_error_ = checked;
    }
    return add_custom(name, custom_kind::json, json, 0);
  }

  // The scopes as given, checked against the policy (see check_scopes).
  constexpr scope_check check_scopes() const noexcept { return scope_check_; }

  // The claim set as one JSON object in out[0, capacity). Refused: a scope
  // error, a custom name that repeats a registered or earlier one
  // (duplicate_member), too_many_claims, bad_utf8, buffer_too_small.
  constexpr result<std::size_t> write_json(char* out, std::size_t capacity) const noexcept {
    if (too_many_custom_) return error::too_many_claims;
    if (!custom_json_error_) return custom_json_error_.error();
    if (!scope_check_) return scope_check_.error();
    for (std::size_t i = 0; i < custom_count_; ++i) {
      if (is_registered_name(custom_[i].name)) return error::duplicate_member;
      for (std::size_t j = 0; j < i; ++j) {
        if (custom_[j].name == custom_[i].name) return error::duplicate_member;
      }
    }

    json_writer w(out, capacity);
    w.begin_object();
    if (iss_.present) w.plain_key("iss"sv).string(iss_.value);
    if (sub_.present) w.plain_key("sub"sv).string(sub_.value);
    if (audiences_ != nullptr) {
      w.plain_key("aud"sv).begin_array();
      for (std::size_t i = 0; i < audience_count_; ++i) w.string(audiences_[i]);
      w.end_array();
    } else if (audience_count_ == 1) {
      w.plain_key("aud"sv).string(audience_);
    }
    if (iat_.present) w.plain_key("iat"sv).integer(iat_.value);
    if (nbf_.present) w.plain_key("nbf"sv).integer(nbf_.value);
    if (exp_.present) w.plain_key("exp"sv).integer(exp_.value);
    if (jti_.present) w.plain_key("jti"sv).string(jti_.value);
    if (has_scopes_ && scope_format_ == scope_format::legacy_object) {
      write_legacy_scopes_object(w.plain_key("scopes"sv), scopes_);
    } else if (has_scopes_ && scope_text_.data() != nullptr) {
      w.plain_key("scope"sv).string(scope_text_);
    } else if (has_scopes_) {
      write_scope_string(w.plain_key("scope"sv), scopes_);
    }
    for (std::size_t i = 0; i < custom_count_; ++i) {
      const custom_claim& c = custom_[i];
      w.key(c.name);
      switch (c.kind) {
        case custom_kind::string: w.string(c.text); break;
        case custom_kind::integer: w.integer(c.number); break;
        case custom_kind::json: w.raw_value(c.text); break;
      }
    }
    w.end_object();
    return w.finish();
  }

#if JWTCORE_STD_STRING
  // The std::string convenience (it allocates).
  result<std::string> to_json() const {
    return detail::fill_string([this](char* out, std::size_t capacity) { return write_json(out, capacity); });
  }
#endif

  // The value of "scope" as one view, which writing copies, when the list is
  // one text of distinct scopes (the usual case); else a null view. Small
  // builds (size_first) leave it out and fold the list as they write it.
  static constexpr std::string_view scopes_as_one_text(const scope_list& scopes) noexcept {
    const char* first = nullptr;
    const char* end = nullptr;
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
      const std::string_view scope = *it;
      if (first != nullptr && (scope.data() != end + 1 || *end != ' ')) return {};
      if (detail::seen_before(scopes, it)) return {};
      if (first == nullptr) first = scope.data();
      end = scope.data() + scope.size();
    }
    return first != nullptr ? std::string_view(first, static_cast<std::size_t>(end - first)) : ""sv;
  }

  // The registered claim names this class writes itself.
  static constexpr bool is_registered_name(std::string_view name) noexcept {
    return detail::is_one_of(name, registered_names);
  }

 private:
  optional_value<std::string_view> iss_, sub_, jti_;
  optional_value<std::int64_t> iat_, nbf_, exp_;
  std::string_view audience_;
  static constexpr std::string_view no_audiences[1] = {};
  static constexpr std::string_view registered_names[] = {"iss"sv, "sub"sv, "aud"sv,   "iat"sv,   "nbf"sv,
                                                          "exp"sv, "jti"sv, "scope"sv, "scopes"sv};
  const std::string_view* audiences_ = nullptr;  // null: aud is one string, or absent
  std::size_t audience_count_ = 0;
  scope_list scopes_;
  bool has_scopes_ = false;
  scope_format scope_format_ = scope_format::space_separated;
  scope_check scope_check_;       // what scope_checker_ found in scopes_
  std::string_view scope_text_;  // scopes_as_one_text(scopes_), or null
  // The policy as the function that applies it: a program that never asks for
  // known_only never references the catalogue, and a static link drops it.
  scope_check (*scope_checker_)(const scope_list&) noexcept = check_scopes_well_formed;
  custom_claim custom_[max_custom_claims] = {};
  std::size_t custom_count_ = 0;
  bool too_many_custom_ = false;
  result<void> custom_json_error_;  // the first custom_json value the reader refused
};

}  // namespace jwtcore

#endif  // JWTCORE_CLAIMS_HPP
