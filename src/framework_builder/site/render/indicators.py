"""Indicator progress and charts.

Progress = (latest − baseline) / (target − baseline), clamped to 0–100 %, as IATI's
d-portal shows it. Each series is drawn as a small inline SVG (no script, no third
party) that carries its own description; the page also lists every value in a table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from markupsafe import Markup

from framework_builder.model.framework import DatedValue, Direction, Indicator, Measure
from framework_builder.site.render.text import long_date, number
from framework_builder.site.render.words import label


@dataclass(frozen=True)
class Point:
    date: dt.date
    value: float
    label: str  # "baseline", "measured", "target"


def latest(indicator: Indicator) -> DatedValue | None:
    """The most recent measured value, or the baseline when nothing was measured yet."""
    if indicator.measurements:
        last = indicator.measurements[-1]
        return DatedValue(value=last.value, date=last.date)
    return indicator.baseline


def progress(indicator: Indicator) -> float | None:
    """Share of the way from baseline to target, 0–100, or None when it cannot be computed."""
    now = latest(indicator)
    base, target = indicator.baseline, indicator.target
    if now is None or base is None or target is None or not indicator.measurements:
        return None
    values = (now.value, base.value, target.value)
    if not all(isinstance(v, (int, float)) for v in values) or target.value == base.value:
        return None
    share = (now.value - base.value) / (target.value - base.value) * 100  # type: ignore[operator]
    return round(max(0.0, min(100.0, share)), 1)


def series(indicator: Indicator) -> list[Point]:
    """Baseline and measurements with numeric values, in date order."""
    points = []
    if indicator.baseline is not None and isinstance(indicator.baseline.value, (int, float)):
        points.append(Point(indicator.baseline.date, float(indicator.baseline.value), "baseline"))
    points += [Point(m.date, float(m.value), "measured") for m in indicator.measurements
               if isinstance(m.value, (int, float))]
    return sorted(points, key=lambda p: p.date)


def describe(indicator: Indicator) -> str:
    """The chart in words, for screen readers and for anyone who cannot see the picture."""
    unit = f" {indicator.unit}" if indicator.unit else ""
    parts = []
    if indicator.baseline is not None:
        parts.append(f"Baseline {number(indicator.baseline.value)}{unit} on {long_date(indicator.baseline.date)}")
    if indicator.measurements:
        last = indicator.measurements[-1]
        parts.append(f"latest {number(last.value)}{unit} on {long_date(last.date)}")
    if indicator.target is not None:
        parts.append(f"target {number(indicator.target.value)}{unit} by {long_date(indicator.target.date)}")
    if not parts:
        return f"No values yet. {aim(indicator)}."
    text = "; ".join(parts)
    stop = "" if text.endswith(".") else "."
    return f"{text}{stop} {aim(indicator)}. Progress: {progress_words(indicator).lower()}."


# The chart's drawing area inside its viewBox: room on the left for the values, at the bottom
# for the dates, on the right for the names of the baseline and target lines, on top for the
# name of the values and the aim.
WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 112, 44, 50
DATE_GAP = 70  # the least room between two date labels on the axis
LABEL_GAP = 16  # the least room between the names of the baseline and the target lines

AIMS = {
    Direction.increase: "higher is better",
    Direction.decrease: "lower is better",
    Direction.maintain: "the aim is to keep it steady",
}


def _numeric(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _numeric_target(indicator: Indicator) -> DatedValue | None:
    target = indicator.target
    return target if target is not None and _numeric(target.value) else None


def _numeric_baseline(indicator: Indicator) -> DatedValue | None:
    base = indicator.baseline
    return base if base is not None and _numeric(base.value) else None


def aim(indicator: Indicator) -> str:
    """The direction in words: 'Aim: increase (higher is better)'."""
    return f"{label(indicator.direction)} ({AIMS[indicator.direction]})"


def progress_words(indicator: Indicator) -> str:
    """Where the indicator stands, in words; a percentage only where `progress` computes one."""
    share = progress(indicator)
    if share is not None:
        return "Target reached" if share >= 100 else f"{number(share)} % of the way to the target"
    if not indicator.measurements:
        return "Not measured yet"
    if indicator.measure is Measure.qualitative or not _numeric(indicator.measurements[-1].value):
        return "Described in words, not as a share of the target"
    if _numeric_baseline(indicator) is None:
        return "No starting point, so progress is not worked out"
    if _numeric_target(indicator) is None:
        return "No target yet, so progress is not worked out"
    return "The target is the starting point, so progress is not worked out"


def _nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into about `count` parts."""
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= raw)


