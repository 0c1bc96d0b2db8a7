"""Keep a history of acceptance runs beside the results and render a trend dashboard.

Usage::

    .venv/bin/python -m tools.report.history add results/output.xml [--label nightly] [--history DIR]
    .venv/bin/python -m tools.report.history render [--history DIR] [--output FILE]

``add`` reads a Robot ``output.xml`` (a single run, a pabot run or a merged shard run) with
Robot's result API and appends one line of JSON to ``DIR/runs.jsonl`` (default
``results/history/``): start time, totals, pass/fail/skip per tag, every test's status and
duration, and the performance figures. The same output added twice is kept once; only the
newest ``--keep`` runs (default 100) are kept. A merged shard run (``rebot --merge``) has no
start time of its own: its start is the earliest start of the suites, set-ups and tests inside,
its duration runs from there to the latest end (the output's generation time is the last resort).

``render`` writes one self-contained HTML page (default ``DIR/dashboard.html``): charts drawn as
inline SVG (no script, nothing downloaded) of the newest 20 runs: passed, failed and skipped
tests per run, the same per area tag, p95 (and any other percentile) per performance category,
and the slowest tests of the newest run with their durations over the runs. A pass rate is
always of the executed tests (passed / (passed + failed)) and shown beside the skipped count.

Performance figures (the hook for the performance suite): every ``pNN=<number> ms`` (also
``p99.9``, ``min``, ``max``, ``mean``, ``median``; ``=`` or ``:``) found in

- the message or documentation of a test tagged ``performance`` (``Set Test Message    p50=12 ms
  p95=40 ms    append=True`` or ``Set Test Documentation``), kept under the test's name, and
- the value of any suite metadata entry (``Set Suite Metadata    Login latency    p95=40 ms``),
  kept under ``suite name: metadata name``.

Each name is a performance category of the dashboard.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


from tools.report import charts
from tools.report.charts import esc
from tools import ROOT

DEFAULT_HISTORY = ROOT / "results" / "history"
AREA_TAGS = ("infrastructure", "auth", "users", "roles", "clients", "sessions", "admin", "security", "performance",
             "integration")
FIGURE = re.compile(r"\b(p\d{1,3}(?:\.\d+)?|min|max|mean|median)\s*[=:]\s*(\d+(?:\.\d+)?)\s*ms\b", re.IGNORECASE)
SLOWEST = 10
COLUMNS = 20
HEADLINE_FIGURE = "p95"


def figures(text: str) -> dict[str, float]:
    """``{'p95': 40.0, …}`` of every performance figure in a text."""
    return {name.lower(): float(value) for name, value in FIGURE.findall(text or "")}


def _suites(suite: Any) -> Iterator[Any]:
    """A result suite and all suites below it."""
    yield suite
    for child in suite.suites:
        yield from _suites(child)


def _timed(suite: Any) -> Iterator[Any]:
    """Every suite, suite set-up and teardown and test of a result tree (all carry start and end times)."""
    for each in _suites(suite):
        yield each
        yield from (fixture for fixture in (each.setup, each.teardown) if fixture)
        yield from each.tests


def run_times(result: Any) -> tuple[datetime | None, timedelta, str]:
    """When a run started, how long it took, and where the start comes from.

    A run's root suite carries its start, except after ``rebot --merge``: then the earliest start
    of anything inside counts and the duration runs to the latest end; with no times at all the
    output's generation time stands in."""
    root = result.suite
    if root.start_time:
        return root.start_time, root.elapsed_time, "suite"
    items = list(_timed(root))
    starts = [item.start_time for item in items if item.start_time]
    ends = [item.end_time for item in items if item.end_time]
    if starts:
        return min(starts), (max(ends) - min(starts)) if ends else root.elapsed_time, "earliest test"
    return result.generation_time, root.elapsed_time, "output generated"


def _performance(result: Any) -> dict[str, dict[str, float]]:
    """Performance figures per category: tests tagged performance, then suite metadata."""
    perf = {}
    for test in result.suite.all_tests:
        if "performance" in test.tags:
            found = {**figures(test.doc), **figures(test.message)}
            if found:
                perf[test.name] = found
    for suite in _suites(result.suite):
        for name, value in suite.metadata.items():
            found = figures(str(value))
            if found:
                perf[f"{suite.name}: {name}"] = found
    return perf


