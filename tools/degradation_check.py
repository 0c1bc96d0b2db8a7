"""Proof that a broken route fails only the tests that exercise it.

    python tools/degradation_check.py [--clean results/output.xml] [--only NAME] [-- pabot options]

The reference service can answer one named route with 422 or 500 (``PERMISO_DEGRADE``, see
``sut/degradations.py``), the way a real deployment sometimes has one broken route. For each
degradation below this script runs the acceptance suite against a service degraded that way
and compares every test's verdict with a clean run (run first, or given with ``--clean``):

- the clean run has no failed test;
- every test whose verdict changed requested the degraded route in the degraded run (the
  degraded runs may select fewer tests than the clean run, e.g. ``-- --exclude
  authorization-matrix``: the tests they ran are compared);
- its failure message names that route (``GET /api/v1/roles/`` …).

Everything else must keep its verdict: a broken roles list must not fail the login tests. It
prints one table row per degradation and ``N passed, N failed`` (one check per degradation).
Outputs go to ``results/degradations/``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verdicts  # noqa: E402 - tools/ is not a package

ROOT = verdicts.ROOT
OUTPUT_DIR = ROOT / "results" / "degradations"


@dataclass(frozen=True)
class Degradation:
    """One broken route: a short name, the ``PERMISO_DEGRADE`` entry and the contract route."""

    name: str
    entry: str
    route: str


DEGRADATIONS = (
    Degradation("roles-list", "GET:/api/v1/roles/=422", "GET /api/v1/roles/"),
    Degradation("user-delete", "DELETE:/api/v1/users/{user_id}=500", "DELETE /api/v1/users/{user_id}"),
    Degradation("user-create", "POST:/api/v1/users=500", "POST /api/v1/users/"),
    Degradation("token-refresh", "POST:/api/v1/auth/refresh=500", "POST /api/v1/auth/refresh"),
)


def run_suite(outdir: Path, degrade: str | None, extra: list[str]) -> Path:
    """One acceptance run against the embedded service; returns its output.xml."""
    env = {key: value for key, value in os.environ.items() if key not in ("PERMISO_BASE_URL", "PERMISO_DEGRADE")}
    if degrade:
        env["PERMISO_DEGRADE"] = degrade
    outdir.mkdir(parents=True, exist_ok=True)
    command = ["bash", str(ROOT / "run-acceptance.sh"), "--outputdir", str(outdir), *extra]
    subprocess.call(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    output = outdir / "output.xml"
    if not output.exists():
        raise SystemExit(f"The acceptance run in {outdir} wrote no output.xml")
    return output


def route_named_in(message: str, route: verdicts.Route) -> bool:
    """Does a failure message name the route (``METHOD /path/`` up to its first parameter)?"""
    prefix = route.template.split("{", 1)[0]
    return f"{route.method} {prefix}" in message or f"{route.method} {prefix.rstrip('/')}" in message


def problems_of(
    clean: dict[str, verdicts.Verdict], degraded: dict[str, verdicts.Verdict],
    route: verdicts.Route, table: verdicts.RouteTable,
) -> tuple[list[str], list[str]]:
    """(tests whose verdict changed, what is wrong with those changes)."""
    changed, problems = [], []
    exercising = verdicts.tests_requesting(degraded, route, table)
    for name, after in degraded.items():
        before = clean.get(name)
        if before is None:
            problems.append(f"{name}: missing from the clean run")
            continue
        if after.status == before.status:
            continue
        short = name.rsplit(".", 1)[-1]
        changed.append(f"{short}: {before.status} → {after.status}")
        if name not in exercising:
            problems.append(f"{short} changed verdict without requesting {route.label}: {after.message[:160]}")
        elif not route_named_in(after.message, route):
            problems.append(f"{short} failed without naming {route.label}: {after.message[:160]}")
    return changed, problems


def main(argv: list[str] | None = None) -> int:
    """Run the clean and degraded suites and print the verdict comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", help="output.xml of a clean run to compare with (default: run one)")
    parser.add_argument("--only", action="append", help="run only these degradations (by name)")
    parser.add_argument("extra", nargs="*", help="options for run-acceptance.sh/pabot (after --)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    table = verdicts.RouteTable()
    chosen = [d for d in DEGRADATIONS if not args.only or d.name in args.only]
    clean_output = Path(args.clean) if args.clean else run_suite(OUTPUT_DIR / "clean", None, args.extra)
    clean = verdicts.read_run(clean_output)
    failed_clean = [name for name, verdict in clean.items() if verdict.status == "FAIL"]
    passed = failed = 0
    if failed_clean:
        print(f"The clean run has {len(failed_clean)} failed test(s): {'; '.join(failed_clean[:5])}")
        failed += 1
    for degradation in chosen:
        route = table.find(degradation.route)
        output = run_suite(OUTPUT_DIR / degradation.name, degradation.entry, args.extra)
        degraded = verdicts.read_run(output)
        changed, problems = problems_of(clean, degraded, route, table)
        exercising = len(verdicts.tests_requesting(degraded, route, table))
        verdict = "ok" if not problems else "WRONG"
        print(f"{degradation.name:<14} {degradation.entry:<40} {exercising:>4} tests request it, "
              f"{len(changed):>3} changed verdict: {verdict}")
        for line in changed:
            print(f"    changed: {line}")
        for line in problems:
            print(f"    PROBLEM: {line}")
        passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
    print(f"Degradation check took {time.monotonic() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
