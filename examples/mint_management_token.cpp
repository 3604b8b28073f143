// Mints a Management API token the way a service does, with no heap on the
// signing path, then checks its signature. The secret below is a demo value:
// real tenant secrets come from a file or a secret store, never from source.
#include <jwtcore/jwtcore.hpp>

#include <cstdio>

int main() {
  const jwtcore::hs256_key key("DEMO-ONLY secret: never use me for real tokens!");

  jwtcore::claims claims;
  claims.issuer("https://demo-tenant.example.com/")
      .audience("DEMO_GLOBAL_CLIENT_ID")
      .issued_at(1700000000)
      .expires_at(1700000000 + 86400)
      .jwt_id("4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f")
      .scopes("read:users update:clients");

  char token[512];
  const jwtcore::result<std::size_t> length = jwtcore::sign_hs256_into(key, claims, token, sizeof(token));
  if (!length) {
    std::fprintf(stderr, "mint: %.*s\n", static_cast<int>(jwtcore::message(length.error()).size()),
                 jwtcore::message(length.error()).data());
    return 1;
  }
  const std::string_view minted(token, *length);
  std::printf("%.*s\n", static_cast<int>(minted.size()), minted.data());
  std::printf("signature %s\n", jwtcore::check_hs256_signature(key, minted) ? "valid" : "INVALID");
  return jwtcore::check_hs256_signature(key, minted) ? 0 : 1;
}
