"""Is the load generator or the target the limit? And what does the keyword layer cost?

Starts the embedded reference service (as ``run-acceptance.sh`` does) and, against its
``GET /health`` on the same machine, measures:

1. the requests per second ``wrk`` reaches (a C load generator: close to what the target can
   serve), when the Debian package ``wrk`` is installed;
2. the requests per second Locust reaches with users that never wait (``FastHttpUser``), in one
   process and as a master with 2 local workers;
3. the time of one request through the suite's keyword layer (``Send Request``: Robot,
   RequestsLibrary, logging, status check) against a bare ``requests`` call, in a small Robot
   run (``Measure Keyword Layer Overhead`` of ``libraries/PerformanceSupport.py``).

Locust far below wrk means the generator is the limit on this machine (add workers or
machines); close to wrk means the target is. Prints a table; ``--json FILE`` also writes it.

    .venv/bin/python -m tools.bench.load [--seconds 10] [--users 50] [--samples 200]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import config
from PerformanceSupport import read_locust_stats
from tools import ROOT
from tools.run import acceptance as run_acceptance

HEALTH_LOCUSTFILE = '''
from locust import FastHttpUser, task


class HealthPoller(FastHttpUser):
    """Polls GET /health without waiting: as many requests as the generator can send."""

    @task
    def health(self):
        self.client.get("/health", name="health")
'''

OVERHEAD_SUITE = '''*** Settings ***
Resource    {root}/resources/performance.resource

*** Test Cases ***
Keyword Layer Overhead
    Measure Keyword Layer Overhead    {samples}    {result}
'''


def wrk_rps(url: str, seconds: int, connections: int) -> float | None:
    """Requests per second of wrk (2 threads), or None when wrk is not installed."""
    if not shutil.which("wrk"):
        return None
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url + "/health"],
        capture_output=True, text=True, check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return float(match.group(1)) if match else None


def locust_rps(url: str, seconds: int, users: int, workers: int, work: Path) -> float:
    """Requests per second Locust reached (from its CSV statistics)."""
    locustfile = work / "health_locustfile.py"
    locustfile.write_text(HEALTH_LOCUSTFILE, encoding="utf-8")
    prefix = work / f"locust-{workers}"
    base = [sys.executable, "-m", "locust", "-f", str(locustfile), "--host", url, "--headless",
            "--only-summary", "--loglevel", "ERROR"]
    command = base + ["-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--csv", str(prefix)]
    port = str(5600 + secrets.randbelow(300))
    if workers:
        command += ["--master", "--master-bind-port", port, "--expect-workers", str(workers)]
    main = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    helpers = [subprocess.Popen(base + ["--worker", "--master-port", port], cwd=work,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
    try:
        main.wait(seconds + 60)
        for helper in helpers:
            helper.wait(20)
    finally:
        for process in (main, *helpers):
            if process.poll() is None:
                process.kill()
                process.wait()
    rows = read_locust_stats(Path(f"{prefix}_stats.csv"))
    return next(row["rps"] for row in rows if row["name"] == "Aggregated")


def keyword_overhead(url: str, key: str, samples: int, work: Path) -> dict:
    """Summaries (ms) of GET /health through the keyword layer and as a bare requests call."""
    result = work / "overhead.json"
    suite = work / "overhead.robot"
    suite.write_text(OVERHEAD_SUITE.format(root=ROOT, samples=samples, result=result), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "robot", "--output", "NONE", "--log", "NONE", "--report", "NONE",
         "--console", "none", str(suite)],
        cwd=ROOT, env={**os.environ, "PERMISO_BASE_URL": url, "TOKEN_SIGNING_KEY": key}, check=False,
    )
    return json.loads(result.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk and Locust run")
    parser.add_argument("--users", type=int, default=50, help="wrk connections and Locust users")
    parser.add_argument("--samples", type=int, default=200, help="requests per overhead measurement")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    inherited = {name: value for name, value in os.environ.items()
                 if name not in ("PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE")}
    service = run_acceptance.EmbeddedTarget.ReferenceService("test", config.load(environ={}, dotenv={}),
                                                             inherited=inherited)
    key = service.signing_key
    url = service.start()
    work = Path(tempfile.mkdtemp(prefix="permiso-benchmark-"))
    try:
        figures = {
            "cores": os.cpu_count(),
            "load_average": os.getloadavg()[0],
            "wrk_rps": wrk_rps(url, args.seconds, args.users),
            "locust_rps_single": locust_rps(url, args.seconds, args.users, 0, work),
            "locust_rps_2_workers": locust_rps(url, args.seconds, args.users, 2, work),
            "overhead": keyword_overhead(url, key, args.samples, work),
        }
    finally:
        service.stop()
        shutil.rmtree(work, ignore_errors=True)
    wrk = figures["wrk_rps"]
    print(f"GET /health on the embedded service, {figures['cores']} cores, load average "
          f"{figures['load_average']:.1f} at the start")
    print(f"  wrk (2 threads, {args.users} connections)   {wrk:>9.0f} req/s" if wrk else "  wrk: not installed")
    for label, name in (("Locust, 1 process", "locust_rps_single"), ("Locust, master + 2 workers", "locust_rps_2_workers")):
        share = f"  ({100 * figures[name] / wrk:.0f} % of wrk)" if wrk else ""
        print(f"  {label:<36} {figures[name]:>9.0f} req/s{share}")
    for label, name in (("keyword layer (Send Request)", "keyword_layer"), ("bare requests call", "bare_requests")):
        stats = figures["overhead"][name]
        print(f"  {label:<36} p50 {stats['p50']:>6.2f} ms  p95 {stats['p95']:>6.2f} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