def value_ticks(values: list[float]) -> list[float]:
    """Round values for the vertical axis, covering every value (from 0 when none is negative)."""
    low, high = min(values), max(values)
    if low == high:
        low, high = (low - 1, high + 1) if low == 0 else (low - abs(low) / 2, high + abs(high) / 2)
        if min(values) >= 0:
            low = max(low, 0.0)
    step = _nice_step(high - low)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(count + 1)]


def short_date(value: dt.date) -> str:
    """A date on the axis: Sep 2025."""
    return f"{value:%b %Y}"


def _spread(positions: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions moved apart so that neighbours are at least `gap` apart, kept in [low, high]."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = [positions[i] for i in order]
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    overflow = placed[-1] - high if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
    for i in range(len(placed)):
        placed[i] = max(placed[i], low + i * gap)
    result = [0.0] * len(positions)
    for rank, i in enumerate(order):
        result[i] = round(placed[rank], 1)
    return result


def chart(indicator: Indicator) -> Markup:
    """An inline SVG line chart a resident can read ('' if fewer than 2 values).

    Both axes are labelled: round values on the left, the dates of the values and of the
    target at the bottom. The baseline and the target are lines named at their end with their
    value, the target's date is marked, the aim is said in words. Text is drawn in
    `currentColor`, so it follows the page's colour scheme and prints in the text colour."""
    points = series(indicator)
    if len(points) < 2:
        return Markup("")
    target = _numeric_target(indicator)
    base = _numeric_baseline(indicator)
    values = [p.value for p in points] + ([float(target.value)] if target is not None else [])
    ticks = value_ticks(values)
    low, high = ticks[0], ticks[-1]
    dates = sorted({p.date for p in points} | ({target.date} if target is not None else set()))
    start, end = dates[0].toordinal(), dates[-1].toordinal()
    days = (end - start) or 1
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(date: dt.date) -> float:
        return round(LEFT + (date.toordinal() - start) / days * (plot_right - LEFT), 1)

    def y(value: float) -> float:
        return round(plot_bottom - (value - low) / ((high - low) or 1) * (plot_bottom - TOP), 1)

    unit = indicator.unit or label(indicator.measure)
    parts: list[Markup] = []
    # The vertical axis: a faint grid line and a value at every tick, the unit on top.
    for tick in ticks:
        parts.append(Markup(
            '<line class="fb-chart__grid" stroke="currentColor" x1="{l}" x2="{r}" y1="{y}" y2="{y}"/>'
            '<text class="fb-chart__tick" x="{tx}" y="{y}" dy="0.35em" text-anchor="end">{v}</text>'
        ).format(l=LEFT, r=plot_right, y=y(tick), tx=LEFT - 8, v=number(tick)))
    parts.append(Markup('<text class="fb-chart__axis-name" x="{x}" y="{y}">{unit}</text>').format(
        x=LEFT - 8, y=TOP - 24, unit=unit))
    parts.append(Markup('<text class="fb-chart__aim" x="{x}" y="{y}" text-anchor="end">{aim}</text>').format(
        x=WIDTH - 4, y=TOP - 24, aim=aim(indicator)))
    # The horizontal axis: the dates of the values and of the target, spaced so they do not overlap.
    # The first and last dates and the latest value's date first, then the others where there is room.
    shown: list[dt.date] = []
    for date in [dates[0], dates[-1], points[-1].date, *dates[1:-1]]:
        if date not in shown and all(abs(x(date) - x(other)) >= DATE_GAP for other in shown):
            shown.append(date)
    shown.sort()
    parts.append(Markup('<line class="fb-chart__axis" stroke="currentColor" x1="{l}" x2="{r}" y1="{b}" y2="{b}"/>').format(
        l=LEFT, r=plot_right, b=plot_bottom))
    for date in shown:
        parts.append(Markup(
            '<line class="fb-chart__axis" stroke="currentColor" x1="{x}" x2="{x}" y1="{b}" y2="{b2}"/>'
            '<text class="fb-chart__tick fb-chart__date" x="{x}" y="{ty}" text-anchor="middle">{d}</text>'
        ).format(x=x(date), b=plot_bottom, b2=plot_bottom + 5, ty=plot_bottom + 20, d=short_date(date)))
    parts.append(Markup('<text class="fb-chart__axis-name" x="{x}" y="{y}" text-anchor="middle">Date</text>').format(
        x=round((LEFT + plot_right) / 2, 1), y=HEIGHT - 8))
    # The baseline and the target: lines across, each named at its end with its value.
    references = []
    if base is not None:
        references.append(("baseline", f"Baseline {number(base.value)}", float(base.value)))
    if target is not None:
        references.append(("target", f"Target {number(target.value)}", float(target.value)))
    label_ys = _spread([y(value) for _, _, value in references], LABEL_GAP, TOP, plot_bottom)
    for (kind, name, value), label_y in zip(references, label_ys):
        parts.append(Markup(
            '<line class="fb-chart__{k}" stroke="currentColor" x1="{l}" x2="{r}" y1="{y}" y2="{y}"/>'
            '<text class="fb-chart__ref-name" x="{tx}" y="{ly}" dy="0.35em">{name}</text>'
        ).format(k=kind, l=LEFT, r=plot_right, y=y(value), tx=plot_right + 8, ly=label_y, name=name))
    if target is not None:
        tx, ty = x(target.date), y(float(target.value))
        parts.append(Markup(
            '<path class="fb-chart__target-mark" d="M{x} {t}L{r} {y}L{x} {b}L{l} {y}Z"/>'
        ).format(x=tx, y=ty, t=round(ty - 6, 1), b=round(ty + 6, 1), l=round(tx - 6, 1), r=round(tx + 6, 1)))
    # The values: the line, a dot at each, the latest value written by its dot.
    line = " ".join(f"{x(p.date)},{y(p.value)}" for p in points)
    dots = Markup("").join(Markup('<circle cx="{x}" cy="{y}" r="4"/>').format(x=x(p.date), y=y(p.value))
                           for p in points)
    parts.append(Markup('<polyline class="fb-chart__line" points="{line}"/><g class="fb-chart__dots">{dots}</g>')
                 .format(line=line, dots=dots))
    last = points[-1]
    parts.append(Markup(
        '<text class="fb-chart__value" x="{x}" y="{y}" text-anchor="{a}">{v}</text>'
    ).format(x=x(last.date), y=round(y(last.value) - 10, 1), a="middle" if x(last.date) < plot_right - 20 else "end",
             v=number(last.value)))
    return Markup(
        '<svg class="fb-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-chart-title {id}-chart-desc" focusable="false">'
        '<title id="{id}-chart-title">{title}</title><desc id="{id}-chart-desc">{desc}</desc>'
        '<g fill="currentColor" font-size="13">{body}</g></svg>'
    ).format(w=WIDTH, h=HEIGHT, id=indicator.id, title=chart_title(indicator), desc=describe(indicator),
             body=Markup("").join(parts))


def chart_title(indicator: Indicator) -> str:
    """The chart's name: what it shows, and that the baseline and the target are marked."""
    marked = [name for name, value in (("the baseline", _numeric_baseline(indicator)),
                                       ("the target", _numeric_target(indicator))) if value is not None]
    return f"Chart: {indicator.name}" + (f", with {' and '.join(marked)} marked" if marked else "")


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 80, 24, 4


def sparkline(indicator: Indicator) -> Markup:
    """A small trend line of the values for the indicators table ('' if fewer than 2 values)."""
    points = series(indicator)
    if len(points) < 2:
        return Markup("")
    low, high = min(p.value for p in points), max(p.value for p in points)
    start, days = points[0].date.toordinal(), (points[-1].date.toordinal() - points[0].date.toordinal()) or 1

    def x(date: dt.date) -> float:
        return round(SPARK_PAD + (date.toordinal() - start) / days * (SPARK_WIDTH - 2 * SPARK_PAD), 1)

    def y(value: float) -> float:
        if high == low:
            return SPARK_HEIGHT / 2
        return round(SPARK_HEIGHT - SPARK_PAD - (value - low) / (high - low) * (SPARK_HEIGHT - 2 * SPARK_PAD), 1)

    unit = f" {indicator.unit}" if indicator.unit else ""
    first, last = points[0], points[-1]
    name = (f"Trend over {len(points)} values: from {number(first.value)}{unit} on {long_date(first.date)} "
            f"to {number(last.value)}{unit} on {long_date(last.date)}")
    return Markup(
        '<svg class="fb-spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{name}" '
        'focusable="false"><polyline class="fb-spark__line" points="{line}"/>'
        '<circle class="fb-spark__last" cx="{lx}" cy="{ly}" r="3"/></svg>'
    ).format(w=SPARK_WIDTH, h=SPARK_HEIGHT, name=name, line=" ".join(f"{x(p.date)},{y(p.value)}" for p in points),
             lx=x(last.date), ly=y(last.value))


def progress_bar(value: float | None) -> Markup:
    """A progress bar whose figure is also written out (never colour or length alone)."""
    if value is None:
        return Markup("")
    return Markup(
        '<span class="fb-progress"><span class="fb-progress__bar" aria-hidden="true">'
        '<span class="fb-progress__done" style="width: {v}%"></span></span> '
        '<span class="fb-progress__text">{t} % of the way to the target</span></span>'
    ).format(v=value, t=number(value))
