"""Temporary data and its clean-up: the users and resources a test creates for itself, the
credentials it makes up, and their removal at the end of the test (``resources/identities.resource``).

- Temporary users: a unique name, a random valid password (a ``Secret``), the roles the
  configured normal user holds; created through the admin API, else by self-registration.
- Housekeeping: one admin token per process, for creating and removing temporary data only
  (tests log in themselves).
- Clean-up: `Remove Temporary Data` deletes, newest first, everything the test (or a suite
  set-up) remembered; what cannot be deleted is deactivated where possible, reported as a
  warning and listed in the run's leftovers file, never failing the test.
"""

from __future__ import annotations

import os
import re
import secrets
import string
import time
import uuid
from collections.abc import Mapping
from typing import Any

import requests
from robot.api import logger
from robot.api.deco import keyword, library
from robot.api.types import Secret
from robot.utils import DotDict

from answers import ADMIN_ONLY_USER_FIELDS, TransportFailure, error_summary, request_label, status_problem
from SecretRedactor import redact, register_secret
from suite_settings import SETTINGS


@library(scope="GLOBAL", auto_keywords=False)
class TemporaryData:
    """Keywords behind the identity layer. Use them through ``resources/identities.resource``."""

    def __init__(self) -> None:
        self._temporary: dict[str, list[tuple[str, str]]] = {}
        self._housekeeping_token: dict[tuple[str, str], tuple[Secret, float]] = {}
        self._user_role_ids: dict[str, list[str]] = {}

    @staticmethod
    def _transport() -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - needs a running Robot

        return BuiltIn().get_library_instance("PermisoTransport")

    @staticmethod
    def _checks() -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        return BuiltIn().get_library_instance("AnswerChecks")

    # --- identities -------------------------------------------------------------------------

    @keyword("Token Response To Login")
    def token_response_to_login(self, response: requests.Response) -> DotDict:
        """Turns a token answer into a dictionary: ``access_token`` and ``refresh_token`` as
        ``Secret`` (refresh token ``None`` when there is none), ``session_id``, ``scope``,
        ``expires_in``, ``token_type`` and the ``response``. Tokens are registered with the
        redactor."""
        self._checks().response_should_contain_fields(response, "access_token", "expires_in")
        body = response.json()
        access = body.get("access_token")
        refresh = body.get("refresh_token")
        register_secret(access)
        register_secret(refresh)
        return DotDict(
            access_token=Secret(access),
            refresh_token=Secret(refresh) if refresh else None,
            session_id=body.get("session_id"),
            scope=body.get("scope"),
            expires_in=body.get("expires_in"),
            token_type=body.get("token_type"),
            response=response,
        )

    @keyword("Generate Password")
    def generate_password(self) -> Secret:
        """Returns a random password that meets the contract's policy, as a ``Secret``
        (registered with the redactor)."""
        alphabet = string.ascii_letters + string.digits
        core = "".join(secrets.choice(alphabet) for _ in range(14))
        value = f"Qa{core}7!x"
        register_secret(value)
        return Secret(value)

    @keyword("To Secret")
    def to_secret(self, value: Secret | str) -> Secret:
        """Returns ``value`` as a ``Secret`` (registered with the redactor)."""
        register_secret(value)
        return value if isinstance(value, Secret) else Secret(str(value))

    @keyword("Generate Unique Name")
    def generate_unique_name(self, prefix: str = "qa") -> str:
        """Returns ``prefix_<10 hex characters>``: lower-case, a valid username, unique."""
        clean = re.sub(r"[^a-z0-9_-]", "", str(prefix).lower())[:30] or "qa"
        return f"{clean}_{uuid.uuid4().hex[:10]}"

    @keyword("Housekeeping Token")
    def housekeeping_token(self) -> Secret:
        """An admin access token for creating and removing temporary data, cached per process
        (never handed to a test: tests log in themselves). Renewed when close to expiry."""
        base = SETTINGS.base_url
        username = SETTINGS.admin[0]
        cached = self._housekeeping_token.get((base, username))
        if cached and cached[1] > time.monotonic():
            return cached[0]
        return self._renew_housekeeping_token()

    def _renew_housekeeping_token(self) -> Secret:
        base = SETTINGS.base_url
        username = SETTINGS.admin[0]
        response = self._transport().send_permiso_request(
            "POST", SETTINGS.path("AUTH_TOKEN_PATH"), "200",
            form={"username": username, "password": SETTINGS.admin[1]},
        )
        login = self.token_response_to_login(response)
        lifetime = float(login.expires_in or 60)
        self._housekeeping_token[(base, username)] = (
            login.access_token, time.monotonic() + max(lifetime - 30, lifetime / 2),
        )
        return login.access_token

    def _as_admin(self, method: str, path: str, expected: str, **kwargs: Any) -> requests.Response:
        """A housekeeping request; logs in again once if the cached token was refused."""
        response = self._transport().send_permiso_request(method, path, "any", token=self.housekeeping_token(), **kwargs)
        if response.status_code == 401:
            response = self._transport().send_permiso_request(
                method, path, "any", token=self._renew_housekeeping_token(), **kwargs
            )
        problem = status_problem(response, expected)
        if problem:
            raise TransportFailure(problem)
        return response

    # --- temporary users ---------------------------------------------------------------------
    #
    # Temporary data must not depend on another area's route where a fallback exists: a
    # deployment whose roles list is broken must still get a verdict on its logins. So the role
    # of a temporary user comes from what the deployment reports for the configured normal user,
    # a user is created by the admin API or else by self-registration, and a failed clean-up is
    # a warning, never a test failure.

    @keyword("Create Temporary User Account")
    def create_temporary_user_account(self, prefix: str = "qa", **fields: Any) -> DotDict:
        """Creates a user for the current test and returns ``id``, ``username``, ``email``,
        ``password`` (Secret) and ``response``; `Remove Temporary Data` deletes it.

        Defaults: a unique user name from ``prefix``, the e-mail ``<username>@TEST_EMAIL_DOMAIN``,
        a random valid password and the roles the configured normal user holds. ``fields`` add
        to or override the request (``role_ids``, ``is_active``, ``first_name``…). The admin
        API creates the user; when that route fails and no admin-only field was asked for, the
        user registers itself instead (with a warning naming the failed route). A user that
        cannot be created fails with ``Set-up: could not create a temporary user: …``.
        """
        username = str(fields.pop("username", "") or self.generate_unique_name(prefix))
        password = self.to_secret(fields.pop("password", None) or self.generate_password())
        domain = SETTINGS.email_domain
        email = str(fields.pop("email", "") or f"{username}@{domain}")
        body: dict[str, Any] = {"username": username, "email": email, "password": password, **fields}
        response = self._create_user(body, admin_only=sorted(set(fields) & ADMIN_ONLY_USER_FIELDS))
        user_id = self._checks().get_response_field(response, "id")
        created_name = str(response.json().get("username") or username)
        self.remember_temporary_resource(f"{SETTINGS.path('USERS_PATH')}/{user_id}", f"user {created_name}")
        return DotDict(id=user_id, username=created_name, email=email, password=password, response=response)

    def _create_user(self, body: dict[str, Any], admin_only: list[str]) -> requests.Response:
        """Admin create, else self-registration when nothing admin-only was asked for."""
        if "role_ids" not in body:
            role_ids = self._normal_user_role_ids()
            if role_ids is not None:
                body["role_ids"] = role_ids
        try:
            return self._as_admin("POST", SETTINGS.path("USERS_PATH"), "201", json_body=body)
        except AssertionError as error:
            admin_failure = str(error)
        if admin_only:
            raise TransportFailure(
                f"Set-up: could not create a temporary user: {admin_failure} (self-registration "
                f"cannot set {', '.join(admin_only)})"
            )
        public = {key: value for key, value in body.items() if key not in ADMIN_ONLY_USER_FIELDS}
        response = self._transport().send_permiso_request(
            "POST", SETTINGS.path("USERS_REGISTER_PATH"), "any", json_body=public
        )
        if response.status_code != 201:
            raise TransportFailure(
                f"Set-up: could not create a temporary user: {admin_failure}; self-registration "
                f"{request_label(response)} answered {response.status_code} ({error_summary(response)})"
            )
        logger.warn(f"Set-up: the admin API could not create a temporary user ({admin_failure}); "
                    f"the user registered itself instead")
        return response

    @keyword("Create User As Admin")
    def create_user_as_admin(self, user: dict[str, Any]) -> requests.Response:
        """POSTs ``user`` to the users collection with the housekeeping admin token and returns
        the answer (201 expected). A plain-text ``password`` in ``user`` is registered with the
        redactor and replaced by a ``Secret`` in the dictionary itself. Unlike `Create
        Temporary User Account` nothing is added, remembered or retried."""
        if "password" in user:
            user["password"] = self.to_secret(user["password"])
        return self._as_admin("POST", SETTINGS.path("USERS_PATH"), "201", json_body=dict(user))

    def _normal_user_role_ids(self) -> list[str] | None:
        """Ids of the roles the configured normal user holds, as the deployment reports them on
        its ``/users/me``; cached per process and target. Falls back to the role named
        ``user`` in the roles list; ``None`` (let the deployment choose) when neither works."""
        base = SETTINGS.base_url
        if base not in self._user_role_ids:
            self._user_role_ids[base] = self._roles_of_normal_user() or self._role_named_user()
            if self._user_role_ids[base] is None:
                logger.warn("Set-up: could not learn the normal user's roles (GET /users/me as "
                            f"{SETTINGS.normal_user[0]}, nor a role named 'user' in the "
                            "roles list): temporary users get the deployment's default roles")
        cached = self._user_role_ids[base]
        return None if cached is None else list(cached)

    def _roles_of_normal_user(self) -> list[str] | None:
        try:
            login = self.token_response_to_login(self._transport().send_permiso_request(
                "POST", SETTINGS.path("AUTH_TOKEN_PATH"), "200",
                form={"username": SETTINGS.normal_user[0],
                      "password": SETTINGS.normal_user[1]},
            ))
            me = self._transport().send_permiso_request("GET", SETTINGS.path("USERS_ME_PATH"), "200",
                                           token=login.access_token).json()
            roles = me.get("roles") if isinstance(me, Mapping) else None
            ids = [role["id"] for role in roles or [] if isinstance(role, Mapping) and role.get("id")]
        except (AssertionError, KeyError, TypeError, ValueError) as error:
            logger.info(f"The normal user's roles could not be read: {error}")
            return None
        return ids or None

    def _role_named_user(self) -> list[str] | None:
        try:
            response = self._as_admin(
                "GET", SETTINGS.path("ROLES_PATH"), "200", params={"search": "user", "per_page": 100}
            )
            roles = response.json().get("roles", [])
            ids = [role["id"] for role in roles if isinstance(role, Mapping) and role.get("name") == "user"]
        except (AssertionError, AttributeError, KeyError, TypeError, ValueError) as error:
            logger.info(f"The roles list could not be read: {error}")
            return None
        return ids or None

    @keyword("Remember Temporary Resource")
    def remember_temporary_resource(self, path: str, description: str = "") -> None:
        """Remembers a resource (its path, e.g. ``/api/v1/roles/<id>``) that `Remove Temporary
        Data` deletes at the end of the current test, or of the current suite when called in a
        suite setup."""
        self._temporary.setdefault(self._owner(), []).append((path, description or path))

    @keyword("Delete Remembered Resources")
    def delete_remembered_resources(self) -> None:
        """Deletes, newest first, every temporary resource the current test (or, in a suite
        teardown, the current suite's setup) created. Already deleted ones are fine.

        A resource that cannot be deleted never fails the test: it is deactivated instead
        where the contract allows it (users, service clients), a warning names it and the
        answer, and it is added to the run's list of leftovers (`Leftovers File`)."""
        items = self._temporary.pop(self._owner(), [])
        leftovers = []
        for path, description in reversed(items):
            problem = self._delete_quietly(path)
            if problem is None:
                continue
            fallback = self._deactivate_quietly(path)
            note = f"{description} ({path}): {problem}; {fallback}"
            logger.warn(f"Clean-up: could not remove {note}")
            leftovers.append(note)
        if items:
            logger.info(f"Removed {len(items) - len(leftovers)} of {len(items)} temporary resources")
        if leftovers:
            self._record_leftovers(leftovers)

    def _delete_quietly(self, path: str) -> str | None:
        """None when the resource is gone, else what went wrong."""
        try:
            response = self._as_admin("DELETE", path, "any")
        except AssertionError as error:
            return str(error)
        if response.status_code in (200, 202, 204, 404, 410):
            return None
        return f"DELETE answered {response.status_code} ({error_summary(response)})"

    def _deactivate_quietly(self, path: str) -> str:
        """Deactivates a user or service client that could not be deleted; says what happened."""
        deactivatable = (SETTINGS.path("USERS_PATH"), SETTINGS.path("SERVICE_CLIENTS_PATH"))
        if not any(path.startswith(str(prefix).rstrip("/") + "/") for prefix in deactivatable if prefix):
            return "left in place"
        try:
            response = self._as_admin("PUT", path, "any", json_body={"is_active": False})
        except AssertionError as error:
            return f"deactivating it failed too ({error})"
        if response.status_code == 200:
            return "deactivated it instead"
        return f"deactivating it failed too (PUT answered {response.status_code})"

    @keyword("Leftovers File")
    def leftovers_file(self) -> str:
        """Where the run lists what it could not remove: ``PERMISO_LEFTOVERS_FILE`` from the
        environment (the runner sets it and prints the list at the end), else
        ``leftovers.txt`` in the output directory."""
        configured = os.environ.get("PERMISO_LEFTOVERS_FILE")
        if configured:
            return configured
        return os.path.join(SETTINGS.output_dir, "leftovers.txt")

    def _record_leftovers(self, notes: list[str]) -> None:
        path = self.leftovers_file()
        try:
            with open(path, "a", encoding="utf-8") as handle:
                for note in notes:
                    handle.write(redact(f"{self._owner()}: {note}") + "\n")
        except OSError as error:
            logger.warn(f"Could not write the list of leftovers to {path}: {error}")

    @staticmethod
    def _owner() -> str:
        return SETTINGS.owner
