// jwtcore/jwtcore.hpp: the whole library, in layer order: each header includes
// only ones above it (verify.hpp needs neither the writers nor the signer).
#ifndef JWTCORE_JWTCORE_HPP
#define JWTCORE_JWTCORE_HPP

#include "bytes.hpp"
#include "sha256.hpp"
#include "sha512.hpp"
#include "hmac.hpp"
#include "base64url.hpp"
#include "json_reader.hpp"
#include "json_writer.hpp"
#include "scopes.hpp"
#include "claims.hpp"
#include "key.hpp"
#include "sign.hpp"
#include "verify.hpp"
#include "jwk.hpp"

#endif  // JWTCORE_JWTCORE_HPP
