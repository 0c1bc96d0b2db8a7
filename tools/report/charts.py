"""Charts of the run history as inline SVG: no script, nothing downloaded, readable offline.

Each function returns one ``<svg>`` element (or an HTML legend) as text. Every drawn mark
carries a ``<title>``, so hovering shows its numbers, and a class that tells what it is
(``bar passed``, ``line``, ``point`` …), so a test can find it in the rendered page.
``tools/report/history.py`` assembles them into the dashboard.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
STATUS_COLORS = {"passed": "#3a9d5d", "failed": "#d64545", "skipped": "#e0a800"}
PALETTE = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
           "#2ca02c", "#d62728")
STATUSES = ("passed", "failed", "skipped")
STATUS_NAMES = {"PASS": "passed", "FAIL": "failed", "SKIP": "skipped"}
WIDTH = 1280
CHAR_WIDTH = 0.6  # average glyph width of the font, in font sizes
LABEL_ROOM = 84  # the width a run needs for its label lines side by side
SLANTED_ROOM = 26  # the width a run needs for a slanted one-line label


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a name, a colour and a value (or None) per run."""

    name: str
    color: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class AreaRow:
    """One area tag of the area chart: its counts per run (None: the area did not run)."""

    name: str
    counts: Sequence[dict[str, int] | None]


@dataclass(frozen=True)
class Frame:
    """The geometry of a chart: the whole picture and the plot area inside its margins."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def base(self) -> float:
        """The y of the x axis."""
        return self.height - self.bottom

    def slot(self, count: int) -> float:
        """The width each of ``count`` runs gets along the x axis."""
        return self.plot_width / max(count, 1)

    def center(self, index: int, count: int) -> float:
        """The x of the middle of run ``index``."""
        return self.left + self.slot(count) * (index + 0.5)

    def y(self, value: float, top: float) -> float:
        """The y of ``value`` on a scale from 0 (axis) to ``top`` (top of the plot)."""
        return self.base - self.plot_height * (value / top if top else 0)


def axis_room(plot_width: float, runs: int) -> int:
    """Pixels under the plot for the run labels: stacked lines when each run has room, slanted otherwise."""
    return 70 if plot_width / max(runs, 1) >= LABEL_ROOM else 120


def esc(value: object) -> str:
    """Text made safe for HTML and SVG."""
    return html.escape(str(value), quote=True)


def text(x: float, y: float, content: str, size: float = 12, anchor: str = "start", css: str = "",
         weight: str = "normal", color: str = "#333", rotate: float = 0) -> str:
    """An SVG text element."""
    turn = f" transform='rotate({rotate:g} {x:.1f} {y:.1f})'" if rotate else ""
    klass = f" class='{css}'" if css else ""
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size:g}' text-anchor='{anchor}' font-weight='{weight}' "
            f"fill='{color}'{klass}{turn}>{esc(content)}</text>")


def rect(x: float, y: float, width: float, height: float, color: str, css: str, tip: str) -> str:
    """An SVG rectangle with a hover text."""
    return (f"<rect class='{css}' x='{x:.1f}' y='{y:.1f}' width='{max(width, 0):.1f}' height='{max(height, 0):.1f}' "
            f"fill='{color}'><title>{esc(tip)}</title></rect>")


def fit(content: str, pixels: float, size: float) -> str:
    """``content`` cut with an ellipsis so that it takes at most ``pixels`` at font ``size``."""
    most = max(int(pixels / (size * CHAR_WIDTH)), 4)
    return content if len(content) <= most else content[: most - 1] + "…"


def nice_top(maximum: float, ticks: int = 5) -> tuple[float, float]:
    """The top of a y axis at or above ``maximum`` and its tick step, both round numbers."""
    if maximum <= 0:
        return 1.0, 0.2
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 2.5, 5, 10) if factor * power >= raw)
    return step * math.ceil(maximum / step - 1e-9), step


def number(value: float) -> str:
    """A number without needless decimals: 40, 40.5, 0.25."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def svg(frame: Frame, css: str, label: str, body: Sequence[str]) -> str:
    """The ``<svg>`` element around a chart's parts."""
    return (f"<svg class='chart {css}' role='img' aria-label='{esc(label)}' viewBox='0 0 {frame.width} {frame.height}' "
            f"width='100%' font-family='{FONT}' preserveAspectRatio='xMinYMin meet'><title>{esc(label)}</title>"
            + "".join(body) + "</svg>")


