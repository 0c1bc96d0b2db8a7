"""Tests for TokenLibrary: every keyword, Secret handling, failure messages, forged tokens.

Forged tokens are checked with PyJWT, the same way a server would verify them.
"""

from __future__ import annotations

import base64
import json
import textwrap
import time
import uuid
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from robot.api.types import Secret

from TokenLibrary import TokenError, TokenLibrary

KEY = "reference-signing-key-0123456789abcdef"
ISSUER = AUDIENCE = "permiso"


def make_claims(kind: str = "access", lifetime: int = 900, **extra: object) -> dict:
    now = int(time.time())
    claims: dict = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": str(uuid.uuid4()), "iat": now, "nbf": now,
        "exp": now + lifetime, "jti": uuid.uuid4().hex, "type": kind,
    }
    if kind == "access":
        claims.update(
            scopes=["read:profile", "write:profile"], roles=["user"], username="testuser",
            email="user@permiso.test", is_superuser=False,
        )
    elif kind == "refresh":
        claims.update(username="testuser")
    else:
        claims.update(scopes=["service:api"], client_id="test-client-001", is_trusted=False)
    claims.update(extra)
    return claims


def make_token(kind: str = "access", key: str | bytes = KEY, algorithm: str = "HS256", **extra: object) -> str:
    return jwt.encode(make_claims(kind, **extra), key, algorithm=algorithm)


def verify(token: Secret | str, key: object = KEY, algorithms: tuple[str, ...] = ("HS256",), **options: bool) -> dict:
    raw = token.value if isinstance(token, Secret) else token
    return jwt.decode(raw, key, algorithms=list(algorithms), audience=AUDIENCE, issuer=ISSUER, options=options)


def segments(token: Secret | str) -> list[str]:
    return (token.value if isinstance(token, Secret) else token).split(".")


def b64json(segment: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


@pytest.fixture
def lib() -> TokenLibrary:
    return TokenLibrary()


@pytest.fixture
def keyed() -> TokenLibrary:
    return TokenLibrary(signing_key=Secret(KEY))


@pytest.fixture
def access() -> Secret:
    return Secret(make_token("access"))


@pytest.fixture(scope="module")
def rsa_pem() -> tuple[str, object]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return pem, private.public_key()


# ---------------------------------------------------------------- reading


def test_decode_claims_and_header_accept_secret_and_str(lib, access):
    claims = lib.decode_token_claims(access)
    assert claims["type"] == "access" and claims["scopes"] == ["read:profile", "write:profile"]
    assert lib.decode_token_claims(access.value) == claims
    assert lib.decode_token_header(access) == {"alg": "HS256", "typ": "JWT"}


def test_decode_accepts_bearer_prefix(lib, access):
    assert lib.decode_token_claims("Bearer " + access.value)["type"] == "access"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-jwt", "Value given as a token is not a JWT: expected 3 dot-separated parts, got 1"),
        ("a.b", "Value given as a token is not a JWT: expected 3 dot-separated parts, got 2"),
        ("!!!.e30.sig", "Token header is not base64url-encoded JSON"),
        ("e30.W10.sig", "Token payload is JSON but not an object"),
    ],
)
def test_malformed_tokens_fail_without_echoing_them(lib, value, message):
    with pytest.raises(TokenError) as info:
        lib.decode_token_claims(value)
    assert str(info.value).startswith(message)
    assert value not in str(info.value)


def test_non_string_token_is_refused(lib):
    with pytest.raises(TokenError, match="Expected a token as a Secret or a string, got int"):
        lib.decode_token_claims(42)


def test_get_token_claim_and_lifetime(lib, access):
    assert lib.get_token_claim(access, "username") == "testuser"
    assert lib.get_token_lifetime(access) == 900
    with pytest.raises(TokenError, match=r"^Token has no claim 'client_id' \(it has: iss, aud, sub"):
        lib.get_token_claim(access, "client_id")