def summarize(output: Path, label: str = "") -> dict[str, Any]:
    """One history entry from a Robot output.xml."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    result = ExecutionResult(str(output))
    total = result.statistics.total
    started, elapsed, start_source = run_times(result)
    return {
        "id": hashlib.sha256(output.read_bytes()).hexdigest()[:16],
        "started": started.isoformat(timespec="milliseconds") if started else "",
        "start_source": start_source,
        "label": label,
        "seconds": round(elapsed.total_seconds(), 1),
        "totals": {"passed": total.passed, "failed": total.failed, "skipped": total.skipped},
        "tags": {stat.name: {"passed": stat.passed, "failed": stat.failed, "skipped": stat.skipped}
                 for stat in result.statistics.tags},
        "tests": [{"name": test.full_name, "status": test.status, "seconds": round(test.elapsed_time.total_seconds(), 3)}
                  for test in result.suite.all_tests],
        "performance": _performance(result),
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
    runs = sorted(runs + [entry], key=lambda run: run["started"])[-keep:]
    history.mkdir(parents=True, exist_ok=True)
    (history / "runs.jsonl").write_text("".join(json.dumps(run) + "\n" for run in runs), encoding="utf-8")
    return True


def executed_rate(counts: dict[str, int] | None) -> str:
    """Passed of the executed (passed + failed) tests in percent; empty when none was executed."""
    if not counts or counts["passed"] + counts["failed"] == 0:
        return ""
    return charts.percent(counts["passed"], counts["passed"] + counts["failed"])


def run_label(number: int, run: dict[str, Any]) -> list[str]:
    """The lines that name a run under a chart: its number, start and label."""
    when = run["started"][5:16].replace("T", " ") if run["started"] else "no start time"
    return [f"#{number}", when, *([run["label"]] if run["label"] else [])]


def duration(seconds: float) -> str:
    """A run's duration for people: 3.2 s, 53 s, 4 min 12 s."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    return f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def started(run: dict[str, Any]) -> str:
    """A run's start to the second, or a dash."""
    return run["started"][:19].replace("T", " ") or "–"


def latest_card(number: int, run: dict[str, Any]) -> str:
    """The newest run in a sentence: when, what, how many passed, failed and were skipped."""
    totals = run["totals"]
    rate = executed_rate(totals)
    verdict = "failed" if totals["failed"] else "passed"
    executed = totals["passed"] + totals["failed"]
    rate_text = f"{rate} of {executed} executed tests passed" if rate else "no test was executed"
    merged = " (merged shards: start of the earliest test)" if run.get("start_source") == "earliest test" else ""
    name = f"#{number} ({run['label']})" if run["label"] else f"#{number}"
    return (f"<section class='latest {verdict}'><h2>Latest run: {esc(name)}"
            f"</h2><p class='latest-when'>started {esc(started(run))}{esc(merged)}, took {duration(run['seconds'])}</p>"
            f"<p class='latest-counts'><span class='n passed'>{totals['passed']} passed</span> "
            f"<span class='n failed'>{totals['failed']} failed</span> "
            f"<span class='n skipped'>{totals['skipped']} skipped</span></p>"
            f"<p class='latest-rate'>{esc(rate_text)}.</p></section>")


def _start_hint(run: dict[str, Any]) -> str:
    """A note on a start time that is not the root suite's own."""
    source = run.get("start_source", "suite")
    return "" if source == "suite" else f"<span class='hint'> ({esc(source)})</span>"


def _run_row(number: int, run: dict[str, Any]) -> str:
    """One run in the table of runs."""
    totals = run["totals"]
    return (f"<tr><td>#{number}</td><td>{esc(started(run))}{_start_hint(run)}</td><td>{esc(run['label'])}</td>"
            f"<td class='num pass'>{totals['passed']}</td><td class='num fail'>{totals['failed']}</td>"
            f"<td class='num skip'>{totals['skipped']}</td><td class='num'>{esc(executed_rate(totals) or '–')}</td>"
            f"<td class='num'>{duration(run['seconds'])}</td></tr>")


def runs_section(numbers: list[int], runs: list[dict[str, Any]], labels: list[list[str]]) -> str:
    """Passed, failed and skipped per run as stacked bars, and the same in a table."""
    notes = [f"{executed_rate(run['totals'])} of {run['totals']['passed'] + run['totals']['failed']}"
             if executed_rate(run["totals"]) else "none executed" for run in runs]
    chart = charts.run_stacks(labels, [run["totals"] for run in runs], notes, "Passed, failed and skipped tests per run")
    rows = "".join(_run_row(number, run) for number, run in reversed(list(zip(numbers, runs, strict=True))))
    table = ("<table class='runs'><tr><th>run</th><th>started</th><th>label</th><th>passed</th><th>failed</th>"
             f"<th>skipped</th><th>pass rate of executed</th><th>duration</th></tr>{rows or _none(8)}</table>")
    return ("<section id='runs'><h2>Test results per run</h2>" + charts.status_legend() + chart
            + "<p class='note'>Bar height: number of tests. Number above a bar: share of the executed tests "
              "(passed + failed) that passed; skipped tests are shown in yellow and not counted in it.</p>"
            + f"<details{' open' if len(runs) <= 8 else ''}><summary>Runs, newest first</summary>" + table
            + "</details></section>")


