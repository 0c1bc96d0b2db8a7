"""Keep a history of acceptance runs beside the results and render a trend dashboard.

Usage::

    .venv/bin/python tools/run_history.py add results/output.xml [--label nightly] [--history DIR]
    .venv/bin/python tools/run_history.py render [--history DIR] [--output FILE]

``add`` reads a Robot ``output.xml`` (a single run, a pabot run or a merged shard run) with
Robot's result API and appends one line of JSON to ``DIR/runs.jsonl`` (default
``results/history/``): totals, pass/fail/skip per tag, every test's status and duration, and the
performance figures. The same output added twice is kept once; only the newest ``--keep`` runs
(default 100) are kept.

``render`` writes one self-contained HTML page (default ``DIR/dashboard.html``, no scripts, no
downloads): the runs, the pass rate per area tag over time, the slowest tests over time and the
performance figures over time.

Performance figures (the hook for the performance suite): every ``pNN=<number> ms`` (also
``p99.9``, ``min``, ``max``, ``mean``, ``median``; ``=`` or ``:``) found in

- the message or documentation of a test tagged ``performance`` (``Set Test Message    p50=12 ms
  p95=40 ms    append=True`` or ``Set Test Documentation``), kept under the test's name, and
- the value of any suite metadata entry (``Set Suite Metadata    Login latency    p95=40 ms``),
  kept under ``suite name: metadata name``.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HISTORY = ROOT / "results" / "history"
AREA_TAGS = ("infrastructure", "auth", "users", "roles", "clients", "sessions", "admin", "security", "performance")
FIGURE = re.compile(r"\b(p\d{1,3}(?:\.\d+)?|min|max|mean|median)\s*[=:]\s*(\d+(?:\.\d+)?)\s*ms\b", re.IGNORECASE)
SLOWEST = 10
COLUMNS = 20


def figures(text: str) -> dict[str, float]:
    """``{'p95': 40.0, …}`` of every performance figure in a text."""
    return {name.lower(): float(value) for name, value in FIGURE.findall(text or "")}


def summarize(output: Path, label: str = "") -> dict[str, Any]:
    """One history entry from a Robot output.xml."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    result = ExecutionResult(str(output))
    total = result.statistics.total
    tags = {stat.name: {"passed": stat.passed, "failed": stat.failed, "skipped": stat.skipped}
            for stat in result.statistics.tags}
    tests, perf = [], {}
    for test in result.suite.all_tests:
        tests.append({"name": test.full_name, "status": test.status,
                      "seconds": round(test.elapsed_time.total_seconds(), 3)})
        if "performance" in test.tags:
            found = {**figures(test.doc), **figures(test.message)}
            if found:
                perf[test.name] = found

    def walk(suite: Any) -> Iterable[Any]:
        yield suite
        for child in suite.suites:
            yield from walk(child)

    for suite in walk(result.suite):
        for name, value in suite.metadata.items():
            found = figures(str(value))
            if found:
                perf[f"{suite.name}: {name}"] = found
    return {
        "id": hashlib.sha256(output.read_bytes()).hexdigest()[:16],
        "started": result.suite.start_time.isoformat(timespec="seconds") if result.suite.start_time else "",
        "label": label,
        "seconds": round(result.suite.elapsed_time.total_seconds(), 1),
        "totals": {"passed": total.passed, "failed": total.failed, "skipped": total.skipped},
        "tags": tags,
        "tests": tests,
        "performance": perf,
    }


def load(history: Path) -> list[dict[str, Any]]:
    """Every run of the history, oldest first."""
    runs_file = history / "runs.jsonl"
    if not runs_file.exists():
        return []
    lines = runs_file.read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines if line.strip()), key=lambda run: run["started"])


def add(output: Path, history: Path = DEFAULT_HISTORY, label: str = "", keep: int = 100) -> bool:
    """Add a run to the history; False when that very output is already there."""
    entry = summarize(output, label)
    runs = load(history)
    if any(run["id"] == entry["id"] for run in runs):
        return False
    runs = (runs + [entry])[-keep:]
    history.mkdir(parents=True, exist_ok=True)
    (history / "runs.jsonl").write_text("".join(json.dumps(run) + "\n" for run in runs), encoding="utf-8")
    return True


def _rate(counts: dict[str, int] | None) -> str:
    if not counts or counts["passed"] + counts["failed"] == 0:
        return ""
    return f"{100 * counts['passed'] / (counts['passed'] + counts['failed']):.0f}%"


def _cell(text: str, css: str = "") -> str:
    return f"<td class='{css}'>{html.escape(text)}</td>" if css else f"<td>{html.escape(text)}</td>"


def _rate_class(rate: str) -> str:
    if not rate:
        return "none"
    return "good" if rate == "100%" else "bad"


