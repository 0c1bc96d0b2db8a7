"""Password hashing (argon2id), password policy and username rules."""

from __future__ import annotations

import re

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sut import defects

USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,50}$")
SPECIAL_RE = re.compile(r"[^A-Za-z0-9]")


def password_problems(password: str) -> list[str]:
    """What is wrong with a password under the policy (empty list: acceptable)."""
    problems = []
    if not 8 <= len(password) <= 128:
        problems.append("must be 8 to 128 characters long")
    if not re.search(r"[A-Z]", password):
        problems.append("must contain an upper-case letter")
    if not re.search(r"[a-z]", password):
        problems.append("must contain a lower-case letter")
    if not re.search(r"[0-9]", password) and not defects.active("password-digit-optional"):
        problems.append("must contain a digit")
    if not SPECIAL_RE.search(password) and not defects.active("password-special-char-optional"):
        problems.append("must contain a special character")
    return problems


def check_password_policy(password: str) -> str:
    """Pydantic-friendly validator: returns the password or raises ValueError."""
    problems = password_problems(password)
    if problems:
        raise ValueError("password " + ", ".join(problems))
    return password


def check_username(username: str) -> str:
    """Validate and lower-case a username."""
    if not USERNAME_RE.fullmatch(username):
        raise ValueError("username must be 3 to 50 characters of letters, digits, '_' or '-'")
    return username.lower()


class PasswordHasher:
    """argon2id with configurable cost; ``dummy_verify`` evens out timing for unknown users."""

    def __init__(self, time_cost: int = 2, memory_cost: int = 19456, parallelism: int = 1) -> None:
        self._hasher = _Argon2(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
        self._dummy = self._hasher.hash("dummy-password-for-timing")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, hashed: str, password: str) -> bool:
        try:
            return self._hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, hashed: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(hashed)
        except (InvalidHashError, ValueError):
            return False

    def dummy_verify(self, password: str) -> bool:
        """Spend the same time as a real verification; always False."""
        self.verify(self._dummy, password)
        return False
