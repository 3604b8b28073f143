#!/usr/bin/env python3
"""Writes tests/data/verify_tokens.json: the tokens test_verify.cpp and test_algorithms.cpp check.

Every token, MAC and decoded value comes from python3's standard library
alone (hmac, hashlib, base64, json), never from jwtcore, so a bug in the
library cannot change what the tests expect. Secrets and texts are fixed:
running this again gives the same bytes (tests/data/PROVENANCE.md).

    python3 tests/data/make_verify_tokens.py           rewrite the file
    python3 tests/data/make_verify_tokens.py --check   exit 1 if it differs
"""
import base64
import hashlib
import hmac
import json
import os
import sys

# The secrets every token is signed with (test_verify.cpp holds the same).
SECRETS = {
    "current": b"verify-current-secret-0123456789abcdef",
    "previous": b"verify-previous-secret-0123456789abcdef",
    "short": b"short-secret-16b",
    "kid_a": b"kid-a-secret-0123456789abcdefghijkl",
    "kid_b": b"kid-b-secret-0123456789abcdefghijkl",
    "unnamed": b"unnamed-secret-0123456789abcdefghij",
    "wrong": b"verify-wrong-secret-0123456789abcdefghi",
    "empty": b"",
}

H = '{"alg":"HS256","typ":"JWT"}'  # the standard header
PS = '{"exp":1700086400}'  # the smallest payload that verifies at now = 1700000000


def raw(text):
    return text if isinstance(text, bytes) else text.encode("utf-8")


def b64(data):
    """Unpadded base64url (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(raw(data)).rstrip(b"=").decode("ascii")


def join(*segments):
    return ".".join(segments)


def mac(signing_input, secret=SECRETS["current"], digest=hashlib.sha256):
    return hmac.new(secret, raw(signing_input), digest).digest()


def tok(header, payload, key="current", secret=None, digest=hashlib.sha256):
    """A compact JWS: b64(header).b64(payload).b64(HMAC of those two)."""
    signing = join(b64(header), b64(payload))
    return join(signing, b64(mac(signing, SECRETS[key] if secret is None else secret, digest)))


def signing_input(token):
    return token[: token.rindex(".")]


def flip(data, index, bits):
    out = bytearray(data)
    out[index] ^= bits
    return bytes(out)


def nest(depth):
    """{"exp":1700086400,"n":{"n":...{}}}, depth objects in all, as JSON text."""
    return '{"exp":1700086400,"n":' + '{"n":' * (depth - 2) + "{}" + "}" * (depth - 2) + "}"


def members(name_format, count):
    ""","c00":0,"c01":0,...: count members valued 0, named by name_format % i."""
    return "".join(',"%s":0' % (name_format % i) for i in range(count))


def J(value):
    """Compact JSON with raw UTF-8, as most JWT libraries write it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def deep_array_text(prefix):
    """prefix + 10,000 nested arrays + "}": too deep for any limit."""
    return prefix + "[" * 10000 + "]" * 10000 + "}"


def padded_payload(pad):
    return '{"exp":1700086400,"pad":"' + "a" * pad + '"}'


