"""Working-hour intervals as minutes after local midnight, and their one set of rules.

Minutes rather than `datetime.time` because a whole day ends at 24:00, which `time` cannot hold.
An interval is (start, end) with 0 <= start < end <= 1440; the intervals of one day are sorted and
may touch (12:00-13:00 after 08:00-12:00) but not overlap. The models, the actions, the API and
CalendarSpec all check through `day_error`, so a day that passed one of them passes all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from django.utils.translation import gettext as _

Interval = tuple[int, int]
DayHours = tuple[Interval, ...]

MINUTES_PER_DAY = 24 * 60
MAX_INTERVALS_PER_DAY = 24
_HHMM = re.compile(r"([01][0-9]|2[0-4]):([0-5][0-9])")


def parse_hhmm(text: str) -> int | None:
    """'08:30' -> 510 and '24:00' -> 1440; None for anything else (the caller names the field)."""
    match = _HHMM.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    return minutes if minutes <= MINUTES_PER_DAY else None


def format_minutes(minutes: int) -> str:
    """510 -> '08:30', 1440 -> '24:00'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_interval(interval: Interval) -> str:
    return f"{format_minutes(interval[0])}-{format_minutes(interval[1])}"


def interval_error(start: int, end: int) -> str | None:
    """Why (start, end) is not a valid interval of one day, or None."""
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return _("Times must be whole minutes.")
    if not (0 <= start <= MINUTES_PER_DAY and 0 <= end <= MINUTES_PER_DAY):
        return _("Times must lie between 00:00 and 24:00.")
    if start >= end:
        return _("%(interval)s: the start must be before the end.") % {"interval": format_interval((start, end))}
    return None


def day_error(intervals: Iterable[Interval]) -> str | None:
    """Why these intervals cannot be one day's working hours (bad interval, overlap, too many), or None."""
    ordered = sorted(intervals)
    if len(ordered) > MAX_INTERVALS_PER_DAY:
        return _("At most %(count)d intervals per day.") % {"count": MAX_INTERVALS_PER_DAY}
    for start, end in ordered:
        error = interval_error(start, end)
        if error:
            return error
    for before, after in pairwise(ordered):
        if after[0] < before[1]:
            return _("%(first)s and %(second)s overlap.") % {"first": format_interval(before), "second": format_interval(after)}
    return None


def normalise_day(intervals: Iterable[Interval]) -> DayHours:
    """Sorted intervals of one day; raises ValueError (with the reason) when they break the rules."""
    ordered = tuple(sorted((start, end) for start, end in intervals))
    error = day_error(ordered)
    if error:
        raise ValueError(error)
    return ordered
