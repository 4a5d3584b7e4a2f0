"""Business-time maths on a CalendarSpec: pure functions, no database, no clock.

Business time is real elapsed time (what a stopwatch measures) inside working hours. Working hours
are local wall-clock times, so on a spring-forward night an interval 00:00-04:00 lasts 3 hours and
on a fall-back night 4:00 is reached after 5. A wall time that does not exist (02:30 when the
clocks jump from 02:00 to 03:00) stands for the moment of the jump, the first moment the clock has
passed it; a wall time that happens twice (02:30 when the clocks go back) means its first
occurrence. Both rules make "later wall time" mean "not earlier instant", which keeps every
function below monotonic.

Inputs must be aware datetimes (any zone); results are aware UTC datetimes. Intervals are
half-open: business time starts at an interval's start and ends at (not including) its end.

Loops are bounded: whole weeks without exceptions or clock changes are skipped arithmetically, so
a duration of years costs a few thousand steps; a calendar with no working time ahead raises
NoBusinessTime instead of searching for ever; dates outside the spec's range raise
OutsideCalendarRange.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed
from supportdesk.sla.intervals import MINUTES_PER_DAY
from supportdesk.sla.spec import CalendarSpec, OutsideCalendarRange

__all__ = [
    "CalendarSpec",
    "NoBusinessTime",
    "OutsideCalendarRange",
    "add_business_time",
    "business_time_between",
    "is_business_time",
    "next_business_moment",
]

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)
ONE_SECOND = timedelta(seconds=1)
ZERO = timedelta(0)
# A bound on how far add_business_time searches (a calendar without holidays has no range of its
# own): far beyond any service target, and well before datetime's year 9999 overflows.
MAX_YEARS_AHEAD = 200


class NoBusinessTime(ValidationFailed):
    """The calendar has no working time at or after the moment asked about."""


def add_business_time(start: datetime, duration: timedelta, spec: CalendarSpec) -> datetime:
    """The earliest moment by which `duration` of business time has passed since `start`.

    A zero duration returns `start` itself (in UTC), even outside working hours. A positive one
    returns a moment inside working hours or at an interval's end (08:00-12:00 with 4 hours from
    08:00 gives 12:00, not the 13:00 after lunch). So business_time_between(start, result) ==
    duration and add(add(s, a), b) == add(s, a + b) hold exactly. Negative durations raise
    ValueError: measure backwards with business_time_between.
    """
    moment = _as_utc(start, "start")
    if duration < ZERO:
        raise ValueError("duration must not be negative")
    if not duration:
        return moment
    remaining = duration
    day = _local_date(spec, moment)
    horizon = day.replace(year=min(day.year + MAX_YEARS_AHEAD, 9998), month=1, day=1)
    while True:
        if day >= horizon:
            raise OutsideCalendarRange(_("A due time more than %(years)d years ahead is not supported.") % {"years": MAX_YEARS_AHEAD})
        if remaining > spec.weekly_duration > ZERO and moment <= _wall(spec.tz, day, 0) and _plain_week(spec, day):
            remaining -= spec.weekly_duration
            day += ONE_WEEK
            moment = _wall(spec.tz, day, 0)
            continue
        _check_open(spec, day)
        for begin, end in _day_intervals(spec, day):
            if end <= moment:
                continue
            begin = max(begin, moment)
            if end - begin >= remaining:
                return begin + remaining
            remaining -= end - begin
            moment = end
        day += ONE_DAY


def business_time_between(a: datetime, b: datetime, spec: CalendarSpec) -> timedelta:
    """Business time from `a` to `b`; signed: negative when `b` is before `a`, zero when they are equal.

    The sign makes "remaining" and "overdue by" one call: business_time_between(now, due) is
    positive before the due time and minus the business time overdue after it.
    """
    first, last = _as_utc(a, "a"), _as_utc(b, "b")
    if last < first:
        return -business_time_between(last, first, spec)
    total = ZERO
    day = _local_date(spec, first)
    while True:
        day_start = _wall(spec.tz, day, 0)
        if day_start >= last:
            return total
        if day_start >= first and _wall(spec.tz, day + ONE_WEEK, 0) <= last and _plain_week(spec, day):
            total += spec.weekly_duration
            day += ONE_WEEK
            continue
        for begin, end in _day_intervals(spec, day):
            overlap = min(end, last) - max(begin, first)
            if overlap > ZERO:
                total += overlap
        day += ONE_DAY


def is_business_time(moment: datetime, spec: CalendarSpec) -> bool:
    """Whether `moment` lies inside working hours (an interval's start counts, its end does not)."""
    instant = _as_utc(moment, "moment")
    return any(begin <= instant < end for begin, end in _day_intervals(spec, _local_date(spec, instant)))


def next_business_moment(moment: datetime, spec: CalendarSpec) -> datetime:
    """`moment` itself when it is business time, else the start of the next working interval."""
    instant = _as_utc(moment, "moment")
    day = _local_date(spec, instant)
    while True:
        _check_open(spec, day)
        for begin, end in _day_intervals(spec, day):
            if end > instant:
                return max(begin, instant)
        day += ONE_DAY


def day_intervals(day: date, spec: CalendarSpec) -> list[tuple[datetime, datetime]]:
    """The working intervals of one local date as (start, end) UTC pairs, without empty ones."""
    return list(_day_intervals(spec, day))


def _as_utc(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")
    return moment.astimezone(UTC)


def _local_date(spec: CalendarSpec, instant: datetime) -> date:
    return instant.astimezone(spec.tz).date()


def _check_open(spec: CalendarSpec, day: date) -> None:
    if not spec.open_after(day):
        raise NoBusinessTime(_("The calendar has no working hours on or after %(day)s.") % {"day": day.isoformat()})


def _day_intervals(spec: CalendarSpec, day: date) -> Iterator[tuple[datetime, datetime]]:
    for start, end in spec.hours_on(day):
        begin, finish = _wall(spec.tz, day, start), _wall(spec.tz, day, end)
        if finish > begin:  # an interval inside a skipped hour has no length
            yield begin, finish


def _plain_week(spec: CalendarSpec, day: date) -> bool:
    """Whether the seven days from `day` have their weekdays' hours and one UTC offset throughout.

    Then the week holds exactly `weekly_duration` of business time and its wall times are seven
    days of real time later than a week before, which is what lets the maths skip it whole.
    Offsets are compared at the eight midnights; tz data has no zone whose clocks change and
    change back within one day.
    """
    last = day + timedelta(days=6)
    if not spec.covers(day, last) or spec.has_exception_between(day, last):
        return False
    return _steady_week(spec.tz, day)


@lru_cache(maxsize=1 << 14)
def _steady_week(tz: ZoneInfo, day: date) -> bool:
    offset = datetime.combine(day, time(), tzinfo=tz).utcoffset()
    return all(datetime.combine(day + timedelta(days=n), time(), tzinfo=tz).utcoffset() == offset for n in range(1, 8))


# Memoised: the same calendar days recur for every ticket of a calendar (due times are recomputed
# in bulk after a calendar change), the key is small and the value immutable.
@lru_cache(maxsize=1 << 16)
def _wall(tz: ZoneInfo, day: date, minute: int) -> datetime:
    """The UTC instant of wall time `minute` (0..1440) on local `day`, by the rules in the module docstring."""
    if minute == MINUTES_PER_DAY:
        day, minute = day + ONE_DAY, 0
    naive = datetime.combine(day, time(minute // 60, minute % 60))
    instant = naive.replace(tzinfo=tz).astimezone(UTC)  # fold=0: the first occurrence of a repeated time
    if instant.astimezone(tz).replace(tzinfo=None) == naive:
        return instant
    return _jump_moment(tz, naive)


def _jump_moment(tz: ZoneInfo, naive: datetime) -> datetime:
    """The instant the clocks jumped over the non-existent wall time `naive`.

    With fold=1 the wall time is read with the offset after the jump (an instant before it), with
    fold=0 with the offset before (an instant after it); the jump lies between, found by
    bisection to the second (tz data changes offsets on whole seconds).
    """
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    before = low.astimezone(tz).utcoffset()
    while high - low > ONE_SECOND:
        middle = low + (high - low) // 2
        middle = middle.replace(microsecond=0)
        if middle.astimezone(tz).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high
