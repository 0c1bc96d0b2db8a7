"""Proof that no secret reaches any output of a Robot run when SecretRedactor is active.

The fixture suite ``fixtures/redaction/leaky.robot`` logs secrets in every way a suite could
(Log and Log Many at every level, console, keyword arguments and return values at TRACE,
variable assignments, VAR, FOR, Set Test Message/Documentation/Tags, suite metadata,
RequestsLibrary requests with bearer headers and form passwords, Python print and logging,
failing keywords whose message contains a token, secrets the API returns at run time). It
runs at ``--loglevel TRACE`` against a tiny local HTTP echo server (127.0.0.1, port 0) with
random secrets given through the environment:

- with ``robot --listener SecretRedactor.py`` (how the runner uses it),
- with plain ``robot`` where only the suite's ``Library SecretRedactor.py`` import activates it
  (how a QA engineer runs ``robot suites/``),
- with ``pabot --testlevelsplit`` (per-process outputs in pabot_results/ included).

Every output file is searched (output.xml, log.html, report.html, xunit.xml, everything pabot
leaves, and the captured console): for each secret in raw, URL-encoded, JSON-escaped and
HTML-escaped form, and for anything shaped like a JWT. log.html/report.html embed most text
as base64+zlib strings in ``window.output["strings"]``; those are decoded first, so the search
sees what a browser shows. A negative control runs the same suite with no redactor at all and
must find the leaks, which shows the search is real.
"""

from __future__ import annotations

import base64
import html
import json
import os
import secrets
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURE = HERE / "fixtures" / "redaction" / "leaky.robot"
LISTENER = ROOT / "libraries" / "SecretRedactor.py"

import secret_scan

TESTS_IN_FIXTURE = 5


def _secret(prefix: str) -> str:
    # Characters that URL-encoding, JSON and HTML escape differently from the raw text.
    return f"{prefix}!#&<{secrets.token_hex(6)}>/\"Q"


@pytest.fixture(scope="module")
def secret_values() -> dict[str, str]:
    signing_key = "sk-" + secrets.token_urlsafe(24)
    return {
        "TEST_ADMIN_PASSWORD": _secret("AdminPw"),
        "TEST_USER_PASSWORD": "UserPass" + secrets.token_hex(4) + "!",
        "TEST_CLIENT_SECRET": _secret("ClientSecret"),
        "TOKEN_SIGNING_KEY": signing_key,
        "REDACTION_JWT": jwt.encode({"sub": "fixture", "n": secrets.token_hex(4)}, signing_key, "HS256"),
        # Returned by the echo server at run time; only the transport layer learns of them.
        "RUNTIME_CLIENT_SECRET": "rt-" + secrets.token_hex(12),
        "RUNTIME_ACCESS_TOKEN": jwt.encode({"sub": "runtime"}, signing_key, "HS256"),
    }


@pytest.fixture(scope="module")
def echo_server(secret_values: dict[str, str]):
    """Answers POST /clients with runtime secrets (201) and echoes everything else (200)."""

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            if self.path.startswith("/clients"):
                status, payload = 201, {
                    "client": {"client_id": "c-1"},
                    "client_secret": secret_values["RUNTIME_CLIENT_SECRET"],
                    "access_token": secret_values["RUNTIME_ACCESS_TOKEN"],
                }
            else:
                status, payload = 200, {"path": self.path, "body": body, "headers": dict(self.headers)}
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer  # noqa: N815 - http.server's naming

        def log_message(self, *args: object) -> None:  # keep pytest's output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _environment(secret_values: dict[str, str], url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEST_", "TOKEN_", "PERMISO_"))}
    env.update({key: value for key, value in secret_values.items() if not key.startswith("RUNTIME_")})
    env.update({"PERMISO_BASE_URL": url, "TEST_RETRY_ATTEMPTS": "0", "TEST_TIMEOUT_SECONDS": "10",
                # a deployment needs every credential (variables/config.py): the names are no secrets
                "TEST_ADMIN_USERNAME": "admin", "TEST_USER_USERNAME": "testuser", "TEST_CLIENT_ID": "client"})
    # pabot starts "robot" from PATH: make it the one next to this interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def _run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return completed.returncode, completed.stdout + "\n" + completed.stderr


def _corpus(outdir: Path, console: str) -> dict[str, str]:
    """Every output's text by name; HTML files also with their embedded strings decoded."""
    return secret_scan.output_texts(outdir, console)


_forms = secret_scan.encoded_forms
_leaks = secret_scan.find_leaks


def _check_run(outdir: Path, code: int, console: str, expected_files: list[str]) -> None:
    from robot.api import ExecutionResult

    for name in expected_files:
        assert (outdir / name).exists(), f"{name} was not written; console:\n{console[-2000:]}"
    stats = ExecutionResult(str(outdir / "output.xml")).statistics.total
    assert (stats.passed, stats.failed) == (TESTS_IN_FIXTURE - 1, 1), (
        f"fixture suite did not run as intended (exit {code}): {stats.passed} passed, "
        f"{stats.failed} failed\n{console[-3000:]}"
    )


def _robot(outdir: Path, *options: str) -> list[str]:
    return [
        sys.executable, "-m", "robot", "--loglevel", "TRACE", "--outputdir", str(outdir),
        "--xunit", "xunit.xml", *options, str(FIXTURE),
    ]