def y_axis(frame: Frame, top: float, step: float, title: str, unit: str = "") -> list[str]:
    """Grid lines, tick numbers and the rotated axis title."""
    parts = []
    for index in range(int(round(top / step)) + 1):
        value = step * index
        y = frame.y(value, top)
        parts.append(f"<line class='grid' x1='{frame.left}' x2='{frame.width - frame.right}' y1='{y:.1f}' "
                     f"y2='{y:.1f}' stroke='{'#999' if index == 0 else '#e4e4e4'}'/>")
        parts.append(text(frame.left - 8, y + 4, f"{number(value)}{unit}", 11, "end", color="#555"))
    middle = frame.top + frame.plot_height / 2
    parts.append(text(18, middle, title, 12, "middle", "axis-title", "bold", "#444", -90))
    return parts


def x_axis(frame: Frame, runs: Sequence[Sequence[str]], title: str) -> list[str]:
    """Run labels under the plot and the axis title.

    With room, a label's lines stand under its run; otherwise each label is one slanted line,
    and when even those would touch, only every second (third …) run is named, the newest always."""
    slot = frame.slot(len(runs))
    every = max(1, math.ceil(SLANTED_ROOM / slot))
    parts = []
    for index, lines in enumerate(runs):
        x = frame.center(index, len(runs))
        if slot >= LABEL_ROOM:
            parts += [text(x, frame.base + 16 + 13 * row, fit(line, slot - 6, 11), 11, "middle", "run-label",
                           "bold" if row == 0 else "normal", "#333" if row == 0 else "#666")
                      for row, line in enumerate(lines)]
        elif (len(runs) - 1 - index) % every == 0:
            room = min((frame.bottom - 34) * 1.4, x * 1.4)  # slanted: clear of the axis title and the left edge
            parts.append(text(x + 4, frame.base + 14, fit(" ".join(lines), room, 11), 11, "end", "run-label",
                              color="#444", rotate=-45))
    parts.append(text(frame.left + frame.plot_width / 2, frame.height - 6, title, 12, "middle", "axis-title",
                      "bold", "#444"))
    return parts


def legend(entries: Sequence[tuple[str, str]], css: str = "") -> str:
    """An HTML legend: a coloured swatch and a name per entry."""
    items = "".join(f"<li><span class='swatch' style='background:{color}'></span>{esc(name)}</li>"
                    for name, color in entries)
    return f"<ul class='legend {css}'>{items}</ul>"


def status_legend() -> str:
    """The legend of passed, failed and skipped."""
    return legend([(status, STATUS_COLORS[status]) for status in STATUSES], "status-legend")


def run_stacks(runs: Sequence[Sequence[str]], counts: Sequence[dict[str, int]], notes: Sequence[str],
               label: str) -> str:
    """Stacked bars of passed, failed and skipped tests per run, a note (the pass rate) above each."""
    frame = Frame(WIDTH, 360, 70, 20, 34, axis_room(WIDTH - 90, len(runs)))
    top, step = nice_top(max((sum(count.values()) for count in counts), default=0))
    width = min(frame.slot(len(runs)) * 0.6, 90)
    parts = y_axis(frame, top, step, "tests")
    for index, (names, count) in enumerate(zip(runs, counts, strict=True)):
        x, below = frame.center(index, len(runs)) - width / 2, 0.0
        for status in STATUSES:
            height = frame.plot_height * count[status] / top
            tip = f"{' '.join(names)}: {count[status]} {status}"
            parts.append(rect(x, frame.y(below, top) - height, width, height, STATUS_COLORS[status], f"bar {status}", tip))
            if height >= 15:
                parts.append(text(x + width / 2, frame.y(below, top) - height / 2 + 4, str(count[status]), 11, "middle",
                                  "bar-value", color="#fff" if status != "skipped" else "#333"))
            below += count[status]
        note = notes[index] if frame.slot(len(runs)) >= LABEL_ROOM else notes[index].split(" ")[0]
        parts.append(text(x + width / 2, frame.y(below, top) - 6, note, 11, "middle", "bar-note", color="#333"))
    parts += x_axis(frame, runs, "runs, oldest to newest")
    return svg(frame, "runs-chart", label, parts)


