#!/usr/bin/env python3
"""Writes the HS384/HS512 seeds of fuzz/corpus: SHA-512-block boundary inputs
for fuzz_hash_hmac, tokens signed with Python's hmac/hashlib under the keys of
fuzz_verify.cpp, and fuzz_sign_verify inputs that pick HS384 or HS512.

    python3 fuzz/corpus/make_hs384_hs512_seeds.py

The keys and the fields' layout are those of the harnesses; change them
together. Rerunning rewrites the same files byte for byte.
"""
import base64
import hashlib
import hmac
import json
import pathlib
import struct

CORPUS = pathlib.Path(__file__).resolve().parent

# fuzz_verify.cpp's keys: (hash, secret, kid); the mode byte signing with key i is i + 1.
KEYS = {
    "A": (hashlib.sha256, b"jwtcore-fuzz-secret-A-0123456789abcdef", ""),
    "B": (hashlib.sha256, b"jwtcore-fuzz-secret-B-a-secret-longer-than-one-sha256-block-of-64-bytes!", "k2"),
    "C": (hashlib.sha256, b"short", "legacy"),
    "D": (hashlib.sha384, b"jwtcore-fuzz-secret-D-hs384-0123456789abcdef-0123456789", ""),
    "E": (hashlib.sha512,
          b"jwtcore-fuzz-secret-E-hs512-a-secret-longer-than-one-sha512-block-of-128-bytes-"
          b"0123456789abcdef0123456789abcdef0123456789abcdef", "k512"),
    "F": (hashlib.sha384, b"jwtcore-fuzz-secret-F-hs384-named-like-B-0123456789abcdef", "k2"),
    "G": (hashlib.sha512, b"jwtcore-fuzz-secret-G-hs512-too-short", ""),
}
MODE = {name: i + 1 for i, name in enumerate(KEYS)}
ALG = {hashlib.sha256: "HS256", hashlib.sha384: "HS384", hashlib.sha512: "HS512"}

# The claims fuzz_verify's strict policy wants at its now (1700000000).
STRICT_CLAIMS = {
    "iss": "https://tenant.example.com/",
    "aud": "https://tenant.example.com/api/v2/",
    "scope": "read:users update:clients",
    "iat": 1700000000,
    "exp": 1700086400,
    "jti": "f00d",
}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(obj) -> str:
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def signing_input(alg: str, claims, kid: str = "") -> str:
    header = {"alg": alg, "typ": "JWT"}
    if kid:
        header["kid"] = kid
    return segment(header) + "." + segment(claims)


def mac(key: str, text: str) -> str:
    digest, secret, _ = KEYS[key]
    return b64(hmac.new(secret, text.encode(), digest).digest())


def write(harness: str, name: str, data: bytes) -> None:
    (CORPUS / harness / name).write_bytes(data)


def verify_seeds() -> None:
    def token(name, key, alg=None, kid=None, claims=STRICT_CLAIMS):
        digest, _, key_kid = KEYS[key]
        text = signing_input(alg or ALG[digest], claims, key_kid if kid is None else kid)
        write("verify", name, b"\0" + (text + "." + mac(key, text)).encode())

    token("hs384-strict-ok", "D")
    token("hs512-kid-k512-strict-ok", "E")
    token("hs384-kid-k2-shared-with-hs256", "F")
    token("hs512-short-key-not-in-set", "G")
    token("hs384-header-hs256-mac", "A", alg="HS384")  # a MAC of another length
    token("hs256-header-hs384-mac", "D", alg="HS256")
    token("hs512-kid-legacy-names-hs256-only", "E", kid="legacy")
    token("hs384-kid-k512-unnamed-hs384-key-admits", "D", kid="k512")
    # The signing inputs alone: the harness appends the signature of the mode's key.
    for key in "DEFG":
        digest, _, kid = KEYS[key]
        write("verify", f"signing-input-{key.lower()}-{ALG[digest].lower()}",
              bytes([MODE[key]]) + signing_input(ALG[digest], STRICT_CLAIMS, kid).encode())


def sign_verify_seed(alg: int, secret: bytes, allow_short: bool = False, kid: bytes = b"", payload: bytes = b"") -> bytes:
    """fuzz_sign_verify's fields: flags, more_flags, secret, [kid], times, scopes, customs, mask, rest."""
    flags = (1 if allow_short else 0) | (2 if kid else 0)
    more_flags = 4 | 8 | (alg << 5)  # exp, scopes, the algorithm in bits 5-6 (0 HS256, 1 HS384, 2 HS512)
    out = bytes([flags, more_flags, len(secret)]) + secret
    if kid:
        out += bytes([len(kid)]) + kid
    out += struct.pack(">QII", 4 * 1700000000, 60, 3600) + struct.pack(">Q", 1700000000)
    out += bytes([2, 0, 9])  # two scopes: read:users, create:clients
    out += bytes([0, 0x21])  # no custom claims; the flip mask
    return out + payload


def sign_verify_seeds() -> None:
    write("sign_verify", "hs384-kid", sign_verify_seed(1, b"s" * 48, kid=b"k384", payload=b'{"a":1}'))
    write("sign_verify", "hs512-long-secret", sign_verify_seed(2, bytes(range(130))))
    write("sign_verify", "hs384-secret-47-refused", sign_verify_seed(1, b"s" * 47))
    write("sign_verify", "hs512-secret-63-refused", sign_verify_seed(2, b"s" * 63))
    write("sign_verify", "hs512-secret-32-allowed", sign_verify_seed(2, b"s" * 32, allow_short=True))


def hash_hmac_seeds() -> None:
    """key length byte, key, split seed byte, message: SHA-512 block boundaries."""
    message = bytes((i * 7 + 3) & 0xFF for i in range(300))
    for n in (111, 112, 127, 128, 129, 239, 240, 256):
        write("hash_hmac", f"sha512-message-{n}", bytes([4]) + b"key!" + bytes([n & 0xFF]) + message[:n])
    for n in (128, 129, 200):
        write("hash_hmac", f"sha512-key-{n}", bytes([n]) + bytes([0xAA]) * n + bytes([n & 0x7F]) + message[:50])


if __name__ == "__main__":
    verify_seeds()
    sign_verify_seeds()
    hash_hmac_seeds()