def area_section(runs: list[dict[str, Any]], labels: list[list[str]]) -> str:
    """Per area tag: passed, failed and skipped shares per run, and the newest run's pass rate."""
    present = [tag for tag in AREA_TAGS if any(tag in run["tags"] for run in runs)]
    rows = [charts.AreaRow(tag, [run["tags"].get(tag) for run in runs]) for tag in present]
    chart = (charts.area_strips(labels, rows, "Passed, failed and skipped shares per area tag and run") if rows
             else "<p class='empty'>No run has tests with an area tag yet.</p>")
    return ("<section id='areas'><h2>Results per area (tag)</h2>" + charts.status_legend() + chart
            + "<p class='note'>Each bar is 100% of the area's tests in that run. Right: the newest run's pass rate of "
              "the executed tests, with the skipped ones named beside it. A dashed line: the area did not run.</p></section>")


def _categories(runs: list[dict[str, Any]], figure: str) -> list[str]:
    """The performance categories that report ``figure`` in any of the runs."""
    return sorted({name for run in runs for name, found in run["performance"].items() if figure in found})


def _percentiles(runs: list[dict[str, Any]]) -> list[str]:
    """The percentile figures the runs carry, p95 first, then by number."""
    names = {figure for run in runs for found in run["performance"].values() for figure in found if figure[0] == "p"}
    return sorted(names, key=lambda name: (name != HEADLINE_FIGURE, float(name[1:])))