def area_strips(runs: Sequence[Sequence[str]], rows: Sequence[AreaRow], label: str) -> str:
    """Per area tag a row of 100 % bars (passed, failed, skipped shares) per run, newest run's numbers beside."""
    row_height, left, right = 46, 290, 200
    bottom = axis_room(WIDTH - left - right, len(runs))
    frame = Frame(WIDTH, 30 + row_height * len(rows) + bottom, left, right, 30, bottom)
    width = min(frame.slot(len(runs)) * 0.6, 60)
    parts = [text(left, 18, "share of the area's tests per run", 11, "start", color="#666"),
             text(WIDTH - right + 12, 18, "newest run", 11, "start", color="#666")]
    for position, row in enumerate(rows):
        y0 = frame.top + position * row_height
        parts.append(f"<g class='area-row' data-area='{esc(row.name)}'>")
        parts.append(f"<line x1='10' x2='{WIDTH - 10}' y1='{y0 + row_height:.1f}' y2='{y0 + row_height:.1f}' stroke='#eee'/>")
        parts += _area_label(row, y0)
        for index, count in enumerate(row.counts):
            parts += _area_bar(frame.center(index, len(runs)) - width / 2, y0 + 6, width, row_height - 12,
                               count, f"{row.name}, {' '.join(runs[index])}")
        parts += _area_rate(row.counts[-1] if row.counts else None, WIDTH - right + 12, y0)
        parts.append("</g>")
    parts += x_axis(frame, runs, "runs, oldest to newest")
    return svg(frame, "area-chart", label, parts)


def _area_label(row: AreaRow, y0: float) -> list[str]:
    """The area's name and the newest run's counts, left of its bars."""
    newest = row.counts[-1] if row.counts else None
    counts = (" · ".join(f"{newest[status]} {status}" for status in STATUSES) if newest else "did not run")
    return [text(14, y0 + 19, row.name, 14, css="area-name", weight="bold", color="#222"),
            text(14, y0 + 36, counts, 11, css="area-counts", color="#555")]


def _area_bar(x: float, y: float, width: float, height: float, count: dict[str, int] | None, tip: str) -> list[str]:
    """One run's 100 % bar of an area: passed at the bottom, then failed, then skipped."""
    total = sum(count.values()) if count else 0
    if not count or not total:
        return [f"<line class='not-run' x1='{x:.1f}' x2='{x + width:.1f}' y1='{y + height / 2:.1f}' "
                f"y2='{y + height / 2:.1f}' stroke='#bbb' stroke-dasharray='3 3'><title>{esc(tip)}: did not run"
                "</title></line>"]
    parts, bottom = [], y + height
    for status in STATUSES:
        part = height * count[status] / total
        bottom -= part
        parts.append(rect(x, bottom, width, part, STATUS_COLORS[status], f"bar {status}",
                          f"{tip}: {count[status]} {status} of {total}"))
    return parts


