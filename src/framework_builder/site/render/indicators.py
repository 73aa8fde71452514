"""Indicator progress and charts.

Progress = (latest − baseline) / (target − baseline), as IATI's d-portal shows it, given only
where it means what it says: the latest value is a number, the baseline and the target are known
numbers that agree with the direction (for `decrease` the target is below the baseline), and the
value has not moved away from the target. A value past the target is "Target reached", never more
than 100 %; `maintain` says whether the latest value is at, above or below the target. Otherwise
the page shows the values and says in words why it gives no figure.

Each series is drawn as a small inline SVG (no script, no third party) that carries its own
description; the page also lists every value in a table. A value over a period (a quarter, a
year) is drawn at the middle of its period and named by the period on the axis.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from babel.dates import format_skeleton
from markupsafe import Markup

from framework_builder.model.framework import (
    Action,
    DatedValue,
    Direction,
    Framework,
    Goal,
    Indicator,
    Measure,
    Measurement,
    NotKnownYet,
    Objective,
)
from framework_builder.model.items import goal_actions, indicators
from framework_builder.model.measurement import direction_agrees, is_number, middle, period_bounds
from framework_builder.site.i18n import N_, current_language, is_right_to_left, ngettext
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.text import number, when, written_locale
from framework_builder.site.render.words import label

Value = DatedValue | Measurement


@dataclass(frozen=True)
class Point:
    at: dt.date  # where it is drawn: its date, or the middle of its period
    value: float
    label: str  # "baseline", "measured"
    source: Value  # the value as written, for its words


def latest(indicator: Indicator) -> DatedValue | None:
    """The most recent measured value (with its date or period), or the baseline when nothing was
    measured yet (None when the baseline is missing or not known yet)."""
    if indicator.measurements:
        last = indicator.measurements[-1]
        return DatedValue(value=last.value, date=last.date, period=last.period)
    return indicator.baseline if isinstance(indicator.baseline, DatedValue) else None


def unit(indicator: Indicator) -> str:
    """The unit written with every value: the indicator's own, or "%" for a percent measure."""
    return indicator.unit or ("%" if indicator.measure is Measure.percent else "")


def with_unit(indicator: Indicator, value: object) -> str:
    """A value as written with its unit: '63 %', '14 reports'; a value in words stays as it is."""
    shown = number(value)
    if is_number(value) and unit(indicator):
        return _("{value} {unit}").format(value=shown, unit=unit(indicator))
    return shown


def not_known_words(value: NotKnownYet) -> str:
    """A baseline or target not known yet, with the group's note: 'Not known yet (Set from ...)'."""
    return _("Not known yet ({note})").format(note=value.note) if value.note else _("Not known yet")


def value_parts(indicator: Indicator, value: Value | NotKnownYet, on: str = "on") -> tuple[str, str]:
    """A value with its unit, and when: ('63 %', 'in the first quarter of 2024'), ('40 reports',
    'by 1 January 2027') (`on` is the word before a date: 'on', or 'by' for a target), or
    ('Not known yet (...)', '')."""
    if isinstance(value, NotKnownYet):
        return not_known_words(value), ""
    return with_unit(indicator, value.value), when(value.date, value.period, on)


def value_words(indicator: Indicator, value: Value | NotKnownYet, on: str = "on") -> str:
    """A value with its unit and when, in one line: '63 % in the first quarter of 2024'."""
    return " ".join(part for part in value_parts(indicator, value, on) if part)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Standing:
    """Where an indicator stands: a share of the way to the target (None when no honest figure can be
    given), the same in words (saying why when there is no share), and whether it moved away."""

    share: float | None
    words: str
    moved_away: bool = False


# When the aim contradicts the values: the target is below the starting point although the aim is to
# increase, or above it although the aim is to decrease (`direction_agrees`).
_CONTRADICTS = {
    Direction.increase: N_("The target ({target}) is below the starting point ({baseline}) although the aim is "
                           "to increase, so progress is not worked out"),
    Direction.decrease: N_("The target ({target}) is above the starting point ({baseline}) although the aim is "
                           "to decrease, so progress is not worked out"),
}