# ---------------------------------------------------------------- assertions


def test_token_claim_should_be(lib, access):
    lib.token_claim_should_be(access, "type", "access")
    lib.token_claim_should_be(access, "is_superuser", False)
    lib.token_claim_should_be(access, "is_superuser", "false")
    lib.token_claim_should_be(access, "is_superuser", "False")
    lib.token_claim_should_be(access.value, "roles", ["user"])
    with pytest.raises(TokenError) as info:
        lib.token_claim_should_be(access, "type", "refresh")
    assert str(info.value) == "Token claim 'type' is 'access', expected 'refresh'"
    with pytest.raises(TokenError, match="Token claim 'is_superuser' is false, expected true"):
        lib.token_claim_should_be(access, "is_superuser", True)
    with pytest.raises(TokenError, match="Token claim 'is_superuser' is false, expected 0"):
        lib.token_claim_should_be(access, "is_superuser", 0)


def test_numeric_claim_matches_robot_string(lib, access):
    exp = lib.get_token_claim(access, "exp")
    lib.token_claim_should_be(access, "exp", str(exp))
    lib.token_claim_should_be(access, "exp", float(exp))


def test_secret_looking_claim_values_are_masked(lib):
    token = make_token(client_secret="hunter2-value", refresh_token_hash="abc")
    with pytest.raises(TokenError) as info:
        lib.token_claim_should_be(token, "client_secret", "other")
    assert str(info.value) == "Token claim 'client_secret' is ***, expected ***"
    with pytest.raises(TokenError) as info:
        lib.token_should_not_have_claims(token, "client_secret")
    assert "hunter2" not in str(info.value) and "'client_secret' = ***" in str(info.value)


def test_token_should_have_claims(lib, access):
    lib.token_should_have_claims(access, "iss", "aud", "sub", "iat", "nbf", "exp", "jti", "type")
    with pytest.raises(TokenError) as info:
        lib.token_should_have_claims(access, "iss", "client_id", "is_trusted")
    assert str(info.value).startswith("Token lacks claims 'client_id', 'is_trusted' (it has: iss, aud, sub,")
    with pytest.raises(TokenError, match=r"^Token lacks claim 'client_id' \("):
        lib.token_should_have_claims(access, "client_id")


def test_token_should_not_have_claims(lib):
    service = make_token("service")
    lib.token_should_not_have_claims(service, "roles", "username", "email", "is_superuser")
    with pytest.raises(TokenError) as info:
        lib.token_should_not_have_claims(service, "roles", "client_id")
    assert str(info.value) == "Token has claim it should not have: 'client_id' = 'test-client-001'"


def test_token_scopes_should_be_is_a_set_comparison(lib, access):
    lib.token_scopes_should_be(access, "write:profile", "read:profile")
    with pytest.raises(TokenError) as info:
        lib.token_scopes_should_be(access, "read:profile", "admin:users")
    assert str(info.value) == (
        "Token scopes are {read:profile, write:profile}, expected {admin:users, read:profile}: "
        "missing admin:users; unexpected write:profile"
    )


def test_token_scopes_from_space_separated_claim(lib):
    token = make_token(scope="a b")
    lib.token_scopes_should_be(token, "b", "a", claim="scope")
    with pytest.raises(TokenError, match="Token claim 'is_superuser' is false, expected a list of scopes"):
        lib.token_scopes_should_be(token, "a", claim="is_superuser")


def test_token_lifetime_should_be(lib, access):
    lib.token_lifetime_should_be(access, 900)
    lib.token_lifetime_should_be(access, "15 minutes")
    lib.token_lifetime_should_be(access, "902", tolerance="2s")
    with pytest.raises(TokenError) as info:
        lib.token_lifetime_should_be(access, 3600, tolerance=5)
    assert str(info.value) == "Token lifetime (exp - iat) is 900 s, expected 3600 s (tolerance 5 s)"
    no_exp = jwt.encode({"iat": 1}, KEY, algorithm="HS256")
    with pytest.raises(TokenError, match="Token has no claim 'exp'"):
        lib.token_lifetime_should_be(no_exp, 900)
    bad_iat = jwt.encode({"iat": "yesterday", "exp": 5}, KEY, algorithm="HS256")
    with pytest.raises(TokenError, match="Token claim 'iat' is 'yesterday', expected a number"):
        lib.get_token_lifetime(bad_iat)


