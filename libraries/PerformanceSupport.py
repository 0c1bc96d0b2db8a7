"""Python side of ``resources/performance.resource``: timing samples, percentiles, concurrent
bursts, the performance baseline and the Locust load engine.

Robot loops would time Robot itself; here a sample is one ``requests`` call on a kept-alive
session, a burst is a thread pool of ``requests`` calls, and load comes from Locust
(``libraries/locustfile.py``), run headless as a child process. Every password and token that
passes through is registered with the redactor; Locust gets its credentials through a private
temporary file outside the output directory.

Figures are reported as ``p50=12.3 ms p95=20.1 ms`` in the test message and documentation, the
form ``tools/report/history.py`` collects from tests tagged ``performance``.
"""

from __future__ import annotations

import csv
import fcntl
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
from robot.api import logger
from robot.api.deco import keyword, library
from robot.api.types import Secret
from robot.utils import DotDict

from answers import (
    SECRET_RESPONSE_FIELDS,
    describe_connection_error,
    error_summary,
    register_secrets_in,
    request_log_line,
    unwrap,
)
from SecretRedactor import register_secret

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


class PerformanceFailure(AssertionError):
    """A failed performance check, reported with its message only."""

    ROBOT_SUPPRESS_NAME = True


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0-100) percentile of ``values`` by linear interpolation (numpy's default)."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * share / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(values: Sequence[float]) -> dict[str, float]:
    """``{"samples", "min", "p50", "p95", "max"}`` of milliseconds, rounded to 0.1 ms."""
    return {
        "samples": len(values),
        "min": round(min(values), 1),
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1),
    }


def figures(stats: Mapping[str, Any]) -> str:
    """``p50=12.3 ms p95=20.1 ms`` (the run history's form)."""
    return f"p50={stats['p50']:g} ms p95={stats['p95']:g} ms"


def table(stats: Mapping[str, Any]) -> str:
    """A small text table: samples, min, p50, p95, max."""
    head = f"{'samples':>8} {'min':>9} {'p50':>9} {'p95':>9} {'max':>9}"
    row = (f"{stats['samples']:>8} {stats['min']:>6.1f} ms {stats['p50']:>6.1f} ms "
           f"{stats['p95']:>6.1f} ms {stats['max']:>6.1f} ms")
    return f"{head}\n{row}"


def baseline_problem(category: str, current_p95: float, baseline: Mapping[str, Any] | None,
                     tolerance_percent: float) -> str | None:
    """Why ``current_p95`` fails against the baseline entry, or None when it passes."""
    if not baseline:
        return None
    allowed = float(baseline["p95"]) * (1 + tolerance_percent / 100)
    if current_p95 <= allowed:
        return None
    return (f"{category} p95 grew from {float(baseline['p95']):g} ms (baseline) to {current_p95:g} ms, "
            f"more than the {tolerance_percent:g} % allowed ({allowed:.1f} ms)")


def save_baseline(path: Path, category: str, stats: Mapping[str, Any]) -> None:
    """Writes ``stats`` as ``category``'s entry of the JSON baseline file, under a file lock
    (parallel test processes save their categories into the same file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(path.suffix + ".lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() and path.stat().st_size else {}
        data[category] = {key: stats[key] for key in ("samples", "min", "p50", "p95", "max")}
        data[category]["saved"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        temporary.replace(path)


def read_locust_stats(csv_path: Path) -> list[dict[str, Any]]:
    """The rows of Locust's ``<prefix>_stats.csv``: name, type, requests, failures, p50, p95."""
    rows = []
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            def number(column: str, row: dict = row) -> float:
                text = row.get(column) or "0"
                return 0.0 if text == "N/A" else float(text)

            rows.append({
                "type": row.get("Type", ""),
                "name": row["Name"],
                "requests": int(number("Request Count")),
                "failures": int(number("Failure Count")),
                "p50": number("50%"),
                "p95": number("95%"),
                "rps": number("Requests/s"),
            })
    return rows