# ---- named values: tokens, the texts they were made from, MACs, decoded fields ----
V = {}
V['header_segment'] = b64(H)
V['valid_payload'] = '{"iss":"https://tenant.example/","sub":"auth0|alice","aud":"GLOBAL_CLIENT","iat":1699999000,"exp":1700086400,"jti":"jti-0001","scope":"read:users update:clients"}'
V['valid_token'] = tok(H, V['valid_payload'])
V['valid_mac_hex'] = mac(signing_input(V['valid_token'])).hex()
V['small_token'] = tok(H, PS)
V['alg_none_header_json'] = '{"alg":"none","typ":"JWT"}'
V['alg_none_token'] = tok('{"alg":"none","typ":"JWT"}', PS)
V['b64_base_token'] = tok('{"alg":"HS256","typ":"JWT","kid":"~??~>>>?~11"}', '{"exp":1700086400,"x":"aa~??~>>>?11"}')
V['nested_20_payload'] = nest(20)
V['nested_20_token'] = tok(H, V['nested_20_payload'])
V['nested_64_payload'] = nest(64)
V['nested_64_token'] = tok(H, V['nested_64_payload'])
V['nested_65_token'] = tok(H, nest(65))
V['exp_now_plus_100'] = tok(H, '{"exp":1700000100}')
V['nbf_now_plus_100'] = tok(H, '{"nbf":1700000100,"exp":1700086400}')
V['exp_100_5'] = tok(H, '{"exp":100.5}')
V['nbf_100_5'] = tok(H, '{"nbf":100.5,"exp":1700086400}')
V['exp_minus_0_5'] = tok(H, '{"exp":-0.5}')
V['nbf_minus_1_5'] = tok(H, '{"nbf":-1.5,"exp":1700086400}')
V['exp_int64_max_minus_1'] = tok(H, '{"exp":9223372036854775806}')
V['exp_one'] = tok(H, '{"exp":1}')
V['exp_int64_min'] = tok(H, '{"exp":-9223372036854775808}')
V['nbf_int64_min'] = tok(H, '{"nbf":-9223372036854775808,"exp":9223372036854775807}')
V['nbf_int64_min_plus_1'] = tok(H, '{"nbf":-9223372036854775807,"exp":9223372036854775807}')
V['nbf_int64_max'] = tok(H, '{"nbf":9223372036854775807,"exp":9223372036854775807}')
V['iat_int64_max'] = tok(H, '{"iat":9223372036854775807,"exp":9223372036854775807}')
V['iat_now_plus_10'] = tok(H, '{"iat":1700000010,"exp":1700086400}')
V['iat_now_plus_0_5'] = tok(H, '{"iat":1700000000.5,"exp":1700086400}')
V['no_iat'] = tok(H, PS)
V['no_exp'] = tok(H, '{"iss":"https://tenant.example/","sub":"auth0|alice"}')
V['empty_claims'] = tok(H, '{}')
V['no_exp_nbf_future'] = tok(H, '{"nbf":1700000100}')
V['exp_null'] = tok(H, '{"exp":null}')
V['exp_upper_case'] = tok(H, '{"EXP":1700086400}')
V['exp_with_space'] = tok(H, '{"exp ":1700086400}')
V['exp_escaped_expired'] = tok(H, '{"\\u0065xp":1}')
V['several_scopes_token'] = tok(H, '{"exp":1700086400,"scope":"read:users update:clients delete:users"}')
V['legacy_scopes_token'] = tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}}')
V['legacy_scopes_json'] = '{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}'
V['mixed_scopes_token'] = tok(H, '{"exp":1700086400,"scope":"create:roles","scopes":{"users":{"actions":["read"]}}}')
V['deny_plain'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-0001"}')
V['deny_other_jti'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-0002"}')
V['deny_other_aud'] = tok(H, '{"exp":1700086400,"aud":"OTHER_CLIENT","jti":"jti-0001"}')
V['deny_aud_array_hit'] = tok(H, '{"exp":1700086400,"aud":["OTHER_CLIENT","GLOBAL_CLIENT"],"jti":"jti-0001"}')
V['deny_aud_array_miss'] = tok(H, '{"exp":1700086400,"aud":["OTHER_CLIENT","THIRD_CLIENT"],"jti":"jti-0001"}')
V['deny_no_jti'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT"}')
V['deny_jti_prefix'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-000"}')
V['deny_jti_longer'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"jti-00011"}')
V['deny_jti_case'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_CLIENT","jti":"JTI-0001"}')
V['deny_aud_case'] = tok(H, '{"exp":1700086400,"aud":"global_client","jti":"jti-0001"}')
V['deny_escaped'] = tok(H, '{"exp":1700086400,"aud":"GLOBAL_\\u0043LIENT","jti":"jti-000\\u0031"}')
V['deny_no_aud'] = tok(H, '{"exp":1700086400,"jti":"jti-noaud"}')
V['deny_expired'] = tok(H, '{"exp":1,"aud":"GLOBAL_CLIENT","jti":"jti-0001"}')
V['kid_a_by_a'] = tok('{"alg":"HS256","kid":"a"}', PS, key="kid_a")
V['kid_b_by_b'] = tok('{"alg":"HS256","kid":"b"}', PS, key="kid_b")
V['kid_a_by_b'] = tok('{"alg":"HS256","kid":"a"}', PS, key="kid_b")
V['kid_c_by_a'] = tok('{"alg":"HS256","kid":"c"}', PS, key="kid_a")
V['no_kid_by_a'] = tok('{"alg":"HS256"}', PS, key="kid_a")
V['no_kid_by_b'] = tok('{"alg":"HS256"}', PS, key="kid_b")
V['no_kid_by_wrong'] = tok('{"alg":"HS256"}', PS, key="wrong")
V['kid_empty_by_a'] = tok('{"alg":"HS256","kid":""}', PS, key="kid_a")
V['kid_upper_a_by_a'] = tok('{"alg":"HS256","kid":"A"}', PS, key="kid_a")
V['kid_a_space_by_a'] = tok('{"alg":"HS256","kid":"a "}', PS, key="kid_a")
V['kid_escaped_a_by_a'] = tok('{"alg":"HS256","kid":"\\u0061"}', PS, key="kid_a")
V['kid_zzz_by_unnamed'] = tok('{"alg":"HS256","kid":"zzz"}', PS, key="unnamed")
V['kid_zzz_by_a'] = tok('{"alg":"HS256","kid":"zzz"}', PS, key="kid_a")
V['kid_a_by_unnamed'] = tok('{"alg":"HS256","kid":"a"}', PS, key="unnamed")
V['by_short'] = tok(H, PS, key="short")
V['by_empty_secret'] = tok(H, PS, key="empty")
V['by_previous'] = tok(H, PS, key="previous")
V['kid_2023_by_previous'] = tok('{"alg":"HS256","kid":"2023"}', PS, key="previous")
V['kid_2024_by_previous'] = tok('{"alg":"HS256","kid":"2024"}', PS, key="previous")
V['kid_2024_by_current'] = tok('{"alg":"HS256","kid":"2024"}', PS)
V['by_wrong'] = tok(H, PS, key="wrong")
V['policy_ok'] = tok(H, '{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok"}')
V['policy_expired_and_nbf'] = tok(H, '{"exp":1,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok","nbf":1700000100}')
V['policy_nbf_and_iat'] = tok(H, '{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok","nbf":1700000100,"iat":1700000100}')
V['policy_iat_and_aud'] = tok(H, '{"exp":1700086400,"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok","iat":1700000100}')
V['policy_aud_and_iss'] = tok(H, '{"exp":1700086400,"aud":"other","iss":"other","scope":"read:users","jti":"jti-ok"}')
V['policy_iss_and_scope'] = tok(H, '{"exp":1700086400,"aud":"https://api.example/","iss":"other","scope":"read:clients","jti":"jti-ok"}')
V['policy_scope_and_revoked'] = tok(H, '{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:clients","jti":"jti-revoked"}')
V['policy_revoked'] = tok(H, '{"exp":1700086400,"aud":"https://api.example/","iss":"https://tenant.example/","scope":"read:users","jti":"jti-revoked"}')
V['policy_no_exp_and_aud'] = tok(H, '{"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":"jti-ok"}')
V['policy_bad_type_and_expired'] = tok(H, '{"exp":1,"aud":"https://api.example/","iss":1,"scope":"read:users","jti":"jti-ok"}')
V['policy_bad_type_last'] = tok(H, '{"exp":1,"aud":"other","iss":"https://tenant.example/","scope":"read:users","jti":7,"zzz":0}')
V['order_alg_none_typ_number'] = tok('{"alg":"none","typ":1}', PS)
V['order_alg_none_kid_number'] = tok('{"alg":"none","kid":1}', PS)
V['order_crit_kid_number'] = tok('{"alg":"HS256","crit":["x"],"kid":1}', PS)
V['order_crit_typ_array'] = tok('{"alg":"HS256","typ":[],"crit":["x"]}', PS)
V['order_alg_none_crit'] = tok('{"alg":"none","crit":["x"]}', PS)
V['order_crit'] = tok('{"alg":"HS256","crit":["x"]}', PS)
V['order_alg_none_bad_json'] = tok('{"alg":"none",}', PS)
V['order_kid_unknown'] = tok('{"alg":"HS256","kid":"nope"}', PS)
V['order_unsigned_array_payload'] = join(b64(H), b64('[]'), b64(bytes(32)))
V['order_unsigned_bad_utf8_payload'] = join(b64(H), b64(b'{"exp":"\xff"}'), b64(bytes(32)))
V['unicode_json'] = '{"exp":1700086400,"sub":"Zoë Ünïcødé 😀 €","name":"日本語"}'
V['unicode_token'] = tok(H, V['unicode_json'])
V['escapes_json'] = '{"exp":1700086400,"sub":"\\u0041\\/\\"\\\\\\b\\f\\n\\r\\t\\u0000 \\ud83d\\ude00 \\u00e9","x":"\\uDBFF\\uDFFF"}'
V['escapes_token'] = tok(H, V['escapes_json'])
V['escapes_sub'] = json.loads(V['escapes_json'])['sub']
V['fractional_json'] = '{"iat":1699999999.75,"nbf":1699999999.999,"exp":1700000000.001}'
V['fractional_token'] = tok(H, V['fractional_json'])
# Whole NumericDates of 9 and 16 digits: the two ends of the verifier's eight-digits-at-a-time reading.
V['date_widths_token'] = tok(H, '{"nbf":123456789,"iat":1234567890123456,"exp":9876543210987654}')
V['bigints_json'] = '{"exp":1700086400,"big":18446744073709551616,"neg":-340282366920938463463374607431768211456,"huge":1e400,"tiny":1e-400,"z":-0.0,"long":123456789012345678901234567890123456789012345678901234567890}'
V['bigints_token'] = tok(H, V['bigints_json'])
V['four_kib_json'] = J({"exp": 1700086400, "sub": "auth0|bulk", "data": ["item-%04d-%s" % (i, "x" * 20) for i in range(130)]})
V['four_kib_token'] = tok(H, V['four_kib_json'])
V['whitespace_json'] = ' {\r\n "exp" : 1700086400 ,\t"sub":"x" } \n'
V['whitespace_token'] = tok(H, V['whitespace_json'])
V['rich_header_json'] = '{"alg":"HS256","typ":"JWT","kid":"k\\u00e9y-\\"2024\\""}'
V['rich_payload_json'] = '{"iss":"https://tenant.example/","sub":"auth0|Zo\\u00eb \\ud83d\\ude00","aud":["https://api.example/","GLOBAL_CLIENT"],"iat":1699999990,"nbf":1699999995.5,"exp":1700086400.25,"jti":"jti-\\"q\\"-\\\\-\\u20ac","scope":"read:users update:clients","custom":{"big":1180591620717411303424,"list":[1,"two",null]}}'
RICH = json.loads(V['rich_payload_json'])
V['rich_token'] = tok(V['rich_header_json'], V['rich_payload_json'])
V['rich_mac_hex'] = mac(signing_input(V['rich_token'])).hex()
V['rich_iss'] = RICH['iss']
V['rich_sub'] = RICH['sub']
V['rich_jti'] = RICH['jti']
V['rich_scope'] = RICH['scope']
V['rich_kid'] = json.loads(V['rich_header_json'])['kid']
V['rich_aud0'] = RICH['aud'][0]
V['rich_aud1'] = RICH['aud'][1]
V['minimal_payload_json'] = '{"exp":1700086400,"aud":"GLOBAL_CLIENT"}'
V['minimal_token'] = tok(H, V['minimal_payload_json'])
V['a1_key_hex'] = '0323354b2b0fa5bc837e0665777ba68f5ab328e6f054c928a90f84b2d2502ebfd3fb5a92d20647ef968ab4c377623d223d2e2172052e4f08c0cd9af567d080a3'
V['a1_header_json'] = '{"typ":"JWT",\r\n "alg":"HS256"}'
V['a1_payload_json'] = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}'
# 41 members before the registered claims: more than the verifier's one pass keeps.
WIDE = {"exp": 1700086400, **{"c%02d" % i: i for i in range(40)}, "iss": "https://tenant.example/",
        "aud": ["a", "GLOBAL_CLIENT"], "scope": "read:users", "jti": "wide-1", "sub": "x\u00e9"}
V['wide_token'] = tok(H, J(WIDE))
V['reordered_header_token'] = tok('{"typ":"JWT","alg":"HS256"}', PS)
V['spaced_header_token'] = tok('{"alg": "HS256", "typ": "JWT"}', PS)
V['deep_duplicate_token'] = tok(H, '{"exp":1700086400,"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"k":1,"k":2}}}}}}}}}}}')
V['deep_distinct_token'] = tok(H, '{"exp":1700086400,"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"n":{"k":1,"j":2}}}}}}}}}},"iss":"https://tenant.example/"}')
V['header_33_members_token'] = tok('{"alg":"HS256"' + members("h%02d", 32) + "}", PS)
V['header_9_deep_token'] = tok('{"alg":"HS256","d":[[[[[[[[]]]]]]]]}', PS)
V['a1_token'] = tok(V['a1_header_json'], V['a1_payload_json'], secret=bytes.fromhex(V['a1_key_hex']))

# The tokens too large to spell out: test_verify.cpp builds their text and
# closes it with these MACs, so a slip in that construction shows up as bad_signature.
deep_payload_si = join(b64(H), b64(deep_array_text('{"exp":1700086400,"deep":')))
V["deep_payload_mac"] = b64(mac(deep_payload_si))
V["deep_payload_token_size"] = len(deep_payload_si) + 1 + 43
deep_header_si = join(b64(deep_array_text('{"alg":"HS256","deep":')), b64(PS))
V["deep_header_mac"] = b64(mac(deep_header_si))
V["deep_header_token_size"] = len(deep_header_si) + 1 + 43
V["mac_for_16384"] = tok(H, padded_payload(12200)).rsplit(".", 1)[1]
V["mac_for_16385"] = tok(H, padded_payload(12201)).rsplit(".", 1)[1]

# ---- attack tables: (name, token, expected verdict: "accepted" or an error name) ----
small_si = signing_input(V["small_token"])
small_mac = mac(small_si)
vh, vp, vs = V["valid_token"].split(".")

# Strict base64url edits, each applied to one segment of b64_base_token, whose
# segments all hold "-" and "_" and have a length that is not a multiple of 4.
B64_EDITS = [
    ('padded with "="', lambda s: s + "=" * (-len(s) % 4), "bad_base64url_padding"),
    ("over-padded", lambda s: s + "=" * (-len(s) % 4 + 4), "bad_base64url_padding"),
    ('with "=" inside', lambda s: s[:4] + "=" + s[4:], "bad_base64url_padding"),
    ("in the standard alphabet (+ and /)", lambda s: s.replace("-", "+").replace("_", "/"), "bad_base64url_char"),
    ('with "+" for "-"', lambda s: s.replace("-", "+"), "bad_base64url_char"),
    ('with "/" for "_"', lambda s: s.replace("_", "/"), "bad_base64url_char"),
    ("after a space", lambda s: " " + s, "bad_base64url_char"),
    ("before a newline", lambda s: s + "\n", "bad_base64url_char"),
    ("before CR LF", lambda s: s + "\r\n", "bad_base64url_char"),
    ("with a tab inside", lambda s: s[:5] + "\t" + s[5:], "bad_base64url_char"),
    ("with a space inside", lambda s: s[:5] + " " + s[5:], "bad_base64url_char"),
    ('with "%" inside', lambda s: s[:5] + "%" + s[5:], "bad_base64url_char"),
    ("with a NUL inside", lambda s: s[:5] + "\0" + s[5:], "bad_base64url_char"),
    ("with a UTF-8 letter inside", lambda s: s[:5] + "\u00e9" + s[5:], "bad_base64url_char"),
    ("with non-zero trailing bits (decodes leniently to the same bytes)", lambda s: s[:-1] + next_char(s[-1]),
     "bad_base64url_trailing_bits"),
    ("lengthened to 1 mod 4", lambda s: s + "A" * ((1 - len(s)) % 4), "bad_base64url_length"),
    ('with " =" appended (padding is reported first)', lambda s: s + " =", "bad_base64url_padding"),
    ("with spaces to 1 mod 4 (a bad character is reported before the length)", lambda s: s + " " * ((1 - len(s)) % 4),
     "bad_base64url_char"),
]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def next_char(c):
    return ALPHABET[ALPHABET.index(c) + 1]


def b64_cases():
    segments = V["b64_base_token"].split(".")
    rows = []
    for index, where in enumerate(("header", "payload", "signature")):
        for label, edit, expected in B64_EDITS:
            edited = list(segments)
            edited[index] = edit(edited[index])
            rows.append((where + ": " + label, join(*edited), expected))
    return rows

TABLES = {
    'alg_cases': [
        ('alg "none"', tok('{"alg":"none","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "None"', tok('{"alg":"None","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "NONE"', tok('{"alg":"NONE","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "nOnE"', tok('{"alg":"nOnE","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS256 "', tok('{"alg":"HS256 ","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg " HS256"', tok('{"alg":" HS256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS256\\n"', tok('{"alg":"HS256\\n","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS512"', tok('{"alg":"HS512","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS384"', tok('{"alg":"HS384","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "RS256"', tok('{"alg":"RS256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "ES256"', tok('{"alg":"ES256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "PS256"', tok('{"alg":"PS256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "EdDSA"', tok('{"alg":"EdDSA","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "hs256"', tok('{"alg":"hs256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "Hs256"', tok('{"alg":"Hs256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "hS256"', tok('{"alg":"hS256","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS256\\u0000"', tok('{"alg":"HS256\\u0000","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS2560"', tok('{"alg":"HS2560","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "HS25"', tok('{"alg":"HS25","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg ""', tok('{"alg":"","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg "ＨＳ２５６"', tok('{"alg":"ＨＳ２５６","typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg 256', tok('{"alg":256,"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg null', tok('{"alg":null,"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg ["HS256"]', tok('{"alg":["HS256"],"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg {"HS256":true}', tok('{"alg":{"HS256":true},"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg true', tok('{"alg":true,"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg missing', tok('{"typ":"JWT"}', PS), 'alg_not_allowed'),
        ('alg missing, empty header', tok('{}', PS), 'alg_not_allowed'),
        ('escaped member name \\u0061lg naming none', tok('{"\\u0061lg":"none"}', PS), 'alg_not_allowed'),
        ('alg "HS25\\u0036" decodes to HS256', tok('{"alg":"HS25\\u0036"}', PS), 'accepted'),
        ('escaped member name \\u0061lg naming HS256', tok('{"\\u0061lg":"HS256"}', PS), 'accepted'),
        ('alg HS256 without typ', tok('{"alg":"HS256"}', PS), 'accepted'),
        ('alg HS512 over a genuine HS512 MAC', tok('{"alg":"HS512","typ":"JWT"}', PS, digest=hashlib.sha512), 'alg_not_allowed'),
        ('alg none, signature empty', signing_input(V['alg_none_token']) + '.', 'malformed'),
        ('alg none, signature "AAAA"', signing_input(V['alg_none_token']) + '.AAAA', 'alg_not_allowed'),
    ],
    'header_cases': [
        ('duplicate alg, HS256 first', tok('{"alg":"HS256","alg":"none"}', PS), 'duplicate_member'),
        ('duplicate alg, none first', tok('{"alg":"none","alg":"HS256"}', PS), 'duplicate_member'),
        ('duplicate alg, twice HS256', tok('{"alg":"HS256","alg":"HS256"}', PS), 'duplicate_member'),
        ('duplicate alg through an escape', tok('{"alg":"HS256","\\u0061lg":"none"}', PS), 'duplicate_member'),
        ('duplicate typ', tok('{"alg":"HS256","typ":"JWT","typ":"JWT"}', PS), 'duplicate_member'),
        ('header an unclosed object', tok('{"alg":"HS256"', PS), 'bad_header'),
        ('header trailing comma', tok('{"alg":"HS256",}', PS), 'bad_header'),
        ('header trailing data', tok('{"alg":"HS256"}x', PS), 'bad_header'),
        ('header two objects', tok('{"alg":"HS256"}{}', PS), 'bad_header'),
        ('header single quotes', tok("{'alg':'HS256'}", PS), 'bad_header'),
        ('header with a BOM', tok('\ufeff{"alg":"HS256"}', PS), 'bad_header'),
        ('header raw control character in a string', tok('{"alg":"HS256","typ":"J\x01T"}', PS), 'bad_header'),
        ('header NaN member', tok('{"alg":"HS256","x":NaN}', PS), 'bad_header'),
        ('header invalid UTF-8', tok(b'{"alg":"HS256","typ":"\xff"}', PS), 'bad_utf8'),
        ('header overlong UTF-8', tok(b'{"alg":"HS256","typ":"\xc0\xaf"}', PS), 'bad_utf8'),
        ('header lone high surrogate', tok('{"alg":"HS256","typ":"JWT\\ud800"}', PS), 'bad_escape'),
        ('header lone low surrogate', tok('{"alg":"HS256","kid":"\\udc00"}', PS), 'bad_escape'),
        ('header unknown escape', tok('{"alg":"HS256","typ":"\\q"}', PS), 'bad_escape'),
        ('header 9 deep', tok('{"alg":"HS256","x":[[[[[[[[]]]]]]]]}', PS), 'too_deep'),
        ('header 65 deep', tok('{"alg":"HS256","x":' + "[" * 64 + "]" * 64 + "}", PS), 'too_deep'),
        ('header of 33 members', tok('{"alg":"HS256"' + members("m%03d", 32) + "}", PS), 'bad_header'),
        ('header with JSON whitespace', tok(' {\r\n "alg" : "HS256" ,\t"typ":"JWT" } \n', PS), 'accepted'),
        ('header of 32 members', tok('{"alg":"HS256"' + members("m%03d", 31) + "}", PS), 'accepted'),
        ('header 8 deep', tok('{"alg":"HS256","x":[[[[[[[]]]]]]]}', PS), 'accepted'),
        ('b64 false without crit is ignored (the MAC covers the encoded payload)', tok('{"alg":"HS256","b64":false}', PS), 'accepted'),
        ('unknown header parameters are ignored', tok('{"alg":"HS256","typ":"JWT","cty":"x","jku":"https://evil/","x5u":1}', PS), 'accepted'),
    ],
    'header_not_object_cases': [
        ('header an array', tok('[]', PS), 'bad_header'),
        ('header an array holding the object', tok('[{"alg":"HS256"}]', PS), 'bad_header'),
        ('header a string', tok('"HS256"', PS), 'bad_header'),
        ('header a number', tok('1', PS), 'bad_header'),
        ('header null', tok('null', PS), 'bad_header'),
        ('header true', tok('true', PS), 'bad_header'),
    ],
    'typ_kid_cases': [
        ('typ 1', tok('{"alg":"HS256","typ":1}', PS), 'bad_header'),
        ('typ 1.5', tok('{"alg":"HS256","typ":1.5}', PS), 'bad_header'),
        ('typ null', tok('{"alg":"HS256","typ":null}', PS), 'bad_header'),
        ('typ true', tok('{"alg":"HS256","typ":true}', PS), 'bad_header'),
        ('typ []', tok('{"alg":"HS256","typ":[]}', PS), 'bad_header'),
        ('typ ["JWT"]', tok('{"alg":"HS256","typ":["JWT"]}', PS), 'bad_header'),
        ('typ {}', tok('{"alg":"HS256","typ":{}}', PS), 'bad_header'),
        ('kid 1', tok('{"alg":"HS256","typ":"JWT","kid":1}', PS), 'bad_header'),
        ('kid null', tok('{"alg":"HS256","typ":"JWT","kid":null}', PS), 'bad_header'),
        ('kid false', tok('{"alg":"HS256","typ":"JWT","kid":false}', PS), 'bad_header'),
        ('kid []', tok('{"alg":"HS256","typ":"JWT","kid":[]}', PS), 'bad_header'),
        ('kid ["a"]', tok('{"alg":"HS256","typ":"JWT","kid":["a"]}', PS), 'bad_header'),
        ('kid {"k":"v"}', tok('{"alg":"HS256","typ":"JWT","kid":{"k":"v"}}', PS), 'bad_header'),
        ('typ at+jwt', tok('{"alg":"HS256","typ":"at+jwt"}', PS), 'accepted'),
        ('typ empty string', tok('{"alg":"HS256","typ":""}', PS), 'accepted'),
        ('kid empty string (unnamed keys are tried)', tok('{"alg":"HS256","kid":""}', PS), 'accepted'),
        ('kid any string (unnamed keys are tried)', tok('{"alg":"HS256","kid":"whatever \\u00e9"}', PS), 'accepted'),
    ],
    'crit_cases': [
        ('crit ["exp"]', tok('{"alg":"HS256","typ":"JWT","crit":["exp"]}', PS), 'crit_unsupported'),
        ('crit []', tok('{"alg":"HS256","typ":"JWT","crit":[]}', PS), 'crit_unsupported'),
        ('crit null', tok('{"alg":"HS256","typ":"JWT","crit":null}', PS), 'crit_unsupported'),
        ('crit "exp"', tok('{"alg":"HS256","typ":"JWT","crit":"exp"}', PS), 'crit_unsupported'),
        ('crit {}', tok('{"alg":"HS256","typ":"JWT","crit":{}}', PS), 'crit_unsupported'),
        ('crit ["b64"],"b64":false', tok('{"alg":"HS256","typ":"JWT","crit":["b64"],"b64":false}', PS), 'crit_unsupported'),
        ('crit through an escaped name', tok('{"alg":"HS256","\\u0063rit":["exp"]}', PS), 'crit_unsupported'),
        ('crit first', tok('{"crit":["exp"],"alg":"HS256"}', PS), 'crit_unsupported'),
    ],
    'signature_cases': [
        ('signature stripped, trailing dot kept', small_si + '.', 'malformed'),
        ('signature stripped with its dot', small_si, 'malformed'),
        ('signature truncated by one character', join(small_si, b64(small_mac)[:42]), 'bad_base64url_trailing_bits'),
        ('signature truncated by two characters', join(small_si, b64(small_mac)[:41]), 'bad_base64url_length'),
        ('signature truncated to 40 characters', join(small_si, b64(small_mac)[:40]), 'bad_signature'),
        ('signature of 31 MAC bytes', join(small_si, b64(small_mac[:31])), 'bad_signature'),
        ('signature of 16 MAC bytes', join(small_si, b64(small_mac[:16])), 'bad_signature'),
        ('signature of 1 MAC byte', join(small_si, b64(small_mac[:1])), 'bad_signature'),
        ('signature extended by one zero byte', join(small_si, b64(small_mac + bytes(1))), 'bad_signature'),
        ('signature extended by a character', join(small_si, b64(small_mac) + 'A'), 'bad_signature'),
        ('signature extended by four characters', join(small_si, b64(small_mac) + 'AAAA'), 'bad_signature'),
        ('signature doubled', join(small_si, b64(small_mac + small_mac)), 'bad_signature'),
        ('signature extended to length 1 mod 4', join(small_si, b64(small_mac) + 'AA'), 'bad_base64url_length'),
        ('signature swapped from another token', join(small_si, b64(mac(signing_input(tok(H, '{"exp":1700086401}'))))), 'bad_signature'),
        ('signature bytes reversed', join(small_si, b64(small_mac[::-1])), 'bad_signature'),
        ('signature over the decoded JSON', join(small_si, b64(mac(H + '.' + PS))), 'bad_signature'),
        ('signature as hex text', join(small_si, b64(small_mac.hex())), 'bad_signature'),
        ('signature all zero', join(small_si, b64(bytes(32))), 'bad_signature'),
        ('signature with the first bit flipped', join(small_si, b64(flip(small_mac, 0, 0x80))), 'bad_signature'),
        ('signature with the last bit flipped', join(small_si, b64(flip(small_mac, 31, 0x01))), 'bad_signature'),
        ('signature SHA-256 of the signing input (no key)', join(small_si, b64(hashlib.sha256(small_si.encode()).digest())), 'bad_signature'),
        ('header and payload swapped, MAC recomputed', tok('{"exp":1700086400}', '{"alg":"HS256","typ":"JWT"}'), 'alg_not_allowed'),
    ],
    'wrong_key_cases': [
        ('signed with the wrong secret', tok(H, PS, key="wrong"), 'bad_signature'),
        ('signed with the previous secret', tok(H, PS, key="previous"), 'bad_signature'),
        ('signed with the secret minus its last byte', tok(H, PS, secret=SECRETS['current'][:-1]), 'bad_signature'),
        ('signed with the secret plus a byte', tok(H, PS, secret=SECRETS['current'] + b'x'), 'bad_signature'),
        ('signed with the secret upper-cased', tok(H, PS, secret=SECRETS['current'].upper()), 'bad_signature'),
        ('signed with an empty secret', tok(H, PS, key="empty"), 'bad_signature'),
        ('signed with the base64url text of the secret', tok(H, PS, secret=b64(SECRETS['current']).encode()), 'bad_signature'),
        ('signed with the SHA-256 of the secret', tok(H, PS, secret=hashlib.sha256(SECRETS['current']).digest()), 'bad_signature'),
        ('signed with the secret with one bit flipped', tok(H, PS, secret=flip(SECRETS['current'], 0, 0x01)), 'bad_signature'),
    ],
    'b64_cases': b64_cases(),
    'form_cases': [
        ('empty', '', 'malformed'),
        ('one dot', '.', 'malformed'),
        ('two dots', '..', 'malformed'),
        ('three dots', '...', 'malformed'),
        ('one segment', vh, 'malformed'),
        ('two segments', join(vh, vp), 'malformed'),
        ('four segments', join(vh, vp, vs, vs), 'malformed'),
        ('five segments', join(vh, vp, vs, vs, vs), 'malformed'),
        ('five segments shaped like a JWE', join(vh, b64('k' * 32), b64('iv' * 6), vp, vs), 'malformed'),
        ('leading dot', '.' + V['valid_token'], 'malformed'),
        ('trailing dot', V['valid_token'] + '.', 'malformed'),
        ('two trailing dots', V['valid_token'] + '..', 'malformed'),
        ('leading and trailing dots', '.' + V['valid_token'] + '.', 'malformed'),
        ('empty header', join('', vp, vs), 'malformed'),
        ('empty payload', join(vh, '', vs), 'malformed'),
        ('empty signature', join(vh, vp, ''), 'malformed'),
        ('doubled first dot', join(vh, '', vp, vs), 'malformed'),
        ('doubled second dot', join(vh, vp, '', vs), 'malformed'),
        ('payload of an empty JSON text', tok(H, ''), 'malformed'),
    ],
    'payload_cases': [
        ('payload an array', tok(H, '[]'), 'bad_payload'),
        ('payload an array holding the claims', tok(H, '[{"exp":1700086400}]'), 'bad_payload'),
        ('payload a string', tok(H, '"exp"'), 'bad_payload'),
        ('payload a number', tok(H, '1700086400'), 'bad_payload'),
        ('payload null', tok(H, 'null'), 'bad_payload'),
        ('payload true', tok(H, 'true'), 'bad_payload'),
        ('payload an empty string', tok(H, '""'), 'bad_payload'),
        ('exp NaN', tok(H, '{"exp":NaN}'), 'bad_payload'),
        ('exp nan', tok(H, '{"exp":nan}'), 'bad_payload'),
        ('exp Infinity', tok(H, '{"exp":Infinity}'), 'bad_payload'),
        ('exp -Infinity', tok(H, '{"exp":-Infinity}'), 'bad_payload'),
        ('trailing data', tok(H, '{"exp":1700086400}x'), 'bad_payload'),
        ('two objects', tok(H, '{"exp":1700086400}{}'), 'bad_payload'),
        ('trailing comma after the object', tok(H, '{"exp":1700086400},'), 'bad_payload'),
        ('trailing NUL', tok(H, '{"exp":1700086400}\x00'), 'bad_payload'),
        ('trailing invalid UTF-8', tok(H, b'{"exp":1700086400}\xff'), 'bad_payload'),
        ('trailing comma inside', tok(H, '{"exp":1700086400,}'), 'bad_payload'),
        ('single quotes', tok(H, "{'exp':1700086400}"), 'bad_payload'),
        ('hex number', tok(H, '{"exp":0x10}'), 'bad_payload'),
        ('leading zero', tok(H, '{"exp":01700086400}'), 'bad_payload'),
        ('plus sign', tok(H, '{"exp":+1700086400}'), 'bad_payload'),
        ('bare point', tok(H, '{"exp":1700086400.}'), 'bad_payload'),
        ('leading point', tok(H, '{"exp":.5}'), 'bad_payload'),
        ('unclosed', tok(H, '{"exp":1700086400'), 'bad_payload'),
        ('unquoted name', tok(H, '{exp:1700086400}'), 'bad_payload'),
        ('raw newline in a string', tok(H, '{"exp":1700086400,"s":"a\nb"}'), 'bad_payload'),
        ('comment', tok(H, '{"exp":1700086400/*x*/}'), 'bad_payload'),
        ('with a BOM', tok(H, '\ufeff{"exp":1700086400}'), 'bad_payload'),
        ('257 members', tok(H, '{"exp":1700086400' + members("c%03d", 256) + "}"), 'bad_payload'),
        ('256 members', tok(H, '{"exp":1700086400' + members("c%03d", 255) + "}"), 'accepted'),
        ('trailing JSON whitespace', tok(H, '{"exp":1700086400}\r\n\t '), 'accepted'),
        ('nested exp of another type is a custom claim', tok(H, '{"exp":1700086400,"x":{"exp":"never","iss":1}}'), 'accepted'),
    ],
    'utf8_cases': [
        ('invalid UTF-8: invalid byte FF', tok(H, b'{"exp":1700086400,"sub":"\xff"}'), 'bad_utf8'),
        ('invalid UTF-8: stray continuation byte', tok(H, b'{"exp":1700086400,"sub":"a\x80b"}'), 'bad_utf8'),
        ('invalid UTF-8: overlong slash C0 AF', tok(H, b'{"exp":1700086400,"sub":"\xc0\xaf"}'), 'bad_utf8'),
        ('invalid UTF-8: overlong E0 80 AF', tok(H, b'{"exp":1700086400,"sub":"\xe0\x80\xaf"}'), 'bad_utf8'),
        ('invalid UTF-8: UTF-8 encoded surrogate ED A0 80', tok(H, b'{"exp":1700086400,"sub":"\xed\xa0\x80"}'), 'bad_utf8'),
        ('invalid UTF-8: sequence cut short', tok(H, b'{"exp":1700086400,"sub":"\xe2\x82"}'), 'bad_utf8'),
        ('invalid UTF-8: above U+10FFFF', tok(H, b'{"exp":1700086400,"sub":"\xf4\x90\x80\x80"}'), 'bad_utf8'),
        ('invalid UTF-8: F5 lead byte', tok(H, b'{"exp":1700086400,"sub":"\xf5\x80\x80\x80"}'), 'bad_utf8'),
        ('invalid UTF-8: in a member name', tok(H, b'{"exp":1700086400,"\xfe":1}'), 'bad_utf8'),
        ('invalid UTF-8: Latin-1 e acute', tok(H, b'{"exp":1700086400,"sub":"caf\xe9"}'), 'bad_utf8'),
        ('escape: lone high surrogate', tok(H, '{"exp":1700086400,"sub":"\\ud800"}'), 'bad_escape'),
        ('escape: lone low surrogate', tok(H, '{"exp":1700086400,"sub":"\\udc00"}'), 'bad_escape'),
        ('escape: high then a letter escape', tok(H, '{"exp":1700086400,"sub":"\\ud800\\u0041"}'), 'bad_escape'),
        ('escape: high then a raw letter', tok(H, '{"exp":1700086400,"sub":"\\ud83dx"}'), 'bad_escape'),
        ('escape: low then high', tok(H, '{"exp":1700086400,"sub":"\\ude00\\ud83d"}'), 'bad_escape'),
        ('escape: high at the end of the string', tok(H, '{"exp":1700086400,"sub":"x\\udbff"}'), 'bad_escape'),
        ('escape: two highs', tok(H, '{"exp":1700086400,"sub":"\\ud83d\\ud83d"}'), 'bad_escape'),
        ('escape: lone surrogate in a member name', tok(H, '{"exp":1700086400,"\\ud800":1}'), 'bad_escape'),
        ('escape: lone surrogate in a custom claim', tok(H, '{"exp":1700086400,"x":["\\udfff"]}'), 'bad_escape'),
        ('escape: short \\u escape', tok(H, '{"exp":1700086400,"sub":"\\u12"}'), 'bad_escape'),
        ('escape: unknown escape', tok(H, '{"exp":1700086400,"sub":"\\x41"}'), 'bad_escape'),
        ('a surrogate pair is fine', tok(H, '{"exp":1700086400,"sub":"\\ud83d\\ude00"}'), 'accepted'),
        ('raw 4-byte UTF-8 is fine', tok(H, '{"exp":1700086400,"sub":"😀"}'), 'accepted'),
    ],
    'duplicate_cases': [
        ('exp twice, valid first', tok(H, '{"exp":1700086400,"exp":1}'), 'duplicate_member'),
        ('exp twice, expired first', tok(H, '{"exp":1,"exp":1700086400}'), 'duplicate_member'),
        ('exp twice, same value', tok(H, '{"exp":1700086400,"exp":1700086400}'), 'duplicate_member'),
        ('exp twice through an escape', tok(H, '{"exp":1700086400,"\\u0065xp":1}'), 'duplicate_member'),
        ('exp twice, both escaped', tok(H, '{"\\u0065xp":1700086400,"e\\u0078p":1}'), 'duplicate_member'),
        ('aud twice', tok(H, '{"exp":1700086400,"aud":"a","aud":"b"}'), 'duplicate_member'),
        ('iss twice', tok(H, '{"exp":1700086400,"iss":"a","iss":"b"}'), 'duplicate_member'),
        ('jti twice', tok(H, '{"exp":1700086400,"jti":"a","jti":"b"}'), 'duplicate_member'),
        ('a custom claim twice', tok(H, '{"exp":1700086400,"x":1,"x":1}'), 'duplicate_member'),
        ('duplicate inside a nested object', tok(H, '{"exp":1700086400,"x":{"a":1,"a":2}}'), 'duplicate_member'),
        ('exp twice, 40 members apart', tok(H, '{"exp":1700086400' + members("c%02d", 40) + ',"exp":1}'), 'duplicate_member'),
        ('names differing only in case', tok(H, '{"exp":1700086400,"EXP":1,"Exp":2}'), 'accepted'),
    ],
    'numeric_date_cases': [
        ('exp 1e309', tok(H, '{"exp":1e309}'), 'bad_claim'),
        ('exp -1', tok(H, '{"exp":-1}'), 'expired'),
        ('exp "123"', tok(H, '{"exp":"123"}'), 'bad_claim'),
        ('exp "1700086400"', tok(H, '{"exp":"1700086400"}'), 'bad_claim'),
        ('exp 2^63', tok(H, '{"exp":9223372036854775808}'), 'bad_claim'),
        ('exp 2^63 - 1', tok(H, '{"exp":9223372036854775807}'), 'accepted'),
        ('exp 2^64', tok(H, '{"exp":18446744073709551616}'), 'bad_claim'),
        ('exp 1e19', tok(H, '{"exp":1e19}'), 'bad_claim'),
        ('exp -2^63', tok(H, '{"exp":-9223372036854775808}'), 'expired'),
        ('exp -2^63 - 1', tok(H, '{"exp":-9223372036854775809}'), 'bad_claim'),
        ('exp -1e309', tok(H, '{"exp":-1e309}'), 'bad_claim'),
        ('exp 2^63 - 0.5 (ceil is 2^63)', tok(H, '{"exp":9223372036854775807.5}'), 'bad_claim'),
        ('exp 2^63 - 1.5 (ceil is 2^63 - 1)', tok(H, '{"exp":9223372036854775806.5}'), 'accepted'),
        ('exp 1.7e9 == now', tok(H, '{"exp":1.7e9}'), 'expired'),
        ('exp 17E8 == now', tok(H, '{"exp":17E8}'), 'expired'),
        ('exp 1.70000001e9 == now + 10', tok(H, '{"exp":1.70000001e9}'), 'accepted'),
        ('exp 1700000000.0 == now', tok(H, '{"exp":1700000000.0}'), 'expired'),
        ('exp 1700000000.5, ceil now + 1', tok(H, '{"exp":1700000000.5}'), 'accepted'),
        ('exp 1699999999.5, ceil now', tok(H, '{"exp":1699999999.5}'), 'expired'),
        ('exp 17000000005e-1 == now + 0.5', tok(H, '{"exp":17000000005e-1}'), 'accepted'),
        ('exp 1700000000.000000000000000000001', tok(H, '{"exp":1700000000.000000000000000000001}'), 'accepted'),
        ('exp 1e-400', tok(H, '{"exp":1e-400}'), 'expired'),
        ('exp -0', tok(H, '{"exp":-0}'), 'expired'),
        ('exp 0', tok(H, '{"exp":0}'), 'expired'),
        ('exp null', tok(H, '{"exp":null}'), 'bad_claim'),
        ('exp true', tok(H, '{"exp":true}'), 'bad_claim'),
        ('exp [1700086400]', tok(H, '{"exp":[1700086400]}'), 'bad_claim'),
        ('exp {}', tok(H, '{"exp":{}}'), 'bad_claim'),
        ('nbf 1e309', tok(H, '{"nbf":1e309,"exp":1700086400}'), 'bad_claim'),
        ('nbf -1e309', tok(H, '{"nbf":-1e309,"exp":1700086400}'), 'bad_claim'),
        ('nbf -1', tok(H, '{"nbf":-1,"exp":1700086400}'), 'accepted'),
        ('nbf "0"', tok(H, '{"nbf":"0","exp":1700086400}'), 'bad_claim'),
        ('nbf 2^63', tok(H, '{"nbf":9223372036854775808,"exp":1700086400}'), 'bad_claim'),
        ('nbf 2^63 - 1', tok(H, '{"nbf":9223372036854775807,"exp":1700086400}'), 'not_yet_valid'),
        ('nbf 1700000000.5, ceil now + 1', tok(H, '{"nbf":1700000000.5,"exp":1700086400}'), 'not_yet_valid'),
        ('nbf 1699999999.5, ceil now', tok(H, '{"nbf":1699999999.5,"exp":1700086400}'), 'accepted'),
        ('iat 1e309 (checked even when iat is not policed)', tok(H, '{"iat":1e309,"exp":1700086400}'), 'bad_claim'),
        ('iat "0"', tok(H, '{"iat":"0","exp":1700086400}'), 'bad_claim'),
        ('iat -1', tok(H, '{"iat":-1,"exp":1700086400}'), 'accepted'),
        ('iat in the future is not policed by default', tok(H, '{"iat":9223372036854775807,"exp":1700086400}'), 'accepted'),
        ('escaped name \\u0065xp is exp', tok(H, '{"\\u0065xp":1}'), 'expired'),
    ],
    'wrong_type_cases': [
        ('iss 1', tok(H, '{"exp":1700086400,"iss":1}'), 'bad_claim'),
        ('iss null', tok(H, '{"exp":1700086400,"iss":null}'), 'bad_claim'),
        ('iss ["a"]', tok(H, '{"exp":1700086400,"iss":["a"]}'), 'bad_claim'),
        ('iss {}', tok(H, '{"exp":1700086400,"iss":{}}'), 'bad_claim'),
        ('iss true', tok(H, '{"exp":1700086400,"iss":true}'), 'bad_claim'),
        ('sub 1', tok(H, '{"exp":1700086400,"sub":1}'), 'bad_claim'),
        ('sub null', tok(H, '{"exp":1700086400,"sub":null}'), 'bad_claim'),
        ('sub []', tok(H, '{"exp":1700086400,"sub":[]}'), 'bad_claim'),
        ('sub {"id":"a"}', tok(H, '{"exp":1700086400,"sub":{"id":"a"}}'), 'bad_claim'),
        ('jti 1', tok(H, '{"exp":1700086400,"jti":1}'), 'bad_claim'),
        ('jti null', tok(H, '{"exp":1700086400,"jti":null}'), 'bad_claim'),
        ('jti ["j"]', tok(H, '{"exp":1700086400,"jti":["j"]}'), 'bad_claim'),
        ('jti 1.5', tok(H, '{"exp":1700086400,"jti":1.5}'), 'bad_claim'),
        ('scope 1', tok(H, '{"exp":1700086400,"scope":1}'), 'bad_claim'),
        ('scope ["read:users"]', tok(H, '{"exp":1700086400,"scope":["read:users"]}'), 'bad_claim'),
        ('scope {"read:users":true}', tok(H, '{"exp":1700086400,"scope":{"read:users":true}}'), 'bad_claim'),
        ('scope null', tok(H, '{"exp":1700086400,"scope":null}'), 'bad_claim'),
        ('aud 1', tok(H, '{"exp":1700086400,"aud":1}'), 'bad_claim'),
        ('aud null', tok(H, '{"exp":1700086400,"aud":null}'), 'bad_claim'),
        ('aud {}', tok(H, '{"exp":1700086400,"aud":{}}'), 'bad_claim'),
        ('aud true', tok(H, '{"exp":1700086400,"aud":true}'), 'bad_claim'),
        ('aud ["a",1]', tok(H, '{"exp":1700086400,"aud":["a",1]}'), 'bad_claim'),
        ('aud ["a",null]', tok(H, '{"exp":1700086400,"aud":["a",null]}'), 'bad_claim'),
        ('aud ["a",["b"]]', tok(H, '{"exp":1700086400,"aud":["a",["b"]]}'), 'bad_claim'),
        ('aud [{"aud":"a"}]', tok(H, '{"exp":1700086400,"aud":[{"aud":"a"}]}'), 'bad_claim'),
        ('exp "1700086400"', tok(H, '{"exp":"1700086400"}'), 'bad_claim'),
        ('exp null', tok(H, '{"exp":null}'), 'bad_claim'),
        ('exp true', tok(H, '{"exp":true}'), 'bad_claim'),
        ('exp [1700086400]', tok(H, '{"exp":[1700086400]}'), 'bad_claim'),
        ('exp {}', tok(H, '{"exp":{}}'), 'bad_claim'),
        ('nbf "0"', tok(H, '{"exp":1700086400,"nbf":"0"}'), 'bad_claim'),
        ('nbf null', tok(H, '{"exp":1700086400,"nbf":null}'), 'bad_claim'),
        ('nbf false', tok(H, '{"exp":1700086400,"nbf":false}'), 'bad_claim'),
        ('nbf []', tok(H, '{"exp":1700086400,"nbf":[]}'), 'bad_claim'),
        ('iat "0"', tok(H, '{"exp":1700086400,"iat":"0"}'), 'bad_claim'),
        ('iat null', tok(H, '{"exp":1700086400,"iat":null}'), 'bad_claim'),
        ('iat true', tok(H, '{"exp":1700086400,"iat":true}'), 'bad_claim'),
        ('iat {}', tok(H, '{"exp":1700086400,"iat":{}}'), 'bad_claim'),
        ('scopes []', tok(H, '{"exp":1700086400,"scopes":[]}'), 'bad_claim'),
        ('scopes "read:users"', tok(H, '{"exp":1700086400,"scopes":"read:users"}'), 'bad_claim'),
        ('scopes {"users":["read"]}', tok(H, '{"exp":1700086400,"scopes":{"users":["read"]}}'), 'bad_claim'),
        ('scopes {"users":{"actions":"read"}}', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":"read"}}}'), 'bad_claim'),
        ('scopes {"users":{"actions":[1]}}', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":[1]}}}'), 'bad_claim'),
        ('scopes {"users":{}}', tok(H, '{"exp":1700086400,"scopes":{"users":{}}}'), 'bad_claim'),
        ('scopes {"users":null}', tok(H, '{"exp":1700086400,"scopes":{"users":null}}'), 'bad_claim'),
        ('scopes {"users":{"actions":[["read"]]}}', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":[["read"]]}}}'), 'bad_claim'),
        ('scopes {"users":{"actions":["read"]},"roles":1}', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["read"]},"roles":1}}'), 'bad_claim'),
        ('a wrong type is found after an expired exp', tok(H, '{"exp":1,"iss":1}'), 'bad_claim'),
        ('custom claims may have any type', tok(H, '{"exp":1700086400,"custom":null,"n":[1,{"a":true}],"s":1e999}'), 'accepted'),
        ('legacy scopes of the right shape', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["read"]},"roles":{"actions":[]}}}'), 'accepted'),
        ('legacy scopes empty object', tok(H, '{"exp":1700086400,"scopes":{}}'), 'accepted'),
        ('16 audiences', tok(H, '{"exp":1700086400,"aud":["a0","a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12","a13","a14","a15"]}'), 'accepted'),
    ],
    'audience_cases': [
        ('equal string "https://api.example/"', tok(H, '{"exp":1700086400,"aud":"https://api.example/"}'), 'accepted'),
        ('prefix "https://api.example"', tok(H, '{"exp":1700086400,"aud":"https://api.example"}'), 'wrong_audience'),
        ('suffix "https://api.example/x"', tok(H, '{"exp":1700086400,"aud":"https://api.example/x"}'), 'wrong_audience'),
        ('case differs "HTTPS://API.EXAMPLE/"', tok(H, '{"exp":1700086400,"aud":"HTTPS://API.EXAMPLE/"}'), 'wrong_audience'),
        ('empty string ""', tok(H, '{"exp":1700086400,"aud":""}'), 'wrong_audience'),
        ('leading space " https://api.example/"', tok(H, '{"exp":1700086400,"aud":" https://api.example/"}'), 'wrong_audience'),
        ('space-separated list in a string "https://api.example/ other"', tok(H, '{"exp":1700086400,"aud":"https://api.example/ other"}'), 'wrong_audience'),
        ('array holding it alone ["https://api.example/"]', tok(H, '{"exp":1700086400,"aud":["https://api.example/"]}'), 'accepted'),
        ('array holding it second ["a", "https://api.example/"]', tok(H, '{"exp":1700086400,"aud":["a","https://api.example/"]}'), 'accepted'),
        ('array without it ["a", "https://api.example"]', tok(H, '{"exp":1700086400,"aud":["a","https://api.example"]}'), 'wrong_audience'),
        ('empty array []', tok(H, '{"exp":1700086400,"aud":[]}'), 'wrong_audience'),
        ('16 entries, the last one it ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13", "a14", "https://api.example/"]', tok(H, '{"exp":1700086400,"aud":["a0","a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11","a12","a13","a14","https://api.example/"]}'), 'accepted'),
        ('absent', tok(H, PS), 'wrong_audience'),
        ('escaped slashes "https:\\/\\/api.example\\/"', tok(H, '{"exp":1700086400,"aud":"https:\\/\\/api.example\\/"}'), 'accepted'),
        ('escaped letter in an array', tok(H, '{"exp":1700086400,"aud":["x","\\u0068ttps://api.example/"]}'), 'accepted'),
        ('NUL appended', tok(H, '{"exp":1700086400,"aud":"https://api.example/\\u0000"}'), 'wrong_audience'),
        ('type confusion: object keyed by it', tok(H, '{"exp":1700086400,"aud":{"https://api.example/":true}}'), 'bad_claim'),
        ('type confusion: nested array', tok(H, '{"exp":1700086400,"aud":[["https://api.example/"]]}'), 'bad_claim'),
        ('type confusion: array with a number after it', tok(H, '{"exp":1700086400,"aud":["https://api.example/",1]}'), 'bad_claim'),
        ('type confusion: number', tok(H, '{"exp":1700086400,"aud":1}'), 'bad_claim'),
        ('type confusion: null', tok(H, '{"exp":1700086400,"aud":null}'), 'bad_claim'),
        ('type confusion: true', tok(H, '{"exp":1700086400,"aud":true}'), 'bad_claim'),
    ],
    'issuer_cases': [
        ('equal "https://tenant.example/"', tok(H, '{"exp":1700086400,"iss":"https://tenant.example/"}'), 'accepted'),
        ('prefix "https://tenant.example"', tok(H, '{"exp":1700086400,"iss":"https://tenant.example"}'), 'wrong_issuer'),
        ('suffix "https://tenant.example/x"', tok(H, '{"exp":1700086400,"iss":"https://tenant.example/x"}'), 'wrong_issuer'),
        ('doubled slash "https://tenant.example//"', tok(H, '{"exp":1700086400,"iss":"https://tenant.example//"}'), 'wrong_issuer'),
        ('case differs "https://TENANT.example/"', tok(H, '{"exp":1700086400,"iss":"https://TENANT.example/"}'), 'wrong_issuer'),
        ('empty ""', tok(H, '{"exp":1700086400,"iss":""}'), 'wrong_issuer'),
        ('http scheme "http://tenant.example/"', tok(H, '{"exp":1700086400,"iss":"http://tenant.example/"}'), 'wrong_issuer'),
        ('trailing space "https://tenant.example/ "', tok(H, '{"exp":1700086400,"iss":"https://tenant.example/ "}'), 'wrong_issuer'),
        ('absent', tok(H, PS), 'wrong_issuer'),
        ('escaped slashes "https:\\/\\/tenant.example\\/"', tok(H, '{"exp":1700086400,"iss":"https:\\/\\/tenant.example\\/"}'), 'accepted'),
        ('escaped letters', tok(H, '{"exp":1700086400,"iss":"\\u0068ttps://t\\u0065nant.example/"}'), 'accepted'),
        ('NUL appended', tok(H, '{"exp":1700086400,"iss":"https://tenant.example/\\u0000"}'), 'wrong_issuer'),
        ('array holding it', tok(H, '{"exp":1700086400,"iss":["https://tenant.example/"]}'), 'bad_claim'),
    ],
    'scope_cases': [
        ('scope "read:users"', tok(H, '{"exp":1700086400,"scope":"read:users"}'), 'accepted'),
        ('scope "read:users update:clients"', tok(H, '{"exp":1700086400,"scope":"read:users update:clients"}'), 'accepted'),
        ('scope "update:clients read:users"', tok(H, '{"exp":1700086400,"scope":"update:clients read:users"}'), 'accepted'),
        ('scope "read:users_app_metadata"', tok(H, '{"exp":1700086400,"scope":"read:users_app_metadata"}'), 'missing_scope'),
        ('scope "xread:users"', tok(H, '{"exp":1700086400,"scope":"xread:users"}'), 'missing_scope'),
        ('scope "read:user"', tok(H, '{"exp":1700086400,"scope":"read:user"}'), 'missing_scope'),
        ('scope "read:users:all"', tok(H, '{"exp":1700086400,"scope":"read:users:all"}'), 'missing_scope'),
        ('scope "READ:USERS"', tok(H, '{"exp":1700086400,"scope":"READ:USERS"}'), 'missing_scope'),
        ('scope "read:users\\tupdate:clients"', tok(H, '{"exp":1700086400,"scope":"read:users\\tupdate:clients"}'), 'missing_scope'),
        ('scope "read:users,update:clients"', tok(H, '{"exp":1700086400,"scope":"read:users,update:clients"}'), 'missing_scope'),
        ('scope "read:usersupdate:clients"', tok(H, '{"exp":1700086400,"scope":"read:usersupdate:clients"}'), 'missing_scope'),
        ('scope ""', tok(H, '{"exp":1700086400,"scope":""}'), 'missing_scope'),
        ('scope "update:users read:clients"', tok(H, '{"exp":1700086400,"scope":"update:users read:clients"}'), 'missing_scope'),
        ('scope " read:users"', tok(H, '{"exp":1700086400,"scope":" read:users"}'), 'accepted'),
        ('scope "update:clients  read:users"', tok(H, '{"exp":1700086400,"scope":"update:clients  read:users"}'), 'accepted'),
        ('scope absent', tok(H, PS), 'missing_scope'),
        ('scope escaped \\u0072ead:users', tok(H, '{"exp":1700086400,"scope":"\\u0072ead:users"}'), 'accepted'),
        ('legacy object granting read on users', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["read","update"]},"clients":{"actions":["read"]}}}'), 'accepted'),
        ('legacy object granting read on clients only', tok(H, '{"exp":1700086400,"scopes":{"clients":{"actions":["read"]}}}'), 'missing_scope'),
        ('legacy object granting update on users only', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["update"]}}}'), 'missing_scope'),
        ('legacy object with "read:users" as an action', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":["read:users"]}}}'), 'missing_scope'),
        ('legacy object escaped', tok(H, '{"exp":1700086400,"scopes":{"us\\u0065rs":{"actions":["r\\u0065ad"]}}}'), 'accepted'),
        ('legacy object wrong shape', tok(H, '{"exp":1700086400,"scopes":{"users":["read"]}}'), 'bad_claim'),
        ('legacy object wrong shape: actions a string', tok(H, '{"exp":1700086400,"scopes":{"users":{"actions":"read"}}}'), 'bad_claim'),
    ],
}


# ---- HS384 and HS512 (test_algorithms.cpp) -------------------------------------------
# A key is bound to one algorithm; these secrets are exactly as long as each hash.
ALG_SECRETS = {
    "HS256": b"alg-hs256-secret-0123456789abcde",
    "HS384": b"alg-hs384-secret-0123456789abcdef0123456789abcde",
    "HS512": b"alg-hs512-secret-0123456789abcdef0123456789abcdef0123456789abcde",
}
DIGESTS = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
for alg, secret in ALG_SECRETS.items():
    assert len(secret) == DIGESTS[alg]().digest_size, alg
    V['alg_secret_' + alg.lower()] = secret.decode("ascii")


def alg_header(alg, kid=None):
    return '{"alg":"%s","typ":"JWT"%s}' % (alg, '' if kid is None else ',"kid":"%s"' % kid)


def alg_tok(alg, payload=PS, header=None, secret=None, digest=None, kid=None):
    """A token whose header names `alg`, signed by default with that algorithm's secret."""
    return tok(alg_header(alg, kid) if header is None else header, payload,
               secret=ALG_SECRETS[alg] if secret is None else secret,
               digest=DIGESTS[alg] if digest is None else digest)


V['alg_payload_json'] = ('{"iss":"https://example-tenant.auth0.com/","sub":"m2m_abc12@clients",'
                         '"aud":"GLOBAL_CLIENT_ID_abc123","iat":1700000000,"exp":1700086400,'
                         '"jti":"5f0c3b9e2a7d41c8b6e9f1a0d3c7e24b","scope":"read:users update:clients"}')
V['alg_short_secret_hs384'] = ALG_SECRETS["HS384"][:47].decode("ascii")
V['alg_short_secret_hs512'] = ALG_SECRETS["HS512"][:63].decode("ascii")
for alg in ALG_SECRETS:
    a = alg.lower()
    V[a + '_header_segment'] = b64(alg_header(alg))
    V[a + '_token'] = alg_tok(alg, V['alg_payload_json'])
    V[a + '_kid_token'] = alg_tok(alg, V['alg_payload_json'], kid="k1")
    V[a + '_mac_hex'] = mac(signing_input(V[a + '_token']), ALG_SECRETS[alg], DIGESTS[alg]).hex()
for alg in ("HS384", "HS512"):
    a = alg.lower()
    V[a + '_short_token'] = alg_tok(alg, secret=V['alg_short_secret_' + a].encode("ascii"))


def alg_rows(alg):
    """The verdicts of a set holding one key of `alg` (secret ALG_SECRETS[alg])."""
    others = [x for x in ALG_SECRETS if x != alg]
    secret, digest = ALG_SECRETS[alg], DIGESTS[alg]
    good = alg_tok(alg)
    sig = base64.urlsafe_b64decode(good[good.rindex('.') + 1:] + '==')
    body = signing_input(good)
    escaped_alg = ''.join('\\u%04x' % ord(c) if c.isdigit() else c for c in alg)
    rows = [
        ('standard header', good, 'accepted'),
        ('members in another order', alg_tok(alg, header='{"typ":"JWT","alg":"%s"}' % alg), 'accepted'),
        ('alg with escaped digits', alg_tok(alg, header='{"alg":"%s"}' % escaped_alg), 'accepted'),
        ('expired', alg_tok(alg, payload='{"exp":1699999999}'), 'expired'),
        ('alg lower case', alg_tok(alg, header='{"alg":"%s"}' % alg.lower()), 'alg_not_allowed'),
        ('alg with a trailing space', alg_tok(alg, header='{"alg":"%s "}' % alg), 'alg_not_allowed'),
        ('alg none, signed anyway', alg_tok(alg, header='{"alg":"none"}'), 'alg_not_allowed'),
        ('signed with a wrong secret', alg_tok(alg, secret=secret[:-1] + b'!'), 'bad_signature'),
        ('MAC plus a zero byte', join(body, b64(sig + b'\0')), 'bad_signature'),
        ('MAC minus its last byte', join(body, b64(sig[:-1])), 'bad_signature'),
        ('one bit of the MAC flipped', join(body, b64(flip(sig, len(sig) - 1, 1))), 'bad_signature'),
    ]
    if len(sig) > 32:
        rows.append(('MAC cut to the 32 bytes of an HS256 MAC', join(body, b64(sig[:32])), 'bad_signature'))
    for other in others:
        rows += [
            ('a %s token under its own secret' % other, alg_tok(other), 'alg_not_allowed'),
            ('a %s token under the %s secret' % (other, alg), alg_tok(other, secret=secret), 'alg_not_allowed'),
            ('%s header, %s MAC of the same secret' % (alg, other),
             alg_tok(alg, secret=secret, digest=DIGESTS[other]), 'bad_signature'),
        ]
    return rows


# The mixed set: HS256 as "a256", HS384 as "b384", HS512 as "c512".
MIXED_ROWS = [
    ('HS256, kid a256', alg_tok("HS256", kid="a256"), 'accepted'),
    ('HS384, kid b384', alg_tok("HS384", kid="b384"), 'accepted'),
    ('HS512, kid c512', alg_tok("HS512", kid="c512"), 'accepted'),
    ('HS256, no kid', alg_tok("HS256"), 'accepted'),
    ('HS384, no kid', alg_tok("HS384"), 'accepted'),
    ('HS512, no kid', alg_tok("HS512"), 'accepted'),
    ('HS512 naming the HS256 key a256', alg_tok("HS512", kid="a256"), 'alg_not_allowed'),
    ('HS256 naming the HS512 key c512', alg_tok("HS256", kid="c512"), 'alg_not_allowed'),
    ('HS384 naming the HS512 key, signed with its secret',
     alg_tok("HS384", kid="c512", secret=ALG_SECRETS["HS512"]), 'alg_not_allowed'),
    ('HS512, kid zzz', alg_tok("HS512", kid="zzz"), 'unknown_kid'),
    ('HS384, no kid, signed with the HS512 secret', alg_tok("HS384", secret=ALG_SECRETS["HS512"]), 'bad_signature'),
    ('HS512, kid c512, signed with the HS384 secret',
     alg_tok("HS512", kid="c512", secret=ALG_SECRETS["HS384"]), 'bad_signature'),
    ('HS256 header with an HS512 MAC', alg_tok("HS256", digest=hashlib.sha512), 'bad_signature'),
    ('RS256', alg_tok("HS256", header='{"alg":"RS256"}'), 'alg_not_allowed'),
]

TABLES['alg_hs384_key'] = alg_rows("HS384")
TABLES['alg_hs512_key'] = alg_rows("HS512")
TABLES['alg_hs256_key'] = alg_rows("HS256")
TABLES['alg_mixed_keys'] = MIXED_ROWS


# bad_claim's detail: (name, token, "claim: problem") for verifier::verify's claim_fault.
CLAIM_FAULTS = [
    ('nbf a string', tok(H, '{"exp":1700086400,"nbf":"1700000000"}'), 'nbf: is a string'),
    ('exp null', tok(H, '{"exp":null}'), 'exp: is null'),
    ('iat true', tok(H, '{"exp":1700086400,"iat":true}'), 'iat: is true'),
    ('exp an array', tok(H, '{"exp":[1700086400]}'), 'exp: is an array'),
    ('exp 2^63', tok(H, '{"exp":9223372036854775808}'), 'exp: is beyond the NumericDate range'),
    ('nbf -1e309', tok(H, '{"exp":1700086400,"nbf":-1e309}'), 'nbf: is beyond the NumericDate range'),
    ('escaped name \\u0065xp a string', tok(H, '{"\\u0065xp":"soon"}'), 'exp: is a string'),
    ('aud a number', tok(H, '{"exp":1700086400,"aud":7}'), 'aud: is a number'),
    ('aud array holds a number', tok(H, '{"exp":1700086400,"aud":["a",7]}'), 'aud: array holds a number'),
    ('aud array holds null', tok(H, '{"exp":1700086400,"aud":[null]}'), 'aud: array holds null'),
    ('aud array of 17', tok(H, '{"exp":1700086400,"aud":[%s]}' % ','.join('"a%d"' % i for i in range(17))),
     'aud: array holds more audiences than verified_claims::max_audiences'),
    ('iss an object', tok(H, '{"exp":1700086400,"iss":{}}'), 'iss: is an object'),
    ('sub a number', tok(H, '{"exp":1700086400,"sub":1}'), 'sub: is a number'),
    ('jti false', tok(H, '{"exp":1700086400,"jti":false}'), 'jti: is false'),
    ('scope an array', tok(H, '{"exp":1700086400,"scope":["read:users"]}'), 'scope: is an array'),
    ('scopes an array', tok(H, '{"exp":1700086400,"scopes":["read:users"]}'),
     'scopes: is not an object of {"actions":[strings]} objects'),
    ('the first of two faults', tok(H, '{"exp":"x","nbf":"y"}'), 'exp: is a string'),
]
TABLES['claim_fault_cases'] = CLAIM_FAULTS


# ---- JWK Sets (test_jwk.cpp) ---------------------------------------------------------
# A mixed set: an RSA key and oct keys that are not for HMAC signing are
# skipped; "h256" (no alg: bound to the default) and "h512" (alg HS512) join.
JWK_OCT_256 = {"kty": "oct", "kid": "h256", "k": b64(ALG_SECRETS["HS256"])}
JWK_OCT_512 = {"kty": "oct", "kid": "h512", "alg": "HS512", "use": "sig", "k": b64(ALG_SECRETS["HS512"])}
V['jwks_mixed'] = json.dumps({"keys": [
    {"kty": "RSA", "kid": "rsa1", "use": "sig", "alg": "RS256", "e": "AQAB",
     "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"},
    JWK_OCT_256,
    JWK_OCT_512,
    {"kty": "oct", "alg": "A128KW", "k": "GawgguFyGrWKav7AX4VKUg"},
    {"kty": "oct", "use": "enc", "k": b64(ALG_SECRETS["HS384"])},
]}, separators=(",", ":"))
V['jwk_h512'] = json.dumps(JWK_OCT_512, separators=(",", ":"))
V['jwks_h256_token'] = alg_tok("HS256", kid="h256")
V['jwks_h512_token'] = alg_tok("HS512", kid="h512")
V['jwks_h512_as_h256_token'] = alg_tok("HS256", kid="h512", secret=ALG_SECRETS["HS512"])
# RFC 7638: the thumbprint of an oct key is base64url(SHA-256({"k":"...","kty":"oct"})).
V['jwk_h256_thumbprint'] = b64(hashlib.sha256(('{"k":"%s","kty":"oct"}' % JWK_OCT_256["k"]).encode()).digest())


def document():
    tables = {name: [{"name": n, "token": t, "expect": e} for n, t, e in rows] for name, rows in TABLES.items()}
    return {
        "about": "Generated by tests/data/make_verify_tokens.py; do not edit (tests/data/PROVENANCE.md).",
        "values": V,
        "tables": tables,
    }


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify_tokens.json")
    text = json.dumps(document(), indent=1, ensure_ascii=False) + "\n"
    if sys.argv[1:] == ["--check"]:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(path + " differs from what make_verify_tokens.py generates: run it and commit the result")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
