"""Indicator progress and charts.

Progress = (latest − baseline) / (target − baseline), clamped to 0–100 %, as IATI's
d-portal shows it. Each series is drawn as a small inline SVG (no script, no third
party) that carries its own description; the page also lists every value in a table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from framework_builder.model.framework import DatedValue, Indicator
from framework_builder.site.render.text import long_date, number


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
    return ("; ".join(parts) + ".") if parts else "No values yet."


WIDTH, HEIGHT, PAD = 320, 120, 12


def chart(indicator: Indicator) -> Markup:
    """An inline SVG line chart of the series with the target as a dashed line ('' if < 2 points)."""
    points = series(indicator)
    if len(points) < 2:
        return Markup("")
    target = indicator.target
    target_value = float(target.value) if target is not None and isinstance(target.value, (int, float)) else None
    values = [p.value for p in points] + ([target_value] if target_value is not None else [])
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    start = points[0].date.toordinal()
    end = max(points[-1].date.toordinal(), target.date.toordinal() if target_value is not None else 0)
    days = (end - start) or 1

    def x(date: dt.date) -> float:
        return round(PAD + (date.toordinal() - start) / days * (WIDTH - 2 * PAD), 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    line = " ".join(f"{x(p.date)},{y(p.value)}" for p in points)
    dots = "".join(f'<circle cx="{x(p.date)}" cy="{y(p.value)}" r="3.5"/>' for p in points)
    goal = ""
    if target_value is not None:
        goal = (f'<line class="fb-chart__target" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(target_value)}" '
                f'y2="{y(target_value)}"/>')
    return Markup(
        '<svg class="fb-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-chart-title {id}-chart-desc" focusable="false">'
        '<title id="{id}-chart-title">Chart: {name}</title><desc id="{id}-chart-desc">{desc}</desc>'
        '{goal}<polyline class="fb-chart__line" points="{line}"/><g class="fb-chart__dots">{dots}</g></svg>'
    ).format(w=WIDTH, h=HEIGHT, id=indicator.id, name=indicator.name, desc=describe(indicator),
             goal=Markup(goal), line=line, dots=Markup(dots))


def progress_bar(value: float | None) -> Markup:
    """A progress bar whose figure is also written out (never colour or length alone)."""
    if value is None:
        return Markup("")
    return Markup(
        '<span class="fb-progress"><span class="fb-progress__bar" aria-hidden="true">'
        '<span class="fb-progress__done" style="width: {v}%"></span></span> '
        '<span class="fb-progress__text">{t} % of the way to the target</span></span>'
    ).format(v=value, t=number(value))