ROBOT_FILES = ["output.xml", "log.html", "report.html", "xunit.xml"]


def test_cli_listener_masks_every_output(tmp_path, secret_values, echo_server):
    """robot --listener SecretRedactor.py, the suite itself does not import the redactor."""
    command = _robot(tmp_path, "--listener", str(LISTENER), "--variable", "REDACTOR_IMPORT:Collections")
    code, console = _run(command, _environment(secret_values, echo_server), tmp_path)
    _check_run(tmp_path, code, console, ROBOT_FILES)
    assert _leaks(_corpus(tmp_path, console), secret_values) == []


def test_library_listener_masks_every_output(tmp_path, secret_values, echo_server):
    """Plain robot: only the suite's ``Library SecretRedactor.py`` import activates it."""
    code, console = _run(_robot(tmp_path), _environment(secret_values, echo_server), tmp_path)
    _check_run(tmp_path, code, console, ROBOT_FILES)
    assert _leaks(_corpus(tmp_path, console), secret_values) == []


def test_pabot_testlevelsplit_masks_every_output(tmp_path, secret_values, echo_server):
    """pabot --testlevelsplit: merged outputs and every per-process output in pabot_results."""
    outdir = tmp_path / "results"
    command = [
        sys.executable, "-m", "pabot.pabot", "--testlevelsplit", "--processes", "2",
        "--pabotlibport", "0", "--listener", str(LISTENER), "--loglevel", "TRACE",
        "--outputdir", str(outdir), "--xunit", "xunit.xml", str(FIXTURE),
    ]
    code, console = _run(command, _environment(secret_values, echo_server), tmp_path)
    _check_run(outdir, code, console, ROBOT_FILES)
    per_process = list((outdir / "pabot_results").rglob("output.xml"))
    assert len(per_process) >= TESTS_IN_FIXTURE, f"expected one output per test, got {per_process}"
    texts = _corpus(outdir, console)
    for extra in tmp_path.glob(".pabot*"):
        if extra.is_file():
            texts[extra.name] = extra.read_text(encoding="utf-8", errors="replace")
    assert _leaks(texts, secret_values) == []


def test_negative_control_without_redactor_finds_the_leaks(tmp_path, secret_values, echo_server):
    """Without the listener and without the library import the same search finds secrets in
    every output file and form: the checks above are real."""
    command = _robot(tmp_path, "--variable", "REDACTOR_IMPORT:Collections")
    code, console = _run(command, _environment(secret_values, echo_server), tmp_path)
    _check_run(tmp_path, code, console, ROBOT_FILES)
    leaks = _leaks(_corpus(tmp_path, console), secret_values)
    joined = "\n".join(leaks)
    for source in ("output.xml", "log.html (decoded strings)", "report.html (decoded strings)", "xunit.xml", "console"):
        assert f"{source}: " in joined, f"negative control found no leak in {source}:\n{joined}"
    for name in ("TEST_ADMIN_PASSWORD", "TEST_USER_PASSWORD", "TEST_CLIENT_SECRET", "TOKEN_SIGNING_KEY",
                 "RUNTIME_CLIENT_SECRET"):
        assert f": {name} (" in joined, f"negative control did not see {name}:\n{joined}"
    assert "JWT-shaped" in joined
    texts = _corpus(tmp_path, console)
    admin = secret_values["TEST_ADMIN_PASSWORD"]
    for form in ("form-encoded", "JSON", "raw"):
        variant = _forms(admin)[form]
        assert any(variant in html.unescape(text) for text in texts.values()), f"no {form} leak seen"


def test_redact_masks_forms_and_shapes():
    """Unit level: known values in their encoded forms, JWTs, bearer credentials, fields."""
    import SecretRedactor as redactor

    value = "Unit!Test#Secret&1"
    redactor.register_secret(value)
    for variant in _forms(value).values():
        assert variant not in redactor.redact(f"x {variant} y")
    assert redactor.redact(base64.b64encode(value.encode()).decode()) == "***"
    token = jwt.encode({"sub": "1"}, "k" * 32, "HS256")
    assert redactor.redact(f"Authorization: Bearer {token}") == "Authorization: Bearer ***"
    assert redactor.redact("Bearer some-opaque-credential") == "Bearer ***"
    assert redactor.redact("username=a&password=plain123&scope=x") == "username=a&password=***&scope=x"
    assert redactor.redact('{"new_password": "N3w!pass", "token_type": "Bearer"}') == (
        '{"new_password": "***", "token_type": "Bearer"}'
    )
    assert redactor.redact("{'client_secret': 'abc123456'}") == "{'client_secret': '***'}"
    assert redactor.redact("token_type is Bearer, expected Bearer") == "token_type is Bearer, expected Bearer"
    assert redactor.redact(redactor.redact(f"{value} {token}")) == "*** ***"


def test_many_secrets_stay_cheap_and_masked() -> None:
    """A long run registers thousands of secret forms; masking stays fast and complete."""
    import time  # noqa: PLC0415

    from SecretRedactor import redact, register_secret  # noqa: PLC0415

    values = [f"Qa{index:06d}-long-password-7!" for index in range(1500)]
    for value in values:
        register_secret(value)
    text = " | ".join(values[::100]) + " Qa000001-long-password-7!x"
    started = time.perf_counter()
    masked = redact(text)
    assert time.perf_counter() - started < 0.5
    assert not any(value in masked for value in values)
    assert masked.endswith("***x")
