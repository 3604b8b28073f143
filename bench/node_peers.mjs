// bench/node_peers.mjs: times fast-jwt, jose and jsonwebtoken signing and
// verifying the reference token of reference_token.hpp, in ns per token.
// Run by node_peers.sh from the scratch folder the packages were installed in:
//   node node_peers.mjs PATH/TO/reference_token.hpp [ROUNDS]
// Prints one JSON object: {library: {version, sign_ns, verify_ns}}.
//
// The secret and the payload bytes come from the header (the secret, and the
// payload segment of its HS384 token, which the C++ programs check against
// both python and jwtcore's claim writer), so they cannot drift from the C++
// figures. The HS256 token is then header segment + payload segment + the MAC
// of node's crypto: the bytes make_reference_token() builds. Before timing,
// each library must sign exactly those bytes, accept them with the reference
// checks (exp at verify_time, aud, iss, one scope) and refuse them with one
// signature character changed; else the script stops with a message.
import { createHmac, createSecretKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [headerPath, roundsText = '7'] = process.argv.slice(2);
const rounds = Number(roundsText);

function fail(what) {
  console.error(`node_peers: ${what}`);
  process.exit(1);
}

// ---- the reference, read from reference_token.hpp ----------------------------

const header = readFileSync(headerPath, 'utf8');
// The value of `inline constexpr std::string_view NAME = "..." "...";` (adjacent literals joined).
function constant(name) {
  const m = header.match(new RegExp(`std::string_view ${name} =((?:\\s*"[^"]*")+);`));
  if (!m) fail(`${name} not found in ${headerPath}`);
  return [...m[1].matchAll(/"([^"]*)"/g)].map((part) => part[1]).join('');
}
function integer(name) {
  const m = header.match(new RegExp(`${name} = (\\d+)(?: \\+ (\\d+))?;`));
  if (!m) fail(`${name} not found in ${headerPath}`);
  return Number(m[1]) + Number(m[2] ?? 0);
}
const issuedAt = integer('issued_at');
const ref = {
  secret: constant('secret'),
  issuer: constant('issuer'),
  audience: constant('audience'),
  requiredScope: constant('required_scope'),
  verifyTime: Number(header.match(/verify_time = issued_at \+ (\d+);/)?.[1] ?? fail('verify_time not found')) + issuedAt,
  signingInputSize: integer('expected_signing_input_size'),
};
const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const payloadSegment = constant('expected_hs384_token').split('.')[1];
ref.payloadJson = Buffer.from(payloadSegment, 'base64url').toString('utf8');
ref.claims = JSON.parse(ref.payloadJson);
ref.signingInput = `${b64('{"alg":"HS256","typ":"JWT"}')}.${payloadSegment}`;
if (ref.signingInput.length !== ref.signingInputSize) fail(`the signing input is ${ref.signingInput.length} bytes, not ${ref.signingInputSize}`);
if (JSON.stringify(ref.claims) !== ref.payloadJson) fail('the payload is not in JSON.stringify form');
const headerClaims = {
  iss: ref.issuer, sub: constant('subject'), aud: ref.audience, iat: issuedAt, exp: integer('expires_at'),
  jti: constant('jwt_id'), scope: constant('scope'),
};
if (JSON.stringify(headerClaims) !== ref.payloadJson) fail(`the payload is not the header's claims: ${ref.payloadJson}`);
ref.token = `${ref.signingInput}.${createHmac('sha256', ref.secret).update(ref.signingInput).digest('base64url')}`;
// As tampered_reference_token() changes it.
ref.tampered = (() => {
  const at = ref.token.lastIndexOf('.') + 10;
  return ref.token.slice(0, at) + (ref.token[at] === 'A' ? 'B' : 'A') + ref.token.slice(at + 1);
})();

// For the libraries with no notion of scopes: the whole-word search a caller writes.
const grants = (scopes, wanted) => typeof scopes === 'string' && scopes.split(' ').includes(wanted);
const sameClaims = (claims) => Object.keys(ref.claims).every((name) => claims[name] === ref.claims[name]);
const accepted = (claims) => sameClaims(claims) && grants(claims.scope, ref.requiredScope);

// ---- the libraries: sign and verify as their users call them -----------------

const secretBytes = new TextEncoder().encode(ref.secret);
const peers = {
  'fast-jwt': async () => {
    const { createSigner, createVerifier } = require('fast-jwt');
    const sign = createSigner({ key: ref.secret, algorithm: 'HS256' });
    const verify = createVerifier({
      key: ref.secret, algorithms: ['HS256'], allowedAud: ref.audience, allowedIss: ref.issuer,
      clockTimestamp: ref.verifyTime * 1000,
    });
    return {
      sign: () => sign(ref.claims),
      verify: (token) => accepted(verify(token)),
    };
  },
  jose: async () => {
    const { SignJWT, jwtVerify } = await import('jose');
    const key = await webcrypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const options = { algorithms: ['HS256'], audience: ref.audience, issuer: ref.issuer, currentDate: new Date(ref.verifyTime * 1000) };
    return {
      sign: () => new SignJWT(ref.claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key),
      verify: async (token) => accepted((await jwtVerify(token, key, options)).payload),
    };
  },
  jsonwebtoken: async () => {
    const jwt = require('jsonwebtoken');
    const key = createSecretKey(secretBytes);
    const options = { algorithms: ['HS256'], audience: ref.audience, issuer: ref.issuer, clockTimestamp: ref.verifyTime };
    return {
      sign: () => jwt.sign(ref.claims, key, { algorithm: 'HS256' }),
      verify: (token) => accepted(jwt.verify(token, key, options)),
    };
  },
};

// ---- timing ----------------------------------------------------------------------

// Best round's ns per call of fn (awaited only when it returns a promise, so the
// synchronous libraries are not timed through the microtask queue).
async function time(fn) {
  const isAsync = fn() instanceof Promise;
  const run = isAsync
    ? async (n) => { for (let i = 0; i < n; ++i) await fn(); }
    : async (n) => { for (let i = 0; i < n; ++i) fn(); };
  // Warm-up (JIT tiers) and the iteration count for rounds of about 0.2 s.
  let n = 1000;
  for (;;) {
    const start = process.hrtime.bigint();
    await run(n);
    const elapsed = Number(process.hrtime.bigint() - start);
    if (elapsed > 1e8) { n = Math.max(1000, Math.round((n * 2e8) / elapsed)); break; }
    n *= 2;
  }
  let best = Infinity;
  for (let round = 0; round < rounds; ++round) {
    const start = process.hrtime.bigint();
    await run(n);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / n);
  }
  return best;
}

async function refuses(verify, token) {
  try {
    return !(await verify(token));
  } catch {
    return true;
  }
}

const figures = {};
for (const [name, make] of Object.entries(peers)) {
  const peer = await make();
  const token = await peer.sign();
  if (token !== ref.token) fail(`${name} signed another token:\n  ${token}\nnot jwtcore's\n  ${ref.token}`);
  let ok;
  try {
    ok = await peer.verify(ref.token);
  } catch (e) {
    fail(`${name} refused jwtcore's token: ${e.message}`);
  }
  if (!ok) fail(`${name} accepted jwtcore's token with other claims`);
  if (!(await refuses(peer.verify, ref.tampered))) fail(`${name} accepted the token with a changed signature`);
  figures[name] = {
    version: JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version,
    sign_ns: await time(peer.sign),
    verify_ns: await time(() => peer.verify(ref.token)),
  };
}
console.log(JSON.stringify(figures));
