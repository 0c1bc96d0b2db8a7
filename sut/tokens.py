"""JWT issue and verification (PyJWT). Algorithm pinned to the configured one."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt

from sut import defects, variants
from sut.config import Settings

REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "jti", "type"]


class TokenError(Exception):
    """The token is not acceptable (message is safe to show)."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    jti: str
    iat: int
    exp: int

    @property
    def expires_in(self) -> int:
        return self.exp - self.iat


class TokenService:
    """Signs and verifies access, refresh and service tokens."""

    def __init__(self, settings: Settings) -> None:
        self.algorithm = settings.jwt_algorithm
        self.issuer = settings.jwt_issuer
        self.audience = settings.jwt_audience
        if self.algorithm.upper().startswith("HS"):
            self._signing_key: Any = settings.secret_key
            self._verify_key: Any = settings.secret_key
        else:
            self._signing_key = settings.jwt_private_key.replace("\\n", "\n")
            self._verify_key = settings.jwt_public_key.replace("\\n", "\n")
        self.access_seconds = settings.access_token_minutes * 60
        self.refresh_seconds = settings.refresh_token_days * 86400

    def issue(self, token_type: str, subject: str, lifetime: int, claims: dict[str, Any]) -> IssuedToken:
        now = int(time.time())
        jti = uuid.uuid4().hex
        payload = {
            "iss": self.issuer,
            "aud": variants.audience_claim(self.audience),
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
            "jti": jti,
            "type": token_type,
            **claims,
        }
        token = jwt.encode(payload, self._signing_key, algorithm=self.algorithm, headers={"typ": "JWT"})
        return IssuedToken(token, jti, now, now + lifetime)

    def decode(self, token: str, *, verify_exp: bool = True) -> dict[str, Any]:
        """Verify signature, algorithm, issuer, audience, times and required claims."""
        if not token or token.count(".") != 2:
            raise TokenError("malformed token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        unsigned = header.get("alg") == "none" and defects.active("alg-none-accepted")
        if header.get("alg") != self.algorithm and not unsigned:
            raise TokenError("unexpected signing algorithm")
        try:
            claims = jwt.decode(
                token,
                self._verify_key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options=_defective_options({"require": REQUIRED_CLAIMS, "verify_exp": verify_exp}, unsigned),
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.ImmatureSignatureError as exc:
            raise TokenError("token not yet valid") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("invalid token") from exc
        _defective_claims(claims)
        if not isinstance(claims.get("sub"), str) or not isinstance(claims.get("jti"), str):
            raise TokenError("invalid token")
        if claims.get("type") not in {"access", "refresh", "service"}:
            raise TokenError("invalid token type")
        return claims


def _defective_options(options: dict[str, Any], unsigned: bool) -> dict[str, Any]:
    """The PyJWT options with the checks the active defects leave out (unchanged without defects)."""
    if unsigned or defects.active("signature-not-checked"):
        # every other check stays on: PyJWT would drop them with the signature
        options.update(verify_signature=False, verify_nbf=True, verify_iat=True, verify_aud=True, verify_iss=True)
    if defects.active("expired-token-accepted"):
        options["verify_exp"] = False
    if defects.active("audience-not-checked"):
        options["verify_aud"] = False
    if defects.active("issuer-not-checked"):
        options["verify_iss"] = False
        options["require"] = [claim for claim in options["require"] if claim != "iss"]
    if defects.active("nbf-ignored"):
        options["verify_nbf"] = False
    if defects.active("audience-not-checked"):
        options["require"] = [claim for claim in options["require"] if claim != "aud"]
    for claim, defect in _OPTIONAL_CLAIM_DEFECTS.items():
        if defects.active(defect):
            options["require"] = [name for name in options["require"] if name != claim]
    return options


_OPTIONAL_CLAIM_DEFECTS = {
    "exp": "exp-not-required", "iat": "claim-iat-not-required", "jti": "claim-jti-not-required",
    "sub": "claim-sub-not-required", "type": "untyped-token-accepted",
}


def _defective_claims(claims: dict[str, Any]) -> None:
    """Defaults the active defects give to missing claims (nothing without them)."""
    if defects.active("untyped-token-accepted"):
        claims.setdefault("type", "access")
    if defects.active("claim-jti-not-required"):
        claims.setdefault("jti", uuid.uuid4().hex)
    if defects.active("claim-sub-not-required"):
        claims.setdefault("sub", "")  # sut.security resolves it by the username claim
