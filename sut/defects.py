"""Registry of deliberate defects (for checking that the suite catches them).

A defect is switched on by naming it in ``PERMISO_DEFECTS`` (comma-separated). Normal code asks
:func:`active` at one hook point per defect; with the variable unset nothing changes. To add a
defect: its name and description to :data:`KNOWN`, its name to one area of :data:`AREAS`, one
``if defects.active(...)`` check at the place of the bug, a case in
``sut/tests/test_defects.py`` and the tests expected to catch it in ``tools/checks/defect_map.py``.

Each defect is a small, realistic bug in one place; ``tools/checks/defect_harness.py`` switches them on
one at a time and proves that the acceptance suite notices.
"""

from __future__ import annotations

from typing import Protocol


class Settings(Protocol):
    """What this module reads of :class:`sut.config.Settings` (not imported: it validates these names)."""

    defects: tuple[str, ...]

KNOWN: dict[str, str] = {
    # -- infrastructure
    "health-status-ok": 'GET /health answers status "ok" instead of "healthy" (contract §3)',
    "health-version-missing": "GET /health leaves out the running version (contract §3)",
    "root-health-link-missing": 'GET / leaves out the "health" link (contract §3)',
    "system-health-cache-missing": "the admin system health report leaves out the cache component (contract §11)",
    "revocations-not-cached": "revoked token ids are never written to the cache: revoked tokens keep working",
    "slow-health": "GET /health waits 150 ms before it answers (a slow storage probe)",
    # -- dependency faults (only a deployment whose dependencies can be stopped shows these)
    "health-ignores-cache": "GET /health never probes the cache: healthy while Redis is down",
    "revocation-fails-open": "when the cache does not answer, the revocation check lets the token through",
    "database-outage-leaks-driver-message": "while the database is down, error answers quote the driver's message",
    # -- auth
    "logout-keeps-token": "logout answers success but neither revokes the token nor ends its session",
    "refresh-not-rotated": "refresh hands back the same refresh token and leaves it usable",
    "rotated-refresh-accepted": "a rotated-out refresh token is accepted again (no reuse detection)",
    "refresh-token-as-access-token": "a refresh token is accepted as a bearer access token",
    "expired-token-accepted": "the expiry of bearer tokens is not checked",
    "alg-none-accepted": 'unsigned tokens ("alg": "none") are accepted',
    "signature-not-checked": "the signature of bearer tokens is not verified",
    "audience-not-checked": 'the "aud" claim of bearer tokens is not checked',
    "issuer-not-checked": 'the "iss" claim of bearer tokens is neither required nor checked',
    "nbf-ignored": 'tokens that are not yet valid ("nbf" in the future) are accepted',
    "exp-not-required": 'tokens without an "exp" claim are accepted',
    "introspection-revoked-active": "introspection reports a revoked token as active",
    "introspection-anonymous": "introspection answers callers without a token",
    "revoke-ignored": "revocation answers success but the token keeps working",
    "token-response-cacheable": "token responses lack Cache-Control: no-store",
    "requested-scope-ignored": "login ignores the requested scope and grants every held scope",
    "refresh-widens-grant": "refresh grants every scope the user holds, not the original grant",
    "disabled-user-can-login": "a disabled account can still log in",
    "email-login-missing": "login works with the username only, not with the e-mail address",
    "expires-in-minutes": "expires_in of a login is given in minutes instead of seconds",
    "service-token-has-refresh-token": "the service-token answer carries a refresh token",
    # -- security
    "lockout-missing": "too many wrong passwords never lock the account",
    "lock-never-lifts": "a locked account stays locked a thousand times the lockout duration",
    "locked-right-password-401": "the right password during a lock answers 401 instead of 423",
    "lock-retry-after-missing": "the 423 answer of a locked account has no Retry-After header",
    "wrong-password-lifts-lock": "a wrong password during a lock lifts the lock",
    "failure-count-not-reset": "a successful login does not reset the failed-login count",
    "unknown-user-distinguishable": "an unknown user name gets another error description than a wrong password",
    "unknown-client-distinguishable": "an unknown client id gets another answer than a wrong secret",
    "scopes-from-request": "login grants the requested scopes even when the user does not hold them",
    "revoke-foreign-token": "any user can revoke another user's token",
    # -- users
    "user-reads-another-user": "a normal user can read any other user by id",
    "user-sets-own-privileges": "a normal user can set its own role_ids, is_superuser, is_active and is_verified",
    "password-special-char-optional": "the password policy does not require a special character",
    "password-digit-optional": "the password policy does not require a digit",
    "pagination-total-wrong": 'list answers give the number of items on the page as "total"',
    "user-search-ignored": "the user list ignores the search term",
    "user-delete-soft": "deleting a user only deactivates it: it is still found afterwards",
    "password-change-keeps-tokens": "a password change leaves the tokens issued before it valid",
    "wrong-current-password-accepted": "a user changing its own password need not give the right current one",
    "reset-token-reusable": "a password-reset token can be used more than once",
    "reset-request-reveals-accounts": "a password-reset request for an unknown address answers 404",
    "user-stats-frozen": "user statistics keep the counts of their first reading",
    "unknown-role-ignored": "creating a user with an unknown role id creates it without that role",
    # -- roles and scopes
    "permissions-check-bulk-removed": "POST /api/v1/roles/permissions/check-bulk is not served and is "
    "missing from the OpenAPI document (API drift, contract §7)",
    "role-scopes-appended": "assigning scopes to a role adds them instead of replacing the role's scopes",
    "unknown-scope-ignored": "unknown scope ids given to a role are silently dropped",
    "role-user-count-zero": "a role always reports user_count 0",
    "scope-role-count-zero": "a scope always reports role_count 0",
    "scope-resource-filter-ignored": "the scope list ignores the resource filter",
    "user-roles-appended": "replacing a user's roles keeps the roles it had",
    "admin-scope-not-implied": "permission checks do not count admin:<resource> as read and write on it",
    "permission-check-without-scope": "permission checks answer any administrator, even without admin:permissions in the token",
    # -- service clients
    "client-secret-in-get": "reading a service client shows its stored secret (the hash) as client_secret",
    "old-secret-works-after-rotation": "after a secret rotation the old secret still gets service tokens",
    "rotation-without-current-secret": "a secret rotation does not check the current secret",
    "disabled-client-gets-tokens": "a deactivated service client still gets service tokens",
    "client-token-lifetime-ignored": "service tokens always live an hour, whatever the client's lifetime",
    "client-scope-not-narrowed": "a service token request ignores the requested scope",
    "client-search-ignored": "the service client list ignores the search term",
    "client-can-authenticate-always": "a service client always reports can_authenticate true",
    # -- sessions
    "session-foreign-deletable": "a user can end or renew another user's session",
    "sessions-list-all-users": "the own-sessions list shows every user's sessions",
    "end-session-ends-all": "ending one session ends all of the user's sessions",
    "renew-ended-session": "an ended session can be renewed",
    "session-renew-no-extension": "renewing a session does not move its expiry",
    "session-stats-without-scope": "session statistics and clean-up answer any user, without admin:sessions in the token",
    "cleanup-ends-live-sessions": "the session clean-up ends live sessions too",
    "session-ip-not-recorded": "a session does not record the address it came from",
    # -- admin
    "dashboard-counts-frozen": "the admin dashboard keeps the counts of its first reading",
    "dashboard-failed-logins-not-counted": "the admin dashboard always reports 0 failed logins today",
    "admin-events-without-scope": "security events answer any administrator, without admin:security in the token",
    "failed-login-not-recorded": "a failed login is not recorded as a security event",
    "role-change-not-audited": "replacing a user's roles writes no audit entry",
    "maintenance-ends-live-sessions": "the maintenance clean-up ends live sessions too",
    "error-log-paging-ignored": "the error log ignores the per_page asked for and pages by its default of 50",
    "usage-new-users-zero": "the usage report always counts 0 new users",
    "admin-route-open-to-users": "administrator routes answer any signed-in user",
    # -- security: tokens and access control (tied to suites/08_security)
    "untyped-token-accepted": 'a token without a "type" claim is taken as an access token',
    "claim-sub-not-required": 'a token without "sub" is taken as the user named in its "username" claim',
    "claim-iat-not-required": 'tokens without an "iat" claim are accepted',
    "claim-jti-not-required": 'tokens without a "jti" claim are accepted (such a token can never be revoked alone)',
    "refresh-token-as-logout-caller": "logout accepts a refresh token as its caller",
    "service-token-as-user": "routes that need a user do not check the token's kind: a service token gets through and the route fails with 500",
    "refresh-error-400": "refresh refuses a bad token with 400 (RFC 6749's status) instead of the contract's 401",
    "deactivated-user-tokens-work": "the tokens of a deactivated account keep working (only the login checks the account)",
    "privilege-fields-in-put-me": "PUT /users/me applies is_superuser, is_active, is_verified and role_ids from the body",
    "scopes-from-query": "scope-protected routes trust a scopes query parameter naming the scope",
    "end-all-sessions-ends-everyone": "ending all own sessions ends every user's sessions",
    "logout-ends-all-sessions": "logout ends every user's open sessions, not only the caller's",
    "missing-token-403": "a request without a bearer token gets 403 instead of 401",
    # -- security: brute force and rate limits
    "failed-login-rate-limit-missing": "failed logins from one address are never rate limited",
    "registration-rate-limit-missing": "registrations from one address are never rate limited",
    "retry-after-missing": "a 429 answer carries no Retry-After header",
    "failed-login-delay-reveals-accounts": "a wrong password for an existing account is answered 250 ms late, an unknown name at once",
    "client-secret-error-400": "a wrong client secret gets 400 instead of the contract's 401",
    # -- security: hostile input
    "lookalike-username-login": "login folds look-alike user names (ADMİN, full-width, Cyrillic letters) into the admin's",
    "login-sql-injection": "login looks the user up with SQL built by string formatting",
    "login-refusal-echoes-html": "a refused login is an HTML page that repeats the user name unescaped",
    "user-search-echoes-html": "a user search that finds nothing is an HTML 404 page repeating the search text unescaped",
    "profile-bio-sql-injection": "PUT /users/me writes the bio with SQL built by string formatting",
    "password-hash-in-user-response": "GET and PUT /users/me answer with the stored password hash",
    "traceback-on-malformed-json": "malformed JSON gets a 500 with the Python traceback in the body",
    "nested-json-crashes": "a body the JSON parser gives up on (deep nesting, broken UTF-8) gets 500 instead of 400",
    "validation-error-default-shape": 'validation errors come in the framework\'s shape {"detail": [...]}, not the contract\'s',
    "sql-text-in-error": "a 404 answer carries the SQL of the lookup that found nothing",
    "reset-token-garbage-crashes": "a password-reset token that is no base64 crashes the confirmation with 500",
    # -- security: headers, methods, CORS and hosts
    "security-headers-missing-on-errors": "error answers of the routes carry no security headers",
    "referrer-policy-missing": "answers carry no Referrer-Policy header",
    "server-version-header": "answers name the service's version in the Server header",
    "trace-method-allowed": "TRACE is answered 200 with the request echoed back",
    "method-not-allowed-404": "a method a route does not offer gets 404 instead of 405",
    "route-errors-default-shape": 'unknown routes and methods get the framework\'s {"detail": ...} instead of the error shape',
    "cors-reflects-any-origin": "CORS allows any origin, with credentials (the Origin header is echoed)",
    "cors-wildcard-with-credentials": "CORS answers every origin with Access-Control-Allow-Origin: * and credentials allowed",
    "foreign-host-accepted": "requests for any host name are served (no trusted-host check)",
}
"""name -> what the defect breaks."""