def test_token_should_be_of_type(lib, access):
    lib.token_should_be_of_type(access, "access")
    lib.token_should_be_of_type(make_token("refresh"), "refresh")
    lib.token_should_be_of_type(make_token("service"), "service")
    with pytest.raises(TokenError) as info:
        lib.token_should_be_of_type(make_token("refresh"), "access")
    assert str(info.value) == "Token claim 'type' is 'refresh', expected 'access'"


def test_token_algorithm_should_be(lib, access):
    lib.token_algorithm_should_be(access, "HS256")
    with pytest.raises(TokenError) as info:
        lib.token_algorithm_should_be(access, "RS256")
    assert str(info.value) == "Token algorithm (header 'alg') is 'HS256', expected 'RS256'"


def test_failure_messages_never_contain_the_token(lib, access):
    parts = segments(access)
    calls = [
        lambda: lib.token_claim_should_be(access, "type", "refresh"),
        lambda: lib.token_should_have_claims(access, "nope"),
        lambda: lib.token_scopes_should_be(access, "x"),
        lambda: lib.token_lifetime_should_be(access, 1),
        lambda: lib.token_algorithm_should_be(access, "none"),
        lambda: lib.build_token_with_tampered_signature(lib.build_token_with_alg_none(access)),
    ]
    for call in calls:
        with pytest.raises(TokenError) as info:
            call()
        assert not any(part in str(info.value) for part in parts)


# ---------------------------------------------------------------- signing key


def test_signing_key_is_configured(lib):
    assert lib.signing_key_is_configured() is False
    lib.set_signing_key(Secret(KEY))
    assert lib.signing_key_is_configured() is True
    lib.clear_signing_key()
    assert lib.signing_key_is_configured() is False
    assert TokenLibrary(signing_key="").signing_key_is_configured() is False
    assert TokenLibrary(signing_key=KEY, algorithm="hs512").signing_key_is_configured() is True


def test_set_signing_key_validation(lib):
    with pytest.raises(TokenError, match="Unsupported signing algorithm 'ES256'"):
        lib.set_signing_key(KEY, "ES256")
    with pytest.raises(TokenError, match="^Signing key is empty$"):
        lib.set_signing_key(Secret(""))
    with pytest.raises(TokenError) as info:
        lib.set_signing_key(Secret(KEY), "RS256")
    assert "PEM private key" in str(info.value) and KEY not in str(info.value)
    with pytest.raises(TokenError, match="not a readable unencrypted PEM private key"):
        lib.set_signing_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "RS256")


# ---------------------------------------------------------------- forged tokens


def test_alg_none(lib, access):
    forged = lib.build_token_with_alg_none(access)
    assert isinstance(forged, Secret) and str(forged) == "<secret>"
    header, payload, signature = segments(forged)
    assert b64json(header) == {"alg": "none", "typ": "JWT"}
    assert payload == segments(access)[1] and signature == ""
    assert jwt.decode(forged.value, options={"verify_signature": False})["type"] == "access"
    with pytest.raises(jwt.InvalidTokenError):
        verify(forged)
    assert b64json(segments(lib.build_token_with_alg_none(access, alg="NONE"))[0])["alg"] == "NONE"


