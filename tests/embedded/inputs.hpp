// tests/embedded/inputs.hpp: the data the embedded units run on, shared by the
// image drivers and the host check. The tokens were computed independently
// (python3 hmac/hashlib/base64) from the secret and the JSON shown.
#ifndef JWTCORE_TESTS_EMBEDDED_INPUTS_HPP
#define JWTCORE_TESTS_EMBEDDED_INPUTS_HPP

namespace embedded_inputs {

inline constexpr char secret[] = "embedded-test-secret-of-32-bytes!!";  // 34 bytes
inline constexpr char audience[] = "tenant-client";
inline constexpr char issuer[] = "https://tenant.example/";
inline constexpr char scope[] = "read:users update:clients";
inline constexpr char required_scope[] = "update:clients";
inline constexpr long long issued_at = 1700000000;
inline constexpr long long expires_at = 1700086400;
inline constexpr long long now = 1700000100;

// {"iss":"https://tenant.example/","sub":"device-42","aud":"tenant-client",
//  "iat":1700000000,"exp":1700086400,"scope":"read:users update:clients"}
// under {"alg":"HS256","typ":"JWT"}, signed with `secret`.
inline constexpr char payload_json[] =
    R"({"iss":"https://tenant.example/","sub":"device-42","aud":"tenant-client","iat":1700000000,)"
    R"("exp":1700086400,"scope":"read:users update:clients"})";
inline constexpr char payload_token[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImRldmljZS00MiIsImF1ZCI6InRlbmFudC1jbGllbnQiLCJpYXQiOjE3"
    "MDAwMDAwMDAsImV4cCI6MTcwMDA4NjQwMCwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIn0."
    "hXKPCh2IsEaVrvF4pRuPZV_PXpduBV-GfWbBwGy4ELY";

// The claim set aud, iat, exp, scope (as jwtcore::claims writes it), signed the same way.
inline constexpr char claims_token[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJhdWQiOiJ0ZW5hbnQtY2xpZW50IiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwODY0MDAsInNjb3BlIjoicmVhZDp1c2VycyB1cGRh"
    "dGU6Y2xpZW50cyJ9."
    "2oHy9GDwy9EX_7YDGhePCuykfcbhVxG4spvH3K4mltw";

// payload_json under {"alg":"HS512","typ":"JWT"}, signed with secret_hs512
// (64 bytes, the HS512 minimum).
inline constexpr char secret_hs512[] = "embedded-test-secret-of-64-bytes-for-hs512-signing-and-checking!";
inline constexpr char hs512_token[] =
    "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwczovL3RlbmFudC5leGFtcGxlLyIsInN1YiI6ImRldmljZS00MiIsImF1ZCI6InRlbmFudC1jbGllbnQiLCJpYXQiOjE3"
    "MDAwMDAwMDAsImV4cCI6MTcwMDA4NjQwMCwic2NvcGUiOiJyZWFkOnVzZXJzIHVwZGF0ZTpjbGllbnRzIn0."
    "rnvB2EVNE75XtAX-dDDrHBMXDkdsyoUWmm3j-M-HrA-0ZcRSPBH9rrQCILKptKRzif_ZsVEbNucwebk_Usi2rQ";

}  // namespace embedded_inputs

#endif  // JWTCORE_TESTS_EMBEDDED_INPUTS_HPP