def performance_section(runs: list[dict[str, Any]], labels: list[list[str]]) -> str:
    """A line chart per percentile (p95 first) of every performance category over the runs."""
    figures_present = _percentiles(runs)
    if not figures_present:
        figures_table = _performance_table(runs, labels) if any(run["performance"] for run in runs) else ""
        return ("<section id='performance'><h2>Performance: p95 per category</h2><p class='empty'>No percentile "
                "figures in these runs: tests tagged performance report them as pNN=… ms in their message or "
                f"documentation, suites as metadata values (see tools/report/history.py).</p>{figures_table}</section>")
    parts = ["<section id='performance'>", _percentile_chart(runs, labels, figures_present[0], charts.WIDTH)]
    others = [_percentile_chart(runs, labels, figure, charts.WIDTH // 2 - 10) for figure in figures_present[1:]]
    if others:
        parts.append("<div class='grid'>" + "".join(f"<div>{chart}</div>" for chart in others) + "</div>")
    parts.append("<p class='note'>Categories: tests tagged performance (by test name) and suite metadata "
                 "(suite: metadata name). Lower is better. A gap: the run has no figure for that category.</p>")
    parts.append(_performance_table(runs, labels))
    return "".join(parts) + "</section>"


def _percentile_chart(runs: list[dict[str, Any]], labels: list[list[str]], figure: str, width: int) -> str:
    """Heading, legend and line chart of one percentile, a line per performance category."""
    names = _categories(runs, figure)
    series = [charts.Series(name, charts.PALETTE[index % len(charts.PALETTE)],
                            [run["performance"].get(name, {}).get(figure) for run in runs])
              for index, name in enumerate(names)]
    heading = "h2" if figure == HEADLINE_FIGURE or width == charts.WIDTH else "h3"
    return (f"<{heading} id='perf-{esc(figure)}'>Performance: {esc(figure)} per category (ms)</{heading}>"
            + charts.legend([(line.name, line.color) for line in series], "perf-legend")
            + charts.line_chart(labels, series, f"{figure} (ms)", "ms", f"perf-chart perf-{figure}",
                                f"{figure} in milliseconds per performance category and run", width=width,
                                height=360 if width == charts.WIDTH else 300))


def _performance_table(runs: list[dict[str, Any]], labels: list[list[str]]) -> str:
    """Every performance figure of every run, in a folded table."""
    measures = sorted({(name, figure) for run in runs for name, found in run["performance"].items() for figure in found})
    head = "".join(f"<th>{esc(label[0])}</th>" for label in labels)
    rows = "".join(
        f"<tr><td>{esc(name)}</td><td>{esc(figure)}</td>" + "".join(
            f"<td class='num'>{charts.number(run['performance'][name][figure])}</td>"
            if figure in run["performance"].get(name, {}) else "<td></td>" for run in runs) + "</tr>"
        for name, figure in measures)
    return (f"<details><summary>All performance figures (ms)</summary><table class='figures'><tr><th>category</th>"
            f"<th>figure</th>{head}</tr>{rows}</table></details>")


def slowest_section(runs: list[dict[str, Any]], labels: list[list[str]]) -> str:
    """The slowest tests of the newest run: a bar of their duration, a line of it over the runs."""
    latest = sorted(runs[-1]["tests"], key=lambda test: -test["seconds"])[:SLOWEST] if runs else []
    longest = latest[0]["seconds"] if latest else 0.0
    seen = [{test["name"]: test["seconds"] for test in run["tests"]} for run in runs]
    names = [" ".join(label) for label in labels]
    rows = "".join(
        f"<tr><td class='test'><span class='test-name'>{esc(test['name'].rsplit('.', 1)[-1])}</span>"
        f"<span class='suite'>{esc(test['name'].rsplit('.', 1)[0])}</span></td>"
        f"<td>{charts.duration_bar(test['seconds'], longest, test['status'])}</td>"
        f"<td>{charts.sparkline([durations.get(test['name']) for durations in seen], names)}</td></tr>"
        for test in latest)
    return (f"<section id='slowest'><h2>Slowest tests of the latest run (top {SLOWEST})</h2>"
            "<table class='slowest'><tr><th>test (suite)</th><th>duration in the latest run</th>"
            f"<th>duration over the runs shown (oldest to newest)</th></tr>{rows or _none(3)}</table></section>")


def _none(columns: int) -> str:
    return f"<tr><td colspan='{columns}'>none</td></tr>"


STYLE = """
body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;margin:24px 36px;color:#222;max-width:1320px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 6px}.sub{color:#555;margin:0 0 18px}
section{margin-bottom:8px}.note{color:#555;font-size:13px;margin:4px 0 10px}.empty{color:#555;font-style:italic}
.latest{border-left:6px solid #3a9d5d;background:#f4faf6;padding:10px 18px}.latest.failed{border-color:#d64545;
background:#fdf3f3}.latest h2{margin:0 0 4px}.latest p{margin:4px 0}.n{font-size:20px;font-weight:bold;margin-right:18px}
.n.passed{color:#2b7a48}.n.failed{color:#c03030}.n.skipped{color:#9a6d00}.latest-rate{font-size:15px}
.legend{list-style:none;padding:0;margin:4px 0 2px;display:flex;flex-wrap:wrap;gap:6px 22px;font-size:13px}
.swatch{display:inline-block;width:14px;height:14px;border-radius:2px;margin-right:6px;vertical-align:-2px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;
text-align:left;vertical-align:middle}th{background:#f3f3f3}.num{text-align:right}.pass{color:#2b7a48}
.fail{color:#c03030}.skip{color:#9a6d00}.hint{color:#777;font-size:12px}summary{cursor:pointer;color:#333;
font-size:14px;margin:4px 0}.test-name{display:block;font-weight:bold}.suite{display:block;color:#777;font-size:11px}
svg.chart{display:block;max-width:1280px;margin:4px 0}h3{font-size:16px;margin:18px 0 4px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:0 20px;max-width:1280px}
"""


def render(history: Path = DEFAULT_HISTORY, output: Path | None = None) -> Path:
    """Write the dashboard of the history's newest runs; return its path."""
    every = load(history)
    runs = every[-COLUMNS:]
    output = output or history / "dashboard.html"
    numbers = list(range(len(every) - len(runs) + 1, len(every) + 1))
    labels = [run_label(number, run) for number, run in zip(numbers, runs, strict=True)]
    body = [f"<h1>Permiso acceptance suite: run history</h1><p class='sub'>{len(every)} run(s) in "
            f"{esc(history)}; the newest {len(runs)} shown, oldest left. Written "
            f"{datetime.now().isoformat(sep=' ', timespec='minutes')}.</p>"]
    if runs:
        body.append(latest_card(numbers[-1], runs[-1]))
    body += [runs_section(numbers, runs, labels), area_section(runs, labels), performance_section(runs, labels),
             slowest_section(runs, labels)]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Permiso acceptance history"
                      f"</title><style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n",
                      encoding="utf-8")
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
