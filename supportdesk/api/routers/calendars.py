"""Business calendars: staff read them (SLA due times depend on them), admins create, change and delete.

Times of day are "HH:MM" strings, "24:00" ends a whole day; weekdays are named. Rules given in a
PATCH (`week`, `closed_days`, `extra_days`) replace the stored ones wholesale. `due-time` answers
"when is N business minutes after this moment" with the calendar, for checking a calendar before a
policy uses it. For customers calendars do not exist (404).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from supportdesk.api.auth import actor
from supportdesk.api.common import Cursor, Input, Limit, PageOut, PathId, paginate_list
from supportdesk.core.errors import ValidationFailed
from supportdesk.sla import actions, selectors
from supportdesk.sla.actions import DayOff, ExtraDay
from supportdesk.sla.business_time import add_business_time
from supportdesk.sla.choices import WEEKDAY_KEYS
from supportdesk.sla.intervals import MAX_INTERVALS_PER_DAY, Interval, format_minutes, parse_hhmm
from supportdesk.sla.models import Calendar
from supportdesk.sla.public_holidays import MAX_YEAR, MIN_YEAR

router = Router(tags=["calendars"])

HHMM = r"^([01][0-9]|2[0-4]):[0-5][0-9]$"
SINGLE_LINE = r"^[^\r\n\x00]*$"
MAX_DAYS = actions.MAX_CUSTOM_DAYS
MAX_DUE_MINUTES = 10_000_000  # about 19 years of round-the-clock business time


class IntervalIO(Input):
    start: str = Field(pattern=HHMM, examples=["08:00"])
    end: str = Field(pattern=HHMM, examples=["12:00"])


Hours = Annotated[list[IntervalIO], Field(max_length=MAX_INTERVALS_PER_DAY)]


class WeekIO(Input):
    """Working hours per weekday; a missing or empty day is closed."""

    monday: Hours = []
    tuesday: Hours = []
    wednesday: Hours = []
    thursday: Hours = []
    friday: Hours = []
    saturday: Hours = []
    sunday: Hours = []


class ClosedDayIO(Input):
    date: dt.date
    name: str = Field("", max_length=actions.MAX_NAME, pattern=SINGLE_LINE)


class ExtraDayIO(Input):
    date: dt.date
    name: str = Field("", max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    hours: Hours


class CalendarOut(Schema):
    id: int
    name: str
    time_zone: str
    holiday_country: str
    holiday_subdivision: str
    national_workdays: bool
    is_default: bool
    week: WeekIO
    closed_days: list[ClosedDayIO]
    extra_days: list[ExtraDayIO]
    created_at: dt.datetime
    updated_at: dt.datetime


class CalendarIn(Input):
    name: str = Field(min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    time_zone: str = Field("UTC", max_length=64, description="IANA name, e.g. Europe/Budapest.")
    holiday_country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 code for public holidays; empty for none.")
    holiday_subdivision: str = Field("", max_length=16, description="Region code of the `holidays` package, e.g. BY, ENG.")
    national_workdays: bool = Field(True, description="Work on weekend days the country declares working days.")
    is_default: bool = False
    week: WeekIO
    closed_days: list[ClosedDayIO] = Field(default_factory=list, max_length=MAX_DAYS)
    extra_days: list[ExtraDayIO] = Field(default_factory=list, max_length=MAX_DAYS)


class CalendarUpdateIn(Input):
    name: str | None = Field(None, min_length=1, max_length=actions.MAX_NAME, pattern=SINGLE_LINE)
    time_zone: str | None = Field(None, max_length=64)
    holiday_country: str | None = Field(None, max_length=2)
    holiday_subdivision: str | None = Field(None, max_length=16)
    national_workdays: bool | None = None
    is_default: bool | None = None
    week: WeekIO | None = None
    closed_days: list[ClosedDayIO] | None = Field(None, max_length=MAX_DAYS)
    extra_days: list[ExtraDayIO] | None = Field(None, max_length=MAX_DAYS)


class DueTimeOut(Schema):
    start: dt.datetime
    minutes: int
    due: dt.datetime


def _interval_out(start: int, end: int) -> dict[str, str]:
    return {"start": format_minutes(start), "end": format_minutes(end)}


def calendar_out(calendar: Calendar) -> dict[str, Any]:
    """The calendar with its rules; uses the prefetched rows (selectors.with_rules), so no query per calendar."""
    week: dict[str, list[dict[str, str]]] = {key: [] for key in WEEKDAY_KEYS}
    for row in sorted(calendar.working_hours.all(), key=lambda r: (r.weekday, r.start_minute)):
        week[WEEKDAY_KEYS[row.weekday]].append(_interval_out(*row.interval))
    return {
        **{name: getattr(calendar, name) for name in ("id", "name", "time_zone", "holiday_country", "holiday_subdivision")},
        **{name: getattr(calendar, name) for name in ("national_workdays", "is_default", "created_at", "updated_at")},
        "week": week,
        "closed_days": [{"date": day.date, "name": day.name} for day in calendar.closed_days.all()],
        "extra_days": [
            {"date": day.date, "name": day.name, "hours": [_interval_out(*i.interval) for i in day.intervals.all()]}
            for day in calendar.extra_days.all()
        ],
    }


def _minutes(hours: list[IntervalIO], field: str, errors: dict[str, str]) -> tuple[Interval, ...]:
    parsed = []
    for interval in hours:
        start, end = parse_hhmm(interval.start), parse_hhmm(interval.end)
        if start is None or end is None:
            errors[field] = _("Times must lie between 00:00 and 24:00.")
            continue
        parsed.append((start, end))
    return tuple(parsed)


def _values(data: dict[str, Any], payload: CalendarIn | CalendarUpdateIn) -> dict[str, Any]:
    """API shapes -> action values: named weekdays to numbers, "HH:MM" to minutes, days to DayOff/ExtraDay."""
    errors: dict[str, str] = {}
    if payload.week is not None and "week" in data:
        data["week"] = {number: _minutes(getattr(payload.week, key), f"week.{key}", errors) for number, key in enumerate(WEEKDAY_KEYS)}
    if payload.closed_days is not None and "closed_days" in data:
        data["closed_days"] = [DayOff(day.date, day.name) for day in payload.closed_days]
    if payload.extra_days is not None and "extra_days" in data:
        data["extra_days"] = [
            ExtraDay(day.date, _minutes(day.hours, f"extra_days[{index}]", errors), day.name)
            for index, day in enumerate(payload.extra_days)
        ]
    if errors:
        raise ValidationFailed(_("Please correct the calendar."), field_errors=errors)
    return data


@router.get("/calendars", response=PageOut[CalendarOut], summary="List calendars (staff)")
def list_calendars(request: HttpRequest, cursor: Cursor = None, limit: Limit = 25) -> dict[str, Any]:
    page = paginate_list(selectors.calendars(actor(request)), order=["name"], cursor=cursor, limit=limit)
    return {"items": [calendar_out(c) for c in page.items], "next_cursor": page.next_cursor}


@router.post("/calendars", response={201: CalendarOut}, summary="Create a calendar (admins)")
def create(request: HttpRequest, payload: CalendarIn) -> Status[dict[str, Any]]:
    user = actor(request)
    selectors.require_staff(user)
    calendar = actions.create_calendar(user, _values(payload.model_dump(), payload))
    return Status(201, calendar_out(calendar))


@router.get("/calendars/{calendar_id}", response=CalendarOut, summary="Read a calendar (staff)")
def read(request: HttpRequest, calendar_id: PathId) -> dict[str, Any]:
    return calendar_out(selectors.get_calendar(actor(request), calendar_id))


@router.patch("/calendars/{calendar_id}", response=CalendarOut, summary="Change a calendar (admins; rules given replace the stored ones)")
def update(request: HttpRequest, payload: CalendarUpdateIn, calendar_id: PathId) -> dict[str, Any]:
    user = actor(request)
    calendar = selectors.get_calendar(user, calendar_id)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    actions.update_calendar(user, calendar, _values(data, payload))
    return calendar_out(selectors.get_calendar(user, calendar_id))


@router.delete("/calendars/{calendar_id}", response={204: None}, summary="Delete a calendar (admins)")
def delete(request: HttpRequest, calendar_id: PathId) -> Status[None]:
    user = actor(request)
    actions.delete_calendar(user, selectors.get_calendar(user, calendar_id))
    return Status(204, None)


@router.get("/calendars/{calendar_id}/due-time", response=DueTimeOut, summary="Business minutes after a moment (staff)")
def due_time(
    request: HttpRequest,
    calendar_id: PathId,
    start: Annotated[dt.datetime, Query(description="ISO 8601 with a UTC offset, e.g. 2025-03-14T16:30:00+01:00.")],
    minutes: Annotated[int, Query(ge=0, le=MAX_DUE_MINUTES, description="Business minutes to add.")],
) -> dict[str, Any]:
    """The moment `minutes` of business time after `start`, with public holidays resolved around `start`."""
    calendar = selectors.get_calendar(actor(request), calendar_id)
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValidationFailed(_("Give the time with its UTC offset."), field_errors={"start": _("A UTC offset is required.")})
    if not MIN_YEAR < start.year < MAX_YEAR:
        raise ValidationFailed(_("Please correct the time."), field_errors={"start": _("Out of range.")})
    due = add_business_time(start, dt.timedelta(minutes=minutes), selectors.spec_for(calendar, now=start))
    return {"start": start, "minutes": minutes, "due": due}