def load_problems(rows: list[dict[str, Any]], thresholds: Mapping[str, float],
                  max_error_percent: float) -> list[str]:
    """What is wrong with a Locust run: no requests, too many errors, a p95 over its category's
    threshold. Request names start with their category (``auth: POST /auth/token``)."""
    problems = []
    total = next((row for row in rows if row["name"] == "Aggregated"), None)
    if total is None or total["requests"] == 0:
        return ["Locust sent no request at all"]
    error_rate = 100 * total["failures"] / total["requests"]
    if error_rate > max_error_percent:
        problems.append(f"{total['failures']} of {total['requests']} requests failed ({error_rate:.1f} %, "
                        f"at most {max_error_percent:g} % allowed)")
    for row in rows:
        if row["name"] == "Aggregated" or not row["requests"]:
            continue
        category = row["name"].split(":", 1)[0].strip()
        limit = thresholds.get(category)
        if limit is not None and row["p95"] > limit:
            problems.append(f"{row['name']}: p95 {row['p95']:g} ms, above the {category} threshold of {limit:g} ms")
    return problems


@library(scope="GLOBAL", auto_keywords=False)
class PerformanceSupport:
    """Keywords behind ``resources/performance.resource``. Use them through that resource."""

    def __init__(self) -> None:
        self._sessions: dict[str, requests.Session] = {}

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _variable(name: str, default: Any = None) -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - needs a running Robot

        return BuiltIn().get_variable_value("${" + name + "}", default)

    @staticmethod
    def _temporary_data() -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        return BuiltIn().get_library_instance("TemporaryData")

    def _base(self) -> str:
        return str(self._variable("PERMISO_BASE_URL")).rstrip("/")

    def _verify(self) -> bool | str:
        verify: bool | str = bool(self._variable("TEST_VERIFY_SSL", False))
        if verify and self._variable("TEST_SSL_CERT_PATH", ""):
            verify = str(self._variable("TEST_SSL_CERT_PATH"))
        return verify

    def _session(self) -> requests.Session:
        base = self._base()
        if base not in self._sessions:
            session = requests.Session()
            session.verify = self._verify()
            if not session.verify:
                import urllib3  # noqa: PLC0415

                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            self._sessions[base] = session
        return self._sessions[base]

    def _send(self, session: requests.Session, method: str, path: str, token: Any = None,
              form: Any = None, json_body: Any = None) -> tuple[requests.Response, float]:
        headers = {}
        if token is not None:
            register_secret(token)
            headers["Authorization"] = f"Bearer {unwrap(token)}"
        timeout = float(self._variable("TEST_TIMEOUT_SECONDS", 30))
        start = time.perf_counter()
        try:
            # verify per request: requests lets REQUESTS_CA_BUNDLE override the session's own.
            response = session.request(method, self._base() + path, headers=headers, timeout=timeout,
                                       verify=session.verify,
                                       data=unwrap(form) if form is not None else None,
                                       json=unwrap(json_body) if json_body is not None else None)
        except requests.RequestException as error:  # the transport layer's words for it
            raise PerformanceFailure(
                f"Permiso does not answer at {self._base() + path}: {describe_connection_error(error, timeout)}"
            ) from None
        elapsed = (time.perf_counter() - start) * 1000
        try:
            register_secrets_in(response.json(), SECRET_RESPONSE_FIELDS)
        except ValueError:
            pass
        return response, elapsed

    # --- samples ----------------------------------------------------------------------------

    @keyword("Time Requests")
    def time_requests(self, method: str, path: str, samples: int, expected_status: int = 200,
                      token: Secret | str | None = None, form: Mapping[str, Any] | None = None,
                      json_body: Any = None) -> DotDict:
        """Sends ``samples`` identical requests one after the other (after one untimed warm-up)
        on a kept-alive connection and returns ``samples``, ``min``, ``p50``, ``p95``, ``max``
        (milliseconds) and ``response`` (the last answer). Every answer must have
        ``expected_status``; the first other one fails naming the request and the answer."""
        method = method.upper()
        for body in (form, json_body):
            register_secrets_in(body, ("password", "client_secret", "token", "refresh_token"))
        session = self._session()
        times = []
        response = None
        for number in range(int(samples) + 1):
            response, elapsed = self._send(session, method, path, token, form, json_body)
            self._log_request(response, elapsed)
            if response.status_code != int(expected_status):
                raise PerformanceFailure(
                    f"{method} {path} answered {response.status_code} ({error_summary(response)}) at "
                    f"sample {number} of {samples}, expected {expected_status}")
            if number:
                times.append(elapsed)
        stats = DotDict(summarize(times))
        stats.response = response
        return stats

    @keyword("Report Response Times")
    def report_response_times(self, category: str, stats: Mapping[str, Any]) -> None:
        """Logs the table (min, p50, p95, max) and adds ``<category>: p50=… ms p95=… ms`` to
        the test's documentation and message, where the report and the run history show it."""
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        logger.info(f"{category} response times over {stats['samples']} samples:\n{table(stats)}")
        line = f"{category}: {figures(stats)}"
        BuiltIn().set_test_documentation(line, append=True)
        BuiltIn().set_test_message(line, append=True)

    @keyword("Response Times Should Meet Targets")
    def response_times_should_meet_targets(self, category: str, stats: Mapping[str, Any],
                                           threshold_ms: float, what: str) -> None:
        """Fails when p50 or p95 is above ``threshold_ms``, or, with a baseline file in
        ``compare`` mode, when p95 grew more than ``PERF_BASELINE_TOLERANCE`` percent over the
        baseline's; in ``save`` mode the figures become the category's baseline. Every problem
        is named in one message; both figures go to the report."""
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        self.report_response_times(category, stats)
        problems = [f"{what}: {name} {stats[name]:g} ms is above the threshold of {float(threshold_ms):g} ms"
                    for name in ("p50", "p95") if stats[name] > float(threshold_ms)]
        path_text = str(self._variable("PERF_BASELINE_FILE", "") or "")
        if path_text:
            path = Path(path_text)
            if not path.is_absolute():
                path = ROOT / path
            if self._variable("PERF_BASELINE_MODE", "compare") == "save":
                save_baseline(path, category, stats)
                logger.info(f"Saved as the {category} baseline in {path}")
            else:
                saved = json.loads(path.read_text(encoding="utf-8")).get(category) if path.exists() else None
                if saved is None:
                    logger.warn(f"No {category} baseline in {path}: nothing to compare with")
                else:
                    note = f"{category} baseline: p50={float(saved['p50']):g} ms p95={float(saved['p95']):g} ms"
                    BuiltIn().set_test_documentation(note, append=True)
                    BuiltIn().set_test_message(note, append=True)
                    problem = baseline_problem(category, float(stats["p95"]), saved,
                                               float(self._variable("PERF_BASELINE_TOLERANCE", 50)))
                    if problem:
                        problems.append(problem)
        if problems:
            raise PerformanceFailure("; ".join(problems))

    # --- concurrency ------------------------------------------------------------------------

    def _burst(self, calls: list[tuple[str, str, dict[str, Any]]]) -> tuple[list[tuple[requests.Response, float]], float]:
        """Sends all calls at once (one thread and connection each); returns the answers with
        their times and the wall time of the whole burst in milliseconds."""
        def one(call: tuple[str, str, dict[str, Any]]) -> tuple[requests.Response, float]:
            with requests.Session() as session:
                session.verify = self._verify()
                method, path, options = call
                return self._send(session, method, path, **options)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            results = list(pool.map(one, calls))
        wall_ms = (time.perf_counter() - start) * 1000
        for response, elapsed in results:  # logged here: Robot drops messages of other threads
            self._log_request(response, elapsed)
        return results, wall_ms

    @staticmethod
    def _log_request(response: requests.Response, elapsed: float) -> None:
        """The transport layer's request line, so that route coverage and verdict comparisons
        see these requests too."""
        logger.info(request_log_line(str(response.request.method), str(response.request.url), response.status_code,
                                     elapsed))

    def _burst_problems(self, results: list[tuple[requests.Response, float]], expected: int,
                        label: str) -> list[str]:
        failed = [response for response, _ in results if response.status_code != expected]
        if not failed:
            return []
        first = failed[0]
        return [f"{len(failed)} of {len(results)} concurrent {label} failed; the first answered "
                f"{first.status_code} ({error_summary(first)}), expected {expected}"]

    @staticmethod
    def _burst_stats(results: list[tuple[requests.Response, float]], wall_ms: float) -> DotDict:
        stats = DotDict(summarize([elapsed for _, elapsed in results]))
        stats.total = round(wall_ms, 1)
        stats.per_request = round(wall_ms / len(results), 1)
        return stats

    @keyword("Create Users Concurrently")
    def create_users_concurrently(self, count: int, prefix: str, token: Secret) -> DotDict:
        """POSTs ``count`` new users at the same moment as the admin behind ``token`` and
        returns ``stats`` (per-request min/p50/p95/max, ``total`` wall time and
        ``per_request`` = total / count, in ms), ``ids`` and ``usernames``. Every created user
        is remembered for `Remove Temporary Data` before anything is checked; a failed
        creation fails with the count and the first bad answer."""
        data = self._temporary_data()
        domain = str(self._variable("TEST_EMAIL_DOMAIN", "example.com")).lstrip("@")
        role_ids = data._normal_user_role_ids()  # noqa: SLF001 - the same roles as Create Temporary User
        users_path = str(self._variable("USERS_PATH"))
        calls = []
        for _ in range(int(count)):
            username = data.generate_unique_name(prefix)
            body: dict[str, Any] = {"username": username, "email": f"{username}@{domain}",
                                    "password": data.generate_password()}
            if role_ids is not None:
                body["role_ids"] = role_ids
            calls.append(("POST", users_path, {"token": token, "json_body": body}))
        results, wall = self._burst(calls)
        ids, names = [], []
        for response, _ in results:
            if response.status_code == 201:
                record = response.json()
                ids.append(record.get("id"))
                names.append(record.get("username"))
                data.remember_temporary_resource(f"{users_path}/{record.get('id')}", f"user {record.get('username')}")
        problems = self._burst_problems(results, 201, f"user creations (POST {users_path})")
        if problems:
            raise PerformanceFailure(problems[0])
        return DotDict(stats=self._burst_stats(results, wall), ids=ids, usernames=names)

    @keyword("Log In Concurrently")
    def log_in_concurrently(self, users: Sequence[Mapping[str, Any]]) -> DotDict:
        """Logs all ``users`` (each with ``username`` and ``password``) in at the same moment
        and returns ``stats`` (as `Create Users Concurrently`) and ``distinct_tokens``, the
        number of different access tokens handed out. A refused login fails with the count and
        the first bad answer."""
        path = str(self._variable("AUTH_TOKEN_PATH"))
        calls = [("POST", path, {"form": {"username": user["username"], "password": user["password"]}})
                 for user in users]
        results, wall = self._burst(calls)
        problems = self._burst_problems(results, 200, f"logins (POST {path})")
        if problems:
            raise PerformanceFailure(problems[0])
        tokens = {response.json().get("access_token") for response, _ in results}
        tokens.discard(None)
        return DotDict(stats=self._burst_stats(results, wall), distinct_tokens=len(tokens))

    @keyword("Burst Times Should Meet Threshold")
    def burst_times_should_meet_threshold(self, category: str, stats: Mapping[str, Any],
                                          threshold_ms: float, what: str) -> None:
        """Reports the burst's figures and fails when the service took longer per request than
        ``threshold_ms`` on average (wall time / requests), or when the whole burst took longer
        than ``threshold_ms`` × requests: answering many at once may queue, but must not be
        slower than answering them one by one at the threshold."""
        self.report_response_times(category, stats)
        logger.info(f"Whole burst: {stats['total']:g} ms, {stats['per_request']:g} ms per request")
        limit = float(threshold_ms)
        problems = []
        if stats["per_request"] > limit:
            problems.append(f"{what}: {stats['per_request']:g} ms per request on average (whole burst "
                            f"{stats['total']:g} ms for {stats['samples']}), above the threshold of {limit:g} ms")
        if stats["total"] > limit * stats["samples"]:
            problems.append(f"{what}: the burst took {stats['total']:g} ms, above {limit * stats['samples']:g} ms")
        if problems:
            raise PerformanceFailure("; ".join(problems))

    # --- Locust -----------------------------------------------------------------------------

    @keyword("Load Tests Should Be Asked For")
    def load_tests_should_be_asked_for(self, *tags: str) -> None:
        """Skips the load tests unless the run's ``--include`` options select them (a test
        with ``tags``): they load the target for minutes and must run alone, so a plain
        ``robot suites/`` leaves them out, saying how to run them."""
        from robot.api import SkipExecution  # noqa: PLC0415
        from robot.model import TagPatterns  # noqa: PLC0415

        options = self._variable("OPTIONS")
        include = list(getattr(options, "include", []) or [])
        if not any(TagPatterns([pattern]).match(tags) for pattern in include):
            raise SkipExecution("Load tests run only when asked for (--include load), alone: "
                                "./run-acceptance.sh --include load runs them after everything else")

    @keyword("Run Locust Load")
    def run_locust_load(self, users: Sequence[Mapping[str, Any]], locust_users: int, duration: int,
                        output_name: str = "load", workers: int | None = None) -> DotDict:
        """Runs ``libraries/locustfile.py`` headless against the target for ``duration``
        seconds with ``locust_users`` simulated users (spawned over about 3 s; the statistics
        count from the end of the ramp-up, Locust's ``--reset-stats``), the
        given temporary ``users`` as login accounts and the configured service client.

        ``workers`` (default ``LOAD_WORKERS``) = 0: one Locust process. Otherwise a master with that many local
        workers, and the master also waits for ``LOAD_REMOTE_WORKERS`` workers from other
        machines on ``LOAD_MASTER_PORT``. With ``LOAD_MASTER_HOST`` set, this run only starts
        its ``LOAD_WORKERS`` (at least 1) as workers of that remote master and returns no
        statistics (``rows`` is empty, ``role`` is ``worker``): the master's run judges.

        Returns ``role``, ``rows`` (Locust's CSV statistics), ``csv``, ``html`` (the HTML
        report under the output directory, linked from the log) and ``exit_code``."""
        import importlib.util  # noqa: PLC0415

        if importlib.util.find_spec("locust") is None:
            raise PerformanceFailure("Locust is not installed: pip install -r requirements-load.txt "
                                     "(./run-acceptance.sh --include load installs it)")
        out_dir = self._report_dir() / "locust"
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = f"{output_name}-{os.getpid()}-{int(time.time() * 1000)}"
        workers = int(self._variable("LOAD_WORKERS", 0) if workers is None else workers)
        remote = int(self._variable("LOAD_REMOTE_WORKERS", 0)) if workers else 0
        master_host = str(self._variable("LOAD_MASTER_HOST", "") or "")
        port = int(self._variable("LOAD_MASTER_PORT", 5557))
        secrets_dir = Path(tempfile.mkdtemp(prefix="permiso-locust-"))
        credentials = secrets_dir / "credentials.json"
        credentials.write_text(json.dumps({
            "users": [{"username": u["username"], "password": unwrap(u["password"])} for u in users],
            "client_id": str(self._variable("TEST_CLIENT_ID")),
            "client_secret": unwrap(self._variable("TEST_CLIENT_SECRET")),
        }), encoding="utf-8")
        credentials.chmod(0o600)
        env = {**os.environ, "PERMISO_LOAD_CREDENTIALS": str(credentials),
               "PERMISO_API_BASE": str(self._variable("PERMISO_API_BASE", "/api/v1"))}
        locust = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--host", self._base(),
                  "--headless", "--only-summary", "--loglevel", "WARNING"]
        csv_prefix = out_dir / stamp
        html = out_dir / f"{stamp}.html"
        # Ramp up over about 3 s and measure the steady state only (--reset-stats): the spawn
        # burst of logins says nothing about sustained load (the concurrency tests judge bursts).
        run_for = ["-u", str(locust_users), "-r", str(max(1, math.ceil(int(locust_users) / 3))),
                   "-t", f"{duration}s", "--stop-timeout", "5", "--reset-stats"]
        processes: list[subprocess.Popen] = []
        logs = [out_dir / f"{stamp}-{name}.log" for name in ("main", *[f"worker{i}" for i in range(max(workers, 1))])]
        try:
            if master_host:
                role = "worker"
                for index in range(max(workers, 1)):
                    processes.append(self._start(locust + ["--worker", "--master-host", master_host,
                                                           "--master-port", str(port)], env, logs[index + 1]))
                # A worker ends when its master stops it; allow the run plus start and stop.
                codes = [self._wait(p, duration + 60) for p in processes]
                exit_code = max(codes)
                rows: list[dict[str, Any]] = []
            else:
                command = locust + run_for + ["--csv", str(csv_prefix), "--html", str(html)]
                if workers or remote:
                    role = "master"
                    command += ["--master", "--master-bind-port", str(port),
                                "--expect-workers", str(workers + remote),
                                "--expect-workers-max-wait", "60"]
                else:
                    role = "single"
                main = self._start(command, env, logs[0])
                processes.append(main)
                for index in range(workers):
                    processes.append(self._start(locust + ["--worker", "--master-host", "127.0.0.1",
                                                           "--master-port", str(port)], env, logs[index + 1]))
                exit_code = self._wait(main, duration + 90)
                for worker in processes[1:]:
                    self._wait(worker, 15)
                stats_file = Path(f"{csv_prefix}_stats.csv")
                rows = read_locust_stats(stats_file) if stats_file.exists() else []
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            shutil.rmtree(secrets_dir, ignore_errors=True)
        for log in logs:
            if log.exists() and log.stat().st_size:
                logger.info(f"Locust output ({log.name}):\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        if html.exists():
            logger.info(f'Locust report: <a href="locust/{html.name}">{html.name}</a>', html=True)
        return DotDict(role=role, rows=rows, csv=f"{csv_prefix}_stats.csv", html=str(html), exit_code=exit_code)

    def _report_dir(self) -> Path:
        """The folder of ``log.html``: the output directory, or under pabot (whose processes
        write to ``<outputdir>/pabot_results/<n>``) the run's own output directory."""
        output = Path(str(self._variable("OUTPUT_DIR", ROOT / "results")))
        if output.parent.name == "pabot_results":
            return output.parent.parent
        return output

    @staticmethod
    def _start(command: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen:
        handle = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, cwd=ROOT, env=dict(env), stdin=subprocess.DEVNULL,
                                   stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        handle.close()
        return process

    @staticmethod
    def _wait(process: subprocess.Popen, seconds: float) -> int:
        try:
            return process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return -9

    @keyword("Load Statistics Should Meet Targets")
    def load_statistics_should_meet_targets(self, run: Mapping[str, Any]) -> None:
        """Fails when the Locust run sent nothing, failed more than
        ``LOAD_MAX_ERROR_RATE_PERCENT`` of its requests, or a request's p95 is above its
        category's ``PERF_*_THRESHOLD_MS``. Logs the statistics table and reports
        ``p50=… ms p95=… ms`` of all requests."""
        thresholds = {
            "health": float(self._variable("PERF_HEALTH_THRESHOLD_MS")),
            "auth": float(self._variable("PERF_AUTH_THRESHOLD_MS")),
            "crud": float(self._variable("PERF_CRUD_THRESHOLD_MS")),
            "admin": float(self._variable("PERF_ADMIN_THRESHOLD_MS")),
        }
        rows = run["rows"]
        lines = [f"{'request':<40} {'count':>7} {'failed':>7} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}"]
        lines += [f"{row['name'][:40]:<40} {row['requests']:>7} {row['failures']:>7} {row['p50']:>8g} "
                  f"{row['p95']:>8g} {row['rps']:>8.1f}" for row in rows]
        logger.info("Locust statistics:\n" + "\n".join(lines))
        if run.get("exit_code") not in (0, 1):
            raise PerformanceFailure(f"Locust ended with exit code {run.get('exit_code')} (see its output in the log)")
        problems = load_problems(rows, thresholds, float(self._variable("LOAD_MAX_ERROR_RATE_PERCENT", 1)))
        total = next((row for row in rows if row["name"] == "Aggregated"), None)
        if total and total["requests"]:
            from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

            line = (f"load ({run['role']}): p50={total['p50']:g} ms p95={total['p95']:g} ms, "
                    f"{total['requests']} requests, {total['rps']:.1f} req/s")
            BuiltIn().set_test_documentation(line, append=True)
            BuiltIn().set_test_message(line, append=True)
        if problems:
            raise PerformanceFailure("Under load: " + "; ".join(problems))

    # --- overhead (tools/bench/load.py) ---------------------------------------------------

    @keyword("Measure Keyword Layer Overhead")
    def measure_keyword_layer_overhead(self, samples: int, result_file: str) -> DotDict:
        """Times ``samples`` GET /health through `Send Request` (the keyword layer: Robot,
        RequestsLibrary session, logging, status check) and as bare ``requests`` calls on a
        kept-alive session, writes both summaries as JSON to ``result_file`` and returns them."""
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        path = str(self._variable("HEALTH_PATH", "/health"))
        layered = []
        for _ in range(int(samples) + 1):
            start = time.perf_counter()
            BuiltIn().run_keyword("Send Request", "GET", path)
            layered.append((time.perf_counter() - start) * 1000)
        bare = []
        session = self._session()
        for _ in range(int(samples) + 1):
            start = time.perf_counter()
            session.get(self._base() + path, timeout=30).raise_for_status()
            bare.append((time.perf_counter() - start) * 1000)
        result = DotDict(keyword_layer=summarize(layered[1:]), bare_requests=summarize(bare[1:]))
        Path(result_file).write_text(json.dumps(result, indent=2), encoding="utf-8")
        return result