AREAS: dict[str, tuple[str, ...]] = {
    "infrastructure": (
        "health-status-ok",
        "health-version-missing",
        "root-health-link-missing",
        "system-health-cache-missing",
        "revocations-not-cached",
        "slow-health",
    ),
    "dependency-faults": (
        "health-ignores-cache",
        "revocation-fails-open",
        "database-outage-leaks-driver-message",
    ),
    "auth": (
        "logout-keeps-token",
        "refresh-not-rotated",
        "rotated-refresh-accepted",
        "refresh-token-as-access-token",
        "expired-token-accepted",
        "alg-none-accepted",
        "signature-not-checked",
        "audience-not-checked",
        "issuer-not-checked",
        "nbf-ignored",
        "exp-not-required",
        "introspection-revoked-active",
        "introspection-anonymous",
        "revoke-ignored",
        "token-response-cacheable",
        "requested-scope-ignored",
        "refresh-widens-grant",
        "disabled-user-can-login",
        "email-login-missing",
        "expires-in-minutes",
        "service-token-has-refresh-token",
    ),
    "security": (
        "lockout-missing",
        "lock-never-lifts",
        "locked-right-password-401",
        "lock-retry-after-missing",
        "wrong-password-lifts-lock",
        "failure-count-not-reset",
        "unknown-user-distinguishable",
        "unknown-client-distinguishable",
        "scopes-from-request",
        "revoke-foreign-token",
        "untyped-token-accepted",
        "claim-sub-not-required",
        "claim-iat-not-required",
        "claim-jti-not-required",
        "refresh-token-as-logout-caller",
        "service-token-as-user",
        "refresh-error-400",
        "deactivated-user-tokens-work",
        "privilege-fields-in-put-me",
        "scopes-from-query",
        "end-all-sessions-ends-everyone",
        "logout-ends-all-sessions",
        "missing-token-403",
        "failed-login-rate-limit-missing",
        "registration-rate-limit-missing",
        "retry-after-missing",
        "failed-login-delay-reveals-accounts",
        "client-secret-error-400",
        "lookalike-username-login",
        "login-sql-injection",
        "login-refusal-echoes-html",
        "user-search-echoes-html",
        "profile-bio-sql-injection",
        "password-hash-in-user-response",
        "traceback-on-malformed-json",
        "nested-json-crashes",
        "validation-error-default-shape",
        "sql-text-in-error",
        "reset-token-garbage-crashes",
        "security-headers-missing-on-errors",
        "referrer-policy-missing",
        "server-version-header",
        "trace-method-allowed",
        "method-not-allowed-404",
        "route-errors-default-shape",
        "cors-reflects-any-origin",
        "cors-wildcard-with-credentials",
        "foreign-host-accepted",
    ),
    "users": (
        "user-reads-another-user",
        "user-sets-own-privileges",
        "password-special-char-optional",
        "password-digit-optional",
        "pagination-total-wrong",
        "user-search-ignored",
        "user-delete-soft",
        "password-change-keeps-tokens",
        "wrong-current-password-accepted",
        "reset-token-reusable",
        "reset-request-reveals-accounts",
        "user-stats-frozen",
        "unknown-role-ignored",
    ),
    "roles and scopes": (
        "permissions-check-bulk-removed",
        "role-scopes-appended",
        "unknown-scope-ignored",
        "role-user-count-zero",
        "scope-role-count-zero",
        "scope-resource-filter-ignored",
        "user-roles-appended",
        "admin-scope-not-implied",
        "permission-check-without-scope",
    ),
    "service clients": (
        "client-secret-in-get",
        "old-secret-works-after-rotation",
        "rotation-without-current-secret",
        "disabled-client-gets-tokens",
        "client-token-lifetime-ignored",
        "client-scope-not-narrowed",
        "client-search-ignored",
        "client-can-authenticate-always",
    ),
    "sessions": (
        "session-foreign-deletable",
        "sessions-list-all-users",
        "end-session-ends-all",
        "renew-ended-session",
        "session-renew-no-extension",
        "session-stats-without-scope",
        "cleanup-ends-live-sessions",
        "session-ip-not-recorded",
    ),
    "admin": (
        "dashboard-counts-frozen",
        "dashboard-failed-logins-not-counted",
        "admin-events-without-scope",
        "failed-login-not-recorded",
        "role-change-not-audited",
        "maintenance-ends-live-sessions",
        "error-log-paging-ignored",
        "usage-new-users-zero",
        "admin-route-open-to-users",
    ),
}
"""area -> the defects of that area (every known defect is in exactly one)."""

_settings: Settings | None = None


def area_of(name: str) -> str:
    """The area a known defect belongs to (KeyError for an unknown name)."""
    for area, names in AREAS.items():
        if name in names:
            return area
    raise KeyError(name)


def check_names(names: tuple[str, ...]) -> None:
    """Raise ValueError naming the unknown defects and listing the known ones."""
    bad = [name for name in names if name not in KNOWN]
    if bad:
        known = ", ".join(KNOWN) or "none are defined"
        raise ValueError(f"PERMISO_DEFECTS: unknown defect(s) {', '.join(bad)}; known: {known}")


def configure(settings: Settings) -> None:
    """Remember the settings of the running app (called by :func:`sut.app.create_app`)."""
    global _settings
    _settings = settings


def active(name: str, settings: Settings | None = None) -> bool:
    """True when the defect ``name`` is switched on in the given (or configured) settings."""
    current = settings or _settings
    return current is not None and name in current.defects
