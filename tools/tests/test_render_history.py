"""The run history dashboard as a reader sees it: built from real Robot outputs, rendered by Chromium.

Three runs of the fixture suites in ``fixtures/history/`` go into a history: a green one, a red
one with skipped tests, and two shards merged with ``rebot --merge`` (the newest, although its
root suite has no start time). Headless Chromium, kept off the network, renders the dashboard;
the test reads the DOM it produced. Without Chromium the test fails under ``CI`` and in
``./run-project-tests.sh`` (``tools/venv.sh`` installs Chromium there, so a skip would hide a
broken install) and skips elsewhere (``tools/checks/components.py``).
"""

from __future__ import annotations

import re
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html.parser import HTMLParser
from pathlib import Path

import pytest


from tools.report import render_page
from tools.checks import components
from tools.report import history as run_history
from tools.tests.history_fixtures import build_history


class Dom(HTMLParser):
    """The elements (tag and attributes) and the visible text of a rendered page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self._hidden = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._hidden += tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "title") and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))

    def having(self, tag: str, css: str = "", **attributes: str) -> list[dict[str, str]]:
        """Attributes of every ``tag`` element with the class ``css`` (all words) and these attributes."""
        return [attrs for name, attrs in self.elements if name == tag
                and set(css.split()) <= set(attrs.get("class", "").split())
                and all(attrs.get(key.replace("_", "-")) == value for key, value in attributes.items())]

    @property
    def text(self) -> str:
        return " | ".join(self.texts)


def require_chromium() -> None:
    """Fail (under CI or the test command) or skip without Chromium."""
    if render_page.chromium() is None:
        components.unavailable("Chromium", "not installed (Debian package 'chromium'; tools/venv.sh installs it)")


def live_chromium() -> set[int]:
    """Processes named chrom… that are running (not zombies)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, rest = stat.read_text().split("(", 1)[1].rsplit(")", 1)
        except (OSError, ValueError):
            continue
        if name.startswith("chrom") and rest.split()[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def temporary_files() -> set[str]:
    """Profiles of tools/report/render_page.py and Chromium's own folders in the temporary directory."""
    folder = Path(tempfile.gettempdir())
    return {path.name for pattern in ("render-page-*", ".org.chromium.*", "org.chromium.*") for path in folder.glob(pattern)}


def test_the_dashboard_renders_charts_of_real_runs_in_chromium(tmp_path: Path) -> None:
    require_chromium()
    history = build_history(tmp_path)
    page = run_history.render(history)
    source = page.read_text(encoding="utf-8")
    assert "<script" not in source and "http://" not in source and "https://" not in source  # nothing to fetch

    before = live_chromium(), temporary_files()
    dom = Dom(render_page.dump_dom(page))
    png = render_page.screenshot(page, tmp_path / "dashboard.png")
    assert live_chromium() <= before[0], "a Chromium process outlived the render"
    assert temporary_files() <= before[1], "Chromium's temporary profile or files were left behind"
    assert png.stat().st_size > 20_000 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # The newest run is the merged one (added first, and its root suite has no start time).
    assert "Latest run: #3 (2 shards)" in dom.text
    assert "11 passed | 0 failed | 3 skipped | 100% of 11 executed tests passed." in dom.text
    newest_first = re.findall(r"\| (#\d) \| [-\d: ]+ \| (?:\(earliest test\) \| )?(2 shards|nightly) \|",
                              dom.text.split("Runs, newest first", 1)[1].split("Results per area", 1)[0])
    assert newest_first == [("#3", "2 shards"), ("#2", "nightly"), ("#1", "nightly")]
    assert "| (earliest test) | 2 shards | 11 | 0 | 3 | 100% |" in dom.text

    # Passed, failed and skipped per run as stacked bars: skips are skips, the rate is of executed tests.
    assert dom.having("svg", "chart runs-chart"), "no runs chart"
    assert len(dom.having("rect", "bar skipped")) >= 2 and dom.having("rect", "bar failed")
    assert "| 87% of 8 |" in dom.text and "| 100% of 11 |" in dom.text  # above the bars
    assert "| #2 | " in dom.text and "| nightly | 7 | 1 | 6 | 87% |" in dom.text  # the red run's row

    # Per area: the names, the counts with the skips, the rate of the executed tests only.
    assert [area["data-area"] for area in dom.having("g", "area-row")] == [
        "infrastructure", "auth", "users", "performance"]
    assert "| users | 5 passed · 0 failed · 3 skipped | 100% passed | of 5 executed, 3 skipped |" in dom.text

    # p95 per performance category over the runs: a line per category, a dot per run and category.
    assert dom.having("svg", "chart perf-chart perf-p95"), "no p95 chart"
    assert "Performance: p95 per category (ms)" in dom.text
    p95_series = dom.text.split("Performance: p95 per category (ms) | ", 1)[1].split(" | 0 |", 1)[0]
    assert p95_series == "09 Performance: Token latency | Login Is Fast Enough"  # the legend
    assert "| 47 ms | 25 ms |" in dom.text  # the newest p95 at the end of each line
    assert len(dom.having("polyline", "line")) >= 2 and len(dom.having("circle", "point")) >= 6
    assert dom.having("svg", "chart perf-chart perf-p50") and dom.having("svg", "chart perf-chart perf-p99")

    # The slowest tests of the newest run, each with its duration bar and its line over the runs.
    assert len(dom.having("svg", "duration-bar")) == run_history.SLOWEST
    assert len(dom.having("svg", "sparkline")) == run_history.SLOWEST
    assert "Login Is Fast Enough | Permiso Acceptance.09 Performance" in dom.text.split("Slowest tests", 1)[1]


def test_a_render_that_takes_too_long_leaves_no_chromium_and_no_profile(tmp_path: Path) -> None:
    require_chromium()
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><p>slow enough</p>", encoding="utf-8")
    before = live_chromium(), temporary_files()
    with pytest.raises(render_page.RenderError, match="took longer than 0.05 s"):
        render_page.dump_dom(page, timeout=0.05)
    assert live_chromium() <= before[0], "a Chromium process outlived the timeout"
    assert temporary_files() <= before[1], "the profile of the killed Chromium was left behind"


class Answer(BaseHTTPRequestHandler):
    """Answers every GET with 200 and counts it."""

    requests = 0

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        Answer.requests += 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_by_default_the_page_reaches_no_server_not_even_on_loopback(tmp_path: Path) -> None:
    require_chromium()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = tmp_path / "page.html"
        page.write_text(f"<!DOCTYPE html><body><script>fetch('http://127.0.0.1:{server.server_port}/', {{mode: 'no-cors'}})"
                        ".then(() => document.body.dataset.net = 'reached', () => document.body.dataset.net = 'blocked')"
                        "</script></body>", encoding="utf-8")
        assert 'data-net="blocked"' in render_page.dump_dom(page)
        assert Answer.requests == 0
        assert 'data-net="reached"' in render_page.dump_dom(page, offline=False)  # the probe itself works
        assert Answer.requests == 1
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_long_temporary_directory_does_not_break_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_chromium()
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><p id='x'>rendered</p>", encoding="utf-8")
    long = tmp_path / ("deep-" * 12)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))  # too long for Chromium's socket: /tmp is used
    assert "<p id=\"x\">rendered</p>" in render_page.dump_dom(page)
    assert list(long.iterdir()) == []


def test_without_chromium_the_test_fails_under_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_page, "chromium", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium could not be started: not installed"):
        require_chromium()
    monkeypatch.delenv("CI")
    monkeypatch.delenv(components.STRICT_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium could not be started: not installed"):
        require_chromium()
    with pytest.raises(render_page.RenderError, match="Debian package 'chromium'"):
        render_page.dump_dom(Path("page.html"))