def test_other_algorithm_with_configured_hmac_key_uses_real_key(keyed, access):
    forged = keyed.build_token_with_other_algorithm(access)
    assert isinstance(forged, Secret)
    assert keyed.decode_token_header(forged)["alg"] == "HS512"
    assert verify(forged, algorithms=("HS512",))["jti"] == keyed.get_token_claim(access, "jti")
    with pytest.raises(jwt.InvalidAlgorithmError):
        verify(forged, algorithms=("HS256",))
    with pytest.raises(TokenError, match="Token already uses HS256; name another algorithm"):
        keyed.build_token_with_other_algorithm(access, "HS256")
    assert segments(keyed.build_token_with_other_algorithm(access, "none"))[2] == ""


def test_other_algorithm_without_key_uses_random_key(lib, access):
    forged = lib.build_token_with_other_algorithm(access, "HS384")
    assert lib.decode_token_header(forged)["alg"] == "HS384"
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged, algorithms=("HS384",))


@pytest.mark.parametrize("algorithm", ["RS256", "PS256", "ES256", "ES384"])
def test_other_algorithm_asymmetric_throwaway_keys(lib, access, algorithm):
    forged = lib.build_token_with_other_algorithm(access, algorithm)
    assert lib.decode_token_header(forged)["alg"] == algorithm
    assert lib.decode_token_claims(forged) == lib.decode_token_claims(access)
    # Signed with a real key pair: verifiable with the throwaway public key, not with the server's secret.
    public = lib._throwaway_key(algorithm).public_key()
    assert verify(forged, key=public, algorithms=(algorithm,))["type"] == "access"


def test_other_algorithm_unknown(lib, access):
    with pytest.raises(TokenError, match="Unsupported algorithm 'XY256'"):
        lib.build_token_with_other_algorithm(access, "XY256")


def test_algorithm_confusion_with_configured_rsa_key(rsa_pem):
    pem, public = rsa_pem
    lib = TokenLibrary(signing_key=Secret(pem), algorithm="RS256")
    real = Secret(jwt.encode(make_claims(), pem, algorithm="RS256"))
    forged = lib.build_token_with_other_algorithm(real, "HS256")
    public_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    header, payload, signature = segments(forged)
    import hashlib
    import hmac

    expected = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)) == expected
    same_key = lib.build_token_with_other_algorithm(real, "RS512")
    assert verify(same_key, key=public, algorithms=("RS512",))["type"] == "access"


def test_changed_payload_keeps_original_header_and_signature(lib, access):
    forged = lib.build_token_with_changed_payload(access, is_superuser=True, roles=["admin"])
    assert isinstance(forged, Secret)
    original = segments(access)
    header, payload, signature = segments(forged)
    assert header == original[0] and signature == original[2] and payload != original[1]
    claims = lib.decode_token_claims(forged)
    assert claims["is_superuser"] is True and claims["roles"] == ["admin"] and claims["jti"] == b64json(original[1])["jti"]
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged)
    with pytest.raises(TokenError, match="Give at least one claim to change"):
        lib.build_token_with_changed_payload(access)


def test_tampered_signature(lib, access):
    forged = lib.build_token_with_tampered_signature(access)
    original = segments(access)
    header, payload, signature = segments(forged)
    assert (header, payload) == (original[0], original[1]) and signature != original[2]
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged)


def test_wrong_key(lib, keyed, access):
    for library in (lib, keyed):
        forged = library.build_token_with_wrong_key(access)
        assert isinstance(forged, Secret)
        assert segments(forged)[:2] == segments(access)[:2]
        with pytest.raises(jwt.InvalidSignatureError):
            verify(forged)
    with pytest.raises(TokenError, match="Token algorithm 'none' is not one this library can sign with"):
        lib.build_token_with_wrong_key(lib.build_token_with_alg_none(access))


def test_wrong_key_for_rsa_token(lib, rsa_pem):
    pem, public = rsa_pem
    real = jwt.encode(make_claims(), pem, algorithm="RS256")
    forged = lib.build_token_with_wrong_key(real)
    assert lib.decode_token_header(forged)["alg"] == "RS256"
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged, key=public, algorithms=("RS256",))


