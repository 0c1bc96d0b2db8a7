"""Proof that a broken route fails only the tests that exercise it.

    python -m tools.checks.degradations [--clean results/output.xml] [--only NAME] [-- pabot options]

The reference service can answer one named route with 422 or 500 (``PERMISO_DEGRADE``, see
``sut/degradations.py``), the way a real deployment sometimes has one broken route. For each
degradation below this script runs the acceptance suite against a service degraded that way
and compares every test's verdict with a clean run (run first, or given with ``--clean``). The
list routes are broken together in one run, the other routes in another (``RUNS``):

- the clean run has no failed test;
- only the tests allowed to change verdict may change (to failed or to passed); the degraded
  runs may select fewer tests than the clean run, e.g. ``-- --exclude authorization-matrix``:
  the tests they ran are compared;
- a test that changed names the route in its failure message (``GET /api/v1/roles/`` …).

Which tests may change depends on the route:

- a **list route** (the users, scopes and roles lists) is the instrument of many side checks
  (did a refused request create nothing? is the new user listed?) and set-up lookups. Only its
  **own tests** may change: those tagged ``route:<method>:<path template>`` (the route as
  ``PERMISO_DEGRADE`` names it, ``route:get:/api/v1/users/``) and the authorization-matrix
  cells on the route (``… On GET /api/v1/users``, with or without the trailing slash). Every
  other test keeps its verdict, also when it requested the route; one that requested it and
  passed must have logged a warning naming the route (a side check that could not confirm
  something), so that a test passing *because* the route was broken shows up too;
- any other route: the tests that requested it in the degraded run may change.

Everything else must keep its verdict: a broken roles list must not fail the login tests. It
prints one table row per degradation and ``N passed, N failed`` (one check per degradation).
Outputs go to ``results/degradations/``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


from tools import ROOT
from tools.checks import verdicts


OUTPUT_DIR = ROOT / "results" / "degradations"
OWN_TAG_PREFIX = "route:"


@dataclass(frozen=True)
class Degradation:
    """One broken route: a short name, the ``PERMISO_DEGRADE`` entry, the contract route, and
    whether it is a list route (only its own tests may change verdict)."""

    name: str
    entry: str
    route: str
    list_route: bool = False


# The degradations broken together in one run each: the list routes, then the other routes. A
# test may change verdict when one of the run's broken routes allows it (fewer runs than one per
# route, each still proving that nothing else changes).
RUNS = (("lists", ("users-list", "scopes-list", "roles-list")),
        ("writes", ("user-delete", "user-create", "token-refresh")))

DEGRADATIONS = (
    Degradation("users-list", "GET:/api/v1/users=422", "GET /api/v1/users/", list_route=True),
    Degradation("scopes-list", "GET:/api/v1/roles/scopes/=422", "GET /api/v1/roles/scopes/", list_route=True),
    Degradation("roles-list", "GET:/api/v1/roles/=422", "GET /api/v1/roles/", list_route=True),
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
    """Does a message name the route? A route with a parameter is named by ``METHOD /path/`` up
    to its first parameter; one without by its whole path, with or without the trailing slash
    (``GET /api/v1/users`` names the users list, ``GET /api/v1/users/me`` does not)."""
    if "{" in route.template:
        prefix = route.template.split("{", 1)[0]
        return f"{route.method} {prefix}" in message or f"{route.method} {prefix.rstrip('/')}" in message
    path = re.escape(route.template.rstrip("/"))
    return re.search(rf"\b{route.method} {path}/?(?![\w/.-])", message) is not None


def _route_key(text: str) -> str:
    """A route written ``GET:/api/v1/users/`` or ``GET /api/v1/users``, compared without case,
    blanks or a trailing slash."""
    return re.sub(r"\s+", "", text).lower().replace(":", "", 1).rstrip("/")


def own_tag(route: verdicts.Route) -> str:
    """The tag that makes a test one of the route's own tests: ``route:get:/api/v1/users/``."""
    return f"{OWN_TAG_PREFIX}{route.method.lower()}:{route.template}"