def _area_rate(newest: dict[str, int] | None, x: float, y0: float) -> list[str]:
    """The newest run's pass rate of executed tests, and how many were skipped."""
    if not newest:
        return [text(x, y0 + 27, "did not run", 12, css="area-rate", color="#888")]
    executed = newest["passed"] + newest["failed"]
    if not executed:
        return [text(x, y0 + 19, "nothing executed", 13, css="area-rate", weight="bold", color="#9a6d00"),
                text(x, y0 + 36, f"all {newest['skipped']} skipped", 11, color="#666")]
    color = STATUS_COLORS["failed"] if newest["failed"] else "#2b7a48"
    note = f"of {executed} executed" + (f", {newest['skipped']} skipped" if newest["skipped"] else "")
    return [text(x, y0 + 19, f"{percent(newest['passed'], executed)} passed", 13, css="area-rate", weight="bold",
                 color=color),
            text(x, y0 + 36, note, 11, color="#666")]


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` in percent, never rounded up to 100% while something is missing."""
    if whole <= 0:
        return "–"
    if part == whole:
        return "100%"
    value = 100 * part / whole
    return f"{math.floor(value * 10) / 10:.1f}%" if value >= 99 else f"{math.floor(value)}%"


def line_chart(runs: Sequence[Sequence[str]], series: Sequence[Series], axis_title: str, unit: str, css: str,
               label: str, width: int = WIDTH, height: int = 360) -> str:
    """Lines of values over the runs (gaps where a run has no value), a dot per value, the newest value
    written at the end of each line."""
    frame = Frame(width, height, 70, 70, 20, axis_room(width - 140, len(runs)))
    top, step = nice_top(max((value for line in series for value in line.values if value is not None), default=0))

    def at(index: int, value: float) -> tuple[float, float]:
        return frame.center(index, len(runs)), frame.y(value, top)

    parts = y_axis(frame, top, step, axis_title)
    for line in series:
        known = _known(line.values)
        parts.append(f"<g class='series' data-series='{esc(line.name)}'>")
        for segment in _segments(known):
            path = " ".join("{:.1f},{:.1f}".format(*at(index, value)) for index, value in segment)
            parts.append(f"<polyline class='line' points='{path}' fill='none' stroke='{line.color}' stroke-width='2.5'/>")
        for index, value in known:
            x, y = at(index, value)
            parts.append(f"<circle class='point' cx='{x:.1f}' cy='{y:.1f}' r='4' fill='{line.color}'>"
                         f"<title>{esc(line.name)}, {esc(' '.join(runs[index]))}: {number(value)} {unit}</title></circle>")
        parts.append("</g>")
    ends = [(*at(*_known(line.values)[-1]), _known(line.values)[-1][1], line.color) for line in series
            if _known(line.values)]
    parts += _end_labels(frame, ends, unit)
    parts += x_axis(frame, runs, "runs, oldest to newest")
    return svg(frame, css, label, parts)


def _known(values: Sequence[float | None]) -> list[tuple[int, float]]:
    """(run index, value) of every run that has a value."""
    return [(index, value) for index, value in enumerate(values) if value is not None]


def _segments(known: list[tuple[int, float]]) -> list[list[tuple[int, float]]]:
    """The values of consecutive runs, so that a line does not bridge a run without a value."""
    segments: list[list[tuple[int, float]]] = []
    for index, value in known:
        if segments and segments[-1][-1][0] == index - 1:
            segments[-1].append((index, value))
        else:
            segments.append([(index, value)])
    return [segment for segment in segments if len(segment) > 1]


def _end_labels(frame: Frame, ends: list[tuple[float, float, float, str]], unit: str) -> list[str]:
    """Each line's newest value (x, y, value, colour) right of its last dot, nudged apart so that
    no two overlap and none falls below the axis."""
    ends = sorted(ends, key=lambda end: end[1])
    heights = [end[1] for end in ends]
    for position in range(1, len(heights)):
        heights[position] = max(heights[position], heights[position - 1] + 14)
    if heights and heights[-1] > frame.base - 5:  # keep the text above the axis line
        heights[-1] = frame.base - 5
        for position in range(len(heights) - 2, -1, -1):
            heights[position] = min(heights[position], heights[position + 1] - 14)
    return [text(x + 9, height + 4, f"{number(value)} {unit}", 11, css="end-label", weight="bold", color=color)
            for (x, _, value, color), height in zip(ends, heights, strict=True)]


def duration_bar(seconds: float, longest: float, status: str, width: int = 360) -> str:
    """A horizontal bar of one test's duration on a scale up to ``longest``, the number beside it."""
    room = width - 70
    length = room * seconds / longest if longest else 0
    color = STATUS_COLORS.get(STATUS_NAMES.get(status, ""), "#888")
    return (f"<svg class='duration-bar' viewBox='0 0 {width} 22' width='{width}' height='22' font-family='{FONT}'>"
            + rect(0, 3, length, 16, color, f"bar {status.lower()}", f"{seconds:.2f} s ({status})")
            + text(length + 6, 16, f"{seconds:.2f} s", 12, color="#333") + "</svg>")


def sparkline(values: Sequence[float | None], names: Sequence[str], width: int = 260, height: int = 34) -> str:
    """A small line of a test's durations over the runs, its lowest and highest value beside it."""
    known = [value for value in values if value is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    room = width - 70
    step = room / max(len(values) - 1, 1)
    points = [(index * step + 3, height - 5 - (height - 10) * (value - low) / span, value, names[index])
              for index, value in enumerate(values) if value is not None]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
    dots = "".join(f"<circle class='point' cx='{x:.1f}' cy='{y:.1f}' r='2.5' fill='#1f77b4'><title>{esc(name)}: "
                   f"{value:.2f} s</title></circle>" for x, y, value, name in points)
    return (f"<svg class='sparkline' viewBox='0 0 {width} {height}' width='{width}' height='{height}' "
            f"font-family='{FONT}'><polyline points='{line}' fill='none' stroke='#1f77b4' stroke-width='1.5'/>{dots}"
            + text(room + 10, 13, f"max {high:.2f} s", 10, color="#666")
            + text(room + 10, 28, f"min {low:.2f} s", 10, color="#666") + "</svg>")
