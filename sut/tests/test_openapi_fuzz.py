"""Bounded schemathesis run against the service's own /openapi.json (SQLite storage).

Every operation gets a bounded number of generated requests, valid and invalid ones
(``max_examples`` per operation and method, derandomized so a run is repeatable), sent as the admin (a fresh admin token per case, because generated calls may
log the admin out). Checks: no 5xx, and documented responses match their schema.
Set ``PERMISO_FUZZ_EXAMPLES`` to change the number of examples per operation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from starlette_testclient import TestClient as RequestsTestClient

from sut.app import create_app
from sut.config import Settings

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, BASE_ENV, HOST

pytestmark = [pytest.mark.fuzz, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
EXAMPLES = int(os.environ.get("PERMISO_FUZZ_EXAMPLES", "25"))


@dataclass
class FuzzTarget:
    client: RequestsTestClient
    schema: schemathesis.BaseSchema

    def admin_headers(self) -> dict[str, str]:
        response = self.client.post(
            "/api/v1/auth/token", data={"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory) -> Iterator[FuzzTarget]:
    env = {
        **BASE_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'permiso.db'}",
        "PERMISO_MAX_LOGIN_ATTEMPTS": "100000",
    }
    app = create_app(Settings.from_env(environ=env))
    # one requests-style client for the whole run: the app's lifespan runs once
    with RequestsTestClient(app, base_url=f"http://{HOST}") as client:
        document = client.get("/openapi.json").json()
        # FastAPI emits OpenAPI 3.1, which schemathesis 3.x handles through its 3.0 code path
        schema = schemathesis.from_dict(
            document,
            base_url=f"http://{HOST}",
            force_schema_version="30",
            data_generation_methods=schemathesis.DataGenerationMethod.all(),  # valid and invalid input
        )
        yield FuzzTarget(client, schema)


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_target: FuzzTarget):
    return fuzz_target.schema


schema = schemathesis.from_pytest_fixture("fuzz_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_openapi_fuzz(case, fuzz_target: FuzzTarget):
    headers = fuzz_target.admin_headers()
    if case.headers and "authorization" in {k.lower() for k in case.headers}:
        headers = {}
    response = case.call(session=fuzz_target.client, base_url=f"http://{HOST}", headers=headers)
    case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))