def test_with_claims_is_validly_signed_with_configured_key(keyed, access):
    forged = keyed.build_token_with_claims(access, iss="evil", type="refresh")
    assert isinstance(forged, Secret)
    claims = jwt.decode(forged.value, KEY, algorithms=["HS256"], audience=AUDIENCE)
    assert claims["iss"] == "evil" and claims["type"] == "refresh"
    assert claims["jti"] == keyed.get_token_claim(access, "jti")
    with pytest.raises(jwt.InvalidIssuerError):
        verify(forged)


def test_with_claims_without_key_uses_random_key(lib, access):
    forged = lib.build_token_with_claims(access, aud="someone-else")
    assert lib.get_token_claim(forged, "aud") == "someone-else"
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged)


def test_without_claims(keyed, lib, access):
    forged = keyed.build_token_without_claims(access, "exp", "iss")
    claims = jwt.decode(forged.value, KEY, algorithms=["HS256"], audience=AUDIENCE)
    assert "exp" not in claims and "iss" not in claims and claims["type"] == "access"
    with pytest.raises(jwt.MissingRequiredClaimError):
        jwt.decode(forged.value, KEY, algorithms=["HS256"], audience=AUDIENCE, options={"require": ["exp"]})
    with pytest.raises(TokenError, match="Token has no claim 'client_id' to remove"):
        keyed.build_token_without_claims(access, "client_id")
    with pytest.raises(jwt.InvalidSignatureError):
        verify(lib.build_token_without_claims(access, "exp"))


def test_expired_token(keyed, access):
    forged = keyed.build_expired_token(access, expired_seconds_ago=120)
    claims = verify(forged, verify_exp=False)
    assert abs(claims["exp"] - (time.time() - 120)) < 5
    assert claims["exp"] - claims["iat"] == 900 and claims["nbf"] == claims["iat"]
    with pytest.raises(jwt.ExpiredSignatureError):
        verify(forged)


def test_expired_token_without_key(lib, access):
    forged = lib.build_expired_token(access, "1 hour")
    assert lib.get_token_claim(forged, "exp") < time.time() - 3500
    with pytest.raises(jwt.InvalidSignatureError):
        verify(forged)


def test_token_not_yet_valid(keyed, access):
    forged = keyed.build_token_not_yet_valid(access, valid_in_seconds=600)
    claims = verify(forged, verify_nbf=False)
    now = time.time()
    assert abs(claims["nbf"] - (now + 600)) < 5 and abs(claims["iat"] - now) < 5
    assert claims["exp"] == claims["nbf"] + 900
    with pytest.raises(jwt.ImmatureSignatureError):
        verify(forged)


def test_rs256_configured_key_signs_validly(rsa_pem):
    pem, public = rsa_pem
    lib = TokenLibrary()
    lib.set_signing_key(Secret(pem), "RS256")
    real = jwt.encode(make_claims(), pem, algorithm="RS256")
    forged = lib.build_token_with_claims(real, aud="other")
    assert lib.decode_token_header(forged)["alg"] == "RS256"
    assert jwt.decode(forged.value, public, algorithms=["RS256"], audience="other")["type"] == "access"


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_hmac_variants_of_configured_key(algorithm, access):
    lib = TokenLibrary(signing_key=Secret(KEY), algorithm=algorithm)
    forged = lib.build_token_with_claims(access, type="service")
    assert lib.decode_token_header(forged)["alg"] == algorithm
    assert verify(forged, algorithms=(algorithm,))["type"] == "service"


