"""The build date: fixed by an option or SOURCE_DATE_EPOCH, so builds are reproducible."""

from __future__ import annotations

import datetime as dt
import os

from framework_builder.errors import BuildDateError


def build_date(today: dt.date | None = None) -> dt.date:
    """--today, else SOURCE_DATE_EPOCH (seconds since 1970, UTC), else today's date."""
    if today is not None:
        return today
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise BuildDateError(f"SOURCE_DATE_EPOCH must be a number of seconds, not '{epoch}'") from None
    return dt.date.today()
