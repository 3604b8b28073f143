// jwtcore/jwtcore.hpp: the whole library. Each header below includes only
// ones before it: bytes -> sha256 -> sha512 -> hmac -> base64url -> json_writer ->
// json_reader -> scopes -> claims -> key -> sign -> verify (which needs
// neither the writers nor the signer) -> jwk (keys from JSON Web Keys).
#ifndef JWTCORE_JWTCORE_HPP
#define JWTCORE_JWTCORE_HPP

#include "bytes.hpp"
#include "sha256.hpp"
#include "sha512.hpp"
#include "hmac.hpp"
#include "base64url.hpp"
#include "json_writer.hpp"
#include "json_reader.hpp"
#include "scopes.hpp"
#include "claims.hpp"
#include "key.hpp"
#include "sign.hpp"
#include "verify.hpp"
#include "jwk.hpp"

#endif  // JWTCORE_JWTCORE_HPP
