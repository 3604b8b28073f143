// jwtcore/claims.hpp: the claim set of a token, built from views of the
// caller's strings and written as compact JSON in one stable order:
//   iss, sub, aud, iat, nbf, exp, jti, scope | scopes, then custom claims
//   in the order they were added.
// Nothing is copied and nothing allocates; the strings must outlive the
// claims object until it is written.
#ifndef JWTCORE_CLAIMS_HPP
#define JWTCORE_CLAIMS_HPP

#include <cstddef>      // std::size_t
#include <cstdint>      // std::int64_t
#include <string_view>  // claim values are views

#include "bytes.hpp"
#include "json_writer.hpp"
#include "scopes.hpp"
#if JWTCORE_STD_STRING
#include <string>  // the std::string conveniences
#endif

namespace jwtcore {

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
  enum class custom_kind : unsigned char { string, integer, boolean };
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
  constexpr claims& audiences(const std::string_view (&auds)[N]) noexcept {
    return audiences(auds, N);
  }
  constexpr claims& issued_at(std::int64_t iat) noexcept { return set(iat_, iat); }
  constexpr claims& not_before(std::int64_t nbf) noexcept { return set(nbf_, nbf); }
  constexpr claims& expires_at(std::int64_t exp) noexcept { return set(exp_, exp); }
  constexpr claims& jwt_id(std::string_view jti) noexcept { return set(jti_, jti); }

  // The granted scopes; duplicates are folded and first-seen order kept.
  constexpr claims& scopes(scope_list list, scope_format format = scope_format::space_separated) noexcept {
    scopes_ = list;
    has_scopes_ = true;
    scope_format_ = format;
    return *this;
  }
  // known_only refuses names outside the Management API catalogue.
  constexpr claims& scope_checking(scope_policy policy) noexcept {
    scope_policy_ = policy;
    return *this;
  }

  constexpr claims& custom_string(std::string_view name, std::string_view value) noexcept {
    return add_custom(name, custom_kind::string, value, 0);
  }
  constexpr claims& custom_integer(std::string_view name, std::int64_t value) noexcept {
    return add_custom(name, custom_kind::integer, {}, value);
  }
  constexpr claims& custom_boolean(std::string_view name, bool value) noexcept {
    return add_custom(name, custom_kind::boolean, {}, value ? 1 : 0);
  }

  // The scopes as given, checked against the policy (see check_scopes).
  constexpr scope_check check_scopes() const noexcept {
    return has_scopes_ ? jwtcore::check_scopes(scopes_, scope_policy_) : scope_check();
  }

  // Writes the claim set as one JSON object into out[0, capacity).
  // Refused: a scope error (see check_scopes), a custom claim that repeats a
  // registered or earlier custom name (duplicate_member), more than
  // max_custom_claims (too_many_claims), invalid UTF-8, a too small buffer.
  constexpr result<std::size_t> write_json(char* out, std::size_t capacity) const noexcept {
    if (too_many_custom_) return error::too_many_claims;
    if (const scope_check checked = check_scopes(); !checked) return checked.error();
    for (std::size_t i = 0; i < custom_count_; ++i) {
      if (is_registered_name(custom_[i].name)) return error::duplicate_member;
      for (std::size_t j = 0; j < i; ++j) {
        if (custom_[j].name == custom_[i].name) return error::duplicate_member;
      }
    }

    json_writer w(out, capacity);
    w.begin_object();
    if (iss_.present) w.key("iss").string(iss_.value);
    if (sub_.present) w.key("sub").string(sub_.value);
    if (audiences_ != nullptr) {
      w.key("aud").begin_array();
      for (std::size_t i = 0; i < audience_count_; ++i) w.string(audiences_[i]);
      w.end_array();
    } else if (audience_count_ == 1) {
      w.key("aud").string(audience_);
    }
    if (iat_.present) w.key("iat").integer(iat_.value);
    if (nbf_.present) w.key("nbf").integer(nbf_.value);
    if (exp_.present) w.key("exp").integer(exp_.value);
    if (jti_.present) w.key("jti").string(jti_.value);
    if (has_scopes_) {
      if (scope_format_ == scope_format::space_separated) {
        write_scope_string(w.key("scope"), scopes_);
      } else {
        write_legacy_scopes_object(w.key("scopes"), scopes_);
      }
    }
    for (std::size_t i = 0; i < custom_count_; ++i) {
      const custom_claim& c = custom_[i];
      w.key(c.name);
      if (c.kind == custom_kind::string) {
        w.string(c.text);
      } else if (c.kind == custom_kind::integer) {
        w.integer(c.number);
      } else {
        w.boolean(c.number != 0);
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

  // The registered claim names this class writes itself.
  static constexpr bool is_registered_name(std::string_view name) noexcept {
    return name == "iss" || name == "sub" || name == "aud" || name == "iat" || name == "nbf" || name == "exp" ||
           name == "jti" || name == "scope" || name == "scopes";
  }

 private:
  optional_value<std::string_view> iss_, sub_, jti_;
  optional_value<std::int64_t> iat_, nbf_, exp_;
  std::string_view audience_;
  static constexpr std::string_view no_audiences[1] = {};
  const std::string_view* audiences_ = nullptr;  // null: aud is one string, or absent
  std::size_t audience_count_ = 0;
  scope_list scopes_;
  bool has_scopes_ = false;
  scope_format scope_format_ = scope_format::space_separated;
  scope_policy scope_policy_ = scope_policy::any_well_formed;
  custom_claim custom_[max_custom_claims] = {};
  std::size_t custom_count_ = 0;
  bool too_many_custom_ = false;
};

}  // namespace jwtcore

#endif  // JWTCORE_CLAIMS_HPP
