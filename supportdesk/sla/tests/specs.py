"""Calendars shared by the SLA tests, as specs (no database), and a local-time helper."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from supportdesk.sla.intervals import Interval
from supportdesk.sla.spec import CalendarSpec, build_spec

BUDAPEST = ZoneInfo("Europe/Budapest")
RIGA = ZoneInfo("Europe/Riga")
BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")
YEARS = (2024, 2028)


def hm(text: str) -> int:
    """'08:30' -> 510 minutes."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def hours(*spans: str) -> tuple[Interval, ...]:
    """hours('08:00-12:00', '13:00-17:00') -> ((480, 720), (780, 1020))."""
    return tuple((hm(span.split("-")[0]), hm(span.split("-")[1])) for span in spans)


def weekdays(day: tuple[Interval, ...]) -> list[tuple[Interval, ...]]:
    """The same hours Monday to Friday, closed at the weekend."""
    return [day] * 5 + [(), ()]


def every_day(day: tuple[Interval, ...]) -> list[tuple[Interval, ...]]:
    return [day] * 7


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone, fold=fold)


def spec(
    zone: ZoneInfo,
    week: list[tuple[Interval, ...]],
    *,
    country: str = "",
    subdivision: str = "",
    closed: Iterable[date] = (),
    extra: Mapping[date, Iterable[Interval]] | None = None,
    national_workdays: bool = True,
) -> CalendarSpec:
    return build_spec(
        time_zone=zone.key,
        week=week,
        closed_days=closed,
        extra_days=extra,
        holiday_country=country,
        holiday_subdivision=subdivision,
        national_workdays=national_workdays,
        years=YEARS if country else None,
    )


OFFICE = hours("08:00-12:00", "13:00-17:00")
# Budapest office: weekdays with a lunch break, Hungarian public holidays and working Saturdays.
BUDAPEST_OFFICE = spec(BUDAPEST, weekdays(OFFICE), country="HU")
# Riga office: weekdays 09:00-18:00, Latvian public holidays.
RIGA_OFFICE = spec(RIGA, weekdays(hours("09:00-18:00")), country="LV")