def standing(indicator: Indicator) -> Standing:
    """Where the indicator stands (see the module's docstring for when a share is given)."""
    if not indicator.measurements:
        return Standing(None, _("Not measured yet"))
    now = indicator.measurements[-1].value
    if indicator.measure is Measure.qualitative or not is_number(now):
        return Standing(None, _("Described in words, not as a share of the target"))
    target = indicator.target
    if isinstance(target, NotKnownYet):
        return Standing(None, _("The target is not known yet, so progress is not worked out"))
    if target is None:
        return Standing(None, _("No target yet, so progress is not worked out"))
    if not is_number(target.value):
        return Standing(None, _("The target is described in words, so progress is not worked out"))
    if indicator.direction is Direction.maintain:
        aim = float(target.value)  # type: ignore[arg-type]
        place = (_("At the target of {target}") if now == aim
                 else _("Above the target of {target}") if now > aim  # type: ignore[operator]
                 else _("Below the target of {target}"))
        return Standing(None, place.format(target=with_unit(indicator, target.value)))
    base = indicator.baseline
    if isinstance(base, NotKnownYet):
        return Standing(None, _("The starting point is not known yet, so progress is not worked out"))
    if base is None:
        return Standing(None, _("No starting point, so progress is not worked out"))
    if not is_number(base.value):
        return Standing(None, _("The starting point is described in words, so progress is not worked out"))
    if target.value == base.value:
        return Standing(None, _("The target is the starting point, so progress is not worked out"))
    if not direction_agrees(indicator):
        return Standing(None, _(_CONTRADICTS[indicator.direction]).format(
            target=with_unit(indicator, target.value), baseline=with_unit(indicator, base.value)))
    share = (now - base.value) / (target.value - base.value) * 100  # type: ignore[operator]
    if share < 0:
        return Standing(None, _("Moved away from the target since the starting point"), moved_away=True)
    if share >= 100:
        return Standing(100.0, _("Target reached"))
    share = min(round(share, 1), 99.9)  # rounding never says 100 % before the target is reached
    return Standing(share, share_words(share))


def share_words(share: float) -> str:
    """A share of the way in words: '45.5 % of the way to the target', 'Target reached' from 100."""
    if share >= 100:
        return _("Target reached")
    return _("{share} % of the way to the target").format(share=number(share))


def progress(indicator: Indicator) -> float | None:
    """Share of the way from baseline to target, 0–100 (100 when reached), or None when no honest
    figure can be given (see `progress_words` for why)."""
    return standing(indicator).share


def progress_words(indicator: Indicator) -> str:
    """Where the indicator stands, in words; a percentage only where `progress` computes one."""
    return standing(indicator).words


def series(indicator: Indicator) -> list[Point]:
    """Baseline and measurements with numeric values, in the order they are drawn."""
    points = []
    base = indicator.baseline
    if isinstance(base, DatedValue) and is_number(base.value):
        points.append(Point(middle(base), float(base.value), "baseline", base))  # type: ignore[arg-type]
    points += [Point(middle(m), float(m.value), "measured", m) for m in indicator.measurements
               if is_number(m.value)]
    return sorted(points, key=lambda p: p.at)


def describe(indicator: Indicator) -> str:
    """The chart in words, for screen readers and for anyone who cannot see the picture."""
    parts = []
    if indicator.baseline is not None:
        parts.append(_("Starting point {value}").format(value=_lower_first(value_words(indicator, indicator.baseline))))
    if indicator.measurements:
        parts.append(_("latest {value}").format(value=value_words(indicator, indicator.measurements[-1])))
    if indicator.target is not None:
        parts.append(_("target {value}").format(value=_lower_first(value_words(indicator, indicator.target, "by"))))
    if not parts:
        return _("No values yet. {aim}.").format(aim=aim(indicator))
    text = "; ".join(parts)
    stop = "" if text.endswith(".") else "."
    # TRANSLATORS: {values} is a sentence of the values ending with its full stop; {aim} says the aim.
    return _("{values} {aim}. Progress: {progress}.").format(
        values=text + stop, aim=aim(indicator), progress=_lower_first(progress_words(indicator)))


# The chart's drawing area inside its viewBox: room on the left for the values, at the bottom
# for the dates, on the right for the names of the baseline and target lines, on top for the
# name of the values and the aim.
WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 128, 44, 50
DATE_GAP = 70  # the least room between two date labels on the axis
LABEL_GAP = 16  # the least room between the names of the baseline and the target lines

AIMS = {
    Direction.increase: N_("higher is better"),
    Direction.decrease: N_("lower is better"),
    Direction.maintain: N_("the aim is to keep it steady"),
}


def _numeric_target(indicator: Indicator) -> DatedValue | None:
    target = indicator.target
    return target if isinstance(target, DatedValue) and is_number(target.value) else None


def _numeric_baseline(indicator: Indicator) -> DatedValue | None:
    base = indicator.baseline
    return base if isinstance(base, DatedValue) and is_number(base.value) else None


def aim(indicator: Indicator) -> str:
    """The direction in words: 'Aim: increase (higher is better)'."""
    return _("{direction} ({meaning})").format(direction=label(indicator.direction),
                                               meaning=_(AIMS[indicator.direction]))


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
    """A date on the axis: Sep 2025 (sept 2025 in Spanish)."""
    return format_skeleton("yMMM", value, locale=written_locale())


