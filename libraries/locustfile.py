"""Locust behaviours of the Permiso load tests (``suites/09_performance/load.robot``).

Run by the keyword ``Run Locust Load`` (``libraries/PerformanceSupport.py``), single-process,
as a master with local workers, or as workers of a remote master. Credentials come from the
JSON file named by ``PERMISO_LOAD_CREDENTIALS`` (written privately by that keyword, deleted
after the run): ``{"users": [{"username", "password"}…], "client_id", "client_secret"}``. The
users are temporary users the test created and removes; no shared account is changed.

Request names start with their threshold category (``health:``, ``auth:``, ``crud:``), so the
keyword checks each request's p95 against ``PERF_<CATEGORY>_THRESHOLD_MS``. Each simulated
user waits 0.5-1.5 s between tasks, so the load grows with the number of users, not with the
speed of the generator.

By hand: ``PERMISO_LOAD_CREDENTIALS=creds.json locust -f libraries/locustfile.py
--host http://127.0.0.1:8000 --headless -u 20 -t 30s``.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

API = "/" + os.environ.get("PERMISO_API_BASE", "/api/v1").strip("/")


def _credentials() -> dict:
    path = os.environ.get("PERMISO_LOAD_CREDENTIALS")
    if not path:
        return {"users": [], "client_id": "", "client_secret": ""}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


CREDENTIALS = _credentials()


def _check(response, expected: int = 200, field: str | None = None) -> None:
    """Marks the request failed unless it has ``expected`` and, if named, a non-empty ``field``."""
    if response.status_code != expected:
        response.failure(f"answered {response.status_code}, expected {expected}")
        return
    if field:
        try:
            present = bool(response.json().get(field))
        except ValueError:
            present = False
        if not present:
            response.failure(f"answer without {field}")
            return
    response.success()


class PermisoUser(HttpUser):
    """A person using an application: logs in, reads its own record, refreshes, logs out."""

    weight = 3
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.access = self.refresh = None
        if not CREDENTIALS["users"]:
            raise RuntimeError("PERMISO_LOAD_CREDENTIALS names no users")
        self.account = random.choice(CREDENTIALS["users"])  # noqa: S311 - not a secret
        self.log_in()

    def log_in(self) -> None:
        with self.client.post(f"{API}/auth/token", name="auth: POST /auth/token", catch_response=True,
                              data={"username": self.account["username"], "password": self.account["password"]}) as answer:
            _check(answer, 200, "access_token")
            if answer.status_code == 200:
                body = answer.json()
                self.access, self.refresh = body.get("access_token"), body.get("refresh_token")

    def _bearer(self) -> dict:
        return {"Authorization": f"Bearer {self.access}"}

    @task(5)
    def read_own_record(self) -> None:
        if not self.access:
            self.log_in()
            return
        with self.client.get(f"{API}/users/me", name="crud: GET /users/me", headers=self._bearer(),
                             catch_response=True) as answer:
            _check(answer, 200, "username")
            if answer.status_code == 200 and answer.json().get("username") != self.account["username"]:
                answer.failure("answered another user's record")

    @task(2)
    def refresh_tokens(self) -> None:
        if not self.refresh:
            self.log_in()
            return
        with self.client.post(f"{API}/auth/refresh", name="auth: POST /auth/refresh", catch_response=True,
                              json={"refresh_token": self.refresh}) as answer:
            _check(answer, 200, "refresh_token")
            if answer.status_code == 200:
                body = answer.json()
                self.access, self.refresh = body.get("access_token"), body.get("refresh_token")

    @task(1)
    def log_out_and_in(self) -> None:
        if self.access:
            with self.client.post(f"{API}/auth/logout", name="auth: POST /auth/logout", headers=self._bearer(),
                                  catch_response=True) as answer:
                _check(answer, 200)
        self.access = self.refresh = None
        self.log_in()

    @task(1)
    def check_health(self) -> None:
        with self.client.get("/health", name="health: GET /health", catch_response=True) as answer:
            _check(answer, 200, "status")

    def on_stop(self) -> None:
        if self.access:
            self.client.post(f"{API}/auth/logout", name="auth: POST /auth/logout", headers=self._bearer())


class ServiceClient(HttpUser):
    """An application calling with its client credentials: service token, then introspection."""

    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.token = None

    @task(1)
    def get_service_token(self) -> None:
        with self.client.post(f"{API}/auth/service-token", name="auth: POST /auth/service-token",
                              catch_response=True,
                              data={"client_id": CREDENTIALS["client_id"],
                                    "client_secret": CREDENTIALS["client_secret"]}) as answer:
            _check(answer, 200, "access_token")
            if answer.status_code == 200:
                self.token = answer.json().get("access_token")

    @task(3)
    def introspect_own_token(self) -> None:
        if not self.token:
            self.get_service_token()
            return
        with self.client.post(f"{API}/auth/introspect", name="auth: POST /auth/introspect", catch_response=True,
                              headers={"Authorization": f"Bearer {self.token}"},
                              json={"token": self.token}) as answer:
            _check(answer, 200)
            if answer.status_code == 200 and answer.json().get("active") is not True:
                answer.failure("a fresh service token was reported inactive")
