"""What an indicator's values mean: the days a period covers, and whether baseline, target and
direction agree.

Shared by `source/checks.py` (which warns when they do not agree) and the site (which then
shows the values and says why it gives no progress figure).
"""

from __future__ import annotations

import datetime as dt
import re

from framework_builder.model.framework import DatedValue, Direction, Indicator, Measurement, NotKnownYet

_HALF = re.compile(r"^(\d{4})-H([12])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


def _month_end(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def period_bounds(period: int | str) -> tuple[dt.date, dt.date]:
    """The first and last day of a period: 2024, 2024-H1, 2024-Q1, 2024-03 or 2023-07-01/2024-06-30.

    Raises ValueError for a text that is not a period (or a range whose days do not exist)."""
    text = str(period)
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    if match := _HALF.match(text):
        year, half = int(match[1]), int(match[2])
        return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if match := _QUARTER.match(text):
        year, quarter = int(match[1]), int(match[2])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if match := _MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        return dt.date(year, month, 1), _month_end(year, month)
    if match := _RANGE.match(text):
        return dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
    raise ValueError(f"not a period: {text!r}")


def span(value: DatedValue | Measurement) -> tuple[dt.date, dt.date]:
    """The days a value covers: its one date twice, or its period's first and last day."""
    if value.date is not None:
        return value.date, value.date
    return period_bounds(value.period)  # type: ignore[arg-type]


def middle(value: DatedValue | Measurement) -> dt.date:
    """The day a value is drawn at on a chart: its date, or the middle of its period."""
    start, end = span(value)
    return start + (end - start) / 2


def is_number(value: object) -> bool:
    """True for a measured number (not text, not a yes/no)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def known_number(value: DatedValue | NotKnownYet | None) -> float | None:
    """The number of a baseline or target, None when it is missing, not known yet or written in words."""
    if isinstance(value, DatedValue) and is_number(value.value):
        return float(value.value)  # type: ignore[arg-type]
    return None


def direction_agrees(indicator: Indicator) -> bool:
    """False when the baseline and the target are numbers that contradict the direction: for
    `increase` the target must be above the baseline, for `decrease` below it (a target equal to
    the baseline asks for no change, which only `maintain` means). True otherwise, including
    when either is missing, not known yet or written in words: there is nothing to contradict."""
    base, target = known_number(indicator.baseline), known_number(indicator.target)
    if base is None or target is None:
        return True
    if indicator.direction is Direction.increase:
        return target > base
    if indicator.direction is Direction.decrease:
        return target < base
    return True