def axis_label(value: DatedValue | Measurement) -> str:
    """A value's place on the date axis: its date's month (Sep 2025), or its period's short name:
    2024, H1 2024, Q1 2024, Mar 2024, 2023–24 (a range across years), Jan–Jun 2024."""
    if value.period is None:
        return short_date(value.date)  # type: ignore[arg-type]
    text = str(value.period)
    first, last = period_bounds(text)
    if "/" in text:
        if first.year != last.year:
            return f"{first:%Y}–{last:%y}"
        return f"{format_skeleton('MMM', first, locale=written_locale())}–{short_date(last)}"
    if "-H" in text or "-Q" in text:
        return f"{text[5:]} {first.year}"
    return short_date(first) if "-" in text else text


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
    # Each place on the date axis with its label: a date's month, or the period's name.
    names = {p.at: axis_label(p.source) for p in points}
    if target is not None:
        names.setdefault(middle(target), axis_label(target))
    dates = sorted(names)
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
    # The horizontal axis: the dates (or periods) of the values and of the target, spaced so they do not overlap.
    # The first and last dates and the latest value's date first, then the others where there is room.
    shown: list[dt.date] = []
    for date in [dates[0], dates[-1], points[-1].at, *dates[1:-1]]:
        if date not in shown and all(abs(x(date) - x(other)) >= DATE_GAP for other in shown):
            shown.append(date)
    shown.sort()
    parts.append(Markup('<line class="fb-chart__axis" stroke="currentColor" x1="{l}" x2="{r}" y1="{b}" y2="{b}"/>').format(
        l=LEFT, r=plot_right, b=plot_bottom))
    for date in shown:
        parts.append(Markup(
            '<line class="fb-chart__axis" stroke="currentColor" x1="{x}" x2="{x}" y1="{b}" y2="{b2}"/>'
            '<text class="fb-chart__tick fb-chart__date" x="{x}" y="{ty}" text-anchor="middle">{d}</text>'
        ).format(x=x(date), b=plot_bottom, b2=plot_bottom + 5, ty=plot_bottom + 20, d=names[date]))
    parts.append(Markup('<text class="fb-chart__axis-name" x="{x}" y="{y}" text-anchor="middle">{name}</text>').format(
        x=round((LEFT + plot_right) / 2, 1), y=HEIGHT - 8, name=_("Date")))
    # The baseline and the target: lines across, each named at its end with its value.
    references = []
    if base is not None:
        references.append(("baseline", _("Starting point {value}").format(value=number(base.value)), float(base.value)))
    if target is not None:
        references.append(("target", _("Target {value}").format(value=number(target.value)), float(target.value)))
    label_ys = _spread([y(value) for _, _, value in references], LABEL_GAP, TOP, plot_bottom)
    for (kind, name, value), label_y in zip(references, label_ys):
        parts.append(Markup(
            '<line class="fb-chart__{k}" stroke="currentColor" x1="{l}" x2="{r}" y1="{y}" y2="{y}"/>'
            '<text class="fb-chart__ref-name" x="{tx}" y="{ly}" dy="0.35em">{name}</text>'
        ).format(k=kind, l=LEFT, r=plot_right, y=y(value), tx=plot_right + 8, ly=label_y, name=name))
    if target is not None:
        tx, ty = x(middle(target)), y(float(target.value))
        parts.append(Markup(
            '<path class="fb-chart__target-mark" d="M{x} {t}L{r} {y}L{x} {b}L{l} {y}Z"/>'
        ).format(x=tx, y=ty, t=round(ty - 6, 1), b=round(ty + 6, 1), l=round(tx - 6, 1), r=round(tx + 6, 1)))
    # The values: the line, a dot at each, the latest value written by its dot.
    line = " ".join(f"{x(p.at)},{y(p.value)}" for p in points)
    dots = Markup("").join(Markup('<circle cx="{x}" cy="{y}" r="4"/>').format(x=x(p.at), y=y(p.value))
                           for p in points)
    parts.append(Markup('<polyline class="fb-chart__line" points="{line}"/><g class="fb-chart__dots">{dots}</g>')
                 .format(line=line, dots=dots))
    last = points[-1]
    parts.append(Markup(
        '<text class="fb-chart__value" x="{x}" y="{y}" text-anchor="{a}">{v}</text>'
    ).format(x=x(last.at), y=round(y(last.value) - 10, 1), a="middle" if x(last.at) < plot_right - 20 else "end",
             v=number(last.value)))
    return Markup(
        '<svg class="fb-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"{ltr} '
        'aria-labelledby="{id}-chart-title {id}-chart-desc" focusable="false">'
        '<title id="{id}-chart-title">{title}</title><desc id="{id}-chart-desc">{desc}</desc>'
        '<g fill="currentColor" font-size="13">{body}</g></svg>'
    ).format(w=WIDTH, h=HEIGHT, id=indicator.id, title=chart_title(indicator), desc=describe(indicator),
             body=Markup("").join(parts), ltr=_left_to_right())


