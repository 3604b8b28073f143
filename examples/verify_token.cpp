// Verifies a Management API token the way an API does on every request: one
// verifier configured at start-up and shared by every request thread, the
// current and the previous secret during a rotation, each request's clock
// passed to verify(), and a buffer on the stack for the decoded claims. No heap.
#include <jwtcore/jwtcore.hpp>

#include <cstdint>
#include <cstdio>

int main(int argc, char** argv) {
  // Demo secrets: real ones come from a secret store, never from source.
  const jwtcore::hs256_key current("DEMO-ONLY secret: never use me for real tokens!");
  const jwtcore::hs256_key previous("DEMO-ONLY previous secret, still accepted while rotating");
  jwtcore::hs256_key_set keys;
  keys.add(current);
  keys.add(previous);

  jwtcore::verifier verifier;
  verifier.keys(keys)
      .leeway(30)
      .audience("DEMO_GLOBAL_CLIENT_ID")
      .issuer("https://demo-tenant.example.com/")
      .require_scopes("read:users");

  const std::string_view token =
      argc > 1 ? std::string_view(argv[1])
               : "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                 "eyJpc3MiOiJodHRwczovL2RlbW8tdGVuYW50LmV4YW1wbGUuY29tLyIsImF1ZCI6IkRFTU9fR0xPQkFMX0NMSUVOVF9JRCIsImlh"
                 "dCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDg2NDAwLCJqdGkiOiI0ZjFjMGQyZTlhOGI3YzZkNWU0ZjNhMmIxYzBkOWU4ZiIsInNj"
                 "b3BlIjoicmVhZDp1c2VycyB1cGRhdGU6Y2xpZW50cyJ9.4-H3qynPrnul6TyPNOzjw1ylQcecNQv4K5FfWl2L9ts";
  // Per request: only const calls on the shared verifier, the time as an argument.
  const std::int64_t unix_time = 1700000100;  // a service reads its clock here
  char buffer[2048];
  const jwtcore::result<jwtcore::verified_claims> claims = verifier.verify(token, unix_time, buffer, sizeof(buffer));
  if (!claims) {
    const std::string_view name = jwtcore::to_string(claims.error()), why = jwtcore::message(claims.error());
    std::printf("refused: %.*s: %.*s\n", static_cast<int>(name.size()), name.data(), static_cast<int>(why.size()),
                why.data());
    return 1;
  }
  std::printf("accepted: scope \"%.*s\"\n", static_cast<int>(claims->scope.size()), claims->scope.data());
  return 0;
}