def test_every_build_keyword_returns_a_secret(lib, keyed, access):
    builders = [
        lambda library: library.build_token_with_alg_none(access),
        lambda library: library.build_token_with_other_algorithm(access),
        lambda library: library.build_token_with_changed_payload(access, sub="x"),
        lambda library: library.build_token_with_wrong_key(access),
        lambda library: library.build_expired_token(access),
        lambda library: library.build_token_not_yet_valid(access),
        lambda library: library.build_token_with_claims(access, sub="x"),
        lambda library: library.build_token_without_claims(access, "sub"),
        lambda library: library.build_token_with_tampered_signature(access),
    ]
    for library in (lib, keyed):
        for build in builders:
            forged = build(library)
            assert isinstance(forged, Secret) and repr(forged) == "Secret(value=<secret>)"
            assert forged.value != access.value


# ---------------------------------------------------------------- through Robot Framework


def test_robot_run_never_writes_tokens_or_key_to_outputs(tmp_path: Path):
    """Runs the library in Robot at TRACE level and greps every output for the secrets."""
    import robot

    token = make_token("access")
    (tmp_path / "secrets.py").write_text(
        textwrap.dedent(
            f"""
            from robot.api.types import Secret
            TOKEN = Secret({token!r})
            KEY = Secret({KEY!r})
            """
        )
    )
    (tmp_path / "suite.robot").write_text(
        textwrap.dedent(
            """
            *** Settings ***
            Library    TokenLibrary    signing_key=${KEY}

            *** Test Cases ***
            Keywords Take And Return Secrets
                ${configured}=    Signing Key Is Configured
                Should Be True    ${configured}
                Token Should Be Of Type    ${TOKEN}    access
                Token Scopes Should Be    ${TOKEN}    write:profile    read:profile
                ${claims}=    Decode Token Claims    ${TOKEN}
                Should Be Equal    ${claims}[username]    testuser
                ${forged}=    Build Token With Claims    ${TOKEN}    type=refresh    is_superuser=${True}
                Token Should Be Of Type    ${forged}    refresh
                Token Claim Should Be    ${forged}    is_superuser    true
                Run Keyword And Expect Error    Token claim 'type' is 'refresh', expected 'access'
                ...    Token Should Be Of Type    ${forged}    access
                ${none}=    Build Token With Alg None    ${forged}
                Token Algorithm Should Be    ${none}    none

            Wrong Type Name Is Refused By Conversion
                Run Keyword And Expect Error    *cannot be converted*
                ...    Token Should Be Of Type    ${TOKEN}    admin
            """
        )
    )
    out = tmp_path / "out"
    rc = robot.run(
        str(tmp_path / "suite.robot"), variablefile=str(tmp_path / "secrets.py"), loglevel="TRACE",
        outputdir=str(out), pythonpath=[str(Path(__file__).resolve().parents[1])], stdout=open(tmp_path / "console.txt", "w"),
    )
    console = (tmp_path / "console.txt").read_text()
    assert rc == 0, console + (out / "output.xml").read_text()
    written = (out / "output.xml").read_text() + (out / "log.html").read_text() + console
    assert "Secret(value=&lt;secret&gt;)" in written  # Robot did log arguments and return values, masked
    for part in segments(token):
        assert part not in written
    assert KEY not in written
    assert "eyJ" not in written  # nothing shaped like a JWT, so no forged token either


def test_robot_accepts_plain_string_tokens(tmp_path: Path):
    """A forged token handed on as a plain string (``${token.value}``) is accepted too."""
    import robot

    (tmp_path / "suite.robot").write_text(
        textwrap.dedent(
            f"""
            *** Settings ***
            Library    TokenLibrary

            *** Test Cases ***
            Plain Strings Work
                Token Should Be Of Type    {make_token("service")}    service
                ${{forged}}=    Build Token With Alg None    {make_token("refresh")}
                Token Should Be Of Type    ${{forged.value}}    refresh
            """
        )
    )
    rc = robot.run(
        str(tmp_path / "suite.robot"), outputdir=str(tmp_path), output="NONE", log="NONE", report="NONE",
        pythonpath=[str(Path(__file__).resolve().parents[1])], stdout=open(tmp_path / "console.txt", "w"),
    )
    assert rc == 0, (tmp_path / "console.txt").read_text()