def _table(title: str, head: list[str], rows: list[str], note: str = "") -> str:
    header = "".join(f"<th>{html.escape(cell)}</th>" for cell in head)
    body = "\n".join(rows) or f"<tr><td colspan='{len(head)}'>none</td></tr>"
    note_html = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<h2>{html.escape(title)}</h2>{note_html}\n<table><tr>{header}</tr>\n{body}\n</table>\n"


def render(history: Path = DEFAULT_HISTORY, output: Path | None = None) -> Path:
    """Write the dashboard of the history's newest runs; return its path."""
    runs = load(history)[-COLUMNS:]
    output = output or history / "dashboard.html"
    names = [f"#{index} {run['started'][:16].replace('T', ' ')}{' ' + run['label'] if run['label'] else ''}"
             for index, run in enumerate(runs, start=1)]
    parts = [_table("Runs", ["run", "passed", "failed", "skipped", "pass rate", "duration"], [
        "<tr>" + _cell(name) + "".join(_cell(str(run["totals"][key])) for key in ("passed", "failed", "skipped"))
        + _cell(_rate(run["totals"]), _rate_class(_rate(run["totals"]))) + _cell(f"{run['seconds']:.0f} s") + "</tr>"
        for name, run in zip(names, runs, strict=True)
    ])]
    present = [tag for tag in AREA_TAGS if any(tag in run["tags"] for run in runs)]
    parts.append(_table("Pass rate per area tag", ["area", *names], [
        "<tr>" + _cell(tag) + "".join(_cell(rate, _rate_class(rate))
                                      for rate in (_rate(run["tags"].get(tag)) for run in runs)) + "</tr>"
        for tag in present
    ], "passed / (passed + failed); skipped tests do not count. Empty: the area did not run."))
    latest = sorted(runs[-1]["tests"], key=lambda test: -test["seconds"])[:SLOWEST] if runs else []
    durations = [{test["name"]: test for test in run["tests"]} for run in runs]
    parts.append(_table(f"Slowest tests of the latest run (top {SLOWEST}), seconds per run", ["test", *names], [
        "<tr>" + _cell(test["name"]) + "".join(
            _cell(f"{seen[test['name']]['seconds']:.2f}", seen[test["name"]]["status"].lower())
            if test["name"] in seen else _cell("") for seen in durations) + "</tr>"
        for test in latest
    ]))
    measures = sorted({(measure, figure) for run in runs for measure, found in run["performance"].items()
                       for figure in found})
    parts.append(_table("Performance figures (ms) over time", ["measure", "figure", *names], [
        "<tr>" + _cell(measure) + _cell(figure) + "".join(
            _cell(f"{run['performance'][measure][figure]:g}" if figure in run["performance"].get(measure, {}) else "")
            for run in runs) + "</tr>"
        for measure, figure in measures
    ], "From tests tagged performance (pNN=… ms in their message or documentation) and from suite "
       "metadata values (pNN=… ms). None yet: the performance suite does not exist."
       if not measures else "From tests tagged performance and suite metadata (pNN=… ms)."))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Permiso acceptance history</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
        "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:90%}"
        ".good,.pass{background:#dfd}.bad,.fail{background:#fdd}.skip{background:#ffd}.note{color:#555}"
        "</style></head><body>\n<h1>Permiso acceptance suite: run history</h1>\n"
        f"<p>{len(load(history))} run(s) in {html.escape(str(history))}; the newest {len(runs)} shown.</p>\n"
        + "".join(parts) + "</body></html>\n",
        encoding="utf-8",
    )
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser = commands.add_parser("add", help="add output.xml files to the history")
    add_parser.add_argument("outputs", nargs="+", type=Path)
    add_parser.add_argument("--label", default="", help="a short name for the run(s), e.g. nightly")
    add_parser.add_argument("--keep", type=int, default=100, help="newest runs to keep (default 100)")
    add_parser.add_argument("--render", action="store_true", help="render the dashboard afterwards")
    render_parser = commands.add_parser("render", help="write the dashboard HTML")
    render_parser.add_argument("--output", type=Path, default=None, help="default: HISTORY/dashboard.html")
    for sub in (add_parser, render_parser):
        sub.add_argument("--history", type=Path, default=DEFAULT_HISTORY, help="history folder")
    args = parser.parse_args(argv)
    if args.command == "add":
        for output in args.outputs:
            if not output.exists():
                print(f"No such output file: {output}", file=sys.stderr)
                return 2
            added = add(output, args.history, args.label, args.keep)
            print(f"{'Added' if added else 'Already in the history:'} {output}")
        if not args.render:
            return 0
    written = render(args.history, getattr(args, "output", None))
    print(f"Dashboard: {written} ({len(load(args.history))} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