def is_own_test(verdict: verdicts.Verdict, route: verdicts.Route) -> bool:
    """Is the test about ``route``: tagged ``route:<method>:<template>``, or an authorization
    matrix cell on the route (its name ends ``On <METHOD> <template>``)?"""
    wanted = _route_key(f"{route.method}:{route.template}")
    for tag in verdict.tags:
        if tag.lower().startswith(OWN_TAG_PREFIX) and _route_key(tag[len(OWN_TAG_PREFIX):]) == wanted:
            return True
    short = verdict.name.rsplit(".", 1)[-1]
    cell = re.search(r" On ([A-Z]+) (/\S*)$", short)
    return bool(cell) and _route_key(f"{cell.group(1)}:{cell.group(2)}") == wanted


def problems_of(
    clean: dict[str, verdicts.Verdict], degraded: dict[str, verdicts.Verdict],
    route: verdicts.Route, table: verdicts.RouteTable, list_route: bool = False,
) -> tuple[list[str], list[str]]:
    """(tests whose verdict changed, what is wrong with the run) for one broken route; see
    :func:`problems_of_routes`."""
    return problems_of_routes(clean, degraded, [(route, list_route)], table)


def problems_of_routes(
    clean: dict[str, verdicts.Verdict], degraded: dict[str, verdicts.Verdict],
    broken: list[tuple[verdicts.Route, bool]], table: verdicts.RouteTable,
) -> tuple[list[str], list[str]]:
    """(tests whose verdict changed, what is wrong with the run) for a run with the ``broken``
    routes (each with whether it is a list route). A test may change verdict when one of the
    routes allows it: for a list route only its own tests (:func:`is_own_test`), and a test
    that requested it and passed anyway must have logged a warning naming it; for any other
    route every test that requested it. A test that failed must name a route that allows it."""
    changed, problems = [], []
    exercising = {route.label: verdicts.tests_requesting(degraded, route, table) for route, _ in broken}
    for name, after in degraded.items():
        before = clean.get(name)
        if before is None:
            problems.append(f"{name}: missing from the clean run")
            continue
        short = name.rsplit(".", 1)[-1]
        allowing = [route for route, is_list in broken
                    if (is_own_test(after, route) if is_list else name in exercising[route.label])]
        if after.status == before.status:
            for route, is_list in broken:
                if (is_list and name in exercising[route.label] and after.status == "PASS" and not allowing
                        and not any(route_named_in(warning, route) for warning in after.warnings)):
                    problems.append(f"{short} requested {route.label} and passed without a warning naming it")
            continue
        changed.append(f"{short}: {before.status} → {after.status}")
        labels = ", ".join(route.label for route, _ in broken)
        if not allowing:
            kinds = {is_list for _, is_list in broken}
            why = ("is not one of its own tests" if kinds == {True} else "did not request it" if kinds == {False}
                   else "is not a test of, and did not request, what is broken")
            problems.append(f"{short} changed verdict although it {why} ({labels}): {after.message[:160]}")
        elif after.status == "FAIL" and not any(route_named_in(after.message, route) for route in allowing):
            problems.append(f"{short} failed without naming {', '.join(r.label for r in allowing)}: {after.message[:160]}")
    return changed, problems


def side_checks(degraded: dict[str, verdicts.Verdict], route: verdicts.Route, table: verdicts.RouteTable) -> int:
    """How many tests that are not the route's own requested it and logged a warning naming it."""
    exercising = verdicts.tests_requesting(degraded, route, table)
    return sum(1 for name in exercising if not is_own_test(degraded[name], route)
               and any(route_named_in(warning, route) for warning in degraded[name].warnings))


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
    for run_name, names in RUNS:
        group = [degradation for degradation in chosen if degradation.name in names]
        if not group:
            continue
        broken = [(table.find(degradation.route), degradation.list_route) for degradation in group]
        output = run_suite(OUTPUT_DIR / run_name, ",".join(degradation.entry for degradation in group), args.extra)
        degraded = verdicts.read_run(output)
        changed, problems = problems_of_routes(clean, degraded, broken, table)
        for degradation, (route, _) in zip(group, broken, strict=True):
            if degradation.list_route:
                own = sum(1 for item in degraded.values() if is_own_test(item, route))
                scope = f"{own:>3} own tests, {side_checks(degraded, route, table):>3} side checks warned"
            else:
                scope = f"{len(verdicts.tests_requesting(degraded, route, table)):>4} tests request it"
            print(f"  {degradation.name:<14} {degradation.entry:<40} {scope}")
        verdict = "ok" if not problems else "WRONG"
        print(f"{run_name:<7} {len(group)} routes broken at once: {len(changed):>3} changed verdict: {verdict}")
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
