"""Inspect JSON Web Tokens and build forged ones for negative tests.

TokenLibrary reads the header and the claims of a JWT *without verifying it*, asserts on them
with failure messages that name the claim and its value, and builds attack tokens from a real
token, so every claim except the one under attack stays realistic.

= Secrets =

Every keyword that takes a token or a key accepts a ``Secret`` (``robot.api.types.Secret``) or a
plain string. Every keyword that returns a token returns a ``Secret``, so Robot Framework never
writes the token to its outputs; use ``${token.value}`` only where the raw string is needed.
The library never logs a token, a key or a secret value, and its failure messages name claims
and values of claims but never the token itself. Claims whose name looks secret (``password``,
``secret``, ``token``, ``key``) are shown as ``***``.

= Signing key =

The keywords that re-sign a token (`Build Token With Claims`, `Build Token Without Claims`,
`Build Expired Token`, `Build Token Not Yet Valid`, `Build Token With Other Algorithm`) use the
deployment's real signing key when one is configured, either as the library import argument
``signing_key`` or with `Set Signing Key`. Such tokens carry a *valid* signature, so a
rejection proves the server checks the claim and not only the signature. Without a key they
are signed with a random key: the server must still reject them, but then the test only shows
that the signature is checked. Suites use `Signing Key Is Configured` to skip key-dependent
tests with a stated reason.

Supported algorithms for the configured key: ``HS256``, ``HS384``, ``HS512`` (a shared secret)
and ``RS256``, ``RS384``, ``RS512`` (a PEM private key).

= Examples =

Importing, in the Settings section (both arguments are optional):

| Library    TokenLibrary    signing_key=${PERMISO_JWT_SECRET}    algorithm=HS256

Tests:

| Access Token Has The Contract Claims
|     ${login}=    Login As Normal User
|     Token Should Be Of Type    ${login}[access_token]    access
|     Token Should Have Claims    ${login}[access_token]    iss    aud    sub    iat    nbf    exp    jti
|     Token Scopes Should Be    ${login}[access_token]    read:profile    write:profile
|     Token Lifetime Should Be    ${login}[access_token]    15 minutes    tolerance=2
|
| Server Rejects A Token Without Expiry
|     ${configured}=    Signing Key Is Configured
|     Skip If    not ${configured}    No signing key configured: cannot sign a valid token
|     ${login}=    Login As Normal User
|     ${forged}=    Build Token Without Claims    ${login}[access_token]    exp
|     Send Request    GET    /api/v1/users/me    expected_status=401    token=${forged}
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import time
from typing import Any, Literal

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from robot.api.deco import keyword
from robot.api.types import Secret
from robot.utils import timestr_to_secs

__version__ = "1.0"

TokenLike = Secret | str
HMAC_ALGORITHMS = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}
RSA_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
EC_CURVES = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1}
KEY_ALGORITHMS = (*HMAC_ALGORITHMS, "RS256", "RS384", "RS512")
SECRET_CLAIM = re.compile(r"secret|password|passwd|token|key", re.IGNORECASE)


class TokenError(AssertionError):
    """A token assertion failed or a token could not be read. The message never holds the token."""

    ROBOT_SUPPRESS_NAME = True


def _b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json_segment(data: dict[str, Any]) -> str:
    return _b64encode(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def _plain(value: TokenLike | None) -> str:
    """The string inside a Secret, or the string itself."""
    if isinstance(value, Secret):
        value = value.value
    if not isinstance(value, str):
        raise TokenError(f"Expected a token as a Secret or a string, got {type(value).__name__}")
    return value.strip()


def _show(claim: str, value: Any) -> str:
    """A claim value for a failure message; secret-looking claims are masked."""
    if SECRET_CLAIM.search(claim):
        return "***"
    return repr(value) if isinstance(value, str) else json.dumps(value)


class _Jwt:
    """The three parts of a compact JWT."""

    def __init__(self, token: TokenLike):
        raw = _plain(token)
        if raw[:7].lower() == "bearer ":
            raw = raw[7:].strip()
        parts = raw.split(".")
        if len(parts) != 3:
            raise TokenError(
                f"Value given as a token is not a JWT: expected 3 dot-separated parts, got {len(parts)}"
            )
        self.header_segment, self.payload_segment, self.signature_segment = parts
        self.header = self._json(self.header_segment, "header")
        self.claims = self._json(self.payload_segment, "payload")

    @staticmethod
    def _json(segment: str, what: str) -> dict[str, Any]:
        try:
            data = json.loads(_b64decode(segment))
        except (binascii.Error, ValueError) as error:
            raise TokenError(f"Token {what} is not base64url-encoded JSON ({type(error).__name__})") from None
        if not isinstance(data, dict):
            raise TokenError(f"Token {what} is JSON but not an object")
        return data

    @property
    def algorithm(self) -> str:
        return str(self.header.get("alg", ""))


def _sign(signing_input: str, algorithm: str, key: bytes | Any) -> str:
    """Sign ``header.payload`` and return the base64url signature segment."""
    data = signing_input.encode("ascii")
    if algorithm in HMAC_ALGORITHMS:
        # Computed directly: PyJWT refuses PEM text as an HMAC secret, which the
        # algorithm-confusion attack needs.
        return _b64encode(hmac.new(key, data, HMAC_ALGORITHMS[algorithm]).digest())
    implementation = jwt.get_algorithm_by_name(algorithm)
    return _b64encode(implementation.sign(data, key))


def _seconds(value: float) -> str:
    """Seconds for a message: ``900 s``, ``0.5 s``."""
    return f"{value:g} s"


class TokenLibrary:
    """Inspect JWTs without verifying them and build forged tokens for negative tests."""

    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    ROBOT_LIBRARY_DOC_FORMAT = "ROBOT"
    ROBOT_LIBRARY_VERSION = __version__

    def __init__(self, signing_key: Secret | str | None = None, algorithm: str = "HS256"):
        """``signing_key`` is the deployment's JWT signing key (an HMAC secret, or a PEM private
        key for ``RS256``, ``RS384`` or ``RS512``), ``algorithm`` the algorithm it signs with. Both
        are optional; see `Set Signing Key`. An empty key counts as no key."""
        self._key: bytes | Any | None = None
        self._algorithm = "HS256"
        self._public_pem: bytes | None = None
        self._throwaway: dict[str, Any] = {}
        if signing_key is not None and _plain(signing_key):
            self.set_signing_key(signing_key, algorithm)

    # ------------------------------------------------------------------ configuration

    @keyword
    def set_signing_key(self, key: Secret | str, algorithm: str = "HS256") -> None:
        """Configures the real signing key used by the re-signing keywords.

        ``key`` is the HMAC secret for ``HS256``, ``HS384`` or ``HS512``, or the PEM private key for
        ``RS256``, ``RS384`` or ``RS512``. Give it as a ``Secret``; the value is never logged.

        | Set Signing Key    ${PERMISO_JWT_SECRET}
        | Set Signing Key    ${PRIVATE_KEY_PEM}    algorithm=RS256
        """
        value = _plain(key)
        algorithm = algorithm.upper()
        if algorithm not in KEY_ALGORITHMS:
            raise TokenError(f"Unsupported signing algorithm '{algorithm}'; use one of {', '.join(KEY_ALGORITHMS)}")
        if not value:
            raise TokenError("Signing key is empty")
        if algorithm in HMAC_ALGORITHMS:
            self._key, self._public_pem = value.encode("utf-8"), None
        else:
            if not value.startswith("-----BEGIN"):
                raise TokenError(f"{algorithm} needs a PEM private key ('-----BEGIN ... PRIVATE KEY-----')")
            try:
                private = serialization.load_pem_private_key(value.encode("utf-8"), password=None)
            except (ValueError, TypeError):
                raise TokenError(f"Signing key for {algorithm} is not a readable unencrypted PEM private key") from None
            if not isinstance(private, rsa.RSAPrivateKey):
                raise TokenError(f"{algorithm} needs an RSA private key, got {type(private).__name__}")
            self._key = private
            self._public_pem = private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        self._algorithm = algorithm

    @keyword
    def clear_signing_key(self) -> None:
        """Forgets the configured signing key; re-signing keywords then use random keys."""
        self._key, self._public_pem, self._algorithm = None, None, "HS256"

    @keyword
    def signing_key_is_configured(self) -> bool:
        """Returns ``True`` when a real signing key is configured, else ``False``.

        | ${configured}=    Signing Key Is Configured
        | Skip If    not ${configured}    No signing key configured: a validly signed token cannot be built
        """
        return self._key is not None

    # ------------------------------------------------------------------ reading

    @keyword
    def decode_token_claims(self, token: Secret | str) -> dict[str, Any]:
        """Returns the claims (payload) of ``token`` as a dictionary, without verifying it.

        | ${claims}=    Decode Token Claims    ${login}[access_token]
        | Should Be Equal    ${claims}[type]    access
        """
        return dict(_Jwt(token).claims)

    @keyword
    def decode_token_header(self, token: Secret | str) -> dict[str, Any]:
        """Returns the header of ``token`` as a dictionary, without verifying it.

        | ${header}=    Decode Token Header    ${token}
        | Should Be Equal    ${header}[typ]    JWT
        """
        return dict(_Jwt(token).header)

    @keyword
    def get_token_claim(self, token: Secret | str, claim: str) -> Any:
        """Returns the value of one claim; fails when the token does not have it."""
        claims = _Jwt(token).claims
        if claim not in claims:
            raise TokenError(f"Token has no claim '{claim}' (it has: {', '.join(claims) or 'none'})")
        return claims[claim]

    @keyword
    def get_token_lifetime(self, token: Secret | str) -> int | float:
        """Returns ``exp - iat`` in seconds; fails when either claim is missing or not a number."""
        claims = _Jwt(token).claims
        return self._number(claims, "exp") - self._number(claims, "iat")

    # ------------------------------------------------------------------ assertions

    @keyword
    def token_claim_should_be(self, token: Secret | str, claim: str, expected: Any) -> None:
        """Fails unless claim ``claim`` of ``token`` equals ``expected``.

        A string ``expected`` also matches a non-string claim with the same JSON text, so
        ``900``, ``true`` and ``True`` work from plain Robot data.

        | Token Claim Should Be    ${token}    iss    permiso
        | Token Claim Should Be    ${token}    is_superuser    ${False}

        Failure: ``Token claim 'type' is 'refresh', expected 'access'``.
        """
        actual = self.get_token_claim(token, claim)
        if not self._matches(actual, expected):
            raise TokenError(f"Token claim '{claim}' is {_show(claim, actual)}, expected {_show(claim, expected)}")

    @keyword
    def token_should_have_claims(self, token: Secret | str, *claims: str) -> None:
        """Fails unless ``token`` has every one of ``claims``.

        | Token Should Have Claims    ${token}    iss    aud    sub    iat    nbf    exp    jti    type
        """
        present = _Jwt(token).claims
        missing = [claim for claim in claims if claim not in present]
        if missing:
            raise TokenError(
                f"Token lacks claim{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} "
                f"(it has: {', '.join(present) or 'none'})"
            )

    @keyword
    def token_should_not_have_claims(self, token: Secret | str, *claims: str) -> None:
        """Fails if ``token`` has any of ``claims``.

        | Token Should Not Have Claims    ${service_token}    roles    username    email    is_superuser
        """
        present = _Jwt(token).claims
        found = [claim for claim in claims if claim in present]
        if found:
            shown = ", ".join(f"'{claim}' = {_show(claim, present[claim])}" for claim in found)
            raise TokenError(f"Token has claim{'s' if len(found) > 1 else ''} it should not have: {shown}")

    @keyword
    def token_scopes_should_be(self, token: Secret | str, *scopes: str, claim: str = "scopes") -> None:
        """Fails unless the token's scopes are exactly ``scopes``, compared as sets.

        The scopes are read from the list claim ``claim`` (default ``scopes``); a
        space-separated string (OAuth ``scope`` style) works too.

        | Token Scopes Should Be    ${token}    read:profile    write:profile
        | Token Scopes Should Be    ${token}    read:profile    claim=scope
        """
        value = self.get_token_claim(token, claim)
        if isinstance(value, str):
            actual = set(value.split())
        elif isinstance(value, list):
            actual = {str(item) for item in value}
        else:
            raise TokenError(f"Token claim '{claim}' is {_show(claim, value)}, expected a list of scopes")
        expected = set(scopes)
        if actual != expected:
            details = []
            if expected - actual:
                details.append(f"missing {', '.join(sorted(expected - actual))}")
            if actual - expected:
                details.append(f"unexpected {', '.join(sorted(actual - expected))}")
            raise TokenError(
                f"Token scopes are {self._set(actual)}, expected {self._set(expected)}: {'; '.join(details)}"
            )

    @keyword
    def token_lifetime_should_be(
        self, token: Secret | str, seconds: int | float | str, tolerance: int | float | str = 0
    ) -> None:
        """Fails unless ``exp - iat`` equals ``seconds`` within ``tolerance``.

        Both accept numbers or Robot time strings (``900``, ``15 minutes``, ``30 days``).

        | Token Lifetime Should Be    ${access}    15 min
        | Token Lifetime Should Be    ${service}    3600    tolerance=2
        """
        expected = timestr_to_secs(seconds)
        allowed = timestr_to_secs(tolerance)
        actual = self.get_token_lifetime(token)
        if abs(actual - expected) > allowed:
            raise TokenError(
                f"Token lifetime (exp - iat) is {_seconds(actual)}, expected "
                f"{_seconds(expected)} (tolerance {_seconds(allowed)})"
            )

    @keyword
    def token_should_be_of_type(self, token: Secret | str, expected: Literal["access", "refresh", "service"]) -> None:
        """Fails unless the ``type`` claim is ``expected`` (``access``, ``refresh`` or ``service``).

        | Token Should Be Of Type    ${login}[refresh_token]    refresh
        """
        self.token_claim_should_be(token, "type", expected)

    @keyword
    def token_algorithm_should_be(self, token: Secret | str, expected: str) -> None:
        """Fails unless the ``alg`` header of ``token`` is ``expected`` (case-sensitive, as in RFC 7515).

        | Token Algorithm Should Be    ${token}    HS256
        """
        actual = _Jwt(token).algorithm
        if actual != expected:
            raise TokenError(f"Token algorithm (header 'alg') is '{actual}', expected '{expected}'")

    # ------------------------------------------------------------------ forged tokens

    @keyword
    def build_token_with_alg_none(self, token: Secret | str, alg: str = "none") -> Secret:
        """Returns ``token`` with header ``alg`` set to ``none`` and an empty signature.

        ``alg`` may be another spelling (``None``, ``NONE``, ``nOnE``) to probe case handling.

        | ${forged}=    Build Token With Alg None    ${login}[access_token]
        """
        parsed = _Jwt(token)
        header = {**parsed.header, "alg": alg}
        return Secret(f"{_json_segment(header)}.{parsed.payload_segment}.")

    @keyword
    def build_token_with_other_algorithm(self, token: Secret | str, algorithm: str = "HS512") -> Secret:
        """Returns ``token`` re-signed with ``algorithm``, which must differ from the token's own.

        Key used, so that a rejection can only come from the algorithm check:
        - an HMAC algorithm while an HMAC key is configured: the real key (same secret, other algorithm);
        - an HMAC algorithm while an RSA key is configured: the RSA *public* key PEM as the HMAC
          secret (the classic algorithm-confusion attack);
        - an RSA algorithm while an RSA key is configured: the real private key;
        - anything else, or no key configured: a random key.

        Supported: HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512,
        ES256, ES384, ES512 and ``none`` (same as `Build Token With Alg None`).
        """
        parsed = _Jwt(token)
        if algorithm.lower() == "none":
            return self.build_token_with_alg_none(token, algorithm)
        algorithm = algorithm.upper()
        if algorithm == parsed.algorithm:
            raise TokenError(f"Token already uses {algorithm}; name another algorithm")
        if algorithm in HMAC_ALGORITHMS:
            if self._key is not None and self._algorithm in HMAC_ALGORITHMS:
                key: Any = self._key
            elif self._public_pem is not None:
                key = self._public_pem
            else:
                key = self._random_secret()
        elif algorithm in RSA_ALGORITHMS:
            key = self._key if isinstance(self._key, rsa.RSAPrivateKey) else self._throwaway_key(algorithm)
        elif algorithm in EC_CURVES:
            key = self._throwaway_key(algorithm)
        else:
            raise TokenError(f"Unsupported algorithm '{algorithm}'")
        return Secret(self._encode({**parsed.header, "alg": algorithm}, parsed.claims, algorithm, key))

    @keyword
    def build_token_with_changed_payload(self, token: Secret | str, **changes: Any) -> Secret:
        """Returns ``token`` with claims changed or added but the ORIGINAL header and signature.

        The signature no longer matches, so a correct server rejects it. Use Robot variable
        syntax for values that are not strings.

        | ${forged}=    Build Token With Changed Payload    ${token}    is_superuser=${True}    roles=${{["admin"]}}
        """
        if not changes:
            raise TokenError("Give at least one claim to change, e.g. is_superuser=${True}")
        parsed = _Jwt(token)
        payload = _json_segment({**parsed.claims, **changes})
        return Secret(f"{parsed.header_segment}.{payload}.{parsed.signature_segment}")

    @keyword
    def build_token_with_tampered_signature(self, token: Secret | str) -> Secret:
        """Returns ``token`` with one bit of its signature flipped; header and claims unchanged."""
        parsed = _Jwt(token)
        try:
            signature = bytearray(_b64decode(parsed.signature_segment))
        except binascii.Error:
            raise TokenError("Token signature is not base64url") from None
        if not signature:
            raise TokenError("Token has an empty signature (alg none?): nothing to tamper with")
        signature[len(signature) // 2] ^= 0x01
        return Secret(f"{parsed.header_segment}.{parsed.payload_segment}.{_b64encode(bytes(signature))}")

    @keyword
    def build_token_with_wrong_key(self, token: Secret | str) -> Secret:
        """Returns ``token`` re-signed with the same algorithm but a random key.

        Header and claims are unchanged. HMAC tokens get a random 256-bit secret; RSA and EC
        tokens a freshly generated key pair.
        """
        parsed = _Jwt(token)
        algorithm = parsed.algorithm.upper()
        if algorithm in HMAC_ALGORITHMS:
            key: Any = self._random_secret()
        elif algorithm in RSA_ALGORITHMS or algorithm in EC_CURVES:
            key = self._throwaway_key(algorithm)
        else:
            raise TokenError(f"Token algorithm '{parsed.algorithm}' is not one this library can sign with")
        return Secret(self._encode(parsed.header, parsed.claims, algorithm, key))

    @keyword
    def build_token_with_claims(self, token: Secret | str, **changes: Any) -> Secret:
        """Returns ``token`` with claims changed or added, re-signed.

        Signed with the configured key when there is one (see `Signing Key Is Configured`),
        so only the server's claim checks can reject it; otherwise with a random key.

        | ${forged}=    Build Token With Claims    ${token}    iss=evil    aud=someone-else
        | ${forged}=    Build Token With Claims    ${refresh}    type=access
        """
        parsed = _Jwt(token)
        return self._resign(parsed, {**parsed.claims, **changes})

    @keyword
    def build_token_without_claims(self, token: Secret | str, *claims: str) -> Secret:
        """Returns ``token`` without ``claims``, re-signed like `Build Token With Claims`.

        | ${forged}=    Build Token Without Claims    ${token}    exp
        """
        parsed = _Jwt(token)
        missing = [claim for claim in claims if claim not in parsed.claims]
        if missing:
            raise TokenError(f"Token has no claim {', '.join(map(repr, missing))} to remove")
        return self._resign(parsed, {k: v for k, v in parsed.claims.items() if k not in claims})

    @keyword
    def build_expired_token(self, token: Secret | str, expired_seconds_ago: int | float | str = 3600) -> Secret:
        """Returns ``token`` moved into the past so that ``exp`` lies ``expired_seconds_ago`` before now.

        ``iat`` and ``nbf`` move with it, keeping the original lifetime. Re-signed like
        `Build Token With Claims`.
        """
        parsed = _Jwt(token)
        lifetime = self._lifetime_or_default(parsed.claims)
        exp = int(time.time() - timestr_to_secs(expired_seconds_ago))
        claims = {**parsed.claims, "exp": exp, "iat": exp - lifetime}
        if "nbf" in parsed.claims:
            claims["nbf"] = exp - lifetime
        return self._resign(parsed, claims)

    @keyword
    def build_token_not_yet_valid(self, token: Secret | str, valid_in_seconds: int | float | str = 3600) -> Secret:
        """Returns ``token`` whose ``nbf`` lies ``valid_in_seconds`` in the future.

        ``iat`` is now and ``exp`` is ``nbf`` plus the original lifetime, so only ``nbf`` makes it
        invalid. Re-signed like `Build Token With Claims`.
        """
        parsed = _Jwt(token)
        now = int(time.time())
        nbf = now + int(timestr_to_secs(valid_in_seconds))
        claims = {**parsed.claims, "iat": now, "nbf": nbf, "exp": nbf + self._lifetime_or_default(parsed.claims)}
        return self._resign(parsed, claims)

    # ------------------------------------------------------------------ helpers

    def _resign(self, parsed: _Jwt, claims: dict[str, Any]) -> Secret:
        if self._key is not None:
            algorithm, key = self._algorithm, self._key
        else:
            algorithm = parsed.algorithm.upper()
            if algorithm in HMAC_ALGORITHMS:
                key = self._random_secret()
            elif algorithm in RSA_ALGORITHMS or algorithm in EC_CURVES:
                key = self._throwaway_key(algorithm)
            else:
                algorithm, key = "HS256", self._random_secret()
        return Secret(self._encode({**parsed.header, "alg": algorithm}, claims, algorithm, key))

    @staticmethod
    def _encode(header: dict[str, Any], claims: dict[str, Any], algorithm: str, key: Any) -> str:
        signing_input = f"{_json_segment(header)}.{_json_segment(claims)}"
        return f"{signing_input}.{_sign(signing_input, algorithm, key)}"

    @staticmethod
    def _random_secret() -> bytes:
        return os.urandom(32).hex().encode("ascii")

    def _throwaway_key(self, algorithm: str) -> Any:
        family = "EC" + algorithm[2:] if algorithm in EC_CURVES else "RSA"
        if family not in self._throwaway:
            if family == "RSA":
                self._throwaway[family] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            else:
                self._throwaway[family] = ec.generate_private_key(EC_CURVES[algorithm]())
        return self._throwaway[family]

    @staticmethod
    def _number(claims: dict[str, Any], claim: str) -> int | float:
        value = claims.get(claim)
        if claim not in claims:
            raise TokenError(f"Token has no claim '{claim}'")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TokenError(f"Token claim '{claim}' is {_show(claim, value)}, expected a number")
        return value

    def _lifetime_or_default(self, claims: dict[str, Any]) -> int:
        try:
            return int(self._number(claims, "exp") - self._number(claims, "iat"))
        except TokenError:
            return 900

    @staticmethod
    def _matches(actual: Any, expected: Any) -> bool:
        if actual == expected and type(actual) is type(expected):
            return True
        if isinstance(expected, str) and not isinstance(actual, str):
            return expected in (json.dumps(actual), str(actual))
        return actual == expected and not isinstance(actual, bool) and not isinstance(expected, bool)

    @staticmethod
    def _set(values: set[str]) -> str:
        return "{" + ", ".join(sorted(values)) + "}"


TokenLibrary.__doc__ = __doc__  # Libdoc shows the class docstring: make it the library intro.