def _left_to_right() -> Markup:
    """` direction="ltr"` on a right-to-left page: the chart's axes run left to right (time, like its
    coordinates), and its labels, anchored for that, would otherwise run off the edge they are placed at."""
    return Markup(' direction="ltr"') if is_right_to_left(current_language()) else Markup("")


def chart_title(indicator: Indicator) -> str:
    """The chart's name: what it shows, and that the baseline and the target are marked."""
    baseline, target = _numeric_baseline(indicator) is not None, _numeric_target(indicator) is not None
    if baseline and target:
        return _("Chart: {name}, with the starting point and the target marked").format(name=indicator.name)
    if baseline:
        return _("Chart: {name}, with the starting point marked").format(name=indicator.name)
    if target:
        return _("Chart: {name}, with the target marked").format(name=indicator.name)
    return _("Chart: {name}").format(name=indicator.name)


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 80, 24, 4


def sparkline(indicator: Indicator) -> Markup:
    """A small trend line of the values for the indicators table ('' if fewer than 2 values)."""
    points = series(indicator)
    if len(points) < 2:
        return Markup("")
    low, high = min(p.value for p in points), max(p.value for p in points)
    start, days = points[0].at.toordinal(), (points[-1].at.toordinal() - points[0].at.toordinal()) or 1

    def x(date: dt.date) -> float:
        return round(SPARK_PAD + (date.toordinal() - start) / days * (SPARK_WIDTH - 2 * SPARK_PAD), 1)

    def y(value: float) -> float:
        if high == low:
            return SPARK_HEIGHT / 2
        return round(SPARK_HEIGHT - SPARK_PAD - (value - low) / (high - low) * (SPARK_HEIGHT - 2 * SPARK_PAD), 1)

    first, last = points[0], points[-1]
    name = ngettext("Trend over {count} value: from {first} to {last}",
                    "Trend over {count} values: from {first} to {last}", len(points)).format(
        count=number(len(points)), first=value_words(indicator, first.source), last=value_words(indicator, last.source))
    return Markup(
        '<svg class="fb-spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{name}" '
        'focusable="false"><polyline class="fb-spark__line" points="{line}"/>'
        '<circle class="fb-spark__last" cx="{lx}" cy="{ly}" r="3"/></svg>'
    ).format(w=SPARK_WIDTH, h=SPARK_HEIGHT, name=name, line=" ".join(f"{x(p.at)},{y(p.value)}" for p in points),
             lx=x(last.at), ly=y(last.value))


def progress_bar(value: float | None) -> Markup:
    """A progress bar whose figure is also written out (never colour or length alone)."""
    if value is None:
        return Markup("")
    return Markup(
        '<span class="fb-progress"><span class="fb-progress__bar" aria-hidden="true">'
        '<span class="fb-progress__done" style="width: {v}%"></span></span> '
        '<span class="fb-progress__text">{t}</span></span>'
    ).format(v=value, t=share_words(value))


@dataclass(frozen=True)
class Work:
    """An objective or an action whose work an indicator measures (`Indicator.served_by`)."""

    goal: Goal
    kind: str  # "objective" or "action": its level, named by the framework (`level_names`)
    item: Objective | Action


def measured_work(framework: Framework) -> tuple[dict[str, list[Work]], dict[str, list[tuple[Goal, Indicator]]]]:
    """Both directions of `served_by`: indicator id → the work it measures, and objective or action
    id → the indicators that measure it (ids that name no objective or action are left out)."""
    work: dict[str, Work] = {}
    for goal in framework.goals:
        work.update((objective.id, Work(goal, "objective", objective)) for objective in goal.objectives)
        work.update((action.id, Work(goal, "action", action)) for _, _, action in goal_actions(goal))
    work_of: dict[str, list[Work]] = {}
    indicators_of: dict[str, list[tuple[Goal, Indicator]]] = {}
    for goal, indicator in indicators(framework):
        work_of[indicator.id] = [work[item_id] for item_id in indicator.served_by if item_id in work]
        for served in work_of[indicator.id]:
            indicators_of.setdefault(served.item.id, []).append((goal, indicator))
    return work_of, indicators_of
