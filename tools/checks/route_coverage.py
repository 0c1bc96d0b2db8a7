"""Which tests requested each route of the contract, read from an acceptance run's output.

    python -m tools.checks.route_coverage [results/output.xml] [--api-base /api/v1]

Prints one line per contract route: the number of tests that requested it and the first few
of them, then the routes no test requested. Exit code 1 when a route has no test (every route
of the contract must be exercised), 0 otherwise. Requests are found in the transport layer's
log line ``METHOD URL → STATUS (N ms)``, so the run must log at INFO level or lower.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


from tools import ROOT
from tools.checks import verdicts

SHOWN = 3


def coverage(output: Path, api_base: str) -> dict[verdicts.Route, list[str]]:
    """Contract route -> names of the tests that requested it (sorted)."""
    table = verdicts.RouteTable(api_base)
    run = verdicts.read_run(output)
    covered: dict[verdicts.Route, set[str]] = {route: set() for route in table.routes}
    for name, verdict in run.items():
        for request in verdict.requests:
            route = table.route_of(request.method, request.path)
            if route is not None:
                covered[route].add(name.rsplit(".", 1)[-1])
    return {route: sorted(names) for route, names in covered.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the listing; 1 when a route has no test."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=str(ROOT / "results" / "output.xml"))
    parser.add_argument("--api-base", default="/api/v1")
    args = parser.parse_args(argv)
    listing = coverage(Path(args.output), args.api_base)
    width = max(len(route.label) for route in listing)
    for route, tests in listing.items():
        shown = "; ".join(tests[:SHOWN]) + (f"; … {len(tests) - SHOWN} more" if len(tests) > SHOWN else "")
        print(f"{route.label:<{width}}  {len(tests):>4} test(s)  {shown}")
    missing = [route.label for route, tests in listing.items() if not tests]
    print(f"\n{len(listing) - len(missing)} of {len(listing)} contract routes requested by at least one test")
    if missing:
        print("Routes no test requests:\n  " + "\n  ".join(missing))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
