"""CalendarSpec: everything the business-time maths needs to know about a calendar, as plain values.

A spec is immutable and hashable, holds no database rows and no clock, so the maths on it is pure,
testable without a database, and cacheable by whoever builds it (the spec of one calendar changes
only when the calendar does). `build_spec` turns a calendar's settings into a spec: public holidays
are resolved for a bounded range of years, and the maths refuses dates outside that range
(OutsideCalendarRange) rather than silently ignoring the holidays it does not know.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from supportdesk.core.errors import ValidationFailed
from supportdesk.sla.intervals import DayHours, Interval, format_minutes, normalise_day
from supportdesk.sla.public_holidays import canonical_region, public_holidays, weekend_workdays


class OutsideCalendarRange(ValidationFailed):
    """The computation reached a date whose holidays were not resolved into the spec."""


@dataclass(frozen=True)
class CalendarSpec:
    """Weekly hours in a time zone, with dated exceptions that replace a weekday's hours.

    `week[0]` is Monday. `exceptions` holds (date, hours) pairs sorted by date; empty hours mean
    closed (a public holiday, a custom closed day), non-empty hours replace the weekday's (an extra
    working day). `first_day`/`last_day` bound the dates the spec knows about (both None: every
    date; used when no public holidays are involved).
    """

    time_zone: str
    week: tuple[DayHours, ...]
    exceptions: tuple[tuple[date, DayHours], ...] = ()
    first_day: date | None = None
    last_day: date | None = None
    tz: ZoneInfo = field(init=False, repr=False, compare=False)
    weekly_duration: timedelta = field(init=False, repr=False, compare=False)
    _by_date: dict[date, DayHours] = field(init=False, repr=False, compare=False)
    _dates: tuple[date, ...] = field(init=False, repr=False, compare=False)
    _last_open_exception: date | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("week needs seven days, Monday first")
        for hours in self.week:
            normalise_day(hours)
        dates = tuple(day for day, _hours in self.exceptions)
        if list(dates) != sorted(set(dates)):
            raise ValueError("exceptions must be sorted by date, one per date")
        for _day, hours in self.exceptions:
            normalise_day(hours)
        if (self.first_day is None) != (self.last_day is None) or (self.first_day and self.last_day and self.first_day > self.last_day):
            raise ValueError("first_day and last_day are both None or an ordered pair")
        setattr_ = object.__setattr__
        setattr_(self, "tz", ZoneInfo(self.time_zone))
        setattr_(self, "weekly_duration", timedelta(minutes=sum(end - start for hours in self.week for start, end in hours)))
        setattr_(self, "_by_date", dict(self.exceptions))
        setattr_(self, "_dates", dates)
        setattr_(self, "_last_open_exception", max((day for day, hours in self.exceptions if hours), default=None))

    def hours_on(self, day: date) -> DayHours:
        """The working hours of one local date; raises OutsideCalendarRange outside the known dates."""
        self.check_covers(day, day)
        return self._by_date.get(day, self.week[day.weekday()])

    def covers(self, first: date, last: date) -> bool:
        return self.first_day is None or (self.first_day <= first and last <= self.last_day)  # type: ignore[operator]

    def check_covers(self, first: date, last: date) -> None:
        if not self.covers(first, last):
            raise OutsideCalendarRange(
                _("The calendar's public holidays are known from %(first)s to %(last)s; %(day)s is outside.")
                % {"first": self.first_day, "last": self.last_day, "day": first if first < self.first_day else last}  # type: ignore[operator]
            )

    def has_exception_between(self, first: date, last: date) -> bool:
        """Whether any date in first..last (inclusive) has hours other than its weekday's."""
        index = bisect_left(self._dates, first)
        return index < len(self._dates) and self._dates[index] <= last

    def open_after(self, day: date) -> bool:
        """Whether any working time can exist on or after `day` (False: searching further is endless)."""
        return bool(self.weekly_duration) or (self._last_open_exception is not None and self._last_open_exception >= day)

    def describe_week(self) -> str:
        """Compact text such as 'Mon 08:00-12:00 13:00-17:00; ...' for messages and logs."""
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        return "; ".join(
            f"{name} " + " ".join(f"{format_minutes(s)}-{format_minutes(e)}" for s, e in hours)
            for name, hours in zip(names, self.week, strict=True)
            if hours
        )


def build_spec(
    *,
    time_zone: str,
    week: Sequence[Iterable[Interval]],
    closed_days: Iterable[date] = (),
    extra_days: Mapping[date, Iterable[Interval]] | None = None,
    holiday_country: str = "",
    holiday_subdivision: str = "",
    national_workdays: bool = True,
    years: tuple[int, int] | None = None,
) -> CalendarSpec:
    """Combine weekly hours, public holidays and custom days into a spec.

    Precedence, most specific last: the weekday's hours; the country's weekend working days (only
    on weekdays without hours; they get the hours of the nearest earlier weekday that has some, e.g.
    a working Saturday those of Friday); public holidays (closed); extra working days (their own
    hours); custom closed days (closed). With a holiday country, `years` (first, last) is required
    and becomes the spec's range; without one the spec covers every date.
    """
    weekly = tuple(normalise_day(hours) for hours in week)
    if len(weekly) != 7:
        raise ValueError("week needs seven days, Monday first")
    country, subdivision = canonical_region(holiday_country, holiday_subdivision)
    days: dict[date, DayHours] = {}
    first_day = last_day = None
    if country:
        if years is None:
            raise ValueError("years (first, last) are required to resolve public holidays")
        first_year, last_year = years
        first_day, last_day = date(first_year, 1, 1), date(last_year, 12, 31)
        if national_workdays:
            for day in weekend_workdays(country, subdivision, first_year, last_year):
                if not weekly[day.weekday()]:
                    days[day] = _hours_before(weekly, day.weekday())
        days.update(dict.fromkeys(public_holidays(country, subdivision, first_year, last_year), ()))
    for day, hours in (extra_days or {}).items():
        days[day] = normalise_day(hours)
    days.update(dict.fromkeys(closed_days, ()))
    # An "exception" equal to the weekday's own hours (a holiday on a closed Sunday) changes
    # nothing; dropping it keeps such weeks eligible for the maths' whole-week skipping.
    exceptions = tuple(sorted((day, hours) for day, hours in days.items() if hours != weekly[day.weekday()]))
    return CalendarSpec(time_zone=time_zone, week=weekly, exceptions=exceptions, first_day=first_day, last_day=last_day)


def _hours_before(weekly: tuple[DayHours, ...], weekday: int) -> DayHours:
    for back in range(1, 8):
        hours = weekly[(weekday - back) % 7]
        if hours:
            return hours
    return ()
